package app

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func moneyTestCurrency(t *testing.T, code string) Currency {
	t.Helper()
	c, err := LookupCurrency(code)
	if err != nil {
		t.Fatalf("LookupCurrency(%q): %v", code, err)
	}
	return c
}

func TestMoneyLookupCurrency(t *testing.T) {
	tests := []struct {
		in     string
		code   string
		digits int
		symbol string
	}{
		{"EUR", "EUR", 2, "€"},
		{"eur", "EUR", 2, "€"},
		{" usd ", "USD", 2, "$"},
		{"GBP", "GBP", 2, "£"},
		{"CHF", "CHF", 2, "CHF"},
		{"JPY", "JPY", 0, "¥"},
		{"KRW", "KRW", 0, "₩"},
		{"BHD", "BHD", 3, "BHD"},
		{"KWD", "KWD", 3, "KWD"},
		{"TND", "TND", 3, "TND"},
		{"PLN", "PLN", 2, "zł"},
		{"ISK", "ISK", 0, "kr"},
		{"CLP", "CLP", 0, "CL$"},
		{"VND", "VND", 0, "₫"},
		{"Zar", "ZAR", 2, "R"},
	}
	for _, tt := range tests {
		c, err := LookupCurrency(tt.in)
		if err != nil {
			t.Errorf("LookupCurrency(%q): %v", tt.in, err)
			continue
		}
		if c != (Currency{tt.code, tt.digits, tt.symbol}) {
			t.Errorf("LookupCurrency(%q) = %+v", tt.in, c)
		}
	}

	_, err := LookupCurrency("XYZ")
	want := "XYZ is not a currency code Salesplan knows; use a three-letter ISO code such as EUR or USD"
	if err == nil || ErrorMessage(err) != want || ErrorCode(err) != ErrInvalid {
		t.Errorf("LookupCurrency(XYZ) error = %v, want %q", err, want)
	}
	for _, bad := range []string{"", "  ", "EURO", "€", "\xff"} {
		if _, err := LookupCurrency(bad); err == nil || ErrorCode(err) != ErrInvalid {
			t.Errorf("LookupCurrency(%q) error = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestMoneyCurrencies(t *testing.T) {
	cs := Currencies()
	if len(cs) < 40 {
		t.Fatalf("only %d currencies", len(cs))
	}
	for i, c := range cs {
		if len(c.Code) != 3 || strings.ToUpper(c.Code) != c.Code {
			t.Errorf("bad code %q", c.Code)
		}
		if c.Digits < 0 || c.Digits > 3 || c.Symbol == "" {
			t.Errorf("bad currency %+v", c)
		}
		if i > 0 && cs[i-1].Code >= c.Code {
			t.Errorf("not sorted: %s before %s", cs[i-1].Code, c.Code)
		}
		if got, err := LookupCurrency(c.Code); err != nil || got != c {
			t.Errorf("LookupCurrency(%s) = %+v, %v", c.Code, got, err)
		}
	}
	cs[0].Code = "changed"
	if Currencies()[0].Code == "changed" {
		t.Error("Currencies returns shared state")
	}
}

// moneyTestRoundDivBig is RoundDiv computed with math/big.
func moneyTestRoundDivBig(a, b *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(a, b, new(big.Int)) // truncated
	r2 := new(big.Int).Abs(r)
	r2.Lsh(r2, 1)
	if r2.Cmp(new(big.Int).Abs(b)) >= 0 {
		if (a.Sign() < 0) != (b.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

func TestRoundDiv(t *testing.T) {
	tests := []struct{ a, b, want int64 }{
		{5, 2, 3},
		{-5, 2, -3},
		{5, -2, -3},
		{-5, -2, 3},
		{7, 3, 2},
		{8, 3, 3},
		{-8, 3, -3},
		{-7, 3, -2},
		{1, 3, 0},
		{0, 7, 0},
		{6, 3, 2},
		{math.MaxInt64, math.MaxInt64, 1},
		{math.MaxInt64, 2, 4611686018427387904},
		{math.MinInt64, 2, -4611686018427387904},
		{math.MinInt64, 3, -3074457345618258603},
		{math.MinInt64, 1, math.MinInt64},
		{math.MinInt64, math.MinInt64, 1},
		{math.MinInt64, -1, math.MinInt64}, // documented wrap
		{1, math.MinInt64, 0},
	}
	for _, tt := range tests {
		if got := RoundDiv(tt.a, tt.b); got != tt.want {
			t.Errorf("RoundDiv(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		a, b := moneyTestRandInt(rng), moneyTestRandInt(rng)
		if b == 0 || a == math.MinInt64 && b == -1 {
			continue
		}
		want := moneyTestRoundDivBig(big.NewInt(a), big.NewInt(b))
		if got := RoundDiv(a, b); !want.IsInt64() || got != want.Int64() {
			t.Fatalf("RoundDiv(%d, %d) = %d, want %s", a, b, got, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("RoundDiv(1, 0) did not panic")
		}
	}()
	RoundDiv(1, 0)
}

func TestMoneyMulRatio(t *testing.T) {
	tests := []struct{ minor, num, den, want int64 }{
		{1000, 1, 3, 333},
		{1000, 2, 3, 667},
		{-1000, 2, 3, -667},
		{1000, -2, 3, -667},
		{1000, 2, -3, -667},
		{-1000, -2, -3, -667},
		{5, 1, 2, 3},
		{-5, 1, 2, -3},
		{0, 5, 7, 0},
		{math.MaxInt64, math.MaxInt64, math.MaxInt64, math.MaxInt64},
		{math.MaxInt64, 3, 3, math.MaxInt64},
		{math.MinInt64, 1, 1, math.MinInt64},
		{math.MinInt64, 3, 3, math.MinInt64},
		{math.MaxInt64, 1, 2, 4611686018427387904},
		{123456789, 1075, 1000, 132716048}, // +7.5 %: 132716048.175
	}
	for _, tt := range tests {
		got, err := MulRatio(tt.minor, tt.num, tt.den)
		if err != nil || got != tt.want {
			t.Errorf("MulRatio(%d, %d, %d) = %d, %v; want %d", tt.minor, tt.num, tt.den, got, err, tt.want)
		}
	}
	for _, bad := range [][3]int64{
		{1, 1, 0},
		{math.MaxInt64, 2, 1},
		{math.MinInt64, -1, 1},
		{math.MaxInt64, math.MaxInt64, 1},
		{math.MinInt64, math.MinInt64, 3},
	} {
		if got, err := MulRatio(bad[0], bad[1], bad[2]); err == nil || ErrorCode(err) != ErrInvalid {
			t.Errorf("MulRatio%v = %d, %v; want an error", bad, got, err)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		m, n, d := moneyTestRandInt(rng), moneyTestRandInt(rng), moneyTestRandInt(rng)
		if d == 0 {
			continue
		}
		p := new(big.Int).Mul(big.NewInt(m), big.NewInt(n))
		want := moneyTestRoundDivBig(p, big.NewInt(d))
		got, err := MulRatio(m, n, d)
		if want.IsInt64() {
			if err != nil || got != want.Int64() {
				t.Fatalf("MulRatio(%d, %d, %d) = %d, %v; want %s", m, n, d, got, err, want)
			}
		} else if err == nil {
			t.Fatalf("MulRatio(%d, %d, %d) = %d; want overflow (%s)", m, n, d, got, want)
		}
	}
}

func TestMoneyToMajor(t *testing.T) {
	eur, jpy, kwd := moneyTestCurrency(t, "EUR"), moneyTestCurrency(t, "JPY"), moneyTestCurrency(t, "KWD")
	tests := []struct {
		minor int64
		c     Currency
		want  float64
	}{
		{123456, eur, 1234.56},
		{-123456, eur, -1234.56},
		{1, eur, 0.01},
		{0, eur, 0},
		{1235, jpy, 1235},
		{1234, kwd, 1.234},
		{math.MinInt64, eur, -92233720368547758.08},
		{math.MaxInt64, jpy, 9223372036854775807},
	}
	for _, tt := range tests {
		if got := ToMajor(tt.minor, tt.c); got != tt.want {
			t.Errorf("ToMajor(%d, %s) = %v, want %v", tt.minor, tt.c.Code, got, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		total   int64
		weights []int64
		want    []int64
	}{
		{100, []int64{1, 1, 1}, []int64{34, 33, 33}},
		{-100, []int64{1, 1, 1}, []int64{-34, -33, -33}},
		{100, []int64{1, 2, 3, 4}, []int64{10, 20, 30, 40}},
		{7, []int64{1, 2, 2}, []int64{1, 3, 3}},                   // remainders .4 .8 .8
		{-7, []int64{1, 2, 2}, []int64{-1, -3, -3}},               // mirrored
		{5, []int64{1, 1, 1, 1, 1, 1}, []int64{1, 1, 1, 1, 1, 0}}, // ties: lower index
		{100, []int64{1, 1, 1, 0}, []int64{34, 33, 33, 0}},
		{10, []int64{-5, 1, 1}, []int64{0, 5, 5}}, // negative weight counts as 0
		{10, []int64{0, 0}, []int64{5, 5}},        // no positive weight: even
		{11, []int64{0, -1, 0}, []int64{4, 4, 3}},
		{0, []int64{3, 4}, []int64{0, 0}},
		{1, []int64{1, 1}, []int64{1, 0}},
		{1200, []int64{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
			[]int64{102, 92, 102, 99, 102, 99, 102, 102, 98, 102, 98, 102}},
		{math.MaxInt64, []int64{math.MaxInt64, math.MaxInt64}, []int64{4611686018427387904, 4611686018427387903}},
		{math.MinInt64, []int64{1, 1}, []int64{-4611686018427387904, -4611686018427387904}},
		{math.MinInt64, []int64{1}, []int64{math.MinInt64}},
		{7, nil, nil},
	}
	for _, tt := range tests {
		got := Split(tt.total, tt.weights)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Split(%d, %v) = %v, want %v", tt.total, tt.weights, got, tt.want)
		}
	}
}

// moneyTestRandInt returns an int64 from a mix of small, large and extreme
// values.
func moneyTestRandInt(rng *rand.Rand) int64 {
	var v int64
	switch rng.IntN(7) {
	case 0:
		v = rng.Int64N(100)
	case 1:
		v = rng.Int64N(1_000_000_00)
	case 2:
		v = rng.Int64()
	case 3:
		v = math.MaxInt64/2 - rng.Int64N(1000)
	case 4:
		v = math.MaxInt64 - rng.Int64N(3)
	case 5:
		return math.MinInt64 + rng.Int64N(3)
	default:
		v = rng.Int64N(1 << uint(rng.IntN(63)))
	}
	if rng.IntN(2) == 0 {
		return -v
	}
	return v
}

func TestSplitProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for iter := range 5000 {
		total := moneyTestRandInt(rng)
		n := 1 + rng.IntN(24)
		weights := make([]int64, n)
		for i := range weights {
			switch rng.IntN(6) {
			case 0:
				weights[i] = 0
			case 1:
				weights[i] = -rng.Int64N(100)
			case 2:
				weights[i] = math.MaxInt64 - rng.Int64N(10)
			default:
				weights[i] = moneyTestRandInt(rng)
				if weights[i] < 0 {
					weights[i] = -(weights[i] + 1)
				}
			}
		}
		parts := Split(total, weights)
		if len(parts) != n {
			t.Fatalf("Split(%d, %v) has %d parts", total, weights, len(parts))
		}
		sum := new(big.Int)
		for _, p := range parts {
			sum.Add(sum, big.NewInt(p))
		}
		if !sum.IsInt64() || sum.Int64() != total {
			t.Fatalf("#%d Split(%d, %v) = %v sums to %s", iter, total, weights, parts, sum)
		}
		wsum := new(big.Int)
		for _, w := range weights {
			if w > 0 {
				wsum.Add(wsum, big.NewInt(w))
			}
		}
		if wsum.Sign() == 0 {
			if !slices.Equal(parts, SplitEven(total, n)) {
				t.Fatalf("Split(%d, %v) = %v, want an even split", total, weights, parts)
			}
			continue
		}
		for i, w := range weights {
			if w <= 0 {
				if parts[i] != 0 {
					t.Fatalf("Split(%d, %v): part %d with weight %d is %d", total, weights, i, w, parts[i])
				}
				continue
			}
			// |part - total*w/wsum| < 1
			exact := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(total), big.NewInt(w)), wsum)
			diff := new(big.Rat).Sub(new(big.Rat).SetInt64(parts[i]), exact)
			if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("Split(%d, %v): part %d = %d, exact %s", total, weights, i, parts[i], exact.FloatString(3))
			}
		}
		if total != math.MinInt64 {
			neg := Split(-total, weights)
			for i := range neg {
				if neg[i] != -parts[i] {
					t.Fatalf("Split(%d) = %v is not the mirror of Split(%d) = %v", -total, neg, total, parts)
				}
			}
		}
	}
}

func TestSplitEven(t *testing.T) {
	tests := []struct {
		total int64
		n     int
		want  []int64
	}{
		{100, 3, []int64{34, 33, 33}},
		{-100, 3, []int64{-34, -33, -33}},
		{12, 12, []int64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
		{5, 12, []int64{1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}},
		{0, 2, []int64{0, 0}},
		{7, 1, []int64{7}},
		{math.MinInt64, 2, []int64{-4611686018427387904, -4611686018427387904}},
		{math.MaxInt64, 2, []int64{4611686018427387904, 4611686018427387903}},
		{7, 0, nil},
		{7, -1, nil},
	}
	for _, tt := range tests {
		if got := SplitEven(tt.total, tt.n); !slices.Equal(got, tt.want) {
			t.Errorf("SplitEven(%d, %d) = %v, want %v", tt.total, tt.n, got, tt.want)
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		total, n := moneyTestRandInt(rng), 1+rng.IntN(400)
		parts := SplitEven(total, n)
		sum := new(big.Int)
		lo, hi := parts[0], parts[0]
		for _, p := range parts {
			sum.Add(sum, big.NewInt(p))
			lo, hi = min(lo, p), max(hi, p)
		}
		if len(parts) != n || !sum.IsInt64() || sum.Int64() != total || hi-lo > 1 {
			t.Fatalf("SplitEven(%d, %d) = %v (sum %s)", total, n, parts, sum)
		}
	}
}
