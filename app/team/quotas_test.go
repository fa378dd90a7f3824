package team_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/app/strategy"
	"salesplan/app/team"
	"salesplan/data/datatest"
)

// history is 24 months of sales from 2025-01 with a summer peak.
func history(scale int64) app.MonthlySeries {
	s := app.MonthlySeries{Start: app.NewMonth(2025, 1)}
	for i := 0; i < 24; i++ {
		v := scale
		if m := i % 12; m >= 5 && m <= 7 {
			v = scale * 2
		}
		s.Values = append(s.Values, v)
	}
	return s
}

func sum(v []int64) int64 {
	var t int64
	for _, x := range v {
		t += x
	}
	return t
}

// Reps and months always add up exactly to the target, whatever the team,
// the history and the target.
func TestQuotasAddUpExactlyToTheTarget(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2))
	regions := []string{"North", "South", "East", ""}
	for n := 0; n < 400; n++ {
		pd := plan()
		if rng.IntN(2) == 0 {
			pd.History = history(1 + rng.Int64N(5_000_000))
		}
		c := team.Of(pd)
		c.HistoryRegions = map[string]app.MonthlySeries{"north": history(rng.Int64N(900_000)), "south": history(1 + rng.Int64N(90_000))}
		for i := 0; i < 1+rng.IntN(9); i++ {
			r := team.Rep{ID: "r" + app.Itoa(i), Name: "R" + app.Itoa(i), Region: regions[rng.IntN(len(regions))],
				Level: team.Levels[rng.IntN(4)], Status: team.Statuses[rng.IntN(4)],
				HireDate: app.NewMonth(2020, 1).Add(rng.IntN(100)).Time().AddDate(0, 0, rng.IntN(28)).Format(team.DateLayout)}
			if r.Status == team.StatusLeft {
				r.LeaveDate = "2027-05-20"
			}
			c.Reps = append(c.Reps, r)
			if rng.IntN(3) == 0 {
				c.Quotas = append(c.Quotas, team.Quota{RepIDs: []string{r.ID}, RampMonths: rng.IntN(13) - 1, Potential: rng.Int64N(2_000_000)})
			}
		}
		target := rng.Int64N(1 << 40)
		qp := team.Quotas(pd, target)
		if len(c.Holders()) == 0 {
			if len(qp.Reps) != 0 {
				t.Fatalf("quotas without holders: %+v", qp)
			}
			continue
		}
		if qp.Total != target || sum(qp.Months) != target {
			t.Fatalf("case %d: reps %d, months %d, target %d", n, qp.Total, sum(qp.Months), target)
		}
		for _, r := range qp.Reps {
			if len(r.Months) != 12 || sum(r.Months) != r.Annual || r.Annual < 0 {
				t.Fatalf("case %d: %s months %v sum %d, annual %d", n, r.Name, r.Months, sum(r.Months), r.Annual)
			}
			for _, v := range r.Months {
				if v < 0 {
					t.Fatalf("case %d: negative month %v", n, r.Months)
				}
			}
		}
	}
}

func rep(id, region, level, hire string) team.Rep {
	return team.Rep{ID: id, Name: "Rep " + id, Region: region, Level: level, Status: team.StatusActive, HireDate: hire}
}

