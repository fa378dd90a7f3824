package team

import (
	"fmt"
	"sort"
	"strings"

	"salesplan/app"
)

// Performance is step 6 part 2's monitoring of the team over the plan
// period so far: quota attainment from the history, conversion ratios from
// the activity log and the customers' ratings from the opinion polls. The
// dashboard reads it through FiguresOf(pd).Performance; a part whose data
// does not exist yet has OK false (or Count 0).
type Performance struct {
	// Months is how many plan months have actual sales in the history.
	Months int
	// Team is the whole team's attainment over those months.
	Team Attainment
	// Reps are the quota holders' attainments, in roster order.
	Reps []RepAttainment
	// Conversion is the team's ratios over the activity log.
	Conversion Conversion
	// Rating is the team's average poll rating.
	Rating Rating
	// Funnel is the team's logged activities per kind, in funnel order
	// (visit, call, contact, proposal, order).
	Funnel []FunnelStage

	// Basis says how the history's sales are attributed to reps
	// (BySalesperson, ByRegion or ByTeam: then Reps is empty).
	Basis string
	// ActualMonths are the plan months with actual sales, in order (each
	// RepAttainment.Monthly has one entry per month here).
	ActualMonths []app.Month
	// Conversions are the monitored reps' activity logs against the team
	// (the quota holders, then reps who left with logged activities).
	Conversions []RepConversion
	// Median holds the team median of each ratio over the reps with it.
	Median Conversion
	// Groups are the product groups named on proposals and orders.
	Groups []GroupConversion
	// Ratings are the monitored reps' poll ratings; MonthlyRatings the
	// team's average per plan month with polls.
	Ratings        []RepRating
	MonthlyRatings []MonthRating
}

// Attainment is actual revenue against quota over the months so far.
type Attainment struct {
	Quota, Actual int64 // minor units, the months with actuals
	BP            int64 // Actual ÷ Quota in basis points
	OK            bool  // false without quotas or without actuals
}

// RepAttainment is one rep's attainment, overall and per plan month (the
// months without actuals are not listed).
type RepAttainment struct {
	Rep, Name string
	Attainment
	Monthly []Attainment
}

// Conversion holds the activity log's counts and the ratios they give.
type Conversion struct {
	Visits, Calls, Contacts, Proposals, Orders int
	// VisitsPerOrder and ContactsPerOrder are 0 without orders;
	// ProposalToOrder is Orders ÷ Proposals (0 without proposals).
	VisitsPerOrder, ContactsPerOrder, ProposalToOrder float64
	OK                                                bool // false without logged activities
}

// Rating is an average of poll ratings, each taken to the 1–5 scale
// (a 0–10 rating r counts as 1 + 4r/10).
type Rating struct {
	Average float64
	Count   int
}

// FunnelStage is one activity kind's logged count.
type FunnelStage struct {
	Kind  string
	Count int
}

// Attribution of the history's sales to reps (Performance.Basis).
const (
	BySalesperson = "salesperson" // the history names the salesperson of each sale
	ByRegion      = "region"      // no salesperson column: a region's sales split by the quotas of its reps
	ByTeam        = "team"        // neither: only the team's attainment
)

// The diagnosis rules: a rep is far below the team when a ratio is
// FarBelow times worse than the team median (more visits or contacts per
// order, a proposal → order rate below the median ÷ FarBelow), or when
// they logged visits, contacts or proposals and no order while the team
// has orders.
const FarBelow = 1.5

// ConversionRule is the rule in words.
const ConversionRule = "Visits per order and contacts per order are the logged visits and contacts ÷ the orders; proposal → order is the orders ÷ the proposals. " +
	"A rep is far below the team when a ratio is 1.5 times worse than the team median (the middle rep of those with orders), " +
	"or when they logged visits, contacts or proposals without an order while the team has orders."

// AttainmentRule is how the actual sales are attributed, in words.
var AttainmentRule = map[string]string{
	BySalesperson: "Actual sales per rep are the history's sales of the plan months with sales, by the salesperson named in each row.",
	ByRegion:      "The history names no salesperson, so each region's actual sales are shared by its reps in proportion to their quotas of that month.",
	ByTeam:        "The history names neither salespeople nor regions, so only the team's attainment is known.",
}

// Hint causes of a rep's weak conversion.
const (
	CauseExperience = "experience"
	CauseProduct    = "product"
	CauseTerritory  = "territory"
)

