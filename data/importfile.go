package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"salesplan/app"
	"salesplan/data/importer"
)

// FileImport describes the import of one file as the user set it up.
type FileImport struct {
	Path       string
	BusinessID string
	Format     importer.Format
	Mapping    importer.Mapping
	SkipBad    bool // import the good rows when some are rejected
	Mode       ImportMode
	Progress   func(rows int64, bytesDone, bytesTotal int64)
}

// Validation is the result of the validation pass: what the file holds and
// what it would clash with.
type Validation struct {
	Summary  importer.Summary
	Check    ImportCheck
	Currency app.Currency // the business's currency the amounts were read in
}

// ValidateFile reads the whole file once (streaming) and reports rejected
// rows and clashes with the history. No transaction stays open while the
// user decides.
func (db *DB) ValidateFile(ctx context.Context, fi FileImport) (Validation, error) {
	b, err := db.Business(ctx, fi.BusinessID)
	if err != nil {
		return Validation{}, err
	}
	cur, err := app.LookupCurrency(b.Currency)
	if err != nil {
		return Validation{}, err
	}
	sum, err := importer.Scan(ctx, fi.Path, importer.Options{Currency: cur, Mapping: fi.Mapping, Format: fi.Format, Progress: fi.Progress}, nil)
	if err != nil {
		return Validation{Summary: sum}, err
	}
	check, err := db.CheckImport(ctx, fi.BusinessID, sum.SHA256, sum.First, sum.Last)
	return Validation{Summary: sum, Check: check, Currency: cur}, err
}

// ImportFile imports a validated file in one transaction: every accepted
// row or none. It refuses when rows were rejected and SkipBad is false, and
// when the file changed since it was validated.
func (db *DB) ImportFile(ctx context.Context, fi FileImport, v Validation) (app.ImportBatch, importer.Summary, error) {
	if v.Summary.Rejected > 0 && !fi.SkipBad {
		return app.ImportBatch{}, v.Summary, app.Errorf(app.ErrInvalid,
			"%d of %d rows were rejected; nothing was imported. Fix them, or choose to import only the good rows.", v.Summary.Rejected, v.Summary.Rows)
	}
	if v.Summary.Accepted == 0 {
		return app.ImportBatch{}, v.Summary, app.Errorf(app.ErrInvalid, "The file has no rows that can be imported.")
	}
	b, err := db.Business(ctx, fi.BusinessID)
	if err != nil {
		return app.ImportBatch{}, v.Summary, err
	}
	cur, err := app.LookupCurrency(b.Currency)
	if err != nil {
		return app.ImportBatch{}, v.Summary, err
	}
	var sum importer.Summary
	req := ImportRequest{BusinessID: fi.BusinessID, Source: filepath.Base(fi.Path), SHA256: v.Summary.SHA256,
		First: v.Summary.First, Last: v.Summary.Last, Mode: fi.Mode}
	batch, err := db.ImportStream(ctx, req, func(emit func(app.Sale) error) error {
		var err error
		sum, err = importer.Scan(ctx, fi.Path, importer.Options{Currency: cur, Mapping: fi.Mapping, Format: fi.Format, Progress: fi.Progress}, emit)
		if err != nil {
			return err
		}
		if sum.SHA256 != v.Summary.SHA256 {
			return app.Errorf(app.ErrConflict, "The file changed after it was checked; nothing was imported. Start the import again.")
		}
		return nil
	})
	return batch, sum, err
}

// ImportCSV imports CSV bytes into a business's history through the same
// path as a user's file (sniff, validate, one-transaction import), adding
// to what is there. The demo uses it.
func (db *DB) ImportCSV(ctx context.Context, businessID, name string, csv []byte) (app.ImportBatch, error) {
	dir, err := os.MkdirTemp("", "salesplan-import-")
	if err != nil {
		return app.ImportBatch{}, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, csv, 0o600); err != nil {
		return app.ImportBatch{}, err
	}
	prev, err := importer.Sniff(path, "")
	if err != nil {
		return app.ImportBatch{}, err
	}
	fi := FileImport{Path: path, BusinessID: businessID, Format: prev.Format, Mapping: prev.Mapping, Mode: ImportAppend}
	v, err := db.ValidateFile(ctx, fi)
	if err != nil {
		return app.ImportBatch{}, err
	}
	batch, _, err := db.ImportFile(ctx, fi, v)
	return batch, err
}

// ErrRejectedRows is returned (wrapped in an *app.Error) by ImportFileOnce
// when rows were rejected and SkipBad is false; nothing was imported.
var ErrRejectedRows = errors.New("rows rejected")

// ImportFileOnce imports a file in a single pass and one transaction, for
// callers that decided everything up front (the command line): rejected
// rows without SkipBad, or a clash the mode does not allow, roll the whole
// import back. The summary is returned in every case.
func (db *DB) ImportFileOnce(ctx context.Context, fi FileImport) (app.ImportBatch, importer.Summary, error) {
	b, err := db.Business(ctx, fi.BusinessID)
	if err != nil {
		return app.ImportBatch{}, importer.Summary{}, err
	}
	cur, err := app.LookupCurrency(b.Currency)
	if err != nil {
		return app.ImportBatch{}, importer.Summary{}, err
	}
	sha, err := fileSHA256(fi.Path)
	if err != nil {
		return app.ImportBatch{}, importer.Summary{}, &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("Cannot read %s.", fi.Path), Err: err}
	}
	var sum importer.Summary
	req := ImportRequest{BusinessID: fi.BusinessID, Source: filepath.Base(fi.Path), SHA256: sha, Mode: fi.Mode}
	batch, err := db.ImportStream(ctx, req, func(emit func(app.Sale) error) error {
		var err error
		sum, err = importer.Scan(ctx, fi.Path, importer.Options{Currency: cur, Mapping: fi.Mapping, Format: fi.Format, Progress: fi.Progress}, emit)
		if err != nil {
			return err
		}
		if sum.Rejected > 0 && !fi.SkipBad {
			return &app.Error{Code: app.ErrInvalid, Err: ErrRejectedRows, Message: fmt.Sprintf(
				"%d of %d rows were rejected; nothing was imported. Fix them, or choose to import only the good rows.", sum.Rejected, sum.Rows)}
		}
		if sum.Accepted == 0 {
			return app.Errorf(app.ErrInvalid, "The file has no rows that can be imported.")
		}
		return nil
	})
	return batch, sum, err
}

// fileSHA256 returns the hex SHA-256 of a file's bytes.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
