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

// wheelScroll is a scroll container for pages and for the wide tables on
// them. The page moves wheelStep times the toolkit's step per notch. An
// inner one (passTo set) scrolls only while it can move in the wheel's
// direction and hands the wheel on to the page otherwise, so the wheel
// over a table never traps the page; a sideways-only one leaves the
// vertical wheel to the page and moves with the sideways wheel.
type wheelScroll struct {
	container.Scroll
	passTo func() fyne.Scrollable
}

func newWheelScroll(dir container.ScrollDirection, content fyne.CanvasObject, passTo func() fyne.Scrollable) *wheelScroll {
	s := &wheelScroll{passTo: passTo}
	s.Direction = dir
	s.Content = content
	s.ExtendBaseWidget(s)
	return s
}

// Scrolled moves the content, or hands the wheel on when it cannot move.
func (s *wheelScroll) Scrolled(ev *fyne.ScrollEvent) {
	if s.passTo == nil {
		// A tip would stay behind where its button was.
		if layer := tipLayer(fyne.CurrentApp().Driver().CanvasForObject(s)); layer != nil && len(layer.Objects) > 0 {
			layer.RemoveAll()
		}
		fast := *ev
		fast.Scrolled = fyne.NewDelta(ev.Scrolled.DX*wheelStep, ev.Scrolled.DY*wheelStep)
		s.Scroll.Scrolled(&fast)
		return
	}
	if s.Direction == container.ScrollHorizontalOnly && ev.Scrolled.DX == 0 {
		s.handOn(ev)
		return
	}
	before := s.Offset
	s.Scroll.Scrolled(ev)
	if s.Offset == before {
		s.handOn(ev)
	}
}

func (s *wheelScroll) handOn(ev *fyne.ScrollEvent) {
	if p := s.passTo(); p != nil {
		p.Scrolled(ev)
	}
}

// wheelToPage lies over a widget that would keep the wheel to itself (a
// multi-line entry, whose text grows with it) and hands the wheel to the
// page. It takes no taps, drags or hovers: those reach the widget below.
type wheelToPage struct {
	widget.BaseWidget
	page func() fyne.Scrollable
}

func newWheelToPage(page func() fyne.Scrollable) *wheelToPage {
	w := &wheelToPage{page: page}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled hands the wheel to the page.
func (w *wheelToPage) Scrolled(ev *fyne.ScrollEvent) {
	if p := w.page(); p != nil {
		p.Scrolled(ev)
	}
}

// CreateRenderer draws nothing.
func (w *wheelToPage) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// pageScrollable returns the scroll of the page shown, as a Scrollable.
func (ps *PlanScreen) pageScrollable() fyne.Scrollable {
	if ps.scroll == nil {
		return nil
	}
	return ps.scroll
}

// HScroll wraps wide content (a table of months) in a sideways scroll: the
// sideways wheel and the scroll bar move it, the vertical wheel moves the
// page.
func (ps *PlanScreen) HScroll(content fyne.CanvasObject) fyne.CanvasObject {
	return newWheelScroll(container.ScrollHorizontalOnly, content, ps.pageScrollable)
}

// GrowingEntry makes a multi-line entry grow with its text (from minRows
// rows) and lets the wheel over it scroll the page. It returns what to put
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
	return container.New(g, e, newWheelToPage(ps.pageScrollable))
}

// growingEntry lays out an entry with an overlay and sets the entry's rows
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

// Embedded returns the toolkit scroll inside (for tests and layout code
// that look for scrolls).
func (s *wheelScroll) Embedded() *container.Scroll { return &s.Scroll }
