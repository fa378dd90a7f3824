package budget

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/budget"
	"salesplan/charts"
	"salesplan/data"
	"salesplan/data/importer"
	"salesplan/views"
)

// actualView is the card of the actual expenses: a grid of the budget's
// lines by the plan months to type them in, the import of a file, and the
// variance per line and month, the lines furthest off first.
type actualView struct {
	box      *fyne.Container
	grid     *fyne.Container
	cells    *cellGrid
	keys     []string        // the grid's rows: line keys
	names    []*widget.Label // the grid's line names
	problems *widget.Label
	variance *fyne.Container
	status   *widget.Label
	chart    *views.ChartView // expenses: budget vs actual per month
	imp      *importDialog
}

// importDialog is the preview of a file of actual expenses before it is
// imported.
type importDialog struct {
	path     string
	file     importer.ExpenseFile
	plan     model.ExpenseImport
	dlg      dialog.Dialog
	add      *widget.Check
	sentence *widget.Label
	rejects  *widget.Label
	ok       *widget.Button
}

func (v *budgetView) newActualView() fyne.CanvasObject {
	av := &actualView{}
	v.av = av
	av.grid = container.NewVBox()
	av.problems = views.NewProblemLabel()
	av.variance = container.NewVBox()
	av.status = views.WrappedLabel("")
	av.status.Hide()
	av.chart = v.ps.NewMonthlyChartView(fyne.NewSize(400, 220), func() charts.MonthlyChart { return model.ExpenseActualChart(v.ps.Data()) })
	imp := widget.NewButtonWithIcon("Import actual expenses…", theme.UploadIcon(), v.chooseExpenseFile)
	hint := views.WrappedLabel("Type an amount per line and month (arrow keys, Tab and Enter move between the cells; an empty cell is not recorded yet), " +
		"or import a CSV or Excel file with the columns month (YYYY-MM), line and amount.")
	hint.SizeName = theme.SizeNameCaptionText
	av.box = container.NewVBox(hint, container.NewHScroll(av.grid), av.problems, container.NewHBox(imp), av.status, av.variance)
	v.buildActuals()
	return av.box
}

// buildActuals makes the grid of the actual expenses: one row per budget
// line, one column per plan month.
func (v *budgetView) buildActuals() {
	av := v.av
	if av == nil {
		return
	}
	pd := v.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	f := model.FiguresOf(pd)
	c := model.Of(pd)
	av.cells = newCellGrid(v.ps.Window())
	av.keys, av.names = nil, nil
	n := len(f.Months)
	t := &tableLayout{widths: []float32{200, 112}, cols: n + 1}
	objs := []fyne.CanvasObject{views.Bold("Line")}
	for _, m := range f.Months {
		objs = append(objs, header(loc.MonthName(m), true))
	}
	type gridLine struct{ key, label, shown string }
	var lines []gridLine
	for _, l := range f.Lines {
		lines = append(lines, gridLine{l.Key, l.Label, l.Label})
	}
	for _, la := range f.LineActuals { // deleted lines keep their amounts until they are cleared
		if la.Gone {
			lines = append(lines, gridLine{la.Key, la.Label, la.Label + " (no longer in the budget)"})
		}
	}
	for r, l := range lines {
		name := widget.NewLabel(l.shown)
		name.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, name)
		av.keys, av.names = append(av.keys, l.key), append(av.names, name)
		for i, m := range f.Months {
			e := av.cells.cell(r, i)
			e.SetPlaceHolder("–")
			if a := c.ActualOf(l.key, m); a != nil {
				e.SetText(loc.Money(a.Amount, cur))
			}
			key, label, month := l.key, l.label, m
			e.OnChanged = func(s string) { v.actualTyped(key, label, month, s) }
			e.format = v.moneyText
			objs = append(objs, e)
		}
	}
	if len(lines) == 0 {
		av.grid.Objects = []fyne.CanvasObject{views.WrappedLabel("No expense lines yet: add a line above, or import a file and let it add its lines.")}
	} else {
		av.grid.Objects = []fyne.CanvasObject{container.New(t, objs...)}
	}
	av.grid.Refresh()
	v.refreshActuals()
}

