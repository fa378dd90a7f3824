package app

import (
	"context"
	"io"
	"time"

	"salesplan/app/report"
)

// SummaryReader computes the situation summary (the store).
type SummaryReader interface {
	Summary(ctx context.Context, businessID string, scope Scope, history MonthlySeries) (Summary, error)
}

// ExportReader is everything an export reads.
type ExportReader interface {
	PlanSource
	SummaryReader
	ForecastReader
}

// ExportOptions are the inputs of a PDF export that are not the plan.
type ExportOptions = report.Options

// LoadFullPlanData loads a plan with its summary and forecast, as the PDF
// and the JSON need it, and computes its figures. A forecast that cannot
// be made (no or too little history) is left out, not an error.
func LoadFullPlanData(ctx context.Context, r ExportReader, reg *Registry, planID string, loc Locale, now time.Time) (PlanData, error) {
	pd, err := LoadPlanData(ctx, r, reg, planID, loc)
	if err != nil {
		return pd, err
	}
	if len(pd.History.Values) == 0 {
		return pd, nil
	}
	sum, err := r.Summary(ctx, pd.Business.ID, pd.Plan.Scope, pd.History)
	if err != nil {
		return pd, err
	}
	pd.Summary = &sum
	if f, err := Forecast(ctx, r, pd, ForecastRequest{By: ByTotal, Horizon: ForecastHorizon(&pd)}, now); err == nil {
		pd.Forecast = &f
	}
	if f, err := Forecast(ctx, r, pd, ForecastRequest{By: ByGroup, Horizon: ForecastHorizon(&pd)}, now); err == nil {
		pd.GroupForecast = &f
	}
	reg.Compute(&pd)
	return pd, nil
}

// ExportPDF writes the whole plan as a PDF to w: cover, table of contents
// with page numbers and bookmarks, the executive summary, one section per
// registered step, "How to read this plan", and "page X of Y" footers. By
// default it is the PDF a client receives: unfinished steps left out,
// amounts in whole currency units (opts says otherwise). The same input
// gives the same bytes.
func ExportPDF(ctx context.Context, w io.Writer, pd *PlanData, reg *Registry, opts ExportOptions) error {
	return report.Build(ctx, w, PlanDocumentWith(pd, reg, opts), opts)
}

// PlanDocument is the plan's PDF before layout with the default options
// and the issue date now — or, with only, the cover and just those steps'
// sections.
func PlanDocument(pd *PlanData, reg *Registry, now time.Time, only ...StepID) report.Document {
	return PlanDocumentWith(pd, reg, ExportOptions{Now: now}, only...)
}

