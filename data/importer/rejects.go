package importer

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// WriteRejectsCSV writes rejects as CSV with a header row and the columns
// line, column, value and reason, for "save rejected rows as CSV". Values
// that a spreadsheet would run as a formula (starting with =, +, - or @)
// are prefixed with an apostrophe.
func WriteRejectsCSV(w io.Writer, rejects []Reject) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"line", "column", "value", "reason"}); err != nil {
		return err
	}
	for _, r := range rejects {
		if err := cw.Write([]string{strconv.Itoa(r.Line), safeCell(r.Column), safeCell(r.Value), safeCell(r.Reason)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCell keeps a spreadsheet from reading s as a formula; plain negative
// numbers such as "-12.50" stay as they are.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if strings.Trim(s[1:], "0123456789., ") != "" {
			return "'" + s
		}
	}
	return s
}
