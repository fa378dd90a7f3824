package steps_test

import (
	"io"

	"salesplan/data"
	"salesplan/data/datatest"

	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"salesplan/app"
	"salesplan/app/steps"
)

var testNow = datatest.Now

// testLine is printed in every script the embedded font must cover.
const testLine = "Müller & Søn — Überblick 2027 — Łódź — Ελλάδα — Москва"

var (
	openDB   = datatest.MustOpenDB
	demoPlan = datatest.DemoPlan
)

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
	want := []string{"Demo sales plan 2027", app.DemoBusinessName, "Contents", "Executive summary", "How to read this plan", testLine}
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
	// The table of contents (page 2) names the page each section starts
	// on: every entry's page holds that heading (sections flow, so it
	// need not be the first line).
	toc, err := exec.Command("pdftotext", "-layout", "-f", "2", "-l", "2", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	entries := 0
	for _, line := range strings.Split(string(toc), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || f[0] == "Contents" || strings.Contains(line, "Page 2 of") { // the heading, the footer
			continue
		}
		page, err := strconv.Atoi(f[len(f)-1])
		if err != nil {
			continue
		}
		title := strings.Join(f[:len(f)-1], " ")
		entries++
		body, err := exec.Command("pdftotext", "-layout", "-f", itoa(page), "-l", itoa(page), path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if all := strings.Join(strings.Fields(string(body)), " "); !strings.Contains(all, title) {
			t.Errorf("the contents put %q on page %d, which lacks it: %.80q", title, page, all)
		}
	}
	if want := len(steps.Registry().Steps()) + 2; entries != want { // the summary, the steps, how to read
		t.Errorf("the contents list %d sections, want %d:\n%s", entries, want, toc)
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
	if err := exportFile(ctx, db, p.ID, app.LocaleFor("de_DE"), out); err != nil {
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
	err := exportFile(ctx, db, pd.Plan.ID, pd.Locale, out)
	if err == nil {
		t.Fatal("cancelled export succeeded")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("cancelled export left a file")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// exportFile writes a plan's PDF to path as the CLI and the window do:
// loaded with its summary and forecast, written through a temporary file.
func exportFile(ctx context.Context, db *data.DB, planID string, loc app.Locale, path string) error {
	pd, err := app.LoadFullPlanData(ctx, db, steps.Registry(), planID, loc, testNow)
	if err != nil {
		return err
	}
	return data.WriteFileAtomic(path, func(w io.Writer) error {
		return app.ExportPDF(ctx, w, &pd, steps.Registry(), app.ExportOptions{Now: testNow})
	})
}
