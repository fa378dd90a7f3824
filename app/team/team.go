// Package team is step 6, part 1, of a plan: the sales team's people. The
// roster of salespeople (and candidates), the competency framework the role
// needs, every person's ratings against it and the gaps rolled up into
// training needs, recruitment (open positions with a profile, candidates
// with a stage and a fit score), the onboarding checklist of each new rep
// and the training plan. It contributes salaries, training and recruiting
// costs to the budget.
//
// The rules, written down:
//
//   - Salaries: a person costs their monthly cost for every day of a plan
//     month they are employed — from the hire date (or the month's start)
//     to the leave date (or the month's end), pro rata by calendar days,
//     rounded half up per person and month; candidates cost nothing. The
//     line is the exact sum of those amounts.
//   - Training: a session's cost falls in its month; recruiting: a
//     position's cost falls in the month it is to be filled. Costs of
//     months outside the plan period are not in the budget.
//   - Gap: a person rated below a competency's required level has a gap of
//     the difference; an unrated competency is "not rated", not a gap.
//     Training needs are the gaps of the active and onboarding reps per
//     competency: how many people, how many levels in all.
//   - Fit score of a candidate against a position's profile (the
//     position's own levels, else the framework's required levels): the
//     sum over the profile of min(rating, level) divided by the sum of the
//     levels — 100 % when every level is met, unrated counts as 0.
//   - Quotas (part 2): see QuotaRule and RealismRule in quotas.go; the
//     quota holders are the active and onboarding reps in roster order,
//     and they become the incentive simulator's salespeople.
//   - Monitoring (part 2): see ConversionRule, AttainmentRule and
//     diagnose in performance.go. The activity log and the polls count
//     within the plan period; an entry must fall between the rep's hire
//     and leave dates. A poll on the 0–10 scale counts as 1 + 4r/10.
//   - Completion: not started while there is no rep; complete when there is
//     at least one active rep, every active rep is rated on every
//     competency of the framework and every onboarding rep has an
//     onboarding checklist; in progress otherwise.
package team

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"salesplan/app"
)

// Table names of step 6, part 1 (declared in this order: links point back).
const (
	TableCompetencies = "team_competencies"
	TablePositions    = "team_positions"
	TableReps         = "team_reps"
	TableTemplate     = "team_onboarding_items"
	TableTrainings    = "team_trainings"
)

// Levels of experience.
const (
	LevelNew         = "new"
	LevelDeveloping  = "developing"
	LevelExperienced = "experienced"
	LevelSenior      = "senior"
)

// Levels lists the experience levels in order.
var Levels = []string{LevelNew, LevelDeveloping, LevelExperienced, LevelSenior}

// Statuses of a person.
const (
	StatusCandidate  = "candidate"
	StatusOnboarding = "onboarding"
	StatusActive     = "active"
	StatusLeft       = "left"
)

// Statuses lists the statuses in order.
var Statuses = []string{StatusCandidate, StatusOnboarding, StatusActive, StatusLeft}

// Stages of a candidate.
const (
	StageApplied   = "applied"
	StageInterview = "interview"
	StageOffer     = "offer"
	StageHired     = "hired"
	StageRejected  = "rejected"
)

// Stages lists the stages in order.
var Stages = []string{StageApplied, StageInterview, StageOffer, StageHired, StageRejected}

// MaxLevel is the top of the 1–5 competency scale.
const MaxLevel = 5

// DateLayout is how dates are written.
const DateLayout = "2006-01-02"

// Competency is one competency the role needs, with the required level.
type Competency struct {
	ID       string `db:"id" json:"id"`
	PlanID   string `db:"plan_id" json:"-"`
	Position int    `db:"position" json:"position"`
	Name     string `db:"name" json:"name"`
	Required int    `db:"required" json:"required"`
}

// Clean trims the name.
func (c *Competency) Clean() { c.Name = strings.TrimSpace(c.Name) }

