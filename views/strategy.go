package views

import (
	"context"
	"image"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
)

// strategyPage is step 3: initiatives with a timeline, and the incentive
// scheme with its simulator.
func strategyPage(ps *planScreen) fyne.CanvasObject {
	sv := &strategyView{ps: ps}
	ps.strategy = sv
	sv.initiatives = container.NewVBox()
	sv.timeline = ps.u.newChartView(fyne.NewSize(400, 220), nil)
	cr := ps.u.charts
	sv.timeline.setSpec(func() drawFunc {
		c := app.TimelineChart(ps.pd)
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Timeline(c)
		}
	})
	sv.buildInitiatives()
	add := widget.NewButtonWithIcon("Add initiative", theme.ContentAddIcon(), func() {
		ps.u.saver.Flush()
		start, end := ps.pd.Plan.Start, ps.pd.Plan.End()
		in, err := ps.u.store.SaveInitiative(context.Background(), app.Initiative{PlanID: ps.pd.Plan.ID, Description: "New initiative", Start: &start, End: &end})
		if err != nil {
			ps.u.showError(err)
			return
		}
		ps.pd.Initiatives = append(ps.pd.Initiatives, in)
		ps.refreshNav()
		sv.buildInitiatives()
	})
	initCard := widget.NewCard("Initiatives", "What you will do to reach the objectives, when, and at what cost",
		container.NewVBox(sv.initiatives, container.NewHBox(add), sv.timeline))
	sv.schemeBox = container.NewVBox()
	sv.buildScheme()
	schemeCard := widget.NewCard("Incentive scheme", "Commission, accelerators above quota, a bonus and an optional cap", sv.schemeBox)
	return container.NewVBox(initCard, schemeCard)
}

// strategyView holds the widgets of the strategy page.
type strategyView struct {
	ps                     *planScreen
	initiatives            *fyne.Container
	timeline               *chartView
	schemeBox              *fyne.Container
	simTable               *fyne.Container
	simNote                *widget.Label
	simChart               *chartView
	scheme                 app.IncentiveScheme
	base, bonus, cap, reps *widget.Entry
	tiers                  []*tierRow
	schemeMsg              *widget.Label
}

type tierRow struct{ threshold, rate *widget.Entry }

// buildInitiatives draws one editor per initiative.
func (sv *strategyView) buildInitiatives() {
	ps := sv.ps
	sv.initiatives.RemoveAll()
	if len(ps.pd.Initiatives) == 0 {
		l := widget.NewLabel("No initiatives yet — add what the team will do differently, e.g. a campaign or a new channel.")
		l.Wrapping = fyne.TextWrapWord
		sv.initiatives.Add(l)
	}
	for i := range ps.pd.Initiatives {
		sv.initiatives.Add(sv.initiativeEditor(i))
	}
	sv.initiatives.Refresh()
	sv.timeline.Invalidate()
}

func (sv *strategyView) initiativeEditor(i int) fyne.CanvasObject {
	ps := sv.ps
	in := ps.pd.Initiatives[i]
	loc, cur := ps.pd.Locale, ps.pd.Currency
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
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
	var labels, selected []string
	for _, o := range ps.pd.Objectives {
		labels = append(labels, o.Title)
		for _, id := range in.ObjectiveLinks {
			if id == o.ID {
				selected = append(selected, o.Title)
			}
		}
	}
	links := widget.NewCheckGroup(labels, nil)
	links.SetSelected(selected)
	changed := func() {
		cur0 := ps.pd.Initiatives[i]
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
		for _, o := range ps.pd.Objectives {
			for _, s := range links.Selected {
				if s == o.Title {
					next.ObjectiveLinks = append(next.ObjectiveLinks, o.ID)
				}
			}
		}
		for _, e := range next.Validate() {
			problems = append(problems, e.Message)
		}
		if len(problems) > 0 {
			msg.SetText("⚠ " + strings.Join(problems, " "))
			msg.Show()
			return
		}
		msg.Hide()
		ps.pd.Initiatives[i] = next
		ps.refreshNav()
		sv.timeline.Invalidate()
		store := ps.u.store
		ps.u.saver.Schedule("initiative:"+next.ID, func() error { _, err := store.SaveInitiative(context.Background(), next); return err })
	}
	for _, e := range []*widget.Entry{desc, owner, start, end, cost, effect} {
		e.OnChanged = func(string) { changed() }
	}
	links.OnChanged = func([]string) { changed() }
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		ps.confirmDelete("Delete this initiative?", in.Description, "initiatives", in.ID, func() {
			ps.pd.Initiatives = append(ps.pd.Initiatives[:i:i], ps.pd.Initiatives[i+1:]...)
			sv.buildInitiatives()
		})
	})
	var linkBox fyne.CanvasObject = links
	if len(labels) == 0 {
		linkBox = widget.NewLabel("Set objectives on step 2 to link initiatives to them.")
	}
	return widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, nil, del, desc),
		container.NewGridWithColumns(4, newField("Owner", owner, "").box, newField("Start", start, "").box,
			newField("End", end, "").box, newField("Cost", cost, "").box),
		newField("Expected effect", effect, "").box,
		bold("Serves"), linkBox,
		msg,
	))
}

