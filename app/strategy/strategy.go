// Package strategy is step 3 of a plan: initiatives linked to the
// objectives, and the incentive scheme with its payout simulator. It
// contributes the initiative costs and the incentive cost to the budget.
package strategy

import (
	"context"
	"fmt"
	"image"
	"math"
	"math/big"
	"sort"
	"strings"

	"salesplan/app"
	"salesplan/app/objectives"
	"salesplan/app/report"
	"salesplan/charts"
)

// Initiative is one action of the strategy, linked to the objectives it
// serves.
type Initiative struct {
	ID             string     `db:"id" json:"id"`
	PlanID         string     `db:"plan_id" json:"-"`
	Position       int        `db:"position" json:"position"`
	Description    string     `db:"description" json:"description"`
	Owner          string     `db:"owner" json:"owner"`
	Start          *app.Month `db:"start_month" json:"start"`
	End            *app.Month `db:"end_month" json:"end"`
	Cost           int64      `db:"cost,money" json:"cost_minor"`
	Effect         string     `db:"effect" json:"effect"` // expected effect on its objectives, in words
	ObjectiveLinks []string   `db:"objective_links,links" json:"objective_links"`
}

// Validate checks an initiative.
func (i Initiative) Validate() []app.FieldError {
	var errs []app.FieldError
	if err := app.ValidateText(i.Description); err != nil {
		errs = append(errs, app.FieldError{Field: "description", Message: app.ErrorMessage(err)})
	}
	if i.Start != nil && i.End != nil && *i.End < *i.Start {
		errs = append(errs, app.FieldError{Field: "end", Message: "The end lies before the start."})
	}
	if i.Cost < 0 {
		errs = append(errs, app.FieldError{Field: "cost", Message: "A cost cannot be negative."})
	}
	return errs
}

// Tier is a marginal commission rate that applies to revenue above an
// attainment threshold.
type Tier struct {
	ThresholdBP int64 `json:"threshold_bp"` // attainment of quota, 10000 = 100 %
	RateBP      int64 `json:"rate_bp"`      // commission on revenue above the threshold
}

// IncentiveScheme is how salespeople are paid for what they sell.
type IncentiveScheme struct {
	ID     string `db:"id" json:"id"`
	PlanID string `db:"plan_id" json:"-"`
	BaseBP int64  `db:"base_bp" json:"base_bp"` // commission on revenue up to the first tier
	Tiers  []Tier `db:"tiers" json:"tiers"`
	Bonus  int64  `db:"bonus,money" json:"bonus_minor"` // paid on reaching 100 % of quota
	Cap    *int64 `db:"cap,money" json:"cap_minor"`     // per rep, commission plus bonus; nil = none
	Reps   int    `db:"reps" json:"reps"`               // 0 = the salespeople of the history
}

// Validate checks a scheme.
func (s IncentiveScheme) Validate() []app.FieldError {
	var errs []app.FieldError
	if s.BaseBP < 0 || s.BaseBP > 10000 {
		errs = append(errs, app.FieldError{Field: "base", Message: "The base rate lies between 0 % and 100 %."})
	}
	for i, t := range s.Tiers {
		if t.ThresholdBP <= 0 || t.ThresholdBP > 100000 {
			errs = append(errs, app.FieldError{Field: fmt.Sprintf("tier%d", i), Message: "A tier starts above 0 % and at most 1000 % of quota."})
		}
		if t.RateBP < 0 || t.RateBP > 10000 {
			errs = append(errs, app.FieldError{Field: fmt.Sprintf("tier%d", i), Message: "A tier's rate lies between 0 % and 100 %."})
		}
	}
	if s.Bonus < 0 {
		errs = append(errs, app.FieldError{Field: "bonus", Message: "A bonus cannot be negative."})
	}
	if s.Cap != nil && *s.Cap < 0 {
		errs = append(errs, app.FieldError{Field: "cap", Message: "A cap cannot be negative."})
	}
	if s.Reps < 0 || s.Reps > 10000 {
		errs = append(errs, app.FieldError{Field: "reps", Message: "Enter between 0 and 10,000 salespeople."})
	}
	return errs
}

