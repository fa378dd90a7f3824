package importer

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"salesplan/app"
)

// ParseAmount reads an amount of money as minor units of c (cents for EUR).
//
//   - decimal is the decimal separator, '.' or ','; the other one then only
//     groups thousands. With 0 it is inferred per value where that is
//     unambiguous: the last of '.' and ',' when both occur, a separator that
//     occurs more than once groups thousands, and one followed by other than
//     exactly three digits is the decimal separator. "1,234" (one separator,
//     three digits after it) is 1234 for currencies with fewer than three
//     decimals and an error for the others.
//   - Thousands may also be grouped by spaces (including no-break and narrow
//     no-break spaces) or apostrophes ("1'234.50"); groups must be well
//     formed (1 to 3 digits, then groups of 3; Indian lakh grouping
//     "1,23,456" is accepted too).
//   - The currency's symbol or code may stand before or after the number in
//     any case ("€", "EUR", "$", "US$", "CHF"); another currency's symbol or
//     code is an error.
//   - A negative amount has a leading or trailing minus, or parentheses:
//     "-5", "5-", "1.234,50-", "(1,234.50)". "5,-" and "5.–" mean 5 with no
//     cents.
//   - More decimals than the currency has are rounded half away from zero
//     to its minor unit ("212.058" is 212.06 EUR, "-0.005" is -0.01);
//     ParseAmountRounding says by how much. More than 18 significant
//     digits before the rounding position, amounts beyond the int64 range,
//     scientific notation ("1e309"), "NaN" and "Inf" are errors.
//
// Every error is an *app.Error whose message is a sentence naming the value.
// ParseAmount does not allocate unless it fails.
func ParseAmount(s string, c app.Currency, decimal rune) (int64, error) {
	v, _, err := ParseAmountRounding(s, c, decimal)
	return v, err
}

// ChangeScale is the unit of a Rounding change: 10^-15 of a minor unit.
const ChangeScale = 1_000_000_000_000_000

// ParseAmountRounding is ParseAmount that also reports how much rounding
// to the minor unit changed the amount: the absolute difference between
// the written and the returned amount in units of 1/ChangeScale of a minor
// unit (so at most ChangeScale/2; digits beyond the 15th after the minor
// unit are not counted). It is 0 when the amount fits the currency.
func ParseAmountRounding(s string, c app.Currency, decimal rune) (int64, int64, error) {
	var p numParts
	if err := splitNumber(s, &c, decimal, c.Digits, "an amount", &p); err != nil {
		return 0, 0, err
	}
	return p.minor(s, &c)
}

// parseQuantity reads a quantity with the number rules of ParseAmount,
// without a currency and with any number of decimals. Empty is 0.
func parseQuantity(s string, decimal rune) (float64, error) {
	if isBlank(s) {
		return 0, nil
	}
	var p numParts
	if err := splitNumber(s, nil, decimal, 2, "a quantity", &p); err != nil {
		return 0, err
	}
	return p.float(s)
}

// numParts is a number taken apart by splitNumber: its sign and the
// integer and fraction parts of body (which may still contain group
// separators in the integer part).
type numParts struct {
	neg   bool
	body  string // the number without sign and currency
	whole string // body before the decimal separator, groups included
	frac  string // digits after the decimal separator
}

