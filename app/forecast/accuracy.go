package forecast

import "math"

// SeasonalNaive forecasts h periods as the same period one season (p)
// earlier; with less than a season of data it repeats the last value.
func SeasonalNaive(train []float64, h, p int) []float64 {
	out := make([]float64, h)
	if len(train) == 0 {
		return out
	}
	snaiveForecast(train, p, out)
	return out
}

// Accuracy returns the sMAPE (percent) and MASE of forecast f against the
// actual values a, for a series trained on train: MASE is scaled by the
// in-sample error of seasonal naive with season p (naive when the history
// is shorter or flat); it is NaN when that error is 0.
func Accuracy(train, a, f []float64, p int) (smape, mase float64) {
	if len(a) == 0 || len(f) < len(a) {
		return math.NaN(), math.NaN()
	}
	var s, abs float64
	for i := range a {
		d := math.Abs(a[i] - f[i])
		if den := math.Abs(a[i]) + math.Abs(f[i]); den > 0 {
			s += 200 * d / den
		}
		abs += d
	}
	n := float64(len(a))
	scale := func(lag int) float64 {
		var t float64
		c := 0
		for i := lag; i < len(train); i++ {
			t += math.Abs(train[i] - train[i-lag])
			c++
		}
		if c == 0 {
			return 0
		}
		return t / float64(c)
	}
	q := scale(p)
	if q == 0 {
		q = scale(1)
	}
	mase = math.NaN()
	if q > 0 {
		mase = abs / n / q
	}
	return s / n, mase
}
