package team

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"salesplan/app"
)

// Table names of step 6, part 2's monitoring: records of what happened,
// kept with their plan (not copied into the next period's plan).
const (
	TableActivities = "team_activities"
	TablePolls      = "team_polls"
)

// Kinds of activity, in funnel order.
const (
	KindVisit    = "visit"
	KindCall     = "call"
	KindContact  = "contact"
	KindProposal = "proposal"
	KindOrder    = "order"
)

// Kinds lists the activity kinds in funnel order.
var Kinds = []string{KindVisit, KindCall, KindContact, KindProposal, KindOrder}

// MaxCount is the largest count one activity entry may carry.
const MaxCount = 10000

// Activity is one entry of a rep's activity log: how many visits, calls,
// contacts, proposals or orders on a day, optionally with the customer,
// the product group and the amount (of an order or proposal).
type Activity struct {
	ID     string `db:"id" json:"id"`
	PlanID string `db:"plan_id" json:"-"`
	// RepIDs holds the one rep of the entry (a link).
	RepIDs   []string `db:"rep_ids,links" json:"rep_ids"`
	Date     string   `db:"date" json:"date"` // YYYY-MM-DD
	Kind     string   `db:"kind" json:"kind"`
	Count    int      `db:"count" json:"count"`
	Customer string   `db:"customer" json:"customer"`
	Group    string   `db:"product_group" json:"product_group"`
	Amount   int64    `db:"amount,money" json:"amount_minor"`
	// Entry numbers an entry of the page until the store gave it an ID
	// (not stored).
	Entry int `json:"-"`
}

// Rep returns the ID of the entry's rep ("" when none).
func (a Activity) Rep() string {
	if len(a.RepIDs) == 0 {
		return ""
	}
	return a.RepIDs[0]
}

// Clean trims the text fields and writes the kind in its singular form.
func (a *Activity) Clean() {
	a.Customer, a.Group, a.Date = strings.TrimSpace(a.Customer), strings.TrimSpace(a.Group), strings.TrimSpace(a.Date)
	if k, ok := ParseKind(a.Kind); ok {
		a.Kind = k
	}
}

// Validate checks an entry on its own (against the roster: CheckActivity).
func (a Activity) Validate() []app.FieldError {
	var errs []app.FieldError
	add := func(f, m string) { errs = append(errs, app.FieldError{Field: f, Message: m}) }
	if a.Rep() == "" {
		add("rep_ids", "An activity belongs to a rep; choose the rep who did it.")
	}
	if _, err := ParseDate(a.Date); err != nil {
		add("date", fmt.Sprintf("“%s” is not a date; write it as YYYY-MM-DD, e.g. 2027-03-01.", a.Date))
	}
	if _, ok := ParseKind(a.Kind); !ok {
		add("kind", KindProblem(a.Kind))
	}
	if a.Count < 0 || a.Count > MaxCount {
		add("count", fmt.Sprintf("A count of %d is outside 0 to %d; enter how many there were, e.g. 3.", a.Count, MaxCount))
	}
	if a.Amount < 0 {
		add("amount", "An amount cannot be negative; enter the value of the order or proposal, or leave it empty.")
	}
	for _, s := range []string{a.Customer, a.Group} {
		if err := app.ValidateText(s); err != nil {
			add("customer", app.ErrorMessage(err))
		}
	}
	return errs
}

// ParseKind reads an activity kind: the singular or plural word in any
// case ("Visits"), or a short form that names one kind only ("v", "ca",
// "co", "p", "o"). It returns the singular kind.
func ParseKind(s string) (string, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return "", false
	}
	for _, k := range Kinds {
		if t == k || t == k+"s" {
			return k, true
		}
	}
	var match string
	for _, k := range Kinds {
		if strings.HasPrefix(k, t) {
			if match != "" {
				return "", false
			}
			match = k
		}
	}
	return match, match != ""
}

