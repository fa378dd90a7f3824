package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
