package team

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"salesplan/app"
	"salesplan/app/report"
	"salesplan/charts"
)

// demoRep is a demo salesperson: the six of the demo history.
type demoRep struct {
	name, region, level, hired string
	cost                       int64
	ratings                    []int // in the order of DefaultCompetencies
}

var demoReps = []demoRep{
	{"Anna Müller", "North", LevelSenior, "2016-04-01", 780_000, []int{5, 4, 5, 4, 4, 5, 4, 3}},
	{"Jonas Søndergaard", "North", LevelExperienced, "2020-09-01", 640_000, []int{4, 3, 4, 3, 2, 4, 3, 2}},
	{"Marta Łukasik", "South", LevelExperienced, "2019-02-01", 650_000, []int{4, 4, 3, 4, 3, 3, 4, 4}},
	{"Nikos Papadopoulos", "South", LevelDeveloping, "2023-05-01", 540_000, []int{3, 3, 3, 3, 2, 3, 3, 3}},
	{"Olga Smirnova", "East", LevelExperienced, "2021-01-15", 620_000, []int{4, 3, 4, 4, 3, 4, 3, 4}},
	{"Tom Baker", "West", LevelDeveloping, "2024-03-01", 560_000, []int{3, 4, 3, 3, 3, 3, 2, 2}},
}

// demo writes a complete demo team: the default framework and template,
// the six reps of the history rated, a rep hired in the plan's second
// month onboarding, an open position for the West with two candidates and
// two training sessions that close the team's biggest gaps.
func demo(ctx context.Context, w app.ContentWriter, pd *app.PlanData) error {
	p := pd.Plan
	for _, k := range DefaultCompetencies {
		k.PlanID = p.ID
		if err := w.SaveRow(ctx, TableCompetencies, &k); err != nil {
			return err
		}
	}
	for _, o := range DefaultTemplate {
		o.PlanID = p.ID
		if err := w.SaveRow(ctx, TableTemplate, &o); err != nil {
			return err
		}
	}
	rate := func(vs []int) map[string]int {
		m := map[string]int{}
		for i, v := range vs {
			m[DefaultCompetencies[i].Name] = v
		}
		return m
	}
	ids := map[string]string{}
	for _, d := range demoReps {
		r := Rep{PlanID: p.ID, Name: d.name, Region: d.region, Level: d.level, Status: StatusActive, HireDate: d.hired,
			MonthlyCost: d.cost, Ratings: rate(d.ratings)}
		if err := w.SaveRow(ctx, TableReps, &r); err != nil {
			return err
		}
		ids[d.name] = r.ID
	}
	pos := OpenPosition{PlanID: p.ID, Title: "Second sales rep West", Region: "West", Month: p.Start.Add(3), Cost: 850_000,
		Profile: []Requirement{{"Product knowledge", 3}, {"Prospecting", 4}, {"Needs analysis", 3}, {"Negotiation", 3}, {"Closing", 3}}}
	if err := w.SaveRow(ctx, TablePositions, &pos); err != nil {
		return err
	}
	for _, r := range []Rep{
		{Name: "Samir Haddad", Level: LevelExperienced, Stage: StageOffer, MonthlyCost: 600_000,
			Ratings: map[string]int{"Product knowledge": 3, "Prospecting": 4, "Needs analysis": 3, "Negotiation": 3, "Closing": 2}},
		{Name: "Claire Dubois", Level: LevelNew, Stage: StageInterview, MonthlyCost: 480_000,
			Ratings: map[string]int{"Product knowledge": 2, "Prospecting": 3, "Needs analysis": 3, "Negotiation": 2, "Closing": 2}},
	} {
		r.PlanID, r.Region, r.Status, r.PositionIDs = p.ID, "West", StatusCandidate, []string{pos.ID}
		if err := w.SaveRow(ctx, TableReps, &r); err != nil {
			return err
		}
	}
	hire := p.Start.Add(1).Time()
	lena := Rep{PlanID: p.ID, Name: "Lena Hoffmann", Region: "East", Level: LevelNew, Status: StatusOnboarding, Stage: StageHired,
		HireDate: hire.Format(DateLayout), MonthlyCost: 470_000,
		Ratings:    map[string]int{"Product knowledge": 2, "Prospecting": 3, "Needs analysis": 3, "Presentation": 3, "Negotiation": 2, "Closing": 2, "Account management": 2, "CRM discipline": 3},
		Onboarding: Checklist(DefaultTemplate, hire, LevelNew)}
	lena.Onboarding[0].Done, lena.Onboarding[1].Done = true, true
	if err := w.SaveRow(ctx, TableReps, &lena); err != nil {
		return err
	}
	// quotas: Lena ramps up over four months instead of the six of a new rep
	for _, q := range []Quota{{RepIDs: []string{lena.ID}, RampMonths: 4}} {
		q.PlanID = p.ID
		if err := w.SaveRow(ctx, TableQuotas, &q); err != nil {
			return err
		}
	}
	// three months of activities and polls for the reps
	c := &Content{}
	for _, d := range demoReps {
		c.Reps = append(c.Reps, Rep{ID: ids[d.name], Name: d.name, Region: d.region, Level: d.level, Status: StatusActive, HireDate: d.hired})
	}
	c.Reps = append(c.Reps, lena)
	if err := demoLogRows(ctx, w, pd, c); err != nil {
		return err
	}
	for _, t := range []Training{
		{Topic: "Negotiating with hotel chains and distributors", Competency: "Negotiation", Month: p.Start.Add(1), Cost: 360_000,
			Attendees: []string{ids["Jonas Søndergaard"], ids["Nikos Papadopoulos"], lena.ID}},
		{Topic: "CRM discipline: pipeline and visit reports", Competency: "CRM discipline", Month: p.Start.Add(2), Cost: 120_000,
			Attendees: []string{ids["Jonas Søndergaard"], ids["Tom Baker"]}},
	} {
		t.PlanID = p.ID
		if err := w.SaveRow(ctx, TableTrainings, &t); err != nil {
			return err
		}
	}
	return nil
}

