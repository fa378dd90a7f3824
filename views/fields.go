package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
)

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// field is a labelled input with its validation message right below it.
type field struct {
	box *fyne.Container
	msg *widget.Label
}

func newField(label string, input fyne.CanvasObject, help string) *field {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f := &field{msg: widget.NewLabel("")}
	f.msg.Importance = widget.DangerImportance
	f.msg.Wrapping = fyne.TextWrapWord
	f.msg.Hide()
	objs := []fyne.CanvasObject{l, input}
	if help != "" {
		h := widget.NewLabel(help)
		h.SizeName = theme.SizeNameCaptionText
		h.Wrapping = fyne.TextWrapWord
		objs = append(objs, h)
	}
	objs = append(objs, f.msg)
	f.box = container.NewVBox(objs...)
	return f
}

// setError shows msg (with a warning sign, so it does not rest on colour)
// or hides the message when err is nil.
func (f *field) setError(err error) {
	if err == nil {
		f.msg.SetText("")
		f.msg.Hide()
		return
	}
	f.msg.SetText("⚠ " + err.Error())
	f.msg.Show()
}

// hasError reports whether the field shows a message.
func (f *field) hasError() bool { return f.msg.Visible() }

// dialogSize is a comfortable size for file dialogs: most of the window.
func dialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(600, s.Width*0.8), max(420, s.Height*0.8))
}

// fitsOnOneLine reports whether check boxes for options can stand side by
// side at the smallest window width (else they are listed one per line).
func fitsOnOneLine(options []string) bool {
	n := 0
	for _, o := range options {
		n += len([]rune(o)) + 6
	}
	return len(options) <= 6 && n <= 70
}

// currencyCodes lists the ISO codes for currency pickers.
func currencyCodes() []string {
	var codes []string
	for _, c := range app.Currencies() {
		codes = append(codes, c.Code)
	}
	return codes
}
