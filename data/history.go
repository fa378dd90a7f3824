package data

import (
	"context"
	"database/sql"
	"strings"

	"salesplan/app"
)

// rollupKey identifies one roll-up row.
type rollupKey struct {
	month, group, region, rep string
}

type rollupVal struct {
	amount int64
	qty    float64
	rows   int64
}

// ImportHistory adds rows to a business's sales history as one batch, in one
// transaction with the monthly roll-ups: all rows or none. It is the only
// way history is written (the demo uses it too).
func (db *DB) ImportHistory(ctx context.Context, batch app.ImportBatch, rows []app.Sale) (app.ImportBatch, error) {
	if _, err := db.Business(ctx, batch.BusinessID); err != nil {
		return batch, err
	}
	batch.ImportedAt = db.Now()
	batch.Rows = len(rows)
	err := db.update(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO import_batches (business_id, source, sha256, imported_at, rows) VALUES (?,?,?,?,?)`,
			batch.BusinessID, batch.Source, batch.SHA256, timeText(batch.ImportedAt), batch.Rows)
		if err != nil {
			return err
		}
		batch.ID, _ = res.LastInsertId()
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO sales (batch_id, source_line, business_id, day, amount, quantity, product,
			product_group, region, customer, salesperson, channel) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		roll := map[rollupKey]*rollupVal{}
		for i, r := range rows {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if _, err := stmt.ExecContext(ctx, batch.ID, r.Line, batch.BusinessID, r.Date.Format("2006-01-02"), r.Amount, r.Quantity,
				r.Product, r.Group, r.Region, r.Customer, r.Salesperson, r.Channel); err != nil {
				return err
			}
			k := rollupKey{app.MonthOf(r.Date).String(), r.Group, r.Region, r.Salesperson}
			v := roll[k]
			if v == nil {
				v = &rollupVal{}
				roll[k] = v
			}
			v.amount += r.Amount
			v.qty += r.Quantity
			v.rows++
		}
		up, err := tx.PrepareContext(ctx, `INSERT INTO sales_monthly (business_id, month, product_group, region, salesperson, amount, quantity, rows)
			VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET amount = amount + excluded.amount,
			quantity = quantity + excluded.quantity, rows = rows + excluded.rows`)
		if err != nil {
			return err
		}
		defer up.Close()
		for k, v := range roll {
			if _, err := up.ExecContext(ctx, batch.BusinessID, k.month, k.group, k.region, k.rep, v.amount, v.qty, v.rows); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return batch, err
	}
	return batch, nil
}

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

// Setting returns a workspace setting, or def when unset.
func (db *DB) Setting(ctx context.Context, key, def string) string {
	var v string
	err := db.view(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key=?`, key).Scan(&v)
	})
	if err != nil {
		return def
	}
	return v
}

// SetSetting stores a workspace setting.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	return db.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value`, key, value)
		return err
	})
}
