package importer

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/transform"

	"salesplan/app"
)

// maxRecordBytes is the longest single csv record Salesplan reads; a longer
// one almost always means a quote mark that is never closed.
const maxRecordBytes = 64 << 20

// Scan streams the file at path once, parsing and validating every row.
// Each accepted row goes to emit, in file order; emit may be nil for a
// validation-only pass, and an error from emit stops the scan and is
// returned as is. Cancelling ctx stops the scan with ctx.Err(). Memory
// stays bounded whatever the file size.
//
// opt.Format parts left at their zero value are detected from the start of
// the file like Sniff does (with Kind "" everything is, the header row
// included); opt.Mapping nil means GuessMapping of the header. If the date
// order is still unknown and the sample dates are ambiguous, Scan fails
// before reading any row: the caller must choose the order.
//
// Rows with a problem are counted and listed in the Summary, not returned
// as errors. A non-nil error means the file itself could not be read (it is
// empty, not a spreadsheet, has a header but no rows, has a quote mark that
// is never closed at line N, ...) or the options are unusable: then nothing
// must be imported, even if emit was already called for some rows.
func Scan(ctx context.Context, path string, opt Options, emit func(app.Sale) error) (Summary, error) {
	sum := Summary{ByReason: map[string]int64{}}
	if opt.Currency.Code == "" {
		return sum, errorf("Choose the currency of the amounts before importing.")
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	f := opt.Format
	m := opt.Mapping
	// Spreadsheet number cells do not need the decimal separator, so an
	// xlsx file is only opened twice when something else is unknown.
	needHead := f.Kind == "" || m == nil || f.DateOrder == "" ||
		f.Kind == CSV && (f.Delimiter == 0 || f.Encoding == "" || f.Decimal == 0)
	if needHead {
		h, err := readHead(path, f, f.Kind == "")
		if err != nil {
			return sum, err
		}
		if h.dataRows == 0 {
			return sum, noRowsError(path, h)
		}
		if m == nil {
			m = GuessMapping(h.headers)
		}
		keepOrder, keepDec := f.DateOrder, f.Decimal
		p := Preview{Format: h.format, Mapping: m, sample: h.rows}
		detectForMapping(&p)
		f = h.format
		f.DateOrder, f.Decimal = keepOrder, keepDec
		if f.DateOrder == "" {
			if p.DateOrderAmbiguous {
				col := ""
				if c := m[Date]; c >= 0 && c < len(h.headers) {
					col = fmt.Sprintf(" in column %q", h.headers[c])
				}
				return sum, errorf("The dates%s fit both day/month/year and month/day/year; choose the date order before importing.", col)
			}
			f.DateOrder = p.DetectedDateOrder
		}
		if f.Decimal == 0 {
			f.Decimal = p.Format.Decimal
		}
	}
	if err := checkMapping(m); err != nil {
		return sum, err
	}
	sum.Format = f
	p := newRowProc(opt, f, m, &sum)
	var err error
	switch f.Kind {
	case CSV:
		err = scanCSV(ctx, path, f, p, emit, opt.Progress)
	case XLSX:
		err = scanXLSX(ctx, path, f, p, emit, opt.Progress)
	default:
		err = errorf("Salesplan reads CSV and xlsx files, not %q.", string(f.Kind))
	}
	if err != nil {
		return sum, err
	}
	if sum.Rows == 0 {
		if p.sawHeader {
			return sum, errorf("%s has a header but no rows of data.", filepath.Base(path))
		}
		return sum, errorf("%s has no rows of data.", filepath.Base(path))
	}
	return sum, nil
}

// checkMapping returns an error unless m maps Date and Amount to valid
// column indexes.
func checkMapping(m Mapping) error {
	for _, f := range []Field{Date, Amount} {
		if _, ok := m[f]; !ok {
			return errorf("Choose the column that holds the %s.", strings.ToLower(f.Label()))
		}
	}
	for f, c := range m {
		if c < 0 || c > 1<<20 {
			return errorf("The column chosen for %s does not exist.", strings.ToLower(f.Label()))
		}
	}
	return nil
}

// textCol is a mapped text field.
type textCol struct {
	field Field
	col   int
}

// rowProc parses and validates rows, whatever the kind of file.
type rowProc struct {
	cur        app.Currency
	headers    []string
	sawHeader  bool
	dateCol    int
	amountCol  int
	qtyCol     int // -1 if not mapped
	texts      []textCol
	need       int // cells a csv row needs: 1 + the largest mapped column
	order      DateOrder
	decimal    rune
	xlsx       bool
	date1904   bool
	checkUTF8  bool
	maxRejects int
	sum        *Summary

	maxChange int64 // the largest rounding change so far, 1/ChangeScale minor units

	lastDate    string // a one-entry cache: rows often share a date
	lastDateVal time.Time
	lastDateErr error
}

// newRowProc prepares a rowProc for format f and mapping m.
func newRowProc(opt Options, f Format, m Mapping, sum *Summary) *rowProc {
	p := &rowProc{cur: opt.Currency, order: f.DateOrder, decimal: f.Decimal, xlsx: f.Kind == XLSX,
		checkUTF8: f.Kind == CSV && (f.Encoding == UTF8 || f.Encoding == ""), sum: sum, qtyCol: -1}
	p.maxRejects = opt.MaxRejectsListed
	if p.maxRejects == 0 {
		p.maxRejects = 1000
	}
	p.dateCol, p.amountCol = m[Date], m[Amount]
	if c, ok := m[Quantity]; ok {
		p.qtyCol = c
	}
	for _, fl := range Fields() {
		c, ok := m[fl]
		if !ok {
			continue
		}
		p.need = max(p.need, c+1)
		switch fl {
		case Date, Amount, Quantity:
		default:
			p.texts = append(p.texts, textCol{fl, c})
		}
	}
	return p
}

// column returns the header of column c for a Reject.
func (p *rowProc) column(c int) string {
	if c >= 0 && c < len(p.headers) {
		return p.headers[c]
	}
	return "Column " + columnName(c)
}

// setHeader records the header row.
func (p *rowProc) setHeader(rec []string) {
	p.sawHeader = true
	p.headers = headerNames(rec, max(len(rec), p.need))
}

// reject counts and (while there is room) lists a rejected row.
func (p *rowProc) reject(line, col int, f Field, value, key, reason string) {
	p.sum.Rejected++
	p.sum.ByReason[key]++
	if p.maxRejects > 0 && len(p.sum.Rejects) < p.maxRejects {
		r := Reject{Line: line, Field: f, Value: cut(value, 200), Reason: reason, Key: key}
		if col >= 0 {
			r.Column = p.column(col)
		}
		p.sum.Rejects = append(p.sum.Rejects, r)
	}
}

// cut returns s cut to at most n runes.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k] + "…"
		}
		i++
	}
	return s
}

