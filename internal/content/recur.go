package content

import (
	"fmt"
	"slices"
	"time"

	"github.com/teambition/rrule-go"
)

// Limits on recurrence, so that no rule, however hostile, makes a list,
// the store's index or a search filter walk without end (docs/content-format.md).
const (
	// maxOccurrences caps how many starts Occurrences returns, so a rule
	// without an end (FREQ=DAILY) cannot make a list endless.
	maxOccurrences = 500
	// MaxRuleCount is the largest COUNT a rule may have.
	MaxRuleCount = 1000
	// MaxRuleStarts is how many starts a rule may give in its first
	// RuleHorizon: a daily event for two years fits, an hourly one does not.
	MaxRuleStarts = 1000
	// RuleHorizon is the span MaxRuleStarts is counted over.
	RuleHorizon = 2 * 365 * 24 * time.Hour
	// MaxExceptions caps each of exdates, rdates and overrides.
	MaxExceptions = 1000
	// FinestFrequency is the finest FREQ validation accepts.
	FinestFrequency = rrule.HOURLY
)

// ParseRRule checks an RFC 5545 recurrence rule (without "RRULE:").
func ParseRRule(s string) (*rrule.ROption, error) {
	opt, err := rrule.StrToROption(s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a recurrence rule: %v", s, err)
	}
	return opt, nil
}

