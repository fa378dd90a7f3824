package app

// Money in Salesplan.
//
// Rounding rule: amounts are kept in minor units (int64 cents, or whatever
// the currency's smallest unit is); any division rounds half away from zero
// (RoundDiv, MulRatio); display never rounds because stored amounts already
// are in minor units (Locale.Money prints them exactly, never via float64);
// a split uses the largest-remainder method so parts sum exactly to the
// total (Split, SplitEven). Only Locale.MoneyCompact, which is meant for chart
// labels and KPI tiles, shortens amounts, and it too rounds half away from
// zero. ToMajor is for charts and JSON only and must never be summed back.

import (
	"math"
	"math/big"
	"math/bits"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Currency is an ISO 4217 currency: its code, minor-unit digits and symbol.
type Currency struct {
	Code   string // three upper-case letters, e.g. "EUR"
	Digits int    // minor-unit digits: 2 for EUR (cents), 0 for JPY, 3 for KWD
	Symbol string // what people write next to amounts, e.g. "€"
}

// currencyTable lists the currencies Salesplan knows, sorted by code. It is
// read-only; Currencies returns a copy.
var currencyTable = [...]Currency{
	{"AED", 2, "AED"},
	{"ARS", 2, "AR$"},
	{"AUD", 2, "A$"},
	{"BGN", 2, "лв"},
	{"BHD", 3, "BHD"},
	{"BRL", 2, "R$"},
	{"CAD", 2, "CA$"},
	{"CHF", 2, "CHF"},
	{"CLP", 0, "CL$"},
	{"CNY", 2, "CN¥"},
	{"COP", 2, "CO$"},
	{"CZK", 2, "Kč"},
	{"DKK", 2, "kr."},
	{"EGP", 2, "E£"},
	{"EUR", 2, "€"},
	{"GBP", 2, "£"},
	{"HKD", 2, "HK$"},
	{"HUF", 2, "Ft"},
	{"IDR", 2, "Rp"},
	{"ILS", 2, "₪"},
	{"INR", 2, "₹"},
	{"ISK", 0, "kr"},
	{"JOD", 3, "JOD"},
	{"JPY", 0, "¥"},
	{"KES", 2, "KSh"},
	{"KRW", 0, "₩"},
	{"KWD", 3, "KWD"},
	{"MAD", 2, "MAD"},
	{"MXN", 2, "MX$"},
	{"MYR", 2, "RM"},
	{"NGN", 2, "₦"},
	{"NOK", 2, "kr"},
	{"NZD", 2, "NZ$"},
	{"OMR", 3, "OMR"},
	{"PEN", 2, "S/"},
	{"PHP", 2, "₱"},
	{"PKR", 2, "Rs"},
	{"PLN", 2, "zł"},
	{"QAR", 2, "QAR"},
	{"RON", 2, "lei"},
	{"RUB", 2, "₽"},
	{"SAR", 2, "SAR"},
	{"SEK", 2, "kr"},
	{"SGD", 2, "S$"},
	{"THB", 2, "฿"},
	{"TND", 3, "TND"},
	{"TRY", 2, "₺"},
	{"TWD", 2, "NT$"},
	{"UAH", 2, "₴"},
	{"USD", 2, "$"},
	{"VND", 0, "₫"},
	{"ZAR", 2, "R"},
}

// LookupCurrency returns the currency with the given ISO 4217 code,
// ignoring case and surrounding spaces. An unknown code gives an *Error
// (ErrInvalid) whose message a non-technical person understands.
func LookupCurrency(code string) (Currency, error) {
	k := strings.ToUpper(strings.TrimSpace(code))
	if k == "" {
		return Currency{}, Errorf(ErrInvalid, "No currency given; use a three-letter ISO code such as EUR or USD")
	}
	i := sort.Search(len(currencyTable), func(i int) bool { return currencyTable[i].Code >= k })
	if i < len(currencyTable) && currencyTable[i].Code == k {
		return currencyTable[i], nil
	}
	return Currency{}, Errorf(ErrInvalid, "%s is not a currency code Salesplan knows; use a three-letter ISO code such as EUR or USD", moneyShowInput(code))
}

// Currencies returns all known currencies sorted by code, for pickers. The
// slice is a fresh copy the caller may modify.
func Currencies() []Currency {
	out := make([]Currency, len(currencyTable))
	copy(out, currencyTable[:])
	return out
}

// RoundDiv returns a/b rounded half away from zero, using integers only.
// Like Go's integer division it panics if b == 0, and the one result that
// does not fit in an int64 (math.MinInt64 / -1) wraps to math.MinInt64.
func RoundDiv(a, b int64) int64 {
	if b == 0 {
		panic("app.RoundDiv: division by zero")
	}
	ua, ub := moneyAbsU(a), moneyAbsU(b)
	q, r := ua/ub, ua%ub
	if r >= ub-r { // 2r >= ub: half or more rounds away from zero
		q++
	}
	if (a < 0) != (b < 0) {
		return int64(-q)
	}
	return int64(q)
}

// Split divides total into len(weights) parts proportional to weights using
// the largest-remainder method, so the parts always sum exactly to total.
//
// Each part is the exact share total*w/sum(weights) rounded down in
// magnitude; the units left over go, one each, to the parts with the
// largest remainders, ties going to the lower index. A negative total is
// split like its magnitude and the parts negated, so Split(-x, w) is
// exactly -Split(x, w). Negative weights are treated as 0 (their part is
// 0). If no weight is positive the total is split evenly as by SplitEven.
// With no weights at all Split returns nil. The arithmetic uses math/big,
// so any int64 total and weights are safe.
func Split(total int64, weights []int64) []int64 {
	n := len(weights)
	if n == 0 {
		return nil
	}
	sum := new(big.Int)
	for _, w := range weights {
		if w > 0 {
			sum.Add(sum, big.NewInt(w))
		}
	}
	if sum.Sign() == 0 {
		return SplitEven(total, n)
	}
	mag := moneyAbsU(total)
	t := new(big.Int).SetUint64(mag)
	parts := make([]uint64, n)
	rems := make([]*big.Int, n)
	var assigned uint64
	prod := new(big.Int)
	for i, w := range weights {
		rems[i] = new(big.Int)
		if w <= 0 {
			continue
		}
		prod.Mul(t, big.NewInt(w))
		q := new(big.Int)
		q.QuoRem(prod, sum, rems[i])
		parts[i] = q.Uint64() // q <= mag, so it fits
		assigned += parts[i]
	}
	left := mag - assigned // fewer than the number of positive weights
	if left > 0 {
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool {
			return rems[order[a]].Cmp(rems[order[b]]) > 0
		})
		for k := uint64(0); k < left; k++ {
			parts[order[k]]++
		}
	}
	return moneySigned(parts, total < 0)
}

