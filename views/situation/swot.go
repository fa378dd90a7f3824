package situation

import (
	model "salesplan/app/situation"
	"salesplan/data"

	"context"
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/views"
)

// swotView is the SWOT part of step 1: four quadrants with their items and
// suggestions drawn from the data.
type swotView struct {
	ps          *views.PlanScreen
	box         *fyne.Container
	suggestions *fyne.Container
	quick       map[string]*widget.Entry // the inline entry of each quadrant
	refocus     string                   // the quadrant whose entry gets the focus after a redraw
}

func newSWOTView(ps *views.PlanScreen) *swotView {
	s := &swotView{ps: ps, box: container.NewVBox(), suggestions: container.NewVBox()}
	s.refresh()
	return s
}

// reload re-reads the plan's content after a change and redraws.
func (s *swotView) reload() { s.ps.Refresh(s.refresh) }

func (s *swotView) refresh() {
	s.quick = map[string]*widget.Entry{}
	grid := container.NewGridWithColumns(2)
	for _, q := range model.Quadrants() {
		grid.Add(s.quadrant(q))
	}
	s.box.Objects = []fyne.CanvasObject{grid, s.suggestions}
	s.box.Refresh()
	if e := s.quick[s.refocus]; e != nil {
		s.refocus = ""
		if c := s.ps.Window().Canvas(); c != nil {
			c.Focus(e) // the next item goes right in
		}
	}
	s.refreshSuggestions()
}

func (s *swotView) quadrant(q string) fyne.CanvasObject {
	list := container.NewVBox()
	for _, it := range model.Of(s.ps.Data()).SWOT {
		if it.Quadrant != q {
			continue
		}
		it := it
		text := model.ImpactStars(it.Impact) + "  " + it.Text
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		edit := views.NewIconButton(theme.DocumentCreateIcon(), "Edit the text, impact and note", func() { s.editDialog(it) })
		up := views.NewIconButton(theme.MoveUpIcon(), "Move up (more important)", func() { s.move(it.ID, -1) })
		down := views.NewIconButton(theme.MoveDownIcon(), "Move down", func() { s.move(it.ID, 1) })
		del := views.NewIconButton(theme.DeleteIcon(), "Delete this item", func() { s.confirmDelete(it) })
		row := container.NewBorder(nil, nil, nil, container.NewHBox(edit, up, down, del), l)
		list.Add(row)
	}
	if len(list.Objects) == 0 {
		empty := widget.NewLabel("Nothing yet.")
		empty.SizeName = theme.SizeNameCaptionText
		list.Add(empty)
	}
	// Inline entry: type, Enter, next — the item gets impact 3 (notable);
	// "More…" opens the dialog for the impact and a note.
	quick := widget.NewEntry()
	quick.SetPlaceHolder("Add a " + model.QuadrantItem(q) + ", then Enter")
	msg := views.NewProblemLabel()
	quick.OnSubmitted = func(text string) {
		it := model.SWOTItem{Quadrant: q, Impact: 3, Text: text}
		if !views.ShowProblems(msg, nil, it.Validate()) {
			return // the text stays, with the sentence under it
		}
		quick.SetText("")
		s.save(it)
		s.refocus = q
	}
	more := widget.NewButtonWithIcon("More…", theme.ContentAddIcon(), func() {
		s.editDialog(model.SWOTItem{Quadrant: q, Impact: 3, Text: quick.Text})
	})
	s.quick[q] = quick
	return widget.NewCard(model.QuadrantName(q), "", container.NewVBox(list, container.NewBorder(nil, nil, nil, more, quick), msg))
}

func (s *swotView) move(id string, delta int) {
	s.ps.Do(func(ctx context.Context, st *data.DB) error { return st.MoveRow(ctx, model.TableSWOT, id, delta) }, func(err error) {
		if err != nil {
			s.ps.ShowError(err)
		}
		s.reload()
	})
}

