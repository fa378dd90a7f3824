package views

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage/repository"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/assets"
	"salesplan/cli"
	"salesplan/data"
)

// quitWait is how long the toolkit may take to return after SIGTERM or
// SIGINT once the edits are saved; then the process ends anyway (a shutdown
// deadlock in the toolkit must not keep it alive).
const quitWait = 2 * time.Second

// Runner returns the GUI starter for the command line: it opens the main
// window on a workspace with the given steps and pages.
func Runner(reg *app.Registry, pages Pages) func(db *data.DB, path string) error {
	return func(db *data.DB, path string) error { return Run(db, reg, pages) }
}

// ChooserRunner returns the window the command line shows instead when the
// workspace cannot be opened: it lets the user choose another, then opens
// the main window with the given steps and pages on it.
func ChooserRunner(reg *app.Registry, pages Pages) func(path string, problem error, open func(string) (*data.DB, error)) error {
	return func(path string, problem error, open func(string) (*data.DB, error)) error {
		return RunChooser(reg, pages, path, problem, open)
	}
}

// Run opens the main window on db and returns when the application quits.
// SIGTERM and SIGINT save pending edits before quitting, and end the
// process if the toolkit has not returned quitWait later.
func Run(db *data.DB, reg *app.Registry, pages Pages) error {
	a := newApp()
	s, err := startSession(a, db, Options{Registry: reg, Pages: pages})
	if err != nil {
		return err
	}
	s.u.Window().ShowAndRun()
	s.finish()
	return nil
}

func newApp() fyne.App {
	a := fyneapp.NewWithID(cli.AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	return a
}

// session is the main window on one open workspace.
type session struct {
	u        *UI
	returned chan struct{} // closed when the toolkit has returned
	release  func()
	once     sync.Once
}

// startSession builds the main window on db (not shown yet) with its
// signal handling, background quick check and idle checkpoints.
func startSession(a fyne.App, db *data.DB, opts Options) (*session, error) {
	release, held, _ := data.LockGUI(db.Path())
	s := &session{returned: make(chan struct{}), release: release}
	opts.Locale, opts.SecondInstance = app.SystemLocale(os.Getenv), !held
	u, err := New(a, db, opts)
	if err != nil {
		s.releaseLock()
		return nil, err
	}
	s.u = u
	guardSaveDialogs(db.Path(), u.showError)
	addSaveCopy(u)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sig
		u.saver.Flush() // the edits first, whatever the toolkit does
		u.saveWindowSize()
		go u.saveAndQuitFromSignal()
		afterQuit(s.returned, quitWait, func() {
			u.saver.Flush()
			db.Close()
			s.releaseLock()
			fmt.Fprintf(os.Stderr, "salesplan: the window did not close within %v; your edits were saved and the workspace closed.\n", quitWait)
			os.Exit(0)
		})
	}()
	// A damaged file is found early: the check refuses all later writes and
	// says which backup to restore.
	go func() {
		if err := db.QuickCheck(context.Background()); app.ErrorCode(err) == data.ErrDamaged {
			backup := data.NewestBackup(db.Path())
			fyne.Do(func() { offerRestore(u, err, backup) })
		}
	}()
	go checkpointWhenIdle(db, u.saver.Pending, idleCheckpoint, s.returned)
	a.Lifecycle().SetOnExitedForeground(func() { go u.saver.Flush() })
	u.WatchExternalChanges(time.Second)
	return s, nil
}

func (s *session) releaseLock() { s.once.Do(s.release) }

// offerRestore says the workspace is damaged (nothing more is written into
// it) and, when there is an intact backup, offers to restore from it; the
// damaged file is kept beside the workspace.
func offerRestore(u *UI, damage error, backup string) {
	text := widget.NewLabel(app.ErrorMessage(damage))
	text.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	buttons := container.NewHBox()
	if backup != "" {
		buttons.Add(widget.NewButton("Restore from "+filepath.Base(backup), func() { d.Hide(); restore(u, backup) }))
		text.SetText(text.Text + "\n\nRestoring loses the changes made since that backup; the damaged file is kept beside the workspace.")
	}
	buttons.Add(widget.NewButton("Save what can be read…", func() { d.Hide(); salvageDialog(u) }))
	d = dialog.NewCustom("The workspace is damaged", "Not now", container.NewVBox(text, buttons), u.win)
	d.Resize(fyne.NewSize(560, 280))
	d.Show()
}

// salvageDialog asks for a new file and saves what SQLite can still read
// from the damaged workspace into it.
func salvageDialog(u *UI) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		salvage(u, path)
	}, u.win)
	d.SetFileName("Saved from " + filepath.Base(u.store.Path()))
	d.Resize(DialogSize(u.win))
	d.Show()
}

