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

// chartView shows a chart rendered at the pixel size the canvas asks for
// (sharp on HiDPI screens). Rendering runs off the UI goroutine; the last
// image stays, stretched, until the new one is ready.
type chartView struct {
	widget.BaseWidget
	renderer *charts.Renderer
	spec     func() charts.MonthlyChart // read on the UI goroutine
	minSize  fyne.Size

	img     *canvas.Image
	mu      sync.Mutex
	drawn   string // key of the image shown
	pending *time.Timer
	gen     int
}

func newChartView(r *charts.Renderer, min fyne.Size, spec func() charts.MonthlyChart) *chartView {
	c := &chartView{renderer: r, spec: spec, minSize: min}
	c.img = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	c.img.FillMode = canvas.ImageFillStretch
	c.img.ScaleMode = canvas.ImageScaleSmooth
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *chartView) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{c: c}
}

// Invalidate re-renders the chart with fresh data.
func (c *chartView) Invalidate() {
	c.mu.Lock()
	c.drawn = ""
	c.mu.Unlock()
	c.schedule(c.Size())
}

// schedule renders for size after a short pause (resizes come in bursts).
func (c *chartView) schedule(size fyne.Size) {
	if size.Width < 10 || size.Height < 10 {
		return
	}
	scale := float32(1)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		scale = cv.Scale()
	}
	spec := c.spec()
	spec.Width, spec.Height = int(size.Width*scale), int(size.Height*scale)
	spec.Scale = float64(scale)
	spec.Dark = fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark
	key := spec.Title + "|" + itoa(spec.Width) + "x" + itoa(spec.Height)
	c.mu.Lock()
	if c.drawn == key {
		c.mu.Unlock()
		return
	}
	c.drawn = key
	c.gen++
	gen := c.gen
	if c.pending != nil {
		c.pending.Stop()
	}
	c.pending = time.AfterFunc(40*time.Millisecond, func() {
		img := c.renderer.Monthly(spec)
		fyne.Do(func() {
			c.mu.Lock()
			current := gen == c.gen
			c.mu.Unlock()
			if current {
				c.img.Image = img
				c.img.Refresh()
			}
		})
	})
	c.mu.Unlock()
}

type chartRenderer struct{ c *chartView }

func (r *chartRenderer) Layout(size fyne.Size) {
	r.c.img.Resize(size)
	r.c.schedule(size)
}
func (r *chartRenderer) MinSize() fyne.Size           { return r.c.minSize }
func (r *chartRenderer) Refresh()                     { r.c.schedule(r.c.Size()) }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.img} }
func (r *chartRenderer) Destroy()                     {}
