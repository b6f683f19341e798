package search

import (
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// TestDateFilterFollowsExceptions: a date range holds an event only on
// the days it really happens: not on an EXDATE or a cancelled or moved-away
// occurrence, but on an RDATE and where an occurrence was moved to; a
// cancelled series on no day.
func TestDateFilterFollowsExceptions(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 10, 0, 0, 0, time.UTC) }
	weekly := content.Event{ID: "weekly", Title: content.Text{"sv": "Språkcafé"}, Start: day(2), TimeZone: "UTC", RRule: "FREQ=WEEKLY;COUNT=4",
		ExDates:   []time.Time{day(9)},
		RDates:    []content.ExtraDate{{Start: day(12)}},
		Overrides: []content.Override{{RecurrenceID: day(16), Start: day(18)}, {RecurrenceID: day(23), Cancelled: true}}}
	once := content.Event{ID: "once", Title: content.Text{"sv": "Språkcafé"}, Start: day(5), TimeZone: "UTC", Cancelled: true}
	ix := Build(&content.Set{Events: []content.Event{weekly, once}})
	cases := []struct {
		what     string
		from, to int
		want     []string
	}{
		{"first", 2, 3, []string{"weekly"}},
		{"EXDATE", 9, 10, nil},
		{"RDATE", 12, 13, []string{"weekly"}},
		{"moved away", 16, 17, nil},
		{"moved to", 18, 19, []string{"weekly"}},
		{"cancelled occurrence", 23, 24, nil},
		{"cancelled series", 5, 6, nil},
		{"after all", 24, 31, nil},
	}
	for _, c := range cases {
		t.Run(c.what, func(t *testing.T) {
			q := Query{Text: "språkcafé", Lang: content.Swedish, Kinds: []content.Kind{content.KindEvent}, From: day(c.from).Add(-time.Hour), To: day(c.to).Add(-time.Hour)}
			if got := ids(ix.Search(q)); !sameSet(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}
