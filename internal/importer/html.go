package importer

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText converts an HTML fragment to the Markdown of the source
// format, or, with markdown false, to plain text with the same line
// structure (docs/importers.md, "HTML to Markdown").
//
// The fragment is parsed by x/net/html, which builds the tree as a
// browser does, so unclosed and misnested tags end up where a browser
// would put them. What comes out:
//
//   - paragraphs; <br> as a hard line break (two or more as a paragraph
//     break); headings keep their level;
//   - - lists and numbered lists (with their start), nested lists
//     indented under their item;
//   - **bold** and *italic* only where Markdown will read them as such;
//     links anywhere (also inside bold), relative ones resolved against
//     base; an address already shown on the page is not repeated;
//   - tables as a list, one row an item ("Header: value; …" when the
//     first row is a header row);
//   - entities decoded; Markdown escapes only where a character would
//     otherwise be read as Markdown.
//
// Images, scripts, styles, frames and form controls are dropped.
func htmlToText(src, base string, markdown bool) string {
	nodes, err := html.ParseFragment(strings.NewReader(src), bodyContext())
	if err != nil {
		return cleanText(src)
	}
	c := &mdConv{markdown: markdown, shown: map[string]bool{}, blocky: map[*html.Node]bool{}}
	if u, err := url.Parse(base); err == nil && u.IsAbs() {
		c.base = u
	}
	root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	c.markBlocky(root)
	w := &blockWriter{c: c}
	c.children(w, root)
	return cleanText(strings.Join(w.finish(), "\n\n"))
}

// bodyContext is the element a fragment is parsed in: page content is the
// inside of <body>.
func bodyContext() *html.Node {
	return &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
}

// mdConv holds what one conversion needs across the tree.
type mdConv struct {
	markdown bool
	base     *url.URL
	// shown holds the link addresses already written, so a link repeated
	// (or cloned by the parser for an unclosed <a>) shows its text only.
	shown map[string]bool
	// blocky marks the nodes that hold a block element somewhere below.
	blocky map[*html.Node]bool
	bold   int // nesting depth of <b>/<strong>
	italic int
}

// Placeholders for emphasis markers: whether "**" or "*" is read as
// emphasis depends on the characters on either side, known only when the
// paragraph is complete (resolveMarkers).
const (
	boldOpen    = '\uE000'
	boldClose   = '\uE001'
	italicOpen  = '\uE002'
	italicClose = '\uE003'
	// hardBreak stands for <br> until the paragraph is complete.
	hardBreak = '\uE004'
)

func isPlaceholder(r rune) bool { return r >= boldOpen && r <= hardBreak }

type elemKind int

const (
	inlineElem elemKind = iota
	blockElem
	skipElem
)

func kindOf(n *html.Node) elemKind {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Img, atom.Iframe, atom.Svg, atom.Math, atom.Noscript, atom.Template,
		atom.Head, atom.Title, atom.Meta, atom.Link, atom.Object, atom.Embed, atom.Video, atom.Audio,
		atom.Canvas, atom.Input, atom.Select, atom.Textarea, atom.Map, atom.Picture, atom.Source:
		return skipElem
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Nav, atom.Aside, atom.Header,
		atom.Footer, atom.Address, atom.Blockquote, atom.Pre, atom.Center, atom.Fieldset, atom.Legend,
		atom.Form, atom.Figure, atom.Figcaption, atom.Details, atom.Summary, atom.Hr,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Menu,
		atom.Table, atom.Caption, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th,
		atom.Html, atom.Body:
		return blockElem
	}
	return inlineElem
}

// markBlocky fills c.blocky in one pass, so asking is constant time
// however deep the tree.
func (c *mdConv) markBlocky(n *html.Node) bool {
	has := false
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode || kindOf(ch) == skipElem {
			continue
		}
		if c.markBlocky(ch) || kindOf(ch) == blockElem {
			has = true
		}
	}
	c.blocky[n] = has
	return has
}

// blockWriter collects the blocks of one container (the page, a list
// item, a quote) and the paragraph being written.
type blockWriter struct {
	c      *mdConv
	blocks []mdBlock
	para   strings.Builder
}

