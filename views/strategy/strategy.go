// Package strategy is the page of step 3: initiatives and the incentive
// scheme with its simulator.
package strategy

import (
	"salesplan/app/objectives"
	model "salesplan/app/strategy"
	"salesplan/data"
	"salesplan/views"

	"context"
	"image"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
)

// Page is step 3: initiatives with a timeline, and the incentive scheme
// with its simulator.
func Page(ps *views.PlanScreen) fyne.CanvasObject { return newView(ps).content }

// newView builds step 3's page.
func newView(ps *views.PlanScreen) *strategyView {
	sv := &strategyView{ps: ps}
	sv.initiatives = container.NewVBox()
	sv.timeline = ps.NewChartView(fyne.NewSize(400, 220), nil)
	cr := ps.Charts()
	sv.timeline.SetSpec(func() views.DrawFunc {
		c := model.TimelineChart(ps.Data())
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Timeline(c)
		}
	})
	sv.buildInitiatives()
	add := widget.NewButtonWithIcon("Add initiative", theme.ContentAddIcon(), func() {
		start, end := ps.Data().Plan.Start, ps.Data().Plan.End()
		in := model.Initiative{PlanID: ps.Data().Plan.ID, Description: "New initiative", Start: &start, End: &end}
		ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableInitiatives, &in) }, func(err error) {
			if err != nil {
				ps.ShowError(err)
				return
			}
			c := model.Of(ps.Data())
			c.Initiatives = append(c.Initiatives, in)
			ps.Changed()
			sv.buildInitiatives()
			if objs := sv.initiatives.Objects; len(objs) > 0 {
				ps.ScrollTo(objs[len(objs)-1])
			}
		})
	})
	initCard := widget.NewCard("Initiatives", "What you will do to reach the objectives, when, and at what cost",
		container.NewVBox(sv.initiatives, container.NewHBox(add, ps.SaveTableButton("initiatives")), sv.timeline))
	sv.schemeBox = container.NewVBox()
	sv.buildScheme()
	schemeCard := widget.NewCard("Incentive scheme", "Commission, accelerators above quota, a bonus and an optional cap",
		container.NewVBox(sv.schemeBox, container.NewHBox(ps.SaveTableButton("simulator"))))
	sv.content = container.NewVBox(initCard, schemeCard)
	return sv
}

// strategyView holds the widgets of the strategy page.
type strategyView struct {
	ps                     *views.PlanScreen
	initiatives            *fyne.Container
	timeline               *views.ChartView
	schemeBox              *fyne.Container
	simTable               *fyne.Container
	simNote                *widget.Label
	simChart               *views.ChartView
	scheme                 model.IncentiveScheme
	base, bonus, cap, reps *widget.Entry
	tiers                  []*tierRow
	schemeMsg              *widget.Label
	fields                 map[string]*views.Field // base, bonus, cap, reps: each shows its own problem
	repsChoice             *widget.RadioGroup
	content                fyne.CanvasObject
}

type tierRow struct {
	threshold, rate *widget.Entry
	msg             *widget.Label // this accelerator's problem
}

// buildInitiatives draws one editor per initiative.
func (sv *strategyView) buildInitiatives() {
	ps := sv.ps
	sv.initiatives.RemoveAll()
	if len(model.Of(ps.Data()).Initiatives) == 0 {
		l := widget.NewLabel("No initiatives yet — add what the team will do differently, e.g. a campaign or a new channel.")
		l.Wrapping = fyne.TextWrapWord
		sv.initiatives.Add(l)
	}
	for i := range model.Of(ps.Data()).Initiatives {
		sv.initiatives.Add(sv.initiativeEditor(i))
	}
	sv.initiatives.Refresh()
	sv.timeline.Invalidate()
}

