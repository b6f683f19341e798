// Command htmlcompare measures two HTML-to-Markdown converters on the same
// pages: the importer's own (importer.HTMLToMarkdown) and
// github.com/JohannesKaufmann/html-to-markdown/v2. Each case is one
// construct found in real Integreat pages; its check parses the Markdown
// with goldmark's default parser, as the app does, and looks at what a
// reader would see. It lives in its own module under testdata so the main
// module does not depend on the library it is compared with.
//
//	cd internal/importer/testdata/htmlcompare && go run .
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/motesplats/motesplats/internal/importer"
)

const pageURL = "https://integreat.example.org/exempelstad/de/seite/"

type testCase struct {
	construct string
	html      string
	// check says what is wrong with the Markdown, or "" when right.
	check func(md string, doc ast.Node, src []byte) string
}

func main() {
	converters := []struct {
		name    string
		convert func(string) (string, error)
	}{
		{"hand-written", func(h string) (string, error) { return importer.HTMLToMarkdown(h, pageURL), nil }},
		{"html-to-markdown v2.5.2", convertWithLibrary},
	}
	score := make([]int, len(converters))
	fmt.Println("| Construct | " + converters[0].name + " | " + converters[1].name + " |")
	fmt.Println("|---|---|---|")
	for _, tc := range cases {
		row := "| " + tc.construct + " |"
		for i, c := range converters {
			md, err := c.convert(tc.html)
			verdict := ""
			if err != nil {
				verdict = "error: " + err.Error()
			} else {
				src := []byte(md)
				doc := goldmark.DefaultParser().Parse(text.NewReader(src))
				verdict = tc.check(md, doc, src)
			}
			if verdict == "" {
				score[i]++
				row += " right |"
			} else {
				row += " wrong: " + verdict + " |"
			}
			if os.Getenv("SHOW") != "" {
				fmt.Fprintf(os.Stderr, "%s / %s:\n%s\n\n", tc.construct, c.name, md)
			}
		}
		fmt.Println(row)
	}
	fmt.Printf("| **Right** | **%d of %d** | **%d of %d** |\n", score[0], len(cases), score[1], len(cases))
}

// visible is the text a reader sees: text with escapes taken off, a hard
// break as a newline, a link's address after its text (as the app shows
// it, mailto addresses only as text).
func visible(n ast.Node, src []byte) string {
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
			if !entering && !strings.HasPrefix(string(c.Destination), "mailto:") {
				b.WriteString(" (" + string(c.Destination) + ")")
			}
		case *ast.Paragraph, *ast.Heading, *ast.ListItem, *ast.TextBlock:
			if !entering {
				b.WriteString("\n")
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func blocksOf(doc ast.Node) (headings, paragraphs []ast.Node, lists []*ast.List) {
	_ = ast.Walk(doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Heading:
			headings = append(headings, c)
		case *ast.Paragraph:
			paragraphs = append(paragraphs, c)
		case *ast.List:
			lists = append(lists, c)
		}
		return ast.WalkContinue, nil
	})
	return
}

func contains(s string, parts ...string) string {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return fmt.Sprintf("%q not shown", p)
		}
	}
	return ""
}

