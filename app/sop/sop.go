// Package sop is step 4 of a plan: sales and operations planning. The
// demand plan per month and product group (the forecast plus the uplift the
// revenue target requires), the capacity operations state, the gaps between
// them, a decision for each gap and the record of the S&OP meeting. It
// contributes the cost of raising capacity to the budget.
//
// Where the demand comes from. The figures use only what is loaded. The
// forecasting engine forecasts the scope's total (pd.Figures.Forecast); each
// month's forecast is split over the product groups by their share of that
// calendar month in the history (each group's own seasonality and mix), with
// exact integer parts (app.Split). Without a forecast (not loaded yet, or
// too little history) each group's forecast part is the same month a year
// earlier of its history (seasonal naive). Without history, demand is typed
// by hand. The uplift — the revenue target minus the forecast — is spread
// over every cell in proportion to its forecast part (so by the seasonality),
// again with exact parts: the plan's demand adds up to the target exactly.
//
// Revenue becomes units at the group's average price: the one entered, else
// the history's revenue ÷ quantity over its last 12 months (where the
// history has quantities). Without either, the group cannot be compared
// with its capacity and says so.
package sop

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"salesplan/app"
)

// Table names of step 4.
const (
	TableGroups    = "sop_groups"
	TableCells     = "sop_cells"
	TableDecisions = "sop_decisions"
	TableMeetings  = "sop_meetings"
)

// Capacity units.
const (
	UnitUnits = "units"
	UnitHours = "hours"
)

// Group is a product group's S&OP settings: the average price that turns
// revenue into units, how operations state its capacity and who is
// responsible for it.
type Group struct {
	ID       string `db:"id" json:"id"`
	PlanID   string `db:"plan_id" json:"-"`
	Position int    `db:"position" json:"position"`
	Name     string `db:"name" json:"name"`
	// Price is the average price per unit (minor units); nil = not entered.
	Price *int64 `db:"price,money" json:"price_minor"`
	// Unit is how capacity is stated: UnitUnits or UnitHours.
	Unit string `db:"capacity_unit" json:"unit"`
	// HoursPerUnit in hundredths of an hour (150 = 1.5 h), with UnitHours.
	HoursPerUnit int64  `db:"hours_per_unit" json:"hours_per_unit_c"`
	Department   string `db:"department" json:"department"`
}

// Clean trims the text fields.
func (g *Group) Clean() {
	g.Name, g.Department = strings.TrimSpace(g.Name), strings.TrimSpace(g.Department)
	if g.Unit == "" {
		g.Unit = UnitUnits
	}
}

// Validate checks a group's settings.
func (g Group) Validate() []app.FieldError {
	var errs []app.FieldError
	if strings.TrimSpace(g.Name) == "" {
		errs = append(errs, app.FieldError{Field: "name", Message: "Name the product group, e.g. “Grinders”."})
	}
	if g.Price != nil && *g.Price <= 0 {
		errs = append(errs, app.FieldError{Field: "price", Message: "An average price of 0 or less cannot turn revenue into units; enter the average price per unit, e.g. 450.00."})
	}
	switch g.Unit {
	case UnitUnits, "":
	case UnitHours:
		if g.HoursPerUnit <= 0 {
			errs = append(errs, app.FieldError{Field: "hours_per_unit", Message: "Capacity in hours needs the hours one unit takes, e.g. 1.5; enter more than 0."})
		}
	default:
		errs = append(errs, app.FieldError{Field: "unit", Message: "State capacity in units or in hours."})
	}
	if g.HoursPerUnit < 0 {
		errs = append(errs, app.FieldError{Field: "hours_per_unit", Message: "Hours per unit cannot be negative."})
	}
	if err := app.ValidateText(g.Department); err != nil {
		errs = append(errs, app.FieldError{Field: "department", Message: app.ErrorMessage(err)})
	}
	return errs
}

