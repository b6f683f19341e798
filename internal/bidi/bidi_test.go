package bidi

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	xbidi "golang.org/x/text/unicode/bidi"
)

// wantRun is an expected visual run: its text (logical order) and level.
type wantRun struct {
	text  string
	level Level
}

// visualRunCases are real lines as the kiosk shows them. Expectations were
// checked against GNU FriBidi 1.0.8 (fribidi --levels --vtol) where it
// applies; the multi-line ones against UAX #9 L1 by hand.
var visualRunCases = []struct {
	name string
	text string
	base Direction
	line string // the line's text within text; "" for the whole text
	want []wantRun
}{
	{
		name: "Arabic address with Swedish street name",
		text: "العنوان: Landbotorpsallén 25A، Örebro",
		base: Auto,
		// The Arabic comma (CS) and space sit between two L runs, so N1
		// makes them L: the whole address is one LTR run left of the label.
		want: []wantRun{{"Landbotorpsallén 25A، Örebro", 2}, {"العنوان: ", 1}},
	},
	{
		name: "Arabic with a time and a date",
		text: "يبدأ الحدث الساعة 13:00 في 15 مايو",
		base: Auto,
		// Digits after Arabic letters are AN (W2); "13:00" stays one run (W4).
		want: []wantRun{{" مايو", 1}, {"15", 2}, {" في ", 1}, {"13:00", 2}, {"يبدأ الحدث الساعة ", 1}},
	},
	{
		name: "emergency number",
		text: "هاتف الطوارئ: 112",
		base: Auto,
		want: []wantRun{{"112", 2}, {"هاتف الطوارئ: ", 1}},
	},
	{
		name: "Arabic with number and parentheses",
		text: "اتصل بالرقم 112 (مجاناً) الآن.",
		base: Auto,
		want: []wantRun{{" (مجاناً) الآن.", 1}, {"112", 2}, {"اتصل بالرقم ", 1}},
	},
	{
		name: "phone number groups in Arabic are reordered by UBA",
		text: "الهاتف: 019-21 10 00",
		base: Auto,
		// Each group is its own AN run, so the groups read right to left.
		want: []wantRun{{"00", 2}, {" ", 1}, {"10", 2}, {" ", 1}, {"21", 2}, {"-", 1}, {"019", 2}, {"الهاتف: ", 1}},
	},
	{
		name: "phone number in an LTR isolate keeps its order",
		text: "الهاتف: \u2066019-21 10 00\u2069",
		base: Auto,
		want: []wantRun{{"\u2069", 1}, {"019-21 10 00", 2}, {"الهاتف: \u2066", 1}},
	},
	{
		name: "English with Arabic in parentheses",
		text: "Call the office (المكتب) today.",
		base: Auto,
		want: []wantRun{{"Call the office (", 0}, {"المكتب", 1}, {") today.", 0}},
	},
	{
		name: "English with an Arabic word",
		text: "The word سلام means peace.",
		base: Auto,
		want: []wantRun{{"The word ", 0}, {"سلام", 1}, {" means peace.", 0}},
	},
	{
		name: "Ukrainian",
		text: "Ласкаво просимо до бібліотеки!",
		base: Auto,
		want: []wantRun{{"Ласкаво просимо до бібліотеки!", 0}},
	},
	{
		name: "Swedish",
		text: "Välkommen till biblioteket, öppet 10–18.",
		base: Auto,
		want: []wantRun{{"Välkommen till biblioteket, öppet 10–18.", 0}},
	},
	{
		name: "Swedish forced RTL paragraph",
		text: "Öppet 10–18",
		base: RightToLeft,
		want: []wantRun{{"Öppet 10–18", 2}},
	},
	{
		name: "tab is a segment separator (L1)",
		text: "أحمد \tعلي",
		base: LeftToRight,
		// Without L1 the tab and space would be level 1 and the two
		// columns would swap places.
		want: []wantRun{{"أحمد", 1}, {" \t", 0}, {"علي", 1}},
	},
	{
		name: "RTL paragraph, first line ends in a space after Latin",
		text: "مرحبا بكم في مكتبة Örebro stadsbibliotek اليوم",
		base: Auto,
		line: "مرحبا بكم في مكتبة Örebro ",
		// The trailing space was level 2 (between two L words); L1 puts
		// it at the paragraph level, at the visual end (far left).
		want: []wantRun{{" ", 1}, {"Örebro", 2}, {"مرحبا بكم في مكتبة ", 1}},
	},
	{
		name: "RTL paragraph, second line",
		text: "مرحبا بكم في مكتبة Örebro stadsbibliotek اليوم",
		base: Auto,
		line: "stadsbibliotek اليوم",
		want: []wantRun{{" اليوم", 1}, {"stadsbibliotek", 2}},
	},
	{
		name: "LTR paragraph, line ends in a space between Arabic words",
		text: "Visit مكتبة المدينة today",
		base: Auto,
		line: "Visit مكتبة ",
		// The space was level 1 (between two R words); L1 makes it 0, so
		// it goes to the right end instead of the middle of the Arabic.
		want: []wantRun{{"Visit ", 0}, {"مكتبة", 1}, {" ", 0}},
	},
	{
		name: "LTR paragraph, second line",
		text: "Visit مكتبة المدينة today",
		base: Auto,
		line: "المدينة today",
		want: []wantRun{{"المدينة", 1}, {" today", 0}},
	},
}

