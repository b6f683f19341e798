// Package textview draws content text in any of the app's languages:
// it wraps on the logical text, puts the runs of each line in visual order
// with the Unicode Bidirectional Algorithm (internal/bidi), draws each
// single-direction piece as its own text object, and aligns each paragraph
// by its direction, so an Arabic paragraph starts at the right.
//
// The layout is computed by plain functions with a measuring function
// passed in, so it is tested without a window; the widgets only place the
// pieces.
package textview

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/segmenter"
	xbidi "golang.org/x/text/unicode/bidi"

	"github.com/motesplats/motesplats/internal/bidi"
)

// Measurer returns the width of a piece of text as it will be drawn.
type Measurer func(s string) float32

// Piece is one text object on a line: text to draw, in logical order and
// of one direction, at X from the line's left edge.
type Piece struct {
	Text     string
	X, Width float32
	RTL      bool
}

// Line is one laid-out line: its pieces from left to right.
type Line struct {
	Pieces []Piece
	Width  float32
}

// Paragraph is one laid-out paragraph.
type Paragraph struct {
	Lines []Line
	RTL   bool // the paragraph's direction: align to the right when set
}

// Layout lays out one paragraph (text without newlines) in lines at most
// maxWidth wide (maxWidth <= 0: one line). dir is the paragraph's
// direction: the direction of the language the text is in, which the app
// knows; bidi.Auto takes it from the first strong letter (rules P2–P3).
func Layout(text string, maxWidth float32, dir bidi.Direction, measure Measurer) Paragraph {
	return layoutLines(text, maxWidth, dir, measure, 0)
}

// layoutLines is Layout stopping after limit lines (0: no limit), so a
// list row of a few lines never lays out a whole long text.
func layoutLines(text string, maxWidth float32, dir bidi.Direction, measure Measurer, limit int) Paragraph {
	if dir != bidi.LeftToRight {
		text = isolateAddresses(text)
	}
	runes := []rune(text)
	if dir == bidi.LeftToRight && leftToRightOnly(runes) {
		return layoutLeftToRight(runes, maxWidth, measure, limit)
	}
	return layoutBidi(runes, maxWidth, dir, measure, limit)
}

// layoutBidi is layoutLines for any paragraph: the lines' runs put in
// visual order by the bidi algorithm.
func layoutBidi(runes []rune, maxWidth float32, dir bidi.Direction, measure Measurer, limit int) Paragraph {
	p := bidi.NewParagraph(runes, dir)
	out := Paragraph{RTL: p.Direction() == bidi.RightToLeft}
	for _, span := range breakLines(runes, maxWidth, measure, limit) {
		out.Lines = append(out.Lines, placeLine(p, runes, span, measure))
	}
	return out
}

// leftToRightOnly reports whether every rune of a left-to-right paragraph
// resolves to level 0 in the bidi algorithm: none is right-to-left (R,
// AL), an Arabic number (AN) or an explicit embedding, override or
// isolate. European numbers then become L (W7) and neutrals take the
// paragraph's direction (N1–N2), so each line is one left-to-right run.
func leftToRightOnly(runes []rune) bool {
	for _, r := range runes {
		switch class(r) {
		case xbidi.R, xbidi.AL, xbidi.AN, xbidi.LRE, xbidi.RLE, xbidi.LRO, xbidi.RLO, xbidi.PDF, xbidi.LRI, xbidi.RLI, xbidi.FSI, xbidi.PDI:
			return false
		}
	}
	return true
}

// layoutLeftToRight is layoutLines for a paragraph leftToRightOnly: the
// same lines, without running the bidi algorithm (a search keystroke lays
// out a screenful of new titles; it was a quarter of their time). A text
// short enough and as wide as a line at most is one line, measured whole:
// the line's piece is that same text, so measuring its words one by one
// as well would only shape them twice.
func layoutLeftToRight(runes []rune, maxWidth float32, measure Measurer, limit int) Paragraph {
	if maxWidth > 0 && len(runes) <= longWord {
		end := trimEnd(runes, 0, len(runes))
		if text := string(runes[:end]); measure(text) <= maxWidth {
			var line Line
			if end > 0 {
				line.add(text, false, measure)
			}
			return Paragraph{Lines: []Line{line}}
		}
	}
	var out Paragraph
	for _, s := range breakLines(runes, maxWidth, measure, limit) {
		var line Line
		if s.end > s.start {
			line.add(string(runes[s.start:s.end]), false, measure)
		}
		out.Lines = append(out.Lines, line)
	}
	return out
}

