// Package sop is the page of step 4: the demand and capacity grid per
// product group, the gaps with a decision for each, the gap chart and the
// record of the S&OP meeting.
package sop

import (
	"context"
	"fmt"
	"image"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/app/objectives"
	model "salesplan/app/sop"
	"salesplan/data"
	"salesplan/views"
)

// Page is step 4.
func Page(ps *views.PlanScreen) fyne.CanvasObject { return newView(ps).content }

// view holds the widgets of the S&OP page.
type view struct {
	ps      *views.PlanScreen
	content fyne.CanvasObject

	summary  *widget.Label
	group    *widget.Select
	groupBox *fyne.Container
	grid     *fyne.Container
	gridMsg  *widget.Label
	rows     []*cellRow
	chart    *views.ChartView
	gaps     *fyne.Container
	meeting  *fyne.Container

	// group settings of the selected group
	price, hours, dept *widget.Entry
	unit               *widget.Select
	groupMsg           *widget.Label // what is wrong with the values typed
	groupNote          *widget.Label // what keeps the group from being compared

	forms map[string]*decisionForm // by gapKey

	// the meeting record
	mDate, mBy *widget.Entry
	mState     *widget.RadioGroup
	mMsg       *widget.Label
	mAdd       *widget.Button
	mRows      func() []*meetingRow

	newGroup *widget.Entry
	addGroup *widget.Button

	// rows being created in the store: their first save runs through the
	// bridge, later edits wait for its ID
	creating map[string]bool
}

// cellRow is one month of the selected group in the grid.
type cellRow struct {
	month    app.Month
	demand   *widget.Entry
	source   *widget.Label
	reset    *views.IconButton
	capacity *widget.Entry
	result   *widget.Label
}

func newView(ps *views.PlanScreen) *view {
	v := &view{ps: ps, creating: map[string]bool{}}
	v.summary = views.WrappedLabel("")
	v.groupBox = container.NewVBox()
	v.grid = container.NewVBox()
	v.gridMsg = views.NewProblemLabel()
	v.group = widget.NewSelect(nil, func(string) { v.buildGroup() })
	cr := ps.Charts()
	v.chart = ps.NewChartView(fyne.NewSize(400, 220), nil)
	v.chart.SetSpec(func() views.DrawFunc {
		c := model.GapChart(ps.Data())
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Bars(c)
		}
	})
	v.gaps = container.NewVBox()
	v.meeting = container.NewVBox()
	v.newGroup = widget.NewEntry()
	v.newGroup.SetPlaceHolder("New product group, e.g. Grinders")
	addMsg := views.NewProblemLabel()
	v.addGroup = widget.NewButtonWithIcon("Add group", theme.ContentAddIcon(), func() { v.startGroup(addMsg) })
	demandCard := widget.NewCard("Demand and capacity", "Demand per month in revenue and units at the group's average price; capacity as operations state it",
		container.NewVBox(v.summary, container.NewGridWithColumns(2, views.NewField("Product group", v.group, "").Box,
			views.NewField("Or add one", container.NewBorder(nil, nil, nil, v.addGroup, v.newGroup), "A group without history: type its demand").Box),
			addMsg, v.groupBox, v.grid, v.gridMsg, v.chart, container.NewHBox(ps.SaveTableButton("sop"))))
	gapCard := widget.NewCard("Gaps and decisions", "Every shortfall needs a decision: more capacity, a lower target or demand moved to another month", v.gaps)
	meetCard := widget.NewCard("S&OP meeting", "Who agreed the plan, when, and whether it is signed off", v.meeting)
	v.content = container.NewVBox(demandCard, gapCard, meetCard)
	v.buildMeeting()
	v.buildAll()
	if pd := ps.Data(); pd.Forecast == nil && len(pd.History.Values) > 0 {
		ps.LoadForecast(func(err error) {
			if err != nil {
				v.summary.SetText(v.summary.Text + " The forecast could not be made (" + app.ErrorMessage(err) + "), so the demand follows last year's sales.")
				return
			}
			v.refresh()
		})
	}
	return v
}

