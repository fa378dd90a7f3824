package charts

import (
	"bytes"
	"image"
	"math"
	"testing"
	"time"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// demoForecast is 24 months of history followed by a 12-month forecast
// with 80 % and 95 % ranges that widen with the horizon, as the forecast
// view draws it.
func demoForecast() MonthlyChart {
	const n, h = 24, 12
	history := nans(n + h)
	forecast := nans(n + h)
	lo95, hi95 := nans(n+h), nans(n+h)
	lo80, hi80 := nans(n+h), nans(n+h)
	for i := range n + h {
		season := 1 + 0.2*math.Sin(float64(i)*2*math.Pi/12)
		v := (40000 + 800*float64(i)) * season
		if i < n {
			history[i] = v * (1 + 0.05*math.Sin(float64(i)*1.7))
			continue
		}
		forecast[i] = v
		k := float64(i - n + 1)
		sd := 2500 * math.Sqrt(k)
		lo80[i], hi80[i] = v-1.2816*sd, v+1.2816*sd
		lo95[i], hi95[i] = v-1.96*sd, v+1.96*sd
	}
	return MonthlyChart{
		Title:      "Revenue forecast — Прогноз выручки",
		FirstYear:  2024,
		FirstMonth: time.January,
		Series: []Series{
			{Name: "History", Values: history, Role: RoleActual},
			{Name: "Forecast", Values: forecast, Role: RoleForecast},
		},
		Bands: []Band{
			{Name: "95 % range", Lo: lo95, Hi: hi95, Role: RoleForecast},
			{Name: "80 % range", Lo: lo80, Hi: hi80, Role: RoleForecast},
		},
		ShowDivider: true,
		DividerAt:   n,
		Width:       800, Height: 400, Scale: 1,
	}
}

// plotX returns the pixel column of month index i (fractional) in a
// monthly plot with the given number of months.
func plotX(lay layout, slots int, i float64) int {
	return lay.plot.Min.X + int(math.Round((i+0.5)/float64(slots)*float64(lay.plot.Dx())))
}

// plotY returns the pixel row of value v in a laid-out plot.
func plotY(lay layout, v float64) int {
	lo, hi := lay.yTicks[0], lay.yTicks[len(lay.yTicks)-1]
	return lay.plot.Max.Y - int(math.Round((v-lo)/(hi-lo)*float64(lay.plot.Dy())))
}

func TestBandForecastRegion(t *testing.T) {
	rd := newTestRenderer(t)
	tests := []struct {
		name  string
		scale float64
		dark  bool
	}{
		{"light", 1, false},
		{"dark", 1, true},
		{"light 2.5x", 2.5, false},
		{"dark 2.5x", 2.5, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := demoForecast()
			c.Scale, c.Dark = tt.scale, tt.dark
			c.Width, c.Height = int(800*tt.scale), int(400*tt.scale)
			img := rd.Monthly(c)
			if b := img.Bounds(); b.Dx() != c.Width || b.Dy() != c.Height {
				t.Fatalf("bounds = %v", b)
			}
			lay := monthlyLayout(t, rd, c)
			const n, slots = 24, 36
			th := themeFor(tt.dark)
			alpha := Band{}.alpha(tt.dark)
			outer := blend(th.background, rgb(hexForecast), alpha)
			inner := blend(outer, rgb(hexForecast), alpha)

			forecast := image.Rect(plotX(lay, slots, n-0.5), lay.plot.Min.Y, lay.plot.Max.X, lay.plot.Max.Y)
			history := image.Rect(lay.plot.Min.X, lay.plot.Min.Y, plotX(lay, slots, n-0.5), lay.plot.Max.Y)
			least := int(500 * tt.scale * tt.scale)
			if got := countColour(img, forecast, outer, 3); got < least {
				t.Errorf("95 %% band: %d pixels in the forecast region, want ≥ %d", got, least)
			}
			if got := countColour(img, forecast, inner, 3); got < least {
				t.Errorf("80 %% band: %d pixels in the forecast region, want ≥ %d", got, least)
			}
			for _, c := range []drawing.Color{outer, inner} {
				if got := countColour(img, history, c, 3); got != 0 {
					t.Errorf("band colour %v: %d pixels before the forecast", c, got)
				}
			}

			// The divider: dashes in the axis colour on the boundary
			// column, and its label above the plot.
			x := plotX(lay, slots, n-0.5)
			col := image.Rect(x-2, lay.plot.Min.Y, x+2, lay.plot.Max.Y)
			if got := countColour(img, col, th.axis, 10); got < lay.plot.Dy()/3 {
				t.Errorf("divider: %d pixels in the axis colour, want ≥ %d", got, lay.plot.Dy()/3)
			}
			if lay.dividerLabel != DefaultDividerLabel {
				t.Errorf("divider label = %q", lay.dividerLabel)
			}
			if lay.dividerBaseline >= lay.plot.Min.Y || lay.dividerBaseline <= lay.titleBaseline {
				t.Errorf("divider label baseline %d not between title (%d) and plot (%d)",
					lay.dividerBaseline, lay.titleBaseline, lay.plot.Min.Y)
			}
		})
	}
}

