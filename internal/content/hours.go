package content

import "time"

// weekdayKey is the key of OpeningHours.Weekly for a weekday.
var weekdayKey = [7]string{
	time.Sunday: "sun", time.Monday: "mon", time.Tuesday: "tue", time.Wednesday: "wed",
	time.Thursday: "thu", time.Friday: "fri", time.Saturday: "sat",
}

// WeekdayKey returns the key of OpeningHours.Weekly for d ("mon" … "sun").
func WeekdayKey(d time.Weekday) string { return weekdayKey[d] }

// On returns the opening times of the calendar day of day (a wall-clock
// time in the service's zone): the exception for that date when there is
// one, else the weekly slots of its weekday. A closed day has no slots.
// The exception is returned too, so a screen can show its note.
func (h *OpeningHours) On(day time.Time) ([]TimeSlot, *HoursException) {
	if h == nil {
		return nil, nil
	}
	date := day.Format(time.DateOnly)
	for i := range h.Exceptions {
		if ex := &h.Exceptions[i]; ex.Date == date {
			if ex.Closed {
				return nil, ex
			}
			return ex.Slots, ex
		}
	}
	return h.Weekly[WeekdayKey(day.Weekday())], nil
}

// OpenAt reports whether the service is open at t. The hours are wall-clock
// times in loc (the service's zone, so they follow daylight saving time);
// nil loc means t's own location. known is false when the hours are not
// known (nil), and open is then false too: the screen says "ask them"
// rather than "closed".
//
// A slot includes its opening minute and excludes its closing one, and
// "24:00" closes at the end of the day. Slots never cross midnight (the
// validator requires closes after opens), so a day is looked at alone.
func (h *OpeningHours) OpenAt(t time.Time, loc *time.Location) (open bool, known bool) {
	if h == nil {
		return false, false
	}
	if h.AlwaysOpen {
		return true, true
	}
	if loc != nil {
		t = t.In(loc)
	}
	slots, _ := h.On(t)
	// "HH:MM" strings compare in time order, and "24:00" after every
	// minute of the day.
	now := t.Format("15:04")
	for _, s := range slots {
		if s.Opens <= now && now < s.Closes {
			return true, true
		}
	}
	return false, true
}