// Cell is what was entered for one month of one group: a typed demand that
// replaces the derived one, and the capacity operations state. A missing
// value is nil.
type Cell struct {
	ID     string    `db:"id" json:"id"`
	PlanID string    `db:"plan_id" json:"-"`
	Group  string    `db:"group_name" json:"group"`
	Month  app.Month `db:"month" json:"month"`
	// Demand is typed revenue (minor units); nil = forecast plus uplift.
	Demand *int64 `db:"demand,money" json:"demand_minor"`
	// Capacity in the group's unit (units or whole hours); nil = not stated.
	Capacity *int64 `db:"capacity" json:"capacity"`
}

// Validate checks a cell.
func (c Cell) Validate() []app.FieldError {
	var errs []app.FieldError
	if c.Demand != nil && *c.Demand < 0 {
		errs = append(errs, app.FieldError{Field: "demand", Message: "Demand cannot be negative; enter 0 or more, or reset it to the forecast."})
	}
	if c.Capacity != nil && *c.Capacity <= 0 {
		errs = append(errs, app.FieldError{Field: "capacity", Message: "Capacity must be more than 0; enter what operations can deliver in the month, or leave it empty."})
	}
	return errs
}

// DecisionKind is what was decided about a gap.
type DecisionKind string

// The decisions a gap can get.
const (
	RaiseCapacity DecisionKind = "raise_capacity" // more capacity, at a cost the budget carries
	LowerTarget   DecisionKind = "lower_target"   // the revenue target goes down by the shortfall
	ShiftDemand   DecisionKind = "shift_demand"   // units move to another month of the same group
)

// Label names the kind for people.
func (k DecisionKind) Label() string {
	switch k {
	case RaiseCapacity:
		return "Raise capacity"
	case LowerTarget:
		return "Lower the target"
	case ShiftDemand:
		return "Shift demand"
	}
	return string(k)
}

// Decision is what the S&OP meeting decided about the gap of one group in
// one month.
type Decision struct {
	ID       string       `db:"id" json:"id"`
	PlanID   string       `db:"plan_id" json:"-"`
	Position int          `db:"position" json:"position"`
	Group    string       `db:"group_name" json:"group"`
	Month    app.Month    `db:"month" json:"month"`
	Kind     DecisionKind `db:"kind" json:"kind"`
	// Units: the extra capacity (raise) or the units moved (shift).
	Units int64 `db:"units" json:"units"`
	// Cost of the extra capacity (raise), minor units, in the gap's month.
	Cost int64 `db:"cost,money" json:"cost_minor"`
	// TargetCut is how much the revenue target was lowered (lower), minor
	// units; it was saved to the revenue objective when confirmed.
	TargetCut int64      `db:"target_cut,money" json:"target_cut_minor"`
	ShiftTo   *app.Month `db:"shift_to" json:"shift_to"`
	DecidedBy string     `db:"decided_by" json:"decided_by"`
	DecidedOn string     `db:"decided_on" json:"decided_on"` // YYYY-MM-DD
	Note      string     `db:"note" json:"note"`
}

// Clean trims the text fields.
func (d *Decision) Clean() {
	d.DecidedBy, d.DecidedOn, d.Note = strings.TrimSpace(d.DecidedBy), strings.TrimSpace(d.DecidedOn), strings.TrimSpace(d.Note)
}

