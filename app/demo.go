package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// DemoBusinessName labels the demo business clearly as such.
const DemoBusinessName = "Demo — Northwind Coffee Supply"

// DemoStore is what creating the demo writes through: the same store calls
// a user's own import and plan creation use.
type DemoStore interface {
	ContentWriter
	PlanSource
	CreateBusiness(ctx context.Context, b Business) (Business, error)
	CreatePlan(ctx context.Context, p Plan) (Plan, error)
	// ImportCSV imports a CSV file's bytes into a business's history through
	// the same path a user's file takes.
	ImportCSV(ctx context.Context, businessID, name string, csv []byte) (ImportBatch, error)
	// Plan returns a plan as it is stored now.
	Plan(ctx context.Context, id string) (Plan, error)
}

type demoGroup struct {
	name     string
	products []string
	share    float64 // of revenue
	avgOrder float64 // EUR
	season   [12]float64
}

var demoSeasonRetail = [12]float64{0.85, 0.85, 0.95, 1.0, 1.0, 0.95, 0.8, 0.75, 1.05, 1.1, 1.2, 1.4}
var demoSeasonFlat = [12]float64{1.0, 0.95, 1.0, 1.0, 1.0, 1.0, 0.9, 0.9, 1.05, 1.05, 1.05, 1.1}

// DemoHistory returns a deterministic, realistic three-year sales history
// ending with the last complete month before now: seasonality, growth,
// 4 product groups, 4 regions, 6 salespeople and about 200 customers.
func DemoHistory(now time.Time) []Sale {
	rng := rand.New(rand.NewPCG(2027, 42))
	groups := []demoGroup{
		{"Espresso machines", []string{"Barista Pro 2", "Café Compact", "Duo Group XL"}, 0.38, 2400, demoSeasonRetail},
		{"Grinders", []string{"Mahlwerk 64", "Burr Mini", "Flat 83 Pro"}, 0.14, 650, demoSeasonRetail},
		{"Beans & supplies", []string{"House blend 1 kg", "Single origin 1 kg", "Cleaning kit", "Milk jugs"}, 0.30, 180, demoSeasonFlat},
		{"Service contracts", []string{"Service Basic", "Service Premium"}, 0.18, 900, demoSeasonFlat},
	}
	regions := []string{"North", "South", "East", "West"}
	regionWeight := []float64{0.32, 0.27, 0.22, 0.19}
	reps := map[string][]string{
		"North": {"Anna Müller", "Jonas Søndergaard"},
		"South": {"Marta Łukasik", "Nikos Papadopoulos"},
		"East":  {"Olga Smirnova"},
		"West":  {"Tom Baker"},
	}
	channels := []string{"Field visit", "Phone", "Web shop"}
	prefix := []string{"Café", "Bistro", "Hotel", "Bäckerei", "Office", "Espresso Bar", "Restaurant", "Kaffeehaus", "Deli", "Roastery"}
	names := []string{"Aurora", "Central", "Linden", "Harbour", "Stern", "Milano", "Nord", "Sunrise", "Olive", "Birch",
		"Atlas", "Corner", "Riverside", "Plaza", "Vienna", "Fjord", "Tulip", "Granite", "Maple", "Zeit"}
	type customer struct{ name, region string }
	var customers []customer
	for i := 0; i < 200; i++ {
		c := prefix[i%len(prefix)] + " " + names[(i*7+i/len(prefix))%len(names)]
		if i >= len(prefix)*len(names)/2 {
			c += " " + fmt.Sprint(i)
		}
		customers = append(customers, customer{c, regions[pickWeighted(rng, regionWeight)]})
	}
	// customer weights: a few large accounts, a long tail
	custWeight := make([]float64, len(customers))
	for i := range custWeight {
		custWeight[i] = 1 / math.Pow(float64(i+1), 0.8)
	}
	end := MonthOf(now).Add(-1)
	start := end.Add(-35)
	var out []Sale
	line := 2
	const baseMonthly = 160000.0 // EUR in the first month
	for m := start; m <= end; m++ {
		t := float64(m - start)
		trend := math.Pow(1.085, t/12)
		for _, g := range groups {
			revenue := baseMonthly * g.share * trend * g.season[m.Month()-1] * (1 + 0.06*rng.NormFloat64())
			orders := max(3, int(revenue/g.avgOrder))
			days := daysIn(m)
			for o := 0; o < orders; o++ {
				ci := pickWeighted(rng, custWeight)
				cu := customers[ci]
				rr := reps[cu.region]
				rep := rr[rng.IntN(len(rr))]
				prod := g.products[rng.IntN(len(g.products))]
				amount := g.avgOrder * math.Exp(0.35*rng.NormFloat64()-0.06)
				qty := math.Max(1, math.Round(amount/g.avgOrder*float64(1+rng.IntN(3))))
				cents := int64(math.Round(amount * 100))
				if rng.Float64() < 0.01 { // a few credit notes
					cents, qty = -cents/2, -1
				}
				day := m.Time().AddDate(0, 0, rng.IntN(days))
				out = append(out, Sale{
					Date: day, Amount: cents, Quantity: qty, Product: prod, Group: g.name, Region: cu.region,
					Customer: cu.name, Salesperson: rep, Channel: channels[pickWeighted(rng, []float64{0.55, 0.25, 0.2})], Line: line,
				})
				line++
			}
		}
	}
	return out
}

