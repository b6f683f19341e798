package keyboard

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
)

// kioskWidth is the width of the portrait kiosk screen.
const kioskWidth = 1080

// newTestKeyboard shows a keyboard at the kiosk's width, typing into target.
func newTestKeyboard(t *testing.T, target Target) (*Keyboard, *renderer) {
	t.Helper()
	test.NewTempApp(t)
	kb := New(target)
	w := test.NewTempWindow(t, kb)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(kioskWidth, kb.MinSize().Height))
	return kb, test.WidgetRenderer(kb).(*renderer)
}

// keyOf finds the key that types c, or fails.
func keyOf(t *testing.T, r *renderer, c rune) *key {
	t.Helper()
	for _, row := range r.rows {
		for _, k := range row {
			if k.kind == charKey && k.char == c {
				return k
			}
		}
	}
	t.Fatalf("%s page has no key %q", r.kb.Lang(), c)
	return nil
}

// keyKindOf finds the only key of a kind, or fails.
func keyKindOf(t *testing.T, r *renderer, kind keyKind) *key {
	t.Helper()
	var found []*key
	for _, row := range r.rows {
		for _, k := range row {
			if k.kind == kind {
				found = append(found, k)
			}
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s page has %d keys of kind %d, want 1", r.kb.Lang(), len(found), kind)
	}
	return found[0]
}

// tapText taps the keys that type s.
func tapText(t *testing.T, r *renderer, s string) {
	t.Helper()
	for _, c := range s {
		if c == ' ' {
			test.Tap(keyKindOf(t, r, spaceKey).button)
			continue
		}
		test.Tap(keyOf(t, r, c).button)
	}
}

func tapKind(t *testing.T, r *renderer, kind keyKind) {
	t.Helper()
	test.Tap(keyKindOf(t, r, kind).button)
}

// words has, for each layout, a word that needs its own letters.
var words = []struct {
	lang content.Lang
	word string
}{
	{content.Swedish, "vårdcentral på söder"},
	{content.Ukrainian, "їжак ґанок євро пʼять"},
	{content.Arabic, "مرحبا بكم في مؤسسة إسلامية"},
	{content.English, "health centre"},
}

func TestTypingIntoEntries(t *testing.T) {
	for _, c := range words {
		t.Run(string(c.lang), func(t *testing.T) {
			fyneEntry := widget.NewEntry()
			kb, r := newTestKeyboard(t, fyneEntry)
			kb.SetLayout(c.lang)
			tapText(t, r, c.word)
			if fyneEntry.Text != c.word {
				t.Errorf("widget.Entry has %q, want %q", fyneEntry.Text, c.word)
			}

			search := textview.NewEntry(bidi.LeftToRight)
			var changes int
			search.OnChanged = func(string) { changes++ }
			kb.SetTarget(search)
			tapText(t, r, c.word)
			if search.Text != c.word {
				t.Errorf("textview.Entry has %q, want %q", search.Text, c.word)
			}
			if n := len([]rune(c.word)); changes != n {
				t.Errorf("search changed %d times for %d key presses", changes, n)
			}
			if fyneEntry.Text != c.word {
				t.Errorf("keys still type into the old target: %q", fyneEntry.Text)
			}
		})
	}
}

func TestShiftCapitalisesOneLetter(t *testing.T) {
	for _, c := range []struct {
		lang        content.Lang
		keys, typed string
	}{
		{content.Swedish, "åsa", "Åsa"},
		{content.Ukrainian, "ївга", "Ївга"},
		{content.English, "ada", "Ada"},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			e := textview.NewEntry(bidi.LeftToRight)
			kb, r := newTestKeyboard(t, e)
			kb.SetLayout(c.lang)
			first := []rune(c.keys)[0]
			tapKind(t, r, shiftKey)
			if !kb.shift || keyOf(t, r, first).label.Text != string([]rune(c.typed)[0]) {
				t.Fatalf("after shift the %q key shows %q", first, keyOf(t, r, first).label.Text)
			}
			tapText(t, r, c.keys)
			if e.Text != c.typed {
				t.Errorf("typed %q, want %q", e.Text, c.typed)
			}
			if kb.shift || keyOf(t, r, first).label.Text != string(first) {
				t.Errorf("shift still on after a letter: the %q key shows %q", first, keyOf(t, r, first).label.Text)
			}
			tapKind(t, r, shiftKey)
			tapKind(t, r, shiftKey)
			tapText(t, r, string(first))
			if want := c.typed + string(first); e.Text != want {
				t.Errorf("shift tapped twice should be off: typed %q, want %q", e.Text, want)
			}
		})
	}
}

