package steps_test

import (
	"context"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"salesplan/app"
	"salesplan/app/budget"
	"salesplan/app/overview"
	"salesplan/app/situation"
	"salesplan/app/steps"
)

func TestRegistryHasSixNumberedSteps(t *testing.T) {
	reg := steps.Registry()
	steps := reg.Steps()
	if len(steps) != 6 {
		t.Fatalf("%d steps", len(steps))
	}
	for i, s := range steps {
		if s.Number != i+1 || s.Title == "" || s.Guidance == "" || s.Completion == nil || s.Section == nil || s.Show == nil {
			t.Errorf("step %d incomplete: %+v", i+1, s)
		}
		if s.Pending == "" && !strings.HasPrefix(s.CompleteWhen, "Complete when ") {
			t.Errorf("step %d states no completion rule for its page: %q", i+1, s.CompleteWhen)
		}
		if !strings.HasPrefix(s.Heading(), "Step "+itoa(i+1)+" of 6 — ") {
			t.Errorf("heading %q", s.Heading())
		}
	}
	ids := reg.IDs()
	if ids[0] != app.PageOverview || ids[len(ids)-1] != app.PageExport || len(ids) != 8 {
		t.Errorf("navigation ids %v", ids)
	}
}

func TestSituationCompletion(t *testing.T) {
	reg := steps.Registry()
	pd := app.PlanData{Plan: app.Plan{Title: "x"}}
	if st := reg.Status(app.StepSituation, &pd); st != app.NotStarted {
		t.Errorf("empty plan: %v", st)
	}
	pd.Plan.Products = "coffee"
	if st := reg.Status(app.StepSituation, &pd); st != app.InProgress {
		t.Errorf("products only: %v", st)
	}
	pd.Plan.Markets = "north"
	pd.History = app.MonthlySeries{Start: app.NewMonth(2025, 1), Values: []int64{1, 2, 3}}
	if st := reg.Status(app.StepSituation, &pd); st != app.InProgress {
		t.Errorf("without SWOT: %v", st)
	}
	for _, q := range situation.Quadrants() {
		situation.Of(&pd).SWOT = append(situation.Of(&pd).SWOT, situation.SWOTItem{Quadrant: q, Text: "x", Impact: 3})
	}
	if st := reg.Status(app.StepSituation, &pd); st != app.InProgress {
		t.Errorf("without a process map: %v", st)
	}
	situation.Of(&pd).Stages = []situation.ProcessStage{{Name: "Lead", Volume: 10}, {Name: "Order", Volume: 2}}
	if st := reg.Status(app.StepSituation, &pd); st != app.Complete {
		t.Errorf("filled in: %v", st)
	}
	if st := reg.Status(app.StepBudget, &pd); st != app.NotStarted {
		t.Errorf("pending step: %v", st)
	}
}

func TestDemoHistoryIsDeterministicAndRealistic(t *testing.T) {
	a, b := app.DemoHistory(testNow), app.DemoHistory(testNow)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("demo history differs between runs")
	}
	customers, reps, groups, regions := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	months := map[app.Month]int64{}
	for _, s := range a {
		customers[s.Customer], reps[s.Salesperson], groups[s.Group], regions[s.Region] = true, true, true, true
		months[app.MonthOf(s.Date)] += s.Amount
	}
	if len(groups) != 4 || len(regions) != 4 || len(reps) != 6 || len(customers) < 180 || len(customers) > 200 {
		t.Errorf("groups %d regions %d reps %d customers %d", len(groups), len(regions), len(reps), len(customers))
	}
	if len(months) != 36 {
		t.Errorf("%d months of history", len(months))
	}
	last := app.MonthOf(testNow).Add(-1)
	if _, ok := months[last]; !ok {
		t.Errorf("history does not end in %s", last)
	}
	// Trend: the last 12 months sell more than the first 12; seasonality:
	// December beats August in every year.
	var first, lastYear int64
	for m, v := range months {
		if m <= last.Add(-24) {
			first += v
		} else if m > last.Add(-12) {
			lastYear += v
		}
	}
	if lastYear <= first {
		t.Errorf("no growth: %d vs %d", lastYear, first)
	}
	for y := last.Year() - 2; y <= last.Year(); y++ {
		dec, aug := months[app.NewMonth(y, 12)], months[app.NewMonth(y, 8)]
		if dec != 0 && aug != 0 && dec <= aug {
			t.Errorf("%d: December %d not above August %d", y, dec, aug)
		}
	}
}

