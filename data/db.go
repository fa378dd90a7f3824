// Package data is the SQLite store of a Salesplan workspace: one file per
// workspace, embedded ordered migrations, a backup before any migration,
// and one write path that retries while another writer holds the lock.
package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"

	"salesplan/app"
)

// ApplicationID marks a SQLite file as a Salesplan workspace ('SPLN').
const ApplicationID = 0x53504C4E

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is an open workspace.
type DB struct {
	path string
	rdb  *sql.DB // readers: deferred transactions, query_only
	wdb  *sql.DB // the single writer connection: immediate transactions

	// Now returns the current time; tests replace it for deterministic output.
	Now func() time.Time

	// BusyRetry is how long a write keeps retrying while another process
	// holds the write lock.
	BusyRetry time.Duration

	// WasEmpty reports that the file was empty (zero bytes) and Open made a
	// new workspace of it.
	WasEmpty bool

	// ReadOnly reports that the workspace could be opened for reading only
	// (OpenExisting on a read-only file, folder or disk); every write
	// returns a sentence saying so.
	ReadOnly bool

	watchMu sync.Mutex
	lastVer int64

	// tables are the declared content tables, by name and in order.
	tables map[string]*tableSpec
	order  []*tableSpec

	// refuse, once set (a check found damage), is returned by every write.
	refuse atomic.Pointer[app.Error]

	// seenFiles maps a sync folder file (path, size, time) to the SHA-256
	// it had when read, so an unchanged file is not read again (sync).
	seenFiles sync.Map
}

// migrations returns the embedded migrations in order.
func migrations() ([]string, error) {
	names, err := migrationFS.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, n := range names {
		files = append(files, n.Name())
	}
	sort.Strings(files)
	var out []string
	for _, f := range files {
		b, err := migrationFS.ReadFile("migrations/" + f)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// SchemaVersion is the user_version this build writes.
func SchemaVersion() int {
	m, _ := migrations()
	return len(m)
}

func dsn(path string, params string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(path) + "?" + params
}

// Open opens the workspace at path, creating it when the file does not
// exist (in an existing folder only) or is empty. A file that is not a
// Salesplan workspace or that comes from a newer version is refused with an
// *app.Error and left byte-for-byte untouched, with nothing created beside
// it. An older workspace is backed up next to itself before it is migrated.
func Open(path string) (*DB, error) {
	migs, err := migrations()
	if err != nil {
		return nil, err
	}
	return open(path, migs, true)
}

// OpenExisting opens the workspace at path like Open, but refuses a path
// where there is no workspace yet (missing or empty file) and creates
// nothing: for commands that only read or change what is there.
func OpenExisting(path string) (*DB, error) {
	migs, err := migrations()
	if err != nil {
		return nil, err
	}
	return open(path, migs, false)
}

// fileState is what inspect found at a path.
type fileState int

const (
	fileMissing   fileState = iota // nothing at the path
	fileEmpty                      // a zero-byte file
	fileWorkspace                  // a Salesplan workspace (of some version)
)

// open opens path and brings it to the schema of migs; create allows a new
// workspace where there is none yet.
func open(path string, migs []string, create bool) (*DB, error) {
	if path == "" {
		return nil, app.Errorf(app.ErrInvalid, "No workspace file was given.")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("%s is not a usable file name.", path), Err: err}
	}
	state, version, err := inspect(abs, migs)
	if err != nil {
		return nil, err
	}
	switch {
	case state == fileMissing && !create:
		return nil, app.Errorf(app.ErrNotFound, "There is no workspace at %s. Check the file name (or --db); nothing was created.", abs)
	case state == fileEmpty && !create:
		return nil, app.Errorf(app.ErrNotWorkspace, "%s is an empty file, not a workspace. It was left untouched; check the file name (or --db).", abs)
	case state == fileMissing:
		dir := filepath.Dir(abs)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, app.Errorf(app.ErrNotFound, "The folder %s does not exist, so no workspace was created there. Create the folder first or choose another place for the workspace.", dir)
		}
	}
	common := "_foreign_keys=on&_busy_timeout=5000&_synchronous=NORMAL&_journal_mode=WAL"
	wdb, err := sql.Open("sqlite3", dsn(abs, common+"&_txlock=immediate"))
	if err != nil {
		return nil, err
	}
	wdb.SetMaxOpenConns(1)
	wdb.SetMaxIdleConns(1)
	wdb.SetConnMaxLifetime(0)
	wdb.SetConnMaxIdleTime(0)
	db := &DB{path: abs, wdb: wdb, Now: time.Now, BusyRetry: 2 * time.Minute, WasEmpty: state == fileEmpty}
	if err := wdb.Ping(); err != nil {
		wdb.Close()
		if !create && state == fileWorkspace && version == len(migs) && isReadOnly(err) {
			// Reading needs no write access: open read-only, and let each
			// write say why it cannot be saved.
			return openReadOnlyWorkspace(abs)
		}
		return nil, explain(err, abs, fmt.Sprintf("Cannot open the workspace %s.", abs))
	}
	if err := db.migrate(context.Background(), migs, version); err != nil {
		wdb.Close()
		return nil, err
	}
	rdb, err := sql.Open("sqlite3", dsn(abs, common+"&_txlock=deferred&_query_only=on"))
	if err != nil {
		wdb.Close()
		return nil, err
	}
	rdb.SetMaxOpenConns(8)
	db.rdb = rdb
	removeStaleTemps(abs)
	return db, nil
}

