package charts

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strings"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"salesplan/assets"
)

// Renderer draws charts. It holds the parsed fonts and is read-only after
// NewRenderer returns, so a single Renderer is safe for concurrent use.
type Renderer struct {
	regular *truetype.Font
	bold    *truetype.Font

	// Vertical metrics of the regular font as fractions of the em size,
	// used to place text on a fixed baseline whatever glyphs it contains.
	capHeight float64
	descent   float64
}

// NewRenderer parses the embedded DejaVu Sans fonts and returns a Renderer.
func NewRenderer() (*Renderer, error) {
	regular, err := truetype.Parse(assets.FontRegular)
	if err != nil {
		return nil, fmt.Errorf("charts: parsing regular font: %w", err)
	}
	bold, err := truetype.Parse(assets.FontBold)
	if err != nil {
		return nil, fmt.Errorf("charts: parsing bold font: %w", err)
	}
	r := &Renderer{regular: regular, bold: bold}
	r.capHeight, r.descent = verticalMetrics(regular)
	return r, nil
}

// verticalMetrics returns the cap height (height of "H") and the descent
// (depth of the deepest of "gjpqy") of f as fractions of the em size,
// measured from the glyph outlines.
func verticalMetrics(f *truetype.Font) (capHeight, descent float64) {
	const em = 1000
	capHeight, descent = 0.73, 0.24 // DejaVu Sans, in case measuring fails
	var gb truetype.GlyphBuf
	load := func(r rune) (fixed.Rectangle26_6, bool) {
		err := gb.Load(f, fixed.Int26_6(em*64), f.Index(r), font.HintingNone)
		return gb.Bounds, err == nil
	}
	if b, ok := load('H'); ok {
		if h := float64(b.Max.Y) / 64 / em; h > 0.3 && h < 1.2 {
			capHeight = h
		}
	}
	deepest := 0.0
	for _, r := range "gjpqy" {
		if b, ok := load(r); ok {
			deepest = max(deepest, -float64(b.Min.Y)/64/em)
		}
	}
	if deepest > 0.05 && deepest < 0.6 {
		descent = deepest
	}
	return capHeight, descent
}

// chartDPI is the DPI handed to go-chart. Its raster renderer computes the
// em size in pixels as points × DPI / 64 (not / 72), so at 64 DPI a font
// size is simply the em size in pixels, which is what this package works in.
const chartDPI = 64

// Size limits. Below minSide pixels (either way) nothing legible fits and
// the image is a plain background; above maxSide a side is clamped to keep
// memory bounded (8192² RGBA is 256 MiB).
const (
	minSide = 50
	maxSide = 8192
)

// Base sizes in pixels at Scale 1; everything is multiplied by Scale.
const (
	labelEm  = 12.0 // tick labels and legend
	titleEm  = 14.0 // chart title (bold)
	emptyEm  = 14.0 // empty-state message
	padding  = 12.0 // outer margin
	lineW    = 2.0  // series line width
	dotR     = 3.5  // radius of the marker for isolated points
	tickLen  = 4.0  // X tick mark length
	sampleW  = 26.0 // legend line sample width
	minLabel = 60.0 // minimum distance between X labels
)

// theme holds the non-data colours of a chart.
type theme struct {
	background drawing.Color
	text       drawing.Color // tick labels and legend
	title      drawing.Color
	muted      drawing.Color // empty-state message
	grid       drawing.Color
	axis       drawing.Color // zero baseline and X tick marks
	ink        drawing.Color // neutral series colour, the palette's "black"
}

func themeFor(dark bool) theme {
	if dark {
		return theme{
			background: rgb(0x1C1C1E),
			text:       rgb(0xC7C7CC),
			title:      rgb(0xF2F2F7),
			muted:      rgb(0x8E8E93),
			grid:       rgb(0x3A3A3C),
			axis:       rgb(0x8E8E93),
			ink:        rgb(0xE5E5EA),
		}
	}
	return theme{
		background: rgb(0xFFFFFF),
		text:       rgb(0x4A4A4A),
		title:      rgb(0x1A1A1A),
		muted:      rgb(0x8A8A8A),
		grid:       rgb(0xE3E3E3),
		axis:       rgb(0x8C8C8C),
		ink:        rgb(0x000000),
	}
}

