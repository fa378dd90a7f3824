package team

import (
	"fmt"
	"math"

	"salesplan/app"
)

// Verdicts of the backwards funnel: the visits a quota needs against the
// rep's logged pace.
const (
	PaceReachable = "reachable"
	PaceStretch   = "a stretch"
	PaceTooFar    = "beyond the logged pace"
	PaceUnknown   = "no logged pace"
)

// MinOwnOrders is how many logged orders a rep needs before the backwards
// funnel uses their own ratios and order size instead of the team's.
const MinOwnOrders = 5

// FunnelRule is the backwards funnel in words.
const FunnelRule = "Worked backwards from each month's quota: orders = quota ÷ the average order (the order amounts logged), proposals = orders ÷ the proposal → order rate, " +
	"contacts and visits = orders × contacts and visits per order, each rounded up. A rep with at least 5 logged orders is measured by their own ratios, others by the team's. " +
	"The quota is reachable when the visits it needs per month are at most the rep's logged visits per month, a stretch up to 25 % more, beyond the logged pace above that."

// RequiredMonth is what one month's quota needs.
type RequiredMonth struct {
	Month                               app.Month
	Quota                               int64
	Orders, Proposals, Contacts, Visits int
}

// Required is the activity a rep's quota needs per month: the funnel worked
// backwards from the quota with the rep's (or the team's) order size and
// conversion ratios, and how it compares with the rep's logged pace.
type Required struct {
	Rep, Name string
	// AvgOrder is the average order (minor units) and Source "own" or
	// "team": whose log the order size and the ratios come from.
	AvgOrder int64
	Source   string
	Ratios   Conversion
	Months   []RequiredMonth
	// PerMonth is the average need per plan month with a quota; Logged the
	// rep's logged visits per month with entries.
	PerMonth RequiredMonth
	Logged   float64
	Pace     string
	// Problem says why nothing could be worked out ("" when it could).
	Problem string
}

// orderSize returns the average amount of the logged orders with an
// amount of rep ("" = the team) and how many there are.
func orderSize(c *Content, p app.Plan, rep string) (int64, int) {
	var sum int64
	n := 0
	for _, a := range c.Activities {
		if a.Kind != KindOrder || a.Amount <= 0 || a.Count <= 0 || !inPeriod(p, a.Date) || rep != "" && a.Rep() != rep {
			continue
		}
		sum += a.Amount
		n += a.Count
	}
	if n == 0 {
		return 0, 0
	}
	return app.RoundDiv(sum, int64(n)), n
}

// ceilDiv is ⌈x⌉ for a non-negative need.
func ceilNeed(x float64) int {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return int(math.Ceil(x - 1e-9))
}

// RequiredActivity works the funnel backwards for every quota holder.
func RequiredActivity(pd *app.PlanData, q QuotaPlan, perf *Performance) []Required {
	c := Of(pd)
	p := pd.Plan
	teamSize, teamN := orderSize(c, p, "")
	conv := map[string]Conversion{}
	for _, rc := range perf.Conversions {
		conv[rc.Rep] = rc.Conversion
	}
	// logged visits per month with entries, per rep
	visits := map[string]int{}
	months := map[string]map[app.Month]bool{}
	for _, a := range c.Activities {
		if !inPeriod(p, a.Date) {
			continue
		}
		if months[a.Rep()] == nil {
			months[a.Rep()] = map[app.Month]bool{}
		}
		months[a.Rep()][app.MonthOf(day(a.Date))] = true
		if a.Kind == KindVisit {
			visits[a.Rep()] += a.Count
		}
	}
	var out []Required
	for _, rq := range q.Reps {
		rr := Required{Rep: rq.Rep, Name: rq.Name, Source: "team", Ratios: perf.Conversion, AvgOrder: teamSize}
		own := conv[rq.Rep]
		if size, n := orderSize(c, p, rq.Rep); own.Orders >= MinOwnOrders && n >= MinOwnOrders && own.Proposals > 0 {
			rr.Source, rr.Ratios, rr.AvgOrder = "own", own, size
		}
		if nm := len(months[rq.Rep]); nm > 0 {
			rr.Logged = float64(visits[rq.Rep]) / float64(nm)
		}
		switch {
		case rr.AvgOrder <= 0 || teamN == 0:
			rr.Problem = "Log orders with their amount to see the activity the quota needs."
		case rr.Ratios.Orders == 0 || rr.Ratios.Proposals == 0:
			rr.Problem = "Log proposals and orders to see the activity the quota needs."
		}
		if rr.Problem != "" {
			rr.Pace = PaceUnknown
			out = append(out, rr)
			continue
		}
		var sum RequiredMonth
		withQuota := 0
		for mi, quota := range rq.Months {
			orders := ceilNeed(float64(quota) / float64(rr.AvgOrder))
			m := RequiredMonth{Month: p.Start.Add(mi), Quota: quota, Orders: orders,
				Proposals: ceilNeed(float64(orders) / rr.Ratios.ProposalToOrder),
				Contacts:  ceilNeed(float64(orders) * rr.Ratios.ContactsPerOrder),
				Visits:    ceilNeed(float64(orders) * rr.Ratios.VisitsPerOrder)}
			rr.Months = append(rr.Months, m)
			if quota > 0 {
				withQuota++
				sum.Quota += quota
				sum.Orders += m.Orders
				sum.Proposals += m.Proposals
				sum.Contacts += m.Contacts
				sum.Visits += m.Visits
			}
		}
		if withQuota > 0 {
			rr.PerMonth = RequiredMonth{Quota: sum.Quota / int64(withQuota), Orders: ceilNeed(float64(sum.Orders) / float64(withQuota)),
				Proposals: ceilNeed(float64(sum.Proposals) / float64(withQuota)), Contacts: ceilNeed(float64(sum.Contacts) / float64(withQuota)),
				Visits: ceilNeed(float64(sum.Visits) / float64(withQuota))}
		}
		rr.Pace = Pace(rr.PerMonth.Visits, rr.Logged)
		out = append(out, rr)
	}
	return out
}

// Pace is the verdict on needing need visits a month at a logged pace of
// logged visits a month.
func Pace(need int, logged float64) string {
	switch {
	case logged <= 0:
		return PaceUnknown
	case float64(need) <= logged:
		return PaceReachable
	case float64(need) <= 1.25*logged:
		return PaceStretch
	}
	return PaceTooFar
}

// RequiredLine is a rep's required activity in words.
func RequiredLine(loc app.Locale, cur app.Currency, rr Required) string {
	if rr.Problem != "" {
		return fmt.Sprintf("%s: %s", rr.Name, rr.Problem)
	}
	pm := rr.PerMonth
	whose := "the team's ratios"
	if rr.Source == "own" {
		whose = "their own ratios"
	}
	s := fmt.Sprintf("%s: about %s, %s, %s and %s a month for an average quota of %s (by %s and an average order of %s)", rr.Name,
		app.Count(pm.Orders, "order", "orders"), app.Count(pm.Proposals, "proposal", "proposals"), app.Count(pm.Contacts, "contact", "contacts"),
		app.Count(pm.Visits, "visit", "visits"), loc.Money(pm.Quota, cur), whose, loc.Money(rr.AvgOrder, cur))
	switch rr.Pace {
	case PaceUnknown:
		return s + "; no visits logged yet to compare with."
	default:
		return s + fmt.Sprintf(" — %s: %s visits a month logged.", rr.Pace, loc.Number(rr.Logged, 0))
	}
}
