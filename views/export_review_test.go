package views

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/app/report"

	"fyne.io/fyne/v2/widget"
)

// TestExportPageWritesTheReview: the Export page's second button writes the
// monthly review (the Overview's dashboard), not the whole plan.
func TestExportPageWritesTheReview(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	dir := t.TempDir()
	db := openWorkspace(t, filepath.Join(dir, "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.OpenPlan(plans[0].ID)
	u.Wait()
	for _, c := range []struct {
		review bool
		want   string
	}{{true, "Monthly review: Sales plan 2027"}, {false, "Step 1 of 6"}} {
		path := filepath.Join(dir, "out.pdf")
		status := widget.NewLabel("")
		u.plan.exportPDF(path, filepath.Base(path), app.ExportOptions{Unfinished: report.UnfinishedInclude}, status, c.review)
		u.Wait()
		if !strings.HasPrefix(status.Text, "Saved ") {
			t.Fatalf("review %v: status %q", c.review, status.Text)
		}
		text, err := exec.Command("pdftotext", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(string(text)), " ")
		if !strings.Contains(flat, c.want) || c.review == strings.Contains(flat, "Step 1 of 6") {
			t.Errorf("review %v: the PDF reads\n%s", c.review, flat)
		}
	}
}
