// Package views holds the Fyne screens of Salesplan: Home (the plans of the
// workspace) and the plan view with one page per registered step.
package views

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"salesplan/app"
	"salesplan/charts"
	"salesplan/data"
)

// Options configure the UI.
type Options struct {
	Locale app.Locale
	Now    func() time.Time // clock for exports and the demo; nil = time.Now
	// Registry lists the steps of a plan; Pages their pages.
	Registry *app.Registry
	Pages    Pages
	// SecondInstance is set when another Salesplan window has this workspace
	// open; the UI warns once.
	SecondInstance bool
	// Log receives what the user need not see (a setting that could not be
	// saved); nil = standard error.
	Log func(format string, args ...any)
	// QueueResults keeps the results of background work until Wait runs
	// them: a test drives the UI goroutine itself with Fyne's test driver.
	QueueResults bool
}

// UI is the main window and the screen shown in it.
type UI struct {
	app    fyne.App
	win    fyne.Window
	store  *data.DB
	reg    *app.Registry
	pages  Pages
	loc    app.Locale
	now    func() time.Time
	charts *charts.Renderer
	saver  *autosaver
	bridge *bridge
	logf   func(format string, args ...any)
	// forecasts caches forecasts per scope and history version.
	forecasts app.ForecastCache

	root    *fyne.Container // holds the current screen
	winSize *windowSize     // the size the window was last laid out at
	home    *homeScreen
	plan    *PlanScreen // nil on Home

	stopWatch chan struct{}

	sync      *syncer           // the sync folder (sync.go)
	screen    fyne.CanvasObject // the screen shown, without the sync bar
	syncBarOn bool
}

