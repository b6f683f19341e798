package textview

import (
	"strings"
	"sync"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	xbidi "golang.org/x/text/unicode/bidi"

	"github.com/motesplats/motesplats/internal/bidi"
)

// Fyne measures a text it has not measured before with a new HarfBuzz
// shaper, which builds the font's shaping tables anew every time: a word
// a label had never shown cost about as much as the rest of a search
// keystroke (BENCHMARKS.md, issue 16). measureWidth measures as Fyne does
// (the same fonts in the same order, the same shaping, the same sums)
// with one shaper kept for the app's life, whose fonts stay built. Text
// it cannot measure the same way (a letter none of the theme's, Fyne's
// bundled or the emoji font has, which Fyne looks up among the system's
// fonts; tabs; carriage returns) goes to Fyne's own measure.
// TestMeasureWidthIsFyne holds the two to the same widths.

type measureKey struct {
	faces *faceList // the fonts: a new theme font makes new keys
	text  string
	size  float32
	style fyne.TextStyle
}

// measureCacheSize bounds the widths kept: the words and spaces of many
// screens.
const measureCacheSize = 8192

var shaped struct {
	sync.Mutex
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	faces   map[fyne.TextStyle]*faceList
	widths  map[measureKey]float32
	runeBuf []rune
	sized   bool // the shaper keeps its fonts (a zero shaper keeps none)
}

// faceList is a shaping.Fontmap of the fonts Fyne tries for a style, for
// text all of whose letters one of them has. Fyne parses them all; here
// a font after the theme's is parsed only when a letter the fonts before
// it lack is measured (fonts.go), which picks the same font for every
// letter.
type faceList struct {
	theme string          // the theme font's name it was made for
	fonts []fyne.Resource // in Fyne's order
	faces []*font.Face    // fonts[i] parsed, nil until needed
	bad   []bool          // fonts[i] could not be parsed
}

// face is the i-th font, parsed on first use; nil if it cannot be read.
func (f *faceList) face(i int) *font.Face {
	if f.faces[i] == nil && !f.bad[i] {
		if mf := loadMetricFace(f.fonts[i]); mf != nil {
			f.faces[i] = mf.face
		} else {
			f.bad[i] = true
		}
	}
	return f.faces[i]
}

// holder is the first font with a glyph for r, as Fyne looks for it; ok
// is false if none has one or a font before it cannot be read (then
// Fyne measures, as before).
func (f *faceList) holder(r rune) (face *font.Face, ok bool) {
	for i := range f.fonts {
		face := f.face(i)
		if face == nil {
			return nil, false
		}
		if _, ok := face.NominalGlyph(r); ok {
			return face, true
		}
	}
	return nil, false
}

func (f *faceList) ResolveFace(r rune) *font.Face {
	if face, ok := f.holder(r); ok {
		return face
	}
	return f.faces[0]
}

func (f *faceList) covers(runes []rune) bool {
	for _, r := range runes {
		if _, ok := f.holder(r); !ok {
			return false
		}
	}
	return true
}

// fyneFallback is the font Fyne falls back to for a style after the
// theme's (internal/painter.CachedFontFace); nil for the styles measured
// by Fyne alone.
func fyneFallback(style fyne.TextStyle) fyne.Resource {
	switch {
	case style.Monospace, style.Symbol:
		return nil
	case style.Bold && style.Italic:
		return theme.DefaultTextBoldItalicFont()
	case style.Bold:
		return theme.DefaultTextBoldFont()
	case style.Italic:
		return theme.DefaultTextItalicFont()
	}
	return theme.DefaultTextFont()
}

