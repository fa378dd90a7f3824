// Command importbench times the whole import of a CSV file into a new
// workspace the way the application does it (sniff, validation pass,
// one-transaction import with roll-ups and indexes, synchronous=NORMAL) and
// prints rows per second and the peak resident memory.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"salesplan/app"
	"salesplan/data"
	"salesplan/data/importer"
)

func main() {
	csvPath := flag.String("csv", "sales.csv", "CSV file to import")
	dbPath := flag.String("db", "bench.salesplan", "workspace to create (removed first)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(*dbPath + suffix)
	}
	ctx := context.Background()
	start := time.Now()
	db, err := data.Open(*dbPath)
	check(err)
	b, err := db.CreateBusiness(ctx, app.Business{Name: "Bench", Currency: "EUR"})
	check(err)
	prev, err := importer.Sniff(*csvPath, "")
	check(err)
	fi := data.FileImport{Path: *csvPath, BusinessID: b.ID, Format: prev.Format, Mapping: prev.Mapping, Mode: data.ImportRefuse}
	// The command line's path: one pass, one transaction.
	batch, _, err := db.ImportFileOnce(ctx, fi)
	check(err)
	check(db.Close())
	total := time.Since(start)
	fmt.Printf("rows=%d total=%.2fs rows_per_s=%.0f peak_rss_mb=%.0f\n",
		batch.Rows, total.Seconds(), float64(batch.Rows)/total.Seconds(), peakRSSMB())
}

// peakRSSMB reads the process's peak resident set size (VmHWM) in MB.
func peakRSSMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(rest), "%f", &kb)
			return kb / 1024
		}
	}
	return -1
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "importbench:", app.ErrorMessage(err), err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}
