package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/app/team"
	"salesplan/data"
	"salesplan/data/importer"
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

// teamColumn is a column of a team import: its field, the header names
// that mean it and whether the file must have it.
type teamColumn struct {
	field    string
	names    []string
	sales    importer.Field // the sales import's field with the same meaning ("" when none)
	required bool
}

var activityColumns = []teamColumn{
	{"date", []string{"date", "day"}, importer.Date, true},
	{"rep", []string{"rep", "salesperson", "sales rep", "sales person"}, importer.Salesperson, true},
	{"kind", []string{"kind", "activity", "type", "activity type"}, "", true},
	{"count", []string{"count", "number", "n", "activities", "qty", "quantity"}, "", true},
	{"customer", []string{"customer", "client", "account"}, importer.Customer, false},
	{"amount", []string{"amount", "value", "revenue", "order value"}, importer.Amount, false},
	{"group", []string{"product group", "group", "category"}, importer.Group, false},
}

var pollColumns = []teamColumn{
	{"date", []string{"date", "day"}, importer.Date, true},
	{"rep", []string{"rep", "salesperson", "sales rep", "sales person"}, importer.Salesperson, true},
	{"rating", []string{"rating", "score", "grade", "stars"}, "", true},
	{"customer", []string{"customer", "client", "account"}, importer.Customer, false},
	{"scale", []string{"scale", "out of", "max"}, "", false},
	{"comment", []string{"comment", "comments", "remark", "note", "notes", "feedback"}, "", false},
}

// mapTeamColumns finds each column of cols in t; a missing required one is
// a sentence naming the columns the file has.
func mapTeamColumns(t importer.Table, cols []teamColumn, what string) (map[string]int, error) {
	m := map[string]int{}
	used := map[int]bool{}
	var missing []string
	for _, c := range cols {
		i := t.Column(c.names...)
		if i < 0 && c.sales != "" {
			i = t.GuessColumn(c.sales)
		}
		if i >= 0 && !used[i] {
			m[c.field], used[i] = i, true
			continue
		}
		if c.required {
			missing = append(missing, c.field)
		}
	}
	if len(missing) > 0 {
		return nil, app.Errorf(app.ErrInvalid, "The file has no column for %s; %s need the columns %s (its columns: %s).",
			strings.Join(missing, " and "), what, requiredNames(cols), columnList(t.Headers))
	}
	return m, nil
}

