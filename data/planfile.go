package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"salesplan/app"
)

// ExportPlan writes one plan as a plan file to w: its business, the plan
// row, every row of every declared content table of the plan (deleted ones
// as tombstones) with the versions of their fields, and with withHistory
// every history batch of the business.
func (db *DB) ExportPlan(ctx context.Context, w io.Writer, planID string, withHistory bool) error {
	p, err := db.Plan(ctx, planID)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *sql.Tx) error {
		s, err := db.newStamper(ctx, tx, db.Now())
		if err != nil {
			return err
		}
		if _, err := s.captureAll(ctx); err != nil {
			return err
		}
		if err := s.save(ctx); err != nil {
			return err
		}
		fw, err := newFileWriter(w, nil, fileHeader{Kind: kindPlan, Device: s.device, Created: timeText(db.Now()), Clock: uint64(s.last)})
		if err != nil {
			return err
		}
		for _, st := range db.syncTables() {
			var plans []string
			var ids []string
			switch st.name {
			case "businesses":
				ids = []string{p.BusinessID}
			case "plans":
				ids, plans = []string{p.ID}, []string{p.ID}
			default:
				plans = []string{p.ID}
			}
			clocks, err := loadClocks(ctx, tx, st, plans)
			if err != nil {
				return err
			}
			if ids == nil {
				for id := range clocks {
					ids = append(ids, id)
				}
			}
			if err := exportRows(ctx, tx, st, sortedStrings(ids), clocks, fw); err != nil {
				return err
			}
		}
		if withHistory {
			rows, err := tx.QueryContext(ctx, `SELECT min(id) FROM import_batches WHERE business_id = ? AND rows > 0 GROUP BY sha256 ORDER BY 1`, p.BusinessID)
			if err != nil {
				return err
			}
			var batches []int64
			for rows.Next() {
				var id int64
				rows.Scan(&id)
				batches = append(batches, id)
			}
			rows.Close()
			for _, b := range batches {
				if err := exportBatch(ctx, tx, b, fw); err != nil {
					return err
				}
			}
		}
		return fw.close()
	})
}

// PlanImport says what importing a plan file did.
type PlanImport struct {
	PlanID, Title  string
	New            bool // the plan was not in this workspace
	Merge          MergeStats
	BatchesAdded   int
	BatchesPresent int // history batches already here (same SHA-256)
}

