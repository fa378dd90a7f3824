package app

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
)

// ObjectiveKind is what an objective measures.
type ObjectiveKind string

// The kinds of objective (SPEC.md §2).
const (
	KindRevenue      ObjectiveKind = "revenue"
	KindGrossMargin  ObjectiveKind = "gross_margin"
	KindRetention    ObjectiveKind = "retention"
	KindCostOfSales  ObjectiveKind = "cost_of_sales"
	KindSatisfaction ObjectiveKind = "satisfaction"
	KindLeads        ObjectiveKind = "leads"
	KindNewCustomers ObjectiveKind = "new_customers"
	KindCustom       ObjectiveKind = "custom"
)

// kindInfo describes a kind: its label, default metric and unit, and how
// values are stored (money in minor units; percentages in basis points;
// counts as whole numbers; scores in hundredths).
type kindInfo struct {
	label, metric, unit string
	scale               string // "money", "bp", "count", "hundredths"
}

func (k ObjectiveKind) info() kindInfo {
	switch k {
	case KindRevenue:
		return kindInfo{"Revenue", "Revenue in the plan period", "money", "money"}
	case KindGrossMargin:
		return kindInfo{"Gross margin", "Gross margin", "%", "bp"}
	case KindRetention:
		return kindInfo{"Customer retention", "Customers who buy again", "%", "bp"}
	case KindCostOfSales:
		return kindInfo{"Cost-of-sales ratio", "Sales costs ÷ revenue", "%", "bp"}
	case KindSatisfaction:
		return kindInfo{"Customer satisfaction", "Average rating", "points", "hundredths"}
	case KindLeads:
		return kindInfo{"Number of leads", "New leads", "leads", "count"}
	case KindNewCustomers:
		return kindInfo{"New customers", "Customers buying for the first time", "customers", "count"}
	}
	return kindInfo{"Custom", "", "", "hundredths"}
}

// ObjectiveKinds lists the kinds in menu order.
func ObjectiveKinds() []ObjectiveKind {
	return []ObjectiveKind{KindRevenue, KindGrossMargin, KindRetention, KindCostOfSales, KindSatisfaction, KindLeads, KindNewCustomers, KindCustom}
}

// Label names the kind for people.
func (k ObjectiveKind) Label() string { return k.info().label }

// DefaultMetric and DefaultUnit prefill a new objective of the kind.
func (k ObjectiveKind) DefaultMetric() string { return k.info().metric }

// DefaultUnit is the unit a new objective of the kind starts with.
func (k ObjectiveKind) DefaultUnit() string { return k.info().unit }

// IsMoney reports whether values of the kind are amounts of the plan currency.
func (k ObjectiveKind) IsMoney() bool { return k.info().scale == "money" }

// Objective is one SMART objective of a plan.
type Objective struct {
	ID            string        `json:"id"`
	PlanID        string        `json:"-"`
	Position      int           `json:"position"`
	Title         string        `json:"title"`
	Kind          ObjectiveKind `json:"kind"`
	Metric        string        `json:"metric"`
	Unit          string        `json:"unit"`
	Baseline      *int64        `json:"baseline"` // stored value (see kind scale); nil = not set
	Target        *int64        `json:"target"`
	Deadline      *Month        `json:"deadline"`
	Owner         string        `json:"owner"`
	RevenueTarget bool          `json:"revenue_target"` // the plan's revenue target (budget and quotas use it)
	SWOTLinks     []string      `json:"swot_links"`     // IDs of SWOT items it answers
}

// FormatValue shows a stored value of the objective's kind.
func (o Objective) FormatValue(v int64, loc Locale, cur Currency) string {
	switch o.Kind.info().scale {
	case "money":
		return loc.Money(v, cur)
	case "bp":
		return loc.Percent(float64(v) / 10000)
	case "count":
		return loc.Int(v)
	}
	return loc.Number(float64(v)/100, 2) + unitSuffix(o.Unit)
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return " " + u
}

// ParseValue reads what a person typed for the objective's kind.
func (o Objective) ParseValue(s string, loc Locale, cur Currency) (int64, error) {
	s = strings.TrimSpace(s)
	switch o.Kind.info().scale {
	case "money":
		return loc.ParseMoney(s, cur)
	case "bp":
		f, err := loc.ParseNumber(strings.TrimSuffix(strings.TrimSpace(s), "%"))
		if err != nil {
			return 0, err
		}
		if f < -1000 || f > 1000 {
			return 0, Errorf(ErrInvalid, "%s is not a plausible percentage.", ShowInput(s, 20))
		}
		return int64(math.Round(f * 100)), nil
	case "count":
		f, err := loc.ParseNumber(s)
		if err != nil {
			return 0, err
		}
		if f != math.Trunc(f) || f < 0 || f > 1e12 {
			return 0, Errorf(ErrInvalid, "Enter a whole number, e.g. 120.")
		}
		return int64(f), nil
	}
	f, err := loc.ParseNumber(s)
	if err != nil {
		return 0, err
	}
	if math.Abs(f) > 1e12 {
		return 0, Errorf(ErrInvalid, "%s is too large.", ShowInput(s, 20))
	}
	return int64(math.Round(f * 100)), nil
}

