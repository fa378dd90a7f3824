package sop

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"salesplan/app"
	"salesplan/app/objectives"
	model "salesplan/app/sop"
	"salesplan/data"
	"salesplan/views"
	"salesplan/views/viewstest"
)

var ctx = context.Background()

// demoView opens the first-run demo plan on step 4 and builds a view of it.
func demoView(t *testing.T) (*data.DB, *views.UI, *views.PlanScreen, *view) {
	t.Helper()
	db, u, ps := viewstest.OpenDemo(t, views.Pages{app.StepSOP: Page}, app.StepSOP)
	v := newView(ps)
	u.Wait()
	if ps.Data().Forecast == nil {
		t.Fatal("the page did not load the forecast")
	}
	return db, u, ps, v
}

func cellFigures(ps *views.PlanScreen, group string, mi int) model.CellFigures {
	f := model.FiguresOf(ps.Data())
	for gi, g := range f.Groups {
		if g.Name == group {
			return f.Cells[gi][mi]
		}
	}
	return model.CellFigures{}
}

func storedCell(t *testing.T, db *data.DB, u *views.UI, ps *views.PlanScreen, group string, m app.Month) *model.Cell {
	t.Helper()
	u.Flush()
	var cells []model.Cell
	if err := db.Rows(ctx, model.TableCells, ps.Data().Plan.ID, &cells); err != nil {
		t.Fatal(err)
	}
	var found *model.Cell
	for i := range cells {
		if cells[i].Group == group && cells[i].Month == m {
			if found != nil {
				t.Fatalf("two rows for %s %s", group, m)
			}
			found = &cells[i]
		}
	}
	return found
}

func TestEditADemandCellAndResetIt(t *testing.T) {
	db, u, ps, v := demoView(t)
	v.group.SetSelected("Espresso machines")
	r := v.rows[0]
	before := cellFigures(ps, "Espresso machines", 0)
	label := "With uplift" // the target above the forecast; below it, the forecast is scaled down
	if before.Uplift < 0 {
		label = "Scaled to target"
	}
	if before.Source != "forecast+uplift" || r.source.Text != label || !r.reset.Disabled() || r.demand.PlaceHolder != ps.Data().Locale.Money(before.Demand, ps.Data().Currency) {
		t.Fatalf("derived cell: %+v, source %q, placeholder %q", before, r.source.Text, r.demand.PlaceHolder)
	}
	r.demand.SetText("€50,000.00")
	u.Wait()
	cf := cellFigures(ps, "Espresso machines", 0)
	if cf.Source != "typed" || cf.Demand != 5_000_000 || cf.DemandUnits != 42 || r.source.Text != "Typed" || r.reset.Disabled() {
		t.Errorf("typed cell: %+v, source %q", cf, r.source.Text)
	}
	if c := storedCell(t, db, u, ps, "Espresso machines", cf.Month); c == nil || c.Demand == nil || *c.Demand != 5_000_000 || c.Capacity == nil {
		t.Errorf("stored cell %+v", c)
	}
	// Bad input is explained next to the grid and changes nothing.
	r.demand.SetText("fifty")
	if !v.gridMsg.Visible() || !strings.Contains(v.gridMsg.Text, "Jan 2027: Demand") {
		t.Errorf("bad demand message %q", v.gridMsg.Text)
	}
	if cellFigures(ps, "Espresso machines", 0).Demand != 5_000_000 {
		t.Error("a bad value replaced the typed demand")
	}
	r.demand.SetText("-5")
	if !strings.Contains(v.gridMsg.Text, "cannot be negative") {
		t.Errorf("negative demand message %q", v.gridMsg.Text)
	}
	test.Tap(r.reset)
	u.Wait()
	if cf := cellFigures(ps, "Espresso machines", 0); cf.Source != "forecast+uplift" || cf.Demand != before.Demand || v.gridMsg.Visible() {
		t.Errorf("after reset: %+v (message %q)", cf, v.gridMsg.Text)
	}
	if c := storedCell(t, db, u, ps, "Espresso machines", cf.Month); c == nil || c.Demand != nil {
		t.Errorf("stored after reset %+v", c)
	}
}

