package charts

import (
	"bytes"
	"image"
	"math"
	"strings"
	"sync"
	"testing"
	"time"
)

// demoTimeline is a year of campaigns, some reaching outside the window.
func demoTimeline() TimelineChart {
	return TimelineChart{
		Title:     "Campaigns 2025 — Καμπάνιες",
		FirstYear: 2025, FirstMonth: time.January, Months: 12,
		Items: []TimelineItem{
			{Label: "Winter sale (from 2024)", Start: -2, End: 1},
			{Label: "Spring launch", Start: 2, End: 4},
			{Label: "Trade fair", Start: 5, End: 5},
			{Label: "Summer promotion — Летняя акция", Start: 5, End: 8},
			{Label: "Christmas campaign", Start: 10, End: 13},
			{Label: "Loyalty programme 2023", Start: -20, End: -14},
			{Label: "Next year's launch", Start: 15, End: 17},
		},
		Width: 800, Height: 350, Scale: 1,
	}
}

// timelineGeometry returns the layout Timeline uses for c.
func timelineGeometry(t *testing.T, rd *Renderer, c TimelineChart) timelineLayout {
	t.Helper()
	p := plot{title: c.Title, width: c.Width, height: c.Height, scale: c.Scale, dark: c.Dark}
	p.normalise()
	area, _, _ := rd.sheetArea(&p, true)
	lay, ok := rd.layoutTimeline(c, &p, area)
	if !ok {
		t.Fatalf("layout failed for %dx%d", c.Width, c.Height)
	}
	return lay
}

func TestTimelineSizes(t *testing.T) {
	rd := newTestRenderer(t)
	for _, tt := range []struct {
		w, h  int
		scale float64
		dark  bool
	}{
		{800, 350, 1, false}, {2000, 875, 2.5, true}, {2000, 875, 2.5, false}, {800, 350, 1, true},
		{300, 150, 1, false}, {120, 60, 2.5, false}, {50, 50, 1, false}, {8000, 40, 1, false},
		{0, 0, 1, false}, {9000, 9000, 1, true},
	} {
		c := demoTimeline()
		c.Width, c.Height, c.Scale, c.Dark = tt.w, tt.h, tt.scale, tt.dark
		img := rd.Timeline(c)
		wantW, wantH := min(max(tt.w, 1), maxSide), min(max(tt.h, 1), maxSide)
		if b := img.Bounds(); b.Min != (image.Point{}) || b.Dx() != wantW || b.Dy() != wantH {
			t.Errorf("%dx%d@%v: bounds %v", tt.w, tt.h, tt.scale, b)
		}
	}
}

func TestTimelineEmpty(t *testing.T) {
	rd := newTestRenderer(t)
	items := []TimelineItem{{Label: "A", Start: 0, End: 2}}
	for _, c := range []TimelineChart{
		{Months: 12},
		{Months: 0, Items: items},
		{Months: -5, Items: items},
	} {
		const w, h = 400, 250
		c.Width, c.Height, c.Dark = w, h, true
		img := rd.Timeline(c)
		bg := themeFor(true).background
		if differing(img, image.Rect(0, h/2-20, w, h/2+20), bg) < 50 {
			t.Errorf("%+v: no empty text", c)
		}
		if countColour(img, img.Bounds(), rgb(hexActual), 10) != 0 {
			t.Errorf("%+v: bars in an empty chart", c)
		}
	}
}

