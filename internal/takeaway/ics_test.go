package takeaway

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/motesplats/motesplats/internal/content"
)

var stamp = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// parseEvent parses an iCalendar object that must hold exactly one event.
func parseEvent(t *testing.T, out []byte) (*ics.Calendar, *ics.VEvent) {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("golang-ical cannot parse it: %v\n%s", err, out)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1\n%s", len(events), out)
	}
	return cal, events[0]
}

func prop(e *ics.VEvent, p ics.ComponentProperty) string {
	if v := e.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func TestEventICSBuiltin(t *testing.T) {
	for _, e := range builtin(t).Events {
		for _, lang := range content.Languages {
			t.Run(e.ID+"/"+string(lang), func(t *testing.T) {
				out, err := EventICS(e, lang, stamp)
				if err != nil {
					t.Fatal(err)
				}
				checkLines(t, out)
				// Only a VTIMEZONE may push an event past the budget (the
				// description is then kept at minDescription).
				if len(out) > QRBudget && !bytes.Contains(out, []byte("BEGIN:VTIMEZONE")) || len(out) > MaxQRBytes {
					t.Errorf("%d bytes, over the QR budget of %d", len(out), QRBudget)
				}
				_, ev := parseEvent(t, out)
				if got, want := prop(ev, ics.ComponentPropertyUniqueId), e.ID+"@motesplats"; got != want {
					t.Errorf("UID %q, want %q", got, want)
				}
				if got, want := prop(ev, ics.ComponentPropertySummary), e.Title.String(lang); got != want {
					t.Errorf("SUMMARY %q, want %q", got, want)
				}
				if got := prop(ev, ics.ComponentPropertyRrule); got != e.RRule {
					t.Errorf("RRULE %q, want %q", got, e.RRule)
				}
				checkStart(t, ev, e)
				checkLocation(t, ev, e, lang)
				desc := strings.TrimSuffix(prop(ev, ics.ComponentPropertyDescription), "…")
				if !strings.HasPrefix(eventDescription(e, lang), strings.TrimSpace(desc)) {
					t.Errorf("DESCRIPTION %q is not the start of the description", desc)
				}
			})
		}
	}
}

// checkStart checks that DTSTART is the event's start: the same instant
// for a timed event, the same date in its zone for an all-day one.
func checkStart(t *testing.T, ev *ics.VEvent, e content.Event) {
	t.Helper()
	loc := stockholm(t)
	if e.AllDay {
		got, err := ev.GetAllDayStartAt()
		if err != nil {
			t.Fatal(err)
		}
		if got.Format(dateLayout) != e.Start.In(loc).Format(dateLayout) {
			t.Errorf("all-day DTSTART %v, want the date of %v", got, e.Start)
		}
		return
	}
	got, err := ev.GetStartAt()
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(e.Start) {
		t.Errorf("DTSTART %v, want %v", got, e.Start)
	}
}

// checkLocation checks LOCATION against the event's place, else its link,
// else its words about where to follow it.
func checkLocation(t *testing.T, ev *ics.VEvent, e content.Event, lang content.Lang) {
	t.Helper()
	got := prop(ev, ics.ComponentPropertyLocation)
	switch {
	case e.Place != nil:
		for _, part := range []string{e.Place.Name.String(lang), addressPart(e, "street"), addressPart(e, "city")} {
			if !strings.Contains(got, part) {
				t.Errorf("LOCATION %q lacks %q", got, part)
			}
		}
	case e.OnlineURL != "":
		if got != e.OnlineURL {
			t.Errorf("LOCATION %q, want the link %q", got, e.OnlineURL)
		}
	default:
		if want := e.OnlineInfo.String(lang); got != want {
			t.Errorf("LOCATION %q, want %q", got, want)
		}
	}
}

func addressPart(e content.Event, part string) string {
	a := e.Place.Address
	if a == nil {
		return ""
	}
	if part == "street" {
		return a.Street
	}
	return a.City
}

// example is an event with obviously made-up data.
func example(t *testing.T) content.Event {
	loc := stockholm(t)
	return content.Event{
		ID:          "example-meeting",
		Title:       content.Text{"sv": "Exempelträff", "en": "Example meeting"},
		Description: content.Text{"sv": "En träff för test.", "en": "A meeting for tests."},
		Start:       time.Date(2024, 5, 15, 13, 0, 0, 0, loc),
		End:         time.Date(2024, 5, 15, 15, 0, 0, 0, loc),
		TimeZone:    "Europe/Stockholm",
		Attendance:  content.Offline,
		Place: &content.Place{
			Name:    content.Text{"sv": "Exempelhuset"},
			Address: &content.Address{Street: "Exempelgatan 1", PostalCode: "000 00", City: "Exempelby"},
			Geo:     &content.Geo{Lat: 59.1234567, Lon: 18.7654321},
		},
	}
}

func TestEventICSExamples(t *testing.T) {
	loc := stockholm(t)
	tests := []struct {
		name   string
		lang   content.Lang
		change func(e *content.Event)
		want   []string // unfolded lines that must be there
		absent []string
	}{
		{"once: UTC times, place, geo", "sv", nil,
			[]string{"DTSTART:20240515T110000Z", "DTEND:20240515T130000Z",
				"SUMMARY;LANGUAGE=sv:Exempelträff",
				"LOCATION;LANGUAGE=sv:Exempelhuset\\, Exempelgatan 1\\, 000 00 Exempelby",
				"GEO:59.123457;18.765432"},
			[]string{"VTIMEZONE", "RRULE", "URL"}},
		{"fallback to Swedish", "uk", nil,
			[]string{"SUMMARY;LANGUAGE=sv:Exempelträff"}, nil},
		{"English asked", "en", nil,
			[]string{"SUMMARY;LANGUAGE=en:Example meeting", "DESCRIPTION;LANGUAGE=en:A meeting for tests."}, nil},
		{"weekly for ever: zone and VTIMEZONE", "sv", func(e *content.Event) { e.RRule = "FREQ=WEEKLY;BYDAY=WE" },
			[]string{"BEGIN:VTIMEZONE", "TZID:Europe/Stockholm",
				"DTSTART;TZID=Europe/Stockholm:20240515T130000", "DTEND;TZID=Europe/Stockholm:20240515T150000",
				"RRULE:FREQ=WEEKLY;BYDAY=WE"},
			[]string{"DTSTART:2024"}},
		{"weekly across the October change: zone", "sv", func(e *content.Event) { e.RRule = "FREQ=WEEKLY;COUNT=30" },
			[]string{"BEGIN:VTIMEZONE", "DTSTART;TZID=Europe/Stockholm:20240515T130000"}, nil},
		{"daily within summer time: UTC", "sv", func(e *content.Event) { e.RRule = "FREQ=DAILY;COUNT=3" },
			[]string{"DTSTART:20240515T110000Z", "RRULE:FREQ=DAILY;COUNT=3"}, []string{"VTIMEZONE"}},
		{"UNTIL as a date becomes the end of that day in UTC", "sv", func(e *content.Event) { e.RRule = "FREQ=DAILY;UNTIL=20240517" },
			[]string{"RRULE:FREQ=DAILY;UNTIL=20240517T215959Z"}, nil},
		{"online with a link", "sv", func(e *content.Event) {
			e.Place, e.Attendance, e.OnlineURL = nil, content.Online, "https://example.org/live?a=1&b=2"
		},
			[]string{"URL:https://example.org/live?a=1&b=2", "LOCATION:https://example.org/live?a=1&b=2"}, []string{"GEO"}},
		{"weekly online, long text: the code keeps its end time and link", "sv", func(e *content.Event) {
			e.Place, e.Attendance, e.OnlineURL = nil, content.Online, "https://example.org/digital-traff"
			e.RRule = "FREQ=WEEKLY;BYDAY=WE"
			e.Description = content.Text{"sv": strings.Repeat("En lång beskrivning av en digital träff varje onsdag. ", 30)}
		},
			[]string{"DTSTART;TZID=Europe/Stockholm:20240515T130000", "DTEND;TZID=Europe/Stockholm:20240515T150000",
				"RRULE:FREQ=WEEKLY;BYDAY=WE", "URL:https://example.org/digital-traff", "LOCATION:https://example.org/digital-traff"},
			[]string{"GEO"}},
		{"online told in words", "en", func(e *content.Event) {
			e.Place, e.Attendance, e.OnlineInfo = nil, content.Online, content.Text{"en": "The organiser's page"}
		},
			[]string{"LOCATION;LANGUAGE=en:The organiser's page"}, []string{"URL"}},
		{"all-day, end at 23:59:59 is the last day", "sv", func(e *content.Event) {
			e.AllDay = true
			e.Start = time.Date(2024, 5, 2, 0, 0, 0, 0, loc)
			e.End = time.Date(2024, 5, 9, 23, 59, 59, 0, loc)
		},
			[]string{"DTSTART;VALUE=DATE:20240502", "DTEND;VALUE=DATE:20240510"}, nil},
		{"all-day, end at midnight is exclusive", "sv", func(e *content.Event) {
			e.AllDay = true
			e.Start = time.Date(2024, 5, 2, 0, 0, 0, 0, loc)
			e.End = time.Date(2024, 5, 4, 0, 0, 0, 0, loc)
		},
			[]string{"DTSTART;VALUE=DATE:20240502", "DTEND;VALUE=DATE:20240504"}, nil},
		{"all-day without end lasts the day", "sv", func(e *content.Event) {
			e.AllDay, e.End = true, time.Time{}
			e.Start = time.Date(2024, 12, 31, 0, 0, 0, 0, loc)
		},
			[]string{"DTSTART;VALUE=DATE:20241231", "DTEND;VALUE=DATE:20250101"}, nil},
		{"all-day weekly with UNTIL: dates only", "sv", func(e *content.Event) {
			e.AllDay, e.End = true, time.Time{}
			e.RRule = "FREQ=WEEKLY;UNTIL=20241231T230000Z"
		},
			[]string{"DTSTART;VALUE=DATE:20240515", "RRULE:FREQ=WEEKLY;UNTIL=20250101"}, []string{"VTIMEZONE"}},
		{"timed without end has no DTEND", "sv", func(e *content.Event) { e.End = time.Time{} },
			nil, []string{"DTEND"}},
		{"escaping", "sv", func(e *content.Event) { e.Title = content.Text{"sv": "A, B; C \\ D\nE"} },
			[]string{`SUMMARY;LANGUAGE=sv:A\, B\; C \\ D\nE`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := example(t)
			if tt.change != nil {
				tt.change(&e)
			}
			out, err := EventICS(e, tt.lang, stamp)
			if err != nil {
				t.Fatal(err)
			}
			checkLines(t, out)
			parseEvent(t, out)
			text := "\r\n" + unfold(string(out))
			for _, w := range tt.want {
				if !strings.Contains(text, "\r\n"+w+"\r\n") {
					t.Errorf("no line %q in\n%s", w, out)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(text, a) {
					t.Errorf("has %q but should not:\n%s", a, out)
				}
			}
		})
	}
}

// TestEventICSRoundTrip checks that texts come back from a parser exactly,
// in every script, with every character that must be escaped.
func TestEventICSRoundTrip(t *testing.T) {
	e := example(t)
	e.Title = content.Text{
		"ar": "لقاء تجريبي: مثال، مع فاصلة؛ وفاصلة منقوطة – نص طويل بما يكفي ليُطوى على عدة أسطر",
		"uk": "Приклад зустрічі; з комою, крапкою з комою і \\ зворотною скісною рискою — досить довгий",
	}
	e.Description = content.Text{"uk": "Рядок один.\nРядок два, з комою."}
	for _, lang := range []content.Lang{"ar", "uk"} {
		t.Run(string(lang), func(t *testing.T) {
			out, err := EventICS(e, lang, stamp)
			if err != nil {
				t.Fatal(err)
			}
			checkLines(t, out)
			_, ev := parseEvent(t, out)
			if got := prop(ev, ics.ComponentPropertySummary); got != e.Title[lang] {
				t.Errorf("SUMMARY %q, want %q", got, e.Title[lang])
			}
			// Arabic has no description, so it falls back (sv, en, then
			// uk in display order) and says which language it is in.
			if got := prop(ev, ics.ComponentPropertyDescription); got != e.Description["uk"] {
				t.Errorf("DESCRIPTION %q, want %q", got, e.Description["uk"])
			}
			if !strings.Contains(unfold(string(out)), "DESCRIPTION;LANGUAGE=uk:") {
				t.Errorf("DESCRIPTION does not say it is Ukrainian:\n%s", out)
			}
		})
	}
}

func TestEventICSTrimsLongDescription(t *testing.T) {
	e := example(t)
	e.Description = content.Text{"uk": strings.Repeat("Дуже довгий опис події, який не вміщується. ", 80)}
	out, err := EventICS(e, "uk", stamp)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) > QRBudget {
		t.Errorf("%d bytes, over the budget of %d", len(out), QRBudget)
	}
	_, ev := parseEvent(t, out)
	desc := prop(ev, ics.ComponentPropertyDescription)
	if !strings.HasSuffix(desc, "…") || len(desc) < QRBudget/4 {
		t.Errorf("description %q (%d bytes) is not a marked cut that fills the code", desc, len(desc))
	}
	if !strings.HasPrefix(e.Description["uk"], strings.TrimSpace(strings.TrimSuffix(desc, "…"))) {
		t.Errorf("description %q is not the start of the original", desc)
	}
	if _, err := QR(out, 600); err != nil {
		t.Errorf("no QR code: %v", err)
	}
}

// TestEventICSKeepsSomeDescription checks that an event repeating for ever,
// whose VTIMEZONE eats much of the budget, still says what it is.
func TestEventICSKeepsSomeDescription(t *testing.T) {
	e := example(t)
	e.RRule = "FREQ=WEEKLY"
	e.Title = content.Text{"ar": strings.Repeat("عنوان طويل جداً ", 12)}
	e.Description = content.Text{"ar": strings.Repeat("وصف طويل للفعالية لا يتسع كله. ", 40)}
	out, err := EventICS(e, "ar", stamp)
	if err != nil {
		t.Fatal(err)
	}
	_, ev := parseEvent(t, out)
	if desc := prop(ev, ics.ComponentPropertyDescription); len(desc) < minDescription/2 {
		t.Errorf("description cut to %q", desc)
	}
	if _, err := QR(out, 600); err != nil {
		t.Errorf("no QR code: %v", err)
	}
}

func TestEventsICS(t *testing.T) {
	a, b, c := example(t), example(t), example(t)
	a.ID, b.ID, c.ID = "a-weekly", "b-monthly", "c-once"
	a.RRule, b.RRule = "FREQ=WEEKLY", "FREQ=MONTHLY"
	long := strings.Repeat("A long description that a file keeps whole. ", 60)
	c.Description = content.Text{"en": long}
	out, err := EventsICS([]content.Event{a, b, c}, "en", stamp)
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, out)
	cal, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cal.Events()); n != 3 {
		t.Errorf("%d events, want 3", n)
	}
	if n := strings.Count(string(out), "BEGIN:VTIMEZONE"); n != 1 {
		t.Errorf("%d VTIMEZONEs for one zone, want 1", n)
	}
	if strings.Index(string(out), "BEGIN:VTIMEZONE") > strings.Index(string(out), "BEGIN:VEVENT") {
		t.Errorf("the VTIMEZONE comes after an event")
	}
	if got := prop(cal.Events()[2], ics.ComponentPropertyDescription); got != long {
		t.Errorf("the file's description was cut to %d of %d bytes", len(got), len(long))
	}
}

