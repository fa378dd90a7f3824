package team

import (
	"context"
	"image/png"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/team"
	"salesplan/data"
	"salesplan/views"
	"salesplan/views/viewstest"
)

var ctx = context.Background()

// demoView opens the first-run demo plan on step 6 and builds a view of it.
func demoView(t *testing.T) (*data.DB, *views.UI, *views.PlanScreen, *view) {
	t.Helper()
	db, u, ps := viewstest.OpenDemo(t, views.Pages{app.StepTeam: Page}, app.StepTeam)
	v := newView(ps)
	u.Wait()
	return db, u, ps, v
}

// stored reads the plan's people back from the store after the saves.
func stored(t *testing.T, db *data.DB, u *views.UI, ps *views.PlanScreen) map[string]model.Rep {
	t.Helper()
	u.Flush()
	var reps []model.Rep
	if err := db.Rows(ctx, model.TableReps, ps.Data().Plan.ID, &reps); err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Rep{}
	for _, r := range reps {
		out[r.Name] = r
	}
	return out
}

func choose(t *testing.T, v *view, name string) {
	t.Helper()
	for i, o := range v.person.Options {
		if strings.HasPrefix(o, name+" — ") {
			v.person.SetSelectedIndex(i)
			return
		}
	}
	t.Fatalf("%s is not in the selector %v", name, v.person.Options)
}

func TestAddARepAndRateThem(t *testing.T) {
	db, u, ps, v := demoView(t)
	// a duplicate name is refused with a sentence, nothing is stored
	v.newName.SetText("anna müller")
	test.Tap(v.addRep)
	u.Wait()
	if !v.addMsg.Visible() || !strings.Contains(v.addMsg.Text, "Anna Müller is already in the roster") {
		t.Fatalf("duplicate: %q", v.addMsg.Text)
	}
	v.newName.SetText("Paul Weber")
	test.Tap(v.addRep)
	u.Wait()
	if v.addMsg.Visible() {
		t.Fatalf("add: %q", v.addMsg.Text)
	}
	if got := v.person.Selected; !strings.HasPrefix(got, "Paul Weber") {
		t.Fatalf("the new rep is not chosen: %q", got)
	}
	// an active rep not rated yet keeps the step in progress
	if s := ps.Data().Figures.Status[app.StepTeam]; s != app.InProgress {
		t.Errorf("with an unrated rep: %v", s)
	}
	for _, k := range model.DefaultCompetencies {
		v.ratings[k.Name].SetSelected("3")
	}
	v.fields["cost"].SetText("5,200.00")
	v.fields["region"].SetText("West")
	// a leave date before the hire date is refused next to the fields
	v.fields["leave"].SetText("2020-01-01")
	if !v.repMsg.Visible() || !strings.Contains(v.repMsg.Text, "is before the hire date") {
		t.Errorf("leave before hire: %q", v.repMsg.Text)
	}
	v.fields["leave"].SetText("")
	if v.repMsg.Visible() {
		t.Errorf("cleared leave date: %q", v.repMsg.Text)
	}
	if s := ps.Data().Figures.Status[app.StepTeam]; s != app.Complete {
		t.Errorf("every active rep rated: %v", s)
	}
	// the summary follows: €506,500.00 of the demo team plus 12 × €5,200.00
	if !strings.Contains(v.summary.Text, "8 in the team") || !strings.Contains(v.summary.Text, "€568,900.00") {
		t.Errorf("summary %q", v.summary.Text)
	}
	r := stored(t, db, u, ps)["Paul Weber"]
	if r.Status != model.StatusActive || r.MonthlyCost != 520_000 || r.Region != "West" || r.LeaveDate != "" ||
		len(r.Ratings) != len(model.DefaultCompetencies) || r.Ratings["Closing"] != 3 {
		t.Errorf("stored %+v", r)
	}
	if got := model.FiguresOf(ps.Data()).SalaryByRep[r.ID]; got[0] != 520_000 {
		t.Errorf("salary from the plan's start: %v", got)
	}
}

