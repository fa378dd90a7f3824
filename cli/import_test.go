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

// TestImportOddFiles runs the command on files a new user may have: each
// gets the right check and a sentence saying what to do.
func TestImportOddFiles(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	if code, _, errOut := runCLI(t, ws, "plans", "create", "--business", "Shop", "--title", "Plan", "--start", "2026-01"); code != 0 {
		t.Fatal(errOut)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	// A header of 55 columns whose names carry numbers is found.
	head := []string{"Order Date", "Sales"}
	for i := 1; len(head) < 55; i++ {
		head = append(head, fmt.Sprintf("F%d", 10+i))
	}
	var b strings.Builder
	b.WriteString(strings.Join(head, ",") + "\n")
	for r := 0; r < 5; r++ {
		row := []string{fmt.Sprintf("2020-01-%02d", r+1), "10"}
		for len(row) < len(head) {
			row = append(row, "1")
		}
		b.WriteString(strings.Join(row, ",") + "\n")
	}
	code, out, errOut := runCLI(t, ws, "import", "sales", write("wide.csv", []byte(b.String())), "--business", "Shop", "--json")
	if code != 0 || !strings.Contains(out, `"imported": 5`) {
		t.Errorf("wide header: %d %s %s", code, out, errOut)
	}

	// UTF-32 with a byte order mark.
	var u32 []byte
	for _, r := range "\ufeffDate,Amount,Customer\n2020-02-01,5,Müller\n" {
		u32 = append(u32, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
	}
	code, out, errOut = runCLI(t, ws, "import", "sales", write("u32.csv", u32), "--business", "Shop", "--json")
	if code != 0 || !strings.Contains(out, `"imported": 1`) {
		t.Errorf("UTF-32: %d %s %s", code, out, errOut)
	}

	// One 100 MB field in the first data row.
	f, err := os.Create(filepath.Join(dir, "huge.csv"))
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("Date,Amount,Note\n2020-03-01,5,\"")
	chunk := []byte(strings.Repeat("x", 1<<20))
	for i := 0; i < 100; i++ {
		f.Write(chunk)
	}
	f.WriteString("\"\n2020-03-02,6,ok\n")
	f.Close()
	code, _, errOut = runCLI(t, ws, "import", "sales", f.Name(), "--business", "Shop")
	if code != 1 || strings.Contains(errOut, "no rows") || !strings.Contains(errOut, "Line 2 of huge.csv is longer than 1 MB") {
		t.Errorf("100 MB field: %d %s", code, errOut)
	}

	// --map date=amount takes the amount's column.
	plain := write("plain.csv", []byte("date,amount\n2020-04-01,5\n"))
	code, _, errOut = runCLI(t, ws, "import", "sales", plain, "--business", "Shop", "--map", "date=amount")
	if code != 2 || !strings.Contains(errOut, `puts the column "amount", which holds the amount, on the date`) || !strings.Contains(errOut, "--map amount=Header") {
		t.Errorf("--map date=amount: %d %s", code, errOut)
	}
}

// TestImportAgainAfterReplacePeriod imports a file, replaces its period
// with another file, then imports the first file again: it is not "already
// imported" any more, since its rows were replaced; the overlap with the
// second file is what needs a decision.
func TestImportAgainAfterReplacePeriod(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	if code, _, errOut := runCLI(t, ws, "plans", "create", "--business", "Shop", "--title", "Plan", "--start", "2026-01"); code != 0 {
		t.Fatal(errOut)
	}
	first := filepath.Join(dir, "first.csv")
	os.WriteFile(first, []byte("date,amount\n2025-01-05,10\n2025-02-05,20\n2025-03-05,30\n"), 0o644)
	second := filepath.Join(dir, "second.csv")
	os.WriteFile(second, []byte("date,amount\n2025-01-05,11\n2025-03-05,31\n"), 0o644)
	part := filepath.Join(dir, "part.csv")
	os.WriteFile(part, []byte("date,amount\n2025-02-01,21\n2025-02-28,22\n"), 0o644)

	if code, _, errOut := runCLI(t, ws, "import", "sales", first, "--business", "Shop"); code != 0 {
		t.Fatal(errOut)
	}
	// Replacing part of the period: the first file keeps 2 of its rows.
	if code, _, errOut := runCLI(t, ws, "import", "sales", part, "--business", "Shop", "--replace-period"); code != 0 {
		t.Fatal(errOut)
	}
	code, _, errOut := runCLI(t, ws, "import", "sales", first, "--business", "Shop")
	if code != 1 || !strings.Contains(errOut, "already imported") || !strings.Contains(errOut, "(2 rows)") {
		t.Errorf("partly replaced: %d %s", code, errOut)
	}
	// Replacing the whole period: nothing of the first file is left.
	if code, _, errOut := runCLI(t, ws, "import", "sales", second, "--business", "Shop", "--replace-period"); code != 0 {
		t.Fatal(errOut)
	}
	code, _, errOut = runCLI(t, ws, "import", "sales", first, "--business", "Shop")
	if code != 1 || strings.Contains(errOut, "already imported") || !strings.Contains(errOut, "already has 2 sales between 2025-01-05 and 2025-03-05") {
		t.Errorf("replaced: %d %s", code, errOut)
	}
	code, out, errOut := runCLI(t, ws, "import", "sales", first, "--business", "Shop", "--replace-period", "--json")
	if code != 0 || !strings.Contains(out, `"imported": 3`) {
		t.Errorf("import again: %d %s %s", code, out, errOut)
	}
}
