package importer

import (
	"strings"
	"testing"
	"time"

	"salesplan/app"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	mar1 := day(2026, time.March, 1)
	tests := []struct {
		in    string
		order DateOrder
		want  time.Time
	}{
		{"2026-03-01", "", mar1},
		{"2026/03/01", "", mar1},
		{"2026.03.01", DMY, mar1},
		{"2026-3-1", MDY, mar1},
		{"20260301", "", mar1},
		{"01/03/2026", DMY, mar1},
		{"03/01/2026", MDY, mar1},
		{"1.3.2026", DMY, mar1},
		{"01.03.26", DMY, mar1},
		{"01-03-2026", DMY, mar1},
		{"3/1/26", MDY, mar1},
		{"13/03/2026", "", day(2026, 3, 13)},
		{"03/13/2026", "", day(2026, 3, 13)},
		{"03/13/2026", YMD, day(2026, 3, 13)},
		{"05/05/2026", "", day(2026, 5, 5)},
		{"26/03/01", YMD, mar1},
		{"1 Mar 2026", "", mar1},
		{"1-Mar-2026", "", mar1},
		{"01-Mar-26", "", mar1},
		{"Mar 1, 2026", "", mar1},
		{"March 1 2026", "", mar1},
		{"1st of March 2026", "", mar1},
		{"Sunday, March 1, 2026", "", mar1},
		{"Sun, 1 Mar 2026", "", mar1},
		{"2026-Mar-01", "", mar1},
		{"1. März 2026", "", mar1},
		{"1 mars 2026", "", mar1},
		{"1 de marzo de 2026", "", mar1},
		{"1 sept. 2026", "", day(2026, 9, 1)},
		{"1 Dez 2026", "", day(2026, 12, 1)},
		{"46082", "", mar1},
		{"46082.5", "", mar1},
		{"46082,75", "", mar1},
		{"1", "", day(1900, 1, 1)},
		{"59", "", day(1900, 2, 28)},
		{"61", "", day(1900, 3, 1)},
		{"2026-03-01 14:30", "", mar1},
		{"2026-03-01T14:30:00Z", "", mar1},
		{"2026-03-01T23:59:59.999+05:30", "", mar1},
		{"2026-03-01 00:00:00 +0000 UTC", "", mar1},
		{"01/03/2026 14:30", DMY, mar1},
		{"3/1/2026 2:30 PM", MDY, mar1},
		{"3/1/2026 2:30:15 p.m.", MDY, mar1},
		{"2026/03/01T14:30", "", mar1},
		{"Mar 1, 2026 9:00 AM", "", mar1},
		{"  2026-03-01  ", "", mar1},
		{"29/02/2024", DMY, day(2024, 2, 29)},
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in, tc.order)
		if err != nil {
			t.Errorf("ParseDate(%q, %q): %v", tc.in, tc.order, err)
			continue
		}
		if !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q, %q) = %v, want %v", tc.in, tc.order, got, tc.want)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		in    string
		order DateOrder
		want  string
	}{
		{"31/02/2026", DMY, "31/02/2026 is not a real date (February 2026 has 28 days)."},
		{"29/02/2025", DMY, "is not a real date"},
		{"02/31/2026", MDY, "is not a real date"},
		{"13/13/2026", "", "there is no month 13"},
		{"13/01/2026", MDY, "there is no month 13"},
		{"00/01/2026", DMY, "there is no day 0"},
		{"2026-13-01", "", "there is no month 13"},
		{"2026-02-30", "", "not a real date"},
		{"03/04/2026", "", "could be 3 April or March 4"},
		{"60", "", "did not exist"},
		{"0", "", "before 1 January 1900"},
		{"9999999", "", "in the year"},
		{"1850-01-01", "", "accepts dates from 1900"},
		{"hello", "", "not a date Salesplan understands"},
		{"2026-03", "", "not a full date"},
		{"March 2026", "", "not a full date"},
		{"1 Foo 2026", "", "not a date"},
		{"1/2/3/4", DMY, "not a date"},
		{"2026-03-01 25:99", "", "not a date"},
		{"2026-03-01 garbage", "", "not a date"},
		{"", "", "empty"},
		{"1 jui 2026", "", "not a date"}, // juin or juillet
		{"12345/1/1", "", "not a date"},
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in, tc.order)
		if err == nil {
			t.Errorf("ParseDate(%q, %q) = %v, want an error", tc.in, tc.order, got)
			continue
		}
		msg := app.ErrorMessage(err)
		if !strings.Contains(msg, tc.want) {
			t.Errorf("ParseDate(%q, %q): message %q does not contain %q", tc.in, tc.order, msg, tc.want)
		}
		if !strings.HasSuffix(msg, ".") {
			t.Errorf("ParseDate(%q): message %q is not a sentence", tc.in, msg)
		}
	}
}

func TestDetectDateOrder(t *testing.T) {
	tests := []struct {
		in        []string
		want      DateOrder
		ambiguous bool
	}{
		{[]string{"01/03/2026", "25/03/2026"}, DMY, false},
		{[]string{"03/01/2026", "03/25/2026"}, MDY, false},
		{[]string{"01.03.2026", "02.03.2026", "12.11.2026"}, DMY, true},
		{[]string{"01/03/2026", "02/03/2026"}, DMY, true},
		{[]string{"25/03/2026", "03/25/2026", "26/03/2026"}, DMY, true},
		{[]string{"2026-03-01", "2026-03-02"}, YMD, false},
		{[]string{"45352", "45353"}, YMD, false},
		{[]string{"1 Mar 2026"}, YMD, false},
		{[]string{"2026-03-01", "13/03/2026"}, DMY, false},
		{[]string{"", "junk"}, "", false},
		{nil, "", false},
	}
	for _, tc := range tests {
		got, amb := DetectDateOrder(tc.in)
		if got != tc.want || amb != tc.ambiguous {
			t.Errorf("DetectDateOrder(%q) = %q, %v; want %q, %v", tc.in, got, amb, tc.want, tc.ambiguous)
		}
	}
}

func BenchmarkParseDate(b *testing.B) {
	in := []string{"2026-03-01", "01.03.2026", "3/1/2026", "1 Mar 2026", "45352"}
	for i := 0; b.Loop(); i++ {
		if _, err := ParseDate(in[i%len(in)], DMY); err != nil && i%len(in) != 2 {
			b.Fatal(err)
		}
	}
}
