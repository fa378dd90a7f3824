package cli

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"salesplan/app"
	"salesplan/data"
	"salesplan/data/importer"
)

// ImportJSON is the stable JSON of `salesplan import sales --json`.
type ImportJSON struct {
	BatchID  int64            `json:"batch_id"`
	Business string           `json:"business_id"`
	File     string           `json:"file"`
	Rows     int64            `json:"rows"`
	Imported int64            `json:"imported"`
	Rejected int64            `json:"rejected"`
	ByReason map[string]int64 `json:"rejected_by_reason"`
	First    string           `json:"first_day"`
	Last     string           `json:"last_day"`
	Total    float64          `json:"total"` // major units
	// Rounded counts the amounts rounded to the currency's minor unit;
	// RoundedMaxChange is the largest change, in major units.
	Rounded          int64        `json:"rounded"`
	RoundedMaxChange float64      `json:"rounded_max_change"`
	Rejects          []RejectJSON `json:"rejects"`
}

// RejectJSON is one rejected row.
type RejectJSON struct {
	Line   int    `json:"line"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

type mapFlags []string

func (m *mapFlags) String() string     { return strings.Join(*m, ",") }
func (m *mapFlags) Set(s string) error { *m = append(*m, s); return nil }

func importCmd(db *data.DB, args []string, env Env) error {
	fs := newFlags("import sales", "salesplan import sales FILE --business ID|--plan ID [--map field=Header]... [--sheet NAME] [--date-order dmy|mdy|ymd] [--skip-bad] [--replace-period|--append] [--json]", env)
	business := fs.String("business", "", "business ID (or exact name) that owns the history")
	planID := fs.String("plan", "", "plan ID; imports into its business")
	var maps mapFlags
	fs.Var(&maps, "map", "field=Header, repeatable (fields: date amount quantity product group region customer salesperson channel); unmapped fields are guessed")
	sheet := fs.String("sheet", "", "Excel sheet name (default: the first with data)")
	order := fs.String("date-order", "", "dmy, mdy or ymd when dates are ambiguous")
	skipBad := fs.Bool("skip-bad", false, "import the good rows when some are rejected")
	replace := fs.Bool("replace-period", false, "replace the history between the file's first and last day")
	appendRows := fs.Bool("append", false, "add the rows even when the history already covers those dates")
	asJSON := fs.Bool("json", false, "print JSON")
	// The file may come before or after the flags.
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
		return usageError("import sales needs a FILE")
	}
	if (*business == "") == (*planID == "") {
		return usageError("import sales needs exactly one of --business and --plan")
	}
	if *replace && *appendRows {
		return usageError("choose --replace-period or --append, not both")
	}
	ctx := context.Background()
	bizID, err := resolveBusiness(ctx, db, *business, *planID)
	if err != nil {
		return err
	}
	prev, err := importer.Sniff(file, *sheet)
	if err != nil {
		return err
	}
	mapping := prev.Mapping
	takenBy := map[importer.Field]string{} // guessed fields whose column a --map took
	for _, m := range maps {
		field, header, ok := strings.Cut(m, "=")
		if !ok {
			return usageError(fmt.Sprintf("--map %q: write it as field=Header", m))
		}
		f, ok := fieldByName(field)
		if !ok {
			return usageError(fmt.Sprintf("--map %q: unknown field %q", m, field))
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
		for k, v := range mapping { // a column serves one field
			if v == col && k != f {
				delete(mapping, k)
				takenBy[k] = m
			}
		}
		mapping[f] = col
	}
	for _, req := range []importer.Field{importer.Date, importer.Amount} {
		if _, ok := mapping[req]; ok {
			continue
		}
		if m, ok := takenBy[req]; ok {
			field, header, _ := strings.Cut(m, "=")
			return usageError(fmt.Sprintf("--map %s puts the column %q, which holds the %s, on the %s, so no column is left for the %s. Write --map as field=Header (the field first), or also name the %s column with --map %s=Header (columns: %s)",
				m, strings.TrimSpace(header), req, strings.ToLower(strings.TrimSpace(field)), req, req, req, columnList(prev.Headers)))
		}
		return usageError(fmt.Sprintf("no column for %s was found; name it with --map %s=Header (columns: %s)", req, req, columnList(prev.Headers)))
	}
	format := prev.Format
	switch *order {
	case "":
		if prev.DateOrderAmbiguous {
			return usageError("the dates fit both day/month and month/day; say which with --date-order dmy or --date-order mdy")
		}
	case "dmy", "mdy", "ymd":
		format.DateOrder = importer.DateOrder(*order)
	default:
		return usageError("--date-order must be dmy, mdy or ymd")
	}
	mode := data.ImportRefuse
	if *replace {
		mode = data.ImportReplacePeriod
	} else if *appendRows {
		mode = data.ImportAppend
	}
	fi := data.FileImport{Path: file, BusinessID: bizID, Format: format, Mapping: mapping, SkipBad: *skipBad, Mode: mode}
	batch, sum, err := db.ImportFileOnce(ctx, fi)
	if err != nil {
		if errors.Is(err, data.ErrRejectedRows) {
			printRejects(env, sum)
			return app.Errorf(app.ErrInvalid, "%d of %d rows were rejected; nothing was imported. Fix them or use --skip-bad.", sum.Rejected, sum.Rows)
		}
		if app.ErrorCode(err) == app.ErrConflict {
			return app.Errorf(app.ErrConflict, "%s Nothing was imported; use --replace-period to replace that history or --append to add these rows anyway.", app.ErrorMessage(err))
		}
		return err
	}
	b, _ := db.Business(ctx, bizID)
	cur, _ := app.LookupCurrency(b.Currency)
	out := ImportJSON{BatchID: batch.ID, Business: bizID, File: file, Rows: sum.Rows, Imported: sum.Accepted, Rejected: sum.Rejected,
		ByReason: sum.ByReason, First: sum.First.Format("2006-01-02"), Last: sum.Last.Format("2006-01-02"),
		Total: app.ToMajor(sum.Total, cur), Rounded: sum.Rounded, RoundedMaxChange: sum.RoundedMaxChange, Rejects: []RejectJSON{}}
	if out.ByReason == nil {
		out.ByReason = map[string]int64{}
	}
	for _, r := range sum.Rejects {
		out.Rejects = append(out.Rejects, RejectJSON{Line: r.Line, Column: r.Column, Value: r.Value, Reason: r.Reason})
	}
	if *asJSON {
		return writeJSON(env.Stdout, out)
	}
	loc := app.SystemLocale(env.Getenv)
	fmt.Fprintf(env.Stdout, "Imported %s rows (%s to %s, %s) into %s.\n", loc.Int(sum.Accepted), out.First, out.Last, loc.Money(sum.Total, cur), Escape(b.Name))
	if note := sum.RoundingNote(cur, loc.Int); note != "" {
		fmt.Fprintln(env.Stdout, note)
	}
	if sum.Rejected > 0 {
		printRejects(env, sum)
	}
	return nil
}

// columnList writes a file's column names for a message, at most 20.
func columnList(headers []string) string {
	if len(headers) > 20 {
		return strings.Join(headers[:20], ", ") + fmt.Sprintf(" and %d more", len(headers)-20)
	}
	return strings.Join(headers, ", ")
}

func fieldByName(s string) (importer.Field, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "product_group" || s == "productgroup" {
		s = "group"
	}
	for _, f := range importer.Fields() {
		if string(f) == s {
			return f, true
		}
	}
	return "", false
}

// resolveBusiness finds the business by ID or exact name, or the plan's.
func resolveBusiness(ctx context.Context, db *data.DB, business, planID string) (string, error) {
	if planID != "" {
		p, err := db.Plan(ctx, planID)
		if err != nil {
			return "", err
		}
		return p.BusinessID, nil
	}
	if b, err := db.Business(ctx, business); err == nil {
		return b.ID, nil
	}
	bs, err := db.Businesses(ctx)
	if err != nil {
		return "", err
	}
	for _, b := range bs {
		if strings.EqualFold(b.Name, business) {
			return b.ID, nil
		}
	}
	return "", app.Errorf(app.ErrNotFound, "There is no business %q in this workspace; create a plan for it first (salesplan plans create).", business)
}

func printRejects(env Env, s importer.Summary) {
	var reasons []string
	for r := range s.ByReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	fmt.Fprintf(env.Stderr, "%s rejected:\n", app.Count(int(s.Rejected), "row", "rows"))
	for _, r := range reasons {
		fmt.Fprintf(env.Stderr, "  %6d  %s\n", s.ByReason[r], r)
	}
	for i, r := range s.Rejects {
		if i == 20 {
			fmt.Fprintf(env.Stderr, "  … and %d more (use --json for the first %d)\n", s.Rejected-20, len(s.Rejects))
			break
		}
		fmt.Fprintf(env.Stderr, "  line %d, column %q: %s\n", r.Line, r.Column, r.Reason)
	}
}
