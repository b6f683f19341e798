package textview

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/motesplats/motesplats/internal/bidi"
)

// FuzzLayout lays any text out at any width in both directions: it must
// not panic, every line must fit unless a single character is wider than
// the line, and no visible character may be lost.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{
		"", "a", "hello world", "مرحبا بالعالم 112", "السعر: 25 كرونة (SEK)", "https://www.1177.se/Stockholm/",
		"\u2066070-123 45 67\u2069", "а́", "x\u202ey\u202c", strings.Repeat("ж", 300), "a  b\tc", "👩‍👩‍👧 family",
	} {
		f.Add(s, float32(40))
	}
	f.Fuzz(func(t *testing.T, text string, width float32) {
		if !utf8.ValidString(text) || strings.ContainsAny(text, "\n\r") || len(text) > 2000 {
			return
		}
		if width < 0 || width > 1e6 || width != width {
			width = 0
		}
		for _, dir := range []bidi.Direction{bidi.LeftToRight, bidi.RightToLeft, bidi.Auto} {
			p := Layout(text, width, dir, width10)
			for _, l := range p.Lines {
				if width > 0 && l.Width > width && countVisible(l) > 1 {
					t.Fatalf("line %.0f wide over %.0f: %q", l.Width, width, visual(l))
				}
			}
			if q, _ := LayoutAtMost(text, width, 2, dir, width10); len(q.Lines) > 2 && width > 0 {
				t.Fatalf("LayoutAtMost gave %d lines", len(q.Lines))
			}
		}
	})
}

// countVisible is how many graphemes (letters with their marks, emoji
// sequences) the line draws: one alone may be wider than the line.
func countVisible(l Line) int {
	n := 0
	for _, p := range l.Pieces {
		n += len(graphemeBounds([]rune(strings.TrimSpace(p.Text)))) - 1
	}
	return n
}

// FuzzMarkdown reads any Markdown into blocks without panicking.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nText with \\_escape\\_ and a  \nhard break.", "1. one\n2. two\n   - nested\n3. three",
		"3. starts at three", "[link](https://example.org) **bold [x](y)**", "<b>raw</b>", "> quote\n> more",
		"| a | b |\n|---|---|\n| 1 | 2 |", "&amp; &#1589; &unknown;", "```\ncode\n```",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4000 {
			return
		}
		_ = Blocks(src)
	})
}
