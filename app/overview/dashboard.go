package overview

import (
	"math"

	"salesplan/app"
	"salesplan/app/budget"
	"salesplan/app/team"
)

// Dashboard is where a plan stands against its targets: the Overview's
// tiles, the series of its charts and the status of each objective. It is
// read from the figures of the steps (budget.FiguresOf for the actuals and
// the expenses, team.FiguresOf(pd).Performance for the team, the
// objectives' content for their targets) and from the loaded forecast; it
// computes no figure of another step again.
type Dashboard struct {
	// Months are the plan's months; the series below have one value each.
	Months []app.Month
	// Actual is the history's sales of the plan months it covers (the
	// first ActualMonths of Months); Budget the budget's revenue per month.
	Actual       []int64
	ActualMonths int
	Budget       []int64
	// TargetPath is the revenue target spread over the months by the
	// budget's monthly shape (evenly without one); nil without a target.
	TargetPath []int64
	// ForecastPoint is the forecast per plan month from ForecastFrom on
	// (NaN before); nil without a forecast.
	ForecastPoint []float64
	ForecastFrom  int

	Target     TargetTile
	YTD        YTDTile
	Outlook    OutlookTile
	Expenses   ExpensesTile
	CostRatio  CostRatioTile
	Attainment AttainmentTile
	Conversion ConversionTile
	Rating     RatingTile
	// Team is the team's monitoring (nil until step 6 computes it).
	Team *team.Performance
	// Objectives are the plan's objectives with their status.
	Objectives []ObjectiveStatus
}

// TargetTile is the plan's revenue target.
type TargetTile struct {
	OK           bool
	Amount       int64
	Source       string // in words
	FromForecast bool   // no revenue target is set: the forecast stands in
}

// YTDTile is the revenue of the plan months so far against the target and
// against the same months a year earlier.
type YTDTile struct {
	OK         bool
	From, To   app.Month // the months with actuals
	Months     int
	Actual     int64
	Budget     int64   // the budget's revenue of the same months
	OfTarget   float64 // Actual ÷ the target; NaN without a target
	LastYear   int64   // the same months a year earlier
	LastYearOK bool    // the history has every one of those months
	Growth     float64 // Actual vs LastYear; NaN when not comparable
	// NotStarted is set when the history ends before the plan starts.
	NotStarted bool
	// BudgetIsActual is set when the budget of these months is their own
	// actual sales: budgeted to the forecast of a plan that had begun.
	BudgetIsActual bool
	// Partial is set when the last month is not over yet (the forecast
	// leaves it out; the same month last year is complete).
	Partial bool
}

// OutlookTile is the full-year outlook: the actuals so far plus the
// forecast of the remaining months, with the forecast's 80 % range.
type OutlookTile struct {
	OK                bool
	Actual            int64 // the months before the forecast starts
	Forecast          int64 // the remaining months' forecast
	Point, Lo80, Hi80 int64 // the plan period's total
	Target            int64 // 0 without a target
	Gap               int64 // Point − Target
	RemainingMonths   int
}

// ExpensesTile is the budget against the actual sales expenses of the
// months whose expenses are recorded.
type ExpensesTile struct {
	OK             bool
	Months         int
	Budget, Actual int64
	Variance       int64   // Actual − Budget
	Fraction       float64 // Variance ÷ Budget; NaN without a budget
	YearBudget     int64   // the budget's expenses of the whole plan period
}

// CostRatioTile is the cost-of-sales ratio (sales expenses ÷ revenue) of
// the months whose expenses are recorded, against the budget's.
type CostRatioTile struct {
	OK      bool
	Actual  float64
	Planned float64 // the budget's ratio; NaN without budget revenue
}

// AttainmentTile is the team's quota attainment so far.
type AttainmentTile struct {
	OK bool
	// Holders is how many quota holders the team has (the tile without
	// attainment then waits only for the plan months' sales).
	Holders       int
	Months        int
	Quota, Actual int64
	BP            int64
}

// ConversionTile is the team's conversion over the activity log.
type ConversionTile struct {
	OK bool
	team.Conversion
}

// RatingTile is the customers' average rating (1–5).
type RatingTile struct {
	OK      bool
	Average float64
	Count   int
}

// ComputeDashboard reads the dashboard from pd's figures.
func ComputeDashboard(pd *app.PlanData) *Dashboard {
	p := pd.Plan
	bf := budget.FiguresOf(pd)
	d := &Dashboard{Months: bf.Months, Budget: bf.Revenue, ForecastFrom: -1}
	if len(d.Months) == 0 {
		for i := 0; i < p.Months; i++ {
			d.Months = append(d.Months, p.Start.Add(i))
		}
	}
	if len(d.Budget) != len(d.Months) {
		d.Budget = make([]int64, len(d.Months))
		copy(d.Budget, bf.Revenue)
	}
	// The actuals: the budget's comparison holds the plan months the
	// history covers, from the plan's start.
	d.Actual = make([]int64, len(d.Months))
	for _, a := range bf.Actual {
		if i := p.MonthIndex(a.Month); i >= 0 && i == d.ActualMonths {
			d.Actual[i] = a.Actual
			d.ActualMonths++
		}
	}
	t := pd.Figures.Target
	d.Target = TargetTile{OK: t.Amount > 0, Amount: t.Amount, Source: t.Source, FromForecast: t.FromForecast}
	if d.Target.OK {
		shape := d.Budget
		d.TargetPath = app.Split(t.Amount, shape)
	}
	d.ytd(pd, bf)
	d.outlook(pd)
	d.expenses(bf)
	d.team(pd)
	d.Objectives = objectiveStatuses(pd, d)
	return d
}

