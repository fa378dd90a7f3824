// Package cli is the command line of Salesplan: every export the GUI makes
// can be scripted from here. With no command it starts the GUI.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"salesplan/app"
	"salesplan/app/report"
	"salesplan/app/steps"
	"salesplan/data"
)

// Version is the application version.
const Version = "0.1.0"

// AppID is the application ID (FyneApp.toml); the default workspace lives
// in its storage folder.
const AppID = "app.salesplan.desktop"

// Env is what the command line needs from the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
	// StartGUI opens the main window on db and returns when it closes.
	StartGUI func(db *data.DB, path string) error
	// ChooseWorkspace, when set, is the window shown instead when the
	// workspace for the window cannot be opened: it says why (problem) and
	// lets the person choose another, which open opens.
	ChooseWorkspace func(path string, problem error, open func(string) (*data.DB, error)) error
}

// DefaultWorkspace is the workspace used without --db or SALESPLAN_DB: in
// the per-user storage folder of the Fyne app.
func DefaultWorkspace() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "fyne", AppID, "workspace.salesplan")
}

// usageError is a mistake in the command line; its text says how to fix it.
type usageError string

func (e usageError) Error() string { return string(e) }

const usage = `Salesplan — write a complete sales plan and export it as PDF.

Usage:
  salesplan [--db FILE]                 open the application window
  salesplan version                     print the version
  salesplan plans list [--json]         list the plans of the workspace
  salesplan plans create --business NAME --title TITLE --start YYYY-MM
                         [--months 12] [--currency EUR] [--json]
  salesplan plans delete ID             move a plan to the Trash
  salesplan plans brand --plan ID [--logo FILE|--no-logo] [--color #RRGGBB]
                         [--prepared-by NAME] [--prepared-for NAME]
                         [--confidential TEXT]
                                        show or change the plan's branding in the PDF
  salesplan demo                        add the demo business and plan; prints the plan ID
  salesplan show --plan ID --step STEP --json
                                        a step's content and results as JSON
                                        (STEP: overview, situation, objectives,
                                        strategy, sop, budget, team)
  salesplan export pdf --plan ID --out FILE [--budget-only|--review] [--cents]
                         [--unfinished omit|list|include] [--unbranded]
                                        the plan as a PDF for the client; dates
                                        from the plan's last edit; --review: the
                                        Overview's dashboard as a short PDF for
                                        the monthly meeting
  salesplan export table --plan ID --table NAME [--format csv|xlsx] --out FILE
                                        one table for a spreadsheet; NAME is one of
                                        %[2]s
  salesplan backup --out FILE           write one consistent copy of the workspace
  salesplan check [--quick]             check the workspace file for damage
  salesplan salvage --out FILE          save what can still be read from a damaged
                                        workspace into a new one
  salesplan import sales FILE --business ID|--plan ID [--map field=Header]...
                         [--sheet NAME] [--date-order dmy|mdy|ymd] [--skip-bad]
                         [--replace-period|--append] [--json]
  salesplan import expenses FILE --plan ID [--map field=Header]... [--sheet NAME]
                         [--add-lines] [--json]
                                        record actual expenses (month YYYY-MM,
                                        line, amount) in the plan's budget
  salesplan import activities FILE --plan ID [--sheet NAME] [--date-order ...] [--json]
                                        the team's activity log (columns date, rep, kind,
                                        count; optional customer, amount, product group)
  salesplan import polls FILE --plan ID [--sheet NAME] [--date-order ...] [--json]
                                        customers' ratings of the reps (columns date, rep,
                                        rating; optional customer, scale 5|10, comment)
  salesplan export plan --plan ID --out FILE.salesplan-plan [--with-history]
                                        one plan as one file, to send to another workspace
  salesplan import plan FILE [--json]   bring a plan file in (a plan already here is merged)
  salesplan sync --folder DIR [--watch] [--every 5s] [--key-file FILE] [--json]
                                        keep laptops in step through a folder a sync app
                                        (Syncthing, Dropbox, …) shares; creates the workspace
                                        when there is none
  salesplan conflicts [--json]          changes from other devices that met an edit made here
  salesplan conflicts restore|dismiss ID
  salesplan forecast --plan ID [--by total|group|region|rep] [--horizon 12]
                         [--holdout N] [--json]

Every command takes --db FILE (or the SALESPLAN_DB variable) to choose the
workspace; the default is ` + "%[1]s" + `.
`

