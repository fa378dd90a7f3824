package overview_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"regexp"
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/app/budget"
	"salesplan/app/objectives"
	"salesplan/app/overview"
	"salesplan/app/steps"
	"salesplan/app/team"
	"salesplan/data/datatest"
)

// plan builds a 12-month plan from Jan 2026 with a flat history of 100 €
// a month from Jan 2024 to months, a budget of 110 € a month, the given
// objectives and, when set, the team's monitoring and recorded expenses.
func plan(actualMonths int, objs []objectives.Objective, perf *team.Performance, expenses bool) *app.PlanData {
	cur, _ := app.LookupCurrency("EUR")
	p := app.Plan{ID: "p", Title: "Plan", Start: app.NewMonth(2026, 1), Months: 12, Currency: "EUR"}
	pd := &app.PlanData{Plan: p, Locale: app.LocaleFor("en_US"), Currency: cur}
	pd.History = app.MonthlySeries{Start: app.NewMonth(2024, 1)}
	for m := app.NewMonth(2024, 1); m < p.Start.Add(actualMonths); m++ {
		v := int64(10000)
		if m >= p.Start {
			v = 12000 // +20 % on last year
		}
		pd.History.Values = append(pd.History.Values, v)
	}
	objectives.Of(pd).Objectives = objs
	bf := &budget.Figures{ExpenseTotal: 12 * 3000, CostRatio: 3000.0 / 11000}
	for i := 0; i < 12; i++ {
		m := p.Start.Add(i)
		bf.Months = append(bf.Months, m)
		bf.Revenue = append(bf.Revenue, 11000)
		if i < actualMonths {
			a := budget.ActualMonth{Month: m, Budget: 11000, Actual: 12000, ExpenseBudget: 3000}
			if expenses && i < 2 {
				a.HasExpenses, a.ActualExpenses = true, 3300
			}
			bf.Actual = append(bf.Actual, a)
		}
	}
	pd.Figures.Target = app.Target{Amount: 132000, Source: "the revenue target “Grow”", ObjectiveID: "o1"}
	app.SetStepFigures(&pd.Figures, app.StepBudget, bf)
	app.SetStepFigures(&pd.Figures, app.StepTeam, &team.Figures{Performance: perf})
	return pd
}

func i64(v int64) *int64 { return &v }

func TestDashboardReadsTheStepsFigures(t *testing.T) {
	perf := &team.Performance{Months: 3,
		Team: team.Attainment{Quota: 30000, Actual: 36000, BP: 12000, OK: true},
		Reps: []team.RepAttainment{{Rep: "r1", Name: "Anna", Attainment: team.Attainment{BP: 9000, OK: true}}},
		Conversion: team.Conversion{Visits: 40, Calls: 10, Contacts: 50, Proposals: 20, Orders: 5,
			VisitsPerOrder: 8, ContactsPerOrder: 10, ProposalToOrder: 0.25, OK: true},
		Rating: team.Rating{Average: 4.2, Count: 7},
		Funnel: []team.FunnelStage{{Kind: "visit", Count: 40}, {Kind: "proposal", Count: 20}, {Kind: "order", Count: 5}}}
	pd := plan(3, nil, perf, true)
	d := overview.ComputeDashboard(pd)
	if !d.YTD.OK || d.YTD.Actual != 36000 || d.YTD.Months != 3 || d.YTD.Budget != 33000 || d.YTD.LastYear != 30000 ||
		math.Abs(d.YTD.Growth-0.2) > 1e-9 || math.Abs(d.YTD.OfTarget-36000.0/132000) > 1e-9 {
		t.Errorf("ytd %+v", d.YTD)
	}
	if !d.Expenses.OK || d.Expenses.Months != 2 || d.Expenses.Actual != 6600 || d.Expenses.Budget != 6000 || d.Expenses.Variance != 600 {
		t.Errorf("expenses %+v", d.Expenses)
	}
	if !d.CostRatio.OK || math.Abs(d.CostRatio.Actual-6600.0/24000) > 1e-9 {
		t.Errorf("cost ratio %+v", d.CostRatio)
	}
	if !d.Attainment.OK || d.Attainment.BP != 12000 || !d.Conversion.OK || d.Conversion.Orders != 5 || !d.Rating.OK || d.Rating.Count != 7 {
		t.Errorf("team tiles %+v %+v %+v", d.Attainment, d.Conversion, d.Rating)
	}
	text := tileText(pd, d)
	for _, want := range []string{"€360.00", "120.0%", "25.0%", "4.2 / 5", "€66.00", "27.5%", "+20.0% on the same months last year"} {
		if !strings.Contains(text, want) {
			t.Errorf("tiles lack %q:\n%s", want, text)
		}
	}
	if d.YTD.Partial {
		t.Error("a complete last month is marked as not over")
	}
	mar := app.NewMonth(2026, 3)
	pd.Forecast = &app.ForecastOutput{Excluded: &mar} // March is still running
	if d := overview.ComputeDashboard(pd); !d.YTD.Partial || !strings.Contains(tileText(pd, d), "Mar 2026 is not over yet.") {
		t.Errorf("a running last month is not said: %+v", d.YTD)
	}
	if c := overview.AttainmentChart(pd, d); len(c.Values) != 1 || c.Values[0] != 90 || c.Labels[0] != "Anna" {
		t.Errorf("attainment chart %+v", c)
	}
	if c := overview.FunnelChart(pd, d); len(c.Stages) != 3 || c.Notes[0] != "50.0% → next" {
		t.Errorf("funnel %+v", c)
	}
}

