package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	// The kiosk may run on a system without /usr/share/zoneinfo; embedding
	// the zone database keeps Swedish time right everywhere.
	_ "time/tzdata"
)

// Stockholm is the time zone of every time the kiosk shows: the kiosk is
// in Sweden and so are the events it lists, whatever the machine is set to.
var Stockholm = mustLoadLocation("Europe/Stockholm")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // cannot happen: time/tzdata is embedded
	}
	return loc
}

// Digits: every format here writes Western digits 0-9, in Arabic too.
// Readers match what the kiosk shows against Swedish phone numbers, street
// addresses, bus signs and letters, all written with Western digits, and
// Arabic-speaking media in Sweden use them as well. Numbers therefore go
// through strconv and text/template, never a locale digit table.
//
// Clock: 24-hour everywhere, as Swedish timetables and opening hours are.

// Date is "15 maj 2024", "15 травня 2024", "15 مايو 2024", "15 May 2024".
func (l *Localizer) Date(t time.Time) string {
	return l.T("format.date", l.dateParts(t.In(Stockholm)))
}

// DateWithWeekday is "onsdag 15 maj 2024", "середа, 15 травня 2024", …
func (l *Localizer) DateWithWeekday(t time.Time) string {
	return l.T("format.date_weekday", l.dateParts(t.In(Stockholm)))
}

// dateParts fills the placeholders of the date patterns. Month is the form
// used inside a date (Ukrainian genitive: "15 травня").
func (l *Localizer) dateParts(t time.Time) map[string]any {
	return map[string]any{
		"Day":     t.Day(),
		"Month":   l.T("format.month_in_date."+nameKey(t.Month()), nil),
		"Year":    t.Year(),
		"Weekday": l.Weekday(t.Weekday()),
	}
}

// Weekday is the full name as written inside a sentence ("onsdag").
func (l *Localizer) Weekday(d time.Weekday) string {
	return l.T("format.weekday."+nameKey(d), nil)
}

// WeekdayShort is the abbreviation for narrow places such as a week grid.
func (l *Localizer) WeekdayShort(d time.Weekday) string {
	return l.T("format.weekday_short."+nameKey(d), nil)
}

// Month is the standalone name, for headings such as a month calendar
// (Ukrainian nominative: "травень").
func (l *Localizer) Month(m time.Month) string {
	return l.T("format.month."+nameKey(m), nil)
}

// nameKey makes catalog keys from Go's English names ("may", "wednesday"),
// which translators can read; an out-of-range value gives a missing id,
// which T shows as the id.
func nameKey(v fmt.Stringer) string { return strings.ToLower(v.String()) }

// Time is the clock time in Stockholm, "13:00".
func (l *Localizer) Time(t time.Time) string {
	t = t.In(Stockholm)
	return l.T("format.time", map[string]any{
		"Hour":   fmt.Sprintf("%02d", t.Hour()),
		"Minute": fmt.Sprintf("%02d", t.Minute()),
	})
}

// DateTime is date and clock time, "15 maj 2024 kl. 13:00".
func (l *Localizer) DateTime(t time.Time) string {
	return l.T("format.datetime", map[string]any{"Date": l.Date(t), "Time": l.Time(t)})
}

// Number writes n with the language's thousands separator: "50 000" in
// Swedish and Ukrainian (no-break space U+00A0, which Noto Sans has, so
// the number never wraps), "50,000" in English and Arabic. Arabic uses
// "," rather than the Arabic separator "٬" because the digits are Western
// (see Digits above) and CLDR pairs Western digits in Arabic with ",".
// The separator is the catalog message format.number.group_separator.
func (l *Localizer) Number(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	sep := l.T("format.number.group_separator", nil)
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}
