package charts

import (
	"image"
	"math"
	"strconv"

	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// This file holds the frame shared by the charts that are not an X/Y
// plot of numbers (HBars, Funnel, Timeline): they are laid out here and
// drawn directly with go-chart's raster renderer, with the same sizes,
// fonts, padding, title and empty state as Monthly and Bars.

// sheetDraw draws a laid-out chart body.
type sheetDraw func(r chart.Renderer)

// sheetBuilder lays out a chart body in area (the image minus padding and
// title). It returns false if area is too small for it.
type sheetBuilder func(p *plot, th theme, area image.Rectangle) (sheetDraw, bool)

// sheetArea returns the body area of a chart and its fitted title, with
// the title left out when decorated is false.
func (rd *Renderer) sheetArea(p *plot, decorated bool) (area image.Rectangle, title string, baseline int) {
	pad := p.px(padding)
	area = image.Rect(pad, pad, p.width-pad, p.height-pad)
	if decorated && p.title != "" {
		ts := textStyle{rd.bold, titleEm * p.scale}
		title = ts.fit(p.title, area.Dx())
		baseline = area.Min.Y + rd.capPx(ts)
		area.Min.Y = baseline + rd.descentPx(ts) + p.px(14)
	}
	return area, title, baseline
}

// renderSheet lays out and draws a chart body with build. Like render, it
// never panics and never returns nil: a chart too small for its content
// is drawn without its title, and failing that as plain background.
func (rd *Renderer) renderSheet(p plot, build sheetBuilder) (img image.Image) {
	p.normalise()
	th := themeFor(p.dark)
	defer func() {
		if recover() != nil {
			img = blank(p.width, p.height, th.background)
		}
	}()
	if rd == nil || rd.regular == nil || rd.bold == nil || p.width < minSide || p.height < minSide {
		return blank(p.width, p.height, th.background)
	}
	if p.empty {
		return rd.drawEmpty(p, th)
	}
	for _, decorated := range []bool{true, false} {
		if !decorated && p.title == "" {
			break
		}
		area, title, baseline := rd.sheetArea(&p, decorated)
		if area.Dx() < p.px(24) || area.Dy() < p.px(24) {
			continue
		}
		body, ok := build(&p, th, area)
		if !ok {
			continue
		}
		r, err := chart.PNG(p.width, p.height)
		if err != nil {
			break
		}
		r.SetDPI(chartDPI)
		fillRect(r, 0, 0, p.width, p.height, th.background)
		drawText(r, textStyle{rd.bold, titleEm * p.scale}, th.title, title, p.px(padding), baseline)
		body(r)
		var w chart.ImageWriter
		if err := r.Save(&w); err != nil {
			break
		}
		if out, err := w.Image(); err == nil {
			return out
		}
		break
	}
	return blank(p.width, p.height, th.background)
}

// rowFit decides how many of n rows fit in height h, each at least minH
// and at most maxH high. If not all fit, the last row shown is given over
// to a "… +k" note, so shown < n. It reports false if not even one row
// fits (two when a note is needed).
func rowFit(n, h, minH, maxH int) (shown, rowH int, ok bool) {
	if n <= 0 || minH <= 0 || h < minH {
		return 0, 0, false
	}
	if n*minH <= h {
		return n, min(h/n, max(maxH, minH)), true
	}
	rows := h / minH
	if rows < 2 {
		return 0, 0, false
	}
	return rows - 1, minH, true
}

// moreText is the note for k rows that did not fit.
func moreText(k int) string { return "… +" + strconv.Itoa(k) }

// fillPolygon fills the closed polygon through pts.
func fillPolygon(r chart.Renderer, pts [][2]int, c drawing.Color) {
	if len(pts) < 3 {
		return
	}
	r.SetFillColor(c)
	r.MoveTo(pts[0][0], pts[0][1])
	for _, pt := range pts[1:] {
		r.LineTo(pt[0], pt[1])
	}
	r.Close()
	r.Fill()
}

// textOn returns a text colour readable on the (opaque) colour c: white on
// dark colours, near-black on light ones.
func textOn(c drawing.Color) drawing.Color {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
	// Contrast against white is (1.05)/(l+0.05), against black
	// (l+0.05)/0.05; pick the larger.
	if 1.05/(l+0.05) >= (l+0.05)/0.05 {
		return rgb(0xFFFFFF)
	}
	return rgb(0x1A1A1A)
}

// valuesPlot describes a sheet chart of values; it is empty when no value
// can be plotted.
func valuesPlot(title string, width, height int, scale float64, dark bool, emptyText string, values []float64) plot {
	p := framePlot(title, width, height, scale, dark, emptyText)
	p.empty = true
	for _, v := range values {
		if plottable(v) {
			p.empty = false
		}
	}
	return p
}
