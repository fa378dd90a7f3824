package app

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"salesplan/app/forecast"
)

// ForecastBy says which series a forecast covers.
type ForecastBy string

// Forecast splits: the plan's scope in total, or per product group, region
// or salesperson.
const (
	ByTotal  ForecastBy = "total"
	ByGroup  ForecastBy = "group"
	ByRegion ForecastBy = "region"
	ByRep    ForecastBy = "rep"
)

// ForecastRequest asks for a forecast of a plan's history.
type ForecastRequest struct {
	By      ForecastBy
	Horizon int // months; default 12
	Holdout int // >0: fit without the last Holdout complete months and forecast exactly those
}

// SeriesForecast is the forecast of one named series.
type SeriesForecast struct {
	Name   string
	Start  Month // the first forecast month
	Result forecast.Result
	Actual []float64 // holdout mode: the actual values of the forecast months (minor units)
	// Accuracy of the chosen method: backtest errors, or in holdout mode the
	// errors against the actual months; the same for seasonal naive.
	SMAPE, MASE             float64
	SNaiveSMAPE, SNaiveMASE float64
}

// ForecastOutput is the forecast of a plan.
type ForecastOutput struct {
	Series        []SeriesForecast
	HistoryMonths int    // complete months used
	Excluded      *Month // an incomplete last month left out
	Notes         []string
}

// ForecastReader is what a forecast reads from the store.
type ForecastReader interface {
	MonthlyRevenueBy(ctx context.Context, businessID string, scope Scope, dim Dimension) ([]string, map[string]MonthlySeries, error)
	HistoryLastDay(ctx context.Context, businessID string) (time.Time, error)
}

// CompleteHistory drops a last month that is not over yet (it is the
// current month, or its last sale is more than a week before its end),
// and returns the month dropped.
func CompleteHistory(s MonthlySeries, lastDay, now time.Time) (MonthlySeries, *Month) {
	if len(s.Values) == 0 {
		return s, nil
	}
	last := s.End()
	end := last.Add(1).Time().AddDate(0, 0, -1)
	incomplete := last >= MonthOf(now) || (!lastDay.IsZero() && MonthOf(lastDay) == last && end.Sub(lastDay) > 7*24*time.Hour)
	if !incomplete {
		return s, nil
	}
	s.Values = s.Values[:len(s.Values)-1]
	return s, &last
}

// Forecast forecasts a plan's history as asked. pd.History is the scope's
// total; per-dimension series come from r.
func Forecast(ctx context.Context, r ForecastReader, pd PlanData, req ForecastRequest, now time.Time) (ForecastOutput, error) {
	var out ForecastOutput
	if req.Horizon <= 0 {
		req.Horizon = 12
	}
	names := []string{"Total"}
	series := map[string]MonthlySeries{"Total": pd.History}
	if req.By != "" && req.By != ByTotal {
		dim := map[ForecastBy]Dimension{ByGroup: DimGroup, ByRegion: DimRegion, ByRep: DimSalesperson}[req.By]
		if dim == "" {
			return out, Errorf(ErrInvalid, "Forecast by %q is not possible; use total, group, region or rep.", req.By)
		}
		var err error
		names, series, err = r.MonthlyRevenueBy(ctx, pd.Business.ID, pd.Plan.Scope, dim)
		if err != nil {
			return out, err
		}
	}
	if len(pd.History.Values) == 0 {
		return out, Errorf(ErrInvalid, "This plan has no sales history to forecast from yet. Import the business's sales first.")
	}
	lastDay, err := r.HistoryLastDay(ctx, pd.Business.ID)
	if err != nil {
		return out, err
	}
	total, excluded := CompleteHistory(pd.History, lastDay, now)
	out.Excluded = excluded
	out.HistoryMonths = len(total.Values)
	if excluded != nil {
		out.Notes = append(out.Notes, fmt.Sprintf("%s is not complete yet, so it was left out.", excluded))
	}
	if req.Holdout > 0 && req.Holdout >= len(total.Values) {
		return out, Errorf(ErrInvalid, "A holdout of %s needs more than %s of history.", Count(req.Holdout, "month", "months"),
			Count(len(total.Values), "month", "months"))
	}
	var inputs [][]float64
	for _, n := range names {
		s := series[n]
		vals := make([]float64, len(total.Values))
		for i := range vals {
			vals[i] = float64(s.Values[i])
		}
		inputs = append(inputs, vals)
	}
	opt := forecast.Options{Horizon: req.Horizon}
	var results []forecast.Result
	var errs []error
	if req.Holdout > 0 {
		for _, y := range inputs {
			res, err := forecast.Holdout(y, req.Holdout, opt)
			results, errs = append(results, res), append(errs, err)
		}
	} else {
		results, errs = forecast.FitMany(inputs, opt)
	}
	for i, res := range results {
		if errs[i] != nil {
			return out, &Error{Code: ErrInvalid, Message: fmt.Sprintf("The forecast of %s failed: %s", names[i], ErrorMessage(errs[i])), Err: errs[i]}
		}
		sf := SeriesForecast{Name: names[i], Start: total.End().Add(1), Result: res,
			SMAPE: chosenScore(res).SMAPE, MASE: chosenScore(res).MASE, SNaiveSMAPE: res.SNaiveSMAPE, SNaiveMASE: res.SNaiveMASE}
		if req.Holdout > 0 {
			y := inputs[i]
			train, actual := y[:len(y)-req.Holdout], y[len(y)-req.Holdout:]
			sf.Start = total.End().Add(1 - req.Holdout)
			sf.Actual = actual
			sf.SMAPE, sf.MASE = forecast.Accuracy(train, actual, res.Forecast, 12)
			sf.SNaiveSMAPE, sf.SNaiveMASE = forecast.Accuracy(train, actual, forecast.SeasonalNaive(train, len(actual), 12), 12)
		}
		out.Series = append(out.Series, sf)
	}
	return out, nil
}

