package textview

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/internal/bidi"
)

// arabicWords is real Arabic from the built-in content, with the Swedish
// names and numbers that Arabic articles in the kiosk carry.
const arabicWords = `اتصل بالرقم 1177 للاستشارة، واذهب أولًا إلى المركز الصحي (vårdcentral) عندما تحتاج إلى طبيب أو ممرضة.
يمكنك أن تسأل مصلحة الهجرة (Migrationsverket) على الرقم 0771-235 235 أو على موقع https://www.migrationsverket.se عن تصريح الإقامة.
يبدأ اليوم المفتوح الساعة 13:00 في 15 مايو 2024 في Landbotorpsallén 25A، Örebro ولا حاجة إلى التسجيل مسبقًا.`

func arabicArticle(words int) string {
	src := strings.Fields(strings.ReplaceAll(arabicWords, "\n", " "))
	out := make([]string, words)
	for i := range out {
		out[i] = src[i%len(src)]
	}
	return strings.Join(out, " ")
}

func measurer() Measurer {
	size := theme.DefaultTheme().Size(theme.SizeNameText)
	return func(s string) float32 { return fyne.MeasureText(s, size, fyne.TextStyle{}).Width }
}

// BenchmarkLayoutArabicArticle lays out a 2,000-word Arabic article with
// Latin names, digits and links at a kiosk's column width, measuring
// with Fyne's real shaper (HarfBuzz, the bundled fonts).
func BenchmarkLayoutArabicArticle(b *testing.B) {
	test.NewTempApp(b)
	text, measure := arabicArticle(2000), measurer()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := Layout(text, 900, bidi.RightToLeft, measure)
		if len(p.Lines) < 50 {
			b.Fatalf("%d lines", len(p.Lines))
		}
	}
}

// BenchmarkLabelArabicArticle is the same article as a Label on a window:
// layout, one text object per piece, and baselines.
func BenchmarkLabelArabicArticle(b *testing.B) {
	test.NewTempApp(b)
	text := arabicArticle(2000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l := NewLabel(text, bidi.RightToLeft)
		l.Resize(fyne.NewSize(900, 100))
		if n := len(test.WidgetRenderer(l).Objects()); n < 1000 {
			b.Fatalf("%d pieces", n)
		}
	}
}

// BenchmarkLayoutMixedRows lays out 1,000 list rows of one line each in
// the four languages, a third of them Arabic with Swedish names.
func BenchmarkLayoutMixedRows(b *testing.B) {
	test.NewTempApp(b)
	measure := measurer()
	rows := make([]string, 1000)
	dirs := make([]bidi.Direction, 1000)
	for i := range rows {
		switch i % 3 {
		case 0:
			rows[i], dirs[i] = fmt.Sprintf("يوم مفتوح في KIAS 2.0 رقم %d، Örebro", i), bidi.RightToLeft
		case 1:
			rows[i], dirs[i] = fmt.Sprintf("День відкритих дверей у KIAS 2.0, №%d", i), bidi.LeftToRight
		default:
			rows[i], dirs[i] = fmt.Sprintf("Öppet hus på Landbotorpsallén 25A, nummer %d", i), bidi.LeftToRight
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, r := range rows {
			Layout(r, 900, dirs[j], measure)
		}
	}
}

// hugeWord is n letters without a space, never repeating a line's text
// (Fyne caches the measures of texts it has seen).
func hugeWord(n int) string {
	letters := []rune("abcdefghijklmnopqrstuvwxyzåäöабвгдеєжзиіїйклмнопрстуфхцчшщьюя")
	word := make([]rune, n)
	x := uint32(1)
	for i := range word {
		x = x*1664525 + 1013904223
		word[i] = letters[(x>>16)%uint32(len(letters))]
	}
	return string(word)
}

// BenchmarkLayoutHugeWord lays out one 250,000-letter word (it once froze
// the window for 25 s) at a kiosk's column width with Fyne's real shaper.
func BenchmarkLayoutHugeWord(b *testing.B) {
	test.NewTempApp(b)
	word, measure := hugeWord(250_000), measurer()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if p := Layout(word, 900, bidi.LeftToRight, measure); len(p.Lines) < 1000 {
			b.Fatalf("%d lines", len(p.Lines))
		}
	}
}
