package data

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"salesplan/app"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func rowsOf(sales ...app.Sale) func(func(app.Sale) error) error {
	return func(emit func(app.Sale) error) error {
		for _, s := range sales {
			if err := emit(s); err != nil {
				return err
			}
		}
		return nil
	}
}

// assertRollupsMatchRows checks the roll-ups against the sales rows.
func assertRollupsMatchRows(t *testing.T, db *DB, businessID string) {
	t.Helper()
	var rollup, rows, nRollup, nRows int64
	db.rdb.QueryRow(`SELECT coalesce(sum(amount),0), coalesce(sum(rows),0) FROM sales_monthly WHERE business_id = ?`, businessID).Scan(&rollup, &nRollup)
	db.rdb.QueryRow(`SELECT coalesce(sum(amount),0), count(*) FROM sales WHERE batch_id IN (SELECT id FROM import_batches WHERE business_id = ?)`, businessID).Scan(&rows, &nRows)
	if rollup != rows || nRollup != nRows {
		t.Fatalf("roll-ups %d (%d rows) != sales %d (%d rows)", rollup, nRollup, rows, nRows)
	}
}

func TestImportModes(t *testing.T) {
	db := MustOpenDB(t)
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	fileA := []app.Sale{
		{Date: day(2025, 1, 10), Amount: 1000, Group: "G", Line: 2},
		{Date: day(2025, 2, 10), Amount: 2000, Group: "G", Line: 3},
		{Date: day(2025, 3, 10), Amount: 3000, Group: "H", Line: 4},
	}
	reqA := ImportRequest{BusinessID: b.ID, Source: "a.csv", SHA256: "aaa", First: day(2025, 1, 10), Last: day(2025, 3, 10)}
	if _, err := db.ImportStream(ctx, reqA, rowsOf(fileA...)); err != nil {
		t.Fatal(err)
	}
	assertRollupsMatchRows(t, db, b.ID)

	// The same file again is refused by default.
	if _, err := db.ImportStream(ctx, reqA, rowsOf(fileA...)); app.ErrorCode(err) != app.ErrConflict {
		t.Fatalf("same file: %v", err)
	}
	c, _ := db.CheckImport(ctx, b.ID, "aaa", reqA.First, reqA.Last)
	if c.SameFile == nil || c.OverlapRows != 3 || !c.Clashes() {
		t.Fatalf("check: %+v", c)
	}
	// Replace the file: still 3 rows, not 6.
	reqA.Mode = ImportReplaceFile
	if _, err := db.ImportStream(ctx, reqA, rowsOf(fileA...)); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.HistoryRows(ctx, b.ID); n != 3 {
		t.Fatalf("after replace file: %d rows", n)
	}
	assertRollupsMatchRows(t, db, b.ID)

	// Another file overlapping February–March is refused, then replaces that period.
	fileB := []app.Sale{{Date: day(2025, 2, 1), Amount: 500, Group: "G", Line: 2}, {Date: day(2025, 4, 1), Amount: 700, Group: "G", Line: 3}}
	reqB := ImportRequest{BusinessID: b.ID, Source: "b.csv", SHA256: "bbb", First: day(2025, 2, 1), Last: day(2025, 4, 1)}
	if _, err := db.ImportStream(ctx, reqB, rowsOf(fileB...)); app.ErrorCode(err) != app.ErrConflict {
		t.Fatalf("overlap: %v", err)
	}
	reqB.Mode = ImportReplacePeriod
	if _, err := db.ImportStream(ctx, reqB, rowsOf(fileB...)); err != nil {
		t.Fatal(err)
	}
	s, _ := db.MonthlyRevenue(ctx, b.ID, app.Scope{})
	want := []int64{1000, 500, 0, 700}
	if s.Start != app.NewMonth(2025, 1) || len(s.Values) != 4 {
		t.Fatalf("monthly %+v", s)
	}
	for i, v := range want {
		if s.Values[i] != v {
			t.Errorf("month %d = %d, want %d", i, s.Values[i], v)
		}
	}
	assertRollupsMatchRows(t, db, b.ID)

	// Append adds regardless.
	reqB.Mode, reqB.SHA256 = ImportAppend, "ccc"
	if _, err := db.ImportStream(ctx, reqB, rowsOf(fileB...)); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.HistoryRows(ctx, b.ID); n != 5 {
		t.Errorf("after append: %d rows", n)
	}
	assertRollupsMatchRows(t, db, b.ID)
	batches, _ := db.ImportBatches(ctx, b.ID)
	if len(batches) != 3 || batches[0].Rows != 2 {
		t.Errorf("batches %+v", batches)
	}
}

