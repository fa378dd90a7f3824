package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"salesplan/app"
)

// colKind is how a declared field is stored.
type colKind int

const (
	kText     colKind = iota // string
	kInt                     // int, int64
	kFloat                   // float64
	kBool                    // bool
	kNullInt                 // *int64: NULL when nil
	kMonth                   // app.Month: "YYYY-MM"
	kMonthPtr                // *app.Month: "YYYY-MM", "" when nil
	kJSON                    // slices, maps, structs: JSON text
)

// colSpec is one declared column of a content table.
type colSpec struct {
	name      string
	field     []int
	kind      colKind
	money     bool
	links     bool
	exclusive bool
}

// tableSpec is a declared content table resolved for SQL.
type tableSpec struct {
	app.Table
	typ       reflect.Type
	id, plan  []int     // field indexes of id and plan_id
	pos       []int     // field index of position; nil when the table has none
	cols      []colSpec // the other columns, in field order
	exclusive *colSpec
}

var (
	monthType    = reflect.TypeOf(app.Month(0))
	monthPtrType = reflect.TypeOf((*app.Month)(nil))
	int64PtrType = reflect.TypeOf((*int64)(nil))
)

// resolveTable reads a table declaration's row struct.
func resolveTable(t app.Table) (*tableSpec, error) {
	typ := reflect.TypeOf(t.Row)
	if typ == nil || typ.Kind() != reflect.Struct {
		return nil, fmt.Errorf("content table %s: Row must be a struct value", t.Name)
	}
	ts := &tableSpec{Table: t, typ: typ}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		tag := f.Tag.Get("db")
		if tag == "" || tag == "-" {
			continue
		}
		parts := strings.Split(tag, ",")
		c := colSpec{name: parts[0], field: f.Index}
		for _, o := range parts[1:] {
			switch o {
			case "money":
				c.money = true
			case "links":
				c.links = true
			case "exclusive":
				c.exclusive = true
			default:
				return nil, fmt.Errorf("content table %s: unknown option %q on %s", t.Name, o, f.Name)
			}
		}
		switch {
		case f.Type == monthType:
			c.kind = kMonth
		case f.Type == monthPtrType:
			c.kind = kMonthPtr
		case f.Type == int64PtrType:
			c.kind = kNullInt
		case f.Type.Kind() == reflect.String:
			c.kind = kText
		case f.Type.Kind() == reflect.Int || f.Type.Kind() == reflect.Int64:
			c.kind = kInt
		case f.Type.Kind() == reflect.Float64:
			c.kind = kFloat
		case f.Type.Kind() == reflect.Bool:
			c.kind = kBool
		case f.Type.Kind() == reflect.Slice || f.Type.Kind() == reflect.Map || f.Type.Kind() == reflect.Struct:
			c.kind = kJSON
		default:
			return nil, fmt.Errorf("content table %s: field %s has a type the store cannot keep (%s)", t.Name, f.Name, f.Type)
		}
		if c.links && f.Type != reflect.TypeOf([]string(nil)) {
			return nil, fmt.Errorf("content table %s: links field %s must be []string", t.Name, f.Name)
		}
		if c.exclusive && c.kind != kBool {
			return nil, fmt.Errorf("content table %s: exclusive field %s must be bool", t.Name, f.Name)
		}
		switch c.name {
		case "id":
			ts.id = f.Index
		case "plan_id":
			ts.plan = f.Index
		case "position":
			ts.pos = f.Index
		default:
			ts.cols = append(ts.cols, c)
		}
	}
	if ts.id == nil || ts.plan == nil {
		return nil, fmt.Errorf("content table %s: the row needs `db:\"id\"` and `db:\"plan_id\"` string fields", t.Name)
	}
	{
		for i := range ts.cols {
			if ts.cols[i].exclusive {
				ts.exclusive = &ts.cols[i]
			}
		}
	}
	return ts, nil
}

