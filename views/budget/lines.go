package budget

import (
	"context"
	"image"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/budget"
	"salesplan/charts"
	"salesplan/data"
	"salesplan/views"
)

// The choices of the page, in words.
const (
	toForecast = "Budget to the forecast"
	toTarget   = "Budget to the revenue target"
)

var spreadNames = []string{"Evenly", "By seasonality", "Per month"}

func spreadName(s string) string {
	switch s {
	case model.SpreadSeasonal:
		return spreadNames[1]
	case model.SpreadMonthly:
		return spreadNames[2]
	}
	return spreadNames[0]
}

func spreadOf(name string) string {
	switch name {
	case spreadNames[1]:
		return model.SpreadSeasonal
	case spreadNames[2]:
		return model.SpreadMonthly
	}
	return model.SpreadEven
}

func kindNames() []string {
	var out []string
	for _, k := range model.Kinds {
		out = append(out, model.KindLabel(k))
	}
	return out
}

func kindOf(label string) string {
	for _, k := range model.Kinds {
		if model.KindLabel(k) == label {
			return k
		}
	}
	return "other"
}

// budgetView is the budget part of the page: the settings, the expense
// lines, the monthly totals, the scenarios and the budget vs actual.
type budgetView struct {
	ps      *views.PlanScreen
	content *fyne.Container

	summary     *widget.Label
	problems    *widget.Label
	source      *widget.Select
	attainment  *widget.Entry
	margin      *widget.Entry
	attainmentF *views.Field
	marginF     *views.Field
	groupNames  []string
	groupE      []*widget.Entry
	groupF      []*views.Field
	creating    bool

	contributed *fyne.Container
	lines       *fyne.Container
	rows        []*lineRow
	lineCells   *cellGrid // the names and annual amounts of the typed lines
	addMsg      *widget.Label
	totals      *fyne.Container
	scenarios   *fyne.Container
	sv          *scenarioView
	actual      *fyne.Container
	av          *actualView
	chart       *views.ChartView
	reChart     *views.ChartView // revenue, margin and expenses per month
	scChart     *views.ChartView // contribution by scenario
	acChart     *views.ChartView // budget vs actual
}

// lineRow is the editor of one typed line.
type lineRow struct {
	id      string
	kind    *widget.Select
	name    *cellEntry // the lines' names and annual amounts form a grid
	annual  *cellEntry
	spread  *widget.Select
	months  []*cellEntry // the amounts per month, a grid of 6 columns
	monthsF []*views.Field
	nameF   *views.Field
	annualF *views.Field
	preview *widget.Label
	msg     *widget.Label
	box     *fyne.Container
	monthsC *fyne.Container
	del     *views.IconButton
}