type mdBlock struct {
	text string
	list bool // a list, which may follow a list item's text without a blank line
}

func (w *blockWriter) flush() {
	raw := w.para.String()
	w.para.Reset()
	// Two <br> in a row separate paragraphs, as they look in a browser.
	for _, p := range strings.Split(raw, string([]rune{hardBreak, hardBreak})) {
		if s := w.c.paragraph(p); s != "" {
			w.blocks = append(w.blocks, mdBlock{text: s})
		}
	}
}

func (w *blockWriter) add(b mdBlock) {
	w.flush()
	if strings.TrimSpace(b.text) != "" {
		w.blocks = append(w.blocks, b)
	}
}

func (w *blockWriter) finish() []string {
	w.flush()
	out := make([]string, len(w.blocks))
	for i, b := range w.blocks {
		out[i] = b.text
	}
	return out
}

func (c *mdConv) children(w *blockWriter, n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(w, ch)
	}
}

// node writes one node in block context.
func (c *mdConv) node(w *blockWriter, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.para.WriteString(c.text(n.Data))
		return
	case html.ElementNode:
	case html.DocumentNode:
		c.children(w, n)
		return
	default:
		return
	}
	switch kindOf(n) {
	case skipElem:
		return
	case inlineElem:
		if !c.blocky[n] {
			w.para.WriteString(c.inline(n))
			return
		}
		// An inline element around blocks (an unclosed <a>, <b> around
		// paragraphs): the blocks are kept, the formatting is not, and a
		// link's address follows them.
		c.children(w, n)
		if n.DataAtom == atom.A {
			if href := c.href(n); href != "" && !c.shown[href] {
				c.shown[href] = true
				w.add(mdBlock{text: c.bareURL(href)})
			}
		}
		return
	}
	c.block(w, n)
}

func (c *mdConv) block(w *blockWriter, n *html.Node) {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		level := int(n.Data[1] - '0')
		t := c.oneLine(c.inlineText(n))
		if t == "" {
			return
		}
		if c.markdown {
			t = strings.Repeat("#", level) + " " + escapeClosingHashes(t)
		}
		w.add(mdBlock{text: t})
	case atom.Ul, atom.Ol, atom.Menu:
		w.add(mdBlock{text: c.list(n), list: true})
	case atom.Li:
		// An <li> outside a list (the parser keeps it where it is).
		w.add(mdBlock{text: c.listItems([]*html.Node{n}, false, 1), list: true})
	case atom.Table:
		c.table(w, n)
	case atom.Blockquote:
		inner := &blockWriter{c: c}
		c.children(inner, n)
		text := strings.Join(inner.finish(), "\n\n")
		if c.markdown {
			text = prefixLines(text, "> ", ">")
		}
		w.add(mdBlock{text: text})
	case atom.Pre:
		// Lines kept as hard breaks: a code block would not be shown.
		raw := strings.TrimRight(strings.TrimLeft(textOf(n), "\n"), " \t\n")
		var b strings.Builder
		for i, line := range strings.Split(raw, "\n") {
			if i > 0 {
				b.WriteRune(hardBreak)
			}
			b.WriteString(c.text(line))
		}
		w.flush()
		w.para.WriteString(b.String())
		w.flush()
	case atom.Dt, atom.Summary:
		w.flush()
		c.bold++
		inner := c.inlineText(n)
		c.bold--
		if c.markdown {
			inner = wrapMarkers(strings.ReplaceAll(inner, string(hardBreak), " "), boldOpen, boldClose)
		}
		w.add(mdBlock{text: c.paragraph(inner)})
	case atom.Hr:
		w.flush()
	case atom.Td, atom.Th, atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption:
		// Table parts outside a table (foster-parented away by the parser).
		w.flush()
		c.children(w, n)
		w.flush()
	default:
		w.flush()
		c.children(w, n)
		w.flush()
	}
}

