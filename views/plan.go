package views

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/charts"
	"salesplan/data"
)

// Page builds the work area of one page of a plan. Each step's package in
// views/ provides one; views/steps lists them.
type Page func(p *PlanScreen) fyne.CanvasObject

// Pages maps page IDs to their pages. A step without a page shows its
// Pending line.
type Pages map[app.StepID]Page

// PlanScreen shows one plan: navigation on the left, the page on the right.
// Step pages use it through its exported methods: the plan's data, the
// bridge to the store, autosave, charts, dialogs and navigation.
type PlanScreen struct {
	u       *UI
	pd      app.PlanData
	ids     []app.StepID
	current app.StepID

	content  fyne.CanvasObject
	nav      *widget.List
	page     *fyne.Container
	scroll   *wheelScroll   // the page's scroll; Back/Next stay below it
	sideways []*wheelScroll // the page's sideways tables (ps.HScroll)
	navSync  bool           // set while the nav selection is changed by code
	pageGen  int            // counts the pages shown; a result for an older page is dropped

	undoBar  *fyne.Container
	undoText *widget.Label
	undoBtn  *widget.Button
	undoGen  int
}

func newPlanScreen(u *UI, pd app.PlanData) *PlanScreen {
	ps := &PlanScreen{u: u, pd: pd, ids: u.reg.IDs()}
	ps.nav = widget.NewList(
		func() int { return len(ps.ids) },
		func() fyne.CanvasObject { return widget.NewLabel("○ 6  Sales & operations") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(ps.navLabel(ps.ids[i])) },
	)
	ps.nav.OnSelected = func(i widget.ListItemID) {
		if !ps.navSync {
			ps.Show(ps.ids[i])
		}
	}
	back := widget.NewButtonWithIcon("All plans", theme.NavigateBackIcon(), u.ShowHome)
	title := widget.NewLabelWithStyle(pd.Plan.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	biz := widget.NewLabel(pd.Business.Name)
	biz.Wrapping = fyne.TextWrapWord
	biz.SizeName = theme.SizeNameCaptionText
	legend := widget.NewLabel("○ not started\n◐ in progress\n● complete")
	legend.SizeName = theme.SizeNameCaptionText
	legend.Wrapping = fyne.TextWrapWord
	left := container.NewBorder(container.NewVBox(back, title, biz, widget.NewSeparator()), legend, nil, nil, ps.nav)
	ps.page = container.NewStack()
	ps.undoText = widget.NewLabel("")
	ps.undoBtn = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), nil)
	ps.undoBar = container.NewBorder(nil, nil, nil, ps.undoBtn, ps.undoText)
	ps.undoBar.Hide()
	// A fixed navigation column: on a wide screen the page gets the space.
	nav := container.New(fixedWidth{navWidth}, left)
	ps.content = container.NewBorder(nil, nil, container.NewHBox(nav, widget.NewSeparator()), nil,
		container.NewBorder(nil, ps.undoBar, nil, nil, ps.page))
	return ps
}

// Data returns the plan's data as the page shows it. A page edits its
// content in place and then calls Changed.
func (ps *PlanScreen) Data() *app.PlanData { return &ps.pd }

// Registry returns the steps of the plan.
func (ps *PlanScreen) Registry() *app.Registry { return ps.u.reg }

// Now returns the clock of the UI.
func (ps *PlanScreen) Now() time.Time { return ps.u.now() }

// Window returns the main window (for dialogs).
func (ps *PlanScreen) Window() fyne.Window { return ps.u.win }

// Charts returns the chart renderer.
func (ps *PlanScreen) Charts() *charts.Renderer { return ps.u.charts }

// ShowError shows err as a sentence a non-technical person understands.
func (ps *PlanScreen) ShowError(err error) { ps.u.showError(err) }

// Current returns the page shown.
func (ps *PlanScreen) Current() app.StepID { return ps.current }

// Changed recomputes the plan's figures after an edit of its content and
// re-evaluates the completion marks.
func (ps *PlanScreen) Changed() {
	ps.u.reg.Compute(&ps.pd)
	ps.nav.Refresh()
}

// Save schedules a save of an edit (autosave: written shortly after the
// user stops typing, in order, off the UI goroutine). key identifies what
// is saved; a newer save of the same key replaces a pending one.
func (ps *PlanScreen) Save(key string, save func(ctx context.Context, s *data.DB) error) {
	store := ps.u.store
	ps.u.saver.Schedule(key, func() error { return save(context.Background(), store) })
}

// Do runs a store call off the UI goroutine, after the pending edits are
// saved, then done on the UI goroutine with its error. With done nil an
// error is shown in a dialog.
func (ps *PlanScreen) Do(work func(ctx context.Context, s *data.DB) error, done func(error)) {
	ps.u.do(work, done)
}

// Background runs long work (a summary, a forecast) off the UI goroutine
// and then done on it, if the same page is still shown.
func (ps *PlanScreen) Background(work func(), done func()) {
	gen := ps.pageGen
	ps.u.bridge.Go(work, func() {
		if ps.u.plan == ps && gen == ps.pageGen {
			done()
		}
	})
}