// ImportPlan reads a plan file made by ExportPlan into the workspace: an
// unknown plan arrives as a new plan; a plan already here is merged row by
// row and field by field (the newer edit wins, the device ID breaking
// ties); a history batch already here (same SHA-256) is not added again.
// The whole file is checked before anything is changed.
func (db *DB) ImportPlan(ctx context.Context, path string) (PlanImport, error) {
	var rep PlanImport
	open := func() (*os.File, *lineReader, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, &app.Error{Code: app.ErrNotFound, Message: fmt.Sprintf("Cannot read %s. Check the file name.", path), Err: err}
		}
		lr, err := newLineReader(f, nil)
		if err != nil {
			f.Close()
			return nil, nil, planFileError(path, err)
		}
		if lr.hdr.Kind != kindPlan {
			f.Close()
			return nil, nil, app.Errorf(app.ErrInvalid, "%s is a Salesplan sync file, not a plan file. Use 'salesplan sync' for a sync folder.", path)
		}
		return f, lr, nil
	}
	// First pass: check everything, keep the rows.
	f, lr, err := open()
	if err != nil {
		return rep, err
	}
	limit := hlcNext(0, db.Now().Add(futureTolerance))
	var rows []rowChange
	var leftOut []string
	batches := 0
	for {
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			f.Close()
			return rep, planFileError(path, err)
		}
		if len(line) > 1 && line[0] == 'r' && line[1] == '\t' {
			row, err := parseRow(line)
			if err == nil {
				var rc rowChange
				rc, err = db.validateRow(row, limit)
				var rp *rowProblem
				if errors.As(err, &rp) {
					leftOut = append(leftOut, rp.msg)
					continue
				}
				if err == nil {
					rows = append(rows, rc)
					if rc.Table == "plans" {
						rep.PlanID = rc.ID
						if t, ok := rc.Fields["title"].Value.(string); ok {
							rep.Title = t
						}
					}
					continue
				}
			}
			f.Close()
			return rep, planFileError(path, err)
		}
		if len(line) > 1 && line[0] == 's' {
			if _, _, _, _, _, err := parseSale(line); err != nil {
				f.Close()
				return rep, planFileError(path, err)
			}
			continue
		}
		l, err := decodeRecord(line)
		if err != nil {
			f.Close()
			return rep, planFileError(path, err)
		}
		switch {
		case l.Batch != nil:
			batches++
		}
	}
	f.Close()
	if rep.PlanID == "" {
		return rep, app.Errorf(app.ErrInvalid, "%s holds no plan.", path)
	}
	if _, err := db.Plan(ctx, rep.PlanID); err != nil {
		rep.New = true
	}
	err = db.update(ctx, func(tx *sql.Tx) error {
		s, err := db.newStamper(ctx, tx, db.Now())
		if err != nil {
			return err
		}
		if _, err := s.captureAll(ctx); err != nil {
			return err
		}
		if rep.Merge, err = s.mergeRows(ctx, rows); err != nil {
			return err
		}
		rep.Merge.Rejected = append(leftOut, rep.Merge.Rejected...)
		return s.save(ctx)
	})
	if err != nil || batches == 0 {
		return rep, err
	}
	// Second pass: the history batches, each its own import.
	f, lr, err = open()
	if err != nil {
		return rep, err
	}
	defer f.Close()
	for {
		line, err := lr.next()
		if err != nil {
			return rep, planFileError(path, err)
		}
		if len(line) > 9 && string(line[:9]) == `{"batch":` {
			added, err := db.importBatches(ctx, &replayReader{first: line, src: lr}, func(b wireBatch) (bool, error) {
				var have bool
				err := db.view(ctx, func(tx *sql.Tx) error {
					return tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM import_batches WHERE business_id = ? AND sha256 = ?)`, b.Business, b.SHA256).Scan(&have)
				})
				if have {
					rep.BatchesPresent++
				}
				return !have, err
			})
			rep.BatchesAdded += added
			if err != nil {
				return rep, planFileError(path, err)
			}
			return rep, nil
		}
	}
}

// Text says in words what the import did.
func (rep PlanImport) Text() string {
	var b strings.Builder
	if rep.New {
		fmt.Fprintf(&b, "Added the plan %q (%s): %d rows.", rep.Title, rep.PlanID, rep.Merge.Added)
	} else {
		fmt.Fprintf(&b, "Merged the plan %q (%s): %d rows added, %d changed, %d kept as they were here.", rep.Title, rep.PlanID,
			rep.Merge.Added, rep.Merge.Changed, rep.Merge.Kept)
	}
	if rep.Merge.Conflicts > 0 {
		fmt.Fprintf(&b, " %d fields were edited here and in the file without seeing each other; the values that lost are under \"Changes from other devices\".", rep.Merge.Conflicts)
	}
	if rep.BatchesAdded+rep.BatchesPresent > 0 {
		fmt.Fprintf(&b, " History: %d batches added, %d already here.", rep.BatchesAdded, rep.BatchesPresent)
	}
	for _, r := range rep.Merge.Rejected {
		fmt.Fprintf(&b, "\nNot applied: %s", r)
	}
	return b.String()
}

func planFileError(path string, err error) error {
	var fp *fileProblem
	if errors.As(err, &fp) {
		return app.Errorf(app.ErrInvalid, "%s cannot be imported: %s. Nothing was changed.", path, fp.msg)
	}
	return err
}

func sortedStrings(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// recordSource gives the record lines of a file one by one.
type recordSource interface{ next() ([]byte, error) }

// replayReader gives first, then the rest of src.
type replayReader struct {
	first []byte
	src   recordSource
}

func (r *replayReader) next() ([]byte, error) {
	if r.first != nil {
		l := r.first
		r.first = nil
		return l, nil
	}
	return r.src.next()
}
