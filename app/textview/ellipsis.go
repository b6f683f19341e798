package textview

import (
	"strings"

	"github.com/motesplats/motesplats/internal/bidi"
)

// Ellipsis ends a text that was cut to fit.
const Ellipsis = "…"

// LayoutAtMost lays text out like Layout but in at most maxLines lines
// (maxLines <= 0: no limit). A text that does not fit is cut at a
// character boundary in its logical order and ends with an ellipsis, so a
// long title is never cut mid-glyph and the reader sees that it goes on.
// The ellipsis sits at the logical end, which the bidi algorithm places on
// the left in an Arabic line.
func LayoutAtMost(text string, maxWidth float32, maxLines int, dir bidi.Direction, measure Measurer) (p Paragraph, cut bool) {
	if maxLines <= 0 {
		return Layout(text, maxWidth, dir, measure), false
	}
	// One line more than allowed tells whether the text goes on, without
	// laying out all of a long text.
	p = layoutLines(text, maxWidth, dir, measure, maxLines+1)
	if len(p.Lines) <= maxLines && fitsWidth(p, maxWidth) {
		return p, false
	}
	runes := []rune(text)
	fits := func(n int) (Paragraph, bool) {
		q := Layout(strings.TrimRight(string(runes[:n]), " ")+Ellipsis, maxWidth, dir, measure)
		return q, len(q.Lines) <= maxLines && fitsWidth(q, maxWidth)
	}
	// The longest prefix that still fits with the ellipsis: fitting only
	// shrinks as the prefix grows, so a binary search finds it.
	// No prefix much longer than the characters of these lines can fit
	// (a prefix may end a line with part of a word the whole text moved
	// to the next line, hence that line too); the pieces leave out the
	// spaces between Arabic words, hence the margin.
	shown := 0
	for _, l := range p.Lines {
		for _, piece := range l.Pieces {
			shown += len([]rune(piece.Text))
		}
	}
	lo, hi := 0, min(len(runes)-1, 2*shown+16*maxLines)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if _, ok := fits(mid); ok {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	p, _ = fits(lo)
	return p, true
}

// fitsWidth reports whether every line is within maxWidth (a one-line
// layout, maxWidth <= 0, always fits).
func fitsWidth(p Paragraph, maxWidth float32) bool {
	if maxWidth <= 0 {
		return true
	}
	for _, l := range p.Lines {
		if l.Width > maxWidth+0.01 {
			return false
		}
	}
	return true
}