// sortedTiers returns the tiers by threshold.
func (s IncentiveScheme) sortedTiers() []Tier {
	t := append([]Tier(nil), s.Tiers...)
	sort.SliceStable(t, func(i, j int) bool { return t[i].ThresholdBP < t[j].ThresholdBP })
	return t
}

// Payout is one rep's commission plus bonus for revenue against quota
// (minor units). Each tier's rate applies only to the revenue above its
// threshold (marginal); the bonus is paid from 100 % attainment; the cap
// limits commission plus bonus. Rounding: half away from zero, once per rep.
func (s IncentiveScheme) Payout(revenue, quota int64) int64 {
	if revenue <= 0 {
		return 0
	}
	num := new(big.Int)
	rate, from := s.BaseBP, int64(0)
	add := func(to int64, r int64) {
		if to > from {
			num.Add(num, new(big.Int).Mul(big.NewInt(to-from), big.NewInt(r)))
			from = to
		}
	}
	for _, t := range s.sortedTiers() {
		boundary, err := app.MulRatio(quota, t.ThresholdBP, 10000) // the threshold in revenue
		if err != nil {
			boundary = math.MaxInt64
		}
		add(min(revenue, boundary), rate)
		rate = t.RateBP
	}
	add(revenue, rate)
	// num / 10000, half away from zero (num ≥ 0)
	q, r := new(big.Int).QuoRem(num, big.NewInt(10000), new(big.Int))
	if r.Int64()*2 >= 10000 {
		q.Add(q, big.NewInt(1))
	}
	pay := q.Int64()
	if quota > 0 && revenue >= quota {
		pay += s.Bonus
	}
	if s.Cap != nil && pay > *s.Cap {
		pay = *s.Cap
	}
	return pay
}

// SimRow is one line of the incentive simulator.
type SimRow struct {
	AttainmentBP int64
	RepRevenue   []int64
	RepPayout    []int64
	Revenue      int64
	Payout       int64
	CostRatio    float64 // payout ÷ revenue
}

// Simulation is the simulator's table and what it rests on.
type Simulation struct {
	Target  int64  // the revenue the quotas add up to
	Source  string // where the target came from, in words
	Quota   string // how the target was split, in words
	Reps    int
	Quotas  []int64
	Rows    []SimRow
	Problem string
}

// SimAttainments are the attainment levels the simulator shows.
func SimAttainments() []int64 { return []int64{5000, 7500, 10000, 12500, 15000} }

// payAt pays every rep at one attainment level (basis points of quota).
func payAt(s IncentiveScheme, quotas []int64, attainmentBP int64) SimRow {
	row := SimRow{AttainmentBP: attainmentBP}
	for _, q := range quotas {
		rev, _ := app.MulRatio(q, attainmentBP, 10000)
		pay := s.Payout(rev, q)
		row.RepRevenue = append(row.RepRevenue, rev)
		row.RepPayout = append(row.RepPayout, pay)
		row.Revenue += rev
		row.Payout += pay
	}
	if row.Revenue > 0 {
		row.CostRatio = float64(row.Payout) / float64(row.Revenue)
	}
	return row
}

// Simulate pays every rep at each attainment level. The target is the
// plan's revenue target from the figures (else the forecast); the quotas
// come from the figures' quota source (an even split until the team step
// provides quotas). When the team has quota holders, the simulated
// salespeople are those holders (the scheme's own count is then ignored)
// and the quotas are theirs, in roster order.
func Simulate(s IncentiveScheme, pd *app.PlanData) Simulation {
	sim := Simulation{Reps: s.Reps, Target: pd.Figures.Target.Amount, Source: pd.Figures.Target.Source, Quota: pd.Figures.Quotas.Name}
	if sim.Reps == 0 {
		sim.Reps = pd.Reps
	}
	if n := pd.Figures.Quotas.Reps; n > 0 {
		// the team's quotas: the simulator pays the roster's quota holders
		sim.Reps = n
	}
	switch {
	case sim.Reps <= 0:
		sim.Problem = "Enter how many salespeople the scheme covers (the history names none)."
		return sim
	case sim.Target <= 0:
		sim.Problem = "Set a revenue target on step 2 (or import history for a forecast) to simulate the payouts."
		return sim
	}
	split := pd.Figures.Quotas.Split
	if split == nil {
		split, sim.Quota = app.EvenQuotas.Split, app.EvenQuotas.Name
	}
	sim.Quotas = split(sim.Target, sim.Reps)
	for _, a := range SimAttainments() {
		sim.Rows = append(sim.Rows, payAt(s, sim.Quotas, a))
	}
	return sim
}