func rgb(hex uint32) drawing.Color {
	return drawing.Color{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 255}
}

// textStyle is a font at an em size in pixels.
type textStyle struct {
	font *truetype.Font
	em   float64
}

// width returns the advance width of s in pixels, the same way go-chart's
// raster renderer advances the pen (advance widths plus kerning).
func (ts textStyle) width(s string) int {
	if ts.font == nil || s == "" {
		return 0
	}
	scale := fixed.Int26_6(ts.em * 64)
	var w float64
	prev, hasPrev := truetype.Index(0), false
	for _, r := range s {
		i := ts.font.Index(r)
		if hasPrev {
			w += float64(ts.font.Kern(scale, prev, i)) / 64
		}
		w += float64(ts.font.HMetric(scale, i).AdvanceWidth) / 64
		prev, hasPrev = i, true
	}
	return int(math.Ceil(w))
}

// fit shortens s with a trailing ellipsis until it is at most maxW pixels
// wide. It returns "" if not even the ellipsis fits.
func (ts textStyle) fit(s string, maxW int) string {
	if ts.width(s) <= maxW {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := strings.TrimRight(string(rs[:n]), " ") + "…"
		if ts.width(t) <= maxW {
			return t
		}
	}
	if ts.width("…") <= maxW {
		return "…"
	}
	return ""
}

func (rd *Renderer) capPx(ts textStyle) int     { return int(math.Round(rd.capHeight * ts.em)) }
func (rd *Renderer) descentPx(ts textStyle) int { return int(math.Ceil(rd.descent * ts.em)) }

func drawText(r chart.Renderer, ts textStyle, c drawing.Color, s string, x, baseline int) {
	if s == "" {
		return
	}
	r.SetFont(ts.font)
	r.SetFontSize(ts.em)
	r.SetFontColor(c)
	r.Text(s, x, baseline)
}

// fillRect fills the pixel rectangle [x0, x1) × [y0, y1). Filling integer
// rectangles instead of stroking 1 px lines keeps thin rules crisp, because
// go-chart only takes integer coordinates and a stroked 1 px line on an
// integer coordinate is smeared over two pixel rows.
func fillRect(r chart.Renderer, x0, y0, x1, y1 int, c drawing.Color) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	r.SetFillColor(c)
	r.MoveTo(x0, y0)
	r.LineTo(x1, y0)
	r.LineTo(x1, y1)
	r.LineTo(x0, y1)
	r.Close()
	r.Fill()
}

// lineStyle is how a data series is drawn, shared by the plot and the
// legend sample.
type lineStyle struct {
	color drawing.Color
	width float64
	dash  []float64 // nil = solid
}

func (ls lineStyle) chartStyle() chart.Style {
	return chart.Style{
		StrokeColor:     ls.color,
		StrokeWidth:     ls.width,
		StrokeDashArray: ls.dash,
	}
}

// legendEntry is one item of a legend.
type legendEntry struct {
	name    string
	explain bool // shown even when it is the only entry
	style   lineStyle
	dotOnly bool // the series has only isolated points: show a marker
	dotR    float64
	swatch  bool          // a shaded band: show a filled swatch
	fill    drawing.Color // the swatch colour (opaque, as the band looks)
}

// xLabel is a labelled position on the X axis (in data units).
type xLabel struct {
	at   float64
	text string
}

// plot is the chart-type independent description of a chart, laid out and
// drawn by Renderer.render.
type plot struct {
	title         string
	width, height int
	scale         float64
	dark          bool
	emptyText     string
	formatY       func(float64) string

	empty    bool    // nothing to plot: draw emptyText
	yLo, yHi float64 // finite data extent, including any baseline
	slots    int     // X positions 0..slots-1; the X range is ±0.5 wider

	// xLabels picks the X labels once the plot width is known.
	xLabels func(plotWidth int, ts textStyle) []xLabel
	legend  []legendEntry
	// layers are the data series, drawn over the grid in order.
	layers []chart.Series

	// hasDivider adds a label above the plot at X position dividerAt (in
	// data units) for the vertical divider drawn by a layer.
	hasDivider   bool
	dividerAt    float64
	dividerLabel string
}