// SplitEven splits total into n parts that differ by at most one minor unit
// and sum exactly to total; the larger parts (in magnitude) come first.
// SplitEven(-x, n) is exactly -SplitEven(x, n). For n <= 0 it returns nil.
func SplitEven(total int64, n int) []int64 {
	if n <= 0 {
		return nil
	}
	mag := moneyAbsU(total)
	q, r := mag/uint64(n), mag%uint64(n)
	parts := make([]uint64, n)
	for i := range parts {
		parts[i] = q
		if uint64(i) < r {
			parts[i]++
		}
	}
	return moneySigned(parts, total < 0)
}

// MulRatio returns minor*num/den rounded half away from zero. The product
// is computed in 128 bits, so only a result outside the int64 range fails;
// den == 0 also gives an error.
func MulRatio(minor, num, den int64) (int64, error) {
	if den == 0 {
		return 0, Errorf(ErrInvalid, "Cannot divide an amount by zero")
	}
	q, ok := moneyMulDivRound(moneyAbsU(minor), moneyAbsU(num), moneyAbsU(den))
	neg := (minor < 0) != (num < 0) != (den < 0)
	switch {
	case ok && q == 0:
		return 0, nil
	case ok && neg && q <= 1<<63:
		return int64(-q), nil
	case ok && !neg && q <= math.MaxInt64:
		return int64(q), nil
	}
	return 0, Errorf(ErrInvalid, "The result is too large to be stored as an amount")
}

// ToMajor converts minor units to a float64 number of major units, e.g.
// 123456 EUR cents to 1234.56. It is for charts and JSON only: the result is
// the float64 nearest to the exact decimal value, and must never be summed
// or stored as an amount.
func ToMajor(minor int64, c Currency) float64 {
	f, err := strconv.ParseFloat(moneyPlain(minor, c.Digits), 64)
	if err != nil {
		return math.NaN() // cannot happen: moneyPlain writes a valid number
	}
	return f
}

// moneyAbsU returns |v| as a uint64; it is exact also for math.MinInt64.
func moneyAbsU(v int64) uint64 {
	if v < 0 {
		return -uint64(v)
	}
	return uint64(v)
}

// moneySigned converts magnitudes to int64 parts, negated if neg. Every
// magnitude is at most |total|, so the conversion is exact.
func moneySigned(mags []uint64, neg bool) []int64 {
	out := make([]int64, len(mags))
	for i, m := range mags {
		if neg {
			out[i] = int64(-m)
		} else {
			out[i] = int64(m)
		}
	}
	return out
}

// moneyMulDivRound returns a*b/c rounded half up (half away from zero for
// magnitudes), computing a*b in 128 bits. ok is false if c == 0 or the
// result does not fit in a uint64.
func moneyMulDivRound(a, b, c uint64) (q uint64, ok bool) {
	if c == 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(a, b)
	if hi >= c {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, c)
	if r >= c-r {
		if q == math.MaxUint64 {
			return 0, false
		}
		q++
	}
	return q, true
}

// moneyDigits clamps a currency's minor-unit digits to 0..18, the range an
// int64 amount can show.
func moneyDigits(d int) int {
	return max(0, min(d, 18))
}

// moneySplitDigits writes the magnitude u of an amount with d minor digits
// as its integer and fraction digit strings, exactly.
func moneySplitDigits(u uint64, d int) (whole, frac string) {
	d = moneyDigits(d)
	s := strconv.FormatUint(u, 10)
	if len(s) <= d {
		s = strings.Repeat("0", d-len(s)+1) + s
	}
	return s[:len(s)-d], s[len(s)-d:]
}

// moneyPlain writes minor units as a plain decimal number of major units,
// e.g. "-1234.56".
func moneyPlain(minor int64, digits int) string {
	whole, frac := moneySplitDigits(moneyAbsU(minor), digits)
	s := whole
	if frac != "" {
		s += "." + frac
	}
	if minor < 0 {
		s = "-" + s
	}
	return s
}

// moneyShowInput returns what a person typed in a form fit for an error
// message: at most 40 characters.
func moneyShowInput(s string) string { return ShowInput(s, 40) }

// ShowInput returns what a person typed (or a file held) in a form fit for
// an error message: trimmed, at most n characters (then "…"), characters
// that cannot be shown replaced by U+FFFD.
func ShowInput(s string, n int) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	k := 0
	for i, r := range s {
		if k == n {
			b.WriteString("…")
			break
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				r = '\uFFFD'
			}
		}
		if !unicode.IsGraphic(r) {
			r = '\uFFFD'
		}
		b.WriteRune(r)
		k++
	}
	return b.String()
}
