// Package overview is the Overview page of a plan: the Monday dashboard.
package overview

import (
	"image"
	"strconv"
	"strings"

	model "salesplan/app/overview"
	"salesplan/views"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/charts"
)

// The smallest tile and chart: three tiles a row in a 1024 px window, four
// on a wide screen; two charts a row. They grow to fill the row.
var (
	tileSize  = fyne.NewSize(246, 206)
	chartSize = fyne.NewSize(372, 270)
)

// Page shows where the plan stands: the tiles (each without data says what
// to do, with the button that does it), the charts, the status of every
// objective with its rule, and the progress of each step. It reads the
// plan's figures; the forecast (cached per history version) is loaded
// once and the tiles and charts follow.
func Page(ps *views.PlanScreen) fyne.CanvasObject {
	pd := ps.Data()
	loc := pd.Locale
	info := views.WrappedLabel(pd.Business.Name + " · " + loc.MonthName(pd.Plan.Start) + " – " + loc.MonthName(pd.Plan.End()) +
		" (" + strconv.Itoa(pd.Plan.Months) + " months) · " + pd.Plan.Currency)
	if pd.Business.IsDemo {
		info.SetText("Demo data — " + info.Text)
	}
	tiles := container.New(&fillGrid{cell: tileSize})
	objectives := container.NewVBox()
	dash := func() *model.Dashboard { return model.FiguresOf(ps.Data()).Dashboard }
	cum := ps.NewMonthlyChartView(chartSize, func() charts.MonthlyChart { return model.CumulativeChart(ps.Data(), dash()) })
	bud := ps.NewMonthlyChartView(chartSize, func() charts.MonthlyChart { return model.BudgetChart(ps.Data(), dash()) })
	r := ps.Charts()
	att := ps.NewChartView(chartSize, nil)
	att.SetSpec(func() views.DrawFunc {
		c := model.AttainmentChart(ps.Data(), dash())
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return r.HBars(c)
		}
	})
	fun := ps.NewChartView(chartSize, nil)
	fun.SetSpec(func() views.DrawFunc {
		c := model.FunnelChart(ps.Data(), dash())
		return func(w, h int, scale float64, dark bool) image.Image {
			c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
			return r.Funnel(c)
		}
	})
	loading := pd.Forecast == nil && len(pd.History.Values) > 0
	fill := func() {
		d := dash()
		tiles.Objects = nil
		for _, t := range model.Tiles(ps.Data(), d) {
			if loading && t.Key == model.KeyOutlook && !t.OK {
				t.Hint, t.Action = "Forecasting the remaining months…", model.Action{}
			}
			tiles.Add(tileCard(ps, t))
		}
		tiles.Refresh()
		objectives.Objects = nil
		for _, o := range d.Objectives {
			objectives.Add(objectiveRow(o))
		}
		if len(d.Objectives) == 0 {
			msg := views.WrappedLabel("No objectives yet. Set them on step 2 to see here whether each one is on track.")
			objectives.Add(container.NewVBox(msg, container.NewHBox(widget.NewButtonWithIcon("Set objectives", theme.NavigateNextIcon(),
				func() { ps.Show(app.StepObjectives) }))))
		}
		objectives.Refresh()
	}
	fill()
	if loading {
		ps.LoadForecast(func(error) {
			// Without a forecast the outlook tile says why; the rest stands.
			loading = false
			fill()
			cum.Invalidate()
			bud.Invalidate()
		})
	}

	chartGrid := container.New(&fillGrid{cell: chartSize, maxCols: 2}, cum, bud, att, fun)
	return container.NewVBox(info,
		tiles,
		widget.NewCard("Charts", "Revenue against the target and the budget; the team's attainment and funnel", chartGrid),
		widget.NewCard("Objectives", "Each objective against its path from the baseline to the target by its deadline", objectives),
		widget.NewCard("Progress", "How far each step of the plan is written", progress(ps)))
}

