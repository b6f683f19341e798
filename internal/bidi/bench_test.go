package bidi

import (
	"fmt"
	"strings"
	"testing"
)

// arabicParagraph returns about n words of Arabic with Latin names, digits
// and punctuation, as one paragraph.
func arabicParagraph(n int) []rune {
	sentence := strings.Fields("تفتح مكتبة Örebro stadsbibliotek أبوابها الساعة 10:00 يوم 15 مايو في شارع Landbotorpsallén 25A، ويمكن للزوار (من جميع الأعمار) استعارة 3 كتب.")
	words := make([]string, n)
	for i := range words {
		words[i] = sentence[i%len(sentence)]
	}
	return []rune(strings.Join(words, " "))
}

// mixedRows returns n short rows like a schedule list in four languages.
func mixedRows(n int) [][]rune {
	templates := []string{
		"%d. Sagostund för barn, kl. 10:%02d",
		"%d. Читання для дітей о 10:%02d",
		"%d. ورشة عمل Python الساعة 10:%02d",
		"%d. Story time (مكتبة الأطفال) at 10:%02d",
	}
	rows := make([][]rune, n)
	for i := range rows {
		rows[i] = []rune(fmt.Sprintf(templates[i%len(templates)], i+1, i%60))
	}
	return rows
}

// layOut resolves a paragraph and orders it in lines of about width runes,
// as the UI does.
func layOut(text []rune, width int) int {
	p := NewParagraph(text, Auto)
	n := 0
	for start := 0; start < len(text); start += width {
		n += len(p.VisualRuns(start, min(start+width, len(text))))
	}
	return n
}

func BenchmarkParagraph(b *testing.B) {
	text := arabicParagraph(2000)
	b.SetBytes(int64(len(string(text))))
	for b.Loop() {
		layOut(text, 60)
	}
}

func BenchmarkRows(b *testing.B) {
	rows := mixedRows(1000)
	size := 0
	for _, r := range rows {
		size += len(string(r))
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, r := range rows {
			layOut(r, len(r))
		}
	}
}
