// Package objectives is the page of step 2, the SMART objectives.
package objectives

import (
	"strconv"

	model "salesplan/app/objectives"
	"salesplan/app/situation"
	"salesplan/views"

	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/data"
)

// Page is step 2: one editor per objective with its SMART check.
func Page(ps *views.PlanScreen) fyne.CanvasObject {
	list := container.NewVBox()
	var editors []*objectiveEditor
	rebuild := func() {}
	rebuild = func() {
		list.RemoveAll()
		editors = editors[:0]
		objs := model.Of(ps.Data()).Objectives
		if len(objs) == 0 {
			l := widget.NewLabel("No objectives yet — add the first one, e.g. the revenue you want to reach in the plan period.")
			l.Wrapping = fyne.TextWrapWord
			list.Add(l)
		}
		for i := range objs {
			e := newObjectiveEditor(ps, i, rebuild)
			editors = append(editors, e)
			list.Add(e.card)
		}
		list.Refresh()
	}
	rebuild()
	// The achievability check uses the forecast's range when it is ready.
	if ps.Data().Forecast == nil && len(ps.Data().History.Values) > 0 {
		ps.LoadForecast(func(err error) {
			if err != nil {
				return
			}
			for _, e := range editors {
				e.showVerdicts()
			}
		})
	}
	kinds := model.ObjectiveKinds()
	var labels []string
	for _, k := range kinds {
		labels = append(labels, k.Label())
	}
	kindSel := widget.NewSelect(labels, nil)
	kindSel.SetSelected(labels[0])
	add := widget.NewButtonWithIcon("Add objective", theme.ContentAddIcon(), func() {
		addObjective(ps, kinds[max(0, kindSel.SelectedIndex())], func() {
			rebuild()
			// The new objective is in view, its title ready to type over.
			if n := len(editors); n > 0 {
				ps.ScrollTo(editors[n-1].card)
				ps.Window().Canvas().Focus(editors[n-1].title)
			}
		})
	})
	add.Importance = widget.HighImportance
	return container.NewVBox(list, container.NewHBox(widget.NewLabel("New objective of kind"), kindSel, add),
		container.NewHBox(ps.SaveTableButton("objectives")))
}

// addObjective stores a new objective of kind k with sensible defaults: the
// metric and unit of the kind, the deadline at the plan end and the
// baseline from the history where the kind allows (read off the UI
// goroutine: it may scan the sales rows). done runs after it is stored.
func addObjective(ps *views.PlanScreen, k model.ObjectiveKind, done func()) {
	pd := *ps.Data()
	end := pd.Plan.End()
	o := model.Objective{PlanID: pd.Plan.ID, Kind: k, Title: k.Label(), Metric: k.DefaultMetric(), Unit: k.DefaultUnit(), Deadline: &end}
	if k == model.KindRevenue {
		o.Unit = pd.Plan.Currency
		if _, ok := model.RevenueTarget(model.Of(&pd).Objectives); !ok {
			o.RevenueTarget = true
		}
	}
	ps.Do(func(ctx context.Context, s *data.DB) error {
		if base, ok := historyBaseline(ctx, s, &pd, k); ok {
			o.Baseline = &base
		}
		return s.SaveRow(ctx, model.Table, &o)
	}, func(err error) {
		if err != nil {
			ps.ShowError(err)
			return
		}
		c := model.Of(ps.Data())
		c.Objectives = append(c.Objectives, o)
		ps.Changed()
		if done != nil {
			done()
		}
	})
}

// historyBaseline is the baseline of an objective kind from the history:
// revenue, new customers or retention over the 12 months before the plan.
// It only reads, so it may run off the UI goroutine.
func historyBaseline(ctx context.Context, store *data.DB, pd *app.PlanData, k model.ObjectiveKind) (int64, bool) {
	if len(pd.History.Values) == 0 {
		return 0, false
	}
	switch k {
	case model.KindRevenue:
		base, n := app.RevenueBaseline(pd)
		return base, n > 0
	case model.KindNewCustomers, model.KindRetention:
		end := min(pd.History.End(), pd.Plan.Start.Add(-1))
		newC, ret, retOK, err := store.CustomerBaselines(ctx, pd.Business.ID, pd.Plan.Scope, end)
		if err != nil {
			return 0, false
		}
		if k == model.KindNewCustomers {
			return newC, true
		}
		return ret, retOK
	}
	return 0, false
}

