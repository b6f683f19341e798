package importer

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// fixedNow sets today for the schedules' valid_from/valid_to.
func fixedNow(t *testing.T, day string) {
	t.Helper()
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	old := hsdsNow
	hsdsNow = func() time.Time { return d.Add(12 * time.Hour) }
	t.Cleanup(func() { hsdsNow = old })
}

func importHSDS(t *testing.T, name string, lang content.Lang) (*content.Set, Report) {
	t.Helper()
	set, rep, err := HSDS(open(t, name), lang)
	if err != nil {
		t.Fatal(err)
	}
	return set, rep
}

// TestHSDSServiceList: a page of services (the /services response).
func TestHSDSServiceList(t *testing.T) {
	fixedNow(t, "2026-06-01")
	set, rep := importHSDS(t, "testdata/hsds.json", content.Swedish)
	// The nameless service is the one bad record; the one with an
	// impossible time loses only that schedule.
	checkSet(t, set, rep, 4, 1)
	got := services(set)

	want := content.Service{
		ID:           "0b1f6e2a-4c7d-4e3a-9a51-1e2f3a4b5c01",
		Name:         content.Text{"sv": "Språkcafé för nyanlända (exempel)"},
		Organisation: content.Text{"sv": "Exempelföreningen"},
		// CRLF made LF, the bidi override removed.
		Description:  content.Text{"sv": "Öva svenska över en kopp kaffe.\nAlla är välkomna."},
		Municipality: "orebro",
		Address:      &content.Address{Street: "Exempelgatan 1", PostalCode: "702 10", City: "Örebro"},
		Geo:          &content.Geo{Lat: 59.2741, Lon: 15.2066},
		Phone:        "070-1740610",
		Email:        "sprakcafe@example.org",
		Website:      "https://exempel.example.org/sprakcafe",
		TimeZone:     "Europe/Stockholm",
		Hours: &content.OpeningHours{
			Weekly: map[string][]content.TimeSlot{
				"mon": {{Opens: "09:00", Closes: "12:00"}, {Opens: "13:00", Closes: "16:00"}},
				"wed": {{Opens: "09:00", Closes: "12:00"}},
			},
			Note: content.Text{"sv": "Stängt helgdagar."},
		},
		Languages: []string{"sv", "ar", "uk"},
	}
	if cafe := got[want.ID]; !reflect.DeepEqual(cafe, want) {
		t.Errorf("language café:\n got %+v\nwant %+v", cafe, want)
	}
	housing := got["0b1f6e2a-4c7d-4e3a-9a51-1e2f3a4b5c02"]
	if housing.Municipality != "upplands-vasby" || housing.Website != "" || housing.Email != "bostad@example.org" ||
		housing.Phone != "070-1740620" || housing.Hours != nil {
		t.Errorf("housing advice: %+v", housing)
	}
	badTime, ok := got["0b1f6e2a-4c7d-4e3a-9a51-1e2f3a4b5c03"]
	if !ok || badTime.Hours != nil {
		t.Errorf("the service with an impossible time must be kept, without hours: %+v (present %v)", badTime, ok)
	}
	legal := got["0b1f6e2a-4c7d-4e3a-9a51-1e2f3a4b5c04"]
	if legal.Hours == nil || !reflect.DeepEqual(legal.Hours.Weekly["sat"], []content.TimeSlot{{Opens: "10:00", Closes: "14:00"}}) {
		t.Errorf("legal advice hours: %+v", legal.Hours)
	}
	wantMunis := []content.Municipality{
		{ID: "orebro", Name: content.Text{"sv": "Örebro"}},
		{ID: "upplands-vasby", Name: content.Text{"sv": "Upplands Väsby"}},
	}
	if !reflect.DeepEqual(set.Municipalities, wantMunis) {
		t.Errorf("municipalities: %+v", set.Municipalities)
	}
	for _, p := range []struct {
		record, msg string
		skipped     bool
	}{
		{`records[4] (id "0b1f6e2a-4c7d-4e3a-9a51-1e2f3a4b5c05")`, "has no name", true},
		{`records[2] (id "0b1f6e2a-4c7d-4e3a-9a51-1e2f3a4b5c03")`, `opens_at "25:30" is not a time of day; left out`, false},
		{"records[1]", `url "not a url" is not an http(s) address`, false},
		{"records[1]", `email "fel-adress"`, false},
		{"records[1]", "freq MONTHLY", false},
		{"records[1]", "temporarily closed", false},
	} {
		if !hasProblem(rep, p.record, p.msg, p.skipped) {
			t.Errorf("no problem %q about %s (skipped %v):\n%s", p.msg, p.record, p.skipped, rep.Summary())
		}
	}
}

