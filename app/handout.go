package app

import (
	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/handout"
)

// handoutLayout is the screen's own line layout for the handout, so a
// printed Arabic line is ordered exactly as the screen orders it.
func handoutLayout(text string, width float32, dir bidi.Direction, measure func(string) float32) handout.Paragraph {
	p := textview.Layout(text, width, dir, measure)
	out := handout.Paragraph{RTL: p.RTL, Lines: make([]handout.Line, len(p.Lines))}
	for i, l := range p.Lines {
		out.Lines[i] = handout.Line{Width: l.Width, Pieces: make([]handout.Piece, len(l.Pieces))}
		for j, pc := range l.Pieces {
			out.Lines[i].Pieces[j] = handout.Piece(pc)
		}
	}
	return out
}
