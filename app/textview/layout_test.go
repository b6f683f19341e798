package textview

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/bidi"
)

// width10 measures every character as 10 units wide, so positions in the
// tests are easy to read: X/10 is the number of characters to the left.
func width10(s string) float32 { return float32(len([]rune(s))) * 10 }

// visual returns the line's pieces left to right, joined with "|".
func visual(l Line) string {
	var parts []string
	for _, p := range l.Pieces {
		parts = append(parts, p.Text)
	}
	return strings.Join(parts, "|")
}

func TestPiecesInVisualOrder(t *testing.T) {
	cases := []struct {
		name, text string
		rtl        bool
		want       string // pieces left to right
	}{
		{"Swedish line is one piece", "Öppet hus på Landbotorpsallén 25A, Örebro", false,
			"Öppet hus på Landbotorpsallén 25A, Örebro"},
		{"Ukrainian line is one piece", "Відкриті двері 15 травня о 13:00", false,
			"Відкриті двері 15 травня о 13:00"},
		{"Arabic words right to left", "يوم مفتوح", true, "مفتوح|يوم"},
		{"Arabic with a Swedish address", "العنوان: Landbotorpsallén 25A، Örebro", true,
			// The Arabic comma between two Latin words joins their run (rule N1).
			"Landbotorpsallén 25A، Örebro|:|العنوان"},
		{"Arabic with a time and a date", "يبدأ الساعة 13:00 في 15 مايو", true,
			"مايو|15|في|13:00|الساعة|يبدأ"},
		{"parentheses are mirrored", "اتصل (مجاناً) الآن", true, "الآن|(|مجاناً|)|اتصل"},
		{"emergency number", "اتصل بالرقم 112", true, "112|بالرقم|اتصل"},
		{"Arabic word in English", "Say مرحبا to everyone", false, "Say |مرحبا| to everyone"},
		// No letters: the UI's direction; read from the right, 13:00 comes first.
		{"digits alone follow the UI", "13:00–15:00", true, "15:00|–|13:00"},
		{"Swedish name first in an Arabic title", "Jobbsteget tillsammans – فعاليات رقمية", true,
			"رقمية|فعاليات|–|Jobbsteget tillsammans"},
		{"isolated phone number keeps its order", "الهاتف: " + Isolate("019-21 10 00"), true, "019-21 10 00|:|الهاتف"},
		{"web address in Arabic stays whole", "على موقع 1177.se توجد معلومات", true, "معلومات|توجد|1177.se|موقع|على"},
		{"link in parentheses", "الموقع (https://www.1177.se)", true, "(|https://www.1177.se|)|الموقع"},
		{"phone number without isolate", "الهاتف: 019-21 10 00", true, "00|10|21|-|019|:|الهاتف"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := bidi.LeftToRight
			if c.rtl {
				dir = bidi.RightToLeft
			}
			p := Layout(c.text, 0, dir, width10)
			if p.RTL != c.rtl {
				t.Errorf("RTL = %v, want %v", p.RTL, c.rtl)
			}
			if len(p.Lines) != 1 {
				t.Fatalf("%d lines, want 1", len(p.Lines))
			}
			if got := visual(p.Lines[0]); got != c.want {
				t.Errorf("visual order\n got %s\nwant %s", got, c.want)
			}
			assertNoOverlap(t, p.Lines[0])
		})
	}
}

// Pieces sit left to right without overlapping, and the line is as wide
// as its text.
func assertNoOverlap(t *testing.T, l Line) {
	t.Helper()
	var end float32
	for _, p := range l.Pieces {
		if p.X < end {
			t.Errorf("piece %q at %v overlaps the one before (ends %v)", p.Text, p.X, end)
		}
		end = p.X + p.Width
	}
	if end > l.Width {
		t.Errorf("pieces end at %v beyond the line width %v", end, l.Width)
	}
}

func TestWrapOnLogicalText(t *testing.T) {
	// Six Arabic words of 4 letters, 100 units per line: two words a line
	// (4+1+4 = 9 characters fit, 14 do not).
	p := Layout("أولى ثاني ثالث رابع خامس سادس", 100, bidi.Auto, width10)
	if !p.RTL || len(p.Lines) != 3 {
		t.Fatalf("RTL %v, %d lines, want RTL and 3", p.RTL, len(p.Lines))
	}
	// The first line holds the first two words in reading order, so the
	// first word is at the right.
	if got := visual(p.Lines[0]); got != "ثاني|أولى" {
		t.Errorf("first line %s", got)
	}
	if got := visual(p.Lines[2]); got != "سادس|خامس" {
		t.Errorf("last line %s", got)
	}
	for _, l := range p.Lines {
		if l.Width > 100 {
			t.Errorf("line %s is %v wide, more than 100", visual(l), l.Width)
		}
	}
}