// list writes a <ul> or <ol>.
func (c *mdConv) list(n *html.Node) string {
	var items []*html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.DataAtom == atom.Li {
			items = append(items, ch)
		} else if ch.Type == html.ElementNode || strings.TrimSpace(ch.Data) != "" {
			// Stray content in a list: wrap it as an item of its own.
			li := &html.Node{Type: html.ElementNode, Data: "li", DataAtom: atom.Li}
			items = append(items, li)
			c.blocky[li] = c.blocky[ch] || (ch.Type == html.ElementNode && kindOf(ch) == blockElem)
			li.AppendChild(cloneShallow(ch))
		}
	}
	start := 1
	if n.DataAtom == atom.Ol {
		for _, a := range n.Attr {
			if a.Key == "start" {
				if v, err := strconv.Atoi(strings.TrimSpace(a.Val)); err == nil && v >= 0 && v < 1e9 {
					start = v
				}
			}
		}
	}
	return c.listItems(items, n.DataAtom == atom.Ol, start)
}

// cloneShallow moves n's subtree under a new parent without touching the
// original tree (a node can have only one parent).
func cloneShallow(n *html.Node) *html.Node {
	cp := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Attr: n.Attr}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		cp.AppendChild(cloneShallow(ch))
	}
	return cp
}

func (c *mdConv) listItems(items []*html.Node, ordered bool, start int) string {
	var out []string
	loose := false
	num := start
	for _, li := range items {
		inner := &blockWriter{c: c}
		if _, known := c.blocky[li]; !known {
			c.markBlocky(li) // an item made for stray list content
		}
		c.children(inner, li)
		inner.flush()
		if len(inner.blocks) == 0 {
			continue
		}
		marker := "- "
		if ordered {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		indent := strings.Repeat(" ", len(marker))
		var b strings.Builder
		for i, blk := range inner.blocks {
			text := blk.text
			if i == 0 && blk.list {
				// An item that starts with a nested list.
				b.WriteString(strings.TrimRight(marker, " "))
				b.WriteString("\n")
			}
			if i > 0 {
				if blk.list {
					b.WriteString("\n")
				} else {
					b.WriteString("\n\n")
					loose = true
				}
			}
			if i == 0 && !blk.list {
				b.WriteString(marker + prefixLines(text, indent, "")[len(indent):])
			} else {
				b.WriteString(prefixLines(text, indent, ""))
			}
		}
		out = append(out, b.String())
	}
	sep := "\n"
	if loose {
		sep = "\n\n"
	}
	return strings.Join(out, sep)
}

// prefixLines puts prefix before every line of s (empty lines get
// emptyPrefix).
func prefixLines(s, prefix, emptyPrefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = emptyPrefix
		} else {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// table writes a table as a list, one row an item: "Header: value; …"
// when the first row is all header cells, else the cells joined with
// ": " (two columns) or " | ".
func (c *mdConv) table(w *blockWriter, n *html.Node) {
	var caption string
	var rows [][]string
	var headerRow []bool
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			switch ch.DataAtom {
			case atom.Caption:
				caption = c.cell(ch)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(ch)
			case atom.Tr:
				var cells []string
				allTH := true
				for td := ch.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
						cells = append(cells, c.cell(td))
						allTH = allTH && td.DataAtom == atom.Th
					}
				}
				rows = append(rows, cells)
				headerRow = append(headerRow, allTH && len(cells) > 0)
			}
		}
	}
	walk(n)
	w.flush()
	if caption != "" {
		w.add(mdBlock{text: caption})
	}
	var header []string
	if len(rows) > 1 && headerRow[0] && len(rows[0]) > 1 {
		header = rows[0]
	}
	items := tableItems(header, rows[min(len(header), 1):])
	if len(items) == 0 && header != nil {
		// Only a header has text: it is the content.
		items = tableItems(nil, rows)
	}
	if len(items) == 1 {
		// A table used for layout: its content as a paragraph.
		w.add(mdBlock{text: items[0]})
		return
	}
	if len(items) > 0 {
		w.add(mdBlock{text: "- " + strings.Join(items, "\n- "), list: true})
	}
}