func TestShowJSONIsStable(t *testing.T) {
	_, pd := demoPlan(t)
	s, _ := steps.Registry().Step(app.StepSituation)
	b, err := json.Marshal(s.Show(&pd))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	json.Unmarshal(b, &v)
	for _, k := range []string{"business", "products", "markets", "period", "currency", "author", "scope", "history"} {
		if _, ok := v[k]; !ok {
			t.Errorf("situation JSON lacks %q: %s", k, b)
		}
	}
	hist := v["history"].(map[string]any)
	if hist["months"].(float64) != 36 {
		t.Errorf("history months %v", hist["months"])
	}
	ov, _ := json.Marshal(overview.Show(&pd))
	if !strings.Contains(string(ov), `"status":"complete"`) {
		t.Errorf("overview JSON: %s", ov)
	}
}

func TestYearTotalsAndKeyFigures(t *testing.T) {
	vals := make([]int64, 30)
	for i := range vals {
		vals[i] = 100
		if i >= 18 {
			vals[i] = 110
		}
	}
	s := app.MonthlySeries{Start: app.NewMonth(2024, 7), Values: vals}
	years := app.YearTotals(s)
	if len(years) != 3 || years[0].Months != 6 || years[1].Months != 12 || years[2].Months != 12 {
		t.Fatalf("years %+v", years)
	}
	if !math.IsNaN(years[1].Growth) || math.Abs(years[2].Growth-0.1) > 1e-9 {
		t.Errorf("growth %v %v", years[1].Growth, years[2].Growth)
	}
	var sum int64
	for _, y := range years {
		sum += y.Revenue
	}
	if sum != s.Total() {
		t.Errorf("year totals %d != %d", sum, s.Total())
	}
	k := overview.ComputeKeyFigures(s)
	if k.Last12 != 1320 || k.Prev12 != 1200 || math.Abs(k.Growth-0.1) > 1e-9 || k.BestMonthRev != 110 {
		t.Errorf("key figures %+v", k)
	}
	if k := overview.ComputeKeyFigures(app.MonthlySeries{}); k.HistoryMonths != 0 || !math.IsNaN(k.Growth) {
		t.Errorf("empty: %+v", k)
	}
}

func TestNextTitleAndMonth(t *testing.T) {
	if got := app.NextTitle("Sales plan 2027", app.NewMonth(2027, 1), app.NewMonth(2028, 1)); got != "Sales plan 2028" {
		t.Errorf("got %q", got)
	}
	if got := app.NextTitle("Q plan", app.NewMonth(2027, 1), app.NewMonth(2027, 4)); got != "Q plan (from 2027-04)" {
		t.Errorf("got %q", got)
	}
	for _, bad := range []string{"", "2027", "2027-13", "2027-00", "27-01", "abcd-ef", "2027-1"} {
		if _, err := app.ParseMonth(bad); err == nil {
			t.Errorf("ParseMonth(%q) accepted", bad)
		}
	}
	m, err := app.ParseMonth("2027-12")
	if err != nil || m.Add(1).String() != "2028-01" || m.Add(-12).String() != "2026-12" {
		t.Errorf("month arithmetic: %v %v", m, err)
	}
}