// zone is e's time zone, UTC when it does not load (validation refuses it).
func (e *Event) zone() *time.Location {
	loc, err := LoadZone(e.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Instance is one occurrence of an event after its exceptions.
type Instance struct {
	Start time.Time
	// End is zero when the event's end is not known.
	End time.Time
	// RecurrenceID is the start the rule or an RDATE gave; it differs
	// from Start for a moved occurrence.
	RecurrenceID time.Time
	// Override is the change made to this occurrence, or nil.
	Override *Override
}

// Occurrences returns the start times of e that fall in [from, to), at most
// maxOccurrences, in the event's own time zone, after its exceptions
// (EXDATE, RDATE, moved and cancelled occurrences). An event without a rule
// has its start and its RDATEs; a cancelled event has none.
func (e *Event) Occurrences(from, to time.Time) []time.Time {
	ins := e.Instances(from, to, maxOccurrences)
	out := make([]time.Time, len(ins))
	for i, in := range ins {
		out[i] = in.Start
	}
	return out
}

// Instances returns e's occurrences that start in [from, to), in start
// order, at most limit. The rule is walked from near from, never from
// the event's first start, and at most limit starts past the exceptions.
func (e *Event) Instances(from, to time.Time, limit int) []Instance {
	if e.Cancelled || limit <= 0 || !to.After(from) || e.Start.IsZero() {
		return nil
	}
	loc := e.zone()
	start := e.Start.In(loc)
	var given []time.Time
	if opt := e.ruleOptions(); opt != nil {
		given = ruleStarts(*opt, start, from, to, limit+len(e.ExDates)+len(e.Overrides)+1)
	}
	if !start.Before(from) && start.Before(to) && !slices.ContainsFunc(given, start.Equal) {
		given = append(given, start) // DTSTART is always the first occurrence (RFC 5545)
	}
	var out []Instance
	for _, t := range given {
		if !e.excluded(t) {
			out = append(out, e.instance(t, time.Time{}))
		}
	}
	for _, rd := range e.RDates {
		t := rd.Start.In(loc)
		if !t.Before(from) && t.Before(to) && !e.excluded(t) {
			out = append(out, e.instance(t, rd.End))
		}
	}
	for i := range e.Overrides {
		o := &e.Overrides[i]
		if o.Cancelled {
			continue
		}
		in := e.moved(o)
		if !in.Start.Before(from) && in.Start.Before(to) {
			out = append(out, in)
		}
	}
	slices.SortStableFunc(out, func(a, b Instance) int { return a.Start.Compare(b.Start) })
	out = slices.CompactFunc(out, func(a, b Instance) bool { return a.Start.Equal(b.Start) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// InstanceAt is the occurrence of e that starts at start (as the store's
// index gives it), with its override if it has one.
func (e *Event) InstanceAt(start time.Time) Instance {
	for i := range e.Overrides {
		if in := e.moved(&e.Overrides[i]); !e.Overrides[i].Cancelled && in.Start.Equal(start) {
			return in
		}
	}
	for _, rd := range e.RDates {
		if rd.Start.Equal(start) {
			return e.instance(start.In(e.zone()), rd.End)
		}
	}
	return e.instance(start.In(e.zone()), time.Time{})
}

// Apply returns e as it is at this occurrence: the override's title,
// description, place and link in place of the event's. Start and End stay
// the event's (they anchor its rule); the occurrence's are in.Start, in.End.
func (in Instance) Apply(e Event) Event {
	o := in.Override
	if o == nil {
		return e
	}
	if !o.Title.Empty() {
		e.Title = o.Title
	}
	if !o.Description.Empty() {
		e.Description = o.Description
	}
	if o.Place != nil {
		e.Place = o.Place
	}
	if o.OnlineURL != "" {
		e.OnlineURL = o.OnlineURL
	}
	if o.Place != nil || o.OnlineURL != "" {
		if a, ok := AttendanceFor(e.Place != nil, e.OnlineURL != "" || !e.OnlineInfo.Empty()); ok {
			e.Attendance = a
		}
	}
	return e
}

// instance is the occurrence starting at t, lasting as the event does
// unless end (an RDATE period's) is given.
func (e *Event) instance(t, end time.Time) Instance {
	in := Instance{Start: t, RecurrenceID: t, End: end}
	if end.IsZero() && !e.End.IsZero() {
		in.End = t.Add(e.End.Sub(e.Start))
	}
	if !in.End.IsZero() {
		in.End = in.End.In(t.Location())
	}
	return in
}

// InstanceOf is the occurrence an override makes.
func (e *Event) InstanceOf(o *Override) Instance { return e.moved(o) }

// moved is the occurrence an override makes.
func (e *Event) moved(o *Override) Instance {
	loc := e.zone()
	id := o.RecurrenceID.In(loc)
	t := id
	if !o.Start.IsZero() {
		t = o.Start.In(loc)
	}
	in := e.instance(t, o.End)
	in.RecurrenceID, in.Override = id, o
	return in
}

// excluded reports whether an EXDATE or an override takes away the
// occurrence the rule gives at t. An all-day event compares dates.
func (e *Event) excluded(t time.Time) bool {
	same := func(u time.Time) bool { return u.Equal(t) }
	if e.AllDay {
		loc := t.Location()
		same = func(u time.Time) bool {
			y1, m1, d1 := u.In(loc).Date()
			y2, m2, d2 := t.Date()
			return y1 == y2 && m1 == m2 && d1 == d2
		}
	}
	if slices.ContainsFunc(e.ExDates, same) {
		return true
	}
	for _, o := range e.Overrides {
		if same(o.RecurrenceID) {
			return true
		}
	}
	return false
}

// ruleOptions is e's rule, nil when it has none or it does not parse
// (which validation refuses).
func (e *Event) ruleOptions() *rrule.ROption {
	if e.RRule == "" {
		return nil
	}
	opt, err := ParseRRule(e.RRule)
	if err != nil {
		return nil
	}
	return opt
}

// LastStart returns the start of the last occurrence, or the zero time for
// a rule with no end (it recurs for ever). It is worked out near the end of
// the rule, never by walking every occurrence from the start.
func (e *Event) LastStart() time.Time {
	opt := e.ruleOptions()
	if opt != nil && opt.Count == 0 && opt.Until.IsZero() {
		return time.Time{}
	}
	last := time.Time{}
	later := func(t time.Time) {
		if t.After(last) {
			last = t
		}
	}
	if opt != nil {
		later(e.lastRuleStart(opt))
	}
	loc := e.zone()
	if !e.excluded(e.Start.In(loc)) {
		later(e.Start)
	}
	for _, rd := range e.RDates {
		if !e.excluded(rd.Start.In(loc)) {
			later(rd.Start)
		}
	}
	for i := range e.Overrides {
		if !e.Overrides[i].Cancelled {
			later(e.moved(&e.Overrides[i]).Start)
		}
	}
	if last.IsZero() {
		return e.Start
	}
	return last.In(loc)
}

// lastRuleStart is the last start a bounded rule gives that is not
// excluded. A COUNT rule is at most MaxRuleCount long; an UNTIL rule is
// looked at in growing windows that end at UNTIL.
func (e *Event) lastRuleStart(opt *rrule.ROption) time.Time {
	start := e.Start.In(e.zone())
	lastKept := func(ts []time.Time) time.Time {
		for i := len(ts) - 1; i >= 0; i-- {
			if !e.excluded(ts[i]) {
				return ts[i]
			}
		}
		return time.Time{}
	}
	if opt.Count > 0 {
		return lastKept(ruleStarts(*opt, start, start, farFuture, MaxRuleCount))
	}
	end := opt.Until.Add(time.Second)
	for days := 40; ; days *= 10 {
		from := end.AddDate(0, 0, -days)
		if !from.After(start) {
			from = start
		}
		// The window ends at UNTIL, so the last starts it holds are the
		// rule's last; limit only bounds the walk.
		if t := lastKept(ruleStarts(*opt, start, from, end, 50*MaxRuleStarts)); !t.IsZero() || from.Equal(start) {
			return t
		}
	}
}

var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// RuleStarts gives the starts of an RFC 5545 rule with first start start
// (in the zone the rule follows) that fall in [from, to), at most limit.
// Validation refuses rules that walk far; this walk is bounded anyway.
func RuleStarts(rule string, start, from, to time.Time, limit int) ([]time.Time, error) {
	opt, err := ParseRRule(rule)
	if err != nil {
		return nil, err
	}
	return ruleStarts(*opt, start, from, to, limit), nil
}

// ruleStarts walks a rule in bounded time and count:
//
//   - A rule without COUNT starts its walk one period before from, on a
//     start the rule itself would reach (whole intervals from its DTSTART),
//     not at DTSTART: an old daily event costs the same as a new one.
//   - The walk is done on wall-clock times moved by whole 400-year
//     Gregorian cycles (which repeat weekdays and leap days exactly) so
//     that to falls in the last cycle before rrule-go's year 9999 stop: a
//     rule that gives nothing more (BYMONTH=2;BYMONTHDAY=30) ends there
//     instead of searching for ever.
//   - COUNT is capped at MaxRuleCount, and at most limit starts are kept.
func ruleStarts(opt rrule.ROption, start, from, to time.Time, limit int) []time.Time {
	if limit <= 0 || !to.After(from) {
		return nil
	}
	loc := start.Location()
	opt.Count = min(opt.Count, MaxRuleCount)
	base := wallClock(start)
	fillImplicit(&opt, base)
	if opt.Count == 0 {
		base = shiftNear(&opt, base, wallClock(from.In(loc)))
	}
	end := wallClock(to.In(loc)).AddDate(0, 0, 1) // a day of slack for zone offsets
	if end.Year() > 9999 {
		end = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	}
	cycles := (9999 - end.Year()) / 400 * 400
	if !opt.Until.IsZero() {
		if u := wallClock(opt.Until.In(loc)); u.Before(end) {
			end = u
		}
	}
	opt.Dtstart = base.AddDate(cycles, 0, 0)
	opt.Until = end.AddDate(cycles, 0, 0)
	if opt.Until.Before(opt.Dtstart) {
		return nil
	}
	r, err := rrule.NewRRule(opt)
	if err != nil {
		return nil
	}
	var out []time.Time
	next := r.Iterator()
	for t, ok := next(); ok; t, ok = next() {
		back := time.Date(t.Year()-cycles, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
		if !back.Before(to) {
			break
		}
		if back.Before(from) {
			continue
		}
		out = append(out, back)
		if len(out) == limit {
			break
		}
	}
	return out
}

// wallClock is t's wall-clock reading as a UTC time, free of daylight
// saving time.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

var weekdays = []rrule.Weekday{rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA}

// fillImplicit writes out the parts of a rule that RFC 5545 takes from
// DTSTART (the day of a monthly rule, the time of a daily one), so that
// the walk may start elsewhere. It mirrors rrule-go's buildRRule.
func fillImplicit(opt *rrule.ROption, dtstart time.Time) {
	if len(opt.Byweekno) == 0 && len(opt.Byyearday) == 0 && len(opt.Bymonthday) == 0 &&
		len(opt.Byweekday) == 0 && len(opt.Byeaster) == 0 {
		switch opt.Freq {
		case rrule.YEARLY:
			if len(opt.Bymonth) == 0 {
				opt.Bymonth = []int{int(dtstart.Month())}
			}
			opt.Bymonthday = []int{dtstart.Day()}
		case rrule.MONTHLY:
			opt.Bymonthday = []int{dtstart.Day()}
		case rrule.WEEKLY:
			opt.Byweekday = []rrule.Weekday{weekdays[dtstart.Weekday()]}
		}
	}
	if len(opt.Byhour) == 0 && opt.Freq < rrule.HOURLY {
		opt.Byhour = []int{dtstart.Hour()}
	}
	if len(opt.Byminute) == 0 && opt.Freq < rrule.MINUTELY {
		opt.Byminute = []int{dtstart.Minute()}
	}
	if len(opt.Bysecond) == 0 && opt.Freq < rrule.SECONDLY {
		opt.Bysecond = []int{dtstart.Second()}
	}
}

// shiftNear moves a rule's first start forward by whole intervals to at
// least one interval before from, at the start of its period (the first of
// a month or year) so no start of the window is lost.
func shiftNear(opt *rrule.ROption, base, from time.Time) time.Time {
	n := max(opt.Interval, 1)
	h, m, s := base.Clock()
	switch opt.Freq {
	case rrule.YEARLY:
		if k := (from.Year()-base.Year())/n - 1; k > 0 {
			return time.Date(base.Year()+k*n, 1, 1, h, m, s, 0, time.UTC)
		}
		return base
	case rrule.MONTHLY:
		months := (from.Year()-base.Year())*12 + int(from.Month()) - int(base.Month())
		if k := months/n - 1; k > 0 {
			return time.Date(base.Year(), base.Month()+time.Month(k*n), 1, h, m, s, 0, time.UTC)
		}
		return base
	}
	// The other frequencies move by whole days that are whole intervals:
	// 7n days for WEEKLY (keeping the week's alignment to WKST), n for
	// DAILY, and for HOURLY … SECONDLY the fewest days that hold a whole
	// number of intervals, so the time of day stays in phase.
	unit := map[rrule.Frequency]int{
		rrule.WEEKLY:   7 * n,
		rrule.DAILY:    n,
		rrule.HOURLY:   n / gcd(n, 24),
		rrule.MINUTELY: n / gcd(n, 24*60),
		rrule.SECONDLY: n / gcd(n, 24*60*60),
	}[opt.Freq]
	if unit == 0 {
		return base
	}
	days := int((from.Unix() - base.Unix()) / (24 * 60 * 60))
	if k := days/unit - 1; k > 0 {
		return base.AddDate(0, 0, k*unit)
	}
	return base
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
