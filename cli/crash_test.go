package cli

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"salesplan/data"
)

// TestMain lets the crash test run the command line in a child process:
// with SALESPLAN_CRASH_CHILD=1 this binary is `salesplan ARGS`.
func TestMain(m *testing.M) {
	if os.Getenv("SALESPLAN_CRASH_CHILD") == "1" {
		var args []string
		for i, a := range os.Args {
			if a == "--" {
				args = os.Args[i+1:]
			}
		}
		os.Exit(Run(args, Env{Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	os.Exit(m.Run())
}

// crashTmp is the children's temporary folder, to count their leftovers.
var crashTmp = os.TempDir()

// child starts `salesplan args...` in a new process.
func child(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "SALESPLAN_CRASH_CHILD=1", "LANG=en_US.UTF-8", "TMPDIR="+crashTmp)
	return cmd
}

// runChild runs a child to the end and returns its duration.
func runChild(t *testing.T, args ...string) time.Duration {
	t.Helper()
	cmd := child(args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out.String())
	}
	return time.Since(start)
}

// killAt starts a child and kills it (SIGKILL) after d; it reports whether
// the child had finished on its own.
func killAt(t *testing.T, d time.Duration, args ...string) bool {
	t.Helper()
	cmd := child(args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err == nil
	case <-time.After(d):
		cmd.Process.Kill()
		<-done
		return false
	}
}

// crashRuns is how many kills per operation: short in CI, more by hand with
// SALESPLAN_CRASH_RUNS=N.
func crashRuns() int {
	if n, err := strconv.Atoi(os.Getenv("SALESPLAN_CRASH_RUNS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() || raceEnabled {
		return 4 // keeps `go test -race ./...` in CI well under a minute
	}
	return 10
}

// TestCrashAllOrNothing kills demo, import, plans create, export and backup
// at random moments and checks after every kill that the workspace is intact
// and each operation happened completely or not at all.
func TestCrashAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	crashTmp = filepath.Join(dir, "tmp")
	os.Mkdir(crashTmp, 0o755)
	defer func() { crashTmp = os.TempDir() }()
	ws := filepath.Join(dir, "ws.salesplan")
	runChild(t, "--db", ws, "plans", "create", "--business", "Base", "--title", "Base plan", "--start", "2027-01")
	n := crashRuns()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	counts := map[string][2]int{} // op -> {killed, completed}
	note := func(op string, done bool) {
		c := counts[op]
		if done {
			c[1]++
		} else {
			c[0]++
		}
		counts[op] = c
	}

	// demo
	full := runChild(t, "--db", ws, "demo")
	for i := 0; i < n; i++ {
		note("demo", killAt(t, time.Duration(rng.Int64N(int64(full))), "--db", ws, "demo"))
		checkIntact(t, ws)
		checkEveryBusinessComplete(t, ws)
	}

	// import of a larger file
	csv := filepath.Join(dir, "big.csv")
	var b strings.Builder
	b.WriteString("Date,Amount,Region\n")
	rows := 60000
	if raceEnabled {
		rows = 20000
	}
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&b, "2025-%02d-%02d,%d.%02d,R%d\n", 1+i%12, 1+i%28, 10+i%900, i%100, i%7)
	}
	os.WriteFile(csv, []byte(b.String()), 0o644)
	runChild(t, "--db", ws, "plans", "create", "--business", "Importer", "--title", "Import plan", "--start", "2027-01")
	start := time.Now()
	runChild(t, "--db", ws, "import", "sales", csv, "--business", "Importer", "--append")
	full = time.Since(start)
	for i := 0; i < n; i++ {
		note("import", killAt(t, time.Duration(rng.Int64N(int64(full))), "--db", ws, "import", "sales", csv, "--business", "Importer", "--append"))
		checkIntact(t, ws)
		checkImportsWhole(t, ws, "Importer", int64(rows))
	}

	// plans create (an edit)
	full = runChild(t, "--db", ws, "plans", "create", "--business", "Base", "--title", "Edit", "--start", "2027-01")
	for i := 0; i < n; i++ {
		title := fmt.Sprintf("Edit %d", i)
		note("create", killAt(t, time.Duration(rng.Int64N(int64(full))), "--db", ws, "plans", "create", "--business", "Base", "--title", title, "--start", "2027-01"))
		checkIntact(t, ws)
	}

	// export and backup: the target is complete or absent
	id := firstPlan(t, ws)
	pdf := filepath.Join(dir, "out", "plan.pdf")
	os.MkdirAll(filepath.Dir(pdf), 0o755)
	full = runChild(t, "--db", ws, "export", "pdf", "--plan", id, "--out", pdf)
	for i := 0; i < n; i++ {
		os.Remove(pdf)
		note("export", killAt(t, time.Duration(rng.Int64N(int64(full))), "--db", ws, "export", "pdf", "--plan", id, "--out", pdf))
		if b, err := os.ReadFile(pdf); err == nil && (!bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(0, len(b)-64):], []byte("%%EOF"))) {
			t.Fatalf("export killed: a half-written PDF (%d bytes)", len(b))
		}
	}
	copyPath := filepath.Join(dir, "out", "copy.salesplan")
	full = runChild(t, "--db", ws, "backup", "--out", copyPath)
	for i := 0; i < n; i++ {
		os.Remove(copyPath)
		note("backup", killAt(t, time.Duration(rng.Int64N(int64(full))), "--db", ws, "backup", "--out", copyPath))
		if _, err := os.Stat(copyPath); err == nil {
			if res, err := data.CheckWorkspace(context.Background(), copyPath, false); err != nil || !res.OK() {
				t.Fatalf("backup killed: a damaged copy: %+v %v", res, err)
			}
		}
		checkIntact(t, ws)
	}
	// Leftover temporary files of killed runs are removed once stale.
	temps, _ := filepath.Glob(filepath.Join(dir, "out", ".*.tmp"))
	old := time.Now().Add(-time.Hour)
	for _, tmp := range temps {
		os.Chtimes(tmp, old, old)
	}
	removed := data.RemoveStaleTemps(pdf) + data.RemoveStaleTemps(copyPath)
	stages, _ := filepath.Glob(filepath.Join(crashTmp, "salesplan-stage-*"))
	for _, s := range stages {
		os.Chtimes(s, old, old)
	}
	t.Setenv("TMPDIR", crashTmp)
	stagesRemoved := data.RemoveStaleStages()
	if left, _ := filepath.Glob(filepath.Join(crashTmp, "salesplan-stage-*")); len(left) != 0 {
		t.Errorf("staging folders left after cleanup: %v", left)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "out", ".*.tmp")); len(left) != 0 {
		t.Errorf("temporary files left after cleanup: %v", left)
	}
	t.Logf("kills (killed, finished on its own): %v; %d leftover temp files and %d of %d staging folders removed", counts, removed, stagesRemoved, len(stages))
}

