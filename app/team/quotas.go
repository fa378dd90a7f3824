package team

import (
	"fmt"
	"math"
	"strings"
	"time"

	"salesplan/app"
)

// TableQuotas stores each rep's quota settings (step 6, part 2).
const TableQuotas = "team_quotas"

// Quota holds one rep's quota settings where they differ from the
// defaults: the months to full productivity, an entered region potential
// and a fixed annual quota.
type Quota struct {
	ID       string `db:"id" json:"id"`
	PlanID   string `db:"plan_id" json:"-"`
	Position int    `db:"position" json:"position"`
	// RepIDs holds the one rep the row is for (a link, so it follows a
	// duplicated plan).
	RepIDs []string `db:"rep_ids,links" json:"rep_ids"`
	// RampMonths to full productivity after the hire date; -1 = the
	// default of the rep's level (DefaultRamp).
	RampMonths int `db:"ramp_months" json:"ramp_months"`
	// Potential is the yearly sales potential of the rep's region, entered
	// when the history has no sales there (minor units; 0 = none entered).
	Potential int64 `db:"potential,money" json:"potential_minor"`
	// Fixed: the rep's annual quota is Annual as entered, not computed.
	Fixed  bool  `db:"fixed" json:"fixed"`
	Annual int64 `db:"annual,money" json:"annual_minor"`
	// MonthFixed holds a fixed quota per plan month (index 0 = the plan's
	// first month; -1 or missing = computed): the rest of the rep's annual
	// quota is spread over the other months.
	MonthFixed []int64 `db:"month_fixed" json:"month_fixed_minor"`
}

// FixedMonth returns the fixed quota of plan month mi, or -1 when the
// month is computed.
func (q *Quota) FixedMonth(mi int) int64 {
	if q == nil || mi < 0 || mi >= len(q.MonthFixed) {
		return -1
	}
	return q.MonthFixed[mi]
}

// Rep returns the ID of the rep the row is for ("" when none).
func (q Quota) Rep() string {
	if len(q.RepIDs) == 0 {
		return ""
	}
	return q.RepIDs[0]
}

// Validate checks a quota row.
func (q Quota) Validate() []app.FieldError {
	var errs []app.FieldError
	if q.Rep() == "" {
		errs = append(errs, app.FieldError{Field: "rep_ids", Message: "A quota belongs to a rep; choose the rep it is for."})
	}
	if q.RampMonths < -1 || q.RampMonths > 36 {
		errs = append(errs, app.FieldError{Field: "ramp_months", Message: fmt.Sprintf("%d months to full productivity is outside 0 to 36; enter the months a new rep needs, e.g. 6.", q.RampMonths)})
	}
	if q.Potential < 0 {
		errs = append(errs, app.FieldError{Field: "potential", Message: "A region potential cannot be negative; enter 0 or more."})
	}
	if q.Fixed && q.Annual < 0 {
		errs = append(errs, app.FieldError{Field: "annual", Message: "A quota cannot be negative; enter 0 or more."})
	}
	for _, v := range q.MonthFixed {
		if v < -1 {
			errs = append(errs, app.FieldError{Field: "month_fixed", Message: "A month's quota cannot be negative; enter 0 or more, or leave it empty to have it computed."})
			break
		}
	}
	return errs
}

// LevelWeight is how much of an experienced rep's quota a rep of each
// level carries, in percent.
var LevelWeight = map[string]int64{LevelNew: 60, LevelDeveloping: 80, LevelExperienced: 100, LevelSenior: 115}

// DefaultRamp is the months to full productivity by level.
var DefaultRamp = map[string]int{LevelNew: 6, LevelDeveloping: 3, LevelExperienced: 2, LevelSenior: 1}

// Realism verdicts.
const (
	TooEasy   = "too easy"
	Fair      = "fair"
	TooHard   = "too hard"
	NoHistory = "no history"
)

