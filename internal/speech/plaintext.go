package speech

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// PlainText turns a Markdown body into the sentences to read aloud, one
// block (heading, paragraph, list item) a line. Each line ends with a
// punctuation mark, so the voice pauses after a heading or list item as
// it does after a sentence. What only makes sense on a screen is left
// out: emphasis marks, link addresses (the link text is read), images
// (their description is read), raw HTML, code blocks and rules, and the
// "https://" of a web address written out in the text.
func PlainText(markdown string) string {
	src := []byte(markdown)
	doc := goldmark.DefaultParser().Parse(text.NewReader(src))
	var lines []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Heading, *ast.Paragraph, *ast.TextBlock:
			if line := sentence(inline(n, src)); line != "" {
				lines = append(lines, line)
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.ThematicBreak:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(lines, "\n")
}

// inline collects the words under a block; line breaks become spaces.
func inline(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(util.UnescapePunctuations(c.Segment.Value(src)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink, *ast.RawHTML:
			// An address in <…> is for clicking, not for reading.
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return tidy(b.String())
}

var (
	scheme      = regexp.MustCompile(`\b(?:https?://|mailto:)`)
	domainSlash = regexp.MustCompile(`(\.[a-z]{2,})/(\s|[.,;:!?)]|$)`)
	spaces      = regexp.MustCompile(`\s+`)
)

// tidy drops what the parser leaves that a voice would spell out: the
// scheme of a written-out web address, a trailing slash after it, and
// asterisks that did not make emphasis.
func tidy(s string) string {
	s = scheme.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "*", "")
	s = domainSlash.ReplaceAllString(s, "$1$2")
	return strings.TrimSpace(spaces.ReplaceAllString(s, " "))
}

// sentence ends s with a full stop unless it already ends with a mark
// that makes the voice pause (Latin or Arabic).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".!?…:;؟؛،", last) || unicode.Is(unicode.Pe, last) && endsSentence(s) {
		return s
	}
	return s + "."
}

// endsSentence reports whether a text ending in a closing bracket already
// has a sentence mark just before it, as in "(see 1177.se.)".
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.Is(unicode.Pe, r) })
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…؟", last)
}
