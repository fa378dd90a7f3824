package views

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
)

func TestSWOTAndObjectivesPages(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.OpenPlan(plans[0].ID)
	u.plan.show(app.StepSituation)
	sw := u.plan.situation.swot
	if sw == nil {
		t.Fatal("no SWOT view")
	}
	// Add an item the way the dialog does, then move and delete.
	for _, txt := range []string{"Loyal customers", "Good service"} {
		if _, err := db.SaveSWOTItem(ctx, app.SWOTItem{PlanID: plans[0].ID, Quadrant: "S", Text: txt, Impact: 4}); err != nil {
			t.Fatal(err)
		}
	}
	sw.reload()
	if len(u.plan.pd.SWOT) != 2 || !strings.Contains(markupText(sw.box), "★★★★☆ 4  Loyal customers") {
		t.Fatalf("SWOT grid: %s", markupText(sw.box))
	}
	sw.move(u.plan.pd.SWOT[1].ID, -1)
	if u.plan.pd.SWOT[0].Text != "Good service" {
		t.Errorf("order after move: %v", u.plan.pd.SWOT)
	}
	if got := u.plan.navLabel(app.StepSituation); !strings.HasPrefix(got, "◐") {
		t.Errorf("nav %q", got)
	}

	// Objectives: add one, type, watch the verdicts change, find it saved.
	u.plan.show(app.StepObjectives)
	u.plan.addObjective(app.KindLeads, nil)
	u.plan.show(app.StepObjectives)
	eds := *u.plan.objectives
	if len(eds) != 1 {
		t.Fatalf("%d editors", len(eds))
	}
	e := eds[0]
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
	if !e.fields["deadline"].hasError() {
		t.Error("bad deadline not flagged")
	}
	e.links.SetSelected([]string{"S: Good service"})
	if !strings.HasPrefix(e.verdicts[3].Text, "✔") {
		t.Errorf("relevant: %s", e.verdicts[3].Text)
	}
	var saved []app.Objective
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		saved, _ = db.Objectives(ctx, plans[0].ID)
		if len(saved) == 1 && saved[0].Target != nil && len(saved[0].SWOTLinks) == 1 {
			break
		}
	}
	if len(saved) != 1 || saved[0].Target == nil || *saved[0].Target != 120 || saved[0].Deadline == nil || saved[0].Deadline.String() != "2031-01" {
		t.Fatalf("saved objective %+v", saved)
	}
}

