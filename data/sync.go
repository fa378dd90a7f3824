package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// syncCol is one synced column of a synced table.
type syncCol struct {
	name     string
	kind     colKind
	nullable bool // kNullText: NULL allowed (deleted_at, purged_at)
}

// kNullText is a nullable text column (deleted_at).
const kNullText colKind = 100

// syncTable is a table whose rows travel between devices: businesses,
// plans and every declared content table.
type syncTable struct {
	name    string
	planCol string // the column holding the plan ID ("id" for plans, "" for businesses)
	group   string // the column positions count within ("" = the plan)
	pos     bool   // the rows have a position
	cols    []syncCol
	onePer  bool   // at most one live row per plan
	exclCol string // a bool column true on one live row of a plan at most
	parent  string // the table the plan column points into, for ordering
}

var (
	businessSync = &syncTable{name: "businesses", cols: []syncCol{
		{name: "name", kind: kText}, {name: "currency", kind: kText}, {name: "is_demo", kind: kBool},
		{name: "created_at", kind: kText}, {name: "deleted_at", kind: kNullText, nullable: true},
	}}
	planSync = &syncTable{name: "plans", planCol: "id", parent: "businesses", cols: []syncCol{
		{name: "business_id", kind: kText}, {name: "title", kind: kText}, {name: "start_month", kind: kMonth},
		{name: "months", kind: kInt}, {name: "currency", kind: kText}, {name: "locale", kind: kText},
		{name: "author", kind: kText}, {name: "products", kind: kText}, {name: "markets", kind: kText},
		{name: "scope_groups", kind: kJSON}, {name: "scope_regions", kind: kJSON}, {name: "is_demo", kind: kBool},
		{name: "process_period", kind: kText}, {name: "created_at", kind: kText},
		{name: "deleted_at", kind: kNullText, nullable: true}, {name: "purged_at", kind: kNullText, nullable: true},
	}}
)

// syncTables returns the synced tables in apply order: businesses, plans,
// then the declared content tables in declaration order. A newly declared
// table is synced with no further code.
func (db *DB) syncTables() []*syncTable {
	out := []*syncTable{businessSync, planSync}
	for _, ts := range db.order {
		out = append(out, syncTableOf(ts))
	}
	return out
}

func (db *DB) syncTable(name string) *syncTable {
	switch name {
	case "businesses":
		return businessSync
	case "plans":
		return planSync
	}
	if ts, ok := db.tables[name]; ok {
		return syncTableOf(ts)
	}
	return nil
}

func syncTableOf(ts *tableSpec) *syncTable {
	st := &syncTable{name: ts.Name, planCol: "plan_id", group: ts.Group, pos: ts.pos != nil, onePer: ts.OnePerPlan, parent: "plans"}
	for _, c := range ts.cols {
		st.cols = append(st.cols, syncCol{name: c.name, kind: c.kind, nullable: c.kind == kNullInt})
		if c.exclusive {
			st.exclCol = c.name
		}
	}
	st.cols = append(st.cols, syncCol{name: "deleted_at", kind: kNullText, nullable: true})
	return st
}

func (st *syncTable) colNames() []string {
	out := make([]string, len(st.cols))
	for i, c := range st.cols {
		out[i] = c.name
	}
	return out
}

func (st *syncTable) colIndex(name string) int {
	for i, c := range st.cols {
		if c.name == name {
			return i
		}
	}
	return -1
}

func (st *syncTable) planExpr() string {
	if st.planCol == "" {
		return "''"
	}
	return st.planCol
}

func (st *syncTable) groupExpr() string {
	if st.group == "" {
		return "''"
	}
	return "coalesce(" + st.group + ", '')"
}

// posField is the name under which a row's position key is versioned.
const posField = "@pos"

// fieldClock is the version of one field of a row: who wrote it when, the
// version it replaced, and the hash of its value.
type fieldClock struct {
	Ver  version
	Base version
	Hash string
}

// rowClock is a row's record in sync_rows.
type rowClock struct {
	plan, grp, key string
	fields         map[string]fieldClock
	seq            int64
	exists         bool // the record is stored
}

// normalize turns a value scanned from SQLite into int64, float64, string
// or nil.
func normalize(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case int:
		return int64(x)
	case time.Time:
		return timeText(x)
	}
	return v
}

