package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"salesplan/app"
)

// SalvageReport says what Salvage could read from a damaged workspace.
type SalvageReport struct {
	Copied map[string]int64 // rows copied per table
	Lost   []string         // tables, or rowid ranges of tables, that could not be read
}

// salvageChunk is how many rows are tried at a time once a table turns out
// to be damaged.
const salvageChunk = 256

// Salvage reads what SQLite can still read from the (damaged) workspace at
// damaged and writes it as a new workspace to out, leaving damaged as it
// is. Tables are copied whole where possible, else in small rowid ranges,
// skipping those that cannot be read; rows whose parent was lost are
// dropped and the monthly roll-ups are rebuilt from the sales rows kept.
// out is written under a temporary name and renamed when complete.
func Salvage(ctx context.Context, damaged, out string) (SalvageReport, error) {
	rep := SalvageReport{Copied: map[string]int64{}}
	src, err := filepath.Abs(damaged)
	if err != nil {
		return rep, err
	}
	migs, err := migrations()
	if err != nil {
		return rep, err
	}
	state, ver, err := inspect(src, migs)
	if err != nil {
		return rep, err
	}
	if state == fileMissing {
		return rep, app.Errorf(app.ErrNotFound, "There is no workspace at %s. Check the file name (or --db); nothing was created.", src)
	}
	if state != fileWorkspace || ver != len(migs) {
		return rep, app.Errorf(app.ErrInvalid, "%s is not a workspace of this version of Salesplan, so nothing could be saved from it.", src)
	}
	if err := CheckTarget(out, src); err != nil {
		return rep, err
	}
	dest, err := filepath.Abs(out)
	if err != nil {
		return rep, err
	}
	RemoveStaleTemps(dest)
	tmp, err := createTemp(dest) // locked while we write
	if err != nil {
		return rep, err
	}
	tmpName := tmp.Name()
	defer tmp.Close()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmpName)
			os.Remove(tmpName + "-wal")
			os.Remove(tmpName + "-shm")
		}
	}()
	db, err := Open(tmpName) // an empty file: a new workspace
	if err != nil {
		return rep, err
	}
	if err := salvageInto(ctx, db, src, migs, &rep); err != nil {
		db.Close()
		return rep, err
	}
	if err := db.Close(); err != nil {
		return rep, err
	}
	if err := checkCopy(tmpName); err != nil {
		return rep, &app.Error{Code: app.ErrInternal, Message: "The saved copy did not check out, so it was not kept. The damaged workspace was not changed.", Err: err}
	}
	if err := os.Rename(tmpName, dest); err != nil {
		return rep, &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("Cannot save %s. Is it open in another program? Close it there or choose another name.", dest), Err: err}
	}
	syncDir(filepath.Dir(dest))
	ok = true
	return rep, nil
}

func salvageInto(ctx context.Context, db *DB, src string, migs []string, rep *SalvageReport) error {
	conn, err := db.wdb.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	params := "mode=ro"
	if st, err := os.Stat(src + "-wal"); err != nil || st.Size() == 0 {
		params += "&immutable=1"
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON")
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS dmg", dsn(src, params)); err != nil {
		return explain(err, src, "")
	}
	// Each statement in its own transaction: after SQLite meets a damaged
	// page it refuses further reads until the reading transaction ends.
	for _, t := range schemaTables(migs) {
		if t == "sales_monthly" {
			continue // rebuilt from the sales rows below
		}
		if err := salvageTable(ctx, conn, t, rep); err != nil {
			return fmt.Errorf("salvage %s: %w", t, err)
		}
	}
	if _, err := conn.ExecContext(ctx, "DETACH DATABASE dmg"); err != nil {
		return fmt.Errorf("detach: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Drop rows whose parent row was lost.
	for {
		rows, err := tx.QueryContext(ctx, `PRAGMA main.foreign_key_check`)
		if err != nil {
			return fmt.Errorf("foreign keys: %w", err)
		}
		type orphan struct {
			table string
			rowid int64
		}
		var orphans []orphan
		for rows.Next() {
			var o orphan
			var parent string
			var fk int64
			if err := rows.Scan(&o.table, &o.rowid, &parent, &fk); err != nil {
				rows.Close()
				return err
			}
			orphans = append(orphans, o)
		}
		rows.Close()
		if len(orphans) == 0 {
			break
		}
		for _, o := range orphans {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`DELETE FROM main."%s" WHERE rowid = ?`, o.table), o.rowid); err != nil {
				return err
			}
			rep.Copied[o.table]--
		}
	}
	bizRows, err := tx.QueryContext(ctx, `SELECT id FROM main.businesses`)
	if err != nil {
		return err
	}
	var biz []string
	for bizRows.Next() {
		var id string
		bizRows.Scan(&id)
		biz = append(biz, id)
	}
	bizRows.Close()
	for _, id := range biz {
		if err := rebuildRollups(ctx, tx, id, "0001-01", "9999-12"); err != nil {
			return fmt.Errorf("roll-ups: %w", err)
		}
	}
	sort.Strings(rep.Lost)
	return tx.Commit()
}

// salvageTable copies table t from dmg: whole, or in rowid ranges.
func salvageTable(ctx context.Context, conn *sql.Conn, t string, rep *SalvageReport) error {
	copyRows := func(where string) (int64, error) {
		res, err := conn.ExecContext(ctx, fmt.Sprintf(`INSERT OR IGNORE INTO main."%s" SELECT * FROM dmg."%s"%s`, t, t, where))
		if err != nil {
			return 0, err
		}
		return res.RowsAffected()
	}
	if n, err := copyRows(""); err == nil {
		rep.Copied[t] += n
		return nil
	}
	var hi sql.NullInt64
	if err := conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT max(rowid) FROM dmg."%s"`, t)).Scan(&hi); err != nil || !hi.Valid {
		rep.Lost = append(rep.Lost, t)
		return nil
	}
	// Ranges of rowids, narrowed where they fail so that the rows beside
	// a damaged page are kept; adjacent lost ranges are reported as one.
	lostFrom, lostTo := int64(-1), int64(-1)
	flush := func() {
		if lostFrom >= 0 {
			rep.Lost = append(rep.Lost, fmt.Sprintf("%s rows %d–%d", t, lostFrom, lostTo))
			lostFrom = -1
		}
	}
	var walk func(lo, size int64) error
	walk = func(lo, size int64) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := copyRows(fmt.Sprintf(" WHERE rowid BETWEEN %d AND %d", lo, lo+size-1))
		if err == nil {
			flush()
			rep.Copied[t] += n
			return nil
		}
		if size > 1 {
			step := max(1, size/16)
			for sub := lo; sub < lo+size; sub += step {
				if err := walk(sub, step); err != nil {
					return err
				}
			}
			return nil
		}
		if lostFrom < 0 {
			lostFrom = lo
		}
		lostTo = lo
		return nil
	}
	for lo := int64(0); lo <= hi.Int64; lo += salvageChunk {
		if err := walk(lo, salvageChunk); err != nil {
			return err
		}
	}
	flush()
	return nil
}
