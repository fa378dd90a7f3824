package team

import (
	"math"

	"salesplan/app"
	"salesplan/charts"
)

// AttainmentChart describes each quota holder's attainment so far (actual
// ÷ quota, in percent).
func AttainmentChart(pd *app.PlanData) charts.BarChart {
	perf := FiguresOf(pd).Performance
	c := charts.BarChart{Title: "Quota attainment so far, per rep", EmptyText: "No actual sales in the plan period yet",
		FormatY: func(v float64) string { return pd.Locale.Percent(v / 100) }}
	for _, ra := range perf.Reps {
		if !ra.OK {
			continue
		}
		c.Labels = append(c.Labels, initials(ra.Name))
		c.Values = append(c.Values, float64(ra.BP)/100)
	}
	return c
}

// ConversionChart describes each rep's proposal → order rate with the
// team median as the last bar.
func ConversionChart(pd *app.PlanData) charts.BarChart {
	perf := FiguresOf(pd).Performance
	c := charts.BarChart{Title: "Proposals that became orders, per rep and the team median", EmptyText: "No proposals logged yet",
		FormatY: func(v float64) string { return pd.Locale.Percent(v / 100) }}
	if perf.Median.ProposalToOrder <= 0 {
		return c
	}
	for _, rc := range perf.Conversions {
		v := math.NaN()
		if rc.Proposals > 0 {
			v = 100 * rc.ProposalToOrder
		}
		c.Labels = append(c.Labels, initials(rc.Name))
		c.Values = append(c.Values, v)
	}
	c.Labels = append(c.Labels, "Median")
	c.Values = append(c.Values, 100*perf.Median.ProposalToOrder)
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
