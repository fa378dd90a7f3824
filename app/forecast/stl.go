package forecast

import (
	"math"
	"slices"
)

// This file holds the decomposition methods: a robust seasonal shape
// estimated per calendar month across all years, and simple or damped
// smoothing (or Theta) of the seasonally adjusted series.
//
// The decomposition has one fixed configuration (in the spirit of STL with
// a periodic seasonal window and robustness iterations). It is
// multiplicative (the shape is a ratio to the trend, the adjusted series
// the month divided by its shape) when every month of the history is above
// zero, as sales seasons usually grow with the business, and additive
// otherwise; below, "remove" and "put back" mean dividing and multiplying,
// or subtracting and adding.
//
//  1. The trend is the centred 2×p moving average of the series with the
//     current seasonal shape removed; at both ends, where the average is not
//     defined, it continues in a straight line with the slope of the last
//     (first) p averaged months (or stays flat with fewer averages).
//  2. The seasonal shape at calendar month j is the weighted mean of the
//     detrended values of every month j in the history ("smoothed per
//     calendar month across years", so the noise of a single year averages
//     out); it is centred to average 1 (multiplicative) or 0 (additive)
//     over the season.
//  3. Robustness: the remainders r = y − trend·shape (or y − trend − shape)
//     get bisquare weights (1 − (r/6m)²)² with m the median |r|, so a
//     one-off month (a big order, a strike) does not shape the season;
//     steps 1 and 2 are repeated with those weights (decompIters passes in
//     all).
//
// With fewer than p+1 months there is no shape (1 or 0).

// decompIters is the number of trend/season passes (the first without
// robustness weights).
const decompIters = 3

// seasonalShape writes the seasonal shape of y into s (len p, indexed t
// mod p), multiplicative when mul. buf needs 3·len(y) values.
func seasonalShape(y []float64, p int, mul bool, s []float64, buf []float64) {
	n := len(y)
	neutral := 0.0
	if mul {
		neutral = 1
	}
	for j := range s {
		s[j] = neutral
	}
	if n < p+1 {
		return
	}
	trend, w, r := buf[:n], buf[n:2*n], buf[2*n:3*n]
	for i := range w {
		w[i] = 1
	}
	var sum, cnt [maxPeriod]float64
	for iter := 0; iter < decompIters; iter++ {
		movingTrend(y, s, p, mul, trend)
		for j := 0; j < p; j++ {
			sum[j], cnt[j] = 0, 0
		}
		for t, v := range y {
			j := t % p
			if mul {
				if trend[t] <= 0 {
					continue
				}
				sum[j] += w[t] * v / trend[t]
			} else {
				sum[j] += w[t] * (v - trend[t])
			}
			cnt[j] += w[t]
		}
		mean := 0.0
		for j := 0; j < p; j++ {
			if cnt[j] > 0 {
				s[j] = sum[j] / cnt[j]
			} else {
				s[j] = neutral
			}
			mean += s[j]
		}
		mean /= float64(p)
		for j := 0; j < p; j++ {
			if mul {
				if mean > 0 {
					s[j] /= mean
				}
				if !(s[j] > 0) {
					s[j] = 1
				}
			} else {
				s[j] -= mean
			}
		}
		if iter == decompIters-1 {
			break
		}
		for t, v := range y {
			if mul {
				r[t] = math.Abs(v - trend[t]*s[t%p])
			} else {
				r[t] = math.Abs(v - trend[t] - s[t%p])
			}
		}
		m := median(r, w) // w is scratch here; reset below
		for t := range y {
			w[t] = 1
			if m > 1e-12 {
				u := r[t] / (6 * m)
				if u >= 1 {
					w[t] = 0
				} else {
					w[t] = (1 - u*u) * (1 - u*u)
				}
			}
		}
	}
}

// maxPeriod bounds the season length (Options allows up to 120).
const maxPeriod = 120

