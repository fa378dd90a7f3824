package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"salesplan/app"
	"salesplan/app/budget"
	"salesplan/app/steps"
	"salesplan/data"
)

// exportBudget writes every table of a plan's budget as CSV or XLSX:
// salesplan export budget --plan ID --out FILE [--format csv|xlsx].
func exportBudget(db *data.DB, args []string, env Env) error {
	fs := newFlags("export budget", "salesplan export budget --plan ID --out FILE [--format csv|xlsx]: write the budget's tables for a spreadsheet", env)
	planID := fs.String("plan", "", "plan ID")
	out := fs.String("out", "", "CSV or XLSX file to write")
	format := fs.String("format", "", "csv or xlsx (default: from the file name)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *planID == "" || *out == "" {
		return usageError("export budget needs --plan and --out")
	}
	f := strings.ToLower(*format)
	if f == "" {
		switch {
		case strings.HasSuffix(strings.ToLower(*out), ".xlsx"):
			f = "xlsx"
		case strings.HasSuffix(strings.ToLower(*out), ".csv"):
			f = "csv"
		}
	}
	write := budget.WriteCSV
	switch f {
	case "csv":
	case "xlsx":
		write = budget.WriteXLSX
	default:
		return usageError("export budget writes csv or xlsx: give --format csv|xlsx or a file name ending in .csv or .xlsx")
	}
	if err := data.CheckTarget(*out, db.Path()); err != nil {
		return err
	}
	ctx := context.Background()
	pd, err := app.LoadFullPlanData(ctx, db, steps.Registry(), *planID, app.SystemLocale(env.Getenv), env.Now())
	if err != nil {
		return err
	}
	if err := data.WriteFileAtomic(*out, func(w io.Writer) error { return write(w, &pd) }); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote %s\n", Escape(*out))
	return nil
}
