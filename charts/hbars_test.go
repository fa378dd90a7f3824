package charts

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"strings"
	"testing"
)

// demoHBars is a top-N list with long, Greek and Cyrillic labels and a
// negative value (a product sold at a loss).
func demoHBars() HBarChart {
	return HBarChart{
		Title: "Top products by margin — Маржа",
		Labels: []string{
			"Espresso machine Deluxe with integrated grinder", "Milk frother", "Grinder Pro 2000",
			"Descaler", "Кофемолка", "Φίλτρα καφέ", "Cups (set of 6)", "Barista course (returns)",
		},
		Values: []float64{48200, 31000, 27500, 12000, 9900, 7300, 4100, -6800},
		Width:  600, Height: 350, Scale: 1,
	}
}

// hbarsGeometry returns the layout HBars uses for c.
func hbarsGeometry(t *testing.T, rd *Renderer, c HBarChart) (hbarsLayout, plot) {
	t.Helper()
	p := plot{title: c.Title, width: c.Width, height: c.Height, scale: c.Scale, dark: c.Dark}
	p.normalise()
	area, _, _ := rd.sheetArea(&p, true)
	lay, ok := rd.layoutHBars(c, &p, area)
	if !ok {
		t.Fatalf("layout failed for %dx%d", c.Width, c.Height)
	}
	return lay, p
}

func TestHBarsSizes(t *testing.T) {
	rd := newTestRenderer(t)
	for _, tt := range []struct {
		w, h  int
		scale float64
		dark  bool
	}{
		{600, 350, 1, false}, {1500, 875, 2.5, true}, {1500, 875, 2.5, false}, {600, 350, 1, true},
		{300, 120, 1, false}, {120, 60, 2.5, false}, {50, 50, 1, false}, {49, 200, 1, false},
		{0, 0, 1, false}, {-4, 9, 1, true}, {20000, 100, 1, false}, {4000, 3000, 0, false},
	} {
		c := demoHBars()
		c.Width, c.Height, c.Scale, c.Dark = tt.w, tt.h, tt.scale, tt.dark
		img := rd.HBars(c)
		wantW, wantH := min(max(tt.w, 1), maxSide), min(max(tt.h, 1), maxSide)
		if b := img.Bounds(); b.Min != (image.Point{}) || b.Dx() != wantW || b.Dy() != wantH {
			t.Errorf("%dx%d@%v: bounds %v", tt.w, tt.h, tt.scale, b)
		}
	}
}

func TestHBarsEmpty(t *testing.T) {
	rd := newTestRenderer(t)
	for _, values := range [][]float64{nil, {}, {nan, math.Inf(1)}} {
		for _, dark := range []bool{false, true} {
			const w, h = 400, 200
			img := rd.HBars(HBarChart{Title: "Top", Labels: []string{"a", "b"}, Values: values, Width: w, Height: h, Dark: dark, EmptyText: "Nothing sold"})
			bg := themeFor(dark).background
			if differing(img, image.Rect(0, h/2-20, w, h/2+20), bg) < 50 {
				t.Errorf("%v dark=%v: no empty text", values, dark)
			}
			if countColour(img, img.Bounds(), rgb(hexActual), 10) != 0 {
				t.Errorf("%v dark=%v: bars in an empty chart", values, dark)
			}
		}
	}
}

