package budget

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	model "salesplan/app/budget"
	"salesplan/data"
	"salesplan/views"
)

// shown puts the budget view in the window, so cells can take the focus.
func shown(u *views.UI, v *budgetView) {
	u.Window().SetContent(container.NewVScroll(v.content))
}

func storedActuals(t *testing.T, db *data.DB, u *views.UI, ps *views.PlanScreen) map[string]int64 {
	t.Helper()
	u.Flush()
	var as []model.Actual
	if err := db.Rows(ctx, model.TableActuals, ps.Data().Plan.ID, &as); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, a := range as {
		out[a.LineName+"/"+a.Month.String()] = a.Amount
	}
	return out
}

// typedRow adds two typed lines and returns the grid row of each.
func typedRows(t *testing.T, u *views.UI, v *budgetView) (int, int) {
	t.Helper()
	for _, name := range []string{"Travel", "Fairs"} {
		v.addLine()
		u.Wait()
		r := v.rows[len(v.rows)-1]
		r.name.SetText(name)
		r.annual.SetText("1200")
	}
	v.buildActuals()
	a, b := -1, -1
	for i, k := range v.av.keys {
		switch k {
		case v.rows[0].id:
			a = i
		case v.rows[1].id:
			b = i
		}
	}
	if a < 0 || b != a+1 {
		t.Fatalf("grid rows %v", v.av.keys)
	}
	return a, b
}

// typeKeys types s on the keyboard: each character goes to the focused
// cell, as the window's driver hands it.
func typeKeys(c fyne.Canvas, s string) {
	for _, r := range s {
		c.Focused().TypedRune(r)
	}
}

func key(name fyne.KeyName) *fyne.KeyEvent { return &fyne.KeyEvent{Name: name} }

func TestTypeActualExpensesIntoTheGridByKeyboard(t *testing.T) {
	for _, c := range []struct{ locale, first, second string }{
		{"en_US", "1,050.50", "95.5"},
		{"de_DE", "1.050,50", "95,5"},
	} {
		t.Run(c.locale, func(t *testing.T) {
			db, u, ps, v := seeded(t, c.locale)
			shown(u, v)
			travel, fairs := typedRows(t, u, v)
			canvas := u.Window().Canvas()
			g := v.av.cells
			// click into Travel / January and type: the text is replaced
			jan := g.cells[travel][0]
			canvas.Focus(jan)
			typeKeys(canvas, c.first)
			// the right arrow moves to February (nothing is being edited
			// there yet), typing replaces, Enter goes down to Fairs
			canvas.Focused().TypedKey(key(fyne.KeyRight)) // at the end of the typed text: the next cell
			if canvas.Focused() != g.cells[travel][1] {
				t.Fatalf("right arrow: focus on %v", canvas.Focused())
			}
			typeKeys(canvas, c.second)
			canvas.Focused().TypedKey(key(fyne.KeyReturn))
			if canvas.Focused() != g.cells[fairs][1] {
				t.Fatalf("enter: focus on %v", canvas.Focused())
			}
			typeKeys(canvas, "300")
			// Tab moves along the row (the window's focus order)
			test.FocusNext(canvas)
			if canvas.Focused() != g.cells[fairs][2] {
				t.Fatalf("tab: focus on %v", canvas.Focused())
			}
			typeKeys(canvas, "7")
			canvas.Focused().TypedKey(key(fyne.KeyUp))
			canvas.Focused().TypedKey(key(fyne.KeyLeft))
			canvas.Focused().TypedKey(key(fyne.KeyLeft))
			if canvas.Focused() != jan {
				t.Fatalf("up, left, left: focus on %v", canvas.Focused())
			}
			// typing replaces what the cell holds
			typeKeys(canvas, "1000")
			canvas.Focused().TypedKey(key(fyne.KeyDown))
			if jan.Text != ps.Data().Locale.Money(100_000, ps.Data().Currency) {
				t.Errorf("January after leaving it: %q", jan.Text)
			}
			u.Wait()
			got := storedActuals(t, db, u, ps)
			want := map[string]int64{"Travel/2027-01": 100_000, "Travel/2027-02": 9_550, "Fairs/2027-02": 30_000, "Fairs/2027-03": 700}
			if len(got) != len(want) {
				t.Fatalf("stored %v", got)
			}
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s: stored %d, want %d (all %v)", k, got[k], w, got)
				}
			}
			f := model.FiguresOf(ps.Data())
			if len(f.LineActuals) != 2 || f.LineActuals[0].Label != "Travel" || f.LineActuals[0].VarianceTotal != 109_550-20_000 || f.LineActuals[1].VarianceTotal != 30_700-20_000 {
				t.Errorf("variance %+v", f.LineActuals)
			}
			if txt := v.av.variance.Objects; len(txt) != 4 {
				t.Errorf("variance shown: %d parts", len(txt))
			}
			// bad input is explained under the grid and loses nothing
			for _, bad := range []string{"-5", "1000000000000000", "abc"} {
				canvas.Focus(g.cells[travel][1])
				typeKeys(canvas, bad)
				if !v.av.problems.Visible() || !strings.Contains(v.av.problems.Text, "Travel, Feb 2027: ") || !strings.Contains(v.av.problems.Text, "The amount recorded before stays.") {
					t.Errorf("%q: %q", bad, v.av.problems.Text)
				}
			}
			if got := storedActuals(t, db, u, ps); got["Travel/2027-02"] != 9_550 {
				t.Errorf("a bad amount was saved: %v", got)
			}
			// an emptied cell is no longer recorded
			g.cells[fairs][2].SetText("")
			u.Wait()
			if got := storedActuals(t, db, u, ps); len(got) != 3 || got["Fairs/2027-03"] != 0 {
				t.Errorf("after clearing: %v", got)
			}
			// a line deleted since keeps its amounts in the grid, to be cleared there
			c := model.Of(ps.Data())
			c.Lines = c.Lines[:1]
			ps.Changed()
			v.buildLines()
			last := len(v.av.names) - 1
			if v.av.names[last].Text != "Fairs (no longer in the budget)" || v.av.cells.cells[last][1].Text == "" {
				t.Errorf("deleted line: %q %q", v.av.names[last].Text, v.av.cells.cells[last][1].Text)
			}
			v.av.cells.cells[last][1].SetText("")
			if f := model.FiguresOf(ps.Data()); len(f.LineActuals) != 1 || len(v.av.names) != last+1 {
				t.Errorf("after clearing the deleted line's month: %+v", f.LineActuals)
			}
		})
	}
}

