package charts

import (
	"bytes"
	"image"
	"math"
	"strings"
	"testing"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// demoFunnel is a sales process whose proposal stage is the bottleneck.
func demoFunnel() FunnelChart {
	return FunnelChart{
		Title:     "Sales funnel — Воронка продаж",
		Stages:    []string{"Leads", "Qualified", "Proposal", "Negotiation", "Won"},
		Values:    []float64{1240, 521, 402, 96, 61},
		Notes:     []string{"42.0 % → next", "77.2 % → next", "23.9 % → next", "63.5 % → next"},
		Highlight: 2,
		Width:     600, Height: 400, Scale: 1,
	}
}

// funnelGeometry returns the layout Funnel uses for c.
func funnelGeometry(t *testing.T, rd *Renderer, c FunnelChart) funnelLayout {
	t.Helper()
	p := plot{title: c.Title, width: c.Width, height: c.Height, scale: c.Scale, dark: c.Dark}
	p.normalise()
	area, _, _ := rd.sheetArea(&p, true)
	lay, ok := rd.layoutFunnel(c, &p, themeFor(c.Dark), area)
	if !ok {
		t.Fatalf("layout failed for %dx%d", c.Width, c.Height)
	}
	return lay
}

func TestFunnelSizes(t *testing.T) {
	rd := newTestRenderer(t)
	for _, tt := range []struct {
		w, h  int
		scale float64
		dark  bool
	}{
		{600, 400, 1, false}, {1500, 1000, 2.5, true}, {1500, 1000, 2.5, false}, {600, 400, 1, true},
		{250, 150, 1, false}, {120, 60, 2.5, false}, {50, 50, 1, true}, {30, 300, 1, false},
		{0, 0, 1, false}, {20000, 20000, 1, false},
	} {
		c := demoFunnel()
		c.Width, c.Height, c.Scale, c.Dark = tt.w, tt.h, tt.scale, tt.dark
		img := rd.Funnel(c)
		wantW, wantH := min(max(tt.w, 1), maxSide), min(max(tt.h, 1), maxSide)
		if b := img.Bounds(); b.Min != (image.Point{}) || b.Dx() != wantW || b.Dy() != wantH {
			t.Errorf("%dx%d@%v: bounds %v", tt.w, tt.h, tt.scale, b)
		}
	}
}

func TestFunnelEmpty(t *testing.T) {
	rd := newTestRenderer(t)
	for _, c := range []FunnelChart{
		{},
		{Stages: []string{"Leads", "Won"}},
		{Stages: []string{"Leads", "Won"}, Values: []float64{nan, math.Inf(-1)}},
	} {
		const w, h = 400, 250
		c.Width, c.Height, c.Highlight, c.EmptyText = w, h, 0, "Keine Daten"
		img := rd.Funnel(c)
		bg := themeFor(false).background
		if differing(img, image.Rect(0, h/2-20, w, h/2+20), bg) < 50 {
			t.Errorf("%+v: no empty text", c)
		}
		for _, col := range []drawing.Color{rgb(hexActual), rgb(hexForecast)} {
			if countColour(img, img.Bounds(), col, 10) != 0 {
				t.Errorf("%+v: stages drawn in an empty chart", c)
			}
		}
	}
}

func TestFunnelGrowingStage(t *testing.T) {
	rd := newTestRenderer(t)
	for _, scale := range []float64{1, 2.5} {
		c := FunnelChart{
			Title:     "Odd funnel",
			Stages:    []string{"Leads", "Qualified", "Won", "Lost", "Unknown"},
			Values:    []float64{100, 300, 50, -20, nan},
			Notes:     []string{"300 % → next", "16.7 % → next"},
			Highlight: -1,
			Width:     int(500 * scale), Height: int(320 * scale), Scale: scale,
		}
		img := rd.Funnel(c)
		lay := funnelGeometry(t, rd, c)
		if len(lay.stages) != 5 {
			t.Fatalf("%d stages", len(lay.stages))
		}
		st := lay.stages
		if st[1].bar.Dx() <= st[0].bar.Dx() {
			t.Errorf("scale %v: stage 1 (300) is %d px, not wider than stage 0 (100) at %d px", scale, st[1].bar.Dx(), st[0].bar.Dx())
		}
		if want := float64(st[1].bar.Dx()) / 3; math.Abs(float64(st[0].bar.Dx())-want) > 1.5 {
			t.Errorf("scale %v: stage 0 is %d px, want %.1f (proportional)", scale, st[0].bar.Dx(), want)
		}
		cx := st[1].bar.Min.X + st[1].bar.Dx()/2
		for i, s := range st {
			if s.bar.Dx() <= 0 || s.bar.Dy() <= 0 {
				t.Errorf("stage %d: empty bar %v", i, s.bar)
			}
			if w := lay.value.width(s.value); w > s.bar.Dx() {
				t.Errorf("stage %d: value %q (%d px) wider than its bar (%d px)", i, s.value, w, s.bar.Dx())
			}
			if mid := s.bar.Min.X + s.bar.Dx()/2; mid < cx-1 || mid > cx+1 {
				t.Errorf("stage %d: not centred (%d vs %d)", i, mid, cx)
			}
			if i > 0 && s.bar.Min.Y <= st[i-1].bar.Max.Y {
				t.Errorf("stage %d overlaps the previous one", i)
			}
			if s.nameX < 0 || s.bar.Max.X > c.Width || s.bar.Max.Y > c.Height {
				t.Errorf("stage %d outside the image: %v, name at %d", i, s.bar, s.nameX)
			}
		}
		if st[3].value != "-20" || st[4].value != "–" {
			t.Errorf("values %q %q", st[3].value, st[4].value)
		}
		// The widening stage is drawn over its whole width.
		b := st[1].bar
		if got := countColour(img, b, rgb(hexActual), 2); got < b.Dx()*b.Dy()*8/10 {
			t.Errorf("scale %v: stage 1 has %d bar pixels of %d", scale, got, b.Dx()*b.Dy())
		}
		if countColour(img, img.Bounds(), rgb(hexForecast), 10) != 0 {
			t.Error("vermillion without a highlight")
		}
	}
}

func TestFunnelHighlight(t *testing.T) {
	rd := newTestRenderer(t)
	for _, dark := range []bool{false, true} {
		for _, scale := range []float64{1, 2.5} {
			c := demoFunnel()
			c.Dark, c.Scale = dark, scale
			c.Width, c.Height = int(600*scale), int(400*scale)
			img := rd.Funnel(c)
			lay := funnelGeometry(t, rd, c)
			if lay.highlighted != 2 || lay.marker != DefaultHighlightText {
				t.Fatalf("highlighted %d marker %q", lay.highlighted, lay.marker)
			}
			b := lay.stages[2].bar
			if got := countColour(img, b, rgb(hexForecast), 2); got < b.Dx()*b.Dy()*8/10 {
				t.Errorf("dark=%v scale=%v: highlighted stage has %d vermillion pixels of %d", dark, scale, got, b.Dx()*b.Dy())
			}
			for i, st := range lay.stages {
				if i != 2 && countColour(img, st.bar, rgb(hexForecast), 10) != 0 {
					t.Errorf("stage %d is vermillion too", i)
				}
			}
			// The text marker right of the bar, inside the image.
			mw := lay.value.width(lay.marker)
			if lay.markerX < b.Max.X || lay.markerX+mw > c.Width {
				t.Errorf("marker at %d..%d, bar ends at %d, width %d", lay.markerX, lay.markerX+mw, b.Max.X, c.Width)
			}
			r := image.Rect(lay.markerX, b.Min.Y, lay.markerX+mw, b.Max.Y)
			if countColour(img, r, rgb(hexForecast), 10) < 20 {
				t.Error("marker text not drawn")
			}
		}
	}

	c := demoFunnel()
	c.HighlightText = "◀ Engpass"
	if lay := funnelGeometry(t, rd, c); lay.marker != "◀ Engpass" {
		t.Errorf("marker = %q", lay.marker)
	}
	for _, h := range []int{-1, 5, 99, math.MinInt} {
		c.Highlight = h
		if lay := funnelGeometry(t, rd, c); lay.highlighted != -1 || lay.marker != "" {
			t.Errorf("highlight %d: highlighted %d marker %q", h, lay.highlighted, lay.marker)
		}
		if countColour(rd.Funnel(c), image.Rect(0, 0, c.Width, c.Height), rgb(hexForecast), 10) != 0 {
			t.Errorf("highlight %d: vermillion drawn", h)
		}
	}
}

func TestFunnelNotes(t *testing.T) {
	rd := newTestRenderer(t)
	c := demoFunnel()
	lay := funnelGeometry(t, rd, c)
	for i := range len(lay.stages) - 1 {
		st, next := lay.stages[i], lay.stages[i+1]
		if st.note != c.Notes[i] {
			t.Errorf("note %d = %q", i, st.note)
		}
		capH := rd.capPx(lay.label)
		if st.noteBase-capH < st.bar.Max.Y || st.noteBase > next.bar.Min.Y {
			t.Errorf("note %d (baseline %d) not between stage bars %d and %d", i, st.noteBase, st.bar.Max.Y, next.bar.Min.Y)
		}
	}
	// A note for the last stage goes below it.
	c.Notes = append(c.Notes, "4.9 % overall")
	lay = funnelGeometry(t, rd, c)
	last := lay.stages[len(lay.stages)-1]
	if last.note != "4.9 % overall" || last.noteBase <= last.bar.Max.Y || last.noteBase > c.Height {
		t.Errorf("last note %q at %d", last.note, last.noteBase)
	}
}

func TestFunnelDeterministicAndSafe(t *testing.T) {
	rd := newTestRenderer(t)
	for _, dark := range []bool{false, true} {
		c := demoFunnel()
		c.Dark = dark
		if !bytes.Equal(mustPNG(t, rd.Funnel(c)), mustPNG(t, rd.Funnel(c))) {
			t.Errorf("dark=%v: same input gave different PNG bytes", dark)
		}
	}
	var nilRenderer *Renderer
	for i, c := range []FunnelChart{
		{Values: []float64{1, 2}, FormatValue: func(float64) string { panic("boom") }, Width: 300, Height: 200},
		{Values: []float64{math.MaxFloat64, 1e300, 1}, Width: 300, Height: 200},
		{Values: []float64{0, 0, 0}, Width: 300, Height: 200},
		{Values: []float64{-1, -2}, Width: 300, Height: 200},
		{Values: []float64{5e-324, 1}, Width: 300, Height: 200},
		{Values: ramp(200, 200, -1), Width: 300, Height: 200},
		{Values: []float64{1}, FormatValue: func(float64) string { return strings.Repeat("9", 500) }, Width: 300, Height: 200},
		{Values: []float64{3, 2, 1}, Stages: []string{strings.Repeat("Stage ", 50)}, Highlight: 1, HighlightText: strings.Repeat("◀", 300), Width: 300, Height: 200},
	} {
		for _, r := range []*Renderer{rd, nilRenderer} {
			if img := r.Funnel(c); img == nil || img.Bounds().Dx() != 300 || img.Bounds().Dy() != 200 {
				t.Errorf("chart %d: got %v", i, img)
			}
		}
	}
}

func TestFunnelOverflow(t *testing.T) {
	rd := newTestRenderer(t)
	c := FunnelChart{Values: ramp(40, 400, -10), Notes: []string{"a", "b"}, Highlight: 39, Width: 400, Height: 300}
	lay := funnelGeometry(t, rd, c)
	if len(lay.stages) < 3 || len(lay.stages) >= 40 {
		t.Fatalf("%d stages shown", len(lay.stages))
	}
	if want := moreText(40 - len(lay.stages)); lay.more != want {
		t.Errorf("more = %q, want %q", lay.more, want)
	}
	last := lay.stages[len(lay.stages)-1].bar
	if lay.moreBaseline <= last.Max.Y || lay.moreBaseline > c.Height {
		t.Errorf("more note at %d, last bar ends at %d", lay.moreBaseline, last.Max.Y)
	}
	if lay.highlighted != -1 {
		t.Errorf("a stage left out is highlighted: %d", lay.highlighted)
	}
}
