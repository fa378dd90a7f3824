// Package uitext reads back what a Fyne widget tree shows: the text of its
// labels and card titles, for tests and for checks of a page's wording.
package uitext

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Of collects the text of every label and card title under o, one per line.
func Of(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Card:
			b.WriteString(w.Title + "\n")
			if w.Content != nil {
				walk(w.Content)
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(w.Content)
		case interface{ Embedded() *container.Scroll }: // the page's own scrolls
			walk(w.Embedded().Content)
		case *container.Split:
			walk(w.Leading)
			walk(w.Trailing)
		}
	}
	walk(o)
	return b.String()
}
