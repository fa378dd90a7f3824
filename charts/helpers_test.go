package charts

import (
	"image"
	"math"
	"os"
	"testing"
	"time"
)

func newTestRenderer(tb testing.TB) *Renderer {
	tb.Helper()
	rd, err := NewRenderer()
	if err != nil {
		tb.Fatalf("NewRenderer: %v", err)
	}
	return rd
}

func save(tb testing.TB, path string, img image.Image) {
	tb.Helper()
	b, err := EncodePNG(img)
	if err != nil {
		tb.Fatalf("EncodePNG: %v", err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// demoMonthly is a realistic 36-month chart: actuals with a gap, a forecast
// continuing them and a flat target, with Greek and Cyrillic names.
func demoMonthly() MonthlyChart {
	const n = 36
	actual := make([]float64, n)
	forecast := make([]float64, n)
	target := make([]float64, n)
	for i := range n {
		season := 1 + 0.25*math.Sin(float64(i)*2*math.Pi/12)
		v := (42000 + 900*float64(i)) * season
		actual[i], forecast[i] = math.NaN(), math.NaN()
		switch {
		case i < 24 && i != 9:
			actual[i] = v
		case i >= 23:
			forecast[i] = v * 1.04
		}
		target[i] = 60000
	}
	return MonthlyChart{
		Title:      "Umsatz / Πωλήσεις / Продажи 2024–2026",
		FirstYear:  2024,
		FirstMonth: time.January,
		Series: []Series{
			{Name: "Actual", Values: actual, Role: RoleActual},
			{Name: "Forecast (прогноз)", Values: forecast, Role: RoleForecast},
			{Name: "Target Στόχος", Values: target, Role: RoleTarget},
		},
		Width: 800, Height: 400, Scale: 1,
	}
}
