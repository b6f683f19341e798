package takeaway

import (
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/motesplats/motesplats/internal/content"
)

// Formats of RFC 5545 §3.3.4–5.
const (
	utcLayout   = "20060102T150405Z"
	localLayout = "20060102T150405"
	dateLayout  = "20060102"
)

func utcStamp(t time.Time) string { return t.UTC().Format(utcLayout) }

// times appends DTSTART, DTEND and RRULE, choosing the form the comment at
// the top of ics.go explains.
func (c *calendar) times(e content.Event) {
	loc, err := content.LoadZone(e.TimeZone)
	if err != nil || e.TimeZone == "" {
		loc = time.UTC
	}
	form := c.timeForm(e, loc)
	switch {
	case e.AllDay:
		c.dates(e, loc)
	case form.zoned:
		c.zoned(e, loc)
	default:
		c.utc(e)
	}
	if e.RRule != "" {
		c.events.add("RRULE:" + normaliseUntil(e.RRule, e.AllDay, loc))
	}
	c.exceptions(e, form)
}

// timeForm is how an event's times are written: as dates, in its zone
// with TZID, or in UTC. EXDATE, RDATE and RECURRENCE-ID must use the
// form DTSTART has (RFC 5545 §3.8.5.1).
type timeForm struct {
	allDay, zoned bool
	tzid          string
	loc           *time.Location
}

func (c *calendar) timeForm(e content.Event, loc *time.Location) timeForm {
	recurs := e.RRule != "" || len(e.RDates) > 0 || len(e.Overrides) > 0
	zoned := !e.AllDay && recurs && !(e.RRule != "" && utcKeepsWallClock(e, loc)) && c.useZone(e.TimeZone, loc, e.Start)
	return timeForm{allDay: e.AllDay, zoned: zoned, tzid: paramValue(e.TimeZone), loc: loc}
}

// value writes a property holding t, such as "EXDATE;TZID=…:20260310T100000".
func (f timeForm) value(name string, t time.Time) string {
	switch {
	case f.allDay:
		return name + ";VALUE=DATE:" + civilDate(t.In(f.loc)).Format(dateLayout)
	case f.zoned:
		return name + ";TZID=" + f.tzid + ":" + t.In(f.loc).Format(localLayout)
	}
	return name + ":" + utcStamp(t)
}

// period writes an RDATE with its own end.
func (f timeForm) period(start, end time.Time) string {
	if f.zoned {
		return "RDATE;VALUE=PERIOD;TZID=" + f.tzid + ":" + start.In(f.loc).Format(localLayout) + "/" + end.In(f.loc).Format(localLayout)
	}
	return "RDATE;VALUE=PERIOD:" + utcStamp(start) + "/" + utcStamp(end)
}

// exceptions writes what the event's rule does not say on its own: the
// dates taken away (EXDATE, and cancelled occurrences), the dates added
// (RDATE) and a cancelled series (STATUS). Changed occurrences are VEVENTs
// of their own (see overrides).
func (c *calendar) exceptions(e content.Event, f timeForm) {
	for _, t := range e.ExDates {
		c.events.add(f.value("EXDATE", t))
	}
	for _, o := range e.Overrides {
		if o.Cancelled {
			c.events.add(f.value("EXDATE", o.RecurrenceID))
		}
	}
	for _, rd := range e.RDates {
		if !rd.End.IsZero() && !f.allDay {
			c.events.add(f.period(rd.Start, rd.End))
		} else {
			c.events.add(f.value("RDATE", rd.Start))
		}
	}
	if e.Cancelled {
		c.events.add("STATUS:CANCELLED")
	}
}

func (c *calendar) utc(e content.Event) {
	c.events.add("DTSTART:" + utcStamp(e.Start))
	if !e.End.IsZero() {
		c.events.add("DTEND:" + utcStamp(e.End))
	}
}

func (c *calendar) zoned(e content.Event, loc *time.Location) {
	tzid := ";TZID=" + paramValue(e.TimeZone) + ":"
	c.events.add("DTSTART" + tzid + e.Start.In(loc).Format(localLayout))
	if !e.End.IsZero() {
		c.events.add("DTEND" + tzid + e.End.In(loc).Format(localLayout))
	}
}

