package textview

import (
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