func TestArabicHasNoShift(t *testing.T) {
	kb, r := newTestKeyboard(t, nil)
	kb.SetLayout(content.Arabic)
	for _, row := range r.rows {
		for _, k := range row {
			if k.kind == shiftKey {
				t.Fatal("Arabic has no capitals, but the keyboard shows shift")
			}
		}
	}
}

func TestBackspaceAndReturn(t *testing.T) {
	e := textview.NewEntry(bidi.LeftToRight)
	var submitted []string
	e.OnSubmitted = func(s string) { submitted = append(submitted, s) }
	kb, r := newTestKeyboard(t, e)
	kb.SetLayout(content.Arabic)
	tapText(t, r, "مكتبة")
	tapKind(t, r, backspaceKey)
	tapKind(t, r, backspaceKey)
	if e.Text != "مكت" {
		t.Errorf("after two backspaces %q, want %q", e.Text, "مكت")
	}
	tapKind(t, r, enterKey)
	if len(submitted) != 1 || submitted[0] != "مكت" {
		t.Errorf("return submitted %q", submitted)
	}

	fyneEntry := widget.NewEntry()
	kb.SetTarget(fyneEntry)
	tapText(t, r, "بكم")
	tapKind(t, r, backspaceKey)
	if fyneEntry.Text != "بك" {
		t.Errorf("widget.Entry after backspace: %q", fyneEntry.Text)
	}
}

// recorder is a Target that keeps what it is sent.
type recorder struct {
	runes []rune
	keys  []fyne.KeyName
}

func (r *recorder) TypedRune(c rune)          { r.runes = append(r.runes, c) }
func (r *recorder) TypedKey(e *fyne.KeyEvent) { r.keys = append(r.keys, e.Name) }

func TestKeysSendRunesAndKeyEvents(t *testing.T) {
	rec := &recorder{}
	presses := 0
	kb, r := newTestKeyboard(t, rec)
	kb.OnKey = func() { presses++ }
	tapText(t, r, "a b")
	tapKind(t, r, backspaceKey)
	tapKind(t, r, enterKey)
	tapKind(t, r, shiftKey)
	if string(rec.runes) != "a b" {
		t.Errorf("runes %q, want %q (space as a rune)", string(rec.runes), "a b")
	}
	if len(rec.keys) != 2 || rec.keys[0] != fyne.KeyBackspace || rec.keys[1] != fyne.KeyReturn {
		t.Errorf("key events %v, want backspace then return", rec.keys)
	}
	if presses != 6 {
		t.Errorf("OnKey called %d times for 6 presses", presses)
	}
}

func TestNoTargetTypesNothing(t *testing.T) {
	kb, r := newTestKeyboard(t, nil)
	presses := 0
	kb.OnKey = func() { presses++ }
	tapText(t, r, "ab")
	tapKind(t, r, backspaceKey)
	tapKind(t, r, enterKey)
	if presses != 4 {
		t.Errorf("OnKey called %d times for 4 presses", presses)
	}
}

func TestSwitchKeyCycles(t *testing.T) {
	kb, r := newTestKeyboard(t, nil)
	want := []struct {
		lang    content.Lang
		caption string // of the switch key: the next layout
		letter  rune   // one only this layout has
	}{
		{content.Swedish, "УК", 'å'},
		{content.Ukrainian, "ع", 'ґ'},
		{content.Arabic, "EN", 'ض'},
		{content.English, "SV", 'q'},
		{content.Swedish, "УК", 'ö'},
	}
	for i, w := range want {
		if i > 0 {
			tapKind(t, r, switchKey)
		}
		if kb.Lang() != w.lang {
			t.Fatalf("after %d switches the layout is %s, want %s", i, kb.Lang(), w.lang)
		}
		if got := keyKindOf(t, r, switchKey).label.Text; got != w.caption {
			t.Errorf("%s: switch key shows %q, want %q", w.lang, got, w.caption)
		}
		keyOf(t, r, w.letter)
	}
}

func TestSetLayoutFollowsLanguage(t *testing.T) {
	kb, r := newTestKeyboard(t, nil)
	for _, c := range []struct {
		lang, want content.Lang
		letter     rune
	}{
		{content.Arabic, content.Arabic, 'ة'},
		{content.Ukrainian, content.Ukrainian, 'ї'},
		{content.English, content.English, 'w'},
		{content.Swedish, content.Swedish, 'ä'},
		{"fr", content.Swedish, 'ä'},
	} {
		kb.SetLayout(c.lang)
		if kb.Lang() != c.want {
			t.Errorf("SetLayout(%s) shows %s, want %s", c.lang, kb.Lang(), c.want)
		}
		keyOf(t, r, c.letter)
	}
	tapKind(t, r, shiftKey)
	kb.SetLayout(content.Ukrainian)
	if kb.shift {
		t.Error("a new language should open with shift off")
	}
	tapKind(t, r, pageKey)
	kb.SetLayout(content.Arabic)
	if kb.digits {
		t.Error("a new language should open on its letters")
	}
}