func TestValidation(t *testing.T) {
	p := app.Plan{Title: "ok", Start: app.NewMonth(2027, 1), Months: 12, Currency: "EUR"}
	if errs := p.Validate(); len(errs) != 0 {
		t.Fatalf("valid plan: %v", errs)
	}
	p.Months, p.Currency, p.Title = 0, "XXX", ""
	p.Products = strings.Repeat("🚀", app.MaxTextLen+1)
	fields := map[string]bool{}
	for _, e := range p.Validate() {
		fields[e.Field] = true
		if e.Message == "" || strings.Contains(e.Message, "%!") {
			t.Errorf("bad message %q", e.Message)
		}
	}
	for _, f := range []string{"title", "months", "currency", "products"} {
		if !fields[f] {
			t.Errorf("no error for %s", f)
		}
	}
}

func TestSeasonalityIndex(t *testing.T) {
	// Two years with December twice an average month.
	var vals []int64
	for y := 0; y < 2; y++ {
		for m := 0; m < 12; m++ {
			v := int64(100)
			if m == 11 {
				v = 200
			}
			vals = append(vals, v)
		}
	}
	idx := app.SeasonalityIndex(app.MonthlySeries{Start: app.NewMonth(2024, 1), Values: vals})
	var sum float64
	for _, v := range idx {
		sum += v
	}
	if math.Abs(sum-12) > 1e-9 || math.Abs(idx[11]/idx[0]-2) > 1e-9 {
		t.Errorf("index %v", idx)
	}
	// A partial year still gives an index; an empty series gives all ones.
	idx = app.SeasonalityIndex(app.MonthlySeries{Start: app.NewMonth(2024, 11), Values: []int64{100, 300}})
	if idx[11] <= idx[10] {
		t.Errorf("partial %v", idx)
	}
	if app.SeasonalityIndex(app.MonthlySeries{})[5] != 1 {
		t.Error("empty")
	}
}

func TestBudgetForecastCoversThePlanPeriod(t *testing.T) {
	db, pd := demoPlan(t)
	full, err := app.LoadFullPlanData(context.Background(), db, steps.Registry(), pd.Plan.ID, pd.Locale, testNow)
	if err != nil {
		t.Fatal(err)
	}
	pf := app.PlanPeriodForecast(&full)
	start, pts, total, ok := pf.Start, pf.Point, pf.Total, pf.OK
	if !ok || start != full.Plan.Start || len(pts) != full.Plan.Months {
		t.Fatalf("plan period forecast: ok=%v start=%s months=%d", ok, start, len(pts))
	}
	var sum float64
	for _, v := range pts {
		sum += v
	}
	if math.Abs(sum-total.Point) > 1 || !(total.Lo95 <= total.Lo80 && total.Lo80 <= total.Point && total.Point <= total.Hi80 && total.Hi80 <= total.Hi95) {
		t.Errorf("total interval %+v for sum %v", total, sum)
	}
	r := full.Forecast.Series[0].Result
	if w1, wn := r.Hi80[0]-r.Lo80[0], r.Hi80[len(r.Hi80)-1]-r.Lo80[len(r.Lo80)-1]; wn <= w1 {
		t.Errorf("80 %% range does not widen: %v then %v", w1, wn)
	}
	if rows := budget.MethodRows(&full); len(rows) < 8 {
		t.Errorf("method table has %d rows", len(rows))
	}
}

func TestCompleteHistoryDropsUnfinishedMonth(t *testing.T) {
	s := app.MonthlySeries{Start: app.NewMonth(2026, 1), Values: []int64{1, 2, 3}} // Jan–Mar 2026
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name         string
		lastDay, now time.Time
		wantLen      int
		wantExcluded bool
	}{
		{"current month", day(2026, 3, 10), day(2026, 3, 12), 2, true},
		{"month over, sales to its end", day(2026, 3, 30), day(2026, 5, 1), 3, false},
		{"month over, last sale early", day(2026, 3, 9), day(2026, 5, 1), 2, true},
	} {
		got, ex := app.CompleteHistory(s, tc.lastDay, tc.now)
		if len(got.Values) != tc.wantLen || (ex != nil) != tc.wantExcluded {
			t.Errorf("%s: %d months, excluded %v", tc.name, len(got.Values), ex)
		}
	}
}
