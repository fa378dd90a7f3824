package sop

import (
	"context"
	"fmt"
	"strings"

	"salesplan/app"
	"salesplan/app/report"
	"salesplan/charts"
)

// demoGroup is the demo's setting of one of its four product groups.
type demoGroup struct {
	name, dept, unit string
	price, hpu       int64
}

var demoGroups = []demoGroup{
	{"Espresso machines", "Workshop", UnitUnits, 120_000, 0},
	{"Grinders", "Assembly", UnitHours, 32_500, 150},
	{"Beans & supplies", "Warehouse", UnitUnits, 9_000, 0},
	{"Service contracts", "Service team", UnitHours, 45_000, 400},
}

// demo writes a worked S&OP: settings and capacity for the four demo
// groups, generous except for two shortfalls (espresso machines in the
// last month, grinders in the eleventh), a decision for each and a signed
// meeting. The capacity is derived from the demand the figures show now
// (the history a year earlier plus the uplift to the target, noisier than
// the forecast the pages show later): a base crew for 90 % of the peak and
// 30 % above each month's demand, but 70 % of the demand in the two gaps;
// each decision covers 60 % of the gap month's demand.
func demo(ctx context.Context, w app.ContentWriter, pd *app.PlanData) error {
	p := pd.Plan
	c := Of(pd)
	for _, dg := range demoGroups {
		price := dg.price
		g := Group{PlanID: p.ID, Name: dg.name, Price: &price, Unit: dg.unit, HoursPerUnit: dg.hpu, Department: dg.dept}
		if err := w.SaveRow(ctx, TableGroups, &g); err != nil {
			return err
		}
		c.Groups = append(c.Groups, g)
	}
	f := Compute(pd)
	last := p.Months - 1
	shortMachines, shortGrinders := last, max(0, p.Months-2)
	var machinesUnits, grindersUnits int64
	for gi, gf := range f.Groups {
		var dg *demoGroup
		for i := range demoGroups {
			if demoGroups[i].name == gf.Name {
				dg = &demoGroups[i]
			}
		}
		if dg == nil {
			continue
		}
		var peak int64
		for _, cf := range f.Cells[gi] {
			peak = max(peak, cf.DemandUnits)
		}
		for mi, cf := range f.Cells[gi] {
			// a base crew for 90 % of the peak, 30 % above the month's demand
			units := max(peak*9/10, (cf.DemandUnits*13+9)/10)
			switch {
			case dg.name == "Espresso machines" && mi == shortMachines:
				units = cf.DemandUnits * 7 / 10
				machinesUnits = cf.DemandUnits*6/10 + 2
			case dg.name == "Grinders" && mi == shortGrinders:
				units = cf.DemandUnits * 7 / 10
				grindersUnits = cf.DemandUnits*6/10 + 2
			case dg.name == "Grinders" && mi == shortGrinders-1:
				units += cf.DemandUnits*6/10 + 2 + f.Cells[gi][shortGrinders].DemandUnits*6/10 + 2 // room for the shifted demand
			}
			units = max(1, units)
			capacity := units
			if dg.unit == UnitHours {
				capacity = (units*dg.hpu + 99) / 100
			}
			cell := Cell{PlanID: p.ID, Group: dg.name, Month: cf.Month, Capacity: &capacity}
			if err := w.SaveRow(ctx, TableCells, &cell); err != nil {
				return err
			}
		}
	}
	date := p.Start.Add(-2).Time().AddDate(0, 0, 19).Format("2006-01-02")
	to := p.Start.Add(shortGrinders - 1)
	for _, d := range []Decision{
		{Group: "Espresso machines", Month: p.Start.Add(shortMachines), Kind: RaiseCapacity, Units: machinesUnits, Cost: 480_000,
			DecidedBy: "Head of operations", Note: "Two extra Saturday shifts in the workshop before Christmas."},
		{Group: "Grinders", Month: p.Start.Add(shortGrinders), Kind: ShiftDemand, Units: grindersUnits, ShiftTo: &to,
			DecidedBy: "Sales director", Note: "Early-order discount for hotel chains to deliver in the month before."},
	} {
		d.PlanID, d.DecidedOn = p.ID, date
		if err := w.SaveRow(ctx, TableDecisions, &d); err != nil {
			return err
		}
	}
	m := Meeting{PlanID: p.ID, Date: date, SignOff: Agreed, SignedBy: "Managing director",
		Participants: []Participant{{"Sales director", "Sales"}, {"Head of operations", "Operations"}, {"Service manager", "Service"},
			{"Finance controller", "Finance"}, {"Managing director", "Management"}},
		Notes: "Demand plan accepted with two changes: extra workshop shifts for espresso machines in the peak month, grinder deliveries brought forward by a month."}
	return w.SaveRow(ctx, TableMeetings, &m)
}

