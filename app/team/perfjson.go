package team

import "salesplan/app"

// ActivityJSON is one rep's logged activities of one plan month, with the
// amount of the orders.
type ActivityJSON struct {
	Rep       string    `json:"rep"`
	Month     app.Month `json:"month"`
	Entries   int       `json:"entries"`
	Visits    int       `json:"visits"`
	Calls     int       `json:"calls"`
	Contacts  int       `json:"contacts"`
	Proposals int       `json:"proposals"`
	Orders    int       `json:"orders"`
	Revenue   float64   `json:"order_amount"`
}

// RatiosJSON are conversion ratios (nil where they cannot be computed).
type RatiosJSON struct {
	Visits          int      `json:"visits"`
	Calls           int      `json:"calls"`
	Contacts        int      `json:"contacts"`
	Proposals       int      `json:"proposals"`
	Orders          int      `json:"orders"`
	VisitsPerOrder  *float64 `json:"visits_per_order"`
	ContactsPerOrd  *float64 `json:"contacts_per_order"`
	ProposalToOrder *float64 `json:"proposal_to_order"`
}

// HintJSON is one possible cause of a rep's weak conversion.
type HintJSON struct {
	Cause   string `json:"cause"`
	Text    string `json:"text"`
	Support int    `json:"support"`
}

// RepConversionJSON is one rep's conversion against the team.
type RepConversionJSON struct {
	Rep string `json:"rep"`
	RatiosJSON
	FarBelow []string   `json:"far_below"`
	Hints    []HintJSON `json:"hints"`
}

// GroupConversionJSON is a product group's proposal → order rate.
type GroupConversionJSON struct {
	Group           string   `json:"product_group"`
	Proposals       int      `json:"proposals"`
	Orders          int      `json:"orders"`
	ProposalToOrder *float64 `json:"proposal_to_order"`
	WeakReps        []string `json:"weak_reps"`
}

// ConversionJSON is the team's conversion ratios, the median and each rep.
type ConversionJSON struct {
	Rule   string                `json:"rule"`
	Team   RatiosJSON            `json:"team"`
	Median RatiosJSON            `json:"median"`
	Reps   []RepConversionJSON   `json:"reps"`
	Groups []GroupConversionJSON `json:"product_groups"`
}

// MonthRatingJSON is an average rating of one month.
type MonthRatingJSON struct {
	Month   app.Month `json:"month"`
	Average *float64  `json:"average"`
	Count   int       `json:"count"`
}

// RepPollJSON is one rep's ratings: average (1–5 scale), trend in points.
type RepPollJSON struct {
	Rep         string            `json:"rep"`
	Average     *float64          `json:"average"`
	Count       int               `json:"count"`
	Trend       *float64          `json:"trend"`
	LastComment string            `json:"last_comment"`
	Months      []MonthRatingJSON `json:"months"`
}

// PollsJSON is the customers' ratings of the team.
type PollsJSON struct {
	Scale   string            `json:"scale"`
	Average *float64          `json:"average"`
	Count   int               `json:"count"`
	Months  []MonthRatingJSON `json:"months"`
	Reps    []RepPollJSON     `json:"reps"`
}

// AttainmentJSON is quota, actual and their ratio (nil without a quota).
type AttainmentJSON struct {
	Quota  float64  `json:"quota"`
	Actual float64  `json:"actual"`
	Ratio  *float64 `json:"ratio"`
}

// MonthAttainmentJSON is one month's attainment.
type MonthAttainmentJSON struct {
	Month app.Month `json:"month"`
	AttainmentJSON
}

// RepAttainmentJSON is one rep's attainment, overall and per month.
type RepAttainmentJSON struct {
	Rep string `json:"rep"`
	AttainmentJSON
	Months []MonthAttainmentJSON `json:"months"`
}

// AttainmentsJSON is the quota attainment so far.
type AttainmentsJSON struct {
	Basis  string              `json:"basis"`
	Rule   string              `json:"rule"`
	Months []app.Month         `json:"months"`
	Team   AttainmentJSON      `json:"team"`
	Reps   []RepAttainmentJSON `json:"reps"`
}

