package app

import "math"

// DataTable is one table of a plan as it leaves the app for a spreadsheet:
// column names and typed cells (amounts stay exact minor units).
type DataTable struct {
	Title   string
	Columns []string
	Rows    [][]Cell
}

// Cell is one value of a DataTable: text, an amount in minor units of the
// plan currency, a ratio (a fraction) or a plain number. The zero Cell is
// empty.
type Cell struct {
	Text     string
	Amount   *int64
	Ratio    *float64
	Number   *float64
	Decimals int // of Number
}

// TextCell is a text cell.
func TextCell(s string) Cell { return Cell{Text: s} }

// AmountCell is an amount in minor units.
func AmountCell(minor int64) Cell { return Cell{Amount: &minor} }

// RatioCell is a fraction (0.25 = 25 %); NaN and infinities are empty.
func RatioCell(v float64) Cell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Cell{}
	}
	return Cell{Ratio: &v}
}

// NumberCell is a number shown with decimals; NaN is empty.
func NumberCell(v float64, decimals int) Cell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Cell{}
	}
	return Cell{Number: &v, Decimals: decimals}
}

// IntCell is a whole number.
func IntCell(v int64) Cell { return NumberCell(float64(v), 0) }

// MonthCell is a month, written YYYY-MM.
func MonthCell(m *Month) Cell {
	if m == nil {
		return Cell{}
	}
	return TextCell(m.String())
}

// TableExport is one table a step lets the user save as CSV or XLSX; a
// step lists its own in Step.Exports, and `export table` and the pages
// find them through the registry.
type TableExport struct {
	Name  string // the command-line name: "swot"
	Title string // "SWOT analysis"
	Build func(*PlanData) DataTable
}

// Exports returns every exportable table, in step order.
func (r *Registry) Exports() []TableExport {
	var out []TableExport
	for _, s := range r.steps {
		out = append(out, s.Exports...)
	}
	return out
}

// Export returns the exportable table with the given name.
func (r *Registry) Export(name string) (TableExport, bool) {
	for _, t := range r.Exports() {
		if t.Name == name {
			return t, true
		}
	}
	return TableExport{}, false
}
