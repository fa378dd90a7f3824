package forecast

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Defaults and limits of Options.
const (
	DefaultHorizon = 12
	DefaultOrigins = 3
	DefaultPeriod  = 12
	// MaxOrigins is the number of backtest origins used when history allows
	// (unless Options.Origins asks for more).
	MaxOrigins = 12
	// MaxHorizon bounds Options.Horizon.
	MaxHorizon = 1200
	// MaxValue bounds the absolute value of a month; larger values are
	// rejected so that every result stays finite.
	MaxValue = 1e15
	// maxBacktestHorizon is the longest horizon checked in the backtest.
	maxBacktestHorizon = 12
	// seasonalMinCheck is the shortest backtest horizon accepted for the
	// seasonal models (regression and Holt-Winters) when history is short.
	seasonalMinCheck = 6
)

// Options control a fit. Zero values mean defaults.
type Options struct {
	Horizon int // months to forecast; default 12
	Origins int // minimum rolling origins for the backtest; default 3 (up to MaxOrigins are used when history allows)
	Period  int // season length; default 12
	// Method forces one method (a MethodScore.Method code, see
	// MethodCodes) instead of the automatic choice, for comparisons; Fit
	// fails when the history is too short to test it. "" = automatic.
	Method string
}

// MethodScore is one method's rolling-origin backtest result.
type MethodScore struct {
	Method   string  `json:"method"`           // "snaive", "naive", "naive2", "regression", "hw_add", "hw_add_damped", "hw_mul", "hw_mul_damped", "mean", "linear", "snaive_damped", "stl_ses", "stl_damped", "theta", "combination"
	Label    string  `json:"label"`            // human name, e.g. "Holt-Winters multiplicative, damped trend"
	SMAPE    float64 `json:"smape"`            // percent, 0–200
	MASE     float64 `json:"mase"`             // mean absolute scaled error
	OWA      float64 `json:"owa"`              // (sMAPE/sMAPE_naive2 + MASE/MASE_naive2)/2, as in M4
	Eligible bool    `json:"eligible"`         // false when the method could not be tested
	Reason   string  `json:"reason,omitempty"` // why not eligible, e.g. "needs all months > 0", "needs 32 months"
	Chosen   bool    `json:"chosen"`
}

// Interval is a point forecast with 80 % and 95 % bounds.
type Interval struct{ Point, Lo80, Hi80, Lo95, Hi95 float64 }

// Result is a fitted forecast.
type Result struct {
	Method   string
	Label    string
	Forecast []float64 // Horizon values
	Lo80     []float64
	Hi80     []float64
	Lo95     []float64
	Hi95     []float64
	// Total is the interval for the SUM of the Horizon months, from the
	// backtest errors of whole-horizon sums (not the sum of monthly bounds).
	Total Interval
	// Scores lists every method tried, in a stable order (see Fit); nil
	// when the history was too short for any backtest.
	Scores []MethodScore
	// HistoryMonths is the number of months used (leading zero months are
	// left out).
	HistoryMonths int
	// Origins is the number of backtest origins actually used (0 when
	// nothing could be tested).
	Origins int
	// SNaiveSMAPE and SNaiveMASE are the seasonal-naive benchmark's backtest
	// errors; zero when seasonal naive could not be tested.
	SNaiveSMAPE, SNaiveMASE float64
	// Notes are plain sentences for a non-expert: what was done and why,
	// and one sentence on what more history would change.
	Notes []string
}

// withDefaults fills zero fields and rejects impossible values.
func (o Options) withDefaults() (Options, error) {
	if o.Horizon < 0 || o.Origins < 0 || o.Period < 0 {
		return o, errors.New("forecast: horizon, origins and period cannot be negative")
	}
	if o.Horizon == 0 {
		o.Horizon = DefaultHorizon
	}
	if o.Origins == 0 {
		o.Origins = DefaultOrigins
	}
	if o.Period == 0 {
		o.Period = DefaultPeriod
	}
	if o.Horizon > MaxHorizon {
		return o, fmt.Errorf("forecast: a horizon of %d months is too long (at most %d)", o.Horizon, MaxHorizon)
	}
	if o.Period < 2 || o.Period > 120 {
		return o, errors.New("forecast: the season length must be between 2 and 120 months")
	}
	if o.Origins > 120 {
		return o, errors.New("forecast: at most 120 backtest origins can be asked for")
	}
	if _, ok := methodByCode(o.Method); o.Method != "" && !ok {
		return o, fmt.Errorf("forecast: there is no method %q", o.Method)
	}
	return o, nil
}

