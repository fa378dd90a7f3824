package app

// Ranked is one entry of a top-N list.
type Ranked struct {
	Key    string  `json:"key"`
	Amount int64   `json:"amount_minor"`
	Share  float64 `json:"share"` // of the period's total
}

// Dimension names a column of the history for top-N lists.
type Dimension string

// The dimensions a summary ranks.
const (
	DimProduct     Dimension = "product"
	DimRegion      Dimension = "region"
	DimCustomer    Dimension = "customer"
	DimSalesperson Dimension = "salesperson"
	DimGroup       Dimension = "product_group"
)

// Summary is the automatic situation summary of a plan's history.
type Summary struct {
	Years       []YearTotal            `json:"years"`
	Seasonality [12]float64            `json:"seasonality"` // index per calendar month, mean 1
	From        Month                  `json:"from"`        // the period the top lists cover (last 12 months of history)
	To          Month                  `json:"to"`
	Top         map[Dimension][]Ranked `json:"top"`
	Top10Share  float64                `json:"top10_customer_share"` // share of revenue from the 10 largest customers
}

// SeasonalityIndex returns, per calendar month (January first), how that
// month sells compared with an average month: 1.25 means 25 % above. Each
// complete calendar year's months are divided by that year's monthly mean
// and averaged over years; without a complete year, the months present are
// compared with the overall monthly mean. Months never seen get 1.
func SeasonalityIndex(s MonthlySeries) [12]float64 {
	var sum [12]float64
	var n [12]int
	byYear := map[int][]int{} // year → indexes into s.Values
	for i := range s.Values {
		y := s.Start.Add(i).Year()
		byYear[y] = append(byYear[y], i)
	}
	full := false
	for _, idx := range byYear {
		if len(idx) != 12 {
			continue
		}
		var tot float64
		for _, i := range idx {
			tot += float64(s.Values[i])
		}
		mean := tot / 12
		if mean <= 0 {
			continue
		}
		full = true
		for _, i := range idx {
			m := s.Start.Add(i).Month() - 1
			sum[m] += float64(s.Values[i]) / mean
			n[m]++
		}
	}
	if !full && len(s.Values) > 0 {
		var tot float64
		for _, v := range s.Values {
			tot += float64(v)
		}
		if mean := tot / float64(len(s.Values)); mean > 0 {
			for i, v := range s.Values {
				m := s.Start.Add(i).Month() - 1
				sum[m] += float64(v) / mean
				n[m]++
			}
		}
	}
	var idx [12]float64
	var avg float64
	for m := range idx {
		idx[m] = 1
		if n[m] > 0 {
			idx[m] = sum[m] / float64(n[m])
		}
		avg += idx[m]
	}
	if avg > 0 {
		for m := range idx {
			idx[m] = idx[m] * 12 / avg
		}
	}
	return idx
}

// LastYearWindow returns the last 12 months of a history (fewer when it is
// shorter); ok is false for an empty history.
func LastYearWindow(s MonthlySeries) (from, to Month, ok bool) {
	if len(s.Values) == 0 {
		return 0, 0, false
	}
	to = s.End()
	from = max(s.Start, to.Add(-11))
	return from, to, true
}
