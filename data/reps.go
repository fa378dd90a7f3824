package data

import (
	"context"
	"database/sql"

	"salesplan/app"
)

// RepCount counts the salespeople with sales in the last 12 months of the
// scope's history.
func (db *DB) RepCount(ctx context.Context, businessID string, scope app.Scope) (int, error) {
	where, args := scopeWhere(scope)
	var n int
	err := db.view(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(DISTINCT salesperson) FROM sales_monthly WHERE business_id = ? AND salesperson <> ''
			AND month > (SELECT printf('%04d-%02d', (y*12 + m - 13) / 12, (y*12 + m - 13) % 12 + 1) FROM
			(SELECT CAST(substr(max(month),1,4) AS INTEGER) AS y, CAST(substr(max(month),6,2) AS INTEGER) AS m FROM sales_monthly WHERE business_id = ?))`+where,
			append([]any{businessID, businessID}, args...)...).Scan(&n)
	})
	return n, err
}
