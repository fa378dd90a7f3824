package app

import (
	"math"
	"sort"
	"strconv"

	"salesplan/app/forecast"
)

// Figures are a plan's numbers, computed once per change by
// Registry.Compute and read by pages, the PDF, the JSON and the dashboard.
// They flow one way: the core figures (the forecast over the plan period,
// the plausibility inputs) first, then each step in rank order, each
// reading only what ranks before it:
//
//	forecast → situation → objectives (revenue target) → team (quotas,
//	people costs) → strategy (initiative costs, incentive cost at the
//	quotas) → S&OP (demand, gaps, decision costs) → budget → overview
//
// The fields below are the extension points between steps; a step keeps
// its own results with SetStepFigures / StepFigures.
type Figures struct {
	// Status is the completion of every step, computed last; Progress
	// lists the same in step order.
	Status   map[StepID]Status
	Progress []StepProgress
	// Forecast is the forecast of the scope's total over the plan period.
	Forecast PlanForecast
	// GroupForecast is each product group's own forecast over the plan
	// period (empty when not loaded).
	GroupForecast map[string]PlanForecast
	// Plausibility is what the SMART check compares a target with: the
	// history's yearly growth and the forecast range (later the budget).
	Plausibility Plausibility
	// Target is the plan's revenue target (the objectives step sets it;
	// the forecast stands in while there is none).
	Target Target
	// Quotas splits a revenue target over the salespeople: an even split
	// until the team step provides real quotas.
	Quotas QuotaSource
	// CostLines are the budget's cost lines that other steps contribute
	// (initiatives, incentives, S&OP decisions, salaries, training,
	// recruiting), in the order contributed.
	CostLines []CostLine
	// IncentiveCost is the incentive scheme's total payout at an
	// attainment level in basis points; nil when no scheme is set.
	IncentiveCost func(attainmentBP int64) int64

	steps map[StepID]any
}

// StepProgress is one numbered step's completion.
type StepProgress struct {
	ID     StepID `json:"step"`
	Number int    `json:"number"`
	Title  string `json:"title"`
	Status Status `json:"status"`
}

// PlanForecast is the forecast's months inside the plan period and the
// interval of their total.
type PlanForecast struct {
	OK    bool
	Start Month
	Point []float64 // minor units per month from Start
	// Actuals is how many months from Start are the history's actual
	// sales rather than forecast (a plan that has begun).
	Actuals int
	Total   forecast.Interval
}

// Plausibility holds what history and forecast make plausible.
type Plausibility struct {
	// YearGrowths are the growths of complete years over the year before.
	YearGrowths []float64
	// BestGrowth and MedianGrowth of YearGrowths; NaN when there are none.
	BestGrowth, MedianGrowth float64
	// Forecast is the plan-period forecast (OK false when there is none).
	Forecast PlanForecast
}

// Target is the plan's revenue target and where it comes from.
type Target struct {
	Amount       int64  // minor units; 0 = none
	Source       string // in words: "the revenue target “Grow revenue by 8 %”"
	ObjectiveID  string // the objective it comes from, "" when from the forecast
	FromForecast bool
}

// QuotaSource splits a target over n salespeople.
type QuotaSource struct {
	Name  string // in words: "an even split"
	Split func(target int64, reps int) []int64
	// Reps is how many quota holders the source knows (the team's active
	// and onboarding reps, in roster order); 0 = any count (an even
	// split). A reader that simulates quotas uses Reps salespeople when it
	// is set; Split with another count splits evenly.
	Reps int
	// Names are the quota holders' names in the order Split returns them.
	Names []string
}

// CostLine is a line of sales expenses another step contributes to the
// budget: one amount per plan month.
type CostLine struct {
	Step   StepID
	Key    string // stable within the step: "initiatives"
	Label  string // "Initiatives"
	Months []int64
	Source string // where it comes from, in words
}

// Total is the line's sum over the plan period.
func (c CostLine) Total() int64 {
	var t int64
	for _, v := range c.Months {
		t += v
	}
	return t
}

// AddCostLine contributes a cost line for the budget.
func (f *Figures) AddCostLine(c CostLine) { f.CostLines = append(f.CostLines, c) }

// SetStepFigures keeps step id's own computed results.
func SetStepFigures[T any](f *Figures, id StepID, v *T) {
	if f.steps == nil {
		f.steps = map[StepID]any{}
	}
	f.steps[id] = v
}

// StepFigures returns step id's own computed results, or nil when they
// were not computed.
func StepFigures[T any](f *Figures, id StepID) *T {
	v, _ := f.steps[id].(*T)
	return v
}

// EvenQuotas splits a target evenly (parts add up exactly).
var EvenQuotas = QuotaSource{Name: "an even split", Split: SplitEven}

// baseFigures are the figures every step may read: the forecast over the
// plan period, the plausibility inputs and the default quota source.
func baseFigures(pd *PlanData) Figures {
	f := Figures{Forecast: PlanPeriodForecast(pd), Quotas: EvenQuotas}
	if pd.GroupForecast != nil {
		f.GroupForecast = map[string]PlanForecast{}
		for _, s := range pd.GroupForecast.Series {
			f.GroupForecast[s.Name] = periodForecast(pd.Plan, s)
		}
	}
	p := Plausibility{BestGrowth: math.NaN(), MedianGrowth: math.NaN(), Forecast: f.Forecast}
	for _, y := range YearTotals(pd.History) {
		if !math.IsNaN(y.Growth) {
			p.YearGrowths = append(p.YearGrowths, y.Growth)
		}
	}
	if n := len(p.YearGrowths); n > 0 {
		sorted := append([]float64(nil), p.YearGrowths...)
		sort.Float64s(sorted)
		p.BestGrowth, p.MedianGrowth = sorted[n-1], sorted[n/2]
		if n%2 == 0 {
			p.MedianGrowth = (sorted[n/2-1] + sorted[n/2]) / 2
		}
	}
	f.Plausibility = p
	if f.Forecast.OK && f.Forecast.Total.Point > 0 {
		f.Target = Target{Amount: int64(f.Forecast.Total.Point), Source: "the forecast (no revenue target set)", FromForecast: true}
	}
	return f
}

// PlanMonths returns one zero amount per plan month, the shape of a cost line.
func (p Plan) PlanMonths() []int64 { return make([]int64, p.Months) }

// MonthIndex returns m's index in the plan period, or -1 outside it.
func (p Plan) MonthIndex(m Month) int {
	if !p.Contains(m) {
		return -1
	}
	return int(m - p.Start)
}

// Ratio4 is a ratio for JSON: rounded to 4 decimals, nil when NaN.
func Ratio4(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	r := math.Round(f*10000) / 10000
	return &r
}

// Itoa formats an int (shorthand for sections and pages).
func Itoa(i int) string { return strconv.Itoa(i) }
