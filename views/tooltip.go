package views

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tipDelay is how long the pointer rests on an icon button before its tip
// shows.
const tipDelay = 500 * time.Millisecond

// IconButton is a button that shows only an icon and says what it does in
// a tip: when the pointer rests on it, and when it gets the keyboard focus
// (Tab reaches it; Space presses it). Fyne has no tooltips of its own.
type IconButton struct {
	widget.Button
	Tip string

	tip *fyne.Container // shown in the window's tip layer
	// later runs f on the UI goroutine after d (tests run it themselves).
	later func(d time.Duration, f func())
	gen   int // counts hovers; a late timer of an older one does nothing
}

// NewIconButton returns an icon button with its tip.
func NewIconButton(icon fyne.Resource, tip string, tapped func()) *IconButton {
	b := &IconButton{Tip: tip, later: func(d time.Duration, f func()) {
		time.AfterFunc(d, func() { fyne.Do(f) })
	}}
	b.Icon = icon
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn shows the tip after tipDelay.
func (b *IconButton) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	b.gen++
	gen := b.gen
	b.later(tipDelay, func() {
		if gen == b.gen {
			b.showTip()
		}
	})
}

// MouseOut hides the tip.
func (b *IconButton) MouseOut() {
	b.Button.MouseOut()
	b.hideTip()
}

// Tapped hides the tip and presses the button.
func (b *IconButton) Tapped(ev *fyne.PointEvent) {
	b.hideTip()
	b.Button.Tapped(ev)
}

// FocusGained shows the tip (for keyboard users).
func (b *IconButton) FocusGained() {
	b.Button.FocusGained()
	b.showTip()
}

// FocusLost hides the tip.
func (b *IconButton) FocusLost() {
	b.Button.FocusLost()
	b.hideTip()
}

// TipShown reports whether the tip is on screen.
func (b *IconButton) TipShown() bool { return b.tip != nil }

func (b *IconButton) showTip() {
	d := fyne.CurrentApp().Driver()
	layer := tipLayer(d.CanvasForObject(b))
	if layer == nil || b.Tip == "" || b.tip != nil {
		return
	}
	l := widget.NewLabel(b.Tip)
	l.SizeName = theme.SizeNameCaptionText
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	tip := container.NewStack(bg, l)
	size := tip.MinSize()
	origin := d.AbsolutePositionForObject(layer)
	pos := d.AbsolutePositionForObject(b).Subtract(origin)
	at := pos.AddXY(0, b.Size().Height+theme.Padding())
	// The tip stays inside the window: left of the button near the right
	// edge, above it near the bottom.
	if room := layer.Size(); room.Width > 0 {
		at.X = max(0, min(at.X, room.Width-size.Width))
		if at.Y+size.Height > room.Height {
			at.Y = max(0, pos.Y-size.Height-theme.Padding())
		}
	}
	tip.Resize(size)
	tip.Move(at)
	b.tip = tip
	layer.Add(tip)
}

// tipLayer is the layer of the main window that tips show in (nil in
// other windows and in dialogs, which get no tips).
func tipLayer(c fyne.Canvas) *fyne.Container {
	if c == nil {
		return nil
	}
	root, ok := c.Content().(*fyne.Container)
	if !ok {
		return nil
	}
	if ws, ok := root.Layout.(*windowSize); ok {
		return ws.tips
	}
	return nil
}

func (b *IconButton) hideTip() {
	b.gen++
	if b.tip != nil {
		if layer := tipLayer(fyne.CurrentApp().Driver().CanvasForObject(b)); layer != nil {
			layer.Remove(b.tip)
		}
		b.tip = nil
	}
}