func TestCapacityInHours(t *testing.T) {
	db, u, ps, v := demoView(t)
	v.group.SetSelected("Beans & supplies")
	v.unit.SetSelected("Hours")
	if !v.groupMsg.Visible() || !strings.Contains(v.groupMsg.Text, "hours one unit takes") {
		t.Errorf("hours without hours per unit: %q", v.groupMsg.Text)
	}
	v.hours.SetText("0.5")
	if v.groupMsg.Visible() {
		t.Errorf("still a message: %q", v.groupMsg.Text)
	}
	r := v.rows[2]
	r.capacity.SetText("300")
	u.Wait()
	cf := cellFigures(ps, "Beans & supplies", 2)
	if cf.CapacityUnits == nil || *cf.CapacityUnits != 600 || r.capacity.PlaceHolder != "hours" {
		t.Errorf("300 h at 0.5 h per unit: %+v", cf.CapacityUnits)
	}
	if cf.State != "shortfall" || !strings.Contains(r.result.Text, "short") || cf.NetDemandUnits <= 600 {
		t.Errorf("600 units against %d: state %q, %q", cf.NetDemandUnits, cf.State, r.result.Text)
	}
	r.capacity.SetText("0")
	if !strings.Contains(v.gridMsg.Text, "Capacity must be more than 0") {
		t.Errorf("capacity 0: %q", v.gridMsg.Text)
	}
	v.price.SetText("0")
	if !strings.Contains(v.groupMsg.Text, "average price of 0") {
		t.Errorf("price 0: %q", v.groupMsg.Text)
	}
	u.Flush()
	var groups []model.Group
	db.Rows(ctx, model.TableGroups, ps.Data().Plan.ID, &groups)
	for _, g := range groups {
		if g.Name == "Beans & supplies" && (g.Unit != model.UnitHours || g.HoursPerUnit != 50 || g.Price == nil || *g.Price != 9000) {
			t.Errorf("stored group %+v", g)
		}
	}
	if c := storedCell(t, db, u, ps, "Beans & supplies", cf.Month); c == nil || *c.Capacity != 300 {
		t.Errorf("stored cell %+v", c)
	}
}

// openGap sets the capacity of a group's month to 10 units and returns
// the form of the gap that makes.
func openGap(t *testing.T, u *views.UI, v *view, group string, mi int) (*decisionForm, model.CellFigures) {
	t.Helper()
	v.group.SetSelected(group)
	v.rows[mi].capacity.SetText("10")
	u.Wait()
	cf := cellFigures(v.ps, group, mi)
	f := v.forms[gapKey(group, cf.Month)]
	if f == nil || cf.State != "shortfall" {
		t.Fatalf("no gap form for %s %s (%+v)", group, cf.Month, cf)
	}
	return f, cf
}

func gapOf(ps *views.PlanScreen, group string, m app.Month) *model.Gap {
	for _, g := range model.FiguresOf(ps.Data()).Gaps {
		if g.Group == group && g.Month == m {
			return &g
		}
	}
	return nil
}

