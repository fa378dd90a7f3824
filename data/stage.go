package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"salesplan/app"
)

// idRemap says how a table's integer keys move when staged rows are copied
// into a workspace that has rows of its own: the column and the table whose
// largest key is added to it. Tables not listed here have text (UUID) keys
// and are copied as they are.
var idRemap = map[string][]struct{ column, table string }{
	"import_batches": {{"id", "import_batches"}},
	"sales_names":    {{"id", "sales_names"}},
	"sales": {{"id", "sales"}, {"batch_id", "import_batches"},
		{"product", "sales_names"}, {"product_group", "sales_names"}, {"region", "sales_names"},
		{"customer", "sales_names"}, {"salesperson", "sales_names"}, {"channel", "sales_names"}},
}

// AllOrNothing runs fn on a new, empty staging workspace (in the system's
// temporary folder) and then copies everything fn created there into db in
// one transaction: db gets all of it or, if fn fails or the process is
// killed at any moment, none of it. fn may only create new things (it does
// not see db's rows); it is meant for the demo, which creates a business,
// imports its history and writes a whole plan through the ordinary store
// calls.
func (db *DB) AllOrNothing(ctx context.Context, fn func(stage *DB) error) error {
	RemoveStaleStages()
	dir, err := os.MkdirTemp("", stagePrefix)
	if err != nil {
		return explainWrite(err, os.TempDir())
	}
	defer os.RemoveAll(dir)
	lock, err := os.Create(filepath.Join(dir, "lock"))
	if err != nil {
		return explainWrite(err, dir)
	}
	defer lock.Close()
	lockFile(lock) // marks the stage as in use until this process ends
	stagePath := filepath.Join(dir, "stage.salesplan")
	stage, err := Open(stagePath)
	if err != nil {
		return err
	}
	stage.Now = db.Now
	stage.tables, stage.order = db.tables, db.order // the same declared content tables
	if err := fn(stage); err != nil {
		stage.Close()
		return err
	}
	if err := stage.Close(); err != nil {
		return err
	}
	return db.merge(ctx, stagePath)
}

// stagePrefix names the staging folders in the system's temporary folder.
const stagePrefix = "salesplan-stage-"

// RemoveStaleStages removes the staging folders that killed runs left in
// the system's temporary folder (unlocked and older than a minute) and
// returns how many.
func RemoveStaleStages() int {
	matches, _ := filepath.Glob(filepath.Join(globEscape(os.TempDir()), stagePrefix+"*"))
	n := 0
	for _, m := range matches {
		st, err := os.Stat(m)
		if err != nil || !st.IsDir() || time.Since(st.ModTime()) < staleAfter {
			continue
		}
		f, err := os.Open(filepath.Join(m, "lock"))
		if err == nil {
			free := lockFile(f)
			f.Close()
			if !free {
				continue
			}
		}
		if os.RemoveAll(m) == nil {
			n++
		}
	}
	return n
}

// merge copies every row of the workspace at stagePath (same schema) into
// db in one immediate transaction, moving integer keys past db's own.
func (db *DB) merge(ctx context.Context, stagePath string) error {
	conn, err := db.wdb.Conn(ctx)
	if err != nil {
		return explain(err, db.path, "")
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS stage", dsn(stagePath, "mode=ro")); err != nil {
		return explain(err, db.path, "The staged changes could not be read; nothing was changed.")
	}
	defer conn.ExecContext(context.Background(), "DETACH DATABASE stage")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return explain(err, db.path, "")
	}
	defer tx.Rollback()
	if err := copyAll(ctx, tx); err != nil {
		return explain(err, db.path, "")
	}
	return explain(tx.Commit(), db.path, "")
}

// copyAll copies the staged rows of every table, in creation order.
func copyAll(ctx context.Context, tx *sql.Tx) error {
	// Parents and children may be copied in any order; the foreign keys are
	// checked at commit.
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	migs, err := migrations()
	if err != nil {
		return err
	}
	offsets := map[string]int64{}
	for _, t := range []string{"import_batches", "sales_names", "sales"} {
		var n int64
		if err := tx.QueryRowContext(ctx, fmt.Sprintf("SELECT coalesce(max(id), 0) FROM main.%s", t)).Scan(&n); err != nil {
			return err
		}
		offsets[t] = n
	}
	for _, t := range schemaTables(migs) {
		if t == "settings" || strings.HasPrefix(t, "sync_") {
			continue // the stage's settings and device are its own; its rows are adopted on the next sync
		}
		cols, err := tableColumns(ctx, tx, t)
		if err != nil {
			return err
		}
		sel := make([]string, len(cols))
		copy(sel, cols)
		for i, c := range cols {
			for _, r := range idRemap[t] {
				if r.column == c {
					sel[i] = fmt.Sprintf(`"%s" + %d`, c, offsets[r.table])
				}
			}
		}
		q := fmt.Sprintf(`INSERT INTO main."%s" (%s) SELECT %s FROM stage."%s"`, t, quoteCols(cols), joinCols(sel), t)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("copy %s: %w", t, err)
		}
	}
	return nil
}

func tableColumns(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT name FROM pragma_table_info('%s', 'main')`, table))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	if len(cols) == 0 {
		return nil, app.Errorf(app.ErrInternal, "The workspace has no table %s.", table)
	}
	return cols, rows.Err()
}

func quoteCols(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = `"` + c + `"`
	}
	return joinCols(q)
}

func joinCols(cols []string) string {
	out := ""
	for i, c := range cols {
		if i > 0 {
			out += ", "
		}
		if c[0] != '"' {
			c = `"` + c + `"`
		}
		out += c
	}
	return out
}
