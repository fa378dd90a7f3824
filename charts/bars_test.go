package charts

import (
	"bytes"
	"image"
	"math"
	"strings"
	"testing"
)

func barsLayout(t *testing.T, rd *Renderer, c BarChart) layout {
	t.Helper()
	p := barsPlot(c)
	p.normalise()
	lay, ok := rd.layout(&p, true)
	if !ok {
		t.Fatalf("layout failed for %dx%d", c.Width, c.Height)
	}
	return lay
}

func TestBars(t *testing.T) {
	rd := newTestRenderer(t)
	months := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	tests := []struct {
		name        string
		values      []float64
		lo, hi      float64 // must be covered by the Y ticks
		above       bool    // bar pixels expected above the zero line
		below       bool    // bar pixels expected below the zero line
		wantTicksIn [2]int
	}{
		{"positive", []float64{3, 5, 8, 2}, 0, 8, true, false, [2]int{5, 7}},
		{"negative", []float64{-3, -5, -8, -2}, -8, 0, false, true, [2]int{5, 7}},
		{"mixed", []float64{-1200, -800, 150, 900, 1400, 2100, 1800, 600, -300, -700, 250, 3200}, -1200, 3200, true, true, [2]int{5, 7}},
		{"all equal", []float64{4, 4, 4}, 0, 4, true, false, [2]int{5, 7}},
		{"all equal negative", []float64{-4, -4, -4}, -4, 0, false, true, [2]int{5, 7}},
		{"single bar", []float64{42}, 0, 42, true, false, [2]int{5, 7}},
		{"with NaN", []float64{1, math.NaN(), 3, math.Inf(1)}, 0, 3, true, false, [2]int{5, 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := BarChart{
				Title: "Seasonality", Labels: months, Values: tt.values,
				Width: 600, Height: 300, Scale: 1,
			}
			img := rd.Bars(c)
			if b := img.Bounds(); b.Dx() != c.Width || b.Dy() != c.Height {
				t.Fatalf("bounds = %v", b)
			}
			lay := barsLayout(t, rd, c)
			checkTicks(t, lay.yTicks, tt.lo, tt.hi, tt.wantTicksIn[0], tt.wantTicksIn[1])

			// Locate the zero line from the ticks (they are evenly spaced
			// over the plot height).
			first, last := lay.yTicks[0], lay.yTicks[len(lay.yTicks)-1]
			zeroY := lay.plot.Max.Y - int(math.Round(-first/(last-first)*float64(lay.plot.Dy())))
			above := image.Rect(lay.plot.Min.X, lay.plot.Min.Y, lay.plot.Max.X, zeroY-1)
			below := image.Rect(lay.plot.Min.X, zeroY+2, lay.plot.Max.X, lay.plot.Max.Y)
			blue := rgb(hexActual)
			if got := countColour(img, above, blue, 2) > 0; got != tt.above {
				t.Errorf("bars above zero: %v, want %v", got, tt.above)
			}
			if got := countColour(img, below, blue, 2) > 0; got != tt.below {
				t.Errorf("bars below zero: %v, want %v", got, tt.below)
			}
			if len(lay.xLabels) == 0 || lay.xLabels[0].text != "Jan" {
				t.Errorf("x labels = %+v, want Jan first", lay.xLabels)
			}
		})
	}
}

func TestBarsEmptyAndSizes(t *testing.T) {
	rd := newTestRenderer(t)
	bg := themeFor(true).background
	tests := []struct {
		name   string
		values []float64
		w, h   int
		empty  bool
	}{
		{"nil", nil, 400, 200, true},
		{"all NaN", []float64{math.NaN(), math.NaN()}, 400, 200, true},
		{"tiny", []float64{1, 2}, 20, 20, false},
		{"zero size", []float64{1, 2}, 0, 0, false},
		{"huge", []float64{1, -2, 3}, 4000, 2000, false},
		{"many bars narrow", ramp(500, -100, 1), 300, 200, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := rd.Bars(BarChart{Values: tt.values, Width: tt.w, Height: tt.h, Dark: true, EmptyText: "Nothing here"})
			wantW, wantH := max(tt.w, 1), max(tt.h, 1)
			if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
				t.Fatalf("bounds = %v, want %dx%d", b, wantW, wantH)
			}
			if tt.empty {
				if differing(img, image.Rect(0, tt.h/2-15, tt.w, tt.h/2+15), bg) == 0 {
					t.Error("no empty text")
				}
				if countColour(img, img.Bounds(), rgb(hexActual), 10) != 0 {
					t.Error("bars drawn in an empty chart")
				}
			}
		})
	}
}

func TestCategoryLabels(t *testing.T) {
	ts := textStyle{newTestRenderer(t).regular, labelEm}
	long := strings.Repeat("Espresso machine ", 4)
	tests := []struct {
		name      string
		labels    []string
		width     float64
		wantCount int
		truncated bool
	}{
		{"all fit", []string{"Jan", "Feb", "Mar"}, 600, 3, false},
		{"long labels are shortened", []string{long, long, long}, 600, 3, true},
		{"narrow bars thin out", []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}, 200, 6, false},
		{"blank labels", []string{"", "", ""}, 300, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := categoryLabels(tt.labels, tt.width, 1, ts)
			if len(got) != tt.wantCount {
				t.Fatalf("got %d labels %+v, want %d", len(got), got, tt.wantCount)
			}
			slot := tt.width / float64(len(tt.labels))
			for i, l := range got {
				if strings.HasSuffix(l.text, "…") != tt.truncated {
					t.Errorf("label %q: truncated = %v, want %v", l.text, !tt.truncated, tt.truncated)
				}
				if i > 0 {
					room := (l.at - got[i-1].at) * slot
					if w := float64(ts.width(l.text)+ts.width(got[i-1].text)) / 2; w > room {
						t.Errorf("labels %q and %q overlap", got[i-1].text, l.text)
					}
				}
			}
		})
	}
}

func TestBarsDeterministic(t *testing.T) {
	rd := newTestRenderer(t)
	c := BarChart{Labels: []string{"a", "b"}, Values: []float64{-1, 2}, Width: 300, Height: 200, Scale: 1.25}
	if !bytes.Equal(mustPNG(t, rd.Bars(c)), mustPNG(t, rd.Bars(c))) {
		t.Error("same input gave different PNG bytes")
	}
}