func requiredNames(cols []teamColumn) string {
	var req, opt []string
	for _, c := range cols {
		if c.required {
			req = append(req, c.field)
		} else {
			opt = append(opt, c.field)
		}
	}
	return strings.Join(req, ", ") + " (optional: " + strings.Join(opt, ", ") + ")"
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
	t, err := importer.ReadTable(ctx, file, *sheet)
	if err != nil {
		return err
	}
	cols := activityColumns
	if kind == "polls" {
		cols = pollColumns
	}
	m, err := mapTeamColumns(t, cols, kind)
	if err != nil {
		return err
	}
	dateOrder := importer.DateOrder(*order)
	if dateOrder == "" {
		o, amb := t.DateOrder(m["date"])
		if amb {
			return usageError("the dates fit both day/month and month/day; say which with --date-order dmy or --date-order mdy")
		}
		dateOrder = o
	}
	r := teamReader{pd: &pd, c: team.Of(&pd), t: t, m: m, order: dateOrder}
	out := TeamImportJSON{Plan: pd.Plan.ID, File: file, Kind: kind, Rows: len(t.Rows), Rejects: []RejectJSON{}}
	var rows any
	n := 0
	if kind == "polls" {
		ps := r.polls()
		rows, n = ps, len(ps)
	} else {
		as := r.activities()
		rows, n = as, len(as)
	}
	out.Rejects = append(out.Rejects, r.rejects...)
	lines := map[int]bool{}
	for _, rj := range r.rejects {
		lines[rj.Line] = true
	}
	out.Rejected = len(lines)
	if out.Rejected > 0 {
		if *asJSON {
			writeJSON(env.Stdout, out)
		}
		printTeamRejects(env, out.Rejected, r.rejects)
		return app.Errorf(app.ErrInvalid, "%d of %d rows were rejected; nothing was imported. Fix them and import the file again.", out.Rejected, out.Rows)
	}
	table := team.TableActivities
	if kind == "polls" {
		table = team.TablePolls
	}
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

// teamReader turns a file's rows into activities or polls of a plan.
type teamReader struct {
	pd      *app.PlanData
	c       *team.Content
	t       importer.Table
	m       map[string]int
	order   importer.DateOrder
	rejects []RejectJSON
}

func (r *teamReader) cell(rec importer.Record, field string) (string, string) {
	i, ok := r.m[field]
	if !ok {
		return "", ""
	}
	return rec.Cell(i), r.t.Headers[i]
}

func (r *teamReader) reject(rec importer.Record, field, reason string) {
	v, col := r.cell(rec, field)
	r.rejects = append(r.rejects, RejectJSON{Line: rec.Line, Column: col, Value: app.ShowInput(v, 200), Reason: reason})
}

// common reads the date and the rep of a row ("" and nil on a problem,
// which is listed).
func (r *teamReader) common(rec importer.Record) (string, *team.Rep, bool) {
	ok := true
	if rec.Problem != "" {
		r.rejects = append(r.rejects, RejectJSON{Line: rec.Line, Reason: rec.Problem})
		return "", nil, false
	}
	date := ""
	if v, _ := r.cell(rec, "date"); v == "" {
		r.reject(rec, "date", "The date is empty; write the day of the activity, e.g. 2027-03-01.")
		ok = false
	} else if d, err := importer.ParseDate(v, r.order); err != nil {
		r.reject(rec, "date", app.ErrorMessage(err))
		ok = false
	} else {
		date = d.Format(team.DateLayout)
	}
	name, _ := r.cell(rec, "rep")
	rep, msg := r.c.FindRep(name)
	if rep == nil {
		r.reject(rec, "rep", msg)
		ok = false
	}
	return date, rep, ok
}

// checked lists the roster's problems with a row (hire date, plan period).
func (r *teamReader) checked(rec importer.Record, problems []string, field string) bool {
	for _, p := range problems {
		r.reject(rec, field, p)
	}
	return len(problems) == 0
}

func (r *teamReader) activities() []team.Activity {
	var out []team.Activity
	for _, rec := range r.t.Rows {
		date, rep, ok := r.common(rec)
		a := team.Activity{PlanID: r.pd.Plan.ID, Date: date}
		if rep != nil {
			a.RepIDs = []string{rep.ID}
		}
		kind, _ := r.cell(rec, "kind")
		if k, good := team.ParseKind(kind); good {
			a.Kind = k
		} else if rec.Problem == "" {
			r.reject(rec, "kind", team.KindProblem(kind))
			ok = false
		}
		if v, _ := r.cell(rec, "count"); rec.Problem == "" {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			switch {
			case v == "":
				r.reject(rec, "count", "The count is empty; write how many there were, e.g. 3 (0 is fine).")
				ok = false
			case err != nil:
				r.reject(rec, "count", fmt.Sprintf("“%s” is not a whole number; write how many there were, e.g. 3.", app.ShowInput(v, 40)))
				ok = false
			default:
				a.Count = n
			}
		}
		a.Customer, _ = r.cell(rec, "customer")
		a.Group, _ = r.cell(rec, "group")
		if v, _ := r.cell(rec, "amount"); v != "" && rec.Problem == "" {
			x, err := importer.ParseAmount(v, r.pd.Currency, 0)
			if err != nil {
				r.reject(rec, "amount", app.ErrorMessage(err))
				ok = false
			} else {
				a.Amount = x
			}
		}
		if !ok {
			continue
		}
		if r.checked(rec, team.CheckActivity(r.c, r.pd.Plan, a), "date") {
			out = append(out, a)
		}
	}
	return out
}

func (r *teamReader) polls() []team.Poll {
	var out []team.Poll
	for _, rec := range r.t.Rows {
		date, rep, ok := r.common(rec)
		q := team.Poll{PlanID: r.pd.Plan.ID, Date: date, Scale: team.Scale5}
		if rep != nil {
			q.RepIDs = []string{rep.ID}
		}
		if rec.Problem != "" {
			continue
		}
		if v, _ := r.cell(rec, "scale"); v != "" {
			switch strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(v), "1-"), "0-")) {
			case "5":
				q.Scale = team.Scale5
			case "10":
				q.Scale = team.Scale10
			default:
				r.reject(rec, "scale", fmt.Sprintf("The scale “%s” is neither 5 (ratings 1–5) nor 10 (ratings 0–10); write 5 or 10, or leave it empty for 5.", app.ShowInput(v, 40)))
				ok = false
			}
		}
		v, _ := r.cell(rec, "rating")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		switch {
		case v == "":
			r.reject(rec, "rating", "The rating is empty; write the customer's rating, e.g. 4.")
			ok = false
		case err != nil:
			r.reject(rec, "rating", fmt.Sprintf("“%s” is not a whole number; write the customer's rating, e.g. 4.", app.ShowInput(v, 40)))
			ok = false
		default:
			q.Rating = n
			if ok {
				if m := team.RatingProblem(n, q.Scale); m != "" {
					r.reject(rec, "rating", m)
					ok = false
				}
			}
		}
		q.Customer, _ = r.cell(rec, "customer")
		q.Comment, _ = r.cell(rec, "comment")
		if !ok {
			continue
		}
		if r.checked(rec, team.CheckPoll(r.c, r.pd.Plan, q), "date") {
			out = append(out, q)
		}
	}
	return out
}
