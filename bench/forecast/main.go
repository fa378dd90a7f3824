// Command forecast compares the forecasting methods of app/forecast on
// synthetic monthly series with known structure: each series is fitted on
// all but its last -holdout months, every method (forced) and the
// automatic choice forecast those months, and the command prints, per
// method, the mean sMAPE and MASE and how many held-out months fell inside
// the 80 % and 95 % ranges, plus the time the automatic fits took.
//
//	go run ./bench/forecast [-n 40] [-months 48] [-holdout 12] [-seed 1]
//
// The families (n series each, noise and shape drawn at random):
//
//	retail    short, noisy sales with a moderate seasonal shape (noise 15–30 %)
//	additive  stable level, additive seasonality, noise 5–15 %
//	trend     multiplicative seasonality on a linear trend (−0.5…+1.5 %/month)
//	walk      seasonality on a randomly wandering level
//	damped    a trend that flattens out, with seasonality
//	outliers  seasonal series with two one-off months of 2–4× the level
//	flat      no seasonality: a noisy level with a small drift
package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"salesplan/app/forecast"
)

// family draws one series of n months.
type family struct {
	name string
	draw func(r *rand.Rand, n int) []float64
}

func season(t int, phase float64) float64 {
	x := 2 * math.Pi * (float64(t) + phase) / 12
	return math.Sin(x) + 0.5*math.Cos(2*x)
}

var families = []family{
	{"retail", func(r *rand.Rand, n int) []float64 {
		lvl, amp, noise, tr := 50+r.Float64()*500, 0.15+0.35*r.Float64(), 0.15+0.15*r.Float64(), -0.002+0.01*r.Float64()
		ph := r.Float64() * 12
		y := make([]float64, n)
		for t := range y {
			y[t] = math.Max(0, lvl*(1+tr*float64(t))*(1+amp*season(t, ph))*(1+noise*r.NormFloat64()))
		}
		return y
	}},
	{"additive", func(r *rand.Rand, n int) []float64 {
		lvl, amp, noise := 100+r.Float64()*900, 0.1+0.3*r.Float64(), 0.05+0.1*r.Float64()
		ph := r.Float64() * 12
		y := make([]float64, n)
		for t := range y {
			y[t] = lvl + lvl*amp*season(t, ph) + lvl*noise*r.NormFloat64()
		}
		return y
	}},
	{"trend", func(r *rand.Rand, n int) []float64 {
		lvl, amp, noise, tr := 100+r.Float64()*900, 0.1+0.3*r.Float64(), 0.04+0.08*r.Float64(), -0.005+0.02*r.Float64()
		ph := r.Float64() * 12
		y := make([]float64, n)
		for t := range y {
			y[t] = lvl * (1 + tr*float64(t)) * (1 + amp*season(t, ph)) * (1 + noise*r.NormFloat64())
		}
		return y
	}},
	{"walk", func(r *rand.Rand, n int) []float64 {
		lvl, amp, noise, step := 100+r.Float64()*900, 0.1+0.3*r.Float64(), 0.03+0.07*r.Float64(), 0.02+0.04*r.Float64()
		ph := r.Float64() * 12
		y := make([]float64, n)
		l := lvl
		for t := range y {
			l = math.Max(0.2*lvl, l+step*lvl*r.NormFloat64())
			y[t] = l * (1 + amp*season(t, ph)) * (1 + noise*r.NormFloat64())
		}
		return y
	}},
	{"damped", func(r *rand.Rand, n int) []float64 {
		lvl, amp, noise, g := 100+r.Float64()*900, 0.1+0.3*r.Float64(), 0.04+0.08*r.Float64(), 0.02+0.04*r.Float64()
		ph := r.Float64() * 12
		y := make([]float64, n)
		l, b := lvl, g*lvl
		for t := range y {
			l += b
			b *= 0.9
			y[t] = l * (1 + amp*season(t, ph)) * (1 + noise*r.NormFloat64())
		}
		return y
	}},
	{"outliers", func(r *rand.Rand, n int) []float64 {
		lvl, amp, noise := 100+r.Float64()*900, 0.1+0.3*r.Float64(), 0.05+0.08*r.Float64()
		ph := r.Float64() * 12
		y := make([]float64, n)
		for t := range y {
			y[t] = lvl * (1 + amp*season(t, ph)) * (1 + noise*r.NormFloat64())
		}
		for k := 0; k < 2; k++ { // one-off months in the training part
			t := r.IntN(max(1, n-12))
			y[t] += lvl * (1 + 2*r.Float64())
		}
		return y
	}},
	{"flat", func(r *rand.Rand, n int) []float64 {
		lvl, noise, tr := 100+r.Float64()*900, 0.05+0.15*r.Float64(), -0.003+0.006*r.Float64()
		y := make([]float64, n)
		for t := range y {
			y[t] = lvl*(1+tr*float64(t)) + lvl*noise*r.NormFloat64()
		}
		return y
	}},
}

