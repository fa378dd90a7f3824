package data

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"salesplan/app/situation"
)

func TestHLCNeverGoesBackwards(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for run := 0; run < 200; run++ {
		wall := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var last HLC
		for i := 0; i < 500; i++ {
			switch r.IntN(5) {
			case 0: // the wall clock jumps back by up to a day
				wall = wall.Add(-time.Duration(r.IntN(86400)) * time.Second)
			case 1: // a value from another device, up to hours ahead
				last = hlcObserve(last, HLC(wall.Add(time.Duration(r.IntN(5))*time.Hour).UnixMilli())<<16)
			default:
				wall = wall.Add(time.Duration(r.IntN(2000)) * time.Millisecond)
			}
			next := hlcNext(last, wall)
			if next <= last {
				t.Fatalf("run %d step %d: clock went from %x to %x", run, i, last, next)
			}
			last = next
		}
	}
	if hlcNext(0, time.Time{}) != 1 {
		t.Error("a zero wall clock must still tick")
	}
	v := makeVersion(hlcNext(0, time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)), "0123456789abcdef")
	if v.device() != "0123456789abcdef" || v.clock().Time() != time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) {
		t.Errorf("version %s reads back as %s at %s", v, v.device(), v.clock().Time())
	}
}

func TestFractionalKeysStayInOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	tags := []string{keyTag("aaaaaaaaaaaaaaaa"), keyTag("bbbbbbbbbbbbbbbb"), keyTag("cccccccccccccccc")}
	for run := 0; run < 100; run++ {
		var keys []string
		for i := 0; i < 300; i++ {
			tag := tags[r.IntN(len(tags))]
			at := r.IntN(len(keys) + 1)
			if r.IntN(3) == 0 {
				at = len(keys) // appends are the common case
			}
			prev, next := "", ""
			if at > 0 {
				prev = keys[at-1]
			}
			if at < len(keys) {
				next = keys[at]
			}
			k := keyBetween(prev, next, tag)
			if !validKey(k) || k <= prev || (next != "" && k >= next) {
				t.Fatalf("run %d: key %q not strictly between %q and %q", run, k, prev, next)
			}
			keys = append(keys[:at], append([]string{k}, keys[at:]...)...)
		}
		if !sort.StringsAreSorted(keys) {
			t.Fatal("keys out of order")
		}
	}
	// Appending a thousand rows keeps keys short.
	k := ""
	for i := 0; i < 1000; i++ {
		k = keyAfter(k, tags[0])
	}
	if len(k) > 8 {
		t.Errorf("after 1000 appends the key is %q", k)
	}
	// Two devices inserting at the same place make different keys.
	if keyBetween("a001xx", "a002xx", tags[0]) == keyBetween("a001xx", "a002xx", tags[1]) {
		t.Error("two devices made the same key")
	}
}

// device is a workspace in a test with its own clock.
type device struct {
	db   *DB
	wall time.Time
}

func newDevice(t *testing.T, skew time.Duration) *device {
	t.Helper()
	d := &device{db: MustOpenDB(t), wall: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC).Add(skew)}
	d.db.Now = func() time.Time { d.wall = d.wall.Add(time.Second); return d.wall }
	return d
}

