package overview

import (
	"math"

	"salesplan/app"
	"salesplan/app/budget"
	"salesplan/app/objectives"
)

// Track is an objective's status against its path from the baseline to
// the target by the deadline.
type Track string

// The statuses of an objective.
const (
	OnTrack  Track = "on_track"
	AtRisk   Track = "at_risk"
	OffTrack Track = "off_track"
	NoData   Track = "no_data" // nothing measured yet, or not measurable here
)

// Label is the status in words with a mark, so it never rests on colour.
func (t Track) Label() string {
	switch t {
	case OnTrack:
		return "✔ On track"
	case AtRisk:
		return "⚠ At risk"
	case OffTrack:
		return "✖ Off track"
	}
	return "○ Not measured yet"
}

// ObjectiveStatus is one objective's status with the rule that gives it,
// written out for people.
type ObjectiveStatus struct {
	ID, Title string
	Kind      objectives.ObjectiveKind
	Status    Track
	// Actual and Expected are the value so far and the value the path asks
	// for by now, formatted ("" when not measured).
	Actual, Expected string
	// Rule says how the status is decided, with this objective's numbers.
	Rule string
	// Elapsed of Span months of the path have actuals.
	Elapsed, Span int
}

// objectiveStatuses judges every objective of the plan from its baseline,
// target and deadline and the actuals so far: revenue from the history,
// the cost-of-sales ratio from the recorded expenses, satisfaction from
// the customers' ratings. The other kinds have no actuals in Salesplan.
func objectiveStatuses(pd *app.PlanData, d *Dashboard) []ObjectiveStatus {
	var out []ObjectiveStatus
	for _, o := range objectives.Of(pd).Objectives {
		out = append(out, judge(pd, d, o))
	}
	return out
}

// span returns how many plan months lead from the plan's start to the
// objective's deadline (the plan's end without one) and how many of those
// have passed with actuals.
func span(pd *app.PlanData, o objectives.Objective, covered int) (elapsed, total int) {
	end := pd.Plan.End()
	if o.Deadline != nil {
		end = *o.Deadline
	}
	total = max(1, int(end-pd.Plan.Start)+1)
	return min(covered, total), total
}

func judge(pd *app.PlanData, d *Dashboard, o objectives.Objective) ObjectiveStatus {
	s := ObjectiveStatus{ID: o.ID, Title: o.Title, Kind: o.Kind, Status: NoData}
	loc, cur := pd.Locale, pd.Currency
	if o.Target == nil || o.Baseline == nil {
		s.Rule = "Needs a baseline and a target (step 2) to be judged."
		return s
	}
	base, target := *o.Baseline, *o.Target
	f := func(v int64) string { return o.FormatValue(v, loc, cur) }
	switch o.Kind {
	case objectives.KindRevenue:
		return judgeRevenue(pd, d, o, s)
	case objectives.KindCostOfSales:
		bf := budget.FiguresOf(pd)
		var exp, rev int64
		months := 0
		for _, a := range bf.Actual {
			if a.HasExpenses && (o.Deadline == nil || a.Month <= *o.Deadline) {
				exp, rev, months = exp+a.ActualExpenses, rev+a.Actual, months+1
			}
		}
		if months == 0 || rev <= 0 {
			s.Rule = "Measured from the sales expenses recorded on step 5 (or `salesplan import expenses`) and the sales of the same months; none are recorded yet."
			return s
		}
		s.Elapsed, s.Span = span(pd, o, months)
		return judgeLevel(s, base, target, int64(math.Round(float64(exp)/float64(rev)*10000)), f)
	case objectives.KindSatisfaction:
		r := d.Rating
		if !r.OK {
			s.Rule = "Measured from the customers' average rating (opinion polls on step 6); no polls are recorded yet."
			return s
		}
		s.Elapsed, s.Span = span(pd, o, d.ActualMonths)
		return judgeLevel(s, base, target, int64(math.Round(r.Average*100)), f)
	}
	s.Rule = "Salesplan records no actual figures for this kind of objective; review it with its owner" + ownerSuffix(o) + "."
	return s
}

