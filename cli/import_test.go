package cli

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
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

// retailCSV writes a shop-system style export of n order lines, not in date
// order, where 40 % of the amounts are prices after a percentage discount
// with 3 or 4 decimals and some are Excel floats such as 19.989999999. It
// returns the file and the expected total in cents, rounded half away from
// zero per line, the number of lines that need rounding and the largest
// change in 1/10^9 of a euro.
func retailCSV(t *testing.T, dir string, n int) (string, int64, int64, int64) {
	t.Helper()
	var b strings.Builder
	b.WriteString("Order ID,Order Date,Customer,Category,Region,Sales\n")
	var total, rounded, maxChange int64
	for i := 0; i < n; i++ {
		day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*7919)%730)
		cents := int64(500 + (i*7727)%200000)
		var text string
		var exact int64 // in 1/10^9 euro
		switch {
		case i%10 < 4: // price after discount: 4 decimals
			disc := int64(5 + i%40)      // percent
			tenK := cents * (100 - disc) // 1/10000 euro
			text = fmt.Sprintf("%d.%04d", tenK/10000, tenK%10000)
			exact = tenK * 100_000
		case i%10 == 4: // an Excel float
			if cents%100 == 0 {
				text = fmt.Sprintf("%d.999999999", cents/100-1)
			} else {
				text = fmt.Sprintf("%d.%02d9999999", cents/100, cents%100-1)
			}
			exact = cents*10_000_000 - 1
		default:
			text = fmt.Sprintf("%d.%02d", cents/100, cents%100)
			exact = cents * 10_000_000
		}
		r := (exact + 5_000_000) / 10_000_000 // half away from zero (all positive)
		if d := exact - r*10_000_000; d != 0 {
			rounded++
			if d < 0 {
				d = -d
			}
			maxChange = max(maxChange, d)
		}
		total += r
		fmt.Fprintf(&b, "SO-%05d,%s,C%d,Cat%d,R%d,%s\n", 100000-i, day.Format("01/02/2006"), i%97, i%3, i%4, text)
	}
	path := filepath.Join(dir, "retail.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, total, rounded, maxChange
}

func TestImportRoundsExtraDecimals(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	if code, _, errOut := runCLI(t, ws, "plans", "create", "--business", "Shop", "--title", "Plan", "--start", "2026-01", "--currency", "EUR"); code != 0 {
		t.Fatal(errOut)
	}
	const n = 10000
	file, total, rounded, maxChange := retailCSV(t, dir, n)
	if rounded < n/3 {
		t.Fatalf("the test file has only %d lines to round", rounded)
	}
	code, out, errOut := runCLI(t, ws, "import", "sales", file, "--business", "Shop", "--json")
	if code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	var imp ImportJSON
	if err := json.Unmarshal([]byte(out), &imp); err != nil {
		t.Fatal(err)
	}
	if imp.Imported != n || imp.Rejected != 0 {
		t.Errorf("imported %d, rejected %d; want %d, 0", imp.Imported, imp.Rejected, n)
	}
	if want := float64(total) / 100; math.Abs(imp.Total-want) > 1e-6 {
		t.Errorf("total %v, want %v", imp.Total, want)
	}
	if want := float64(maxChange) / 1e9; imp.Rounded != rounded || math.Abs(imp.RoundedMaxChange-want) > 1e-12 {
		t.Errorf("rounded %d, max change %v; want %d, %v", imp.Rounded, imp.RoundedMaxChange, rounded, want)
	}
	var raw map[string]any
	json.Unmarshal([]byte(out), &raw)
	if _, ok := raw["rounded"]; !ok {
		t.Errorf(`no "rounded" key: %s`, out)
	}
	if _, ok := raw["rounded_max_change"]; !ok {
		t.Errorf(`no "rounded_max_change" key: %s`, out)
	}

	// The text output says so in a sentence.
	ws2 := filepath.Join(dir, "ws2.salesplan")
	runCLI(t, ws2, "plans", "create", "--business", "Shop", "--title", "Plan", "--start", "2026-01", "--currency", "EUR")
	code, out, errOut = runCLI(t, ws2, "import", "sales", file, "--business", "Shop")
	want := fmt.Sprintf("%s amounts had more decimals than EUR has and were rounded half away from zero to 2 decimals; the largest change was %s EUR.",
		groupThousands(rounded), strconv.FormatFloat(float64(maxChange)/1e9, 'f', -1, 64))
	if code != 0 || !strings.Contains(out, want) {
		t.Errorf("text output %d:\n%s\n%s\nwant %q", code, out, errOut, want)
	}

	// A file without extra decimals says nothing about rounding.
	plain := filepath.Join(dir, "plain.csv")
	os.WriteFile(plain, []byte("date,amount\n2027-01-01,10.50\n"), 0o644)
	code, out, _ = runCLI(t, ws2, "import", "sales", plain, "--business", "Shop", "--json")
	if code != 0 || !strings.Contains(out, `"rounded": 0,`) || !strings.Contains(out, `"rounded_max_change": 0`) {
		t.Errorf("plain file: %s", out)
	}
}

// groupThousands writes n with commas, as en_US does.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
