package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"salesplan/app"
)

// scopeWhere returns the SQL condition and arguments that filter roll-ups by
// a plan scope.
func scopeWhere(s app.Scope) (string, []any) {
	var cond []string
	var args []any
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		cond = append(cond, col+" IN ("+strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in("product_group", s.ProductGroups)
	in("region", s.Regions)
	if len(cond) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(cond, " AND "), args
}

// MonthlyRevenue returns the business's revenue per month within the scope,
// from its first to its last month of history; months without sales are 0.
// An empty history gives an empty series.
func (db *DB) MonthlyRevenue(ctx context.Context, businessID string, scope app.Scope) (app.MonthlySeries, error) {
	var s app.MonthlySeries
	where, args := scopeWhere(scope)
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT month, sum(amount) FROM sales_monthly WHERE business_id = ?`+where+` GROUP BY month ORDER BY month`,
			append([]any{businessID}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ms string
			var v int64
			if err := rows.Scan(&ms, &v); err != nil {
				return err
			}
			m, err := app.ParseMonth(ms)
			if err != nil {
				return err
			}
			if len(s.Values) == 0 {
				s.Start = m
			}
			for s.End() < m-1 {
				s.Values = append(s.Values, 0)
			}
			s.Values = append(s.Values, v)
		}
		return rows.Err()
	})
	return s, err
}

// HistoryRows counts a business's history rows.
func (db *DB) HistoryRows(ctx context.Context, businessID string) (int64, error) {
	var n int64
	err := db.view(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT coalesce(sum(rows),0) FROM sales_monthly WHERE business_id=?`, businessID).Scan(&n)
	})
	return n, err
}

// ScopeOptions lists the product groups and regions found in a business's
// history, for the scope pickers.
func (db *DB) ScopeOptions(ctx context.Context, businessID string) (groups, regions []string, err error) {
	err = db.view(ctx, func(tx *sql.Tx) error {
		for _, q := range []struct {
			col string
			out *[]string
		}{{"product_group", &groups}, {"region", &regions}} {
			rows, err := tx.QueryContext(ctx, `SELECT DISTINCT `+q.col+` FROM sales_monthly WHERE business_id=? AND `+q.col+` <> '' ORDER BY 1`, businessID)
			if err != nil {
				return err
			}
			for rows.Next() {
				var v string
				if err := rows.Scan(&v); err != nil {
					rows.Close()
					return err
				}
				*q.out = append(*q.out, v)
			}
			rows.Close()
		}
		return nil
	})
	return groups, regions, err
}

// Setting returns a workspace setting, or def when it is unset. Any other
// failure to read it is returned.
func (db *DB) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := db.view(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key=?`, key).Scan(&v)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return def, err
	}
	return v, nil
}

// SetSetting stores a workspace setting.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	return db.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value`, key, value)
		return err
	})
}

// MonthlyRevenueBy returns the monthly revenue within scope for each value
// of dim (product group, region or salesperson), all on the common month
// range of the business's history; keys are sorted.
func (db *DB) MonthlyRevenueBy(ctx context.Context, businessID string, scope app.Scope, dim app.Dimension) ([]string, map[string]app.MonthlySeries, error) {
	switch dim {
	case app.DimGroup, app.DimRegion, app.DimSalesperson:
	default:
		return nil, nil, app.Errorf(app.ErrInvalid, "Cannot split the history by %q; use product groups, regions or salespeople.", dim)
	}
	total, err := db.MonthlyRevenue(ctx, businessID, scope)
	if err != nil || len(total.Values) == 0 {
		return nil, nil, err
	}
	where, args := scopeWhere(scope)
	out := map[string]app.MonthlySeries{}
	var keys []string
	err = db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+string(dim)+`, month, sum(amount) FROM sales_monthly WHERE business_id = ?`+where+
			` GROUP BY 1, 2 ORDER BY 1, 2`, append([]any{businessID}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var key, ms string
			var v int64
			if err := rows.Scan(&key, &ms, &v); err != nil {
				return err
			}
			if key == "" {
				key = "(not given)"
			}
			s, ok := out[key]
			if !ok {
				s = app.MonthlySeries{Start: total.Start, Values: make([]int64, len(total.Values))}
				keys = append(keys, key)
			}
			m, err := app.ParseMonth(ms)
			if err != nil {
				return err
			}
			s.Values[int(m-total.Start)] += v
			out[key] = s
		}
		return rows.Err()
	})
	return keys, out, err
}

// HistoryLastDay returns the last day with sales in the business's history
// (zero when there is none).
func (db *DB) HistoryLastDay(ctx context.Context, businessID string) (time.Time, error) {
	var d sql.NullInt64
	err := db.view(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT max(day) FROM sales WHERE batch_id IN (SELECT id FROM import_batches WHERE business_id = ?)`, businessID).Scan(&d)
	})
	if err != nil || !d.Valid {
		return time.Time{}, err
	}
	return dayOf(d.Int64), nil
}

// HistoryVersion changes whenever a business's history changes (an import
// or a replacement); caches of derived figures key on it.
func (db *DB) HistoryVersion(ctx context.Context, businessID string) (string, error) {
	var v string
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = historyVersion(ctx, tx, businessID)
		return err
	})
	return v, err
}

// historyVersion is HistoryVersion in the transaction tx.
func historyVersion(ctx context.Context, tx *sql.Tx, businessID string) (string, error) {
	var n, maxID, rows int64
	err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(id),0), coalesce(sum(rows),0) FROM import_batches WHERE business_id = ?`, businessID).Scan(&n, &maxID, &rows)
	return fmt.Sprintf("%d.%d.%d", n, maxID, rows), err
}

// GroupSales returns, per product group within scope, the revenue and the
// quantity sold from month from on: the S&OP step derives each group's
// average price from them when none is entered.
func (db *DB) GroupSales(ctx context.Context, businessID string, scope app.Scope, from app.Month) (map[string]int64, map[string]float64, error) {
	amounts, quantities := map[string]int64{}, map[string]float64{}
	where, args := scopeWhere(scope)
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT product_group, sum(amount), sum(quantity) FROM sales_monthly WHERE business_id = ? AND month >= ?`+
			where+` GROUP BY 1 ORDER BY 1`, append([]any{businessID, from.String()}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var g string
			var a int64
			var q float64
			if err := rows.Scan(&g, &a, &q); err != nil {
				return err
			}
			if g == "" {
				g = "(not given)"
			}
			amounts[g], quantities[g] = a, q
		}
		return rows.Err()
	})
	return amounts, quantities, err
}
