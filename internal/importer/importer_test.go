package importer

import (
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// checkSet asserts the set is valid and the report adds up.
func checkSet(t *testing.T, set *content.Set, rep Report, imported, skipped int) {
	t.Helper()
	if ps := set.Validate(); len(ps) > 0 {
		t.Fatalf("imported set does not validate:\n%v", ps)
	}
	if rep.Imported != imported || rep.Skipped != skipped {
		t.Errorf("report: %d imported, %d skipped; want %d, %d\n%s", rep.Imported, rep.Skipped, imported, skipped, rep.Summary())
	}
	n := 0
	for _, p := range rep.Problems {
		if p.Skipped {
			n++
		}
	}
	if n != rep.Skipped {
		t.Errorf("%d skipped problems but Skipped = %d", n, rep.Skipped)
	}
	if !strings.HasSuffix(rep.Summary(), "records imported, "+itoa(skipped)+" skipped") {
		t.Errorf("summary does not end with the counts:\n%s", rep.Summary())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// hasProblem finds a problem about record (a substring of its name) whose
// message contains msg.
func hasProblem(rep Report, record, msg string, skipped bool) bool {
	for _, p := range rep.Problems {
		if strings.Contains(p.Record, record) && strings.Contains(p.Err, msg) && p.Skipped == skipped {
			return true
		}
	}
	return false
}

func services(set *content.Set) map[string]content.Service {
	m := map[string]content.Service{}
	for _, s := range set.Services {
		m[s.ID] = s
	}
	return m
}

func events(set *content.Set) map[string]content.Event {
	m := map[string]content.Event{}
	for _, e := range set.Events {
		m[e.ID] = e
	}
	return m
}

func TestICal(t *testing.T) {
	set, rep, err := ICal(open(t, "testdata/events.ics"), content.Swedish)
	if err != nil {
		t.Fatal(err)
	}
	checkSet(t, set, rep, 4, 1)
	if !hasProblem(rep, `VEVENT 4 (UID "trasig@example.org", line 51)`, "line 51: has no DTSTART", true) {
		t.Errorf("broken VEVENT not reported:\n%s", rep.Summary())
	}
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	at := func(y int, mo time.Month, d, h, mi int) time.Time { return time.Date(y, mo, d, h, mi, 0, 0, stockholm) }
	got := events(set)
	for _, tc := range []struct {
		id         string
		title      string
		start, end time.Time
		allDay     bool
		rrule      string
		attendance content.Attendance
		place      string
		online     string
	}{
		{"sprakcafe-2026-example-org", "Språkcafé (exempel)", at(2026, 3, 2, 18, 0), at(2026, 3, 2, 20, 0), false,
			"FREQ=WEEKLY;BYDAY=MO;UNTIL=20260601T000000Z", content.Offline, "Exempelhuset, Exempelgatan 1, Örebro", ""},
		{"nationaldagen-2026-example-org", "Nationaldagsfirande (exempel)", at(2026, 6, 6, 0, 0), at(2026, 6, 7, 0, 0), true,
			"", content.Offline, "Exempelparken", ""},
		// UTC 12:00 is 13:00 in Stockholm in March; DURATION gives the end.
		{"webbinarium-2026-03-example-org", "Webbinarium om arbetsmarknaden (exempel)", at(2026, 3, 10, 13, 0), at(2026, 3, 10, 14, 30), false,
			"", content.Online, "", "https://meet.example.org/webbinarium"},
		// Floating time: Stockholm wall clock (summer time in April).
		{"flytande-example-org", "Föräldramöte (exempel)", at(2026, 4, 15, 10, 0), at(2026, 4, 15, 11, 30), false,
			"", content.Offline, "Exempelskolan", ""},
	} {
		t.Run(tc.id, func(t *testing.T) {
			e, ok := got[tc.id]
			if !ok {
				t.Fatalf("missing; have %v", reflect.ValueOf(got).MapKeys())
			}
			if e.Title["sv"] != tc.title || !e.Start.Equal(tc.start) || !e.End.Equal(tc.end) || e.AllDay != tc.allDay ||
				e.RRule != tc.rrule || e.Attendance != tc.attendance || e.OnlineURL != tc.online || e.TimeZone != "Europe/Stockholm" {
				t.Errorf("got %+v", e)
			}
			if _, off := e.Start.Zone(); off != func() int { _, o := tc.start.Zone(); return o }() {
				t.Errorf("start %v is not written with the Stockholm offset", e.Start)
			}
			if tc.place == "" && e.Place != nil || tc.place != "" && (e.Place == nil || e.Place.Name["sv"] != tc.place) {
				t.Errorf("place = %+v, want %q", e.Place, tc.place)
			}
		})
	}
	cafe := got["sprakcafe-2026-example-org"]
	if cafe.Description["sv"] != "Öva svenska tillsammans.\nTa med en vän, alla är välkomna.\n\nhttps://example.org/sprakcafe" {
		t.Errorf("description = %q", cafe.Description["sv"])
	}
	if cafe.Organiser["sv"] != "Exempelföreningen" || !reflect.DeepEqual(cafe.Categories, []string{"language"}) {
		t.Errorf("organiser %v, categories %v", cafe.Organiser, cafe.Categories)
	}
	if n := len(cafe.Occurrences(at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0))); n != 13 {
		t.Errorf("language café occurs %d times, want 13 (Mondays 2 March – 25 May)", n)
	}
}

func vcal(events ...string) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n")
	for _, e := range events {
		b.WriteString("BEGIN:VEVENT\r\n" + strings.ReplaceAll(strings.TrimSpace(e), "\n", "\r\n") + "\r\nEND:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

func TestICalRecords(t *testing.T) {
	for _, tc := range []struct {
		name, event string
		wantID      string // "" when skipped
		problem     string
		check       func(*testing.T, content.Event)
	}{
		{"bad rrule", "UID:a@x\nDTSTART:20260101T100000Z\nSUMMARY:A\nLOCATION:Här\nRRULE:FREQ=SOMETIMES", "", "not a recurrence rule", nil},
		{"rrule prefix and local until", "UID:b@x\nDTSTART;TZID=Europe/Stockholm:20260105T100000\nSUMMARY:B\nLOCATION:Här\nRRULE:FREQ=WEEKLY;UNTIL=20260126T100000", "b-x", "",
			func(t *testing.T, e content.Event) {
				if e.RRule != "FREQ=WEEKLY;UNTIL=20260126T090000Z" {
					t.Errorf("rrule = %q", e.RRule)
				}
			}},
		{"unknown zone", "UID:c@x\nDTSTART;TZID=Mars/Olympus:20260101T100000\nSUMMARY:C\nLOCATION:Här", "", "unknown time zone", nil},
		{"outlook zone", "UID:d@x\nDTSTART;TZID=W. Europe Standard Time:20260101T100000\nSUMMARY:D\nLOCATION:Här", "d-x", "",
			func(t *testing.T, e content.Event) {
				if e.TimeZone != "Europe/Stockholm" || e.Start.Hour() != 10 {
					t.Errorf("zone %q start %v", e.TimeZone, e.Start)
				}
			}},
		{"no summary", "UID:e@x\nDTSTART:20260101T100000Z\nLOCATION:Här", "", "has no SUMMARY", nil},
		{"nowhere", "UID:f@x\nDTSTART:20260101T100000Z\nSUMMARY:F", "", "neither LOCATION nor URL", nil},
		{"url only", "UID:g@x\nDTSTART:20260101T100000Z\nSUMMARY:G\nURL:https://example.org/g", "g-x", "its URL is taken",
			func(t *testing.T, e content.Event) {
				if e.Attendance != content.Online || e.OnlineURL != "https://example.org/g" {
					t.Errorf("%+v", e)
				}
			}},
		{"end before start", "UID:h@x\nDTSTART:20260101T100000Z\nDTEND:20260101T090000Z\nSUMMARY:H\nLOCATION:Här", "", "before DTSTART", nil},
		{"cancelled", "UID:i@x\nDTSTART:20260101T100000Z\nSUMMARY:I\nLOCATION:Här\nSTATUS:CANCELLED", "i-x", "is cancelled",
			func(t *testing.T, e content.Event) {
				if !e.Cancelled {
					t.Errorf("not marked cancelled: %+v", e)
				}
			}},
		{"no uid", "DTSTART:20260301T100000Z\nSUMMARY:Öppet hus\nLOCATION:Här", "oppet-hus-2026-03-01", "", nil},
		{"control characters", "UID:j@x\nDTSTART:20260101T100000Z\nSUMMARY:J\u202e\u0007 titel\nLOCATION:Här\u2066", "j-x", "",
			func(t *testing.T, e content.Event) {
				if e.Title["sv"] != "J titel" || e.Place.Name["sv"] != "Här" {
					t.Errorf("title %q place %q", e.Title["sv"], e.Place.Name["sv"])
				}
			}},
		{"mixed", "UID:k@x\nDTSTART:20260101T100000Z\nSUMMARY:K\nLOCATION:Biblioteket\nCONFERENCE;VALUE=URI:https://meet.example.org/k", "k-x", "",
			func(t *testing.T, e content.Event) {
				if e.Attendance != content.Mixed || e.OnlineURL != "https://meet.example.org/k" {
					t.Errorf("%+v", e)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, rep, err := ICal(strings.NewReader(vcal(tc.event)), content.Swedish)
			if err != nil {
				t.Fatal(err)
			}
			if ps := set.Validate(); len(ps) > 0 {
				t.Fatal(ps)
			}
			if tc.problem != "" && !strings.Contains(rep.Summary(), tc.problem) {
				t.Errorf("summary lacks %q:\n%s", tc.problem, rep.Summary())
			}
			if tc.wantID == "" {
				if len(set.Events) != 0 || rep.Skipped != 1 || !strings.Contains(rep.Problems[0].Record, "VEVENT 1") {
					t.Errorf("want skipped and reported: %+v\n%s", set.Events, rep.Summary())
				}
				return
			}
			if len(set.Events) != 1 || set.Events[0].ID != tc.wantID {
				t.Fatalf("events %+v, want id %q\n%s", set.Events, tc.wantID, rep.Summary())
			}
			if tc.check != nil {
				tc.check(t, set.Events[0])
			}
		})
	}
}

func TestICalIDsUnique(t *testing.T) {
	// Two UIDs that fold to the same id, and a repeated UID.
	in := vcal(
		"UID:Möte@X\nDTSTART:20260101T100000Z\nSUMMARY:A\nLOCATION:Här",
		"UID:mote@x\nDTSTART:20260102T100000Z\nSUMMARY:B\nLOCATION:Här",
		"UID:mote@x\nDTSTART:20260103T100000Z\nSUMMARY:C\nLOCATION:Här",
		"UID:"+strings.Repeat("lång-", 20)+"@x\nDTSTART:20260104T100000Z\nSUMMARY:D\nLOCATION:Här",
	)
	set, rep, err := ICal(strings.NewReader(in), content.English)
	if err != nil {
		t.Fatal(err)
	}
	checkSet(t, set, rep, 4, 0)
	if set.Events[0].ID != "mote-x" || set.Events[0].Title["en"] != "A" {
		t.Errorf("first keeps the plain id: %q %v", set.Events[0].ID, set.Events[0].Title)
	}
	for _, e := range set.Events[1:3] {
		if !strings.HasPrefix(e.ID, "mote-x-") || len(e.ID) != len("mote-x-")+8 {
			t.Errorf("id %q: want mote-x-<hash>", e.ID)
		}
	}
	if len(set.Events[3].ID) > 64 {
		t.Errorf("long UID gives id %q", set.Events[3].ID)
	}
}

func TestICalErrors(t *testing.T) {
	if _, _, err := ICal(strings.NewReader("this is not a calendar"), content.Swedish); err == nil {
		t.Error("no error for a file that is not iCalendar")
	}
	if _, _, err := ICal(strings.NewReader(vcal()), "de"); err == nil {
		t.Error("no error for a language that is not kept")
	}
}

func TestIntegreat(t *testing.T) {
	set, rep, err := Integreat("testdata/integreat", IntegreatOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Imported: 1 page, 2 events, 1 location. Skipped: the German-only
	// page, the page without content, the location with broken hours.
	checkSet(t, set, rep, 4, 3)
	for _, p := range []struct {
		record, msg string
		skipped     bool
	}{
		{"de/pages.json[1] (id 402)", "is only in de", true},
		{"sv/pages.json[1] (id 102)", "has no content and no sub-pages", true},
		{"sv/locations.json[1] (id 702)", "end 08:00 is not after start 18:00", true},
		{"de/", `language "de" is not kept`, false},
	} {
		if !hasProblem(rep, p.record, p.msg, p.skipped) {
			t.Errorf("no problem %q about %s:\n%s", p.msg, p.record, rep.Summary())
		}
	}

	// The top-level page is a topic, its content the topic's first article.
	if len(set.Topics) != 1 || set.Topics[0].ID != "integreat-topic-101" || set.Topics[0].Title["en"] != "Welcome to Exempelstad" ||
		set.Topics[0].Summary["sv"] != "Här hittar du information om Exempelstad." {
		t.Errorf("topics = %+v", set.Topics)
	}
	if len(set.Articles) != 1 {
		t.Fatalf("articles: %+v", set.Articles)
	}
	a := set.Articles[0]
	if a.ID != "integreat-page-101" || a.Topic != "integreat-topic-101" || a.Order != 0 || a.Updated != "2026-02-12" {
		t.Errorf("article %s topic %s order %d updated %s", a.ID, a.Topic, a.Order, a.Updated)
	}
	wantTitle := content.Text{"sv": "Välkommen till Exempelstad", "en": "Welcome to Exempelstad", "uk": "Ласкаво просимо до Exempelstad"}
	if !reflect.DeepEqual(a.Title, wantTitle) {
		t.Errorf("title = %v (German must be left out)", a.Title)
	}
	wantSV := "## Första tiden\n\nHär hittar du **information** om Exempelstad.\n\n" +
		"- Registrera dig hos [Skatteverket (exempel)](https://www.example.org/skatt)\n" +
		"- Sök [bostad](https://integreat.example.org/exempelstad/sv/bostad/)\n\nFrågor? Ring oss."
	if a.Body["sv"] != wantSV {
		t.Errorf("sv body:\n%s\nwant:\n%s", a.Body["sv"], wantSV)
	}
	if a.Body["uk"] != "Тут ви знайдете інформацію про Exempelstad." {
		t.Errorf("uk body (bidi isolate must go): %q", a.Body["uk"])
	}
	if len(a.Sources) != 3 {
		t.Errorf("sources = %v", a.Sources)
	}

	evs := events(set)
	cafe := evs["integreat-event-501"]
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	if !cafe.Start.Equal(time.Date(2026, 3, 3, 17, 0, 0, 0, stockholm)) || !cafe.End.Equal(time.Date(2026, 3, 3, 19, 0, 0, 0, stockholm)) ||
		cafe.RRule != "FREQ=WEEKLY;UNTIL=20260526T215959Z;BYDAY=TU" || cafe.Attendance != content.Offline {
		t.Errorf("language café: %+v", cafe)
	}
	if !reflect.DeepEqual(cafe.Title, content.Text{"sv": "Språkcafé", "en": "Language café"}) ||
		cafe.Description["sv"] != "Öva svenska varje tisdag.\n\nFika ingår." {
		t.Errorf("language café texts: %v / %v", cafe.Title, cafe.Description)
	}
	if cafe.Place == nil || cafe.Place.Address.City != "Örebro" || cafe.Place.Name["sv"] != "Exempelbiblioteket" || cafe.Place.Geo == nil {
		t.Errorf("language café place: %+v", cafe.Place)
	}
	if n := len(cafe.Occurrences(time.Date(2026, 1, 1, 0, 0, 0, 0, stockholm), time.Date(2027, 1, 1, 0, 0, 0, 0, stockholm))); n != 13 {
		t.Errorf("language café occurs %d times, want 13", n)
	}
	day := evs["integreat-event-602"]
	if !day.AllDay || day.Attendance != content.Online || day.OnlineURL != "https://meet.example.org/info-day" || day.Place != nil ||
		!day.Start.Equal(time.Date(2026, 4, 20, 0, 0, 0, 0, stockholm)) || !day.End.Equal(time.Date(2026, 4, 22, 0, 0, 0, 0, stockholm)) {
		t.Errorf("information day: %+v", day)
	}
	if day.Description["en"] != "Ask questions about school (https://example.org/school)." {
		t.Errorf("information day description: %q", day.Description["en"])
	}

	lib, ok := services(set)["integreat-location-701"]
	if !ok {
		t.Fatalf("library missing: %+v", set.Services)
	}
	if !reflect.DeepEqual(lib.Name, content.Text{"sv": "Exempelbiblioteket", "en": "Sample library", "uk": "Бібліотека (приклад)"}) ||
		lib.Municipality != "orebro" || lib.Phone != "070-1740630" || lib.Website != "https://bibliotek.example.org" ||
		lib.Address == nil || lib.Address.PostalCode != "702 11" || lib.TimeZone != "Europe/Stockholm" {
		t.Errorf("library: %+v", lib)
	}
	wantHours := map[string][]content.TimeSlot{
		"mon": {{Opens: "10:00", Closes: "12:00"}, {Opens: "13:00", Closes: "19:00"}},
		"tue": {{Opens: "10:00", Closes: "19:00"}},
		"wed": {{Opens: "10:00", Closes: "19:00"}},
		"thu": {{Opens: "10:00", Closes: "19:00"}},
		"fri": {{Opens: "10:00", Closes: "16:00"}},
		"sat": {{Opens: "11:00", Closes: "15:00"}},
	}
	if lib.Hours == nil || !reflect.DeepEqual(lib.Hours.Weekly, wantHours) {
		t.Errorf("library hours: %+v", lib.Hours)
	}
}

func TestIntegreatHours(t *testing.T) {
	open := igDay{TimeSlots: []igSlot{{Start: "08:00", End: "17:00"}}}
	allDay, closed := igDay{AllDay: true}, igDay{Closed: true}
	for _, tc := range []struct {
		name string
		days []igDay
		want *content.OpeningHours
	}{
		{"always", []igDay{allDay, allDay, allDay, allDay, allDay, allDay, allDay}, &content.OpeningHours{AlwaysOpen: true}},
		{"weekdays", []igDay{open, open, open, open, open, closed, closed}, &content.OpeningHours{Weekly: map[string][]content.TimeSlot{
			"mon": {{Opens: "08:00", Closes: "17:00"}}, "tue": {{Opens: "08:00", Closes: "17:00"}}, "wed": {{Opens: "08:00", Closes: "17:00"}}, "thu": {{Opens: "08:00", Closes: "17:00"}}, "fri": {{Opens: "08:00", Closes: "17:00"}}}}},
		{"sunday all day", []igDay{closed, closed, closed, closed, closed, closed, allDay}, &content.OpeningHours{Weekly: map[string][]content.TimeSlot{
			"sun": {{Opens: "00:00", Closes: "24:00"}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := igHours(tc.days)
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func TestIntegreatErrors(t *testing.T) {
	if _, _, err := Integreat(t.TempDir(), IntegreatOptions{}); err == nil {
		t.Error("no error for a folder without language folders")
	}
	dir := t.TempDir()
	os.Mkdir(dir+"/sv", 0o755)
	os.WriteFile(dir+"/sv/pages.json", []byte(`{"broken": `), 0o644)
	if _, _, err := Integreat(dir, IntegreatOptions{}); err == nil || !strings.Contains(err.Error(), "pages.json") {
		t.Errorf("unreadable file: err = %v", err)
	}
	if _, _, err := Integreat(dir+"/missing", IntegreatOptions{}); err == nil {
		t.Error("no error for a missing folder")
	}
}

func TestSlugAndClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Örebro", "orebro"},
		{"Upplands Väsby", "upplands-vasby"},
		{"Malmö  ", "malmo"},
		{"sprakcafe-2026@example.org", "sprakcafe-2026-example-org"},
		{"Straße / Ærø", "strasse-aero"},
		{"Київ", ""},
		{strings.Repeat("a", 70), strings.Repeat("a", 64)},
	} {
		if got := slug(tc.in); got != tc.want {
			t.Errorf("slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"a\r\nb", "a\nb"},
		{"\u202ex\u202c\u2066y\u2069", "xy"},
		{"tab\there\x00\x1b", "tab\there"},
		{"  trim  ", "trim"},
		{"\u200fرسالة", "رسالة"},                 // marks reorder digits: refused by the policy
		{"070-123 \u200f45 67", "070-123 45 67"}, // as in issue 13
		{"می\u200cخواهم", "می\u200cخواهم"},       // Persian keeps its non-joiner
	} {
		if got := cleanText(tc.in); got != tc.want {
			t.Errorf("cleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHHMM(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"09:00", "09:00", true}, {"9:30", "09:30", true}, {"17:00:00", "17:00", true}, {"08:00Z", "08:00", true},
		{"08:00-05:00", "08:00", true}, {"24:00", "24:00", true}, {"25:30", "", false}, {"12:60", "", false},
		{"24:30", "", false}, {"noon", "", false}, {"", "", false},
	} {
		if got, ok := hhmm(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("hhmm(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