// Fit forecasts Horizon months after y (monthly values, oldest first,
// y[len-1] is the last complete month).
//
// Leading months that are exactly zero are left out (sales had not started).
// The candidates are then compared in a rolling-origin backtest (see the
// package documentation) and the winner is refitted on the whole history.
// Scores always lists the methods in this order: snaive, naive, naive2,
// regression, hw_add, hw_add_damped, hw_mul, hw_mul_damped, followed, when
// the history is too short for the seasonal models, by the fallbacks mean,
// linear and snaive_damped, and then stl_ses, stl_damped, theta and
// combination.
//
// Fit returns an error for an empty history, a non-finite value or one
// beyond ±MaxValue, or invalid options; it never panics, and every number in
// the result is finite.
func Fit(y []float64, opt Options) (res Result, err error) {
	opt, err = opt.withDefaults()
	if err != nil {
		return Result{}, err
	}
	if len(y) == 0 {
		return Result{}, errors.New("forecast: there is no sales history; at least one month is needed to make a forecast")
	}
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Result{}, fmt.Errorf("forecast: month %d of the history is not a number (%v)", i+1, v)
		}
		if math.Abs(v) > MaxValue {
			return Result{}, fmt.Errorf("forecast: month %d of the history (%g) is beyond the supported size of %g", i+1, v, MaxValue)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = Result{}, fmt.Errorf("forecast: internal error: %v", r)
		}
	}()
	res = fit(y, opt)
	if opt.Method != "" && res.Method != opt.Method {
		for _, s := range res.Scores {
			if s.Method == opt.Method {
				return Result{}, fmt.Errorf("forecast: %s cannot be tested on %d months of history (%s)", opt.Method, res.HistoryMonths, s.Reason)
			}
		}
		return Result{}, fmt.Errorf("forecast: %s is not tried on %d months of history (it is a fallback for shorter histories, or nothing can be tested)", opt.Method, res.HistoryMonths)
	}
	return res, nil
}

// Holdout fits on y[:len(y)-n] and forecasts exactly n months
// (Options.Horizon is set to n); used to report accuracy against the actual
// last n months.
func Holdout(y []float64, n int, opt Options) (Result, error) {
	if n < 1 {
		return Result{}, errors.New("forecast: the holdout must be at least one month")
	}
	if len(y)-n < 1 {
		return Result{}, fmt.Errorf("forecast: holding out %d months leaves no history to fit on (%d months given)", n, len(y))
	}
	opt.Horizon = n
	return Fit(y[:len(y)-n], opt)
}

// FitMany fits many series in parallel (runtime.GOMAXPROCS workers) and
// returns results and errors in input order. Each result equals Fit on the
// same series.
func FitMany(series [][]float64, opt Options) ([]Result, []error) {
	res := make([]Result, len(series))
	errs := make([]error, len(series))
	workers := min(runtime.GOMAXPROCS(0), len(series))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(series) {
					return
				}
				res[i], errs[i] = Fit(series[i], opt)
			}
		})
	}
	wg.Wait()
	return res, errs
}

// design is the common backtest layout: k origins, the first training
// window has t0 months and each test window hb months; origin i trains on
// y[:t0+i] and is scored on y[t0+i : t0+i+hb]. The last origin ends at the
// last month of history.
type design struct {
	hb, k, t0 int
	seasonal  bool // regression and Holt-Winters can be tested
	ok        bool
}

// chooseDesign picks the backtest layout. It prefers the layout in which the
// seasonal models (two seasons of training) can be tested at least
// min(hbMax, 6) months ahead from kMin origins; otherwise seasonal naive
// with damped growth (p+1 months of training), seasonal naive (p months),
// and finally anything (1 month). Within a tier, the horizon is as long as
// possible (up to hbMax), then as many origins as possible up to kMax.
func chooseDesign(n, p, hbMax, kMin, kMax int) design {
	tiers := [...]struct{ req, hbMin int }{
		{2 * p, min(hbMax, seasonalMinCheck)},
		{p + 1, 1},
		{p, 1},
		{1, 1},
	}
	for i, t := range tiers {
		hb := min(hbMax, n-t.req-kMin+1)
		if hb < t.hbMin || hb < 1 {
			continue
		}
		k := min(kMax, n-hb-t.req+1)
		return design{hb: hb, k: k, t0: n - hb - k + 1, seasonal: i == 0, ok: true}
	}
	return design{}
}