func TestQuotasWeighExperienceRampUpRegionAndSeason(t *testing.T) {
	pd := plan()
	pd.History = history(1_000_000)
	c := team.Of(pd)
	c.Reps = []team.Rep{
		rep("a", "North", team.LevelExperienced, "2018-01-01"),
		rep("b", "North", team.LevelSenior, "2015-01-01"),
		rep("c", "North", team.LevelNew, "2027-07-01"),
		{ID: "x", Name: "Candidate", Status: team.StatusCandidate},
	}
	c.Reps[2].Status = team.StatusOnboarding
	qp := team.Quotas(pd, 12_000_000_00)
	if len(qp.Reps) != 3 {
		t.Fatalf("holders: %+v", qp.Reps)
	}
	a, b, n := qp.Reps[0], qp.Reps[1], qp.Reps[2]
	// senior 115 % of an experienced rep, same region and months
	if got := float64(b.Annual) / float64(a.Annual); got < 1.149 || got > 1.151 {
		t.Errorf("senior ÷ experienced %.4f, want 1.15", got)
	}
	// the new rep carries nothing before the hire month, then ramps up
	for mi := 0; mi < 6; mi++ {
		if n.Months[mi] != 0 {
			t.Errorf("new rep month %d: %d before the hire date", mi+1, n.Months[mi])
		}
	}
	if n.Ramp != 6 || !(n.Months[6] < n.Months[7]) || n.Months[6] <= 0 {
		t.Errorf("ramp %d, months %v", n.Ramp, n.Months)
	}
	// season: June–August sell twice the other months in the history
	if r := float64(a.Months[6]) / float64(a.Months[0]); r < 1.99 || r > 2.01 {
		t.Errorf("July ÷ January %.3f, want 2", r)
	}
	// a ramp of 0 months: full from the hire month
	c.Quotas = []team.Quota{{RepIDs: []string{"c"}, RampMonths: 0}}
	qp = team.Quotas(pd, 12_000_000_00)
	if n := qp.Reps[2]; n.Ramp != 0 || float64(n.Months[7])/float64(n.Months[6]) > 1.01 {
		t.Errorf("no ramp: %v", n.Months)
	}

	// region potential from the history: North sells 4× South, one rep each
	c.Reps = []team.Rep{rep("a", "North", team.LevelExperienced, "2018-01-01"), rep("s", "South", team.LevelExperienced, "2018-01-01")}
	c.Quotas = nil
	c.HistoryRegions = map[string]app.MonthlySeries{"north": history(400_000), "south": history(100_000)}
	qp = team.Quotas(pd, 1_000_000_00)
	if qp.Reps[0].RegionSource != "history" || qp.Reps[0].Annual != 4*qp.Reps[1].Annual {
		t.Errorf("region weights: %+v", qp.Reps)
	}
	// a region without history: the potential entered counts instead
	delete(c.HistoryRegions, "south")
	c.Quotas = []team.Quota{{RepIDs: []string{"s"}, RampMonths: -1, Potential: 400_000 * 15}}
	qp = team.Quotas(pd, 1_000_000_00)
	if qp.Reps[1].RegionSource != "entered" || qp.Reps[0].Annual != qp.Reps[1].Annual {
		t.Errorf("entered potential: %+v", qp.Reps)
	}
}

func TestFixedQuotasAreKept(t *testing.T) {
	pd := plan()
	c := team.Of(pd)
	c.Reps = []team.Rep{rep("a", "", team.LevelExperienced, "2018-01-01"), rep("b", "", team.LevelExperienced, "2018-01-01")}
	c.Quotas = []team.Quota{{RepIDs: []string{"a"}, RampMonths: -1, Fixed: true, Annual: 300_00}}
	qp := team.Quotas(pd, 1_000_00)
	if qp.Reps[0].Annual != 300_00 || qp.Reps[1].Annual != 700_00 || qp.Problem != "" {
		t.Errorf("fixed: %+v", qp)
	}
	c.Quotas[0].Annual = 2_000_00
	qp = team.Quotas(pd, 1_000_00)
	if qp.Reps[1].Annual != 0 || qp.Problem == "" {
		t.Errorf("fixed above the target: %+v", qp)
	}
	if errs := (team.Quota{RampMonths: 40, Potential: -1}).Validate(); len(errs) != 3 {
		t.Errorf("validation: %s", messages(errs))
	}
}

