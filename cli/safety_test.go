package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"salesplan/data"
)

// newWorkspaceWithPlan creates a workspace with one plan and returns its
// path and the plan ID.
func newWorkspaceWithPlan(t *testing.T) (string, string) {
	t.Helper()
	ws := filepath.Join(t.TempDir(), "w.salesplan")
	code, out, errOut := runCLI(t, ws, "plans", "create", "--business", "B", "--title", "T", "--start", "2027-01")
	if code != 0 {
		t.Fatalf("create: %s", errOut)
	}
	return ws, strings.TrimSpace(out)
}

func TestExportRefusesDangerousTargets(t *testing.T) {
	ws, id := newWorkspaceWithPlan(t)
	dir := filepath.Dir(ws)
	other := filepath.Join(dir, "other.salesplan")
	if code, _, errOut := runCLI(t, other, "plans", "create", "--business", "B", "--title", "T", "--start", "2027-01"); code != 0 {
		t.Fatal(errOut)
	}
	before := fileBytes(t, ws)
	for _, target := range []string{ws, ws + "-wal", ws + "-shm", other, dir} {
		code, out, errOut := runCLI(t, ws, "export", "pdf", "--plan", id, "--out", target)
		if code != 1 || strings.Contains(out, "Wrote") || !strings.Contains(errOut, "Choose another") && !strings.Contains(errOut, "Give the name") {
			t.Errorf("export to %s: exit %d, stdout %q, stderr %q", target, code, out, errOut)
		}
		if strings.Contains(errOut, "Is it open in another program") {
			t.Errorf("export to %s: misleading message %q", target, errOut)
		}
	}
	if after := fileBytes(t, ws); string(after[:16]) != "SQLite format 3\x00" || len(after) < len(before) {
		t.Fatal("the workspace was overwritten")
	}
	if code, out, errOut := runCLI(t, ws, "plans", "list", "--json"); code != 0 || !strings.Contains(out, id) {
		t.Fatalf("workspace lost its plan: %s %s", out, errOut)
	}
}

func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadOnlyCommandsRefuseAMissingWorkspace(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "sub", "none.salesplan")
	for _, args := range [][]string{
		{"plans", "list"}, {"plans", "list", "--json"}, {"plans", "delete", "x"},
		{"show", "--plan", "x", "--step", "overview"}, {"export", "pdf", "--plan", "x", "--out", filepath.Join(dir, "x.pdf")},
		{"forecast", "--plan", "x"}, {"check"}, {"backup", "--out", filepath.Join(dir, "copy.salesplan")},
	} {
		code, out, errOut := runCLI(t, ws, args...)
		if code != 1 || out != "" || !strings.Contains(errOut, "There is no workspace at "+ws) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("read-only commands created %v", entries)
	}
	// A creating command creates only in an existing folder.
	code, _, errOut := runCLI(t, ws, "plans", "create", "--business", "B", "--title", "T", "--start", "2027-01")
	if code != 1 || !strings.Contains(errOut, "does not exist") {
		t.Errorf("create in a missing folder: %d %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Dir(ws)); err == nil {
		t.Error("the folder was created")
	}
}

func TestZeroByteFileIsNewOnlyForCreatingCommands(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "empty.salesplan")
	os.WriteFile(ws, nil, 0o644)
	code, _, errOut := runCLI(t, ws, "plans", "list")
	if code != 1 || !strings.Contains(errOut, "empty file") {
		t.Errorf("list on an empty file: %d %s", code, errOut)
	}
	if b, _ := os.ReadFile(ws); len(b) != 0 {
		t.Fatal("the empty file was written by a read-only command")
	}
	code, out, errOut := runCLI(t, ws, "plans", "create", "--business", "B", "--title", "T", "--start", "2027-01")
	if code != 0 || !strings.Contains(errOut, "was an empty file; it is now a new, empty workspace") {
		t.Errorf("create on an empty file: %d %q %q", code, out, errOut)
	}
	code, out, errOut = runCLI(t, ws, "plans", "list")
	if code != 0 || errOut != "" || !strings.Contains(out, "T") {
		t.Errorf("list afterwards: %d %q %q", code, out, errOut)
	}
}

