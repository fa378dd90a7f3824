package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"salesplan/app"
	"salesplan/app/budget"
	"salesplan/app/situation"
	"salesplan/app/steps"
	"salesplan/data"
)

// simDevice is one laptop of the simulation: its workspace, its clock and
// its own copy of the shared folder (which the simulated sync engine
// fills, late, twice, partly or not at all).
type simDevice struct {
	path, folder string
	db           *data.DB
	wall         time.Time
}

func openSimDevice(t *testing.T, dir string, i int, skew time.Duration) *simDevice {
	t.Helper()
	d := &simDevice{path: filepath.Join(dir, fmt.Sprintf("dev%d.salesplan", i)), folder: filepath.Join(dir, fmt.Sprintf("folder%d", i))}
	if err := os.MkdirAll(d.folder, 0o755); err != nil {
		t.Fatal(err)
	}
	db, err := data.Open(d.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Declare(steps.Registry().Tables()...); err != nil {
		t.Fatal(err)
	}
	d.wall = fixedNow().Add(skew)
	db.Now = func() time.Time { d.wall = d.wall.Add(1500 * time.Millisecond); return d.wall }
	d.db = db
	return d
}

func (d *simDevice) sync(t *testing.T) {
	t.Helper()
	rep, err := d.db.SyncFolder(context.Background(), data.SyncOptions{Folder: d.folder})
	if err != nil {
		t.Fatalf("sync of %s: %v", d.path, err)
	}
	for _, s := range rep.Skipped {
		if !s.Retry {
			t.Errorf("%s skipped %s: %s", d.path, s.Name, s.Reason)
		}
	}
	for _, r := range rep.Merge.Rejected {
		t.Errorf("%s did not apply %s", d.path, r)
	}
}

// TestSimulatedDevicesConverge is the property: N devices make random
// edits (create, edit, reorder, delete, restore, copy to the next period,
// empty the Trash — of plans, their step-1 fields, SWOT items, process
// stages and budget lines) and exchange their
// change files through a sync engine that delivers them in random order,
// twice, under conflict-copy names, cut off half-way, or not until the
// end. After full delivery every workspace shows the same: `show --json`
// of every step of every plan, the plan list and the history totals.
func TestSimulatedDevicesConverge(t *testing.T) {
	seeds := []uint64{1, 2, 3}
	if testing.Short() {
		seeds = seeds[:1]
	}
	steps := 120
	// SALESPLAN_SIM_SEEDS=N runs N seeds of 300 steps (a longer search).
	if n, err := strconv.Atoi(os.Getenv("SALESPLAN_SIM_SEEDS")); err == nil && n > 0 {
		seeds, steps = nil, 300
		for i := 1; i <= n; i++ {
			seeds = append(seeds, uint64(i))
		}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { simulate(t, seed, 3, steps) })
	}
}

