// Package budget is step 5 of a plan, the sales budget: so far the
// revenue forecast it starts from.
package budget

import (
	"math"
	"strings"

	"salesplan/app"
	"salesplan/app/report"
	"salesplan/charts"
)

const budgetPending = "The monthly budget of revenue, margin and sales expenses, and base / optimistic / pessimistic scenarios."

// Step returns step 5 for the registry.
func Step() app.Step {
	return app.Step{
		ID: app.StepBudget, Number: 5, Title: "Sales budget", Nav: "Budget",
		Guidance: "Turn the plan into money. It starts from a revenue forecast of your history: several methods are tested on " +
			"your own past months and the most accurate one is used, with the ranges it was really off by.",
		Pending:    budgetPending,
		Rank:       app.RankBudget,
		Completion: func(*app.PlanData) app.Status { return app.NotStarted },
		Section:    section,
		Show:       func(pd *app.PlanData) any { return Show(pd) },
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
	r.Subheading("Budget")
	r.Note("Not written yet. This section will hold: " + budgetPending)
	return nil
}

// JSON is the `show --step budget --json` view of step 5: amounts in major
// units.
type JSON struct {
	Pending  string        `json:"pending"`
	Forecast *ForecastJSON `json:"forecast"`
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
	out := JSON{Pending: budgetPending}
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
