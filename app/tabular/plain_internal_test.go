package tabular

import (
	"math"
	"strconv"
	"testing"
)

func TestPlainAmountIsExact(t *testing.T) {
	for _, c := range []struct {
		v      int64
		digits int
		want   string
	}{
		{0, 2, "0.00"}, {5, 2, "0.05"}, {-5, 2, "-0.05"}, {123456, 2, "1234.56"}, {-100, 0, "-100"}, {1, 3, "0.001"},
		{math.MaxInt64, 2, "92233720368547758.07"}, {math.MinInt64 + 1, 2, "-92233720368547758.07"},
	} {
		if got := plainAmount(c.v, c.digits); got != c.want {
			t.Errorf("plainAmount(%d, %d) = %q, want %q", c.v, c.digits, got, c.want)
		}
	}
	for v := int64(-100_000); v <= 100_000; v += 7 {
		f, err := strconv.ParseFloat(plainAmount(v, 2), 64)
		if err != nil || math.Round(f*100) != float64(v) {
			t.Fatalf("%d reads back as %v (%v)", v, f, err)
		}
	}
}
