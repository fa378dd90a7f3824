package app

import (
	"math"
	"strconv"
)

func nan() float64             { return math.NaN() }
func isNaN(f float64) bool     { return math.IsNaN(f) }
func itoa(i int) string        { return strconv.Itoa(i) }
func round4(f float64) float64 { return math.Round(f*10000) / 10000 }
