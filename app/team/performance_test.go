package team_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/app/team"
)

// monitoredPlan is a plan with three active reps and a target.
func monitoredPlan() *app.PlanData {
	pd := plan()
	pd.Figures.Target = app.Target{Amount: 1_200_000_00}
	c := team.Of(pd)
	c.Reps = []team.Rep{
		{ID: "a", Name: "Ann Able", Region: "North", Level: team.LevelSenior, Status: team.StatusActive, HireDate: "2015-01-01"},
		{ID: "b", Name: "Ben Baker", Region: "South", Level: team.LevelExperienced, Status: team.StatusActive, HireDate: "2018-01-01"},
		{ID: "c", Name: "Cleo Cole", Region: "West", Level: team.LevelNew, Status: team.StatusActive, HireDate: "2026-11-01"},
	}
	return pd
}

func act(rep, date, kind string, n int, group string) team.Activity {
	return team.Activity{RepIDs: []string{rep}, Date: date, Kind: kind, Count: n, Group: group}
}

func TestParseKindTakesPluralsAndShortForms(t *testing.T) {
	for in, want := range map[string]string{"Visits": "visit", "visit": "visit", "CALLS": "call", "ca": "call", "co": "contact",
		"p": "proposal", "Orders": "order", "o": "order", " v ": "visit"} {
		if got, ok := team.ParseKind(in); !ok || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "c", "meeting", "visitss"} {
		if got, ok := team.ParseKind(in); ok {
			t.Errorf("%q read as %q", in, got)
		}
	}
	if m := team.KindProblem("c"); !strings.Contains(m, "call or a contact") {
		t.Errorf("c: %q", m)
	}
}

func TestFindRepByNameFirstLettersOrInitials(t *testing.T) {
	c := team.Of(monitoredPlan())
	for in, want := range map[string]string{"ann able": "a", "Ben": "b", "cole": "c", "CC": "c", "ab": "a"} {
		if r, msg := c.FindRep(in); r == nil || r.ID != want {
			t.Errorf("%q: %v %q, want %s", in, r, msg, want)
		}
	}
	c.Reps = append(c.Reps, team.Rep{ID: "d", Name: "Anna Bell", Status: team.StatusActive})
	if r, msg := c.FindRep("an"); r != nil || !strings.Contains(msg, "could be Ann Able or Anna Bell") {
		t.Errorf("ambiguous: %v %q", r, msg)
	}
	if r, msg := c.FindRep("Zed"); r != nil || !strings.Contains(msg, "There is no rep “Zed”") {
		t.Errorf("unknown: %v %q", r, msg)
	}
}

// An activity before the hire date, after the plan, or of an unknown kind
// is refused with a sentence; zero visits are fine.
func TestCheckActivity(t *testing.T) {
	pd := monitoredPlan()
	c := team.Of(pd)
	ok := act("c", "2027-03-01", "visit", 0, "")
	if p := team.CheckActivity(c, pd.Plan, ok); len(p) != 0 {
		t.Errorf("zero visits: %v", p)
	}
	pd.Plan.Start = app.NewMonth(2026, 6)
	if p := strings.Join(team.CheckActivity(c, pd.Plan, act("c", "2026-10-15", "visit", 2, "")), " "); !strings.Contains(p, "2026-10-15 is before Cleo Cole was hired (2026-11-01)") {
		t.Errorf("before hire: %q", p)
	}
	pd.Plan.Start = app.NewMonth(2027, 1)
	if p := strings.Join(team.CheckActivity(c, pd.Plan, act("a", "2028-01-02", "visit", 2, "")), " "); !strings.Contains(p, "outside the plan period (2027-01-01 to 2027-12-31)") {
		t.Errorf("after the plan: %q", p)
	}
	if p := strings.Join(team.CheckActivity(c, pd.Plan, act("a", "2027-01-02", "meeting", -1, "")), " "); !strings.Contains(p, "“meeting” is not an activity kind") ||
		!strings.Contains(p, "A count of -1") {
		t.Errorf("kind and count: %q", p)
	}
}