// monthsNeeded is the history length from which m can be tested.
func monthsNeeded(m methodID, p, hbMax, kMin int) int {
	hb := 1
	if m.seasonalModel() {
		hb = min(hbMax, seasonalMinCheck)
	}
	return m.minTrain(p) + hb + kMin - 1
}

// fitter holds one fit's data and scratch space.
type fitter struct {
	y      []float64 // history scaled by 1/scale
	scale  float64
	p, h   int
	kMin   int
	kMax   int
	hbMax  int
	pos    bool // all months > 0
	nonNeg bool // no month < 0
	buf    []float64
	big    []float64 // scratch of the decomposition: 3n
	// decomps holds the decompositions of the training windows (prefixes
	// of y) by length.
	decomps []*decomp
	combo   []methodID // the combination's members, set by the backtest
	// comboBuf holds the members' forecasts: comboSize·max(h, hbMax).
	comboBuf []float64
	force    methodID // Options.Method, or -1
}

// point writes the forecasts of a non-Holt-Winters method.
func (f *fitter) point(m methodID, train, out []float64) {
	switch m {
	case mSNaive:
		snaiveForecast(train, f.p, out)
	case mNaive:
		naiveForecast(train, out)
	case mNaive2:
		naive2Forecast(train, f.p, out, f.buf)
	case mRegression:
		regressionForecast(train, f.p, out, f.buf)
	case mMean:
		meanForecast(train, f.p, out)
	case mLinear:
		linearForecast(train, out)
	case mSNaiveDamped:
		snaiveDampedForecast(train, f.p, out)
	case mSTL:
		stlForecast(f.decompose(train), f.p, false, out)
	case mSTLDamped:
		stlForecast(f.decompose(train), f.p, true, out)
	case mTheta:
		thetaForecast(f.decompose(train), f.p, out)
	case mCombo:
		tmp := f.comboBuf[:len(out)*len(f.combo)]
		for j, m := range f.combo {
			f.point(m, train, tmp[j*len(out):(j+1)*len(out)])
		}
		var v [comboSize]float64
		for i := range out {
			for j := range f.combo {
				v[j] = tmp[j*len(out)+i]
			}
			out[i] = combine(v[:len(f.combo)])
		}
	default:
		naiveForecast(train, out)
	}
}

// fit is Fit after validation.
func fit(yIn []float64, opt Options) Result {
	start := 0
	for start < len(yIn) && yIn[start] == 0 {
		start++
	}
	if start == len(yIn) {
		start = 0
	}
	y := yIn[start:]
	n := len(y)
	scale := 0.0
	for _, v := range y {
		scale = math.Max(scale, math.Abs(v))
	}
	allZero := scale == 0
	if allZero {
		scale = 1
	}
	f := &fitter{
		y:      make([]float64, n),
		scale:  scale,
		p:      opt.Period,
		h:      opt.Horizon,
		kMin:   opt.Origins,
		kMax:   max(MaxOrigins, opt.Origins),
		hbMax:  min(opt.Horizon, maxBacktestHorizon),
		pos:    true,
		nonNeg: true,
		buf:    make([]float64, 3*opt.Period),
		big:    make([]float64, 3*n),
		force:  -1,
	}
	f.comboBuf = make([]float64, comboSize*max(f.h, f.hbMax))
	if opt.Method != "" {
		f.force, _ = methodByCode(opt.Method)
	}
	for i, v := range y {
		f.y[i] = v / scale
		if !(v > 0) {
			f.pos = false
		}
		if v < 0 {
			f.nonNeg = false
		}
	}
	var nb noteBuilder
	if start > 0 {
		if start == 1 {
			nb.add("The first month was zero and was left out: sales seem to start after it.")
		} else {
			nb.add("The first %d months were zero and were left out: sales seem to start after them.", start)
		}
	}
	if allZero {
		nb.add("All the history is zero, so the forecast is zero.")
	}
	res := Result{HistoryMonths: n}
	d := chooseDesign(n, f.p, f.hbMax, f.kMin, f.kMax)
	var iv intervals
	if !d.ok {
		res.Method, res.Label = mMean.code(), mMean.label()
		res.Forecast = make([]float64, f.h)
		meanForecast(f.y, f.p, res.Forecast)
		iv = f.untestedIntervals()
		if n == 1 {
			nb.add("With only 1 month of history, the forecast repeats that month; this is a very weak basis and the ranges are a rough guess, not a measurement.")
		} else {
			nb.add("With only %d months of history, the forecast repeats their average; this is a very weak basis and the ranges are a rough guess, not a measurement.", n)
		}
	} else {
		bt := f.backtest(d)
		chosen := bt.choose()
		if f.force >= 0 && bt.eligible[f.force] {
			chosen = f.force
		}
		res.Method, res.Label = chosen.code(), chosen.label()
		res.Origins = d.k
		res.Scores = bt.scores(chosen)
		if bt.eligible[mSNaive] {
			res.SNaiveSMAPE, res.SNaiveMASE = bt.smape[mSNaive], bt.mase[mSNaive]
		}
		// The intervals first: they extend the chosen method's backtest to
		// the last month, so a Holt-Winters fit on the whole history then
		// starts from the optimum for all but the last month.
		iv = f.testedIntervals(bt, chosen)
		res.Forecast = make([]float64, f.h)
		if model := bt.hw[chosen]; model != nil {
			x := model.fit(f.y, bt.hwX[chosen], finalBudget())
			model.forecast(f.y, x, res.Forecast)
		} else {
			f.point(chosen, f.y, res.Forecast)
		}
		f.backtestNotes(&nb, n, d, bt, chosen, iv)
	}
	f.finish(&res, iv, &nb)
	nb.add("%s", f.moreHistorySentence(n, d))
	res.Notes = nb.notes
	return res
}