// median returns the median of x using scratch (len(x)), which it
// overwrites.
func median(x, scratch []float64) float64 {
	c := scratch[:len(x)]
	copy(c, x)
	slices.Sort(c)
	n := len(c)
	if n%2 == 1 {
		return c[n/2]
	}
	return (c[n/2-1] + c[n/2]) / 2
}

// movingTrend writes the trend of y − s (s indexed t mod p) into trend: the
// centred 2×p moving average (p×1 for odd p), continued in straight lines
// at both ends.
func movingTrend(y, s []float64, p int, mul bool, trend []float64) {
	n := len(y)
	half := p / 2
	lo, hi := half, n-half-1 // first and last month with a full window
	adj := func(t int) float64 {
		if mul {
			return y[t] / s[t%p]
		}
		return y[t] - s[t%p]
	}
	if lo > hi {
		m := 0.0
		for t := range y {
			m += adj(t)
		}
		m /= float64(n)
		for t := range trend {
			trend[t] = m
		}
		return
	}
	// Running sum over the window t-half .. t+half.
	win := 0.0
	for t := 0; t <= 2*half && t < n; t++ {
		win += adj(t)
	}
	for t := lo; t <= hi; t++ {
		if t > lo {
			win += adj(t+half) - adj(t-half-1)
		}
		if p%2 == 0 {
			trend[t] = (win - 0.5*adj(t-half) - 0.5*adj(t+half)) / float64(p)
		} else {
			trend[t] = win / float64(p)
		}
	}
	// Straight-line ends with the slope of the nearest p averages.
	k := min(p, hi-lo+1)
	slope := func(from, to int) float64 {
		if to-from < 2 {
			return 0
		}
		_, b := lineFit(trend[from : to+1])
		return b
	}
	b0 := slope(lo, lo+k-1)
	for t := lo - 1; t >= 0; t-- {
		trend[t] = trend[lo] - b0*float64(lo-t)
	}
	b1 := slope(hi-k+1, hi)
	for t := hi + 1; t < n; t++ {
		trend[t] = trend[hi] + b1*float64(t-hi)
	}
}

// adjusted writes y with the seasonal shape s removed into a.
func adjusted(y, s []float64, p int, mul bool, a []float64) {
	for t, v := range y {
		if mul {
			a[t] = v / s[t%p]
		} else {
			a[t] = v - s[t%p]
		}
	}
}

// sesSSE runs simple exponential smoothing with smoothing alpha over a
// (level starting at a[0]) and returns the sum of squared one-step errors
// and the final level.
func sesSSE(a []float64, alpha float64) (sse, level float64) {
	level = a[0]
	for _, v := range a[1:] {
		e := v - level
		sse += e * e
		level += alpha * e
	}
	return sse, level
}

// sesAlpha finds the smoothing parameter of simple exponential smoothing
// in [0.02, 0.98] by golden-section search on the one-step squared errors.
func sesAlpha(a []float64) float64 {
	const lo0, hi0 = 0.02, 0.98
	if len(a) < 3 {
		return 0.5
	}
	g := (math.Sqrt(5) - 1) / 2
	lo, hi := lo0, hi0
	x1, x2 := hi-g*(hi-lo), lo+g*(hi-lo)
	f1, _ := sesSSE(a, x1)
	f2, _ := sesSSE(a, x2)
	for i := 0; i < 14; i++ {
		if f1 <= f2 {
			hi, x2, f2 = x2, x1, f1
			x1 = hi - g*(hi-lo)
			f1, _ = sesSSE(a, x1)
		} else {
			lo, x1, f1 = x1, x2, f2
			x2 = lo + g*(hi-lo)
			f2, _ = sesSSE(a, x2)
		}
	}
	return (lo + hi) / 2
}

// dampedSSE runs Holt's linear method with a damped trend over a and
// returns the one-step squared errors and the final level and trend.
func dampedSSE(a []float64, alpha, beta, phi, b0 float64) (sse, level, trend float64) {
	level, trend = a[0], b0
	for _, v := range a[1:] {
		f := level + phi*trend
		e := v - f
		sse += e * e
		nl := f + alpha*e
		trend = phi*trend + beta*(nl-level-phi*trend)
		level = nl
	}
	return sse, level, trend
}

