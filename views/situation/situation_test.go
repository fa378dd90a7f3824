package situation

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/situation"
	"salesplan/views"
	"salesplan/views/viewstest"
)

var ctx = context.Background()

func pages() views.Pages { return views.Pages{app.StepSituation: Page} }

func TestScopeTypingValidationAndAutosave(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	u := viewstest.NewUI(t, db, pages())
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.StepSituation)
	f := newForm(ps)
	u.Wait()
	if got := ps.NavLabel(app.StepSituation); !strings.HasPrefix(got, "○") {
		t.Errorf("nav before typing: %q", got)
	}
	test.Type(f.products, "Coffee ☕ machines")
	test.Type(f.author, "Łukasz")
	if got := ps.NavLabel(app.StepSituation); !strings.HasPrefix(got, "◐") {
		t.Errorf("nav after typing: %q", got)
	}
	// An invalid value shows its message and never reaches the store.
	f.months.SetText("99")
	if msg := f.fields["months"].Message(); !strings.Contains(msg, "60") {
		t.Errorf("months message: %q", msg)
	}
	// Autosave: the edit is stored shortly after typing stops, without any
	// explicit save or navigation.
	viewstest.Eventually(t, "the autosave", func() bool {
		got, _ := db.Plan(ctx, plans[0].ID)
		return got.Author == "Łukasz"
	})
	got, _ := db.Plan(ctx, plans[0].ID)
	if got.Products != "Coffee ☕ machines" || got.Months != 12 {
		t.Errorf("stored plan: products %q months %d", got.Products, got.Months)
	}
	f.months.SetText("6")
	if f.fields["months"].HasError() {
		t.Error("valid months still flagged")
	}
	u.Flush()
	if got, _ := db.Plan(ctx, plans[0].ID); got.Months != 6 {
		t.Errorf("months after a valid value: %d", got.Months)
	}
}

func TestSWOTAddMoveDeleteUndo(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	u := viewstest.NewUI(t, db, pages())
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.StepSituation)
	sw := newSWOTView(ps)
	u.Wait()
	// Add two items the way the dialog does (two with the same text stay
	// two items), then move and delete.
	for _, txt := range []string{"Loyal customers", "Good service", "Good service"} {
		sw.save(model.SWOTItem{Quadrant: "S", Text: txt, Impact: 4})
		u.Wait()
	}
	items := model.Of(ps.Data()).SWOT
	if len(items) != 3 || !strings.Contains(viewstest.Text(sw.box), "★★★★☆ 4  Loyal customers") {
		t.Fatalf("SWOT grid: %s", viewstest.Text(sw.box))
	}
	sw.move(items[1].ID, -1)
	u.Wait()
	items = model.Of(ps.Data()).SWOT
	if items[0].Text != "Good service" {
		t.Errorf("order after move: %v", items)
	}
	if got := ps.NavLabel(app.StepSituation); !strings.HasPrefix(got, "◐") {
		t.Errorf("nav %q", got)
	}
	// Delete through the confirmation, then Undo.
	gone := items[0]
	ps.ConfirmDelete("Delete?", gone.Text, model.TableSWOT, gone.ID, sw.reload)
	test.Tap(findButton(t, u, "Yes"))
	u.Wait()
	if n := len(model.Of(ps.Data()).SWOT); n != 2 {
		t.Fatalf("after delete: %d items", n)
	}
	test.Tap(findButton(t, u, "Undo"))
	u.Wait()
	if n := len(model.Of(ps.Data()).SWOT); n != 3 {
		t.Errorf("after undo: %d items", n)
	}
}

func TestProcessMapBottleneckMoves(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	for _, st := range model.DefaultStages() {
		st.PlanID = plans[0].ID
		if err := db.SaveRow(ctx, model.TableStages, &st); err != nil {
			t.Fatal(err)
		}
	}
	u := viewstest.NewUI(t, db, pages())
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.StepSituation)
	pv := newProcessView(ps)
	u.Wait()
	if len(pv.rows) != 5 {
		t.Fatalf("%d rows", len(pv.rows))
	}
	for i, v := range []string{"1000", "600", "120", "80", "30"} {
		pv.rows[i].volume.SetText(v)
	}
	if !strings.Contains(pv.rows[2].conversion.Text, "bottleneck") || !strings.Contains(pv.sentence.Text, "Contact → Visit") {
		t.Errorf("bottleneck at visit expected: %q / %q", pv.rows[2].conversion.Text, pv.sentence.Text)
	}
	// Raise the visits: the bottleneck moves to the proposals.
	pv.rows[2].volume.SetText("400")
	if !strings.Contains(pv.rows[3].conversion.Text, "bottleneck") || strings.Contains(pv.rows[2].conversion.Text, "bottleneck") {
		t.Errorf("bottleneck did not move: %q / %q", pv.rows[2].conversion.Text, pv.rows[3].conversion.Text)
	}
	// A negative volume is explained and not saved.
	pv.rows[1].volume.SetText("-5")
	if !pv.rows[1].msg.Visible() {
		t.Error("negative volume not flagged")
	}
	u.Flush()
	var saved []model.ProcessStage
	db.Rows(ctx, model.TableStages, plans[0].ID, &saved)
	if saved[2].Volume != 400 || saved[1].Volume != 600 {
		t.Errorf("saved volumes %d %d", saved[2].Volume, saved[1].Volume)
	}
}

