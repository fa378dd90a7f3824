package sop_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/app/sop"
	"salesplan/app/steps"
	"salesplan/data/datatest"
)

// plan returns plan data of 12 months from 2027-01 with a two-year history
// of the groups (values per month from fn) and no forecast.
func plan(groups []string, fn func(g int, m app.Month) int64) *app.PlanData {
	cur, _ := app.LookupCurrency("EUR")
	pd := &app.PlanData{Plan: app.Plan{ID: "p", Start: app.NewMonth(2027, 1), Months: 12, Currency: "EUR"},
		Locale: app.LocaleFor("en_US"), Currency: cur}
	c := sop.Of(pd)
	if fn != nil {
		c.History = map[string]app.MonthlySeries{}
		start := app.NewMonth(2025, 1)
		for gi, g := range groups {
			s := app.MonthlySeries{Start: start}
			for i := 0; i < 24; i++ {
				s.Values = append(s.Values, fn(gi, start.Add(i)))
			}
			c.History[g] = s
		}
	}
	for _, g := range groups {
		c.Groups = append(c.Groups, sop.Group{Name: g})
	}
	return pd
}

func i64(v int64) *int64 { return &v }

func TestDemandSplitsForecastAndUpliftExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 11))
	for n := 0; n < 200; n++ {
		var groups []string
		for g := 0; g <= rng.IntN(5); g++ {
			groups = append(groups, string(rune('A'+g)))
		}
		pd := plan(groups, func(g int, m app.Month) int64 { return rng.Int64N(5_000_000) })
		var fc float64
		pd.Figures.Forecast = app.PlanForecast{OK: true, Start: pd.Plan.Start}
		for i := 0; i < 12; i++ {
			v := float64(rng.Int64N(20_000_000))
			pd.Figures.Forecast.Point = append(pd.Figures.Forecast.Point, v)
			fc += v
		}
		target := int64(fc*0.5) + rng.Int64N(int64(fc))
		pd.Figures.Target = app.Target{Amount: target, ObjectiveID: "o", Source: "the revenue target"}
		f := sop.Compute(pd)
		var total int64
		for mi := 0; mi < 12; mi++ {
			var month int64
			for gi := range groups {
				cf := f.Cells[gi][mi]
				month += cf.Forecast
				total += cf.Demand
				if cf.Demand < 0 || cf.Demand != cf.Forecast+cf.Uplift {
					t.Fatalf("cell %s %s: forecast %d + uplift %d = demand %d", cf.Group, cf.Month, cf.Forecast, cf.Uplift, cf.Demand)
				}
			}
			if want := int64(pd.Figures.Forecast.Point[mi] + 0.5); month != want {
				t.Fatalf("month %d: the groups' forecast parts add up to %d, not the forecast %d", mi, month, want)
			}
		}
		if total != target || f.DemandTotal != target || f.UpliftTotal != target-f.ForecastTotal {
			t.Fatalf("demand %d (figures %d), uplift %d: want the target %d", total, f.DemandTotal, f.UpliftTotal, target)
		}
	}
}

func TestGroupsShareEachMonthByTheirSeasonality(t *testing.T) {
	// A sells only in December, B evenly: December's forecast goes mostly to A.
	pd := plan([]string{"A", "B"}, func(g int, m app.Month) int64 {
		if g == 0 {
			if m.Month() == 12 {
				return 900
			}
			return 0
		}
		return 100
	})
	pd.Figures.Forecast = app.PlanForecast{OK: true, Point: []float64{1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}}
	f := sop.Compute(pd)
	if a, b := f.Cells[0][11].Forecast, f.Cells[1][11].Forecast; a != 900 || b != 100 {
		t.Errorf("December: A %d, B %d; want 900 and 100", a, b)
	}
	if a := f.Cells[0][0].Forecast; a != 0 {
		t.Errorf("January: A %d, want 0", a)
	}
	if !strings.Contains(f.ForecastSource, "forecast") || f.UpliftTotal != 0 || f.Cells[1][0].Source != "forecast" {
		t.Errorf("without a target of its own: source %q, uplift %d, cell %q", f.ForecastSource, f.UpliftTotal, f.Cells[1][0].Source)
	}
}

func TestWithoutForecastDemandFollowsLastYear(t *testing.T) {
	pd := plan([]string{"A"}, func(g int, m app.Month) int64 { return int64(m.Year()*100 + int(m.Month())) })
	f := sop.Compute(pd)
	if got := f.Cells[0][2].Forecast; got != 2026*100+3 {
		t.Errorf("March 2027 from the history: %d, want March 2026's 202603", got)
	}
	if !strings.Contains(f.ForecastSource, "a year earlier") {
		t.Errorf("source %q", f.ForecastSource)
	}
}