func (sv *strategyView) initiativeEditor(i int) fyne.CanvasObject {
	ps := sv.ps
	in := model.Of(ps.Data()).Initiatives[i]
	loc, cur := ps.Data().Locale, ps.Data().Currency
	msg := views.NewProblemLabel()
	desc, owner, start, end, cost, effect := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	desc.SetText(in.Description)
	owner.SetText(in.Owner)
	owner.SetPlaceHolder("Owner")
	if in.Start != nil {
		start.SetText(in.Start.String())
	}
	if in.End != nil {
		end.SetText(in.End.String())
	}
	start.SetPlaceHolder("YYYY-MM")
	end.SetPlaceHolder("YYYY-MM")
	cost.SetText(loc.Money(in.Cost, cur))
	effect.SetText(in.Effect)
	effect.SetPlaceHolder("Expected effect, e.g. +20 customers")
	labels, linkIDs := objectiveLabels(objectives.Of(ps.Data()).Objectives)
	var selected []string
	for j, id := range linkIDs {
		for _, l := range in.ObjectiveLinks {
			if l == id {
				selected = append(selected, labels[j])
			}
		}
	}
	links := widget.NewCheckGroup(labels, nil)
	links.SetSelected(selected)
	changed := func() {
		cur0 := model.Of(ps.Data()).Initiatives[i]
		next := cur0
		next.Description, next.Owner, next.Effect = desc.Text, owner.Text, effect.Text
		var problems []string
		month := func(e *widget.Entry, dst **app.Month) {
			if strings.TrimSpace(e.Text) == "" {
				*dst = nil
				return
			}
			m, err := app.ParseMonth(strings.TrimSpace(e.Text))
			if err != nil {
				problems = append(problems, err.Error())
				return
			}
			*dst = &m
		}
		month(start, &next.Start)
		month(end, &next.End)
		if c, err := loc.ParseMoney(cost.Text, cur); err != nil && strings.TrimSpace(cost.Text) != "" {
			problems = append(problems, app.ErrorMessage(err))
		} else {
			next.Cost = c
		}
		next.ObjectiveLinks = nil
		for j, label := range labels {
			for _, s := range links.Selected {
				if s == label {
					next.ObjectiveLinks = append(next.ObjectiveLinks, linkIDs[j])
				}
			}
		}
		if !views.ShowProblems(msg, problems, next.Validate()) {
			return
		}
		model.Of(ps.Data()).Initiatives[i] = next
		ps.Changed()
		sv.timeline.Invalidate()
		ps.Save("initiative:"+next.ID, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableInitiatives, &next) })
	}
	for _, e := range []*widget.Entry{desc, owner, start, end, cost, effect} {
		e.OnChanged = func(string) { changed() }
	}
	links.OnChanged = func([]string) { changed() }
	del := views.NewIconButton(theme.DeleteIcon(), "Delete this initiative", func() {
		ps.ConfirmDelete("Delete this initiative?", in.Description, model.TableInitiatives, in.ID, func() {
			c := model.Of(ps.Data())
			c.Initiatives = append(c.Initiatives[:i:i], c.Initiatives[i+1:]...)
			ps.Changed()
			sv.buildInitiatives()
		})
	})
	var linkBox fyne.CanvasObject = links
	if len(labels) == 0 {
		linkBox = widget.NewLabel("Set objectives on step 2 to link initiatives to them.")
	}
	return widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, nil, del, desc),
		container.NewGridWithColumns(4, views.NewField("Owner", owner, "").Box, views.NewField("Start", start, "").Box,
			views.NewField("End", end, "").Box, views.NewField("Cost", cost, "").Box),
		views.NewField("Expected effect", effect, "").Box,
		views.Bold("Serves"), linkBox,
		msg,
	))
}

// startScheme stores the common scheme as a start and opens its editor.
func (sv *strategyView) startScheme() {
	ps := sv.ps
	s := model.DefaultScheme()
	s.PlanID = ps.Data().Plan.ID
	ps.Do(func(ctx context.Context, st *data.DB) error { return st.SaveRow(ctx, model.TableSchemes, &s) }, func(err error) {
		if err != nil {
			ps.ShowError(err)
			return
		}
		model.Of(ps.Data()).Scheme = &s
		ps.Changed()
		sv.buildScheme()
	})
}

