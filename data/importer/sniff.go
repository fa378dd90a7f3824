package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"

	"salesplan/app"
)

// headBytes is how much of a text file Sniff reads.
const headBytes = 1 << 20

// maxXLSXBytes is the largest xlsx file Salesplan opens (excelize holds the
// compressed file in memory).
const maxXLSXBytes = 512 << 20

// Sniff opens the file at path and guesses how to read it and which column
// holds what. The kind comes from the content (an xlsx workbook is a zip
// archive) and then the extension (.csv, .txt, .tsv and anything else that
// is text are read as delimited text); a binary file, an old .xls workbook
// or a PDF renamed .csv gives a clear error. For text it detects the
// encoding (UTF-8, else Windows-1252; UTF-16 with a byte order mark), the
// delimiter and the header row, reading only the start of the file. sheet
// selects an xlsx sheet; "" picks the first visible sheet with data.
//
// Preview.Format.DateOrder is set when the sample dates decide it and ""
// when they are ambiguous (see Preview.DateOrderAmbiguous).
func Sniff(path string, sheet string) (Preview, error) {
	return preview(path, Format{Sheet: sheet}, true)
}

// PreviewWith is Sniff with choices the user made in f: Kind, Sheet and
// HeaderRow are used as given (with Kind "" it is Sniff(path, f.Sheet)); a
// zero Delimiter or Encoding is detected. The mapping is guessed and the
// date order and decimal separator detected again, so apply any the user
// chose explicitly to the result.
func PreviewWith(path string, f Format) (Preview, error) {
	if f.Kind == "" {
		return Sniff(path, f.Sheet)
	}
	return preview(path, f, false)
}

// preview reads the head of path with f (detecting everything when detect)
// and guesses the mapping, date order and decimal separator.
func preview(path string, f Format, detect bool) (Preview, error) {
	h, err := readHead(path, f, detect)
	if err != nil {
		return Preview{}, err
	}
	if h.dataRows == 0 {
		return Preview{}, noRowsError(path, h)
	}
	p := Preview{Format: h.format, Headers: h.headers, Rows: h.display, sample: h.rows}
	p.Mapping = GuessMapping(h.headers)
	detectForMapping(&p)
	return p, nil
}

// noRowsError returns the error for a file without data rows.
func noRowsError(path string, h *head) error {
	if h.format.HeaderRow >= 0 && len(h.headers) > 0 {
		return errorf("%s has a header but no rows of data.", filepath.Base(path))
	}
	return errorf("%s is empty.", filepath.Base(path))
}

// detectForMapping sets the date order and decimal separator of p from its
// sample and mapping.
func detectForMapping(p *Preview) {
	xlsx := p.Format.Kind == XLSX
	var dates, nums []string
	var numCols []int
	for _, f := range []Field{Amount, Quantity} {
		if c, ok := p.Mapping[f]; ok && c >= 0 {
			numCols = append(numCols, c)
		}
	}
	dc, hasDate := p.Mapping[Date]
	for _, r := range p.sample {
		if hasDate && dc >= 0 && dc < len(r) {
			dates = append(dates, r[dc])
		}
		for _, c := range numCols {
			if c < len(r) && !(xlsx && machineNumber(r[c])) {
				nums = append(nums, r[c])
			}
		}
	}
	order, amb := DetectDateOrder(dates)
	p.DetectedDateOrder, p.DateOrderAmbiguous = order, amb
	p.Format.DateOrder = ""
	if !amb {
		p.Format.DateOrder = order
	}
	p.Format.Decimal = DetectDecimal(nums)
}

// head is what the start of a file shows.
type head struct {
	format   Format
	headers  []string
	rows     [][]string // raw non-blank data rows, at most sampleRows
	display  [][]string // the first previewRows data rows as shown, each len(headers) long
	dataRows int        // non-blank data rows seen
}

// readHead reads the start of the file at path. Parts of f left at their
// zero value are detected; with findHeader the header row is detected
// too, else f.HeaderRow is used.
func readHead(path string, f Format, findHeader bool) (*head, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return nil, openError(path, err)
	}
	if st.IsDir() {
		return nil, errorf("%s is a folder, not a file.", filepath.Base(path))
	}
	buf := make([]byte, min(st.Size(), headBytes))
	n, err := io.ReadFull(file, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, readError(path, err)
	}
	buf = buf[:n]
	atEOF := int64(n) >= st.Size()
	if f.Kind == "" {
		if f.Kind, err = kindOf(path, buf); err != nil {
			return nil, err
		}
	}
	if f.Kind == XLSX {
		file.Close()
		return readXLSXHead(path, st.Size(), f, findHeader)
	}
	if f.Kind != CSV {
		return nil, errorf("Salesplan reads CSV and xlsx files, not %q.", string(f.Kind))
	}
	return readCSVHead(path, buf, atEOF, f, findHeader)
}

