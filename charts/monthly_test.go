package charts

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"sync"
	"testing"
	"time"
)

var nan = math.NaN()

// ramp returns n values start, start+step, ...
func ramp(n int, start, step float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = start + step*float64(i)
	}
	return v
}

func nans(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = nan
	}
	return v
}

// countColour counts the pixels of img inside r within tol of c per
// channel.
func countColour(img image.Image, r image.Rectangle, c color.Color, tol int) int {
	cr, cg, cb, _ := c.RGBA()
	want := [3]int{int(cr >> 8), int(cg >> 8), int(cb >> 8)}
	rgba, ok := img.(*image.RGBA)
	if !ok {
		rgba = image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	}
	n := 0
	r = r.Intersect(rgba.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := rgba.Pix[rgba.PixOffset(r.Min.X, y):rgba.PixOffset(r.Max.X, y)]
		for i := 0; i+3 < len(row); i += 4 {
			if near(int(row[i]), want[0], tol) && near(int(row[i+1]), want[1], tol) && near(int(row[i+2]), want[2], tol) {
				n++
			}
		}
	}
	return n
}

func near(a, b, tol int) bool { return a-b >= -tol && a-b <= tol }

// differing counts the pixels in r that are not (near) the background.
func differing(img image.Image, r image.Rectangle, bg color.Color) int {
	return r.Intersect(img.Bounds()).Dx()*r.Intersect(img.Bounds()).Dy() - countColour(img, r, bg, 6)
}

// monthlyLayout returns the layout Monthly uses for c.
func monthlyLayout(t *testing.T, rd *Renderer, c MonthlyChart) layout {
	t.Helper()
	p := monthlyPlot(c)
	p.normalise()
	lay, ok := rd.layout(&p, true)
	if !ok {
		t.Fatalf("layout failed for %dx%d", c.Width, c.Height)
	}
	return lay
}

func TestMonthlyBounds(t *testing.T) {
	rd := newTestRenderer(t)
	data := []Series{
		{Name: "A", Values: ramp(24, 1000, 50), Role: RoleActual},
		{Name: "F", Values: ramp(24, 900, 80), Role: RoleForecast},
	}
	tests := []struct {
		name         string
		w, h         int
		scale        float64
		series       []Series
		wantW, wantH int
	}{
		{"normal", 800, 400, 1, data, 800, 400},
		{"hidpi", 1600, 800, 2, data, 1600, 800},
		{"scale zero means one", 640, 320, 0, data, 640, 320},
		{"negative scale", 640, 320, -3, data, 640, 320},
		{"NaN scale", 640, 320, nan, data, 640, 320},
		{"enormous", 4000, 2000, 1, data, 4000, 2000},
		{"too big is clamped", 20000, 300, 1, data, maxSide, 300},
		{"exactly minimum", 50, 50, 1, data, 50, 50},
		{"below minimum", 49, 49, 1, data, 49, 49},
		{"tiny", 3, 2, 1, data, 3, 2},
		{"zero", 0, 0, 1, data, 1, 1},
		{"negative", -5, -7, 1, data, 1, 1},
		{"narrow", 60, 600, 1, data, 60, 600},
		{"flat", 900, 55, 1, data, 900, 55},
		{"huge scale small image", 200, 120, 8, data, 200, 120},
		{"empty small", 10, 10, 1, nil, 10, 10},
		{"empty large", 4000, 2000, 2, nil, 4000, 2000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := rd.Monthly(MonthlyChart{
				Title: "Bounds", FirstYear: 2024, FirstMonth: time.March,
				Series: tt.series, Width: tt.w, Height: tt.h, Scale: tt.scale,
			})
			if img == nil {
				t.Fatal("Monthly returned nil")
			}
			b := img.Bounds()
			if b.Min != (image.Point{}) || b.Dx() != tt.wantW || b.Dy() != tt.wantH {
				t.Errorf("bounds = %v, want %dx%d at origin", b, tt.wantW, tt.wantH)
			}
		})
	}
}