func TestImportStreamIsAllOrNothing(t *testing.T) {
	db := MustOpenDB(t)
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	failing := func(emit func(app.Sale) error) error {
		for i := 0; i < 1000; i++ {
			if err := emit(app.Sale{Date: day(2025, 1, 1), Amount: 1}); err != nil {
				return err
			}
		}
		return sql.ErrConnDone // the file turned out broken half-way
	}
	if _, err := db.ImportStream(ctx, ImportRequest{BusinessID: b.ID, Source: "x", SHA256: "x", Mode: ImportAppend}, failing); err == nil {
		t.Fatal("broken import succeeded")
	}
	var batches, rows int
	db.rdb.QueryRow(`SELECT count(*) FROM import_batches`).Scan(&batches)
	db.rdb.QueryRow(`SELECT count(*) FROM sales`).Scan(&rows)
	if batches != 0 || rows != 0 {
		t.Errorf("partial import left %d batches, %d rows", batches, rows)
	}
	// Chunked inserts: counts that are not a multiple of the chunk size.
	for _, n := range []int{1, insertChunk - 1, insertChunk, insertChunk + 1, 3*insertChunk + 7} {
		rows := make([]app.Sale, n)
		for i := range rows {
			rows[i] = app.Sale{Date: day(2024, 1+i%12, 1), Amount: int64(i), Line: i + 2, Customer: "Ελλάδα 🚀"}
		}
		if _, err := db.ImportHistory(context.Background(), app.ImportBatch{BusinessID: b.ID, Source: "n"}, rows); err != nil {
			t.Fatal(err)
		}
	}
	assertRollupsMatchRows(t, db, b.ID)
	var cust string
	db.rdb.QueryRow(`SELECT n.name FROM sales s JOIN sales_names n ON n.id = s.customer LIMIT 1`).Scan(&cust)
	if cust != "Ελλάδα 🚀" {
		t.Errorf("text lost: %q", cust)
	}
}

// TestSaleInserterSortsByDay checks the chunk sort: by day, in file order
// within a day, whatever the span of the days (counting sort or the
// comparison sort for dates a century apart).
func TestSaleInserterSortsByDay(t *testing.T) {
	for _, span := range []int{1, 40, 1826, 60000} {
		var s saleInserter
		start := day(1950, 1, 1)
		for i := 0; i < 5000; i++ {
			d := start.AddDate(0, 0, (i*7919)%span)
			s.rows = append(s.rows, saleRow{lineDay: int64(i+2)<<32 | dayNumber(d), amount: int64(i)})
		}
		want := slices.Clone(s.rows)
		slices.SortStableFunc(want, func(a, b saleRow) int { return cmp.Compare(a.lineDay&0xffffffff, b.lineDay&0xffffffff) })
		s.sortByDay()
		if !slices.Equal(s.rows, want) {
			t.Errorf("span %d days: rows not sorted by day in file order", span)
		}
		s.sortByDay() // already sorted: unchanged
		if !slices.Equal(s.rows, want) {
			t.Errorf("span %d days: sorting sorted rows changed them", span)
		}
	}
}

// TestImportRandomOrder imports more rows than one sort chunk in random
// date order: every row arrives once with its line, amount and names, and
// the roll-ups match.
func TestImportRandomOrder(t *testing.T) {
	db := MustOpenDB(t)
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	n := sortChunk + 5000
	var sales []app.Sale
	var total int64
	for i := 0; i < n; i++ {
		s := app.Sale{Date: day(2021, 1, 1).AddDate(0, 0, (i*7919)%1826), Amount: int64(i%977 + 1), Line: i + 2,
			Customer: fmt.Sprintf("C%d", i%311), Group: fmt.Sprintf("G%d", i%3)}
		total += s.Amount
		sales = append(sales, s)
	}
	if _, err := db.ImportStream(ctx, ImportRequest{BusinessID: b.ID, Source: "r.csv", SHA256: "r", Mode: ImportAppend}, rowsOf(sales...)); err != nil {
		t.Fatal(err)
	}
	assertRollupsMatchRows(t, db, b.ID)
	rows, err := db.rdb.Query(`SELECT s.source_line, s.day, s.amount, c.name FROM sales s JOIN sales_names c ON c.id = s.customer ORDER BY s.source_line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var line int
		var d, amount int64
		var cust string
		rows.Scan(&line, &d, &amount, &cust)
		w := sales[i]
		if line != w.Line || d != dayNumber(w.Date) || amount != w.Amount || cust != w.Customer {
			t.Fatalf("row %d = line %d day %d amount %d %q, want %+v", i, line, d, amount, cust, w)
		}
	}
	if i != n {
		t.Errorf("%d rows stored, want %d", i, n)
	}
}

// TestImportCancelledWhileWriting cancels an import after several sorted
// chunks went in: the import fails and nothing is kept.
func TestImportCancelledWhileWriting(t *testing.T) {
	db := MustOpenDB(t)
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	_, err := db.ImportStream(c, ImportRequest{BusinessID: b.ID, Source: "x.csv", SHA256: "x", Mode: ImportAppend}, func(emit func(app.Sale) error) error {
		for i := 0; i < 3*sortChunk; i++ {
			if i == 2*sortChunk+10 {
				cancel()
			}
			if err := emit(app.Sale{Date: day(2021, 1, 1).AddDate(0, 0, (i*7919)%1826), Amount: 1, Line: i + 2}); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		t.Fatal("a cancelled import succeeded")
	}
	var rows, batches int64
	db.rdb.QueryRow(`SELECT (SELECT count(*) FROM sales), (SELECT count(*) FROM import_batches)`).Scan(&rows, &batches)
	if rows != 0 || batches != 0 {
		t.Errorf("%d sales rows and %d imports kept after a cancelled import", rows, batches)
	}
}
