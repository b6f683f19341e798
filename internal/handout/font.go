package handout

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// face is one embedded TrueType font: the shaper's view of it, and what
// the PDF needs to embed it and map its glyphs back to text (so the
// text can be selected and searched in a PDF viewer).
type face struct {
	name    string
	data    []byte
	face    *font.Face
	upem    float32
	nGlyphs int

	mu      sync.Mutex
	shaper  shaping.HarfbuzzShaper
	widths  map[string]float32 // advance at size 1, by text and direction
	unicode map[font.GID]string
	used    map[font.GID]bool
}

func loadFace(name string, data []byte) (*face, error) {
	f, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("handout: font %s: %w", name, err)
	}
	n, err := glyphCount(data)
	if err != nil {
		return nil, fmt.Errorf("handout: font %s: %w", name, err)
	}
	return &face{
		name: name, data: data, face: f, upem: float32(f.Upem()), nGlyphs: n,
		widths: map[string]float32{}, unicode: map[font.GID]string{}, used: map[font.GID]bool{},
	}, nil
}

// glyphCount reads numGlyphs from the font's maxp table (the shaper
// keeps it private).
func glyphCount(data []byte) (int, error) {
	if len(data) < 12 {
		return 0, fmt.Errorf("too short for a TrueType font")
	}
	tables := int(binary.BigEndian.Uint16(data[4:]))
	for i := range tables {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			break
		}
		if string(data[rec:rec+4]) == "maxp" {
			off := int(binary.BigEndian.Uint32(data[rec+8:]))
			if off+6 <= len(data) {
				return int(binary.BigEndian.Uint16(data[off+4:])), nil
			}
		}
	}
	return 0, fmt.Errorf("no maxp table")
}

// glyph is one shaped glyph, placed relative to its piece's left edge,
// in points.
type glyph struct {
	id   font.GID
	x, y float32
}

// shape shapes one single-direction piece of text at size points and
// returns its glyphs from left to right (the shaper gives a right-to-left
// run in visual order) and its advance.
func (f *face) shape(text string, rtl bool, size float32) ([]glyph, float32) {
	runes := []rune(text)
	dir := di.DirectionLTR
	if rtl {
		dir = di.DirectionRTL
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.shaper.Shape(shaping.Input{
		Text: runes, RunStart: 0, RunEnd: len(runes), Direction: dir,
		Face: f.face, Size: fixed.I(1000), Script: scriptOf(runes),
	})
	scale := size / 1000
	glyphs := make([]glyph, 0, len(out.Glyphs))
	var x float32
	for i, g := range out.Glyphs {
		glyphs = append(glyphs, glyph{
			id: g.GlyphID,
			x:  x + fromFixed(g.XOffset)*scale,
			y:  fromFixed(g.YOffset) * scale,
		})
		x += fromFixed(g.XAdvance) * scale
		f.used[g.GlyphID] = true
		f.noteText(out.Glyphs, i, runes, rtl)
	}
	return glyphs, x
}

// noteText remembers which text glyph i stands for, for the PDF's
// ToUnicode map: a glyph that is a character's own glyph stands for that
// character; a joined form or ligature stands for its cluster's text.
// The first meaning found wins (a glyph has one entry in the map).
//
// A right-to-left ligature's letters are noted last first: readers of a
// PDF (poppler, pdf.js) take the glyphs' text in visual order and reverse
// a right-to-left line as a whole, letters of a ligature included, so
// "لا" noted in logical order would come out as "ال".
func (f *face) noteText(glyphs []shaping.Glyph, i int, runes []rune, rtl bool) {
	g := glyphs[i]
	if _, known := f.unicode[g.GlyphID]; known {
		return
	}
	end := min(g.ClusterIndex+g.RuneCount, len(runes))
	cluster := runes[g.ClusterIndex:end]
	for _, r := range cluster {
		if id, ok := f.face.NominalGlyph(r); ok && id == g.GlyphID {
			f.unicode[g.GlyphID] = string(r)
			return
		}
	}
	if len(cluster) > 0 && firstOfCluster(glyphs, i) {
		if rtl {
			cluster = slices.Clone(cluster)
			slices.Reverse(cluster)
		}
		f.unicode[g.GlyphID] = string(cluster)
	}
}

// firstOfCluster tells whether glyph i is the first of its cluster's
// glyphs that is not a character's own glyph (a mark keeps its own).
func firstOfCluster(glyphs []shaping.Glyph, i int) bool {
	for j := range glyphs[:i] {
		if glyphs[j].ClusterIndex == glyphs[i].ClusterIndex {
			return false
		}
	}
	return true
}

// measure is the width of text at size points, as Layout's Measurer.
func (f *face) measure(size float32) func(string) float32 {
	return func(s string) float32 {
		f.mu.Lock()
		w, ok := f.widths[s]
		f.mu.Unlock()
		if !ok {
			_, w = f.shape(s, hasRTL(s), 1)
			f.mu.Lock()
			f.widths[s] = w
			f.mu.Unlock()
		}
		return w * size
	}
}

// hasRTL: measuring shapes Arabic right to left, as it is drawn; the
// advance of a run does not depend on its direction otherwise.
func hasRTL(s string) bool {
	for _, r := range s {
		if language.LookupScript(r) == language.Arabic {
			return true
		}
	}
	return false
}

// scriptOf is the script of the first letter with one, which the shaper
// needs to pick Arabic joining or Latin kerning.
func scriptOf(runes []rune) language.Script {
	for _, r := range runes {
		if s := language.LookupScript(r); s != language.Common && s != language.Inherited && s != language.Unknown {
			return s
		}
	}
	return language.Latin
}

func fromFixed(v fixed.Int26_6) float32 { return float32(v) / 64 }

// advance1000 is a glyph's advance in the PDF's glyph space (1/1000 em).
func (f *face) advance1000(id font.GID) int {
	return int(f.face.HorizontalAdvance(id)*1000/f.upem + 0.5)
}

// extents are the font's ascender and descender in glyph space.
func (f *face) extents() (asc, desc int) {
	e, ok := f.face.FontHExtents()
	if !ok {
		return 1069, -293 // Noto Sans
	}
	return int(e.Ascender * 1000 / f.upem), int(e.Descender * 1000 / f.upem)
}
