package situation

import (
	model "salesplan/app/situation"
	"salesplan/data"

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
	"salesplan/views"
)

// processView is the sales process map of step 1: one row per stage, the
// derived conversions, the bottleneck and a funnel.
type processView struct {
	ps       *views.PlanScreen
	box      *fyne.Container
	rows     []*stageRow
	sentence *widget.Label
	funnel   *views.ChartView
	period   *widget.Entry
}

// stageRow edits one stage.
type stageRow struct {
	name, volume, days, benchmark *widget.Entry
	conversion                    *widget.Label
	msg                           *widget.Label
}

func newProcessView(ps *views.PlanScreen) *processView {
	v := &processView{ps: ps, box: container.NewVBox(), sentence: widget.NewLabel("")}
	v.sentence.Wrapping = fyne.TextWrapWord
	cr := ps.Charts()
	v.funnel = ps.NewChartView(fyne.NewSize(400, 260), nil)
	v.funnel.SetSpec(func() views.DrawFunc {
		c := model.FunnelChart(v.ps.Data())
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return cr.Funnel(c)
		}
	})
	v.period = widget.NewEntry()
	v.period.SetPlaceHolder("e.g. Last 12 months")
	v.period.SetText(ps.Data().Plan.ProcessPeriod)
	v.period.OnChanged = func(s string) {
		if app.ValidateText(s) != nil {
			return
		}
		ps.Data().Plan.ProcessPeriod = s
		p := ps.Data().Plan
		ps.Save("plan", func(ctx context.Context, s *data.DB) error { _, err := s.UpdatePlan(ctx, p); return err })
	}
	v.rebuild()
	return v
}

// reload re-reads the plan's content after a change and redraws.
func (v *processView) reload() { v.ps.Refresh(v.rebuild) }

func (v *processView) rebuild() {
	pd := v.ps.Data()
	stages := model.Of(pd).Stages
	loc := pd.Locale
	v.rows = nil
	grid := container.NewVBox()
	buttonsWidth := widget.NewButtonWithIcon("", theme.MoveUpIcon(), nil).MinSize().Width*3 + 2*theme.Padding()
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(buttonsWidth, 1))
	header := container.NewBorder(nil, nil, nil, spacer, container.NewGridWithColumns(5,
		views.Bold("Stage"), views.Bold("Volume"), views.Bold("Avg. days"), views.Bold("Benchmark %"), views.Bold("Conversion")))
	if len(stages) > 0 {
		grid.Add(header)
	}
	for i, st := range stages {
		i, st := i, st
		r := &stageRow{name: widget.NewEntry(), volume: widget.NewEntry(), days: widget.NewEntry(), benchmark: widget.NewEntry(),
			conversion: widget.NewLabel(""), msg: views.NewProblemLabel()}
		r.conversion.Wrapping = fyne.TextWrapWord
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
		up := views.NewIconButton(theme.MoveUpIcon(), "Move this stage earlier", func() { v.move(st.ID, -1) })
		down := views.NewIconButton(theme.MoveDownIcon(), "Move this stage later", func() { v.move(st.ID, 1) })
		del := views.NewIconButton(theme.DeleteIcon(), "Delete this stage", func() { v.confirmDelete(st) })
		v.rows = append(v.rows, r)
		grid.Add(container.NewBorder(nil, nil, nil, container.NewHBox(up, down, del),
			container.NewGridWithColumns(5, r.name, r.volume, r.days, r.benchmark, r.conversion)))
		grid.Add(r.msg)
	}
	add := widget.NewButtonWithIcon("Add stage", theme.ContentAddIcon(), func() {
		st := model.ProcessStage{PlanID: pd.Plan.ID, Name: "New stage"}
		v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableStages, &st) }, func(err error) {
			if err != nil {
				v.ps.ShowError(err)
			}
			v.reload()
		})
	})
	buttons := container.NewHBox(add)
	if len(stages) == 0 {
		usual := widget.NewButtonWithIcon("Start from lead → contact → visit → proposal → order", theme.ContentAddIcon(), func() {
			stages := model.DefaultStages()
			for i := range stages {
				stages[i].PlanID = pd.Plan.ID
			}
			v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRows(ctx, model.TableStages, stages) }, func(err error) {
				if err != nil {
					v.ps.ShowError(err)
				}
				v.reload()
			})
		})
		usual.Importance = widget.HighImportance
		buttons.Add(usual)
	}
	v.box.Objects = []fyne.CanvasObject{
		views.NewField("Period the volumes cover", v.period, "").Box,
		grid, buttons, v.sentence, v.funnel,
	}
	v.box.Refresh()
	v.showAnalysis()
}

// onChanged reads row i; valid values are saved, bad ones explained.
func (v *processView) onChanged(i int) {
	pd := v.ps.Data()
	r := v.rows[i]
	st := model.Of(pd).Stages[i]
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
	if !views.ShowProblems(r.msg, problems, st.Validate()) {
		return
	}
	model.Of(pd).Stages[i] = st
	v.ps.Changed()
	v.showAnalysis()
	v.ps.Save("stage:"+st.ID, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableStages, &st) })
}

// showAnalysis updates conversions, the sentence and the funnel.
func (v *processView) showAnalysis() {
	pd := v.ps.Data()
	a := model.FiguresOf(pd).Process
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
	v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.MoveRow(ctx, model.TableStages, id, delta) }, func(err error) {
		if err != nil {
			v.ps.ShowError(err)
		}
		v.reload()
	})
}

func (v *processView) confirmDelete(st model.ProcessStage) {
	v.ps.ConfirmDelete("Delete this stage?", st.Name, model.TableStages, st.ID, v.reload)
}
