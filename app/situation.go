package app

import (
	"context"
	"math"
	"strings"
	"time"

	"salesplan/charts"
)

// YearTotal is the revenue of one calendar year of history.
type YearTotal struct {
	Year    int     `json:"year"`
	Months  int     `json:"months"` // months of that year present in the history
	Revenue int64   `json:"revenue_minor"`
	Growth  float64 `json:"growth"` // vs the previous full year; NaN when not comparable
}

// YearTotals sums a monthly series per calendar year, with year-over-year
// growth where both years are complete.
func YearTotals(s MonthlySeries) []YearTotal {
	var out []YearTotal
	for i, v := range s.Values {
		y := s.Start.Add(i).Year()
		if len(out) == 0 || out[len(out)-1].Year != y {
			out = append(out, YearTotal{Year: y, Growth: nan()})
		}
		out[len(out)-1].Months++
		out[len(out)-1].Revenue += v
	}
	for i := 1; i < len(out); i++ {
		prev, cur := out[i-1], out[i]
		if prev.Months == 12 && cur.Months == 12 && prev.Revenue > 0 {
			out[i].Growth = float64(cur.Revenue-prev.Revenue) / float64(prev.Revenue)
		}
	}
	return out
}

func situationStep() Step {
	return Step{
		ID: StepSituation, Number: 1, Title: "Situation analysis", Nav: "Situation",
		Guidance: "Describe what you sell, where, and for which period. Your sales history shows where you stand; " +
			"the scope decides which part of it this plan covers. Everything is saved as you type.",
		Completion: situationStatus,
		Section:    situationSection,
		Show:       situationShow,
		Demo: func(ctx context.Context, w ContentWriter, pd PlanData) (Plan, error) {
			p := pd.Plan
			p.Products = "Espresso machines, grinders, coffee beans and supplies, service contracts for cafés and offices."
			p.Markets = "Four sales regions (North, South, East, West); cafés, restaurants, hotels and offices."
			p.Author = "Demo author"
			p.ProcessPeriod = "Last 12 months"
			vols := []int64{1800, 950, 420, 260, 118}
			days := []float64{2, 5, 9, 12, 6}
			for i, st := range DefaultStages() {
				st.PlanID, st.Volume, st.AvgDays = p.ID, vols[i], days[i]
				if _, err := w.SaveProcessStage(ctx, st); err != nil {
					return p, err
				}
			}
			for _, it := range []SWOTItem{
				{Quadrant: "S", Impact: 4, Text: "Service contracts bring steady, recurring revenue", Note: "18 % of revenue, renewing yearly."},
				{Quadrant: "S", Impact: 3, Text: "Experienced field team with long customer relationships"},
				{Quadrant: "W", Impact: 4, Text: "Few large accounts carry a big share of revenue"},
				{Quadrant: "W", Impact: 2, Text: "Web shop sells only supplies, not machines"},
				{Quadrant: "O", Impact: 4, Text: "Offices returning to on-site work want better coffee"},
				{Quadrant: "O", Impact: 3, Text: "Hotels in the East region are renovating"},
				{Quadrant: "T", Impact: 3, Text: "Online discounters undercut bean prices"},
				{Quadrant: "T", Impact: 2, Text: "Summer months sell far below average"},
			} {
				it.PlanID = p.ID
				if _, err := w.SaveSWOTItem(ctx, it); err != nil {
					return p, err
				}
			}
			return w.UpdatePlan(ctx, p)
		},
	}
}

func situationStatus(pd PlanData) Status {
	p := pd.Plan
	filled := 0
	for _, s := range []string{p.Products, p.Markets} {
		if strings.TrimSpace(s) != "" {
			filled++
		}
	}
	hasHistory := len(pd.History.Values) > 0
	quads := map[string]bool{}
	for _, it := range pd.SWOT {
		quads[it.Quadrant] = true
	}
	switch {
	case filled == 2 && hasHistory && len(quads) == 4 && len(pd.Stages) >= 2 && pd.Stages[0].Volume > 0:
		return Complete
	case filled > 0 || hasHistory || len(pd.SWOT) > 0 || len(pd.Stages) > 0 || strings.TrimSpace(p.Author) != "" || len(p.Scope.ProductGroups)+len(p.Scope.Regions) > 0:
		return InProgress
	}
	return NotStarted
}