// New builds the main window of a Salesplan for store. Call ShowAndRun, or
// drive it from tests (Wait lets the background work finish). The first
// run's demo and the plan last open load in the background.
func New(a fyne.App, store *data.DB, opts Options) (*UI, error) {
	cr, err := charts.NewRenderer()
	if err != nil {
		return nil, err
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = func(format string, args ...any) { fmt.Fprintf(os.Stderr, "salesplan: "+format+"\n", args...) }
	}
	winSize := &windowSize{tips: container.NewWithoutLayout()}
	u := &UI{
		app: a, store: store, reg: opts.Registry, pages: opts.Pages, loc: opts.Locale, now: opts.Now, charts: cr,
		root: container.New(winSize), winSize: winSize, stopWatch: make(chan struct{}), bridge: newBridge(opts.QueueResults), logf: opts.Log,
	}
	u.saver = newAutosaver(func(err error) { u.bridge.finish(func() { u.showError(err) }) })
	u.win = a.NewWindow("Salesplan")
	winSize.win = u.win
	u.win.SetContent(u.root)
	u.win.SetMainMenu(u.mainMenu())
	u.sync = newSyncer(u)
	addSyncMenu(u)
	u.win.SetCloseIntercept(func() { u.Shutdown(); u.win.Close() })
	// The window size is read before the window shows (nothing waits on it).
	w, h := 1180.0, 780.0
	if v, err := store.Setting(context.Background(), "window.width", "1180"); err == nil {
		w, _ = strconv.ParseFloat(v, 32)
	}
	if v, err := store.Setting(context.Background(), "window.height", "780"); err == nil {
		h, _ = strconv.ParseFloat(v, 32)
	}
	u.win.Resize(fyne.NewSize(float32(max(w, 1024)), float32(max(h, 700))))

	u.home = newHomeScreen(u)
	u.setScreen(u.home.content)
	var last string
	u.bridge.Go(func() {
		if err = u.firstRun(); err != nil {
			return
		}
		last, err = store.Setting(context.Background(), "last_plan", "")
		if last != "" {
			if p, perr := store.Plan(context.Background(), last); perr != nil || p.DeletedAt != nil {
				last = ""
			}
		}
	}, func() {
		if err != nil {
			u.showError(err)
		}
		if last != "" {
			u.OpenPlan(last)
		} else {
			u.ShowHome()
		}
		u.sync.startFromSettings()
	})
	if opts.SecondInstance {
		dialog.ShowInformation("Workspace already open",
			"This workspace is already open in another Salesplan window. Edits made in both windows can overwrite each other; close one of them.", u.win)
	}
	return u, nil
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Wait returns when the work started in the background so far has
// finished and its results are shown (tests; with QueueResults it runs
// the results itself).
func (u *UI) Wait() { u.bridge.Wait() }

// firstRun creates the demo business and plan in an empty workspace (off
// the UI goroutine).
func (u *UI) firstRun() error {
	ctx := context.Background()
	if done, err := u.store.Setting(ctx, "first_run_done", ""); err != nil || done != "" {
		return err
	}
	plans, err := u.store.Plans(ctx, data.PlanFilter{})
	if err != nil {
		return err
	}
	if len(plans) == 0 {
		p, err := u.createDemo(ctx)
		if err != nil {
			return err
		}
		// The first start opens the demo plan, so there is something to see.
		if err := u.store.SetSetting(ctx, "last_plan", p.ID); err != nil {
			return err
		}
	}
	return u.store.SetSetting(ctx, "first_run_done", "1")
}

// do runs a store call off the UI goroutine after the pending edits are
// saved, then done on the UI goroutine with its error (done nil: an error
// is shown in a dialog).
func (u *UI) do(work func(ctx context.Context, s *data.DB) error, done func(error)) {
	var err error
	u.bridge.Go(func() {
		u.saver.Flush()
		err = work(context.Background(), u.store)
	}, func() {
		if done != nil {
			done(err)
		} else if err != nil {
			u.showError(err)
		}
	})
}

// flushLater saves the pending edits off the UI goroutine.
func (u *UI) flushLater() { u.bridge.Go(u.saver.Flush, nil) }

// setSetting stores a setting in the background; a failure is logged (a
// setting is a convenience, not the user's work).
func (u *UI) setSetting(key, value string) {
	u.do(func(ctx context.Context, s *data.DB) error { return s.SetSetting(ctx, key, value) }, func(err error) {
		if err != nil {
			u.logf("saving the setting %s: %v", key, err)
		}
	})
}

func (u *UI) mainMenu() *fyne.MainMenu {
	mod := fyne.KeyModifierShortcutDefault
	newItem := fyne.NewMenuItem("New plan…", func() { u.home.newPlanDialog() })
	newItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: mod}
	openItem := fyne.NewMenuItem("Open plan…", func() { u.openDialog() })
	openItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: mod}
	exportItem := fyne.NewMenuItem("Export PDF…", func() { u.exportCurrent() })
	exportItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: mod}
	homeItem := fyne.NewMenuItem("All plans", func() { u.ShowHome() })
	homeItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: mod}
	trashItem := fyne.NewMenuItem("Trash…", func() { u.home.showTrash() })
	quitItem := fyne.NewMenuItem("Quit", func() { u.Quit() })
	quitItem.IsQuit = true
	quitItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: mod}
	prev := fyne.NewMenuItem("Previous step", func() {
		if u.plan != nil {
			u.plan.step(-1)
		}
	})
	prev.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: mod}
	next := fyne.NewMenuItem("Next step", func() {
		if u.plan != nil {
			u.plan.step(1)
		}
	})
	next.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: mod}
	return fyne.NewMainMenu(
		fyne.NewMenu("File", newItem, openItem, fyne.NewMenuItemSeparator(), exportItem, fyne.NewMenuItemSeparator(), trashItem, fyne.NewMenuItemSeparator(), quitItem),
		fyne.NewMenu("Go", homeItem, prev, next),
	)
}

// ShowHome saves pending edits and shows the plans of the workspace.
func (u *UI) ShowHome() {
	u.flushLater()
	u.plan = nil
	u.setSetting("last_plan", "")
	u.win.SetTitle("Salesplan")
	u.home.summaries = nil // the plans may have changed while one was open
	u.home.reload()
	u.setScreen(u.home.content)
}

// OpenPlan loads a plan off the UI goroutine and shows it on the step it
// was last left on.
func (u *UI) OpenPlan(id string) {
	u.openPlan(id, "")
}

