package views

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

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
	a.Lifecycle().SetOnExitedForeground(func() { go u.saver.Flush() })
	u.WatchExternalChanges(time.Second)
	u.Window().ShowAndRun()
	close(returned)
	u.Shutdown()
	return nil
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
