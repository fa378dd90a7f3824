package overview

import (
	"salesplan/app"
	"salesplan/app/objectives"
)

// JSON is the `show --step overview --json` view: the dashboard's tiles
// (each null when its data does not exist yet, with the hint of what to do
// in Hints), the objectives' status, the history's key figures and the
// status of every step. Amounts are in major units, ratios fractions.
type JSON struct {
	Plan       string             `json:"plan"`
	Business   string             `json:"business"`
	Period     string             `json:"period"`
	Currency   string             `json:"currency"`
	Tiles      TilesJSON          `json:"tiles"`
	Hints      HintsJSON          `json:"hints"`
	Objectives []ObjectiveJSON    `json:"objectives"`
	KeyFigures KeyFiguresJSON     `json:"key_figures"`
	Steps      []app.StepProgress `json:"steps"`
}

// TilesJSON are the dashboard's tiles; nil (null) without data.
type TilesJSON struct {
	Target           *TargetJSON     `json:"target"`
	YTD              *YTDJSON        `json:"ytd"`
	Outlook          *OutlookJSON    `json:"outlook"`
	Expenses         *ExpensesJSON   `json:"expenses"`
	CostOfSalesRatio *CostRatioJSON  `json:"cost_of_sales_ratio"`
	Attainment       *AttainmentJSON `json:"attainment"`
	Conversion       *ConversionJSON `json:"conversion"`
	Rating           *RatingJSON     `json:"rating"`
}

// HintsJSON says, for each tile that is null, what to do to get its data.
type HintsJSON struct {
	Target           string `json:"target,omitempty"`
	YTD              string `json:"ytd,omitempty"`
	Outlook          string `json:"outlook,omitempty"`
	Expenses         string `json:"expenses,omitempty"`
	CostOfSalesRatio string `json:"cost_of_sales_ratio,omitempty"`
	Attainment       string `json:"attainment,omitempty"`
	Conversion       string `json:"conversion,omitempty"`
	Rating           string `json:"rating,omitempty"`
}

// TargetJSON is the revenue target.
type TargetJSON struct {
	Amount       float64 `json:"amount"`
	Source       string  `json:"source"`
	FromForecast bool    `json:"from_forecast"`
}

// YTDJSON is the revenue of the plan months so far.
type YTDJSON struct {
	From           app.Month `json:"from"`
	To             app.Month `json:"to"`
	Months         int       `json:"months"`
	Actual         float64   `json:"actual"`
	Budget         float64   `json:"budget"`
	OfTarget       *float64  `json:"of_target"`
	LastYear       *float64  `json:"same_months_last_year"`
	GrowthLastYear *float64  `json:"growth_on_last_year"`
	// LastMonthIncomplete: the last month is not over yet.
	LastMonthIncomplete bool `json:"last_month_incomplete"`
	// BudgetIsActual: the budget of these months is their actual sales
	// (budgeted to the forecast of a plan already under way).
	BudgetIsActual bool `json:"budget_is_actual"`
}

// OutlookJSON is the full-year outlook with its 80 % range.
type OutlookJSON struct {
	Point           float64  `json:"point"`
	Lo80            float64  `json:"lo80"`
	Hi80            float64  `json:"hi80"`
	Actual          float64  `json:"actual"`
	Forecast        float64  `json:"forecast"`
	RemainingMonths int      `json:"remaining_months"`
	GapToTarget     *float64 `json:"gap_to_target"`
}

// ExpensesJSON is the budget against the actual sales expenses.
type ExpensesJSON struct {
	Months           int      `json:"months"`
	Budget           float64  `json:"budget"`
	Actual           float64  `json:"actual"`
	Variance         float64  `json:"variance"`
	VarianceFraction *float64 `json:"variance_fraction"`
	PeriodBudget     float64  `json:"period_budget"`
}

// CostRatioJSON is the cost-of-sales ratio.
type CostRatioJSON struct {
	Actual  float64  `json:"actual"`
	Planned *float64 `json:"planned"`
}

// AttainmentJSON is the team's quota attainment.
type AttainmentJSON struct {
	Months   int     `json:"months"`
	Quota    float64 `json:"quota"`
	Actual   float64 `json:"actual"`
	Fraction float64 `json:"fraction"`
}

// ConversionJSON is the team's conversion.
type ConversionJSON struct {
	Visits           int      `json:"visits"`
	Calls            int      `json:"calls"`
	Contacts         int      `json:"contacts"`
	Proposals        int      `json:"proposals"`
	Orders           int      `json:"orders"`
	ProposalToOrder  *float64 `json:"proposal_to_order"`
	VisitsPerOrder   *float64 `json:"visits_per_order"`
	ContactsPerOrder *float64 `json:"contacts_per_order"`
}

// RatingJSON is the customers' average rating.
type RatingJSON struct {
	Average float64 `json:"average"`
	Count   int     `json:"count"`
}

// ObjectiveJSON is one objective's status.
type ObjectiveJSON struct {
	ID       string                   `json:"id"`
	Title    string                   `json:"title"`
	Kind     objectives.ObjectiveKind `json:"kind"`
	Status   Track                    `json:"status"`
	Actual   string                   `json:"actual,omitempty"`
	Expected string                   `json:"expected,omitempty"`
	Rule     string                   `json:"rule"`
	Elapsed  int                      `json:"elapsed_months"`
	Span     int                      `json:"span_months"`
}

