package forecast

import (
	"math"
	"testing"
)

func TestAccuracyAndSeasonalNaive(t *testing.T) {
	train := []float64{10, 20, 10, 20, 10, 20} // season 2
	if got := SeasonalNaive(train, 3, 2); got[0] != 10 || got[1] != 20 || got[2] != 10 {
		t.Errorf("seasonal naive %v", got)
	}
	s, m := Accuracy(train, []float64{10, 20}, []float64{10, 20}, 2)
	if s != 0 || m != 0 {
		t.Errorf("perfect forecast: sMAPE %v MASE %v", s, m)
	}
	// In-sample seasonal error is 0, so MASE falls back to lag 1 (mean 10).
	s, m = Accuracy(train, []float64{10, 20}, []float64{15, 15}, 2)
	if math.Abs(s-200*(5.0/25+5.0/35)/2) > 1e-9 || math.Abs(m-0.5) > 1e-9 {
		t.Errorf("sMAPE %v MASE %v", s, m)
	}
	if s, _ := Accuracy(train, nil, nil, 2); !math.IsNaN(s) {
		t.Error("empty actuals")
	}
}