// Verdict is the result of one SMART letter.
type Verdict string

// SMART verdicts.
const (
	VerdictOK      Verdict = "ok"
	VerdictWeak    Verdict = "weak"
	VerdictMissing Verdict = "missing"
)

// Mark shows a verdict with a symbol and word, never colour alone.
func (v Verdict) Mark() string {
	switch v {
	case VerdictOK:
		return "✔ ok"
	case VerdictWeak:
		return "⚠ weak"
	}
	return "✖ missing"
}

// SMARTLetter is one letter's verdict and explanation.
type SMARTLetter struct {
	Letter   string  `json:"letter"` // "S", "M", "A", "R", "T"
	Name     string  `json:"name"`
	Verdict  Verdict `json:"verdict"`
	Sentence string  `json:"sentence"`
}

// SMARTCheck explains, letter by letter, how SMART an objective is. It
// never blocks saving.
func SMARTCheck(o Objective, pd PlanData) [5]SMARTLetter {
	loc, cur := pd.Locale, pd.Currency
	s := SMARTLetter{Letter: "S", Name: "Specific", Verdict: VerdictOK}
	switch {
	case strings.TrimSpace(o.Title) == "":
		s.Verdict, s.Sentence = VerdictMissing, "Give the objective a title that says what should change."
	case strings.TrimSpace(o.Metric) == "" || (o.Kind == KindCustom && strings.TrimSpace(o.Unit) == ""):
		s.Verdict, s.Sentence = VerdictWeak, "Name the metric and its unit, so everyone measures the same thing."
	default:
		s.Sentence = fmt.Sprintf("%s, measured as “%s” for %s.", o.Kind.Label(), o.Metric, scopeText(pd.Plan.Scope))
	}
	m := SMARTLetter{Letter: "M", Name: "Measurable", Verdict: VerdictOK}
	switch {
	case o.Target == nil:
		m.Verdict, m.Sentence = VerdictMissing, "Set a numeric target."
	case o.Baseline == nil:
		m.Verdict, m.Sentence = VerdictWeak, "Set the baseline (where you stand now) so progress can be measured."
	case *o.Baseline == *o.Target:
		m.Verdict, m.Sentence = VerdictWeak, "The target equals the baseline: nothing would change. Is that the intent?"
	default:
		m.Sentence = fmt.Sprintf("From %s to %s.", o.FormatValue(*o.Baseline, loc, cur), o.FormatValue(*o.Target, loc, cur))
	}
	a := achievable(o, pd)
	r := SMARTLetter{Letter: "R", Name: "Relevant", Verdict: VerdictOK}
	if len(o.SWOTLinks) == 0 {
		r.Verdict, r.Sentence = VerdictWeak, "Link it to the SWOT items it answers, so it is clear why it matters."
	} else {
		var names []string
		for _, id := range o.SWOTLinks {
			for _, it := range pd.SWOT {
				if it.ID == id {
					names = append(names, "“"+it.Text+"”")
				}
			}
		}
		if len(names) == 0 {
			r.Verdict, r.Sentence = VerdictWeak, "The SWOT items it was linked to were deleted; link it again."
		} else {
			r.Sentence = "Answers " + strings.Join(names, ", ") + "."
		}
	}
	t := SMARTLetter{Letter: "T", Name: "Time-bound", Verdict: VerdictOK}
	switch {
	case o.Deadline == nil:
		t.Verdict, t.Sentence = VerdictMissing, "Set a deadline inside the plan period."
	case !pd.Plan.Contains(*o.Deadline):
		t.Verdict, t.Sentence = VerdictWeak, fmt.Sprintf("The deadline %s lies outside the plan period (%s – %s).",
			loc.MonthName(*o.Deadline), loc.MonthName(pd.Plan.Start), loc.MonthName(pd.Plan.End()))
	default:
		t.Sentence = "Due by the end of " + loc.MonthName(*o.Deadline) + "."
	}
	return [5]SMARTLetter{s, m, a, r, t}
}