// minor converts p to minor units of c, rounding half away from zero to
// the minor unit, and returns the change rounding made (see
// ParseAmountRounding).
func (p *numParts) minor(s string, c *app.Currency) (int64, int64, error) {
	d := c.Digits
	if d < 0 {
		d = 0
	}
	if d > 18 {
		d = 18
	}
	// Significant digits kept: from the first non-zero digit to the last
	// non-zero one at or before the minor unit.
	sig, first, lastNZ, pos := 0, -1, -1, 0
	for i := 0; i < len(p.whole); i++ {
		if ch := p.whole[i]; ch >= '0' && ch <= '9' {
			if ch != '0' {
				if first < 0 {
					first = pos
				}
				lastNZ = pos
			}
			pos++
		}
	}
	for i := 0; i < len(p.frac) && i < d; i++ {
		if ch := p.frac[i]; ch != '0' {
			if first < 0 {
				first = pos
			}
			lastNZ = pos
		}
		pos++
	}
	if first >= 0 {
		sig = lastNZ - first + 1
	}
	if sig > 18 {
		return 0, 0, errorf("%s has too many digits for an amount (at most 18).", show(s))
	}
	// The digits beyond the minor unit, as a fraction of it in units of
	// 1/ChangeScale.
	var dropped int64
	exact := true
	if len(p.frac) > d {
		scale := int64(ChangeScale)
		for i := d; i < len(p.frac); i++ {
			if p.frac[i] != '0' {
				exact = false
			}
			if scale > 1 {
				scale /= 10
				dropped += int64(p.frac[i]-'0') * scale
			}
		}
	}
	var m uint64
	const limit = math.MaxInt64
	tooLarge := func() (int64, int64, error) {
		return 0, 0, errorf("%s is too large an amount for Salesplan.", show(s))
	}
	for i := 0; i < len(p.whole); i++ {
		ch := p.whole[i]
		if ch < '0' || ch > '9' {
			continue
		}
		dg := uint64(ch - '0')
		if m > (limit-dg)/10 {
			return tooLarge()
		}
		m = m*10 + dg
	}
	for i := 0; i < d; i++ {
		var dg uint64
		if i < len(p.frac) {
			dg = uint64(p.frac[i] - '0')
		}
		if m > (limit-dg)/10 {
			return tooLarge()
		}
		m = m*10 + dg
	}
	var change int64
	if !exact {
		change = dropped
		if p.frac[d] >= '5' { // half or more: away from zero
			if m == limit {
				return tooLarge()
			}
			m++
			change = ChangeScale - dropped
			if sigDigits(m) > 18 { // 9999999999999999.995 stays 18 digits; 1000…0.007 does not
				return 0, 0, errorf("%s has too many digits for an amount (at most 18).", show(s))
			}
		}
		if change == 0 {
			change = 1 // a change too small to count, but a change
		}
	}
	if p.neg {
		return -int64(m), change, nil
	}
	return int64(m), change, nil
}

// sigDigits returns the number of digits of m from its first to its last
// non-zero one.
func sigDigits(m uint64) int {
	if m == 0 {
		return 0
	}
	for m%10 == 0 {
		m /= 10
	}
	n := 0
	for ; m > 0; m /= 10 {
		n++
	}
	return n
}

// pow10 holds the powers of ten a float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// float converts p to the float64 nearest to it.
func (p *numParts) float(s string) (float64, error) {
	var m uint64
	nd, exp := 0, 0 // digits in m, and the power of ten to divide by
	exact := true
	add := func(dg byte, frac bool) {
		if nd == 0 && dg == '0' {
			if frac {
				exp++
			}
			return
		}
		if nd >= 19 {
			exact = false
			if !frac {
				exp--
			}
			return
		}
		m = m*10 + uint64(dg-'0')
		nd++
		if frac {
			exp++
		}
	}
	for i := 0; i < len(p.whole); i++ {
		if ch := p.whole[i]; ch >= '0' && ch <= '9' {
			add(ch, false)
		}
	}
	for i := 0; i < len(p.frac); i++ {
		add(p.frac[i], true)
	}
	var f float64
	if exact && m < 1<<53 && exp >= 0 && exp < len(pow10) {
		f = float64(m) / pow10[exp] // both exact, so correctly rounded
	} else {
		w := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, p.whole)
		v, err := strconv.ParseFloat("0"+w+"."+p.frac+"0", 64)
		if err != nil || math.IsInf(v, 0) {
			return 0, errorf("%s is too large a number for Salesplan.", show(s))
		}
		f = v
	}
	if p.neg && f != 0 {
		f = -f
	}
	return f, nil
}

