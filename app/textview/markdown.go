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
// items become blocks of their own with their bullet or number.
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
		i := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			mark := "•"
			if n.IsOrdered() {
				mark = strconv.Itoa(i) + "."
				i++
			}
			out = append(out, Block{Text: mark + " " + inlineText(item, src)})
		}
		return out
	case *ast.ThematicBreak:
		return out
	}
	if t := inlineText(n, src); t != "" {
		out = append(out, Block{Text: t})
	}
	return out
}

// inlineText collects the text under n; soft line breaks become spaces.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c := c.(type) {
		case *ast.Text:
			if entering {
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() || c.HardLineBreak() {
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