// normalise clamps sizes and scale and fills in defaults.
// framePlot starts a plot description from the frame every chart shares:
// title, pixel size, scale, theme and the empty-state text.
func framePlot(title string, width, height int, scale float64, dark bool, emptyText string) plot {
	return plot{title: title, width: width, height: height, scale: scale, dark: dark, emptyText: emptyText}
}

func (p *plot) normalise() {
	if !(p.scale > 0) || math.IsInf(p.scale, 0) {
		p.scale = 1
	}
	p.scale = min(max(p.scale, 0.25), 8)
	p.width = min(max(p.width, 1), maxSide)
	p.height = min(max(p.height, 1), maxSide)
	if p.emptyText == "" {
		p.emptyText = "No data yet"
	}
	if p.formatY == nil {
		p.formatY = FormatCompact
	}
}

func (p *plot) px(v float64) int { return int(math.Round(v * p.scale)) }

// layout is where everything goes, in pixels.
type layout struct {
	plot image.Rectangle // the data area; go-chart's canvas box

	label, titleFont textStyle
	title            string // fitted; "" = none
	titleBaseline    int

	yTicks  []float64
	yLabels []string

	xLabels   []xLabel // fitted
	xBaseline int

	legend     []legendRow
	legendRowH int

	dividerLabel    string // "" = none
	dividerBaseline int
}

type legendRow struct {
	centreY int
	items   []legendItem
}

type legendItem struct {
	legendEntry
	x    int // left edge of the sample
	text string
}

// layout computes the positions of everything. With decorated false the
// title and legend are left out to make room. It reports false if the plot
// area would be too small to be useful.
func (rd *Renderer) layout(p *plot, decorated bool) (layout, bool) {
	var lay layout
	lay.label = textStyle{rd.regular, labelEm * p.scale}
	lay.titleFont = textStyle{rd.bold, titleEm * p.scale}
	pad := p.px(padding)
	left, right := pad, p.width-pad
	top, bottom := pad, p.height-pad

	if decorated && p.title != "" {
		lay.title = lay.titleFont.fit(p.title, right-left)
		lay.titleBaseline = top + rd.capPx(lay.titleFont)
		top = lay.titleBaseline + rd.descentPx(lay.titleFont) + p.px(14)
	}
	if decorated && p.hasDivider && p.dividerLabel != "" {
		// A line of small text above the plot, so the label never sits on
		// the data.
		lay.dividerLabel = p.dividerLabel
		lay.dividerBaseline = top + rd.capPx(lay.label)
		top = lay.dividerBaseline + rd.descentPx(lay.label) + p.px(6)
	}
	if decorated && (len(p.legend) > 1 || len(p.legend) == 1 && p.legend[0].explain) {
		rows, rowH := rd.legendRows(p, lay.label, left, right)
		lay.legend, lay.legendRowH = rows, rowH
		legendTop := bottom - len(rows)*rowH
		for i := range lay.legend {
			lay.legend[i].centreY = legendTop + i*rowH + rowH/2
		}
		bottom = legendTop - p.px(4)
	}

	// X axis band: tick mark, gap, label (with room for descenders).
	capH := rd.capPx(lay.label)
	band := p.px(tickLen) + p.px(6) + capH + rd.descentPx(lay.label)
	plotBottom := bottom - band
	lay.xBaseline = plotBottom + p.px(tickLen) + p.px(6) + capH
	plotTop := top
	plotH := plotBottom - plotTop
	if plotH < p.px(24) {
		return lay, false
	}

	// Y ticks: 5–7 when there is room, fewer on very short plots so that
	// labels never collide.
	lineH := 1.6 * float64(capH+rd.descentPx(lay.label))
	maxTicks := min(max(int(float64(plotH)/lineH)+1, 2), 7)
	lay.yTicks = niceTicks(p.yLo, p.yHi, min(5, maxTicks), maxTicks)
	lay.yLabels = make([]string, len(lay.yTicks))
	labelW := 0
	for i, v := range lay.yTicks {
		lay.yLabels[i] = safeFormat(p.formatY, v)
		labelW = max(labelW, lay.label.width(lay.yLabels[i]))
	}
	// A Y label column wider than half the chart is cut to size.
	maxLabelW := (right - left) / 2
	if labelW > maxLabelW {
		for i, s := range lay.yLabels {
			lay.yLabels[i] = lay.label.fit(s, maxLabelW)
		}
		labelW = maxLabelW
	}
	plotLeft := left + labelW + p.px(8)
	plotRight := right
	if plotRight-plotLeft < p.px(24) {
		return lay, false
	}
	lay.plot = image.Rect(plotLeft, plotTop, plotRight, plotBottom)

	if p.xLabels != nil {
		lay.xLabels = p.xLabels(plotRight-plotLeft, lay.label)
	}
	return lay, true
}

