package app

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/locales"
)

// TestEveryRuneHasAGlyph checks that the fonts inside the binary (the
// theme's Noto Sans Arabic and the Noto Sans that Fyne bundles) can draw
// every character of every catalog and of the built-in content, so a kiosk
// with no system fonts never shows a box.
func TestEveryRuneHasAGlyph(t *testing.T) {
	th := &kioskTheme{scale: 1}
	var faces []*font.Face
	for _, res := range []fyne.Resource{
		th.Font(fyne.TextStyle{}), th.Font(fyne.TextStyle{Bold: true}),
		theme.DefaultTheme().Font(fyne.TextStyle{}), theme.DefaultTheme().Font(fyne.TextStyle{Bold: true}),
	} {
		f, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			t.Fatalf("%s: %v", res.Name(), err)
		}
		faces = append(faces, f)
	}
	covered := func(r rune) bool {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) { // formatting marks draw nothing
			return true
		}
		for _, f := range faces {
			if _, ok := f.NominalGlyph(r); ok {
				return true
			}
		}
		return false
	}
	if covered('ᚠ') || covered('中') {
		t.Fatal("the check finds glyphs the fonts do not have") // guards the test itself
	}
	texts := map[string]string{}
	entries, _ := fs.ReadDir(locales.FS, ".")
	for _, e := range entries {
		data, _ := fs.ReadFile(locales.FS, e.Name())
		texts["locales/"+e.Name()] = string(data)
	}
	set, err := library.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for name, items := range map[string]any{"articles": set.Articles, "services": set.Services,
		"events": set.Events, "projects": set.Projects, "topics": set.Topics, "municipalities": set.Municipalities} {
		data, _ := json.Marshal(items)
		texts["content/"+name] = string(data)
	}
	checked := map[rune]bool{}
	for where, s := range texts {
		for _, r := range s {
			if checked[r] {
				continue
			}
			checked[r] = true
			if !covered(r) {
				t.Errorf("%s: %q (U+%04X) has no glyph in the bundled fonts", where, r, r)
			}
		}
	}
	if len(checked) < 150 {
		t.Errorf("only %d distinct characters checked; the texts were not read", len(checked))
	}
	t.Logf("%d distinct characters, all drawable", len(checked))
}
