package content

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func validSet() *Set {
	loc, _ := time.LoadLocation("Europe/Stockholm")
	return &Set{
		Municipalities: []Municipality{{ID: "orebro", Name: Text{"sv": "Örebro"}}},
		Topics:         []Topic{{ID: "health", Title: Text{"sv": "Hälsa"}}},
		Projects:       []Project{{ID: "kias-2", Name: Text{"sv": "KIAS 2.0"}, Owner: Text{"sv": "Activa"}, Summary: Text{"sv": "Stöd"}, Start: "2023-01-01", End: "2024-12-31"}},
		Articles:       []Article{{ID: "health-care", Topic: "health", Title: Text{"sv": "Vård"}, Body: Text{"sv": "Ring 1177."}}},
		Services: []Service{{ID: "vardguiden", Name: Text{"sv": "1177"}, Phone: "1177", TimeZone: "Europe/Stockholm",
			Hours: &OpeningHours{Weekly: map[string][]TimeSlot{"mon": {{Opens: "08:00", Closes: "16:00"}}}}}},
		Events: []Event{{ID: "oppet-hus", Title: Text{"sv": "Öppet hus"}, Start: time.Date(2024, 5, 15, 13, 0, 0, 0, loc),
			TimeZone: "Europe/Stockholm", Attendance: Offline, Place: &Place{Address: &Address{Street: "Landbotorpsallén 25A", City: "Örebro"}},
			Project: "kias-2", Municipality: "orebro"}},
	}
}

func TestValidSetHasNoProblems(t *testing.T) {
	if ps := validSet().Validate(); len(ps) != 0 {
		t.Fatalf("valid set: %v", ps)
	}
}

