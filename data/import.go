package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"salesplan/app"
)

// ImportMode says what an import does with history already present.
type ImportMode int

// Import modes. The default refuses a file imported before and a file whose
// dates overlap the history, so figures are never doubled by accident.
const (
	ImportRefuse        ImportMode = iota // refuse same file or overlapping dates
	ImportAppend                          // add the rows anyway
	ImportReplacePeriod                   // delete the history between the file's first and last day first
	ImportReplaceFile                     // delete the earlier import of the same file first
)

// ImportRequest describes one import of a file into a business's history.
type ImportRequest struct {
	BusinessID string
	Source     string // file name, for the record
	SHA256     string
	First      time.Time // first and last day of the file's accepted rows
	Last       time.Time
	Mode       ImportMode
}

// ImportCheck says what an import would clash with.
type ImportCheck struct {
	SameFile     *app.ImportBatch `json:"same_file,omitempty"` // an earlier import of the identical file
	OverlapRows  int64            `json:"overlap_rows"`        // history rows between First and Last
	OverlapFirst time.Time        `json:"overlap_first"`
	OverlapLast  time.Time        `json:"overlap_last"`
}

// Clashes reports whether the import needs the user's decision.
func (c ImportCheck) Clashes() bool { return c.SameFile != nil || c.OverlapRows > 0 }

const dayLayout = "2006-01-02"

// CheckImport reports whether a file (by hash) was imported before and how
// many history rows lie in its date range.
func (db *DB) CheckImport(ctx context.Context, businessID, sha string, first, last time.Time) (ImportCheck, error) {
	var c ImportCheck
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = checkImport(ctx, tx, businessID, sha, first, last)
		return err
	})
	return c, err
}

func checkImport(ctx context.Context, tx *sql.Tx, businessID, sha string, first, last time.Time) (ImportCheck, error) {
	return checkImportExcept(ctx, tx, businessID, sha, first, last, 0)
}

