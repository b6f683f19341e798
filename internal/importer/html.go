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
	s := strings.TrimSpace(c.line.String())
	c.line.Reset()
	if s != "" {
		c.blocks = append(c.blocks, c.prefix+s)
	}
	c.prefix = ""
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, "`", "\\`")

func (c *converter) write(s string) {
	s = spaces.ReplaceAllString(s, " ")
	if c.line.Len() == 0 {
		s = strings.TrimLeft(s, " ")
	}
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
		c.flush()
		c.list++
		c.children(n)
		c.list--
		c.flush()
	case atom.Li:
		c.flush()
		c.children(n)
		c.prefix = strings.Repeat("  ", max(c.list-1, 0)) + "- "
		// List items follow each other without a blank line.
		s := strings.TrimSpace(c.line.String())
		c.line.Reset()
		if s != "" {
			item := c.prefix + s
			if n := len(c.blocks); n > 0 && strings.HasPrefix(strings.TrimLeft(c.blocks[n-1], " "), "- ") {
				c.blocks[n-1] += "\n" + item
			} else {
				c.blocks = append(c.blocks, item)
			}
		}
		c.prefix = ""
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Blockquote, atom.Table, atom.Tr, atom.Pre, atom.Header, atom.Footer:
		c.flush()
		c.children(n)
		c.flush()
	case atom.Td, atom.Th:
		c.children(n)
		c.write(" ")
	case atom.Strong, atom.B:
		if c.markdown && strings.TrimSpace(textOf(n)) != "" {
			c.write(" ")
			c.line.WriteString("**")
			c.line.WriteString(mdEscaper.Replace(strings.TrimSpace(spaces.ReplaceAllString(textOf(n), " "))))
			c.line.WriteString("** ")
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
	label := strings.TrimSpace(spaces.ReplaceAllString(textOf(n), " "))
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
		c.write(label)
	case label == "" || label == href:
		c.write(" ")
		c.line.WriteString(href)
		c.write(" ")
	case c.markdown:
		c.write(" ")
		c.line.WriteString("[" + mdEscaper.Replace(label) + "](" + strings.ReplaceAll(href, ")", "%29") + ")")
		c.write(" ")
	default:
		c.write(" " + label + " (")
		c.line.WriteString(href)
		c.write(") ")
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