// buildAll fills the group selector and everything that depends on it.
func (v *view) buildAll() {
	names := model.GroupNames(v.ps.Data())
	v.group.Options = names
	if len(names) == 0 {
		v.group.ClearSelected()
		v.summary.SetText("No product groups yet. Import sales history with product groups, or set the plan's product groups on step 1; " +
			"then enter demand and capacity here.")
		v.groupBox.RemoveAll()
		v.grid.RemoveAll()
		v.refreshGaps()
		return
	}
	sel := v.group.Selected
	found := false
	for _, n := range names {
		found = found || n == sel
	}
	if !found {
		v.group.SetSelected(names[0]) // builds the group
	} else {
		v.buildGroup()
	}
	v.group.Refresh()
}

// startGroup stores a new product group and selects it.
func (v *view) startGroup(msg *widget.Label) {
	ps := v.ps
	pd := ps.Data()
	name := strings.TrimSpace(v.newGroup.Text)
	var problems []string
	for _, n := range model.GroupNames(pd) {
		if strings.EqualFold(n, name) {
			problems = append(problems, "There is a group “"+n+"” already; choose it in the list.")
		}
	}
	g := model.Group{PlanID: pd.Plan.ID, Name: name, Unit: model.UnitUnits}
	if !views.ShowProblems(msg, problems, g.Validate()) {
		return
	}
	ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableGroups, &g) }, func(err error) {
		if err != nil {
			ps.ShowError(err)
			return
		}
		c := model.Of(ps.Data())
		c.Groups = append(c.Groups, g)
		ps.Changed()
		v.newGroup.SetText("")
		v.buildAll()
		v.group.SetSelected(g.Name)
	})
}

// groupIndex returns the selected group's index in the figures.
func (v *view) groupIndex() int {
	for i, g := range model.FiguresOf(v.ps.Data()).Groups {
		if g.Name == v.group.Selected {
			return i
		}
	}
	return -1
}

// buildGroup draws the settings and the grid of the selected group.
func (v *view) buildGroup() {
	pd := v.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	name := v.group.Selected
	v.groupBox.RemoveAll()
	v.grid.RemoveAll()
	v.rows = nil
	if name == "" {
		return
	}
	g := model.Group{Name: name, Unit: model.UnitUnits}
	if s := model.Of(pd).Group(name); s != nil {
		g = *s
	}
	v.price, v.hours, v.dept = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	if g.Price != nil {
		v.price.SetText(loc.Money(*g.Price, cur))
	}
	v.price.SetPlaceHolder("e.g. " + loc.Money(45000, cur))
	priceHelp := "Per unit, turns revenue into units"
	if p := model.Of(pd).HistoryPrice[name]; p > 0 {
		v.price.SetPlaceHolder(loc.Money(p, cur))
		priceHelp = "Empty: " + loc.Money(p, cur) + " from the history"
	}
	if g.HoursPerUnit > 0 {
		v.hours.SetText(loc.Number(float64(g.HoursPerUnit)/100, 2))
	}
	v.hours.SetPlaceHolder("e.g. 1.5")
	v.dept.SetText(g.Department)
	v.dept.SetPlaceHolder("e.g. Workshop")
	v.unit = widget.NewSelect([]string{"Units", "Hours"}, nil)
	if g.Unit == model.UnitHours {
		v.unit.SetSelected("Hours")
	} else {
		v.unit.SetSelected("Units")
		v.hours.Disable()
	}
	v.groupMsg = views.NewProblemLabel()
	v.groupNote = views.NewProblemLabel()
	for _, e := range []*widget.Entry{v.price, v.hours, v.dept} {
		e.OnChanged = func(string) { v.groupChanged() }
	}
	v.unit.OnChanged = func(string) { v.groupChanged() }
	v.groupBox.Objects = []fyne.CanvasObject{
		container.NewGridWithColumns(4,
			views.NewField("Average price", v.price, priceHelp).Box,
			views.NewField("Capacity in", v.unit, "How operations state it").Box,
			views.NewField("Hours per unit", v.hours, "With capacity in hours").Box,
			views.NewField("Department", v.dept, "Responsible for capacity").Box),
		v.groupMsg, v.groupNote,
	}
	v.groupBox.Refresh()
	v.grid.Add(container.NewGridWithColumns(5, views.Bold("Month"), views.Bold("Demand"), views.Bold("From"), views.Bold("Capacity"),
		views.Bold("Demand / capacity")))
	for _, m := range model.FiguresOf(pd).Months {
		r := &cellRow{month: m, demand: widget.NewEntry(), capacity: widget.NewEntry(), source: widget.NewLabel(""), result: widget.NewLabel("")}
		r.source.Truncation = fyne.TextTruncateEllipsis
		r.result.Truncation = fyne.TextTruncateEllipsis
		if c := model.Of(pd).Cell(name, m); c != nil {
			if c.Demand != nil {
				r.demand.SetText(loc.Money(*c.Demand, cur))
			}
			if c.Capacity != nil {
				r.capacity.SetText(strconv.FormatInt(*c.Capacity, 10))
			}
		}
		r.reset = views.NewIconButton(theme.ContentUndoIcon(), "Use the forecast again (clear the typed demand)", func() { r.demand.SetText("") })
		r.demand.OnChanged = func(string) { v.cellChanged(r) }
		r.capacity.OnChanged = func(string) { v.cellChanged(r) }
		v.rows = append(v.rows, r)
		v.grid.Add(container.NewGridWithColumns(5, widget.NewLabel(loc.MonthName(m)), r.demand,
			container.NewBorder(nil, nil, nil, r.reset, r.source), r.capacity, r.result))
	}
	v.grid.Refresh()
	v.refresh()
}

