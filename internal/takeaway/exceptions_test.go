package takeaway

import (
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// TestExceptionsWritten: EXDATE, RDATE and changed occurrences travel with
// the event, in the form its DTSTART has.
func TestExceptionsWritten(t *testing.T) {
	sthlm := stockholm(t)
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, sthlm) }
	e := content.Event{ID: "cafe", Title: content.Text{"sv": "Språkcafé"}, Start: at(3, 3, 10), End: at(3, 3, 12),
		TimeZone: "Europe/Stockholm", RRule: "FREQ=WEEKLY;COUNT=6", Attendance: content.Offline,
		Place:   &content.Place{Name: content.Text{"sv": "Biblioteket"}},
		ExDates: []time.Time{at(3, 17, 10)},
		RDates:  []content.ExtraDate{{Start: at(4, 20, 9), End: at(4, 20, 16)}},
		Overrides: []content.Override{
			{RecurrenceID: at(3, 24, 10), Start: at(3, 26, 13), Title: content.Text{"sv": "Språkcafé (torsdag)"}},
			{RecurrenceID: at(4, 7, 10), Cancelled: true},
		}}
	out, err := EventsICS([]content.Event{e}, content.Swedish, stamp)
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, out)
	text := unfold(string(out))
	for _, want := range []string{
		"DTSTART;TZID=Europe/Stockholm:20260303T100000",
		"EXDATE;TZID=Europe/Stockholm:20260317T100000",
		"EXDATE;TZID=Europe/Stockholm:20260407T100000",
		"RDATE;VALUE=PERIOD;TZID=Europe/Stockholm:20260420T090000/20260420T160000",
		"RECURRENCE-ID;TZID=Europe/Stockholm:20260324T100000",
		"DTSTART;TZID=Europe/Stockholm:20260326T130000",
		"DTEND;TZID=Europe/Stockholm:20260326T150000",
		"SUMMARY;LANGUAGE=sv:Språkcafé (torsdag)",
	} {
		if !strings.Contains(text, want+"\r\n") {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if n := strings.Count(text, "BEGIN:VEVENT"); n != 2 {
		t.Errorf("%d VEVENTs, want the series and one changed occurrence", n)
	}
	e.Cancelled = true
	out, _ = EventsICS([]content.Event{e}, content.Swedish, stamp)
	if !strings.Contains(string(out), "STATUS:CANCELLED\r\n") {
		t.Errorf("a cancelled series has no STATUS:CANCELLED:\n%s", out)
	}
}