func checkIntact(t *testing.T, ws string) {
	t.Helper()
	res, err := data.CheckWorkspace(context.Background(), ws, false)
	if err != nil || !res.OK() {
		t.Fatalf("workspace damaged after a kill: %+v %v", res, err)
	}
}

// checkEveryBusinessComplete: no business without a plan, no demo business
// with partial history.
func checkEveryBusinessComplete(t *testing.T, ws string) {
	t.Helper()
	db, err := data.OpenExisting(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	bs, err := db.Businesses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	plans, _ := db.Plans(ctx, data.PlanFilter{})
	has := map[string]bool{}
	for _, p := range plans {
		has[p.BusinessID] = true
	}
	var demoRows []int64
	for _, b := range bs {
		if !has[b.ID] {
			t.Fatalf("a business without a plan after a killed demo: %s", b.Name)
		}
		if b.IsDemo {
			n, _ := db.HistoryRows(ctx, b.ID)
			demoRows = append(demoRows, n)
		}
	}
	for _, n := range demoRows {
		if n != demoRows[0] || n == 0 {
			t.Fatalf("demo businesses with different history: %v", demoRows)
		}
	}
}

// checkImportsWhole: the business's history is a whole number of imports.
func checkImportsWhole(t *testing.T, ws, business string, rows int64) {
	t.Helper()
	db, err := data.OpenExisting(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	bs, _ := db.Businesses(ctx)
	for _, b := range bs {
		if b.Name == business {
			n, _ := db.HistoryRows(ctx, b.ID)
			if n%rows != 0 {
				t.Fatalf("a half import: %d history rows, not a multiple of %d", n, rows)
			}
		}
	}
}

func firstPlan(t *testing.T, ws string) string {
	t.Helper()
	db, err := data.OpenExisting(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	plans, err := db.Plans(context.Background(), data.PlanFilter{})
	if err != nil || len(plans) == 0 {
		t.Fatal("no plan")
	}
	return plans[0].ID
}
