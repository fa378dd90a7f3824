package steps_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/app/report"
	"salesplan/app/steps"
	"salesplan/data/datatest"
)

var update = flag.Bool("update", false, "rewrite the golden hash of the demo PDF")

// pdfText writes pdf to a file and returns its text (words joined by
// single spaces) and its pages' texts.
func pdfText(t *testing.T, pdf []byte) (string, []string) {
	t.Helper()
	needTool(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return strings.Join(strings.Fields(string(out)), " "), pages
}

func export(t *testing.T, pd app.PlanData, opts app.ExportOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	if err := app.ExportPDF(context.Background(), &buf, &pd, steps.Registry(), opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The demo PDF's bytes are fixed by a golden hash: run with -update after
// an intended change of the PDF (and look at the pages).
func TestExportPDFGoldenHash(t *testing.T) {
	_, pdf := sharedDemoPDF(t)
	sum := sha256.Sum256(pdf)
	got := hex.EncodeToString(sum[:])
	golden := filepath.Join("testdata", "demo-plan.pdf.sha256")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./app/steps -run GoldenHash -update)", err)
	}
	if strings.TrimSpace(string(want)) != got {
		os.MkdirAll(filepath.Join("testdata", "failed"), 0o755)
		os.WriteFile(filepath.Join("testdata", "failed", "demo-plan.pdf"), pdf, 0o644)
		t.Errorf("the demo PDF changed (sha256 %s, golden %s); look at testdata/failed/demo-plan.pdf and run with -update if intended", got, strings.TrimSpace(string(want)))
	}
}

// A client PDF leaves unfinished steps out, or lists them; a draft keeps
// them with the plan's progress.
func TestExportPDFUnfinishedSteps(t *testing.T) {
	_, pd := demoPlan(t)
	var pending app.Step
	for _, s := range steps.Registry().Steps() {
		if s.ID == app.StepTeam {
			pending = s
		}
	}
	// The team step without its content is not complete.
	pdNoTeam := pd
	pdNoTeam.Figures = app.Figures{}
	reg := app.NewRegistry(append([]app.Step{}, stepsWithout(app.StepTeam)...)...)
	reg.Compute(&pdNoTeam)
	if reg.Status(app.StepTeam, &pdNoTeam) == app.Complete {
		t.Skip("the team step is complete without content")
	}
	var buf bytes.Buffer
	omit := app.ExportOptions{Now: testNow}
	if err := app.ExportPDF(context.Background(), &buf, &pdNoTeam, reg, omit); err != nil {
		t.Fatal(err)
	}
	txt, _ := pdfText(t, buf.Bytes())
	if strings.Contains(txt, pending.Heading()) || strings.Contains(txt, "Not written yet") || strings.Contains(txt, "not started") {
		t.Errorf("the client PDF shows the unfinished step: %.300s", txt)
	}
	buf.Reset()
	if err := app.ExportPDF(context.Background(), &buf, &pdNoTeam, reg, app.ExportOptions{Now: testNow, Unfinished: report.UnfinishedList}); err != nil {
		t.Fatal(err)
	}
	txt, _ = pdfText(t, buf.Bytes())
	if !strings.Contains(txt, "To be completed") || !strings.Contains(txt, pending.Title) || strings.Contains(txt, pending.Heading()) {
		t.Errorf("the list of parts to be completed is missing the team step")
	}
	buf.Reset()
	if err := app.ExportPDF(context.Background(), &buf, &pdNoTeam, reg, app.ExportOptions{Now: testNow, Unfinished: report.UnfinishedInclude}); err != nil {
		t.Fatal(err)
	}
	txt, _ = pdfText(t, buf.Bytes())
	if !strings.Contains(txt, pending.Heading()) || !strings.Contains(txt, "Progress of the plan") {
		t.Errorf("the draft lacks the unfinished step or the progress")
	}
}

// stepsWithout is the registry's pages with step id's content loader
// removed, so that the step stays unfinished.
func stepsWithout(id app.StepID) []app.Step {
	reg := steps.Registry()
	var out []app.Step
	if ov, ok := reg.Overview(); ok {
		out = append(out, ov)
	}
	for _, s := range reg.Steps() {
		if s.ID == id {
			s.Completion = func(*app.PlanData) app.Status { return app.InProgress }
		}
		out = append(out, s)
	}
	return out
}

// Plan tables print whole currency units by default; prices and
// commissions, or every amount with the option, keep their cents.
func TestExportPDFWholeUnitsByDefault(t *testing.T) {
	pd, pdf := sharedDemoPDF(t)
	txt, _ := pdfText(t, pdf)
	target := pd.Figures.Target.Amount
	whole := pd.Locale.Money(app.RoundToUnits(target, pd.Currency)*100, pd.Currency)
	whole = strings.TrimSuffix(whole, ".00")
	if !strings.Contains(txt, whole) {
		t.Errorf("the PDF lacks the target in whole units %q", whole)
	}
	exact := pd.Locale.MoneyExact(target, pd.Currency)
	if strings.Contains(txt, exact) && exact != whole {
		t.Errorf("the client PDF prints %q with cents", exact)
	}
	cents := export(t, pd, app.ExportOptions{Cents: true})
	ctxt, _ := pdfText(t, cents)
	if !strings.Contains(ctxt, exact) {
		t.Errorf("with cents the PDF lacks %q", exact)
	}
}

// A 10,000-character field wraps like a paragraph: a few pages, also with
// combining marks.
func TestExportPDFLongTextWraps(t *testing.T) {
	_, pd := demoPlan(t)
	base := export(t, pd, app.ExportOptions{})
	_, basePages := pdfText(t, base)
	for name, text := range map[string]string{
		"plain":     strings.Repeat("Espresso machines and grinders for offices ", 240)[:10000],
		"combining": strings.Repeat("Cafe\u0301 cre\u0300me bru\u0302le\u0301e ", 500)[:10000],
		"one word":  strings.Repeat("x", 10000),
	} {
		pd := pd
		pd.Plan.Markets = text
		pdf := export(t, pd, app.ExportOptions{})
		_, pages := pdfText(t, pdf)
		if extra := len(pages) - len(basePages); extra > 5 {
			t.Errorf("%s: a 10,000-character field adds %d pages", name, extra)
		}
	}
}

// Table cells wrap at spaces and hyphens, never inside a word that fits.
func TestExportPDFTableCellsWrapAtWords(t *testing.T) {
	doc := report.Document{Title: "T", Sections: []report.Section{{Title: "Wrapping", Draw: func(r *report.Report) error {
		rows := [][]string{
			{"Anna Smirnova", "Account manager for the service-contract customers", "€1,234"},
			{"Jonas Weidenberger-Holt", "Territory manager", "€12,345,678"},
		}
		r.Table([]string{"Name", "Role", "Quota"}, rows, []float64{0.12, 0.13, 0.75}, "LLR")
		return nil
	}}}}
	var buf bytes.Buffer
	if err := report.Build(context.Background(), &buf, doc, report.Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	_, pages := pdfText(t, buf.Bytes())
	var words []string
	for _, p := range pages[2:] {
		words = append(words, strings.Fields(p)...)
	}
	got := " " + strings.Join(words, " ") + " "
	for _, w := range []string{"Smirnova", "manager", "service-", "contract", "Weidenberger-", "Territory", "€12,345,678"} {
		if !strings.Contains(got, " "+w+" ") {
			t.Errorf("%q was broken or lost: %s", w, got)
		}
	}
}

// Charts print at 150 dpi at least; the branded cover has the logo, the
// names and the confidentiality line on every page.
func TestExportPDFBrandingAndChartResolution(t *testing.T) {
	needTool(t, "pdfimages")
	_, pd := demoPlan(t)
	logo := image.NewNRGBA(image.Rect(0, 0, 300, 100))
	for x := 0; x < 300; x++ {
		for y := 0; y < 100; y++ {
			logo.Set(x, y, color.NRGBA{R: uint8(x), G: 90, B: 40, A: 255})
		}
	}
	var lb bytes.Buffer
	png.Encode(&lb, logo)
	b := app.Branding{Color: "#1B5E20", PreparedBy: "Anna Berger, Berger Consulting", PreparedFor: "Northwind management", Confidential: "Confidential — for Northwind only"}
	if err := b.SetLogo("logo.png", lb.Bytes()); err != nil {
		t.Fatal(err)
	}
	if errs := b.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	pd.Branding = b
	pdf := export(t, pd, app.ExportOptions{})
	txt, pages := pdfText(t, pdf)
	for _, w := range []string{"PREPARED FOR", "Northwind management", "PREPARED BY", "Anna Berger, Berger Consulting"} {
		if !strings.Contains(txt, w) {
			t.Errorf("the cover lacks %q", w)
		}
	}
	for i, p := range pages {
		if !strings.Contains(strings.Join(strings.Fields(p), " "), "Confidential — for Northwind only") {
			t.Errorf("page %d lacks the confidentiality line", i+1)
		}
	}
	path := filepath.Join(t.TempDir(), "b.pdf")
	os.WriteFile(path, pdf, 0o644)
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	charts, logos := 0, 0
	for _, l := range strings.Split(string(out), "\n")[2:] {
		f := strings.Fields(l)
		if len(f) < 14 || f[2] != "image" {
			continue
		}
		if f[0] == "1" {
			logos++
			continue
		}
		charts++
		if ppi, _ := strconv.Atoi(f[12]); ppi < 150 {
			t.Errorf("a chart prints at %d ppi: %s", ppi, l)
		}
	}
	if logos == 0 || charts < 8 {
		t.Errorf("%d logos and %d charts in the PDF:\n%s", logos, charts, out)
	}
	unbranded := export(t, pd, app.ExportOptions{Unbranded: true})
	if utxt, _ := pdfText(t, unbranded); strings.Contains(utxt, "Northwind management") {
		t.Error("the unbranded PDF names the client")
	}
}

// Bad branding gets a sentence per field.
func TestBrandingValidate(t *testing.T) {
	b := app.Branding{Color: "green", PreparedBy: strings.Repeat("x", 121)}
	errs := b.Validate()
	fields := map[string]bool{}
	for _, e := range errs {
		fields[e.Field] = true
	}
	if !fields["color"] || !fields["prepared_by"] {
		t.Errorf("errors %v", errs)
	}
	if err := b.SetLogo("notes.txt", []byte("hello")); err == nil || !strings.Contains(err.Error(), "PNG or JPEG") {
		t.Errorf("a text file as logo: %v", err)
	}
	b = app.Branding{Color: " #1b5e20 "}
	b.Clean()
	if b.Color != "#1B5E20" || len(b.Validate()) != 0 {
		t.Errorf("cleaned colour %q: %v", b.Color, b.Validate())
	}
}

// BenchmarkExportPDF lays out and writes the full demo plan's PDF (with
// the summary and forecast loaded, as the CLI exports it).
func BenchmarkExportPDF(b *testing.B) {
	_, pd := datatest.FullDemoPlan(b)
	reg := steps.Registry()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := app.ExportPDF(context.Background(), &buf, &pd, reg, app.ExportOptions{Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
}
