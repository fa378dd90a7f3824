package charts

import (
	"image"
	"math"

	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// BarChart describes a categorical bar chart, e.g. seasonality by month or
// the top N products.
type BarChart struct {
	Title string
	// Labels names the bars; Labels[i] belongs to Values[i]. Missing labels
	// are blank, extra labels are ignored.
	Labels []string
	// Values are the bar heights; NaN (like ±Inf and values beyond
	// ±1e300) leaves a gap.
	Values []float64
	// FormatY formats Y tick labels; nil means FormatCompact.
	FormatY       func(float64) string
	Width, Height int     // pixels
	Scale         float64 // device pixel ratio; 0 means 1
	Dark          bool    // dark theme
	// EmptyText is drawn centred when there is nothing to plot; default
	// "No data yet".
	EmptyText string
}

// Bars renders a bar chart of exactly c.Width × c.Height pixels (with the
// same size rules as Monthly). Bars grow from zero, so negative values hang
// below the zero line; the Y range always includes zero and has 5–7 nice
// ticks. Category labels are centred under their bars and shortened with an
// ellipsis (or thinned out) when the bars are too narrow for them. Bars
// never returns nil and never panics.
func (rd *Renderer) Bars(c BarChart) image.Image {
	return rd.render(barsPlot(c))
}

// barsPlot turns c into a plot description.
func barsPlot(c BarChart) plot {
	p := framePlot(c.Title, c.Width, c.Height, c.Scale, c.Dark, c.EmptyText)
	p.formatY, p.slots = c.FormatY, len(c.Values)
	p.normalise()

	lo, hi, finite := 0.0, 0.0, false
	for _, v := range c.Values {
		if plottable(v) {
			lo, hi, finite = math.Min(lo, v), math.Max(hi, v), true
		}
	}
	p.empty = !finite
	p.yLo, p.yHi = lo, hi
	if p.empty {
		return p
	}

	labels := make([]string, len(c.Values))
	copy(labels, c.Labels)
	p.layers = []chart.Series{barLayer{values: c.Values, color: rgb(hexActual)}}
	p.xLabels = func(plotWidth int, ts textStyle) []xLabel {
		return categoryLabels(labels, float64(plotWidth), p.scale, ts)
	}
	return p
}

// categoryLabels fits one label under each bar. If the bars are narrower
// than about 40 px (at scale 1) only every k-th label is shown, with k
// chosen so the shown ones get that much room; labels are shortened with an
// ellipsis to the room they have.
func categoryLabels(labels []string, plotWidth, scale float64, ts textStyle) []xLabel {
	n := len(labels)
	if n == 0 {
		return nil
	}
	slot := plotWidth / float64(n)
	gap := 6 * scale
	widest := 0
	for _, l := range labels {
		widest = max(widest, ts.width(l))
	}
	step := 1
	if need := math.Min(float64(widest)+gap, 40*scale); slot < need {
		step = int(math.Ceil(need / slot))
	}
	room := int(slot*float64(step) - gap)
	var out []xLabel
	for i := 0; i < n; i += step {
		if t := ts.fit(labels[i], room); t != "" {
			out = append(out, xLabel{at: float64(i), text: t})
		}
	}
	return out
}

// barLayer is a go-chart series that draws bars from zero.
type barLayer struct {
	values []float64
	color  drawing.Color
}

func (b barLayer) GetName() string           { return "" }
func (b barLayer) GetYAxis() chart.YAxisType { return chart.YAxisPrimary }
func (b barLayer) GetStyle() chart.Style     { return chart.Style{} }
func (b barLayer) Validate() error           { return nil }

func (b barLayer) Render(r chart.Renderer, box chart.Box, xr, yr chart.Range, _ chart.Style) {
	n := len(b.values)
	if n == 0 {
		return
	}
	slot := float64(box.Width()) / float64(n)
	half := max(int(math.Round(slot*0.34)), 1) // bars take ~68% of a slot
	zero := box.Bottom - yr.Translate(0)
	for i, v := range b.values {
		if !plottable(v) {
			continue
		}
		x := box.Left + xr.Translate(float64(i))
		y := box.Bottom - yr.Translate(v)
		y0, y1 := min(y, zero), max(y, zero)
		if y0 == y1 && v != 0 {
			// A tiny non-zero value still shows as a hairline.
			if v > 0 {
				y0--
			} else {
				y1++
			}
		}
		fillRect(r, x-half, y0, x+half, y1, b.color)
	}
}