// isReadOnly reports whether err means the file system refused to write.
func isReadOnly(err error) bool {
	switch sqliteCode(err) {
	case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm:
		return true
	}
	return errors.Is(err, os.ErrPermission)
}

// openReadOnlyWorkspace opens a current workspace that may not be written
// (a read-only file, folder or disk) for reading only.
func openReadOnlyWorkspace(abs string) (*DB, error) {
	params := "mode=ro&_foreign_keys=on&_busy_timeout=5000"
	if st, err := os.Stat(abs + "-wal"); err != nil || st.Size() == 0 {
		params += "&immutable=1"
	}
	ro, err := sql.Open("sqlite3", dsn(abs, params)) // not query_only: VACUUM INTO (backup) reads only
	if err != nil {
		return nil, err
	}
	if err := ro.Ping(); err != nil {
		ro.Close()
		return nil, explain(err, abs, fmt.Sprintf("Cannot open the workspace %s.", abs))
	}
	db := &DB{path: abs, wdb: ro, rdb: ro, Now: time.Now, BusyRetry: 0, ReadOnly: true}
	e := &app.Error{Code: app.ErrInvalid, Message: readOnlyMessage(abs, writable(abs), writable(filepath.Dir(abs)))}
	db.refuse.Store(e)
	return db, nil
}

// Path returns the absolute path of the workspace file.
func (db *DB) Path() string { return db.path }

// Close closes the workspace, checkpointing the WAL.
func (db *DB) Close() error {
	var errs []error
	if db.rdb != nil && db.rdb != db.wdb {
		errs = append(errs, db.rdb.Close())
	}
	errs = append(errs, db.wdb.Close())
	return errors.Join(errs...)
}

var sqliteMagic = []byte("SQLite format 3\x00")

// openReadOnly opens path for reading without creating anything beside it:
// when no -wal file exists the main file is complete and is opened
// immutable (SQLite then makes no -wal or -shm); otherwise read-only, so the
// changes still in the -wal are seen.
func openReadOnly(path string) (*sql.DB, error) {
	params := "mode=ro&_query_only=on"
	if st, err := os.Stat(path + "-wal"); err != nil || st.Size() == 0 {
		params = "mode=ro&immutable=1&_query_only=on"
	}
	db, err := sql.Open("sqlite3", dsn(path, params))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// inspect checks path without writing to it or beside it. It returns what
// is there and, for a workspace, its schema version, or an *app.Error for a
// file Salesplan must not open.
func inspect(path string, migs []string) (fileState, int, error) {
	latest := len(migs)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return fileMissing, 0, nil
	}
	if err != nil {
		return 0, 0, &app.Error{Code: app.ErrNotWorkspace, Message: fmt.Sprintf("Cannot read %s. Check that the file exists and that you may read it.", path), Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	if st.IsDir() {
		return 0, 0, app.Errorf(app.ErrNotWorkspace, "%s is a folder, not a Salesplan workspace file.", path)
	}
	if st.Size() == 0 {
		return fileEmpty, 0, nil
	}
	hdr := make([]byte, 100)
	if _, err := io.ReadFull(f, hdr); err != nil || !bytes.Equal(hdr[:16], sqliteMagic) {
		return 0, 0, app.Errorf(app.ErrNotWorkspace, "%s is not a Salesplan workspace (it is not a database file). It was left untouched.", path)
	}
	// The header may lag behind a WAL file that has not been checkpointed, so
	// ask SQLite itself, read-only.
	ro, err := openReadOnly(path)
	if err != nil {
		return 0, 0, err
	}
	defer ro.Close()
	damaged := func(err error) error {
		switch sqliteCode(err) {
		case sqlite3.ErrCantOpen, sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrAuth:
			// Not damage: the folder or file does not allow what SQLite needs.
			return explain(err, path, "")
		}
		return &app.Error{Code: ErrDamaged, Message: fmt.Sprintf("%s could not be read as a Salesplan workspace; it may be damaged. It was left untouched. Restore it from a backup (run 'salesplan check' to find the newest).", path), Err: err}
	}
	var appID, ver int64
	if err := ro.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return 0, 0, damaged(err)
	}
	if err := ro.QueryRow("PRAGMA user_version").Scan(&ver); err != nil {
		return 0, 0, damaged(err)
	}
	if appID == 0 && ver == 0 {
		// Fall back to the header: a freshly created workspace could have
		// committed only to the WAL.
		appID = int64(binary.BigEndian.Uint32(hdr[68:72]))
	}
	if appID != ApplicationID {
		return 0, 0, app.Errorf(app.ErrNotWorkspace, "%s is a database of another program, not a Salesplan workspace. It was left untouched.", path)
	}
	if ver < 0 {
		return 0, 0, app.Errorf(app.ErrNotWorkspace, "%s carries the Salesplan mark but an impossible format number (%d), so it is damaged or was changed by another program. It was left untouched.", path, ver)
	}
	if int(ver) > latest {
		return 0, 0, app.Errorf(app.ErrTooNew, "%s was saved by a newer version of Salesplan (format %d; this version reads up to %d). Update Salesplan to open it. The file was left untouched.", path, ver, latest)
	}
	tables := map[string]bool{}
	rows, err := ro.Query("SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		return 0, 0, damaged(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return 0, 0, damaged(err)
		}
		tables[name] = true
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, 0, damaged(err)
	}
	want := schemaTables(migs[:ver])
	if ver == 0 && len(tables) > 0 {
		want = schemaTables(migs) // tables but no version: not ours
	}
	for _, t := range want {
		if !tables[t] {
			return 0, 0, app.Errorf(app.ErrNotWorkspace, "%s carries the Salesplan mark but lacks the workspace's tables (no %q), so it is not a Salesplan workspace or it was changed by another program. It was left untouched.", path, t)
		}
	}
	return fileWorkspace, int(ver), nil
}

