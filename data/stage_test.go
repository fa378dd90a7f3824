package data

import (
	"errors"
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
