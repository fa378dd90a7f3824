package cli

import (
	"context"
	"fmt"
	"math"
	"strings"

	"salesplan/app"
	"salesplan/app/steps"
	"salesplan/data"
)

// ForecastJSON is the stable JSON of `salesplan forecast --json`. Amounts
// are numbers in major units (euros, not cents).
type ForecastJSON struct {
	Series        []ForecastSeriesJSON `json:"series"`
	TotalInterval *IntervalJSON        `json:"total_interval"` // the plan-period total of the first series
	HistoryMonths int                  `json:"history_months"`
	ExcludedMonth *string              `json:"excluded_month"` // an incomplete last month left out
	Notes         []string             `json:"notes"`
}

// ForecastSeriesJSON is one forecast series.
type ForecastSeriesJSON struct {
	Name        string       `json:"name"`
	Method      string       `json:"method"`
	Label       string       `json:"label"`
	Start       string       `json:"start"` // first forecast month, YYYY-MM
	Forecast    []float64    `json:"forecast"`
	Lo80        []float64    `json:"lo80"`
	Hi80        []float64    `json:"hi80"`
	Lo95        []float64    `json:"lo95"`
	Hi95        []float64    `json:"hi95"`
	Actual      []float64    `json:"actual,omitempty"` // holdout only
	SMAPE       *float64     `json:"smape"`            // holdout: against actual; else the backtest's
	MASE        *float64     `json:"mase"`
	SNaiveSMAPE *float64     `json:"snaive_smape"`
	SNaiveMASE  *float64     `json:"snaive_mase"`
	Methods     []MethodJSON `json:"methods"` // every method's backtest
}

// MethodJSON is one method's backtest.
type MethodJSON struct {
	Method   string   `json:"method"`
	Label    string   `json:"label"`
	SMAPE    *float64 `json:"smape"`
	MASE     *float64 `json:"mase"`
	OWA      *float64 `json:"owa"`
	Eligible bool     `json:"eligible"`
	Reason   string   `json:"reason,omitempty"`
	Chosen   bool     `json:"chosen"`
}

// IntervalJSON is a point with 80 % and 95 % bounds.
type IntervalJSON struct {
	Point float64 `json:"point"`
	Lo80  float64 `json:"lo80"`
	Hi80  float64 `json:"hi80"`
	Lo95  float64 `json:"lo95"`
	Hi95  float64 `json:"hi95"`
}

func num(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	r := math.Round(v*10000) / 10000
	return &r
}

func major(vals []float64, c app.Currency) []float64 {
	out := make([]float64, len(vals))
	p := math.Pow10(c.Digits)
	for i, v := range vals {
		out[i] = math.Round(v) / p
	}
	return out
}

// ForecastToJSON converts a forecast to its stable JSON form.
func ForecastToJSON(f app.ForecastOutput, c app.Currency) ForecastJSON {
	out := ForecastJSON{HistoryMonths: f.HistoryMonths, Notes: f.Notes, Series: []ForecastSeriesJSON{}}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	if f.Excluded != nil {
		s := f.Excluded.String()
		out.ExcludedMonth = &s
	}
	p := math.Pow10(c.Digits)
	for i, s := range f.Series {
		r := s.Result
		j := ForecastSeriesJSON{Name: s.Name, Method: r.Method, Label: r.Label, Start: s.Start.String(),
			Forecast: major(r.Forecast, c), Lo80: major(r.Lo80, c), Hi80: major(r.Hi80, c), Lo95: major(r.Lo95, c), Hi95: major(r.Hi95, c),
			SMAPE: num(s.SMAPE), MASE: num(s.MASE), SNaiveSMAPE: num(s.SNaiveSMAPE), SNaiveMASE: num(s.SNaiveMASE)}
		if s.Actual != nil {
			j.Actual = major(s.Actual, c)
		}
		for _, m := range r.Scores {
			mj := MethodJSON{Method: m.Method, Label: m.Label, Eligible: m.Eligible, Reason: m.Reason, Chosen: m.Chosen}
			if m.Eligible {
				mj.SMAPE, mj.MASE, mj.OWA = num(m.SMAPE), num(m.MASE), num(m.OWA)
			}
			j.Methods = append(j.Methods, mj)
		}
		out.Series = append(out.Series, j)
		if i == 0 {
			t := r.Total
			out.TotalInterval = &IntervalJSON{Point: math.Round(t.Point) / p, Lo80: math.Round(t.Lo80) / p, Hi80: math.Round(t.Hi80) / p,
				Lo95: math.Round(t.Lo95) / p, Hi95: math.Round(t.Hi95) / p}
		}
	}
	return out
}