// TestHSDSServiceFull: one service as /services/{id} returns it, with the
// faults of the specification's own example.
func TestHSDSServiceFull(t *testing.T) {
	fixedNow(t, "2026-06-01")
	set, rep := importHSDS(t, "testdata/hsds/service_full.json", content.English)
	checkSet(t, set, rep, 1, 0)
	s := set.Services[0]
	want := content.Service{
		ID:           "ac148810-d857-441c-9679-408f346de14b",
		Name:         content.Text{"en": "Community counselling (sample)"},
		Organisation: content.Text{"en": "Sample Organisation"},
		Description: content.Text{"en": "Counselling by trained staff.\n\n" +
			"Important: Closed in the week after midsummer.\n\n" +
			"Who can use it: For everyone aged 16 and over living in the municipality.\n\n" +
			"Cost: Free of charge."},
		// The postal address is the only one: shown as the address.
		Municipality: "exempelstad",
		Address:      &content.Address{Street: "Box 123", PostalCode: "702 10", City: "Exempelstad"},
		// Quotes taken off, the extension kept.
		Phone:    "070-1740650 ext. 100",
		Email:    "counselling@example.org",
		Website:  "http://counselling.example.org",
		TimeZone: "Europe/Stockholm",
		// The 2005 schedule is not current; the night line runs past
		// midnight and is split there; closing at 00:00 is the end of day.
		Hours: &content.OpeningHours{
			Weekly: map[string][]content.TimeSlot{
				"mon": {{Opens: "18:00", Closes: "24:00"}},
				"fri": {{Opens: "22:00", Closes: "24:00"}},
				"sat": {{Opens: "00:00", Closes: "02:00"}, {Opens: "22:00", Closes: "24:00"}},
				"sun": {{Opens: "00:00", Closes: "02:00"}},
			},
			Note: content.Text{"en": "Night line on weekends. Calls only."},
		},
		Languages: []string{"ar", "en"},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("service:\n got %+v\nwant %+v", s, want)
	}
	for _, msg := range []string{
		"latitude 100, longitude 101 is not a position on earth; left out",
		"has only a postal address",
		`schedules[0] (id "sc-old"): ended on 2005-01-01; left out`,
		`schedules[3] (id "sc-bad"): opens_at "25:30" is not a time of day; left out`,
	} {
		if !hasProblem(rep, "records[0]", msg, false) {
			t.Errorf("no note %q:\n%s", msg, rep.Summary())
		}
	}

	// The same file on a day before the night line began: not current.
	fixedNow(t, "2019-06-01")
	set, _ = importHSDS(t, "testdata/hsds/service_full.json", content.English)
	if h := set.Services[0].Hours; h == nil || len(h.Weekly["fri"]) != 0 {
		t.Errorf("a schedule not yet valid is shown: %+v", h)
	}
}

// TestHSDSOrganizationFull: an organization with its services nested;
// the services take its name, phone and website.
func TestHSDSOrganizationFull(t *testing.T) {
	set, rep := importHSDS(t, "testdata/hsds/organization_full.json", content.Swedish)
	checkSet(t, set, rep, 2, 1)
	got := services(set)
	homework := got["svc-laxhjalp"]
	if homework.Organisation["sv"] != "Exempelföreningen" || homework.Phone != "070-1740651" || homework.Website != "https://forening.example.org" ||
		homework.Geo == nil || homework.Geo.Lon != 15.2066 || homework.Municipality != "orebro" {
		t.Errorf("homework help: %+v", homework)
	}
	if h := homework.Hours; h == nil || !reflect.DeepEqual(h.Weekly["tue"], []content.TimeSlot{{Opens: "15:00", Closes: "24:00"}}) || len(h.Weekly["wed"]) != 0 {
		t.Errorf("closing at midnight: %+v", homework.Hours)
	}
	talk := got["svc-samtal"]
	if talk.Organisation["sv"] != "Exempelföreningen" || talk.Phone != "070-1740652 ext. 12" || !reflect.DeepEqual(talk.Languages, []string{"uk"}) {
		t.Errorf("talk support: %+v", talk)
	}
	if !hasProblem(rep, `records[0] (id "org-exempel").services[1] (id "svc-nedlagd")`, `status is "defunct"`, true) {
		t.Errorf("report:\n%s", rep.Summary())
	}
}