// openPlan shows plan id on step (its last step when "").
func (u *UI) openPlan(id string, step app.StepID) {
	var pd app.PlanData
	var err error
	u.bridge.Go(func() {
		u.saver.Flush()
		pd, err = app.LoadPlanData(context.Background(), u.store, u.reg, id, u.loc)
	}, func() {
		if err != nil {
			u.showError(err)
			return
		}
		if pd.Plan.DeletedAt != nil {
			u.ShowHome()
			return
		}
		ps := newPlanScreen(u, pd)
		u.plan = ps
		u.setSetting("last_plan", id)
		u.win.SetTitle(pd.Plan.Title + " — Salesplan")
		u.setScreen(ps.content)
		if step == "" {
			step = app.StepID(pd.Plan.LastStep)
		}
		ps.Show(step)
	})
}

func (u *UI) setScreen(o fyne.CanvasObject) {
	u.screen = o
	if u.syncBarOn {
		o = container.NewBorder(nil, u.sync.bar, nil, nil, o)
	}
	u.winSize.tips.RemoveAll()
	u.root.Objects = []fyne.CanvasObject{o, u.winSize.tips}
	u.root.Refresh()
}

// openDialog lets the user pick a plan with the keyboard (Ctrl+O).
func (u *UI) openDialog() {
	if u.plan == nil {
		if id := u.home.selectedID(); id != "" {
			u.OpenPlan(id)
			return
		}
	}
	u.ShowHome()
	u.win.Canvas().Focus(u.home.search)
}

// exportCurrent opens the Export page of the current plan (Ctrl+E).
func (u *UI) exportCurrent() {
	if u.plan == nil {
		if id := u.home.selectedID(); id != "" {
			u.openPlan(id, app.PageExport)
		} else {
			dialog.ShowInformation("Export", "Open a plan first, then export it.", u.win)
		}
		return
	}
	u.plan.Show(app.PageExport)
}

// Shutdown saves pending edits and the window size. It is safe to call
// more than once. It waits for the store (the window is closing).
func (u *UI) Shutdown() {
	u.saver.Flush()
	u.saveWindowSize()
	select {
	case <-u.stopWatch:
	default:
		close(u.stopWatch)
	}
	u.bridge.Close()
}

// Quit saves everything and ends the application (Ctrl+Q, SIGTERM).
func (u *UI) Quit() {
	u.Shutdown()
	u.app.Quit()
}

// WatchExternalChanges polls the workspace for commits by other processes
// (the CLI) and refreshes the screen when it finds one.
func (u *UI) WatchExternalChanges(every time.Duration) {
	ctx := context.Background()
	go func() {
		if _, err := u.store.ExternalChange(ctx); err != nil { // the first call notes the version
			u.logf("watching the workspace for changes: %v", err)
		}
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-u.stopWatch:
				return
			case <-t.C:
				changed, err := u.store.ExternalChange(ctx)
				if err != nil {
					u.logf("watching the workspace for changes: %v", err)
				}
				if err != nil || !changed || u.saver.Pending() {
					continue
				}
				u.bridge.finish(u.reloadCurrent)
			}
		}
	}()
}

// reloadCurrent re-reads the data of the screen shown.
func (u *UI) reloadCurrent() {
	if u.plan == nil {
		u.home.reload()
		return
	}
	u.openPlan(u.plan.pd.Plan.ID, u.plan.current)
}

// showError shows err as a sentence a non-technical person understands.
func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	dialog.ShowInformation("Something needs your attention", app.ErrorMessage(err), u.win)
}

func itoa(i int) string { return strconv.Itoa(i) }

// background runs long work (imports, forecasts, summaries, exports) off
// the UI goroutine and then done on it.
func (u *UI) background(work func(), done func()) { u.bridge.Go(work, done) }

// saveAndQuitFromSignal saves pending edits first (off the UI goroutine, so
// a hung UI cannot lose them), then quits the application.
func (u *UI) saveAndQuitFromSignal() {
	u.saver.Flush()
	fyne.DoAndWait(u.Quit)
}

// Plan returns the plan screen shown, or nil on Home.
func (u *UI) Plan() *PlanScreen { return u.plan }

// Flush saves the pending edits now and returns when they are stored.
func (u *UI) Flush() { u.saver.Flush() }