// buildScheme draws the scheme editor and the simulator.
func (sv *strategyView) buildScheme() {
	ps := sv.ps
	sv.fields = nil // the editor being built does not react yet
	sv.schemeBox.RemoveAll()
	if model.Of(ps.Data()).Scheme == nil {
		l := widget.NewLabel("No incentive scheme yet. Start from a common one (3 % commission, 5 % above quota, 7 % above 120 %) and adjust it.")
		l.Wrapping = fyne.TextWrapWord
		start := widget.NewButtonWithIcon("Start a scheme", theme.ContentAddIcon(), sv.startScheme)
		start.Importance = widget.HighImportance
		sv.schemeBox.Add(l)
		sv.schemeBox.Add(container.NewHBox(start))
		sv.schemeBox.Refresh()
		return
	}
	sv.scheme = *model.Of(ps.Data()).Scheme
	loc, cur := ps.Data().Locale, ps.Data().Currency
	pct := func(bp int64) string { return loc.Number(float64(bp)/100, 2) }
	sv.base, sv.bonus, sv.cap, sv.reps = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	sv.base.SetText(pct(sv.scheme.BaseBP))
	sv.bonus.SetText(loc.Money(sv.scheme.Bonus, cur))
	if sv.scheme.Cap != nil {
		sv.cap.SetText(loc.Money(*sv.scheme.Cap, cur))
	}
	sv.cap.SetPlaceHolder("No cap")
	if sv.scheme.Reps > 0 {
		sv.reps.SetText(strconv.Itoa(sv.scheme.Reps))
	}
	sv.reps.SetPlaceHolder("e.g. 4")
	for _, e := range []*widget.Entry{sv.base, sv.bonus, sv.cap} {
		e.OnChanged = func(string) { sv.onSchemeChanged() }
	}
	// The number of salespeople is an explicit choice: those of the history,
	// or a number (until the team step provides the roster).
	fromHistory := "Use the salespeople in the history"
	if n := ps.Data().Reps; n > 0 {
		fromHistory = "Use the " + app.Count(n, "salesperson", "salespeople") + " in the history"
	}
	const typed = "Enter a number"
	sv.repsChoice = widget.NewRadioGroup([]string{fromHistory, typed}, func(choice string) {
		if choice != typed {
			sv.reps.SetText("")
		}
		sv.onSchemeChanged()
	})
	if sv.scheme.Reps > 0 || ps.Data().Reps == 0 {
		sv.repsChoice.SetSelected(typed)
	} else {
		sv.repsChoice.SetSelected(fromHistory)
	}
	sv.reps.OnChanged = func(text string) {
		if strings.TrimSpace(text) != "" && sv.repsChoice.Selected != typed {
			sv.repsChoice.SetSelected(typed) // typing a number chooses it
			return
		}
		sv.onSchemeChanged()
	}
	sv.tiers = nil
	tierBox := container.NewVBox()
	for ti, t := range sv.scheme.Tiers {
		ti := ti
		r := &tierRow{threshold: widget.NewEntry(), rate: widget.NewEntry(), msg: views.NewProblemLabel()}
		r.threshold.SetText(pct(t.ThresholdBP))
		r.rate.SetText(pct(t.RateBP))
		r.threshold.OnChanged = func(string) { sv.onSchemeChanged() }
		r.rate.OnChanged = func(string) { sv.onSchemeChanged() }
		del := views.NewIconButton(theme.DeleteIcon(), "Remove this accelerator", func() {
			sv.scheme.Tiers = append(sv.scheme.Tiers[:ti:ti], sv.scheme.Tiers[ti+1:]...)
			sv.saveScheme()
			sv.buildScheme()
		})
		sv.tiers = append(sv.tiers, r)
		tierBox.Add(container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(4,
			widget.NewLabel("Above attainment of"), r.threshold, widget.NewLabel("% of quota, rate %"), r.rate)))
		tierBox.Add(r.msg)
	}
	addTier := widget.NewButtonWithIcon("Add accelerator", theme.ContentAddIcon(), func() {
		next := int64(10000)
		if n := len(sv.scheme.Tiers); n > 0 {
			next = sv.scheme.Tiers[n-1].ThresholdBP + 2000
		}
		sv.scheme.Tiers = append(sv.scheme.Tiers, model.Tier{ThresholdBP: next, RateBP: sv.scheme.BaseBP + 200})
		sv.saveScheme()
		sv.buildScheme()
	})
	sv.schemeMsg = views.NewProblemLabel()
	sv.simTable = container.NewGridWithColumns(5)
	sv.simNote = widget.NewLabel("")
	sv.simNote.Wrapping = fyne.TextWrapWord
	cr := ps.Charts()
	sv.simChart = ps.NewChartView(fyne.NewSize(400, 220), nil)
	sv.simChart.SetSpec(func() views.DrawFunc {
		c := model.SimulatorChart(sv.ps.Data(), model.Simulate(sv.scheme, sv.ps.Data()))
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Bars(c)
		}
	})
	sv.fields = map[string]*views.Field{
		"base":  views.NewField("Base commission %", sv.base, "On revenue up to the first accelerator"),
		"bonus": views.NewField("Bonus at 100 %", sv.bonus, "Per salesperson"),
		"cap":   views.NewField("Cap per salesperson", sv.cap, "Commission plus bonus"),
		"reps": views.NewField("Salespeople", container.NewBorder(nil, nil, sv.repsChoice, nil,
			container.NewVBox(layout.NewSpacer(), sv.reps)), ""),
	}
	// Once the team step has quota holders, the simulator pays them: the
	// choice would only mislead.
	if q := ps.Data().Figures.Quotas; q.Reps > 0 {
		team := widget.NewButton("Go to step 6", func() { ps.Show(app.StepTeam) })
		sv.fields["reps"] = views.NewField("Salespeople", container.NewBorder(nil, nil, nil, team,
			views.WrappedLabel("The "+app.Count(q.Reps, "quota holder", "quota holders")+" of the team (step 6), each with their own quota.")), "")
	}
	sv.schemeBox.Objects = []fyne.CanvasObject{
		container.NewGridWithColumns(3, sv.fields["base"].Box, sv.fields["bonus"].Box, sv.fields["cap"].Box),
		sv.fields["reps"].Box,
		views.Bold("Accelerators (a higher rate only on revenue above the threshold)"),
		tierBox, container.NewHBox(addTier), sv.schemeMsg,
		views.Bold("Simulator"), sv.simNote, sv.simTable, sv.simChart,
	}
	sv.schemeBox.Refresh()
	sv.showSimulation()
}