func TestWithoutHistoryDemandIsTyped(t *testing.T) {
	pd := plan([]string{"New machines"}, nil)
	pd.Figures.Target = app.Target{Amount: 1_000_000, ObjectiveID: "o"}
	c := sop.Of(pd)
	c.Cells = []sop.Cell{{Group: "New machines", Month: pd.Plan.Start.Add(3), Demand: i64(250_000)}}
	f := sop.Compute(pd)
	if len(f.Problems) != 1 || !strings.Contains(f.Problems[0], "type the demand") {
		t.Errorf("problems %q", f.Problems)
	}
	if cf := f.Cells[0][3]; cf.Source != "typed" || cf.Demand != 250_000 || f.Cells[0][0].Source != "none" || f.DemandTotal != 250_000 {
		t.Errorf("typed cell %+v, first %q, total %d", cf, f.Cells[0][0].Source, f.DemandTotal)
	}
	// Reset: the typed value goes, the derived one (none) is back.
	c.Cells[0].Demand = nil
	if cf := sop.Compute(pd).Cells[0][3]; cf.Source != "none" || cf.Demand != 0 {
		t.Errorf("after reset %+v", cf)
	}
}

func TestUnitConversionAndValidation(t *testing.T) {
	if u, ok := sop.CapacityUnits(150, sop.UnitHours, 150); !ok || u != 100 {
		t.Errorf("150 h at 1.5 h per unit = %d units (%v)", u, ok)
	}
	if u, ok := sop.CapacityUnits(100, sop.UnitHours, 300); !ok || u != 33 {
		t.Errorf("100 h at 3 h per unit = %d, want 33 (a third unit is not delivered)", u)
	}
	if _, ok := sop.CapacityUnits(100, sop.UnitHours, 0); ok {
		t.Error("hours without hours per unit converted")
	}
	if u, _ := sop.CapacityUnits(7, sop.UnitUnits, 0); u != 7 {
		t.Errorf("units: %d", u)
	}
	if sop.Units(250_000, 100_000) != 3 || sop.Units(240_000, 100_000) != 2 || sop.Units(5, 0) != 0 {
		t.Error("revenue to units")
	}
	zero := int64(0)
	for _, tc := range []struct {
		errs  []app.FieldError
		field string
	}{
		{sop.Cell{Capacity: i64(0)}.Validate(), "capacity"},
		{sop.Cell{Capacity: i64(-5)}.Validate(), "capacity"},
		{sop.Cell{Demand: i64(-1)}.Validate(), "demand"},
		{sop.Group{Name: "A", Price: &zero}.Validate(), "price"},
		{sop.Group{Name: "A", Unit: sop.UnitHours}.Validate(), "hours_per_unit"},
		{sop.Decision{Group: "A", Kind: sop.ShiftDemand, Units: 3}.Validate(), "shift_to"},
		{sop.Meeting{SignOff: sop.Agreed}.Validate(), "date"},
	} {
		if len(tc.errs) == 0 || tc.errs[0].Field != tc.field || !strings.HasSuffix(tc.errs[0].Message, ".") {
			t.Errorf("want a sentence for %s, got %+v", tc.field, tc.errs)
		}
	}
	if errs := (sop.Cell{Capacity: i64(1), Demand: i64(0)}).Validate(); len(errs) != 0 {
		t.Errorf("good cell refused: %v", errs)
	}
}

// gapPlan is one group at €100 a unit with a flat demand of 10 units a
// month (no target of its own), capacity 12 except 6 in March.
func gapPlan() *app.PlanData {
	pd := plan([]string{"A"}, func(int, app.Month) int64 { return 100_000 })
	pd.Figures.Forecast = app.PlanForecast{OK: true}
	for i := 0; i < 12; i++ {
		pd.Figures.Forecast.Point = append(pd.Figures.Forecast.Point, 100_000)
	}
	c := sop.Of(pd)
	c.Groups[0].Price = i64(10_000)
	for i := 0; i < 12; i++ {
		v := int64(12)
		if i == 2 {
			v = 6
		}
		if i == 5 {
			v = 20
		}
		c.Cells = append(c.Cells, sop.Cell{Group: "A", Month: pd.Plan.Start.Add(i), Capacity: i64(v)})
	}
	return pd
}

