package views

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage/repository"

	"salesplan/app"
	"salesplan/assets"
	"salesplan/cli"
	"salesplan/data"
)

// quitWait is how long the toolkit may take to return after SIGTERM or
// SIGINT once the edits are saved; then the process ends anyway (a shutdown
// deadlock in the toolkit must not keep it alive).
const quitWait = 2 * time.Second

// Run opens the main window on db and returns when the application quits.
// SIGTERM and SIGINT save pending edits before quitting, and end the
// process if the toolkit has not returned quitWait later.
func Run(db *data.DB, path string) error {
	release, held, _ := data.LockGUI(db.Path())
	var releaseOnce sync.Once
	defer releaseOnce.Do(release)
	a := fyneapp.NewWithID(cli.AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	u, err := New(a, db, Options{Locale: app.SystemLocale(os.Getenv), SecondInstance: !held})
	if err != nil {
		return err
	}
	guardSaveDialogs(db.Path(), u.showError)
	addSaveCopy(u)
	returned := make(chan struct{})
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sig
		u.saver.Flush() // the edits first, whatever the toolkit does
		go u.saveAndQuitFromSignal()
		afterQuit(returned, quitWait, func() {
			u.saver.Flush()
			db.Close()
			releaseOnce.Do(release)
			fmt.Fprintf(os.Stderr, "salesplan: the window did not close within %v; your edits were saved and the workspace closed.\n", quitWait)
			os.Exit(0)
		})
	}()
	// A damaged file is found early: the check refuses all later writes and
	// says which backup to restore.
	go func() {
		if err := db.QuickCheck(context.Background()); app.ErrorCode(err) == data.ErrDamaged {
			fyne.Do(func() { u.showError(err) })
		}
	}()
	go checkpointWhenIdle(db, u.saver.Pending, idleCheckpoint, returned)
	a.Lifecycle().SetOnExitedForeground(func() { go u.saver.Flush() })
	u.WatchExternalChanges(time.Second)
	u.Window().ShowAndRun()
	close(returned)
	u.Shutdown()
	return nil
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
	inner, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	full, ok := inner.(fileRepository)
	if !ok {
		return
	}
	if _, already := inner.(*guardedFiles); already {
		return
	}
	repository.Register("file", &guardedFiles{fileRepository: full, workspace: workspace, refused: refused})
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
}

// Writer checks the target and returns a writer that truncates the file
// only when the first byte is written. The leftovers of killed exports to
// the same file are removed.
func (g *guardedFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	if err := data.CheckTarget(u.Path(), g.workspace); err != nil {
		if g.refused != nil {
			g.refused(err)
		}
		return nil, err
	}
	data.RemoveStaleTemps(u.Path())
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
	mm := u.win.MainMenu()
	if mm == nil {
		return
	}
	for _, m := range mm.Items {
		if m.Label != "File" {
			continue
		}
		at := len(m.Items)
		for i, it := range m.Items {
			if it.Label == "Save a copy…" {
				return
			}
			if it.Label == "Export PDF…" {
				at = i + 1
			}
		}
		item := fyne.NewMenuItem("Save a copy…", func() { saveCopyDialog(u) })
		m.Items = append(m.Items[:at], append([]*fyne.MenuItem{item}, m.Items[at:]...)...)
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
	d.Resize(dialogSize(u.win))
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