// Validate checks a decision on its own (the target it lowers is checked by
// CheckTargetCut).
func (d Decision) Validate() []app.FieldError {
	var errs []app.FieldError
	switch d.Kind {
	case RaiseCapacity:
		if d.Units <= 0 {
			errs = append(errs, app.FieldError{Field: "units", Message: "Raise capacity by at least one unit."})
		}
		if d.Cost < 0 {
			errs = append(errs, app.FieldError{Field: "cost", Message: "A cost cannot be negative."})
		}
	case LowerTarget:
		if d.TargetCut <= 0 {
			errs = append(errs, app.FieldError{Field: "target_cut", Message: "Lower the target by more than 0."})
		}
	case ShiftDemand:
		if d.Units <= 0 {
			errs = append(errs, app.FieldError{Field: "units", Message: "Shift at least one unit."})
		}
		if d.ShiftTo == nil {
			errs = append(errs, app.FieldError{Field: "shift_to", Message: "Choose the month the demand moves to."})
		} else if *d.ShiftTo == d.Month {
			errs = append(errs, app.FieldError{Field: "shift_to", Message: "Shift the demand to another month than the gap's."})
		}
	default:
		errs = append(errs, app.FieldError{Field: "kind", Message: "Choose a decision: raise capacity, lower the target or shift demand."})
	}
	if strings.TrimSpace(d.Group) == "" {
		errs = append(errs, app.FieldError{Field: "group", Message: "A decision belongs to the gap of a product group."})
	}
	if d.DecidedOn != "" {
		if _, err := time.Parse("2006-01-02", d.DecidedOn); err != nil {
			errs = append(errs, app.FieldError{Field: "decided_on", Message: "Write the date as YYYY-MM-DD, e.g. 2026-11-20."})
		}
	}
	for _, s := range []string{d.DecidedBy, d.Note} {
		if err := app.ValidateText(s); err != nil {
			errs = append(errs, app.FieldError{Field: "note", Message: app.ErrorMessage(err)})
		}
	}
	return errs
}

// Participant is one person at the S&OP meeting.
type Participant struct {
	Name       string `json:"name"`
	Department string `json:"department"`
}

// Sign-off states of the meeting.
const (
	Draft  = "draft"
	Agreed = "agreed"
)

// Meeting is the record of the S&OP meeting.
type Meeting struct {
	ID           string        `db:"id" json:"id"`
	PlanID       string        `db:"plan_id" json:"-"`
	Date         string        `db:"meeting_date" json:"date"` // YYYY-MM-DD
	Participants []Participant `db:"participants" json:"participants"`
	Notes        string        `db:"notes" json:"notes"`
	SignOff      string        `db:"sign_off" json:"sign_off"`
	SignedBy     string        `db:"signed_by" json:"signed_by"`
}

// Clean trims the text fields and drops empty participants.
func (m *Meeting) Clean() {
	m.Date, m.Notes, m.SignedBy = strings.TrimSpace(m.Date), strings.TrimSpace(m.Notes), strings.TrimSpace(m.SignedBy)
	var ps []Participant
	for _, p := range m.Participants {
		p.Name, p.Department = strings.TrimSpace(p.Name), strings.TrimSpace(p.Department)
		if p.Name != "" || p.Department != "" {
			ps = append(ps, p)
		}
	}
	m.Participants = ps
	if m.SignOff == "" {
		m.SignOff = Draft
	}
}

// Validate checks the meeting record.
func (m Meeting) Validate() []app.FieldError {
	var errs []app.FieldError
	if m.Date != "" {
		if _, err := time.Parse("2006-01-02", m.Date); err != nil {
			errs = append(errs, app.FieldError{Field: "date", Message: "Write the meeting date as YYYY-MM-DD, e.g. 2026-11-20."})
		}
	}
	switch m.SignOff {
	case Draft, "":
	case Agreed:
		if m.Date == "" {
			errs = append(errs, app.FieldError{Field: "date", Message: "Enter the meeting date before signing the plan off."})
		}
		if len(m.Participants) == 0 {
			errs = append(errs, app.FieldError{Field: "participants", Message: "Name who took part before signing the plan off."})
		}
		if strings.TrimSpace(m.SignedBy) == "" {
			errs = append(errs, app.FieldError{Field: "signed_by", Message: "Say who signed the plan off."})
		}
	default:
		errs = append(errs, app.FieldError{Field: "sign_off", Message: "The sign-off is either draft or agreed."})
	}
	for _, p := range m.Participants {
		if strings.TrimSpace(p.Name) == "" && strings.TrimSpace(p.Department) != "" {
			errs = append(errs, app.FieldError{Field: "participants", Message: "Name the participant from " + p.Department + "."})
		}
	}
	if err := app.ValidateText(m.Notes); err != nil {
		errs = append(errs, app.FieldError{Field: "notes", Message: app.ErrorMessage(err)})
	}
	return errs
}