func newBudgetView(ps *views.PlanScreen) *budgetView {
	v := &budgetView{ps: ps}
	pd := ps.Data()
	loc := pd.Locale
	s := model.Of(pd).Current()
	v.summary = views.WrappedLabel("")
	v.summary.TextStyle = fyne.TextStyle{Bold: true}
	v.problems = views.WrappedLabel("")
	v.source = widget.NewSelect([]string{toForecast, toTarget}, nil)
	if s.RevenueSource == model.FromTarget {
		v.source.SetSelected(toTarget)
	} else {
		v.source.SetSelected(toForecast)
	}
	v.source.OnChanged = func(string) { v.settingsChanged() }
	v.attainment = widget.NewEntry()
	v.attainment.SetText(loc.Number(float64(s.AttainmentBP)/100, 0) + " %")
	v.attainment.OnChanged = func(string) { v.settingsChanged() }
	v.margin = widget.NewEntry()
	v.margin.SetText(loc.Number(float64(s.MarginBP)/100, 1) + " %")
	v.margin.OnChanged = func(string) { v.settingsChanged() }
	v.attainmentF = views.NewField("Commissions at", v.attainment, "Attainment of quota, e.g. 100 %")
	v.marginF = views.NewField("Gross margin", v.margin, "Of revenue, for every group without its own, e.g. 35 %")
	settings := container.NewGridWithColumns(3, views.NewField("Revenue", v.source, "The forecast, or the target spread like it").Box,
		v.attainmentF.Box, v.marginF.Box)
	groups := container.NewGridWithColumns(4)
	for _, g := range model.FiguresOf(pd).Groups {
		e := widget.NewEntry()
		e.SetPlaceHolder("Default")
		if g.Own {
			e.SetText(loc.Number(float64(g.MarginBP)/100, 1) + " %")
		}
		e.OnChanged = func(string) { v.settingsChanged() }
		f := views.NewField(g.Name, e, "Gross margin; empty = the default")
		v.groupNames, v.groupE, v.groupF = append(v.groupNames, g.Name), append(v.groupE, e), append(v.groupF, f)
		groups.Add(f.Box)
	}

	v.contributed = container.NewVBox()
	v.lines = container.NewVBox()
	v.addMsg = views.NewProblemLabel()
	add := widget.NewButtonWithIcon("Add an expense line", theme.ContentAddIcon(), v.addLine)
	v.totals = container.NewVBox()
	v.scenarios = container.NewVBox()
	v.actual = container.NewVBox()
	cr := ps.Charts()
	v.chart = ps.NewChartView(fyne.NewSize(400, 220), nil)
	v.chart.SetSpec(func() views.DrawFunc {
		c := model.Chart(ps.Data())
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Bars(c)
		}
	})

	v.reChart = ps.NewMonthlyChartView(fyne.NewSize(400, 220), func() charts.MonthlyChart { return model.RevenueExpenseChart(ps.Data()) })
	v.acChart = ps.NewMonthlyChartView(fyne.NewSize(400, 220), func() charts.MonthlyChart { return model.ActualChart(ps.Data()) })
	v.scChart = ps.NewChartView(fyne.NewSize(400, 200), nil)
	v.scChart.SetSpec(func() views.DrawFunc {
		c := model.ScenarioChart(ps.Data())
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Bars(c)
		}
	})

	v.content = container.NewVBox(
		widget.NewCard("Budget", "Revenue, gross margin and sales expenses per month of the plan period",
			container.NewVBox(v.summary, v.problems, settings, groups)),
		widget.NewCard("Sales expenses", "Lines from other steps are read-only; type your own lines below",
			container.NewVBox(v.contributed, v.lines, v.addMsg, container.NewHBox(add))),
		widget.NewCard("Monthly budget", "Totals per month, quarter and the plan period", container.NewVBox(v.totals, v.chart, v.reChart,
			container.NewHBox(ps.SaveTableButton("budget")))),
		widget.NewCard("Scenarios", "Base, the forecast's 80 % range and your own scenarios side by side; choose one as the plan's budget",
			container.NewVBox(v.scenarios, v.scChart, v.newScenarioView())),
		widget.NewCard("Budget vs actual", "The actual sales of the plan months the history already holds", v.actual),
		widget.NewCard("Actual expenses", "Each line's actual expenses per month against its budget, the lines furthest off first", v.newActualView()),
	)
	v.buildLines()
	v.refresh()
	return v
}

