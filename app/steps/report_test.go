package steps_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/data"
)

var testNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// testLine is printed in every script the embedded font must cover.
const testLine = "Müller & Søn — Überblick 2027 — Łódź — Ελλάδα — Москва"

func openDB(t testing.TB) *data.DB {
	t.Helper()
	db, err := data.Open(filepath.Join(t.TempDir(), "ws.salesplan"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Declare(steps.Registry().Tables()...); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return testNow }
	t.Cleanup(func() { db.Close() })
	return db
}

// demoPlan creates the demo in a new workspace and returns its data.
func demoPlan(t testing.TB) (*data.DB, app.PlanData) {
	t.Helper()
	db := openDB(t)
	p, err := app.CreateDemo(context.Background(), db, steps.Registry(), testNow)
	if err != nil {
		t.Fatal(err)
	}
	pd, err := app.LoadPlanData(context.Background(), db, steps.Registry(), p.ID, app.LocaleFor("en_US"))
	if err != nil {
		t.Fatal(err)
	}
	return db, pd
}

// needTool skips when a PDF tool is missing locally; in CI it must exist.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (make deps installs it)", name)
		}
		t.Skipf("%s not installed", name)
	}
}

func exportDemo(t *testing.T, pd app.PlanData) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := app.ExportPDF(context.Background(), &buf, &pd, steps.Registry(), app.ExportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var shared struct {
	once sync.Once
	pd   app.PlanData
	pdf  []byte
}

// sharedDemoPDF exports the demo plan (with the test line and characters
// the font lacks) once for the tests that only read the result: under the
// race detector an export with charts takes seconds.
func sharedDemoPDF(t *testing.T) (app.PlanData, []byte) {
	shared.once.Do(func() {
		_, pd := demoPlan(t)
		pd.Plan.Author = testLine
		pd.Plan.Markets = "日本 and 🚀 and שלום עולם are kept"
		shared.pd, shared.pdf = pd, exportDemo(t, pd)
	})
	if shared.pdf == nil {
		t.Fatal("demo export failed")
	}
	return shared.pd, shared.pdf
}

func TestExportPDFParsesBack(t *testing.T) {
	needTool(t, "qpdf")
	needTool(t, "pdftotext")
	needTool(t, "pdffonts")
	_, pdf := sharedDemoPDF(t)
	path := filepath.Join(t.TempDir(), "plan.pdf")
	os.WriteFile(path, pdf, 0o644)

	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.Join(strings.Fields(string(text)), " ") // undo line wrapping
	pages := strings.Count(string(text), "\f")
	want := []string{"Demo sales plan 2027", app.DemoBusinessName, "Contents", "Overview", "Appendix", testLine}
	for _, s := range steps.Registry().Steps() {
		want = append(want, s.Heading())
	}
	for _, w := range want {
		if !strings.Contains(txt, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
	if !strings.Contains(txt, "Page 2 of "+itoa(pages)) || !strings.Contains(txt, "Page "+itoa(pages)+" of "+itoa(pages)) {
		t.Errorf("page X of Y footers wrong for %d pages", pages)
	}
	// The table of contents names the page each section starts on.
	if !strings.Contains(txt, "Step 1 of 6 — Situation analysis") {
		t.Error("TOC entry missing")
	}
	fonts, _ := exec.Command("pdffonts", path).Output()
	lines := strings.Split(strings.TrimSpace(string(fonts)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts:\n%s", fonts)
	}
	for _, l := range lines[2:] {
		if f := strings.Fields(l); len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	if out, _ := exec.Command("qpdf", "--show-npages", path).Output(); strings.TrimSpace(string(out)) != itoa(pages) {
		t.Errorf("npages %s vs %d form feeds", out, pages)
	}
}

func TestExportPDFIsReproducible(t *testing.T) {
	pd, a := sharedDemoPDF(t)
	b := exportDemo(t, pd)
	if !bytes.Equal(a, b) {
		t.Fatal("same input gave different PDF bytes")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
}

func TestExportPDFBookmarks(t *testing.T) {
	_, pdf := sharedDemoPDF(t)
	// Outline entries are written as UTF-16 text strings; count /Outlines
	// and one /Title per section at least.
	if !bytes.Contains(pdf, []byte("/Outlines")) {
		t.Fatal("no outline (bookmarks)")
	}
	if n := bytes.Count(pdf, []byte("/Title ")); n < 9 {
		t.Errorf("%d outline titles, want one per section", n)
	}
}

func TestExportPDFEmptyPlan(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Ελλάδα Ltd", Currency: "JPY"})
	p, err := db.CreatePlan(ctx, app.Plan{BusinessID: b.ID, Title: strings.Repeat("Long title ", 15), Start: app.NewMonth(2027, 4), Months: 1})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "empty.pdf")
	if err := app.ExportPlanFile(ctx, db, steps.Registry(), p.ID, app.LocaleFor("de_DE"), out, app.ExportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(out); err != nil || st.Size() < 1000 {
		t.Fatalf("no PDF written: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}
}

func TestExportCancelWritesNothing(t *testing.T) {
	db, pd := demoPlan(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "x.pdf")
	err := app.ExportPlanFile(ctx, db, steps.Registry(), pd.Plan.ID, pd.Locale, out, app.ExportOptions{Now: testNow})
	if err == nil {
		t.Fatal("cancelled export succeeded")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("cancelled export left a file")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
