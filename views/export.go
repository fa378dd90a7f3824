package views

import (
	"context"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/app/overview"
	"salesplan/data"
)

// exportPage offers the PDF export of the plan.
func exportPage(ps *PlanScreen) fyne.CanvasObject {
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	save := func(name string, review bool) {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			ps.exportPDF(path, status, review)
		}, ps.u.win)
		d.SetFileName(name)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
		d.Resize(DialogSize(ps.u.win))
		d.Show()
	}
	btn := widget.NewButtonWithIcon("Export the plan as PDF…", theme.DocumentSaveIcon(), func() {
		save(safeFileName(ps.pd.Plan.Title)+".pdf", false)
	})
	review := widget.NewButtonWithIcon("Export the monthly review as PDF…", theme.DocumentSaveIcon(), func() {
		save(safeFileName(ps.pd.Plan.Title)+" - review.pdf", true)
	})
	btn.Importance = widget.HighImportance
	about := widget.NewLabel("The PDF has a cover, a table of contents with page numbers and bookmarks, the Overview, " +
		"one section per step with its tables and charts, and an appendix. Steps not written yet are marked as such.")
	about.Wrapping = fyne.TextWrapWord
	aboutReview := widget.NewLabel("The monthly review is the Overview's dashboard in four pages for the sales meeting: the figures against " +
		"the targets, each objective's status with its rule, and the charts.")
	aboutReview.Wrapping = fyne.TextWrapWord
	return container.NewVBox(about, container.NewHBox(btn), aboutReview, container.NewHBox(review), status)
}

// exportPDF writes the PDF (the whole plan, or with review the monthly
// review) off the UI goroutine with a progress dialog that can cancel; the
// file appears only when complete.
func (ps *PlanScreen) exportPDF(path string, status *widget.Label, review bool) {
	u := ps.u
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	prog := dialog.NewCustom("Exporting PDF", "Cancel", container.NewVBox(widget.NewLabel(filepath.Base(path)), bar), u.win)
	prog.SetOnClosed(cancel)
	prog.Show()
	id := ps.pd.Plan.ID
	var err error
	u.background(func() {
		u.saver.Flush()
		if err = data.CheckTarget(path, u.store.Path()); err != nil {
			return
		}
		var pd app.PlanData
		if pd, err = app.LoadFullPlanData(ctx, u.store, u.reg, id, u.loc, u.now()); err != nil {
			return
		}
		opts := app.ExportOptions{Now: u.now(), Charts: u.charts, Progress: func(done, total int) {
			u.bridge.finish(func() { bar.SetValue(float64(done) / float64(total)) })
		}}
		// Written under a locked temporary name and renamed when complete;
		// the leftovers of killed exports are removed first.
		err = data.WriteFileAtomic(path, func(w io.Writer) error {
			if review {
				return overview.ExportReview(ctx, w, &pd, opts)
			}
			return app.ExportPDF(ctx, w, &pd, u.reg, opts)
		})
	}, func() {
		prog.Hide()
		cancel()
		switch {
		case err == nil:
			status.SetText("Saved " + path)
			dialog.ShowInformation("PDF exported", "The plan was saved as "+path+".", u.win)
		case ctx.Err() != nil:
			status.SetText("Export cancelled; no file was written.")
		default:
			u.showError(err)
		}
	})
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