var createTableRE = regexp.MustCompile(`(?im)^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?`)

// schemaTables returns the tables the migrations create.
func schemaTables(migs []string) []string {
	var out []string
	for _, m := range migs {
		for _, sub := range createTableRE.FindAllStringSubmatch(m, -1) {
			out = append(out, sub[1])
		}
	}
	return out
}

// migrate applies the migrations after version, each in its own
// transaction, after backing up a workspace that already has data.
func (db *DB) migrate(ctx context.Context, migs []string, version int) error {
	if version >= len(migs) {
		return nil
	}
	if version > 0 {
		// Never migrate (or back up as if sound) a damaged file.
		if err := db.QuickCheck(ctx); err != nil {
			return err
		}
		if _, err := db.Backup(ctx, fmt.Sprintf("before-v%d", len(migs))); err != nil {
			return err
		}
	}
	for i := version; i < len(migs); i++ {
		err := db.update(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migs[i]); err != nil {
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return &app.Error{Code: app.ErrInternal, Message: "The workspace could not be upgraded to this version of Salesplan; a backup was kept next to it.", Err: err}
		}
	}
	return nil
}

// Backup writes a consistent copy of the workspace next to it, named with
// the label and the time, and returns its path. The copy is written under a
// temporary name and renamed only when complete and checked, so a killed
// backup never leaves a file under a backup's name.
func (db *DB) Backup(ctx context.Context, label string) (string, error) {
	stamp := db.Now().UTC().Format("20060102-150405")
	dest := fmt.Sprintf("%s.%s-%s.bak", db.path, label, stamp)
	if err := db.backupInto(ctx, dest); err != nil {
		return "", &app.Error{Code: app.ErrInternal, Message: fmt.Sprintf("Could not back up the workspace to %s, so it was not changed. %s", dest, app.ErrorMessage(err)), Err: err}
	}
	return dest, nil
}

// isBusy reports whether err means another connection holds the lock.
func isBusy(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked
	}
	return false
}

// update runs fn in an immediate write transaction, retrying while another
// process holds the write lock (up to BusyRetry), so a long import elsewhere
// never loses an edit.
func (db *DB) update(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if e := db.refuse.Load(); e != nil {
		return e
	}
	deadline := time.Now().Add(db.BusyRetry)
	wait := 20 * time.Millisecond
	for {
		err := db.updateOnce(ctx, fn)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			if isBusy(err) {
				return &app.Error{Code: app.ErrConflict, Message: "The workspace is busy with another long task; your change could not be saved yet. Try again in a moment.", Err: err}
			}
			return explain(err, db.path, "")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, time.Second)
	}
}

func (db *DB) updateOnce(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.wdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// view runs fn in a read transaction: one consistent snapshot.
func (db *DB) view(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if tx, ok := ctx.Value(snapshotKey{}).(*sql.Tx); ok {
		return fn(tx) // inside ReadPlan: one snapshot for every read
	}
	tx, err := db.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return explain(err, db.path, "")
	}
	defer tx.Rollback()
	return explain(fn(tx), db.path, "")
}

// ExternalChange reports whether another process (e.g. the CLI) committed to
// the workspace since the last call. It reads PRAGMA data_version on the
// writer connection, which changes only for commits by other connections.
func (db *DB) ExternalChange(ctx context.Context) (bool, error) {
	db.watchMu.Lock()
	defer db.watchMu.Unlock()
	var v int64
	if err := db.wdb.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return false, err
	}
	changed := db.lastVer != 0 && v != db.lastVer
	db.lastVer = v
	return changed, nil
}

// timeText formats t for storage: RFC 3339 in UTC with milliseconds, so text
// order is time order.
func timeText(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

func parseTimePtr(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	t := parseTime(s.String)
	return &t
}