// Hint is one possible cause of a rep's weak conversion, with what the data
// shows; Support counts the facts behind it (the hints are ordered by it).
type Hint struct {
	Cause   string
	Text    string
	Support int
}

// RepConversion is one rep's activity log against the team.
type RepConversion struct {
	Rep, Name string
	Conversion
	// Below lists the ratios far below the team ("visits per order", ...).
	Below []string
	// Hints are the possible causes when the rep is far below, the best
	// supported first.
	Hints []Hint
}

// GroupConversion is the proposal → order rate of one product group over
// the team, and how many reps are weak on it.
type GroupConversion struct {
	Group             string
	Proposals, Orders int
	Rate              float64 // Orders ÷ Proposals (0 without proposals)
	WeakReps          []string
}

// MonthRating is the average poll rating of one month.
type MonthRating struct {
	Month app.Month
	Rating
}

// RepRating is one rep's poll ratings: the average, per month and the
// trend (the latest month's average against the months before, in points
// of the 1–5 scale; TrendOK false with fewer than two months).
type RepRating struct {
	Rep, Name string
	Rating
	Monthly []MonthRating
	Trend   float64
	TrendOK bool
	// Last is the latest comment ("" when none).
	Last string
}

// ratingSum accumulates ratings.
type ratingSum struct {
	sum float64
	n   int
}

func (r *ratingSum) add(v float64) { r.sum, r.n = r.sum+v, r.n+1 }

func (r ratingSum) rating() Rating {
	if r.n == 0 {
		return Rating{}
	}
	return Rating{Average: r.sum / float64(r.n), Count: r.n}
}

// ratios fills the ratios of c from its counts.
func (c *Conversion) ratios() {
	c.VisitsPerOrder, c.ContactsPerOrder, c.ProposalToOrder = 0, 0, 0
	if c.Orders > 0 {
		c.VisitsPerOrder = float64(c.Visits) / float64(c.Orders)
		c.ContactsPerOrder = float64(c.Contacts) / float64(c.Orders)
	}
	if c.Proposals > 0 {
		c.ProposalToOrder = float64(c.Orders) / float64(c.Proposals)
	}
	c.OK = c.Visits+c.Calls+c.Contacts+c.Proposals+c.Orders > 0
}

// add counts an activity.
func (c *Conversion) add(kind string, n int) {
	switch kind {
	case KindVisit:
		c.Visits += n
	case KindCall:
		c.Calls += n
	case KindContact:
		c.Contacts += n
	case KindProposal:
		c.Proposals += n
	case KindOrder:
		c.Orders += n
	}
}

// Count returns the count of kind.
func (c Conversion) Count(kind string) int {
	switch kind {
	case KindVisit:
		return c.Visits
	case KindCall:
		return c.Calls
	case KindContact:
		return c.Contacts
	case KindProposal:
		return c.Proposals
	case KindOrder:
		return c.Orders
	}
	return 0
}

// Median returns the median of xs (0 when empty); xs is sorted in place.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// inPeriod reports whether the entry's date falls in plan p.
func inPeriod(p app.Plan, date string) bool {
	d, err := ParseDate(date)
	return err == nil && !d.Before(p.Start.Time()) && !d.After(PlanEnd(p))
}

// monitored returns the people whose performance is shown: the quota
// holders, then anyone else of the roster (not a candidate) with logged
// activities or polls, in roster order.
func monitored(c *Content) []Rep {
	has := map[string]bool{}
	for _, a := range c.Activities {
		has[a.Rep()] = true
	}
	for _, p := range c.Polls {
		has[p.Rep()] = true
	}
	var out []Rep
	for _, r := range c.Reps {
		if inTeam(r) || r.Status == StatusLeft && has[r.ID] {
			out = append(out, r)
		}
	}
	return out
}

// ComputePerformance derives the monitoring of the team from the activity
// log, the polls, the quotas q and the history of the plan period.
func ComputePerformance(pd *app.PlanData, q QuotaPlan) *Performance {
	c := Of(pd)
	p := pd.Plan
	perf := &Performance{}
	perf.Conversions, perf.Groups, perf.Median = conversions(pd, c, q)
	for _, a := range c.Activities {
		if inPeriod(p, a.Date) {
			perf.Conversion.add(a.Kind, a.Count)
		}
	}
	perf.Conversion.ratios()
	for _, k := range Kinds {
		perf.Funnel = append(perf.Funnel, FunnelStage{Kind: k, Count: perf.Conversion.Count(k)})
	}
	perf.Ratings, perf.MonthlyRatings, perf.Rating = ratings(pd, c)
	attainment(pd, c, q, perf)
	return perf
}

