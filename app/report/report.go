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

	// The choices below are read by the document's maker (app.PlanDocument),
	// not by Build.

	// Unfinished says what the PDF does with the parts not finished yet;
	// the zero value leaves them out (a client deliverable).
	Unfinished Unfinished
	// Cents prints every amount with its minor units; by default the plan's
	// tables print whole currency units and only prices and commissions
	// keep their cents.
	Cents bool
	// Unbranded leaves out the plan's branding (logo, colour, names,
	// confidentiality line).
	Unbranded bool
}

// Unfinished says what a PDF does with the parts of a plan not finished yet.
type Unfinished int

const (
	// UnfinishedOmit leaves them out: the PDF a client receives.
	UnfinishedOmit Unfinished = iota
	// UnfinishedList leaves them out and lists them as "to be completed".
	UnfinishedList
	// UnfinishedInclude prints them as they stand, with the plan's
	// progress: an internal draft.
	UnfinishedInclude
)

// UnfinishedNames are the command-line names of the Unfinished choices.
var UnfinishedNames = [...]string{UnfinishedOmit: "omit", UnfinishedList: "list", UnfinishedInclude: "include"}

// ParseUnfinished reads "omit", "list" or "include".
func ParseUnfinished(s string) (Unfinished, error) {
	for i, n := range UnfinishedNames {
		if n == s {
			return Unfinished(i), nil
		}
	}
	return 0, fmt.Errorf("unfinished steps are omit, list or include, not %q", s)
}

func (u Unfinished) String() string {
	if int(u) < len(UnfinishedNames) {
		return UnfinishedNames[u]
	}
	return strconv.Itoa(int(u))
}

// Page geometry in millimetres (A4 portrait).
const (
	pageW, pageH = 210.0, 297.0
	margin       = 20.0
	contentW     = pageW - 2*margin
	bottom       = pageH - margin - 5 // where the automatic page break starts
	fontFamily   = "DejaVu"
)

// Report is a PDF being written: the step sections draw on it through its
// small vocabulary (headings, paragraphs, tables, charts) and never touch
// fpdf directly.
type Report struct {
	pdf    *fpdf.Fpdf
	opts   Options
	images *chartCache // chart PNGs, rendered during the first pass
	glyphs *glyphFilter
	theme  theme

	footer     string
	totalPages int            // from the first pass; 0 in the first pass
	sections   []tocEntry     // headings in order, with the page they start on
	links      map[string]int // TOC entry → internal link (second pass)
	logoW      int            // the logo's pixel width (charts avoid it)

	// Headings wait here until the block that follows them is placed, so
	// that a heading never ends a page alone.
	pending []pendingBlock
	keep    float64 // space the next block needs with the pending headings
}

type pendingBlock struct {
	h     float64
	draw  func()
	intro bool // a short text after a heading, not a heading
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

	// Branding, each optional.
	PreparedFor  string // the client
	PreparedBy   string // the consultant
	Confidential string // a confidentiality line
	Logo         []byte // PNG or JPEG
}

// Section is one top-level section: its heading and what it draws.
type Section struct {
	Title string
	Draw  func(*Report) error
	// NewPage starts the section on a new page; otherwise it follows the
	// section before on the same page when its start fits. The first
	// section always starts on a new page, after the contents.
	NewPage bool
}

// Document is a whole report: metadata, cover and sections in order.
type Document struct {
	Title, Author, Subject string
	Footer                 string // printed on every page but the cover
	Cover                  Cover
	Sections               []Section
	// Color is the primary colour of headings, rules and table headers;
	// the zero value is Salesplan's blue.
	Color Color
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
	images := newChartCache()
	defer images.wait()
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
func newReport(opts Options, images *chartCache) *Report {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opts.Now)
	pdf.SetModificationDate(opts.Now)
	pdf.SetProducer("Salesplan", true)
	pdf.SetCompression(true)
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", assets.FontBold)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, pageH-bottom)
	r := &Report{pdf: pdf, opts: opts, images: images, links: map[string]int{}}
	pdf.SetFooterFunc(r.drawFooter)
	return r
}