// Content is what step 4 stores, with the history of its groups.
type Content struct {
	Groups    []Group
	Cells     []Cell
	Decisions []Decision
	Meeting   *Meeting // nil until one is recorded
	// History is each product group's monthly revenue (within the plan's
	// regions, every group of the business), read while loading.
	History map[string]app.MonthlySeries
	// HistoryPrice is each group's revenue ÷ quantity over the last 12
	// months of history (minor units per unit), where quantities are given:
	// the average price when none is entered.
	HistoryPrice map[string]int64
}

// Of returns the S&OP content of pd.
func Of(pd *app.PlanData) *Content { return app.ContentOf[Content](pd, app.StepSOP) }

// Group returns the settings row of the group name, or nil.
func (c *Content) Group(name string) *Group {
	for i := range c.Groups {
		if c.Groups[i].Name == name {
			return &c.Groups[i]
		}
	}
	return nil
}

// Cell returns the entered cell of group and month, or nil.
func (c *Content) Cell(group string, m app.Month) *Cell {
	for i := range c.Cells {
		if c.Cells[i].Group == group && c.Cells[i].Month == m {
			return &c.Cells[i]
		}
	}
	return nil
}

// groupHistoryReader is what the loader reads the groups' histories
// through: the store's snapshot provides it. A reader without it leaves the
// history empty (demand is then typed).
type groupHistoryReader interface {
	MonthlyRevenueBy(ctx context.Context, businessID string, scope app.Scope, dim app.Dimension) ([]string, map[string]app.MonthlySeries, error)
	GroupSales(ctx context.Context, businessID string, scope app.Scope, from app.Month) (map[string]int64, map[string]float64, error)
}

func load(ctx context.Context, r app.ContentReader, pd *app.PlanData) error {
	c := Of(pd)
	id := pd.Plan.ID
	if err := r.Rows(ctx, TableGroups, id, &c.Groups); err != nil {
		return err
	}
	if err := r.Rows(ctx, TableCells, id, &c.Cells); err != nil {
		return err
	}
	if err := r.Rows(ctx, TableDecisions, id, &c.Decisions); err != nil {
		return err
	}
	var ms []Meeting
	if err := r.Rows(ctx, TableMeetings, id, &ms); err != nil {
		return err
	}
	c.Meeting = nil
	if len(ms) > 0 {
		c.Meeting = &ms[0]
	}
	c.History = nil
	if gr, ok := r.(groupHistoryReader); ok {
		_, h, err := gr.MonthlyRevenueBy(ctx, pd.Business.ID, app.Scope{Regions: pd.Plan.Scope.Regions}, app.DimGroup)
		if err != nil {
			return err
		}
		c.History = h
		c.HistoryPrice = map[string]int64{}
		if from, _, ok := app.LastYearWindow(pd.History); ok {
			amounts, qty, err := gr.GroupSales(ctx, pd.Business.ID, app.Scope{Regions: pd.Plan.Scope.Regions}, from)
			if err != nil {
				return err
			}
			for g, a := range amounts {
				if q := qty[g]; q > 0 && a > 0 {
					c.HistoryPrice[g] = int64(math.Round(float64(a) / q))
				}
			}
		}
	}
	return nil
}

// CellFigures is one month of one group.
type CellFigures struct {
	Group string
	Month app.Month
	// Forecast and Uplift are the derived demand's parts (minor units).
	Forecast, Uplift int64
	// Demand is the plan's demand before decisions: typed, or forecast
	// plus uplift. Source says which: "typed", "forecast",
	// "forecast+uplift" or "none".
	Demand int64
	Source string
	// Units of demand (0 without a price) and capacity in units (nil
	// when not stated or not convertible), before decisions.
	DemandUnits   int64
	Capacity      *int64 // as entered, in the group's unit
	CapacityUnits *int64
	// After the decisions: demand moved or cut, capacity raised.
	NetDemand, NetDemandUnits, NetCapacityUnits int64
	// Gap is capacity minus demand in units after the decisions (valid
	// when Known).
	Gap   int64
	Known bool
	State string // "shortfall", "idle", "ok" or "" (not known)
}