// InitiativeCosts spreads each initiative's cost evenly over its months
// (parts add up exactly); an initiative without dates counts in the plan's
// first month.
func InitiativeCosts(inits []Initiative, p app.Plan) map[app.Month]int64 {
	out := map[app.Month]int64{}
	for _, in := range inits {
		start := p.Start
		if in.Start != nil {
			start = *in.Start
		}
		end := start
		if in.End != nil {
			end = *in.End
		}
		if end < start {
			end = start
		}
		for i, part := range app.SplitEven(in.Cost, int(end-start)+1) {
			out[start.Add(i)] += part
		}
	}
	return out
}

// DefaultScheme is a common starting point: 3 % base, 5 % above 100 %,
// 7 % above 120 %, no bonus, no cap.
func DefaultScheme() IncentiveScheme {
	return IncentiveScheme{BaseBP: 300, Tiers: []Tier{{ThresholdBP: 10000, RateBP: 500}, {ThresholdBP: 12000, RateBP: 700}}}
}

// Describe says the scheme in one sentence.
func (s IncentiveScheme) Describe(loc app.Locale, cur app.Currency) string {
	b := &strings.Builder{}
	fmt.Fprintf(b, "%s commission", loc.Percent(float64(s.BaseBP)/10000))
	for _, t := range s.sortedTiers() {
		fmt.Fprintf(b, ", %s on revenue above %s of quota", loc.Percent(float64(t.RateBP)/10000), loc.Percent(float64(t.ThresholdBP)/10000))
	}
	if s.Bonus > 0 {
		fmt.Fprintf(b, ", a bonus of %s on reaching the quota", loc.MoneyExact(s.Bonus, cur))
	}
	if s.Cap != nil {
		fmt.Fprintf(b, ", at most %s per salesperson", loc.MoneyExact(*s.Cap, cur))
	}
	return b.String() + "."
}

// Tables names step 3's content tables.
const (
	TableInitiatives = "initiatives"
	TableSchemes     = "incentive_schemes"
)

// Content is what step 3 stores.
type Content struct {
	Initiatives []Initiative
	Scheme      *IncentiveScheme // nil until one is set
}

// Of returns the strategy content of pd.
func Of(pd *app.PlanData) *Content { return app.ContentOf[Content](pd, app.StepStrategy) }

// Figures are step 3's computed results.
type Figures struct {
	InitiativeCosts map[app.Month]int64 // every month an initiative spends in, also outside the plan
	Simulation      *Simulation         // nil without a scheme
}

// FiguresOf returns step 3's figures of pd.
func FiguresOf(pd *app.PlanData) *Figures {
	if f := app.StepFigures[Figures](&pd.Figures, app.StepStrategy); f != nil {
		return f
	}
	return compute(pd)
}

func compute(pd *app.PlanData) *Figures {
	c := Of(pd)
	f := &Figures{InitiativeCosts: InitiativeCosts(c.Initiatives, pd.Plan)}
	if c.Scheme != nil {
		sim := Simulate(*c.Scheme, pd)
		f.Simulation = &sim
	}
	return f
}

// figures contributes the initiative costs and the incentive cost to the
// budget, and keeps the simulation.
func figures(pd *app.PlanData) {
	f := compute(pd)
	app.SetStepFigures(&pd.Figures, app.StepStrategy, f)
	line := app.CostLine{Step: app.StepStrategy, Key: "initiatives", Label: "Initiatives", Months: pd.Plan.PlanMonths(),
		Source: "the initiatives of step 3, each spread evenly over its months"}
	for m, v := range f.InitiativeCosts {
		if i := pd.Plan.MonthIndex(m); i >= 0 {
			line.Months[i] += v
		}
	}
	pd.Figures.AddCostLine(line)
	if s := Of(pd).Scheme; s != nil && f.Simulation != nil && f.Simulation.Problem == "" {
		scheme, quotas := *s, f.Simulation.Quotas
		pd.Figures.IncentiveCost = func(attainmentBP int64) int64 { return payAt(scheme, quotas, attainmentBP).Payout }
	}
}

