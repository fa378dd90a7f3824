package cli

import (
	"bytes"
	"encoding/csv"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"salesplan/app/steps"
)

func demoWorkspace(t *testing.T) (dir, ws, id string) {
	t.Helper()
	dir = t.TempDir()
	ws = filepath.Join(dir, "ws.salesplan")
	code, out, errOut := runCLI(t, ws, "demo")
	if code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	return dir, ws, strings.TrimSpace(out)
}

// Every table the steps declare is written as CSV and XLSX, the XLSX with
// numbers as numbers; --help lists the tables.
func TestExportEveryTable(t *testing.T) {
	dir, ws, id := demoWorkspace(t)
	_, help, _ := runCLI(t, ws, "--help")
	for _, want := range []string{"history", "swot", "process", "objectives", "initiatives", "simulator", "sop", "budget", "team", "activities", "polls"} {
		if _, ok := steps.Registry().Export(want); !ok {
			t.Errorf("no exportable table %q", want)
		}
		if !strings.Contains(help, want) {
			t.Errorf("--help does not list the table %q", want)
		}
	}
	for _, tb := range steps.Registry().Exports() {
		csvPath, xlsxPath := filepath.Join(dir, tb.Name+".csv"), filepath.Join(dir, tb.Name+".xlsx")
		if code, out, errOut := runCLI(t, ws, "export", "table", "--plan", id, "--table", tb.Name, "--format", "csv", "--out", csvPath); code != 0 || !strings.Contains(out, "Wrote") {
			t.Fatalf("export table %s csv: %d %s", tb.Name, code, errOut)
		}
		if code, _, errOut := runCLI(t, ws, "export", "table", "--plan", id, "--table", tb.Name, "--out", xlsxPath); code != 0 {
			t.Fatalf("export table %s xlsx: %d %s", tb.Name, code, errOut)
		}
		f, _ := os.Open(csvPath)
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(recs) < 2 {
			t.Errorf("%s.csv: %v, %d records", tb.Name, err, len(recs))
			continue
		}
		x, err := excelize.OpenFile(xlsxPath)
		if err != nil {
			t.Fatal(err)
		}
		sheet := x.GetSheetList()[0]
		rows, _ := x.GetRows(sheet)
		if len(rows) != len(recs) {
			t.Errorf("%s: %d XLSX rows, %d CSV records", tb.Name, len(rows), len(recs))
		}
		// A CSV number is an XLSX number cell.
		numbers := 0
		for ri, rec := range recs[1:] {
			for ci, v := range rec {
				if _, err := strconv.ParseFloat(v, 64); err != nil {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+2)
				typ, _ := x.GetCellType(sheet, ref)
				raw, _ := x.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
				if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Errorf("%s %s: %q is a %v cell", tb.Name, ref, v, typ)
				}
				if raw != strings.TrimRight(strings.TrimRight(v, "0"), ".") && raw != v && !strings.Contains(v, ".") {
					t.Errorf("%s %s: XLSX %q, CSV %q", tb.Name, ref, raw, v)
				}
				numbers++
			}
		}
		if numbers == 0 && tb.Name != "swot" {
			t.Errorf("%s has no numbers", tb.Name)
		}
		x.Close()
	}
	if code, _, errOut := runCLI(t, ws, "export", "table", "--plan", id, "--table", "nope", "--out", filepath.Join(dir, "x.csv")); code != 2 || !strings.Contains(errOut, "history, swot") {
		t.Errorf("unknown table: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, ws, "export", "table", "--plan", id, "--table", "swot", "--out", filepath.Join(dir, "x.txt")); code != 2 || !strings.Contains(errOut, "csv or xlsx") {
		t.Errorf("unknown format: %d %s", code, errOut)
	}
}

// Two exports of an unchanged plan are byte-identical and dated by its last
// edit; branding changes the PDF (and its date).
func TestExportPDFTwiceIsIdenticalAndBranded(t *testing.T) {
	dir, ws, id := demoWorkspace(t)
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	for _, p := range []string{a, b} {
		if code, _, errOut := runCLI(t, ws, "export", "pdf", "--plan", id, "--out", p); code != 0 {
			t.Fatalf("export: %s", errOut)
		}
	}
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ab, bb) {
		t.Fatal("two exports of an unchanged plan differ")
	}
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for x := 0; x < 40; x++ {
		img.Set(x, 10, color.NRGBA{G: 128, A: 255})
	}
	logo := filepath.Join(dir, "logo.png")
	var lb bytes.Buffer
	png.Encode(&lb, img)
	os.WriteFile(logo, lb.Bytes(), 0o644)
	code, out, errOut := runCLI(t, ws, "plans", "brand", "--plan", id, "--logo", logo, "--color", "#1b5e20", "--prepared-for", "Northwind board", "--confidential", "Confidential")
	if code != 0 || !strings.Contains(out, "#1B5E20") || !strings.Contains(out, "logo.png") || !strings.Contains(out, "Northwind board") {
		t.Fatalf("plans brand: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, ws, "plans", "brand", "--plan", id, "--color", "green"); code == 0 || !strings.Contains(errOut, "#RRGGBB") {
		t.Errorf("a bad colour: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, ws, "plans", "brand", "--plan", id, "--logo", filepath.Join(dir, "a.pdf")); code == 0 || !strings.Contains(errOut, "PNG or JPEG") {
		t.Errorf("a PDF as logo: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, ws, "export", "pdf", "--plan", id, "--out", b); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	bb, _ = os.ReadFile(b)
	if bytes.Equal(ab, bb) {
		t.Error("the branding did not change the PDF")
	}
	if code, _, errOut := runCLI(t, ws, "export", "pdf", "--plan", id, "--out", b, "--unfinished", "maybe"); code != 2 || !strings.Contains(errOut, "omit, list or include") {
		t.Errorf("bad --unfinished: %d %s", code, errOut)
	}
}
