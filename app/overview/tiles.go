package overview

import (
	"math"

	"salesplan/app"
)

// Tile is one dashboard tile as people read it, the same on screen and in
// the review PDF.
type Tile struct {
	Key   string // its name in the JSON: "ytd"
	Title string
	OK    bool     // false: its data does not exist yet
	Value string   // the headline number
	Lines []string // what it is compared with
	// Hint says, without data, what to do to get it; Action is the button
	// that does it.
	Hint   string
	Action Action
}

// Action is where a tile without data sends the person: a step of the plan
// or the import of sales history.
type Action struct {
	Label  string
	Step   app.StepID // "" with Import
	Import bool
}

// Tile keys, in the order of the dashboard and the JSON.
const (
	KeyTarget     = "target"
	KeyYTD        = "ytd"
	KeyOutlook    = "outlook"
	KeyExpenses   = "expenses"
	KeyCostRatio  = "cost_of_sales_ratio"
	KeyAttainment = "attainment"
	KeyConversion = "conversion"
	KeyRating     = "rating"
)

var (
	actionImport     = Action{Label: "Import sales history…", Import: true}
	actionObjectives = Action{Label: "Set a revenue target", Step: app.StepObjectives}
	actionBudget     = Action{Label: "Record expenses on step 5", Step: app.StepBudget}
	actionTeam       = Action{Label: "Open step 6, the team", Step: app.StepTeam}
)

// Hints without data (also in the JSON).
const (
	hintExpenses   = "No sales expenses are recorded yet. Record them on step 5 (Sales budget) or with `salesplan import expenses`."
	hintAttainment = "No quota attainment yet. Add the salespeople and their quotas on step 6 (Team); it shows once the plan's months have sales."
	// hintAttainmentSales is the hint when the team has quotas.
	hintAttainmentSales = "No quota attainment yet: the team has its quotas; it shows once the history holds sales of the plan's months. Import them as they come in."
	hintConversion      = "No activities are logged yet. Log the team's visits, calls, proposals and orders on step 6 (Team)."
	hintRating          = "No customer ratings yet. Import the customers' opinion polls on step 6 (Team)."
)