// conversions computes each monitored rep's conversion, the team median and
// the diagnosis hints of the reps far below it.
func conversions(pd *app.PlanData, c *Content, q QuotaPlan) ([]RepConversion, []GroupConversion, Conversion) {
	p := pd.Plan
	reps := monitored(c)
	idx := map[string]int{}
	out := make([]RepConversion, len(reps))
	for i, r := range reps {
		idx[r.ID] = i
		out[i] = RepConversion{Rep: r.ID, Name: r.Name}
	}
	type gk struct{ group, rep string }
	byGroup := map[gk]*Conversion{}
	var groups []string
	for _, a := range c.Activities {
		i, ok := idx[a.Rep()]
		if !ok || !inPeriod(p, a.Date) {
			continue
		}
		out[i].add(a.Kind, a.Count)
		if a.Group != "" && (a.Kind == KindProposal || a.Kind == KindOrder) {
			k := gk{strings.ToLower(a.Group), a.Rep()}
			if byGroup[k] == nil {
				byGroup[k] = &Conversion{}
				known := false
				for _, g := range groups {
					known = known || strings.EqualFold(g, a.Group)
				}
				if !known {
					groups = append(groups, a.Group)
				}
			}
			byGroup[k].add(a.Kind, a.Count)
		}
	}
	var vpo, cpo, pto []float64
	teamOrders := 0
	for i := range out {
		out[i].ratios()
		r := out[i].Conversion
		teamOrders += r.Orders
		if r.Orders > 0 {
			if r.Visits > 0 {
				vpo = append(vpo, r.VisitsPerOrder)
			}
			if r.Contacts > 0 {
				cpo = append(cpo, r.ContactsPerOrder)
			}
		}
		if r.Proposals > 0 {
			pto = append(pto, r.ProposalToOrder)
		}
	}
	med := Conversion{VisitsPerOrder: Median(vpo), ContactsPerOrder: Median(cpo), ProposalToOrder: Median(pto), OK: len(vpo)+len(cpo)+len(pto) > 0}
	// product groups: the team's rate per group, and who is weak on it
	var gcs []GroupConversion
	var teamProps, teamOrd int
	for _, r := range out {
		teamProps += r.Proposals
		teamOrd += r.Orders
	}
	for _, g := range groups {
		gc := GroupConversion{Group: g}
		for _, r := range reps {
			k := byGroup[gk{strings.ToLower(g), r.ID}]
			if k == nil {
				continue
			}
			gc.Proposals += k.Proposals
			gc.Orders += k.Orders
			if k.Proposals > 0 && med.ProposalToOrder > 0 && float64(k.Orders)/float64(k.Proposals)*FarBelow < med.ProposalToOrder {
				gc.WeakReps = append(gc.WeakReps, r.Name)
			}
		}
		if gc.Proposals > 0 {
			gc.Rate = float64(gc.Orders) / float64(gc.Proposals)
		}
		gcs = append(gcs, gc)
	}
	if len(reps) < 2 {
		return out, gcs, med
	}
	// which reps are far below, and why
	var visitsPerRep, ordersPerRep []float64
	for _, r := range out {
		visitsPerRep = append(visitsPerRep, float64(r.Visits))
		ordersPerRep = append(ordersPerRep, float64(r.Orders))
	}
	medVisits, medOrders := Median(visitsPerRep), Median(ordersPerRep)
	quotaOf := map[string]RepQuota{}
	for _, rq := range q.Reps {
		quotaOf[rq.Rep] = rq
	}
	for i := range out {
		rc := &out[i]
		r := reps[i]
		if rc.Orders > 0 {
			if med.VisitsPerOrder > 0 && rc.Visits > 0 && rc.VisitsPerOrder > FarBelow*med.VisitsPerOrder {
				rc.Below = append(rc.Below, "visits per order")
			}
			if med.ContactsPerOrder > 0 && rc.Contacts > 0 && rc.ContactsPerOrder > FarBelow*med.ContactsPerOrder {
				rc.Below = append(rc.Below, "contacts per order")
			}
		} else if teamOrders > 0 && rc.Visits+rc.Contacts+rc.Proposals > 0 {
			rc.Below = append(rc.Below, "no order yet")
		}
		if med.ProposalToOrder > 0 && rc.Proposals > 0 && rc.ProposalToOrder*FarBelow < med.ProposalToOrder {
			rc.Below = append(rc.Below, "proposal → order")
		}
		if len(rc.Below) == 0 {
			continue
		}
		rc.Hints = diagnose(pd, r, *rc, gcs, quotaOf[r.ID], medVisits, medOrders)
	}
	return out, gcs, med
}