func TestProcessMapBottleneckMoves(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	plans := seed(t, db)
	u := newTestUI(t, db)
	u.OpenPlan(plans[0].ID)
	u.plan.show(app.StepSituation)
	pv := u.plan.situation.process
	for _, st := range app.DefaultStages() {
		st.PlanID = plans[0].ID
		if _, err := db.SaveProcessStage(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	pv.reload()
	if len(pv.rows) != 5 {
		t.Fatalf("%d rows", len(pv.rows))
	}
	for i, v := range []string{"1000", "600", "120", "80", "30"} {
		pv.rows[i].volume.SetText(v)
	}
	if !strings.Contains(pv.rows[2].conversion.Text, "bottleneck") || !strings.Contains(pv.sentence.Text, "Contact → Visit") {
		t.Errorf("bottleneck at visit expected: %q / %q", pv.rows[2].conversion.Text, pv.sentence.Text)
	}
	// Raise the visits: the bottleneck moves to the proposals.
	pv.rows[2].volume.SetText("400")
	if !strings.Contains(pv.rows[3].conversion.Text, "bottleneck") || strings.Contains(pv.rows[2].conversion.Text, "bottleneck") {
		t.Errorf("bottleneck did not move: %q / %q", pv.rows[2].conversion.Text, pv.rows[3].conversion.Text)
	}
	// A negative volume is explained and not saved.
	pv.rows[1].volume.SetText("-5")
	if !pv.rows[1].msg.Visible() {
		t.Error("negative volume not flagged")
	}
	u.saver.Flush()
	saved, _ := db.ProcessStages(ctx, plans[0].ID)
	if saved[2].Volume != 400 || saved[1].Volume != 600 {
		t.Errorf("saved volumes %d %d", saved[2].Volume, saved[1].Volume)
	}
}

func TestStrategySimulatorFollowsTheScheme(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	plans := seed(t, db)
	target := int64(60_000_000) // €600,000.00
	end := app.NewMonth(2027, 12)
	if _, err := db.SaveObjective(ctx, app.Objective{PlanID: plans[0].ID, Title: "Revenue", Kind: app.KindRevenue, Target: &target, Deadline: &end, RevenueTarget: true}); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, db)
	u.OpenPlan(plans[0].ID)
	u.plan.show(app.StepStrategy)
	sv := u.plan.strategy
	if sv == nil || sv.base != nil {
		t.Fatal("expected the empty scheme state")
	}
	// Start a scheme, say there are 3 reps: the simulator fills.
	u.plan.pd.Scheme = nil
	sd := app.DefaultScheme()
	sd.PlanID = plans[0].ID
	saved, _ := db.SaveScheme(ctx, sd)
	u.plan.pd.Scheme = &saved
	sv.buildScheme()
	sv.reps.SetText("3")
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
	// A bad rate is explained, not saved.
	sv.base.SetText("abc")
	if !sv.schemeMsg.Visible() {
		t.Error("bad base rate not flagged")
	}
	u.saver.Flush()
	s, _ := db.Scheme(ctx, plans[0].ID)
	if s == nil || s.Reps != 3 || s.Tiers[0].RateBP != 1000 || s.BaseBP != 300 {
		t.Errorf("saved scheme %+v", s)
	}
	// Initiatives: add one and find it saved with its cost.
	u.plan.show(app.StepStrategy)
	in, err := db.SaveInitiative(ctx, app.Initiative{PlanID: plans[0].ID, Description: "Campaign", Cost: 100_000})
	if err != nil || in.ID == "" {
		t.Fatal(err)
	}
	if _, err := db.SaveInitiative(ctx, app.Initiative{PlanID: plans[0].ID, Description: "Bad", Cost: -1}); err == nil {
		t.Error("negative cost accepted")
	}
}

func TestNewObjectiveTakesItsBaselineFromHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("creates the demo history")
	}
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	u := newTestUI(t, db) // the demo plan
	for _, k := range []app.ObjectiveKind{app.KindRevenue, app.KindNewCustomers, app.KindRetention} {
		u.plan.addObjective(k, nil)
		o := u.plan.pd.Objectives[len(u.plan.pd.Objectives)-1]
		if o.Baseline == nil || *o.Baseline < 0 || (k != app.KindNewCustomers && *o.Baseline == 0) {
			t.Errorf("%s: no baseline from the history", k)
		}
	}
}

func TestUndoAfterContentDelete(t *testing.T) {
	db := openWorkspace(t, filepath.Join(t.TempDir(), "ws.salesplan"))
	plans := seed(t, db)
	it, _ := db.SaveSWOTItem(ctx, app.SWOTItem{PlanID: plans[0].ID, Quadrant: "T", Text: "New competitor", Impact: 4})
	u := newTestUI(t, db)
	u.OpenPlan(plans[0].ID)
	u.plan.show(app.StepSituation)
	if err := db.DeleteContent(ctx, "swot_items", it.ID, false); err != nil {
		t.Fatal(err)
	}
	u.plan.situation.swot.reload()
	u.plan.deleted(it.Text, "swot_items", it.ID)
	if len(u.plan.pd.SWOT) != 0 || !u.plan.undoBar.Visible() {
		t.Fatal("no Undo offered after the delete")
	}
	test.Tap(u.plan.undoBtn)
	if len(u.plan.pd.SWOT) != 1 || u.plan.pd.SWOT[0].Text != "New competitor" {
		t.Errorf("undo did not restore: %+v", u.plan.pd.SWOT)
	}
}
