package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
)

// A typed path becomes the file to write: folders get the file name, a
// missing extension is added, a folder that does not exist is refused.
func TestResolveTarget(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	for _, tt := range []struct{ typed, want, err string }{
		{typed: filepath.Join(dir, "a.pdf"), want: filepath.Join(dir, "a.pdf")},
		{typed: filepath.Join(dir, "a"), want: filepath.Join(dir, "a.pdf")},
		{typed: filepath.Join(dir, "sub"), want: filepath.Join(dir, "sub", "Plan.pdf")},
		{typed: "sub/b.pdf", want: filepath.Join(dir, "sub", "b.pdf")},
		{typed: "  " + filepath.Join(dir, "c.pdf") + " ", want: filepath.Join(dir, "c.pdf")},
		{typed: filepath.Join(dir, "missing", "x.pdf"), err: "does not exist"},
		{typed: "", err: "Type where"},
	} {
		got, err := ResolveTarget(tt.typed, dir, "Plan.pdf", ".pdf")
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q: error %v, want %q", tt.typed, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("%q: %q %v, want %q", tt.typed, got, err, tt.want)
		}
	}
}

// findEntry returns the entry whose text starts with prefix.
func findEntry(o fyne.CanvasObject, prefix string) *widget.Entry {
	switch w := o.(type) {
	case *widget.Entry:
		if strings.HasPrefix(w.Text, prefix) {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if e := findEntry(c, prefix); e != nil {
				return e
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(w)
		for _, c := range r.Objects() {
			if e := findEntry(c, prefix); e != nil {
				return e
			}
		}
	}
	return nil
}

// The Export page writes the PDF to a typed path on Enter, remembers the
// folder, and saves the branding typed on it with the plan.
func TestExportPageTypedPathAndBranding(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	db := openWorkspace(t, filepath.Join(dir, "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.openPlan(plans[0].ID, app.PageExport)
	u.Wait()
	page := u.plan.PageContent()
	path := findEntry(page, dir)
	if path == nil || !strings.HasSuffix(path.Text, ".pdf") {
		t.Fatalf("no path entry starting in %s", dir)
	}
	out := filepath.Join(dir, "sub")
	os.Mkdir(out, 0o755)
	path.SetText(filepath.Join(out, "client"))
	path.OnSubmitted(path.Text)
	u.Wait()
	u.Wait()
	st, err := os.Stat(filepath.Join(out, "client.pdf"))
	if err != nil || st.Size() < 1000 {
		t.Fatalf("no PDF at the typed path: %v", err)
	}
	if got, _ := db.Setting(ctx, exportFolderKey, ""); got != out {
		t.Errorf("remembered folder %q, want %q", got, out)
	}
	overlays := ""
	for _, o := range u.win.Canvas().Overlays().List() {
		overlays += widgetTexts(o) + "|"
	}
	if !strings.Contains(overlays, "Open PDF") || !strings.Contains(overlays, "Show in folder") {
		t.Errorf("no Open PDF / Show in folder after the export: %q", overlays)
	}
	// A folder that does not exist gets a sentence, no file.
	path.SetText(filepath.Join(dir, "nope", "x.pdf"))
	path.OnSubmitted(path.Text)
	u.Wait()
	u.Wait()
	if _, err := os.Stat(filepath.Join(dir, "nope")); err == nil {
		t.Error("a missing folder was created")
	}
	// Branding typed on the page is saved with the plan.
	var forWhom *widget.Entry
	for _, e := range allEntries(page) {
		if e.PlaceHolder == "" && e.Text == "" && forWhom == nil {
			forWhom = e
		}
	}
	if forWhom == nil {
		t.Fatal("no branding entry")
	}
	test.Type(forWhom, "Acme board")
	u.saver.Flush()
	var rows []app.Branding
	if err := db.Rows(ctx, app.BrandingTable.Name, plans[0].ID, &rows); err != nil || len(rows) != 1 {
		t.Fatalf("branding rows %v %v", rows, err)
	}
	if rows[0].PreparedBy != "Acme board" && rows[0].PreparedFor != "Acme board" {
		t.Errorf("saved branding %+v", rows[0])
	}
}

func allEntries(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	switch w := o.(type) {
	case *widget.Entry:
		return []*widget.Entry{w}
	case *fyne.Container:
		for _, c := range w.Objects {
			out = append(out, allEntries(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			out = append(out, allEntries(c)...)
		}
	}
	return out
}

// widgetTexts collects the texts of labels and buttons inside o, popups
// and dialogs included.
func widgetTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	switch w := o.(type) {
	case *widget.Label:
		b.WriteString(w.Text + "\n")
	case *widget.Button:
		b.WriteString(w.Text + "\n")
	case *fyne.Container:
		for _, c := range w.Objects {
			b.WriteString(widgetTexts(c))
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			b.WriteString(widgetTexts(c))
		}
	}
	return b.String()
}

// A table saves from its dialog to a typed path on Enter.
func TestSaveTableDialog(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	db := openWorkspace(t, filepath.Join(dir, "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.openPlan(plans[0].ID, app.PageExport)
	u.Wait()
	u.plan.SaveTableDialog("swot")
	u.Wait()
	var path *widget.Entry
	for _, o := range u.win.Canvas().Overlays().List() {
		if e := findEntry(o, dir); e != nil {
			path = e
		}
	}
	if path == nil || !strings.HasSuffix(path.Text, ".xlsx") {
		t.Fatal("no path entry in the dialog")
	}
	target := filepath.Join(dir, "swot.csv")
	path.SetText(target)
	path.OnSubmitted(path.Text)
	u.Wait()
	u.Wait()
	b, err := os.ReadFile(target)
	if err != nil || !strings.HasPrefix(string(b), "Quadrant,Item") {
		t.Fatalf("swot.csv: %v %q", err, b)
	}
}
