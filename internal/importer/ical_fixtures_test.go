package importer

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// describeEvent is an event in one line: what the fixtures tests compare.
func describeEvent(e content.Event) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %q %s %s", e.ID, e.Title.String(content.Swedish), e.TimeZone, e.Start.Format("2006-01-02T15:04Z07:00"))
	if e.AllDay {
		b.WriteString(" all-day")
	}
	if e.RRule != "" {
		b.WriteString(" RRULE:" + e.RRule)
	}
	if e.Cancelled {
		b.WriteString(" CANCELLED")
	}
	switch {
	case e.Place != nil && e.OnlineURL != "":
		fmt.Fprintf(&b, " @%s + %s", e.Place.Name.String(content.Swedish), e.OnlineURL)
	case e.Place != nil:
		fmt.Fprintf(&b, " @%s", e.Place.Name.String(content.Swedish))
	default:
		b.WriteString(" " + e.OnlineURL)
	}
	return b.String()
}

// occurrencesIn lists an event's starts (and ends) in a year, after its
// exceptions, in the event's zone.
func occurrencesIn(e content.Event, year int) string {
	var out []string
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, in := range e.Instances(from, from.AddDate(1, 0, 0), 100) {
		s := in.Start.Format("01-02 15:04")
		if !in.End.IsZero() {
			s += "–" + in.End.Format("15:04")
		}
		if in.Override != nil && !in.Override.Title.Empty() {
			s += " " + in.Override.Title.String(content.Swedish)
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// TestICalProducers reads calendars shaped like what Google Calendar,
// Outlook/Exchange, Apple Calendar and Thunderbird export (written for
// these tests, not real exports), the RFC's own examples, and broken ones.
func TestICalProducers(t *testing.T) {
	cases := []struct {
		file     string
		opt      ICalOptions
		events   []string // describeEvent of each, in order
		occ      []string // occurrencesIn 2027 of each ("" to skip)
		problems []string // parts of the report
		skipped  int
	}{
		{file: "google.ics", events: []string{
			`3k9v0example1s2o3-google-com "Språkcafé (exempel)" Europe/Stockholm 2027-03-02T17:00+01:00 RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20270427T215959Z;BYDAY=TU @Exempelhuset, Storgatan, Exempelstad`,
			`7hq2example4webb-google-com "Webbinarium (exempel)" Europe/Stockholm 2027-03-10T13:00+01:00 https://meet.example.org/abc-defg-hij`,
		}, occ: []string{
			// 30 March taken away (EXDATE), 13 April moved to the 14th;
			// 17:00 all along, across the change to summer time.
			"03-02 17:00–19:00, 03-09 17:00–19:00, 03-16 17:00–19:00, 03-23 17:00–19:00, 04-06 17:00–19:00, 04-14 17:00–19:00, 04-20 17:00–19:00, 04-27 17:00–19:00",
			"03-10 13:00–14:00",
		}},
		{file: "outlook.ics", events: []string{
			`040000008200e00074c5b7101a82e00800000000example00000000000000001 "Öppen rådgivning (exempel)" Europe/Stockholm 2027-03-03T10:00+01:00 RRULE:FREQ=WEEKLY;UNTIL=20270526T080000Z;INTERVAL=1;BYDAY=WE;WKST=MO @Exempelhuset rum 2`,
			`040000008200e00074c5b7101a82e00800000000example00000000000000002 "Online session from Seattle (example)" America/Los_Angeles 2027-03-09T09:00-08:00 https://teams.example.org/l/meetup-join/example`,
		}, occ: []string{
			// 7 and 14 April are EXDATEs on one line; 5 May is cancelled.
			"03-03 10:00–11:30, 03-10 10:00–11:30, 03-17 10:00–11:30, 03-24 10:00–11:30, 03-31 10:00–11:30, 04-21 10:00–11:30, 04-28 10:00–11:30, 05-12 10:00–11:30, 05-19 10:00–11:30, 05-26 10:00–11:30",
			"03-09 09:00–10:00",
		}},
		{file: "apple.ics", events: []string{
			`8e1d5c1e-exam-ple0-0000-3a1f2b3c4d5e "Nationaldagsfirande (exempel)" Europe/Stockholm 2027-06-06T00:00+02:00 all-day @Exempelparken`,
			// A UTC DTSTART with a rule stays in UTC: 08:00Z is 09:00 in
			// winter and 10:00 in summer in Stockholm.
			`2b6f0e4a-exam-ple0-0000-8c7d6e5f4a3b "Morgonmöte i UTC (exempel)" UTC 2027-03-01T08:00Z RRULE:FREQ=WEEKLY;COUNT=8 https://example.org/morgon`,
		}, occ: []string{
			"06-06 00:00–00:00",
			"03-01 08:00–09:00, 03-08 08:00–09:00, 03-15 08:00–09:00, 03-22 08:00–09:00, 03-29 08:00–09:00, 04-05 08:00–09:00, 04-12 08:00–09:00, 04-19 08:00–09:00, 04-20 08:00–09:00",
		}, problems: []string{"its URL is taken as the link"}},
		{file: "thunderbird.ics", events: []string{
			`9a1c2d3e-example-4f5a-thunderbird "Läxhjälp (exempel)" Europe/Berlin 2027-03-04T15:00+01:00 RRULE:FREQ=WEEKLY;COUNT=4 @Exempelbiblioteket`,
			`0b2c3d4e-example-custom-zone "Call with New York (example)" America/New_York 2027-03-15T09:00-04:00 https://meet.example.org/ny`,
		}, occ: []string{
			"03-04 15:00–16:30, 03-11 15:00–16:30, 03-18 15:00–16:30, 03-25 15:00–16:30, 04-08 10:00–14:00",
			"03-15 09:00–10:00",
		}},
		{file: "custom-zone.ics", events: []string{
			`egen-zon-example-org "Sommarkväll (exempel)" Europe/Stockholm 2027-06-01T18:00+02:00 @Exempelgården`,
		}},
		{file: "two-calendars-one-bad.ics", events: []string{
			`bra-1-example-org "Första bra (exempel)" Europe/Stockholm 2027-02-01T10:00+01:00 @Exempelhuset`,
			`bra-2-example-org "Andra bra (exempel)" Europe/Stockholm 2027-02-04T10:00+01:00 @Exempelhuset`,
			`bra-3-example-org "Tredje bra (exempel)" Europe/Stockholm 2027-02-05T00:00+01:00 all-day @Exempelparken`,
		}, skipped: 2, problems: []string{
			`skipped: VEVENT 2 (UID "trasig-rad@example.org", line 12): line 16: "detta är ingen egenskap" is not a content line`,
			`skipped: VEVENT 3 (UID "trasigt-datum@example.org", line 19): line 21: DTSTART: "2027-02-03 10:00" is not a time`,
			"note: file: line 42: outside any component and not a content line; ignored",
		}},
		{file: "bare-vevent.ics", opt: ICalOptions{Zone: "Europe/Helsinki", Place: "Mötesplatsen"}, events: []string{
			`naken-example-org "Utan VCALENDAR (exempel)" Europe/Helsinki 2027-02-10T13:00+02:00 @Mötesplatsen`,
		}, problems: []string{"1 VEVENTs outside any VCALENDAR", "the place given with --place is used"}},
		{file: "latin1.ics", events: []string{
			`latin1-example-org "Öppet hus på fritidsgården (exempel)" Europe/Stockholm 2027-02-12T18:00+01:00 @Fritidsgården`,
		}, problems: []string{"is not UTF-8; read as Windows-1252"}},
		{file: "rfc5545.ics", opt: ICalOptions{Lang: content.English}, events: []string{
			`guid-1-example-com "XYZ Project Review" America/New_York 1998-03-12T08:30-05:00 @1CP Conference Room 4350`,
		}, skipped: 1, problems: []string{`VEVENT 2 (UID "uid1@example.com", line 34): has neither LOCATION nor URL`}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			f, err := os.Open("testdata/ical/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if c.opt.Lang == "" {
				c.opt.Lang = content.Swedish
			}
			set, rep, err := ICalWith(f, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			if ps := set.Validate(); len(ps) > 0 {
				t.Fatalf("imported set is not valid: %v", ps)
			}
			if c.file == "apple.ics" {
				if g := set.Events[0].Place.Geo; g == nil || g.Lat != 59.3293 || g.Lon != 18.0686 {
					t.Errorf("X-APPLE-STRUCTURED-LOCATION geo: not kept: %+v", g)
				}
			}
			var got []string
			for _, e := range set.Events {
				got = append(got, describeEvent(e))
			}
			if strings.Join(got, "\n") != strings.Join(c.events, "\n") {
				t.Errorf("events:\n%s\nwant:\n%s\nreport:\n%s", strings.Join(got, "\n"), strings.Join(c.events, "\n"), rep.Summary())
			}
			for i, want := range c.occ {
				if i < len(set.Events) && want != "" {
					if g := occurrencesIn(set.Events[i], 2027); g != want {
						t.Errorf("%s occurs:\n%s\nwant:\n%s", set.Events[i].ID, g, want)
					}
				}
			}
			for _, p := range c.problems {
				if !strings.Contains(rep.Summary(), p) {
					t.Errorf("report lacks %q:\n%s", p, rep.Summary())
				}
			}
			if rep.Skipped != c.skipped {
				t.Errorf("%d skipped, want %d:\n%s", rep.Skipped, c.skipped, rep.Summary())
			}
		})
	}
}