// Run runs the command line and returns the exit code.
func Run(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	dbPath, rest, err := splitDB(args)
	if err == nil && dbPath == "" {
		dbPath = env.Getenv("SALESPLAN_DB")
	}
	isDefault := false
	if dbPath == "" {
		dbPath = DefaultWorkspace()
		isDefault = true
	}
	if err == nil {
		err = run(rest, dbPath, env, isDefault)
	}
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "salesplan: %s\nRun 'salesplan --help' for usage.\n", Escape(ue.Error()))
		return 2
	}
	fmt.Fprintf(env.Stderr, "salesplan: %s\n", Escape(app.ErrorMessage(err)))
	return 1
}

// splitDB takes --db FILE (anywhere in args) out of args.
func splitDB(args []string) (string, []string, error) {
	var path string
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--db" || a == "-db":
			if i+1 >= len(args) {
				return "", nil, usageError("--db needs a file name")
			}
			path = args[i+1]
			i++
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			path = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
		}
	}
	return path, rest, nil
}

func run(args []string, dbPath string, env Env, isDefault bool) error {
	// Commands that read (or change what is there) need an existing
	// workspace; commands that create make one, in an existing folder (the
	// folder of the default workspace is made on first use).
	withDB := func(path string, env Env, fn func(*data.DB) error) error {
		return withWorkspace(path, env, false, fn)
	}
	creating := func(path string, env Env, fn func(*data.DB) error) error {
		if isDefault {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("Cannot create the folder %s for the workspace. Choose a workspace with --db FILE.", filepath.Dir(path)), Err: err}
			}
		}
		return withWorkspace(path, env, true, fn)
	}
	if len(args) == 0 {
		if env.StartGUI == nil {
			return usageError("no command given")
		}
		if err := checkDisplay(env); err != nil {
			return err
		}
		if isDefault {
			os.MkdirAll(filepath.Dir(dbPath), 0o755)
		}
		// The window checks for damage in the background, so it shows at once.
		db, err := openForWriting(dbPath, env, false)
		if err != nil {
			if env.ChooseWorkspace == nil {
				return err
			}
			return env.ChooseWorkspace(dbPath, err, func(p string) (*data.DB, error) { return openForWriting(p, env, false) })
		}
		defer db.Close()
		return env.StartGUI(db, dbPath)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "--help", "help":
		fmt.Fprintf(env.Stdout, usage, DefaultWorkspace(), tableNames())
		return nil
	case "version", "--version":
		fmt.Fprintf(env.Stdout, "salesplan %s (workspace format %d)\n", Version, data.SchemaVersion())
		return nil
	case "plans":
		if len(rest) == 0 {
			return usageError("plans needs a subcommand: list, create, delete or brand")
		}
		switch rest[0] {
		case "list":
			return withDB(dbPath, env, func(db *data.DB) error { return plansList(db, rest[1:], env) })
		case "create":
			return creating(dbPath, env, func(db *data.DB) error { return plansCreate(db, rest[1:], env) })
		case "delete":
			return withWorkspace(dbPath, env, false, func(db *data.DB) error {
				if err := db.QuickCheck(context.Background()); err != nil {
					return err
				}
				return plansDelete(db, rest[1:], env)
			})
		case "brand":
			return withWorkspace(dbPath, env, false, func(db *data.DB) error {
				if err := db.QuickCheck(context.Background()); err != nil {
					return err
				}
				return plansBrand(db, rest[1:], env)
			})
		}
		return usageError(fmt.Sprintf("unknown plans subcommand %q (use list, create, delete or brand)", rest[0]))
	case "demo":
		fs := newFlags("demo", "salesplan demo: add the demo business with its history and a demo plan; prints the plan ID", env)
		if err := parse(fs, rest); err != nil {
			return err
		}
		return creating(dbPath, env, func(db *data.DB) error {
			// All or nothing: the demo is written into a staging workspace and
			// copied into this one in one transaction.
			var p app.Plan
			err := db.AllOrNothing(context.Background(), func(stage *data.DB) error {
				var err error
				p, err = app.CreateDemo(context.Background(), stage, steps.Registry(), env.Now())
				return err
			})
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, p.ID)
			return nil
		})
	case "check":
		return checkCmd(dbPath, rest, env)
	case "salvage":
		return salvageCmd(dbPath, rest, env)
	case "backup":
		fs := newFlags("backup", "salesplan backup --out FILE: write one consistent copy of the workspace, with every saved change, to FILE", env)
		out := fs.String("out", "", "the copy to write (a new file)")
		if err := parse(fs, rest); err != nil {
			return err
		}
		if *out == "" {
			return usageError("backup needs --out FILE")
		}
		return withDB(dbPath, env, func(db *data.DB) error {
			if err := db.BackupTo(context.Background(), *out); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Wrote a copy of the workspace to %s\n", Escape(*out))
			return nil
		})
	case "sync":
		// A new device joins with one command: no workspace yet, one is made.
		return creating(dbPath, env, func(db *data.DB) error { return syncCmd(db, rest, env) })
	case "conflicts":
		return withDB(dbPath, env, func(db *data.DB) error { return conflictsCmd(db, rest, env) })
	case "show":
		return withDB(dbPath, env, func(db *data.DB) error { return show(db, rest, env) })
	case "forecast":
		return withDB(dbPath, env, func(db *data.DB) error { return forecastCmd(db, rest, env) })
	case "import":
		if len(rest) > 0 && rest[0] == "expenses" {
			return withDB(dbPath, env, func(db *data.DB) error { return importExpenses(db, rest[1:], env) })
		}
		if len(rest) > 0 && (rest[0] == "activities" || rest[0] == "polls") {
			return withDB(dbPath, env, func(db *data.DB) error { return teamImport(db, rest[0], rest[1:], env) })
		}
		if len(rest) > 0 && rest[0] == "plan" {
			return creating(dbPath, env, func(db *data.DB) error { return importPlanCmd(db, rest[1:], env) })
		}
		if len(rest) == 0 || rest[0] != "sales" {
			return usageError("import needs a kind: salesplan import sales|expenses|activities|polls|plan FILE ...")
		}
		return creating(dbPath, env, func(db *data.DB) error { return importCmd(db, rest[1:], env) })
	case "export":
		if len(rest) > 0 && rest[0] == "plan" {
			return withDB(dbPath, env, func(db *data.DB) error { return exportPlanCmd(db, rest[1:], env) })
		}
		if len(rest) > 0 && rest[0] == "budget" {
			return withDB(dbPath, env, func(db *data.DB) error { return exportBudget(db, rest[1:], env) })
		}
		if len(rest) > 0 && rest[0] == "table" {
			return withDB(dbPath, env, func(db *data.DB) error { return exportTable(db, rest[1:], env) })
		}
		if len(rest) == 0 || rest[0] != "pdf" {
			return usageError("export needs a format: salesplan export pdf --plan ID --out FILE")
		}
		return withDB(dbPath, env, func(db *data.DB) error { return exportPDF(db, rest[1:], env) })
	}
	return usageError(fmt.Sprintf("unknown command %q", cmd))
}

