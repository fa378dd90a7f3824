package budget

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"salesplan/app"
	model "salesplan/app/budget"
	"salesplan/data"
	"salesplan/views"
	"salesplan/views/viewstest"
)

func storedScenarios(t *testing.T, db *data.DB, u *views.UI, ps *views.PlanScreen) ([]model.ScenarioDef, []model.Settings) {
	t.Helper()
	u.Flush()
	var ds []model.ScenarioDef
	var ss []model.Settings
	if err := db.Rows(ctx, model.TableScenarios, ps.Data().Plan.ID, &ds); err != nil {
		t.Fatal(err)
	}
	if err := db.Rows(ctx, model.TableSettings, ps.Data().Plan.ID, &ss); err != nil {
		t.Fatal(err)
	}
	return ds, ss
}

func TestDefineAScenarioAndChooseItAsThePlansBudget(t *testing.T) {
	db, u, ps, v := seeded(t, "en_US")
	v.addLine()
	u.Wait()
	v.rows[0].annual.SetText("1,200")
	v.addScenario()
	u.Wait()
	if len(v.sv.rows) != 1 {
		t.Fatalf("%d scenario editors after adding one", len(v.sv.rows))
	}
	r := v.sv.rows[0]
	r.name.SetText("Price war")
	// bad input is explained next to the field and not saved
	r.rev.SetText("−100 %")
	if !strings.Contains(r.revF.Message(), "−100 % or below") {
		t.Errorf("−100 %%: %q", r.revF.Message())
	}
	r.rev.SetText("-250")
	if !strings.Contains(r.revF.Message(), "−100 % or below") {
		t.Errorf("−250 %%: %q", r.revF.Message())
	}
	r.exp.SetText("lots")
	if r.expF.Message() == "" {
		t.Errorf("no message for %q", r.exp.Text)
	}
	r.rev.SetText("+10")
	r.exp.SetText("−20 %")
	u.Wait()
	if r.revF.HasError() || r.expF.HasError() {
		t.Fatalf("valid changes refused: %q %q", r.revF.Message(), r.expF.Message())
	}
	f := model.FiguresOf(ps.Data())
	if len(f.Scenarios) != 2 || f.Scenarios[1].Name != "Price war" || f.Scenarios[1].Expenses != 96_000 || f.Chosen != -1 {
		t.Fatalf("scenarios %+v chosen %d", f.Scenarios, f.Chosen)
	}
	text := viewstest.Text(v.content)
	if !strings.Contains(text, "Price war: revenue +10.0%, sales expenses other than commissions -20.0%.") {
		t.Errorf("scenario not side by side:\n%s", text)
	}
	if ps.Data().Figures.Status[app.StepBudget] == app.Complete {
		t.Errorf("complete without a chosen scenario")
	}
	if len(v.actual.Objects) != 1 || !holds(v.content, v.scChart) || !holds(v.content, v.reChart) {
		t.Errorf("charts: the budget vs actual chart without actual sales, or the scenario chart missing")
	}
	if c := model.ScenarioChart(ps.Data()); len(c.Labels) != 2 || c.Labels[1] != "Price war" {
		t.Errorf("scenario chart %v", c.Labels)
	}
	if len(v.sv.choose.Options) != 2 {
		t.Fatalf("choices %v", v.sv.choose.Options)
	}
	v.sv.choose.SetSelected("Price war")
	u.Wait()
	if f := model.FiguresOf(ps.Data()); f.Chosen != 1 {
		t.Errorf("chosen %d", f.Chosen)
	}
	ds, ss := storedScenarios(t, db, u, ps)
	if len(ds) != 1 || ds[0].Name != "Price war" || ds[0].RevenueBP != 1000 || ds[0].ExpenseBP != -2000 || !ds[0].Chosen {
		t.Errorf("stored scenarios %+v", ds)
	}
	if len(ss) != 1 || ss[0].Scenario != model.ChosenCustom {
		t.Errorf("stored settings %+v", ss)
	}
	// back to the base: the choice is the settings' again
	v.sv.choose.SetSelected("Base")
	u.Wait()
	if _, ss := storedScenarios(t, db, u, ps); len(ss) != 1 || ss[0].Scenario != model.ScenarioBase {
		t.Errorf("stored settings %+v", ss)
	}
	// deleting the scenario asks first
	test.Tap(r.del)
	yes := viewstest.FindButton(u.Window().Canvas(), "Yes")
	if yes == nil {
		t.Fatal("no confirmation before deleting")
	}
	test.Tap(yes)
	u.Wait()
	if ds, _ := storedScenarios(t, db, u, ps); len(ds) != 0 || len(v.sv.rows) != 0 || len(v.sv.choose.Options) != 1 {
		t.Errorf("after delete: stored %+v, %d editors, options %v", ds, len(v.sv.rows), v.sv.choose.Options)
	}
}

// TestScenariosSideBySideFitTheSmallestWindow adds scenarios to the demo
// plan one by one: the budget page keeps within a 1024 px window.
func TestScenariosSideBySideFitTheSmallestWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := viewstest.OpenTemp(t)
	u := viewstest.NewUI(t, db, views.Pages{app.StepBudget: Page}) // first run: the demo plan
	id := u.Plan().Data().Plan.ID
	for i, name := range []string{"Distributor", "Price war", "Recession"} {
		d := model.ScenarioDef{PlanID: id, Name: name, RevenueBP: int64(i-1) * 1500, ExpenseBP: 500}
		if err := db.SaveRow(ctx, model.TableScenarios, &d); err != nil {
			t.Fatal(err)
		}
		ps := viewstest.OpenPlan(t, u, id, app.StepBudget)
		if f := model.FiguresOf(ps.Data()); len(f.Scenarios) != 4+i {
			t.Fatalf("%d scenarios", len(f.Scenarios))
		}
		if need := u.Window().Content().MinSize().Width; need > 1024 {
			t.Errorf("with %d scenarios of the user the budget page needs %.0f px, more than a 1024 px window", i+1, need)
		}
	}
}
