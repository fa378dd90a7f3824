package views

import (
	"context"
	"image"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
)

// processView is the sales process map of step 1: one row per stage, the
// derived conversions, the bottleneck and a funnel.
type processView struct {
	ps       *planScreen
	box      *fyne.Container
	rows     []*stageRow
	sentence *widget.Label
	funnel   *chartView
	period   *widget.Entry
}

// stageRow edits one stage.
type stageRow struct {
	name, volume, days, benchmark *widget.Entry
	conversion                    *widget.Label
	msg                           *widget.Label
}

func newProcessView(ps *planScreen) *processView {
	v := &processView{ps: ps, box: container.NewVBox(), sentence: widget.NewLabel("")}
	v.sentence.Wrapping = fyne.TextWrapWord
	cr := ps.u.charts
	v.funnel = ps.u.newChartView(fyne.NewSize(400, 260), nil)
	v.funnel.setSpec(func() drawFunc {
		c := app.FunnelChart(v.ps.pd)
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Funnel(c)
		}
	})
	v.period = widget.NewEntry()
	v.period.SetPlaceHolder("e.g. Last 12 months")
	v.period.SetText(ps.pd.Plan.ProcessPeriod)
	v.period.OnChanged = func(s string) {
		if app.ValidateText(s) != nil {
			return
		}
		ps.pd.Plan.ProcessPeriod = s
		p := ps.pd.Plan
		store := ps.u.store
		ps.u.saver.Schedule("plan", func() error { _, err := store.UpdatePlan(context.Background(), p); return err })
	}
	v.rebuild()
	return v
}

func (v *processView) reload() {
	stages, err := v.ps.u.store.ProcessStages(context.Background(), v.ps.pd.Plan.ID)
	if err != nil {
		v.ps.u.showError(err)
		return
	}
	v.ps.pd.Stages = stages
	v.ps.refreshNav()
	v.rebuild()
}

