package views

import (
	"context"
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/app/report"
	"salesplan/app/tabular"
	"salesplan/data"
)

// exportFolderKey is the setting that remembers the last export folder.
const exportFolderKey = "export.folder"

// unfinishedChoices are the PDF's choices for unfinished steps, in the
// order of report.Unfinished.
var unfinishedChoices = []string{
	"Leave them out (the PDF for the client)",
	"Leave them out, list them as “to be completed”",
	"Include them (an internal draft)",
}

// exportPage offers the PDF export of the plan with its options, the
// plan's branding and the tables for spreadsheets.
func exportPage(ps *PlanScreen) fyne.CanvasObject {
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord

	branded := widget.NewCheck("Use the plan's branding (below)", nil)
	branded.SetChecked(true)
	cents := widget.NewCheck("Show cents in every amount (otherwise whole units; prices and commissions keep their cents)", nil)
	unfinished := widget.NewSelect(unfinishedChoices, nil)
	unfinished.SetSelectedIndex(0)

	path := widget.NewEntry()
	path.SetPlaceHolder("Where to save, e.g. " + filepath.Join(defaultExportFolder(), "plan.pdf"))
	fileName := safeFileName(ps.pd.Plan.Title) + ".pdf"
	var dir string
	ps.Do(func(ctx context.Context, s *data.DB) error {
		var err error
		dir, err = s.Setting(ctx, exportFolderKey, "")
		return err
	}, func(err error) {
		if err != nil {
			ps.u.logf("reading the last export folder: %v", err)
		}
		if dir == "" {
			dir = defaultExportFolder()
		}
		if path.Text == "" {
			path.SetText(filepath.Join(dir, fileName))
		}
	})
	start := func() {
		opts := app.ExportOptions{Unfinished: report.Unfinished(max(0, unfinished.SelectedIndex())), Cents: cents.Checked, Unbranded: !branded.Checked}
		ps.exportPDF(path.Text, fileName, opts, status, false)
	}
	// The monthly review goes beside the plan's PDF, under its own name.
	reviewName := safeFileName(ps.pd.Plan.Title) + " - review.pdf"
	review := widget.NewButtonWithIcon("Export the monthly review as PDF", theme.DocumentSaveIcon(), func() {
		opts := app.ExportOptions{Cents: cents.Checked, Unbranded: !branded.Checked}
		ps.exportPDF(filepath.Join(folderOf(path.Text), reviewName), reviewName, opts, status, true)
	})
	aboutReview := WrappedLabel("The monthly review is the Overview's dashboard in four pages for the sales meeting: the figures against " +
		"the targets, each objective's status with its rule, and the charts. It is saved in the same folder as “" + reviewName + "”.")
	path.OnSubmitted = func(string) { start() }
	browse := widget.NewButtonWithIcon("Choose folder…", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil || dir == nil {
				return
			}
			name := filepath.Base(path.Text)
			if name == "" || name == "." || !strings.Contains(name, ".") {
				name = fileName
			}
			path.SetText(filepath.Join(dir.Path(), name))
		}, ps.u.win)
		if l, err := storage.ListerForURI(storage.NewFileURI(folderOf(path.Text))); err == nil {
			d.SetLocation(l)
		}
		d.Resize(DialogSize(ps.u.win))
		d.Show()
	})
	btn := widget.NewButtonWithIcon("Export the plan as PDF", theme.DocumentSaveIcon(), start)
	btn.Importance = widget.HighImportance
	about := widget.NewLabel("The PDF is ready to hand to the client: a cover with the plan's branding, a table of contents, " +
		"an executive summary, one section per finished step with its tables and charts, and a guide to reading the plan. " +
		"Two exports of an unchanged plan are identical, dated by the plan's last edit.")
	about.Wrapping = fyne.TextWrapWord
	pdfBox := container.NewVBox(about,
		NewField("Save the PDF to", container.NewBorder(nil, nil, nil, browse, path), "Type a full path or choose a folder; Enter exports.").Box,
		NewField("Steps not complete yet", unfinished, "").Box,
		branded, cents,
		container.NewHBox(btn), aboutReview, container.NewHBox(review), status)
	return container.NewVBox(
		widget.NewCard("PDF", "", pdfBox),
		widget.NewCard("Branding", "How this plan's PDF presents itself; saved with the plan.", brandingForm(ps)),
		widget.NewCard("Tables", "Every table of the plan, for a spreadsheet.", tablesBox(ps)),
	)
}

