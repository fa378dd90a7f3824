package data

import (
	"errors"
	"strings"
	"testing"
	"time"

	"salesplan/app"
)

func TestAllOrNothingCopiesEverythingOrNothing(t *testing.T) {
	db := MustOpenDB(t)
	// Rows of its own, so the staged integer keys must move.
	own, _ := db.CreateBusiness(ctx, app.Business{Name: "Own", Currency: "EUR"})
	day := func(m int) time.Time { return time.Date(2025, time.Month(m), 3, 0, 0, 0, 0, time.UTC) }
	if _, err := db.ImportHistory(ctx, app.ImportBatch{BusinessID: own.ID, Source: "own.csv"},
		[]app.Sale{{Date: day(1), Amount: 500, Group: "A", Customer: "X"}, {Date: day(2), Amount: 700, Group: "B"}}); err != nil {
		t.Fatal(err)
	}
	var staged app.Plan
	err := db.AllOrNothing(ctx, func(s *DB) error {
		b, err := s.CreateBusiness(ctx, app.Business{Name: "Staged", Currency: "EUR"})
		if err != nil {
			return err
		}
		if _, err := s.ImportHistory(ctx, app.ImportBatch{BusinessID: b.ID, Source: "s.csv"},
			[]app.Sale{{Date: day(1), Amount: 100, Group: "S", Customer: "Y"}, {Date: day(3), Amount: 200, Group: "S"}}); err != nil {
			return err
		}
		staged, err = s.CreatePlan(ctx, app.Plan{BusinessID: b.ID, Title: "Staged plan", Start: app.NewMonth(2027, 1), Months: 12})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Plan(ctx, staged.ID)
	if err != nil || got.Title != "Staged plan" {
		t.Fatalf("staged plan = %+v, %v", got, err)
	}
	for id, want := range map[string]int64{own.ID: 1200, got.BusinessID: 300} {
		s, err := db.MonthlyRevenue(ctx, id, app.Scope{})
		if err != nil || s.Total() != want {
			t.Errorf("revenue of %s = %d, %v; want %d", id, s.Total(), err, want)
		}
		if n, _ := db.HistoryRows(ctx, id); n != 2 {
			t.Errorf("rows of %s = %d", id, n)
		}
	}
	groups, _, _ := db.ScopeOptions(ctx, own.ID)
	if len(groups) != 2 || groups[0] != "A" {
		t.Errorf("own names changed: %v", groups)
	}
	groups, _, _ = db.ScopeOptions(ctx, got.BusinessID)
	if len(groups) != 1 || groups[0] != "S" {
		t.Errorf("staged names: %v", groups)
	}
	var fk int
	db.wdb.QueryRow("SELECT count(*) FROM pragma_foreign_key_check").Scan(&fk)
	if fk != 0 {
		t.Errorf("%d foreign key violations", fk)
	}

	// A failing fn leaves nothing.
	before, _ := db.Businesses(ctx)
	boom := errors.New("boom")
	err = db.AllOrNothing(ctx, func(s *DB) error {
		b, err := s.CreateBusiness(ctx, app.Business{Name: "Half", Currency: "EUR"})
		if err != nil {
			return err
		}
		s.ImportHistory(ctx, app.ImportBatch{BusinessID: b.ID, Source: "h.csv"}, []app.Sale{{Date: day(1), Amount: 1}})
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if after, _ := db.Businesses(ctx); len(after) != len(before) {
		t.Errorf("a failed stage left %d businesses", len(after)-len(before))
	}
}

// Every table whose key is an integer (a rowid) must be listed in idRemap,
// or copying a staged demo into a workspace with rows of its own would
// clash. This test fails when a migration adds such a table.
func TestMergeKnowsEveryIntegerKey(t *testing.T) {
	db := MustOpenDB(t)
	migs, _ := migrations()
	for _, table := range schemaTables(migs) {
		if table == "settings" {
			continue
		}
		rows, err := db.wdb.Query(`SELECT name, type, pk FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name, typ string
			var pk int
			rows.Scan(&name, &typ, &pk)
			if pk == 1 && strings.EqualFold(typ, "INTEGER") {
				found := false
				for _, r := range idRemap[table] {
					found = found || r.column == name
				}
				if !found {
					t.Errorf("table %s has the integer key %s, which idRemap does not move", table, name)
				}
			}
		}
		rows.Close()
		// A column that refers to a moved key must move too.
		fks, err := db.wdb.Query(`SELECT "from", "table" FROM pragma_foreign_key_list(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		for fks.Next() {
			var from, parent string
			fks.Scan(&from, &parent)
			if _, moved := idRemap[parent]; !moved {
				continue
			}
			found := false
			for _, r := range idRemap[table] {
				found = found || (r.column == from && r.table == parent)
			}
			if !found {
				t.Errorf("%s.%s refers to %s, whose keys move, but is not moved with them", table, from, parent)
			}
		}
		fks.Close()
	}
}