func TestNoDisplayIsASentence(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.salesplan")
	var out, errOut strings.Builder
	started := false
	env := Env{Stdout: &out, Stderr: &errOut, Now: fixedNow, Getenv: func(string) string { return "" },
		StartGUI: func(*data.DB, string) error { started = true; return nil }}
	code := Run([]string{"--db", ws}, env)
	if runtime.GOOS == "linux" {
		if code != 1 || started || !strings.Contains(errOut.String(), "needs a graphical display") || !strings.Contains(errOut.String(), "salesplan --help") {
			t.Errorf("no display: exit %d, started %v, %q", code, started, errOut.String())
		}
		if _, err := os.Stat(ws); err == nil {
			t.Error("a workspace was created without a window to show it")
		}
	}
	env.Getenv = func(k string) string {
		if k == "WAYLAND_DISPLAY" {
			return "wayland-0"
		}
		return ""
	}
	if code := Run([]string{"--db", ws}, env); code != 0 || !started {
		t.Errorf("with a display: exit %d, started %v: %s", code, started, errOut.String())
	}
}

// damage overwrites three pages in the middle of the workspace file.
func damage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pages := st.Size() / 4096
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
	for _, p := range []int64{pages / 2, pages/2 + 1, pages - 2} {
		f.WriteAt(junk, p*4096)
	}
}

func TestCheckBackupAndDamage(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "demo")
	if code != 0 {
		t.Fatal(errOut)
	}
	id := strings.TrimSpace(out)
	code, out, errOut = runCLI(t, ws, "check")
	if code != 0 || errOut != "" || !strings.Contains(out, "is intact") {
		t.Fatalf("check intact: %d %q %q", code, out, errOut)
	}
	// backup --out writes one consistent file, and refuses the workspace.
	copyPath := filepath.Join(dir, "copy.salesplan")
	if code, out, errOut = runCLI(t, ws, "backup", "--out", copyPath); code != 0 || !strings.Contains(out, "Wrote a copy") {
		t.Fatalf("backup: %d %q %q", code, out, errOut)
	}
	if code, out, _ = runCLI(t, copyPath, "plans", "list", "--json"); code != 0 || !strings.Contains(out, id) {
		t.Fatalf("the copy lacks the plan: %s", out)
	}
	for _, bad := range []string{ws, copyPath, dir} {
		if code, _, errOut = runCLI(t, ws, "backup", "--out", bad); code != 1 || !strings.Contains(errOut, "Choose another") && !strings.Contains(errOut, "Give the name") {
			t.Errorf("backup --out %s: %d %q", bad, code, errOut)
		}
	}
	bak := ws + ".manual-20261127-100000.bak"
	if err := os.Rename(copyPath, bak); err != nil {
		t.Fatal(err)
	}
	damage(t, ws)
	before := fileBytes(t, ws)
	code, _, errOut = runCLI(t, ws, "check")
	if code != 1 || !strings.Contains(errOut, "is damaged") || !strings.Contains(errOut, bak) {
		t.Errorf("check damaged: %d %q", code, errOut)
	}
	for _, args := range [][]string{
		{"plans", "create", "--business", "B", "--title", "T", "--start", "2027-01"},
		{"plans", "delete", id},
		{"demo"},
	} {
		code, _, errOut = runCLI(t, ws, args...)
		if code != 1 || !strings.Contains(errOut, "damaged") || strings.Contains(errOut, "Something went wrong") {
			t.Errorf("%v on a damaged workspace: %d %q", args, code, errOut)
		}
	}
	if string(fileBytes(t, ws)) != string(before) {
		t.Error("a command wrote into the damaged workspace")
	}
}
