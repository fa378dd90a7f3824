package app

import (
	"math"
	"math/bits"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Locale says how numbers, money and dates are written for a person.
//
// The zero Locale is usable: it writes "1234.56" without grouping, ISO dates
// and the symbol before the amount.
type Locale struct {
	Tag          string // e.g. "en_US", "de_DE", "fr_FR": the table entry used
	Decimal      string // decimal separator: "." or ","
	Group        string // digit group separator: "," "." "\u00a0" "\u202f" "'" or "" for none
	DateLayout   string // Go time layout, e.g. "01/02/2006" for en_US
	SymbolAfter  bool   // "1.234,56 €" rather than "€1,234.56"
	PercentSpace bool   // "42,1 %" rather than "42.1%"
	// WholeUnits makes Money round to whole currency units ("€209,200"),
	// as the PDF's plan tables print amounts; MoneyExact keeps the cents.
	WholeUnits bool
}

const (
	localeNBSP  = "\u00a0" // no-break space, between amount and symbol or %
	localeNNBSP = "\u202f" // narrow no-break space, French digit groups
	localeDash  = "–"      // shown for NaN and infinities
)

// localeTable holds the locales Salesplan knows. The first entry of each
// language is that language's default. It is read-only.
var localeTable = [...]Locale{
	{"en_US", ".", ",", "01/02/2006", false, false, false},
	{"en_GB", ".", ",", "02/01/2006", false, false, false},
	{"en_IE", ".", ",", "02/01/2006", false, false, false},
	{"en_AU", ".", ",", "02/01/2006", false, false, false},
	{"en_NZ", ".", ",", "02/01/2006", false, false, false},
	{"en_CA", ".", ",", "2006-01-02", false, false, false},
	{"en_IN", ".", ",", "02/01/2006", false, false, false},
	{"de_DE", ",", ".", "02.01.2006", true, true, false},
	{"de_AT", ",", localeNBSP, "02.01.2006", false, true, false},
	{"de_CH", ".", "'", "02.01.2006", false, false, false},
	{"de_LU", ",", ".", "02.01.2006", true, true, false},
	{"fr_FR", ",", localeNNBSP, "02/01/2006", true, true, false},
	{"fr_BE", ",", localeNNBSP, "02/01/2006", true, true, false},
	{"fr_CA", ",", localeNBSP, "2006-01-02", true, true, false},
	{"fr_CH", ",", localeNNBSP, "02.01.2006", true, true, false},
	{"fr_LU", ",", ".", "02/01/2006", true, true, false},
	{"it_IT", ",", ".", "02/01/2006", true, false, false},
	{"it_CH", ".", "'", "02.01.2006", false, false, false},
	{"es_ES", ",", ".", "02/01/2006", true, true, false},
	{"es_MX", ".", ",", "02/01/2006", false, false, false},
	{"es_AR", ",", ".", "02/01/2006", false, true, false},
	{"nl_NL", ",", ".", "02-01-2006", false, false, false},
	{"nl_BE", ",", ".", "02/01/2006", false, false, false},
	{"pt_BR", ",", ".", "02/01/2006", false, false, false},
	{"pt_PT", ",", localeNBSP, "02/01/2006", true, false, false},
	{"sv_SE", ",", localeNBSP, "2006-01-02", true, true, false},
	{"nb_NO", ",", localeNBSP, "02.01.2006", true, true, false},
	{"da_DK", ",", ".", "02.01.2006", true, true, false},
	{"fi_FI", ",", localeNBSP, "2.1.2006", true, true, false},
	{"pl_PL", ",", localeNBSP, "02.01.2006", true, false, false},
	{"cs_CZ", ",", localeNBSP, "02.01.2006", true, true, false},
	{"ru_RU", ",", localeNBSP, "02.01.2006", true, true, false},
	{"ja_JP", ".", ",", "2006/01/02", false, false, false},
	{"zh_CN", ".", ",", "2006/01/02", false, false, false},
	{"ko_KR", ".", ",", "2006. 01. 02.", false, false, false},
}

// LocaleFor returns the locale for a POSIX or BCP 47 tag such as
// "de_DE.UTF-8", "de_DE@euro", "en-GB", "zh-Hans-CN" or "fr". Case, the
// encoding and the modifier are ignored. A known language with an unknown
// or missing region gets that language's main locale ("fr" and "fr_SN"
// give fr_FR; "es-419" gives es_MX). "C", "POSIX", "" and unknown languages
// give en_US. The returned Tag names the table entry used.
func LocaleFor(tag string) Locale {
	lang, region := localeParseTag(tag)
	switch lang {
	case "no", "nn":
		lang = "nb"
	case "es":
		if region == "419" {
			region = "MX"
		}
	}
	want := lang + "_" + region
	fallback := -1
	for i, l := range localeTable {
		if l.Tag == want {
			return l
		}
		if fallback < 0 && strings.HasPrefix(l.Tag, lang+"_") {
			fallback = i
		}
	}
	if fallback >= 0 {
		return localeTable[fallback]
	}
	return localeTable[0]
}

// localeParseTag returns the lower-case language and upper-case region of
// a locale tag; either may be "".
func localeParseTag(tag string) (lang, region string) {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, ".@"); i >= 0 {
		tag = tag[:i]
	}
	parts := strings.FieldsFunc(tag, func(r rune) bool { return r == '_' || r == '-' })
	if len(parts) == 0 {
		return "", ""
	}
	lang = strings.ToLower(parts[0])
	for _, p := range parts[1:] {
		if len(p) == 2 && localeAllASCII(p, unicode.IsLetter) ||
			len(p) == 3 && localeAllASCII(p, unicode.IsDigit) {
			return lang, strings.ToUpper(p)
		}
	}
	return lang, ""
}

