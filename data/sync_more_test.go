package data

import (
	"database/sql"
	"io"
	"strings"
	"testing"
	"time"

	"salesplan/app/budget"
	"salesplan/app/situation"
)

// A workspace made before sync existed (rows without field versions) is
// adopted whole on its first sync.
func TestExistingWorkspaceIsConverted(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, 0), newDevice(t, 0)
	p := newPlan(t, a.db, "Old plan")
	for _, txt := range []string{"one", "two"} {
		it := situation.SWOTItem{PlanID: p.ID, Quadrant: "O", Text: txt, Impact: 2}
		a.db.SaveRow(ctx, situation.TableSWOT, &it)
	}
	// As migration 012 leaves an older workspace: no records yet.
	if err := a.db.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sync_rows; DELETE FROM sync_scan; UPDATE sync_device SET seq = 0, written_seq = 0`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a, dir, nil)
	syncOK(t, b, dir, nil)
	if got := texts(swot(t, b.db, p.ID)); got != "one two" {
		t.Errorf("converted rows on the other device: %q", got)
	}
	v, err := a.db.FieldVersions(ctx, "plans", p.ID)
	if err != nil || v["title"].Device == "" || v["title"].At.IsZero() {
		t.Errorf("the plan's title has no version: %+v %v", v, err)
	}
}

// Two devices that each made the one budget settings row of a plan end
// with the same single live row.
func TestOnePerPlanRowsFromTwoDevices(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, 0), newDevice(t, 0)
	p := newPlan(t, a.db, "Plan")
	syncOK(t, a, dir, nil)
	syncOK(t, b, dir, nil)
	sa := budget.Settings{PlanID: p.ID, RevenueSource: "forecast", AttainmentBP: 9000, MarginBP: 3000}
	if err := a.db.SaveRow(ctx, budget.TableSettings, &sa); err != nil {
		t.Fatal(err)
	}
	sb := budget.Settings{PlanID: p.ID, RevenueSource: "forecast", AttainmentBP: 11000, MarginBP: 4000}
	if err := b.db.SaveRow(ctx, budget.TableSettings, &sb); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		syncOK(t, a, dir, nil)
		syncOK(t, b, dir, nil)
	}
	var la, lb []budget.Settings
	a.db.Rows(ctx, budget.TableSettings, p.ID, &la)
	b.db.Rows(ctx, budget.TableSettings, p.ID, &lb)
	if len(la) != 1 || len(lb) != 1 || la[0].ID != lb[0].ID || la[0].AttainmentBP != lb[0].AttainmentBP {
		t.Fatalf("settings a %+v, b %+v", la, lb)
	}
}

// The rows' updated_at comes from the hybrid clock: a wall clock set back
// an hour does not make an edit look older than the one before it.
func TestUpdatedAtNeverGoesBackwards(t *testing.T) {
	d := newDevice(t, 0)
	p := newPlan(t, d.db, "Plan")
	it := situation.SWOTItem{PlanID: p.ID, Quadrant: "S", Text: "first", Impact: 2}
	d.db.SaveRow(ctx, situation.TableSWOT, &it)
	before, _ := d.db.LastEdited(ctx, p.ID)
	d.wall = d.wall.Add(-time.Hour)
	it.Text = "second"
	if err := d.db.SaveRow(ctx, situation.TableSWOT, &it); err != nil {
		t.Fatal(err)
	}
	after, _ := d.db.LastEdited(ctx, p.ID)
	if after.Before(before) {
		t.Errorf("updated_at went back from %s to %s", before, after)
	}
	v, _ := d.db.FieldVersions(ctx, situation.TableSWOT, it.ID)
	if v["text"].Clock <= v["impact"].Clock {
		t.Errorf("the edit's clock %x is not after the first %x", v["text"].Clock, v["impact"].Clock)
	}
}

func FuzzChangeFileRow(f *testing.F) {
	f.Add([]byte("r\tswot_items\tid1\tplan1\t\"S\"\ta001xx\t0000018b0000000000000000000000aa\t-\ttext\t0000018b0000000000000000000000aa\t-\ts\"hi\"\n"))
	f.Add([]byte("r\tplans\tx\t\t\"\"\t-\t-\t-\n"))
	db := MustOpenDB(f)
	limit := hlcNext(0, time.Now().Add(futureTolerance))
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := parseRow(line)
		if err != nil {
			if !strings.Contains(err.Error(), " ") {
				t.Errorf("the message %q is not a sentence", err)
			}
			return
		}
		db.validateRow(r, limit) // must not panic
	})
}

// Moving to a new sync folder sends everything again, so the devices of
// the new folder get the whole workspace.
func TestANewFolderGetsEverything(t *testing.T) {
	a, b := newDevice(t, 0), newDevice(t, 0)
	p := newPlan(t, a.db, "Plan")
	syncOK(t, a, t.TempDir(), nil)
	second := t.TempDir()
	syncOK(t, a, second, nil)
	syncOK(t, b, second, nil)
	if _, err := b.db.Plan(ctx, p.ID); err != nil {
		t.Fatalf("the device of the new folder lacks the plan: %v", err)
	}
}

// A row whose value does not fit its column is left out with a sentence;
// the rest of its file is applied.
func TestARowThatDoesNotFitIsLeftOut(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, 0), newDevice(t, 0)
	p := newPlan(t, a.db, "Plan")
	syncOK(t, a, dir, nil)
	syncOK(t, b, dir, nil)
	_, folder, _ := folderIDs(dir)
	ver := string(makeVersion(hlcNext(0, time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)), "00000000000000aa"))
	row := func(id, impact string) string {
		return "r\tswot_items\t" + id + "\t" + p.ID + "\t\"S\"\ta001xx\t" + ver + "\t-\tquadrant\t" + ver + "\t-\ts\"S\"\ttext\t" + ver +
			"\t-\ts\"from a file\"\timpact\t" + ver + "\t-\t" + impact + "\tnote\t" + ver + "\t-\ts\"\"\tdeleted_at\t" + ver + "\t-\tn\n"
	}
	err := writeFileAtomically(dir+"/salesplan-00000000000000aa-000001.changes", func(w io.Writer) error {
		fw, err := newFileWriter(w, nil, fileHeader{Kind: kindChanges, Folder: folder, Device: "00000000000000aa", Segment: 1, Created: "2026-11-27T12:00:00.000Z"})
		if err != nil {
			return err
		}
		for _, l := range []string{row("good-row", "i3"), row("bad-row", `s"not a number"`)} {
			fw.records++
			if _, err := fw.w.Write([]byte(l)); err != nil {
				return err
			}
		}
		return fw.close()
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := syncOK(t, b, dir, nil)
	if len(rep.Merge.Rejected) != 1 || !strings.Contains(rep.Merge.Rejected[0], "left out") || !strings.Contains(rep.Merge.Rejected[0], "not a whole number") {
		t.Errorf("rejected: %q", rep.Merge.Rejected)
	}
	if got := texts(swot(t, b.db, p.ID)); got != "from a file" {
		t.Errorf("items: %q", got)
	}
}
