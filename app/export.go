package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
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

// SummaryReader computes the situation summary (the store).
type SummaryReader interface {
	Summary(ctx context.Context, businessID string, scope Scope, history MonthlySeries) (Summary, error)
}

// ExportReader is everything an export reads.
type ExportReader interface {
	PlanReader
	SummaryReader
	ForecastReader
}

// LoadFullPlanData loads a plan with its summary and forecast, as the PDF
// needs it. A forecast that cannot be made (no or too little history) is
// left out, not an error.
func LoadFullPlanData(ctx context.Context, r ExportReader, planID string, loc Locale, now time.Time) (PlanData, error) {
	pd, err := LoadPlanData(ctx, r, planID, loc)
	if err != nil {
		return pd, err
	}
	if len(pd.History.Values) == 0 {
		return pd, nil
	}
	sum, err := r.Summary(ctx, pd.Business.ID, pd.Plan.Scope, pd.History)
	if err != nil {
		return pd, err
	}
	pd.Summary = &sum
	if f, err := Forecast(ctx, r, pd, ForecastRequest{By: ByTotal, Horizon: ForecastHorizon(pd)}, now); err == nil {
		pd.Forecast = &f
	}
	return pd, nil
}

// ExportPlanFile loads a plan and writes its PDF to path atomically.
func ExportPlanFile(ctx context.Context, r ExportReader, reg *Registry, planID string, loc Locale, path string, opts ExportOptions) error {
	pd, err := LoadFullPlanData(ctx, r, planID, loc, opts.Now)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, func(w io.Writer) error { return ExportPDF(ctx, w, pd, reg, opts) })
}
