package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"salesplan/app"
)

// writeFile writes content to a file called name in a temporary folder.
func writeFile(t testing.TB, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// sniffScan sniffs path and scans it with the sniffed format and mapping.
func sniffScan(t testing.TB, path, code string) (Preview, Summary, []app.Sale, error) {
	t.Helper()
	p, err := Sniff(path, "")
	if err != nil {
		return p, Summary{}, nil, err
	}
	var sales []app.Sale
	sum, err := Scan(context.Background(), path, Options{Currency: currency(t, code), Format: p.Format, Mapping: p.Mapping},
		func(s app.Sale) error { sales = append(sales, s); return nil })
	return p, sum, sales, err
}

// checkSummary checks that the counts of s add up and that Total and the
// date range match the emitted sales.
func checkSummary(t *testing.T, s Summary, sales []app.Sale) {
	t.Helper()
	if s.Rows != s.Accepted+s.Rejected {
		t.Errorf("Rows %d != Accepted %d + Rejected %d", s.Rows, s.Accepted, s.Rejected)
	}
	if int64(len(sales)) != s.Accepted {
		t.Errorf("%d sales emitted, Accepted = %d", len(sales), s.Accepted)
	}
	var byReason int64
	for _, n := range s.ByReason {
		byReason += n
	}
	if byReason != s.Rejected {
		t.Errorf("ByReason adds up to %d, Rejected = %d", byReason, s.Rejected)
	}
	var total int64
	var first, last time.Time
	for _, x := range sales {
		total += x.Amount
		if first.IsZero() || x.Date.Before(first) {
			first = x.Date
		}
		if x.Date.After(last) {
			last = x.Date
		}
	}
	if total != s.Total {
		t.Errorf("Total = %d, emitted amounts add up to %d", s.Total, total)
	}
	if !first.Equal(s.First) || !last.Equal(s.Last) {
		t.Errorf("First, Last = %v, %v; emitted %v, %v", s.First, s.Last, first, last)
	}
	if len(s.SHA256) != 64 {
		t.Errorf("SHA256 = %q", s.SHA256)
	}
}

func TestScanFormats(t *testing.T) {
	type want struct {
		delim   rune
		enc     string
		dec     rune
		order   DateOrder
		amounts []int64
		dates   []time.Time
		first   app.Sale // expected text fields and quantity of the first sale
	}
	mar := func(d int) time.Time { return day(2026, time.March, d) }
	w1252, _ := charmap.Windows1252.NewEncoder().String("Datum;Umsatz;Kunde\n01.03.2026;1.234,50;Müller GmbH\n15.03.2026;-99,95;Bäckerei Groß\n")
	tests := []struct {
		name string
		file string
		data string
		code string
		want want
	}{
		{"german export", "export.csv",
			"Datum;Artikel;Warengruppe;Menge;Betrag;Kunde\n" +
				"01.03.2026;Kaffee;Getränke;2;1.234,50 €;Müller\n" +
				"15.03.2026;Tee;Getränke;1,5;99,00 €;Schmidt\n" +
				"28.03.2026;Kuchen;Backwaren;3;-5,00 €;Meier\n",
			"EUR", want{';', UTF8, ',', DMY, []int64{123450, 9900, -500}, []time.Time{mar(1), mar(15), mar(28)},
				app.Sale{Product: "Kaffee", Group: "Getränke", Customer: "Müller", Quantity: 2}}},
		{"tab separated", "sales.tsv",
			"Order Date\tProduct\tQty\tRevenue\n2026-03-01\tWidget\t3\t30.00\n2026-03-02\tGadget\t1\t12.5\n",
			"USD", want{'\t', UTF8, '.', YMD, []int64{3000, 1250}, []time.Time{mar(1), mar(2)},
				app.Sale{Product: "Widget", Quantity: 3}}},
		{"pipe separated", "sales.txt",
			"Date|Amount|Region|Sales Rep\n2026-03-01|10|North|Ann\n2026-03-05|20|South|Bob\n",
			"EUR", want{'|', UTF8, 0, YMD, []int64{1000, 2000}, []time.Time{mar(1), mar(5)},
				app.Sale{Region: "North", Salesperson: "Ann"}}},
		{"windows-1252", "kunden.csv", w1252,
			"EUR", want{';', Windows1252, ',', DMY, []int64{123450, -9995}, []time.Time{mar(1), mar(15)},
				app.Sale{Customer: "Müller GmbH"}}},
		{"utf-8 bom", "bom.csv", "\ufeffDate,Amount,Customer\n2026-03-01,5.00,Zoë 😀\n",
			"EUR", want{',', UTF8, '.', YMD, []int64{500}, []time.Time{mar(1)}, app.Sale{Customer: "Zoë 😀"}}},
		{"us dates and dollars", "us.csv",
			"Invoice Date,Client,Sales\n03/01/2026,Acme,\"$1,234.50\"\n03/25/2026,Acme,(12.00)\n3/2/2026,\"Smith, Jones & Co\",$7\n",
			"USD", want{',', UTF8, '.', MDY, []int64{123450, -1200, 700}, []time.Time{mar(1), mar(25), mar(2)},
				app.Sale{Customer: "Acme"}}},
		{"excel serials", "serial.csv", "Date,Amount\n46082,1\n46083.75,2\n",
			"EUR", want{',', UTF8, 0, YMD, []int64{100, 200}, []time.Time{mar(1), mar(2)}, app.Sale{}}},
		{"dates with times", "times.csv",
			"Date,Amount\n2026-03-01 14:30,1\n2026-03-02T14:30:00Z,2\n2026-03-03T23:59:59+05:30,3\n",
			"EUR", want{',', UTF8, 0, YMD, []int64{100, 200, 300}, []time.Time{mar(1), mar(2), mar(3)}, app.Sale{}}},
		{"dmy dates with times", "times2.csv",
			"Date,Amount\n01/03/2026 14:30,1\n25/03/2026 09:00,2\n",
			"EUR", want{',', UTF8, 0, DMY, []int64{100, 200}, []time.Time{mar(1), mar(25)}, app.Sale{}}},
		{"title rows above the header", "titled.csv",
			"Sales report 2026\n\nExported by: shop\nDate,Amount,Product\n2026-03-01,1,A\n",
			"EUR", want{',', UTF8, 0, YMD, []int64{100}, []time.Time{mar(1)}, app.Sale{Product: "A"}}},
		{"classic mac line ends", "mac.csv", "Date,Amount\r2026-03-01,1\r2026-03-02,2\r",
			"EUR", want{',', UTF8, 0, YMD, []int64{100, 200}, []time.Time{mar(1), mar(2)}, app.Sale{}}},
		{"excel sep line", "sep.csv", "sep=;\r\nDate;Amount\r\n2026-03-01;1,5\r\n",
			"EUR", want{';', UTF8, ',', YMD, []int64{150}, []time.Time{mar(1)}, app.Sale{}}},
		{"utf-16 with bom", "unicode.txt", string(utf16LE("Date\tAmount\tCustomer\r\n2026-03-01\t1,5\tMüller\r\n")),
			"EUR", want{'\t', UTF16LE, ',', YMD, []int64{150}, []time.Time{mar(1)}, app.Sale{Customer: "Müller"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.file, []byte(tc.data))
			p, sum, sales, err := sniffScan(t, path, tc.code)
			if err != nil {
				t.Fatal(err)
			}
			f := p.Format
			if f.Kind != CSV || f.Delimiter != tc.want.delim || f.Encoding != tc.want.enc || f.Decimal != tc.want.dec || f.DateOrder != tc.want.order {
				t.Errorf("format = %+v, want delimiter %q, encoding %s, decimal %q, order %q", f, tc.want.delim, tc.want.enc, tc.want.dec, tc.want.order)
			}
			if p.DateOrderAmbiguous {
				t.Error("dates reported ambiguous")
			}
			if sum.Rejected != 0 {
				t.Fatalf("rejects: %v", sum.Rejects)
			}
			checkSummary(t, sum, sales)
			if len(sales) != len(tc.want.amounts) {
				t.Fatalf("%d sales, want %d", len(sales), len(tc.want.amounts))
			}
			for i, s := range sales {
				if s.Amount != tc.want.amounts[i] || !s.Date.Equal(tc.want.dates[i]) {
					t.Errorf("sale %d = %v %d, want %v %d", i, s.Date, s.Amount, tc.want.dates[i], tc.want.amounts[i])
				}
			}
			got, w := sales[0], tc.want.first
			if got.Product != w.Product || got.Group != w.Group || got.Customer != w.Customer || got.Region != w.Region ||
				got.Salesperson != w.Salesperson || got.Quantity != w.Quantity {
				t.Errorf("first sale = %+v, want %+v", got, w)
			}
		})
	}
}

// utf16LE encodes s as UTF-16LE with a byte order mark.
func utf16LE(s string) []byte {
	out := []byte{0xff, 0xfe}
	for _, r := range s {
		if r > 0xffff {
			panic("no surrogates in tests")
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func TestScanLineNumbers(t *testing.T) {
	data := "Date,Amount,Product\n" +
		"2026-03-01,1,\"two\nlines\"\n" + // lines 2-3
		"\n" + // line 4: empty, skipped
		"31/02/2026,1,x\n" + // line 5: bad date
		",,\n" + // line 6: blank row
		"2026-03-02,abc,y\n" + // line 7: bad amount
		"2026-03-03\n" + // line 8: ragged
		"2026-03-04,,z\n" + // line 9: missing amount
		",5,z\n" + // line 10: missing date
		"2026-03-05,5,ok,extra,cells\n" // line 11: fine
	path := writeFile(t, "lines.csv", []byte(data))
	var sales []app.Sale
	sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "EUR"),
		Format:  Format{Kind: CSV, Delimiter: ',', Encoding: UTF8, DateOrder: DMY, Decimal: '.'},
		Mapping: Mapping{Date: 0, Amount: 1, Product: 2}}, func(s app.Sale) error { sales = append(sales, s); return nil })
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, sum, sales)
	if sum.Rows != 7 || sum.Accepted != 2 || sum.Rejected != 5 || sum.Blank != 1 {
		t.Errorf("rows %d accepted %d rejected %d blank %d, want 7 2 5 1", sum.Rows, sum.Accepted, sum.Rejected, sum.Blank)
	}
	if sales[0].Line != 2 || sales[0].Product != "two\nlines" || sales[1].Line != 11 {
		t.Errorf("sales = %+v", sales)
	}
	want := []Reject{
		{Line: 5, Column: "Date", Field: Date, Value: "31/02/2026", Key: KeyBadDate, Reason: "31/02/2026 is not a real date (February 2026 has 28 days)."},
		{Line: 7, Column: "Amount", Field: Amount, Value: "abc", Key: KeyBadAmount},
		{Line: 8, Key: KeyRaggedRow},
		{Line: 9, Column: "Amount", Field: Amount, Key: KeyMissingAmount},
		{Line: 10, Column: "Date", Field: Date, Key: KeyMissingDate},
	}
	if len(sum.Rejects) != len(want) {
		t.Fatalf("rejects = %v", sum.Rejects)
	}
	for i, w := range want {
		g := sum.Rejects[i]
		if g.Line != w.Line || g.Column != w.Column || g.Field != w.Field || g.Key != w.Key || w.Value != "" && g.Value != w.Value ||
			w.Reason != "" && g.Reason != w.Reason || g.Reason == "" {
			t.Errorf("reject %d = %+v, want %+v", i, g, w)
		}
		if !strings.HasPrefix(g.String(), "Line ") {
			t.Errorf("reject %d String() = %q", i, g.String())
		}
	}
	if !strings.Contains(sum.Rejects[2].Reason, `"Amount"`) {
		t.Errorf("ragged reason %q does not name the missing column", sum.Rejects[2].Reason)
	}
	if sum.ByReason[KeyBadDate] != 1 || sum.ByReason[KeyRaggedRow] != 1 {
		t.Errorf("ByReason = %v", sum.ByReason)
	}
}