// GroupFigures is a group's row of the plan.
type GroupFigures struct {
	Name         string
	Price        int64  // average price per unit; 0 = none
	PriceSource  string // "entered", "history" (revenue ÷ quantity of the last 12 months) or ""
	Unit         string
	HoursPerUnit int64
	Department   string
	InHistory    bool
	Problem      string // a sentence when the group cannot be planned as is
}

// Gap is a shortfall of one group in one month and what was decided.
type Gap struct {
	Group string
	Month app.Month
	// Short is the shortfall in units before the decisions; Remaining after.
	Short, Remaining int64
	// Revenue is the shortfall's revenue at the group's price.
	Revenue   int64
	Decisions []int // indexes into Content.Decisions
}

// Decided reports whether the gap has a decision.
func (g Gap) Decided() bool { return len(g.Decisions) > 0 }

// Figures are step 4's computed results.
type Figures struct {
	Months []app.Month
	Groups []GroupFigures
	Cells  [][]CellFigures // [group][month]
	// Totals over every cell (minor units).
	ForecastTotal, UpliftTotal, DemandTotal int64
	Target                                  app.Target
	// ForecastSource says where the forecast part came from, in words.
	ForecastSource string
	Gaps           []Gap
	DecisionCosts  []int64  // per plan month, the cost of raising capacity
	Problems       []string // sentences about the plan as a whole
}

// FiguresOf returns step 4's figures of pd.
func FiguresOf(pd *app.PlanData) *Figures {
	if f := app.StepFigures[Figures](&pd.Figures, app.StepSOP); f != nil {
		return f
	}
	return Compute(pd)
}

// IdleShare is the share of a month's capacity left unused above which the
// capacity is marked idle (20 %).
const IdleShare = 5 // capacity − demand > capacity / IdleShare

// GroupNames returns the groups the plan's S&OP covers, in order: the
// groups with settings, then the plan's scope, then the groups of the
// history (when the scope takes every group).
func GroupNames(pd *app.PlanData) []string {
	c := Of(pd)
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, g := range c.Groups {
		add(g.Name)
	}
	for _, n := range pd.Plan.Scope.ProductGroups {
		add(n)
	}
	if len(pd.Plan.Scope.ProductGroups) == 0 {
		var hist []string
		for n := range c.History {
			hist = append(hist, n)
		}
		sort.Strings(hist)
		for _, n := range hist {
			add(n)
		}
	}
	return out
}

func inScope(s app.Scope, g string) bool {
	if len(s.ProductGroups) == 0 {
		return true
	}
	for _, n := range s.ProductGroups {
		if n == g {
			return true
		}
	}
	return false
}

// CapacityUnits converts a capacity as entered into units: whole units, or
// hours ÷ hours per unit rounded down (a unit half made is not delivered).
// ok is false when hours cannot be converted.
func CapacityUnits(capacity int64, unit string, hoursPerUnit int64) (int64, bool) {
	if unit != UnitHours {
		return capacity, true
	}
	if hoursPerUnit <= 0 {
		return 0, false
	}
	return capacity * 100 / hoursPerUnit, true
}

// Units converts revenue into units at price (rounded half up); 0 without a
// price.
func Units(revenue, price int64) int64 {
	if price <= 0 {
		return 0
	}
	return app.RoundDiv(revenue, price)
}