// x is where a key starts on the keyboard.
func x(k *key) float32 { return k.view.Position().X }

func TestArabicRowsMirrored(t *testing.T) {
	kb, r := newTestKeyboard(t, nil)
	kb.SetLayout(content.Arabic)
	first := keyOf(t, r, 'ض')
	if first.label.Direction != bidi.RightToLeft {
		t.Error("Arabic captions should be drawn right to left")
	}
	for _, k := range r.rows[0] {
		if k != first && x(k) >= x(first) {
			t.Errorf("ض at x=%v, but %q is right of it at x=%v", x(first), k.char, x(k))
		}
	}
	if x(keyOf(t, r, 'ش')) <= x(keyOf(t, r, 'س')) {
		t.Error("in the second row ش should be right of س")
	}
	if bs := keyKindOf(t, r, backspaceKey); x(bs) >= x(keyOf(t, r, 'ظ')) || r.rows[2][0] != bs {
		t.Error("backspace is not at the left end of the last letter row")
	}
	if enter := keyKindOf(t, r, enterKey); r.rows[3][0] != enter {
		t.Error("return is not at the left end of the bottom row")
	}
	if page := keyKindOf(t, r, pageKey); r.rows[3][len(r.rows[3])-1] != page {
		t.Error("the 123 key is not at the right end of the bottom row")
	}

	kb.SetLayout(content.Swedish)
	if x(keyOf(t, r, 'q')) >= x(keyOf(t, r, 'w')) {
		t.Error("Swedish rows should read left to right")
	}
	if r.rows[2][len(r.rows[2])-1] != keyKindOf(t, r, backspaceKey) {
		t.Error("Swedish backspace is not at the right end")
	}
}

func TestDigitsPage(t *testing.T) {
	for _, c := range []struct {
		lang    content.Lang
		letters string
		typed   string
	}{
		{content.Swedish, "ABC", "0123456789-.,@/?"},
		{content.Ukrainian, "АБВ", "112 (24/7)"},
		{content.Arabic, "أبت", "1177؟،"},
		{content.English, "ABC", "#&+;:!%_\"'"},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			e := widget.NewEntry()
			kb, r := newTestKeyboard(t, e)
			kb.SetLayout(c.lang)
			page := keyKindOf(t, r, pageKey)
			if page.label.Text != "123" {
				t.Errorf("page key shows %q on letters", page.label.Text)
			}
			tapKind(t, r, pageKey)
			if got := keyKindOf(t, r, pageKey).label.Text; got != c.letters {
				t.Errorf("page key shows %q on digits, want %q", got, c.letters)
			}
			for _, k := range r.rows[0] {
				if k.kind != charKey || k.char < '0' || k.char > '9' {
					t.Errorf("first digits row has %q", k.char)
				}
			}
			if x(keyOf(t, r, '1')) >= x(keyOf(t, r, '2')) {
				t.Error("digits should run left to right in every language")
			}
			if d := keyOf(t, r, '(').label.Direction; d != bidi.LeftToRight {
				t.Errorf("( is drawn with direction %v; right to left it would show as )", d)
			}
			for _, r := range c.typed {
				if r >= 'a' && r <= 'z' {
					t.Fatalf("test typo: %q is not on the digits page", r)
				}
			}
			tapText(t, r, c.typed)
			if e.Text != c.typed {
				t.Errorf("typed %q, want %q", e.Text, c.typed)
			}
			tapKind(t, r, pageKey)
			if kb.digits || keyKindOf(t, r, pageKey).label.Text != "123" {
				t.Error("page key does not go back to letters")
			}
		})
	}
}