// findButton returns the button labelled text in the window or its dialogs.
func findButton(t *testing.T, u *views.UI, text string) *widget.Button {
	t.Helper()
	if b := viewstest.FindButton(u.Window().Canvas(), text); b != nil {
		return b
	}
	t.Fatalf("no %q button", text)
	return nil
}

func TestScopeIsAnExplicitChoice(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := viewstest.OpenTemp(t)
	u := viewstest.NewUI(t, db, pages()) // the demo plan
	ps := u.Plan()
	f := newForm(ps)
	u.Wait()
	if !f.allGroups.Checked || !f.groups.Disabled() || len(f.groups.Options) != 4 {
		t.Fatalf("all groups: checked %v, list disabled %v, %d options", f.allGroups.Checked, f.groups.Disabled(), len(f.groups.Options))
	}
	f.allGroups.SetChecked(false)
	if msg := f.fields["groups"].Message(); !strings.Contains(msg, "Tick at least one product group") {
		t.Errorf("no group ticked: %q", msg)
	}
	f.groups.SetSelected([]string{"Grinders"})
	u.Wait()
	u.Flush()
	if p, _ := db.Plan(ctx, ps.Data().Plan.ID); len(p.Scope.ProductGroups) != 1 || p.Scope.ProductGroups[0] != "Grinders" {
		t.Errorf("saved scope %v", p.Scope.ProductGroups)
	}
	f.allGroups.SetChecked(true)
	u.Wait()
	u.Flush()
	if p, _ := db.Plan(ctx, ps.Data().Plan.ID); len(p.Scope.ProductGroups) != 0 || len(f.groups.Selected) != 0 {
		t.Errorf("back to all: saved %v, ticked %v", p.Scope.ProductGroups, f.groups.Selected)
	}
}

func TestThePlanKeepsItsLocale(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	u := viewstest.NewUI(t, db, pages())
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.StepSituation)
	f := newForm(ps)
	u.Wait()
	var german string
	for _, o := range f.locale.Options {
		if strings.HasPrefix(o, "de_DE — ") {
			german = o
		}
	}
	if german == "" || !strings.Contains(german, "1.234,50") {
		t.Fatalf("no German choice with its example: %q", f.locale.Options)
	}
	f.locale.SetSelected(german)
	u.Wait()
	if p, _ := db.Plan(ctx, plans[0].ID); p.Locale != "de_DE" {
		t.Errorf("saved locale %q", p.Locale)
	}
	if ps.Data().Locale.Tag != "de_DE" || ps.Data().Locale.Money(123450, ps.Data().Currency) != "1.234,50\u00a0€" {
		t.Errorf("the plan is not shown in its locale: %s", ps.Data().Locale.Tag)
	}
}

func TestSWOTItemsGoInInline(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	u := viewstest.NewUI(t, db, pages())
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.StepSituation)
	sw := newSWOTView(ps)
	u.Wait()
	e := sw.quick["O"]
	test.Type(e, "Hotels renovating")
	e.OnSubmitted(e.Text)
	u.Wait()
	items := model.Of(ps.Data()).SWOT
	if len(items) != 1 || items[0].Text != "Hotels renovating" || items[0].Quadrant != "O" || items[0].Impact != 3 {
		t.Fatalf("items after Enter: %+v", items)
	}
	if sw.quick["O"].Text != "" {
		t.Error("the inline entry kept its text")
	}
	// An empty item is explained and nothing is saved.
	sw.quick["W"].OnSubmitted("   ")
	u.Wait()
	if n := len(model.Of(ps.Data()).SWOT); n != 1 {
		t.Errorf("an empty item was saved: %d items", n)
	}
}
