// Package report is the PDF vocabulary of Salesplan: a two-pass document
// with a cover, a table of contents, bookmarks and "page X of Y", and the
// headings, paragraphs, tables, grids and charts sections draw with. It
// knows nothing of plans.
package report

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"io"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"salesplan/assets"
	"salesplan/charts"
)

// Options are the inputs of a PDF that are not its content.
type Options struct {
	Now      time.Time        // fixes the PDF dates so output is reproducible
	Charts   *charts.Renderer // draws the charts; nil = a new renderer
	Progress func(done, total int)
}

// Page geometry in millimetres (A4 portrait).
const (
	pageW, pageH = 210.0, 297.0
	margin       = 20.0
	contentW     = pageW - 2*margin
	fontFamily   = "DejaVu"
)

// Report is a PDF being written: the step sections draw on it through its
// small vocabulary (headings, paragraphs, tables, charts) and never touch
// fpdf directly.
type Report struct {
	pdf    *fpdf.Fpdf
	opts   Options
	images map[string][]byte // chart PNGs, kept across passes
	glyphs *glyphFilter

	footer     string
	totalPages int            // from the first pass; 0 in the first pass
	sections   []tocEntry     // headings in order, with the page they start on
	links      map[string]int // TOC entry → internal link (second pass)
}

type tocEntry struct {
	Title string
	Page  int
}

// Cover is what the cover page says.
type Cover struct {
	Kicker string   // above the title (the business)
	Title  string   // the plan's title
	Lines  []string // below the title (period, author)
	Footer string   // at the bottom (issue date)
}

// Section is one top-level section: its heading and what it draws.
type Section struct {
	Title string
	Draw  func(*Report) error
}

// Document is a whole report: metadata, cover and sections in order.
type Document struct {
	Title, Author, Subject string
	Footer                 string // printed on every page but the cover
	Cover                  Cover
	Sections               []Section
}

// Build writes doc as a PDF to w: cover, table of contents with page
// numbers and bookmarks, the sections, and "page X of Y" footers. It lays
// the document out twice: the first pass learns on which page each section
// starts and how many pages there are. The same input gives the same bytes.
func Build(ctx context.Context, w io.Writer, doc Document, opts Options) error {
	if opts.Charts == nil {
		cr, err := charts.NewRenderer()
		if err != nil {
			return err
		}
		opts.Charts = cr
	}
	glyphs, err := newGlyphFilter(assets.FontRegular)
	if err != nil {
		return err
	}
	images := map[string][]byte{}
	first, err := render(ctx, doc, opts, images, glyphs, nil, 0)
	if err != nil {
		return err
	}
	second, err := render(ctx, doc, opts, images, glyphs, first.sections, first.pdf.PageNo())
	if err != nil {
		return err
	}
	if second.pdf.PageNo() != first.pdf.PageNo() {
		return fmt.Errorf("report layout changed between passes (%d vs %d pages)", first.pdf.PageNo(), second.pdf.PageNo())
	}
	return second.pdf.Output(w)
}

// newReport starts an empty A4 document with the embedded fonts.
func newReport(opts Options, images map[string][]byte) *Report {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opts.Now)
	pdf.SetModificationDate(opts.Now)
	pdf.SetProducer("Salesplan", true)
	pdf.SetCompression(true)
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", assets.FontBold)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin+5)
	r := &Report{pdf: pdf, opts: opts, images: images, links: map[string]int{}}
	pdf.SetFooterFunc(r.drawFooter)
	return r
}

func render(ctx context.Context, doc Document, opts Options, images map[string][]byte, glyphs *glyphFilter, toc []tocEntry, total int) (*Report, error) {
	r := newReport(opts, images)
	r.glyphs = glyphs
	r.totalPages = total
	r.footer = doc.Footer
	r.pdf.SetTitle(doc.Title, true)
	r.pdf.SetAuthor(doc.Author, true)
	r.pdf.SetSubject(doc.Subject, true)
	r.pdf.SetCreator("Salesplan", true)

	r.cover(doc.Cover)
	r.contents(toc)
	for i, s := range doc.Sections {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r.Heading(s.Title)
		if s.Draw != nil {
			if err := s.Draw(r); err != nil {
				return nil, fmt.Errorf("section %q: %w", s.Title, err)
			}
		}
		if opts.Progress != nil && toc != nil {
			opts.Progress(i+1, len(doc.Sections))
		}
	}
	return r, r.pdf.Error()
}