func syncOK(t *testing.T, d *device, dir string, key []byte) SyncReport {
	t.Helper()
	rep, err := d.db.SyncFolder(ctx, SyncOptions{Folder: dir, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rep.Skipped {
		t.Logf("skipped %s: %s", s.Name, s.Reason)
	}
	return rep
}

func swot(t *testing.T, db *DB, planID string) []situation.SWOTItem {
	t.Helper()
	var items []situation.SWOTItem
	if err := db.Rows(ctx, situation.TableSWOT, planID, &items); err != nil {
		t.Fatal(err)
	}
	return items
}

func TestTwoDevicesMergePerField(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, 0), newDevice(t, -3*time.Hour) // b's clock is hours behind
	p := newPlan(t, a.db, "Plan 2027")
	item := situation.SWOTItem{PlanID: p.ID, Quadrant: "S", Text: "Loyal customers", Impact: 3}
	if err := a.db.SaveRow(ctx, situation.TableSWOT, &item); err != nil {
		t.Fatal(err)
	}
	if rep := syncOK(t, a, dir, nil); len(rep.Wrote) != 1 {
		t.Fatalf("a wrote %v", rep.Wrote)
	}
	rep := syncOK(t, b, dir, nil)
	if rep.Merge.Added < 3 || rep.Devices != 1 {
		t.Fatalf("b merged %+v, devices %d", rep.Merge, rep.Devices)
	}
	got, err := b.db.Plan(ctx, p.ID)
	if err != nil || got.Title != "Plan 2027" {
		t.Fatalf("b has plan %+v, %v", got, err)
	}
	bi := swot(t, b.db, p.ID)
	if len(bi) != 1 || bi[0].Text != "Loyal customers" {
		t.Fatalf("b has %+v", bi)
	}
	// Different fields of the same row on both: both edits survive.
	ai := swot(t, a.db, p.ID)[0]
	ai.Text = "Very loyal customers"
	if err := a.db.SaveRow(ctx, situation.TableSWOT, &ai); err != nil {
		t.Fatal(err)
	}
	bi[0].Impact = 5
	if err := b.db.SaveRow(ctx, situation.TableSWOT, &bi[0]); err != nil {
		t.Fatal(err)
	}
	// The same plan field on both, neither having seen the other: a conflict.
	pa, _ := a.db.Plan(ctx, p.ID)
	pa.Products = "Bikes"
	if _, err := a.db.UpdatePlan(ctx, pa); err != nil {
		t.Fatal(err)
	}
	pb, _ := b.db.Plan(ctx, p.ID)
	pb.Products = "E-bikes"
	pb.Markets = "Germany"
	if _, err := b.db.UpdatePlan(ctx, pb); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		syncOK(t, a, dir, nil)
		syncOK(t, b, dir, nil)
	}
	for _, d := range []*device{a, b} {
		it := swot(t, d.db, p.ID)
		if len(it) != 1 || it[0].Text != "Very loyal customers" || it[0].Impact != 5 {
			t.Errorf("merged item %+v", it)
		}
	}
	pa, _ = a.db.Plan(ctx, p.ID)
	pb, _ = b.db.Plan(ctx, p.ID)
	if pa.Products != pb.Products || pa.Markets != "Germany" || pb.Markets != "Germany" {
		t.Errorf("plans differ: %q/%q %q/%q", pa.Products, pb.Products, pa.Markets, pb.Markets)
	}
	// b's clock is hours behind, but b edited after seeing nothing of a's
	// edit; the later clock (a's) wins, and both list the conflict.
	if pa.Products != "Bikes" {
		t.Errorf("products = %q, want a's later edit", pa.Products)
	}
	cb, err := b.db.Conflicts(ctx)
	if err != nil || len(cb) != 1 || cb[0].Column != "products" || cb[0].Lost != "E-bikes" {
		t.Fatalf("b's conflicts: %+v %v", cb, err)
	}
	ca, _ := a.db.Conflicts(ctx)
	if len(ca) != 1 || ca[0].Lost != "E-bikes" {
		t.Errorf("a's conflicts: %+v", ca)
	}
	// One click on b brings its value back everywhere.
	if err := b.db.RestoreConflict(ctx, cb[0].ID); err != nil {
		t.Fatal(err)
	}
	syncOK(t, b, dir, nil)
	syncOK(t, a, dir, nil)
	pa, _ = a.db.Plan(ctx, p.ID)
	if pa.Products != "E-bikes" {
		t.Errorf("restored products = %q", pa.Products)
	}
	if cb, _ := b.db.Conflicts(ctx); len(cb) != 0 {
		t.Errorf("conflict still open: %+v", cb)
	}
}

func TestTwoDevicesInsertAndReorder(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, 0), newDevice(t, time.Minute)
	p := newPlan(t, a.db, "Plan")
	for _, txt := range []string{"one", "two", "three"} {
		it := situation.SWOTItem{PlanID: p.ID, Quadrant: "S", Text: txt, Impact: 3}
		if err := a.db.SaveRow(ctx, situation.TableSWOT, &it); err != nil {
			t.Fatal(err)
		}
	}
	syncOK(t, a, dir, nil)
	syncOK(t, b, dir, nil)
	// Both add a row at the end at once; a moves "three" up, b deletes "one".
	x := situation.SWOTItem{PlanID: p.ID, Quadrant: "S", Text: "from a", Impact: 3}
	a.db.SaveRow(ctx, situation.TableSWOT, &x)
	y := situation.SWOTItem{PlanID: p.ID, Quadrant: "S", Text: "from b", Impact: 3}
	b.db.SaveRow(ctx, situation.TableSWOT, &y)
	items := swot(t, a.db, p.ID)
	if err := a.db.MoveRow(ctx, situation.TableSWOT, items[2].ID, -1); err != nil {
		t.Fatal(err)
	}
	if err := b.db.DeleteContent(ctx, situation.TableSWOT, items[0].ID, false); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		syncOK(t, a, dir, nil)
		syncOK(t, b, dir, nil)
	}
	ta, tb := texts(swot(t, a.db, p.ID)), texts(swot(t, b.db, p.ID))
	if ta != tb {
		t.Fatalf("orders differ:\na %s\nb %s", ta, tb)
	}
	if !strings.HasPrefix(ta, "three two ") || !strings.Contains(ta, "from a") || !strings.Contains(ta, "from b") {
		t.Errorf("merged order %s", ta)
	}
	ia, ib := swot(t, a.db, p.ID), swot(t, b.db, p.ID)
	for i := range ia {
		if ia[i].Position != ib[i].Position {
			t.Errorf("positions differ at %d: %d vs %d", i, ia[i].Position, ib[i].Position)
		}
	}
}

