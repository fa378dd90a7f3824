package budget

import "salesplan/app"

// exports are step 5's tables for a spreadsheet.
var exports = []app.TableExport{{Name: "budget", Title: "Monthly budget", Build: budgetTable}}

// budgetTable is the monthly budget with the quarters and the plan period
// (the first sheet of `export budget`).
func budgetTable(pd *app.PlanData) app.DataTable { return Sheets(pd)[0] }
