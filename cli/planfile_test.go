package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"salesplan/app/steps"
	"salesplan/data"
)

// A plan sent as one file arrives as a new plan with its history; sent
// back after an edit there, it is merged field by field; the history is
// never doubled; a damaged file changes nothing.
func TestExportAndImportPlanFile(t *testing.T) {
	dir := t.TempDir()
	wsA, wsB := filepath.Join(dir, "a.salesplan"), filepath.Join(dir, "b.salesplan")
	code, out, errOut := runCLI(t, wsA, "demo")
	if code != 0 {
		t.Fatal(errOut)
	}
	planID := strings.TrimSpace(out)
	file := filepath.Join(dir, "plan.salesplan-plan")
	if code, _, errOut := runCLI(t, wsA, "export", "plan", "--plan", planID, "--out", file, "--with-history"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut = runCLI(t, wsB, "import", "plan", file)
	if code != 0 || !strings.Contains(out, "Added the plan") || !strings.Contains(out, "1 batches added") {
		t.Fatalf("first import: %d %s %s", code, out, errOut)
	}
	for _, step := range []string{"situation", "budget", "team"} {
		_, a, _ := runCLI(t, wsA, "show", "--plan", planID, "--step", step, "--json")
		_, b, _ := runCLI(t, wsB, "show", "--plan", planID, "--step", step, "--json")
		if a != b {
			t.Fatalf("step %s differs after the import", step)
		}
	}
	code, out, _ = runCLI(t, wsB, "import", "plan", file)
	if code != 0 || !strings.Contains(out, "0 rows added, 0 changed") || !strings.Contains(out, "0 batches added, 1 already here") {
		t.Errorf("second import: %s", out)
	}
	// An edit on B, sent back to A.
	db, err := data.OpenExisting(wsB)
	if err != nil {
		t.Fatal(err)
	}
	db.Declare(steps.Registry().Tables()...)
	p, _ := db.Plan(context.Background(), planID)
	p.Products = "Edited on B"
	if _, err := db.UpdatePlan(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	db.Close()
	back := filepath.Join(dir, "back.salesplan-plan")
	if code, _, errOut := runCLI(t, wsB, "export", "plan", "--plan", planID, "--out", back); code != 0 {
		t.Fatal(errOut)
	}
	code, out, _ = runCLI(t, wsA, "import", "plan", back, "--json")
	if code != 0 || !strings.Contains(out, `"changed": 1`) || !strings.Contains(out, `"new": false`) {
		t.Errorf("import back: %s", out)
	}
	if _, out, _ := runCLI(t, wsA, "show", "--plan", planID, "--step", "situation", "--json"); !strings.Contains(out, "Edited on B") {
		t.Error("the edit did not arrive")
	}
	// A damaged file: refused whole, with a sentence.
	raw, _ := os.ReadFile(back)
	bad := filepath.Join(dir, "bad.salesplan-plan")
	os.WriteFile(bad, raw[:len(raw)-20], 0o644)
	code, _, errOut = runCLI(t, wsA, "import", "plan", bad)
	if code != 1 || !strings.Contains(errOut, "cannot be imported") || !strings.Contains(errOut, "Nothing was changed") {
		t.Errorf("damaged file: %d %s", code, errOut)
	}
}
