package importer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/transform"

	"salesplan/app"
)

// ExpenseField is a column of an actual-expenses file: the month, the
// budget line's name and the amount.
type ExpenseField string

// The columns of an actual-expenses file; all three are required.
const (
	ExpenseMonth  ExpenseField = "month"
	ExpenseLine   ExpenseField = "line"
	ExpenseAmount ExpenseField = "amount"
)

// ExpenseFields returns the columns of an actual-expenses file in order.
func ExpenseFields() []ExpenseField { return []ExpenseField{ExpenseMonth, ExpenseLine, ExpenseAmount} }

// ExpenseMapping says which column (0-based) holds each expense field.
type ExpenseMapping map[ExpenseField]int

// Reason keys of expense rows counted in Summary.ByReason (besides the
// sales import's bad amount, ragged row, bad quotes, text too long).
const (
	KeyMissingMonth = "missing month"
	KeyBadMonth     = "bad month"
	KeyMissingLine  = "missing line"
)

// maxExpenseRows is the most data rows an expenses file may have: a plan
// of 40 lines over 24 months has fewer than 1000.
const maxExpenseRows = 200_000

// ExpenseRow is one accepted row of an expenses file.
type ExpenseRow struct {
	Line   int // file line (csv) or sheet row (xlsx), 1-based
	Month  app.Month
	Name   string // the budget line's name as the file writes it
	Amount int64  // minor units, rounded half away from zero
}

// ExpenseFile is what ReadExpenses found: the rows, the rejected rows and
// the counts (Summary.Rows, Accepted, Rejected, ByReason, Rejects, Total,
// Rounded, RoundedMaxChange; First and Last stay zero).
type ExpenseFile struct {
	Headers []string
	Mapping ExpenseMapping
	Rows    []ExpenseRow
	Summary Summary
}

// expenseSynonyms are the header words that name each expense field, most
// specific first.
var expenseSynonyms = map[ExpenseField][]string{
	ExpenseMonth:  {"month", "period", "monat", "mois", "mes", "mese", "maand", "date", "datum"},
	ExpenseAmount: {"amount", "actual", "actuals", "cost", "costs", "spent", "spend", "value", "total", "sum", "betrag", "montant", "importe", "bedrag"},
	ExpenseLine:   {"line", "expense", "expenses", "category", "account", "item", "name", "kostenart", "position", "description"},
}

// GuessExpenseMapping finds the month, line and amount columns by their
// headers ("Month", "Budget line", "Amount"…); a field it cannot find is
// left out.
func GuessExpenseMapping(headers []string) ExpenseMapping {
	m := ExpenseMapping{}
	taken := map[int]bool{}
	for _, f := range []ExpenseField{ExpenseMonth, ExpenseAmount, ExpenseLine} {
		best, bestScore := -1, 0
		for c, h := range headers {
			if taken[c] {
				continue
			}
			hw := headerWords(h)
			for k, syn := range expenseSynonyms[f] {
				for _, w := range hw {
					if w == syn {
						score := 100 - k
						if score > bestScore {
							best, bestScore = c, score
						}
					}
				}
			}
		}
		if best >= 0 {
			m[f] = best
			taken[best] = true
		}
	}
	return m
}

// ExpenseOptions are the choices for reading an expenses file.
type ExpenseOptions struct {
	Currency app.Currency   // the plan's currency; required
	Sheet    string         // the xlsx sheet ("" = the first with data)
	Mapping  ExpenseMapping // nil = GuessExpenseMapping of the header
}

