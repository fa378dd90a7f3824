package overview

import (
	"context"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"salesplan/app"
	"salesplan/app/objectives"
	model "salesplan/app/overview"
	"salesplan/app/team"
	"salesplan/views"
	"salesplan/views/viewstest"
)

var pages = views.Pages{app.PageOverview: Page}

func needDemo(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("creates the demo history")
	}
}

func money(pd *app.PlanData, v int64) string { return pd.Locale.Money(v, pd.Currency) }

func tap(t *testing.T, u *views.UI, label string) {
	t.Helper()
	b := viewstest.FindButton(u.Window().Canvas(), label)
	if b == nil {
		t.Fatalf("no button %q", label)
	}
	test.Tap(b)
	u.Wait()
}

// TestTilesOfTheDemoPlan: the demo plan starts after its history, so the
// target and the outlook (the forecast of the whole year) have values and
// the team's conversion and rating come from the demo log; the other tiles
// say what to do.
func TestTilesOfTheDemoPlan(t *testing.T) {
	needDemo(t)
	db := viewstest.OpenTemp(t)
	u := viewstest.NewUI(t, db, pages)
	ps := u.Plan()
	ps.Show(app.PageOverview)
	u.Wait()
	pd := ps.Data()
	if pd.Forecast == nil {
		t.Fatal("the dashboard did not load the forecast")
	}
	s := pd.Forecast.Series[0]
	var fc float64
	for m := pd.Plan.Start; m <= pd.Plan.End(); m++ {
		fc += s.Result.Forecast[m-s.Start]
	}
	text := viewstest.Text(ps.PageContent())
	for _, want := range []string{
		"Revenue target", money(pd, pd.Figures.Target.Amount), "From the revenue target “Grow revenue by 8 %”.",
		"Full-year outlook", money(pd, int64(math.Round(fc))), "The forecast of the plan's 12 months; no actuals yet.",
		"The plan starts in Jan 2027; the history ends in " + pd.Locale.MonthName(pd.History.End()) + ".",
		"No sales expenses are recorded yet", "salesplan import expenses",
		"No quota attainment yet", "of proposals became orders", "Average of 46 ratings.",
		"○ Not measured yet — Grow revenue by 8 %", "Measured from the sales of the plan's months",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, text)
		}
	}
	tap(t, u, "Record expenses on step 5")
	if ps.Current() != app.StepBudget {
		t.Errorf("the expenses tile's button went to %s", ps.Current())
	}
}

// TestTilesOfARunningPlan: a plan of the demo business from Jan 2026 has
// eleven months of actuals.
func TestTilesOfARunningPlan(t *testing.T) {
	needDemo(t)
	db := viewstest.OpenTemp(t)
	u := viewstest.NewUI(t, db, pages)
	demo := u.Plan().Data()
	ctx := context.Background()
	p, err := db.CreatePlan(ctx, app.Plan{BusinessID: demo.Business.ID, Title: "Running", Start: app.NewMonth(2026, 1), Months: 12})
	if err != nil {
		t.Fatal(err)
	}
	ps := viewstest.OpenPlan(t, u, p.ID, app.PageOverview)
	pd := ps.Data()
	var ytd, lastYear int64
	h := pd.History
	for m := p.Start; m <= h.End(); m++ {
		ytd += h.Values[m-h.Start]
		lastYear += h.Values[m.Add(-12)-h.Start]
	}
	growth := float64(ytd-lastYear) / float64(lastYear)
	text := viewstest.Text(ps.PageContent())
	for _, want := range []string{"Revenue so far", money(pd, ytd), "Jan 2026 – " + pd.Locale.MonthName(h.End()) + " (" + app.Count(int(h.End()-p.Start)+1, "month", "months") + ").",
		"+" + pd.Locale.Percent(growth) + " on the same months last year (" + money(pd, lastYear) + ")", "Actuals ",
		// budgeted to the forecast, these months' budget is what was sold
		"The budget of these months is their actual sales"} {
		if !strings.Contains(text, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, text)
		}
	}
}

// TestTilesWithoutHistory: every tile says what to do, with its button.
func TestTilesWithoutHistory(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	u := viewstest.NewUI(t, db, pages)
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.PageOverview)
	text := viewstest.Text(ps.PageContent())
	for _, want := range []string{"No revenue target yet", "No sales history yet. Import a CSV or Excel file",
		"The outlook adds a forecast", "No objectives yet"} {
		if !strings.Contains(text, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, text)
		}
	}
	if viewstest.FindButton(u.Window().Canvas(), "Import sales history…") == nil {
		t.Error("no import button")
	}
	tap(t, u, "Set a revenue target")
	if ps.Current() != app.StepObjectives {
		t.Errorf("the target tile's button went to %s", ps.Current())
	}
}

// TestDashboardFollowsAnEdit: a revenue target saved elsewhere shows after
// the plan reloads, without reopening it.
func TestDashboardFollowsAnEdit(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	u := viewstest.NewUI(t, db, pages)
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.PageOverview)
	target := int64(12_345_600)
	o := objectives.Objective{PlanID: plans[0].ID, Title: "Grow", Kind: objectives.KindRevenue, Target: &target, RevenueTarget: true}
	if err := db.SaveRow(context.Background(), objectives.Table, &o); err != nil {
		t.Fatal(err)
	}
	ps.Reload()
	u.Wait()
	text := viewstest.Text(ps.PageContent())
	if !strings.Contains(text, money(ps.Data(), target)) || !strings.Contains(text, "Needs a baseline and a target") {
		t.Errorf("the dashboard did not follow the new target:\n%s", text)
	}
}

// TestDashboardShowsTheTeam: once step 6 computes the team's monitoring,
// the team's tiles show it.
func TestDashboardShowsTheTeam(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	u := viewstest.NewUI(t, db, pages)
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.PageOverview)
	pd := ps.Data()
	tf := team.FiguresOf(pd)
	tf.Performance = &team.Performance{Months: 2, Team: team.Attainment{Quota: 100_000, Actual: 95_000, BP: 9500, OK: true},
		Conversion: team.Conversion{Visits: 30, Proposals: 10, Orders: 4, ProposalToOrder: 0.4, VisitsPerOrder: 7.5, OK: true},
		Rating:     team.Rating{Average: 3.75, Count: 12}}
	app.SetStepFigures(&pd.Figures, app.StepTeam, tf)
	model.Page().Figures(pd)
	ps.Show(app.PageOverview)
	u.Wait()
	text := viewstest.Text(ps.PageContent())
	for _, want := range []string{"95.0%", money(pd, 95_000) + " of " + money(pd, 100_000), "40.0%", "of proposals became orders (4 of 10)",
		"3.8 / 5", "Average of 12 ratings."} {
		if !strings.Contains(text, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, text)
		}
	}
}