// buildScheme draws the scheme editor and the simulator.
func (sv *strategyView) buildScheme() {
	ps := sv.ps
	sv.schemeBox.RemoveAll()
	if ps.pd.Scheme == nil {
		l := widget.NewLabel("No incentive scheme yet. Start from a common one (3 % commission, 5 % above quota, 7 % above 120 %) and adjust it.")
		l.Wrapping = fyne.TextWrapWord
		start := widget.NewButtonWithIcon("Start a scheme", theme.ContentAddIcon(), func() {
			s := app.DefaultScheme()
			s.PlanID = ps.pd.Plan.ID
			saved, err := ps.u.store.SaveScheme(context.Background(), s)
			if err != nil {
				ps.u.showError(err)
				return
			}
			ps.pd.Scheme = &saved
			ps.refreshNav()
			sv.buildScheme()
		})
		start.Importance = widget.HighImportance
		sv.schemeBox.Add(l)
		sv.schemeBox.Add(container.NewHBox(start))
		sv.schemeBox.Refresh()
		return
	}
	sv.scheme = *ps.pd.Scheme
	loc, cur := ps.pd.Locale, ps.pd.Currency
	pct := func(bp int64) string { return loc.Number(float64(bp)/100, 2) }
	sv.base, sv.bonus, sv.cap, sv.reps = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	sv.base.SetText(pct(sv.scheme.BaseBP))
	sv.bonus.SetText(loc.Money(sv.scheme.Bonus, cur))
	if sv.scheme.Cap != nil {
		sv.cap.SetText(loc.Money(*sv.scheme.Cap, cur))
	}
	sv.cap.SetPlaceHolder("No cap")
	sv.reps.SetText(strconv.Itoa(sv.scheme.Reps))
	for _, e := range []*widget.Entry{sv.base, sv.bonus, sv.cap, sv.reps} {
		e.OnChanged = func(string) { sv.onSchemeChanged() }
	}
	sv.tiers = nil
	tierBox := container.NewVBox()
	for ti, t := range sv.scheme.Tiers {
		ti := ti
		r := &tierRow{threshold: widget.NewEntry(), rate: widget.NewEntry()}
		r.threshold.SetText(pct(t.ThresholdBP))
		r.rate.SetText(pct(t.RateBP))
		r.threshold.OnChanged = func(string) { sv.onSchemeChanged() }
		r.rate.OnChanged = func(string) { sv.onSchemeChanged() }
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			sv.scheme.Tiers = append(sv.scheme.Tiers[:ti:ti], sv.scheme.Tiers[ti+1:]...)
			sv.saveScheme()
			sv.buildScheme()
		})
		sv.tiers = append(sv.tiers, r)
		tierBox.Add(container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(4,
			widget.NewLabel("Above attainment of"), r.threshold, widget.NewLabel("% of quota, rate %"), r.rate)))
	}
	addTier := widget.NewButtonWithIcon("Add accelerator", theme.ContentAddIcon(), func() {
		next := int64(10000)
		if n := len(sv.scheme.Tiers); n > 0 {
			next = sv.scheme.Tiers[n-1].ThresholdBP + 2000
		}
		sv.scheme.Tiers = append(sv.scheme.Tiers, app.Tier{ThresholdBP: next, RateBP: sv.scheme.BaseBP + 200})
		sv.saveScheme()
		sv.buildScheme()
	})
	sv.schemeMsg = widget.NewLabel("")
	sv.schemeMsg.Importance = widget.DangerImportance
	sv.schemeMsg.Wrapping = fyne.TextWrapWord
	sv.schemeMsg.Hide()
	sv.simTable = container.NewGridWithColumns(5)
	sv.simNote = widget.NewLabel("")
	sv.simNote.Wrapping = fyne.TextWrapWord
	cr := ps.u.charts
	sv.simChart = ps.u.newChartView(fyne.NewSize(400, 220), nil)
	sv.simChart.setSpec(func() drawFunc {
		c := app.SimulatorChart(sv.ps.pd, app.Simulate(sv.scheme, sv.ps.pd))
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Bars(c)
		}
	})
	repsHelp := "0 = the salespeople in the history"
	if ps.pd.Reps > 0 {
		repsHelp = "0 = the " + strconv.Itoa(ps.pd.Reps) + " salespeople in the history"
	}
	sv.schemeBox.Objects = []fyne.CanvasObject{
		container.NewGridWithColumns(4,
			newField("Base commission %", sv.base, "On revenue up to the first accelerator").box,
			newField("Bonus at 100 %", sv.bonus, "Per salesperson").box,
			newField("Cap per salesperson", sv.cap, "Commission plus bonus").box,
			newField("Salespeople", sv.reps, repsHelp).box),
		bold("Accelerators (a higher rate only on revenue above the threshold)"),
		tierBox, container.NewHBox(addTier), sv.schemeMsg,
		bold("Simulator"), sv.simNote, sv.simTable, sv.simChart,
	}
	sv.schemeBox.Refresh()
	sv.showSimulation()
}