// The realism rule: below 95 % of the rep's own last 12 months too easy,
// above 125 % too hard, fair between, no verdict without 12 months.
func TestRealismAgainstTheRepsOwnTrailingYear(t *testing.T) {
	for _, tc := range []struct {
		bp     int64
		months int
		want   string
	}{{9499, 12, team.TooEasy}, {9500, 12, team.Fair}, {12500, 12, team.Fair}, {12501, 12, team.TooHard}, {20000, 11, team.NoHistory}} {
		if got := team.Verdict(tc.bp, tc.months); got != tc.want {
			t.Errorf("%d bp, %d months: %s, want %s", tc.bp, tc.months, got, tc.want)
		}
	}
	pd := plan()
	pd.History = history(3_000_000)
	c := team.Of(pd)
	c.Reps = []team.Rep{rep("a", "", team.LevelExperienced, "2018-01-01"), rep("b", "", team.LevelExperienced, "2018-01-01"),
		rep("c", "", team.LevelExperienced, "2018-01-01")}
	c.HistoryByRep = map[string]app.MonthlySeries{"rep a": history(500_000), "rep b": history(100_000)}
	// history(x) has 15 x in its last 12 months; each quota is 15 000 000 × 1/3
	qp := team.Quotas(pd, 45_000_000)
	if r := qp.Reps[0]; r.Trailing != 7_500_000 || r.HistoryMonths != 12 || r.RatioBP != 20000 || r.Realism != team.TooHard {
		t.Errorf("a: %+v", r)
	}
	if r := qp.Reps[1]; r.RatioBP != 100000 || r.Realism != team.TooHard {
		t.Errorf("b: %+v", r)
	}
	if r := qp.Reps[2]; r.Realism != team.NoHistory {
		t.Errorf("c: %+v", r)
	}
	qp = team.Quotas(pd, 3*7_000_000)
	if r := qp.Reps[0]; r.Realism != team.TooEasy {
		t.Errorf("a at 7 000 000: %+v", r)
	}
	qp = team.Quotas(pd, 3*8_000_000)
	if r := qp.Reps[0]; r.Realism != team.Fair {
		t.Errorf("a at 8 000 000: %+v", r)
	}
}

// The strategy simulator pays the team's quota holders at their quotas.
func TestSimulatorUsesTheTeamsQuotas(t *testing.T) {
	pd := plan()
	pd.Reps = 9
	pd.Figures.Target.Amount = 1_000_000_00
	c := team.Of(pd)
	c.Reps = []team.Rep{rep("a", "", team.LevelSenior, "2018-01-01"), rep("b", "", team.LevelNew, "2027-04-01")}
	pd.Figures.Quotas = app.EvenQuotas
	team.Step().Figures(pd)
	qs := pd.Figures.Quotas
	if qs.Reps != 2 || len(qs.Names) != 2 || qs.Names[0] != "Rep a" {
		t.Fatalf("quota source %+v", qs)
	}
	f := team.FiguresOf(pd)
	got := qs.Split(f.Quotas.Target, 2)
	if f.Quotas.Target <= 0 || got[0] != f.Quotas.Reps[0].Annual || got[1] != f.Quotas.Reps[1].Annual || got[0]+got[1] != f.Quotas.Target {
		t.Errorf("split %v, quotas %+v", got, f.Quotas.Reps)
	}
	if other := qs.Split(10, 3); sum(other) != 10 || len(other) != 3 {
		t.Errorf("another count: %v", other)
	}
	sim := strategy.Simulate(strategy.IncentiveScheme{BaseBP: 500, Reps: 5}, pd)
	if sim.Reps != 2 || len(sim.Quotas) != 2 || sim.Quotas[0] != got[0] || sim.Quota != qs.Name {
		t.Errorf("simulation %+v", sim)
	}
}

