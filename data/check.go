package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"salesplan/app"
)

// CheckResult is the outcome of an integrity check of a workspace file.
type CheckResult struct {
	Path     string
	Problems []string // SQLite's findings; empty when intact
	// NewestBackup is the newest intact backup beside the workspace ("" if
	// there is none).
	NewestBackup string
}

// OK reports whether the check found nothing wrong.
func (r CheckResult) OK() bool { return len(r.Problems) == 0 }

// maxProblems caps the findings kept from integrity_check.
const maxProblems = 20

// CheckWorkspace runs SQLite's integrity check (quick: the faster
// quick_check) on the workspace at path, reading only: it writes nothing
// into the file and creates nothing beside it. A file that is not a
// workspace at all is an error; damage is a result.
func CheckWorkspace(ctx context.Context, path string, quick bool) (CheckResult, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return CheckResult{}, err
	}
	res := CheckResult{Path: abs}
	migs, err := migrations()
	if err != nil {
		return res, err
	}
	state, _, err := inspect(abs, migs)
	switch {
	case app.ErrorCode(err) == ErrDamaged:
		res.Problems = []string{app.ErrorMessage(err)}
	case err != nil:
		return res, err
	case state == fileMissing:
		return res, app.Errorf(app.ErrNotFound, "There is no workspace at %s. Check the file name (or --db); nothing was created.", abs)
	case state == fileEmpty:
		return res, app.Errorf(app.ErrNotWorkspace, "%s is an empty file, not a workspace. It was left untouched; check the file name (or --db).", abs)
	default:
		res.Problems, err = integrityProblems(ctx, abs, quick)
		if err != nil {
			return res, err
		}
	}
	if !res.OK() {
		res.NewestBackup = newestBackup(abs)
	}
	return res, nil
}

// integrityProblems runs integrity_check or quick_check read-only.
func integrityProblems(ctx context.Context, path string, quick bool) ([]string, error) {
	ro, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer ro.Close()
	return integrityProblemsOn(ctx, ro, quick)
}

// integrityProblemsOn runs the check on conn.
func integrityProblemsOn(ctx context.Context, conn *sql.DB, quick bool) ([]string, error) {
	pragma := "integrity_check"
	if quick {
		pragma = "quick_check"
	}
	rows, err := conn.QueryContext(ctx, fmt.Sprintf("PRAGMA %s(%d)", pragma, maxProblems))
	if err != nil {
		return damageOrErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return damageOrErr(err)
		}
		if s != "ok" {
			out = append(out, s)
		}
	}
	if err := rows.Err(); err != nil {
		return damageOrErr(err)
	}
	return out, nil
}

// damageOrErr turns a "database disk image is malformed" into a finding.
func damageOrErr(err error) ([]string, error) {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil, err
	}
	if app.ErrorCode(explain(err, "", "")) == ErrDamaged {
		return []string{err.Error()}, nil
	}
	return nil, err
}

// newestBackup returns the newest backup beside the workspace that passes a
// quick check, or "".
func newestBackup(workspace string) string {
	matches, _ := filepath.Glob(globEscape(workspace) + ".*.bak")
	type cand struct {
		path string
		mod  int64
	}
	var cs []cand
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil && st.Mode().IsRegular() {
			cs = append(cs, cand{m, st.ModTime().UnixNano()})
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].mod > cs[j].mod })
	for _, c := range cs {
		if checkCopy(c.path) == nil {
			return c.path
		}
	}
	return ""
}

// QuickCheck runs SQLite's quick_check on the open workspace. When the file
// is damaged it returns an *app.Error (code ErrDamaged) naming the newest
// backup, and from then on every write returns it too, so that nothing more
// is written into the damaged file.
func (db *DB) QuickCheck(ctx context.Context) error {
	conn := db.rdb
	if conn == nil { // during the migration on open
		conn = db.wdb
	}
	problems, err := integrityProblemsOn(ctx, conn, true)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		e := db.damaged(problems[0])
		db.refuse.Store(e)
		return e
	}
	return nil
}

// damaged is the refusal to write into a damaged workspace.
func (db *DB) damaged(finding string) *app.Error {
	msg := fmt.Sprintf("The workspace %s is damaged, so Salesplan wrote nothing into it.", db.path)
	if b := newestBackup(db.path); b != "" {
		msg += fmt.Sprintf(" Restore it from the newest backup, %s (close Salesplan, then copy the backup over the workspace).", b)
	} else {
		msg += " No backup was found beside it; run 'salesplan check' for details."
	}
	return &app.Error{Code: ErrDamaged, Message: msg, Err: errors.New(finding)}
}

// Checkpoint copies the committed changes in the -wal into the workspace
// file, without waiting for readers, so that a plain copy of the file has
// them. The GUI calls it when idle; Close does it too.
func (db *DB) Checkpoint(ctx context.Context) error {
	_, err := db.wdb.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
	return explain(err, db.path, "")
}
