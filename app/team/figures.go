package team

import (
	"time"

	"salesplan/app"
)

// Gap is one person's shortfall on one competency.
type Gap struct {
	Rep        string // the person's ID
	Name       string
	Competency string
	Required   int
	Rating     int
}

// Levels is how many levels the person is short.
func (g Gap) Levels() int { return g.Required - g.Rating }

// Need is a training need: the gaps of the team on one competency.
type Need struct {
	Competency string
	People     []string // names, in roster order
	Levels     int      // levels short in all
}

// Coverage is how much of the team meets one competency's required level.
type Coverage struct {
	Competency string
	Required   int
	Rated, Met int // of the active and onboarding reps
}

// Share is Met ÷ the reps counted (0 without reps).
func (c Coverage) Share(reps int) float64 {
	if reps == 0 {
		return 0
	}
	return float64(c.Met) / float64(reps)
}

// Fit is a candidate's fit score against their position's profile.
type Fit struct {
	Rep      string
	Name     string
	Position string // the position's title, "" when none
	Stage    string
	Score    float64 // 0–1
	Unrated  int     // competencies of the profile not rated
}

// Progress is a rep's onboarding progress.
type Progress struct {
	Rep         string
	Name        string
	Done, Total int
}

// Figures are step 6 part 1's computed results.
type Figures struct {
	Months []app.Month
	// Team counts the active and onboarding reps.
	Team       int
	Unrated    []string // names of active reps not rated on every competency
	Gaps       []Gap
	Needs      []Need
	Coverage   []Coverage
	Fits       []Fit
	Onboarding []Progress
	// Costs per plan month (minor units).
	Salaries, Training, Recruiting []int64
	// SalaryByRep is each person's salary cost per plan month.
	SalaryByRep map[string][]int64
	// Quotas are the team's quotas of the plan's revenue target.
	Quotas QuotaPlan
	// Performance is the monitoring of the team so far (part 2); nil
	// until it is computed.
	Performance *Performance
	// Required is the activity each quota holder's quota needs per month
	// (the funnel worked backwards), in quota order.
	Required []Required
}

// FiguresOf returns step 6 part 1's figures of pd.
func FiguresOf(pd *app.PlanData) *Figures {
	if f := app.StepFigures[Figures](&pd.Figures, app.StepTeam); f != nil {
		return f
	}
	return Compute(pd)
}

// inTeam reports whether r works in the team (costs, gaps, coverage).
func inTeam(r Rep) bool { return r.Status == StatusActive || r.Status == StatusOnboarding }

// MonthCost is what a person costs in month m: the monthly cost pro rata
// by the days of m between the hire date and the leave date (inclusive),
// rounded half up. Candidates and people without a hire date cost nothing.
func MonthCost(r Rep, m app.Month) int64 {
	if r.Status == StatusCandidate || r.HireDate == "" || r.MonthlyCost == 0 {
		return 0
	}
	hire, err := ParseDate(r.HireDate)
	if err != nil {
		return 0
	}
	first := m.Time()
	last := m.Add(1).Time().AddDate(0, 0, -1)
	from, to := first, last
	if hire.After(from) {
		from = hire
	}
	if r.LeaveDate != "" {
		if leave, err := ParseDate(r.LeaveDate); err == nil && leave.Before(to) {
			to = leave
		}
	} else if r.Status == StatusLeft {
		return 0
	}
	if to.Before(from) {
		return 0
	}
	days := int64(to.Sub(from)/(24*time.Hour)) + 1
	monthDays := int64(last.Day())
	if days == monthDays {
		return r.MonthlyCost
	}
	return app.RoundDiv(r.MonthlyCost*days, monthDays)
}

// FitScore is the sum over the profile of min(rating, level) ÷ the sum of
// the levels; unrated competencies count 0. It returns the score and how
// many competencies of the profile are unrated.
func FitScore(r Rep, profile []Requirement) (float64, int) {
	var got, need, unrated int
	for _, p := range profile {
		if p.Level <= 0 {
			continue
		}
		need += p.Level
		v, ok := r.Ratings[p.Competency]
		if !ok {
			unrated++
		}
		got += min(v, p.Level)
	}
	if need == 0 {
		return 0, unrated
	}
	return float64(got) / float64(need), unrated
}