func texts(items []situation.SWOTItem) string {
	var s []string
	for _, it := range items {
		s = append(s, it.Text)
	}
	return strings.Join(s, " ")
}

func TestSyncSkipsBadFilesAndKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	key := []byte("team key of at least sixteen bytes")
	a, b := newDevice(t, 0), newDevice(t, 0)
	p := newPlan(t, a.db, "Plan")
	rep := syncOK(t, a, dir, key)
	if len(rep.Wrote) != 1 {
		t.Fatalf("wrote %v", rep.Wrote)
	}
	good := filepath.Join(dir, rep.Wrote[0])
	raw, _ := os.ReadFile(good)
	write := func(name string, b []byte) { os.WriteFile(filepath.Join(dir, name), b, 0o644) }
	// A truncated copy, a conflict copy, garbage, an unknown name, and a
	// file from another team's folder.
	write("salesplan-1111111111111111-000001.changes", raw[:len(raw)/2])
	write(strings.TrimSuffix(rep.Wrote[0], ".changes")+".sync-conflict-20261127-101010-ABCDEFG.changes", raw)
	write("salesplan-2222222222222222-000001.changes", []byte("not a change file"))
	write("salesplan-notes.txt", []byte("hello"))
	other := newDevice(t, 0)
	newPlan(t, other.db, "Other team")
	odir := t.TempDir()
	orep := syncOK(t, other, odir, key)
	ob, _ := os.ReadFile(filepath.Join(odir, orep.Wrote[0]))
	write(orep.Wrote[0], ob)
	rep = syncOK(t, b, dir, key)
	reasons := map[string]string{}
	for _, s := range rep.Skipped {
		reasons[s.Name] = s.Reason
	}
	if !strings.Contains(reasons["salesplan-1111111111111111-000001.changes"], "ends early") ||
		!strings.Contains(reasons["salesplan-2222222222222222-000001.changes"], "not a Salesplan change or plan file") ||
		!strings.Contains(reasons[orep.Wrote[0]], "another team") ||
		!strings.Contains(reasons["salesplan-notes.txt"], "name") {
		t.Errorf("skipped: %+v", rep.Skipped)
	}
	if _, err := b.db.Plan(ctx, p.ID); err != nil {
		t.Fatalf("b lacks the plan after reading past bad files: %v", err)
	}
	// Without the key, the team's files are ignored with a message.
	c := newDevice(t, 0)
	rep = syncOK(t, c, dir, nil)
	found := false
	for _, s := range rep.Skipped {
		if strings.Contains(s.Reason, "team key") {
			found = true
		}
	}
	if !found {
		t.Errorf("no team-key message: %+v", rep.Skipped)
	}
	if _, err := c.db.Plan(ctx, p.ID); err == nil {
		t.Error("a file made with a team key was applied without it")
	}
	// With another key: ignored too.
	rep = syncOK(t, c, dir, []byte("another key, also sixteen bytes"))
	if _, err := c.db.Plan(ctx, p.ID); err == nil {
		t.Error("a file made with another key was applied")
	}
}

func TestApplyingThenCapturingFindsNoChange(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, 0), newDevice(t, 0)
	p := newPlan(t, a.db, "Plan")
	it := situation.SWOTItem{PlanID: p.ID, Quadrant: "W", Text: "Slow delivery", Impact: 2, Note: "ünïcode ✓"}
	a.db.SaveRow(ctx, situation.TableSWOT, &it)
	st := situation.ProcessStage{PlanID: p.ID, Name: "Lead", Volume: 10, AvgDays: 2.5}
	if err := a.db.SaveRow(ctx, situation.TableStages, &st); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a, dir, nil)
	syncOK(t, b, dir, nil)
	rep := syncOK(t, b, dir, nil)
	if len(rep.Wrote) != 0 || rep.Waiting != 0 {
		t.Errorf("b found changes of its own after only receiving: wrote %v, waiting %d", rep.Wrote, rep.Waiting)
	}
	var stages []situation.ProcessStage
	b.db.Rows(ctx, situation.TableStages, p.ID, &stages)
	if len(stages) != 1 || stages[0].AvgDays != 2.5 {
		t.Errorf("stages on b: %+v", stages)
	}
}