// splitNumber takes s apart into p following the rules of ParseAmount. c
// is nil for a plain number; digits is the currency's number of decimals
// (it decides what "1,234" means when decimal is 0); what names the kind
// of value in messages ("an amount").
func splitNumber(s string, c *app.Currency, decimal rune, digits int, what string, p *numParts) error {
	t := trimSpace(s)
	if t == "" {
		return errorf("The %s is empty.", strings.TrimPrefix(strings.TrimPrefix(what, "an "), "a "))
	}
	minus, plus := 0, 0
	marked := false
	for t != "" {
		n := len(t)
		if isDigit(t[0]) && isDigit(t[n-1]) {
			break // the common case: nothing to strip
		}
		var ml int
		switch {
		case t[0] == '(' && t[n-1] == ')' && n >= 2:
			minus++
			t = t[1 : n-1]
		case t[0] == '-':
			minus++
			t = t[1:]
		case t[0] == '+':
			plus++
			t = t[1:]
		case strings.HasPrefix(t, "−"): // U+2212 minus sign
			minus++
			t = t[len("−"):]
		case n >= 2 && t[n-1] == '-' && (t[n-2] == ',' || t[n-2] == '.'):
			t = t[:n-2] // "5,-": no cents
		case n >= 4 && strings.HasSuffix(t, "–") && (t[n-4] == ',' || t[n-4] == '.'):
			t = t[:n-4] // "5.–": no cents
		case t[n-1] == '-':
			minus++
			t = t[:n-1]
		case strings.HasSuffix(t, "−"):
			minus++
			t = t[:n-len("−")]
		case !marked && c != nil && !isDigit(t[0]) && t[0] != '.' && t[0] != ',' && func() bool { ml = markerLen(t, c, true); return ml > 0 }():
			marked = true
			t = t[ml:]
		case !marked && c != nil && !isDigit(t[n-1]) && func() bool { ml = markerLen(t, c, false); return ml > 0 }():
			marked = true
			t = t[:n-ml]
		default:
			goto body
		}
		t = trimSpace(t)
	}
body:
	switch {
	case minus > 1:
		return errorf("%s has more than one minus sign.", show(s))
	case plus > 1 || plus > 0 && minus > 0:
		return errorf("%s has more than one sign.", show(s))
	case t == "":
		return errorf("%s is not %s: it has no digits.", show(s), what)
	}
	p.neg = minus == 1
	p.body = t

	// One pass over the body: count digits and separators, refuse anything
	// else.
	nDot, nComma, lastDot, lastComma, nDigits, letters := 0, 0, -1, -1, 0, 0
	for i := 0; i < len(t); {
		ch := t[i]
		switch {
		case ch >= '0' && ch <= '9':
			nDigits++
			i++
		case ch == '.':
			nDot++
			lastDot = i
			i++
		case ch == ',':
			nComma++
			lastComma = i
			i++
		case ch == ' ' || ch == '\'':
			i++
		case ch < utf8.RuneSelf:
			if 'a' <= ch|0x20 && ch|0x20 <= 'z' {
				letters++
				i++
				continue
			}
			return badChar(s, t, what, c, string(ch))
		default:
			r, size := utf8.DecodeRuneInString(t[i:])
			if spaceSep(r) {
				i += size
				continue
			}
			if unicode.IsLetter(r) {
				letters++
				i += size
				continue
			}
			return badChar(s, t, what, c, string(r))
		}
	}
	if letters > 0 {
		return lettersError(s, t, what, c)
	}
	if nDigits == 0 {
		return errorf("%s is not %s: it has no digits.", show(s), what)
	}

	// Which separator is the decimal one?
	dpos := -1
	ambiguous := func() error {
		return errorf("%s could be read two ways (with the separator as decimal point or as thousands separator); choose the decimal separator for this file.", show(s))
	}
	switch decimal {
	case '.':
		if nDot > 1 {
			return errorf("%s has more than one decimal point.", show(s))
		}
		dpos = lastDot
	case ',':
		if nComma > 1 {
			return errorf("%s has more than one decimal comma.", show(s))
		}
		dpos = lastComma
	default:
		switch {
		case nDot > 0 && nComma > 0:
			if lastDot > lastComma {
				if nDot > 1 {
					return badNumber(s, what, '.')
				}
				dpos = lastDot
			} else {
				if nComma > 1 {
					return badNumber(s, what, ',')
				}
				dpos = lastComma
			}
		case nDot == 1 || nComma == 1:
			at := lastDot
			if nComma == 1 {
				at = lastComma
			}
			if !looksGrouped(t, at) {
				dpos = at // "1,5", "12.50", "0.125", ".125", "1234.567"
			} else if digits >= 3 {
				return ambiguous()
			}
			// else: "1.234" groups thousands
		}
	}
	p.whole, p.frac = t, ""
	if dpos >= 0 {
		p.whole, p.frac = t[:dpos], t[dpos+1:]
	}
	for i := 0; i < len(p.frac); i++ {
		if p.frac[i] < '0' || p.frac[i] > '9' {
			return badNumber(s, what, decimalOr(decimal, dpos, t))
		}
	}
	if !groupsOK(p.whole) {
		return badNumber(s, what, decimalOr(decimal, dpos, t))
	}
	return nil
}

// decimalOr returns the decimal separator to show in an example.
func decimalOr(decimal rune, dpos int, t string) rune {
	if decimal == '.' || decimal == ',' {
		return decimal
	}
	if dpos >= 0 {
		return rune(t[dpos])
	}
	return '.'
}