// Declare tells the store which content tables the steps use. Every
// declared column must exist in the workspace's schema.
func (db *DB) Declare(tables ...app.Table) error {
	for _, t := range tables {
		ts, err := resolveTable(t)
		if err != nil {
			return err
		}
		have := map[string]bool{}
		err = db.view(context.Background(), func(tx *sql.Tx) error {
			rows, err := tx.Query(`SELECT name FROM pragma_table_info(?)`, t.Name)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var n string
				if err := rows.Scan(&n); err != nil {
					return err
				}
				have[n] = true
			}
			return rows.Err()
		})
		if err != nil {
			return err
		}
		need := append([]string{"id", "plan_id", "updated_at", "deleted_at"}, ts.columnNames()...)
		if ts.pos != nil {
			need = append(need, "position")
		}
		for _, c := range need {
			if !have[c] {
				return fmt.Errorf("content table %s: the workspace has no column %s (a migration is missing)", t.Name, c)
			}
		}
		if db.tables == nil {
			db.tables = map[string]*tableSpec{}
		}
		if _, dup := db.tables[t.Name]; !dup {
			db.order = append(db.order, ts)
		}
		db.tables[t.Name] = ts
	}
	return nil
}

// columnNames lists the declared columns other than id, plan_id and position.
func (ts *tableSpec) columnNames() []string {
	out := make([]string, len(ts.cols))
	for i, c := range ts.cols {
		out[i] = c.name
	}
	return out
}

func (db *DB) spec(table string) (*tableSpec, error) {
	ts, ok := db.tables[table]
	if !ok {
		return nil, app.Errorf(app.ErrInvalid, "Unknown content %q.", table)
	}
	return ts, nil
}

// Tx is one write transaction with a fixed Now, so that a use case that
// writes several rows is atomic and stamps them all alike.
type Tx struct {
	tx  *sql.Tx
	db  *DB
	Now time.Time

	dirty dirtySet // what the generic write paths changed (sync.go)
}

// Update runs fn in one write transaction (retried while another process
// holds the lock); everything fn writes commits together or not at all.
func (db *DB) Update(ctx context.Context, fn func(tx *Tx) error) error {
	now := db.Now()
	return db.update(ctx, func(t *sql.Tx) error {
		tx := &Tx{tx: t, db: db, Now: now}
		if err := fn(tx); err != nil {
			return err
		}
		return tx.recordChanges(ctx)
	})
}

func (tx *Tx) now() string { return timeText(tx.Now) }

// Rows reads a plan's live rows of a declared table in position order into
// dst, a pointer to a slice of the table's row struct.
func (db *DB) Rows(ctx context.Context, table, planID string, dst any) error {
	ts, err := db.spec(table)
	if err != nil {
		return err
	}
	return db.view(ctx, func(tx *sql.Tx) error { return ts.list(ctx, tx, planID, dst) })
}

func (ts *tableSpec) selectColumns() string {
	cols := []string{"id", "plan_id"}
	if ts.pos != nil {
		cols = append(cols, "position")
	}
	return strings.Join(append(cols, ts.columnNames()...), ", ")
}