func TestResolveGapsWithEachDecision(t *testing.T) {
	db, u, ps, v := demoView(t)
	pd := ps.Data()
	if st := pd.Figures.Status[app.StepSOP]; st != app.Complete {
		t.Fatalf("demo S&OP %v", st)
	}
	// Raise capacity: the cost reaches the budget's cost line.
	f, cf := openGap(t, u, v, "Espresso machines", 0)
	if st := ps.Data().Figures.Status[app.StepSOP]; st != app.InProgress {
		t.Errorf("an open gap: %v", st)
	}
	short := cf.NetDemandUnits - 10
	f.kind.SetSelectedIndex(0)
	f.units.SetText("-3")
	test.Tap(f.record)
	if !f.msg.Visible() || !strings.Contains(f.msg.Text, "at least one unit") {
		t.Errorf("negative units: %q", f.msg.Text)
	}
	f.units.SetText(app.Itoa(int(short)))
	f.cost.SetText("€1,500.00")
	f.by.SetText("Head of operations")
	test.Tap(f.record)
	u.Wait()
	if g := gapOf(ps, "Espresso machines", cf.Month); g == nil || !g.Decided() || g.Remaining != 0 {
		t.Errorf("after raising: %+v", g)
	}
	var line app.CostLine
	for _, l := range ps.Data().Figures.CostLines {
		if l.Key == "sop-decisions" {
			line = l
		}
	}
	if line.Months[0] != 150_000 || line.Total() != 150_000+480_000 {
		t.Errorf("cost line %+v", line)
	}

	// Lower the target: proposed with the amount, saved only after Yes.
	f, cf = openGap(t, u, v, "Grinders", 1)
	target := ps.Data().Figures.Target.Amount
	f.kind.SetSelectedIndex(1)
	f.cut.SetText("€999,999,999.00")
	test.Tap(f.record)
	if !strings.Contains(f.msg.Text, "below zero") {
		t.Errorf("a cut below zero: %q", f.msg.Text)
	}
	g := gapOf(ps, "Grinders", cf.Month)
	f.cut.SetText(ps.Data().Locale.Money(g.Revenue, ps.Data().Currency))
	test.Tap(f.record)
	no := viewstest.FindButton(u.Window().Canvas(), "No")
	if no == nil {
		t.Fatal("no confirmation asked before lowering the target")
	}
	test.Tap(no)
	u.Wait()
	if ps.Data().Figures.Target.Amount != target || gapOf(ps, "Grinders", cf.Month).Decided() {
		t.Error("the target was lowered without confirmation")
	}
	test.Tap(f.record)
	test.Tap(viewstest.FindButton(u.Window().Canvas(), "Yes"))
	u.Wait()
	if got := ps.Data().Figures.Target.Amount; got != target-g.Revenue {
		t.Errorf("target %d after lowering by %d from %d", got, g.Revenue, target)
	}
	if g := gapOf(ps, "Grinders", cf.Month); g == nil || !g.Decided() || g.Remaining != 0 {
		t.Errorf("after lowering: %+v", g)
	}
	var objs []objectives.Objective
	db.Rows(ctx, objectives.Table, ps.Data().Plan.ID, &objs)
	if o, ok := objectives.RevenueTarget(objs); !ok || *o.Target != target-g.Revenue {
		t.Errorf("stored revenue target %v", o.Target)
	}

	// Shift demand to another month of the same group.
	f, cf = openGap(t, u, v, "Service contracts", 2)
	f.kind.SetSelectedIndex(2)
	test.Tap(f.record)
	if !strings.Contains(f.msg.Text, "Choose the month") {
		t.Errorf("a shift without a month: %q", f.msg.Text)
	}
	f.to.SetSelectedIndex(3) // the fifth month (the gap's is left out)
	test.Tap(f.record)
	u.Wait()
	if g := gapOf(ps, "Service contracts", cf.Month); g == nil || !g.Decided() {
		t.Errorf("after shifting: %+v", g)
	}
	to := cellFigures(ps, "Service contracts", 4)
	if to.NetDemand <= to.Demand {
		t.Errorf("the month shifted to: %+v", to)
	}
	// The month it went to has no room for all of it: a new gap, open.
	if g := gapOf(ps, "Service contracts", to.Month); g == nil || g.Decided() || g.Short != 0 || g.Remaining == 0 {
		t.Fatalf("the shift's new gap: %+v", g)
	}
	if st := ps.Data().Figures.Status[app.StepSOP]; st != app.InProgress {
		t.Errorf("a new open gap: %v", st)
	}
	f = v.forms[gapKey("Service contracts", to.Month)]
	f.kind.SetSelectedIndex(0)
	test.Tap(f.record)
	u.Wait()
	u.Flush()
	var ds []model.Decision
	db.Rows(ctx, model.TableDecisions, ps.Data().Plan.ID, &ds)
	kinds := map[model.DecisionKind]int{}
	for _, d := range ds {
		kinds[d.Kind]++
	}
	if len(ds) != 6 || kinds[model.RaiseCapacity] != 3 || kinds[model.LowerTarget] != 1 || kinds[model.ShiftDemand] != 2 {
		t.Errorf("stored decisions %v", kinds)
	}
	if st := ps.Data().Figures.Status[app.StepSOP]; st != app.Complete {
		t.Errorf("every gap decided, meeting agreed: %v", st)
	}
}