// cell returns trimmed cell i of rec, "" if rec is shorter.
func cell(rec []string, i int) string {
	if i < len(rec) {
		return trimSpace(rec[i])
	}
	return ""
}

// row parses and validates one record; an accepted row goes to emit.
func (p *rowProc) row(rec []string, line int, emit func(app.Sale) error) error {
	if blankRow(rec) {
		p.sum.Blank++
		return nil
	}
	p.sum.Rows++
	if !p.xlsx && len(rec) < p.need {
		missing := p.dateCol
		for _, c := range []int{p.dateCol, p.amountCol, p.qtyCol} {
			if c >= len(rec) {
				missing = c
				break
			}
		}
		if missing < len(rec) {
			for _, t := range p.texts {
				if t.col >= len(rec) {
					missing = t.col
					break
				}
			}
		}
		p.reject(line, -1, "", strings.Join(rec, " | "), KeyRaggedRow, fmt.Sprintf(
			"This row has only %d %s, but the column %q is number %d; a cell or a delimiter may be missing.",
			len(rec), plural(len(rec), "cell", "cells"), p.column(missing), missing+1))
		return nil
	}
	var s app.Sale
	s.Line = line

	dv := cell(rec, p.dateCol)
	if dv == "" {
		p.reject(line, p.dateCol, Date, dv, KeyMissingDate, "The date is missing.")
		return nil
	}
	d, err := p.date(dv)
	if err != nil {
		p.reject(line, p.dateCol, Date, dv, KeyBadDate, err.Error())
		return nil
	}
	s.Date = d

	av := cell(rec, p.amountCol)
	if av == "" {
		p.reject(line, p.amountCol, Amount, av, KeyMissingAmount, "The amount is missing.")
		return nil
	}
	var change int64
	if s.Amount, change, err = p.amount(av); err != nil {
		p.reject(line, p.amountCol, Amount, av, KeyBadAmount, err.Error())
		return nil
	}
	if p.qtyCol >= 0 {
		qv := cell(rec, p.qtyCol)
		if s.Quantity, err = p.quantity(qv); err != nil {
			p.reject(line, p.qtyCol, Quantity, qv, KeyBadQuantity, err.Error())
			return nil
		}
	}
	for _, t := range p.texts {
		v := cell(rec, t.col)
		if len(v) > MaxTextRunes {
			if n := utf8.RuneCountInString(v); n > MaxTextRunes {
				p.reject(line, t.col, t.field, v, KeyTextTooLong, fmt.Sprintf(
					"The text is %d characters long; Salesplan takes at most %d and does not cut text, so shorten it in the file.", n, MaxTextRunes))
				return nil
			}
		}
		if p.checkUTF8 && !utf8.ValidString(v) {
			p.reject(line, t.col, t.field, v, KeyBadText, "This text has characters that are not valid UTF-8; the file may be in another encoding, such as Windows-1252. Choose that encoding.")
			return nil
		}
		switch t.field {
		case Product:
			s.Product = v
		case Group:
			s.Group = v
		case Region:
			s.Region = v
		case Customer:
			s.Customer = v
		case Salesperson:
			s.Salesperson = v
		case Channel:
			s.Channel = v
		}
	}
	if s.Amount > 0 && p.sum.Total > math.MaxInt64-s.Amount || s.Amount < 0 && p.sum.Total < math.MinInt64-s.Amount {
		p.reject(line, p.amountCol, Amount, av, KeyTotalTooLarge, "Adding this amount would make the total of the file too large for Salesplan.")
		return nil
	}
	if emit != nil {
		if err := emit(s); err != nil {
			return err
		}
	}
	p.sum.Accepted++
	p.sum.Total += s.Amount
	if change > 0 {
		p.sum.Rounded++
		if change > p.maxChange {
			p.maxChange = change
			p.sum.RoundedMaxChange = changeMajor(change, p.cur.Digits)
		}
	}
	if p.sum.First.IsZero() || s.Date.Before(p.sum.First) {
		p.sum.First = s.Date
	}
	if s.Date.After(p.sum.Last) {
		p.sum.Last = s.Date
	}
	return nil
}

