package takeaway

import (
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, wherever the tests run

	"github.com/teambition/rrule-go"
)

func TestVTimezone(t *testing.T) {
	tests := []struct {
		zone string
		ok   bool
		want []string // the observance lines, in order
	}{
		{"Europe/Stockholm", true, []string{
			"BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
			"DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
			"BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
			"DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD"}},
		{"America/New_York", true, []string{
			"BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT",
			"DTSTART:19700308T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
			"BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST",
			"DTSTART:19701101T020000", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD"}},
		// Southern hemisphere: standard time starts first in the year.
		{"Australia/Sydney", true, []string{
			"BEGIN:STANDARD", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1000", "TZNAME:AEST",
			"DTSTART:19700405T030000", "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "END:STANDARD",
			"BEGIN:DAYLIGHT", "TZOFFSETFROM:+1000", "TZOFFSETTO:+1100", "TZNAME:AEDT",
			"DTSTART:19701004T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", "END:DAYLIGHT"}},
		{"Asia/Tokyo", false, nil},
		{"UTC", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			loc, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			vtz, ok := vtimezone(tt.zone, loc, 2024)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			want := append(append([]string{"BEGIN:VTIMEZONE", "TZID:" + tt.zone}, tt.want...), "END:VTIMEZONE")
			if strings.Join(vtz, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(vtz, "\n"), strings.Join(want, "\n"))
			}
			checkAgainstZone(t, vtz, loc)
		})
	}
}

// checkAgainstZone expands each observance's rule, as a calendar would,
// and checks that the changes it gives in 2020–2030 are the instants Go's
// zone data has.
func checkAgainstZone(t *testing.T, vtz []string, loc *time.Location) {
	t.Helper()
	var goChanges []time.Time
	for year := 2020; year <= 2030; year++ {
		for _, tr := range transitions(loc, year) {
			goChanges = append(goChanges, tr.at)
		}
	}
	var ours []time.Time
	var from int
	var start time.Time
	for _, line := range vtz {
		name, value, _ := strings.Cut(line, ":")
		switch name {
		case "TZOFFSETFROM":
			from = parseOffset(t, value)
		case "DTSTART":
			var err error
			start, err = time.ParseInLocation(localLayout, value, time.FixedZone("", from))
			if err != nil {
				t.Fatal(err)
			}
		case "RRULE":
			opt, err := rrule.StrToROption(value)
			if err != nil {
				t.Fatal(err)
			}
			opt.Dtstart = start
			r, err := rrule.NewRRule(*opt)
			if err != nil {
				t.Fatal(err)
			}
			ours = append(ours, r.Between(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), true)...)
		}
	}
	if len(ours) != len(goChanges) {
		t.Fatalf("%d changes from the VTIMEZONE, %d in the zone data", len(ours), len(goChanges))
	}
	have := map[int64]bool{}
	for _, c := range ours {
		have[c.Unix()] = true
	}
	for _, c := range goChanges {
		if !have[c.Unix()] {
			t.Errorf("the zone changes at %v; the VTIMEZONE does not", c.UTC())
		}
	}
}

func parseOffset(t *testing.T, s string) int {
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[3:5])
	if err1 != nil || err2 != nil {
		t.Fatalf("offset %q", s)
	}
	sec := h*3600 + m*60
	if s[0] == '-' {
		return -sec
	}
	return sec
}

func TestUTCOffset(t *testing.T) {
	for sec, want := range map[int]string{3600: "+0100", -18000: "-0500", 20700: "+0545", -(3600 + 30*60 + 15): "-013015", 0: "+0000"} {
		if got := utcOffset(sec); got != want {
			t.Errorf("utcOffset(%d) = %q, want %q", sec, got, want)
		}
	}
}