// Step returns step 3 for the registry.
func Step() app.Step {
	return app.Step{
		ID: app.StepStrategy, Number: 3, Title: "Strategy", Nav: "Strategy",
		Guidance: "Decide how you will reach the objectives: the initiatives that make the difference, and how salespeople are paid. " +
			"The simulator shows what the incentive scheme costs at different levels of success.",
		CompleteWhen: "Complete when there is an incentive scheme and every initiative serves at least one objective.",
		Tables: []app.Table{
			{Name: TableInitiatives, Row: Initiative{}},
			{Name: TableSchemes, Row: IncentiveScheme{}, OnePerPlan: true},
		},
		Load: func(ctx context.Context, r app.ContentReader, pd *app.PlanData) error {
			c := Of(pd)
			if err := r.Rows(ctx, TableInitiatives, pd.Plan.ID, &c.Initiatives); err != nil {
				return err
			}
			var schemes []IncentiveScheme
			if err := r.Rows(ctx, TableSchemes, pd.Plan.ID, &schemes); err != nil {
				return err
			}
			c.Scheme = nil
			if len(schemes) > 0 {
				c.Scheme = &schemes[0]
			}
			return nil
		},
		Rank:       app.RankStrategy,
		Figures:    figures,
		Completion: status,
		Section:    section,
		Exports:    exports,
		Show:       func(pd *app.PlanData) any { return Show(pd) },
		Demo:       demo,
	}
}

func demo(ctx context.Context, w app.ContentWriter, pd *app.PlanData) error {
	p := pd.Plan
	objs := objectives.Of(pd).Objectives
	obj := func(i int) []string {
		if i < len(objs) {
			return []string{objs[i].ID}
		}
		return nil
	}
	m := func(k int) *app.Month { v := p.Start.Add(k); return &v }
	for _, in := range []Initiative{
		{Description: "Office coffee campaign with trial machines", Owner: "Anna Müller", Start: m(1), End: m(5), Cost: 1_800_000,
			Effect: "20 new office customers, +€120k revenue", ObjectiveLinks: append(obj(0), obj(2)...)},
		{Description: "Service-contract renewal calls three months before expiry", Owner: "Service manager", Start: m(0), End: m(11), Cost: 600_000,
			Effect: "Retention from 86 % to 90 %", ObjectiveLinks: obj(1)},
		{Description: "Hotel renovation programme in the East", Owner: "Olga Smirnova", Start: m(3), End: m(8), Cost: 950_000,
			Effect: "+€60k machine sales", ObjectiveLinks: obj(0)},
	} {
		in.PlanID = p.ID
		if err := w.SaveRow(ctx, TableInitiatives, &in); err != nil {
			return err
		}
	}
	s := DefaultScheme()
	s.PlanID, s.Bonus = p.ID, 150_000
	cp := int64(2_500_000)
	s.Cap = &cp
	return w.SaveRow(ctx, TableSchemes, &s)
}

func status(pd *app.PlanData) app.Status {
	c := Of(pd)
	switch {
	case len(c.Initiatives) > 0 && c.Scheme != nil:
		for _, in := range c.Initiatives {
			if len(in.ObjectiveLinks) == 0 {
				return app.InProgress
			}
		}
		return app.Complete
	case len(c.Initiatives) > 0 || c.Scheme != nil:
		return app.InProgress
	}
	return app.NotStarted
}

// TimelineChart describes the initiatives over the plan period.
func TimelineChart(pd *app.PlanData) charts.TimelineChart {
	c := charts.TimelineChart{Title: "Initiatives", FirstYear: pd.Plan.Start.Year(), FirstMonth: pd.Plan.Start.Month(),
		Months: pd.Plan.Months, EmptyText: "No initiatives yet"}
	for _, in := range Of(pd).Initiatives {
		start, end := 0, 0
		if in.Start != nil {
			start = int(*in.Start - pd.Plan.Start)
		}
		end = start
		if in.End != nil {
			end = int(*in.End - pd.Plan.Start)
		}
		c.Items = append(c.Items, charts.TimelineItem{Label: in.Description, Start: start, End: end})
	}
	return c
}

