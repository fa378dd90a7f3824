// Package datatest opens workspaces for tests: a fresh store in a temp dir
// with every step's tables declared, and the demo plan in it.
package datatest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/data"
)

// Now is the fixed clock of the tests.
var Now = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// MustOpenDB opens a new workspace in a temp dir, declares the steps'
// tables, and closes it when the test ends.
func MustOpenDB(tb testing.TB) *data.DB {
	tb.Helper()
	db, err := data.Open(filepath.Join(tb.TempDir(), "ws.salesplan"))
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = func() time.Time { return Now }
	tb.Cleanup(func() { db.Close() })
	if err := db.Declare(steps.Registry().Tables()...); err != nil {
		tb.Fatal(err)
	}
	return db
}

// DemoPlan creates the demo in a new workspace and returns its data with
// figures (without summary and forecast).
func DemoPlan(tb testing.TB) (*data.DB, app.PlanData) {
	tb.Helper()
	db := MustOpenDB(tb)
	p, err := app.CreateDemo(context.Background(), db, steps.Registry(), Now)
	if err != nil {
		tb.Fatal(err)
	}
	pd, err := app.LoadPlanData(context.Background(), db, steps.Registry(), p.ID, app.LocaleFor("en_US"))
	if err != nil {
		tb.Fatal(err)
	}
	return db, pd
}

// FullDemoPlan is DemoPlan with the situation summary and the forecast, as
// the PDF and the JSON see it.
func FullDemoPlan(tb testing.TB) (*data.DB, app.PlanData) {
	tb.Helper()
	db, pd := DemoPlan(tb)
	full, err := app.LoadFullPlanData(context.Background(), db, steps.Registry(), pd.Plan.ID, pd.Locale, Now)
	if err != nil {
		tb.Fatal(err)
	}
	return db, full
}
