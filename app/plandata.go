package app

import (
	"context"
	"fmt"
)

// Table declares one table of plan content rows, once, for the store: list,
// insert, update, reorder, soft delete, restore, the Trash,
// copy-to-next-period and the currency guard all work from it.
//
// Row is a zero value of the row struct. Its fields carry `db:"column"`
// tags; `id` (string) and `plan_id` (string) are required, `position` (int)
// orders the rows. Options after a comma: `money` (an amount in minor units
// of the plan currency), `links` (a []string of IDs of rows declared
// before; remapped when a plan is copied), `exclusive` (a bool that is true
// on at most one row of a plan: setting it clears the others). Fields of
// type Month or *Month are stored as "YYYY-MM" ("" for nil) and shifted by
// copy-to-next-period; []string and other slices or structs are stored as
// JSON; *int64 as a nullable integer.
type Table struct {
	Name string
	Row  any
	// Group names a column within which positions count (the SWOT
	// quadrant); "" counts over the plan.
	Group string
	// OnePerPlan keeps at most one live row per plan (the schema has a
	// unique index too): saving a new row updates the existing one.
	OnePerPlan bool
	// MoneyWhere is an SQL condition under which the money columns hold
	// amounts of the plan currency ("" = always), e.g. "kind = 'revenue'".
	MoneyWhere string
	// NotCopied leaves the table out when a plan is copied into the next
	// period: its rows belong to the period itself (the actual expenses).
	NotCopied bool
	// Log marks a record of what happened (the team's activity log and
	// customer polls): its rows stay with their plan and are not copied
	// into the plan of the next period (as NotCopied). Its rows are
	// only ever added or deleted, never edited.
	Log bool
}

// ContentReader reads a plan's live rows of a declared table, in position
// order, into dst (a pointer to a slice of the table's row struct).
type ContentReader interface {
	Rows(ctx context.Context, table, planID string, dst any) error
}

// ContentWriter is what step content is written through (the store).
type ContentWriter interface {
	UpdatePlan(ctx context.Context, p Plan) (Plan, error)
	// SaveRow adds (empty ID) or updates a row of a declared table; row is
	// a pointer, whose ID and position are filled in on insert.
	SaveRow(ctx context.Context, table string, row any) error
}

// PlanReader is what loading a plan reads, all inside one snapshot.
type PlanReader interface {
	ContentReader
	Plan(ctx context.Context, id string) (Plan, error)
	Business(ctx context.Context, id string) (Business, error)
	MonthlyRevenue(ctx context.Context, businessID string, scope Scope) (MonthlySeries, error)
	HistoryRows(ctx context.Context, businessID string) (int64, error)
	RepCount(ctx context.Context, businessID string, scope Scope) (int, error)
}

// PlanSource runs fn on one read snapshot of the store.
type PlanSource interface {
	ReadPlan(ctx context.Context, fn func(PlanReader) error) error
}

// PlanData is everything the steps read to judge completion, show JSON and
// write their PDF section: the plan, its business, its history, each step's
// content and the plan's figures.
type PlanData struct {
	Plan        Plan
	Business    Business
	History     MonthlySeries // revenue per month within the plan's scope
	HistoryRows int64
	Locale      Locale
	Currency    Currency
	Reps        int // salespeople in the last 12 months of the scope's history

	// Filled on demand (they take longer): the situation summary and the
	// forecast of the scope's total. Nil when not loaded or no history.
	Summary  *Summary
	Forecast *ForecastOutput
	// GroupForecast is the engine's forecast of each product group of the
	// scope (S&OP demand); nil when not loaded.
	GroupForecast *ForecastOutput

	// Branding is how the plan's PDF presents itself (zero: none).
	Branding Branding

	// Figures are computed once from all of the above by Registry.Compute.
	Figures Figures

	content map[StepID]any
}

// ContentOf returns step id's content of pd, creating an empty one on first
// use. Steps wrap it in a typed accessor (situation.Of(pd)). Copies of a
// PlanData share their content.
func ContentOf[T any](pd *PlanData, id StepID) *T {
	if pd.content == nil {
		pd.content = map[StepID]any{}
	}
	if c, ok := pd.content[id].(*T); ok {
		return c
	}
	c := new(T)
	pd.content[id] = c
	return c
}

// LoadPlanData reads everything the pages of one plan need, in one read
// snapshot: the plan, its business and history, and each step's content
// through the step's own loader; then it computes the figures. loc is the
// person's locale unless the plan names its own.
func LoadPlanData(ctx context.Context, src PlanSource, reg *Registry, planID string, loc Locale) (PlanData, error) {
	var pd PlanData
	err := src.ReadPlan(ctx, func(r PlanReader) error {
		p, err := r.Plan(ctx, planID)
		if err != nil {
			return err
		}
		b, err := r.Business(ctx, p.BusinessID)
		if err != nil {
			return err
		}
		h, err := r.MonthlyRevenue(ctx, b.ID, p.Scope)
		if err != nil {
			return err
		}
		n, err := r.HistoryRows(ctx, b.ID)
		if err != nil {
			return err
		}
		cur, err := LookupCurrency(p.Currency)
		if err != nil {
			return err
		}
		reps, err := r.RepCount(ctx, b.ID, p.Scope)
		if err != nil {
			return err
		}
		if p.Locale != "" {
			loc = LocaleFor(p.Locale)
		}
		pd = PlanData{Plan: p, Business: b, History: h, HistoryRows: n, Locale: loc, Currency: cur, Reps: reps}
		for _, s := range reg.ranked {
			if s.Load == nil {
				continue
			}
			if err := s.Load(ctx, r, &pd); err != nil {
				return fmt.Errorf("loading %s: %w", s.Title, err)
			}
		}
		if err := loadBranding(ctx, r, &pd); err != nil {
			return fmt.Errorf("loading the branding: %w", err)
		}
		return nil
	})
	if err != nil {
		return PlanData{}, err
	}
	reg.Compute(&pd)
	return pd, nil
}