func TestTimelineBars(t *testing.T) {
	rd := newTestRenderer(t)
	for _, scale := range []float64{1, 2.5} {
		c := demoTimeline()
		c.Scale, c.Width, c.Height = scale, int(800*scale), int(350*scale)
		img := rd.Timeline(c)
		lay := timelineGeometry(t, rd, c)
		if len(lay.rows) != len(c.Items) || lay.more != "" {
			t.Fatalf("%d rows, more %q", len(lay.rows), lay.more)
		}
		pl := lay.plot
		slot := float64(pl.Dx()) / float64(c.Months)
		bx := func(i int) int { return pl.Min.X + int(math.Round(float64(i)*slot)) }
		bounds := func(shape [][2]int) image.Rectangle {
			r := image.Rect(shape[0][0], shape[0][1], shape[0][0], shape[0][1])
			for _, pt := range shape {
				r = r.Union(image.Rect(pt[0], pt[1], pt[0]+1, pt[1]+1))
			}
			return r
		}
		for i, row := range lay.rows {
			it := c.Items[i]
			b := bounds(row.shape)
			if b.Min.X < pl.Min.X || b.Max.X > pl.Max.X+1 {
				t.Errorf("%s: shape %v outside the plot %v", it.Label, b, pl)
			}
			label := row.label
			if row.label2 != "" {
				label += " " + row.label2
			}
			if label != it.Label && !strings.HasSuffix(label, "…") {
				t.Errorf("label %q for %q", row.label, it.Label)
			}
			tips := 0
			for _, pt := range row.shape {
				if pt[0] == pl.Min.X || pt[0] == pl.Max.X {
					tips++
				}
			}
			switch {
			case it.End < 0 || it.Start > c.Months-1:
				if !row.outside || row.dates == "" {
					t.Errorf("%s: outside %v dates %q", it.Label, row.outside, row.dates)
				}
			case it.Start < 0 || it.End > c.Months-1:
				// A clipped bar ends in a point on the window's edge.
				if row.outside || tips != 1 {
					t.Errorf("%s: clipped bar %v has %d points on the edge", it.Label, row.shape, tips)
				}
			default:
				if row.outside || b.Min.X != bx(it.Start) || b.Max.X != bx(it.End+1)+1 {
					t.Errorf("%s: bar %v, want from %d to %d", it.Label, b, bx(it.Start), bx(it.End+1))
				}
				// The bar is drawn.
				in := image.Rect(b.Min.X+1, b.Min.Y+1, b.Max.X-2, b.Max.Y-2)
				if got := countColour(img, in, rgb(hexActual), 2); got < in.Dx()*in.Dy()/2 {
					t.Errorf("%s: %d bar pixels of %d", it.Label, got, in.Dx()*in.Dy())
				}
			}
			if row.dates != "" && !row.outside {
				if w := lay.label.width(row.dates); row.datesX < b.Min.X || row.datesX+w > b.Max.X {
					t.Errorf("%s: dates %q do not fit the bar", it.Label, row.dates)
				}
			}
		}
		if got := lay.rows[1].dates; got != "Mar 25 – May 25" {
			t.Errorf("dates = %q", got)
		}
		if got := lay.rows[5].dates; got != "May 23 – Nov 23" {
			t.Errorf("dates of an item before the window = %q", got)
		}
	}
}

func TestTimelineTicks(t *testing.T) {
	rd := newTestRenderer(t)
	for _, tt := range []struct {
		months int
		first  time.Month
		w      int
		scale  float64
		want   string
	}{
		{12, time.January, 800, 1, "Jan 25"},
		{36, time.July, 800, 1, "Jul 25"},
		{36, time.July, 400, 1, "Jan 26"},
		{120, time.January, 800, 2.5, "Jan 25"},
		{1, time.December, 400, 1, "Dec 25"},
		{maxTimelineMonths * 100, time.January, 800, 1, ""}, // capped; labels every few decades
	} {
		c := TimelineChart{
			FirstYear: 2025, FirstMonth: tt.first, Months: tt.months,
			Items: []TimelineItem{{Label: "A", Start: 0, End: 3}},
			Width: tt.w, Height: 200, Scale: tt.scale,
		}
		lay := timelineGeometry(t, rd, c)
		if len(lay.ticks) == 0 {
			t.Errorf("%d months: no ticks", tt.months)
			continue
		}
		if tt.want != "" && lay.ticks[0].text != tt.want {
			t.Errorf("%d months from %v: first tick %q, want %q", tt.months, tt.first, lay.ticks[0].text, tt.want)
		}
		for i, tk := range lay.ticks {
			end := tk.textX + lay.label.width(tk.text)
			if tk.x < lay.plot.Min.X || tk.x > lay.plot.Max.X || end > c.Width {
				t.Errorf("tick %q at %d (text to %d) outside the plot", tk.text, tk.x, end)
			}
			if i > 0 {
				prev := lay.ticks[i-1]
				if prevEnd := prev.textX + lay.label.width(prev.text); prevEnd >= tk.textX {
					t.Errorf("ticks %q and %q overlap", prev.text, tk.text)
				}
			}
		}
	}
}

