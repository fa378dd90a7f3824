package forecast

import "math"

// methodID identifies one forecasting method. The numeric order is the
// stable order of Result.Scores.
type methodID int

const (
	mSNaive methodID = iota
	mNaive
	mNaive2
	mRegression
	mHWAdd
	mHWAddDamped
	mHWMul
	mHWMulDamped
	mMean
	mLinear
	mSNaiveDamped
	mSTL
	mSTLDamped
	mTheta
	mCombo
	numMethods
)

// code returns the short machine name used in MethodScore.Method.
func (m methodID) code() string {
	switch m {
	case mSNaive:
		return "snaive"
	case mNaive:
		return "naive"
	case mNaive2:
		return "naive2"
	case mRegression:
		return "regression"
	case mHWAdd:
		return "hw_add"
	case mHWAddDamped:
		return "hw_add_damped"
	case mHWMul:
		return "hw_mul"
	case mHWMulDamped:
		return "hw_mul_damped"
	case mMean:
		return "mean"
	case mLinear:
		return "linear"
	case mSNaiveDamped:
		return "snaive_damped"
	case mSTL:
		return "stl_ses"
	case mSTLDamped:
		return "stl_damped"
	case mTheta:
		return "theta"
	case mCombo:
		return "combination"
	}
	return "unknown"
}

// label returns the human name of the method.
func (m methodID) label() string {
	switch m {
	case mSNaive:
		return "Seasonal naive"
	case mNaive:
		return "Naive (last month repeated)"
	case mNaive2:
		return "Naive on seasonally adjusted data (Naive2)"
	case mRegression:
		return "Linear trend with monthly seasonality (regression)"
	case mHWAdd:
		return "Holt-Winters additive"
	case mHWAddDamped:
		return "Holt-Winters additive, damped trend"
	case mHWMul:
		return "Holt-Winters multiplicative"
	case mHWMulDamped:
		return "Holt-Winters multiplicative, damped trend"
	case mMean:
		return "Average of the last 12 months"
	case mLinear:
		return "Linear trend"
	case mSNaiveDamped:
		return "Seasonal naive with damped growth"
	case mSTL:
		return "Seasonal decomposition + exponential smoothing"
	case mSTLDamped:
		return "Seasonal decomposition + damped trend"
	case mTheta:
		return "Theta method on seasonally adjusted data"
	case mCombo:
		return "Combination of the best methods"
	}
	return "Unknown"
}

// complexity ranks methods from simplest to most complex; it breaks ties in
// the backtest ranking (the simpler method wins a tie).
func (m methodID) complexity() int {
	switch m {
	case mSNaive:
		return 0
	case mNaive:
		return 1
	case mNaive2:
		return 2
	case mMean:
		return 3
	case mLinear:
		return 4
	case mSNaiveDamped:
		return 5
	case mSTL:
		return 6
	case mTheta:
		return 7
	case mSTLDamped:
		return 8
	case mRegression:
		return 9
	case mHWAdd:
		return 10
	case mHWAddDamped:
		return 11
	case mHWMul:
		return 12
	case mHWMulDamped:
		return 13
	case mCombo:
		return 14
	}
	return 99
}

// minTrain is the shortest training window, in months, on which the method
// can be fitted.
func (m methodID) minTrain(p int) int {
	switch m {
	case mSNaive, mLinear:
		return p
	case mSNaiveDamped, mSTL, mSTLDamped, mTheta, mCombo:
		return p + 1
	case mRegression, mHWAdd, mHWAddDamped, mHWMul, mHWMulDamped:
		return 2 * p
	}
	return 1
}

// seasonalModel reports whether m is one of the models that need two full
// seasons (regression and Holt-Winters).
func (m methodID) seasonalModel() bool {
	switch m {
	case mRegression, mHWAdd, mHWAddDamped, mHWMul, mHWMulDamped:
		return true
	}
	return false
}

// comboMember reports whether m may be part of the combination: the
// seasonal methods without state carried from origin to origin (not
// Holt-Winters, not the benchmarks naive and naive2, which would flatten
// the season, nor the non-seasonal fallbacks).
func (m methodID) comboMember() bool {
	switch m {
	case mSNaive, mSNaiveDamped, mRegression, mSTL, mSTLDamped, mTheta:
		return true
	}
	return false
}

// multiplicative reports whether m needs strictly positive data.
func (m methodID) multiplicative() bool {
	return m == mHWMul || m == mHWMulDamped
}

