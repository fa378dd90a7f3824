package team_test

import (
	"context"
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/app/team"
	"salesplan/data/datatest"
)

// The activity log and the polls go through the store like every
// declared table, refuse a bad row, and stay with their plan when it is
// copied to the next period (the quotas are copied).
func TestActivitiesAndPollsThroughTheStore(t *testing.T) {
	ctx := context.Background()
	db, pd := datatest.DemoPlan(t)
	c := team.Of(&pd)
	var acts []team.Activity
	var polls []team.Poll
	if err := db.Rows(ctx, team.TableActivities, pd.Plan.ID, &acts); err != nil {
		t.Fatal(err)
	}
	if err := db.Rows(ctx, team.TablePolls, pd.Plan.ID, &polls); err != nil {
		t.Fatal(err)
	}
	if len(acts) != len(c.Activities) || len(acts) < 300 || len(polls) != len(c.Polls) || len(polls) < 40 {
		t.Fatalf("demo log: %d activities, %d polls stored; loaded %d, %d", len(acts), len(polls), len(c.Activities), len(c.Polls))
	}
	// three months of the demo: January to March
	for _, a := range c.Activities {
		if a.Date < "2027-01-01" || a.Date > "2027-03-31" {
			t.Fatalf("demo activity outside the first three months: %+v", a)
		}
	}
	anna, _ := c.FindRep("Anna Müller")
	a := team.Activity{PlanID: pd.Plan.ID, RepIDs: []string{anna.ID}, Date: "2027-04-01", Kind: "Orders", Count: 2, Customer: " Café Aurora ",
		Group: "Grinders", Amount: 130_000}
	if err := db.SaveRow(ctx, team.TableActivities, &a); err != nil {
		t.Fatal(err)
	}
	bad := team.Poll{PlanID: pd.Plan.ID, RepIDs: []string{anna.ID}, Date: "2027-04-01", Rating: 11}
	if err := db.SaveRow(ctx, team.TablePolls, &bad); err == nil || !strings.Contains(app.ErrorMessage(err), "outside the 1–5 scale") {
		t.Errorf("rating 11 stored: %v", err)
	}
	reloaded, err := app.LoadPlanData(ctx, db, steps.Registry(), pd.Plan.ID, pd.Locale)
	if err != nil {
		t.Fatal(err)
	}
	rc := team.Of(&reloaded)
	last := rc.Activities[len(rc.Activities)-1]
	if last.ID != a.ID || last.Kind != team.KindOrder || last.Customer != "Café Aurora" || last.Amount != 130_000 || last.Rep() != anna.ID {
		t.Errorf("stored %+v", last)
	}
	if got := team.FiguresOf(&reloaded).Performance.Conversions[0].Orders; got != team.FiguresOf(&pd).Performance.Conversions[0].Orders+2 {
		t.Errorf("Anna's orders after the entry: %d", got)
	}
	cp, err := db.DuplicatePlan(ctx, pd.Plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	var cpActs []team.Activity
	var cpPolls []team.Poll
	var cpQuotas []team.Quota
	db.Rows(ctx, team.TableActivities, cp.ID, &cpActs)
	db.Rows(ctx, team.TablePolls, cp.ID, &cpPolls)
	db.Rows(ctx, team.TableQuotas, cp.ID, &cpQuotas)
	if len(cpActs) != 0 || len(cpPolls) != 0 {
		t.Errorf("the next period's plan got %d activities and %d polls of this one", len(cpActs), len(cpPolls))
	}
	if len(cpQuotas) != len(c.Quotas) {
		t.Errorf("quotas copied: %d of %d", len(cpQuotas), len(c.Quotas))
	}
}

// BenchmarkComputeDemoTeam measures the team's figures of the demo plan
// (quotas and the monitoring of its 600-odd log entries), computed on
// every change.
func BenchmarkComputeDemoTeam(b *testing.B) {
	_, pd := datatest.DemoPlan(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		team.Compute(&pd)
	}
}