// onSchemeChanged reads the scheme, re-simulates and schedules the save.
func (sv *strategyView) onSchemeChanged() {
	loc, cur := sv.ps.pd.Locale, sv.ps.pd.Currency
	s := sv.scheme
	var problems []string
	bp := func(e *widget.Entry, what string) int64 {
		f, err := loc.ParseNumber(strings.TrimSuffix(strings.TrimSpace(e.Text), "%"))
		if err != nil {
			problems = append(problems, what+": "+app.ErrorMessage(err))
			return 0
		}
		return int64(f*100 + 0.5)
	}
	s.BaseBP = bp(sv.base, "Base commission")
	s.Tiers = nil
	for _, r := range sv.tiers {
		s.Tiers = append(s.Tiers, app.Tier{ThresholdBP: bp(r.threshold, "Threshold"), RateBP: bp(r.rate, "Rate")})
	}
	if strings.TrimSpace(sv.bonus.Text) == "" {
		s.Bonus = 0
	} else if v, err := loc.ParseMoney(sv.bonus.Text, cur); err != nil {
		problems = append(problems, "Bonus: "+app.ErrorMessage(err))
	} else {
		s.Bonus = v
	}
	if strings.TrimSpace(sv.cap.Text) == "" {
		s.Cap = nil
	} else if v, err := loc.ParseMoney(sv.cap.Text, cur); err != nil {
		problems = append(problems, "Cap: "+app.ErrorMessage(err))
	} else {
		s.Cap = &v
	}
	if n, err := strconv.Atoi(strings.TrimSpace(sv.reps.Text)); err != nil && strings.TrimSpace(sv.reps.Text) != "" {
		problems = append(problems, "Salespeople: enter a whole number.")
	} else {
		s.Reps = n
	}
	for _, e := range s.Validate() {
		problems = append(problems, e.Message)
	}
	if len(problems) > 0 {
		sv.schemeMsg.SetText("⚠ " + strings.Join(problems, " "))
		sv.schemeMsg.Show()
		return
	}
	sv.schemeMsg.Hide()
	sv.scheme = s
	sv.saveScheme()
	sv.showSimulation()
}

func (sv *strategyView) saveScheme() {
	s := sv.scheme
	s.Tiers = append([]app.Tier(nil), s.Tiers...) // the save runs off the UI goroutine: give it its own copy
	sv.ps.pd.Scheme = &s
	sv.ps.refreshNav()
	store := sv.ps.u.store
	sv.ps.u.saver.Schedule("scheme", func() error { _, err := store.SaveScheme(context.Background(), s); return err })
}

// showSimulation fills the simulator table and chart.
func (sv *strategyView) showSimulation() {
	pd := sv.ps.pd
	loc, cur := pd.Locale, pd.Currency
	sim := app.Simulate(sv.scheme, pd)
	sv.simTable.RemoveAll()
	if sim.Problem != "" {
		sv.simNote.SetText(sim.Problem)
	} else {
		sv.simNote.SetText("For " + strconv.Itoa(sim.Reps) + " salespeople with equal quotas adding up to " + loc.Money(sim.Target, cur) + " (" + sim.Source + ").")
		for _, h := range []string{"Attainment", "Revenue", "Payout per rep", "Total payout", "Cost of sales"} {
			sv.simTable.Add(widget.NewLabelWithStyle(h, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		}
		for _, r := range sim.Rows {
			for _, v := range []string{loc.Percent(float64(r.AttainmentBP) / 10000), loc.Money(r.Revenue, cur), loc.Money(r.RepPayout[0], cur),
				loc.Money(r.Payout, cur), loc.Percent(r.CostRatio)} {
				sv.simTable.Add(widget.NewLabelWithStyle(v, fyne.TextAlignTrailing, fyne.TextStyle{}))
			}
		}
	}
	sv.simTable.Refresh()
	sv.simChart.Invalidate()
}
