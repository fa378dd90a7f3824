package charts

import (
	"os"
	"testing"
)

// TestDemo writes example charts for visual inspection when CHARTS_DEMO=1:
// /tmp/charts-demo.png and variants next to it.
func TestDemo(t *testing.T) {
	if os.Getenv("CHARTS_DEMO") != "1" {
		t.Skip("set CHARTS_DEMO=1 to write /tmp/charts-demo*.png")
	}
	rd := newTestRenderer(t)
	mc := demoMonthly()
	save(t, "/tmp/charts-demo.png", rd.Monthly(mc))
	mc.Dark = true
	mc.Scale = 2
	mc.Width, mc.Height = 1600, 800
	save(t, "/tmp/charts-demo-dark2x.png", rd.Monthly(mc))
	save(t, "/tmp/charts-demo-bars.png", rd.Bars(BarChart{
		Title:  "Seasonality — Сезонность (Δ vs. average)",
		Labels: []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		Values: []float64{-1200, -800, 150, 900, 1400, 2100, 1800, 600, -300, -700, 250, 3200},
		Width:  800, Height: 400, Scale: 1,
	}))
	save(t, "/tmp/charts-demo-topn.png", rd.Bars(BarChart{
		Title:  "Top products",
		Labels: []string{"Espresso machine Deluxe", "Milk frother", "Grinder Pro 2000", "Descaler", "Кофемолка", "Φίλτρα", "Cups (set of 6)", "Barista course"},
		Values: []float64{48200, 31000, 27500, 12000, 9900, 7300, 4100, 1200},
		Width:  500, Height: 300, Scale: 1, Dark: true,
	}))
	fc := demoForecast()
	save(t, "/tmp/charts-demo-band.png", rd.Monthly(fc))
	fc.Dark, fc.Scale, fc.Width, fc.Height = true, 2.5, 2000, 1000
	save(t, "/tmp/charts-demo-band-dark.png", rd.Monthly(fc))
	hb := demoHBars()
	save(t, "/tmp/charts-demo-hbars.png", rd.HBars(hb))
	hb.Dark, hb.Scale, hb.Width, hb.Height = true, 2.5, 1500, 875
	save(t, "/tmp/charts-demo-hbars-dark.png", rd.HBars(hb))
	fu := demoFunnel()
	save(t, "/tmp/charts-demo-funnel.png", rd.Funnel(fu))
	fu.Dark, fu.Scale, fu.Width, fu.Height = true, 2.5, 1500, 1000
	save(t, "/tmp/charts-demo-funnel-dark.png", rd.Funnel(fu))
	tl := demoTimeline()
	save(t, "/tmp/charts-demo-timeline.png", rd.Timeline(tl))
	tl.Dark, tl.Scale, tl.Width, tl.Height = true, 2.5, 2000, 875
	save(t, "/tmp/charts-demo-timeline-dark.png", rd.Timeline(tl))
	save(t, "/tmp/charts-demo-empty.png", rd.Monthly(MonthlyChart{Title: "Revenue", Width: 600, Height: 300}))
	save(t, "/tmp/charts-demo-small.png", rd.Monthly(MonthlyChart{
		Series: demoMonthly().Series, FirstYear: 2024, FirstMonth: 1, Width: 300, Height: 160,
	}))
	save(t, "/tmp/charts-demo-single.png", rd.Monthly(MonthlyChart{
		Title:     "One month",
		Series:    []Series{{Name: "Actual", Values: []float64{1234}}, {Name: "Target", Values: []float64{2000}, Role: RoleTarget}},
		FirstYear: 2025, FirstMonth: 6, Width: 400, Height: 250,
	}))
	save(t, "/tmp/charts-demo-neg.png", rd.Monthly(MonthlyChart{
		Title:     "Margin",
		Series:    []Series{{Name: "Margin", Values: []float64{-1200, -300, 450, 800, -50, 1200, 1900, 2100, 1500, -700, -1500, 300}}},
		FirstYear: 2025, FirstMonth: 4, Width: 600, Height: 300,
	}))
}
