package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"salesplan/app"
	"salesplan/app/steps"
)

var ctx = context.Background()

// fixedNow is the injected clock of the tests.
func fixedNow() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }

// MustOpenDB opens a new workspace in a temp dir and closes it at the end.
func MustOpenDB(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(filepath.Join(tb.TempDir(), "ws.salesplan"))
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = fixedNow
	tb.Cleanup(func() { db.Close() })
	if err := db.Declare(steps.Registry().Tables()...); err != nil {
		tb.Fatal(err)
	}
	return db
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("hello, this is not a database\n"), 0o644)

	foreign := filepath.Join(dir, "other.sqlite")
	fdb, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fdb.Exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('x')`); err != nil {
		t.Fatal(err)
	}
	fdb.Close()

	newer := filepath.Join(dir, "newer.salesplan")
	db, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	db.wdb.Exec(`PRAGMA user_version = 99`)
	db.Close()

	for _, tc := range []struct {
		path, code, words string
	}{
		{text, app.ErrNotWorkspace, "not a database"},
		{foreign, app.ErrNotWorkspace, "another program"},
		{newer, app.ErrTooNew, "newer version"},
		{dir, app.ErrNotWorkspace, "folder"},
	} {
		var before [32]byte
		if tc.path != dir {
			before = fileHash(t, tc.path)
		}
		_, err := Open(tc.path)
		if app.ErrorCode(err) != tc.code || !strings.Contains(app.ErrorMessage(err), tc.words) {
			t.Errorf("Open(%s) = %v; want code %s mentioning %q", filepath.Base(tc.path), err, tc.code, tc.words)
		}
		if tc.path != dir {
			if fileHash(t, tc.path) != before {
				t.Errorf("Open(%s) changed the file", filepath.Base(tc.path))
			}
			if _, err := os.Stat(tc.path + "-wal"); err == nil && tc.path != newer {
				t.Errorf("Open(%s) left a WAL file", filepath.Base(tc.path))
			}
		}
	}
}

func TestOpenSetsPragmas(t *testing.T) {
	db := MustOpenDB(t)
	for _, tc := range []struct {
		pragma string
		want   string
	}{
		{"journal_mode", "wal"}, {"foreign_keys", "1"}, {"synchronous", "1"}, {"busy_timeout", "5000"},
		{"application_id", "1397771342"},
	} {
		for _, conn := range []*sql.DB{db.wdb, db.rdb} {
			var got string
			if err := conn.QueryRow("PRAGMA " + tc.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("PRAGMA %s = %s, want %s", tc.pragma, got, tc.want)
			}
		}
	}
}

func TestMigrationBacksUpFirst(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ws.salesplan")
	migs, _ := migrations()
	db, err := open(path, migs, true)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = fixedNow
	b, err := db.CreateBusiness(ctx, app.Business{Name: "Müller & Søn", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	more := append(append([]string{}, migs...), `ALTER TABLE businesses ADD COLUMN logo BLOB;`)
	db, err = open(path, more, true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	backups, _ := filepath.Glob(path + ".before-v*.bak")
	if len(backups) != 1 {
		t.Fatalf("backups = %v, want one", backups)
	}
	var ver int
	db.wdb.QueryRow("PRAGMA user_version").Scan(&ver)
	if ver != len(more) {
		t.Errorf("user_version = %d, want %d", ver, len(more))
	}
	if got, err := db.Business(ctx, b.ID); err != nil || got.Name != b.Name {
		t.Errorf("business after migration = %+v, %v", got, err)
	}
	// The backup is a workspace of the old version with the data.
	old, err := open(backups[0], migs, true)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if got, err := old.Business(ctx, b.ID); err != nil || got.Name != b.Name {
		t.Errorf("business in backup = %+v, %v", got, err)
	}
}

func newPlan(t *testing.T, db *DB, title string) app.Plan {
	t.Helper()
	b, err := db.FindOrCreateBusiness(ctx, "Acme", "EUR")
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.CreatePlan(ctx, app.Plan{BusinessID: b.ID, Title: title, Start: app.NewMonth(2027, 1), Months: 12})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlanLifecycle(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan 2027")
	if p.Currency != "EUR" || p.ID == "" || p.BusinessName != "Acme" {
		t.Fatalf("created plan = %+v", p)
	}
	p.Products = "Ελλάδα — Москва — 日本 — 🚀 — שלום"
	p.Scope.Regions = []string{"North"}
	if _, err := db.UpdatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, err := db.Plan(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Products != p.Products || len(got.Scope.Regions) != 1 {
		t.Errorf("round trip lost data: %+v", got)
	}

	// Invalid values are refused and never overwrite the stored ones.
	bad := got
	bad.Title = "  "
	if _, err := db.UpdatePlan(ctx, bad); app.ErrorCode(err) != app.ErrInvalid {
		t.Errorf("blank title: err = %v", err)
	}
	bad = got
	bad.Markets = strings.Repeat("x", app.MaxTextLen+1)
	if _, err := db.UpdatePlan(ctx, bad); app.ErrorCode(err) != app.ErrInvalid {
		t.Errorf("long text: err = %v", err)
	}
	if again, _ := db.Plan(ctx, p.ID); again.Title != "Plan 2027" || again.Markets != "" {
		t.Errorf("invalid update changed the plan: %+v", again)
	}

	// Soft delete, Trash, restore.
	if err := db.DeletePlan(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	live, _ := db.Plans(ctx, PlanFilter{})
	trash, _ := db.Plans(ctx, PlanFilter{Trash: true})
	if len(live) != 0 || len(trash) != 1 {
		t.Fatalf("after delete: live %d, trash %d", len(live), len(trash))
	}
	if err := db.RestorePlan(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	live, _ = db.Plans(ctx, PlanFilter{})
	if len(live) != 1 || live[0].DeletedAt != nil {
		t.Fatalf("after restore: %+v", live)
	}
	if err := db.DeletePlan(ctx, "nope"); app.ErrorCode(err) != app.ErrNotFound {
		t.Errorf("delete missing: %v", err)
	}
}

func TestPlansSearchAndOrder(t *testing.T) {
	db := MustOpenDB(t)
	clock := fixedNow()
	db.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	a := newPlan(t, db, "Alpha 2027")
	b := newPlan(t, db, "Beta 2027")
	db.MarkOpened(ctx, a.ID, "situation")
	list, _ := db.Plans(ctx, PlanFilter{})
	if len(list) != 2 || list[0].ID != a.ID || list[0].LastStep != "situation" {
		t.Fatalf("order: %+v", list)
	}
	list, _ = db.Plans(ctx, PlanFilter{Query: "beta"})
	if len(list) != 1 || list[0].ID != b.ID {
		t.Fatalf("search: %+v", list)
	}
	list, _ = db.Plans(ctx, PlanFilter{Query: "acme"})
	if len(list) != 2 {
		t.Fatalf("search by business: %d", len(list))
	}
}

func TestCurrencyNeedsConfirmationOnceMoneyExists(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan")
	if err := db.SetPlanCurrency(ctx, p.ID, "usd", false); err != nil {
		t.Fatalf("no money yet: %v", err)
	}
	db.ImportHistory(ctx, app.ImportBatch{BusinessID: p.BusinessID, Source: "x.csv"}, []app.Sale{{Date: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Amount: 100}})
	if err := db.SetPlanCurrency(ctx, p.ID, "GBP", false); app.ErrorCode(err) != app.ErrConflict {
		t.Fatalf("with money: err = %v, want conflict", err)
	}
	if got, _ := db.Plan(ctx, p.ID); got.Currency != "USD" {
		t.Fatalf("currency changed silently to %s", got.Currency)
	}
	if err := db.SetPlanCurrency(ctx, p.ID, "GBP", true); err != nil {
		t.Fatal(err)
	}
	p.Currency = "JPY"
	if _, err := db.UpdatePlan(ctx, p); err == nil {
		t.Error("UpdatePlan changed the currency")
	}
}

func TestPeriodChangeDeletesNothing(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan")
	p.Products = "kept"
	p.Months = 6
	p.Start = app.NewMonth(2028, 3)
	if _, err := db.UpdatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Plan(ctx, p.ID)
	if got.Months != 6 || got.Start != app.NewMonth(2028, 3) || got.Products != "kept" {
		t.Errorf("period change: %+v", got)
	}
}

func TestDuplicatePlanShiftsContent(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Sales plan 2027")
	p.Products = "coffee"
	db.UpdatePlan(ctx, p)
	cp, err := db.DuplicatePlan(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cp.Title != "Sales plan 2028" || cp.Start != app.NewMonth(2028, 1) || cp.Products != "coffee" {
		t.Errorf("copy = %+v", cp)
	}
	// The history is not copied (it belongs to the business).
	var batches int
	db.wdb.QueryRow(`SELECT count(*) FROM import_batches`).Scan(&batches)
	if batches != 0 {
		t.Errorf("history copied")
	}
}

func TestImportHistoryRollups(t *testing.T) {
	db := MustOpenDB(t)
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	rows := []app.Sale{
		{Date: day(2026, 1, 3), Amount: 1000, Group: "A", Region: "N"},
		{Date: day(2026, 1, 9), Amount: 1000, Group: "A", Region: "N"}, // identical rows are kept
		{Date: day(2026, 3, 1), Amount: -250, Group: "B", Region: "S"},
	}
	if _, err := db.ImportHistory(ctx, app.ImportBatch{BusinessID: b.ID, Source: "a.csv"}, rows); err != nil {
		t.Fatal(err)
	}
	s, err := db.MonthlyRevenue(ctx, b.ID, app.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Start != app.NewMonth(2026, 1) || len(s.Values) != 3 || s.Values[0] != 2000 || s.Values[1] != 0 || s.Values[2] != -250 {
		t.Errorf("monthly = %+v", s)
	}
	s, _ = db.MonthlyRevenue(ctx, b.ID, app.Scope{ProductGroups: []string{"B"}})
	if len(s.Values) != 1 || s.Values[0] != -250 {
		t.Errorf("scoped = %+v", s)
	}
	groups, regions, _ := db.ScopeOptions(ctx, b.ID)
	if strings.Join(groups, ",") != "A,B" || strings.Join(regions, ",") != "N,S" {
		t.Errorf("options %v %v", groups, regions)
	}
	// A failing import leaves nothing behind (all or nothing).
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.ImportHistory(cctx, app.ImportBatch{BusinessID: b.ID, Source: "b.csv"}, rows); err == nil {
		t.Fatal("cancelled import succeeded")
	}
	if n, _ := db.HistoryRows(ctx, b.ID); n != 3 {
		t.Errorf("rows after failed import = %d, want 3", n)
	}
}

func TestConcurrentReadersDuringWrite(t *testing.T) {
	db := MustOpenDB(t)
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	rows := make([]app.Sale, 20000)
	for i := range rows {
		rows[i] = app.Sale{Date: time.Date(2025, time.Month(1+i%12), 1, 0, 0, 0, 0, time.UTC), Amount: 100, Group: "G"}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if _, err := db.ImportHistory(ctx, app.ImportBatch{BusinessID: b.ID, Source: "big.csv"}, rows); err != nil {
			t.Error(err)
		}
	}()
	// Readers always see all of the import or none of it.
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				s, err := db.MonthlyRevenue(ctx, b.ID, app.Scope{})
				if err != nil {
					t.Error(err)
					return
				}
				if tot := s.Total(); tot != 0 && tot != 2000000 {
					t.Errorf("reader saw a partial import: %d", tot)
					return
				}
			}
		}()
	}
	// An edit made while the import runs is saved, not lost.
	p := newPlan(t, db, "During import")
	p.Products = "edited during import"
	if _, err := db.UpdatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if got, _ := db.Plan(ctx, p.ID); got.Products != "edited during import" {
		t.Error("edit lost")
	}
}

func TestWriteRetriesWhileAnotherProcessWrites(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan")
	// Another connection (as the CLI would be) holds the write lock for longer
	// than the busy timeout of a single attempt.
	other, err := sql.Open("sqlite3", dsn(db.Path(), "_busy_timeout=100&_txlock=immediate"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	db.BusyRetry = 30 * time.Second
	done := make(chan error, 1)
	go func() {
		p.Author = "saved after the lock"
		_, err := db.UpdatePlan(ctx, p)
		done <- err
	}()
	time.Sleep(6 * time.Second) // longer than the 5 s busy timeout
	tx.Commit()
	if err := <-done; err != nil {
		t.Fatalf("edit failed: %v", err)
	}
	if got, _ := db.Plan(ctx, p.ID); got.Author != "saved after the lock" {
		t.Error("edit lost")
	}
}

func TestExternalChange(t *testing.T) {
	db := MustOpenDB(t)
	if _, err := db.ExternalChange(ctx); err != nil {
		t.Fatal(err)
	}
	newPlan(t, db, "own write")
	if ch, _ := db.ExternalChange(ctx); ch {
		t.Error("own write reported as external")
	}
	cli, err := Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	newPlan(t, cli, "from the CLI")
	cli.Close()
	if ch, _ := db.ExternalChange(ctx); !ch {
		t.Error("CLI write not noticed")
	}
}

func TestLockGUI(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.salesplan")
	release, held, err := LockGUI(path)
	if err != nil || !held {
		t.Fatalf("first lock: %v %v", held, err)
	}
	_, held2, _ := LockGUI(path)
	if held2 {
		t.Error("second window got the lock")
	}
	release()
	r3, held3, _ := LockGUI(path)
	if !held3 {
		t.Error("lock not released")
	}
	r3()
}
