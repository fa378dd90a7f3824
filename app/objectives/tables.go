package objectives

import (
	"strings"

	"salesplan/app"
)

// exports are step 2's tables for a spreadsheet.
var exports = []app.TableExport{{Name: "objectives", Title: "Objectives", Build: objectivesTable}}

func objectivesTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "Objectives", Columns: []string{"Objective", "Kind", "Metric", "Baseline", "Target", "Deadline", "Owner", "Revenue target", "SMART"}}
	smart := FiguresOf(pd).SMART
	for i, o := range Of(pd).Objectives {
		value := func(v *int64) app.Cell {
			switch {
			case v == nil:
				return app.Cell{}
			case o.Kind.IsMoney():
				return app.AmountCell(*v)
			}
			return app.TextCell(o.FormatValue(*v, pd.Locale, pd.Currency))
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
		t.Rows = append(t.Rows, []app.Cell{app.TextCell(o.Title), app.TextCell(string(o.Kind)), app.TextCell(o.Metric), value(o.Baseline), value(o.Target),
			app.MonthCell(o.Deadline), app.TextCell(o.Owner), app.TextCell(rt), app.TextCell(strings.Join(letters, ", "))})
	}
	return t
}
