// Package objectives is step 2 of a plan: SMART objectives with a check
// per letter, and the plan's revenue target.
package objectives

import (
	"context"
	"fmt"
	"math"
	"strings"

	"salesplan/app"
	"salesplan/app/report"
	"salesplan/app/situation"
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
	ID            string        `db:"id" json:"id"`
	PlanID        string        `db:"plan_id" json:"-"`
	Position      int           `db:"position" json:"position"`
	Title         string        `db:"title" json:"title"`
	Kind          ObjectiveKind `db:"kind" json:"kind"`
	Metric        string        `db:"metric" json:"metric"`
	Unit          string        `db:"unit" json:"unit"`
	Baseline      *int64        `db:"baseline,money" json:"baseline"` // stored value (see kind scale); nil = not set
	Target        *int64        `db:"target,money" json:"target"`
	Deadline      *app.Month    `db:"deadline" json:"deadline"`
	Owner         string        `db:"owner" json:"owner"`
	RevenueTarget bool          `db:"revenue_target,exclusive" json:"revenue_target"` // the plan's revenue target (budget and quotas use it)
	SWOTLinks     []string      `db:"swot_links,links" json:"swot_links"`             // IDs of SWOT items it answers
}

// FormatValue shows a stored value of the objective's kind.
func (o Objective) FormatValue(v int64, loc app.Locale, cur app.Currency) string {
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
func (o Objective) ParseValue(s string, loc app.Locale, cur app.Currency) (int64, error) {
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
			return 0, app.Errorf(app.ErrInvalid, "%s is not a plausible percentage.", app.ShowInput(s, 20))
		}
		return int64(math.Round(f * 100)), nil
	case "count":
		f, err := loc.ParseNumber(s)
		if err != nil {
			return 0, err
		}
		if f != math.Trunc(f) || f < 0 || f > 1e12 {
			return 0, app.Errorf(app.ErrInvalid, "Enter a whole number, e.g. 120.")
		}
		return int64(f), nil
	}
	f, err := loc.ParseNumber(s)
	if err != nil {
		return 0, err
	}
	if math.Abs(f) > 1e12 {
		return 0, app.Errorf(app.ErrInvalid, "%s is too large.", app.ShowInput(s, 20))
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
func SMARTCheck(o Objective, pd *app.PlanData) [5]SMARTLetter {
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
			for _, it := range situation.Of(pd).SWOT {
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

func scopeText(s app.Scope) string {
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
func achievable(o Objective, pd *app.PlanData) SMARTLetter {
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
	if o.Kind.info().scale == "bp" { // percentages change by points, not by percent of themselves
		points := float64(*o.Target-*o.Baseline) / 100
		step := pd.Locale.Number(math.Abs(points), 1) + " points"
		if points >= 0 {
			step = "+" + step
		} else {
			step = "−" + step
		}
		a.Verdict = VerdictOK
		a.Sentence = "Requires " + step + " (" + o.FormatValue(*o.Baseline, pd.Locale, pd.Currency) + " to " +
			o.FormatValue(*o.Target, pd.Locale, pd.Currency) + "); the history holds no data to compare this kind of objective with, so judge it with the team."
		if math.Abs(points) > 10 {
			a.Verdict, a.Sentence = VerdictWeak, "Requires "+step+", a large step; the history cannot confirm it is realistic."
		}
		return a
	}
	if o.Kind != KindRevenue {
		a.Verdict = VerdictOK
		a.Sentence = "Requires " + sign(change) + "; the history holds no data to compare this kind of objective with, so judge it with the team."
		if math.Abs(change) > 0.5 {
			a.Verdict, a.Sentence = VerdictWeak, "Requires "+sign(change)+", a large step; the history cannot confirm it is realistic."
		}
		return a
	}
	pl := pd.Figures.Plausibility
	total, hasForecast := pl.Forecast.Total, pl.Forecast.OK
	best, median := pl.BestGrowth, pl.MedianGrowth
	if len(pl.YearGrowths) == 0 {
		best, median = math.NaN(), math.NaN()
	}
	if math.IsNaN(best) && !hasForecast {
		a.Verdict, a.Sentence = VerdictWeak, "Requires "+sign(change)+"; there is not enough history (two complete years) or forecast to check it."
		return a
	}
	var parts []string
	if !math.IsNaN(best) {
		parts = append(parts, "the best year grew "+sign(best)+" (median "+sign(median)+")")
	}
	if hasForecast {
		parts = append(parts, "the forecast's 80 % range tops out at "+sign(total.Hi80/float64(*o.Baseline)-1))
	}
	detail := strings.Join(parts, " and ")
	target := float64(*o.Target)
	unit := math.Pow10(pd.Currency.Digits) // amounts to whole currency units
	money := func(v float64) string { return pd.Locale.Money(int64(math.Round(v/unit)*unit), pd.Currency) }
	switch {
	case hasForecast && total.Point > 0 && target < total.Point:
		// The budget's revenue starts from the forecast: a target below it
		// asks for less than the business is expected to sell anyway.
		a.Verdict = VerdictWeak
		a.Sentence = "Requires " + sign(change) + ", too easy: the forecast already expects " + money(total.Point) + " for the plan period (80 % range " +
			money(total.Lo80) + " – " + money(total.Hi80) + "), " + money(total.Point-target) + " more than the target of " + money(target) +
			". Raise the target to at least the forecast, or note why the year will be weaker than the history suggests."
	case hasForecast && target <= total.Hi80 || !hasForecast && change <= median:
		a.Verdict = VerdictOK
		a.Sentence = "Requires " + sign(change) + "; plausible: " + detail + "."
	case hasForecast && target <= total.Hi95 || !math.IsNaN(best) && change <= best:
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

// Table names step 2's content table.
const Table = "objectives"

// Content is what step 2 stores.
type Content struct {
	Objectives []Objective
}

// Of returns the objectives content of pd.
func Of(pd *app.PlanData) *Content { return app.ContentOf[Content](pd, app.StepObjectives) }

// Figures are step 2's computed results: the SMART check of every
// objective (in the order of Content.Objectives).
type Figures struct {
	SMART [][5]SMARTLetter
}

// FiguresOf returns step 2's figures of pd; while the content is being
// edited and the figures are not recomputed yet, it computes them.
func FiguresOf(pd *app.PlanData) *Figures {
	if f := app.StepFigures[Figures](&pd.Figures, app.StepObjectives); f != nil && len(f.SMART) == len(Of(pd).Objectives) {
		return f
	}
	return compute(pd)
}

func compute(pd *app.PlanData) *Figures {
	f := &Figures{}
	for _, o := range Of(pd).Objectives {
		f.SMART = append(f.SMART, SMARTCheck(o, pd))
	}
	return f
}

// figures sets the plan's revenue target (the forecast stands in while
// there is none) and the SMART checks.
func figures(pd *app.PlanData) {
	if o, ok := RevenueTarget(Of(pd).Objectives); ok && o.Target != nil && *o.Target > 0 {
		pd.Figures.Target = app.Target{Amount: *o.Target, Source: "the revenue target “" + o.Title + "”", ObjectiveID: o.ID}
	}
	app.SetStepFigures(&pd.Figures, app.StepObjectives, compute(pd))
}

// Step returns step 2 for the registry.
func Step() app.Step {
	return app.Step{
		ID: app.StepObjectives, Number: 2, Title: "Objectives", Nav: "Objectives",
		Guidance: "Set the objectives the plan must reach. Each one gets a SMART check — Specific, Measurable, Achievable, " +
			"Relevant, Time-bound — that explains what is missing; it never stops you from saving.",
		CompleteWhen: "Complete when there is at least one objective and no SMART letter of any objective is missing (✖).",
		Tables:       []app.Table{{Name: Table, Row: Objective{}, MoneyWhere: "kind = 'revenue'"}},
		Load: func(ctx context.Context, r app.ContentReader, pd *app.PlanData) error {
			return r.Rows(ctx, Table, pd.Plan.ID, &Of(pd).Objectives)
		},
		Rank:       app.RankObjectives,
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
	swot := situation.Of(pd).SWOT
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
	base, _ := app.RevenueBaseline(pd)
	target := app.RoundDiv(base*108, 100) // +8 %
	for _, o := range []Objective{
		{Title: "Grow revenue by 8 %", Kind: KindRevenue, Metric: KindRevenue.DefaultMetric(), Unit: "EUR",
			Baseline: i64(base), Target: i64(target), Deadline: &end, Owner: "Sales director", RevenueTarget: true, SWOTLinks: link("O", 1)},
		{Title: "Keep 90 % of service-contract customers", Kind: KindRetention, Metric: KindRetention.DefaultMetric(), Unit: "%",
			Baseline: i64(8600), Target: i64(9000), Deadline: &end, Owner: "Service manager", SWOTLinks: link("S", 1)},
		{Title: "Win 40 new office customers", Kind: KindNewCustomers, Metric: KindNewCustomers.DefaultMetric(), Unit: "customers",
			Baseline: i64(22), Target: i64(40), Deadline: &end, Owner: "Anna Müller", SWOTLinks: link("W", 1)},
	} {
		o.PlanID = p.ID
		if err := w.SaveRow(ctx, Table, &o); err != nil {
			return err
		}
	}
	return nil
}

func status(pd *app.PlanData) app.Status {
	f := FiguresOf(pd)
	if len(f.SMART) == 0 {
		return app.NotStarted
	}
	for _, letters := range f.SMART {
		for _, l := range letters {
			if l.Verdict == VerdictMissing {
				return app.InProgress
			}
		}
	}
	return app.Complete
}

func objectiveValues(o Objective, pd *app.PlanData) (base, target string) {
	base, target = "–", "–"
	if o.Baseline != nil {
		base = o.FormatValue(*o.Baseline, pd.Locale, pd.Currency)
	}
	if o.Target != nil {
		target = o.FormatValue(*o.Target, pd.Locale, pd.Currency)
	}
	return base, target
}

func section(r *report.Report, pd *app.PlanData) error {
	objs, smart := Of(pd).Objectives, FiguresOf(pd).SMART
	if len(objs) == 0 {
		r.Note("No objectives set yet.")
		return nil
	}
	var rows [][]string
	for i, o := range objs {
		base, target := objectiveValues(o, pd)
		deadline := "–"
		if o.Deadline != nil {
			deadline = pd.Locale.MonthName(*o.Deadline)
		}
		title := o.Title
		if rt, ok := RevenueTarget(objs); ok && rt.ID == o.ID {
			title += " (revenue target)"
		}
		rows = append(rows, []string{app.Itoa(i + 1), title, o.Kind.Label(), base, target, deadline, app.OrDash(o.Owner)})
	}
	r.Table([]string{"#", "Objective", "Kind", "Baseline", "Target", "Due", "Owner"}, rows,
		[]float64{0.04, 0.25, 0.13, 0.17, 0.17, 0.11, 0.13}, "LLLRRLL")
	r.Subheading("SMART check")
	for i, o := range objs {
		r.Label(app.Itoa(i+1)+". "+o.Title, 35)
		var lrows [][]string
		for _, l := range smart[i] {
			lrows = append(lrows, []string{l.Name, l.Verdict.Mark(), l.Sentence})
		}
		r.Table(nil, lrows, []float64{0.16, 0.12, 0.72}, "LLL")
	}
	return nil
}

// JSON is the `show --step objectives --json` view of step 2. Money
// values are in major units, percentages as ratios (0.03 = 3 %), counts
// as whole numbers, scores as numbers.
type JSON struct {
	Objectives      []ObjectiveJSON `json:"objectives"`
	RevenueTargetID string          `json:"revenue_target_id"`
}

// ObjectiveJSON is one objective with its SMART check.
type ObjectiveJSON struct {
	ID            string         `json:"id"`
	Position      int            `json:"position"`
	Title         string         `json:"title"`
	Kind          ObjectiveKind  `json:"kind"`
	Metric        string         `json:"metric"`
	Unit          string         `json:"unit"`
	Baseline      any            `json:"baseline"`
	Target        any            `json:"target"`
	Deadline      *app.Month     `json:"deadline"`
	Owner         string         `json:"owner"`
	RevenueTarget bool           `json:"revenue_target"`
	SWOTLinks     []string       `json:"swot_links"`
	SMART         [5]SMARTLetter `json:"smart"`
}

// Show returns the JSON view of step 2.
func Show(pd *app.PlanData) JSON {
	objs, smart := Of(pd).Objectives, FiguresOf(pd).SMART
	out := JSON{Objectives: []ObjectiveJSON{}}
	value := func(o Objective, v *int64) any {
		if v == nil {
			return nil
		}
		switch o.Kind.info().scale {
		case "money":
			return app.ToMajor(*v, pd.Currency)
		case "bp":
			return float64(*v) / 10000
		case "count":
			return *v
		}
		return float64(*v) / 100
	}
	for i, o := range objs {
		links := o.SWOTLinks
		if links == nil {
			links = []string{}
		}
		out.Objectives = append(out.Objectives, ObjectiveJSON{ID: o.ID, Position: o.Position, Title: o.Title, Kind: o.Kind,
			Metric: o.Metric, Unit: o.Unit, Baseline: value(o, o.Baseline), Target: value(o, o.Target), Deadline: o.Deadline,
			Owner: o.Owner, RevenueTarget: o.RevenueTarget, SWOTLinks: links, SMART: smart[i]})
	}
	if o, ok := RevenueTarget(objs); ok {
		out.RevenueTargetID = o.ID
	}
	return out
}

// Clean fills the defaults of an objective before it is saved.
func (o *Objective) Clean() {
	if o.Kind == "" {
		o.Kind = KindCustom
	}
}

// Validate checks the objective's texts (the SMART check judges the rest
// and never blocks saving).
func (o Objective) Validate() []app.FieldError {
	var errs []app.FieldError
	for _, f := range []struct{ name, text string }{{"title", o.Title}, {"metric", o.Metric}, {"unit", o.Unit}, {"owner", o.Owner}} {
		if err := app.ValidateText(f.text); err != nil {
			errs = append(errs, app.FieldError{Field: f.name, Message: app.ErrorMessage(err)})
		}
	}
	return errs
}