// salvage writes the new workspace off the UI goroutine and says what was
// saved and what was lost.
func salvage(u *UI, path string) {
	var rep data.SalvageReport
	var err error
	u.background(func() { rep, err = data.Salvage(context.Background(), u.store.Path(), path) }, func() {
		if err != nil {
			u.showError(err)
			return
		}
		var rows int64
		for _, n := range rep.Copied {
			rows += n
		}
		lost := "Nothing was lost."
		if len(rep.Lost) > 0 {
			lost = "Could not be read: " + strings.Join(rep.Lost, "; ") + "."
		}
		dialog.ShowInformation("Saved what could be read", fmt.Sprintf("%d rows were saved into %s; open it with --db to work on. %s", rows, path, lost), u.win)
	})
}

// restore restores the workspace from backup off the UI goroutine and shows
// the plans again.
func restore(u *UI, backup string) {
	var kept string
	var err error
	u.background(func() { kept, err = u.store.RestoreFrom(context.Background(), backup) }, func() {
		if err != nil {
			u.showError(err)
			return
		}
		u.ShowHome()
		dialog.ShowInformation("Workspace restored", "The workspace was restored from "+backup+". The damaged file was kept as "+kept+".", u.win)
	})
}

// finish saves what is pending once the toolkit has returned.
func (s *session) finish() {
	close(s.returned)
	s.u.Shutdown()
	s.releaseLock()
}

// RunChooser is the window for a workspace that could not be opened: it
// says why (problem) and offers to choose another workspace file, new or
// existing, which open opens; then the main window shows on it. It returns
// when the application quits.
func RunChooser(reg *app.Registry, pages Pages, path string, problem error, open func(string) (*data.DB, error)) error {
	a := newApp()
	c := newChooser(a, path, problem, open)
	c.options = Options{Registry: reg, Pages: pages}
	c.win.ShowAndRun()
	if c.s != nil {
		c.s.finish()
		c.db.Close()
	}
	return nil
}

// chooser is the window of RunChooser.
type chooser struct {
	a    fyne.App
	win  fyne.Window
	msg  *widget.Label
	open func(string) (*data.DB, error)
	db   *data.DB
	s    *session
	// options are those of the main window it opens (steps, pages).
	options Options
}

func newChooser(a fyne.App, path string, problem error, open func(string) (*data.DB, error)) *chooser {
	c := &chooser{a: a, open: open, win: a.NewWindow("Salesplan — choose a workspace")}
	c.msg = widget.NewLabel(app.ErrorMessage(problem))
	c.msg.Wrapping = fyne.TextWrapWord
	lazyFileDialogs() // the new-workspace dialog must not create or truncate anything
	choose := widget.NewButton("Open a workspace…", func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			p := r.URI().Path()
			r.Close()
			c.tryOpen(p)
		}, c.win)
		d.Resize(fyne.NewSize(720, 480))
		d.Show()
	})
	choose.Importance = widget.HighImportance
	create := widget.NewButton("New workspace…", func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			p := w.URI().Path()
			w.Close()
			c.tryOpen(p)
		}, c.win)
		d.SetFileName("workspace.salesplan")
		d.SetConfirmText("Create")
		d.Resize(fyne.NewSize(720, 480))
		d.Show()
	})
	quit := widget.NewButton("Quit", func() { c.win.Close() })
	intro := widget.NewLabel("Salesplan could not open the workspace " + path + ":")
	intro.Wrapping = fyne.TextWrapWord
	c.win.SetContent(container.NewPadded(container.NewVBox(intro, c.msg,
		widget.NewLabel("Choose another workspace file: an existing one, or a new name in a folder that exists."),
		container.NewHBox(choose, create, quit))))
	c.win.Resize(fyne.NewSize(640, 260))
	return c
}

// tryOpen opens the chosen workspace and shows the main window on it, or
// says why it cannot.
func (c *chooser) tryOpen(path string) {
	db, err := c.open(path)
	if err != nil {
		c.msg.SetText(app.ErrorMessage(err))
		return
	}
	s, err := startSession(c.a, db, c.options)
	if err != nil {
		db.Close()
		c.msg.SetText(app.ErrorMessage(err))
		return
	}
	c.db, c.s = db, s
	s.u.Window().Show()
	c.win.Close()
}

// idleCheckpoint is how often, while no edit waits, the changes in the
// -wal are copied into the workspace file, so that a copy of the file made
// while the window is open has every saved edit.
const idleCheckpoint = 5 * time.Second

// checkpointWhenIdle checkpoints db every interval while pending reports no
// waiting edit, until stop is closed.
func checkpointWhenIdle(db *data.DB, pending func() bool, interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if !pending() {
				db.Checkpoint(context.Background())
			}
		}
	}
}

// afterQuit waits until returned is closed or wait has passed, and calls
// hardExit in the second case.
func afterQuit(returned <-chan struct{}, wait time.Duration, hardExit func()) {
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-returned:
	case <-t.C:
		hardExit()
	}
}

