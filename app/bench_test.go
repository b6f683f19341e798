package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/synth"
)

// BenchmarkScroll50kRows scrolls a list of the 50,000 items of the
// generated national content, one screenful a step, through Fyne's list:
// each step lays out and fills the rows that come into view (Fyne's test
// driver does everything but the GPU drawing). The figure is the time of
// one step; a smooth scroll needs it well under a frame (16 ms).
func BenchmarkScroll50kRows(b *testing.B) {
	set := synth.Generate(synth.Options{Municipalities: 290, Items: 50000, Seed: 1, Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	var rows []row
	set.Each(func(item content.Item) {
		title := item.Main()
		rows = append(rows, row{title: title, detail: title})
	})
	for len(rows) < 50000 {
		rows = append(rows, rows...)
	}
	rows = rows[:50000]
	test.NewTempApp(b)
	catalog, err := i18n.New()
	if err != nil {
		b.Fatal(err)
	}
	for _, lang := range []content.Lang{content.Swedish, content.Arabic} {
		b.Run(string(lang), func(b *testing.B) {
			u := &UI{catalog: catalog, loc: catalog.For(lang)}
			list := u.rowList(rows)
			w := test.NewTempWindow(b, list)
			w.Resize(fyne.NewSize(1080, 1920))
			step := float32(1920)
			end := step * 40000 / 50000 * float32(len(rows)) / 40000 * 50 // far down the list
			offset := float32(0)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				offset += step
				if offset > end {
					offset = 0
				}
				list.ScrollToOffset(offset)
			}
		})
	}
}
