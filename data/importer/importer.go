// Package importer reads a business's sales history from the spreadsheet it
// already has (CSV or Excel xlsx) and validates every row, without the file
// having to be edited first.
//
// The flow is: Sniff guesses how to read a file and which column holds what
// (a Preview for the mapping step); the user may correct the Format and the
// Mapping; Scan then streams the whole file once, parsing every row, and
// hands each accepted row to a callback while counting and listing the
// rejected ones. Scan never holds all rows in memory, so files of several
// gigabytes are fine.
//
// Every error meant for a person is an *app.Error (code app.ErrInvalid)
// whose message is a plain sentence; row problems are Rejects, which name
// the line (or sheet row) and the column.
package importer

import (
	"fmt"
	"strconv"
	"time"

	"salesplan/app"
)

// Field is a column Salesplan understands.
type Field string

// The fields Salesplan imports. Date and Amount are required.
const (
	Date        Field = "date"
	Amount      Field = "amount"
	Quantity    Field = "quantity"
	Product     Field = "product"
	Group       Field = "group"
	Region      Field = "region"
	Customer    Field = "customer"
	Salesperson Field = "salesperson"
	Channel     Field = "channel"
)

// Fields returns every field in display order; Date and Amount (the first
// two) are required.
func Fields() []Field {
	return []Field{Date, Amount, Quantity, Product, Group, Region, Customer, Salesperson, Channel}
}

// Required reports whether a mapping must name a column for f.
func (f Field) Required() bool { return f == Date || f == Amount }

// Label returns the field's name for people, e.g. "Sales person".
func (f Field) Label() string {
	switch f {
	case Date:
		return "Date"
	case Amount:
		return "Amount"
	case Quantity:
		return "Quantity"
	case Product:
		return "Product"
	case Group:
		return "Product group"
	case Region:
		return "Region"
	case Customer:
		return "Customer"
	case Salesperson:
		return "Sales person"
	case Channel:
		return "Channel"
	}
	return string(f)
}

// Kind is the kind of file: "csv" (any delimited text) or "xlsx".
type Kind string

// The kinds of file Salesplan reads.
const (
	CSV  Kind = "csv"
	XLSX Kind = "xlsx"
)

// Encodings of text files. A UTF-8 byte order mark is stripped; UTF-16
// files (Excel's "Unicode text") and UTF-32 files are recognised by their
// byte order mark, or without one by the zero bytes of their ASCII
// characters.
const (
	UTF8        = "utf-8"
	Windows1252 = "windows-1252"
	UTF16LE     = "utf-16le"
	UTF16BE     = "utf-16be"
	UTF32LE     = "utf-32le"
	UTF32BE     = "utf-32be"
)

// unitSize returns the bytes per code unit of a wide encoding (2 for
// UTF-16, 4 for UTF-32), 1 for the others.
func unitSize(enc string) int {
	switch enc {
	case UTF16LE, UTF16BE:
		return 2
	case UTF32LE, UTF32BE:
		return 4
	}
	return 1
}

// DateOrder says how a date written with numbers only is read: "dmy"
// (01/03/2026 is 1 March), "mdy" (January 3) or "ymd". Four-digit-year-first
// dates (2026-03-01) and dates with month names are read the same way
// whatever the order.
type DateOrder string

// The date orders.
const (
	DMY DateOrder = "dmy"
	MDY DateOrder = "mdy"
	YMD DateOrder = "ymd"
)

// Format says how to read a file. Sniff fills it in; the user may override
// any part. Scan detects the parts left at their zero value (Kind "",
// Delimiter 0, Encoding "", DateOrder "", Decimal 0) the way Sniff does.
type Format struct {
	Kind      Kind
	Delimiter rune     // ',', ';', '\t' or '|' (csv)
	Encoding  string   // UTF8 or Windows1252 (or UTF16LE/UTF16BE/UTF32LE/UTF32BE) (csv)
	Sheet     string   // the xlsx sheet to read
	Sheets    []string // xlsx: every sheet name, for a picker (Scan ignores it)
	// HeaderRow is the 0-based index of the header row; rows above it are
	// titles or blank and are skipped. For xlsx it counts sheet rows (row
	// 3 is HeaderRow 2); for csv it counts records, where completely empty
	// lines do not count. -1 means the file has no header row: columns are
	// then named "Column A", "Column B", ... and data starts at the top.
	HeaderRow int
	DateOrder DateOrder // "" = detect; Scan fails if the dates are ambiguous
	Decimal   rune      // '.' or ',' in amounts and quantities; 0 = detect, then decide per value
}

// Mapping says which column (0-based index) holds each field; a field that
// is absent is not imported.
type Mapping map[Field]int

// Preview is what the mapping step shows.
type Preview struct {
	Format  Format
	Headers []string   // one per column; empty headers become "Column C"
	Rows    [][]string // the first 20 data rows as text, each len(Headers) long
	Mapping Mapping    // guessed by GuessMapping
	// DateOrderAmbiguous is true when the sample dates fit both day/month
	// and month/day (or contradict each other): the UI must ask, the CLI
	// needs --date-order. Format.DateOrder is then "".
	DateOrderAmbiguous bool
	DetectedDateOrder  DateOrder // the order detected (the best guess when ambiguous)

	sample [][]string // up to sampleRows raw data rows, for Remap
}

