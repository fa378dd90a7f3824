package budget

import (
	"context"
	"fmt"
	"math"
	"strings"

	"salesplan/app"
	"salesplan/app/report"
	"salesplan/charts"
)

// Summary is the sentence an owner needs: revenue with its likely range,
// sales costs and their share of revenue.
func Summary(pd *app.PlanData) string {
	f := FiguresOf(pd)
	loc, cur := pd.Locale, pd.Currency
	if f.RevenueTotal <= 0 {
		return "No revenue in the budget yet; sales costs " + loc.Money(f.ExpenseTotal, cur) + " so far."
	}
	s := "Plan period: " + loc.Money(f.RevenueTotal, cur) + " revenue (" + f.RevenueBasis + ")"
	if len(f.Scenarios) >= 3 && f.Scenarios[1].Key == ScenarioOptimistic {
		s += ", most likely between " + loc.Money(f.Scenarios[2].Revenue, cur) + " and " + loc.Money(f.Scenarios[1].Revenue, cur)
	}
	s += "; sales costs " + loc.Money(f.ExpenseTotal, cur) + ", " + loc.Percent(f.CostRatio) + " of revenue; contribution " +
		loc.Money(f.ContributionTotal, cur) + " after a gross margin of " + loc.Percent(ratio(f.MarginTotal, f.RevenueTotal)) + "."
	return s + " " + ChosenSentence(pd)
}

func monthLabel(loc app.Locale, m app.Month) string {
	return strings.TrimSuffix(loc.MonthName(m), " "+app.Itoa(m.Year()))
}

// MonthlyRows is the monthly budget table: one row per month with revenue,
// margin, expenses and contribution, then the quarters and the plan period.
func MonthlyRows(pd *app.PlanData) (headers []string, rows [][]string) {
	f := FiguresOf(pd)
	loc, cur := pd.Locale, pd.Currency
	m := func(v int64) string { return loc.Money(v, cur) }
	headers = []string{"Month", "Revenue", "Gross margin", "Sales expenses", "Contribution", "Cost of sales"}
	for i, mo := range f.Months {
		rows = append(rows, []string{loc.MonthName(mo), m(f.Revenue[i]), m(f.Margin[i]), m(f.Expenses[i]), m(f.Contribution[i]),
			loc.Percent(ratio(f.Expenses[i], f.Revenue[i]))})
	}
	for _, p := range append(append([]Period(nil), f.Quarters...), f.Year) {
		rows = append(rows, []string{PeriodLabel(loc, p), m(p.Revenue), m(p.Margin), m(p.Expenses), m(p.Contribution), loc.Percent(ratio(p.Expenses, p.Revenue))})
	}
	return headers, rows
}

// PeriodLabel names a quarter with its months ("Q1 Jan–Mar"), or the
// plan period.
func PeriodLabel(loc app.Locale, p Period) string {
	if !strings.HasPrefix(p.Label, "Q") {
		return p.Label
	}
	if p.From == p.To {
		return p.Label + " " + loc.MonthAbbr(p.From.Month())
	}
	return p.Label + " " + loc.MonthAbbr(p.From.Month()) + "–" + loc.MonthAbbr(p.To.Month())
}

// GroupRows is the table of the product groups' revenue and margin.
func GroupRows(pd *app.PlanData) [][]string {
	f := FiguresOf(pd)
	loc, cur := pd.Locale, pd.Currency
	var rows [][]string
	for _, g := range f.Groups {
		m := loc.Percent(float64(g.MarginBP) / 10000)
		if !g.Own {
			m += " (default)"
		}
		rows = append(rows, []string{g.Name, loc.Money(g.Revenue, cur), loc.Money(g.Margin, cur), m})
	}
	return rows
}

// LineRows is the expense lines table: line, where it comes from, total
// and share of revenue.
func LineRows(pd *app.PlanData) [][]string {
	f := FiguresOf(pd)
	loc, cur := pd.Locale, pd.Currency
	var rows [][]string
	for _, l := range f.Lines {
		rows = append(rows, []string{l.Label, l.Source, loc.Money(l.Total, cur), loc.Percent(ratio(l.Total, f.RevenueTotal))})
	}
	return rows
}

