package update

import (
	"context"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// TestFeedVersionCarriesItsContentDate: a kiosk counts the age of feed
// content from when it was written (the newest updated date of its
// items), not from when it was fetched; a patch that brings only older
// items keeps the date, one with a newer item moves it.
func TestFeedVersionCarriesItsContentDate(t *testing.T) {
	p := newPublisher(t, 600)
	for i := range p.set.Articles {
		p.set.Articles[i].Updated = "2026-10-01"
	}
	p.set.Services[0].Updated = "2026-11-02"
	p.publish(t)
	st, state := newKiosk(t)
	date := func() string {
		t.Helper()
		v, _, err := st.Version()
		if err != nil {
			t.Fatal(err)
		}
		return v.Published.In(time.UTC).Add(12 * time.Hour).Format(time.DateOnly)
	}
	sync := func(step string) {
		t.Helper()
		p.options(state)
		if _, err := Run(context.Background(), st, p.options(state)); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	sync("first sync")
	if got := date(); got != "2026-11-02" {
		t.Fatalf("after the first sync the content is dated %s, want 2026-11-02", got)
	}
	// One older item changed: a patch that keeps the date.
	p.set.Articles[3].Title[content.Swedish] += " (ändrad)"
	p.set.Articles[3].Updated = "2026-10-15"
	p.publish(t)
	sync("patch with an older item")
	if got := date(); got != "2026-11-02" {
		t.Errorf("a patch with an older item moved the date to %s", got)
	}
	p.set.Articles[4].Updated = "2026-11-30"
	p.publish(t)
	sync("patch with a newer item")
	if got := date(); got != "2026-11-30" {
		t.Errorf("after a newer item the content is dated %s, want 2026-11-30", got)
	}
	s, err := CurrentStatus(st, time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), DefaultStaleAfter)
	if err != nil {
		t.Fatal(err)
	}
	if s.Since.Format(time.DateOnly) != "2026-11-30" || s.Stale {
		t.Errorf("status counts from %s (stale %v), want the content's date 2026-11-30", s.Since, s.Stale)
	}
}