func TestHBarsNegative(t *testing.T) {
	rd := newTestRenderer(t)
	tests := []struct {
		name   string
		values []float64
	}{
		{"mixed", []float64{300, -120, 80, -400, 0}},
		{"all negative", []float64{-5, -50, -500}},
		{"all positive", []float64{5, 50, 500}},
		{"with NaN", []float64{10, nan, -10}},
		{"zeros", []float64{0, 0}},
	}
	for _, tt := range tests {
		for _, scale := range []float64{1, 2.5} {
			t.Run(fmt.Sprintf("%s@%v", tt.name, scale), func(t *testing.T) {
				c := HBarChart{
					Title: "Margin", Labels: []string{"Alpha", "Beta", "Gamma", "Delta", "Epsilon"},
					Values: tt.values, Width: int(500 * scale), Height: int(260 * scale), Scale: scale,
				}
				img := rd.HBars(c)
				lay, p := hbarsGeometry(t, rd, c)
				if len(lay.rows) != len(tt.values) {
					t.Fatalf("%d rows, want %d", len(lay.rows), len(tt.values))
				}
				largest := 0.0
				for _, v := range tt.values {
					if plottable(v) {
						largest = math.Max(largest, math.Abs(v))
					}
				}
				for i, row := range lay.rows {
					v := tt.values[i]
					w := lay.label.width(row.value)
					switch {
					case !plottable(v):
						if !row.bar.Empty() || row.value != "–" {
							t.Errorf("row %d: NaN drawn as %v %q", i, row.bar, row.value)
						}
					case v < 0:
						if row.bar.Max.X != lay.zeroX || row.bar.Min.X >= lay.zeroX {
							t.Errorf("row %d (%v): bar %v not left of zero %d", i, v, row.bar, lay.zeroX)
						}
						if row.valueX+w > row.bar.Min.X {
							t.Errorf("row %d: value text ends at %d, over the bar from %d", i, row.valueX+w, row.bar.Min.X)
						}
						// Blue pixels left of the zero line in this row.
						r := image.Rect(row.bar.Min.X, row.bar.Min.Y, lay.zeroX-1, row.bar.Max.Y)
						if got := countColour(img, r, rgb(hexActual), 2); got < r.Dx()*r.Dy()*9/10 {
							t.Errorf("row %d: %d bar pixels left of zero, want ~%d", i, got, r.Dx()*r.Dy())
						}
					default:
						if row.bar.Min.X != lay.zeroX {
							t.Errorf("row %d (%v): bar %v does not start at zero %d", i, v, row.bar, lay.zeroX)
						}
						if row.valueX < row.bar.Max.X {
							t.Errorf("row %d: value text at %d, over the bar to %d", i, row.valueX, row.bar.Max.X)
						}
					}
					if v == largest && largest > 0 && row.bar.Dx() < p.width/4 {
						t.Errorf("row %d: largest bar only %d px wide", i, row.bar.Dx())
					}
					if row.valueX < 0 || row.valueX+w > p.width || row.labelX < 0 {
						t.Errorf("row %d: text outside the image (value %d+%d, label %d)", i, row.valueX, w, row.labelX)
					}
					if i > 0 && row.bar.Min.Y < lay.rows[i-1].bar.Max.Y && !row.bar.Empty() && !lay.rows[i-1].bar.Empty() {
						t.Errorf("rows %d and %d overlap", i-1, i)
					}
				}
				if largest > 0 {
					// Lengths are proportional to the values.
					ref := 0
					for i, v := range tt.values {
						if plottable(v) && math.Abs(v) == largest {
							ref = i
						}
					}
					for i, row := range lay.rows {
						if v := tt.values[i]; plottable(v) && v != 0 {
							want := float64(lay.rows[ref].bar.Dx()) * math.Abs(v) / largest
							if math.Abs(float64(row.bar.Dx())-want) > 1.5 {
								t.Errorf("row %d: bar %d px, want %.1f", i, row.bar.Dx(), want)
							}
						}
					}
				}
			})
		}
	}
}

func TestHBarsLabelsAndOverflow(t *testing.T) {
	rd := newTestRenderer(t)
	long := strings.Repeat("Very long product name ", 5)
	c := HBarChart{Labels: []string{long, "short"}, Values: []float64{3, 2}, Width: 400, Height: 200}
	lay, p := hbarsGeometry(t, rd, c)
	if !strings.HasSuffix(lay.rows[0].label, "…") {
		t.Errorf("long label %q not shortened", lay.rows[0].label)
	}
	if lay.rows[0].labelX < p.px(padding) || lay.label.width(lay.rows[0].label) > 400*2/5 {
		t.Errorf("label column too wide: %q at %d", lay.rows[0].label, lay.rows[0].labelX)
	}
	if lay.rows[1].label != "short" {
		t.Errorf("label = %q", lay.rows[1].label)
	}

	// More values than rows fit: the rest are counted.
	many := HBarChart{Values: ramp(100, 100, -1), Width: 400, Height: 200}
	lay, _ = hbarsGeometry(t, rd, many)
	if lay.more == "" || len(lay.rows) >= 100 || len(lay.rows) < 3 {
		t.Fatalf("%d rows, more %q", len(lay.rows), lay.more)
	}
	if want := moreText(100 - len(lay.rows)); lay.more != want {
		t.Errorf("more = %q, want %q", lay.more, want)
	}
	if lay.moreBaseline > 200 {
		t.Errorf("more note at %d, below the image", lay.moreBaseline)
	}
	if img := rd.HBars(many); img.Bounds().Dx() != 400 {
		t.Error("bad bounds")
	}
}

func TestHBarsDeterministicAndSafe(t *testing.T) {
	rd := newTestRenderer(t)
	for _, dark := range []bool{false, true} {
		c := demoHBars()
		c.Dark = dark
		if !bytes.Equal(mustPNG(t, rd.HBars(c)), mustPNG(t, rd.HBars(c))) {
			t.Errorf("dark=%v: same input gave different PNG bytes", dark)
		}
	}
	var nilRenderer *Renderer
	for i, c := range []HBarChart{
		{Values: []float64{1, 2}, FormatValue: func(float64) string { panic("boom") }, Width: 300, Height: 200},
		{Values: []float64{math.MaxFloat64, -1e300, 1e300}, Width: 300, Height: 200},
		{Values: []float64{5e-324, -5e-324}, Width: 300, Height: 200},
		{Values: []float64{1}, FormatValue: func(float64) string { return strings.Repeat("9", 500) }, Width: 300, Height: 200},
		{Values: []float64{1}, Labels: []string{"a", "b", "c"}, Width: 300, Height: 200, Scale: math.Inf(1)},
	} {
		for _, r := range []*Renderer{rd, nilRenderer} {
			if img := r.HBars(c); img == nil || img.Bounds().Dx() != 300 || img.Bounds().Dy() != 200 {
				t.Errorf("chart %d: got %v", i, img)
			}
		}
	}
}
