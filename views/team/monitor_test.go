package team

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/team"
	"salesplan/views"
	"salesplan/views/viewstest"
)

// typeEntry types s into e as a person would and presses Enter when enter.
func typeEntry(e *widget.Entry, s string, enter bool) {
	e.SetText("")
	test.Type(e, s)
	if enter {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
}

// A field manager logs activities by keyboard only: Enter logs the entry,
// the rep's ratio follows at once, and the entry is stored.
func TestLogActivitiesByKeyboardAndSeeTheRatioUpdate(t *testing.T) {
	db, u, ps, v := demoView(t)
	m := v.monitor
	before := len(model.Of(ps.Data()).Activities)
	ratio := func(name string) string {
		for _, l := range strings.Split(viewstest.Text(m.ratios), "\n") {
			if strings.Contains(l, name+":") {
				return l
			}
		}
		return ""
	}
	anna := model.FiguresOf(ps.Data()).Performance.Conversions[0]
	if anna.Name != "Anna Müller" || !strings.Contains(ratio("Anna Müller"), "101 orders") {
		t.Fatalf("Anna before: %+v / %q", anna.Conversion, ratio("Anna Müller"))
	}
	typeEntry(m.actDate, "2027-04-01", false)
	typeEntry(m.actRep, "anna", false)
	typeEntry(m.actKind, "v", false)
	typeEntry(m.actCount, "12", true)
	if m.actMsg.Visible() {
		t.Fatalf("visit refused: %q", m.actMsg.Text)
	}
	// date and rep stay; the kind and count are typed again
	typeEntry(m.actKind, "orders", false)
	typeEntry(m.actCount, "2", false)
	typeEntry(m.actAmount, "4,800.00", true)
	if got := ratio("Anna Müller"); !strings.Contains(got, "246 visits") || !strings.Contains(got, "103 orders") ||
		!strings.Contains(got, "2.4 visits per order") {
		t.Errorf("Anna after two entries: %q", got)
	}
	// zero visits is fine; a date before the hire date is refused with a sentence
	typeEntry(m.actKind, "visit", false)
	typeEntry(m.actCount, "0", true)
	if m.actMsg.Visible() {
		t.Errorf("zero visits refused: %q", m.actMsg.Text)
	}
	typeEntry(m.actRep, "Lena", false)
	typeEntry(m.actDate, "2027-01-15", false)
	typeEntry(m.actCount, "3", true)
	if !m.actMsg.Visible() || !strings.Contains(m.actMsg.Text, "before Lena Hoffmann was hired (2027-02-01)") {
		t.Errorf("before the hire date: %q", m.actMsg.Text)
	}
	typeEntry(m.actRep, "Nobody", false)
	typeEntry(m.actKind, "meeting", true)
	if !strings.Contains(m.actMsg.Text, "There is no rep “Nobody”") || !strings.Contains(m.actMsg.Text, "“meeting” is not an activity kind") {
		t.Errorf("unknown rep and kind: %q", m.actMsg.Text)
	}
	if got := len(model.Of(ps.Data()).Activities); got != before+3 {
		t.Errorf("%d entries in the log, want %d", got, before+3)
	}
	u.Wait()
	u.Flush()
	var rows []model.Activity
	if err := db.Rows(ctx, model.TableActivities, ps.Data().Plan.ID, &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != before+3 {
		t.Errorf("%d stored, want %d", len(rows), before+3)
	}
	for _, a := range model.Of(ps.Data()).Activities {
		if a.ID == "" {
			t.Errorf("an entry kept no ID after the store saved it: %+v", a)
		}
	}
}

// Entering 200 activities never waits on the store: every entry is in the
// log and the figures before any store result has come back.
func TestTwoHundredEntriesNeverWaitOnTheStore(t *testing.T) {
	db, u, ps, v := demoView(t)
	m := v.monitor
	before := model.FiguresOf(ps.Data()).Performance.Conversion.Visits
	typeEntry(m.actDate, "2027-05-03", false)
	typeEntry(m.actRep, "Tom", false)
	for i := 0; i < 200; i++ {
		typeEntry(m.actKind, "visit", false)
		typeEntry(m.actCount, "1", true)
	}
	if got := model.FiguresOf(ps.Data()).Performance.Conversion.Visits; got != before+200 {
		t.Fatalf("visits %d, want %d before the store answered", got, before+200)
	}
	u.Wait()
	u.Flush()
	var rows []model.Activity
	if err := db.Rows(ctx, model.TableActivities, ps.Data().Plan.ID, &rows); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range rows {
		if a.Date == "2027-05-03" {
			n++
		}
	}
	if n != 200 {
		t.Errorf("%d stored, want 200", n)
	}
}

// A customer's rating of 11 on the 1–5 scale is refused next to the
// fields; a 9 on the 0–10 scale counts as 4.6.
func TestAddCustomerRatings(t *testing.T) {
	_, u, ps, v := demoView(t)
	m := v.monitor
	typeEntry(m.pollDate, "2027-04-02", false)
	typeEntry(m.pollRep, "Tom", false)
	typeEntry(m.pollRating, "11", true)
	if !strings.Contains(m.pollMsg.Text, "A rating of 11 is outside the 1–5 scale") {
		t.Errorf("11: %q", m.pollMsg.Text)
	}
	typeEntry(m.pollRating, "0", true)
	if !strings.Contains(m.pollMsg.Text, "A rating of 0 is outside the 1–5 scale") {
		t.Errorf("0: %q", m.pollMsg.Text)
	}
	n := model.FiguresOf(ps.Data()).Performance.Rating.Count
	typeEntry(m.pollScale, "10", false)
	typeEntry(m.pollRating, "9", true)
	if m.pollMsg.Visible() {
		t.Fatalf("9 of 10 refused: %q", m.pollMsg.Text)
	}
	u.Wait()
	perf := model.FiguresOf(ps.Data()).Performance
	if perf.Rating.Count != n+1 {
		t.Errorf("ratings %d, want %d", perf.Rating.Count, n+1)
	}
	if !strings.Contains(viewstest.Text(m.pollLines), "Tom Baker:") {
		t.Errorf("poll lines: %s", viewstest.Text(m.pollLines))
	}
}

// A quota fixed for one month keeps that month and spreads the rest of
// the rep's quota over the other months; the quota is stored.
func TestFixAQuotaMonthByMonth(t *testing.T) {
	db, u, ps, v := demoView(t)
	var anna string
	for _, r := range model.Of(ps.Data()).Reps {
		if r.Name == "Anna Müller" {
			anna = r.ID
		}
	}
	test.Tap(v.adjust)
	u.Wait()
	months := v.quotaMonths[anna]
	if len(months) != 12 || months[0].PlaceHolder == "" {
		t.Fatalf("month entries %d, placeholder %q", len(months), months[0].PlaceHolder)
	}
	annual := func() (int64, []int64) {
		for _, r := range model.FiguresOf(ps.Data()).Quotas.Reps {
			if r.Rep == anna {
				return r.Annual, r.Months
			}
		}
		t.Fatal("no quota for Anna")
		return 0, nil
	}
	before, _ := annual()
	months[0].SetText("x1")
	if m := v.quotaMsgs[anna]; !m.Visible() || !strings.Contains(m.Text, "Jan 2027:") {
		t.Errorf("bad month: %q", m.Text)
	}
	typeEntry(months[0], "50,000.00", false)
	if v.quotaMsgs[anna].Visible() {
		t.Fatalf("message stays: %q", v.quotaMsgs[anna].Text)
	}
	after, ms := annual()
	var sum int64
	for _, x := range ms {
		sum += x
	}
	if after != before || ms[0] != 5_000_000 || sum != after {
		t.Errorf("annual %d → %d, January %d, months sum %d", before, after, ms[0], sum)
	}
	u.Wait()
	u.Flush()
	var qs []model.Quota
	if err := db.Rows(ctx, model.TableQuotas, ps.Data().Plan.ID, &qs); err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if q.Rep() == anna && (len(q.MonthFixed) != 12 || q.MonthFixed[0] != 5_000_000 || q.MonthFixed[1] != -1) {
			t.Errorf("stored %v", q.MonthFixed)
		}
	}
}

// Importing a file of ratings with half its rows bad imports nothing and
// lists the rejects next to the button; the good half alone imports.
func TestImportRatingsFromAFile(t *testing.T) {
	db, u, ps, v := demoView(t)
	ir := v.monitor.importPolls
	count := func() int {
		u.Flush()
		var polls []model.Poll
		if err := db.Rows(ctx, model.TablePolls, ps.Data().Plan.ID, &polls); err != nil {
			t.Fatal(err)
		}
		return len(polls)
	}
	before := count()
	dir := t.TempDir()
	good := "2027-04-01,Anna Müller,5,Café Aurora,,Great\n2027-04-02,Tom,9,,10,Good follow-up\n"
	bad := "2027-04-01,Anna Müller,11,,,\n2027-04-01,Ghost,3,,,\n"
	path := dir + "/polls.csv"
	os.WriteFile(path, []byte("date,rep,rating,customer,scale,comment\n"+good+bad), 0o644)
	ir.importFile(path)
	u.Wait()
	for _, w := range []string{"2 of 4 rows were rejected, so nothing was imported", "Line 4, column \"rating\": A rating of 11 is outside the 1–5 scale",
		"Line 5, column \"rep\": There is no rep “Ghost”"} {
		if !strings.Contains(ir.status.Text, w) {
			t.Errorf("status %q lacks %q", ir.status.Text, w)
		}
	}
	if got := count(); got != before {
		t.Fatalf("a rejected file stored %d ratings", got-before)
	}
	os.WriteFile(path, []byte("date,rep,rating,customer,scale,comment\n"+good), 0o644)
	ir.importFile(path)
	u.Wait()
	if !strings.Contains(ir.status.Text, "Imported 2 ratings") {
		t.Errorf("status %q", ir.status.Text)
	}
	if got := count(); got != before+2 {
		t.Errorf("%d ratings stored, want %d", got, before+2)
	}
	if n := model.FiguresOf(ps.Data()).Performance.Rating.Count; n != before+2 {
		t.Errorf("the page's figures count %d ratings, want %d", n, before+2)
	}
}

// BenchmarkLogAnActivity measures one keyboard entry on the UI goroutine
// (check, add to the log, recompute the plan's figures, refresh the
// page's monitoring); the store's write runs on the bridge, not here.
func BenchmarkLogAnActivity(b *testing.B) {
	db := viewstest.OpenTemp(b)
	u := viewstest.NewUI(b, db, map[app.StepID]views.Page{app.StepTeam: Page})
	ps := u.Plan()
	ps.Show(app.StepTeam)
	u.Wait()
	v := newView(ps)
	u.Wait()
	m := v.monitor
	m.actDate.SetText("2027-05-03")
	m.actRep.SetText("Tom")
	m.actKind.SetText("visit")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.actCount.SetText("1")
		m.logActivity()
		if i%50 == 49 {
			b.StopTimer()
			u.Wait()
			b.StartTimer()
		}
	}
	b.StopTimer()
	u.Wait()
}