func TestMonthlyEmpty(t *testing.T) {
	rd := newTestRenderer(t)
	bg := themeFor(false).background
	tests := []struct {
		name   string
		series []Series
		text   string
	}{
		{"no series", nil, ""},
		{"empty values", []Series{{Name: "A"}, {Name: "B", Values: []float64{}}}, ""},
		{"all NaN", []Series{{Name: "A", Values: nans(12)}}, ""},
		{"all infinite", []Series{{Name: "A", Values: []float64{math.Inf(1), math.Inf(-1), nan}}}, ""},
		{"custom text", nil, "Noch keine Daten – Δεν υπάρχουν δεδομένα"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const w, h = 640, 300
			img := rd.Monthly(MonthlyChart{Series: tt.series, Width: w, Height: h, EmptyText: tt.text})
			if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
				t.Fatalf("bounds = %v, want %dx%d", b, w, h)
			}
			// Text in the middle band, nothing elsewhere.
			middle := image.Rect(0, h/2-20, w, h/2+20)
			if differing(img, middle, bg) < 50 {
				t.Error("no empty text drawn in the centre")
			}
			if n := differing(img, image.Rect(0, 0, w, h/2-20), bg) + differing(img, image.Rect(0, h/2+20, w, h), bg); n != 0 {
				t.Errorf("%d non-background pixels outside the centre band", n)
			}
			if n := countColour(img, img.Bounds(), rgb(hexActual), 10); n != 0 {
				t.Errorf("%d series-coloured pixels in an empty chart", n)
			}
		})
	}

	def := rd.Monthly(MonthlyChart{Width: 300, Height: 200})
	custom := rd.Monthly(MonthlyChart{Width: 300, Height: 200, EmptyText: "Nothing"})
	if bytes.Equal(mustPNG(t, def), mustPNG(t, custom)) {
		t.Error("EmptyText has no effect")
	}
	same := rd.Monthly(MonthlyChart{Width: 300, Height: 200, EmptyText: "No data yet"})
	if !bytes.Equal(mustPNG(t, def), mustPNG(t, same)) {
		t.Error(`default EmptyText is not "No data yet"`)
	}
}

func TestMonthlySeriesColours(t *testing.T) {
	rd := newTestRenderer(t)
	n := 36
	target := make([]float64, n)
	for i := range target {
		target[i] = 2500
	}
	tests := []struct {
		name  string
		dark  bool
		scale float64
	}{
		{"light", false, 1},
		{"dark", true, 1},
		{"light 2x", false, 2},
		{"dark 1.5x", true, 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MonthlyChart{
				Title: "Revenue", FirstYear: 2024, FirstMonth: time.January,
				Series: []Series{
					{Name: "Actual", Values: ramp(n, 1000, 100), Role: RoleActual},
					{Name: "Forecast", Values: ramp(n, 4000, -60), Role: RoleForecast},
					{Name: "Target", Values: target, Role: RoleTarget},
					{Name: "Last year", Values: ramp(n, 500, 20), Role: RoleOther},
				},
				Width:  int(800 * tt.scale),
				Height: int(400 * tt.scale),
				Scale:  tt.scale,
				Dark:   tt.dark,
			}
			img := rd.Monthly(c)
			lay := monthlyLayout(t, rd, c)
			least := int(150 * tt.scale) // a line across the plot has far more
			for _, want := range []struct {
				role string
				c    color.Color
			}{
				{"actual", rgb(hexActual)},
				{"forecast", rgb(hexForecast)},
				{"target", rgb(hexTarget)},
				{"other", rgb(0xE69F00)},
			} {
				if got := countColour(img, lay.plot, want.c, 12); got < least {
					t.Errorf("%s: %d pixels of its colour in the plot, want ≥ %d", want.role, got, least)
				}
			}
			bg := themeFor(tt.dark).background
			if got := img.At(1, 1); !sameRGB(got, bg) {
				t.Errorf("corner pixel = %v, want background %v", got, bg)
			}
		})
	}
}

