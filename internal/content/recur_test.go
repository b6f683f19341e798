package content

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// on returns the starts at hh:mm New York time on the given days of a month.
func on(y int, m time.Month, hhmm string, days ...int) []string {
	var out []string
	for _, d := range days {
		out = append(out, fmt.Sprintf("%04d-%02d-%02d %s", y, m, d, hhmm))
	}
	return out
}

// span is the days a, a+step, … up to b.
func span(a, b, step int) []int {
	var out []int
	for d := a; d <= b; d += step {
		out = append(out, d)
	}
	return out
}

func cat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// rfcCases are the examples of RFC 5545 §3.8.5.3, with the dates the RFC
// lists. For a rule that goes on for ever (or past what the RFC lists)
// only the listed starts are compared (open is true).
var rfcCases = []struct {
	name, dtstart, rule string
	exdate              string
	open                bool
	want                []string
}{
	{"daily for 10", "19970902T090000", "FREQ=DAILY;COUNT=10", "", false, on(1997, 9, "09:00", span(2, 11, 1)...)},
	{"daily until Dec 24", "19970902T090000", "FREQ=DAILY;UNTIL=19971224T000000Z", "", false,
		cat(on(1997, 9, "09:00", span(2, 30, 1)...), on(1997, 10, "09:00", span(1, 31, 1)...), on(1997, 11, "09:00", span(1, 30, 1)...), on(1997, 12, "09:00", span(1, 23, 1)...))},
	{"every other day", "19970902T090000", "FREQ=DAILY;INTERVAL=2", "", true,
		cat(on(1997, 9, "09:00", span(2, 30, 2)...), on(1997, 10, "09:00", span(2, 30, 2)...), on(1997, 11, "09:00", span(1, 29, 2)...), on(1997, 12, "09:00", 1, 3))},
	{"every 10 days, 5", "19970902T090000", "FREQ=DAILY;INTERVAL=10;COUNT=5", "", false, cat(on(1997, 9, "09:00", 2, 12, 22), on(1997, 10, "09:00", 2, 12))},
	{"every day in January (yearly)", "19980101T090000", "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", "", false,
		cat(on(1998, 1, "09:00", span(1, 31, 1)...), on(1999, 1, "09:00", span(1, 31, 1)...), on(2000, 1, "09:00", span(1, 31, 1)...))},
	{"every day in January (daily)", "19980101T090000", "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", "", false,
		cat(on(1998, 1, "09:00", span(1, 31, 1)...), on(1999, 1, "09:00", span(1, 31, 1)...), on(2000, 1, "09:00", span(1, 31, 1)...))},
	{"weekly for 10", "19970902T090000", "FREQ=WEEKLY;COUNT=10", "", false, cat(on(1997, 9, "09:00", 2, 9, 16, 23, 30), on(1997, 10, "09:00", 7, 14, 21, 28), on(1997, 11, "09:00", 4))},
	{"weekly until Dec 24", "19970902T090000", "FREQ=WEEKLY;UNTIL=19971224T000000Z", "", false,
		cat(on(1997, 9, "09:00", 2, 9, 16, 23, 30), on(1997, 10, "09:00", 7, 14, 21, 28), on(1997, 11, "09:00", 4, 11, 18, 25), on(1997, 12, "09:00", 2, 9, 16, 23))},
	{"every other week", "19970902T090000", "FREQ=WEEKLY;INTERVAL=2;WKST=SU", "", true,
		cat(on(1997, 9, "09:00", 2, 16, 30), on(1997, 10, "09:00", 14, 28), on(1997, 11, "09:00", 11, 25), on(1997, 12, "09:00", 9, 23), on(1998, 1, "09:00", 6, 20), on(1998, 2, "09:00", 3, 17))},
	{"Tue and Thu for five weeks (until)", "19970902T090000", "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", "", false,
		cat(on(1997, 9, "09:00", 2, 4, 9, 11, 16, 18, 23, 25, 30), on(1997, 10, "09:00", 2))},
	{"Tue and Thu for five weeks (count)", "19970902T090000", "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", "", false,
		cat(on(1997, 9, "09:00", 2, 4, 9, 11, 16, 18, 23, 25, 30), on(1997, 10, "09:00", 2))},
	{"every other week Mon Wed Fri", "19970901T090000", "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", "", false,
		cat(on(1997, 9, "09:00", 1, 3, 5, 15, 17, 19, 29), on(1997, 10, "09:00", 1, 3, 13, 15, 17, 27, 29, 31), on(1997, 11, "09:00", 10, 12, 14, 24, 26, 28), on(1997, 12, "09:00", 8, 10, 12, 22))},
	{"every other week Tue Thu, 8", "19970902T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", "", false,
		cat(on(1997, 9, "09:00", 2, 4, 16, 18, 30), on(1997, 10, "09:00", 2, 14, 16))},
	{"first Friday, 10", "19970905T090000", "FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "", false,
		cat(on(1997, 9, "09:00", 5), on(1997, 10, "09:00", 3), on(1997, 11, "09:00", 7), on(1997, 12, "09:00", 5), on(1998, 1, "09:00", 2), on(1998, 2, "09:00", 6), on(1998, 3, "09:00", 6), on(1998, 4, "09:00", 3), on(1998, 5, "09:00", 1), on(1998, 6, "09:00", 5))},
	{"first Friday until Dec 24", "19970905T090000", "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", "", false,
		cat(on(1997, 9, "09:00", 5), on(1997, 10, "09:00", 3), on(1997, 11, "09:00", 7), on(1997, 12, "09:00", 5))},
	{"every other month first and last Sunday", "19970907T090000", "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", "", false,
		cat(on(1997, 9, "09:00", 7, 28), on(1997, 11, "09:00", 2, 30), on(1998, 1, "09:00", 4, 25), on(1998, 3, "09:00", 1, 29), on(1998, 5, "09:00", 3, 31))},
	{"second-to-last Monday, 6", "19970922T090000", "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "", false,
		cat(on(1997, 9, "09:00", 22), on(1997, 10, "09:00", 20), on(1997, 11, "09:00", 17), on(1997, 12, "09:00", 22), on(1998, 1, "09:00", 19), on(1998, 2, "09:00", 16))},
	{"third-to-last day", "19970928T090000", "FREQ=MONTHLY;BYMONTHDAY=-3", "", true,
		cat(on(1997, 9, "09:00", 28), on(1997, 10, "09:00", 29), on(1997, 11, "09:00", 28), on(1997, 12, "09:00", 29), on(1998, 1, "09:00", 29), on(1998, 2, "09:00", 26))},
	{"2nd and 15th, 10", "19970902T090000", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", "", false,
		cat(on(1997, 9, "09:00", 2, 15), on(1997, 10, "09:00", 2, 15), on(1997, 11, "09:00", 2, 15), on(1997, 12, "09:00", 2, 15), on(1998, 1, "09:00", 2, 15))},
	{"first and last day, 10", "19970930T090000", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", "", false,
		cat(on(1997, 9, "09:00", 30), on(1997, 10, "09:00", 1, 31), on(1997, 11, "09:00", 1, 30), on(1997, 12, "09:00", 1, 31), on(1998, 1, "09:00", 1, 31), on(1998, 2, "09:00", 1))},
	{"every 18 months 10th-15th", "19970910T090000", "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", "", false,
		cat(on(1997, 9, "09:00", span(10, 15, 1)...), on(1999, 3, "09:00", 10, 11, 12, 13))},
	{"every Tuesday every other month", "19970902T090000", "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "", true,
		cat(on(1997, 9, "09:00", 2, 9, 16, 23, 30), on(1997, 11, "09:00", 4, 11, 18, 25), on(1998, 1, "09:00", 6, 13, 20, 27), on(1998, 3, "09:00", 3, 10, 17, 24, 31))},
	{"June and July, 10", "19970610T090000", "FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "", false,
		cat(on(1997, 6, "09:00", 10), on(1997, 7, "09:00", 10), on(1998, 6, "09:00", 10), on(1998, 7, "09:00", 10), on(1999, 6, "09:00", 10), on(1999, 7, "09:00", 10), on(2000, 6, "09:00", 10), on(2000, 7, "09:00", 10), on(2001, 6, "09:00", 10), on(2001, 7, "09:00", 10))},
	{"every other year Jan-Mar, 10", "19970310T090000", "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", "", false,
		cat(on(1997, 3, "09:00", 10), on(1999, 1, "09:00", 10), on(1999, 2, "09:00", 10), on(1999, 3, "09:00", 10), on(2001, 1, "09:00", 10), on(2001, 2, "09:00", 10), on(2001, 3, "09:00", 10), on(2003, 1, "09:00", 10), on(2003, 2, "09:00", 10), on(2003, 3, "09:00", 10))},
	{"every third year days 1, 100, 200", "19970101T090000", "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", "", false,
		cat(on(1997, 1, "09:00", 1), on(1997, 4, "09:00", 10), on(1997, 7, "09:00", 19), on(2000, 1, "09:00", 1), on(2000, 4, "09:00", 9), on(2000, 7, "09:00", 18), on(2003, 1, "09:00", 1), on(2003, 4, "09:00", 10), on(2003, 7, "09:00", 19), on(2006, 1, "09:00", 1))},
	{"20th Monday", "19970519T090000", "FREQ=YEARLY;BYDAY=20MO", "", true, cat(on(1997, 5, "09:00", 19), on(1998, 5, "09:00", 18), on(1999, 5, "09:00", 17))},
	{"Monday of week 20", "19970512T090000", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "", true, cat(on(1997, 5, "09:00", 12), on(1998, 5, "09:00", 11), on(1999, 5, "09:00", 17))},
	{"every Thursday in March", "19970313T090000", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "", true,
		cat(on(1997, 3, "09:00", 13, 20, 27), on(1998, 3, "09:00", 5, 12, 19, 26), on(1999, 3, "09:00", 4, 11, 18, 25))},
	{"Thursdays in summer", "19970605T090000", "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", "", true,
		cat(on(1997, 6, "09:00", 5, 12, 19, 26), on(1997, 7, "09:00", 3, 10, 17, 24, 31), on(1997, 8, "09:00", 7, 14, 21, 28),
			on(1998, 6, "09:00", 4, 11, 18, 25), on(1998, 7, "09:00", 2, 9, 16, 23, 30), on(1998, 8, "09:00", 6, 13, 20, 27),
			on(1999, 6, "09:00", 3, 10, 17, 24), on(1999, 7, "09:00", 1, 8, 15, 22, 29), on(1999, 8, "09:00", 5, 12, 19, 26))},
	{"Friday the 13th (DTSTART excluded)", "19970902T090000", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "19970902T090000", true,
		cat(on(1998, 2, "09:00", 13), on(1998, 3, "09:00", 13), on(1998, 11, "09:00", 13), on(1999, 8, "09:00", 13), on(2000, 10, "09:00", 13))},
	{"first Saturday after first Sunday", "19970913T090000", "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", "", true,
		cat(on(1997, 9, "09:00", 13), on(1997, 10, "09:00", 11), on(1997, 11, "09:00", 8), on(1997, 12, "09:00", 13), on(1998, 1, "09:00", 10), on(1998, 2, "09:00", 7), on(1998, 3, "09:00", 7), on(1998, 4, "09:00", 11), on(1998, 5, "09:00", 9), on(1998, 6, "09:00", 13))},
	{"US election day", "19961105T090000", "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "", true,
		cat(on(1996, 11, "09:00", 5), on(2000, 11, "09:00", 7), on(2004, 11, "09:00", 2))},
	{"third Tue/Wed/Thu, 3", "19970904T090000", "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", "", false,
		cat(on(1997, 9, "09:00", 4), on(1997, 10, "09:00", 7), on(1997, 11, "09:00", 6))},
	{"second-to-last weekday", "19970929T090000", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "", true,
		cat(on(1997, 9, "09:00", 29), on(1997, 10, "09:00", 30), on(1997, 11, "09:00", 27), on(1997, 12, "09:00", 30), on(1998, 1, "09:00", 29), on(1998, 2, "09:00", 26), on(1998, 3, "09:00", 30))},
	// The RFC writes UNTIL=19970902T170000Z, which is 13:00 EDT and would
	// end the list at 12:00; the 15:00 it lists needs 21:00Z (17:00 EDT),
	// a known erratum of the RFC, which is what is tested.
	{"every 3 hours 9-17", "19970902T090000", "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z", "", false,
		cat(on(1997, 9, "09:00", 2), on(1997, 9, "12:00", 2), on(1997, 9, "15:00", 2))},
	{"every 15 minutes, 6", "19970902T090000", "FREQ=MINUTELY;INTERVAL=15;COUNT=6", "", false,
		cat(on(1997, 9, "09:00", 2), on(1997, 9, "09:15", 2), on(1997, 9, "09:30", 2), on(1997, 9, "09:45", 2), on(1997, 9, "10:00", 2), on(1997, 9, "10:15", 2))},
	{"every hour and a half, 4", "19970902T090000", "FREQ=MINUTELY;INTERVAL=90;COUNT=4", "", false,
		cat(on(1997, 9, "09:00", 2), on(1997, 9, "10:30", 2), on(1997, 9, "12:00", 2), on(1997, 9, "13:30", 2))},
	{"every 20 minutes 9-16:40 (daily)", "19970902T090000", "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", "", true, twentyMinutes()},
	{"every 20 minutes 9-16:40 (minutely)", "19970902T090000", "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", "", true, twentyMinutes()},
	{"WKST=MO", "19970805T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", "", false, on(1997, 8, "09:00", 5, 10, 19, 24)},
	{"WKST=SU", "19970805T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", "", false, on(1997, 8, "09:00", 5, 17, 19, 31)},
	{"February 30 ignored", "20070115T090000", "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", "", false,
		cat(on(2007, 1, "09:00", 15, 30), on(2007, 2, "09:00", 15), on(2007, 3, "09:00", 15, 30))},
}

