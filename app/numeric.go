package app

import (
	"math"
	"strconv"
	"strings"
	"time"
)

func nan() float64      { return math.NaN() }
func itoa(i int) string { return strconv.Itoa(i) }

// MonthAbbr returns the short English name of a calendar month ("Jan").
func (l Locale) MonthAbbr(m time.Month) string { return monthAbbr[m-1] }

// FromMajor converts a number of major units (a chart value) back to minor
// units of c, rounding half away from zero.
func FromMajor(v float64, c Currency) int64 { return int64(math.Round(v * math.Pow10(c.Digits))) }

// OrDash shows an empty text as a dash (in tables and the PDF).
func OrDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// Count writes n with the singular or plural noun: "1 month", "3 months".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
