package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestEveryProblemHasItsCode breaks items so that every code and every
// reason of the validator is reached, and checks each problem: a known
// code, its arguments by the names the code lists, and the English message
// the command line prints made from them. A message path that reports no
// code, or a code no path reaches, fails here.
func TestEveryProblemHasItsCode(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Stockholm")
	start := time.Date(2026, 4, 7, 17, 0, 0, 0, loc)
	var items []Item
	s := validSet()
	s.Articles = append(s.Articles, s.Articles[0], s.Articles[0]) // a duplicate id
	s.Topics[0].Title = nil
	s.Articles[0].ID = "Bad Id"
	s.Articles[1].Topic = ""
	s.Articles[1].Title = Text{"xx": "x"}
	s.Articles[1].Body = Text{"sv": "<p>html</p>"}
	s.Articles[1].Sources = []string{"ftp://x"}
	s.Articles[1].Municipality = "nowhere"
	s.Articles[1].Keywords = Keywords{"sv": append(make([]string, MaxKeywords), strings.Repeat("a", MaxKeywordLength+1)), "xx": {"a"}}
	s.Articles[1].Summary = Text{"sv": "a\u202eb", "uk": strings.Repeat("я", 201), "en": "see https://" + strings.Repeat("a", MaxURLBytes) + " now"}
	sv := &s.Services[0]
	sv.Categories = []string{"fun"}
	sv.Geo = &Geo{Lat: 91, Lon: 181}
	sv.Email = "not mail"
	sv.Phone = "ring oss"
	sv.TimeZone = ""
	sv.Address = &Address{PostalCode: "70A 10", Street: "a\u00adb\tc", City: "\u200db"}
	sv.Name = Text{"sv": "a\x07", "uk": "a\u2062b", "ar": "a\ue000", "en": "a\xffb"}
	sv.Organisation = Text{"sv": strings.Repeat("a", MaxFieldBytes+1)}
	sv.Website = "https://example.org/a§b"
	sv.Hours.Weekly["monday"] = nil
	sv.Hours.Weekly["tue"] = []TimeSlot{{Opens: "9", Closes: "08:00"}, {Opens: "10:00", Closes: "09:00"}}
	sv.Hours.Exceptions = []HoursException{{Closed: true, Slots: []TimeSlot{{Opens: "10:00", Closes: "12:00"}}}}
	sv.Languages = []string{"sv en", "a\u00adb"}
	p := &s.Projects[0]
	p.Start, p.End, p.Updated = "20x4", "2024", "2024-02-30"
	ev := &s.Events[0]
	ev.Start, ev.End, ev.TimeZone, ev.Attendance = time.Time{}, start, "Mars/Olympus", "online"
	ev.ExDates = []time.Time{{}}
	ev.RDates = []ExtraDate{{End: start}}
	ev.Overrides = []Override{{End: start.Add(-time.Hour), Start: start}}
	items = append(items, &Event{ID: "many", Title: Text{"sv": "x"}, Start: start, TimeZone: "Europe/Stockholm", Attendance: "boat",
		ExDates: make([]time.Time, MaxExceptions+1)})
	for i, rule := range []string{"FREQ=SOMETIMES", "FREQ=MINUTELY", "FREQ=DAILY;COUNT=5000", "FREQ=HOURLY", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"} {
		items = append(items, &Event{ID: fmt.Sprintf("rule-%d", i), Title: Text{"sv": "x"}, Start: start, TimeZone: "Europe/Stockholm",
			Attendance: Online, OnlineURL: "https://example.org", RRule: rule})
	}
	items = append(items, &Service{ID: "no-digits", Name: Text{"sv": "x"}, Phone: "+ ()"})
	items = append(items, &Event{ID: "place", Title: Text{"sv": "x"}, Start: start, TimeZone: "Europe/Stockholm", Attendance: Offline})

	var all Problems
	all = append(all, s.Validate()...)
	refs := NewRefs()
	for _, it := range items {
		all = append(all, ValidateItem(it, refs)...)
	}
	s.Each(func(it Item) { all = append(all, Warnings(it)...) })

	seen, reasons := map[string]bool{}, map[string]bool{}
	for _, p := range all {
		args := ProblemArgs(p.Code)
		if !slices.Contains(ProblemCodes(), p.Code) {
			t.Errorf("%s: code %q is not a problem code", p, p.Code)
			continue
		}
		seen[p.Code] = true
		if len(p.Args) != len(args) {
			t.Errorf("%s: args %v, want %v", p, p.Args, args)
			continue
		}
		values := make([]any, len(args))
		for i, name := range args {
			values[i] = p.Args[name]
		}
		if p.Code == CodePolicyChar {
			reason, _ := p.Args["Reason"].(string)
			reasons[reason] = true
			values[2] = ReasonText(reason)
		}
		if want := fmt.Sprintf(problemTexts[p.Code].format, values...); p.Message != want {
			t.Errorf("%s: the message is not the code's English %q", p, want)
		}
	}
	for _, code := range ProblemCodes() {
		if !seen[code] {
			t.Errorf("no problem with code %q", code)
		}
	}
	for _, r := range ReasonCodes() {
		if !reasons[r] {
			t.Errorf("no character refused for the reason %q", r)
		}
	}
}