// openError is the error for a file that cannot be opened.
func openError(path string, err error) error {
	msg := fmt.Sprintf("Salesplan cannot open %s.", filepath.Base(path))
	switch {
	case errors.Is(err, os.ErrNotExist):
		msg = fmt.Sprintf("There is no file %s.", path)
	case errors.Is(err, os.ErrPermission):
		msg = fmt.Sprintf("Salesplan is not allowed to read %s.", filepath.Base(path))
	}
	return &app.Error{Code: app.ErrInvalid, Message: msg, Err: err}
}

// readError is the error for a file that cannot be read.
func readError(path string, err error) error {
	return &app.Error{Code: app.ErrInvalid, Message: fmt.Sprintf("Salesplan could not read %s.", filepath.Base(path)), Err: err}
}

// kindOf decides how to read a file from its first bytes and its name.
func kindOf(path string, buf []byte) (Kind, error) {
	base := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case len(bytes.TrimLeft(buf, "\xef\xbb\xbf \t\r\n")) == 0:
		return "", errorf("%s is empty.", base)
	case bytes.HasPrefix(buf, []byte("PK\x03\x04")):
		switch ext {
		case ".ods":
			return "", errorf("%s is an OpenDocument spreadsheet; Salesplan reads .xlsx and CSV files. Open it and save it as .xlsx or CSV.", base)
		case ".numbers":
			return "", errorf("%s is a Numbers spreadsheet; Salesplan reads .xlsx and CSV files. Export it as .xlsx or CSV.", base)
		}
		return XLSX, nil
	case bytes.HasPrefix(buf, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "", errorf("%s is an old Excel workbook (.xls) or a password-protected one; Salesplan reads .xlsx and CSV files. Open it in Excel and save it as .xlsx without a password, or as CSV.", base)
	case bytes.HasPrefix(buf, []byte("%PDF")):
		return "", errorf("%s is a PDF document, not a spreadsheet. Export the data from where it comes from as CSV or .xlsx.", base)
	case ext == ".xlsx" || ext == ".xlsm":
		return "", errorf("%s is not a valid Excel workbook (it may be damaged or only named .xlsx). Open it in Excel and save it again.", base)
	}
	return CSV, nil
}

// Byte order marks.
const (
	bomUTF8    = "\xef\xbb\xbf"
	bomUTF16LE = "\xff\xfe"
	bomUTF16BE = "\xfe\xff"
	bomUTF32LE = "\xff\xfe\x00\x00"
	bomUTF32BE = "\x00\x00\xfe\xff"
)

// wideWithoutBOM recognises UTF-16 and UTF-32 text without a byte order
// mark by the zero bytes around its ASCII characters (sales files are
// mostly digits, separators and Latin letters): the encoding, or "".
func wideWithoutBOM(buf []byte) string {
	b := buf[:min(len(buf), 4<<10)]
	b = b[:len(b)&^3]
	if len(b) < 8 {
		return ""
	}
	var z [4]int // zero bytes by position modulo 4
	for i, c := range b {
		if c == 0 {
			z[i&3]++
		}
	}
	n := len(b) / 4 // groups of 4 bytes
	most := func(k int) bool { return k*10 >= n*9 }
	none := func(k int) bool { return k*10 <= n }
	switch {
	case none(z[0]) && most(z[1]) && most(z[2]) && most(z[3]):
		return UTF32LE
	case most(z[0]) && most(z[1]) && most(z[2]) && none(z[3]):
		return UTF32BE
	case none(z[0]) && most(z[1]) && none(z[2]) && most(z[3]):
		return UTF16LE
	case most(z[0]) && none(z[1]) && most(z[2]) && none(z[3]):
		return UTF16BE
	}
	return ""
}