// KeyFiguresJSON are the history's headline numbers.
type KeyFiguresJSON struct {
	HistoryMonths    int        `json:"history_months"`
	Last12Revenue    float64    `json:"last12_revenue"`
	Prev12Revenue    float64    `json:"prev12_revenue"`
	Growth           *float64   `json:"growth"`
	BestMonth        *app.Month `json:"best_month,omitempty"`
	BestMonthRevenue *float64   `json:"best_month_revenue,omitempty"`
}

// Show returns the JSON view of the Overview.
func Show(pd *app.PlanData) JSON {
	f := FiguresOf(pd)
	k, d := f.Key, f.Dashboard
	major := func(v int64) float64 { return app.ToMajor(v, pd.Currency) }
	fig := KeyFiguresJSON{HistoryMonths: k.HistoryMonths, Last12Revenue: major(k.Last12),
		Prev12Revenue: major(k.Prev12), Growth: app.Ratio4(k.Growth)}
	if k.HistoryMonths > 0 {
		bm, rev := k.BestMonth, major(k.BestMonthRev)
		fig.BestMonth, fig.BestMonthRevenue = &bm, &rev
	}
	steps := pd.Figures.Progress
	if steps == nil {
		steps = []app.StepProgress{}
	}
	out := JSON{Plan: pd.Plan.Title, Business: pd.Business.Name, Period: pd.Plan.PeriodLabel(), Currency: pd.Plan.Currency,
		KeyFigures: fig, Steps: steps, Objectives: []ObjectiveJSON{}}
	hints := map[string]string{}
	for _, t := range Tiles(pd, d) {
		if !t.OK {
			hints[t.Key] = t.Hint
		}
	}
	out.Hints = HintsJSON{Target: hints[KeyTarget], YTD: hints[KeyYTD], Outlook: hints[KeyOutlook], Expenses: hints[KeyExpenses],
		CostOfSalesRatio: hints[KeyCostRatio], Attainment: hints[KeyAttainment], Conversion: hints[KeyConversion], Rating: hints[KeyRating]}
	ts := &out.Tiles
	if t := d.Target; t.OK {
		ts.Target = &TargetJSON{Amount: major(t.Amount), Source: t.Source, FromForecast: t.FromForecast}
	}
	if y := d.YTD; y.OK {
		j := &YTDJSON{From: y.From, To: y.To, Months: y.Months, Actual: major(y.Actual), Budget: major(y.Budget),
			OfTarget: app.Ratio4(y.OfTarget), GrowthLastYear: app.Ratio4(y.Growth), LastMonthIncomplete: y.Partial, BudgetIsActual: y.BudgetIsActual}
		if y.LastYearOK {
			ly := major(y.LastYear)
			j.LastYear = &ly
		}
		ts.YTD = j
	}
	if o := d.Outlook; o.OK {
		j := &OutlookJSON{Point: major(o.Point), Lo80: major(o.Lo80), Hi80: major(o.Hi80), Actual: major(o.Actual),
			Forecast: major(o.Forecast), RemainingMonths: o.RemainingMonths}
		if o.Target > 0 {
			g := major(o.Gap)
			j.GapToTarget = &g
		}
		ts.Outlook = j
	}
	if e := d.Expenses; e.OK {
		ts.Expenses = &ExpensesJSON{Months: e.Months, Budget: major(e.Budget), Actual: major(e.Actual), Variance: major(e.Variance),
			VarianceFraction: app.Ratio4(e.Fraction), PeriodBudget: major(e.YearBudget)}
	}
	if c := d.CostRatio; c.OK {
		ts.CostOfSalesRatio = &CostRatioJSON{Actual: *app.Ratio4(c.Actual), Planned: app.Ratio4(c.Planned)}
	}
	if a := d.Attainment; a.OK {
		ts.Attainment = &AttainmentJSON{Months: a.Months, Quota: major(a.Quota), Actual: major(a.Actual), Fraction: float64(a.BP) / 10000}
	}
	if c := d.Conversion; c.OK {
		ratio := func(v float64, ok bool) *float64 {
			if !ok {
				return nil
			}
			return app.Ratio4(v)
		}
		ts.Conversion = &ConversionJSON{Visits: c.Visits, Calls: c.Calls, Contacts: c.Contacts, Proposals: c.Proposals, Orders: c.Orders,
			ProposalToOrder: ratio(c.ProposalToOrder, c.Proposals > 0), VisitsPerOrder: ratio(c.VisitsPerOrder, c.Orders > 0),
			ContactsPerOrder: ratio(c.ContactsPerOrder, c.Orders > 0)}
	}
	if r := d.Rating; r.OK {
		ts.Rating = &RatingJSON{Average: *app.Ratio4(r.Average), Count: r.Count}
	}
	for _, o := range d.Objectives {
		out.Objectives = append(out.Objectives, ObjectiveJSON(o))
	}
	return out
}