func TestWrapBreaksLongWord(t *testing.T) {
	p := Layout("Migrationsverket", 50, bidi.LeftToRight, width10)
	var got []string
	for _, l := range p.Lines {
		got = append(got, visual(l))
	}
	if strings.Join(got, "/") != "Migra/tions/verke/t" {
		t.Errorf("lines %v", got)
	}
}

func TestMixedLineWrapsThenReorders(t *testing.T) {
	// The Swedish street name moves to the second line whole; each line is
	// reordered on its own.
	p := Layout("العنوان هو Landbotorpsallén 25A", 200, bidi.RightToLeft, width10)
	if len(p.Lines) != 2 {
		t.Fatalf("%d lines, want 2", len(p.Lines))
	}
	if got := visual(p.Lines[0]); got != "هو|العنوان" {
		t.Errorf("line 1: %s", got)
	}
	if got := visual(p.Lines[1]); got != "Landbotorpsallén 25A" {
		t.Errorf("line 2: %s", got)
	}
}

func lineTexts(p Paragraph) []string {
	var got []string
	for _, l := range p.Lines {
		got = append(got, visual(l))
	}
	return got
}

func TestLongWordsBreak(t *testing.T) {
	cases := []struct {
		name, text string
		width      float32
		want       string // lines joined with " / "
	}{
		{"a word wider than the line", "Migrationsverket", 50, "Migra / tions / verke / t"},
		{"text before a long word keeps its line", "Se Migrationsverket", 100, "Se / Migrations / verket"},
		{"a web address breaks after its punctuation", "https://www.migrationsverket.se/Privatpersoner/Skydd-och-asyl", 200,
			"https://www. / migrationsverket.se/ / Privatpersoner/ / Skydd-och-asyl"},
		{"text after a broken word shares its last line", "https://www.migrationsverket.se/asyl läs mer", 200,
			"https://www. / migrationsverket.se/ / asyl läs mer"},
		{"an e-mail address breaks after the @", "registrator@migrationsverket.se", 160, "registrator@ / migrationsverket / .se"},
		{"punctuation early in the line is not used", "a.bcdefghijklmnopqrstu", 100, "a.bcdefghi / jklmnopqrs / tu"},
		// e + combining acute is one grapheme of two characters (20 units).
		{"a letter and its mark stay together", "ke\u0301ke\u0301ke\u0301", 50, "ke\u0301k / e\u0301ke\u0301"},
		{"one grapheme wider than the line", "ab", 5, "a / b"},
		{"spaces before a long word make no empty line", "  " + strings.Repeat("x", 250), 1000,
			strings.Repeat("x", 100) + " / " + strings.Repeat("x", 100) + " / " + strings.Repeat("x", 50)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Layout(c.text, c.width, bidi.LeftToRight, width10)
			if got := strings.Join(lineTexts(p), " / "); got != c.want {
				t.Errorf("lines\n got %s\nwant %s", got, c.want)
			}
			for _, l := range p.Lines {
				if l.Width > c.width && len([]rune(visual(l))) > 1 {
					t.Errorf("line %q is %v wide, more than %v", visual(l), l.Width, c.width)
				}
			}
		})
	}
}

// A 250,000-letter word (once pasted into a search field) froze the
// window: it is laid out in lines that each fit, losing no letter.
func TestHugeWordLaysOutInLinesThatFit(t *testing.T) {
	word := strings.Repeat("Migrationsverket", 250_000/16)
	calls := 0
	measure := func(s string) float32 { calls++; return width10(s) }
	p := Layout(word, 300, bidi.LeftToRight, measure)
	if want := 250_000 / 30; len(p.Lines) != want+1 && len(p.Lines) != want {
		t.Errorf("%d lines, want about %d", len(p.Lines), want)
	}
	var joined strings.Builder
	for _, l := range p.Lines {
		if l.Width > 300 {
			t.Fatalf("a line is %v wide, more than 300", l.Width)
		}
		joined.WriteString(visual(l))
	}
	if joined.String() != word {
		t.Error("the lines do not hold the word, letter for letter")
	}
	// Each line takes a few measures of about a line's length, never one
	// of the whole word.
	if calls > 20*len(p.Lines) {
		t.Errorf("%d measures for %d lines", calls, len(p.Lines))
	}
}

