package views

import (
	"context"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// windowSize lays out the window content like a stack and remembers the
// size it last laid it out at, so the size can be saved from any goroutine
// (a signal handler must not wait for a busy UI goroutine to ask the
// canvas).
type windowSize struct {
	win  fyne.Window     // whose padding is added back; nil = none
	tips *fyne.Container // the layer above the screen that tips show in
	mu   sync.Mutex
	size fyne.Size
}

// Layout fills the window with each object and notes the window's size
// (the content's plus the window's padding).
func (w *windowSize) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	outer := size
	if w.win != nil && w.win.Padded() {
		p := 2 * theme.Padding()
		outer = outer.AddWidthHeight(p, p)
	}
	w.mu.Lock()
	w.size = outer
	w.mu.Unlock()
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the largest minimum size of the objects.
func (w *windowSize) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objects {
		m = m.Max(o.MinSize())
	}
	return m
}

// Size returns the size last laid out.
func (w *windowSize) Size() fyne.Size {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.size
}

// saveWindowSize stores the window size last laid out, waiting at most a
// second for the store: the size is a convenience and must not hold the
// window open while another process has the workspace locked. It is safe
// from any goroutine.
func (u *UI) saveWindowSize() {
	sz := u.winSize.Size()
	if sz.Width < 100 || sz.Height < 100 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	for _, kv := range [...]struct {
		key string
		v   float32
	}{{"window.width", sz.Width}, {"window.height", sz.Height}} {
		if err := u.store.SetSetting(ctx, kv.key, strconv.Itoa(int(kv.v))); err != nil {
			u.logf("saving the window size: %v", err)
		}
	}
}
