// Package tabular writes a plan's tables (app.DataTable) as CSV and XLSX:
// amounts exact in major units, XLSX numbers as numbers with formats.
package tabular

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"salesplan/app"
)

// Formats are the file formats a table is written in.
var Formats = []string{"csv", "xlsx"}

// FormatOf returns the format named, or guessed from the file name when
// name is empty; "" when neither says.
func FormatOf(name, path string) string {
	switch f := strings.ToLower(strings.TrimSpace(name)); {
	case f != "":
		return f
	case strings.HasSuffix(strings.ToLower(path), ".xlsx"):
		return "xlsx"
	case strings.HasSuffix(strings.ToLower(path), ".csv"):
		return "csv"
	}
	return ""
}

// Write writes t in format ("csv" or "xlsx") to w.
func Write(w io.Writer, format string, t app.DataTable, cur app.Currency) error {
	switch format {
	case "csv":
		return WriteCSV(w, t, cur)
	case "xlsx":
		return WriteXLSX(w, t, cur)
	}
	return fmt.Errorf("tables are written as csv or xlsx, not %q", format)
}

// plainAmount writes minor units as a plain decimal number in major units
// ("-1234.50"), exactly.
func plainAmount(v int64, digits int) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = uint64(-v)
	}
	s := strconv.FormatUint(u, 10)
	if digits > 0 {
		for len(s) <= digits {
			s = "0" + s
		}
		s = s[:len(s)-digits] + "." + s[len(s)-digits:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func plain(c app.Cell, digits int) string {
	switch {
	case c.Amount != nil:
		return plainAmount(*c.Amount, digits)
	case c.Ratio != nil:
		return strconv.FormatFloat(*c.Ratio, 'f', 4, 64)
	case c.Number != nil:
		return strconv.FormatFloat(*c.Number, 'f', c.Decimals, 64)
	}
	return c.Text
}

// WriteCSV writes the header row and the rows: amounts as plain numbers in
// major units with a decimal point (exact), ratios as fractions with 4
// decimals, months as YYYY-MM. A header names the currency of amounts.
func WriteCSV(w io.Writer, t app.DataTable, cur app.Currency) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(headers(t, cur)); err != nil {
		return err
	}
	for _, r := range t.Rows {
		rec := make([]string, len(t.Columns))
		for j := range rec {
			if j < len(r) {
				rec[j] = plain(r[j], cur.Digits)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteCSVTables writes the tables one after another, each with its title
// and the currency on a line of its own, its header row and rows as
// WriteCSV writes them, and a blank line before the next.
func WriteCSVTables(w io.Writer, tables []app.DataTable, cur app.Currency) error {
	cw := csv.NewWriter(w)
	for i, t := range tables {
		if i > 0 {
			cw.Write([]string{})
		}
		cw.Write([]string{t.Title + " (" + cur.Code + ")"})
		cw.Write(t.Columns)
		for _, r := range t.Rows {
			rec := make([]string, len(t.Columns))
			for j := range rec {
				if j < len(r) {
					rec[j] = plain(r[j], cur.Digits)
				}
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// headers adds the currency to the names of columns holding amounts.
func headers(t app.DataTable, cur app.Currency) []string {
	out := append([]string(nil), t.Columns...)
	for j := range out {
		for _, r := range t.Rows {
			if j < len(r) && r[j].Amount != nil {
				out[j] += " (" + cur.Code + ")"
				break
			}
		}
	}
	return out
}

// sheetName makes a title a valid sheet name (31 characters, no []:*?/\).
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	if strings.TrimSpace(s) == "" {
		return "Table"
	}
	return s
}

// WriteXLSX writes one sheet: amounts as numbers in major units with the
// currency's number format, ratios as percentages, numbers with their
// decimals, the header row bold and frozen.
func WriteXLSX(w io.Writer, t app.DataTable, cur app.Currency) error {
	return WriteXLSXSheets(w, []app.DataTable{t}, cur)
}

// WriteXLSXSheets writes one sheet per table, each as WriteXLSX writes
// one, named by its title.
func WriteXLSXSheets(w io.Writer, tables []app.DataTable, cur app.Currency) error {
	x := excelize.NewFile()
	defer x.Close()
	dec := ""
	if cur.Digits > 0 {
		dec = "." + strings.Repeat("0", cur.Digits)
	}
	sym := strings.ReplaceAll(cur.Symbol, `"`, "")
	if sym == "" {
		sym = cur.Code
	}
	code := `#,##0` + dec + ` "` + sym + `";-#,##0` + dec + ` "` + sym + `"`
	money, err := x.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		return err
	}
	pctFmt := "0.0%"
	pct, err := x.NewStyle(&excelize.Style{CustomNumFmt: &pctFmt})
	if err != nil {
		return err
	}
	numStyles := map[int]int{}
	numStyle := func(decimals int) (int, error) {
		if s, ok := numStyles[decimals]; ok {
			return s, nil
		}
		f := "#,##0"
		if decimals > 0 {
			f += "." + strings.Repeat("0", decimals)
		}
		s, err := x.NewStyle(&excelize.Style{CustomNumFmt: &f})
		numStyles[decimals] = s
		return s, err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, t := range tables {
		if err := writeSheet(x, i, t, cur, money, pct, bold, numStyle); err != nil {
			return err
		}
	}
	return x.Write(w)
}

// writeSheet writes table t as the i-th sheet of x.
func writeSheet(x *excelize.File, i int, t app.DataTable, cur app.Currency, money, pct, bold int, numStyle func(int) (int, error)) error {
	name := sheetName(t.Title)
	if i == 0 {
		if err := x.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := x.NewSheet(name); err != nil {
		return err
	}
	for j, h := range t.Columns {
		ref, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := x.SetCellStr(name, ref, h); err != nil {
			return err
		}
		x.SetCellStyle(name, ref, ref, bold)
		col, _ := excelize.ColumnNumberToName(j + 1)
		x.SetColWidth(name, col, col, float64(min(max(len([]rune(h))+4, 12), 48)))
	}
	for ri, r := range t.Rows {
		for j, c := range r {
			if j >= len(t.Columns) {
				break
			}
			ref, _ := excelize.CoordinatesToCellName(j+1, ri+2)
			switch {
			case c.Amount != nil:
				v, err := strconv.ParseFloat(plainAmount(*c.Amount, cur.Digits), 64)
				if err != nil {
					return fmt.Errorf("amount %d: %w", *c.Amount, err)
				}
				x.SetCellFloat(name, ref, v, cur.Digits, 64)
				x.SetCellStyle(name, ref, ref, money)
			case c.Ratio != nil:
				x.SetCellFloat(name, ref, *c.Ratio, -1, 64)
				x.SetCellStyle(name, ref, ref, pct)
			case c.Number != nil:
				x.SetCellFloat(name, ref, *c.Number, c.Decimals, 64)
				s, err := numStyle(c.Decimals)
				if err != nil {
					return err
				}
				x.SetCellStyle(name, ref, ref, s)
			case c.Text != "":
				if err := x.SetCellStr(name, ref, c.Text); err != nil {
					return err
				}
			}
		}
	}
	if err := x.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return nil
}
