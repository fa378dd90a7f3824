package objectives

import (
	"strings"

	"salesplan/app"
)

// exports are step 2's tables for a spreadsheet.
var exports = []app.TableExport{{Name: "objectives", Title: "Objectives", Build: objectivesTable}}

func objectivesTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "Objectives", Columns: []string{"Objective", "Kind", "Metric", "Unit", "Baseline", "Target", "Deadline", "Owner", "Revenue target", "SMART"}}
	smart := FiguresOf(pd).SMART
	for i, o := range Of(pd).Objectives {
		value := func(v *int64) app.Cell {
			if v == nil {
				return app.Cell{}
			}
			switch o.Kind.info().scale {
			case "money":
				return app.AmountCell(*v)
			case "bp":
				return app.RatioCell(float64(*v) / 10000)
			case "count":
				return app.IntCell(*v)
			}
			return app.NumberCell(float64(*v)/100, 2) // in the objective's unit (its Metric)
		}
		var letters []string
		if i < len(smart) {
			for _, l := range smart[i] {
				letters = append(letters, l.Letter+" "+string(l.Verdict))
			}
		}
		rt := ""
		if o.RevenueTarget {
			rt = "yes"
		}
		t.Rows = append(t.Rows, []app.Cell{app.TextCell(o.Title), app.TextCell(string(o.Kind)), app.TextCell(o.Metric), app.TextCell(o.Unit), value(o.Baseline), value(o.Target),
			app.MonthCell(o.Deadline), app.TextCell(o.Owner), app.TextCell(rt), app.TextCell(strings.Join(letters, ", "))})
	}
	return t
}