// safeFormat calls a caller-supplied formatter, falling back to
// FormatCompact if it panics.
func safeFormat(f func(float64) string, v float64) (s string) {
	defer func() {
		if recover() != nil {
			s = FormatCompact(v)
		}
	}()
	return f(v)
}

// legendRows flows the legend entries into centred rows between left and
// right. At most a quarter of the chart height is spent on the legend;
// entries that do not fit are dropped.
func (rd *Renderer) legendRows(p *plot, ts textStyle, left, right int) ([]legendRow, int) {
	rowH := int(math.Round(ts.em * 1.5))
	maxRows := max(1, p.height/4/max(rowH, 1))
	sample, gap, itemGap := p.px(sampleW), p.px(6), p.px(18)
	avail := right - left

	var rows []legendRow
	var cur []legendItem
	curW := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		x := left + (avail-curW)/2
		for i := range cur {
			cur[i].x = x
			x += sample + gap + ts.width(cur[i].text) + itemGap
		}
		rows = append(rows, legendRow{items: cur})
		cur, curW = nil, 0
	}
	for _, e := range p.legend {
		text := ts.fit(e.name, avail-sample-gap)
		w := sample + gap + ts.width(text)
		if len(cur) > 0 && curW+itemGap+w > avail {
			flush()
			if len(rows) == maxRows {
				break
			}
		}
		if len(cur) > 0 {
			curW += itemGap
		}
		cur = append(cur, legendItem{legendEntry: e, text: text})
		curW += w
	}
	if len(rows) < maxRows {
		flush()
	}
	return rows, rowH
}

// render lays out and draws p. It never panics and never returns nil.
func (rd *Renderer) render(p plot) (img image.Image) {
	p.normalise()
	th := themeFor(p.dark)
	defer func() {
		if recover() != nil {
			img = blank(p.width, p.height, th.background)
		}
	}()
	if rd == nil || rd.regular == nil || p.width < minSide || p.height < minSide {
		return blank(p.width, p.height, th.background)
	}
	if p.empty || p.slots <= 0 {
		return rd.drawEmpty(p, th)
	}
	lay, ok := rd.layout(&p, true)
	if !ok {
		lay, ok = rd.layout(&p, false)
	}
	if !ok {
		return blank(p.width, p.height, th.background)
	}
	img, err := rd.draw(p, lay, th)
	if err != nil {
		return rd.drawEmpty(p, th)
	}
	return img
}

