package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"salesplan/app"
)

// MergeStats counts what merging rows from other devices did.
type MergeStats struct {
	Added     int      // rows that were not here
	Changed   int      // rows with at least one field taken from the other device
	Kept      int      // rows where everything here was as new or newer
	Waiting   int      // rows kept for later: their plan or table is not here yet
	Conflicts int      // fields edited on both sides without seeing each other
	Rejected  []string // rows the schema refused, in words
}

func (m *MergeStats) add(o MergeStats) {
	m.Added += o.Added
	m.Changed += o.Changed
	m.Kept += o.Kept
	m.Waiting += o.Waiting
	m.Conflicts += o.Conflicts
	m.Rejected = append(m.Rejected, o.Rejected...)
}

// mergeRows merges rows from other devices: per field, the newer version
// wins (clock, then device ID); a row not here is added; rows that cannot
// be applied yet wait in sync_pending. Rows waiting from before are tried
// again first.
func (s *stamper) mergeRows(ctx context.Context, changes []rowChange) (MergeStats, error) {
	var stats MergeStats
	pending, err := s.takePending(ctx)
	if err != nil {
		return stats, err
	}
	byTable := map[string]map[string]*rowChange{}
	var order []string
	addChange := func(c rowChange) {
		m := byTable[c.Table]
		if m == nil {
			m = map[string]*rowChange{}
			byTable[c.Table] = m
			order = append(order, c.Table)
		}
		if old, ok := m[c.ID]; ok {
			mergeChange(old, c)
			return
		}
		cc := c
		m[c.ID] = &cc
	}
	for _, c := range pending {
		addChange(c)
	}
	for _, c := range changes {
		addChange(c)
	}
	done := map[string]bool{}
	for _, st := range s.db.syncTables() {
		m := byTable[st.name]
		done[st.name] = true
		if len(m) == 0 {
			continue
		}
		before, err := s.fingerprint(ctx, st)
		if err != nil {
			return stats, err
		}
		var scanned string
		if err := s.tx.QueryRowContext(ctx, `SELECT fingerprint FROM sync_scan WHERE tbl = ?`, st.name).Scan(&scanned); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return stats, err
		}
		ms, err := s.mergeTable(ctx, st, m)
		if err != nil {
			return stats, fmt.Errorf("merging %s: %w", st.name, err)
		}
		stats.add(ms)
		if scanned == before {
			// Nothing unrecorded was there before; what the merge wrote is
			// recorded.
			after, err := s.fingerprint(ctx, st)
			if err != nil {
				return stats, err
			}
			if err := s.storeFingerprint(ctx, st, after); err != nil {
				return stats, err
			}
		}
	}
	for _, t := range order {
		if done[t] {
			continue
		}
		for _, c := range byTable[t] {
			if err := s.keepPending(ctx, *c); err != nil {
				return stats, err
			}
			stats.Waiting++
		}
	}
	return stats, nil
}

// mergeChange folds b into a, field by field (the newer version wins).
func mergeChange(a *rowChange, b rowChange) {
	for k, f := range b.Fields {
		if cur, ok := a.Fields[k]; !ok || f.Ver > cur.Ver {
			a.Fields[k] = f
		}
	}
	if b.Key != nil && (a.Key == nil || b.Key.Ver > a.Key.Ver) {
		a.Key = b.Key
	}
	if a.Plan == "" {
		a.Plan = b.Plan
	}
}

func (s *stamper) takePending(ctx context.Context) ([]rowChange, error) {
	rows, err := s.tx.QueryContext(ctx, `SELECT data FROM sync_pending`)
	if err != nil {
		return nil, err
	}
	var out []rowChange
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			rows.Close()
			return nil, err
		}
		var c rowChange
		if err := json.Unmarshal([]byte(d), &c); err != nil {
			continue // unreadable: dropped
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) > 0 {
		if _, err := s.tx.ExecContext(ctx, `DELETE FROM sync_pending`); err != nil {
			return nil, err
		}
	}
	// Values of known tables were checked before they waited; check again
	// now that the table may be known.
	for i := range out {
		if st := s.db.syncTable(out[i].Table); st != nil {
			for k, f := range out[i].Fields {
				j := st.colIndex(k)
				if j < 0 {
					delete(out[i].Fields, k)
					continue
				}
				if v, err := checkValue(st.cols[j], f.Value); err == nil {
					f.Value = v
					out[i].Fields[k] = f
				} else {
					delete(out[i].Fields, k)
				}
			}
		}
	}
	return out, nil
}

