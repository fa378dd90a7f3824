package data

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"salesplan/app"
)

// damagedWorkspace returns a workspace with history whose middle pages were
// overwritten, and the path of a backup taken before the damage.
func damagedWorkspace(t *testing.T) (string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ws.salesplan")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = fixedNow
	b, _ := db.CreateBusiness(ctx, app.Business{Name: "Acme", Currency: "EUR"})
	rows := make([]app.Sale, 5000)
	for i := range rows {
		rows[i] = app.Sale{Date: time.Date(2025, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC), Amount: int64(100 + i), Group: "G", Customer: strings.Repeat("c", i%50)}
	}
	if _, err := db.ImportHistory(ctx, app.ImportBatch{BusinessID: b.ID, Source: "a.csv"}, rows); err != nil {
		t.Fatal(err)
	}
	backup, err := db.Backup(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	pages := st.Size() / 4096
	if pages < 10 {
		t.Fatalf("only %d pages", pages)
	}
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
	// Pages of the history written last: the schema's pages come first
	// (each table has its own root page), and a hit there is not damage
	// that can be salvaged.
	for _, p := range []int64{pages - 8, pages - 7, pages - 2} {
		f.WriteAt(junk, p*4096)
	}
	f.Close()
	return path, backup
}

func TestCheckWorkspaceFindsDamageAndTheNewestBackup(t *testing.T) {
	path, backup := damagedWorkspace(t)
	before := fileHash(t, path)
	for _, quick := range []bool{false, true} {
		res, err := CheckWorkspace(ctx, path, quick)
		if err != nil {
			t.Fatal(err)
		}
		if res.OK() || res.NewestBackup != backup {
			t.Errorf("quick=%v: %+v; want damage and backup %s", quick, res, backup)
		}
	}
	if fileHash(t, path) != before {
		t.Error("check changed the file")
	}
	// Writing into the damaged file is refused.
	db, err := Open(path)
	if err != nil {
		t.Skipf("the damage is caught on open already: %v", err)
	}
	defer db.Close()
	err = db.QuickCheck(ctx)
	if app.ErrorCode(err) != ErrDamaged || !strings.Contains(app.ErrorMessage(err), backup) {
		t.Errorf("QuickCheck = %v", err)
	}
}

func TestCheckWorkspaceIntact(t *testing.T) {
	db := MustOpenDB(t)
	newPlan(t, db, "Plan")
	res, err := CheckWorkspace(ctx, db.Path(), false)
	if err != nil || !res.OK() {
		t.Errorf("intact workspace: %+v %v", res, err)
	}
	if err := db.QuickCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestDiskFullHasItsOwnSentence(t *testing.T) {
	db := MustOpenDB(t)
	p := newPlan(t, db, "Plan")
	var pages int
	db.wdb.QueryRow("PRAGMA page_count").Scan(&pages)
	if _, err := db.wdb.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	p.Products = strings.Repeat("coffee ", 1300)
	_, err := db.UpdatePlan(ctx, p)
	msg := app.ErrorMessage(err)
	if err == nil || !strings.Contains(msg, "disk is full") || !strings.Contains(msg, "Free some disk space") {
		t.Fatalf("UpdatePlan on a full disk = %v", err)
	}
	db.wdb.Exec("PRAGMA max_page_count = 1073741823")
	if got, _ := db.Plan(ctx, p.ID); got.Products != "" {
		t.Error("a part of the change was saved")
	}
}

func TestReadOnlySentences(t *testing.T) {
	file := readOnlyMessage("/w/ws.salesplan", false, true)
	dir := readOnlyMessage("/w/ws.salesplan", true, false)
	if !strings.Contains(file, "file /w/ws.salesplan is read-only") || !strings.Contains(file, "intact") {
		t.Errorf("read-only file: %s", file)
	}
	if !strings.Contains(dir, "folder /w is read-only") || strings.Contains(dir, "damaged") || !strings.Contains(dir, "fine") {
		t.Errorf("read-only folder: %s", dir)
	}
	if os.Geteuid() == 0 {
		return // root may write anyway
	}
	d := t.TempDir()
	path := filepath.Join(d, "ws.salesplan")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Chmod(path, 0o444)
	defer os.Chmod(path, 0o644)
	db, err = Open(path)
	if err == nil {
		defer db.Close()
		_, err = db.CreateBusiness(ctx, app.Business{Name: "x", Currency: "EUR"})
	}
	if !strings.Contains(app.ErrorMessage(err), "read-only") {
		t.Errorf("write to a read-only file: %v", err)
	}
}

func TestDamageFoundRefusesEveryLaterWrite(t *testing.T) {
	path, _ := damagedWorkspace(t)
	db, err := Open(path)
	if err != nil {
		t.Skipf("caught on open: %v", err)
	}
	defer db.Close()
	if err := db.QuickCheck(ctx); app.ErrorCode(err) != ErrDamaged {
		t.Fatalf("QuickCheck = %v", err)
	}
	before := fileHash(t, path)
	_, err = db.CreateBusiness(ctx, app.Business{Name: "After", Currency: "EUR"})
	if app.ErrorCode(err) != ErrDamaged || !strings.Contains(app.ErrorMessage(err), "wrote nothing") {
		t.Errorf("write after damage = %v", err)
	}
	if fileHash(t, path) != before {
		t.Error("the damaged file was written")
	}
}

func TestMigrationRefusesADamagedWorkspace(t *testing.T) {
	path, _ := damagedWorkspace(t)
	migs, _ := migrations()
	more := append(append([]string{}, migs...), `ALTER TABLE businesses ADD COLUMN logo BLOB;`)
	before := fileHash(t, path)
	db, err := open(path, more, true)
	if err == nil {
		db.Close()
		t.Fatal("a damaged workspace was migrated")
	}
	if app.ErrorCode(err) != ErrDamaged {
		t.Errorf("err = %v", err)
	}
	if fileHash(t, path) != before {
		t.Error("the damaged file was changed")
	}
	if b, _ := filepath.Glob(path + ".before-v*.bak"); len(b) != 0 {
		t.Errorf("a backup of the damaged file was kept as if sound: %v", b)
	}
}

func TestRestoreFromBackupRepairsTheOpenWorkspace(t *testing.T) {
	path, backup := damagedWorkspace(t)
	db, err := Open(path)
	if err != nil {
		t.Skipf("caught on open: %v", err)
	}
	defer db.Close()
	db.Now = fixedNow
	if err := db.QuickCheck(ctx); app.ErrorCode(err) != ErrDamaged {
		t.Fatalf("QuickCheck = %v", err)
	}
	if NewestBackup(path) != backup {
		t.Fatalf("NewestBackup = %q", NewestBackup(path))
	}
	kept, err := db.RestoreFrom(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := CheckWorkspace(ctx, kept, true); err != nil || res.OK() {
		t.Errorf("the kept file should be the damaged one: %+v %v", res, err)
	}
	if err := db.QuickCheck(ctx); err != nil {
		t.Errorf("after restore: %v", err)
	}
	bs, err := db.Businesses(ctx)
	if err != nil || len(bs) != 1 {
		t.Fatalf("businesses after restore: %v %v", bs, err)
	}
	if n, _ := db.HistoryRows(ctx, bs[0].ID); n != 5000 {
		t.Errorf("history rows after restore = %d", n)
	}
	if _, err := db.CreateBusiness(ctx, app.Business{Name: "After", Currency: "EUR"}); err != nil {
		t.Errorf("write after restore: %v", err)
	}
	db.Close()
	if res, err := CheckWorkspace(ctx, path, false); err != nil || !res.OK() {
		t.Errorf("the file after restore: %+v %v", res, err)
	}
}

func TestSalvageSavesWhatCanBeRead(t *testing.T) {
	path, _ := damagedWorkspace(t)
	before := fileHash(t, path)
	out := filepath.Join(t.TempDir(), "saved.salesplan")
	rep, err := Salvage(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	if fileHash(t, path) != before {
		t.Error("the damaged file changed")
	}
	res, err := CheckWorkspace(ctx, out, false)
	if err != nil || !res.OK() {
		t.Fatalf("the salvaged workspace: %+v %v", res, err)
	}
	db, err := OpenExisting(out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	bs, err := db.Businesses(ctx)
	if err != nil || len(bs) != 1 {
		t.Fatalf("businesses: %v %v", bs, err)
	}
	n, _ := db.HistoryRows(ctx, bs[0].ID)
	if n == 0 || n > 5000 || n != rep.Copied["sales"] {
		t.Errorf("history rows %d, report %v", n, rep.Copied)
	}
	if n == 5000 && len(rep.Lost) == 0 {
		t.Log("the damage hit no table rows")
	}
	// The roll-ups match the rows kept.
	var sum, rows int64
	db.rdb.QueryRow(`SELECT coalesce(sum(amount),0) FROM sales`).Scan(&sum)
	s, _ := db.MonthlyRevenue(ctx, bs[0].ID, app.Scope{})
	if s.Total() != sum {
		t.Errorf("roll-ups %d, rows %d", s.Total(), sum)
	}
	db.rdb.QueryRow(`SELECT count(*) FROM sales`).Scan(&rows)
	t.Logf("salvaged %d of 5000 sales rows; lost: %v", rows, rep.Lost)
	if _, err := Salvage(ctx, path, out); err == nil {
		t.Error("salvage over an existing database was accepted")
	}
}
