package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"salesplan/app"
)

func TestCheckTargetRefusesWhatWouldDestroyData(t *testing.T) {
	db := MustOpenDB(t)
	newPlan(t, db, "Plan") // the WAL now has content
	dir := filepath.Dir(db.Path())
	other := filepath.Join(t.TempDir(), "other.salesplan")
	odb, err := Open(other)
	if err != nil {
		t.Fatal(err)
	}
	odb.Close()
	link := filepath.Join(dir, "link.pdf")
	if err := os.Symlink(db.Path(), link); err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(dir, "old.pdf")
	os.WriteFile(text, []byte("%PDF-1.4 old"), 0o644)
	for _, tc := range []struct {
		target, words string
	}{
		{db.Path(), "workspace itself"},
		{filepath.Join(dir, ".", "ws.salesplan"), "workspace itself"},
		{link, "workspace itself"},
		{db.Path() + "-wal", "belongs to the workspace"},
		{db.Path() + "-shm", "belongs to the workspace"},
		{db.Path() + "-journal", "belongs to the workspace"},
		{other, "is a database"},
		{dir, "is a folder"},
		{filepath.Join(dir, "nope", "x.pdf"), "does not exist"},
		{"", "No file"},
	} {
		err := CheckTarget(tc.target, db.Path())
		if app.ErrorCode(err) != app.ErrInvalid || !strings.Contains(app.ErrorMessage(err), tc.words) {
			t.Errorf("CheckTarget(%q) = %v; want a refusal saying %q", tc.target, err, tc.words)
		}
	}
	for _, ok := range []string{filepath.Join(dir, "plan.pdf"), text} {
		if err := CheckTarget(ok, db.Path()); err != nil {
			t.Errorf("CheckTarget(%q) = %v; want nil", ok, err)
		}
	}
	// Without an open workspace, a database is still refused.
	if err := CheckTarget(db.Path(), ""); err == nil {
		t.Error("a workspace was accepted as a target")
	}
}
