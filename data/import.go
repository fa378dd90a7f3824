package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	var c ImportCheck
	if sha != "" {
		var b app.ImportBatch
		var at string
		err := tx.QueryRowContext(ctx, `SELECT id, business_id, source, sha256, imported_at, rows FROM import_batches
			WHERE business_id = ? AND sha256 = ? ORDER BY id DESC LIMIT 1`, businessID, sha).
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
	var lo, hi sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT count(*), min(day), max(day) FROM sales
		WHERE batch_id IN (SELECT id FROM import_batches WHERE business_id = ?) AND day BETWEEN ? AND ?`,
		businessID, first.Format(dayLayout), last.Format(dayLayout)).Scan(&c.OverlapRows, &lo, &hi)
	if err != nil {
		return c, err
	}
	c.OverlapFirst, _ = time.Parse(dayLayout, lo.String)
	c.OverlapLast, _ = time.Parse(dayLayout, hi.String)
	return c, nil
}

// rollupKey identifies one roll-up row.
type rollupKey struct {
	month, group, region, rep string
}

type rollupVal struct {
	amount int64
	qty    float64
	rows   int64
}

// insertChunk is how many rows one INSERT statement carries.
const insertChunk = 64

const saleColumns = 11

// ImportStream imports the rows produce emits into a business's history as
// one batch in one transaction, together with the monthly roll-ups: all
// rows or none. Depending on req.Mode it first refuses, or deletes the
// clashing history. The rows are streamed, never held in memory.
func (db *DB) ImportStream(ctx context.Context, req ImportRequest, produce func(emit func(app.Sale) error) error) (app.ImportBatch, error) {
	batch := app.ImportBatch{BusinessID: req.BusinessID, Source: req.Source, SHA256: req.SHA256}
	if _, err := db.Business(ctx, req.BusinessID); err != nil {
		return batch, err
	}
	batch.ImportedAt = db.Now()
	err := db.update(ctx, func(tx *sql.Tx) error {
		c, err := checkImport(ctx, tx, req.BusinessID, req.SHA256, req.First, req.Last)
		if err != nil {
			return err
		}
		switch req.Mode {
		case ImportRefuse:
			if c.SameFile != nil {
				return app.Errorf(app.ErrConflict, "This file was already imported on %s (%d rows). Import it again only to replace that import.",
					c.SameFile.ImportedAt.Format("2006-01-02"), c.SameFile.Rows)
			}
			if c.OverlapRows > 0 {
				return app.Errorf(app.ErrConflict, "The history already has %d sales between %s and %s, inside this file's dates. Choose to replace that period or to add the rows anyway.",
					c.OverlapRows, c.OverlapFirst.Format(dayLayout), c.OverlapLast.Format(dayLayout))
			}
		case ImportReplaceFile:
			if c.SameFile != nil {
				if err := deleteBatches(ctx, tx, req.BusinessID, req.SHA256); err != nil {
					return err
				}
			}
		case ImportReplacePeriod:
			if err := deletePeriod(ctx, tx, req.BusinessID, req.First, req.Last); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO import_batches (business_id, source, sha256, imported_at, rows) VALUES (?,?,?,?,0)`,
			req.BusinessID, req.Source, req.SHA256, timeText(batch.ImportedAt))
		if err != nil {
			return err
		}
		batch.ID, _ = res.LastInsertId()
		ins, err := newSaleInserter(ctx, tx, batch.ID)
		if err != nil {
			return err
		}
		defer ins.close()
		roll := map[rollupKey]*rollupVal{}
		var n int
		emit := func(r app.Sale) error {
			if n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			n++
			k := rollupKey{monthText(r.Date), r.Group, r.Region, r.Salesperson}
			v := roll[k]
			if v == nil {
				v = &rollupVal{}
				roll[k] = v
			}
			v.amount += r.Amount
			v.qty += r.Quantity
			v.rows++
			return ins.add(r)
		}
		if err := produce(emit); err != nil {
			return err
		}
		if err := ins.flush(); err != nil {
			return err
		}
		batch.Rows = n
		if _, err := tx.ExecContext(ctx, `UPDATE import_batches SET rows = ? WHERE id = ?`, n, batch.ID); err != nil {
			return err
		}
		return upsertRollups(ctx, tx, req.BusinessID, roll)
	})
	return batch, err
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

