package budget

import (
	"io"
	"strings"

	"salesplan/app"
	"salesplan/app/tabular"
)

func text(s string) app.Cell       { return app.TextCell(s) }
func amount(v int64) app.Cell      { return app.AmountCell(v) }
func ratioCell(v float64) app.Cell { return app.RatioCell(v) }

// Sheets returns every table of the budget: the monthly budget with the
// quarters and the plan period, the lines per month, the scenarios and the
// budget vs actual (sales, and the expenses per month), the expense
// variance per line and per line and month (the lines furthest off first).
func Sheets(pd *app.PlanData) []app.DataTable {
	f := FiguresOf(pd)
	loc := pd.Locale
	monthly := app.DataTable{Title: "Monthly budget", Columns: []string{"Month", "Revenue", "Gross margin", "Sales expenses", "Contribution", "Cost of sales ratio"}}
	for i, m := range f.Months {
		monthly.Rows = append(monthly.Rows, []app.Cell{text(m.String()), amount(f.Revenue[i]), amount(f.Margin[i]), amount(f.Expenses[i]),
			amount(f.Contribution[i]), ratioCell(ratio(f.Expenses[i], f.Revenue[i]))})
	}
	for _, p := range append(append([]Period(nil), f.Quarters...), f.Year) {
		label := p.Label
		if strings.HasPrefix(label, "Q") {
			label += " " + p.From.String() + "–" + p.To.String()
		}
		monthly.Rows = append(monthly.Rows, []app.Cell{text(label), amount(p.Revenue), amount(p.Margin), amount(p.Expenses), amount(p.Contribution),
			ratioCell(ratio(p.Expenses, p.Revenue))})
	}
	lines := app.DataTable{Title: "Lines", Columns: []string{"Line", "Source"}}
	for _, m := range f.Months {
		lines.Columns = append(lines.Columns, m.String())
	}
	lines.Columns = append(lines.Columns, "Total")
	row := func(label, source string, months []int64) []app.Cell {
		r := []app.Cell{text(label), text(source)}
		for _, v := range months {
			r = append(r, amount(v))
		}
		return append(r, amount(sum(months)))
	}
	lines.Rows = append(lines.Rows, row("Revenue", f.RevenueBasis, f.Revenue), row("Gross margin", loc.Percent(float64(f.Settings.MarginBP)/10000)+" of revenue", f.Margin))
	for _, l := range f.Lines {
		lines.Rows = append(lines.Rows, row(l.Label, l.Source, l.Months))
	}
	lines.Rows = append(lines.Rows, row("Sales expenses", "the lines above", f.Expenses), row("Contribution", "gross margin − sales expenses", f.Contribution))
	sc := app.DataTable{Title: "Scenarios", Columns: []string{"Scenario", "Basis", "Revenue", "Gross margin", "Commissions", "Sales expenses", "Contribution", "Cost of sales ratio"}}
	for _, s := range f.Scenarios {
		sc.Rows = append(sc.Rows, []app.Cell{text(s.Name), text(s.Basis), amount(s.Revenue), amount(s.Margin), amount(s.Incentives), amount(s.Expenses),
			amount(s.Contribution), ratioCell(s.CostRatio)})
	}
	act := app.DataTable{Title: "Budget vs actual", Columns: []string{"Month", "Budget", "Actual", "Variance", "Variance ratio", "Expense budget", "Actual expenses"}}
	for _, a := range f.Actual {
		r := []app.Cell{text(a.Month.String()), amount(a.Budget), amount(a.Actual), amount(a.Variance), ratioCell(a.VarianceFraction), amount(a.ExpenseBudget)}
		if a.HasExpenses {
			r = append(r, amount(a.ActualExpenses))
		}
		act.Rows = append(act.Rows, r)
	}
	ev := app.DataTable{Title: "Expense variance", Columns: []string{"Line", "Budget", "Actual", "Variance", "Variance ratio"}}
	em := app.DataTable{Title: "Expenses by month", Columns: []string{"Line", "Month", "Budget", "Actual", "Variance", "Variance ratio"}}
	for _, la := range f.LineActuals {
		ev.Rows = append(ev.Rows, []app.Cell{text(la.Label), amount(la.BudgetRecorded), amount(la.ActualTotal), amount(la.VarianceTotal), ratioCell(la.VarianceFraction)})
		for i, has := range la.Has {
			if has {
				em.Rows = append(em.Rows, []app.Cell{text(la.Label), text(f.Months[i].String()), amount(la.Budget[i]), amount(la.Actual[i]), amount(la.Variance[i]),
					ratioCell(la.MonthFraction(i))})
			}
		}
	}
	return []app.DataTable{monthly, lines, sc, act, ev, em}
}

// WriteCSV writes every table of the budget, one after another, each with
// its name and the currency on a line of its own and a blank line after
// it. Amounts are plain numbers in major units with a decimal point
// (exact), ratios fractions with 4 decimals, months YYYY-MM.
func WriteCSV(w io.Writer, pd *app.PlanData) error {
	return tabular.WriteCSVTables(w, Sheets(pd), pd.Currency)
}

// WriteXLSX writes one sheet per table: amounts as numbers in major units
// with the currency's number format, ratios as percentages.
func WriteXLSX(w io.Writer, pd *app.PlanData) error {
	return tabular.WriteXLSXSheets(w, Sheets(pd), pd.Currency)
}