// The realism rule: the quota against the rep's own trailing 12 months of
// the history, scaled to the plan's length — below EasyBP basis points
// is too easy, above HardBP too hard, fair between (both ends fair).
const (
	EasyBP = 9500
	HardBP = 12500
)

// RealismRule is the rule in words.
const RealismRule = "A quota is too easy below 95 % of the rep's own sales of the last 12 months of the history (scaled to the plan's length), " +
	"too hard above 125 %, fair between; a rep with less than 12 months of history gets no verdict."

// QuotaRule is how quotas are computed, in words.
const QuotaRule = "The target is split over the active and onboarding reps by weight: experience level (new 60 %, developing 80 %, " +
	"experienced 100 %, senior 115 %) × each month's productivity (nothing before the hire date or after leaving, pro rata by days; " +
	"rising evenly to full over the months to full productivity after hiring) × the month's seasonality in the history × the region's " +
	"potential per rep (its sales of the last 12 months of the history shared by the reps there, else the potential entered, compared with the average). " +
	"Each rep's quota is then split over the months by the same monthly weights. Fixed quotas are kept and the rest of the target split over the others."

// RepQuota is one rep's computed quota.
type RepQuota struct {
	Rep    string // the rep's ID
	Name   string
	Region string
	Level  string
	Annual int64   // minor units over the plan period
	Months []int64 // per plan month, summing to Annual
	Fixed  bool
	// FixedMonths marks the months whose quota was entered.
	FixedMonths []bool
	Ramp        int   // months to full productivity used
	Weight      int64 // the rep's relative weight
	// RegionPermille is the region factor (1000 = the average region per rep).
	RegionPermille int64
	RegionSource   string // "history", "entered" or "average"
	// Trailing is the rep's sales of the last 12 months of the history;
	// HistoryMonths how many months of it the history has (up to 12).
	Trailing      int64
	HistoryMonths int
	// RatioBP is the quota ÷ the trailing 12 months scaled to the plan's
	// length, in basis points (0 without history).
	RatioBP int64
	Realism string
}

// QuotaPlan is the quotas of the team.
type QuotaPlan struct {
	Target       int64
	TargetSource string
	FromForecast bool
	Reps         []RepQuota // in roster order
	Months       []int64    // the team's total per plan month
	Total        int64
	// Problem says what keeps the quotas from adding up to the target
	// ("" when they do).
	Problem string
}

// QuotaOf returns the quota settings of rep id, or nil.
func (c *Content) QuotaOf(id string) *Quota {
	for i := range c.Quotas {
		if c.Quotas[i].Rep() == id {
			return &c.Quotas[i]
		}
	}
	return nil
}

// Holders are the reps who carry a quota: active and onboarding, roster
// order.
func (c *Content) Holders() []Rep {
	var out []Rep
	for _, r := range c.Reps {
		if inTeam(r) {
			out = append(out, r)
		}
	}
	return out
}

// productivity is rep r's productivity in month m in permille: the share of
// the month's days employed × the ramp-up (month i after the hire month
// counts (i+1)/(ramp+1), full from the ramp's end).
func productivity(r Rep, m app.Month, ramp int) int64 {
	first := m.Time()
	last := m.Add(1).Time().AddDate(0, 0, -1)
	from, to := first, last
	var hire time.Time
	if r.HireDate != "" {
		t, err := ParseDate(r.HireDate)
		if err != nil {
			return 0
		}
		hire = t
		if hire.After(from) {
			from = hire
		}
	}
	if r.LeaveDate != "" {
		if leave, err := ParseDate(r.LeaveDate); err == nil && leave.Before(to) {
			to = leave
		}
	}
	if to.Before(from) {
		return 0
	}
	days := int64(to.Sub(from)/(24*time.Hour)) + 1
	p := app.RoundDiv(1000*days, int64(last.Day()))
	if r.HireDate != "" && ramp > 0 {
		hm := app.NewMonth(hire.Year(), hire.Month())
		if i := int(m - hm); i < ramp {
			p = app.RoundDiv(p*int64(i+1), int64(ramp+1))
		}
	}
	return p
}