// twentyMinutes is 9:00, 9:20 … 16:40 on September 2 and 3, 1997.
func twentyMinutes() []string {
	var out []string
	for _, d := range []int{2, 3} {
		for h := 9; h <= 16; h++ {
			for _, m := range []int{0, 20, 40} {
				out = append(out, fmt.Sprintf("1997-09-%02d %02d:%02d", d, h, m))
			}
		}
	}
	return out
}

func newYork(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := LoadZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	v, err := time.ParseInLocation("20060102T150405", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func formatStarts(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Format("2006-01-02 15:04")
	}
	return out
}

func TestRFC5545Examples(t *testing.T) {
	for _, c := range rfcCases {
		t.Run(c.name, func(t *testing.T) {
			e := Event{ID: "rfc", Start: newYork(t, c.dtstart), TimeZone: "America/New_York", RRule: c.rule}
			if c.exdate != "" {
				e.ExDates = []time.Time{newYork(t, c.exdate)}
			}
			limit := 400
			if c.open {
				limit = len(c.want)
			}
			got := formatStarts(e.Occurrences(e.Start, e.Start.AddDate(20, 0, 0))[:min(limit, len(e.Occurrences(e.Start, e.Start.AddDate(20, 0, 0))))])
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got %d starts:\n%s\nwant %d:\n%s", len(got), strings.Join(got, ", "), len(c.want), strings.Join(c.want, ", "))
			}
			// The same starts from a walk that begins in the middle: the
			// shifted walk must agree with the one from DTSTART.
			if len(c.want) > 4 {
				mid := newYorkWall(t, c.want[len(c.want)/2])
				tail := formatStarts(e.Occurrences(mid, e.Start.AddDate(20, 0, 0)))
				want := c.want[len(c.want)/2:]
				if len(tail) < len(want) || strings.Join(tail[:len(want)], ",") != strings.Join(want, ",") {
					t.Errorf("from %s got %v, want %v", mid, tail, want)
				}
			}
		})
	}
}

func newYorkWall(t *testing.T, s string) time.Time {
	loc, _ := LoadZone("America/New_York")
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