// ReadExpenses reads an actual-expenses file (CSV or xlsx): a month
// (YYYY-MM; also "Jan 2027", 01/2027, a date or a spreadsheet date cell), a
// budget line's name and an amount per row. It reads the file the way the
// sales import does — the same format detection, header row, decimal
// separator, amount parsing and rounding (half away from zero to the
// currency's minor unit) and the same kind of rejects naming the line and
// the column. Rows of a month, line and amount that cannot be read are
// rejected; whether a month lies in the plan and a line is in the budget is
// the budget's to say (app/budget.PlanExpenses).
func ReadExpenses(ctx context.Context, path string, opt ExpenseOptions) (ExpenseFile, error) {
	out := ExpenseFile{Summary: Summary{ByReason: map[string]int64{}}}
	if opt.Currency.Code == "" {
		return out, errorf("Choose the currency of the amounts before importing.")
	}
	h, err := readHead(path, Format{Sheet: opt.Sheet}, true)
	if err != nil {
		return out, err
	}
	if h.dataRows == 0 {
		return out, noRowsError(path, h)
	}
	out.Headers = h.headers
	m := opt.Mapping
	if m == nil {
		m = GuessExpenseMapping(h.headers)
	}
	for _, f := range ExpenseFields() {
		c, ok := m[f]
		if !ok {
			return out, &app.Error{Code: app.ErrInvalid, Err: ErrNoExpenseColumn, Message: fmt.Sprintf("No column of %s holds the %s; give it a header such as “%s” (its columns: %s).",
				filepath.Base(path), expenseFieldWords(f), expenseHeader(f), strings.Join(h.headers, ", "))}
		}
		if c < 0 || c > 1<<20 {
			return out, errorf("The column chosen for the %s does not exist.", expenseFieldWords(f))
		}
	}
	out.Mapping = m
	f := h.format
	var nums []string
	for _, r := range h.rows {
		if c := m[ExpenseAmount]; c < len(r) && !(f.Kind == XLSX && machineNumber(r[c])) {
			nums = append(nums, r[c])
		}
	}
	f.Decimal = DetectDecimal(nums)
	f.Sheet = opt.Sheet
	out.Summary.Format = f
	p := newRowProc(Options{Currency: opt.Currency}, f, Mapping{Date: m[ExpenseMonth], Amount: m[ExpenseAmount], Product: m[ExpenseLine]}, &out.Summary)
	p.headers = h.headers
	row := func(rec []string, line int) error {
		if blankRow(rec) {
			out.Summary.Blank++
			return nil
		}
		if out.Summary.Rows >= maxExpenseRows {
			return errorf("%s has more than %d rows; an expenses file has one row per budget line and month. Check that this is the right file.", filepath.Base(path), maxExpenseRows)
		}
		if r, ok := p.expenseRow(rec, line, m); ok {
			out.Rows = append(out.Rows, r)
		}
		return nil
	}
	if err := readRecords(ctx, path, f, p, row); err != nil {
		return out, err
	}
	if out.Summary.Rows == 0 {
		return out, errorf("%s has a header but no rows of data.", filepath.Base(path))
	}
	return out, nil
}

// ErrNoExpenseColumn is wrapped by the error of a file without a month,
// line or amount column, so the command line can add its --map advice.
var ErrNoExpenseColumn = errors.New("no expense column")

func expenseHeader(f ExpenseField) string {
	switch f {
	case ExpenseMonth:
		return "Month"
	case ExpenseLine:
		return "Line"
	}
	return "Amount"
}

func expenseFieldWords(f ExpenseField) string {
	switch f {
	case ExpenseMonth:
		return "month (YYYY-MM)"
	case ExpenseLine:
		return "budget line's name"
	}
	return "amount"
}

// expenseRow parses and checks one data row of an expenses file.
func (p *rowProc) expenseRow(rec []string, line int, m ExpenseMapping) (ExpenseRow, bool) {
	p.sum.Rows++
	mc, lc, ac := m[ExpenseMonth], m[ExpenseLine], m[ExpenseAmount]
	need := max(mc, lc, ac) + 1
	if !p.xlsx && len(rec) < need {
		p.reject(line, -1, "", strings.Join(rec, " | "), KeyRaggedRow, fmt.Sprintf(
			"This row has only %d %s, but the file has %d columns; a cell or a delimiter may be missing.", len(rec), plural(len(rec), "cell", "cells"), need))
		return ExpenseRow{}, false
	}
	r := ExpenseRow{Line: line}
	mv := cell(rec, mc)
	if mv == "" {
		p.reject(line, mc, Date, mv, KeyMissingMonth, "The month is missing; write it as YYYY-MM, e.g. 2027-01.")
		return r, false
	}
	mo, err := p.month(mv)
	if err != nil {
		p.reject(line, mc, Date, mv, KeyBadMonth, err.Error())
		return r, false
	}
	r.Month = mo
	r.Name = cell(rec, lc)
	if r.Name == "" {
		p.reject(line, lc, Product, r.Name, KeyMissingLine, "The budget line's name is missing.")
		return r, false
	}
	if n := utf8.RuneCountInString(r.Name); n > MaxTextRunes {
		p.reject(line, lc, Product, r.Name, KeyTextTooLong, fmt.Sprintf("The line's name is %d characters long; Salesplan takes at most %d.", n, MaxTextRunes))
		return r, false
	}
	if p.checkUTF8 && !utf8.ValidString(r.Name) {
		p.reject(line, lc, Product, r.Name, KeyBadText, "This text has characters that are not valid UTF-8; the file may be in another encoding, such as Windows-1252.")
		return r, false
	}
	av := cell(rec, ac)
	if av == "" {
		p.reject(line, ac, Amount, av, KeyMissingAmount, "The amount is missing.")
		return r, false
	}
	amt, change, err := p.amount(av)
	if err != nil {
		p.reject(line, ac, Amount, av, KeyBadAmount, err.Error())
		return r, false
	}
	r.Amount = amt
	p.sum.Accepted++
	if amt > 0 && p.sum.Total <= 1<<62 {
		p.sum.Total += amt
	}
	if change > 0 {
		p.sum.Rounded++
		if change > p.maxChange {
			p.maxChange = change
			p.sum.RoundedMaxChange = changeMajor(change, p.cur.Digits)
		}
	}
	return r, true
}

