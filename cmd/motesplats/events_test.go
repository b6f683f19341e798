package main

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/i18n"
)

// seriesICS is a weekly language café of eight Tuesdays from first (at
// 17:00–19:00 Stockholm time), with the third taken away (EXDATE), a
// Thursday morning added (RDATE period), the fifth cancelled and the sixth
// moved to the Wednesday at 18:00 elsewhere; and a cancelled series that
// must not be listed at all.
func seriesICS(first time.Time) string {
	day := func(weeks, days int) time.Time { return first.AddDate(0, 0, 7*weeks+days) }
	local := func(t time.Time, hhmm string) string { return t.Format("20060102") + "T" + hhmm + "00" }
	return strings.ReplaceAll(`BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Exempel//E2E//SV
X-WR-TIMEZONE:Europe/Stockholm
BEGIN:VEVENT
UID:sprakcafe@example.org
DTSTART;TZID=Europe/Stockholm:`+local(first, "1700")+`
DTEND;TZID=Europe/Stockholm:`+local(first, "1900")+`
RRULE:FREQ=WEEKLY;COUNT=8
EXDATE;TZID=Europe/Stockholm:`+local(day(2, 0), "1700")+`
RDATE;VALUE=PERIOD;TZID=Europe/Stockholm:`+local(day(3, 2), "1000")+"/"+local(day(3, 2), "1200")+`
SUMMARY:Språkcafé (exempel)
LOCATION:Exempelhuset
END:VEVENT
BEGIN:VEVENT
UID:sprakcafe@example.org
RECURRENCE-ID;TZID=Europe/Stockholm:`+local(day(4, 0), "1700")+`
DTSTART;TZID=Europe/Stockholm:`+local(day(4, 0), "1700")+`
SUMMARY:Språkcafé (exempel)
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:sprakcafe@example.org
RECURRENCE-ID;TZID=Europe/Stockholm:`+local(day(5, 0), "1700")+`
DTSTART;TZID=Europe/Stockholm:`+local(day(5, 1), "1800")+`
DTEND;TZID=Europe/Stockholm:`+local(day(5, 1), "2000")+`
SUMMARY:Språkcafé (exempel)
LOCATION:Fritidsgården
END:VEVENT
BEGIN:VEVENT
UID:installt@example.org
DTSTART;TZID=Europe/Stockholm:`+local(day(1, 1), "1000")+`
SUMMARY:Inställd föreläsning (exempel)
LOCATION:Exempelhuset
STATUS:CANCELLED
END:VEVENT
END:VCALENDAR
`, "\n", "\r\n")
}

// TestEventsEndToEnd: an iCalendar file is imported, built into a signed
// feed, served on 127.0.0.1, synced by a kiosk, and `motesplats events
// --json` lists exactly the occurrences the calendar means.
func TestEventsEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	feedBin := filepath.Join(t.TempDir(), "motesplats-feed")
	if out, err := exec.Command("go", "build", "-o", feedBin, "../motesplats-feed").CombinedOutput(); err != nil {
		t.Fatalf("build motesplats-feed: %v\n%s", err, out)
	}
	dir := t.TempDir()
	// Next year's first Tuesday of March: always ahead, within the two
	// years a kiosk indexes.
	first := time.Date(time.Now().Year()+1, 3, 1, 17, 0, 0, 0, i18n.Stockholm)
	for first.Weekday() != time.Tuesday {
		first = first.AddDate(0, 0, 1)
	}
	ics := filepath.Join(dir, "kalender.ics")
	if err := os.WriteFile(ics, []byte(seriesICS(first)), 0o644); err != nil {
		t.Fatal(err)
	}
	keys, src, out := filepath.Join(dir, "keys"), filepath.Join(dir, "content"), filepath.Join(dir, "feed")
	// Every version holds the core items (content.Core), or a kiosk
	// refuses it: take them from the built-in content.
	for _, f := range []string{"topics/emergency.json", "articles/emergency-112.json"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "assets", "content", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"import", "ical", ics, "--lang", "sv", "--out", src},
		{"init", "--keys", keys},
		{"build", "--content", src, "--keys", keys, "--out", out},
	} {
		if text, err := exec.Command(feedBin, args...).CombinedOutput(); err != nil {
			t.Fatalf("motesplats-feed %s: %v\n%s", strings.Join(args, " "), err, text)
		}
	}
	server := httptest.NewServer(feed.Handler(out))
	defer server.Close()
	data := filepath.Join(dir, "kiosk")
	if stdout, stderr, err := runBinary(bin, nil, "sync", "--data", data, "--feed", server.URL, "--root", filepath.Join(keys, "root.json"), "--json"); err != nil {
		t.Fatalf("sync: %v\n%s%s", err, stdout, stderr)
	}
	stdout, stderr, err := runBinary(bin, nil, "events", "--data", data, "--from", first.Format(time.DateOnly),
		"--to", first.AddDate(0, 3, 0).Format(time.DateOnly), "--json")
	if err != nil {
		t.Fatalf("events: %v\n%s", err, stderr)
	}
	var got []eventLine
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	at := func(weeks, days, h int) string {
		d := first.AddDate(0, 0, 7*weeks+days)
		return time.Date(d.Year(), d.Month(), d.Day(), h, 0, 0, 0, i18n.Stockholm).Format(time.RFC3339)
	}
	line := func(weeks, days, h, hours int, place, status string) string {
		return fmt.Sprintf("%s–%s %s %s", at(weeks, days, h), at(weeks, days, h+hours), place, status)
	}
	want := []string{
		line(0, 0, 17, 2, "Exempelhuset", "scheduled"),
		line(1, 0, 17, 2, "Exempelhuset", "scheduled"),
		// week 2: EXDATE
		line(3, 0, 17, 2, "Exempelhuset", "scheduled"),
		line(3, 2, 10, 2, "Exempelhuset", "scheduled"), // RDATE period
		// week 4: cancelled
		line(5, 1, 18, 2, "Fritidsgården", "moved"),
		line(6, 0, 17, 2, "Exempelhuset", "scheduled"),
		line(7, 0, 17, 2, "Exempelhuset", "scheduled"),
	}
	var lines []string
	for _, e := range got {
		if e.ID != "sprakcafe-example-org" || e.Title != "Språkcafé (exempel)" {
			t.Errorf("unexpected event %+v", e)
			continue
		}
		lines = append(lines, fmt.Sprintf("%s–%s %s %s", e.Start, e.End, e.Place, e.Status))
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("events --json:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