// Tiles returns the dashboard's tiles in order.
func Tiles(pd *app.PlanData, d *Dashboard) []Tile {
	loc, cur := pd.Locale, pd.Currency
	m := func(v int64) string { return loc.Money(v, cur) }
	signed := func(v int64) string {
		if v > 0 {
			return "+" + m(v)
		}
		return m(v)
	}
	pct := func(f float64) string {
		if f > 0 {
			return "+" + loc.Percent(f)
		}
		return loc.Percent(f)
	}
	months := func(from, to app.Month) string {
		if from == to {
			return loc.MonthName(from)
		}
		return loc.MonthName(from) + " – " + loc.MonthName(to)
	}
	noHistory := len(pd.History.Values) == 0
	historyHint := "No sales history yet. Import a CSV or Excel file of your sales to see the revenue so far."

	var out []Tile
	// The revenue target.
	t := Tile{Key: KeyTarget, Title: "Revenue target", OK: d.Target.OK}
	if d.Target.OK {
		t.Value = m(d.Target.Amount)
		if d.Target.FromForecast {
			t.Lines = []string{"From the forecast: no revenue target is set on step 2."}
			t.Action = actionObjectives
		} else {
			t.Lines = []string{"From " + d.Target.Source + "."}
		}
	} else {
		t.Hint, t.Action = "No revenue target yet. Set one on step 2 (Objectives).", actionObjectives
	}
	out = append(out, t)

	// Revenue so far.
	y := d.YTD
	t = Tile{Key: KeyYTD, Title: "Revenue so far", OK: y.OK}
	switch {
	case y.OK:
		t.Value = m(y.Actual)
		t.Lines = append(t.Lines, months(y.From, y.To)+" ("+app.Count(y.Months, "month", "months")+").")
		if y.Partial {
			t.Lines = append(t.Lines, loc.MonthName(y.To)+" is not over yet.")
		}
		if d.Target.OK {
			t.Lines = append(t.Lines, loc.Percent(y.OfTarget)+" of the target.")
		}
		if !math.IsNaN(y.Growth) {
			t.Lines = append(t.Lines, pct(y.Growth)+" on the same months last year ("+m(y.LastYear)+").")
		} else {
			t.Lines = append(t.Lines, "The history does not hold the same months last year.")
		}
		switch {
		case y.BudgetIsActual:
			t.Lines = append(t.Lines, "The budget of these months is their actual sales (it is the forecast of a plan already under way); budget to the revenue target on step 5 to compare.")
		case y.Budget > 0:
			t.Lines = append(t.Lines, "Budget for these months "+m(y.Budget)+" ("+signed(y.Actual-y.Budget)+").")
		}
	case noHistory:
		t.Hint, t.Action = historyHint, actionImport
	case y.NotStarted:
		t.Hint = "The plan starts in " + loc.MonthName(pd.Plan.Start) + "; the history ends in " + loc.MonthName(pd.History.End()) +
			". Import the sales of the plan's months as they come in."
		t.Action = actionImport
	default:
		t.Hint = "The history has no sales for " + loc.MonthName(pd.Plan.Start) + ", the plan's first month. Import the sales of the plan's months."
		t.Action = actionImport
	}
	out = append(out, t)

	// The full-year outlook.
	o := d.Outlook
	t = Tile{Key: KeyOutlook, Title: "Full-year outlook", OK: o.OK}
	switch {
	case o.OK:
		t.Value = m(o.Point)
		if o.RemainingMonths > 0 {
			t.Lines = append(t.Lines, "80 % range "+m(o.Lo80)+" – "+m(o.Hi80)+".")
			if d.ActualMonths == 0 {
				t.Lines = append(t.Lines, "The forecast of the plan's "+app.Count(o.RemainingMonths, "month", "months")+"; no actuals yet.")
			} else {
				t.Lines = append(t.Lines, "Actuals "+m(o.Actual)+" + forecast of "+app.Count(o.RemainingMonths, "month", "months")+" "+m(o.Forecast)+".")
			}
		} else {
			t.Lines = append(t.Lines, "The plan period is over: these are the actual sales.")
		}
		if o.Target > 0 {
			if o.Gap >= 0 {
				t.Lines = append(t.Lines, m(o.Gap)+" above the target.")
			} else {
				t.Lines = append(t.Lines, m(-o.Gap)+" short of the target.")
			}
		}
	case noHistory:
		t.Hint, t.Action = "No sales history yet. The outlook adds a forecast of the remaining months to the actuals; import your sales first.", actionImport
	default:
		t.Hint = "The history is too short to forecast the remaining months (see step 5). Import more months of sales."
		t.Action = actionImport
	}
	out = append(out, t)

	// Sales expenses.
	e := d.Expenses
	t = Tile{Key: KeyExpenses, Title: "Sales expenses", OK: e.OK}
	if e.OK {
		t.Value = m(e.Actual)
		t.Lines = append(t.Lines, "Budget "+m(e.Budget)+" for "+app.Count(e.Months, "month", "months")+" recorded.")
		switch {
		case e.Variance > 0:
			t.Lines = append(t.Lines, m(e.Variance)+" over budget ("+pct(e.Fraction)+").")
		case e.Variance < 0:
			t.Lines = append(t.Lines, m(-e.Variance)+" under budget ("+pct(e.Fraction)+").")
		default:
			t.Lines = append(t.Lines, "Exactly on budget.")
		}
		t.Lines = append(t.Lines, "Whole plan period budget "+m(e.YearBudget)+".")
	} else {
		t.Hint, t.Action = hintExpenses, actionBudget
	}
	out = append(out, t)

	// The cost-of-sales ratio.
	c := d.CostRatio
	t = Tile{Key: KeyCostRatio, Title: "Cost-of-sales ratio", OK: c.OK}
	planned := ""
	if !math.IsNaN(c.Planned) {
		planned = "The budget plans " + loc.Percent(c.Planned) + "."
	}
	if c.OK {
		t.Value = loc.Percent(c.Actual)
		t.Lines = append(t.Lines, "Sales expenses ÷ revenue of the months recorded.")
		if planned != "" {
			t.Lines = append(t.Lines, planned)
		}
	} else {
		t.Hint, t.Action = hintExpenses, actionBudget
		if planned != "" {
			t.Hint += " " + planned
		}
	}
	out = append(out, t)

	// The team.
	a := d.Attainment
	t = Tile{Key: KeyAttainment, Title: "Quota attainment", OK: a.OK}
	if a.OK {
		t.Value = loc.Percent(float64(a.BP) / 10000)
		t.Lines = append(t.Lines, m(a.Actual)+" of "+m(a.Quota)+" quota,", "over "+app.Count(a.Months, "month", "months")+" with sales.")
	} else {
		t.Hint, t.Action = hintAttainment, actionTeam
		if a.Holders > 0 {
			// The quotas exist; what is missing is the plan months' sales.
			t.Hint, t.Action = hintAttainmentSales, actionImport
		}
	}
	out = append(out, t)

	cv := d.Conversion
	t = Tile{Key: KeyConversion, Title: "Conversion", OK: cv.OK}
	if cv.OK {
		t.Value = loc.Percent(cv.ProposalToOrder)
		t.Lines = append(t.Lines, "of proposals became orders ("+loc.Int(int64(cv.Orders))+" of "+loc.Int(int64(cv.Proposals))+").")
		if cv.Orders > 0 {
			t.Lines = append(t.Lines, loc.Number(cv.VisitsPerOrder, 1)+" visits and "+loc.Number(cv.ContactsPerOrder, 1)+" contacts per order.")
		}
	} else {
		t.Hint, t.Action = hintConversion, actionTeam
	}
	out = append(out, t)

	r := d.Rating
	t = Tile{Key: KeyRating, Title: "Customer rating", OK: r.OK}
	if r.OK {
		t.Value = loc.Number(r.Average, 1) + " / 5"
		t.Lines = append(t.Lines, "Average of "+app.Count(r.Count, "rating", "ratings")+".")
	} else {
		t.Hint, t.Action = hintRating, actionTeam
	}
	return append(out, t)
}
