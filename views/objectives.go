package views

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/data"
)

// objectivesPage is step 2: one editor per objective with its SMART check.
func objectivesPage(ps *planScreen) fyne.CanvasObject {
	list := container.NewVBox()
	var editors []*objectiveEditor
	ps.objectives = &editors
	rebuild := func() {}
	rebuild = func() {
		list.RemoveAll()
		editors = editors[:0]
		if len(ps.pd.Objectives) == 0 {
			l := widget.NewLabel("No objectives yet — add the first one, e.g. the revenue you want to reach in the plan period.")
			l.Wrapping = fyne.TextWrapWord
			list.Add(l)
		}
		for i := range ps.pd.Objectives {
			e := newObjectiveEditor(ps, i, rebuild)
			editors = append(editors, e)
			list.Add(e.card)
		}
		list.Refresh()
	}
	rebuild()
	// The achievability check uses the forecast's range when it is ready.
	if ps.pd.Forecast == nil && len(ps.pd.History.Values) > 0 {
		ps.loadForecast(func(err error) {
			if err != nil || ps.objectives != &editors {
				return
			}
			for _, e := range editors {
				e.showVerdicts(ps.pd.Objectives[e.index])
			}
		})
	}
	kinds := app.ObjectiveKinds()
	var labels []string
	for _, k := range kinds {
		labels = append(labels, k.Label())
	}
	kindSel := widget.NewSelect(labels, nil)
	kindSel.SetSelected(labels[0])
	add := widget.NewButtonWithIcon("Add objective", theme.ContentAddIcon(), func() {
		ps.addObjective(kinds[max(0, kindSel.SelectedIndex())], rebuild)
	})
	add.Importance = widget.HighImportance
	return container.NewVBox(list, container.NewHBox(widget.NewLabel("New objective of kind"), kindSel, add))
}

// addObjective stores a new objective of kind k with sensible defaults: the
// metric and unit of the kind, the deadline at the plan end and the
// baseline from the history where the kind allows (read off the UI
// goroutine: it may scan the sales rows). done runs after it is stored.
func (ps *planScreen) addObjective(k app.ObjectiveKind, done func()) {
	pd := ps.pd
	end := pd.Plan.End()
	o := app.Objective{PlanID: pd.Plan.ID, Kind: k, Title: k.Label(), Metric: k.DefaultMetric(), Unit: k.DefaultUnit(), Deadline: &end}
	if k == app.KindRevenue {
		o.Unit = pd.Plan.Currency
		if _, ok := app.RevenueTarget(pd.Objectives); !ok {
			o.RevenueTarget = true
		}
	}
	var base int64
	var ok bool
	ps.u.background(func() { base, ok = historyBaseline(ps.u.store, pd, k) }, func() {
		if ok {
			o.Baseline = &base
		}
		saved, err := ps.u.store.SaveObjective(context.Background(), o)
		if err != nil {
			ps.u.showError(err)
			return
		}
		ps.pd.Objectives = append(ps.pd.Objectives, saved)
		ps.refreshNav()
		if done != nil {
			done()
		}
	})
}

// historyBaseline is the baseline of an objective kind from the history:
// revenue, new customers or retention over the 12 months before the plan.
// It only reads, so it may run off the UI goroutine.
func historyBaseline(store *data.DB, pd app.PlanData, k app.ObjectiveKind) (int64, bool) {
	if len(pd.History.Values) == 0 {
		return 0, false
	}
	switch k {
	case app.KindRevenue:
		base, n := app.RevenueBaseline(pd)
		return base, n > 0
	case app.KindNewCustomers, app.KindRetention:
		end := min(pd.History.End(), pd.Plan.Start.Add(-1))
		newC, ret, retOK, err := store.CustomerBaselines(context.Background(), pd.Business.ID, pd.Plan.Scope, end)
		if err != nil {
			return 0, false
		}
		if k == app.KindNewCustomers {
			return newC, true
		}
		return ret, retOK
	}
	return 0, false
}