// valueHash is a short hash of a normalized value, to notice changes.
func valueHash(v any) string {
	h := fnv.New64a()
	switch x := v.(type) {
	case nil:
		h.Write([]byte{'n'})
	case int64:
		h.Write([]byte{'i'})
		h.Write([]byte(strconv.FormatInt(x, 10)))
	case float64:
		h.Write([]byte{'f'})
		h.Write([]byte(strconv.FormatFloat(x, 'g', -1, 64)))
	case string:
		h.Write([]byte{'s'})
		h.Write([]byte(x))
	default:
		fmt.Fprintf(h, "?%v", x)
	}
	return strconv.FormatUint(h.Sum64(), 36)
}

// stamper gives out this device's clock values and change numbers inside
// one write transaction and records the versions of what the transaction
// changed.
type stamper struct {
	db     *DB
	tx     *sql.Tx
	wall   time.Time
	device string
	last   HLC
	now    HLC // this transaction's clock value, 0 until first used
	seq    int64
	tag    string
	dirty  bool
}

// newStamper reads the device's clock inside tx.
func (db *DB) newStamper(ctx context.Context, tx *sql.Tx, wall time.Time) (*stamper, error) {
	s := &stamper{db: db, tx: tx, wall: wall}
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT device_id, hlc, seq FROM sync_device`).Scan(&s.device, &last, &s.seq); err != nil {
		return nil, fmt.Errorf("reading the device clock: %w", err)
	}
	s.last = HLC(last)
	s.tag = keyTag(s.device)
	return s, nil
}

// tick returns this transaction's clock value (one per transaction).
func (s *stamper) tick() HLC {
	if s.now == 0 {
		s.now = hlcNext(s.last, s.wall)
		s.last = s.now
		s.dirty = true
	}
	return s.now
}

func (s *stamper) ver() version { return makeVersion(s.tick(), s.device) }

func (s *stamper) nextSeq() int64 {
	s.seq++
	s.dirty = true
	return s.seq
}

func (s *stamper) observe(h HLC) {
	if h > s.last {
		s.last = hlcObserve(s.last, h)
		s.dirty = true
	}
}

// save stores the clock and change number.
func (s *stamper) save(ctx context.Context) error {
	if !s.dirty {
		return nil
	}
	_, err := s.tx.ExecContext(ctx, `UPDATE sync_device SET hlc = ?, seq = ?`, int64(s.last), s.seq)
	return err
}

// loadClocks reads the sync records of a table's rows (of the given
// plans; nil for all).
func loadClocks(ctx context.Context, tx *sql.Tx, st *syncTable, plans []string) (map[string]*rowClock, error) {
	q := `SELECT row_id, plan_id, grp, pos_key, fields, seq FROM sync_rows WHERE tbl = ?`
	args := []any{st.name}
	if plans != nil {
		q += ` AND plan_id IN (` + placeholders(len(plans)) + `)`
		for _, p := range plans {
			args = append(args, p)
		}
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*rowClock{}
	for rows.Next() {
		var id, f string
		rc := &rowClock{exists: true}
		if err := rows.Scan(&id, &rc.plan, &rc.grp, &rc.key, &f, &rc.seq); err != nil {
			return nil, err
		}
		if err := decodeFields(f, &rc.fields); err != nil {
			return nil, fmt.Errorf("sync record of %s %s is not readable: %w", st.name, id, err)
		}
		out[id] = rc
	}
	return out, rows.Err()
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func saveClock(ctx context.Context, stmt *sql.Stmt, tbl, id string, rc *rowClock) error {
	_, err := stmt.ExecContext(ctx, tbl, id, rc.plan, rc.grp, rc.key, encodeFields(rc.fields), rc.seq)
	rc.exists = true
	return err
}

const saveClockSQL = `INSERT INTO sync_rows (tbl, row_id, plan_id, grp, pos_key, fields, seq) VALUES (?,?,?,?,?,?,?)
	ON CONFLICT (tbl, row_id) DO UPDATE SET plan_id = excluded.plan_id, grp = excluded.grp, pos_key = excluded.pos_key,
	fields = excluded.fields, seq = excluded.seq`

// liveRow is a row read for capture.
type liveRow struct {
	id, plan, grp string
	pos           int64
	vals          []any
}

func readRows(ctx context.Context, tx *sql.Tx, st *syncTable, where string, args []any) ([]liveRow, error) {
	posExpr := "0"
	if st.pos {
		posExpr = "position"
	}
	q := `SELECT id, ` + st.planExpr() + `, ` + st.groupExpr() + `, ` + posExpr + `, ` + strings.Join(st.colNames(), ", ") + ` FROM ` + st.name
	if where != "" {
		q += ` WHERE ` + where
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []liveRow
	for rows.Next() {
		r := liveRow{vals: make([]any, len(st.cols))}
		var grp any
		dest := []any{&r.id, &r.plan, &grp, &r.pos}
		for i := range r.vals {
			dest = append(dest, &r.vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		r.grp = fmt.Sprint(normalize(grp))
		for i := range r.vals {
			r.vals[i] = normalize(r.vals[i])
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// capture records this device's changes to a table's rows (of the given
// plans; nil for all): every field whose value differs from the one last
// recorded gets a new version, rows without a record are adopted, and
// position keys follow the order of the integer positions. It returns how
// many rows changed.
func (s *stamper) capture(ctx context.Context, st *syncTable, plans []string) (int, error) {
	return s.captureRows(ctx, st, plans, nil)
}

// captureRows is capture of the rows with the given IDs only (ids nil: all
// rows of the plans); the groups whose order may have changed (a new row,
// a changed position) are checked whole.
func (s *stamper) captureRows(ctx context.Context, st *syncTable, plans, ids []string) (int, error) {
	where, args := "", []any(nil)
	if st.planCol == "" {
		plans = nil
	}
	switch {
	case ids != nil:
		where = `id IN (` + placeholders(len(ids)) + `)`
		for _, id := range ids {
			args = append(args, id)
		}
		plans = nil
	case plans != nil:
		where = st.planCol + ` IN (` + placeholders(len(plans)) + `)`
		for _, p := range plans {
			args = append(args, p)
		}
	}
	rows, err := readRows(ctx, s.tx, st, where, args)
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", st.name, err)
	}
	var clocks map[string]*rowClock
	if ids != nil {
		clocks, err = loadClocksOf(ctx, s.tx, st, ids)
	} else {
		clocks, err = loadClocks(ctx, s.tx, st, plans)
	}
	if err != nil {
		return 0, err
	}
	changed := map[string]bool{}
	resave := map[string]bool{}
	type gk struct{ plan, grp string }
	reorder := map[gk]bool{}
	for _, r := range rows {
		rc := clocks[r.id]
		if rc == nil {
			rc = &rowClock{fields: map[string]fieldClock{}}
			clocks[r.id] = rc
		}
		if rc.fields == nil {
			rc.fields = map[string]fieldClock{}
		}
		if rc.plan != r.plan || rc.grp != r.grp {
			if st.pos && rc.exists {
				reorder[gk{rc.plan, rc.grp}] = true
			}
			rc.plan, rc.grp = r.plan, r.grp
			changed[r.id] = true
		}
		for i, c := range st.cols {
			h := valueHash(r.vals[i])
			f, ok := rc.fields[c.name]
			if ok && f.Hash == h {
				continue
			}
			rc.fields[c.name] = fieldClock{Ver: s.ver(), Base: f.Ver, Hash: h}
			changed[r.id] = true
		}
		if st.pos && (rc.key == "" || rc.fields[posField].Hash != valueHash(r.pos)) {
			reorder[gk{r.plan, r.grp}] = true
		}
	}
	if st.pos && len(reorder) > 0 {
		if ids == nil {
			if err := s.orderGroups(ctx, st, rows, clocks, changed, resave); err != nil {
				return 0, err
			}
		} else {
			for g := range reorder {
				grows, gclocks, err := s.loadGroup(ctx, st, g.plan, g.grp)
				if err != nil {
					return 0, err
				}
				for id, rc := range clocks {
					if rc.plan == g.plan && rc.grp == g.grp {
						gclocks[id] = rc // this transaction's versions
					}
				}
				if err := s.orderGroups(ctx, st, grows, gclocks, changed, resave); err != nil {
					return 0, err
				}
				for id, rc := range gclocks {
					clocks[id] = rc
				}
			}
		}
	}
	if len(changed) == 0 && len(resave) == 0 {
		return 0, nil
	}
	stmt, err := s.tx.PrepareContext(ctx, saveClockSQL)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	all := make([]string, 0, len(changed)+len(resave))
	for id := range changed {
		all = append(all, id)
	}
	for id := range resave {
		if !changed[id] {
			all = append(all, id)
		}
	}
	sort.Strings(all)
	var stampRow *sql.Stmt
	defer func() {
		if stampRow != nil {
			stampRow.Close()
		}
	}()
	for _, id := range all {
		rc := clocks[id]
		if changed[id] {
			rc.seq = s.nextSeq()
			// The row's updated_at is the hybrid clock's time of this
			// change: it never goes backwards, even when the wall clock does.
			if stampRow == nil {
				if stampRow, err = s.tx.PrepareContext(ctx, `UPDATE `+st.name+` SET updated_at = ? WHERE id = ? AND updated_at < ?`); err != nil {
					return 0, err
				}
			}
			at := timeText(s.tick().Time())
			if _, err := stampRow.ExecContext(ctx, at, id, at); err != nil {
				return 0, err
			}
		}
		if err := saveClock(ctx, stmt, st.name, id, rc); err != nil {
			return 0, err
		}
	}
	return len(changed), nil
}

// loadGroup reads the rows of one (plan, group) of a table with their
// records, for ordering.
func (s *stamper) loadGroup(ctx context.Context, st *syncTable, plan, grp string) ([]liveRow, map[string]*rowClock, error) {
	q := `SELECT id, position FROM ` + st.name + ` WHERE ` + st.planCol + ` = ?`
	args := []any{plan}
	if st.group != "" {
		q += ` AND ` + st.groupExpr() + ` = ?`
		args = append(args, grp)
	}
	rows, err := s.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, nil, err
	}
	var out []liveRow
	var ids []string
	for rows.Next() {
		r := liveRow{plan: plan, grp: grp}
		if err := rows.Scan(&r.id, &r.pos); err != nil {
			rows.Close()
			return nil, nil, err
		}
		out = append(out, r)
		ids = append(ids, r.id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	clocks, err := loadClocksOf(ctx, s.tx, st, ids)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range out {
		if clocks[r.id] == nil {
			clocks[r.id] = &rowClock{plan: plan, grp: grp, fields: map[string]fieldClock{}}
		}
	}
	return out, clocks, nil
}

// loadClocksOf reads the records of the given rows.
func loadClocksOf(ctx context.Context, tx *sql.Tx, st *syncTable, ids []string) (map[string]*rowClock, error) {
	out := map[string]*rowClock{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := []any{st.name}
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := tx.QueryContext(ctx, `SELECT row_id, plan_id, grp, pos_key, fields, seq FROM sync_rows WHERE tbl = ? AND row_id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, f string
			rc := &rowClock{exists: true}
			if err := rows.Scan(&id, &rc.plan, &rc.grp, &rc.key, &f, &rc.seq); err != nil {
				rows.Close()
				return nil, err
			}
			if err := decodeFields(f, &rc.fields); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sync record of %s %s is not readable: %w", st.name, id, err)
			}
			out[id] = rc
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// orderGroups gives the rows of each (plan, group) position keys in the
// order of their integer positions, keeping every key it can (the longest
// run already in order) and renumbering the positions 0, 1, 2… in that
// order.
func (s *stamper) orderGroups(ctx context.Context, st *syncTable, rows []liveRow, clocks map[string]*rowClock, changed, resave map[string]bool) error {
	type gk struct{ plan, grp string }
	groups := map[gk][]int{}
	for i, r := range rows {
		k := gk{r.plan, r.grp}
		groups[k] = append(groups[k], i)
	}
	keys := make([]gk, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].plan != keys[j].plan {
			return keys[i].plan < keys[j].plan
		}
		return keys[i].grp < keys[j].grp
	})
	var upd *sql.Stmt
	defer func() {
		if upd != nil {
			upd.Close()
		}
	}()
	for _, k := range keys {
		idx := groups[k]
		sort.Slice(idx, func(a, b int) bool {
			ra, rb := rows[idx[a]], rows[idx[b]]
			if ra.pos != rb.pos {
				return ra.pos < rb.pos
			}
			return ra.id < rb.id
		})
		cur := make([]string, len(idx))
		for i, ri := range idx {
			cur[i] = clocks[rows[ri].id].key
		}
		keep := increasingRun(cur)
		for i := range idx {
			if keep[i] {
				continue
			}
			prev, next := "", ""
			if i > 0 {
				prev = cur[i-1]
			}
			for j := i + 1; j < len(idx); j++ {
				if keep[j] {
					next = cur[j]
					break
				}
			}
			nk := keyBetween(prev, next, s.tag)
			cur[i] = nk
			rc := clocks[rows[idx[i]].id]
			rc.key = nk
			old := rc.fields[posField]
			rc.fields[posField] = fieldClock{Ver: s.ver(), Base: old.Ver, Hash: old.Hash}
			changed[rows[idx[i]].id] = true
		}
		for i, ri := range idx {
			rc := clocks[rows[ri].id]
			if f := rc.fields[posField]; f.Hash != valueHash(int64(i)) {
				f.Hash = valueHash(int64(i)) // the integer position last seen
				rc.fields[posField] = f
				resave[rows[ri].id] = true
			}
			if rows[ri].pos == int64(i) {
				continue
			}
			if upd == nil {
				var err error
				if upd, err = s.tx.PrepareContext(ctx, `UPDATE `+st.name+` SET position = ? WHERE id = ?`); err != nil {
					return err
				}
			}
			if _, err := upd.ExecContext(ctx, i, rows[ri].id); err != nil {
				return err
			}
			rows[ri].pos = int64(i)
		}
	}
	return nil
}

