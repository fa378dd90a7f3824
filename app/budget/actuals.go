package budget

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"salesplan/app"
)

// ExpenseRow is one row of actual expenses read from a file: the month, the
// budget line's name as the file writes it and the amount (minor units).
type ExpenseRow struct {
	Line   int // file line or sheet row, for the rejects
	Month  app.Month
	Name   string
	Amount int64
}

// RowProblem is a row of an expenses file the budget does not take.
type RowProblem struct {
	Line   int
	Column string // "month", "line" or "amount"
	Value  string
	Reason string
}

// String is the problem as one sentence naming the line.
func (p RowProblem) String() string { return fmt.Sprintf("Line %d: %s", p.Line, p.Reason) }

// ExpenseImport is what importing a file of actual expenses does to the
// plan: the lines to add, the amounts to record and the rows refused. It is
// all or nothing: with any Rejects nothing is saved.
type ExpenseImport struct {
	// NewLines are the lines the file names that the budget lacks, added as
	// typed lines (kind "other", no budget yet) when the import adds lines.
	NewLines []Line
	// Unknown are the names of the file's lines the budget lacks, in file
	// order (also listed as rejects unless the import adds lines).
	Unknown []string
	// Saves are the amounts to record: existing rows (same line and month)
	// keep their ID and are updated.
	Saves []PlannedActual
	// Replaced counts the amounts recorded before that the file replaces.
	Replaced int
	Rejects  []RowProblem
	Rows     int   // the file's rows taken
	Total    int64 // the sum of the amounts taken
	// Months are the plan months the file records, in order.
	Months []app.Month
}

// PlannedActual is an amount to record; NewLine is the index in NewLines of
// the line it belongs to when that line is added by the import, else -1.
type PlannedActual struct {
	Actual
	NewLine int
}

// UnknownAdvice is what to do about a line the budget lacks, for the
// rejects: the command line says --add-lines, the window its checkbox.
type UnknownAdvice string

// The advice for unknown lines.
const (
	AdviceCLI UnknownAdvice = "import with --add-lines to add it as a new line, or write the name of one of the budget's lines"
	AdviceGUI UnknownAdvice = "tick “Add the lines the budget lacks” to add it as a new line, or write the name of one of the budget's lines"
)

func normName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// PlanExpenses matches the rows of an expenses file with the plan: months
// outside the plan period are rejected, lines are found by name (case and
// spacing do not matter; the lines other steps contribute count too), the
// amounts of one line and month add up, and a line the budget lacks is added
// when addLines, else rejected with advice. The result is saved with Apply.
func PlanExpenses(pd *app.PlanData, rows []ExpenseRow, addLines bool, advice UnknownAdvice) ExpenseImport {
	f := FiguresOf(pd)
	c := Of(pd)
	loc := pd.Locale
	var out ExpenseImport
	keys := map[string][]ExpenseLine{}
	var names []string
	for _, l := range f.Lines {
		n := normName(l.Label)
		if len(keys[n]) == 0 {
			names = append(names, "“"+l.Label+"”")
		}
		keys[n] = append(keys[n], l)
	}
	newLine := map[string]int{}
	type cell struct {
		key     string
		newLine int
		month   app.Month
	}
	sums := map[cell]int64{}
	var order []cell
	period := loc.MonthName(pd.Plan.Start) + " – " + loc.MonthName(pd.Plan.End())
	list := strings.Join(names, ", ")
	if len(names) > 8 {
		list = strings.Join(names[:8], ", ") + fmt.Sprintf(" and %d more", len(names)-8)
	}
	if list == "" {
		list = "none yet"
	}
	for _, r := range rows {
		name := strings.TrimSpace(r.Name)
		if !pd.Plan.Contains(r.Month) {
			out.Rejects = append(out.Rejects, RowProblem{Line: r.Line, Column: "month", Value: r.Month.String(),
				Reason: fmt.Sprintf("%s is outside the plan period (%s); only the plan's months take actual expenses — import that month into the plan of its period.", loc.MonthName(r.Month), period)})
			continue
		}
		if msg := AmountProblem(r.Amount); msg != "" {
			out.Rejects = append(out.Rejects, RowProblem{Line: r.Line, Column: "amount", Value: loc.Money(r.Amount, pd.Currency), Reason: msg})
			continue
		}
		if err := app.ValidateText(name); err != nil {
			out.Rejects = append(out.Rejects, RowProblem{Line: r.Line, Column: "line", Value: name, Reason: app.ErrorMessage(err)})
			continue
		}
		k := cell{newLine: -1, month: r.Month}
		switch ls := keys[normName(name)]; {
		case len(ls) > 1:
			out.Rejects = append(out.Rejects, RowProblem{Line: r.Line, Column: "line", Value: name,
				Reason: fmt.Sprintf("The budget has %d lines named “%s”; rename one on step 5 so that the amount has one place to go.", len(ls), ls[0].Label)})
			continue
		case len(ls) == 1:
			k.key = ls[0].Key
		default:
			i, seen := newLine[normName(name)]
			if !seen {
				out.Unknown = append(out.Unknown, name)
				i = len(out.NewLines)
				newLine[normName(name)] = i
				out.NewLines = append(out.NewLines, Line{PlanID: pd.Plan.ID, Kind: "other", Name: name, Spread: SpreadEven})
			}
			if !addLines {
				out.Rejects = append(out.Rejects, RowProblem{Line: r.Line, Column: "line", Value: name,
					Reason: fmt.Sprintf("The budget has no line “%s”; %s (%s).", name, advice, list)})
				continue
			}
			k.newLine = i
		}
		if _, ok := sums[k]; !ok {
			order = append(order, k)
		}
		if sums[k]+r.Amount > MaxAmount {
			out.Rejects = append(out.Rejects, RowProblem{Line: r.Line, Column: "amount", Value: loc.Money(r.Amount, pd.Currency),
				Reason: "With this row the month's amount of the line grows too large for a sales budget; check the number of digits."})
			continue
		}
		sums[k] += r.Amount
		out.Rows++
		out.Total += r.Amount
	}
	if !addLines {
		out.NewLines = nil
	}
	months := map[app.Month]bool{}
	for _, k := range order {
		a := PlannedActual{Actual: Actual{PlanID: pd.Plan.ID, LineKey: k.key, Month: k.month, Amount: sums[k]}, NewLine: k.newLine}
		if k.newLine >= 0 {
			a.LineName = out.NewLines[k.newLine].Name
		} else {
			for _, l := range f.Lines {
				if l.Key == k.key {
					a.LineName = l.Label
				}
			}
			if old := c.ActualOf(k.key, k.month); old != nil {
				a.ID = old.ID
				out.Replaced++
			}
		}
		out.Saves = append(out.Saves, a)
		months[k.month] = true
	}
	for m := range months {
		out.Months = append(out.Months, m)
	}
	sort.Slice(out.Months, func(i, j int) bool { return out.Months[i] < out.Months[j] })
	return out
}