// Label names a level, status or stage for people ("new" → "New").
func Label(s string) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// CoverageChart describes the share of the team that meets each
// competency's required level.
func CoverageChart(pd *app.PlanData) charts.BarChart {
	f := FiguresOf(pd)
	c := charts.BarChart{Title: "Share of the team at the required level, per competency", EmptyText: "No competencies or reps yet",
		FormatY: func(v float64) string { return pd.Locale.Percent(v / 100) }}
	if f.Team == 0 {
		return c
	}
	for _, k := range f.Coverage {
		c.Labels = append(c.Labels, k.Competency)
		c.Values = append(c.Values, 100*k.Share(f.Team))
	}
	return c
}

// Names returns the names of the people with ids.
func (c *Content) Names(ids []string) []string {
	var out []string
	for _, id := range ids {
		if r := c.Rep(id); r != nil {
			out = append(out, r.Name)
		}
	}
	return out
}

func section(r *report.Report, pd *app.PlanData) error {
	loc, cur, c, f := pd.Locale, pd.Currency, Of(pd), FiguresOf(pd)
	if len(c.Reps) == 0 {
		r.Note("No salespeople yet: add the team on this step, or take the salespeople of the sales history as the starting roster.")
		return nil
	}
	r.Subheading("The team")
	var salaries int64
	for _, v := range f.Salaries {
		salaries += v
	}
	r.Paragraph(fmt.Sprintf("%d people work in the team (active or onboarding); over the plan period they cost %s in salaries.", f.Team, loc.Money(salaries, cur)))
	var rows [][]string
	for _, rp := range c.Reps {
		if rp.Status == StatusCandidate {
			continue
		}
		var cost int64
		for _, v := range f.SalaryByRep[rp.ID] {
			cost += v
		}
		rows = append(rows, []string{rp.Name, app.OrDash(rp.Region), Label(rp.Level), Label(rp.Status), app.OrDash(rp.HireDate),
			loc.Money(rp.MonthlyCost, cur), loc.Money(cost, cur)})
	}
	r.Table([]string{"Name", "Region", "Experience", "Status", "Hired", "Monthly cost", "In the plan"}, rows,
		[]float64{0.22, 0.1, 0.15, 0.13, 0.12, 0.14, 0.14}, "LLLLLRR")

	r.Subheading("Competencies and gaps")
	if len(c.Competencies) == 0 {
		r.Note("No competency framework yet: add the competencies the role needs with their required level.")
	} else {
		headers := []string{"Competency", "Req."}
		widths := []float64{0.26, 0.08}
		align := "LR"
		var team []Rep
		for _, rp := range c.Reps {
			if inTeam(rp) {
				team = append(team, rp)
			}
		}
		for _, rp := range team {
			headers = append(headers, initials(rp.Name))
			widths = append(widths, 0.66/float64(max(1, len(team))))
			align += "C"
		}
		var rows [][]string
		for _, k := range c.Competencies {
			row := []string{k.Name, app.Itoa(k.Required)}
			for _, rp := range team {
				v, ok := rp.Ratings[k.Name]
				switch {
				case !ok:
					row = append(row, "–")
				case v < k.Required:
					row = append(row, fmt.Sprintf("%d (−%d)", v, k.Required-v))
				default:
					row = append(row, app.Itoa(v))
				}
			}
			rows = append(rows, row)
		}
		r.Paragraph("Ratings from 1 to 5 per rep (columns by initials, in roster order) against the required level (Req.); a rating below it shows the gap.")
		r.Table(headers, rows, widths, align)
		if err := r.BarChart("team-coverage", CoverageChart(pd)); err != nil {
			return err
		}
		if len(f.Unrated) > 0 {
			r.Note("Not yet rated on every competency: " + strings.Join(f.Unrated, ", ") + ".")
		}
		if len(f.Needs) == 0 {
			r.Note("No training needs: every rated rep meets the required levels.")
		} else {
			var rows [][]string
			for _, n := range f.Needs {
				rows = append(rows, []string{n.Competency, app.Itoa(len(n.People)), app.Itoa(n.Levels), strings.Join(n.People, ", ")})
			}
			r.Table([]string{"Training need", "People", "Levels", "Who"}, rows, []float64{0.26, 0.1, 0.1, 0.54}, "LRRL")
		}
	}

	r.Subheading("Training plan")
	if len(c.Trainings) == 0 {
		r.Note("No training sessions planned yet.")
	} else {
		var rows [][]string
		for _, t := range c.Trainings {
			state := "Planned"
			if t.Done {
				state = "Done"
			}
			rows = append(rows, []string{loc.MonthName(t.Month), t.Topic, app.OrDash(t.Competency), strings.Join(c.Names(t.Attendees), ", "),
				loc.Money(t.Cost, cur), state})
		}
		r.Table([]string{"Month", "Topic", "Competency", "Attendees", "Cost", "State"}, rows, []float64{0.12, 0.24, 0.17, 0.22, 0.14, 0.11}, "LLLLRL")
	}

	r.Subheading("Recruitment")
	if len(c.Positions) == 0 && len(f.Fits) == 0 {
		r.Note("No open positions.")
	} else {
		var rows [][]string
		for _, p := range c.Positions {
			var cands []string
			for _, fit := range f.Fits {
				if fit.Position == p.Title {
					cands = append(cands, fmt.Sprintf("%s (%s, fit %s)", fit.Name, fit.Stage, loc.Percent(fit.Score)))
				}
			}
			rows = append(rows, []string{p.Title, app.OrDash(p.Region), loc.MonthName(p.Month), loc.Money(p.Cost, cur), app.OrDash(strings.Join(cands, "; "))})
		}
		for _, fit := range f.Fits {
			if fit.Position == "" {
				rows = append(rows, []string{"(no position)", "–", "–", "–", fmt.Sprintf("%s (%s, fit %s)", fit.Name, fit.Stage, loc.Percent(fit.Score))})
			}
		}
		r.Paragraph("Recruiting cost per position, in the month it is to be filled. The fit score is the share of the position's profile levels a candidate's ratings reach (unrated counts as 0).")
		r.Table([]string{"Position", "Region", "To fill by", "Cost", "Candidates"}, rows, []float64{0.22, 0.11, 0.13, 0.14, 0.40}, "LLLRL")
	}

	r.Subheading("Onboarding")
	if len(f.Onboarding) == 0 {
		r.Note("No rep in onboarding.")
	} else {
		var rows [][]string
		for _, pr := range f.Onboarding {
			rp := c.Rep(pr.Rep)
			var next []string
			for _, t := range rp.Onboarding {
				if !t.Done {
					next = append(next, t.Title+" (by "+t.Due+")")
					break
				}
			}
			rows = append(rows, []string{pr.Name, app.OrDash(rp.HireDate), fmt.Sprintf("%d of %d", pr.Done, pr.Total), app.OrDash(strings.Join(next, ""))})
		}
		r.Table([]string{"Rep", "Hired", "Done", "Next"}, rows, []float64{0.22, 0.14, 0.12, 0.52}, "LLRL")
	}
	quotaSection(r, pd, f.Quotas)
	return perfSection(r, pd, f.Performance)
}