func TestGapsAreDetected(t *testing.T) {
	pd := gapPlan()
	f := sop.Compute(pd)
	if len(f.Gaps) != 1 || f.Gaps[0].Month != pd.Plan.Start.Add(2) || f.Gaps[0].Short != 4 || f.Gaps[0].Revenue != 40_000 || f.Gaps[0].Decided() {
		t.Fatalf("gaps %+v", f.Gaps)
	}
	if s := f.Cells[0][2].State; s != "shortfall" {
		t.Errorf("March state %q", s)
	}
	if s := f.Cells[0][5].State; s != "idle" {
		t.Errorf("June (20 for 10) state %q", s)
	}
	if s := f.Cells[0][0].State; s != "ok" {
		t.Errorf("January (12 for 10) state %q", s)
	}
	if txt := sop.CellText(pd.Locale, f.Cells[0][2]); txt != "10 / 6 short 4" {
		t.Errorf("cell text %q", txt)
	}
	sop.Of(pd).Decisions = []sop.Decision{{Group: "A", Month: app.NewMonth(2027, 3), Kind: sop.RaiseCapacity, Units: 5}}
	if txt := sop.CellText(pd.Locale, sop.Compute(pd).Cells[0][2]); txt != "10 / 6+5" {
		t.Errorf("raised cell text %q", txt)
	}
	sop.Of(pd).Decisions = nil
	// Without a price nothing can be compared, and the group says so.
	sop.Of(pd).Groups[0].Price = nil
	f = sop.Compute(pd)
	if len(f.Gaps) != 0 || !strings.Contains(f.Groups[0].Problem, "average price") {
		t.Errorf("without a price: gaps %v, problem %q", f.Gaps, f.Groups[0].Problem)
	}
	// The history's average price stands in for one not entered.
	sop.Of(pd).HistoryPrice = map[string]int64{"A": 20_000}
	f = sop.Compute(pd)
	if g := f.Groups[0]; g.Price != 20_000 || g.PriceSource != "history" || g.Problem != "" || len(f.Gaps) != 0 || f.Cells[0][2].DemandUnits != 5 {
		t.Errorf("history price: %+v, %d gaps, %d units (want 5 units against 6)", g, len(f.Gaps), f.Cells[0][2].DemandUnits)
	}
	sop.Of(pd).Groups[0].Price = i64(10_000)
	if g := sop.Compute(pd).Groups[0]; g.Price != 10_000 || g.PriceSource != "entered" {
		t.Errorf("entered price: %+v", g)
	}
	// Capacity in hours: 30 h at 2.5 h per unit are 12 units.
	pd = gapPlan()
	sop.Of(pd).Groups[0].Unit, sop.Of(pd).Groups[0].HoursPerUnit = sop.UnitHours, 250
	for i := range sop.Of(pd).Cells {
		sop.Of(pd).Cells[i].Capacity = i64(30)
	}
	if f := sop.Compute(pd); len(f.Gaps) != 0 || *f.Cells[0][2].CapacityUnits != 12 {
		t.Errorf("30 h: gaps %v, units %v", f.Gaps, f.Cells[0][2].CapacityUnits)
	}
}