// onSchemeChanged reads the scheme field by field: each bad value is
// marked under its own field and the simulator keeps the last valid scheme
// (and says so); a valid scheme is simulated and saved.
func (sv *strategyView) onSchemeChanged() {
	if sv.fields == nil {
		return // still being built
	}
	loc, cur := sv.ps.Data().Locale, sv.ps.Data().Currency
	s := sv.scheme
	ok := true
	bp := func(e *widget.Entry) (int64, error) {
		f, err := loc.ParseNumber(strings.TrimSuffix(strings.TrimSpace(e.Text), "%"))
		if err != nil {
			return 0, err
		}
		return int64(f*100 + 0.5), nil
	}
	mark := func(key string, err error) {
		sv.fields[key].SetError(views.UIErr(err))
		if err != nil {
			ok = false
		}
	}
	v, err := bp(sv.base)
	mark("base", err)
	s.BaseBP = v
	s.Tiers = nil
	for _, r := range sv.tiers {
		th, err1 := bp(r.threshold)
		rate, err2 := bp(r.rate)
		var problems []string
		if err1 != nil {
			problems = append(problems, "Threshold: "+app.ErrorMessage(err1))
		}
		if err2 != nil {
			problems = append(problems, "Rate: "+app.ErrorMessage(err2))
		}
		t := model.Tier{ThresholdBP: th, RateBP: rate}
		one := model.IncentiveScheme{Tiers: []model.Tier{t}}
		var invalid []app.FieldError
		if len(problems) == 0 {
			for _, e := range one.Validate() {
				if strings.HasPrefix(e.Field, "tier") {
					invalid = append(invalid, e)
				}
			}
		}
		if !views.ShowProblems(r.msg, problems, invalid) {
			ok = false
		}
		s.Tiers = append(s.Tiers, t)
	}
	s.Bonus, s.Cap = 0, nil
	if strings.TrimSpace(sv.bonus.Text) != "" {
		v, err := loc.ParseMoney(sv.bonus.Text, cur)
		mark("bonus", err)
		s.Bonus = v
	} else {
		mark("bonus", nil)
	}
	if strings.TrimSpace(sv.cap.Text) != "" {
		v, err := loc.ParseMoney(sv.cap.Text, cur)
		mark("cap", err)
		s.Cap = &v
	} else {
		mark("cap", nil)
	}
	s.Reps = 0
	if sv.repsChoice.Selected == "Enter a number" {
		text := strings.TrimSpace(sv.reps.Text)
		n, err := strconv.Atoi(text)
		switch {
		case text == "":
			mark("reps", app.Errorf(app.ErrInvalid, "Enter how many salespeople the scheme covers, e.g. 4."))
		case err != nil || n < 1 || n > 10000:
			mark("reps", app.Errorf(app.ErrInvalid, "Enter the number of salespeople as a whole number from 1 to 10000."))
		default:
			mark("reps", nil)
			s.Reps = n
		}
	} else {
		mark("reps", nil)
	}
	// What only the whole scheme can tell (e.g. a negative bonus) goes under
	// the accelerators; the simulator shows the last valid scheme meanwhile.
	var whole []app.FieldError
	if ok {
		for _, e := range s.Validate() {
			if !strings.HasPrefix(e.Field, "tier") {
				whole = append(whole, e)
			}
		}
	}
	if !views.ShowProblems(sv.schemeMsg, nil, whole) || !ok {
		sv.schemeMsg.SetText("⚠ Fix the marked values; until then the simulator shows the last valid scheme.")
		if len(whole) > 0 {
			sv.schemeMsg.SetText("⚠ " + whole[0].Message + " Until then the simulator shows the last valid scheme.")
		}
		sv.schemeMsg.Show()
		return
	}
	sv.scheme = s
	sv.saveScheme()
	sv.showSimulation()
}

