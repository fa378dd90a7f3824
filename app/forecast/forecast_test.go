package forecast

import (
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// gen describes a deterministic synthetic monthly series.
type gen struct {
	n      int
	level  float64 // starting level
	trend  float64 // growth per month, as a share of the starting level
	amp    float64 // seasonal amplitude, as a share of the level
	mul    bool    // multiplicative (true) or additive seasonality
	noise  float64 // noise sd, as a share of the level
	walk   float64 // sd of a random-walk drift of the level, as a share
	seed   uint64
	offset float64 // added to every value (to create negatives)
}

// truth is the noiseless value at month t (no random walk).
func (g gen) truth(t int) float64 {
	base := g.level * (1 + g.trend*float64(t))
	s := math.Sin(2*math.Pi*float64(t)/12) + 0.5*math.Cos(4*math.Pi*float64(t)/12)
	if g.mul {
		return base*(1+g.amp*s) + g.offset
	}
	return base + g.amp*g.level*s + g.offset
}

// series draws the series with seeded noise.
func (g gen) series() []float64 {
	r := rand.New(rand.NewPCG(g.seed, 0x5eed))
	y := make([]float64, g.n)
	drift := 0.0
	for t := range y {
		drift += g.walk * g.level * r.NormFloat64()
		y[t] = g.truth(t) + drift + g.noise*g.level*r.NormFloat64()
	}
	return y
}

func scoreOf(t *testing.T, r Result, method string) MethodScore {
	t.Helper()
	for _, s := range r.Scores {
		if s.Method == method {
			return s
		}
	}
	t.Fatalf("no score for %s in %+v", method, r.Scores)
	return MethodScore{}
}

func chosenScore(t *testing.T, r Result) MethodScore {
	t.Helper()
	n := 0
	var c MethodScore
	for _, s := range r.Scores {
		if s.Chosen {
			n++
			c = s
		}
	}
	if n != 1 {
		t.Fatalf("%d methods marked chosen", n)
	}
	if c.Method != r.Method || c.Label != r.Label {
		t.Fatalf("chosen score %s/%s differs from result %s/%s", c.Method, c.Label, r.Method, r.Label)
	}
	return c
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkResult checks the invariants every result must satisfy.
func checkResult(t *testing.T, name string, r Result, h int, clipped bool) {
	t.Helper()
	for _, s := range [][]float64{r.Forecast, r.Lo80, r.Hi80, r.Lo95, r.Hi95} {
		if len(s) != h {
			t.Fatalf("%s: got %d values, want %d", name, len(s), h)
		}
	}
	const tol = 1e-9
	for i := 0; i < h; i++ {
		lo95, lo80, p, hi80, hi95 := r.Lo95[i], r.Lo80[i], r.Forecast[i], r.Hi80[i], r.Hi95[i]
		for _, v := range []float64{lo95, lo80, p, hi80, hi95} {
			if !finite(v) {
				t.Fatalf("%s: month %d has a non-finite value: %v %v %v %v %v", name, i+1, lo95, lo80, p, hi80, hi95)
			}
			if clipped && v < 0 {
				t.Fatalf("%s: month %d has a negative bound %v for a non-negative history", name, i+1, v)
			}
		}
		sc := tol * math.Max(1, math.Abs(p))
		if lo95 > lo80+sc || lo80 > p+sc || p > hi80+sc || hi80 > hi95+sc {
			t.Fatalf("%s: month %d bounds out of order: %v %v %v %v %v", name, i+1, lo95, lo80, p, hi80, hi95)
		}
		if i > 0 {
			// The spread (before clipping at zero) never shrinks with the
			// horizon; the upper half-width is never clipped while the
			// point is positive, and the full width when nothing is.
			if p > 0 && r.Forecast[i-1] > 0 {
				if hi95-p < r.Hi95[i-1]-r.Forecast[i-1]-sc || hi80-p < r.Hi80[i-1]-r.Forecast[i-1]-sc {
					t.Fatalf("%s: upper half-width shrinks at month %d", name, i+1)
				}
			}
			if lo95 > 0 && r.Lo95[i-1] > 0 || !clipped {
				if hi95-lo95 < r.Hi95[i-1]-r.Lo95[i-1]-sc {
					t.Fatalf("%s: 95%% width shrinks at month %d: %v < %v", name, i+1, hi95-lo95, r.Hi95[i-1]-r.Lo95[i-1])
				}
			}
		}
	}
	tot := r.Total
	for _, v := range []float64{tot.Lo95, tot.Lo80, tot.Point, tot.Hi80, tot.Hi95} {
		if !finite(v) {
			t.Fatalf("%s: total has a non-finite value: %+v", name, tot)
		}
	}
	sum := 0.0
	for _, v := range r.Forecast {
		sum += v
	}
	sc := tol * math.Max(1, math.Abs(sum))
	if math.Abs(sum-tot.Point) > 1e-6*math.Max(1, math.Abs(sum)) {
		t.Fatalf("%s: total point %v is not the sum of the forecasts %v", name, tot.Point, sum)
	}
	if tot.Lo95 > tot.Lo80+sc || tot.Lo80 > tot.Point+sc || tot.Point > tot.Hi80+sc || tot.Hi80 > tot.Hi95+sc {
		t.Fatalf("%s: total bounds out of order: %+v", name, tot)
	}
	if len(r.Notes) == 0 {
		t.Fatalf("%s: no notes", name)
	}
	more := 0
	for _, n := range r.Notes {
		if strings.HasPrefix(n, "With ") && strings.Contains(n, " more month") || strings.HasPrefix(n, "More history") {
			more++
		}
	}
	if more != 1 {
		t.Fatalf("%s: want exactly one sentence on more history, got %d: %q", name, more, r.Notes)
	}
	for _, s := range r.Scores {
		for _, v := range []float64{s.SMAPE, s.MASE, s.OWA} {
			if !finite(v) {
				t.Fatalf("%s: non-finite score %+v", name, s)
			}
		}
		if s.SMAPE < 0 || s.SMAPE > 200 {
			t.Fatalf("%s: sMAPE out of range: %+v", name, s)
		}
		if !s.Eligible && s.Reason == "" {
			t.Fatalf("%s: ineligible %s without a reason", name, s.Method)
		}
		if !s.Eligible && s.Chosen {
			t.Fatalf("%s: ineligible %s chosen", name, s.Method)
		}
	}
}

func TestSeasonalWithTrend(t *testing.T) {
	cases := []gen{
		{n: 72, level: 100, trend: 0.01, amp: 0.3, mul: true, noise: 0.03, seed: 1},
		{n: 72, level: 100, trend: 0.01, amp: 0.3, mul: false, noise: 0.03, seed: 2},
		{n: 60, level: 500, trend: 0.015, amp: 0.25, mul: true, noise: 0.02, seed: 3},
		{n: 60, level: 80, trend: 0.008, amp: 0.35, mul: false, noise: 0.04, seed: 4},
		{n: 48, level: 1000, trend: 0.012, amp: 0.3, mul: true, noise: 0.03, seed: 5},
	}
	// The combination qualifies through the check below that its forecasts
	// follow the true trend.
	trendy := map[string]bool{"regression": true, "hw_add": true, "hw_add_damped": true, "hw_mul": true, "hw_mul_damped": true,
		"stl_damped": true, "theta": true, "combination": true}
	for i, g := range cases {
		y := g.series()
		r, err := Fit(y, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, "seasonal+trend", r, 12, true)
		c := chosenScore(t, r)
		sn := scoreOf(t, r, "snaive")
		if !trendy[r.Method] {
			t.Errorf("case %d: chose %s, want a seasonal method with trend; scores %+v", i, r.Method, r.Scores)
		}
		if !(c.OWA < 1) || !(c.OWA < sn.OWA) {
			t.Errorf("case %d: %s OWA %.3f, snaive %.3f: want < 1 and < snaive", i, r.Method, c.OWA, sn.OWA)
		}
		if r.SNaiveSMAPE != sn.SMAPE || r.SNaiveMASE != sn.MASE {
			t.Errorf("case %d: snaive benchmark fields %v/%v differ from its score %+v", i, r.SNaiveSMAPE, r.SNaiveMASE, sn)
		}
		for h, v := range r.Forecast {
			want := g.truth(g.n + h)
			if math.Abs(v-want) > 0.10*want {
				t.Errorf("case %d (%s): month %d forecast %.1f, true continuation %.1f (more than 10%% off)", i, r.Method, h+1, v, want)
			}
		}
		if r.Origins != MaxOrigins {
			t.Errorf("case %d: %d origins, want %d with %d months", i, r.Origins, MaxOrigins, g.n)
		}
	}
}

func TestPureSeasonal(t *testing.T) {
	for seed := uint64(10); seed < 15; seed++ {
		g := gen{n: 60, level: 200, amp: 0.4, mul: seed%2 == 0, noise: 0.04, seed: seed}
		r, err := Fit(g.series(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, "pure seasonal", r, 12, true)
		naive := scoreOf(t, r, "naive")
		sn := scoreOf(t, r, "snaive")
		c := chosenScore(t, r)
		if !(sn.OWA < naive.OWA) {
			t.Errorf("seed %d: snaive OWA %.3f does not beat naive %.3f", seed, sn.OWA, naive.OWA)
		}
		if r.Method == "naive" || r.Method == "naive2" || !(c.OWA < naive.OWA) {
			t.Errorf("seed %d: chose %s (OWA %.3f) over naive (%.3f)", seed, r.Method, c.OWA, naive.OWA)
		}
	}
}

func TestNonPositiveDisablesMultiplicative(t *testing.T) {
	cases := map[string][]float64{
		"zeros":     gen{n: 48, level: 100, amp: 0.5, noise: 0.05, seed: 20}.series(),
		"negatives": gen{n: 48, level: 100, trend: 0.01, amp: 0.3, noise: 0.05, seed: 21, offset: -120}.series(),
	}
	cases["zeros"][20] = 0
	cases["zeros"][33] = 0
	for name, y := range cases {
		r, err := Fit(y, Options{})
		if err != nil {
			t.Fatal(err)
		}
		nonNeg := !slices.ContainsFunc(y, func(v float64) bool { return v < 0 })
		checkResult(t, name, r, 12, nonNeg)
		for _, m := range []string{"hw_mul", "hw_mul_damped"} {
			s := scoreOf(t, r, m)
			if s.Eligible || s.Chosen || s.Reason != "needs all months > 0" {
				t.Errorf("%s: %s should be ineligible with a reason, got %+v", name, m, s)
			}
		}
		for _, m := range []string{"snaive", "naive", "naive2", "regression", "hw_add", "hw_add_damped"} {
			if !scoreOf(t, r, m).Eligible {
				t.Errorf("%s: %s should be eligible", name, m)
			}
		}
		if !slices.ContainsFunc(r.Notes, func(n string) bool { return strings.Contains(n, "zero or negative") }) {
			t.Errorf("%s: notes do not say why multiplicative methods were skipped: %q", name, r.Notes)
		}
	}
}

func TestConstantSeries(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 12, 13, 24, 36, 48, 60} {
		for _, c := range []float64{100, 0, -5} {
			y := make([]float64, n)
			for i := range y {
				y[i] = c
			}
			r, err := Fit(y, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, "constant", r, 12, c >= 0)
			for i, v := range r.Forecast {
				if math.Abs(v-c) > 1e-9*math.Max(1, math.Abs(c)) {
					t.Fatalf("n=%d c=%v: month %d forecast %v", n, c, i+1, v)
				}
			}
			if r.Origins > 0 || c == 0 {
				// Tested on the history: no error was ever made, so the
				// ranges collapse onto the forecast.
				for i := range r.Forecast {
					if r.Hi95[i]-r.Lo95[i] > 1e-9*math.Max(1, math.Abs(c)) {
						t.Fatalf("n=%d c=%v: month %d range %v..%v does not collapse", n, c, i+1, r.Lo95[i], r.Hi95[i])
					}
				}
				if r.Total.Hi95-r.Total.Lo95 > 1e-9*math.Max(1, math.Abs(c)) {
					t.Fatalf("n=%d c=%v: total range does not collapse: %+v", n, c, r.Total)
				}
			}
			if n >= 15 && r.Method != "snaive" {
				t.Errorf("n=%d c=%v: chose %s; on a tie seasonal naive must win", n, c, r.Method)
			}
		}
	}
}

func TestShortHistories(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 23, 24, 31, 32, 37, 38} {
		for _, h := range []int{1, 6, 12, 18} {
			y := gen{n: n, level: 100, trend: 0.01, amp: 0.3, mul: true, noise: 0.05, seed: uint64(n)}.series()
			r, err := Fit(y, Options{Horizon: h})
			if err != nil {
				t.Fatalf("n=%d: %v", n, err)
			}
			checkResult(t, "short", r, h, true)
			if r.HistoryMonths != n {
				t.Errorf("n=%d: HistoryMonths %d", n, r.HistoryMonths)
			}
			notes := strings.Join(r.Notes, " ")
			seasonalNeed := 24 + min(h, 6) + DefaultOrigins - 1
			switch {
			case n <= 3:
				if r.Origins != 0 || r.Scores != nil || !strings.Contains(notes, "very weak") {
					t.Errorf("n=%d: want an untested fallback saying it is weak, got %d origins, notes %q", n, r.Origins, r.Notes)
				}
			case n < seasonalNeed:
				if r.Origins < DefaultOrigins || !strings.Contains(notes, "Holt-Winters and the seasonal regression were not used") {
					t.Errorf("n=%d: want a tested fallback with a note, got %d origins, notes %q", n, r.Origins, r.Notes)
				}
				for _, s := range r.Scores {
					if strings.HasPrefix(s.Method, "hw_") || s.Method == "regression" {
						if s.Eligible || !strings.HasPrefix(s.Reason, "needs ") {
							t.Errorf("n=%d: %s should not be eligible: %+v", n, s.Method, s)
						}
					}
				}
				if n < 13 && r.Method != "mean" && r.Method != "naive" && r.Method != "naive2" {
					t.Errorf("n=%d: chose %s, want mean or naive with less than 13 months", n, r.Method)
				}
			default:
				if !scoreOf(t, r, "hw_add").Eligible {
					t.Errorf("n=%d h=%d: Holt-Winters should be testable", n, h)
				}
			}
		}
	}
}

func TestScoresOrder(t *testing.T) {
	long, err := Fit(gen{n: 60, level: 100, amp: 0.2, noise: 0.05, seed: 30}.series(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	short, err := Fit(gen{n: 20, level: 100, amp: 0.2, noise: 0.05, seed: 31}.series(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	main := []string{"snaive", "naive", "naive2", "regression", "hw_add", "hw_add_damped", "hw_mul", "hw_mul_damped"}
	decomp := []string{"stl_ses", "stl_damped", "theta", "combination"}
	for _, c := range []struct {
		r    Result
		want []string
	}{{long, append(slices.Clone(main), decomp...)}, {short, append(append(slices.Clone(main), "mean", "linear", "snaive_damped"), decomp...)}} {
		var got []string
		for _, s := range c.r.Scores {
			got = append(got, s.Method)
			if s.Label == "" {
				t.Errorf("%s has no label", s.Method)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("scores order %v, want %v", got, c.want)
		}
	}
	if s := scoreOf(t, long, "naive2"); math.Abs(s.OWA-1) > 1e-12 {
		t.Errorf("naive2 OWA %v, want 1", s.OWA)
	}
}

func TestSelectionRule(t *testing.T) {
	bt := &backtest{methods: []methodID{mSNaive, mNaive, mNaive2, mRegression, mHWAdd, mHWAddDamped}}
	for _, m := range bt.methods {
		bt.eligible[m] = true
		bt.owa[m] = 1
	}
	set := func(owa ...float64) {
		for i, v := range owa {
			bt.owa[bt.methods[i]] = v
		}
	}
	set(0.9, 1, 1, 0.9, 0.9, 0.9)
	if got := bt.choose(); got != mSNaive {
		t.Errorf("tie with snaive: chose %s", got.code())
	}
	set(0.9, 1, 1, 0.8, 0.8, 0.6)
	if got := bt.choose(); got != mHWAddDamped {
		t.Errorf("lowest OWA: chose %s", got.code())
	}
	// Holt-Winters must beat the best other method by hwMargin.
	set(0.9, 1, 1, 0.8, 0.8, 0.8*(1-hwMargin)+0.01)
	if got := bt.choose(); got != mRegression {
		t.Errorf("Holt-Winters within the margin: chose %s, want regression", got.code())
	}
	set(0.9, 1, 1, 0.8, 0.8, 0.85)
	if got := bt.choose(); got != mRegression {
		t.Errorf("tie between regression and hw_add: chose %s, want the simpler regression", got.code())
	}
	set(0.9, 0.95, 1, 0.91, 0.92, 0.93)
	if got := bt.choose(); got != mSNaive {
		t.Errorf("nothing beats snaive: chose %s", got.code())
	}
	bt.eligible[mSNaive] = false
	if got := bt.choose(); got != mRegression {
		t.Errorf("snaive untested: chose %s, want the best eligible", got.code())
	}
}

func TestMethodsOnExactData(t *testing.T) {
	p := 12
	// Additive seasonal with linear trend: regression is exact.
	y := make([]float64, 48)
	for i := range y {
		y[i] = gen{level: 100, trend: 0.01, amp: 0.2}.truth(i)
	}
	out := make([]float64, 12)
	regressionForecast(y[:36], p, out, make([]float64, 3*p))
	for h, v := range out {
		if math.Abs(v-y[36+h]) > 1e-9 {
			t.Fatalf("regression month %d: %v want %v", h+1, v, y[36+h])
		}
	}
	snaiveForecast(y[:36], p, out)
	for h, v := range out {
		if v != y[24+h] {
			t.Fatalf("snaive month %d: %v want %v", h+1, v, y[24+h])
		}
	}
	// Multiplicative seasonality without trend: Naive2 is exact after the
	// seasonality test passes.
	z := make([]float64, 48)
	for i := range z {
		z[i] = gen{level: 100, amp: 0.3, mul: true}.truth(i)
	}
	if !seasonalityTest(z, p) {
		t.Fatal("seasonality test missed an obvious seasonal pattern")
	}
	if seasonalityTest(z[:35], p) {
		t.Fatal("seasonality test needs three seasons")
	}
	naive2Forecast(z[:36], p, out, make([]float64, 3*p))
	for h, v := range out {
		if math.Abs(v-z[36+h]) > 1e-6*z[36+h] {
			t.Fatalf("naive2 month %d: %v want %v", h+1, v, z[36+h])
		}
	}
	// Holt-Winters recovers a noiseless trend+season of its own kind
	// closely.
	w := make([]float64, 48)
	for i := range w {
		w[i] = gen{level: 100, trend: 0.01, amp: 0.3, mul: true}.truth(i)
	}
	for _, spec := range []hwSpec{{}, {damped: true}, {mul: true}, {mul: true, damped: true}} {
		data := y
		if spec.mul {
			data = w
		}
		m := newHWModel(spec, data, p)
		x := m.fit(data[:36], m.startX(), coldBudget())
		m.forecast(data[:36], x, out)
		for h, v := range out {
			if math.Abs(v-data[36+h]) > 0.03*data[36+h] {
				t.Fatalf("%+v month %d: %v want %v", spec, h+1, v, data[36+h])
			}
		}
	}
}

func TestHoltWintersOptimises(t *testing.T) {
	y := gen{n: 60, level: 1, trend: 0.01, amp: 0.3, mul: true, noise: 0.03, seed: 40}.series()
	for _, spec := range []hwSpec{{}, {damped: true}, {mul: true}, {mul: true, damped: true}} {
		m := newHWModel(spec, y, 12)
		x0 := m.startX()
		x := m.fit(y, x0, coldBudget())
		m.y = y
		if f, f0 := m.objective(x), m.objective(x0); !(f < f0) {
			t.Errorf("%+v: optimised SSE %v not below the starting SSE %v", spec, f, f0)
		}
		a, b, g, phi := m.params(x)
		for _, v := range []float64{a, b, g} {
			if !(v > 0 && v < 1) {
				t.Errorf("%+v: parameter %v out of (0, 1)", spec, v)
			}
		}
		if spec.damped && !(phi >= phiLo && phi <= phiHi) || !spec.damped && phi != 1 {
			t.Errorf("%+v: phi %v", spec, phi)
		}
	}
}

func TestMinimizeNM(t *testing.T) {
	evals := 0
	f := func(x []float64) float64 {
		evals++
		a, b := x[0]-1, x[1]-x[0]*x[0]
		return a*a + 10*b*b + (x[2]+2)*(x[2]+2)
	}
	x := minimizeNM(f, []float64{-1, 2, 0}, nmBudget{simplex: 0.5, evals: 2000, iters: 5, rel: 1e-12})
	if math.Abs(x[0]-1) > 1e-3 || math.Abs(x[1]-1) > 1e-3 || math.Abs(x[2]+2) > 1e-3 {
		t.Errorf("minimum not found: %v after %d evaluations", x, evals)
	}
	evals = 0
	minimizeNM(f, []float64{-1, 2, 0}, nmBudget{simplex: 0.5, evals: 25, iters: 5, rel: 1e-12})
	if evals != 25 {
		t.Errorf("budget of 25 evaluations used %d", evals)
	}
	// A non-finite start makes the method give up cleanly.
	x = minimizeNM(func([]float64) float64 { return math.NaN() }, []float64{3}, warmBudget())
	if x[0] != 3 {
		t.Errorf("non-finite start moved to %v", x)
	}
}

func TestNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	FitMany(benchSeries()[:20], Options{})
	minimizeNM(func([]float64) float64 { return math.Inf(1) }, []float64{0}, warmBudget())
	for i := 0; i < 50 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}

func TestCoverage(t *testing.T) {
	// Measured at the time of writing (200 series of 60 months with a
	// random-walk drift, last 12 held out, deterministic): the monthly 80 %
	// range covered 79.8 % of the actuals and the 95 % range 94.7 %; the
	// 12-month total's 80 % range 80.0 % and its 95 % range 98.5 %.
	const nSeries, n, hold = 200, 60, 12
	var in80, in95, all, tin80, tin95 int
	for i := 0; i < nSeries; i++ {
		r := rand.New(rand.NewPCG(uint64(i), 99))
		g := gen{
			n:     n,
			level: 50 + 450*r.Float64(),
			trend: -0.004 + 0.016*r.Float64(),
			amp:   0.4 * r.Float64(),
			mul:   r.IntN(2) == 0,
			noise: 0.02 + 0.10*r.Float64(),
			walk:  0.02 * r.Float64(),
			seed:  uint64(1000 + i),
		}
		y := g.series()
		res, err := Holdout(y, hold, Options{})
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for h := 0; h < hold; h++ {
			a := y[n-hold+h]
			sum += a
			if a >= res.Lo80[h] && a <= res.Hi80[h] {
				in80++
			}
			if a >= res.Lo95[h] && a <= res.Hi95[h] {
				in95++
			}
			all++
		}
		if sum >= res.Total.Lo80 && sum <= res.Total.Hi80 {
			tin80++
		}
		if sum >= res.Total.Lo95 && sum <= res.Total.Hi95 {
			tin95++
		}
	}
	c80 := 100 * float64(in80) / float64(all)
	c95 := 100 * float64(in95) / float64(all)
	t80 := 100 * float64(tin80) / nSeries
	t95 := 100 * float64(tin95) / nSeries
	t.Logf("coverage: monthly 80%% %.1f%%, 95%% %.1f%%; total 80%% %.1f%%, 95%% %.1f%%", c80, c95, t80, t95)
	if c80 < 65 || c80 > 95 {
		t.Errorf("monthly 80%% range covers %.1f%% of actuals, want 65–95%%", c80)
	}
	if c95 < 85 || c95 < c80 {
		t.Errorf("monthly 95%% range covers %.1f%% of actuals", c95)
	}
	if t80 < 60 || t80 > 97 || t95 < t80 {
		t.Errorf("total ranges cover %.1f%% / %.1f%%", t80, t95)
	}
}

func TestHoldout(t *testing.T) {
	y := gen{n: 60, level: 100, trend: 0.01, amp: 0.3, mul: true, noise: 0.05, seed: 50}.series()
	r, err := Holdout(y, 12, Options{Horizon: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Forecast) != 12 {
		t.Fatalf("Holdout gave %d forecasts, want 12", len(r.Forecast))
	}
	want, err := Fit(y[:48], Options{Horizon: 12})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, want) {
		t.Fatal("Holdout differs from Fit on the shortened history")
	}
	if _, err := Holdout(y, 0, Options{}); err == nil {
		t.Error("Holdout of 0 months should fail")
	}
	if _, err := Holdout(y[:5], 5, Options{}); err == nil {
		t.Error("Holdout of the whole history should fail")
	}
}

func TestFitManyEqualsFit(t *testing.T) {
	var series [][]float64
	for i := 0; i < 25; i++ {
		n := []int{60, 48, 36, 24, 13, 5, 2, 1}[i%8]
		series = append(series, gen{n: n, level: 100 + float64(i), trend: 0.005, amp: 0.2, mul: i%2 == 0, noise: 0.05, seed: uint64(i)}.series())
	}
	series = append(series, nil, []float64{1, math.NaN()})
	res, errs := FitMany(series, Options{})
	if len(res) != len(series) || len(errs) != len(series) {
		t.Fatal("FitMany lengths differ from the input")
	}
	for i, y := range series {
		want, werr := Fit(y, Options{})
		if (werr == nil) != (errs[i] == nil) {
			t.Fatalf("series %d: error %v, sequential %v", i, errs[i], werr)
		}
		if !reflect.DeepEqual(res[i], want) {
			t.Fatalf("series %d: FitMany differs from Fit", i)
		}
	}
}

func TestDeterministicAndScaleFree(t *testing.T) {
	y := gen{n: 54, level: 100, trend: 0.01, amp: 0.3, mul: true, noise: 0.05, seed: 60}.series()
	a, _ := Fit(y, Options{Horizon: 18})
	b, _ := Fit(slices.Clone(y), Options{Horizon: 18})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two fits of the same data differ")
	}
	// Multiplying by a power of two is exact in floating point, and the
	// engine works on data scaled to |y| ≤ 1, so the result scales exactly.
	big := make([]float64, len(y))
	for i, v := range y {
		big[i] = v * 1024
	}
	c, _ := Fit(big, Options{Horizon: 18})
	if c.Method != a.Method || !reflect.DeepEqual(c.Scores, a.Scores) {
		t.Fatalf("scaling changed the choice: %s vs %s", c.Method, a.Method)
	}
	for i := range a.Forecast {
		if c.Forecast[i] != 1024*a.Forecast[i] || c.Hi95[i] != 1024*a.Hi95[i] {
			t.Fatalf("month %d does not scale", i+1)
		}
	}
}

func TestErrorsAndOptions(t *testing.T) {
	if _, err := Fit(nil, Options{}); err == nil || !strings.Contains(err.Error(), "no sales history") {
		t.Errorf("empty history: %v", err)
	}
	if _, err := Fit([]float64{1, math.Inf(1)}, Options{}); err == nil || !strings.Contains(err.Error(), "month 2") {
		t.Errorf("infinite value: %v", err)
	}
	if _, err := Fit([]float64{1, 2e15}, Options{}); err == nil {
		t.Error("huge value should be rejected")
	}
	for _, o := range []Options{{Horizon: -1}, {Origins: -1}, {Period: 1}, {Period: 1 << 30}, {Horizon: MaxHorizon + 1}} {
		if _, err := Fit([]float64{1, 2, 3}, o); err == nil {
			t.Errorf("options %+v should fail", o)
		}
	}
	y := gen{n: 70, level: 100, amp: 0.3, noise: 0.05, seed: 70}.series()
	r, err := Fit(y, Options{Horizon: 24, Origins: 5})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, "horizon 24", r, 24, true)
	if r.Origins != MaxOrigins {
		t.Errorf("origins %d", r.Origins)
	}
	r, err = Fit(y, Options{Origins: 20})
	if err != nil {
		t.Fatal(err)
	}
	if r.Origins != 20 {
		t.Errorf("asked for 20 origins, got %d", r.Origins)
	}
	q := gen{n: 40, level: 100, amp: 0.3, noise: 0.05, seed: 71}.series()
	r, err = Fit(q[:40], Options{Period: 4, Horizon: 8})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, "period 4", r, 8, true)
}

func TestLeadingZerosLeftOut(t *testing.T) {
	y := append([]float64{0, 0, 0, 0, 0}, gen{n: 40, level: 100, amp: 0.3, mul: true, noise: 0.05, seed: 80}.series()...)
	r, err := Fit(y, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.HistoryMonths != 40 {
		t.Errorf("HistoryMonths %d, want 40", r.HistoryMonths)
	}
	if !strings.Contains(r.Notes[0], "first 5 months were zero") {
		t.Errorf("notes: %q", r.Notes)
	}
	if !scoreOf(t, r, "hw_mul").Eligible {
		t.Error("multiplicative methods should be eligible once the leading zeros are left out")
	}
}

func TestTotalIsNotSumOfBounds(t *testing.T) {
	y := gen{n: 60, level: 100, trend: 0.005, amp: 0.3, mul: true, noise: 0.08, seed: 90}.series()
	r, err := Fit(y, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sumHalf := 0.0
	for i := range r.Forecast {
		sumHalf += r.Hi80[i] - r.Forecast[i]
	}
	if got := r.Total.Hi80 - r.Total.Point; !(got > 0 && got < sumHalf) {
		t.Errorf("total 80%% half-width %.1f, sum of monthly half-widths %.1f", got, sumHalf)
	}
}

func FuzzFit(f *testing.F) {
	f.Add([]byte{0, 12, 100, 120, 130})
	f.Add([]byte{1, 3, 0, 0, 0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26})
	f.Add([]byte{2, 24, 5})
	f.Add(append([]byte{3, 12}, []byte("a fairly long and seasonal looking input series, repeated twice: a fairly long and seasonal looking input series")...))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 3 || len(data) > 130 {
			return
		}
		mode, h := data[0], 1+int(data[1])%24
		y := make([]float64, len(data)-2)
		for i, b := range data[2:] {
			v := float64(b)
			switch mode % 4 {
			case 1:
				v -= 128 // negatives
			case 2:
				v = v * v * 1e6 // wide range
			case 3:
				v = 1000 + v // positive, small relative changes
			}
			y[i] = v
		}
		r, err := Fit(y, Options{Horizon: h})
		if err != nil {
			t.Fatalf("finite input failed: %v", err)
		}
		nonNeg := !slices.ContainsFunc(y, func(v float64) bool { return v < 0 })
		checkResult(t, "fuzz", r, h, nonNeg)
	})
}

// benchSeries is 500 deterministic series of 60 months, of every kind.
func benchSeries() [][]float64 {
	s := make([][]float64, 500)
	for i := range s {
		r := rand.New(rand.NewPCG(uint64(i), 7))
		s[i] = gen{
			n:     60,
			level: 50 + 450*r.Float64(),
			trend: -0.004 + 0.016*r.Float64(),
			amp:   0.4 * r.Float64(),
			mul:   r.IntN(2) == 0,
			noise: 0.02 + 0.10*r.Float64(),
			walk:  0.02 * r.Float64(),
			seed:  uint64(i),
		}.series()
	}
	return s
}

// BenchmarkFitMany500x60 fits 500 series of 60 months with the full method
// selection (12 origins, every Holt-Winters variant re-optimised at every
// origin). Requirement: under 2 s per op on a 2-core machine.
func BenchmarkFitMany500x60(b *testing.B) {
	s := benchSeries()
	for b.Loop() {
		_, errs := FitMany(s, Options{})
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