// openForWriting opens (or creates, in an existing folder) the workspace
// at path for a command that writes; with quickCheck it refuses a damaged
// file.
func openForWriting(path string, env Env, quickCheck bool) (*data.DB, error) {
	db, err := data.Open(path)
	if err != nil {
		return nil, err
	}
	if quickCheck {
		if err := db.QuickCheck(context.Background()); err != nil {
			db.Close()
			return nil, err
		}
	}
	if db.WasEmpty {
		fmt.Fprintf(env.Stderr, "salesplan: %s was an empty file; it is now a new, empty workspace.\n", Escape(db.Path()))
	}
	db.Now = env.Now
	if err := db.Declare(steps.Registry().Tables()...); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// withWorkspace opens the workspace at path (creating it when create is
// set), runs fn and closes it.
func withWorkspace(path string, env Env, create bool, fn func(*data.DB) error) error {
	var db *data.DB
	var err error
	if create {
		db, err = openForWriting(path, env, true)
	} else {
		db, err = data.OpenExisting(path)
	}
	if err != nil {
		return err
	}
	db.Now = env.Now
	if err := db.Declare(steps.Registry().Tables()...); err != nil {
		db.Close()
		return err
	}
	err = fn(db)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// cmdFlags is a command's flag set with its help text.
type cmdFlags struct {
	*flag.FlagSet
	help string
	out  io.Writer
}

// newFlags returns a flag set that prints its help to stdout on -h and
// turns mistakes into usage errors (without the whole help).
func newFlags(name, help string, env Env) *cmdFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &cmdFlags{FlagSet: fs, help: help, out: env.Stdout}
}

// parseSome parses flags and leaves positional arguments for the caller.
func (fs *cmdFlags) parseSome(args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(fs.out, fs.help)
			fs.SetOutput(fs.out)
			fs.PrintDefaults()
			fs.SetOutput(io.Discard)
			return err
		}
		return usageError(err.Error())
	}
	return nil
}

