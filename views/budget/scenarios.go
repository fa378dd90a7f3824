package budget

import (
	"context"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/budget"
	"salesplan/data"
	"salesplan/views"
)

// scenarioView is the part of the scenarios card the user edits: the
// choice of the plan's budget and the scenarios the user defines.
type scenarioView struct {
	choose    *widget.Select
	keys      map[string]string // option → scenario key
	choosing  bool              // the select is being refilled
	editors   *fyne.Container
	rows      []*scenarioRow
	addMsg    *widget.Label
	addButton *widget.Button
}

// scenarioRow is the editor of one scenario the user defines.
type scenarioRow struct {
	id                string
	name, rev, exp    *widget.Entry
	nameF, revF, expF *views.Field
	msg               *widget.Label
	box               *fyne.Container
	del               *views.IconButton
}

func (v *budgetView) newScenarioView() fyne.CanvasObject {
	sv := &scenarioView{keys: map[string]string{}}
	v.sv = sv
	sv.choose = widget.NewSelect(nil, func(o string) {
		if !sv.choosing {
			v.chooseScenario(sv.keys[o])
		}
	})
	sv.choose.PlaceHolder = "Choose a scenario"
	sv.editors = container.NewVBox()
	sv.addMsg = views.NewProblemLabel()
	sv.addButton = widget.NewButtonWithIcon("Add a scenario", theme.ContentAddIcon(), v.addScenario)
	v.buildScenarios()
	return container.NewVBox(
		container.NewGridWithColumns(2, views.NewField("The plan's budget", sv.choose, "The scenario the plan commits to").Box),
		views.Bold("Your scenarios"), sv.editors, sv.addMsg, container.NewHBox(sv.addButton))
}

// refreshChoice refills the choice of the plan's budget from the figures.
func (v *budgetView) refreshChoice(f *model.Figures) {
	sv := v.sv
	sv.choosing = true
	defer func() { sv.choosing = false }()
	sv.keys = map[string]string{}
	var opts []string
	selected := ""
	for _, s := range f.Scenarios {
		o := s.Name
		for n := 2; sv.keys[o] != ""; n++ {
			o = s.Name + " (" + app.Itoa(n) + ")"
		}
		sv.keys[o] = s.Key
		opts = append(opts, o)
		if s.Chosen {
			selected = o
		}
	}
	sv.choose.SetOptions(opts)
	if selected == "" {
		sv.choose.ClearSelected()
	} else {
		sv.choose.SetSelected(selected)
	}
}

// chooseScenario makes the scenario of key the plan's budget.
func (v *budgetView) chooseScenario(key string) {
	if key == "" {
		return
	}
	pd := v.ps.Data()
	c := model.Of(pd)
	s := c.Current()
	s.PlanID = pd.Plan.ID
	s.Scenario = key
	switch key {
	case model.ScenarioBase, model.ScenarioOptimistic, model.ScenarioPessimistic:
	default:
		s.Scenario = model.ChosenCustom
		for i := range c.Scenarios {
			c.Scenarios[i].Chosen = c.Scenarios[i].ID == key
			if c.Scenarios[i].Chosen {
				row := c.Scenarios[i]
				v.ps.Save("budget-scenario:"+row.ID, func(ctx context.Context, st *data.DB) error {
					return st.SaveRow(ctx, model.TableScenarios, &row)
				})
			}
		}
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

// addScenario inserts a new scenario and opens its editor.
func (v *budgetView) addScenario() {
	pd := v.ps.Data()
	d := model.ScenarioDef{PlanID: pd.Plan.ID, Name: "New scenario"}
	v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableScenarios, &d) }, func(err error) {
		if err != nil {
			v.sv.addMsg.SetText("⚠ The scenario could not be added: " + app.ErrorMessage(err))
			v.sv.addMsg.Show()
			return
		}
		v.sv.addMsg.Hide()
		c := model.Of(v.ps.Data())
		c.Scenarios = append(c.Scenarios, d)
		v.ps.Changed()
		v.buildScenarios()
		v.refresh()
		if n := len(v.sv.rows); n > 0 {
			v.ps.Window().Canvas().Focus(v.sv.rows[n-1].name)
		}
	})
}