func (ts *tableSpec) list(ctx context.Context, tx *sql.Tx, planID string, dst any) error {
	dv := reflect.ValueOf(dst)
	if dv.Kind() != reflect.Pointer || dv.Elem().Kind() != reflect.Slice || dv.Elem().Type().Elem() != ts.typ {
		return fmt.Errorf("content table %s: Rows needs a *[]%s", ts.Name, ts.typ)
	}
	order := "id"
	if ts.pos != nil {
		order = "position, id"
	}
	if ts.Group != "" {
		order = ts.Group + ", " + order
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+ts.selectColumns()+` FROM `+ts.Name+` WHERE plan_id = ? AND deleted_at IS NULL ORDER BY `+order, planID)
	if err != nil {
		return err
	}
	defer rows.Close()
	out := reflect.MakeSlice(dv.Elem().Type(), 0, 8)
	for rows.Next() {
		row := reflect.New(ts.typ).Elem()
		if err := ts.scan(rows, row); err != nil {
			return err
		}
		out = reflect.Append(out, row)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	dv.Elem().Set(out)
	return nil
}

// scan reads one result row into the struct row.
func (ts *tableSpec) scan(rows *sql.Rows, row reflect.Value) error {
	var id, plan string
	var pos int64
	dest := []any{&id, &plan}
	if ts.pos != nil {
		dest = append(dest, &pos)
	}
	raw := make([]any, len(ts.cols))
	for i, c := range ts.cols {
		switch c.kind {
		case kInt, kBool, kNullInt:
			raw[i] = new(sql.NullInt64)
		case kFloat:
			raw[i] = new(sql.NullFloat64)
		default:
			raw[i] = new(sql.NullString)
		}
		dest = append(dest, raw[i])
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	row.FieldByIndex(ts.id).SetString(id)
	row.FieldByIndex(ts.plan).SetString(plan)
	if ts.pos != nil {
		row.FieldByIndex(ts.pos).SetInt(pos)
	}
	for i, c := range ts.cols {
		f := row.FieldByIndex(c.field)
		switch c.kind {
		case kText:
			f.SetString(raw[i].(*sql.NullString).String)
		case kInt:
			f.SetInt(raw[i].(*sql.NullInt64).Int64)
		case kBool:
			f.SetBool(raw[i].(*sql.NullInt64).Int64 != 0)
		case kFloat:
			f.SetFloat(raw[i].(*sql.NullFloat64).Float64)
		case kNullInt:
			if v := raw[i].(*sql.NullInt64); v.Valid {
				n := v.Int64
				f.Set(reflect.ValueOf(&n))
			}
		case kMonth, kMonthPtr:
			s := raw[i].(*sql.NullString).String
			if s == "" {
				continue
			}
			m, err := app.ParseMonth(s)
			if err != nil {
				return fmt.Errorf("%s %s: column %s holds %q, not a month: %w", ts.Name, id, c.name, s, err)
			}
			if c.kind == kMonth {
				f.Set(reflect.ValueOf(m))
			} else {
				f.Set(reflect.ValueOf(&m))
			}
		case kJSON:
			s := raw[i].(*sql.NullString).String
			if s == "" {
				continue
			}
			if err := json.Unmarshal([]byte(s), f.Addr().Interface()); err != nil {
				return fmt.Errorf("%s %s: column %s is not readable JSON: %w", ts.Name, id, c.name, err)
			}
		}
	}
	return nil
}

// values returns the SQL values of the declared columns of row.
func (ts *tableSpec) values(row reflect.Value) ([]any, error) {
	out := make([]any, len(ts.cols))
	for i, c := range ts.cols {
		f := row.FieldByIndex(c.field)
		switch c.kind {
		case kText:
			out[i] = f.String()
		case kInt:
			out[i] = f.Int()
		case kBool:
			out[i] = f.Bool()
		case kFloat:
			out[i] = f.Float()
		case kNullInt:
			if f.IsNil() {
				out[i] = nil
			} else {
				out[i] = f.Elem().Int()
			}
		case kMonth:
			out[i] = f.Interface().(app.Month).String()
		case kMonthPtr:
			if f.IsNil() {
				out[i] = ""
			} else {
				out[i] = f.Elem().Interface().(app.Month).String()
			}
		case kJSON:
			if f.Kind() == reflect.Slice && f.IsNil() {
				out[i] = "[]"
				continue
			}
			if f.Kind() == reflect.Map && f.IsNil() {
				out[i] = "{}"
				continue
			}
			b, err := json.Marshal(f.Interface())
			if err != nil {
				return nil, fmt.Errorf("%s: column %s: %w", ts.Name, c.name, err)
			}
			out[i] = string(b)
		}
	}
	return out, nil
}

// SaveRow adds (empty ID) or updates a row of a declared table in its own
// transaction; row is a pointer whose ID and position are filled on insert.
func (db *DB) SaveRow(ctx context.Context, table string, row any) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.SaveRow(ctx, table, row) })
}

