package cli

import (
	"fmt"
	"strconv"

	"salesplan/app"
)

// decimalInt is an int flag that takes plain decimal digits only (no 0x10,
// no 1e3, no +5), so what is typed is what is meant.
type decimalInt struct{ p *int }

func (d decimalInt) String() string {
	if d.p == nil {
		return ""
	}
	return strconv.Itoa(*d.p)
}

func (d decimalInt) Set(s string) error {
	if s == "" || len(s) > 9 {
		return fmt.Errorf("write a whole number such as 12")
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return fmt.Errorf("write a whole number in plain digits, such as 12")
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("write a whole number such as 12")
	}
	*d.p = n
	return nil
}

// Plans may start from 1900-01 and must end by 9999-12.
const (
	firstYear = 1900
	lastYear  = 9999
	maxMonths = 60
)

// parsePlanStart checks --start and --months together and returns the
// first month.
func parsePlanStart(start string, months int) (app.Month, error) {
	if months < 1 || months > maxMonths {
		return 0, usageError(fmt.Sprintf("--months %d: a plan covers 1 to %d months; write e.g. --months 12", months, maxMonths))
	}
	if len(start) == 7 && start[4] == '-' {
		if y, err := strconv.Atoi(start[:4]); err == nil && start[0] != '+' && start[0] != '-' && (y < firstYear || y > lastYear) {
			return 0, usageError(fmt.Sprintf("--start %s: the year must be between %d and %d, e.g. --start 2027-01", start, firstYear, lastYear))
		}
	}
	m, err := app.ParseMonth(start)
	if err != nil {
		return 0, usageError("--start: " + err.Error())
	}
	if end := m.Add(months - 1); end.Year() > lastYear {
		return 0, usageError(fmt.Sprintf("--start %s with %d months would end after %d-12; choose an earlier start or fewer months", start, months, lastYear))
	}
	return m, nil
}