// plural returns one or many by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// date parses a date cell.
func (p *rowProc) date(v string) (time.Time, error) {
	if v == p.lastDate {
		return p.lastDateVal, p.lastDateErr
	}
	w := v
	if p.xlsx && p.date1904 && serialLike(v) {
		// The 1904 date system counts from 1 January 1904.
		whole := v
		if i := strings.IndexAny(v, ".,"); i >= 0 {
			whole = v[:i]
		}
		if len(whole) < 8 {
			w = strconv.Itoa(atoi(whole) + 1462)
		}
	}
	d, err := ParseDate(w, p.order)
	if err != nil && w != v {
		err = errorf("%s is not a date Salesplan accepts.", show(v))
	}
	p.lastDate, p.lastDateVal, p.lastDateErr = v, d, err
	return d, err
}

// amount parses an amount cell and returns it with the change rounding to
// the minor unit made (see ParseAmountRounding).
func (p *rowProc) amount(v string) (int64, int64, error) {
	if p.xlsx && machineNumber(v) {
		return ParseAmountRounding(roundMachine(v), p.cur, '.')
	}
	return ParseAmountRounding(v, p.cur, p.decimal)
}

// changeMajor converts a rounding change (1/ChangeScale minor units) to
// major units of a currency with digits decimals.
func changeMajor(change int64, digits int) float64 {
	den := float64(ChangeScale)
	for i := 0; i < digits && i < 7; i++ {
		den *= 10 // stays an exact power of ten up to 1e22
	}
	return float64(change) / den
}

// quantity parses a quantity cell; empty is 0.
func (p *rowProc) quantity(v string) (float64, error) {
	if p.xlsx && machineNumber(v) {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return 0, errorf("%s is too large a quantity for Salesplan.", show(v))
		}
		return f, nil
	}
	return parseQuantity(v, p.decimal)
}

