package data

import (
	"testing"
	"time"

	"salesplan/app"
	"salesplan/app/objectives"
	"salesplan/app/situation"
	"salesplan/app/strategy"
)

func TestSWOTAndObjectivesDuplicateWithLinks(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan 2027")
	a := situation.SWOTItem{PlanID: p.ID, Quadrant: "S", Text: "  Loyal customers ", Impact: 4}
	if err := db.SaveRow(ctx, situation.TableSWOT, &a); err != nil {
		t.Fatal(err)
	}
	if a.Text != "Loyal customers" || a.ID == "" || a.Position != 0 {
		t.Errorf("saved item not cleaned or numbered: %+v", a)
	}
	b := situation.SWOTItem{PlanID: p.ID, Quadrant: "S", Text: "Good service", Impact: 3}
	if err := db.SaveRow(ctx, situation.TableSWOT, &b); err != nil || b.Position != 1 {
		t.Fatalf("second item: %v, position %d", err, b.Position)
	}
	bad := situation.SWOTItem{PlanID: p.ID, Quadrant: "X", Text: "bad", Impact: 9}
	if err := db.SaveRow(ctx, situation.TableSWOT, &bad); app.ErrorCode(err) != app.ErrInvalid {
		t.Errorf("invalid item: %v", err)
	}
	// Reorder: b moves above a.
	if err := db.MoveRow(ctx, situation.TableSWOT, b.ID, -1); err != nil {
		t.Fatal(err)
	}
	var items []situation.SWOTItem
	if err := db.Rows(ctx, situation.TableSWOT, p.ID, &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].ID != b.ID {
		t.Fatalf("order after move: %+v", items)
	}
	m := app.NewMonth(2027, 10)
	o := objectives.Objective{PlanID: p.ID, Title: "Grow", Kind: objectives.KindRevenue, Target: i64(500), Deadline: &m,
		RevenueTarget: true, SWOTLinks: []string{a.ID, b.ID}}
	if err := db.SaveRow(ctx, objectives.Table, &o); err != nil {
		t.Fatal(err)
	}
	// A second revenue target takes the exclusive flag.
	o2 := objectives.Objective{PlanID: p.ID, Title: "Other", Kind: objectives.KindRevenue, RevenueTarget: true}
	if err := db.SaveRow(ctx, objectives.Table, &o2); err != nil {
		t.Fatal(err)
	}
	var objs []objectives.Objective
	db.Rows(ctx, objectives.Table, p.ID, &objs)
	if len(objs) != 2 || objs[0].RevenueTarget || !objs[1].RevenueTarget || objs[0].Target == nil || *objs[0].Target != 500 || objs[0].Baseline != nil {
		t.Fatalf("objectives %+v", objs)
	}
	// Soft delete and restore.
	if err := db.DeleteContent(ctx, situation.TableSWOT, a.ID, false); err != nil {
		t.Fatal(err)
	}
	if db.Rows(ctx, situation.TableSWOT, p.ID, &items); len(items) != 1 {
		t.Fatalf("after delete: %d", len(items))
	}
	if err := db.DeleteContent(ctx, situation.TableSWOT, a.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteContent(ctx, "sales", "1", false); app.ErrorCode(err) != app.ErrInvalid {
		t.Errorf("deleting from an undeclared table: %v", err)
	}

	cp, err := db.DuplicatePlan(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var citems []situation.SWOTItem
	var cobjs []objectives.Objective
	db.Rows(ctx, situation.TableSWOT, cp.ID, &citems)
	db.Rows(ctx, objectives.Table, cp.ID, &cobjs)
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
	// A revenue objective with amounts counts as money for the currency guard.
	if n, _ := db.MoneyEntries(ctx, p.ID); n != 1 {
		t.Errorf("money entries %d", n)
	}
}

// Initiative costs and the incentive bonus and cap are money too: changing
// the currency asks first (they were not counted before).
func TestMoneyEntriesCountEveryMoneyColumn(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan")
	in := strategy.Initiative{PlanID: p.ID, Description: "Campaign", Cost: 150_000}
	if err := db.SaveRow(ctx, strategy.TableInitiatives, &in); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.MoneyEntries(ctx, p.ID); n != 1 {
		t.Errorf("after an initiative cost: %d money entries, want 1", n)
	}
	s := strategy.IncentiveScheme{PlanID: p.ID, BaseBP: 300, Bonus: 10_000}
	if err := db.SaveRow(ctx, strategy.TableSchemes, &s); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.MoneyEntries(ctx, p.ID); n != 2 {
		t.Errorf("after a scheme bonus: %d money entries, want 2", n)
	}
	if err := db.SetPlanCurrency(ctx, p.ID, "USD", false); app.ErrorCode(err) != app.ErrConflict {
		t.Errorf("currency change without confirmation: %v, want a conflict", err)
	}
	// A percentage objective holds no money.
	o := objectives.Objective{PlanID: p.ID, Title: "Retain", Kind: objectives.KindRetention, Baseline: i64(8000), Target: i64(9000)}
	db.SaveRow(ctx, objectives.Table, &o)
	if n, _ := db.MoneyEntries(ctx, p.ID); n != 2 {
		t.Errorf("a retention objective counted as money: %d", n)
	}
}

// One incentive scheme per plan: saving a new one updates the live one,
// and the schema refuses a second live row.
func TestOneSchemePerPlan(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan")
	a := strategy.IncentiveScheme{PlanID: p.ID, BaseBP: 300}
	b := strategy.IncentiveScheme{PlanID: p.ID, BaseBP: 400}
	db.SaveRow(ctx, strategy.TableSchemes, &a)
	if err := db.SaveRow(ctx, strategy.TableSchemes, &b); err != nil {
		t.Fatal(err)
	}
	var all []strategy.IncentiveScheme
	db.Rows(ctx, strategy.TableSchemes, p.ID, &all)
	if len(all) != 1 || all[0].BaseBP != 400 || b.ID != a.ID {
		t.Fatalf("schemes: %+v", all)
	}
	if _, err := db.wdb.Exec(`INSERT INTO incentive_schemes (id, plan_id, updated_at) VALUES ('x', ?, '')`, p.ID); err == nil {
		t.Error("the schema let a second live scheme in")
	}
}

// Emptying the Trash leaves tombstones: nothing is deleted, the plan and
// its rows keep their IDs and deleted_at, their text is cleared.
func TestEmptyTrashLeavesTombstones(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Secret plan")
	it := situation.SWOTItem{PlanID: p.ID, Quadrant: "O", Text: "Confidential", Impact: 3, Note: "note"}
	db.SaveRow(ctx, situation.TableSWOT, &it)
	db.DeletePlan(ctx, p.ID)
	n, err := db.EmptyTrash(ctx)
	if err != nil || n != 1 {
		t.Fatalf("EmptyTrash = %d, %v", n, err)
	}
	if trash, _ := db.Plans(ctx, PlanFilter{Trash: true}); len(trash) != 0 {
		t.Errorf("the Trash still lists %d plans", len(trash))
	}
	if _, err := db.Plan(ctx, p.ID); app.ErrorCode(err) != app.ErrNotFound {
		t.Errorf("a purged plan can still be opened: %v", err)
	}
	var title, deleted, purged string
	if err := db.wdb.QueryRow(`SELECT title, deleted_at, purged_at FROM plans WHERE id = ?`, p.ID).Scan(&title, &deleted, &purged); err != nil {
		t.Fatalf("the plan row is gone: %v", err)
	}
	if title != "" || deleted == "" || purged == "" {
		t.Errorf("plan tombstone: title %q deleted %q purged %q", title, deleted, purged)
	}
	var text, note string
	var del *string
	if err := db.wdb.QueryRow(`SELECT text, note, deleted_at FROM swot_items WHERE id = ?`, it.ID).Scan(&text, &note, &del); err != nil {
		t.Fatalf("the content row is gone: %v", err)
	}
	if text != "" || note != "" || del == nil {
		t.Errorf("content tombstone: text %q note %q deleted %v", text, note, del)
	}
}

// The engine serves any declared row: month columns shift, links remap,
// JSON columns round-trip, an undeclared column is refused at Declare.
func TestDeclaredTableRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Sales plan 2027")
	if _, err := db.wdb.Exec(`CREATE TABLE test_items (id TEXT PRIMARY KEY, plan_id TEXT, position INTEGER, title TEXT, due TEXT,
		start TEXT, amount INTEGER, share REAL, done INTEGER, tags TEXT, links TEXT, updated_at TEXT, deleted_at TEXT)`); err != nil {
		t.Fatal(err)
	}
	type item struct {
		ID     string     `db:"id"`
		PlanID string     `db:"plan_id"`
		Pos    int        `db:"position"`
		Title  string     `db:"title"`
		Due    *app.Month `db:"due"`
		Start  app.Month  `db:"start"`
		Amount *int64     `db:"amount,money"`
		Share  float64    `db:"share"`
		Done   bool       `db:"done"`
		Tags   map[string]int
		Extra  []int    `db:"tags"`
		Links  []string `db:"links,links"`
	}
	if err := db.Declare(app.Table{Name: "test_items", Row: item{}}); err != nil {
		t.Fatal(err)
	}
	due := app.NewMonth(2027, 11)
	first := item{PlanID: p.ID, Title: "launch", Due: &due, Start: app.NewMonth(2027, 2), Amount: i64(5), Share: 0.25, Done: true, Extra: []int{1, 2}}
	if err := db.SaveRow(ctx, "test_items", &first); err != nil {
		t.Fatal(err)
	}
	second := item{PlanID: p.ID, Title: "follow-up", Start: app.NewMonth(2027, 3), Links: []string{first.ID}}
	db.SaveRow(ctx, "test_items", &second)
	var got []item
	if err := db.Rows(ctx, "test_items", p.ID, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Due == nil || *got[0].Due != due || *got[0].Amount != 5 || !got[0].Done || got[0].Share != 0.25 ||
		len(got[0].Extra) != 2 || got[1].Due != nil || got[1].Amount != nil || got[1].Pos != 1 {
		t.Fatalf("round trip: %+v", got)
	}
	if n, _ := db.MoneyEntries(ctx, p.ID); n != 1 {
		t.Errorf("money entries %d", n)
	}
	cp, err := db.DuplicatePlan(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var copies []item
	db.Rows(ctx, "test_items", cp.ID, &copies)
	if len(copies) != 2 || copies[0].Due.String() != "2028-11" || copies[0].Start.String() != "2028-02" ||
		len(copies[1].Links) != 1 || copies[1].Links[0] != copies[0].ID {
		t.Errorf("copied rows: %+v", copies)
	}
	type wrong struct {
		ID     string `db:"id"`
		PlanID string `db:"plan_id"`
		Nope   string `db:"nope"`
	}
	if err := db.Declare(app.Table{Name: "test_items", Row: wrong{}}); err == nil {
		t.Error("Declare accepted a column the table lacks")
	}
	// A row of another type, or a row whose JSON is damaged, says so.
	if err := db.SaveRow(ctx, "test_items", &wrong{}); err == nil {
		t.Error("SaveRow accepted a row of another type")
	}
	db.wdb.Exec(`UPDATE test_items SET tags = '{broken' WHERE id = ?`, first.ID)
	if err := db.Rows(ctx, "test_items", p.ID, &got); err == nil {
		t.Error("damaged JSON was read silently")
	}
}

// LastEdited follows the plan and its content, deletes included.
func TestLastEditedFollowsTheContent(t *testing.T) {
	db := MustOpenDB(t)
	clock := fixedNow()
	db.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	p := newPlan(t, db, "Plan")
	created, err := db.LastEdited(ctx, p.ID)
	if err != nil || created.IsZero() {
		t.Fatalf("LastEdited of a new plan: %v %v", created, err)
	}
	it := situation.SWOTItem{PlanID: p.ID, Quadrant: "S", Text: "x", Impact: 3}
	db.SaveRow(ctx, situation.TableSWOT, &it)
	afterRow, _ := db.LastEdited(ctx, p.ID)
	db.DeleteContent(ctx, situation.TableSWOT, it.ID, false)
	afterDelete, _ := db.LastEdited(ctx, p.ID)
	if !afterRow.After(created) || !afterDelete.After(afterRow) {
		t.Errorf("LastEdited: created %v, after a row %v, after a delete %v", created, afterRow, afterDelete)
	}
}

// SaveRows saves every row or none.
func TestSaveRowsIsAllOrNothing(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan")
	rows := []situation.ProcessStage{{PlanID: p.ID, Name: "Lead"}, {PlanID: p.ID, Name: "Order"}}
	if err := db.SaveRows(ctx, situation.TableStages, rows); err != nil || rows[0].ID == "" || rows[1].Position != 1 {
		t.Fatalf("SaveRows: %v, rows %+v", err, rows)
	}
	bad := []situation.ProcessStage{{PlanID: p.ID, Name: "Visit"}, {PlanID: p.ID, Name: ""}}
	if err := db.SaveRows(ctx, situation.TableStages, bad); app.ErrorCode(err) != app.ErrInvalid {
		t.Errorf("a nameless stage: %v", err)
	}
	var got []situation.ProcessStage
	db.Rows(ctx, situation.TableStages, p.ID, &got)
	if len(got) != 2 {
		t.Errorf("after a refused batch: %d stages, want the 2 saved before", len(got))
	}
}

func i64(v int64) *int64 { return &v }
