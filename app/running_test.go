package app

import (
	"math"
	"testing"
	"time"

	"salesplan/app/forecast"
)

// A plan that has begun gets its months before the forecast from the
// history's actual sales and the rest from the forecast; the total's range
// is the forecast's shifted by the actual sales.
func TestRunningPlanForecast(t *testing.T) {
	jan26 := NewMonth(2026, time.January)
	hist := MonthlySeries{Start: NewMonth(2024, time.January)}
	for i := range 34 { // Jan 2024 – Oct 2026
		hist.Values = append(hist.Values, int64(1000+i))
	}
	s := SeriesForecast{Start: NewMonth(2026, time.November), Result: forecast.Result{
		Forecast: []float64{500, 600, 700},
		Total:    forecast.Interval{Point: 1800, Lo80: 1620, Hi80: 1980, Lo95: 1440, Hi95: 2160},
	}}
	for _, tt := range []struct {
		name    string
		plan    Plan
		ok      bool
		actuals int
		point   float64 // the total's point
	}{
		{"ten months run", Plan{Start: jan26, Months: 12}, true, 10, sumFrom(hist, jan26, 10) + 1100},
		{"all months run", Plan{Start: NewMonth(2025, time.November), Months: 12}, true, 12, sumFrom(hist, NewMonth(2025, time.November), 12)},
		{"before the history", Plan{Start: NewMonth(2023, time.June), Months: 12}, false, 0, 0},
		{"not begun", Plan{Start: NewMonth(2026, time.November), Months: 2}, true, 0, 1100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pd := &PlanData{Plan: tt.plan, History: hist, Forecast: &ForecastOutput{Series: []SeriesForecast{s}}}
			f := PlanPeriodForecast(pd)
			if f.OK != tt.ok {
				t.Fatalf("OK = %v, want %v", f.OK, tt.ok)
			}
			if !f.OK {
				return
			}
			if f.Actuals != tt.actuals || len(f.Point) != tt.plan.Months || f.Start != tt.plan.Start {
				t.Fatalf("actuals %d, %d months from %v; want %d, %d from %v", f.Actuals, len(f.Point), f.Start, tt.actuals, tt.plan.Months, tt.plan.Start)
			}
			var sum float64
			for i, v := range f.Point {
				sum += v
				if i < f.Actuals && v != float64(hist.Values[int(tt.plan.Start.Add(i)-hist.Start)]) {
					t.Errorf("month %d = %v, not the actual sales", i, v)
				}
			}
			if math.Abs(sum-tt.point) > 1e-9 || math.Abs(f.Total.Point-sum) > 1e-9 {
				t.Errorf("total %v (months add to %v), want %v", f.Total.Point, sum, tt.point)
			}
			if !(f.Total.Lo95 <= f.Total.Lo80 && f.Total.Lo80 <= f.Total.Point && f.Total.Point <= f.Total.Hi80 && f.Total.Hi80 <= f.Total.Hi95) {
				t.Errorf("range out of order: %+v", f.Total)
			}
			if tt.actuals == tt.plan.Months && (f.Total.Lo95 != f.Total.Point || f.Total.Hi95 != f.Total.Point) {
				t.Errorf("a plan entirely in the past has a range: %+v", f.Total)
			}
		})
	}
}

func sumFrom(h MonthlySeries, from Month, n int) float64 {
	var s float64
	for i := range n {
		s += float64(h.Values[int(from.Add(i)-h.Start)])
	}
	return s
}