func sameRGB(a, b color.Color) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	return ar>>8 == br>>8 && ag>>8 == bg>>8 && ab>>8 == bb>>8
}

func TestMonthlySinglePoint(t *testing.T) {
	rd := newTestRenderer(t)
	tests := []struct {
		name   string
		values []float64
	}{
		{"one value", []float64{1234}},
		{"one zero", []float64{0}},
		{"one negative", []float64{-50}},
		{"isolated among NaN", []float64{nan, nan, 7, nan, nan}},
		{"isolated at the ends", []float64{5, nan, nan, nan, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MonthlyChart{
				FirstYear: 2025, FirstMonth: time.June,
				Series: []Series{{Name: "Actual", Values: tt.values, Role: RoleActual}},
				Width:  400, Height: 250, Scale: 1,
			}
			img := rd.Monthly(c)
			lay := monthlyLayout(t, rd, c)
			// A dot of radius 3.5 covers ~35 pixels; allow for the plot
			// edge cutting it and for anti-aliasing.
			if got := countColour(img, lay.plot.Inset(-4), rgb(hexActual), 12); got < 15 {
				t.Errorf("%d pixels in the actual colour, want a visible dot", got)
			}
		})
	}
}

func TestMonthlyNaNGaps(t *testing.T) {
	rd := newTestRenderer(t)
	tests := []struct {
		name       string
		values     []float64
		wantLayers int
	}{
		{"no gaps", ramp(12, 1, 1), 1},
		{"gap in the middle", []float64{1, 2, nan, 4, 5}, 2},
		{"leading and trailing NaN", []float64{nan, 1, 2, 3, nan}, 1},
		{"alternating", []float64{1, nan, 2, nan, 3}, 3},
		{"pairs", []float64{1, 2, nan, nan, 3, 4, nan, 5}, 3},
		{"infinities are gaps", []float64{1, math.Inf(1), 2, 3}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls := RoleActual.lineStyle(0, 1, themeFor(false))
			if got := len(lineLayers("x", tt.values, ls, 3)); got != tt.wantLayers {
				t.Errorf("lineLayers made %d series, want %d", got, tt.wantLayers)
			}
			img := rd.Monthly(MonthlyChart{
				FirstYear: 2024, FirstMonth: time.January,
				Series: []Series{{Name: "A", Values: tt.values}},
				Width:  500, Height: 300,
			})
			if countColour(img, img.Bounds(), rgb(hexActual), 12) == 0 {
				t.Error("nothing drawn")
			}
		})
	}
}

func TestMonthlyYRange(t *testing.T) {
	rd := newTestRenderer(t)
	tests := []struct {
		name   string
		values []float64
		lo, hi float64 // data extent the ticks must cover
	}{
		{"positive starts at zero", ramp(12, 5000, 100), 0, 6100},
		{"negative", ramp(12, -900, 10), -900, 0},
		{"mixed", []float64{-1200, 300, 4500, -50}, -1200, 4500},
		{"all equal", []float64{7, 7, 7, 7}, 0, 7},
		{"all equal negative", []float64{-3, -3}, -3, 0},
		{"all zero", []float64{0, 0, 0}, 0, 0},
		{"tiny", []float64{0.001, 0.002, 0.0035}, 0, 0.0035},
		{"huge", []float64{1e12, 3.3e12}, 0, 3.3e12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MonthlyChart{
				FirstYear: 2024, FirstMonth: time.January,
				Series: []Series{{Name: "A", Values: tt.values}},
				Width:  800, Height: 400,
			}
			lay := monthlyLayout(t, rd, c)
			checkTicks(t, lay.yTicks, tt.lo, tt.hi, 5, 7)
			for i, l := range lay.yLabels {
				if l == "" {
					t.Errorf("empty label for tick %v", lay.yTicks[i])
				}
			}
			img := rd.Monthly(c)
			if countColour(img, lay.plot.Inset(-4), rgb(hexActual), 12) < 20 {
				t.Error("series not drawn")
			}
		})
	}
}

