// Package charts renders the application's charts as images.
//
// The package knows nothing about sales plans: callers pass plain series of
// numbers and get an [image.Image] back. Drawing is done with go-chart
// (github.com/wcharczuk/go-chart/v2) using the DejaVu Sans fonts embedded in
// package assets, so Greek and Cyrillic labels print correctly.
//
// The chart types are:
//
//   - [Renderer.Monthly]: monthly lines (actual, forecast, target, …),
//     optionally with shaded interval [Band]s under them and a dashed
//     divider where the forecast begins. A forecast is drawn as a
//     RoleActual history series, a RoleForecast series that is NaN before
//     the first forecast month, and two RoleForecast bands (the 95 % range
//     first, then the 80 % range, which shows darker because the bands
//     are translucent and overlap);
//   - [Renderer.Bars]: vertical category bars, e.g. seasonality;
//   - [Renderer.HBars]: horizontal bars for top-N lists, labels on the
//     left and values at the bar ends, negative values left of zero;
//   - [Renderer.Funnel]: a sales-process funnel with conversion notes
//     between the stages and an optional bottleneck stage marked by colour
//     and by text;
//   - [Renderer.Timeline]: a Gantt-like chart of items over months, bars
//     reaching outside the window ending in arrow points.
//
// The same code serves two consumers:
//
//   - Fyne views, which call the chart methods from a canvas.NewRaster
//     generator with the exact pixel size the canvas asks for and Scale
//     set to the device pixel ratio, so charts stay sharp on HiDPI
//     screens;
//   - the PDF export, which turns the image into opaque PNG bytes with
//     [EncodePNG].
//
// Every chart is laid out explicitly: the Y range and its "nice" ticks
// (1, 2 or 5 × 10^k), the month ticks on the X axis, the title, the legend
// and the tick labels are computed by this package, and go-chart draws the
// background, the data series and the text (HBars, Funnel and Timeline are
// drawn directly on go-chart's raster renderer). Series are told apart by
// colour (the colour-blind safe Okabe-Ito palette) and by dash pattern,
// and the legend shows both, so meaning never rests on colour alone; for
// the same reason the funnel's bottleneck carries a text marker as well as
// its vermillion colour. Labels that do not fit are shortened with an
// ellipsis, and rows that do not fit are summarised as "… +k".
//
// A [Renderer] holds the parsed fonts and is read-only after [NewRenderer]
// returns, so one Renderer may be shared by any number of goroutines.
// Rendering never panics and never returns nil: missing data, NaN values,
// degenerate ranges and tiny or huge sizes all produce a valid image.
package charts
