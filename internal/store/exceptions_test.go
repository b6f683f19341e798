package store

import (
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// TestIndexHonoursExceptions: the start index (what lists, Home and the
// events command read) leaves out EXDATEs and cancelled occurrences, has
// the RDATEs, moves moved ones and gives each occurrence its override.
func TestIndexHonoursExceptions(t *testing.T) {
	s, _ := openTemp(t)
	set := testSet(0, "v1")
	at := func(m time.Month, d, h int) time.Time { return time.Date(2030, m, d, h, 0, 0, 0, stockholm) }
	set.Events = []content.Event{{ID: "cafe", Title: content.Text{"sv": "Språkcafé"}, Start: at(3, 5, 10), End: at(3, 5, 12),
		TimeZone: "Europe/Stockholm", RRule: "FREQ=WEEKLY;COUNT=5", Attendance: content.Offline,
		Place:   &content.Place{Name: content.Text{"sv": "Biblioteket"}},
		ExDates: []time.Time{at(3, 12, 10)},
		RDates:  []content.ExtraDate{{Start: at(4, 10, 14)}},
		Overrides: []content.Override{
			{RecurrenceID: at(3, 19, 10), Start: at(3, 20, 13), Place: &content.Place{Name: content.Text{"sv": "Fritidsgården"}}},
			{RecurrenceID: at(3, 26, 10), Cancelled: true},
		}}, {ID: "inställt", Title: content.Text{"sv": "Inställt"}, Start: at(3, 6, 10), TimeZone: "Europe/Stockholm",
		Attendance: content.Online, OnlineURL: "https://example.org/", Cancelled: true}}
	set.Events[1].ID = "installt"
	if err := s.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := s.View(func(tx *Tx) error {
		occ, err := tx.Events(EventQuery{From: at(1, 1, 0)})
		for _, o := range occ {
			line := o.Event.ID + " " + o.Start.In(stockholm).Format("01-02 15:04") + "–" + o.End.In(stockholm).Format("15:04") + " " + o.Event.Place.Name["sv"]
			if o.Moved {
				line += " (moved)"
			}
			got = append(got, line)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "cafe 03-05 10:00–12:00 Biblioteket, cafe 03-20 13:00–15:00 Fritidsgården (moved), cafe 04-02 10:00–12:00 Biblioteket, cafe 04-10 14:00–16:00 Biblioteket"
	if g := strings.Join(got, ", "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
}

// TestOldEndlessEventIndexedNearNow: a weekly event that began in 1990 and
// never ends is indexed from a year back to two years ahead, not as its
// first occurrences in 1990.
func TestOldEndlessEventIndexedNearNow(t *testing.T) {
	s, _ := openTemp(t)
	set := testSet(0, "v1")
	set.Events = []content.Event{{ID: "old", Title: content.Text{"sv": "Gammal"}, Start: time.Date(1990, 1, 2, 18, 0, 0, 0, stockholm),
		TimeZone: "Europe/Stockholm", RRule: "FREQ=WEEKLY", Attendance: content.Online, OnlineURL: "https://example.org/"}}
	if err := s.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var occ []Occurrence
	s.View(func(tx *Tx) (err error) {
		occ, err = tx.Events(EventQuery{From: now})
		return err
	})
	if len(occ) < 100 || occ[0].Start.Sub(now) > 7*24*time.Hour {
		t.Fatalf("%d coming occurrences, first %v: want about two years of weeks from now", len(occ), occ[0].Start)
	}
}

// TestHostileShardRefused: a shard (as a sync receives it, split by the
// feed) holding an event whose rule would run a kiosk out of memory is
// refused when applied, quickly, and the version in use stays.
func TestHostileShardRefused(t *testing.T) {
	for _, rule := range []string{"FREQ=SECONDLY;COUNT=300000000", "FREQ=SECONDLY;UNTIL=99991231T235959Z", "FREQ=DAILY;COUNT=300000000"} {
		t.Run(rule, func(t *testing.T) {
			v1 := testSet(10, "v1")
			s, _ := openTemp(t)
			if err := s.Rebuild(content.Version{Number: 1, Applied: applied}, iterate(partsOf(t, v1))); err != nil {
				t.Fatal(err)
			}
			hostile := testSet(10, "v1")
			hostile.Events[3].RRule = rule
			hostile.Events[3].Start = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
			began := time.Now()
			err := s.Rebuild(content.Version{Number: 2}, iterate(partsOf(t, hostile)))
			if err == nil || !strings.Contains(err.Error(), "rrule") {
				t.Fatalf("hostile shard: %v, want refused for its rrule", err)
			}
			remove, add := changedParts(t, s, hostile)
			if err := s.Patch(content.Version{Number: 2}, remove, add); err == nil || !strings.Contains(err.Error(), "rrule") {
				t.Fatalf("hostile patch: %v, want refused for its rrule", err)
			}
			if d := time.Since(began); d > 30*time.Second { // unbounded, it ran out of memory
				t.Errorf("refusing took %v", d)
			}
			if v, err := s.Verify(); err != nil || v.Number != 1 {
				t.Fatalf("after the refused shard: version %d, %v; want 1", v.Number, err)
			}
		})
	}
}