func class(r rune) xbidi.Class {
	p, _ := xbidi.LookupRune(r)
	return p.Class()
}

// span is a line's logical range of runes, trailing spaces left out.
type span struct{ start, end int }

// breakLines breaks at spaces, greedily; a word longer than the line is
// broken by breakWord so nothing is cut off. Each word and space is
// measured once and widths are added up: Arabic letters never join across
// a space, so a line is as wide as its words and spaces together.
func breakLines(runes []rune, maxWidth float32, measure Measurer, limit int) []span {
	if maxWidth <= 0 || len(runes) == 0 {
		return []span{{0, trimEnd(runes, 0, len(runes))}}
	}
	var lines []span
	start, width := 0, float32(0)
	for _, tok := range tokens(runes) {
		if limit > 0 && len(lines) >= limit {
			return lines[:limit]
		}
		space := unicode.IsSpace(runes[tok.start])
		if !space && tok.end-tok.start > longWord {
			// Too long to measure whole (a 250,000-letter word would be
			// shaped whole many times): it gets lines of its own.
			if end := trimEnd(runes, start, tok.start); end > start {
				lines = append(lines, span{start, end})
			}
			var last span
			lines, last, width = breakWord(lines, runes, tok, maxWidth, measure, limit)
			start = last.start
			continue
		}
		w := measure(string(runes[tok.start:tok.end]))
		switch {
		case space:
			width += w
		case width+w <= maxWidth || start == tok.start:
			width += w
		default: // the word starts a new line
			lines = append(lines, span{start, trimEnd(runes, start, tok.start)})
			start, width = tok.start, w
		}
		if !space && width > maxWidth && tok.end-start > 1 { // a word wider than a line
			if end := trimEnd(runes, start, tok.start); end > start { // what is before it stays on its line
				lines = append(lines, span{start, end})
			}
			var last span
			lines, last, width = breakWord(lines, runes, tok, maxWidth, measure, limit)
			start = last.start
		}
	}
	lines = append(lines, span{start, trimEnd(runes, start, len(runes))})
	if limit > 0 && len(lines) > limit {
		return lines[:limit]
	}
	return lines
}

// tokens splits text into words and runs of spaces.
func tokens(runes []rune) []span {
	var out []span
	for i := 0; i < len(runes); {
		j := i + 1
		for j < len(runes) && unicode.IsSpace(runes[j]) == unicode.IsSpace(runes[i]) {
			j++
		}
		out = append(out, span{i, j})
		i = j
	}
	return out
}

// longWord is the length from which a word is not measured whole.
const longWord = 200