// parse parses flags and refuses positional arguments.
func parse(fs *cmdFlags, args []string) error {
	if err := fs.parseSome(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	return nil
}

// PlanJSON is the stable JSON form of a plan in `plans list` and `plans create`.
type PlanJSON struct {
	ID           string  `json:"id"`
	BusinessID   string  `json:"business_id"`
	Business     string  `json:"business"`
	Title        string  `json:"title"`
	Start        string  `json:"start"`
	End          string  `json:"end"`
	Months       int     `json:"months"`
	Currency     string  `json:"currency"`
	IsDemo       bool    `json:"is_demo"`
	CreatedAt    string  `json:"created_at"`
	UpdatedAt    string  `json:"updated_at"`
	LastOpenedAt *string `json:"last_opened_at"`
}

func planJSON(p app.Plan) PlanJSON {
	j := PlanJSON{ID: p.ID, BusinessID: p.BusinessID, Business: p.BusinessName, Title: p.Title, Start: p.Start.String(),
		End: p.End().String(), Months: p.Months, Currency: p.Currency, IsDemo: p.IsDemo,
		CreatedAt: p.CreatedAt.UTC().Format(time.RFC3339), UpdatedAt: p.UpdatedAt.UTC().Format(time.RFC3339)}
	if p.LastOpened != nil {
		s := p.LastOpened.UTC().Format(time.RFC3339)
		j.LastOpenedAt = &s
	}
	return j
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func plansList(db *data.DB, args []string, env Env) error {
	fs := newFlags("plans list", "salesplan plans list [--json]: the plans of the workspace, most recently opened first", env)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	plans, err := db.Plans(context.Background(), data.PlanFilter{})
	if err != nil {
		return err
	}
	if *asJSON {
		out := []PlanJSON{}
		for _, p := range plans {
			out = append(out, planJSON(p))
		}
		return writeJSON(env.Stdout, out)
	}
	if len(plans) == 0 {
		fmt.Fprintln(env.Stdout, "No plans yet. Create one with 'salesplan plans create' or try 'salesplan demo'.")
		return nil
	}
	sort.SliceStable(plans, func(i, j int) bool { return plans[i].BusinessName < plans[j].BusinessName })
	for _, p := range plans {
		fmt.Fprintf(env.Stdout, "%s  %-30s  %s  %s  %s\n", p.ID, Escape(p.BusinessName), p.PeriodLabel(), p.Currency, Escape(p.Title))
	}
	return nil
}

func plansCreate(db *data.DB, args []string, env Env) error {
	fs := newFlags("plans create", "salesplan plans create --business NAME --title TITLE --start YYYY-MM [--months 12] [--currency EUR] [--json]", env)
	business := fs.String("business", "", "business (client) name; created when new")
	title := fs.String("title", "", "plan name")
	start := fs.String("start", "", "first month, YYYY-MM")
	months := 12
	fs.Var(decimalInt{&months}, "months", "number of months, 1 to 60")
	currency := fs.String("currency", "", "ISO 4217 currency code (default: the business's, else EUR)")
	asJSON := fs.Bool("json", false, "print the new plan as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *business == "" || *title == "" || *start == "" {
		return usageError("plans create needs --business, --title and --start")
	}
	m, err := parsePlanStart(*start, months)
	if err != nil {
		return err
	}
	ctx := context.Background()
	cur := *currency
	if cur == "" {
		cur = "EUR"
	}
	b, err := db.FindOrCreateBusiness(ctx, *business, cur)
	if err != nil {
		return err
	}
	p, err := db.CreatePlan(ctx, app.Plan{BusinessID: b.ID, Title: *title, Start: m, Months: months, Currency: strings.ToUpper(*currency),
		Locale: app.SystemLocale(env.Getenv).Tag}) // the plan keeps the locale it was written in
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, planJSON(p))
	}
	fmt.Fprintln(env.Stdout, p.ID)
	return nil
}

