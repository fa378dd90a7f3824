package budget

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/budget"
	"salesplan/app/steps"
	"salesplan/data"
	"salesplan/views"
	"salesplan/views/viewstest"
)

var ctx = context.Background()

// seeded opens the first seeded plan (no history) on step 5 in a window of
// the locale and builds a budget view of it.
func seeded(t *testing.T, locale string) (*data.DB, *views.UI, *views.PlanScreen, *budgetView) {
	t.Helper()
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	u, err := views.New(test.NewTempApp(t), db, views.Options{Locale: app.LocaleFor(locale), Now: viewstest.Now,
		Registry: steps.Registry(), Pages: views.Pages{app.StepBudget: Page}, Log: t.Logf, QueueResults: true})
	if err != nil {
		t.Fatal(err)
	}
	u.Wait()
	u.Window().Resize(fyne.NewSize(1100, 720))
	t.Cleanup(u.Shutdown)
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.StepBudget)
	return db, u, ps, newBudgetView(ps)
}

// typed returns the figures of the first typed line.
func typed(f *model.Figures) model.ExpenseLine {
	for _, l := range f.Lines {
		if l.Typed >= 0 {
			return l
		}
	}
	return model.ExpenseLine{}
}

func storedLines(t *testing.T, db *data.DB, u *views.UI, ps *views.PlanScreen) []model.Line {
	t.Helper()
	u.Flush()
	var ls []model.Line
	if err := db.Rows(ctx, model.TableLines, ps.Data().Plan.ID, &ls); err != nil {
		t.Fatal(err)
	}
	return ls
}

func TestAddALineTypeAnAmountAndSeeTheMonths(t *testing.T) {
	for _, c := range []struct{ locale, typed, monthly string }{
		{"en_US", "12,000.60", "1,000.05"},
		{"de_DE", "12.000,60", "1.000,05"},
	} {
		t.Run(c.locale, func(t *testing.T) {
			db, u, ps, v := seeded(t, c.locale)
			v.addLine()
			u.Wait()
			if len(v.rows) != 1 {
				t.Fatalf("%d line editors after adding a line", len(v.rows))
			}
			r := v.rows[0]
			r.kind.SetSelected(model.KindLabel("travel"))
			r.name.SetText("Customer visits")
			test.Type(r.annual, c.typed)
			u.Wait()
			f := model.FiguresOf(ps.Data())
			if f.ExpenseTotal != 1_200_060 || typed(f).Months[0] != 100_005 || typed(f).Months[11] != 100_005 {
				t.Fatalf("figures after typing %q: total %d, lines %+v", c.typed, f.ExpenseTotal, f.Lines)
			}
			if !strings.Contains(r.preview.Text, "plan period") || !strings.Contains(viewstest.Text(v.content), c.monthly) {
				t.Errorf("months not shown: %q\n%s", r.preview.Text, viewstest.Text(v.content))
			}
			ls := storedLines(t, db, u, ps)
			if len(ls) != 1 || ls[0].Annual != 1_200_060 || ls[0].Kind != "travel" || ls[0].Name != "Customer visits" {
				t.Errorf("stored %+v", ls)
			}
			// bad input is explained next to the field and loses nothing
			r.annual.SetText("-5")
			if !strings.Contains(r.annualF.Message(), "cannot be negative") {
				t.Errorf("negative amount: %q", r.annualF.Message())
			}
			r.annual.SetText("1000000000000000")
			if !strings.Contains(r.annualF.Message(), "too large") {
				t.Errorf("10^15: %q", r.annualF.Message())
			}
			r.name.SetText("  ")
			if !strings.Contains(r.nameF.Message(), "Name the expense line") {
				t.Errorf("empty name: %q", r.nameF.Message())
			}
			if ls := storedLines(t, db, u, ps); ls[0].Annual != 1_200_060 || ls[0].Name != "Customer visits" {
				t.Errorf("bad input was saved: %+v", ls[0])
			}
		})
	}
}