// finish scales everything back to the data's units, clips at zero for
// non-negative histories and fills the bounds.
func (f *fitter) finish(res *Result, iv intervals, nb *noteBuilder) {
	h := f.h
	res.Lo80 = make([]float64, h)
	res.Hi80 = make([]float64, h)
	res.Lo95 = make([]float64, h)
	res.Hi95 = make([]float64, h)
	clipped := false
	clip := func(v float64) float64 {
		if f.nonNeg && v < 0 {
			clipped = true
			return 0
		}
		return v
	}
	fallback := false
	for _, p := range res.Forecast {
		if math.IsNaN(p) || math.IsInf(p, 0) || math.Abs(p) > 1e12 {
			fallback = true
			break
		}
	}
	if fallback {
		// Never expected; keep the promise of finite output.
		naiveForecast(f.y, res.Forecast)
		iv = f.untestedIntervals()
		res.Method, res.Label = mNaive.code(), mNaive.label()
		for i := range res.Scores {
			res.Scores[i].Chosen = false
		}
		nb.add("The chosen method gave unusable numbers, so the last month is repeated instead.")
	}
	total := 0.0
	for i := range h {
		p := res.Forecast[i]
		w80, w95 := iv.half80[i], iv.half95[i]
		res.Forecast[i] = clip(p) * f.scale
		res.Lo80[i] = clip(p-w80) * f.scale
		res.Hi80[i] = clip(p+w80) * f.scale
		res.Lo95[i] = clip(p-w95) * f.scale
		res.Hi95[i] = clip(p+w95) * f.scale
		total += clip(p)
	}
	// The total's point is the sum of the (clipped) monthly points, so that
	// the two always agree; its bounds are centred on it.
	res.Total = Interval{
		Point: total * f.scale,
		Lo80:  clip(total-iv.tot80) * f.scale,
		Hi80:  clip(total+iv.tot80) * f.scale,
		Lo95:  clip(total-iv.tot95) * f.scale,
		Hi95:  clip(total+iv.tot95) * f.scale,
	}
	if clipped {
		nb.add("Forecasts and ranges are kept at zero or above, since the history has no negative months.")
	}
}

// noteBuilder collects Notes.
type noteBuilder struct{ notes []string }

func (b *noteBuilder) add(format string, args ...any) {
	b.notes = append(b.notes, fmt.Sprintf(format, args...))
}

// yearsWord names p months in plain words.
func yearsWord(p int) string {
	if p == 12 {
		return "two full years"
	}
	return fmt.Sprintf("two full seasons of %d months", p)
}

// snaiveWords describes seasonal naive in plain words.
func snaiveWords(p int) string {
	if p == 12 {
		return "each month repeats the same month a year earlier"
	}
	return fmt.Sprintf("each month repeats the month %d months earlier", p)
}

