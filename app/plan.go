package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Business is a client of the workspace: it owns a sales history and plans.
type Business struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Currency  string    `json:"currency"`
	IsDemo    bool      `json:"is_demo"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Scope filters a business's history down to what a plan covers. Empty
// lists mean "all".
type Scope struct {
	ProductGroups []string `json:"product_groups"`
	Regions       []string `json:"regions"`
}

// Plan is a sales plan of one business over calendar months.
type Plan struct {
	ID           string `json:"id"`
	BusinessID   string `json:"business_id"`
	BusinessName string `json:"business"`
	Title        string `json:"title"`
	Start        Month  `json:"start"`
	Months       int    `json:"months"`
	Currency     string `json:"currency"`
	Locale       string `json:"locale"`
	Author       string `json:"author"`
	Products     string `json:"products"`
	Markets      string `json:"markets"`
	Scope        Scope  `json:"scope"`
	// ProcessPeriod says which period the process map's volumes cover.
	ProcessPeriod string     `json:"process_period"`
	IsDemo        bool       `json:"is_demo"`
	LastStep      string     `json:"last_step"`
	LastOpened    *time.Time `json:"last_opened_at"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	DeletedAt     *time.Time `json:"deleted_at,omitempty"`
}

// Limits on what a plan accepts; longer text is refused with a message
// rather than cut.
const (
	MaxTitleLen = 200
	MaxTextLen  = 10000
	MaxMonths   = 60
)

// End returns the last month of the plan period.
func (p Plan) End() Month { return p.Start.Add(p.Months - 1) }

// Contains reports whether m lies in the plan period. Content dated outside
// the period is kept but left out of totals.
func (p Plan) Contains(m Month) bool { return m >= p.Start && m <= p.End() }

// PeriodLabel returns e.g. "2027-01 – 2027-12".
func (p Plan) PeriodLabel() string { return p.Start.String() + " – " + p.End().String() }

// FieldError is a validation message attached to one field.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ValidateTitle checks a plan or business title.
func ValidateTitle(s string) error {
	if strings.TrimSpace(s) == "" {
		return Errorf(ErrInvalid, "Give it a name, e.g. “Sales plan 2027”.")
	}
	if utf8.RuneCountInString(s) > MaxTitleLen {
		return Errorf(ErrInvalid, "Keep the name under %d characters.", MaxTitleLen)
	}
	return nil
}

// ValidateText checks a free-text field.
func ValidateText(s string) error {
	if !utf8.ValidString(s) {
		return Errorf(ErrInvalid, "This text contains characters that are not valid UTF-8.")
	}
	if utf8.RuneCountInString(s) > MaxTextLen {
		return Errorf(ErrInvalid, "Keep this text under %d characters (it has %d).", MaxTextLen, utf8.RuneCountInString(s))
	}
	return nil
}

// ValidateMonths checks a plan length.
func ValidateMonths(n int) error {
	if n < 1 || n > MaxMonths {
		return Errorf(ErrInvalid, "A plan covers 1 to %d months; %d is outside that.", MaxMonths, n)
	}
	return nil
}

// Validate checks every field of p and returns one message per bad field.
func (p Plan) Validate() []FieldError {
	var errs []FieldError
	add := func(field string, err error) {
		if err != nil {
			errs = append(errs, FieldError{Field: field, Message: ErrorMessage(err)})
		}
	}
	add("title", ValidateTitle(p.Title))
	add("months", ValidateMonths(p.Months))
	if p.Start.Year() < 1900 || p.Start.Year() > 9999 {
		add("start", Errorf(ErrInvalid, "The start month must be a real month, e.g. 2027-01."))
	}
	if _, err := LookupCurrency(p.Currency); err != nil {
		add("currency", err)
	}
	add("author", ValidateText(p.Author))
	add("products", ValidateText(p.Products))
	add("markets", ValidateText(p.Markets))
	add("process_period", ValidateText(p.ProcessPeriod))
	return errs
}

// NextTitle names the copy of a plan moved from period start from to to:
// the year in the title is advanced when it matches, else the new start
// month is appended ("Plan 2027" → "Plan 2028"; "Plan" → "Plan (from 2028-01)").
func NextTitle(title string, from, to Month) string {
	fy, ty := fmt.Sprint(from.Year()), fmt.Sprint(to.Year())
	if fy != ty && strings.Contains(title, fy) {
		i := strings.LastIndex(title, fy)
		return title[:i] + ty + title[i+len(fy):]
	}
	return title + " (from " + to.String() + ")"
}

// ParseMonths reads a plan length as typed ("12") and validates it.
func ParseMonths(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, Errorf(ErrInvalid, "Enter a whole number of months, e.g. 12.")
	}
	return n, ValidateMonths(n)
}