// refresh redraws what the figures say: the summary, the derived demand,
// the sources, the results, the gaps and the chart (not what is typed).
func (v *view) refresh() {
	pd := v.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	f := model.FiguresOf(pd)
	s := ""
	if f.Target.Amount > 0 {
		s = "The plan's demand adds up to " + loc.Money(f.DemandTotal, cur) + "; the target is " + loc.Money(f.Target.Amount, cur) + " (" + f.Target.Source + "). "
	}
	s += "The forecast part comes from " + f.ForecastSource + "."
	if f.UpliftTotal > 0 {
		s += " The target needs " + loc.Money(f.UpliftTotal, cur) + " above the forecast, spread by the seasonality."
	} else if f.UpliftTotal < 0 {
		s += " The target lies " + loc.Money(-f.UpliftTotal, cur) + " below the forecast, taken off in proportion."
	}
	for _, p := range f.Problems {
		s += " " + p
	}
	v.summary.SetText(s)
	gi := v.groupIndex()
	if gi >= 0 && v.groupNote != nil {
		if p := f.Groups[gi].Problem; p != "" {
			v.groupNote.SetText("⚠ " + p)
			v.groupNote.Show()
		} else {
			v.groupNote.Hide()
		}
	}
	for mi, r := range v.rows {
		if gi < 0 || mi >= len(f.Cells[gi]) {
			continue
		}
		cf := f.Cells[gi][mi]
		derived := cf.Forecast + cf.Uplift
		r.demand.SetPlaceHolder(loc.Money(derived, cur))
		r.source.SetText(SourceText(cf))
		if cf.Source == "typed" {
			r.reset.Enable()
		} else {
			r.reset.Disable()
		}
		unit := "units"
		if f.Groups[gi].Unit == model.UnitHours {
			unit = "hours"
		}
		r.capacity.SetPlaceHolder(unit)
		r.result.SetText(model.CellText(loc, cf))
		r.result.Importance = widget.MediumImportance
		if cf.State == "shortfall" {
			r.result.Importance = widget.DangerImportance
		}
		r.result.Refresh()
	}
	v.refreshGaps()
	v.chart.Invalidate()
}