// backtestNotes explains the comparison and the choice.
func (f *fitter) backtestNotes(nb *noteBuilder, n int, d design, bt *backtest, chosen methodID, iv intervals) {
	if !d.seasonal {
		need := monthsNeeded(mHWAdd, f.p, f.hbMax, f.kMin)
		var names []string
		for _, m := range bt.methods {
			if bt.eligible[m] && m != mNaive2 {
				names = append(names, m.label())
			}
		}
		nb.add("With %d months of history, Holt-Winters and the seasonal regression were not used: they need %s to start and months after that to check them (%d months in all). Only simple methods were compared: %s.",
			n, yearsWord(f.p), need, joinAnd(names))
		if !bt.eligible[mSNaive] {
			nb.add("Seasonal naive (%s) needs %d months before it can be tested, so it was not used.",
				snaiveWords(f.p), monthsNeeded(mSNaive, f.p, f.hbMax, f.kMin))
		}
	} else if !f.pos {
		nb.add("The multiplicative Holt-Winters methods were skipped because some months are zero or negative.")
	}
	if d.k == 1 {
		nb.add("To choose, each method was tested on the history itself: it forecast the last %s from the month before them, and its errors were compared with what really happened.", monthsCount(d.hb))
	} else {
		nb.add("To choose, each method was tested on the history itself: from %d different starting months it forecast the next %s, and its errors were compared with what really happened.", d.k, monthsCount(d.hb))
	}
	switch {
	case bt.eligible[mSNaive] && chosen == mSNaive:
		nb.add("No method beat the seasonal naive benchmark (%s) in that test, so it is used.", snaiveWords(f.p))
	case bt.eligible[mSNaive]:
		gain := 100 * (1 - bt.owa[chosen]/bt.owa[mSNaive])
		if gain >= 0.5 {
			nb.add("%s won: its errors were %.0f %% smaller than those of the seasonal naive benchmark (%s).", chosen.label(), gain, snaiveWords(f.p))
		} else {
			nb.add("%s won: its errors were slightly smaller than those of the seasonal naive benchmark (%s).", chosen.label(), snaiveWords(f.p))
		}
	default:
		nb.add("%s had the smallest errors of the methods that could be tested.", chosen.label())
	}
	if chosen == mCombo {
		var names []string
		for _, m := range f.combo {
			names = append(names, m.label())
		}
		nb.add("The combination averages, month by month, the forecasts of the three methods with the smallest errors in that test: %s. When the test cannot tell methods apart, their average is the safer bet.", joinAnd(names))
	}
	nb.add("The monthly ranges come from the errors of this method in that test: about 8 months in 10 should fall inside the 80 %% range and 19 in 20 inside the 95 %% range. The range of the %d-month total comes from the test's errors on whole totals, not from adding up the monthly ranges.", f.h)
	if iv.sqrtRule {
		nb.add("The test was too short to measure how fast errors grow with time, so the ranges are assumed to widen with the square root of the number of months ahead.")
	}
	if f.h > d.hb {
		nb.add("The test checked forecasts up to %s ahead; the ranges for later months are extrapolated.", monthsCount(d.hb))
	}
}

// moreHistorySentence is the one sentence on what more history would change.
func (f *fitter) moreHistorySentence(n int, d design) string {
	seasonalNeed := monthsNeeded(mHWAdd, f.p, f.hbMax, f.kMin)
	fullNeed := 2*f.p + f.hbMax + f.kMin - 1
	switch {
	case !d.ok:
		more := f.kMin + 1 - n
		return fmt.Sprintf("With %s, simple methods could be tested against the history and the ranges would come from real errors.", monthsPhrase(more))
	case !d.seasonal:
		return fmt.Sprintf("With %s, Holt-Winters and the seasonal regression could be tested, so trend and seasonality could be forecast together.", monthsPhrase(seasonalNeed-n))
	case d.hb < f.hbMax:
		return fmt.Sprintf("With %s, every method could be tested a full %s ahead and the ranges would rest on real errors that far out.", monthsPhrase(fullNeed-n), monthsCount(f.hbMax))
	case d.k < f.kMax:
		return fmt.Sprintf("With %s, the test could start from %d different months instead of %d and the ranges would be more reliable.", monthsPhrase(f.kMax-d.k), f.kMax, d.k)
	}
	return fmt.Sprintf("More history would change little now: the test already starts from %d different months, and the ranges would narrow mainly if sales became steadier.", d.k)
}

// monthsCount writes "1 month" or "n months".
func monthsCount(n int) string {
	if n == 1 {
		return "1 month"
	}
	return fmt.Sprintf("%d months", n)
}

// monthsPhrase writes "1 more month" or "n more months".
func monthsPhrase(n int) string {
	if n == 1 {
		return "1 more month"
	}
	return fmt.Sprintf("%d more months", n)
}

// joinAnd joins words as "a, b and c".
func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return "none"
	case 1:
		return s[0]
	}
	out := ""
	for i, v := range s {
		switch {
		case i == 0:
			out = v
		case i == len(s)-1:
			out += " and " + v
		default:
			out += ", " + v
		}
	}
	return out
}
