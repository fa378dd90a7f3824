package data

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"salesplan/app"
	"salesplan/app/situation"
)

func benchDevice(b *testing.B, path string) *DB {
	b.Helper()
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	wall := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { wall = wall.Add(time.Millisecond); return wall }
	b.Cleanup(func() { db.Close() })
	if err := db.Declare(benchTables()...); err != nil {
		b.Fatal(err)
	}
	return db
}

func benchTables() []app.Table { return situation.Step().Tables }

func benchSync(b *testing.B, db *DB, dir string) SyncReport {
	b.Helper()
	rep, err := db.SyncFolder(ctx, SyncOptions{Folder: dir})
	if err != nil {
		b.Fatal(err)
	}
	if len(rep.Skipped) > 0 {
		b.Fatalf("skipped %+v", rep.Skipped)
	}
	return rep
}

func benchPlan(b *testing.B, db *DB, title string) app.Plan {
	b.Helper()
	biz, err := db.FindOrCreateBusiness(ctx, "Acme", "EUR")
	if err != nil {
		b.Fatal(err)
	}
	p, err := db.CreatePlan(ctx, app.Plan{BusinessID: biz.ID, Title: title, Start: app.NewMonth(2027, 1), Months: 12})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func swotRows(planID string, n int, text string) []situation.SWOTItem {
	items := make([]situation.SWOTItem, n)
	for i := range items {
		items[i] = situation.SWOTItem{PlanID: planID, Quadrant: string("SWOT"[i%4]), Text: fmt.Sprintf("%s %d", text, i), Impact: 1 + i%5}
	}
	return items
}

// BenchmarkApply10000ChangedRows: another device changed 10,000 rows; one
// sync round reads its change file and merges every row (the issue asks
// for under 1 s).
func BenchmarkApply10000ChangedRows(b *testing.B) {
	dir, folder := b.TempDir(), filepath.Join(b.TempDir(), "folder")
	os.Mkdir(folder, 0o755)
	a := benchDevice(b, filepath.Join(dir, "a.salesplan"))
	recv := benchDevice(b, filepath.Join(dir, "b.salesplan"))
	p := benchPlan(b, a, "Plan")
	items := swotRows(p.ID, 10000, "item")
	if err := a.SaveRows(ctx, situation.TableSWOT, items); err != nil {
		b.Fatal(err)
	}
	benchSync(b, a, folder)
	benchSync(b, recv, folder)
	for i := range items {
		items[i].Text = fmt.Sprintf("changed item %d", i)
	}
	if err := a.SaveRows(ctx, situation.TableSWOT, items); err != nil {
		b.Fatal(err)
	}
	if rep := benchSync(b, a, folder); len(rep.Wrote) != 1 {
		b.Fatalf("wrote %v", rep.Wrote)
	}
	base := filepath.Join(dir, "b-base.salesplan")
	if err := recv.BackupTo(ctx, base); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(dir, fmt.Sprintf("b%d.salesplan", i))
		raw, _ := os.ReadFile(base)
		os.WriteFile(path, raw, 0o644)
		db := benchDevice(b, path)
		b.StartTimer()
		rep := benchSync(b, db, folder)
		b.StopTimer()
		if rep.Merge.Changed != 10000 {
			b.Fatalf("changed %d rows, want 10000", rep.Merge.Changed)
		}
		db.Close()
		b.StartTimer()
	}
}

// BenchmarkNewDeviceCatchesUp50000Changes: a folder holds 50,000 changed
// rows from three devices (in several files each); a new device joins
// with one sync round (the issue asks for under 5 s).
func BenchmarkNewDeviceCatchesUp50000Changes(b *testing.B) {
	dir, folder := b.TempDir(), filepath.Join(b.TempDir(), "folder")
	os.Mkdir(folder, 0o755)
	per := []int{16667, 16667, 16666} // 50,000 SWOT rows, plus the plans and businesses
	for d := 0; d < 3; d++ {
		db := benchDevice(b, filepath.Join(dir, fmt.Sprintf("dev%d.salesplan", d)))
		benchSync(b, db, folder) // joins the folder first
		p := benchPlan(b, db, fmt.Sprintf("Plan of device %d", d))
		left := per[d]
		for seg := 0; seg < 4; seg++ {
			n := per[d] / 4
			if seg == 3 {
				n = left
			}
			left -= n
			if err := db.SaveRows(ctx, situation.TableSWOT, swotRows(p.ID, n, fmt.Sprintf("d%d s%d", d, seg))); err != nil {
				b.Fatal(err)
			}
			benchSync(b, db, folder)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := benchDevice(b, filepath.Join(dir, fmt.Sprintf("new%d.salesplan", i)))
		b.StartTimer()
		rep := benchSync(b, db, folder)
		b.StopTimer()
		got := rep.Merge.Added
		if got < 50000 {
			b.Fatalf("the new device added %d rows, want 50000 or more", got)
		}
		db.Close()
		b.StartTimer()
	}
}

// BenchmarkMillionRowHistoryBatchTravels: a history batch of 1,000,000
// sales is written to the folder as one compressed file and read into
// another device (reported: its size).
func BenchmarkMillionRowHistoryBatchTravels(b *testing.B) {
	const rows = 1_000_000
	dir, folder := b.TempDir(), filepath.Join(b.TempDir(), "folder")
	os.Mkdir(folder, 0o755)
	a := benchDevice(b, filepath.Join(dir, "a.salesplan"))
	biz, err := a.FindOrCreateBusiness(ctx, "Acme", "EUR")
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err = a.ImportStream(ctx, ImportRequest{BusinessID: biz.ID, Source: "big.csv", SHA256: strings.Repeat("ab", 32), Mode: ImportAppend},
		func(emit func(app.Sale) error) error {
			for i := 0; i < rows; i++ {
				if err := emit(app.Sale{Date: start.AddDate(0, 0, i%1000), Amount: int64(1000 + i%977), Quantity: float64(1 + i%7),
					Product: fmt.Sprintf("P%d", i%300), Group: fmt.Sprintf("G%d", i%12), Region: fmt.Sprintf("R%d", i%9),
					Customer: fmt.Sprintf("C%d", i%5000), Salesperson: fmt.Sprintf("S%d", i%25), Channel: "web", Line: i + 2}); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		os.RemoveAll(folder)
		os.Mkdir(folder, 0o755)
		// A fresh folder: everything is written again.
		a.update(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `DELETE FROM sync_history; DELETE FROM sync_files; UPDATE sync_device SET written_seq = 0`)
			return err
		})
		recv := benchDevice(b, filepath.Join(dir, fmt.Sprintf("b%d.salesplan", i)))
		b.StartTimer()
		rep := benchSync(b, a, folder)
		var hist []string
		for _, w := range rep.Wrote {
			if strings.HasSuffix(w, ".history") {
				hist = append(hist, w)
			}
		}
		if len(hist) != 1 {
			b.Fatalf("the batch went into %d files: %v", len(hist), rep.Wrote)
		}
		rb := benchSync(b, recv, folder)
		b.StopTimer()
		if rb.Batches != 1 {
			b.Fatalf("the other device added %d batches", rb.Batches)
		}
		n, _ := recv.HistoryRows(ctx, biz.ID)
		if n != rows {
			b.Fatalf("the other device has %d history rows", n)
		}
		st, _ := os.Stat(filepath.Join(folder, hist[0]))
		b.ReportMetric(float64(st.Size())/1e6, "MB-file")
		b.ReportMetric(float64(st.Size())/rows, "bytes/sale")
		recv.Close()
		b.StartTimer()
	}
}
