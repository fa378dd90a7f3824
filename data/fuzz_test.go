package data

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"salesplan/app"
)

// baseWorkspace returns the bytes of a small, checkpointed workspace with a
// business, history and a plan.
func baseWorkspace(tb testing.TB, dir string) []byte {
	tb.Helper()
	path := filepath.Join(dir, "base.salesplan")
	db, err := Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = fixedNow
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	var rows []app.Sale
	for i := 0; i < 300; i++ {
		rows = append(rows, app.Sale{Date: time.Date(2025, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC), Amount: int64(1000 + i), Group: "G", Customer: "C"})
	}
	if _, err := db.ImportHistory(ctx, app.ImportBatch{BusinessID: b.ID, Source: "a.csv"}, rows); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.CreatePlan(ctx, app.Plan{BusinessID: b.ID, Title: "Plan", Start: app.NewMonth(2027, 1), Months: 12}); err != nil {
		tb.Fatal(err)
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	img, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		tb.Fatal("the base workspace kept a -wal")
	}
	return img
}

// FuzzOpenDamaged overwrites a part of a workspace file and opens it: the
// read-only check and a refused open must leave the file byte-for-byte as it
// was with nothing created beside it, and nothing may panic. Run by hand:
// go test -run '^$' -fuzz FuzzOpenDamaged -fuzztime 10m ./data/
func FuzzOpenDamaged(f *testing.F) {
	base := baseWorkspace(f, f.TempDir())
	f.Add(uint32(0), []byte("SQLite format 2"))
	f.Add(uint32(18), []byte{1, 1})                   // rollback journal in the header
	f.Add(uint32(28), []byte{0, 0, 0, 1})             // database size
	f.Add(uint32(60), []byte{0, 0, 0, 99})            // user_version from the future
	f.Add(uint32(68), []byte{0, 0, 0, 0})             // application_id gone
	f.Add(uint32(100), bytes.Repeat([]byte{0xff}, 8)) // the schema page's header
	f.Add(uint32(4096), bytes.Repeat([]byte{0xde, 0xad}, 2048))
	f.Add(uint32(len(base)/2), bytes.Repeat([]byte{0}, 4096))
	f.Add(uint32(len(base)-4096), []byte("junk at the end"))
	f.Fuzz(func(t *testing.T, off uint32, patch []byte) {
		img := append([]byte(nil), base...)
		o := int(off % uint32(len(img)))
		copy(img[o:], patch)
		path := filepath.Join(t.TempDir(), "ws.salesplan")
		if err := os.WriteFile(path, img, 0o644); err != nil {
			t.Fatal(err)
		}
		unchanged := func(what string) {
			t.Helper()
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, img) {
				t.Fatalf("%s changed the file", what)
			}
			for _, s := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + s); err == nil {
					t.Fatalf("%s created %s", what, s)
				}
			}
		}
		res, err := CheckWorkspace(ctx, path, true)
		unchanged("check")
		if err != nil && app.ErrorCode(err) == app.ErrInternal {
			t.Fatalf("check failed without a sentence: %v", err)
		}
		_ = res
		db, err := OpenExisting(path)
		if err != nil {
			unchanged("a refused open")
			if msg := app.ErrorMessage(err); strings.HasPrefix(msg, "Something went wrong") {
				t.Fatalf("refused without saying why: %v", err)
			}
			return
		}
		defer db.Close()
		// Reads may fail on damage, but not panic.
		plans, _ := db.Plans(ctx, PlanFilter{})
		for _, p := range plans {
			db.Plan(ctx, p.ID)
			db.MonthlyRevenue(ctx, p.BusinessID, app.Scope{})
		}
		db.QuickCheck(ctx)
	})
}
