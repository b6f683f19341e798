package app

import (
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/motesplats/motesplats/internal/content"
)

// With the slow lists read off the UI goroutine (as Run sets it), each
// list screen ends up with the same rows as one read in place.
func TestSlowListsFillWhenRead(t *testing.T) {
	when := func() time.Time { return time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC) } // while the built-in events are coming
	for _, p := range []page{servicesPage{}, eventsPage{}, projectsPage{}} {
		inPlace, wp := newTestUI(t, content.Swedish)
		inPlace.now = when
		inPlace.Open(p)
		want := listTitles(findList(t, wp))

		u, w := newTestUI(t, content.Swedish)
		u.now = when
		u.nav.readAsync = true
		u.Open(p)
		u.nav.reading.Wait()
		if got := listTitles(findList(t, w)); len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%T read in the background lists %q, read in place %q", p, got, want)
		}
	}
}

// A read in the background says the list is coming until it is done, is
// shown when done, and is dropped when another screen was built in the
// meantime; a read that fails says why. Each read waits for release, so
// the test goroutine is still while the read ends and fills (in the test
// driver, fyne.Do runs on the calling goroutine).
func TestReadLater(t *testing.T) {
	u, w := newTestUI(t, content.English)
	u.nav.readAsync = true
	views := 0
	view := func(s string) fyne.CanvasObject { views++; return u.uiText(s) }

	release := make(chan struct{})
	w.SetContent(readLater(u, func() (string, error) { <-release; return "shown in time", nil }, view))
	if !hasLabel(w, u.t("ListReading")) {
		t.Error("a list being read does not say it is coming")
	}
	close(release)
	u.nav.reading.Wait()
	if !hasLabel(w, "shown in time") || hasLabel(w, u.t("ListReading")) {
		t.Error("a read that ended was not shown in place of the note")
	}

	views = 0
	release = make(chan struct{})
	w.SetContent(readLater(u, func() (string, error) { <-release; return "overtaken", nil }, view))
	u.Open(topicsPage{}) // the visitor goes on before the read ends
	close(release)
	u.nav.reading.Wait()
	if views != 0 || hasLabel(w, "overtaken") {
		t.Error("a read that ended after another screen was built was shown")
	}

	release = make(chan struct{})
	u.nav.show() // a screen of its own, as show builds one
	w.SetContent(readLater(u, func() (string, error) { <-release; return "", errors.New("disk gone") }, view))
	close(release)
	u.nav.reading.Wait()
	if want := u.tf("ErrorReading", map[string]any{"Error": "disk gone"}); !hasLabel(w, want) {
		t.Errorf("a failed read does not say %q", want)
	}
}

// holdFirstRead holds the next read readLater starts until release is
// closed, the reads after it run; held returns once that read is held
// (reads run on goroutines of their own, so the next one to start is not
// always the next to arrive). filled hears of each screen filled.
func holdFirstRead(t *testing.T) (held func(), release chan struct{}, filled chan struct{}) {
	t.Helper()
	arrived := make(chan struct{})
	release, filled = make(chan struct{}), make(chan struct{}, 8)
	var first atomic.Bool
	readLaterWatch.reading = func() {
		if first.CompareAndSwap(false, true) {
			close(arrived)
			<-release
		}
	}
	readLaterWatch.filled = func(_, _ time.Duration) { filled <- struct{}{} }
	t.Cleanup(func() { readLaterWatch.reading, readLaterWatch.filled = nil, nil })
	return func() { <-arrived }, release, filled
}

// A list screen's read that ends after a newer screen was built (other
// filters, another language, another screen) is dropped: the newer one
// stays, filled by its own read.
func TestLateListDoesNotReplaceNewerScreen(t *testing.T) {
	when := stockholmTime(t, "2024-05-13 10:00")

	t.Run("filters", func(t *testing.T) {
		u, w, set := asyncUI(t, content.Swedish, when, nil)
		held, release, filled := holdFirstRead(t)
		u.Open(servicesPage{}) // every service
		held()
		u.nav.replaceTop(servicesPage{category: "integration"})
		<-filled
		close(release)
		u.nav.reading.Wait()
		if n, want := findList(t, w).Length(), countServices(set, "", "integration"); n != want || want == countServices(set, "", "") {
			t.Errorf("the screen lists %d services, want the %d of the category chosen last", n, want)
		}
		if len(filled) != 0 {
			t.Error("the read of the screen left filled it")
		}
	})

	t.Run("language", func(t *testing.T) {
		u, w, _ := asyncUI(t, content.Swedish, when, nil)
		held, release, filled := holdFirstRead(t)
		u.Open(projectsPage{}) // in Swedish
		held()
		u.SetLanguage(content.English)
		<-filled
		close(release)
		u.nav.reading.Wait()
		got := listTitles(findList(t, w))

		inPlace, wp := newTestUI(t, content.English)
		applyBuiltin(t, inPlace, when, nil)
		inPlace.Open(projectsPage{})
		if want := listTitles(findList(t, wp)); !slices.Equal(got, want) {
			t.Errorf("after switching to English the projects read\n%q\nwant\n%q", got, want)
		}
		if hasLabel(w, u.t("ListReading")) || len(filled) != 0 {
			t.Error("the Swedish read was shown, or the screen still waits")
		}
	})

	t.Run("home", func(t *testing.T) {
		u, w, _ := asyncUI(t, content.English, stockholmTime(t, issueDay), nil) // no event coming
		held, release, filled := holdFirstRead(t)
		u.Home() // what is current
		held()
		u.Open(topicsPage{}) // not a slow list: built at once
		close(release)
		u.nav.reading.Wait()
		if _, ok := u.Current().(topicsPage); !ok || hasLabel(w, u.t("CurrentNoEvents")) || len(filled) != 0 {
			t.Errorf("Home's late list replaced the topics screen (on top: %T)", u.Current())
		}
		if !hasLabel(w, u.t("NavInformation")) {
			t.Error("the topics screen is not shown")
		}
	})
}
