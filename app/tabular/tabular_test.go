package tabular

import (
	"bytes"
	"encoding/csv"
	"math"
	"testing"

	"github.com/xuri/excelize/v2"

	"salesplan/app"
)

func sample() (app.DataTable, app.Currency) {
	eur, _ := app.LookupCurrency("EUR")
	m := app.NewMonth(2027, 3)
	return app.DataTable{Title: "Budget: plan/2027 [draft] with a long title", Columns: []string{"Month", "Revenue", "Share", "Units", "Note"},
		Rows: [][]app.Cell{
			{app.MonthCell(&m), app.AmountCell(-123456), app.RatioCell(0.125), app.IntCell(42), app.TextCell("Müller, \"quoted\"")},
			{app.MonthCell(nil), app.AmountCell(5), app.RatioCell(math.NaN()), app.NumberCell(1.25, 2), {}},
		}}, eur
}

// CSV: amounts exact in major units, the currency in the header, ratios as
// fractions, empty cells empty.
func TestWriteCSV(t *testing.T) {
	tb, eur := sample()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tb, eur); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Month", "Revenue (EUR)", "Share", "Units", "Note"},
		{"2027-03", "-1234.56", "0.1250", "42", "Müller, \"quoted\""},
		{"", "0.05", "", "1.25", ""},
	}
	for i := range want {
		for j := range want[i] {
			if recs[i][j] != want[i][j] {
				t.Errorf("record %d field %d: %q, want %q", i, j, recs[i][j], want[i][j])
			}
		}
	}
}

// XLSX: numbers are number cells with formats, the sheet name is valid.
func TestWriteXLSX(t *testing.T) {
	tb, eur := sample()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, tb, eur); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetList()[0]
	if len([]rune(sheet)) > 31 || sheet != "Budget- plan-2027 -draft- with " {
		t.Errorf("sheet name %q", sheet)
	}
	for ref, want := range map[string]string{"B2": "-1234.56", "C2": "0.125", "D2": "42", "D3": "1.25"} {
		typ, _ := x.GetCellType(sheet, ref)
		raw, _ := x.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || raw != want {
			t.Errorf("%s: %v %q, want number %q", ref, typ, raw, want)
		}
	}
	if v, _ := x.GetCellValue(sheet, "B2"); v != "-1,234.56 €" {
		t.Errorf("B2 formatted %q", v)
	}
	if v, _ := x.GetCellValue(sheet, "C2"); v != "12.5%" {
		t.Errorf("C2 formatted %q", v)
	}
	if FormatOf("", "a.XLSX") != "xlsx" || FormatOf("CSV", "a.xlsx") != "csv" || FormatOf("", "a.txt") != "" {
		t.Error("FormatOf")
	}
}
