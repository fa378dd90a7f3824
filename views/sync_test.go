package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salesplan/data"
	"salesplan/views/uitext"
)

func TestFileMenuHasPlanFilesAndSync(t *testing.T) {
	u := newTestUI(t, openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan")))
	addSyncMenu(u) // once only
	var labels []string
	for _, m := range u.win.MainMenu().Items {
		if m.Label == "File" {
			for _, it := range m.Items {
				labels = append(labels, it.Label)
			}
		}
	}
	got := strings.Join(labels, "|")
	if !strings.Contains(got, "Export PDF…|Export plan…|Import plan…|Sync folder…|Changes from other devices…") || strings.Count(got, "Sync folder…") != 1 {
		t.Errorf("File menu: %s", got)
	}
}

// The window syncs in the background, shows the state under the screen,
// and lists an edit that lost to another device's with one-click restore.
func TestSyncBarAndRestoringAChangeFromAnotherDevice(t *testing.T) {
	old := SyncEvery
	SyncEvery = time.Hour // the test runs each round itself
	t.Cleanup(func() { SyncEvery = old })
	dir := t.TempDir()
	folder := t.TempDir()
	db := openWorkspace(t, filepath.Join(dir, "a.salesplan"))
	plans := seed(t, db)
	other := openWorkspace(t, filepath.Join(dir, "b.salesplan"))
	u := newTestUI(t, db)
	if u.syncBarOn {
		t.Fatal("the sync bar shows without a sync folder")
	}
	u.sync.start(folder, "")
	u.Wait()
	if !u.syncBarOn || !strings.Contains(u.sync.status.Text, "Synced") || !strings.Contains(u.sync.status.Text, "no other device yet") {
		t.Fatalf("sync bar: %q (on %v)", u.sync.status.Text, u.syncBarOn)
	}
	if findButton(u.win.Canvas(), "Sync now") == nil {
		t.Error("the bar is not in the window")
	}
	if _, err := other.SyncFolder(ctx, syncOpts(folder)); err != nil {
		t.Fatal(err)
	}
	p := plans[0]
	pb, err := other.Plan(ctx, p.ID)
	if err != nil {
		t.Fatalf("the other device did not get the plan: %v", err)
	}
	// The same field edited on both devices before either syncs.
	pa, _ := db.Plan(ctx, p.ID)
	pa.Markets = "Austria"
	if _, err := db.UpdatePlan(ctx, pa); err != nil {
		t.Fatal(err)
	}
	pb.Markets = "Switzerland"
	if _, err := other.UpdatePlan(ctx, pb); err != nil {
		t.Fatal(err)
	}
	if _, err := other.SyncFolder(ctx, syncOpts(folder)); err != nil {
		t.Fatal(err)
	}
	u.sync.round(true)
	u.Wait()
	if !strings.Contains(u.sync.status.Text, "1 other device") || !strings.Contains(u.sync.status.Text, "1 change from another device") || !u.sync.review.Visible() {
		t.Fatalf("after the conflict: %q, review visible %v", u.sync.status.Text, u.sync.review.Visible())
	}
	got, _ := db.Plan(ctx, p.ID)
	lost := "Austria"
	if got.Markets == "Austria" {
		lost = "Switzerland"
	}
	u.sync.showConflicts()
	u.Wait()
	b := findButton(u.win.Canvas(), "Restore “"+lost+"”")
	if b == nil {
		t.Fatalf("no restore button for %q in %s", lost, uitext.Of(u.win.Canvas().Overlays().Top()))
	}
	test.Tap(b)
	u.Wait()
	got, _ = db.Plan(ctx, p.ID)
	if got.Markets != lost {
		t.Errorf("markets after restore = %q, want %q", got.Markets, lost)
	}
	if u.sync.state.Conflicts != 0 {
		t.Errorf("still %d conflicts", u.sync.state.Conflicts)
	}
	// The restored value reaches the other device with the next round.
	u.sync.round(true)
	u.Wait()
	if _, err := other.SyncFolder(ctx, syncOpts(folder)); err != nil {
		t.Fatal(err)
	}
	if pb, _ := other.Plan(ctx, p.ID); pb.Markets != lost {
		t.Errorf("the other device has %q", pb.Markets)
	}
	u.sync.stopSyncing()
	if u.syncBarOn {
		t.Error("the bar stays after stopping")
	}
}

func TestSyncChoiceIsChecked(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.salesplan")
	if f, _ := checkSyncChoice("", "", ws); !strings.Contains(f, "Choose") {
		t.Errorf("empty folder: %q", f)
	}
	if f, _ := checkSyncChoice(filepath.Join(dir, "missing"), "", ws); !strings.Contains(f, "no folder") {
		t.Errorf("missing folder: %q", f)
	}
	if f, _ := checkSyncChoice(dir, "", ws); !strings.Contains(f, "workspace itself") {
		t.Errorf("the workspace's own folder: %q", f)
	}
	if f, k := checkSyncChoice(t.TempDir(), filepath.Join(dir, "nokey"), ws); f != "" || !strings.Contains(k, "Cannot read the team key") {
		t.Errorf("missing key: %q %q", f, k)
	}
}

func syncOpts(folder string) data.SyncOptions { return data.SyncOptions{Folder: folder} }

// findButton returns the visible button labelled text in the newest dialog
// or the window.
func findButton(c fyne.Canvas, text string) *widget.Button {
	roots := []fyne.CanvasObject{}
	overlays := c.Overlays().List()
	for i := len(overlays) - 1; i >= 0; i-- {
		roots = append(roots, overlays[i])
	}
	roots = append(roots, c.Content())
	for _, r := range roots {
		for _, o := range test.LaidOutObjects(r) {
			if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
				return b
			}
		}
	}
	return nil
}

// File → Export plan… writes the plan file off the UI goroutine; File →
// Import plan… in another window brings it in and says what it added.
func TestExportAndImportPlanInTheWindow(t *testing.T) {
	dir := t.TempDir()
	db := openWorkspace(t, filepath.Join(dir, "a.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	file := filepath.Join(dir, "plan.salesplan-plan")
	u.exportPlanTo(plans[0].ID, file, true)
	u.Wait()
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("no plan file: %v", err)
	}
	other := openWorkspace(t, filepath.Join(dir, "b.salesplan"))
	u2 := newTestUI(t, other)
	u2.importPlanFrom(file)
	u2.Wait()
	if _, err := other.Plan(ctx, plans[0].ID); err != nil {
		t.Fatalf("the plan did not arrive: %v", err)
	}
	said := ""
	if top := u2.win.Canvas().Overlays().Top(); top != nil {
		for _, o := range test.LaidOutObjects(top) {
			if l, ok := o.(*widget.Label); ok {
				said += l.Text + "\n"
			}
		}
	}
	if !strings.Contains(said, "Added the plan") {
		t.Errorf("the import does not say what it added: %q", said)
	}
	if b := findButton(u2.win.Canvas(), "Open it"); b == nil {
		t.Error("no button to open the imported plan")
	} else {
		test.Tap(b)
		u2.Wait()
		if u2.plan == nil || u2.plan.pd.Plan.ID != plans[0].ID {
			t.Error("Open it did not open the plan")
		}
	}
}
