package app

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

const (
	localeTestNBSP  = "\u00a0"
	localeTestNNBSP = "\u202f"
)

func TestLocaleFor(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en_US", "en_US"},
		{"en_US.UTF-8", "en_US"},
		{"en-GB", "en_GB"},
		{"EN_gb.utf8", "en_GB"},
		{"de_DE.UTF-8", "de_DE"},
		{"de_DE@euro", "de_DE"},
		{"de-ch", "de_CH"},
		{"de", "de_DE"},
		{"fr", "fr_FR"},
		{"fr_SN", "fr_FR"},
		{"fr-CA", "fr_CA"},
		{"ja_JP.eucJP", "ja_JP"},
		{"zh-Hans-CN", "zh_CN"},
		{"es-419", "es_MX"},
		{"es", "es_ES"},
		{"no_NO", "nb_NO"},
		{"pt", "pt_BR"},
		{"C", "en_US"},
		{"C.UTF-8", "en_US"},
		{"POSIX", "en_US"},
		{"", "en_US"},
		{"  ", "en_US"},
		{"xx_YY", "en_US"},
		{"en_ZA", "en_US"},
		{"-_-", "en_US"},
	}
	for _, tt := range tests {
		if got := LocaleFor(tt.tag); got.Tag != tt.want {
			t.Errorf("LocaleFor(%q).Tag = %q, want %q", tt.tag, got.Tag, tt.want)
		}
	}
	de := LocaleFor("de_DE")
	if de != (Locale{"de_DE", ",", ".", "02.01.2006", true, true, false}) {
		t.Errorf("de_DE = %+v", de)
	}
	fr := LocaleFor("fr_FR")
	if fr.Group != localeTestNNBSP || fr.Decimal != "," || !fr.SymbolAfter || !fr.PercentSpace {
		t.Errorf("fr_FR = %+v", fr)
	}
	if ch := LocaleFor("de_CH"); ch.Group != "'" || ch.Decimal != "." {
		t.Errorf("de_CH = %+v", ch)
	}
	if us := LocaleFor("en_US"); us.DateLayout != "01/02/2006" || us.SymbolAfter || us.PercentSpace {
		t.Errorf("en_US = %+v", us)
	}
	for _, l := range localeTable {
		if got := LocaleFor(l.Tag); got != l {
			t.Errorf("LocaleFor(%q) = %+v, want %+v", l.Tag, got, l)
		}
		if l.Decimal == l.Group || l.Decimal != "." && l.Decimal != "," {
			t.Errorf("%s: bad separators %q %q", l.Tag, l.Decimal, l.Group)
		}
	}
}

func TestLocaleSystem(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "de_DE.UTF-8"}, "de_DE"},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MONETARY": "fr_FR.UTF-8"}, "fr_FR"},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MONETARY": "fr_FR", "LC_ALL": "en_GB"}, "en_GB"},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_ALL": "C"}, "en_US"},
		{map[string]string{"LANG": "POSIX"}, "en_US"},
		{map[string]string{"LC_ALL": " ", "LANG": "ja_JP.UTF-8"}, "ja_JP"},
		{map[string]string{}, "en_US"},
	}
	for _, tt := range tests {
		got := SystemLocale(func(k string) string { return tt.env[k] })
		if got.Tag != tt.want {
			t.Errorf("SystemLocale(%v) = %q, want %q", tt.env, got.Tag, tt.want)
		}
	}
	_ = SystemLocale(nil) // reads the real environment; must not panic
}

