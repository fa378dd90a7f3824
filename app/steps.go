package app

import (
	"context"
	"io"
	"sort"
	"strconv"
	"strings"

	"salesplan/app/report"
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

// Figures ranks: the order in which the steps compute their figures. A
// step's figures read only what ranks before it (see docs/ARCHITECTURE.md).
const (
	RankSituation  = 10 // year totals, process analysis
	RankObjectives = 20 // the revenue target, SMART checks
	RankTeam       = 30 // quotas, salaries, training and recruiting costs
	RankStrategy   = 40 // initiative costs, incentive cost at the quotas
	RankSOP        = 50 // demand, gaps, decision costs
	RankBudget     = 60 // lines, scenarios, actuals
	RankOverview   = 90 // the dashboard reads everything
)

// Step is one registered page of a plan: a slice that brings its content
// tables, its loader, its figures, its completion rule, its PDF section,
// its JSON view and its demo content; the views side brings its page.
// Adding a step touches no other step.
type Step struct {
	ID       StepID
	Number   int    // 1–6; 0 for Overview
	Title    string // "Situation analysis"
	Nav      string // short label for the navigation
	Guidance string // two or three lines on what to do here and why
	// CompleteWhen states the completion rule in words, shown on the page
	// ("Complete when …"), so the mark in the navigation never surprises.
	CompleteWhen string
	// Pending, when set, says in one line what the step will hold; the step
	// is not built yet and shows this as its empty state.
	Pending string

	// Tables declares the step's content tables; the store serves them.
	Tables []Table
	// Load reads the step's content into pd (inside one read snapshot).
	Load func(ctx context.Context, r ContentReader, pd *PlanData) error
	// Rank orders Figures among the steps (the Rank… constants).
	Rank int
	// Figures computes the step's figures into pd.Figures from its content
	// and the figures of lower rank.
	Figures func(pd *PlanData)

	Completion func(*PlanData) Status
	Section    func(*report.Report, *PlanData) error
	Show       func(*PlanData) any
	Demo       func(ctx context.Context, w ContentWriter, pd *PlanData) error
	// Exports are the step's tables a user can save as CSV or XLSX
	// (`export table --table NAME`, "Save as" on the page).
	Exports []TableExport
}

// Heading returns "Step 2 of 6 — Objectives", or the title for unnumbered pages.
func (s Step) Heading() string {
	if s.Number == 0 {
		return s.Title
	}
	return "Step " + strconv.Itoa(s.Number) + " of 6 — " + s.Title
}

// Registry holds the pages of a plan: the Overview and the numbered steps
// in order.
type Registry struct {
	overview *Step
	steps    []Step
	ranked   []Step
	summary  func(*report.Report, *PlanData) error
	review   func(*PlanData, ExportOptions) report.Document
}

// SetSummary sets the PDF's executive summary, drawn from every step's
// figures (app/steps builds it, as it knows every step).
func (r *Registry) SetSummary(draw func(*report.Report, *PlanData) error) { r.summary = draw }

// SetReview sets the monthly review's document (the Overview's dashboard
// as a short PDF; app/steps sets it from the Overview's package).
func (r *Registry) SetReview(doc func(*PlanData, ExportOptions) report.Document) { r.review = doc }

// ExportReview writes the monthly review of pd as a PDF to w.
func (r *Registry) ExportReview(ctx context.Context, w io.Writer, pd *PlanData, opts ExportOptions) error {
	if r.review == nil {
		return Errorf(ErrInvalid, "This build has no monthly review.")
	}
	return report.Build(ctx, w, r.review(pd, opts), opts)
}

// NewRegistry returns a registry of pages in the order given. A page with
// Number 0 and ID PageOverview is the Overview.
func NewRegistry(pages ...Step) *Registry {
	r := &Registry{}
	for _, p := range pages {
		if p.ID == PageOverview {
			p := p
			r.overview = &p
			continue
		}
		r.steps = append(r.steps, p)
	}
	r.ranked = append([]Step(nil), pages...)
	sort.SliceStable(r.ranked, func(i, j int) bool { return r.ranked[i].Rank < r.ranked[j].Rank })
	return r
}

// Steps returns the numbered steps in order.
func (r *Registry) Steps() []Step { return r.steps }

// Overview returns the Overview page, if registered.
func (r *Registry) Overview() (Step, bool) {
	if r.overview == nil {
		return Step{}, false
	}
	return *r.overview, true
}

// Step returns the page with id (a numbered step or the Overview).
func (r *Registry) Step(id StepID) (Step, bool) {
	if r.overview != nil && id == PageOverview {
		return *r.overview, true
	}
	for _, s := range r.steps {
		if s.ID == id {
			return s, true
		}
	}
	return Step{}, false
}

// Tables returns every declared content table in step order, so that a
// table that links to another comes after it, and then the plan's
// branding.
func (r *Registry) Tables() []Table {
	var out []Table
	for _, s := range r.steps {
		out = append(out, s.Tables...)
	}
	return append(out, BrandingTable)
}

// Status returns the completion state of the step with id for pd.
func (r *Registry) Status(id StepID, pd *PlanData) Status {
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

// Compute fills pd.Figures: the core figures first (forecast over the plan
// period, plausibility), then each step's figures in rank order, then the
// completion state of every step. Pages, the PDF, the JSON and the
// dashboard read pd.Figures and never recompute.
func (r *Registry) Compute(pd *PlanData) {
	pd.Figures = baseFigures(pd)
	for _, s := range r.ranked {
		if s.Figures != nil {
			s.Figures(pd)
		}
	}
	pd.Figures.Status = map[StepID]Status{}
	for _, s := range r.steps {
		st := r.Status(s.ID, pd)
		pd.Figures.Status[s.ID] = st
		pd.Figures.Progress = append(pd.Figures.Progress, StepProgress{ID: s.ID, Number: s.Number, Title: s.Title, Status: st})
	}
}

// PendingStep is a step whose content a later release builds: it shows its
// Pending line, is never complete, and says so in the PDF and JSON.
func PendingStep(id StepID, n int, title, nav, guidance, pending string) Step {
	return Step{
		ID: id, Number: n, Title: title, Nav: nav, Guidance: guidance, Pending: pending,
		Completion: func(*PlanData) Status { return NotStarted },
		Section: func(r *report.Report, pd *PlanData) error {
			r.Paragraph(guidance)
			r.Note("Not written yet. This section will hold: " + pending)
			return nil
		},
		Show: func(*PlanData) any { return PendingJSON{Pending: pending} },
	}
}

// PendingJSON is the JSON view of a step not built yet.
type PendingJSON struct {
	Pending string `json:"pending"`
}

// PlanStatus summarises the steps: complete when every step is, not
// started when none is started, else in progress.
func (r *Registry) PlanStatus(pd *PlanData) Status {
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