// localeAllASCII reports whether s is ASCII and ok holds for each rune.
func localeAllASCII(s string, ok func(rune) bool) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf || !ok(r) {
			return false
		}
	}
	return true
}

// SystemLocale returns the locale of the environment: the first non-empty
// of LC_ALL, LC_MONETARY and LANG, read through getenv (os.Getenv if nil),
// as LocaleFor reads it. "C", "POSIX" or nothing set give en_US.
func SystemLocale(getenv func(string) string) Locale {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, k := range [...]string{"LC_ALL", "LC_MONETARY", "LANG"} {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return LocaleFor(v)
		}
	}
	return LocaleFor("")
}

// lang returns the language part of the locale's tag, e.g. "de".
func (l Locale) lang() string {
	lang, _ := localeParseTag(l.Tag)
	return lang
}

// dec returns the decimal separator, "." if unset.
func (l Locale) dec() string {
	if l.Decimal == "" {
		return "."
	}
	return l.Decimal
}

// group inserts the group separator into a string of ASCII digits.
func (l Locale) group(digits string) string {
	if l.Group == "" || len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteString(l.Group)
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// number joins grouped integer digits and fraction digits.
func (l Locale) number(whole, frac string) string {
	s := l.group(whole)
	if frac != "" {
		s += l.dec() + frac
	}
	return s
}

// withSymbol places the sign and the currency symbol around a formatted
// magnitude. A symbol written before the amount is followed by a no-break
// space if it ends in a letter ("CHF 1'234.50") or the locale writes
// decimal commas ("€ 1.234,56" in nl_NL); a symbol after the amount is
// always preceded by one ("1.234,56 €").
func (l Locale) withSymbol(neg bool, num string, c Currency) string {
	sym := c.Symbol
	if sym == "" {
		sym = c.Code
	}
	sign := ""
	if neg {
		sign = "-"
	}
	switch {
	case sym == "":
		return sign + num
	case l.SymbolAfter:
		return sign + num + localeNBSP + sym
	}
	last, _ := utf8.DecodeLastRuneInString(sym)
	if unicode.IsLetter(last) || l.dec() == "," {
		return sign + sym + localeNBSP + num
	}
	return sign + sym + num
}

// Money writes an amount given in minor units exactly, never via float64:
// "€1,234.56" and "-€1,234.56" in en_US, "1.234,56 €" in de_DE,
// "1 234,56 €" in fr_FR, "CHF 1'234.56" in de_CH, "¥1,235" for JPY.
func (l Locale) Money(minor int64, c Currency) string {
	if l.WholeUnits && c.Digits > 0 {
		return l.MoneyExact(RoundToUnits(minor, c), Currency{Code: c.Code, Symbol: c.Symbol})
	}
	return l.MoneyExact(minor, c)
}

// RoundToUnits rounds an amount in minor units to whole currency units,
// half away from zero, and returns it in whole units.
func RoundToUnits(minor int64, c Currency) int64 {
	d := int64(1)
	for i := 0; i < c.Digits; i++ {
		d *= 10
	}
	q, rem := minor/d, minor%d
	if rem*2 >= d {
		q++
	} else if rem*2 <= -d {
		q--
	}
	return q
}

// MoneyExact writes an amount with its minor units even when the locale
// prints whole units: prices and commissions.
func (l Locale) MoneyExact(minor int64, c Currency) string {
	whole, frac := moneySplitDigits(moneyAbsU(minor), c.Digits)
	return l.withSymbol(minor < 0, l.number(whole, frac), c)
}

// compactSuffixes returns the suffixes for thousands, millions, billions
// and trillions in the locale's language.
func (l Locale) compactSuffixes() [4]string {
	switch l.lang() {
	case "de":
		return [4]string{localeNBSP + "Tsd.", localeNBSP + "Mio.", localeNBSP + "Mrd.", localeNBSP + "Bio."}
	case "fr":
		return [4]string{localeNBSP + "k", localeNBSP + "M", localeNBSP + "Md", localeNBSP + "Bn"}
	}
	return [4]string{"k", "M", "B", "T"}
}

// MoneyCompact writes an amount shortly for chart labels and KPI tiles:
// "€1.2M", "€350k", "€950" in en_US, "1,2 Mio. €" in de_DE. Amounts below
// a thousand major units are rounded to whole units; larger ones are
// scaled to thousands, millions, billions or trillions and shown with one
// decimal below 100 (dropped if it is 0) and none from 100 on. Rounding is
// half away from zero. It is for display only and cannot be parsed back.
func (l Locale) MoneyCompact(minor int64, c Currency) string {
	u := moneyAbsU(minor)
	base := uint64(1)
	for range moneyDigits(c.Digits) {
		base *= 10
	}
	// unit(k) = base * 1000^k major units; base <= 10^18 so guard overflow.
	unit := func(k int) (uint64, bool) {
		v := base
		for range k {
			hi, lo := bits.Mul64(v, 1000)
			if hi != 0 {
				return 0, false
			}
			v = lo
		}
		return v, true
	}
	k := 0
	for k < 4 {
		next, ok := unit(k + 1)
		if !ok || u < next {
			break
		}
		k++
	}
	suffixes := l.compactSuffixes()
	var num string
	for {
		un, _ := unit(k)
		if k > 0 {
			if t, _ := moneyMulDivRound(u, 10, un); t < 1000 {
				frac := strconv.FormatUint(t%10, 10)
				if frac == "0" {
					frac = ""
				}
				num = l.number(strconv.FormatUint(t/10, 10), frac)
				break
			}
		}
		w, _ := moneyMulDivRound(u, 1, un)
		if w >= 1000 && k < 4 {
			if _, ok := unit(k + 1); ok {
				k++
				continue
			}
		}
		num = l.group(strconv.FormatUint(w, 10))
		break
	}
	if k > 0 {
		num += suffixes[k-1]
	}
	neg := minor < 0 && num != "0"
	return l.withSymbol(neg, num, c)
}

// Int writes an integer with digit groups: "1,234,567" in en_US.
func (l Locale) Int(v int64) string {
	s := l.group(strconv.FormatUint(moneyAbsU(v), 10))
	if v < 0 {
		return "-" + s
	}
	return s
}

// Number writes v with digit groups and exactly decimals decimals (0 to
// 20; values out of range are clamped), rounded as strconv does (to the
// nearest, ties to even on the exact binary value). NaN and infinities
// give "–". A result that rounds to zero has no minus sign.
func (l Locale) Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return localeDash
	}
	decimals = max(0, min(decimals, 20))
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	out := l.number(whole, frac)
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = "-" + out
	}
	return out
}