// refresh redraws what the figures show.
func (v *budgetView) refresh() {
	pd := v.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	f := model.FiguresOf(pd)
	v.summary.SetText(model.Summary(pd))
	if len(f.Problems) > 0 {
		v.problems.SetText("⚠ " + strings.Join(f.Problems, " "))
		v.problems.Show()
	} else {
		v.problems.Hide()
	}
	// read-only lines with where they come from
	v.contributed.Objects = nil
	for _, l := range f.Lines {
		if l.Typed >= 0 {
			continue
		}
		step := l.Step
		title := views.Bold(l.Label + ": " + loc.Money(l.Total, cur))
		from := views.WrappedLabel("From " + l.Source + ".")
		from.SizeName = theme.SizeNameCaptionText
		st, _ := v.ps.Registry().Step(step)
		goTo := widget.NewButton("Go to step "+app.Itoa(st.Number), func() { v.ps.Show(step) })
		v.contributed.Add(container.NewBorder(nil, nil, nil, container.NewVBox(goTo), container.NewVBox(title, from)))
	}
	if len(v.contributed.Objects) == 0 {
		v.contributed.Add(views.WrappedLabel("No lines from other steps yet: initiatives and the incentive scheme (step 3) and S&OP decisions (step 4) add theirs here."))
	}
	v.contributed.Refresh()
	for _, r := range v.rows {
		for _, l := range f.Lines {
			if l.Key == r.id && l.Typed >= 0 {
				r.preview.SetText(previewText(loc, cur, f, l))
			}
		}
	}
	// monthly totals
	grid := container.NewGridWithColumns(6)
	for i, h := range []string{"Month", "Revenue", "Gross margin", "Expenses", "Contribution", "Cost of sales"} {
		grid.Add(header(h, i > 0))
	}
	m := func(x int64) string { return loc.Money(x, cur) }
	row := func(label string, r, g, e, c int64, bold bool) {
		cells := []string{label, m(r), m(g), m(e), m(c), loc.Percent(ratioOf(e, r))}
		for i, t := range cells {
			l := widget.NewLabel(t)
			if i > 0 {
				l.Alignment = fyne.TextAlignTrailing
			}
			l.TextStyle.Bold = bold
			grid.Add(l)
		}
	}
	for i, mo := range f.Months {
		row(loc.MonthName(mo), f.Revenue[i], f.Margin[i], f.Expenses[i], f.Contribution[i], false)
	}
	for _, q := range f.Quarters {
		row(model.PeriodLabel(loc, q), q.Revenue, q.Margin, q.Expenses, q.Contribution, true)
	}
	row("Plan period", f.Year.Revenue, f.Year.Margin, f.Year.Expenses, f.Year.Contribution, true)
	v.totals.Objects = []fyne.CanvasObject{grid}
	v.totals.Refresh()
	v.chart.Invalidate()
	v.reChart.Invalidate()
	v.scChart.Invalidate()
	v.acChart.Invalidate()
	// scenarios side by side
	h, rows := model.ScenarioRows(pd)
	sg := container.NewGridWithColumns(len(h))
	for i, t := range h {
		sg.Add(header(t, i > 0))
	}
	for _, r := range rows {
		for i, t := range r {
			l := widget.NewLabel(t)
			if i > 0 {
				l.Alignment = fyne.TextAlignTrailing
			}
			sg.Add(l)
		}
	}
	objs := []fyne.CanvasObject{sg}
	if len(h) > 4 { // more scenarios than fit the page's width scroll sideways
		objs[0] = v.ps.HScroll(sg)
	}
	for _, s := range f.Scenarios[1:] {
		l := views.WrappedLabel(s.Name + ": " + s.Basis + ".")
		l.SizeName = theme.SizeNameCaptionText
		objs = append(objs, l)
	}
	if len(f.Scenarios) < 3 || f.Scenarios[1].Key != model.ScenarioOptimistic {
		objs = append(objs, views.WrappedLabel("Optimistic and pessimistic scenarios need the forecast's range: they appear once the forecast is made from the history."))
	}
	v.scenarios.Objects = objs
	v.scenarios.Refresh()
	v.refreshChoice(f)
	// budget vs actual
	if ar := model.ActualRows(pd); len(ar) == 0 {
		v.actual.Objects = []fyne.CanvasObject{views.WrappedLabel("No actual sales in the plan period yet: import the history as the months pass, and each month's sales appear here next to the budget.")}
	} else {
		ag := container.NewGridWithColumns(5)
		for i, t := range []string{"Month", "Budget", "Actual", "Variance", "Variance %"} {
			ag.Add(header(t, i > 0))
		}
		for _, r := range ar {
			for i, t := range r {
				l := widget.NewLabel(t)
				if i > 0 {
					l.Alignment = fyne.TextAlignTrailing
				}
				ag.Add(l)
			}
		}
		v.actual.Objects = []fyne.CanvasObject{ag, v.acChart}
	}
	v.actual.Refresh()
	v.refreshActuals()
}