// checkImportExcept is checkImport leaving out the batch except (an import
// in progress).
func checkImportExcept(ctx context.Context, tx *sql.Tx, businessID, sha string, first, last time.Time, except int64) (ImportCheck, error) {
	var c ImportCheck
	if sha != "" {
		var b app.ImportBatch
		var at string
		err := tx.QueryRowContext(ctx, `SELECT id, business_id, source, sha256, imported_at, rows FROM import_batches
			WHERE business_id = ? AND sha256 = ? AND id <> ? ORDER BY id DESC LIMIT 1`, businessID, sha, except).
			Scan(&b.ID, &b.BusinessID, &b.Source, &b.SHA256, &at, &b.Rows)
		if err == nil {
			b.ImportedAt = parseTime(at)
			c.SameFile = &b
		} else if !errors.Is(err, sql.ErrNoRows) {
			return c, err
		}
	}
	if first.IsZero() || last.IsZero() {
		return c, nil
	}
	var lo, hi sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT count(*), min(day), max(day) FROM sales
		WHERE batch_id IN (SELECT id FROM import_batches WHERE business_id = ? AND id <> ?) AND day BETWEEN ? AND ?`,
		businessID, except, dayNumber(first), dayNumber(last)).Scan(&c.OverlapRows, &lo, &hi)
	if err != nil {
		return c, err
	}
	if lo.Valid {
		c.OverlapFirst, c.OverlapLast = dayOf(lo.Int64), dayOf(hi.Int64)
	}
	return c, nil
}

// rollupKey identifies one roll-up row.
type rollupKey struct {
	month              int32 // year*100 + month, formatted by monthText only when written
	group, region, rep string
}

// idRollupKey is a rollupKey with name IDs instead of names.
type idRollupKey struct {
	month              int32
	group, region, rep int64
}

// monthKey returns the roll-up month of t without allocating.
func monthKey(t time.Time) int32 {
	y, m, _ := t.Date()
	return int32(y*100 + int(m))
}

// monthKeyText formats a monthKey as "YYYY-MM".
func monthKeyText(k int32) string {
	return monthText(time.Date(int(k/100), time.Month(k%100), 1, 0, 0, 0, 0, time.UTC))
}

type rollupVal struct {
	amount int64
	qty    float64
	rows   int64
}

// ImportStream imports the rows produce emits into a business's history as
// one batch in one transaction, together with the monthly roll-ups: all
// rows or none. The rows are streamed, never held in memory.
//
// When req.First and req.Last are known (a validated file), clashes are
// handled before the rows go in. When they are zero (a single pass, as the
// command line does it), the rows go in first and the clash is judged on
// the dates actually imported: a refusal rolls everything back.
func (db *DB) ImportStream(ctx context.Context, req ImportRequest, produce func(emit func(app.Sale) error) error) (app.ImportBatch, error) {
	batch := app.ImportBatch{BusinessID: req.BusinessID, Source: req.Source, SHA256: req.SHA256}
	if _, err := db.Business(ctx, req.BusinessID); err != nil {
		return batch, err
	}
	batch.ImportedAt = db.Now()
	deferred := req.First.IsZero() || req.Last.IsZero()
	err := db.update(ctx, func(tx *sql.Tx) error {
		if !deferred {
			c, err := checkImport(ctx, tx, req.BusinessID, req.SHA256, req.First, req.Last)
			if err != nil {
				return err
			}
			if err := applyMode(ctx, tx, req, c); err != nil {
				return err
			}
		}
		restore, err := importCache(ctx, tx)
		if err != nil {
			return err
		}
		defer restore()
		res, err := tx.ExecContext(ctx, `INSERT INTO import_batches (business_id, source, sha256, imported_at, rows) VALUES (?,?,?,?,0)`,
			req.BusinessID, req.Source, req.SHA256, timeText(batch.ImportedAt))
		if err != nil {
			return err
		}
		batch.ID, _ = res.LastInsertId()
		names, err := newNameTable(ctx, tx, req.BusinessID)
		if err != nil {
			return err
		}
		defer names.close()
		ins, err := newSaleInserter(ctx, tx, batch.ID, names)
		if err != nil {
			return err
		}
		defer ins.close()
		// Without other history, this import's totals per month and name
		// are the business's: the summary's top lists come from them.
		var others bool
		var base int64
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM import_batches WHERE business_id = ? AND id <> ? AND rows > 0),
			min(coalesce((SELECT min(id) FROM sales_names WHERE business_id = ?), 1 << 62), (SELECT coalesce(max(id), 0) + 1 FROM sales_names))`,
			req.BusinessID, batch.ID, req.BusinessID).Scan(&others, &base); err != nil {
			return err
		}
		if !others {
			ins.totals = newNameTotals(base)
		}
		roll := map[rollupKey]*rollupVal{}
		byID := map[idRollupKey]*rollupVal{} // while the rows go in: name IDs hash faster than names
		var n int
		var first, last time.Time
		emit := func(r app.Sale) error {
			if n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			n++
			if first.IsZero() || r.Date.Before(first) {
				first = r.Date
			}
			if r.Date.After(last) {
				last = r.Date
			}
			ids, err := ins.add(r)
			if err != nil {
				return err
			}
			k := idRollupKey{monthKey(r.Date), ids[1], ids[2], ids[4]}
			v := byID[k]
			if v == nil {
				v = &rollupVal{}
				byID[k] = v
			}
			v.amount += r.Amount
			v.qty += r.Quantity
			v.rows++
			return nil
		}
		if err := produce(emit); err != nil {
			return err
		}
		if err := ins.flush(); err != nil {
			return err
		}
		for k, v := range byID {
			roll[rollupKey{k.month, names.name(nameGroup, k.group), names.name(nameRegion, k.region), names.name(nameSalesperson, k.rep)}] = v
		}
		batch.Rows = n
		if _, err := tx.ExecContext(ctx, `UPDATE import_batches SET rows = ? WHERE id = ?`, n, batch.ID); err != nil {
			return err
		}
		if !deferred || n == 0 {
			if err := upsertRollups(ctx, tx, req.BusinessID, roll); err != nil {
				return err
			}
			return updateSummaryCache(ctx, tx, req.BusinessID, ins.totals)
		}
		c, err := checkImportExcept(ctx, tx, req.BusinessID, req.SHA256, first, last, batch.ID)
		if err != nil {
			return err
		}
		if !c.Clashes() || req.Mode == ImportAppend {
			if err := upsertRollups(ctx, tx, req.BusinessID, roll); err != nil {
				return err
			}
			return updateSummaryCache(ctx, tx, req.BusinessID, ins.totals)
		}
		req.First, req.Last = first, last
		lo, hi, err := replaceExcept(ctx, tx, req, c, batch.ID)
		if err != nil {
			return err
		}
		// The deletions touched the months lo..hi; rebuild those from the rows
		// (which include this import) and add this import's other months.
		for k := range roll {
			if m := monthKeyText(k.month); m >= lo && m <= hi {
				delete(roll, k)
			}
		}
		if err := rebuildRollups(ctx, tx, req.BusinessID, lo, hi); err != nil {
			return err
		}
		if err := upsertRollups(ctx, tx, req.BusinessID, roll); err != nil {
			return err
		}
		return updateSummaryCache(ctx, tx, req.BusinessID, ins.totals)
	})
	return batch, err
}