func TestBandYRange(t *testing.T) {
	rd := newTestRenderer(t)
	const slots = 12
	line := ramp(slots, 100, 5)
	hi, lo := nans(slots), nans(slots)
	for i := 6; i < slots; i++ {
		lo[i], hi[i] = 9000, 10000 // far above the line
	}
	c := MonthlyChart{
		Title: "High band", FirstYear: 2025, FirstMonth: time.January,
		Series: []Series{{Name: "Actual", Values: line}},
		Bands:  []Band{{Name: "Range", Lo: lo, Hi: hi, Role: RoleTarget}},
		Width:  600, Height: 300, Scale: 1,
	}
	lay := monthlyLayout(t, rd, c)
	checkTicks(t, lay.yTicks, 0, 10000, 5, 7)
	img := rd.Monthly(c)
	band := blend(themeFor(false).background, rgb(hexTarget), bandAlphaLight)
	top := image.Rect(lay.plot.Min.X, lay.plot.Min.Y, lay.plot.Max.X, plotY(lay, 8500))
	if got := countColour(img, top, band, 3); got < 300 {
		t.Errorf("%d band pixels near the top of the plot, want ≥ 300", got)
	}
	bottom := image.Rect(lay.plot.Min.X, plotY(lay, 8000), lay.plot.Max.X, lay.plot.Max.Y)
	if got := countColour(img, bottom, band, 3); got != 0 {
		t.Errorf("%d band pixels below the band", got)
	}

	// And far below, with Lo and Hi swapped.
	c.Bands[0].Lo, c.Bands[0].Hi = ramp(slots, -4000, 0), ramp(slots, -5000, 0)
	lay = monthlyLayout(t, rd, c)
	checkTicks(t, lay.yTicks, -5000, 160, 5, 7)
}

func TestBandLegend(t *testing.T) {
	rd := newTestRenderer(t)
	for _, dark := range []bool{false, true} {
		c := demoForecast()
		c.Dark = dark
		img := rd.Monthly(c)
		lay := monthlyLayout(t, rd, c)
		var swatches []legendItem
		rowY := map[string]int{}
		for _, row := range lay.legend {
			for _, it := range row.items {
				rowY[it.text] = row.centreY
				if it.swatch {
					swatches = append(swatches, it)
				}
			}
		}
		if len(swatches) != 2 || swatches[0].text != "95 % range" || swatches[1].text != "80 % range" {
			t.Fatalf("dark=%v: swatches %+v, want 95 %% and 80 %% ranges", dark, swatches)
		}
		th := themeFor(dark)
		alpha := Band{}.alpha(dark)
		outer := blend(th.background, rgb(hexForecast), alpha)
		inner := blend(outer, rgb(hexForecast), alpha)
		for i, want := range []drawing.Color{outer, inner} {
			it := swatches[i]
			if it.fill != want {
				t.Errorf("dark=%v: %s swatch colour %v, want %v (as drawn in the plot)", dark, it.text, it.fill, want)
			}
			y := rowY[it.text]
			if got := img.At(it.x+int(sampleW)/2, y); !sameRGB(got, want) {
				t.Errorf("dark=%v: %s swatch pixel %v, want %v", dark, it.text, got, want)
			}
		}
	}
}

