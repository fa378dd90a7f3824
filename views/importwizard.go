package views

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/data"
	"salesplan/data/importer"
)

// importWizard imports a CSV or Excel file into a business's history:
// choose the file → map the columns on a preview → check the whole file →
// decide → import. Long passes run off the UI goroutine with progress and
// cancel; no transaction is open while the user decides.
type importWizard struct {
	u          *UI
	businessID string
	done       func() // called on the UI goroutine after a successful import

	dlg      dialog.Dialog
	body     *fyne.Container
	colWidth []float32 // the preview's column widths
	path     string
	prev     importer.Preview
	format   importer.Format
	selects  map[importer.Field]*widget.Select
	orderSel *widget.Select
	orderMsg *widget.Label
	table    *widget.Table
	valid    data.Validation
}

const notImported = "— not imported —"

// startImport asks for a file, in the folder of the last import, and
// opens the wizard on it.
func startImport(u *UI, businessID string, done func()) {
	var dir string
	u.do(func(ctx context.Context, s *data.DB) error {
		var err error
		dir, err = s.Setting(ctx, "import.folder", "")
		return err
	}, func(err error) {
		if err != nil {
			u.logf("reading the last import folder: %v", err)
		}
		openFileDialog(u, businessID, dir, done)
	})
}

func openFileDialog(u *UI, businessID, dir string, done func()) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.setSetting("import.folder", filepath.Dir(path))
		w := &importWizard{u: u, businessID: businessID, done: done, path: path}
		w.open()
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".tsv", ".xlsx"}))
	if dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(DialogSize(u.win))
	d.Show()
}

func (w *importWizard) open() {
	w.body = container.NewStack(widget.NewLabel("Reading " + w.path + " …"))
	w.dlg = dialog.NewCustomWithoutButtons("Import sales history", w.body, w.u.win)
	w.dlg.Resize(DialogSize(w.u.win))
	w.dlg.Show()
	w.sniff(importer.Format{}, "")
}

// sniff reads the start of the file off the UI goroutine.
func (w *importWizard) sniff(f importer.Format, sheet string) {
	var prev importer.Preview
	var remembered string
	var err error
	key := w.mappingKey()
	w.u.background(func() {
		f.Sheet = sheet
		prev, err = importer.PreviewWith(w.path, f) // Kind "" detects everything
		if err == nil {
			var serr error
			if remembered, serr = w.u.store.Setting(context.Background(), key, ""); serr != nil {
				w.u.logf("reading the remembered mapping: %v", serr)
			}
		}
	}, func() {
		if err != nil {
			w.dlg.Hide()
			w.u.showError(err)
			return
		}
		w.prev, w.format = prev, prev.Format
		w.applyRememberedMapping(remembered)
		w.showMapping()
	})
}

func (w *importWizard) mappingKey() string { return "import.mapping." + w.businessID }

// applyRememberedMapping reuses the mapping last used for this business
// where the file has the same column names.
func (w *importWizard) applyRememberedMapping(raw string) {
	var remembered map[string]string
	if raw == "" || json.Unmarshal([]byte(raw), &remembered) != nil {
		return
	}
	for f, header := range remembered {
		for i, h := range w.prev.Headers {
			if h == header {
				for k, v := range w.prev.Mapping {
					if v == i {
						delete(w.prev.Mapping, k)
					}
				}
				w.prev.Mapping[importer.Field(f)] = i
			}
		}
	}
}

func (w *importWizard) rememberMapping(m importer.Mapping) {
	out := map[string]string{}
	for f, i := range m {
		if i < len(w.prev.Headers) {
			out[string(f)] = w.prev.Headers[i]
		}
	}
	b, _ := json.Marshal(out)
	w.u.setSetting(w.mappingKey(), string(b))
}