func TestPerMonthAmountsKeepTheSpreadAndSumToTheYear(t *testing.T) {
	db, u, ps, v := seeded(t, "en_US")
	v.addLine()
	u.Wait()
	r := v.rows[0]
	r.annual.SetText("1,200")
	r.spread.SetSelected("Per month")
	if r.monthsC.Hidden || r.months[0].Text != "€100.00" || !r.annual.Disabled() {
		t.Fatalf("per month: shown %v, first month %q", !r.monthsC.Hidden, r.months[0].Text)
	}
	r.months[3].SetText("400")
	u.Wait()
	f := model.FiguresOf(ps.Data())
	if f.ExpenseTotal != 150_000 || typed(f).Months[3] != 40_000 || r.annual.Text != "€1,500.00" {
		t.Errorf("per month: total %d, months %v, annual %q", f.ExpenseTotal, typed(f).Months, r.annual.Text)
	}
	r.months[5].SetText("-1")
	if !strings.Contains(r.monthsF[5].Message(), "cannot be negative") {
		t.Errorf("negative month: %q", r.monthsF[5].Message())
	}
	r.months[5].SetText("")
	ls := storedLines(t, db, u, ps)
	if len(ls) != 1 || ls[0].Spread != model.SpreadMonthly || ls[0].Annual != 140_000 || ls[0].Months[3] != 40_000 || ls[0].Months[5] != 0 {
		t.Errorf("stored %+v", ls)
	}
}

func TestSettingsAreCheckedAndSaved(t *testing.T) {
	db, u, ps, v := seeded(t, "de_DE")
	v.margin.SetText("150")
	if !strings.Contains(v.marginF.Message(), "between 0 % and 100 %") {
		t.Errorf("margin 150 %%: %q", v.marginF.Message())
	}
	v.margin.SetText("42,5 %")
	v.attainment.SetText("110")
	v.source.SetSelected(toTarget)
	u.Wait()
	u.Flush()
	var ss []model.Settings
	if err := db.Rows(ctx, model.TableSettings, ps.Data().Plan.ID, &ss); err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 || ss[0].MarginBP != 4250 || ss[0].AttainmentBP != 11000 || ss[0].RevenueSource != model.FromTarget {
		t.Errorf("stored settings %+v", ss)
	}
	// no target and no history: the page says what to do
	if text := viewstest.Text(v.content); !strings.Contains(text, "no revenue target to budget to") {
		t.Errorf("budget to a missing target: %s", text)
	}
}

func TestBudgetToTheTargetOnTheDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := viewstest.OpenTemp(t)
	u := viewstest.NewUI(t, db, views.Pages{app.StepBudget: Page}) // first run: the demo plan
	ps := u.Plan()
	ps.Show(app.StepBudget)
	u.Wait()
	v := newBudgetView(ps)
	pd := ps.Data()
	before := model.FiguresOf(pd)
	target := pd.Figures.Target
	if before.RevenueSource != model.FromForecast || target.FromForecast || target.Amount <= 0 || pd.Figures.Status[app.StepBudget] != app.Complete {
		t.Fatalf("demo budget: %s, target %+v, status %v", before.RevenueSource, target, pd.Figures.Status[app.StepBudget])
	}
	v.source.SetSelected(toTarget)
	u.Wait()
	f := model.FiguresOf(ps.Data())
	if f.RevenueTotal != target.Amount || f.RevenueSource != model.FromTarget {
		t.Fatalf("budget to target: %d, want %d", f.RevenueTotal, target.Amount)
	}
	// the target follows the forecast's shape: the biggest forecast month stays the biggest
	big := 0
	for i := range before.Revenue {
		if before.Revenue[i] > before.Revenue[big] {
			big = i
		}
	}
	for i := range f.Revenue {
		if f.Revenue[i] > f.Revenue[big] {
			t.Errorf("month %d (%d) above the forecast's peak month %d (%d)", i, f.Revenue[i], big, f.Revenue[big])
		}
	}
	if !strings.Contains(v.summary.Text, pd.Locale.Money(target.Amount, pd.Currency)) {
		t.Errorf("summary %q", v.summary.Text)
	}
	u.Flush()
	var ss []model.Settings
	if err := db.Rows(ctx, model.TableSettings, pd.Plan.ID, &ss); err != nil || len(ss) != 1 || ss[0].RevenueSource != model.FromTarget {
		t.Errorf("stored %+v %v", ss, err)
	}
}

func TestAGroupsOwnMarginChangesTheBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := viewstest.OpenTemp(t)
	u := viewstest.NewUI(t, db, views.Pages{app.StepBudget: Page})
	ps := u.Plan()
	ps.Show(app.StepBudget)
	u.Wait()
	v := newBudgetView(ps)
	if len(v.groupE) != 4 || v.groupNames[3] != "Service contracts" || v.groupE[3].Text != "60.0 %" {
		t.Fatalf("group margin fields: %v %d", v.groupNames, len(v.groupE))
	}
	before := model.FiguresOf(ps.Data()).MarginTotal
	v.groupE[3].SetText("101")
	if !strings.Contains(v.groupF[3].Message(), "Service contracts lies between 0 % and 100 %") {
		t.Errorf("101 %%: %q", v.groupF[3].Message())
	}
	v.groupE[3].SetText("")
	u.Wait()
	f := model.FiguresOf(ps.Data())
	if f.Groups[3].Own || f.Groups[3].MarginBP != 3800 || f.MarginTotal >= before {
		t.Errorf("service back to the default: %+v, margin %d (was %d)", f.Groups[3], f.MarginTotal, before)
	}
	u.Flush()
	var ss []model.Settings
	if err := db.Rows(ctx, model.TableSettings, ps.Data().Plan.ID, &ss); err != nil || len(ss) != 1 || len(ss[0].GroupMargins) != 3 {
		t.Errorf("stored %+v %v", ss, err)
	}
}

func TestDeleteALine(t *testing.T) {
	db, u, ps, v := seeded(t, "en_US")
	v.addLine()
	u.Wait()
	v.rows[0].annual.SetText("500")
	u.Wait()
	test.Tap(v.rows[0].del)
	yes := viewstest.FindButton(u.Window().Canvas(), "Yes")
	if yes == nil {
		t.Fatal("no confirmation before deleting")
	}
	test.Tap(yes)
	u.Wait()
	if len(v.rows) != 0 || len(model.Of(ps.Data()).Lines) != 0 || model.FiguresOf(ps.Data()).ExpenseTotal != 0 {
		t.Errorf("after delete: %d editors, %d lines", len(v.rows), len(model.Of(ps.Data()).Lines))
	}
	if ls := storedLines(t, db, u, ps); len(ls) != 0 {
		t.Errorf("still stored: %+v", ls)
	}
}

func TestARunningPlanShowsBudgetVsActual(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := viewstest.OpenTemp(t)
	u := viewstest.NewUI(t, db, views.Pages{app.StepBudget: Page}) // first run: the demo plan
	demo := u.Plan().Data()
	p, err := db.CreatePlan(ctx, app.Plan{BusinessID: demo.Business.ID, Title: "Running plan", Start: app.NewMonth(2026, 3), Months: 12, Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	ps := viewstest.OpenPlan(t, u, p.ID, app.StepBudget)
	f := model.FiguresOf(ps.Data())
	// the history runs to October 2026 (November is not finished): March–October are actual
	if len(f.Actual) < 8 || f.Actual[0].Month != p.Start || f.Actual[0].Actual <= 0 {
		t.Fatalf("actual months %+v", f.Actual)
	}
	v := newBudgetView(ps)
	if len(v.actual.Objects) != 2 || v.actual.Objects[1] != v.acChart || !holds(v.content, v.reChart) || !holds(v.content, v.scChart) {
		t.Errorf("the budget vs actual, revenue vs expenses and scenario charts are not on the page")
	}
	text := viewstest.Text(ps.PageContent())
	if !strings.Contains(text, "Variance %") || !strings.Contains(text, "Mar 2026") || strings.Contains(text, "No actual sales in the plan period yet") {
		t.Errorf("budget vs actual on the page:\n%s", text)
	}
}

// holds reports whether o is in the tree under root (cards and containers).
func holds(root, o fyne.CanvasObject) bool {
	if root == o {
		return true
	}
	switch c := root.(type) {
	case *fyne.Container:
		for _, x := range c.Objects {
			if holds(x, o) {
				return true
			}
		}
	case *widget.Card:
		return holds(c.Content, o)
	}
	return false
}
