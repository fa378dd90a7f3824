package charts

import (
	"image"
	"math"
	"testing"
)

func demoCompare() CompareChart {
	return CompareChart{
		Title: "Proposals that became orders", Labels: []string{"AM", "JS", "ML", "NP", "OS", "TB !", "LH !"},
		Values:    []float64{53.8, 41, 44.4, 28.2, 48.7, 15.4, 0},
		Flagged:   []bool{false, false, false, false, false, true, true},
		Reference: 41, ReferenceLabel: "Team median",
		FormatValue: func(v float64) string { return FormatCompact(v) + " %" },
		Width:       600, Height: 300, Scale: 1,
	}
}

func TestCompareSizes(t *testing.T) {
	rd := newTestRenderer(t)
	for _, tt := range []struct {
		w, h  int
		scale float64
	}{{600, 300, 1}, {1500, 750, 2.5}, {120, 60, 2}, {49, 10, 1}, {0, 0, 1}, {20000, 100, 1}} {
		c := demoCompare()
		c.Width, c.Height, c.Scale = tt.w, tt.h, tt.scale
		img := rd.Compare(c)
		wantW, wantH := min(max(tt.w, 1), maxSide), min(max(tt.h, 1), maxSide)
		if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
			t.Errorf("%dx%d: bounds %v", tt.w, tt.h, b)
		}
	}
}

// The flagged rows are vermillion, the reference row and its dotted line
// bluish green, the others blue.
func TestCompareColours(t *testing.T) {
	rd := newTestRenderer(t)
	img := rd.Compare(demoCompare())
	all := img.Bounds()
	for name, hex := range map[string]uint32{"blue": hexActual, "vermillion": hexForecast, "green": hexTarget} {
		if n := countColour(img, all, rgb(hex), 8); n < 50 {
			t.Errorf("%s: %d pixels", name, n)
		}
	}
	c := demoCompare()
	c.Flagged = nil
	if n := countColour(rd.Compare(c), all, rgb(hexForecast), 8); n != 0 {
		t.Errorf("nothing flagged, yet %d vermillion pixels", n)
	}
	c.Reference = math.NaN()
	if n := countColour(rd.Compare(c), all, rgb(hexTarget), 8); n != 0 {
		t.Errorf("no reference, yet %d green pixels", n)
	}
}

func TestCompareEmpty(t *testing.T) {
	rd := newTestRenderer(t)
	c := CompareChart{Title: "Nothing", Values: []float64{math.NaN()}, Reference: 1, Width: 300, Height: 200, Scale: 1}
	if img := rd.Compare(c); img.Bounds() != image.Rect(0, 0, 300, 200) {
		t.Errorf("bounds %v", img.Bounds())
	}
}
