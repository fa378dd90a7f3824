package cli

import (
	"context"
	"fmt"
	"strings"

	"salesplan/app"
	"salesplan/data"
)

// checkCmd runs `salesplan check`: SQLite's integrity check, reading only.
func checkCmd(dbPath string, args []string, env Env) error {
	fs := newFlags("check", "salesplan check [--quick]: check the workspace file for damage (reads only)", env)
	quick := fs.Bool("quick", false, "the faster quick_check instead of the full integrity check")
	if err := parse(fs, args); err != nil {
		return err
	}
	res, err := data.CheckWorkspace(context.Background(), dbPath, *quick)
	if err != nil {
		return err
	}
	if res.OK() {
		fmt.Fprintf(env.Stdout, "The workspace %s is intact.\n", Escape(res.Path))
		return nil
	}
	for _, p := range res.Problems {
		fmt.Fprintf(env.Stderr, "  %s\n", Escape(p))
	}
	msg := fmt.Sprintf("The workspace %s is damaged (%d %s found above).", res.Path, len(res.Problems), plural(len(res.Problems), "problem", "problems"))
	if res.NewestBackup != "" {
		msg += fmt.Sprintf(" Restore it from the newest backup, %s: close Salesplan, keep the damaged file aside, and copy the backup in its place.", res.NewestBackup)
	} else {
		msg += " No backup was found beside it. Keep the file as it is and save what can still be read into a new workspace with 'salesplan salvage --out FILE'."
	}
	return app.Errorf(data.ErrDamaged, "%s", msg)
}

// salvageCmd runs `salesplan salvage --out FILE`.
func salvageCmd(dbPath string, args []string, env Env) error {
	fs := newFlags("salvage", "salesplan salvage --out FILE: save what can still be read from a damaged workspace into a new workspace FILE; the damaged file is left as it is", env)
	out := fs.String("out", "", "the new workspace to write")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError("salvage needs --out FILE")
	}
	rep, err := data.Salvage(context.Background(), dbPath, *out)
	if err != nil {
		return err
	}
	var rows int64
	for _, n := range rep.Copied {
		rows += n
	}
	fmt.Fprintf(env.Stdout, "Saved %d rows into %s.\n", rows, Escape(*out))
	if len(rep.Lost) > 0 {
		fmt.Fprintf(env.Stdout, "Could not be read (lost): %s.\n", Escape(strings.Join(rep.Lost, "; ")))
	} else {
		fmt.Fprintln(env.Stdout, "Nothing was lost.")
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Escape makes text safe to print on a terminal: control characters (ESC,
// BEL, …, also C1 controls) and the bidirectional-text controls that can
// reorder a line are written as visible escapes such as \x1b or \u202e; tab
// is kept, everything else is printed as typed.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r <= 0x9f, isBidiControl(r), r == 0xfeff, r == 0x2028, r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) || r == 0xfeff || r == 0x2028 || r == 0x2029 {
			return true
		}
	}
	return false
}

// isBidiControl reports the Unicode bidirectional formatting characters.
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