func TestKeysAreTouchSized(t *testing.T) {
	for _, lang := range cycle {
		for _, digits := range []bool{false, true} {
			kb, r := newTestKeyboard(t, nil)
			kb.SetLayout(lang)
			if digits {
				tapKind(t, r, pageKey)
			}
			if kb.MinSize().Width > kioskWidth {
				t.Errorf("%s digits=%v: needs %v wide, more than the kiosk's %v", lang, digits, kb.MinSize().Width, kioskWidth)
			}
			for _, row := range r.rows {
				for _, k := range row {
					pos, size := k.view.Position(), k.view.Size()
					if size.Width < 48 || size.Height < 48 {
						t.Errorf("%s digits=%v: key %q (kind %d) is %v, under 48×48", lang, digits, k.char, k.kind, size)
					}
					if pos.X < 0 || pos.X+size.Width > kb.Size().Width+0.01 || pos.Y+size.Height > kb.Size().Height+0.01 {
						t.Errorf("%s digits=%v: key %q at %v size %v is off the keyboard (%v)", lang, digits, k.char, pos, size, kb.Size())
					}
				}
			}
		}
	}
}

func TestKeysScaleWithWidth(t *testing.T) {
	kb, r := newTestKeyboard(t, nil)
	narrow := keyOf(t, r, 'q').view.Size().Width
	kb.Resize(fyne.NewSize(1600, kb.Size().Height))
	wide := keyOf(t, r, 'q').view.Size().Width
	if wide <= narrow*1.3 {
		t.Errorf("a letter key is %v wide at 1080 and %v at 1600: it should grow with the width", narrow, wide)
	}
	space, letter := keyKindOf(t, r, spaceKey).view.Size().Width, keyOf(t, r, 'q').view.Size().Width
	if space < 4*letter {
		t.Errorf("space is %v wide, letters %v: space should be wide", space, letter)
	}
}

// TestPressDoesNotRebuild checks that typing, shift and backspace keep
// the same key objects: only switching page or language builds new ones.
func TestPressDoesNotRebuild(t *testing.T) {
	kb, r := newTestKeyboard(t, textview.NewEntry(bidi.LeftToRight))
	kb.SetLayout(content.Ukrainian)
	before := append([]fyne.CanvasObject(nil), r.Objects()...)
	tapText(t, r, "жук")
	tapKind(t, r, shiftKey)
	tapText(t, r, "я")
	tapKind(t, r, backspaceKey)
	tapKind(t, r, enterKey)
	after := r.Objects()
	if len(after) != len(before) {
		t.Fatalf("%d objects before typing, %d after", len(before), len(after))
	}
	for i := range before {
		if before[i] != after[i] {
			t.Fatalf("object %d was replaced by a key press", i)
		}
	}
	tapKind(t, r, switchKey)
	if r.Objects()[0] == before[0] {
		t.Error("switching layout kept the old keys")
	}
}

// TestNoWordsOnKeys checks that keys say nothing in a language: special
// keys are icons, or short names and letters from the layout table.
func TestNoWordsOnKeys(t *testing.T) {
	allowed := map[string]bool{"123": true}
	for _, l := range layouts {
		allowed[l.name], allowed[l.letters] = true, true
	}
	for _, lang := range cycle {
		for _, digits := range []bool{false, true} {
			kb, r := newTestKeyboard(t, nil)
			kb.SetLayout(lang)
			if digits {
				tapKind(t, r, pageKey)
			}
			for _, row := range r.rows {
				for _, k := range row {
					text := k.button.Text
					if k.label != nil {
						text += k.label.Text
					}
					switch {
					case k.kind == charKey && len([]rune(text)) == 1:
					case (k.kind == pageKey || k.kind == switchKey) && allowed[text]:
					case k.kind != charKey && k.kind != pageKey && k.kind != switchKey && text == "":
					default:
						t.Errorf("%s digits=%v: key kind %d shows %q", lang, digits, k.kind, text)
					}
				}
			}
		}
	}
}

func TestIconsAreThemed(t *testing.T) {
	kb, r := newTestKeyboard(t, nil)
	shift := keyKindOf(t, r, shiftKey)
	if shift.shown != shiftOffIcon || shift.button.Importance == widget.HighImportance {
		t.Error("shift should start off")
	}
	tapKind(t, r, shiftKey)
	if shift.shown != shiftOnIcon || shift.button.Importance != widget.HighImportance {
		t.Error("shift on should be filled and highlighted")
	}
	res, ok := shift.icon.Resource.(*theme.ThemedResource)
	if !ok || res.ColorName != theme.ColorNameForegroundOnPrimary {
		t.Errorf("shift on icon is %T, not coloured for a highlighted key", shift.icon.Resource)
	}
	if keyKindOf(t, r, backspaceKey).shown != backspaceIcon {
		t.Error("Swedish backspace should point left")
	}
	kb.SetLayout(content.Arabic)
	if keyKindOf(t, r, backspaceKey).shown != backspaceIconRTL || keyKindOf(t, r, enterKey).shown != enterIconRTL {
		t.Error("Arabic backspace and return icons should be mirrored")
	}
}
