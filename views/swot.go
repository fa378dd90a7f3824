package views

import (
	"context"
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
)

// swotView is the SWOT part of step 1: four quadrants with their items and
// suggestions drawn from the data.
type swotView struct {
	ps          *planScreen
	box         *fyne.Container
	suggestions *fyne.Container
}

func newSWOTView(ps *planScreen) *swotView {
	s := &swotView{ps: ps, box: container.NewVBox(), suggestions: container.NewVBox()}
	s.refresh()
	return s
}

// reload re-reads the items after a change and redraws.
func (s *swotView) reload() {
	items, err := s.ps.u.store.SWOTItems(context.Background(), s.ps.pd.Plan.ID)
	if err != nil {
		s.ps.u.showError(err)
		return
	}
	s.ps.pd.SWOT = items
	s.ps.refreshNav()
	s.refresh()
}

func (s *swotView) refresh() {
	grid := container.NewGridWithColumns(2)
	for _, q := range app.Quadrants() {
		grid.Add(s.quadrant(q))
	}
	s.box.Objects = []fyne.CanvasObject{grid, s.suggestions}
	s.box.Refresh()
	s.refreshSuggestions()
}

func (s *swotView) quadrant(q string) fyne.CanvasObject {
	list := container.NewVBox()
	for _, it := range s.ps.pd.SWOT {
		if it.Quadrant != q {
			continue
		}
		it := it
		text := app.ImpactStars(it.Impact) + "  " + it.Text
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { s.editDialog(it) })
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { s.move(it.ID, -1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { s.move(it.ID, 1) })
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.confirmDelete(it) })
		row := container.NewBorder(nil, nil, nil, container.NewHBox(edit, up, down, del), l)
		list.Add(row)
	}
	if len(list.Objects) == 0 {
		empty := widget.NewLabel("Nothing yet.")
		empty.SizeName = theme.SizeNameCaptionText
		list.Add(empty)
	}
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), func() { s.editDialog(app.SWOTItem{Quadrant: q, Impact: 3}) })
	return widget.NewCard(app.QuadrantName(q), "", container.NewVBox(list, container.NewHBox(add)))
}

func (s *swotView) move(id string, delta int) {
	if err := s.ps.u.store.MoveSWOTItem(context.Background(), id, delta); err != nil {
		s.ps.u.showError(err)
	}
	s.reload()
}

func (s *swotView) confirmDelete(it app.SWOTItem) {
	s.ps.confirmDelete("Delete this item?", it.Text, "swot_items", it.ID, s.reload)
}

func impactLabels() []string {
	return []string{"1 – small", "2 – minor", "3 – notable", "4 – major", "5 – decisive"}
}

// editDialog adds or edits an item.
func (s *swotView) editDialog(it app.SWOTItem) {
	text := widget.NewEntry()
	text.SetText(it.Text)
	text.SetPlaceHolder("e.g. Loyal customers in the North")
	text.Validator = func(v string) error {
		c := it
		c.Text = v
		for _, e := range c.Validate() {
			if e.Field == "text" {
				return errString(e.Message)
			}
		}
		return nil
	}
	impact := widget.NewSelect(impactLabels(), nil)
	impact.SetSelected(impactLabels()[max(1, min(5, it.Impact))-1])
	note := widget.NewMultiLineEntry()
	note.Wrapping = fyne.TextWrapWord
	note.SetText(it.Note)
	note.Validator = func(v string) error { return uiErr(app.ValidateText(v)) }
	title := "Add to " + strings.ToLower(app.QuadrantName(it.Quadrant))
	if it.ID != "" {
		title = "Edit " + strings.ToLower(app.QuadrantName(it.Quadrant))
	}
	d := dialog.NewForm(title, "Save", "Cancel", []*widget.FormItem{
		{Text: "What", Widget: text},
		{Text: "Impact", Widget: impact, HintText: "How much it matters for sales"},
		{Text: "Note", Widget: note},
	}, func(ok bool) {
		if !ok {
			return
		}
		it.Text, it.Note = text.Text, note.Text
		it.Impact = impact.SelectedIndex() + 1
		it.PlanID = s.ps.pd.Plan.ID
		if _, err := s.ps.u.store.SaveSWOTItem(context.Background(), it); err != nil {
			s.ps.u.showError(err)
		}
		s.reload()
	}, s.ps.u.win)
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
	s.ps.u.win.Canvas().Focus(text)
}

func (s *swotView) dismissedKey() string { return "swot.dismissed." + s.ps.pd.Plan.ID }

// refreshSuggestions lists the suggestions not yet accepted or dismissed.
func (s *swotView) refreshSuggestions() {
	s.suggestions.RemoveAll()
	var dismissed []string
	_ = json.Unmarshal([]byte(s.ps.u.store.Setting(context.Background(), s.dismissedKey(), "[]")), &dismissed)
	has := map[string]bool{}
	for _, it := range s.ps.pd.SWOT {
		has[it.Text] = true
	}
	for _, d := range dismissed {
		has[d] = true
	}
	for _, sug := range app.SWOTSuggestions(s.ps.pd) {
		if has[sug.Text] {
			continue
		}
		sug := sug
		l := widget.NewLabel("Suggested " + strings.ToLower(strings.TrimSuffix(app.QuadrantName(sug.Quadrant), "s")) + ": " + sug.Text)
		l.Wrapping = fyne.TextWrapWord
		accept := widget.NewButtonWithIcon("Add", theme.ConfirmIcon(), func() {
			sug.PlanID = s.ps.pd.Plan.ID
			if _, err := s.ps.u.store.SaveSWOTItem(context.Background(), sug); err != nil {
				s.ps.u.showError(err)
			}
			s.reload()
		})
		dismiss := widget.NewButtonWithIcon("Dismiss", theme.CancelIcon(), func() {
			dismissed = append(dismissed, sug.Text)
			b, _ := json.Marshal(dismissed)
			s.ps.u.store.SetSetting(context.Background(), s.dismissedKey(), string(b))
			s.refreshSuggestions()
		})
		s.suggestions.Add(container.NewBorder(nil, nil, nil, container.NewHBox(accept, dismiss), l))
	}
	s.suggestions.Refresh()
}