// ProfileOf returns the levels position p needs: its own profile, else the
// framework's required levels.
func (c *Content) ProfileOf(p *OpenPosition) []Requirement {
	if p != nil && len(p.Profile) > 0 {
		return p.Profile
	}
	var out []Requirement
	for _, k := range c.Competencies {
		out = append(out, Requirement{Competency: k.Name, Level: k.Required})
	}
	return out
}

// Compute derives step 6 part 1's figures from its content.
func Compute(pd *app.PlanData) *Figures {
	c := Of(pd)
	p := pd.Plan
	f := &Figures{Salaries: make([]int64, p.Months), Training: make([]int64, p.Months), Recruiting: make([]int64, p.Months),
		SalaryByRep: map[string][]int64{}}
	for i := 0; i < p.Months; i++ {
		f.Months = append(f.Months, p.Start.Add(i))
	}
	needs := map[string]*Need{}
	for _, k := range c.Competencies {
		needs[k.Name] = &Need{Competency: k.Name}
	}
	cov := make([]Coverage, len(c.Competencies))
	for i, k := range c.Competencies {
		cov[i] = Coverage{Competency: k.Name, Required: k.Required}
	}
	for _, r := range c.Reps {
		months := make([]int64, p.Months)
		for mi, m := range f.Months {
			months[mi] = MonthCost(r, m)
			f.Salaries[mi] += months[mi]
		}
		f.SalaryByRep[r.ID] = months
		switch {
		case inTeam(r):
			f.Team++
			complete := true
			for i, k := range c.Competencies {
				v, ok := r.Ratings[k.Name]
				if !ok {
					complete = false
					continue
				}
				cov[i].Rated++
				if v >= k.Required {
					cov[i].Met++
					continue
				}
				g := Gap{Rep: r.ID, Name: r.Name, Competency: k.Name, Required: k.Required, Rating: v}
				f.Gaps = append(f.Gaps, g)
				n := needs[k.Name]
				n.People = append(n.People, r.Name)
				n.Levels += g.Levels()
			}
			if !complete && r.Status == StatusActive {
				f.Unrated = append(f.Unrated, r.Name)
			}
			if r.Status == StatusOnboarding || len(r.Onboarding) > 0 {
				pr := Progress{Rep: r.ID, Name: r.Name, Total: len(r.Onboarding)}
				for _, t := range r.Onboarding {
					if t.Done {
						pr.Done++
					}
				}
				f.Onboarding = append(f.Onboarding, pr)
			}
		case r.Status == StatusCandidate:
			fit := Fit{Rep: r.ID, Name: r.Name, Stage: r.Stage}
			var pos *OpenPosition
			if len(r.PositionIDs) > 0 {
				pos = c.PositionByID(r.PositionIDs[0])
			}
			if pos != nil {
				fit.Position = pos.Title
			}
			fit.Score, fit.Unrated = FitScore(r, c.ProfileOf(pos))
			f.Fits = append(f.Fits, fit)
		}
	}
	f.Coverage = cov
	for _, k := range c.Competencies {
		if n := needs[k.Name]; len(n.People) > 0 {
			f.Needs = append(f.Needs, *n)
		}
	}
	// the biggest needs first (stable: framework order on ties)
	for i := 1; i < len(f.Needs); i++ {
		for j := i; j > 0 && (len(f.Needs[j].People) > len(f.Needs[j-1].People) ||
			len(f.Needs[j].People) == len(f.Needs[j-1].People) && f.Needs[j].Levels > f.Needs[j-1].Levels); j-- {
			f.Needs[j], f.Needs[j-1] = f.Needs[j-1], f.Needs[j]
		}
	}
	for _, t := range c.Trainings {
		if mi := p.MonthIndex(t.Month); mi >= 0 {
			f.Training[mi] += t.Cost
		}
	}
	for _, pos := range c.Positions {
		if mi := p.MonthIndex(pos.Month); mi >= 0 {
			f.Recruiting[mi] += pos.Cost
		}
	}
	t := pd.Figures.Target
	f.Quotas = Quotas(pd, t.Amount)
	f.Quotas.TargetSource, f.Quotas.FromForecast = t.Source, t.FromForecast
	f.Performance = ComputePerformance(pd, f.Quotas)
	f.Required = RequiredActivity(pd, f.Quotas, f.Performance)
	return f
}

