package data

import (
	"math"
	"testing"

	"salesplan/app"
)

func TestSummaryOfDemo(t *testing.T) {
	db := MustOpenDB(t)
	p, err := app.CreateDemo(ctx, db, app.DefaultRegistry(), fixedNow())
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
