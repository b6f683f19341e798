package content

import (
	"fmt"
	"time"
)

// recurrence checks an event's rule and exceptions against the limits in
// recur.go. It runs on the publisher (validate, build) and on the kiosk
// for every shard it applies, so a hostile rule never reaches the index.
func (c checker) recurrence(e *Event) {
	if e.RRule != "" {
		c.rule(e)
	}
	for field, n := range map[string]int{"exdates": len(e.ExDates), "rdates": len(e.RDates), "overrides": len(e.Overrides)} {
		if n > MaxExceptions {
			c.add(field, "has %d entries; at most %d are allowed", n, MaxExceptions)
		}
	}
	for i, t := range e.ExDates {
		if t.IsZero() {
			c.add(fmt.Sprintf("exdates[%d]", i), "is not a time")
		}
	}
	for i, rd := range e.RDates {
		f := fmt.Sprintf("rdates[%d]", i)
		if rd.Start.IsZero() {
			c.add(f+".start", "is required")
		}
		if !rd.End.IsZero() && rd.End.Before(rd.Start) {
			c.add(f+".end", "%s is before start %s", rd.End.Format(time.RFC3339), rd.Start.Format(time.RFC3339))
		}
	}
	for i := range e.Overrides {
		c.override(fmt.Sprintf("overrides[%d]", i), &e.Overrides[i])
	}
}

func (c checker) rule(e *Event) {
	opt, err := ParseRRule(e.RRule)
	if err != nil {
		c.add("rrule", "%v", err)
		return
	}
	if opt.Freq > FinestFrequency {
		c.add("rrule", "FREQ=%s repeats more often than hourly; the finest allowed is FREQ=HOURLY", opt.Freq)
		return
	}
	if opt.Count > MaxRuleCount {
		c.add("rrule", "COUNT=%d is more than %d occurrences", opt.Count, MaxRuleCount)
		return
	}
	if e.Start.IsZero() {
		return
	}
	start := e.Start.In(e.zone())
	n := len(ruleStarts(*opt, start, start, start.Add(RuleHorizon), MaxRuleStarts+1))
	if n > MaxRuleStarts {
		c.add("rrule", "gives more than %d starts in its first two years; split it into events that recur less often", MaxRuleStarts)
	}
	// A rule that never matches (BYMONTH=2;BYMONTHDAY=30) would make every
	// walk search to the year 9999; a leap day is at most four years off.
	if n == 0 && len(ruleStarts(*opt, start, start, start.AddDate(4, 0, 2), 1)) == 0 {
		c.add("rrule", "gives no start in the four years after start")
	}
}

func (c checker) override(f string, o *Override) {
	if o.RecurrenceID.IsZero() {
		c.add(f+".recurrenceId", "is required (the start of the occurrence it changes)")
	}
	if !o.End.IsZero() && !o.Start.IsZero() && o.End.Before(o.Start) {
		c.add(f+".end", "%s is before start %s", o.End.Format(time.RFC3339), o.Start.Format(time.RFC3339))
	}
	c.text(f+".title", o.Title, false)
	c.text(f+".description", o.Description, false)
	if o.Place != nil {
		c.text(f+".place.name", o.Place.Name, false)
		c.geo(f+".place.geo", o.Place.Geo)
	}
	c.webURL(f+".onlineUrl", o.OnlineURL)
}
