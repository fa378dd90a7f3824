package steps

import (
	"math"
	"sort"
	"strings"

	"salesplan/app"
	"salesplan/app/budget"
	"salesplan/app/objectives"
	"salesplan/app/report"
	"salesplan/app/situation"
	"salesplan/app/team"
)

// executiveSummary draws the PDF's one-page summary from the figures of
// every step: the target, the forecast and its range, the budget and its
// cost-of-sales ratio, the team and its quotas, the strongest SWOT items
// and the objectives with their SMART state.
func executiveSummary(r *report.Report, pd *app.PlanData) error {
	loc, cur := pd.Locale, pd.Currency
	p := pd.Plan
	r.Paragraph(pd.Business.Name + " plans its sales for " + loc.MonthName(p.Start) + " – " + loc.MonthName(p.End()) +
		" (" + app.Count(p.Months, "month", "months") + "). The figures below summarise the sections that follow.")
	money := func(v float64) string { return loc.Money(int64(math.Round(v)), cur) }

	var tiles []report.Tile
	if t := pd.Figures.Target; t.Amount > 0 {
		note := "From " + t.Source
		if t.FromForecast {
			note = "No revenue target set: the forecast stands in"
		}
		tiles = append(tiles, report.Tile{Label: "Revenue target", Value: loc.Money(t.Amount, cur), Note: note})
	}
	if f := pd.Figures.Forecast; f.OK {
		tiles = append(tiles, report.Tile{Label: "Forecast for the plan period", Value: money(f.Total.Point),
			Note: "80 % range " + money(f.Total.Lo80) + " – " + money(f.Total.Hi80)})
	}
	bf := budget.FiguresOf(pd)
	if bf.RevenueTotal != 0 || bf.ExpenseTotal != 0 {
		ratio := "–"
		if !math.IsNaN(bf.CostRatio) {
			ratio = loc.Percent(bf.CostRatio)
		}
		tiles = append(tiles,
			report.Tile{Label: "Budgeted revenue", Value: loc.Money(bf.RevenueTotal, cur), Note: bf.RevenueBasis},
			report.Tile{Label: "Sales budget (expenses)", Value: loc.Money(bf.ExpenseTotal, cur), Note: "Cost-of-sales ratio " + ratio},
			report.Tile{Label: "Contribution", Value: loc.Money(bf.ContributionTotal, cur), Note: "Gross margin minus sales expenses"})
	}
	tf := team.FiguresOf(pd)
	if tf.Team > 0 || len(tf.Quotas.Reps) > 0 {
		note := ""
		if q := tf.Quotas; len(q.Reps) > 0 {
			note = "Quotas " + loc.Money(q.Total, cur) + " over " + app.Count(len(q.Reps), "rep", "reps")
		}
		tiles = append(tiles, report.Tile{Label: "Sales team", Value: app.Count(tf.Team, "person", "people"), Note: note})
	}
	if len(tiles) > 0 {
		r.Tiles(tiles)
	} else {
		r.Note("No figures yet: the plan has no target, forecast, budget or team.")
	}

	if items := situation.Of(pd).SWOT; len(items) > 0 {
		r.Subheading("The strongest SWOT items")
		var rows [][]string
		for _, q := range situation.Quadrants() {
			var in []situation.SWOTItem
			for _, it := range items {
				if it.Quadrant == q {
					in = append(in, it)
				}
			}
			sort.SliceStable(in, func(i, j int) bool { return in[i].Impact > in[j].Impact })
			for i, it := range in {
				if i == 2 {
					break
				}
				name := ""
				if i == 0 {
					name = situation.QuadrantName(q)
				}
				rows = append(rows, []string{name, it.Text, app.Itoa(it.Impact) + " of 5"})
			}
		}
		r.Table([]string{"", "Item", "Impact"}, rows, []float64{0.2, 0.66, 0.14}, "LLR")
	}

	if objs := objectives.Of(pd).Objectives; len(objs) > 0 {
		r.Subheading("Objectives")
		smart := objectives.FiguresOf(pd).SMART
		var rows [][]string
		for i, o := range objs {
			target := "–"
			if o.Target != nil {
				target = o.FormatValue(*o.Target, loc, cur)
			}
			deadline := "–"
			if o.Deadline != nil {
				deadline = loc.MonthName(*o.Deadline)
			}
			rows = append(rows, []string{o.Title, target, deadline, smartState(smart, i)})
		}
		r.Table([]string{"Objective", "Target", "By", "SMART"}, rows, []float64{0.44, 0.2, 0.16, 0.2}, "LRLL")
	}
	return nil
}

// smartState says in a few words how SMART objective i is.
func smartState(smart [][5]objectives.SMARTLetter, i int) string {
	if i >= len(smart) {
		return "–"
	}
	var weak, missing []string
	for _, l := range smart[i] {
		switch l.Verdict {
		case objectives.VerdictWeak:
			weak = append(weak, strings.ToLower(l.Name))
		case objectives.VerdictMissing:
			missing = append(missing, strings.ToLower(l.Name))
		}
	}
	switch {
	case len(weak) == 0 && len(missing) == 0:
		return "✔ SMART"
	case len(missing) == 0:
		return "weak: " + strings.Join(weak, ", ")
	}
	s := "missing: " + strings.Join(missing, ", ")
	if len(weak) > 0 {
		s += "; weak: " + strings.Join(weak, ", ")
	}
	return s
}