// ScenarioRows is the scenario table, one column per scenario.
func ScenarioRows(pd *app.PlanData) (headers []string, rows [][]string) {
	f := FiguresOf(pd)
	loc, cur := pd.Locale, pd.Currency
	headers = []string{""}
	rev, marg, exp, inc, con, cr := []string{"Revenue"}, []string{"Gross margin"}, []string{"Sales expenses"},
		[]string{"of which commissions"}, []string{"Contribution"}, []string{"Cost of sales"}
	for _, s := range f.Scenarios {
		if s.Chosen {
			headers = append(headers, s.Name+" ✔")
		} else {
			headers = append(headers, s.Name)
		}
		rev, marg, exp = append(rev, loc.Money(s.Revenue, cur)), append(marg, loc.Money(s.Margin, cur)), append(exp, loc.Money(s.Expenses, cur))
		inc, con, cr = append(inc, loc.Money(s.Incentives, cur)), append(con, loc.Money(s.Contribution, cur)), append(cr, loc.Percent(s.CostRatio))
	}
	return headers, [][]string{rev, marg, exp, inc, con, cr}
}

// ChosenSentence says which scenario is the plan's budget.
func ChosenSentence(pd *app.PlanData) string {
	f := FiguresOf(pd)
	if f.Chosen < 0 {
		return "No scenario is chosen as the plan's budget yet."
	}
	sc := f.Scenarios[f.Chosen]
	return "The plan's budget is the " + sc.Name + " scenario: " + pd.Locale.Money(sc.Revenue, pd.Currency) + " revenue, contribution " +
		pd.Locale.Money(sc.Contribution, pd.Currency) + "."
}

func chosenMark(f *Figures) string {
	if f.Chosen < 0 {
		return ""
	}
	return " It is marked ✔ in the table."
}

// ActualRows is the budget-vs-actual table.
func ActualRows(pd *app.PlanData) [][]string {
	loc, cur := pd.Locale, pd.Currency
	var rows [][]string
	for _, a := range FiguresOf(pd).Actual {
		rows = append(rows, []string{loc.MonthName(a.Month), loc.Money(a.Budget, cur), loc.Money(a.Actual, cur), loc.Money(a.Variance, cur),
			loc.Percent(a.VarianceFraction)})
	}
	return rows
}

// Chart describes the contribution per month (margin minus expenses) as
// bars: where the year earns and where it spends.
func Chart(pd *app.PlanData) charts.BarChart {
	f := FiguresOf(pd)
	loc, cur := pd.Locale, pd.Currency
	c := charts.BarChart{Title: "Contribution per month (gross margin − sales expenses)", EmptyText: "No budget yet",
		FormatY: func(v float64) string { return loc.MoneyCompact(app.FromMajor(v, cur), cur) }}
	if f.RevenueTotal == 0 && f.ExpenseTotal == 0 {
		return c
	}
	for i, m := range f.Months {
		c.Labels = append(c.Labels, monthLabel(loc, m))
		c.Values = append(c.Values, app.ToMajor(f.Contribution[i], cur))
	}
	return c
}

// monthlyChart is an empty monthly chart of the plan months in the plan's
// money.
func monthlyChart(pd *app.PlanData, title string) charts.MonthlyChart {
	loc, cur := pd.Locale, pd.Currency
	return charts.MonthlyChart{Title: title, FirstYear: pd.Plan.Start.Year(), FirstMonth: pd.Plan.Start.Month(), EmptyText: "No budget yet",
		FormatY: func(v float64) string { return loc.MoneyCompact(app.FromMajor(v, cur), cur) }}
}

func majors(v []int64, cur app.Currency) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = app.ToMajor(x, cur)
	}
	return out
}

// RevenueExpenseChart describes revenue, gross margin and sales expenses
// per plan month as lines.
func RevenueExpenseChart(pd *app.PlanData) charts.MonthlyChart {
	f := FiguresOf(pd)
	c := monthlyChart(pd, "Revenue, gross margin and sales expenses per month")
	if f.RevenueTotal == 0 && f.ExpenseTotal == 0 {
		return c
	}
	cur := pd.Currency
	c.Series = []charts.Series{
		{Name: "Revenue", Values: majors(f.Revenue, cur), Role: charts.RoleForecast},
		{Name: "Gross margin", Values: majors(f.Margin, cur), Role: charts.RoleOther},
		{Name: "Sales expenses", Values: majors(f.Expenses, cur), Role: charts.RoleOther},
	}
	return c
}