// tileCard is one tile: title, headline number and what it is compared
// with, or — without data — what to do, with the button that does it.
func tileCard(ps *views.PlanScreen, t model.Tile) fyne.CanvasObject {
	title := widget.NewLabel(t.Title)
	title.SizeName = theme.SizeNameCaptionText
	box := container.NewVBox(title)
	if t.OK {
		v := widget.NewLabelWithStyle(t.Value, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		v.SizeName = theme.SizeNameSubHeadingText
		v.Truncation = fyne.TextTruncateEllipsis
		box.Add(v)
		n := views.WrappedLabel(strings.Join(t.Lines, "\n"))
		n.SizeName = theme.SizeNameCaptionText
		box.Add(n)
	} else {
		v := widget.NewLabelWithStyle("–", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		v.SizeName = theme.SizeNameSubHeadingText
		h := views.WrappedLabel(t.Hint)
		h.SizeName = theme.SizeNameCaptionText
		box.Add(v)
		box.Add(h)
	}
	if t.Action.Label != "" {
		var b *widget.Button
		if t.Action.Import {
			b = ps.ImportButton(t.Action.Label)
		} else {
			step := t.Action.Step
			b = widget.NewButtonWithIcon(t.Action.Label, theme.NavigateNextIcon(), func() { ps.Show(step) })
		}
		if !t.OK {
			b.Importance = widget.HighImportance
		}
		return widget.NewCard("", "", container.NewBorder(nil, container.NewHBox(b), nil, nil, box))
	}
	return widget.NewCard("", "", box)
}

// objectiveRow shows an objective's status in words with its mark, and the
// rule that gives it, always visible.
func objectiveRow(o model.ObjectiveStatus) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(o.Status.Label()+" — "+o.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	switch o.Status {
	case model.OnTrack:
		head.Importance = widget.SuccessImportance
	case model.AtRisk:
		head.Importance = widget.WarningImportance
	case model.OffTrack:
		head.Importance = widget.DangerImportance
	}
	rule := views.WrappedLabel(o.Rule)
	rule.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(head, rule)
}

// progress lists the steps with their completion and a button to go there.
func progress(ps *views.PlanScreen) fyne.CanvasObject {
	pd := ps.Data()
	steps := container.NewVBox()
	for _, s := range ps.Registry().Steps() {
		st := pd.Figures.Status[s.ID]
		l := widget.NewLabel(st.Mark() + "  " + s.Heading() + " — " + st.String())
		l.Truncation = fyne.TextTruncateEllipsis
		id := s.ID
		open := widget.NewButton("Open", func() { ps.Show(id) })
		steps.Add(container.NewBorder(nil, nil, nil, open, l))
	}
	return steps
}

// fillGrid lays out cells in rows of as many as fit at the cell's width,
// widened to fill the row, each row as high as the cell.
type fillGrid struct {
	cell    fyne.Size
	maxCols int     // 0 = as many as fit
	width   float32 // the width last laid out at
}

func (g *fillGrid) columns(width float32) int {
	pad := theme.Padding()
	n := max(1, int((width+pad)/(g.cell.Width+pad)))
	if g.maxCols > 0 {
		n = min(n, g.maxCols)
	}
	return n
}

// Layout implements fyne.Layout.
func (g *fillGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	g.width = size.Width
	cols := g.columns(size.Width)
	w := (size.Width - pad*float32(cols-1)) / float32(cols)
	i := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		row, col := i/cols, i%cols
		o.Move(fyne.NewPos(float32(col)*(w+pad), float32(row)*(g.cell.Height+pad)))
		o.Resize(fyne.NewSize(w, g.cell.Height))
		i++
	}
}

// MinSize implements fyne.Layout: one cell wide, as high as the rows need
// at the width the grid was last given.
func (g *fillGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	n := 0
	for _, o := range objs {
		if o.Visible() {
			n++
		}
	}
	if n == 0 {
		return fyne.NewSize(0, 0)
	}
	cols := min(n, g.columns(g.width))
	if g.width == 0 { // not laid out yet: one row, as Fyne's GridWrap starts
		cols = n
	}
	rows := (n + cols - 1) / cols
	pad := theme.Padding()
	return fyne.NewSize(g.cell.Width, float32(rows)*g.cell.Height+pad*float32(rows-1))
}