// guardSaveDialogs makes the toolkit's file-save dialogs safe for the
// workspace. Fyne's save dialog opens the chosen file for writing, and so
// truncates it, before its callback can look at the name; choosing the
// workspace would empty it. After this, the writer a dialog hands out opens
// the file only on the first byte written (the export and the rejected-rows
// CSV only take its name and write through their own temporary file), and
// refuses the workspace, its -wal/-shm, any other database and folders,
// showing why through refused.
func guardSaveDialogs(workspace string, refused func(error)) {
	registerGuard(&guardedFiles{workspace: workspace, refused: refused, check: true})
}

// lazyFileDialogs makes the save dialogs' writers lazy without refusing
// any target: for choosing a new workspace before one is open.
func lazyFileDialogs() {
	registerGuard(&guardedFiles{})
}

func registerGuard(g *guardedFiles) {
	inner, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if prev, ok := inner.(*guardedFiles); ok {
		inner = prev.fileRepository
	}
	full, ok := inner.(fileRepository)
	if !ok {
		return
	}
	g.fileRepository = full
	repository.Register("file", g)
}

// fileRepository is everything the toolkit's file repository offers.
type fileRepository interface {
	repository.AppendableRepository
	repository.DeleteAllRepository
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// guardedFiles is the file repository with a lazy, checked Writer.
type guardedFiles struct {
	fileRepository
	workspace string
	refused   func(error)
	check     bool // refuse dangerous targets (data.CheckTarget)
}

// Writer checks the target and returns a writer that truncates the file
// only when the first byte is written. The leftovers of killed exports to
// the same file are removed.
func (g *guardedFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	if g.check {
		if err := data.CheckTarget(u.Path(), g.workspace); err != nil {
			if g.refused != nil {
				g.refused(err)
			}
			return nil, err
		}
		data.RemoveStaleTemps(u.Path())
	}
	return &lazyWriter{uri: u, open: func() (fyne.URIWriteCloser, error) { return g.fileRepository.Writer(u) }}, nil
}

// lazyWriter opens its file on the first Write.
type lazyWriter struct {
	uri  fyne.URI
	open func() (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
	err  error
}

func (l *lazyWriter) URI() fyne.URI { return l.uri }

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil && l.err == nil {
		l.w, l.err = l.open()
	}
	if l.err != nil {
		return 0, l.err
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w != nil {
		return l.w.Close()
	}
	return nil
}

// addSaveCopy adds "Save a copy…" after "Export PDF…" in the File menu: one
// consistent copy of the workspace with every saved edit (also those still
// in the -wal), which a plain file copy made while the window is open could
// miss.
func addSaveCopy(u *UI) {
	u.addFileMenuItems(fyne.NewMenuItem("Save a copy…", func() { saveCopyDialog(u) }))
}

// addFileMenuItems puts items into the File menu after "Export PDF…" (at
// the end when there is none), once: a File menu that already holds the
// first item is left as it is.
func (u *UI) addFileMenuItems(items ...*fyne.MenuItem) {
	mm := u.win.MainMenu()
	if mm == nil || len(items) == 0 {
		return
	}
	for _, m := range mm.Items {
		if m.Label != "File" {
			continue
		}
		at := len(m.Items)
		for i, it := range m.Items {
			if it.Label == items[0].Label {
				return
			}
			if it.Label == "Export PDF…" {
				at = i + 1
			}
		}
		m.Items = append(m.Items[:at], append(items, m.Items[at:]...)...)
		u.win.SetMainMenu(mm)
		return
	}
}

// saveCopyDialog asks where to save a copy of the workspace and writes it.
func saveCopyDialog(u *UI) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		saveCopy(u, path)
	}, u.win)
	d.SetFileName("Copy of " + filepath.Base(u.store.Path()))
	d.Resize(DialogSize(u.win))
	d.Show()
}

// saveCopy writes the copy off the UI goroutine and says how it went.
func saveCopy(u *UI, path string) {
	u.saver.Flush()
	var err error
	u.background(func() { err = u.store.BackupTo(context.Background(), path) }, func() {
		if err != nil {
			u.showError(err)
			return
		}
		dialog.ShowInformation("Copy saved", "A copy of the workspace with every saved change was written to "+path+".", u.win)
	})
}

// createDemo adds the demo business and plan all or nothing: written into
// a staging workspace and copied into the workspace in one transaction, so
// a crash never leaves half a demo.
func (u *UI) createDemo(ctx context.Context) (app.Plan, error) {
	var p app.Plan
	err := u.store.AllOrNothing(ctx, func(stage *data.DB) error {
		var err error
		p, err = app.CreateDemo(ctx, stage, u.reg, u.now())
		return err
	})
	return p, err
}