// header is a table header, right-aligned over a column of numbers.
func header(s string, numbers bool) *widget.Label {
	l := views.Bold(s)
	if numbers {
		l.Alignment = fyne.TextAlignTrailing
	}
	return l
}

func ratioOf(a, b int64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// previewText lists a typed line's months in short.
func previewText(loc app.Locale, cur app.Currency, f *model.Figures, l model.ExpenseLine) string {
	var parts []string
	for i, v := range l.Months {
		parts = append(parts, loc.MonthAbbr(f.Months[i].Month())+" "+loc.Money(v, cur))
	}
	return "Per month: " + strings.Join(parts, " · ") + " — plan period " + loc.Money(l.Total, cur) + "."
}

// settingsChanged reads the settings, checks and saves them.
func (v *budgetView) settingsChanged() {
	pd := v.ps.Data()
	loc := pd.Locale
	c := model.Of(pd)
	s := c.Current()
	s.PlanID = pd.Plan.ID
	s.RevenueSource = model.FromForecast
	if v.source.Selected == toTarget {
		s.RevenueSource = model.FromTarget
	}
	ok := true
	pct := func(e *widget.Entry, f *views.Field, what string, dst *int64) {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			f.SetError(app.Errorf(app.ErrInvalid, "Enter %s in percent, e.g. %s.", what, loc.Number(35, 0)+" %"))
			ok = false
			return
		}
		x, err := loc.ParseNumber(t)
		if err != nil {
			f.SetError(err)
			ok = false
			return
		}
		f.SetError(nil)
		*dst = int64(math.Round(x * 100))
	}
	pct(v.attainment, v.attainmentF, "the attainment", &s.AttainmentBP)
	pct(v.margin, v.marginF, "the gross margin", &s.MarginBP)
	s.GroupMargins = nil
	for i, e := range v.groupE {
		if strings.TrimSpace(e.Text) == "" {
			v.groupF[i].SetError(nil)
			continue
		}
		var bp int64
		pct(e, v.groupF[i], "the gross margin", &bp)
		s.GroupMargins = append(s.GroupMargins, model.GroupMargin{Group: v.groupNames[i], MarginBP: bp})
	}
	if !ok {
		return
	}
	for _, e := range s.Validate() {
		switch e.Field {
		case "attainment":
			v.attainmentF.SetError(app.Errorf(app.ErrInvalid, "%s", e.Message))
		case "margin":
			v.marginF.SetError(app.Errorf(app.ErrInvalid, "%s", e.Message))
		}
		for i, g := range v.groupNames {
			if e.Field == "margin:"+g {
				v.groupF[i].SetError(app.Errorf(app.ErrInvalid, "%s", e.Message))
			}
		}
		ok = false
	}
	if !ok {
		return
	}
	if c.Settings == nil {
		c.Settings = &s
	} else {
		*c.Settings = s
	}
	v.ps.Changed()
	v.refresh()
	v.saveSettings()
}

// saveSettings stores the settings: by autosave once the row exists, else
// inserted through the bridge first (edits meanwhile follow once its ID is
// known).
func (v *budgetView) saveSettings() {
	c := model.Of(v.ps.Data())
	row := *c.Settings
	if row.ID != "" {
		v.ps.Save("budget-settings", func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableSettings, &row) })
		return
	}
	if v.creating {
		return
	}
	v.creating = true
	v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableSettings, &row) }, func(err error) {
		v.creating = false
		if err != nil {
			v.ps.ShowError(err)
			return
		}
		c.Settings.ID = row.ID
		latest := *c.Settings
		v.ps.Save("budget-settings", func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableSettings, &latest) })
	})
}