func TestRatingProblems(t *testing.T) {
	for _, tc := range []struct {
		rating, scale int
		bad           string
	}{{11, 5, "outside the 1–5 scale"}, {0, 5, "outside the 1–5 scale"}, {1, 5, ""}, {5, 5, ""}, {0, 10, ""}, {10, 10, ""}, {11, 10, "outside the 0–10 scale"}, {3, 7, "neither 5"}} {
		got := team.RatingProblem(tc.rating, tc.scale)
		if (tc.bad == "") != (got == "") || !strings.Contains(got, tc.bad) {
			t.Errorf("%d of %d: %q, want %q", tc.rating, tc.scale, got, tc.bad)
		}
	}
	if v := (team.Poll{Scale: 10, Rating: 9}).Score5(); math.Abs(v-4.6) > 1e-9 {
		t.Errorf("9 of 10 → %v", v)
	}
}

// The ratios, the team median and the diagnosis follow the log: Cleo is
// new and far below, espresso proposals convert weakly for two reps.
func TestConversionAgainstTheTeamMedian(t *testing.T) {
	pd := monitoredPlan()
	c := team.Of(pd)
	c.Activities = []team.Activity{
		act("a", "2027-01-05", "visit", 20, ""), act("a", "2027-01-05", "contact", 30, ""), act("a", "2027-01-06", "proposal", 10, "Tools"),
		act("a", "2027-01-07", "order", 5, "Tools"),
		act("b", "2027-01-05", "visit", 24, ""), act("b", "2027-01-05", "contact", 24, ""), act("b", "2027-01-06", "proposal", 8, "Machines"),
		act("b", "2027-01-07", "order", 1, "Machines"), act("b", "2027-01-06", "proposal", 4, "Tools"), act("b", "2027-01-07", "order", 3, "Tools"),
		act("c", "2027-02-05", "visit", 40, ""), act("c", "2027-02-05", "contact", 10, ""), act("c", "2027-02-06", "proposal", 10, "Machines"),
		act("c", "2027-02-07", "order", 1, "Machines"),
		act("a", "2026-12-31", "visit", 500, ""), // before the plan: not counted
	}
	perf := team.Compute(pd).Performance
	tc := perf.Conversion
	if tc.Visits != 84 || tc.Orders != 10 || tc.Proposals != 32 || math.Abs(tc.VisitsPerOrder-8.4) > 1e-9 || math.Abs(tc.ProposalToOrder-10.0/32) > 1e-9 {
		t.Fatalf("team %+v", tc)
	}
	if len(perf.Funnel) != 5 || perf.Funnel[0] != (team.FunnelStage{Kind: "visit", Count: 84}) || perf.Funnel[4].Count != 10 {
		t.Errorf("funnel %+v", perf.Funnel)
	}
	// visits per order: a 4, b 6, c 40 → median 6; proposal → order: a 0.5, b 0.333, c 0.1 → median 0.333
	if perf.Median.VisitsPerOrder != 6 || math.Abs(perf.Median.ProposalToOrder-1.0/3) > 1e-9 {
		t.Errorf("median %+v", perf.Median)
	}
	byName := map[string]team.RepConversion{}
	for _, rc := range perf.Conversions {
		byName[rc.Name] = rc
	}
	if b := byName["Ben Baker"]; len(b.Below) != 0 || len(b.Hints) != 0 {
		t.Errorf("Ben is not far below: %+v", b)
	}
	cleo := byName["Cleo Cole"]
	if strings.Join(cleo.Below, ", ") != "visits per order, contacts per order, proposal → order" { // contacts per order: 6, 6, 10 → median 6
		t.Errorf("Cleo below: %v", cleo.Below)
	}
	if len(cleo.Hints) < 2 || cleo.Hints[0].Cause != team.CauseExperience || !strings.Contains(cleo.Hints[0].Text, "new to the industry") {
		t.Fatalf("Cleo's hints: %+v", cleo.Hints)
	}
	causes := map[string]bool{}
	for _, h := range cleo.Hints {
		causes[h.Cause] = true
	}
	if !causes[team.CauseProduct] || !causes[team.CauseTerritory] {
		t.Errorf("Cleo's hints lack the product (Machines weak for Ben and Cleo) or the territory (most visits, fewest orders): %+v", cleo.Hints)
	}
	for i := 1; i < len(cleo.Hints); i++ {
		if cleo.Hints[i].Support > cleo.Hints[i-1].Support {
			t.Errorf("hints not ordered by support: %+v", cleo.Hints)
		}
	}
}