// QuotaSourceOf is the quota source the team provides the later steps:
// the roster's quotas when the team has quota holders (Split with their
// count returns their annual quotas in roster order, recomputed for the
// target asked; with another count it splits evenly), else nil.
func QuotaSourceOf(pd *app.PlanData, f *Figures) *app.QuotaSource {
	if len(f.Quotas.Reps) == 0 {
		return nil
	}
	names := make([]string, len(f.Quotas.Reps))
	for i, r := range f.Quotas.Reps {
		names[i] = r.Name
	}
	n, cached := len(names), f.Quotas
	return &app.QuotaSource{
		Name: "the team's quotas (experience, ramp-up, region, seasonality)", Reps: n, Names: names,
		Split: func(target int64, reps int) []int64 {
			if reps != n {
				return app.SplitEven(target, reps)
			}
			qp := cached
			if target != qp.Target {
				qp = Quotas(pd, target)
			}
			out := make([]int64, n)
			for i, r := range qp.Reps {
				out[i] = r.Annual
			}
			return out
		},
	}
}

func figures(pd *app.PlanData) {
	f := Compute(pd)
	app.SetStepFigures(&pd.Figures, app.StepTeam, f)
	if qs := QuotaSourceOf(pd, f); qs != nil {
		pd.Figures.Quotas = *qs
	}
	pd.Figures.AddCostLine(app.CostLine{Step: app.StepTeam, Key: "team-salaries", Label: "Salaries", Months: append([]int64(nil), f.Salaries...),
		Source: "the monthly cost of the reps of step 6, from their hire date until they leave, pro rata by days"})
	pd.Figures.AddCostLine(app.CostLine{Step: app.StepTeam, Key: "team-training", Label: "Training", Months: append([]int64(nil), f.Training...),
		Source: "the training sessions of step 6, in their month"})
	pd.Figures.AddCostLine(app.CostLine{Step: app.StepTeam, Key: "team-recruiting", Label: "Recruiting", Months: append([]int64(nil), f.Recruiting...),
		Source: "the recruiting cost of the open positions of step 6, in the month each is to be filled"})
}

func status(pd *app.PlanData) app.Status {
	c := Of(pd)
	if len(c.Reps) == 0 {
		return app.NotStarted
	}
	f := FiguresOf(pd)
	active := 0
	for _, r := range c.Reps {
		switch r.Status {
		case StatusActive:
			active++
		case StatusOnboarding:
			if len(r.Onboarding) == 0 {
				return app.InProgress
			}
		}
	}
	if active == 0 || len(c.Competencies) == 0 || len(f.Unrated) > 0 {
		return app.InProgress
	}
	return app.Complete
}

// Step returns step 6 for the registry.
func Step() app.Step {
	return app.Step{
		ID: app.StepTeam, Number: 6, Title: "Sales team", Nav: "Team",
		Guidance: "Know the people who will sell: who is in the team, what the role needs and where each rep stands against it. " +
			"Recruit against a profile, onboard new reps with a checklist and plan the training that closes the gaps.",
		CompleteWhen: "Complete when there is at least one active rep, every active rep is rated on every competency and every rep " +
			"in onboarding has a checklist.",
		Tables: []app.Table{
			{Name: TableCompetencies, Row: Competency{}},
			{Name: TablePositions, Row: OpenPosition{}},
			{Name: TableReps, Row: Rep{}},
			{Name: TableTemplate, Row: OnboardingItem{}},
			{Name: TableTrainings, Row: Training{}},
			{Name: TableQuotas, Row: Quota{}},
			{Name: TableActivities, Row: Activity{}, Log: true},
			{Name: TablePolls, Row: Poll{}, Log: true},
		},
		Load:       load,
		Rank:       app.RankTeam,
		Figures:    figures,
		Completion: status,
		Section:    section,
		Exports:    exports,
		Show:       func(pd *app.PlanData) any { return Show(pd) },
		Demo:       demo,
	}
}