// trailing returns the sum of the last 12 months of s ending at end and
// how many of them s has.
func trailing(s app.MonthlySeries, end app.Month) (int64, int) {
	var sum int64
	n := 0
	for m := end.Add(-11); m <= end; m++ {
		if i := int(m - s.Start); i >= 0 && i < len(s.Values) {
			sum += s.Values[i]
			n++
		}
	}
	return sum, n
}

// Verdict is the realism verdict of a ratio in basis points.
func Verdict(ratioBP int64, historyMonths int) string {
	switch {
	case historyMonths < 12:
		return NoHistory
	case ratioBP < EasyBP:
		return TooEasy
	case ratioBP > HardBP:
		return TooHard
	}
	return Fair
}

// Quotas computes the team's quotas for target (the plan's revenue target
// from the figures when target is 0 and the figures have one).
func Quotas(pd *app.PlanData, target int64) QuotaPlan {
	c := Of(pd)
	p := pd.Plan
	qp := QuotaPlan{Target: target, Months: make([]int64, p.Months)}
	holders := c.Holders()
	if len(holders) == 0 || p.Months <= 0 {
		return qp
	}
	end := pd.History.End()
	// seasonality in permille per calendar month
	season := [12]int64{1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}
	if len(pd.History.Values) >= 12 {
		for i, v := range app.SeasonalityIndex(pd.History) {
			if !math.IsNaN(v) && v > 0 {
				season[i] = int64(math.Round(v * 1000))
			}
		}
	}
	// region potential per rep
	perRegion := map[string]int{}
	for _, r := range holders {
		perRegion[strings.ToLower(r.Region)]++
	}
	pot := make([]int64, len(holders))
	src := make([]string, len(holders))
	var potSum int64
	var potN int64
	for i, r := range holders {
		key := strings.ToLower(r.Region)
		if s, ok := c.HistoryRegions[key]; ok && r.Region != "" {
			if v, _ := trailing(s, end); v > 0 {
				pot[i], src[i] = v/int64(perRegion[key]), "history"
			}
		}
		if src[i] == "" {
			if q := c.QuotaOf(r.ID); q != nil && q.Potential > 0 {
				pot[i], src[i] = q.Potential/int64(perRegion[key]), "entered"
			}
		}
		if src[i] != "" {
			potSum += pot[i]
			potN++
		}
	}
	weights := make([]int64, len(holders))
	monthW := make([][]int64, len(holders))
	for i, r := range holders {
		rq := RepQuota{Rep: r.ID, Name: r.Name, Region: r.Region, Level: r.Level, RegionPermille: 1000, RegionSource: "average"}
		rq.Ramp = DefaultRamp[r.Level]
		q := c.QuotaOf(r.ID)
		if q != nil && q.RampMonths >= 0 {
			rq.Ramp = q.RampMonths
		}
		if src[i] != "" && potSum > 0 && pot[i] > 0 {
			rq.RegionPermille = max(1, app.RoundDiv(1000*pot[i]*potN, potSum))
			rq.RegionSource = src[i]
		}
		lw := LevelWeight[r.Level]
		if lw == 0 {
			lw = 100
		}
		monthW[i] = make([]int64, p.Months)
		for mi := 0; mi < p.Months; mi++ {
			m := p.Start.Add(mi)
			w := lw * productivity(r, m, rq.Ramp) * season[m.Month()-1] * rq.RegionPermille / 1000
			monthW[i][mi] = w
			weights[i] += w
		}
		rq.Weight = weights[i]
		if q != nil && q.Fixed {
			rq.Fixed, rq.Annual = true, q.Annual
		}
		if hs, ok := c.HistoryByRep[strings.ToLower(r.Name)]; ok {
			rq.Trailing, rq.HistoryMonths = trailing(hs, end)
		}
		qp.Reps = append(qp.Reps, rq)
	}
	// fixed quotas are kept; the rest of the target goes to the others
	rest := target
	var free []int
	var freeW []int64
	for i, rq := range qp.Reps {
		if rq.Fixed {
			rest -= rq.Annual
		} else {
			free = append(free, i)
			freeW = append(freeW, weights[i])
		}
	}
	if rest < 0 {
		qp.Problem = fmt.Sprintf("The fixed quotas add up to more than the target; lower them or raise the target (they exceed it by %s).", pd.Locale.Money(-rest, pd.Currency))
		rest = 0
	}
	if len(free) > 0 {
		for k, a := range app.Split(rest, freeW) {
			qp.Reps[free[k]].Annual = a
		}
	} else if rest != 0 {
		qp.Problem = fmt.Sprintf("Every quota is fixed and they differ from the target by %s; change a quota or let one be computed.", pd.Locale.Money(rest, pd.Currency))
	}
	for i := range qp.Reps {
		rq := &qp.Reps[i]
		var problem string
		rq.Months, rq.FixedMonths, problem = splitMonths(rq.Annual, monthW[i], c.QuotaOf(rq.Rep))
		if problem != "" {
			var sum int64
			for _, v := range rq.Months {
				sum += v
			}
			if qp.Problem == "" {
				d := sum - rq.Annual
				if d < 0 {
					d = -d
				}
				qp.Problem = fmt.Sprintf("%s's fixed months %s by %s; change a month or the annual quota.", rq.Name, problem,
					pd.Locale.Money(d, pd.Currency))
			}
			rq.Annual = sum
		}
		for mi, v := range rq.Months {
			qp.Months[mi] += v
		}
		qp.Total += rq.Annual
		if rq.HistoryMonths >= 12 && rq.Trailing > 0 {
			base := app.RoundDiv(rq.Trailing*int64(p.Months), 12)
			if base > 0 {
				rq.RatioBP, _ = app.MulRatio(10000, rq.Annual, base)
			}
		}
		rq.Realism = Verdict(rq.RatioBP, rq.HistoryMonths)
		if rq.HistoryMonths >= 12 && rq.Trailing <= 0 {
			rq.Realism = NoHistory
		}
	}
	return qp
}