// machineNumber reports whether v is a number as a spreadsheet stores it:
// an optional minus, digits, an optional '.' and digits, an optional
// exponent. In an xlsx file such a value is a number cell (or text that
// reads the same), never one with thousands separators.
func machineNumber(v string) bool {
	i := 0
	if i < len(v) && v[i] == '-' {
		i++
	}
	d := i
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	if i == d {
		return false
	}
	if i < len(v) && v[i] == '.' {
		i++
		f := i
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			i++
		}
		if i == f {
			return false
		}
	}
	if i < len(v) && (v[i] == 'e' || v[i] == 'E') {
		i++
		if i < len(v) && (v[i] == '+' || v[i] == '-') {
			i++
		}
		e := i
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			i++
		}
		if i == e {
			return false
		}
	}
	return i == len(v)
}

// roundMachine rewrites a spreadsheet number with an exponent or more than
// 15 significant digits (binary floating-point noise such as
// 1234.5600000000002) as the plain decimal Excel shows, rounded to 15
// significant digits.
func roundMachine(v string) string {
	sig := 0
	for i := 0; i < len(v); i++ {
		if v[i] >= '0' && v[i] <= '9' && (sig > 0 || v[i] != '0') {
			sig++
		}
		if v[i] == 'e' || v[i] == 'E' {
			sig = 100
			break
		}
	}
	if sig <= 15 {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) {
		return v
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'e', 14, 64), 64)
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// progress reports progress now and then.
type progress struct {
	fn    func(rowsDone int64, bytesDone, bytesTotal int64)
	rows  int64
	total int64
	bytes func() int64
}

// step counts a row; every 4096 rows it checks ctx and reports progress.
func (pr *progress) step(ctx context.Context) error {
	pr.rows++
	if pr.rows&4095 != 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if pr.fn != nil && pr.rows&65535 == 0 {
		pr.report()
	}
	return nil
}

// report calls the progress function.
func (pr *progress) report() {
	if pr.fn == nil {
		return
	}
	var b int64
	if pr.bytes != nil {
		b = min(pr.bytes(), pr.total)
	}
	pr.fn(pr.rows, b, pr.total)
}

// hashCounter hashes and counts the bytes read through it.
type hashCounter struct {
	r io.Reader
	h hash.Hash
	n int64
}

// Read reads from the file, hashing and counting.
func (c *hashCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.h.Write(p[:n])
	return n, err
}

// errRecordTooLong stops a csv record that grows beyond maxRecordBytes.
var errRecordTooLong = errors.New("record too long")

// recordGuard fails a read when the current record has grown too long.
type recordGuard struct {
	r    io.Reader
	n    int64 // bytes delivered
	mark int64 // offset where the current record started
}

