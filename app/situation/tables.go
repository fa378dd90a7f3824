package situation

import (
	"math"

	"salesplan/app"
)

// exports are step 1's tables for a spreadsheet.
var exports = []app.TableExport{
	{Name: "history", Title: "Sales history", Build: historyTable},
	{Name: "swot", Title: "SWOT analysis", Build: swotTable},
	{Name: "process", Title: "Sales process", Build: processTable},
}

func historyTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "Sales history", Columns: []string{"Month", "Revenue"}}
	for i, v := range pd.History.Values {
		m := pd.History.Start.Add(i)
		t.Rows = append(t.Rows, []app.Cell{app.MonthCell(&m), app.AmountCell(v)})
	}
	return t
}

func swotTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "SWOT analysis", Columns: []string{"Quadrant", "Item", "Impact (1–5)", "Note"}}
	for _, q := range Quadrants() {
		for _, it := range Of(pd).SWOT {
			if it.Quadrant == q {
				t.Rows = append(t.Rows, []app.Cell{app.TextCell(QuadrantName(q)), app.TextCell(it.Text), app.IntCell(int64(it.Impact)), app.TextCell(it.Note)})
			}
		}
	}
	return t
}

func processTable(pd *app.PlanData) app.DataTable {
	t := app.DataTable{Title: "Sales process", Columns: []string{"Stage", "Volume", "Conversion", "Benchmark", "Average days", "Bottleneck"}}
	a := FiguresOf(pd).Process
	for i, st := range Of(pd).Stages {
		conv, bench := app.Cell{}, app.Cell{}
		if i > 0 && i-1 < len(a.Conversions) {
			c := a.Conversions[i-1]
			conv, bench = app.RatioCell(c.Conversion), app.RatioCell(c.Benchmark)
		}
		bottleneck := ""
		if i == a.Bottleneck {
			bottleneck = "bottleneck"
		}
		t.Rows = append(t.Rows, []app.Cell{app.TextCell(st.Name), app.IntCell(st.Volume), conv, bench, app.NumberCell(math.Round(st.AvgDays*10)/10, 1), app.TextCell(bottleneck)})
	}
	return t
}