// defaultExportFolder is the Documents folder, or the home folder.
func defaultExportFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// folderOf returns the folder a typed path points into.
func folderOf(p string) string {
	p = strings.TrimSpace(p)
	if p == "" {
		return defaultExportFolder()
	}
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return p
	}
	return filepath.Dir(p)
}

// ResolveTarget turns what the user typed into the file to write: "~"
// is the home folder, a relative path is taken in base, a folder gets
// name, a missing extension gets ext. The folder must exist.
func ResolveTarget(typed, base, name, ext string) (string, error) {
	p := strings.TrimSpace(typed)
	if p == "" {
		return "", app.Errorf(app.ErrInvalid, "Type where to save the file, e.g. %s.", filepath.Join(defaultExportFolder(), name))
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	if st, err := os.Stat(p); (err == nil && st.IsDir()) || strings.HasSuffix(typed, string(os.PathSeparator)) {
		p = filepath.Join(p, name)
	}
	if filepath.Ext(p) == "" {
		p += ext
	}
	dir := filepath.Dir(p)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", app.Errorf(app.ErrInvalid, "The folder %s does not exist; create it first or choose another folder.", dir)
	}
	return p, nil
}

// exportPDF writes the PDF (the plan, or with review the monthly review)
// off the UI goroutine with a progress dialog that can cancel; the file
// appears only when complete. The PDF is dated by the plan's last edit, so
// an unchanged plan gives the same bytes.
func (ps *PlanScreen) exportPDF(typed, name string, opts app.ExportOptions, status *widget.Label, review bool) {
	u := ps.u
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	prog := dialog.NewCustom("Exporting PDF", "Cancel", container.NewVBox(widget.NewLabel(filepath.Base(typed)), bar), u.win)
	prog.SetOnClosed(cancel)
	prog.Show()
	id := ps.pd.Plan.ID
	var err error
	var path string
	u.background(func() {
		u.saver.Flush()
		if path, err = ResolveTarget(typed, defaultExportFolder(), name, ".pdf"); err != nil {
			return
		}
		if err = data.CheckTarget(path, u.store.Path()); err != nil {
			return
		}
		var pd app.PlanData
		if pd, err = app.LoadFullPlanData(ctx, u.store, u.reg, id, u.loc, u.now()); err != nil {
			return
		}
		if opts.Now, err = u.store.LastEdited(ctx, id); err != nil {
			return
		}
		opts.Charts = u.charts
		opts.Progress = func(done, total int) {
			u.bridge.finish(func() { bar.SetValue(float64(done) / float64(total)) })
		}
		// Written under a locked temporary name and renamed when complete;
		// the leftovers of killed exports are removed first.
		err = data.WriteFileAtomic(path, func(w io.Writer) error {
			if review {
				return u.reg.ExportReview(ctx, w, &pd, opts)
			}
			return app.ExportPDF(ctx, w, &pd, u.reg, opts)
		})
	}, func() {
		prog.Hide()
		cancel()
		switch {
		case err == nil:
			u.setSetting(exportFolderKey, filepath.Dir(path))
			status.SetText("Saved " + path)
			ps.showSaved("PDF exported", path, "Open PDF")
		case ctx.Err() != nil:
			status.SetText("Export cancelled; no file was written.")
		default:
			status.SetText("Not exported: " + err.Error())
			u.showError(err)
		}
	})
}

// showSaved says where a file was written and offers to open it or its
// folder with the desktop's opener; Enter or Close dismisses it.
func (ps *PlanScreen) showSaved(title, path, openLabel string) {
	u := ps.u
	msg := widget.NewLabel("Saved as " + path)
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	open := func(target string) {
		if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(target)}); err != nil {
			u.showError(errors.New("The desktop could not open " + target + ": " + err.Error()))
		}
	}
	openBtn := widget.NewButtonWithIcon(openLabel, theme.DocumentIcon(), func() { open(path); d.Hide() })
	openBtn.Importance = widget.HighImportance
	folderBtn := widget.NewButtonWithIcon("Show in folder", theme.FolderOpenIcon(), func() { open(filepath.Dir(path)); d.Hide() })
	d = dialog.NewCustom(title, "Close", container.NewVBox(msg, container.NewHBox(openBtn, folderBtn)), u.win)
	c := u.win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter || k.Name == fyne.KeyEscape {
			d.Hide()
			return
		}
		if prev != nil {
			prev(k)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
	c.Unfocus() // Enter goes to the dialog, not to the path it came from
	d.Show()
}