// forecastParts returns each group's forecast part per plan month and how
// it was derived.
func forecastParts(pd *app.PlanData, groups []string) ([][]int64, string) {
	hist := Of(pd).History
	n := pd.Plan.Months
	out := make([][]int64, len(groups))
	for i := range out {
		out[i] = make([]int64, n)
	}
	if len(hist) == 0 {
		return out, "no sales history: type the demand per month"
	}
	// calendar-month weights per group over the whole history
	weights := make([][12]int64, len(groups))
	var seen int64
	for gi, g := range groups {
		s, ok := hist[g]
		if !ok || !inScope(pd.Plan.Scope, g) {
			continue
		}
		for i, v := range s.Values {
			if v > 0 {
				weights[gi][s.Start.Add(i).Month()-1] += v
				seen += v
			}
		}
	}
	if seen == 0 {
		return out, "no sales history of these groups: type the demand per month"
	}
	// The engine's forecast of each group, when every group with history
	// has one.
	if gf := pd.Figures.GroupForecast; len(gf) > 0 {
		complete := true
		for _, g := range groups {
			if s, ok := hist[g]; ok && len(s.Values) > 0 && inScope(pd.Plan.Scope, g) {
				if f, ok := gf[g]; !ok || !f.OK {
					complete = false
				}
			}
		}
		if complete {
			for gi, g := range groups {
				f, ok := gf[g]
				if !ok || !f.OK || !inScope(pd.Plan.Scope, g) {
					continue
				}
				for mi := 0; mi < n && mi < len(f.Point); mi++ {
					out[gi][mi] = max(0, int64(math.Round(f.Point[mi])))
				}
			}
			return out, "the forecasting engine's forecast of each product group"
		}
	}
	if f := pd.Figures.Forecast; f.OK {
		for mi := 0; mi < n && mi < len(f.Point); mi++ {
			m := pd.Plan.Start.Add(mi)
			w := make([]int64, len(groups))
			for gi := range groups {
				w[gi] = weights[gi][m.Month()-1]
			}
			for gi, part := range app.Split(int64(f.Point[mi]+0.5), w) {
				out[gi][mi] = part
			}
		}
		return out, "the forecast of the scope's total, split over the groups by their share of each calendar month in the history"
	}
	for gi, g := range groups {
		s, ok := hist[g]
		if !ok || !inScope(pd.Plan.Scope, g) || len(s.Values) == 0 {
			continue
		}
		for mi := 0; mi < n; mi++ {
			m := pd.Plan.Start.Add(mi)
			// the latest month of the history in the same calendar month
			last := s.End()
			for last.Month() != m.Month() {
				last--
			}
			if k := int(last - s.Start); k >= 0 && k < len(s.Values) && s.Values[k] > 0 {
				out[gi][mi] = s.Values[k]
			}
		}
	}
	return out, "each group's sales in the same month a year earlier (the forecast is not loaded)"
}