// breakWord breaks the word w, wider than a line, into lines appended to
// lines, at grapheme boundaries (a letter and its marks stay together),
// preferring a break after the punctuation of a web address or path
// (/ . - ? & …) so a link reads in sensible parts. It returns the word's
// last part, which later text may share a line with, and its width.
//
// Measuring is what costs (Fyne shapes the text each time), so a line's
// end is first guessed by adding up the widths of its graphemes, each
// distinct one measured once, then checked by measuring the line, moving
// by 1, 2, 4 … graphemes and halving back when the guess was off (Arabic
// letters are narrower joined than alone). A line takes one to three
// measures, so the time grows with the word's length, not its square.
//
// With a limit (> 0) it stops once there are that many lines.
func breakWord(lines []span, runes []rune, w span, maxWidth float32, measure Measurer, limit int) ([]span, span, float32) {
	word := runes[w.start:w.end]
	bounds := graphemeBounds(word) // offsets in the word, 0 … len
	width := func(i, j int) float32 { return measure(string(word[bounds[i]:bounds[j]])) }
	alone := map[string]float32{}
	graphemeWidth := func(k int) float32 {
		g := string(word[bounds[k]:bounds[k+1]])
		gw, ok := alone[g]
		if !ok {
			gw = measure(g)
			alone[g] = gw
		}
		return gw
	}
	last := len(bounds) - 1
	for i := 0; ; {
		if limit > 0 && len(lines) >= limit { // the caller stops here too
			return lines, span{w.start + bounds[i], w.end}, 0
		}
		guess, sum := i+1, graphemeWidth(i)
		for guess < last && sum+graphemeWidth(guess) <= maxWidth {
			sum += graphemeWidth(guess)
			guess++
		}
		fit := guess
		// One measure usually settles it: the guess fits, and the next
		// grapheme, scaled as the line's real width is to the guessed one,
		// would not. (Were the scaling off, the line would end a grapheme
		// early: it never ends too late, as fitting is always measured.)
		if w := width(i, guess); w > maxWidth || guess == last || w+graphemeWidth(guess)*w/sum <= maxWidth {
			fit = fitFrom(guess, i+1, last, func(j int) bool { return width(i, j) <= maxWidth })
		}
		if fit == last { // the rest fits (or is one grapheme wider than the line)
			return lines, span{w.start + bounds[i], w.end}, width(i, last)
		}
		end := preferredBreak(word, bounds, i, fit)
		lines = append(lines, span{w.start + bounds[i], w.start + bounds[end]})
		i = end
	}
}

// fitFrom finds the largest j in lo…hi with fits(j) true (lo if none),
// starting from a guess and assuming fits is true up to some j and false
// after: it gallops from the guess by 1, 2, 4 … and then bisects.
func fitFrom(guess, lo, hi int, fits func(int) bool) int {
	guess = min(max(guess, lo), hi)
	if fits(guess) { // the answer is guess or beyond
		good, step := guess, 1
		for good < hi {
			next := min(good+step, hi)
			if !fits(next) {
				return bisect(good, next-1, fits)
			}
			good, step = next, step*2
		}
		return good
	}
	bad, step := guess, 1 // the answer is before guess
	for bad > lo {
		next := max(bad-step, lo)
		if fits(next) {
			return bisect(next, bad-1, fits)
		}
		bad, step = next, step*2
	}
	return lo
}

// bisect finds the largest j in good…hi with fits(j), fits(good) known.
func bisect(good, hi int, fits func(int) bool) int {
	for good < hi {
		mid := (good + hi + 1) / 2
		if fits(mid) {
			good = mid
		} else {
			hi = mid - 1
		}
	}
	return good
}

// graphemeBounds returns the grapheme boundaries of word, from 0 to its
// length.
func graphemeBounds(word []rune) []int {
	var seg segmenter.Segmenter
	seg.Init(word)
	bounds := []int{0}
	for it := seg.GraphemeIterator(); it.Next(); {
		g := it.Grapheme()
		bounds = append(bounds, g.Offset+len(g.Text))
	}
	return bounds
}

// breakAfter are the characters a web address or path reads well broken
// after.
const breakAfter = "/.-?&=_#:;,~+@"

// preferredBreak is the boundary at which to end a line that may hold
// the graphemes i…fit: after the last address punctuation in the second
// half of the line, or at fit.
func preferredBreak(word []rune, bounds []int, i, fit int) int {
	for k := fit; k > i && bounds[k]-bounds[i] > (bounds[fit]-bounds[i])/2; k-- {
		if strings.ContainsRune(breakAfter, word[bounds[k]-1]) {
			return k
		}
	}
	return fit
}

func trimEnd(runes []rune, start, end int) int {
	for end > start && unicode.IsSpace(runes[end-1]) {
		end--
	}
	return end
}

// placeLine puts the line's runs in visual order and measures them.
func placeLine(p *bidi.Paragraph, runes []rune, s span, measure Measurer) Line {
	var line Line
	if s.end <= s.start {
		return line
	}
	for _, run := range p.VisualRuns(s.start, s.end) {
		text := runes[run.Start:run.End]
		if !run.RightToLeft() {
			line.add(string(text), false, measure)
			continue
		}
		for _, piece := range rtlPieces(text) {
			line.add(piece, true, measure)
		}
	}
	return line
}