// diagnose lists the possible causes of rep r's weak conversion, the best
// supported first: little experience (level, months since the hire date),
// a product issue (a product group weak across reps that the rep sells
// too) and a territory too large (many visits, few orders, a large region).
func diagnose(pd *app.PlanData, r Rep, rc RepConversion, gcs []GroupConversion, rq RepQuota, medVisits, medOrders float64) []Hint {
	var hints []Hint
	// experience
	var facts []string
	support := 0
	switch r.Level {
	case LevelNew:
		support += 2
		facts = append(facts, "is new to the industry")
	case LevelDeveloping:
		support++
		facts = append(facts, "is still developing")
	}
	if h, err := ParseDate(r.HireDate); err == nil {
		months := max(0, int(pd.Plan.Start-app.MonthOf(h)))
		if months < 12 {
			support++
			if months <= 0 {
				facts = append(facts, fmt.Sprintf("was hired during the plan (%s)", r.HireDate))
			} else {
				facts = append(facts, fmt.Sprintf("was hired %s before the plan (%s)", app.Count(months, "month", "months"), r.HireDate))
			}
		}
	}
	if support > 0 {
		hints = append(hints, Hint{Cause: CauseExperience, Support: support,
			Text: fmt.Sprintf("Little experience: %s %s; coaching, joint visits and the onboarding checklist help more than pressure.", r.Name, strings.Join(facts, " and "))})
	}
	// product
	for _, g := range gcs {
		weakHere := false
		for _, n := range g.WeakReps {
			weakHere = weakHere || n == r.Name
		}
		if !weakHere || len(g.WeakReps) < 2 {
			continue
		}
		hints = append(hints, Hint{Cause: CauseProduct, Support: len(g.WeakReps),
			Text: fmt.Sprintf("A product issue: proposals for %s convert weakly across the team (%s of %s; %d reps weak: %s); check its price, offer and fit before blaming the rep.",
				g.Group, app.Count(g.Orders, "order", "orders"), app.Count(g.Proposals, "proposal", "proposals"), len(g.WeakReps), strings.Join(g.WeakReps, ", "))})
		break
	}
	// territory
	support, facts = 0, nil
	if rc.Visits > 0 && float64(rc.Visits) > medVisits {
		support++
		facts = append(facts, fmt.Sprintf("%s (the team's median is %s)", app.Count(rc.Visits, "visit", "visits"), pd.Locale.Number(medVisits, 0)))
	}
	if float64(rc.Orders) < medOrders {
		support++
		facts = append(facts, fmt.Sprintf("%s (median %s)", app.Count(rc.Orders, "order", "orders"), pd.Locale.Number(medOrders, 0)))
	}
	if rq.RegionPermille >= 1150 {
		support++
		facts = append(facts, fmt.Sprintf("a region with %s of the average potential per rep (%s)", pd.Locale.Percent(float64(rq.RegionPermille)/1000), app.OrDash(r.Region)))
	}
	if support >= 2 && float64(rc.Visits) > medVisits {
		hints = append(hints, Hint{Cause: CauseTerritory, Support: support,
			Text: fmt.Sprintf("A territory too large: %s; fewer, better prepared visits or splitting the region may convert more.", strings.Join(facts, ", "))})
	}
	sort.SliceStable(hints, func(i, j int) bool { return hints[i].Support > hints[j].Support })
	if len(hints) == 0 {
		hints = append(hints, Hint{Text: fmt.Sprintf("The data points to no cause (experience, product groups and territory look like the team's); talk with %s about the lost proposals.", r.Name)})
	}
	return hints
}

