package data

import (
	"context"
	"database/sql"

	"salesplan/app"
)

// TopN ranks the values of dim by revenue within scope between the months
// from and to (inclusive), returning the n largest and the period total.
func (db *DB) TopN(ctx context.Context, businessID string, scope app.Scope, dim app.Dimension, from, to app.Month, n int) ([]app.Ranked, int64, error) {
	col := string(dim)
	switch dim {
	case app.DimProduct, app.DimRegion, app.DimCustomer, app.DimSalesperson, app.DimGroup:
	default:
		return nil, 0, app.Errorf(app.ErrInvalid, "Cannot rank by %q.", dim)
	}
	// Regions, groups and salespeople are in the roll-ups; products and
	// customers need the rows.
	var q string
	var args []any
	if dim == app.DimProduct || dim == app.DimCustomer {
		lo, hi := monthBounds(from.String(), to.String())
		where, wargs := rowScopeWhere(businessID, scope)
		args = append([]any{businessID, lo, hi}, wargs...)
		q = `SELECT n.name, sum(s.amount) FROM sales s JOIN sales_names n ON n.id = s.` + col + `
			WHERE s.batch_id IN (SELECT id FROM import_batches WHERE business_id = ?)
			AND s.day BETWEEN ? AND ?` + where + ` GROUP BY s.` + col
	} else {
		where, wargs := scopeWhere(scope)
		args = append([]any{businessID, from.String(), to.String()}, wargs...)
		q = `SELECT ` + col + `, sum(amount) FROM sales_monthly WHERE business_id = ? AND month BETWEEN ? AND ?` + where + ` GROUP BY 1`
	}
	var out []app.Ranked
	var total int64
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT * FROM (`+q+`) ORDER BY 2 DESC, 1`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r app.Ranked
			if err := rows.Scan(&r.Key, &r.Amount); err != nil {
				return err
			}
			total += r.Amount
			if len(out) < n {
				if r.Key == "" {
					r.Key = "(not given)"
				}
				out = append(out, r)
			}
		}
		return rows.Err()
	})
	if total != 0 {
		for i := range out {
			out[i].Share = float64(out[i].Amount) / float64(total)
		}
	}
	return out, total, err
}

// Summary computes the situation summary of a plan's history: years,
// seasonality and the top 10 lists of the last 12 months.
func (db *DB) Summary(ctx context.Context, businessID string, scope app.Scope, history app.MonthlySeries) (app.Summary, error) {
	s := app.Summary{Years: app.YearTotals(history), Seasonality: app.SeasonalityIndex(history), Top: map[app.Dimension][]app.Ranked{}}
	from, to, ok := app.LastYearWindow(history)
	if !ok {
		return s, nil
	}
	s.From, s.To = from, to
	for _, dim := range []app.Dimension{app.DimProduct, app.DimRegion, app.DimCustomer, app.DimSalesperson} {
		top, total, err := db.TopN(ctx, businessID, scope, dim, from, to, 10)
		if err != nil {
			return s, err
		}
		s.Top[dim] = top
		if dim == app.DimCustomer && total > 0 {
			var sum int64
			for _, r := range top {
				sum += r.Amount
			}
			s.Top10Share = float64(sum) / float64(total)
		}
	}
	return s, nil
}

// CustomerBaselines returns, for the 12 months ending with end, the number
// of new customers (first purchase in those months) and the retention: the
// share of the customers of the 12 months before who bought again. ok is
// false when the history does not reach back far enough for retention.
func (db *DB) CustomerBaselines(ctx context.Context, businessID string, scope app.Scope, end app.Month) (newCustomers int64, retentionBP int64, retentionOK bool, err error) {
	lo, hi := monthBounds(end.Add(-11).String(), end.String())
	plo, phi := monthBounds(end.Add(-23).String(), end.Add(-12).String())
	where, wargs := rowScopeWhere(businessID, scope)
	batches := `s.batch_id IN (SELECT id FROM import_batches WHERE business_id = ?)`
	err = db.view(ctx, func(tx *sql.Tx) error {
		var first sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT min(s.day) FROM sales s WHERE `+batches+where, append([]any{businessID}, wargs...)...).Scan(&first); err != nil {
			return err
		}
		args := append([]any{businessID, lo, hi}, wargs...)
		args = append(args, businessID, lo)
		args = append(args, wargs...)
		if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT s.customer) FROM sales s WHERE `+batches+` AND s.day BETWEEN ? AND ?`+where+`
			AND s.customer NOT IN (SELECT s.customer FROM sales s WHERE `+batches+` AND s.day < ?`+where+`)`, args...).Scan(&newCustomers); err != nil {
			return err
		}
		if !first.Valid || first.Int64/100 > plo/100 { // the previous year must be covered from its first month
			return nil
		}
		var prev, kept int64
		pargs := append([]any{businessID, plo, phi}, wargs...)
		if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT s.customer) FROM sales s WHERE `+batches+` AND s.day BETWEEN ? AND ?`+where, pargs...).Scan(&prev); err != nil {
			return err
		}
		kargs := append(append([]any{}, pargs...), businessID, lo, hi)
		kargs = append(kargs, wargs...)
		if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT s.customer) FROM sales s WHERE `+batches+` AND s.day BETWEEN ? AND ?`+where+`
			AND s.customer IN (SELECT s.customer FROM sales s WHERE `+batches+` AND s.day BETWEEN ? AND ?`+where+`)`, kargs...).Scan(&kept); err != nil {
			return err
		}
		if prev > 0 {
			retentionBP, retentionOK = app.RoundDiv(kept*10000, prev), true
		}
		return nil
	})
	return newCustomers, retentionBP, retentionOK, err
}
