package objectives

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"salesplan/app"
	model "salesplan/app/objectives"
	"salesplan/app/situation"
	"salesplan/views"
	"salesplan/views/viewstest"
)

var ctx = context.Background()

func TestObjectiveVerdictsFollowTypingAndLinksKeepTheirItem(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	// Two SWOT items with the same text stay distinct when linked.
	var items []situation.SWOTItem
	for _, txt := range []string{"Good service", "Good service"} {
		it := situation.SWOTItem{PlanID: plans[0].ID, Quadrant: "S", Text: txt, Impact: 3}
		if err := db.SaveRow(ctx, situation.TableSWOT, &it); err != nil {
			t.Fatal(err)
		}
		items = append(items, it)
	}
	u := viewstest.NewUI(t, db, views.Pages{app.StepObjectives: Page})
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.StepObjectives)
	addObjective(ps, model.KindLeads, nil)
	u.Wait()
	if n := len(model.Of(ps.Data()).Objectives); n != 1 {
		t.Fatalf("%d objectives after Add", n)
	}
	e := newObjectiveEditor(ps, 0, func() {})
	if !strings.HasPrefix(e.verdicts[1].Text, "✖") {
		t.Errorf("measurable before typing: %s", e.verdicts[1].Text)
	}
	test.Type(e.baseline, "80")
	test.Type(e.target, "120")
	if !strings.HasPrefix(e.verdicts[1].Text, "✔") || !strings.Contains(e.verdicts[1].Text, "From 80 to 120") {
		t.Errorf("measurable after typing: %s", e.verdicts[1].Text)
	}
	e.deadline.SetText("2031-01")
	if !strings.HasPrefix(e.verdicts[4].Text, "⚠") || !strings.Contains(e.verdicts[4].Text, "outside the plan period") {
		t.Errorf("time-bound: %s", e.verdicts[4].Text)
	}
	e.deadline.SetText("20x")
	if !e.fields["deadline"].HasError() {
		t.Error("bad deadline not flagged")
	}
	if len(e.links.Options) != 2 || e.links.Options[0] == e.links.Options[1] {
		t.Fatalf("link labels for two items with the same text: %q", e.links.Options)
	}
	e.links.SetSelected([]string{e.links.Options[1]})
	if !strings.HasPrefix(e.verdicts[3].Text, "✔") {
		t.Errorf("relevant: %s", e.verdicts[3].Text)
	}
	u.Flush()
	var saved []model.Objective
	db.Rows(ctx, model.Table, plans[0].ID, &saved)
	if len(saved) != 1 || saved[0].Target == nil || *saved[0].Target != 120 || saved[0].Deadline == nil || saved[0].Deadline.String() != "2031-01" {
		t.Fatalf("saved objective %+v", saved)
	}
	if len(saved[0].SWOTLinks) != 1 || saved[0].SWOTLinks[0] != items[1].ID {
		t.Errorf("linked %v, want the second item %s", saved[0].SWOTLinks, items[1].ID)
	}
}

func TestNewObjectiveTakesItsBaselineFromHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := viewstest.OpenTemp(t)
	u := viewstest.NewUI(t, db, views.Pages{app.StepObjectives: Page}) // the demo plan
	ps := u.Plan()
	for _, k := range []model.ObjectiveKind{model.KindRevenue, model.KindNewCustomers, model.KindRetention} {
		addObjective(ps, k, nil)
		u.Wait()
		objs := model.Of(ps.Data()).Objectives
		o := objs[len(objs)-1]
		if o.Kind != k || o.Baseline == nil || *o.Baseline < 0 || (k != model.KindNewCustomers && *o.Baseline == 0) {
			t.Errorf("%s: no baseline from the history", k)
		}
	}
}
