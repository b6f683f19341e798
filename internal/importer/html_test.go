package importer

import (
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// The constructs found in real Integreat pages, each in Markdown and in
// plain text.
func TestHTMLToText(t *testing.T) {
	const base = "https://integreat.example.org/r/sv/sida/"
	for _, tc := range []struct {
		name, in, markdown, plain string
	}{
		{"paragraphs", "<p>Ett</p>\n<p>Två  \n rader</p>", "Ett\n\nTvå rader", "Ett\n\nTvå rader"},
		{"headings keep their level", "<h1>Titel</h1><h3>Under</h3><p>Text</p>", "# Titel\n\n### Under\n\nText", "Titel\n\nUnder\n\nText"},
		{"br is a hard break", "<p>Medborgarkontoret<br>Exempelgatan 5<br>702 10 Exempelstad<br></p>",
			"Medborgarkontoret\\\nExempelgatan 5\\\n702 10 Exempelstad", "Medborgarkontoret\nExempelgatan 5\n702 10 Exempelstad"},
		{"two br part paragraphs", "<p>ett<br><br>två</p>", "ett\n\ntvå", "ett\n\ntvå"},
		{"link inside strong", `<p><strong>Rådgivning: <a href="https://example.org/b">boka</a></strong> eller ring.</p>`,
			"**Rådgivning: [boka](https://example.org/b)** eller ring.", "Rådgivning: boka (https://example.org/b) eller ring."},
		{"unclosed a keeps the rest", `<p>Börja <a href="https://example.org/jobb">portalen<h2>Rådgivning</h2><p>Skriv till oss.</p>`,
			"Börja [portalen](https://example.org/jobb)\n\n## Rådgivning\n\nSkriv till oss.", "Börja portalen (https://example.org/jobb)\n\nRådgivning\n\nSkriv till oss."},
		{"a around blocks", `<a href="https://example.org/kort"><h3>Kort</h3><p>Text</p></a>`,
			"### Kort\n\nText\n\n<https://example.org/kort>", "Kort\n\nText\n\nhttps://example.org/kort"},
		{"nested list", "<ul><li>Papper<ul><li>Pass</li><li>Kontrakt</li></ul></li><li>Tider</li></ul>",
			"- Papper\n  - Pass\n  - Kontrakt\n- Tider", "- Papper\n  - Pass\n  - Kontrakt\n- Tider"},
		{"ordered list", `<ol><li>ett</li><li>två</li></ol>`, "1. ett\n2. två", "1. ett\n2. två"},
		{"ordered list start", `<ol start="9"><li>nio</li><li>tio</li></ol>`, "9. nio\n10. tio", "9. nio\n10. tio"},
		{"ordered in unordered", `<ul><li>a<ol><li>b</li></ol></li></ul>`, "- a\n  1. b", "- a\n  1. b"},
		{"paragraphs in an item", `<ul><li><p>ett</p><p>två</p></li><li>tre</li></ul>`, "- ett\n\n  två\n\n- tre", "- ett\n\n  två\n\n- tre"},
		{"empty item dropped", `<ul><li></li><li>a</li></ul>`, "- a", "- a"},
		{"table with header", `<table><tr><th>Dag</th><th>Tid</th></tr><tr><td>Måndag</td><td>9–12</td></tr><tr><td>Torsdag</td><td></td></tr></table>`,
			"- Dag: Måndag; Tid: 9–12\n- Dag: Torsdag", "- Dag: Måndag; Tid: 9–12\n- Dag: Torsdag"},
		{"table without header", `<table><tr><td>Måndag</td><td>9–12</td></tr><tr><td>Fredag</td><td>stängt</td></tr></table>`,
			"- Måndag: 9–12\n- Fredag: stängt", "- Måndag: 9–12\n- Fredag: stängt"},
		{"layout table", `<table><tr><td><p>Bara text</p></td></tr></table>`, "Bara text", "Bara text"},
		{"entities", "<p>Arbete &amp; utbildning&nbsp;&lt;kurs&gt; &#8211; bra</p>", "Arbete & utbildning\u00a0\\<kurs> – bra", "Arbete & utbildning\u00a0<kurs> – bra"},
		{"no needless escapes", "<p>info_radgivning@example.org, 5 * 3, mån - fre, [1], C# och 100%</p>",
			"info_radgivning@example.org, 5 * 3, mån - fre, [1], C# och 100%", "info_radgivning@example.org, 5 * 3, mån - fre, [1], C# och 100%"},
		{"escapes that are needed", "<p>*viktigt* och _detta_ och [a](b) och &amp;copy;</p>",
			`\*viktigt\* och \_detta\_ och [a\](b) och \&copy;`, "*viktigt* och _detta_ och [a](b) och &copy;"},
		{"line starts that look like Markdown", "<p>1. januari</p><p># inte rubrik</p><p>- inte punkt</p><p>&gt; inte citat</p>",
			"1\\. januari\n\n\\# inte rubrik\n\n\\- inte punkt\n\n\\> inte citat", "1. januari\n\n# inte rubrik\n\n- inte punkt\n\n> inte citat"},
		{"bold that Markdown cannot read is dropped", "<p><b>Obs:</b>text</p>", "Obs:text", "Obs:text"},
		{"bold spaces outside", "<p>a<b> fet </b>b</p>", "a **fet** b", "a fet b"},
		{"italic and nested bold", "<p><em>kursiv <b>fet</b></em></p>", "*kursiv **fet***", "kursiv fet"},
		{"mail and phone links show the address", `<p><a href="mailto:a@example.org">Skriv</a>, <a href="mailto:a@example.org">a@example.org</a>, <a href="tel:+46701740641">Ring</a></p>`,
			"Skriv (a@example.org), a@example.org, Ring (+46701740641)", "Skriv (a@example.org), a@example.org, Ring (+46701740641)"},
		{"relative link and repeated address", `<p><a href="../annan/">annan</a> och <a href="../annan/">igen</a></p>`,
			"[annan](https://integreat.example.org/r/sv/annan/) och igen", "annan (https://integreat.example.org/r/sv/annan/) och igen"},
		{"address as its own text", `<p><a href="https://example.org/x_y">https://example.org/x_y</a></p>`, "<https://example.org/x_y>", "https://example.org/x_y"},
		{"javascript link keeps its text", `<p><a href="javascript:alert(1)">klicka</a></p>`, "klicka", "klicka"},
		{"dropped", `<p>Text<img src="a.png"><script>alert(1)</script><style>p{}</style><iframe src="x"></iframe></p>`, "Text", "Text"},
		{"empty paragraphs", "<p>Ett</p><p>&nbsp;</p><p> </p><p>Två</p>", "Ett\n\nTvå", "Ett\n\nTvå"},
		{"blockquote", "<blockquote><p>Citat</p><p>två</p></blockquote>", "> Citat\n>\n> två", "Citat\n\ntvå"},
		{"pre keeps lines", "<pre>rad 1\n  rad 2</pre>", "rad 1\\\nrad 2", "rad 1\nrad 2"},
		{"definition list", "<dl><dt>Tid</dt><dd>9–12</dd></dl>", "**Tid**\n\n9–12", "Tid\n\n9–12"},
		{"bidi and control", "<p>\u202bرسالة\u202c\u0000</p>", "رسالة", "رسالة"},
		{"plain text", "bara text", "bara text", "bara text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := htmlToText(tc.in, base, true); got != tc.markdown {
				t.Errorf("markdown:\n got %q\nwant %q", got, tc.markdown)
			}
			if got := htmlToText(tc.in, base, false); got != tc.plain {
				t.Errorf("plain:\n got %q\nwant %q", got, tc.plain)
			}
		})
	}
}