func simulate(t *testing.T, seed uint64, n, steps_ int) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, 99))
	dir := t.TempDir()
	var devs []*simDevice
	for i := 0; i < n; i++ {
		// Clocks hours apart.
		devs = append(devs, openSimDevice(t, dir, i, time.Duration(r.IntN(7)-3)*time.Hour))
	}
	// Device 0 starts the folder with the demo business, its history and plan.
	if _, err := app.CreateDemo(ctx, devs[0].db, steps.Registry(), fixedNow()); err != nil {
		t.Fatal(err)
	}
	devs[0].sync(t)
	ident, err := os.ReadFile(filepath.Join(devs[0].folder, "salesplan-folder.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range devs[1:] {
		os.WriteFile(filepath.Join(d.folder, "salesplan-folder.json"), ident, 0o644)
	}
	// deliver copies one file of one device's folder to another's, the way
	// a sync engine may.
	late := map[string][]byte{} // files cut off half-way, to be completed later
	deliver := func() {
		from, to := devs[r.IntN(n)], devs[r.IntN(n)]
		if from == to {
			return
		}
		entries, _ := os.ReadDir(from.folder)
		if len(entries) == 0 {
			return
		}
		e := entries[r.IntN(len(entries))]
		if strings.HasPrefix(e.Name(), ".") {
			return
		}
		b, err := os.ReadFile(filepath.Join(from.folder, e.Name()))
		if err != nil {
			return
		}
		dst := filepath.Join(to.folder, e.Name())
		switch r.IntN(6) {
		case 0: // a partial copy, finished later
			if _, err := os.Stat(dst); err != nil {
				os.WriteFile(dst, b[:len(b)/2], 0o644)
				late[dst] = b
			}
		case 1: // a conflict copy
			ext := filepath.Ext(e.Name())
			os.WriteFile(filepath.Join(to.folder, strings.TrimSuffix(e.Name(), ext)+".sync-conflict-20261127-101010-ABCDEFG"+ext), b, 0o644)
		default:
			if _, err := os.Stat(dst); err != nil {
				os.WriteFile(dst, b, 0o644)
			}
		}
	}
	for step := 0; step < steps_; step++ {
		d := devs[r.IntN(n)]
		switch k := r.IntN(20); {
		case k < 3:
			d.sync(t)
		case k < 7:
			deliver()
		case k == 7:
			for dst, b := range late {
				if r.IntN(2) == 0 {
					os.WriteFile(dst, b, 0o644)
					delete(late, dst)
				}
			}
		default:
			randomEdit(t, r, d.db)
		}
	}
	// Full delivery: every file everywhere, twice over (the last changes).
	for dst, b := range late {
		os.WriteFile(dst, b, 0o644)
	}
	for range 2 {
		for _, d := range devs {
			d.sync(t)
		}
		// A cut-off copy may itself have been copied on; the sync engine
		// finally delivers every file complete (the longest copy: a cut-off
		// one is a prefix).
		complete := map[string][]byte{}
		for _, from := range devs {
			entries, _ := os.ReadDir(from.folder)
			for _, e := range entries {
				if strings.Contains(e.Name(), "conflict") || strings.HasPrefix(e.Name(), ".") {
					continue
				}
				b, _ := os.ReadFile(filepath.Join(from.folder, e.Name()))
				if len(b) > len(complete[e.Name()]) {
					complete[e.Name()] = b
				}
			}
		}
		for name, b := range complete {
			for _, to := range devs {
				dst := filepath.Join(to.folder, name)
				if have, err := os.ReadFile(dst); err != nil || len(have) != len(b) {
					os.WriteFile(dst, b, 0o644)
				}
			}
		}
	}
	for _, d := range devs {
		d.sync(t)
	}
	want := workspaceView(t, devs[0])
	for i, d := range devs[1:] {
		got := workspaceView(t, d)
		if got != want {
			wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
			for j := 0; j < len(wl) && j < len(gl); j++ {
				if wl[j] != gl[j] {
					t.Fatalf("seed %d: device %d differs from device 0 at line %d:\n0: %s\n%d: %s", seed, i+1, j+1, wl[j], i+1, gl[j])
				}
			}
			t.Fatalf("seed %d: device %d differs from device 0 in length (%d vs %d lines)", seed, i+1, len(gl), len(wl))
		}
	}
	if !strings.Contains(want, "SWOT") && !strings.Contains(want, "swot") {
		t.Fatalf("the compared view holds no step content:\n%.500s", want)
	}
}

// workspaceView is everything a user sees of a workspace, as text: the
// plans (live and in the Trash), `show --json` of every step of every
// plan, and each business's history totals.
func workspaceView(t *testing.T, d *simDevice) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	live, _ := d.db.Plans(ctx, data.PlanFilter{})
	trash, _ := d.db.Plans(ctx, data.PlanFilter{Trash: true})
	all := append(live, trash...)
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	businesses, _ := d.db.Businesses(ctx)
	for _, bz := range businesses {
		rows, _ := d.db.HistoryRows(ctx, bz.ID)
		s, _ := d.db.MonthlyRevenue(ctx, bz.ID, app.Scope{})
		var total int64
		for _, v := range s.Values {
			total += v
		}
		fmt.Fprintf(&b, "business %s %q %s: %d history rows, total %d\n", bz.ID, bz.Name, bz.Currency, rows, total)
	}
	for _, p := range all {
		fmt.Fprintf(&b, "plan %s %q deleted=%v\n", p.ID, p.Title, p.DeletedAt != nil)
		for _, step := range []string{"overview", "situation", "objectives", "strategy", "sop", "budget", "team"} {
			code, out, errOut := runCLI(t, d.path, "show", "--plan", p.ID, "--step", step, "--json")
			fmt.Fprintf(&b, "%s %d\n%s%s\n", step, code, out, errOut)
		}
	}
	return b.String()
}

