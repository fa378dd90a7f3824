package situation

import (
	model "salesplan/app/situation"
	"salesplan/data"

	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/charts"
	"salesplan/views"
)

// situationForm is step 1: the scope of the plan and the history summary.
type situationForm struct {
	ps *views.PlanScreen

	title, start, months, author *widget.Entry
	products, markets            *widget.Entry
	currency                     *widget.Select
	groups, regions              *widget.CheckGroup
	allGroups, allRegions        *widget.Check // "All product groups": the scope takes every one
	fields                       map[string]*views.Field
	chart                        *views.ChartView
	years                        *fyne.Container
	summary                      *summaryView
	swot                         *swotView
	process                      *processView
	locale                       *widget.Select
	content                      fyne.CanvasObject
}

// Page is step 1's page.
func Page(ps *views.PlanScreen) fyne.CanvasObject { return newForm(ps).content }

// newForm builds step 1's page.
func newForm(ps *views.PlanScreen) *situationForm {
	f := &situationForm{ps: ps, fields: map[string]*views.Field{}}
	p := ps.Data().Plan
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

	f.currency = widget.NewSelect(views.CurrencyCodes(), nil)
	f.currency.SetSelected(p.Currency)
	f.currency.OnChanged = f.onCurrencyChanged
	f.locale = newLocaleSelect(ps)

	f.groups = widget.NewCheckGroup(nil, nil)
	f.regions = widget.NewCheckGroup(nil, nil)
	f.allGroups = widget.NewCheck("All product groups", nil)
	f.allRegions = widget.NewCheck("All regions", nil)

	add := func(key, label string, w fyne.CanvasObject, help string) fyne.CanvasObject {
		fl := views.NewField(label, w, help)
		f.fields[key] = fl
		return fl.Box
	}
	period := container.NewGridWithColumns(3,
		add("start", "First month", f.start, "YYYY-MM"),
		add("months", "Months", f.months, "1 to 60; usually 12"),
		add("currency", "Currency", f.currency, ""),
	)
	biz := widget.NewLabel(ps.Data().Business.Name)
	scopeBox := container.NewVBox()
	var groups, regions []string
	ps.Do(func(ctx context.Context, s *data.DB) error {
		var err error
		groups, regions, err = s.ScopeOptions(ctx, p.BusinessID)
		return err
	}, func(err error) {
		if err != nil {
			ps.ShowError(err)
			return
		}
		f.fillScope(scopeBox, groups, regions, add)
	})

	f.chart = ps.NewMonthlyChartView(fyne.NewSize(400, 260), func() charts.MonthlyChart {
		return app.HistoryChart(f.ps.Data(), "Revenue per month (within the scope)")
	})
	f.years = container.NewVBox()
	f.fillYears()
	f.summary = newSummaryView(ps)

	scopeCard := widget.NewCard("Scope", "What this plan covers", container.NewVBox(
		add("title", "Plan name", f.title, ""),
		views.NewField("Business", biz, "").Box,
		add("products", "Products and services", ps.GrowingEntry(f.products, 3), ""),
		add("markets", "Regions and markets", ps.GrowingEntry(f.markets, 3), ""),
		period,
		add("author", "Author", f.author, ""),
		add("locale", "Numbers and dates", f.locale, "How this plan writes numbers, amounts and dates, on screen and in the PDF"),
		scopeBox,
	))
	f.swot = newSWOTView(ps)
	swotCard := widget.NewCard("SWOT analysis", "Strengths and weaknesses inside the business; opportunities and threats outside it. Rate each by its impact on sales.",
		container.NewVBox(f.swot.box, container.NewHBox(ps.SaveTableButton("swot"))))
	f.process = newProcessView(ps)
	processCard := widget.NewCard("Sales process", "The stages a deal goes through, how many reach each stage and how long it takes. The weakest step is flagged.",
		container.NewVBox(f.process.box, container.NewHBox(ps.SaveTableButton("process"))))
	historyCard := widget.NewCard("Sales history", "Where sales stand today", container.NewVBox(
		container.NewHBox(ps.ImportButton("Import sales history…"), ps.SaveTableButton("history")), f.chart, f.years, f.summary.box))
	index := ps.SectionIndex(
		views.Section{Title: "Scope", Content: scopeCard},
		views.Section{Title: "SWOT", Content: swotCard},
		views.Section{Title: "Sales process", Content: processCard},
		views.Section{Title: "Sales history", Content: historyCard},
	)
	f.content = container.NewVBox(index, scopeCard, swotCard, processCard, historyCard)
	return f
}

// fillScope offers the product groups and regions of the history.
func (f *situationForm) fillScope(box *fyne.Container, groups, regions []string, add func(key, label string, w fyne.CanvasObject, help string) fyne.CanvasObject) {
	p := f.ps.Data().Plan
	box.RemoveAll()
	if len(groups)+len(regions) == 0 {
		box.Add(views.WrappedLabel("Product groups and regions appear here once the business has sales history."))
		return
	}
	scopeChoice(f.allGroups, f.groups, groups, p.Scope.ProductGroups, f.onChanged)
	scopeChoice(f.allRegions, f.regions, regions, p.Scope.Regions, f.onChanged)
	box.Add(add("groups", "Product groups covered", container.NewVBox(f.allGroups, f.groups), "Untick “All” to choose some."))
	box.Add(add("regions", "Regions covered", container.NewVBox(f.allRegions, f.regions), "Untick “All” to choose some."))
}