// dates writes an all-day event as dates. DTEND is exclusive (the day
// after the last day), and always written: a scanner that finds no end
// would give the event its default length of an hour.
func (c *calendar) dates(e content.Event, loc *time.Location) {
	first := civilDate(e.Start.In(loc))
	end := first.AddDate(0, 0, 1)
	if !e.End.IsZero() {
		last := e.End.In(loc)
		after := civilDate(last)
		// An end at midnight is already the exclusive end; any other end
		// time is on the last day.
		if !isMidnight(last) {
			after = after.AddDate(0, 0, 1)
		}
		end = maxTime(end, after)
	}
	c.events.add("DTSTART;VALUE=DATE:" + first.Format(dateLayout))
	c.events.add("DTEND;VALUE=DATE:" + end.Format(dateLayout))
}

// civilDate is the calendar date of t, as midnight UTC, so that adding
// days is free of daylight saving time.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func isMidnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// utcKeepsWallClock reports whether a recurring event's rule, written with
// a UTC DTSTART, gives the very same instants as in the event's own zone:
// true for a rule that ends before any change of offset and whose days do
// not differ between UTC and local time (a Monday 00:30 in Stockholm is a
// Sunday in UTC). Such an event needs no VTIMEZONE, which is about 330
// bytes of the QR code. A rule without an end never qualifies.
func utcKeepsWallClock(e content.Event, loc *time.Location) bool {
	rule := normaliseUntil(e.RRule, false, loc)
	local, ok := expand(rule, e.Start.In(loc))
	if !ok {
		return false
	}
	utc, ok := expand(rule, e.Start.UTC())
	if !ok || len(utc) != len(local) {
		return false
	}
	for i := range local {
		if !local[i].Equal(utc[i]) {
			return false
		}
	}
	return true
}

// maxCompared bounds how many occurrences utcKeepsWallClock compares; a
// rule with more is treated as endless.
const maxCompared = 1000

// expand returns every start of a bounded rule from start; ok is false for
// a rule that does not parse or has no end within maxCompared.
func expand(rule string, start time.Time) ([]time.Time, bool) {
	opt, err := content.ParseRRule(rule)
	if err != nil || (opt.Count == 0 && opt.Until.IsZero()) {
		return nil, false
	}
	opt.Dtstart = start
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, false
	}
	var out []time.Time
	next := r.Iterator()
	for t, ok := next(); ok; t, ok = next() {
		if len(out) == maxCompared {
			return nil, false
		}
		out = append(out, t)
	}
	return out, true
}

// useZone reports whether a recurring event needs its zone, and adds the
// zone's VTIMEZONE if so: only a zone that changes its offset during the
// year does, and only one whose changes this package can describe.
func (c *calendar) useZone(tzid string, loc *time.Location, start time.Time) bool {
	if _, ok := c.zones[tzid]; ok {
		return true
	}
	vtz, ok := vtimezone(tzid, loc, start.In(loc).Year())
	if !ok {
		return false
	}
	c.zones[tzid] = vtz
	c.order = append(c.order, tzid)
	return true
}

// normaliseUntil rewrites the UNTIL of a recurrence rule in the form RFC
// 5545 §3.3.10 requires for the event's DTSTART: a date for an all-day
// event, a UTC time otherwise. Content may write either; a date UNTIL of a
// timed event means "up to and including that day" in the event's zone.
func normaliseUntil(rule string, allDay bool, loc *time.Location) string {
	parts := strings.Split(rule, ";")
	for i, p := range parts {
		key, value, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(key, "UNTIL") {
			continue
		}
		until, isDate, ok := parseUntil(value, loc)
		if !ok {
			continue
		}
		switch {
		case allDay:
			value = until.In(loc).Format(dateLayout)
		case isDate:
			value = utcStamp(until.AddDate(0, 0, 1).Add(-time.Second))
		default:
			value = utcStamp(until)
		}
		parts[i] = "UNTIL=" + value
	}
	return strings.Join(parts, ";")
}

// parseUntil reads an UNTIL value: a date (as midnight in loc), a UTC time
// or a floating time (taken in loc).
func parseUntil(v string, loc *time.Location) (t time.Time, isDate, ok bool) {
	if t, err := time.ParseInLocation(dateLayout, v, loc); err == nil {
		return t, true, true
	}
	if t, err := time.Parse(utcLayout, v); err == nil {
		return t, false, true
	}
	if t, err := time.ParseInLocation(localLayout, v, loc); err == nil {
		return t, false, true
	}
	return time.Time{}, false, false
}
