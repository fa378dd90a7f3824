package situation

import (
	model "salesplan/app/situation"

	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/charts"
	"salesplan/views"
)

// summaryView shows the situation summary: seasonality and the top lists.
// It is computed off the UI goroutine (it reads the sales rows).
type summaryView struct {
	ps  *views.PlanScreen
	box *fyne.Container
	gen int
}

func newSummaryView(ps *views.PlanScreen) *summaryView {
	s := &summaryView{ps: ps, box: container.NewVBox()}
	s.reload()
	return s
}

// reload recomputes the summary for the plan's current scope.
func (s *summaryView) reload() {
	pd := s.ps.Data()
	s.gen++
	gen := s.gen
	if len(pd.History.Values) == 0 {
		s.box.RemoveAll()
		return
	}
	s.box.Objects = []fyne.CanvasObject{widget.NewProgressBarInfinite()}
	s.box.Refresh()
	s.ps.LoadSummary(func(err error) {
		if gen != s.gen {
			return
		}
		if err != nil {
			s.box.RemoveAll()
			s.ps.ShowError(err)
			return
		}
		s.show(*s.ps.Data().Summary)
	})
}

func (s *summaryView) show(sum app.Summary) {
	pd := s.ps.Data()
	cr := s.ps.Charts()
	season := model.SeasonalityChart(pd)
	seasonChart := s.ps.NewChartView(fyne.NewSize(360, 220), func(w, h int, scale float64, dark bool) image.Image {
		c := season
		c.Width, c.Height, c.Scale, c.Dark = w, h, scale, dark
		return cr.Bars(c)
	})
	concentration := model.ConcentrationSentence(pd)
	if concentration == "" {
		concentration = "The history names no customers."
	}
	share := widget.NewLabel(pd.Locale.MonthName(sum.From) + " – " + pd.Locale.MonthName(sum.To) + ": " + concentration)
	share.Wrapping = fyne.TextWrapWord
	grid := container.NewGridWithColumns(2)
	for _, d := range []struct {
		dim   app.Dimension
		title string
	}{{app.DimCustomer, "Top customers"}, {app.DimProduct, "Top products"}, {app.DimRegion, "Regions"}, {app.DimSalesperson, "Salespeople"}} {
		top := sum.Top[d.dim]
		if len(top) == 0 {
			continue
		}
		c := charts.HBarChart{Title: d.title}
		for _, r := range top {
			c.Labels = append(c.Labels, r.Key)
			c.Values = append(c.Values, app.ToMajor(r.Amount, pd.Currency))
		}
		loc, cur := pd.Locale, pd.Currency
		c.FormatValue = func(v float64) string { return loc.MoneyCompact(app.FromMajor(v, cur), cur) }
		h := float32(60 + 26*len(top))
		grid.Add(s.ps.NewChartView(fyne.NewSize(300, h), func(w, hh int, scale float64, dark bool) image.Image {
			cc := c
			cc.Width, cc.Height, cc.Scale, cc.Dark = w, hh, scale, dark
			return cr.HBars(cc)
		}))
	}
	s.box.Objects = []fyne.CanvasObject{seasonChart, share, grid}
	s.box.Refresh()
}