// CapacityText writes a capacity as entered: "120 units" or "90 h".
func CapacityText(loc app.Locale, v int64, unit string) string {
	if unit == UnitHours {
		return loc.Int(v) + " h"
	}
	return loc.Int(v) + " units"
}

// CellText writes a cell for the tables: demand / capacity in units after
// the decisions, capacity raised as "+n": "84 / 70 short 14", "93 / 61+54".
func CellText(loc app.Locale, cf CellFigures) string {
	s := loc.Int(cf.NetDemandUnits) + " / "
	if !cf.Known {
		return s + "–"
	}
	if cf.CapacityUnits != nil && cf.NetCapacityUnits != *cf.CapacityUnits {
		s += loc.Int(*cf.CapacityUnits) + "+" + loc.Int(cf.NetCapacityUnits-*cf.CapacityUnits)
	} else {
		s += loc.Int(cf.NetCapacityUnits)
	}
	switch cf.State {
	case "shortfall":
		s += " short " + loc.Int(-cf.Gap)
	case "idle":
		s += " idle " + loc.Int(cf.Gap)
	}
	return s
}

// DescribeDecision says what a decision does, in words.
func DescribeDecision(pd *app.PlanData, d Decision) string {
	loc, cur := pd.Locale, pd.Currency
	switch d.Kind {
	case RaiseCapacity:
		return fmt.Sprintf("Capacity raised by %s units for %s.", loc.Int(d.Units), loc.Money(d.Cost, cur))
	case LowerTarget:
		return fmt.Sprintf("Revenue target lowered by %s.", loc.Money(d.TargetCut, cur))
	case ShiftDemand:
		to := "–"
		if d.ShiftTo != nil {
			to = loc.MonthName(*d.ShiftTo)
		}
		return fmt.Sprintf("%s units moved to %s.", loc.Int(d.Units), to)
	}
	return ""
}

// GapChart describes the shortfalls per month before the decisions, over
// the groups at their average prices (negative bars: revenue that capacity
// cannot deliver).
func GapChart(pd *app.PlanData) charts.BarChart {
	loc, cur := pd.Locale, pd.Currency
	f := FiguresOf(pd)
	c := charts.BarChart{Title: "Shortfall per month before the decisions, at average prices", EmptyText: "No shortfalls",
		FormatY: func(v float64) string { return loc.MoneyCompact(app.FromMajor(v, cur), cur) }}
	byMonth := map[app.Month]int64{}
	for _, g := range f.Gaps {
		byMonth[g.Month] += g.Short * groupPrice(f, g.Group)
	}
	if len(byMonth) == 0 {
		return c
	}
	for _, m := range f.Months {
		c.Labels = append(c.Labels, strings.TrimSuffix(loc.MonthName(m), " "+app.Itoa(m.Year())))
		c.Values = append(c.Values, -app.ToMajor(byMonth[m], cur))
	}
	return c
}

func groupPrice(f *Figures, name string) int64 {
	for _, g := range f.Groups {
		if g.Name == name {
			return g.Price
		}
	}
	return 0
}