// drawFooter prints "title · Page X of Y" on every page but the cover.
func (r *Report) drawFooter() {
	n := r.pdf.PageNo()
	if n == 1 {
		return
	}
	r.pdf.SetY(-15)
	r.setFont("", 8)
	r.pdf.SetTextColor(100, 100, 100)
	r.pdf.CellFormat(contentW*0.7, 5, r.t(truncateRunes(r.footer, 80)), "", 0, "L", false, 0, "")
	page := fmt.Sprintf("Page %d", n)
	if r.totalPages > 0 {
		page = fmt.Sprintf("Page %d of %d", n, r.totalPages)
	}
	r.pdf.CellFormat(contentW*0.3, 5, page, "", 0, "R", false, 0, "")
	r.pdf.SetTextColor(0, 0, 0)
}

func (r *Report) setFont(style string, size float64) { r.pdf.SetFont(fontFamily, style, size) }

func (r *Report) cover(c Cover) {
	r.pdf.AddPage()
	r.pdf.SetFillColor(0, 114, 178)
	r.pdf.Rect(0, 0, pageW, 12, "F")
	r.pdf.SetY(70)
	r.setFont("", 14)
	r.pdf.SetTextColor(0, 90, 140)
	r.pdf.MultiCell(contentW, 7, r.t(c.Kicker), "", "L", false)
	r.pdf.Ln(4)
	r.setFont("B", 28)
	r.pdf.SetTextColor(20, 20, 20)
	r.pdf.MultiCell(contentW, 12, r.t(c.Title), "", "L", false)
	r.pdf.Ln(6)
	r.setFont("", 13)
	r.pdf.SetTextColor(60, 60, 60)
	for _, l := range c.Lines {
		r.pdf.MultiCell(contentW, 7, r.t(l), "", "L", false)
	}
	r.pdf.SetY(pageH - 45)
	r.setFont("", 10)
	r.pdf.MultiCell(contentW, 5, r.t(c.Footer), "", "L", false)
	r.pdf.SetTextColor(0, 0, 0)
}

// contents writes the table of contents; in the first pass toc is nil and
// the page only reserves its place.
func (r *Report) contents(toc []tocEntry) {
	r.pdf.AddPage()
	r.setFont("B", 20)
	r.pdf.CellFormat(contentW, 12, "Contents", "", 1, "L", false, 0, "")
	r.pdf.Bookmark("Contents", 0, -1)
	r.pdf.Ln(4)
	r.setFont("", 11)
	for _, e := range toc {
		link := r.pdf.AddLink()
		r.links[e.Title] = link
		y := r.pdf.GetY()
		r.pdf.CellFormat(contentW-15, 8, r.t(e.Title), "", 0, "L", false, link, "")
		r.pdf.CellFormat(15, 8, strconv.Itoa(e.Page), "", 1, "R", false, link, "")
		r.pdf.SetDrawColor(220, 220, 220)
		r.pdf.Line(margin, y+8, margin+contentW, y+8)
	}
}

// Heading starts a section on a new page, with a bookmark and a TOC entry.
func (r *Report) Heading(title string) {
	r.pdf.AddPage()
	r.sections = append(r.sections, tocEntry{Title: title, Page: r.pdf.PageNo()})
	if link, ok := r.links[title]; ok {
		r.pdf.SetLink(link, -1, -1)
	}
	r.pdf.Bookmark(title, 0, -1)
	r.setFont("B", 18)
	r.pdf.SetTextColor(0, 90, 140)
	r.pdf.MultiCell(contentW, 9, r.t(title), "", "L", false)
	r.pdf.SetTextColor(0, 0, 0)
	r.pdf.Ln(3)
}