// moneyText writes a typed amount the way the plan formats money, or
// returns it as it is when it is not an amount the budget takes.
func (v *budgetView) moneyText(s string) string {
	pd := v.ps.Data()
	x, err := pd.Locale.ParseMoney(strings.TrimSpace(s), pd.Currency)
	if strings.TrimSpace(s) == "" || err != nil || model.AmountProblem(x) != "" {
		return s
	}
	return pd.Locale.Money(x, pd.Currency)
}

// actualTyped reads a cell of the grid: an amount is recorded, an empty
// cell clears the month, a bad amount is explained and not saved.
func (v *budgetView) actualTyped(key, label string, m app.Month, text string) {
	pd := v.ps.Data()
	loc := pd.Locale
	where := label + ", " + loc.MonthName(m) + ": "
	t := strings.TrimSpace(text)
	if t == "" {
		v.av.problems.Hide()
		v.clearActual(key, m)
		return
	}
	x, err := loc.ParseMoney(t, pd.Currency)
	if err != nil {
		v.av.problems.SetText("⚠ " + where + app.ErrorMessage(err) + " The amount recorded before stays.")
		v.av.problems.Show()
		return
	}
	if msg := model.AmountProblem(x); msg != "" {
		v.av.problems.SetText("⚠ " + where + msg + " The amount recorded before stays.")
		v.av.problems.Show()
		return
	}
	v.av.problems.Hide()
	v.setActual(key, label, m, x)
}

// setActual records an amount: an existing row is saved by autosave; a new
// one is inserted through the bridge first (edits meanwhile follow once its
// ID is known).
func (v *budgetView) setActual(key, label string, m app.Month, amount int64) {
	pd := v.ps.Data()
	c := model.Of(pd)
	a := c.ActualOf(key, m)
	if a != nil {
		a.Amount = amount
		if a.ID != "" {
			row := *a
			v.ps.Save("budget-actual:"+a.ID, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableActuals, &row) })
		}
		v.ps.Changed()
		v.refreshAll()
		return
	}
	c.Actuals = append(c.Actuals, model.Actual{PlanID: pd.Plan.ID, LineKey: key, LineName: label, Month: m, Amount: amount})
	row := c.Actuals[len(c.Actuals)-1]
	v.ps.Changed()
	v.refreshAll()
	v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableActuals, &row) }, func(err error) {
		c := model.Of(v.ps.Data())
		cur := c.ActualOf(key, m)
		if err != nil {
			if cur != nil && cur.ID == "" {
				v.removeActual(key, m)
			}
			v.av.problems.SetText("⚠ The amount could not be saved: " + app.ErrorMessage(err))
			v.av.problems.Show()
			return
		}
		id := row.ID
		if cur == nil || cur.ID != "" { // cleared meanwhile
			v.ps.Save("budget-actual:"+id, func(ctx context.Context, s *data.DB) error {
				return s.DeleteContent(ctx, model.TableActuals, id, false)
			})
			return
		}
		cur.ID = id
		if cur.Amount != row.Amount {
			latest := *cur
			v.ps.Save("budget-actual:"+id, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableActuals, &latest) })
		}
	})
}

// removeActual drops a line's month from the content, returning it.
func (v *budgetView) removeActual(key string, m app.Month) *model.Actual {
	c := model.Of(v.ps.Data())
	for i := len(c.Actuals) - 1; i >= 0; i-- {
		if a := c.Actuals[i]; a.LineKey == key && a.Month == m {
			c.Actuals = append(c.Actuals[:i], c.Actuals[i+1:]...)
			return &a
		}
	}
	return nil
}

// clearActual removes the amount recorded for a line and month.
func (v *budgetView) clearActual(key string, m app.Month) {
	a := v.removeActual(key, m)
	if a == nil {
		return
	}
	if id := a.ID; id != "" {
		v.ps.Save("budget-actual:"+id, func(ctx context.Context, s *data.DB) error {
			return s.DeleteContent(ctx, model.TableActuals, id, false)
		})
	}
	v.ps.Changed()
	v.refreshAll()
}