// brandingForm edits the plan's branding; every valid change is saved.
func brandingForm(ps *PlanScreen) fyne.CanvasObject {
	b := ps.pd.Branding
	by, forWhom, conf, color := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	by.SetText(b.PreparedBy)
	forWhom.SetText(b.PreparedFor)
	conf.SetText(b.Confidential)
	conf.SetPlaceHolder("e.g. Confidential — prepared for the management of …")
	color.SetText(b.Color)
	color.SetPlaceHolder("#0072B2")
	byF := NewField("Prepared by", by, "The consultant or author; printed on the cover.")
	forF := NewField("Prepared for", forWhom, "The client; printed on the cover.")
	confF := NewField("Confidentiality line", conf, "On the cover and at the foot of every page.")
	colorF := NewField("Primary colour", color, "Headings, cover band and table headers, as #RRGGBB; empty is the default blue.")
	logoName := widget.NewLabel("")
	logoF := NewField("Logo", logoName, "A PNG or JPEG file (at most 2 MB), placed at the top of the cover.")
	fields := map[string]*Field{"prepared_by": byF, "prepared_for": forF, "confidential": confF, "color": colorF, "logo": logoF}
	showLogo := func() {
		if ps.pd.Branding.Logo == "" {
			logoName.SetText("No logo")
		} else {
			logoName.SetText(ps.pd.Branding.LogoName)
		}
	}
	showLogo()
	save := func(edit func(*app.Branding)) {
		next := ps.pd.Branding
		next.PlanID = ps.pd.Plan.ID
		edit(&next)
		next.Clean()
		errs := next.Validate()
		for name, f := range fields {
			f.SetError(nil)
			for _, e := range errs {
				if e.Field == name {
					f.SetError(errors.New(e.Message))
				}
			}
		}
		if len(errs) > 0 {
			return
		}
		ps.pd.Branding = next
		ps.Save("branding", func(ctx context.Context, s *data.DB) error {
			row := next
			return s.SaveRow(ctx, app.BrandingTable.Name, &row)
		})
	}
	by.OnChanged = func(v string) { save(func(b *app.Branding) { b.PreparedBy = v }) }
	forWhom.OnChanged = func(v string) { save(func(b *app.Branding) { b.PreparedFor = v }) }
	conf.OnChanged = func(v string) { save(func(b *app.Branding) { b.Confidential = v }) }
	color.OnChanged = func(v string) { save(func(b *app.Branding) { b.Color = v }) }
	choose := widget.NewButtonWithIcon("Choose logo…", theme.FileImageIcon(), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			name := r.URI().Name()
			var raw []byte
			var rerr error
			ps.Background(func() {
				raw, rerr = io.ReadAll(io.LimitReader(r, app.MaxLogoBytes+1))
				r.Close()
			}, func() {
				if rerr != nil {
					logoF.SetError(rerr)
					return
				}
				next := ps.pd.Branding
				if err := next.SetLogo(name, raw); err != nil {
					logoF.SetError(err)
					return
				}
				save(func(b *app.Branding) { b.Logo, b.LogoName = next.Logo, next.LogoName })
				showLogo()
			})
		}, ps.u.win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
		d.Resize(DialogSize(ps.u.win))
		d.Show()
	})
	remove := widget.NewButtonWithIcon("Remove logo", theme.DeleteIcon(), func() {
		save(func(b *app.Branding) { b.Logo, b.LogoName = "", "" })
		showLogo()
	})
	return container.NewVBox(byF.Box, forF.Box, confF.Box, colorF.Box, logoF.Box, container.NewHBox(choose, remove))
}

