package charts

import (
	"image"

	"github.com/wcharczuk/go-chart/v2"
)

// CompareChart describes horizontal bars of several members against a
// reference value, e.g. each rep's proposal → order rate against the
// team median, or each rep's quota attainment against 100 %: one row per
// member, then a row for the reference, and a dotted vertical line at the
// reference across all rows.
type CompareChart struct {
	Title string
	// Labels name the rows (Labels[i] belongs to Values[i]); mark a row
	// that needs attention in its label as well (e.g. "TB !"), since the
	// bar colour is not the only sign.
	Labels []string
	// Values are the bar lengths, top to bottom; NaN shows no bar and "–".
	Values []float64
	// Flagged rows are drawn in the warning colour (vermillion); Flagged[i]
	// belongs to Values[i].
	Flagged []bool
	// Reference is the value the members are compared with, drawn as the
	// last row (labelled ReferenceLabel, in the target colour) and as a
	// dotted line; NaN draws neither.
	Reference      float64
	ReferenceLabel string
	// FormatValue formats the values at the ends of the bars; nil means
	// FormatCompact.
	FormatValue   func(float64) string
	Width, Height int
	Scale         float64
	Dark          bool
	EmptyText     string
}

// Compare renders a CompareChart of exactly c.Width × c.Height pixels
// (with the size rules of Monthly). It never returns nil and never panics.
func (rd *Renderer) Compare(c CompareChart) image.Image {
	labels := append([]string(nil), c.Labels...)
	for len(labels) < len(c.Values) {
		labels = append(labels, "")
	}
	labels = labels[:len(c.Values)]
	values := append([]float64(nil), c.Values...)
	withRef := plottable(c.Reference)
	if withRef {
		labels = append(labels, c.ReferenceLabel)
		values = append(values, c.Reference)
	}
	h := HBarChart{Title: c.Title, Labels: labels, Values: values, FormatValue: c.FormatValue, EmptyText: c.EmptyText}
	p := valuesPlot(c.Title, c.Width, c.Height, c.Scale, c.Dark, c.EmptyText, c.Values)
	return rd.renderSheet(p, func(p *plot, th theme, area image.Rectangle) (sheetDraw, bool) {
		lay, ok := rd.layoutHBars(h, p, area)
		if !ok {
			return nil, false
		}
		return func(r chart.Renderer) { drawCompare(r, p, th, lay, c.Flagged, withRef) }, true
	})
}

// drawCompare draws the bars in their colours, the zero line, the dotted
// reference line and the texts.
func drawCompare(r chart.Renderer, p *plot, th theme, lay hbarsLayout, flagged []bool, withRef bool) {
	n := len(lay.rows)
	refRow := -1
	if withRef && n > 0 && len(lay.more) == 0 {
		refRow = n - 1
	}
	for i, row := range lay.rows {
		c := rgb(hexActual)
		switch {
		case i == refRow:
			c = rgb(hexTarget)
		case i < len(flagged) && flagged[i]:
			c = rgb(hexForecast)
		}
		fillRect(r, row.bar.Min.X, row.bar.Min.Y, row.bar.Max.X, row.bar.Max.Y, c)
	}
	lw := max(1, p.px(1))
	fillRect(r, lay.zeroX-lw/2, lay.top, lay.zeroX-lw/2+lw, lay.bot, th.axis)
	if refRow >= 0 && !lay.rows[refRow].missing {
		b := lay.rows[refRow].bar
		x := b.Max.X
		if b.Min.X < lay.zeroX {
			x = b.Min.X
		}
		dot, gap := max(2, p.px(3)), max(2, p.px(3))
		for y := lay.top; y < lay.bot; y += dot + gap {
			fillRect(r, x-lw/2, y, x-lw/2+lw, min(y+dot, lay.bot), rgb(hexTarget))
		}
	}
	for _, row := range lay.rows {
		drawText(r, lay.label, th.text, row.label, row.labelX, row.baseline)
		c := th.text
		if row.missing {
			c = th.muted
		}
		drawText(r, lay.label, c, row.value, row.valueX, row.baseline)
	}
	drawText(r, lay.label, th.muted, lay.more, lay.moreX, lay.moreBaseline)
}