// ActualChart describes the budget's revenue against the actual sales of
// the plan months the history holds (later months are gaps).
func ActualChart(pd *app.PlanData) charts.MonthlyChart {
	f := FiguresOf(pd)
	c := monthlyChart(pd, "Revenue: budget vs actual")
	c.EmptyText = "No actual sales in the plan period yet"
	if len(f.Actual) == 0 {
		return c
	}
	actual := make([]float64, len(f.Months))
	for i := range actual {
		actual[i] = math.NaN()
	}
	for _, a := range f.Actual {
		actual[int(a.Month-f.Months[0])] = app.ToMajor(a.Actual, pd.Currency)
	}
	c.Series = []charts.Series{
		{Name: "Budget", Values: majors(f.Revenue, pd.Currency), Role: charts.RoleTarget},
		{Name: "Actual", Values: actual, Role: charts.RoleActual},
	}
	return c
}

// ExpenseActualChart describes the budget's sales expenses against the
// actual expenses recorded per month (months without any are gaps).
func ExpenseActualChart(pd *app.PlanData) charts.MonthlyChart {
	f := FiguresOf(pd)
	c := monthlyChart(pd, "Sales expenses: budget vs actual")
	c.EmptyText = "No actual expenses recorded yet"
	if len(f.LineActuals) == 0 {
		return c
	}
	actual := make([]float64, len(f.Months))
	for i := range actual {
		actual[i] = math.NaN()
		if f.ExpenseRecorded[i] {
			actual[i] = app.ToMajor(f.ActualExpenses[i], pd.Currency)
		}
	}
	c.Series = []charts.Series{
		{Name: "Budget", Values: majors(f.Expenses, pd.Currency), Role: charts.RoleTarget},
		{Name: "Actual", Values: actual, Role: charts.RoleActual},
	}
	return c
}

// ScenarioChart describes the contribution of each scenario as bars, the
// chosen one marked ✔.
func ScenarioChart(pd *app.PlanData) charts.BarChart {
	f := FiguresOf(pd)
	loc, cur := pd.Locale, pd.Currency
	c := charts.BarChart{Title: "Contribution by scenario", EmptyText: "No budget yet",
		FormatY: func(v float64) string { return loc.MoneyCompact(app.FromMajor(v, cur), cur) }}
	if f.RevenueTotal == 0 && f.ExpenseTotal == 0 {
		return c
	}
	for _, s := range f.Scenarios {
		l := s.Name
		if s.Chosen {
			l += " ✔"
		}
		c.Labels = append(c.Labels, l)
		c.Values = append(c.Values, app.ToMajor(s.Contribution, cur))
	}
	return c
}

