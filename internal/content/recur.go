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

// Occurrences returns the start times of e that fall in [from, to), in the
// event's own time zone so that a weekly 10:00 stays 10:00 across daylight
// saving time. An event without a rule has one occurrence, its start.
func (e *Event) Occurrences(from, to time.Time) []time.Time {
	loc, err := LoadZone(e.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	start := e.Start.In(loc)
	if e.RRule == "" {
		if !start.Before(from) && start.Before(to) {
			return []time.Time{start}
		}
		return nil
	}
	opt, err := ParseRRule(e.RRule)
	if err != nil {
		return nil
	}
	opt.Dtstart = start
	rule, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil
	}
	var out []time.Time
	it := rule.Iterator()
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
// a rule with no end (it recurs for ever). The store uses it to know when
// an event is over.
func (e *Event) LastStart() time.Time {
	if e.RRule == "" {
		return e.Start
	}
	opt, err := ParseRRule(e.RRule)
	if err != nil || (opt.Count == 0 && opt.Until.IsZero()) {
		return time.Time{}
	}
	opt.Dtstart = e.Start
	rule, err := rrule.NewRRule(*opt)
	if err != nil {
		return time.Time{}
	}
	all := rule.All()
	if len(all) == 0 {
		return e.Start
	}
	return all[len(all)-1]
}