// situationShow is the JSON view of step 1.
func situationShow(pd PlanData) any {
	p := pd.Plan
	years := YearTotals(pd.History)
	type yearJSON struct {
		Year    int      `json:"year"`
		Months  int      `json:"months"`
		Revenue float64  `json:"revenue"`
		Growth  *float64 `json:"growth"`
	}
	var yj []yearJSON
	for _, y := range years {
		j := yearJSON{Year: y.Year, Months: y.Months, Revenue: ToMajor(y.Revenue, pd.Currency)}
		if !isNaN(y.Growth) {
			g := round4(y.Growth)
			j.Growth = &g
		}
		yj = append(yj, j)
	}
	hist := map[string]any{"months": len(pd.History.Values), "rows": pd.HistoryRows, "years": yj}
	if len(pd.History.Values) > 0 {
		hist["first"] = pd.History.Start.String()
		hist["last"] = pd.History.End().String()
	}
	return map[string]any{
		"business": pd.Business.Name,
		"products": p.Products,
		"markets":  p.Markets,
		"period":   map[string]any{"start": p.Start.String(), "end": p.End().String(), "months": p.Months},
		"currency": p.Currency,
		"author":   p.Author,
		"scope":    p.Scope,
		"history":  hist,
		"swot":     swotJSON(pd),
		"process":  processJSON(pd),
	}
}

func processJSON(pd PlanData) map[string]any {
	a := AnalyseProcess(pd.Stages, pd.Locale)
	type convJSON struct {
		Stage      string   `json:"stage"`
		From       string   `json:"from"`
		Conversion *float64 `json:"conversion"`
		Benchmark  *float64 `json:"benchmark"`
		Grows      bool     `json:"grows"`
	}
	num := func(f float64) *float64 {
		if isNaN(f) {
			return nil
		}
		r := round4(f)
		return &r
	}
	convs := []convJSON{}
	for _, c := range a.Conversions {
		convs = append(convs, convJSON{c.Stage, c.From, num(c.Conversion), num(c.Benchmark), c.Grows})
	}
	stages := pd.Stages
	if stages == nil {
		stages = []ProcessStage{}
	}
	bottleneck := ""
	if a.Bottleneck >= 0 {
		bottleneck = pd.Stages[a.Bottleneck].Name
	}
	return map[string]any{"period": pd.Plan.ProcessPeriod, "stages": stages, "conversions": convs, "overall": num(a.Overall),
		"total_days": a.TotalDays, "bottleneck": bottleneck, "rule": a.Rule, "sentence": a.Sentence}
}

// FunnelChart describes the process map's funnel, the same on screen and
// in the PDF.
func FunnelChart(pd PlanData) charts.FunnelChart {
	a := AnalyseProcess(pd.Stages, pd.Locale)
	c := charts.FunnelChart{Title: "Sales process", Highlight: a.Bottleneck, EmptyText: "No process stages yet",
		FormatValue: func(v float64) string { return pd.Locale.Int(int64(v)) }}
	for i, s := range pd.Stages {
		c.Stages = append(c.Stages, s.Name)
		c.Values = append(c.Values, float64(s.Volume))
		note := ""
		if i+1 < len(pd.Stages) {
			if conv := a.Conversions[i].Conversion; !isNaN(conv) {
				note = pd.Locale.Percent(conv) + " → " + pd.Stages[i+1].Name
			}
		}
		c.Notes = append(c.Notes, note)
	}
	return c
}

func swotJSON(pd PlanData) map[string][]SWOTItem {
	out := map[string][]SWOTItem{}
	for _, q := range Quadrants() {
		out[strings.ToLower(QuadrantName(q))] = []SWOTItem{}
	}
	for _, it := range pd.SWOT {
		k := strings.ToLower(QuadrantName(it.Quadrant))
		out[k] = append(out[k], it)
	}
	return out
}

