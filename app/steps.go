package app

import (
	"context"
	"strings"
)

// StepID names a page of a plan. The six plan steps have numbers 1–6;
// Overview and Export are pages without a number.
type StepID string

// The pages of a plan, in navigation order.
const (
	PageOverview   StepID = "overview"
	StepSituation  StepID = "situation"
	StepObjectives StepID = "objectives"
	StepStrategy   StepID = "strategy"
	StepSOP        StepID = "sop"
	StepBudget     StepID = "budget"
	StepTeam       StepID = "team"
	PageExport     StepID = "export"
)

// Status is a step's completion state.
type Status int

// Completion states, shown in the navigation with a mark and a word so that
// meaning never rests on colour.
const (
	NotStarted Status = iota
	InProgress
	Complete
)

// String returns "not started", "in progress" or "complete".
func (s Status) String() string {
	switch s {
	case InProgress:
		return "in progress"
	case Complete:
		return "complete"
	}
	return "not started"
}

// Mark returns a symbol for s: ○ not started, ◐ in progress, ● complete.
func (s Status) Mark() string {
	switch s {
	case InProgress:
		return "◐"
	case Complete:
		return "●"
	}
	return "○"
}

// MarshalText writes the status as its word with underscores.
func (s Status) MarshalText() ([]byte, error) {
	return []byte(strings.ReplaceAll(s.String(), " ", "_")), nil
}

// PlanData is everything the steps read to judge completion, show JSON and
// write their PDF section: the plan, its business and its history.
type PlanData struct {
	Plan        Plan
	Business    Business
	History     MonthlySeries // revenue per month within the plan's scope
	HistoryRows int64
	Locale      Locale
	Currency    Currency
	SWOT        []SWOTItem
	Objectives  []Objective
	Stages      []ProcessStage
	Initiatives []Initiative
	Scheme      *IncentiveScheme // nil until one is set
	Reps        int              // salespeople in the last 12 months of the scope's history

	// Filled on demand (they take longer): the situation summary and the
	// forecast of the scope's total. Nil when not loaded or no history.
	Summary  *Summary
	Forecast *ForecastOutput
}

// ContentWriter is what a step's demo content writes through (the store).
type ContentWriter interface {
	UpdatePlan(ctx context.Context, p Plan) (Plan, error)
	SaveSWOTItem(ctx context.Context, it SWOTItem) (SWOTItem, error)
	SaveProcessStage(ctx context.Context, s ProcessStage) (ProcessStage, error)
	SaveObjective(ctx context.Context, o Objective) (Objective, error)
	SaveInitiative(ctx context.Context, in Initiative) (Initiative, error)
	SaveScheme(ctx context.Context, s IncentiveScheme) (IncentiveScheme, error)
}

// Step is one registered page of a plan. Each step brings its completion
// rule, its PDF section, its JSON view and its demo content; the views
// package brings its page. Adding a step touches no other step.
type Step struct {
	ID       StepID
	Number   int    // 1–6; 0 for Overview and Export
	Title    string // "Situation analysis"
	Nav      string // short label for the navigation
	Guidance string // two or three lines on what to do here and why
	// Pending, when set, says in one line what the step will hold; the step
	// is not built yet and shows this as its empty state.
	Pending string

	Completion func(PlanData) Status
	Section    func(*Report, PlanData) error
	Show       func(PlanData) any
	Demo       func(ctx context.Context, w ContentWriter, pd PlanData) (Plan, error)
}

// Heading returns "Step 2 of 6 — Objectives", or the title for unnumbered pages.
func (s Step) Heading() string {
	if s.Number == 0 {
		return s.Title
	}
	return "Step " + string(rune('0'+s.Number)) + " of 6 — " + s.Title
}

// Registry holds the plan steps in order.
type Registry struct {
	steps []Step
}

// NewRegistry returns a registry of steps in the order given.
func NewRegistry(steps ...Step) *Registry { return &Registry{steps: steps} }

// Steps returns the numbered steps in order.
func (r *Registry) Steps() []Step { return r.steps }

// Step returns the step with id.
func (r *Registry) Step(id StepID) (Step, bool) {
	for _, s := range r.steps {
		if s.ID == id {
			return s, true
		}
	}
	return Step{}, false
}

// Status returns the completion state of the step with id for pd.
func (r *Registry) Status(id StepID, pd PlanData) Status {
	s, ok := r.Step(id)
	if !ok || s.Completion == nil {
		return NotStarted
	}
	return s.Completion(pd)
}

// IDs returns every page ID a plan can show, in navigation order, including
// Overview and Export.
func (r *Registry) IDs() []StepID {
	ids := []StepID{PageOverview}
	for _, s := range r.steps {
		ids = append(ids, s.ID)
	}
	return append(ids, PageExport)
}

// DefaultRegistry returns the six steps of a Salesplan plan.
func DefaultRegistry() *Registry {
	return NewRegistry(
		situationStep(),
		objectivesStep(),
		strategyStep(),
		pendingStep(StepSOP, 4, "Sales & operations planning", "S&OP",
			"Check with operations that the plan can be delivered: demand against capacity, month by month.",
			"The demand plan against operations' capacity per month, the gaps, the decisions and the S&OP meeting record."),
		budgetStep(),
		pendingStep(StepTeam, 6, "Sales team", "Team",
			"Recruit, train and manage the people who will sell: roster, quotas and performance.",
			"The roster, competencies, recruiting, onboarding, training, quotas and activity monitoring per rep."),
	)
}

// pendingStep is a step whose content a later release builds: it shows its
// Pending line, is never complete, and says so in the PDF and JSON.
func pendingStep(id StepID, n int, title, nav, guidance, pending string) Step {
	return Step{
		ID: id, Number: n, Title: title, Nav: nav, Guidance: guidance, Pending: pending,
		Completion: func(PlanData) Status { return NotStarted },
		Section: func(r *Report, pd PlanData) error {
			r.Paragraph(guidance)
			r.Note("Not written yet. This section will hold: " + pending)
			return nil
		},
		Show: func(PlanData) any { return map[string]any{"pending": pending} },
	}
}

// PlanStatus summarises the steps: complete when every step is, not
// started when none is started, else in progress.
func (r *Registry) PlanStatus(pd PlanData) Status {
	all, started := true, false
	for _, s := range r.steps {
		switch r.Status(s.ID, pd) {
		case Complete:
			started = true
		case InProgress:
			started, all = true, false
		default:
			all = false
		}
	}
	switch {
	case all && len(r.steps) > 0:
		return Complete
	case started:
		return InProgress
	}
	return NotStarted
}
