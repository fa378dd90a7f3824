package budget

import (
	"context"
	"fmt"
	"strings"

	"salesplan/app"
)

// Table names of step 5.
const (
	TableSettings  = "budget_settings"
	TableLines     = "budget_lines"
	TableScenarios = "budget_scenarios"
	TableActuals   = "budget_actuals"
)

// Keys of the scenarios the budget always has; a scenario the user
// defines is chosen with ChosenCustom and its row's Chosen flag.
const (
	ScenarioBase        = "base"
	ScenarioOptimistic  = "optimistic"
	ScenarioPessimistic = "pessimistic"
	ChosenCustom        = "custom"
	// MaxChangeBP is +1000 %: a larger change is a typing slip.
	MaxChangeBP = 100000
)

// Revenue sources: where the budget's revenue comes from.
const (
	FromForecast = "forecast" // the forecast's months, rounded to minor units
	FromTarget   = "target"   // the revenue target, spread by the forecast's monthly shape
)

// Spreads: how a typed line's annual amount becomes months.
const (
	SpreadEven     = "even"     // equal months (they differ by one minor unit at most)
	SpreadSeasonal = "seasonal" // in proportion to the budget's revenue per month
	SpreadMonthly  = "monthly"  // an amount typed per month; the year is their sum
)

// Kinds of typed expense lines.
var Kinds = []string{"salaries", "travel", "marketing", "tools", "training", "recruiting", "other"}

// KindLabel names a kind for people.
func KindLabel(k string) string {
	switch k {
	case "salaries":
		return "Salaries"
	case "travel":
		return "Travel"
	case "marketing":
		return "Marketing"
	case "tools":
		return "Tools"
	case "training":
		return "Training"
	case "recruiting":
		return "Recruiting"
	case "other":
		return "Other"
	}
	return k
}

// Defaults of the settings.
const (
	DefaultAttainmentBP = 10000 // 100 % of quota
	DefaultMarginBP     = 3500  // 35 % gross margin
	// MaxAmount is the largest amount a line or a month takes (minor units):
	// beyond it a typing slip is more likely than a real budget.
	MaxAmount int64 = 100_000_000_000_000
	// MaxAttainmentBP is 500 %: commissions at more than five times quota
	// are a typing slip.
	MaxAttainmentBP = 50000
)

// Settings is the budget's one row per plan: where revenue comes from, the
// attainment the commissions are budgeted at and the gross margin.
type Settings struct {
	ID     string `db:"id" json:"id"`
	PlanID string `db:"plan_id" json:"-"`
	// RevenueSource is FromForecast or FromTarget.
	RevenueSource string `db:"revenue_source" json:"revenue_source"`
	// AttainmentBP is the budgeted attainment of quota in basis points
	// (10000 = 100 %).
	AttainmentBP int64 `db:"attainment_bp" json:"attainment_bp"`
	// MarginBP is the gross margin in basis points of revenue (3500 = 35 %):
	// every group's margin unless the group has its own.
	MarginBP int64 `db:"margin_bp" json:"margin_bp"`
	// GroupMargins are the product groups' own gross margins.
	GroupMargins []GroupMargin `db:"group_margins" json:"group_margins"`
	// Scenario is the scenario chosen as the plan's budget: ScenarioBase,
	// ScenarioOptimistic, ScenarioPessimistic, ChosenCustom (the user's
	// scenario whose Chosen flag is set) or "" (none yet).
	Scenario string `db:"scenario" json:"scenario"`
}

// ScenarioDef is a scenario the user defines: the budget with revenue and
// the sales expenses changed by a percentage each.
type ScenarioDef struct {
	ID       string `db:"id" json:"id"`
	PlanID   string `db:"plan_id" json:"-"`
	Position int    `db:"position" json:"position"`
	Name     string `db:"name" json:"name"`
	// RevenueBP is the change of revenue in basis points (−1000 = −10 %).
	RevenueBP int64 `db:"revenue_bp" json:"revenue_bp"`
	// ExpenseBP is the change of the sales expenses other than the
	// commissions (which follow revenue) in basis points.
	ExpenseBP int64 `db:"expense_bp" json:"expense_bp"`
	// Chosen marks the scenario chosen as the plan's budget (with
	// Settings.Scenario = ChosenCustom).
	Chosen bool `db:"chosen,exclusive" json:"chosen"`
}

// Clean trims the name.
func (d *ScenarioDef) Clean() { d.Name = strings.TrimSpace(d.Name) }