// showMapping is step 1: the format, the column for each field, a preview.
func (w *importWizard) showMapping() {
	opts := append([]string{notImported}, w.prev.Headers...)
	w.selects = map[importer.Field]*widget.Select{}
	grid := container.NewGridWithColumns(3)
	for _, f := range importer.Fields() {
		f := f
		s := widget.NewSelect(opts, nil)
		s.SetSelected(notImported)
		if i, ok := w.prev.Mapping[f]; ok && i < len(w.prev.Headers) {
			s.SetSelected(w.prev.Headers[i])
		}
		s.OnChanged = func(string) { w.onMappingChanged() }
		w.selects[f] = s
		label := fieldLabel(f)
		if f == importer.Date || f == importer.Amount {
			label += " (required)"
		}
		grid.Add(container.NewBorder(nil, nil, widget.NewLabel(label), nil, s))
	}
	format := container.NewHBox()
	if w.format.Kind == "xlsx" && len(w.format.Sheets) > 1 {
		sheet := widget.NewSelect(w.format.Sheets, nil)
		sheet.SetSelected(w.format.Sheet)
		sheet.OnChanged = func(s string) { f := w.format; f.Sheet = s; w.sniff(f, s) }
		format.Add(widget.NewLabel("Sheet"))
		format.Add(sheet)
	}
	if w.format.Kind == "csv" {
		delims := map[string]rune{"Comma": ',', "Semicolon": ';', "Tab": '\t', "Pipe": '|'}
		names := []string{"Comma", "Semicolon", "Tab", "Pipe"}
		delim := widget.NewSelect(names, nil)
		for n, r := range delims {
			if r == w.format.Delimiter {
				delim.SetSelected(n)
			}
		}
		delim.OnChanged = func(s string) { f := w.format; f.Delimiter = delims[s]; w.sniff(f, "") }
		enc := widget.NewSelect([]string{"utf-8", "windows-1252"}, nil)
		enc.SetSelected(w.format.Encoding)
		enc.OnChanged = func(s string) { f := w.format; f.Encoding = s; w.sniff(f, "") }
		format.Add(widget.NewLabel("Separator"))
		format.Add(delim)
		format.Add(widget.NewLabel("Encoding"))
		format.Add(enc)
	}
	orders := map[string]importer.DateOrder{"Detect": "", "Day/month/year": "dmy", "Month/day/year": "mdy", "Year-month-day": "ymd"}
	w.orderSel = widget.NewSelect([]string{"Detect", "Day/month/year", "Month/day/year", "Year-month-day"}, nil)
	w.orderSel.SetSelected("Detect")
	for n, o := range orders {
		if o != "" && o == w.format.DateOrder {
			w.orderSel.SetSelected(n)
		}
	}
	w.orderMsg = widget.NewLabel("")
	w.orderMsg.Importance = widget.DangerImportance
	w.orderMsg.Wrapping = fyne.TextWrapWord
	w.orderSel.OnChanged = func(s string) {
		w.format.DateOrder = orders[s]
		w.checkOrder()
	}
	format.Add(widget.NewLabel("Dates"))
	format.Add(w.orderSel)
	w.checkOrder()

	w.table = widget.NewTable(
		func() (int, int) { return len(w.prev.Rows) + 1, len(w.prev.Headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("template text")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(w.columnTitle(id.Col))
				return
			}
			l.TextStyle = fyne.TextStyle{}
			row := w.prev.Rows[id.Row-1]
			if id.Col < len(row) {
				l.SetText(row[id.Col])
			} else {
				l.SetText("")
			}
		},
	)
	w.fitColumns()
	intro := widget.NewLabel(fmt.Sprintf("%s — %s file. Say which column holds what; date and amount are required. The first %d rows are shown as read.",
		shortPath(w.path), strings.ToUpper(string(w.format.Kind)), len(w.prev.Rows)))
	intro.Wrapping = fyne.TextWrapWord
	cancel := widget.NewButton("Cancel", func() { w.dlg.Hide() })
	next := widget.NewButtonWithIcon("Check the whole file", theme.NavigateNextIcon(), w.validate)
	next.Importance = widget.HighImportance
	top := container.NewVBox(intro, format, w.orderMsg, grid, widget.NewSeparator())
	w.setBody(container.NewBorder(top, container.NewHBox(layout.NewSpacer(), cancel, next), nil, nil, w.table))
}

func (w *importWizard) setBody(o fyne.CanvasObject) {
	w.body.Objects = []fyne.CanvasObject{o}
	w.body.Refresh()
}

// onMappingChanged refreshes the preview headers when a column is chosen.
func (w *importWizard) onMappingChanged() {
	if w.table != nil {
		w.fitColumns()
		w.table.Refresh()
	}
}

// fitColumns sizes each preview column to its title (with the field it is
// mapped to) and the values shown, within 90–360 px, so headers are not
// cut; longer values end with an ellipsis.
func (w *importWizard) fitColumns() {
	pad := 2*theme.InnerPadding() + 2
	size := theme.TextSize()
	w.colWidth = make([]float32, len(w.prev.Headers))
	for c := range w.prev.Headers {
		width := fyne.MeasureText(w.columnTitle(c), size, fyne.TextStyle{Bold: true}).Width
		for _, row := range w.prev.Rows {
			if c < len(row) {
				width = max(width, fyne.MeasureText(row[c], size, fyne.TextStyle{}).Width)
			}
		}
		w.colWidth[c] = min(max(width+pad, 90), 360)
		w.table.SetColumnWidth(c, w.colWidth[c])
	}
}

