package budget

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"salesplan/app"
	"salesplan/app/sop"
)

// ExpenseLine is one line of sales expenses in the budget, per plan month.
type ExpenseLine struct {
	Key    string // "incentives", "strategy/initiatives", or the typed line's ID
	Label  string
	Kind   string     // "incentives", "contributed" or a typed kind
	Step   app.StepID // the step it comes from ("" for typed lines)
	Source string     // where it comes from, in words
	Months []int64
	Total  int64
	// Typed is the index of the typed line in Content.Lines, or -1 for a
	// line computed or contributed by another step (shown read-only).
	Typed int
}

// Period is a quarter or the year of the budget: its label ("Q1", "Plan
// period") and its first and last month.
type Period struct {
	Label                                   string
	From, To                                app.Month
	Revenue, Margin, Expenses, Contribution int64
}

// Scenario is the budget at another revenue.
type Scenario struct {
	// Key is ScenarioBase, ScenarioOptimistic, ScenarioPessimistic or the
	// ID of a scenario the user defines.
	Key    string
	Name   string // "Base", "Optimistic", "Pessimistic" or the user's name
	Custom bool   // defined by the user
	Chosen bool   // the plan's budget
	// Basis says where the revenue comes from, in words.
	Basis                                   string
	Revenue, Margin, Expenses, Contribution int64
	Incentives                              int64
	CostRatio                               float64 // expenses ÷ revenue, NaN without revenue
}

// ActualMonth is the budget and the history's sales of one plan month.
type ActualMonth struct {
	Month            app.Month
	Budget, Actual   int64
	Variance         int64   // actual − budget
	VarianceFraction float64 // variance ÷ budget, NaN without a budget
	// ExpenseBudget is the month's budgeted sales expenses; ActualExpenses
	// the expenses recorded for it, HasExpenses false while none are.
	ExpenseBudget, ActualExpenses int64
	HasExpenses                   bool
}

// GroupFigures is a product group's share of the budget's revenue and its
// gross margin.
type GroupFigures struct {
	Name            string
	MarginBP        int64
	Own             bool // the group has its own margin (else the default)
	Revenue, Margin int64
}

// Figures are step 5's computed results.
type Figures struct {
	Settings Settings
	Months   []app.Month
	// Revenue per plan month and where it comes from.
	Revenue       []int64
	RevenueTotal  int64
	RevenueSource string // FromForecast, FromTarget or "" (none)
	RevenueBasis  string // in words
	Margin        []int64
	MarginTotal   int64
	// Groups splits revenue and margin over the product groups of step 4
	// (each month by the groups' share of its demand); empty without groups.
	Groups       []GroupFigures
	Lines        []ExpenseLine
	Expenses     []int64 // sum of the lines per month
	ExpenseTotal int64
	Contribution []int64 // margin − expenses
	// ContributionTotal is the year's contribution.
	ContributionTotal int64
	CostRatio         float64 // expenses ÷ revenue, NaN without revenue
	Quarters          []Period
	Year              Period
	Scenarios         []Scenario
	// Chosen is the index in Scenarios of the plan's budget, -1 when none
	// is chosen (or the chosen one cannot be computed, such as the
	// optimistic scenario without a forecast).
	Chosen int
	Actual []ActualMonth // the plan months the history covers
	// LineActuals are the lines with actual expenses recorded, the lines
	// furthest off their budget first.
	LineActuals []LineActual
	// ActualExpenses is the sum of the recorded actual expenses per plan
	// month; ExpenseRecorded marks the months with any recorded.
	ActualExpenses  []int64
	ExpenseRecorded []bool
	Problems        []string
}

// LineActual is a budget line against its actual expenses: per plan month
// the budget, the amount recorded (Has) and the variance, and the sums over
// the months recorded.
type LineActual struct {
	Key, Label string
	// Gone is true when the line is no longer in the budget (a typed line
	// deleted since its actuals were recorded): its budget is 0.
	Gone     bool
	Budget   []int64 // the line's budget per plan month
	Actual   []int64 // the recorded amount per plan month (0 where none)
	Has      []bool  // a month has an amount recorded
	Variance []int64 // actual − budget per month recorded (0 elsewhere)
	// BudgetRecorded is the budget of the months recorded, ActualTotal
	// their actual expenses, VarianceTotal the difference.
	BudgetRecorded, ActualTotal, VarianceTotal int64
	// VarianceFraction is VarianceTotal ÷ BudgetRecorded, NaN without a
	// budget.
	VarianceFraction float64
}

