package forecast

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// backtest holds the rolling-origin forecasts and scores of every method.
type backtest struct {
	d        design
	methods  []methodID // methods tried, in Scores order
	eligible [numMethods]bool
	reason   [numMethods]string
	fc       [numMethods][]float64 // k*hb forecasts, origin-major
	actual   []float64             // k*hb actual values
	level    []float64             // per origin: mean |y| of the last season of training
	smape    [numMethods]float64
	mase     [numMethods]float64
	owa      [numMethods]float64
	hw       [numMethods]*hwModel  // Holt-Winters models (for the final fit)
	hwX      [numMethods][]float64 // optimum at the last origin (final fit warm start)
}

// backtest runs every method tried over the design's origins and scores it.
//
// Holt-Winters parameters are re-optimised at every origin on that origin's
// training data only: the first origin starts cold from textbook values, and
// each later origin (one month more data) starts from the previous origin's
// optimum. No origin ever sees data after its own training window.
func (f *fitter) backtest(d design) *backtest {
	bt := &backtest{d: d}
	for m := methodID(0); m < numMethods; m++ {
		if d.seasonal && (m == mMean || m == mLinear || m == mSNaiveDamped) {
			continue // the fallbacks for short histories
		}
		bt.methods = append(bt.methods, m)
		switch {
		case m.minTrain(f.p) > d.t0:
			bt.reason[m] = fmt.Sprintf("needs %d months", monthsNeeded(m, f.p, f.hbMax, f.kMin))
		case m.multiplicative() && !f.pos:
			bt.reason[m] = "needs all months > 0"
		default:
			bt.eligible[m] = true
		}
	}
	hb, k := d.hb, d.k
	bt.actual = make([]float64, k*hb)
	bt.level = make([]float64, k)
	scaleMASE := make([]float64, k)
	for o := 0; o < k; o++ {
		t := d.t0 + o
		copy(bt.actual[o*hb:(o+1)*hb], f.y[t:t+hb])
		bt.level[o] = levelOf(f.y[:t], f.p)
		scaleMASE[o] = maseScale(f.y[:t], f.p, bt.level[o])
	}
	for _, m := range bt.methods {
		if !bt.eligible[m] || m == mCombo {
			continue
		}
		out := make([]float64, k*hb)
		bt.fc[m] = out
		if spec, ok := m.hwSpec(); ok {
			// Every training window starts at month 0 and has at least two
			// seasons, so the classical initial state is the same for all.
			model := newHWModel(spec, f.y, f.p)
			x := model.startX()
			for o := 0; o < k; o++ {
				train := f.y[:d.t0+o]
				if o == 0 {
					x = model.fit(train, x, coldBudget())
				} else {
					x = model.fit(train, x, warmBudget())
				}
				model.forecast(train, x, out[o*hb:(o+1)*hb])
			}
			bt.hw[m], bt.hwX[m] = model, x
			continue
		}
		for o := 0; o < k; o++ {
			f.point(m, f.y[:d.t0+o], out[o*hb:(o+1)*hb])
		}
	}
	score := func(m methodID) {
		sm, ms := 0.0, 0.0
		for o := 0; o < k; o++ {
			mae := 0.0
			for i := o * hb; i < (o+1)*hb; i++ {
				a, p := bt.actual[i], bt.fc[m][i]
				e := math.Abs(a - p)
				mae += e
				if den := math.Abs(a) + math.Abs(p); den > 0 {
					sm += 200 * e / den
				}
			}
			ms += mae / float64(hb) / scaleMASE[o]
		}
		bt.smape[m] = math.Min(200, sm/float64(k*hb)) // rounding can pass 200
		bt.mase[m] = ms / float64(k)
	}
	for _, m := range bt.methods {
		if bt.eligible[m] && m != mCombo {
			score(m)
		}
	}
	owa := func(m methodID) {
		bt.owa[m] = (safeRatio(bt.smape[m], bt.smape[mNaive2]) + safeRatio(bt.mase[m], bt.mase[mNaive2])) / 2
	}
	for _, m := range bt.methods {
		if bt.eligible[m] && m != mCombo {
			owa(m)
		}
	}
	// The combination: the comboSize best stateless methods by OWA,
	// combined month by month.
	if bt.eligible[mCombo] {
		var pool []methodID
		for _, m := range bt.methods {
			if bt.eligible[m] && m.comboMember() {
				pool = append(pool, m)
			}
		}
		slices.SortStableFunc(pool, func(a, b methodID) int { return cmp.Compare(bt.owa[a], bt.owa[b]) })
		if len(pool) < comboSize {
			bt.eligible[mCombo] = false
			bt.reason[mCombo] = "needs more methods to combine"
		} else {
			f.combo = append(f.combo[:0], pool[:comboSize]...)
			out := make([]float64, k*hb)
			var v [comboSize]float64
			for i := range out {
				for j, m := range f.combo {
					v[j] = bt.fc[m][i]
				}
				out[i] = combine(v[:])
			}
			bt.fc[mCombo] = out
			score(mCombo)
			owa(mCombo)
		}
	}
	return bt
}