// Read reads unless the current record is too long.
func (g *recordGuard) Read(p []byte) (int, error) {
	if g.n-g.mark > maxRecordBytes {
		return 0, errRecordTooLong
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}

// crReader turns lone CR line ends (classic Mac) into LF.
type crReader struct{ r io.Reader }

// Read reads and replaces '\r' with '\n'.
func (c crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// csvSource reads csv records, turning quote problems that leave the rest
// of the file readable into row problems.
type csvSource struct {
	r       *csv.Reader
	pending bool
	prec    []string
	perr    error
}

// read returns the next record from the reader or the one put back.
func (c *csvSource) read() ([]string, error) {
	if c.pending {
		c.pending = false
		return c.prec, c.perr
	}
	return c.r.Read()
}

// next returns the next record and the line it starts at. A row problem
// (a stray quote mark) comes as rowErr with the line; err is io.EOF at the
// end or a problem that makes the rest of the file unreadable.
func (c *csvSource) next() (rec []string, line int, rowErr, err error) {
	rec, err = c.read()
	if err == nil {
		line, _ = c.r.FieldPos(0)
		return rec, line, nil, nil
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return nil, 0, nil, err
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return nil, pe.StartLine, errorf("This row has a quote mark (\") inside a value (line %d, character %d), so Salesplan cannot tell where its cells end. Remove the quote mark, or put the whole value in quotes and double the quote mark.", pe.Line, pe.Column), nil
	case errors.Is(pe.Err, csv.ErrQuote):
		if pe.Line == pe.StartLine {
			r2, e2 := c.r.Read()
			if e2 != io.EOF {
				c.pending, c.prec, c.perr = true, r2, e2
				return nil, pe.StartLine, errorf("This row has a quote mark (\") in the wrong place (line %d, character %d), so Salesplan cannot tell where its cells end.", pe.Line, pe.Column), nil
			}
		}
		return nil, 0, nil, errorf("A quote mark (\") that opens a value at line %d is never closed, so Salesplan cannot read the rest of the file. Fix that line and try again.", pe.StartLine)
	case errors.Is(pe.Err, errRecordTooLong):
		return nil, 0, nil, pe.Err
	}
	return nil, 0, nil, err
}

// scanCSV streams a delimited text file through p.
func scanCSV(ctx context.Context, path string, f Format, p *rowProc, emit func(app.Sale) error, progressFn func(int64, int64, int64)) error {
	if err := checkDelimiter(f.Delimiter); err != nil {
		return err
	}
	file, err := os.Open(path)
	if err != nil {
		return openError(path, err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return openError(path, err)
	}
	if st.Size() == 0 {
		return errorf("%s is empty.", filepath.Base(path))
	}
	hc := &hashCounter{r: file, h: sha256.New()}
	raw := bufio.NewReaderSize(hc, 1<<20)
	peek, _ := raw.Peek(64 << 10)
	if unitSize(f.Encoding) == 1 {
		if err := checkText(path, bytesTrimBOM(peek)); err != nil {
			return err
		}
	}
	dec, err := decoder(f.Encoding)
	if err != nil {
		return err
	}
	var r io.Reader = raw
	if dec == nil {
		if len(peek) >= 3 && string(peek[:3]) == "\xef\xbb\xbf" {
			raw.Discard(3)
		}
	} else {
		r = transform.NewReader(raw, dec)
	}
	if !containsByte(peek, '\n') && containsByte(peek, '\r') {
		r = crReader{r}
	}
	guard := &recordGuard{r: r}
	cr := newCSVReader(bufio.NewReaderSize(guard, 256<<10), f.Delimiter)
	src := csvSource{r: cr}
	pr := progress{fn: progressFn, total: st.Size(), bytes: func() int64 { return hc.n }}
	idx, lastLine := -1, 0
	if f.HeaderRow < 0 {
		p.setHeader(nil)
		p.sawHeader = false
	}
	for {
		if err := pr.step(ctx); err != nil {
			return err
		}
		rec, line, rowErr, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, errRecordTooLong) {
				return errorf("A row after line %d is longer than %d MB; a quote mark (\") is probably never closed. Fix the file and try again.", lastLine, maxRecordBytes>>20)
			}
			var ae *app.Error
			if errors.As(err, &ae) {
				return err
			}
			return readError(path, err)
		}
		guard.mark = cr.InputOffset()
		idx++
		if line > 0 {
			lastLine = line
		}
		if idx < f.HeaderRow {
			continue
		}
		if idx == f.HeaderRow {
			p.setHeader(rec)
			continue
		}
		if rowErr != nil {
			p.sum.Rows++
			p.reject(line, -1, "", "", KeyBadQuotes, rowErr.Error())
			continue
		}
		if err := p.row(rec, line, emit); err != nil {
			return err
		}
	}
	if _, err := io.Copy(io.Discard, hc); err != nil {
		return readError(path, err)
	}
	p.sum.SHA256 = hex.EncodeToString(hc.h.Sum(nil))
	pr.report()
	return nil
}

// bytesTrimBOM strips a UTF-8 byte order mark.
func bytesTrimBOM(b []byte) []byte {
	if len(b) >= 3 && string(b[:3]) == "\xef\xbb\xbf" {
		return b[3:]
	}
	return b
}

// containsByte reports whether b contains c.
func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// openXLSX opens a workbook with limits that keep a hostile file from
// exhausting memory.
func openXLSX(path string, size int64) (*excelize.File, error) {
	if size > maxXLSXBytes {
		return nil, errorf("%s is larger than %d MB, too large to read as an Excel workbook. Save it as CSV and import that.", filepath.Base(path), maxXLSXBytes>>20)
	}
	wb, err := excelize.OpenFile(path, excelize.Options{
		UnzipSizeLimit:    512 << 20,
		UnzipXMLSizeLimit: 64 << 20,
		RawCellValue:      true,
		ShortDatePattern:  "yyyy-mm-dd",
	})
	if err != nil {
		return nil, xlsxError(path, err)
	}
	return wb, nil
}

// xlsxError turns an excelize error into a sentence.
func xlsxError(path string, err error) error {
	var ae *app.Error
	if errors.As(err, &ae) {
		return err
	}
	base := filepath.Base(path)
	msg := fmt.Sprintf("%s could not be read as an Excel workbook; it may be damaged. Open it in Excel and save it again, or save it as CSV.", base)
	switch {
	case errors.Is(err, os.ErrNotExist), errors.Is(err, os.ErrPermission):
		return openError(path, err)
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		msg = fmt.Sprintf("%s is password-protected or not an .xlsx workbook. Save it as .xlsx without a password, or as CSV.", base)
	case strings.Contains(err.Error(), "unzip size"):
		msg = fmt.Sprintf("%s unpacks to more than Salesplan reads at once (512 MB). Save the sheet as CSV and import that.", base)
	case errors.Is(err, excelize.ErrMaxRows):
		msg = fmt.Sprintf("%s has a row number beyond Excel's limit; it may be damaged.", base)
	}
	return &app.Error{Code: app.ErrInvalid, Message: msg, Err: err}
}

// pickSheet returns the sheet to read: want if it exists, else the first
// visible sheet with data (or the first with data, or the first).
func pickSheet(path string, wb *excelize.File, want string, sheets []string) (string, error) {
	if len(sheets) == 0 {
		return "", errorf("%s has no sheets.", filepath.Base(path))
	}
	if want != "" {
		for _, s := range sheets {
			if s == want {
				return s, nil
			}
		}
		for _, s := range sheets {
			if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(want)) {
				return s, nil
			}
		}
		return "", errorf("%s has no sheet named %q; its sheets are %s.", filepath.Base(path), want, quoteList(sheets))
	}
	firstData := ""
	for _, s := range sheets {
		if !sheetHasData(wb, s) {
			continue
		}
		if vis, err := wb.GetSheetVisible(s); err == nil && vis {
			return s, nil
		}
		if firstData == "" {
			firstData = s
		}
	}
	if firstData != "" {
		return firstData, nil
	}
	return sheets[0], nil
}