// draw renders a laid-out plot with go-chart.
func (rd *Renderer) draw(p plot, lay layout, th theme) (image.Image, error) {
	xr := &chart.ContinuousRange{}
	yr := &chart.ContinuousRange{}
	yTicks := make([]chart.Tick, len(lay.yTicks))
	for i, v := range lay.yTicks {
		yTicks[i] = chart.Tick{Value: v, Label: lay.yLabels[i]}
	}
	series := append([]chart.Series{gridLayer{
		ticks: lay.yTicks,
		width: max(1, p.px(1)),
		grid:  th.grid,
		zero:  th.axis,
	}}, p.layers...)

	bg := chart.Style{FillColor: th.background, StrokeColor: th.background}
	bg.Padding = chart.Box{
		IsSet:  true,
		Top:    lay.plot.Min.Y,
		Left:   lay.plot.Min.X,
		Right:  p.width - lay.plot.Max.X,
		Bottom: p.height - lay.plot.Max.Y,
	}
	c := chart.Chart{
		Width:      p.width,
		Height:     p.height,
		DPI:        chartDPI,
		Font:       rd.regular,
		Background: bg,
		Canvas:     chart.Style{FillColor: th.background, StrokeColor: th.background},
		// All axes are hidden: go-chart would place labels with fixed
		// pixel margins and on a glyph-dependent baseline. The ticks still
		// define the ranges (go-chart derives a range from its ticks), and
		// the labels are drawn by decorate.
		XAxis: chart.XAxis{
			Style: chart.Hidden(),
			Range: xr,
			Ticks: []chart.Tick{{Value: -0.5}, {Value: float64(p.slots) - 0.5}},
		},
		YAxis: chart.YAxis{
			Style: chart.Hidden(),
			Range: yr,
			Ticks: yTicks,
		},
		YAxisSecondary: chart.YAxis{Style: chart.Hidden()},
		Series:         series,
		Elements: []chart.Renderable{func(r chart.Renderer, box chart.Box, _ chart.Style) {
			rd.decorate(r, &p, &lay, th, box, xr, yr)
		}},
	}
	var w chart.ImageWriter
	if err := c.Render(chart.PNG, &w); err != nil {
		return nil, err
	}
	return w.Image()
}

// decorate draws the text around the plot: Y labels, X ticks and labels,
// the title and the legend.
func (rd *Renderer) decorate(r chart.Renderer, p *plot, lay *layout, th theme, box chart.Box, xr, yr chart.Range) {
	ts := lay.label
	capH := rd.capPx(ts)

	for i, v := range lay.yTicks {
		s := lay.yLabels[i]
		y := box.Bottom - yr.Translate(v)
		drawText(r, ts, th.text, s, box.Left-p.px(8)-ts.width(s), y+capH/2)
	}

	lw := max(1, p.px(1))
	edgeL, edgeR := p.px(2), p.width-p.px(2)
	for _, l := range lay.xLabels {
		x := box.Left + xr.Translate(l.at)
		fillRect(r, x-lw/2, box.Bottom, x-lw/2+lw, box.Bottom+p.px(tickLen), th.axis)
		w := ts.width(l.text)
		tx := min(max(x-w/2, edgeL), edgeR-w)
		drawText(r, ts, th.text, l.text, tx, lay.xBaseline)
	}

	if lay.title != "" {
		drawText(r, lay.titleFont, th.title, lay.title, p.px(padding), lay.titleBaseline)
	}

	if lay.dividerLabel != "" {
		rd.drawDividerLabel(r, p, lay, th, box, xr)
	}

	sample, gap := p.px(sampleW), p.px(6)
	for _, row := range lay.legend {
		for _, it := range row.items {
			y := row.centreY
			switch {
			case it.swatch:
				sh := max(2, int(math.Round(float64(capH)*1.2)))
				fillRect(r, it.x, y-sh/2, it.x+sample, y-sh/2+sh, it.fill)
			case it.dotOnly:
				drawDot(r, it.x+sample/2, y, it.dotR, it.style.color)
			default:
				drawPolyline(r, it.style, [][2]int{{it.x, y}, {it.x + sample, y}})
			}
			drawText(r, ts, th.text, it.text, it.x+sample+gap, y+capH/2)
		}
	}
}