// Whatever the log, the team's counts are the sum of the reps' and the
// ratios are the counts' quotients; a rep without orders has no visits per
// order, and no ratio is NaN or infinite.
func TestConversionProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 7))
	for n := 0; n < 300; n++ {
		pd := monitoredPlan()
		c := team.Of(pd)
		for i := 0; i < rng.IntN(60); i++ {
			rep := []string{"a", "b", "c"}[rng.IntN(3)]
			c.Activities = append(c.Activities, act(rep, app.NewMonth(2027, 1).Add(rng.IntN(12)).Time().AddDate(0, 0, rng.IntN(28)).Format(team.DateLayout),
				team.Kinds[rng.IntN(5)], rng.IntN(20), []string{"", "X", "Y"}[rng.IntN(3)]))
		}
		perf := team.Compute(pd).Performance
		var sum team.Conversion
		for _, rc := range perf.Conversions {
			for _, k := range team.Kinds {
				sum.Visits += map[bool]int{true: rc.Count(k)}[k == team.KindVisit]
				sum.Orders += map[bool]int{true: rc.Count(k)}[k == team.KindOrder]
				sum.Proposals += map[bool]int{true: rc.Count(k)}[k == team.KindProposal]
			}
			for _, v := range []float64{rc.VisitsPerOrder, rc.ContactsPerOrder, rc.ProposalToOrder} {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Fatalf("ratio %v of %+v", v, rc.Conversion)
				}
			}
			if rc.Orders == 0 && rc.VisitsPerOrder != 0 || rc.Orders > 0 && math.Abs(rc.VisitsPerOrder*float64(rc.Orders)-float64(rc.Visits)) > 1e-6 {
				t.Fatalf("visits per order %+v", rc.Conversion)
			}
			if rc.Proposals > 0 && math.Abs(rc.ProposalToOrder*float64(rc.Proposals)-float64(rc.Orders)) > 1e-6 {
				t.Fatalf("proposal → order %+v", rc.Conversion)
			}
			if len(rc.Below) > 0 && len(rc.Hints) == 0 {
				t.Fatalf("a rep far below gets at least one hint: %+v", rc)
			}
		}
		if sum.Visits != perf.Conversion.Visits || sum.Orders != perf.Conversion.Orders || sum.Proposals != perf.Conversion.Proposals {
			t.Fatalf("team %+v, reps sum to %+v", perf.Conversion, sum)
		}
	}
}

