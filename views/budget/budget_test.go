package budget

import (
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/views"
	"salesplan/views/viewstest"
)

func TestBudgetPageShowsForecast(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := viewstest.OpenTemp(t)
	u := viewstest.NewUI(t, db, views.Pages{app.StepBudget: Page}) // first run: the demo plan
	ps := u.Plan()
	ps.Show(app.StepBudget)
	u.Wait()
	if ps.Data().Forecast == nil || !ps.Data().Figures.Forecast.OK {
		t.Fatal("no forecast in the plan's figures")
	}
	text := viewstest.Text(ps.PageContent())
	for _, want := range []string{"Forecast with", "Plan period total", "The forecast per month of the plan period", "Jan 2027", "How accurate each method was"} {
		if !strings.Contains(text, want) {
			t.Errorf("budget page lacks %q:\n%s", want, text)
		}
	}
}

func TestBudgetPageWithoutHistory(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	u := viewstest.NewUI(t, db, views.Pages{app.StepBudget: Page})
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.StepBudget)
	if text := viewstest.Text(ps.PageContent()); !strings.Contains(text, "No sales history yet") {
		t.Errorf("budget page without history: %s", text)
	}
}