// facesFor returns the fonts for a style, nil when Fyne alone measures it.
// Call with shaped locked.
func facesFor(style fyne.TextStyle) *faceList {
	fallback := fyneFallback(style)
	if fallback == nil {
		return nil
	}
	first := fyne.CurrentApp().Settings().Theme().Font(style)
	if first == nil {
		return nil
	}
	if f, ok := shaped.faces[style]; ok && (f == nil || f.theme == first.Name()) {
		return f
	}
	var list *faceList
	resources := []fyne.Resource{first}
	if fallback != first {
		resources = append(resources, fallback)
	}
	if emoji := theme.DefaultEmojiFont(); emoji != nil {
		resources = append(resources, emoji)
	}
	// The theme's font is parsed now; if it cannot be, Fyne measures.
	if mf := loadMetricFace(first); mf != nil {
		list = &faceList{theme: first.Name(), fonts: resources, faces: make([]*font.Face, len(resources)), bad: make([]bool, len(resources))}
		list.faces[0] = mf.face
	}
	if shaped.faces == nil {
		shaped.faces = map[fyne.TextStyle]*faceList{}
	}
	shaped.faces[style] = list
	return list
}

// measureWidth is fyne.MeasureText(s, size, style).Width.
func measureWidth(s string, size float32, style fyne.TextStyle) float32 {
	shaped.Lock()
	faces := facesFor(style)
	key := measureKey{faces, s, size, style}
	w, ok := shaped.widths[key]
	if !ok && faces != nil {
		if w, ok = wordsWidth(faces, s, size, style); ok {
			keepWidth(key, w)
		} else {
			w, ok = keptShapedWidth(key)
		}
	}
	shaped.Unlock()
	if !ok {
		return fyne.MeasureText(s, size, style).Width
	}
	return w
}

// layoutKey is what a paragraph's layout depends on; fonts is the list
// measureWidth measures the style with, so a new theme font lays out anew.
type layoutKey struct {
	text  string
	width float32
	lines int
	dir   bidi.Direction
	size  float32
	style fyne.TextStyle
	fonts *faceList
}

// laidOut keeps the paragraphs labels laid out lately. A search keystroke
// sets a screenful of rows to titles most of which the rows before it
// showed, in other rows: each was laid out again, and an Arabic title's
// bidi layout was half of the keystroke (BENCHMARKS.md, issue 16).
var laidOut struct {
	sync.Mutex
	paragraphs map[layoutKey]Paragraph
}

const layoutCacheSize = 2048

// laidOutParagraph is LayoutAtMost(text, width, lines, dir, measure) for
// text measured at size in style, kept for the next label that lays out
// the same. The paragraph is shared: nothing may change it.
func laidOutParagraph(text string, width float32, lines int, dir bidi.Direction, size float32, style fyne.TextStyle, measure Measurer) Paragraph {
	shaped.Lock()
	fonts := facesFor(style)
	shaped.Unlock()
	if fonts == nil { // Fyne measures this style alone: not kept
		p, _ := LayoutAtMost(text, width, lines, dir, measure)
		return p
	}
	key := layoutKey{text, width, lines, dir, size, style, fonts}
	laidOut.Lock()
	p, ok := laidOut.paragraphs[key]
	laidOut.Unlock()
	if ok {
		return p
	}
	p, _ = LayoutAtMost(text, width, lines, dir, measure)
	laidOut.Lock()
	if len(laidOut.paragraphs) >= layoutCacheSize || laidOut.paragraphs == nil {
		laidOut.paragraphs = make(map[layoutKey]Paragraph, layoutCacheSize)
	}
	laidOut.paragraphs[key] = p
	laidOut.Unlock()
	return p
}

// keptShapedWidth shapes key's text and keeps its width, if it can be
// shaped here. Call with shaped locked.
func keptShapedWidth(key measureKey) (float32, bool) {
	w, ok := shapedWidth(key.faces, key.text, key.size)
	if ok {
		keepWidth(key, w)
	}
	return w, ok
}

// keepWidth keeps a measured width. Call with shaped locked.
func keepWidth(key measureKey, w float32) {
	if len(shaped.widths) >= measureCacheSize || shaped.widths == nil {
		shaped.widths = make(map[measureKey]float32, measureCacheSize)
	}
	shaped.widths[key] = w
}