// ratings computes each monitored rep's poll ratings, the team's per month
// and the team's average.
func ratings(pd *app.PlanData, c *Content) ([]RepRating, []MonthRating, Rating) {
	p := pd.Plan
	var team ratingSum
	teamMonths := make([]ratingSum, p.Months)
	var out []RepRating
	for _, r := range monitored(c) {
		rr := RepRating{Rep: r.ID, Name: r.Name}
		var all ratingSum
		months := make([]ratingSum, p.Months)
		lastDate := ""
		for _, q := range c.Polls {
			if q.Rep() != r.ID || !inPeriod(p, q.Date) {
				continue
			}
			v := q.Score5()
			all.add(v)
			team.add(v)
			mi := p.MonthIndex(app.MonthOf(day(q.Date)))
			months[mi].add(v)
			teamMonths[mi].add(v)
			if q.Comment != "" && q.Date >= lastDate {
				rr.Last, lastDate = q.Comment, q.Date
			}
		}
		rr.Rating = all.rating()
		var earlier ratingSum
		latest := -1
		for mi, m := range months {
			if m.n > 0 {
				rr.Monthly = append(rr.Monthly, MonthRating{Month: p.Start.Add(mi), Rating: m.rating()})
				latest = mi
			}
		}
		for mi := 0; mi < latest; mi++ {
			earlier.sum, earlier.n = earlier.sum+months[mi].sum, earlier.n+months[mi].n
		}
		if latest >= 0 && earlier.n > 0 {
			rr.Trend, rr.TrendOK = months[latest].rating().Average-earlier.rating().Average, true
		}
		out = append(out, rr)
	}
	var monthly []MonthRating
	for mi, m := range teamMonths {
		if m.n > 0 {
			monthly = append(monthly, MonthRating{Month: p.Start.Add(mi), Rating: m.rating()})
		}
	}
	return out, monthly, team.rating()
}

// attainment fills the team's and each quota holder's attainment over the
// plan months that have actual sales in the history.
func attainment(pd *app.PlanData, c *Content, q QuotaPlan, perf *Performance) {
	p := pd.Plan
	h := pd.History
	var months []int // plan month indexes with actuals
	for mi := 0; mi < p.Months; mi++ {
		if i := int(p.Start.Add(mi) - h.Start); i >= 0 && i < len(h.Values) {
			months = append(months, mi)
		}
	}
	perf.Months = len(months)
	for _, mi := range months {
		perf.ActualMonths = append(perf.ActualMonths, p.Start.Add(mi))
	}
	switch {
	case len(c.HistoryByRep) > 0:
		perf.Basis = BySalesperson
	case len(c.HistoryRegions) > 0:
		perf.Basis = ByRegion
	default:
		perf.Basis = ByTeam
	}
	at := func(s app.MonthlySeries, m app.Month) int64 {
		if i := int(m - s.Start); i >= 0 && i < len(s.Values) {
			return s.Values[i]
		}
		return 0
	}
	for _, mi := range months {
		perf.Team.Quota += q.Months[mi]
		perf.Team.Actual += at(h, p.Start.Add(mi))
	}
	perf.Team.finish()
	// region shares: each region's actual split by its holders' quotas
	regionShare := map[string][]int64{} // rep ID → actual per plan month
	if perf.Basis == ByRegion {
		byRegion := map[string][]int{}
		for i, rq := range q.Reps {
			k := strings.ToLower(rq.Region)
			byRegion[k] = append(byRegion[k], i)
		}
		for k, is := range byRegion {
			s, ok := c.HistoryRegions[k]
			for _, i := range is {
				regionShare[q.Reps[i].Rep] = make([]int64, p.Months)
			}
			if !ok {
				continue
			}
			for _, mi := range months {
				w := make([]int64, len(is))
				for j, i := range is {
					w[j] = q.Reps[i].Months[mi]
				}
				for j, v := range app.Split(at(s, p.Start.Add(mi)), w) {
					regionShare[q.Reps[is[j]].Rep][mi] = v
				}
			}
		}
	}
	if perf.Basis == ByTeam {
		return
	}
	for _, rq := range q.Reps {
		ra := RepAttainment{Rep: rq.Rep, Name: rq.Name}
		s, hasOwn := c.HistoryByRep[strings.ToLower(rq.Name)]
		for _, mi := range months {
			m := p.Start.Add(mi)
			ma := Attainment{Quota: rq.Months[mi]}
			switch perf.Basis {
			case BySalesperson:
				if hasOwn {
					ma.Actual = at(s, m)
				}
			case ByRegion:
				ma.Actual = regionShare[rq.Rep][mi]
			}
			ma.finish()
			ra.Monthly = append(ra.Monthly, ma)
			ra.Quota += ma.Quota
			ra.Actual += ma.Actual
		}
		ra.finish()
		perf.Reps = append(perf.Reps, ra)
	}
}

// finish sets BP and OK from the quota and the actual.
func (a *Attainment) finish() {
	a.BP, a.OK = 0, false
	if a.Quota > 0 {
		bp, err := app.MulRatio(10000, a.Actual, a.Quota)
		a.BP, a.OK = bp, err == nil
	}
}
