package content

import (
	"fmt"
	"strconv"
	"time"
)

// What is current and what is past: a kiosk must never present an ended
// project or a series whose dates have all gone by as if it were running.

// contentZone is where dates without a zone (a project's end, an item's
// updated date) are days: the content is about Sweden.
func contentZone() *time.Location {
	if loc, err := LoadZone("Europe/Stockholm"); err == nil {
		return loc
	}
	return time.UTC
}

// ParseProjectDate reads a project's start or end: a date (YYYY-MM-DD),
// or a year (YYYY) when the source gives only the year. It returns the
// first and the last day the value covers, at midnight in Sweden, and
// whether only the year is known.
func ParseProjectDate(s string) (first, last time.Time, yearOnly bool, err error) {
	loc := contentZone()
	if len(s) == 4 {
		y, yerr := strconv.Atoi(s)
		if yerr != nil || y < 1000 {
			return time.Time{}, time.Time{}, false, fmt.Errorf("%q is not a date (YYYY-MM-DD) or a year (YYYY)", s)
		}
		return time.Date(y, 1, 1, 0, 0, 0, 0, loc), time.Date(y, 12, 31, 0, 0, 0, 0, loc), true, nil
	}
	d, perr := time.ParseInLocation(time.DateOnly, s, loc)
	if perr != nil {
		return time.Time{}, time.Time{}, false, fmt.Errorf("%q is not a date (YYYY-MM-DD) or a year (YYYY)", s)
	}
	return d, d, false, nil
}

// Ended tells whether the project is over at now: its end (the last day
// of it, or of its year) is before now's day. end is that last day; a
// project with no known end has not ended.
func (p *Project) Ended(now time.Time) (end time.Time, yearOnly, ended bool) {
	if p.End == "" {
		return time.Time{}, false, false
	}
	_, last, yearOnly, err := ParseProjectDate(p.End)
	if err != nil {
		return time.Time{}, false, false // the validator refuses it
	}
	return last, yearOnly, !now.Before(last.AddDate(0, 0, 1))
}

// LastEnd is when the event's last occurrence ends: its end when known,
// else the end of the day it starts on, so an event without an end time
// counts as on for the rest of its day. Zero for a rule that repeats for
// ever.
func (e *Event) LastEnd() time.Time {
	last := e.LastStart()
	if last.IsZero() {
		return time.Time{}
	}
	// The last occurrence's own end: a moved or changed date may last
	// longer or shorter than the event.
	if in := e.InstanceAt(last); !in.End.IsZero() && in.End.After(last) {
		return in.End
	}
	loc := e.zone()
	y, m, d := last.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

// Ended tells whether every occurrence of the event is over at now. An
// event that repeats for ever never ends.
func (e *Event) Ended(now time.Time) bool {
	end := e.LastEnd()
	return !end.IsZero() && !now.Before(end)
}

// ParseUpdated reads an item's updated date (YYYY-MM-DD) as midnight in
// Sweden; false when it is empty or not a date.
func ParseUpdated(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(time.DateOnly, s, contentZone())
	return t, err == nil
}

// UpdatedOf is an item's updated date; zero for a kind without one
// (topics, municipalities) or an item without a date.
func UpdatedOf(item Item) time.Time {
	var d string
	switch it := item.(type) {
	case *Article:
		d = it.Updated
	case *Service:
		d = it.Updated
	case *Event:
		d = it.Updated
	case *Project:
		d = it.Updated
	}
	t, _ := ParseUpdated(d)
	return t
}

// Updated is the date of the newest item in the set: the newest updated
// date of its articles, services, events and projects. It is the date the
// content was written, which a kiosk shows visitors ("Information from
// 23 November 2026") and counts its age from. Zero when no item has one.
func (s *Set) Updated() time.Time {
	var newest time.Time
	note := func(d string) {
		if t, ok := ParseUpdated(d); ok && t.After(newest) {
			newest = t
		}
	}
	for i := range s.Articles {
		note(s.Articles[i].Updated)
	}
	for i := range s.Services {
		note(s.Services[i].Updated)
	}
	for i := range s.Events {
		note(s.Events[i].Updated)
	}
	for i := range s.Projects {
		note(s.Projects[i].Updated)
	}
	return newest
}