func TestBandEdgeCases(t *testing.T) {
	rd := newTestRenderer(t)
	base := MonthlyChart{FirstYear: 2024, FirstMonth: time.March, Width: 500, Height: 300, Scale: 1}
	bandColour := blend(themeFor(false).background, rgb(hexActual), bandAlphaLight)
	tests := []struct {
		name      string
		series    []Series
		bands     []Band
		empty     bool
		minPixels int // of the default RoleActual band colour
	}{
		{"band only", nil, []Band{{Lo: ramp(12, 10, 1), Hi: ramp(12, 20, 2)}}, false, 1000},
		{"swapped bounds", nil, []Band{{Lo: ramp(12, 20, 2), Hi: ramp(12, 10, 1)}}, false, 1000},
		{"single month", []Series{{Values: ramp(12, 5, 1)}}, []Band{{Lo: []float64{nan, nan, 3}, Hi: []float64{nan, nan, 30}}}, false, 50},
		{"isolated months", []Series{{Values: ramp(12, 5, 1)}}, []Band{{Lo: []float64{1, nan, 3, nan, 4}, Hi: []float64{20, nan, 30, nan, 25}}}, false, 100},
		{"mismatched lengths", []Series{{Values: ramp(3, 5, 1)}}, []Band{{Lo: ramp(20, 1, 0), Hi: ramp(8, 9, 0)}}, false, 500},
		{"only NaN", nil, []Band{{Lo: nans(5), Hi: nans(5)}}, true, 0},
		{"one side missing", nil, []Band{{Lo: ramp(5, 1, 1), Hi: nil}}, true, 0},
		{"infinite", nil, []Band{{Lo: []float64{math.Inf(-1), 1}, Hi: []float64{1, math.Inf(1)}}}, true, 0},
		{"zero width", []Series{{Values: ramp(12, 5, 1)}}, []Band{{Lo: ramp(12, 3, 0), Hi: ramp(12, 3, 0)}}, false, 0},
		{"huge values", nil, []Band{{Lo: []float64{-math.MaxFloat64, -1e300, 0}, Hi: []float64{math.MaxFloat64, 1e300, 1}}}, false, 0},
		{"opacity out of range", nil, []Band{{Lo: ramp(4, 0, 1), Hi: ramp(4, 5, 1), Opacity: 7}}, false, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			c.Series, c.Bands = tt.series, tt.bands
			if p := monthlyPlot(c); p.empty != tt.empty {
				t.Fatalf("empty = %v, want %v", p.empty, tt.empty)
			}
			img := rd.Monthly(c)
			if b := img.Bounds(); b.Dx() != c.Width || b.Dy() != c.Height {
				t.Fatalf("bounds = %v", b)
			}
			if got := countColour(img, img.Bounds(), bandColour, 3); got < tt.minPixels {
				t.Errorf("%d band pixels, want ≥ %d", got, tt.minPixels)
			}
			if tt.empty && countColour(img, img.Bounds(), bandColour, 3) != 0 {
				t.Error("band drawn in an empty chart")
			}
		})
	}

	// A custom opacity is used as given.
	c := base
	c.Bands = []Band{{Lo: ramp(6, 0, 1), Hi: ramp(6, 10, 1), Opacity: 0.6, Role: RoleTarget}}
	want := blend(themeFor(false).background, rgb(hexTarget), 0.6)
	if got := countColour(rd.Monthly(c), image.Rect(0, 0, c.Width, c.Height), want, 3); got < 1000 {
		t.Errorf("opacity 0.6: %d pixels of %v", got, want)
	}
}

func TestDividerPositions(t *testing.T) {
	rd := newTestRenderer(t)
	for _, tt := range []struct {
		at   int
		show bool
		want bool
	}{
		{6, true, true},
		{1, true, true},
		{11, true, true},
		{6, false, false},
		{0, true, false},
		{-1, true, false},
		{12, true, false},
		{math.MaxInt, true, false},
	} {
		c := MonthlyChart{
			FirstYear: 2024, FirstMonth: time.January,
			Series:      []Series{{Values: ramp(12, 1, 1)}},
			ShowDivider: tt.show, DividerAt: tt.at, DividerLabel: "Prognose →",
			Width: 400, Height: 250,
		}
		p := monthlyPlot(c)
		if p.hasDivider != tt.want {
			t.Errorf("at %d show %v: divider %v, want %v", tt.at, tt.show, p.hasDivider, tt.want)
		}
		lay := monthlyLayout(t, rd, c)
		if got := lay.dividerLabel != ""; got != tt.want {
			t.Errorf("at %d show %v: label %q", tt.at, tt.show, lay.dividerLabel)
		}
		if tt.want && lay.dividerLabel != "Prognose →" {
			t.Errorf("label = %q, want the custom one", lay.dividerLabel)
		}
		if img := rd.Monthly(c); img.Bounds().Dx() != 400 || img.Bounds().Dy() != 250 {
			t.Errorf("bounds = %v", img.Bounds())
		}
	}
}

func TestBandSizesAndDeterminism(t *testing.T) {
	rd := newTestRenderer(t)
	for _, sz := range []struct {
		w, h  int
		scale float64
		dark  bool
	}{
		{800, 400, 1, false}, {2000, 1000, 2.5, true}, {300, 160, 1, false},
		{120, 60, 2.5, true}, {50, 50, 1, false}, {10, 10, 1, false}, {0, 0, 1, true},
	} {
		c := demoForecast()
		c.Width, c.Height, c.Scale, c.Dark = sz.w, sz.h, sz.scale, sz.dark
		a, b := rd.Monthly(c), rd.Monthly(c)
		if got := a.Bounds(); got.Dx() != max(sz.w, 1) || got.Dy() != max(sz.h, 1) {
			t.Errorf("%dx%d: bounds %v", sz.w, sz.h, got)
		}
		if !bytes.Equal(mustPNG(t, a), mustPNG(t, b)) {
			t.Errorf("%dx%d: same input gave different PNG bytes", sz.w, sz.h)
		}
	}
}