// checkOrder asks the user to choose the date order when the dates fit both.
func (w *importWizard) checkOrder() {
	if w.prev.DateOrderAmbiguous && w.format.DateOrder == "" {
		w.orderMsg.SetText("⚠ The dates fit both day/month and month/day (e.g. 03/04 could be 3 April or March 4). Choose the order above.")
		w.orderMsg.Show()
		return
	}
	w.orderMsg.Hide()
}

// columnTitle is a preview header: the file's name and the field it feeds.
func (w *importWizard) columnTitle(col int) string {
	h := w.prev.Headers[col]
	for f, s := range w.selects {
		if s.Selected == h {
			return h + " → " + fieldLabel(f)
		}
	}
	return h
}

// mapping reads the selects.
func (w *importWizard) mapping() (importer.Mapping, error) {
	m := importer.Mapping{}
	used := map[int]importer.Field{}
	for _, f := range importer.Fields() {
		s := w.selects[f]
		if s.Selected == notImported || s.Selected == "" {
			continue
		}
		for i, h := range w.prev.Headers {
			if h == s.Selected {
				if other, ok := used[i]; ok {
					return nil, app.Errorf(app.ErrInvalid, "The column “%s” is chosen for both %s and %s; a column can feed one field.", h, fieldLabel(other), fieldLabel(f))
				}
				used[i] = f
				m[f] = i
				break
			}
		}
	}
	for _, f := range []importer.Field{importer.Date, importer.Amount} {
		if _, ok := m[f]; !ok {
			return nil, app.Errorf(app.ErrInvalid, "Choose the column that holds the %s.", strings.ToLower(fieldLabel(f)))
		}
	}
	if w.prev.DateOrderAmbiguous && w.format.DateOrder == "" {
		return nil, app.Errorf(app.ErrInvalid, "Choose whether the dates are day/month/year or month/day/year.")
	}
	return m, nil
}

// progressPage shows a bar with a Cancel button and returns the context.
func (w *importWizard) progressPage(title string) (context.Context, func(rows, done, total int64)) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	rows := widget.NewLabel("")
	stop := widget.NewButton("Cancel", cancel)
	w.setBody(container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), bar, rows, container.NewHBox(stop)))
	return ctx, func(n, done, total int64) {
		fyne.Do(func() {
			if total > 0 {
				bar.SetValue(float64(done) / float64(total))
			}
			rows.SetText(w.u.loc.Int(n) + " rows read")
		})
	}
}

// validate is step 2: a streaming pass over the whole file.
func (w *importWizard) validate() {
	m, err := w.mapping()
	if err != nil {
		w.u.showError(err)
		return
	}
	w.rememberMapping(m)
	ctx, progress := w.progressPage("Checking every row…")
	fi := data.FileImport{Path: w.path, BusinessID: w.businessID, Format: w.format, Mapping: m, Progress: progress}
	var v data.Validation
	w.u.background(func() {
		v, err = w.u.store.ValidateFile(ctx, fi)
	}, func() {
		if ctx.Err() != nil {
			w.showMapping()
			return
		}
		if err != nil {
			w.dlg.Hide()
			w.u.showError(err)
			return
		}
		w.valid = v
		w.showDecision(fi)
	})
}

