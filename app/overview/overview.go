// Package overview is the Overview page of a plan: where the plan stands,
// with the headline figures of the history and the progress of each step.
package overview

import (
	"context"
	"image"
	"io"
	"math"
	"strings"
	"time"

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

// Figures are the Overview's figures: the history's key figures and the
// dashboard.
type Figures struct {
	Key       KeyFigures
	Dashboard *Dashboard
}

// FiguresOf returns the Overview's figures of pd.
func FiguresOf(pd *app.PlanData) *Figures {
	if f := app.StepFigures[Figures](&pd.Figures, app.PageOverview); f != nil {
		return f
	}
	return compute(pd)
}

func compute(pd *app.PlanData) *Figures {
	return &Figures{Key: ComputeKeyFigures(pd.History), Dashboard: ComputeDashboard(pd)}
}

// Page returns the Overview for the registry.
func Page() app.Step {
	return app.Step{
		ID: app.PageOverview, Title: "Overview", Nav: "Overview",
		Guidance: "Where the plan stands against its targets: revenue so far, the full-year outlook, costs, the team and each objective. " +
			"It follows every import and edit.",
		Rank:    app.RankOverview,
		Figures: func(pd *app.PlanData) { app.SetStepFigures(&pd.Figures, app.PageOverview, compute(pd)) },
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
	f := FiguresOf(pd)
	r.Subheading("Where the plan stands")
	tilesTable(r, pd, f.Dashboard)
	r.Subheading("Objectives")
	objectivesTable(r, f.Dashboard)
	if len(pd.History.Values) == 0 {
		r.Subheading("Sales history")
		r.Note("No sales history has been imported for this business yet.")
		return nil
	}
	k := f.Key
	r.Subheading("Key figures of the history")
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

// tilesTable writes the tiles: title, value, and what it is compared with
// or what to do to get it.
func tilesTable(r *report.Report, pd *app.PlanData, d *Dashboard) {
	var rows [][]string
	for _, t := range Tiles(pd, d) {
		if t.OK {
			rows = append(rows, []string{t.Title, t.Value, strings.Join(t.Lines, " ")})
		} else {
			rows = append(rows, []string{t.Title, "–", t.Hint})
		}
	}
	r.Table([]string{"Figure", "Now", "Compared with / what to do"}, rows, []float64{0.22, 0.2, 0.58}, "LRL")
}

// objectivesTable writes each objective's status with its rule.
func objectivesTable(r *report.Report, d *Dashboard) {
	if len(d.Objectives) == 0 {
		r.Note("No objectives are set yet (step 2).")
		return
	}
	var rows [][]string
	for _, o := range d.Objectives {
		rows = append(rows, []string{o.Title, o.Status.Label(), o.Rule})
	}
	r.Table([]string{"Objective", "Status", "How the status is decided"}, rows, []float64{0.24, 0.16, 0.6}, "LLL")
}

// ReviewDocument is the dashboard as a short PDF for the monthly meeting:
// a cover, the contents, where the plan stands (tiles and objectives) and
// its charts — four pages.
func ReviewDocument(pd *app.PlanData, now time.Time) report.Document {
	p := pd.Plan
	loc := pd.Locale
	d := FiguresOf(pd).Dashboard
	cover := report.Cover{
		Kicker: pd.Business.Name,
		Title:  "Monthly review: " + p.Title,
		Lines: []string{"Where the plan stands on " + loc.LongDate(now),
			"Plan period " + loc.MonthName(p.Start) + " – " + loc.MonthName(p.End()) + ", in " + p.Currency},
		Footer: "Issued " + loc.LongDate(now) + " · Prepared with Salesplan",
	}
	if d.YTD.OK {
		cover.Lines = append(cover.Lines, "Actual sales up to "+loc.MonthName(d.YTD.To))
	}
	return report.Document{Title: "Monthly review: " + p.Title, Author: p.Author, Subject: "Monthly review " + p.PeriodLabel(),
		Footer: "Monthly review · " + p.Title, Cover: cover,
		Sections: []report.Section{
			{Title: "Where the plan stands", Draw: func(r *report.Report) error {
				tilesTable(r, pd, d)
				r.Subheading("Objectives")
				shown := *d
				if n := len(d.Objectives); n > reviewObjectives { // the review stays four pages
					shown.Objectives = d.Objectives[:reviewObjectives]
					defer r.Note(app.Count(n-reviewObjectives, "more objective is", "more objectives are") +
						" on the Overview page and in the whole plan's PDF.")
				}
				objectivesTable(r, &shown)
				return nil
			}},
			{Title: "Revenue and the team", Draw: func(r *report.Report) error { return reviewCharts(r, pd, d) }},
		}}
}

// reviewObjectives is how many objectives the review lists.
const reviewObjectives = 4

// reviewCharts draws the dashboard's four charts on one page.
func reviewCharts(r *report.Report, pd *app.PlanData, d *Dashboard) error {
	cr := r.Charts()
	cum, bud := CumulativeChart(pd, d), BudgetChart(pd, d)
	att, fun := AttainmentChart(pd, d), FunnelChart(pd, d)
	for _, c := range []struct {
		key    string
		aspect float64
		draw   func(w, h int, scale float64) image.Image
	}{
		{"review-cumulative", 0.33, func(w, h int, s float64) image.Image {
			cum.Width, cum.Height, cum.Scale = w, h, s
			return cr.Monthly(cum)
		}},
		{"review-budget", 0.33, func(w, h int, s float64) image.Image {
			bud.Width, bud.Height, bud.Scale = w, h, s
			return cr.Monthly(bud)
		}},
		{"review-attainment", 0.24, func(w, h int, s float64) image.Image {
			att.Width, att.Height, att.Scale = w, h, s
			return cr.HBars(att)
		}},
		{"review-funnel", 0.24, func(w, h int, s float64) image.Image {
			fun.Width, fun.Height, fun.Scale = w, h, s
			return cr.Funnel(fun)
		}},
	} {
		if err := r.Chart(c.key, c.aspect, c.draw); err != nil {
			return err
		}
	}
	return nil
}

// ExportReview writes the review PDF of pd to w.
func ExportReview(ctx context.Context, w io.Writer, pd *app.PlanData, opts app.ExportOptions) error {
	return report.Build(ctx, w, ReviewDocument(pd, opts.Now), opts)
}
