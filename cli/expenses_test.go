package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// budgetShow is the part of `show --step budget --json` the actual
// expenses change.
type budgetShow struct {
	Content struct {
		Lines           []json.RawMessage `json:"lines"`
		ExpenseVariance []json.RawMessage `json:"expense_variance"`
	} `json:"content"`
}

func showBudget(t *testing.T, ws, id string) (budgetShow, string) {
	t.Helper()
	code, out, errOut := runCLI(t, ws, "show", "--plan", id, "--step", "budget", "--json")
	if code != 0 {
		t.Fatalf("show: %s", errOut)
	}
	var s budgetShow
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	return s, out
}

// TestImportExpensesAllOrNothing imports a file of actual expenses into the
// demo plan: a file with a line the budget lacks and months outside the
// plan is refused whole with every reason listed; with --add-lines and the
// bad months fixed it is recorded, and show --json has the actuals and the
// variance per line (kept in testdata/show-budget-actuals.json).
func TestImportExpensesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "demo")
	if code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	id := strings.TrimSpace(out)
	good := "Month,Line,Amount\n" +
		"2027-01,Customer visits and travel,\"2,950.40\"\n" +
		"2027-01,Trade fairs and campaigns,3100\n" +
		"2027-01,CRM and sales tools,800.004\n" +
		"2027-02,customer visits and travel,3400\n" +
		"2027-02,Commissions and bonuses,9000\n" +
		"2027-02,Webinars,1200\n"
	bad := good + "2026-12,CRM and sales tools,800\n2028-01,CRM and sales tools,800\n2027-03,CRM and sales tools,-5\n2027-04,CRM and sales tools,1000000000000000\n"
	badPath, goodPath := filepath.Join(dir, "bad.csv"), filepath.Join(dir, "good.csv")
	os.WriteFile(badPath, []byte(bad), 0o644)
	os.WriteFile(goodPath, []byte(good), 0o644)

	code, _, errOut = runCLI(t, ws, "import", "expenses", badPath, "--plan", id)
	for _, w := range []string{
		`line 7, column "Line": The budget has no line “Webinars”; import with --add-lines`,
		`line 8, column "Month": Dec 2026 is outside the plan period (Jan 2027 – Dec 2027)`,
		`line 9, column "Month": Jan 2028 is outside the plan period`,
		`line 10, column "Amount": An expense cannot be negative`,
		`line 11, column "Amount": This amount is too large for a sales budget; check the number of digits.`,
		"5 of 10 rows were rejected; nothing was imported.",
		"import with --add-lines",
	} {
		if !strings.Contains(errOut, w) {
			t.Errorf("missing %q in\n%s", w, errOut)
		}
	}
	if code == 0 {
		t.Error("a file with rejects was imported")
	}
	if s, _ := showBudget(t, ws, id); len(s.Content.ExpenseVariance) != 0 {
		t.Fatalf("something was imported: %s", s.Content.ExpenseVariance)
	}
	code, _, errOut = runCLI(t, ws, "import", "expenses", badPath, "--plan", id, "--add-lines")
	if code == 0 || !strings.Contains(errOut, "4 of 10 rows were rejected") || strings.Contains(errOut, "Webinars") {
		t.Errorf("with --add-lines the bad months still refuse the file: %d %s", code, errOut)
	}

	code, out, errOut = runCLI(t, ws, "import", "expenses", goodPath, "--plan", id, "--add-lines")
	if code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	for _, w := range []string{"Recorded 6 actual expenses (€20,450.40) for Jan 2027 – Feb 2027; 1 new line added: “Webinars”.",
		"1 amount had more decimals than EUR has and was rounded half away from zero to 2 decimals; the largest change was 0.004 EUR."} {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in %s", w, out)
		}
	}
	// the same file again replaces the amounts and adds nothing
	code, out, errOut = runCLI(t, ws, "import", "expenses", goodPath, "--plan", id, "--json")
	var js ExpensesJSON
	if code != 0 || json.Unmarshal([]byte(out), &js) != nil || js.Recorded != 6 || js.Replaced != 6 || len(js.NewLines) != 0 || js.Total != 20450.4 {
		t.Fatalf("again: %d %s %s", code, out, errOut)
	}
	s, _ := showBudget(t, ws, id)
	sub, _ := json.MarshalIndent(s.Content, "", "  ")
	got := stableIDs(string(sub)) + "\n"
	path := filepath.Join("testdata", "show-budget-actuals.json")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("show --step budget --json with actuals differs from %s (run with -update after checking)\n%s", path, firstDiff(string(want), got))
	}
}

func TestImportExpensesNeedsItsColumns(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	_, out, _ := runCLI(t, ws, "demo")
	id := strings.TrimSpace(out)
	p := filepath.Join(dir, "x.csv")
	os.WriteFile(p, []byte("When,What,Sum\n2027-01,CRM and sales tools,5\n"), 0o644)
	code, _, errOut := runCLI(t, ws, "import", "expenses", p, "--plan", id)
	if code != 2 || !strings.Contains(errOut, "holds the month (YYYY-MM); give it a header such as “Month” (its columns: When, What, Sum), or name it with --map month=Header") {
		t.Errorf("no month column: %d %s", code, errOut)
	}
	code, out, errOut = runCLI(t, ws, "import", "expenses", p, "--plan", id, "--map", "month=When", "--map", "line=What")
	if code != 0 || !strings.Contains(out, "Recorded 1 actual expense (€5.00) for Jan 2027.") {
		t.Errorf("with --map: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, ws, "import", "expenses", p); code != 2 || !strings.Contains(errOut, "--plan") {
		t.Errorf("without --plan: %d %s", code, errOut)
	}
}