// detectEncoding returns the encoding of a text file from its first bytes
// (a BOM decides; else UTF-8 if valid, else Windows-1252), or an error if
// the bytes are not text.
func detectEncoding(path string, buf []byte, atEOF bool) (string, error) {
	switch {
	case bytes.HasPrefix(buf, []byte(bomUTF8)):
		buf = buf[3:]
	case bytes.HasPrefix(buf, []byte(bomUTF32LE)): // before UTF-16 LE, whose mark it starts with
		return UTF32LE, nil
	case bytes.HasPrefix(buf, []byte(bomUTF32BE)):
		return UTF32BE, nil
	case bytes.HasPrefix(buf, []byte(bomUTF16LE)):
		return UTF16LE, nil
	case bytes.HasPrefix(buf, []byte(bomUTF16BE)):
		return UTF16BE, nil
	}
	if enc := wideWithoutBOM(buf); enc != "" {
		return enc, nil
	}
	if err := checkText(path, buf); err != nil {
		return "", err
	}
	b := buf
	if !atEOF { // a character may be cut at the end
		if i := bytes.LastIndexByte(b, '\n'); i > 0 {
			b = b[:i]
		}
		for k := 0; k < 3 && len(b) > 0 && !utf8.Valid(b); k++ {
			b = b[:len(b)-1]
		}
	}
	if utf8.Valid(b) {
		return UTF8, nil
	}
	return Windows1252, nil
}

// checkText returns an error if the first 8 KB of buf are not text: they
// hold a NUL byte, many control characters, or bytes that are invalid both
// in UTF-8 and in Windows-1252.
func checkText(path string, buf []byte) error {
	b := buf[:min(len(buf), 8<<10)]
	ctl, undef := 0, 0
	for _, c := range b {
		switch {
		case c == 0:
			return notText(path)
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1a, c == 0x7f:
			ctl++
		case c == 0x81 || c == 0x8d || c == 0x8f || c == 0x90 || c == 0x9d:
			undef++
		}
	}
	if ctl*100 > len(b) || ctl > 0 && len(b) < 100 {
		return notText(path)
	}
	if undef > 0 && !utf8.Valid(b[:max(0, len(b)-4)]) {
		return notText(path) // invalid as UTF-8 and as Windows-1252
	}
	return nil
}

// notText is the error for a binary file.
func notText(path string) error {
	return errorf("%s is not a spreadsheet or CSV file Salesplan can read: it contains binary data. Export your sales as CSV or .xlsx.", filepath.Base(path))
}

// decoder returns the decoder for a text encoding, nil for UTF-8.
func decoder(enc string) (*encoding.Decoder, error) {
	switch enc {
	case UTF8, "utf8", "":
		return nil, nil
	case Windows1252, "cp1252", "latin1", "iso-8859-1":
		return charmap.Windows1252.NewDecoder(), nil
	case UTF16LE:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder(), nil
	case UTF16BE:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder(), nil
	case UTF32LE:
		return utf32.UTF32(utf32.LittleEndian, utf32.UseBOM).NewDecoder(), nil
	case UTF32BE:
		return utf32.UTF32(utf32.BigEndian, utf32.UseBOM).NewDecoder(), nil
	}
	return nil, errorf("Salesplan cannot read text in the %q encoding; use UTF-8 or Windows-1252.", enc)
}

// readCSVHead reads the start of a text file: buf holds its first bytes.
func readCSVHead(path string, buf []byte, atEOF bool, f Format, findHeader bool) (*head, error) {
	var err error
	if f.Encoding == "" {
		if f.Encoding, err = detectEncoding(path, buf, atEOF); err != nil {
			return nil, err
		}
	} else if unitSize(f.Encoding) == 1 {
		if err := checkText(path, bytes.TrimPrefix(buf, []byte(bomUTF8))); err != nil {
			return nil, err
		}
	}
	dec, err := decoder(f.Encoding)
	if err != nil {
		return nil, err
	}
	if u := unitSize(f.Encoding); !atEOF && u > 1 {
		buf = buf[:len(buf)/u*u]
	}
	var text string
	if dec == nil {
		text = string(bytes.TrimPrefix(buf, []byte(bomUTF8)))
	} else {
		b, err := dec.Bytes(buf)
		if err != nil && atEOF {
			return nil, errorf("%s cannot be read as %s text.", filepath.Base(path), f.Encoding)
		}
		text = strings.TrimPrefix(string(b), "\ufeff")
	}
	h := &head{}
	if !strings.Contains(text, "\n") && strings.Contains(text, "\r") {
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if !atEOF { // drop the last, probably cut, line
		if i := strings.LastIndexByte(text, '\n'); i > 0 {
			text = text[:i+1]
		}
	}
	if strings.TrimSpace(text) == "" {
		return nil, errorf("%s is empty.", filepath.Base(path))
	}
	if f.Delimiter == 0 && strings.HasPrefix(text, "sep=") {
		// Excel's "sep=;" first line names the delimiter.
		if r, size := utf8.DecodeRuneInString(text[4:]); size > 0 && strings.HasPrefix(strings.TrimLeft(text[4+size:], "\r"), "\n") {
			f.Delimiter = r
		}
	}
	if f.Delimiter == 0 {
		if f.Delimiter, err = detectDelimiter(path, text); err != nil {
			return nil, err
		}
	}
	if err := checkDelimiter(f.Delimiter); err != nil {
		return nil, err
	}
	cr := newCSVReader(strings.NewReader(text), f.Delimiter)
	src := csvSource{r: cr}
	limit := 10 + sampleRows
	var records [][]string
	var lastEnd int64 // where the last record read ends in text
	for len(records) < limit {
		rec, _, rowErr, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if atEOF {
				return nil, err
			}
			break // the head may cut a quoted value
		}
		lastEnd = cr.InputOffset()
		if rowErr != nil {
			records = append(records, nil)
			continue
		}
		records = append(records, append([]string(nil), rec...))
	}
	h.format = f
	h.fill(records, findHeader)
	if h.dataRows == 0 && !atEOF {
		// The first MB of a larger file holds no complete row of data: one
		// row (or one value) is longer than that.
		line := strings.Count(text[:min(int(lastEnd), len(text))], "\n") + 1
		return nil, errorf("Line %d of %s is longer than %d MB, so Salesplan cannot read it as a row of sales; a quote mark (\") is probably never closed, or a value holds a whole document. Fix that line and try again.",
			line, filepath.Base(path), headBytes>>20)
	}
	return h, nil
}