// tableItems writes each row as one line: "Header: value; …" under a
// header, else the cells joined with ": " (two) or " | " (more).
func tableItems(header []string, rows [][]string) []string {
	var items []string
	for _, row := range rows {
		var parts []string
		for i, cell := range row {
			switch {
			case cell == "":
			case header != nil && i < len(header) && header[i] != "":
				parts = append(parts, header[i]+": "+cell)
			default:
				parts = append(parts, cell)
			}
		}
		sep := " | "
		switch {
		case header != nil:
			sep = "; "
		case len(parts) == 2:
			sep = ": "
		}
		if len(parts) > 0 {
			items = append(items, strings.Join(parts, sep))
		}
	}
	return items
}

// cell is the text of a table cell on one line.
func (c *mdConv) cell(n *html.Node) string {
	inner := &blockWriter{c: c}
	c.children(inner, n)
	parts := inner.finish()
	for i, p := range parts {
		p = strings.ReplaceAll(p, "\\\n", " ")
		parts[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(parts, " ")
}

// inline converts an inline element (one with no block inside).
func (c *mdConv) inline(n *html.Node) string {
	switch n.Type {
	case html.TextNode:
		return c.text(n.Data)
	case html.ElementNode:
	default:
		return ""
	}
	if kindOf(n) == skipElem {
		return ""
	}
	switch n.DataAtom {
	case atom.Br:
		return string(hardBreak)
	case atom.Wbr:
		return ""
	case atom.Strong, atom.B:
		c.bold++
		inner := c.inlineText(n)
		c.bold--
		if c.bold > 0 || !c.markdown {
			return inner
		}
		return wrapMarkers(inner, boldOpen, boldClose)
	case atom.Em, atom.I:
		c.italic++
		inner := c.inlineText(n)
		c.italic--
		if c.italic > 0 || !c.markdown {
			return inner
		}
		return wrapMarkers(inner, italicOpen, italicClose)
	case atom.A:
		return c.link(n)
	}
	return c.inlineText(n)
}

func (c *mdConv) inlineText(n *html.Node) string {
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && kindOf(ch) == blockElem {
			// A block inside a heading or a cell: its text, spaced off.
			b.WriteString(" " + c.inlineText(ch) + " ")
			continue
		}
		b.WriteString(c.inline(ch))
	}
	return b.String()
}

// wrapMarkers puts emphasis placeholders around the text of inner,
// leaving its outer white space outside.
func wrapMarkers(inner string, open, close rune) string {
	core := strings.TrimFunc(inner, isSpaceOrBreak)
	if core == "" {
		return inner
	}
	i := strings.Index(inner, core)
	return inner[:i] + string(open) + core + string(close) + inner[i+len(core):]
}

func isSpaceOrBreak(r rune) bool { return unicode.IsSpace(r) || r == hardBreak }

// href returns a link's address, resolved against the page, when it is
// http(s), mailto or tel; else "".
func (c *mdConv) href(n *html.Node) string {
	raw := ""
	for _, a := range n.Attr {
		if a.Key == "href" {
			raw = strings.TrimSpace(a.Val)
		}
	}
	if raw == "" || strings.HasPrefix(raw, "#") {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if c.base != nil {
		u = c.base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
		return u.String()
	case "mailto", "tel":
		return u.String()
	}
	return ""
}

// link writes an <a>: "[text](address)" (plain: "text (address)"), the
// bare address when the text is the address, and only the text when the
// address was shown before or is not a web, mail or phone address. Mail
// and phone links show the address as text, since a kiosk does not open
// them.
func (c *mdConv) link(n *html.Node) string {
	label := c.inlineText(n)
	href := c.href(n)
	plainLabel := strings.Join(strings.Fields(strings.Map(dropPlaceholder, unescapeMarkdown(label))), " ")
	if href == "" || c.shown[href] {
		return label
	}
	c.shown[href] = true
	scheme, rest, _ := strings.Cut(href, ":")
	if scheme == "mailto" || scheme == "tel" {
		addr, _ := url.PathUnescape(strings.SplitN(rest, "?", 2)[0])
		if addr == "" || strings.Contains(normalisePhone(plainLabel), normalisePhone(addr)) {
			return label
		}
		return keepSpaces(label, strings.TrimSpace(label)+" ("+c.text(addr)+")")
	}
	if plainLabel == "" || plainLabel == href || "https://"+plainLabel == href || "http://"+plainLabel == href {
		return keepSpaces(label, c.bareURL(href))
	}
	if !c.markdown {
		return keepSpaces(label, strings.TrimSpace(label)+" ("+href+")")
	}
	inside := strings.TrimFunc(label, isSpaceOrBreak)
	inside = strings.ReplaceAll(inside, string(hardBreak), " ")
	inside = escapeBrackets(inside)
	dest := strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(href)
	return keepSpaces(label, "["+inside+"]("+dest+")")
}

func dropPlaceholder(r rune) rune {
	if isPlaceholder(r) {
		return ' '
	}
	return r
}

// normalisePhone keeps the digits and letters of s, to see whether a link
// text already holds its address.
func normalisePhone(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '@' || r == '.' {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// keepSpaces gives formatted the white space raw had at its ends.
func keepSpaces(raw, formatted string) string {
	core := strings.TrimFunc(raw, unicode.IsSpace)
	if core == "" {
		return formatted
	}
	i := strings.Index(raw, core)
	return raw[:i] + formatted + raw[i+len(core):]
}

// bareURL writes an address as itself: an autolink in Markdown, so no
// character of it is read as emphasis.
func (c *mdConv) bareURL(href string) string {
	if c.markdown && strings.HasPrefix(href, "http") && !strings.ContainsAny(href, "<> ") {
		return "<" + href + ">"
	}
	return href
}

func escapeBrackets(s string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range s {
		if (r == '[' || r == ']') && prev != '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

var spaceRun = regexp.MustCompile(`[\t\n\f\r ]+`)

// text writes a text node: white space collapsed as a browser does, and
// in Markdown, the characters escaped that would otherwise be read as
// Markdown here (escapeInline); line starts are escaped per paragraph.
func (c *mdConv) text(s string) string {
	s = strings.Map(func(r rune) rune {
		if isPlaceholder(r) {
			return -1
		}
		return r
	}, dropInvisible(s))
	s = spaceRun.ReplaceAllString(s, " ")
	if !c.markdown {
		return s
	}
	return escapeInline(s)
}

var entityLike = regexp.MustCompile(`^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// escapeInline escapes what Markdown would read as formatting inside a
// line, and nothing else, so a reader sees no stray backslashes:
// "info_beratung", "Mo - Fr", "5 * 3", "[1]" stay as they are.
func escapeInline(s string) string {
	var b strings.Builder
	runes := []rune(s)
	at := func(i int) rune {
		if i < 0 || i >= len(runes) {
			return ' '
		}
		return runes[i]
	}
	for i, r := range runes {
		prev, next := at(i-1), at(i+1)
		esc := false
		switch r {
		case '\\':
			esc = next < utf8.RuneSelf && unicode.IsPunct(next) || next < utf8.RuneSelf && unicode.IsSymbol(next)
		case '*':
			esc = !(unicode.IsSpace(prev) && unicode.IsSpace(next))
		case '_':
			esc = !(isWordRune(prev) && isWordRune(next)) && !(unicode.IsSpace(prev) && unicode.IsSpace(next))
		case '`':
			esc = true
		case ']':
			// Without reference definitions only "](" makes a link.
			esc = next == '('
		case '<':
			esc = next == '/' || next == '!' || next == '?' || (next < utf8.RuneSelf && unicode.IsLetter(next))
		case '&':
			esc = entityLike.MatchString(string(runes[i:min(len(runes), i+40)]))
		}
		if esc {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// oneLine is a heading's or term's text: markers resolved, breaks made
// spaces, on one line.
func (c *mdConv) oneLine(s string) string {
	s = strings.ReplaceAll(s, string(hardBreak), " ")
	s = strings.Map(func(r rune) rune {
		if isPlaceholder(r) {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if c.markdown {
		s = escapeLineStart(s)
	}
	return s
}

var lineStartMarkdown = regexp.MustCompile(`^(#{1,6}(\s|$)|[-+*](\s|$)|[0-9]{1,9}[.)](\s|$)|>|` + "```|~~~" + `|[=]+\s*$|[-_*](\s*[-_*]){2,}\s*$|\[[^\]]*\]:)`)

// escapeLineStart escapes a line that would start a heading, list, quote,
// code fence or rule.
func escapeLineStart(line string) string {
	m := lineStartMarkdown.FindStringIndex(line)
	if m == nil {
		return line
	}
	// Escape the punctuation that makes it Markdown: the first
	// character, or after the digits of "1." / "1)".
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return line[:i] + "\\" + line[i:]
}

var closingHashes = regexp.MustCompile(`\s(#+)$`)

func escapeClosingHashes(s string) string {
	return closingHashes.ReplaceAllStringFunc(s, func(m string) string { return m[:1] + "\\" + m[1:] })
}

// paragraph finishes one paragraph: markers resolved, hard breaks
// written, spaces tidied, line starts escaped.
func (c *mdConv) paragraph(p string) string {
	if c.markdown {
		p = resolveMarkers(p)
	}
	lines := strings.Split(p, string(hardBreak))
	var kept []string
	for _, l := range lines {
		l = strings.Join(strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }), " ")
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if c.markdown {
			l = escapeLineStart(l)
			if strings.HasSuffix(l, "\\") && !strings.HasSuffix(l, "\\\\") {
				l += "\\"
			}
		}
		kept = append(kept, l)
	}
	sep := "\n"
	if c.markdown {
		sep = "\\\n"
	}
	return strings.Join(kept, sep)
}

// resolveMarkers turns emphasis placeholders into "**" and "*" where
// CommonMark will read them as emphasis (its flanking rules), and drops
// them elsewhere: the text is kept, the emphasis is lost, and no stray
// asterisks are shown.
func resolveMarkers(p string) string {
	rs := []rune(p)
	type open struct {
		i    int
		kind rune
	}
	var stack []open
	keep := make([]bool, len(rs))
	// visible is the character a marker touches, looking from i in the
	// direction step past other markers; a line break or the end of the
	// paragraph counts as white space.
	visible := func(i, step int) rune {
		for ; i >= 0 && i < len(rs); i += step {
			if rs[i] == hardBreak {
				return '\n'
			}
			if !isPlaceholder(rs[i]) {
				return rs[i]
			}
		}
		return ' '
	}
	for i, r := range rs {
		switch r {
		case boldOpen, italicOpen:
			stack = append(stack, open{i, r})
		case boldClose, italicClose:
			want := boldOpen
			if r == italicClose {
				want = italicOpen
			}
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].kind != want {
					continue
				}
				o := stack[j].i
				stack = stack[:j]
				before, first := visible(o-1, -1), visible(o+1, 1)
				last, after := visible(i-1, -1), visible(i+1, 1)
				ok := leftFlanking(before, first) && rightFlanking(last, after) && o+1 < i
				keep[o], keep[i] = ok, ok
				break
			}
		}
	}
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case boldOpen, boldClose:
			if keep[i] {
				b.WriteString("**")
			}
		case italicOpen, italicClose:
			if keep[i] {
				b.WriteString("*")
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isMDPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// leftFlanking: a delimiter between before and next can open emphasis.
func leftFlanking(before, next rune) bool {
	if unicode.IsSpace(next) {
		return false
	}
	return !isMDPunct(next) || unicode.IsSpace(before) || isMDPunct(before)
}

// rightFlanking: a delimiter between prev and after can close emphasis.
func rightFlanking(prev, after rune) bool {
	if unicode.IsSpace(prev) {
		return false
	}
	return !isMDPunct(prev) || unicode.IsSpace(after) || isMDPunct(after)
}

var mdUnescape = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)

// unescapeMarkdown undoes backslash escapes (to compare texts).
func unescapeMarkdown(s string) string { return mdUnescape.ReplaceAllString(s, "$1") }

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && kindOf(n) == skipElem {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			b.WriteString("\n")
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

// htmlLine decodes the entities of a one-line text that may hold HTML
// (Integreat titles and excerpts: "Arbeit &amp; Ausbildung").
func htmlLine(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return cleanLine(s)
	}
	return cleanLine(htmlToText(s, "", false))
}

// HTMLToMarkdown converts an HTML fragment to the Markdown of the source
// format, resolving relative links against base (see htmlToText).
func HTMLToMarkdown(src, base string) string { return htmlToText(src, base, true) }
