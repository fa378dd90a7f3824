package views

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/data"
)

// homeScreen lists the plans of the workspace grouped by business.
type homeScreen struct {
	u       *UI
	content fyne.CanvasObject

	search   *widget.Entry
	sortBy   *widget.Select
	list     *widget.List
	empty    *fyne.Container
	undoBar  *fyne.Container
	undoText *widget.Label
	undoBtn  *widget.Button

	items    []homeItem
	selected string
	undoGen  int
}

// homeItem is one row: a business header or a plan.
type homeItem struct {
	header   string
	plan     app.Plan
	isHeader bool
}

func newHomeScreen(u *UI) *homeScreen {
	h := &homeScreen{u: u}
	h.search = widget.NewEntry()
	h.search.SetPlaceHolder("Search plans and businesses")
	h.sortBy = widget.NewSelect([]string{"Last opened", "Name"}, nil)
	h.sortBy.SetSelected("Last opened")
	h.sortBy.OnChanged = func(string) { h.reload() }

	h.list = widget.NewList(
		func() int { return len(h.items) },
		h.newRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { h.updateRow(id, o) },
	)
	h.search.OnChanged = func(string) { h.reload() }
	h.list.OnSelected = func(id widget.ListItemID) {
		if id < len(h.items) && !h.items[id].isHeader {
			h.selected = h.items[id].plan.ID
		}
	}

	newBtn := widget.NewButtonWithIcon("New plan", theme.ContentAddIcon(), h.newPlanDialog)
	newBtn.Importance = widget.HighImportance
	trashBtn := widget.NewButtonWithIcon("Trash", theme.DeleteIcon(), h.showTrash)
	title := widget.NewLabelWithStyle("Your plans", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	top := container.NewBorder(nil, nil, title, container.NewHBox(container.NewCenter(widget.NewLabel("Sort by")), h.sortBy, trashBtn, newBtn))
	bar := container.NewBorder(nil, nil, nil, nil, h.search)

	emptyLabel := widget.NewLabel("No plans yet. A plan walks you through six steps, from where you stand to the budget and the team.")
	emptyLabel.Wrapping = fyne.TextWrapWord
	emptyNew := widget.NewButtonWithIcon("Create your first plan", theme.ContentAddIcon(), h.newPlanDialog)
	emptyNew.Importance = widget.HighImportance
	emptyDemo := widget.NewButton("Add the demo plan", h.addDemo)
	h.empty = container.NewVBox(emptyLabel, container.NewHBox(emptyNew, emptyDemo))

	h.undoText = widget.NewLabel("")
	h.undoBtn = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), nil)
	h.undoBar = container.NewBorder(nil, nil, nil, h.undoBtn, h.undoText)
	h.undoBar.Hide()

	h.content = container.NewPadded(container.NewBorder(
		container.NewVBox(top, bar, widget.NewSeparator()),
		h.undoBar, nil, nil,
		container.NewStack(h.list, container.NewCenter(h.empty)),
	))
	return h
}

func (h *homeScreen) newRow() fyne.CanvasObject {
	title := widget.NewLabel("title")
	title.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("detail")
	detail.SizeName = theme.SizeNameCaptionText
	open := widget.NewButtonWithIcon("Open", theme.FolderOpenIcon(), nil)
	dup := widget.NewButtonWithIcon("Copy to next period", theme.ContentCopyIcon(), nil)
	ren := widget.NewButtonWithIcon("Rename", theme.DocumentCreateIcon(), nil)
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), nil)
	buttons := container.NewHBox(detail, open, dup, ren, del)
	return container.NewBorder(nil, nil, nil, buttons, title)
}

func (h *homeScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(h.items) {
		return
	}
	it := h.items[id]
	row := o.(*fyne.Container)
	title := row.Objects[0].(*widget.Label)
	buttons := row.Objects[1].(*fyne.Container)
	detail := buttons.Objects[0].(*widget.Label)
	if it.isHeader {
		title.SetText(it.header)
		title.TextStyle = fyne.TextStyle{Bold: true}
		title.Refresh()
		buttons.Hide()
		return
	}
	p := it.plan
	title.SetText("    " + p.Title)
	title.TextStyle = fyne.TextStyle{}
	title.Refresh()
	detail.SetText(h.u.loc.MonthName(p.Start) + " – " + h.u.loc.MonthName(p.End()) + " · " + p.Currency)
	buttons.Show()
	b := buttons.Objects
	b[1].(*widget.Button).OnTapped = func() { h.u.OpenPlan(p.ID) }
	b[2].(*widget.Button).OnTapped = func() { h.duplicate(p) }
	b[3].(*widget.Button).OnTapped = func() { h.rename(p) }
	b[4].(*widget.Button).OnTapped = func() { h.confirmDelete(p) }
}

