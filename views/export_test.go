package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A typed path becomes the file to write: folders get the file name, a
// missing extension is added, a folder that does not exist is refused.
func TestResolveTarget(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	for _, tt := range []struct{ typed, want, err string }{
		{typed: filepath.Join(dir, "a.pdf"), want: filepath.Join(dir, "a.pdf")},
		{typed: filepath.Join(dir, "a"), want: filepath.Join(dir, "a.pdf")},
		{typed: filepath.Join(dir, "sub"), want: filepath.Join(dir, "sub", "Plan.pdf")},
		{typed: "sub/b.pdf", want: filepath.Join(dir, "sub", "b.pdf")},
		{typed: "  " + filepath.Join(dir, "c.pdf") + " ", want: filepath.Join(dir, "c.pdf")},
		{typed: filepath.Join(dir, "missing", "x.pdf"), err: "does not exist"},
		{typed: "", err: "Type where"},
	} {
		got, err := ResolveTarget(tt.typed, dir, "Plan.pdf", ".pdf")
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q: error %v, want %q", tt.typed, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("%q: %q %v, want %q", tt.typed, got, err, tt.want)
		}
	}
}
