package budget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// cellGrid joins entries into a grid a spreadsheet user knows: the arrow
// keys move between the cells (left and right once the cursor is at the
// edge of what is being typed), Enter moves down, Tab and Shift+Tab move
// along the row as the window's focus order does, and a cell that gets the
// focus has its text selected, so typing replaces it.
type cellGrid struct {
	win   fyne.Window
	cells [][]*cellEntry // [row][col]; nil where a cell cannot be typed in
}

// cellEntry is one cell of a cellGrid.
type cellEntry struct {
	widget.Entry
	grid     *cellGrid
	row, col int
	// editing is true once the user types into the cell after it got the
	// focus: left and right then move the cursor inside the text.
	editing bool
	// format, if set, rewrites the text when the cell loses the focus
	// ("1200" becomes "€1,200.00"); it returns the text unchanged when the
	// value is bad, so the explanation and the typed text stay.
	format func(string) string
	// focused is true while the cell has the focus.
	focused bool
}

// MouseDown focuses the cell like a click in a spreadsheet: the first
// click selects its text, so typing replaces it; a click into the cell
// being typed in places the cursor.
func (e *cellEntry) MouseDown(m *desktop.MouseEvent) {
	was := e.focused
	e.Entry.MouseDown(m)
	if !was && e.focused {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// FocusLost writes the cell's value the way the plan formats it.
func (e *cellEntry) FocusLost() {
	e.focused = false
	e.Entry.FocusLost()
	if e.format == nil {
		return
	}
	if t := e.format(e.Text); t != e.Text {
		changed := e.OnChanged
		e.OnChanged = nil
		e.SetText(t)
		e.OnChanged = changed
	}
}

func newCellGrid(win fyne.Window) *cellGrid { return &cellGrid{win: win} }

// cell makes the entry of row, col.
func (g *cellGrid) cell(row, col int) *cellEntry {
	e := &cellEntry{grid: g, row: row, col: col}
	e.ExtendBaseWidget(e)
	for len(g.cells) <= row {
		g.cells = append(g.cells, nil)
	}
	for len(g.cells[row]) <= col {
		g.cells[row] = append(g.cells[row], nil)
	}
	g.cells[row][col] = e
	return e
}

// at returns the cell of row, col or nil.
func (g *cellGrid) at(row, col int) *cellEntry {
	if row < 0 || row >= len(g.cells) || col < 0 || col >= len(g.cells[row]) {
		return nil
	}
	if e := g.cells[row][col]; e != nil && !e.Disabled() && e.Visible() {
		return e
	}
	return nil
}

// move focuses the next cell from row, col by dr, dc that can be typed
// in; it stays where it is at the edge of the grid.
func (g *cellGrid) move(row, col, dr, dc int) bool {
	for r, c := row+dr, col+dc; r >= 0 && r < len(g.cells) && c >= 0 && c < len(g.cells[r]); r, c = r+dr, c+dc {
		if e := g.at(r, c); e != nil {
			g.win.Canvas().Focus(e)
			return true
		}
	}
	return false
}

// FocusGained selects the cell's text, so typing replaces it.
func (e *cellEntry) FocusGained() {
	e.Entry.FocusGained()
	e.focused, e.editing = true, false
	e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// TypedRune types into the cell (replacing the selected text).
func (e *cellEntry) TypedRune(r rune) {
	e.editing = true
	e.Entry.TypedRune(r)
}

// TypedKey moves between the cells with the arrow keys and Enter.
func (e *cellEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyUp:
		e.grid.move(e.row, e.col, -1, 0)
		return
	case fyne.KeyDown, fyne.KeyReturn, fyne.KeyEnter:
		e.grid.move(e.row, e.col, 1, 0)
		return
	case fyne.KeyLeft:
		if !e.editing || e.CursorColumn == 0 && e.SelectedText() == "" {
			e.grid.move(e.row, e.col, 0, -1)
			return
		}
	case fyne.KeyRight:
		if !e.editing || e.CursorColumn >= len([]rune(e.Text)) && e.SelectedText() == "" {
			e.grid.move(e.row, e.col, 0, 1)
			return
		}
	case fyne.KeyBackspace, fyne.KeyDelete:
		e.editing = true
	}
	e.Entry.TypedKey(k)
}

// tableLayout lays out its objects row by row in columns of fixed widths
// (the last width repeats), each row as tall as its tallest cell, so that a
// wide grid keeps its columns and scrolls sideways inside its card.
type tableLayout struct {
	widths []float32
	cols   int
}

func (t *tableLayout) width(c int) float32 {
	if c < len(t.widths) {
		return t.widths[c]
	}
	return t.widths[len(t.widths)-1]
}

func (t *tableLayout) rowHeights(objs []fyne.CanvasObject) []float32 {
	var hs []float32
	for i, o := range objs {
		r := i / t.cols
		if r >= len(hs) {
			hs = append(hs, 0)
		}
		hs[r] = max(hs[r], o.MinSize().Height)
	}
	return hs
}

// Layout places the cells.
func (t *tableLayout) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	hs := t.rowHeights(objs)
	var y float32
	var x float32
	for i, o := range objs {
		c := i % t.cols
		if c == 0 && i > 0 {
			y += hs[i/t.cols-1]
			x = 0
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(t.width(c), hs[i/t.cols]))
		x += t.width(c)
	}
}

// MinSize is the sum of the column widths by the sum of the row heights.
func (t *tableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for c := 0; c < t.cols; c++ {
		w += t.width(c)
	}
	for _, rh := range t.rowHeights(objs) {
		h += rh
	}
	return fyne.NewSize(w, h)
}
