package textview

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/motesplats/motesplats/internal/bidi"
)

// NewMarkdown lays out a Markdown body (headings, paragraphs, lists) as a
// column of Labels, each block aligned by its own direction. Inline
// emphasis is shown as plain text; a link shows its text and address,
// since a kiosk does not open links.
func NewMarkdown(src string, dir bidi.Direction) *fyne.Container {
	box := container.NewVBox()
	for _, b := range Blocks(src) {
		l := NewLabel(b.Text, dir)
		if b.Heading > 0 {
			l.TextStyle.Bold = true
			l.SizeName = theme.SizeNameSubHeadingText
		}
		box.Add(l)
	}
	return box
}

// Block is one block of a Markdown body, as text to show.
type Block struct {
	Text    string
	Heading int // 1–6 for a heading, 0 otherwise
}

// Blocks parses Markdown with goldmark and flattens it into blocks; list
// items become blocks of their own with their bullet or number, and the
// items of a nested list follow their parent item, indented.
func Blocks(src string) []Block {
	source := []byte(src)
	doc := goldmark.DefaultParser().Parse(text.NewReader(source))
	var out []Block
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		out = appendBlocks(out, n, source)
	}
	return out
}

func appendBlocks(out []Block, n ast.Node, src []byte) []Block {
	switch n := n.(type) {
	case *ast.Heading:
		return append(out, Block{Text: inlineText(n, src), Heading: n.Level})
	case *ast.List:
		return appendList(out, n, src, "")
	case *ast.ThematicBreak:
		return out
	}
	if t := inlineText(n, src); t != "" {
		out = append(out, Block{Text: t})
	}
	return out
}

// appendList adds a list's items, each with its bullet or number after
// indent; a nested list's items follow their item, indented further.
func appendList(out []Block, n *ast.List, src []byte, indent string) []Block {
	i := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		mark := "•"
		if n.IsOrdered() {
			mark = strconv.Itoa(i) + "."
			i++
		}
		var nested []*ast.List
		var b strings.Builder
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if l, ok := c.(*ast.List); ok {
				nested = append(nested, l)
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(inlineText(c, src))
		}
		if b.Len() > 0 || len(nested) == 0 {
			out = append(out, Block{Text: indent + mark + " " + b.String()})
		}
		for _, l := range nested {
			out = appendList(out, l, src, indent+"    ")
		}
	}
	return out
}

// inlineText collects the text under n; soft line breaks become spaces,
// hard ones (a "\" or two spaces at the end of a line) stay line breaks,
// and backslash escapes are taken off.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c := c.(type) {
		case *ast.Text:
			if entering {
				b.Write(util.UnescapePunctuations(c.Segment.Value(src)))
				switch {
				case c.HardLineBreak():
					b.WriteByte('\n')
				case c.SoftLineBreak():
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(c.Value)
			}
		case *ast.AutoLink:
			if entering {
				b.Write(c.URL(src))
			}
		case *ast.Link:
			if !entering && !strings.Contains(string(c.Destination), "mailto:") {
				b.WriteString(" (" + string(c.Destination) + ")")
			}
		case *ast.Paragraph, *ast.TextBlock:
			if !entering && c.NextSibling() != nil {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
