// Package viewstest drives the Salesplan window in tests with Fyne's test
// driver: a workspace in a temp dir, the UI on it, and helpers to read
// what a page shows.
package viewstest

import (
	"fmt"

	"salesplan/data/datatest"
	"salesplan/views/uitext"

	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/data"
	"salesplan/views"
)

// Now is the fixed clock of the tests.
func Now() time.Time { return datatest.Now }

// Open opens (or creates) the workspace at path with every step's tables
// declared; its clock ticks one second per call, from Now.
func Open(t testing.TB, path string) *data.DB { return datatest.Open(t, path) }

// OpenTemp opens a new workspace in a temp dir.
func OpenTemp(t testing.TB) *data.DB {
	t.Helper()
	return Open(t, filepath.Join(t.TempDir(), "ws.salesplan"))
}

// NewUI opens the window on db with the given pages (in a 1100×720
// window) and waits until it shows its first screen.
func NewUI(t testing.TB, db *data.DB, pages views.Pages) *views.UI {
	t.Helper()
	u, err := views.New(test.NewTempApp(t), db, views.Options{Locale: app.LocaleFor("en_US"), Now: Now,
		Registry: steps.Registry(), Pages: pages, Log: t.Logf, QueueResults: true})
	if err != nil {
		t.Fatal(err)
	}
	u.Wait()
	u.Window().Resize(fyne.NewSize(1100, 720))
	t.Cleanup(u.Shutdown)
	return u
}

// Seed adds three plans of two businesses and skips the first-run demo.
func Seed(t testing.TB, db *data.DB) []app.Plan { return datatest.Seed(t, db) }

// Open shows plan id on page step and waits until it is built.
func OpenPlan(t testing.TB, u *views.UI, id string, step app.StepID) *views.PlanScreen {
	t.Helper()
	u.OpenPlan(id)
	u.Wait()
	ps := u.Plan()
	if ps == nil || ps.Data().Plan.ID != id {
		t.Fatalf("plan %s did not open", id)
	}
	ps.Show(step)
	u.Wait()
	return ps
}

// Text collects the text of every label and card title under o.
func Text(o fyne.CanvasObject) string { return uitext.Of(o) }

// Eventually polls cond until it holds (for autosaves, which run on their
// own timer), failing after 10 s.
func Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// FindButton returns the visible button labelled text on the canvas or in
// one of its dialogs (the newest first), or nil.
func FindButton(c fyne.Canvas, text string) *widget.Button {
	roots := []fyne.CanvasObject{}
	overlays := c.Overlays().List()
	for i := len(overlays) - 1; i >= 0; i-- {
		roots = append(roots, overlays[i])
	}
	roots = append(roots, c.Content())
	for _, r := range roots {
		for _, o := range test.LaidOutObjects(r) {
			if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
				return b
			}
		}
	}
	return nil
}

// GoldenSizes are the window sizes pages are kept at as golden markup: the
// smallest window the app supports and a wide screen.
var GoldenSizes = []fyne.Size{{Width: 1024, Height: 700}, {Width: 1920, Height: 1080}}

// GoldenName is the golden file of page at size: "page-budget-1024x700.xml".
func GoldenName(page string, size fyne.Size) string {
	return fmt.Sprintf("%s-%.0fx%.0f.xml", page, size.Width, size.Height)
}

// OpenDemo opens the first-run demo plan with pages (skipped under -short:
// it creates the demo history) and shows page step ("" leaves the page
// the window opened on).
func OpenDemo(t testing.TB, pages views.Pages, step app.StepID) (*data.DB, *views.UI, *views.PlanScreen) {
	t.Helper()
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := OpenTemp(t)
	u := NewUI(t, db, pages)
	ps := u.Plan()
	if ps == nil || !ps.Data().Plan.IsDemo {
		t.Fatal("the first run did not open the demo plan")
	}
	if step != "" {
		ps.Show(step)
		u.Wait()
	}
	return db, u, ps
}
