package team_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/app/team"
	"salesplan/data/datatest"
)

// plan returns plan data of 12 months from 2027-01 with the default framework.
func plan() *app.PlanData {
	cur, _ := app.LookupCurrency("EUR")
	pd := &app.PlanData{Plan: app.Plan{ID: "p", Start: app.NewMonth(2027, 1), Months: 12, Currency: "EUR"},
		Locale: app.LocaleFor("en_US"), Currency: cur}
	c := team.Of(pd)
	for i, k := range team.DefaultCompetencies {
		k.ID = "k" + app.Itoa(i)
		c.Competencies = append(c.Competencies, k)
	}
	return pd
}

func messages(errs []app.FieldError) string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Field+": "+e.Message)
	}
	return strings.Join(s, "\n")
}

func TestMonthCostFromHireUntilLeave(t *testing.T) {
	feb, mar := app.NewMonth(2027, 2), app.NewMonth(2027, 3)
	for _, tc := range []struct {
		name string
		rep  team.Rep
		m    app.Month
		want int64
	}{
		{"hired long before: full month", team.Rep{Status: team.StatusActive, HireDate: "2020-01-01", MonthlyCost: 600_000}, feb, 600_000},
		{"hired on the 15th of 28 days: 14 days", team.Rep{Status: team.StatusOnboarding, HireDate: "2027-02-15", MonthlyCost: 560_000}, feb, 280_000},
		{"hired after the month: nothing", team.Rep{Status: team.StatusOnboarding, HireDate: "2027-03-01", MonthlyCost: 560_000}, feb, 0},
		{"hired on the 1st: full month", team.Rep{Status: team.StatusOnboarding, HireDate: "2027-03-01", MonthlyCost: 560_000}, mar, 560_000},
		{"left on the 10th of 31 days: 10 days, rounded half up", team.Rep{Status: team.StatusLeft, HireDate: "2020-01-01", LeaveDate: "2027-03-10", MonthlyCost: 100_000}, mar, 32_258},
		{"left before the month: nothing", team.Rep{Status: team.StatusLeft, HireDate: "2020-01-01", LeaveDate: "2027-02-28", MonthlyCost: 100_000}, mar, 0},
		{"hired and left within the month: both ends count", team.Rep{Status: team.StatusLeft, HireDate: "2027-03-02", LeaveDate: "2027-03-02", MonthlyCost: 310_000}, mar, 10_000},
		{"a candidate costs nothing", team.Rep{Status: team.StatusCandidate, HireDate: "2020-01-01", MonthlyCost: 600_000}, feb, 0},
	} {
		if got := team.MonthCost(tc.rep, tc.m); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

// The salary line is the exact sum of every person's months, a full
// month costs the monthly cost, and a month split between a leaver and
// the successor hired the day after costs the monthly cost within a cent.
func TestSalaryLineIsTheExactSumOfThePeople(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 13))
	for n := 0; n < 300; n++ {
		pd := plan()
		c := team.Of(pd)
		for i := 0; i < 1+rng.IntN(8); i++ {
			hire := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(700))
			r := team.Rep{ID: "r" + app.Itoa(i), Name: "R" + app.Itoa(i), Status: team.StatusActive, HireDate: hire.Format(team.DateLayout),
				MonthlyCost: rng.Int64N(1_000_000)}
			if rng.IntN(3) == 0 {
				r.Status, r.LeaveDate = team.StatusLeft, hire.AddDate(0, 0, rng.IntN(400)).Format(team.DateLayout)
			}
			c.Reps = append(c.Reps, r)
		}
		f := team.Compute(pd)
		for mi := range f.Months {
			var sum int64
			for _, r := range c.Reps {
				sum += f.SalaryByRep[r.ID][mi]
				if v := f.SalaryByRep[r.ID][mi]; v < 0 || v > r.MonthlyCost {
					t.Fatalf("%s costs %d in month %d of a monthly %d", r.Name, v, mi, r.MonthlyCost)
				}
			}
			if sum != f.Salaries[mi] {
				t.Fatalf("month %d: line %d, people %d", mi, f.Salaries[mi], sum)
			}
		}
		// a leaver and the successor hired the next day
		leave := time.Date(2027, time.Month(1+rng.IntN(12)), 1+rng.IntN(27), 0, 0, 0, 0, time.UTC)
		cost := rng.Int64N(1_000_000)
		a := team.Rep{Status: team.StatusLeft, HireDate: "2020-01-01", LeaveDate: leave.Format(team.DateLayout), MonthlyCost: cost}
		b := team.Rep{Status: team.StatusOnboarding, HireDate: leave.AddDate(0, 0, 1).Format(team.DateLayout), MonthlyCost: cost}
		m := app.NewMonth(leave.Year(), leave.Month())
		if got := team.MonthCost(a, m) + team.MonthCost(b, m); got < cost-1 || got > cost+1 {
			t.Fatalf("leaver on %s and successor: %d, want %d ± 1", leave.Format(team.DateLayout), got, cost)
		}
	}
}

