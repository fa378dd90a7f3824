package app

import "time"

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