// randomEdit makes one random edit on a device, as a user would.
func randomEdit(t *testing.T, r *rand.Rand, db *data.DB) {
	t.Helper()
	ctx := context.Background()
	plans, err := db.Plans(ctx, data.PlanFilter{})
	if err != nil {
		t.Fatal(err)
	}
	trash, _ := db.Plans(ctx, data.PlanFilter{Trash: true})
	if len(plans) == 0 {
		return
	}
	p := plans[r.IntN(len(plans))]
	words := []string{"north", "south", "bikes", "e-bikes", "service", "Müller", "online", "dealers"}
	word := func() string { return words[r.IntN(len(words))] + " " + words[r.IntN(len(words))] }
	var items []situation.SWOTItem
	db.Rows(ctx, situation.TableSWOT, p.ID, &items)
	var stages []situation.ProcessStage
	db.Rows(ctx, situation.TableStages, p.ID, &stages)
	var lines []budget.Line
	db.Rows(ctx, budget.TableLines, p.ID, &lines)
	ignore := func(err error) {
		if err != nil && app.ErrorCode(err) != app.ErrNotFound && app.ErrorCode(err) != app.ErrInvalid {
			t.Fatal(err)
		}
	}
	switch r.IntN(16) {
	case 0:
		np := app.Plan{BusinessID: p.BusinessID, Title: "Plan " + word(), Start: app.NewMonth(2027, time.Month(1+r.IntN(12))), Months: 12}
		_, err := db.CreatePlan(ctx, np)
		ignore(err)
	case 1:
		p.Products, p.Markets = word(), word()
		_, err := db.UpdatePlan(ctx, p)
		ignore(err)
	case 2:
		p.Title = "Plan " + word()
		_, err := db.UpdatePlan(ctx, p)
		ignore(err)
	case 3:
		it := situation.SWOTItem{PlanID: p.ID, Quadrant: string("SWOT"[r.IntN(4)]), Text: word(), Impact: 1 + r.IntN(5)}
		ignore(db.SaveRow(ctx, situation.TableSWOT, &it))
	case 4:
		if len(items) > 0 {
			it := items[r.IntN(len(items))]
			it.Text, it.Impact = word(), 1+r.IntN(5)
			ignore(db.SaveRow(ctx, situation.TableSWOT, &it))
		}
	case 5:
		if len(items) > 0 {
			ignore(db.MoveRow(ctx, situation.TableSWOT, items[r.IntN(len(items))].ID, []int{-1, 1}[r.IntN(2)]))
		}
	case 6:
		if len(items) > 0 {
			id := items[r.IntN(len(items))].ID
			ignore(db.DeleteContent(ctx, situation.TableSWOT, id, false))
			if r.IntN(2) == 0 {
				ignore(db.DeleteContent(ctx, situation.TableSWOT, id, true))
			}
		}
	case 7:
		st := situation.ProcessStage{PlanID: p.ID, Name: word(), Volume: int64(r.IntN(500)), AvgDays: float64(r.IntN(40)) / 4}
		ignore(db.SaveRow(ctx, situation.TableStages, &st))
	case 8:
		if len(stages) > 0 {
			st := stages[r.IntN(len(stages))]
			st.Volume = int64(r.IntN(500))
			ignore(db.SaveRow(ctx, situation.TableStages, &st))
		}
	case 9:
		if len(stages) > 0 {
			ignore(db.MoveRow(ctx, situation.TableStages, stages[r.IntN(len(stages))].ID, []int{-1, 1}[r.IntN(2)]))
		}
	case 10:
		l := budget.Line{PlanID: p.ID, Kind: "other", Name: word(), Annual: int64(r.IntN(100000)) * 100, Spread: "even"}
		ignore(db.SaveRow(ctx, budget.TableLines, &l))
	case 11:
		if len(lines) > 0 {
			l := lines[r.IntN(len(lines))]
			l.Annual = int64(r.IntN(100000)) * 100
			ignore(db.SaveRow(ctx, budget.TableLines, &l))
		}
	case 12:
		if len(plans) > 1 && r.IntN(2) == 0 {
			ignore(db.DeletePlan(ctx, p.ID))
		} else if len(trash) > 0 {
			ignore(db.RestorePlan(ctx, trash[r.IntN(len(trash))].ID))
		}
	case 13:
		if len(items) > 0 {
			it := items[r.IntN(len(items))]
			it.Note = word()
			ignore(db.SaveRow(ctx, situation.TableSWOT, &it))
		}
	case 14:
		if len(plans) < 6 {
			_, err := db.DuplicatePlan(ctx, p.ID)
			ignore(err)
		}
	case 15:
		if r.IntN(3) == 0 {
			_, err := db.EmptyTrash(ctx)
			ignore(err)
		}
	}
}
