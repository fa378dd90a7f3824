package views

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/charts"
)

// budgetPage is step 5: for now the revenue forecast with its ranges and
// the backtest of every method; the budget itself comes later.
func budgetPage(ps *planScreen) fyne.CanvasObject {
	box := container.NewVBox()
	pending, _ := ps.u.reg.Step(app.StepBudget)
	later := widget.NewLabel("Still to come in this step: " + pending.Pending)
	later.Wrapping = fyne.TextWrapWord
	if len(ps.pd.History.Values) == 0 {
		msg := widget.NewLabel("No sales history yet — the forecast needs the business's past sales. Import a CSV or Excel file first.")
		msg.Wrapping = fyne.TextWrapWord
		box.Add(widget.NewCard("Revenue forecast", "", container.NewVBox(msg, container.NewHBox(importButton(ps, "Import sales history…")))))
		box.Add(later)
		return box
	}
	content := container.NewVBox(widget.NewProgressBarInfinite(), widget.NewLabel("Testing the forecasting methods on your history…"))
	box.Add(widget.NewCard("Revenue forecast", "", content))
	box.Add(later)
	ps.loadForecast(func(err error) {
		if ps.u.plan != ps || (ps.current != app.StepBudget && !ps.u.sync) {
			return
		}
		if err != nil {
			msg := widget.NewLabel(app.ErrorMessage(err))
			msg.Wrapping = fyne.TextWrapWord
			content.Objects = []fyne.CanvasObject{msg}
			content.Refresh()
			return
		}
		content.Objects = []fyne.CanvasObject{forecastView(ps)}
		content.Refresh()
	})
	return box
}

// loadForecast computes (or takes from the cache) the forecast of the
// plan's scope off the UI goroutine, stores it in ps.pd and calls done on
// the UI goroutine.
func (ps *planScreen) loadForecast(done func(error)) {
	pd, u := ps.pd, ps.u
	var f app.ForecastOutput
	var err error
	u.background(func() {
		ctx := context.Background()
		req := app.ForecastRequest{By: app.ByTotal, Horizon: app.ForecastHorizon(pd)}
		var ver string
		if ver, err = u.store.HistoryVersion(ctx, pd.Business.ID); err != nil {
			return
		}
		key := app.ForecastKey(pd.Business.ID, pd.Plan.Scope, req, ver, u.now())
		var ok bool
		if f, ok = u.forecasts.Get(key); ok {
			return
		}
		if f, err = app.Forecast(ctx, u.store, pd, req, u.now()); err == nil {
			u.forecasts.Put(key, f)
		}
	}, func() {
		if err == nil {
			ps.pd.Forecast = &f
		}
		done(err)
	})
}

// forecastView shows the forecast sentence, chart, method table and notes.
func forecastView(ps *planScreen) fyne.CanvasObject {
	pd := ps.pd
	sentence := widget.NewLabel(app.ForecastSentence(pd))
	sentence.Wrapping = fyne.TextWrapWord
	chart := ps.u.newMonthlyChartView(fyne.NewSize(400, 300), func() charts.MonthlyChart { return app.ForecastChart(ps.pd) })
	rows := app.MethodRows(pd)
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
	for c, w := range []float32{300, 90, 80, 80, 330} {
		table.SetColumnWidth(c, w)
	}
	tableBox := container.NewGridWrap(fyne.NewSize(900, float32(38*(len(rows)+1))), table)
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
	return container.NewVBox(sentence, chart, widget.NewLabelWithStyle("How accurate each method was", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHScroll(tableBox), explain, notes)
}
