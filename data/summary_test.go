package data

import (
	"math"
	"testing"
	"time"

	"salesplan/app"
	"salesplan/app/steps"
)

func TestSummaryOfDemo(t *testing.T) {
	db := MustOpenDB(t)
	p, err := app.CreateDemo(ctx, db, steps.Registry(), fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	h, _ := db.MonthlyRevenue(ctx, p.BusinessID, app.Scope{})
	s, err := db.Summary(ctx, p.BusinessID, app.Scope{}, h)
	if err != nil {
		t.Fatal(err)
	}
	if s.To != h.End() || s.From != h.End().Add(-11) {
		t.Errorf("window %s–%s", s.From, s.To)
	}
	if len(s.Top[app.DimCustomer]) != 10 || len(s.Top[app.DimSalesperson]) != 6 || len(s.Top[app.DimRegion]) != 4 {
		t.Errorf("top sizes: customers %d reps %d regions %d", len(s.Top[app.DimCustomer]), len(s.Top[app.DimSalesperson]), len(s.Top[app.DimRegion]))
	}
	var share float64
	for i, r := range s.Top[app.DimRegion] {
		share += r.Share
		if i > 0 && r.Amount > s.Top[app.DimRegion][i-1].Amount {
			t.Error("not sorted")
		}
	}
	if math.Abs(share-1) > 1e-9 {
		t.Errorf("region shares sum to %v", share)
	}
	if s.Top10Share <= 0.1 || s.Top10Share >= 1 {
		t.Errorf("top-10 customer share %v", s.Top10Share)
	}
	if s.Seasonality[11] <= s.Seasonality[7] {
		t.Errorf("December %v not above August %v", s.Seasonality[11], s.Seasonality[7])
	}
	// Scope filters the lists.
	north, _, _ := db.TopN(ctx, p.BusinessID, app.Scope{Regions: []string{"North"}}, app.DimRegion, s.From, s.To, 10)
	if len(north) != 1 || north[0].Key != "North" {
		t.Errorf("scoped: %+v", north)
	}
}

func TestCustomerBaselines(t *testing.T) {
	db := MustOpenDB(t)
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	sale := func(y, m int, cust string) app.Sale { return app.Sale{Date: day(y, m, 5), Amount: 100, Customer: cust} }
	rows := []app.Sale{
		sale(2024, 1, "A"), sale(2024, 6, "B"), sale(2024, 9, "C"), sale(2024, 11, "D"), // previous year: A B C D
		sale(2025, 2, "A"), sale(2025, 4, "C"), sale(2025, 5, "E"), sale(2025, 8, "F"), sale(2025, 8, "F"), // A, C kept; E, F new
	}
	if _, err := db.ImportHistory(ctx, app.ImportBatch{BusinessID: b.ID, Source: "x"}, rows); err != nil {
		t.Fatal(err)
	}
	n, ret, ok, err := db.CustomerBaselines(ctx, b.ID, app.Scope{}, app.NewMonth(2025, 12))
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || !ok || ret != 5000 {
		t.Errorf("new %d, retention %d bp (ok %v); want 2 and 5000", n, ret, ok)
	}
	// Too little history for retention.
	_, _, ok, _ = db.CustomerBaselines(ctx, b.ID, app.Scope{}, app.NewMonth(2025, 6))
	if ok {
		t.Error("retention without a full previous year")
	}
}

// A column the files did not have gets no top list (not one "(not given)"
// entry at 100 %).
func TestSummaryLeavesOutColumnsTheHistoryLacks(t *testing.T) {
	db := MustOpenDB(t)
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	var rows []app.Sale
	for m := 1; m <= 12; m++ {
		rows = append(rows, app.Sale{Date: time.Date(2025, time.Month(m), 3, 0, 0, 0, 0, time.UTC), Amount: 1000, Customer: "Müller", Region: "Süd"})
	}
	if _, err := db.ImportHistory(ctx, app.ImportBatch{BusinessID: b.ID, Source: "x.csv"}, rows); err != nil {
		t.Fatal(err)
	}
	h, _ := db.MonthlyRevenue(ctx, b.ID, app.Scope{})
	s, err := db.Summary(ctx, b.ID, app.Scope{}, h)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Top[app.DimProduct]) != 0 || len(s.Top[app.DimSalesperson]) != 0 || len(s.Top[app.DimRegion]) != 1 || len(s.Top[app.DimCustomer]) != 1 {
		t.Errorf("top lists: %+v", s.Top)
	}
}