// SourceText names where a cell's demand came from: the forecast, raised
// to the target ("With uplift") or scaled down to it, typed, or nothing.
func SourceText(cf model.CellFigures) string {
	switch cf.Source {
	case "typed":
		return "Typed"
	case "forecast":
		return "Forecast"
	case "forecast+uplift":
		if cf.Uplift < 0 {
			return "Scaled to target"
		}
		return "With uplift"
	}
	return "Type it"
}

// groupChanged reads the group settings, checks and saves them.
func (v *view) groupChanged() {
	pd := v.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	name := v.group.Selected
	c := model.Of(pd)
	g := model.Group{PlanID: pd.Plan.ID, Name: name}
	if s := c.Group(name); s != nil {
		g = *s
	}
	var problems []string
	g.Price = nil
	if t := strings.TrimSpace(v.price.Text); t != "" {
		if p, err := loc.ParseMoney(t, cur); err != nil {
			problems = append(problems, "Average price: "+app.ErrorMessage(err))
		} else {
			g.Price = &p
		}
	}
	g.Unit = model.UnitUnits
	if v.unit.Selected == "Hours" {
		g.Unit = model.UnitHours
		v.hours.Enable()
	} else {
		v.hours.Disable()
	}
	g.HoursPerUnit = 0
	if t := strings.TrimSpace(v.hours.Text); t != "" {
		if h, err := loc.ParseNumber(t); err != nil {
			problems = append(problems, "Hours per unit: "+app.ErrorMessage(err))
		} else {
			g.HoursPerUnit = int64(math.Round(h * 100))
		}
	}
	g.Department = v.dept.Text
	if !views.ShowProblems(v.groupMsg, problems, g.Validate()) {
		return
	}
	if s := c.Group(name); s != nil {
		*s = g
	} else {
		c.Groups = append(c.Groups, g)
	}
	v.ps.Changed()
	v.refresh()
	key := "sop-group:" + name
	v.persist(key, model.TableGroups, func() (any, *string) {
		s := c.Group(name)
		if s == nil {
			return nil, nil
		}
		cp := *s
		return &cp, &s.ID
	})
}

// cellChanged reads a month's demand and capacity, checks and saves them.
func (v *view) cellChanged(r *cellRow) {
	pd := v.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	name := v.group.Selected
	c := model.Of(pd)
	cell := model.Cell{PlanID: pd.Plan.ID, Group: name, Month: r.month}
	if s := c.Cell(name, r.month); s != nil {
		cell = *s
	}
	var problems []string
	month := loc.MonthName(r.month) + ": "
	cell.Demand = nil
	if t := strings.TrimSpace(r.demand.Text); t != "" {
		if d, err := loc.ParseMoney(t, cur); err != nil {
			problems = append(problems, month+"Demand: "+app.ErrorMessage(err))
		} else {
			cell.Demand = &d
		}
	}
	cell.Capacity = nil
	if t := strings.TrimSpace(r.capacity.Text); t != "" {
		if n, err := strconv.ParseInt(strings.ReplaceAll(t, ",", ""), 10, 64); err != nil {
			problems = append(problems, month+"Capacity: enter a whole number of "+strings.ToLower(v.unit.Selected)+", e.g. 120.")
		} else {
			cell.Capacity = &n
		}
	}
	var invalid []app.FieldError
	for _, e := range cell.Validate() {
		invalid = append(invalid, app.FieldError{Field: e.Field, Message: month + e.Message})
	}
	if !views.ShowProblems(v.gridMsg, problems, invalid) {
		return
	}
	if s := c.Cell(name, r.month); s != nil {
		*s = cell
	} else {
		c.Cells = append(c.Cells, cell)
	}
	v.ps.Changed()
	v.refresh()
	m := r.month
	v.persist("sop-cell:"+name+"|"+m.String(), model.TableCells, func() (any, *string) {
		s := c.Cell(name, m)
		if s == nil {
			return nil, nil
		}
		cp := *s
		return &cp, &s.ID
	})
}