func section(r *report.Report, pd *app.PlanData) error {
	r.Subheading("Revenue forecast")
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		r.Note("No forecast: this business has no sales history yet.")
	} else {
		r.Paragraph(ForecastSentence(pd))
		if err := r.MonthlyChart("forecast", ForecastChart(pd)); err != nil {
			return err
		}
		if pf := pd.Figures.Forecast; pf.OK {
			start, pts := pf.Start, pf.Point
			s := pd.Forecast.Series[0].Result
			off := int(start - pd.Forecast.Series[0].Start)
			var rows [][]string
			m := func(v float64) string { return pd.Locale.Money(int64(math.Round(v)), pd.Currency) }
			for i := range pts {
				rows = append(rows, []string{pd.Locale.MonthName(start.Add(i)), m(s.Forecast[off+i]), m(s.Lo80[off+i]) + " – " + m(s.Hi80[off+i]),
					m(s.Lo95[off+i]) + " – " + m(s.Hi95[off+i])})
			}
			r.Table([]string{"Month", "Forecast", "80 % range", "95 % range"}, rows, []float64{0.16, 0.2, 0.32, 0.32}, "LRRR")
		}
		r.Subheading("How accurate each method was")
		r.Paragraph("Each method forecast the last months of the history as if they were unknown; the errors are averages over those test runs. " +
			"sMAPE is the average error in percent; MASE compares the error with simply repeating last year (below 1 is better); " +
			"OWA combines both relative to a simple seasonal benchmark (below 1 is better).")
		r.Table([]string{"Method", "sMAPE", "MASE", "OWA", ""}, MethodRows(pd), []float64{0.36, 0.12, 0.1, 0.1, 0.32}, "LRRRL")
		for _, n := range append(pd.Forecast.Notes, pd.Forecast.Series[0].Result.Notes...) {
			r.Note(n)
		}
	}
	f := FiguresOf(pd)
	r.KeepTogether(170) // the monthly table on one page
	r.Subheading("Budget")
	r.Paragraph(Summary(pd))
	for _, p := range f.Problems {
		r.Note(p)
	}
	h, rows := MonthlyRows(pd)
	r.Table(h, rows, []float64{0.15, 0.18, 0.17, 0.17, 0.18, 0.15}, "LRRRRR")
	if err := r.BarChart("budget-contribution", Chart(pd)); err != nil {
		return err
	}
	if err := r.MonthlyChart("budget-revenue-expenses", RevenueExpenseChart(pd)); err != nil {
		return err
	}
	if gr := GroupRows(pd); len(gr) > 0 {
		r.Label("Gross margin by product group (revenue split by each month's demand of step 4)", 40)
		r.Table([]string{"Product group", "Revenue", "Gross margin", "Margin"}, gr, []float64{0.4, 0.22, 0.22, 0.16}, "LRRR")
	}
	r.KeepTogether(60)
	r.Subheading("Sales expenses")
	if lr := LineRows(pd); len(lr) == 0 {
		r.Note("No sales expenses yet: add the lines on this step.")
	} else {
		r.Table([]string{"Line", "From", "Plan period", "Of revenue"}, lr, []float64{0.26, 0.44, 0.18, 0.12}, "LLRR")
	}
	r.KeepTogether(80)
	r.Subheading("Scenarios")
	r.Paragraph("The optimistic and pessimistic budgets take revenue to the top and the bottom of the forecast's 80 % range; " +
		"commissions follow the attainment that revenue means, the other expenses stay as budgeted. Scenarios you define change " +
		"revenue and the other expenses by their percentages. " + ChosenSentence(pd) + chosenMark(FiguresOf(pd)))
	sh, sr := ScenarioRows(pd)
	w := []float64{0.28}
	align := "L"
	for range f.Scenarios {
		w = append(w, 0.72/float64(len(f.Scenarios)))
		align += "R"
	}
	r.Table(sh, sr, w, align)
	if err := r.BarChart("budget-scenarios", ScenarioChart(pd)); err != nil {
		return err
	}
	r.KeepTogether(40)
	r.Subheading("Budget vs actual")
	if ar := ActualRows(pd); len(ar) == 0 {
		r.Note("No actual sales in the plan period yet: import the history as the months pass to compare them with the budget.")
	} else {
		r.Table([]string{"Month", "Budget", "Actual", "Variance", "Variance %"}, ar, []float64{0.24, 0.19, 0.19, 0.19, 0.19}, "LRRRR")
		if err := r.MonthlyChart("budget-actual", ActualChart(pd)); err != nil {
			return err
		}
	}
	r.KeepTogether(60)
	r.Subheading("Actual expenses vs budget")
	if len(f.LineActuals) == 0 {
		r.Note("No actual expenses recorded yet: type them on step 5 or import them with `salesplan import expenses FILE --plan ID` as the months pass.")
		return nil
	}
	r.Paragraph(ExpenseVarianceSentence(pd))
	r.Table([]string{"Line", "Budget", "Actual", "Variance", "Variance %"}, ExpenseVarianceRows(pd), []float64{0.36, 0.16, 0.16, 0.16, 0.16}, "LRRRR")
	if err := r.MonthlyChart("budget-expenses-actual", ExpenseActualChart(pd)); err != nil {
		return err
	}
	r.Label("Per line and month (the lines furthest off first)", 30)
	r.Table([]string{"Line", "Month", "Budget", "Actual", "Variance", "Variance %"}, ExpenseMonthRows(pd), []float64{0.26, 0.12, 0.15, 0.15, 0.17, 0.15}, "LLRRRR")
	return nil
}

