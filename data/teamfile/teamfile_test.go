package teamfile

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"salesplan/app"
	"salesplan/app/team"
)

func plan() *app.PlanData {
	cur, _ := app.LookupCurrency("EUR")
	pd := &app.PlanData{Plan: app.Plan{ID: "p", Start: app.NewMonth(2027, 1), Months: 12}, Currency: cur, Locale: app.LocaleFor("de_DE")}
	team.Of(pd).Reps = []team.Rep{
		{ID: "a", Name: "Anna Müller", Status: team.StatusActive, HireDate: "2016-04-01"},
		{ID: "l", Name: "Lena Hoffmann", Status: team.StatusOnboarding, HireDate: "2027-02-01"},
		{ID: "c", Name: "Claire Dubois", Status: team.StatusCandidate},
	}
	return pd
}

func write(t *testing.T, name, text string) string {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A German spreadsheet export: semicolons, day-first dates, decimal
// commas, German headers, plural kinds.
func TestReadActivitiesFromAGermanExport(t *testing.T) {
	path := write(t, "a.csv", "Datum;Verkäufer;Activity;Count;Kunde;Betrag\n15.03.2027;Anna;Orders;2;Café Aurora;4.800,50\n16.03.2027;lena;Besuch;1;;\n")
	res, err := Read(context.Background(), plan(), Activities, path, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 2 || res.RejectedRows != 1 || len(res.Activities) != 1 {
		t.Fatalf("%+v", res)
	}
	a := res.Activities[0]
	if a.Date != "2027-03-15" || a.Kind != team.KindOrder || a.Count != 2 || a.Amount != 480_050 || a.Customer != "Café Aurora" || a.Rep() != "a" {
		t.Errorf("%+v", a)
	}
	if r := res.Rejects[0]; r.Line != 3 || r.Column != "Activity" || !strings.Contains(r.Reason, "“Besuch” is not an activity kind") {
		t.Errorf("%+v", r)
	}
}

// Excel date cells, a candidate, and ambiguous dates.
func TestReadPollsFromExcel(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Date", "Rep", "Rating", "Scale"})
	style, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	for i, r := range [][]any{{time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC), "Anna Müller", 4, ""}, {time.Date(2027, 3, 3, 0, 0, 0, 0, time.UTC), "Claire", 5, 5}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		x.SetSheetRow("Sheet1", cell, &r)
		x.SetCellStyle("Sheet1", cell, cell, style)
	}
	path := filepath.Join(t.TempDir(), "p.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), plan(), Polls, path, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Polls) != 1 || res.Polls[0].Date != "2027-03-02" || res.Polls[0].Scale != team.Scale5 || res.Polls[0].Rating != 4 {
		t.Fatalf("%+v", res)
	}
	if res.RejectedRows != 1 || !strings.Contains(res.Rejects[0].Reason, "Claire Dubois is a candidate") {
		t.Errorf("%+v", res.Rejects)
	}
	amb := write(t, "amb.csv", "date,rep,rating\n03/04/2027,Anna,4\n05/06/2027,Anna,5\n")
	if _, err := Read(context.Background(), plan(), Polls, amb, "", ""); err != ErrAmbiguousDates {
		t.Errorf("ambiguous dates: %v", err)
	}
	res, err = Read(context.Background(), plan(), Polls, amb, "", "dmy")
	if err != nil || len(res.Polls) != 2 || res.Polls[0].Date != "2027-04-03" {
		t.Errorf("dmy: %v %+v", err, res)
	}
}