// persist saves the row current returns (a copy, and where its ID lives
// in the content): by autosave when the row is stored already, else by
// inserting it through the bridge first; edits made meanwhile are saved
// once its ID is known.
func (v *view) persist(key, table string, current func() (any, *string)) {
	row, id := current()
	if row == nil {
		return
	}
	ps := v.ps
	if *id != "" {
		ps.Save(key, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, table, row) })
		return
	}
	if v.creating[key] {
		return
	}
	v.creating[key] = true
	ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, table, row) }, func(err error) {
		delete(v.creating, key)
		if err != nil {
			ps.ShowError(err)
			return
		}
		newID := rowID(row)
		_, id := current()
		if id == nil {
			return
		}
		*id = newID
		latest, _ := current()
		ps.Save(key, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, table, latest) })
	})
}

func rowID(row any) string {
	switch r := row.(type) {
	case *model.Group:
		return r.ID
	case *model.Cell:
		return r.ID
	}
	return ""
}

// refreshGaps lists the gaps with their decisions and a form for each.
func (v *view) refreshGaps() {
	f := model.FiguresOf(v.ps.Data())
	v.gaps.RemoveAll()
	v.forms = map[string]*decisionForm{}
	if len(f.Gaps) == 0 {
		msg := "No shortfalls: where demand and capacity are both known, capacity covers the demand."
		known := false
		for gi := range f.Cells {
			for _, cf := range f.Cells[gi] {
				known = known || cf.Known
			}
		}
		if !known {
			msg = "Enter the capacity of a group (and its average price) to see where demand and capacity do not match."
		}
		v.gaps.Add(views.WrappedLabel(msg))
	}
	for gi := range f.Gaps {
		v.gaps.Add(v.gapBox(f.Gaps[gi]))
	}
	var idle []string
	for gi := range f.Cells {
		n := 0
		for _, cf := range f.Cells[gi] {
			if cf.State == "idle" {
				n++
			}
		}
		if n > 0 {
			idle = append(idle, f.Groups[gi].Name+" in "+strconv.Itoa(n)+" months")
		}
	}
	if len(idle) > 0 {
		v.gaps.Add(views.WrappedLabel("Idle capacity — more than a fifth unused, marked “idle” in the grid: " + strings.Join(idle, ", ") +
			". Demand can be shifted into these months."))
	}
	v.gaps.Refresh()
}

// gapBox shows one gap, its decisions and the form for a new decision.
func (v *view) gapBox(g model.Gap) fyne.CanvasObject {
	ps := v.ps
	pd := ps.Data()
	loc, cur := pd.Locale, pd.Currency
	c := model.Of(pd)
	mark := "⚠ Open: "
	if g.Decided() {
		mark = "✓ Decided: "
	}
	head := views.WrappedLabel(fmt.Sprintf("%s%s in %s is %s units short (%s); %s left after the decisions.", mark, g.Group, loc.MonthName(g.Month),
		loc.Int(g.Short), loc.Money(g.Revenue, cur), loc.Int(g.Remaining)))
	head.TextStyle.Bold = true
	box := container.NewVBox(head)
	for _, di := range g.Decisions {
		d := c.Decisions[di]
		text := d.Kind.Label() + ": " + model.DescribeDecision(pd, d)
		if d.DecidedBy != "" || d.DecidedOn != "" {
			text += " Decided by " + app.OrDash(d.DecidedBy) + " on " + app.OrDash(d.DecidedOn) + "."
		}
		if d.Note != "" {
			text += " " + d.Note
		}
		id := d.ID
		del := views.NewIconButton(theme.DeleteIcon(), "Delete this decision", func() {
			what := d.Kind.Label() + " for " + d.Group + " in " + loc.MonthName(d.Month)
			if d.Kind == model.LowerTarget {
				what += " (the revenue target stays as it is now; change it on step 2)"
			}
			ps.ConfirmDelete("Delete this decision?", what, model.TableDecisions, id, func() {
				for i := range c.Decisions {
					if c.Decisions[i].ID == id {
						c.Decisions = append(c.Decisions[:i:i], c.Decisions[i+1:]...)
						break
					}
				}
				ps.Changed()
				v.refresh()
			})
		})
		box.Add(container.NewBorder(nil, nil, nil, del, views.WrappedLabel(text)))
	}
	form := v.decisionForm(g)
	if g.Decided() && g.Remaining == 0 {
		form.Hide()
		var more *widget.Button
		more = widget.NewButtonWithIcon("Add another decision", theme.ContentAddIcon(), func() {
			more.Hide()
			form.Show()
		})
		box.Add(container.NewHBox(more))
	}
	box.Add(form)
	return widget.NewCard("", "", box)
}

