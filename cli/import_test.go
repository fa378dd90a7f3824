package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const germanCSV = "Umsatzbericht 2025\n\nDatum;Kunde;Betrag;Gebiet\n" +
	"05.01.2025;Müller;1.234,50 €;Nord\n" +
	"16.02.2025;Søn;(12,00);Süd\n" +
	"14.03.2025;Ελλάδα;99,99;Nord\n"

func TestImportAndForecastCommands(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "plans", "create", "--business", "Acme", "--title", "Plan", "--start", "2026-01", "--json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var p PlanJSON
	json.Unmarshal([]byte(out), &p)
	file := filepath.Join(dir, "de.csv")
	os.WriteFile(file, []byte(germanCSV), 0o644)

	code, out, errOut = runCLI(t, ws, "import", "sales", file, "--plan", p.ID, "--json")
	if code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	var imp ImportJSON
	if err := json.Unmarshal([]byte(out), &imp); err != nil {
		t.Fatal(err)
	}
	if imp.Imported != 3 || imp.Rejected != 0 || imp.Total != 1322.49 || imp.First != "2025-01-05" || imp.Last != "2025-03-14" {
		t.Errorf("import: %+v", imp)
	}
	// The same file again is refused (non-zero) and adds nothing.
	code, _, errOut = runCLI(t, ws, "import", "sales", file, "--business", "Acme")
	if code == 0 || !strings.Contains(errOut, "already imported") {
		t.Errorf("re-import: %d %s", code, errOut)
	}
	// Replacing the period keeps the figures single.
	code, _, errOut = runCLI(t, ws, "import", "sales", file, "--business", "Acme", "--replace-period")
	if code != 0 {
		t.Fatalf("replace: %s", errOut)
	}
	_, out, _ = runCLI(t, ws, "show", "--plan", p.ID, "--step", "situation", "--json")
	if !strings.Contains(out, `"rows": 3`) {
		t.Errorf("rows after replace: %s", out)
	}

	// A bad row makes the whole import fail, naming line and column.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("date,amount\n2025-04-01,10\n31/02/2025,5\n2025-04-03,oops\n"), 0o644)
	code, _, errOut = runCLI(t, ws, "import", "sales", bad, "--plan", p.ID, "--append")
	if code != 1 || !strings.Contains(errOut, "line 3") || !strings.Contains(errOut, "nothing was imported") {
		t.Errorf("bad rows: %d %s", code, errOut)
	}
	code, out, _ = runCLI(t, ws, "import", "sales", bad, "--plan", p.ID, "--append", "--skip-bad", "--json")
	if code != 0 || !strings.Contains(out, `"imported": 1`) || !strings.Contains(out, `"rejected": 2`) {
		t.Errorf("skip-bad: %d %s", code, out)
	}
	// Ambiguous dates need --date-order.
	amb := filepath.Join(dir, "amb.csv")
	os.WriteFile(amb, []byte("Date,Sales\n01/02/2024,5\n03/04/2024,6\n"), 0o644)
	code, _, errOut = runCLI(t, ws, "import", "sales", amb, "--plan", p.ID, "--append")
	if code != 2 || !strings.Contains(errOut, "--date-order") {
		t.Errorf("ambiguous: %d %s", code, errOut)
	}
	code, _, errOut = runCLI(t, ws, "import", "sales", amb, "--plan", p.ID, "--append", "--date-order", "dmy", "--map", "amount=Sales")
	if code != 0 {
		t.Errorf("with --date-order: %s", errOut)
	}
	code, _, errOut = runCLI(t, ws, "import", "sales", amb, "--plan", p.ID, "--map", "amount=Nope")
	if code != 2 || !strings.Contains(errOut, "no column") {
		t.Errorf("bad --map: %s", errOut)
	}
}

func TestForecastHoldoutReportsAccuracy(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.salesplan")
	_, out, errOut := runCLI(t, ws, "demo")
	id := strings.TrimSpace(out)
	if id == "" {
		t.Fatal(errOut)
	}
	code, out, errOut := runCLI(t, ws, "forecast", "--plan", id, "--holdout", "6", "--json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var f ForecastJSON
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatal(err)
	}
	s := f.Series[0]
	if len(s.Forecast) != 6 || len(s.Actual) != 6 || len(s.Lo80) != 6 || s.SMAPE == nil || s.SNaiveSMAPE == nil || f.TotalInterval == nil {
		t.Fatalf("holdout JSON: %s", out)
	}
	if *s.SMAPE <= 0 || *s.SMAPE > 50 {
		t.Errorf("holdout sMAPE %v", *s.SMAPE)
	}
	for i := range s.Forecast {
		if !(s.Lo95[i] <= s.Lo80[i] && s.Lo80[i] <= s.Forecast[i] && s.Forecast[i] <= s.Hi80[i] && s.Hi80[i] <= s.Hi95[i]) {
			t.Errorf("month %d bounds out of order", i)
		}
	}
	code, out, _ = runCLI(t, ws, "forecast", "--plan", id, "--by", "region", "--json")
	if code != 0 || strings.Count(out, `"name"`) != 4 {
		t.Errorf("by region: %s", out)
	}
	code, out, _ = runCLI(t, ws, "forecast", "--plan", id)
	if code != 0 || !strings.Contains(out, "80 % low") {
		t.Errorf("text: %s", out)
	}
	if code, _, _ := runCLI(t, ws, "forecast", "--plan", id, "--by", "planet"); code != 1 {
		t.Errorf("bad --by: %d", code)
	}
}
