package content

import (
	"testing"
	"time"
)

var swedenZone, _ = time.LoadLocation("Europe/Stockholm")

func TestProjectEnded(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, swedenZone)
	cases := []struct {
		end      string
		ended    bool
		last     string
		yearOnly bool
	}{
		{"", false, "", false},
		{"2019-06-30", true, "2019-06-30", false},
		{"2022", true, "2022-12-31", true},
		{"2026", false, "2026-12-31", true},        // the year is not over
		{"2026-12-06", false, "2026-12-06", false}, // its last day is today
		{"2026-12-05", true, "2026-12-05", false},
		{"2027-06-30", false, "2027-06-30", false},
	}
	for _, c := range cases {
		p := Project{End: c.end}
		last, yearOnly, ended := p.Ended(now)
		if ended != c.ended || yearOnly != c.yearOnly {
			t.Errorf("end %q: ended %v yearOnly %v, want %v %v", c.end, ended, yearOnly, c.ended, c.yearOnly)
		}
		if c.last != "" && last.Format(time.DateOnly) != c.last {
			t.Errorf("end %q: last day %s, want %s", c.end, last.Format(time.DateOnly), c.last)
		}
	}
}

func TestEventEnded(t *testing.T) {
	start := time.Date(2024, 5, 14, 11, 30, 0, 0, swedenZone)
	cases := []struct {
		name  string
		e     Event
		now   time.Time
		ended bool
	}{
		{"series all past", Event{Start: start, RRule: "FREQ=DAILY;COUNT=3"}, time.Date(2026, 12, 6, 0, 0, 0, 0, swedenZone), true},
		{"series on its last day", Event{Start: start, RRule: "FREQ=DAILY;COUNT=3"}, time.Date(2024, 5, 16, 20, 0, 0, 0, swedenZone), false},
		{"series after its last day", Event{Start: start, RRule: "FREQ=DAILY;COUNT=3"}, time.Date(2024, 5, 17, 0, 0, 0, 0, swedenZone), true},
		{"series until", Event{Start: start, RRule: "FREQ=WEEKLY;UNTIL=20240604T093000Z"}, time.Date(2024, 6, 5, 0, 0, 0, 0, swedenZone), true},
		{"for ever", Event{Start: start, RRule: "FREQ=WEEKLY"}, time.Date(2030, 1, 1, 0, 0, 0, 0, swedenZone), false},
		{"one with an end, over", Event{Start: start, End: start.Add(2 * time.Hour)}, start.Add(2 * time.Hour), true},
		{"one with an end, running", Event{Start: start, End: start.Add(2 * time.Hour)}, start.Add(time.Hour), false},
	}
	for _, c := range cases {
		c.e.TimeZone = "Europe/Stockholm"
		if got := c.e.Ended(c.now); got != c.ended {
			t.Errorf("%s: Ended = %v, want %v (last end %s)", c.name, got, c.ended, c.e.LastEnd())
		}
	}
}

func TestSetUpdatedIsTheNewestItemDate(t *testing.T) {
	s := validSet()
	if !s.Updated().IsZero() {
		t.Fatalf("no item has a date, Updated = %s", s.Updated())
	}
	s.Articles[0].Updated = "2026-11-23"
	s.Services[0].Updated = "2026-12-01"
	s.Events[0].Updated = "2025-01-01"
	got := s.Updated()
	if got.Format(time.DateOnly) != "2026-12-01" || got.Location().String() != "Europe/Stockholm" {
		t.Fatalf("Updated = %s, want 2026-12-01 in Stockholm", got)
	}
	if ps := s.Validate(); len(ps) != 0 {
		t.Fatalf("dated set: %v", ps)
	}
}
