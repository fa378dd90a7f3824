package app

import (
	"time"

	"salesplan/charts"
)

// Sale is one row of a business's sales history, as imported. History rows
// are identified by their import batch and source line, not by a UUID.
type Sale struct {
	Date        time.Time // the day of the sale (UTC midnight)
	Amount      int64     // minor units of the business currency; negative for returns
	Quantity    float64
	Product     string
	Group       string
	Region      string
	Customer    string
	Salesperson string
	Channel     string
	Line        int // line (or sheet row) in the source file
}

// ImportBatch describes one imported file.
type ImportBatch struct {
	ID         int64     `json:"id"`
	BusinessID string    `json:"business_id"`
	Source     string    `json:"source"`
	SHA256     string    `json:"sha256"`
	ImportedAt time.Time `json:"imported_at"`
	Rows       int       `json:"rows"`
}

// MonthlySeries is one value per consecutive month from Start.
type MonthlySeries struct {
	Start  Month   `json:"start"`
	Values []int64 `json:"values"`
}

// End returns the last month of the series (Start-1 when empty).
func (s MonthlySeries) End() Month { return s.Start.Add(len(s.Values) - 1) }

// Total returns the sum of the values.
func (s MonthlySeries) Total() int64 {
	var t int64
	for _, v := range s.Values {
		t += v
	}
	return t
}

// YearTotal is the revenue of one calendar year of history.
type YearTotal struct {
	Year    int     `json:"year"`
	Months  int     `json:"months"` // months of that year present in the history
	Revenue int64   `json:"revenue_minor"`
	Growth  float64 `json:"growth"` // vs the previous full year; NaN when not comparable
}

// YearTotals sums a monthly series per calendar year, with year-over-year
// growth where both years are complete.
func YearTotals(s MonthlySeries) []YearTotal {
	var out []YearTotal
	for i, v := range s.Values {
		y := s.Start.Add(i).Year()
		if len(out) == 0 || out[len(out)-1].Year != y {
			out = append(out, YearTotal{Year: y, Growth: nan()})
		}
		out[len(out)-1].Months++
		out[len(out)-1].Revenue += v
	}
	for i := 1; i < len(out); i++ {
		prev, cur := out[i-1], out[i]
		if prev.Months == 12 && cur.Months == 12 && prev.Revenue > 0 {
			out[i].Growth = float64(cur.Revenue-prev.Revenue) / float64(prev.Revenue)
		}
	}
	return out
}

// HistoryChart describes the monthly revenue chart of a plan's history, the
// same on screen and in the PDF.
func HistoryChart(pd *PlanData, title string) charts.MonthlyChart {
	vals := make([]float64, len(pd.History.Values))
	for i, v := range pd.History.Values {
		vals[i] = ToMajor(v, pd.Currency)
	}
	loc, cur := pd.Locale, pd.Currency
	return charts.MonthlyChart{
		Title:      title,
		FirstYear:  pd.History.Start.Year(),
		FirstMonth: pd.History.Start.Month(),
		Series:     []charts.Series{{Name: "Revenue", Values: vals, Role: charts.RoleActual}},
		FormatY: func(v float64) string {
			return loc.MoneyCompact(FromMajor(v, cur), cur)
		},
		EmptyText: "No sales history yet",
	}
}

// RevenueBaseline is the revenue of the last 12 months of history before
// the plan starts (fewer when the history is shorter); months is how many
// it covers.
func RevenueBaseline(pd *PlanData) (sum int64, months int) {
	h := pd.History
	end := min(h.End(), pd.Plan.Start.Add(-1))
	for i, v := range h.Values {
		if m := h.Start.Add(i); m <= end && m > end.Add(-12) {
			sum += v
			months++
		}
	}
	return sum, months
}
