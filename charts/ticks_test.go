package charts

import (
	"math"
	"testing"
)

// checkTicks verifies that ticks are 1/2/5×10^k apart, evenly spaced, cover
// [lo, hi], include zero when the range straddles it, and number between
// minN and maxN.
func checkTicks(t *testing.T, ticks []float64, lo, hi float64, minN, maxN int) {
	t.Helper()
	if len(ticks) < minN || len(ticks) > maxN {
		t.Fatalf("%d ticks %v, want %d–%d", len(ticks), ticks, minN, maxN)
	}
	if ticks[0] > lo || ticks[len(ticks)-1] < hi {
		t.Errorf("ticks %v do not cover [%v, %v]", ticks, lo, hi)
	}
	if !(ticks[len(ticks)-1] > ticks[0]) {
		t.Errorf("ticks %v span nothing", ticks)
	}
	step := ticks[1] - ticks[0]
	for i := 1; i < len(ticks); i++ {
		if d := ticks[i] - ticks[i-1]; math.Abs(d-step) > step*1e-9 {
			t.Errorf("ticks %v are not evenly spaced", ticks)
			break
		}
	}
	mant := step / math.Pow10(int(math.Floor(math.Log10(step)+1e-9)))
	if !nearly(mant, 1) && !nearly(mant, 2) && !nearly(mant, 5) {
		t.Errorf("step %v is not 1, 2 or 5 × 10^k", step)
	}
	if lo <= 0 && hi >= 0 {
		zero := false
		for _, v := range ticks {
			zero = zero || v == 0
		}
		if !zero {
			t.Errorf("ticks %v miss zero", ticks)
		}
	}
}

func nearly(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
	}{
		{0, 1}, {0, 7}, {0, 10}, {0, 35}, {0, 70}, {0, 75}, {0, 99}, {0, 100},
		{0, 101}, {0, 150}, {0, 6100}, {0, 86000}, {0, 1e9 + 1}, {0, 3.3e12},
		{0, 0.0035}, {0, 1e-7}, {-900, 0}, {-1200, 4500}, {-3, 0}, {-1, 1},
		{-50, 49}, {-0.5, 123456}, {12, 17}, {-17, -12}, {1e15, 1e15 + 10},
	}
	for _, tt := range tests {
		ticks := niceTicks(tt.lo, tt.hi, 5, 7)
		checkTicks(t, ticks, tt.lo, tt.hi, 5, 7)
	}
}

func TestNiceTicksDegenerate(t *testing.T) {
	tests := []struct {
		name           string
		lo, hi         float64
		minN, maxN     int
		wantLo, wantHi float64 // must be covered
	}{
		{"both zero", 0, 0, 5, 7, 0, 1},
		{"equal positive", 7, 7, 5, 7, 0, 7},
		{"equal negative", -2, -2, 5, 7, -2, 0},
		{"reversed", 10, 0, 5, 7, 0, 10},
		{"NaN", math.NaN(), 1, 5, 7, 0, 1},
		{"infinite", 0, math.Inf(1), 5, 7, 0, 1},
		{"short plot", 0, 100, 2, 3, 0, 100},
		{"short plot straddling zero", -100, 100, 2, 2, -100, 100},
		{"tiny negative part", -100, 1e12, 2, 2, -100, 1e12},
		{"max float is clamped", -math.MaxFloat64, math.MaxFloat64, 5, 7, -maxValue, maxValue},
		{"subnormal", 0, 5e-324, 5, 7, 0, 5e-324},
		{"tiny equal", 1e-250, 1e-250, 5, 7, 0, 1e-250},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ticks := niceTicks(tt.lo, tt.hi, tt.minN, tt.maxN)
			if len(ticks) < 2 {
				t.Fatalf("ticks %v: fewer than 2", ticks)
			}
			for _, v := range ticks {
				if !isFinite(v) {
					t.Fatalf("ticks %v: not finite", ticks)
				}
			}
			if ticks[0] > tt.wantLo || ticks[len(ticks)-1] < tt.wantHi {
				t.Errorf("ticks %v do not cover [%v, %v]", ticks, tt.wantLo, tt.wantHi)
			}
			if !(ticks[len(ticks)-1] > ticks[0]) {
				t.Errorf("ticks %v span nothing", ticks)
			}
		})
	}
}

func TestNiceTicksExactDecimals(t *testing.T) {
	ticks := niceTicks(0, 1, 5, 7)
	want := []float64{0, 0.2, 0.4, 0.6, 0.8, 1}
	if len(ticks) != len(want) {
		t.Fatalf("ticks = %v, want %v", ticks, want)
	}
	for i := range want {
		if ticks[i] != want[i] {
			t.Errorf("ticks = %v, want exactly %v", ticks, want)
			break
		}
	}
}

func TestFormatCompact(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{-500, "-500"},
		{500, "500"},
		{999, "999"},
		{1000, "1k"},
		{1500, "1.5k"},
		{12345, "12.3k"},
		{123456, "123k"},
		{999999, "1M"},
		{1.2e6, "1.2M"},
		{-2.5e6, "-2.5M"},
		{3.3e9, "3.3B"},
		{4e12, "4T"},
		{0.25, "0.25"},
		{0.2, "0.2"},
		{12.5, "12.5"},
		{0.0035, "0.0035"},
		{math.NaN(), ""},
		{math.Inf(1), "∞"},
	}
	for _, tt := range tests {
		if got := FormatCompact(tt.v); got != tt.want {
			t.Errorf("FormatCompact(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestVerticalMetrics(t *testing.T) {
	rd := newTestRenderer(t)
	// DejaVu Sans: cap height 0.729 em, descenders about 0.24 em.
	if rd.capHeight < 0.70 || rd.capHeight > 0.76 {
		t.Errorf("capHeight = %v, want ≈ 0.73", rd.capHeight)
	}
	if rd.descent < 0.18 || rd.descent > 0.3 {
		t.Errorf("descent = %v, want ≈ 0.24", rd.descent)
	}
}
