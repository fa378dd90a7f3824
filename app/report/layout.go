package report

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // logos
	"image/png"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"salesplan/charts"
)

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// IsZero reports whether c is unset (black is never a theme colour).
func (c Color) IsZero() bool { return c == Color{} }

// Hex writes c as "#RRGGBB".
func (c Color) Hex() string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// DefaultColor is Salesplan's blue.
var DefaultColor = Color{0, 114, 178}

// ParseColor reads "#RRGGBB" (the # is optional).
func ParseColor(s string) (Color, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	var c Color
	if len(h) != 6 {
		return c, fmt.Errorf("a colour is written #RRGGBB, e.g. #0072B2, not %q", s)
	}
	if _, err := fmt.Sscanf(h, "%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		return c, fmt.Errorf("a colour is written #RRGGBB with hexadecimal digits, e.g. #0072B2, not %q", s)
	}
	return c, nil
}

// mix blends c with w (0 = c, 1 = w).
func (c Color) mix(w Color, f float64) Color {
	m := func(a, b uint8) uint8 { return uint8(float64(a)*(1-f) + float64(b)*f + 0.5) }
	return Color{m(c.R, w.R), m(c.G, w.G), m(c.B, w.B)}
}

// luminance is the relative brightness of c, 0 (black) to 1 (white).
func (c Color) luminance() float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}

// theme holds the colours derived from the document's primary colour.
type theme struct {
	primary    Color // bands on the cover
	heading    Color // section headings: dark enough to read on white
	subheading Color
	rule       Color // rules under headings and above footers
	tint       Color // table headers, tiles
	onPrimary  Color // text on the primary colour
}

func newTheme(c Color) theme {
	if c.IsZero() {
		c = DefaultColor
	}
	white, black := Color{255, 255, 255}, Color{0, 0, 0}
	t := theme{primary: c, heading: c, subheading: Color{30, 30, 30}, rule: c.mix(white, 0.35), tint: c.mix(white, 0.88), onPrimary: white}
	if c.luminance() > 0.55 { // a light colour: darken the text drawn in it
		t.heading = c.mix(black, 0.45)
		t.onPrimary = Color{20, 20, 20}
	}
	return t
}

// isMark reports whether r joins the character before it (a combining
// mark) or takes no room (a format character).
func isMark(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf)
}

// width measures s in the current font; combining marks take no room.
func (r *Report) width(s string) float64 {
	for _, c := range s {
		if isMark(c) {
			return r.pdf.GetStringWidth(strings.Map(func(c rune) rune {
				if isMark(c) {
					return -1
				}
				return c
			}, s))
		}
	}
	return r.pdf.GetStringWidth(s)
}