func TestImportActualExpensesInTheWindow(t *testing.T) {
	db, u, ps, v := seeded(t, "en_US")
	shown(u, v)
	typedRows(t, u, v)
	path := filepath.Join(t.TempDir(), "actuals.csv")
	os.WriteFile(path, []byte("Month,Line,Amount\n2027-01,travel,100.0041\n2027-01,Webinars,50\n2026-12,Fairs,20\n"), 0o644)
	v.readExpenseFile(path)
	u.Wait()
	d := v.av.imp
	if d == nil {
		t.Fatalf("no preview: %q", v.av.status.Text)
	}
	if !d.ok.Disabled() || !strings.Contains(d.sentence.Text, "2 of 3 rows in actuals.csv cannot be imported") ||
		!strings.Contains(d.rejects.Text, "Line 3: The budget has no line “Webinars”; tick “Add the lines the budget lacks”") ||
		!strings.Contains(d.rejects.Text, "Line 4: Dec 2026 is outside the plan period") || d.add.Hidden {
		t.Fatalf("preview: %q\n%q", d.sentence.Text, d.rejects.Text)
	}
	d.add.SetChecked(true)
	if !d.ok.Disabled() || strings.Contains(d.rejects.Text, "Webinars") {
		t.Errorf("with new lines the month outside the plan still refuses the file: %q", d.rejects.Text)
	}
	if got := storedActuals(t, db, u, ps); len(got) != 0 {
		t.Fatalf("the preview saved %v", got)
	}
	os.WriteFile(path, []byte("Month,Line,Amount\n2027-01,travel,100.0041\n2027-01,Webinars,50\n"), 0o644)
	v.readExpenseFile(path)
	u.Wait()
	d = v.av.imp
	d.add.SetChecked(true)
	if d.ok.Disabled() || !strings.Contains(d.sentence.Text, "Importing actuals.csv records 2 actual expenses (€150.00) for Jan 2027 and adds 1 new line: “Webinars”.") ||
		!strings.Contains(d.sentence.Text, "rounded half away from zero") {
		t.Fatalf("preview: %q %q", d.sentence.Text, d.rejects.Text)
	}
	test.Tap(d.ok)
	u.Wait()
	got := storedActuals(t, db, u, ps)
	if got["Travel/2027-01"] != 10_000 || got["Webinars/2027-01"] != 5_000 {
		t.Errorf("stored %v", got)
	}
	if len(v.rows) != 3 || v.rows[2].name.Text != "Webinars" || !strings.Contains(v.av.status.Text, "Recorded 2 actual expenses") {
		t.Errorf("after the import: %d lines, %q", len(v.rows), v.av.status.Text)
	}
	if ls := storedLines(t, db, u, ps); len(ls) != 3 || ls[2].Name != "Webinars" {
		t.Errorf("lines %+v", ls)
	}
	if l := v.av.cells.cells[len(v.av.keys)-1][0]; !strings.Contains(l.Text, "50.00") {
		t.Errorf("grid after the import: %q", l.Text)
	}
	// a file that cannot be read says why, and nothing changes
	os.WriteFile(path, []byte("When,What,Sum\n2027-01,Travel,5\n"), 0o644)
	v.av.imp = nil
	v.readExpenseFile(path)
	u.Wait()
	if v.av.imp != nil || !strings.Contains(v.av.status.Text, "⚠ No column of actuals.csv holds the month (YYYY-MM); give it a header such as “Month”") {
		t.Errorf("unreadable file: %q", v.av.status.Text)
	}
	if got := storedActuals(t, db, u, ps); len(got) != 2 {
		t.Errorf("stored after a bad file: %v", got)
	}
}