// ExpenseVarianceSentence sums up the actual expenses against their
// budget over the months recorded.
func ExpenseVarianceSentence(pd *app.PlanData) string {
	f := FiguresOf(pd)
	loc, cur := pd.Locale, pd.Currency
	var b, a int64
	var months []app.Month
	for i, rec := range f.ExpenseRecorded {
		if rec {
			months = append(months, f.Months[i])
		}
	}
	for _, la := range f.LineActuals {
		b += la.BudgetRecorded
		a += la.ActualTotal
	}
	if len(months) == 0 {
		return ""
	}
	span := loc.MonthName(months[0])
	if len(months) > 1 {
		span += " – " + loc.MonthName(months[len(months)-1])
	}
	s := fmt.Sprintf("Actual expenses recorded for %s (%s): %s against a budget of %s for those lines and months", app.Count(len(months), "month", "months"),
		span, loc.Money(a, cur), loc.Money(b, cur))
	switch v := a - b; {
	case v > 0:
		s += ", " + loc.Money(v, cur) + " over budget"
	case v < 0:
		s += ", " + loc.Money(-v, cur) + " under budget"
	default:
		s += ", exactly on budget"
	}
	if la := f.LineActuals[0]; la.VarianceTotal != 0 {
		s += "; furthest off: " + la.Label + " (" + SignedMoney(loc, cur, la.VarianceTotal) + ")"
	}
	return s + "."
}

// SignedMoney writes an amount with its sign, "+€120.00" or "−€80.00".
func SignedMoney(loc app.Locale, cur app.Currency, v int64) string {
	if v > 0 {
		return "+" + loc.Money(v, cur)
	}
	return loc.Money(v, cur)
}

// SignedPercent writes a fraction as a signed percentage, "–" for NaN.
func SignedPercent(loc app.Locale, v float64) string {
	if v != v {
		return "–"
	}
	if v > 0 {
		return "+" + loc.Percent(v)
	}
	return loc.Percent(v)
}

// ExpenseVarianceRows is the table of the lines with actual expenses:
// line, budget and actual over the months recorded, variance in money and
// percent, the lines furthest off first.
func ExpenseVarianceRows(pd *app.PlanData) [][]string {
	loc, cur := pd.Locale, pd.Currency
	var rows [][]string
	for _, la := range FiguresOf(pd).LineActuals {
		name := la.Label
		if la.Gone {
			name += " (no longer in the budget)"
		}
		rows = append(rows, []string{name, loc.Money(la.BudgetRecorded, cur), loc.Money(la.ActualTotal, cur), SignedMoney(loc, cur, la.VarianceTotal),
			SignedPercent(loc, la.VarianceFraction)})
	}
	return rows
}

// ExpenseMonthRows is the variance per line and month recorded, the lines
// furthest off first and each line's months in order.
func ExpenseMonthRows(pd *app.PlanData) [][]string {
	f := FiguresOf(pd)
	loc, cur := pd.Locale, pd.Currency
	var rows [][]string
	for _, la := range f.LineActuals {
		for i, has := range la.Has {
			if has {
				rows = append(rows, []string{la.Label, loc.MonthName(f.Months[i]), loc.Money(la.Budget[i], cur), loc.Money(la.Actual[i], cur),
					SignedMoney(loc, cur, la.Variance[i]), SignedPercent(loc, la.MonthFraction(i))})
			}
		}
	}
	return rows
}

// JSON is the `show --step budget --json` view of step 5: amounts in major
// units, ratios as fractions.
type JSON struct {
	Forecast      *ForecastJSON  `json:"forecast"`
	RevenueSource string         `json:"revenue_source"`
	RevenueBasis  string         `json:"revenue_basis"`
	AttainmentBP  int64          `json:"attainment_bp"`
	MarginRatio   float64        `json:"gross_margin_ratio"`
	Months        []app.Month    `json:"months"`
	Revenue       []float64      `json:"revenue"`
	Groups        []GroupJSON    `json:"groups"`
	Lines         []LineJSON     `json:"lines"`
	Totals        TotalsJSON     `json:"totals"`
	Quarters      []PeriodJSON   `json:"quarters"`
	Scenarios     []ScenarioJSON `json:"scenarios"`
	// ChosenScenario is the key of the scenario chosen as the plan's
	// budget ("base", "optimistic", "pessimistic" or a scenario's ID), ""
	// when none is.
	ChosenScenario string       `json:"chosen_scenario"`
	Actual         []ActualJSON `json:"actual,omitempty"`
	// ExpenseVariance is every line with actual expenses against its
	// budget over the months recorded, the lines furthest off first.
	ExpenseVariance []LineVarianceJSON `json:"expense_variance,omitempty"`
	Problems        []string           `json:"problems"`
}