func (s *stamper) keepPending(ctx context.Context, c rowChange) error {
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = s.tx.ExecContext(ctx, `INSERT INTO sync_pending (tbl, row_id, data) VALUES (?,?,?)
		ON CONFLICT (tbl, row_id) DO UPDATE SET data = excluded.data`, c.Table, c.ID, string(b))
	return err
}

// tableStmts are the prepared statements of merging into one table.
type tableStmts struct {
	update, saveClock, saveFields *sql.Stmt
	inserts                       map[string]*sql.Stmt // by column list
}

func (t *tableStmts) close() {
	for _, s := range t.inserts {
		s.Close()
	}
	for _, s := range []*sql.Stmt{t.update, t.saveClock, t.saveFields} {
		if s != nil {
			s.Close()
		}
	}
}

func (s *stamper) prepare(ctx context.Context, st *syncTable) (*tableStmts, error) {
	t := &tableStmts{inserts: map[string]*sql.Stmt{}}
	var err error
	names := st.colNames()
	sets := make([]string, len(names))
	for i, n := range names {
		sets[i] = n + " = ?"
	}
	if t.update, err = s.tx.PrepareContext(ctx, `UPDATE `+st.name+` SET `+strings.Join(sets, ", ")+`, updated_at = ? WHERE id = ?`); err != nil {
		return nil, err
	}
	if t.saveClock, err = s.tx.PrepareContext(ctx, saveClockSQL); err != nil {
		return nil, err
	}
	if t.saveFields, err = s.tx.PrepareContext(ctx, `UPDATE sync_rows SET fields = ? WHERE tbl = ? AND row_id = ?`); err != nil {
		return nil, err
	}
	return t, nil
}

type groupRef struct{ table, plan, grp string }

// mergeTable merges the changes of one table.
func (s *stamper) mergeTable(ctx context.Context, st *syncTable, changes map[string]*rowChange) (MergeStats, error) {
	var stats MergeStats
	t, err := s.prepare(ctx, st)
	if err != nil {
		return stats, err
	}
	defer t.close()
	ids := make([]string, 0, len(changes))
	for id := range changes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	touched := map[groupRef]bool{}
	exclPlans := map[string]bool{}
	gi := -1
	if st.group != "" {
		gi = st.colIndex(st.group)
	}
	delIdx := st.colIndex("deleted_at")
	present := map[string][]any{}
	clocks := map[string]*rowClock{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := readRows(ctx, s.tx, st, `id IN (`+placeholders(len(chunk))+`)`, args)
		if err != nil {
			return stats, err
		}
		for _, r := range rows {
			present[r.id] = r.vals
		}
		cl, err := loadClocksOf(ctx, s.tx, st, chunk)
		if err != nil {
			return stats, err
		}
		for id, rc := range cl {
			clocks[id] = rc
		}
	}
	for _, id := range ids {
		c := changes[id]
		for _, f := range c.Fields {
			s.observe(version(f.Ver).clock())
		}
		if c.Key != nil {
			s.observe(version(c.Key.Ver).clock())
		}
		cur, exists := present[id]
		rc := clocks[id]
		if rc == nil {
			rc = &rowClock{fields: map[string]fieldClock{}}
		}
		if st.planCol == "plan_id" && c.Plan != "" && rc.plan == "" {
			rc.plan = c.Plan
		}
		if st.planCol == "id" {
			rc.plan = id
		}
		if !exists {
			added, err := s.insertRow(ctx, st, t, c, rc, &stats)
			if err != nil {
				return stats, err
			}
			if added {
				stats.Added++
				if st.pos {
					touched[groupRef{st.name, rc.plan, rc.grp}] = true
				}
				if st.exclCol != "" {
					exclPlans[rc.plan] = true
				}
			}
			continue
		}
		before := *rc
		next := append([]any(nil), cur...)
		took := false
		for i, col := range st.cols {
			in, ok := c.Fields[col.name]
			if !ok {
				continue
			}
			local := rc.fields[col.name]
			if version(in.Ver) == local.Ver {
				continue
			}
			if version(in.Ver) > local.Ver {
				if s.isConflict(local, version(in.Base), cur[i], in.Value) {
					if err := s.recordConflict(ctx, st, id, rc.plan, col.name, cur[i], local.Ver, in.Value, version(in.Ver)); err != nil {
						return stats, err
					}
					stats.Conflicts++
				}
				next[i] = in.Value
				rc.fields[col.name] = fieldClock{Ver: version(in.Ver), Base: version(in.Base), Hash: valueHash(in.Value)}
				took = true
			} else if local.Ver.device() == s.device && local.Base < version(in.Ver) && valueHash(in.Value) != valueHash(cur[i]) {
				// This device's edit won over one made without seeing it.
				if err := s.recordConflict(ctx, st, id, rc.plan, col.name, in.Value, version(in.Ver), cur[i], local.Ver); err != nil {
					return stats, err
				}
				stats.Conflicts++
			}
		}
		if c.Key != nil && st.pos {
			local := rc.fields[posField]
			if version(c.Key.Ver) > local.Ver {
				rc.key = c.Key.Value.(string)
				rc.fields[posField] = fieldClock{Ver: version(c.Key.Ver), Base: version(c.Key.Base)}
				touched[groupRef{st.name, rc.plan, rc.grp}] = true
				took = true
			}
		}
		if !took {
			stats.Kept++
			continue
		}
		if gi >= 0 {
			g := fmt.Sprint(next[gi])
			if g != rc.grp {
				touched[groupRef{st.name, rc.plan, rc.grp}] = true
				rc.grp = g
				touched[groupRef{st.name, rc.plan, rc.grp}] = true
			}
		}
		if st.onePer && delIdx >= 0 && next[delIdx] == nil && cur[delIdx] != nil {
			if err := s.onePerPlan(ctx, st, t, id, rc, next, delIdx); err != nil {
				return stats, err
			}
		}
		args := append(next, timeText(rowTime(rc)), id)
		if _, err := t.update.ExecContext(ctx, args...); err != nil {
			if isUnique(err) || isCheck(err) {
				stats.Rejected = append(stats.Rejected, fmt.Sprintf("a row of %s could not be changed: %s", st.name, app.ErrorMessage(err)))
				continue
			}
			return stats, err
		}
		if rc.exists && rc.plan == before.plan && rc.grp == before.grp && rc.key == before.key && rc.seq == before.seq {
			// Only versions changed: leave the record's indexes alone.
			if _, err := t.saveFields.ExecContext(ctx, encodeFields(rc.fields), st.name, id); err != nil {
				return stats, err
			}
		} else if err := saveClock(ctx, t.saveClock, st.name, id, rc); err != nil {
			return stats, err
		}
		if st.exclCol != "" {
			exclPlans[rc.plan] = true
		}
		stats.Changed++
	}
	for g := range touched {
		if err := s.renumber(ctx, st, g); err != nil {
			return stats, err
		}
	}
	if st.exclCol != "" {
		for p := range exclPlans {
			if err := s.oneExclusive(ctx, st, p); err != nil {
				return stats, err
			}
		}
	}
	return stats, nil
}

