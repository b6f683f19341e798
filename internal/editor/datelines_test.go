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
)

// inputBox is the part of a page around one input: its label, the input
// and the problems shown beside it.
func inputBox(t *testing.T, page, name string) string {
	t.Helper()
	i := strings.Index(page, `id="`+name+`"`)
	if i < 0 {
		t.Fatalf("no input %q in the page", name)
	}
	end := strings.Index(page[i:], "</div>")
	return page[i : i+end]
}

func newService(csrf string) url.Values {
	return url.Values{
		"csrf": {csrf}, "id": {"test-service"}, "name.sv": {"Mötesplatsen"}, "timeZone": {"Europe/Stockholm"},
		"hours.mode": {"weekly"}, "hours.weekly.mon": {"09:00-16:00"}, "hours.weekly.thu": {"09:00-16:00"}, "municipality": {"orebro"},
	}
}

func TestOpeningHourExceptions(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	form := newService(csrfOf(t, c.get("/new/services").body))
	// A blank line between exceptions does not shift the notes: note
	// line i belongs to exception i.
	form.Set("hours.exceptions", "2026-12-24 stängt\r\n\r\n2026-12-31 10:00-14:00, 15:00–16:00\r\n2027-01-06 Closed")
	form.Set("hours.exceptions.note.sv", "Julafton\r\n\r\nTrettondedag jul")
	form.Set("hours.exceptions.note.ar", "ليلة عيد الميلاد")
	if resp := c.post("/save/services", form); resp.status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.3000s", resp.status, resp.body)
	}
	s := decodeFile[content.Service](t, dir, content.KindService, "test-service")
	ex := s.Hours.Exceptions
	if len(ex) != 3 || ex[0].Date != "2026-12-24" || !ex[0].Closed || ex[0].Note["sv"] != "Julafton" || ex[0].Note["ar"] != "ليلة عيد الميلاد" ||
		ex[1].Closed || len(ex[1].Slots) != 2 || ex[1].Slots[1] != (content.TimeSlot{Opens: "15:00", Closes: "16:00"}) || len(ex[1].Note) != 0 ||
		ex[2].Date != "2027-01-06" || !ex[2].Closed || ex[2].Note["sv"] != "Trettondedag jul" {
		t.Fatalf("exceptions %+v", ex)
	}
	// The kiosk reads them in place of the weekly hours (Thursdays
	// 09:00-16:00): 2026-12-24 and 2026-12-31 are Thursdays.
	loc, _ := time.LoadLocation("Europe/Stockholm")
	for _, tc := range []struct {
		at   time.Time
		open bool
	}{
		{time.Date(2026, 12, 17, 11, 0, 0, 0, loc), true},
		{time.Date(2026, 12, 24, 11, 0, 0, 0, loc), false},
		{time.Date(2026, 12, 31, 11, 0, 0, 0, loc), true},
		{time.Date(2026, 12, 31, 14, 30, 0, 0, loc), false},
		{time.Date(2026, 12, 31, 15, 30, 0, 0, loc), true},
	} {
		if open, _ := s.Hours.OpenAt(tc.at, loc); open != tc.open {
			t.Errorf("open at %v: %v, want %v", tc.at, open, tc.open)
		}
	}

	// Read back: the lines as the form shows them, in the interface
	// language, and an unchanged save writes the same bytes.
	file := filepath.Join(dir, "services", "test-service.json")
	before := mustRead(t, file)
	for _, tc := range []struct{ ui, closed string }{{"sv", "stängt"}, {"en", "closed"}, {"uk", "зачинено"}, {"ar", "مغلق"}} {
		f := formOf(t, c.get("/edit/services/test-service?ui="+tc.ui).body, "item")
		want := "2026-12-24 " + tc.closed + "\n2026-12-31 10:00-14:00, 15:00-16:00\n2027-01-06 " + tc.closed
		if got := f.values.Get("hours.exceptions"); got != want {
			t.Errorf("%s: exceptions shown as %q, want %q", tc.ui, got, want)
		}
		if got := f.values.Get("hours.exceptions.note.sv"); got != "Julafton\n\nTrettondedag jul" {
			t.Errorf("%s: Swedish notes shown as %q", tc.ui, got)
		}
		if resp := c.post(f.action, f.values); resp.status != http.StatusSeeOther {
			t.Fatalf("%s: unchanged save: %d\n%.2000s", tc.ui, resp.status, resp.body)
		}
		if after := mustRead(t, file); after != before {
			t.Errorf("%s: an unchanged save changed the file:\n%s\n%s", tc.ui, before, after)
		}
	}
}