func TestMonthlyXLabels(t *testing.T) {
	rd := newTestRenderer(t)
	tests := []struct {
		name      string
		n         int
		first     time.Month
		year      int
		w         int
		scale     float64
		wantFirst string
	}{
		{"12 months wide", 12, time.January, 2024, 1200, 1, "Jan 24"},
		{"36 months", 36, time.January, 2024, 800, 1, "Jan 24"},
		{"36 months narrow", 36, time.July, 2023, 400, 1, "Jan 24"},
		{"36 months hidpi", 36, time.January, 2024, 1600, 2, "Jan 24"},
		{"120 months", 120, time.January, 2015, 800, 1, "Jan 15"},
		{"240 months narrow", 240, time.January, 2000, 300, 1, "Jan 00"},
		{"starts mid-year", 18, time.May, 2099, 700, 1, "May 99"},
		{"single month", 1, time.December, 2024, 300, 1, "Dec 24"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MonthlyChart{
				FirstYear: tt.year, FirstMonth: tt.first,
				Series: []Series{{Values: ramp(tt.n, 10, 1)}},
				Width:  tt.w, Height: 300, Scale: tt.scale,
			}
			lay := monthlyLayout(t, rd, c)
			if len(lay.xLabels) == 0 {
				t.Fatal("no X labels")
			}
			slot := float64(lay.plot.Dx()) / float64(tt.n)
			for i, l := range lay.xLabels {
				if l.at < 0 || l.at >= float64(tt.n) || l.at != math.Trunc(l.at) {
					t.Errorf("label %q at %v: not a month index in range", l.text, l.at)
				}
				if i == 0 {
					continue
				}
				prev := lay.xLabels[i-1]
				gap := (l.at - prev.at) * slot
				if least := 60 * tt.scale; gap < least {
					t.Errorf("labels %q and %q are %.0f px apart, want ≥ %.0f", prev.text, l.text, gap, least)
				}
				if w := float64(lay.label.width(prev.text)+lay.label.width(l.text)) / 2; gap < w {
					t.Errorf("labels %q and %q overlap", prev.text, l.text)
				}
			}
			if tt.n > 1 && lay.xLabels[0].text != tt.wantFirst {
				t.Errorf("first label = %q, want %q", lay.xLabels[0].text, tt.wantFirst)
			}
		})
	}
}

func TestMonthLabel(t *testing.T) {
	tests := []struct {
		year  int
		month time.Month
		i     int
		want  string
	}{
		{2024, time.January, 0, "Jan 24"},
		{2024, time.January, 11, "Dec 24"},
		{2024, time.November, 2, "Jan 25"},
		{2024, time.March, 25, "Apr 26"},
		{2009, time.December, 1, "Jan 10"},
		{2000, time.January, -1, "Dec 99"},
	}
	for _, tt := range tests {
		if got := monthLabel(tt.year, tt.month, tt.i); got != tt.want {
			t.Errorf("monthLabel(%d, %v, %d) = %q, want %q", tt.year, tt.month, tt.i, got, tt.want)
		}
	}
}