func section(r *report.Report, pd *app.PlanData) error {
	loc, cur, c, f := pd.Locale, pd.Currency, Of(pd), FiguresOf(pd)
	if len(f.Groups) == 0 {
		r.Note("No product groups yet: import sales history with product groups, or add a group on this step.")
		return nil
	}
	r.Subheading("Demand and capacity")
	para := fmt.Sprintf("Demand is %s: %s, of which %s forecast (%s)", loc.Money(f.DemandTotal, cur),
		strings.TrimSuffix(targetText(pd, f), "."), loc.Money(f.ForecastTotal, cur), f.ForecastSource)
	switch {
	case f.UpliftTotal > 0:
		para += fmt.Sprintf(" and %s uplift the target needs above it, spread by the seasonality", loc.Money(f.UpliftTotal, cur))
	case f.UpliftTotal < 0:
		para += fmt.Sprintf("; the target lies %s below the forecast, taken off every cell in proportion", loc.Money(-f.UpliftTotal, cur))
	}
	r.Paragraph(para + ". Each cell shows demand / capacity in units after the decisions, with the shortfall or idle capacity.")
	for _, p := range f.Problems {
		r.Note(p)
	}
	for _, g := range f.Groups {
		if g.Problem != "" {
			r.Note(g.Problem)
		}
	}
	headers := []string{"Month"}
	widths := []float64{0.16}
	align := "L"
	for _, g := range f.Groups {
		headers = append(headers, g.Name)
		widths = append(widths, 0.84/float64(len(f.Groups)))
		align += "R"
	}
	var rows [][]string
	for mi, m := range f.Months {
		row := []string{loc.MonthName(m)}
		for gi := range f.Groups {
			row = append(row, CellText(loc, f.Cells[gi][mi]))
		}
		rows = append(rows, row)
	}
	prices := []string{"Average price"}
	depts := []string{"Department"}
	for _, g := range f.Groups {
		price := app.OrDash(moneyOrEmpty(loc, cur, g.Price))
		if g.PriceSource == "history" {
			price += " (history)"
		}
		prices = append(prices, price)
		unit := "units"
		if g.Unit == UnitHours {
			unit = "hours, " + loc.Number(float64(g.HoursPerUnit)/100, 2) + " h per unit"
		}
		depts = append(depts, app.OrDash(g.Department)+" ("+unit+")")
	}
	rows = append(rows, prices, depts)
	r.Table(headers, rows, widths, align)
	if err := r.BarChart("sop-gaps", GapChart(pd)); err != nil {
		return err
	}
	r.Subheading("Gaps and decisions")
	if len(f.Gaps) == 0 {
		r.Note("No shortfalls: the stated capacity covers the demand in every month where both are known.")
	} else {
		var rows [][]string
		for _, g := range f.Gaps {
			var what, who []string
			for _, di := range g.Decisions {
				d := c.Decisions[di]
				what = append(what, d.Kind.Label()+": "+DescribeDecision(pd, d))
				who = append(who, strings.TrimSpace(app.OrDash(d.DecidedBy)+", "+app.OrDash(d.DecidedOn)))
			}
			if len(what) == 0 {
				what = []string{"No decision yet"}
			}
			rows = append(rows, []string{g.Group + ", " + loc.MonthName(g.Month), loc.Int(g.Short) + " units (" + loc.Money(g.Revenue, cur) + ")",
				loc.Int(g.Remaining), strings.Join(what, " "), app.OrDash(strings.Join(who, "; "))})
		}
		r.Table([]string{"Gap", "Shortfall", "Left", "Decision", "Decided by, on"}, rows, []float64{0.22, 0.17, 0.12, 0.32, 0.17}, "LRRLL")
	}
	r.Subheading("S&OP meeting")
	m := c.Meeting
	if m == nil {
		r.Note("No meeting recorded yet.")
		return nil
	}
	state := "Draft (not agreed yet)"
	if m.SignOff == Agreed {
		state = "Agreed, signed off by " + app.OrDash(m.SignedBy)
	}
	taken := "None yet"
	if n := len(c.Decisions); n > 0 {
		taken = app.Itoa(n) + ", listed under Gaps and decisions"
	}
	r.KeyValues([][2]string{{"Date", app.OrDash(m.Date)}, {"Sign-off", state}, {"Decisions taken", taken}})
	if len(m.Participants) > 0 {
		var rows [][]string
		for _, p := range m.Participants {
			rows = append(rows, []string{app.OrDash(p.Name), app.OrDash(p.Department)})
		}
		r.Table([]string{"Participant", "Department"}, rows, []float64{0.5, 0.5}, "LL")
	}
	if m.Notes != "" {
		r.Paragraph(m.Notes)
	}
	return nil
}