// dampedGrid are the (beta as a share of alpha, phi) pairs tried for the
// damped trend; alpha is searched on a grid for each.
var dampedGrid = [...][2]float64{{0.05, 0.85}, {0.05, 0.95}, {0.2, 0.85}, {0.2, 0.95}}

// dampedFit fits Holt's damped trend to a by a small grid search and
// returns its final level, trend and damping.
func dampedFit(a []float64) (level, trend, phi float64) {
	n := len(a)
	k := min(12, n-1)
	b0 := 0.0
	if k > 0 {
		b0 = (a[k] - a[0]) / float64(k)
	}
	best := math.Inf(1)
	for _, bp := range dampedGrid {
		for _, alpha := range [...]float64{0.1, 0.25, 0.45, 0.7, 0.9} {
			sse, l, tr := dampedSSE(a, alpha, bp[0]*alpha, bp[1], b0)
			if sse < best {
				best, level, trend, phi = sse, l, tr, bp[1]
			}
		}
	}
	return level, trend, phi
}

// decomp is the decomposition of one training window: the seasonal shape
// (indexed t mod p), the adjusted series and its SES smoothing parameter.
type decomp struct {
	shape, adj []float64
	alpha      float64
	mul        bool // the shape multiplies (all months > 0) instead of adding
}

// season puts the shape of month t back on the adjusted value v.
func (d *decomp) season(v float64, t, p int) float64 {
	if d.mul {
		return v * d.shape[t%p]
	}
	return v + d.shape[t%p]
}

// decompose returns the decomposition of train. Training windows are
// prefixes of the history, so the decompositions are kept by length and
// the three decomposition methods (and the combination) share them.
func (f *fitter) decompose(train []float64) *decomp {
	n := len(train)
	prefix := n <= len(f.y) && n > 0 && &train[0] == &f.y[0]
	if prefix && f.decomps != nil && f.decomps[n] != nil {
		return f.decomps[n]
	}
	d := &decomp{shape: make([]float64, f.p), adj: make([]float64, n), mul: f.pos}
	seasonalShape(train, f.p, d.mul, d.shape, f.big)
	adjusted(train, d.shape, f.p, d.mul, d.adj)
	d.alpha = sesAlpha(d.adj)
	if prefix {
		if f.decomps == nil {
			f.decomps = make([]*decomp, len(f.y)+1)
		}
		f.decomps[n] = d
	}
	return d
}

// stlForecast forecasts the adjusted series of d with simple exponential
// smoothing (damped false) or Holt's damped trend and puts the seasonal
// shape back.
func stlForecast(d *decomp, p int, damped bool, out []float64) {
	n := len(d.adj)
	if damped {
		l, b, phi := dampedFit(d.adj)
		acc := 0.0
		for i := range out {
			acc = acc*phi + 1 // phi + phi² + … + phi^(i+1), divided by phi
			out[i] = d.season(l+phi*acc*b, n+i, p)
		}
		return
	}
	_, l := sesSSE(d.adj, d.alpha)
	for i := range out {
		out[i] = d.season(l, n+i, p)
	}
}

// thetaForecast is the Theta method (Assimakopoulos and Nikolopoulos, in
// Hyndman and Billah's form: simple exponential smoothing with a drift of
// half the least-squares slope) on the seasonally adjusted series of d,
// with the seasonal shape put back.
func thetaForecast(d *decomp, p int, out []float64) {
	n := len(d.adj)
	alpha := d.alpha
	_, l := sesSSE(d.adj, alpha)
	_, b := lineFit(d.adj)
	c := 1/alpha - math.Pow(1-alpha, float64(n))/alpha
	for i := range out {
		out[i] = d.season(l+b/2*(float64(i)+c), n+i, p)
	}
}