// reload re-reads the plans and rebuilds the grouped list.
func (h *homeScreen) reload() {
	plans, err := h.u.store.Plans(context.Background(), data.PlanFilter{Query: h.search.Text})
	if err != nil {
		h.u.showError(err)
		return
	}
	h.items = groupPlans(plans, h.sortBy.Selected == "Name")
	h.list.UnselectAll()
	h.list.Refresh()
	if len(plans) == 0 && strings.TrimSpace(h.search.Text) == "" {
		h.empty.Show()
	} else {
		h.empty.Hide()
	}
}

// groupPlans groups plans (already in last-opened order) by business. The
// business whose plan was opened last comes first, unless byName.
func groupPlans(plans []app.Plan, byName bool) []homeItem {
	if byName {
		sort.SliceStable(plans, func(i, j int) bool {
			return strings.ToLower(plans[i].Title) < strings.ToLower(plans[j].Title)
		})
	}
	var order []string
	groups := map[string][]app.Plan{}
	names := map[string]string{}
	for _, p := range plans {
		if _, ok := groups[p.BusinessID]; !ok {
			order = append(order, p.BusinessID)
		}
		groups[p.BusinessID] = append(groups[p.BusinessID], p)
		names[p.BusinessID] = p.BusinessName
	}
	if byName {
		sort.SliceStable(order, func(i, j int) bool {
			return strings.ToLower(names[order[i]]) < strings.ToLower(names[order[j]])
		})
	}
	var items []homeItem
	for _, b := range order {
		items = append(items, homeItem{isHeader: true, header: names[b]})
		for _, p := range groups[b] {
			items = append(items, homeItem{plan: p})
		}
	}
	return items
}

func (h *homeScreen) selectedID() string { return h.selected }

// addDemo creates the demo business and plan off the UI goroutine.
func (h *homeScreen) addDemo() {
	u := h.u
	prog := dialog.NewCustomWithoutButtons("Adding the demo plan", widget.NewProgressBarInfinite(), u.win)
	prog.Show()
	var p app.Plan
	var err error
	u.background(func() {
		p, err = u.createDemo(context.Background())
	}, func() {
		prog.Hide()
		if err != nil {
			u.showError(err)
			return
		}
		u.OpenPlan(p.ID)
	})
}

// newPlanForm holds the fields of the New plan dialog.
type newPlanForm struct {
	business *widget.SelectEntry
	title    *widget.Entry
	start    *widget.Entry
	months   *widget.Entry
	currency *widget.Select
}

func (h *homeScreen) newPlanFields() *newPlanForm {
	ctx := context.Background()
	bs, _ := h.u.store.Businesses(ctx)
	var names []string
	for _, b := range bs {
		names = append(names, b.Name)
	}
	f := &newPlanForm{business: widget.NewSelectEntry(names), title: widget.NewEntry(), start: widget.NewEntry(), months: widget.NewEntry()}
	f.business.SetPlaceHolder("Your business or client")
	f.business.Validator = func(s string) error { return uiErr(app.ValidateTitle(s)) }
	next := app.NewMonth(h.u.now().Year()+1, time.January)
	f.title.SetText("Sales plan " + strconv.Itoa(next.Year()))
	f.title.Validator = func(s string) error { return uiErr(app.ValidateTitle(s)) }
	f.start.SetText(next.String())
	f.start.Validator = func(s string) error { _, err := app.ParseMonth(strings.TrimSpace(s)); return err }
	f.months.SetText("12")
	f.months.Validator = func(s string) error { _, err := app.ParseMonths(s); return uiErr(err) }
	f.currency = widget.NewSelect(currencyCodes(), nil)
	f.currency.SetSelected("EUR")
	if len(bs) > 0 {
		f.business.SetText(bs[0].Name)
		f.currency.SetSelected(bs[0].Currency)
	}
	return f
}

// create stores the plan described by the form.
func (f *newPlanForm) create(u *UI) (app.Plan, error) {
	ctx := context.Background()
	b, err := u.store.FindOrCreateBusiness(ctx, f.business.Text, f.currency.Selected)
	if err != nil {
		return app.Plan{}, err
	}
	start, err := app.ParseMonth(strings.TrimSpace(f.start.Text))
	if err != nil {
		return app.Plan{}, err
	}
	months, err := app.ParseMonths(f.months.Text)
	if err != nil {
		return app.Plan{}, err
	}
	return u.store.CreatePlan(ctx, app.Plan{BusinessID: b.ID, Title: f.title.Text, Start: start, Months: months, Currency: f.currency.Selected})
}