// quotaSection is the PDF's quotas (part 2): the split of the target per
// rep with the realism verdicts, then per month.
func quotaSection(r *report.Report, pd *app.PlanData, q QuotaPlan) {
	loc, cur := pd.Locale, pd.Currency
	r.Subheading("Quotas")
	if p := QuotaProblem(q); p != "" {
		r.Note(p)
	}
	if len(q.Reps) == 0 || q.Target <= 0 {
		return
	}
	r.Paragraph(fmt.Sprintf("The quotas split %s (%s) over %d reps. %s", loc.Money(q.Target, cur), q.TargetSource, len(q.Reps), QuotaRule))
	var rows [][]string
	var ramps []string
	for _, rq := range q.Reps {
		ratio, last := "–", "–"
		if rq.HistoryMonths > 0 {
			last = loc.Money(rq.Trailing, cur)
		}
		if rq.RatioBP > 0 {
			ratio = loc.Percent(float64(rq.RatioBP) / 10000)
		}
		quota := loc.Money(rq.Annual, cur)
		if rq.Fixed {
			quota += " (fixed)"
		}
		rows = append(rows, []string{rq.Name, app.OrDash(rq.Region), Label(rq.Level), quota, last, ratio, rq.Realism})
		ramps = append(ramps, fmt.Sprintf("%s %d", rq.Name, rq.Ramp))
	}
	rows = append(rows, []string{"Team", "", "", loc.Money(q.Total, cur), "", "", ""})
	r.Table([]string{"Rep", "Region", "Experience", "Quota", "Last 12 mo.", "Ratio", "Realism"}, rows,
		[]float64{0.2, 0.09, 0.15, 0.16, 0.16, 0.1, 0.14}, "LLLRRRL")
	r.Note("Ratio is the quota ÷ the rep's last 12 months. " + RealismRule)
	r.Note("Months to full productivity after the hire date: " + strings.Join(ramps, ", ") + ".")
	headers := []string{"Month"}
	widths := []float64{0.12}
	align := "L"
	for _, rq := range q.Reps {
		headers = append(headers, initials(rq.Name))
		widths = append(widths, 0.73/float64(len(q.Reps)))
		align += "R"
	}
	headers, widths, align = append(headers, "Team"), append(widths, 0.15), align+"R"
	rows = nil
	for mi := range q.Months {
		row := []string{loc.MonthName(pd.Plan.Start.Add(mi))}
		for _, rq := range q.Reps {
			cell := loc.MoneyCompact(rq.Months[mi], cur)
			if mi < len(rq.FixedMonths) && rq.FixedMonths[mi] {
				cell += "*"
			}
			row = append(row, cell)
		}
		rows = append(rows, append(row, loc.Money(q.Months[mi], cur)))
	}
	r.Paragraph("Quotas per month (reps by initials, in roster order), following each rep's months in the team and the seasonality of the history; * marks a month fixed by hand.")
	r.Table(headers, rows, widths, align)
}