// PlanDocumentWith is the plan's PDF before layout: the cover (branded
// unless opts.Unbranded), the executive summary, one section per step
// (finished steps only unless opts.Unfinished includes them), the list of
// parts still to be completed when asked for, and "How to read this plan";
// with only, the cover and just those steps' sections. The Overview and its
// progress table print only in a draft (UnfinishedInclude).
func PlanDocumentWith(pd *PlanData, reg *Registry, opts ExportOptions, only ...StepID) report.Document {
	view := *pd // the PDF's amounts: whole units unless cents are asked for
	if view.Locale.WholeUnits != !opts.Cents {
		view.Locale.WholeUnits = !opts.Cents
		reg.Compute(&view) // the figures' sentences show amounts too
	}
	pd = &view
	p := pd.Plan
	brand := pd.Branding
	if opts.Unbranded {
		brand = Branding{}
	}
	cover := report.Cover{
		Kicker: pd.Business.Name,
		Title:  p.Title,
		Lines: []string{"Sales plan for " + pd.Locale.MonthName(p.Start) + " – " + pd.Locale.MonthName(p.End()) +
			" (" + itoa(p.Months) + " months), in " + p.Currency},
		Footer:       "Issued " + pd.Locale.LongDate(opts.Now) + " · Prepared with Salesplan",
		PreparedFor:  brand.PreparedFor,
		PreparedBy:   brand.PreparedBy,
		Confidential: brand.Confidential,
		Logo:         brand.LogoBytes(),
	}
	if cover.PreparedBy == "" {
		cover.PreparedBy = p.Author
	}
	if opts.Unfinished == report.UnfinishedInclude {
		cover.Lines = append(cover.Lines, "Draft: "+reg.PlanStatus(pd).String())
	}
	author := p.Author
	if brand.PreparedBy != "" {
		author = brand.PreparedBy
	}
	footer := p.Title
	if brand.Confidential != "" {
		footer += " · " + brand.Confidential
	}
	doc := report.Document{Title: p.Title, Author: author, Subject: "Sales plan " + p.PeriodLabel(), Footer: footer,
		Cover: cover, Color: brand.ColorValue()}
	section := func(s Step) report.Section {
		return report.Section{Title: s.Heading(), Draw: func(r *report.Report) error {
			if s.Section == nil {
				return nil
			}
			return s.Section(r, pd)
		}}
	}
	if len(only) > 0 {
		for _, id := range only {
			if s, ok := reg.Step(id); ok {
				doc.Sections = append(doc.Sections, section(s))
			}
		}
		return doc
	}
	draft := opts.Unfinished == report.UnfinishedInclude
	if ov, ok := reg.Overview(); ok && draft {
		doc.Sections = append(doc.Sections, section(ov))
	}
	if reg.summary != nil {
		doc.Sections = append(doc.Sections, report.Section{Title: "Executive summary", NewPage: true, Draw: func(r *report.Report) error {
			return reg.summary(r, pd)
		}})
	}
	var unfinished []Step
	for _, s := range reg.Steps() {
		if !draft && (s.Pending != "" || reg.Status(s.ID, pd) != Complete) {
			unfinished = append(unfinished, s)
			continue
		}
		sec := section(s)
		sec.NewPage = reg.summary != nil && len(doc.Sections) == 1 // the summary has its page
		doc.Sections = append(doc.Sections, sec)
	}
	if opts.Unfinished == report.UnfinishedList && len(unfinished) > 0 {
		doc.Sections = append(doc.Sections, report.Section{Title: "To be completed", Draw: func(r *report.Report) error {
			r.Paragraph("These parts of the plan are still being worked out and follow in a later issue:")
			var rows [][]string
			for _, s := range unfinished {
				what := s.CompleteWhen
				if s.Pending != "" {
					what = s.Pending
				}
				rows = append(rows, []string{itoa(s.Number), s.Title, what})
			}
			r.Table([]string{"Step", "Part of the plan", "What it will hold"}, rows, []float64{0.08, 0.3, 0.62}, "LLL")
			return nil
		}})
	}
	doc.Sections = append(doc.Sections, report.Section{Title: "How to read this plan", Draw: func(r *report.Report) error {
		readingGuide(r, pd, opts)
		return nil
	}})
	return doc
}

// readingGuide explains the document to its reader: what the sections
// hold, how amounts are shown and where the figures come from.
func readingGuide(r *report.Report, pd *PlanData, opts ExportOptions) {
	r.Subheading("What this plan contains")
	r.Paragraph("The executive summary gathers the headline figures on one page. The numbered sections follow the planning steps: " +
		"the situation today, the objectives, the strategy, sales and operations planning, the sales budget and the sales team. " +
		"Each section explains its tables and charts in the text above them.")
	r.Subheading("Amounts and figures")
	amounts := "Amounts are in " + pd.Currency.Code + " and rounded to whole " + pd.Currency.Code + "; prices and commissions show their cents."
	if opts.Cents || pd.Currency.Digits == 0 {
		amounts = "Amounts are in " + pd.Currency.Code + ", exact to the smallest unit of the currency."
	}
	r.Paragraph(amounts + " Totals are added up from the exact amounts, so a total can differ from the sum of its rounded parts by a unit or two. " +
		"Percentages are shares of the figure named in the column or sentence. Monthly amounts spread a yearly figure so that the months add up exactly to it.")
	r.Subheading("Forecasts and ranges")
	r.Paragraph("Forecasts are computed from the monthly sales history. A range such as “80 % range” means that, judged by how well the method " +
		"forecast the past, the actual figure falls inside it four times out of five. The wider the range, the less certain the forecast.")
	r.Subheading("Where the figures come from")
	src := "The sales history of " + pd.Business.Name
	if pd.HistoryRows > 0 {
		src += " (" + pd.Locale.Int(pd.HistoryRows) + " recorded sales)"
	}
	r.Paragraph(src + ", and the assumptions agreed while preparing the plan, as stated in each section.")
}