// save adds or updates an item off the UI goroutine, then redraws.
func (s *swotView) save(it model.SWOTItem) {
	it.PlanID = s.ps.Data().Plan.ID
	s.ps.Do(func(ctx context.Context, st *data.DB) error { return st.SaveRow(ctx, model.TableSWOT, &it) }, func(err error) {
		if err != nil {
			s.ps.ShowError(err)
		}
		s.reload()
	})
}

func (s *swotView) confirmDelete(it model.SWOTItem) {
	s.ps.ConfirmDelete("Delete this item?", it.Text, model.TableSWOT, it.ID, s.reload)
}

func impactLabels() []string {
	return []string{"1 – small", "2 – minor", "3 – notable", "4 – major", "5 – decisive"}
}

// editDialog adds or edits an item.
func (s *swotView) editDialog(it model.SWOTItem) {
	text := widget.NewEntry()
	text.SetText(it.Text)
	text.SetPlaceHolder("e.g. Loyal customers in the North")
	text.Validator = func(v string) error {
		c := it
		c.Text = v
		for _, e := range c.Validate() {
			if e.Field == "text" {
				return views.ErrText(e.Message)
			}
		}
		return nil
	}
	impact := widget.NewSelect(impactLabels(), nil)
	impact.SetSelected(impactLabels()[max(1, min(5, it.Impact))-1])
	note := widget.NewMultiLineEntry()
	note.Wrapping = fyne.TextWrapWord
	note.SetText(it.Note)
	note.Validator = func(v string) error { return views.UIErr(app.ValidateText(v)) }
	title := "Add to " + strings.ToLower(model.QuadrantName(it.Quadrant))
	if it.ID != "" {
		title = "Edit " + strings.ToLower(model.QuadrantName(it.Quadrant))
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
		s.save(it)
	}, s.ps.Window())
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
	s.ps.Window().Canvas().Focus(text)
}

func (s *swotView) dismissedKey() string { return "swot.dismissed." + s.ps.Data().Plan.ID }

// refreshSuggestions reads which suggestions were dismissed, off the UI
// goroutine, and lists the ones not yet accepted or dismissed.
func (s *swotView) refreshSuggestions() {
	var raw string
	key := s.dismissedKey()
	s.ps.Do(func(ctx context.Context, st *data.DB) error {
		var err error
		raw, err = st.Setting(ctx, key, "[]")
		return err
	}, func(err error) {
		var dismissed []string
		if err == nil {
			err = json.Unmarshal([]byte(raw), &dismissed)
		}
		if err != nil {
			// The list is only a convenience: show every suggestion again.
			dismissed = nil
		}
		s.showSuggestions(dismissed)
	})
}

func (s *swotView) showSuggestions(dismissed []string) {
	s.suggestions.RemoveAll()
	has := map[string]bool{}
	for _, it := range model.Of(s.ps.Data()).SWOT {
		has[it.Text] = true
	}
	for _, d := range dismissed {
		has[d] = true
	}
	for _, sug := range model.SWOTSuggestions(s.ps.Data()) {
		if has[sug.Text] {
			continue
		}
		sug := sug
		l := widget.NewLabel("Suggested " + model.QuadrantItem(sug.Quadrant) + ": " + sug.Text)
		l.Wrapping = fyne.TextWrapWord
		accept := widget.NewButtonWithIcon("Add", theme.ConfirmIcon(), func() { s.save(sug) })
		dismiss := widget.NewButtonWithIcon("Dismiss", theme.CancelIcon(), func() {
			dismissed = append(dismissed, sug.Text)
			b, err := json.Marshal(dismissed)
			if err != nil {
				s.ps.ShowError(err)
				return
			}
			key := s.dismissedKey()
			s.ps.Do(func(ctx context.Context, st *data.DB) error { return st.SetSetting(ctx, key, string(b)) }, nil)
			s.showSuggestions(dismissed)
		})
		s.suggestions.Add(container.NewBorder(nil, nil, nil, container.NewHBox(accept, dismiss), l))
	}
	s.suggestions.Refresh()
}
