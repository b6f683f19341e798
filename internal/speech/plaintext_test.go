package speech

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"heading gets a stop", "## Vad är SFI?\n\nSFI är **gratis**.", "Vad är SFI?\nSFI är gratis."},
		{"heading without mark", "# Health care\n\nCall 1177", "Health care.\nCall 1177."},
		{"emphasis", "It is *free* and __open__.", "It is free and open."},
		{"link text only", "Read [the guide](https://example.org/guide) first.", "Read the guide first."},
		{"autolink dropped", "Write to <info@example.org> today.", "Write to today."},
		{"written-out address", "Visit https://www.example.org/ or http://example.org/.", "Visit www.example.org or example.org."},
		{"tight list", "You need:\n\n- a passport\n- an address\n* money", "You need:\na passport.\nan address.\nmoney."},
		{"ordered list", "1. First\n2. Second!", "First.\nSecond!"},
		{"nested list", "- Outer\n  - Inner", "Outer.\nInner."},
		{"loose list", "- One.\n\n- Two.", "One.\nTwo."},
		{"soft line break", "A sentence broken\nover two lines.", "A sentence broken over two lines."},
		{"image alt", "![A map of the town](map.png)", "A map of the town."},
		{"code and rules skipped", "Text.\n\n---\n\n```\ncode\n```\n\n<div>html</div>", "Text."},
		{"code span kept", "Type `112` to call.", "Type 112 to call."},
		{"stray asterisk", "5 * 3 stars", "5 3 stars."},
		{"blockquote", "> Quoted words", "Quoted words."},
		{"closing bracket after stop", "Ring 112 (dygnet runt.)", "Ring 112 (dygnet runt.)"},
		{"closing bracket without stop", "Ring 112 (dygnet runt)", "Ring 112 (dygnet runt)."},
		{"Arabic question", "## ما هو SFI؟\n\nالدراسة **مجانية**", "ما هو SFI؟\nالدراسة مجانية."},
		{"Ukrainian", "### Що таке SFI\n\n- безкоштовно\n- для дорослих", "Що таке SFI.\nбезкоштовно.\nдля дорослих."},
		{"escapes taken off", "1\\. Januar: info\\_x \\[1\\]", "1. Januar: info_x [1]."},
		{"hard break", "Storgatan 1\\\n702 10 Örebro", "Storgatan 1 702 10 Örebro."},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.in); got != tt.want {
				t.Errorf("PlainText(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

// TestPlainTextBuiltin reads every built-in article body in every language
// and checks that nothing meant for the eye is left to be read aloud.
func TestPlainTextBuiltin(t *testing.T) {
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		t.Fatal(err)
	}
	set, err := source.Read(sub)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range set.Articles {
		for _, lang := range content.Languages {
			body, got := a.Body[lang], ""
			if body == "" {
				continue
			}
			got = PlainText(body)
			if got == "" {
				t.Errorf("%s/%s: nothing to read", a.ID, lang)
			}
			for _, bad := range []string{"*", "](", "http://", "https://", "\n#", "<", "__"} {
				if strings.Contains("\n"+got, bad) {
					t.Errorf("%s/%s: %q would be read aloud:\n%s", a.ID, lang, bad, got)
				}
			}
		}
	}
}