// KindProblem is the sentence for a kind that is not one.
func KindProblem(s string) string {
	t := strings.TrimSpace(s)
	if t == "" {
		return "Say what kind of activity it was: visit, call, contact, proposal or order."
	}
	if strings.EqualFold(t, "c") {
		return "“c” could be a call or a contact; write “ca” or “co” (or the whole word)."
	}
	return fmt.Sprintf("“%s” is not an activity kind; write visit, call, contact, proposal or order (plurals are fine).", app.ShowInput(t, 40))
}

// FindRep finds the person a name stands for: the whole name in any case,
// else the one whose name (or a word of it) starts with the text, else the
// one whose initials it is ("AM"). It returns the person or a sentence
// saying why none fits.
func (c *Content) FindRep(name string) (*Rep, string) {
	t := strings.TrimSpace(name)
	if t == "" {
		return nil, "Name the rep, e.g. “Anna Müller” (the first letters are enough)."
	}
	people := make([]*Rep, 0, len(c.Reps))
	for i := range c.Reps {
		if c.Reps[i].Status != StatusCandidate {
			people = append(people, &c.Reps[i])
		}
	}
	for _, r := range people {
		if strings.EqualFold(r.Name, t) {
			return r, ""
		}
	}
	lower := strings.ToLower(t)
	var hits []*Rep
	for _, r := range people {
		n := strings.ToLower(r.Name)
		ok := strings.HasPrefix(n, lower)
		for _, w := range strings.Fields(n) {
			ok = ok || strings.HasPrefix(w, lower)
		}
		if ok {
			hits = append(hits, r)
		}
	}
	if len(hits) == 0 && !strings.ContainsFunc(t, unicode.IsSpace) {
		for _, r := range people {
			if strings.EqualFold(initials(r.Name), t) {
				hits = append(hits, r)
			}
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], ""
	case 0:
		for _, r := range c.Reps {
			n := strings.ToLower(r.Name)
			if r.Status == StatusCandidate && (n == lower || strings.HasPrefix(n, lower)) {
				return nil, fmt.Sprintf("%s is a candidate, not yet in the team; log activities and ratings for reps who work in the team.", r.Name)
			}
		}
		return nil, fmt.Sprintf("There is no rep “%s” in the roster; add them on this step first or correct the name.", app.ShowInput(t, 40))
	}
	names := make([]string, len(hits))
	for i, r := range hits {
		names[i] = r.Name
	}
	return nil, fmt.Sprintf("“%s” could be %s; write more of the name.", app.ShowInput(t, 40), strings.Join(names, " or "))
}

// CheckActivity says what is wrong with entry a for plan p against the
// roster, in sentences (none when it is fine): Validate's problems, and a
// rep who is unknown, a candidate, not yet hired or gone on the date, and
// a date outside the plan period.
func CheckActivity(c *Content, p app.Plan, a Activity) []string {
	var out []string
	for _, e := range a.Validate() {
		out = append(out, e.Message)
	}
	out = append(out, checkRepDate(c, p, a.Rep(), a.Date, "an activity")...)
	return out
}

// checkRepDate checks that rep id worked on date, inside the plan period.
func checkRepDate(c *Content, p app.Plan, id, date, what string) []string {
	d, err := ParseDate(strings.TrimSpace(date))
	if err != nil || id == "" {
		return nil
	}
	var out []string
	r := c.Rep(id)
	switch {
	case r == nil:
		out = append(out, "That rep is no longer in the roster; choose a rep of the roster.")
	case r.Status == StatusCandidate:
		out = append(out, fmt.Sprintf("%s is a candidate, not yet in the team; log %s for reps who work in the team.", r.Name, what))
	default:
		if h, err := ParseDate(r.HireDate); err == nil && d.Before(h) {
			out = append(out, fmt.Sprintf("%s is before %s was hired (%s); check the date, or correct the hire date in the roster.", date, r.Name, r.HireDate))
		}
		if l, err := ParseDate(r.LeaveDate); err == nil && d.After(l) {
			out = append(out, fmt.Sprintf("%s is after %s left (%s); check the date or the rep.", date, r.Name, r.LeaveDate))
		}
	}
	start, end := p.Start.Time(), PlanEnd(p)
	if d.Before(start) || d.After(end) {
		out = append(out, fmt.Sprintf("%s is outside the plan period (%s to %s); log what happened during the plan.", date,
			start.Format(DateLayout), end.Format(DateLayout)))
	}
	return out
}

