// Package charts renders the application's charts as images.
//
// The package knows nothing about sales plans: callers pass plain series of
// numbers and get an [image.Image] back. Drawing is done with go-chart
// (github.com/wcharczuk/go-chart/v2) using the DejaVu Sans fonts embedded in
// package assets, so Greek and Cyrillic labels print correctly.
//
// The same code serves two consumers:
//
//   - Fyne views, which call [Renderer.Monthly] or [Renderer.Bars] from a
//     canvas.NewRaster generator with the exact pixel size the canvas asks
//     for and Scale set to the device pixel ratio, so charts stay sharp on
//     HiDPI screens;
//   - the PDF export, which turns the image into opaque PNG bytes with
//     [EncodePNG].
//
// Every chart is laid out explicitly: the Y range and its "nice" ticks
// (1, 2 or 5 × 10^k), the month ticks on the X axis, the title, the legend
// and the tick labels are computed by this package, and go-chart draws the
// background, the data series and the text. Series are told apart by colour
// (the colour-blind safe Okabe-Ito palette) and by dash pattern, and the
// legend shows both, so meaning never rests on colour alone.
//
// A [Renderer] holds the parsed fonts and is read-only after [NewRenderer]
// returns, so one Renderer may be shared by any number of goroutines.
// Rendering never panics and never returns nil: missing data, NaN values,
// degenerate ranges and tiny or huge sizes all produce a valid image.
package charts
