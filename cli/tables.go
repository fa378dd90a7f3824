package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/app/tabular"
	"salesplan/data"
)

// tableNames lists the exportable tables of the registry, for the help and
// error messages.
func tableNames() string {
	var names []string
	for _, t := range steps.Registry().Exports() {
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}

// exportTable writes one table of a plan as CSV or XLSX:
// salesplan export table --plan ID --table NAME --format csv|xlsx --out FILE.
func exportTable(db *data.DB, args []string, env Env) error {
	fs := newFlags("export table", "salesplan export table --plan ID --table NAME [--format csv|xlsx] --out FILE: write one of the plan's tables for a spreadsheet\n\nTables: "+tableNames(), env)
	planID := fs.String("plan", "", "plan ID")
	name := fs.String("table", "", "the table: "+tableNames())
	format := fs.String("format", "", "csv or xlsx (default: from the file name)")
	out := fs.String("out", "", "CSV or XLSX file to write")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *planID == "" || *name == "" || *out == "" {
		return usageError("export table needs --plan, --table and --out (tables: " + tableNames() + ")")
	}
	reg := steps.Registry()
	t, ok := reg.Export(strings.ToLower(*name))
	if !ok {
		return usageError(fmt.Sprintf("unknown table %q; use one of: %s", *name, tableNames()))
	}
	f := tabular.FormatOf(*format, *out)
	if f != "csv" && f != "xlsx" {
		return usageError("export table writes csv or xlsx: give --format csv|xlsx or a file name ending in .csv or .xlsx")
	}
	if err := data.CheckTarget(*out, db.Path()); err != nil {
		return err
	}
	ctx := context.Background()
	pd, err := app.LoadFullPlanData(ctx, db, reg, *planID, app.SystemLocale(env.Getenv), env.Now())
	if err != nil {
		return err
	}
	table := t.Build(&pd)
	if err := data.WriteFileAtomic(*out, func(w io.Writer) error { return tabular.Write(w, f, table, pd.Currency) }); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote %s (%s, %d rows)\n", Escape(*out), t.Title, len(table.Rows))
	return nil
}

// plansBrand shows or changes a plan's branding for the PDF:
// salesplan plans brand --plan ID [--logo FILE|--no-logo] [--color #RRGGBB]
// [--prepared-by NAME] [--prepared-for NAME] [--confidential TEXT].
// Only the flags given change; without any it prints the branding.
func plansBrand(db *data.DB, args []string, env Env) error {
	fs := newFlags("plans brand", "salesplan plans brand --plan ID [flags]: show or change the plan's branding in the PDF (only the flags given change)", env)
	planID := fs.String("plan", "", "plan ID")
	logo := fs.String("logo", "", "PNG or JPEG file for the cover (at most 2 MB)")
	noLogo := fs.Bool("no-logo", false, "remove the logo")
	color := fs.String("color", "", "primary colour #RRGGBB (empty: Salesplan's blue)")
	by := fs.String("prepared-by", "", "the consultant who prepared the plan")
	forWhom := fs.String("prepared-for", "", "the client the plan is for")
	conf := fs.String("confidential", "", "a confidentiality line for the cover and every page's footer")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *planID == "" {
		return usageError("plans brand needs --plan ID")
	}
	ctx := context.Background()
	if _, err := db.Plan(ctx, *planID); err != nil {
		return err
	}
	var rows []app.Branding
	if err := db.Rows(ctx, app.BrandingTable.Name, *planID, &rows); err != nil {
		return err
	}
	b := app.Branding{PlanID: *planID}
	if len(rows) > 0 {
		b = rows[0]
	}
	changed := false
	var ferr error
	fs.Visit(func(f *flag.Flag) {
		changed = true
		switch f.Name {
		case "logo":
			raw, err := os.ReadFile(*logo)
			if err != nil {
				ferr = fmt.Errorf("cannot read the logo: %w", err)
				return
			}
			if err := b.SetLogo(filepath.Base(*logo), raw); err != nil && ferr == nil {
				ferr = err
			}
		case "no-logo":
			if *noLogo {
				b.Logo, b.LogoName = "", ""
			}
		case "color":
			b.Color = *color
		case "prepared-by":
			b.PreparedBy = *by
		case "prepared-for":
			b.PreparedFor = *forWhom
		case "confidential":
			b.Confidential = *conf
		}
	})
	if ferr != nil {
		return ferr
	}
	if *logo != "" && *noLogo {
		return usageError("give either --logo FILE or --no-logo")
	}
	if changed {
		if err := db.SaveRow(ctx, app.BrandingTable.Name, &b); err != nil {
			return err
		}
	}
	logoText := "none"
	if b.Logo != "" {
		logoText = b.LogoName
	}
	orNone := func(s string) string {
		if s == "" {
			return "(none)"
		}
		return Escape(s)
	}
	fmt.Fprintf(env.Stdout, "Logo:          %s\nColour:        %s\nPrepared by:   %s\nPrepared for:  %s\nConfidential:  %s\n",
		Escape(logoText), orNone(b.Color), orNone(b.PreparedBy), orNone(b.PreparedFor), orNone(b.Confidential))
	return nil
}