// badNumber returns the error for a malformed number.
func badNumber(s, what string, dec rune) error {
	ex := "1234.56"
	if dec == ',' {
		ex = "1234,56"
	}
	return errorf("%s is not %s Salesplan understands; write it like %s.", show(s), what, ex)
}

// badChar returns the error for a number with an unexpected character ch.
func badChar(s, t, what string, c *app.Currency, ch string) error {
	if c != nil {
		if code, ok := foreignCurrency(t); ok {
			return foreignError(s, code, c)
		}
	}
	return errorf("%s is not %s: it contains %q.", show(s), what, ch)
}

// lettersError returns the error for a number that contains letters.
func lettersError(s, t, what string, c *app.Currency) error {
	if c != nil {
		if code, ok := foreignCurrency(t); ok {
			return foreignError(s, code, c)
		}
	}
	low := strings.ToLower(strings.Trim(t, " -+"))
	switch low {
	case "nan", "inf", "infinity":
		return errorf("%s is not %s: it is not a number at all.", show(s), what)
	}
	if i := strings.IndexAny(low, "e"); i > 0 && strings.Trim(low, "0123456789.,e+-") == "" {
		return errorf("%s is written in scientific notation, which Salesplan does not read as %s; format the column as a plain number.", show(s), what)
	}
	return errorf("%s is not %s: it contains letters.", show(s), what)
}

// foreignError returns the error for an amount in another currency.
func foreignError(s, other string, c *app.Currency) error {
	if c.Code == "" {
		return errorf("%s has a currency sign (%s), but no currency was chosen.", show(s), other)
	}
	return errorf("%s seems to be in another currency (%s); amounts must be in %s.", show(s), other, c.Code)
}

// foreignCurrency reports whether t starts or ends with the symbol or code
// of a known currency, and which. It is only called on the error path.
func foreignCurrency(t string) (string, bool) {
	for _, k := range app.Currencies() {
		for _, m := range []string{k.Symbol, k.Code} {
			if m == "" {
				continue
			}
			if len(t) > len(m) && (strings.EqualFold(t[:len(m)], m) || strings.EqualFold(t[len(t)-len(m):], m)) {
				return m, true
			}
		}
	}
	for _, m := range []string{"$", "€", "£", "¥"} {
		if strings.HasPrefix(t, m) || strings.HasSuffix(t, m) {
			return m, true
		}
	}
	return "", false
}

// markerLen returns the byte length of a marker of currency c (its symbol
// or code, or a common variant) at the start (atStart) or end of t, the
// longest that matches; 0 if none does.
func markerLen(t string, c *app.Currency, atStart bool) int {
	var cand [8]string
	n := 0
	add := func(m string) {
		if m != "" && n < len(cand) {
			cand[n] = m
			n++
		}
	}
	sym := strings.TrimSpace(c.Symbol)
	add(sym)
	add(c.Code)
	if strings.HasSuffix(sym, ".") {
		add(sym[:len(sym)-1])
	}
	if strings.HasSuffix(sym, "$") {
		add("$")
	}
	if strings.HasSuffix(sym, "¥") {
		add("¥")
	}
	switch c.Code {
	case "USD":
		add("US$")
		add("U$S")
	case "CHF":
		add("Fr.")
		add("SFr.")
	case "JPY":
		add("円")
	case "CNY":
		add("元")
		add("RMB")
	case "KRW":
		add("원")
	case "GBP":
		add("UK£")
	}
	best := 0
	for _, m := range cand[:n] {
		if len(m) > len(t) || len(m) <= best {
			continue
		}
		if atStart && strings.EqualFold(t[:len(m)], m) || !atStart && strings.EqualFold(t[len(t)-len(m):], m) {
			best = len(m)
		}
	}
	return best
}

// spaceSep reports whether r is a space that may group digits.
func spaceSep(r rune) bool {
	switch r {
	case '\u00A0', '\u202F', '\u2009', '\u2007', '\u2008', '\u200A', '’', '\u02BC':
		return true
	}
	return false
}

// looksGrouped reports whether the only separator in t, at byte at, may
// group thousands: 1 to 3 digits (not starting with 0) before it, exactly
// 3 digits after it.
func looksGrouped(t string, at int) bool {
	before, after := t[:at], t[at+1:]
	return len(after) == 3 && allDigits(after) && len(before) >= 1 && len(before) <= 3 && allDigits(before) && before[0] != '0'
}

