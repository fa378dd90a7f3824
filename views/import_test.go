package views

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"salesplan/data"
	"salesplan/data/importer"
)

func TestImportWizardMapsChecksAndImports(t *testing.T) {
	dir := t.TempDir()
	db := openWorkspace(t, filepath.Join(dir, "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.OpenPlan(plans[0].ID)
	u.Wait()
	file := filepath.Join(dir, "sales.csv")
	os.WriteFile(file, []byte("Order Date;Client;Net amount;Territory\n03.01.2025;Müller;1.234,50;North\n"+
		"17.02.2025;Søn;99,00;South\n31.02.2025;Bad;1,00;North\n"), 0o644)

	imported := false
	w := &importWizard{u: u, businessID: plans[0].BusinessID, path: file, done: func() { imported = true }}
	w.open()
	u.Wait()
	if w.selects == nil {
		t.Fatal("no mapping step")
	}
	func() {
		if w.selects["date"].Selected != "Order Date" || w.selects["amount"].Selected != "Net amount" || w.selects["customer"].Selected != "Client" {
			t.Errorf("guessed mapping: date %q amount %q customer %q", w.selects["date"].Selected, w.selects["amount"].Selected, w.selects["customer"].Selected)
		}
		// A column chosen twice is refused with a sentence.
		w.selects["region"].SetSelected("Client")
		if _, err := w.mapping(); err == nil {
			t.Error("duplicate column accepted")
		}
		w.selects["region"].SetSelected("Territory")
		// The preview's headers show whole, with the field each is mapped to.
		for c := range w.prev.Headers {
			title := w.columnTitle(c)
			if need := fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width; need > w.colWidth[c] {
				t.Errorf("column %q is %.0f px wide, its title needs %.0f", title, w.colWidth[c], need)
			}
		}
		w.validate()
	}()
	u.Wait()
	s := w.valid.Summary
	if s.Accepted != 2 || s.Rejected != 1 || len(s.Rejects) != 1 || s.Rejects[0].Line != 4 {
		t.Fatalf("summary %+v", s)
	}
	// The decision: nothing is written until the user imports.
	if n, _ := db.HistoryRows(ctx, plans[0].BusinessID); n != 0 {
		t.Fatal("rows written before the decision")
	}
	fi := data.FileImport{Path: file, BusinessID: plans[0].BusinessID, Format: w.format, Mapping: mustMapping(t, w), SkipBad: true}
	w.runImport(fi)
	u.Wait()
	if !imported {
		t.Fatal("the import did not finish")
	}
	if n, _ := db.HistoryRows(ctx, plans[0].BusinessID); n != 2 {
		t.Errorf("%d rows imported, want 2", n)
	}
	// The mapping is remembered for the business.
	u.Wait()
	if got, err := db.Setting(ctx, w.mappingKey(), ""); got == "" || err != nil {
		t.Error("mapping not remembered")
	}
}

func mustMapping(t *testing.T, w *importWizard) importer.Mapping {
	t.Helper()
	m, err := w.mapping()
	if err != nil {
		t.Fatal(err)
	}
	return m
}
