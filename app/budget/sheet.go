package budget

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"salesplan/app"
)

// Cell is one cell of an exported table: text, an amount in minor units,
// or a ratio (a fraction; NaN is empty).
type Cell struct {
	Text   string
	Amount *int64
	Ratio  *float64
}

func text(s string) Cell  { return Cell{Text: s} }
func amount(v int64) Cell { return Cell{Amount: &v} }
func ratioCell(v float64) Cell {
	if v != v { // NaN: no ratio
		return Cell{}
	}
	return Cell{Ratio: &v}
}

// Sheet is one table of the budget for a spreadsheet.
type Sheet struct {
	Name    string
	Headers []string
	Rows    [][]Cell
}

// Sheets returns every table of the budget: the monthly budget with the
// quarters and the plan period, the lines per month, the scenarios and the
// budget vs actual (sales, and the expenses per month), the expense
// variance per line and per line and month (the lines furthest off first).
func Sheets(pd *app.PlanData) []Sheet {
	f := FiguresOf(pd)
	loc := pd.Locale
	monthly := Sheet{Name: "Monthly budget", Headers: []string{"Month", "Revenue", "Gross margin", "Sales expenses", "Contribution", "Cost of sales ratio"}}
	for i, m := range f.Months {
		monthly.Rows = append(monthly.Rows, []Cell{text(m.String()), amount(f.Revenue[i]), amount(f.Margin[i]), amount(f.Expenses[i]),
			amount(f.Contribution[i]), ratioCell(ratio(f.Expenses[i], f.Revenue[i]))})
	}
	for _, p := range append(append([]Period(nil), f.Quarters...), f.Year) {
		label := p.Label
		if strings.HasPrefix(label, "Q") {
			label += " " + p.From.String() + "–" + p.To.String()
		}
		monthly.Rows = append(monthly.Rows, []Cell{text(label), amount(p.Revenue), amount(p.Margin), amount(p.Expenses), amount(p.Contribution),
			ratioCell(ratio(p.Expenses, p.Revenue))})
	}
	lines := Sheet{Name: "Lines", Headers: []string{"Line", "Source"}}
	for _, m := range f.Months {
		lines.Headers = append(lines.Headers, m.String())
	}
	lines.Headers = append(lines.Headers, "Total")
	row := func(label, source string, months []int64) []Cell {
		r := []Cell{text(label), text(source)}
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
	sc := Sheet{Name: "Scenarios", Headers: []string{"Scenario", "Basis", "Revenue", "Gross margin", "Commissions", "Sales expenses", "Contribution", "Cost of sales ratio"}}
	for _, s := range f.Scenarios {
		sc.Rows = append(sc.Rows, []Cell{text(s.Name), text(s.Basis), amount(s.Revenue), amount(s.Margin), amount(s.Incentives), amount(s.Expenses),
			amount(s.Contribution), ratioCell(s.CostRatio)})
	}
	act := Sheet{Name: "Budget vs actual", Headers: []string{"Month", "Budget", "Actual", "Variance", "Variance ratio", "Expense budget", "Actual expenses"}}
	for _, a := range f.Actual {
		r := []Cell{text(a.Month.String()), amount(a.Budget), amount(a.Actual), amount(a.Variance), ratioCell(a.VarianceFraction), amount(a.ExpenseBudget)}
		if a.HasExpenses {
			r = append(r, amount(a.ActualExpenses))
		}
		act.Rows = append(act.Rows, r)
	}
	ev := Sheet{Name: "Expense variance", Headers: []string{"Line", "Budget", "Actual", "Variance", "Variance ratio"}}
	em := Sheet{Name: "Expenses by month", Headers: []string{"Line", "Month", "Budget", "Actual", "Variance", "Variance ratio"}}
	for _, la := range f.LineActuals {
		ev.Rows = append(ev.Rows, []Cell{text(la.Label), amount(la.BudgetRecorded), amount(la.ActualTotal), amount(la.VarianceTotal), ratioCell(la.VarianceFraction)})
		for i, has := range la.Has {
			if has {
				em.Rows = append(em.Rows, []Cell{text(la.Label), text(f.Months[i].String()), amount(la.Budget[i]), amount(la.Actual[i]), amount(la.Variance[i]),
					ratioCell(la.MonthFraction(i))})
			}
		}
	}
	return []Sheet{monthly, lines, sc, act, ev, em}
}

// plainAmount writes minor units as a plain decimal number in major units
// ("-1234.50"), exactly, for CSV.
func plainAmount(v int64, digits int) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = uint64(-v)
	}
	s := strconv.FormatUint(u, 10)
	if digits > 0 {
		for len(s) <= digits {
			s = "0" + s
		}
		s = s[:len(s)-digits] + "." + s[len(s)-digits:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func (c Cell) plain(digits int) string {
	switch {
	case c.Amount != nil:
		return plainAmount(*c.Amount, digits)
	case c.Ratio != nil:
		return strconv.FormatFloat(*c.Ratio, 'f', 4, 64)
	}
	return c.Text
}

// WriteCSV writes every table of the budget, one after another, each with
// its name on a line of its own and a blank line after it. Amounts are
// plain numbers in major units with a decimal point (exact), ratios
// fractions with 4 decimals, months YYYY-MM.
func WriteCSV(w io.Writer, pd *app.PlanData) error {
	cw := csv.NewWriter(w)
	for i, s := range Sheets(pd) {
		if i > 0 {
			cw.Write([]string{})
		}
		cw.Write([]string{s.Name + " (" + pd.Currency.Code + ")"})
		cw.Write(s.Headers)
		for _, r := range s.Rows {
			rec := make([]string, len(r))
			for j, c := range r {
				rec[j] = c.plain(pd.Currency.Digits)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes one sheet per table: amounts as numbers in major units
// with the currency's number format, ratios as percentages.
func WriteXLSX(w io.Writer, pd *app.PlanData) error {
	x := excelize.NewFile()
	defer x.Close()
	cur := pd.Currency
	dec := ""
	if cur.Digits > 0 {
		dec = "." + strings.Repeat("0", cur.Digits)
	}
	sym := strings.ReplaceAll(cur.Symbol, `"`, "")
	code := `#,##0` + dec + ` "` + sym + `";-#,##0` + dec + ` "` + sym + `"`
	money, err := x.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		return err
	}
	pctFmt := "0.0%"
	pct, err := x.NewStyle(&excelize.Style{CustomNumFmt: &pctFmt})
	if err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, s := range Sheets(pd) {
		name := s.Name
		if i == 0 {
			if err := x.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := x.NewSheet(name); err != nil {
			return err
		}
		for j, h := range s.Headers {
			ref, _ := excelize.CoordinatesToCellName(j+1, 1)
			x.SetCellValue(name, ref, h)
			x.SetCellStyle(name, ref, ref, bold)
		}
		for ri, r := range s.Rows {
			for j, c := range r {
				ref, _ := excelize.CoordinatesToCellName(j+1, ri+2)
				switch {
				case c.Amount != nil:
					v, err := strconv.ParseFloat(plainAmount(*c.Amount, cur.Digits), 64)
					if err != nil {
						return fmt.Errorf("amount %d: %w", *c.Amount, err)
					}
					x.SetCellFloat(name, ref, v, cur.Digits, 64)
					x.SetCellStyle(name, ref, ref, money)
				case c.Ratio != nil:
					x.SetCellFloat(name, ref, *c.Ratio, 6, 64)
					x.SetCellStyle(name, ref, ref, pct)
				default:
					x.SetCellStr(name, ref, c.Text)
				}
			}
		}
		x.SetColWidth(name, "A", "B", 24)
	}
	return x.Write(w)
}