func TestMoveACandidateThroughTheStagesAndHire(t *testing.T) {
	db, u, ps, v := demoView(t)
	choose(t, v, "Claire Dubois")
	next := findButton(v.editor, "Move to offer")
	if next == nil {
		t.Fatal("no button to move the interviewed candidate on")
	}
	hire := findButton(v.editor, "Hire")
	if hire == nil || !hire.Disabled() {
		t.Fatal("hiring before the offer must be disabled")
	}
	test.Tap(next)
	if r := model.Of(ps.Data()).Rep(stored(t, db, u, ps)["Claire Dubois"].ID); r.Stage != model.StageOffer {
		t.Fatalf("stage %q", r.Stage)
	}
	hire = findButton(v.editor, "Hire")
	if hire == nil || hire.Disabled() {
		t.Fatal("an offer can be hired")
	}
	// hired into a month after the plan ends: refused, nothing changes
	end := model.PlanEnd(ps.Data().Plan).AddDate(0, 0, 1).Format(model.DateLayout)
	v.hireOn.SetText(end)
	test.Tap(hire)
	if r := stored(t, db, u, ps)["Claire Dubois"]; r.Status != model.StatusCandidate {
		t.Fatalf("hired after the plan: %+v", r)
	}
	if !strings.Contains(viewstest.Text(v.editor), "is after the plan ends") {
		t.Errorf("no message for a hire after the plan:\n%s", viewstest.Text(v.editor))
	}
	date := ps.Data().Plan.Start.Add(4).Time().Format(model.DateLayout)
	v.hireOn.SetText(date)
	test.Tap(hire)
	r := stored(t, db, u, ps)["Claire Dubois"]
	if r.Status != model.StatusOnboarding || r.Stage != model.StageHired || r.HireDate != date || len(r.Onboarding) != len(model.DefaultTemplate) {
		t.Fatalf("hired: %+v", r)
	}
	// new to the industry: the longer schedule
	if want := ps.Data().Plan.Start.Add(4).Time().AddDate(0, 0, model.DefaultTemplate[0].DaysNew).Format(model.DateLayout); r.Onboarding[0].Due != want {
		t.Errorf("first item due %s, want %s", r.Onboarding[0].Due, want)
	}
	if !strings.HasPrefix(v.person.Selected, "Claire Dubois — Onboarding") {
		t.Errorf("selector label %q", v.person.Selected)
	}
	// she now costs her salary from the hire month
	f := model.FiguresOf(ps.Data())
	if got := f.SalaryByRep[r.ID]; got[3] != 0 || got[4] != r.MonthlyCost {
		t.Errorf("salary %v", got)
	}
}

func TestTickOnboardingItems(t *testing.T) {
	db, u, ps, v := demoView(t)
	choose(t, v, "Lena Hoffmann")
	if len(v.checks) != len(model.DefaultTemplate) {
		t.Fatalf("%d checks", len(v.checks))
	}
	if !strings.Contains(viewstest.Text(v.editor), "2 of 6 done.") {
		t.Fatalf("progress:\n%s", viewstest.Text(v.editor))
	}
	v.checks[2].SetChecked(true)
	if !strings.Contains(viewstest.Text(v.editor), "3 of 6 done.") {
		t.Errorf("progress after a tick:\n%s", viewstest.Text(v.editor))
	}
	r := stored(t, db, u, ps)["Lena Hoffmann"]
	if !r.Onboarding[2].Done || r.Onboarding[3].Done {
		t.Errorf("stored checklist %+v", r.Onboarding)
	}
}

func TestATrainingSessionNeedsAttendeesAndDoneOffersHigherRatings(t *testing.T) {
	db, u, ps, v := demoView(t)
	c := model.Of(ps.Data())
	before := len(c.Trainings)
	add := findButton(v.training, "Add session")
	if add == nil {
		t.Fatal("no Add session button")
	}
	text := func() string { return viewstest.Text(v.training) }
	// the form's widgets, in order: topic, competency, month, cost, attendees
	form := findEntries(v.training)
	if len(form) < 3 {
		t.Fatalf("form entries: %d", len(form))
	}
	form[0].SetText("Closing workshop")
	test.Tap(add)
	u.Wait()
	if !strings.Contains(text(), "A session needs at least one attendee; tick who takes part.") {
		t.Fatalf("no attendees:\n%s", text())
	}
	if len(c.Trainings) != before {
		t.Fatal("a session without attendees was added")
	}
	// the first session of the demo, Negotiation, done: offer to raise
	done := findChecks(v.training)
	if len(done) == 0 {
		t.Fatal("no Done checks")
	}
	done[0].SetChecked(true)
	u.Wait()
	yes := viewstest.FindButton(u.Window().Canvas(), "Yes")
	if yes == nil {
		t.Fatalf("marking the session done did not offer to raise the ratings (%v, %d overlays)", done[0].Checked, len(u.Window().Canvas().Overlays().List()))
	}
	test.Tap(yes)
	u.Wait()
	reps := stored(t, db, u, ps)
	if got := reps["Jonas Søndergaard"].Ratings["Negotiation"]; got != 3 {
		t.Errorf("Jonas's Negotiation %d, want 3", got)
	}
	var trainings []model.Training
	u.Flush()
	if err := db.Rows(ctx, model.TableTrainings, ps.Data().Plan.ID, &trainings); err != nil {
		t.Fatal(err)
	}
	if !trainings[0].Done {
		t.Error("the session is not stored as done")
	}
}