func forecastCmd(db *data.DB, args []string, env Env) error {
	fs := newFlags("forecast", "salesplan forecast --plan ID [--by total|group|region|rep] [--horizon 12] [--holdout N] [--json]", env)
	planID := fs.String("plan", "", "plan ID")
	by := fs.String("by", "total", "total, group, region or rep")
	h0, h1 := 12, 0
	horizon, holdout := &h0, &h1
	fs.Var(decimalInt{horizon}, "horizon", "months to forecast")
	fs.Var(decimalInt{holdout}, "holdout", "fit without the last N complete months and forecast exactly those, to measure accuracy")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *planID == "" {
		return usageError("forecast needs --plan")
	}
	if *horizon < 1 || *horizon > 60 {
		return usageError("--horizon must be between 1 and 60")
	}
	if *holdout < 0 {
		return usageError("--holdout must not be negative")
	}
	ctx := context.Background()
	pd, err := app.LoadPlanData(ctx, db, steps.Registry(), *planID, app.SystemLocale(env.Getenv))
	if err != nil {
		return err
	}
	h := *horizon
	if *holdout > 0 {
		h = *holdout
	}
	f, err := app.Forecast(ctx, db, pd, app.ForecastRequest{By: app.ForecastBy(*by), Horizon: h, Holdout: *holdout}, env.Now())
	if err != nil {
		return err
	}
	if *holdout > 0 {
		for _, s := range f.Series {
			if n := s.Result.HistoryMonths; n < minHoldoutTrain {
				return app.Errorf(app.ErrInvalid, "Holding out %d months leaves %s of sales history for %s to forecast from, too little to measure the forecast's errors against (at least %d are needed). Use a smaller --holdout.",
					*holdout, monthWord(n), s.Name, minHoldoutTrain)
			}
		}
	}
	if *asJSON {
		return writeJSON(env.Stdout, ForecastToJSON(f, pd.Currency))
	}
	loc, cur := pd.Locale, pd.Currency
	for _, n := range f.Notes {
		fmt.Fprintln(env.Stdout, Escape(n))
	}
	for _, s := range f.Series {
		fmt.Fprintf(env.Stdout, "\n%s — %s (%s)\n", Escape(s.Name), s.Result.Label, accuracyText(s.SMAPE, s.MASE, s.SNaiveSMAPE, s.SNaiveMASE))
		fmt.Fprintf(env.Stdout, "%-8s %16s %16s %16s%s\n", "month", "forecast", "80 % low", "80 % high", map[bool]string{true: "           actual", false: ""}[s.Actual != nil])
		for i, v := range s.Result.Forecast {
			line := fmt.Sprintf("%-8s %16s %16s %16s", s.Start.Add(i), loc.Money(int64(math.Round(v)), cur),
				loc.Money(int64(math.Round(s.Result.Lo80[i])), cur), loc.Money(int64(math.Round(s.Result.Hi80[i])), cur))
			if s.Actual != nil {
				line += fmt.Sprintf(" %16s", loc.Money(int64(math.Round(s.Actual[i])), cur))
			}
			fmt.Fprintln(env.Stdout, strings.TrimRight(line, " "))
		}
	}
	return nil
}

// minHoldoutTrain is the fewest months a holdout must leave to fit on: the
// MASE scales errors by the history's month-to-month changes, which one
// month does not have.
const minHoldoutTrain = 2

// monthWord writes "1 month" or "n months".
func monthWord(n int) string {
	if n == 1 {
		return "1 month"
	}
	return fmt.Sprintf("%d months", n)
}

// accuracyText writes a series' errors for the text output, saying so
// when they could not be measured instead of printing NaN.
func accuracyText(smape, mase, snSMAPE, snMASE float64) string {
	ok := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if !ok(smape) {
		return "not tested: the history is too short to measure the errors"
	}
	out := fmt.Sprintf("sMAPE %.1f %%", smape)
	if ok(mase) {
		out += fmt.Sprintf(", MASE %.2f", mase)
	} else {
		out += ", MASE not measurable: the history has no month-to-month change to compare with"
	}
	if ok(snSMAPE) {
		out += fmt.Sprintf("; seasonal naive %.1f %%", snSMAPE)
		if ok(snMASE) {
			out += fmt.Sprintf(", %.2f", snMASE)
		}
	}
	return out
}
