package views

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/charts"
)

// situationForm is step 1: the scope of the plan and the history summary.
type situationForm struct {
	ps *planScreen

	title, start, months, author *widget.Entry
	products, markets            *widget.Entry
	currency                     *widget.Select
	groups, regions              *widget.CheckGroup
	fields                       map[string]*field
	chart                        *chartView
	years                        *fyne.Container
	summary                      *summaryView
	swot                         *swotView
	process                      *processView
}

func situationPage(ps *planScreen) fyne.CanvasObject {
	f := &situationForm{ps: ps, fields: map[string]*field{}}
	ps.situation = f
	p := ps.pd.Plan
	entry := func(text string, multi bool) *widget.Entry {
		e := widget.NewEntry()
		if multi {
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(3)
		}
		e.SetText(text)
		e.OnChanged = func(string) { f.onChanged() }
		return e
	}
	f.title = entry(p.Title, false)
	f.products = entry(p.Products, true)
	f.products.SetPlaceHolder("What do you sell? e.g. espresso machines, beans, service contracts")
	f.markets = entry(p.Markets, true)
	f.markets.SetPlaceHolder("Where and to whom? e.g. four regions; cafés, hotels and offices")
	f.start = entry(p.Start.String(), false)
	f.months = entry(strconv.Itoa(p.Months), false)
	f.author = entry(p.Author, false)
	f.author.SetPlaceHolder("Your name, printed on the cover")

	f.currency = widget.NewSelect(currencyCodes(), nil)
	f.currency.SetSelected(p.Currency)
	f.currency.OnChanged = f.onCurrencyChanged

	groups, regions, err := ps.u.store.ScopeOptions(context.Background(), p.BusinessID)
	if err != nil {
		ps.u.showError(err)
	}
	f.groups = widget.NewCheckGroup(groups, nil)
	f.groups.Horizontal = fitsOnOneLine(groups)
	f.groups.SetSelected(p.Scope.ProductGroups)
	f.groups.OnChanged = func([]string) { f.onChanged() }
	f.regions = widget.NewCheckGroup(regions, nil)
	f.regions.Horizontal = fitsOnOneLine(regions)
	f.regions.SetSelected(p.Scope.Regions)
	f.regions.OnChanged = func([]string) { f.onChanged() }

	add := func(key, label string, w fyne.CanvasObject, help string) fyne.CanvasObject {
		fl := newField(label, w, help)
		f.fields[key] = fl
		return fl.box
	}
	period := container.NewGridWithColumns(3,
		add("start", "First month", f.start, "YYYY-MM"),
		add("months", "Months", f.months, "1 to 60; usually 12"),
		add("currency", "Currency", f.currency, ""),
	)
	biz := widget.NewLabel(ps.pd.Business.Name)
	scopeBox := container.NewVBox()
	if len(groups)+len(regions) == 0 {
		scopeBox.Add(widget.NewLabel("Product groups and regions appear here once the business has sales history."))
	} else {
		scopeBox.Add(add("groups", "Product groups covered", f.groups, "None ticked means all."))
		scopeBox.Add(add("regions", "Regions covered", f.regions, "None ticked means all."))
	}

	f.chart = ps.u.newMonthlyChartView(fyne.NewSize(400, 260), func() charts.MonthlyChart {
		return app.HistoryChart(f.ps.pd, "Revenue per month (within the scope)")
	})
	f.years = container.NewVBox()
	f.fillYears()
	f.summary = newSummaryView(ps)

	scopeCard := widget.NewCard("Scope", "What this plan covers", container.NewVBox(
		add("title", "Plan name", f.title, ""),
		newField("Business", biz, "").box,
		add("products", "Products and services", f.products, ""),
		add("markets", "Regions and markets", f.markets, ""),
		period,
		add("author", "Author", f.author, ""),
		scopeBox,
	))
	f.swot = newSWOTView(ps)
	swotCard := widget.NewCard("SWOT analysis", "Strengths and weaknesses inside the business; opportunities and threats outside it. Rate each by its impact on sales.", f.swot.box)
	f.process = newProcessView(ps)
	processCard := widget.NewCard("Sales process", "The stages a deal goes through, how many reach each stage and how long it takes. The weakest step is flagged.", f.process.box)
	historyCard := widget.NewCard("Sales history", "Where sales stand today", container.NewVBox(
		container.NewHBox(importButton(ps, "Import sales history…")), f.chart, f.years, f.summary.box))
	return container.NewVBox(scopeCard, swotCard, processCard, historyCard)
}