// decisionForm is the form that records a decision about one gap.
type decisionForm struct {
	kind, to                     *widget.Select
	units, cost, cut, by, on, nt *widget.Entry
	msg                          *widget.Label
	record                       *widget.Button
}

// gapKey names a gap's form.
func gapKey(group string, m app.Month) string { return group + "|" + m.String() }

// decisionForm builds the form that records a decision about gap g.
func (v *view) decisionForm(g model.Gap) fyne.CanvasObject {
	ps := v.ps
	pd := ps.Data()
	loc, cur := pd.Locale, pd.Currency
	short := max(g.Short, g.Remaining)
	kinds := []model.DecisionKind{model.RaiseCapacity, model.LowerTarget, model.ShiftDemand}
	var labels []string
	for _, k := range kinds {
		labels = append(labels, k.Label())
	}
	kind := widget.NewSelect(labels, nil)
	units, cost, cut, by, on, note := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	units.SetText(strconv.FormatInt(short, 10))
	cost.SetPlaceHolder(loc.Money(0, cur))
	cut.SetText(loc.Money(g.Revenue, cur))
	by.SetPlaceHolder("Who decided")
	on.SetText(ps.Now().Format("2006-01-02"))
	note.SetPlaceHolder("Why, or what it takes")
	var months []string
	for _, m := range model.FiguresOf(pd).Months {
		if m != g.Month {
			months = append(months, loc.MonthName(m))
		}
	}
	to := widget.NewSelect(months, nil)
	msg := views.NewProblemLabel()
	v.forms[gapKey(g.Group, g.Month)] = &decisionForm{kind: kind, to: to, units: units, cost: cost, cut: cut, by: by, on: on, nt: note, msg: msg}
	unitsF, costF, cutF, toF := views.NewField("Units", units, ""), views.NewField("Cost", cost, "Goes to the budget"),
		views.NewField("Lower the target by", cut, "The shortfall's revenue"), views.NewField("Move to", to, "")
	show := func() {
		unitsF.Box.Hide()
		costF.Box.Hide()
		cutF.Box.Hide()
		toF.Box.Hide()
		switch kind.SelectedIndex() {
		case 0:
			unitsF.Box.Show()
			costF.Box.Show()
		case 1:
			cutF.Box.Show()
		case 2:
			unitsF.Box.Show()
			toF.Box.Show()
		}
	}
	kind.OnChanged = func(string) { show() }
	kind.SetSelectedIndex(0)
	record := widget.NewButtonWithIcon("Record decision", theme.ConfirmIcon(), nil)
	v.forms[gapKey(g.Group, g.Month)].record = record
	record.OnTapped = func() {
		if kind.SelectedIndex() < 0 {
			views.ShowProblems(msg, []string{"Choose a decision: raise capacity, lower the target or shift demand."}, nil)
			return
		}
		d := model.Decision{PlanID: pd.Plan.ID, Group: g.Group, Month: g.Month, Kind: kinds[kind.SelectedIndex()],
			DecidedBy: by.Text, DecidedOn: on.Text, Note: note.Text}
		var problems []string
		switch d.Kind {
		case model.RaiseCapacity, model.ShiftDemand:
			n, err := strconv.ParseInt(strings.TrimSpace(units.Text), 10, 64)
			if err != nil {
				problems = append(problems, "Units: enter a whole number, e.g. "+strconv.FormatInt(max(1, short), 10)+".")
			}
			d.Units = n
		}
		switch d.Kind {
		case model.RaiseCapacity:
			if t := strings.TrimSpace(cost.Text); t != "" {
				if v, err := loc.ParseMoney(t, cur); err != nil {
					problems = append(problems, "Cost: "+app.ErrorMessage(err))
				} else {
					d.Cost = v
				}
			}
		case model.ShiftDemand:
			if i := to.SelectedIndex(); i >= 0 {
				for _, m := range model.FiguresOf(pd).Months {
					if loc.MonthName(m) == months[i] {
						m := m
						d.ShiftTo = &m
					}
				}
			}
		case model.LowerTarget:
			if v, err := loc.ParseMoney(strings.TrimSpace(cut.Text), cur); err != nil {
				problems = append(problems, "Lower the target by: "+app.ErrorMessage(err))
			} else {
				d.TargetCut = v
				if p := model.CheckTargetCut(pd, v); p != "" {
					problems = append(problems, p)
				}
			}
		}
		if !views.ShowProblems(msg, problems, d.Validate()) {
			return
		}
		if d.Kind == model.LowerTarget {
			v.confirmTargetCut(d)
			return
		}
		v.saveDecision(d, nil)
	}
	return container.NewVBox(
		// the grid lays out the visible fields only: the decision and its two (or one) values
		container.NewGridWithColumns(3, views.NewField("Decision", kind, "").Box, unitsF.Box, costF.Box, cutF.Box, toF.Box),
		container.NewGridWithColumns(3, views.NewField("Decided by", by, "").Box, views.NewField("On", on, "YYYY-MM-DD").Box,
			views.NewField("Note", note, "").Box),
		msg, container.NewHBox(record))
}

