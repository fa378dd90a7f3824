package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes path through write: into a temporary file next to
// it, synced, then renamed over path, so a reader (or a crash) never sees a
// half-written file.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return &Error{Code: ErrInvalid, Message: fmt.Sprintf("Cannot write into the folder %s. Choose another place.", dir), Err: err}
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return &Error{Code: ErrInvalid, Message: fmt.Sprintf("Cannot save %s. Is it open in another program?", path), Err: err}
	}
	return nil
}

// ExportPlanFile loads a plan and writes its PDF to path atomically.
func ExportPlanFile(ctx context.Context, r PlanReader, reg *Registry, planID string, loc Locale, path string, opts ExportOptions) error {
	pd, err := LoadPlanData(ctx, r, planID, loc)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, func(w io.Writer) error { return ExportPDF(ctx, w, pd, reg, opts) })
}
