// Package budget is step 5 of a plan, the sales budget: the revenue
// forecast it starts from, then the monthly budget — revenue (the forecast,
// or the revenue target spread by the forecast's monthly shape), gross
// margin, the sales expenses (commissions at the budgeted attainment, the
// cost lines other steps contribute, the lines the user types), totals per
// month, quarter and year, the cost-of-sales ratio and the contribution —
// with base / optimistic / pessimistic scenarios from the forecast's 80 %
// range and the budget against the actual sales the history holds.
package budget

import (
	"math"
	"strings"

	"salesplan/app"
	"salesplan/charts"
)

// Step returns step 5 for the registry.
func Step() app.Step {
	return app.Step{
		ID: app.StepBudget, Number: 5, Title: "Sales budget", Nav: "Budget",
		Guidance: "Turn the plan into money. Revenue starts from a forecast of your history (several methods are tested on " +
			"your own past months and the most accurate one is used) or from your revenue target; add the sales expenses, and compare " +
			"an optimistic and a pessimistic year and, once the year runs, the actual sales.",
		Tables: []app.Table{
			{Name: TableSettings, Row: Settings{}, OnePerPlan: true},
			{Name: TableLines, Row: Line{}},
			{Name: TableScenarios, Row: ScenarioDef{}},
			{Name: TableActuals, Row: Actual{}, NotCopied: true},
		},
		Load:         load,
		Rank:         app.RankBudget,
		Figures:      figures,
		Completion:   status,
		CompleteWhen: CompletionRule,
		Section:      section,
		Exports:      exports,
		Show:         func(pd *app.PlanData) any { return Show(pd) },
		Demo:         demo,
	}
}

// ForecastChart describes the history-plus-forecast chart with its 80 % and
// 95 % bands, the same on screen and in the PDF.
func ForecastChart(pd *app.PlanData) charts.MonthlyChart {
	c := app.HistoryChart(pd, "Revenue: history and forecast")
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		return c
	}
	s := pd.Forecast.Series[0]
	r := s.Result
	// Show the last 36 months of history at most, then the forecast.
	hist := c.Series[0].Values
	from := max(0, int(s.Start-pd.History.Start)-36)
	histN := int(s.Start - pd.History.Start)
	if histN > len(hist) {
		histN = len(hist)
	}
	n := histN - from + len(r.Forecast)
	mk := func() []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = math.NaN()
		}
		return v
	}
	actual, fc, lo80, hi80, lo95, hi95 := mk(), mk(), mk(), mk(), mk(), mk()
	copy(actual, hist[from:histN])
	p := math.Pow10(pd.Currency.Digits)
	k := histN - from
	for i := range r.Forecast {
		fc[k+i], lo80[k+i], hi80[k+i], lo95[k+i], hi95[k+i] = r.Forecast[i]/p, r.Lo80[i]/p, r.Hi80[i]/p, r.Lo95[i]/p, r.Hi95[i]/p
	}
	if k > 0 { // join the lines
		fc[k-1] = actual[k-1]
	}
	first := pd.History.Start.Add(from)
	c.FirstYear, c.FirstMonth = first.Year(), first.Month()
	c.Series = []charts.Series{
		{Name: "Actual", Values: actual, Role: charts.RoleActual},
		{Name: "Forecast (" + r.Label + ")", Values: fc, Role: charts.RoleForecast},
	}
	c.Bands = []charts.Band{
		{Name: "95 % range", Lo: lo95, Hi: hi95, Role: charts.RoleForecast},
		{Name: "80 % range", Lo: lo80, Hi: hi80, Role: charts.RoleForecast},
	}
	c.ShowDivider, c.DividerAt = true, k
	return c
}

// MethodRows returns the backtest table: method, sMAPE, MASE, OWA and a
// mark for the chosen one.
func MethodRows(pd *app.PlanData) [][]string {
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		return nil
	}
	f := func(v float64, d int) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "–"
		}
		return pd.Locale.Number(v, d)
	}
	var rows [][]string
	for _, m := range pd.Forecast.Series[0].Result.Scores {
		switch {
		case !m.Eligible:
			rows = append(rows, []string{m.Label, "–", "–", "–", "not tested: " + m.Reason})
		case m.Chosen:
			rows = append(rows, []string{m.Label, f(m.SMAPE, 1) + " %", f(m.MASE, 2), f(m.OWA, 2), "✔ chosen"})
		default:
			rows = append(rows, []string{m.Label, f(m.SMAPE, 1) + " %", f(m.MASE, 2), f(m.OWA, 2), ""})
		}
	}
	return rows
}

// ForecastSentence summarises the forecast for people.
func ForecastSentence(pd *app.PlanData) string {
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		return ""
	}
	s := pd.Forecast.Series[0]
	b := &strings.Builder{}
	b.WriteString("Forecast with " + s.Result.Label + ", chosen because it was the most accurate on " +
		app.Itoa(s.Result.Origins) + " test runs over the last months of history (" + app.Itoa(pd.Forecast.HistoryMonths) + " complete months used).")
	if pf := pd.Figures.Forecast; pf.OK {
		t := pf.Total
		m := func(v float64) string { return pd.Locale.Money(int64(math.Round(v)), pd.Currency) }
		b.WriteString(" Plan period total: " + m(t.Point) + " (80 % range " + m(t.Lo80) + " – " + m(t.Hi80) +
			"; 95 % range " + m(t.Lo95) + " – " + m(t.Hi95) + ").")
	}
	return b.String()
}