func TestCostLinesForTheBudget(t *testing.T) {
	pd := plan()
	c := team.Of(pd)
	c.Reps = []team.Rep{
		{ID: "a", Name: "A", Status: team.StatusActive, HireDate: "2020-01-01", MonthlyCost: 500_000},
		{ID: "c", Name: "C", Status: team.StatusCandidate, MonthlyCost: 900_000},
	}
	c.Trainings = []team.Training{
		{Topic: "T", Month: app.NewMonth(2027, 3), Cost: 120_000, Attendees: []string{"a"}},
		{Topic: "Before the plan", Month: app.NewMonth(2026, 12), Cost: 99_000, Attendees: []string{"a"}},
	}
	c.Positions = []team.OpenPosition{{Title: "P", Month: app.NewMonth(2027, 5), Cost: 800_000}}
	reg := steps.Registry()
	reg.Compute(pd)
	lines := map[string]app.CostLine{}
	for _, l := range pd.Figures.CostLines {
		if l.Step == app.StepTeam {
			lines[l.Key] = l
		}
	}
	if got := lines["team-salaries"].Total(); got != 12*500_000 {
		t.Errorf("salaries %d, want %d", got, 12*500_000)
	}
	if l := lines["team-training"]; l.Total() != 120_000 || l.Months[2] != 120_000 {
		t.Errorf("training %v: the session of March only", l.Months)
	}
	if l := lines["team-recruiting"]; l.Total() != 800_000 || l.Months[4] != 800_000 {
		t.Errorf("recruiting %v: the position of May", l.Months)
	}
}

func TestFitScore(t *testing.T) {
	profile := []team.Requirement{{"Prospecting", 4}, {"Closing", 3}, {"Negotiation", 3}}
	for _, tc := range []struct {
		ratings map[string]int
		want    float64
		unrated int
	}{
		{map[string]int{"Prospecting": 4, "Closing": 3, "Negotiation": 3}, 1, 0},
		{map[string]int{"Prospecting": 5, "Closing": 5, "Negotiation": 5}, 1, 0}, // above the level does not count more
		{map[string]int{"Prospecting": 2, "Closing": 3, "Negotiation": 1}, 0.6, 0},
		{map[string]int{"Prospecting": 4}, 0.4, 2},
		{nil, 0, 3},
	} {
		got, unrated := team.FitScore(team.Rep{Ratings: tc.ratings}, profile)
		if got != tc.want || unrated != tc.unrated {
			t.Errorf("%v: %v (%d unrated), want %v (%d)", tc.ratings, got, unrated, tc.want, tc.unrated)
		}
	}
	// without a profile of its own a position needs the framework's levels
	pd := plan()
	c := team.Of(pd)
	full := map[string]int{}
	for _, k := range c.Competencies {
		full[k.Name] = k.Required
	}
	c.Positions = []team.OpenPosition{{ID: "p", Title: "Rep"}}
	c.Reps = []team.Rep{{ID: "x", Name: "X", Status: team.StatusCandidate, Stage: team.StageApplied, Ratings: full, PositionIDs: []string{"p"}}}
	f := team.Compute(pd)
	if len(f.Fits) != 1 || f.Fits[0].Score != 1 || f.Fits[0].Position != "Rep" {
		t.Errorf("fit against the framework: %+v", f.Fits)
	}
}