// Validate checks a scenario.
func (d ScenarioDef) Validate() []app.FieldError {
	var errs []app.FieldError
	if strings.TrimSpace(d.Name) == "" {
		errs = append(errs, app.FieldError{Field: "name", Message: "Name the scenario, e.g. “New distributor”."})
	}
	if err := app.ValidateText(d.Name); err != nil {
		errs = append(errs, app.FieldError{Field: "name", Message: app.ErrorMessage(err)})
	}
	switch {
	case d.RevenueBP <= -10000:
		errs = append(errs, app.FieldError{Field: "revenue", Message: "A revenue change of −100 % or below leaves no revenue at all; enter a change above −100 %, e.g. −10 %."})
	case d.RevenueBP > MaxChangeBP:
		errs = append(errs, app.FieldError{Field: "revenue", Message: "A revenue change above +1000 % is more likely a typing slip; enter e.g. +10 %."})
	}
	switch {
	case d.ExpenseBP <= -10000:
		errs = append(errs, app.FieldError{Field: "expenses", Message: "An expense change of −100 % or below leaves no sales expenses at all; enter a change above −100 %, e.g. −5 %."})
	case d.ExpenseBP > MaxChangeBP:
		errs = append(errs, app.FieldError{Field: "expenses", Message: "An expense change above +1000 % is more likely a typing slip; enter e.g. +5 %."})
	}
	return errs
}

// GroupMargin is a product group's own gross margin.
type GroupMargin struct {
	Group    string `json:"group"`
	MarginBP int64  `json:"margin_bp"`
}

// GroupMargin returns the margin of group: its own, else the default.
func (s Settings) GroupMargin(group string) (int64, bool) {
	for _, g := range s.GroupMargins {
		if g.Group == group {
			return g.MarginBP, true
		}
	}
	return s.MarginBP, false
}

// Clean fills the defaults of a new row.
func (s *Settings) Clean() {
	if s.RevenueSource == "" {
		s.RevenueSource = FromForecast
	}
}

// Validate checks the settings.
func (s Settings) Validate() []app.FieldError {
	var errs []app.FieldError
	switch s.RevenueSource {
	case FromForecast, FromTarget, "":
	default:
		errs = append(errs, app.FieldError{Field: "revenue_source", Message: "Budget revenue either to the forecast or to the target."})
	}
	switch s.Scenario {
	case "", ScenarioBase, ScenarioOptimistic, ScenarioPessimistic, ChosenCustom:
	default:
		errs = append(errs, app.FieldError{Field: "scenario", Message: "Choose the plan's budget among the scenarios shown."})
	}
	if s.AttainmentBP < 0 || s.AttainmentBP > MaxAttainmentBP {
		errs = append(errs, app.FieldError{Field: "attainment", Message: "Budget the commissions at an attainment between 0 % and 500 % of quota, e.g. 100 %."})
	}
	if s.MarginBP < 0 || s.MarginBP > 10000 {
		errs = append(errs, app.FieldError{Field: "margin", Message: "A gross margin lies between 0 % and 100 % of revenue; enter e.g. 35 %."})
	}
	for _, g := range s.GroupMargins {
		if g.MarginBP < 0 || g.MarginBP > 10000 {
			errs = append(errs, app.FieldError{Field: "margin:" + g.Group, Message: "The gross margin of " + g.Group + " lies between 0 % and 100 % of its revenue; enter e.g. 35 %, or leave it empty for the default."})
		}
	}
	return errs
}

// Line is an expense line the user types: an annual amount spread over the
// plan months, or an amount per month.
type Line struct {
	ID       string `db:"id" json:"id"`
	PlanID   string `db:"plan_id" json:"-"`
	Position int    `db:"position" json:"position"`
	Kind     string `db:"kind" json:"kind"`
	Name     string `db:"name" json:"name"`
	// Annual is the amount over the plan period (minor units); with
	// SpreadMonthly it is the sum of Months.
	Annual int64  `db:"annual,money" json:"annual_minor"`
	Spread string `db:"spread" json:"spread"`
	// Months are the typed amounts per plan month (index 0 = the plan's
	// first month), used with SpreadMonthly.
	Months []int64 `db:"months" json:"months_minor"`
}

// Clean trims the name, fills the defaults and keeps Annual the sum of a
// monthly line.
func (l *Line) Clean() {
	l.Name = strings.TrimSpace(l.Name)
	if l.Kind == "" {
		l.Kind = "other"
	}
	if l.Spread == "" {
		l.Spread = SpreadEven
	}
	if l.Spread == SpreadMonthly {
		var t int64
		for _, v := range l.Months {
			if v > 0 && v <= MaxAmount {
				t += v
			}
		}
		l.Annual = t
	}
}

