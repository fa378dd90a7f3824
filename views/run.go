package views

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"salesplan/app"
	"salesplan/assets"
	"salesplan/cli"
	"salesplan/data"
)

// Runner returns the GUI starter for the command line: it opens the main
// window on a workspace with the given steps and pages.
func Runner(reg *app.Registry, pages Pages) func(db *data.DB, path string) error {
	return func(db *data.DB, path string) error { return Run(db, reg, pages) }
}

// Run opens the main window on db and returns when the application quits.
// SIGTERM and SIGINT save pending edits before quitting.
func Run(db *data.DB, reg *app.Registry, pages Pages) error {
	release, held, _ := data.LockGUI(db.Path())
	defer release()
	a := fyneapp.NewWithID(cli.AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	u, err := New(a, db, Options{Locale: app.SystemLocale(os.Getenv), SecondInstance: !held, Registry: reg, Pages: pages})
	if err != nil {
		return err
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sig
		u.saveAndQuitFromSignal()
	}()
	a.Lifecycle().SetOnExitedForeground(func() { go u.saver.Flush() })
	u.WatchExternalChanges(time.Second)
	u.Window().ShowAndRun()
	u.Shutdown()
	return nil
}
