package views

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
)

// pageBuilder builds the work area of one page of a plan. Each step
// registers one in pages; a step without one shows its Pending line.
type pageBuilder func(ps *planScreen) fyne.CanvasObject

// pageFor is the views side of the step registry: the page of each step
// that has one.
func pageFor(id app.StepID) (pageBuilder, bool) {
	switch id {
	case app.PageOverview:
		return overviewPage, true
	case app.StepSituation:
		return situationPage, true
	case app.StepObjectives:
		return objectivesPage, true
	case app.StepStrategy:
		return strategyPage, true
	case app.StepBudget:
		return budgetPage, true
	case app.PageExport:
		return exportPage, true
	}
	return nil, false
}

// planScreen shows one plan: navigation on the left, the page on the right.
type planScreen struct {
	u       *UI
	pd      app.PlanData
	ids     []app.StepID
	current app.StepID

	content fyne.CanvasObject
	nav     *widget.List
	page    *fyne.Container
	navSync bool // set while the nav selection is changed by code

	situation  *situationForm      // the Situation page while it is shown
	objectives *[]*objectiveEditor // the Objectives page's editors while it is shown
	strategy   *strategyView       // the Strategy page while it is shown

	undoBar  *fyne.Container
	undoText *widget.Label
	undoBtn  *widget.Button
	undoGen  int
}

func newPlanScreen(u *UI, id string) (*planScreen, error) {
	pd, err := app.LoadPlanData(context.Background(), u.store, id, u.loc)
	if err != nil {
		return nil, err
	}
	ps := &planScreen{u: u, pd: pd, ids: u.reg.IDs()}
	ps.nav = widget.NewList(
		func() int { return len(ps.ids) },
		func() fyne.CanvasObject { return widget.NewLabel("○ 6  Sales & operations") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(ps.navLabel(ps.ids[i])) },
	)
	ps.nav.OnSelected = func(i widget.ListItemID) {
		if !ps.navSync {
			ps.show(ps.ids[i])
		}
	}
	back := widget.NewButtonWithIcon("All plans", theme.NavigateBackIcon(), u.ShowHome)
	title := widget.NewLabelWithStyle(pd.Plan.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	biz := widget.NewLabel(pd.Business.Name)
	biz.Wrapping = fyne.TextWrapWord
	biz.SizeName = theme.SizeNameCaptionText
	legend := widget.NewLabel("○ not started  ◐ in progress  ● complete")
	legend.SizeName = theme.SizeNameCaptionText
	legend.Wrapping = fyne.TextWrapWord
	left := container.NewBorder(container.NewVBox(back, title, biz, widget.NewSeparator()), legend, nil, nil, ps.nav)
	ps.page = container.NewStack()
	ps.undoText = widget.NewLabel("")
	ps.undoBtn = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), nil)
	ps.undoBar = container.NewBorder(nil, nil, nil, ps.undoBtn, ps.undoText)
	ps.undoBar.Hide()
	split := container.NewHSplit(left, container.NewBorder(nil, ps.undoBar, nil, nil, ps.page))
	split.Offset = 0.22
	ps.content = split
	return ps, nil
}

// navLabel is a navigation entry: completion mark, number and short name.
func (ps *planScreen) navLabel(id app.StepID) string {
	switch id {
	case app.PageOverview:
		return "    Overview"
	case app.PageExport:
		return "    Export"
	}
	s, _ := ps.u.reg.Step(id)
	return ps.u.reg.Status(id, ps.pd).Mark() + " " + itoa(s.Number) + "  " + s.Nav
}

// show saves pending edits and shows page id.
func (ps *planScreen) show(id app.StepID) {
	idx := -1
	for i, x := range ps.ids {
		if x == id {
			idx = i
		}
	}
	if idx < 0 {
		id, idx = app.PageOverview, 0
	}
	ps.u.saver.Flush()
	ps.current = id
	ps.navSync = true
	ps.nav.Select(idx)
	ps.navSync = false
	ps.page.Objects = []fyne.CanvasObject{ps.buildPage(id)}
	ps.page.Refresh()
	go ps.u.store.MarkOpened(context.Background(), ps.pd.Plan.ID, string(id))
}

// step moves to the next (+1) or previous (-1) page.
func (ps *planScreen) step(delta int) {
	for i, x := range ps.ids {
		if x == ps.current && i+delta >= 0 && i+delta < len(ps.ids) {
			ps.show(ps.ids[i+delta])
			return
		}
	}
}

// buildPage lays out a page: heading, guidance, work area, Back/Next.
func (ps *planScreen) buildPage(id app.StepID) fyne.CanvasObject {
	heading, guidance := "Overview", "Where this plan stands: the headline figures of the history and the progress of each step."
	if id == app.PageExport {
		heading, guidance = "Export", "Produce the finished plan as a PDF to print or send, with a cover, a table of contents and every step."
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

	var work fyne.CanvasObject
	if b, ok := pageFor(id); ok {
		work = b(ps)
	} else {
		msg := widget.NewLabel("Not built yet. This step will hold: " + s.Pending)
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
	nav := container.NewHBox(backBtn, layoutSpacer(), nextBtn)
	body := container.NewVBox(h, g, widget.NewSeparator(), work, widget.NewSeparator(), nav)
	return container.NewVScroll(container.NewPadded(body))
}

// refreshNav re-evaluates the completion marks.
func (ps *planScreen) refreshNav() { ps.nav.Refresh() }

// confirmDelete asks before deleting a content row (what names it for
// people), deletes it, lets after update the page and offers Undo.
func (ps *planScreen) confirmDelete(title, what, table, id string, after func()) {
	dialog.ShowConfirm(title, "“"+what+"” will be removed. You can undo this for a few seconds.", func(ok bool) {
		if !ok {
			return
		}
		ps.u.saver.Flush()
		if err := ps.u.store.DeleteContent(context.Background(), table, id, false); err != nil {
			ps.u.showError(err)
			return
		}
		after()
		ps.refreshNav()
		ps.deleted(what, table, id)
	}, ps.u.win)
}

// deleted offers Undo for ten seconds after a content row was deleted;
// Undo restores the row and shows the page again.
func (ps *planScreen) deleted(what, table, id string) {
	ps.undoGen++
	gen := ps.undoGen
	ps.undoText.SetText("Deleted “" + what + "”.")
	ps.undoBtn.OnTapped = func() {
		ps.undoBar.Hide()
		if err := ps.u.store.DeleteContent(context.Background(), table, id, true); err != nil {
			ps.u.showError(err)
			return
		}
		ps.reload()
	}
	ps.undoBar.Show()
	ps.u.later(10*time.Second, func() {
		if gen == ps.undoGen {
			ps.undoBar.Hide()
		}
	})
}

// reload re-reads the plan's data and shows the current page again.
func (ps *planScreen) reload() {
	pd, err := app.LoadPlanData(context.Background(), ps.u.store, ps.pd.Plan.ID, ps.u.loc)
	if err != nil {
		ps.u.showError(err)
		return
	}
	pd.Forecast, pd.Summary = ps.pd.Forecast, ps.pd.Summary
	ps.pd = pd
	ps.refreshNav()
	ps.page.Objects = []fyne.CanvasObject{ps.buildPage(ps.current)}
	ps.page.Refresh()
}
