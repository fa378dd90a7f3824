package importer

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Years outside this range are refused: they are typos or not dates.
const (
	minYear = 1900
	maxYear = 2199
)

// ParseDate reads the day a sale happened and returns UTC midnight of it.
//
// It reads ISO dates (2026-03-01, 2026/03/01, 20260301); day, month and
// year separated by '/', '.', '-' or spaces, with 2- or 4-digit years
// (00-69 are 2000-2069, 70-99 are 1970-1999), in the given order (dmy or
// mdy; with "" or ymd a value is read only if just one of dmy and mdy fits
// it); month names in English, German, French, Spanish, Italian, Dutch and
// Portuguese, full or abbreviated ("1 Mar 2026", "Mar 1, 2026", "1st of
// March 2026", "Sunday, March 1, 2026"); Excel serial day numbers in the
// 1900 date system ("45352", "45352.5"; 60 is Excel's non-existent 29
// February 1900); and any of these followed by a time, which is ignored
// ("2026-03-01 14:30", "2026-03-01T14:30:00Z", "01/03/2026 2:30 PM").
//
// Invalid dates such as 31/02/2026 and years outside 1900-2199 are errors
// whose message is a sentence naming the value.
func ParseDate(s string, order DateOrder) (time.Time, error) {
	t := trimSpace(s)
	if t == "" {
		return time.Time{}, errorf("The date is empty.")
	}
	// Fast path: ISO yyyy-mm-dd, optionally followed by a time.
	if len(t) >= 10 && t[4] == '-' && t[7] == '-' && isDigits(t[0:4]) && isDigits(t[5:7]) && isDigits(t[8:10]) &&
		(len(t) == 10 || (t[10] == 'T' || t[10] == ' ') && timeOK(t[11:])) {
		return makeDate(s, atoi(t[0:4]), atoi(t[5:7]), atoi(t[8:10]))
	}
	if serialLike(t) {
		return parseSerial(s, t)
	}
	var tk dateTokens
	if err := tk.split(s, t); err != nil {
		return time.Time{}, err
	}
	return tk.date(s, order)
}

// isDigits reports whether s is non-empty and only ASCII digits.
func isDigits(s string) bool { return s != "" && allDigits(s) }

// atoi converts a short string of ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// serialLike reports whether t is digits with an optional fraction: an
// Excel serial day number or a compact yyyymmdd date.
func serialLike(t string) bool {
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 || i > 8 {
		return false
	}
	if i == len(t) {
		return true
	}
	if t[i] != '.' && t[i] != ',' || i > 7 {
		return false
	}
	return i+1 == len(t) || isDigits(t[i+1:])
}

// excelEpoch is day 0 of Excel's 1900 date system for serials after 60
// (Excel counts 29 February 1900, which did not exist).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseSerial reads an Excel serial day number, or a compact yyyymmdd date.
func parseSerial(s, t string) (time.Time, error) {
	whole := t
	if i := strings.IndexAny(t, ".,"); i >= 0 {
		whole = t[:i]
	}
	if len(whole) == 8 && len(t) == 8 {
		return makeDate(s, atoi(whole[:4]), atoi(whole[4:6]), atoi(whole[6:]))
	}
	n := atoi(whole)
	switch {
	case n < 1:
		return time.Time{}, errorf("%s is not a date: as an Excel day number it comes before 1 January 1900.", show(s))
	case n == 60:
		return time.Time{}, errorf("%s is not a real date: it is Excel's 29 February 1900, a day that did not exist.", show(s))
	case n < 60:
		n++ // before Excel's phantom leap day
	}
	d := excelEpoch.AddDate(0, 0, n)
	if d.Year() > maxYear {
		return time.Time{}, errorf("%s is not a date Salesplan accepts: as an Excel day number it is in the year %d (Salesplan accepts %d to %d).", show(s), d.Year(), minYear, maxYear)
	}
	return d, nil
}

