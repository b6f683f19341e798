package xliff

import (
	"strings"
	"testing"
)

func TestSegment(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // codes as {code}
	}{
		{"Ring **112** vid nödläge.", "Ring {**}112{**} vid nödläge."},
		{"Läs [mer här](https://www.1177.se) idag", "Läs {[}mer här{](https://www.1177.se)} idag"},
		{"Rad ett\\\nrad två", "Rad ett{\\\n}rad två"},
		{"Stycke.\n\n- ett\n- två\n  1. inne", "Stycke.{\n\n- }ett{\n- }två{\n  1. }inne"},
		{"## Rubrik\nText", "{## }Rubrik{\n}Text"},
		{"1\\. januari och \\*inte fet\\*", "1\\. januari och \\*inte fet\\*"},
		{"[ingen länk] och [a](b c)", "[ingen länk] och [a](b c)"},
		{"**[fet länk](https://x.se/a_b)**", "{**[}fet länk{](https://x.se/a_b)**}"},
		{"", ""},
		{"اتصل بالرقم **112**", "اتصل بالرقم {**}112{**}"},
	} {
		pieces := Segment(tc.in)
		var b strings.Builder
		for _, p := range pieces {
			if p.IsCode() {
				b.WriteString("{" + p.Code + "}")
			} else {
				b.WriteString(p.Text)
			}
		}
		if b.String() != tc.want {
			t.Errorf("Segment(%q) = %q, want %q", tc.in, b.String(), tc.want)
		}
		if Join(pieces) != tc.in {
			t.Errorf("Join(Segment(%q)) = %q", tc.in, Join(pieces))
		}
	}
}

// FuzzSegment: any text, Markdown or not, comes back whole from its
// pieces and through Translate, and its codes are numbered 1, 2, … in
// order.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{"Ring **112**", "- [a](b)\\\nc", "## x\n\n1. y", "\\[x](y)", "[a **b](c)** d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pieces := Segment(s)
		if Join(pieces) != s {
			t.Fatalf("Join(Segment(%q)) = %q", s, Join(pieces))
		}
		n := 0
		for _, p := range pieces {
			if p.IsCode() {
				n++
				if p.ID != n {
					t.Fatalf("%q: code %d numbered %d", s, n, p.ID)
				}
			}
		}
		// A translation that keeps every code gives the text back.
		if text, err := Translate(Unit{ID: "u", Source: pieces, Target: pieces}); err != nil || text != s {
			t.Fatalf("Translate(%q) = %q, %v", s, text, err)
		}
	})
}