// TestBadLinesRefused: each bad line is named by its number beside its
// input, in the interface language, and the file is not written.
func TestBadLinesRefused(t *testing.T) {
	cases := []struct {
		name, input, value, ui, want string
	}{
		{"exception date", "hours.exceptions", "2026-12-24 stängt\n2026-13-01 closed", "sv", "Rad 2: 2026-13-01 är inte ett datum (ÅÅÅÅ-MM-DD)."},
		{"exception interval", "hours.exceptions", "\n2026-12-31 14:00-10:00", "en", "Line 2: 14:00-10:00 is not opening times"},
		{"exception word", "hours.exceptions", "2026-12-31 öppet", "uk", "Рядок 1: öppet — це не години роботи"},
		{"exception twice", "hours.exceptions", "2026-12-24 closed\n2026-12-24 10:00-12:00", "ar", "السطر 2: 2026-12-24 موجود في سطر سابق."},
		{"note without exception", "hours.exceptions.note.en", "Christmas Eve\nNew Year", "en", "Line 2: the note New Year has no exception on the same line."},
		{"excluded date", "exdates", "2026-04-07\n2026-04-31", "en", "Line 2: 2026-04-31 is not a date (YYYY-MM-DD) or a date and time"},
		{"excluded twice", "exdates", "2026-04-07\n2026-04-07 13:00", "en", "Line 2: 2026-04-07 13:00 is already on an earlier line."},
		{"added time", "rdates", "2026-05-02 25:00", "sv", "Rad 1: 2026-05-02 25:00 är inte ett datum"},
		{"added end", "rdates", "2026-05-02 10:00/soon", "en", "Line 1: soon is not a date and time (YYYY-MM-DD HH:MM)."},
		{"count", "rrule.count", "0", "en", "0 is not a number of times from 1 to 1000."},
		{"count and until", "rrule.count", "5", "en", "Give a last date or a number of times, not both."},
		{"override date", "overrides", "2026-04-07\n2026-04-31 inställt", "sv", "Rad 2: 2026-04-31 är inte ett datum"},
		{"override not an occurrence", "overrides", "2024-05-22\n2024-05-23 cancelled", "uk", "Рядок 2: 2024-05-23 — не одна з дат проведення події"},
		{"override twice", "overrides", "2024-05-22 cancelled\n2024-05-22 13:00 → 2024-05-23 18:00", "ar", "السطر 2: 2024-05-22 13:00 → 2024-05-23 18:00 موجود في سطر سابق."},
		{"override cancelled and moved", "overrides", "2024-05-22 cancelled -> 2024-05-23", "en", "Line 1: 2024-05-22 cancelled → 2024-05-23 is both cancelled and moved"},
		{"override moved nowhere", "overrides", "2024-05-22 ->", "en", "Line 1: 2024-05-22 → does not say where"},
		{"override moved to a bad time", "overrides", "2024-05-22 -> 2024-05-23 25:00", "en", "Line 1: 2024-05-23 25:00 is not a date"},
		{"override title without occurrence", "overrides.title.ar", "عنوان", "ar", "السطر 1: العنوان عنوان ليس له موعد معدّل"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, fixture)
			_, c := start(t, loopback(dir))
			kind, id := "services", "krokom-integration"
			if !strings.HasPrefix(tc.input, "hours.") {
				kind, id = "events", "kias-oppet-hus-2024-05-15"
			}
			file := filepath.Join(dir, kind, id+".json")
			before := mustRead(t, file)
			f := formOf(t, c.get("/edit/"+kind+"/"+id+"?ui="+tc.ui).body, "item")
			if kind == "services" {
				f.values.Set("hours.mode", "weekly")
			} else {
				f.values.Set("rrule.preset", "weekly")
			}
			if tc.name == "count and until" {
				f.values.Set("rrule.until", "2026-12-31")
			}
			f.values.Set(tc.input, tc.value)
			resp := c.post(f.action, f.values)
			if resp.status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", resp.status)
			}
			if box := inputBox(t, resp.body, tc.input); !strings.Contains(box, `class="problem" role="alert">`+tc.want) {
				t.Errorf("beside %s, no %q:\n%s", tc.input, tc.want, box)
			}
			if mustRead(t, file) != before {
				t.Error("a refused save wrote the file")
			}
			// The lines stay as typed, the bad one too, to be mended.
			if got := formOf(t, resp.body, "item").values.Get(tc.input); got != tc.value {
				t.Errorf("%s shown as %q after the refusal, typed %q", tc.input, got, tc.value)
			}
		})
	}
}

