package team_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/app/team"
	"salesplan/data/datatest"
)

// The demo plan's PDF has the team section: the roster, the competency
// matrix with gaps, the training needs, the training plan, recruitment
// with fit scores and onboarding.
func TestPDFSectionOfTheDemoTeam(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required in CI")
		}
		t.Skip("pdftotext not installed")
	}
	_, pd := datatest.DemoPlan(t)
	var buf bytes.Buffer
	if err := app.ExportPDF(context.Background(), &buf, &pd, steps.Registry(), app.ExportOptions{Now: datatest.Now}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.Join(strings.Fields(string(out)), " ")
	i := strings.LastIndex(txt, "Sales team")
	if i < 0 {
		t.Fatal("no team section")
	}
	sec := txt[i:]
	for _, w := range []string{"The team", "7 people work in the team", "Anna Müller", "Lena Hoffmann", "Competencies and gaps",
		"Training need", "Negotiation", "Training plan", "Negotiating with", "Recruitment", "Second sales rep West",
		"Samir Haddad (offer, fit 93.8", "Onboarding", "2 of 6",
		// part 2: monitoring
		"Activities and conversion", "Team median", "(!) Tom Baker is far below the team", "A product issue: proposals for Espresso machines",
		"The activity the quotas need per month", "beyond the logged pace",
		"Customer ratings", "46 customer ratings", "Quota attainment",
		"No actual sales in the plan period yet"} {
		if !strings.Contains(sec, w) {
			t.Errorf("the team section lacks %q", w)
		}
	}
}

// With sales in the first plan months, the PDF shows each rep's
// attainment month by month.
func TestPDFAttainment(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	_, pd := datatest.DemoPlan(t)
	c := team.Of(&pd)
	start := pd.Plan.Start
	pd.History = app.MonthlySeries{Start: start, Values: []int64{0, 0}}
	for name := range c.HistoryByRep {
		c.HistoryByRep[name] = app.MonthlySeries{Start: start, Values: []int64{3_000_000, 3_500_000}}
		pd.History.Values[0] += 3_000_000
		pd.History.Values[1] += 3_500_000
	}
	steps.Registry().Compute(&pd)
	perf := team.FiguresOf(&pd).Performance
	if perf.Months != 2 || len(perf.Reps) != 7 || !perf.Team.OK {
		t.Fatalf("attainment %+v", perf)
	}
	var buf bytes.Buffer
	if err := app.ExportPDF(context.Background(), &buf, &pd, steps.Registry(), app.ExportOptions{Now: datatest.Now}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.Join(strings.Fields(string(out)), " ")
	for _, w := range []string{"Over 2 months with sales the team reached", "by the salesperson named in each row", "Jan 2027", "Feb 2027", "Reached", "Jonas Søndergaard €66.7k €65k 97.4% 89.9% 104.9%"} {
		if !strings.Contains(txt[strings.LastIndex(txt, "Quota attainment"):], w) {
			t.Errorf("the attainment lacks %q", w)
		}
	}
}
