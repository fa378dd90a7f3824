// Package budget is the page of step 5, the sales budget.
package budget

import (
	"math"

	model "salesplan/app/budget"
	"salesplan/views"

	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/charts"
)

// Page is step 5: the sentence an owner needs, the budget (settings,
// expense lines, monthly totals, scenarios, budget vs actual) and the
// revenue forecast it starts from with the backtest of every method.
func Page(ps *views.PlanScreen) fyne.CanvasObject {
	bv := newBudgetView(ps)
	box := container.NewVBox(bv.content)
	if len(ps.Data().History.Values) == 0 {
		msg := widget.NewLabel("No sales history yet — the forecast needs the business's past sales. Import a CSV or Excel file first; " +
			"until then, budget to a revenue target set on step 2 and type the expense lines.")
		msg.Wrapping = fyne.TextWrapWord
		box.Add(widget.NewCard("Revenue forecast", "", container.NewVBox(msg, container.NewHBox(ps.ImportButton("Import sales history…")))))
		return box
	}
	content := container.NewVBox(widget.NewProgressBarInfinite(), widget.NewLabel("Testing the forecasting methods on your history…"))
	box.Add(widget.NewCard("Revenue forecast", "", content))
	ps.LoadForecast(func(err error) {
		if err != nil {
			msg := widget.NewLabel(app.ErrorMessage(err))
			msg.Wrapping = fyne.TextWrapWord
			content.Objects = []fyne.CanvasObject{msg}
			content.Refresh()
			return
		}
		bv.refresh()
		content.Objects = []fyne.CanvasObject{forecastView(ps)}
		content.Refresh()
	})
	return box
}

// forecastView shows the forecast sentence, chart, method table and notes.
func forecastView(ps *views.PlanScreen) fyne.CanvasObject {
	pd := ps.Data()
	sentence := widget.NewLabel(model.ForecastSentence(pd))
	sentence.Wrapping = fyne.TextWrapWord
	chart := ps.NewMonthlyChartView(fyne.NewSize(400, 300), func() charts.MonthlyChart { return model.ForecastChart(ps.Data()) })
	rows := model.MethodRows(pd)
	headers := []string{"Method", "sMAPE", "MASE", "OWA", ""}
	table := widget.NewTable(
		func() (int, int) { return len(rows) + 1, len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Holt-Winters multiplicative, damped")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Alignment = fyne.TextAlignLeading
			if id.Col >= 1 && id.Col <= 3 {
				l.Alignment = fyne.TextAlignTrailing
			}
			if id.Row == 0 {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(headers[id.Col])
				return
			}
			r := rows[id.Row-1]
			l.TextStyle = fyne.TextStyle{Bold: strings.HasPrefix(r[4], "✔")}
			l.SetText(r[id.Col])
		})
	// Each column as wide as its longest text (within limits; the table
	// scrolls sideways when the page is narrower), so no method is cut.
	var total float32
	for c, limit := range []float32{480, 120, 100, 100, 560} {
		w := fyne.MeasureText(headers[c], theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		for _, r := range rows {
			w = max(w, fyne.MeasureText(r[c], theme.TextSize(), fyne.TextStyle{Bold: true}).Width)
		}
		w = min(max(w+2*theme.InnerPadding()+4, 60), limit)
		table.SetColumnWidth(c, w)
		total += w + theme.Padding()
	}
	tableBox := container.NewGridWrap(fyne.NewSize(total, float32(38*(len(rows)+1))), table)
	explain := widget.NewLabel("Each method forecast the last months of your history as if they were unknown. sMAPE: average error in percent. " +
		"MASE and OWA: error compared with simple benchmarks — below 1 is better. The method with the lowest OWA that beats " +
		"\"same month last year\" is used.")
	explain.Wrapping = fyne.TextWrapWord
	explain.SizeName = theme.SizeNameCaptionText
	notes := container.NewVBox()
	for _, n := range append(append([]string{}, pd.Forecast.Notes...), pd.Forecast.Series[0].Result.Notes...) {
		l := widget.NewLabel(n)
		l.Wrapping = fyne.TextWrapWord
		notes.Add(l)
	}
	accuracy := container.NewVBox(widget.NewLabelWithStyle("How accurate each method was", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		ps.HScroll(tableBox), explain, notes)
	accuracy.Hide()
	var toggle *widget.Button
	toggle = widget.NewButtonWithIcon("How accurate is this forecast?", theme.MenuDropDownIcon(), func() {
		if accuracy.Visible() {
			accuracy.Hide()
			toggle.SetIcon(theme.MenuDropDownIcon())
		} else {
			accuracy.Show()
			toggle.SetIcon(theme.MenuDropUpIcon())
		}
	})
	return container.NewVBox(sentence, chart, monthlyForecast(pd), container.NewHBox(toggle), accuracy)
}

// monthlyForecast is the forecast per plan month with its 80 % range.
func monthlyForecast(pd *app.PlanData) fyne.CanvasObject {
	pf := pd.Figures.Forecast
	if !pf.OK || pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		return container.NewVBox()
	}
	s := pd.Forecast.Series[0]
	off := int(pf.Start - s.Start)
	m := func(v float64) string { return pd.Locale.Money(int64(math.Round(v)), pd.Currency) }
	grid := container.NewGridWithColumns(3, views.Bold("Month"), views.Bold("Forecast"), views.Bold("80 % range"))
	for i := range pf.Point {
		k := off + i
		if k < 0 || k >= len(s.Result.Forecast) {
			continue
		}
		f := widget.NewLabel(m(s.Result.Forecast[k]))
		f.Alignment = fyne.TextAlignTrailing
		r := widget.NewLabel(m(s.Result.Lo80[k]) + " – " + m(s.Result.Hi80[k]))
		r.Alignment = fyne.TextAlignTrailing
		grid.Add(widget.NewLabel(pd.Locale.MonthName(pf.Start.Add(i))))
		grid.Add(f)
		grid.Add(r)
	}
	return container.NewVBox(widget.NewLabelWithStyle("The forecast per month of the plan period", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), grid)
}
