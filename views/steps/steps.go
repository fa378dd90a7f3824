// Package steps is the one place that lists the pages of a plan on the
// views side: adding a step's page is one line here (and one in app/steps
// for the step itself).
package steps

import (
	"salesplan/app"
	"salesplan/views"
	"salesplan/views/budget"
	"salesplan/views/objectives"
	"salesplan/views/overview"
	"salesplan/views/situation"
	"salesplan/views/sop"
	"salesplan/views/strategy"
	"salesplan/views/team"
)

// Pages returns the page of every step that has one.
func Pages() views.Pages {
	return views.Pages{
		app.PageOverview:   overview.Page,
		app.StepSituation:  situation.Page,
		app.StepObjectives: objectives.Page,
		app.StepStrategy:   strategy.Page,
		app.StepSOP:        sop.Page,
		app.StepBudget:     budget.Page,
		app.StepTeam:       team.Page,
	}
}
