package importer

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"salesplan/app"
)

// TestSniffWideHeader reads a header of 60 columns whose names carry
// numbers ("c10", "Q4 2025"): it is found as the header, not taken for
// data so that the first data row becomes the header.
func TestSniffWideHeader(t *testing.T) {
	for _, n := range []int{50, 60, 120} {
		var b strings.Builder
		head := []string{"Order", "Date", "Amount"}
		for i := 1; len(head) < n; i++ {
			head = append(head, fmt.Sprintf("c%d", i*7))
		}
		b.WriteString(strings.Join(head, ",") + "\n")
		for r := 0; r < 30; r++ {
			row := []string{fmt.Sprintf("SO%d", r), fmt.Sprintf("2025-01-%02d", r%28+1), fmt.Sprintf("%d.50", r+1)}
			for len(row) < n {
				row = append(row, fmt.Sprint(len(row)*r))
			}
			b.WriteString(strings.Join(row, ",") + "\n")
		}
		path := writeFile(t, "wide.csv", []byte(b.String()))
		p, err := Sniff(path, "")
		if err != nil {
			t.Fatalf("%d columns: %v", n, err)
		}
		if p.Format.HeaderRow != 0 || len(p.Headers) != n || p.Headers[1] != "Date" || p.Mapping[Date] != 1 || p.Mapping[Amount] != 2 {
			t.Fatalf("%d columns: header row %d, %d headers %.60q, mapping %v", n, p.Format.HeaderRow, len(p.Headers), p.Headers, p.Mapping)
		}
		sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "EUR")}, nil)
		if err != nil || sum.Accepted != 30 {
			t.Errorf("%d columns: scan %+v, %v", n, sum, err)
		}
	}
	// Amounts with a currency code still count as data, not as a header.
	if !looksNumeric("EUR 12,50") || !looksNumeric("12.50 usd") || looksNumeric("c10") || looksNumeric("Q4 2025") {
		t.Error("looksNumeric misjudges codes and names with numbers")
	}
}

// utf32Bytes encodes s as UTF-32, with a byte order mark if bom.
func utf32Bytes(s string, big, bom bool) []byte {
	var out []byte
	put := func(r rune) {
		var b [4]byte
		if big {
			binary.BigEndian.PutUint32(b[:], uint32(r))
		} else {
			binary.LittleEndian.PutUint32(b[:], uint32(r))
		}
		out = append(out, b[:]...)
	}
	if bom {
		put(0xFEFF)
	}
	for _, r := range s {
		put(r)
	}
	return out
}

// TestScanUTF32 reads UTF-32 files, with and without a byte order mark:
// the columns are named right and every row is imported.
func TestScanUTF32(t *testing.T) {
	text := "Datum;Kunde;Betrag\n05.01.2025;Müller;1.234,50 €\n16.02.2025;Søn;99,99\n"
	for _, tc := range []struct {
		name     string
		big, bom bool
		enc      string
	}{
		{"le-bom", false, true, UTF32LE},
		{"be-bom", true, true, UTF32BE},
		{"le", false, false, UTF32LE},
		{"be", true, false, UTF32BE},
	} {
		path := writeFile(t, tc.name+".csv", utf32Bytes(text, tc.big, tc.bom))
		p, err := Sniff(path, "")
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if p.Format.Encoding != tc.enc || strings.Join(p.Headers, "|") != "Datum|Kunde|Betrag" {
			t.Fatalf("%s: encoding %q, headers %q", tc.name, p.Format.Encoding, p.Headers)
		}
		var sales []app.Sale
		sum, err := Scan(context.Background(), path, Options{Currency: currency(t, "EUR")}, func(s app.Sale) error {
			sales = append(sales, s)
			return nil
		})
		if err != nil || sum.Accepted != 2 || sum.Total != 133449 || sales[0].Customer != "Müller" {
			t.Errorf("%s: scan %+v, %v", tc.name, sum, err)
		}
	}
	// UTF-16 without a byte order mark is recognised the same way.
	var le16 []byte
	for _, r := range text {
		le16 = binary.LittleEndian.AppendUint16(le16, uint16(r))
	}
	p, err := Sniff(writeFile(t, "le16.csv", le16), "")
	if err != nil || p.Format.Encoding != UTF16LE || p.Headers[0] != "Datum" {
		t.Errorf("utf-16le without BOM: %+v, %v", p.Format, err)
	}
}

// TestSniffHugeField reads a file whose first data row holds a value of
// several MB (quoted or not): the message names the line and says what is
// wrong, instead of "a header but no rows".
func TestSniffHugeField(t *testing.T) {
	big := strings.Repeat("x", 3<<20)
	for _, tc := range []struct{ name, data string }{
		{"quoted", "Title\n\nDate,Amount,Note\n2025-01-01,5,\"" + big + "\"\n2025-01-02,6,ok\n"},
		{"unclosed", "Date,Amount,Note\n2025-01-01,5,\"" + big + "\n2025-01-02,6,ok\n"},
		{"plain", "Date,Amount,Note\n2025-01-01,5," + big + "\n2025-01-02,6,ok\n"},
	} {
		path := writeFile(t, tc.name+".csv", []byte(tc.data))
		for what, err := range map[string]error{
			"sniff": func() error { _, err := Sniff(path, ""); return err }(),
			"scan": func() error {
				_, err := Scan(context.Background(), path, Options{Currency: currency(t, "EUR")}, nil)
				return err
			}(),
		} {
			msg := app.ErrorMessage(err)
			wantLine := "Line 2 "
			if tc.name == "quoted" {
				wantLine = "Line 4 "
			}
			if err == nil || strings.Contains(msg, "no rows") || !strings.HasPrefix(msg, wantLine) || !strings.Contains(msg, "longer than 1 MB") {
				t.Errorf("%s %s: %q", tc.name, what, msg)
			}
		}
	}
}
