package content

import (
	"fmt"
	"time"

	"github.com/teambition/rrule-go"
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
			c.add(field, CodeTooManyExceptions, n, MaxExceptions)
		}
	}
	for i, t := range e.ExDates {
		if t.IsZero() {
			c.add(fmt.Sprintf("exdates[%d]", i), CodeNotATime)
		}
	}
	for i, rd := range e.RDates {
		f := fmt.Sprintf("rdates[%d]", i)
		if rd.Start.IsZero() {
			c.add(f+".start", CodeRequired)
		}
		if !rd.End.IsZero() && rd.End.Before(rd.Start) {
			c.add(f+".end", CodeEndBeforeStart, rd.End.Format(time.RFC3339), rd.Start.Format(time.RFC3339))
		}
	}
	for i := range e.Overrides {
		c.override(fmt.Sprintf("overrides[%d]", i), &e.Overrides[i])
	}
}

func (c checker) rule(e *Event) {
	opt, err := rrule.StrToROption(e.RRule)
	if err != nil {
		c.add("rrule", CodeRuleInvalid, e.RRule, err.Error())
		return
	}
	if opt.Freq > FinestFrequency {
		c.add("rrule", CodeRuleTooFrequent, opt.Freq.String())
		return
	}
	if opt.Count > MaxRuleCount {
		c.add("rrule", CodeRuleCount, opt.Count, MaxRuleCount)
		return
	}
	if e.Start.IsZero() {
		return
	}
	start := e.Start.In(e.zone())
	n := len(ruleStarts(*opt, start, start, start.Add(RuleHorizon), MaxRuleStarts+1))
	if n > MaxRuleStarts {
		c.add("rrule", CodeRuleTooManyStarts, MaxRuleStarts)
	}
	// A rule that never matches (BYMONTH=2;BYMONTHDAY=30) would make every
	// walk search to the year 9999; a leap day is at most four years off.
	if n == 0 && len(ruleStarts(*opt, start, start, start.AddDate(4, 0, 2), 1)) == 0 {
		c.add("rrule", CodeRuleNoStart)
	}
}

func (c checker) override(f string, o *Override) {
	if o.RecurrenceID.IsZero() {
		c.add(f+".recurrenceId", CodeRecurrenceRequired)
	}
	if !o.End.IsZero() && !o.Start.IsZero() && o.End.Before(o.Start) {
		c.add(f+".end", CodeEndBeforeStart, o.End.Format(time.RFC3339), o.Start.Format(time.RFC3339))
	}
	c.text(f+".title", o.Title, false)
	c.text(f+".description", o.Description, false)
	if o.Place != nil {
		c.text(f+".place.name", o.Place.Name, false)
		c.geo(f+".place.geo", o.Place.Geo)
	}
	c.webURL(f+".onlineUrl", o.OnlineURL)
}