func plansDelete(db *data.DB, args []string, env Env) error {
	fs := newFlags("plans delete", "salesplan plans delete ID: move a plan to the Trash (restore it in the application)", env)
	if err := fs.parseSome(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError("plans delete needs exactly one plan ID")
	}
	if err := db.DeletePlan(context.Background(), fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Moved plan %s to the Trash.\n", fs.Arg(0))
	return nil
}

// ShowJSON is the stable JSON of `salesplan show`.
type ShowJSON struct {
	PlanID  string `json:"plan_id"`
	Step    string `json:"step"`
	Number  int    `json:"number"`
	Title   string `json:"title"`
	Status  string `json:"status"`
	Pending string `json:"pending,omitempty"`
	Content any    `json:"content"`
}

func show(db *data.DB, args []string, env Env) error {
	fs := newFlags("show", "salesplan show --plan ID --step STEP --json: a step's content and derived results", env)
	planID := fs.String("plan", "", "plan ID")
	stepName := fs.String("step", "", "overview, situation, objectives, strategy, sop, budget or team")
	fs.Bool("json", true, "print JSON (the only format)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *planID == "" || *stepName == "" {
		return usageError("show needs --plan and --step")
	}
	reg := steps.Registry()
	pd, err := app.LoadFullPlanData(context.Background(), db, reg, *planID, app.SystemLocale(env.Getenv), env.Now())
	if err != nil {
		return err
	}
	s, ok := reg.Step(app.StepID(*stepName))
	if !ok {
		var names []string
		for _, s := range reg.Steps() {
			names = append(names, string(s.ID))
		}
		return usageError(fmt.Sprintf("unknown step %q; use overview or one of: %s", *stepName, strings.Join(names, ", ")))
	}
	st := reg.Status(s.ID, &pd)
	if s.ID == app.PageOverview {
		st = reg.PlanStatus(&pd)
	}
	out := ShowJSON{PlanID: pd.Plan.ID, Step: string(s.ID), Number: s.Number, Title: s.Title,
		Status: strings.ReplaceAll(st.String(), " ", "_"), Pending: s.Pending}
	if s.Show != nil {
		out.Content = s.Show(&pd)
	}
	return writeJSON(env.Stdout, out)
}

func exportPDF(db *data.DB, args []string, env Env) error {
	fs := newFlags("export pdf", "salesplan export pdf --plan ID --out FILE: write the whole plan as a PDF", env)
	planID := fs.String("plan", "", "plan ID")
	out := fs.String("out", "", "PDF file to write")
	budgetOnly := fs.Bool("budget-only", false, "write the cover and only the sales budget (step 5)")
	review := fs.Bool("review", false, "write the monthly review: the Overview's dashboard in four pages")
	unfinished := fs.String("unfinished", "omit", "steps not complete yet: omit (the client PDF), list (omit, listed as to be completed) or include (an internal draft)")
	cents := fs.Bool("cents", false, "print every amount with cents (default: whole currency units, cents only for prices and commissions)")
	unbranded := fs.Bool("unbranded", false, "leave out the plan's logo, colour, names and confidentiality line")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *planID == "" || *out == "" {
		return usageError("export pdf needs --plan and --out")
	}
	if *review && *budgetOnly {
		return usageError("export pdf takes --review or --budget-only, not both")
	}
	how, err := report.ParseUnfinished(*unfinished)
	if err != nil {
		return usageError(err.Error())
	}
	if err := data.CheckTarget(*out, db.Path()); err != nil {
		return err
	}
	ctx := context.Background()
	pd, err := app.LoadFullPlanData(ctx, db, steps.Registry(), *planID, app.SystemLocale(env.Getenv), env.Now())
	if err != nil {
		return err
	}
	// The PDF's dates are the plan's last edit: an unchanged plan gives
	// the same bytes.
	edited, err := db.LastEdited(ctx, *planID)
	if err != nil {
		return err
	}
	// Written under a locked temporary name and renamed when complete; the
	// leftovers of killed exports are removed first.
	err = data.WriteFileAtomic(*out, func(w io.Writer) error {
		opts := app.ExportOptions{Now: edited, Unfinished: how, Cents: *cents, Unbranded: *unbranded}
		if *review {
			return steps.Registry().ExportReview(ctx, w, &pd, opts)
		}
		if *budgetOnly {
			return report.Build(ctx, w, app.PlanDocumentWith(&pd, steps.Registry(), opts, app.StepBudget), opts)
		}
		return app.ExportPDF(ctx, w, &pd, steps.Registry(), opts)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote %s\n", Escape(*out))
	return nil
}