// segments splits one line of text into pieces that may end a line: each
// ends after its spaces or after a hyphen (or slash) between letters, so
// "service-contract" may break but "2026-04-01" and "-€1,200" do not.
func segments(s string) []string {
	var out []string
	start := 0
	prev := rune(0)
	for i, c := range s {
		next := i + utf8.RuneLen(c)
		switch {
		case c == ' ' && (next >= len(s) || s[next] != ' '):
			out = append(out, s[start:next])
			start = next
		case (c == '-' || c == '‐' || c == '/') && i > start && unicode.IsLetter(prev) && next < len(s):
			if n, _ := utf8.DecodeRuneInString(s[next:]); unicode.IsLetter(n) {
				out = append(out, s[start:next])
				start = next
			}
		}
		prev = c
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// wrap splits s into lines no wider than w in the current font: at spaces
// and after hyphens; a word is broken between characters only when it
// alone is wider than w, and never between a character and its combining
// marks. Line breaks in s are kept.
func (r *Report) wrap(s string, w float64) []string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\t", "    ")
	var out []string
	for _, para := range strings.Split(s, "\n") {
		cur, curW := "", 0.0
		for _, seg := range segments(para) {
			sw := r.width(seg)
			trimmed := r.width(strings.TrimRight(seg, " "))
			if cur != "" && curW+trimmed <= w {
				cur, curW = cur+seg, curW+sw
				continue
			}
			if cur != "" {
				out = append(out, strings.TrimRight(cur, " "))
				cur, curW = "", 0
			}
			if trimmed <= w {
				cur, curW = seg, sw
				continue
			}
			// A word wider than the line: break it between characters.
			var b strings.Builder
			bw := 0.0
			for _, g := range clusters(seg) {
				gw := r.width(g)
				if bw+gw > w && b.Len() > 0 {
					out = append(out, b.String())
					b.Reset()
					bw = 0
				}
				b.WriteString(g)
				bw += gw
			}
			cur, curW = b.String(), bw
		}
		out = append(out, strings.TrimRight(cur, " "))
	}
	return out
}

// clusters splits s into characters with their combining marks.
func clusters(s string) []string {
	var out []string
	start := 0
	for i, c := range s {
		if i > start && !isMark(c) {
			out = append(out, s[start:i])
			start = i
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// longestWord is the width of the widest piece of s that wrap never breaks.
func (r *Report) longestWord(s string) float64 {
	w := 0.0
	for _, para := range strings.Split(s, "\n") {
		for _, seg := range segments(para) {
			w = max(w, r.width(strings.TrimRight(seg, " ")))
		}
	}
	return w
}

// fitWidths turns the column fractions into widths in mm, widening a
// column whose longest word (or, right-aligned, whole number) would not
// fit, at the expense of the columns with room to spare.
func (r *Report) fitWidths(headers []string, rows [][]string, fractions []float64, align string, boldFirst bool) []float64 {
	n := len(fractions)
	ws := make([]float64, n)
	need := make([]float64, n)
	for i, f := range fractions {
		ws[i] = f * contentW
	}
	measure := func(cells []string, bold bool) {
		for i := 0; i < n && i < len(cells); i++ {
			style := ""
			if bold || (boldFirst && i == 0) {
				style = "B"
			}
			r.setFont(style, cellFont)
			w := r.longestWord(r.t(cells[i])) // a number is one word: it never wraps
			need[i] = max(need[i], min(w+2*cellPad+0.5, contentW*0.45))
		}
	}
	if headers != nil {
		measure(headers, true)
	}
	for _, row := range rows {
		measure(row, false)
	}
	total, sumNeed := 0.0, 0.0
	for i := range ws {
		total += ws[i]
		sumNeed += need[i]
	}
	if sumNeed > total { // cannot fit every word: share the width by need
		for i := range ws {
			ws[i] = total * need[i] / sumNeed
		}
		return ws
	}
	deficit, slack := 0.0, 0.0
	for i := range ws {
		if ws[i] < need[i] {
			deficit += need[i] - ws[i]
		} else {
			slack += ws[i] - need[i]
		}
	}
	if deficit == 0 {
		return ws
	}
	for i := range ws {
		if ws[i] < need[i] {
			ws[i] = need[i]
		} else {
			ws[i] -= (ws[i] - need[i]) * deficit / slack
		}
	}
	return ws
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// gridMaxLines caps the lines of one Grid2x2 box.
const gridMaxLines = 22

// Grid2x2 draws four titled boxes of bullet lines (a SWOT grid), two per
// row; a row grows to its longer box.
func (r *Report) Grid2x2(titles [4]string, cells [4][]string) {
	const lh, pad = 4.8, 2.5
	w := contentW / 2
	tint := [4][3]int{{232, 243, 236}, {251, 236, 230}, {232, 240, 247}, {250, 243, 224}}
	for row := 0; row < 2; row++ {
		var lines [2][]string
		h := 0.0
		r.setFont("", 9.5)
		for c := 0; c < 2; c++ {
			for _, item := range cells[row*2+c] {
				for j, l := range r.wrap(r.t(item), w-2*pad-4) {
					if j == 0 {
						l = "• " + l
					} else {
						l = "   " + l
					}
					lines[c] = append(lines[c], l)
				}
			}
			if len(lines[c]) == 0 {
				lines[c] = []string{"–"}
			}
			if len(lines[c]) > gridMaxLines { // a box never outgrows a page
				lines[c] = append(lines[c][:gridMaxLines-1], "… (more in the workspace)")
			}
			h = max(h, float64(len(lines[c]))*lh+7+2*pad)
		}
		r.begin(h + 2)
		y := r.pdf.GetY()
		for c := 0; c < 2; c++ {
			q := row*2 + c
			x := margin + float64(c)*w
			r.pdf.SetFillColor(tint[q][0], tint[q][1], tint[q][2])
			r.pdf.Rect(x+0.5, y, w-1, h, "F")
			r.pdf.SetXY(x+pad, y+pad)
			r.setFont("B", 10.5)
			r.pdf.CellFormat(w-2*pad, 5.5, r.t(titles[q]), "", 0, "L", false, 0, "")
			r.setFont("", 9.5)
			for j, l := range lines[c] {
				r.pdf.SetXY(x+pad, y+pad+7+float64(j)*lh)
				r.pdf.CellFormat(w-2*pad, lh, l, "", 0, "L", false, 0, "")
			}
		}
		r.pdf.SetXY(margin, y+h+1)
	}
	r.pdf.Ln(3)
}

// Tile is one headline figure of a summary: a label, the value and a line
// below it.
type Tile struct {
	Label, Value, Note string
}

// Tiles draws headline figures as tinted boxes, three per row.
func (r *Report) Tiles(tiles []Tile) {
	const perRow, gap, pad = 3, 4.0, 3.0
	w := (contentW - gap*(perRow-1)) / perRow
	for start := 0; start < len(tiles); start += perRow {
		row := tiles[start:min(start+perRow, len(tiles))]
		type laid struct{ label, value, note []string }
		boxes := make([]laid, len(row))
		h := 0.0
		for i, t := range row {
			r.setFont("", 8.5)
			boxes[i].label = r.wrap(r.t(t.Label), w-2*pad)
			r.setFont("B", 15)
			boxes[i].value = r.wrap(r.t(t.Value), w-2*pad)
			r.setFont("", 8.5)
			if t.Note != "" {
				boxes[i].note = r.wrap(r.t(t.Note), w-2*pad)
			}
			h = max(h, 2*pad+float64(len(boxes[i].label))*4.2+float64(len(boxes[i].value))*7.5+float64(len(boxes[i].note))*4.2+1)
		}
		r.begin(h + gap)
		y := r.pdf.GetY()
		for i, b := range boxes {
			x := margin + float64(i)*(w+gap)
			r.fillColor(r.theme.tint)
			r.pdf.Rect(x, y, w, h, "F")
			r.fillColor(r.theme.primary)
			r.pdf.Rect(x, y, 1.2, h, "F")
			cy := y + pad
			r.setFont("", 8.5)
			r.pdf.SetTextColor(80, 80, 80)
			for _, l := range b.label {
				r.pdf.SetXY(x+pad, cy)
				r.pdf.CellFormat(w-2*pad, 4.2, l, "", 0, "L", false, 0, "")
				cy += 4.2
			}
			r.setFont("B", 15)
			r.textColor(r.theme.heading)
			for _, l := range b.value {
				r.pdf.SetXY(x+pad, cy)
				r.pdf.CellFormat(w-2*pad, 7.5, l, "", 0, "L", false, 0, "")
				cy += 7.5
			}
			r.setFont("", 8.5)
			r.pdf.SetTextColor(80, 80, 80)
			for _, l := range b.note {
				r.pdf.SetXY(x+pad, cy)
				r.pdf.CellFormat(w-2*pad, 4.2, l, "", 0, "L", false, 0, "")
				cy += 4.2
			}
		}
		r.pdf.SetTextColor(0, 0, 0)
		r.pdf.SetXY(margin, y+h+gap)
	}
	r.pdf.Ln(1)
}

// LogoType returns "PNG" or "JPEG" for an image fpdf can embed, or an
// error saying what the file is not.
func LogoType(b []byte) (string, image.Config, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return "", cfg, fmt.Errorf("the logo must be a PNG or JPEG image: %v", err)
	}
	switch format {
	case "png":
		return "PNG", cfg, nil
	case "jpeg":
		return "JPEG", cfg, nil
	}
	return "", cfg, fmt.Errorf("the logo must be a PNG or JPEG image, not %s", format)
}

// logo places the logo inside a box of at most w × h mm at x, y, keeping
// its proportions; it returns the height used.
func (r *Report) logo(b []byte, x, y, w, h float64) float64 {
	_, cfg, err := LogoType(b)
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return 0
	}
	// fpdf reads only some PNGs (not 16-bit ones, for example): every logo
	// is drawn from an 8-bit PNG of its pixels.
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return 0
	}
	nrgba := image.NewNRGBA(img.Bounds())
	draw.Draw(nrgba, nrgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, nrgba); err != nil {
		return 0
	}
	r.logoW = cfg.Width
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	if r.pdf.GetImageInfo("logo") == nil {
		r.pdf.RegisterImageOptionsReader("logo", opt, &buf)
		if r.pdf.Err() {
			r.pdf.ClearError() // an image fpdf cannot read is left out
			return 0
		}
	}
	aspect := float64(cfg.Height) / float64(cfg.Width)
	lw, lh := w, w*aspect
	if lh > h {
		lw, lh = h/aspect, h
	}
	r.pdf.ImageOptions("logo", x, y, lw, lh, false, opt, 0, "")
	return lh
}

// cover draws the cover: a band of the primary colour with the title, the
// logo, who prepared the plan for whom, the issue date and the
// confidentiality line.
func (r *Report) cover(c Cover) {
	r.pdf.AddPage()
	th := r.theme
	r.pdf.SetAutoPageBreak(false, 0)
	defer r.pdf.SetAutoPageBreak(true, pageH-bottom)

	// The logo on white at the top.
	top := 22.0
	if len(c.Logo) > 0 {
		if h := r.logo(c.Logo, margin, top, 70, 30); h > 0 {
			top += h
		}
	}
	// The band with kicker and title.
	bandY := max(top+18, 70)
	r.setFont("B", 28)
	title := r.wrap(r.t(c.Title), contentW)
	r.setFont("", 14)
	kicker := r.wrap(r.t(c.Kicker), contentW)
	bandH := 22 + float64(len(kicker))*7 + float64(len(title))*12
	r.fillColor(th.primary)
	r.pdf.Rect(0, bandY, pageW, bandH, "F")
	r.textColor(th.onPrimary)
	r.pdf.SetXY(margin, bandY+10)
	r.setFont("", 14)
	r.lines(kicker, 7, "L")
	r.pdf.Ln(2)
	r.setFont("B", 28)
	r.lines(title, 12, "L")

	// The period and other lines below the band.
	r.pdf.SetXY(margin, bandY+bandH+8)
	r.setFont("", 13)
	r.pdf.SetTextColor(60, 60, 60)
	for _, l := range c.Lines {
		r.lines(r.wrap(r.t(l), contentW), 7, "L")
	}

	// Prepared for / by.
	y := pageH - 100
	r.drawColor(th.rule)
	block := func(label, name string) {
		if name == "" {
			return
		}
		r.pdf.SetXY(margin, y)
		r.setFont("", 9)
		r.pdf.SetTextColor(110, 110, 110)
		r.pdf.CellFormat(contentW, 5, label, "", 1, "L", false, 0, "")
		r.setFont("B", 13)
		r.pdf.SetTextColor(25, 25, 25)
		lines := r.wrap(r.t(name), contentW)
		if len(lines) > 3 {
			lines = lines[:3]
		}
		r.lines(lines, 6.5, "L")
		y = r.pdf.GetY() + 5
	}
	block("PREPARED FOR", c.PreparedFor)
	block("PREPARED BY", c.PreparedBy)

	// Issue date, confidentiality.
	r.fillColor(th.primary)
	r.pdf.Rect(margin, pageH-42, 30, 1.2, "F")
	r.pdf.SetXY(margin, pageH-38)
	r.setFont("", 10)
	r.pdf.SetTextColor(60, 60, 60)
	r.lines(r.wrap(r.t(c.Footer), contentW), 5, "L")
	if c.Confidential != "" {
		r.setFont("B", 8.5)
		r.pdf.SetTextColor(120, 120, 120)
		lines := r.wrap(r.t(c.Confidential), contentW)
		if len(lines) > 3 {
			lines = lines[:3]
		}
		r.pdf.SetX(margin)
		r.lines(lines, 4.5, "L")
	}
	r.pdf.SetTextColor(0, 0, 0)
	r.fillColor(th.primary)
	r.pdf.Rect(0, pageH-8, pageW, 8, "F")
}

// chartCache renders the charts of a document in the background, a few
// at a time, while the first pass lays the pages out.
type chartCache struct {
	jobs map[string]*chartJob
	sem  chan struct{}
}

type chartJob struct {
	done chan struct{}
	png  []byte
	err  error
}

func newChartCache() *chartCache {
	return &chartCache{jobs: map[string]*chartJob{}, sem: make(chan struct{}, max(1, runtime.NumCPU()))}
}

// start renders one chart on a goroutine.
func (c *chartCache) start(render func() ([]byte, error)) *chartJob {
	j := &chartJob{done: make(chan struct{})}
	go func() {
		defer close(j.done)
		c.sem <- struct{}{}
		defer func() { <-c.sem }()
		j.png, j.err = render()
	}()
	return j
}

// wait waits for every chart still rendering (a document given up early
// leaves none behind).
func (c *chartCache) wait() {
	for _, j := range c.jobs {
		<-j.done
	}
}

// encodePNG encodes a chart as an opaque PNG, favouring speed over size
// (the PDF compresses nothing further).
func encodePNG(img image.Image) ([]byte, error) {
	if img == nil || img.Bounds().Empty() {
		return nil, fmt.Errorf("a chart rendered no picture")
	}
	rgba, ok := img.(*image.RGBA)
	if !ok || !rgba.Opaque() {
		return charts.EncodePNG(img)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, rgba); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
