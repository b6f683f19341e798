package i18n

import "time"

// Relative says when t is as seen from now: "om 2 dagar", "för 3 timmar
// sedan", "just nu", "i dag", "i morgon". Units, chosen for a kiosk whose
// readers plan their day and week:
//
//   - under a minute: now
//   - under an hour: minutes
//   - under 6 hours: hours ("in 3 hours" says more than "today")
//   - otherwise by Stockholm calendar day: today, tomorrow, yesterday,
//     then days up to 6, weeks until a whole calendar month has passed,
//     months up to 11, then years.
//
// Counts are rounded down, so "in 59 minutes" never says "in 1 hour" early.
// Calendar days are counted on dates, not 24-hour spans, so a daylight
// saving change never turns "tomorrow" into "today".
func (l *Localizer) Relative(now, t time.Time) string {
	d := t.Sub(now)
	future := d > 0
	switch abs := d.Abs(); {
	case abs < time.Minute:
		return l.T("format.relative.now", nil)
	case abs < time.Hour:
		return l.span("minutes", future, int(abs/time.Minute))
	case abs < 6*time.Hour:
		return l.span("hours", future, int(abs/time.Hour))
	}
	return l.calendarRelative(now.In(Stockholm), t.In(Stockholm))
}

func (l *Localizer) calendarRelative(now, t time.Time) string {
	days := calendarDays(now, t)
	future := days > 0
	switch {
	case days == 0:
		return l.T("format.relative.today", nil)
	case days == 1:
		return l.T("format.relative.tomorrow", nil)
	case days == -1:
		return l.T("format.relative.yesterday", nil)
	case abs(days) < 7:
		return l.span("days", future, abs(days))
	}
	months := calendarMonths(now, t)
	switch {
	case months == 0:
		return l.span("weeks", future, abs(days)/7)
	case months < 12:
		return l.span("months", future, months)
	}
	return l.span("years", future, months/12)
}

// span is a plural relative message such as format.relative.days_future.
func (l *Localizer) span(unit string, future bool, n int) string {
	dir := "_past"
	if future {
		dir = "_future"
	}
	return l.N("format.relative."+unit+dir, n, nil)
}

// calendarDays is the number of dates from a to b (negative if b is
// earlier), ignoring the clock.
func calendarDays(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da) / (24 * time.Hour))
}

// calendarMonths is the number of whole calendar months between a and b,
// in either order: 15 May to 14 June is 0, to 15 June is 1.
func calendarMonths(a, b time.Time) int {
	if b.Before(a) {
		a, b = b, a
	}
	m := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		m--
	}
	return m
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
