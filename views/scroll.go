package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wheelStep is how many times the toolkit's wheel step a page moves per
// notch (the toolkit's 25 px is a tenth of a screen of fields).
const wheelStep = 3

// wheelScroll is a scroll container that moves speed times the wheel's
// step per notch (the page scroll, speed wheelStep; a sideways table, 1).
type wheelScroll struct {
	container.Scroll
	speed float32
}

func newWheelScroll(dir container.ScrollDirection, content fyne.CanvasObject, speed float32) *wheelScroll {
	s := &wheelScroll{speed: speed}
	s.Direction = dir
	s.Content = content
	s.ExtendBaseWidget(s)
	return s
}

// Scrolled moves the content by the wheel's step times the speed.
func (s *wheelScroll) Scrolled(ev *fyne.ScrollEvent) {
	fast := *ev
	fast.Scrolled = fyne.NewDelta(ev.Scrolled.DX*s.speed, ev.Scrolled.DY*s.speed)
	s.Scroll.Scrolled(&fast)
}

// Embedded returns the toolkit scroll inside (for tests and layout code
// that look for scrolls).
func (s *wheelScroll) Embedded() *container.Scroll { return &s.Scroll }

// pageWheel lies over the whole visible page and takes the wheel before
// anything on the page can keep it: every entry of the toolkit holds a
// scroll of its own, which would otherwise stop the page at each field.
// The vertical wheel moves the page; the sideways wheel moves the
// sideways table under the pointer (ps.HScroll). It takes no taps, drags
// or hovers: those reach the page below.
type pageWheel struct {
	widget.BaseWidget
	ps *PlanScreen
}

func newPageWheel(ps *PlanScreen) *pageWheel {
	w := &pageWheel{ps: ps}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled moves the page, or the sideways table under the pointer.
func (w *pageWheel) Scrolled(ev *fyne.ScrollEvent) {
	d := ev.Scrolled
	if abs(d.DX) > abs(d.DY) {
		if s := w.ps.sidewaysAt(ev.AbsolutePosition); s != nil {
			s.Scrolled(ev)
		}
		return
	}
	if w.ps.scroll == nil {
		return
	}
	// A tip would stay behind where its button was.
	if layer := tipLayer(fyne.CurrentApp().Driver().CanvasForObject(w)); layer != nil && len(layer.Objects) > 0 {
		layer.RemoveAll()
	}
	w.ps.scroll.Scrolled(&fyne.ScrollEvent{PointEvent: ev.PointEvent, Scrolled: fyne.NewDelta(0, d.DY)})
}

// CreateRenderer draws nothing.
func (w *pageWheel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

func abs(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// sidewaysAt returns the sideways table of the page shown under the
// absolute position p, or nil.
func (ps *PlanScreen) sidewaysAt(p fyne.Position) *wheelScroll {
	d := fyne.CurrentApp().Driver()
	for _, s := range ps.sideways {
		if !s.Visible() || d.CanvasForObject(s) == nil {
			continue
		}
		at, size := d.AbsolutePositionForObject(s), s.Size()
		if p.X >= at.X && p.Y >= at.Y && p.X < at.X+size.Width && p.Y < at.Y+size.Height {
			return s
		}
	}
	return nil
}

// HScroll wraps wide content (a table of months) in a sideways scroll: the
// sideways wheel and the scroll bar move it, the vertical wheel moves the
// page.
func (ps *PlanScreen) HScroll(content fyne.CanvasObject) fyne.CanvasObject {
	s := newWheelScroll(container.ScrollHorizontalOnly, content, 1)
	ps.sideways = append(ps.sideways, s)
	return s
}

// GrowingEntry makes a multi-line entry grow with its text (from minRows
// rows), so the page scrolls rather than the entry. It returns what to put
// on the page; it chains the entry's OnChanged, so set that first.
func (ps *PlanScreen) GrowingEntry(e *widget.Entry, minRows int) fyne.CanvasObject {
	g := &growingEntry{e: e, min: minRows}
	changed := e.OnChanged
	e.OnChanged = func(s string) {
		g.fit()
		if changed != nil {
			changed(s)
		}
	}
	g.fit()
	return container.New(g, e)
}

// growingEntry lays out an entry and sets the entry's rows
// to what its text needs at the width it is given.
type growingEntry struct {
	e     *widget.Entry
	min   int
	width float32
	rows  int
}

func (g *growingEntry) fit() {
	rows := max(g.min, wrappedLines(g.e.Text, g.width-4*theme.Padding()))
	if rows != g.rows {
		g.rows = rows
		g.e.SetMinRowsVisible(rows)
	}
}

func (g *growingEntry) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size.Width != g.width {
		g.width = size.Width
		g.fit()
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (g *growingEntry) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

// wrappedLines estimates how many lines text takes when wrapped at words
// in width (one more for the caret's next line); width 0 counts the lines.
func wrappedLines(text string, width float32) int {
	lines := 1
	size := theme.TextSize()
	style := fyne.TextStyle{}
	for _, para := range splitLines(text) {
		if width <= 0 {
			lines++
			continue
		}
		w := fyne.MeasureText(para, size, style).Width
		n := int(w/width) + 1
		lines += n
	}
	return lines
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// ScrollTo scrolls the page so that obj (just added to it) is in view.
func (ps *PlanScreen) ScrollTo(obj fyne.CanvasObject) {
	if ps.scroll == nil || obj == nil {
		return
	}
	ps.scroll.Refresh()
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(ps.scroll.Content).Y
	view := ps.scroll.Size().Height
	bottom := top + obj.Size().Height
	off := ps.scroll.Offset.Y
	switch {
	case top < off:
		off = top
	case bottom > off+view:
		off = min(top, bottom-view)
	default:
		return
	}
	ps.scroll.ScrollToOffset(fyne.NewPos(0, max(off, 0)))
}

// Section is a part of a long page that the page's index links to.
type Section struct {
	Title   string
	Content fyne.CanvasObject // where the index scrolls to
}

// SectionIndex is the line at the top of a long page that names its
// sections; a tap scrolls the page to one (Back and Next stay in view).
func (ps *PlanScreen) SectionIndex(sections ...Section) fyne.CanvasObject {
	row := container.NewHBox(widget.NewLabel("On this page:"))
	for _, s := range sections {
		target := s.Content
		b := widget.NewButton(s.Title, func() { ps.scrollToTop(target) })
		b.Importance = widget.LowImportance
		row.Add(b)
	}
	return ps.HScroll(row)
}

// scrollToTop scrolls the page so that obj starts at the top of the view.
func (ps *PlanScreen) scrollToTop(obj fyne.CanvasObject) {
	if ps.scroll == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(ps.scroll.Content).Y
	ps.scroll.ScrollToOffset(fyne.NewPos(0, max(top-theme.Padding(), 0)))
}