func (sv *strategyView) saveScheme() {
	s := sv.scheme
	s.Tiers = append([]model.Tier(nil), s.Tiers...) // the save runs off the UI goroutine: give it its own copy
	model.Of(sv.ps.Data()).Scheme = &s
	sv.ps.Changed()
	sv.ps.Save("scheme", func(ctx context.Context, st *data.DB) error { return st.SaveRow(ctx, model.TableSchemes, &s) })
}

// showSimulation fills the simulator table and chart.
func (sv *strategyView) showSimulation() {
	pd := sv.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	sim := model.Simulate(sv.scheme, pd)
	sv.simTable.RemoveAll()
	if sim.Problem != "" {
		sv.simNote.SetText(sim.Problem)
	} else {
		note := "For " + app.Count(sim.Reps, "salesperson", "salespeople") + " with quotas from " + sim.Quota + " adding up to " +
			loc.Money(sim.Target, cur) + " (" + sim.Source + ")."
		capped := false
		for _, h := range []string{"Attainment", "Revenue", "Payout per rep", "Total payout", "Cost of sales"} {
			sv.simTable.Add(widget.NewLabelWithStyle(h, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		}
		for _, r := range sim.Rows {
			perRep := loc.Money(r.RepPayout[0], cur)
			if c := sv.scheme.Cap; c != nil && r.RepPayout[0] >= *c {
				perRep += " (capped)"
				capped = true
			}
			for _, v := range []string{loc.Percent(float64(r.AttainmentBP) / 10000), loc.Money(r.Revenue, cur), perRep,
				loc.Money(r.Payout, cur), loc.Percent(r.CostRatio)} {
				sv.simTable.Add(widget.NewLabelWithStyle(v, fyne.TextAlignTrailing, fyne.TextStyle{}))
			}
		}
		if capped {
			note += " Where a payout says “capped”, the cap per salesperson limits it: more revenue earns no more there."
		}
		sv.simNote.SetText(note)
	}
	sv.simTable.Refresh()
	sv.simChart.Invalidate()
}

// objectiveLabels names the objectives for the link check boxes, in order,
// with the ID of each; two objectives with the same title get distinct
// labels.
func objectiveLabels(objs []objectives.Objective) (labels, ids []string) {
	seen := map[string]int{}
	for _, o := range objs {
		label := o.Title
		seen[label]++
		if n := seen[label]; n > 1 {
			label += " (" + strconv.Itoa(n) + ")"
		}
		labels, ids = append(labels, label), append(ids, o.ID)
	}
	return labels, ids
}