// addLine inserts a new line and opens its editor.
func (v *budgetView) addLine() {
	pd := v.ps.Data()
	l := model.Line{PlanID: pd.Plan.ID, Kind: "other", Name: "New expense line", Spread: model.SpreadEven}
	v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableLines, &l) }, func(err error) {
		if err != nil {
			v.addMsg.SetText("⚠ The line could not be added: " + app.ErrorMessage(err))
			v.addMsg.Show()
			return
		}
		v.addMsg.Hide()
		c := model.Of(v.ps.Data())
		c.Lines = append(c.Lines, l)
		v.ps.Changed()
		v.buildLines()
		v.refresh()
		if n := len(v.rows); n > 0 {
			v.ps.Window().Canvas().Focus(v.rows[n-1].name)
		}
	})
}

func (v *budgetView) line(id string) *model.Line {
	c := model.Of(v.ps.Data())
	for i := range c.Lines {
		if c.Lines[i].ID == id {
			return &c.Lines[i]
		}
	}
	return nil
}

// buildLines makes an editor per typed line.
func (v *budgetView) buildLines() {
	c := model.Of(v.ps.Data())
	v.rows = nil
	v.lines.Objects = nil
	for _, l := range c.Lines {
		r := v.newRow(l, len(v.rows))
		v.rows = append(v.rows, r)
		v.lines.Add(r.box)
	}
	v.lines.Refresh()
	v.buildActuals()
}

func (v *budgetView) newRow(l model.Line, index int) *lineRow {
	pd := v.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	r := &lineRow{id: l.ID}
	r.kind = widget.NewSelect(kindNames(), nil)
	r.kind.SetSelected(model.KindLabel(l.Kind))
	if index == 0 {
		v.lineCells = newCellGrid(v.ps.Window())
	}
	r.name = v.lineCells.cell(index, 0)
	r.name.SetText(l.Name)
	r.annual = v.lineCells.cell(index, 1)
	r.annual.format = v.moneyText
	r.annual.SetPlaceHolder(loc.Money(120000000, cur))
	if l.Annual != 0 {
		r.annual.SetText(loc.Money(l.Annual, cur))
	}
	r.spread = widget.NewSelect(spreadNames, nil)
	r.spread.SetSelected(spreadName(l.Spread))
	r.preview = views.WrappedLabel("")
	r.preview.SizeName = theme.SizeNameCaptionText
	r.msg = views.NewProblemLabel()
	r.nameF = views.NewField("Line", r.name, "")
	r.annualF = views.NewField("Plan period", r.annual, "")
	r.monthsC = container.NewGridWithColumns(6)
	cells := newCellGrid(v.ps.Window())
	for i := 0; i < pd.Plan.Months; i++ {
		e := cells.cell(i/6, i%6)
		e.format = v.moneyText
		if i < len(l.Months) && l.Months[i] != 0 {
			e.SetText(loc.Money(l.Months[i], cur))
		}
		f := views.NewField(loc.MonthAbbr(pd.Plan.Start.Add(i).Month()), e, "")
		e.OnChanged = func(string) { v.lineChanged(r) }
		r.months, r.monthsF = append(r.months, e), append(r.monthsF, f)
		r.monthsC.Add(f.Box)
	}
	if l.Spread != model.SpreadMonthly {
		r.monthsC.Hide()
	} else {
		r.annual.Disable()
	}
	del := views.NewIconButton(theme.DeleteIcon(), "Delete this expense line", func() {
		cur := v.line(r.id)
		if cur == nil {
			return
		}
		v.ps.ConfirmDelete("Delete the expense line", cur.Name, model.TableLines, r.id, func() {
			c := model.Of(v.ps.Data())
			c.Lines = slices.DeleteFunc(c.Lines, func(l model.Line) bool { return l.ID == r.id })
			v.ps.Changed()
			v.buildLines()
			v.refresh()
		})
	})
	r.del = del
	r.kind.OnChanged = func(string) { v.lineChanged(r) }
	r.name.OnChanged = func(string) { v.lineChanged(r) }
	r.annual.OnChanged = func(string) { v.lineChanged(r) }
	r.spread.OnChanged = func(string) { v.spreadChanged(r) }
	grid := container.NewGridWithColumns(4, views.NewField("Kind", r.kind, "").Box, r.nameF.Box, r.annualF.Box,
		views.NewField("Spread", r.spread, "").Box)
	r.box = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(widget.NewLabel(""), del), grid), r.monthsC, r.preview, r.msg,
		widget.NewSeparator())
	return r
}