// Show saves pending edits and shows page id.
func (ps *PlanScreen) Show(id app.StepID) {
	idx := -1
	for i, x := range ps.ids {
		if x == id {
			idx = i
		}
	}
	if idx < 0 {
		id, idx = app.PageOverview, 0
	}
	ps.u.flushLater()
	ps.current = id
	ps.navSync = true
	ps.nav.Select(idx)
	ps.navSync = false
	ps.pageGen++
	ps.u.winSize.tips.RemoveAll()
	ps.page.Objects = []fyne.CanvasObject{ps.buildPage(id)}
	ps.page.Refresh()
	planID := ps.pd.Plan.ID
	ps.u.do(func(ctx context.Context, s *data.DB) error { return s.MarkOpened(ctx, planID, string(id)) }, func(err error) {
		if err != nil {
			ps.u.logf("remembering the step of plan %s: %v", planID, err)
		}
	})
}

// step moves to the next (+1) or previous (-1) page.
func (ps *PlanScreen) step(delta int) {
	for i, x := range ps.ids {
		if x == ps.current && i+delta >= 0 && i+delta < len(ps.ids) {
			ps.Show(ps.ids[i+delta])
			return
		}
	}
}

// navLabel is a navigation entry: completion mark, number and short name.
func (ps *PlanScreen) navLabel(id app.StepID) string {
	switch id {
	case app.PageOverview:
		return "    Overview"
	case app.PageExport:
		return "    Export"
	}
	s, _ := ps.u.reg.Step(id)
	return ps.u.reg.Status(id, &ps.pd).Mark() + " " + itoa(s.Number) + "  " + s.Nav
}

// buildPage lays out a page: heading, guidance, work area, Back/Next.
func (ps *PlanScreen) buildPage(id app.StepID) fyne.CanvasObject {
	heading, guidance := "Overview", ""
	if id == app.PageExport {
		heading, guidance = "Export", "Produce the finished plan as a PDF to hand to the client, set its branding, and save any table for a spreadsheet."
	}
	s, isStep := ps.u.reg.Step(id)
	if isStep {
		heading, guidance = s.Heading(), s.Guidance
	}
	h := widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.SizeName = theme.SizeNameHeadingText
	h.Wrapping = fyne.TextWrapWord
	g := widget.NewLabel(guidance)
	g.Wrapping = fyne.TextWrapWord
	head := []fyne.CanvasObject{h, g}
	if isStep && s.CompleteWhen != "" {
		rule := widget.NewLabel(ps.u.reg.Status(id, &ps.pd).Mark() + " " + s.CompleteWhen)
		rule.Wrapping = fyne.TextWrapWord
		rule.SizeName = theme.SizeNameCaptionText
		head = append(head, rule)
	}

	ps.sideways = nil
	var work fyne.CanvasObject
	if id == app.PageExport {
		work = exportPage(ps)
	} else if b, ok := ps.u.pages[id]; ok {
		work = b(ps)
	} else {
		text := "Not built yet. This step will hold: " + s.Pending
		if s.Pending == "" {
			text = "This step has no page in this window; its content is in the PDF and in `salesplan show --step " + string(id) + "`."
		}
		msg := widget.NewLabel(text)
		msg.Wrapping = fyne.TextWrapWord
		msg.Importance = widget.MediumImportance
		work = widget.NewCard("", "", msg)
	}
	backBtn := widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), func() { ps.step(-1) })
	nextBtn := widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), func() { ps.step(1) })
	nextBtn.IconPlacement = widget.ButtonIconTrailingText
	nextBtn.Importance = widget.HighImportance
	if id == ps.ids[0] {
		backBtn.Disable()
	}
	if id == ps.ids[len(ps.ids)-1] {
		nextBtn.Disable()
	}
	nav := container.NewHBox(backBtn, layout.NewSpacer(), nextBtn)
	body := container.NewVBox(append(head, widget.NewSeparator(), work)...)
	ps.scroll = newWheelScroll(container.ScrollVerticalOnly, container.New(maxWidth{readableWidth}, container.NewPadded(body)), wheelStep)
	// Back and Next stay in view below the page, however long it is.
	bar := container.New(maxWidth{readableWidth}, container.NewPadded(nav))
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil,
		container.NewStack(ps.scroll, newPageWheel(ps)))
}

// ConfirmDelete asks before deleting a content row (what names it for
// people), deletes it off the UI goroutine, lets after update the page and
// offers Undo.
func (ps *PlanScreen) ConfirmDelete(title, what, table, id string, after func()) {
	dialog.ShowConfirm(title, "“"+what+"” will be removed. You can undo this for a few seconds.", func(ok bool) {
		if !ok {
			return
		}
		ps.Do(func(ctx context.Context, s *data.DB) error { return s.DeleteContent(ctx, table, id, false) }, func(err error) {
			if err != nil {
				ps.ShowError(err)
				return
			}
			after()
			ps.deleted(what, table, id)
		})
	}, ps.u.win)
}