func TestMonthStepAndTicks(t *testing.T) {
	tests := []struct {
		name       string
		slot, min  float64
		wantStep   int
		n, year    int
		first      time.Month
		wantLabels []int
	}{
		{"every month", 70, 60, 1, 4, 2024, time.January, []int{0, 1, 2, 3}},
		{"odd months", 40, 60, 2, 6, 2024, time.February, []int{1, 3, 5}},
		{"quarters", 25, 60, 3, 12, 2024, time.February, []int{2, 5, 8, 11}},
		{"half years", 15, 60, 6, 14, 2024, time.March, []int{4, 10}},
		{"years", 8, 60, 12, 30, 2024, time.June, []int{7, 19}},
		{"every other year", 3, 60, 24, 50, 2023, time.January, []int{12, 36}},
		{"fallback to first month", 8, 60, 12, 3, 2024, time.March, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			step := monthStep(tt.slot, tt.min)
			if step != tt.wantStep {
				t.Fatalf("monthStep(%v, %v) = %d, want %d", tt.slot, tt.min, step, tt.wantStep)
			}
			got := monthTickIndexes(tt.n, tt.year, tt.first, step)
			if len(got) != len(tt.wantLabels) {
				t.Fatalf("ticks = %v, want %v", got, tt.wantLabels)
			}
			for i := range got {
				if got[i] != tt.wantLabels[i] {
					t.Fatalf("ticks = %v, want %v", got, tt.wantLabels)
				}
			}
		})
	}
	if s := monthStep(0, 60); s != 12 {
		t.Errorf("monthStep(0) = %d, want 12", s)
	}
	if s := monthStep(0.01, 60); s%12 != 0 || 0.01*float64(s) < 60 {
		t.Errorf("monthStep(0.01) = %d, want a multiple of 12 giving ≥ 60 px", s)
	}
}

func TestMonthlyLegend(t *testing.T) {
	rd := newTestRenderer(t)
	base := MonthlyChart{
		FirstYear: 2024, FirstMonth: time.January,
		Width: 800, Height: 400, Scale: 1,
	}
	one := base
	one.Series = []Series{{Name: "Actual", Values: ramp(12, 1, 1)}}
	if lay := monthlyLayout(t, rd, one); len(lay.legend) != 0 {
		t.Errorf("single series has a legend: %+v", lay.legend)
	}

	tests := []struct {
		role     Role
		minRuns  int // colour runs along the legend sample
		maxRuns  int
		wantName string
	}{
		{RoleActual, 1, 1, "Actual"},
		{RoleForecast, 2, 3, "Прогноз"},
		{RoleTarget, 4, 8, "Στόχος"},
		{RoleOther, 1, 1, "Other"},
	}
	three := base
	for _, tt := range tests {
		name := tt.wantName
		if tt.role == RoleOther {
			name = "" // falls back to the role name
		}
		three.Series = append(three.Series, Series{Name: name, Values: ramp(12, 1, 1), Role: tt.role})
	}
	img := rd.Monthly(three)
	lay := monthlyLayout(t, rd, three)
	var items []legendItem
	for _, row := range lay.legend {
		for _, it := range row.items {
			if row.centreY <= lay.plot.Max.Y || row.centreY >= three.Height {
				t.Errorf("legend row at y=%d is not below the plot (bottom %d)", row.centreY, lay.plot.Max.Y)
			}
			items = append(items, it)
		}
	}
	if len(items) != len(tests) {
		t.Fatalf("legend has %d items, want %d", len(items), len(tests))
	}
	sample := int(sampleW)
	for i, tt := range tests {
		it := items[i]
		if it.text != tt.wantName {
			t.Errorf("legend item %d = %q, want %q", i, it.text, tt.wantName)
		}
		y := 0
		for _, row := range lay.legend {
			for _, ri := range row.items {
				if ri.x == it.x && ri.text == it.text {
					y = row.centreY
				}
			}
		}
		runs, in := 0, false
		for x := it.x; x < it.x+sample; x++ {
			on := countColour(img, image.Rect(x, y-1, x+1, y+1), it.style.color, 40) > 0
			if on && !in {
				runs++
			}
			in = on
		}
		if runs < tt.minRuns || runs > tt.maxRuns {
			t.Errorf("%v legend sample has %d dashes, want %d–%d", tt.role, runs, tt.minRuns, tt.maxRuns)
		}
	}
}

