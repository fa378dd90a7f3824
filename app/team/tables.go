package team

import "salesplan/app"

// exports are step 6's tables for a spreadsheet; the team's monitoring
// adds its own here.
var exports = []app.TableExport{{Name: "team", Title: "Sales team", Build: teamTable}}

// teamTable is the roster with costs and quotas.
func teamTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "Sales team", Columns: []string{"Name", "Region", "Experience", "Status", "Hired", "Leaves", "Monthly cost", "Cost in the plan", "Quota"}}
	f := FiguresOf(pd)
	quota := map[string]int64{}
	for _, rq := range f.Quotas.Reps {
		quota[rq.Rep] = rq.Annual
	}
	for _, rp := range Of(pd).Reps {
		if rp.Status == StatusCandidate {
			continue
		}
		var cost int64
		for _, v := range f.SalaryByRep[rp.ID] {
			cost += v
		}
		q := app.Cell{}
		if v, ok := quota[rp.ID]; ok {
			q = app.AmountCell(v)
		}
		t.Rows = append(t.Rows, []app.Cell{app.TextCell(rp.Name), app.TextCell(rp.Region), app.TextCell(Label(rp.Level)), app.TextCell(Label(rp.Status)),
			app.TextCell(rp.HireDate), app.TextCell(rp.LeaveDate), app.AmountCell(rp.MonthlyCost), app.AmountCell(cost), q})
	}
	return t
}
