// Package situation is step 1 of a plan, the situation analysis: scope,
// SWOT with suggestions from the data, the sales process map with its
// bottleneck, and the summary of the sales history.
package situation

import (
	"context"
	"math"
	"strings"
	"time"

	"salesplan/app"
	"salesplan/app/report"
	"salesplan/charts"
)

// Content is what step 1 stores beyond the plan's own fields.
type Content struct {
	SWOT   []SWOTItem
	Stages []ProcessStage
}

// Of returns the situation content of pd.
func Of(pd *app.PlanData) *Content { return app.ContentOf[Content](pd, app.StepSituation) }

// Figures are step 1's computed results.
type Figures struct {
	Years   []app.YearTotal
	Process ProcessAnalysis
}

// FiguresOf returns step 1's figures of pd (computed by the registry).
func FiguresOf(pd *app.PlanData) *Figures {
	if f := app.StepFigures[Figures](&pd.Figures, app.StepSituation); f != nil {
		return f
	}
	return compute(pd)
}

func compute(pd *app.PlanData) *Figures {
	return &Figures{Years: app.YearTotals(pd.History), Process: AnalyseProcess(Of(pd).Stages, pd.Locale)}
}

// Tables names step 1's content tables.
const (
	TableSWOT   = "swot_items"
	TableStages = "process_stages"
)

// Step returns step 1 for the registry.
func Step() app.Step {
	return app.Step{
		ID: app.StepSituation, Number: 1, Title: "Situation analysis", Nav: "Situation",
		Guidance: "Describe what you sell, where, and for which period. Your sales history shows where you stand; " +
			"the scope decides which part of it this plan covers. Everything is saved as you type.",
		CompleteWhen: "Complete when products and markets are described, the sales history is imported, each SWOT quadrant has an item " +
			"and the sales process has at least two stages with volumes.",
		Tables: []app.Table{
			{Name: TableSWOT, Row: SWOTItem{}, Group: "quadrant"},
			{Name: TableStages, Row: ProcessStage{}},
		},
		Load: func(ctx context.Context, r app.ContentReader, pd *app.PlanData) error {
			c := Of(pd)
			if err := r.Rows(ctx, TableSWOT, pd.Plan.ID, &c.SWOT); err != nil {
				return err
			}
			return r.Rows(ctx, TableStages, pd.Plan.ID, &c.Stages)
		},
		Rank:       app.RankSituation,
		Figures:    func(pd *app.PlanData) { app.SetStepFigures(&pd.Figures, app.StepSituation, compute(pd)) },
		Completion: status,
		Section:    section,
		Exports:    exports,
		Show:       func(pd *app.PlanData) any { return Show(pd) },
		Demo:       demo,
	}
}