// importCacheKiB is the page cache an import's connection uses (SQLite's
// default is 2 MB). Rows are inserted sorted by day in chunks (see
// sortChunk), but each chunk still adds to every day's part of the
// (batch_id, day) index; 40 MB keeps the index of a million-row import in
// memory instead of writing and re-reading its pages, while the import's
// peak memory stays near 120 MB, below the 150 MB it must not exceed.
const importCacheKiB = 40 << 10

// importCache sets the page cache of the transaction's connection for an
// import and returns the function that sets it back.
func importCache(ctx context.Context, tx *sql.Tx) (func(), error) {
	var old int64
	if err := tx.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&old); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = -%d`, importCacheKiB)); err != nil {
		return nil, err
	}
	return func() { tx.ExecContext(context.Background(), fmt.Sprintf(`PRAGMA cache_size = %d`, old)) }, nil
}

// applyMode refuses or deletes the clashing history before an import.
func applyMode(ctx context.Context, tx *sql.Tx, req ImportRequest, c ImportCheck) error {
	switch req.Mode {
	case ImportRefuse:
		return refusal(c)
	case ImportReplaceFile:
		if c.SameFile != nil {
			return deleteBatches(ctx, tx, req.BusinessID, req.SHA256, 0)
		}
	case ImportReplacePeriod:
		return deletePeriod(ctx, tx, req.BusinessID, req.First, req.Last, 0)
	}
	return nil
}

// refusal is the error for a clash the user did not decide on.
func refusal(c ImportCheck) error {
	if c.SameFile != nil {
		return app.Errorf(app.ErrConflict, "This file was already imported on %s (%d rows). Import it again only to replace that import.",
			c.SameFile.ImportedAt.Format("2006-01-02"), c.SameFile.Rows)
	}
	if c.OverlapRows > 0 {
		return app.Errorf(app.ErrConflict, "The history already has %d sales between %s and %s, inside this file's dates. Choose to replace that period or to add the rows anyway.",
			c.OverlapRows, c.OverlapFirst.Format(dayLayout), c.OverlapLast.Format(dayLayout))
	}
	return nil
}

// replaceExcept applies the mode after a single-pass import (batch keep)
// and returns the months ("YYYY-MM") whose roll-ups must be rebuilt.
func replaceExcept(ctx context.Context, tx *sql.Tx, req ImportRequest, c ImportCheck, keep int64) (string, string, error) {
	lo, hi := monthText(req.First), monthText(req.Last)
	switch {
	case req.Mode == ImportReplaceFile && c.SameFile != nil:
		var a, b sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT min(day), max(day) FROM sales WHERE batch_id IN
			(SELECT id FROM import_batches WHERE business_id = ? AND sha256 = ? AND id <> ?)`, req.BusinessID, req.SHA256, keep).Scan(&a, &b); err != nil {
			return "", "", err
		}
		if a.Valid {
			lo, hi = min(lo, monthText(dayOf(a.Int64))), max(hi, monthText(dayOf(b.Int64)))
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM import_batches WHERE business_id = ? AND sha256 = ? AND id <> ?`, req.BusinessID, req.SHA256, keep)
		return lo, hi, err
	case req.Mode == ImportReplacePeriod:
		return lo, hi, deleteSalesBetween(ctx, tx, req.BusinessID, req.First, req.Last, keep)
	}
	return "", "", refusal(c)
}

// ImportHistory imports rows held in memory, adding them to the history
// (the demo uses it; files go through ImportStream).
func (db *DB) ImportHistory(ctx context.Context, batch app.ImportBatch, rows []app.Sale) (app.ImportBatch, error) {
	return db.ImportStream(ctx, ImportRequest{BusinessID: batch.BusinessID, Source: batch.Source, SHA256: batch.SHA256, Mode: ImportAppend},
		func(emit func(app.Sale) error) error {
			for _, r := range rows {
				if err := emit(r); err != nil {
					return err
				}
			}
			return nil
		})
}

func monthText(t time.Time) string {
	y, m, _ := t.Date()
	var b [7]byte
	b[0], b[1], b[2], b[3] = byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[4] = '-'
	b[5], b[6] = byte('0'+int(m)/10), byte('0'+int(m)%10)
	return string(b[:])
}

// insertChunk is how many rows one INSERT statement carries.
const insertChunk = 64

// saleParams is the number of bound parameters per row. Each parameter is a
// cgo call, the import's main cost, so the batch ID is bound once per
// statement, and the source line with the day and the six name IDs travel
// in pairs packed into one integer (two 32-bit halves) unpacked by SQL.
const saleParams = 6

// sortChunk is how many rows the inserter holds (48 bytes each) and sorts
// by day before writing them. A file in random date order otherwise sends
// every INSERT statement's rows all over the (batch_id, day) index, and
// SQLite copies each index page a statement touches into its statement
// journal (spilled to a temporary file beyond 64 KiB): 4× slower than a
// file in date order. Sorted, the rows of one statement fall on a day or
// two, so a statement touches a few pages.
const sortChunk = 1 << 17

// saleRow is one row as the INSERT binds it (see saleParams).
type saleRow struct {
	lineDay, amount int64 // source line << 32 | day (YYYYMMDD)
	qty             float64
	n01, n23, n45   int64 // name IDs in pairs
}

// saleInserter writes sales rows in multi-row INSERT statements, sorted
// by day in chunks of sortChunk rows.
type saleInserter struct {
	ctx     context.Context
	batchID int64
	names   *nameTable
	chunk   *sql.Stmt
	single  *sql.Stmt
	args    []any
	totals  *nameTotals // when set, amounts per month and product or customer
	rows    []saleRow
	spare   []saleRow // sortByDay's second buffer
	count   []int32   // sortByDay's day counts
}

// rowValues returns the VALUES tuple of row i of a statement, with numbered
// parameters so that each packed pair is bound once and used twice.
func rowValues(i int) string {
	p := func(k int) string { return "?" + strconv.Itoa(1+i*saleParams+k) }
	pair := func(k int) string { return p(k) + ">>32," + p(k) + "&4294967295" }
	return "(?1," + pair(1) + "," + p(2) + "," + p(3) + "," + pair(4) + "," + pair(5) + "," + pair(6) + ")"
}

func newSaleInserter(ctx context.Context, tx *sql.Tx, batchID int64, names *nameTable) (*saleInserter, error) {
	head := `INSERT INTO sales (batch_id, source_line, day, amount, quantity, product, product_group, region, customer, salesperson, channel) VALUES `
	var rows []string
	for i := 0; i < insertChunk; i++ {
		rows = append(rows, rowValues(i))
	}
	chunk, err := tx.PrepareContext(ctx, head+strings.Join(rows, ","))
	if err != nil {
		return nil, err
	}
	single, err := tx.PrepareContext(ctx, head+rowValues(0))
	if err != nil {
		chunk.Close()
		return nil, err
	}
	return &saleInserter{ctx: ctx, batchID: batchID, names: names, chunk: chunk, single: single,
		args: make([]any, 0, 1+insertChunk*saleParams), rows: make([]saleRow, 0, 1024)}, nil
}

// add queues a row and returns its name IDs (product, group, region,
// customer, salesperson, channel).
func (s *saleInserter) add(r app.Sale) ([6]int64, error) {
	var ids [6]int64
	for i, t := range [6]struct {
		kind int
		name string
	}{{nameProduct, r.Product}, {nameGroup, r.Group}, {nameRegion, r.Region}, {nameCustomer, r.Customer}, {nameSalesperson, r.Salesperson}, {nameChannel, r.Channel}} {
		id, err := s.names.id(t.kind, t.name)
		if err != nil {
			return ids, err
		}
		if id >= 1<<31 {
			return ids, fmt.Errorf("too many different names in the history")
		}
		ids[i] = id
	}
	if r.Line < 0 || r.Line >= 1<<31 {
		return ids, fmt.Errorf("line number %d out of range", r.Line)
	}
	s.rows = append(s.rows, saleRow{int64(r.Line)<<32 | dayNumber(r.Date), r.Amount, r.Quantity,
		ids[0]<<32 | ids[1], ids[2]<<32 | ids[3], ids[4]<<32 | ids[5]})
	if len(s.rows) == sortChunk {
		return ids, s.write()
	}
	return ids, nil
}

// write sorts the rows held by day (in file order within a day) and
// inserts them.
func (s *saleInserter) write() error {
	s.sortByDay()
	if s.totals != nil { // sorted, the rows of a month are together
		for _, r := range s.rows {
			s.totals.add(int32(r.lineDay&0xffffffff/100), r.n01>>32, r.n23&0xffffffff, r.amount)
		}
	}
	rows := s.rows
	for len(rows) >= insertChunk {
		s.args = append(s.args[:0], s.batchID)
		for _, r := range rows[:insertChunk] {
			s.args = append(s.args, r.lineDay, r.amount, r.qty, r.n01, r.n23, r.n45)
		}
		if _, err := s.chunk.ExecContext(s.ctx, s.args...); err != nil {
			return err
		}
		rows = rows[insertChunk:]
	}
	for _, r := range rows {
		if _, err := s.single.ExecContext(s.ctx, s.batchID, r.lineDay, r.amount, r.qty, r.n01, r.n23, r.n45); err != nil {
			return err
		}
	}
	s.rows = s.rows[:0]
	return nil
}

// sortByDay sorts the rows held by day, in file order within a day: a
// counting sort over the days' YYYYMMDD numbers (rows arrive in file
// order), or a comparison sort when they span too many years.
func (s *saleInserter) sortByDay() {
	if len(s.rows) < 2 {
		return
	}
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for _, r := range s.rows {
		d := r.lineDay & 0xffffffff
		lo, hi = min(lo, d), max(hi, d)
	}
	if hi-lo >= 1<<20 { // more than a century of YYYYMMDD numbers
		slices.SortFunc(s.rows, func(a, b saleRow) int {
			return cmp.Compare(uint64(a.lineDay)<<32|uint64(a.lineDay)>>32, uint64(b.lineDay)<<32|uint64(b.lineDay)>>32)
		})
		return
	}
	if cap(s.count) < int(hi-lo)+2 {
		s.count = make([]int32, int(hi-lo)+2)
	}
	count := s.count[:int(hi-lo)+2]
	clear(count)
	sorted := true
	prev := int64(math.MinInt64)
	for _, r := range s.rows {
		d := r.lineDay & 0xffffffff
		count[d-lo+1]++
		sorted = sorted && d >= prev
		prev = d
	}
	if sorted {
		return
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	if cap(s.spare) < len(s.rows) {
		s.spare = make([]saleRow, len(s.rows))
	}
	out := s.spare[:len(s.rows)]
	for _, r := range s.rows {
		d := r.lineDay&0xffffffff - lo
		out[count[d]] = r
		count[d]++
	}
	s.rows, s.spare = out, s.rows
}

// flush inserts the rows still held.
func (s *saleInserter) flush() error { return s.write() }

func (s *saleInserter) close() {
	s.chunk.Close()
	s.single.Close()
}

func upsertRollups(ctx context.Context, tx *sql.Tx, businessID string, roll map[rollupKey]*rollupVal) error {
	up, err := tx.PrepareContext(ctx, `INSERT INTO sales_monthly (business_id, month, product_group, region, salesperson, amount, quantity, rows)
		VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET amount = amount + excluded.amount,
		quantity = quantity + excluded.quantity, rows = rows + excluded.rows`)
	if err != nil {
		return err
	}
	defer up.Close()
	for k, v := range roll {
		if _, err := up.ExecContext(ctx, businessID, monthKeyText(k.month), k.group, k.region, k.rep, v.amount, v.qty, v.rows); err != nil {
			return err
		}
	}
	return nil
}

// rebuildRollups recomputes the roll-ups of a business for the months
// from..to (inclusive, "YYYY-MM") from the sales rows.
func rebuildRollups(ctx context.Context, tx *sql.Tx, businessID, from, to string) error {
	if from == "" || to == "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sales_monthly WHERE business_id = ? AND month BETWEEN ? AND ?`, businessID, from, to); err != nil {
		return err
	}
	lo, hi := monthBounds(from, to)
	_, err := tx.ExecContext(ctx, `INSERT INTO sales_monthly (business_id, month, product_group, region, salesperson, amount, quantity, rows)
		SELECT ?, printf('%04d-%02d', s.day / 10000, s.day / 100 % 100), g.name, r.name, p.name, sum(s.amount), sum(s.quantity), count(*)
		FROM sales s JOIN sales_names g ON g.id = s.product_group JOIN sales_names r ON r.id = s.region JOIN sales_names p ON p.id = s.salesperson
		WHERE s.batch_id IN (SELECT id FROM import_batches WHERE business_id = ?)
		AND s.day BETWEEN ? AND ? GROUP BY 2, 3, 4, 5`, businessID, businessID, lo, hi)
	return err
}

