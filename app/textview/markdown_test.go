package textview

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/internal/bidi"
)

// show writes blocks one a line: depth as indentation, marker, text
// (newlines as ⏎), headings as #.
func show(blocks []Block) string {
	var out []string
	for _, b := range blocks {
		s := strings.Repeat("  ", max(b.Depth-1, 0)) + strings.Repeat("#", b.Heading)
		if b.Marker != "" {
			s += b.Marker + " "
		} else if b.Depth > 0 {
			s += "_ "
		}
		out = append(out, s+strings.ReplaceAll(b.Text, "\n", "⏎"))
	}
	return strings.Join(out, "\n")
}

func TestMarkdownBlocks(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"backslash escapes show the character",
			"Mejla gc\\_def@example.se om \\[OBA\\] och LGBTIQ\\* \\# 1",
			"Mejla gc_def@example.se om [OBA] och LGBTIQ* # 1"},
		{"character references", "Fika &amp; prat &#8211; &quot;öppet&quot;", "Fika & prat – \"öppet\""},
		{"code spans stay as written", "Skriv `a\\_b` här", "Skriv a\\_b här"},
		{"two spaces end a line",
			"Landbotorpsallén 25A  \n702 85 Örebro  \nTelefon 019-21 10 00",
			"Landbotorpsallén 25A⏎702 85 Örebro⏎Telefon 019-21 10 00"},
		{"a backslash ends a line", "Måndag 9–16\\\nTisdag 9–12", "Måndag 9–16⏎Tisdag 9–12"},
		{"a soft break is a space", "ett\ntvå", "ett två"},
		{"bullets", "- ett\n- två", "• ett\n• två"},
		{"numbers keep their start", "3. tre\n4. fyra\n5. fem", "3. tre\n4. fyra\n5. fem"},
		{"nested lists keep their depth",
			"1. Ring 1177\n   - dygnet runt\n   - på ditt språk\n2. Gå till vårdcentralen\n\nSlut",
			"1. Ring 1177\n  • dygnet runt\n  • på ditt språk\n2. Gå till vårdcentralen\nSlut"},
		{"three levels", "- a\n  - b\n    1. c", "• a\n  • b\n    1. c"},
		{"an item's second paragraph lines up with its text",
			"1. Första stycket\n\n   Andra stycket\n2. Nästa",
			"1. Första stycket\n_ Andra stycket\n2. Nästa"},
		{"a hard break inside an item", "- Adress:  \n  Storgatan 1", "• Adress:⏎Storgatan 1"},
		{"heading then list", "## Öppettider\n- mån", "##Öppettider\n• mån"},
		{"a link shows its address", "Se [1177](https://www.1177.se).", "Se 1177 (https://www.1177.se)."},
		{"an escaped number is not a list", `1\. Januar, info\_x, \*inte fet\*`, "1. Januar, info_x, *inte fet*"},
		{"heading and paragraph", "## Rubrik\n\nText här.", "##Rubrik\nText här."},
		{"nested bullets between items", "- Ett\n  - Två\n  - Tre\n- Fyra", "• Ett\n  • Två\n  • Tre\n• Fyra"},
		{"Arabic list", "1. اتصل بالرقم 1177\n2. اذهب إلى المركز الصحي", "1. اتصل بالرقم 1177\n2. اذهب إلى المركز الصحي"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := show(Blocks(c.src)); got != c.want {
				t.Errorf("\n got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// A nested item's text starts further in than its parent's: to the right
// in a left-to-right body, to the left (from the right edge) in Arabic.
func TestMarkdownIndentsNestedLists(t *testing.T) {
	test.NewTempApp(t)
	for _, dir := range []bidi.Direction{bidi.LeftToRight, bidi.RightToLeft} {
		t.Run(fmt.Sprint(dir), func(t *testing.T) {
			box := NewMarkdown("1. ett\n   - två\n2. tre", dir)
			w := test.NewTempWindow(t, box)
			w.Resize(fyne.NewSize(600, 400))
			var starts []float32 // each item's text edge on its reading side
			for _, row := range box.Objects {
				c := row.(*fyne.Container)
				body := c.Objects[1]
				x := body.Position().X
				if dir == bidi.RightToLeft {
					x = c.Size().Width - (body.Position().X + body.Size().Width)
				}
				starts = append(starts, x)
			}
			if len(starts) != 3 || !(starts[1] > starts[0]) || starts[2] != starts[0] {
				t.Errorf("text edges %v: want the nested item's further in, the others equal", starts)
			}
		})
	}
}