func (v *processView) rebuild() {
	pd := v.ps.pd
	loc := pd.Locale
	v.rows = nil
	grid := container.NewVBox()
	buttonsWidth := widget.NewButtonWithIcon("", theme.MoveUpIcon(), nil).MinSize().Width*3 + 2*theme.Padding()
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(buttonsWidth, 1))
	header := container.NewBorder(nil, nil, nil, spacer, container.NewGridWithColumns(5,
		bold("Stage"), bold("Volume"), bold("Avg. days"), bold("Benchmark %"), bold("Conversion")))
	if len(pd.Stages) > 0 {
		grid.Add(header)
	}
	for i, st := range pd.Stages {
		i, st := i, st
		r := &stageRow{name: widget.NewEntry(), volume: widget.NewEntry(), days: widget.NewEntry(), benchmark: widget.NewEntry(),
			conversion: widget.NewLabel(""), msg: widget.NewLabel("")}
		r.conversion.Wrapping = fyne.TextWrapWord
		r.msg.Importance = widget.DangerImportance
		r.msg.Wrapping = fyne.TextWrapWord
		r.msg.Hide()
		r.name.SetText(st.Name)
		r.volume.SetText(strconv.FormatInt(st.Volume, 10))
		r.days.SetText(loc.Number(st.AvgDays, 1))
		if st.BenchmarkBP != nil {
			r.benchmark.SetText(loc.Number(float64(*st.BenchmarkBP)/100, 1))
		}
		if i == 0 {
			r.benchmark.Disable()
			r.benchmark.SetPlaceHolder("–")
		}
		for _, e := range []*widget.Entry{r.name, r.volume, r.days, r.benchmark} {
			e.OnChanged = func(string) { v.onChanged(i) }
		}
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { v.move(st.ID, -1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { v.move(st.ID, 1) })
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { v.confirmDelete(st) })
		v.rows = append(v.rows, r)
		grid.Add(container.NewBorder(nil, nil, nil, container.NewHBox(up, down, del),
			container.NewGridWithColumns(5, r.name, r.volume, r.days, r.benchmark, r.conversion)))
		grid.Add(r.msg)
	}
	add := widget.NewButtonWithIcon("Add stage", theme.ContentAddIcon(), func() {
		if _, err := v.ps.u.store.SaveProcessStage(context.Background(), app.ProcessStage{PlanID: pd.Plan.ID, Name: "New stage"}); err != nil {
			v.ps.u.showError(err)
		}
		v.reload()
	})
	buttons := container.NewHBox(add)
	if len(pd.Stages) == 0 {
		usual := widget.NewButtonWithIcon("Start from lead → contact → visit → proposal → order", theme.ContentAddIcon(), func() {
			for _, st := range app.DefaultStages() {
				st.PlanID = pd.Plan.ID
				if _, err := v.ps.u.store.SaveProcessStage(context.Background(), st); err != nil {
					v.ps.u.showError(err)
					break
				}
			}
			v.reload()
		})
		usual.Importance = widget.HighImportance
		buttons.Add(usual)
	}
	v.box.Objects = []fyne.CanvasObject{
		newField("Period the volumes cover", v.period, "").box,
		grid, buttons, v.sentence, v.funnel,
	}
	v.box.Refresh()
	v.showAnalysis()
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// onChanged reads row i; valid values are saved, bad ones explained.
func (v *processView) onChanged(i int) {
	pd := v.ps.pd
	r := v.rows[i]
	st := pd.Stages[i]
	st.Name = r.name.Text
	var problems []string
	if n, err := strconv.ParseInt(strings.TrimSpace(r.volume.Text), 10, 64); err != nil {
		problems = append(problems, "Enter the volume as a whole number, e.g. 250.")
	} else {
		st.Volume = n
	}
	if d, err := pd.Locale.ParseNumber(r.days.Text); err != nil && strings.TrimSpace(r.days.Text) != "" {
		problems = append(problems, "Enter the days as a number, e.g. 4.5.")
	} else {
		st.AvgDays = d
	}
	if i > 0 {
		if strings.TrimSpace(r.benchmark.Text) == "" {
			st.BenchmarkBP = nil
		} else if b, err := pd.Locale.ParseNumber(strings.TrimSuffix(strings.TrimSpace(r.benchmark.Text), "%")); err != nil {
			problems = append(problems, "Enter the benchmark as a percentage, e.g. 40.")
		} else {
			bp := int64(b*100 + 0.5)
			st.BenchmarkBP = &bp
		}
	}
	for _, e := range st.Validate() {
		problems = append(problems, e.Message)
	}
	if len(problems) > 0 {
		r.msg.SetText("⚠ " + strings.Join(problems, " "))
		r.msg.Show()
		return
	}
	r.msg.Hide()
	v.ps.pd.Stages[i] = st
	v.showAnalysis()
	v.ps.refreshNav()
	store := v.ps.u.store
	v.ps.u.saver.Schedule("stage:"+st.ID, func() error { _, err := store.SaveProcessStage(context.Background(), st); return err })
}

// showAnalysis updates conversions, the sentence and the funnel.
func (v *processView) showAnalysis() {
	pd := v.ps.pd
	a := app.AnalyseProcess(pd.Stages, pd.Locale)
	for i, r := range v.rows {
		text := "–"
		if i > 0 {
			c := a.Conversions[i-1]
			if c.Conversion == c.Conversion {
				text = pd.Locale.Percent(c.Conversion)
			}
			if c.Grows {
				text += " ↑ more than before"
			}
		}
		if i == a.Bottleneck {
			text += "  ◀ bottleneck"
		}
		r.conversion.SetText(text)
	}
	v.sentence.SetText(a.Sentence)
	v.funnel.Invalidate()
}

func (v *processView) move(id string, delta int) {
	v.ps.u.saver.Flush()
	if err := v.ps.u.store.MoveProcessStage(context.Background(), id, delta); err != nil {
		v.ps.u.showError(err)
	}
	v.reload()
}

func (v *processView) confirmDelete(st app.ProcessStage) {
	v.ps.confirmDelete("Delete this stage?", st.Name, "process_stages", st.ID, v.reload)
}