func TestSignOffTheMeeting(t *testing.T) {
	db, u, ps, v := demoView(t)
	v.mState.SetSelected("Draft")
	u.Wait()
	if st := ps.Data().Figures.Status[app.StepSOP]; st != app.InProgress {
		t.Errorf("draft meeting: %v", st)
	}
	v.mDate.SetText("")
	v.mState.SetSelected("Agreed — signed off")
	if !v.mMsg.Visible() || !strings.Contains(v.mMsg.Text, "meeting date before signing") {
		t.Errorf("sign-off without a date: %q", v.mMsg.Text)
	}
	if model.Of(ps.Data()).Meeting.SignOff != model.Draft {
		t.Error("an invalid sign-off was kept")
	}
	v.mDate.SetText("2026-11-27")
	test.Tap(v.mAdd)
	rows := v.mRows()
	rows[len(rows)-1].name.SetText("Plant manager")
	rows[len(rows)-1].dept.SetText("Production")
	u.Wait()
	if st := ps.Data().Figures.Status[app.StepSOP]; st != app.Complete {
		t.Errorf("signed off: %v", st)
	}
	u.Flush()
	var ms []model.Meeting
	db.Rows(ctx, model.TableMeetings, ps.Data().Plan.ID, &ms)
	if len(ms) != 1 || ms[0].SignOff != model.Agreed || ms[0].Date != "2026-11-27" || len(ms[0].Participants) != 6 ||
		ms[0].Participants[5] != (model.Participant{Name: "Plant manager", Department: "Production"}) {
		t.Errorf("stored meeting %+v", ms)
	}
}

func TestAPlanWithoutHistoryTypesItsDemand(t *testing.T) {
	db := viewstest.OpenTemp(t)
	plans := viewstest.Seed(t, db)
	u := viewstest.NewUI(t, db, views.Pages{app.StepSOP: Page})
	ps := viewstest.OpenPlan(t, u, plans[0].ID, app.StepSOP)
	v := newView(ps)
	u.Wait()
	if !strings.Contains(v.summary.Text, "No product groups yet") || ps.Data().Figures.Status[app.StepSOP] != app.NotStarted {
		t.Fatalf("empty state: %q", v.summary.Text)
	}
	v.newGroup.SetText("New machines")
	test.Tap(v.addGroup)
	u.Wait()
	if v.group.Selected != "New machines" || len(v.rows) != 12 {
		t.Fatalf("the new group is not shown: %q, %d rows", v.group.Selected, len(v.rows))
	}
	if v.rows[0].source.Text != "Type it" {
		t.Errorf("source without history %q", v.rows[0].source.Text)
	}
	v.rows[0].demand.SetText("€10,000.00")
	u.Wait()
	if cf := cellFigures(ps, "New machines", 0); cf.Source != "typed" || cf.Demand != 1_000_000 {
		t.Errorf("typed demand %+v", cf)
	}
	if st := ps.Data().Figures.Status[app.StepSOP]; st != app.InProgress {
		t.Errorf("demand entered: %v", st)
	}
	if !v.groupNote.Visible() || !strings.Contains(v.groupNote.Text, "average price") {
		t.Errorf("no price: %q", v.groupNote.Text)
	}
	v.newGroup.SetText("new MACHINES")
	test.Tap(v.addGroup)
	u.Wait()
	if len(model.Of(ps.Data()).Groups) != 1 {
		t.Error("a duplicate group was added")
	}
	if c := storedCell(t, db, u, ps, "New machines", ps.Data().Plan.Start); c == nil || *c.Demand != 1_000_000 {
		t.Errorf("stored %+v", c)
	}
}

func TestAGroupOutsideThePlansScopeIsExplained(t *testing.T) {
	_, u, ps, v := demoView(t)
	ps.Data().Plan.Scope.ProductGroups = []string{"Espresso machines"}
	ps.Changed()
	v.buildAll()
	v.group.SetSelected("Grinders")
	u.Wait()
	if !v.groupNote.Visible() || !strings.Contains(v.groupNote.Text, "not in this plan's scope") {
		t.Errorf("group outside the scope: %q", v.groupNote.Text)
	}
	if cf := cellFigures(ps, "Grinders", 0); cf.Forecast != 0 || v.rows[0].source.Text != "Type it" {
		t.Errorf("a group outside the scope got a forecast: %+v", cf)
	}
	v.group.SetSelected("Espresso machines")
	if v.groupNote.Visible() {
		t.Errorf("a group in the scope: %q", v.groupNote.Text)
	}
}