// Validate checks a competency.
func (c Competency) Validate() []app.FieldError {
	var errs []app.FieldError
	if strings.TrimSpace(c.Name) == "" {
		errs = append(errs, app.FieldError{Field: "name", Message: "Name the competency, e.g. “Negotiation”."})
	} else if err := app.ValidateText(c.Name); err != nil {
		errs = append(errs, app.FieldError{Field: "name", Message: app.ErrorMessage(err)})
	}
	if c.Required < 1 || c.Required > MaxLevel {
		errs = append(errs, app.FieldError{Field: "required", Message: fmt.Sprintf("The required level %d is outside the scale; choose a level from 1 to 5.", c.Required)})
	}
	return errs
}

// Requirement is one competency of a position's profile.
type Requirement struct {
	Competency string `json:"competency"`
	Level      int    `json:"level"`
}

// OpenPosition is a position to fill, with its profile and recruiting cost.
type OpenPosition struct {
	ID       string `db:"id" json:"id"`
	PlanID   string `db:"plan_id" json:"-"`
	Position int    `db:"position" json:"position"`
	Title    string `db:"title" json:"title"`
	Region   string `db:"region" json:"region"`
	// Month the position is to be filled; its recruiting cost falls there.
	Month app.Month `db:"month" json:"month"`
	// Profile: the levels the position needs; empty = the framework's.
	Profile []Requirement `db:"profile" json:"profile"`
	Cost    int64         `db:"cost,money" json:"cost_minor"`
}

// Clean trims the text fields and drops empty requirements.
func (p *OpenPosition) Clean() {
	p.Title, p.Region = strings.TrimSpace(p.Title), strings.TrimSpace(p.Region)
	var rs []Requirement
	for _, r := range p.Profile {
		r.Competency = strings.TrimSpace(r.Competency)
		if r.Competency != "" {
			rs = append(rs, r)
		}
	}
	p.Profile = rs
}

// Validate checks a position.
func (p OpenPosition) Validate() []app.FieldError {
	var errs []app.FieldError
	if strings.TrimSpace(p.Title) == "" {
		errs = append(errs, app.FieldError{Field: "title", Message: "Name the position, e.g. “Sales rep North”."})
	}
	for _, s := range []string{p.Title, p.Region} {
		if err := app.ValidateText(s); err != nil {
			errs = append(errs, app.FieldError{Field: "title", Message: app.ErrorMessage(err)})
		}
	}
	if p.Cost < 0 {
		errs = append(errs, app.FieldError{Field: "cost", Message: "A recruiting cost cannot be negative; enter 0 or more."})
	}
	for _, r := range p.Profile {
		if r.Level < 1 || r.Level > MaxLevel {
			errs = append(errs, app.FieldError{Field: "profile", Message: fmt.Sprintf("The level %d for %s is outside the scale; choose a level from 1 to 5.", r.Level, r.Competency)})
		}
	}
	return errs
}

// Task is one item of a rep's onboarding checklist.
type Task struct {
	Title string `json:"title"`
	Due   string `json:"due"` // YYYY-MM-DD
	Done  bool   `json:"done"`
}

// Rep is a salesperson or a candidate.
type Rep struct {
	ID        string `db:"id" json:"id"`
	PlanID    string `db:"plan_id" json:"-"`
	Position  int    `db:"position" json:"position"`
	Name      string `db:"name" json:"name"`
	Region    string `db:"region" json:"region"`
	Level     string `db:"level" json:"level"`
	Status    string `db:"status" json:"status"`
	HireDate  string `db:"hire_date" json:"hire_date"`   // YYYY-MM-DD; "" = not hired
	LeaveDate string `db:"leave_date" json:"leave_date"` // YYYY-MM-DD; "" = stays
	// MonthlyCost is the full monthly cost of employment (minor units).
	MonthlyCost int64 `db:"monthly_cost,money" json:"monthly_cost_minor"`
	// Ratings per competency name, 1–5.
	Ratings map[string]int `db:"ratings" json:"ratings"`
	// Candidates: the stage and the position applied for (one ID).
	Stage       string   `db:"stage" json:"stage"`
	PositionIDs []string `db:"position_ids,links" json:"position_ids"`
	// Onboarding is the rep's checklist (nil until instantiated).
	Onboarding []Task `db:"onboarding" json:"onboarding"`
}