func moneyOrEmpty(loc app.Locale, cur app.Currency, v int64) string {
	if v == 0 {
		return ""
	}
	return loc.MoneyExact(v, cur) // a price keeps its cents
}

func targetText(pd *app.PlanData, f *Figures) string {
	t := f.Target
	if t.Amount <= 0 {
		return "there is no revenue target or forecast yet."
	}
	return "the target is " + pd.Locale.Money(t.Amount, pd.Currency) + " from " + t.Source + "."
}

// JSON is the `show --step sop --json` view of step 4: amounts in major
// units, quantities in units (capacity also as entered).
type JSON struct {
	Target         float64        `json:"target"`
	TargetSource   string         `json:"target_source"`
	ForecastSource string         `json:"forecast_source"`
	ForecastTotal  float64        `json:"forecast_total"`
	UpliftTotal    float64        `json:"uplift_total"`
	DemandTotal    float64        `json:"demand_total"`
	Groups         []GroupJSON    `json:"groups"`
	Demand         []DemandJSON   `json:"demand"`
	Capacity       []CapacityJSON `json:"capacity"`
	Gaps           []GapJSON      `json:"gaps"`
	Decisions      []DecisionJSON `json:"decisions"`
	DecisionCosts  float64        `json:"decision_costs"`
	Meeting        *MeetingJSON   `json:"meeting"`
	Problems       []string       `json:"problems"`
}

// GroupJSON is a product group's settings.
type GroupJSON struct {
	Name         string   `json:"name"`
	Price        *float64 `json:"average_price"`
	PriceSource  string   `json:"price_source"`
	Unit         string   `json:"capacity_unit"`
	HoursPerUnit *float64 `json:"hours_per_unit"`
	Department   string   `json:"department"`
	InHistory    bool     `json:"in_history"`
	Problem      string   `json:"problem,omitempty"`
}

// DemandJSON is the demand of one group in one month.
type DemandJSON struct {
	Month    app.Month `json:"month"`
	Group    string    `json:"group"`
	Forecast float64   `json:"forecast"`
	Uplift   float64   `json:"uplift"`
	Revenue  float64   `json:"revenue"`
	Source   string    `json:"source"`
	Units    int64     `json:"units"`
	// after the decisions
	NetRevenue float64 `json:"net_revenue"`
	NetUnits   int64   `json:"net_units"`
}

// CapacityJSON is the capacity of one group in one month.
type CapacityJSON struct {
	Month      app.Month `json:"month"`
	Group      string    `json:"group"`
	Stated     int64     `json:"stated"`
	Unit       string    `json:"unit"`
	Units      *int64    `json:"units"`
	NetUnits   int64     `json:"net_units"`
	Department string    `json:"department"`
}

// GapJSON is one shortfall.
type GapJSON struct {
	Month         app.Month `json:"month"`
	Group         string    `json:"group"`
	DemandUnits   int64     `json:"demand_units"`
	CapacityUnits int64     `json:"capacity_units"`
	Short         int64     `json:"shortfall_units"`
	Revenue       float64   `json:"shortfall_revenue"`
	Remaining     int64     `json:"remaining_units"`
	Decided       bool      `json:"decided"`
	Decisions     []string  `json:"decision_ids"`
}

// DecisionJSON is one decision.
type DecisionJSON struct {
	ID        string       `json:"id"`
	Month     app.Month    `json:"month"`
	Group     string       `json:"group"`
	Kind      DecisionKind `json:"kind"`
	Units     int64        `json:"units"`
	Cost      float64      `json:"cost"`
	TargetCut float64      `json:"target_cut"`
	ShiftTo   *app.Month   `json:"shift_to"`
	DecidedBy string       `json:"decided_by"`
	DecidedOn string       `json:"decided_on"`
	Note      string       `json:"note"`
}