func TestEventCountExcludedAndAddedDates(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	form := url.Values{
		"csrf": {csrfOf(t, c.get("/new/events").body)}, "id": {"test-event"}, "title.sv": {"Läxhjälp"},
		"timeZone": {"Europe/Stockholm"}, "start": {"2026-03-03T17:00"}, "end": {"2026-03-03T19:00"},
		"rrule.preset": {"weekly"}, "rrule.count": {"10"},
		// 2026-03-31 is after the change to summer time: still 17:00.
		"exdates":    {"2026-03-17\r\n2026-03-31"},
		"rdates":     {"2026-06-20\r\n\r\n2026-06-27 12:00\r\n2026-07-04 10:00–12:00\r\n2026-07-11T10:00:00Z/2026-07-12T10:00:00Z"},
		"attendance": {"online"}, "onlineUrl": {"https://example.org/mote"},
	}
	if resp := c.post("/save/events", form); resp.status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.3000s", resp.status, resp.body)
	}
	raw := readItem(t, dir, content.KindEvent, "test-event")
	if got := getString(raw, "rrule"); got != "FREQ=WEEKLY;COUNT=10" {
		t.Errorf("rule %q", got)
	}
	if got := strings.Join(stringsOf(raw["exdates"]), " "); got != "2026-03-17T17:00:00+01:00 2026-03-31T17:00:00+02:00" {
		t.Errorf("exdates %s", got)
	}
	e := decodeFile[content.Event](t, dir, content.KindEvent, "test-event")
	wantR := []struct{ start, end string }{
		{"2026-06-20T17:00:00+02:00", ""}, {"2026-06-27T12:00:00+02:00", ""},
		{"2026-07-04T10:00:00+02:00", "2026-07-04T12:00:00+02:00"}, {"2026-07-11T10:00:00Z", "2026-07-12T10:00:00Z"},
	}
	rdates, _ := raw["rdates"].([]any)
	if len(rdates) != len(wantR) || len(e.RDates) != len(wantR) {
		t.Fatalf("rdates %v", rdates)
	}
	for i, w := range wantR {
		// The end is checked decoded: the file writes a missing one as
		// the zero time.
		start, end := getString(rdates[i].(map[string]any), "start"), ""
		if !e.RDates[i].End.IsZero() {
			end = e.RDates[i].End.Format(time.RFC3339)
		}
		if start != w.start || end != w.end {
			t.Errorf("rdates[%d] = %s %s, want %s %s", i, start, end, w.start, w.end)
		}
	}
	// Ten weekly starts less the two excluded, plus the four added.
	starts := e.Occurrences(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(starts) != 12 {
		t.Errorf("%d occurrences, want 12: %v", len(starts), starts)
	}

	// Read back as typed (in the format's spelling), and saved unchanged
	// to the same bytes.
	f := formOf(t, c.get("/edit/events/test-event").body, "item")
	for name, want := range map[string]string{
		"rrule.preset": "weekly", "rrule.count": "10", "rrule.until": "", "exdates": "2026-03-17\n2026-03-31",
		"rdates": "2026-06-20\n2026-06-27 12:00\n2026-07-04 10:00-12:00\n2026-07-11T10:00:00Z/2026-07-12T10:00:00Z",
	} {
		if got := f.values.Get(name); got != want {
			t.Errorf("%s shown as %q, want %q", name, got, want)
		}
	}
	file := filepath.Join(dir, "events", "test-event.json")
	before := mustRead(t, file)
	if resp := c.post(f.action, f.values); resp.status != http.StatusSeeOther {
		t.Fatalf("unchanged save: %d", resp.status)
	}
	if after := mustRead(t, file); after != before {
		t.Errorf("an unchanged save changed the file:\n%s\n%s", before, after)
	}
}

