package budget

import "salesplan/app"

// exports are step 5's tables for a spreadsheet.
var exports = []app.TableExport{{Name: "budget", Title: "Monthly budget", Build: budgetTable}}

// budgetTable is the monthly budget with the quarters and the plan period
// (the first sheet of `export budget`).
func budgetTable(pd *app.PlanData) app.DataTable {
	s := Sheets(pd)[0]
	t := app.DataTable{Title: s.Name, Columns: s.Headers}
	for _, r := range s.Rows {
		row := make([]app.Cell, len(r))
		for i, c := range r {
			row[i] = app.Cell{Text: c.Text, Amount: c.Amount, Ratio: c.Ratio}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
