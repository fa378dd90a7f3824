package cli

import (
	"context"
	"fmt"
	"strings"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/data"
	"salesplan/data/importer"
	"salesplan/data/teamfile"
)

// TeamImportJSON is the stable JSON of `salesplan import activities|polls
// --json`.
type TeamImportJSON struct {
	Plan     string       `json:"plan_id"`
	File     string       `json:"file"`
	Kind     string       `json:"kind"` // "activities" or "polls"
	Rows     int          `json:"rows"`
	Imported int          `json:"imported"`
	Rejected int          `json:"rejected"`
	Rejects  []RejectJSON `json:"rejects"`
}

// teamImport reads FILE for plan --plan as activities or polls: every row
// is checked against the plan's roster; with a rejected row nothing is
// imported and the rejects are listed.
func teamImport(db *data.DB, kind string, args []string, env Env) error {
	fs := newFlags("import "+kind, "salesplan import "+kind+" FILE --plan ID [--sheet NAME] [--date-order dmy|mdy|ymd] [--json]", env)
	planID := fs.String("plan", "", "the plan whose team the rows belong to")
	sheet := fs.String("sheet", "", "Excel sheet name (default: the first with data)")
	order := fs.String("date-order", "", "dmy, mdy or ymd when dates are ambiguous")
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
	if file == "" {
		return usageError("import " + kind + " needs a FILE")
	}
	if *planID == "" {
		return usageError("import " + kind + " needs --plan ID")
	}
	switch *order {
	case "", "dmy", "mdy", "ymd":
	default:
		return usageError("--date-order must be dmy, mdy or ymd")
	}
	ctx := context.Background()
	pd, err := app.LoadPlanData(ctx, db, steps.Registry(), *planID, app.SystemLocale(env.Getenv))
	if err != nil {
		return err
	}
	res, err := teamfile.Read(ctx, &pd, kind, file, *sheet, importer.DateOrder(*order))
	if err == teamfile.ErrAmbiguousDates {
		return usageError("the dates fit both day/month and month/day; say which with --date-order dmy or --date-order mdy")
	}
	if err != nil {
		return err
	}
	out := TeamImportJSON{Plan: pd.Plan.ID, File: file, Kind: kind, Rows: res.Rows, Rejected: res.RejectedRows, Rejects: []RejectJSON{}}
	for _, r := range res.Rejects {
		out.Rejects = append(out.Rejects, RejectJSON(r))
	}
	if out.Rejected > 0 {
		if *asJSON {
			writeJSON(env.Stdout, out)
		}
		printTeamRejects(env, out.Rejected, out.Rejects)
		return app.Errorf(app.ErrInvalid, "%d of %d rows were rejected; nothing was imported. Fix them and import the file again.", out.Rejected, out.Rows)
	}
	table, rows, n := res.Table(kind)
	if err := db.SaveRows(ctx, table, rows); err != nil {
		return err
	}
	out.Imported = n
	if *asJSON {
		return writeJSON(env.Stdout, out)
	}
	what := "activities"
	if kind == "polls" {
		what = "ratings"
	}
	fmt.Fprintf(env.Stdout, "Imported %d %s into %s.\n", n, what, Escape(pd.Plan.Title))
	return nil
}

// printTeamRejects lists the rejected rows on stderr (the first 50).
func printTeamRejects(env Env, rows int, rejects []RejectJSON) {
	fmt.Fprintf(env.Stderr, "%s rejected:\n", app.Count(rows, "row", "rows"))
	for i, r := range rejects {
		if i == 50 {
			fmt.Fprintf(env.Stderr, "  … and %d more (use --json for all)\n", len(rejects)-50)
			break
		}
		if r.Column == "" {
			fmt.Fprintf(env.Stderr, "  line %d: %s\n", r.Line, Escape(r.Reason))
		} else {
			fmt.Fprintf(env.Stderr, "  line %d, column %q: %s\n", r.Line, r.Column, Escape(r.Reason))
		}
	}
}