func TestTilesWithoutDataSayWhatToDo(t *testing.T) {
	pd := plan(3, nil, nil, false) // the team's monitoring not computed: nil
	d := overview.ComputeDashboard(pd)
	tiles := overview.Tiles(pd, d)
	want := map[string]app.StepID{overview.KeyExpenses: app.StepBudget, overview.KeyCostRatio: app.StepBudget,
		overview.KeyAttainment: app.StepTeam, overview.KeyConversion: app.StepTeam, overview.KeyRating: app.StepTeam}
	for _, tl := range tiles {
		if tl.Key == overview.KeyOutlook { // no forecast loaded
			if tl.OK || !tl.Action.Import || tl.Hint == "" {
				t.Errorf("outlook without a forecast: %+v", tl)
			}
			continue
		}
		step, missing := want[tl.Key]
		if tl.OK == missing {
			t.Errorf("%s: OK %v", tl.Key, tl.OK)
		}
		if missing && (tl.Hint == "" || tl.Action.Step != step) {
			t.Errorf("%s: hint %q action %+v", tl.Key, tl.Hint, tl.Action)
		}
	}
	j := overview.Show(pd)
	if j.Tiles.Expenses != nil || j.Tiles.Rating != nil || j.Tiles.Attainment != nil || !strings.Contains(j.Hints.Expenses, "salesplan import expenses") ||
		j.Hints.Rating == "" || j.Hints.YTD != "" || j.Tiles.YTD == nil {
		t.Errorf("json tiles %+v hints %+v", j.Tiles, j.Hints)
	}
	b, _ := json.Marshal(j.Tiles)
	if !strings.Contains(string(b), `"rating":null`) {
		t.Errorf("a missing tile is not null: %s", b)
	}
}

func TestObjectiveStatusFollowsItsRule(t *testing.T) {
	end := app.NewMonth(2026, 12)
	rev := func(target int64) objectives.Objective {
		return objectives.Objective{ID: "o1", Title: "Revenue", Kind: objectives.KindRevenue, Baseline: i64(120000), Target: i64(target), Deadline: &end}
	}
	cos := func(base, target int64) objectives.Objective {
		return objectives.Objective{ID: "o2", Title: "Costs", Kind: objectives.KindCostOfSales, Baseline: i64(base), Target: i64(target), Deadline: &end}
	}
	sat := func(base, target int64) objectives.Objective {
		return objectives.Objective{ID: "o3", Title: "Rating", Kind: objectives.KindSatisfaction, Baseline: i64(base), Target: i64(target), Deadline: &end}
	}
	rating := &team.Performance{Rating: team.Rating{Average: 4.0, Count: 3}}
	for _, c := range []struct {
		name string
		o    objectives.Objective
		perf *team.Performance
		want overview.Track
	}{
		// Sales run 20 % above last year's same months.
		{"revenue target +10 %", rev(132000), nil, overview.OnTrack},
		{"revenue target +30 %", rev(156000), nil, overview.AtRisk},
		{"revenue target below the baseline is met", rev(110000), nil, overview.OnTrack},
		// Expenses run at 27.5 % (3300 ÷ 12000) in 2 of 12 months.
		{"cost ratio improving fast enough", cos(3000, 2700), nil, overview.OnTrack},
		{"cost ratio short of its path", cos(2800, 2000), nil, overview.AtRisk},
		{"cost ratio worse than the baseline", cos(2500, 2000), nil, overview.OffTrack},
		{"rating above its path", sat(380, 420), rating, overview.OnTrack},
		{"rating below the baseline", sat(420, 450), rating, overview.OffTrack},
		{"rating without polls", sat(380, 420), nil, overview.NoData},
		{"no baseline", objectives.Objective{Title: "x", Kind: objectives.KindRevenue, Target: i64(1)}, nil, overview.NoData},
		{"retention is not measured", objectives.Objective{Title: "x", Kind: objectives.KindRetention, Baseline: i64(1), Target: i64(2)}, nil, overview.NoData},
	} {
		pd := plan(3, []objectives.Objective{c.o}, c.perf, true)
		d := overview.ComputeDashboard(pd)
		got := d.Objectives[0]
		if got.Status != c.want || got.Rule == "" {
			t.Errorf("%s: %s, rule %q", c.name, got.Status, got.Rule)
		}
	}
	// Off track: sales below last year's pace.
	pd := plan(3, []objectives.Objective{rev(132000)}, nil, false)
	for i := range pd.History.Values[24:] {
		pd.History.Values[24+i] = 9000
	}
	bf := budget.FiguresOf(pd)
	for i := range bf.Actual {
		bf.Actual[i].Actual = 9000
	}
	if got := overview.ComputeDashboard(pd).Objectives[0]; got.Status != overview.OffTrack || !strings.Contains(got.Rule, "€300.00") {
		t.Errorf("falling sales: %s %q", got.Status, got.Rule)
	}
}