// month reads a month cell: YYYY-MM (or YYYY/MM, YYYY.MM), MM/YYYY (or
// MM.YYYY, MM-YYYY), a month name and a year ("Jan 2027", "2027 January"),
// or a whole date or spreadsheet date cell, whose month counts.
func (p *rowProc) month(v string) (app.Month, error) {
	bad := errorf("%s is not a month; write it as YYYY-MM, e.g. 2027-01.", show(v))
	t := strings.TrimSpace(v)
	if len(t) == 7 && t[4] == '-' {
		return app.ParseMonth(t)
	}
	num := func(a, b string) (app.Month, error) {
		y, err1 := strconv.Atoi(a)
		mo, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || len(a) != 4 || len(b) > 2 {
			return 0, bad
		}
		if mo < 1 || mo > 12 {
			return 0, errorf("There is no month %d in %s; write the month as YYYY-MM with 01 to 12, e.g. %04d-01.", mo, show(v), y)
		}
		if y < minYear || y > maxYear {
			return 0, errorf("%s is not a year Salesplan accepts (%d to %d).", show(v), minYear, maxYear)
		}
		return app.NewMonth(y, time.Month(mo)), nil
	}
	if parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '.' || r == '-' || r == ' ' }); len(parts) == 2 {
		a, b := parts[0], parts[1]
		switch {
		case isDigits(a) && isDigits(b) && len(a) == 4:
			return num(a, b)
		case isDigits(a) && isDigits(b) && len(b) == 4:
			return num(b, a)
		case isDigits(b) && len(b) == 4 && monthNumber(strings.ToLower(a)) > 0:
			return num(b, strconv.Itoa(monthNumber(strings.ToLower(a))))
		case isDigits(a) && len(a) == 4 && monthNumber(strings.ToLower(b)) > 0:
			return num(a, strconv.Itoa(monthNumber(strings.ToLower(b))))
		}
	}
	d, err := p.date(v)
	if err != nil {
		return 0, bad
	}
	return app.MonthOf(d), nil
}

// readRecords hands every record after the header row of the file to fn,
// with its line (csv) or sheet row (xlsx); a row whose quote marks leave
// its cells unclear is rejected through p.
func readRecords(ctx context.Context, path string, f Format, p *rowProc, fn func(rec []string, line int) error) error {
	if f.Kind == XLSX {
		st, err := os.Stat(path)
		if err != nil {
			return openError(path, err)
		}
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
		rows, err := wb.Rows(sheet)
		if err != nil {
			return xlsxError(path, err)
		}
		defer rows.Close()
		for n := 1; rows.Next(); n++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			rec, err := rows.Columns()
			if err != nil {
				return xlsxError(path, err)
			}
			if n-1 <= f.HeaderRow {
				continue
			}
			if err := fn(rec, n); err != nil {
				return err
			}
		}
		if err := rows.Error(); err != nil {
			return xlsxError(path, err)
		}
		return nil
	}
	if err := checkDelimiter(f.Delimiter); err != nil {
		return err
	}
	file, err := os.Open(path)
	if err != nil {
		return openError(path, err)
	}
	defer file.Close()
	raw := bufio.NewReaderSize(file, 1<<16)
	peek, _ := raw.Peek(64 << 10)
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
	src := csvSource{r: newCSVReader(r, f.Delimiter)}
	for idx := 0; ; idx++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, line, rowErr, err := src.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var ae *app.Error
			if errors.As(err, &ae) {
				return err
			}
			return readError(path, err)
		}
		if idx <= f.HeaderRow {
			continue
		}
		if rowErr != nil {
			p.sum.Rows++
			p.reject(line, -1, "", "", KeyBadQuotes, rowErr.Error())
			continue
		}
		if err := fn(rec, line); err != nil {
			return err
		}
	}
}