func ownerSuffix(o objectives.Objective) string {
	if o.Owner == "" {
		return ""
	}
	return " (" + o.Owner + ")"
}

// judgeRevenue compares the sales of the plan months so far with the pace
// the target asks for: the same months a year earlier grown by target ÷
// baseline (so seasons count), or, without those months in the history,
// the target's straight share of the months passed.
func judgeRevenue(pd *app.PlanData, d *Dashboard, o objectives.Objective, s ObjectiveStatus) ObjectiveStatus {
	loc, cur := pd.Locale, pd.Currency
	m := func(v int64) string { return loc.Money(v, cur) }
	base, target := *o.Baseline, *o.Target
	s.Elapsed, s.Span = span(pd, o, d.ActualMonths)
	if s.Elapsed == 0 {
		s.Rule = "Measured from the sales of the plan's months; the history has none yet (the plan starts " + loc.MonthName(pd.Plan.Start) + ")."
		return s
	}
	var actual, lastYear int64
	lastYearOK := true
	h := pd.History
	for i := 0; i < s.Elapsed; i++ {
		actual += d.Actual[i]
		k := int(d.Months[i].Add(-12) - h.Start)
		if k < 0 || k >= len(h.Values) {
			lastYearOK = false
			continue
		}
		lastYear += h.Values[k]
	}
	months := loc.MonthName(d.Months[0])
	if s.Elapsed > 1 {
		months += " – " + loc.MonthName(d.Months[s.Elapsed-1])
	}
	var expected, floor int64
	var how string
	if lastYearOK && lastYear > 0 && base > 0 {
		expected, _ = app.MulRatio(lastYear, target, base)
		floor = lastYear
		how = "the same months last year (" + m(lastYear) + ") × target ÷ baseline (" + m(target) + " ÷ " + m(base) + ")"
	} else {
		expected, _ = app.MulRatio(target, int64(s.Elapsed), int64(s.Span))
		floor, _ = app.MulRatio(base, int64(s.Elapsed), int64(s.Span))
		how = "the target's share of the months passed (" + m(target) + " × " + app.Itoa(s.Elapsed) + "/" + app.Itoa(s.Span) + ")"
	}
	s.Actual, s.Expected = m(actual), m(expected)
	switch {
	case actual >= expected:
		s.Status = OnTrack
	case actual >= floor:
		s.Status = AtRisk
	default:
		s.Status = OffTrack
	}
	s.Rule = "Sales " + months + ": " + m(actual) + ". On track at " + m(expected) + " or more, " + how +
		"; at risk from " + m(floor) + " (the baseline's pace); off track below."
	return s
}

// judgeLevel judges a rate or score (cost-of-sales ratio, rating) on the
// straight path from the baseline at the plan's start to the target at
// the deadline: on track when it has come at least the share of the way
// that the months passed ask for; at risk when it is between the baseline
// and that point; off track when it is worse than the baseline.
func judgeLevel(s ObjectiveStatus, base, target, actual int64, f func(int64) string) ObjectiveStatus {
	s.Actual = f(actual)
	if target == base {
		s.Rule = "Now " + f(actual) + ". Baseline and target are both " + f(target) + ", so there is no path to follow; set the target the objective aims for on step 2."
		return s
	}
	expected := base + int64(math.Round(float64(target-base)*float64(s.Elapsed)/float64(s.Span)))
	s.Expected = f(expected)
	progress := float64(actual-base) / float64(target-base) // 1 = the target reached
	share := float64(s.Elapsed) / float64(s.Span)
	switch {
	case progress >= share-1e-9:
		s.Status = OnTrack
	case progress >= 0:
		s.Status = AtRisk
	default:
		s.Status = OffTrack
	}
	s.Rule = "Now " + f(actual) + ". On the path from the baseline " + f(base) + " to the target " + f(target) + " by the deadline, " +
		app.Itoa(s.Elapsed) + " of " + app.Itoa(s.Span) + " months ask for " + f(expected) + ": on track there or better; at risk between " +
		f(base) + " and " + f(expected) + "; off track when worse than " + f(base) + "."
	return s
}
