package xliff

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A Piece of a segment is text for the translator or a code: Markdown
// structure (a ** of bold, a link's "](address)", a list marker, a line
// break) that the translation must keep as it is. In XLIFF a code is a
// <ph> element, which translation tools show as a tag the translator
// places but cannot change.
type Piece struct {
	Text string
	Code string // "" for text
	ID   int    // the code's number in its segment, from 1
}

// IsCode tells a code from text.
func (p Piece) IsCode() bool { return p.Code != "" }

// blockMarker is what opens a line as Markdown: indentation, then a
// heading, a bullet or a number.
var blockMarker = regexp.MustCompile(`^[ \t]*(#{1,6} |[-*+] |\d{1,9}[.)] )?`)

// linkAhead matches a link starting at "[": the text (escapes allowed)
// and the address.
var linkAhead = regexp.MustCompile(`^\[((?:[^\]\\\n]|\\.)*)\]\([^)\s]+\)`)

// Segment splits a text (Markdown or plain) into text and codes. Joined
// again with Join it gives the text back byte for byte.
func Segment(md string) []Piece {
	var s segmenter
	lines := strings.Split(md, "\n")
	for i, line := range lines {
		if i > 0 {
			s.code("\n")
		}
		if m := blockMarker.FindString(line); m != "" {
			s.code(m)
			line = line[len(m):]
		}
		hardBreak := ""
		if i < len(lines)-1 && trailingBackslashes(line)%2 == 1 {
			line, hardBreak = line[:len(line)-1], `\`
		}
		s.inline(line)
		if hardBreak != "" {
			s.code(hardBreak)
		}
	}
	return s.done()
}

func trailingBackslashes(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n
}

type segmenter struct {
	pieces []Piece
	text   strings.Builder
	codes  int
}

func (s *segmenter) flush() {
	if s.text.Len() > 0 {
		s.pieces = append(s.pieces, Piece{Text: s.text.String()})
		s.text.Reset()
	}
}

// code adds a code, joined to the code before it when no text is between:
// "\n- " is one tag for the translator, not two.
func (s *segmenter) code(c string) {
	s.flush()
	if n := len(s.pieces); n > 0 && s.pieces[n-1].IsCode() {
		s.pieces[n-1].Code += c
		return
	}
	s.codes++
	s.pieces = append(s.pieces, Piece{Code: c, ID: s.codes})
}

// inline finds bold markers and links in one line. A backslash escape is
// text: the translator may need it (1\. januari) or not.
func (s *segmenter) inline(line string) {
	closeAt, closeLen := -1, 0
	for i := 0; i < len(line); {
		switch {
		case i == closeAt:
			s.code(line[i : i+closeLen])
			i += closeLen
			closeAt = -1
		case line[i] == '\\' && i+1 < len(line):
			_, size := utf8.DecodeRuneInString(line[i+1:])
			s.text.WriteString(line[i : i+1+size])
			i += 1 + size
		case strings.HasPrefix(line[i:], "**"):
			s.code("**")
			i += 2
		case line[i] == '[' && closeAt < 0:
			m := linkAhead.FindStringSubmatchIndex(line[i:])
			if m == nil {
				s.text.WriteByte('[')
				i++
				continue
			}
			s.code("[")
			closeAt, closeLen = i+m[3], m[1]-m[3]
			i++
		default:
			s.text.WriteByte(line[i])
			i++
		}
	}
}

func (s *segmenter) done() []Piece {
	s.flush()
	return s.pieces
}

// Join puts pieces back together as the text.
func Join(pieces []Piece) string {
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString(p.Text)
		b.WriteString(p.Code)
	}
	return b.String()
}

// Codes counts the codes of a segment.
func Codes(pieces []Piece) int {
	n := 0
	for _, p := range pieces {
		if p.IsCode() {
			n++
		}
	}
	return n
}