// isConflict reports whether the write won (replacing lost) was made
// without knowing lost, which this device wrote, and their values differ:
// two edits of the same field that had not seen each other.
func (s *stamper) isConflict(lost fieldClock, wonBase version, lostVal, wonVal any) bool {
	if lost.Ver == "" || lost.Ver.device() != s.device {
		return false
	}
	if wonBase >= lost.Ver {
		return false // the winner had seen the loser
	}
	return valueHash(lostVal) != valueHash(wonVal)
}

// rowTime is the wall time of a row's newest field version.
func rowTime(rc *rowClock) time.Time {
	var newest version
	for _, f := range rc.fields {
		if f.Ver > newest {
			newest = f.Ver
		}
	}
	return newest.clock().Time()
}

func (s *stamper) insertRow(ctx context.Context, st *syncTable, t *tableStmts, c *rowChange, rc *rowClock, stats *MergeStats) (bool, error) {
	cols := []string{"id", "updated_at"}
	vals := []any{c.ID, ""}
	if st.planCol == "plan_id" {
		cols, vals = append(cols, "plan_id"), append(vals, c.Plan)
	}
	if st.pos {
		cols, vals = append(cols, "position"), append(vals, 0)
	}
	delIdx := -1
	for i, col := range st.cols {
		in, ok := c.Fields[col.name]
		if !ok {
			continue
		}
		if col.name == "deleted_at" {
			delIdx = len(vals)
		}
		cols, vals = append(cols, col.name), append(vals, in.Value)
		rc.fields[col.name] = fieldClock{Ver: version(in.Ver), Base: version(in.Base), Hash: valueHash(in.Value)}
		if col.name == st.group {
			rc.grp = fmt.Sprint(in.Value)
		}
		_ = i
	}
	if c.Key != nil && st.pos {
		rc.key = c.Key.Value.(string)
		rc.fields[posField] = fieldClock{Ver: version(c.Key.Ver), Base: version(c.Key.Base)}
	}
	vals[1] = timeText(rowTime(rc))
	if st.onePer && delIdx >= 0 && vals[delIdx] == nil {
		next := make([]any, len(st.cols))
		di := st.colIndex("deleted_at")
		if err := s.onePerPlan(ctx, st, t, c.ID, rc, next, di); err != nil {
			return false, err
		}
		if next[di] != nil {
			vals[delIdx] = next[di]
		}
	}
	sig := strings.Join(cols, ",")
	ins := t.inserts[sig]
	if ins == nil {
		var err error
		if ins, err = s.tx.PrepareContext(ctx, `INSERT INTO `+st.name+` (`+strings.Join(cols, ", ")+`) VALUES (`+placeholders(len(cols))+`)`); err != nil {
			return false, err
		}
		t.inserts[sig] = ins
	}
	_, err := ins.ExecContext(ctx, vals...)
	switch {
	case err == nil:
	case isForeignKey(err) || isNotNull(err):
		// Its plan (or a value only a newer version sends) is not here yet.
		if err := s.keepPending(ctx, *c); err != nil {
			return false, err
		}
		stats.Waiting++
		return false, nil
	case isUnique(err) || isCheck(err):
		stats.Rejected = append(stats.Rejected, fmt.Sprintf("a row of %s could not be added: %s", st.name, app.ErrorMessage(err)))
		return false, nil
	default:
		return false, err
	}
	return true, saveClock(ctx, t.saveClock, st.name, c.ID, rc)
}