// TestHSDSServiceAtLocations: a page of service_at_location records; the
// same service at two places is two services.
func TestHSDSServiceAtLocations(t *testing.T) {
	set, rep := importHSDS(t, "testdata/hsds/service_at_location_list.json", content.Swedish)
	checkSet(t, set, rep, 2, 1)
	if len(set.Services) != 2 || set.Services[0].ID == set.Services[1].ID {
		t.Fatalf("services: %+v", set.Services)
	}
	a, b := set.Services[0], set.Services[1]
	if a.ID != "svc-sprakcafe" || a.Address.City != "Örebro" || a.Hours == nil || len(a.Hours.Weekly["wed"]) != 1 || a.Organisation["sv"] != "Exempelföreningen" {
		t.Errorf("first place: %+v", a)
	}
	if !strings.HasPrefix(b.ID, "svc-sprakcafe-") || b.Address.City != "Upplands Väsby" || b.Phone != "070-1740653" || len(b.Hours.Weekly["sat"]) != 1 {
		t.Errorf("second place: %+v", b)
	}
	for _, p := range []struct {
		record, msg string
		skipped     bool
	}{
		{`records[2] (id "sal-c")`, "without its service nested", true},
		{"page", "page 1 of 2", false},
	} {
		if !hasProblem(rep, p.record, p.msg, p.skipped) {
			t.Errorf("no problem %q about %s:\n%s", p.msg, p.record, rep.Summary())
		}
	}
}

// TestHSDSOrganizationList: organizations are not services.
func TestHSDSOrganizationList(t *testing.T) {
	set, rep := importHSDS(t, "testdata/hsds/organization_list.json", content.Swedish)
	checkSet(t, set, rep, 0, 2)
	if !hasProblem(rep, `records[0] (id "org-1")`, "organization without nested services", true) {
		t.Errorf("report:\n%s", rep.Summary())
	}
}

func TestHSDSShapes(t *testing.T) {
	const svc = `{"id": "s1", "name": "Exempeltjänst", "status": "active"}`
	for _, tc := range []struct {
		name, in           string
		imported, skipped  int
		wantErr, wantProbl string
	}{
		{"array", `[` + svc + `]`, 1, 0, "", ""},
		{"single service", svc, 1, 0, "", ""},
		{"services key", `{"services": [` + svc + `]}`, 1, 0, "", ""},
		{"api page", `{"contents": [` + svc + `], "total_items": 1}`, 1, 0, "", ""},
		{"wrong type in one field", `[` + svc + `, {"id": "s2", "name": "B", "status": "active", "email": 5}]`, 2, 0, "", "field email: expected string"},
		{"wrong type in the name", `[` + svc + `, {"id": "s2", "name": ["x"], "status": "active"}]`, 1, 1, "", "has no name"},
		{"not an object", `[` + svc + `, 42]`, 1, 1, "", "is not a JSON object"},
		{"taxonomy term", `[{"id": "t", "name": "Hälsa", "code": "H", "parent_id": null, "taxonomy": "x"}]`, 0, 1, "", "is not a service, organization or service_at_location"},
		{"latitude not a number", `[{"id": "s5", "name": "C", "status": "active", "service_at_locations": [{"location": {"latitude": "norr", "longitude": 15}}]}]`, 1, 0, "", "is not a number; position left out"},
		{"no name", `[{"id": "s3", "status": "active"}]`, 0, 1, "", "has no name"},
		{"defunct", `[{"id": "s4", "name": "Gammal", "status": "defunct"}]`, 0, 1, "", `status is "defunct"`},
		{"no id: from name", `[{"name": "Tjänst utan id"}]`, 1, 0, "", ""},
		{"not json", `{"contents": [`, 0, 0, "not HSDS JSON", ""},
		{"object without list", `{"organizations": []}`, 0, 0, "expected a service, an organization", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, rep, err := HSDS(strings.NewReader(tc.in), content.Swedish)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkSet(t, set, rep, tc.imported, tc.skipped)
			if tc.wantProbl != "" && !strings.Contains(rep.Summary(), tc.wantProbl) {
				t.Errorf("summary lacks %q:\n%s", tc.wantProbl, rep.Summary())
			}
		})
	}
	set, _, _ := HSDS(strings.NewReader(`[{"name": "Tjänst utan id"}]`), content.Swedish)
	if id := set.Services[0].ID; id != "tjanst-utan-id" {
		t.Errorf("id from name = %q", id)
	}
}