var cases = []testCase{
	{"`<br>` as a line break", `<p>Bürgerbüro<br>Exempelgatan 5<br>702 10 Exempelstad</p>`,
		func(md string, doc ast.Node, src []byte) string {
			v := visible(doc, src)
			return contains(v, "Bürgerbüro\nExempelgatan 5\n702 10 Exempelstad")
		}},
	{"link inside `<strong>`", `<p><strong>Beratung: <a href="https://beratung.example.org/">online buchen</a></strong> oder anrufen.</p>`,
		func(md string, doc ast.Node, src []byte) string {
			var link, bold bool
			_ = ast.Walk(doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if l, ok := c.(*ast.Link); ok && entering && string(l.Destination) == "https://beratung.example.org/" {
					link = true
					for p := c.Parent(); p != nil; p = p.Parent() {
						if e, ok := p.(*ast.Emphasis); ok && e.Level == 2 {
							bold = true
						}
					}
				}
				return ast.WalkContinue, nil
			})
			switch {
			case !link:
				return "address lost"
			case !bold:
				return "bold lost"
			}
			return contains(visible(doc, src), "oder anrufen")
		}},
	{"unclosed `<a>`", `<p>Start <a href="https://arbeit.example.org/">Jobportal<h2>Beratung</h2><p>Schreiben Sie uns.</p>`,
		func(md string, doc ast.Node, src []byte) string {
			h, _, _ := blocksOf(doc)
			if len(h) != 1 || !strings.Contains(visible(h[0], src), "Beratung") {
				return "heading lost"
			}
			return contains(visible(doc, src), "https://arbeit.example.org/", "Schreiben Sie uns.")
		}},
	{"nested list", `<ul><li>Unterlagen<ul><li>Pass</li><li>Mietvertrag</li></ul></li><li>Termine</li></ul>`,
		func(md string, doc ast.Node, src []byte) string {
			_, _, l := blocksOf(doc)
			if len(l) != 2 || l[0].ChildCount() != 2 || l[1].ChildCount() != 2 || l[1].Parent().Parent() != l[0] {
				return "not a list in a list"
			}
			return contains(visible(doc, src), "Pass\n", "Mietvertrag\n")
		}},
	{"ordered list (with start)", `<ol start="3"><li>Anmelden</li><li>Konto eröffnen</li></ol>`,
		func(md string, doc ast.Node, src []byte) string {
			_, _, l := blocksOf(doc)
			if len(l) != 1 || !l[0].IsOrdered() {
				return "numbers lost"
			}
			if l[0].Start != 3 {
				return fmt.Sprintf("starts at %d, not 3", l[0].Start)
			}
			return ""
		}},
	{"table readable (rows apart, cells with their header)", `<table><tr><th>Tag</th><th>Zeit</th></tr><tr><td>Montag</td><td>9–12</td></tr><tr><td>Donnerstag</td><td>13–16</td></tr></table>`,
		func(md string, doc ast.Node, src []byte) string {
			v := visible(doc, src)
			if strings.Contains(v, "|") {
				return "a pipe table: without GFM (as in the app) one line of pipes"
			}
			for _, line := range strings.Split(v, "\n") {
				if strings.Contains(line, "Montag") && strings.Contains(line, "Donnerstag") {
					return "rows run together on one line"
				}
			}
			return contains(v, "Montag", "9–12", "Donnerstag", "13–16")
		}},
	{"entities decoded", `<p>Arbeit &amp; Ausbildung&nbsp;&lt;Kurs&gt; &#8211; gut</p>`,
		func(md string, doc ast.Node, src []byte) string {
			return contains(visible(doc, src), "Arbeit & Ausbildung\u00a0<Kurs> – gut")
		}},
	{"no escapes where none are needed", `<p>info_beratung@example.org, 5 * 3, Mo - Fr, [1], C# und 100%</p>`,
		func(md string, doc ast.Node, src []byte) string {
			if strings.Contains(md, `\`) {
				return fmt.Sprintf("backslashes in %q", strings.TrimSpace(md))
			}
			return contains(visible(doc, src), "info_beratung@example.org, 5 * 3, Mo - Fr, [1], C# und 100%")
		}},
	{"Markdown-like text kept as text", `<p>1. Januar: Büro zu</p><p>*wichtig* und # kein Titel</p><p>- kein Punkt</p>`,
		func(md string, doc ast.Node, src []byte) string {
			h, _, l := blocksOf(doc)
			if len(h) > 0 || len(l) > 0 {
				return "read as a heading or list"
			}
			var em bool
			_ = ast.Walk(doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if _, ok := c.(*ast.Emphasis); ok {
					em = true
				}
				return ast.WalkContinue, nil
			})
			if em {
				return "read as emphasis"
			}
			return contains(visible(doc, src), "1. Januar: Büro zu", "*wichtig* und # kein Titel", "- kein Punkt")
		}},
	{"bold next to punctuation", `<p><b>Hinweis:</b>Text folgt</p>`,
		func(md string, doc ast.Node, src []byte) string {
			v := visible(doc, src)
			if strings.Contains(v, "*") {
				return "asterisks shown"
			}
			return contains(v, "Hinweis:Text folgt")
		}},
	{"e-mail and phone links show the address", `<p><a href="mailto:kontakt@example.org">Schreiben</a>, <a href="tel:+46701740641">Anrufen</a></p>`,
		func(md string, doc ast.Node, src []byte) string {
			return contains(visible(doc, src), "kontakt@example.org", "+46701740641")
		}},
	{"relative link resolved", `<p>Siehe <a href="../wohnen/">Wohnen</a>.</p>`,
		func(md string, doc ast.Node, src []byte) string {
			return contains(visible(doc, src), "https://integreat.example.org/exempelstad/de/wohnen/")
		}},
	{"images and scripts dropped", `<p>Text<img src="a.png" alt="Logo"><script>alert(1)</script></p>`,
		func(md string, doc ast.Node, src []byte) string {
			if strings.Contains(md, "alert") || strings.Contains(md, "a.png") {
				return "left in"
			}
			return contains(visible(doc, src), "Text")
		}},
	{"empty paragraphs (`&nbsp;`) dropped", `<p>Eins</p><p>&nbsp;</p><p>Zwei</p>`,
		func(md string, doc ast.Node, src []byte) string {
			_, p, _ := blocksOf(doc)
			if len(p) != 2 {
				return fmt.Sprintf("%d paragraphs, not 2", len(p))
			}
			return ""
		}},
}