func ratiosJSON(c Conversion) RatiosJSON {
	r := RatiosJSON{Visits: c.Visits, Calls: c.Calls, Contacts: c.Contacts, Proposals: c.Proposals, Orders: c.Orders}
	if c.Orders > 0 {
		r.VisitsPerOrder, r.ContactsPerOrd = app.Ratio4(c.VisitsPerOrder), app.Ratio4(c.ContactsPerOrder)
	}
	if c.Proposals > 0 {
		r.ProposalToOrder = app.Ratio4(c.ProposalToOrder)
	}
	return r
}

func medianJSON(c Conversion) RatiosJSON {
	var r RatiosJSON
	if c.VisitsPerOrder > 0 {
		r.VisitsPerOrder = app.Ratio4(c.VisitsPerOrder)
	}
	if c.ContactsPerOrder > 0 {
		r.ContactsPerOrd = app.Ratio4(c.ContactsPerOrder)
	}
	if c.ProposalToOrder > 0 {
		r.ProposalToOrder = app.Ratio4(c.ProposalToOrder)
	}
	return r
}

func (a Attainment) json(cur app.Currency) AttainmentJSON {
	out := AttainmentJSON{Quota: app.ToMajor(a.Quota, cur), Actual: app.ToMajor(a.Actual, cur)}
	if a.OK {
		out.Ratio = app.Ratio4(float64(a.BP) / 10000)
	}
	return out
}

func monthRatingsJSON(ms []MonthRating) []MonthRatingJSON {
	out := []MonthRatingJSON{}
	for _, m := range ms {
		out = append(out, MonthRatingJSON{Month: m.Month, Average: app.Ratio4(m.Average), Count: m.Count})
	}
	return out
}

// performanceJSON fills the monitoring part of the JSON view.
func performanceJSON(pd *app.PlanData, out *JSON) {
	c, cur := Of(pd), pd.Currency
	perf := FiguresOf(pd).Performance
	// activities per rep and plan month
	out.Activities = []ActivityJSON{}
	type key struct {
		rep string
		m   app.Month
	}
	rows := map[key]*ActivityJSON{}
	amounts := map[key]int64{}
	var order []key
	for _, r := range monitored(c) {
		for mi := 0; mi < pd.Plan.Months; mi++ {
			order = append(order, key{r.ID, pd.Plan.Start.Add(mi)})
		}
	}
	for _, a := range c.Activities {
		if !inPeriod(pd.Plan, a.Date) {
			continue
		}
		k := key{a.Rep(), app.MonthOf(day(a.Date))}
		row := rows[k]
		if row == nil {
			r := c.Rep(a.Rep())
			if r == nil {
				continue
			}
			row = &ActivityJSON{Rep: r.Name, Month: k.m}
			rows[k] = row
		}
		row.Entries++
		switch a.Kind {
		case KindVisit:
			row.Visits += a.Count
		case KindCall:
			row.Calls += a.Count
		case KindContact:
			row.Contacts += a.Count
		case KindProposal:
			row.Proposals += a.Count
		case KindOrder:
			row.Orders += a.Count
			amounts[k] += a.Amount
		}
	}
	for _, k := range order {
		if row := rows[k]; row != nil {
			row.Revenue = app.ToMajor(amounts[k], cur)
			out.Activities = append(out.Activities, *row)
		}
	}
	out.Required = requiredJSON(pd)
	out.Conversion = ConversionJSON{Rule: ConversionRule, Team: ratiosJSON(perf.Conversion), Median: medianJSON(perf.Median),
		Reps: []RepConversionJSON{}, Groups: []GroupConversionJSON{}}
	for _, rc := range perf.Conversions {
		rj := RepConversionJSON{Rep: rc.Name, RatiosJSON: ratiosJSON(rc.Conversion), FarBelow: []string{}, Hints: []HintJSON{}}
		rj.FarBelow = append(rj.FarBelow, rc.Below...)
		for _, h := range rc.Hints {
			rj.Hints = append(rj.Hints, HintJSON(h))
		}
		out.Conversion.Reps = append(out.Conversion.Reps, rj)
	}
	for _, g := range perf.Groups {
		gj := GroupConversionJSON{Group: g.Group, Proposals: g.Proposals, Orders: g.Orders, WeakReps: append([]string{}, g.WeakReps...)}
		if g.Proposals > 0 {
			gj.ProposalToOrder = app.Ratio4(g.Rate)
		}
		out.Conversion.Groups = append(out.Conversion.Groups, gj)
	}
	out.Polls = PollsJSON{Scale: "1-5 (0-10 ratings count as 1 + 4 × rating ÷ 10)", Count: perf.Rating.Count,
		Months: monthRatingsJSON(perf.MonthlyRatings), Reps: []RepPollJSON{}}
	if perf.Rating.Count > 0 {
		out.Polls.Average = app.Ratio4(perf.Rating.Average)
	}
	for _, rr := range perf.Ratings {
		rj := RepPollJSON{Rep: rr.Name, Count: rr.Count, LastComment: rr.Last, Months: monthRatingsJSON(rr.Monthly)}
		if rr.Count > 0 {
			rj.Average = app.Ratio4(rr.Average)
		}
		if rr.TrendOK {
			rj.Trend = app.Ratio4(rr.Trend)
		}
		out.Polls.Reps = append(out.Polls.Reps, rj)
	}
	out.Attainment = AttainmentsJSON{Basis: perf.Basis, Rule: AttainmentRule[perf.Basis], Months: append([]app.Month{}, perf.ActualMonths...),
		Team: perf.Team.json(cur), Reps: []RepAttainmentJSON{}}
	for _, ra := range perf.Reps {
		rj := RepAttainmentJSON{Rep: ra.Name, AttainmentJSON: ra.Attainment.json(cur), Months: []MonthAttainmentJSON{}}
		for i, m := range ra.Monthly {
			rj.Months = append(rj.Months, MonthAttainmentJSON{Month: perf.ActualMonths[i], AttainmentJSON: m.json(cur)})
		}
		out.Attainment.Reps = append(out.Attainment.Reps, rj)
	}
}