func TestRoleStyles(t *testing.T) {
	th := themeFor(false)
	seen := map[drawing4]bool{}
	for _, r := range []Role{RoleActual, RoleForecast, RoleTarget} {
		ls := r.lineStyle(0, 1, th)
		key := drawing4{ls.color.R, ls.color.G, ls.color.B, len(ls.dash)}
		if seen[key] {
			t.Errorf("%v shares colour and dash with another role", r)
		}
		seen[key] = true
		for _, d := range ls.dash {
			if !(d > 0) {
				t.Errorf("%v: dash %v must be positive (go-chart loops forever on 0)", r, ls.dash)
			}
		}
	}
	if a, b := RoleOther.lineStyle(0, 1, th).color, RoleOther.lineStyle(1, 1, th).color; a == b {
		t.Error("successive RoleOther series share a colour")
	}
	if got := RoleOther.lineStyle(0, 1, th).color; got != rgb(0xE69F00) {
		t.Errorf("first RoleOther colour = %v, want #E69F00", got)
	}
}

type drawing4 struct {
	r, g, b uint8
	dashes  int
}

func TestMonthlyDeterministic(t *testing.T) {
	rd := newTestRenderer(t)
	other := newTestRenderer(t)
	for _, dark := range []bool{false, true} {
		c := demoMonthly()
		c.Dark = dark
		a := mustPNG(t, rd.Monthly(c))
		b := mustPNG(t, rd.Monthly(c))
		o := mustPNG(t, other.Monthly(c))
		if !bytes.Equal(a, b) || !bytes.Equal(a, o) {
			t.Errorf("dark=%v: same input gave different PNG bytes", dark)
		}
	}
}