// Attainment: by salesperson, the actuals are each rep's history in the
// plan months with sales, against their quota of those months; the team's
// quota is the sum of the reps' monthly quotas.
func TestAttainmentFromTheHistory(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 9))
	for n := 0; n < 100; n++ {
		pd := monitoredPlan()
		c := team.Of(pd)
		months := rng.IntN(8)
		start := app.NewMonth(2026, 1)
		pd.History = app.MonthlySeries{Start: start}
		c.HistoryByRep = map[string]app.MonthlySeries{}
		for _, r := range c.Reps {
			c.HistoryByRep[strings.ToLower(r.Name)] = app.MonthlySeries{Start: start}
		}
		for i := 0; i < 12+months; i++ {
			var total int64
			for _, r := range c.Reps {
				k := strings.ToLower(r.Name)
				v := rng.Int64N(9_000_000)
				s := c.HistoryByRep[k]
				s.Values = append(s.Values, v)
				c.HistoryByRep[k] = s
				total += v
			}
			pd.History.Values = append(pd.History.Values, total)
		}
		f := team.Compute(pd)
		perf := f.Performance
		if perf.Months != months || len(perf.ActualMonths) != months || perf.Basis != team.BySalesperson {
			t.Fatalf("months %d %v basis %s, want %d", perf.Months, perf.ActualMonths, perf.Basis, months)
		}
		var teamQuota, teamActual int64
		for i, ra := range perf.Reps {
			rq := f.Quotas.Reps[i]
			var q, a int64
			for mi, ma := range ra.Monthly {
				if ma.Quota != rq.Months[mi] {
					t.Fatalf("%s month %d quota %d, want %d", ra.Name, mi, ma.Quota, rq.Months[mi])
				}
				if want := c.HistoryByRep[strings.ToLower(ra.Name)].Values[12+mi]; ma.Actual != want {
					t.Fatalf("%s month %d actual %d, want %d", ra.Name, mi, ma.Actual, want)
				}
				q, a = q+ma.Quota, a+ma.Actual
			}
			if ra.Quota != q || ra.Actual != a || ra.OK != (q > 0) || ra.OK && ra.BP != app.RoundDiv(a*10000, q) {
				t.Fatalf("%s %+v, want quota %d actual %d", ra.Name, ra.Attainment, q, a)
			}
			teamQuota, teamActual = teamQuota+q, teamActual+a
		}
		if perf.Team.Quota != teamQuota || perf.Team.Actual != teamActual {
			t.Fatalf("team %+v, reps sum to %d / %d", perf.Team, teamQuota, teamActual)
		}
	}
}

// Without a salesperson column the region's sales are shared by its reps
// in proportion to their quotas, exactly.
func TestAttainmentByRegion(t *testing.T) {
	pd := monitoredPlan()
	c := team.Of(pd)
	c.Reps[1].Region = "North" // Ann and Ben share the North
	start := app.NewMonth(2026, 1)
	north := app.MonthlySeries{Start: start}
	for i := 0; i < 14; i++ {
		north.Values = append(north.Values, 1_000_001)
	}
	c.HistoryRegions = map[string]app.MonthlySeries{"north": north}
	pd.History = north
	perf := team.Compute(pd).Performance
	if perf.Basis != team.ByRegion || perf.Months != 2 {
		t.Fatalf("basis %s months %d", perf.Basis, perf.Months)
	}
	for mi := 0; mi < 2; mi++ {
		if got := perf.Reps[0].Monthly[mi].Actual + perf.Reps[1].Monthly[mi].Actual; got != 1_000_001 {
			t.Errorf("month %d: North shared as %d", mi, got)
		}
		if perf.Reps[2].Monthly[mi].Actual != 0 {
			t.Errorf("West has no history: %+v", perf.Reps[2].Monthly[mi])
		}
	}
	if !strings.Contains(team.AttainmentRule[perf.Basis], "names no salesperson") {
		t.Errorf("rule %q", team.AttainmentRule[perf.Basis])
	}
}

// Poll averages per rep and month and the trend: the latest month against
// the months before.
func TestPollAveragesAndTrend(t *testing.T) {
	pd := monitoredPlan()
	c := team.Of(pd)
	poll := func(rep, date string, rating, scale int) team.Poll {
		return team.Poll{RepIDs: []string{rep}, Date: date, Rating: rating, Scale: scale}
	}
	c.Polls = []team.Poll{poll("a", "2027-01-10", 3, 5), poll("a", "2027-01-20", 4, 5), poll("a", "2027-03-02", 10, 10), poll("b", "2027-02-01", 4, 5)}
	perf := team.Compute(pd).Performance
	a := perf.Ratings[0]
	if a.Count != 3 || math.Abs(a.Average-4) > 1e-9 || len(a.Monthly) != 2 || !a.TrendOK || math.Abs(a.Trend-1.5) > 1e-9 {
		t.Errorf("Ann %+v", a)
	}
	if b := perf.Ratings[1]; b.Count != 1 || b.TrendOK {
		t.Errorf("Ben %+v", b)
	}
	if perf.Rating.Count != 4 || math.Abs(perf.Rating.Average-4) > 1e-9 || len(perf.MonthlyRatings) != 3 {
		t.Errorf("team %+v %+v", perf.Rating, perf.MonthlyRatings)
	}
}

