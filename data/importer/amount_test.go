package importer

import (
	"strings"
	"testing"

	"salesplan/app"
)

func currency(t testing.TB, code string) app.Currency {
	t.Helper()
	c, err := app.LookupCurrency(code)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseAmount(t *testing.T) {
	eur, usd, jpy, kwd, chf, inr := currency(t, "EUR"), currency(t, "USD"), currency(t, "JPY"), currency(t, "KWD"), currency(t, "CHF"), currency(t, "INR")
	tests := []struct {
		in   string
		c    app.Currency
		dec  rune
		want int64
	}{
		{"1234.50", eur, '.', 123450},
		{"1,234.50", eur, '.', 123450},
		{"1.234,50", eur, ',', 123450},
		{"1.234,50 €", eur, ',', 123450},
		{"€ 1.234,50", eur, ',', 123450},
		{"1 234,50 €", eur, ',', 123450},
		{"1\u00a0234,50\u00a0€", eur, ',', 123450},
		{"1\u202f234,50", eur, ',', 123450},
		{"EUR 12", eur, 0, 1200},
		{"12 eur", eur, 0, 1200},
		{"$1,234.50", usd, '.', 123450},
		{"US$ 1,234.50", usd, 0, 123450},
		{"1,234.50 USD", usd, 0, 123450},
		{"(12.00)", usd, '.', -1200},
		{"($12.00)", usd, 0, -1200},
		{"$(12.00)", usd, 0, -1200},
		{"-12.00", usd, '.', -1200},
		{"−12.00", usd, '.', -1200},
		{"12.00-", usd, '.', -1200},
		{"1.234,50-", eur, ',', -123450},
		{"+5", eur, 0, 500},
		{"5,-", eur, ',', 500},
		{"CHF 1'234.50", chf, '.', 123450},
		{"1’234.50", chf, '.', 123450},
		{"Fr. 5.00", chf, 0, 500},
		{"0", eur, 0, 0},
		{"-0", eur, 0, 0},
		{".5", eur, 0, 50},
		{"5.", eur, '.', 500},
		{"12.500", eur, '.', 1250}, // extra zeros lose nothing
		{"1.234", eur, 0, 123400},  // one separator, three digits: thousands
		{"1,234", eur, 0, 123400},  // same
		{"1,5", eur, 0, 150},       // decimal comma inferred
		{"12.50", eur, 0, 1250},    // decimal point inferred
		{"1.234.567", eur, 0, 123456700},
		{"1,234,567.89", usd, 0, 123456789},
		{"1.234.567,89", eur, 0, 123456789},
		{"0.125", kwd, 0, 125},
		{"1234.567", kwd, '.', 1234567},
		{"1,23,456.50", inr, '.', 12345650}, // Indian grouping
		{"1234", jpy, 0, 1234},
		{"¥1,234", jpy, 0, 1234},
		{"1234円", jpy, 0, 1234},
		{"9999999999999999.99", eur, '.', 999999999999999999},
		{"-9999999999999999.99", eur, '.', -999999999999999999},

		{"000000000000000000000000012.50", eur, '.', 1250},
	}
	for _, tc := range tests {
		got, err := ParseAmount(tc.in, tc.c, tc.dec)
		if err != nil {
			t.Errorf("ParseAmount(%q, %s, %q): %v", tc.in, tc.c.Code, tc.dec, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseAmount(%q, %s, %q) = %d, want %d", tc.in, tc.c.Code, tc.dec, got, tc.want)
		}
	}
}

func TestParseAmountErrors(t *testing.T) {
	eur, kwd, usd, jpy := currency(t, "EUR"), currency(t, "KWD"), currency(t, "USD"), currency(t, "JPY")
	tests := []struct {
		in   string
		c    app.Currency
		dec  rune
		want string // part of the message
	}{
		{"", eur, 0, "empty"},
		{"   ", eur, 0, "empty"},
		{"1e309", eur, 0, "scientific notation"},
		{"1E5", eur, '.', "scientific notation"},
		{"NaN", eur, 0, "not a number"},
		{"Inf", eur, 0, "not a number"},
		{"-Inf", eur, 0, "not a number"},
		{"--5", eur, 0, "more than one minus"},
		{"-5-", eur, 0, "more than one minus"},
		{"(-5)", eur, 0, "more than one minus"},
		{"+-5", eur, 0, "more than one sign"},
		{"1.2.3", eur, 0, "not an amount Salesplan understands"},
		{"1.2.3", eur, '.', "more than one decimal point"},
		{"1,2,3", eur, ',', "more than one decimal comma"},
		{"1,5", eur, '.', "not an amount Salesplan understands"},
		{"1.234,50", eur, '.', "write it like 1234.56"},
		{"12345678901234567.815", eur, '.', "too many digits"},
		{"10000000000000000,0070", eur, 0, "too many digits"},
		{"1234567890123456789.5", jpy, '.', "too many digits"},
		{"1,234", kwd, 0, "could be read two ways"},
		{strings.Repeat("9", 200), eur, 0, "too many digits"},
		{"1234567890123456789", eur, 0, "too many digits"},
		{"9999999999999999999", usd, '.', "too many digits"},
		{"999999999999999999", kwd, '.', "too large"},
		{"999999999999999999", eur, '.', "too large"},
		{"abc", eur, 0, "contains letters"},
		{"12 apples", eur, 0, "contains letters"},
		{"$12", eur, 0, "another currency ($)"},
		{"12 USD", eur, 0, "another currency (USD)"},
		{"£5", usd, 0, "another currency (£)"},
		{"12#", eur, 0, `contains "#"`},
		{"€", eur, 0, "no digits"},
		{"-", eur, 0, "no digits"},
		{"()", eur, 0, "no digits"},
		{"1 2", eur, 0, "not an amount"},
		{"12 345 6", eur, 0, "not an amount"},
	}
	for _, tc := range tests {
		got, err := ParseAmount(tc.in, tc.c, tc.dec)
		if err == nil {
			t.Errorf("ParseAmount(%q, %s, %q) = %d, want an error", tc.in, tc.c.Code, tc.dec, got)
			continue
		}
		msg := app.ErrorMessage(err)
		if !strings.Contains(msg, tc.want) {
			t.Errorf("ParseAmount(%q): message %q does not contain %q", tc.in, msg, tc.want)
		}
		if app.ErrorCode(err) != app.ErrInvalid {
			t.Errorf("ParseAmount(%q): code %q, want %q", tc.in, app.ErrorCode(err), app.ErrInvalid)
		}
		if tc.in != "" && strings.TrimSpace(tc.in) != "" && len(tc.in) < 40 && !strings.Contains(msg, strings.TrimSpace(tc.in)) {
			t.Errorf("ParseAmount(%q): message %q does not name the value", tc.in, msg)
		}
		if !strings.HasSuffix(msg, ".") {
			t.Errorf("ParseAmount(%q): message %q is not a sentence", tc.in, msg)
		}
	}
}

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in   string
		dec  rune
		want float64
	}{
		{"", 0, 0},
		{"3", 0, 3},
		{"1.5", 0, 1.5},
		{"1,5", ',', 1.5},
		{"-2", 0, -2},
		{"1,234", 0, 1234},
		{"0.333", '.', 0.333},
		{"12345678901234567890.5", '.', 12345678901234567890.5},
	}
	for _, tc := range tests {
		got, err := parseQuantity(tc.in, tc.dec)
		if err != nil || got != tc.want {
			t.Errorf("parseQuantity(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"abc", "1e309", "--1", "1.2.3x"} {
		if _, err := parseQuantity(in, 0); err == nil {
			t.Errorf("parseQuantity(%q): want an error", in)
		}
	}
}

func TestDetectDecimal(t *testing.T) {
	tests := []struct {
		in   []string
		want rune
	}{
		{[]string{"1.234,50", "12,00"}, ','},
		{[]string{"1,234.50", "12.00"}, '.'},
		{[]string{"$1,234.50", "(12.00)"}, '.'},
		{[]string{"1.234 €", "1.500 €"}, ','},
		{[]string{"1,234", "2,500"}, '.'},
		{[]string{"12", "13"}, 0},
		{[]string{"0.125"}, '.'},
		{[]string{"1.234.567"}, ','},
		{nil, 0},
	}
	for _, tc := range tests {
		if got := DetectDecimal(tc.in); got != tc.want {
			t.Errorf("DetectDecimal(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseAmountNoAllocs(t *testing.T) {
	eur := currency(t, "EUR")
	allocs := testing.AllocsPerRun(100, func() {
		ParseAmount("1.234,50 €", eur, ',')
		ParseAmount("-12.50", eur, 0)
	})
	if allocs != 0 {
		t.Errorf("ParseAmount allocates %v times per run, want 0", allocs)
	}
}

func BenchmarkParseAmount(b *testing.B) {
	eur := currency(b, "EUR")
	in := []string{"1.234,50 €", "12,00", "-3,99", "(1.000,00)", "999,95", "0,50", "12.345.678,90", "7"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ParseAmount(in[i%len(in)], eur, ','); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseAmountRounding(t *testing.T) {
	eur, kwd, jpy := currency(t, "EUR"), currency(t, "KWD"), currency(t, "JPY")
	tests := []struct {
		in     string
		c      app.Currency
		dec    rune
		want   int64
		change int64 // 1/ChangeScale minor units
	}{
		{"212.058", eur, '.', 21206, 2 * ChangeScale / 10},
		{"957.5775", eur, '.', 95758, 25 * ChangeScale / 100},
		{"19.989999999", eur, '.', 1999, ChangeScale / 10_000_000},
		{"0.005", eur, '.', 1, ChangeScale / 2},   // half: away from zero
		{"-0.005", eur, '.', -1, ChangeScale / 2}, // also for negatives
		{"-12.344", eur, '.', -1234, 4 * ChangeScale / 10},
		{"0.004", eur, '.', 0, 4 * ChangeScale / 10},
		{"1.234,567 €", eur, ',', 123457, 3 * ChangeScale / 10},
		{"(1,234.565)", eur, 0, -123457, ChangeScale / 2},
		{"12.3450000", eur, '.', 1235, ChangeScale / 2},
		{"12.3400000", eur, '.', 1234, 0}, // zeros only: nothing changed
		{"1.5", jpy, '.', 2, ChangeScale / 2},
		{"1.2345", kwd, '.', 1235, ChangeScale / 2},
		{"0.99999999999999999999999", eur, '.', 100, 1}, // too small to measure, still counted
		{"9999999999999999.995", eur, '.', 1_000_000_000_000_000_000, ChangeScale / 2},
	}
	for _, tc := range tests {
		got, change, err := ParseAmountRounding(tc.in, tc.c, tc.dec)
		if err != nil {
			t.Errorf("ParseAmountRounding(%q, %s): %v", tc.in, tc.c.Code, err)
			continue
		}
		if got != tc.want || change != tc.change {
			t.Errorf("ParseAmountRounding(%q, %s) = %d, change %d; want %d, change %d", tc.in, tc.c.Code, got, change, tc.want, tc.change)
		}
		if plain, err := ParseAmount(tc.in, tc.c, tc.dec); err != nil || plain != got {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d as ParseAmountRounding", tc.in, plain, err, got)
		}
	}
}