// TestHSDSLang: texts go under the language asked for.
func TestHSDSLang(t *testing.T) {
	for _, lang := range []content.Lang{content.Swedish, content.Ukrainian, content.Arabic, content.English} {
		set, _, err := HSDS(strings.NewReader(`{"id": "s", "name": "N", "description": "D", "status": "active", "alert": "A"}`), lang)
		if err != nil {
			t.Fatal(err)
		}
		s := set.Services[0]
		if s.Name[lang] != "N" || len(s.Name) != 1 || !strings.HasPrefix(s.Description[lang], "D\n\n"+hsdsLabels["alert"][lang]) {
			t.Errorf("%s: %+v", lang, s)
		}
	}
	if _, _, err := HSDS(strings.NewReader(`[]`), "de"); err == nil {
		t.Error("no error for --lang de")
	}
}

// TestHSDSHoursCases: one schedule at a time.
func TestHSDSHoursCases(t *testing.T) {
	fixedNow(t, "2026-06-01")
	for _, tc := range []struct {
		name string
		sc   hsdsSchedule
		want map[string][]content.TimeSlot
		note string
	}{
		{"day", hsdsSchedule{Byday: "MO", OpensAt: "09:00", ClosesAt: "17:00"}, map[string][]content.TimeSlot{"mon": {{Opens: "09:00", Closes: "17:00"}}}, ""},
		{"overnight from Sunday", hsdsSchedule{Byday: "SU", OpensAt: "22:00", ClosesAt: "02:00"},
			map[string][]content.TimeSlot{"sun": {{Opens: "22:00", Closes: "24:00"}}, "mon": {{Opens: "00:00", Closes: "02:00"}}}, ""},
		{"closes at midnight", hsdsSchedule{Byday: "FR", OpensAt: "20:00", ClosesAt: "00:00:00"}, map[string][]content.TimeSlot{"fri": {{Opens: "20:00", Closes: "24:00"}}}, ""},
		{"closes at 24:00", hsdsSchedule{Byday: "FR", OpensAt: "20:00", ClosesAt: "24:00"}, map[string][]content.TimeSlot{"fri": {{Opens: "20:00", Closes: "24:00"}}}, ""},
		{"no time", hsdsSchedule{Byday: "FR", OpensAt: "10:00", ClosesAt: "10:00"}, nil, "give no opening time"},
		{"expired by until", hsdsSchedule{Byday: "FR", OpensAt: "10:00", ClosesAt: "12:00", Until: "2026-05-31T00:00:00Z"}, nil, "ended on 2026-05-31"},
		{"valid today", hsdsSchedule{Byday: "FR", OpensAt: "10:00", ClosesAt: "12:00", ValidFrom: "2026-06-01", ValidTo: "2026-06-01"},
			map[string][]content.TimeSlot{"fri": {{Opens: "10:00", Closes: "12:00"}}}, ""},
		{"future", hsdsSchedule{Byday: "FR", OpensAt: "10:00", ClosesAt: "12:00", ValidFrom: "2026-07-01"}, nil, "not in force yet"},
		{"monthly", hsdsSchedule{Freq: "MONTHLY", Byday: "1FR", OpensAt: "10:00", ClosesAt: "12:00"}, nil, "freq MONTHLY"},
		{"bad closing time", hsdsSchedule{Byday: "FR", OpensAt: "10:00", ClosesAt: "1200"}, nil, `closes_at "1200" is not a time of day`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rep Report
			h := hsdsHours([]hsdsSchedule{tc.sc}, "s", content.Swedish, &rep)
			var got map[string][]content.TimeSlot
			if h != nil {
				got = h.Weekly
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("weekly %v, want %v", got, tc.want)
			}
			if tc.note != "" && !strings.Contains(rep.Summary(), tc.note) {
				t.Errorf("report lacks %q:\n%s", tc.note, rep.Summary())
			}
			if h != nil {
				svc := content.Service{ID: "s", Name: content.Text{"sv": "S"}, TimeZone: DefaultZone, Hours: h}
				if p := (&content.Set{Services: []content.Service{svc}}).Validate(); len(p) > 0 {
					t.Errorf("hours not valid: %v", p)
				}
			}
		})
	}
}

// FuzzHSDS: any input either is refused as a whole or imports without a
// panic into valid content.
func FuzzHSDS(f *testing.F) {
	files, _ := filepath.Glob("testdata/hsds/*.json")
	files = append(files, "testdata/hsds.json")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"service": null}`))
	f.Add([]byte(`[{"name": "x", "schedules": [{"byday": "MO,SU", "opens_at": "23:59", "closes_at": "00:01"}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, _, err := HSDS(strings.NewReader(string(data)), content.Swedish)
		if err != nil {
			return
		}
		if problems := set.Validate(); len(problems) > 0 {
			t.Fatalf("invalid content: %v", problems)
		}
	})
}
