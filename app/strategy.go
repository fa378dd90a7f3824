package app

import (
	"context"
	"fmt"
	"image"
	"math"
	"math/big"
	"sort"
	"strings"

	"salesplan/charts"
)

// Initiative is one action of the strategy, linked to the objectives it
// serves.
type Initiative struct {
	ID             string   `json:"id"`
	PlanID         string   `json:"-"`
	Position       int      `json:"position"`
	Description    string   `json:"description"`
	Owner          string   `json:"owner"`
	Start          *Month   `json:"start"`
	End            *Month   `json:"end"`
	Cost           int64    `json:"cost_minor"`
	Effect         string   `json:"effect"` // expected effect on its objectives, in words
	ObjectiveLinks []string `json:"objective_links"`
}

// Validate checks an initiative.
func (i Initiative) Validate() []FieldError {
	var errs []FieldError
	if err := ValidateText(i.Description); err != nil {
		errs = append(errs, FieldError{"description", ErrorMessage(err)})
	}
	if i.Start != nil && i.End != nil && *i.End < *i.Start {
		errs = append(errs, FieldError{"end", "The end lies before the start."})
	}
	if i.Cost < 0 {
		errs = append(errs, FieldError{"cost", "A cost cannot be negative."})
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
	ID     string `json:"id"`
	PlanID string `json:"-"`
	BaseBP int64  `json:"base_bp"` // commission on revenue up to the first tier
	Tiers  []Tier `json:"tiers"`
	Bonus  int64  `json:"bonus_minor"` // paid on reaching 100 % of quota
	Cap    *int64 `json:"cap_minor"`   // per rep, commission plus bonus; nil = none
	Reps   int    `json:"reps"`        // 0 = the salespeople of the history
}

// Validate checks a scheme.
func (s IncentiveScheme) Validate() []FieldError {
	var errs []FieldError
	if s.BaseBP < 0 || s.BaseBP > 10000 {
		errs = append(errs, FieldError{"base", "The base rate lies between 0 % and 100 %."})
	}
	for i, t := range s.Tiers {
		if t.ThresholdBP <= 0 || t.ThresholdBP > 100000 {
			errs = append(errs, FieldError{fmt.Sprintf("tier%d", i), "A tier starts above 0 % and at most 1000 % of quota."})
		}
		if t.RateBP < 0 || t.RateBP > 10000 {
			errs = append(errs, FieldError{fmt.Sprintf("tier%d", i), "A tier's rate lies between 0 % and 100 %."})
		}
	}
	if s.Bonus < 0 {
		errs = append(errs, FieldError{"bonus", "A bonus cannot be negative."})
	}
	if s.Cap != nil && *s.Cap < 0 {
		errs = append(errs, FieldError{"cap", "A cap cannot be negative."})
	}
	if s.Reps < 0 || s.Reps > 10000 {
		errs = append(errs, FieldError{"reps", "Enter between 0 and 10,000 salespeople."})
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
		boundary, err := MulRatio(quota, t.ThresholdBP, 10000) // the threshold in revenue
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
	AttainmentBP int64   `json:"attainment_bp"`
	RepRevenue   []int64 `json:"rep_revenue_minor"`
	RepPayout    []int64 `json:"rep_payout_minor"`
	Revenue      int64   `json:"revenue_minor"`
	Payout       int64   `json:"payout_minor"`
	CostRatio    float64 `json:"cost_of_sales_ratio"` // payout ÷ revenue
}

// Simulation is the simulator's table and what it rests on.
type Simulation struct {
	Target  int64    `json:"target_minor"` // the revenue the quotas add up to
	Source  string   `json:"source"`       // where the target came from, in words
	Reps    int      `json:"reps"`
	Quotas  []int64  `json:"quotas_minor"`
	Rows    []SimRow `json:"rows"`
	Problem string   `json:"problem,omitempty"`
}

// SimAttainments are the attainment levels the simulator shows.
func SimAttainments() []int64 { return []int64{5000, 7500, 10000, 12500, 15000} }

// Simulate pays every rep at each attainment level. Quotas split the
// revenue target evenly over the reps (until the team step sets real
// quotas); the target is the plan's revenue objective, else the forecast.
func Simulate(s IncentiveScheme, pd PlanData) Simulation {
	sim := Simulation{Reps: s.Reps}
	if sim.Reps == 0 {
		sim.Reps = pd.Reps
	}
	if o, ok := RevenueTarget(pd.Objectives); ok && o.Target != nil && *o.Target > 0 {
		sim.Target, sim.Source = *o.Target, "the revenue target “"+o.Title+"”"
	} else if _, _, t, ok := PlanPeriodForecast(pd); ok && t.Point > 0 {
		sim.Target, sim.Source = int64(t.Point), "the forecast (no revenue target set)"
	}
	switch {
	case sim.Reps <= 0:
		sim.Problem = "Enter how many salespeople the scheme covers (the history names none)."
		return sim
	case sim.Target <= 0:
		sim.Problem = "Set a revenue target on step 2 (or import history for a forecast) to simulate the payouts."
		return sim
	}
	sim.Quotas = SplitEven(sim.Target, sim.Reps)
	for _, a := range SimAttainments() {
		row := SimRow{AttainmentBP: a}
		for _, q := range sim.Quotas {
			rev, _ := MulRatio(q, a, 10000)
			pay := s.Payout(rev, q)
			row.RepRevenue = append(row.RepRevenue, rev)
			row.RepPayout = append(row.RepPayout, pay)
			row.Revenue += rev
			row.Payout += pay
		}
		if row.Revenue > 0 {
			row.CostRatio = float64(row.Payout) / float64(row.Revenue)
		}
		sim.Rows = append(sim.Rows, row)
	}
	return sim
}

// InitiativeCosts spreads each initiative's cost evenly over its months
// (parts add up exactly); an initiative without dates counts in the plan's
// first month. This is what the budget step reads.
func InitiativeCosts(pd PlanData) map[Month]int64 {
	out := map[Month]int64{}
	for _, in := range pd.Initiatives {
		start := pd.Plan.Start
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
		for i, part := range SplitEven(in.Cost, int(end-start)+1) {
			out[start.Add(i)] += part
		}
	}
	return out
}

// IncentiveCost is the total payout of the scheme at an attainment level
// (basis points), for the budget step.
func IncentiveCost(pd PlanData, attainmentBP int64) int64 {
	if pd.Scheme == nil {
		return 0
	}
	sim := Simulate(*pd.Scheme, pd)
	var total int64
	for _, q := range sim.Quotas {
		rev, _ := MulRatio(q, attainmentBP, 10000)
		total += pd.Scheme.Payout(rev, q)
	}
	return total
}

// DefaultScheme is a common starting point: 3 % base, 5 % above 100 %,
// 7 % above 120 %, no bonus, no cap.
func DefaultScheme() IncentiveScheme {
	return IncentiveScheme{BaseBP: 300, Tiers: []Tier{{ThresholdBP: 10000, RateBP: 500}, {ThresholdBP: 12000, RateBP: 700}}}
}

// Describe says the scheme in one sentence.
func (s IncentiveScheme) Describe(loc Locale, cur Currency) string {
	b := &strings.Builder{}
	fmt.Fprintf(b, "%s commission", loc.Percent(float64(s.BaseBP)/10000))
	for _, t := range s.sortedTiers() {
		fmt.Fprintf(b, ", %s on revenue above %s of quota", loc.Percent(float64(t.RateBP)/10000), loc.Percent(float64(t.ThresholdBP)/10000))
	}
	if s.Bonus > 0 {
		fmt.Fprintf(b, ", a bonus of %s on reaching the quota", loc.Money(s.Bonus, cur))
	}
	if s.Cap != nil {
		fmt.Fprintf(b, ", at most %s per salesperson", loc.Money(*s.Cap, cur))
	}
	return b.String() + "."
}

func strategyStep() Step {
	return Step{
		ID: StepStrategy, Number: 3, Title: "Strategy", Nav: "Strategy",
		Guidance: "Decide how you will reach the objectives: the initiatives that make the difference, and how salespeople are paid. " +
			"The simulator shows what the incentive scheme costs at different levels of success.",
		Completion: strategyStatus,
		Section:    strategySection,
		Show:       strategyShow,
		Demo: func(ctx context.Context, w ContentWriter, pd PlanData) (Plan, error) {
			p := pd.Plan
			obj := func(i int) []string {
				if i < len(pd.Objectives) {
					return []string{pd.Objectives[i].ID}
				}
				return nil
			}
			m := func(k int) *Month { v := p.Start.Add(k); return &v }
			for _, in := range []Initiative{
				{Description: "Office coffee campaign with trial machines", Owner: "Anna Müller", Start: m(1), End: m(5), Cost: 1_800_000,
					Effect: "20 new office customers, +€120k revenue", ObjectiveLinks: append(obj(0), obj(2)...)},
				{Description: "Service-contract renewal calls three months before expiry", Owner: "Service manager", Start: m(0), End: m(11), Cost: 600_000,
					Effect: "Retention from 86 % to 90 %", ObjectiveLinks: obj(1)},
				{Description: "Hotel renovation programme in the East", Owner: "Olga Smirnova", Start: m(3), End: m(8), Cost: 950_000,
					Effect: "+€60k machine sales", ObjectiveLinks: obj(0)},
			} {
				in.PlanID = p.ID
				if _, err := w.SaveInitiative(ctx, in); err != nil {
					return p, err
				}
			}
			s := DefaultScheme()
			s.PlanID, s.Bonus = p.ID, 150_000
			cp := int64(2_500_000)
			s.Cap = &cp
			if _, err := w.SaveScheme(ctx, s); err != nil {
				return p, err
			}
			return p, nil
		},
	}
}

func strategyStatus(pd PlanData) Status {
	switch {
	case len(pd.Initiatives) > 0 && pd.Scheme != nil:
		for _, in := range pd.Initiatives {
			if len(in.ObjectiveLinks) == 0 {
				return InProgress
			}
		}
		return Complete
	case len(pd.Initiatives) > 0 || pd.Scheme != nil:
		return InProgress
	}
	return NotStarted
}

// TimelineChart describes the initiatives over the plan period.
func TimelineChart(pd PlanData) charts.TimelineChart {
	c := charts.TimelineChart{Title: "Initiatives", FirstYear: pd.Plan.Start.Year(), FirstMonth: pd.Plan.Start.Month(),
		Months: pd.Plan.Months, EmptyText: "No initiatives yet"}
	for _, in := range pd.Initiatives {
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
func SimulatorChart(pd PlanData, sim Simulation) charts.BarChart {
	loc, cur := pd.Locale, pd.Currency
	c := charts.BarChart{Title: "Total payout by attainment", EmptyText: "Nothing to simulate yet",
		FormatY: func(v float64) string { return loc.MoneyCompact(FromMajor(v, cur), cur) }}
	for _, r := range sim.Rows {
		c.Labels = append(c.Labels, loc.Percent(float64(r.AttainmentBP)/10000))
		c.Values = append(c.Values, ToMajor(r.Payout, cur))
	}
	return c
}

func monthText(m *Month, loc Locale) string {
	if m == nil {
		return "–"
	}
	return loc.MonthName(*m)
}

func strategySection(r *Report, pd PlanData) error {
	loc, cur := pd.Locale, pd.Currency
	r.Subheading("Initiatives")
	if len(pd.Initiatives) == 0 {
		r.Note("No initiatives yet.")
	} else {
		titles := map[string]string{}
		for _, o := range pd.Objectives {
			titles[o.ID] = o.Title
		}
		var rows [][]string
		var total int64
		for _, in := range pd.Initiatives {
			var objs []string
			for _, id := range in.ObjectiveLinks {
				if t, ok := titles[id]; ok {
					objs = append(objs, t)
				}
			}
			rows = append(rows, []string{in.Description, orDash(in.Owner), monthText(in.Start, loc) + " – " + monthText(in.End, loc),
				loc.Money(in.Cost, cur), orDash(in.Effect), orDash(strings.Join(objs, "; "))})
			total += in.Cost
		}
		rows = append(rows, []string{"Total", "", "", loc.Money(total, cur), "", ""})
		r.Table([]string{"Initiative", "Owner", "When", "Cost", "Expected effect", "Serves"}, rows,
			[]float64{0.22, 0.11, 0.17, 0.15, 0.17, 0.18}, "LLLRLL")
		if err := r.Chart("timeline", 0.4, func(w, h int, scale float64) image.Image {
			c := TimelineChart(pd)
			c.Width, c.Height, c.Scale = w, h, scale
			return r.opts.Charts.Timeline(c)
		}); err != nil {
			return err
		}
	}
	r.Subheading("Incentive scheme")
	if pd.Scheme == nil {
		r.Note("No incentive scheme yet.")
		return nil
	}
	r.Paragraph(pd.Scheme.Describe(loc, cur))
	sim := Simulate(*pd.Scheme, pd)
	if sim.Problem != "" {
		r.Note(sim.Problem)
		return nil
	}
	r.Paragraph(fmt.Sprintf("Simulated for %d salespeople with equal quotas that add up to %s (%s).", sim.Reps, loc.Money(sim.Target, cur), sim.Source))
	var rows [][]string
	for _, row := range sim.Rows {
		rows = append(rows, []string{loc.Percent(float64(row.AttainmentBP) / 10000), loc.Money(row.Revenue, cur),
			loc.Money(row.RepPayout[0], cur), loc.Money(row.Payout, cur), loc.Percent(row.CostRatio)})
	}
	r.Table([]string{"Attainment", "Revenue", "Payout per rep", "Total payout", "Cost of sales"}, rows, []float64{0.16, 0.24, 0.2, 0.22, 0.18}, "RRRRR")
	return r.BarChart("simulator", SimulatorChart(pd, sim))
}

func strategyShow(pd PlanData) any {
	inits := pd.Initiatives
	if inits == nil {
		inits = []Initiative{}
	}
	out := map[string]any{"initiatives": inits, "scheme": pd.Scheme}
	if pd.Scheme != nil {
		sim := Simulate(*pd.Scheme, pd)
		out["simulator"] = sim
	}
	costs := map[string]float64{}
	for m, v := range InitiativeCosts(pd) {
		costs[m.String()] = ToMajor(v, pd.Currency)
	}
	out["initiative_costs_by_month"] = costs
	return out
}
