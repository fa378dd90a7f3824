// Package views holds the Fyne screens of Salesplan: Home (the plans of the
// workspace) and the plan view with one page per registered step.
package views

import (
	"context"
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
	// SecondInstance is set when another Salesplan window has this workspace
	// open; the UI warns once.
	SecondInstance bool
	// Synchronous runs background work inline (tests: Fyne's test driver
	// has no UI goroutine to hand results to).
	Synchronous bool
}

// UI is the main window and the screen shown in it.
type UI struct {
	app    fyne.App
	win    fyne.Window
	store  *data.DB
	reg    *app.Registry
	loc    app.Locale
	now    func() time.Time
	charts *charts.Renderer
	saver  *autosaver
	// forecasts caches forecasts per scope and history version.
	forecasts app.ForecastCache

	root *fyne.Container // holds the current screen
	home *homeScreen
	plan *planScreen // nil on Home

	stopWatch chan struct{}
	sync      bool
}

// New builds the main window of a Salesplan for store. Call ShowAndRun, or
// drive it from tests.
func New(a fyne.App, store *data.DB, opts Options) (*UI, error) {
	cr, err := charts.NewRenderer()
	if err != nil {
		return nil, err
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	u := &UI{
		app: a, store: store, reg: app.DefaultRegistry(), loc: opts.Locale, now: opts.Now, charts: cr,
		root: container.NewStack(), stopWatch: make(chan struct{}), sync: opts.Synchronous,
	}
	u.saver = newAutosaver(func(err error) { fyne.Do(func() { u.showError(err) }) })
	u.win = a.NewWindow("Salesplan")
	u.win.SetContent(u.root)
	u.win.SetMainMenu(u.mainMenu())
	u.win.SetCloseIntercept(func() { u.Shutdown(); u.win.Close() })
	w, _ := strconv.ParseFloat(store.Setting(context.Background(), "window.width", "1180"), 32)
	h, _ := strconv.ParseFloat(store.Setting(context.Background(), "window.height", "780"), 32)
	u.win.Resize(fyne.NewSize(float32(max(w, 1024)), float32(max(h, 700))))

	u.home = newHomeScreen(u)
	if err := u.firstRun(); err != nil {
		return nil, err
	}
	if id := store.Setting(context.Background(), "last_plan", ""); id != "" {
		if p, err := store.Plan(context.Background(), id); err == nil && p.DeletedAt == nil {
			u.OpenPlan(id)
		} else {
			u.ShowHome()
		}
	} else {
		u.ShowHome()
	}
	if opts.SecondInstance {
		dialog.ShowInformation("Workspace already open",
			"This workspace is already open in another Salesplan window. Edits made in both windows can overwrite each other; close one of them.", u.win)
	}
	return u, nil
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// firstRun creates the demo business and plan in an empty workspace.
func (u *UI) firstRun() error {
	ctx := context.Background()
	if u.store.Setting(ctx, "first_run_done", "") != "" {
		return nil
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
	u.saver.Flush()
	u.plan = nil
	u.store.SetSetting(context.Background(), "last_plan", "")
	u.win.SetTitle("Salesplan")
	u.home.reload()
	u.setScreen(u.home.content)
}

// OpenPlan shows a plan on the step it was last left on.
func (u *UI) OpenPlan(id string) {
	u.saver.Flush()
	ps, err := newPlanScreen(u, id)
	if err != nil {
		u.showError(err)
		return
	}
	u.plan = ps
	u.store.SetSetting(context.Background(), "last_plan", id)
	u.win.SetTitle(ps.pd.Plan.Title + " — Salesplan")
	u.setScreen(ps.content)
	ps.show(app.StepID(ps.pd.Plan.LastStep))
}

func (u *UI) setScreen(o fyne.CanvasObject) {
	u.root.Objects = []fyne.CanvasObject{o}
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
			u.OpenPlan(id)
		} else {
			dialog.ShowInformation("Export", "Open a plan first, then export it.", u.win)
			return
		}
	}
	u.plan.show(app.PageExport)
}

// Shutdown saves pending edits and the window size. It is safe to call
// more than once.
func (u *UI) Shutdown() {
	u.saver.Flush()
	ctx := context.Background()
	sz := u.win.Canvas().Size()
	if sz.Width >= 100 && sz.Height >= 100 {
		u.store.SetSetting(ctx, "window.width", strconv.Itoa(int(sz.Width)))
		u.store.SetSetting(ctx, "window.height", strconv.Itoa(int(sz.Height)))
	}
	select {
	case <-u.stopWatch:
	default:
		close(u.stopWatch)
	}
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
	u.store.ExternalChange(ctx)
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-u.stopWatch:
				return
			case <-t.C:
				changed, err := u.store.ExternalChange(ctx)
				if err != nil || !changed || u.saver.Pending() {
					continue
				}
				fyne.Do(u.reloadCurrent)
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
	id, step := u.plan.pd.Plan.ID, u.plan.current
	if p, err := u.store.Plan(context.Background(), id); err != nil || p.DeletedAt != nil {
		u.ShowHome()
		return
	}
	ps, err := newPlanScreen(u, id)
	if err != nil {
		return
	}
	u.plan = ps
	u.setScreen(ps.content)
	ps.show(step)
}

// showError shows err as a sentence a non-technical person understands.
func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	dialog.ShowInformation("Something needs your attention", app.ErrorMessage(err), u.win)
}

func itoa(i int) string { return strconv.Itoa(i) }

// background runs work off the UI goroutine and then done on it. Long work
// (imports, forecasts, summaries, exports, chart rendering) goes through
// here so the UI never blocks.
func (u *UI) background(work func(), done func()) {
	if u.sync {
		work()
		done()
		return
	}
	go func() {
		work()
		fyne.Do(done)
	}()
}

// later runs fn on the UI goroutine after d (not in synchronous mode,
// where nothing is deferred).
func (u *UI) later(d time.Duration, fn func()) {
	if u.sync {
		return
	}
	time.AfterFunc(d, func() { fyne.Do(fn) })
}

// saveAndQuitFromSignal saves pending edits first (off the UI goroutine, so
// a hung UI cannot lose them), then quits the application.
func (u *UI) saveAndQuitFromSignal() {
	u.saver.Flush()
	fyne.DoAndWait(u.Quit)
}
