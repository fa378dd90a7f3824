// Package steps is the one place that lists the pages of a plan: adding a
// step is one line here (and one in views/steps for its page).
package steps

import (
	"salesplan/app"
	"salesplan/app/budget"
	"salesplan/app/objectives"
	"salesplan/app/overview"
	"salesplan/app/report"
	"salesplan/app/situation"
	"salesplan/app/sop"
	"salesplan/app/strategy"
	"salesplan/app/team"
)

// Registry returns the pages of a Salesplan plan: the Overview and the six
// steps in navigation order.
func Registry() *app.Registry {
	reg := app.NewRegistry(
		overview.Page(),
		situation.Step(),
		objectives.Step(),
		strategy.Step(),
		sop.Step(),
		budget.Step(),
		team.Step(),
	)
	reg.SetSummary(executiveSummary)
	reg.SetReview(func(pd *app.PlanData, opts app.ExportOptions) report.Document {
		return overview.ReviewDocument(pd, opts.Now)
	})
	return reg
}