// TestHTMLToTextReads checks the Markdown as the app reads it (goldmark's
// default parser): what a reader sees is the text of the page.
func TestHTMLToTextReads(t *testing.T) {
	for _, tc := range []struct{ in, seen string }{
		{"<p>Kontoret<br>Exempelgatan 5</p>", "Kontoret\nExempelgatan 5"},
		{"<p>1. januari: *stängt* [1] a_b</p>", "1. januari: *stängt* [1] a_b"},
		{"<p><b>Obs:</b> <a href='https://example.org'>sidan</a></p>", "Obs: sidan"},
		{"<p># 5 * 3 &lt;b&gt;</p>", "# 5 * 3 <b>"},
	} {
		if got := mdSeen(htmlToText(tc.in, "", true)); got != tc.seen {
			t.Errorf("%s: reader sees %q, want %q", tc.in, got, tc.seen)
		}
	}
}

// mdSeen is the text of Markdown as goldmark reads it: escapes taken off,
// hard breaks as newlines, no link addresses.
func mdSeen(md string) string {
	src := []byte(md)
	var b strings.Builder
	doc := goldmark.DefaultParser().Parse(gmtext.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if _, ok := n.(*ast.Paragraph); ok && n.NextSibling() != nil {
				b.WriteString("\n\n")
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(util.UnescapePunctuations(n.Segment.Value(src)))
			if n.HardLineBreak() {
				b.WriteByte('\n')
			} else if n.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.URL(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// htmlLetters counts the letters a browser shows of an HTML fragment
// (outside what the converter drops on purpose).
func htmlLetters(src string) int {
	nodes, err := html.ParseFragment(strings.NewReader(src), bodyContext())
	if err != nil {
		return 0
	}
	n := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.ElementNode && kindOf(x) == skipElem {
			return
		}
		if x.Type == html.TextNode {
			for _, r := range x.Data {
				if unicode.IsLetter(r) && !isPlaceholder(r) {
					n++
				}
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, x := range nodes {
		walk(x)
	}
	return n
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// FuzzHTMLToText: any input converts without a panic to text the
// validator accepts, with no placeholder left and no letter of the page
// lost (links may add letters; bidi controls are not letters).
func FuzzHTMLToText(f *testing.F) {
	for _, s := range []string{
		"<p>a<br>b</p>", `<p><b>x <a href="https://e.org">y</a></b>z</p>`, `<a href="/x">a<h2>b</h2><p>c`,
		"<ul><li>a<ol><li>b</li></ol></li></ul>", "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>",
		"<p>1. *a* _b_ [c](d) &amp;amp; `e` <f></p>", "<b><i>x</b>y</i>", "<pre>a\n b</pre><blockquote>q</blockquote>",
		"\uE000<b>\uE001</b>\uE004", "<li>stray</li><td>cell</td>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, markdown := range []bool{true, false} {
			out := htmlToText(in, "https://integreat.example.org/r/sv/", markdown)
			if strings.ContainsFunc(out, isPlaceholder) {
				t.Fatalf("placeholder left in %q", out)
			}
			if cleanText(out) != out {
				t.Fatalf("output is not clean text: %q", out)
			}
			seen := out
			if markdown {
				seen = mdSeen(out)
			}
			if got, want := letters(seen), htmlLetters(in); got < want {
				t.Fatalf("letters lost (%d of %d) converting %q:\n%q", want-got, want, in, out)
			}
		}
	})
}