// SimulatorChart describes the payout bars of the simulator.
func SimulatorChart(pd *app.PlanData, sim Simulation) charts.BarChart {
	loc, cur := pd.Locale, pd.Currency
	c := charts.BarChart{Title: "Total payout by attainment", EmptyText: "Nothing to simulate yet",
		FormatY: func(v float64) string { return loc.MoneyCompact(app.FromMajor(v, cur), cur) }}
	for _, r := range sim.Rows {
		c.Labels = append(c.Labels, loc.Percent(float64(r.AttainmentBP)/10000))
		c.Values = append(c.Values, app.ToMajor(r.Payout, cur))
	}
	return c
}

func monthText(m *app.Month, loc app.Locale) string {
	if m == nil {
		return "–"
	}
	return loc.MonthName(*m)
}

func section(r *report.Report, pd *app.PlanData) error {
	loc, cur, c := pd.Locale, pd.Currency, Of(pd)
	r.Subheading("Initiatives")
	if len(c.Initiatives) == 0 {
		r.Note("No initiatives yet.")
	} else {
		titles := map[string]string{}
		for _, o := range objectives.Of(pd).Objectives {
			titles[o.ID] = o.Title
		}
		var rows [][]string
		var total int64
		for _, in := range c.Initiatives {
			var objs []string
			for _, id := range in.ObjectiveLinks {
				if t, ok := titles[id]; ok {
					objs = append(objs, t)
				}
			}
			rows = append(rows, []string{in.Description, app.OrDash(in.Owner), monthText(in.Start, loc) + " – " + monthText(in.End, loc),
				loc.Money(in.Cost, cur), app.OrDash(in.Effect), app.OrDash(strings.Join(objs, "; "))})
			total += in.Cost
		}
		rows = append(rows, []string{"Total", "", "", loc.Money(total, cur), "", ""})
		r.Table([]string{"Initiative", "Owner", "When", "Cost", "Expected effect", "Serves"}, rows,
			[]float64{0.22, 0.11, 0.17, 0.15, 0.17, 0.18}, "LLLRLL")
		if err := r.Chart("timeline", 0.4, func(w, h int, scale float64) image.Image {
			c := TimelineChart(pd)
			c.Width, c.Height, c.Scale = w, h, scale
			return r.Charts().Timeline(c)
		}); err != nil {
			return err
		}
	}
	r.Subheading("Incentive scheme")
	if c.Scheme == nil {
		r.Note("No incentive scheme yet.")
		return nil
	}
	r.Paragraph(c.Scheme.Describe(loc, cur))
	sim := FiguresOf(pd).Simulation
	if sim.Problem != "" {
		r.Note(sim.Problem)
		return nil
	}
	r.Paragraph(fmt.Sprintf("Simulated for %d salespeople with quotas from %s that add up to %s (%s).", sim.Reps, sim.Quota, loc.Money(sim.Target, cur), sim.Source))
	var rows [][]string
	for _, row := range sim.Rows {
		rows = append(rows, []string{loc.Percent(float64(row.AttainmentBP) / 10000), loc.Money(row.Revenue, cur),
			loc.MoneyExact(row.RepPayout[0], cur), loc.MoneyExact(row.Payout, cur), loc.Percent(row.CostRatio)})
	}
	r.Table([]string{"Attainment", "Revenue", "Payout per rep", "Total payout", "Cost of sales"}, rows, []float64{0.16, 0.24, 0.2, 0.22, 0.18}, "RRRRR")
	return r.BarChart("simulator", SimulatorChart(pd, *sim))
}

// JSON is the `show --step strategy --json` view of step 3: amounts in
// major units, rates and attainments as ratios (0.03 = 3 %).
type JSON struct {
	Initiatives            []InitiativeJSON   `json:"initiatives"`
	Scheme                 *SchemeJSON        `json:"scheme"`
	Simulator              *SimulationJSON    `json:"simulator,omitempty"`
	InitiativeCostsByMonth map[string]float64 `json:"initiative_costs_by_month"`
}

