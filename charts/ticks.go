package charts

import (
	"math"
	"strconv"
	"time"
)

// niceTicks returns evenly spaced tick values covering [lo, hi] whose step
// is 1, 2 or 5 × 10^k. It returns between minCount and maxCount ticks
// (inclusive; both are raised to at least 2, or 3 when the range straddles
// zero), extending the range by whole steps when the best step yields too
// few. The first tick is ≤ lo and the last is
// ≥ hi. A degenerate range (lo == hi) is padded so the result always spans a
// positive interval. Non-finite input yields the ticks for [0, 1]; bounds
// beyond ±maxValue are clamped.
func niceTicks(lo, hi float64, minCount, maxCount int) []float64 {
	if !isFinite(lo) || !isFinite(hi) {
		lo, hi = 0, 1
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	maxCount = max(maxCount, 2)
	minCount = min(max(minCount, 2), maxCount)
	if lo == hi {
		switch {
		case lo == 0:
			hi = 1
		case lo > 0:
			lo = 0
		default:
			hi = 0
		}
	}
	if lo < -maxValue || hi > maxValue {
		lo, hi = max(lo, -maxValue), min(hi, maxValue)
	}
	if hi-lo < 1e-200 {
		// Too small to subdivide in float64: widen to include zero and
		// at least one unit.
		lo, hi = min(lo, 0), max(hi, 0)
		if hi-lo < 1e-200 {
			hi = lo + 1
		}
	}
	span := hi - lo

	if lo < 0 && hi > 0 {
		maxCount = max(maxCount, 3) // below zero, zero, above zero
		minCount = max(minCount, 3)
	}
	first := int(math.Floor(math.Log10(span/float64(maxCount)))) - 1
	for exp := first; exp < first+40; exp++ {
		for _, mant := range [...]int64{1, 2, 5} {
			step := float64(mant) * math.Pow10(exp)
			if !(step > 0) || !isFinite(step) {
				continue
			}
			fLo, fHi := snap(lo/step, math.Floor), snap(hi/step, math.Ceil)
			if math.Abs(fLo) > 1<<53 || math.Abs(fHi) > 1<<53 {
				continue
			}
			kLo, kHi := int64(fLo), int64(fHi)
			count := int(kHi-kLo) + 1
			if count < 1 || count > maxCount {
				continue
			}
			// Too few ticks: extend by whole steps, preferring the side
			// away from a zero baseline.
			for top := true; count < minCount; top = !top {
				switch {
				case kHi <= 0 && kLo < 0:
					kLo-- // all-negative data grows downwards
				case kLo >= 0:
					kHi++ // all-positive data grows upwards
				case top:
					kHi++
				default:
					kLo--
				}
				count++
			}
			ticks := make([]float64, 0, count)
			for k := kLo; k <= kHi; k++ {
				ticks = append(ticks, tickValue(k*mant, exp))
			}
			return ticks
		}
	}
	return []float64{lo, hi}
}

// snap rounds q to the nearest integer if it is one up to floating-point
// error (relative to q), and applies round (math.Floor or math.Ceil)
// otherwise.
func snap(q float64, round func(float64) float64) float64 {
	if r := math.Round(q); math.Abs(q-r) <= 1e-9*math.Abs(q) {
		return r
	}
	return round(q)
}

// tickValue returns n × 10^exp, dividing by an exact power of ten for
// negative exponents so that values like 0.3 come out exact rather than as
// 3 × 0.1 = 0.30000000000000004.
func tickValue(n int64, exp int) float64 {
	if exp < 0 && exp >= -22 {
		return float64(n) / math.Pow10(-exp)
	}
	return float64(n) * math.Pow10(exp)
}

// FormatCompact formats v with at most three significant digits and a
// k/M/B/T suffix for thousands, millions, billions and trillions, e.g.
// "12.3k", "1.2M", "-500", "0.25". It is the default tick label formatter.
func FormatCompact(v float64) string {
	switch {
	case math.IsNaN(v):
		return ""
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	}
	a := roundSignificant(math.Abs(v), 3)
	if a == 0 {
		return "0"
	}
	sign := ""
	if v < 0 {
		sign = "-"
	}
	for _, u := range [...]struct {
		div    float64
		suffix string
	}{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}} {
		if a >= u.div {
			return sign + strconv.FormatFloat(a/u.div, 'f', -1, 64) + u.suffix
		}
	}
	return sign + strconv.FormatFloat(a, 'f', -1, 64)
}

// roundSignificant rounds a ≥ 0 to the given number of significant digits.
func roundSignificant(a float64, digits int) float64 {
	if a == 0 || !isFinite(a) {
		return a
	}
	shift := digits - 1 - int(math.Floor(math.Log10(a)))
	switch {
	case shift > 0 && shift <= 22:
		p := math.Pow10(shift)
		return math.Round(a*p) / p
	case shift < 0 && shift >= -22:
		p := math.Pow10(-shift)
		return math.Round(a/p) * p
	}
	return a
}

// monthLabel formats the month index i (0 = Values[0]) like "Jan 24".
func monthLabel(firstYear int, firstMonth time.Month, i int) string {
	y, m := monthAt(firstYear, firstMonth, i)
	yy := (y%100 + 100) % 100
	return m.String()[:3] + " " + strconv.Itoa(yy/10) + strconv.Itoa(yy%10)
}

// monthAt returns the calendar year and month i months after
// firstYear/firstMonth. Out-of-range months are normalised like time.Date.
func monthAt(firstYear int, firstMonth time.Month, i int) (int, time.Month) {
	t := firstYear*12 + int(firstMonth) - 1 + i
	y := floorDiv(t, 12)
	return y, time.Month(t-y*12) + 1
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// monthStep returns the number of months between labelled X ticks: the
// smallest of 1, 2, 3, 6, 12 (then whole multiples of 12 years) such that
// labels are at least minSpacing pixels apart when one month takes slot
// pixels.
func monthStep(slot, minSpacing float64) int {
	if !(slot > 0) {
		return 12
	}
	for _, step := range [...]int{1, 2, 3, 6, 12, 24, 36, 60, 120} {
		if slot*float64(step) >= minSpacing {
			return step
		}
	}
	years := math.Ceil(minSpacing / (slot * 12))
	if years > 1e6 {
		years = 1e6
	}
	return 12 * int(years)
}

// monthTickIndexes returns the month indexes in [0, n) that carry a label
// for the given step. Ticks sit on calendar boundaries: every month, odd
// months, quarter starts, half-year starts, or January (of every step/12-th
// year). If no month in range qualifies, month 0 is labelled.
func monthTickIndexes(n, firstYear int, firstMonth time.Month, step int) []int {
	var idx []int
	for i := 0; i < n; i++ {
		y, m := monthAt(firstYear, firstMonth, i)
		mi := int(m) - 1
		if step <= 12 {
			if mi%step == 0 {
				idx = append(idx, i)
			}
			continue
		}
		if mi == 0 && ((y%(step/12))+step/12)%(step/12) == 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 && n > 0 {
		idx = append(idx, 0)
	}
	return idx
}

// maxValue bounds the magnitude of plotted values. Larger ones are treated
// as missing: a range near ±MaxFloat64 cannot be subdivided without
// overflowing.
const maxValue = 1e300

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// plottable reports whether v can be plotted: finite and within ±maxValue.
func plottable(v float64) bool { return isFinite(v) && math.Abs(v) <= maxValue }
