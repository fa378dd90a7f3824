package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// demoTeamWorkspace makes a workspace with the demo plan and returns it and
// the plan's ID.
func demoTeamWorkspace(t *testing.T) (string, string) {
	t.Helper()
	ws := filepath.Join(t.TempDir(), "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "demo")
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	return ws, strings.TrimSpace(out)
}

func teamJSON(t *testing.T, ws, id string) map[string]json.RawMessage {
	t.Helper()
	code, out, errOut := runCLI(t, ws, "show", "--plan", id, "--step", "team", "--json")
	if code != 0 {
		t.Fatalf("show: %s", errOut)
	}
	var v struct {
		Content map[string]json.RawMessage `json:"content"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	return v.Content
}

func activityCount(t *testing.T, ws, id string) int {
	t.Helper()
	var conv struct {
		Team struct {
			Visits, Calls, Contacts, Proposals, Orders int
		} `json:"team"`
	}
	if err := json.Unmarshal(teamJSON(t, ws, id)["conversion"], &conv); err != nil {
		t.Fatal(err)
	}
	tc := conv.Team
	return tc.Visits + tc.Calls + tc.Contacts + tc.Proposals + tc.Orders
}

// A file with half its rows bad imports nothing and lists every bad row
// with its reason; the same file without them imports every row (plural
// kinds, first names, amounts, a zero count).
func TestImportActivitiesAllOrNothing(t *testing.T) {
	ws, id := demoTeamWorkspace(t)
	dir := t.TempDir()
	good := []string{
		"2027-04-01,Anna Müller,Visits,3,Café Aurora,",
		"2027-04-02,jonas,calls,5,,",
		"2027-04-02,Tom,order,1,Hotel Linden,\"2,400.00\"",
		"2027-04-03,Lena Hoffmann,visit,0,,",
	}
	bad := []string{
		"2027-04-03,Nobody,visit,2,,",
		"2027-01-15,Lena Hoffmann,visit,2,,",
		"2027-04-03,Anna Müller,meeting,2,,",
		"2027-13-03,Jonas,visit,2,,",
	}
	header := "date,rep,kind,count,customer,amount\n"
	var mixed []string
	for i := range good {
		mixed = append(mixed, good[i], bad[i])
	}
	path := filepath.Join(dir, "mixed.csv")
	os.WriteFile(path, []byte(header+strings.Join(mixed, "\n")+"\n"), 0o644)
	before := activityCount(t, ws, id)
	code, out, errOut := runCLI(t, ws, "import", "activities", path, "--plan", id, "--json")
	if code != 1 || !strings.Contains(errOut, "4 of 8 rows were rejected; nothing was imported") {
		t.Fatalf("mixed: %d %s", code, errOut)
	}
	var res TeamImportJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	want := map[int]string{3: "There is no rep “Nobody” in the roster", 5: "2027-01-15 is before Lena Hoffmann was hired (2027-02-01)",
		7: "“meeting” is not an activity kind", 9: "2027-13-03 is not a real date"}
	if res.Rejected != 4 || res.Imported != 0 || len(res.Rejects) != 4 {
		t.Fatalf("result %+v", res)
	}
	for _, r := range res.Rejects {
		if !strings.Contains(r.Reason, want[r.Line]) {
			t.Errorf("line %d: %q, want %q", r.Line, r.Reason, want[r.Line])
		}
	}
	if got := activityCount(t, ws, id); got != before {
		t.Fatalf("a rejected file changed the log: %d → %d", before, got)
	}
	path = filepath.Join(dir, "good.csv")
	os.WriteFile(path, []byte(header+strings.Join(good, "\n")+"\n"), 0o644)
	code, out, errOut = runCLI(t, ws, "import", "activities", path, "--plan", id)
	if code != 0 || !strings.Contains(out, "Imported 4 activities") {
		t.Fatalf("good: %d %s %s", code, out, errOut)
	}
	if got := activityCount(t, ws, id); got != before+9 {
		t.Errorf("log %d, want %d", got, before+9)
	}
}

// Polls from an Excel workbook: a rating of 11 or 0 on the 1–5 scale and
// an unknown rep are rejected with sentences; the good rows import once
// the bad ones are gone.
func TestImportPollsFromExcel(t *testing.T) {
	ws, id := demoTeamWorkspace(t)
	write := func(rows [][]any) string {
		x := excelize.NewFile()
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			x.SetSheetRow("Sheet1", cell, &r)
		}
		path := filepath.Join(t.TempDir(), "polls.xlsx")
		if err := x.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	header := []any{"Date", "Sales rep", "Rating", "Customer", "Scale", "Comment"}
	goodRows := [][]any{{"2027-04-01", "Anna Müller", 5, "Café Aurora", "", "Great"}, {"2027-04-01", "Tom Baker", 9, "", 10, "Good follow-up"}}
	path := write(append([][]any{header}, append(goodRows, []any{"2027-04-01", "Anna Müller", 11, "", "", ""},
		[]any{"2027-04-01", "Tom Baker", 0, "", 5, ""}, []any{"2027-04-01", "Ghost", 3, "", "", ""})...))
	code, _, errOut := runCLI(t, ws, "import", "polls", path, "--plan", id)
	for _, w := range []string{"3 rows rejected", "A rating of 11 is outside the 1–5 scale", "A rating of 0 is outside the 1–5 scale",
		"There is no rep “Ghost”", "nothing was imported"} {
		if code != 1 || !strings.Contains(errOut, w) {
			t.Errorf("bad polls (%d): %q lacks %q", code, errOut, w)
		}
	}
	var polls struct{ Count int }
	json.Unmarshal(teamJSON(t, ws, id)["polls"], &polls)
	before := polls.Count
	code, out, errOut := runCLI(t, ws, "import", "polls", write(append([][]any{header}, goodRows...)), "--plan", id)
	if code != 0 || !strings.Contains(out, "Imported 2 ratings") {
		t.Fatalf("good polls: %d %s %s", code, out, errOut)
	}
	json.Unmarshal(teamJSON(t, ws, id)["polls"], &polls)
	if polls.Count != before+2 {
		t.Errorf("polls %d, want %d", polls.Count, before+2)
	}
}

func TestImportActivitiesNeedsItsColumns(t *testing.T) {
	ws, id := demoTeamWorkspace(t)
	path := filepath.Join(t.TempDir(), "a.csv")
	os.WriteFile(path, []byte("date,rep,what\n2027-04-01,Anna,3\n"), 0o644)
	code, _, errOut := runCLI(t, ws, "import", "activities", path, "--plan", id)
	if code != 1 || !strings.Contains(errOut, "The file has no column for kind and count") {
		t.Errorf("%d %s", code, errOut)
	}
}
