package charts

import (
	"image"
	"math"
	"strings"
	"time"

	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// TimelineChart describes a Gantt-like chart of items over a window of
// months.
type TimelineChart struct {
	Title      string
	FirstYear  int        // year of month index 0
	FirstMonth time.Month // month of month index 0; out of range means January
	// Months is the number of months shown, indexes 0…Months-1 (at most
	// 12000).
	Months int
	// Items are drawn one per row, top to bottom in the order given.
	Items         []TimelineItem
	Width, Height int     // pixels
	Scale         float64 // device pixel ratio; 0 means 1
	Dark          bool    // dark theme
	// EmptyText is drawn centred when there is nothing to plot (no months
	// or no items); default "No data yet".
	EmptyText string
}

// TimelineItem is one bar of a timeline.
type TimelineItem struct {
	Label string
	// Start and End are month indexes (0 = FirstYear/FirstMonth), both
	// inclusive, in either order. They may lie outside 0…Months-1: the bar
	// is clipped to the window and ends in an arrow point on the clipped
	// side; an item entirely outside the window is shown as an arrow at
	// the window's edge with its dates.
	Start, End int
}

// maxTimelineMonths bounds TimelineChart.Months (a thousand years).
const maxTimelineMonths = 12000

// Timeline renders a timeline of exactly c.Width × c.Height pixels (with
// the same size rules as Monthly): labels on the left, one bar per item
// spanning its months (from the start of the first to the end of the
// last), vertical grid lines at the labelled months, and month labels
// like the monthly chart's ("Jan 24") at calendar boundaries spaced so
// they never overlap. The dates of an item are printed in its bar when
// they fit. Rows that do not fit are summarised as "… +k". Timeline never
// returns nil and never panics.
func (rd *Renderer) Timeline(c TimelineChart) image.Image {
	p := framePlot(c.Title, c.Width, c.Height, c.Scale, c.Dark, c.EmptyText)
	p.empty = c.Months <= 0 || len(c.Items) == 0
	return rd.renderSheet(p, func(p *plot, th theme, area image.Rectangle) (sheetDraw, bool) {
		lay, ok := rd.layoutTimeline(c, p, area)
		if !ok {
			return nil, false
		}
		return func(r chart.Renderer) { lay.draw(r, p, th) }, true
	})
}

// timelineLayout is where everything of a timeline goes.
type timelineLayout struct {
	label textStyle
	plot  image.Rectangle // the bars area, above the month axis
	rows  []timelineRow
	ticks []timelineTick
	// xBaseline is the baseline of the month labels.
	xBaseline int

	more                string
	moreX, moreBaseline int
}

type timelineTick struct {
	x     int // the boundary before the month
	text  string
	textX int
}

type timelineRow struct {
	label    string
	labelX   int
	baseline int
	// label2 is the label's second line when it is wrapped ("" = none);
	// label then sits on labelBaseline above it.
	label2                        string
	label2X                       int
	labelBaseline, label2Baseline int
	// shape is the bar outline: a rectangle, or with arrow points on
	// clipped sides, or a lone arrow for an item outside the window.
	shape [][2]int
	// dates is printed in the bar (white) or, for an item outside the
	// window, beside the arrow (muted).
	dates   string
	datesX  int
	outside bool
	// knockout is cleared to the background before the dates of an item
	// outside the window are printed, so grid lines do not cross them.
	knockout image.Rectangle
}

// layoutTimeline lays out c in area. It reports false if area is too
// small.
func (rd *Renderer) layoutTimeline(c TimelineChart, p *plot, area image.Rectangle) (timelineLayout, bool) {
	var lay timelineLayout
	ts := textStyle{rd.regular, labelEm * p.scale}
	lay.label = ts
	capH, desc := rd.capPx(ts), rd.descentPx(ts)
	months := min(c.Months, maxTimelineMonths)
	first := c.FirstMonth
	if first < time.January || first > time.December {
		first = time.January
	}

	axisH := p.px(tickLen) + p.px(6) + capH + desc
	rowsH := area.Dy() - axisH
	n := len(c.Items)
	shown, rowH, ok := rowFit(n, rowsH, capH+desc+p.px(8), p.px(rowMaxH))
	if !ok {
		return lay, false
	}

	labelW := 0
	for _, it := range c.Items[:shown] {
		labelW = max(labelW, ts.width(it.Label))
	}
	labelW = min(labelW, area.Dx()*7/20)
	x0 := area.Min.X
	if labelW > 0 {
		x0 += labelW + p.px(columnGap)
	}
	x1 := area.Max.X
	if x1-x0 < p.px(40) {
		return lay, false
	}
	rowsUsed := shown * rowH
	if shown < n {
		rowsUsed += rowH
	}
	lay.plot = image.Rect(x0, area.Min.Y, x1, area.Min.Y+rowsUsed)
	slot := float64(x1-x0) / float64(months)
	bx := func(i int) int { return x0 + int(math.Round(float64(i)*slot)) } // boundary before month i

	// Month labels: left-aligned just right of the boundary they start at,
	// spaced like the monthly chart's.
	lay.xBaseline = lay.plot.Max.Y + p.px(tickLen) + p.px(6) + capH
	for _, l := range monthLabels(months, c.FirstYear, first, float64(x1-x0), p.scale, ts) {
		i := int(l.at)
		t := timelineTick{x: bx(i), text: l.text}
		t.textX = t.x + p.px(4)
		if t.textX+ts.width(t.text) > p.width-p.px(2) {
			continue // would run off the image
		}
		lay.ticks = append(lay.ticks, t)
	}

	thick := max(2, int(math.Round(float64(rowH)*barFrac)))
	for i, it := range c.Items[:shown] {
		rowTop := area.Min.Y + i*rowH
		centre := rowTop + rowH/2
		row := timelineRow{baseline: centre + capH/2}
		row.label = ts.fit(it.Label, labelW)
		row.labelBaseline = row.baseline
		// A label too long for its column wraps to a second line where the
		// row has room for two, rather than losing its end.
		step := capH + desc + p.px(2)
		if row.label != it.Label && rowH >= 2*step+p.px(2) {
			if first, rest, ok := splitAtSpace(ts, it.Label, labelW); ok {
				row.label, row.label2 = first, ts.fit(rest, labelW)
				row.labelBaseline = centre + capH/2 - step/2
				row.label2Baseline = row.labelBaseline + step
				row.label2X = x0 - p.px(columnGap) - ts.width(row.label2)
			}
		}
		row.labelX = x0 - p.px(columnGap) - ts.width(row.label)
		s, e := min(it.Start, it.End), max(it.Start, it.End)
		top, bot := centre-thick/2, centre-thick/2+thick
		tip := max(1, thick/2)
		dates := monthLabel(c.FirstYear, first, s)
		if e != s {
			dates += " – " + monthLabel(c.FirstYear, first, e)
		}
		switch {
		case e < 0: // entirely before the window
			row.outside = true
			row.shape = [][2]int{{x0, centre}, {x0 + tip + 1, top}, {x0 + tip + 1, bot}}
			row.dates = ts.fit(dates, x1-x0-tip-p.px(valueGap)-1)
			row.datesX = x0 + tip + 1 + p.px(valueGap)
		case s > months-1: // entirely after it
			row.outside = true
			row.shape = [][2]int{{x1, centre}, {x1 - tip - 1, bot}, {x1 - tip - 1, top}}
			row.dates = ts.fit(dates, x1-x0-tip-p.px(valueGap)-1)
			row.datesX = x1 - tip - 1 - p.px(valueGap) - ts.width(row.dates)
		default:
			l, r := bx(max(s, 0)), bx(min(e, months-1)+1)
			if r-l < 1 {
				r = l + 1
			}
			tipL, tipR := 0, 0
			if s < 0 {
				tipL = min(tip, (r-l)/2)
			}
			if e > months-1 {
				tipR = min(tip, (r-l)/2)
			}
			row.shape = [][2]int{{l + tipL, top}, {r - tipR, top}}
			if tipR > 0 {
				row.shape = append(row.shape, [2]int{r, centre})
			}
			row.shape = append(row.shape, [2]int{r - tipR, bot}, [2]int{l + tipL, bot})
			if tipL > 0 {
				row.shape = append(row.shape, [2]int{l, centre})
			}
			// Dates inside the bar when they fit, in full.
			room := r - l - tipL - tipR - 2*p.px(valueGap)
			if w := ts.width(dates); w <= room && thick >= capH+desc+p.px(2) {
				row.dates = dates
				row.datesX = l + tipL + (r-l-tipL-tipR-w)/2
			}
		}
		if row.outside && row.dates != "" {
			g := p.px(3)
			row.knockout = image.Rect(row.datesX-g, row.baseline-capH-g, row.datesX+ts.width(row.dates)+g, row.baseline+desc+g)
		}
		lay.rows = append(lay.rows, row)
	}
	if shown < n {
		lay.more = moreText(n - shown)
		lay.moreBaseline = area.Min.Y + shown*rowH + rowH/2 + capH/2
		lay.moreX = x0 - p.px(columnGap) - ts.width(lay.more)
		if labelW == 0 {
			lay.moreX = x0
		}
	}
	return lay, true
}

func (lay timelineLayout) draw(r chart.Renderer, p *plot, th theme) {
	lw := max(1, p.px(1))
	pl := lay.plot
	for _, t := range lay.ticks {
		fillRect(r, t.x-lw/2, pl.Min.Y, t.x-lw/2+lw, pl.Max.Y, th.grid)
		fillRect(r, t.x-lw/2, pl.Max.Y, t.x-lw/2+lw, pl.Max.Y+p.px(tickLen)+p.px(2), th.axis)
		drawText(r, lay.label, th.text, t.text, t.textX, lay.xBaseline)
	}
	fillRect(r, pl.Min.X, pl.Max.Y-lw/2, pl.Max.X, pl.Max.Y-lw/2+lw, th.axis)

	bar := rgb(hexActual)
	ink := textOn(bar)
	for _, row := range lay.rows {
		drawText(r, lay.label, th.text, row.label, row.labelX, row.labelBaseline)
		drawText(r, lay.label, th.text, row.label2, row.label2X, row.label2Baseline)
		var dates drawing.Color
		if row.outside {
			k := row.knockout
			fillRect(r, k.Min.X, k.Min.Y, k.Max.X, k.Max.Y, th.background)
			fillPolygon(r, row.shape, th.muted)
			dates = th.muted
		} else {
			fillPolygon(r, row.shape, bar)
			dates = ink
		}
		drawText(r, lay.label, dates, row.dates, row.datesX, row.baseline)
	}
	drawText(r, lay.label, th.muted, lay.more, lay.moreX, lay.moreBaseline)
}

// splitAtSpace splits s at the last space before which it fits maxW: the
// first line and the rest. ok is false when no first word fits.
func splitAtSpace(ts textStyle, s string, maxW int) (first, rest string, ok bool) {
	cut := -1
	for i, r := range s {
		if r == ' ' && ts.width(s[:i]) <= maxW {
			cut = i
		}
	}
	if cut <= 0 {
		return "", "", false
	}
	return s[:cut], strings.TrimSpace(s[cut+1:]), true
}