func TestScanBadAmounts(t *testing.T) {
	data := "Date,Amount\n2026-03-01,1e309\n2026-03-01,NaN\n2026-03-01,--5\n2026-03-01," + strings.Repeat("9", 200) +
		"\n2026-03-01,Inf\n2026-03-01,1.2.3\n2026-03-01,12.345\n2026-03-01,7\n"
	path := writeFile(t, "bad.csv", []byte(data))
	var sales []app.Sale
	sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "EUR"), Format: Format{Decimal: '.'}}, func(s app.Sale) error {
		sales = append(sales, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, sum, sales)
	// 12.345 is rounded to 12.35, not rejected.
	if sum.Accepted != 2 || sum.Rejected != 6 || sum.ByReason[KeyBadAmount] != 6 || sum.Total != 1935 ||
		sum.Rounded != 1 || sum.RoundedMaxChange != 0.005 {
		t.Errorf("summary = %+v", sum)
	}
	for _, r := range sum.Rejects {
		if r.Column != "Amount" || r.Line < 2 || !strings.HasSuffix(r.Reason, ".") {
			t.Errorf("reject = %+v", r)
		}
	}
}

func TestScanTextRules(t *testing.T) {
	long := strings.Repeat("é", 501)
	ok := strings.Repeat("é", 500)
	data := "Date,Amount,Product,Customer\n" +
		"2026-03-01,1,  padded  ,\n" +
		"2026-03-01,1,\"" + long + "\",x\n" +
		"2026-03-01,1," + ok + ",مرحبا\n" +
		"2026-03-01,1,  padded  ,\n" // identical rows are kept
	path := writeFile(t, "text.csv", []byte(data))
	var sales []app.Sale
	sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "EUR")}, func(s app.Sale) error {
		sales = append(sales, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, sum, sales)
	if sum.Accepted != 3 || sum.ByReason[KeyTextTooLong] != 1 {
		t.Fatalf("summary = %+v", sum)
	}
	if sales[0].Product != "padded" || sales[0].Customer != "" || sales[1].Product != ok || sales[1].Customer != "مرحبا" {
		t.Errorf("sales = %+v", sales)
	}
	if r := sum.Rejects[0]; r.Line != 3 || r.Column != "Product" || !strings.Contains(r.Reason, "501") {
		t.Errorf("reject = %+v", r)
	}
}

