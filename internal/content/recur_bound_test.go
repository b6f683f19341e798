package content

import (
	"strings"
	"testing"
	"time"

	"github.com/teambition/rrule-go"
)

func stockholm(t *testing.T, y int, m time.Month, d, h, min int) time.Time {
	t.Helper()
	loc, err := LoadZone("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

func hostileEvent(t *testing.T, start time.Time, rule string) Event {
	return Event{ID: "hostile", Title: Text{"sv": "x"}, Start: start, TimeZone: "Europe/Stockholm",
		RRule: rule, Attendance: Online, OnlineURL: "https://example.org/"}
}

// TestHostileRulesAreRefusedAndBounded: rules that used to make search and
// the window run out of memory at start are refused by validation, and
// every walk over them ends quickly all the same (the kiosk never trusts
// that validation ran).
func TestHostileRulesAreRefusedAndBounded(t *testing.T) {
	now := stockholm(t, 2026, 3, 10, 12, 0)
	cases := []struct {
		name, rule string
		start      time.Time
		refused    string // part of the validation message; "" if accepted
	}{
		{"secondly, 300 million", "FREQ=SECONDLY;COUNT=300000000", now, "finest allowed is FREQ=HOURLY"},
		{"secondly until 9999", "FREQ=SECONDLY;UNTIL=99991231T235959Z", now, "finest allowed"},
		{"minutely", "FREQ=MINUTELY", now, "finest allowed"},
		{"daily, 300 million", "FREQ=DAILY;COUNT=300000000", now, "COUNT=300000000 is more than 1000"},
		{"hourly for ever", "FREQ=HOURLY", now, "more than 1000 starts in its first two years"},
		{"daily 24 times a day", "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23", now, "more than 1000 starts"},
		{"daily from 1900, no end", "FREQ=DAILY", stockholm(t, 1900, 1, 1, 10, 0), ""},
		{"daily until 9999", "FREQ=DAILY;UNTIL=99991231T000000Z", stockholm(t, 1900, 1, 1, 10, 0), ""},
		{"never (30 February), daily", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", stockholm(t, 1900, 1, 1, 10, 0), "gives no start"},
		{"never (30 February), hourly", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", now, "gives no start"},
		{"leap day only", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", stockholm(t, 2025, 3, 1, 10, 0), ""},
		{"weekly from year 1", "FREQ=WEEKLY", time.Date(1, 1, 1, 10, 0, 0, 0, time.UTC), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := hostileEvent(t, c.start, c.rule)
			began := time.Now()
			probs := ValidateItem(&e, NewRefs())
			msg := probs.Error()
			if c.refused == "" && len(probs) > 0 {
				t.Errorf("refused: %s", msg)
			}
			if c.refused != "" && !strings.Contains(msg, c.refused) {
				t.Errorf("validation said %q, want it to contain %q", msg, c.refused)
			}
			// What the store, lists, search and the event page do with it.
			// Unbounded, these walks ran for hours or out of memory; a
			// generous deadline tells that apart from a slow machine (or
			// the race detector) without timing the work itself, which
			// belongs in benchmarks.
			done := make(chan struct{})
			go func() {
				defer close(done)
				e.Occurrences(now, now.AddDate(2, 0, 0))
				e.Occurrences(time.Time{}, farFuture)
				e.Instances(now.AddDate(-1, 0, 0), now.AddDate(2, 0, 0), 5000)
				e.LastStart()
			}()
			select {
			case <-done:
			case <-time.After(60 * time.Second):
				t.Fatalf("the walks did not end within 60 s (began %v ago)", time.Since(began))
			}
		})
	}
}

// TestOldDailyEventIsCheap: a daily event that began in 1900 is walked
// from near the asked range, so it costs what a new one does, and gives
// the right days.
func TestOldDailyEventIsCheap(t *testing.T) {
	e := hostileEvent(t, stockholm(t, 1900, 1, 1, 10, 0), "FREQ=DAILY;INTERVAL=3")
	from := stockholm(t, 2026, 3, 10, 0, 0)
	got := e.Occurrences(from, from.AddDate(0, 0, 10))
	// Cheap means as cheap as the same rule starting this year: compared
	// in one run (fastest of several), not against a wall-clock limit.
	// Walked from 1900 it would cost some 15,000 steps against 4.
	young := hostileEvent(t, stockholm(t, 2026, 3, 1, 10, 0), "FREQ=DAILY;INTERVAL=3")
	fastest := func(ev Event) time.Duration {
		best := time.Hour
		for range 7 {
			began := time.Now()
			ev.Occurrences(from, from.AddDate(0, 0, 10))
			best = min(best, time.Since(began))
		}
		return best
	}
	if old, now := fastest(e), fastest(young); old > 20*now+time.Millisecond {
		t.Errorf("ten days of an 1900 event took %v, of this year's %v", old, now)
	}
	// 1900-01-01 to 2026-03-10 is 46086 days; 46086 mod 3 = 0, so
	// March 10 is an occurrence, then every third day.
	want := "2026-03-10 10:00, 2026-03-13 10:00, 2026-03-16 10:00, 2026-03-19 10:00"
	if s := strings.Join(formatStarts(got), ", "); s != want {
		t.Errorf("got %s, want %s", s, want)
	}
	if !e.LastStart().IsZero() {
		t.Errorf("LastStart of an endless rule = %v, want zero", e.LastStart())
	}
}

// TestShiftedWalkAgreesWithFullWalk compares the walk that starts near the
// range with rrule-go walking every start from DTSTART, for windows years
// after the start and across daylight saving time.
func TestShiftedWalkAgreesWithFullWalk(t *testing.T) {
	rules := []string{
		"FREQ=DAILY", "FREQ=DAILY;INTERVAL=5", "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH;WKST=SU",
		"FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31",
		"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "FREQ=YEARLY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29",
		"FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", "FREQ=HOURLY;INTERVAL=7;BYHOUR=9,16", "FREQ=HOURLY;INTERVAL=10",
		"FREQ=DAILY;UNTIL=20300101T000000Z",
	}
	start := stockholm(t, 2001, 1, 31, 9, 30)
	for _, rule := range rules {
		opt, err := ParseRRule(rule)
		if err != nil {
			t.Fatal(err)
		}
		opt.Dtstart = start
		opt.Until = stockholm(t, 2029, 12, 31, 0, 0)
		if u, _ := ParseRRule(rule); !u.Until.IsZero() && u.Until.Before(opt.Until) {
			opt.Until = u.Until
		}
		r, _ := rrule.NewRRule(*opt)
		for _, from := range []time.Time{stockholm(t, 2013, 3, 30, 0, 0), stockholm(t, 2026, 10, 24, 12, 0)} {
			to := from.AddDate(2, 0, 0)
			want := formatStarts(r.Between(from, to, true))
			if len(want) > maxOccurrences {
				want = want[:maxOccurrences]
			}
			e := hostileEvent(t, start, rule)
			got := formatStarts(e.Occurrences(from, to))
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s from %s: got %d starts, want %d\n got %.200v\nwant %.200v", rule, from, len(got), len(want), got, want)
			}
		}
	}
}

func TestLastStartIsComputed(t *testing.T) {
	cases := []struct {
		rule string
		want string
	}{
		{"FREQ=WEEKLY;COUNT=4", "2026-03-31 10:00"},
		{"FREQ=DAILY;UNTIL=99991230T120000Z", "9999-12-30 10:00"},
		{"FREQ=MONTHLY;BYDAY=1MO;UNTIL=20300101T000000Z", "2029-12-03 10:00"},
		{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;UNTIL=21000101T000000Z", "2096-02-29 10:00"},
	}
	for _, c := range cases {
		e := hostileEvent(t, stockholm(t, 2026, 3, 10, 10, 0), c.rule)
		began := time.Now()
		got := e.LastStart().Format("2006-01-02 15:04")
		if got != c.want {
			t.Errorf("%s: LastStart %s, want %s", c.rule, got, c.want)
		}
		// Enumerated, the daily rule to 9999 is three million steps
		// (minutes); computed it is a handful. The limit only tells the
		// two apart, with room for a loaded machine and the race detector.
		if d := time.Since(began); d > 10*time.Second {
			t.Errorf("%s: LastStart took %v", c.rule, d)
		}
	}
}
