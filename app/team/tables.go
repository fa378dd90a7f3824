package team

import "salesplan/app"

// exports are step 6's tables for a spreadsheet; the team's monitoring
// adds its own here.
var exports = []app.TableExport{
	{Name: "team", Title: "Sales team", Build: teamTable},
	{Name: "activities", Title: "Activity log", Build: activitiesTable},
	{Name: "polls", Title: "Customer ratings", Build: pollsTable},
}

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

// activitiesTable is the activity log, by date.
func activitiesTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "Activity log", Columns: []string{"Date", "Salesperson", "Kind", "Count", "Customer", "Product group", "Amount"}}
	c := Of(pd)
	for _, a := range c.Activities {
		amount := app.Cell{}
		if a.Amount != 0 {
			amount = app.AmountCell(a.Amount)
		}
		t.Rows = append(t.Rows, []app.Cell{app.TextCell(a.Date), app.TextCell(repName(c, a.Rep())), app.TextCell(a.Kind),
			app.IntCell(int64(a.Count)), app.TextCell(a.Customer), app.TextCell(a.Group), amount})
	}
	return t
}

// pollsTable is the customers' ratings of the salespeople, by date.
func pollsTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "Customer ratings", Columns: []string{"Date", "Salesperson", "Customer", "Rating", "Scale", "Comment"}}
	c := Of(pd)
	for _, p := range c.Polls {
		t.Rows = append(t.Rows, []app.Cell{app.TextCell(p.Date), app.TextCell(repName(c, p.Rep())), app.TextCell(p.Customer),
			app.IntCell(int64(p.Rating)), app.IntCell(int64(p.Scale)), app.TextCell(p.Comment)})
	}
	return t
}

// repName is the name of rep id, or "" when the roster lacks it.
func repName(c *Content, id string) string {
	if r := c.Rep(id); r != nil {
		return r.Name
	}
	return ""
}
