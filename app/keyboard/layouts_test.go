package keyboard

import (
	"sort"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

// alphabets are every letter each layout must type, and nothing else: a
// Latin i on the Ukrainian keyboard (for і) or a Persian ی on the Arabic
// one (for ي) would look right and find nothing.
var alphabets = map[content.Lang]string{
	content.Swedish:   "abcdefghijklmnopqrstuvwxyzåäö",
	content.English:   "abcdefghijklmnopqrstuvwxyz",
	content.Ukrainian: "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя" + "\u02bc",
	// The 28 letters, hamza and its seats, tāʼ marbūṭa and alif maqṣūra.
	content.Arabic: "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ءئؤأإآ" + "ةى",
}

func TestLayoutsTypeTheirAlphabet(t *testing.T) {
	for lang, alphabet := range alphabets {
		l, ok := layouts[lang]
		if !ok {
			t.Errorf("no layout for %s", lang)
			continue
		}
		seen := map[rune]int{}
		for _, row := range l.rows {
			for _, r := range row {
				seen[r]++
			}
		}
		for r, n := range seen {
			if n > 1 {
				t.Errorf("%s: %q is on %d keys", lang, r, n)
			}
			if !strings.ContainsRune(alphabet, r) {
				t.Errorf("%s: key %q (%U) is not a letter of the alphabet", lang, r, r)
			}
		}
		for _, r := range alphabet {
			if seen[r] == 0 {
				t.Errorf("%s: no key types %q (%U)", lang, r, r)
			}
		}
	}
}

func TestLayoutTableIsComplete(t *testing.T) {
	if len(cycle) != len(content.Languages) {
		t.Errorf("switch cycle %v does not hold every language %v", cycle, content.Languages)
	}
	names := map[string]bool{}
	for _, lang := range content.Languages {
		l, ok := layouts[lang]
		if !ok {
			t.Errorf("no layout for %s", lang)
			continue
		}
		if l.name == "" || l.letters == "" || names[l.name] {
			t.Errorf("%s: name %q and letters %q must be set, names unique", lang, l.name, l.letters)
		}
		names[l.name] = true
		if l.rtl != (lang == content.Arabic) {
			t.Errorf("%s: rtl = %v", lang, l.rtl)
		}
		if l.cased() == (lang == content.Arabic) {
			t.Errorf("%s: cased = %v; only Arabic has no capitals", lang, l.cased())
		}
		// The digits page holds each character once.
		all := []rune(strings.Join(append(append([]string(nil), digitRows...), l.punct), ""))
		sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
		for i := 1; i < len(all); i++ {
			if all[i] == all[i-1] {
				t.Errorf("%s digits page: %q twice", lang, all[i])
			}
		}
	}
}

func TestSwitchOrder(t *testing.T) {
	want := map[content.Lang]content.Lang{
		content.Swedish:   content.Ukrainian,
		content.Ukrainian: content.Arabic,
		content.Arabic:    content.English,
		content.English:   content.Swedish,
		"fr":              content.Swedish,
	}
	for from, to := range want {
		if got := next(from); got != to {
			t.Errorf("next(%s) = %s, want %s", from, got, to)
		}
	}
}

// TestIconsAreOutlines checks the icon shapes are what they claim: the
// holes wound against their outlines (else they draw filled), and the
// mirrored ones the other way round.
func TestIconsAreOutlines(t *testing.T) {
	for _, c := range []struct {
		name        string
		outer, hole polygon
	}{
		{"backspace", backspaceOutline, backspaceCross},
		{"shift", shiftArrow, shiftHollow},
		{"mirrored backspace", backspaceOutline.mirrored(), backspaceCross.mirrored()},
	} {
		o, h := area(c.outer), area(c.hole)
		if o == 0 || h == 0 || (o > 0) == (h > 0) {
			t.Errorf("%s: outline area %v and hole area %v should have opposite signs", c.name, o, h)
		}
		if abs(h) >= abs(o) {
			t.Errorf("%s: hole %v is not smaller than the outline %v", c.name, abs(h), abs(o))
		}
	}
	if a, m := area(enterArrow), area(enterArrow.mirrored()); abs(a+m) > 0.01 {
		t.Errorf("mirroring changed the return arrow's area: %v and %v", a, m)
	}
	for _, p := range []polygon{backspaceOutline, backspaceCross, enterArrow, shiftArrow, shiftHollow} {
		for _, pt := range p {
			if pt[0] < 0 || pt[0] > 24 || pt[1] < 0 || pt[1] > 24 {
				t.Errorf("point %v is outside the 24×24 icon", pt)
			}
		}
	}
	if !strings.Contains(string(backspaceIcon.Content()), `d="M8 5 L21 5`) {
		t.Errorf("backspace SVG: %s", backspaceIcon.Content())
	}
}

// area is the signed area of a polygon (shoelace formula).
func area(p polygon) float32 {
	var a float32
	for i := range p {
		j := (i + 1) % len(p)
		a += p[i][0]*p[j][1] - p[j][0]*p[i][1]
	}
	return a / 2
}

func abs(f float32) float32 { return max(f, -f) }
