package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// runningPlan adds the demo and a plan of the demo business from Jan 2026,
// which the history covers up to its last month; it returns both IDs.
func runningPlan(t *testing.T, ws string) (demo, running string) {
	t.Helper()
	code, out, errOut := runCLI(t, ws, "demo")
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	demo = strings.TrimSpace(out)
	code, out, errOut = runCLI(t, ws, "plans", "create", "--business", "Demo — Northwind Coffee Supply", "--title", "Running plan 2026",
		"--start", "2026-01", "--json")
	if code != 0 {
		t.Fatalf("plans create: %d %s", code, errOut)
	}
	var p PlanJSON
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	return demo, p.ID
}

// TestShowOverviewJSONOfARunningPlan keeps the dashboard of a plan in its
// period (revenue so far, the outlook of actuals and forecast, every
// missing tile null with its hint) in testdata/show-overview-running.json.
func TestShowOverviewJSONOfARunningPlan(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.salesplan")
	_, id := runningPlan(t, ws)
	code, out, errOut := runCLI(t, ws, "show", "--plan", id, "--step", "overview", "--json")
	if code != 0 {
		t.Fatalf("show: %d %s", code, errOut)
	}
	var v struct {
		Content struct {
			Tiles map[string]json.RawMessage `json:"tiles"`
			Hints map[string]string          `json:"hints"`
		} `json:"content"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"target", "ytd", "outlook", "expenses", "cost_of_sales_ratio", "attainment", "conversion", "rating"} {
		raw, ok := v.Content.Tiles[k]
		if !ok {
			t.Errorf("tile %s is missing from the JSON", k)
		}
		if null := string(raw) == "null"; null != (v.Content.Hints[k] != "") {
			t.Errorf("tile %s: %s with hint %q", k, raw, v.Content.Hints[k])
		}
	}
	if string(v.Content.Tiles["ytd"]) == "null" || string(v.Content.Tiles["outlook"]) == "null" {
		t.Errorf("a running plan has no revenue so far or outlook: %s", out)
	}
	got := stableIDs(out)
	path := filepath.Join("testdata", "show-overview-running.json")
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
		t.Errorf("the running plan's overview differs from %s (run with -update after checking the change)\n%s", path, firstDiff(string(want), got))
	}
}

// TestExportReviewPDF writes the monthly review of the demo plan and of a
// running plan and reads them back: 2–4 pages, the tiles, the objectives
// with their rules and the charts' section.
func TestExportReviewPDF(t *testing.T) {
	for _, tool := range []string{"pdftotext", "qpdf", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required in CI", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	demo, running := runningPlan(t, ws)
	for _, c := range []struct {
		name, id string
		want     []string
	}{
		{"demo", demo, []string{"Monthly review: Demo sales plan 2027", "Where the plan stands", "Revenue target", "Full-year outlook",
			"No sales expenses are recorded yet", "Not measured yet", "Revenue and the team"}},
		{"running", running, []string{"Monthly review: Running plan 2026", "Revenue so far", "on the same months last year",
			"Actual sales up to", "Revenue and the team"}},
	} {
		out := filepath.Join(dir, c.name+".pdf")
		code, _, errOut := runCLI(t, ws, "export", "pdf", "--plan", c.id, "--review", "--out", out)
		if code != 0 {
			t.Fatalf("%s: export --review: %d %s", c.name, code, errOut)
		}
		if b, err := exec.Command("qpdf", "--check", out).CombinedOutput(); err != nil {
			t.Fatalf("%s: qpdf --check: %v\n%s", c.name, err, b)
		}
		info, err := exec.Command("pdfinfo", out).Output()
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
		if m == nil {
			t.Fatalf("pdfinfo: %s", info)
		}
		if n, _ := strconv.Atoi(string(m[1])); n < 2 || n > 4 {
			t.Errorf("%s: the review has %d pages, want 2–4", c.name, n)
		}
		text, err := exec.Command("pdftotext", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(string(text)), " ")
		for _, w := range c.want {
			if !strings.Contains(flat, w) {
				t.Errorf("%s: the review lacks %q:\n%s", c.name, w, flat)
			}
		}
	}
	if code, _, errOut := runCLI(t, ws, "export", "pdf", "--plan", demo, "--review", "--budget-only", "--out", filepath.Join(dir, "x.pdf")); code == 0 ||
		!strings.Contains(errOut, "not both") {
		t.Errorf("--review with --budget-only: %d %s", code, errOut)
	}
}