// objectiveEditor edits one objective; the SMART verdicts follow every
// keystroke and the objective is saved as the user types.
type objectiveEditor struct {
	ps    *views.PlanScreen
	index int
	card  *widget.Card

	title, metric, unit, baseline, target, deadline, owner *widget.Entry
	kind                                                   *widget.Select
	revenueTarget                                          *widget.Check
	links                                                  *widget.CheckGroup
	linkIDs                                                []string // the SWOT item of each link label, in order
	fields                                                 map[string]*views.Field
	verdicts                                               [5]*widget.Label
}

func newObjectiveEditor(ps *views.PlanScreen, index int, rebuild func()) *objectiveEditor {
	e := &objectiveEditor{ps: ps, index: index, fields: map[string]*views.Field{}}
	o := model.Of(ps.Data()).Objectives[index]
	loc, cur := ps.Data().Locale, ps.Data().Currency
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
	for _, k := range model.ObjectiveKinds() {
		kindLabels = append(kindLabels, k.Label())
	}
	e.kind = widget.NewSelect(kindLabels, nil)
	e.kind.SetSelected(o.Kind.Label())
	e.kind.OnChanged = func(string) { e.onChanged() }
	e.revenueTarget = widget.NewCheck("This is the plan's revenue target (budget and quotas use it)", nil)
	e.revenueTarget.SetChecked(o.RevenueTarget)
	e.revenueTarget.OnChanged = func(bool) { e.onChanged() }
	linkLabels, linkIDs := swotLabels(situation.Of(ps.Data()).SWOT)
	e.linkIDs = linkIDs
	var selected []string
	for i, id := range linkIDs {
		for _, l := range o.SWOTLinks {
			if l == id {
				selected = append(selected, linkLabels[i])
			}
		}
	}
	e.links = widget.NewCheckGroup(linkLabels, nil)
	e.links.SetSelected(selected)
	e.links.OnChanged = func([]string) { e.onChanged() }

	add := func(key, label string, w fyne.CanvasObject, help string) fyne.CanvasObject {
		f := views.NewField(label, w, help)
		e.fields[key] = f
		return f.Box
	}
	fillBase := widget.NewButton("From history", func() {
		cur0, pd := model.Of(ps.Data()).Objectives[index], *ps.Data()
		var base int64
		var ok bool
		ps.Do(func(ctx context.Context, s *data.DB) error {
			base, ok = historyBaseline(ctx, s, &pd, cur0.Kind)
			return nil
		}, func(error) {
			if ok {
				e.baseline.SetText(cur0.FormatValue(base, loc, cur))
			} else {
				dialog.ShowInformation("No baseline in the history", "The history cannot give a baseline for this kind of objective; enter it yourself.", ps.Window())
			}
		})
	})
	switch o.Kind {
	case model.KindRevenue, model.KindNewCustomers, model.KindRetention:
	default:
		fillBase.Hide()
	}
	if len(ps.Data().History.Values) == 0 {
		fillBase.Hide()
	}
	smart := container.NewVBox()
	for i := range e.verdicts {
		e.verdicts[i] = widget.NewLabel("")
		e.verdicts[i].Wrapping = fyne.TextWrapWord
		smart.Add(e.verdicts[i])
	}
	del := widget.NewButtonWithIcon("Delete objective", theme.DeleteIcon(), func() {
		ps.ConfirmDelete("Delete this objective?", o.Title, model.Table, o.ID, func() {
			c := model.Of(ps.Data())
			c.Objectives = append(c.Objectives[:index:index], c.Objectives[index+1:]...)
			ps.Changed()
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
		// Two to a row: an amount of millions and the "From history"
		// button fit beside each other from 1024 px.
		container.NewGridWithColumns(2,
			add("baseline", "Baseline", container.NewBorder(nil, nil, nil, fillBase, e.baseline), "The 12 months before the plan"),
			add("target", "Target", e.target, "")),
		container.NewGridWithColumns(2,
			add("deadline", "Deadline", e.deadline, "Inside the plan period"),
			add("owner", "Owner", e.owner, "")),
		e.revenueTarget,
		widget.NewLabelWithStyle("Answers these SWOT items", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		linksBox,
		widget.NewLabelWithStyle("SMART check", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		smart,
		container.NewHBox(layout.NewSpacer(), del),
	)
	e.card = widget.NewCard("", "", form)
	e.showVerdicts()
	return e
}

// swotLabels names the SWOT items for the link check boxes, in order, with
// the ID of each; two items with the same text get distinct labels.
func swotLabels(items []situation.SWOTItem) (labels, ids []string) {
	seen := map[string]int{}
	for _, it := range items {
		label := situation.QuadrantName(it.Quadrant)[:1] + ": " + it.Text
		seen[label]++
		if n := seen[label]; n > 1 {
			label += " (" + strconv.Itoa(n) + ")"
		}
		labels, ids = append(labels, label), append(ids, it.ID)
	}
	return labels, ids
}

// read returns the objective as typed; fields with bad values keep their
// stored value and show a message.
func (e *objectiveEditor) read() model.Objective {
	pd := e.ps.Data()
	o := model.Of(pd).Objectives[e.index]
	o.Kind = model.ObjectiveKinds()[max(0, e.kind.SelectedIndex())]
	o.Title, o.Metric, o.Unit, o.Owner = e.title.Text, e.metric.Text, e.unit.Text, e.owner.Text
	e.fields["title"].SetError(views.UIErr(app.ValidateText(o.Title)))
	num := func(key string, w *widget.Entry, dst **int64) {
		if strings.TrimSpace(w.Text) == "" {
			*dst = nil
			e.fields[key].SetError(nil)
			return
		}
		v, err := o.ParseValue(w.Text, pd.Locale, pd.Currency)
		e.fields[key].SetError(views.UIErr(err))
		if err == nil {
			*dst = &v
		}
	}
	num("baseline", e.baseline, &o.Baseline)
	num("target", e.target, &o.Target)
	if strings.TrimSpace(e.deadline.Text) == "" {
		o.Deadline = nil
		e.fields["deadline"].SetError(nil)
	} else if m, err := app.ParseMonth(strings.TrimSpace(e.deadline.Text)); err != nil {
		e.fields["deadline"].SetError(err)
	} else {
		o.Deadline = &m
		e.fields["deadline"].SetError(nil)
	}
	o.RevenueTarget = e.revenueTarget.Checked
	o.SWOTLinks = nil
	for i, label := range e.links.Options {
		for _, s := range e.links.Selected {
			if s == label && i < len(e.linkIDs) {
				o.SWOTLinks = append(o.SWOTLinks, e.linkIDs[i])
			}
		}
	}
	return o
}

// onChanged re-checks SMART and schedules the save.
func (e *objectiveEditor) onChanged() {
	o := e.read()
	objs := model.Of(e.ps.Data()).Objectives
	objs[e.index] = o
	if o.RevenueTarget {
		for i := range objs {
			if i != e.index {
				objs[i].RevenueTarget = false
			}
		}
	}
	e.ps.Changed()
	e.showVerdicts()
	e.ps.Save("objective:"+o.ID, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.Table, &o) })
}

// showVerdicts shows the SMART check of the objective from the figures.
func (e *objectiveEditor) showVerdicts() {
	pd := e.ps.Data()
	smart := model.FiguresOf(pd).SMART
	if e.index >= len(smart) {
		return
	}
	o := model.Of(pd).Objectives[e.index]
	for i, l := range smart[e.index] {
		e.verdicts[i].SetText(l.Verdict.Mark() + "  " + l.Name + " — " + l.Sentence)
		switch l.Verdict {
		case model.VerdictOK:
			e.verdicts[i].Importance = widget.MediumImportance
		case model.VerdictWeak:
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