// onePerPlan keeps one live row per plan in a table that allows only one
// when two devices each made one: the row with the larger ID stays, the
// other is deleted (as this device's change, so every device agrees).
// next is the incoming row's values; its deleted_at is set when it loses.
func (s *stamper) onePerPlan(ctx context.Context, st *syncTable, t *tableStmts, id string, rc *rowClock, next []any, delIdx int) error {
	rows, err := s.tx.QueryContext(ctx, `SELECT id FROM `+st.name+` WHERE plan_id = ? AND deleted_at IS NULL AND id <> ?`, rc.plan, id)
	if err != nil {
		return err
	}
	var others []string
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			rows.Close()
			return err
		}
		others = append(others, o)
	}
	rows.Close()
	now := timeText(s.wall)
	for _, o := range others {
		if o > id {
			next[delIdx] = now
			old := rc.fields["deleted_at"]
			rc.fields["deleted_at"] = fieldClock{Ver: s.ver(), Base: old.Ver, Hash: valueHash(now)}
			rc.seq = s.nextSeq()
			continue
		}
		if _, err := s.tx.ExecContext(ctx, `UPDATE `+st.name+` SET deleted_at = ? WHERE id = ?`, now, o); err != nil {
			return err
		}
		if _, err := s.capture(ctx, st, []string{rc.plan}); err != nil {
			return err
		}
	}
	return nil
}

// oneExclusive keeps an exclusive flag on one live row of a plan after a
// merge: the row whose flag was set last.
func (s *stamper) oneExclusive(ctx context.Context, st *syncTable, plan string) error {
	rows, err := s.tx.QueryContext(ctx, `SELECT t.id, r.fields FROM `+st.name+` t JOIN sync_rows r ON r.tbl = ? AND r.row_id = t.id
		WHERE t.plan_id = ? AND t.deleted_at IS NULL AND t.`+st.exclCol+` = 1`, st.name, plan)
	if err != nil {
		return err
	}
	type flagged struct {
		id  string
		ver version
	}
	var set []flagged
	for rows.Next() {
		var id, f string
		if err := rows.Scan(&id, &f); err != nil {
			rows.Close()
			return err
		}
		var m map[string]fieldClock
		decodeFields(f, &m)
		set = append(set, flagged{id, m[st.exclCol].Ver})
	}
	rows.Close()
	if len(set) < 2 {
		return nil
	}
	sort.Slice(set, func(i, j int) bool { return set[i].ver > set[j].ver })
	for _, f := range set[1:] {
		if _, err := s.tx.ExecContext(ctx, `UPDATE `+st.name+` SET `+st.exclCol+` = 0 WHERE id = ?`, f.id); err != nil {
			return err
		}
	}
	_, err = s.capture(ctx, st, []string{plan})
	return err
}