func chosenScore(r forecast.Result) forecast.MethodScore {
	for _, s := range r.Scores {
		if s.Chosen {
			return s
		}
	}
	return forecast.MethodScore{SMAPE: math.NaN(), MASE: math.NaN()}
}

// ForecastCache keeps forecasts per business, scope, request and history
// version, so that revisiting a page does not fit again. Safe for
// concurrent use.
type ForecastCache struct {
	mu sync.Mutex
	m  map[string]ForecastOutput
}

// ForecastKey identifies a forecast for the cache.
func ForecastKey(businessID string, scope Scope, req ForecastRequest, historyVersion string, now time.Time) string {
	return fmt.Sprintf("%s|%v|%v|%s|%d|%d|%s|%s", businessID, scope.ProductGroups, scope.Regions, req.By, req.Horizon, req.Holdout,
		historyVersion, MonthOf(now))
}

// Get returns a cached forecast.
func (c *ForecastCache) Get(key string) (ForecastOutput, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[key]
	return f, ok
}

// Put stores a forecast.
func (c *ForecastCache) Put(key string, f ForecastOutput) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) > 200 {
		c.m = map[string]ForecastOutput{}
	}
	c.m[key] = f
}

// ForecastHorizon is the number of months to forecast so that the forecast
// reaches the end of the plan period from the end of the history (at least
// 12).
func ForecastHorizon(pd *PlanData) int {
	if len(pd.History.Values) == 0 {
		return 12
	}
	return min(forecastMaxHorizon, max(12, int(pd.Plan.End()-pd.History.End())))
}

// forecastMaxHorizon caps the horizon (a plan far in the future).
const forecastMaxHorizon = 120

// PlanPeriodForecast returns the forecast months inside the plan period
// (the forecast may start earlier, right after the history) and the
// interval for their total. The total's bounds take the relative width of
// the forecast's own total interval (estimated from backtest sums, not by
// adding monthly bounds).
func PlanPeriodForecast(pd *PlanData) PlanForecast {
	if pd.Forecast == nil || len(pd.Forecast.Series) == 0 {
		return PlanForecast{}
	}
	s := pd.Forecast.Series[0]
	if pd.Plan.Start < s.Start {
		return runningForecast(pd.Plan, s, pd.History)
	}
	return periodForecast(pd.Plan, s)
}

// runningForecast is the plan-period forecast of a plan that has begun:
// its months before the forecast starts are the actual sales of the
// history h, the rest the forecast, and the total's interval is the
// forecast's shifted by the actual sales. It is not OK when h does not
// cover the months before the forecast.
func runningForecast(p Plan, s SeriesForecast, h MonthlySeries) PlanForecast {
	n := min(int(s.Start-p.Start), p.Months)
	if p.Start < h.Start || p.Start.Add(n-1) > h.End() {
		return PlanForecast{}
	}
	out := PlanForecast{OK: true, Start: p.Start, Actuals: n}
	var sum float64
	for i := range n {
		v := float64(h.Values[int(p.Start.Add(i)-h.Start)])
		out.Point = append(out.Point, v)
		sum += v
	}
	t := forecast.Interval{Point: sum, Lo80: sum, Hi80: sum, Lo95: sum, Hi95: sum}
	if n < p.Months {
		rest := periodForecast(Plan{Start: s.Start, Months: p.Months - n}, s)
		if !rest.OK {
			return PlanForecast{}
		}
		out.Point = append(out.Point, rest.Point...)
		r := rest.Total
		t = forecast.Interval{Point: sum + r.Point, Lo80: sum + r.Lo80, Hi80: sum + r.Hi80, Lo95: sum + r.Lo95, Hi95: sum + r.Hi95}
	}
	out.Total = t
	return out
}

// periodForecast is one series' forecast months inside the plan period and
// the interval of their total.
func periodForecast(p Plan, s SeriesForecast) PlanForecast {
	var out PlanForecast
	off := int(p.Start - s.Start)
	if off < 0 || off >= len(s.Result.Forecast) {
		return out
	}
	end := min(len(s.Result.Forecast), off+p.Months)
	out.Point = s.Result.Forecast[off:end]
	total := &out.Total
	for _, v := range out.Point {
		total.Point += v
	}
	t := s.Result.Total
	if t.Point > 0 {
		r := total.Point / t.Point
		total.Lo80, total.Hi80, total.Lo95, total.Hi95 = t.Lo80*r, t.Hi80*r, t.Lo95*r, t.Hi95*r
	} else {
		total.Lo80, total.Hi80, total.Lo95, total.Hi95 = total.Point, total.Point, total.Point, total.Point
	}
	out.OK, out.Start = true, p.Start
	return out
}
