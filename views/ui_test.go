package views

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/data"
)

var ctx = context.Background()

func fixedNow() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }

// openWorkspace opens a temp workspace that skips the first-run demo.
func openWorkspace(t *testing.T, path string) *data.DB {
	t.Helper()
	db, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	clock := fixedNow()
	db.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newTestUI(t *testing.T, db *data.DB) *UI {
	t.Helper()
	u, err := New(test.NewTempApp(t), db, Options{Locale: app.LocaleFor("en_US"), Now: fixedNow, Synchronous: true})
	if err != nil {
		t.Fatal(err)
	}
	u.win.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(u.Shutdown)
	return u
}

func seed(t *testing.T, db *data.DB) []app.Plan {
	t.Helper()
	db.SetSetting(ctx, "first_run_done", "1")
	var out []app.Plan
	for _, s := range []struct{ biz, title string }{
		{"Müller & Søn GmbH", "Sales plan 2027"},
		{"Acme Ltd", "Growth plan 2027"},
		{"Müller & Søn GmbH", "Export plan 2028"},
	} {
		b, err := db.FindOrCreateBusiness(ctx, s.biz, "EUR")
		if err != nil {
			t.Fatal(err)
		}
		p, err := db.CreatePlan(ctx, app.Plan{BusinessID: b.ID, Title: s.title, Start: app.NewMonth(2027, 1), Months: 12})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

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
	test.AssertRendersToMarkup(t, "home.xml", u.win.Canvas())

	test.Type(u.home.search, "acme")
	if len(u.home.items) != 2 || u.home.items[1].plan.Title != "Growth plan 2027" {
		t.Errorf("search: %+v", u.home.items)
	}
}

func TestCreatePlanTypeScopeAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.salesplan")
	db := openWorkspace(t, path)
	db.SetSetting(ctx, "first_run_done", "1")
	u := newTestUI(t, db)
	if !u.home.empty.Visible() {
		t.Error("empty workspace shows no empty state")
	}

	f := u.home.newPlanFields()
	f.business.SetText("Ελλάδα Trading")
	f.title.SetText("Plan 2027")
	if err := f.months.Validate(); err != nil {
		t.Fatal(err)
	}
	p, err := f.create(u)
	if err != nil {
		t.Fatal(err)
	}
	u.OpenPlan(p.ID)
	if u.plan == nil || u.plan.current != app.PageOverview {
		t.Fatal("new plan not opened on Overview")
	}
	u.plan.show(app.StepSituation)
	form := u.plan.situation
	if form == nil {
		t.Fatal("situation page not built")
	}
	if got := u.plan.navLabel(app.StepSituation); !strings.HasPrefix(got, "○") {
		t.Errorf("nav before typing: %q", got)
	}
	test.Type(form.products, "Coffee ☕ machines")
	test.Type(form.author, "Łukasz")
	if got := u.plan.navLabel(app.StepSituation); !strings.HasPrefix(got, "◐") {
		t.Errorf("nav after typing: %q", got)
	}
	// An invalid value shows its message and never reaches the store.
	form.months.SetText("99")
	if !form.fields["months"].hasError() || !strings.Contains(form.fields["months"].msg.Text, "60") {
		t.Errorf("months message: %q", form.fields["months"].msg.Text)
	}
	// Autosave: the edit is stored shortly after typing stops, without any
	// explicit save or navigation.
	var got app.Plan
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got, _ = db.Plan(ctx, p.ID); got.Author == "Łukasz" {
			break
		}
	}
	if got.Products != "Coffee ☕ machines" || got.Author != "Łukasz" || got.Months != 12 {
		t.Errorf("stored plan: products %q author %q months %d", got.Products, got.Author, got.Months)
	}
	form.months.SetText("6")
	if form.fields["months"].hasError() {
		t.Error("valid months still flagged")
	}
	u.Shutdown()

	// Reopen the workspace: the plan, its values and the step come back.
	db2 := openWorkspace(t, path)
	_ = db.Close()
	u2 := newTestUI(t, db2)
	if u2.plan == nil || u2.plan.pd.Plan.ID != p.ID || u2.plan.current != app.StepSituation {
		t.Fatalf("reopen did not restore the plan and step")
	}
	if u2.plan.situation.products.Text != "Coffee ☕ machines" || u2.plan.situation.months.Text != "6" {
		t.Errorf("reopened values: %q %q", u2.plan.situation.products.Text, u2.plan.situation.months.Text)
	}
}

func TestNavigateEveryStep(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.OpenPlan(plans[0].ID)
	var seen []app.StepID
	for i := 0; i < 10; i++ {
		seen = append(seen, u.plan.current)
		u.plan.step(1)
	}
	if len(seen) < 8 || seen[0] != app.PageOverview || seen[7] != app.PageExport || seen[9] != app.PageExport {
		t.Errorf("Next walked %v", seen)
	}
	// A pending step shows what it will hold, with its heading.
	u.plan.show(app.StepTeam)
	md := markupText(u.plan.page)
	if !strings.Contains(md, "Step 6 of 6 — Sales team") || !strings.Contains(md, "Not built yet. This step will hold:") {
		t.Errorf("team page text: %s", md)
	}
	// Without history the budget page says how to get a forecast.
	u.plan.show(app.StepBudget)
	if md := markupText(u.plan.page); !strings.Contains(md, "No sales history yet") {
		t.Errorf("budget page text: %s", md)
	}
	u.plan.step(-1)
	if u.plan.current != app.StepSOP {
		t.Errorf("Back went to %s", u.plan.current)
	}
	// Tapping a navigation entry shows that page.
	u.plan.nav.Select(1)
	if u.plan.current != app.StepSituation {
		t.Errorf("nav select went to %s", u.plan.current)
	}
}

func TestDeleteUndoAndRestore(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.home.deletePlan(plans[1])
	if n := countPlans(u); n != 2 {
		t.Fatalf("after delete: %d plans listed", n)
	}
	if !u.home.undoBar.Visible() {
		t.Fatal("no Undo after delete")
	}
	test.Tap(u.home.undoBtn)
	if n := countPlans(u); n != 3 {
		t.Fatalf("after undo: %d plans listed", n)
	}
	u.home.deletePlan(plans[2])
	trash, _ := db.Plans(ctx, data.PlanFilter{Trash: true})
	if len(trash) != 1 || trash[0].ID != plans[2].ID {
		t.Fatalf("trash: %+v", trash)
	}
	db.RestorePlan(ctx, plans[2].ID)
	u.home.reload()
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
	if !strings.Contains(markupText(u.plan.page), "Demo data") {
		t.Error("demo not labelled")
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
func markupText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Card:
			b.WriteString(w.Title + "\n")
			if w.Content != nil {
				walk(w.Content)
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(w.Content)
		}
	}
	walk(o)
	return b.String()
}
