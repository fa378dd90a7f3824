package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"salesplan/app"
)

func eur(t *testing.T) app.Currency {
	t.Helper()
	c, err := app.LookupCurrency("EUR")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReadExpensesCSVLikeTheSalesImport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "actuals.csv")
	body := "Actual expenses 2027\n\nMonat;Kostenart;Betrag\n" +
		"2027-01;Travel;1.234,565\n" + // rounded half away from zero
		"Feb 2027;Trade fairs;3.100\n" +
		"03/2027;CRM;800,00\n" +
		"2027-13;CRM;5\n" +
		";CRM;5\n" +
		"2027-04;;5\n" +
		"2027-04;CRM;zwölf\n" +
		"15.05.2027;CRM;1,5\n" +
		"\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	ef, err := ReadExpenses(context.Background(), path, ExpenseOptions{Currency: eur(t)})
	if err != nil {
		t.Fatal(err)
	}
	if ef.Mapping[ExpenseMonth] != 0 || ef.Mapping[ExpenseLine] != 1 || ef.Mapping[ExpenseAmount] != 2 {
		t.Fatalf("mapping %v of %v", ef.Mapping, ef.Headers)
	}
	if len(ef.Rows) != 4 || ef.Summary.Rows != 8 || ef.Summary.Rejected != 4 {
		t.Fatalf("rows %+v, summary %+v", ef.Rows, ef.Summary)
	}
	want := []ExpenseRow{
		{Line: 4, Month: app.NewMonth(2027, 1), Name: "Travel", Amount: 1_234_57},
		{Line: 5, Month: app.NewMonth(2027, 2), Name: "Trade fairs", Amount: 3_100_00},
		{Line: 6, Month: app.NewMonth(2027, 3), Name: "CRM", Amount: 800_00},
		{Line: 11, Month: app.NewMonth(2027, 5), Name: "CRM", Amount: 1_50},
	}
	for i, w := range want {
		if ef.Rows[i] != w {
			t.Errorf("row %d: %+v, want %+v", i, ef.Rows[i], w)
		}
	}
	if ef.Summary.Rounded != 1 || ef.Summary.RoundedMaxChange != 0.005 {
		t.Errorf("rounding %d %v", ef.Summary.Rounded, ef.Summary.RoundedMaxChange)
	}
	reasons := []string{
		`Line 7, column "Monat": There is no month 13`,
		`Line 8, column "Monat": The month is missing`,
		`Line 9, column "Kostenart": The budget line's name is missing.`,
		`Line 10, column "Betrag":`,
	}
	for i, w := range reasons {
		if i >= len(ef.Summary.Rejects) || !strings.HasPrefix(ef.Summary.Rejects[i].String(), w) {
			t.Errorf("reject %d: %v, want %q", i, ef.Summary.Rejects, w)
		}
	}
}

func TestReadExpensesXLSXWithDateCellsAndNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "actuals.xlsx")
	f := excelize.NewFile()
	rows := [][]any{{"Month", "Line", "Amount"},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), "Travel", 1234.5600000000002},
		{"2027-02", "Tools", 99},
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 17}) // mmm-yy
	f.SetCellStyle("Sheet1", "A2", "A2", style)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ef, err := ReadExpenses(context.Background(), path, ExpenseOptions{Currency: eur(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ef.Rows) != 2 || ef.Rows[0].Month != app.NewMonth(2027, 1) || ef.Rows[0].Amount != 1_234_56 || ef.Rows[1].Amount != 99_00 || ef.Rows[1].Line != 3 {
		t.Errorf("rows %+v rejects %v", ef.Rows, ef.Summary.Rejects)
	}
}

func TestReadExpensesSaysWhichColumnIsMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.csv")
	os.WriteFile(path, []byte("When,What,Amount\n2027-01,Travel,5\n"), 0o644)
	_, err := ReadExpenses(context.Background(), path, ExpenseOptions{Currency: eur(t)})
	if err == nil || !strings.Contains(app.ErrorMessage(err), "holds the month (YYYY-MM); give it a header such as “Month”") || !errors.Is(err, ErrNoExpenseColumn) {
		t.Fatalf("err %v", err)
	}
	ef, err := ReadExpenses(context.Background(), path, ExpenseOptions{Currency: eur(t), Mapping: ExpenseMapping{ExpenseMonth: 0, ExpenseLine: 1, ExpenseAmount: 2}})
	if err != nil || len(ef.Rows) != 1 || ef.Rows[0].Name != "Travel" {
		t.Errorf("with a mapping: %v %+v", err, ef.Rows)
	}
}

// FuzzReadExpenses reads arbitrary files as expenses: it never panics, an
// error is a sentence, and every row taken has a month Salesplan accepts
// and a line's name, and is counted.
func FuzzReadExpenses(f *testing.F) {
	f.Add([]byte("Month,Line,Amount\n2027-01,Travel,1.5\n"))
	f.Add([]byte("Monat;Kostenart;Betrag\n01/2027;\"Reisen; Hotels\";1.234,56\nJan 2027;x;-5\n"))
	f.Add([]byte("month\tline\tamount\n2027-13\t\t\n\"open\n"))
	cur, _ := app.LookupCurrency("EUR")
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "x.csv")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		ef, err := ReadExpenses(context.Background(), path, ExpenseOptions{Currency: cur})
		if err != nil {
			if msg := app.ErrorMessage(err); msg == "" || app.ErrorCode(err) != app.ErrInvalid {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		if int64(len(ef.Rows)) != ef.Summary.Accepted || ef.Summary.Accepted+ef.Summary.Rejected != ef.Summary.Rows {
			t.Fatalf("counts: %d rows, %+v", len(ef.Rows), ef.Summary)
		}
		for _, r := range ef.Rows {
			if r.Name == "" || r.Month.Year() < minYear || r.Month.Year() > maxYear || r.Line < 1 {
				t.Fatalf("row %+v", r)
			}
		}
	})
}
