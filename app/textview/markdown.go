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
// column of Labels, each block aligned by its own direction. A list item
// hangs from its bullet or number and a nested list is indented further,
// from the right in a right-to-left body. Inline emphasis is shown as
// plain text; a link shows its text and address, since a kiosk does not
// open links.
func NewMarkdown(src string, dir bidi.Direction) *fyne.Container {
	box := container.NewVBox()
	for _, b := range Blocks(src) {
		l := NewLabel(b.Text, dir)
		if b.Heading > 0 {
			l.TextStyle.Bold = true
			l.SizeName = theme.SizeNameSubHeadingText
		}
		if b.Depth == 0 {
			box.Add(l)
			continue
		}
		marker := NewLabel(b.Marker, dir)
		marker.Wrapping = false
		box.Add(container.New(&hangingLayout{depth: b.Depth, rtl: dir == bidi.RightToLeft}, marker, l))
	}
	return box
}

// Block is one block of a Markdown body, as text to show.
type Block struct {
	Text    string // hard line breaks are newlines
	Heading int    // 1–6 for a heading, 0 otherwise
	// Depth is how deep in lists the block is: 0 outside a list, 1 in an
	// item of a top-level list, 2 in a list inside that, …
	Depth int
	// Marker is the bullet or number ("•", "3.") of an item's first block;
	// the item's later blocks have none and line up with its text.
	Marker string
}

// Blocks parses Markdown with goldmark (CommonMark) and flattens it into
// blocks; each list item's paragraphs and nested lists become blocks of
// their own, keeping their depth and the item's bullet or number.
func Blocks(src string) []Block {
	source := []byte(src)
	doc := goldmark.DefaultParser().Parse(text.NewReader(source))
	var out []Block
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		out = appendBlocks(out, n, source, 0)
	}
	return out
}

func appendBlocks(out []Block, n ast.Node, src []byte, depth int) []Block {
	switch n := n.(type) {
	case *ast.Heading:
		return append(out, Block{Text: inlineText(n, src), Heading: n.Level, Depth: depth})
	case *ast.List:
		number := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			marker := "•"
			if n.IsOrdered() {
				marker = strconv.Itoa(number) + "."
				number++
			}
			out = appendItem(out, item, src, depth+1, marker)
		}
		return out
	case *ast.ThematicBreak:
		return out
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return append(out, Block{Text: codeText(n, src), Depth: depth})
	}
	if t := inlineText(n, src); t != "" {
		out = append(out, Block{Text: t, Depth: depth})
	}
	return out
}

// appendItem adds a list item's blocks; the first carries the marker,
// which stands alone when the item starts with a nested list.
func appendItem(out []Block, item ast.Node, src []byte, depth int, marker string) []Block {
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		if _, nested := c.(*ast.List); nested && marker != "" {
			out = append(out, Block{Depth: depth, Marker: marker})
			marker = ""
		}
		before := len(out)
		out = appendBlocks(out, c, src, depth)
		if len(out) > before && marker != "" && out[before].Depth == depth {
			out[before].Marker, marker = marker, ""
		}
	}
	if marker != "" { // an empty item still shows its number
		out = append(out, Block{Depth: depth, Marker: marker})
	}
	return out
}

// inlineText collects the text under n as a reader sees it: backslash
// escapes and character references resolved (\_ is _, &amp; is &), soft
// line breaks as spaces and hard ones (two spaces or a backslash at the
// end of a line) as newlines.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c := c.(type) {
		case *ast.Text:
			if entering {
				b.Write(textValue(c, src))
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
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// textValue is a text node's characters; code spans stay as written.
func textValue(t *ast.Text, src []byte) []byte {
	v := t.Segment.Value(src)
	if t.IsRaw() {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// codeText is a code block's lines as written.
func codeText(n ast.Node, src []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return strings.TrimRight(b.String(), "\n")
}

// hangingLayout places a list block: its marker in a column indented by
// the depth, the text beside it, wrapping under itself (not under the
// marker); mirrored in a right-to-left body. Objects: marker, text.
type hangingLayout struct {
	depth int
	rtl   bool
}

// columns are the indent before the marker and the marker's column width:
// a step of two characters a level, and room for a bullet or a number.
func (h *hangingLayout) columns(marker fyne.CanvasObject) (indent, mark float32) {
	size := fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameText)
	return float32(h.depth-1) * 2 * size, max(marker.MinSize().Width, 2*size)
}

func (h *hangingLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	marker, body := objs[0], objs[1]
	indent, mark := h.columns(marker)
	textW := max(size.Width-indent-mark, 0)
	body.Resize(fyne.NewSize(textW, body.MinSize().Height))
	body.Resize(fyne.NewSize(textW, body.MinSize().Height)) // its height at the new width
	marker.Resize(fyne.NewSize(mark, marker.MinSize().Height))
	if h.rtl {
		marker.Move(fyne.NewPos(size.Width-indent-mark, 0))
		body.Move(fyne.NewPos(0, 0))
		return
	}
	marker.Move(fyne.NewPos(indent, 0))
	body.Move(fyne.NewPos(indent+mark, 0))
}

func (h *hangingLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	marker, body := objs[0], objs[1]
	indent, mark := h.columns(marker)
	m := body.MinSize()
	return fyne.NewSize(indent+mark+m.Width, max(m.Height, marker.MinSize().Height))
}