// spreadChanged switches a line between an annual amount and amounts per
// month, keeping the months it has (nothing typed is lost).
func (v *budgetView) spreadChanged(r *lineRow) {
	pd := v.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	sp := spreadOf(r.spread.Selected)
	if sp == model.SpreadMonthly {
		f := model.FiguresOf(pd)
		for _, l := range f.Lines {
			if l.Key == r.id {
				for i, e := range r.months {
					if i < len(l.Months) {
						e.OnChanged = nil
						e.SetText(loc.Money(l.Months[i], cur))
						e.OnChanged = func(string) { v.lineChanged(r) }
					}
				}
			}
		}
		r.annual.Disable()
		r.monthsC.Show()
	} else {
		r.annual.Enable()
		r.monthsC.Hide()
	}
	v.lineChanged(r)
}

// lineChanged reads a line's editor, checks and saves it.
func (v *budgetView) lineChanged(r *lineRow) {
	pd := v.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	cur0 := v.line(r.id)
	if cur0 == nil {
		return
	}
	l := *cur0
	l.Kind, l.Name, l.Spread = kindOf(r.kind.Selected), r.name.Text, spreadOf(r.spread.Selected)
	var problems []string
	money := func(e *widget.Entry, f *views.Field) (int64, bool) {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			f.SetError(nil)
			return 0, true
		}
		x, err := loc.ParseMoney(t, cur)
		if err != nil {
			f.SetError(err)
			return 0, false
		}
		switch {
		case x < 0:
			f.SetError(app.Errorf(app.ErrInvalid, "An expense cannot be negative; enter 0 or more."))
			return 0, false
		case x > model.MaxAmount:
			f.SetError(app.Errorf(app.ErrInvalid, "This amount is too large for a sales budget; check the number of digits."))
			return 0, false
		}
		f.SetError(nil)
		return x, true
	}
	ok := true
	if l.Spread == model.SpreadMonthly {
		l.Months = make([]int64, len(r.months))
		for i, e := range r.months {
			x, good := money(&e.Entry, r.monthsF[i])
			ok = ok && good
			l.Months[i] = x
		}
		r.annualF.SetError(nil)
	} else {
		x, good := money(&r.annual.Entry, r.annualF)
		ok = ok && good
		l.Annual = x
	}
	if strings.TrimSpace(l.Name) == "" {
		r.nameF.SetError(app.Errorf(app.ErrInvalid, "Name the expense line, e.g. “Trade fairs”."))
		ok = false
	} else {
		r.nameF.SetError(nil)
	}
	if !ok {
		r.msg.Hide()
		return
	}
	l.Clean()
	if !views.ShowProblems(r.msg, problems, l.Validate()) {
		return
	}
	if l.Spread == model.SpreadMonthly {
		r.annual.OnChanged = nil
		r.annual.SetText(loc.Money(l.Annual, cur))
		r.annual.OnChanged = func(string) { v.lineChanged(r) }
	}
	*cur0 = l
	v.ps.Changed()
	v.refresh()
	row := l
	v.ps.Save("budget-line:"+l.ID, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableLines, &row) })
}