// The demo's quotas: the seven quota holders share the revenue target
// exactly, Lena ramps up over four months, and the reps of the history
// get a realism verdict against their own last 12 months.
func TestDemoQuotas(t *testing.T) {
	db, pd := datatest.DemoPlan(t)
	q := team.FiguresOf(&pd).Quotas
	if len(q.Reps) != 7 || q.Target <= 0 || q.Total != q.Target || sum(q.Months) != q.Target || q.FromForecast {
		t.Fatalf("demo quotas: %d reps, total %d, target %d", len(q.Reps), q.Total, q.Target)
	}
	for _, r := range q.Reps {
		switch {
		case r.Name == "Lena Hoffmann":
			if r.Ramp != 4 || r.Months[0] != 0 || r.Realism != team.NoHistory {
				t.Errorf("Lena: %+v", r)
			}
		case r.HistoryMonths != 12 || r.Realism == team.NoHistory || r.RegionSource != "history":
			t.Errorf("%s: %+v", r.Name, r)
		}
	}
	j := team.Show(&pd)
	if len(j.Quotas) != 7 || len(j.Quotas[0].Months) != 12 || j.QuotaTarget.Problem != "" || j.QuotaTarget.Rule == "" {
		t.Errorf("show: %+v", j.QuotaTarget)
	}
	// copied to the next period, the quota row follows the copy's Lena
	cp, err := db.DuplicatePlan(context.Background(), pd.Plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	next, err := app.LoadPlanData(context.Background(), db, steps.Registry(), cp.ID, pd.Locale)
	if err != nil {
		t.Fatal(err)
	}
	nc := team.Of(&next)
	if len(nc.Quotas) != 1 || nc.Rep(nc.Quotas[0].Rep()) == nil || nc.Rep(nc.Quotas[0].Rep()).Name != "Lena Hoffmann" {
		t.Errorf("copied quota rows %+v", nc.Quotas)
	}
}

// Without a revenue target the quotas say so in a sentence and say what
// to do; the forecast standing in is named too.
func TestQuotaProblemsInWords(t *testing.T) {
	pd := plan()
	if p := team.QuotaProblem(team.Quotas(pd, 0)); !strings.Contains(p, "No rep carries a quota yet") {
		t.Errorf("no reps: %q", p)
	}
	c := team.Of(pd)
	c.Reps = []team.Rep{rep("a", "", team.LevelExperienced, "2018-01-01")}
	q := team.Quotas(pd, 0)
	if p := team.QuotaProblem(q); !strings.Contains(p, "no revenue target to split; set one on step 2") || q.Total != 0 {
		t.Errorf("no target: %q", p)
	}
	q = team.Quotas(pd, 1000)
	q.FromForecast = true
	if p := team.QuotaProblem(q); !strings.Contains(p, "the quotas split the forecast") {
		t.Errorf("forecast: %q", p)
	}
}

// Fixed months are kept and the rest of the rep's quota spread over the
// other months: reps and months still sum exactly to the target; fixed
// months beyond the annual quota are named.
func TestQuotasFixedMonthByMonth(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 21))
	for n := 0; n < 200; n++ {
		pd := plan()
		pd.History = history(1_000_000)
		target := 1_000_000 + rng.Int64N(90_000_000)
		pd.Figures.Target = app.Target{Amount: target}
		c := team.Of(pd)
		for i := 0; i < 1+rng.IntN(4); i++ {
			r := team.Rep{ID: "r" + app.Itoa(i), Name: "R" + app.Itoa(i), Level: team.LevelExperienced, Status: team.StatusActive, HireDate: "2020-01-01"}
			c.Reps = append(c.Reps, r)
			q := team.Quota{RepIDs: []string{r.ID}, RampMonths: -1, MonthFixed: make([]int64, 12)}
			for mi := range q.MonthFixed {
				q.MonthFixed[mi] = -1
				if rng.IntN(4) == 0 {
					q.MonthFixed[mi] = rng.Int64N(target / 100)
				}
			}
			c.Quotas = append(c.Quotas, q)
		}
		qp := team.Compute(pd).Quotas
		if qp.Problem != "" {
			continue
		}
		if qp.Total != target {
			t.Fatalf("total %d, target %d", qp.Total, target)
		}
		for i, rq := range qp.Reps {
			if sum(rq.Months) != rq.Annual {
				t.Fatalf("%s months sum to %d, annual %d", rq.Name, sum(rq.Months), rq.Annual)
			}
			for mi, v := range c.Quotas[i].MonthFixed {
				if v >= 0 && (rq.Months[mi] != v || !rq.FixedMonths[mi]) {
					t.Fatalf("%s month %d: %d, fixed at %d", rq.Name, mi, rq.Months[mi], v)
				}
			}
		}
	}
	pd := plan()
	pd.Figures.Target = app.Target{Amount: 1_000_000}
	c := team.Of(pd)
	c.Reps = []team.Rep{{ID: "a", Name: "Ann", Level: team.LevelExperienced, Status: team.StatusActive, HireDate: "2020-01-01"},
		{ID: "b", Name: "Ben", Level: team.LevelExperienced, Status: team.StatusActive, HireDate: "2020-01-01"}}
	c.Quotas = []team.Quota{{RepIDs: []string{"a"}, RampMonths: -1, MonthFixed: []int64{900_000}}}
	qp := team.Compute(pd).Quotas
	if !strings.Contains(team.QuotaProblem(qp), "Ann's fixed months add up to more than the annual quota by €4,000.00") {
		t.Errorf("problem %q", team.QuotaProblem(qp))
	}
}