// refreshAll redraws the figures after an edit of the actual expenses.
func (v *budgetView) refreshAll() { v.refresh() }

// refreshActuals redraws the variance: the sentence, the lines furthest off
// first and the variance per line and month.
func (v *budgetView) refreshActuals() {
	av := v.av
	if av == nil {
		return
	}
	pd := v.ps.Data()
	f := model.FiguresOf(pd)
	loc, cur := pd.Locale, pd.Currency
	for i, l := range f.Lines { // names typed meanwhile
		if i < len(av.keys) && av.keys[i] == l.Key && av.names[i].Text != l.Label {
			av.names[i].SetText(l.Label)
		}
	}
	if len(f.LineActuals) == 0 {
		av.variance.Objects = []fyne.CanvasObject{views.WrappedLabel("No actual expenses recorded yet: as the months pass, type or import them, and each line's variance appears here, the lines furthest off first.")}
		av.variance.Refresh()
		return
	}
	sentence := views.WrappedLabel(model.ExpenseVarianceSentence(pd))
	sentence.TextStyle.Bold = true
	cols := []string{"Line", "Budget", "Actual", "Variance", "Variance %"}
	tl := &tableLayout{widths: []float32{240, 130}, cols: len(cols)}
	var objs []fyne.CanvasObject
	for i, h := range cols {
		objs = append(objs, header(h, i > 0))
	}
	for _, r := range model.ExpenseVarianceRows(pd) {
		for i, t := range r {
			l := widget.NewLabel(t)
			if i > 0 {
				l.Alignment = fyne.TextAlignTrailing
			} else {
				l.Truncation = fyne.TextTruncateEllipsis
			}
			objs = append(objs, l)
		}
	}
	// per line and month: the months with any amount recorded
	var months []int
	for i, rec := range f.ExpenseRecorded {
		if rec {
			months = append(months, i)
		}
	}
	ml := &tableLayout{widths: []float32{200, 150}, cols: len(months) + 1}
	mobjs := []fyne.CanvasObject{views.Bold("Variance per month")}
	for _, i := range months {
		mobjs = append(mobjs, header(loc.MonthName(f.Months[i]), true))
	}
	for _, la := range f.LineActuals {
		name := widget.NewLabel(la.Label)
		name.Truncation = fyne.TextTruncateEllipsis
		mobjs = append(mobjs, name)
		for _, i := range months {
			t := "–"
			if la.Has[i] {
				t = model.SignedMoney(loc, cur, la.Variance[i]) + " (" + model.SignedPercent(loc, la.MonthFraction(i)) + ")"
			}
			l := widget.NewLabel(t)
			l.Alignment = fyne.TextAlignTrailing
			mobjs = append(mobjs, l)
		}
	}
	av.chart.Invalidate()
	av.variance.Objects = []fyne.CanvasObject{sentence, container.NewHScroll(container.New(tl, objs...)), av.chart, container.NewHScroll(container.New(ml, mobjs...))}
	av.variance.Refresh()
}

// chooseExpenseFile asks for a file of actual expenses.
func (v *budgetView) chooseExpenseFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.ps.ShowError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		v.readExpenseFile(path)
	}, v.ps.Window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".txt", ".tsv"}))
	d.Show()
}

// readExpenseFile reads the file off the UI goroutine, then previews what
// importing it does.
func (v *budgetView) readExpenseFile(path string) {
	cur := v.ps.Data().Currency
	var ef importer.ExpenseFile
	var err error
	v.av.status.SetText("Reading " + path + "…")
	v.av.status.Show()
	v.ps.Background(func() {
		ef, err = importer.ReadExpenses(context.Background(), path, importer.ExpenseOptions{Currency: cur})
	}, func() {
		if err != nil {
			v.av.status.SetText("⚠ " + app.ErrorMessage(err))
			return
		}
		v.av.status.Hide()
		v.previewImport(path, ef)
	})
}