func render(ctx context.Context, doc Document, opts Options, images *chartCache, glyphs *glyphFilter, toc []tocEntry, total int) (*Report, error) {
	r := newReport(opts, images)
	r.glyphs = glyphs
	r.theme = newTheme(doc.Color)
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
		if i == 0 || s.NewPage {
			r.pdf.AddPage()
		}
		r.Heading(s.Title)
		if s.Draw != nil {
			if err := s.Draw(r); err != nil {
				return nil, fmt.Errorf("section %q: %w", s.Title, err)
			}
		}
		r.flush()
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
	r.drawColor(r.theme.rule)
	r.pdf.SetLineWidth(0.3)
	r.pdf.Line(margin, pageH-15.5, margin+contentW, pageH-15.5)
	r.pdf.SetLineWidth(0.2)
	r.setFont("", 8)
	r.pdf.SetTextColor(100, 100, 100)
	r.pdf.CellFormat(contentW*0.75, 5, r.t(truncateRunes(r.footer, 110)), "", 0, "L", false, 0, "")
	page := fmt.Sprintf("Page %d", n)
	if r.totalPages > 0 {
		page = fmt.Sprintf("Page %d of %d", n, r.totalPages)
	}
	r.pdf.CellFormat(contentW*0.25, 5, page, "", 0, "R", false, 0, "")
	r.pdf.SetTextColor(0, 0, 0)
}

func (r *Report) setFont(style string, size float64) { r.pdf.SetFont(fontFamily, style, size) }

func (r *Report) textColor(c Color) { r.pdf.SetTextColor(int(c.R), int(c.G), int(c.B)) }
func (r *Report) fillColor(c Color) { r.pdf.SetFillColor(int(c.R), int(c.G), int(c.B)) }
func (r *Report) drawColor(c Color) { r.pdf.SetDrawColor(int(c.R), int(c.G), int(c.B)) }

