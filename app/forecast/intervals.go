package forecast

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// intervals holds half-widths in the fitter's scaled units.
type intervals struct {
	half80, half95 []float64 // per month ahead
	tot80, tot95   float64   // for the sum over the horizon
	beta           float64   // spread grows like h^beta
	sqrtRule       bool      // beta assumed 0.5: backtest too short to estimate it
}

// betaMinSteps is the backtest horizon from which the growth exponent of
// the error spread is estimated instead of assumed (sqrt(h)).
const betaMinSteps = 6

// stepErrors collects the chosen method's out-of-sample errors by months
// ahead, as shares of the level (the mean absolute value of the last season
// of training). Besides the k full backtest windows it uses every later cut
// up to the month before the end, each forecasting the months that remain
// (fewer than hb): for h months ahead there are k+hb-h errors instead of k,
// which matters most with short histories, where k is small. Holt-Winters
// continues its chain of warm-started re-optimisations over these cuts, so
// bt.hwX ends at the optimum for all but the last month.
func (f *fitter) stepErrors(bt *backtest, m methodID) [][]float64 {
	d := bt.d
	n := len(f.y)
	steps := make([][]float64, d.hb)
	for i := range steps {
		steps[i] = make([]float64, 0, d.k+d.hb-1-i)
	}
	add := func(t int, level float64, fc []float64) {
		for i, v := range fc {
			steps[i] = append(steps[i], (f.y[t+i]-v)/level)
		}
	}
	for o := 0; o < d.k; o++ {
		add(d.t0+o, bt.level[o], bt.fc[m][o*d.hb:(o+1)*d.hb])
	}
	out := make([]float64, d.hb)
	for t := d.t0 + d.k; t < n; t++ {
		w := out[:n-t]
		if model := bt.hw[m]; model != nil {
			bt.hwX[m] = model.fit(f.y[:t], bt.hwX[m], warmBudget())
			model.forecast(f.y[:t], bt.hwX[m], w)
		} else {
			f.point(m, f.y[:t], w)
		}
		add(t, levelOf(f.y[:t], f.p), w)
	}
	return steps
}

// testedIntervals builds empirical intervals from the chosen method's
// backtest errors.
//
// Monthly: the relative errors e(h) of stepErrors are modelled as spreading
// like h^beta. beta is the slope of log RMS(e(h)) against log h (weighted by
// the number of errors at each h), clamped to [minBeta, 0.5]; with a backtest
// shorter than betaMinSteps months it is 0.5 (random-walk-like sqrt(h) growth). All
// errors, divided by h^beta, are pooled, and the 80 % and 95 % quantiles of
// their absolute values, q80 and q95 (type-6, split-conformal order
// statistics), give the half-widths q·h^beta·L, where L is the level of the
// whole history. Widths therefore never shrink with h, and they extend
// naturally beyond the backtest horizon.
//
// Total: for each of the k full windows the error of the hb-month sum is
// divided by hb·level. Consecutive windows overlap in all but one month, so
// the errors are summarised by their root mean square s and the bounds use
// Student's t quantiles with as many degrees of freedom as there are
// non-overlapping windows, ceil((k+hb-1)/hb), clamped to [2, k]:
// t·s·c·H·L, where c = mean(h^beta, h ≤ H) / mean(h^beta, h ≤ hb) carries
// the backtest horizon hb over to the forecast horizon H.
func (f *fitter) testedIntervals(bt *backtest, m methodID) intervals {
	d := bt.d
	hb, k := d.hb, d.k
	steps := f.stepErrors(bt, m)
	iv := intervals{beta: 0.5, sqrtRule: true}
	if hb >= betaMinSteps {
		iv.beta = fitBeta(steps)
		iv.sqrtRule = false
	}
	var z []float64
	for i, es := range steps {
		w := math.Pow(float64(i+1), iv.beta)
		for _, v := range es {
			z = append(z, math.Abs(v)/w)
		}
	}
	slices.Sort(z)
	q80, q95 := quantile(z, 0.80), quantile(z, 0.95)
	level := levelOf(f.y, f.p)
	iv.half80 = make([]float64, f.h)
	iv.half95 = make([]float64, f.h)
	for i := range iv.half80 {
		w := math.Pow(float64(i+1), iv.beta) * level
		iv.half80[i] = q80 * w
		iv.half95[i] = q95 * w
	}
	ss := 0.0
	for o := 0; o < k; o++ {
		s := 0.0
		for j := o * hb; j < (o+1)*hb; j++ {
			s += bt.actual[j] - bt.fc[m][j]
		}
		s /= float64(hb) * bt.level[o]
		ss += s * s
	}
	rms := math.Sqrt(ss / float64(k))
	df := math.Max(2, math.Min(float64(k), math.Ceil(float64(k+hb-1)/float64(hb))))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	c := meanPow(f.h, iv.beta) / meanPow(hb, iv.beta)
	base := rms * c * float64(f.h) * level
	iv.tot80 = t.Quantile(0.90) * base
	iv.tot95 = t.Quantile(0.975) * base
	return iv
}