func TestEachDecisionResolvesTheGap(t *testing.T) {
	march, may, june := app.NewMonth(2027, 3), app.NewMonth(2027, 5), app.NewMonth(2027, 6)
	for _, d := range []sop.Decision{
		{Kind: sop.RaiseCapacity, Units: 4, Cost: 90_000},
		{Kind: sop.LowerTarget, TargetCut: 40_000},
		{Kind: sop.ShiftDemand, Units: 4, ShiftTo: &june},
	} {
		pd := gapPlan()
		before := sop.Compute(pd)
		d.Group, d.Month = "A", march
		sop.Of(pd).Decisions = []sop.Decision{d}
		if d.Kind == sop.LowerTarget { // confirmed: the objective's target went down by the cut
			pd.Figures.Target = app.Target{Amount: 1_200_000 - d.TargetCut, ObjectiveID: "o"}
		}
		f := sop.Compute(pd)
		if len(f.Gaps) != 1 || !f.Gaps[0].Decided() || f.Gaps[0].Remaining != 0 || f.Gaps[0].Short != 4 {
			t.Errorf("%s: gaps %+v", d.Kind, f.Gaps)
		}
		mar, juneCell := f.Cells[0][2], f.Cells[0][5]
		var net int64
		for _, cf := range f.Cells[0] {
			net += cf.NetDemand
		}
		var costs int64
		for _, v := range f.DecisionCosts {
			costs += v
		}
		switch d.Kind {
		case sop.RaiseCapacity:
			if mar.NetCapacityUnits != 10 || costs != 90_000 || f.DecisionCosts[2] != 90_000 || net != before.DemandTotal {
				t.Errorf("raise: capacity %d, costs %v", mar.NetCapacityUnits, f.DecisionCosts)
			}
		case sop.LowerTarget:
			if mar.NetDemandUnits != 6 || net != 1_200_000-40_000 || costs != 0 || mar.Demand != before.Cells[0][2].Demand {
				t.Errorf("lower: March %d units, net demand %d, costs %d", mar.NetDemandUnits, net, costs)
			}
		case sop.ShiftDemand:
			if mar.NetDemandUnits != 6 || juneCell.NetDemandUnits != 14 || juneCell.State == "shortfall" || net != before.DemandTotal || costs != 0 {
				t.Errorf("shift: March %d, June %d, total %d", mar.NetDemandUnits, juneCell.NetDemandUnits, net)
			}
		}
	}
	// Shifting into a month without room leaves a gap there that needs its own decision.
	pd := gapPlan()
	sop.Of(pd).Decisions = []sop.Decision{{Group: "A", Month: march, Kind: sop.ShiftDemand, Units: 4, ShiftTo: &may}}
	sop.Of(pd).Cells[4].Capacity = i64(11)
	f := sop.Compute(pd)
	if len(f.Gaps) != 2 || f.Gaps[1].Month != may || f.Gaps[1].Decided() || f.Gaps[1].Remaining != 3 {
		t.Errorf("a shift into May without room: gaps %+v", f.Gaps)
	}
}

func TestTargetCutIsChecked(t *testing.T) {
	pd := gapPlan()
	if msg := sop.CheckTargetCut(pd, 100); !strings.Contains(msg, "step 2") {
		t.Errorf("without a revenue objective: %q", msg)
	}
	pd.Figures.Target = app.Target{Amount: 50_000, ObjectiveID: "o"}
	if msg := sop.CheckTargetCut(pd, 60_000); !strings.Contains(msg, "below zero") {
		t.Errorf("below zero: %q", msg)
	}
	if msg := sop.CheckTargetCut(pd, 50_000); msg != "" {
		t.Errorf("to zero: %q", msg)
	}
}

func TestGroupOutsideTheScope(t *testing.T) {
	pd := plan([]string{"A", "B"}, func(int, app.Month) int64 { return 1000 })
	pd.Plan.Scope.ProductGroups = []string{"A"}
	pd.Figures.Forecast = app.PlanForecast{OK: true, Point: make([]float64, 12)}
	f := sop.Compute(pd)
	if len(f.Groups) != 2 || f.Groups[0].Problem != "" && !strings.Contains(f.Groups[0].Problem, "price") || !strings.Contains(f.Groups[1].Problem, "not in this plan's scope") {
		t.Errorf("groups %+v", f.Groups)
	}
}

func TestCompletion(t *testing.T) {
	reg := steps.Registry()
	pd := gapPlan()
	c := sop.Of(pd)
	cells := c.Cells
	c.Cells = nil
	status := func() app.Status {
		app.SetStepFigures(&pd.Figures, app.StepSOP, sop.Compute(pd))
		return reg.Status(app.StepSOP, pd)
	}
	if s := status(); s != app.NotStarted {
		t.Errorf("nothing entered: %v", s)
	}
	c.Cells = cells
	if s := status(); s != app.InProgress {
		t.Errorf("capacity entered: %v", s)
	}
	c.Decisions = []sop.Decision{{Group: "A", Month: app.NewMonth(2027, 3), Kind: sop.RaiseCapacity, Units: 4}}
	c.Meeting = &sop.Meeting{Date: "2026-11-20", SignOff: sop.Draft}
	if s := status(); s != app.InProgress {
		t.Errorf("meeting in draft: %v", s)
	}
	c.Meeting.SignOff = sop.Agreed
	if s := status(); s != app.Complete {
		t.Errorf("decided and agreed: %v", s)
	}
	c.Decisions = nil
	if s := status(); s != app.InProgress {
		t.Errorf("a gap without a decision: %v", s)
	}
}

var demoGroupNames = []string{"Espresso machines", "Grinders", "Beans & supplies", "Service contracts"}

