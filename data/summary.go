package data

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"salesplan/app"
)

// TopN ranks the values of dim by revenue within scope between the months
// from and to (inclusive), returning the n largest and the period total.
func (db *DB) TopN(ctx context.Context, businessID string, scope app.Scope, dim app.Dimension, from, to app.Month, n int) ([]app.Ranked, int64, error) {
	var out []app.Ranked
	var total int64
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		out, total, err = topNTx(ctx, tx, businessID, scope, dim, from, to, n)
		return err
	})
	return out, total, err
}

// topNTx is TopN in the transaction tx.
func topNTx(ctx context.Context, tx *sql.Tx, businessID string, scope app.Scope, dim app.Dimension, from, to app.Month, n int) ([]app.Ranked, int64, error) {
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
	rows, err := tx.QueryContext(ctx, `SELECT * FROM (`+q+`) ORDER BY 2 DESC, 1`, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var r app.Ranked
		if err := rows.Scan(&r.Key, &r.Amount); err != nil {
			return nil, 0, err
		}
		total += r.Amount
		if len(out) < n {
			if r.Key == "" {
				r.Key = "(not given)"
			}
			out = append(out, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	shares(out, total)
	return out, total, nil
}

// shares sets the share of the total of each entry.
func shares(out []app.Ranked, total int64) {
	if total != 0 {
		for i := range out {
			out[i].Share = float64(out[i].Amount) / float64(total)
		}
	}
}

// cachedTopN returns the cached ranking of dim (product or customer) for a
// plan without scope over from..to, when the cache matches the history.
func (db *DB) cachedTopN(ctx context.Context, businessID string, scope app.Scope, dim app.Dimension, from, to app.Month, n int) ([]app.Ranked, int64, bool) {
	if len(scope.ProductGroups) > 0 || len(scope.Regions) > 0 || n > summaryTopN || dim != app.DimProduct && dim != app.DimCustomer {
		return nil, 0, false
	}
	var raw, version string
	err := db.view(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, summaryCacheKey(businessID)).Scan(&raw); err != nil {
			return err
		}
		var err error
		version, err = historyVersion(ctx, tx, businessID)
		return err
	})
	if err != nil {
		return nil, 0, false
	}
	var c summaryCache
	if json.Unmarshal([]byte(raw), &c) != nil || c.Version != version || c.From != from.String() || c.To != to.String() {
		return nil, 0, false
	}
	t := c.Product
	if dim == app.DimCustomer {
		t = c.Customer
	}
	out := append([]app.Ranked(nil), t.Top[:min(n, len(t.Top))]...)
	shares(out, t.Total)
	return out, t.Total, true
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
		top, total, ok := db.cachedTopN(ctx, businessID, scope, dim, from, to, 10)
		if !ok {
			var err error
			if top, total, err = db.TopN(ctx, businessID, scope, dim, from, to, 10); err != nil {
				return s, err
			}
		}
		if len(top) == 1 && top[0].Key == "(not given)" {
			continue // the files had no such column: no list to rank
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

// The situation summary's top lists of products and customers need the
// sales rows of the last 12 months (0.4 s at 2M rows), unlike the roll-ups
// by region and salesperson. For a plan without a scope they are kept
// ready: each import computes them for the business in its transaction
// and stores them in the settings under summaryCacheKey, stamped with the
// history version and the 12-month window; Summary uses them while both
// still match. An import into a business without other history gets them
// from totals per month and name gathered while its rows went in (no
// second pass over the rows); otherwise they are queried in the
// transaction.

// summaryCacheKey is the settings key of a business's cached top lists.
func summaryCacheKey(businessID string) string { return "summary.top." + businessID }

// summaryTopN is how many entries each cached list keeps.
const summaryTopN = 10

// cachedTop is one cached ranking: the first summaryTopN and the total.
type cachedTop struct {
	Top   []app.Ranked `json:"top"`
	Total int64        `json:"total"`
}

// summaryCache is what the settings hold.
type summaryCache struct {
	Version  string    `json:"version"`
	From     string    `json:"from"`
	To       string    `json:"to"`
	Product  cachedTop `json:"product"`
	Customer cachedTop `json:"customer"`
}

// nameTotals gathers the amounts per month and name ID of products and
// customers while an import's rows go in, in slices indexed by ID − base
// (the IDs of one business's names are close together).
type nameTotals struct {
	base   int64 // the lowest name ID of the business (or the next new one)
	months map[int32]*monthTotals
	last   int32 // a one-entry cache: the rows of a sorted chunk come month by month
	lastM  *monthTotals
	off    bool // the IDs spread too far: the totals are not used
}

// monthTotals is one month of nameTotals, by kind.
type monthTotals struct {
	amount [2][]int64
	seen   [2][]bool
}

// maxTotalsWidth bounds the ID range nameTotals indexes (8 MB per month
// and kind at most); beyond it the top lists are queried instead.
const maxTotalsWidth = 1 << 20

// newNameTotals returns totals for IDs from base.
func newNameTotals(base int64) *nameTotals {
	return &nameTotals{base: base, months: map[int32]*monthTotals{}, last: -1}
}

// add counts a sale's amount for its product and customer.
func (n *nameTotals) add(month int32, product, customer int64, amount int64) {
	if n.off {
		return
	}
	m := n.lastM
	if month != n.last {
		if m = n.months[month]; m == nil {
			m = &monthTotals{}
			n.months[month] = m
		}
		n.last, n.lastM = month, m
	}
	for k, id := range [2]int64{product, customer} {
		i := id - n.base
		if i < 0 || i >= maxTotalsWidth {
			n.off = true
			return
		}
		if int(i) >= len(m.amount[k]) {
			grow := max(int(i)+1, 2*len(m.amount[k]))
			m.amount[k] = append(m.amount[k], make([]int64, grow-len(m.amount[k]))...)
			m.seen[k] = append(m.seen[k], make([]bool, grow-len(m.seen[k]))...)
		}
		m.amount[k][i] += amount
		m.seen[k][i] = true
	}
}

// top ranks the names of kind (nameProduct or nameCustomer) over the
// months from..to (year*100+month): the IDs of the first summaryTopN and
// of the names tied with the last of them, their amounts and the total.
func (n *nameTotals) top(kind int, from, to int32) (ids []int64, amounts []int64, total int64) {
	k := 0
	if kind == nameCustomer {
		k = 1
	}
	var sums []int64
	var seen []bool
	for month, m := range n.months {
		if month < from || month > to {
			continue
		}
		if len(m.amount[k]) > len(sums) {
			sums = append(sums, make([]int64, len(m.amount[k])-len(sums))...)
			seen = append(seen, make([]bool, len(m.seen[k])-len(seen))...)
		}
		for i, v := range m.amount[k] {
			sums[i] += v
			seen[i] = seen[i] || m.seen[k][i]
		}
	}
	var idx []int
	for i, ok := range seen {
		if ok {
			idx = append(idx, i)
			total += sums[i]
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(sums[b], sums[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if len(idx) > summaryTopN {
		// Keep the names tied with the last one: the final order breaks
		// ties by name, which is not known here.
		cut := summaryTopN
		for cut < len(idx) && sums[idx[cut]] == sums[idx[summaryTopN-1]] {
			cut++
		}
		idx = idx[:cut]
	}
	for _, i := range idx {
		ids = append(ids, n.base+int64(i))
		amounts = append(amounts, sums[i])
	}
	return ids, amounts, total
}

// updateSummaryCache computes and stores the business's cached top lists
// in the import transaction tx; totals are the import's totals per month
// and name when the import is the business's only history, else nil.
func updateSummaryCache(ctx context.Context, tx *sql.Tx, businessID string, totals *nameTotals) error {
	if totals != nil && totals.off {
		totals = nil
	}
	var lo, hi sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT min(month), max(month) FROM sales_monthly WHERE business_id = ?`, businessID).Scan(&lo, &hi); err != nil {
		return err
	}
	key := summaryCacheKey(businessID)
	if !lo.Valid {
		_, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, key)
		return err
	}
	first, err := app.ParseMonth(lo.String)
	if err != nil {
		return err
	}
	last, err := app.ParseMonth(hi.String)
	if err != nil {
		return err
	}
	from, to, _ := app.LastYearWindow(app.MonthlySeries{Start: first, Values: make([]int64, int(last-first)+1)})
	c := summaryCache{From: from.String(), To: to.String()}
	if c.Version, err = historyVersion(ctx, tx, businessID); err != nil {
		return err
	}
	for _, d := range []struct {
		dim  app.Dimension
		kind int
		out  *cachedTop
	}{{app.DimProduct, nameProduct, &c.Product}, {app.DimCustomer, nameCustomer, &c.Customer}} {
		if totals == nil {
			top, total, err := topNTx(ctx, tx, businessID, app.Scope{}, d.dim, from, to, summaryTopN)
			if err != nil {
				return err
			}
			*d.out = cachedTop{Top: top, Total: total}
			continue
		}
		ids, amounts, total := totals.top(d.kind, monthNumber(from), monthNumber(to))
		top := make([]app.Ranked, len(ids))
		for i, id := range ids {
			if err := tx.QueryRowContext(ctx, `SELECT name FROM sales_names WHERE id = ?`, id).Scan(&top[i].Key); err != nil {
				return err
			}
			top[i].Amount = amounts[i]
		}
		// The same order as the query's: amount descending, then name.
		slices.SortStableFunc(top, func(a, b app.Ranked) int {
			if c := cmp.Compare(b.Amount, a.Amount); c != 0 {
				return c
			}
			return cmp.Compare(a.Key, b.Key)
		})
		top = top[:min(len(top), summaryTopN)]
		for i := range top {
			if top[i].Key == "" {
				top[i].Key = "(not given)"
			}
		}
		*d.out = cachedTop{Top: top, Total: total}
	}
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, string(b))
	return err
}

// monthNumber is year*100+month of m.
func monthNumber(m app.Month) int32 {
	n, _ := strconv.Atoi(strings.ReplaceAll(m.String(), "-", ""))
	return int32(n)
}