// previewImport shows what the file would record, the rows refused and the
// choice to add the lines the budget lacks; nothing is saved until the
// user imports, and only when no row is refused.
func (v *budgetView) previewImport(path string, ef importer.ExpenseFile) {
	d := &importDialog{path: path, file: ef}
	v.av.imp = d
	d.sentence = views.WrappedLabel("")
	d.rejects = views.WrappedLabel("")
	d.add = widget.NewCheck("Add the lines the budget lacks as new expense lines", func(bool) { v.planImport() })
	d.ok = widget.NewButtonWithIcon("Import", theme.ConfirmIcon(), v.runImport)
	d.ok.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.dlg.Hide() })
	content := container.NewVBox(d.sentence, d.add, d.rejects, container.NewHBox(cancel, d.ok))
	d.dlg = dialog.NewCustomWithoutButtons("Import actual expenses", container.NewVScroll(content), v.ps.Window())
	v.planImport()
	d.dlg.Resize(fyne.NewSize(640, 420))
	d.dlg.Show()
}

// planImport matches the file with the budget (again, after the choice
// about new lines changed) and shows the outcome.
func (v *budgetView) planImport() {
	d := v.av.imp
	pd := v.ps.Data()
	loc, cur := pd.Locale, pd.Currency
	rows := make([]model.ExpenseRow, len(d.file.Rows))
	for i, r := range d.file.Rows {
		rows[i] = model.ExpenseRow{Line: r.Line, Month: r.Month, Name: r.Name, Amount: r.Amount}
	}
	d.plan = model.PlanExpenses(pd, rows, d.add.Checked, model.AdviceGUI)
	if len(d.plan.Unknown) > 0 {
		q := make([]string, len(d.plan.Unknown))
		for i, n := range d.plan.Unknown {
			q[i] = "“" + n + "”"
		}
		d.add.Text = "Add the lines the budget lacks as new expense lines: " + strings.Join(q, ", ")
		d.add.Refresh()
		d.add.Show()
	} else {
		d.add.Hide()
	}
	var probs []string
	for _, r := range d.file.Summary.Rejects {
		probs = append(probs, r.String())
	}
	for _, r := range d.plan.Rejects {
		probs = append(probs, r.String())
	}
	n := len(probs)
	if len(probs) > 20 {
		probs = append(probs[:20], app.Count(n-20, "more row", "more rows")+" refused.")
	}
	if n := int(d.file.Summary.Rejected) + len(d.plan.Rejects); n > 0 {
		d.sentence.SetText(fmt.Sprintf("⚠ %d of %s in %s cannot be imported, so nothing is imported yet. Fix the file and choose it again.",
			n, app.Count(int(d.file.Summary.Rows), "row", "rows"), filepath.Base(d.path)))
		d.rejects.SetText(strings.Join(probs, "\n"))
		d.rejects.Show()
		d.ok.Disable()
		return
	}
	s := d.plan.Preview(filepath.Base(d.path), loc, cur)
	if note := d.file.Summary.RoundingNote(cur, loc.Int); note != "" {
		s += " " + note
	}
	d.sentence.SetText(s)
	d.rejects.Hide()
	d.ok.Enable()
}

// runImport saves the import in one transaction and shows the outcome.
func (v *budgetView) runImport() {
	d := v.av.imp
	imp := d.plan
	d.ok.Disable()
	v.ps.Do(func(ctx context.Context, s *data.DB) error {
		return s.Update(ctx, func(tx *data.Tx) error { return imp.Apply(ctx, tx.SaveRow) })
	}, func(err error) {
		if err != nil {
			d.rejects.SetText("⚠ Nothing was imported: " + app.ErrorMessage(err))
			d.rejects.Show()
			d.ok.Enable()
			return
		}
		pd := v.ps.Data()
		imp.Record(model.Of(pd))
		v.ps.Changed()
		v.buildLines()
		v.buildActuals()
		v.refresh()
		v.av.status.SetText(imp.Sentence(pd.Locale, pd.Currency))
		v.av.status.Show()
		d.dlg.Hide()
	})
}
