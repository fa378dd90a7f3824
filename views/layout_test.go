package views

import (
	"path/filepath"
	"testing"
)

// TestEveryPageFitsTheSmallestWindow checks that no page asks for more width
// than a 1024×700 window offers (a wider page would grow the window past
// the screen or clip).
func TestEveryPageFitsTheSmallestWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	u := newTestUI(t, db) // the demo plan, every step filled in
	for _, id := range u.reg.IDs() {
		u.plan.show(id)
		need := u.plan.page.MinSize().Width + u.plan.nav.MinSize().Width + 40 // split handle, paddings
		if need > 1024 {
			t.Errorf("%s needs %.0f px, more than a 1024 px window", id, need)
		}
	}
	u.ShowHome()
	if w := u.home.content.MinSize().Width; w > 1024 {
		t.Errorf("Home needs %.0f px", w)
	}
}