// tablesBox lets the user save any of the plan's tables.
func tablesBox(ps *PlanScreen) fyne.CanvasObject {
	exports := ps.u.reg.Exports()
	var titles []string
	for _, t := range exports {
		titles = append(titles, t.Title)
	}
	pick := widget.NewSelect(titles, nil)
	if len(titles) > 0 {
		pick.SetSelectedIndex(0)
	}
	btn := widget.NewButtonWithIcon("Save as CSV or XLSX…", theme.DocumentSaveIcon(), func() {
		if i := pick.SelectedIndex(); i >= 0 {
			ps.SaveTableDialog(exports[i].Name)
		}
	})
	return container.NewVBox(pick, container.NewHBox(btn))
}

// SaveTableButton is a page's "Save as CSV/XLSX" action for one of its
// step's exportable tables (app.TableExport name).
func (ps *PlanScreen) SaveTableButton(name string) *widget.Button {
	return widget.NewButtonWithIcon("Save as CSV/XLSX…", theme.DocumentSaveIcon(), func() { ps.SaveTableDialog(name) })
}

// SaveTableDialog asks where to save the table name (an app.TableExport
// of the registry) and in which format, then writes it off the UI
// goroutine; Enter in the path saves.
func (ps *PlanScreen) SaveTableDialog(name string) {
	u := ps.u
	t, ok := u.reg.Export(name)
	if !ok {
		return
	}
	format := widget.NewRadioGroup([]string{"XLSX", "CSV"}, nil)
	format.Horizontal = true
	format.SetSelected("XLSX")
	base := safeFileName(ps.pd.Plan.Title + " - " + t.Title)
	path := widget.NewEntry()
	folder := defaultExportFolder()
	path.SetText(filepath.Join(folder, base+".xlsx"))
	var dir string
	ps.Do(func(ctx context.Context, s *data.DB) error {
		var err error
		dir, err = s.Setting(ctx, exportFolderKey, "")
		return err
	}, func(err error) {
		if err != nil {
			u.logf("reading the last export folder: %v", err)
		}
		if dir != "" {
			folder = dir
			path.SetText(filepath.Join(dir, base+"."+strings.ToLower(format.Selected)))
		}
	})
	format.OnChanged = func(f string) {
		p := strings.TrimSuffix(path.Text, filepath.Ext(path.Text))
		path.SetText(p + "." + strings.ToLower(f))
	}
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	closed := false
	save := func() {
		typed, f := path.Text, strings.ToLower(format.Selected)
		id := ps.pd.Plan.ID
		var err error
		var target string
		var rows int
		u.background(func() {
			u.saver.Flush()
			if target, err = ResolveTarget(typed, folder, base+"."+f, "."+f); err != nil {
				return
			}
			if ff := tabular.FormatOf("", target); ff != "" {
				f = ff
			}
			if err = data.CheckTarget(target, u.store.Path()); err != nil {
				return
			}
			var pd app.PlanData
			if pd, err = app.LoadFullPlanData(context.Background(), u.store, u.reg, id, u.loc, u.now()); err != nil {
				return
			}
			table := t.Build(&pd)
			rows = len(table.Rows)
			err = data.WriteFileAtomic(target, func(w io.Writer) error { return tabular.Write(w, f, table, pd.Currency) })
		}, func() {
			if err != nil {
				msg.SetText("⚠ " + err.Error())
				if closed {
					u.showError(err)
				}
				return
			}
			d.Hide()
			u.setSetting(exportFolderKey, filepath.Dir(target))
			ps.showSaved(t.Title+" saved ("+app.Count(rows, "row", "rows")+")", target, "Open file")
		})
	}
	path.OnSubmitted = func(string) { save() }
	content := container.NewVBox(NewField("Format", format, "").Box, NewField("Save to", path, "A full path; Enter saves.").Box, msg)
	d = dialog.NewCustomConfirm("Save “"+t.Title+"”", "Save", "Cancel", content, func(ok bool) {
		if ok {
			closed = true
			save()
		}
	}, u.win)
	d.Resize(fyne.NewSize(620, 300))
	d.Show()
}

// safeFileName makes a plan title usable as a file name.
func safeFileName(s string) string {
	r := strings.NewReplacer("/", "-", "\\", "-", ":", "-", "*", "", "?", "", "\"", "", "<", "", ">", "", "|", "")
	s = strings.TrimSpace(r.Replace(s))
	if s == "" {
		return "plan"
	}
	return s
}