// hwSpec returns the Holt-Winters variant of m; ok is false for other methods.
func (m methodID) hwSpec() (s hwSpec, ok bool) {
	switch m {
	case mHWAdd:
		return hwSpec{}, true
	case mHWAddDamped:
		return hwSpec{damped: true}, true
	case mHWMul:
		return hwSpec{mul: true}, true
	case mHWMulDamped:
		return hwSpec{mul: true, damped: true}, true
	}
	return hwSpec{}, false
}

// naiveForecast repeats the last value.
func naiveForecast(train []float64, out []float64) {
	last := train[len(train)-1]
	for i := range out {
		out[i] = last
	}
}

// snaiveForecast repeats the value one season earlier (the last season is
// repeated for horizons longer than a season). With less than one season of
// data it falls back to naive.
func snaiveForecast(train []float64, p int, out []float64) {
	t := len(train)
	if t < p {
		naiveForecast(train, out)
		return
	}
	for i := range out {
		out[i] = train[t-p+i%p]
	}
}

// meanForecast repeats the mean of the last season (or of all data when
// shorter).
func meanForecast(train []float64, p int, out []float64) {
	w := min(p, len(train))
	s := 0.0
	for _, v := range train[len(train)-w:] {
		s += v
	}
	s /= float64(w)
	for i := range out {
		out[i] = s
	}
}

// linearForecast extrapolates a least-squares straight line through train.
func linearForecast(train []float64, out []float64) {
	a, b := lineFit(train)
	t := float64(len(train))
	for i := range out {
		out[i] = a + b*(t+float64(i))
	}
}

// lineFit returns the intercept and slope of the least-squares line through
// (i, y[i]).
func lineFit(y []float64) (a, b float64) {
	n := float64(len(y))
	tm := (n - 1) / 2
	ym := 0.0
	for _, v := range y {
		ym += v
	}
	ym /= n
	num, den := 0.0, 0.0
	for i, v := range y {
		d := float64(i) - tm
		num += d * (v - ym)
		den += d * d
	}
	if den > 0 {
		b = num / den
	}
	return ym - b*tm, b
}

// dampedGrowthPhi is the damping of the yearly growth in snaiveDamped.
const dampedGrowthPhi = 0.8

// snaiveDampedForecast is seasonal naive adjusted by the growth observed over
// the most recent months against the same months one season earlier (up to a
// full season of overlap). The growth is damped: a season ahead gets phi of
// it, two seasons ahead phi+phi², and so on. Growth is a ratio (clipped to
// 0.5–2) when both sums are positive, otherwise a per-month difference.
func snaiveDampedForecast(train []float64, p int, out []float64) {
	t := len(train)
	if t <= p {
		snaiveForecast(train, p, out)
		return
	}
	k := min(p, t-p)
	r, q := 0.0, 0.0
	for i := t - k; i < t; i++ {
		r += train[i]
		q += train[i-p]
	}
	mult := r > 0 && q > 0
	g := 1.0
	if mult {
		g = math.Min(2, math.Max(0.5, r/q))
	}
	d := (r - q) / float64(k)
	for i := range out {
		yr := i/p + 1
		damp := dampedGrowthPhi * (1 - math.Pow(dampedGrowthPhi, float64(yr))) / (1 - dampedGrowthPhi)
		base := train[t-p+i%p]
		if mult {
			out[i] = base * math.Pow(g, damp)
		} else {
			out[i] = base + d*damp
		}
	}
}

// regressionForecast fits y_t = c_{t mod p} + b·t by least squares (one
// intercept per month of the season plus a common linear trend) and
// extrapolates it. The normal equations of this design have a closed form:
// the slope is the pooled within-month slope and each c_j is the month's
// mean minus the slope times the month's mean time.
func regressionForecast(train []float64, p int, out []float64, buf []float64) {
	t := len(train)
	cnt := buf[:p]
	st := buf[p : 2*p]
	sy := buf[2*p : 3*p]
	for j := 0; j < p; j++ {
		cnt[j], st[j], sy[j] = 0, 0, 0
	}
	for i, v := range train {
		j := i % p
		cnt[j]++
		st[j] += float64(i)
		sy[j] += v
	}
	for j := 0; j < p; j++ {
		if cnt[j] > 0 {
			st[j] /= cnt[j]
			sy[j] /= cnt[j]
		}
	}
	num, den := 0.0, 0.0
	for i, v := range train {
		j := i % p
		d := float64(i) - st[j]
		num += d * (v - sy[j])
		den += d * d
	}
	b := 0.0
	if den > 0 {
		b = num / den
	}
	for i := range out {
		ti := t + i
		j := ti % p
		if cnt[j] == 0 {
			out[i] = train[t-1]
			continue
		}
		out[i] = sy[j] + b*(float64(ti)-st[j])
	}
}