// Subheading writes a titled block inside a section.
func (r *Report) Subheading(title string) {
	r.ensureSpace(20)
	r.pdf.Ln(3)
	r.setFont("B", 12.5)
	r.pdf.Bookmark(title, 1, -1)
	r.pdf.MultiCell(contentW, 7, r.t(title), "", "L", false)
	r.pdf.Ln(1)
}

// Paragraph writes wrapped body text.
func (r *Report) Paragraph(text string) {
	r.setFont("", 10)
	r.pdf.MultiCell(contentW, 5.2, r.t(text), "", "L", false)
	r.pdf.Ln(2)
}

// Note writes a muted remark (empty states, caveats).
func (r *Report) Note(text string) {
	r.setFont("", 9.5)
	r.pdf.SetTextColor(90, 90, 90)
	r.pdf.MultiCell(contentW, 5, r.t(text), "", "L", false)
	r.pdf.SetTextColor(0, 0, 0)
	r.pdf.Ln(2)
}

// KeyValues writes label/value pairs as a two-column block.
func (r *Report) KeyValues(pairs [][2]string) {
	rows := make([][]string, len(pairs))
	for i, p := range pairs {
		rows[i] = []string{p[0], p[1]}
	}
	r.table(nil, rows, []float64{0.32, 0.68}, "LL", true)
}

// Table writes a table with a header row repeated after page breaks. widths
// are fractions of the text width; align has one letter (L, R, C) per column.
func (r *Report) Table(headers []string, rows [][]string, widths []float64, align string) {
	r.table(headers, rows, widths, align, false)
}

func (r *Report) table(headers []string, rows [][]string, widths []float64, align string, boldFirst bool) {
	const lh = 5.0
	ws := make([]float64, len(widths))
	for i, f := range widths {
		ws[i] = f * contentW
	}
	drawRow := func(cells []string, header bool) {
		r.setFont("", 9.5)
		if header {
			r.setFont("B", 9.5)
		}
		lines := make([][]string, len(ws))
		n := 1
		for i := range ws {
			txt := ""
			if i < len(cells) {
				txt = cells[i]
			}
			if boldFirst && i == 0 {
				r.setFont("B", 9.5)
			}
			lines[i] = r.pdf.SplitText(r.t(txt), ws[i]-2)
			if len(lines[i]) == 0 {
				lines[i] = []string{""}
			}
			if boldFirst && i == 0 {
				r.setFont("", 9.5)
			}
			n = max(n, len(lines[i]))
		}
		h := float64(n)*lh + 2
		if r.pdf.GetY()+h > pageH-margin-5 {
			r.pdf.AddPage()
			if headers != nil && !header {
				drawHeader(r, headers, ws, align)
				r.setFont("", 9.5)
			}
		}
		x0, y0 := r.pdf.GetX(), r.pdf.GetY()
		if header {
			r.pdf.SetFillColor(232, 240, 247)
			r.pdf.Rect(x0, y0, contentW, h, "F")
		}
		x := x0
		for i, w := range ws {
			a := "L"
			if i < len(align) {
				a = string(align[i])
			}
			if boldFirst && i == 0 {
				r.setFont("B", 9.5)
			}
			for j, l := range lines[i] {
				r.pdf.SetXY(x+1, y0+1+float64(j)*lh)
				r.pdf.CellFormat(w-2, lh, l, "", 0, a, false, 0, "")
			}
			if boldFirst && i == 0 {
				r.setFont("", 9.5)
			}
			x += w
		}
		r.pdf.SetDrawColor(210, 210, 210)
		r.pdf.Line(x0, y0+h, x0+contentW, y0+h)
		r.pdf.SetXY(x0, y0+h)
	}
	// Keep a short table on one page.
	if est := float64(len(rows)+1) * 8; est <= 110 {
		r.ensureSpace(est)
	}
	if headers != nil {
		r.ensureSpace(20)
		drawRow(headers, true)
	}
	for _, row := range rows {
		drawRow(row, false)
	}
	r.pdf.Ln(4)
}

