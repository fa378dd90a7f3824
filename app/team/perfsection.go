package team

import (
	"fmt"
	"image"
	"strings"

	"salesplan/app"
	"salesplan/app/report"
	"salesplan/charts"
)

// perfSection is the PDF's monitoring (part 2): conversion ratios against
// the team with the diagnosis of the reps far below, the customers'
// ratings and the quota attainment so far, each with its chart.
func perfSection(r *report.Report, pd *app.PlanData, perf *Performance) error {
	loc, cur := pd.Locale, pd.Currency
	ratio := func(v float64, ok bool) string {
		if !ok || v <= 0 {
			return "–"
		}
		return loc.Number(v, 1)
	}
	pct := func(v float64, ok bool) string {
		if !ok {
			return "–"
		}
		return loc.Percent(v)
	}
	r.Subheading("Activities and conversion")
	if !perf.Conversion.OK {
		r.Note("No activities logged yet: log visits, calls, contacts, proposals and orders on this step, or import them with salesplan import activities.")
	} else {
		t := perf.Conversion
		r.Paragraph(fmt.Sprintf("The activity log of the plan period holds %s, %s, %s, %s and %s. %s",
			app.Count(t.Visits, "visit", "visits"), app.Count(t.Calls, "call", "calls"), app.Count(t.Contacts, "contact", "contacts"),
			app.Count(t.Proposals, "proposal", "proposals"), app.Count(t.Orders, "order", "orders"), ConversionRule))
		var rows [][]string
		for _, rc := range perf.Conversions {
			name := rc.Name
			if len(rc.Below) > 0 {
				name += " (!)"
			}
			rows = append(rows, []string{name, app.Itoa(rc.Visits), app.Itoa(rc.Contacts), app.Itoa(rc.Proposals), app.Itoa(rc.Orders),
				ratio(rc.VisitsPerOrder, rc.Orders > 0 && rc.Visits > 0), ratio(rc.ContactsPerOrder, rc.Orders > 0 && rc.Contacts > 0),
				pct(rc.ProposalToOrder, rc.Proposals > 0)})
		}
		md := perf.Median
		rows = append(rows, []string{"Team median", "", "", "", "", ratio(md.VisitsPerOrder, true), ratio(md.ContactsPerOrder, true),
			pct(md.ProposalToOrder, md.ProposalToOrder > 0)})
		r.Table([]string{"Rep", "Visits", "Contacts", "Props.", "Orders", "Visits/ord.", "Cont./ord.", "Prop.→ord."}, rows,
			[]float64{0.24, 0.09, 0.11, 0.09, 0.09, 0.12, 0.12, 0.14}, "LRRRRRRR")
		for _, rc := range perf.Conversions {
			if len(rc.Below) == 0 {
				continue
			}
			var hs []string
			for i, h := range rc.Hints {
				hs = append(hs, fmt.Sprintf("%d. %s", i+1, h.Text))
			}
			r.Paragraph(fmt.Sprintf("(!) %s is far below the team (%s). Possible causes, the best supported by the data first: %s",
				rc.Name, strings.Join(rc.Below, ", "), strings.Join(hs, " ")))
		}
		if err := compareChart(r, "team-conversion", ConversionChart(pd)); err != nil {
			return err
		}
		requiredSection(r, pd)
	}

	r.Subheading("Customer ratings")
	if perf.Rating.Count == 0 {
		r.Note("No customer ratings yet: add them on this step after contacts, or import them with salesplan import polls.")
	} else {
		r.Paragraph(fmt.Sprintf("%s of the salespeople average %s on the 1–5 scale (a 0–10 rating counts as 1 + 4 × rating ÷ 10). "+
			"The trend is the latest month's average against the months before, in points.",
			app.Count(perf.Rating.Count, "customer rating", "customer ratings"), loc.Number(perf.Rating.Average, 2)))
		var rows [][]string
		for _, rr := range perf.Ratings {
			avg, trend := "–", "–"
			if rr.Count > 0 {
				avg = loc.Number(rr.Average, 2)
			}
			if rr.TrendOK {
				trend = loc.Number(rr.Trend, 2)
				if rr.Trend > 0 {
					trend = "+" + trend
				}
			}
			rows = append(rows, []string{rr.Name, app.Itoa(rr.Count), avg, trend, app.OrDash(rr.Last)})
		}
		r.Table([]string{"Rep", "Ratings", "Avg.", "Trend", "Latest comment"}, rows, []float64{0.24, 0.11, 0.11, 0.09, 0.45}, "LRRRL")
		if err := r.MonthlyChart("team-polls", PollChart(pd)); err != nil {
			return err
		}
	}

	r.Subheading("Quota attainment")
	if perf.Months == 0 {
		r.Note("No actual sales in the plan period yet: once the history has sales of the plan months, each rep's attainment of the quota shows here month by month.")
		return nil
	}
	r.Paragraph(fmt.Sprintf("Over %s with sales the team reached %s of its quota (%s of %s). %s",
		app.Count(perf.Months, "month", "months"), attainText(loc, perf.Team), loc.Money(perf.Team.Actual, cur), loc.Money(perf.Team.Quota, cur),
		AttainmentRule[perf.Basis]))
	if len(perf.Reps) == 0 {
		return nil
	}
	headers := []string{"Rep", "Quota", "Actual", "Reached"}
	widths := []float64{0.24, 0.13, 0.13, 0.12}
	align := "LRRR"
	shown := perf.ActualMonths
	if len(shown) > 4 {
		shown = shown[len(shown)-4:]
	}
	for _, m := range shown {
		headers = append(headers, loc.MonthName(m))
		widths = append(widths, 0.38/float64(max(3, len(shown))))
		align += "R"
	}
	var rows [][]string
	for _, ra := range perf.Reps {
		row := []string{ra.Name, loc.MoneyCompact(ra.Quota, cur), loc.MoneyCompact(ra.Actual, cur), attainText(loc, ra.Attainment)}
		for _, a := range ra.Monthly[len(ra.Monthly)-len(shown):] {
			row = append(row, attainText(loc, a))
		}
		rows = append(rows, row)
	}
	r.Table(headers, rows, widths, align)
	if len(perf.ActualMonths) > len(shown) {
		r.Note(fmt.Sprintf("The months columns show the latest %d months with sales; show --json lists every month.", len(shown)))
	}
	return compareChart(r, "team-attainment", AttainmentChart(pd))
}

