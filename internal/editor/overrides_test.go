package editor

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

func weeklyEvent(csrf string) url.Values {
	return url.Values{
		"csrf": {csrf}, "id": {"test-event"}, "title.sv": {"Läxhjälp"}, "title.uk": {"Допомога з домашніми завданнями"},
		"timeZone": {"Europe/Stockholm"}, "start": {"2026-03-03T17:00"}, "end": {"2026-03-03T19:00"},
		"rrule.preset": {"weekly"}, "rrule.count": {"10"},
		"attendance": {"online"}, "onlineUrl": {"https://example.org/mote"},
	}
}

// TestEventOverrides writes changed occurrences of a weekly event as
// lines: cancelled (in the interface language's word), moved, moved with
// its own end, and one whose title alone differs; each is read back as
// typed, a part the lines do not show is kept, and an unchanged save
// leaves the file as it was.
func TestEventOverrides(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	form := weeklyEvent(csrfOf(t, c.get("/new/events").body))
	// 2026-03-31 is after the change to summer time: still 17:00.
	form.Set("overrides", "2026-03-10 inställt\r\n\r\n2026-03-17 -> 2026-03-18 18:00\r\n2026-03-24 → 2026-03-24 18:00-20:30\r\n2026-03-31")
	form.Set("overrides.title.sv", "\n\n\nPåsklov: pyssel")
	form.Set("overrides.title.uk", "\n\n\nВеликодні канікули")
	if r := c.post("/save/events", form); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.3000s", r.status, r.body)
	}
	e := decodeFile[content.Event](t, dir, content.KindEvent, "test-event")
	if len(e.Overrides) != 4 {
		t.Fatalf("overrides %+v", e.Overrides)
	}
	at := func(o content.Override) string {
		s := o.RecurrenceID.Format(time.RFC3339)
		if o.Cancelled {
			s += " cancelled"
		}
		if !o.Start.IsZero() {
			s += " " + o.Start.Format(time.RFC3339)
		}
		if !o.End.IsZero() {
			s += " " + o.End.Format(time.RFC3339)
		}
		return s + " " + o.Title["sv"]
	}
	for i, want := range []string{
		"2026-03-10T17:00:00+01:00 cancelled ",
		"2026-03-17T17:00:00+01:00 2026-03-18T18:00:00+01:00 ",
		"2026-03-24T17:00:00+01:00 2026-03-24T18:00:00+01:00 2026-03-24T20:30:00+01:00 ",
		"2026-03-31T17:00:00+02:00 Påsklov: pyssel",
	} {
		if got := at(e.Overrides[i]); got != want {
			t.Errorf("override %d: %q, want %q", i, got, want)
		}
	}
	if e.Overrides[3].Title["uk"] != "Великодні канікули" {
		t.Errorf("uk title %v", e.Overrides[3].Title)
	}
	// The kiosk's view: ten weekly starts less the cancelled one; the
	// moved ones at their new times.
	starts := e.Occurrences(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(starts) != 9 || !starts[1].Equal(time.Date(2026, 3, 18, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("occurrences %v", starts)
	}

	// A description of the occurrence's own, written in the file, stays.
	file := filepath.Join(dir, "events", "test-event.json")
	e.Overrides[1].Description = content.Text{"sv": "I stora salen."}
	data, err := source.Encode(&e)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(file, data, 0o644)

	f := formOf(t, c.get("/edit/events/test-event?ui=en").body, "item")
	for name, want := range map[string]string{
		"overrides":          "2026-03-10 cancelled\n2026-03-17 → 2026-03-18 18:00\n2026-03-24 → 2026-03-24 18:00-20:30\n2026-03-31",
		"overrides.title.sv": "\n\n\nPåsklov: pyssel",
	} {
		if got := f.values.Get(name); got != want {
			t.Errorf("%s shown as %q, want %q", name, got, want)
		}
	}
	before := mustRead(t, file)
	if r := c.post(f.action, f.values); r.status != http.StatusSeeOther {
		t.Fatalf("unchanged save: %d\n%.3000s", r.status, r.body)
	}
	if after := mustRead(t, file); after != before {
		t.Errorf("an unchanged save changed the file:\n%s\n%s", before, after)
	}
	// Moving the occurrence elsewhere keeps its description.
	f.values.Set("overrides", strings.Replace(f.values.Get("overrides"), "2026-03-18 18:00", "2026-03-19 18:00", 1))
	c.post(f.action, f.values)
	e = decodeFile[content.Event](t, dir, content.KindEvent, "test-event")
	if e.Overrides[1].Description["sv"] != "I stora salen." || e.Overrides[1].Start.Day() != 19 {
		t.Errorf("moved again: %+v", e.Overrides[1])
	}
}