// initials shortens a name for a matrix column: "Anna Müller" → "AM".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			b.WriteRune(r)
			break
		}
	}
	return b.String()
}

// JSON is the typed `show --json` view of step 6, part 1. Amounts in major
// units, ratios as fractions.
type JSON struct {
	Reps         []RepJSON        `json:"reps"`
	Competencies []CompetencyJSON `json:"competencies"`
	Ratings      []RatingJSON     `json:"ratings"`
	Gaps         []GapJSON        `json:"gaps"`
	Needs        []NeedJSON       `json:"training_needs"`
	Positions    []PositionJSON   `json:"positions"`
	Candidates   []CandidateJSON  `json:"candidates"`
	Onboarding   []OnboardingJSON `json:"onboarding"`
	Training     []TrainingJSON   `json:"training"`
	Costs        []CostJSON       `json:"costs_by_month"`
	// Quotas (part 2): each quota holder's share of the target.
	QuotaTarget QuotaTargetJSON `json:"quota_target"`
	Quotas      []QuotaJSON     `json:"quotas"`
	// Monitoring (part 2): the activity log per rep and month, the
	// conversion ratios against the team, the customers' ratings and the
	// quota attainment so far.
	Required   []RequiredJSON  `json:"required_activity"`
	Activities []ActivityJSON  `json:"activities"`
	Conversion ConversionJSON  `json:"conversion"`
	Polls      PollsJSON       `json:"polls"`
	Attainment AttainmentsJSON `json:"attainment"`
}

