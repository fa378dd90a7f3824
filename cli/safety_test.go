package cli

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"salesplan/app"
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
		{"salvage", "--out", filepath.Join(dir, "saved.salesplan")},
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
	saved := filepath.Join(dir, "saved.salesplan")
	code, out, errOut = runCLI(t, ws, "salvage", "--out", saved)
	if code != 0 || !strings.Contains(out, "Saved") {
		t.Fatalf("salvage: %d %q %q", code, out, errOut)
	}
	if code, out, errOut = runCLI(t, saved, "check"); code != 0 {
		t.Errorf("the salvaged workspace: %q %q", out, errOut)
	}
	if string(fileBytes(t, ws)) != string(before) {
		t.Error("salvage wrote into the damaged workspace")
	}
}

func TestCommandLineValues(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.salesplan")
	create := func(extra ...string) []string {
		return append([]string{"plans", "create", "--business", "b", "--title", "t"}, extra...)
	}
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{create("--start", "2027-01", "--months", "0"), "1 to 60 months"},
		{create("--start", "2027-01", "--months", "0x10"), "plain digits"},
		{create("--start", "2027-01", "--months", "-3"), "plain digits"},
		{create("--start", "2027-01", "--months", "1e1"), "plain digits"},
		{create("--start", "0001-01"), "year must be between 1900 and 9999"},
		{create("--start", "9999-12"), "would end after 9999-12"},
		{create("--start", "9999-02", "--months", "12"), "would end after 9999-12"},
		{create("--start", "2027-1"), "YYYY-MM"},
		{[]string{"forecast", "--plan", "x", "--horizon", "0x10"}, "plain digits"},
	} {
		code, out, errOut := runCLI(t, ws, tc.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.msg) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, out, errOut, tc.msg)
		}
	}
	code, out, errOut := runCLI(t, ws, append(create("--start", "9999-01"), "--json")...)
	if code != 0 || !strings.Contains(out, `"end": "9999-12"`) {
		t.Errorf("the last possible plan: %d %s %s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, ws, append(create("--start", "2027-01", "--months", "010"), "--json")...)
	if code != 0 || !strings.Contains(out, `"months": 10`) {
		t.Errorf("--months 010: %d %s %s", code, out, errOut)
	}
}

func TestTextOutputEscapesControlCharacters(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.salesplan")
	evil := "Evil\x1b]0;pwned\x07\x1b[2J \u202eTXT.exe"
	code, _, errOut := runCLI(t, ws, "plans", "create", "--business", "Biz\x1b[31m", "--title", evil, "--start", "2027-01")
	if code != 0 {
		t.Fatal(errOut)
	}
	code, out, _ := runCLI(t, ws, "plans", "list")
	if code != 0 {
		t.Fatal("list failed")
	}
	for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
		if strings.Contains(out, bad) {
			t.Errorf("plans list printed a raw %q: %q", bad, out)
		}
	}
	if !strings.Contains(out, `Evil\x1b]0;pwned\x07\x1b[2J \u202eTXT.exe`) || !strings.Contains(out, `Biz\x1b[31m`) {
		t.Errorf("plans list: %q", out)
	}
	// JSON keeps the name as typed (JSON escapes it by itself).
	_, out, _ = runCLI(t, ws, "plans", "list", "--json")
	if !strings.Contains(out, `Evil\u001b]0;pwned\u0007\u001b[2J`) {
		t.Errorf("JSON: %s", out)
	}
	if got := Escape("Tab\tstays, ünïcödé 日本 stays"); got != "Tab\tstays, ünïcödé 日本 stays" {
		t.Errorf("Escape changed ordinary text: %q", got)
	}
	if got := Escape("a\u0085b\u2066c\x7f"); got != `a\u0085b\u2066c\x7f` {
		t.Errorf("Escape = %q", got)
	}
}

func TestForecastEscapesSeriesNames(t *testing.T) {
	ws, id := newWorkspaceWithPlan(t)
	// The CSV reader refuses control characters, but other sources (a sync,
	// an .xlsx) may bring them: store as typed, escape on output.
	db, err := data.Open(ws)
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var rows []app.Sale
	for m := 0; m < 24; m++ {
		rows = append(rows, app.Sale{Date: time.Date(2024, time.Month(m+1), 10, 0, 0, 0, 0, time.UTC), Amount: int64(100000 + 1000*m), Group: "Beans\x1b]0;x\x07\u202e", Line: m + 2})
	}
	if _, err := db.ImportHistory(context.Background(), app.ImportBatch{BusinessID: p.BusinessID, Source: "x.xlsx"}, rows); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, errOut := runCLI(t, ws, "forecast", "--plan", id, "--by", "group")
	if code != 0 {
		t.Fatal(errOut)
	}
	if strings.ContainsAny(out, "\x1b\x07\u202e") || !strings.Contains(out, `Beans\x1b]0;x\x07\u202e`) {
		t.Errorf("forecast printed: %q", out)
	}
}

func TestWindowOffersAnotherWorkspaceWhenItCannotOpen(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "gone", "ws.salesplan")
	good := filepath.Join(dir, "ws.salesplan")
	var out, errOut strings.Builder
	var problem error
	var started string
	env := Env{Stdout: &out, Stderr: &errOut, Now: fixedNow, Getenv: func(k string) string {
		if k == "DISPLAY" {
			return ":0"
		}
		return ""
	},
		StartGUI: func(db *data.DB, path string) error { started = path; return nil },
		ChooseWorkspace: func(path string, p error, open func(string) (*data.DB, error)) error {
			problem = p
			if _, err := open(filepath.Join(dir, "also-gone", "x.salesplan")); err == nil {
				t.Error("a workspace was created in a missing folder")
			}
			db, err := open(good)
			if err != nil {
				return err
			}
			return db.Close()
		}}
	if code := Run([]string{"--db", missing}, env); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if problem == nil || !strings.Contains(app.ErrorMessage(problem), "does not exist") {
		t.Errorf("problem = %v", problem)
	}
	if started != "" {
		t.Error("the main window started on the missing workspace")
	}
	if _, err := os.Stat(good); err != nil {
		t.Error("the chosen workspace was not created")
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("the missing folder was created")
	}
}