// compareChart draws a comparison across the text width, its height
// following its rows.
func compareChart(r *report.Report, key string, c charts.CompareChart) error {
	aspect := min(0.6, 0.1+0.045*float64(len(c.Values)+1))
	return r.Chart(key, aspect, func(w, h int, scale float64) image.Image {
		c.Width, c.Height, c.Scale = w, h, scale
		return r.Charts().Compare(c)
	})
}

func attainText(loc app.Locale, a Attainment) string {
	if !a.OK {
		return "–"
	}
	return loc.Percent(float64(a.BP) / 10000)
}

// requiredSection is the funnel worked backwards from the quotas.
func requiredSection(r *report.Report, pd *app.PlanData) {
	loc, cur := pd.Locale, pd.Currency
	req := FiguresOf(pd).Required
	if len(req) == 0 {
		return
	}
	r.Paragraph("The activity the quotas need per month. " + FunnelRule)
	var rows [][]string
	for _, rr := range req {
		if rr.Problem != "" {
			rows = append(rows, []string{rr.Name, "–", "–", "–", "–", "–", "–", rr.Problem})
			continue
		}
		pm := rr.PerMonth
		logged := "–"
		if rr.Logged > 0 {
			logged = loc.Number(rr.Logged, 0)
		}
		rows = append(rows, []string{rr.Name, loc.MoneyCompact(rr.AvgOrder, cur) + " (" + rr.Source + ")", app.Itoa(pm.Orders), app.Itoa(pm.Proposals),
			app.Itoa(pm.Contacts), app.Itoa(pm.Visits), logged, rr.Pace})
	}
	r.Table([]string{"Rep", "Avg. order", "Orders", "Props.", "Contacts", "Visits", "Logged", "Verdict"}, rows,
		[]float64{0.22, 0.15, 0.08, 0.08, 0.1, 0.08, 0.09, 0.2}, "LRRRRRRL")
}