// LineVarianceJSON is a line's actual expenses against its budget over the
// months recorded.
type LineVarianceJSON struct {
	Line          string   `json:"line"`
	Gone          bool     `json:"not_in_budget,omitempty"`
	Budget        float64  `json:"budget"`
	Actual        float64  `json:"actual"`
	Variance      float64  `json:"variance"`
	VarianceRatio *float64 `json:"variance_ratio"`
}

// LineActualJSON is a line's actual expenses per plan month (null where
// none is recorded) and their total.
type LineActualJSON struct {
	Months []*float64 `json:"months"`
	Total  float64    `json:"total"`
}

// LineMonthVarianceJSON is a line's variance (actual − budget) per plan
// month recorded (null elsewhere), in money and as a fraction of the
// month's budget, and over the months recorded.
type LineMonthVarianceJSON struct {
	Months []*float64 `json:"months"`
	Ratios []*float64 `json:"ratios"`
	Total  float64    `json:"total"`
	Ratio  *float64   `json:"ratio"`
}

// GroupJSON is a product group's part of revenue and its gross margin.
type GroupJSON struct {
	Group       string  `json:"group"`
	MarginRatio float64 `json:"gross_margin_ratio"`
	Own         bool    `json:"own_margin"`
	Revenue     float64 `json:"revenue"`
	Margin      float64 `json:"gross_margin"`
}

// LineJSON is one expense line.
type LineJSON struct {
	Line     string     `json:"line"`
	Kind     string     `json:"kind"`
	Source   string     `json:"source"`
	Step     app.StepID `json:"step,omitempty"`
	ReadOnly bool       `json:"read_only"`
	Months   []float64  `json:"months"`
	Total    float64    `json:"total"`
	// Actual and Variance are there once actual expenses are recorded for
	// the line.
	Actual   *LineActualJSON        `json:"actual,omitempty"`
	Variance *LineMonthVarianceJSON `json:"variance,omitempty"`
}

// TotalsJSON is the budget per month and over the plan period.
type TotalsJSON struct {
	Margin       []float64  `json:"gross_margin"`
	Expenses     []float64  `json:"expenses"`
	Contribution []float64  `json:"contribution"`
	Year         PeriodJSON `json:"plan_period"`
	CostRatio    *float64   `json:"cost_of_sales_ratio"`
}

// PeriodJSON is a quarter or the plan period.
type PeriodJSON struct {
	Label        string    `json:"label"`
	From         app.Month `json:"from"`
	To           app.Month `json:"to"`
	Revenue      float64   `json:"revenue"`
	Margin       float64   `json:"gross_margin"`
	Expenses     float64   `json:"expenses"`
	Contribution float64   `json:"contribution"`
}

// ScenarioJSON is one scenario.
type ScenarioJSON struct {
	Key          string   `json:"key"`
	Name         string   `json:"name"`
	Custom       bool     `json:"custom"`
	Chosen       bool     `json:"chosen"`
	Basis        string   `json:"basis"`
	Revenue      float64  `json:"revenue"`
	Margin       float64  `json:"gross_margin"`
	Incentives   float64  `json:"commissions"`
	Expenses     float64  `json:"expenses"`
	Contribution float64  `json:"contribution"`
	CostRatio    *float64 `json:"cost_of_sales_ratio"`
}

// ActualJSON is the budget against the actual sales of one month.
type ActualJSON struct {
	Month            app.Month `json:"month"`
	Budget           float64   `json:"budget"`
	Actual           float64   `json:"actual"`
	Variance         float64   `json:"variance"`
	VarianceFraction *float64  `json:"variance_ratio"`
	// ExpenseBudget is the month's budgeted sales expenses; ActualExpenses
	// the expenses recorded for it (absent while none are).
	ExpenseBudget  float64  `json:"expense_budget"`
	ActualExpenses *float64 `json:"actual_expenses,omitempty"`
}

