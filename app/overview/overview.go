// Package overview is the Overview page of a plan: where the plan stands,
// with the headline figures of the history and the progress of each step.
package overview

import (
	"math"

	"salesplan/app"
	"salesplan/app/report"
)

// KeyFigures are the headline numbers of a plan's Overview.
type KeyFigures struct {
	HistoryMonths int
	Last12        int64     // revenue of the last 12 months of history
	Prev12        int64     // the 12 months before those
	Growth        float64   // Last12 vs Prev12; NaN when not comparable
	BestMonth     app.Month // highest revenue month
	BestMonthRev  int64
}

// ComputeKeyFigures derives the Overview's figures from a monthly history.
func ComputeKeyFigures(s app.MonthlySeries) KeyFigures {
	k := KeyFigures{HistoryMonths: len(s.Values), Growth: math.NaN()}
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

// FiguresOf returns the Overview's key figures of pd.
func FiguresOf(pd *app.PlanData) *KeyFigures {
	if f := app.StepFigures[KeyFigures](&pd.Figures, app.PageOverview); f != nil {
		return f
	}
	k := ComputeKeyFigures(pd.History)
	return &k
}

// Page returns the Overview for the registry.
func Page() app.Step {
	return app.Step{
		ID: app.PageOverview, Title: "Overview", Nav: "Overview",
		Guidance: "Where this plan stands: the headline figures of the history and the progress of each step.",
		Rank:     app.RankOverview,
		Figures: func(pd *app.PlanData) {
			k := ComputeKeyFigures(pd.History)
			app.SetStepFigures(&pd.Figures, app.PageOverview, &k)
		},
		Section: section,
		Show:    func(pd *app.PlanData) any { return Show(pd) },
	}
}

func section(r *report.Report, pd *app.PlanData) error {
	p := pd.Plan
	r.Paragraph(pd.Business.Name + " — " + p.Title + ", " + pd.Locale.MonthName(p.Start) + " to " + pd.Locale.MonthName(p.End()) + ".")
	r.Subheading("Progress of the plan")
	var rows [][]string
	for _, s := range pd.Figures.Progress {
		rows = append(rows, []string{app.Itoa(s.Number), s.Title, s.Status.Mark() + " " + s.Status.String()})
	}
	r.Table([]string{"Step", "Part of the plan", "Status"}, rows, []float64{0.1, 0.6, 0.3}, "LLL")
	if len(pd.History.Values) == 0 {
		r.Subheading("Sales history")
		r.Note("No sales history has been imported for this business yet.")
		return nil
	}
	k := FiguresOf(pd)
	r.Subheading("Key figures")
	growth := "– (needs 24 months of history)"
	if !math.IsNaN(k.Growth) {
		growth = pd.Locale.Percent(k.Growth)
	}
	r.KeyValues([][2]string{
		{"Revenue, last 12 months", pd.Locale.Money(k.Last12, pd.Currency)},
		{"Growth on the 12 months before", growth},
		{"Best month", pd.Locale.MonthName(k.BestMonth) + ": " + pd.Locale.Money(k.BestMonthRev, pd.Currency)},
		{"History available", app.Itoa(k.HistoryMonths) + " months"},
	})
	return r.MonthlyChart("history", app.HistoryChart(pd, "Revenue per month"))
}

// JSON is the `show --step overview --json` view: key figures in major
// units and the status of every step.
type JSON struct {
	Plan       string             `json:"plan"`
	Business   string             `json:"business"`
	Period     string             `json:"period"`
	Currency   string             `json:"currency"`
	KeyFigures KeyFiguresJSON     `json:"key_figures"`
	Steps      []app.StepProgress `json:"steps"`
}

// KeyFiguresJSON are the headline numbers.
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
	k := FiguresOf(pd)
	fig := KeyFiguresJSON{HistoryMonths: k.HistoryMonths, Last12Revenue: app.ToMajor(k.Last12, pd.Currency),
		Prev12Revenue: app.ToMajor(k.Prev12, pd.Currency), Growth: app.Ratio4(k.Growth)}
	if k.HistoryMonths > 0 {
		bm, rev := k.BestMonth, app.ToMajor(k.BestMonthRev, pd.Currency)
		fig.BestMonth, fig.BestMonthRevenue = &bm, &rev
	}
	steps := pd.Figures.Progress
	if steps == nil {
		steps = []app.StepProgress{}
	}
	return JSON{Plan: pd.Plan.Title, Business: pd.Business.Name, Period: pd.Plan.PeriodLabel(), Currency: pd.Plan.Currency,
		KeyFigures: fig, Steps: steps}
}