// Apply saves the import through save (a transaction's SaveRow): the new
// lines first, then the amounts. Call it only without Rejects.
func (imp *ExpenseImport) Apply(ctx context.Context, save func(ctx context.Context, table string, row any) error) error {
	if len(imp.Rejects) > 0 {
		return app.Errorf(app.ErrInvalid, "%s; nothing was imported.", app.Count(len(imp.Rejects), "row is", "rows are")+" refused")
	}
	for i := range imp.NewLines {
		if err := save(ctx, TableLines, &imp.NewLines[i]); err != nil {
			return err
		}
	}
	for i := range imp.Saves {
		a := &imp.Saves[i]
		if a.NewLine >= 0 {
			a.LineKey = imp.NewLines[a.NewLine].ID
		}
		if err := save(ctx, TableActuals, &a.Actual); err != nil {
			return err
		}
	}
	return nil
}

// Record applies a saved import to the plan's content in memory (after
// Apply succeeded), so the page shows it without reloading.
func (imp *ExpenseImport) Record(c *Content) {
	c.Lines = append(c.Lines, imp.NewLines...)
	for _, a := range imp.Saves {
		if old := c.ActualOf(a.LineKey, a.Month); old != nil && old.ID == a.ID {
			*old = a.Actual
			continue
		}
		c.Actuals = append(c.Actuals, a.Actual)
	}
}

// Preview says what importing the file named file will do, e.g.
// "Importing actuals.csv records 24 actual expenses (€18,400.00) for Jan
// 2027 – Feb 2027 and adds 1 new line: “Webinars”."
func (imp *ExpenseImport) Preview(file string, loc app.Locale, cur app.Currency) string {
	if len(imp.Saves) == 0 {
		return file + " records no actual expenses."
	}
	s := fmt.Sprintf("Importing %s records %s (%s) for %s", file, app.Count(len(imp.Saves), "actual expense", "actual expenses"), loc.Money(imp.Total, cur),
		loc.MonthName(imp.Months[0]))
	if len(imp.Months) > 1 {
		s += " – " + loc.MonthName(imp.Months[len(imp.Months)-1])
	}
	if imp.Replaced > 0 {
		s += fmt.Sprintf(", replacing %s recorded before", app.Count(imp.Replaced, "amount", "amounts"))
	}
	if len(imp.NewLines) > 0 {
		var n []string
		for _, l := range imp.NewLines {
			n = append(n, "“"+l.Name+"”")
		}
		s += " and adds " + app.Count(len(imp.NewLines), "new line", "new lines") + ": " + strings.Join(n, ", ")
	}
	return s + "."
}

// Sentence says what the import did, e.g. "Recorded 24 actual expenses
// (€18,400.00) for Jan 2027 – Feb 2027; 2 lines added."
func (imp *ExpenseImport) Sentence(loc app.Locale, cur app.Currency) string {
	if len(imp.Saves) == 0 {
		return "The file records no actual expenses."
	}
	s := fmt.Sprintf("Recorded %s (%s) for %s", app.Count(len(imp.Saves), "actual expense", "actual expenses"), loc.Money(imp.Total, cur),
		loc.MonthName(imp.Months[0]))
	if len(imp.Months) > 1 {
		s += " – " + loc.MonthName(imp.Months[len(imp.Months)-1])
	}
	if imp.Replaced > 0 {
		s += fmt.Sprintf("; %s recorded before replaced", app.Count(imp.Replaced, "amount", "amounts"))
	}
	if len(imp.NewLines) > 0 {
		var n []string
		for _, l := range imp.NewLines {
			n = append(n, "“"+l.Name+"”")
		}
		s += "; " + app.Count(len(imp.NewLines), "new line", "new lines") + " added: " + strings.Join(n, ", ")
	}
	return s + "."
}