// Poll scales: a rating from 1 to 5, or from 0 to 10 (an NPS-style
// question).
const (
	Scale5  = 5
	Scale10 = 10
)

// Poll is one customer's rating of a salesperson after a contact.
type Poll struct {
	ID       string   `db:"id" json:"id"`
	PlanID   string   `db:"plan_id" json:"-"`
	RepIDs   []string `db:"rep_ids,links" json:"rep_ids"`
	Date     string   `db:"date" json:"date"`
	Customer string   `db:"customer" json:"customer"`
	Scale    int      `db:"scale" json:"scale"` // 5 or 10
	Rating   int      `db:"rating" json:"rating"`
	Comment  string   `db:"comment" json:"comment"`
}

// Rep returns the ID of the rep rated ("" when none).
func (p Poll) Rep() string {
	if len(p.RepIDs) == 0 {
		return ""
	}
	return p.RepIDs[0]
}

// Clean trims the text fields and sets the default scale (1–5).
func (p *Poll) Clean() {
	p.Customer, p.Comment, p.Date = strings.TrimSpace(p.Customer), strings.TrimSpace(p.Comment), strings.TrimSpace(p.Date)
	if p.Scale == 0 {
		p.Scale = Scale5
	}
}

// RatingProblem says what is wrong with rating on scale ("" when fine).
func RatingProblem(rating, scale int) string {
	switch scale {
	case Scale5:
		if rating < 1 || rating > 5 {
			return fmt.Sprintf("A rating of %d is outside the 1–5 scale; rate from 1 (poor) to 5 (excellent), or give the scale as 10 for a 0–10 question.", rating)
		}
	case Scale10:
		if rating < 0 || rating > 10 {
			return fmt.Sprintf("A rating of %d is outside the 0–10 scale; rate from 0 to 10.", rating)
		}
	default:
		return fmt.Sprintf("A scale of %d is neither 5 (ratings 1–5) nor 10 (ratings 0–10); write 5 or 10.", scale)
	}
	return ""
}

// Validate checks a poll on its own.
func (p Poll) Validate() []app.FieldError {
	var errs []app.FieldError
	add := func(f, m string) { errs = append(errs, app.FieldError{Field: f, Message: m}) }
	if p.Rep() == "" {
		add("rep_ids", "A rating is of a rep; choose the rep the customer rated.")
	}
	if _, err := ParseDate(p.Date); err != nil {
		add("date", fmt.Sprintf("“%s” is not a date; write it as YYYY-MM-DD, e.g. 2027-03-01.", p.Date))
	}
	scale := p.Scale
	if scale == 0 {
		scale = Scale5
	}
	if m := RatingProblem(p.Rating, scale); m != "" {
		add("rating", m)
	}
	for _, s := range []string{p.Customer, p.Comment} {
		if err := app.ValidateText(s); err != nil {
			add("comment", app.ErrorMessage(err))
		}
	}
	return errs
}

// CheckPoll says what is wrong with poll q for plan p against the roster.
func CheckPoll(c *Content, p app.Plan, q Poll) []string {
	var out []string
	for _, e := range q.Validate() {
		out = append(out, e.Message)
	}
	out = append(out, checkRepDate(c, p, q.Rep(), q.Date, "a rating")...)
	return out
}

// Score5 is the rating taken to the 1–5 scale (a 0–10 rating r counts as
// 1 + 4r/10).
func (p Poll) Score5() float64 {
	if p.Scale == Scale10 {
		return 1 + 4*float64(p.Rating)/10
	}
	return float64(p.Rating)
}

// day parses an entry's date (zero time when it is not one).
func day(s string) time.Time {
	t, _ := ParseDate(s)
	return t
}

// SortLog orders the activity log and the polls by date (stable: the
// order entered within a day).
func (c *Content) SortLog() {
	sort.SliceStable(c.Activities, func(i, j int) bool { return c.Activities[i].Date < c.Activities[j].Date })
	sort.SliceStable(c.Polls, func(i, j int) bool { return c.Polls[i].Date < c.Polls[j].Date })
}
