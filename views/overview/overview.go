// Package overview is the Overview page of a plan.
package overview

import (
	"strconv"

	model "salesplan/app/overview"
	"salesplan/views"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/charts"
)

// Page shows the key figures, the history chart and the progress of each
// step with a button to go there.
func Page(ps *views.PlanScreen) fyne.CanvasObject {
	pd := ps.Data()
	loc, cur := pd.Locale, pd.Currency
	info := widget.NewLabel(pd.Business.Name + " · " + loc.MonthName(pd.Plan.Start) + " – " + loc.MonthName(pd.Plan.End()) +
		" (" + strconv.Itoa(pd.Plan.Months) + " months) · " + pd.Plan.Currency)
	info.Wrapping = fyne.TextWrapWord
	if pd.Business.IsDemo {
		info.SetText("Demo data — " + info.Text)
	}

	var figures fyne.CanvasObject
	if len(pd.History.Values) == 0 {
		msg := widget.NewLabel("No sales history yet — import a CSV or Excel file of your sales to see the key figures, the revenue chart and a forecast.")
		msg.Wrapping = fyne.TextWrapWord
		imp := ps.ImportButton("Import a CSV or Excel file…")
		imp.Importance = widget.HighImportance
		go1 := widget.NewButtonWithIcon("Describe the situation", theme.NavigateNextIcon(), func() { ps.Show(app.StepSituation) })
		figures = container.NewVBox(msg, container.NewHBox(imp, go1))
	} else {
		k := model.FiguresOf(pd)
		growth := "–"
		growthNote := "needs 24 months of history"
		if k.Growth == k.Growth {
			growth = loc.Percent(k.Growth)
			growthNote = "on the 12 months before"
		}
		figures = container.NewGridWrap(fyne.NewSize(210, 118),
			kpi("Revenue, last 12 months", loc.Money(k.Last12, cur), "in the plan's scope"),
			kpi("Growth", growth, growthNote),
			kpi("Best month", loc.MonthName(k.BestMonth), loc.Money(k.BestMonthRev, cur)),
			kpi("History", strconv.Itoa(k.HistoryMonths)+" months", loc.Int(pd.HistoryRows)+" sales"),
		)
	}
	chart := ps.NewMonthlyChartView(fyne.NewSize(400, 280), func() charts.MonthlyChart {
		return app.HistoryChart(ps.Data(), "Revenue per month")
	})

	steps := container.NewVBox()
	for _, s := range ps.Registry().Steps() {
		s := s
		st := pd.Figures.Status[s.ID]
		l := widget.NewLabel(st.Mark() + "  " + s.Heading() + " — " + st.String())
		l.Truncation = fyne.TextTruncateEllipsis
		open := widget.NewButton("Open", func() { ps.Show(s.ID) })
		steps.Add(container.NewBorder(nil, nil, nil, open, l))
	}
	return container.NewVBox(info, figures, chart, widget.NewCard("Progress", "", steps))
}

// kpi is a small card with a headline number.
func kpi(title, value, note string) fyne.CanvasObject {
	t := widget.NewLabel(title)
	t.SizeName = theme.SizeNameCaptionText
	v := widget.NewLabelWithStyle(value, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.SizeName = theme.SizeNameSubHeadingText
	v.Truncation = fyne.TextTruncateEllipsis
	n := widget.NewLabel(note)
	n.SizeName = theme.SizeNameCaptionText
	n.Truncation = fyne.TextTruncateEllipsis
	return widget.NewCard("", "", container.NewVBox(t, v, n))
}
