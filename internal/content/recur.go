package content

import (
	"fmt"
	"time"

	"github.com/teambition/rrule-go"
)

// maxOccurrences caps how many times one event is expanded, so a rule
// without an end (FREQ=DAILY) cannot make a list endless.
const maxOccurrences = 500

// ParseRRule checks an RFC 5545 recurrence rule (without "RRULE:").
func ParseRRule(s string) (*rrule.ROption, error) {
	opt, err := rrule.StrToROption(s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a recurrence rule: %v", s, err)
	}
	return opt, nil
}

// rule is e's recurrence in its own time zone, so that a weekly 10:00
// stays 10:00 across daylight saving time; nil when e has no rule (or one
// that does not parse, which validation refuses).
func (e *Event) rule() *rrule.RRule {
	if e.RRule == "" {
		return nil
	}
	opt, err := ParseRRule(e.RRule)
	if err != nil {
		return nil
	}
	loc, err := LoadZone(e.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	opt.Dtstart = e.Start.In(loc)
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil
	}
	return r
}

// Occurrences returns the start times of e that fall in [from, to), at most
// maxOccurrences, in the event's own time zone. An event without a rule
// has one occurrence, its start.
func (e *Event) Occurrences(from, to time.Time) []time.Time {
	r := e.rule()
	if r == nil {
		loc, err := LoadZone(e.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		start := e.Start.In(loc)
		if e.RRule == "" && !start.Before(from) && start.Before(to) {
			return []time.Time{start}
		}
		return nil
	}
	var out []time.Time
	it := r.Iterator()
	for t, ok := it(); ok && len(out) < maxOccurrences; t, ok = it() {
		if !t.Before(to) {
			break
		}
		if !t.Before(from) {
			out = append(out, t)
		}
	}
	return out
}

// LastStart returns the start of the last occurrence, or the zero time for
// a rule with no end (it recurs for ever). Unlike Occurrences it is not
// capped: a rule with a COUNT or UNTIL is followed to its end.
func (e *Event) LastStart() time.Time {
	r := e.rule()
	if r == nil {
		return e.Start
	}
	if r.OrigOptions.Count == 0 && r.OrigOptions.Until.IsZero() {
		return time.Time{}
	}
	all := r.All()
	if len(all) == 0 {
		return e.Start
	}
	return all[len(all)-1]
}
