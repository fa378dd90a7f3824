package objectives_test

import (
	"math"
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/app/objectives"
	"salesplan/app/situation"
	"salesplan/app/steps"
	"salesplan/data/datatest"
)

func i64(v int64) *int64 { return &v }

func TestSMARTCheckExplainsEachLetter(t *testing.T) {
	_, full := datatest.FullDemoPlan(t)
	base, months := app.RevenueBaseline(&full)
	if months != 12 || base <= 0 {
		t.Fatalf("baseline %d over %d months", base, months)
	}
	end := full.Plan.End()
	outside := full.Plan.End().Add(3)
	swotID := situation.Of(&full).SWOT[0].ID
	verdicts := func(o objectives.Objective) string {
		var b strings.Builder
		for _, l := range objectives.SMARTCheck(o, &full) {
			b.WriteString(l.Letter + "=" + string(l.Verdict) + " ")
			if l.Sentence == "" {
				t.Errorf("%s has no sentence", l.Name)
			}
		}
		return strings.TrimSpace(b.String())
	}
	for _, tc := range []struct {
		name string
		o    objectives.Objective
		want string
	}{
		{"plausible revenue", objectives.Objective{Title: "Grow", Kind: objectives.KindRevenue, Metric: "Revenue", Baseline: i64(base), Target: i64(int64(full.Figures.Plausibility.Forecast.Total.Point * 1.01)), Deadline: &end, SWOTLinks: []string{swotID}},
			"S=ok M=ok A=ok R=ok T=ok"},
		{"too easy revenue", objectives.Objective{Title: "Grow", Kind: objectives.KindRevenue, Metric: "Revenue", Baseline: i64(base), Target: i64(base * 103 / 100), Deadline: &end, SWOTLinks: []string{swotID}},
			"S=ok M=ok A=weak R=ok T=ok"},
		{"far-fetched revenue", objectives.Objective{Title: "Double", Kind: objectives.KindRevenue, Metric: "Revenue", Baseline: i64(base), Target: i64(base * 2), Deadline: &end, SWOTLinks: []string{swotID}},
			"S=ok M=ok A=missing R=ok T=ok"},
		{"empty", objectives.Objective{Kind: objectives.KindCustom},
			"S=missing M=missing A=weak R=weak T=missing"},
		{"target equals baseline, deadline outside", objectives.Objective{Title: "Hold", Kind: objectives.KindLeads, Metric: "Leads", Baseline: i64(100), Target: i64(100), Deadline: &outside},
			"S=ok M=weak A=ok R=weak T=weak"},
	} {
		if got := verdicts(tc.o); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	far := objectives.SMARTCheck(objectives.Objective{Title: "Double", Kind: objectives.KindRevenue, Metric: "Revenue", Baseline: i64(base), Target: i64(base * 2), Deadline: &end}, &full)[2]
	if !strings.Contains(far.Sentence, "+100.0%") || !strings.Contains(far.Sentence, "best year") || !strings.Contains(far.Sentence, "80 % range") {
		t.Errorf("achievable sentence: %s", far.Sentence)
	}
	// A revenue target below the forecast is too easy, with the figures:
	// the demo's target (€2.47 M) sits below its forecast (€2.54 M).
	rt, _ := objectives.RevenueTarget(objectives.Of(&full).Objectives)
	fc := full.Figures.Plausibility.Forecast.Total
	if !full.Figures.Plausibility.Forecast.OK || float64(*rt.Target) >= fc.Point {
		t.Fatalf("the demo's target %d is not below its forecast %.0f", *rt.Target, fc.Point)
	}
	easy := objectives.SMARTCheck(rt, &full)[2]
	money := func(v float64) string { return full.Locale.Money(int64(math.Round(v/100))*100, full.Currency) }
	if easy.Verdict != objectives.VerdictWeak || !strings.Contains(easy.Sentence, "too easy: the forecast already expects "+money(fc.Point)+" for the plan period") ||
		!strings.Contains(easy.Sentence, money(fc.Point-float64(*rt.Target))+" more than the target of "+money(float64(*rt.Target))) ||
		!strings.Contains(easy.Sentence, "Raise the target") {
		t.Errorf("demo target: %+v", easy)
	}
	atForecast := rt
	atForecast.Target = i64(int64(math.Ceil(fc.Point)))
	if a := objectives.SMARTCheck(atForecast, &full)[2]; a.Verdict != objectives.VerdictOK || strings.Contains(a.Sentence, "too easy") {
		t.Errorf("a target at the forecast: %+v", a)
	}
	// Without history the check says what it could not check.
	none := app.PlanData{Plan: full.Plan, Locale: full.Locale, Currency: full.Currency}
	a := objectives.SMARTCheck(objectives.Objective{Title: "x", Kind: objectives.KindRevenue, Metric: "m", Baseline: i64(100), Target: i64(120), Deadline: &end}, &none)[2]
	if a.Verdict != objectives.VerdictWeak || !strings.Contains(a.Sentence, "not enough history") {
		t.Errorf("no history: %+v", a)
	}
	// The demo's objectives, SWOT and revenue target.
	objs, swot := objectives.Of(&full).Objectives, situation.Of(&full).SWOT
	if len(objs) != 3 || len(swot) != 8 {
		t.Fatalf("demo content: %d objectives, %d SWOT items", len(objs), len(swot))
	}
	if rt, ok := objectives.RevenueTarget(objs); !ok || rt.Kind != objectives.KindRevenue {
		t.Error("no revenue target")
	}
	if full.Figures.Target.ObjectiveID == "" || full.Figures.Target.FromForecast {
		t.Errorf("the figures' revenue target does not come from the objective: %+v", full.Figures.Target)
	}
	if st := steps.Registry().Status(app.StepObjectives, &full); st != app.Complete {
		t.Errorf("demo objectives status %v", st)
	}
}

func TestObjectiveValuesParseAndFormat(t *testing.T) {
	loc, cur := app.LocaleFor("de_DE"), app.Currency{Code: "EUR", Digits: 2, Symbol: "€"}
	for _, tc := range []struct {
		kind objectives.ObjectiveKind
		in   string
		want int64
		out  string
	}{
		{objectives.KindRevenue, "1.234,50 €", 123450, "1.234,50\u00a0€"},
		{objectives.KindRetention, "90,5 %", 9050, "90,5\u00a0%"},
		{objectives.KindLeads, "120", 120, "120"},
		{objectives.KindSatisfaction, "4,25", 425, "4,25 points"},
	} {
		o := objectives.Objective{Kind: tc.kind, Unit: tc.kind.DefaultUnit()}
		v, err := o.ParseValue(tc.in, loc, cur)
		if err != nil || v != tc.want {
			t.Errorf("%s %q = %d, %v", tc.kind, tc.in, v, err)
		}
		if got := o.FormatValue(v, loc, cur); got != tc.out {
			t.Errorf("%s format %d = %q, want %q", tc.kind, v, got, tc.out)
		}
	}
	for _, bad := range []string{"", "abc", "1e309", "12.5.3"} {
		if _, err := (objectives.Objective{Kind: objectives.KindLeads}).ParseValue(bad, loc, cur); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