// ForecastJSON is the revenue forecast the budget starts from.
type ForecastJSON struct {
	Method        string          `json:"method"`
	Label         string          `json:"label"`
	Start         app.Month       `json:"start"`
	HistoryMonths int             `json:"history_months"`
	Notes         []string        `json:"notes"`
	PlanPeriod    *PlanPeriodJSON `json:"plan_period,omitempty"`
}

// PlanPeriodJSON is the forecast inside the plan period.
type PlanPeriodJSON struct {
	Months []MonthJSON `json:"months"`
	Total  TotalJSON   `json:"total"`
}

// MonthJSON is one forecast month.
type MonthJSON struct {
	Month    app.Month `json:"month"`
	Forecast float64   `json:"forecast"`
}

// TotalJSON is the plan-period total with its ranges.
type TotalJSON struct {
	Point float64 `json:"point"`
	Lo80  float64 `json:"lo80"`
	Hi80  float64 `json:"hi80"`
	Lo95  float64 `json:"lo95"`
	Hi95  float64 `json:"hi95"`
}

// Show returns the JSON view of step 5.
func Show(pd *app.PlanData) JSON {
	f, cur := FiguresOf(pd), pd.Currency
	major := func(v int64) float64 { return app.ToMajor(v, cur) }
	majors := func(v []int64) []float64 {
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = major(x)
		}
		return out
	}
	period := func(p Period) PeriodJSON {
		return PeriodJSON{Label: p.Label, From: p.From, To: p.To, Revenue: major(p.Revenue), Margin: major(p.Margin), Expenses: major(p.Expenses), Contribution: major(p.Contribution)}
	}
	out := JSON{RevenueSource: f.RevenueSource, RevenueBasis: f.RevenueBasis, AttainmentBP: f.Settings.AttainmentBP,
		MarginRatio: float64(f.Settings.MarginBP) / 10000, Months: f.Months, Revenue: majors(f.Revenue), Lines: []LineJSON{},
		Quarters: []PeriodJSON{}, Scenarios: []ScenarioJSON{}, Problems: append([]string{}, f.Problems...)}
	if out.Months == nil {
		out.Months = []app.Month{}
	}
	out.Groups = []GroupJSON{}
	for _, g := range f.Groups {
		out.Groups = append(out.Groups, GroupJSON{Group: g.Name, MarginRatio: float64(g.MarginBP) / 10000, Own: g.Own, Revenue: major(g.Revenue), Margin: major(g.Margin)})
	}
	ptr := func(v float64) *float64 { return &v }
	for _, l := range f.Lines {
		lj := LineJSON{Line: l.Label, Kind: l.Kind, Source: l.Source, Step: l.Step, ReadOnly: l.Typed < 0,
			Months: majors(l.Months), Total: major(l.Total)}
		for _, la := range f.LineActuals {
			if la.Key != l.Key {
				continue
			}
			a := &LineActualJSON{Months: make([]*float64, len(la.Has)), Total: major(la.ActualTotal)}
			v := &LineMonthVarianceJSON{Months: make([]*float64, len(la.Has)), Ratios: make([]*float64, len(la.Has)), Total: major(la.VarianceTotal),
				Ratio: app.Ratio4(la.VarianceFraction)}
			for i, has := range la.Has {
				if has {
					a.Months[i], v.Months[i], v.Ratios[i] = ptr(major(la.Actual[i])), ptr(major(la.Variance[i])), app.Ratio4(la.MonthFraction(i))
				}
			}
			lj.Actual, lj.Variance = a, v
		}
		out.Lines = append(out.Lines, lj)
	}
	for _, la := range f.LineActuals {
		out.ExpenseVariance = append(out.ExpenseVariance, LineVarianceJSON{Line: la.Label, Gone: la.Gone, Budget: major(la.BudgetRecorded),
			Actual: major(la.ActualTotal), Variance: major(la.VarianceTotal), VarianceRatio: app.Ratio4(la.VarianceFraction)})
	}
	out.Totals = TotalsJSON{Margin: majors(f.Margin), Expenses: majors(f.Expenses), Contribution: majors(f.Contribution),
		Year: period(f.Year), CostRatio: app.Ratio4(f.CostRatio)}
	for _, q := range f.Quarters {
		out.Quarters = append(out.Quarters, period(q))
	}
	for _, s := range f.Scenarios {
		if s.Chosen {
			out.ChosenScenario = s.Key
		}
		out.Scenarios = append(out.Scenarios, ScenarioJSON{Key: s.Key, Name: s.Name, Custom: s.Custom, Chosen: s.Chosen, Basis: s.Basis, Revenue: major(s.Revenue), Margin: major(s.Margin),
			Incentives: major(s.Incentives), Expenses: major(s.Expenses), Contribution: major(s.Contribution), CostRatio: app.Ratio4(s.CostRatio)})
	}
	for _, a := range f.Actual {
		aj := ActualJSON{Month: a.Month, Budget: major(a.Budget), Actual: major(a.Actual), Variance: major(a.Variance),
			VarianceFraction: app.Ratio4(a.VarianceFraction), ExpenseBudget: major(a.ExpenseBudget)}
		if a.HasExpenses {
			aj.ActualExpenses = ptr(major(a.ActualExpenses))
		}
		out.Actual = append(out.Actual, aj)
	}
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		return out
	}
	s := pd.Forecast.Series[0]
	mj := func(v float64) float64 { return math.Round(v) / math.Pow10(pd.Currency.Digits) }
	fc := &ForecastJSON{Method: string(s.Result.Method), Label: s.Result.Label, Start: s.Start,
		HistoryMonths: pd.Forecast.HistoryMonths, Notes: append(append([]string{}, pd.Forecast.Notes...), s.Result.Notes...)}
	if pf := pd.Figures.Forecast; pf.OK {
		pp := &PlanPeriodJSON{Months: []MonthJSON{}}
		for i, v := range pf.Point {
			pp.Months = append(pp.Months, MonthJSON{Month: pf.Start.Add(i), Forecast: mj(v)})
		}
		t := pf.Total
		pp.Total = TotalJSON{Point: mj(t.Point), Lo80: mj(t.Lo80), Hi80: mj(t.Hi80), Lo95: mj(t.Lo95), Hi95: mj(t.Hi95)}
		fc.PlanPeriod = pp
	}
	out.Forecast = fc
	return out
}

