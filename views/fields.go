package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
)

// Field is a labelled input with its validation message right below it.
type Field struct {
	Box *fyne.Container // what to lay out
	msg *widget.Label
}

// NewField labels input, with an optional help line below it.
func NewField(label string, input fyne.CanvasObject, help string) *Field {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f := &Field{msg: widget.NewLabel("")}
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
	f.Box = container.NewVBox(objs...)
	return f
}

// SetError shows err's sentence (with a warning sign, so it does not rest
// on colour) or hides the message when err is nil.
func (f *Field) SetError(err error) {
	if err == nil {
		f.msg.SetText("")
		f.msg.Hide()
		return
	}
	f.msg.SetText("⚠ " + err.Error())
	f.msg.Show()
}

// HasError reports whether the field shows a message.
func (f *Field) HasError() bool { return f.msg.Visible() }

// DialogSize is a comfortable size for file dialogs: most of the window.
func DialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(600, s.Width*0.8), max(420, s.Height*0.8))
}

// FitsOnOneLine reports whether check boxes for options can stand side by
// side at the smallest window width (else they are listed one per line).
func FitsOnOneLine(options []string) bool {
	n := 0
	for _, o := range options {
		n += len([]rune(o)) + 6
	}
	return len(options) <= 6 && n <= 70
}

// CurrencyCodes lists the ISO codes for currency pickers.
func CurrencyCodes() []string {
	var codes []string
	for _, c := range app.Currencies() {
		codes = append(codes, c.Code)
	}
	return codes
}

// Bold is a bold label (a table header).
func Bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// WrappedLabel is a label that wraps at word boundaries.
func WrappedLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Message returns the validation message shown, "" when none.
func (f *Field) Message() string {
	if !f.msg.Visible() {
		return ""
	}
	return f.msg.Text
}

// NewProblemLabel is the message line under a row being edited: hidden
// until ShowProblems has something to say.
func NewProblemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// ShowProblems shows what is wrong with the values typed in a row — the
// problems found reading them, then the model's own validation — in one
// line under it (⚠ …, so it does not rest on colour), or hides the line.
// It reports whether the row is fine to save.
func ShowProblems(l *widget.Label, problems []string, invalid []app.FieldError) bool {
	for _, e := range invalid {
		problems = append(problems, e.Message)
	}
	if len(problems) > 0 {
		l.SetText("⚠ " + strings.Join(problems, " "))
		l.Show()
		return false
	}
	l.Hide()
	return true
}
