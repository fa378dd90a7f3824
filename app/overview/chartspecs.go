package overview

import (
	"math"

	"salesplan/app"
	"salesplan/charts"
)

func nanSeries(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

func (d *Dashboard) monthly(pd *app.PlanData, title, empty string) charts.MonthlyChart {
	loc, cur := pd.Locale, pd.Currency
	c := charts.MonthlyChart{Title: title, EmptyText: empty,
		FormatY: func(v float64) string { return loc.MoneyCompact(app.FromMajor(v, cur), cur) }}
	if len(d.Months) > 0 {
		c.FirstYear, c.FirstMonth = d.Months[0].Year(), d.Months[0].Month()
	}
	return c
}

// CumulativeChart is the revenue of the plan period added up month by
// month: the actuals so far, the outlook (actuals, then the forecast) and
// the target's path.
func CumulativeChart(pd *app.PlanData, d *Dashboard) charts.MonthlyChart {
	n := len(d.Months)
	c := d.monthly(pd, "Revenue added up over the plan period", "No target, actuals or forecast yet")
	major := func(v float64) float64 { return v / math.Pow10(pd.Currency.Digits) }
	if d.ActualMonths > 0 {
		actual := nanSeries(n)
		var sum int64
		for i := 0; i < d.ActualMonths; i++ {
			sum += d.Actual[i]
			actual[i] = app.ToMajor(sum, pd.Currency)
		}
		c.Series = append(c.Series, charts.Series{Name: "Actual", Values: actual, Role: charts.RoleActual})
	}
	if d.ForecastPoint != nil && d.ForecastFrom < n {
		fc := nanSeries(n)
		var sum float64
		for i := 0; i < d.ForecastFrom && i < d.ActualMonths; i++ {
			sum += float64(d.Actual[i])
		}
		if d.ForecastFrom > 0 {
			fc[d.ForecastFrom-1] = major(sum) // joins the actual line
		}
		for i := d.ForecastFrom; i < n; i++ {
			sum += d.ForecastPoint[i]
			fc[i] = major(sum)
		}
		c.Series = append(c.Series, charts.Series{Name: "Outlook (forecast)", Values: fc, Role: charts.RoleForecast})
		if d.ActualMonths > 0 {
			c.ShowDivider, c.DividerAt, c.DividerLabel = true, d.ForecastFrom, "forecast"
		}
	}
	if d.TargetPath != nil {
		tp := make([]float64, n)
		var sum int64
		for i, v := range d.TargetPath {
			sum += v
			tp[i] = app.ToMajor(sum, pd.Currency)
		}
		c.Series = append(c.Series, charts.Series{Name: "Target", Values: tp, Role: charts.RoleTarget})
	}
	return c
}

// BudgetChart is the revenue per month: the budget and the actual sales.
func BudgetChart(pd *app.PlanData, d *Dashboard) charts.MonthlyChart {
	n := len(d.Months)
	c := d.monthly(pd, "Revenue per month: actual against budget", "No budget or actual sales yet")
	var any bool
	budget := make([]float64, n)
	for i, v := range d.Budget {
		budget[i] = app.ToMajor(v, pd.Currency)
		any = any || v != 0
	}
	if any {
		c.Series = append(c.Series, charts.Series{Name: "Budget", Values: budget, Role: charts.RoleTarget})
	} else {
		c.Title = "Revenue per month (no budget yet)"
	}
	if d.ActualMonths > 0 {
		actual := nanSeries(n)
		for i := 0; i < d.ActualMonths; i++ {
			actual[i] = app.ToMajor(d.Actual[i], pd.Currency)
		}
		c.Series = append(c.Series, charts.Series{Name: "Actual", Values: actual, Role: charts.RoleActual})
	}
	return c
}

// AttainmentChart is each quota holder's attainment so far, in percent.
func AttainmentChart(pd *app.PlanData, d *Dashboard) charts.HBarChart {
	loc := pd.Locale
	c := charts.HBarChart{Title: "Quota attainment per salesperson", EmptyText: "No attainment yet: quotas and sales on step 6",
		FormatValue: func(v float64) string { return loc.Percent(v / 100) }}
	if d.Team == nil {
		return c
	}
	for _, r := range d.Team.Reps {
		v := math.NaN()
		if r.OK {
			v = float64(r.BP) / 100
		}
		c.Labels = append(c.Labels, r.Name)
		c.Values = append(c.Values, v)
	}
	return c
}

// FunnelChart is the team's logged activities per kind, with the share of
// each stage that reaches the next.
func FunnelChart(pd *app.PlanData, d *Dashboard) charts.FunnelChart {
	loc := pd.Locale
	c := charts.FunnelChart{Title: "The team's funnel", Highlight: -1, EmptyText: "No activities logged yet (step 6)",
		FormatValue: func(v float64) string { return loc.Int(int64(math.Round(v))) }}
	if d.Team == nil {
		return c
	}
	total := 0
	for _, s := range d.Team.Funnel {
		total += s.Count
	}
	if total == 0 {
		return c
	}
	for i, s := range d.Team.Funnel {
		c.Stages = append(c.Stages, stageLabel(s.Kind))
		c.Values = append(c.Values, float64(s.Count))
		if i+1 < len(d.Team.Funnel) {
			note := ""
			if s.Count > 0 {
				note = loc.Percent(float64(d.Team.Funnel[i+1].Count)/float64(s.Count)) + " → next"
			}
			c.Notes = append(c.Notes, note)
		}
	}
	return c
}

// stageLabel names an activity kind for people.
func stageLabel(kind string) string {
	switch kind {
	case "visit":
		return "Visits"
	case "call":
		return "Calls"
	case "contact":
		return "Contacts"
	case "proposal":
		return "Proposals"
	case "order":
		return "Orders"
	}
	return kind
}