func TestFormatMoney(t *testing.T) {
	eur, usd, gbp := moneyTestCurrency(t, "EUR"), moneyTestCurrency(t, "USD"), moneyTestCurrency(t, "GBP")
	chf, jpy, kwd := moneyTestCurrency(t, "CHF"), moneyTestCurrency(t, "JPY"), moneyTestCurrency(t, "KWD")
	sek, pln := moneyTestCurrency(t, "SEK"), moneyTestCurrency(t, "PLN")
	tests := []struct {
		loc   string
		minor int64
		c     Currency
		want  string
	}{
		{"en_US", 123456, eur, "€1,234.56"},
		{"en_US", -123456, eur, "-€1,234.56"},
		{"en_US", 0, eur, "€0.00"},
		{"en_US", 5, eur, "€0.05"},
		{"en_US", -5, eur, "-€0.05"},
		{"en_US", 100, eur, "€1.00"},
		{"en_US", 100000000, usd, "$1,000,000.00"},
		{"en_US", 99999, usd, "$999.99"},
		{"en_US", 1235, jpy, "¥1,235"},
		{"en_US", 123450, chf, "CHF" + localeTestNBSP + "1,234.50"},
		{"en_US", 1234567, kwd, "KWD" + localeTestNBSP + "1,234.567"},
		{"en_US", 123456, pln, "zł" + localeTestNBSP + "1,234.56"},
		{"en_US", math.MinInt64, eur, "-€92,233,720,368,547,758.08"},
		{"en_US", math.MaxInt64, jpy, "¥9,223,372,036,854,775,807"},
		{"en_GB", 123456, gbp, "£1,234.56"},
		{"en_GB", -1, gbp, "-£0.01"},
		{"de_DE", 123456, eur, "1.234,56" + localeTestNBSP + "€"},
		{"de_DE", -123456, eur, "-1.234,56" + localeTestNBSP + "€"},
		{"de_DE", 123456789, usd, "1.234.567,89" + localeTestNBSP + "$"},
		{"de_DE", 1235, jpy, "1.235" + localeTestNBSP + "¥"},
		{"fr_FR", 123456789, eur, "1" + localeTestNNBSP + "234" + localeTestNNBSP + "567,89" + localeTestNBSP + "€"},
		{"fr_FR", 99, eur, "0,99" + localeTestNBSP + "€"},
		{"de_CH", 123456, chf, "CHF" + localeTestNBSP + "1'234.56"},
		{"de_CH", -123456789, chf, "-CHF" + localeTestNBSP + "1'234'567.89"},
		{"de_CH", 123456, eur, "€1'234.56"},
		{"ja_JP", 1235, jpy, "¥1,235"},
		{"ja_JP", -1234567, jpy, "-¥1,234,567"},
		{"ja_JP", 0, jpy, "¥0"},
		{"nl_NL", 123456, eur, "€" + localeTestNBSP + "1.234,56"},
		{"sv_SE", 123456, sek, "1" + localeTestNBSP + "234,56" + localeTestNBSP + "kr"},
	}
	for _, tt := range tests {
		if got := LocaleFor(tt.loc).Money(tt.minor, tt.c); got != tt.want {
			t.Errorf("%s Money(%d, %s) = %q, want %q", tt.loc, tt.minor, tt.c.Code, got, tt.want)
		}
	}
	if got := (Locale{}).Money(123456, eur); got != "€1234.56" {
		t.Errorf("zero Locale Money = %q", got)
	}
	if got := LocaleFor("en_US").Money(-5, Currency{Code: "XTS", Digits: 2}); got != "-XTS"+localeTestNBSP+"0.05" {
		t.Errorf("symbol-less Money = %q", got)
	}
	if got := LocaleFor("en_US").Money(7, Currency{}); got != "7" {
		t.Errorf("empty currency Money = %q", got)
	}
}