func TestGapsRollUpIntoTrainingNeeds(t *testing.T) {
	pd := plan()
	c := team.Of(pd)
	c.Competencies = []team.Competency{{Name: "Negotiation", Required: 4}, {Name: "Closing", Required: 3}, {Name: "CRM", Required: 3}}
	c.Reps = []team.Rep{
		{ID: "a", Name: "Ann", Status: team.StatusActive, HireDate: "2020-01-01", Ratings: map[string]int{"Negotiation": 2, "Closing": 3, "CRM": 2}},
		{ID: "b", Name: "Bob", Status: team.StatusOnboarding, HireDate: "2027-01-01", Ratings: map[string]int{"Negotiation": 3, "Closing": 2}},
		{ID: "c", Name: "Cid", Status: team.StatusCandidate, Ratings: map[string]int{"Negotiation": 1}}, // not in the team
		{ID: "d", Name: "Dan", Status: team.StatusLeft, HireDate: "2020-01-01", LeaveDate: "2026-01-01", Ratings: map[string]int{"CRM": 1}},
	}
	f := team.Compute(pd)
	if len(f.Gaps) != 4 {
		t.Fatalf("gaps %+v, want Ann's two and Bob's two", f.Gaps)
	}
	want := []team.Need{{"Negotiation", []string{"Ann", "Bob"}, 3}, {"Closing", []string{"Bob"}, 1}, {"CRM", []string{"Ann"}, 1}} // ties in framework order
	if len(f.Needs) != len(want) {
		t.Fatalf("needs %+v", f.Needs)
	}
	for i, n := range want {
		g := f.Needs[i]
		if g.Competency != n.Competency || strings.Join(g.People, ",") != strings.Join(n.People, ",") || g.Levels != n.Levels {
			t.Errorf("need %d: %+v, want %+v", i, g, n)
		}
	}
	// Bob's CRM is unrated, not a gap; Bob is onboarding so the active-rated rule does not name him
	if len(f.Unrated) != 0 {
		t.Errorf("unrated %v", f.Unrated)
	}
	if cov := f.Coverage[1]; cov.Met != 1 || cov.Rated != 2 || f.Team != 2 {
		t.Errorf("closing coverage %+v of %d", cov, f.Team)
	}
}

