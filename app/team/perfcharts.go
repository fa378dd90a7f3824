package team

import (
	"math"

	"salesplan/app"
	"salesplan/charts"
)

// AttainmentChart describes each quota holder's attainment so far (actual
// ÷ quota, in percent) against the quota (100 %); a rep below 80 % is
// flagged ("!").
func AttainmentChart(pd *app.PlanData) charts.CompareChart {
	perf := FiguresOf(pd).Performance
	c := charts.CompareChart{Title: "Quota attainment so far, per rep (! below 80 %)", EmptyText: "No actual sales in the plan period yet",
		Reference: math.NaN(), FormatValue: func(v float64) string { return pd.Locale.Percent(v / 100) }}
	for _, ra := range perf.Reps {
		if !ra.OK {
			continue
		}
		low := ra.BP < 8000
		label := initials(ra.Name)
		if low {
			label += " !"
		}
		c.Labels = append(c.Labels, label)
		c.Values = append(c.Values, float64(ra.BP)/100)
		c.Flagged = append(c.Flagged, low)
	}
	if len(c.Values) > 0 {
		c.Reference, c.ReferenceLabel = 100, "Quota"
	}
	return c
}

// ConversionChart describes each rep's proposal → order rate against the
// team median; a rep far below the team is flagged ("!").
func ConversionChart(pd *app.PlanData) charts.CompareChart {
	perf := FiguresOf(pd).Performance
	c := charts.CompareChart{Title: "Proposals that became orders, per rep, against the team median (! far below)", EmptyText: "No proposals logged yet",
		Reference: math.NaN(), FormatValue: func(v float64) string { return pd.Locale.Percent(v / 100) }}
	if perf.Median.ProposalToOrder <= 0 {
		return c
	}
	for _, rc := range perf.Conversions {
		v := math.NaN()
		if rc.Proposals > 0 {
			v = 100 * rc.ProposalToOrder
		}
		label := initials(rc.Name)
		if len(rc.Below) > 0 {
			label += " !"
		}
		c.Labels = append(c.Labels, label)
		c.Values = append(c.Values, v)
		c.Flagged = append(c.Flagged, len(rc.Below) > 0)
	}
	c.Reference, c.ReferenceLabel = 100*perf.Median.ProposalToOrder, "Team median"
	return c
}

// PollChart describes the customers' average rating per plan month: the
// team's, and the lowest-rated rep's for comparison.
func PollChart(pd *app.PlanData) charts.MonthlyChart {
	perf := FiguresOf(pd).Performance
	p := pd.Plan
	c := charts.MonthlyChart{Title: "Customers' average rating per month (1–5)", FirstYear: p.Start.Year(), FirstMonth: p.Start.Month(),
		EmptyText: "No customer ratings yet", FormatY: func(v float64) string { return pd.Locale.Number(v, 1) }}
	if perf.Rating.Count == 0 {
		return c
	}
	series := func(ms []MonthRating) []float64 {
		vs := make([]float64, p.Months)
		for i := range vs {
			vs[i] = math.NaN()
		}
		for _, m := range ms {
			if mi := p.MonthIndex(m.Month); mi >= 0 {
				vs[mi] = m.Average
			}
		}
		return vs
	}
	c.Series = append(c.Series, charts.Series{Name: "Team", Values: series(perf.MonthlyRatings), Role: charts.RoleActual})
	low := -1
	for i, rr := range perf.Ratings {
		if rr.Count > 0 && (low < 0 || rr.Average < perf.Ratings[low].Average) {
			low = i
		}
	}
	if low >= 0 && len(perf.Ratings) > 1 {
		rr := perf.Ratings[low]
		c.Series = append(c.Series, charts.Series{Name: rr.Name + " (lowest average)", Values: series(rr.Monthly), Role: charts.RoleOther})
	}
	return c
}