// Validate checks a line.
func (l Line) Validate() []app.FieldError {
	var errs []app.FieldError
	if strings.TrimSpace(l.Name) == "" {
		errs = append(errs, app.FieldError{Field: "name", Message: "Name the expense line, e.g. “Trade fairs”."})
	}
	known := l.Kind == ""
	for _, k := range Kinds {
		known = known || k == l.Kind
	}
	if !known {
		errs = append(errs, app.FieldError{Field: "kind", Message: "Choose the kind of expense: " + strings.Join(Kinds, ", ") + "."})
	}
	switch {
	case l.Annual < 0:
		errs = append(errs, app.FieldError{Field: "annual", Message: "An expense cannot be negative; enter 0 or more."})
	case l.Annual > MaxAmount:
		errs = append(errs, app.FieldError{Field: "annual", Message: "This amount is too large for a sales budget; check the number of digits."})
	}
	switch l.Spread {
	case SpreadEven, SpreadSeasonal, "":
	case SpreadMonthly:
		for i, v := range l.Months {
			if v < 0 {
				errs = append(errs, app.FieldError{Field: "months", Message: fmt.Sprintf("The amount of month %d is negative; enter 0 or more.", i+1)})
				break
			}
			if v > MaxAmount {
				errs = append(errs, app.FieldError{Field: "months", Message: fmt.Sprintf("The amount of month %d is too large for a sales budget; check the number of digits.", i+1)})
				break
			}
		}
	default:
		errs = append(errs, app.FieldError{Field: "spread", Message: "Spread the amount evenly, by seasonality or type it per month."})
	}
	if err := app.ValidateText(l.Name); err != nil {
		errs = append(errs, app.FieldError{Field: "name", Message: app.ErrorMessage(err)})
	}
	return errs
}

// Actual is the actual expense of one budget line in one plan month, typed
// on the page or imported from a file.
type Actual struct {
	ID     string `db:"id" json:"id"`
	PlanID string `db:"plan_id" json:"-"`
	// LineKey is the budget line's key (ExpenseLine.Key): a typed line's
	// ID, or "incentives", "team/team-salaries"… for a line another step
	// contributes.
	LineKey string `db:"line_key" json:"line_key"`
	// LineName is the line's name when the amount was recorded, shown if
	// the line is gone from the budget since.
	LineName string    `db:"line_name" json:"line_name"`
	Month    app.Month `db:"month" json:"month"`
	Amount   int64     `db:"amount,money" json:"amount_minor"`
}

// Clean trims the line's name.
func (a *Actual) Clean() { a.LineName = strings.TrimSpace(a.LineName) }

// Validate checks an actual expense.
func (a Actual) Validate() []app.FieldError {
	var errs []app.FieldError
	if a.LineKey == "" {
		errs = append(errs, app.FieldError{Field: "line", Message: "Say which budget line the expense belongs to."})
	}
	if err := app.ValidateText(a.LineName); err != nil {
		errs = append(errs, app.FieldError{Field: "line", Message: app.ErrorMessage(err)})
	}
	if msg := AmountProblem(a.Amount); msg != "" {
		errs = append(errs, app.FieldError{Field: "amount", Message: msg})
	}
	return errs
}

// AmountProblem is the sentence for an expense amount the budget does not
// take (negative, or beyond MaxAmount), "" for a good one.
func AmountProblem(v int64) string {
	switch {
	case v < 0:
		return "An expense cannot be negative; enter 0 or more (record a refund by lowering the month's amount)."
	case v > MaxAmount:
		return "This amount is too large for a sales budget; check the number of digits."
	}
	return ""
}

// Content is what step 5 stores.
type Content struct {
	Settings *Settings // nil until the user sets anything
	Lines    []Line
	// Scenarios are the scenarios the user defines.
	Scenarios []ScenarioDef
	// Actuals are the actual expenses recorded, per line and month.
	Actuals []Actual
}

// ActualOf returns the recorded actual expense of a line in a month, or
// nil.
func (c *Content) ActualOf(key string, m app.Month) *Actual {
	for i := len(c.Actuals) - 1; i >= 0; i-- {
		if c.Actuals[i].LineKey == key && c.Actuals[i].Month == m {
			return &c.Actuals[i]
		}
	}
	return nil
}

// Of returns the budget content of pd.
func Of(pd *app.PlanData) *Content { return app.ContentOf[Content](pd, app.StepBudget) }

// Current returns the settings in force: the stored row or the defaults.
func (c *Content) Current() Settings {
	if c.Settings != nil {
		return *c.Settings
	}
	return Settings{RevenueSource: FromForecast, AttainmentBP: DefaultAttainmentBP, MarginBP: DefaultMarginBP}
}

func load(ctx context.Context, r app.ContentReader, pd *app.PlanData) error {
	c := Of(pd)
	var ss []Settings
	if err := r.Rows(ctx, TableSettings, pd.Plan.ID, &ss); err != nil {
		return err
	}
	c.Settings = nil
	if len(ss) > 0 {
		c.Settings = &ss[0]
	}
	c.Lines, c.Scenarios, c.Actuals = nil, nil, nil
	if err := r.Rows(ctx, TableLines, pd.Plan.ID, &c.Lines); err != nil {
		return err
	}
	if err := r.Rows(ctx, TableScenarios, pd.Plan.ID, &c.Scenarios); err != nil {
		return err
	}
	return r.Rows(ctx, TableActuals, pd.Plan.ID, &c.Actuals)
}