// isDigit reports whether ch is an ASCII digit.
func isDigit(ch byte) bool { return ch >= '0' && ch <= '9' }

// allDigits reports whether s is only ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// groupsOK reports whether s (the integer part of a number) is digits,
// either ungrouped or grouped by one kind of separator ('.', ',', an
// apostrophe or a space of any kind): 1 to 3 digits, then groups of
// exactly 3; or Indian lakh grouping: 1 or 2 digits, groups of 2, then a
// last group of 3.
func groupsOK(s string) bool {
	var sepKind byte // '.', ',', '\'' or ' '
	var groups [32]int
	ng, cur := 0, 0
	for i := 0; i < len(s); {
		ch := s[i]
		var kind byte
		size := 1
		switch {
		case ch >= '0' && ch <= '9':
			cur++
			i++
			continue
		case ch == '.' || ch == ',' || ch == '\'':
			kind = ch
		case ch == ' ':
			kind = ' '
		default:
			r, sz := utf8.DecodeRuneInString(s[i:])
			size = sz
			switch {
			case r == '’' || r == '\u02BC':
				kind = '\''
			case spaceSep(r):
				kind = ' '
			default:
				return false
			}
		}
		if sepKind != 0 && kind != sepKind || ng == len(groups)-1 {
			return false
		}
		sepKind = kind
		groups[ng] = cur
		ng++
		cur = 0
		i += size
	}
	if ng == 0 {
		return true
	}
	groups[ng] = cur
	ng++
	gs := groups[:ng]
	if gs[len(gs)-1] != 3 {
		return false
	}
	western, indian := gs[0] >= 1 && gs[0] <= 3, gs[0] >= 1 && gs[0] <= 2
	for _, g := range gs[1 : len(gs)-1] {
		western = western && g == 3
		indian = indian && g == 2
	}
	return western || indian
}

// trimSpace trims ASCII and Unicode white space (including no-break
// spaces) from both ends of s without allocating.
func trimSpace(s string) string {
	start := 0
	for start < len(s) {
		ch := s[start]
		if ch < utf8.RuneSelf {
			if ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\v' && ch != '\f' {
				break
			}
			start++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[start:])
		if !unicode.IsSpace(r) && r != '\u202F' && r != '\u200B' && r != '\uFEFF' {
			break
		}
		start += size
	}
	end := len(s)
	for end > start {
		ch := s[end-1]
		if ch < utf8.RuneSelf {
			if ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\v' && ch != '\f' {
				break
			}
			end--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) && r != '\u202F' && r != '\u200B' && r != '\uFEFF' {
			break
		}
		end -= size
	}
	return s[start:end]
}

// isBlank reports whether s is empty or white space only.
func isBlank(s string) bool { return trimSpace(s) == "" }

// DetectDecimal guesses the decimal separator of the numbers in samples:
// '.' or ','. A value with both separators votes for the last one; one
// with a separator that repeats ("1.234.567") votes for the other one; one
// with a single separator that cannot group thousands ("1,5", "0.125",
// "1234.5") votes for it. Values like "1.234" only count when nothing else
// decides. It returns 0 when the samples give no evidence (whole numbers
// only) or are evenly split.
func DetectDecimal(samples []string) rune {
	var dot, comma, weakDot, weakComma int
	for _, s := range samples {
		// The numeric core: from the first to the last digit.
		first, last := -1, -1
		for i := 0; i < len(s); i++ {
			if s[i] >= '0' && s[i] <= '9' {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 {
			continue
		}
		t := s[first : last+1]
		nDot, nComma := strings.Count(t, "."), strings.Count(t, ",")
		lastDot, lastComma := strings.LastIndexByte(t, '.'), strings.LastIndexByte(t, ',')
		switch {
		case nDot > 0 && nComma > 0:
			if lastDot > lastComma {
				dot++
			} else {
				comma++
			}
		case nDot > 1:
			comma++
		case nComma > 1:
			dot++
		case nDot == 1 && looksGrouped(t, lastDot):
			weakComma++
		case nComma == 1 && looksGrouped(t, lastComma):
			weakDot++
		case nDot == 1:
			dot++
		case nComma == 1:
			comma++
		}
	}
	switch {
	case dot > comma:
		return '.'
	case comma > dot:
		return ','
	case dot > 0: // a tie
		return 0
	case weakDot > weakComma:
		return '.'
	case weakComma > weakDot:
		return ','
	}
	return 0
}