// objectiveEditor edits one objective; the SMART verdicts follow every
// keystroke and the objective is saved as the user types.
type objectiveEditor struct {
	ps    *planScreen
	index int
	card  *widget.Card

	title, metric, unit, baseline, target, deadline, owner *widget.Entry
	kind                                                   *widget.Select
	revenueTarget                                          *widget.Check
	links                                                  *widget.CheckGroup
	fields                                                 map[string]*field
	verdicts                                               [5]*widget.Label
}

func newObjectiveEditor(ps *planScreen, index int, rebuild func()) *objectiveEditor {
	e := &objectiveEditor{ps: ps, index: index, fields: map[string]*field{}}
	o := ps.pd.Objectives[index]
	loc, cur := ps.pd.Locale, ps.pd.Currency
	entry := func(text, placeholder string) *widget.Entry {
		w := widget.NewEntry()
		w.SetText(text)
		w.SetPlaceHolder(placeholder)
		w.OnChanged = func(string) { e.onChanged() }
		return w
	}
	value := func(v *int64) string {
		if v == nil {
			return ""
		}
		return o.FormatValue(*v, loc, cur)
	}
	e.title = entry(o.Title, "What should change")
	e.metric = entry(o.Metric, "How it is measured")
	e.unit = entry(o.Unit, "e.g. EUR, %, customers")
	e.baseline = entry(value(o.Baseline), "Where you stand now")
	e.target = entry(value(o.Target), "Where you want to be")
	dl := ""
	if o.Deadline != nil {
		dl = o.Deadline.String()
	}
	e.deadline = entry(dl, "YYYY-MM")
	e.owner = entry(o.Owner, "Who is responsible")
	var kindLabels []string
	for _, k := range app.ObjectiveKinds() {
		kindLabels = append(kindLabels, k.Label())
	}
	e.kind = widget.NewSelect(kindLabels, nil)
	e.kind.SetSelected(o.Kind.Label())
	e.kind.OnChanged = func(string) { e.onChanged() }
	e.revenueTarget = widget.NewCheck("This is the plan's revenue target (budget and quotas use it)", nil)
	e.revenueTarget.SetChecked(o.RevenueTarget)
	e.revenueTarget.OnChanged = func(bool) { e.onChanged() }
	var linkLabels []string
	var selected []string
	for _, it := range ps.pd.SWOT {
		label := app.QuadrantName(it.Quadrant)[:1] + ": " + it.Text
		linkLabels = append(linkLabels, label)
		for _, id := range o.SWOTLinks {
			if id == it.ID {
				selected = append(selected, label)
			}
		}
	}
	e.links = widget.NewCheckGroup(linkLabels, nil)
	e.links.SetSelected(selected)
	e.links.OnChanged = func([]string) { e.onChanged() }

	add := func(key, label string, w fyne.CanvasObject, help string) fyne.CanvasObject {
		f := newField(label, w, help)
		e.fields[key] = f
		return f.box
	}
	fillBase := widget.NewButton("From history", func() {
		cur0, pd := ps.pd.Objectives[index], ps.pd
		var base int64
		var ok bool
		ps.u.background(func() { base, ok = historyBaseline(ps.u.store, pd, cur0.Kind) }, func() {
			if ok {
				e.baseline.SetText(cur0.FormatValue(base, loc, cur))
			} else {
				dialog.ShowInformation("No baseline in the history", "The history cannot give a baseline for this kind of objective; enter it yourself.", ps.u.win)
			}
		})
	})
	switch o.Kind {
	case app.KindRevenue, app.KindNewCustomers, app.KindRetention:
	default:
		fillBase.Hide()
	}
	if len(ps.pd.History.Values) == 0 {
		fillBase.Hide()
	}
	smart := container.NewVBox()
	for i := range e.verdicts {
		e.verdicts[i] = widget.NewLabel("")
		e.verdicts[i].Wrapping = fyne.TextWrapWord
		smart.Add(e.verdicts[i])
	}
	del := widget.NewButtonWithIcon("Delete objective", theme.DeleteIcon(), func() {
		ps.confirmDelete("Delete this objective?", o.Title, "objectives", o.ID, func() {
			ps.pd.Objectives = append(ps.pd.Objectives[:index:index], ps.pd.Objectives[index+1:]...)
			rebuild()
		})
	})
	linksBox := fyne.CanvasObject(widget.NewLabel("No SWOT items yet — add them on step 1 to link objectives to them."))
	if len(linkLabels) > 0 {
		linksBox = e.links
	}
	form := container.NewVBox(
		add("title", "Objective", e.title, ""),
		container.NewGridWithColumns(3, add("kind", "Kind", e.kind, ""), add("metric", "Metric", e.metric, ""), add("unit", "Unit", e.unit, "")),
		container.NewGridWithColumns(4,
			add("baseline", "Baseline", container.NewBorder(nil, nil, nil, fillBase, e.baseline), "The 12 months before the plan"),
			add("target", "Target", e.target, ""),
			add("deadline", "Deadline", e.deadline, "Inside the plan period"),
			add("owner", "Owner", e.owner, "")),
		e.revenueTarget,
		widget.NewLabelWithStyle("Answers these SWOT items", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		linksBox,
		widget.NewLabelWithStyle("SMART check", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		smart,
		container.NewHBox(layoutSpacer(), del),
	)
	e.card = widget.NewCard("", "", form)
	e.showVerdicts(o)
	return e
}

// read returns the objective as typed; fields with bad values keep their
// stored value and show a message.
func (e *objectiveEditor) read() app.Objective {
	pd := e.ps.pd
	o := pd.Objectives[e.index]
	o.Kind = app.ObjectiveKinds()[max(0, e.kind.SelectedIndex())]
	o.Title, o.Metric, o.Unit, o.Owner = e.title.Text, e.metric.Text, e.unit.Text, e.owner.Text
	e.fields["title"].setError(uiErr(app.ValidateText(o.Title)))
	num := func(key string, w *widget.Entry, dst **int64) {
		if strings.TrimSpace(w.Text) == "" {
			*dst = nil
			e.fields[key].setError(nil)
			return
		}
		v, err := o.ParseValue(w.Text, pd.Locale, pd.Currency)
		e.fields[key].setError(uiErr(err))
		if err == nil {
			*dst = &v
		}
	}
	num("baseline", e.baseline, &o.Baseline)
	num("target", e.target, &o.Target)
	if strings.TrimSpace(e.deadline.Text) == "" {
		o.Deadline = nil
		e.fields["deadline"].setError(nil)
	} else if m, err := app.ParseMonth(strings.TrimSpace(e.deadline.Text)); err != nil {
		e.fields["deadline"].setError(err)
	} else {
		o.Deadline = &m
		e.fields["deadline"].setError(nil)
	}
	o.RevenueTarget = e.revenueTarget.Checked
	o.SWOTLinks = nil
	for _, it := range pd.SWOT {
		label := app.QuadrantName(it.Quadrant)[:1] + ": " + it.Text
		for _, s := range e.links.Selected {
			if s == label {
				o.SWOTLinks = append(o.SWOTLinks, it.ID)
			}
		}
	}
	return o
}

// onChanged re-checks SMART and schedules the save.
func (e *objectiveEditor) onChanged() {
	o := e.read()
	e.ps.pd.Objectives[e.index] = o
	if o.RevenueTarget {
		for i := range e.ps.pd.Objectives {
			if i != e.index {
				e.ps.pd.Objectives[i].RevenueTarget = false
			}
		}
	}
	e.showVerdicts(o)
	e.ps.refreshNav()
	store := e.ps.u.store
	e.ps.u.saver.Schedule("objective:"+o.ID, func() error {
		_, err := store.SaveObjective(context.Background(), o)
		return err
	})
}

func (e *objectiveEditor) showVerdicts(o app.Objective) {
	for i, l := range app.SMARTCheck(o, e.ps.pd) {
		e.verdicts[i].SetText(l.Verdict.Mark() + "  " + l.Name + " — " + l.Sentence)
		switch l.Verdict {
		case app.VerdictOK:
			e.verdicts[i].Importance = widget.MediumImportance
		case app.VerdictWeak:
			e.verdicts[i].Importance = widget.WarningImportance
		default:
			e.verdicts[i].Importance = widget.DangerImportance
		}
		e.verdicts[i].Refresh()
	}
	title := o.Title
	if strings.TrimSpace(title) == "" {
		title = "Untitled objective"
	}
	e.card.SetTitle(title)
}