func TestTheLinesAndTheirMonthsMoveLikeASpreadsheet(t *testing.T) {
	_, u, ps, v := seeded(t, "en_US")
	shown(u, v)
	typedRows(t, u, v)
	canvas := u.Window().Canvas()
	a, b := v.rows[0], v.rows[1]
	canvas.Focus(a.name)
	canvas.Focused().TypedKey(key(fyne.KeyDown))
	canvas.Focused().TypedKey(key(fyne.KeyRight))
	if canvas.Focused() != b.annual {
		t.Fatalf("down, right: focus on %v", canvas.Focused())
	}
	typeKeys(canvas, "2400")
	canvas.Focused().TypedKey(key(fyne.KeyUp))
	if canvas.Focused() != a.annual || b.annual.Text != "€2,400.00" {
		t.Fatalf("up: focus on %v, the amount left reads %q", canvas.Focused(), b.annual.Text)
	}
	if f := model.FiguresOf(ps.Data()); f.ExpenseTotal != 120_000+240_000 {
		t.Errorf("expenses %d", f.ExpenseTotal)
	}
	// the months of a line typed per month: a grid of 6 columns
	a.spread.SetSelected("Per month")
	canvas.Focus(a.months[0])
	typeKeys(canvas, "50")
	canvas.Focused().TypedKey(key(fyne.KeyRight))
	canvas.Focused().TypedKey(key(fyne.KeyDown))
	if canvas.Focused() != a.months[7] {
		t.Fatalf("right, down in the months: focus on %v", canvas.Focused())
	}
	typeKeys(canvas, "70")
	u.Wait()
	if l := typed(model.FiguresOf(ps.Data())); l.Months[0] != 5_000 || l.Months[7] != 7_000 || l.Months[1] != 10_000 {
		t.Errorf("months %v", l.Months)
	}
}

func TestAClickIntoACellSelectsItsAmount(t *testing.T) {
	_, u, ps, v := seeded(t, "en_US")
	shown(u, v)
	travel, _ := typedRows(t, u, v)
	cell := v.av.cells.cells[travel][0]
	cell.SetText("500")
	canvas := u.Window().Canvas()
	canvas.Focus(v.av.cells.cells[travel][1]) // elsewhere first
	cell.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(5, 5)}, Button: desktop.MouseButtonPrimary})
	cell.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(5, 5)}, Button: desktop.MouseButtonPrimary})
	if canvas.Focused() != cell || cell.SelectedText() != "500" {
		t.Fatalf("after a click: focus %v, selected %q", canvas.Focused(), cell.SelectedText())
	}
	typeKeys(canvas, "42")
	if cell.Text != "42" {
		t.Errorf("typing after a click: %q", cell.Text)
	}
	u.Wait()
	if a := model.Of(ps.Data()).ActualOf(v.av.keys[travel], ps.Data().Plan.Start); a == nil || a.Amount != 4_200 {
		t.Errorf("recorded %+v", a)
	}
}
