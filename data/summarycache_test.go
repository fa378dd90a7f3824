package data

import (
	"fmt"
	"reflect"
	"testing"

	"salesplan/app"
)

// TestSummaryCacheMatchesRows checks the top lists kept by the imports
// against the ones computed from the rows: after a first import (totals
// gathered while the rows go in), after a second one (queried in the
// transaction) and after a period is replaced; a scoped plan and a window
// other than the last 12 months are computed from the rows.
func TestSummaryCacheMatchesRows(t *testing.T) {
	db := MustOpenDB(t)
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	mk := func(seed, n int, start int) []app.Sale {
		var out []app.Sale
		for i := 0; i < n; i++ {
			k := i*7919 + seed
			out = append(out, app.Sale{Date: day(2022, 1, 1).AddDate(0, 0, start+(k%900)), Amount: int64(k%1000 + 1), Line: i + 2,
				Product: fmt.Sprintf("P%d", k%37), Customer: fmt.Sprintf("C%d", k%53), Region: fmt.Sprintf("R%d", k%3), Group: fmt.Sprintf("G%d", k%2)})
			if k%17 == 0 {
				out[len(out)-1].Customer = "" // some rows without a customer
			}
		}
		return out
	}
	check := func(what string, wantCached bool) {
		t.Helper()
		h, err := db.MonthlyRevenue(ctx, b.ID, app.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		from, to, _ := app.LastYearWindow(h)
		for _, dim := range []app.Dimension{app.DimProduct, app.DimCustomer} {
			top, total, ok := db.cachedTopN(ctx, b.ID, app.Scope{}, dim, from, to, 10)
			if ok != wantCached {
				t.Fatalf("%s: %s cached = %v, want %v", what, dim, ok, wantCached)
			}
			wantTop, wantTotal, err := db.TopN(ctx, b.ID, app.Scope{}, dim, from, to, 10)
			if err != nil {
				t.Fatal(err)
			}
			if ok && (total != wantTotal || !reflect.DeepEqual(top, wantTop)) {
				t.Errorf("%s: cached %s top %v (total %d), from the rows %v (%d)", what, dim, top, total, wantTop, wantTotal)
			}
		}
		s, err := db.Summary(ctx, b.ID, app.Scope{}, h)
		if err != nil {
			t.Fatal(err)
		}
		wantCust, wantTotal, _ := db.TopN(ctx, b.ID, app.Scope{}, app.DimCustomer, from, to, 10)
		var sum int64
		for _, r := range wantCust {
			sum += r.Amount
		}
		if !reflect.DeepEqual(s.Top[app.DimCustomer], wantCust) || s.Top10Share != float64(sum)/float64(wantTotal) {
			t.Errorf("%s: summary customers %v share %v", what, s.Top[app.DimCustomer], s.Top10Share)
		}
		// Another window and a scoped plan are not cached.
		if _, _, ok := db.cachedTopN(ctx, b.ID, app.Scope{}, app.DimProduct, from.Add(-1), to.Add(-1), 10); ok {
			t.Errorf("%s: a different window came from the cache", what)
		}
		if _, _, ok := db.cachedTopN(ctx, b.ID, app.Scope{Regions: []string{"R1"}}, app.DimProduct, from, to, 10); ok {
			t.Errorf("%s: a scoped ranking came from the cache", what)
		}
	}
	if _, err := db.ImportStream(ctx, ImportRequest{BusinessID: b.ID, Source: "a.csv", SHA256: "a", Mode: ImportAppend}, rowsOf(mk(1, 3000, 0)...)); err != nil {
		t.Fatal(err)
	}
	check("first import", true)
	if _, err := db.ImportStream(ctx, ImportRequest{BusinessID: b.ID, Source: "b.csv", SHA256: "b", Mode: ImportAppend}, rowsOf(mk(5, 2000, 300)...)); err != nil {
		t.Fatal(err)
	}
	check("second import", true)
	if _, err := db.ImportStream(ctx, ImportRequest{BusinessID: b.ID, Source: "c.csv", SHA256: "c", Mode: ImportReplacePeriod}, rowsOf(mk(9, 500, 800)...)); err != nil {
		t.Fatal(err)
	}
	check("replaced period", true)
	// A change of the history the cache did not see makes it stale.
	if _, err := db.wdb.Exec(`UPDATE import_batches SET rows = rows - 1 WHERE id = (SELECT max(id) FROM import_batches)`); err != nil {
		t.Fatal(err)
	}
	check("stale", false)
}
