package strategy

import "salesplan/app"

// exports are step 3's tables for a spreadsheet.
var exports = []app.TableExport{
	{Name: "initiatives", Title: "Initiatives", Build: initiativesTable},
	{Name: "simulator", Title: "Payout simulator", Build: simulatorTable},
}

func initiativesTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "Initiatives", Columns: []string{"Initiative", "Owner", "Start", "End", "Cost", "Expected effect"}}
	for _, in := range Of(pd).Initiatives {
		t.Rows = append(t.Rows, []app.Cell{app.TextCell(in.Description), app.TextCell(in.Owner), app.MonthCell(in.Start), app.MonthCell(in.End),
			app.AmountCell(in.Cost), app.TextCell(in.Effect)})
	}
	return t
}

func simulatorTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "Payout simulator", Columns: []string{"Attainment", "Revenue", "Payout per rep (first)", "Total payout", "Cost of sales"}}
	for _, row := range FiguresOf(pd).Simulation.Rows {
		first := app.Cell{}
		if len(row.RepPayout) > 0 {
			first = app.AmountCell(row.RepPayout[0])
		}
		t.Rows = append(t.Rows, []app.Cell{app.RatioCell(float64(row.AttainmentBP) / 10000), app.AmountCell(row.Revenue), first,
			app.AmountCell(row.Payout), app.RatioCell(row.CostRatio)})
	}
	return t
}
