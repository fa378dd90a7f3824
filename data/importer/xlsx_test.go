package importer

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"salesplan/app"
)

// makeWorkbook writes a workbook whose first sheet is empty and whose
// "Sales" sheet has a title in row 1, a blank row 2, the header in row 3
// and data from row 4: real date cells (stored as serial numbers), a text
// amount column, a number amount column with floating-point noise, a
// customer and a quantity.
func makeWorkbook(t *testing.T, date1904 bool) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Notes"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Sales"); err != nil {
		t.Fatal(err)
	}
	if date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	set := func(cell string, v any) {
		t.Helper()
		if err := f.SetCellValue("Sales", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "Sales report 2026")
	for i, h := range []string{"Order Date", "Amount", "Net", "Customer", "Qty"} {
		c, _ := excelize.CoordinatesToCellName(i+1, 3)
		set(c, h)
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	rows := []struct {
		date   time.Time
		amount string
		net    float64
		cust   string
		qty    float64
	}{
		{day(2026, 3, 1), "1,234.50", 0.1 + 0.2, "Müller", 2.5},
		{day(2026, 3, 15), "$99.00", 1234.56, "Acme", 1},
		{day(2026, 4, 2), "(5.00)", -5, "Acme", 0},
	}
	for i, r := range rows {
		n := i + 4
		cell := func(col string) string { return col + strconv.Itoa(n) }
		set(cell("A"), r.date)
		if err := f.SetCellStyle("Sales", cell("A"), cell("A"), style); err != nil {
			t.Fatal(err)
		}
		set(cell("B"), r.amount) // text
		set(cell("C"), r.net)
		set(cell("D"), r.cust)
		set(cell("E"), r.qty)
	}
	path := filepath.Join(t.TempDir(), "sales.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestXLSX(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		path := makeWorkbook(t, date1904)
		p, err := Sniff(path, "")
		if err != nil {
			t.Fatal(err)
		}
		f := p.Format
		if f.Kind != XLSX || f.Sheet != "Sales" || f.HeaderRow != 2 || len(f.Sheets) != 2 || f.DateOrder != YMD || f.Decimal != '.' {
			t.Errorf("format = %+v", f)
		}
		if strings.Join(p.Headers, "|") != "Order Date|Amount|Net|Customer|Qty" {
			t.Errorf("headers = %q", p.Headers)
		}
		if p.Mapping[Date] != 0 || p.Mapping[Amount] != 1 || p.Mapping[Customer] != 3 || p.Mapping[Quantity] != 4 {
			t.Errorf("mapping = %v", p.Mapping)
		}
		if len(p.Rows) != 3 || p.Rows[0][0] != "2026-03-01" || p.Rows[0][1] != "1,234.50" {
			t.Errorf("preview rows = %q", p.Rows)
		}
		var sales []app.Sale
		sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "USD"), Format: p.Format, Mapping: p.Mapping},
			func(s app.Sale) error { sales = append(sales, s); return nil })
		if err != nil {
			t.Fatal(err)
		}
		checkSummary(t, sum, sales)
		if sum.Accepted != 3 || sum.Total != 123450+9900-500 {
			t.Fatalf("summary = %+v", sum)
		}
		want := []app.Sale{
			{Date: day(2026, 3, 1), Amount: 123450, Customer: "Müller", Quantity: 2.5, Line: 4},
			{Date: day(2026, 3, 15), Amount: 9900, Customer: "Acme", Quantity: 1, Line: 5},
			{Date: day(2026, 4, 2), Amount: -500, Customer: "Acme", Quantity: 0, Line: 6},
		}
		for i, w := range want {
			if sales[i] != w {
				t.Errorf("1904=%v: sale %d = %+v, want %+v", date1904, i, sales[i], w)
			}
		}
		// The number column: floating-point noise is rounded away.
		m := Mapping{Date: 0, Amount: 2}
		sales = nil
		sum, err = Scan(context.Background(), path, Options{Currency: currency(t, "EUR"), Format: p.Format, Mapping: m},
			func(s app.Sale) error { sales = append(sales, s); return nil })
		if err != nil || sum.Accepted != 3 || sales[0].Amount != 30 || sales[1].Amount != 123456 || sales[2].Amount != -500 {
			t.Errorf("number column: %v %+v %+v", err, sum, sales)
		}
	}
}

func TestXLSXSheets(t *testing.T) {
	path := makeWorkbook(t, false)
	p, err := Sniff(path, "sales")
	if err != nil || p.Format.Sheet != "Sales" {
		t.Errorf("Sniff(sales): %v %q", err, p.Format.Sheet)
	}
	if _, err := Sniff(path, "Nope"); err == nil || !strings.Contains(err.Error(), `no sheet named "Nope"`) || !strings.Contains(err.Error(), `"Notes" and "Sales"`) {
		t.Errorf("Sniff(Nope): %v", err)
	}
	// The empty sheet, chosen explicitly.
	if _, err := Sniff(path, "Notes"); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("Sniff(Notes): %v", err)
	}
	// Scan with nothing but a currency works out everything itself.
	sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "USD")}, nil)
	if err != nil || sum.Accepted != 3 || sum.Format.Sheet != "Sales" {
		t.Errorf("Scan: %v %+v", err, sum)
	}
	// An xlsx file renamed .csv is still read as a workbook.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	renamed := writeFile(t, "sales.csv", data)
	if p, err := Sniff(renamed, ""); err != nil || p.Format.Kind != XLSX {
		t.Errorf("renamed workbook: %v %+v", err, p.Format)
	}
}

// TestXLSXRoundsExtraDecimals reads number cells with more decimals than
// the currency (a discounted price, an Excel float) from a workbook: they
// are rounded and counted like text amounts.
func TestXLSXRoundsExtraDecimals(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"Date", "Amount"}, {"2026-03-01", 212.058}, {"2026-03-02", 19.989999999}, {"2026-03-03", 10.5}, {"2026-03-04", 1234.56 + 1e-12}}
	for i, r := range rows {
		for j, v := range r {
			c, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue("Sheet1", c, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "shop.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	var got []int64
	sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "EUR")}, func(s app.Sale) error {
		got = append(got, s.Amount)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// 1234.56 + 1e-12 is floating-point noise, which Excel shows as 1234.56:
	// not a rounding the user needs to hear about.
	want := []int64{21206, 1999, 1050, 123456}
	if !slices.Equal(got, want) || sum.Rounded != 2 || sum.RoundedMaxChange != 0.002 {
		t.Errorf("amounts %v (want %v), rounded %d, max change %v; want 2, 0.002", got, want, sum.Rounded, sum.RoundedMaxChange)
	}
}
