package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"salesplan/data"
)

// exportPlanCmd is `salesplan export plan --plan ID --out FILE [--with-history]`.
func exportPlanCmd(db *data.DB, args []string, env Env) error {
	fs := newFlags("export plan", "salesplan export plan --plan ID --out FILE.salesplan-plan [--with-history]: write one plan (its business and all its content) as one file to send to another workspace", env)
	planID := fs.String("plan", "", "plan ID")
	out := fs.String("out", "", "the plan file to write")
	withHistory := fs.Bool("with-history", false, "also send the business's sales history")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *planID == "" || *out == "" {
		return usageError("export plan needs --plan and --out")
	}
	if err := data.CheckTarget(*out, db.Path()); err != nil {
		return err
	}
	err := data.WriteFileAtomic(*out, func(w io.Writer) error {
		return db.ExportPlan(context.Background(), w, *planID, *withHistory)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote %s\n", Escape(*out))
	return nil
}

// importPlanCmd is `salesplan import plan FILE`.
func importPlanCmd(db *data.DB, args []string, env Env) error {
	fs := newFlags("import plan", "salesplan import plan FILE [--json]: bring a plan file into this workspace; a plan already here is merged field by field", env)
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
		return usageError("import plan needs a FILE")
	}
	rep, err := db.ImportPlan(context.Background(), file)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, map[string]any{
			"plan_id": rep.PlanID, "title": rep.Title, "new": rep.New,
			"added": rep.Merge.Added, "changed": rep.Merge.Changed, "kept": rep.Merge.Kept,
			"waiting": rep.Merge.Waiting, "conflicts": rep.Merge.Conflicts, "rejected": nonNil(rep.Merge.Rejected),
			"history_batches_added": rep.BatchesAdded, "history_batches_present": rep.BatchesPresent,
		})
	}
	fmt.Fprintln(env.Stdout, rep.Text())
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// syncCmd is `salesplan sync --folder DIR [--watch] [--key-file F]`.
func syncCmd(db *data.DB, args []string, env Env) error {
	fs := newFlags("sync", "salesplan sync --folder DIR [--watch] [--key-file FILE]: write this device's new changes to a folder a sync app shares, read everyone else's and merge them", env)
	folder := fs.String("folder", "", "the shared folder (kept in step by Syncthing, Dropbox, OneDrive, Nextcloud or a network share)")
	watch := fs.Bool("watch", false, "keep syncing until stopped (Ctrl+C)")
	every := fs.Duration("every", 5*time.Second, "with --watch: the time between rounds")
	keyFile := fs.String("key-file", "", "the team key file; change files not made with it are ignored")
	asJSON := fs.Bool("json", false, "print each round as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *folder == "" {
		return usageError("sync needs --folder DIR")
	}
	if *every < time.Second {
		return usageError("--every must be at least 1s")
	}
	var key []byte
	if *keyFile != "" {
		var err error
		if key, err = data.ReadKeyFile(*keyFile); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := data.SyncOptions{Folder: *folder, Key: key}
	for {
		rep, err := db.SyncFolder(ctx, opts)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if !*watch {
				return err
			}
			fmt.Fprintf(env.Stderr, "salesplan: sync failed: %s (trying again)\n", Escape(err.Error()))
		} else {
			printSync(rep, *asJSON, env, *watch)
		}
		if !*watch {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(*every):
		}
	}
}

func printSync(rep data.SyncReport, asJSON bool, env Env, quietWhenIdle bool) {
	for _, s := range rep.Skipped {
		retry := ""
		if s.Retry {
			retry = " (tried again next time)"
		}
		fmt.Fprintf(env.Stderr, "salesplan: skipped %s: %s%s\n", Escape(s.Name), Escape(s.Reason), retry)
	}
	for _, r := range rep.Merge.Rejected {
		fmt.Fprintf(env.Stderr, "salesplan: not applied: %s\n", Escape(r))
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(env.Stderr, "salesplan: %s\n", Escape(n))
	}
	if asJSON {
		writeJSON(env.Stdout, map[string]any{
			"device": rep.Device, "wrote": nonNil(rep.Wrote), "read": nonNil(rep.Read),
			"added": rep.Merge.Added, "changed": rep.Merge.Changed, "kept": rep.Merge.Kept, "waiting_rows": rep.Merge.Waiting,
			"new_conflicts": rep.Merge.Conflicts, "history_batches": rep.Batches, "skipped": len(rep.Skipped),
			"devices": rep.Devices, "changes_waiting": rep.Waiting, "conflicts": rep.Conflicts,
		})
		return
	}
	if quietWhenIdle && len(rep.Wrote) == 0 && len(rep.Read) == 0 {
		return
	}
	fmt.Fprintln(env.Stdout, SyncText(rep))
}

// SyncText says in words what a sync round did.
func SyncText(rep data.SyncReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Device %s: wrote %d files, read %d", rep.Device, len(rep.Wrote), len(rep.Read))
	if len(rep.Read) > 0 {
		fmt.Fprintf(&b, " (%d rows added, %d changed", rep.Merge.Added, rep.Merge.Changed)
		if rep.Batches > 0 {
			fmt.Fprintf(&b, ", %d history batches", rep.Batches)
		}
		b.WriteString(")")
	}
	fmt.Fprintf(&b, "; %d other devices seen", rep.Devices)
	if rep.Merge.Waiting > 0 {
		fmt.Fprintf(&b, "; %d rows wait for their plan to arrive", rep.Merge.Waiting)
	}
	if rep.Conflicts > 0 {
		fmt.Fprintf(&b, "; %d changes from other devices to look at (salesplan conflicts)", rep.Conflicts)
	}
	b.WriteString(".")
	return b.String()
}

// conflictsCmd is `salesplan conflicts [--json]`, `conflicts restore ID`
// and `conflicts dismiss ID`.
func conflictsCmd(db *data.DB, args []string, env Env) error {
	ctx := context.Background()
	if len(args) > 0 && (args[0] == "restore" || args[0] == "dismiss") {
		if len(args) != 2 {
			return usageError("conflicts " + args[0] + " needs the ID of one change")
		}
		if args[0] == "restore" {
			if err := db.RestoreConflict(ctx, args[1]); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "Restored the value; it reaches the other devices with the next sync.")
			return nil
		}
		if err := db.DismissConflict(ctx, args[1]); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "Dismissed; the value that won stays.")
		return nil
	}
	fs := newFlags("conflicts", "salesplan conflicts [--json] | conflicts restore ID | conflicts dismiss ID: the changes from other devices that met an edit made here", env)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	list, err := db.Conflicts(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		if list == nil {
			list = []data.Conflict{}
		}
		return writeJSON(env.Stdout, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stdout, "No changes from other devices to look at.")
		return nil
	}
	for _, c := range list {
		fmt.Fprintf(env.Stdout, "%s  %s.%s of %s: kept %s (device %s), lost %s (device %s, %s)\n", c.ID, c.Table, c.Column, c.RowID,
			Escape(fmt.Sprint(c.Won)), c.WonDevice, Escape(fmt.Sprint(c.Lost)), c.LostDevice, c.LostAt.Format(time.RFC3339))
	}
	return nil
}