// daysIn returns the number of days of month m in year y.
func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// makeDate checks y-m-d and returns it as UTC midnight.
func makeDate(s string, y, m, d int) (time.Time, error) {
	switch {
	case m < 1 || m > 12:
		return time.Time{}, errorf("%s is not a real date (there is no month %d).", show(s), m)
	case d < 1:
		return time.Time{}, errorf("%s is not a real date (there is no day %d).", show(s), d)
	case d > daysIn(y, m):
		return time.Time{}, errorf("%s is not a real date (%s %d has %d days).", show(s), time.Month(m), y, daysIn(y, m))
	case y < minYear || y > maxYear:
		return time.Time{}, errorf("%s is in the year %d; Salesplan accepts dates from %d to %d.", show(s), y, minYear, maxYear)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// timeOK reports whether t looks like the time part of a date and time:
// h:mm, optionally :ss and a fraction, then in any order AM/PM, a zone
// name (Z, UTC, GMT) and an offset (+01:00, -0500).
func timeOK(t string) bool {
	t = trimSpace(t)
	i := 0
	num := func(maxd, maxv int) bool {
		j, v := i, 0
		for i < len(t) && t[i] >= '0' && t[i] <= '9' && i-j < maxd {
			v = v*10 + int(t[i]-'0')
			i++
		}
		return i > j && v <= maxv
	}
	if !num(2, 24) || i >= len(t) || t[i] != ':' {
		return false
	}
	i++
	if !num(2, 59) {
		return false
	}
	if i < len(t) && t[i] == ':' {
		i++
		if !num(2, 60) {
			return false
		}
		if i < len(t) && (t[i] == '.' || t[i] == ',') {
			i++
			if !num(9, 999999999) {
				return false
			}
		}
	}
	for parts := 0; parts < 3; parts++ {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		if i == len(t) {
			return true
		}
		rest := t[i:]
		matched := false
		for _, w := range [...]string{"a.m.", "p.m.", "am", "pm", "utc", "gmt", "z"} {
			if len(rest) >= len(w) && strings.EqualFold(rest[:len(w)], w) {
				i += len(w)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		if rest[0] != '+' && rest[0] != '-' {
			return false
		}
		i++
		if !num(2, 14) {
			return false
		}
		if i < len(t) && t[i] == ':' {
			i++
		}
		if i < len(t) && t[i] >= '0' && t[i] <= '9' && !num(2, 59) {
			return false
		}
	}
	for i < len(t) && t[i] == ' ' {
		i++
	}
	return i == len(t)
}

// dateTok is one token of a date: a run of digits or of letters.
type dateTok struct {
	num   bool
	val   int    // the number (num)
	nd    int    // its digits (num)
	word  string // the letters, as written (!num)
	month int    // the month the word names, 0 if none
	sep   byte   // the separator before the token, 0 if none
}

// dateTokens is a date taken apart into at most 3 parts.
type dateTokens struct {
	tok [3]dateTok
	n   int
}

// split takes t apart into numbers and month names, dropping a time,
// weekday names and ordinal suffixes ("1st").
func (d *dateTokens) split(s, t string) error {
	bad := func() error {
		return errorf("%s is not a date Salesplan understands; write it like 2026-03-01, 01/03/2026 or 1 Mar 2026.", show(s))
	}
	var sep byte
	prevNum := false // the previous token was a number right before this one
	for i := 0; i < len(t); {
		ch := t[i]
		switch {
		case ch >= '0' && ch <= '9':
			j := i
			for j < len(t) && t[j] >= '0' && t[j] <= '9' {
				j++
			}
			if j < len(t) && t[j] == ':' { // a time starts here
				if !timeOK(t[i:]) {
					return bad()
				}
				return nil
			}
			if j-i > 4 || d.n == len(d.tok) {
				return bad()
			}
			d.tok[d.n] = dateTok{num: true, val: atoi(t[i:j]), nd: j - i, sep: sep}
			d.n++
			sep = 0
			prevNum = true
			i = j
			continue
		case ch == '/' || ch == '.' || ch == '-' || ch == ',' || ch == ' ' || ch == '\t':
			if sep == 0 || sep == ' ' || sep == ',' {
				sep = ch
			}
			i++
		default:
			j := i
			for j < len(t) {
				r, size := utf8.DecodeRuneInString(t[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += size
			}
			if j == i {
				return bad()
			}
			w := t[i:j]
			lw := strings.ToLower(w)
			i = j
			switch {
			case prevNum && sep == 0 && (lw == "st" || lw == "nd" || lw == "rd" || lw == "th" || lw == "er" || lw == "e"):
				// ordinal suffix: "1st", "1er"
			case lw == "of" || lw == "de" || lw == "del" || lw == "the":
			case weekday(lw):
			case lw == "t" && prevNum && sep == 0 && i < len(t) && t[i] >= '0' && t[i] <= '9':
				// the ISO "T" before a time
			default:
				m := monthNumber(lw)
				if m == 0 || d.n == len(d.tok) {
					return bad()
				}
				d.tok[d.n] = dateTok{word: w, month: m, sep: sep}
				d.n++
			}
			sep = 0
			prevNum = false
			continue
		}
		prevNum = false
	}
	return nil
}

// date interprets the tokens as a date.
func (d *dateTokens) date(s string, order DateOrder) (time.Time, error) {
	bad := func() (time.Time, error) {
		return time.Time{}, errorf("%s is not a date Salesplan understands; write it like 2026-03-01, 01/03/2026 or 1 Mar 2026.", show(s))
	}
	if d.n != 3 {
		if d.n == 2 {
			return time.Time{}, errorf("%s is not a full date: it needs a day, a month and a year.", show(s))
		}
		return bad()
	}
	a, b, c := d.tok[0], d.tok[1], d.tok[2]
	year := func(t dateTok) (int, bool) {
		switch t.nd {
		case 4:
			return t.val, true
		case 2:
			if t.val < 70 {
				return 2000 + t.val, true
			}
			return 1900 + t.val, true
		}
		return 0, false
	}
	switch {
	case a.num && b.num && c.num:
		if a.nd == 4 || a.nd == 3 { // year first
			if a.nd == 3 || b.nd > 2 || c.nd > 2 {
				return bad()
			}
			return makeDate(s, a.val, b.val, c.val)
		}
		if a.nd > 2 || b.nd > 2 {
			return bad()
		}
		if order == YMD && c.nd <= 2 && a.nd == 2 {
			y, _ := year(a)
			return makeDate(s, y, b.val, c.val)
		}
		y, ok := year(c)
		if !ok {
			return bad()
		}
		switch order {
		case DMY:
			return makeDate(s, y, b.val, a.val)
		case MDY:
			return makeDate(s, y, a.val, b.val)
		}
		switch {
		case a.val == b.val || a.val > 12 && b.val <= 12:
			return makeDate(s, y, b.val, a.val)
		case b.val > 12 && a.val <= 12:
			return makeDate(s, y, a.val, b.val)
		case a.val > 12 && b.val > 12:
			return time.Time{}, errorf("%s is not a real date (there is no month %d).", show(s), min(a.val, b.val))
		}
		return time.Time{}, errorf("%s could be %d %s or %s %d; choose the date order (day/month or month/day).",
			show(s), a.val, time.Month(b.val), time.Month(a.val), b.val)
	case a.num && b.month > 0 && c.num: // 1 Mar 2026, 2026-Mar-01
		if a.nd == 4 {
			if c.nd > 2 {
				return bad()
			}
			return makeDate(s, a.val, b.month, c.val)
		}
		y, ok := year(c)
		if !ok || a.nd > 2 {
			return bad()
		}
		return makeDate(s, y, b.month, a.val)
	case a.month > 0 && b.num && c.num: // Mar 1, 2026
		y, ok := year(c)
		if !ok || b.nd > 2 {
			return bad()
		}
		return makeDate(s, y, a.month, b.val)
	}
	return bad()
}

// weekday reports whether the lower-case word w names a day of the week
// in English.
func weekday(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs", "thursday",
		"fri", "friday", "sat", "saturday", "sun", "sunday":
		return true
	}
	return false
}

// monthNames maps month names (lower case) in several languages to their
// month. An abbreviation is any prefix of at least 3 letters that names one
// month only; the listed short forms are those that are not prefixes.
var monthNames = [...]struct {
	name  string
	month int
}{
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
	{"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
	{"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"mrz", 3}, {"mai", 5}, {"juni", 6},
	{"juli", 7}, {"oktober", 10}, {"dezember", 12},
	{"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6}, {"juillet", 7},
	{"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12}, {"decembre", 12},
	{"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6}, {"julio", 7},
	{"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
	{"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6}, {"luglio", 7},
	{"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
	{"januari", 1}, {"februari", 2}, {"maart", 3}, {"mrt", 3}, {"mei", 5}, {"augustus", 8},
	{"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7},
	{"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
}

// monthNumber returns the month the lower-case word w names (1-12), or 0.
func monthNumber(w string) int {
	w = strings.TrimSuffix(w, ".")
	if utf8.RuneCountInString(w) < 3 {
		return 0
	}
	found := 0
	for _, m := range monthNames {
		if m.name == w {
			return m.month
		}
		if strings.HasPrefix(m.name, w) {
			if found != 0 && found != m.month {
				return 0 // "jui": juin or juillet
			}
			found = m.month
		}
	}
	return found
}

// DetectDateOrder looks at sample dates and says whether numeric dates
// such as 01/03/2026 are day/month/year or month/day/year. A value whose
// first number is above 12 shows dmy, one whose second number is above 12
// shows mdy. ambiguous is true when the samples fit both (every day is 12
// or less) or contradict each other; order is then the best guess (the
// majority, else dmy). Samples that need no order (ISO dates, month names,
// Excel serials) give ymd, not ambiguous; no readable samples give "".
func DetectDateOrder(samples []string) (order DateOrder, ambiguous bool) {
	var dmy, mdy, both, other int
	for _, s := range samples {
		t := trimSpace(s)
		if t == "" {
			continue
		}
		if serialLike(t) {
			other++
			continue
		}
		var tk dateTokens
		if tk.split(s, t) != nil || tk.n != 3 {
			continue
		}
		a, b, c := tk.tok[0], tk.tok[1], tk.tok[2]
		if !(a.num && b.num && c.num) || a.nd > 2 || b.nd > 2 || c.nd != 4 && c.nd != 2 {
			if _, err := tk.date(s, YMD); err == nil {
				other++
			}
			continue
		}
		switch {
		case a.val > 12 && b.val <= 12 && a.val <= 31:
			dmy++
		case b.val > 12 && a.val <= 12 && b.val <= 31:
			mdy++
		case a.val <= 12 && b.val <= 12 && a.val > 0 && b.val > 0:
			both++
		}
	}
	switch {
	case dmy > 0 && mdy > 0:
		if mdy > dmy {
			return MDY, true
		}
		return DMY, true
	case dmy > 0:
		return DMY, false
	case mdy > 0:
		return MDY, false
	case both > 0:
		return DMY, true
	case other > 0:
		return YMD, false
	}
	return "", false
}