func drawHeader(r *Report, headers []string, ws []float64, align string) {
	r.setFont("B", 9.5)
	x0, y0 := r.pdf.GetX(), r.pdf.GetY()
	r.pdf.SetFillColor(232, 240, 247)
	r.pdf.Rect(x0, y0, contentW, 7, "F")
	x := x0
	for i, w := range ws {
		a := "L"
		if i < len(align) {
			a = string(align[i])
		}
		r.pdf.SetXY(x+1, y0+1)
		r.pdf.CellFormat(w-2, 5, r.t(headers[i]), "", 0, a, false, 0, "")
		x += w
	}
	r.pdf.SetXY(x0, y0+7)
}

// KeepTogether starts a new page when less than h mm are left, so a
// heading stays with what follows it.
func (r *Report) KeepTogether(h float64) { r.ensureSpace(h) }

// Label writes a bold line that introduces the block below it (a table's
// name), kept on the page with at least keep mm of what follows.
func (r *Report) Label(text string, keep float64) {
	r.ensureSpace(keep)
	r.setFont("B", 10.5)
	r.pdf.MultiCell(contentW, 6, r.t(text), "", "L", false)
}

// Charts returns the renderer the report draws charts with.
func (r *Report) Charts() *charts.Renderer { return r.opts.Charts }

// ensureSpace starts a new page when less than h mm are left.
func (r *Report) ensureSpace(h float64) {
	if r.pdf.GetY()+h > pageH-margin-5 {
		r.pdf.AddPage()
	}
}

// Image places a PNG across the text width with the given aspect ratio
// (height/width); key names it for reuse across passes.
func (r *Report) Image(key string, png []byte, aspect float64) {
	h := contentW * aspect
	r.ensureSpace(h + 4)
	opt := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
	if r.pdf.GetImageInfo(key) == nil {
		r.pdf.RegisterImageOptionsReader(key, opt, bytes.NewReader(png))
	}
	r.pdf.ImageOptions(key, margin, r.pdf.GetY(), contentW, h, true, opt, 0, "")
	r.pdf.Ln(3)
}

// Chart pixel size for the PDF: about 250 dpi across the text width.
const (
	chartPxW   = 1700
	chartScale = 2.6
)

// Chart draws a chart across the text width with the given aspect ratio
// (height/width); draw renders it at a pixel size and scale. key names it
// so both passes of the layout share one rendering.
func (r *Report) Chart(key string, aspect float64, draw func(w, h int, scale float64) image.Image) error {
	png, ok := r.images[key]
	if !ok {
		// fpdf orders images by pixel width only, in map order among equal
		// widths; a width unique to each chart keeps the output reproducible.
		w := chartPxW + len(r.images)
		var err error
		png, err = charts.EncodePNG(draw(w, int(float64(w)*aspect), chartScale))
		if err != nil {
			return err
		}
		r.images[key] = png
	}
	r.Image(key, png, aspect)
	return nil
}

// MonthlyChart draws a monthly line chart across the text width.
func (r *Report) MonthlyChart(key string, c charts.MonthlyChart) error {
	return r.Chart(key, 0.42, func(w, h int, scale float64) image.Image {
		c.Width, c.Height, c.Scale = w, h, scale
		return r.opts.Charts.Monthly(c)
	})
}

// FunnelChart draws a funnel across the text width.
func (r *Report) FunnelChart(key string, c charts.FunnelChart) error {
	return r.Chart(key, 0.45, func(w, h int, scale float64) image.Image {
		c.Width, c.Height, c.Scale = w, h, scale
		return r.opts.Charts.Funnel(c)
	})
}

// BarChart draws a bar chart across the text width.
func (r *Report) BarChart(key string, c charts.BarChart) error {
	return r.Chart(key, 0.36, func(w, h int, scale float64) image.Image {
		c.Width, c.Height, c.Scale = w, h, scale
		return r.opts.Charts.Bars(c)
	})
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
				for j, l := range r.pdf.SplitText(r.t(item), w-2*pad-4) {
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
		r.ensureSpace(h + 2)
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