// fillYears writes the revenue per year with growth.
func (f *situationForm) fillYears() {
	pd := f.ps.pd
	f.years.RemoveAll()
	if len(pd.History.Values) == 0 {
		l := widget.NewLabel("No sales history yet — import a CSV or Excel file of your sales. Its revenue per month and year, seasonality and top customers show here.")
		l.Wrapping = fyne.TextWrapWord
		f.years.Add(l)
		return
	}
	grid := container.NewGridWithColumns(3,
		widget.NewLabelWithStyle("Year", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("Revenue", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("Growth", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	for _, y := range app.YearTotals(pd.History) {
		label := strconv.Itoa(y.Year)
		if y.Months < 12 {
			label += " (" + strconv.Itoa(y.Months) + " months)"
		}
		g := "–"
		if y.Growth == y.Growth {
			g = pd.Locale.Percent(y.Growth)
		}
		grid.Add(widget.NewLabel(label))
		grid.Add(widget.NewLabelWithStyle(pd.Locale.Money(y.Revenue, pd.Currency), fyne.TextAlignTrailing, fyne.TextStyle{}))
		grid.Add(widget.NewLabelWithStyle(g, fyne.TextAlignTrailing, fyne.TextStyle{}))
	}
	f.years.Add(grid)
}

// read returns the plan as typed, validating each field next to it. ok is
// false when a field is invalid; the stored plan is then left as it was.
func (f *situationForm) read() (app.Plan, bool) {
	p := f.ps.pd.Plan
	ok := true
	check := func(key string, err error) {
		if fl := f.fields[key]; fl != nil {
			fl.setError(uiErr(err))
		}
		if err != nil {
			ok = false
		}
	}
	p.Title = f.title.Text
	check("title", app.ValidateTitle(p.Title))
	start, err := app.ParseMonth(strings.TrimSpace(f.start.Text))
	check("start", err)
	if err == nil {
		p.Start = start
	}
	n, err := app.ParseMonths(f.months.Text)
	check("months", err)
	if err == nil {
		p.Months = n
	}
	p.Products, p.Markets, p.Author = f.products.Text, f.markets.Text, f.author.Text
	check("products", app.ValidateText(p.Products))
	check("markets", app.ValidateText(p.Markets))
	check("author", app.ValidateText(p.Author))
	p.Scope.ProductGroups = append([]string(nil), f.groups.Selected...)
	p.Scope.Regions = append([]string(nil), f.regions.Selected...)
	return p, ok
}

// onChanged validates, updates the screen and schedules the save.
func (f *situationForm) onChanged() {
	p, ok := f.read()
	if !ok {
		return
	}
	scopeChanged := strings.Join(p.Scope.ProductGroups, "\x00") != strings.Join(f.ps.pd.Plan.Scope.ProductGroups, "\x00") ||
		strings.Join(p.Scope.Regions, "\x00") != strings.Join(f.ps.pd.Plan.Scope.Regions, "\x00")
	f.ps.pd.Plan = p
	f.ps.refreshNav()
	store := f.ps.u.store
	f.ps.u.saver.Schedule("plan", func() error {
		_, err := store.UpdatePlan(context.Background(), p)
		return err
	})
	if scopeChanged {
		f.reloadHistory(p)
	}
}

// reloadHistory re-reads the scoped history off the UI goroutine.
func (f *situationForm) reloadHistory(p app.Plan) {
	store := f.ps.u.store
	var h app.MonthlySeries
	var err error
	f.ps.u.background(func() {
		h, err = store.MonthlyRevenue(context.Background(), p.BusinessID, p.Scope)
	}, func() {
		if err != nil {
			f.ps.u.showError(err)
			return
		}
		f.ps.pd.History = h
		f.fillYears()
		f.chart.Invalidate()
		f.summary.reload()
		f.ps.refreshNav()
	})
}

// onCurrencyChanged changes the currency, asking first when amounts exist.
func (f *situationForm) onCurrencyChanged(code string) {
	p := f.ps.pd.Plan
	if code == p.Currency {
		return
	}
	ctx := context.Background()
	apply := func(confirmed bool) error {
		if err := f.ps.u.store.SetPlanCurrency(ctx, p.ID, code, confirmed); err != nil {
			return err
		}
		cur, err := app.LookupCurrency(code)
		if err != nil {
			return err
		}
		f.ps.pd.Plan.Currency, f.ps.pd.Currency = code, cur
		f.fillYears()
		f.chart.Invalidate()
		return nil
	}
	f.ps.u.saver.Flush()
	err := apply(false)
	if app.ErrorCode(err) == app.ErrConflict {
		dialog.ShowConfirm("Change the currency?", app.ErrorMessage(err)+" Change it anyway?", func(ok bool) {
			if !ok {
				f.currency.SetSelected(f.ps.pd.Plan.Currency)
				return
			}
			if err := apply(true); err != nil {
				f.ps.u.showError(err)
			}
		}, f.ps.u.win)
		return
	}
	if err != nil {
		f.ps.u.showError(err)
		f.currency.SetSelected(p.Currency)
	}
}
