package cli

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"salesplan/app"
	"salesplan/app/budget"
	"salesplan/app/steps"
	"salesplan/data"
	"salesplan/data/importer"
)

// ExpensesJSON is the stable JSON of `salesplan import expenses --json`.
type ExpensesJSON struct {
	Plan     string  `json:"plan_id"`
	File     string  `json:"file"`
	Rows     int64   `json:"rows"`
	Recorded int     `json:"recorded"` // line × month amounts recorded
	Replaced int     `json:"replaced"` // of them, amounts recorded before
	Total    float64 `json:"total"`    // major units
	// NewLines are the lines added (--add-lines); Unknown the file's lines
	// the budget lacks.
	NewLines         []string     `json:"new_lines"`
	Unknown          []string     `json:"unknown_lines"`
	Months           []app.Month  `json:"months"`
	Rounded          int64        `json:"rounded"`
	RoundedMaxChange float64      `json:"rounded_max_change"`
	Rejected         int          `json:"rejected"`
	Rejects          []RejectJSON `json:"rejects"`
}

// importExpenses records a file of actual expenses in a plan's budget:
// salesplan import expenses FILE --plan ID [--map month=H] [--add-lines].
func importExpenses(db *data.DB, args []string, env Env) error {
	fs := newFlags("import expenses", "salesplan import expenses FILE --plan ID [--map field=Header]... [--sheet NAME] [--add-lines] [--json]", env)
	planID := fs.String("plan", "", "plan ID whose budget gets the actual expenses")
	var maps mapFlags
	fs.Var(&maps, "map", "field=Header, repeatable (fields: month line amount); unmapped fields are guessed")
	sheet := fs.String("sheet", "", "Excel sheet name (default: the first with data)")
	addLines := fs.Bool("add-lines", false, "add the lines the budget lacks as new expense lines (else they are rejected)")
	asJSON := fs.Bool("json", false, "print JSON")
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.parseSome(args); err != nil {
		return err
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
		if err := fs.parseSome(fs.Args()[1:]); err != nil {
			return err
		}
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	if file == "" || *planID == "" {
		return usageError("import expenses needs a FILE and --plan ID")
	}
	ctx := context.Background()
	loc := app.SystemLocale(env.Getenv)
	pd, err := app.LoadPlanData(ctx, db, steps.Registry(), *planID, loc)
	if err != nil {
		return err
	}
	opt := importer.ExpenseOptions{Currency: pd.Currency, Sheet: *sheet}
	if len(maps) > 0 {
		prev, err := importer.Sniff(file, *sheet)
		if err != nil {
			return err
		}
		opt.Mapping = importer.GuessExpenseMapping(prev.Headers)
		for _, m := range maps {
			field, header, ok := strings.Cut(m, "=")
			if !ok {
				return usageError(fmt.Sprintf("--map %q: write it as field=Header", m))
			}
			f := importer.ExpenseField(strings.ToLower(strings.TrimSpace(field)))
			if f != importer.ExpenseMonth && f != importer.ExpenseLine && f != importer.ExpenseAmount {
				return usageError(fmt.Sprintf("--map %q: unknown field %q (fields: month, line, amount)", m, field))
			}
			col := -1
			for i, h := range prev.Headers {
				if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(header)) {
					col = i
				}
			}
			if col < 0 {
				return usageError(fmt.Sprintf("--map %q: the file has no column %q (columns: %s)", m, header, columnList(prev.Headers)))
			}
			for k, v := range opt.Mapping {
				if v == col && k != f {
					delete(opt.Mapping, k)
				}
			}
			opt.Mapping[f] = col
		}
	}
	ef, err := importer.ReadExpenses(ctx, file, opt)
	if err != nil {
		if errors.Is(err, importer.ErrNoExpenseColumn) {
			return usageError(strings.TrimSuffix(app.ErrorMessage(err), ".") + ", or name it with --map month=Header, --map line=Header or --map amount=Header")
		}
		return err
	}
	rows := make([]budget.ExpenseRow, len(ef.Rows))
	for i, r := range ef.Rows {
		rows[i] = budget.ExpenseRow{Line: r.Line, Month: r.Month, Name: r.Name, Amount: r.Amount}
	}
	imp := budget.PlanExpenses(&pd, rows, *addLines, budget.AdviceCLI)
	var rejects []RejectJSON
	for _, r := range ef.Summary.Rejects {
		rejects = append(rejects, RejectJSON{Line: r.Line, Column: r.Column, Value: r.Value, Reason: r.Reason})
	}
	col := map[string]string{"month": ef.Headers[ef.Mapping[importer.ExpenseMonth]], "line": ef.Headers[ef.Mapping[importer.ExpenseLine]],
		"amount": ef.Headers[ef.Mapping[importer.ExpenseAmount]]}
	for _, r := range imp.Rejects {
		rejects = append(rejects, RejectJSON{Line: r.Line, Column: col[r.Column], Value: r.Value, Reason: r.Reason})
	}
	sort.SliceStable(rejects, func(i, j int) bool { return rejects[i].Line < rejects[j].Line })
	rejected := int(ef.Summary.Rejected) + len(imp.Rejects)
	out := ExpensesJSON{Plan: pd.Plan.ID, File: file, Rows: ef.Summary.Rows, Total: app.ToMajor(imp.Total, pd.Currency),
		NewLines: []string{}, Unknown: append([]string{}, imp.Unknown...), Months: append([]app.Month{}, imp.Months...),
		Rounded: ef.Summary.Rounded, RoundedMaxChange: ef.Summary.RoundedMaxChange, Rejected: rejected, Rejects: append([]RejectJSON{}, rejects...)}
	if rejected > 0 {
		if *asJSON {
			writeJSON(env.Stdout, out)
		}
		fmt.Fprintf(env.Stderr, "%s rejected:\n", app.Count(rejected, "row", "rows"))
		for i, r := range rejects {
			if i == 20 {
				fmt.Fprintf(env.Stderr, "  … and %d more (use --json to see them all)\n", len(rejects)-20)
				break
			}
			if r.Column == "" {
				fmt.Fprintf(env.Stderr, "  line %d: %s\n", r.Line, r.Reason)
			} else {
				fmt.Fprintf(env.Stderr, "  line %d, column %q: %s\n", r.Line, r.Column, r.Reason)
			}
		}
		were := "were"
		if rejected == 1 {
			were = "was"
		}
		msg := fmt.Sprintf("%d of %s %s rejected; nothing was imported. Fix the file and import it again.", rejected, app.Count(int(ef.Summary.Rows), "row", "rows"), were)
		if len(imp.Unknown) > 0 && !*addLines {
			msg += " To add the lines the budget lacks (" + quoted(imp.Unknown) + "), import with --add-lines."
		}
		return app.Errorf(app.ErrInvalid, "%s", msg)
	}
	if err := db.Update(ctx, func(tx *data.Tx) error { return imp.Apply(ctx, tx.SaveRow) }); err != nil {
		return err
	}
	out.Recorded, out.Replaced = len(imp.Saves), imp.Replaced
	for _, l := range imp.NewLines {
		out.NewLines = append(out.NewLines, l.Name)
	}
	if *asJSON {
		return writeJSON(env.Stdout, out)
	}
	fmt.Fprintln(env.Stdout, imp.Sentence(loc, pd.Currency))
	if note := ef.Summary.RoundingNote(pd.Currency, loc.Int); note != "" {
		fmt.Fprintln(env.Stdout, note)
	}
	return nil
}

func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + n + "”"
	}
	return strings.Join(q, ", ")
}