func TestVisualRuns(t *testing.T) {
	for _, tc := range visualRunCases {
		t.Run(tc.name, func(t *testing.T) {
			text := []rune(tc.text)
			start, end := lineRange(t, tc.text, tc.line)
			p := NewParagraph(text, tc.base)
			var got []wantRun
			for _, r := range p.VisualRuns(start, end) {
				got = append(got, wantRun{string(text[r.Start:r.End]), r.Level})
				if r.RightToLeft() != (r.Level%2 == 1) {
					t.Errorf("run %+v: RightToLeft() = %v", r, r.RightToLeft())
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("VisualRuns(%d, %d)\n got %s\nwant %s", start, end, formatRuns(got), formatRuns(tc.want))
			}
			checkOrderMatchesRuns(t, p, start, end)
		})
	}
}

// lineRange returns the rune range of line within text (all of it if "").
func lineRange(t *testing.T, text, line string) (int, int) {
	if line == "" {
		return 0, utf8.RuneCountInString(text)
	}
	i := strings.Index(text, line)
	if i < 0 {
		t.Fatalf("line %q not in text", line)
	}
	start := utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(line)
}

func formatRuns(runs []wantRun) string {
	var parts []string
	for _, r := range runs {
		parts = append(parts, fmt.Sprintf("%q/%d", r.text, r.level))
	}
	return strings.Join(parts, " | ")
}

// checkOrderMatchesRuns checks VisualOrder against a direct application of
// L2 to the line's levels, rune by rune.
func checkOrderMatchesRuns(t *testing.T, p *Paragraph, start, end int) {
	t.Helper()
	levels := p.LineLevels(start, end)
	want := make([]int, len(levels))
	for i := range want {
		want[i] = start + i
	}
	for level := Level(125); level >= 1; level-- {
		for i := 0; i < len(levels); i++ {
			if levels[i] < level {
				continue
			}
			j := i
			for j < len(levels) && levels[j] >= level {
				j++
			}
			slices.Reverse(want[i:j])
			i = j
		}
	}
	if got := p.VisualOrder(start, end); !slices.Equal(got, want) {
		t.Errorf("VisualOrder(%d, %d) = %v, want %v", start, end, got, want)
	}
}

func TestParagraphDirection(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Direction
	}{
		{"", LeftToRight},
		{"123 ...", LeftToRight},
		{"Örebro", LeftToRight},
		{"Київ", LeftToRight},
		{"12 مايو", RightToLeft},
		{"שלום", RightToLeft},
		{"\u2067שלום\u2069 hello", LeftToRight}, // isolates are skipped (P2)
		{"\u2067שלום hello", LeftToRight},       // unmatched: skipped to the end
		{"\u202bשלום", RightToLeft},             // embeddings are not skipped
		{"123\nمرحبا", LeftToRight},             // stops at the paragraph end
	} {
		if got := ParagraphDirection(tc.text); got != tc.want {
			t.Errorf("ParagraphDirection(%q) = %v, want %v", tc.text, got, tc.want)
		}
		p := NewParagraph([]rune(tc.text), Auto)
		if got := p.Direction(); got != tc.want && !strings.Contains(tc.text, "\n") {
			t.Errorf("NewParagraph(%q, Auto).Direction() = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// Removed characters (here ZWJ and ZWNJ, class BN) must stay inside their
// neighbours' run, or shaping would not see them.
func TestRemovedCharactersStayInRun(t *testing.T) {
	text := []rune("abc لا\u200dلا\u200c def")
	p := NewParagraph(text, LeftToRight)
	runs := p.VisualRuns(0, len(text))
	want := []Run{{0, 4, 0}, {4, 10, 1}, {10, 14, 0}}
	if !slices.Equal(runs, want) {
		t.Errorf("runs %v, want %v", runs, want)
	}
	if lv := p.Levels(); len(lv) != len(text) {
		t.Errorf("Levels has %d entries, want %d", len(lv), len(text))
	}
}

func TestSeparatorInsideParagraph(t *testing.T) {
	// X8: a separator inside the text closes the embedding; the text after
	// it is at the paragraph level again.
	text := []rune("\u202bשלום\nabc")
	p := NewParagraph(text, LeftToRight)
	if got, want := p.LineLevels(5, len(text)), []Level{0, 0, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("levels after separator %v, want %v", got, want)
	}
}

func TestEmptyAndBadLines(t *testing.T) {
	p := NewParagraph(nil, Auto)
	if p.Len() != 0 || p.Direction() != LeftToRight || len(p.VisualRuns(0, 0)) != 0 {
		t.Errorf("empty paragraph: len %d, dir %v", p.Len(), p.Direction())
	}
	defer func() {
		if recover() == nil {
			t.Error("VisualRuns(0, 5) on an empty paragraph did not panic")
		}
	}()
	p.VisualRuns(0, 5)
}

func TestMirror(t *testing.T) {
	for r, want := range map[rune]rune{
		'(': ')', ')': '(', '[': ']', '<': '>', '«': '»', 'a': 'a', 'ب': 'ب',
		0x2329: 0x232A, 0x3008: 0x3009, '∈': '∋',
	} {
		if got := Mirror(r); got != want {
			t.Errorf("Mirror(%q) = %q, want %q", r, got, want)
		}
	}
}

// The bracket pair identifiers must treat U+2329/U+232A as U+3008/U+3009,
// and x/text's bracket flags must agree with tables.go.
func TestBracketTable(t *testing.T) {
	for _, pair := range [][2]rune{{'(', ')'}, {0x2329, 0x232A}, {0x2329, 0x3009}, {0x3008, 0x232A}} {
		open, close := props(pair[0]), props(pair[1])
		ot, oid := bracketOf(open, pair[0])
		ct, cid := bracketOf(close, pair[1])
		if ot != bpOpen || ct != bpClose || oid != cid {
			t.Errorf("%U %U: types %d %d ids %U %U", pair[0], pair[1], ot, ct, oid, cid)
		}
	}
	for r := rune(0); r < 0x110000; r++ {
		_, inTable := lookupPair(bracketTable[:], r)
		if p := props(r); p.IsBracket() != inTable {
			t.Errorf("%U: x/text IsBracket %v, in bracketTable %v", r, p.IsBracket(), inTable)
		}
	}
}

func props(r rune) xbidi.Properties {
	p, _ := xbidi.LookupRune(r)
	return p
}