// contents writes the table of contents; in the first pass toc is nil and
// the page only reserves its place.
func (r *Report) contents(toc []tocEntry) {
	r.pdf.AddPage()
	r.setFont("B", 20)
	r.textColor(r.theme.heading)
	r.pdf.CellFormat(contentW, 12, "Contents", "", 1, "L", false, 0, "")
	r.pdf.SetTextColor(0, 0, 0)
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

// atTop reports whether nothing was written on the current page yet.
func (r *Report) atTop() bool { return r.pdf.GetY() <= margin+0.01 }

// ensureSpace starts a new page when less than h mm are left.
func (r *Report) ensureSpace(h float64) {
	if r.pdf.GetY()+h > bottom && !r.atTop() {
		r.pdf.AddPage()
	}
}

// pendingHeight is the height of the headings waiting for their block.
func (r *Report) pendingHeight() float64 {
	h := 0.0
	for _, p := range r.pending {
		h += p.h
	}
	return h
}

// begin places the first h mm of a block: the waiting headings go with it
// onto a new page when they do not fit together.
func (r *Report) begin(h float64) {
	need := max(r.pendingHeight()+h, r.keep)
	r.ensureSpace(need)
	pending := r.pending
	r.pending, r.keep = nil, 0
	for _, p := range pending {
		p.draw()
	}
}

// flush writes headings still waiting at the end of a section.
func (r *Report) flush() { r.begin(0) }

// sectionKeep is the least space a section starts in: less than this at
// the bottom of a page and it starts on the next.
const sectionKeep = 70.0

// Heading starts a top-level section, with a bookmark and a TOC entry. It
// flows after the previous section and moves to a new page only when the
// section's start would not fit.
func (r *Report) Heading(title string) {
	r.setFont("B", 18)
	lines := r.wrap(r.t(title), contentW)
	h := float64(len(lines))*9 + 5
	if !r.atTop() {
		h += 8
	}
	r.keep = max(r.keep, r.pendingHeight()+sectionKeep)
	r.pending = append(r.pending, pendingBlock{h: h, draw: func() {
		if !r.atTop() {
			r.pdf.Ln(6)
			y := r.pdf.GetY()
			r.drawColor(r.theme.rule)
			r.pdf.SetLineWidth(0.6)
			r.pdf.Line(margin, y, margin+contentW, y)
			r.pdf.SetLineWidth(0.2)
			r.pdf.Ln(2)
		}
		r.sections = append(r.sections, tocEntry{Title: title, Page: r.pdf.PageNo()})
		if link, ok := r.links[title]; ok {
			r.pdf.SetLink(link, -1, -1)
		}
		r.pdf.Bookmark(title, 0, -1)
		r.setFont("B", 18)
		r.textColor(r.theme.heading)
		r.lines(lines, 9, "L")
		r.pdf.SetTextColor(0, 0, 0)
		r.pdf.Ln(3)
	}})
}

// Subheading writes a titled block inside a section; it stays on the page
// of what follows it.
func (r *Report) Subheading(title string) {
	r.setFont("B", 12.5)
	lines := r.wrap(r.t(title), contentW)
	r.pending = append(r.pending, pendingBlock{h: float64(len(lines))*7 + 4, draw: func() {
		if !r.atTop() {
			r.pdf.Ln(3)
		}
		r.setFont("B", 12.5)
		r.pdf.Bookmark(title, 1, -1)
		r.textColor(r.theme.subheading)
		r.lines(lines, 7, "L")
		r.pdf.SetTextColor(0, 0, 0)
		r.pdf.Ln(1)
	}})
}

// lines writes wrapped lines at the left margin, each on its own row,
// breaking the page between lines when needed.
func (r *Report) lines(lines []string, lh float64, align string) {
	for _, l := range lines {
		if r.pdf.GetY()+lh > bottom && r.pdf.PageNo() > 1 { // the cover places its lines itself
			r.pdf.AddPage()
		}
		r.pdf.SetX(margin)
		r.pdf.CellFormat(contentW, lh, l, "", 1, align, false, 0, "")
	}
}

// Paragraph writes wrapped body text; a long text flows over pages like
// any paragraph.
func (r *Report) Paragraph(text string) {
	r.setFont("", 10)
	lines := r.wrap(r.t(text), contentW)
	if r.introduces(lines, 5.2, func() {
		r.setFont("", 10)
		r.lines(lines, 5.2, "L")
		r.pdf.Ln(2)
	}) {
		return
	}
	r.begin(float64(min(len(lines), 3)) * 5.2)
	r.setFont("", 10)
	r.lines(lines, 5.2, "L")
	r.pdf.Ln(2)
}

// introduces keeps a short text right after a heading with the heading,
// so both stay with the block that follows; it reports whether it did.
func (r *Report) introduces(lines []string, lh float64, draw func()) bool {
	if len(r.pending) == 0 || r.pending[len(r.pending)-1].intro || len(lines) > 3 {
		return false
	}
	r.pending = append(r.pending, pendingBlock{h: float64(len(lines))*lh + 2, draw: draw, intro: true})
	return true
}

// Note writes a muted remark (empty states, caveats).
func (r *Report) Note(text string) {
	r.setFont("", 9.5)
	lines := r.wrap(r.t(text), contentW)
	draw := func() {
		r.setFont("", 9.5)
		r.pdf.SetTextColor(90, 90, 90)
		r.lines(lines, 5, "L")
		r.pdf.SetTextColor(0, 0, 0)
		r.pdf.Ln(2)
	}
	if r.introduces(lines, 5, draw) {
		return
	}
	r.begin(float64(min(len(lines), 3)) * 5)
	draw()
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
// are fractions of the text width, widened where a column's longest word
// would not fit; align has one letter (L, R, C) per column. Cells wrap at
// spaces and hyphens; a row is never split unless it alone is taller than
// a page.
func (r *Report) Table(headers []string, rows [][]string, widths []float64, align string) {
	r.table(headers, rows, widths, align, false)
}

const (
	cellLH   = 5.0 // line height in table cells
	cellPad  = 1.2 // left and right padding of a cell
	cellFont = 9.5
)

func (r *Report) table(headers []string, rows [][]string, widths []float64, align string, boldFirst bool) {
	ws := r.fitWidths(headers, rows, widths, align, boldFirst)
	alignOf := func(i int) string {
		if i < len(align) {
			return string(align[i])
		}
		return "L"
	}
	style := func(header bool, col int) string {
		if header || (boldFirst && col == 0) {
			return "B"
		}
		return ""
	}
	layout := func(cells []string, header bool) [][]string {
		out := make([][]string, len(ws))
		for i := range ws {
			txt := ""
			if i < len(cells) {
				txt = cells[i]
			}
			r.setFont(style(header, i), cellFont)
			out[i] = r.wrap(r.t(txt), ws[i]-2*cellPad)
		}
		return out
	}
	height := func(lines [][]string) int {
		n := 1
		for _, l := range lines {
			n = max(n, len(l))
		}
		return n
	}
	var headerLines [][]string
	headerH := 0.0
	if headers != nil {
		headerLines = layout(headers, true)
		headerH = float64(height(headerLines))*cellLH + 2
	}
	// drawLines writes lines [from, to) of every cell as one row.
	drawLines := func(lines [][]string, from, to int, header bool) {
		h := float64(to-from)*cellLH + 2
		x0, y0 := margin, r.pdf.GetY()
		if header {
			r.fillColor(r.theme.tint)
			r.pdf.Rect(x0, y0, contentW, h, "F")
		}
		x := x0
		for i, w := range ws {
			r.setFont(style(header, i), cellFont)
			for j := from; j < to && j < len(lines[i]); j++ {
				r.pdf.SetXY(x+cellPad, y0+1+float64(j-from)*cellLH)
				r.pdf.CellFormat(w-2*cellPad, cellLH, lines[i][j], "", 0, alignOf(i), false, 0, "")
			}
			x += w
		}
		r.pdf.SetDrawColor(210, 210, 210)
		r.pdf.Line(x0, y0+h, x0+contentW, y0+h)
		r.pdf.SetXY(x0, y0+h)
	}
	newPage := func() {
		r.pdf.AddPage()
		if headers != nil {
			drawLines(headerLines, 0, height(headerLines), true)
		}
	}
	laid := make([][][]string, len(rows))
	total := headerH
	for i, row := range rows {
		laid[i] = layout(row, false)
		total += float64(height(laid[i]))*cellLH + 2
	}
	// A short table stays on one page; a long one keeps its header with
	// its first rows.
	first := headerH
	if len(laid) > 0 {
		first += float64(height(laid[0]))*cellLH + 2
	}
	if total <= 110 {
		first = total
	}
	r.begin(min(first, bottom-margin))
	if headers != nil {
		drawLines(headerLines, 0, height(headerLines), true)
	}
	for _, lines := range laid {
		n := height(lines)
		h := float64(n)*cellLH + 2
		if r.pdf.GetY()+h <= bottom {
			drawLines(lines, 0, n, false)
			continue
		}
		if h <= bottom-margin-headerH { // fits on a fresh page: never split
			newPage()
			drawLines(lines, 0, n, false)
			continue
		}
		// Taller than a page: it flows over pages like a paragraph.
		for from := 0; from < n; {
			fit := int((bottom - r.pdf.GetY() - 2) / cellLH)
			if fit < 3 {
				newPage()
				continue
			}
			to := min(n, from+fit)
			drawLines(lines, from, to, false)
			from = to
			if from < n {
				newPage()
			}
		}
	}
	r.pdf.Ln(4)
}

// KeepTogether starts a new page when less than h mm are left, so a
// heading stays with what follows it.
func (r *Report) KeepTogether(h float64) {
	r.keep = max(r.keep, r.pendingHeight()+h)
	if len(r.pending) == 0 {
		r.begin(0)
	}
}

// Label writes a bold line that introduces the block below it (a table's
// name), kept on the page with at least keep mm of what follows.
func (r *Report) Label(text string, keep float64) {
	r.setFont("B", 10.5)
	lines := r.wrap(r.t(text), contentW)
	h := float64(len(lines))*6 + 1
	r.keep = max(r.keep, r.pendingHeight()+h+keep)
	r.pending = append(r.pending, pendingBlock{h: h, draw: func() {
		r.pdf.Ln(1)
		r.setFont("B", 10.5)
		r.lines(lines, 6, "L")
	}})
}

// Charts returns the renderer the report draws charts with.
func (r *Report) Charts() *charts.Renderer { return r.opts.Charts }

// Image places a PNG across the text width with the given aspect ratio
// (height/width); key names it for reuse across passes.
func (r *Report) Image(key string, png []byte, aspect float64) {
	h := contentW * aspect
	r.begin(h + 4)
	opt := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
	if r.pdf.GetImageInfo(key) == nil {
		r.pdf.RegisterImageOptionsReader(key, opt, bytes.NewReader(png))
	}
	r.pdf.ImageOptions(key, margin, r.pdf.GetY(), contentW, h, true, opt, 0, "")
	r.pdf.Ln(3)
}

// Chart pixel size for the PDF: 1,700 pixels across the 170 mm text width
// are about 250 dpi (print needs 150 at least).
const (
	chartPxW   = 1700
	chartScale = 2.6
	// ChartDPI is the resolution charts print at.
	ChartDPI = chartPxW / (contentW / 25.4)
)

// Chart draws a chart across the text width with the given aspect ratio
// (height/width); draw renders it at a pixel size and scale. key names it
// so both passes of the layout share one rendering: the first pass starts
// rendering it in the background and only reserves its place, the second
// places the picture.
func (r *Report) Chart(key string, aspect float64, draw func(w, h int, scale float64) image.Image) error {
	job, ok := r.images.jobs[key]
	if !ok {
		// fpdf orders images by pixel width only, in map order among equal
		// widths; a width unique to each chart keeps the output reproducible.
		w := chartPxW + len(r.images.jobs)
		if w >= r.logoW && r.logoW >= chartPxW {
			w++
		}
		job = r.images.start(func() ([]byte, error) {
			return encodePNG(draw(w, int(float64(w)*aspect), chartScale))
		})
		r.images.jobs[key] = job
	}
	if r.totalPages == 0 { // the first pass: keep the place
		h := contentW * aspect
		r.begin(h + 4)
		r.pdf.SetY(r.pdf.GetY() + h)
		r.pdf.Ln(3)
		return nil
	}
	<-job.done
	if job.err != nil {
		return job.err
	}
	r.Image(key, job.png, aspect)
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