// InitiativeJSON is one initiative.
type InitiativeJSON struct {
	ID             string     `json:"id"`
	Position       int        `json:"position"`
	Description    string     `json:"description"`
	Owner          string     `json:"owner"`
	Start          *app.Month `json:"start"`
	End            *app.Month `json:"end"`
	Cost           float64    `json:"cost"`
	Effect         string     `json:"effect"`
	ObjectiveLinks []string   `json:"objective_links"`
}

// SchemeJSON is the incentive scheme.
type SchemeJSON struct {
	ID    string     `json:"id"`
	Base  float64    `json:"base_rate"`
	Tiers []TierJSON `json:"tiers"`
	Bonus float64    `json:"bonus"`
	Cap   *float64   `json:"cap"`
	Reps  int        `json:"reps"`
}

// TierJSON is one tier: the rate above an attainment threshold.
type TierJSON struct {
	Threshold float64 `json:"threshold"`
	Rate      float64 `json:"rate"`
}

// SimulationJSON is the simulator's table.
type SimulationJSON struct {
	Target  float64      `json:"target"`
	Source  string       `json:"source"`
	Quota   string       `json:"quota_source"`
	Reps    int          `json:"reps"`
	Quotas  []float64    `json:"quotas"`
	Rows    []SimRowJSON `json:"rows"`
	Problem string       `json:"problem,omitempty"`
}

// SimRowJSON is one attainment level of the simulator.
type SimRowJSON struct {
	Attainment float64   `json:"attainment"`
	RepRevenue []float64 `json:"rep_revenue"`
	RepPayout  []float64 `json:"rep_payout"`
	Revenue    float64   `json:"revenue"`
	Payout     float64   `json:"payout"`
	CostRatio  *float64  `json:"cost_of_sales_ratio"`
}

// Show returns the JSON view of step 3.
func Show(pd *app.PlanData) JSON {
	c, f, cur := Of(pd), FiguresOf(pd), pd.Currency
	major := func(v int64) float64 { return app.ToMajor(v, cur) }
	majors := func(vs []int64) []float64 {
		out := make([]float64, len(vs))
		for i, v := range vs {
			out[i] = major(v)
		}
		return out
	}
	out := JSON{Initiatives: []InitiativeJSON{}, InitiativeCostsByMonth: map[string]float64{}}
	for _, in := range c.Initiatives {
		links := in.ObjectiveLinks
		if links == nil {
			links = []string{}
		}
		out.Initiatives = append(out.Initiatives, InitiativeJSON{ID: in.ID, Position: in.Position, Description: in.Description,
			Owner: in.Owner, Start: in.Start, End: in.End, Cost: major(in.Cost), Effect: in.Effect, ObjectiveLinks: links})
	}
	if s := c.Scheme; s != nil {
		sj := &SchemeJSON{ID: s.ID, Base: float64(s.BaseBP) / 10000, Tiers: []TierJSON{}, Bonus: major(s.Bonus), Reps: s.Reps}
		for _, t := range s.Tiers {
			sj.Tiers = append(sj.Tiers, TierJSON{Threshold: float64(t.ThresholdBP) / 10000, Rate: float64(t.RateBP) / 10000})
		}
		if s.Cap != nil {
			v := major(*s.Cap)
			sj.Cap = &v
		}
		out.Scheme = sj
	}
	if sim := f.Simulation; sim != nil {
		sj := &SimulationJSON{Target: major(sim.Target), Source: sim.Source, Quota: sim.Quota, Reps: sim.Reps, Quotas: majors(sim.Quotas),
			Rows: []SimRowJSON{}, Problem: sim.Problem}
		for _, r := range sim.Rows {
			sj.Rows = append(sj.Rows, SimRowJSON{Attainment: float64(r.AttainmentBP) / 10000, RepRevenue: majors(r.RepRevenue),
				RepPayout: majors(r.RepPayout), Revenue: major(r.Revenue), Payout: major(r.Payout), CostRatio: app.Ratio4(r.CostRatio)})
		}
		out.Simulator = sj
	}
	for m, v := range f.InitiativeCosts {
		out.InitiativeCostsByMonth[m.String()] = major(v)
	}
	return out
}
