package team

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
