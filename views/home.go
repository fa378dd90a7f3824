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

	items     []homeItem
	selected  string
	undoGen   int
	gen       int                    // counts reloads; an older result is dropped
	summaries map[string]planSummary // per plan ID, read after the list shows
}

// planSummary is what a Home row says of a plan besides its period: its
// progress, its revenue target and when it was last edited.
type planSummary struct {
	complete, steps int
	target          string // "" without a revenue target
	edited          time.Time
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

	h.content = container.New(maxWidth{readableWidth}, container.NewPadded(container.NewBorder(
		container.NewVBox(top, bar, widget.NewSeparator()),
		h.undoBar, nil, nil,
		container.NewStack(h.list, container.NewCenter(h.empty)),
	)))
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
	detail.SetText(h.detail(p))
	buttons.Show()
	b := buttons.Objects
	b[1].(*widget.Button).OnTapped = func() { h.u.OpenPlan(p.ID) }
	b[2].(*widget.Button).OnTapped = func() { h.duplicate(p) }
	b[3].(*widget.Button).OnTapped = func() { h.rename(p) }
	b[4].(*widget.Button).OnTapped = func() { h.confirmDelete(p) }
}

// reload re-reads the plans off the UI goroutine and rebuilds the grouped
// list.
func (h *homeScreen) reload() {
	query := h.search.Text
	h.gen++
	gen := h.gen
	var plans []app.Plan
	h.u.do(func(ctx context.Context, s *data.DB) error {
		var err error
		plans, err = s.Plans(ctx, data.PlanFilter{Query: query})
		return err
	}, func(err error) {
		if err != nil {
			h.u.showError(err)
			return
		}
		if gen == h.gen {
			h.show(plans)
		}
	})
}

// detail is a plan row's second part: period and currency, then (once
// read) the steps complete, the revenue target and the last edit.
func (h *homeScreen) detail(p app.Plan) string {
	loc := h.u.loc
	d := loc.MonthName(p.Start) + " – " + loc.MonthName(p.End()) + " · " + p.Currency
	sum, ok := h.summaries[p.ID]
	if !ok {
		return d
	}
	d += " · " + strconv.Itoa(sum.complete) + " of " + strconv.Itoa(sum.steps) + " steps complete"
	if sum.target != "" {
		d += " · target " + sum.target
	}
	if !sum.edited.IsZero() {
		d += " · edited " + loc.LongDate(sum.edited.In(time.Local))
	}
	return d
}

// summarise reads the progress, target and last edit of each listed plan
// not summarised yet, off the UI goroutine, and shows them in the rows.
// Searching reuses what was read; coming back to Home reads again.
func (h *homeScreen) summarise(plans []app.Plan) {
	gen := h.gen
	u := h.u
	var todo []app.Plan
	for _, p := range plans {
		if _, ok := h.summaries[p.ID]; !ok && len(todo) < 200 { // a long list says the rest when searched
			todo = append(todo, p)
		}
	}
	if len(todo) == 0 {
		return
	}
	out := map[string]planSummary{}
	u.bridge.Go(func() {
		ctx := context.Background()
		for _, p := range todo {
			pd, err := app.LoadPlanData(ctx, u.store, u.reg, p.ID, u.loc)
			if err != nil {
				continue
			}
			sum := planSummary{steps: len(pd.Figures.Progress)}
			for _, st := range pd.Figures.Progress {
				if st.Status == app.Complete {
					sum.complete++
				}
			}
			if t := pd.Figures.Target; t.Amount > 0 && !t.FromForecast {
				sum.target = pd.Locale.MoneyCompact(t.Amount, pd.Currency)
			}
			if sum.edited, err = u.store.LastEdited(ctx, p.ID); err != nil {
				u.logf("reading when plan %s was edited: %v", p.ID, err)
			}
			out[p.ID] = sum
		}
	}, func() {
		if gen == h.gen {
			if h.summaries == nil {
				h.summaries = map[string]planSummary{}
			}
			for id, sum := range out {
				h.summaries[id] = sum
			}
			h.list.Refresh()
		}
	})
}