func TestFormatMoneyCompact(t *testing.T) {
	eur, jpy := moneyTestCurrency(t, "EUR"), moneyTestCurrency(t, "JPY")
	tests := []struct {
		loc   string
		minor int64
		c     Currency
		want  string
	}{
		{"en_US", 123456789, eur, "€1.2M"},
		{"en_US", 35000000, eur, "€350k"},
		{"en_US", -35000000, eur, "-€350k"},
		{"en_US", 95000, eur, "€950"},
		{"en_US", 95049, eur, "€950"},
		{"en_US", 95050, eur, "€951"},
		{"en_US", 99960, eur, "€1k"},
		{"en_US", 150000, eur, "€1.5k"},
		{"en_US", 1234500, eur, "€12.3k"},
		{"en_US", 99999999, eur, "€1M"},
		{"en_US", 99995999, eur, "€1M"},
		{"en_US", 1234000000, eur, "€12.3M"},
		{"en_US", 250000000000, eur, "€2.5B"},
		{"en_US", 0, eur, "€0"},
		{"en_US", -40, eur, "€0"},
		{"en_US", math.MaxInt64, eur, "€92,234T"},
		{"en_US", math.MinInt64, jpy, "-¥9,223,372T"},
		{"ja_JP", 1234567, jpy, "¥1.2M"},
		{"de_DE", 123456789, eur, "1,2" + localeTestNBSP + "Mio." + localeTestNBSP + "€"},
		{"de_DE", 35000000, eur, "350" + localeTestNBSP + "Tsd." + localeTestNBSP + "€"},
		{"fr_FR", 35000000, eur, "350" + localeTestNBSP + "k" + localeTestNBSP + "€"},
	}
	for _, tt := range tests {
		if got := LocaleFor(tt.loc).MoneyCompact(tt.minor, tt.c); got != tt.want {
			t.Errorf("%s MoneyCompact(%d, %s) = %q, want %q", tt.loc, tt.minor, tt.c.Code, got, tt.want)
		}
	}
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		loc  string
		v    int64
		want string
	}{
		{"en_US", 0, "0"},
		{"en_US", 999, "999"},
		{"en_US", 1000, "1,000"},
		{"en_US", -1234567, "-1,234,567"},
		{"en_US", math.MinInt64, "-9,223,372,036,854,775,808"},
		{"de_DE", 1234567, "1.234.567"},
		{"fr_FR", 1234567, "1" + localeTestNNBSP + "234" + localeTestNNBSP + "567"},
		{"de_CH", 1234567, "1'234'567"},
		{"ja_JP", 1234567, "1,234,567"},
	}
	for _, tt := range tests {
		if got := LocaleFor(tt.loc).Int(tt.v); got != tt.want {
			t.Errorf("%s Int(%d) = %q, want %q", tt.loc, tt.v, got, tt.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		loc      string
		v        float64
		decimals int
		want     string
	}{
		{"en_US", 1234567.891, 2, "1,234,567.89"},
		{"en_GB", 1234567.891, 2, "1,234,567.89"},
		{"de_DE", 1234567.891, 2, "1.234.567,89"},
		{"fr_FR", 1234567.891, 2, "1" + localeTestNNBSP + "234" + localeTestNNBSP + "567,89"},
		{"de_CH", 1234567.891, 2, "1'234'567.89"},
		{"ja_JP", 1234567.891, 0, "1,234,568"},
		{"en_US", -1234.5, 1, "-1,234.5"},
		{"en_US", -0.004, 2, "0.00"},
		{"en_US", math.Copysign(0, -1), 1, "0.0"},
		{"en_US", 2.5, -3, "2"},
		{"en_US", 1e21, 0, "1,000,000,000,000,000,000,000"},
		{"en_US", math.NaN(), 2, "–"},
		{"en_US", math.Inf(1), 2, "–"},
		{"de_DE", math.Inf(-1), 2, "–"},
	}
	for _, tt := range tests {
		if got := LocaleFor(tt.loc).Number(tt.v, tt.decimals); got != tt.want {
			t.Errorf("%s Number(%v, %d) = %q, want %q", tt.loc, tt.v, tt.decimals, got, tt.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		loc   string
		ratio float64
		want  string
	}{
		{"en_US", 0.4213, "42.1%"},
		{"en_GB", 0.4213, "42.1%"},
		{"de_DE", 0.4213, "42,1" + localeTestNBSP + "%"},
		{"fr_FR", 0.4213, "42,1" + localeTestNBSP + "%"},
		{"de_CH", 0.4213, "42.1%"},
		{"ja_JP", 0.4213, "42.1%"},
		{"en_US", 1, "100.0%"},
		{"en_US", 0, "0.0%"},
		{"en_US", -0.0001, "0.0%"},
		{"en_US", -0.256, "-25.6%"},
		{"en_US", 12.345, "1,234.5%"},
		{"en_US", math.NaN(), "–"},
		{"de_DE", math.Inf(1), "–"},
	}
	for _, tt := range tests {
		if got := LocaleFor(tt.loc).Percent(tt.ratio); got != tt.want {
			t.Errorf("%s Percent(%v) = %q, want %q", tt.loc, tt.ratio, got, tt.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	d := time.Date(2027, time.January, 31, 15, 4, 5, 0, time.UTC)
	tests := []struct{ loc, want string }{
		{"en_US", "01/31/2027"},
		{"en_GB", "31/01/2027"},
		{"de_DE", "31.01.2027"},
		{"de_CH", "31.01.2027"},
		{"fr_FR", "31/01/2027"},
		{"ja_JP", "2027/01/31"},
		{"en_CA", "2027-01-31"},
		{"sv_SE", "2027-01-31"},
	}
	for _, tt := range tests {
		if got := LocaleFor(tt.loc).Date(d); got != tt.want {
			t.Errorf("%s Date = %q, want %q", tt.loc, got, tt.want)
		}
	}
	if got := (Locale{}).Date(d); got != "2027-01-31" {
		t.Errorf("zero Locale Date = %q", got)
	}
}

func TestFormatMonthName(t *testing.T) {
	jan, mar, dec := NewMonth(2027, time.January), NewMonth(2027, time.March), NewMonth(2026, time.December)
	tests := []struct {
		loc  string
		m    Month
		want string
	}{
		{"en_US", jan, "Jan 2027"},
		{"en_GB", dec, "Dec 2026"},
		{"de_DE", mar, "Mar 2027"}, // the app's words are English in every locale
		{"de_CH", dec, "Dec 2026"},
		{"fr_FR", jan, "Jan 2027"},
		{"fr_FR", NewMonth(2027, time.August), "Aug 2027"},
		{"ja_JP", jan, "Jan 2027"},
		{"ko_KR", mar, "Mar 2027"},
		{"es_ES", jan, "Jan 2027"},
		{"sv_SE", mar, "Mar 2027"},
		{"en_US", Month(-1), "Dec -1"},
	}
	for _, tt := range tests {
		if got := LocaleFor(tt.loc).MonthName(tt.m); got != tt.want {
			t.Errorf("%s MonthName(%v) = %q, want %q", tt.loc, tt.m, got, tt.want)
		}
	}
	if got := LocaleFor("en_US").LongDate(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)); got != "1 December 2026" {
		t.Errorf("LongDate = %q", got)
	}
}

func TestParseMoney(t *testing.T) {
	nb, nn := localeTestNBSP, localeTestNNBSP
	tests := []struct {
		loc, code, in string
		want          int64
	}{
		{"en_US", "EUR", "€1,234.56", 123456},
		{"en_US", "EUR", "1234.56", 123456},
		{"en_US", "EUR", "1,234.56 €", 123456},
		{"en_US", "EUR", "EUR 1,234.56", 123456},
		{"en_US", "EUR", "1234.56eur", 123456},
		{"en_US", "EUR", "-€1,234.56", -123456},
		{"en_US", "EUR", "€-1,234.56", -123456},
		{"en_US", "EUR", "- € 1,234.56", -123456},
		{"en_US", "EUR", "(€1,234.56)", -123456},
		{"en_US", "EUR", "1,234.56-", -123456},
		{"en_US", "EUR", "−5", -500},
		{"en_US", "EUR", "+5", 500},
		{"en_US", "EUR", "  12 ", 1200},
		{"en_US", "EUR", "12.5", 1250},
		{"en_US", "EUR", "0.05", 5},
		{"en_US", "EUR", ".5", 50},
		{"en_US", "EUR", "12.", 1200},
		{"en_US", "EUR", "1,234", 123400},
		{"en_US", "EUR", "1,234,567", 123456700},
		{"en_US", "EUR", "1,5", 150},
		{"en_US", "EUR", "1234,5", 123450},
		{"en_US", "EUR", "1 234.56", 123456},
		{"en_US", "EUR", "1" + nb + "234.56", 123456},
		{"en_US", "EUR", "5.000", 500},
		{"en_US", "EUR", "007", 700},
		{"en_US", "EUR", "-0", 0},
		{"en_US", "EUR", "92233720368547758.07", math.MaxInt64},
		{"en_US", "EUR", "-92,233,720,368,547,758.08", math.MinInt64},
		{"en_US", "USD", "$5", 500},
		{"en_US", "USD", "5$", 500},
		{"en_US", "USD", "usd5", 500},
		{"en_US", "CAD", "CA$5", 500},
		{"en_US", "CAD", "$5", 500},
		{"en_US", "DKK", "5 kr.", 500},
		{"en_US", "DKK", "kr 5", 500},
		{"en_US", "KWD", "1.234", 1234},
		{"en_US", "JPY", "1,235", 1235},
		{"en_US", "JPY", "1235.00", 1235},
		{"en_GB", "GBP", "£1,234.56", 123456},
		{"en_GB", "GBP", "-£0.01", -1},
		{"de_DE", "EUR", "1.234,56 €", 123456},
		{"de_DE", "EUR", "1.234,56" + nb + "€", 123456},
		{"de_DE", "EUR", "1234,56", 123456},
		{"de_DE", "EUR", "1234.56", 123456},
		{"de_DE", "EUR", "1.5", 150},
		{"de_DE", "EUR", "1.234", 123400},
		{"de_DE", "EUR", "1.234.567", 123456700},
		{"de_DE", "EUR", "12,5", 1250},
		{"de_DE", "EUR", "5,-", 500},
		{"de_DE", "EUR", "5,– €", 500},
		{"de_DE", "EUR", "-1.234,56 €", -123456},
		{"de_DE", "EUR", "1 234,56", 123456},
		{"fr_FR", "EUR", "1" + nn + "234,56" + nb + "€", 123456},
		{"fr_FR", "EUR", "1 234,56 €", 123456},
		{"fr_FR", "EUR", "1234.56", 123456},
		{"fr_FR", "EUR", "1234,5", 123450},
		{"fr_FR", "EUR", "-1 234 567,89 EUR", -123456789},
		{"de_CH", "CHF", "CHF 1'234.56", 123456},
		{"de_CH", "CHF", "1’234.50", 123450},
		{"de_CH", "CHF", "CHF 5.–", 500},
		{"de_CH", "CHF", "CHF 5.-", 500},
		{"de_CH", "CHF", "1'234,5", 123450},
		{"de_CH", "CHF", "chf-12", -1200},
		{"ja_JP", "JPY", "¥1,235", 1235},
		{"ja_JP", "JPY", "1235", 1235},
		{"ja_JP", "JPY", "1,235円", 1235},
		{"ja_JP", "JPY", "-¥1,234,567", -1234567},
		{"ja_JP", "JPY", "9,223,372,036,854,775,807", math.MaxInt64},
	}
	for _, tt := range tests {
		c := moneyTestCurrency(t, tt.code)
		got, err := LocaleFor(tt.loc).ParseMoney(tt.in, c)
		if err != nil || got != tt.want {
			t.Errorf("%s ParseMoney(%q, %s) = %d, %v; want %d", tt.loc, tt.in, tt.code, got, err, tt.want)
		}
	}
}

func TestParseMoneyErrors(t *testing.T) {
	tests := []struct {
		loc, code, in string
		want          string // part of the message
	}{
		{"en_US", "EUR", "", "Please enter an amount"},
		{"en_US", "EUR", "   ", "Please enter an amount"},
		{"en_US", "EUR", "12.345", "12.345 has more decimals than EUR allows (2)"},
		{"en_US", "EUR", "€0.001", "has more decimals than EUR allows (2)"},
		{"en_US", "JPY", "1.5", "1.5 has more decimals than JPY allows (0)"},
		{"en_US", "KWD", "1.2345", "has more decimals than KWD allows (3)"},
		{"en_US", "EUR", "NaN", "NaN is not an amount: it contains letters"},
		{"en_US", "EUR", "Inf", "contains letters"},
		{"en_US", "EUR", "1e309", "contains letters"},
		{"en_US", "EUR", "12abc", "contains letters"},
		{"en_US", "EUR", "--5", "--5 has more than one minus sign"},
		{"en_US", "EUR", "-5-", "more than one minus sign"},
		{"en_US", "EUR", "(-5)", "more than one minus sign"},
		{"en_US", "EUR", "+-5", "more than one sign"},
		{"en_US", "EUR", "++5", "more than one sign"},
		{"en_US", "EUR", "€", "it has no digits"},
		{"en_US", "EUR", "-", "it has no digits"},
		{"en_US", "EUR", ".", "it has no digits"},
		{"en_US", "EUR", "()", "it has no digits"},
		{"en_US", "EUR", "1.2.3", "more than one decimal separator"},
		{"en_US", "EUR", "1,23,456", "is not an amount Salesplan understands; write it like €1,234,567.89"},
		{"en_US", "EUR", "12 34", "Salesplan understands"},
		{"en_US", "EUR", "1,234 567", "Salesplan understands"},
		{"en_US", "EUR", "1.234,5", "Salesplan understands"},
		{"en_US", "EUR", "99999999999999999999", "too large"},
		{"en_US", "EUR", "92233720368547758.08", "too large"},
		{"en_US", "EUR", "-92233720368547758.09", "too large"},
		{"en_US", "EUR", "$5", `contains "$"`},
		{"en_US", "EUR", "€5 €", `contains "€"`},
		{"en_US", "EUR", "EUR 5 €", `contains "€"`},
		{"en_US", "EUR", "5%", `contains "%"`},
		{"en_US", "EUR", "\xff5", "cannot read"},
		{"de_DE", "EUR", "1,234.56", "write it like 1.234.567,89" + localeTestNBSP + "€"},
		{"de_DE", "EUR", "1.234.5", "Salesplan understands"},
		{"de_DE", "EUR", "1,2,3", "more than one decimal separator"},
		{"fr_FR", "EUR", "1.234.567", "Salesplan understands"},
		{"ja_JP", "JPY", "¥12.5", "more decimals than JPY allows (0)"},
		{"ja_JP", "JPY", "9,223,372,036,854,775,808", "too large"},
	}
	for _, tt := range tests {
		c := moneyTestCurrency(t, tt.code)
		got, err := LocaleFor(tt.loc).ParseMoney(tt.in, c)
		if err == nil {
			t.Errorf("%s ParseMoney(%q, %s) = %d, want an error", tt.loc, tt.in, tt.code, got)
			continue
		}
		if ErrorCode(err) != ErrInvalid || !strings.Contains(ErrorMessage(err), tt.want) {
			t.Errorf("%s ParseMoney(%q, %s) error = %q (%s), want it to contain %q",
				tt.loc, tt.in, tt.code, ErrorMessage(err), ErrorCode(err), tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		loc, in string
		want    float64
	}{
		{"en_US", "42.5", 42.5},
		{"en_US", "42.5%", 42.5},
		{"en_US", "1,234.5678", 1234.5678},
		{"en_US", "-0", 0},
		{"en_US", "(3)", -3},
		{"en_US", "0.1", 0.1},
		{"en_US", "1,000,000", 1e6},
		{"de_DE", "42,5 %", 42.5},
		{"de_DE", "1.234,5", 1234.5},
		{"de_DE", "42.5", 42.5},
		{"fr_FR", "1 234,5", 1234.5},
		{"fr_FR", "1" + localeTestNNBSP + "234,5", 1234.5},
		{"de_CH", "1'234.5", 1234.5},
		{"ja_JP", "12,345", 12345},
	}
	for _, tt := range tests {
		got, err := LocaleFor(tt.loc).ParseNumber(tt.in)
		if err != nil || got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
			t.Errorf("%s ParseNumber(%q) = %v, %v; want %v", tt.loc, tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "1e5", "NaN", "Inf", "--1", "1.2.3", "€5", "1" + strings.Repeat("0", 400), "%"} {
		if got, err := LocaleFor("en_US").ParseNumber(bad); err == nil || ErrorCode(err) != ErrInvalid {
			t.Errorf("ParseNumber(%q) = %v, %v; want an error", bad, got, err)
		}
	}
	if _, err := LocaleFor("en_US").ParseNumber(""); err == nil || ErrorMessage(err) != "Please enter a number" {
		t.Errorf("ParseNumber(\"\") error = %v", err)
	}
}

// localeTestLocales are the locales the round-trip tests cover.
var localeTestLocales = []string{"en_US", "en_GB", "de_DE", "fr_FR", "de_CH", "ja_JP", "nl_NL", "sv_SE", "de_AT", "it_CH", "fr_CA", "ko_KR"}

func TestParseMoneyRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	currencies := Currencies()
	for _, tag := range localeTestLocales {
		l := LocaleFor(tag)
		for _, c := range currencies {
			values := []int64{0, 1, -1, 999, 1000, -1000, 123456, math.MaxInt64, math.MinInt64}
			for range 60 {
				values = append(values, moneyTestRandInt(rng))
			}
			for _, x := range values {
				s := l.Money(x, c)
				got, err := l.ParseMoney(s, c)
				if err != nil || got != x {
					t.Fatalf("%s %s: ParseMoney(Money(%d) = %q) = %d, %v", tag, c.Code, x, s, got, err)
				}
			}
		}
	}
}

func TestParseNumberRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, tag := range localeTestLocales {
		l := LocaleFor(tag)
		for range 500 {
			x := float64(moneyTestRandInt(rng)%1_000_000_000_00) / 100
			s := l.Number(x, 2)
			got, err := l.ParseNumber(s)
			if err != nil || got != x {
				t.Fatalf("%s: ParseNumber(Number(%v) = %q) = %v, %v", tag, x, s, got, err)
			}
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{
		"1.234,56 €", "€1,234.56", "-€0.05", "(1,234.56)", "CHF 1'234.50", "¥1,235",
		"1 234,56 €", "12.345", "NaN", "1e309", "--5", "5,-", "", "0", "-92233720368547758.08",
	} {
		f.Add(s)
	}
	locales := make([]Locale, len(localeTestLocales))
	for i, tag := range localeTestLocales {
		locales[i] = LocaleFor(tag)
	}
	var currencies []Currency
	for _, code := range []string{"EUR", "USD", "CHF", "JPY", "KWD", "DKK", "CAD", "PLN"} {
		c, err := LookupCurrency(code)
		if err != nil {
			f.Fatal(err)
		}
		currencies = append(currencies, c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range locales {
			if _, err := l.ParseNumber(s); err != nil && ErrorMessage(err) == "" {
				t.Fatalf("%s ParseNumber(%q): empty message", l.Tag, s)
			}
			for _, c := range currencies {
				v, err := l.ParseMoney(s, c)
				if err != nil {
					if ErrorCode(err) != ErrInvalid || ErrorMessage(err) == "" {
						t.Fatalf("%s ParseMoney(%q, %s): bad error %v", l.Tag, s, c.Code, err)
					}
					continue
				}
				back := l.Money(v, c)
				v2, err := l.ParseMoney(back, c)
				if err != nil || v2 != v {
					t.Fatalf("%s ParseMoney(%q, %s) = %d, but Money gives %q which parses as %d, %v",
						l.Tag, s, c.Code, v, back, v2, err)
				}
				_ = l.MoneyCompact(v, c)
			}
		}
	})
}

func TestParseMonthSaysWhatIsWrong(t *testing.T) {
	for in, want := range map[string]string{
		"2027-13": "There is no month 13",
		"2027-1":  "write it as YYYY-MM",
		"20x7-01": "with digits",
		"1800-01": "too far from today",
	} {
		_, err := ParseMonth(in)
		if ErrorCode(err) != ErrInvalid || !strings.Contains(ErrorMessage(err), want) {
			t.Errorf("ParseMonth(%q): %v, want a sentence with %q", in, err, want)
		}
	}
	if got := Count(1, "month", "months") + ", " + Count(3, "month", "months"); got != "1 month, 3 months" {
		t.Errorf("Count: %s", got)
	}
}

// WholeUnits rounds amounts to whole currency units, half away from zero,
// in the locale's format; MoneyExact keeps the minor units.
func TestMoneyWholeUnits(t *testing.T) {
	eur, _ := LookupCurrency("EUR")
	jpy, _ := LookupCurrency("JPY")
	for _, tt := range []struct {
		tag   string
		minor int64
		cur   Currency
		want  string
	}{
		{"en_US", 20919956, eur, "€209,200"},
		{"en_US", 20919949, eur, "€209,199"},
		{"en_US", 150, eur, "€2"},
		{"en_US", -150, eur, "-€2"},
		{"en_US", -149, eur, "-€1"},
		{"de_DE", 246543683, eur, "2.465.437\u00a0€"},
		{"en_US", 1235, jpy, "¥1,235"},
	} {
		l := LocaleFor(tt.tag)
		l.WholeUnits = true
		if got := l.Money(tt.minor, tt.cur); got != tt.want {
			t.Errorf("%s %d: %q, want %q", tt.tag, tt.minor, got, tt.want)
		}
		if got, want := l.MoneyExact(tt.minor, tt.cur), LocaleFor(tt.tag).Money(tt.minor, tt.cur); got != want {
			t.Errorf("MoneyExact %q, want %q", got, want)
		}
	}
}