// Remap sets p.Mapping to m and detects the date order and decimal
// separator again for the newly mapped columns, from the sample of rows
// Sniff read (up to 2000). Call it when the user changes the mapping, then
// apply any date order or decimal separator the user chose explicitly.
func (p *Preview) Remap(m Mapping) {
	p.Mapping = m
	detectForMapping(p)
}

// Options for a scan.
type Options struct {
	Currency         app.Currency // the business currency; required
	Mapping          Mapping      // nil = GuessMapping of the header
	Format           Format       // zero fields are detected
	MaxRejectsListed int          // how many Rejects Summary lists; 0 = 1000, negative = none
	// Progress, if set, is called now and then and once at the end. For csv
	// bytesDone and bytesTotal are bytes of the file; for xlsx, where
	// progress in bytes is unknown, both are 0.
	Progress func(rowsDone int64, bytesDone, bytesTotal int64)
}

// Reject is one rejected row.
type Reject struct {
	Line   int    // file line where the row starts (csv) or sheet row (xlsx), 1-based
	Column string // the header of the column at fault ("" when the whole row is at fault)
	Field  Field  // the field of that column ("" when the whole row is at fault)
	Value  string // the value at fault (at most 200 characters)
	Reason string // a sentence, e.g. "31/02/2026 is not a real date (February 2026 has 28 days)."
	Key    string // the short reason key counted in Summary.ByReason, e.g. "bad date"
}

// String returns the reject as one sentence naming the line and column,
// e.g. `Line 7, column "Date": 31/02/2026 is not a real date (...).`
func (r Reject) String() string {
	if r.Column == "" {
		return fmt.Sprintf("Line %d: %s", r.Line, r.Reason)
	}
	return fmt.Sprintf("Line %d, column %q: %s", r.Line, r.Column, r.Reason)
}

// Reason keys counted in Summary.ByReason.
const (
	KeyMissingDate   = "missing date"
	KeyBadDate       = "bad date"
	KeyMissingAmount = "missing amount"
	KeyBadAmount     = "bad amount"
	KeyBadQuantity   = "bad quantity"
	KeyRaggedRow     = "ragged row"
	KeyBadQuotes     = "bad quotes"
	KeyTextTooLong   = "text too long"
	KeyBadText       = "unreadable text"
	KeyTotalTooLarge = "total too large"
)

// Summary is the result of a validation or import pass.
type Summary struct {
	Rows     int64            // data rows read, not counting blank ones: Accepted + Rejected
	Accepted int64            // rows that were (or would be) imported
	Rejected int64            // rows with a problem
	Blank    int64            // completely empty rows, skipped silently
	ByReason map[string]int64 // rejected rows by short reason key ("bad date", "missing amount", ...)
	Rejects  []Reject         // the first MaxRejectsListed rejected rows
	First    time.Time        // the earliest date of an accepted row (zero if none)
	Last     time.Time        // the latest date of an accepted row (zero if none)
	Total    int64            // sum of accepted amounts, minor units
	// Rounded counts the accepted amounts that had more decimals than the
	// currency and were rounded half away from zero to its minor unit;
	// RoundedMaxChange is the largest change that made, in major units
	// (0.005 at most for EUR).
	Rounded          int64
	RoundedMaxChange float64
	SHA256           string // hex SHA-256 of the whole file's bytes
	Format           Format // the format actually used, detected parts filled in
}

// MaxTextRunes is the longest text value (product, customer, ...) Salesplan
// accepts; longer values are rejected rather than cut.
const MaxTextRunes = 500

// sampleRows is how many data rows Sniff (and Scan's own detection) read to
// detect the date order and decimal separator.
const sampleRows = 2000

// previewRows is how many data rows a Preview shows.
const previewRows = 20

// errorf returns an *app.Error with code app.ErrInvalid.
func errorf(format string, args ...any) error {
	return app.Errorf(app.ErrInvalid, format, args...)
}

// show returns a value fit for a message: trimmed, at most 40 characters,
// unprintable characters replaced.
func show(s string) string {
	return showN(s, 40)
}

// showN is show with a limit of n characters.
func showN(s string, n int) string { return app.ShowInput(s, n) }

// columnName returns the spreadsheet letter name of 0-based column i:
// 0 → "A", 26 → "AA".
func columnName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// RoundingNote returns the sentence telling the user that amounts were
// rounded to the currency's minor unit, e.g. "4 amounts had more decimals
// than EUR has and were rounded half away from zero to 2 decimals; the
// largest change was 0.005 EUR." It is "" when nothing was rounded.
// formatInt writes the count (nil: plain digits).
func (s Summary) RoundingNote(c app.Currency, formatInt func(int64) string) string {
	if s.Rounded == 0 {
		return ""
	}
	n := strconv.FormatInt(s.Rounded, 10)
	if formatInt != nil {
		n = formatInt(s.Rounded)
	}
	what, were := "amounts had", "were"
	if s.Rounded == 1 {
		what, were = "amount had", "was"
	}
	to := fmt.Sprintf("%d decimals", c.Digits)
	switch c.Digits {
	case 0:
		to = "whole units"
	case 1:
		to = "1 decimal"
	}
	return fmt.Sprintf("%s %s more decimals than %s has and %s rounded half away from zero to %s; the largest change was %s %s.",
		n, what, c.Code, were, to,
		strconv.FormatFloat(s.RoundedMaxChange, 'f', -1, 64), c.Code)
}
