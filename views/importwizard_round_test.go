package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
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

	w := &importWizard{u: u, businessID: plans[0].BusinessID, path: file, done: func() {}}
	fyne.DoAndWait(w.open)
	waitFor(t, "the mapping step", func() bool { return w.selects != nil })
	fyne.DoAndWait(w.validate)
	waitFor(t, "the check step", func() bool { return w.valid.Summary.Rows > 0 })
	s := w.valid.Summary
	if s.Accepted != 4 || s.Rejected != 0 || s.Rounded != 3 || s.RoundedMaxChange != 0.0025 {
		t.Fatalf("summary %+v", s)
	}
	want := "3 amounts had more decimals than EUR has and were rounded half away from zero to 2 decimals; the largest change was 0.0025 EUR."
	var found bool
	waitFor(t, "the rounding notice", func() bool {
		found = false
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.Label:
				if strings.Contains(x.Text, want) {
					found = true
				}
			case *fyne.Container:
				for _, c := range x.Objects {
					walk(c)
				}
			}
		}
		walk(w.body)
		return found
	})
}