// show lists plans grouped by business.
func (h *homeScreen) show(plans []app.Plan) {
	h.items = groupPlans(plans, h.sortBy.Selected == "Name")
	h.list.UnselectAll()
	h.list.Refresh()
	h.summarise(plans)
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
	u.do(func(ctx context.Context, s *data.DB) error {
		var err error
		p, err = u.createDemo(ctx)
		return err
	}, func(err error) {
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

func (h *homeScreen) newPlanFields(bs []app.Business) *newPlanForm {
	var names []string
	for _, b := range bs {
		names = append(names, b.Name)
	}
	f := &newPlanForm{business: widget.NewSelectEntry(names), title: widget.NewEntry(), start: widget.NewEntry(), months: widget.NewEntry()}
	f.business.SetPlaceHolder("Your business or client")
	f.business.Validator = func(s string) error { return UIErr(app.ValidateTitle(s)) }
	next := app.NewMonth(h.u.now().Year()+1, time.January)
	f.title.SetText("Sales plan " + strconv.Itoa(next.Year()))
	f.title.Validator = func(s string) error { return UIErr(app.ValidateTitle(s)) }
	f.start.SetText(next.String())
	f.start.Validator = func(s string) error { _, err := app.ParseMonth(strings.TrimSpace(s)); return err }
	f.months.SetText("12")
	f.months.Validator = func(s string) error { _, err := app.ParseMonths(s); return UIErr(err) }
	f.currency = widget.NewSelect(CurrencyCodes(), nil)
	f.currency.SetSelected("EUR")
	// A new plan goes to the first real business, never silently to the
	// demo; with only the demo, the field starts empty for a new business.
	for _, b := range bs {
		if !b.IsDemo {
			f.business.SetText(b.Name)
			f.currency.SetSelected(b.Currency)
			break
		}
	}
	return f
}

// create stores the plan described by the form (off the UI goroutine) and
// calls done with it.
func (f *newPlanForm) create(u *UI, done func(app.Plan, error)) {
	start, err := app.ParseMonth(strings.TrimSpace(f.start.Text))
	if err != nil {
		done(app.Plan{}, err)
		return
	}
	months, err := app.ParseMonths(f.months.Text)
	if err != nil {
		done(app.Plan{}, err)
		return
	}
	name, title, currency := f.business.Text, f.title.Text, f.currency.Selected
	var p app.Plan
	u.do(func(ctx context.Context, s *data.DB) error {
		return s.Update(ctx, func(tx *data.Tx) error {
			b, err := tx.FindOrCreateBusiness(ctx, name, currency)
			if err != nil {
				return err
			}
			p, err = tx.CreatePlan(ctx, app.Plan{BusinessID: b.ID, Title: title, Start: start, Months: months, Currency: currency,
				Locale: u.loc.Tag}) // the plan keeps the locale it was written in
			return err
		})
	}, func(err error) { done(p, err) })
}

// newPlanDialog asks for a new plan (Ctrl+N), after reading the businesses
// off the UI goroutine.
func (h *homeScreen) newPlanDialog() {
	var bs []app.Business
	h.u.do(func(ctx context.Context, s *data.DB) error {
		var err error
		bs, err = s.Businesses(ctx)
		return err
	}, func(err error) {
		if err != nil {
			h.u.showError(err)
			return
		}
		h.newPlanForm(bs)
	})
}

func (h *homeScreen) newPlanForm(bs []app.Business) {
	f := h.newPlanFields(bs)
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
		f.create(h.u, func(p app.Plan, err error) {
			if err != nil {
				h.u.showError(err)
				return
			}
			h.u.OpenPlan(p.ID)
		})
	}, h.u.win)
	d.Resize(fyne.NewSize(520, 400))
	d.Show()
	h.u.win.Canvas().Focus(f.business)
}

func (h *homeScreen) duplicate(p app.Plan) {
	var cp app.Plan
	h.u.do(func(ctx context.Context, s *data.DB) error {
		var err error
		cp, err = s.DuplicatePlan(ctx, p.ID)
		return err
	}, func(err error) {
		if err != nil {
			h.u.showError(err)
			return
		}
		h.reload()
		h.flash("Created “"+cp.Title+"” for "+cp.PeriodLabel()+".", "Open", func() { h.u.OpenPlan(cp.ID) })
	})
}

func (h *homeScreen) rename(p app.Plan) {
	e := widget.NewEntry()
	e.SetText(p.Title)
	e.Validator = func(s string) error { return UIErr(app.ValidateTitle(s)) }
	dialog.ShowForm("Rename plan", "Rename", "Cancel", []*widget.FormItem{{Text: "Name", Widget: e}}, func(ok bool) {
		if !ok {
			return
		}
		p.Title = e.Text
		h.u.do(func(ctx context.Context, s *data.DB) error { _, err := s.UpdatePlan(ctx, p); return err }, func(err error) {
			if err != nil {
				h.u.showError(err)
			}
			h.reload()
		})
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
	h.u.do(func(ctx context.Context, s *data.DB) error { return s.DeletePlan(ctx, p.ID) }, func(err error) {
		if err != nil {
			h.u.showError(err)
			return
		}
		if h.selected == p.ID {
			h.selected = ""
		}
		h.reload()
		h.flash("“"+p.Title+"” moved to the Trash.", "Undo", func() { h.restore(p.ID, nil) })
	})
}

// restore takes a plan out of the Trash, then calls after (if not nil).
func (h *homeScreen) restore(id string, after func()) {
	h.u.do(func(ctx context.Context, s *data.DB) error { return s.RestorePlan(ctx, id) }, func(err error) {
		if err != nil {
			h.u.showError(err)
		}
		if after != nil {
			after()
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
	h.u.bridge.Later(10*time.Second, func() {
		if gen == h.undoGen {
			h.undoBar.Hide()
		}
	})
}

// showTrash lists deleted plans with Restore and Empty Trash.
func (h *homeScreen) showTrash() {
	var plans []app.Plan
	h.u.do(func(ctx context.Context, s *data.DB) error {
		var err error
		plans, err = s.Plans(ctx, data.PlanFilter{Trash: true})
		return err
	}, func(err error) {
		if err != nil {
			h.u.showError(err)
			return
		}
		h.trashDialog(plans)
	})
}

func (h *homeScreen) trashDialog(plans []app.Plan) {
	var d dialog.Dialog
	box := container.NewVBox()
	if len(plans) == 0 {
		box.Add(widget.NewLabel("The Trash is empty."))
	}
	for _, p := range plans {
		p := p
		restore := widget.NewButtonWithIcon("Restore", theme.ContentUndoIcon(), func() { h.restore(p.ID, d.Hide) })
		box.Add(container.NewBorder(nil, nil, nil, restore, widget.NewLabel(p.BusinessName+" — "+p.Title)))
	}
	empty := widget.NewButtonWithIcon("Empty Trash", theme.DeleteIcon(), func() {
		dialog.ShowConfirm("Empty the Trash?", "The plans in the Trash will be deleted for good. This cannot be undone.", func(ok bool) {
			if !ok {
				return
			}
			h.u.do(func(ctx context.Context, s *data.DB) error { _, err := s.EmptyTrash(ctx); return err }, func(err error) {
				if err != nil {
					h.u.showError(err)
				}
				d.Hide()
			})
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

// UIErr turns an *app.Error into an error whose text is the user sentence
// (Fyne shows validator errors as they are).
func UIErr(err error) error {
	if err == nil {
		return nil
	}
	return ErrText(app.ErrorMessage(err))
}

// ErrText is an error that is its sentence.
type ErrText string

func (e ErrText) Error() string { return string(e) }
