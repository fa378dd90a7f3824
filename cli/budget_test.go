package cli

import (
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readCSVTables splits the budget CSV into its tables by name.
func readCSVTables(t *testing.T, path string) map[string][][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][][]string{}
	name := ""
	for _, rec := range recs {
		switch {
		case len(rec) == 1 && strings.HasSuffix(rec[0], " (EUR)"): // a table starts (blank lines between tables are skipped)
			name = strings.TrimSuffix(rec[0], " (EUR)")
		default:
			out[name] = append(out[name], rec)
		}
	}
	return out
}

func TestExportBudgetCSVAndXLSXAgree(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "demo")
	if code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	id := strings.TrimSpace(out)
	exp := filepath.Join(dir, "actuals.csv")
	os.WriteFile(exp, []byte("Month,Line,Amount\n2027-01,CRM and sales tools,812.40\n2027-02,Trade fairs and campaigns,5100\n"), 0o644)
	if code, _, errOut := runCLI(t, ws, "import", "expenses", exp, "--plan", id); code != 0 {
		t.Fatalf("import expenses: %s", errOut)
	}
	csvPath, xlsxPath := filepath.Join(dir, "budget.csv"), filepath.Join(dir, "budget.xlsx")
	for _, p := range []string{csvPath, xlsxPath} {
		if code, _, errOut := runCLI(t, ws, "export", "budget", "--plan", id, "--out", p); code != 0 {
			t.Fatalf("export %s: %s", p, errOut)
		}
	}
	if ev := readCSVTables(t, csvPath)["Expense variance"]; len(ev) != 3 || ev[1][0] != "Trade fairs and campaigns" || ev[2][2] != "812.40" {
		t.Errorf("expense variance table: %v", ev)
	}
	if em := readCSVTables(t, csvPath)["Expenses by month"]; len(em) != 3 || em[2][1] != "2027-01" {
		t.Errorf("expenses by month: %v", em)
	}
	if code, _, errOut := runCLI(t, ws, "export", "budget", "--plan", id, "--out", filepath.Join(dir, "budget.txt")); code != 2 || !strings.Contains(errOut, "csv or xlsx") {
		t.Errorf("unknown format: exit %d, %s", code, errOut)
	}
	tables := readCSVTables(t, csvPath)
	monthly := tables["Monthly budget"]
	if len(monthly) != 1+12+4+1 || monthly[1][0] != "2027-01" || monthly[17][0] != "Plan period" {
		t.Fatalf("monthly table: %v", monthly)
	}
	// the months add up to the plan period exactly, in the file's own numbers
	for col := 1; col <= 4; col++ {
		var cents int64
		for _, r := range monthly[1:13] {
			cents += centsOf(t, r[col])
		}
		if cents != centsOf(t, monthly[17][col]) {
			t.Errorf("column %s: months %d, plan period %s", monthly[0][col], cents, monthly[17][col])
		}
	}
	if len(tables["Scenarios"]) != 4 || len(tables["Lines"]) < 10 {
		t.Errorf("scenarios %v, %d lines", tables["Scenarios"], len(tables["Lines"]))
	}
	x, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); strings.Join(got, "|") != "Monthly budget|Lines|Scenarios|Budget vs actual|Expense variance|Expenses by month" {
		t.Errorf("sheets %v", got)
	}
	for _, name := range []string{"Monthly budget", "Lines", "Scenarios", "Expense variance", "Expenses by month"} {
		rows, err := x.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		want := tables[name]
		if len(rows) != len(want) {
			t.Fatalf("%s: %d rows in xlsx, %d in csv", name, len(rows), len(want))
		}
		for i := range want {
			for j := range want[i] {
				a, b := want[i][j], ""
				if j < len(rows[i]) {
					b = rows[i][j]
				}
				if fa, err := strconv.ParseFloat(a, 64); err == nil {
					fb, err := strconv.ParseFloat(b, 64)
					amountCol := strings.Contains(a, ".") && len(a)-strings.Index(a, ".") == 3
					if err != nil || amountCol && fa != fb || !amountCol && math.Abs(fa-fb) > 0.00005 {
						t.Errorf("%s %d,%d: csv %s, xlsx %s", name, i, j, a, b)
					}
					continue
				}
				if a != b {
					t.Errorf("%s %d,%d: csv %q, xlsx %q", name, i, j, a, b)
				}
			}
		}
	}
	// amounts are numbers with a currency format
	ty, _ := x.GetCellType("Monthly budget", "B2")
	style, _ := x.GetCellStyle("Monthly budget", "B2")
	st, _ := x.GetStyle(style)
	if ty == excelize.CellTypeSharedString || ty == excelize.CellTypeInlineString || st == nil || st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, "€") {
		t.Errorf("B2: type %v, style %+v", ty, st)
	}
}