// RequiredJSON is a rep's required activity: the funnel worked backwards
// from each month's quota.
type RequiredJSON struct {
	Rep          string              `json:"rep"`
	Source       string              `json:"ratios_from"` // "own" or "team"
	AverageOrder float64             `json:"average_order"`
	PerMonth     RequiredMonthJSON   `json:"per_month"`
	LoggedVisits *float64            `json:"logged_visits_per_month"`
	Pace         string              `json:"pace"`
	Problem      string              `json:"problem"`
	Months       []RequiredMonthJSON `json:"months"`
}

// RequiredMonthJSON is what one month's quota needs.
type RequiredMonthJSON struct {
	Month     *app.Month `json:"month,omitempty"`
	Quota     float64    `json:"quota"`
	Orders    int        `json:"orders"`
	Proposals int        `json:"proposals"`
	Contacts  int        `json:"contacts"`
	Visits    int        `json:"visits"`
}

func requiredJSON(pd *app.PlanData) []RequiredJSON {
	cur := pd.Currency
	month := func(m RequiredMonth, withMonth bool) RequiredMonthJSON {
		out := RequiredMonthJSON{Quota: app.ToMajor(m.Quota, cur), Orders: m.Orders, Proposals: m.Proposals, Contacts: m.Contacts, Visits: m.Visits}
		if withMonth {
			mm := m.Month
			out.Month = &mm
		}
		return out
	}
	out := []RequiredJSON{}
	for _, rr := range FiguresOf(pd).Required {
		rj := RequiredJSON{Rep: rr.Name, Source: rr.Source, AverageOrder: app.ToMajor(rr.AvgOrder, cur), PerMonth: month(rr.PerMonth, false),
			Pace: rr.Pace, Problem: rr.Problem, Months: []RequiredMonthJSON{}}
		if rr.Logged > 0 {
			rj.LoggedVisits = app.Ratio4(rr.Logged)
		}
		for _, m := range rr.Months {
			rj.Months = append(rj.Months, month(m, true))
		}
		out = append(out, rj)
	}
	return out
}
