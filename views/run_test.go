package views

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"salesplan/data"
)

func TestAfterQuitEndsAHungShutdown(t *testing.T) {
	returned := make(chan struct{})
	exited := make(chan time.Time, 1)
	start := time.Now()
	go afterQuit(returned, 100*time.Millisecond, func() { exited <- time.Now() })
	select {
	case at := <-exited:
		if d := at.Sub(start); d < 100*time.Millisecond {
			t.Errorf("hard exit after %v, before the wait", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a hung toolkit was never ended")
	}
}

func TestAfterQuitLeavesACleanReturnAlone(t *testing.T) {
	returned := make(chan struct{})
	close(returned)
	called := false
	afterQuit(returned, 50*time.Millisecond, func() { called = true })
	time.Sleep(100 * time.Millisecond)
	if called {
		t.Error("hard exit after the toolkit returned")
	}
}

func TestSaveDialogsCannotTruncateTheWorkspace(t *testing.T) {
	test.NewTempApp(t)
	db, err := data.Open(filepath.Join(t.TempDir(), "ws.salesplan"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var shown []error
	guardSaveDialogs(db.Path(), func(err error) { shown = append(shown, err) })
	guardSaveDialogs(db.Path(), nil) // twice is harmless
	size := func(p string) int64 {
		st, err := os.Stat(p)
		if err != nil {
			return -1
		}
		return st.Size()
	}
	before := size(db.Path())
	for _, target := range []string{db.Path(), db.Path() + "-wal", filepath.Dir(db.Path())} {
		w, err := storage.Writer(storage.NewFileURI(target))
		if err == nil {
			w.Close()
			t.Errorf("a writer for %s was handed out", target)
		}
	}
	if len(shown) != 3 {
		t.Errorf("refusals shown: %v", shown)
	}
	if size(db.Path()) != before || before <= 0 {
		t.Fatalf("workspace size %d, was %d", size(db.Path()), before)
	}
	// An ordinary target is created only when written.
	pdf := filepath.Join(filepath.Dir(db.Path()), "plan.pdf")
	w, err := storage.Writer(storage.NewFileURI(pdf))
	if err != nil {
		t.Fatal(err)
	}
	if w.URI().Path() != pdf {
		t.Errorf("URI %s", w.URI())
	}
	w.Close()
	if size(pdf) != -1 {
		t.Error("the dialog's writer created the file before anything was written")
	}
	w, _ = storage.Writer(storage.NewFileURI(pdf))
	w.Write([]byte("%PDF"))
	w.Close()
	if size(pdf) != 4 {
		t.Errorf("written file size %d", size(pdf))
	}
	if ok, err := storage.CanList(storage.NewFileURI(filepath.Dir(pdf))); !ok || err != nil {
		t.Errorf("listing lost: %v %v", ok, err)
	}
}

func TestCheckpointWhenIdleMakesTheFileComplete(t *testing.T) {
	dir := t.TempDir()
	db, err := data.Open(filepath.Join(dir, "ws.salesplan"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b, err := db.FindOrCreateBusiness(ctx, "Acme", "EUR")
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { checkpointWhenIdle(db, func() bool { return false }, 20*time.Millisecond, stop); close(done) }()
	time.Sleep(200 * time.Millisecond)
	close(stop)
	<-done
	// A plain copy of the main file alone (as a file manager would make,
	// without the -wal) has the business.
	img, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copy.salesplan")
	os.WriteFile(cp, img, 0o644)
	c, err := data.OpenExisting(cp)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got, err := c.Business(ctx, b.ID); err != nil || got.Name != "Acme" {
		t.Errorf("the copy lacks the recent edit: %+v %v", got, err)
	}
}