func (d *Dashboard) ytd(pd *app.PlanData, bf *budget.Figures) {
	y := &d.YTD
	y.OfTarget, y.Growth = math.NaN(), math.NaN()
	h := pd.History
	y.NotStarted = len(h.Values) > 0 && h.End() < pd.Plan.Start
	if d.ActualMonths == 0 {
		return
	}
	y.OK, y.Months = true, d.ActualMonths
	y.From, y.To = d.Months[0], d.Months[d.ActualMonths-1]
	y.LastYearOK = true
	for i := 0; i < d.ActualMonths; i++ {
		y.Actual += d.Actual[i]
		y.Budget += d.Budget[i]
		if bf.RevenueSource == budget.FromForecast && i < pd.Figures.Forecast.Actuals {
			y.BudgetIsActual = true
		}
		k := int(d.Months[i].Add(-12) - h.Start)
		if k < 0 || k >= len(h.Values) {
			y.LastYearOK = false
			continue
		}
		y.LastYear += h.Values[k]
	}
	if f := pd.Forecast; f != nil && f.Excluded != nil && *f.Excluded == y.To {
		y.Partial = true
	}
	if d.Target.OK {
		y.OfTarget = float64(y.Actual) / float64(d.Target.Amount)
	}
	if y.LastYearOK && y.LastYear > 0 {
		y.Growth = float64(y.Actual-y.LastYear) / float64(y.LastYear)
	}
}

// outlook adds the forecast of the months the history does not cover
// completely (the forecast starts after the last complete month) to the
// actuals of the months before; the range takes the relative width of the
// forecast's own total interval, as the plan-period forecast does.
func (d *Dashboard) outlook(pd *app.PlanData) {
	o := &d.Outlook
	// Only a target the user set is a gap to measure: the forecast standing
	// in for one is the outlook itself.
	if d.Target.OK && !d.Target.FromForecast {
		o.Target = d.Target.Amount
	}
	n := len(d.Months)
	if n > 0 && d.ActualMonths == n { // the plan period is over: the outlook is what happened
		for _, v := range d.Actual {
			o.Actual += v
		}
		o.OK, o.Point, o.Lo80, o.Hi80 = true, o.Actual, o.Actual, o.Actual
		o.Gap = o.Point - o.Target
		return
	}
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		return
	}
	s := pd.Forecast.Series[0]
	r := s.Result
	start := int(s.Start - pd.Plan.Start) // plan index of the first forecast month
	if start+len(r.Forecast) < n {
		return // the forecast does not reach the end of the plan
	}
	d.ForecastPoint = make([]float64, n)
	var fc float64
	for i := range d.ForecastPoint {
		d.ForecastPoint[i] = math.NaN()
		if i < start {
			if i < d.ActualMonths {
				o.Actual += d.Actual[i]
			}
			continue
		}
		v := r.Forecast[i-start]
		d.ForecastPoint[i] = v
		fc += v
		o.RemainingMonths++
	}
	d.ForecastFrom = max(0, start)
	lo, hi := fc, fc
	if r.Total.Point > 0 {
		k := fc / r.Total.Point
		lo, hi = r.Total.Lo80*k, r.Total.Hi80*k
	}
	o.OK = true
	o.Forecast = int64(math.Round(fc))
	o.Point = o.Actual + o.Forecast
	o.Lo80 = o.Actual + int64(math.Round(max(0, lo)))
	o.Hi80 = o.Actual + int64(math.Round(hi))
	o.Gap = o.Point - o.Target
}

func (d *Dashboard) expenses(bf *budget.Figures) {
	e := &d.Expenses
	e.YearBudget = bf.ExpenseTotal
	e.Fraction = math.NaN()
	var revenue int64
	for _, a := range bf.Actual {
		if !a.HasExpenses {
			continue
		}
		e.Months++
		e.Budget += a.ExpenseBudget
		e.Actual += a.ActualExpenses
		revenue += a.Actual
	}
	d.CostRatio = CostRatioTile{Actual: math.NaN(), Planned: bf.CostRatio}
	if e.Months == 0 {
		return
	}
	e.OK = true
	e.Variance = e.Actual - e.Budget
	if e.Budget != 0 {
		e.Fraction = float64(e.Variance) / float64(e.Budget)
	}
	if revenue > 0 {
		d.CostRatio.OK, d.CostRatio.Actual = true, float64(e.Actual)/float64(revenue)
	}
}

func (d *Dashboard) team(pd *app.PlanData) {
	perf := team.FiguresOf(pd).Performance
	d.Team = perf
	d.Attainment.Holders = pd.Figures.Quotas.Reps
	if perf == nil {
		return
	}
	if a := perf.Team; a.OK {
		d.Attainment = AttainmentTile{OK: true, Holders: d.Attainment.Holders, Months: perf.Months, Quota: a.Quota, Actual: a.Actual, BP: a.BP}
	}
	if perf.Conversion.OK {
		d.Conversion = ConversionTile{OK: true, Conversion: perf.Conversion}
	}
	if perf.Rating.Count > 0 {
		d.Rating = RatingTile{OK: true, Average: perf.Rating.Average, Count: perf.Rating.Count}
	}
}