func TestTimelineOverflowAndSafety(t *testing.T) {
	rd := newTestRenderer(t)
	items := make([]TimelineItem, 60)
	for i := range items {
		items[i] = TimelineItem{Label: "Item", Start: i % 12, End: i%12 + 2}
	}
	c := TimelineChart{Months: 12, Items: items, Width: 500, Height: 300}
	lay := timelineGeometry(t, rd, c)
	if len(lay.rows) >= 60 || len(lay.rows) < 3 || lay.more != moreText(60-len(lay.rows)) {
		t.Errorf("%d rows, more %q", len(lay.rows), lay.more)
	}
	if lay.moreBaseline > lay.plot.Max.Y {
		t.Errorf("more note at %d below the plot (%d)", lay.moreBaseline, lay.plot.Max.Y)
	}

	var nilRenderer *Renderer
	for i, c := range []TimelineChart{
		{Months: math.MaxInt, Items: []TimelineItem{{Start: math.MinInt, End: math.MaxInt}}, FirstYear: math.MaxInt, Width: 300, Height: 200},
		{Months: 3, Items: []TimelineItem{{Start: math.MaxInt, End: math.MinInt}}, FirstYear: math.MinInt, FirstMonth: 77, Width: 300, Height: 200},
		{Months: 3, Items: []TimelineItem{{Label: "reversed", Start: 2, End: 0}}, Width: 300, Height: 200},
		{Months: 5000, Items: items, Width: 300, Height: 200, Scale: 8},
		{Months: 2, Items: []TimelineItem{{Label: strings.Repeat("Long label ", 40), Start: 0, End: 1}}, Width: 300, Height: 200},
	} {
		for _, r := range []*Renderer{rd, nilRenderer} {
			if img := r.Timeline(c); img == nil || img.Bounds().Dx() != 300 || img.Bounds().Dy() != 200 {
				t.Errorf("chart %d: got %v", i, img)
			}
		}
	}
	// Start and End in either order mean the same.
	a := TimelineChart{Months: 6, Items: []TimelineItem{{Label: "x", Start: 1, End: 4}}, Width: 300, Height: 200}
	b := a
	b.Items = []TimelineItem{{Label: "x", Start: 4, End: 1}}
	if !bytes.Equal(mustPNG(t, rd.Timeline(a)), mustPNG(t, rd.Timeline(b))) {
		t.Error("reversed Start/End draw differently")
	}
}

func TestTimelineDeterministic(t *testing.T) {
	rd := newTestRenderer(t)
	for _, dark := range []bool{false, true} {
		c := demoTimeline()
		c.Dark = dark
		if !bytes.Equal(mustPNG(t, rd.Timeline(c)), mustPNG(t, rd.Timeline(c))) {
			t.Errorf("dark=%v: same input gave different PNG bytes", dark)
		}
	}
}

func TestNewChartsConcurrent(t *testing.T) {
	rd := newTestRenderer(t)
	want := [][]byte{
		mustPNG(t, rd.Monthly(demoForecast())),
		mustPNG(t, rd.HBars(demoHBars())),
		mustPNG(t, rd.Funnel(demoFunnel())),
		mustPNG(t, rd.Timeline(demoTimeline())),
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := range 8 {
		wg.Go(func() {
			var img image.Image
			switch i % 4 {
			case 0:
				img = rd.Monthly(demoForecast())
			case 1:
				img = rd.HBars(demoHBars())
			case 2:
				img = rd.Funnel(demoFunnel())
			default:
				img = rd.Timeline(demoTimeline())
			}
			if got, err := EncodePNG(img); err != nil || !bytes.Equal(got, want[i%4]) {
				errs <- "concurrent render differs"
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// A label too long for the label column wraps to two lines at a space in
// a row tall enough, and keeps its words in order.
func TestTimelineWrapsLongLabels(t *testing.T) {
	rd := newTestRenderer(t)
	long := "Service-contract renewal calls three months before expiry"
	c := TimelineChart{FirstYear: 2027, FirstMonth: time.January, Months: 12, Width: 560, Height: 200, Scale: 1,
		Items: []TimelineItem{{Label: "Campaign", Start: 1, End: 5}, {Label: long, Start: 0, End: 11}}}
	lay := timelineGeometry(t, rd, c)
	row := lay.rows[1]
	if row.label2 == "" {
		t.Fatalf("the long label was not wrapped: %q", row.label)
	}
	if got := row.label + " " + row.label2; got != long && !strings.HasSuffix(row.label2, "…") {
		t.Errorf("wrapped label %q / %q, want the words of %q", row.label, row.label2, long)
	}
	if row.label2Baseline <= row.labelBaseline || row.labelX < 0 || row.label2X < 0 {
		t.Errorf("lines at %d/%d, x %d/%d", row.labelBaseline, row.label2Baseline, row.labelX, row.label2X)
	}
	if lay.rows[0].label2 != "" {
		t.Errorf("a short label was wrapped: %q / %q", lay.rows[0].label, lay.rows[0].label2)
	}
}