// MonthFraction is the variance of month i as a fraction of its budget,
// NaN without a budget or without an amount recorded.
func (l LineActual) MonthFraction(i int) float64 {
	if i < 0 || i >= len(l.Has) || !l.Has[i] {
		return math.NaN()
	}
	return ratio(l.Variance[i], l.Budget[i])
}

// FiguresOf returns step 5's figures of pd.
func FiguresOf(pd *app.PlanData) *Figures {
	if f := app.StepFigures[Figures](&pd.Figures, app.StepBudget); f != nil {
		return f
	}
	return Compute(pd)
}

func sum(v []int64) int64 {
	var t int64
	for _, x := range v {
		t += x
	}
	return t
}

// Spread returns a typed line's months: the annual amount split evenly or
// in proportion to weights (the budget's revenue per month), or the typed
// months. The months always add up to the line's annual amount.
func Spread(l Line, n int, weights []int64) []int64 {
	switch l.Spread {
	case SpreadMonthly:
		out := make([]int64, n)
		copy(out, l.Months)
		return out
	case SpreadSeasonal:
		w := make([]int64, n)
		copy(w, weights)
		return app.Split(l.Annual, w)
	}
	return app.SplitEven(l.Annual, n)
}

// revenue returns the budget's revenue per month, the source used and its
// basis in words.
func revenue(pd *app.PlanData, s Settings) ([]int64, string, string) {
	n := pd.Plan.Months
	out := make([]int64, n)
	fc := pd.Figures.Forecast
	shape := make([]int64, n)
	if fc.OK {
		for i := 0; i < n && i < len(fc.Point); i++ {
			shape[i] = max(0, int64(math.Round(fc.Point[i])))
		}
	}
	t := pd.Figures.Target
	if s.RevenueSource == FromTarget && t.Amount > 0 {
		basis := "the revenue target, spread by the forecast's monthly shape"
		if !fc.OK {
			basis = "the revenue target, spread evenly (there is no forecast to give it a monthly shape)"
		}
		return app.Split(t.Amount, shape), FromTarget, basis
	}
	if fc.OK {
		copy(out, shape)
		basis := "the forecast of the plan period"
		if fc.Actuals > 0 {
			// The plan has begun: its first months are what was sold.
			basis = "the actual sales of " + app.Count(fc.Actuals, "month", "months") + " the plan has run, then the forecast of the months after"
			if fc.Actuals >= n {
				basis = "the actual sales of the plan period, which has ended"
			}
		}
		return out, FromForecast, basis
	}
	return out, "", ""
}

