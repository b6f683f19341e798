package content

import (
	"strings"
	"testing"
	"time"
)

// weeklyMeeting is a Tuesday 10:00–12:00 meeting for six weeks from
// 3 March 2026, across the change to summer time on 29 March.
func weeklyMeeting(t *testing.T) Event {
	return Event{ID: "svenska", Title: Text{"sv": "Språkcafé"}, Start: stockholm(t, 2026, 3, 3, 10, 0),
		End: stockholm(t, 2026, 3, 3, 12, 0), TimeZone: "Europe/Stockholm", RRule: "FREQ=WEEKLY;COUNT=6",
		Attendance: Offline, Place: &Place{Name: Text{"sv": "Biblioteket"}}}
}

func TestExceptions(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(e *Event)
		want  string // starts, and the title or place of changed ones
		valid string // "" valid; else part of the problem
	}{
		{"rule only", func(e *Event) {}, "03-03 10:00, 03-10 10:00, 03-17 10:00, 03-24 10:00, 03-31 10:00, 04-07 10:00", ""},
		{"exdate", func(e *Event) { e.ExDates = []time.Time{stockholm(t, 2026, 3, 17, 10, 0)} },
			"03-03 10:00, 03-10 10:00, 03-24 10:00, 03-31 10:00, 04-07 10:00", ""},
		{"exdate given in UTC", func(e *Event) { e.ExDates = []time.Time{time.Date(2026, 3, 31, 8, 0, 0, 0, time.UTC)} },
			"03-03 10:00, 03-10 10:00, 03-17 10:00, 03-24 10:00, 04-07 10:00", ""},
		{"exdate that matches nothing", func(e *Event) { e.ExDates = []time.Time{stockholm(t, 2026, 3, 17, 11, 0)} },
			"03-03 10:00, 03-10 10:00, 03-17 10:00, 03-24 10:00, 03-31 10:00, 04-07 10:00", ""},
		{"rdate", func(e *Event) { e.RDates = []ExtraDate{{Start: stockholm(t, 2026, 3, 19, 14, 0)}} },
			"03-03 10:00, 03-10 10:00, 03-17 10:00, 03-19 14:00, 03-24 10:00, 03-31 10:00, 04-07 10:00", ""},
		{"rdate period", func(e *Event) {
			e.RDates = []ExtraDate{{Start: stockholm(t, 2026, 4, 20, 9, 0), End: stockholm(t, 2026, 4, 20, 16, 0)}}
		}, "03-03 10:00, 03-10 10:00, 03-17 10:00, 03-24 10:00, 03-31 10:00, 04-07 10:00, 04-20 09:00–16:00", ""},
		{"rdate on a rule start counts once", func(e *Event) { e.RDates = []ExtraDate{{Start: stockholm(t, 2026, 3, 10, 10, 0)}} },
			"03-03 10:00, 03-10 10:00, 03-17 10:00, 03-24 10:00, 03-31 10:00, 04-07 10:00", ""},
		{"moved", func(e *Event) {
			e.Overrides = []Override{{RecurrenceID: stockholm(t, 2026, 3, 24, 10, 0), Start: stockholm(t, 2026, 3, 26, 13, 0), End: stockholm(t, 2026, 3, 26, 15, 30)}}
		}, "03-03 10:00, 03-10 10:00, 03-17 10:00, 03-26 13:00–15:30, 03-31 10:00, 04-07 10:00", ""},
		{"retitled and relocated", func(e *Event) {
			e.Overrides = []Override{{RecurrenceID: stockholm(t, 2026, 3, 10, 10, 0), Title: Text{"sv": "Språkcafé: påskpyssel"}, Place: &Place{Name: Text{"sv": "Fritidsgården"}}}}
		}, "03-03 10:00, 03-10 10:00 Språkcafé: påskpyssel @ Fritidsgården, 03-17 10:00, 03-24 10:00, 03-31 10:00, 04-07 10:00", ""},
		{"one occurrence cancelled", func(e *Event) {
			e.Overrides = []Override{{RecurrenceID: stockholm(t, 2026, 4, 7, 10, 0), Cancelled: true}}
		}, "03-03 10:00, 03-10 10:00, 03-17 10:00, 03-24 10:00, 03-31 10:00", ""},
		{"series cancelled", func(e *Event) { e.Cancelled = true }, "", ""},
		{"first start excluded", func(e *Event) { e.ExDates = []time.Time{e.Start} },
			"03-10 10:00, 03-17 10:00, 03-24 10:00, 03-31 10:00, 04-07 10:00", ""},
		{"no rule, rdates only", func(e *Event) {
			e.RRule = ""
			e.RDates = []ExtraDate{{Start: stockholm(t, 2026, 5, 5, 10, 0)}, {Start: stockholm(t, 2026, 6, 2, 10, 0)}}
		}, "03-03 10:00, 05-05 10:00, 06-02 10:00", ""},
		{"override without recurrence id", func(e *Event) { e.Overrides = []Override{{Title: Text{"sv": "x"}}} }, "", "overrides[0].recurrenceId: is required"},
		{"rdate ending before it starts", func(e *Event) {
			e.RDates = []ExtraDate{{Start: stockholm(t, 2026, 4, 20, 9, 0), End: stockholm(t, 2026, 4, 20, 8, 0)}}
		}, "", "rdates[0].end"},
		{"too many exdates", func(e *Event) { e.ExDates = make([]time.Time, MaxExceptions+1) }, "", "exdates: has 1001 entries"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := weeklyMeeting(t)
			c.edit(&e)
			probs := ValidateItem(&e, NewRefs())
			if c.valid == "" && len(probs) > 0 {
				t.Fatalf("not valid: %v", probs)
			}
			if c.valid != "" {
				if !strings.Contains(probs.Error(), c.valid) {
					t.Fatalf("problems %q, want %q", probs.Error(), c.valid)
				}
				return
			}
			var got []string
			for _, in := range e.Instances(stockholm(t, 2026, 1, 1, 0, 0), stockholm(t, 2027, 1, 1, 0, 0), 100) {
				s := in.Start.Format("01-02 15:04")
				if in.End.Sub(in.Start) != 2*time.Hour {
					s += "–" + in.End.Format("15:04")
				}
				if in.Override != nil {
					at := in.Apply(e)
					if !in.Override.Title.Empty() {
						s += " " + at.Title["sv"]
					}
					if in.Override.Place != nil {
						s += " @ " + at.Place.Name["sv"]
					}
				}
				got = append(got, s)
			}
			if g := strings.Join(got, ", "); g != c.want {
				t.Errorf("got  %s\nwant %s", g, c.want)
			}
			// Occurrences and InstanceAt agree with Instances.
			occ := e.Occurrences(stockholm(t, 2026, 1, 1, 0, 0), stockholm(t, 2027, 1, 1, 0, 0))
			if len(occ) != len(got) {
				t.Errorf("Occurrences gives %d, Instances %d", len(occ), len(got))
			}
			for _, o := range occ {
				if in := e.InstanceAt(o); !in.Start.Equal(o) {
					t.Errorf("InstanceAt(%v) starts %v", o, in.Start)
				}
			}
		})
	}
}

func TestAllDayExdateComparesDates(t *testing.T) {
	e := Event{ID: "marknad", Title: Text{"sv": "Marknad"}, Start: stockholm(t, 2026, 6, 6, 0, 0), AllDay: true,
		TimeZone: "Europe/Stockholm", RRule: "FREQ=WEEKLY;COUNT=3", Attendance: Online, OnlineURL: "https://example.org/",
		ExDates: []time.Time{time.Date(2026, 6, 13, 0, 0, 0, 0, time.UTC)}}
	got := formatStarts(e.Occurrences(e.Start, e.Start.AddDate(1, 0, 0)))
	if strings.Join(got, ",") != "2026-06-06 00:00,2026-06-20 00:00" {
		t.Errorf("got %v", got)
	}
}

func TestReplacementCharacterRefused(t *testing.T) {
	e := weeklyMeeting(t)
	e.Description = Text{"sv": "Caf\uFFFD p\uFFFD biblioteket"}
	probs := ValidateItem(&e, NewRefs())
	if !strings.Contains(probs.Error(), "events/svenska: description.sv: contains U+FFFD") {
		t.Errorf("problems: %v", probs)
	}
}