// Percent writes a ratio as a percentage with one decimal: 0.4213 gives
// "42.1%" in en_US and "42,1 %" (with a no-break space) in de_DE and fr_FR.
// NaN and infinities give "–".
func (l Locale) Percent(ratio float64) string {
	if math.IsNaN(ratio) || math.IsInf(ratio, 0) {
		return localeDash
	}
	s := l.Number(ratio*100, 1)
	if s == localeDash {
		return localeDash
	}
	if l.PercentSpace {
		return s + localeNBSP + "%"
	}
	return s + "%"
}

// Date writes the day of t as the locale writes dates, e.g. "01/31/2027" in
// en_US, "31.01.2027" in de_DE. A locale without a layout writes ISO dates.
func (l Locale) Date(t time.Time) string {
	layout := l.DateLayout
	if layout == "" {
		layout = "2006-01-02"
	}
	return t.Format(layout)
}

// monthAbbr are the month abbreviations. The words of the app are
// English, so its month names are English in every locale; the locale sets
// numbers, date order and currency format.
var monthAbbr = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// monthNames are the full month names, for long dates.
var monthNames = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
	"November", "December"}

// LongDate writes a day so no reader can take it for another: "1 December
// 2026" (day, English month name, year), in every locale.
func (l Locale) LongDate(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + monthNames[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// MonthName writes a month shortly with its year, "Jan 2027", in every
// locale (the app's words are English).
func (l Locale) MonthName(m Month) string {
	y, mo := int(m)/12, int(m)%12
	if mo < 0 {
		y, mo = y-1, mo+12
	}
	return monthAbbr[mo] + " " + strconv.Itoa(y)
}

// ParseMoney parses an amount as a person typed it and returns it in minor
// units of c. It never rounds and never panics. The rules:
//
//   - Spaces around the amount are ignored. The currency may be written
//     once, before or after the number: its symbol (c.Symbol, also without
//     a trailing '.', and "$" or "¥" alone for dollar or yen symbols such as
//     "CA$"; also "円", "元" and "원" for JPY, CNY and KRW) or its code, in
//     any case ("€5", "5 EUR", "eur 5").
//   - A negative amount has one leading '-' (or U+2212 '−'), before or after
//     the currency, or one trailing '-', or is wrapped in parentheses:
//     "-€5", "€-5", "5 €-", "(€5)". A single leading '+' is allowed. A '-'
//     or '–' right after the decimal separator means "no fraction", as in
//     "5,-" or "CHF 5.–", not a negative amount.
//   - Digits may be grouped by the locale's group separator or by spaces
//     of any kind (no-break, narrow no-break, thin); "'" and "’" count as
//     the same separator. Groups must be well formed: 1 to 3 digits, then
//     groups of exactly 3, all with the same separator.
//   - The decimal separator is the locale's. The other one of '.' and ','
//     is also read as the decimal separator when that is unambiguous: the
//     locale's separator does not occur, the other one occurs exactly once,
//     and, if it is also the locale's group separator, the digits around it
//     do not form valid groups. So in de_DE "1.234" is 1234 but "1234.5"
//     and "1.5" are 1234.5 and 1.5; in en_US "1,234" is 1234 but "1,5" is
//     1.5.
//   - More fraction digits than the currency has are an error ("12.345 has
//     more decimals than EUR allows (2)") unless the extra digits are all
//     zeros, which lose nothing ("5.000" is 5.00 EUR, "5.00" is 5 JPY).
//   - Empty input, letters ("NaN", "1e309"), other symbols, more than one
//     sign or decimal separator, and amounts beyond the int64 range give an
//     *Error (ErrInvalid) whose message is a plain sentence.
func (l Locale) ParseMoney(s string, c Currency) (int64, error) {
	markers := localeCurrencyMarkers(c)
	marker := func(t string, atStart bool) int {
		for _, m := range markers {
			if len(t) < len(m) {
				continue
			}
			if atStart && strings.EqualFold(t[:len(m)], m) ||
				!atStart && strings.EqualFold(t[len(t)-len(m):], m) {
				return len(m)
			}
		}
		return 0
	}
	p, err := l.parseDecimal(s, "an amount", l.Money(123456789, c), marker)
	if err != nil {
		return 0, err
	}
	d := moneyDigits(c.Digits)
	frac := p.frac
	if len(frac) > d {
		if strings.Trim(frac[d:], "0") != "" {
			code := c.Code
			if code == "" {
				code = "this currency"
			}
			return 0, Errorf(ErrInvalid, "%s has more decimals than %s allows (%d)", moneyShowInput(s), code, d)
		}
		frac = frac[:d]
	}
	frac += strings.Repeat("0", d-len(frac))
	digits := strings.TrimLeft(p.whole+frac, "0")
	if digits == "" {
		return 0, nil
	}
	u, perr := strconv.ParseUint(digits, 10, 64)
	limit := uint64(math.MaxInt64)
	if p.neg {
		limit++
	}
	if perr != nil || u > limit {
		return 0, Errorf(ErrInvalid, "%s is too large an amount for Salesplan", moneyShowInput(s))
	}
	if p.neg {
		return int64(-u), nil
	}
	return int64(u), nil
}

// ParseNumber parses a plain decimal number with the same rules as
// ParseMoney, without a currency but with any number of decimals; a
// trailing '%' is allowed and ignored, so "42,5 %" gives 42.5 (not 0.425).
// The result is the float64 nearest to the decimal typed; a number too
// large for a float64 is an error.
func (l Locale) ParseNumber(s string) (float64, error) {
	marker := func(t string, atStart bool) int {
		if !atStart && strings.HasSuffix(t, "%") {
			return 1
		}
		return 0
	}
	p, err := l.parseDecimal(s, "a number", l.Number(1234567.89, 2), marker)
	if err != nil {
		return 0, err
	}
	whole := p.whole
	if whole == "" {
		whole = "0"
	}
	if p.frac != "" {
		whole += "." + p.frac
	}
	f, perr := strconv.ParseFloat(whole, 64)
	if perr != nil || math.IsInf(f, 0) {
		return 0, Errorf(ErrInvalid, "%s is too large a number for Salesplan", moneyShowInput(s))
	}
	if p.neg && f != 0 {
		f = -f
	}
	return f, nil
}

// localeCurrencyMarkers returns the strings that stand for c next to an
// amount, longest first.
func localeCurrencyMarkers(c Currency) []string {
	var out []string
	add := func(m string) {
		m = strings.TrimSpace(m)
		if m == "" {
			return
		}
		for _, o := range out {
			if strings.EqualFold(o, m) {
				return
			}
		}
		out = append(out, m)
	}
	add(c.Symbol)
	add(c.Code)
	add(strings.TrimSuffix(c.Symbol, "."))
	if strings.HasSuffix(c.Symbol, "$") {
		add("$")
	}
	if strings.HasSuffix(c.Symbol, "¥") {
		add("¥")
	}
	switch c.Code { // what people write in the currency's own script
	case "JPY":
		add("円")
	case "CNY":
		add("元")
	case "KRW":
		add("원")
	}
	// Longest first, so "CA$" wins over "$".
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// localeParsed is a typed decimal number taken apart: its sign and its
// integer and fraction digits (ASCII, no separators).
type localeParsed struct {
	neg         bool
	whole, frac string
}

// localeSep returns the ASCII byte a separator is read as: dot, comma,
// apostrophe or space (for any kind of space); 0 for anything else.
func localeSep(sep string) byte {
	r, _ := utf8.DecodeRuneInString(sep)
	switch {
	case r == '.' || r == ',' || r == '\'':
		return byte(r)
	case r == '’':
		return '\''
	case r != utf8.RuneError && unicode.IsSpace(r):
		return ' '
	}
	return 0
}

// parseDecimal implements the rules documented at ParseMoney. what names the
// kind of input in messages ("an amount"), example shows a well-formed one,
// and marker reports the byte length of a currency or unit marker at the
// start (atStart) or end of its argument, 0 if there is none.
func (l Locale) parseDecimal(s, what, example string, marker func(t string, atStart bool) int) (localeParsed, error) {
	var p localeParsed
	shown := moneyShowInput(s)
	t := strings.TrimSpace(s)
	if t == "" {
		return p, Errorf(ErrInvalid, "Please enter %s", what)
	}
	if !utf8.ValidString(t) {
		return p, Errorf(ErrInvalid, "%s is not %s: it contains characters Salesplan cannot read", shown, what)
	}
	minus, plus := 0, 0
	if len(t) >= 2 && t[0] == '(' && t[len(t)-1] == ')' {
		minus++
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	marked := false
	for t != "" {
		switch {
		case strings.HasPrefix(t, "-"):
			minus++
			t = t[1:]
		case strings.HasPrefix(t, "−"):
			minus++
			t = t[len("−"):]
		case strings.HasPrefix(t, "+"):
			plus++
			t = t[1:]
		case strings.HasSuffix(t, ".-") || strings.HasSuffix(t, ",-"):
			t = t[:len(t)-1] // "5,-": no fraction
		case strings.HasSuffix(t, ".–") || strings.HasSuffix(t, ",–"):
			t = t[:len(t)-len("–")]
		case strings.HasSuffix(t, "-"):
			minus++
			t = t[:len(t)-1]
		case strings.HasSuffix(t, "−"):
			minus++
			t = t[:len(t)-len("−")]
		case !marked && marker != nil && marker(t, true) > 0:
			marked = true
			t = t[marker(t, true):]
		case !marked && marker != nil && marker(t, false) > 0:
			marked = true
			t = t[:len(t)-marker(t, false)]
		default:
			goto body
		}
		t = strings.TrimSpace(t)
	}
body:
	switch {
	case minus > 1:
		return p, Errorf(ErrInvalid, "%s has more than one minus sign", shown)
	case plus > 1 || plus > 0 && minus > 0:
		return p, Errorf(ErrInvalid, "%s has more than one sign", shown)
	case t == "":
		return p, Errorf(ErrInvalid, "%s is not %s: it has no digits", shown, what)
	}
	p.neg = minus == 1

	b := make([]byte, 0, len(t))
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9', r == '.', r == ',':
			b = append(b, byte(r))
		case r == '\'' || r == '’':
			b = append(b, '\'')
		case unicode.IsSpace(r):
			b = append(b, ' ')
		case unicode.IsLetter(r):
			return p, Errorf(ErrInvalid, "%s is not %s: it contains letters", shown, what)
		default:
			return p, Errorf(ErrInvalid, "%s is not %s: it contains %q", shown, what, string(r))
		}
	}
	body := string(b)

	dec := localeSep(l.dec())
	if dec != '.' && dec != ',' {
		dec = '.'
	}
	grp := localeSep(l.Group)
	if grp == dec {
		grp = 0
	}
	alt := byte('.')
	if dec == '.' {
		alt = ','
	}
	isGroup := func(c byte) bool { return c == ' ' || grp != 0 && c == grp }
	wrong := Errorf(ErrInvalid, "%s is not %s Salesplan understands; write it like %s", shown, what, example)

	dpos := -1
	nDec, nAlt := strings.Count(body, string(dec)), strings.Count(body, string(alt))
	switch {
	case nDec > 1:
		return p, Errorf(ErrInvalid, "%s has more than one decimal separator; write it like %s", shown, example)
	case nDec == 1:
		dpos = strings.IndexByte(body, dec)
	case nAlt > 0 && alt == grp && localeGroupsOK(body, isGroup):
		// the other separator is this locale's group separator: "1.234" in de
	case nAlt == 1:
		dpos = strings.IndexByte(body, alt)
	case nAlt > 1:
		return p, wrong
	}
	whole := body
	if dpos >= 0 {
		whole, p.frac = body[:dpos], body[dpos+1:]
	}
	for i := 0; i < len(p.frac); i++ {
		if p.frac[i] < '0' || p.frac[i] > '9' {
			return p, wrong
		}
	}
	if !localeGroupsOK(whole, isGroup) {
		return p, wrong
	}
	p.whole = strings.Map(func(r rune) rune {
		if r < '0' || r > '9' {
			return -1
		}
		return r
	}, whole)
	if p.whole == "" && p.frac == "" {
		return p, Errorf(ErrInvalid, "%s is not %s: it has no digits", shown, what)
	}
	return p, nil
}

// localeGroupsOK reports whether s is ASCII digits, either ungrouped or in
// groups split by one kind of separator (isGroup): 1 to 3 digits, then
// groups of exactly 3.
func localeGroupsOK(s string, isGroup func(byte) bool) bool {
	var sep byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			continue
		}
		if !isGroup(c) || sep != 0 && c != sep {
			return false
		}
		sep = c
	}
	if sep == 0 {
		return true
	}
	groups := strings.Split(s, string(sep))
	if n := len(groups[0]); n < 1 || n > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// Locales lists the locales a plan can be written in, in table order.
func Locales() []Locale { return append([]Locale(nil), localeTable[:]...) }

// Example shows how the locale writes numbers, amounts and dates, to
// choose it by: "en_US — 1,234.50 · €1,234.50 · 01/31/2027".
func (l Locale) Example(c Currency) string {
	return l.Tag + " — " + l.Number(1234.5, 2) + " · " + l.Money(123450, c) + " · " + l.Date(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC))
}