func situationSection(r *Report, pd PlanData) error {
	p := pd.Plan
	r.Paragraph("This section describes the scope of the plan and where sales stand today.")
	r.Subheading("Scope")
	scope := func(l []string) string {
		if len(l) == 0 {
			return "all"
		}
		return strings.Join(l, ", ")
	}
	r.KeyValues([][2]string{
		{"Business", pd.Business.Name},
		{"Plan period", pd.Locale.MonthName(p.Start) + " – " + pd.Locale.MonthName(p.End()) + " (" + itoa(p.Months) + " months)"},
		{"Currency", p.Currency},
		{"Products and services", orDash(p.Products)},
		{"Regions and markets", orDash(p.Markets)},
		{"Product groups covered", scope(p.Scope.ProductGroups)},
		{"Regions covered", scope(p.Scope.Regions)},
	})
	r.Subheading("SWOT analysis")
	if len(pd.SWOT) == 0 {
		r.Note("No strengths, weaknesses, opportunities or threats recorded yet.")
	} else {
		var cells [4][]string
		for _, it := range pd.SWOT {
			for qi, q := range Quadrants() {
				if it.Quadrant == q {
					line := it.Text + " (impact " + itoa(it.Impact) + ")"
					if it.Note != "" {
						line += " — " + it.Note
					}
					cells[qi] = append(cells[qi], line)
				}
			}
		}
		r.Grid2x2([4]string{QuadrantName("S"), QuadrantName("W"), QuadrantName("O"), QuadrantName("T")}, cells)
	}
	r.Subheading("Sales process")
	if len(pd.Stages) == 0 {
		r.Note("The stages of the sales process are not described yet.")
	} else {
		a := AnalyseProcess(pd.Stages, pd.Locale)
		if pd.Plan.ProcessPeriod != "" {
			r.Paragraph("Volumes: " + pd.Plan.ProcessPeriod + ".")
		}
		var rows [][]string
		for i, st := range pd.Stages {
			conv, bench := "–", "–"
			if i > 0 {
				c := a.Conversions[i-1]
				if !isNaN(c.Conversion) {
					conv = pd.Locale.Percent(c.Conversion)
					if c.Grows {
						conv += " (more than before)"
					}
				}
				if !isNaN(c.Benchmark) {
					bench = pd.Locale.Percent(c.Benchmark)
				}
			}
			name := st.Name
			if i == a.Bottleneck {
				name += " ◀ bottleneck"
			}
			rows = append(rows, []string{name, pd.Locale.Int(st.Volume), conv, bench, pd.Locale.Number(st.AvgDays, 1)})
		}
		r.Table([]string{"Stage", "Volume", "Conversion", "Benchmark", "Avg. days"}, rows, []float64{0.32, 0.16, 0.2, 0.16, 0.16}, "LRRRR")
		r.Paragraph(a.Sentence)
		if err := r.FunnelChart("funnel", FunnelChart(pd)); err != nil {
			return err
		}
	}
	r.Subheading("Sales history")
	if len(pd.History.Values) == 0 {
		r.Note("No sales history has been imported for this business yet.")
		return nil
	}
	r.Paragraph(pd.Locale.Int(pd.HistoryRows) + " sales from " + pd.Locale.MonthName(pd.History.Start) + " to " +
		pd.Locale.MonthName(pd.History.End()) + " (" + itoa(len(pd.History.Values)) + " months).")
	if err := r.HistoryChart(pd, "Revenue per month"); err != nil {
		return err
	}
	rows := [][]string{}
	for _, y := range YearTotals(pd.History) {
		g := "–"
		if !isNaN(y.Growth) {
			g = pd.Locale.Percent(y.Growth)
		}
		label := itoa(y.Year)
		if y.Months < 12 {
			label += " (" + itoa(y.Months) + " months)"
		}
		rows = append(rows, []string{label, pd.Locale.Money(y.Revenue, pd.Currency), g})
	}
	r.Table([]string{"Year", "Revenue", "Growth vs previous year"}, rows, []float64{0.4, 0.3, 0.3}, "LRR")
	if pd.Summary == nil {
		return nil
	}
	sum := pd.Summary
	r.ensureSpace(90) // keep the heading with its chart
	r.Subheading("Seasonality")
	r.Paragraph("How each calendar month sells compared with an average month (100 % = average).")
	if err := r.BarChart("seasonality", SeasonalityChart(pd)); err != nil {
		return err
	}
	r.Subheading("Who and what sells: " + pd.Locale.MonthName(sum.From) + " – " + pd.Locale.MonthName(sum.To))
	r.Paragraph("The 10 largest customers bought " + pd.Locale.Percent(sum.Top10Share) + " of the revenue in these months.")
	for _, d := range []struct {
		dim   Dimension
		title string
	}{{DimCustomer, "Top customers"}, {DimProduct, "Top products"}, {DimRegion, "Regions"}, {DimSalesperson, "Salespeople"}} {
		var rows [][]string
		for i, x := range sum.Top[d.dim] {
			rows = append(rows, []string{itoa(i + 1), x.Key, pd.Locale.Money(x.Amount, pd.Currency), pd.Locale.Percent(x.Share)})
		}
		if len(rows) == 0 {
			continue
		}
		r.ensureSpace(30)
		r.setFont("B", 10.5)
		r.pdf.MultiCell(contentW, 6, r.t(d.title), "", "L", false)
		r.Table([]string{"#", "Name", "Revenue", "Share"}, rows, []float64{0.07, 0.53, 0.24, 0.16}, "LLRR")
	}
	return nil
}

// SeasonalityChart describes the seasonality bars (percent of an average
// month per calendar month).
func SeasonalityChart(pd PlanData) charts.BarChart {
	c := charts.BarChart{Title: "Seasonality index", EmptyText: "No sales history yet",
		FormatY: func(v float64) string { return pd.Locale.Number(v, 0) + " %" }}
	if pd.Summary == nil && len(pd.History.Values) == 0 {
		return c
	}
	idx := SeasonalityIndex(pd.History)
	if pd.Summary != nil {
		idx = pd.Summary.Seasonality
	}
	for m := 0; m < 12; m++ {
		c.Labels = append(c.Labels, pd.Locale.MonthAbbr(time.Month(m+1)))
		c.Values = append(c.Values, math.Round(idx[m]*1000)/10)
	}
	return c
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}
