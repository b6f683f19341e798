package takeaway

import (
	"fmt"
	"time"
	"unicode"
)

// transition is one change of a zone's UTC offset.
type transition struct {
	at       time.Time // the instant it happens
	from, to int       // offsets in seconds east of UTC
	name     string    // abbreviation after the change, such as "CEST"
	dst      bool      // whether daylight saving time starts
}

// vtimezone describes loc as a VTIMEZONE (RFC 5545 §3.6.5) from the
// offset changes it has in year: a DAYLIGHT and a STANDARD observance,
// each recurring yearly on the same weekday of the month ("last Sunday of
// March"), which is how every zone with daylight saving time in Europe
// works. Go's zone data does not expose the rules, so they are read off
// the changes. ok is false for a zone with no or more than two changes in
// that year, which cannot be described that way (and with no changes does
// not need to be).
func vtimezone(tzid string, loc *time.Location, year int) (vtz []string, ok bool) {
	ts := transitions(loc, year)
	if len(ts) != 2 {
		return nil, false
	}
	vtz = []string{"BEGIN:VTIMEZONE", "TZID:" + tzid}
	for _, t := range ts {
		vtz = append(vtz, observance(t)...)
	}
	return append(vtz, "END:VTIMEZONE"), true
}

// transitions finds the offset changes of loc in year: a look once a day,
// then a binary search down to the second within the day that changed.
func transitions(loc *time.Location, year int) []transition {
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(1, 0, 0)
	var out []transition
	for t := start; t.Before(end); t = t.Add(24 * time.Hour) {
		next := t.Add(24 * time.Hour)
		if offset(t, loc) != offset(next, loc) {
			out = append(out, findTransition(loc, t, next))
		}
	}
	return out
}

func offset(t time.Time, loc *time.Location) int {
	_, off := t.In(loc).Zone()
	return off
}

// findTransition narrows [lo, hi), in which the offset changes once, to
// the first second of the new offset.
func findTransition(loc *time.Location, lo, hi time.Time) transition {
	from := offset(lo, loc)
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if offset(mid, loc) == from {
			lo = mid
		} else {
			hi = mid
		}
	}
	after := hi.In(loc)
	name, to := after.Zone()
	return transition{at: hi, from: from, to: to, name: name, dst: after.IsDST()}
}

// observance writes one transition as a yearly rule. Its DTSTART is the
// same rule's date in 1970, so that the observance covers any event date,
// as a wall-clock time in the offset before the change (RFC 5545 says so).
func observance(t transition) []string {
	kind := "STANDARD"
	if t.dst {
		kind = "DAYLIGHT"
	}
	local := t.at.In(time.FixedZone("", t.from))
	n := weekOfMonth(local)
	first := nthWeekday(1970, local.Month(), local.Weekday(), n)
	start := time.Date(1970, local.Month(), first, local.Hour(), local.Minute(), local.Second(), 0, time.UTC)
	out := []string{
		"BEGIN:" + kind,
		"TZOFFSETFROM:" + utcOffset(t.from),
		"TZOFFSETTO:" + utcOffset(t.to),
	}
	// Go names a zone without an abbreviation by its offset ("+03");
	// that is no name.
	if t.name != "" && unicode.IsLetter(rune(t.name[0])) {
		out = append(out, "TZNAME:"+t.name)
	}
	return append(out,
		"DTSTART:"+start.Format(localLayout),
		fmt.Sprintf("RRULE:FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", local.Month(), n, weekdayCode(local.Weekday())),
		"END:"+kind)
}

// weekOfMonth is which of its weekday t's day is in the month: 1–4, or -1
// for the last one (a change on the last Sunday must stay on the last
// Sunday in months where that is the fourth).
func weekOfMonth(t time.Time) int {
	daysInMonth := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if t.Day()+7 > daysInMonth {
		return -1
	}
	return (t.Day()-1)/7 + 1
}

// nthWeekday is the day of the month of the n-th weekday wd (n = -1: the
// last one).
func nthWeekday(year int, month time.Month, wd time.Weekday, n int) int {
	if n < 0 {
		last := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC)
		return last.Day() - (int(last.Weekday())-int(wd)+7)%7
	}
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	return 1 + (int(wd)-int(first.Weekday())+7)%7 + (n-1)*7
}

func weekdayCode(wd time.Weekday) string {
	return [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}[wd]
}

// utcOffset formats seconds east of UTC as ±HHMM, with seconds only when
// there are any (RFC 5545 §3.3.14).
func utcOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