// QuotaProblem says what the quotas lack, in a sentence ("" when nothing):
// no revenue target, the forecast standing in for one, or fixed quotas
// that do not add up.
func QuotaProblem(q QuotaPlan) string {
	switch {
	case len(q.Reps) == 0:
		return "No rep carries a quota yet; add the active and onboarding reps to the roster."
	case q.Target <= 0:
		return "The plan has no revenue target to split; set one on step 2 (objectives) or import history so the forecast can stand in."
	case q.Problem != "":
		return q.Problem
	case q.FromForecast:
		return "The plan has no revenue target yet, so the quotas split the forecast; set a revenue target on step 2 to split it instead."
	}
	return ""
}

// splitMonths spreads annual over the plan months by the weights w,
// keeping the months fixed in q: the rest goes to the other months. It
// returns the months, which are fixed, and what is wrong ("" when the
// months add up to annual).
func splitMonths(annual int64, w []int64, q *Quota) ([]int64, []bool, string) {
	n := len(w)
	months := make([]int64, n)
	fixed := make([]bool, n)
	rest := annual
	var free []int
	var freeW []int64
	for mi := 0; mi < n; mi++ {
		if v := q.FixedMonth(mi); v >= 0 {
			months[mi], fixed[mi] = v, true
			rest -= v
		} else {
			free = append(free, mi)
			freeW = append(freeW, w[mi])
		}
	}
	switch {
	case rest < 0:
		return months, fixed, "add up to more than the annual quota"
	case len(free) == 0 && rest != 0:
		return months, fixed, "are every month and differ from the annual quota"
	}
	for k, v := range app.Split(rest, freeW) {
		months[free[k]] = v
	}
	return months, fixed, ""
}
