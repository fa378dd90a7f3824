package forecast

import (
	"math"
	"strings"
	"testing"
)

// TestTwoYearsKeepSeasonality fits 24 to 35 months of a business with a
// strong, noisy season (the best month sells about 1.4 times an average
// one): the forecast keeps that shape from the data instead of a flat
// average. The shape error is the mean absolute difference between the
// forecast and the true continuation, each divided by its own 12-month
// mean; a flat forecast scores about 0.22 here.
func TestTwoYearsKeepSeasonality(t *testing.T) {
	worse, total := 0, 0
	sum := 0.0
	for n := 24; n <= 35; n++ {
		for seed := uint64(1); seed <= 10; seed++ {
			g := gen{n: n, level: 1000, amp: 0.3, mul: true, noise: 0.12, seed: seed*100 + uint64(n)}
			r, err := Fit(g.series(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var fm, tm float64
			for h := 0; h < 12; h++ {
				fm += r.Forecast[h] / 12
				tm += g.truth(n+h) / 12
			}
			e := 0.0
			for h := 0; h < 12; h++ {
				e += math.Abs(r.Forecast[h]/fm-g.truth(n+h)/tm) / 12
			}
			sum += e
			total++
			if e > 0.15 {
				worse++
				t.Logf("n=%d seed %d (%s): shape error %.3f", n, seed, r.Method, e)
			}
		}
	}
	t.Logf("mean shape error %.3f; %d of %d fits above 0.15", sum/float64(total), worse, total)
	if mean := sum / float64(total); mean > 0.08 || worse > total/10 {
		t.Errorf("mean shape error %.3f, %d of %d fits above 0.15: the seasonal shape is lost", mean, worse, total)
	}
}

// TestSelectionPrefersCombination checks the combination rule: preferred
// within comboTol of the best, not beyond it, and not on an exact tie
// (the simpler method wins those).
func TestSelectionPrefersCombination(t *testing.T) {
	bt := &backtest{methods: []methodID{mSNaive, mNaive, mNaive2, mSTL, mTheta, mCombo}}
	for _, m := range bt.methods {
		bt.eligible[m] = true
	}
	set := func(owa ...float64) {
		for i, v := range owa {
			bt.owa[bt.methods[i]] = v
		}
	}
	set(1, 1.2, 1, 0.7, 0.75, 0.7*(1+comboTol)-0.01)
	if got := bt.choose(); got != mCombo {
		t.Errorf("combination within %v of the best: chose %s", comboTol, got.code())
	}
	set(1, 1.2, 1, 0.7, 0.75, 0.7*(1+comboTol)+0.01)
	if got := bt.choose(); got != mSTL {
		t.Errorf("combination beyond %v of the best: chose %s, want stl_ses", comboTol, got.code())
	}
	set(1, 1.2, 1, 0.7, 0.75, 0.7)
	if got := bt.choose(); got != mSTL {
		t.Errorf("exact tie with the combination: chose %s, want the simpler stl_ses", got.code())
	}
	set(1, 1.2, 1, 0.7, 0.75, 0.6)
	if got := bt.choose(); got != mCombo {
		t.Errorf("combination best: chose %s", got.code())
	}
}

// TestCombinationNotes checks that a forecast by the combination names the
// methods it averages.
func TestCombinationNotes(t *testing.T) {
	found := false
	for seed := uint64(1); seed <= 20 && !found; seed++ {
		r, err := Fit(gen{n: 48, level: 300, trend: 0.004, amp: 0.25, mul: true, noise: 0.12, seed: seed}.series(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Method != "combination" {
			continue
		}
		found = true
		notes := strings.Join(r.Notes, " ")
		if !strings.Contains(notes, "The combination averages, month by month, the forecasts of the three methods") || strings.Count(notes, ", ")+strings.Count(notes, " and ") < 2 {
			t.Errorf("notes do not name the combined methods: %q", r.Notes)
		}
	}
	if !found {
		t.Fatal("the combination was never chosen on noisy seasonal series")
	}
}