// checkDelimiter returns an error if d cannot separate csv columns.
func checkDelimiter(d rune) error {
	if d == 0 || d == '"' || d == '\r' || d == '\n' || !utf8.ValidRune(d) || d == utf8.RuneError {
		return errorf("%q cannot separate columns; use a comma, semicolon, tab or vertical bar.", d)
	}
	return nil
}

// newCSVReader returns a csv.Reader set up the way Salesplan reads files.
func newCSVReader(r io.Reader, delim rune) *csv.Reader {
	cr := csv.NewReader(r)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	cr.ReuseRecord = true
	return cr
}

// detectDelimiter picks the delimiter that gives the most consistent
// column count above 1 over the first 50 lines of text.
func detectDelimiter(path, text string) (rune, error) {
	lines := text
	n := 0
	for i := 0; i < len(lines); i++ {
		if lines[i] == '\n' {
			n++
			if n == 50 {
				lines = lines[:i+1]
				break
			}
		}
	}
	best, bestScore, bestWidth := rune(0), 0, 0
	ext := strings.ToLower(filepath.Ext(path))
	cands := []rune{',', ';', '\t', '|'}
	if ext == ".tsv" || ext == ".tab" {
		cands = []rune{'\t', ',', ';', '|'}
	}
	for _, d := range cands {
		if !strings.ContainsRune(lines, d) {
			continue
		}
		cr := csv.NewReader(strings.NewReader(lines))
		cr.Comma = d
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		counts := map[int]int{}
		for {
			rec, err := cr.Read()
			if err != nil {
				if err == io.EOF || !errors.As(err, new(*csv.ParseError)) {
					break
				}
				continue
			}
			if len(rec) > 1 {
				counts[len(rec)]++
			}
		}
		score, width := 0, 0
		for w, c := range counts {
			if c > score || c == score && w > width {
				score, width = c, w
			}
		}
		if score > bestScore || score == bestScore && width > bestWidth {
			best, bestScore, bestWidth = d, score, width
		}
	}
	if best == 0 {
		return 0, errorf("Salesplan found only one column in %s. It needs at least a date column and an amount column; save the sheet as CSV with commas or semicolons between the columns.", filepath.Base(path))
	}
	return best, nil
}

// fill finds the header row among records (unless the format names it)
// and fills headers, rows, display and dataRows. A nil record stands for
// one that could not be read.
func (h *head) fill(records [][]string, findHeader bool) {
	if findHeader {
		h.format.HeaderRow = findHeaderRow(records)
	}
	hr := h.format.HeaderRow
	width := 0
	for i, r := range records {
		if i > hr && !blankRow(r) {
			width = max(width, len(r))
		}
	}
	var hdr []string
	if hr >= 0 && hr < len(records) {
		hdr = records[hr]
	}
	width = max(width, len(hdr))
	h.headers = headerNames(hdr, width)
	for i := hr + 1; i < len(records); i++ {
		r := records[i]
		if blankRow(r) {
			continue
		}
		h.dataRows++
		if len(h.rows) < sampleRows {
			h.rows = append(h.rows, r)
		}
	}
	if h.display == nil {
		for _, r := range h.rows[:min(len(h.rows), previewRows)] {
			h.display = append(h.display, padRow(r, width))
		}
	}
}