// Compute derives step 4's figures from its content and the figures of
// lower rank.
func Compute(pd *app.PlanData) *Figures {
	c := Of(pd)
	p := pd.Plan
	f := &Figures{Target: pd.Figures.Target, DecisionCosts: make([]int64, p.Months)}
	for i := 0; i < p.Months; i++ {
		f.Months = append(f.Months, p.Start.Add(i))
	}
	names := GroupNames(pd)
	for _, n := range names {
		gf := GroupFigures{Name: n, Unit: UnitUnits}
		_, gf.InHistory = c.History[n]
		if p := c.HistoryPrice[n]; p > 0 {
			gf.Price, gf.PriceSource = p, "history"
		}
		if g := c.Group(n); g != nil {
			if g.Price != nil && *g.Price > 0 {
				gf.Price, gf.PriceSource = *g.Price, "entered"
			}
			if g.Unit != "" {
				gf.Unit = g.Unit
			}
			gf.HoursPerUnit, gf.Department = g.HoursPerUnit, g.Department
		}
		switch {
		case !inScope(p.Scope, n) && gf.InHistory:
			gf.Problem = fmt.Sprintf("%s is in the history but not in this plan's scope, so it has no forecast; add it to the scope on step 1 or type its demand.", n)
		case gf.Price == 0:
			gf.Problem = fmt.Sprintf("Enter the average price of %s so its demand can be turned into units and compared with capacity.", n)
		case gf.Unit == UnitHours && gf.HoursPerUnit <= 0:
			gf.Problem = fmt.Sprintf("Enter the hours one unit of %s takes so its capacity in hours can be compared with demand.", n)
		}
		f.Groups = append(f.Groups, gf)
	}
	parts, src := forecastParts(pd, names)
	f.ForecastSource = src
	// The target the uplift aims at is the target before the cuts the
	// decisions made: a cut then comes out of its own gap's cell.
	var cuts int64
	for _, d := range c.Decisions {
		if d.Kind == LowerTarget {
			cuts += d.TargetCut
		}
	}
	var flat []int64
	for _, row := range parts {
		for _, v := range row {
			f.ForecastTotal += v
			flat = append(flat, v)
		}
	}
	var uplift []int64
	if t := pd.Figures.Target; t.Amount > 0 && !t.FromForecast && f.ForecastTotal > 0 {
		f.UpliftTotal = t.Amount + cuts - f.ForecastTotal
		if f.UpliftTotal < -f.ForecastTotal {
			f.UpliftTotal = -f.ForecastTotal
		}
		uplift = app.Split(f.UpliftTotal, flat)
	} else if t.Amount > 0 && !t.FromForecast && len(names) > 0 {
		f.Problems = append(f.Problems, "There is no history to spread the revenue target over; type the demand of each group per month.")
	}
	f.Cells = make([][]CellFigures, len(names))
	for gi, n := range names {
		gf := f.Groups[gi]
		f.Cells[gi] = make([]CellFigures, p.Months)
		for mi := range f.Cells[gi] {
			cf := CellFigures{Group: n, Month: f.Months[mi], Forecast: parts[gi][mi]}
			if uplift != nil {
				cf.Uplift = uplift[gi*p.Months+mi]
			}
			cf.Demand, cf.Source = cf.Forecast+cf.Uplift, "forecast"
			switch {
			case cf.Uplift != 0:
				cf.Source = "forecast+uplift"
			case cf.Forecast == 0:
				cf.Source = "none"
			}
			if cell := c.Cell(n, cf.Month); cell != nil {
				if cell.Demand != nil {
					cf.Demand, cf.Source = *cell.Demand, "typed"
				}
				if cell.Capacity != nil && *cell.Capacity > 0 {
					v := *cell.Capacity
					cf.Capacity = &v
					if u, ok := CapacityUnits(v, gf.Unit, gf.HoursPerUnit); ok {
						cf.CapacityUnits = &u
					}
				}
			}
			f.DemandTotal += cf.Demand
			cf.NetDemand = cf.Demand
			f.Cells[gi][mi] = cf
		}
	}
	// decisions: demand moved or cut, capacity raised
	extra := map[[2]int]int64{}
	cellAt := func(group string, m app.Month) (int, int) {
		mi := p.MonthIndex(m)
		for gi, n := range names {
			if n == group && mi >= 0 {
				return gi, mi
			}
		}
		return -1, -1
	}
	for _, d := range c.Decisions {
		gi, mi := cellAt(d.Group, d.Month)
		if gi < 0 {
			continue
		}
		price := f.Groups[gi].Price
		switch d.Kind {
		case RaiseCapacity:
			extra[[2]int{gi, mi}] += d.Units
			f.DecisionCosts[mi] += d.Cost
		case LowerTarget:
			f.Cells[gi][mi].NetDemand -= d.TargetCut
		case ShiftDemand:
			if d.ShiftTo == nil {
				continue
			}
			rev := d.Units * price
			if ti := p.MonthIndex(*d.ShiftTo); ti >= 0 {
				f.Cells[gi][ti].NetDemand += rev
			}
			f.Cells[gi][mi].NetDemand -= rev
		}
	}
	for gi := range f.Cells {
		gf := f.Groups[gi]
		for mi := range f.Cells[gi] {
			cf := &f.Cells[gi][mi]
			cf.DemandUnits = Units(cf.Demand, gf.Price)
			cf.NetDemandUnits = Units(max(0, cf.NetDemand), gf.Price)
			if cf.CapacityUnits == nil || gf.Price == 0 {
				continue
			}
			cf.Known = true
			cf.NetCapacityUnits = *cf.CapacityUnits + extra[[2]int{gi, mi}]
			cf.Gap = cf.NetCapacityUnits - cf.NetDemandUnits
			raw := *cf.CapacityUnits - cf.DemandUnits
			switch {
			case cf.Gap < 0:
				cf.State = "shortfall"
			case cf.Gap*IdleShare > cf.NetCapacityUnits:
				cf.State = "idle"
			default:
				cf.State = "ok"
			}
			if raw < 0 || cf.Gap < 0 {
				g := Gap{Group: cf.Group, Month: cf.Month, Short: max(0, -raw), Remaining: max(0, -cf.Gap)}
				g.Revenue = max(g.Short, g.Remaining) * gf.Price
				for di, d := range c.Decisions {
					if d.Group == cf.Group && d.Month == cf.Month {
						g.Decisions = append(g.Decisions, di)
					}
				}
				f.Gaps = append(f.Gaps, g)
			}
		}
	}
	return f
}

