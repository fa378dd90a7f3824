package data

import (
	"context"
	"database/sql"

	"salesplan/app"
)

// snapshotKey carries the read transaction of ReadPlan in a context, so
// that every read made inside it sees the same snapshot.
type snapshotKey struct{}

// ReadPlan runs fn on one read snapshot: every read fn makes through the
// reader sees the workspace as it was when ReadPlan began, even while
// another process writes.
func (db *DB) ReadPlan(ctx context.Context, fn func(app.PlanReader) error) error {
	if _, ok := ctx.Value(snapshotKey{}).(*sql.Tx); ok {
		return fn(snapshot{db: db, ctx: ctx})
	}
	return db.view(ctx, func(tx *sql.Tx) error {
		return fn(snapshot{db: db, ctx: context.WithValue(ctx, snapshotKey{}, tx)})
	})
}

// snapshot is the store seen through one read transaction.
type snapshot struct {
	db  *DB
	ctx context.Context // carries the transaction
}

func (s snapshot) Plan(_ context.Context, id string) (app.Plan, error) { return s.db.Plan(s.ctx, id) }

func (s snapshot) Business(_ context.Context, id string) (app.Business, error) {
	return s.db.Business(s.ctx, id)
}

func (s snapshot) MonthlyRevenue(_ context.Context, businessID string, scope app.Scope) (app.MonthlySeries, error) {
	return s.db.MonthlyRevenue(s.ctx, businessID, scope)
}

func (s snapshot) HistoryRows(_ context.Context, businessID string) (int64, error) {
	return s.db.HistoryRows(s.ctx, businessID)
}

func (s snapshot) RepCount(_ context.Context, businessID string, scope app.Scope) (int, error) {
	return s.db.RepCount(s.ctx, businessID, scope)
}

func (s snapshot) Rows(_ context.Context, table, planID string, dst any) error {
	return s.db.Rows(s.ctx, table, planID, dst)
}

// MonthlyRevenueBy reads the monthly revenue per value of dim inside the
// snapshot: the S&OP step (app/sop) reads its product groups' histories
// this way while it loads.
func (s snapshot) MonthlyRevenueBy(_ context.Context, businessID string, scope app.Scope, dim app.Dimension) ([]string, map[string]app.MonthlySeries, error) {
	return s.db.MonthlyRevenueBy(s.ctx, businessID, scope, dim)
}

// GroupSales reads the revenue and quantity per product group inside the
// snapshot (the S&OP step's average prices).
func (s snapshot) GroupSales(_ context.Context, businessID string, scope app.Scope, from app.Month) (map[string]int64, map[string]float64, error) {
	return s.db.GroupSales(s.ctx, businessID, scope, from)
}