// padRow returns r trimmed and cut or padded to n cells.
func padRow(r []string, n int) []string {
	out := make([]string, n)
	for i := range out {
		if i < len(r) {
			out[i] = strings.TrimSpace(r[i])
		}
	}
	return out
}

// headerNames returns the column names: the header cells trimmed, and
// "Column C" for empty or missing ones, n in all.
func headerNames(hdr []string, n int) []string {
	out := make([]string, n)
	for i := range out {
		if i < len(hdr) {
			out[i] = strings.TrimSpace(hdr[i])
		}
		if out[i] == "" {
			out[i] = "Column " + columnName(i)
		}
	}
	return out
}

// blankRow reports whether every cell of r is empty.
func blankRow(r []string) bool {
	for _, v := range r {
		if !isBlank(v) {
			return false
		}
	}
	return true
}

// findHeaderRow returns the index of the header row: the first of the first
// 10 records with at least 2 non-empty cells, mostly text, followed by a
// data row (one with a number or date) or by nothing. If none qualifies it
// returns -1 when the first non-blank record is data (no header), else the
// first record with at least 2 non-empty cells.
func findHeaderRow(records [][]string) int {
	for i := 0; i < len(records) && i < 10; i++ {
		text, num := cellKinds(records[i])
		if text+num < 2 || text <= num {
			continue
		}
		next := -1
		for j := i + 1; j < len(records); j++ {
			if !blankRow(records[j]) {
				next = j
				break
			}
		}
		if next < 0 {
			return i
		}
		if _, n := cellKinds(records[next]); n > 0 {
			return i
		}
	}
	for _, r := range records {
		if blankRow(r) {
			continue
		}
		if _, n := cellKinds(r); n > 0 {
			return -1
		}
		break
	}
	for i, r := range records {
		if t, n := cellKinds(r); t+n >= 2 {
			return i
		}
	}
	return 0
}

// cellKinds counts the non-empty cells of r that are text and those that
// look like numbers or dates.
func cellKinds(r []string) (text, num int) {
	for _, v := range r {
		v = trimSpace(v)
		if v == "" {
			continue
		}
		if looksNumeric(v) {
			num++
		} else {
			text++
		}
	}
	return text, num
}

// looksNumeric reports whether v looks like a number, an amount or a date
// rather than a name.
func looksNumeric(v string) bool {
	digits, letters := 0, 0
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if digits == 0 {
		return false
	}
	if letters == 0 {
		return true
	}
	if _, err := ParseDate(v, DMY); err == nil {
		return true
	}
	// An amount with a currency code ("EUR 12,50", "12 USD"); a name with
	// a number in it ("c10", "Q4 2025", "Field 12") is text, so that a
	// wide header with many such names is still found.
	t := trimSpace(v)
	if code, ok := foreignCurrency(t); ok {
		if strings.EqualFold(t[:len(code)], code) {
			t = t[len(code):]
		} else {
			t = t[:len(t)-len(code)]
		}
		return strings.IndexFunc(t, unicode.IsLetter) < 0
	}
	return false
}

// readXLSXHead reads the first rows of a sheet of the workbook at path.
func readXLSXHead(path string, size int64, f Format, findHeader bool) (*head, error) {
	wb, err := openXLSX(path, size)
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	f.Sheets = wb.GetSheetList()
	if f.Sheet, err = pickSheet(path, wb, f.Sheet, f.Sheets); err != nil {
		return nil, err
	}
	f.Encoding, f.Delimiter = "", 0
	rows, err := wb.Rows(f.Sheet)
	if err != nil {
		return nil, xlsxError(path, err)
	}
	limit := 10 + sampleRows
	var records [][]string
	for len(records) < limit && rows.Next() {
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return nil, xlsxError(path, err)
		}
		records = append(records, cols)
	}
	if err := rows.Close(); err != nil {
		return nil, xlsxError(path, err)
	}
	h := &head{format: f}
	h.fill(records, findHeader)
	// Show the rows as Excel does (dates as dates, not day numbers).
	if len(h.rows) > 0 {
		h.display = nil
		width := len(h.headers)
		frows, err := wb.Rows(f.Sheet)
		if err == nil {
			i := 0
			for frows.Next() && len(h.display) < previewRows {
				cols, err := frows.Columns(excelize.Options{RawCellValue: false})
				if err != nil {
					break
				}
				if i > h.format.HeaderRow && !blankRow(cols) {
					h.display = append(h.display, padRow(cols, width))
				}
				i++
			}
			frows.Close()
		}
		if len(h.display) == 0 {
			for _, r := range h.rows[:min(len(h.rows), previewRows)] {
				h.display = append(h.display, padRow(r, width))
			}
		}
	}
	return h, nil
}
