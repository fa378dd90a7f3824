package strategy

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	"salesplan/app/objectives"
	model "salesplan/app/strategy"
	"salesplan/views"
	"salesplan/views/viewstest"
)

var ctx = context.Background()

func TestSimulatorFollowsTheScheme(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	target := int64(60_000_000) // €600,000.00
	end := app.NewMonth(2027, 12)
	o := objectives.Objective{PlanID: plans[0].ID, Title: "Revenue", Kind: objectives.KindRevenue, Target: &target, Deadline: &end, RevenueTarget: true}
	if err := db.SaveRow(ctx, objectives.Table, &o); err != nil {
		t.Fatal(err)
	}
	u := viewstest.NewUI(t, db, views.Pages{app.StepStrategy: Page})
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.StepStrategy)
	sv := newView(ps)
	u.Wait()
	if sv.base != nil || viewstest.FindButton(u.Window().Canvas(), "Start a scheme") == nil {
		t.Fatal("expected the empty scheme state with its button")
	}
	// Start a scheme, say there are 3 reps: the simulator fills.
	sv.startScheme()
	u.Wait()
	if sv.reps == nil {
		t.Fatal("the scheme editor did not open")
	}
	sv.reps.SetText("3") // typing a number chooses "Enter a number"
	if sv.repsChoice.Selected != "Enter a number" {
		t.Errorf("the salespeople choice: %q", sv.repsChoice.Selected)
	}
	cell := func(row, col int) string { return sv.simTable.Objects[(row+1)*5+col].(*widget.Label).Text }
	at100 := cell(2, 3)        // total payout at 100 %
	if at100 != "€18,000.00" { // 3 % of €600,000
		t.Fatalf("payout at 100 %%: %s", at100)
	}
	// A higher accelerator above 100 % changes the payout at 125 %, not at 100 %.
	before125 := cell(3, 3)
	sv.tiers[0].rate.SetText("10")
	if cell(2, 3) != at100 || cell(3, 3) == before125 {
		t.Errorf("after changing the tier: 100 %% %s, 125 %% %s (was %s)", cell(2, 3), cell(3, 3), before125)
	}
	// The incentive cost the budget reads follows the edit.
	if f := ps.Data().Figures.IncentiveCost; f == nil || f(10000) != 1_800_000 {
		t.Errorf("the figures' incentive cost at 100 %% does not follow the scheme")
	}
	// A cap that binds says so in the table.
	sv.cap.SetText("€8,000.00")
	if got := cell(4, 2); !strings.Contains(got, "(capped)") || !strings.Contains(sv.simNote.Text, "cap") {
		t.Errorf("payout per rep at 150 %% with a cap: %q, note %q", got, sv.simNote.Text)
	}
	sv.cap.SetText("")
	// A bad rate is marked at its field, and the simulator says it keeps
	// the last valid scheme.
	sv.base.SetText("abc")
	if !sv.fields["base"].HasError() || sv.fields["bonus"].HasError() || !strings.Contains(sv.schemeMsg.Text, "last valid scheme") {
		t.Errorf("bad base rate: base marked %v, message %q", sv.fields["base"].HasError(), sv.schemeMsg.Text)
	}
	if cell(2, 3) != "€18,000.00" {
		t.Errorf("the simulator changed on a bad value: %s", cell(2, 3))
	}
	u.Flush()
	var schemes []model.IncentiveScheme
	db.Rows(ctx, model.TableSchemes, plans[0].ID, &schemes)
	if len(schemes) != 1 || schemes[0].Reps != 3 || schemes[0].Tiers[0].RateBP != 1000 || schemes[0].BaseBP != 300 {
		t.Errorf("saved scheme %+v", schemes)
	}
	bad := model.Initiative{PlanID: plans[0].ID, Description: "Bad", Cost: -1}
	if err := db.SaveRow(ctx, model.TableInitiatives, &bad); err == nil {
		t.Error("negative cost accepted")
	}
}