func TestBadInputIsRefusedWithASentence(t *testing.T) {
	pd := plan()
	c := team.Of(pd)
	c.Reps = []team.Rep{{ID: "a", Name: "Anna Müller", Status: team.StatusActive, HireDate: "2020-01-01"}}
	for _, tc := range []struct {
		errs []app.FieldError
		want string
	}{
		{team.Rep{Name: "X", Status: team.StatusActive, HireDate: "2020-01-01", Ratings: map[string]int{"Closing": 6}}.Validate(), "A rating of 6 for Closing is outside the scale; rate from 1 to 5."},
		{team.Rep{Name: "X", Status: team.StatusLeft, HireDate: "2027-05-01", LeaveDate: "2027-04-30"}.Validate(), "The leave date 2027-04-30 is before the hire date 2027-05-01; correct one of them."},
		{team.Rep{Name: "X", Status: team.StatusActive}.Validate(), "Enter the hire date of a rep who works in the team"},
		{team.Rep{Name: "X", Status: team.StatusActive, HireDate: "1.3.2027"}.Validate(), "The hire date “1.3.2027” is not a date; write it as YYYY-MM-DD"},
		{team.Rep{Name: "X", Status: team.StatusLeft, HireDate: "2020-01-01"}.Validate(), "Enter the date the rep left"},
		{team.Training{Topic: "Closing"}.Validate(), "A session needs at least one attendee; tick who takes part."},
		{team.Competency{Name: "Closing", Required: 6}.Validate(), "The required level 6 is outside the scale; choose a level from 1 to 5."},
		{team.OpenPosition{Title: "P", Cost: -1}.Validate(), "A recruiting cost cannot be negative"},
	} {
		if got := messages(tc.errs); !strings.Contains(got, tc.want) {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
	if got := c.CheckName("", " anna müller "); got != "Anna Müller is already in the roster; give the new person a different name, e.g. with an initial." {
		t.Errorf("duplicate name: %q", got)
	}
	if got := c.CheckName("a", "Anna Müller"); got != "" {
		t.Errorf("a person keeps their own name: %q", got)
	}
	cand := team.Rep{ID: "c", Name: "Claire", Status: team.StatusCandidate, Stage: team.StageOffer}
	if _, msg := team.Hire(c, pd.Plan, cand, "2028-01-01"); msg != "2028-01-01 is after the plan ends (2027-12-31); hire Claire within the plan, or in the plan of the next period." {
		t.Errorf("hire after the plan: %q", msg)
	}
	if _, msg := team.Hire(c, pd.Plan, cand, "soon"); !strings.Contains(msg, "is not a date") {
		t.Errorf("hire on a bad date: %q", msg)
	}
	cand.Stage = team.StageRejected
	if _, msg := team.Hire(c, pd.Plan, cand, "2027-03-01"); !strings.Contains(msg, "was rejected") {
		t.Errorf("hire a rejected candidate: %q", msg)
	}
}

func TestHiringStartsOnboardingWithTheLongerScheduleForNewcomers(t *testing.T) {
	pd := plan()
	c := team.Of(pd)
	for _, tc := range []struct {
		level    string
		firstDue string
	}{{team.LevelNew, "2027-03-11"}, {team.LevelExperienced, "2027-03-06"}} {
		cand := team.Rep{ID: "c", Name: "Claire", Level: tc.level, Status: team.StatusCandidate, Stage: team.StageOffer}
		r, msg := team.Hire(c, pd.Plan, cand, "2027-03-01")
		if msg != "" {
			t.Fatal(msg)
		}
		if r.Status != team.StatusOnboarding || r.Stage != team.StageHired || r.HireDate != "2027-03-01" {
			t.Errorf("hired: %+v", r)
		}
		if len(r.Onboarding) != len(team.DefaultTemplate) || r.Onboarding[0].Due != tc.firstDue {
			t.Errorf("%s: checklist %+v, first due %s", tc.level, r.Onboarding, tc.firstDue)
		}
		if errs := r.Validate(); len(errs) > 0 {
			t.Errorf("hired rep invalid: %s", messages(errs))
		}
	}
	if team.NextStage(team.StageApplied) != team.StageInterview || team.NextStage(team.StageInterview) != team.StageOffer || team.NextStage(team.StageOffer) != "" {
		t.Error("stages: applied → interview → offer, then hire")
	}
}

func TestTrainingDoneRaisesRatingsUpToTheRequiredLevel(t *testing.T) {
	pd := plan()
	c := team.Of(pd)
	c.Competencies = []team.Competency{{Name: "Negotiation", Required: 3}}
	c.Reps = []team.Rep{
		{ID: "a", Name: "A", Ratings: map[string]int{"Negotiation": 2}},
		{ID: "b", Name: "B", Ratings: map[string]int{"Negotiation": 3}},
		{ID: "c", Name: "C"},
	}
	got := team.RaiseAfterTraining(c, team.Training{Competency: "Negotiation", Attendees: []string{"a", "b", "c"}})
	if len(got) != 2 || got[0].Ratings["Negotiation"] != 3 || got[1].Ratings["Negotiation"] != 1 {
		t.Errorf("raised %+v", got)
	}
	if c.Reps[0].Ratings["Negotiation"] != 2 {
		t.Error("the content must not change before the user confirms")
	}
}

func TestCompletion(t *testing.T) {
	reg := steps.Registry()
	pd := plan()
	reg.Compute(pd)
	if s := pd.Figures.Status[app.StepTeam]; s != app.NotStarted {
		t.Fatalf("empty: %v", s)
	}
	c := team.Of(pd)
	all := map[string]int{}
	for _, k := range c.Competencies {
		all[k.Name] = 3
	}
	c.Reps = []team.Rep{{ID: "a", Name: "A", Status: team.StatusActive, HireDate: "2020-01-01", Ratings: map[string]int{"Closing": 3}}}
	reg.Compute(pd)
	if s := pd.Figures.Status[app.StepTeam]; s != app.InProgress {
		t.Fatalf("an active rep partly rated: %v", s)
	}
	c.Reps[0].Ratings = all
	reg.Compute(pd)
	if s := pd.Figures.Status[app.StepTeam]; s != app.Complete {
		t.Fatalf("every active rep rated: %v", s)
	}
	c.Reps = append(c.Reps, team.Rep{ID: "b", Name: "B", Status: team.StatusOnboarding, HireDate: "2027-02-01"})
	reg.Compute(pd)
	if s := pd.Figures.Status[app.StepTeam]; s != app.InProgress {
		t.Fatalf("an onboarding rep without a checklist: %v", s)
	}
	c.Reps[1].Onboarding = team.Checklist(team.DefaultTemplate, time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), team.LevelNew)
	reg.Compute(pd)
	if s := pd.Figures.Status[app.StepTeam]; s != app.Complete {
		t.Fatalf("with the checklist: %v", s)
	}
}

// The demo plan's team is complete and survives the store: six reps of
// the history rated, one onboarding, two candidates for one position, two
// sessions; the history's salespeople are all in the roster.
func TestDemoTeamThroughTheStore(t *testing.T) {
	db, pd := datatest.DemoPlan(t)
	c := team.Of(&pd)
	if s := pd.Figures.Status[app.StepTeam]; s != app.Complete {
		t.Errorf("demo team: %v", s)
	}
	if len(c.HistoryReps) != 6 {
		t.Errorf("history reps %v", c.HistoryReps)
	}
	if s := c.Suggested(); len(s) != 0 {
		t.Errorf("every salesperson of the history is in the demo roster; suggested %v", s)
	}
	f := team.FiguresOf(&pd)
	if len(f.Fits) != 2 || len(f.Onboarding) != 1 || len(c.Trainings) != 2 || len(c.Positions) != 1 {
		t.Errorf("fits %d, onboarding %d, trainings %d, positions %d", len(f.Fits), len(f.Onboarding), len(c.Trainings), len(c.Positions))
	}
	if names := c.Names(c.Trainings[0].Attendees); strings.Join(names, ", ") != "Jonas Søndergaard, Nikos Papadopoulos, Lena Hoffmann" {
		t.Errorf("attendees %v", names)
	}
	// copied to the next period, the links still point at the copy's reps
	cp, err := db.DuplicatePlan(context.Background(), pd.Plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	next, err := app.LoadPlanData(context.Background(), db, steps.Registry(), cp.ID, pd.Locale)
	if err != nil {
		t.Fatal(err)
	}
	nc := team.Of(&next)
	if names := nc.Names(nc.Trainings[0].Attendees); len(names) != 3 {
		t.Errorf("copied attendees %v", names)
	}
	if nc.Trainings[0].Month != c.Trainings[0].Month.Add(12) {
		t.Errorf("copied session month %v", nc.Trainings[0].Month)
	}
}

func TestCleanDefaults(t *testing.T) {
	r := team.Rep{Name: "  Claire  ", Status: team.StatusCandidate}
	r.Clean()
	if r.Name != "Claire" || r.Stage != team.StageApplied || r.Level != team.LevelExperienced {
		t.Errorf("cleaned %+v", r)
	}
}
