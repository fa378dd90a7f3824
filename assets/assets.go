// Package assets embeds the files the application ships: fonts, icons and
// sample data.
package assets

import _ "embed"

// FontRegular is DejaVu Sans (see fonts/LICENSE-DejaVu.txt), used by the PDF
// export and the charts so that Latin, Greek and Cyrillic text prints.
//
//go:embed fonts/DejaVuSans.ttf
var FontRegular []byte

// FontBold is DejaVu Sans Bold.
//
//go:embed fonts/DejaVuSans-Bold.ttf
var FontBold []byte

// Icon is the application icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte
