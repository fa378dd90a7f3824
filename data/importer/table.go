package importer

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/transform"

	"salesplan/app"
)

// MaxTableRows is the most data rows ReadTable reads: the files of the
// team's imports (activities, polls) are small.
const MaxTableRows = 200_000

// Table is a whole small CSV or xlsx file read as text, for the imports
// other than the sales history (activities, polls), which check each row
// themselves. The format, the header row and the encoding are detected as
// for the sales import.
type Table struct {
	Format  Format
	Headers []string
	Rows    []Record // the data rows, blank ones left out
}

// Record is one data row: its line (csv) or sheet row (xlsx), its cells
// and, when the row could not be read (a stray quote mark), why.
type Record struct {
	Line    int
	Cells   []string
	Problem string
}

// Cell returns cell i of the row, trimmed ("" when the row is shorter).
func (r Record) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

// ReadTable reads the file at path (sheet selects an xlsx sheet; "" the
// first with data) into a Table. It fails with a sentence when the file
// cannot be read, has no rows or has more than MaxTableRows.
func ReadTable(ctx context.Context, path, sheet string) (Table, error) {
	h, err := readHead(path, Format{Sheet: sheet}, true)
	if err != nil {
		return Table{}, err
	}
	if h.dataRows == 0 {
		return Table{}, noRowsError(path, h)
	}
	t := Table{Format: h.format, Headers: h.headers}
	add := func(line int, rec []string, problem string) error {
		if problem == "" && blankRow(rec) {
			return nil
		}
		if len(t.Rows) >= MaxTableRows {
			return errorf("%s has more than %d rows; split it into smaller files.", filepath.Base(path), MaxTableRows)
		}
		t.Rows = append(t.Rows, Record{Line: line, Cells: append([]string(nil), rec...), Problem: problem})
		return ctx.Err()
	}
	switch t.Format.Kind {
	case CSV:
		err = readCSVTable(path, t.Format, add)
	case XLSX:
		err = readXLSXTable(path, t.Format, add)
	default:
		err = errorf("Salesplan reads CSV and xlsx files, not %q.", string(t.Format.Kind))
	}
	if err != nil {
		return Table{}, err
	}
	if len(t.Rows) == 0 {
		return Table{}, errorf("%s has a header but no rows of data.", filepath.Base(path))
	}
	return t, nil
}

func readCSVTable(path string, f Format, add func(int, []string, string) error) error {
	if err := checkDelimiter(f.Delimiter); err != nil {
		return err
	}
	file, err := os.Open(path)
	if err != nil {
		return openError(path, err)
	}
	defer file.Close()
	raw := bufio.NewReaderSize(file, 1<<16)
	dec, err := decoder(f.Encoding)
	if err != nil {
		return err
	}
	var r io.Reader = raw
	if dec == nil {
		if peek, _ := raw.Peek(3); string(peek) == bomUTF8 {
			raw.Discard(3)
		}
	} else {
		r = transform.NewReader(raw, dec)
	}
	src := csvSource{r: newCSVReader(&recordGuard{r: r}, f.Delimiter)}
	for idx := 0; ; {
		rec, line, rowErr, err := src.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if errors.Is(err, errRecordTooLong) {
				return errorf("A row of %s is longer than %d MB; a quote mark (\") is probably never closed.", filepath.Base(path), maxRecordBytes>>20)
			}
			var ae *app.Error
			if errors.As(err, &ae) {
				return err
			}
			return readError(path, err)
		}
		if rec == nil && rowErr == nil {
			continue
		}
		idx++
		if idx-1 <= f.HeaderRow {
			continue
		}
		problem := ""
		if rowErr != nil {
			problem = rowErr.Error()
		}
		if err := add(line, rec, problem); err != nil {
			return err
		}
	}
}

func readXLSXTable(path string, f Format, add func(int, []string, string) error) error {
	st, err := os.Stat(path)
	if err != nil {
		return openError(path, err)
	}
	wb, err := openXLSX(path, st.Size())
	if err != nil {
		return err
	}
	defer wb.Close()
	rows, err := wb.Rows(f.Sheet)
	if err != nil {
		return xlsxError(path, err)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		rec, err := rows.Columns()
		if err != nil {
			return xlsxError(path, err)
		}
		if n-1 <= f.HeaderRow {
			continue
		}
		if err := add(n, rec, ""); err != nil {
			return err
		}
	}
	return rows.Error()
}

// Column returns the index of the first header that means one of names
// (compared as words, ignoring case and punctuation: "Sales rep" matches
// "sales_rep"), or -1.
func (t Table) Column(names ...string) int {
	for _, n := range names {
		want := strings.Join(headerWords(n), " ")
		for i, h := range t.Headers {
			if strings.Join(headerWords(h), " ") == want {
				return i
			}
		}
	}
	return -1
}

// GuessColumn returns the column the sales import would map to field f
// (its synonyms in several languages), or -1.
func (t Table) GuessColumn(f Field) int {
	if c, ok := GuessMapping(t.Headers)[f]; ok {
		return c
	}
	return -1
}

// DateOrder detects the date order of column col, as the sales import
// does; ambiguous is true when its dates fit both day/month and month/day.
func (t Table) DateOrder(col int) (order DateOrder, ambiguous bool) {
	var samples []string
	for _, r := range t.Rows {
		if len(samples) == sampleRows {
			break
		}
		samples = append(samples, r.Cell(col))
	}
	return DetectDateOrder(samples)
}