// QuotaTargetJSON is what the quotas split and by which rules.
type QuotaTargetJSON struct {
	Amount       float64 `json:"amount"`
	Source       string  `json:"source"`
	FromForecast bool    `json:"from_forecast"`
	Rule         string  `json:"rule"`
	RealismRule  string  `json:"realism_rule"`
	Problem      string  `json:"problem"`
}

// QuotaJSON is one rep's quota: annual and per plan month (summing to the
// annual), with the weights behind it and the realism verdict.
type QuotaJSON struct {
	Rep           string      `json:"rep"`
	Region        string      `json:"region"`
	Level         string      `json:"level"`
	Annual        float64     `json:"annual"`
	Months        []float64   `json:"months"`
	Fixed         bool        `json:"fixed"`
	FixedMonths   []app.Month `json:"fixed_months"`
	RampMonths    int         `json:"ramp_months"`
	RegionFactor  float64     `json:"region_factor"`
	RegionSource  string      `json:"region_source"`
	Trailing12    float64     `json:"trailing_12_months"`
	HistoryMonths int         `json:"history_months"`
	Ratio         *float64    `json:"ratio"` // quota ÷ trailing 12 months scaled to the plan
	Realism       string      `json:"realism"`
}

// RepJSON is one person of the roster (candidates too).
type RepJSON struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Region      string  `json:"region"`
	Level       string  `json:"level"`
	Status      string  `json:"status"`
	HireDate    string  `json:"hire_date"`
	LeaveDate   string  `json:"leave_date"`
	MonthlyCost float64 `json:"monthly_cost"`
}

// CompetencyJSON is one competency of the framework.
type CompetencyJSON struct {
	Name     string   `json:"name"`
	Required int      `json:"required"`
	Coverage *float64 `json:"coverage"` // share of the team at the level
}

// RatingJSON is one rating.
type RatingJSON struct {
	Rep        string `json:"rep"`
	Competency string `json:"competency"`
	Level      int    `json:"level"`
}

// GapJSON is one gap.
type GapJSON struct {
	Rep        string `json:"rep"`
	Competency string `json:"competency"`
	Required   int    `json:"required"`
	Rating     int    `json:"rating"`
}

// NeedJSON is one training need.
type NeedJSON struct {
	Competency string   `json:"competency"`
	People     []string `json:"people"`
	Levels     int      `json:"levels_short"`
}

// PositionJSON is an open position.
type PositionJSON struct {
	ID      string        `json:"id"`
	Title   string        `json:"title"`
	Region  string        `json:"region"`
	Month   app.Month     `json:"month"`
	Profile []Requirement `json:"profile"`
	Cost    float64       `json:"recruiting_cost"`
}

// CandidateJSON is a candidate with their stage and fit.
type CandidateJSON struct {
	Name     string   `json:"name"`
	Position string   `json:"position"`
	Stage    string   `json:"stage"`
	Fit      *float64 `json:"fit"`
	Unrated  int      `json:"unrated"`
}