// naive2Forecast is the M4 "Naive2" benchmark: when the series passes the
// 90 % seasonality test on the autocorrelation at lag p, it is seasonally
// adjusted by classical multiplicative decomposition, forecast with naive and
// re-seasonalised; otherwise it is plain naive. For data with zero or negative
// values (never seen in M4) the additive decomposition is used instead.
func naive2Forecast(train []float64, p int, out []float64, buf []float64) {
	t := len(train)
	if p < 2 || !seasonalityTest(train, p) {
		naiveForecast(train, out)
		return
	}
	mul := allPositive(train)
	idx := buf[:p]
	classicalSeasonal(train, p, mul, idx, buf[p:2*p])
	last := train[t-1]
	if mul {
		des := last / idx[(t-1)%p]
		for i := range out {
			out[i] = des * idx[(t+i)%p]
		}
		return
	}
	des := last - idx[(t-1)%p]
	for i := range out {
		out[i] = des + idx[(t+i)%p]
	}
}

// seasonalityTest is the M4 test: seasonal when n ≥ 3p and the lag-p
// autocorrelation exceeds 1.645·sqrt((1 + 2·Σ_{k<p} r_k²)/n).
func seasonalityTest(y []float64, p int) bool {
	n := len(y)
	if n < 3*p {
		return false
	}
	m := 0.0
	for _, v := range y {
		m += v
	}
	m /= float64(n)
	den := 0.0
	for _, v := range y {
		den += (v - m) * (v - m)
	}
	if !(den > 0) {
		return false
	}
	sum := 1.0
	var rp float64
	for k := 1; k <= p; k++ {
		s := 0.0
		for i := 0; i+k < n; i++ {
			s += (y[i] - m) * (y[i+k] - m)
		}
		r := s / den
		if k < p {
			sum += 2 * r * r
		} else {
			rp = r
		}
	}
	return math.Abs(rp) > 1.645*math.Sqrt(sum/float64(n))
}

// classicalSeasonal computes the seasonal indices of classical decomposition
// (as R's decompose): a centred moving average of order p is the trend, the
// ratios (or differences) to it are averaged per position t mod p and the
// indices are normalised to mean 1 (or 0). idx[j] is the index of t mod p == j.
func classicalSeasonal(y []float64, p int, mul bool, idx, cnt []float64) {
	n := len(y)
	for j := 0; j < p; j++ {
		idx[j], cnt[j] = 0, 0
	}
	half := p / 2
	for t := half; t < n-half; t++ {
		var tr float64
		if p%2 == 0 {
			tr = 0.5 * (y[t-half] + y[t+half])
			for i := t - half + 1; i < t+half; i++ {
				tr += y[i]
			}
		} else {
			for i := t - half; i <= t+half; i++ {
				tr += y[i]
			}
		}
		tr /= float64(p)
		j := t % p
		if mul {
			if tr <= 0 {
				continue
			}
			idx[j] += y[t] / tr
		} else {
			idx[j] += y[t] - tr
		}
		cnt[j]++
	}
	mean := 0.0
	for j := 0; j < p; j++ {
		switch {
		case cnt[j] > 0:
			idx[j] /= cnt[j]
		case mul:
			idx[j] = 1
		default:
			idx[j] = 0
		}
		mean += idx[j]
	}
	mean /= float64(p)
	for j := 0; j < p; j++ {
		if mul {
			if mean > 0 {
				idx[j] /= mean
			}
			if !(idx[j] > 0) {
				idx[j] = 1
			}
		} else {
			idx[j] -= mean
		}
	}
}

// allPositive reports whether every value is > 0.
func allPositive(y []float64) bool {
	for _, v := range y {
		if !(v > 0) {
			return false
		}
	}
	return true
}

// methodByCode returns the method with code c.
func methodByCode(c string) (methodID, bool) {
	for m := methodID(0); m < numMethods; m++ {
		if m.code() == c {
			return m, true
		}
	}
	return 0, false
}

// MethodCodes lists the codes of every method, for Options.Method.
func MethodCodes() []string {
	out := make([]string, 0, numMethods)
	for m := methodID(0); m < numMethods; m++ {
		out = append(out, m.code())
	}
	return out
}