func (v *budgetView) scenario(id string) *model.ScenarioDef {
	c := model.Of(v.ps.Data())
	for i := range c.Scenarios {
		if c.Scenarios[i].ID == id {
			return &c.Scenarios[i]
		}
	}
	return nil
}

// buildScenarios makes an editor per scenario the user defines.
func (v *budgetView) buildScenarios() {
	sv := v.sv
	sv.rows = nil
	sv.editors.Objects = nil
	for _, d := range model.Of(v.ps.Data()).Scenarios {
		r := v.newScenarioRow(d)
		sv.rows = append(sv.rows, r)
		sv.editors.Add(r.box)
	}
	if len(sv.rows) == 0 {
		sv.editors.Add(views.WrappedLabel("Add a scenario of your own, e.g. “New distributor”: revenue +15 %, sales expenses +10 %."))
	}
	sv.editors.Refresh()
}

func percentText(loc app.Locale, bp int64) string {
	return loc.Number(float64(bp)/100, 1) + " %"
}

func (v *budgetView) newScenarioRow(d model.ScenarioDef) *scenarioRow {
	loc := v.ps.Data().Locale
	r := &scenarioRow{id: d.ID}
	r.name, r.rev, r.exp = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	r.name.SetText(d.Name)
	r.rev.SetText(percentText(loc, d.RevenueBP))
	r.exp.SetText(percentText(loc, d.ExpenseBP))
	r.nameF = views.NewField("Scenario", r.name, "")
	r.revF = views.NewField("Revenue change", r.rev, "e.g. +10 % or −5 %")
	r.expF = views.NewField("Expense change", r.exp, "Other than commissions")
	r.msg = views.NewProblemLabel()
	for _, e := range []*widget.Entry{r.name, r.rev, r.exp} {
		e.OnChanged = func(string) { v.scenarioChanged(r) }
	}
	r.del = views.NewIconButton(theme.DeleteIcon(), "Delete this scenario", func() {
		cur := v.scenario(r.id)
		if cur == nil {
			return
		}
		v.ps.ConfirmDelete("Delete the scenario", cur.Name, model.TableScenarios, r.id, func() {
			c := model.Of(v.ps.Data())
			c.Scenarios = slices.DeleteFunc(c.Scenarios, func(s model.ScenarioDef) bool { return s.ID == r.id })
			v.ps.Changed()
			v.buildScenarios()
			v.refresh()
		})
	})
	grid := container.NewGridWithColumns(3, r.nameF.Box, r.revF.Box, r.expF.Box)
	r.box = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(widget.NewLabel(""), r.del), grid), r.msg)
	return r
}

// scenarioChanged reads a scenario's editor, checks and saves it.
func (v *budgetView) scenarioChanged(r *scenarioRow) {
	loc := v.ps.Data().Locale
	cur := v.scenario(r.id)
	if cur == nil {
		return
	}
	d := *cur
	d.Name = r.name.Text
	ok := true
	pct := func(e *widget.Entry, f *views.Field, what string, dst *int64) {
		t := strings.ReplaceAll(strings.TrimSpace(e.Text), "−", "-")
		t = strings.TrimPrefix(t, "+")
		if t == "" {
			f.SetError(app.Errorf(app.ErrInvalid, "Enter the change of %s in percent, e.g. 10 %% or -5 %%; 0 %% keeps it as budgeted.", what))
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
	pct(r.rev, r.revF, "revenue", &d.RevenueBP)
	pct(r.exp, r.expF, "the sales expenses", &d.ExpenseBP)
	r.nameF.SetError(nil)
	if ok {
		for _, e := range d.Validate() {
			err := app.Errorf(app.ErrInvalid, "%s", e.Message)
			switch e.Field {
			case "name":
				r.nameF.SetError(err)
			case "revenue":
				r.revF.SetError(err)
			case "expenses":
				r.expF.SetError(err)
			}
			ok = false
		}
	}
	if !ok {
		r.msg.Hide()
		return
	}
	d.Clean()
	*cur = d
	v.ps.Changed()
	v.refresh()
	row := d
	v.ps.Save("budget-scenario:"+d.ID, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableScenarios, &row) })
}
