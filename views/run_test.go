package views

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"salesplan/app"
	"salesplan/app/steps"
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
	record := func(err error) { shown = append(shown, err) }
	guardSaveDialogs(db.Path(), record)
	guardSaveDialogs(db.Path(), record) // again replaces, never stacks
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

func TestSaveACopyFromTheFileMenu(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	addSaveCopy(u)
	addSaveCopy(u) // once only
	var file *fyne.Menu
	for _, m := range u.win.MainMenu().Items {
		if m.Label == "File" {
			file = m
		}
	}
	if file == nil {
		t.Fatal("no File menu")
	}
	n, at, export := 0, -1, -1
	for i, it := range file.Items {
		switch it.Label {
		case "Save a copy…":
			n, at = n+1, i
		case "Export PDF…":
			export = i
		}
	}
	if n != 1 || at != export+1 {
		t.Fatalf("Save a copy… appears %d times at %d (Export PDF… at %d)", n, at, export)
	}
	out := filepath.Join(t.TempDir(), "copy.salesplan")
	saveCopy(u, out)
	u.Wait()
	cp, err := data.OpenExisting(out)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if got, err := cp.Plan(ctx, plans[0].ID); err != nil || got.Title != plans[0].Title {
		t.Errorf("the copy lacks the plan: %+v %v", got, err)
	}
	// A copy over the workspace is refused with a sentence.
	saveCopy(u, db.Path())
	u.Wait()
	if res, err := data.CheckWorkspace(ctx, db.Path(), true); err != nil || !res.OK() {
		t.Errorf("workspace after a refused copy: %+v %v", res, err)
	}
}

func TestSaveDialogRemovesLeftoversOfKilledExports(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	guardSaveDialogs(filepath.Join(dir, "ws.salesplan"), nil)
	leftover := filepath.Join(dir, ".plan.pdf.12345.tmp")
	os.WriteFile(leftover, []byte("half"), 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(leftover, old, old)
	w, err := storage.Writer(storage.NewFileURI(filepath.Join(dir, "plan.pdf")))
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := os.Stat(leftover); err == nil {
		t.Error("the leftover of a killed export was kept")
	}
}

func TestChooserOpensAnotherWorkspace(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	problem := errors.New("x")
	var opened []*data.DB
	open := func(p string) (*data.DB, error) {
		db, err := data.Open(p)
		if err == nil {
			db.SetSetting(ctx, "first_run_done", "1")
			opened = append(opened, db)
		}
		return db, err
	}
	c := newChooser(a, filepath.Join(dir, "gone", "ws.salesplan"), &app.Error{Code: app.ErrNotFound, Message: "The folder is gone.", Err: problem}, open)
	c.options = Options{Registry: steps.Registry(), QueueResults: true, Log: t.Logf}
	if c.msg.Text != "The folder is gone." {
		t.Errorf("message %q", c.msg.Text)
	}
	c.tryOpen(filepath.Join(dir, "also-gone", "x.salesplan"))
	if c.s != nil || !strings.Contains(c.msg.Text, "does not exist") {
		t.Errorf("a bad choice: session %v, message %q", c.s != nil, c.msg.Text)
	}
	good := filepath.Join(dir, "ws.salesplan")
	c.tryOpen(good)
	if c.s == nil {
		t.Fatalf("the chosen workspace did not open: %q", c.msg.Text)
	}
	c.s.u.Wait()
	if c.s.u.store.Path() != good {
		t.Errorf("main window on %s", c.s.u.store.Path())
	}
	c.s.finish()
	for _, db := range opened {
		db.Close()
	}
	// The chooser's new-workspace dialog must not create or truncate files.
	w, err := storage.Writer(storage.NewFileURI(filepath.Join(dir, "new.salesplan")))
	if err == nil {
		w.Close()
	}
	if _, err := os.Stat(filepath.Join(dir, "new.salesplan")); err == nil {
		t.Error("the dialog's writer created the file")
	}
}

func TestRestoreFromBackupInTheWindow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.salesplan")
	db := openWorkspace(t, path)
	plans := seed(t, db)
	var rows []app.Sale
	for i := 0; i < 5000; i++ {
		rows = append(rows, app.Sale{Date: time.Date(2025, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC), Amount: int64(100 + i), Group: "G", Customer: strings.Repeat("c", i%40)})
	}
	if _, err := db.ImportHistory(ctx, app.ImportBatch{BusinessID: plans[0].BusinessID, Source: "h.csv"}, rows); err != nil {
		t.Fatal(err)
	}
	backup, err := db.Backup(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, _ := os.OpenFile(path, os.O_RDWR, 0)
	st, _ := f.Stat()
	pages := st.Size() / 4096
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
	for _, p := range []int64{pages - 4, pages - 3, pages - 2} { // the history written last, not the schema
		f.WriteAt(junk, p*4096)
	}
	f.Close()

	db = openWorkspace(t, path)
	u := newTestUI(t, db)
	err = db.QuickCheck(ctx)
	if app.ErrorCode(err) != data.ErrDamaged {
		t.Fatalf("QuickCheck = %v", err)
	}
	offerRestore(u, err, data.NewestBackup(path)) // the dialog; then its buttons:
	saved := filepath.Join(t.TempDir(), "saved.salesplan")
	salvage(u, saved)
	u.Wait()
	if res, err := data.CheckWorkspace(ctx, saved, false); err != nil || !res.OK() {
		t.Errorf("salvaged workspace: %+v %v", res, err)
	}
	restore(u, backup)
	u.Wait()
	if err := db.QuickCheck(ctx); err != nil {
		t.Fatalf("after restore: %v", err)
	}
	if got, err := db.Plan(ctx, plans[0].ID); err != nil || got.Title != plans[0].Title {
		t.Errorf("plan after restore: %+v %v", got, err)
	}
	if kept, _ := filepath.Glob(path + ".damaged-*[0-9]"); len(kept) != 1 {
		t.Errorf("damaged file kept: %v", kept)
	}
}