// demoLines are the demo plan's typed expense lines (EUR cents over the
// plan period).
var demoLines = []Line{
	{Kind: "travel", Name: "Customer visits and travel", Annual: 3_600_000, Spread: SpreadSeasonal},
	{Kind: "marketing", Name: "Trade fairs and campaigns", Annual: 4_800_000, Spread: SpreadSeasonal},
	{Kind: "tools", Name: "CRM and sales tools", Annual: 960_000, Spread: SpreadEven},
	{Kind: "other", Name: "Stand at the spring coffee fair", Spread: SpreadMonthly},
}

// demo writes the demo budget: revenue to the forecast at the demo
// groups' gross margins (38 % for any other group), commissions at 100 %
// of quota, the team's people costs as step 6 contributes them and the
// usual other sales expense lines (a fair stand in the third month), the
// base scenario chosen as the plan's budget, so the demo budget is
// complete.
func demo(ctx context.Context, w app.ContentWriter, pd *app.PlanData) error {
	p := pd.Plan
	s := Settings{PlanID: p.ID, RevenueSource: FromForecast, AttainmentBP: DefaultAttainmentBP, MarginBP: 3800, Scenario: ScenarioBase,
		GroupMargins: []GroupMargin{{"Espresso machines", 3200}, {"Grinders", 3600}, {"Beans & supplies", 4500}, {"Service contracts", 6000}}}
	if err := w.SaveRow(ctx, TableSettings, &s); err != nil {
		return err
	}
	for _, l := range demoLines {
		l.PlanID = p.ID
		if l.Spread == SpreadMonthly {
			l.Months = make([]int64, p.Months)
			l.Months[min(2, p.Months-1)] = 900_000
		}
		if err := w.SaveRow(ctx, TableLines, &l); err != nil {
			return err
		}
	}
	return nil
}