// CheckTargetCut says what is wrong with lowering the plan's revenue
// target by cut, or "" when it can be lowered.
func CheckTargetCut(pd *app.PlanData, cut int64) string {
	t := pd.Figures.Target
	switch {
	case t.ObjectiveID == "":
		return "The plan has no revenue target of its own yet (it follows the forecast); set one on step 2 before lowering it."
	case cut <= 0:
		return "Lower the target by more than 0."
	case cut > t.Amount:
		return fmt.Sprintf("Lowering the target by %s would take it below zero (it is %s); lower it by at most the target, or choose another decision.",
			pd.Locale.Money(cut, pd.Currency), pd.Locale.Money(t.Amount, pd.Currency))
	}
	return ""
}

// figures keeps step 4's figures and contributes the cost of raising
// capacity to the budget.
func figures(pd *app.PlanData) {
	f := Compute(pd)
	app.SetStepFigures(&pd.Figures, app.StepSOP, f)
	line := app.CostLine{Step: app.StepSOP, Key: "sop-decisions", Label: "S&OP decisions", Months: append([]int64(nil), f.DecisionCosts...),
		Source: "the capacity raised by the decisions of step 4, in the month of each gap"}
	pd.Figures.AddCostLine(line)
}

func status(pd *app.PlanData) app.Status {
	c := Of(pd)
	started := false
	for _, cell := range c.Cells {
		if cell.Demand != nil || cell.Capacity != nil {
			started = true
		}
	}
	if !started {
		return app.NotStarted
	}
	for _, g := range FiguresOf(pd).Gaps {
		if !g.Decided() {
			return app.InProgress
		}
	}
	if c.Meeting == nil || c.Meeting.SignOff != Agreed {
		return app.InProgress
	}
	return app.Complete
}

// Step returns step 4 for the registry.
func Step() app.Step {
	return app.Step{
		ID: app.StepSOP, Number: 4, Title: "Sales & operations planning", Nav: "S&OP",
		Guidance: "Check with operations that the plan can be delivered: the demand per month and product group against the capacity " +
			"operations state. Decide about every shortfall — more capacity, a lower target or demand moved to another month — and record the meeting that agreed it.",
		CompleteWhen: "Complete when demand or capacity is entered, every shortfall has a decision and the S&OP meeting is signed off as agreed.",
		Tables: []app.Table{
			{Name: TableGroups, Row: Group{}},
			{Name: TableCells, Row: Cell{}},
			{Name: TableDecisions, Row: Decision{}},
			{Name: TableMeetings, Row: Meeting{}, OnePerPlan: true},
		},
		Load:       load,
		Rank:       app.RankSOP,
		Figures:    figures,
		Completion: status,
		Section:    section,
		Exports:    exports,
		Show:       func(pd *app.PlanData) any { return Show(pd) },
		Demo:       demo,
	}
}