// untestedIntervals gives rough intervals when nothing could be tested
// (fewer than Origins+1 months): the spread is the root mean square of the
// month-to-month changes relative to the level, at least 20 %, growing with
// sqrt(h) as for a random walk, with normal quantiles. An all-zero history
// gets zero-width intervals.
func (f *fitter) untestedIntervals() intervals {
	iv := intervals{beta: 0.5, sqrtRule: true,
		half80: make([]float64, f.h), half95: make([]float64, f.h)}
	level := levelOf(f.y, f.p)
	if level <= 1e-9 {
		return iv
	}
	s := 0.0
	if n := len(f.y); n >= 2 {
		for i := 1; i < n; i++ {
			d := (f.y[i] - f.y[i-1]) / level
			s += d * d
		}
		s = math.Sqrt(s / float64(n-1))
	}
	s = math.Max(s, 0.2)
	const z80, z95 = 1.2816, 1.9600
	for i := range iv.half80 {
		w := s * math.Sqrt(float64(i+1)) * level
		iv.half80[i] = z80 * w
		iv.half95[i] = z95 * w
	}
	h := float64(f.h)
	tot := s * level * math.Sqrt(h*(h+1)*(2*h+1)/6)
	iv.tot80, iv.tot95 = z80*tot, z95*tot
	return iv
}

// minBeta is the least growth exponent: a few backtest origins can show
// errors that do not grow with the horizon by chance, but uncertainty about
// the future does, so intervals always widen at least like h^0.2.
const minBeta = 0.2

// fitBeta estimates the growth exponent of the error spread with the horizon:
// the least-squares slope of log RMS(e(h)) on log h, weighted by the number
// of errors at h, clamped to [minBeta, 0.5].
func fitBeta(steps [][]float64) float64 {
	var sw, sx, sy, sxx, sxy float64
	for i, es := range steps {
		ss := 0.0
		for _, v := range es {
			ss += v * v
		}
		if len(es) == 0 || !(ss > 0) {
			continue
		}
		w := float64(len(es))
		x := math.Log(float64(i + 1))
		y := 0.5 * math.Log(ss/w)
		sw += w
		sx += w * x
		sy += w * y
		sxx += w * x * x
		sxy += w * x * y
	}
	if sw == 0 {
		return 0.5
	}
	den := sxx - sx*sx/sw
	if !(den > 1e-12) {
		return 0.5
	}
	return math.Max(minBeta, math.Min(0.5, (sxy-sx*sy/sw)/den))
}

// meanPow is the mean of h^beta for h = 1..n.
func meanPow(n int, beta float64) float64 {
	s := 0.0
	for h := 1; h <= n; h++ {
		s += math.Pow(float64(h), beta)
	}
	return s / float64(n)
}

// quantile is the type-6 quantile of sorted data: the (n+1)·p-th smallest
// value, interpolated linearly and clamped to the data's range. This is the
// order statistic used by split-conformal prediction; it is slightly more
// cautious than the common type-7 rule with few errors.
func quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	switch n {
	case 0:
		return 0
	case 1:
		return sorted[0]
	}
	h := math.Max(0, p*float64(n+1)-1)
	lo := int(h)
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}