// deleted offers Undo for ten seconds after a content row was deleted;
// Undo restores the row and shows the page again.
func (ps *PlanScreen) deleted(what, table, id string) {
	ps.undoGen++
	gen := ps.undoGen
	ps.undoText.SetText("Deleted “" + what + "”.")
	ps.undoBtn.OnTapped = func() {
		ps.undoBar.Hide()
		ps.Do(func(ctx context.Context, s *data.DB) error { return s.DeleteContent(ctx, table, id, true) }, func(err error) {
			if err != nil {
				ps.ShowError(err)
				return
			}
			ps.Reload()
		})
	}
	ps.undoBar.Show()
	ps.u.bridge.Later(10*time.Second, func() {
		if gen == ps.undoGen {
			ps.undoBar.Hide()
		}
	})
}

// Refresh re-reads the plan's content and figures off the UI goroutine
// (keeping the forecast and summary already loaded), then calls done on
// the UI goroutine so the page can redraw what changed.
func (ps *PlanScreen) Refresh(done func()) {
	u, id, keep := ps.u, ps.pd.Plan.ID, ps.pd
	var pd app.PlanData
	var err error
	u.bridge.Go(func() {
		u.saver.Flush()
		pd, err = app.LoadPlanData(context.Background(), u.store, u.reg, id, u.loc)
	}, func() {
		if u.plan != ps {
			return
		}
		if err != nil {
			ps.ShowError(err)
			return
		}
		pd.Forecast, pd.GroupForecast, pd.Summary = keep.Forecast, keep.GroupForecast, keep.Summary
		u.reg.Compute(&pd)
		ps.pd = pd
		ps.nav.Refresh()
		if done != nil {
			done()
		}
	})
}

// Reload re-reads the plan's data and shows the current page again.
func (ps *PlanScreen) Reload() {
	ps.Refresh(func() {
		ps.pageGen++
		ps.page.Objects = []fyne.CanvasObject{ps.buildPage(ps.current)}
		ps.page.Refresh()
	})
}

// ImportButton offers the import of sales history into the plan's
// business; the plan reloads after an import.
func (ps *PlanScreen) ImportButton(label string) *widget.Button {
	return widget.NewButtonWithIcon(label, theme.UploadIcon(), func() {
		startImport(ps.u, ps.pd.Business.ID, func() { ps.u.reloadCurrent() })
	})
}

// LoadForecast computes (or takes from the cache) the forecast of the
// plan's scope, in total and per product group, off the UI goroutine,
// stores them in the plan's data with the figures recomputed, and calls
// done on the UI goroutine with the error of the total's forecast.
func (ps *PlanScreen) LoadForecast(done func(error)) {
	pd, u := ps.pd, ps.u
	var total, groups app.ForecastOutput
	var err, gerr error
	ps.Background(func() {
		ctx := context.Background()
		var ver string
		if ver, err = u.store.HistoryVersion(ctx, pd.Business.ID); err != nil {
			return
		}
		get := func(by app.ForecastBy) (app.ForecastOutput, error) {
			req := app.ForecastRequest{By: by, Horizon: app.ForecastHorizon(&pd)}
			key := app.ForecastKey(pd.Business.ID, pd.Plan.Scope, req, ver, u.now())
			if f, ok := u.forecasts.Get(key); ok {
				return f, nil
			}
			f, err := app.Forecast(ctx, u.store, pd, req, u.now())
			if err == nil {
				u.forecasts.Put(key, f)
			}
			return f, err
		}
		if total, err = get(app.ByTotal); err == nil {
			groups, gerr = get(app.ByGroup)
		}
	}, func() {
		if err == nil {
			ps.pd.Forecast = &total
			if gerr == nil {
				ps.pd.GroupForecast = &groups
			}
			ps.Changed()
		}
		done(err)
	})
}

// LoadSummary computes the situation summary of the plan's scope off the
// UI goroutine, stores it in the plan's data and calls done on the UI
// goroutine.
func (ps *PlanScreen) LoadSummary(done func(error)) {
	pd, store := ps.pd, ps.u.store
	var sum app.Summary
	var err error
	ps.Background(func() {
		sum, err = store.Summary(context.Background(), pd.Business.ID, pd.Plan.Scope, pd.History)
	}, func() {
		if err == nil {
			ps.pd.Summary = &sum
			ps.Changed()
		}
		done(err)
	})
}

// PageContent returns what the page area shows (tests read it).
func (ps *PlanScreen) PageContent() fyne.CanvasObject { return ps.page }

// NavLabel returns the navigation entry of page id: mark, number and name.
func (ps *PlanScreen) NavLabel(id app.StepID) string { return ps.navLabel(id) }

// Next moves to the next (+1) or previous (-1) page, as Next and Back do.
func (ps *PlanScreen) Next(delta int) { ps.step(delta) }
