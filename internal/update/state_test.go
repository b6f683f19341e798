package update

import (
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// The content's age counts from when it was written: built-in content
// seeded today but written weeks ago is stale, and feed content without
// a date of its own is as old as the last successful sync.
func TestContentAgeCountsFromTheContentsDate(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	now := day("2026-12-06").Add(10 * time.Hour)
	cases := []struct {
		name        string
		version     content.Version
		lastSuccess time.Time
		since       time.Time
		stale       bool
	}{
		{"built-in written 13 days ago", content.Version{Source: content.SourceBuiltin, Published: day("2026-11-23"), Applied: now}, time.Time{}, day("2026-11-23"), false},
		{"built-in written 30 days ago, seeded now", content.Version{Source: content.SourceBuiltin, Published: day("2026-11-06"), Applied: now}, time.Time{}, day("2026-11-06"), true},
		{"built-in without a date", content.Version{Source: content.SourceBuiltin, Applied: day("2026-12-01")}, time.Time{}, day("2026-12-01"), false},
		{"feed synced yesterday", content.Version{Number: 3, Source: content.SourceFeed, Applied: day("2026-10-01")}, day("2026-12-05"), day("2026-12-05"), false},
		{"feed dated long ago", content.Version{Number: 3, Source: content.SourceFeed, Published: day("2024-05-01"), Applied: now}, now, day("2024-05-01"), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, _ := newKiosk(t)
			if err := st.Apply(&content.Set{}, c.version); err != nil {
				t.Fatal(err)
			}
			if err := st.SetSyncStatus(store.SyncStatus{LastSuccess: c.lastSuccess}); err != nil {
				t.Fatal(err)
			}
			got, err := CurrentStatus(st, now, DefaultStaleAfter)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Since.Equal(c.since) || got.Stale != c.stale || got.Age != now.Sub(c.since) {
				t.Errorf("since %s, age %s, stale %v; want since %s, stale %v", got.Since, got.Age, got.Stale, c.since, c.stale)
			}
		})
	}
}
