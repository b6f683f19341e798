package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/store"
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

// BenchmarkBuildPages50k builds each list screen from a store holding the
// generated national content (50,000 items, 290 municipalities): the
// store read and the widgets, read in place as a UI from New does. The
// "-read" figures are the store reads alone. Run's UI makes the reads of
// Services, Events, Projects and Home's what is current, with their
// sorting and rows, off the UI goroutine (readLater): what of those
// screens stays on it is BenchmarkListScreens50k's ui-ms. A figure near
// a frame (16 ms) or more on the UI goroutine stalls the window.
func BenchmarkBuildPages50k(b *testing.B) {
	start := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	set := synth.Generate(synth.Options{Municipalities: 290, Items: 50000, Seed: 1, Start: start})
	u, lib := pagesUI(b, set, start)
	topic := set.Topics[0].ID
	for _, c := range []struct {
		name string
		p    page
	}{
		{"home", homePage{}},
		{"topics", topicsPage{}},
		{"articles", articlesPage{topic: topic}},
		{"services", servicesPage{}},
		{"events", eventsPage{}},
		{"projects", projectsPage{}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c.p.build(u)
			}
		})
	}
	now := u.now()
	for _, c := range []struct {
		name string
		read func(tx *store.Tx) error
	}{
		{"services-read", func(tx *store.Tx) error { _, err := tx.Services(store.ServiceQuery{}); return err }},
		{"events-read", func(tx *store.Tx) error {
			_, err := tx.Events(store.EventQuery{From: dayStart(now), Limit: maxListedOccurrences})
			return err
		}},
		{"projects-read", func(tx *store.Tx) error { _, err := tx.Projects(); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := lib.Store.View(c.read); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// pagesUI is a UI from New in a 1920×1080 test window on a new data
// folder holding set, its clock a month after start.
func pagesUI(b *testing.B, set *content.Set, start time.Time) (*UI, *library.Library) {
	b.Helper()
	test.NewTempApp(b)
	lib, err := library.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { lib.Close() })
	if err := lib.Store.Apply(set, content.Version{Number: 2, Source: content.SourceLocal}); err != nil {
		b.Fatal(err)
	}
	catalog, err := i18n.New()
	if err != nil {
		b.Fatal(err)
	}
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1920, 1080))
	u := New(lib, catalog, content.Swedish, w)
	u.now = func() time.Time { return start.AddDate(0, 1, 0) }
	return u, lib
}

// BenchmarkListScreens50k opens the list screens whose read is slow on
// the national cache as the window's UI does (reads off the UI goroutine,
// readLater), from Home, and reports the two stretches each takes on the
// UI goroutine and what it takes off it: open-ms is show building the
// screen (its title and, until the list is read, the line saying it is
// coming), fill-ms filling the screen once the read is done (the view
// and laying it out), ui-ms the two together, bg-ms the read on its
// goroutine; ui-max-ms the longest single stretch. home-current is Home
// with no event coming (a store of the same content without its events),
// which lists what is current: every service and running project; home
// is Home with events coming, built at once. ns/op is the whole, open
// to filled.
// Target: each UI stretch ≤ 16 ms (a frame).
func BenchmarkListScreens50k(b *testing.B) {
	start := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	set := synth.Generate(synth.Options{Municipalities: 290, Items: 50000, Seed: 1, Start: start})
	u, _ := pagesUI(b, set, start)
	quiet := *set
	quiet.Events = nil
	uq, _ := pagesUI(b, &quiet, start)
	for _, c := range []struct {
		name string
		u    *UI
		p    page
	}{
		{"services", u, servicesPage{}},
		{"events", u, eventsPage{}},
		{"projects", u, projectsPage{}},
		{"home-current", uq, homePage{}},
		{"home", u, homePage{}}, // events coming: built at once, for comparison
	} {
		b.Run(c.name, func(b *testing.B) {
			n := c.u.nav
			n.readAsync = true
			var read, fill, open, longest time.Duration
			fills := 0
			readLaterWatch.filled = func(r, f time.Duration) { read += r; fill += f; fills++; longest = max(longest, f) }
			defer func() { readLaterWatch.filled = nil }()
			for i := 0; i < b.N; i++ {
				n.stack = []page{homePage{}}
				if _, home := c.p.(homePage); !home {
					n.stack = append(n.stack, c.p)
				}
				began := time.Now()
				n.show()
				took := time.Since(began)
				n.reading.Wait() // then the read's goroutine has written its times
				open += took
				longest = max(longest, took)
			}
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) / float64(b.N) }
			b.ReportMetric(ms(open), "open-ms")
			b.ReportMetric(ms(fill), "fill-ms")
			b.ReportMetric(ms(open+fill), "ui-ms")
			b.ReportMetric(ms(read), "bg-ms")
			b.ReportMetric(float64(longest)/float64(time.Millisecond), "ui-max-ms")
			b.ReportMetric(float64(fills)/float64(b.N), "fills/op")
		})
	}
	// The first letter typed into the services list's filter field, on the
	// UI goroutine: the filter over the rows' folded texts, which the read
	// made (withHaystacks), and the list's refresh.
	b.Run("services-first-key", func(b *testing.B) {
		n := u.nav
		n.readAsync = true
		var key time.Duration
		for i := 0; i < b.N; i++ {
			n.stack = []page{homePage{}, servicesPage{}}
			n.show()
			n.reading.Wait()
			var field *textview.Entry
			walk(n.body, func(o fyne.CanvasObject) {
				if e, ok := o.(*textview.Entry); ok && field == nil {
					field = e
				}
			})
			if field == nil {
				b.Fatal("no filter field")
			}
			began := time.Now()
			field.OnChanged("a")
			key += time.Since(began)
		}
		b.ReportMetric(float64(key)/float64(time.Millisecond)/float64(b.N), "ui-ms")
	})
}