// Compute derives step 5's figures from its content and the figures of
// lower rank.
func Compute(pd *app.PlanData) *Figures {
	c := Of(pd)
	p := pd.Plan
	n := p.Months
	s := c.Current()
	f := &Figures{Settings: s, Expenses: make([]int64, n), Margin: make([]int64, n), Contribution: make([]int64, n)}
	for i := 0; i < n; i++ {
		f.Months = append(f.Months, p.Start.Add(i))
	}
	f.Revenue, f.RevenueSource, f.RevenueBasis = revenue(pd, s)
	f.RevenueTotal = sum(f.Revenue)
	switch {
	case s.RevenueSource == FromTarget && f.RevenueSource != FromTarget:
		f.Problems = append(f.Problems, "The plan has no revenue target to budget to; set one on step 2, or budget to the forecast.")
	case f.RevenueSource == "":
		f.Problems = append(f.Problems, "There is no revenue yet: the forecast needs sales history. Import the history, or set a revenue target on step 2 and budget to the target.")
	}
	margins(pd, f)
	add := func(l ExpenseLine) {
		if len(l.Months) != n {
			m := make([]int64, n)
			copy(m, l.Months)
			l.Months = m
		}
		l.Total = sum(l.Months)
		for i, v := range l.Months {
			f.Expenses[i] += v
		}
		f.Lines = append(f.Lines, l)
	}
	if ic := pd.Figures.IncentiveCost; ic != nil {
		total := ic(s.AttainmentBP)
		add(ExpenseLine{Key: "incentives", Label: "Commissions and bonuses", Kind: "incentives", Step: app.StepStrategy, Typed: -1,
			Source: fmt.Sprintf("the incentive scheme of step 3 at %s of quota, spread by revenue", pd.Locale.Percent(float64(s.AttainmentBP)/10000)),
			Months: app.Split(total, f.Revenue)})
	}
	for _, cl := range pd.Figures.CostLines {
		add(ExpenseLine{Key: string(cl.Step) + "/" + cl.Key, Label: cl.Label, Kind: "contributed", Step: cl.Step, Source: cl.Source,
			Months: append([]int64(nil), cl.Months...), Typed: -1})
	}
	team := map[string]bool{}
	for _, cl := range pd.Figures.CostLines {
		if cl.Step == app.StepTeam {
			team[cl.Key] = true
		}
	}
	for _, l := range c.Lines {
		if len(team) > 0 && (l.Kind == "salaries" || l.Kind == "training" || l.Kind == "recruiting") {
			f.Problems = append(f.Problems, fmt.Sprintf("The team (step 6) contributes its people costs now; the typed %s line “%s” may count them twice — remove it, or change its kind if it is something else.",
				strings.ToLower(KindLabel(l.Kind)), l.Name))
		}
	}
	for i, l := range c.Lines {
		add(ExpenseLine{Key: l.ID, Label: l.Name, Kind: l.Kind, Source: spreadText(l.Spread), Months: Spread(l, n, f.Revenue), Typed: i})
	}
	f.ExpenseTotal = sum(f.Expenses)
	for i := range f.Contribution {
		f.Contribution[i] = f.Margin[i] - f.Expenses[i]
	}
	f.ContributionTotal = sum(f.Contribution)
	f.CostRatio = ratio(f.ExpenseTotal, f.RevenueTotal)
	f.Quarters, f.Year = periods(f)
	f.Scenarios = scenarios(pd, f)
	f.Chosen = chosen(c, f)
	lineActuals(c, f)
	f.Actual = actuals(pd, f)
	return f
}

// lineActuals compares each line's budget with the actual expenses
// recorded for it (the last recorded amount of a line and month counts),
// furthest off first.
func lineActuals(c *Content, f *Figures) {
	n := len(f.Months)
	f.ActualExpenses, f.ExpenseRecorded = make([]int64, n), make([]bool, n)
	if len(c.Actuals) == 0 || n == 0 {
		return
	}
	byKey := map[string]int{}
	var out []LineActual
	line := func(key, label string) *LineActual {
		if i, ok := byKey[key]; ok {
			return &out[i]
		}
		la := LineActual{Key: key, Label: label, Gone: true, Budget: make([]int64, n), Actual: make([]int64, n), Has: make([]bool, n), Variance: make([]int64, n)}
		for _, l := range f.Lines {
			if l.Key == key {
				la.Label, la.Gone = l.Label, false
				copy(la.Budget, l.Months)
			}
		}
		byKey[key] = len(out)
		out = append(out, la)
		return &out[len(out)-1]
	}
	for _, a := range c.Actuals {
		i := int(a.Month - f.Months[0])
		if i < 0 || i >= n || a.LineKey == "" {
			continue
		}
		la := line(a.LineKey, a.LineName)
		la.Actual[i], la.Has[i] = a.Amount, true
	}
	for k := range out {
		la := &out[k]
		for i := 0; i < n; i++ {
			if !la.Has[i] {
				continue
			}
			la.Variance[i] = la.Actual[i] - la.Budget[i]
			la.BudgetRecorded += la.Budget[i]
			la.ActualTotal += la.Actual[i]
			f.ActualExpenses[i] += la.Actual[i]
			f.ExpenseRecorded[i] = true
		}
		la.VarianceTotal = la.ActualTotal - la.BudgetRecorded
		la.VarianceFraction = ratio(la.VarianceTotal, la.BudgetRecorded)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := abs(out[i].VarianceTotal), abs(out[j].VarianceTotal)
		if a != b {
			return a > b
		}
		return out[i].Label < out[j].Label
	})
	f.LineActuals = out
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// margins computes the gross margin per month: each month's revenue is
// split over the product groups by their share of the month's demand in
// step 4 (exact parts), each part at its group's margin; without groups (or
// demand) the whole revenue at the default margin.
func margins(pd *app.PlanData, f *Figures) {
	s := f.Settings
	sf := sop.FiguresOf(pd)
	for _, g := range sf.Groups {
		bp, own := s.GroupMargin(g.Name)
		f.Groups = append(f.Groups, GroupFigures{Name: g.Name, MarginBP: bp, Own: own})
	}
	for i, r := range f.Revenue {
		w := make([]int64, len(f.Groups))
		var seen int64
		for gi := range f.Groups {
			if gi < len(sf.Cells) && i < len(sf.Cells[gi]) {
				w[gi] = max(0, sf.Cells[gi][i].Demand)
				seen += w[gi]
			}
		}
		if seen == 0 {
			f.Margin[i], _ = app.MulRatio(r, s.MarginBP, 10000)
			continue
		}
		for gi, part := range app.Split(r, w) {
			m, _ := app.MulRatio(part, f.Groups[gi].MarginBP, 10000)
			f.Groups[gi].Revenue += part
			f.Groups[gi].Margin += m
			f.Margin[i] += m
		}
	}
	f.MarginTotal = sum(f.Margin)
}