// The funnel worked backwards: orders = ⌈quota ÷ average order⌉,
// proposals = ⌈orders ÷ rate⌉, visits = ⌈orders × visits per order⌉; a rep
// with few orders is measured by the team's ratios.
func TestRequiredActivity(t *testing.T) {
	pd := monitoredPlan()
	c := team.Of(pd)
	order := func(rep, date string, n int, amount int64) team.Activity {
		a := act(rep, date, "order", n, "")
		a.Amount = amount
		return a
	}
	c.Activities = []team.Activity{
		act("a", "2027-01-05", "visit", 30, ""), act("a", "2027-01-05", "contact", 20, ""), act("a", "2027-01-06", "proposal", 20, ""),
		order("a", "2027-01-07", 10, 10*500_000), // 10 orders of €5,000: 3 visits and 2 contacts per order, half the proposals
		act("b", "2027-01-05", "visit", 10, ""), act("b", "2027-01-06", "proposal", 4, ""), order("b", "2027-01-07", 2, 2*200_000),
	}
	f := team.Compute(pd)
	byName := map[string]team.Required{}
	for _, rr := range f.Required {
		byName[rr.Name] = rr
	}
	ann := byName["Ann Able"]
	if ann.Source != "own" || ann.AvgOrder != 500_000 || ann.Problem != "" {
		t.Fatalf("Ann %+v", ann)
	}
	rq := f.Quotas.Reps[0]
	for mi, m := range ann.Months {
		orders := int((rq.Months[mi] + 499_999) / 500_000)
		if m.Quota != rq.Months[mi] || m.Orders != orders || m.Proposals != 2*orders || m.Visits != 3*orders || m.Contacts != 2*orders {
			t.Fatalf("month %d: %+v, want %d orders", mi, m, orders)
		}
	}
	if ann.Logged != 30 || ann.Pace != team.Pace(ann.PerMonth.Visits, 30) {
		t.Errorf("Ann's pace %v %q", ann.Logged, ann.Pace)
	}
	// Ben has 2 orders: the team's ratios (12 orders, 40 visits) and average order
	ben := byName["Ben Baker"]
	if ben.Source != "team" || ben.AvgOrder != app.RoundDiv(5_400_000, 12) || ben.Ratios.Orders != 12 {
		t.Errorf("Ben %+v", ben)
	}
	// Cleo logged nothing: measured by the team, no pace to compare with
	if cleo := byName["Cleo Cole"]; cleo.Pace != team.PaceUnknown || cleo.Source != "team" {
		t.Errorf("Cleo %+v", cleo)
	}
	for _, tc := range []struct {
		need   int
		logged float64
		want   string
	}{{10, 10, team.PaceReachable}, {12, 10, team.PaceStretch}, {13, 10, team.PaceTooFar}, {5, 0, team.PaceUnknown}} {
		if got := team.Pace(tc.need, tc.logged); got != tc.want {
			t.Errorf("Pace(%d, %v) = %q, want %q", tc.need, tc.logged, got, tc.want)
		}
	}
	// without order amounts nothing can be worked out, and the page says why
	c.Activities = c.Activities[:3]
	if rr := team.Compute(pd).Required[0]; !strings.Contains(rr.Problem, "Log orders with their amount") {
		t.Errorf("no amounts: %+v", rr)
	}
}