func scopeText(s Scope) string {
	var parts []string
	if len(s.ProductGroups) > 0 {
		parts = append(parts, strings.Join(s.ProductGroups, ", "))
	}
	if len(s.Regions) > 0 {
		parts = append(parts, strings.Join(s.Regions, ", "))
	}
	if len(parts) == 0 {
		return "the whole business"
	}
	return strings.Join(parts, " in ")
}

// achievable compares the required change with history and forecast.
func achievable(o Objective, pd PlanData) SMARTLetter {
	a := SMARTLetter{Letter: "A", Name: "Achievable"}
	if o.Target == nil || o.Baseline == nil || *o.Baseline == 0 {
		a.Verdict, a.Sentence = VerdictWeak, "Needs a baseline and a target to judge how big the step is."
		return a
	}
	change := float64(*o.Target-*o.Baseline) / math.Abs(float64(*o.Baseline))
	sign := func(f float64) string {
		if f >= 0 {
			return "+" + pd.Locale.Percent(f)
		}
		return pd.Locale.Percent(f)
	}
	if o.Kind != KindRevenue {
		a.Verdict = VerdictOK
		a.Sentence = "Requires " + sign(change) + "; the history holds no data to compare this kind of objective with, so judge it with the team."
		if math.Abs(change) > 0.5 {
			a.Verdict, a.Sentence = VerdictWeak, "Requires "+sign(change)+", a large step; the history cannot confirm it is realistic."
		}
		return a
	}
	var growths []float64
	for _, y := range YearTotals(pd.History) {
		if !isNaN(y.Growth) {
			growths = append(growths, y.Growth)
		}
	}
	_, _, total, hasForecast := PlanPeriodForecast(pd)
	if len(growths) == 0 && !hasForecast {
		a.Verdict, a.Sentence = VerdictWeak, "Requires "+sign(change)+"; there is not enough history (two complete years) or forecast to check it."
		return a
	}
	best, median := math.NaN(), math.NaN()
	if len(growths) > 0 {
		sorted := append([]float64(nil), growths...)
		sort.Float64s(sorted)
		best, median = sorted[len(sorted)-1], sorted[len(sorted)/2]
		if len(sorted)%2 == 0 {
			median = (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2
		}
	}
	var parts []string
	if !isNaN(best) {
		parts = append(parts, "the best year grew "+sign(best)+" (median "+sign(median)+")")
	}
	if hasForecast {
		parts = append(parts, "the forecast's 80 % range tops out at "+sign(total.Hi80/float64(*o.Baseline)-1))
	}
	detail := strings.Join(parts, " and ")
	target := float64(*o.Target)
	switch {
	case hasForecast && target <= total.Hi80 || !hasForecast && change <= median:
		a.Verdict = VerdictOK
		a.Sentence = "Requires " + sign(change) + "; plausible: " + detail + "."
	case hasForecast && target <= total.Hi95 || !isNaN(best) && change <= best:
		a.Verdict = VerdictWeak
		a.Sentence = "Requires " + sign(change) + ", a stretch: " + detail + "."
	default:
		a.Verdict = VerdictMissing
		a.Sentence = "Requires " + sign(change) + " while " + detail + ". Plan initiatives that explain the extra growth, or lower the target."
	}
	return a
}

// RevenueTarget returns the plan's revenue target objective: the one
// flagged, else the first revenue objective.
func RevenueTarget(objs []Objective) (Objective, bool) {
	for _, o := range objs {
		if o.RevenueTarget && o.Kind == KindRevenue {
			return o, true
		}
	}
	for _, o := range objs {
		if o.Kind == KindRevenue {
			return o, true
		}
	}
	return Objective{}, false
}

// RevenueBaseline is the revenue of the last 12 months of history before
// the plan starts (fewer when the history is shorter), the baseline of a
// revenue objective; months is how many it covers.
func RevenueBaseline(pd PlanData) (sum int64, months int) {
	h := pd.History
	end := min(h.End(), pd.Plan.Start.Add(-1))
	for i, v := range h.Values {
		if m := h.Start.Add(i); m <= end && m > end.Add(-12) {
			sum += v
			months++
		}
	}
	return sum, months
}

func objectivesStep() Step {
	return Step{
		ID: StepObjectives, Number: 2, Title: "Objectives", Nav: "Objectives",
		Guidance: "Set the objectives the plan must reach. Each one gets a SMART check — Specific, Measurable, Achievable, " +
			"Relevant, Time-bound — that explains what is missing; it never stops you from saving.",
		Completion: objectivesStatus,
		Section:    objectivesSection,
		Show:       objectivesShow,
		Demo: func(ctx context.Context, w ContentWriter, pd PlanData) (Plan, error) {
			p := pd.Plan
			swot := pd.SWOT
			link := func(q string, n int) []string {
				var ids []string
				for _, it := range swot {
					if it.Quadrant == q && len(ids) < n {
						ids = append(ids, it.ID)
					}
				}
				return ids
			}
			end := p.End()
			i64 := func(v int64) *int64 { return &v }
			base, _ := RevenueBaseline(pd)
			target := RoundDiv(base*108, 100) // +8 %
			for _, o := range []Objective{
				{Title: "Grow revenue by 8 %", Kind: KindRevenue, Metric: KindRevenue.DefaultMetric(), Unit: "EUR",
					Baseline: i64(base), Target: i64(target), Deadline: &end, Owner: "Sales director", RevenueTarget: true, SWOTLinks: link("O", 1)},
				{Title: "Keep 90 % of service-contract customers", Kind: KindRetention, Metric: KindRetention.DefaultMetric(), Unit: "%",
					Baseline: i64(8600), Target: i64(9000), Deadline: &end, Owner: "Service manager", SWOTLinks: link("S", 1)},
				{Title: "Win 40 new office customers", Kind: KindNewCustomers, Metric: KindNewCustomers.DefaultMetric(), Unit: "customers",
					Baseline: i64(22), Target: i64(40), Deadline: &end, Owner: "Anna Müller", SWOTLinks: link("W", 1)},
			} {
				o.PlanID = p.ID
				if _, err := w.SaveObjective(ctx, o); err != nil {
					return p, err
				}
			}
			return p, nil
		},
	}
}

func objectivesStatus(pd PlanData) Status {
	if len(pd.Objectives) == 0 {
		return NotStarted
	}
	for _, o := range pd.Objectives {
		for _, l := range SMARTCheck(o, pd) {
			if l.Verdict == VerdictMissing {
				return InProgress
			}
		}
	}
	return Complete
}

func objectiveValues(o Objective, pd PlanData) (base, target string) {
	base, target = "–", "–"
	if o.Baseline != nil {
		base = o.FormatValue(*o.Baseline, pd.Locale, pd.Currency)
	}
	if o.Target != nil {
		target = o.FormatValue(*o.Target, pd.Locale, pd.Currency)
	}
	return base, target
}

func objectivesSection(r *Report, pd PlanData) error {
	if len(pd.Objectives) == 0 {
		r.Note("No objectives set yet.")
		return nil
	}
	var rows [][]string
	for i, o := range pd.Objectives {
		base, target := objectiveValues(o, pd)
		deadline := "–"
		if o.Deadline != nil {
			deadline = pd.Locale.MonthName(*o.Deadline)
		}
		title := o.Title
		if rt, ok := RevenueTarget(pd.Objectives); ok && rt.ID == o.ID {
			title += " (revenue target)"
		}
		rows = append(rows, []string{itoa(i + 1), title, o.Kind.Label(), base, target, deadline, orDash(o.Owner)})
	}
	r.Table([]string{"#", "Objective", "Kind", "Baseline", "Target", "Due", "Owner"}, rows,
		[]float64{0.04, 0.25, 0.13, 0.17, 0.17, 0.11, 0.13}, "LLLRRLL")
	r.Subheading("SMART check")
	for i, o := range pd.Objectives {
		r.ensureSpace(35)
		r.setFont("B", 10)
		r.pdf.MultiCell(contentW, 5.5, r.t(itoa(i+1)+". "+o.Title), "", "L", false)
		var lrows [][]string
		for _, l := range SMARTCheck(o, pd) {
			lrows = append(lrows, []string{l.Name, l.Verdict.Mark(), l.Sentence})
		}
		r.Table(nil, lrows, []float64{0.16, 0.12, 0.72}, "LLL")
	}
	return nil
}

func objectivesShow(pd PlanData) any {
	type objJSON struct {
		Objective
		Baseline any            `json:"baseline"`
		Target   any            `json:"target"`
		SMART    [5]SMARTLetter `json:"smart"`
	}
	out := []objJSON{}
	value := func(o Objective, v *int64) any {
		if v == nil {
			return nil
		}
		switch o.Kind.info().scale {
		case "money":
			return ToMajor(*v, pd.Currency)
		case "bp":
			return float64(*v) / 10000
		case "count":
			return *v
		}
		return float64(*v) / 100
	}
	for _, o := range pd.Objectives {
		out = append(out, objJSON{Objective: o, Baseline: value(o, o.Baseline), Target: value(o, o.Target), SMART: SMARTCheck(o, pd)})
	}
	rt := ""
	if o, ok := RevenueTarget(pd.Objectives); ok {
		rt = o.ID
	}
	return map[string]any{"objectives": out, "revenue_target_id": rt}
}
