package app

// KeyFigures are the headline numbers of a plan's Overview.
type KeyFigures struct {
	HistoryMonths int     `json:"history_months"`
	Last12        int64   `json:"last12_minor"` // revenue of the last 12 months of history
	Prev12        int64   `json:"prev12_minor"` // the 12 months before those
	Growth        float64 `json:"growth"`       // Last12 vs Prev12; NaN when not comparable
	BestMonth     Month   `json:"best_month"`   // highest revenue month
	BestMonthRev  int64   `json:"best_month_minor"`
}

// ComputeKeyFigures derives the Overview's figures from a monthly history.
func ComputeKeyFigures(s MonthlySeries) KeyFigures {
	k := KeyFigures{HistoryMonths: len(s.Values), Growth: nan()}
	n := len(s.Values)
	for i := max(0, n-12); i < n; i++ {
		k.Last12 += s.Values[i]
	}
	if n >= 24 {
		for i := n - 24; i < n-12; i++ {
			k.Prev12 += s.Values[i]
		}
		if k.Prev12 > 0 {
			k.Growth = float64(k.Last12-k.Prev12) / float64(k.Prev12)
		}
	}
	for i, v := range s.Values {
		if i == 0 || v > k.BestMonthRev {
			k.BestMonth, k.BestMonthRev = s.Start.Add(i), v
		}
	}
	return k
}

func overviewSection(r *Report, pd PlanData, reg *Registry) error {
	p := pd.Plan
	r.Paragraph(pd.Business.Name + " — " + p.Title + ", " + pd.Locale.MonthName(p.Start) + " to " + pd.Locale.MonthName(p.End()) + ".")
	r.Subheading("Progress of the plan")
	var rows [][]string
	for _, s := range reg.Steps() {
		st := reg.Status(s.ID, pd)
		rows = append(rows, []string{itoa(s.Number), s.Title, st.Mark() + " " + st.String()})
	}
	r.Table([]string{"Step", "Part of the plan", "Status"}, rows, []float64{0.1, 0.6, 0.3}, "LLL")
	if len(pd.History.Values) == 0 {
		r.Subheading("Sales history")
		r.Note("No sales history has been imported for this business yet.")
		return nil
	}
	k := ComputeKeyFigures(pd.History)
	r.Subheading("Key figures")
	growth := "– (needs 24 months of history)"
	if !isNaN(k.Growth) {
		growth = pd.Locale.Percent(k.Growth)
	}
	r.KeyValues([][2]string{
		{"Revenue, last 12 months", pd.Locale.Money(k.Last12, pd.Currency)},
		{"Growth on the 12 months before", growth},
		{"Best month", pd.Locale.MonthName(k.BestMonth) + ": " + pd.Locale.Money(k.BestMonthRev, pd.Currency)},
		{"History available", itoa(k.HistoryMonths) + " months"},
	})
	return r.HistoryChart(pd, "Revenue per month")
}

func appendixSection(r *Report, pd PlanData) {
	r.Subheading("How the figures are computed")
	r.Paragraph("Amounts are stored and added up as whole minor units of the currency (cents for " + pd.Currency.Code +
		" with " + itoa(pd.Currency.Digits) + " decimals), so totals are exact. Any division rounds half away from zero; " +
		"monthly splits use the largest-remainder method so that the parts add up exactly to the total.")
	r.Subheading("Sources")
	r.KeyValues([][2]string{
		{"Sales history", pd.Locale.Int(pd.HistoryRows) + " rows of " + pd.Business.Name},
		{"Workspace plan ID", pd.Plan.ID},
	})
	r.Subheading("Printing limits")
	r.Paragraph("This document embeds the DejaVu Sans font, which prints Latin, Greek and Cyrillic scripts. " +
		"Characters outside it (for example Chinese, Japanese or emoji) are kept unchanged in the workspace and in CSV exports, " +
		"but print as empty boxes here. Right-to-left text prints in stored (logical) order.")
}

// OverviewJSON is the JSON view of the Overview: key figures in major units
// and the status of every step.
func OverviewJSON(pd PlanData, reg *Registry) any {
	k := ComputeKeyFigures(pd.History)
	var growth *float64
	if !isNaN(k.Growth) {
		g := round4(k.Growth)
		growth = &g
	}
	steps := []map[string]any{}
	for _, s := range reg.Steps() {
		steps = append(steps, map[string]any{"step": s.ID, "number": s.Number, "title": s.Title, "status": reg.Status(s.ID, pd)})
	}
	fig := map[string]any{
		"history_months": k.HistoryMonths,
		"last12_revenue": ToMajor(k.Last12, pd.Currency),
		"prev12_revenue": ToMajor(k.Prev12, pd.Currency),
		"growth":         growth,
	}
	if k.HistoryMonths > 0 {
		fig["best_month"] = k.BestMonth.String()
		fig["best_month_revenue"] = ToMajor(k.BestMonthRev, pd.Currency)
	}
	return map[string]any{"plan": pd.Plan.Title, "business": pd.Business.Name, "period": pd.Plan.PeriodLabel(),
		"currency": pd.Plan.Currency, "key_figures": fig, "steps": steps}
}
