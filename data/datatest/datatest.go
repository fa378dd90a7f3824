// Package datatest opens workspaces for tests: a fresh store in a temp dir
// with every step's tables declared, and the demo plan in it.
package datatest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/data"
)

// Now is the fixed clock of the tests.
var Now = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// MustOpenDB opens a new workspace in a temp dir, declares the steps'
// tables, and closes it when the test ends. Its clock stands at Now.
func MustOpenDB(tb testing.TB) *data.DB {
	tb.Helper()
	db := Open(tb, filepath.Join(tb.TempDir(), "ws.salesplan"))
	db.Now = func() time.Time { return Now }
	return db
}

// Open opens (or creates) the workspace at path with the steps' tables
// declared, and closes it when the test ends. Its clock ticks one second
// per call from Now, so rows saved one after another sort in that order.
func Open(tb testing.TB, path string) *data.DB {
	tb.Helper()
	db, err := data.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	var mu sync.Mutex
	clock := Now
	db.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
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

// Seed adds three plans of two businesses and marks the first run done (so
// a window opened on the workspace shows Home, not the demo).
func Seed(tb testing.TB, db *data.DB) []app.Plan {
	tb.Helper()
	ctx := context.Background()
	if err := db.SetSetting(ctx, "first_run_done", "1"); err != nil {
		tb.Fatal(err)
	}
	var out []app.Plan
	for _, s := range []struct{ biz, title string }{
		{"Müller & Søn GmbH", "Sales plan 2027"},
		{"Acme Ltd", "Growth plan 2027"},
		{"Müller & Søn GmbH", "Export plan 2028"},
	} {
		b, err := db.FindOrCreateBusiness(ctx, s.biz, "EUR")
		if err != nil {
			tb.Fatal(err)
		}
		p, err := db.CreatePlan(ctx, app.Plan{BusinessID: b.ID, Title: s.title, Start: app.NewMonth(2027, 1), Months: 12})
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}
