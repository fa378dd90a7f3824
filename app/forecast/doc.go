// Package forecast predicts monthly revenue from monthly history. The budget,
// the achievability check of the objectives and the quotas all stand on it,
// so it is built to be honest: a method is used only if it earned its place
// in a test on the history itself, and the ranges come from the errors it
// really made in that test.
//
// The package is pure numerics on []float64: it knows nothing of the
// application, keeps no global state and gives the same output for the same
// input.
//
// # Methods
//
// Every method turns a training history into point forecasts:
//
//   - snaive, seasonal naive: each month repeats the same month one season
//     (12 months) earlier. This is the benchmark every other method must beat.
//   - naive: the last month repeated.
//   - naive2: the M4 competition benchmark. If the history is seasonal (at
//     least three seasons and a lag-12 autocorrelation beyond the 90 % limit),
//     it is seasonally adjusted by classical multiplicative decomposition
//     (additive if some months are zero or negative), the last adjusted value
//     is repeated and the seasonal pattern put back; otherwise naive. It is
//     the yardstick of the scores.
//   - regression: least squares with one level per calendar month plus a
//     straight-line trend.
//   - hw_add, hw_add_damped, hw_mul, hw_mul_damped: Holt-Winters with additive
//     or multiplicative seasonality, with a straight or a damped trend. Level,
//     trend and seasonal indices start from the first two seasons (classical
//     start); the smoothing parameters alpha, beta, gamma (and the damping phi
//     between 0.80 and 0.98) are found by gonum's Nelder-Mead minimising the
//     in-sample one-step squared errors, with a logistic transform to keep
//     them in range. Multiplicative models need every month above zero.
//   - fallbacks for short histories: mean (average of the last 12 months),
//     linear (straight line through the history) and snaive_damped (seasonal
//     naive scaled by the growth of the latest months over the same months a
//     year before, damped: 80 % of the growth is applied to the first year
//     ahead, and each further year adds 80 % of the previous year's share).
//   - stl_ses, stl_damped: a robust seasonal decomposition, multiplicative
//     when every month is above zero (see stl.go for
//     its fixed configuration: moving-average trend, the seasonal shape of
//     each calendar month averaged across all years with bisquare
//     robustness weights, three passes), then simple exponential smoothing
//     (stl_ses) or Holt's damped trend (stl_damped) of the seasonally
//     adjusted series, with the shape put back. Single-year noise averages
//     out of the shape and nothing extrapolates a wild trend. They need 13
//     months, so a history of 2 years gets its seasonality from the data.
//   - theta: the Theta method (simple exponential smoothing with a drift of
//     half the least-squares slope) on the same seasonally adjusted series.
//   - combination: the month-by-month mean of the three methods with the
//     best backtest OWA among the methods without Holt-Winters state.
//
// # Choosing a method
//
// The methods are compared in a rolling-origin backtest: the history is cut
// at several consecutive months (the origins, stepping back one month at a
// time, the last one leaving exactly the test horizon at the end), each
// method is fitted on the months before the cut only, and it forecasts the
// months after it, up to min(Horizon, 12) months ahead. At least
// Options.Origins (3) origins are used and up to 12 when history allows.
// Holt-Winters is re-optimised at every origin: the first origin starts from
// textbook values, every later origin from the optimum of the one before, so
// no origin ever sees data after its own cut.
//
// Each method gets the M4 scores over all its test forecasts: sMAPE (percent,
// 0 to 200), MASE (errors divided by the in-sample error of seasonal naive
// at that origin, or of naive when that is zero, or of the level when both
// are), and OWA, the average of its sMAPE and MASE relative to those of
// Naive2. The lowest OWA wins; ties (within 1e-9) go to the simpler method in
// the order snaive, naive, naive2, mean, linear, snaive_damped, stl_ses,
// theta, stl_damped, regression, hw_add, hw_add_damped, hw_mul,
// hw_mul_damped, combination. Two rules guard against a backtest of a few
// years picking by chance: the combination is preferred when its OWA is
// within 30 % of the best (the test cannot tell them apart), and a
// Holt-Winters model (about 14 parameters) is chosen only when it beats
// that choice by 20 %. The winner is finally refitted on the whole history.
// On the synthetic series of bench/forecast this choice scores better than
// seasonal naive and every Holt-Winters variant, and close to the best
// single method, which no backtest can know in advance.
//
// The seasonal models need two full seasons of training at every origin and
// a test at least 6 months ahead from at least Origins origins (32 months of
// history with the defaults);
// with less, only the simple methods and the fallbacks compete, over a
// shorter test if need be. With fewer months than Origins+1 nothing can be
// tested: the forecast repeats the average of what exists and the ranges are
// a rough guess, which the notes say plainly. Leading months that are exactly
// zero are left out, as the business had not started.
//
// # Ranges
//
// The ranges are empirical, from the chosen method's errors in the backtest.
// Each error is divided by the level at its cut (the average absolute month
// over the last season before the cut), so errors of a small and a large
// business compare. Besides the full test windows, the chosen method is also
// run from every later cut up to the month before the end, each forecasting
// the months that remain, so that the near months are measured on more cuts;
// this matters when the history is short.
//
// The spread of these relative errors grows with the months ahead h like
// h^beta; beta (between 0 and 0.5) is estimated from how the errors grow in
// the backtest, and is 0.5 (the square root of h, as for a random walk) when
// the backtest is shorter than 6 months (a shorter test says too little
// about how errors grow further out, and short histories had too narrow
// ranges). All errors, divided by h^beta, are
// pooled, and their 80 % and 95 % quantiles set the half-widths, which
// therefore never shrink with h and carry on past the backtest horizon.
//
// The range for the total of the horizon comes from the errors of the
// whole-window sums in the backtest, spread by their root mean square, with
// Student's t quantiles whose degrees of freedom count the non-overlapping
// windows (at least 2). It is not the sum of the monthly bounds, which would
// be far too wide because monthly errors partly cancel out.
//
// When the history has no negative month, forecasts and bounds are kept at
// zero or above, and the total's point is the sum of the monthly points.
//
// On 200 synthetic series of five years with the last 12 months held out
// (TestCoverage), the 80 % range held the actual month 79.8 % of the time and
// the 95 % range 94.7 %; for the 12-month total, 80 % and 98.5 %. On the 280
// series of bench/forecast fitted on 3 years, 77.8 % and 92.6 %, and on 18
// months (where the growth of the errors is assumed, not measured) 84 % and
// 93 %.
package forecast
