package textview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/internal/bidi"
)

// Link is a web address that wraps like text and opens when tapped. It
// wraps at the address's own punctuation (/ . - ? & …, see breakWord)
// rather than a letter at a time, is kept left to right as a unit in a
// right-to-left UI, and sits at the start of the reading direction.
type Link struct {
	Label
	// URL is the address shown.
	URL string
	// OnTapped opens it.
	OnTapped func()
}

// NewLink returns a link to address in a UI of direction dir.
func NewLink(address string, dir bidi.Direction, tapped func()) *Link {
	l := &Link{URL: address, OnTapped: tapped}
	l.Text = Isolate(address)
	l.Wrapping = true
	l.Direction = dir
	l.ColorName = theme.ColorNameHyperlink
	l.ExtendBaseWidget(l)
	return l
}

// Tapped opens the link.
func (l *Link) Tapped(*fyne.PointEvent) {
	if l.OnTapped != nil {
		l.OnTapped()
	}
}

// Cursor shows a pointing hand over the link, as browsers do.
func (l *Link) Cursor() desktop.Cursor { return desktop.PointerCursor }

// Lines is the text of each laid-out line, left to right, for tests and
// for reading the layout.
func (l *Link) Lines() []string {
	var out []string
	for _, p := range l.paragraphs {
		for _, line := range p.Lines {
			s := ""
			for _, piece := range line.Pieces {
				s += piece.Text
			}
			out = append(out, s)
		}
	}
	return out
}