// renumber sets the integer positions of a group's rows to their order by
// position key.
func (s *stamper) renumber(ctx context.Context, st *syncTable, g groupRef) error {
	rows, err := s.tx.QueryContext(ctx, `SELECT row_id FROM sync_rows WHERE tbl = ? AND plan_id = ? AND grp = ? ORDER BY pos_key, row_id`, st.name, g.plan, g.grp)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	stmt, err := s.tx.PrepareContext(ctx, `UPDATE `+st.name+` SET position = ? WHERE id = ? AND position <> ?`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, id := range ids {
		if _, err := stmt.ExecContext(ctx, i, id, i); err != nil {
			return err
		}
	}
	return nil
}

// recordConflict keeps the value that lost.
func (s *stamper) recordConflict(ctx context.Context, st *syncTable, id, plan, col string, lost any, lostVer version, won any, wonVer version) error {
	lb, _ := json.Marshal(lost)
	wb, _ := json.Marshal(won)
	_, err := s.tx.ExecContext(ctx, `INSERT INTO sync_conflicts (id, tbl, row_id, plan_id, col, lost_value, lost_ver, won_value, won_ver, detected_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, NewID(), st.name, id, plan, col, string(lb), string(lostVer), string(wb), string(wonVer), timeText(s.wall))
	return err
}

// Conflict is an edit that lost to another device's edit of the same
// field made without seeing it (or the other device's edit that lost to
// this one's).
type Conflict struct {
	ID         string    `json:"id"`
	Table      string    `json:"table"`
	RowID      string    `json:"row_id"`
	PlanID     string    `json:"plan_id"`
	Column     string    `json:"column"`
	Lost       any       `json:"lost"`
	LostDevice string    `json:"lost_device"`
	LostAt     time.Time `json:"lost_at"`
	Won        any       `json:"won"`
	WonDevice  string    `json:"won_device"`
	WonAt      time.Time `json:"won_at"`
	DetectedAt time.Time `json:"detected_at"`
}

// Conflicts lists the open conflicts, newest first.
func (db *DB) Conflicts(ctx context.Context) ([]Conflict, error) {
	var out []Conflict
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, tbl, row_id, plan_id, col, lost_value, lost_ver, won_value, won_ver, detected_at
			FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY detected_at DESC, id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c Conflict
			var lost, won, lv, wv, at string
			if err := rows.Scan(&c.ID, &c.Table, &c.RowID, &c.PlanID, &c.Column, &lost, &lv, &won, &wv, &at); err != nil {
				return err
			}
			json.Unmarshal([]byte(lost), &c.Lost)
			json.Unmarshal([]byte(won), &c.Won)
			c.LostDevice, c.LostAt = version(lv).device(), version(lv).clock().Time()
			c.WonDevice, c.WonAt = version(wv).device(), version(wv).clock().Time()
			c.DetectedAt = parseTime(at)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// RestoreConflict writes a conflict's losing value back into its field, as
// a new edit on this device (which then wins everywhere), and closes the
// conflict.
func (db *DB) RestoreConflict(ctx context.Context, id string) error {
	return db.resolveConflict(ctx, id, true)
}

// DismissConflict closes a conflict and keeps the value that won.
func (db *DB) DismissConflict(ctx context.Context, id string) error {
	return db.resolveConflict(ctx, id, false)
}

func (db *DB) resolveConflict(ctx context.Context, id string, restore bool) error {
	return db.Update(ctx, func(tx *Tx) error {
		var tbl, row, plan, col, lost string
		err := tx.tx.QueryRowContext(ctx, `SELECT tbl, row_id, plan_id, col, lost_value FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL`, id).
			Scan(&tbl, &row, &plan, &col, &lost)
		if errors.Is(err, sql.ErrNoRows) {
			return app.Errorf(app.ErrNotFound, "That change was already restored or dismissed.")
		}
		if err != nil {
			return err
		}
		if restore {
			st := db.syncTable(tbl)
			if st == nil || st.colIndex(col) < 0 {
				return app.Errorf(app.ErrInvalid, "This version of Salesplan does not know %s.%s, so the value cannot be restored.", tbl, col)
			}
			d := json.NewDecoder(strings.NewReader(lost))
			d.UseNumber()
			var v any
			if err := d.Decode(&v); err != nil {
				return err
			}
			val, err := checkValue(st.cols[st.colIndex(col)], v)
			if err != nil {
				return app.Errorf(app.ErrInvalid, "The value that lost cannot be restored: %v.", err)
			}
			res, err := tx.tx.ExecContext(ctx, `UPDATE `+tbl+` SET `+col+` = ?, updated_at = ? WHERE id = ?`, val, tx.now(), row)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return app.Errorf(app.ErrNotFound, "The row of that change no longer exists.")
			}
			tx.markDirty(tbl, plan)
		}
		_, err = tx.tx.ExecContext(ctx, `UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?`, tx.now(), id)
		return err
	})
}

func isCheck(err error) bool {
	return err != nil && strings.Contains(err.Error(), "CHECK constraint failed")
}

func isNotNull(err error) bool {
	return err != nil && strings.Contains(err.Error(), "NOT NULL constraint failed")
}