// OnboardingJSON is a rep's checklist.
type OnboardingJSON struct {
	Rep   string `json:"rep"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Tasks []Task `json:"tasks"`
}

// TrainingJSON is a session.
type TrainingJSON struct {
	Topic      string    `json:"topic"`
	Competency string    `json:"competency"`
	Month      app.Month `json:"month"`
	Attendees  []string  `json:"attendees"`
	Cost       float64   `json:"cost"`
	Done       bool      `json:"done"`
}

// CostJSON is the team's costs of one plan month.
type CostJSON struct {
	Month      app.Month `json:"month"`
	Salaries   float64   `json:"salaries"`
	Training   float64   `json:"training"`
	Recruiting float64   `json:"recruiting"`
}

// Show returns the JSON view of step 6, part 1.
func Show(pd *app.PlanData) JSON {
	c, f, cur := Of(pd), FiguresOf(pd), pd.Currency
	major := func(v int64) float64 { return app.ToMajor(v, cur) }
	out := JSON{Reps: []RepJSON{}, Competencies: []CompetencyJSON{}, Ratings: []RatingJSON{}, Gaps: []GapJSON{}, Needs: []NeedJSON{},
		Positions: []PositionJSON{}, Candidates: []CandidateJSON{}, Onboarding: []OnboardingJSON{}, Training: []TrainingJSON{}, Costs: []CostJSON{}}
	for _, r := range c.Reps {
		out.Reps = append(out.Reps, RepJSON{ID: r.ID, Name: r.Name, Region: r.Region, Level: r.Level, Status: r.Status, HireDate: r.HireDate,
			LeaveDate: r.LeaveDate, MonthlyCost: major(r.MonthlyCost)})
		names := make([]string, 0, len(r.Ratings))
		for n := range r.Ratings {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			out.Ratings = append(out.Ratings, RatingJSON{Rep: r.Name, Competency: n, Level: r.Ratings[n]})
		}
	}
	for _, k := range f.Coverage {
		cj := CompetencyJSON{Name: k.Competency, Required: k.Required}
		if f.Team > 0 {
			cj.Coverage = app.Ratio4(k.Share(f.Team))
		}
		out.Competencies = append(out.Competencies, cj)
	}
	for _, g := range f.Gaps {
		out.Gaps = append(out.Gaps, GapJSON{Rep: g.Name, Competency: g.Competency, Required: g.Required, Rating: g.Rating})
	}
	for _, n := range f.Needs {
		out.Needs = append(out.Needs, NeedJSON(n))
	}
	for _, p := range c.Positions {
		prof := p.Profile
		if prof == nil {
			prof = []Requirement{}
		}
		out.Positions = append(out.Positions, PositionJSON{ID: p.ID, Title: p.Title, Region: p.Region, Month: p.Month, Profile: prof, Cost: major(p.Cost)})
	}
	for _, fit := range f.Fits {
		out.Candidates = append(out.Candidates, CandidateJSON{Name: fit.Name, Position: fit.Position, Stage: fit.Stage, Fit: app.Ratio4(fit.Score), Unrated: fit.Unrated})
	}
	for _, pr := range f.Onboarding {
		tasks := c.Rep(pr.Rep).Onboarding
		if tasks == nil {
			tasks = []Task{}
		}
		out.Onboarding = append(out.Onboarding, OnboardingJSON{Rep: pr.Name, Done: pr.Done, Total: pr.Total, Tasks: tasks})
	}
	for _, t := range c.Trainings {
		att := c.Names(t.Attendees)
		if att == nil {
			att = []string{}
		}
		out.Training = append(out.Training, TrainingJSON{Topic: t.Topic, Competency: t.Competency, Month: t.Month, Attendees: att, Cost: major(t.Cost), Done: t.Done})
	}
	for mi, m := range f.Months {
		out.Costs = append(out.Costs, CostJSON{Month: m, Salaries: major(f.Salaries[mi]), Training: major(f.Training[mi]), Recruiting: major(f.Recruiting[mi])})
	}
	q := f.Quotas
	out.QuotaTarget = QuotaTargetJSON{Amount: major(q.Target), Source: q.TargetSource, FromForecast: q.FromForecast, Rule: QuotaRule,
		RealismRule: RealismRule, Problem: QuotaProblem(q)}
	out.Quotas = []QuotaJSON{}
	for _, r := range q.Reps {
		qj := QuotaJSON{Rep: r.Name, Region: r.Region, Level: r.Level, Annual: major(r.Annual), Months: []float64{}, Fixed: r.Fixed,
			RampMonths: r.Ramp, RegionFactor: float64(r.RegionPermille) / 1000, RegionSource: r.RegionSource, Trailing12: major(r.Trailing),
			HistoryMonths: r.HistoryMonths, Realism: r.Realism}
		qj.FixedMonths = []app.Month{}
		for mi, v := range r.Months {
			qj.Months = append(qj.Months, major(v))
			if mi < len(r.FixedMonths) && r.FixedMonths[mi] {
				qj.FixedMonths = append(qj.FixedMonths, pd.Plan.Start.Add(mi))
			}
		}
		if r.RatioBP > 0 {
			qj.Ratio = app.Ratio4(float64(r.RatioBP) / 10000)
		}
		out.Quotas = append(out.Quotas, qj)
	}
	performanceJSON(pd, &out)
	return out
}
