// Package teamfile reads the team's activity log and customer polls from
// a CSV or xlsx file for a plan: every row is parsed with the sales
// import's date and amount readers and checked against the plan's roster
// (app/team). It writes nothing: the caller saves the rows, all or none.
package teamfile

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"salesplan/app"
	"salesplan/app/team"
	"salesplan/data/importer"
)

// Kinds of file.
const (
	Activities = "activities"
	Polls      = "polls"
)

// Reject is one problem of a row.
type Reject struct {
	Line   int    `json:"line"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// String is the reject as a sentence naming the line and the column.
func (r Reject) String() string {
	if r.Column == "" {
		return fmt.Sprintf("Line %d: %s", r.Line, r.Reason)
	}
	return fmt.Sprintf("Line %d, column %q: %s", r.Line, r.Column, r.Reason)
}

// Result is what a file holds: the rows read (for an activities file
// Activities, for a polls file Polls), how many data rows it has, and the
// problems of its rows (RejectedRows counts the rows with one).
type Result struct {
	Rows         int
	Activities   []team.Activity
	Polls        []team.Poll
	Rejects      []Reject
	RejectedRows int
}

// Table returns the content table the result's rows go to and the rows.
func (r Result) Table(kind string) (string, any, int) {
	if kind == Polls {
		return team.TablePolls, r.Polls, len(r.Polls)
	}
	return team.TableActivities, r.Activities, len(r.Activities)
}

// ErrAmbiguousDates is returned when the dates fit both day/month and
// month/day and no order was given.
var ErrAmbiguousDates = app.Errorf(app.ErrInvalid, "The dates fit both day/month and month/day; choose the date order (dmy or mdy).")

// Read reads the file at path (sheet: the xlsx sheet, "" the first with
// data) as kind (Activities or Polls) for the plan of pd; order is the date
// order ("" = detect). A file that cannot be read or lacks a required
// column is an error; row problems are Rejects.
func Read(ctx context.Context, pd *app.PlanData, kind, path, sheet string, order importer.DateOrder) (Result, error) {
	t, err := importer.ReadTable(ctx, path, sheet)
	if err != nil {
		return Result{}, err
	}
	cols := activityColumns
	if kind == Polls {
		cols = pollColumns
	}
	m, err := mapTeamColumns(t, cols, kind)
	if err != nil {
		return Result{}, err
	}
	if order == "" {
		o, amb := t.DateOrder(m["date"])
		if amb {
			return Result{}, ErrAmbiguousDates
		}
		order = o
	}
	r := teamReader{pd: pd, c: team.Of(pd), t: t, m: m, order: order}
	res := Result{Rows: len(t.Rows)}
	if kind == Polls {
		res.Polls = r.polls()
	} else {
		res.Activities = r.activities()
	}
	res.Rejects = r.rejects
	lines := map[int]bool{}
	for _, rj := range r.rejects {
		lines[rj.Line] = true
	}
	res.RejectedRows = len(lines)
	return res, nil
}

// columnList writes a file's column names for a message, at most 20.
func columnList(headers []string) string {
	if len(headers) > 20 {
		return strings.Join(headers[:20], ", ") + fmt.Sprintf(" and %d more", len(headers)-20)
	}
	return strings.Join(headers, ", ")
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

// teamReader turns a file's rows into activities or polls of a plan.
type teamReader struct {
	pd      *app.PlanData
	c       *team.Content
	t       importer.Table
	m       map[string]int
	order   importer.DateOrder
	rejects []Reject
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
	r.rejects = append(r.rejects, Reject{Line: rec.Line, Column: col, Value: app.ShowInput(v, 200), Reason: reason})
}

// common reads the date and the rep of a row ("" and nil on a problem,
// which is listed).
func (r *teamReader) common(rec importer.Record) (string, *team.Rep, bool) {
	ok := true
	if rec.Problem != "" {
		r.rejects = append(r.rejects, Reject{Line: rec.Line, Reason: rec.Problem})
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
