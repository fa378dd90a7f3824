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
// with page numbers and bookmarks, the Overview, one section per
// registered step, an appendix, and "page X of Y" footers. The same input
// gives the same bytes.
func ExportPDF(ctx context.Context, w io.Writer, pd *PlanData, reg *Registry, opts ExportOptions) error {
	return report.Build(ctx, w, PlanDocument(pd, reg, opts.Now), opts)
}

// PlanDocument is the plan's PDF before layout: cover, the Overview, one
// section per registered step and the appendix — or, with only, the cover
// and just those steps' sections.
func PlanDocument(pd *PlanData, reg *Registry, now time.Time, only ...StepID) report.Document {
	opts := ExportOptions{Now: now}
	p := pd.Plan
	cover := report.Cover{
		Kicker: pd.Business.Name,
		Title:  p.Title,
		Lines: []string{"Sales plan for " + pd.Locale.MonthName(p.Start) + " – " + pd.Locale.MonthName(p.End()) +
			" (" + itoa(p.Months) + " months), in " + p.Currency},
		Footer: "Issued " + pd.Locale.LongDate(opts.Now) + " · Prepared with Salesplan",
	}
	if p.Author != "" {
		cover.Lines = append(cover.Lines, "Prepared by "+p.Author)
	}
	doc := report.Document{Title: p.Title, Author: p.Author, Subject: "Sales plan " + p.PeriodLabel(), Footer: p.Title, Cover: cover}
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
	if ov, ok := reg.Overview(); ok {
		doc.Sections = append(doc.Sections, section(ov))
	}
	for _, s := range reg.Steps() {
		doc.Sections = append(doc.Sections, section(s))
	}
	doc.Sections = append(doc.Sections, report.Section{Title: "Appendix", Draw: func(r *report.Report) error {
		appendixSection(r, pd)
		return nil
	}})
	return doc
}

func appendixSection(r *report.Report, pd *PlanData) {
	r.Subheading("How the figures are computed")
	r.Paragraph("Amounts are stored and added up as whole minor units of the currency (cents for " + pd.Currency.Code +
		" with " + itoa(pd.Currency.Digits) + " decimals), so totals are exact. Any division rounds half away from zero; " +
		"monthly splits use the largest-remainder method so that the parts add up exactly to the total.")
	r.Subheading("Sources")
	r.KeyValues([][2]string{
		{"Sales history", pd.Locale.Int(pd.HistoryRows) + " rows of " + pd.Business.Name},
		{"Workspace plan ID", pd.Plan.ID},
	})
	r.Subheading("Printing limits")
	r.Paragraph("This document embeds the DejaVu Sans font, which prints Latin, Greek and Cyrillic scripts. " +
		"Characters outside it (for example Chinese, Japanese or emoji) are kept unchanged in the workspace and in CSV exports, " +
		"but print as empty boxes here. Right-to-left text prints in stored (logical) order.")
}