// TestBudgetXLSXOpensInLibreOfficeWithTheCSVNumbers converts every sheet of
// the exported xlsx to CSV with LibreOffice (headless) and compares each
// cell with the budget's own CSV export: the same texts and the same
// numbers. It is skipped, saying so, where LibreOffice is not installed
// (Debian: apt-get install libreoffice-calc-nogui).
func TestBudgetXLSXOpensInLibreOfficeWithTheCSVNumbers(t *testing.T) {
	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		if lo, err = exec.LookPath("soffice"); err != nil {
			t.Skip("LibreOffice is not installed (neither libreoffice nor soffice is on PATH): the xlsx is checked with excelize only; install libreoffice-calc-nogui to run this test")
		}
	}
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "demo")
	if code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	id := strings.TrimSpace(out)
	exp := filepath.Join(dir, "actuals.csv")
	os.WriteFile(exp, []byte("Month,Line,Amount\n2027-01,CRM and sales tools,812.40\n2027-02,Trade fairs and campaigns,5100\n"), 0o644)
	if code, _, errOut := runCLI(t, ws, "import", "expenses", exp, "--plan", id); code != 0 {
		t.Fatalf("import expenses: %s", errOut)
	}
	csvPath, xlsxPath := filepath.Join(dir, "budget.csv"), filepath.Join(dir, "budget.xlsx")
	for _, p := range []string{csvPath, xlsxPath} {
		if code, _, errOut := runCLI(t, ws, "export", "budget", "--plan", id, "--out", p); code != 0 {
			t.Fatalf("export %s: %s", p, errOut)
		}
	}
	tables := readCSVTables(t, csvPath)
	conv := filepath.Join(dir, "lo")
	// every sheet (the last option, -1), raw values rather than as shown
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
	cmd := exec.Command(lo, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", filter, "--outdir", conv, xlsxPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v %s", err, out)
	}
	for _, name := range []string{"Monthly budget", "Lines", "Scenarios", "Budget vs actual", "Expense variance", "Expenses by month"} {
		f, err := os.Open(filepath.Join(conv, "budget-"+name+".csv"))
		if err != nil {
			entries, _ := os.ReadDir(conv)
			t.Fatalf("sheet %s: %v (LibreOffice wrote %v)", name, err, entries)
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		got, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := tables[name]
		if len(want) == 0 || len(got) != len(want) {
			t.Fatalf("%s: %d rows from LibreOffice, %d in the csv", name, len(got), len(want))
		}
		for i := range want {
			for j := range want[i] {
				a, b := want[i][j], ""
				if j < len(got[i]) {
					b = got[i][j]
				}
				if fa, err := strconv.ParseFloat(a, 64); err == nil {
					// LibreOffice writes a ratio cell with its % format
					// ("30.7189%"), the csv as a ratio rounded to 4 places.
					scale := 1.0
					if strings.HasSuffix(b, "%") {
						b, scale = strings.TrimSuffix(b, "%"), 100
					}
					fb, err := strconv.ParseFloat(b, 64)
					if err != nil || math.Abs(fa-fb/scale) > 0.0000501 {
						t.Errorf("%s row %d column %d: csv %s, LibreOffice %s", name, i, j, a, b)
					}
					continue
				}
				if a != b {
					t.Errorf("%s row %d column %d: csv %q, LibreOffice %q", name, i, j, a, b)
				}
			}
		}
	}
}

func centsOf(t *testing.T, s string) int64 {
	t.Helper()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	v, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || len(frac) != 2 {
		t.Fatalf("not an amount in cents: %q", s)
	}
	if neg {
		v = -v
	}
	return v
}

// TestExportBudgetOnlyPDF writes the cover and just the budget section:
// the scenarios with the chosen one, no other step, no appendix.
func TestExportBudgetOnlyPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required in CI")
		}
		t.Skip("pdftotext not installed")
	}
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "demo")
	if code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	id := strings.TrimSpace(out)
	pdf := filepath.Join(dir, "budget.pdf")
	if code, out, errOut := runCLI(t, ws, "export", "pdf", "--plan", id, "--budget-only", "--out", pdf); code != 0 || !strings.Contains(out, "Wrote") {
		t.Fatalf("export: %d %s", code, errOut)
	}
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	s := string(text)
	for _, want := range []string{"Sales plan for", "Sales budget", "Revenue forecast", "Scenarios", "The plan's budget is the Base scenario", "Budget vs actual"} {
		if !strings.Contains(s, want) {
			t.Errorf("budget-only PDF lacks %q", want)
		}
	}
	for _, not := range []string{"SWOT", "How the figures are computed", "Incentive scheme", "Key figures"} {
		if strings.Contains(s, not) {
			t.Errorf("budget-only PDF has %q", not)
		}
	}
}