// comboSize is the number of methods the combination takes.
const comboSize = 3

// comboTol is how much worse (relatively, in OWA) than the best single
// method the combination may be and still be preferred: within it the
// backtest cannot tell them apart, and a combination is the safer bet.
const comboTol = 0.3

// hwMargin is how much better (relatively, in OWA) than the best other
// candidate a Holt-Winters model must be in the backtest to be chosen: with
// 14 parameters fitted on a few years it is often the best in the test by
// chance and the worst afterwards.
const hwMargin = 0.2

// combine returns the combination of one month's forecasts: their mean.
func combine(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// levelOf is the mean absolute value of the last season of y (all of y when
// shorter); it scales errors for the intervals. It is never zero: an
// all-zero window falls back to 1e-9 (the data are scaled to |y| ≤ 1).
func levelOf(y []float64, p int) float64 {
	w := min(p, len(y))
	s := 0.0
	for _, v := range y[len(y)-w:] {
		s += math.Abs(v)
	}
	s /= float64(w)
	if !(s > 1e-9) {
		return 1e-9
	}
	return s
}

// maseScale is the MASE denominator of a training window: the in-sample mean
// absolute error of seasonal naive (lag p). When that is zero or undefined
// (fewer than p+1 months) the lag-1 (naive) error is used; when that is zero
// too (a constant window) the window's level is used, so that divisions are
// always safe.
func maseScale(y []float64, p int, level float64) float64 {
	for _, lag := range [2]int{p, 1} {
		if len(y) <= lag {
			continue
		}
		s := 0.0
		for i := lag; i < len(y); i++ {
			s += math.Abs(y[i] - y[i-lag])
		}
		s /= float64(len(y) - lag)
		if s > 1e-12 {
			return s
		}
	}
	return level
}

// safeRatio is a/b guarded against zero: 1 when both are (near) zero, and a
// large finite number when only b is.
func safeRatio(a, b float64) float64 {
	const eps = 1e-9
	if b > eps {
		return a / b
	}
	if a <= eps {
		return 1
	}
	return math.Min(a/eps, 1e6)
}

// tieTol is the OWA difference below which two methods count as tied.
const tieTol = 1e-9

// choose ranks the eligible methods by OWA (lower is better). Ties (within
// tieTol) go to the simpler method (methodID.complexity). The combination
// is preferred when it is within comboTol of the best: the backtest cannot
// tell them apart then. A Holt-Winters model is chosen only when it beats
// that choice by hwMargin. With nothing eligible, naive.
func (bt *backtest) choose() methodID {
	best, bestHW := methodID(-1), methodID(-1)
	better := func(m, than methodID) bool {
		return than < 0 || bt.owa[m] < bt.owa[than]-tieTol ||
			(math.Abs(bt.owa[m]-bt.owa[than]) <= tieTol && m.complexity() < than.complexity())
	}
	for _, m := range bt.methods {
		if !bt.eligible[m] {
			continue
		}
		if _, hw := m.hwSpec(); hw {
			if better(m, bestHW) {
				bestHW = m
			}
		} else if better(m, best) {
			best = m
		}
	}
	if best >= 0 && best != mCombo && bt.eligible[mCombo] && bt.owa[mCombo] <= bt.owa[best]*(1+comboTol) &&
		bt.owa[mCombo] > bt.owa[best]+tieTol { // an exact tie goes to the simpler method
		best = mCombo
	}
	if bestHW >= 0 && (best < 0 || bt.owa[bestHW] < bt.owa[best]*(1-hwMargin)) {
		best = bestHW
	}
	if best < 0 {
		return mNaive
	}
	return best
}

// scores builds Result.Scores.
func (bt *backtest) scores(chosen methodID) []MethodScore {
	out := make([]MethodScore, 0, len(bt.methods))
	for _, m := range bt.methods {
		s := MethodScore{
			Method:   m.code(),
			Label:    m.label(),
			Eligible: bt.eligible[m],
			Reason:   bt.reason[m],
			Chosen:   m == chosen,
		}
		if s.Eligible {
			s.SMAPE, s.MASE, s.OWA = bt.smape[m], bt.mase[m], bt.owa[m]
		}
		out = append(out, s)
	}
	return out
}
