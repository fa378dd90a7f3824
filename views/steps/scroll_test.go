package steps

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/views"
	"salesplan/views/viewstest"
)

// pageScroll returns the vertical scroll of the page shown.
func pageScroll(t *testing.T, u *views.UI) *container.Scroll {
	t.Helper()
	for _, o := range test.LaidOutObjects(u.Plan().PageContent()) {
		if sc := scrollOf(o); sc != nil && sc.Direction == container.ScrollVerticalOnly {
			return sc
		}
	}
	t.Fatal("no page scroll")
	return nil
}

// scrollOf returns the container.Scroll inside o (the page's own scroll
// type embeds one).
func scrollOf(o fyne.CanvasObject) *container.Scroll {
	switch s := o.(type) {
	case *container.Scroll:
		return s
	case interface{ Embedded() *container.Scroll }:
		return s.Embedded()
	}
	return nil
}

// centre is the absolute centre of o on the canvas.
func centre(o fyne.CanvasObject) fyne.Position {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return p.AddXY(o.Size().Width/2, o.Size().Height/2)
}

// The wheel over a multi-line entry and over the sideways budget table
// scrolls the page, a notch moves the page more than the toolkit's 25 px,
// and Back/Next stay in view however far the page is scrolled.
func TestTheWheelScrollsThePageEverywhere(t *testing.T) {
	_, u := demoUI(t)
	u.Window().Resize(fyne.NewSize(1024, 700))
	ps := u.Plan()
	ps.Show(app.StepSituation)
	u.Wait()
	c := u.Window().Canvas()
	page := pageScroll(t, u)

	var products *widget.Entry
	for _, o := range test.LaidOutObjects(ps.PageContent()) {
		if e, ok := o.(*widget.Entry); ok && e.MultiLine {
			products = e
			break
		}
	}
	if products == nil {
		t.Fatal("no multi-line entry on step 1")
	}
	before := page.Offset.Y
	test.Scroll(c, centre(products), 0, -25)
	if moved := page.Offset.Y - before; moved < 50 {
		t.Errorf("a wheel notch over the products entry moved the page %.0f px, want at least 50", moved)
	}
	// Over a single-line entry too (each holds a scroll of its own).
	var single *widget.Entry
	for _, o := range test.LaidOutObjects(ps.PageContent()) {
		if e, ok := o.(*widget.Entry); ok && !e.MultiLine && e.Visible() {
			single = e
		}
	}
	page.ScrollToTop()
	ps.ScrollTo(single)
	before = page.Offset.Y
	test.Scroll(c, centre(single), 0, 25)
	if page.Offset.Y >= before && before > 0 {
		t.Errorf("a wheel notch up over a one-line entry left the page at %.0f", page.Offset.Y)
	}
	next := viewstest.FindButton(c, "Next")
	if next == nil {
		t.Fatal("no Next button")
	}
	page.ScrollToBottom()
	if pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(next); pos.Y+next.Size().Height > c.Size().Height || pos.Y < 0 {
		t.Errorf("Next is at y=%.0f, outside the %0.f px window", pos.Y, c.Size().Height)
	}

}

// A new objective is scrolled into view and its title has the focus.
func TestANewObjectiveIsScrolledIntoView(t *testing.T) {
	_, u := demoUI(t)
	u.Window().Resize(fyne.NewSize(1024, 700))
	ps := u.Plan()
	ps.Show(app.StepObjectives)
	u.Wait()
	c := u.Window().Canvas()
	add := viewstest.FindButton(c, "Add objective")
	if add == nil {
		t.Fatal("no Add objective button")
	}
	test.Tap(add)
	u.Wait()
	e, ok := c.Focused().(*widget.Entry)
	if !ok {
		t.Fatalf("focus is on %T, want the new objective's title", c.Focused())
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	if pos.Y < 0 || pos.Y+e.Size().Height > c.Size().Height {
		t.Errorf("the new objective's title is at y=%.0f, outside the %.0f px window", pos.Y, c.Size().Height)
	}
}

// Every icon button on every page says what it does, and shows it when
// it gets the focus (Tab reaches it).
func TestEveryIconButtonHasATip(t *testing.T) {
	_, u := demoUI(t)
	ps := u.Plan()
	c := u.Window().Canvas()
	seen := 0
	for _, id := range ps.Registry().IDs() {
		ps.Show(id)
		u.Wait()
		for _, o := range test.LaidOutObjects(ps.PageContent()) {
			b, ok := o.(*views.IconButton)
			if !ok || !b.Visible() {
				continue
			}
			seen++
			if b.Tip == "" {
				t.Errorf("%s: an icon button without a tip", id)
			}
		}
		for _, o := range test.LaidOutObjects(ps.PageContent()) {
			if b, ok := o.(*widget.Button); ok && b.Text == "" && b.Visible() {
				t.Errorf("%s: a plain icon button without a tip (use views.NewIconButton)", id)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no icon buttons on the demo plan's pages")
	}
	ps.Show(app.StepSituation)
	u.Wait()
	for _, o := range test.LaidOutObjects(ps.PageContent()) {
		if b, ok := o.(*views.IconButton); ok && b.Visible() {
			ps.ScrollTo(b)
			c.Focus(b)
			if !b.TipShown() || !containsText(c.Content(), b.Tip) {
				t.Errorf("no tip %q when the button got the focus", b.Tip)
			}
			c.Unfocus()
			if b.TipShown() || containsText(c.Content(), b.Tip) {
				t.Error("the tip stayed after the focus left")
			}
			break
		}
	}
}

func containsText(o fyne.CanvasObject, s string) bool {
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok && l.Text == s && l.Visible() {
			return true
		}
	}
	return false
}

// TestNoFieldIsCutAtTheSmallestWindow looks at every one-line field of
// every page of the demo plan at 1024×700: its text fits the field (a
// field that scrolls its own text hides what the user typed).
func TestNoFieldIsCutAtTheSmallestWindow(t *testing.T) {
	_, u := demoUI(t)
	u.Window().Resize(fyne.NewSize(1024, 700))
	ps := u.Plan()
	for _, id := range ps.Registry().IDs() {
		ps.Show(id)
		u.Wait()
		for _, o := range test.LaidOutObjects(ps.PageContent()) {
			e, ok := o.(*widget.Entry)
			if !ok || e.MultiLine || e.Text == "" || !e.Visible() || e.Size().Width <= 0 {
				continue
			}
			need := fyne.MeasureText(e.Text, theme.TextSize(), e.TextStyle).Width + 2*theme.InnerPadding()
			if need > e.Size().Width+1 {
				t.Errorf("%s: the field holding %q is %.0f px wide, its text needs %.0f", id, e.Text, e.Size().Width, need)
			}
		}
	}
}