func TestLayoutAtMostEndsWithEllipsis(t *testing.T) {
	measure := func(s string) float32 { return float32(len([]rune(s))) }
	cases := []struct {
		name, text string
		width      float32
		lines      int
		cut        bool
	}{
		{"fits", "short title", 20, 1, false},
		{"one line cut", "a much longer title than fits", 12, 1, true},
		{"two lines cut", "a much longer title than fits in two", 12, 2, true},
		{"arabic cut", "خدمات المعلومات للعائلات القادمة حديثا", 12, 1, true},
		{"one long word", strings.Repeat("x", 50), 10, 1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := bidi.LeftToRight
			if strings.ContainsRune(c.text, 'خ') {
				dir = bidi.RightToLeft
			}
			p, cut := LayoutAtMost(c.text, c.width, c.lines, dir, measure)
			if cut != c.cut {
				t.Fatalf("cut = %v, want %v", cut, c.cut)
			}
			if len(p.Lines) > c.lines {
				t.Fatalf("%d lines, want at most %d", len(p.Lines), c.lines)
			}
			var all strings.Builder
			for _, l := range p.Lines {
				if l.Width > c.width {
					t.Errorf("line %.0f wide, over %.0f", l.Width, c.width)
				}
				for _, piece := range l.Pieces {
					all.WriteString(piece.Text)
				}
			}
			if got := strings.Contains(all.String(), Ellipsis); got != c.cut {
				t.Errorf("ellipsis shown = %v, want %v (%q)", got, c.cut, all.String())
			}
			if c.cut && len([]rune(all.String())) < int(c.width)*c.lines/2 {
				t.Errorf("cut too short: %q", all.String())
			}
		})
	}
}

// A list row of two lines with a 250,000-letter title lays out only what
// it shows, in about as many measures as a short title takes.
func TestHugeWordInTwoLinesIsCutQuickly(t *testing.T) {
	calls := 0
	measure := func(s string) float32 { calls++; return width10(s) }
	p, cut := LayoutAtMost("Se "+strings.Repeat("Migrationsverket", 250_000/16), 300, 2, bidi.LeftToRight, measure)
	if !cut || len(p.Lines) != 2 {
		t.Fatalf("cut %v, %d lines; want cut to 2 lines", cut, len(p.Lines))
	}
	if last := visual(p.Lines[1]); !strings.HasSuffix(last, Ellipsis) || len([]rune(last)) < 20 {
		t.Errorf("the second line %q is not a full line ending with an ellipsis", last)
	}
	if calls > 1000 {
		t.Errorf("%d measures for two lines", calls)
	}
}

func TestEmojiSequenceStaysWholeInArabic(t *testing.T) {
	family := "👩\u200d👩\u200d👧"
	p := Layout("عائلة "+family, 0, bidi.RightToLeft, width10)
	if got := visual(p.Lines[0]); !strings.Contains(got, family) {
		t.Errorf("the family emoji was taken apart in an Arabic line: %q", got)
	}
}

// TestLeftToRightLayoutIsTheBidiLayout: a left-to-right paragraph of
// left-to-right letters, numbers and punctuation is laid out without the
// bidi algorithm; the lines and pieces must be those the algorithm gives,
// at every width and line limit. Random texts of Latin, Cyrillic, digits,
// brackets, punctuation and spaces; and texts with one right-to-left or
// Arabic-number rune, which must take the bidi path.
func TestLeftToRightLayoutIsTheBidiLayout(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alphabet := []rune("abcåäöABCіїєґжщ0123456789 ()[].,:;-/–«»\u200E")
	for n := range 3000 {
		runes := make([]rune, r.Intn(60))
		for i := range runes {
			runes[i] = alphabet[r.Intn(len(alphabet))]
		}
		text := string(runes)
		maxWidth := float32(r.Intn(400))
		limit := r.Intn(3)
		want := layoutBidi([]rune(text), maxWidth, bidi.LeftToRight, width10, limit)
		got := layoutLines(text, maxWidth, bidi.LeftToRight, width10, limit)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: %q at %v, limit %d:\n got %+v\nwant %+v", n, text, maxWidth, limit, got, want)
		}
	}
	for _, text := range []string{"Vårdcentral عربي", "Nummer ٣٤", "a \u200Fb", "x \u2067y\u2069"} {
		if leftToRightOnly([]rune(text)) {
			t.Errorf("%q taken for left-to-right only", text)
		}
	}
}
