package importer

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// writeBenchCSV writes a 9-column sales CSV of n rows and returns its path.
func writeBenchCSV(b testing.TB, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("Order Date,Product,Category,Region,Customer,Sales Rep,Channel,Qty,Amount\n")
	products := []string{"Espresso beans 1kg", "Green tea", "Mug \"Classic\"", "Filter papers", "Grinder, manual"}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		d := start.AddDate(0, 0, i/700)
		p := products[i%len(products)]
		fmt.Fprintf(w, "%s,%s,Coffee,Region %d,Customer %d,Rep %d,Shop,%d,\"%d,%03d.%02d\"\n",
			d.Format("2006-01-02"), csvQuote(p), i%7, i%5000, i%40, 1+i%9, i%90, i%1000, i%100)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// csvQuote quotes s for CSV when needed.
func csvQuote(s string) string {
	for _, c := range s {
		if c == '"' || c == ',' {
			q := []rune{'"'}
			for _, c := range s {
				if c == '"' {
					q = append(q, '"')
				}
				q = append(q, c)
			}
			return string(append(q, '"'))
		}
	}
	return s
}

// BenchmarkScanCSV scans (parses and validates, emit nil) a 9-column CSV;
// SALESPLAN_BENCH_ROWS sets the rows (default 200000).
func BenchmarkScanCSV(b *testing.B) {
	rows := 200000
	if s := os.Getenv("SALESPLAN_BENCH_ROWS"); s != "" {
		rows, _ = strconv.Atoi(s)
	}
	path := writeBenchCSV(b, rows)
	eur := currency(b, "EUR")
	p, err := Sniff(path, "")
	if err != nil {
		b.Fatal(err)
	}
	opt := Options{Currency: eur, Format: p.Format, Mapping: p.Mapping}
	if len(opt.Mapping) != 9 {
		b.Fatalf("mapping %v", opt.Mapping)
	}
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		sum, err := Scan(context.Background(), path, opt, nil)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Accepted != int64(rows) {
			b.Fatalf("accepted %d of %d: %v", sum.Accepted, rows, sum.Rejects)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
}
