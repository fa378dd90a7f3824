package data

import (
	"testing"

	"salesplan/app"
)

func TestSWOTAndObjectivesDuplicateWithLinks(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan 2027")
	a, err := db.SaveSWOTItem(ctx, app.SWOTItem{PlanID: p.ID, Quadrant: "S", Text: "Loyal customers", Impact: 4})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := db.SaveSWOTItem(ctx, app.SWOTItem{PlanID: p.ID, Quadrant: "S", Text: "Good service", Impact: 3})
	if _, err := db.SaveSWOTItem(ctx, app.SWOTItem{PlanID: p.ID, Quadrant: "X", Text: "bad", Impact: 9}); app.ErrorCode(err) != app.ErrInvalid {
		t.Errorf("invalid item: %v", err)
	}
	// Reorder: b moves above a.
	if err := db.MoveSWOTItem(ctx, b.ID, -1); err != nil {
		t.Fatal(err)
	}
	items, _ := db.SWOTItems(ctx, p.ID)
	if len(items) != 2 || items[0].ID != b.ID {
		t.Fatalf("order after move: %+v", items)
	}
	m := app.NewMonth(2027, 10)
	o, err := db.SaveObjective(ctx, app.Objective{PlanID: p.ID, Title: "Grow", Kind: app.KindRevenue, Target: i64(500), Deadline: &m,
		RevenueTarget: true, SWOTLinks: []string{a.ID, b.ID}})
	if err != nil {
		t.Fatal(err)
	}
	// A second revenue target takes the flag.
	o2, _ := db.SaveObjective(ctx, app.Objective{PlanID: p.ID, Title: "Other", Kind: app.KindRevenue, RevenueTarget: true})
	objs, _ := db.Objectives(ctx, p.ID)
	if len(objs) != 2 || objs[0].RevenueTarget || !objs[1].RevenueTarget || objs[0].Target == nil || *objs[0].Target != 500 {
		t.Fatalf("objectives %+v", objs)
	}
	// Soft delete and restore.
	db.DeleteContent(ctx, "swot_items", a.ID, false)
	if items, _ := db.SWOTItems(ctx, p.ID); len(items) != 1 {
		t.Fatalf("after delete: %d", len(items))
	}
	db.DeleteContent(ctx, "swot_items", a.ID, true)

	cp, err := db.DuplicatePlan(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	citems, _ := db.SWOTItems(ctx, cp.ID)
	cobjs, _ := db.Objectives(ctx, cp.ID)
	if len(citems) != 2 || len(cobjs) != 2 {
		t.Fatalf("copy has %d items, %d objectives", len(citems), len(cobjs))
	}
	copied := map[string]bool{}
	for _, it := range citems {
		copied[it.ID] = true
		if it.ID == a.ID || it.ID == b.ID {
			t.Error("copy reuses an ID")
		}
	}
	c := cobjs[0]
	if c.ID == o.ID || c.Deadline == nil || c.Deadline.String() != "2028-10" || len(c.SWOTLinks) != 2 || !copied[c.SWOTLinks[0]] || !copied[c.SWOTLinks[1]] {
		t.Errorf("copied objective %+v", c)
	}
	_ = o2
	// A revenue objective with amounts counts as money for the currency guard.
	if n, _ := db.MoneyEntries(ctx, p.ID); n != 1 {
		t.Errorf("money entries %d", n)
	}
	// Emptying the Trash removes a deleted plan's content too.
	db.DeletePlan(ctx, cp.ID)
	if _, err := db.EmptyTrash(ctx); err != nil {
		t.Fatal(err)
	}
	if items, _ := db.SWOTItems(ctx, cp.ID); len(items) != 0 {
		t.Error("content of a purged plan left")
	}
}

func i64(v int64) *int64 { return &v }