func TestScanInvalidUTF8Text(t *testing.T) {
	// Mostly UTF-8, with a Windows-1252 byte far beyond the sniffed start.
	var b bytes.Buffer
	b.WriteString("Date,Amount,Customer\n")
	for b.Len() < 2*headBytes {
		b.WriteString("2026-03-01,1,Ann\n")
	}
	b.WriteString("2026-03-01,1,M\xfcller\n")
	path := writeFile(t, "mixed.csv", b.Bytes())
	_, sum, sales, err := sniffScan(t, path, "EUR")
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, sum, sales)
	if sum.Rejected != 1 || sum.ByReason[KeyBadText] != 1 || sum.Rejects[0].Column != "Customer" {
		t.Errorf("rejects = %v %v", sum.ByReason, sum.Rejects)
	}
}

func TestAmbiguousDates(t *testing.T) {
	path := writeFile(t, "amb.csv", []byte("Date,Amount\n01/02/2026,1\n03/04/2026,2\n12/11/2026,3\n"))
	p, err := Sniff(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if !p.DateOrderAmbiguous || p.Format.DateOrder != "" || p.DetectedDateOrder == "" {
		t.Errorf("preview: ambiguous %v, order %q, detected %q", p.DateOrderAmbiguous, p.Format.DateOrder, p.DetectedDateOrder)
	}
	opt := Options{Currency: currency(t, "EUR"), Format: p.Format, Mapping: p.Mapping}
	if _, err := Scan(context.Background(), path, opt, nil); err == nil || !strings.Contains(err.Error(), "date order") {
		t.Errorf("Scan with an ambiguous order: %v", err)
	}
	for _, tc := range []struct {
		order DateOrder
		first time.Time
	}{{DMY, day(2026, 2, 1)}, {MDY, day(2026, 1, 2)}} {
		opt.Format.DateOrder = tc.order
		var first time.Time
		sum, err := Scan(context.Background(), path, opt, func(s app.Sale) error {
			if first.IsZero() {
				first = s.Date
			}
			return nil
		})
		if err != nil || sum.Accepted != 3 || !first.Equal(tc.first) {
			t.Errorf("order %s: %v, %+v, first %v", tc.order, err, sum, first)
		}
	}
	// Remap to a column that decides the order.
	p2, _ := Sniff(writeFile(t, "two.csv", []byte("A,B,Amount\n01/02/2026,25/02/2026,1\n")), "")
	p2.Remap(Mapping{Date: 1, Amount: 2})
	if p2.DateOrderAmbiguous || p2.Format.DateOrder != DMY {
		t.Errorf("after Remap: ambiguous %v, order %q", p2.DateOrderAmbiguous, p2.Format.DateOrder)
	}
}

func TestFileErrors(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"empty", "empty.csv", nil, "is empty"},
		{"blank", "blank.csv", []byte("\n\n  \n"), "is empty"},
		{"bom only", "bom.csv", []byte("\xef\xbb\xbf"), "is empty"},
		{"header only", "header.csv", []byte("Date,Amount,Customer\n"), "has a header but no rows"},
		{"header and blank rows", "header2.csv", []byte("Date,Amount\n,\n\n"), "has a header but no rows"},
		{"binary", "photo.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "binary data"},
		{"controls", "ctl.csv", bytes.Repeat([]byte("\x01\x02\x03a"), 100), "binary data"},
		{"old excel", "old.csv", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), "old Excel workbook"},
		{"pdf", "doc.csv", []byte("%PDF-1.4\n..."), "PDF"},
		{"fake xlsx", "fake.xlsx", []byte("Date,Amount\n2026-03-01,1\n"), "not a valid Excel workbook"},
		{"broken zip", "broken.csv", []byte("PK\x03\x04garbage"), "could not be read as an Excel workbook"},
		{"one column", "one.csv", []byte("Amount\n1\n2\n"), "only one column"},
		{"unterminated quote", "quote.csv", []byte("Date,Amount,Product\n2026-03-01,1,a\n2026-03-02,2,\"open\n2026-03-03,3,c\n"), "line 3 is never closed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.file, tc.data)
			_, err := Sniff(path, "")
			if err == nil || !strings.Contains(app.ErrorMessage(err), tc.want) {
				t.Errorf("Sniff: %v, want %q", err, tc.want)
			}
			_, err = Scan(context.Background(), path, Options{Currency: currency(t, "EUR")}, nil)
			if err == nil || !strings.Contains(app.ErrorMessage(err), tc.want) {
				t.Errorf("Scan: %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := Sniff(filepath.Join(t.TempDir(), "missing.csv"), ""); err == nil || !strings.Contains(app.ErrorMessage(err), "There is no file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestUnterminatedQuoteAfterHead(t *testing.T) {
	// The quote problem lies beyond what Sniff reads: Scan must fail.
	var b bytes.Buffer
	b.WriteString("Date,Amount,Product\n")
	lines := 1
	for b.Len() < 2*headBytes {
		b.WriteString("2026-03-01,1,ok\n")
		lines++
	}
	b.WriteString("2026-03-01,1,\"never closed\n2026-03-01,1,ok\n")
	path := writeFile(t, "late.csv", b.Bytes())
	p, err := Sniff(path, "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Scan(context.Background(), path, Options{Currency: currency(t, "EUR"), Format: p.Format, Mapping: p.Mapping}, nil)
	if err == nil || !strings.Contains(err.Error(), "line "+strconv.Itoa(lines+1)+" is never closed") {
		t.Errorf("Scan: %v (want line %d)", err, lines+1)
	}
}

func TestStrayQuotes(t *testing.T) {
	data := "Date,Amount,Product\n2026-03-01,1,24\" screen\n2026-03-02,2,\"ok\"x\n2026-03-03,3,fine\n"
	path := writeFile(t, "stray.csv", []byte(data))
	var sales []app.Sale
	sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "EUR")}, func(s app.Sale) error {
		sales = append(sales, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, sum, sales)
	if sum.Accepted != 1 || sum.ByReason[KeyBadQuotes] != 2 || sales[0].Line != 4 {
		t.Errorf("summary = %+v", sum)
	}
	if sum.Rejects[0].Line != 2 || sum.Rejects[1].Line != 3 {
		t.Errorf("rejects = %v", sum.Rejects)
	}
}

func TestPreviewWith(t *testing.T) {
	path := writeFile(t, "choices.csv", []byte("Report;x\nDate;Amount\n2026-03-01;1,5\n2026-03-02;2\n"))
	p, err := PreviewWith(path, Format{Kind: CSV, Delimiter: ';', HeaderRow: 0})
	if err != nil {
		t.Fatal(err)
	}
	if p.Headers[0] != "Report" || len(p.Rows) != 3 || p.Format.Encoding != UTF8 {
		t.Errorf("preview = %+v", p)
	}
	p, err = PreviewWith(path, Format{Kind: CSV, HeaderRow: 1})
	if err != nil || p.Headers[1] != "Amount" || len(p.Rows) != 2 || p.Format.Delimiter != ';' || p.Format.Decimal != ',' ||
		p.Mapping[Amount] != 1 {
		t.Errorf("preview = %+v, %v", p, err)
	}
}

func TestNoHeaderRow(t *testing.T) {
	path := writeFile(t, "nohead.csv", []byte("2026-03-01,10.00,Ann\n2026-03-02,20.00,Bob\n"))
	p, err := Sniff(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Format.HeaderRow != -1 || len(p.Rows) != 2 || p.Headers[0] != "Column A" || p.Headers[2] != "Column C" {
		t.Fatalf("preview = %+v", p)
	}
	sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "EUR"), Format: p.Format,
		Mapping: Mapping{Date: 0, Amount: 1, Customer: 2}}, nil)
	if err != nil || sum.Accepted != 2 || sum.Total != 3000 {
		t.Errorf("Scan: %v %+v", err, sum)
	}
}

func TestScanOptions(t *testing.T) {
	var b strings.Builder
	b.WriteString("Date,Amount\n")
	for i := 0; i < 70000; i++ {
		if i%2 == 0 {
			b.WriteString("2026-03-01,bad\n")
		} else {
			b.WriteString("2026-03-01,1\n")
		}
	}
	path := writeFile(t, "many.csv", []byte(b.String()))
	eur := currency(t, "EUR")

	// MaxRejectsListed, Progress, SHA256.
	var calls int
	var lastRows, lastBytes, lastTotal int64
	sum, err := Scan(context.Background(), path, Options{Currency: eur, MaxRejectsListed: 10, Progress: func(r, bd, bt int64) {
		calls++
		lastRows, lastBytes, lastTotal = r, bd, bt
	}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Rejects) != 10 || sum.Rejected != 35000 || sum.Accepted != 35000 {
		t.Errorf("summary: %d listed, %d rejected, %d accepted", len(sum.Rejects), sum.Rejected, sum.Accepted)
	}
	if calls < 2 || lastRows < 70000 || lastBytes != int64(b.Len()) || lastTotal != int64(b.Len()) {
		t.Errorf("progress: %d calls, last %d rows %d/%d bytes", calls, lastRows, lastBytes, lastTotal)
	}
	h := sha256.Sum256([]byte(b.String()))
	if sum.SHA256 != hex.EncodeToString(h[:]) {
		t.Errorf("SHA256 = %s", sum.SHA256)
	}
	sum, _ = Scan(context.Background(), path, Options{Currency: eur, MaxRejectsListed: -1}, nil)
	if len(sum.Rejects) != 0 || sum.Rejected != 35000 {
		t.Errorf("MaxRejectsListed -1: %d listed", len(sum.Rejects))
	}
	sum, _ = Scan(context.Background(), path, Options{Currency: eur}, nil)
	if len(sum.Rejects) != 1000 {
		t.Errorf("default MaxRejectsListed: %d listed", len(sum.Rejects))
	}

	// Cancelling stops the scan with ctx.Err().
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err = Scan(ctx, path, Options{Currency: eur}, func(app.Sale) error {
		n++
		if n == 100 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n > 10000 {
		t.Errorf("cancelled scan: %v after %d rows", err, n)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := Scan(ctx, path, Options{Currency: eur}, nil); err != context.Canceled {
		t.Errorf("scan with a cancelled context: %v", err)
	}

	// An error from emit stops the scan and comes back as is.
	stop := errors.New("disk full")
	if _, err := Scan(context.Background(), path, Options{Currency: eur}, func(app.Sale) error { return stop }); err != stop {
		t.Errorf("emit error: %v", err)
	}

	// No currency, no date column.
	if _, err := Scan(context.Background(), path, Options{}, nil); err == nil {
		t.Error("Scan without a currency succeeded")
	}
	if _, err := Scan(context.Background(), path, Options{Currency: eur, Mapping: Mapping{Amount: 1}}, nil); err == nil ||
		!strings.Contains(err.Error(), "date") {
		t.Errorf("Scan without a date column: %v", err)
	}
}

func TestWriteRejectsCSV(t *testing.T) {
	rejects := []Reject{
		{Line: 5, Column: "Date", Value: "31/02/2026", Reason: "31/02/2026 is not a real date."},
		{Line: 7, Column: "Amount", Value: "=cmd()", Reason: "A, \"quoted\" reason."},
		{Line: 8, Column: "Amount", Value: "-12.50", Reason: "x"},
	}
	var b bytes.Buffer
	if err := WriteRejectsCSV(&b, rejects); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"line", "column", "value", "reason"}, {"5", "Date", "31/02/2026", "31/02/2026 is not a real date."},
		{"7", "Amount", "'=cmd()", "A, \"quoted\" reason."}, {"8", "Amount", "-12.50", "x"}}
	if len(recs) != len(want) {
		t.Fatalf("records = %q", recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d = %q, want %q", i, recs[i], want[i])
		}
	}
}

func TestGuessMapping(t *testing.T) {
	tests := []struct {
		headers []string
		want    Mapping
	}{
		{[]string{"Order Date", "Sales", "Qty", "Product", "Category", "Region", "Customer", "Rep", "Channel"},
			Mapping{Date: 0, Amount: 1, Quantity: 2, Product: 3, Group: 4, Region: 5, Customer: 6, Salesperson: 7, Channel: 8}},
		{[]string{"date", "revenue", "quantity", "item", "product group", "territory", "client", "salesperson", "sales channel"},
			Mapping{Date: 0, Amount: 1, Quantity: 2, Product: 3, Group: 4, Region: 5, Customer: 6, Salesperson: 7, Channel: 8}},
		{[]string{"INVOICE_DATE", "AMOUNT", "UNITS", "SKU", "GROUP", "AREA", "ACCOUNT", "SALES REP", "SOURCE"},
			Mapping{Date: 0, Amount: 1, Quantity: 2, Product: 3, Group: 4, Region: 5, Customer: 6, Salesperson: 7, Channel: 8}},
		{[]string{"Net amount", "Product name", "Segment", "Market", "Customer name", "Seller", "invoice-date"},
			Mapping{Amount: 0, Product: 1, Group: 2, Region: 3, Customer: 4, Salesperson: 5, Date: 6}},
		{[]string{"Total", "Country", "Owner", "Date"}, Mapping{Amount: 0, Region: 1, Salesperson: 2, Date: 3}},
		{[]string{"Value", "Date"}, Mapping{Amount: 0, Date: 1}},
		// More specific names win; each column is used once.
		{[]string{"Sales Rep", "Sales", "Sales Channel"}, Mapping{Salesperson: 0, Amount: 1, Channel: 2}},
		{[]string{"Product", "Product group"}, Mapping{Product: 0, Group: 1}},
		{[]string{"Account Manager", "Account"}, Mapping{Salesperson: 0, Customer: 1}},
		{[]string{"Customer ID", "Customer Name"}, Mapping{Customer: 1}},
		{[]string{"Tax amount", "Net amount", "Order Total"}, Mapping{Amount: 1}},
		{[]string{"Total Qty", "Order Total", "Ship Date", "Order Date"}, Mapping{Quantity: 0, Amount: 1, Date: 3}},
		{[]string{"  Order   date ", "Umsatz", "Kunde"}, Mapping{Date: 0, Amount: 1, Customer: 2}},
		{[]string{"OrderDate", "NetSales"}, Mapping{Date: 0, Amount: 1}},
		{[]string{"foo", "bar", ""}, Mapping{}},
	}
	for _, tc := range tests {
		got := GuessMapping(tc.headers)
		if len(got) != len(tc.want) {
			t.Errorf("GuessMapping(%q) = %v, want %v", tc.headers, got, tc.want)
			continue
		}
		for f, c := range tc.want {
			if got[f] != c {
				t.Errorf("GuessMapping(%q) = %v, want %v", tc.headers, got, tc.want)
				break
			}
		}
	}
}

func TestFields(t *testing.T) {
	want := []Field{Date, Amount, Quantity, Product, Group, Region, Customer, Salesperson, Channel}
	got := Fields()
	if len(got) != len(want) {
		t.Fatal(got)
	}
	for i := range want {
		if got[i] != want[i] || got[i].Required() != (i < 2) || got[i].Label() == "" {
			t.Errorf("Fields()[%d] = %q", i, got[i])
		}
	}
}

// TestScanRoundsExtraDecimals reads a shop-style export where prices after
// a percentage discount and Excel floats carry more decimals than the
// currency: every row is imported, rounded half away from zero, and the
// summary says how many and by how much at most.
func TestScanRoundsExtraDecimals(t *testing.T) {
	data := "Order,Date,Amount\n" +
		"1,2026-03-01,212.058\n" + // 212.06, change 0.002
		"2,2026-03-01,957.5775\n" + // 957.58, change 0.0025
		"3,2026-03-02,19.989999999\n" + // 19.99
		"4,2026-03-02,10.00\n" +
		"5,2026-03-03,-4.125\n" + // -4.13, change 0.005
		"6,2026-03-03,7\n"
	path := writeFile(t, "shop.csv", []byte(data))
	var sales []app.Sale
	sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "EUR")}, func(s app.Sale) error {
		sales = append(sales, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, sum, sales)
	want := []int64{21206, 95758, 1999, 1000, -413, 700}
	if len(sales) != len(want) {
		t.Fatalf("got %d sales, want %d (rejects %v)", len(sales), len(want), sum.Rejects)
	}
	for i, w := range want {
		if sales[i].Amount != w {
			t.Errorf("row %d amount = %d, want %d", i+1, sales[i].Amount, w)
		}
	}
	if sum.Rejected != 0 || sum.Rounded != 4 || sum.RoundedMaxChange != 0.005 {
		t.Errorf("rejected %d, rounded %d, max change %v; want 0, 4, 0.005", sum.Rejected, sum.Rounded, sum.RoundedMaxChange)
	}
	// A rejected row's rounding does not count.
	path = writeFile(t, "shop2.csv", []byte("Date,Amount\n2026-03-01,1.001\nnot a date,2.004\n"))
	sum, err = Scan(context.Background(), path, Options{Currency: currency(t, "EUR"), Format: Format{Decimal: '.'}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rounded != 1 || sum.RoundedMaxChange != 0.001 {
		t.Errorf("rounded %d, max change %v; want 1, 0.001", sum.Rounded, sum.RoundedMaxChange)
	}
}