// DemoCSV returns the demo history as a CSV file, as a user would export it
// from their accounting tool.
func DemoCSV(now time.Time) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"Order Date", "Revenue", "Qty", "Product", "Category", "Territory", "Customer", "Sales Rep", "Channel"})
	for _, s := range DemoHistory(now) {
		w.Write([]string{s.Date.Format("2006-01-02"), strconv.FormatFloat(float64(s.Amount)/100, 'f', 2, 64),
			strconv.FormatFloat(s.Quantity, 'f', -1, 64), s.Product, s.Group, s.Region, s.Customer, s.Salesperson, s.Channel})
	}
	w.Flush()
	return b.Bytes()
}

func daysIn(m Month) int { return m.Add(1).Time().AddDate(0, 0, -1).Day() }

func pickWeighted(rng *rand.Rand, w []float64) int {
	var sum float64
	for _, v := range w {
		sum += v
	}
	x := rng.Float64() * sum
	for i, v := range w {
		x -= v
		if x < 0 {
			return i
		}
	}
	return len(w) - 1
}

// CreateDemo writes the demo business with its history and a demo plan that
// starts next January, filled in by every step's demo content in step
// order (each step sees what the steps before it wrote).
func CreateDemo(ctx context.Context, s DemoStore, reg *Registry, now time.Time) (Plan, error) {
	b, err := s.CreateBusiness(ctx, Business{Name: DemoBusinessName, Currency: "EUR", IsDemo: true})
	if err != nil {
		return Plan{}, err
	}
	if _, err := s.ImportCSV(ctx, b.ID, "demo-history.csv", DemoCSV(now)); err != nil {
		return Plan{}, err
	}
	start := NewMonth(now.Year()+1, time.January)
	p, err := s.CreatePlan(ctx, Plan{
		BusinessID: b.ID, Title: fmt.Sprintf("Demo sales plan %d", start.Year()), Start: start, Months: 12,
		Currency: "EUR", IsDemo: true,
	})
	if err != nil {
		return p, err
	}
	for _, st := range reg.Steps() {
		if st.Demo == nil {
			continue
		}
		pd, err := LoadPlanData(ctx, s, reg, p.ID, LocaleFor("en_US"))
		if err != nil {
			return p, err
		}
		if err := st.Demo(ctx, s, &pd); err != nil {
			return p, fmt.Errorf("demo content of %s: %w", st.Title, err)
		}
	}
	return s.Plan(ctx, p.ID)
}
