package app

import (
	"math"
	"strings"

	"salesplan/app/forecast"
	"salesplan/charts"
)

const budgetPending = "The monthly budget of revenue, margin and sales expenses, and base / optimistic / pessimistic scenarios."

func budgetStep() Step {
	return Step{
		ID: StepBudget, Number: 5, Title: "Sales budget", Nav: "Budget",
		Guidance: "Turn the plan into money. It starts from a revenue forecast of your history: several methods are tested on " +
			"your own past months and the most accurate one is used, with the ranges it was really off by.",
		Pending:    budgetPending,
		Completion: func(PlanData) Status { return NotStarted },
		Section:    budgetSection,
		Show:       budgetShow,
	}
}

// ForecastHorizon is the number of months to forecast so that the forecast
// reaches the end of the plan period from the end of the history (at least
// 12).
func ForecastHorizon(pd PlanData) int {
	if len(pd.History.Values) == 0 {
		return 12
	}
	return min(forecastMaxHorizon, max(12, int(pd.Plan.End()-pd.History.End())))
}

// forecastMaxHorizon caps the horizon (a plan far in the future).
const forecastMaxHorizon = 120

// PlanPeriodForecast returns the forecast months inside the plan period
// (the forecast may start earlier, right after the history) and the
// interval for their total. The total's bounds take the relative width of
// the forecast's own total interval (estimated from backtest sums, not by
// adding monthly bounds).
func PlanPeriodForecast(pd PlanData) (start Month, point []float64, total forecast.Interval, ok bool) {
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		return 0, nil, total, false
	}
	s := pd.Forecast.Series[0]
	off := int(pd.Plan.Start - s.Start)
	if off < 0 || off >= len(s.Result.Forecast) {
		return 0, nil, total, false
	}
	end := min(len(s.Result.Forecast), off+pd.Plan.Months)
	point = s.Result.Forecast[off:end]
	for _, v := range point {
		total.Point += v
	}
	t := s.Result.Total
	if t.Point > 0 {
		r := total.Point / t.Point
		total.Lo80, total.Hi80, total.Lo95, total.Hi95 = t.Lo80*r, t.Hi80*r, t.Lo95*r, t.Hi95*r
	} else {
		total.Lo80, total.Hi80, total.Lo95, total.Hi95 = total.Point, total.Point, total.Point, total.Point
	}
	return pd.Plan.Start, point, total, true
}

// ForecastChart describes the history-plus-forecast chart with its 80 % and
// 95 % bands, the same on screen and in the PDF.
func ForecastChart(pd PlanData) charts.MonthlyChart {
	c := HistoryChart(pd, "Revenue: history and forecast")
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
func MethodRows(pd PlanData) [][]string {
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
func ForecastSentence(pd PlanData) string {
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		return ""
	}
	s := pd.Forecast.Series[0]
	b := &strings.Builder{}
	b.WriteString("Forecast with " + s.Result.Label + ", chosen because it was the most accurate on " +
		itoa(s.Result.Origins) + " test runs over the last months of history (" + itoa(pd.Forecast.HistoryMonths) + " complete months used).")
	if _, _, t, ok := PlanPeriodForecast(pd); ok {
		m := func(v float64) string { return pd.Locale.Money(int64(math.Round(v)), pd.Currency) }
		b.WriteString(" Plan period total: " + m(t.Point) + " (80 % range " + m(t.Lo80) + " – " + m(t.Hi80) +
			"; 95 % range " + m(t.Lo95) + " – " + m(t.Hi95) + ").")
	}
	return b.String()
}

func budgetSection(r *Report, pd PlanData) error {
	r.Subheading("Revenue forecast")
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		r.Note("No forecast: this business has no sales history yet.")
	} else {
		r.Paragraph(ForecastSentence(pd))
		if err := r.MonthlyChart("forecast", ForecastChart(pd)); err != nil {
			return err
		}
		if start, pts, _, ok := PlanPeriodForecast(pd); ok {
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

func budgetShow(pd PlanData) any {
	out := map[string]any{"pending": budgetPending}
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		out["forecast"] = nil
		return out
	}
	s := pd.Forecast.Series[0]
	mj := func(v float64) float64 { return math.Round(v) / math.Pow10(pd.Currency.Digits) }
	fc := map[string]any{"method": s.Result.Method, "label": s.Result.Label, "start": s.Start.String(),
		"history_months": pd.Forecast.HistoryMonths, "notes": append(pd.Forecast.Notes, s.Result.Notes...)}
	if start, pts, t, ok := PlanPeriodForecast(pd); ok {
		months := []map[string]any{}
		for i, v := range pts {
			months = append(months, map[string]any{"month": start.Add(i).String(), "forecast": mj(v)})
		}
		fc["plan_period"] = map[string]any{"months": months, "total": map[string]float64{
			"point": mj(t.Point), "lo80": mj(t.Lo80), "hi80": mj(t.Hi80), "lo95": mj(t.Lo95), "hi95": mj(t.Hi95)}}
	}
	out["forecast"] = fc
	return out
}