// deleteBatches removes earlier imports of the file with hash sha (but
// not the batch keep) and rebuilds the roll-ups they touched.
func deleteBatches(ctx context.Context, tx *sql.Tx, businessID, sha string, keep int64) error {
	var lo, hi sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT min(day), max(day) FROM sales WHERE batch_id IN
		(SELECT id FROM import_batches WHERE business_id = ? AND sha256 = ? AND id <> ?)`, businessID, sha, keep).Scan(&lo, &hi); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM import_batches WHERE business_id = ? AND sha256 = ? AND id <> ?`, businessID, sha, keep); err != nil {
		return err
	}
	if !lo.Valid {
		return nil
	}
	return rebuildRollups(ctx, tx, businessID, monthText(dayOf(lo.Int64)), monthText(dayOf(hi.Int64)))
}

// deletePeriod removes the history rows between first and last (days),
// except those of batch keep, and rebuilds the roll-ups of those months.
func deletePeriod(ctx context.Context, tx *sql.Tx, businessID string, first, last time.Time, keep int64) error {
	if first.IsZero() || last.IsZero() {
		return fmt.Errorf("replace period needs the file's first and last day")
	}
	if err := deleteSalesBetween(ctx, tx, businessID, first, last, keep); err != nil {
		return err
	}
	return rebuildRollups(ctx, tx, businessID, monthText(first), monthText(last))
}