func (h *homeScreen) newPlanDialog() {
	f := h.newPlanFields()
	items := []*widget.FormItem{
		{Text: "Business", Widget: f.business, HintText: "A new name creates a new business (client)."},
		{Text: "Plan name", Widget: f.title},
		{Text: "First month", Widget: f.start, HintText: "YYYY-MM, e.g. 2027-01"},
		{Text: "Months", Widget: f.months, HintText: "Usually 12"},
		{Text: "Currency", Widget: f.currency},
	}
	d := dialog.NewForm("New plan", "Create", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		p, err := f.create(h.u)
		if err != nil {
			h.u.showError(err)
			return
		}
		h.u.OpenPlan(p.ID)
	}, h.u.win)
	d.Resize(fyne.NewSize(520, 400))
	d.Show()
	h.u.win.Canvas().Focus(f.business)
}

func (h *homeScreen) duplicate(p app.Plan) {
	cp, err := h.u.store.DuplicatePlan(context.Background(), p.ID)
	if err != nil {
		h.u.showError(err)
		return
	}
	h.reload()
	h.flash("Created “"+cp.Title+"” for "+cp.PeriodLabel()+".", "Open", func() { h.u.OpenPlan(cp.ID) })
}

func (h *homeScreen) rename(p app.Plan) {
	e := widget.NewEntry()
	e.SetText(p.Title)
	e.Validator = func(s string) error { return uiErr(app.ValidateTitle(s)) }
	dialog.ShowForm("Rename plan", "Rename", "Cancel", []*widget.FormItem{{Text: "Name", Widget: e}}, func(ok bool) {
		if !ok {
			return
		}
		p.Title = e.Text
		if _, err := h.u.store.UpdatePlan(context.Background(), p); err != nil {
			h.u.showError(err)
		}
		h.reload()
	}, h.u.win)
	h.u.win.Canvas().Focus(e)
}

func (h *homeScreen) confirmDelete(p app.Plan) {
	dialog.ShowConfirm("Delete plan?", "“"+p.Title+"” moves to the Trash. You can restore it from there.", func(ok bool) {
		if ok {
			h.deletePlan(p)
		}
	}, h.u.win)
}

// deletePlan moves p to the Trash and offers Undo.
func (h *homeScreen) deletePlan(p app.Plan) {
	ctx := context.Background()
	if err := h.u.store.DeletePlan(ctx, p.ID); err != nil {
		h.u.showError(err)
		return
	}
	if h.selected == p.ID {
		h.selected = ""
	}
	h.reload()
	h.flash("“"+p.Title+"” moved to the Trash.", "Undo", func() {
		if err := h.u.store.RestorePlan(ctx, p.ID); err != nil {
			h.u.showError(err)
		}
		h.reload()
	})
}

// flash shows a message with one action at the bottom for ten seconds.
func (h *homeScreen) flash(msg, action string, fn func()) {
	h.undoGen++
	gen := h.undoGen
	h.undoText.SetText(msg)
	h.undoBtn.SetText(action)
	h.undoBtn.OnTapped = func() { h.undoBar.Hide(); fn() }
	h.undoBar.Show()
	h.u.later(10*time.Second, func() {
		if gen == h.undoGen {
			h.undoBar.Hide()
		}
	})
}

// showTrash lists deleted plans with Restore and Empty Trash.
func (h *homeScreen) showTrash() {
	ctx := context.Background()
	plans, err := h.u.store.Plans(ctx, data.PlanFilter{Trash: true})
	if err != nil {
		h.u.showError(err)
		return
	}
	var d dialog.Dialog
	box := container.NewVBox()
	if len(plans) == 0 {
		box.Add(widget.NewLabel("The Trash is empty."))
	}
	for _, p := range plans {
		p := p
		restore := widget.NewButtonWithIcon("Restore", theme.ContentUndoIcon(), func() {
			if err := h.u.store.RestorePlan(ctx, p.ID); err != nil {
				h.u.showError(err)
			}
			d.Hide()
			h.reload()
		})
		box.Add(container.NewBorder(nil, nil, nil, restore, widget.NewLabel(p.BusinessName+" — "+p.Title)))
	}
	empty := widget.NewButtonWithIcon("Empty Trash", theme.DeleteIcon(), func() {
		dialog.ShowConfirm("Empty the Trash?", "The plans in the Trash will be deleted for good. This cannot be undone.", func(ok bool) {
			if !ok {
				return
			}
			if _, err := h.u.store.EmptyTrash(ctx); err != nil {
				h.u.showError(err)
			}
			d.Hide()
		}, h.u.win)
	})
	if len(plans) == 0 {
		empty.Disable()
	}
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(480, 240))
	d = dialog.NewCustom("Trash", "Close", container.NewBorder(nil, empty, nil, nil, scroll), h.u.win)
	d.Show()
}

// uiErr turns an *app.Error into an error whose text is the user sentence
// (Fyne shows validator errors as they are).
func uiErr(err error) error {
	if err == nil {
		return nil
	}
	return errString(app.ErrorMessage(err))
}

type errString string

func (e errString) Error() string { return string(e) }
