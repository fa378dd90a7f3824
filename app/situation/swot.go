package situation

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"salesplan/app"
)

// SWOTItem is one strength, weakness, opportunity or threat of a plan.
type SWOTItem struct {
	ID       string `db:"id" json:"id"`
	PlanID   string `db:"plan_id" json:"-"`
	Quadrant string `db:"quadrant" json:"quadrant"` // "S", "W", "O" or "T"
	Position int    `db:"position" json:"position"`
	Text     string `db:"text" json:"text"`
	Impact   int    `db:"impact" json:"impact"` // 1 (small) to 5 (decisive)
	Note     string `db:"note" json:"note"`
}

// Quadrants lists the SWOT quadrants in grid order.
func Quadrants() [4]string { return [4]string{"S", "W", "O", "T"} }

// QuadrantName names a quadrant for people.
func QuadrantName(q string) string {
	switch q {
	case "S":
		return "Strengths"
	case "W":
		return "Weaknesses"
	case "O":
		return "Opportunities"
	case "T":
		return "Threats"
	}
	return q
}

// Validate checks a SWOT item.
func (i SWOTItem) Validate() []app.FieldError {
	var errs []app.FieldError
	if !strings.Contains("SWOT", i.Quadrant) || len(i.Quadrant) != 1 {
		errs = append(errs, app.FieldError{Field: "quadrant", Message: "Choose strengths, weaknesses, opportunities or threats."})
	}
	if strings.TrimSpace(i.Text) == "" {
		errs = append(errs, app.FieldError{Field: "text", Message: "Say in a few words what it is."})
	} else if utf8.RuneCountInString(i.Text) > 500 {
		errs = append(errs, app.FieldError{Field: "text", Message: "Keep it under 500 characters; put details in the note."})
	}
	if i.Impact < 1 || i.Impact > 5 {
		errs = append(errs, app.FieldError{Field: "impact", Message: "Rate the impact from 1 (small) to 5 (decisive)."})
	}
	if err := app.ValidateText(i.Note); err != nil {
		errs = append(errs, app.FieldError{Field: "note", Message: app.ErrorMessage(err)})
	}
	return errs
}

// ImpactStars shows an impact rating as stars with the number, so it does
// not rest on the shape alone: "★★★☆☆ 3".
func ImpactStars(n int) string {
	n = max(0, min(5, n))
	return strings.Repeat("★", n) + strings.Repeat("☆", 5-n) + fmt.Sprintf(" %d", n)
}

// SWOTSuggestions proposes items where the history makes them clear: a
// concentrated customer base, strong seasonality, growth or decline. The
// user accepts or dismisses each.
func SWOTSuggestions(pd *app.PlanData) []SWOTItem {
	var out []SWOTItem
	if pd.Summary != nil && pd.Summary.Top10Share >= 0.5 {
		out = append(out, SWOTItem{Quadrant: "W", Impact: 4,
			Text: "Revenue concentrated: " + strings.TrimSuffix(ConcentrationSentence(pd), "."),
			Note: "Losing one large customer would hurt; winning more mid-sized customers spreads the risk."})
	}
	years := app.YearTotals(pd.History)
	for i := len(years) - 1; i >= 0; i-- {
		g := years[i].Growth
		if math.IsNaN(g) {
			continue
		}
		switch {
		case g >= 0.05:
			out = append(out, SWOTItem{Quadrant: "S", Impact: 3,
				Text: fmt.Sprintf("Revenue grew %s in %d", pd.Locale.Percent(g), years[i].Year)})
		case g <= -0.03:
			out = append(out, SWOTItem{Quadrant: "W", Impact: 4,
				Text: fmt.Sprintf("Revenue fell %s in %d", pd.Locale.Percent(-g), years[i].Year)})
		}
		break
	}
	if len(pd.History.Values) >= 12 {
		idx := app.SeasonalityIndex(pd.History)
		hi, lo := 0, 0
		for m := range idx {
			if idx[m] > idx[hi] {
				hi = m
			}
			if idx[m] < idx[lo] {
				lo = m
			}
		}
		if idx[hi] >= 1.25 || idx[lo] <= 0.75 {
			out = append(out, SWOTItem{Quadrant: "T", Impact: 3,
				Text: fmt.Sprintf("Strong seasonality: %s sells %s of an average month, %s only %s",
					pd.Locale.MonthAbbr(time.Month(hi+1)), pd.Locale.Percent(idx[hi]), pd.Locale.MonthAbbr(time.Month(lo+1)), pd.Locale.Percent(idx[lo])),
				Note: "Capacity, stock and cash must follow the peaks."})
		}
	}
	return out
}

// Clean trims the item's text before it is saved.
func (i *SWOTItem) Clean() { i.Text = strings.TrimSpace(i.Text) }
