package importer

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText converts an HTML fragment to the simple Markdown of the source
// format (paragraphs, # and ## headings, - lists, **bold**, links), or,
// with markdown false, to plain text with the same line structure. Images,
// scripts and styles are dropped; relative links are resolved against
// base (when it is an absolute address) and other links keep their text.
func htmlToText(src, base string, markdown bool) string {
	nodes, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return cleanText(src)
	}
	c := converter{markdown: markdown}
	if u, err := url.Parse(base); err == nil && u.IsAbs() {
		c.base = u
	}
	for _, n := range nodes {
		c.node(n)
	}
	c.flush()
	return cleanText(strings.Join(c.blocks, "\n\n"))
}

type converter struct {
	markdown bool
	base     *url.URL
	blocks   []string
	line     strings.Builder // the block being written
	prefix   string          // what the block starts with ("## ", "- ")
	list     int             // list nesting depth
}

var spaces = regexp.MustCompile(`\s+`)

// flush ends the current block.
func (c *converter) flush() {
	s := c.take()
	if s != "" {
		c.blocks = append(c.blocks, c.prefix+s)
	}
	c.prefix = ""
}

// endBlock ends the current block: a list item when inside a list, else
// a paragraph. List items follow each other without a blank line.
func (c *converter) endBlock() {
	if c.list == 0 {
		c.flush()
		return
	}
	s := c.take()
	if s == "" {
		return
	}
	item := strings.Repeat("  ", c.list-1) + "- " + s
	if n := len(c.blocks); n > 0 && strings.HasPrefix(strings.TrimLeft(c.blocks[n-1], " "), "- ") {
		c.blocks[n-1] += "\n" + item
	} else {
		c.blocks = append(c.blocks, item)
	}
}

var blanks = regexp.MustCompile(` *\n *| {2,}`)

// take returns the block written so far, with runs of spaces made one
// and no spaces around line breaks, and starts a new one.
func (c *converter) take() string {
	s := blanks.ReplaceAllStringFunc(c.line.String(), func(m string) string {
		if strings.Contains(m, "\n") {
			return "\n"
		}
		return " "
	})
	c.line.Reset()
	return strings.TrimSpace(s)
}

// inline writes already formatted text (bold, a link), keeping a space
// on either side when the HTML had one.
func (c *converter) inline(raw, formatted string) {
	if strings.TrimLeft(raw, " \t\n") != raw {
		c.line.WriteString(" ")
	}
	c.line.WriteString(formatted)
	if strings.TrimRight(raw, " \t\n") != raw {
		c.line.WriteString(" ")
	}
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, "`", "\\`")

func (c *converter) write(s string) {
	s = spaces.ReplaceAllString(s, " ")
	if c.markdown {
		s = mdEscaper.Replace(s)
	}
	c.line.WriteString(s)
}

func (c *converter) children(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(ch)
	}
}

func (c *converter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		c.write(n.Data)
		return
	case html.ElementNode:
	default:
		c.children(n)
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Img, atom.Iframe, atom.Svg, atom.Noscript:
	case atom.Br:
		c.line.WriteString("\n")
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.flush()
		c.children(n)
		if c.markdown {
			c.prefix = "## "
			if n.DataAtom == atom.H1 {
				c.prefix = "# "
			}
		}
		c.flush()
	case atom.Ul, atom.Ol:
		c.endBlock()
		c.list++
		c.children(n)
		c.endBlock()
		c.list--
	case atom.Li:
		c.endBlock()
		c.children(n)
		c.endBlock()
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Blockquote, atom.Table, atom.Tr, atom.Pre, atom.Header, atom.Footer:
		if c.list > 0 {
			// A paragraph inside a list item stays in the item.
			c.children(n)
			c.line.WriteString(" ")
			return
		}
		c.flush()
		c.children(n)
		c.flush()
	case atom.Td, atom.Th:
		c.children(n)
		c.write(" ")
	case atom.Strong, atom.B:
		if raw := textOf(n); c.markdown && strings.TrimSpace(raw) != "" {
			c.inline(raw, "**"+mdEscaper.Replace(strings.TrimSpace(spaces.ReplaceAllString(raw, " ")))+"**")
			return
		}
		c.children(n)
	case atom.A:
		c.link(n)
	default:
		c.children(n)
	}
}

func (c *converter) link(n *html.Node) {
	raw := textOf(n)
	label := strings.TrimSpace(spaces.ReplaceAllString(raw, " "))
	href := ""
	for _, a := range n.Attr {
		if a.Key == "href" {
			href = strings.TrimSpace(a.Val)
		}
	}
	if u, err := url.Parse(href); err == nil && href != "" {
		if c.base != nil {
			u = c.base.ResolveReference(u)
		}
		if u.Scheme == "http" || u.Scheme == "https" {
			href = u.String()
		} else {
			href = ""
		}
	} else {
		href = ""
	}
	switch {
	case href == "":
		c.write(raw)
	case label == "" || label == href:
		c.inline(raw, " "+href+" ")
	case c.markdown:
		c.inline(raw, "["+mdEscaper.Replace(label)+"]("+strings.ReplaceAll(href, ")", "%29")+")")
	default:
		c.inline(raw, label+" ("+href+")")
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}