func TestMonthlyConcurrent(t *testing.T) {
	rd := newTestRenderer(t)
	c := demoMonthly()
	want := mustPNG(t, rd.Monthly(c))
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := demoMonthly()
			if i%2 == 1 {
				// Interleave a different chart to shake out shared state.
				rd.Bars(BarChart{Values: []float64{1, -2, 3}, Width: 300, Height: 200})
			}
			got, err := EncodePNG(rd.Monthly(c))
			if err != nil {
				errs <- err.Error()
				return
			}
			if !bytes.Equal(got, want) {
				errs <- "concurrent render differs"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestMonthlyNeverPanics(t *testing.T) {
	rd := newTestRenderer(t)
	var nilRenderer *Renderer
	charts := []MonthlyChart{
		{Series: []Series{{Values: []float64{math.MaxFloat64, -math.MaxFloat64}}}, Width: 300, Height: 200},
		{Series: []Series{{Values: []float64{5e-324, 0}}}, Width: 300, Height: 200},
		{Series: []Series{{Values: ramp(5, 1, 1), Role: Role(42)}}, Width: 300, Height: 200},
		{Series: []Series{{Values: ramp(5, 1, 1)}}, FirstMonth: 0, Width: 300, Height: 200},
		{Series: []Series{{Values: ramp(5, 1, 1)}}, FirstMonth: 99, FirstYear: -7, Width: 300, Height: 200},
		{Series: []Series{{Values: ramp(5, 1, 1)}}, FormatY: func(float64) string { panic("boom") }, Width: 300, Height: 200},
		{Series: []Series{{Values: ramp(5, 1, 1)}}, FormatY: func(float64) string { return "" }, Width: 300, Height: 200},
		{Series: []Series{{Values: ramp(3000, 1, 1)}}, Width: 300, Height: 200},
		{Series: manySeries(40), Width: 300, Height: 200, Title: "Lots of series with a long, long title that will not fit"},
	}
	for i, c := range charts {
		for _, r := range []*Renderer{rd, nilRenderer} {
			img := r.Monthly(c)
			if img == nil || img.Bounds().Dx() != c.Width || img.Bounds().Dy() != c.Height {
				t.Errorf("chart %d: got %v", i, img)
			}
		}
	}
}

func manySeries(n int) []Series {
	s := make([]Series, n)
	for i := range s {
		s[i] = Series{Name: "Series with a longish name", Values: ramp(12, float64(i), 1), Role: Role(i % 4)}
	}
	return s
}

func TestEncodePNG(t *testing.T) {
	rd := newTestRenderer(t)
	transparent := image.NewNRGBA(image.Rect(0, 0, 4, 3)) // all alpha 0
	transparent.SetNRGBA(1, 1, color.NRGBA{R: 255, A: 128})
	offset := image.NewRGBA(image.Rect(10, 10, 20, 15))
	tests := []struct {
		name string
		img  image.Image
	}{
		{"monthly", rd.Monthly(demoMonthly())},
		{"dark", rd.Monthly(MonthlyChart{Series: demoMonthly().Series, Width: 300, Height: 200, Dark: true})},
		{"empty", rd.Monthly(MonthlyChart{Width: 300, Height: 200})},
		{"bars", rd.Bars(BarChart{Values: []float64{1, 2}, Width: 300, Height: 200})},
		{"transparent", transparent},
		{"offset bounds", offset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := EncodePNG(tt.img)
			if err != nil {
				t.Fatal(err)
			}
			// IHDR colour type (byte 25): 2 = truecolour without alpha.
			if len(b) < 26 || b[25] != 2 {
				t.Fatalf("PNG colour type = %d, want 2 (RGB)", b[25])
			}
			dec, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if dec.Bounds().Size() != tt.img.Bounds().Size() {
				t.Errorf("decoded size %v, want %v", dec.Bounds().Size(), tt.img.Bounds().Size())
			}
			if o, ok := dec.(interface{ Opaque() bool }); !ok || !o.Opaque() {
				t.Error("decoded image is not opaque")
			}
		})
	}
	// Transparency is composited onto white.
	b, _ := EncodePNG(transparent)
	dec, _ := png.Decode(bytes.NewReader(b))
	if r, g, bl, _ := dec.At(0, 0).RGBA(); r>>8 != 255 || g>>8 != 255 || bl>>8 != 255 {
		t.Errorf("transparent pixel became %v, want white", dec.At(0, 0))
	}
	if r, g, _, _ := dec.At(1, 1).RGBA(); r>>8 != 255 || g>>8 < 120 || g>>8 > 135 {
		t.Errorf("half-transparent red became %v, want pink", dec.At(1, 1))
	}
	if _, err := EncodePNG(nil); err == nil {
		t.Error("EncodePNG(nil) succeeded")
	}
}

func mustPNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	b, err := EncodePNG(img)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func BenchmarkMonthly(b *testing.B) {
	rd := newTestRenderer(b)
	const n = 36
	c := MonthlyChart{
		Title: "Revenue", FirstYear: 2024, FirstMonth: time.January,
		Series: []Series{
			{Name: "Actual", Values: ramp(n, 40000, 900), Role: RoleActual},
			{Name: "Forecast", Values: ramp(n, 38000, 1100), Role: RoleForecast},
		},
		Width: 800, Height: 400, Scale: 1,
	}
	b.ReportAllocs()
	for b.Loop() {
		rd.Monthly(c)
	}
}

// A chart with one line that is not the actuals (a budget) names it in a
// legend; one actual line needs none.
func TestALoneBudgetLineIsNamed(t *testing.T) {
	rd := newTestRenderer(t)
	vals := []float64{10, 12, 11, 14, 13, 15}
	for _, tt := range []struct {
		role   Role
		legend bool
	}{{RoleActual, false}, {RoleTarget, true}} {
		c := MonthlyChart{Title: "Revenue", FirstYear: 2027, FirstMonth: time.January, Width: 600, Height: 300, Scale: 1,
			Series: []Series{{Role: tt.role, Name: "Budget", Values: vals}}}
		p := monthlyPlot(c)
		lay, ok := rd.layout(&p, true)
		if !ok {
			t.Fatal("no layout")
		}
		if got := len(lay.legend) > 0; got != tt.legend {
			t.Errorf("%v: legend %v, want %v", tt.role, got, tt.legend)
		}
	}
}
