// Command gencsv writes a synthetic sales history CSV with all nine fields,
// for the import benchmark: five years of sales, in date order or (with
// -order random) in random date order, as exports sorted by order number,
// customer or product are.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "data rows")
	out := flag.String("out", "sales.csv", "file to write")
	order := flag.String("order", "date", "row order: date (sorted by date) or random (random date order)")
	flag.Parse()
	if *order != "date" && *order != "random" {
		fmt.Fprintln(os.Stderr, "gencsv: -order must be date or random")
		os.Exit(2)
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	groups := []string{"Machines", "Grinders", "Beans", "Service"}
	regions := []string{"North", "South", "East", "West"}
	reps := []string{"Anna Müller", "Jonas Søndergaard", "Marta Łukasik", "Nikos Papadopoulos", "Olga Smirnova", "Tom Baker"}
	channels := []string{"Field", "Phone", "Web"}
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	fmt.Fprintln(w, "Order Date,Revenue,Qty,Product,Category,Territory,Customer,Sales Rep,Channel")
	for i := 0; i < *rows; i++ {
		d := start.AddDate(0, 0, i*1826 / *rows)
		if *order == "random" {
			d = start.AddDate(0, 0, rng.IntN(1826))
		}
		g := rng.IntN(len(groups))
		fmt.Fprintf(w, "%s,%d.%02d,%d,Product %d-%d,%s,%s,Customer %d,%s,%s\n",
			d.Format("2006-01-02"), 20+rng.IntN(3000), rng.IntN(100), 1+rng.IntN(20), g, 1+rng.IntN(40), groups[g],
			regions[rng.IntN(4)], 1+rng.IntN(5000), reps[rng.IntN(len(reps))], channels[rng.IntN(3)])
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f.Close()
}
