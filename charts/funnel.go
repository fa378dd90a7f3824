package charts

import (
	"image"
	"math"

	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// FunnelChart describes a sales-process funnel: one stage per row, top to
// bottom.
type FunnelChart struct {
	Title string
	// Stages names the stages; Stages[i] belongs to Values[i]. A stage
	// without a value shows "–".
	Stages []string
	// Values are the stage sizes (e.g. numbers of deals). Bar widths are
	// proportional to them relative to the largest, so a later stage
	// larger than an earlier one simply draws wider. NaN, ±Inf, values
	// beyond ±1e300 and values ≤ 0 get the narrowest bar.
	Values []float64
	// Notes[i] is printed between stage i and stage i+1, e.g.
	// "42.0 % → next"; a note for the last stage goes below it.
	Notes []string
	// Highlight is the index of the stage to mark as the bottleneck, or -1
	// for none (any index out of range means none). Note that the zero
	// value marks the first stage. The stage is drawn in vermillion
	// instead of blue and labelled with HighlightText, so the meaning is
	// not carried by colour alone.
	Highlight int
	// HighlightText labels the highlighted stage; "" means
	// DefaultHighlightText ("◀ bottleneck").
	HighlightText string
	// FormatValue formats the value printed in each bar; nil means
	// FormatCompact.
	FormatValue   func(float64) string
	Width, Height int     // pixels
	Scale         float64 // device pixel ratio; 0 means 1
	Dark          bool    // dark theme
	// EmptyText is drawn centred when there is nothing to plot; default
	// "No data yet".
	EmptyText string
}

// DefaultHighlightText marks the highlighted stage of a funnel when
// FunnelChart.HighlightText is empty.
const DefaultHighlightText = "◀ bottleneck"

// Base sizes of the funnel at Scale 1.
const (
	funnelBarMaxH = 44.0 // tallest stage bar
	funnelBarPad  = 10.0 // room either side of the value inside a bar
)

// Funnel renders a funnel of exactly c.Width × c.Height pixels (with the
// same size rules as Monthly): a centred bar per stage whose width is
// proportional to its value (but never narrower than its value text),
// joined to the next stage by a shaded trapezoid carrying the stage's
// note. Stage names are in a column on the left, values inside the bars.
// The highlighted stage is vermillion and marked with c.HighlightText.
// Funnel never returns nil and never panics.
func (rd *Renderer) Funnel(c FunnelChart) image.Image {
	p := valuesPlot(c.Title, c.Width, c.Height, c.Scale, c.Dark, c.EmptyText, c.Values)
	return rd.renderSheet(p, func(p *plot, th theme, area image.Rectangle) (sheetDraw, bool) {
		lay, ok := rd.layoutFunnel(c, p, th, area)
		if !ok {
			return nil, false
		}
		return func(r chart.Renderer) { lay.draw(r, th) }, true
	})
}

// funnelLayout is where everything of a funnel goes.
type funnelLayout struct {
	label, value textStyle
	stages       []funnelStage
	connector    drawing.Color
	// highlighted is the index of the highlighted stage, -1 for none.
	highlighted int
	marker      string
	markerX     int

	more                string // "… +k" for stages left out; "" = none
	moreX, moreBaseline int
}

type funnelStage struct {
	bar       image.Rectangle
	color     drawing.Color
	name      string
	nameX     int
	baseline  int // of the name, value and marker
	value     string
	valueX    int
	valueInk  drawing.Color
	note      string // below the bar
	noteX     int
	noteBase  int
	nextTop   int // top of the next bar (for the connector); 0 = none
	nextLeft  int
	nextRight int
}

// layoutFunnel lays out c in area. It reports false if area is too small.
func (rd *Renderer) layoutFunnel(c FunnelChart, p *plot, th theme, area image.Rectangle) (funnelLayout, bool) {
	lay := funnelLayout{highlighted: -1}
	ts := textStyle{rd.regular, labelEm * p.scale}
	vs := textStyle{rd.bold, labelEm * p.scale}
	lay.label, lay.value = ts, vs
	capH, desc := rd.capPx(ts), rd.descentPx(ts)
	lineH := capH + desc
	n := max(len(c.Stages), len(c.Values))
	if n == 0 {
		return lay, false
	}
	format := c.FormatValue
	if format == nil {
		format = FormatCompact
	}
	names := make([]string, n)
	copy(names, c.Stages)
	notes := make([]string, n)
	copy(notes, c.Notes)
	values := make([]float64, n)
	texts := make([]string, n)
	top := 0.0
	valueW := 0
	for i := range n {
		values[i] = math.NaN()
		texts[i] = "–"
		if i < len(c.Values) && plottable(c.Values[i]) {
			values[i] = c.Values[i]
			texts[i] = safeFormat(format, values[i])
			top = math.Max(top, values[i])
		}
		valueW = max(valueW, vs.width(texts[i]))
	}

	// Vertical: bars of height bh; between them gaps that hold the notes.
	// Stages that do not fit are counted in a "… +k" note below the last
	// one shown.
	hasNotes := false
	for _, s := range notes {
		hasNotes = hasNotes || s != ""
	}
	gapH := p.px(10)
	if hasNotes {
		gapH = max(gapH, lineH+p.px(8))
	}
	tailH := max(gapH, lineH+p.px(8)) // below the last stage shown
	gaps := func(k int) int {
		g := (k - 1) * gapH
		if k < n || notes[k-1] != "" {
			g += tailH
		}
		return g
	}
	bhMin := lineH + p.px(8)
	shown := n
	for shown > 0 && shown*bhMin+gaps(shown) > area.Dy() {
		shown--
	}
	if shown == 0 {
		return lay, false
	}
	bh := min((area.Dy()-gaps(shown))/shown, p.px(funnelBarMaxH))
	if shown < n {
		names, notes, values, texts = names[:shown], notes[:shown], values[:shown], texts[:shown]
		lay.more = moreText(n - shown)
		top, valueW = 0, 0
		for i, v := range values {
			if plottable(v) {
				top = math.Max(top, v)
			}
			valueW = max(valueW, vs.width(texts[i]))
		}
	}

	// Horizontal: names | funnel | marker.
	nameW := 0
	for _, s := range names {
		nameW = max(nameW, ts.width(s))
	}
	nameW = min(nameW, area.Dx()*3/10)
	mx0 := area.Min.X
	if nameW > 0 {
		mx0 += nameW + p.px(columnGap)
	}
	mx1 := area.Max.X
	if c.Highlight >= 0 && c.Highlight < shown {
		lay.highlighted = c.Highlight
		lay.marker = c.HighlightText
		if lay.marker == "" {
			lay.marker = DefaultHighlightText
		}
		mx1 -= vs.width(lay.marker) + p.px(valueGap)
	}
	minW := valueW + 2*p.px(funnelBarPad)
	maxW := mx1 - mx0
	if maxW < minW {
		if lay.highlighted < 0 {
			return lay, false
		}
		// Shorten the marker to make room, down to its first character.
		mx1 = area.Max.X - vs.width("◀") - p.px(valueGap)
		maxW = mx1 - mx0
		if maxW < minW {
			return lay, false
		}
	}
	cx := mx0 + maxW/2

	lay.connector = blend(th.background, rgb(hexActual), 0.14)
	if p.dark {
		lay.connector = blend(th.background, rgb(hexActual), 0.28)
	}
	y := area.Min.Y
	for i := range shown {
		w := minW
		if plottable(values[i]) && values[i] > 0 && top > 0 {
			w = max(minW, int(math.Round(float64(maxW)*values[i]/top)))
		}
		st := funnelStage{
			bar:   image.Rect(cx-w/2, y, cx-w/2+w, y+bh),
			color: rgb(hexActual),
		}
		if i == lay.highlighted {
			st.color = rgb(hexForecast)
		}
		st.baseline = y + bh/2 + capH/2
		st.name = ts.fit(names[i], nameW)
		st.nameX = mx0 - p.px(columnGap) - ts.width(st.name)
		st.value = texts[i]
		st.valueX = cx - vs.width(st.value)/2
		st.valueInk = textOn(st.color)
		y += bh
		gh := gapH
		if i == shown-1 {
			gh = tailH
		}
		if i < shown-1 || notes[i] != "" {
			room := 2 * min(cx-area.Min.X, area.Max.X-cx)
			st.note = ts.fit(notes[i], room)
			st.noteX = cx - ts.width(st.note)/2
			st.noteBase = y + (gh-lineH)/2 + capH
		}
		if lay.more != "" && i == shown-1 {
			lay.moreBaseline = y + (gh-lineH)/2 + capH
			lay.moreX = mx0 - p.px(columnGap) - ts.width(lay.more)
			if nameW == 0 {
				lay.moreX = area.Min.X
			}
		}
		y += gh
		lay.stages = append(lay.stages, st)
	}
	for i := range shown - 1 {
		next := lay.stages[i+1].bar
		lay.stages[i].nextTop, lay.stages[i].nextLeft, lay.stages[i].nextRight = next.Min.Y, next.Min.X, next.Max.X
	}
	if h := lay.highlighted; h >= 0 {
		st := lay.stages[h]
		lay.markerX = st.bar.Max.X + p.px(valueGap)
		lay.marker = vs.fit(lay.marker, area.Max.X-lay.markerX)
	}
	return lay, true
}

func (lay funnelLayout) draw(r chart.Renderer, th theme) {
	for _, st := range lay.stages {
		if st.nextTop > 0 {
			fillPolygon(r, [][2]int{
				{st.bar.Min.X, st.bar.Max.Y}, {st.bar.Max.X, st.bar.Max.Y},
				{st.nextRight, st.nextTop}, {st.nextLeft, st.nextTop},
			}, lay.connector)
		}
	}
	for _, st := range lay.stages {
		fillRect(r, st.bar.Min.X, st.bar.Min.Y, st.bar.Max.X, st.bar.Max.Y, st.color)
		drawText(r, lay.label, th.text, st.name, st.nameX, st.baseline)
		drawText(r, lay.value, st.valueInk, st.value, st.valueX, st.baseline)
		drawText(r, lay.label, th.text, st.note, st.noteX, st.noteBase)
	}
	if h := lay.highlighted; h >= 0 && h < len(lay.stages) {
		drawText(r, lay.value, rgb(hexForecast), lay.marker, lay.markerX, lay.stages[h].baseline)
	}
	drawText(r, lay.label, th.muted, lay.more, lay.moreX, lay.moreBaseline)
}