// scopeChoice sets up an explicit "All …" box over the check boxes of the
// options: ticked, the plan covers every option (and the list is
// disabled); unticked, the user ticks the ones it covers.
func scopeChoice(all *widget.Check, list *widget.CheckGroup, options, selected []string, changed func()) {
	list.Options = options
	list.Horizontal = views.FitsOnOneLine(options)
	list.SetSelected(selected)
	all.SetChecked(len(selected) == 0)
	if all.Checked {
		list.Disable()
	}
	list.OnChanged = func([]string) { changed() }
	all.OnChanged = func(on bool) {
		if on {
			list.OnChanged = nil
			list.SetSelected(nil)
			list.OnChanged = func([]string) { changed() }
			list.Disable()
		} else {
			list.Enable()
		}
		changed()
	}
}

// fillYears writes the revenue per year with growth.
func (f *situationForm) fillYears() {
	pd := f.ps.Data()
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
	for _, y := range model.FiguresOf(pd).Years {
		label := strconv.Itoa(y.Year)
		if y.Months < 12 {
			label += " (" + app.Count(y.Months, "month", "months") + ")"
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
	p := f.ps.Data().Plan
	ok := true
	check := func(key string, err error) {
		if fl := f.fields[key]; fl != nil {
			fl.SetError(views.UIErr(err))
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
	p.Scope.ProductGroups, p.Scope.Regions = nil, nil
	if !f.allGroups.Checked {
		p.Scope.ProductGroups = append([]string(nil), f.groups.Selected...)
	}
	if !f.allRegions.Checked {
		p.Scope.Regions = append([]string(nil), f.regions.Selected...)
	}
	none := func(all *widget.Check, list *widget.CheckGroup, what string) error {
		if !all.Checked && len(list.Options) > 0 && len(list.Selected) == 0 {
			return app.Errorf(app.ErrInvalid, "Tick at least one %s, or tick “All”.", what)
		}
		return nil
	}
	check("groups", none(f.allGroups, f.groups, "product group"))
	check("regions", none(f.allRegions, f.regions, "region"))
	return p, ok
}

// onChanged validates, updates the screen and schedules the save.
func (f *situationForm) onChanged() {
	p, ok := f.read()
	if !ok {
		return
	}
	old := f.ps.Data().Plan.Scope
	scopeChanged := strings.Join(p.Scope.ProductGroups, "\x00") != strings.Join(old.ProductGroups, "\x00") ||
		strings.Join(p.Scope.Regions, "\x00") != strings.Join(old.Regions, "\x00")
	f.ps.Data().Plan = p
	f.ps.Changed()
	f.ps.Save("plan", func(ctx context.Context, s *data.DB) error {
		_, err := s.UpdatePlan(ctx, p)
		return err
	})
	if scopeChanged {
		f.reloadHistory(p)
	}
}

// reloadHistory re-reads the scoped history off the UI goroutine.
func (f *situationForm) reloadHistory(p app.Plan) {
	var h app.MonthlySeries
	f.ps.Do(func(ctx context.Context, s *data.DB) error {
		var err error
		h, err = s.MonthlyRevenue(ctx, p.BusinessID, p.Scope)
		return err
	}, func(err error) {
		if err != nil {
			f.ps.ShowError(err)
			return
		}
		pd := f.ps.Data()
		pd.History, pd.Forecast, pd.Summary = h, nil, nil
		f.ps.Changed()
		f.fillYears()
		f.chart.Invalidate()
		f.summary.reload()
	})
}

// onCurrencyChanged changes the currency, asking first when amounts exist.
func (f *situationForm) onCurrencyChanged(code string) {
	p := f.ps.Data().Plan
	if code == p.Currency {
		return
	}
	cur, err := app.LookupCurrency(code)
	if err != nil {
		f.ps.ShowError(err)
		f.currency.SetSelected(p.Currency)
		return
	}
	// apply changes the currency in the store, then on the page; a refusal
	// that needs confirmation asks first.
	var apply func(confirmed bool)
	apply = func(confirmed bool) {
		f.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SetPlanCurrency(ctx, p.ID, code, confirmed) }, func(err error) {
			switch {
			case err == nil:
				pd := f.ps.Data()
				pd.Plan.Currency, pd.Currency = code, cur
				f.ps.Changed()
				f.fillYears()
				f.chart.Invalidate()
			case app.ErrorCode(err) == app.ErrConflict && !confirmed:
				dialog.ShowConfirm("Change the currency?", app.ErrorMessage(err)+" Change it anyway?", func(ok bool) {
					if ok {
						apply(true)
					} else {
						f.currency.SetSelected(f.ps.Data().Plan.Currency)
					}
				}, f.ps.Window())
			default:
				f.ps.ShowError(err)
				f.currency.SetSelected(f.ps.Data().Plan.Currency)
			}
		})
	}
	apply(false)
}

// newLocaleSelect offers the locales a plan can be written in, with an
// example of each; choosing one saves it with the plan and shows the plan
// again in it.
func newLocaleSelect(ps *views.PlanScreen) *widget.Select {
	pd := ps.Data()
	var labels []string
	tags := map[string]string{}
	current := ""
	for _, l := range app.Locales() {
		label := l.Example(pd.Currency)
		labels = append(labels, label)
		tags[label] = l.Tag
		if l.Tag == pd.Locale.Tag {
			current = label
		}
	}
	sel := widget.NewSelect(labels, nil)
	sel.SetSelected(current)
	sel.OnChanged = func(label string) {
		tag := tags[label]
		if tag == "" || tag == ps.Data().Plan.Locale {
			return
		}
		p := ps.Data().Plan
		p.Locale = tag
		ps.Do(func(ctx context.Context, s *data.DB) error { _, err := s.UpdatePlan(ctx, p); return err }, func(err error) {
			if err != nil {
				ps.ShowError(err)
				return
			}
			ps.Reload() // every number and date of the page in the new locale
		})
	}
	return sel
}
