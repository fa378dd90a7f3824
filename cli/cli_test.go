package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"salesplan/data"
)

func fixedNow() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }

// runCLI runs the command line on the workspace ws and returns the exit
// code, stdout and stderr.
func runCLI(t *testing.T, ws string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Now: fixedNow, Getenv: func(k string) string {
		if k == "LANG" {
			return "en_US.UTF-8"
		}
		return ""
	}}
	code := Run(append([]string{"--db", ws}, args...), env)
	return code, out.String(), errOut.String()
}

func TestPlansCreateListDelete(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "plans", "create", "--business", "Müller & Søn", "--title", "Plan 2027", "--start", "2027-03", "--months", "9", "--currency", "chf", "--json")
	if code != 0 {
		t.Fatalf("create: %d %s", code, errOut)
	}
	var p PlanJSON
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("create JSON: %v\n%s", err, out)
	}
	if p.ID == "" || p.Start != "2027-03" || p.End != "2027-11" || p.Months != 9 || p.Currency != "CHF" || p.Business != "Müller & Søn" {
		t.Errorf("created %+v", p)
	}
	code, out, _ = runCLI(t, ws, "plans", "list", "--json")
	var list []PlanJSON
	if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil || len(list) != 1 || list[0].ID != p.ID {
		t.Fatalf("list: %d %v %s", code, err, out)
	}
	if code, _, _ = runCLI(t, ws, "plans", "delete", p.ID); code != 0 {
		t.Fatal("delete failed")
	}
	_, out, _ = runCLI(t, ws, "plans", "list", "--json")
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("list after delete: %s", out)
	}
	code, _, errOut = runCLI(t, ws, "plans", "delete", p.ID+"x")
	if code != 1 || !strings.Contains(errOut, "no plan with the ID") {
		t.Errorf("delete unknown: %d %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.salesplan")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"plans"}, 2, "needs a subcommand"},
		{[]string{"plans", "create", "--title", "x"}, 2, "needs --business"},
		{[]string{"plans", "create", "--business", "b", "--title", "t", "--start", "2027-13"}, 2, "YYYY-MM"},
		{[]string{"plans", "create", "--business", "b", "--title", "t", "--start", "2027-01", "--months", "99"}, 2, "1 to 60 months"},
		{[]string{"plans", "create", "--business", "b", "--title", "t", "--start", "2027-01", "--currency", "XYZ"}, 1, "XYZ is not a currency"},
		{[]string{"plans", "list", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"show", "--plan", "nope", "--step", "situation"}, 1, "no plan with the ID"},
		{[]string{"export", "pdf", "--plan", "x"}, 2, "needs --plan and --out"},
		{[]string{"export", "docx"}, 2, "export needs a format"},
	} {
		code, _, errOut := runCLI(t, ws, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
	for _, args := range [][]string{{"--help"}, {"plans", "list", "--help"}, {"export", "pdf", "--help"}, {"show", "-h"}} {
		code, out, _ := runCLI(t, ws, args...)
		if code != 0 || out == "" {
			t.Errorf("%v: exit %d, no help", args, code)
		}
	}
	code, out, _ := runCLI(t, ws, "version")
	if code != 0 || !strings.HasPrefix(out, "salesplan "+Version) {
		t.Errorf("version: %q", out)
	}
}

func TestRefusesForeignWorkspace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(path, []byte("not a workspace"), 0o644)
	code, _, errOut := runCLI(t, path, "plans", "list")
	if code != 1 || !strings.Contains(errOut, "not a Salesplan workspace") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(path); string(b) != "not a workspace" {
		t.Error("file changed")
	}
}

func TestDemoShowAndExport(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "demo")
	if code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	id := strings.TrimSpace(out)
	code, out, _ = runCLI(t, ws, "show", "--plan", id, "--step", "situation", "--json")
	var s ShowJSON
	if err := json.Unmarshal([]byte(out), &s); code != 0 || err != nil {
		t.Fatalf("show: %v %s", err, out)
	}
	if s.Step != "situation" || s.Number != 1 || s.Status != "complete" || s.Content == nil {
		t.Errorf("show situation: %+v", s)
	}
	_, out, _ = runCLI(t, ws, "show", "--plan", id, "--step", "budget", "--json")
	if !strings.Contains(out, `"status": "complete"`) || !strings.Contains(out, `"lines"`) {
		t.Errorf("show budget: %s", out)
	}
	_, out, _ = runCLI(t, ws, "show", "--plan", id, "--step", "overview", "--json")
	if !strings.Contains(out, `"key_figures"`) {
		t.Errorf("show overview: %s", out)
	}
	code, _, errOut = runCLI(t, ws, "show", "--plan", id, "--step", "nonsense")
	if code != 2 || !strings.Contains(errOut, "situation") {
		t.Errorf("unknown step: %s", errOut)
	}
	pdf := filepath.Join(dir, "out", "plan.pdf")
	os.MkdirAll(filepath.Dir(pdf), 0o755)
	code, _, errOut = runCLI(t, ws, "export", "pdf", "--plan", id, "--out", pdf)
	if code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF: %v", err)
	}
	code, _, errOut = runCLI(t, ws, "export", "pdf", "--plan", id, "--out", filepath.Join(dir, "missing-dir", "x.pdf"))
	if code != 1 || !strings.Contains(errOut, "missing-dir does not exist") {
		t.Errorf("bad folder: %d %s", code, errOut)
	}
}

func TestDefaultWorkspaceAndEnv(t *testing.T) {
	if !strings.HasSuffix(DefaultWorkspace(), filepath.Join("fyne", AppID, "workspace.salesplan")) {
		t.Errorf("default %s", DefaultWorkspace())
	}
	ws := filepath.Join(t.TempDir(), "env.salesplan")
	var out bytes.Buffer
	env := Env{Stdout: &out, Stderr: &out, Now: fixedNow, Getenv: func(k string) string {
		if k == "SALESPLAN_DB" {
			return ws
		}
		return ""
	}}
	if code := Run([]string{"plans", "create", "--business", "B", "--title", "T", "--start", "2027-01"}, env); code != 0 {
		t.Fatalf("create via SALESPLAN_DB: %s", out.String())
	}
	db, err := data.Open(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// --db anywhere on the line wins over the variable.
	other := filepath.Join(t.TempDir(), "other.salesplan")
	out.Reset()
	if code := Run([]string{"plans", "list", "--db=" + other}, env); code != 1 || !strings.Contains(out.String(), "There is no workspace at "+other) {
		t.Fatalf("--db= not honoured: %s", out.String())
	}
	if code := Run([]string{"plans", "create", "--business", "B", "--title", "T", "--start", "2027-01", "--db=" + other}, env); code != 0 {
		t.Fatal("--db=")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("--db= not honoured")
	}
}