// Clean trims the text fields and sets defaults.
func (r *Rep) Clean() {
	r.Name, r.Region = strings.TrimSpace(r.Name), strings.TrimSpace(r.Region)
	r.HireDate, r.LeaveDate = strings.TrimSpace(r.HireDate), strings.TrimSpace(r.LeaveDate)
	if r.Level == "" {
		r.Level = LevelExperienced
	}
	if r.Status == "" {
		r.Status = StatusActive
	}
	if r.Status == StatusCandidate && r.Stage == "" {
		r.Stage = StageApplied
	}
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// ParseDate reads a YYYY-MM-DD date.
func ParseDate(s string) (time.Time, error) { return time.Parse(DateLayout, s) }

// Validate checks a person on their own (duplicate names: CheckName).
func (r Rep) Validate() []app.FieldError {
	var errs []app.FieldError
	add := func(f, m string) { errs = append(errs, app.FieldError{Field: f, Message: m}) }
	if strings.TrimSpace(r.Name) == "" {
		add("name", "Enter the person's name, e.g. “Anna Müller”.")
	}
	for _, s := range []string{r.Name, r.Region} {
		if err := app.ValidateText(s); err != nil {
			add("name", app.ErrorMessage(err))
		}
	}
	if r.Level != "" && !oneOf(r.Level, Levels) {
		add("level", "Choose an experience level: new, developing, experienced or senior.")
	}
	if r.Status != "" && !oneOf(r.Status, Statuses) {
		add("status", "Choose a status: candidate, onboarding, active or left.")
	}
	if r.Stage != "" && !oneOf(r.Stage, Stages) {
		add("stage", "Choose a stage: applied, interview, offer, hired or rejected.")
	}
	var hire, leave time.Time
	var hireOK, leaveOK bool
	if r.HireDate != "" {
		t, err := ParseDate(r.HireDate)
		if err != nil {
			add("hire_date", fmt.Sprintf("The hire date “%s” is not a date; write it as YYYY-MM-DD, e.g. 2027-03-01.", r.HireDate))
		}
		hire, hireOK = t, err == nil
	}
	if r.LeaveDate != "" {
		t, err := ParseDate(r.LeaveDate)
		if err != nil {
			add("leave_date", fmt.Sprintf("The leave date “%s” is not a date; write it as YYYY-MM-DD, e.g. 2027-06-30.", r.LeaveDate))
		}
		leave, leaveOK = t, err == nil
	}
	if hireOK && leaveOK && leave.Before(hire) {
		add("leave_date", fmt.Sprintf("The leave date %s is before the hire date %s; correct one of them.", r.LeaveDate, r.HireDate))
	}
	switch r.Status {
	case StatusOnboarding, StatusActive:
		if r.HireDate == "" {
			add("hire_date", "Enter the hire date of a rep who works in the team, e.g. 2024-03-01.")
		}
	case StatusLeft:
		if r.LeaveDate == "" {
			add("leave_date", "Enter the date the rep left, e.g. 2027-06-30, so their salary stops then.")
		}
	}
	if r.MonthlyCost < 0 {
		add("monthly_cost", "A monthly cost cannot be negative; enter 0 or more.")
	}
	names := make([]string, 0, len(r.Ratings))
	for n := range r.Ratings {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if v := r.Ratings[n]; v < 1 || v > MaxLevel {
			add("ratings", fmt.Sprintf("A rating of %d for %s is outside the scale; rate from 1 to 5.", v, n))
		}
	}
	return errs
}

// OnboardingItem is one item of the onboarding template: due a number of
// days after the hire date, later for reps new to the industry.
type OnboardingItem struct {
	ID       string `db:"id" json:"id"`
	PlanID   string `db:"plan_id" json:"-"`
	Position int    `db:"position" json:"position"`
	Title    string `db:"title" json:"title"`
	Days     int    `db:"due_days" json:"due_days"`
	DaysNew  int    `db:"due_days_new" json:"due_days_new"`
}

// Clean trims the title.
func (o *OnboardingItem) Clean() { o.Title = strings.TrimSpace(o.Title) }

// Validate checks a template item.
func (o OnboardingItem) Validate() []app.FieldError {
	var errs []app.FieldError
	if strings.TrimSpace(o.Title) == "" {
		errs = append(errs, app.FieldError{Field: "title", Message: "Say what the new rep should learn, e.g. “Meet the service team”."})
	} else if err := app.ValidateText(o.Title); err != nil {
		errs = append(errs, app.FieldError{Field: "title", Message: app.ErrorMessage(err)})
	}
	if o.Days < 0 || o.DaysNew < 0 {
		errs = append(errs, app.FieldError{Field: "due_days", Message: "Days after the hire date cannot be negative; enter 0 or more."})
	}
	return errs
}

// DefaultTemplate is the onboarding checklist a plan starts with.
var DefaultTemplate = []OnboardingItem{
	{Title: "The company: its history, organisation and values", Days: 5, DaysNew: 10},
	{Title: "Its products and services", Days: 10, DaysNew: 20},
	{Title: "Colleagues in sales, service and operations", Days: 10, DaysNew: 15},
	{Title: "The customers of the territory and their history", Days: 20, DaysNew: 40},
	{Title: "The sector and the company's position in it", Days: 30, DaysNew: 60},
	{Title: "The goals and how to reach them", Days: 30, DaysNew: 45},
}

// DefaultCompetencies is the framework a plan starts with.
var DefaultCompetencies = []Competency{
	{Name: "Product knowledge", Required: 4},
	{Name: "Prospecting", Required: 3},
	{Name: "Needs analysis", Required: 4},
	{Name: "Presentation", Required: 3},
	{Name: "Negotiation", Required: 3},
	{Name: "Closing", Required: 4},
	{Name: "Account management", Required: 3},
	{Name: "CRM discipline", Required: 3},
}

// Training is a session of the training plan.
type Training struct {
	ID         string    `db:"id" json:"id"`
	PlanID     string    `db:"plan_id" json:"-"`
	Position   int       `db:"position" json:"position"`
	Topic      string    `db:"topic" json:"topic"`
	Competency string    `db:"competency" json:"competency"`
	Month      app.Month `db:"month" json:"month"`
	Attendees  []string  `db:"attendees,links" json:"attendees"`
	Cost       int64     `db:"cost,money" json:"cost_minor"`
	Done       bool      `db:"done" json:"done"`
}

// Clean trims the text.
func (t *Training) Clean() {
	t.Topic, t.Competency = strings.TrimSpace(t.Topic), strings.TrimSpace(t.Competency)
}

// Validate checks a session.
func (t Training) Validate() []app.FieldError {
	var errs []app.FieldError
	if strings.TrimSpace(t.Topic) == "" {
		errs = append(errs, app.FieldError{Field: "topic", Message: "Name the session's topic, e.g. “Negotiating with hotel chains”."})
	} else if err := app.ValidateText(t.Topic); err != nil {
		errs = append(errs, app.FieldError{Field: "topic", Message: app.ErrorMessage(err)})
	}
	if len(t.Attendees) == 0 {
		errs = append(errs, app.FieldError{Field: "attendees", Message: "A session needs at least one attendee; tick who takes part."})
	}
	if t.Cost < 0 {
		errs = append(errs, app.FieldError{Field: "cost", Message: "A training cost cannot be negative; enter 0 or more."})
	}
	return errs
}

// Content is what step 6, part 1, stores, with the salespeople of the
// history.
type Content struct {
	Competencies []Competency
	Positions    []OpenPosition
	Reps         []Rep
	Template     []OnboardingItem
	Trainings    []Training
	Quotas       []Quota
	// Activities is the activity log and Polls the customers' ratings
	// (part 2), as stored (by date: SortLog).
	Activities []Activity
	Polls      []Poll
	// HistoryReps are the salespeople of the history (within the plan's
	// regions), read while loading.
	HistoryReps []string
	// HistoryByRep is each salesperson's monthly sales in the history and
	// HistoryRegions each region's, keyed by the lower-cased name.
	HistoryByRep, HistoryRegions map[string]app.MonthlySeries
}

// Of returns the team content of pd.
func Of(pd *app.PlanData) *Content { return app.ContentOf[Content](pd, app.StepTeam) }

// Rep returns the person with id, or nil.
func (c *Content) Rep(id string) *Rep {
	for i := range c.Reps {
		if c.Reps[i].ID == id {
			return &c.Reps[i]
		}
	}
	return nil
}

// PositionByID returns the open position with id, or nil.
func (c *Content) PositionByID(id string) *OpenPosition {
	for i := range c.Positions {
		if c.Positions[i].ID == id {
			return &c.Positions[i]
		}
	}
	return nil
}

// CheckName says what is wrong with naming person id name ("" when fine):
// two people of the roster cannot share a name.
func (c *Content) CheckName(id, name string) string {
	name = strings.TrimSpace(name)
	for _, r := range c.Reps {
		if r.ID != id && strings.EqualFold(r.Name, name) {
			return fmt.Sprintf("%s is already in the roster; give the new person a different name, e.g. with an initial.", r.Name)
		}
	}
	return ""
}

// CheckCompetencyName says what is wrong with naming competency id name.
func (c *Content) CheckCompetencyName(id, name string) string {
	name = strings.TrimSpace(name)
	for _, k := range c.Competencies {
		if k.ID != id && strings.EqualFold(k.Name, name) {
			return fmt.Sprintf("The framework already has %s; name this competency differently.", k.Name)
		}
	}
	return ""
}

// Suggested returns the history's salespeople not yet in the roster: the
// starting roster offered.
func (c *Content) Suggested() []string {
	var out []string
	for _, n := range c.HistoryReps {
		if c.CheckName("", n) == "" {
			out = append(out, n)
		}
	}
	return out
}

// FromHistory returns a roster row for a salesperson of the history:
// active, experienced, hired before the plan with no cost entered yet.
func FromHistory(name string) Rep {
	return Rep{Name: name, Status: StatusActive, Level: LevelExperienced}
}

// Checklist instantiates the onboarding template for a rep hired on hire:
// due dates relative to the hire date, the longer schedule for reps new to
// the industry.
func Checklist(template []OnboardingItem, hire time.Time, level string) []Task {
	out := make([]Task, 0, len(template))
	for _, o := range template {
		days := o.Days
		if level == LevelNew && o.DaysNew > days {
			days = o.DaysNew
		}
		out = append(out, Task{Title: o.Title, Due: hire.AddDate(0, 0, days).Format(DateLayout)})
	}
	return out
}

// TemplateOf returns the plan's onboarding template, or the default one
// when the plan has none.
func (c *Content) TemplateOf() []OnboardingItem {
	if len(c.Template) > 0 {
		return c.Template
	}
	return DefaultTemplate
}

// PlanEnd is the last day of the plan period.
func PlanEnd(p app.Plan) time.Time { return p.Start.Add(p.Months).Time().AddDate(0, 0, -1) }

// Hire makes candidate r a rep in onboarding hired on date, with the
// onboarding checklist; it returns the updated row or a sentence saying
// what is wrong.
func Hire(c *Content, p app.Plan, r Rep, date string) (Rep, string) {
	t, err := ParseDate(strings.TrimSpace(date))
	if err != nil {
		return r, fmt.Sprintf("The hire date “%s” is not a date; write it as YYYY-MM-DD, e.g. %s.", date, p.Start.Time().Format(DateLayout))
	}
	if end := PlanEnd(p); t.After(end) {
		return r, fmt.Sprintf("%s is after the plan ends (%s); hire %s within the plan, or in the plan of the next period.", t.Format(DateLayout), end.Format(DateLayout), r.Name)
	}
	if r.Stage == StageRejected {
		return r, fmt.Sprintf("%s was rejected; move them back to offer before hiring them.", r.Name)
	}
	r.Status, r.Stage, r.HireDate, r.LeaveDate = StatusOnboarding, StageHired, t.Format(DateLayout), ""
	r.Onboarding = Checklist(c.TemplateOf(), t, r.Level)
	return r, ""
}

// NextStage is the stage after s on the way to an offer ("" after offer:
// hiring is its own step).
func NextStage(s string) string {
	switch s {
	case StageApplied, "":
		return StageInterview
	case StageInterview:
		return StageOffer
	}
	return ""
}

// RaiseAfterTraining returns the attendees of a done session with their
// rating of the session's competency raised by one level (up to the
// required level, at most 5): what marking a session done offers.
func RaiseAfterTraining(c *Content, t Training) []Rep {
	req := MaxLevel
	for _, k := range c.Competencies {
		if k.Name == t.Competency {
			req = k.Required
		}
	}
	var out []Rep
	for _, id := range t.Attendees {
		r := c.Rep(id)
		if r == nil || t.Competency == "" {
			continue
		}
		cur := r.Ratings[t.Competency]
		if cur >= req || cur >= MaxLevel {
			continue
		}
		n := *r
		n.Ratings = map[string]int{}
		for k, v := range r.Ratings {
			n.Ratings[k] = v
		}
		n.Ratings[t.Competency] = max(cur+1, 1)
		out = append(out, n)
	}
	return out
}

// repHistoryReader is what the loader reads the history's salespeople
// through: the store's snapshot provides it.
type repHistoryReader interface {
	MonthlyRevenueBy(ctx context.Context, businessID string, scope app.Scope, dim app.Dimension) ([]string, map[string]app.MonthlySeries, error)
}

func load(ctx context.Context, r app.ContentReader, pd *app.PlanData) error {
	c := Of(pd)
	id := pd.Plan.ID
	if err := r.Rows(ctx, TableCompetencies, id, &c.Competencies); err != nil {
		return err
	}
	if err := r.Rows(ctx, TablePositions, id, &c.Positions); err != nil {
		return err
	}
	if err := r.Rows(ctx, TableReps, id, &c.Reps); err != nil {
		return err
	}
	if err := r.Rows(ctx, TableTemplate, id, &c.Template); err != nil {
		return err
	}
	if err := r.Rows(ctx, TableTrainings, id, &c.Trainings); err != nil {
		return err
	}
	if err := r.Rows(ctx, TableQuotas, id, &c.Quotas); err != nil {
		return err
	}
	if err := r.Rows(ctx, TableActivities, id, &c.Activities); err != nil {
		return err
	}
	if err := r.Rows(ctx, TablePolls, id, &c.Polls); err != nil {
		return err
	}
	c.SortLog()
	c.HistoryReps, c.HistoryByRep, c.HistoryRegions = nil, nil, nil
	if hr, ok := r.(repHistoryReader); ok {
		scope := app.Scope{Regions: pd.Plan.Scope.Regions}
		names, series, err := hr.MonthlyRevenueBy(ctx, pd.Business.ID, scope, app.DimSalesperson)
		if err != nil {
			return err
		}
		c.HistoryReps, c.HistoryByRep = names, lowerKeys(series)
		_, regions, err := hr.MonthlyRevenueBy(ctx, pd.Business.ID, scope, app.DimRegion)
		if err != nil {
			return err
		}
		c.HistoryRegions = lowerKeys(regions)
	}
	return nil
}

func lowerKeys(m map[string]app.MonthlySeries) map[string]app.MonthlySeries {
	out := make(map[string]app.MonthlySeries, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}
