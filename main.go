// Command salesplan is an offline desktop app that guides a small business
// through writing a sales plan and exports it as PDF. Run without a command
// it opens the window; see `salesplan --help` for the command line.
package main

import (
	_ "salesplan/internal/localeenv" // before the toolkit reads the locale

	"os"

	"salesplan/app/steps"
	"salesplan/cli"
	"salesplan/views"
	viewsteps "salesplan/views/steps"
)

func main() {
	reg, pages := steps.Registry(), viewsteps.Pages()
	os.Exit(cli.Run(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr,
		StartGUI: views.Runner(reg, pages), ChooseWorkspace: views.ChooserRunner(reg, pages)}))
}
