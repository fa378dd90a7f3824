package strategy_test

import (
	"math/rand/v2"
	"testing"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/app/strategy"
	"salesplan/data/datatest"
)

func TestPayoutProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	for n := 0; n < 300; n++ {
		s := strategy.IncentiveScheme{BaseBP: rng.Int64N(1000)}
		for k := rng.IntN(4); k > 0; k-- {
			s.Tiers = append(s.Tiers, strategy.Tier{ThresholdBP: 5000 + rng.Int64N(15000), RateBP: rng.Int64N(2000)})
		}
		if rng.IntN(2) == 0 {
			s.Bonus = rng.Int64N(500000)
		}
		if rng.IntN(2) == 0 {
			c := rng.Int64N(5_000_000)
			s.Cap = &c
		}
		quota := 1 + rng.Int64N(50_000_000)
		prev := int64(-1)
		for a := int64(0); a <= 20000; a += 250 {
			rev, _ := app.MulRatio(quota, a, 10000)
			p := s.Payout(rev, quota)
			if p < prev {
				t.Fatalf("payout fell from %d to %d at %d bp (scheme %+v, quota %d)", prev, p, a, s, quota)
			}
			if s.Cap != nil && p > *s.Cap {
				t.Fatalf("cap %d exceeded: %d", *s.Cap, p)
			}
			prev = p
		}
	}
}

func TestPayoutTiersAreMarginalAndExact(t *testing.T) {
	s := strategy.IncentiveScheme{BaseBP: 300, Tiers: []strategy.Tier{{ThresholdBP: 10000, RateBP: 500}, {ThresholdBP: 12000, RateBP: 700}}, Bonus: 10000}
	quota := int64(1_000_000) // €10,000.00
	for _, tc := range []struct {
		revenue, want int64
	}{
		{999_999, 30_000},                    // 3 % of 9,999.99 = 299.9997 → 300.00
		{1_000_000, 30_000 + 10_000},         // exactly at quota: base on all, bonus paid
		{1_100_000, 30_000 + 5_000 + 10_000}, // 5 % only on the 1,000.00 above quota
		{1_200_000, 30_000 + 10_000 + 10_000},
		{1_300_000, 30_000 + 10_000 + 7_000 + 10_000},
		{0, 0},
		{-500, 0},
	} {
		if got := s.Payout(tc.revenue, quota); got != tc.want {
			t.Errorf("revenue %d: payout %d, want %d", tc.revenue, got, tc.want)
		}
	}
	c := int64(45_000)
	s.Cap = &c
	if got := s.Payout(1_300_000, quota); got != 45_000 {
		t.Errorf("capped payout %d", got)
	}
}

func TestSimulatorTotalsAndCosts(t *testing.T) {
	_, full := datatest.FullDemoPlan(t)
	c := strategy.Of(&full)
	if c.Scheme == nil || len(c.Initiatives) != 3 || full.Reps != 6 {
		t.Fatalf("demo strategy: scheme %v, %d initiatives, %d reps", c.Scheme, len(c.Initiatives), full.Reps)
	}
	sim := *strategy.FiguresOf(&full).Simulation
	if again := strategy.Simulate(*c.Scheme, &full); len(again.Rows) != len(sim.Rows) || again.Rows[2].Payout != sim.Rows[2].Payout {
		t.Errorf("the figures' simulation differs from a fresh one")
	}
	// the demo team's seven quota holders (six reps of the history and one
	// in onboarding) are the simulated salespeople, at their quotas
	if sim.Problem != "" || len(sim.Rows) != 5 || sim.Reps != 7 || full.Figures.Quotas.Reps != 7 {
		t.Fatalf("simulation %+v", sim)
	}
	var quotas int64
	for _, q := range sim.Quotas {
		quotas += q
	}
	if quotas != sim.Target {
		t.Errorf("quotas %d do not add up to the target %d", quotas, sim.Target)
	}
	for i, r := range sim.Rows {
		var sum int64
		for _, p := range r.RepPayout {
			sum += p
		}
		if sum != r.Payout {
			t.Errorf("row %d: total %d != sum of reps %d", i, r.Payout, sum)
		}
		if i > 0 && r.Payout < sim.Rows[i-1].Payout {
			t.Errorf("payout not monotonic at row %d", i)
		}
	}
	if full.Figures.IncentiveCost == nil {
		t.Fatal("the strategy step contributed no incentive cost")
	}
	if got := full.Figures.IncentiveCost(10000); got != sim.Rows[2].Payout {
		t.Errorf("incentive cost at 100 %% = %d, simulator %d", got, sim.Rows[2].Payout)
	}
	costs := strategy.InitiativeCosts(c.Initiatives, full.Plan)
	var total, want int64
	for _, v := range costs {
		total += v
	}
	for _, in := range c.Initiatives {
		want += in.Cost
	}
	if total != want {
		t.Errorf("initiative costs by month add up to %d, want %d", total, want)
	}
	var line *app.CostLine
	for i := range full.Figures.CostLines {
		if full.Figures.CostLines[i].Key == "initiatives" {
			line = &full.Figures.CostLines[i]
		}
	}
	if line == nil || line.Total() != want || len(line.Months) != full.Plan.Months {
		t.Errorf("initiative cost line for the budget: %+v, want a total of %d over %d months", line, want, full.Plan.Months)
	}
	if st := steps.Registry().Status(app.StepStrategy, &full); st != app.Complete {
		t.Errorf("demo strategy status %v", st)
	}
}
