package charts

import (
	"image"
	"math"

	"github.com/wcharczuk/go-chart/v2"
)

// HBarChart describes a horizontal bar chart, e.g. a top-N list of
// products or customers.
type HBarChart struct {
	Title string
	// Labels names the bars; Labels[i] belongs to Values[i]. Missing labels
	// are blank, extra labels are ignored. Labels are shortened with an
	// ellipsis to fit the label column (at most 40 % of the width).
	Labels []string
	// Values are the bar lengths, drawn top to bottom in the order given.
	// Negative values extend to the left of the zero line. NaN (like ±Inf
	// and values beyond ±1e300) shows no bar and "–" as its value.
	Values []float64
	// FormatValue formats the value printed at the end of each bar; nil
	// means FormatCompact.
	FormatValue   func(float64) string
	Width, Height int     // pixels
	Scale         float64 // device pixel ratio; 0 means 1
	Dark          bool    // dark theme
	// EmptyText is drawn centred when there is nothing to plot; default
	// "No data yet".
	EmptyText string
}

// Base sizes of row-based charts at Scale 1.
const (
	rowMaxH   = 34.0 // tallest row
	barFrac   = 0.62 // bar thickness as a fraction of the row height
	columnGap = 10.0 // between a label column and the bars
	valueGap  = 6.0  // between a bar and its value text
)

// HBars renders a horizontal bar chart of exactly c.Width × c.Height
// pixels (with the same size rules as Monthly): one row per value, top to
// bottom in the order given, its label on the left and its formatted value
// at the end of the bar. Bars grow from a vertical zero line; negative
// values extend to its left. Rows that do not fit are summarised as
// "… +k" in the last row. HBars never returns nil and never panics.
func (rd *Renderer) HBars(c HBarChart) image.Image {
	p := valuesPlot(c.Title, c.Width, c.Height, c.Scale, c.Dark, c.EmptyText, c.Values)
	return rd.renderSheet(p, func(p *plot, th theme, area image.Rectangle) (sheetDraw, bool) {
		lay, ok := rd.layoutHBars(c, p, area)
		if !ok {
			return nil, false
		}
		return func(r chart.Renderer) { lay.draw(r, p, th) }, true
	})
}

// hbarsLayout is where everything of a horizontal bar chart goes.
type hbarsLayout struct {
	label textStyle
	rows  []hbarRow
	zeroX int
	top   int // of the first row
	bot   int // of the last row

	more                string // "… +k" for rows left out; "" = none
	moreX, moreBaseline int
}

type hbarRow struct {
	label    string
	labelX   int
	baseline int
	bar      image.Rectangle // empty when the value is missing
	value    string
	valueX   int
	missing  bool
}

// layoutHBars lays out c in area. It reports false if area is too small.
func (rd *Renderer) layoutHBars(c HBarChart, p *plot, area image.Rectangle) (hbarsLayout, bool) {
	var lay hbarsLayout
	ts := textStyle{rd.regular, labelEm * p.scale}
	lay.label = ts
	capH, desc := rd.capPx(ts), rd.descentPx(ts)
	n := len(c.Values)
	shown, rowH, ok := rowFit(n, area.Dy(), capH+desc+p.px(8), p.px(rowMaxH))
	if !ok {
		return lay, false
	}
	format := c.FormatValue
	if format == nil {
		format = FormatCompact
	}

	// Label column.
	labels := make([]string, shown)
	copy(labels, c.Labels)
	labelW := 0
	for _, l := range labels {
		labelW = max(labelW, ts.width(l))
	}
	labelW = min(labelW, area.Dx()*2/5)
	x0 := area.Min.X
	if labelW > 0 {
		x0 += labelW + p.px(columnGap)
	}
	x1 := area.Max.X
	if x1-x0 < p.px(24) {
		return lay, false
	}

	// Value texts and the extent of the data.
	values := c.Values[:shown]
	texts := make([]string, shown)
	pos, neg := 0.0, 0.0 // largest value and largest magnitude below zero
	wPos, wNeg := -1, -1 // widest text right of / left of the bars; -1 none
	for i, v := range values {
		if !plottable(v) {
			texts[i] = "–"
			wPos = max(wPos, ts.width(texts[i]))
			continue
		}
		texts[i] = safeFormat(format, v)
		if v < 0 {
			neg = math.Max(neg, -v)
			wNeg = max(wNeg, ts.width(texts[i]))
		} else {
			pos = math.Max(pos, v)
			wPos = max(wPos, ts.width(texts[i]))
		}
	}
	gap := p.px(valueGap)
	scale := func(wPos, wNeg int) (k float64, zero int, span int) {
		room := x1 - x0
		left := 0
		if wNeg >= 0 {
			left = wNeg + gap
			room -= left
		}
		if wPos >= 0 {
			room -= wPos + gap
		}
		if pos+neg > 0 {
			k = float64(room) / (pos + neg)
		}
		return k, x0 + left + int(math.Round(neg*k)), room
	}
	k, zero, span := scale(wPos, wNeg)
	withText := true
	if span < p.px(24) {
		// No room for the values: drop them rather than the bars.
		withText = false
		k, zero, span = scale(-1, -1)
		if span < p.px(24) {
			return lay, false
		}
	}
	lay.zeroX = zero

	lay.top = area.Min.Y
	thick := max(1, int(math.Round(float64(rowH)*barFrac)))
	for i, v := range values {
		top := area.Min.Y + i*rowH
		centre := top + rowH/2
		row := hbarRow{baseline: centre + capH/2}
		row.label = ts.fit(labels[i], labelW)
		row.labelX = x0 - p.px(columnGap) - ts.width(row.label)
		by := centre - thick/2
		if plottable(v) {
			length := int(math.Round(math.Abs(v) * k))
			if length == 0 && v != 0 {
				length = 1 // a tiny non-zero value still shows
			}
			if v < 0 {
				row.bar = image.Rect(zero-length, by, zero, by+thick)
			} else {
				row.bar = image.Rect(zero, by, zero+length, by+thick)
			}
		} else {
			row.missing = true
		}
		if withText {
			row.value = texts[i]
			if plottable(v) && v < 0 {
				row.valueX = zero - int(math.Round(-v*k)) - gap - ts.width(row.value)
			} else {
				row.valueX = zero + row.bar.Dx() + gap
			}
		}
		lay.rows = append(lay.rows, row)
		lay.bot = top + rowH
	}
	if shown < n {
		lay.more = moreText(n - shown)
		lay.moreBaseline = lay.bot + rowH/2 + capH/2
		lay.moreX = x0 - p.px(columnGap) - ts.width(lay.more)
		if labelW == 0 {
			lay.moreX = x0
		}
	}
	return lay, true
}

func (lay hbarsLayout) draw(r chart.Renderer, p *plot, th theme) {
	bar := rgb(hexActual)
	for _, row := range lay.rows {
		fillRect(r, row.bar.Min.X, row.bar.Min.Y, row.bar.Max.X, row.bar.Max.Y, bar)
	}
	// The zero line over the bars' root.
	lw := max(1, p.px(1))
	fillRect(r, lay.zeroX-lw/2, lay.top, lay.zeroX-lw/2+lw, lay.bot, th.axis)
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
