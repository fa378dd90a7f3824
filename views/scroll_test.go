package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The vertical wheel over a sideways table or an entry moves the page
// (wheelStep times the toolkit's step) and leaves the table where it is;
// the sideways wheel moves the table under the pointer.
func TestTheWheelOverASidewaysTableMovesThePage(t *testing.T) {
	test.NewTempApp(t)
	ps := &PlanScreen{}
	wide := canvas.NewRectangle(nil)
	wide.SetMinSize(fyne.NewSize(2000, 200))
	table := ps.HScroll(wide).(*wheelScroll)
	entry := widget.NewEntry()
	tall := canvas.NewRectangle(nil)
	tall.SetMinSize(fyne.NewSize(100, 3000))
	ps.scroll = newWheelScroll(container.ScrollVerticalOnly, container.NewVBox(table, entry, tall), wheelStep)
	w := test.NewWindow(container.NewStack(ps.scroll, newPageWheel(ps)))
	defer w.Close()
	w.SetPadded(false)
	w.Resize(fyne.NewSize(800, 600))

	test.Scroll(w.Canvas(), fyne.NewPos(400, 100), 0, -25)
	if ps.scroll.Offset.Y != 25*wheelStep {
		t.Errorf("page offset %.0f after one notch over the table, want %d", ps.scroll.Offset.Y, 25*wheelStep)
	}
	if table.Offset.X != 0 {
		t.Errorf("the vertical wheel moved the table sideways to %.0f", table.Offset.X)
	}
	ps.scroll.ScrollToTop()
	test.Scroll(w.Canvas(), centre(entry), 0, -25)
	if ps.scroll.Offset.Y != 25*wheelStep {
		t.Errorf("page offset %.0f after one notch over an entry, want %d", ps.scroll.Offset.Y, 25*wheelStep)
	}
	ps.scroll.ScrollToTop()
	var catcher *pageWheel
	for _, o := range test.LaidOutObjects(w.Content()) {
		if c, ok := o.(*pageWheel); ok {
			catcher = c
		}
	}
	ev := &fyne.ScrollEvent{Scrolled: fyne.NewDelta(-25, 0)}
	ev.AbsolutePosition = fyne.NewPos(400, 100)
	catcher.Scrolled(ev)
	if table.Offset.X != 25 || ps.scroll.Offset.Y != 0 {
		t.Errorf("sideways wheel: table %.0f, page %.0f; want 25 and 0", table.Offset.X, ps.scroll.Offset.Y)
	}
	// Sideways away from any table: nothing moves, nothing breaks.
	ev.AbsolutePosition = fyne.NewPos(400, 500)
	catcher.Scrolled(ev)
	if table.Offset.X != 25 || ps.scroll.Offset.Y != 0 {
		t.Errorf("sideways wheel off the table: table %.0f, page %.0f", table.Offset.X, ps.scroll.Offset.Y)
	}
}

// The text of a growing entry is counted in wrapped lines.
func TestWrappedLines(t *testing.T) {
	test.NewTempApp(t)
	long := ""
	for range 40 {
		long += "espresso machines "
	}
	for _, c := range []struct {
		text  string
		width float32
		min   int
	}{{"", 300, 2}, {"a\nb\nc", 300, 4}, {long, 300, 5}, {long, 0, 2}} {
		if got := wrappedLines(c.text, c.width); got < c.min {
			t.Errorf("wrappedLines(%.20q…, %.0f) = %d, want at least %d", c.text, c.width, got, c.min)
		}
	}
}

// A tip shows when the pointer rests on an icon button, inside the window,
// and goes when the pointer leaves or the button is pressed; a late timer
// of an earlier hover shows nothing.
func TestIconButtonTipOnHover(t *testing.T) {
	a := test.NewTempApp(t)
	ws := &windowSize{tips: container.NewWithoutLayout()}
	var due []func()
	tapped := 0
	b := NewIconButton(theme.DeleteIcon(), "Delete this item", func() { tapped++ })
	b.later = func(_ time.Duration, f func()) { due = append(due, f) }
	edge := NewIconButton(theme.DeleteIcon(), "A tip long enough to leave the window on the right", nil)
	edge.later = b.later
	root := container.New(ws, container.NewBorder(nil, nil, b, edge), ws.tips)
	w := a.NewWindow("tips")
	defer w.Close()
	w.SetContent(root)
	w.Resize(fyne.NewSize(400, 300))
	c := w.Canvas()
	run := func() {
		for _, f := range due {
			f()
		}
		due = nil
	}

	test.MoveMouse(c, centre(b))
	if b.TipShown() {
		t.Fatal("the tip showed before the delay")
	}
	run()
	if !b.TipShown() || len(ws.tips.Objects) != 1 {
		t.Fatalf("no tip after the delay (%d in the layer)", len(ws.tips.Objects))
	}
	test.MoveMouse(c, fyne.NewPos(200, 150))
	if b.TipShown() || len(ws.tips.Objects) != 0 {
		t.Error("the tip stayed after the pointer left")
	}
	// Leave before the delay: the late timer shows nothing.
	test.MoveMouse(c, centre(b))
	test.MoveMouse(c, fyne.NewPos(200, 150))
	run()
	if b.TipShown() {
		t.Error("a late timer showed the tip after the pointer left")
	}
	test.MoveMouse(c, centre(b))
	run()
	test.Tap(b)
	if b.TipShown() || tapped != 1 {
		t.Errorf("after a tap: tip shown %v, tapped %d", b.TipShown(), tapped)
	}
	// Near the right edge the tip moves left to stay inside the window.
	test.MoveMouse(c, centre(edge))
	run()
	if len(ws.tips.Objects) != 1 {
		t.Fatal("no tip for the button at the edge")
	}
	tip := ws.tips.Objects[0]
	if right := tip.Position().X + tip.Size().Width; right > ws.tips.Size().Width+0.5 {
		t.Errorf("the tip ends at x=%.0f, past the window's %.0f", right, ws.tips.Size().Width)
	}
}

func centre(o fyne.CanvasObject) fyne.Position {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return p.AddXY(o.Size().Width/2, o.Size().Height/2)
}