func TestUTCKeepsWallClock(t *testing.T) {
	loc := stockholm(t)
	tests := []struct {
		name  string
		start time.Time
		rule  string
		want  bool
	}{
		{"three days in May", time.Date(2024, 5, 14, 11, 30, 0, 0, loc), "FREQ=DAILY;COUNT=3", true},
		{"until a date in May", time.Date(2024, 5, 14, 11, 30, 0, 0, loc), "FREQ=DAILY;UNTIL=20240520", true},
		{"weeks across the October change", time.Date(2024, 10, 1, 10, 0, 0, 0, loc), "FREQ=WEEKLY;COUNT=6", false},
		{"for ever", time.Date(2024, 5, 14, 10, 0, 0, 0, loc), "FREQ=WEEKLY", false},
		// 00:30 on a Monday in Stockholm is 22:30 on a Sunday in UTC.
		{"Mondays just after midnight", time.Date(2024, 5, 13, 0, 30, 0, 0, loc), "FREQ=WEEKLY;BYDAY=MO;COUNT=3", false},
		{"Mondays at noon", time.Date(2024, 5, 13, 12, 0, 0, 0, loc), "FREQ=WEEKLY;BYDAY=MO;COUNT=3", true},
		{"not a rule", time.Date(2024, 5, 13, 12, 0, 0, 0, loc), "FREQ=SOMETIMES", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := content.Event{Start: tt.start, TimeZone: "Europe/Stockholm", RRule: tt.rule}
			if got := utcKeepsWallClock(e, loc); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNormaliseUntil(t *testing.T) {
	loc := stockholm(t)
	tests := []struct {
		rule   string
		allDay bool
		want   string
	}{
		{"FREQ=DAILY;COUNT=3", false, "FREQ=DAILY;COUNT=3"},
		{"FREQ=DAILY;UNTIL=20240517T120000Z", false, "FREQ=DAILY;UNTIL=20240517T120000Z"},
		{"FREQ=DAILY;UNTIL=20240517", false, "FREQ=DAILY;UNTIL=20240517T215959Z"},
		{"FREQ=DAILY;UNTIL=20240517T140000", false, "FREQ=DAILY;UNTIL=20240517T120000Z"},
		{"FREQ=WEEKLY;UNTIL=20241231T230000Z;BYDAY=MO", true, "FREQ=WEEKLY;UNTIL=20250101;BYDAY=MO"},
		{"FREQ=WEEKLY;UNTIL=20241231", true, "FREQ=WEEKLY;UNTIL=20241231"},
		{"FREQ=WEEKLY;UNTIL=garbage", false, "FREQ=WEEKLY;UNTIL=garbage"},
	}
	for _, tt := range tests {
		if got := normaliseUntil(tt.rule, tt.allDay, loc); got != tt.want {
			t.Errorf("normaliseUntil(%q, %v) = %q, want %q", tt.rule, tt.allDay, got, tt.want)
		}
	}
}

func TestEventICSErrors(t *testing.T) {
	e := example(t)
	e.ID = ""
	if _, err := EventICS(e, "sv", stamp); !errors.Is(err, ErrIncomplete) {
		t.Errorf("no id: %v, want ErrIncomplete", err)
	}
	e = example(t)
	e.Start = time.Time{}
	if _, err := EventsICS([]content.Event{example(t), e}, "sv", stamp); !errors.Is(err, ErrIncomplete) {
		t.Errorf("no start: %v, want ErrIncomplete", err)
	}
	if _, err := EventsICS(nil, "sv", stamp); !errors.Is(err, ErrNoEvents) {
		t.Errorf("no events: %v, want ErrNoEvents", err)
	}
}