func (l *Line) add(text string, rtl bool, measure Measurer) {
	text = strings.Map(dropInvisible, text)
	w := measure(text)
	if strings.TrimSpace(text) != "" {
		l.Pieces = append(l.Pieces, Piece{Text: text, X: l.Width, Width: w, RTL: rtl})
	}
	l.Width += w
}

// rtlPieces splits a right-to-left run into pieces in visual order (left
// to right). Fyne's shaper gets each word's core (first to last Arabic
// letter), which it shapes and orders correctly on its own; spaces and the
// punctuation around words are placed here, mirrored where Unicode says
// so, because the shaper would treat them as left-to-right.
func rtlPieces(run []rune) []string {
	var logical []string
	for i := 0; i < len(run); {
		j := i
		if unicode.IsSpace(run[i]) {
			for j < len(run) && unicode.IsSpace(run[j]) {
				j++
			}
			logical = append(logical, string(run[i:j]))
		} else {
			for j < len(run) && !unicode.IsSpace(run[j]) {
				j++
			}
			logical = append(logical, wordPieces(run[i:j])...)
		}
		i = j
	}
	visual := make([]string, len(logical))
	for i, s := range logical {
		visual[len(logical)-1-i] = s
	}
	return visual
}

// wordPieces splits one word into its leading neutrals, its core and its
// trailing neutrals, in logical order; neutrals come one per piece,
// mirrored.
func wordPieces(word []rune) []string {
	first, last := -1, -1
	for i, r := range word {
		if c := class(r); c == xbidi.R || c == xbidi.AL {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		first, last = len(word), len(word)-1
	}
	// Combining marks after the last letter belong to it.
	for last+1 < len(word) && class(word[last+1]) == xbidi.NSM {
		last++
	}
	var out []string
	out = appendNeutrals(out, word[:first])
	if first <= last {
		out = append(out, string(word[first:last+1]))
	}
	return appendNeutrals(out, word[last+1:])
}

// appendNeutrals adds neutral characters one grapheme a piece, mirrored:
// an emoji sequence joined by U+200D stays one piece, in its own order.
func appendNeutrals(out []string, run []rune) []string {
	if len(run) == 0 {
		return out
	}
	bounds := graphemeBounds(run)
	for i := 1; i < len(bounds); i++ {
		g := run[bounds[i-1]:bounds[i]]
		if len(g) == 1 {
			out = append(out, string(bidi.Mirror(g[0])))
		} else {
			out = append(out, string(g))
		}
	}
	return out
}

// Isolate marks s as a left-to-right unit inside text of either direction
// (U+2066 … U+2069), so a phone number or an address keeps its order in an
// Arabic paragraph. The marks themselves are never drawn.
func Isolate(s string) string { return "\u2066" + s + "\u2069" }

// addressPattern matches a web address, domain or e-mail address: Latin
// letters and digits with dots, slashes or an @ inside.
var addressPattern = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9\-_.@/:%?=&#~+]*[.@/][A-Za-z0-9\-_.@/:%?=&#~+]*[A-Za-z0-9/]`)

// isolateAddresses keeps addresses such as "1177.se" or
// "https://www.1177.se" in one piece inside right-to-left text. Plain UBA
// would show "se.1177" there, as browsers do, since the dot between a
// number and a word takes the paragraph's direction.
func isolateAddresses(s string) string {
	if !strings.ContainsAny(s, ".@/") {
		return s
	}
	return addressPattern.ReplaceAllStringFunc(s, func(m string) string {
		if !strings.ContainsFunc(m, unicode.IsLetter) {
			return m // a number such as 2.5 is laid out right by the algorithm
		}
		return Isolate(m)
	})
}

// dropInvisible removes the directional formatting characters, which have
// done their work in the bidi algorithm and have no glyph to draw.
func dropInvisible(r rune) rune {
	switch class(r) {
	case xbidi.LRI, xbidi.RLI, xbidi.FSI, xbidi.PDI, xbidi.LRE, xbidi.RLE, xbidi.LRO, xbidi.RLO, xbidi.PDF:
		return -1
	}
	if r == 0x200E || r == 0x200F || r == 0x061C { // LRM, RLM, ALM
		return -1
	}
	return r
}