// deleteSalesBetween removes the history rows between the days first and
// last, except those of batch keep, and keeps the imports' row counts
// true: each import that lost rows counts only those left, and an import
// left with none is forgotten, so that importing its file again is judged
// on the history as it is, not refused as "already imported".
func deleteSalesBetween(ctx context.Context, tx *sql.Tx, businessID string, first, last time.Time, keep int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT batch_id, count(*) FROM sales WHERE batch_id IN
		(SELECT id FROM import_batches WHERE business_id = ? AND id <> ?) AND day BETWEEN ? AND ? GROUP BY batch_id`,
		businessID, keep, dayNumber(first), dayNumber(last))
	if err != nil {
		return err
	}
	lost := map[int64]int64{}
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return err
		}
		lost[id] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(lost) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sales WHERE batch_id IN (SELECT id FROM import_batches WHERE business_id = ? AND id <> ?)
		AND day BETWEEN ? AND ?`, businessID, keep, dayNumber(first), dayNumber(last)); err != nil {
		return err
	}
	for id, n := range lost {
		if _, err := tx.ExecContext(ctx, `UPDATE import_batches SET rows = max(rows - ?, 0) WHERE id = ?`, n, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM import_batches WHERE id = ? AND rows = 0`, id); err != nil {
			return err
		}
	}
	return nil
}

// ImportBatches lists a business's imports, newest first.
func (db *DB) ImportBatches(ctx context.Context, businessID string) ([]app.ImportBatch, error) {
	var out []app.ImportBatch
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, business_id, source, sha256, imported_at, rows FROM import_batches
			WHERE business_id = ? ORDER BY id DESC`, businessID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b app.ImportBatch
			var at string
			if err := rows.Scan(&b.ID, &b.BusinessID, &b.Source, &b.SHA256, &at, &b.Rows); err != nil {
				return err
			}
			b.ImportedAt = parseTime(at)
			out = append(out, b)
		}
		return rows.Err()
	})
	return out, err
}