// quoteList writes names as "a", "b" and "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// sheetHasData reports whether one of the first 50 rows of the sheet has a
// value.
func sheetHasData(wb *excelize.File, sheet string) bool {
	rows, err := wb.Rows(sheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	for i := 0; i < 50 && rows.Next(); i++ {
		cols, err := rows.Columns()
		if err != nil {
			return false
		}
		if !blankRow(cols) {
			return true
		}
	}
	return false
}

// scanXLSX streams a sheet of a workbook through p.
func scanXLSX(ctx context.Context, path string, f Format, p *rowProc, emit func(app.Sale) error, progressFn func(int64, int64, int64)) error {
	st, err := os.Stat(path)
	if err != nil {
		return openError(path, err)
	}
	sha, err := fileSHA256(ctx, path)
	if err != nil {
		return err
	}
	p.sum.SHA256 = sha
	wb, err := openXLSX(path, st.Size())
	if err != nil {
		return err
	}
	defer wb.Close()
	sheet, err := pickSheet(path, wb, f.Sheet, wb.GetSheetList())
	if err != nil {
		return err
	}
	p.sum.Format.Sheet = sheet
	if props, err := wb.GetWorkbookProps(); err == nil && props.Date1904 != nil && *props.Date1904 {
		p.date1904 = true
	}
	rows, err := wb.Rows(sheet)
	if err != nil {
		return xlsxError(path, err)
	}
	defer rows.Close()
	pr := progress{fn: progressFn}
	if f.HeaderRow < 0 {
		p.setHeader(nil)
		p.sawHeader = false
	}
	for n := 1; rows.Next(); n++ {
		if err := pr.step(ctx); err != nil {
			return err
		}
		rec, err := rows.Columns()
		if err != nil {
			return xlsxError(path, err)
		}
		switch {
		case n-1 < f.HeaderRow:
			continue
		case n-1 == f.HeaderRow:
			p.setHeader(rec)
			continue
		}
		if err := p.row(rec, n, emit); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return xlsxError(path, err)
	}
	pr.report()
	return nil
}

// fileSHA256 returns the hex SHA-256 of the file at path.
func fileSHA256(ctx context.Context, path string) (string, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", openError(path, err)
	}
	defer file.Close()
	h := sha256.New()
	buf := make([]byte, 1<<20)
	for {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		n, err := file.Read(buf)
		h.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", readError(path, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