// wordsWidth measures a left-to-right text of several words as the sum of
// its words and spaces, each measured once and kept: a new title made of
// words seen before (a search keystroke shows a screenful of them) is
// then measured without shaping. It is the width of the whole text:
// HarfBuzz shapes nothing across a space within one script and font (no
// ligature, no kerning pair with a space), and the advances are in
// 1/64 pixels, which float32 adds exactly in any order
// (TestMeasureWidthIsFyne, TestContentWidthsAreFynes). Text with a
// right-to-left letter, letters of two scripts, a letter the theme's font
// lacks, a tab or a return, or a single word, is measured whole. Call
// with shaped locked.
func wordsWidth(faces *faceList, s string, size float32, style fyne.TextStyle) (float32, bool) {
	if !strings.Contains(s, " ") || strings.ContainsAny(s, "\t\r") {
		return 0, false
	}
	first := faces.faces[0]
	var script *unicode.RangeTable
	for _, r := range s {
		// Letters of one script only: HarfBuzz splits a text into runs
		// by script, and punctuation between two scripts joins the run
		// before it, so "Barn (Діти)" has a kerning pair that "(Діти)"
		// alone has not.
		if unicode.IsLetter(r) || unicode.IsMark(r) {
			if script == nil {
				script = scriptOf(r)
			}
			if script == nil || !unicode.Is(script, r) && !unicode.IsMark(r) {
				return 0, false
			}
		}
		if r >= 0x0590 {
			if c := class(r); c == xbidi.R || c == xbidi.AL {
				return 0, false
			}
		}
		// A space takes the font of the letters beside it: next to an
		// emoji it is the emoji font's, another width.
		if _, ok := first.NominalGlyph(r); !ok {
			return 0, false
		}
	}
	x := float32(0)
	for start := 0; start < len(s); {
		end := start + 1
		space := s[start] == ' '
		for end < len(s) && (s[end] == ' ') == space {
			end++
		}
		key := measureKey{faces, s[start:end], size, style}
		w, ok := shaped.widths[key]
		if !ok {
			if w, ok = keptShapedWidth(key); !ok {
				return 0, false
			}
		}
		x += w
		start = end
	}
	return x, true
}

// wordScripts are the scripts whose words wordsWidth adds up.
var wordScripts = []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek}

// scriptOf is the script of a letter among wordScripts; nil for others.
func scriptOf(r rune) *unicode.RangeTable {
	for _, t := range wordScripts {
		if unicode.Is(t, r) {
			return t
		}
	}
	return nil
}

// shapedWidth is Fyne's walkString without tabs, summing as it does.
// Call with shaped locked.
func shapedWidth(faces *faceList, s string, size float32) (float32, bool) {
	if strings.ContainsAny(s, "\t\r") {
		return 0, false
	}
	runes := append(shaped.runeBuf[:0], []rune(s)...)
	shaped.runeBuf = runes
	if !faces.covers(runes) {
		return 0, false
	}
	in := shaping.Input{
		Text:      runes,
		RunStart:  0,
		RunEnd:    len(runes),
		Direction: di.DirectionLTR,
		Face:      faces.ResolveFace(' '),
		Size:      fixed.Int26_6(float64(size) * (1 << 6)),
	}
	if !shaped.sized {
		shaped.shaper.SetFontCacheSize(16) // the app's few faces and styles
		shaped.sized = true
	}
	x := float32(0)
	for _, run := range shaped.seg.Split(in, faces) {
		out := shaped.shaper.Shape(run)
		pending := false
		adv := fixed.I(0)
		for _, g := range out.Glyphs {
			if g.GlyphID == 0 {
				if pending {
					x += fixedToFloat(adv)
					adv = 0
				}
				x += fixedToFloat(g.XAdvance)
				adv = 0
				pending = false
			} else {
				pending = true
			}
			adv += g.XAdvance
		}
		if pending {
			x += fixedToFloat(adv)
			adv = 0
		}
		x += fixedToFloat(adv)
	}
	return x, true
}

func fixedToFloat(i fixed.Int26_6) float32 { return float32(float64(i) / (1 << 6)) }
