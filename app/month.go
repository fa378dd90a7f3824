package app

import (
	"fmt"
	"time"
)

// Month is a calendar month counted from January of year 0, so that month
// arithmetic is integer arithmetic. Its text form is "YYYY-MM".
type Month int

// NewMonth returns the Month of year y and month m.
func NewMonth(y int, m time.Month) Month { return Month(y*12 + int(m) - 1) }

// MonthOf returns the Month that contains t.
func MonthOf(t time.Time) Month { return NewMonth(t.Year(), t.Month()) }

// ParseMonth parses "YYYY-MM". Its errors say what is wrong in a sentence
// (ErrInvalid).
func ParseMonth(s string) (Month, error) {
	var y, m int
	shown := ShowInput(s, 20)
	if len(s) != 7 || s[4] != '-' {
		return 0, Errorf(ErrInvalid, "%s is not a month; write it as YYYY-MM, e.g. 2027-01.", shown)
	}
	if _, err := fmt.Sscanf(s, "%4d-%2d", &y, &m); err != nil || s[5] < '0' || s[5] > '9' {
		return 0, Errorf(ErrInvalid, "%s is not a month; write it as YYYY-MM with digits, e.g. 2027-01.", shown)
	}
	switch {
	case m < 1 || m > 12:
		return 0, Errorf(ErrInvalid, "There is no month %02d; write the month as YYYY-MM with 01 to 12, e.g. %04d-01.", m, y)
	case y < 1900 || y > 9999:
		return 0, Errorf(ErrInvalid, "%s is too far from today; use a year from 1900 to 9999.", shown)
	}
	return NewMonth(y, time.Month(m)), nil
}

// Year returns the calendar year of m.
func (m Month) Year() int { return int(m) / 12 }

// Month returns the calendar month of m.
func (m Month) Month() time.Month { return time.Month(int(m)%12 + 1) }

// Add returns the month n months after m (n may be negative).
func (m Month) Add(n int) Month { return m + Month(n) }

// Time returns midnight UTC on the first day of m.
func (m Month) Time() time.Time { return time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, time.UTC) }

// String returns "YYYY-MM".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), int(m.Month())) }

// MarshalText implements encoding.TextMarshaler so JSON shows "YYYY-MM".
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
