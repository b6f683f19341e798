package content

import (
	"testing"
	"time"
)

func TestOpenAt(t *testing.T) {
	sthlm, err := LoadZone("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	office := &OpeningHours{
		Weekly: map[string][]TimeSlot{
			"mon": {{Opens: "08:00", Closes: "12:00"}, {Opens: "13:00", Closes: "16:30"}},
			"fri": {{Opens: "18:00", Closes: "24:00"}},
		},
		Exceptions: []HoursException{
			{Date: "2026-12-21", Closed: true},                                         // a Monday
			{Date: "2026-12-26", Slots: []TimeSlot{{Opens: "10:00", Closes: "14:00"}}}, // a Saturday
		},
	}
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, sthlm)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	cases := []struct {
		name        string
		hours       *OpeningHours
		t           time.Time
		loc         *time.Location
		open, known bool
	}{
		{"unknown hours", nil, at("2026-12-14 10:00"), sthlm, false, false},
		{"always open", &OpeningHours{AlwaysOpen: true}, at("2026-12-13 03:00"), sthlm, true, true},
		{"in the morning slot", office, at("2026-12-14 08:00"), sthlm, true, true},
		{"lunch break", office, at("2026-12-14 12:00"), sthlm, false, true},
		{"last minute of the afternoon", office, at("2026-12-14 16:29"), sthlm, true, true},
		{"closing minute", office, at("2026-12-14 16:30"), sthlm, false, true},
		{"a day missing from the week is closed", office, at("2026-12-15 10:00"), sthlm, false, true},
		{"open until midnight (24:00)", office, at("2026-12-18 23:59"), sthlm, true, true},
		{"midnight starts the next, closed day", office, at("2026-12-19 00:00"), sthlm, false, true},
		{"closed exception on a Monday", office, at("2026-12-21 10:00"), sthlm, false, true},
		{"exception opens a Saturday", office, at("2026-12-26 11:00"), sthlm, true, true},
		{"exception's hours replace the week", office, at("2026-12-26 15:00"), sthlm, false, true},
		// 07:30 UTC is 08:30 in Stockholm in winter: open there.
		{"wall clock of the service's zone", office, time.Date(2026, 12, 14, 7, 30, 0, 0, time.UTC), sthlm, true, true},
		// 07:30 UTC is 09:30 in Stockholm in summer (CEST).
		{"daylight saving time", office, time.Date(2026, 6, 1, 6, 30, 0, 0, time.UTC), sthlm, true, true},
		{"nil zone means t's own", office, time.Date(2026, 12, 14, 7, 30, 0, 0, time.UTC), nil, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			open, known := c.hours.OpenAt(c.t, c.loc)
			if open != c.open || known != c.known {
				t.Errorf("OpenAt(%s) = %v, %v; want %v, %v", c.t, open, known, c.open, c.known)
			}
		})
	}
}

func TestOnReturnsTheException(t *testing.T) {
	h := &OpeningHours{
		Weekly:     map[string][]TimeSlot{"mon": {{Opens: "08:00", Closes: "16:00"}}},
		Exceptions: []HoursException{{Date: "2026-12-21", Closed: true, Note: Text{"en": "Christmas"}}},
	}
	slots, ex := h.On(time.Date(2026, 12, 21, 0, 0, 0, 0, time.UTC))
	if len(slots) != 0 || ex == nil || ex.Note["en"] != "Christmas" {
		t.Errorf("On(closed date) = %v, %+v", slots, ex)
	}
	slots, ex = h.On(time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC))
	if len(slots) != 1 || ex != nil {
		t.Errorf("On(ordinary Monday) = %v, %+v", slots, ex)
	}
}