// TestHandWrittenDatesKeptExactly: values the short forms cannot say (an
// excluded start written in UTC, a monthly rule with a COUNT, an
// exception with no times) are shown as written and saved back unchanged.
func TestHandWrittenDatesKeptExactly(t *testing.T) {
	dir := copyDir(t, fixture)
	event := `{
  "id": "hand-written",
  "title": {"sv": "Språkcafé"},
  "start": "2026-04-14T10:00:00+02:00",
  "timeZone": "Europe/Stockholm",
  "rrule": "FREQ=MONTHLY;BYDAY=2TU;COUNT=6",
  "exdates": ["2026-05-12T08:00:00Z", "2026-06-09T10:00:00+02:00", "2026-07-14T11:30:00+02:00"],
  "rdates": [{"start": "2026-08-01T10:00:00+02:00", "end": "2026-08-02T10:00:00+02:00"}],
  "attendance": "online",
  "onlineUrl": "https://example.org/kafe"
}
`
	service := `{
  "id": "hand-written",
  "name": {"sv": "Mötesplatsen"},
  "timeZone": "Europe/Stockholm",
  "hours": {
    "alwaysOpen": true,
    "exceptions": [{"date": "2026-06-19"}, {"date": "2026-06-20", "closed": true, "note": {"en": "Midsummer"}}]
  }
}
`
	os.WriteFile(filepath.Join(dir, "events", "hand-written.json"), []byte(event), 0o644)
	os.WriteFile(filepath.Join(dir, "services", "hand-written.json"), []byte(service), 0o644)
	_, c := start(t, loopback(dir))
	ev := formOf(t, c.get("/edit/events/hand-written").body, "item")
	if got := ev.values.Get("exdates"); got != "2026-05-12T08:00:00Z\n2026-06-09\n2026-07-14 11:30" {
		t.Errorf("exdates shown as %q", got)
	}
	if got := ev.values.Get("rdates"); got != "2026-08-01 10:00/2026-08-02 10:00" {
		t.Errorf("rdates shown as %q", got)
	}
	if ev.values.Get("rrule.preset") != "monthly" || ev.values.Get("rrule.count") != "6" {
		t.Errorf("rule shown as %q count %q", ev.values.Get("rrule.preset"), ev.values.Get("rrule.count"))
	}
	sv := formOf(t, c.get("/edit/services/hand-written").body, "item")
	if got := sv.values.Get("hours.exceptions"); got != "2026-06-19\n2026-06-20 stängt" {
		t.Errorf("exceptions shown as %q", got)
	}
	if got := sv.values.Get("hours.exceptions.note.en"); got != "\nMidsummer" {
		t.Errorf("English notes shown as %q", got)
	}
	for kind, f := range map[content.Kind]form{content.KindEvent: ev, content.KindService: sv} {
		before := canonical(t, kind, filepath.Join(dir, string(kind), "hand-written.json"))
		if resp := c.post(f.action, f.values); resp.status != http.StatusSeeOther {
			t.Fatalf("%s: unchanged save: %d\n%.3000s", kind, resp.status, resp.body)
		}
		after := canonical(t, kind, filepath.Join(dir, string(kind), "hand-written.json"))
		if string(before) != string(after) {
			t.Errorf("%s changed on an unchanged save:\n%s\n%s", kind, before, after)
		}
	}
}