func spreadText(s string) string {
	switch s {
	case SpreadSeasonal:
		return "typed, spread by the revenue's seasonality"
	case SpreadMonthly:
		return "typed per month"
	}
	return "typed, spread evenly"
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// periods sums the months into quarters of the plan period (the first
// three months, the next three…; a last quarter may be shorter) and the year.
func periods(f *Figures) ([]Period, Period) {
	var qs []Period
	year := Period{Label: "Plan period"}
	if len(f.Months) > 0 {
		year.From, year.To = f.Months[0], f.Months[len(f.Months)-1]
	}
	for i, m := range f.Months {
		if i%3 == 0 {
			last := f.Months[min(i+2, len(f.Months)-1)]
			qs = append(qs, Period{Label: fmt.Sprintf("Q%d", i/3+1), From: m, To: last})
		}
		q := &qs[len(qs)-1]
		for _, p := range []*Period{q, &year} {
			p.Revenue += f.Revenue[i]
			p.Margin += f.Margin[i]
			p.Expenses += f.Expenses[i]
			p.Contribution += f.Contribution[i]
		}
	}
	return qs, year
}

// scenarios derives the optimistic and pessimistic budgets from the
// forecast's 80 % range of the plan-period total: revenue moves by the
// range's ratio to the point forecast, the commissions with the attainment
// that revenue means; the other expenses stay.
func scenarios(pd *app.PlanData, f *Figures) []Scenario {
	s := f.Settings
	var incentives int64
	for _, l := range f.Lines {
		if l.Kind == "incentives" {
			incentives = l.Total
		}
	}
	other := f.ExpenseTotal - incentives
	mk := func(key, name, basis string, factorBP, expenseBP int64) Scenario {
		rev, _ := app.MulRatio(f.RevenueTotal, factorBP, 10000)
		sc := Scenario{Key: key, Name: name, Basis: basis, Revenue: rev, Incentives: incentives}
		sc.Margin, _ = app.MulRatio(f.MarginTotal, factorBP, 10000) // at the budget's blended margin
		if factorBP == 10000 {                                      // the budget itself, month by month
			sc.Revenue, sc.Margin = f.RevenueTotal, f.MarginTotal
		}
		if ic := pd.Figures.IncentiveCost; ic != nil && factorBP != 10000 {
			att, _ := app.MulRatio(s.AttainmentBP, factorBP, 10000)
			sc.Incentives = ic(att)
		}
		o, _ := app.MulRatio(other, 10000+expenseBP, 10000)
		sc.Expenses = o + sc.Incentives
		sc.Contribution = sc.Margin - sc.Expenses
		sc.CostRatio = ratio(sc.Expenses, sc.Revenue)
		return sc
	}
	out := []Scenario{mk(ScenarioBase, "Base", "the budget as planned", 10000, 0)}
	pct := func(bp int64) string {
		if bp > 0 {
			return "+" + pd.Locale.Percent(float64(bp)/10000)
		}
		return pd.Locale.Percent(float64(bp) / 10000)
	}
	custom := func() []Scenario {
		var cs []Scenario
		for _, d := range Of(pd).Scenarios {
			if len(d.Validate()) > 0 {
				continue
			}
			sc := mk(d.ID, d.Name, "revenue "+pct(d.RevenueBP)+", sales expenses other than commissions "+pct(d.ExpenseBP), 10000+d.RevenueBP, d.ExpenseBP)
			sc.Custom = true
			cs = append(cs, sc)
		}
		return cs
	}
	t := pd.Figures.Forecast.Total
	if !pd.Figures.Forecast.OK || t.Point <= 0 || f.RevenueTotal <= 0 {
		return append(out, custom()...)
	}
	lo := int64(math.Round(max(0, t.Lo80) / t.Point * 10000))
	hi := int64(math.Round(t.Hi80 / t.Point * 10000))
	out = append(out,
		mk(ScenarioOptimistic, "Optimistic", "revenue at the top of the forecast's 80 % range ("+pct(hi-10000)+")", hi, 0),
		mk(ScenarioPessimistic, "Pessimistic", "revenue at the bottom of the forecast's 80 % range ("+pct(lo-10000)+")", lo, 0))
	return append(out, custom()...)
}

// chosen marks the scenario chosen as the plan's budget and returns its
// index, or -1.
func chosen(c *Content, f *Figures) int {
	key := f.Settings.Scenario
	if key == ChosenCustom {
		key = ""
		for _, d := range c.Scenarios {
			if d.Chosen {
				key = d.ID
			}
		}
	}
	if key == "" {
		return -1
	}
	for i := range f.Scenarios {
		if f.Scenarios[i].Key == key {
			f.Scenarios[i].Chosen = true
			return i
		}
	}
	return -1
}

// actuals compares the budget's revenue with the history's sales in the
// plan months the history covers.
func actuals(pd *app.PlanData, f *Figures) []ActualMonth {
	h := pd.History
	var out []ActualMonth
	for i, m := range f.Months {
		k := int(m - h.Start)
		if k < 0 || k >= len(h.Values) {
			continue
		}
		a := ActualMonth{Month: m, Budget: f.Revenue[i], Actual: h.Values[k], ExpenseBudget: f.Expenses[i]}
		a.Variance = a.Actual - a.Budget
		a.VarianceFraction = ratio(a.Variance, a.Budget)
		if i < len(f.ExpenseRecorded) && f.ExpenseRecorded[i] {
			a.ActualExpenses, a.HasExpenses = f.ActualExpenses[i], true
		}
		out = append(out, a)
	}
	return out
}

// figures keeps step 5's figures.
func figures(pd *app.PlanData) { app.SetStepFigures(&pd.Figures, app.StepBudget, Compute(pd)) }

// status: not started until anything is entered; complete when the revenue
// source is chosen (the settings are saved) and has revenue to give — the
// target, or the forecast (or the history it is made from, so that the
// status does not wait for the forecast to load) — and at least one expense
// line has an amount (contributed lines count: they are in the budget as
// they are), and a scenario is chosen as the plan's budget.
func status(pd *app.PlanData) app.Status {
	c := Of(pd)
	if c.Settings == nil && len(c.Lines) == 0 {
		return app.NotStarted
	}
	if c.Settings == nil {
		return app.InProgress
	}
	switch c.Settings.RevenueSource {
	case FromTarget:
		if pd.Figures.Target.Amount <= 0 {
			return app.InProgress
		}
	default:
		if !pd.Figures.Forecast.OK && pd.History.Total() <= 0 {
			return app.InProgress
		}
	}
	f := FiguresOf(pd)
	if f.Chosen < 0 {
		return app.InProgress
	}
	for _, l := range f.Lines {
		if l.Total > 0 {
			return app.Complete
		}
	}
	return app.InProgress
}

// CompletionRule says when the step is complete (shown on the page).
const CompletionRule = "Complete when the revenue source is chosen, the budget has revenue, at least one expense line has an amount " +
	"and one scenario is chosen as the plan's budget; " +
	"lines from other steps (commissions, team, initiatives, S&OP decisions) are included as they are — change them on their step."
