package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"salesplan/app"
	"salesplan/data"
	"salesplan/data/importer"
)

// waitFor polls cond on the UI goroutine until it holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		ok := false
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestImportWizardMapsChecksAndImports(t *testing.T) {
	dir := t.TempDir()
	db := openWorkspace(t, filepath.Join(dir, "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.OpenPlan(plans[0].ID)
	file := filepath.Join(dir, "sales.csv")
	os.WriteFile(file, []byte("Order Date;Client;Net amount;Territory\n03.01.2025;Müller;1.234,50;North\n"+
		"17.02.2025;Søn;99,00;South\n31.02.2025;Bad;1,00;North\n"), 0o644)

	imported := false
	w := &importWizard{u: u, businessID: plans[0].BusinessID, path: file, done: func() { imported = true }}
	fyne.DoAndWait(w.open)
	waitFor(t, "the mapping step", func() bool { return w.selects != nil })
	fyne.DoAndWait(func() {
		if w.selects["date"].Selected != "Order Date" || w.selects["amount"].Selected != "Net amount" || w.selects["customer"].Selected != "Client" {
			t.Errorf("guessed mapping: date %q amount %q customer %q", w.selects["date"].Selected, w.selects["amount"].Selected, w.selects["customer"].Selected)
		}
		// A column chosen twice is refused with a sentence.
		w.selects["region"].SetSelected("Client")
		if _, err := w.mapping(); err == nil {
			t.Error("duplicate column accepted")
		}
		w.selects["region"].SetSelected("Territory")
		w.validate()
	})
	waitFor(t, "the validation pass", func() bool { return w.valid.Summary.Rows > 0 })
	s := w.valid.Summary
	if s.Accepted != 2 || s.Rejected != 1 || len(s.Rejects) != 1 || s.Rejects[0].Line != 4 {
		t.Fatalf("summary %+v", s)
	}
	// The decision: nothing is written until the user imports.
	if n, _ := db.HistoryRows(ctx, plans[0].BusinessID); n != 0 {
		t.Fatal("rows written before the decision")
	}
	fi := data.FileImport{Path: file, BusinessID: plans[0].BusinessID, Format: w.format, Mapping: mustMapping(t, w), SkipBad: true}
	fyne.DoAndWait(func() { w.runImport(fi) })
	waitFor(t, "the import", func() bool { return imported })
	if n, _ := db.HistoryRows(ctx, plans[0].BusinessID); n != 2 {
		t.Errorf("%d rows imported, want 2", n)
	}
	// The mapping is remembered for the business.
	if got := db.Setting(ctx, w.mappingKey(), ""); got == "" {
		t.Error("mapping not remembered")
	}
}

func mustMapping(t *testing.T, w *importWizard) importer.Mapping {
	t.Helper()
	var m importer.Mapping
	fyne.DoAndWait(func() {
		mm, err := w.mapping()
		if err != nil {
			t.Fatal(err)
		}
		m = mm
	})
	return m
}

func TestBudgetPageShowsForecast(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	u := newTestUI(t, db) // first run: the demo plan
	fyne.DoAndWait(func() { u.plan.show(app.StepBudget) })
	waitFor(t, "the forecast", func() bool { return u.plan.pd.Forecast != nil })
	var text string
	fyne.DoAndWait(func() { text = markupText(u.plan.page) })
	for _, want := range []string{"Forecast with", "Plan period total", "How accurate each method was"} {
		if !strings.Contains(text, want) {
			t.Errorf("budget page lacks %q:\n%s", want, text)
		}
	}
}
