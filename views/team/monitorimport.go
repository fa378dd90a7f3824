package team

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/team"
	"salesplan/data"
	"salesplan/data/importer"
	"salesplan/data/teamfile"
	"salesplan/views"
)

// dateOrders are the choices of how the file's dates are written.
var dateOrders = []string{"Dates as detected", "Day first (31/01/2027)", "Month first (01/31/2027)"}

// importRow is the import of a file of activities or ratings: a button
// that opens the file, the date order and what came of it.
type importRow struct {
	m      *monitor
	kind   string
	order  *widget.Select
	status *widget.Label
	box    *fyne.Container
}

func newImportRow(m *monitor, kind, label string) *importRow {
	ir := &importRow{m: m, kind: kind, status: views.WrappedLabel("")}
	ir.order = widget.NewSelect(dateOrders, nil)
	ir.order.SetSelected(dateOrders[0])
	ir.status.Hide()
	btn := widget.NewButtonWithIcon(label, theme.FolderOpenIcon(), ir.choose)
	ir.box = container.NewVBox(container.NewGridWithColumns(2, btn, ir.order), ir.status)
	return ir
}

// choose opens the file dialog.
func (ir *importRow) choose() {
	w := ir.m.v.ps.Window()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		ir.importFile(path)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".tsv", ".xlsx"}))
	d.Resize(views.DialogSize(w))
	d.Show()
}

// importFile reads path off the UI goroutine against a copy of the
// roster and saves every row in one transaction only when none is
// rejected; the rejects are listed otherwise.
func (ir *importRow) importFile(path string) {
	pd, c := ir.m.v.data()
	snap := app.PlanData{Plan: pd.Plan, Business: pd.Business, Currency: pd.Currency, Locale: pd.Locale}
	model.Of(&snap).Reps = append([]model.Rep(nil), c.Reps...)
	order := importer.DateOrder("")
	switch ir.order.SelectedIndex() {
	case 1:
		order = importer.DMY
	case 2:
		order = importer.MDY
	}
	kind := ir.kind
	ir.show(false, "Reading "+path+" …")
	var res teamfile.Result
	ir.m.v.ps.Do(func(ctx context.Context, s *data.DB) error {
		var err error
		res, err = teamfile.Read(ctx, &snap, kind, path, "", order)
		if err != nil || res.RejectedRows > 0 {
			return err
		}
		table, rows, _ := res.Table(kind)
		return s.SaveRows(ctx, table, rows)
	}, func(err error) {
		what := "activities"
		if kind == teamfile.Polls {
			what = "ratings"
		}
		switch {
		case err == teamfile.ErrAmbiguousDates:
			ir.show(true, "The dates fit both day/month and month/day; choose “Day first” or “Month first” next to the button and import again. Nothing was imported.")
		case err != nil:
			ir.show(true, app.ErrorMessage(err)+" Nothing was imported.")
		case res.RejectedRows > 0:
			lines := []string{fmt.Sprintf("%d of %d rows were rejected, so nothing was imported; fix them and import the file again:", res.RejectedRows, res.Rows)}
			for i, r := range res.Rejects {
				if i == 12 {
					lines = append(lines, fmt.Sprintf("… and %d more.", len(res.Rejects)-12))
					break
				}
				lines = append(lines, r.String())
			}
			ir.show(true, strings.Join(lines, "\n"))
		default:
			_, _, n := res.Table(kind)
			ir.show(false, fmt.Sprintf("Imported %s from %s.", app.Count(n, what[:len(what)-1], what), path))
			ir.m.v.ps.Reload()
		}
	})
}

func (ir *importRow) show(problem bool, s string) {
	ir.status.Importance = widget.MediumImportance
	if problem {
		ir.status.Importance = widget.DangerImportance
		s = "⚠ " + s
	}
	ir.status.SetText(s)
	ir.status.Show()
}