// Each case breaks one thing and names the one problem it must give.
func TestValidationProblems(t *testing.T) {
	cases := []struct {
		name      string
		breakIt   func(s *Set)
		kind      Kind
		id, field string
	}{
		{"bad id", func(s *Set) { s.Articles[0].ID = "Vård" }, KindArticle, "Vård", "id"},
		{"missing title", func(s *Set) { s.Articles[0].Title = nil }, KindArticle, "health-care", "title"},
		{"unknown topic", func(s *Set) { s.Articles[0].Topic = "nope" }, KindArticle, "health-care", "topic"},
		{"unknown language", func(s *Set) { s.Articles[0].Body["xx"] = "?" }, KindArticle, "health-care", "body.xx"},
		{"bidi override", func(s *Set) { s.Articles[0].Title["ar"] = "نص\u202eمخفي" }, KindArticle, "health-care", "title.ar"},
		{"control character", func(s *Set) { s.Services[0].Name["en"] = "a\x07b" }, KindService, "vardguiden", "name.en"},
		{"bad opening time", func(s *Set) { s.Services[0].Hours.Weekly["mon"][0].Opens = "8" }, KindService, "vardguiden", "hours.weekly.mon[0].opens"},
		{"closes before it opens", func(s *Set) { s.Services[0].Hours.Weekly["mon"][0].Closes = "07:00" }, KindService, "vardguiden", "hours.weekly.mon[0]"},
		{"unknown weekday", func(s *Set) { s.Services[0].Hours.Weekly["monday"] = nil }, KindService, "vardguiden", "hours.weekly.monday"},
		{"bad zone", func(s *Set) { s.Services[0].TimeZone = "Europe/Örebro" }, KindService, "vardguiden", "timeZone"},
		{"bad website", func(s *Set) { s.Services[0].Website = "www.1177.se" }, KindService, "vardguiden", "website"},
		{"bad email", func(s *Set) { s.Projects[0].Email = "fonderna at migrationsverket" }, KindProject, "kias-2", "email"},
		{"end before start", func(s *Set) { s.Projects[0].End = "2022-01-01" }, KindProject, "kias-2", "end"},
		{"bad date", func(s *Set) { s.Projects[0].Start = "2019-06-31" }, KindProject, "kias-2", "start"},
		{"year end before start", func(s *Set) { s.Projects[0].End = "2022" }, KindProject, "kias-2", "end"},
		{"bad year", func(s *Set) { s.Projects[0].End = "20x4" }, KindProject, "kias-2", "end"},
		{"bad project updated", func(s *Set) { s.Projects[0].Updated = "23 Nov 2026" }, KindProject, "kias-2", "updated"},
		{"bad service updated", func(s *Set) { s.Services[0].Updated = "2026-11-31" }, KindService, "vardguiden", "updated"},
		{"bad event updated", func(s *Set) { s.Events[0].Updated = "2026/11/23" }, KindEvent, "oppet-hus", "updated"},
		{"bad article updated", func(s *Set) { s.Articles[0].Updated = "yesterday" }, KindArticle, "health-care", "updated"},
		{"unknown category", func(s *Set) { s.Projects[0].Categories = []string{"health", "fun"} }, KindProject, "kias-2", "categories[1]"},
		{"in-person event without place", func(s *Set) { s.Events[0].Place = nil }, KindEvent, "oppet-hus", "place"},
		{"online event without link", func(s *Set) { s.Events[0].Attendance = Online }, KindEvent, "oppet-hus", "onlineUrl"},
		{"bad attendance", func(s *Set) { s.Events[0].Attendance = "maybe" }, KindEvent, "oppet-hus", "attendance"},
		{"bad rrule", func(s *Set) { s.Events[0].RRule = "FREQ=SOMETIMES" }, KindEvent, "oppet-hus", "rrule"},
		{"unknown project", func(s *Set) { s.Events[0].Project = "kias-3" }, KindEvent, "oppet-hus", "project"},
		{"unknown municipality", func(s *Set) { s.Events[0].Municipality = "oslo" }, KindEvent, "oppet-hus", "municipality"},
		{"duplicate id", func(s *Set) { s.Topics = append(s.Topics, s.Topics[0]) }, KindTopic, "health", "id"},
		{"keyword language", func(s *Set) { s.Articles[0].Keywords = Keywords{"xx": {"a"}} }, KindArticle, "health-care", "keywords.xx"},
		{"empty keyword", func(s *Set) { s.Services[0].Keywords = Keywords{"sv": {"läkare", " "}} }, KindService, "vardguiden", "keywords.sv[1]"},
		{"long keyword", func(s *Set) { s.Events[0].Keywords = Keywords{"en": {strings.Repeat("x", 61)}} }, KindEvent, "oppet-hus", "keywords.en[0]"},
		{"keyword with line break", func(s *Set) { s.Projects[0].Keywords = Keywords{"uk": {"лікар\nдоктор"}} }, KindProject, "kias-2", "keywords.uk[0]"},
		{"too many keywords", func(s *Set) { s.Articles[0].Keywords = Keywords{"ar": slices.Repeat([]string{"طبيب"}, 31)} }, KindArticle, "health-care", "keywords.ar"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := validSet()
			c.breakIt(s)
			ps := s.Validate()
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(ps), ps)
			}
			p := ps[0]
			if p.Kind != c.kind || p.ID != c.id || p.Field != c.field || p.Message == "" {
				t.Errorf("problem = %s, want %s/%s field %s", p, c.kind, c.id, c.field)
			}
		})
	}
}

func TestValidationReportsEveryProblem(t *testing.T) {
	s := validSet()
	s.Articles[0].Topic = "nope"
	s.Services[0].Website = "ftp://x"
	s.Events[0].Municipality = "oslo"
	if ps := s.Validate(); len(ps) != 3 {
		t.Errorf("got %d problems, want 3: %v", len(ps), ps)
	}
}

func TestDigestIgnoresOrder(t *testing.T) {
	a, b := validSet(), validSet()
	b.Topics = append(b.Topics, Topic{ID: "aaa", Title: Text{"sv": "A"}})
	a.Topics = append([]Topic{{ID: "aaa", Title: Text{"sv": "A"}}}, a.Topics...)
	if a.Digest() != b.Digest() {
		t.Error("digest depends on item order")
	}
	b.Topics[1].Title["sv"] = "B"
	if a.Digest() == b.Digest() {
		t.Error("digest did not change with content")
	}
}
