package report

import (
	"strings"

	"github.com/golang/freetype/truetype"
)

// glyphFilter replaces the characters the embedded PDF font cannot draw.
// fpdf panics on characters outside the Basic Multilingual Plane and draws
// nothing for others it lacks; the stored data is never changed, only the
// printed text.
type glyphFilter struct {
	font *truetype.Font
}

// missingGlyph is printed for a character the font lacks (a white square).
const missingGlyph = '□'

func newGlyphFilter(ttf []byte) (*glyphFilter, error) {
	f, err := truetype.Parse(ttf)
	if err != nil {
		return nil, err
	}
	return &glyphFilter{font: f}, nil
}

// clean returns s with every character the font lacks replaced by □ and
// invisible joiners and variation selectors dropped.
func (g *glyphFilter) clean(s string) string {
	ok := true
	for _, r := range s {
		if !g.printable(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\u200d' || r == '\ufe0f' || r == '\ufe0e' || r == '\u200b':
			continue
		case g.printable(r):
			b.WriteRune(r)
		default:
			b.WriteRune(missingGlyph)
		}
	}
	return b.String()
}

func (g *glyphFilter) printable(r rune) bool {
	if r == '\n' || r == '\t' || r == ' ' {
		return true
	}
	if r > 0xFFFF || r < 0x20 {
		return false
	}
	return g.font.Index(r) != 0
}

// t makes s printable with the report's font.
func (r *Report) t(s string) string {
	if r.glyphs == nil {
		return s
	}
	return r.glyphs.clean(s)
}
