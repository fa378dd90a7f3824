package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"salesplan/app"
)

// Kinds of names in sales_names.
const (
	nameProduct = 1 + iota
	nameGroup
	nameRegion
	nameCustomer
	nameSalesperson
	nameChannel
)

// nameTable hands out the IDs of a business's names during an import,
// inserting new ones.
type nameTable struct {
	ctx        context.Context
	tx         *sql.Tx
	businessID string
	ids        [nameChannel + 1]map[string]int64 // by kind
	names      [nameChannel + 1]map[int64]string // by kind, built by name after the rows are in
	insert     *sql.Stmt
}

func newNameTable(ctx context.Context, tx *sql.Tx, businessID string) (*nameTable, error) {
	t := &nameTable{ctx: ctx, tx: tx, businessID: businessID}
	for k := range t.ids {
		t.ids[k] = map[string]int64{}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, kind, name FROM sales_names WHERE business_id = ?`, businessID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var kind int
		var name string
		if err := rows.Scan(&id, &kind, &name); err != nil {
			rows.Close()
			return nil, err
		}
		if kind > 0 && kind < len(t.ids) {
			t.ids[kind][name] = id
		}
	}
	rows.Close()
	if t.insert, err = tx.PrepareContext(ctx, `INSERT INTO sales_names (business_id, kind, name) VALUES (?,?,?)`); err != nil {
		return nil, err
	}
	return t, nil
}

// id returns the ID of name, adding it when new.
func (t *nameTable) id(kind int, name string) (int64, error) {
	if id, ok := t.ids[kind][name]; ok {
		return id, nil
	}
	res, err := t.insert.ExecContext(t.ctx, t.businessID, kind, name)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	t.ids[kind][name] = id
	return id, err
}

// name returns the name of id of kind (one the table handed out).
func (t *nameTable) name(kind int, id int64) string {
	if t.names[kind] == nil {
		t.names[kind] = make(map[int64]string, len(t.ids[kind]))
		for n, i := range t.ids[kind] {
			t.names[kind][i] = n
		}
	}
	return t.names[kind][id]
}

func (t *nameTable) close() { t.insert.Close() }

// dayNumber is the YYYYMMDD integer of a day.
func dayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return int64(y*10000 + int(m)*100 + d)
}

// dayOf turns a YYYYMMDD integer back into a day.
func dayOf(n int64) time.Time {
	return time.Date(int(n/10000), time.Month(n/100%100), int(n%100), 0, 0, 0, 0, time.UTC)
}

// monthBounds returns the YYYYMMDD range of the months from..to ("YYYY-MM").
func monthBounds(from, to string) (int64, int64) {
	f, _ := strconv.Atoi(strings.ReplaceAll(from, "-", ""))
	l, _ := strconv.Atoi(strings.ReplaceAll(to, "-", ""))
	return int64(f)*100 + 1, int64(l)*100 + 31
}

// rowScopeWhere filters sales rows (integer name columns) by a plan scope.
func rowScopeWhere(businessID string, s app.Scope) (string, []any) {
	var cond []string
	var args []any
	in := func(col string, kind int, vals []string) {
		if len(vals) == 0 {
			return
		}
		cond = append(cond, col+` IN (SELECT id FROM sales_names WHERE business_id = ? AND kind = ? AND name IN (`+
			strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")+`))`)
		args = append(args, businessID, kind)
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in("s.product_group", nameGroup, s.ProductGroups)
	in("s.region", nameRegion, s.Regions)
	if len(cond) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(cond, " AND "), args
}
