package sop

import "salesplan/app"

// exports are step 4's tables for a spreadsheet.
var exports = []app.TableExport{{Name: "sop", Title: "Demand and capacity", Build: demandTable}}

// demandTable has one row per product group and month: demand, capacity
// and the gap after the decisions.
func demandTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "Demand and capacity", Columns: []string{"Product group", "Month", "Demand", "Demand units", "Capacity units",
		"Net demand", "Net demand units", "Net capacity units", "Gap units", "State"}}
	f := FiguresOf(pd)
	opt := func(v *int64) app.Cell {
		if v == nil {
			return app.Cell{}
		}
		return app.IntCell(*v)
	}
	for _, cells := range f.Cells {
		for _, c := range cells {
			m := c.Month
			gap := app.Cell{}
			if c.Known {
				gap = app.IntCell(c.Gap)
			}
			t.Rows = append(t.Rows, []app.Cell{app.TextCell(c.Group), app.MonthCell(&m), app.AmountCell(c.Demand), app.IntCell(c.DemandUnits),
				opt(c.CapacityUnits), app.AmountCell(c.NetDemand), app.IntCell(c.NetDemandUnits), app.IntCell(c.NetCapacityUnits), gap, app.TextCell(c.State)})
		}
	}
	return t
}