// confirmTargetCut proposes lowering the revenue target by the decision's
// cut and, only when the user agrees, saves the lower target to the
// revenue objective together with the decision.
func (v *view) confirmTargetCut(d model.Decision) {
	ps := v.ps
	pd := ps.Data()
	loc, cur := pd.Locale, pd.Currency
	var obj *objectives.Objective
	for i := range objectives.Of(pd).Objectives {
		if objectives.Of(pd).Objectives[i].ID == pd.Figures.Target.ObjectiveID {
			obj = &objectives.Of(pd).Objectives[i]
		}
	}
	if obj == nil || obj.Target == nil {
		ps.ShowError(app.Errorf(app.ErrInvalid, "The revenue objective was not found; set the revenue target on step 2 first."))
		return
	}
	from := *obj.Target
	text := fmt.Sprintf("Lower the revenue target “%s” by %s, from %s to %s? Step 2 shows the new target, and the demand plan follows it.",
		obj.Title, loc.Money(d.TargetCut, cur), loc.Money(from, cur), loc.Money(from-d.TargetCut, cur))
	dialog.ShowConfirm("Lower the revenue target?", text, func(ok bool) {
		if !ok {
			return
		}
		next := *obj
		lower := from - d.TargetCut
		next.Target = &lower
		next.SWOTLinks = append([]string(nil), obj.SWOTLinks...)
		v.saveDecision(d, &next)
	}, ps.Window())
}

// saveDecision stores a decision (and, for a lower target, the objective
// with its lower target, in the same transaction), then redraws.
func (v *view) saveDecision(d model.Decision, obj *objectives.Objective) {
	ps := v.ps
	ps.Do(func(ctx context.Context, s *data.DB) error {
		return s.Update(ctx, func(tx *data.Tx) error {
			if obj != nil {
				if err := tx.SaveRow(ctx, objectives.Table, obj); err != nil {
					return err
				}
			}
			return tx.SaveRow(ctx, model.TableDecisions, &d)
		})
	}, func(err error) {
		if err != nil {
			ps.ShowError(err)
			return
		}
		pd := ps.Data()
		if obj != nil {
			for i := range objectives.Of(pd).Objectives {
				if objectives.Of(pd).Objectives[i].ID == obj.ID {
					objectives.Of(pd).Objectives[i] = *obj
				}
			}
		}
		c := model.Of(pd)
		c.Decisions = append(c.Decisions, d)
		ps.Changed()
		v.refresh()
	})
}

