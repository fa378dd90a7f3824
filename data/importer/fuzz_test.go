package importer

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"salesplan/app"
)

// The seed corpora are checked in under testdata/fuzz/<FuzzName>/.

func FuzzParseAmount(f *testing.F) {
	eur, _ := app.LookupCurrency("EUR")
	kwd, _ := app.LookupCurrency("KWD")
	jpy, _ := app.LookupCurrency("JPY")
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []app.Currency{eur, kwd, jpy} {
			for _, dec := range []rune{0, '.', ','} {
				v, err := ParseAmount(s, c, dec)
				if err != nil {
					msg := app.ErrorMessage(err)
					if msg == "" || !strings.HasSuffix(msg, ".") || app.ErrorCode(err) != app.ErrInvalid {
						t.Fatalf("ParseAmount(%q, %s, %q): bad error %q", s, c.Code, dec, msg)
					}
					continue
				}
				if v == math.MinInt64 {
					t.Fatalf("ParseAmount(%q) = MinInt64", s)
				}
				if _, change, _ := ParseAmountRounding(s, c, dec); change < 0 || change > ChangeScale/2 {
					t.Fatalf("ParseAmountRounding(%q, %s, %q): change %d out of range", s, c.Code, dec, change)
				}
				// The value written plainly reads back the same.
				plain := plainAmount(v, c.Digits)
				if back, err := ParseAmount(plain, c, '.'); err != nil || back != v {
					t.Fatalf("ParseAmount(%q, %s, %q) = %d; %q reads back as %d, %v", s, c.Code, dec, v, plain, back, err)
				}
			}
		}
		if q, err := parseQuantity(s, 0); err == nil && (math.IsNaN(q) || math.IsInf(q, 0)) {
			t.Fatalf("parseQuantity(%q) = %v", s, q)
		}
	})
}

// plainAmount writes minor units as a plain decimal, e.g. -1234.56.
func plainAmount(v int64, digits int) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = uint64(-v)
	}
	s := fmt.Sprintf("%0*d", digits+1, u)
	if digits > 0 {
		s = s[:len(s)-digits] + "." + s[len(s)-digits:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func FuzzParseDate(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range []DateOrder{"", DMY, MDY, YMD} {
			d, err := ParseDate(s, o)
			if err != nil {
				msg := app.ErrorMessage(err)
				if msg == "" || !strings.HasSuffix(msg, ".") {
					t.Fatalf("ParseDate(%q, %q): bad error %q", s, o, msg)
				}
				continue
			}
			if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 ||
				d.Year() < minYear || d.Year() > maxYear {
				t.Fatalf("ParseDate(%q, %q) = %v", s, o, d)
			}
			iso := d.Format("2006-01-02")
			if back, err := ParseDate(iso, o); err != nil || !back.Equal(d) {
				t.Fatalf("ParseDate(%q) = %v, but %s reads back as %v, %v", s, d, iso, back, err)
			}
		}
		DetectDateOrder([]string{s, s})
		DetectDecimal([]string{s})
		GuessMapping(strings.Split(s, ","))
	})
}

func FuzzScanCSV(f *testing.F) {
	eur, _ := app.LookupCurrency("EUR")
	dir := f.TempDir()
	n := 0
	f.Fuzz(func(t *testing.T, data string) {
		n++
		path := filepath.Join(dir, fmt.Sprintf("f%d.csv", n))
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(path)
		p, err := Sniff(path, "")
		if err != nil {
			checkErr(t, err)
			return
		}
		if len(p.Rows) > previewRows || len(p.Rows) == 0 {
			t.Fatalf("%d preview rows", len(p.Rows))
		}
		for _, r := range p.Rows {
			if len(r) != len(p.Headers) {
				t.Fatalf("preview row %q, headers %q", r, p.Headers)
			}
		}
		m := p.Mapping
		if _, ok := m[Date]; !ok {
			m = Mapping{Date: 0, Amount: min(1, len(p.Headers)-1)}
		} else if _, ok := m[Amount]; !ok {
			m[Amount] = len(p.Headers) - 1
		}
		fm := p.Format
		if fm.DateOrder == "" {
			fm.DateOrder = DMY
		}
		var emitted int64
		var total int64
		sum, err := Scan(context.Background(), path, Options{Currency: eur, Format: fm, Mapping: m}, func(s app.Sale) error {
			emitted++
			total += s.Amount
			if s.Line < 1 || s.Date.IsZero() {
				t.Fatalf("sale %+v", s)
			}
			for _, v := range []string{s.Product, s.Group, s.Region, s.Customer, s.Salesperson, s.Channel} {
				if utf8.RuneCountInString(v) > MaxTextRunes || !utf8.ValidString(v) || v != strings.TrimSpace(v) {
					t.Fatalf("text %q", v)
				}
			}
			return nil
		})
		if err != nil {
			checkErr(t, err)
			return
		}
		if sum.Accepted+sum.Rejected != sum.Rows || emitted != sum.Accepted || total != sum.Total {
			t.Fatalf("summary %+v, emitted %d", sum, emitted)
		}
		if fm.Kind == CSV {
			if records := countRecords(t, path, fm); sum.Rows+sum.Blank != records {
				t.Fatalf("rows %d + blank %d != %d data records (format %+v)", sum.Rows, sum.Blank, records, fm)
			}
		}
		for _, r := range sum.Rejects {
			if r.Line < 1 || r.Reason == "" || r.Key == "" {
				t.Fatalf("reject %+v", r)
			}
		}
	})
}

// checkErr fails unless err is a sentence for a person.
func checkErr(t *testing.T, err error) {
	t.Helper()
	msg := app.ErrorMessage(err)
	if app.ErrorCode(err) != app.ErrInvalid || !strings.HasSuffix(msg, ".") {
		t.Fatalf("error %q (%v) is not a sentence", msg, err)
	}
}

// countRecords counts the csv records after the header of the file at
// path, read independently of Scan's loop.
func countRecords(t *testing.T, path string, f Format) int64 {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	data, _ := io.ReadAll(file)
	var text string
	if dec, _ := decoder(f.Encoding); dec != nil {
		b, _ := dec.Bytes(data)
		text = strings.TrimPrefix(string(b), "\ufeff")
	} else {
		text = strings.TrimPrefix(string(data), "\ufeff")
	}
	if !strings.Contains(text[:min(len(text), 64<<10)], "\n") {
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	src := csvSource{r: newCSVReader(strings.NewReader(text), f.Delimiter)}
	var n int64
	idx := -1
	for {
		_, _, _, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("countRecords: %v", err)
		}
		idx++
		if idx > f.HeaderRow {
			n++
		}
	}
	return n
}