type tally struct {
	smape, mase    float64
	series, months int
	in80, in95     int
	failed         int
	chosen         map[string]int
	byFamily       map[string]float64 // sMAPE sum per family
	byFamilyN      map[string]int
	maseSkipped    int
	why            string // the last error
}

func main() {
	nPer := flag.Int("n", 40, "series per family")
	months := flag.Int("months", 48, "months per series, holdout included")
	hold := flag.Int("holdout", 12, "months held out and forecast")
	seed := flag.Uint64("seed", 1, "random seed")
	only := flag.String("methods", "", "comma-separated method codes (default: all)")
	flag.Parse()
	if *months-*hold < 1 || *hold < 1 {
		fmt.Fprintln(os.Stderr, "forecast: -holdout must leave at least one month to fit on")
		os.Exit(2)
	}
	methods := append([]string{"auto"}, forecast.MethodCodes()...)
	if *only != "" {
		methods = append([]string{"auto"}, strings.Split(*only, ",")...)
	}
	var all [][]float64
	var fam []string
	r := rand.New(rand.NewPCG(*seed, 7))
	for _, f := range families {
		for i := 0; i < *nPer; i++ {
			all = append(all, f.draw(r, *months))
			fam = append(fam, f.name)
		}
	}
	res := map[string]*tally{}
	var autoTime time.Duration
	for _, m := range methods {
		t := &tally{chosen: map[string]int{}, byFamily: map[string]float64{}, byFamilyN: map[string]int{}}
		res[m] = t
		code := m
		if m == "auto" {
			code = ""
		}
		start := time.Now()
		for i, y := range all {
			fit, err := forecast.Holdout(y, *hold, forecast.Options{Method: code})
			if err != nil {
				t.failed++
				t.why = strings.TrimPrefix(err.Error(), "forecast: ")
				continue
			}
			train, actual := y[:len(y)-*hold], y[len(y)-*hold:]
			s, ms := forecast.Accuracy(train, actual, fit.Forecast, 12)
			t.series++
			t.smape += s
			if math.IsNaN(ms) {
				t.maseSkipped++
			} else {
				t.mase += ms
			}
			t.byFamily[fam[i]] += s
			t.byFamilyN[fam[i]]++
			t.chosen[fit.Method]++
			for h, a := range actual {
				t.months++
				if a >= fit.Lo80[h] && a <= fit.Hi80[h] {
					t.in80++
				}
				if a >= fit.Lo95[h] && a <= fit.Hi95[h] {
					t.in95++
				}
			}
		}
		if m == "auto" {
			autoTime = time.Since(start)
		}
	}
	fmt.Printf("%d synthetic series (%d families × %d), %d months each, last %d held out; seed %d\n\n",
		len(all), len(families), *nPer, *months, *hold, *seed)
	fmt.Printf("%-14s %6s %8s %6s %7s %7s\n", "method", "series", "sMAPE", "MASE", "in 80%", "in 95%")
	for _, m := range methods {
		t := res[m]
		if t.series == 0 {
			fmt.Printf("%-14s %6d %8s %6s %7s %7s  (%s)\n", m, 0, "-", "-", "-", "-", t.why)
			continue
		}
		fmt.Printf("%-14s %6d %8.2f %6.3f %6.1f%% %6.1f%%\n", m, t.series, t.smape/float64(t.series),
			t.mase/float64(t.series-t.maseSkipped), 100*float64(t.in80)/float64(t.months), 100*float64(t.in95)/float64(t.months))
	}
	fmt.Printf("\nsMAPE by family:\n%-14s", "method")
	for _, f := range families {
		fmt.Printf(" %9s", f.name)
	}
	fmt.Println()
	for _, m := range methods {
		t := res[m]
		if t.series == 0 {
			continue
		}
		fmt.Printf("%-14s", m)
		for _, f := range families {
			if n := t.byFamilyN[f.name]; n > 0 {
				fmt.Printf(" %9.2f", t.byFamily[f.name]/float64(n))
			} else {
				fmt.Printf(" %9s", "-")
			}
		}
		fmt.Println()
	}
	var picks []string
	for m, n := range res["auto"].chosen {
		picks = append(picks, fmt.Sprintf("%s %d", m, n))
	}
	sort.Strings(picks)
	fmt.Printf("\nautomatic choice picked: %s\n", strings.Join(picks, ", "))
	fmt.Printf("automatic fits: %d series in %.2f s\n", len(all), autoTime.Seconds())
}
