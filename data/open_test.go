package data

import (
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"salesplan/app"
)

func TestOpenExistingRefusesWhatIsNotThere(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "sub", "ws.salesplan")
	if _, err := OpenExisting(missing); app.ErrorCode(err) != app.ErrNotFound || !strings.Contains(app.ErrorMessage(err), "There is no workspace at") {
		t.Errorf("OpenExisting(missing) = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "sub")); err == nil {
		t.Error("OpenExisting created the folder")
	}
	// A creating open makes a workspace only in an existing folder.
	if _, err := Open(missing); app.ErrorCode(err) != app.ErrNotFound || !strings.Contains(app.ErrorMessage(err), "does not exist") {
		t.Errorf("Open in a missing folder = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "sub")); err == nil {
		t.Error("Open created the folder")
	}
	empty := filepath.Join(dir, "empty.salesplan")
	os.WriteFile(empty, nil, 0o644)
	if _, err := OpenExisting(empty); err == nil || !strings.Contains(app.ErrorMessage(err), "empty file") {
		t.Errorf("OpenExisting(empty) = %v", err)
	}
	assertNothingBeside(t, empty)
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Error("OpenExisting wrote into the empty file")
	}
	db, err := Open(empty)
	if err != nil {
		t.Fatal(err)
	}
	if !db.WasEmpty {
		t.Error("a zero-byte file turned into a workspace without saying so")
	}
	db.Close()
	db, err = OpenExisting(empty)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if db.WasEmpty {
		t.Error("WasEmpty on a workspace")
	}
	db.Close()
}

func assertNothingBeside(t *testing.T, path string) {
	t.Helper()
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("%s was created beside %s", suffix, filepath.Base(path))
		}
	}
}

// A database with Salesplan's application_id but not its tables is refused
// before anything writes: not switched to WAL, nothing created beside it.
func TestOpenRefusesImpostorUntouched(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, setup string
	}{
		{"marked-v3.db", "PRAGMA application_id = 1397771342; PRAGMA user_version = 3; CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');"},
		{"marked-v0.db", "PRAGMA application_id = 1397771342; CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');"},
		{"wal-foreign.db", "PRAGMA journal_mode = WAL; CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');"},
	} {
		path := filepath.Join(dir, tc.name)
		f, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Exec(tc.setup); err != nil {
			t.Fatal(err)
		}
		f.Close()
		assertNothingBeside(t, path)
		before := fileHash(t, path)
		for _, openFn := range []func(string) (*DB, error){Open, OpenExisting} {
			db, err := openFn(path)
			if err == nil {
				db.Close()
				t.Fatalf("%s was opened", tc.name)
			}
			if app.ErrorCode(err) != app.ErrNotWorkspace {
				t.Errorf("%s: %v", tc.name, err)
			}
		}
		if fileHash(t, path) != before {
			t.Errorf("%s was changed", tc.name)
		}
		assertNothingBeside(t, path)
	}
}

// Inspecting a workspace whose -wal has content still sees the changes.
func TestOpenSeesChangesInTheWAL(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "only in the WAL")
	if st, err := os.Stat(db.Path() + "-wal"); err != nil || st.Size() == 0 {
		t.Skip("the change was checkpointed already")
	}
	other, err := OpenExisting(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if got, err := other.Plan(ctx, p.ID); err != nil || got.Title != p.Title {
		t.Errorf("plan through a second open = %+v, %v", got, err)
	}
}

