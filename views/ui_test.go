package views

import (
	"fmt"

	"salesplan/data/datatest"
	"salesplan/views/uitext"

	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/data"
)

var ctx = context.Background()

func fixedNow() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }

// openWorkspace opens a temp workspace (Seed skips the first-run demo).
func openWorkspace(t *testing.T, path string) *data.DB { return datatest.Open(t, path) }

// newTestUI opens the window on db without step pages (the shell alone;
// each step's package tests its page) and waits for its first screen.
func newTestUI(t *testing.T, db *data.DB) *UI {
	t.Helper()
	u, err := New(test.NewTempApp(t), db, Options{Locale: app.LocaleFor("en_US"), Now: fixedNow, Registry: steps.Registry(), Log: t.Logf, QueueResults: true})
	if err != nil {
		t.Fatal(err)
	}
	u.Wait()
	u.win.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(u.Shutdown)
	return u
}

func seed(t *testing.T, db *data.DB) []app.Plan { return datatest.Seed(t, db) }

func TestHomeListsPlansGroupedByBusiness(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	seed(t, db)
	u := newTestUI(t, db)
	if u.plan != nil {
		t.Fatal("opened a plan instead of Home")
	}
	var rows []string
	for _, it := range u.home.items {
		if it.isHeader {
			rows = append(rows, "# "+it.header)
		} else {
			rows = append(rows, it.plan.Title)
		}
	}
	// Last created first: Müller's newest plan, then Acme.
	want := "# Müller & Søn GmbH|Export plan 2028|Sales plan 2027|# Acme Ltd|Growth plan 2027"
	if got := strings.Join(rows, "|"); got != want {
		t.Errorf("home rows\n got %s\nwant %s", got, want)
	}
	for _, size := range goldenSizes {
		u.win.Resize(size)
		test.AssertRendersToMarkup(t, fmt.Sprintf("home-%.0fx%.0f.xml", size.Width, size.Height), u.win.Canvas())
	}

	test.Type(u.home.search, "acme")
	u.Wait()
	if len(u.home.items) != 2 || u.home.items[1].plan.Title != "Growth plan 2027" {
		t.Errorf("search: %+v", u.home.items)
	}
}

func TestCreatePlanAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.salesplan")
	db := openWorkspace(t, path)
	db.SetSetting(ctx, "first_run_done", "1")
	u := newTestUI(t, db)
	if !u.home.empty.Visible() {
		t.Error("empty workspace shows no empty state")
	}
	f := u.home.newPlanFields(nil)
	f.business.SetText("Ελλάδα Trading")
	f.title.SetText("Plan 2027")
	if err := f.months.Validate(); err != nil {
		t.Fatal(err)
	}
	var p app.Plan
	var err error
	f.create(u, func(cp app.Plan, cerr error) { p, err = cp, cerr })
	u.Wait()
	if err != nil || p.ID == "" || p.BusinessName != "Ελλάδα Trading" {
		t.Fatalf("created %+v, %v", p, err)
	}
	u.OpenPlan(p.ID)
	u.Wait()
	if u.plan == nil || u.plan.current != app.PageOverview {
		t.Fatal("new plan not opened on Overview")
	}
	u.plan.Show(app.StepObjectives)
	u.Wait()
	u.Shutdown()

	// Reopen the workspace: the plan and the step come back.
	db2 := openWorkspace(t, path)
	_ = db.Close()
	u2 := newTestUI(t, db2)
	if u2.plan == nil || u2.plan.pd.Plan.ID != p.ID || u2.plan.current != app.StepObjectives {
		t.Fatalf("reopen did not restore the plan and step")
	}
}

func TestNavigateEveryStep(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.OpenPlan(plans[0].ID)
	u.Wait()
	var seen []app.StepID
	for i := 0; i < 10; i++ {
		seen = append(seen, u.plan.current)
		u.plan.step(1)
		u.Wait()
	}
	if len(seen) < 8 || seen[0] != app.PageOverview || seen[7] != app.PageExport || seen[9] != app.PageExport {
		t.Errorf("Next walked %v", seen)
	}
	// A pending step shows what it will hold, with its heading.
	u.plan.Show(app.StepTeam)
	md := markupText(u.plan.page)
	if !strings.Contains(md, "Step 6 of 6 — Sales team") || !strings.Contains(md, "has no page in this window") {
		t.Errorf("team page text: %s", md)
	}
	u.plan.Show(app.StepBudget)
	u.plan.step(-1)
	if u.plan.current != app.StepSOP {
		t.Errorf("Back went to %s", u.plan.current)
	}
	// Tapping a navigation entry shows that page.
	u.plan.nav.Select(1)
	u.Wait()
	if u.plan.current != app.StepSituation {
		t.Errorf("nav select went to %s", u.plan.current)
	}
}

func TestDeleteUndoAndRestore(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.home.deletePlan(plans[1])
	u.Wait()
	if n := countPlans(u); n != 2 {
		t.Fatalf("after delete: %d plans listed", n)
	}
	if !u.home.undoBar.Visible() {
		t.Fatal("no Undo after delete")
	}
	test.Tap(u.home.undoBtn)
	u.Wait()
	if n := countPlans(u); n != 3 {
		t.Fatalf("after undo: %d plans listed", n)
	}
	u.home.deletePlan(plans[2])
	u.Wait()
	trash, _ := db.Plans(ctx, data.PlanFilter{Trash: true})
	if len(trash) != 1 || trash[0].ID != plans[2].ID {
		t.Fatalf("trash: %+v", trash)
	}
	db.RestorePlan(ctx, plans[2].ID)
	u.home.reload()
	u.Wait()
	if n := countPlans(u); n != 3 {
		t.Fatalf("after restore: %d", n)
	}
}

func TestFirstRunOpensDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	u := newTestUI(t, db)
	if u.plan == nil || !u.plan.pd.Plan.IsDemo || len(u.plan.pd.History.Values) != 36 {
		t.Fatal("first run did not open the demo plan with its history")
	}
}

func countPlans(u *UI) int {
	n := 0
	for _, it := range u.home.items {
		if !it.isHeader {
			n++
		}
	}
	return n
}

// markupText collects the text of every label under o.
func markupText(o fyne.CanvasObject) string { return uitext.Of(o) }

// The window size is saved from a goroutine other than the UI's (as the
// SIGTERM handler does), from the size the window was last laid out at.
func TestWindowSizeSavedOffTheUIGoroutine(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	u := newTestUI(t, db)
	fyne.DoAndWait(func() { u.win.Resize(fyne.NewSize(1300, 760)) })
	done := make(chan struct{})
	go func() { u.saveWindowSize(); close(done) }()
	<-done
	for key, want := range map[string]string{"window.width": "1300", "window.height": "760"} {
		got, err := db.Setting(ctx, key, "")
		if err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", key, got, err, want)
		}
	}
}

// goldenSizes are the window sizes of the golden markup: the smallest
// window and a wide screen (as viewstest.GoldenSizes).
var goldenSizes = []fyne.Size{{Width: 1024, Height: 700}, {Width: 1920, Height: 1080}}