func TestOutlookAddsTheForecastToTheActuals(t *testing.T) {
	db, demo := datatest.DemoPlan(t)
	ctx := context.Background()
	p, err := db.CreatePlan(ctx, app.Plan{BusinessID: demo.Business.ID, Title: "Running", Start: app.NewMonth(2026, 1), Months: 12})
	if err != nil {
		t.Fatal(err)
	}
	end := p.End()
	goal := objectives.Objective{PlanID: p.ID, Title: "Grow", Kind: objectives.KindRevenue, Baseline: i64(demo.History.Total() / 3),
		Target: i64(demo.History.Total() / 3 * 11 / 10), Deadline: &end, RevenueTarget: true}
	if err := db.SaveRow(ctx, objectives.Table, &goal); err != nil {
		t.Fatal(err)
	}
	pd, err := app.LoadFullPlanData(ctx, db, steps.Registry(), p.ID, app.LocaleFor("en_US"), datatest.Now)
	if err != nil {
		t.Fatal(err)
	}
	d := overview.FiguresOf(&pd).Dashboard
	s := pd.Forecast.Series[0]
	var actual, fc float64
	var ytd int64
	for m := p.Start; m <= p.End(); m++ {
		if m < s.Start {
			actual += float64(pd.History.Values[m-pd.History.Start])
		} else {
			fc += s.Result.Forecast[m-s.Start]
		}
		if k := int(m - pd.History.Start); k < len(pd.History.Values) {
			ytd += pd.History.Values[k]
		}
	}
	o := d.Outlook
	if !o.OK || o.Actual != int64(actual) || math.Abs(float64(o.Forecast)-fc) > 1 || o.Point != o.Actual+o.Forecast || o.Lo80 > o.Point || o.Hi80 < o.Point {
		t.Errorf("outlook %+v, want actual %.0f + forecast %.0f", o, actual, fc)
	}
	if d.YTD.Actual != ytd || d.YTD.To != pd.History.End() {
		t.Errorf("ytd %+v, want %d", d.YTD, ytd)
	}
	if c := overview.CumulativeChart(&pd, d); len(c.Series) != 3 {
		t.Errorf("cumulative chart has %d series", len(c.Series))
	}
	if st := d.Objectives[0]; st.Status == overview.NoData || st.Elapsed != d.YTD.Months {
		t.Errorf("objective %+v", st)
	}
	if o.Target != *goal.Target {
		t.Errorf("the outlook measures against %d, not the revenue target %d", o.Target, *goal.Target)
	}

	// Without a revenue target the forecast stands in for one: the outlook
	// has no gap to it (it would be the forecast against itself).
	if err := db.DeleteContent(ctx, objectives.Table, goal.ID, false); err != nil {
		t.Fatal(err)
	}
	pd, err = app.LoadFullPlanData(ctx, db, steps.Registry(), p.ID, app.LocaleFor("en_US"), datatest.Now)
	if err != nil {
		t.Fatal(err)
	}
	d = overview.FiguresOf(&pd).Dashboard
	if text := tileText(&pd, d); !d.Target.FromForecast || d.Outlook.Target != 0 || strings.Contains(text, "short of the target") || strings.Contains(text, "above the target") {
		t.Errorf("a forecast-based target is measured as a gap: target %+v, outlook %+v", d.Target, d.Outlook)
	}
}

func tileText(pd *app.PlanData, d *overview.Dashboard) string {
	var b strings.Builder
	for _, t := range overview.Tiles(pd, d) {
		b.WriteString(t.Title + ": " + t.Value + " " + strings.Join(t.Lines, " ") + t.Hint + "\n")
	}
	return b.String()
}

// TestReviewStaysFourPages: with many objectives and a large team the
// review keeps its four pages.
func TestReviewStaysFourPages(t *testing.T) {
	end := app.NewMonth(2026, 12)
	var objs []objectives.Objective
	for i := 0; i < 15; i++ {
		objs = append(objs, objectives.Objective{ID: "o", Title: "Grow revenue in region " + app.Itoa(i), Kind: objectives.KindRevenue,
			Baseline: i64(120000), Target: i64(130000 + int64(i)*1000), Deadline: &end})
	}
	perf := &team.Performance{}
	for i := 0; i < 40; i++ {
		perf.Reps = append(perf.Reps, team.RepAttainment{Name: "Rep " + app.Itoa(i), Attainment: team.Attainment{BP: int64(8000 + i*100), OK: true}})
	}
	pd := plan(3, objs, perf, true)
	app.SetStepFigures(&pd.Figures, app.PageOverview, &overview.Figures{Dashboard: overview.ComputeDashboard(pd)})
	var buf bytes.Buffer
	if err := overview.ExportReview(context.Background(), &buf, pd, app.ExportOptions{Now: datatest.Now}); err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(buf.Bytes(), -1)); n != 4 {
		t.Errorf("the review has %d pages, want 4", n)
	}
}