// TestLookAtThePage writes the page at 1024×700 and wide to
// $TEAM_PAGE_PNG (a prefix) for a person to look at; without it, it only
// checks the page renders.
func TestLookAtThePage(t *testing.T) {
	_, u, _, _ := demoView(t)
	for _, w := range []float32{1024, 1600} {
		u.Window().Resize(fyne.NewSize(w, 700))
		img := u.Window().Canvas().Capture()
		if img.Bounds().Dx() == 0 {
			t.Fatal("nothing rendered")
		}
		if p := os.Getenv("TEAM_PAGE_PNG"); p != "" {
			f, err := os.Create(p + "-" + app.Itoa(int(w)) + ".png")
			if err != nil {
				t.Fatal(err)
			}
			png.Encode(f, img)
			f.Close()
		}
	}
}

func findEntries(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	for _, x := range test.LaidOutObjects(o) {
		if e, ok := x.(*widget.Entry); ok {
			out = append(out, e)
		}
	}
	return out
}

func findChecks(o fyne.CanvasObject) []*widget.Check {
	var out []*widget.Check
	for _, x := range test.LaidOutObjects(o) {
		if e, ok := x.(*widget.Check); ok {
			out = append(out, e)
		}
	}
	return out
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	return nil
}

// A new plan of a business with history offers the history's salespeople
// as the starting roster; taking them adds them as active reps.
func TestTheHistorysSalespeopleAreOfferedAsTheRoster(t *testing.T) {
	db, u, ps, _ := demoView(t)
	demo := ps.Data().Plan
	p, err := db.CreatePlan(ctx, app.Plan{BusinessID: demo.BusinessID, Title: "Next year", Start: demo.Start.Add(12), Months: 12, Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	ps = viewstest.OpenPlan(t, u, p.ID, app.StepTeam)
	v := newView(ps)
	if s := ps.Data().Figures.Status[app.StepTeam]; s != app.NotStarted {
		t.Errorf("an empty team: %v", s)
	}
	take := findButton(v.suggest, "Add the 6 salespeople of the history")
	if take == nil {
		t.Fatalf("no offer of the history's salespeople:\n%s", viewstest.Text(v.content))
	}
	test.Tap(take)
	u.Wait()
	reps := stored(t, db, u, ps)
	for _, n := range []string{"Anna Müller", "Jonas Søndergaard", "Marta Łukasik", "Nikos Papadopoulos", "Olga Smirnova", "Tom Baker"} {
		if r, ok := reps[n]; !ok || r.Status != model.StatusActive || r.HireDate == "" {
			t.Errorf("%s: %+v", n, r)
		}
	}
	if len(v.suggest.Objects) != 0 {
		t.Error("the offer stays after taking it")
	}
	// the framework starts from the default set
	use := findButton(v.framework, "Use the default framework")
	if use == nil {
		t.Fatal("no default framework offered")
	}
	test.Tap(use)
	u.Wait()
	if got := len(model.Of(ps.Data()).Competencies); got != len(model.DefaultCompetencies) {
		t.Errorf("%d competencies", got)
	}
	if s := ps.Data().Figures.Status[app.StepTeam]; s != app.InProgress {
		t.Errorf("reps not rated yet: %v", s)
	}
}

// The onboarding template is edited in place: a bad number is refused
// with a sentence, a good one is saved, and an item can be added.
func TestEditTheOnboardingTemplate(t *testing.T) {
	db, u, ps, v := demoView(t)
	entries := findEntries(v.template)
	if len(entries) < 3 {
		t.Fatalf("%d entries", len(entries))
	}
	entries[1].SetText("ten")
	if !strings.Contains(viewstest.Text(v.template), "Write the days after the hire date as a whole number, e.g. 10.") {
		t.Errorf("no message for a bad number:\n%s", viewstest.Text(v.template))
	}
	entries[1].SetText("7")
	entries[len(entries)-1].SetText("Ride along with a senior rep")
	test.Tap(findButton(v.template, "Add item"))
	u.Wait()
	u.Flush()
	var items []model.OnboardingItem
	if err := db.Rows(ctx, model.TableTemplate, ps.Data().Plan.ID, &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != len(model.DefaultTemplate)+1 || items[0].Days != 7 || items[len(items)-1].Title != "Ride along with a senior rep" {
		t.Errorf("stored template %+v", items)
	}
}

// A position's profile is edited per competency; the candidates' fit
// follows it.
func TestEditAPositionsProfile(t *testing.T) {
	db, u, ps, v := demoView(t)
	fit := func() float64 {
		for _, f := range model.FiguresOf(ps.Data()).Fits {
			if f.Name == "Claire Dubois" {
				return f.Score
			}
		}
		return -1
	}
	if got := fit(); got != 0.75 {
		t.Fatalf("fit %v, want 12 of 16 levels", got)
	}
	// the sixth competency of the framework is Closing
	var sels []*widget.Select
	for _, x := range test.LaidOutObjects(v.positions) {
		if s, ok := x.(*widget.Select); ok && len(s.Options) == 6 && s.Options[0] == "Not needed" {
			sels = append(sels, s)
		}
	}
	if len(sels) != len(model.DefaultCompetencies) || sels[5].Selected != "3" {
		t.Fatalf("%d selects, Closing at %q", len(sels), sels[5].Selected)
	}
	sels[5].SetSelected("Not needed")
	if got := fit(); got != 10.0/13 {
		t.Errorf("fit without Closing %v, want 10 of 13", got)
	}
	u.Flush()
	var ps2 []model.OpenPosition
	if err := db.Rows(ctx, model.TablePositions, ps.Data().Plan.ID, &ps2); err != nil {
		t.Fatal(err)
	}
	if len(ps2[0].Profile) != 4 {
		t.Errorf("stored profile %+v", ps2[0].Profile)
	}
}

// The quotas card shows every quota holder's quota with its verdict;
// after "Adjust quotas" a fixed quota typed in is kept, the others share
// the rest, and bad input is refused with a sentence and not stored.
func TestQuotasAreShownAndEditable(t *testing.T) {
	db, u, ps, v := demoView(t)
	pd := ps.Data()
	var anna, lena string
	for _, r := range model.Of(pd).Reps {
		switch r.Name {
		case "Anna Müller":
			anna = r.ID
		case "Lena Hoffmann":
			lena = r.ID
		}
	}
	if len(v.quotaLines) != 7 || !strings.Contains(v.quotaLines[anna].Text, "too hard") ||
		!strings.Contains(v.quotaLines[lena].Text, "no verdict") || v.adjust == nil || len(v.quotaEdits) != 0 {
		t.Fatalf("quota lines %d, Anna %q, Lena %q", len(v.quotaLines), v.quotaLines[anna].Text, v.quotaLines[lena].Text)
	}
	test.Tap(v.adjust)
	u.Wait()
	if len(v.quotaEdits) != 7 || v.adjust != nil {
		t.Fatalf("editors %d after adjusting", len(v.quotaEdits))
	}
	e := v.quotaEdits[anna]
	e[0].SetText("abc")
	if m := v.quotaMsgs[anna]; !m.Visible() || !strings.Contains(m.Text, "“abc” is not a number of months") {
		t.Errorf("bad ramp: %q", m.Text)
	}
	e[0].SetText("")
	if v.quotaMsgs[anna].Visible() {
		t.Errorf("the message stays: %q", v.quotaMsgs[anna].Text)
	}
	e[2].SetText("€400,000.00")
	if !strings.Contains(v.quotaLines[anna].Text, "€400,000.00 fixed") {
		t.Errorf("Anna's line %q", v.quotaLines[anna].Text)
	}
	q := model.FiguresOf(pd).Quotas
	if q.Total != q.Target || q.Reps[0].Annual != 40_000_000 {
		t.Errorf("quotas total %d target %d, Anna %d", q.Total, q.Target, q.Reps[0].Annual)
	}
	u.Flush()
	var rows []model.Quota
	if err := db.Rows(ctx, model.TableQuotas, pd.Plan.ID, &rows); err != nil {
		t.Fatal(err)
	}
	var got *model.Quota
	for i := range rows {
		if rows[i].Rep() == anna {
			got = &rows[i]
		}
	}
	if len(rows) != 7 || got == nil || !got.Fixed || got.Annual != 40_000_000 || got.RampMonths != -1 {
		t.Errorf("stored %d rows, Anna %+v", len(rows), got)
	}
}
