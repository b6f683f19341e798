package app

import (
	"errors"
	"slices"
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