func TestBackupToIsOneConsistentFile(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "recent edit")
	out := filepath.Join(t.TempDir(), "copy.salesplan")
	if err := db.BackupTo(ctx, out); err != nil {
		t.Fatal(err)
	}
	assertNothingBeside(t, out)
	cp, err := OpenExisting(out)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if got, err := cp.Plan(ctx, p.ID); err != nil || got.Title != "recent edit" {
		t.Errorf("copy lacks the recent edit: %+v %v", got, err)
	}
	if err := db.BackupTo(ctx, db.Path()); err == nil {
		t.Error("BackupTo the workspace itself was accepted")
	}
	if err := db.BackupTo(ctx, out); err == nil {
		t.Error("BackupTo over another database was accepted")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*.tmp")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestStaleTempsAreRemovedButLiveOnesKept(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "plan.pdf")
	old := time.Now().Add(-time.Hour)
	stale := filepath.Join(dir, ".plan.pdf.123.tmp")
	os.WriteFile(stale, []byte("half a PDF"), 0o644)
	os.Chtimes(stale, old, old)
	fresh := filepath.Join(dir, ".plan.pdf.456.tmp") // another run, just started
	os.WriteFile(fresh, []byte("x"), 0o644)
	live, err := createTemp(target) // another run, locked while it writes
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	os.Chtimes(live.Name(), old, old)
	unrelated := filepath.Join(dir, ".other.pdf.1.tmp")
	os.WriteFile(unrelated, []byte("x"), 0o644)
	os.Chtimes(unrelated, old, old)

	if err := WriteFileAtomic(target, func(w io.Writer) error { _, err := w.Write([]byte("%PDF-1.7")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "%PDF-1.7" {
		t.Errorf("target = %q", b)
	}
	for path, want := range map[string]bool{stale: false, fresh: true, live.Name(): lockingWorks, unrelated: true} {
		_, err := os.Stat(path)
		if (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(path), err == nil, want)
		}
	}
}

// A killed pre-migration backup leaves only a temporary file, removed by the
// next open; never a file under a backup's name.
func TestBackupLeftoversAreCleanedOnOpen(t *testing.T) {
	db := MustOpenDB(t)
	path := db.Path()
	db.Close()
	leftover := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".before-v9-20261201-120000.bak.777.tmp")
	os.WriteFile(leftover, []byte("SQLite format 3\x00 cut short"), 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(leftover, old, old)
	db2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db2.Close()
	if _, err := os.Stat(leftover); err == nil {
		t.Error("stale backup temp file kept")
	}
	dest, err := func() (string, error) {
		db3, err := Open(path)
		if err != nil {
			return "", err
		}
		defer db3.Close()
		return db3.Backup(ctx, "manual")
	}()
	if err != nil {
		t.Fatal(err)
	}
	if err := checkCopy(dest); err != nil {
		t.Errorf("backup %s: %v", dest, err)
	}
}

func TestLockGUIFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ws.salesplan")
	os.WriteFile(path, nil, 0o644)
	link := filepath.Join(t.TempDir(), "link.salesplan")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	release, held, err := LockGUI(path)
	if err != nil || !held {
		t.Fatalf("first lock: %v %v", held, err)
	}
	defer release()
	if lockingWorks {
		if _, held2, _ := LockGUI(link); held2 {
			t.Error("a window opened through a symlink got the lock")
		}
	}
}

// A workspace that may not be written (read-only file, folder or disk) is
// still readable; each write says why it cannot be saved. (The trigger, a
// refused write on open, needs a read-only mount; this tests the result.)
func TestReadOnlyWorkspaceReadsAndExplainsWrites(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan")
	path := db.Path()
	db.Close()
	before := fileHash(t, path)
	ro, err := openReadOnlyWorkspace(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly {
		t.Error("ReadOnly not set")
	}
	if got, err := ro.Plan(ctx, p.ID); err != nil || got.Title != "Plan" {
		t.Errorf("read: %+v %v", got, err)
	}
	_, err = ro.CreateBusiness(ctx, app.Business{Name: "x", Currency: "EUR"})
	if msg := app.ErrorMessage(err); !strings.Contains(msg, "read") || !strings.Contains(msg, "intact") {
		t.Errorf("write: %v", err)
	}
	out := filepath.Join(t.TempDir(), "copy.salesplan")
	if err := ro.BackupTo(ctx, out); err != nil {
		t.Errorf("backup of a read-only workspace: %v", err)
	}
	if err := ro.QuickCheck(ctx); err != nil {
		t.Error(err)
	}
	if fileHash(t, path) != before {
		t.Error("the file changed")
	}
	assertNothingBeside(t, path)
}
