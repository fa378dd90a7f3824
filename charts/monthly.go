package charts

import (
	"image"
	"math"
	"sort"
	"time"

	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Series is one named line of monthly values; math.NaN() marks a missing
// month. Infinities and values beyond ±1e300 are treated as missing too.
type Series struct {
	Name   string
	Values []float64
	Role   Role // decides colour and dash pattern, consistent across screens and PDF
}

// Role is what a series means. It decides the colour (Okabe-Ito palette)
// and the dash pattern, so that meaning is never carried by colour alone.
type Role int

const (
	// RoleActual is booked figures: solid, blue #0072B2.
	RoleActual Role = iota
	// RoleForecast is projected figures: dashed, vermillion #D55E00.
	RoleForecast
	// RoleTarget is a goal line: dotted, bluish green #009E73.
	RoleTarget
	// RoleOther is anything else: solid, orange #E69F00 for the first such
	// series, then sky blue, reddish purple, yellow and black (white on the
	// dark theme).
	RoleOther
)

// Okabe-Ito colours of the roles, as 0xRRGGBB.
const (
	hexActual   = 0x0072B2 // blue
	hexForecast = 0xD55E00 // vermillion
	hexTarget   = 0x009E73 // bluish green
)

// String returns the English name of the role, used as the legend label of
// an unnamed series.
func (r Role) String() string {
	switch r {
	case RoleActual:
		return "Actual"
	case RoleForecast:
		return "Forecast"
	case RoleTarget:
		return "Target"
	default:
		return "Other"
	}
}

// drawOrder is the stacking order of roles: actual figures on top.
func (r Role) drawOrder() int {
	switch r {
	case RoleActual:
		return 3
	case RoleForecast:
		return 2
	case RoleTarget:
		return 1
	default:
		return 0
	}
}

// lineStyle returns the stroke for a role at the given scale. otherIndex
// counts RoleOther series (and unknown roles) so far.
func (r Role) lineStyle(otherIndex int, scale float64, th theme) lineStyle {
	w := lineW * scale
	ls := lineStyle{width: w}
	// go-chart's stroker ignores line caps (every dash ends flat), so the
	// dash arrays are the visible lengths.
	switch r {
	case RoleActual:
		ls.color = rgb(hexActual)
	case RoleForecast:
		ls.color = rgb(hexForecast)
		ls.dash = []float64{7 * scale, 4 * scale}
	case RoleTarget:
		ls.color = rgb(hexTarget)
		ls.dash = []float64{w, 3 * scale} // square dots
	default:
		others := [...]drawing.Color{rgb(0xE69F00), rgb(0x56B4E9), rgb(0xCC79A7), rgb(0xF0E442), th.ink}
		ls.color = others[otherIndex%len(others)]
	}
	return ls
}

// MonthlyChart describes a monthly time-series line chart.
type MonthlyChart struct {
	Title      string
	FirstYear  int        // year of Values[0]
	FirstMonth time.Month // month of Values[0]
	Series     []Series
	// FormatY formats Y tick labels; nil means FormatCompact ("12.3k",
	// "1.2M", "-500").
	FormatY       func(float64) string
	Width, Height int // pixels
	// Scale is the device pixel ratio; 1 = 96 dpi. Font sizes and line
	// widths are multiplied by it. 0 means 1.
	Scale float64
	// Dark selects the dark theme: dark background, light text and grid.
	Dark bool
	// EmptyText is drawn centred when there is nothing to plot; default
	// "No data yet".
	EmptyText string

	// Bands are shaded intervals drawn under the lines, in order, aligned
	// to the same month index as the Series values; the Y range includes
	// them. Each band gets a filled swatch in the legend.
	Bands []Band
	// ShowDivider draws a vertical dashed rule between months DividerAt-1
	// and DividerAt (e.g. where history ends and the forecast begins),
	// labelled DividerLabel above the plot. It is only drawn when
	// 0 < DividerAt < number of months.
	ShowDivider bool
	DividerAt   int
	// DividerLabel is the divider's label; "" means DefaultDividerLabel
	// ("Forecast →").
	DividerLabel string
}

// Monthly renders a monthly line chart of exactly c.Width × c.Height pixels
// (clamped to 1…8192 per side; below 50 pixels the image is plain
// background). The X axis is the month index with labels like "Jan 24" at
// calendar boundaries spaced so they never overlap; the Y axis has 5–7 nice
// ticks and always includes zero. NaN gaps split a line; an isolated value
// is drawn as a dot. Bands are filled translucently under the lines and
// the Y range covers them too; with ShowDivider a dashed vertical rule
// marks where the forecast begins. A legend showing colour and dash
// pattern (and a filled swatch per band) is added when there is more than
// one series or band. Monthly never returns nil and never panics; if
// nothing is finite, the image shows c.EmptyText.
func (rd *Renderer) Monthly(c MonthlyChart) image.Image {
	return rd.render(monthlyPlot(c))
}

// monthlyPlot turns c into a plot description.
func monthlyPlot(c MonthlyChart) plot {
	p := framePlot(c.Title, c.Width, c.Height, c.Scale, c.Dark, c.EmptyText)
	p.formatY = c.FormatY
	p.normalise()
	th := themeFor(c.Dark)

	lo, hi, finite := 0.0, 0.0, false // zero is always in range
	for _, s := range c.Series {
		p.slots = max(p.slots, len(s.Values))
		for _, v := range s.Values {
			if plottable(v) {
				lo, hi, finite = math.Min(lo, v), math.Max(hi, v), true
			}
		}
	}
	for _, b := range c.Bands {
		p.slots = max(p.slots, b.months())
		for i := range b.months() {
			if blo, bhi, ok := b.at(i); ok {
				lo, hi, finite = math.Min(lo, blo), math.Max(hi, bhi), true
			}
		}
	}
	p.empty = !finite
	p.yLo, p.yHi = lo, hi
	if p.empty {
		return p
	}

	type styled struct {
		Series
		style lineStyle
	}
	all := make([]styled, len(c.Series))
	others := 0
	for i, s := range c.Series {
		all[i] = styled{Series: s, style: s.Role.lineStyle(others, p.scale, th)}
		if s.Role.drawOrder() == 0 {
			others++
		}
		name := s.Name
		if name == "" {
			name = s.Role.String()
		}
		p.legend = append(p.legend, legendEntry{
			name:    name,
			style:   all[i].style,
			dotOnly: onlyIsolated(s.Values),
			dotR:    dotR * p.scale,
			// A lone line that is not the actual figures (a budget, a
			// target) is named: it could be taken for the actuals.
			explain: s.Role != RoleActual,
		})
	}
	// Bands go under everything else, in the order given.
	bandColours := make([]drawing.Color, len(c.Bands))
	for i, b := range c.Bands {
		bandColours[i] = b.Role.lineStyle(0, p.scale, th).color
	}
	for i, b := range c.Bands {
		name := b.Name
		if name == "" {
			name = "Range"
		}
		p.legend = append(p.legend, legendEntry{
			name:   name,
			swatch: true,
			fill:   bandSwatch(c.Bands, i, bandColours, th, c.Dark),
		})
		fill := bandColours[i]
		fill.A = uint8(math.Round(b.alpha(c.Dark) * 255))
		p.layers = append(p.layers, bandLayer{band: b, color: fill, slots: p.slots, scale: p.scale})
	}
	if c.ShowDivider && c.DividerAt > 0 && c.DividerAt < p.slots {
		p.hasDivider = true
		p.dividerAt = float64(c.DividerAt) - 0.5
		p.dividerLabel = c.DividerLabel
		if p.dividerLabel == "" {
			p.dividerLabel = DefaultDividerLabel
		}
		p.layers = append(p.layers, dividerLayer{
			at:    p.dividerAt,
			width: max(1, p.px(1)),
			dash:  max(1, p.px(4)),
			color: th.axis,
		})
	}

	// Draw actual figures last so they sit on top; ties keep input order.
	sort.SliceStable(all, func(i, j int) bool {
		return all[i].Role.drawOrder() < all[j].Role.drawOrder()
	})
	for _, s := range all {
		p.layers = append(p.layers, lineLayers(s.Name, s.Values, s.style, dotR*p.scale)...)
	}

	first := c.FirstMonth
	if first < time.January || first > time.December {
		first = time.January
	}
	p.xLabels = func(plotWidth int, ts textStyle) []xLabel {
		return monthLabels(p.slots, c.FirstYear, first, float64(plotWidth), p.scale, ts)
	}
	return p
}

// monthLabels chooses the labelled months for n months drawn over
// plotWidth pixels.
func monthLabels(n, firstYear int, firstMonth time.Month, plotWidth, scale float64, ts textStyle) []xLabel {
	widest := 0
	for m := range 12 {
		widest = max(widest, ts.width(monthLabel(firstYear, firstMonth, m)))
	}
	spacing := math.Max(minLabel*scale, float64(widest)+10*scale)
	step := monthStep(plotWidth/float64(n), spacing)
	idx := monthTickIndexes(n, firstYear, firstMonth, step)
	labels := make([]xLabel, len(idx))
	for i, m := range idx {
		labels[i] = xLabel{at: float64(m), text: monthLabel(firstYear, firstMonth, m)}
	}
	return labels
}

// lineLayers splits values at missing points into go-chart series: runs of
// two or more points become lines, isolated points become dots (go-chart
// cannot draw a one-point line).
func lineLayers(name string, values []float64, ls lineStyle, radius float64) []chart.Series {
	var layers []chart.Series
	emit := func(start, end int) { // values[start:end] are all finite
		if end <= start {
			return
		}
		xs := make([]float64, 0, end-start)
		ys := make([]float64, 0, end-start)
		for i := start; i < end; i++ {
			xs = append(xs, float64(i))
			ys = append(ys, values[i])
		}
		style := ls.chartStyle()
		if len(xs) == 1 {
			style.StrokeWidth = 0.01 // nothing to stroke; 0 would inherit go-chart's default
			style.DotColor = ls.color
			style.DotWidth = radius
		}
		layers = append(layers, chart.ContinuousSeries{Name: name, Style: style, XValues: xs, YValues: ys})
	}
	start := -1
	for i, v := range values {
		switch {
		case plottable(v) && start < 0:
			start = i
		case !plottable(v) && start >= 0:
			emit(start, i)
			start = -1
		}
	}
	if start >= 0 {
		emit(start, len(values))
	}
	return layers
}

// onlyIsolated reports whether values has finite points but no two of them
// adjacent, so the series shows as dots only.
func onlyIsolated(values []float64) bool {
	found := false
	for i, v := range values {
		if !plottable(v) {
			continue
		}
		found = true
		if i > 0 && plottable(values[i-1]) {
			return false
		}
	}
	return found
}