// meetingRow is one participant's entries.
type meetingRow struct{ name, dept *widget.Entry }

// buildMeeting draws the meeting record form.
func (v *view) buildMeeting() {
	ps := v.ps
	pd := ps.Data()
	m := model.Meeting{PlanID: pd.Plan.ID, SignOff: model.Draft}
	if c := model.Of(pd).Meeting; c != nil {
		m = *c
		m.Participants = append([]model.Participant(nil), c.Participants...)
	}
	date, by, notes := widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry()
	date.SetText(m.Date)
	date.SetPlaceHolder("YYYY-MM-DD")
	by.SetText(m.SignedBy)
	by.SetPlaceHolder("Who signs the plan off")
	notes.SetText(m.Notes)
	notes.SetPlaceHolder("What was agreed")
	notes.Wrapping = fyne.TextWrapWord
	state := widget.NewRadioGroup([]string{"Draft", "Agreed — signed off"}, nil)
	state.Horizontal = true
	if m.SignOff == model.Agreed {
		state.SetSelected("Agreed — signed off")
	} else {
		state.SetSelected("Draft")
	}
	msg := views.NewProblemLabel()
	var rows []*meetingRow
	people := container.NewVBox()
	var changed func()
	addRow := func(p model.Participant) {
		r := &meetingRow{name: widget.NewEntry(), dept: widget.NewEntry()}
		r.name.SetText(p.Name)
		r.name.SetPlaceHolder("Name or role")
		r.dept.SetText(p.Department)
		r.dept.SetPlaceHolder("Department")
		r.name.OnChanged = func(string) { changed() }
		r.dept.OnChanged = func(string) { changed() }
		rows = append(rows, r)
		var line *fyne.Container
		del := views.NewIconButton(theme.DeleteIcon(), "Remove this participant", func() {
			for i := range rows {
				if rows[i] == r {
					rows = append(rows[:i:i], rows[i+1:]...)
					break
				}
			}
			people.Remove(line)
			changed()
		})
		line = container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(2, r.name, r.dept))
		people.Add(line)
	}
	changed = func() {
		next := m
		next.Date, next.SignedBy, next.Notes = date.Text, by.Text, notes.Text
		next.SignOff = model.Draft
		if state.Selected == "Agreed — signed off" {
			next.SignOff = model.Agreed
		}
		next.Participants = nil
		for _, r := range rows {
			next.Participants = append(next.Participants, model.Participant{Name: r.name.Text, Department: r.dept.Text})
		}
		cleaned := next
		cleaned.Participants = append([]model.Participant(nil), next.Participants...)
		cleaned.Clean()
		if !views.ShowProblems(msg, nil, cleaned.Validate()) {
			return
		}
		saved := cleaned
		saved.Participants = append([]model.Participant(nil), cleaned.Participants...)
		model.Of(ps.Data()).Meeting = &saved
		ps.Changed()
		row := cleaned
		ps.Save("sop-meeting", func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableMeetings, &row) })
	}
	for _, p := range m.Participants {
		addRow(p)
	}
	for _, e := range []*widget.Entry{date, by, notes} {
		e.OnChanged = func(string) { changed() }
	}
	state.OnChanged = func(string) { changed() }
	add := widget.NewButtonWithIcon("Add participant", theme.ContentAddIcon(), func() {
		addRow(model.Participant{})
		people.Refresh()
	})
	v.mDate, v.mBy, v.mState, v.mMsg, v.mAdd = date, by, state, msg, add
	v.mRows = func() []*meetingRow { return rows }
	v.meeting.Objects = []fyne.CanvasObject{
		container.NewGridWithColumns(2, views.NewField("Date", date, "").Box, views.NewField("Signed off by", by, "").Box),
		views.Bold("Participants"), people, container.NewHBox(add),
		views.NewField("Decisions and notes", notes, "The decisions above are part of the record").Box,
		views.NewField("Sign-off", state, "Agreed when sales and operations accept the plan").Box,
		msg,
	}
	v.meeting.Refresh()
}