func TestDemoHasTwoDecidedGapsAndASignedMeeting(t *testing.T) {
	_, full := datatest.FullDemoPlan(t)
	f := sop.FiguresOf(&full)
	if len(f.Groups) != 4 || len(f.Gaps) != 2 {
		t.Fatalf("demo: %d groups, gaps %+v", len(f.Groups), f.Gaps)
	}
	for _, g := range f.Gaps {
		if !g.Decided() || g.Remaining != 0 {
			t.Errorf("demo gap %+v", g)
		}
	}
	for _, g := range demoGroupNames {
		// the demo's quantities: 1–3 per order, so a price of a third to the whole average order
		if p := sop.Of(&full).HistoryPrice[g]; p <= 0 {
			t.Errorf("no average price of %s from the history's quantities", g)
		}
	}
	if f.DemandTotal != full.Figures.Target.Amount || full.Figures.Target.FromForecast {
		t.Errorf("demo demand %d, target %d", f.DemandTotal, full.Figures.Target.Amount)
	}
	var line *app.CostLine
	for i, l := range full.Figures.CostLines {
		if l.Step == app.StepSOP && l.Key == "sop-decisions" {
			line = &full.Figures.CostLines[i]
		}
	}
	if line == nil || line.Total() != 480_000 || line.Months[11] != 480_000 {
		t.Errorf("the budget's S&OP cost line: %+v", line)
	}
	if s := full.Figures.Status[app.StepSOP]; s != app.Complete {
		t.Errorf("demo S&OP %v", s)
	}
	js := sop.Show(&full)
	if len(js.Demand) != 48 || len(js.Capacity) != 48 || len(js.Gaps) != 2 || js.Meeting == nil || js.DecisionCosts != 4800 {
		t.Errorf("show: %d demand, %d capacity, %d gaps, meeting %v, costs %v", len(js.Demand), len(js.Capacity), len(js.Gaps), js.Meeting, js.DecisionCosts)
	}
}

// TestTheDemoKeepsTwoGapsWhateverTheDate creates the demo as a first-time
// user would at other times of year (its history and forecast change with
// the date): it always shows the two decided gaps and no other.
func TestTheDemoKeepsTwoGapsWhateverTheDate(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo four times")
	}
	for _, months := range []int{-9, -5, 2, 6} {
		now := datatest.Now.AddDate(0, months, 0)
		db := datatest.MustOpenDB(t)
		p, err := app.CreateDemo(context.Background(), db, steps.Registry(), now)
		if err != nil {
			t.Fatal(err)
		}
		full, err := app.LoadFullPlanData(context.Background(), db, steps.Registry(), p.ID, app.LocaleFor("en_US"), now)
		if err != nil {
			t.Fatal(err)
		}
		f := sop.FiguresOf(&full)
		if len(f.Gaps) != 2 || full.Figures.Status[app.StepSOP] != app.Complete {
			t.Errorf("demo made %s: gaps %+v, status %v", now.Format("2006-01"), f.Gaps, full.Figures.Status[app.StepSOP])
		}
	}
}

func TestCopyToTheNextPeriodShiftsTheSOP(t *testing.T) {
	db, pd := datatest.DemoPlan(t)
	next, err := db.DuplicatePlan(context.Background(), pd.Plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := app.LoadPlanData(context.Background(), db, steps.Registry(), next.ID, pd.Locale)
	if err != nil {
		t.Fatal(err)
	}
	a, b := sop.Of(&pd), sop.Of(&cp)
	shift := int(next.Start - pd.Plan.Start)
	if shift != 12 || len(b.Cells) != len(a.Cells) || len(b.Decisions) != 2 || len(b.Groups) != 4 || b.Meeting == nil {
		t.Fatalf("copy: shift %d, %d cells, %d decisions, %d groups", shift, len(b.Cells), len(b.Decisions), len(b.Groups))
	}
	for i, d := range b.Decisions {
		if d.Month != a.Decisions[i].Month.Add(shift) || (d.ShiftTo != nil) != (a.Decisions[i].ShiftTo != nil) ||
			d.ShiftTo != nil && *d.ShiftTo != a.Decisions[i].ShiftTo.Add(shift) {
			t.Errorf("decision %d not moved with the period: %+v", i, d)
		}
	}
	if b.Cells[0].Month != a.Cells[0].Month.Add(shift) || *b.Cells[0].Capacity != *a.Cells[0].Capacity {
		t.Errorf("cell %+v from %+v", b.Cells[0], a.Cells[0])
	}
}
