package views

import "fyne.io/fyne/v2"

// Widths every screen shares.
const (
	// readableWidth is the widest a page's content grows: on a wide screen
	// lines stay readable and fields stay near their labels.
	readableWidth = 1200
	// navWidth is the width of a plan's navigation column.
	navWidth = 216
)

// maxWidth lays out one object at most max wide (centred in wider space)
// and at least its own minimum width.
type maxWidth struct{ max float32 }

func (l maxWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := max(min(size.Width, l.max), o.MinSize().Width)
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(max(0, (size.Width-w)/2), 0))
	}
}

func (l maxWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// fixedWidth lays out one object exactly w wide (the navigation column).
type fixedWidth struct{ w float32 }

func (l fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(size.Width, size.Height))
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.w, 0)
	for _, o := range objs {
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}
