// Package bidi implements the Unicode Bidirectional Algorithm (UAX #9,
// Unicode 15.0) for laying out lines of mixed left-to-right and
// right-to-left text.
//
// golang.org/x/text/unicode/bidi supplies the character data (bidi classes
// and bracket types) but neither exports embedding levels nor orders the
// runs of a line visually; this package does both. It knows nothing about
// fonts or widgets. A caller typically:
//
//  1. builds one Paragraph per paragraph of logical text (NewParagraph);
//  2. breaks it into lines by rune offsets, as it would for LTR text;
//  3. for each line [start, end) calls VisualRuns and draws the runs from
//     left to right, each as its own text object shaped in the run's
//     direction (Run.RightToLeft).
//
// Within a right-to-left run the shaper must lay the glyphs out right to
// left and mirror characters such as parentheses (rule L4). HarfBuzz-style
// shapers do both when told the run is RTL; a renderer that only draws
// left to right must instead reverse the run's runes and replace each with
// Mirror(r).
package bidi

//go:generate go run gen_tables.go

import (
	xbidi "golang.org/x/text/unicode/bidi"
)

// Direction is the direction of a paragraph or of text.
type Direction int

const (
	// LeftToRight is a left-to-right paragraph (level 0).
	LeftToRight Direction = iota
	// RightToLeft is a right-to-left paragraph (level 1).
	RightToLeft
	// Auto asks NewParagraph to take the direction from the first strong
	// character (rules P2 and P3), left to right if there is none.
	Auto
)

// String returns "LTR", "RTL" or "Auto".
func (d Direction) String() string {
	switch d {
	case LeftToRight:
		return "LTR"
	case RightToLeft:
		return "RTL"
	}
	return "Auto"
}

// Level is an embedding level: even levels are left to right, odd levels
// right to left. Resolved levels are between 0 and 126.
type Level int8

// RightToLeft reports whether the level is odd.
func (l Level) RightToLeft() bool { return l&1 == 1 }

// Paragraph holds the resolved embedding levels of one paragraph.
type Paragraph struct {
	classes []class // original bidi class of each rune, for L1
	levels  []Level // resolved levels before L1
	level   Level   // paragraph embedding level
}

// NewParagraph resolves the levels of text, one paragraph: it should hold
// no paragraph separator (such as '\n' or U+2029) except perhaps as its
// last rune. A separator inside still ends all embeddings and isolates
// (rule X8), but the text after it keeps this paragraph's direction. base
// is the paragraph direction, or Auto to detect it (P2, P3).
func NewParagraph(text []rune, base Direction) *Paragraph {
	p := &paragraph{
		initialTypes:   make([]class, len(text)),
		pairTypes:      make([]bracketType, len(text)),
		pairValues:     make([]rune, len(text)),
		embeddingLevel: baseLevel(base),
	}
	for i, r := range text {
		props, _ := xbidi.LookupRune(r)
		p.initialTypes[i] = classOf(props, r)
		p.pairTypes[i], p.pairValues[i] = bracketOf(props, r)
	}
	return newParagraph(p)
}

// newParagraph runs the algorithm on prepared input; the conformance test
// for BidiTest.txt calls it with classes only.
func newParagraph(p *paragraph) *Paragraph {
	p.resolve()
	return &Paragraph{classes: p.initialTypes, levels: p.resultLevels, level: p.embeddingLevel}
}

func baseLevel(base Direction) Level {
	switch base {
	case LeftToRight:
		return 0
	case RightToLeft:
		return 1
	}
	return implicitLevel
}

// Len returns the number of runes in the paragraph.
func (p *Paragraph) Len() int { return len(p.levels) }

// Direction returns the resolved paragraph direction.
func (p *Paragraph) Direction() Direction {
	if p.level.RightToLeft() {
		return RightToLeft
	}
	return LeftToRight
}

// Level returns the paragraph embedding level, 0 or 1.
func (p *Paragraph) Level() Level { return p.level }

// Levels returns the resolved level of each rune before the line rule L1.
// Characters that rule X9 removes (embedding and override controls, PDF,
// and boundary neutrals such as ZWJ and ZWNJ) have no level in UAX #9;
// here they get the level of the previous rune (the next one at the start
// of the paragraph) so that they never split a run.
func (p *Paragraph) Levels() []Level {
	return append([]Level(nil), p.levels...)
}

// ParagraphDirection returns the direction of the first strong character
// of s outside isolates (rules P2 and P3), stopping at the first paragraph
// separator; LeftToRight if there is none.
func ParagraphDirection(s string) Direction {
	depth := 0 // isolates open; their content is skipped
	for _, r := range s {
		props, _ := xbidi.LookupRune(r)
		switch t := classOf(props, r); {
		case t == cB:
			return LeftToRight
		case isolateInitSet.has(t):
			depth++
		case t == cPDI:
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case t == cL:
			return LeftToRight
		case t == cR || t == cAL:
			return RightToLeft
		}
	}
	return LeftToRight
}

// Mirror returns the Bidi_Mirroring_Glyph of r, such as ')' for '(', or
// r itself if it has none. Renderers that do not mirror glyphs in
// right-to-left runs themselves apply it there (rule L4).
func Mirror(r rune) rune {
	if m, ok := lookupPair(mirrorTable[:], r); ok {
		return m
	}
	return r
}
