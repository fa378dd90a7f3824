package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

func build(t *testing.T, draw func(r *Report) error) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required in CI")
		}
		t.Skip("pdftotext not installed")
	}
	doc := Document{Title: "Test", Footer: "Test", Cover: Cover{Title: "Test"}, Sections: []Section{{Title: "Section", Draw: draw}}}
	var buf bytes.Buffer
	if err := Build(context.Background(), &buf, doc, Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(out), "\f")
}

// pageOf returns the index of the first page containing s, -1 if none.
func pageOf(pages []string, s string) int {
	for i, p := range pages {
		if strings.Contains(p, s) {
			return i
		}
	}
	return -1
}

// A subheading near the bottom of a page moves to the next page with the
// table it introduces; so does a label.
func TestHeadingStaysWithWhatFollows(t *testing.T) {
	for fill := 30; fill < 52; fill++ {
		pages := build(t, func(r *Report) error {
			for i := 0; i < fill; i++ {
				r.Paragraph("Filler line " + strconv.Itoa(i))
			}
			r.Subheading("Top products")
			r.Paragraph("Short intro.")
			r.Label("Products by revenue", 20)
			r.Table([]string{"Name", "Revenue"}, [][]string{{"Espresso machine", "€1,200"}, {"Grinder", "€300"}}, []float64{0.7, 0.3}, "LR")
			return nil
		})
		h, l, row := pageOf(pages, "Top products"), pageOf(pages, "Products by revenue"), pageOf(pages, "Espresso machine")
		if h != l || l != row {
			t.Errorf("fill %d: heading on page %d, label %d, first row %d", fill, h+1, l+1, row+1)
		}
	}
}

// A long table repeats its header on every page and never splits a row;
// a row taller than a page flows on over pages.
func TestTableHeaderRepeatsAndRowsStayWhole(t *testing.T) {
	var rows [][]string
	for i := 0; i < 90; i++ {
		rows = append(rows, []string{"Row " + strconv.Itoa(i), "first line of the cell and a second line of the same cell that wraps"})
	}
	pages := build(t, func(r *Report) error {
		r.Table([]string{"Key", "Value column"}, rows, []float64{0.2, 0.3}, "LL")
		return nil
	})
	body := pages[2:]
	if len(body) < 3 {
		t.Fatalf("%d pages", len(body))
	}
	for i, p := range body {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if !strings.Contains(p, "Value column") {
			t.Errorf("page %d lacks the header row", i+3)
		}
		// A row's two lines are on the same page as its key.
		for j := range rows {
			key := "Row " + strconv.Itoa(j) + " "
			if strings.Contains(p, key) && !strings.Contains(p[strings.Index(p, key):], "same cell") {
				t.Errorf("row %d is split after page %d", j, i+3)
			}
		}
	}
	long := strings.Repeat("A very long value that goes on and on. ", 400)
	pages = build(t, func(r *Report) error {
		r.KeyValues([][2]string{{"Markets", long}, {"After", "the end"}})
		return nil
	})
	if n := len(pages) - 1; n < 4 || n > 8 {
		t.Errorf("a 16,000-character cell takes %d pages", n)
	}
	if pageOf(pages, "the end") < 0 {
		t.Error("the row after the long cell is lost")
	}
}

// wrap breaks at spaces and after hyphens between letters, and inside a
// word only when it alone is too wide; combining marks stay on their
// letter and take no room.
func TestWrap(t *testing.T) {
	r := newReport(Options{Now: testNow}, newChartCache())
	r.pdf.AddPage()
	r.setFont("", 10)
	w := r.width("service-contract ") + 0.1
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"service-contract customers", []string{"service-contract", "customers"}},
		{"a service-contract", []string{"a service-", "contract"}},
		{"2026-04-01 2026-04-02", []string{"2026-04-01", "2026-04-02"}},
		{"one\ntwo", []string{"one", "two"}},
	} {
		if got := r.wrap(tt.in, w); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("x", 200)
	for _, l := range r.wrap(long, w) {
		if r.width(l) > w+0.01 {
			t.Errorf("line %q is wider than %v", l, w)
		}
	}
	marks := strings.Repeat("e\u0301", 30)
	lines := r.wrap(marks, w)
	if strings.Join(lines, "") != marks {
		t.Error("wrapping lost characters")
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "\u0301") {
			t.Errorf("a line starts with a combining mark: %q", l)
		}
	}
	if r.width("e\u0301") != r.width("e") {
		t.Error("a combining mark takes room")
	}
}

func TestParseColor(t *testing.T) {
	if c, err := ParseColor("#1b5e20"); err != nil || c != (Color{0x1B, 0x5E, 0x20}) || c.Hex() != "#1B5E20" {
		t.Errorf("ParseColor: %v %v", c, err)
	}
	for _, bad := range []string{"green", "#12345", "#GGGGGG", ""} {
		if _, err := ParseColor(bad); err == nil {
			t.Errorf("ParseColor(%q) accepted", bad)
		}
	}
	if u, err := ParseUnfinished("list"); err != nil || u != UnfinishedList || u.String() != "list" {
		t.Errorf("ParseUnfinished: %v %v", u, err)
	}
}