// increasingRun marks the longest strictly increasing subsequence of the
// non-empty keys (the keys that can stay).
func increasingRun(keys []string) []bool {
	keep := make([]bool, len(keys))
	var tails []int // index into keys of the smallest tail of each length
	prev := make([]int, len(keys))
	for i, k := range keys {
		if k == "" {
			prev[i] = -1
			continue
		}
		lo, hi := 0, len(tails)
		for lo < hi {
			m := (lo + hi) / 2
			if keys[tails[m]] < k {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo > 0 {
			prev[i] = tails[lo-1]
		} else {
			prev[i] = -1
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			keep[i] = true
		}
	}
	return keep
}

// captureAll records every change of every synced table not recorded yet
// (writes that went around the generic paths, rows of workspaces made
// before sync existed). A table whose row count and newest updated_at are
// as they were at its last full scan is not scanned again.
func (s *stamper) captureAll(ctx context.Context) (int, error) {
	n := 0
	for _, st := range s.db.syncTables() {
		fp, err := s.fingerprint(ctx, st)
		if err != nil {
			return n, err
		}
		var old string
		if err := s.tx.QueryRowContext(ctx, `SELECT fingerprint FROM sync_scan WHERE tbl = ?`, st.name).Scan(&old); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return n, err
		}
		if old == fp {
			continue
		}
		c, err := s.capture(ctx, st, nil)
		if err != nil {
			return n, err
		}
		n += c
		if err := s.storeFingerprint(ctx, st, fp); err != nil {
			return n, err
		}
	}
	return n, nil
}

// fingerprint is a table's row count and newest updated_at.
func (s *stamper) fingerprint(ctx context.Context, st *syncTable) (string, error) {
	var fp string
	err := s.tx.QueryRowContext(ctx, `SELECT count(*) || '/' || coalesce(max(updated_at), '') FROM `+st.name).Scan(&fp)
	return fp, err
}

func (s *stamper) storeFingerprint(ctx context.Context, st *syncTable, fp string) error {
	_, err := s.tx.ExecContext(ctx, `INSERT INTO sync_scan (tbl, fingerprint) VALUES (?, ?)
		ON CONFLICT (tbl) DO UPDATE SET fingerprint = excluded.fingerprint`, st.name, fp)
	return err
}

// dirtySet is what a Tx changed: table → plan ID → row IDs (the ID "":
// every row of the plan; the plan "": every row of the table).
type dirtySet map[string]map[string]map[string]bool

func (d dirtySet) mark(table, plan string) { d.markRow(table, plan, "") }

func (d dirtySet) markRow(table, plan, id string) {
	if d[table] == nil {
		d[table] = map[string]map[string]bool{}
	}
	if d[table][plan] == nil {
		d[table][plan] = map[string]bool{}
	}
	d[table][plan][id] = true
}

// markDirty records that the transaction changed rows of table in plan
// ("" = any plan), so that their versions are recorded before it commits.
func (tx *Tx) markDirty(table, plan string) { tx.markDirtyRow(table, plan, "") }

// markDirtyRow records that the transaction changed one row.
func (tx *Tx) markDirtyRow(table, plan, id string) {
	if tx.dirty == nil {
		tx.dirty = dirtySet{}
	}
	tx.dirty.markRow(table, plan, id)
}

// recordChanges records the versions of what tx changed (the generic
// write paths mark what they touch).
func (tx *Tx) recordChanges(ctx context.Context) error {
	if len(tx.dirty) == 0 {
		return nil
	}
	return tx.db.recordChanges(ctx, tx.tx, tx.Now, tx.dirty)
}

func (db *DB) recordChanges(ctx context.Context, t *sql.Tx, now time.Time, dirty dirtySet) error {
	s, err := db.newStamper(ctx, t, now)
	if err != nil {
		return err
	}
	for _, st := range db.syncTables() {
		plans, ok := dirty[st.name]
		if !ok {
			continue
		}
		if plans[""] != nil && plans[""][""] {
			if _, err := s.capture(ctx, st, nil); err != nil {
				return err
			}
			continue
		}
		var whole, ids []string
		for p, rows := range plans {
			if rows[""] {
				whole = append(whole, p)
				continue
			}
			for id := range rows {
				ids = append(ids, id)
			}
		}
		sort.Strings(whole)
		sort.Strings(ids)
		if len(whole) > 0 {
			if _, err := s.capture(ctx, st, whole); err != nil {
				return err
			}
		}
		if len(ids) > 0 {
			if _, err := s.captureRows(ctx, st, nil, ids); err != nil {
				return err
			}
		}
	}
	return s.save(ctx)
}

// DeviceID returns this workspace's device ID.
func (db *DB) DeviceID(ctx context.Context) (string, error) {
	var id string
	err := db.view(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT device_id FROM sync_device`).Scan(&id)
	})
	return id, err
}

// FieldVersion is when and where a field was last written.
type FieldVersion struct {
	At     time.Time // the hybrid clock's wall time
	Clock  HLC
	Device string
}

// FieldVersions returns the versions of a synced row's fields (position
// under "@pos"); empty when the row has no record yet.
func (db *DB) FieldVersions(ctx context.Context, table, id string) (map[string]FieldVersion, error) {
	out := map[string]FieldVersion{}
	err := db.view(ctx, func(tx *sql.Tx) error {
		var f string
		err := tx.QueryRowContext(ctx, `SELECT fields FROM sync_rows WHERE tbl = ? AND row_id = ?`, table, id).Scan(&f)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		var m map[string]fieldClock
		if err := decodeFields(f, &m); err != nil {
			return err
		}
		for k, v := range m {
			out[k] = FieldVersion{At: v.Ver.clock().Time(), Clock: v.Ver.clock(), Device: v.Ver.device()}
		}
		return nil
	})
	return out, err
}

// isForeignKey reports whether err is a foreign-key violation.
func isForeignKey(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintForeignKey
}

// isUnique reports whether err is a unique-index violation.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// dirtyPlan is the dirty set of one plan's own row.
func dirtyPlan(id string) dirtySet {
	d := dirtySet{}
	d.markRow("plans", id, id)
	return d
}

// encodeFields writes a row's field versions compactly: one field a line,
// "name\tversion\tbase\thash", in name order.
func encodeFields(m map[string]fieldClock) string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, k := range names {
		f := m[k]
		b.WriteString(k)
		b.WriteByte('\t')
		b.WriteString(string(f.Ver))
		b.WriteByte('\t')
		b.WriteString(string(f.Base))
		b.WriteByte('\t')
		b.WriteString(f.Hash)
		b.WriteByte('\n')
	}
	return b.String()
}

// decodeFields reads what encodeFields wrote.
func decodeFields(s string, out *map[string]fieldClock) error {
	m := make(map[string]fieldClock, 16)
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if line == "" {
			continue
		}
		var parts [4]string
		for j := 0; j < 3; j++ {
			i := strings.IndexByte(line, '\t')
			if i < 0 {
				return fmt.Errorf("unreadable field record %q", line)
			}
			parts[j], line = line[:i], line[i+1:]
		}
		parts[3] = line
		m[parts[0]] = fieldClock{Ver: version(parts[1]), Base: version(parts[2]), Hash: parts[3]}
	}
	*out = m
	return nil
}
