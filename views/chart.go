package views

import (
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/charts"
)

// DrawFunc renders a chart at a pixel size and device scale.
type DrawFunc func(w, h int, scale float64, dark bool) image.Image

// ChartView shows a chart rendered at the pixel size the canvas asks for
// (sharp on HiDPI screens). Rendering runs off the UI goroutine; the last
// image stays, stretched, until the new one is ready.
type ChartView struct {
	widget.BaseWidget
	draw    DrawFunc        // called off the UI goroutine; must not touch widgets
	snap    func() DrawFunc // when set, called on the UI goroutine to get draw
	minSize fyne.Size

	img     *canvas.Image
	mu      sync.Mutex
	drawn   string // size key of the image shown
	painted bool   // an image for the current data is shown: re-renders wait for resize bursts
	pending *time.Timer
	gen     int
	bridge  *bridge // renders off the UI goroutine
}

func newChartView(b *bridge, min fyne.Size, draw DrawFunc) *ChartView {
	c := &ChartView{draw: draw, minSize: min, bridge: b}
	c.img = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	c.img.FillMode = canvas.ImageFillStretch
	c.img.ScaleMode = canvas.ImageScaleSmooth
	c.ExtendBaseWidget(c)
	return c
}

// NewChartView makes a chart that renders off the UI goroutine at the size
// the canvas asks for; draw must not touch widgets.
func (ps *PlanScreen) NewChartView(min fyne.Size, draw DrawFunc) *ChartView {
	return newChartView(ps.u.bridge, min, draw)
}

// NewMonthlyChartView shows a monthly chart; spec is read on the UI
// goroutine each time the chart is drawn.
func (ps *PlanScreen) NewMonthlyChartView(min fyne.Size, spec func() charts.MonthlyChart) *ChartView {
	r := ps.u.charts
	c := ps.NewChartView(min, nil)
	c.SetSpec(func() DrawFunc {
		s := spec()
		return func(w, h int, scale float64, dark bool) image.Image {
			s.Width, s.Height, s.Scale, s.Dark = w, h, scale, dark
			return r.Monthly(s)
		}
	})
	return c
}

// SetSpec makes the chart read its description through snap, on the UI
// goroutine, before each render.
func (c *ChartView) SetSpec(snap func() DrawFunc) { c.snap = snap }

// CreateRenderer implements fyne.Widget.
func (c *ChartView) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{c: c}
}

// Invalidate re-renders the chart with fresh data, at once (the old image
// stays until the new one is ready).
func (c *ChartView) Invalidate() {
	c.mu.Lock()
	c.drawn = ""
	c.painted = false
	c.mu.Unlock()
	c.schedule(c.Size())
}

// schedule renders for size after a short pause (resizes come in bursts);
// the first image renders at once.
func (c *ChartView) schedule(size fyne.Size) {
	if size.Width < 10 || size.Height < 10 {
		return
	}
	scale := float32(1)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		scale = cv.Scale()
	}
	w, h := int(size.Width*scale), int(size.Height*scale)
	dark := fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark
	key := itoa(w) + "x" + itoa(h)
	if dark {
		key += "d"
	}
	draw := c.draw
	if c.snap != nil {
		draw = c.snap()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.drawn == key || draw == nil {
		return
	}
	c.drawn = key
	c.gen++
	gen := c.gen
	c.bridge.Stop(c.pending)
	delay := 40 * time.Millisecond
	if !c.painted {
		delay = 0
	}
	var img image.Image
	c.pending = c.bridge.Debounce(delay, func() { img = draw(w, h, float64(scale), dark) }, func() {
		c.mu.Lock()
		current := gen == c.gen
		c.painted = c.painted || current
		c.mu.Unlock()
		if current {
			c.img.Image = img
			c.img.Refresh()
		}
	})
}

type chartRenderer struct{ c *ChartView }

func (r *chartRenderer) Layout(size fyne.Size) {
	r.c.img.Resize(size)
	r.c.schedule(size)
}
func (r *chartRenderer) MinSize() fyne.Size           { return r.c.minSize }
func (r *chartRenderer) Refresh()                     { r.c.schedule(r.c.Size()) }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.img} }
func (r *chartRenderer) Destroy()                     {}