// MeetingJSON is the meeting record.
type MeetingJSON struct {
	Date         string        `json:"date"`
	Participants []Participant `json:"participants"`
	Notes        string        `json:"notes"`
	SignOff      string        `json:"sign_off"`
	SignedBy     string        `json:"signed_by"`
}

// Show returns the JSON view of step 4.
func Show(pd *app.PlanData) JSON {
	c, f, cur := Of(pd), FiguresOf(pd), pd.Currency
	major := func(v int64) float64 { return app.ToMajor(v, cur) }
	out := JSON{Target: major(f.Target.Amount), TargetSource: f.Target.Source, ForecastSource: f.ForecastSource,
		ForecastTotal: major(f.ForecastTotal), UpliftTotal: major(f.UpliftTotal), DemandTotal: major(f.DemandTotal),
		Groups: []GroupJSON{}, Demand: []DemandJSON{}, Capacity: []CapacityJSON{}, Gaps: []GapJSON{}, Decisions: []DecisionJSON{},
		Problems: append([]string{}, f.Problems...)}
	for gi, g := range f.Groups {
		gj := GroupJSON{Name: g.Name, PriceSource: g.PriceSource, Unit: g.Unit, Department: g.Department, InHistory: g.InHistory, Problem: g.Problem}
		if g.Price > 0 {
			v := major(g.Price)
			gj.Price = &v
		}
		if g.Unit == UnitHours {
			v := float64(g.HoursPerUnit) / 100
			gj.HoursPerUnit = &v
		}
		out.Groups = append(out.Groups, gj)
		for _, cf := range f.Cells[gi] {
			out.Demand = append(out.Demand, DemandJSON{Month: cf.Month, Group: g.Name, Forecast: major(cf.Forecast), Uplift: major(cf.Uplift),
				Revenue: major(cf.Demand), Source: cf.Source, Units: cf.DemandUnits, NetRevenue: major(cf.NetDemand), NetUnits: cf.NetDemandUnits})
			if cf.Capacity != nil {
				out.Capacity = append(out.Capacity, CapacityJSON{Month: cf.Month, Group: g.Name, Stated: *cf.Capacity, Unit: g.Unit,
					Units: cf.CapacityUnits, NetUnits: cf.NetCapacityUnits, Department: g.Department})
			}
		}
	}
	for _, g := range f.Gaps {
		gi := -1
		for i := range f.Groups {
			if f.Groups[i].Name == g.Group {
				gi = i
			}
		}
		cf := f.Cells[gi][pd.Plan.MonthIndex(g.Month)]
		gj := GapJSON{Month: g.Month, Group: g.Group, DemandUnits: cf.NetDemandUnits, CapacityUnits: cf.NetCapacityUnits, Short: g.Short,
			Revenue: major(g.Revenue), Remaining: g.Remaining, Decided: g.Decided(), Decisions: []string{}}
		for _, di := range g.Decisions {
			gj.Decisions = append(gj.Decisions, c.Decisions[di].ID)
		}
		out.Gaps = append(out.Gaps, gj)
	}
	for _, d := range c.Decisions {
		out.Decisions = append(out.Decisions, DecisionJSON{ID: d.ID, Month: d.Month, Group: d.Group, Kind: d.Kind, Units: d.Units,
			Cost: major(d.Cost), TargetCut: major(d.TargetCut), ShiftTo: d.ShiftTo, DecidedBy: d.DecidedBy, DecidedOn: d.DecidedOn, Note: d.Note})
	}
	var costs int64
	for _, v := range f.DecisionCosts {
		costs += v
	}
	out.DecisionCosts = major(costs)
	if m := c.Meeting; m != nil {
		ps := m.Participants
		if ps == nil {
			ps = []Participant{}
		}
		out.Meeting = &MeetingJSON{Date: m.Date, Participants: ps, Notes: m.Notes, SignOff: m.SignOff, SignedBy: m.SignedBy}
	}
	return out
}
