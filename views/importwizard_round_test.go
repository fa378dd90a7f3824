package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"salesplan/views/uitext"
)

// TestImportWizardReportsRounding checks a file with more decimals than the
// currency: the check step accepts every row and says how many amounts were
// rounded and by how much at most.
func TestImportWizardReportsRounding(t *testing.T) {
	dir := t.TempDir()
	db := openWorkspace(t, filepath.Join(dir, "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.OpenPlan(plans[0].ID)
	file := filepath.Join(dir, "shop.csv")
	os.WriteFile(file, []byte("Order,Date,Amount\n1,2025-01-03,212.058\n2,2025-01-04,957.5775\n3,2025-01-05,19.989999999\n4,2025-01-06,10.00\n"), 0o644)

	u.Wait()
	w := &importWizard{u: u, businessID: plans[0].BusinessID, path: file, done: func() {}}
	w.open()
	u.Wait()
	if w.selects == nil {
		t.Fatal("no mapping step")
	}
	w.validate()
	u.Wait()
	s := w.valid.Summary
	if s.Accepted != 4 || s.Rejected != 0 || s.Rounded != 3 || s.RoundedMaxChange != 0.0025 {
		t.Fatalf("summary %+v", s)
	}
	want := "3 amounts had more decimals than EUR has and were rounded half away from zero to 2 decimals; the largest change was 0.0025 EUR."
	if text := uitext.Of(w.body); !strings.Contains(text, want) {
		t.Errorf("the check step does not say %q:\n%s", want, text)
	}
}