func demo(ctx context.Context, w app.ContentWriter, pd *app.PlanData) error {
	p := pd.Plan
	p.Products = "Espresso machines, grinders, coffee beans and supplies, service contracts for cafés and offices."
	p.Markets = "Four sales regions (North, South, East, West); cafés, restaurants, hotels and offices."
	p.Author = "Demo author"
	p.ProcessPeriod = "Last 12 months"
	vols := []int64{1800, 950, 420, 260, 118}
	days := []float64{2, 5, 9, 12, 6}
	for i, st := range DefaultStages() {
		st.PlanID, st.Volume, st.AvgDays = p.ID, vols[i], days[i]
		if err := w.SaveRow(ctx, TableStages, &st); err != nil {
			return err
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
		if err := w.SaveRow(ctx, TableSWOT, &it); err != nil {
			return err
		}
	}
	_, err := w.UpdatePlan(ctx, p)
	return err
}

func status(pd *app.PlanData) app.Status {
	p, c := pd.Plan, Of(pd)
	filled := 0
	for _, s := range []string{p.Products, p.Markets} {
		if strings.TrimSpace(s) != "" {
			filled++
		}
	}
	hasHistory := len(pd.History.Values) > 0
	quads := map[string]bool{}
	for _, it := range c.SWOT {
		quads[it.Quadrant] = true
	}
	switch {
	case filled == 2 && hasHistory && len(quads) == 4 && len(c.Stages) >= 2 && c.Stages[0].Volume > 0:
		return app.Complete
	case filled > 0 || hasHistory || len(c.SWOT) > 0 || len(c.Stages) > 0 || strings.TrimSpace(p.Author) != "" || len(p.Scope.ProductGroups)+len(p.Scope.Regions) > 0:
		return app.InProgress
	}
	return app.NotStarted
}

// JSON is the `show --step situation --json` view of step 1. Amounts are
// in major units, ratios as fractions (0.03 = 3 %).
type JSON struct {
	Business string      `json:"business"`
	Products string      `json:"products"`
	Markets  string      `json:"markets"`
	Period   PeriodJSON  `json:"period"`
	Currency string      `json:"currency"`
	Author   string      `json:"author"`
	Scope    app.Scope   `json:"scope"`
	History  HistoryJSON `json:"history"`
	SWOT     SWOTJSON    `json:"swot"`
	Process  ProcessJSON `json:"process"`
}

// PeriodJSON is the plan period.
type PeriodJSON struct {
	Start  app.Month `json:"start"`
	End    app.Month `json:"end"`
	Months int       `json:"months"`
}

// HistoryJSON describes the history within the plan's scope.
type HistoryJSON struct {
	Months int        `json:"months"`
	Rows   int64      `json:"rows"`
	First  *app.Month `json:"first,omitempty"`
	Last   *app.Month `json:"last,omitempty"`
	Years  []YearJSON `json:"years"`
}

// YearJSON is one calendar year of history.
type YearJSON struct {
	Year    int      `json:"year"`
	Months  int      `json:"months"`
	Revenue float64  `json:"revenue"`
	Growth  *float64 `json:"growth"`
}

// SWOTJSON lists the SWOT items per quadrant.
type SWOTJSON struct {
	Strengths     []SWOTItem `json:"strengths"`
	Weaknesses    []SWOTItem `json:"weaknesses"`
	Opportunities []SWOTItem `json:"opportunities"`
	Threats       []SWOTItem `json:"threats"`
}

// ProcessJSON is the sales process map with its derived figures.
type ProcessJSON struct {
	Period      string           `json:"period"`
	Stages      []StageJSON      `json:"stages"`
	Conversions []ConversionJSON `json:"conversions"`
	Overall     *float64         `json:"overall"`
	TotalDays   float64          `json:"total_days"`
	Bottleneck  string           `json:"bottleneck"`
	Rule        string           `json:"rule"`
	Sentence    string           `json:"sentence"`
}

// StageJSON is one stage; the benchmark is a ratio.
type StageJSON struct {
	ID        string   `json:"id"`
	Position  int      `json:"position"`
	Name      string   `json:"name"`
	Volume    int64    `json:"volume"`
	AvgDays   float64  `json:"avg_days"`
	Benchmark *float64 `json:"benchmark"`
}

// ConversionJSON is the conversion into one stage.
type ConversionJSON struct {
	Stage      string   `json:"stage"`
	From       string   `json:"from"`
	Conversion *float64 `json:"conversion"`
	Benchmark  *float64 `json:"benchmark"`
	Grows      bool     `json:"grows"`
}

// Show returns the JSON view of step 1.
func Show(pd *app.PlanData) JSON {
	p, c, f := pd.Plan, Of(pd), FiguresOf(pd)
	h := HistoryJSON{Months: len(pd.History.Values), Rows: pd.HistoryRows, Years: []YearJSON{}}
	for _, y := range f.Years {
		h.Years = append(h.Years, YearJSON{Year: y.Year, Months: y.Months, Revenue: app.ToMajor(y.Revenue, pd.Currency), Growth: app.Ratio4(y.Growth)})
	}
	if len(pd.History.Values) > 0 {
		first, last := pd.History.Start, pd.History.End()
		h.First, h.Last = &first, &last
	}
	sw := SWOTJSON{Strengths: []SWOTItem{}, Weaknesses: []SWOTItem{}, Opportunities: []SWOTItem{}, Threats: []SWOTItem{}}
	for _, it := range c.SWOT {
		switch it.Quadrant {
		case "S":
			sw.Strengths = append(sw.Strengths, it)
		case "W":
			sw.Weaknesses = append(sw.Weaknesses, it)
		case "O":
			sw.Opportunities = append(sw.Opportunities, it)
		case "T":
			sw.Threats = append(sw.Threats, it)
		}
	}
	a := f.Process
	pj := ProcessJSON{Period: p.ProcessPeriod, Stages: []StageJSON{}, Conversions: []ConversionJSON{}, Overall: app.Ratio4(a.Overall),
		TotalDays: a.TotalDays, Rule: a.Rule, Sentence: a.Sentence}
	for _, st := range c.Stages {
		sj := StageJSON{ID: st.ID, Position: st.Position, Name: st.Name, Volume: st.Volume, AvgDays: st.AvgDays}
		if st.BenchmarkBP != nil {
			sj.Benchmark = app.Ratio4(float64(*st.BenchmarkBP) / 10000)
		}
		pj.Stages = append(pj.Stages, sj)
	}
	for _, cv := range a.Conversions {
		pj.Conversions = append(pj.Conversions, ConversionJSON{cv.Stage, cv.From, app.Ratio4(cv.Conversion), app.Ratio4(cv.Benchmark), cv.Grows})
	}
	if a.Bottleneck >= 0 {
		pj.Bottleneck = c.Stages[a.Bottleneck].Name
	}
	return JSON{Business: pd.Business.Name, Products: p.Products, Markets: p.Markets,
		Period: PeriodJSON{Start: p.Start, End: p.End(), Months: p.Months}, Currency: p.Currency, Author: p.Author,
		Scope: p.Scope, History: h, SWOT: sw, Process: pj}
}

// FunnelChart describes the process map's funnel, the same on screen and
// in the PDF.
func FunnelChart(pd *app.PlanData) charts.FunnelChart {
	stages, a := Of(pd).Stages, FiguresOf(pd).Process
	c := charts.FunnelChart{Title: "Sales process", Highlight: a.Bottleneck, EmptyText: "No process stages yet",
		FormatValue: func(v float64) string { return pd.Locale.Int(int64(v)) }}
	for i, s := range stages {
		c.Stages = append(c.Stages, s.Name)
		c.Values = append(c.Values, float64(s.Volume))
		note := ""
		if i+1 < len(stages) && i < len(a.Conversions) {
			if conv := a.Conversions[i].Conversion; !math.IsNaN(conv) {
				note = pd.Locale.Percent(conv) + " → " + stages[i+1].Name
			}
		}
		c.Notes = append(c.Notes, note)
	}
	return c
}

func section(r *report.Report, pd *app.PlanData) error {
	p, c, f := pd.Plan, Of(pd), FiguresOf(pd)
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
		{"Plan period", pd.Locale.MonthName(p.Start) + " – " + pd.Locale.MonthName(p.End()) + " (" + app.Count(p.Months, "month", "months") + ")"},
		{"Currency", p.Currency},
		{"Products and services", app.OrDash(p.Products)},
		{"Regions and markets", app.OrDash(p.Markets)},
		{"Product groups covered", scope(p.Scope.ProductGroups)},
		{"Regions covered", scope(p.Scope.Regions)},
	})
	r.Subheading("SWOT analysis")
	if len(c.SWOT) == 0 {
		r.Note("No strengths, weaknesses, opportunities or threats recorded yet.")
	} else {
		var cells [4][]string
		for _, it := range c.SWOT {
			for qi, q := range Quadrants() {
				if it.Quadrant == q {
					line := it.Text + " (impact " + app.Itoa(it.Impact) + ")"
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
	if len(c.Stages) == 0 {
		r.Note("The stages of the sales process are not described yet.")
	} else {
		a := f.Process
		if pd.Plan.ProcessPeriod != "" {
			r.Paragraph("Volumes: " + pd.Plan.ProcessPeriod + ".")
		}
		var rows [][]string
		for i, st := range c.Stages {
			conv, bench := "–", "–"
			if i > 0 {
				c := a.Conversions[i-1]
				if !math.IsNaN(c.Conversion) {
					conv = pd.Locale.Percent(c.Conversion)
					if c.Grows {
						conv += " (more than before)"
					}
				}
				if !math.IsNaN(c.Benchmark) {
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
		funnel := FunnelChart(pd)
		funnel.Title = "" // the subheading names it
		if err := r.FunnelChart("funnel", funnel); err != nil {
			return err
		}
	}
	r.Subheading("Sales history")
	if len(pd.History.Values) == 0 {
		r.Note("No sales history has been imported for this business yet.")
		return nil
	}
	r.Paragraph(pd.Locale.Int(pd.HistoryRows) + " sales from " + pd.Locale.MonthName(pd.History.Start) + " to " +
		pd.Locale.MonthName(pd.History.End()) + " (" + app.Itoa(len(pd.History.Values)) + " months).")
	if err := r.MonthlyChart("history", app.HistoryChart(pd, "Revenue per month")); err != nil {
		return err
	}
	rows := [][]string{}
	for _, y := range f.Years {
		g := "–"
		if !math.IsNaN(y.Growth) {
			g = pd.Locale.Percent(y.Growth)
		}
		label := app.Itoa(y.Year)
		if y.Months < 12 {
			label += " (" + app.Count(y.Months, "month", "months") + ")"
		}
		rows = append(rows, []string{label, pd.Locale.Money(y.Revenue, pd.Currency), g})
	}
	r.Table([]string{"Year", "Revenue", "Growth vs previous year"}, rows, []float64{0.4, 0.3, 0.3}, "LRR")
	if pd.Summary == nil {
		return nil
	}
	sum := pd.Summary
	r.KeepTogether(90) // keep the heading with its chart
	r.Subheading("Seasonality")
	r.Paragraph("How each calendar month sells compared with an average month (100 % = average).")
	if err := r.BarChart("seasonality", SeasonalityChart(pd)); err != nil {
		return err
	}
	r.Subheading("Who and what sells: " + pd.Locale.MonthName(sum.From) + " – " + pd.Locale.MonthName(sum.To))
	if c := ConcentrationSentence(pd); c != "" {
		r.Paragraph(c)
	}
	for _, d := range []struct {
		dim   app.Dimension
		title string
	}{{app.DimCustomer, "Top customers"}, {app.DimProduct, "Top products"}, {app.DimRegion, "Regions"}, {app.DimSalesperson, "Salespeople"}} {
		var rows [][]string
		for i, x := range sum.Top[d.dim] {
			rows = append(rows, []string{app.Itoa(i + 1), x.Key, pd.Locale.Money(x.Amount, pd.Currency), pd.Locale.Percent(x.Share)})
		}
		if len(rows) == 0 {
			continue
		}
		r.Label(d.title, 30)
		r.Table([]string{"#", "Name", "Revenue", "Share"}, rows, []float64{0.07, 0.53, 0.24, 0.16}, "LLRR")
	}
	return nil
}

// SeasonalityChart describes the seasonality bars (percent of an average
// month per calendar month).
func SeasonalityChart(pd *app.PlanData) charts.BarChart {
	c := charts.BarChart{Title: "Seasonality index", EmptyText: "No sales history yet",
		FormatY: func(v float64) string { return pd.Locale.Number(v, 0) + " %" }}
	if pd.Summary == nil && len(pd.History.Values) == 0 {
		return c
	}
	idx := app.SeasonalityIndex(pd.History)
	if pd.Summary != nil {
		idx = pd.Summary.Seasonality
	}
	for m := 0; m < 12; m++ {
		c.Labels = append(c.Labels, pd.Locale.MonthAbbr(time.Month(m+1)))
		c.Values = append(c.Values, math.Round(idx[m]*1000)/10)
	}
	return c
}

// ConcentrationSentence says how concentrated the customers are in the
// summary's period: the share of the 10 largest, or, with fewer than 10
// customers, how few they are and the share of the largest.
func ConcentrationSentence(pd *app.PlanData) string {
	sum := pd.Summary
	if sum == nil || len(sum.Top[app.DimCustomer]) == 0 {
		return ""
	}
	top := sum.Top[app.DimCustomer]
	if len(top) < 10 {
		return "Only " + app.Count(len(top), "customer", "customers") + " bought; the largest, " + top[0].Key + ", brought " +
			pd.Locale.Percent(top[0].Share) + " of the revenue."
	}
	return "The 10 largest customers bought " + pd.Locale.Percent(sum.Top10Share) + " of the revenue."
}

// QuadrantItem names one item of a quadrant: "strength", "weakness",
// "opportunity", "threat".
func QuadrantItem(q string) string {
	switch q {
	case "S":
		return "strength"
	case "W":
		return "weakness"
	case "O":
		return "opportunity"
	case "T":
		return "threat"
	}
	return q
}
