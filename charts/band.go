package charts

import (
	"math"

	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Band is a shaded interval on a monthly chart, such as the 80 % or 95 %
// range of a forecast. Lo[i] and Hi[i] belong to the same month as
// Series.Values[i]; a month where either is NaN (or ±Inf, or beyond
// ±1e300) has no band. Lo and Hi may be given in either order.
type Band struct {
	Name   string // legend label; "" means "Range"
	Lo, Hi []float64
	// Role decides the colour: the role's line colour, translucent.
	Role Role
	// Opacity is the alpha of the fill, in (0, 1]; 0 (or anything out of
	// range) means the default, 0.2 on the light theme and 0.22 on the dark
	// one. Bands are drawn in order, translucently over each other, so two
	// nested bands with the default opacity show the inner one darker.
	Opacity float64
}

// Default band opacities.
const (
	bandAlphaLight = 0.2
	bandAlphaDark  = 0.22
)

// DefaultDividerLabel is the label of a monthly chart's divider when
// MonthlyChart.DividerLabel is empty.
const DefaultDividerLabel = "Forecast →"

// alpha returns the band's fill opacity.
func (b Band) alpha(dark bool) float64 {
	if b.Opacity > 0 && b.Opacity <= 1 {
		return b.Opacity
	}
	if dark {
		return bandAlphaDark
	}
	return bandAlphaLight
}

// months returns the number of months the band can cover.
func (b Band) months() int { return min(len(b.Lo), len(b.Hi)) }

// at returns the band's interval at month i, ordered, and whether there
// is one.
func (b Band) at(i int) (lo, hi float64, ok bool) {
	if i < 0 || i >= b.months() {
		return 0, 0, false
	}
	lo, hi = b.Lo[i], b.Hi[i]
	if !plottable(lo) || !plottable(hi) {
		return 0, 0, false
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	return lo, hi, true
}

// contains reports whether b covers o wherever o is drawn (and o is drawn
// somewhere), so that o's area is painted over b's.
func (b Band) contains(o Band) bool {
	found := false
	for i := range o.months() {
		olo, ohi, ok := o.at(i)
		if !ok {
			continue
		}
		lo, hi, ok := b.at(i)
		if !ok || lo > olo || hi < ohi {
			return false
		}
		found = true
	}
	return found
}

// blend composites c at opacity a over the opaque colour under.
func blend(under, c drawing.Color, a float64) drawing.Color {
	mix := func(u, v uint8) uint8 {
		return uint8(math.Round(float64(u)*(1-a) + float64(v)*a))
	}
	return drawing.Color{R: mix(under.R, c.R), G: mix(under.G, c.G), B: mix(under.B, c.B), A: 255}
}

// bandSwatch returns the colour band k shows on the chart, for its legend
// swatch: its own fill over the background and over every other band
// that encloses it.
func bandSwatch(bands []Band, k int, colours []drawing.Color, th theme, dark bool) drawing.Color {
	c := th.background
	for j, b := range bands {
		if j == k || b.contains(bands[k]) {
			c = blend(c, colours[j], b.alpha(dark))
		}
	}
	return c
}

// bandLayer is a go-chart series that fills a band: one polygon per run of
// consecutive months, along Hi and back along Lo. A month on its own is
// drawn as a short vertical bar.
type bandLayer struct {
	band  Band
	color drawing.Color // with the band's alpha
	slots int
	scale float64
}

func (b bandLayer) GetName() string           { return b.band.Name }
func (b bandLayer) GetYAxis() chart.YAxisType { return chart.YAxisPrimary }
func (b bandLayer) GetStyle() chart.Style     { return chart.Style{} }
func (b bandLayer) Validate() error           { return nil }

func (b bandLayer) Render(r chart.Renderer, box chart.Box, xr, yr chart.Range, _ chart.Style) {
	x := func(i int) int { return box.Left + xr.Translate(float64(i)) }
	y := func(v float64) int { return box.Bottom - yr.Translate(v) }
	r.SetFillColor(b.color)
	emit := func(start, end int) { // months [start, end) all have a band
		if end-start == 1 {
			lo, hi, _ := b.band.at(start)
			slot := float64(box.Width()) / float64(max(b.slots, 1))
			half := max(int(math.Round(math.Min(slot*0.2, 6*b.scale))), max(1, int(math.Round(b.scale))))
			y0, y1 := y(hi), y(lo)
			if y1 == y0 {
				y1++
			}
			fillRect(r, x(start)-half, y0, x(start)+half, y1, b.color)
			return
		}
		hi0 := 0.0
		for i := start; i < end; i++ {
			_, hi, _ := b.band.at(i)
			if i == start {
				hi0 = hi
				r.MoveTo(x(i), y(hi))
				continue
			}
			r.LineTo(x(i), y(hi))
		}
		for i := end - 1; i >= start; i-- {
			lo, _, _ := b.band.at(i)
			r.LineTo(x(i), y(lo))
		}
		r.LineTo(x(start), y(hi0))
		r.Close()
		r.Fill()
	}
	start := -1
	n := min(b.band.months(), b.slots)
	for i := 0; i <= n; i++ {
		_, _, ok := b.band.at(i)
		if i == n {
			ok = false
		}
		switch {
		case ok && start < 0:
			start = i
		case !ok && start >= 0:
			emit(start, i)
			start = -1
		}
	}
}

// dividerLayer is a go-chart series that draws a vertical dashed rule at
// X position at (in data units) across the plot.
type dividerLayer struct {
	at    float64
	width int
	dash  int
	color drawing.Color
}

func (d dividerLayer) GetName() string           { return "" }
func (d dividerLayer) GetYAxis() chart.YAxisType { return chart.YAxisPrimary }
func (d dividerLayer) GetStyle() chart.Style     { return chart.Style{} }
func (d dividerLayer) Validate() error           { return nil }

func (d dividerLayer) Render(r chart.Renderer, box chart.Box, xr, _ chart.Range, _ chart.Style) {
	// Dashes are filled rectangles: crisp, whatever the scale.
	x := box.Left + xr.Translate(d.at) - d.width/2
	dash := max(d.dash, 1)
	for y := box.Top; y < box.Bottom; y += 2 * dash {
		fillRect(r, x, y, x+d.width, min(y+dash, box.Bottom), d.color)
	}
}

// drawDividerLabel writes the divider label above the plot, to the right
// of the divider, or to its left if there is no room on the right.
func (rd *Renderer) drawDividerLabel(r chart.Renderer, p *plot, lay *layout, th theme, box chart.Box, xr chart.Range) {
	ts := lay.label
	x := box.Left + xr.Translate(p.dividerAt)
	gap := p.px(5)
	right := box.Right - (x + gap)
	left := x - gap - box.Left
	s := lay.dividerLabel
	if w := ts.width(s); w <= right || right >= left {
		s = ts.fit(s, right)
		drawText(r, ts, th.text, s, x+gap, lay.dividerBaseline)
		return
	}
	s = ts.fit(s, left)
	drawText(r, ts, th.text, s, x-gap-ts.width(s), lay.dividerBaseline)
}