// SaveRow adds (empty ID) or updates a row of a declared table. The row is
// cleaned (its Clean method, if any) and validated (its Validate method)
// first; a row that fails validation is not saved. A new row goes to the
// end of its plan (or group); on a OnePerPlan table it replaces the live
// row. Setting an exclusive flag clears it on the plan's other rows.
func (tx *Tx) SaveRow(ctx context.Context, table string, row any) error {
	ts, err := tx.db.spec(table)
	if err != nil {
		return err
	}
	rv := reflect.ValueOf(row)
	if rv.Kind() != reflect.Pointer || rv.Elem().Type() != ts.typ {
		return fmt.Errorf("content table %s: SaveRow needs a *%s", ts.Name, ts.typ)
	}
	if c, ok := row.(interface{ Clean() }); ok {
		c.Clean()
	}
	if v, ok := rv.Elem().Interface().(interface{ Validate() []app.FieldError }); ok {
		if err := invalid(v.Validate()); err != nil {
			return err
		}
	}
	r := rv.Elem()
	idF, planF := r.FieldByIndex(ts.id), r.FieldByIndex(ts.plan)
	planID := planF.String()
	if planID == "" {
		return app.Errorf(app.ErrInvalid, "This row belongs to no plan.")
	}
	if ts.OnePerPlan && idF.String() == "" {
		var existing string
		err := tx.tx.QueryRowContext(ctx, `SELECT id FROM `+ts.Name+` WHERE plan_id = ? AND deleted_at IS NULL LIMIT 1`, planID).Scan(&existing)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		idF.SetString(existing)
	}
	vals, err := ts.values(r)
	if err != nil {
		return err
	}
	defer func() { tx.markDirtyRow(ts.Name, planID, idF.String()) }()
	if ts.exclusive != nil && r.FieldByIndex(ts.exclusive.field).Bool() {
		tx.markDirty(ts.Name, planID)
		if _, err := tx.tx.ExecContext(ctx, `UPDATE `+ts.Name+` SET `+ts.exclusive.name+` = 0, updated_at = ? WHERE plan_id = ? AND `+
			ts.exclusive.name+` = 1 AND id <> ?`, tx.now(), planID, idF.String()); err != nil {
			return err
		}
	}
	names := ts.columnNames()
	if idF.String() == "" {
		idF.SetString(NewID())
		cols := append([]string{"id", "plan_id", "updated_at"}, names...)
		args := append([]any{idF.String(), planID, tx.now()}, vals...)
		if ts.pos != nil {
			q := `SELECT coalesce(max(position), -1) + 1 FROM ` + ts.Name + ` WHERE plan_id = ?`
			qargs := []any{planID}
			if ts.Group != "" {
				gi := -1
				for i, c := range ts.cols {
					if c.name == ts.Group {
						gi = i
					}
				}
				if gi < 0 {
					return fmt.Errorf("content table %s: group column %s is not declared", ts.Name, ts.Group)
				}
				q += ` AND ` + ts.Group + ` = ?`
				qargs = append(qargs, vals[gi])
			}
			var pos int64
			if err := tx.tx.QueryRowContext(ctx, q, qargs...).Scan(&pos); err != nil {
				return err
			}
			r.FieldByIndex(ts.pos).SetInt(pos)
			cols, args = append(cols, "position"), append(args, pos)
		}
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO `+ts.Name+` (`+strings.Join(cols, ", ")+`) VALUES (`+
			strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",")+`)`, args...)
		return err
	}
	sets := make([]string, 0, len(names)+2)
	for _, n := range names {
		sets = append(sets, n+" = ?")
	}
	args := append([]any{}, vals...)
	if ts.pos != nil {
		sets = append(sets, "position = ?")
		args = append(args, r.FieldByIndex(ts.pos).Int())
	}
	sets = append(sets, "updated_at = ?")
	args = append(args, tx.now(), idF.String())
	res, err := tx.tx.ExecContext(ctx, `UPDATE `+ts.Name+` SET `+strings.Join(sets, ", ")+` WHERE id = ? AND deleted_at IS NULL`, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return app.Errorf(app.ErrNotFound, "That row no longer exists; it may have been deleted in another window.")
	}
	return nil
}

// MoveRow swaps a row with its neighbour in position order within its plan
// (and group): delta -1 moves it up, +1 down.
func (db *DB) MoveRow(ctx context.Context, table, id string, delta int) error {
	ts, err := db.spec(table)
	if err != nil {
		return err
	}
	if ts.pos == nil {
		return app.Errorf(app.ErrInvalid, "The rows of %s have no order to change.", table)
	}
	return db.Update(ctx, func(tx *Tx) error {
		groupSel := "''"
		if ts.Group != "" {
			groupSel = ts.Group
		}
		var plan, grp string
		var pos int
		if err := tx.tx.QueryRowContext(ctx, `SELECT plan_id, `+groupSel+`, position FROM `+ts.Name+` WHERE id = ?`, id).Scan(&plan, &grp, &pos); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return app.Errorf(app.ErrNotFound, "That row no longer exists.")
			}
			return err
		}
		tx.markDirtyRow(ts.Name, plan, id)
		cmp, order := "<", "DESC"
		if delta > 0 {
			cmp, order = ">", "ASC"
		}
		var other string
		var opos int
		err := tx.tx.QueryRowContext(ctx, `SELECT id, position FROM `+ts.Name+` WHERE plan_id = ? AND `+groupSel+` = ? AND deleted_at IS NULL
			AND position `+cmp+` ? ORDER BY position `+order+` LIMIT 1`, plan, grp, pos).Scan(&other, &opos)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // already first or last
		}
		if err != nil {
			return err
		}
		tx.markDirtyRow(ts.Name, plan, other)
		if _, err := tx.tx.ExecContext(ctx, `UPDATE `+ts.Name+` SET position = ?, updated_at = ? WHERE id = ?`, opos, tx.now(), id); err != nil {
			return err
		}
		_, err = tx.tx.ExecContext(ctx, `UPDATE `+ts.Name+` SET position = ?, updated_at = ? WHERE id = ?`, pos, tx.now(), other)
		return err
	})
}

// DeleteRow soft-deletes (restore=false) or brings back (restore=true) a row
// of a declared table; the row stays as a tombstone.
func (tx *Tx) DeleteRow(ctx context.Context, table, id string, restore bool) error {
	ts, err := tx.db.spec(table)
	if err != nil {
		return err
	}
	var del any = tx.now()
	if restore {
		del = nil
	}
	var plan string
	if err := tx.tx.QueryRowContext(ctx, `SELECT plan_id FROM `+ts.Name+` WHERE id = ?`, id).Scan(&plan); err == nil {
		tx.markDirtyRow(ts.Name, plan, id)
	}
	res, err := tx.tx.ExecContext(ctx, `UPDATE `+ts.Name+` SET deleted_at = ?, updated_at = ? WHERE id = ?`, del, tx.now(), id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return app.Errorf(app.ErrNotFound, "That row no longer exists.")
	}
	return nil
}

// DeleteContent soft-deletes (or with restore=true brings back) a row of a
// declared content table.
func (db *DB) DeleteContent(ctx context.Context, table, id string, restore bool) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.DeleteRow(ctx, table, id, restore) })
}

// moneyCount counts the plan's live rows that hold an amount in a money
// column of a declared table.
func (db *DB) moneyCount(ctx context.Context, tx *sql.Tx, planID string) (int64, error) {
	var total int64
	for _, ts := range db.order {
		var conds []string
		for _, c := range ts.cols {
			if c.money {
				if c.kind == kJSON {
					conds = append(conds, "("+c.name+" NOT IN ('', '[]', '{}', 'null'))")
				} else {
					conds = append(conds, "("+c.name+" IS NOT NULL AND "+c.name+" <> 0)")
				}
			}
		}
		if len(conds) == 0 {
			continue
		}
		q := `SELECT count(*) FROM ` + ts.Name + ` WHERE plan_id = ? AND deleted_at IS NULL AND (` + strings.Join(conds, " OR ") + `)`
		if ts.MoneyWhere != "" {
			q += ` AND (` + ts.MoneyWhere + `)`
		}
		var n int64
		if err := tx.QueryRowContext(ctx, q, planID).Scan(&n); err != nil {
			return 0, fmt.Errorf("counting amounts in %s: %w", ts.Name, err)
		}
		total += n
	}
	return total, nil
}

// copyTables copies every declared table's live rows from one plan to
// another in declaration order (a table that links to another comes after
// it), shifting month columns and remapping links.
func (db *DB) copyTables(ctx context.Context, tx *sql.Tx, from, to string, shift int, now string) error {
	ids := map[string]string{}
	for _, ts := range db.order {
		if ts.NotCopied || ts.Log {
			continue
		}
		ct := contentTable{name: ts.Name}
		if ts.pos != nil {
			ct.columns = append(ct.columns, "position")
		}
		for _, c := range ts.cols {
			switch {
			case c.kind == kMonth || c.kind == kMonthPtr:
				ct.monthColumns = append(ct.monthColumns, c.name)
			default:
				ct.columns = append(ct.columns, c.name)
			}
			if c.links {
				ct.linkColumns = append(ct.linkColumns, c.name)
			}
		}
		if err := copyContent(ctx, tx, ct, from, to, shift, now, ids); err != nil {
			return err
		}
	}
	return nil
}

// clearTables leaves tombstones of the given plans' content: every row is
// marked deleted and its free text and links are cleared, so the rows can
// still say "deleted" to another device but hold nothing of the plan.
func (db *DB) clearTables(ctx context.Context, tx *sql.Tx, planWhere string, now string) error {
	for _, ts := range db.order {
		sets := []string{"deleted_at = coalesce(deleted_at, ?)", "updated_at = ?"}
		for _, c := range ts.cols {
			switch {
			case c.name == ts.Group:
			case c.kind == kText:
				sets = append(sets, c.name+" = ''")
			case c.kind == kJSON:
				sets = append(sets, c.name+" = '[]'")
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+ts.Name+` SET `+strings.Join(sets, ", ")+` WHERE plan_id IN (`+planWhere+`)`, now, now); err != nil {
			return fmt.Errorf("clearing %s: %w", ts.Name, err)
		}
	}
	return nil
}

// LastEdited returns when a plan or any of its content rows (also deleted
// ones: a delete is an edit) was last changed.
func (db *DB) LastEdited(ctx context.Context, planID string) (time.Time, error) {
	var last string
	err := db.view(ctx, func(tx *sql.Tx) error {
		parts := []string{`SELECT updated_at AS t FROM plans WHERE id = ?`}
		args := []any{planID}
		for _, ts := range db.order {
			parts = append(parts, `SELECT max(updated_at) FROM `+ts.Name+` WHERE plan_id = ?`)
			args = append(args, planID)
		}
		return tx.QueryRowContext(ctx, `SELECT coalesce(max(t), '') FROM (`+strings.Join(parts, " UNION ALL ")+`)`, args...).Scan(&last)
	})
	if err != nil {
		return time.Time{}, err
	}
	return parseTime(last), nil
}

// SaveRows adds or updates every row of rows — a slice of a declared
// table's row struct — in one transaction: all are saved or none. Each
// row's ID and position are filled in place, as SaveRow does.
func (db *DB) SaveRows(ctx context.Context, table string, rows any) error {
	rv := reflect.ValueOf(rows)
	if rv.Kind() != reflect.Slice {
		return fmt.Errorf("content table %s: SaveRows needs a slice of rows", table)
	}
	return db.Update(ctx, func(tx *Tx) error {
		for i := 0; i < rv.Len(); i++ {
			if err := tx.SaveRow(ctx, table, rv.Index(i).Addr().Interface()); err != nil {
				return err
			}
		}
		return nil
	})
}