func drawPolyline(r chart.Renderer, ls lineStyle, pts [][2]int) {
	if len(pts) < 2 {
		return
	}
	r.SetStrokeColor(ls.color)
	r.SetStrokeWidth(ls.width)
	r.SetStrokeDashArray(ls.dash)
	r.MoveTo(pts[0][0], pts[0][1])
	for _, pt := range pts[1:] {
		r.LineTo(pt[0], pt[1])
	}
	r.Stroke()
	r.SetStrokeDashArray(nil)
}

func drawDot(r chart.Renderer, x, y int, radius float64, c drawing.Color) {
	r.SetFillColor(c)
	r.SetStrokeColor(c)
	r.SetStrokeWidth(1)
	r.SetStrokeDashArray(nil)
	r.Circle(radius, x, y)
	r.FillStroke()
}

// drawEmpty draws the empty state: background, title and the centred
// empty text.
func (rd *Renderer) drawEmpty(p plot, th theme) image.Image {
	r, err := chart.PNG(p.width, p.height)
	if err != nil {
		return blank(p.width, p.height, th.background)
	}
	r.SetDPI(chartDPI)
	fillRect(r, 0, 0, p.width, p.height, th.background)
	pad := p.px(padding)
	if p.title != "" {
		ts := textStyle{rd.bold, titleEm * p.scale}
		drawText(r, ts, th.title, ts.fit(p.title, p.width-2*pad), pad, pad+rd.capPx(ts))
	}
	ts := textStyle{rd.regular, emptyEm * p.scale}
	s := ts.fit(p.emptyText, p.width-2*pad)
	drawText(r, ts, th.muted, s, (p.width-ts.width(s))/2, (p.height+rd.capPx(ts))/2)
	var w chart.ImageWriter
	if err := r.Save(&w); err != nil {
		return blank(p.width, p.height, th.background)
	}
	img, err := w.Image()
	if err != nil {
		return blank(p.width, p.height, th.background)
	}
	return img
}

// blank returns a w×h image filled with c.
func blank(w, h int, c drawing.Color) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	draw.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
	return img
}

// gridLayer is a go-chart series that draws the horizontal grid lines and
// the zero baseline underneath the data.
type gridLayer struct {
	ticks      []float64
	width      int
	grid, zero drawing.Color
}

func (g gridLayer) GetName() string           { return "" }
func (g gridLayer) GetYAxis() chart.YAxisType { return chart.YAxisPrimary }
func (g gridLayer) GetStyle() chart.Style     { return chart.Style{} }
func (g gridLayer) Validate() error           { return nil }

func (g gridLayer) Render(r chart.Renderer, box chart.Box, _, yr chart.Range, _ chart.Style) {
	rule := func(v float64, c drawing.Color) {
		y := box.Bottom - yr.Translate(v)
		fillRect(r, box.Left, y-g.width/2, box.Right, y-g.width/2+g.width, c)
	}
	hasZero := false
	for _, v := range g.ticks {
		if v == 0 {
			hasZero = true
			continue
		}
		rule(v, g.grid)
	}
	if hasZero {
		rule(0, g.zero)
	}
}

// EncodePNG encodes img as an opaque PNG (colour type RGB, no alpha
// channel), as the PDF export needs. Any transparency is composited onto
// white. Images from Renderer are already opaque and keep their colours.
func EncodePNG(img image.Image) ([]byte, error) {
	if img == nil {
		return nil, errors.New("charts: EncodePNG: nil image")
	}
	b := img.Bounds()
	if b.Empty() {
		return nil, errors.New("charts: EncodePNG: empty image")
	}
	opaque, ok := img.(*image.RGBA)
	if !ok || !opaque.Opaque() {
		dst := image.NewRGBA(b)
		draw.Draw(dst, b, image.NewUniform(color.White), image.Point{}, draw.Src)
		draw.Draw(dst, b, img, b.Min, draw.Over)
		opaque = dst
	}
	// The encoder writes RGB without alpha for an opaque *image.RGBA.
	var buf bytes.Buffer
	if err := png.Encode(&buf, opaque); err != nil {
		return nil, fmt.Errorf("charts: EncodePNG: %w", err)
	}
	return buf.Bytes(), nil
}