// showDecision is step 3: what was found, what clashes, and the choice.
func (w *importWizard) showDecision(fi data.FileImport) {
	s, loc := w.valid.Summary, w.u.loc
	lines := container.NewVBox()
	add := func(t string) {
		l := widget.NewLabel(t)
		l.Wrapping = fyne.TextWrapWord
		lines.Add(l)
	}
	add(fmt.Sprintf("%s rows read: %s can be imported, %s rejected.", loc.Int(s.Rows), loc.Int(s.Accepted), loc.Int(s.Rejected)))
	if s.Accepted > 0 {
		add(fmt.Sprintf("Dates from %s to %s.", loc.LongDate(s.First), loc.LongDate(s.Last)))
	}
	if note := s.RoundingNote(w.valid.Currency, loc.Int); note != "" {
		add(note)
	}
	var reasons []string
	for r, n := range s.ByReason {
		reasons = append(reasons, fmt.Sprintf("%s: %s", r, loc.Int(n)))
	}
	sort.Strings(reasons)
	if len(reasons) > 0 {
		add("Rejected by reason — " + strings.Join(reasons, "; ") + ".")
	}
	skip := widget.NewCheck("Import the good rows and leave the rejected ones out", nil)
	var rejects fyne.CanvasObject = layout.NewSpacer()
	if s.Rejected > 0 {
		list := widget.NewList(func() int { return len(s.Rejects) },
			func() fyne.CanvasObject { return widget.NewLabel("line 000000, column: reason") },
			func(i widget.ListItemID, o fyne.CanvasObject) {
				r := s.Rejects[i]
				o.(*widget.Label).SetText(fmt.Sprintf("Line %d, column “%s”: %s", r.Line, r.Column, r.Reason))
			})
		save := widget.NewButtonWithIcon("Save rejected rows as CSV…", theme.DocumentSaveIcon(), func() { w.saveRejects() })
		rejects = container.NewBorder(nil, container.NewHBox(save), nil, nil, list)
		lines.Add(skip)
	}
	mode := widget.NewRadioGroup(nil, nil)
	c := w.valid.Check
	modes := map[string]data.ImportMode{}
	if c.SameFile != nil {
		add(fmt.Sprintf("⚠ This file was already imported on %s (%s rows).", loc.LongDate(c.SameFile.ImportedAt), loc.Int(int64(c.SameFile.Rows))))
		modes["Replace the earlier import of this file"] = data.ImportReplaceFile
		mode.Options = []string{"Replace the earlier import of this file"}
	} else if c.OverlapRows > 0 {
		add(fmt.Sprintf("⚠ The history already has %s sales between %s and %s, inside this file's dates.", loc.Int(c.OverlapRows), loc.LongDate(c.OverlapFirst), loc.LongDate(c.OverlapLast)))
		modes["Replace that period with this file"] = data.ImportReplacePeriod
		modes["Add these rows anyway"] = data.ImportAppend
		mode.Options = []string{"Replace that period with this file", "Add these rows anyway"}
	}
	if len(mode.Options) > 0 {
		lines.Add(mode)
	}
	back := widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), w.showMapping)
	cancel := widget.NewButton("Cancel", func() { w.dlg.Hide() })
	imp := widget.NewButtonWithIcon("Import", theme.DownloadIcon(), nil)
	imp.Importance = widget.HighImportance
	update := func() {
		ok := s.Accepted > 0 && (s.Rejected == 0 || skip.Checked) && (len(mode.Options) == 0 || mode.Selected != "")
		if ok {
			imp.Enable()
		} else {
			imp.Disable()
		}
	}
	skip.OnChanged = func(bool) { update() }
	mode.OnChanged = func(string) { update() }
	update()
	imp.OnTapped = func() {
		fi.SkipBad = skip.Checked
		if m, ok := modes[mode.Selected]; ok {
			fi.Mode = m
		}
		w.runImport(fi)
	}
	w.setBody(container.NewBorder(lines, container.NewHBox(back, layout.NewSpacer(), cancel, imp), nil, nil, rejects))
}

// runImport is step 4: the import pass, one transaction.
func (w *importWizard) runImport(fi data.FileImport) {
	ctx, progress := w.progressPage("Importing…")
	fi.Progress = progress
	var batch app.ImportBatch
	var err error
	w.u.background(func() {
		batch, _, err = w.u.store.ImportFile(ctx, fi, w.valid)
	}, func() {
		w.dlg.Hide()
		switch {
		case ctx.Err() != nil:
			dialog.ShowInformation("Import cancelled", "Nothing was imported.", w.u.win)
		case err != nil:
			w.u.showError(err)
		default:
			dialog.ShowInformation("Import finished", fmt.Sprintf("%s rows were added to the history.", w.u.loc.Int(int64(batch.Rows))), w.u.win)
			if w.done != nil {
				w.done()
			}
		}
	})
}

func (w *importWizard) saveRejects() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		err = data.WriteFileAtomic(path, func(out io.Writer) error { return importer.WriteRejectsCSV(out, w.valid.Summary.Rejects) })
		if err != nil {
			w.u.showError(err)
		}
	}, w.u.win)
	d.SetFileName("rejected-rows.csv")
	d.Resize(DialogSize(w.u.win))
	d.Show()
}

// fieldLabel names a field for people.
func fieldLabel(f importer.Field) string {
	switch f {
	case importer.Group:
		return "Product group"
	case importer.Salesperson:
		return "Salesperson"
	}
	s := string(f)
	return strings.ToUpper(s[:1]) + s[1:]
}

func shortPath(p string) string {
	if home, err := os.UserHomeDir(); err == nil && strings.HasPrefix(p, home) {
		return "~" + strings.TrimPrefix(p, home)
	}
	return p
}