// saleInserter writes sales rows in multi-row INSERT statements.
type saleInserter struct {
	ctx     context.Context
	tx      *sql.Tx
	batchID int64
	chunk   *sql.Stmt
	single  *sql.Stmt
	args    []any
	pending int
}

func newSaleInserter(ctx context.Context, tx *sql.Tx, batchID int64) (*saleInserter, error) {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", saleColumns), ",") + ")"
	head := `INSERT INTO sales (batch_id, source_line, day, amount, quantity, product, product_group, region, customer, salesperson, channel) VALUES `
	chunk, err := tx.PrepareContext(ctx, head+strings.TrimSuffix(strings.Repeat(row+",", insertChunk), ","))
	if err != nil {
		return nil, err
	}
	single, err := tx.PrepareContext(ctx, head+row)
	if err != nil {
		chunk.Close()
		return nil, err
	}
	return &saleInserter{ctx: ctx, tx: tx, batchID: batchID, chunk: chunk, single: single, args: make([]any, 0, insertChunk*saleColumns)}, nil
}

func (s *saleInserter) add(r app.Sale) error {
	s.args = append(s.args, s.batchID, r.Line, r.Date.Format(dayLayout), r.Amount, r.Quantity,
		r.Product, r.Group, r.Region, r.Customer, r.Salesperson, r.Channel)
	s.pending++
	if s.pending == insertChunk {
		if _, err := s.chunk.ExecContext(s.ctx, s.args...); err != nil {
			return err
		}
		s.args, s.pending = s.args[:0], 0
	}
	return nil
}

func (s *saleInserter) flush() error {
	for i := 0; i < s.pending; i++ {
		if _, err := s.single.ExecContext(s.ctx, s.args[i*saleColumns:(i+1)*saleColumns]...); err != nil {
			return err
		}
	}
	s.args, s.pending = s.args[:0], 0
	return nil
}

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
		if _, err := up.ExecContext(ctx, businessID, k.month, k.group, k.region, k.rep, v.amount, v.qty, v.rows); err != nil {
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
	_, err := tx.ExecContext(ctx, `INSERT INTO sales_monthly (business_id, month, product_group, region, salesperson, amount, quantity, rows)
		SELECT ?, substr(day, 1, 7), product_group, region, salesperson, sum(amount), sum(quantity), count(*)
		FROM sales WHERE batch_id IN (SELECT id FROM import_batches WHERE business_id = ?)
		AND day BETWEEN ? AND ? GROUP BY 2, 3, 4, 5`, businessID, businessID, from+"-01", to+"-31")
	return err
}

// deleteBatches removes earlier imports of the file with hash sha.
func deleteBatches(ctx context.Context, tx *sql.Tx, businessID, sha string) error {
	var lo, hi sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT min(day), max(day) FROM sales WHERE batch_id IN
		(SELECT id FROM import_batches WHERE business_id = ? AND sha256 = ?)`, businessID, sha).Scan(&lo, &hi); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM import_batches WHERE business_id = ? AND sha256 = ?`, businessID, sha); err != nil {
		return err
	}
	if !lo.Valid {
		return nil
	}
	return rebuildRollups(ctx, tx, businessID, lo.String[:7], hi.String[:7])
}

// deletePeriod removes the history rows between first and last (days).
func deletePeriod(ctx context.Context, tx *sql.Tx, businessID string, first, last time.Time) error {
	if first.IsZero() || last.IsZero() {
		return fmt.Errorf("replace period needs the file's first and last day")
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sales WHERE batch_id IN (SELECT id FROM import_batches WHERE business_id = ?)
		AND day BETWEEN ? AND ?`, businessID, first.Format(dayLayout), last.Format(dayLayout)); err != nil {
		return err
	}
	return rebuildRollups(ctx, tx, businessID, monthText(first), monthText(last))
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
