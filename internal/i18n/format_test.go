package i18n

import (
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

func catalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sthlm(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, Stockholm)
}

func TestDateTimeFormats(t *testing.T) {
	c := catalog(t)
	wed := sthlm(2024, time.May, 15, 13, 0)
	// 23:30 UTC on 14 May is already 15 May in Stockholm.
	lateUTC := time.Date(2024, time.May, 14, 23, 30, 0, 0, time.UTC)
	// Spring forward 2024-03-31: 00:59:59 UTC is 01:59:59 CET, one
	// second later it is 03:00 CEST.
	beforeDST := time.Date(2024, time.March, 31, 0, 59, 0, 0, time.UTC)
	afterDST := time.Date(2024, time.March, 31, 1, 0, 0, 0, time.UTC)
	// Fall back 2024-10-27: 02:30 happens twice, first in CEST.
	firstHalfPast2 := time.Date(2024, time.October, 27, 0, 30, 0, 0, time.UTC)
	secondHalfPast2 := time.Date(2024, time.October, 27, 1, 30, 0, 0, time.UTC)

	tests := []struct {
		lang content.Lang
		name string
		got  func(*Localizer) string
		want string
	}{
		{content.Swedish, "Date", func(l *Localizer) string { return l.Date(wed) }, "15 maj 2024"},
		{content.Ukrainian, "Date", func(l *Localizer) string { return l.Date(wed) }, "15 травня 2024"},
		{content.Arabic, "Date", func(l *Localizer) string { return l.Date(wed) }, "15 مايو 2024"},
		{content.English, "Date", func(l *Localizer) string { return l.Date(wed) }, "15 May 2024"},

		{content.Swedish, "DateWithWeekday", func(l *Localizer) string { return l.DateWithWeekday(wed) }, "onsdag 15 maj 2024"},
		{content.Ukrainian, "DateWithWeekday", func(l *Localizer) string { return l.DateWithWeekday(wed) }, "середа, 15 травня 2024"},
		{content.Arabic, "DateWithWeekday", func(l *Localizer) string { return l.DateWithWeekday(wed) }, "الأربعاء، 15 مايو 2024"},
		{content.English, "DateWithWeekday", func(l *Localizer) string { return l.DateWithWeekday(wed) }, "Wednesday 15 May 2024"},

		{content.Swedish, "DateTime", func(l *Localizer) string { return l.DateTime(wed) }, "15 maj 2024 kl. 13:00"},
		{content.Ukrainian, "DateTime", func(l *Localizer) string { return l.DateTime(wed) }, "15 травня 2024, 13:00"},
		{content.Arabic, "DateTime", func(l *Localizer) string { return l.DateTime(wed) }, "15 مايو 2024 الساعة 13:00"},
		{content.English, "DateTime", func(l *Localizer) string { return l.DateTime(wed) }, "15 May 2024 at 13:00"},

		{content.Swedish, "UTC input", func(l *Localizer) string { return l.DateTime(lateUTC) }, "15 maj 2024 kl. 01:30"},
		{content.Arabic, "Time", func(l *Localizer) string { return l.Time(sthlm(2024, 1, 2, 7, 5)) }, "07:05"},
		{content.Swedish, "before DST", func(l *Localizer) string { return l.DateTime(beforeDST) }, "31 mars 2024 kl. 01:59"},
		{content.Swedish, "after DST", func(l *Localizer) string { return l.DateTime(afterDST) }, "31 mars 2024 kl. 03:00"},
		{content.English, "fall back CEST", func(l *Localizer) string { return l.DateTime(firstHalfPast2) }, "27 October 2024 at 02:30"},
		{content.English, "fall back CET", func(l *Localizer) string { return l.DateTime(secondHalfPast2) }, "27 October 2024 at 02:30"},

		{content.Swedish, "Month", func(l *Localizer) string { return l.Month(time.May) }, "maj"},
		{content.Ukrainian, "Month", func(l *Localizer) string { return l.Month(time.May) }, "травень"},
		{content.Ukrainian, "Month in date", func(l *Localizer) string { return l.Date(sthlm(2024, 12, 1, 0, 0)) }, "1 грудня 2024"},
		{content.Arabic, "Month", func(l *Localizer) string { return l.Month(time.August) }, "أغسطس"},
		{content.English, "Month", func(l *Localizer) string { return l.Month(time.May) }, "May"},

		{content.Swedish, "Weekday", func(l *Localizer) string { return l.Weekday(time.Sunday) }, "söndag"},
		{content.Ukrainian, "Weekday", func(l *Localizer) string { return l.Weekday(time.Friday) }, "пʼятниця"},
		{content.Arabic, "Weekday", func(l *Localizer) string { return l.Weekday(time.Friday) }, "الجمعة"},
		{content.English, "WeekdayShort", func(l *Localizer) string { return l.WeekdayShort(time.Thursday) }, "Thu"},
		{content.Swedish, "WeekdayShort", func(l *Localizer) string { return l.WeekdayShort(time.Thursday) }, "tors"},
		{content.Ukrainian, "WeekdayShort", func(l *Localizer) string { return l.WeekdayShort(time.Sunday) }, "нд"},
	}
	for _, tt := range tests {
		if got := tt.got(c.For(tt.lang)); got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.lang, tt.name, got, tt.want)
		}
	}
}

// Every month and weekday has a name in every language, distinct from
// the others, so no key was mistyped.
func TestAllNames(t *testing.T) {
	c := catalog(t)
	for _, lang := range content.Languages {
		l := c.For(lang)
		seen := map[string]bool{}
		for m := time.January; m <= time.December; m++ {
			for _, s := range []string{l.Month(m), l.T("format.month_in_date."+nameKey(m), nil)} {
				if s == "" || s[:min(7, len(s))] == "format." {
					t.Errorf("%s month %v = %q", lang, m, s)
				}
			}
			seen[l.Month(m)] = true
		}
		for d := time.Sunday; d <= time.Saturday; d++ {
			seen[l.Weekday(d)+"/"] = true
			seen[l.WeekdayShort(d)+"//"] = true
		}
		if len(seen) != 12+7+7 {
			t.Errorf("%s: month or weekday names repeat or are missing: %d distinct", lang, len(seen))
		}
	}
}

func TestRelative(t *testing.T) {
	c := catalog(t)
	now := sthlm(2024, time.May, 15, 10, 0) // Wednesday
	min, hour := time.Minute, time.Hour
	tests := []struct {
		lang content.Lang
		t    time.Time
		want string
	}{
		{content.Swedish, now.Add(30 * time.Second), "just nu"},
		{content.Swedish, now.Add(-59 * time.Second), "just nu"},
		{content.Swedish, now.Add(min), "om 1 minut"},
		{content.Swedish, now.Add(-2 * min), "för 2 minuter sedan"},
		{content.Swedish, now.Add(59*min + 59*time.Second), "om 59 minuter"},
		{content.Swedish, now.Add(-3 * hour), "för 3 timmar sedan"},
		{content.Swedish, now.Add(hour), "om 1 timme"},
		{content.Swedish, now.Add(8 * hour), "i dag"},
		{content.Swedish, now.Add(-8 * hour), "i dag"},
		{content.Swedish, now.Add(-11 * hour), "i går"},
		{content.Swedish, sthlm(2024, time.May, 16, 9, 0), "i morgon"},
		{content.Swedish, sthlm(2024, time.May, 17, 9, 0), "om 2 dagar"},
		{content.Swedish, sthlm(2024, time.May, 12, 9, 0), "för 3 dagar sedan"},
		{content.Swedish, sthlm(2024, time.May, 22, 9, 0), "om 1 vecka"},
		{content.Swedish, sthlm(2024, time.June, 14, 9, 0), "om 4 veckor"},
		{content.Swedish, sthlm(2024, time.June, 15, 9, 0), "om 1 månad"},
		{content.Swedish, sthlm(2024, time.March, 1, 9, 0), "för 2 månader sedan"},
		{content.Swedish, sthlm(2025, time.May, 15, 9, 0), "om 1 år"},
		{content.Swedish, sthlm(2021, time.May, 14, 9, 0), "för 3 år sedan"},

		{content.English, now.Add(10 * time.Second), "now"},
		{content.English, now.Add(min), "in 1 minute"},
		{content.English, now.Add(-5 * hour), "5 hours ago"},
		{content.English, sthlm(2024, time.May, 14, 12, 0), "yesterday"},
		{content.English, sthlm(2024, time.May, 25, 12, 0), "in 1 week"},

		// Ukrainian forms: one 1, 21; few 2, 22; many 5, 11.
		{content.Ukrainian, now.Add(1 * min), "через 1 хвилину"},
		{content.Ukrainian, now.Add(2 * min), "через 2 хвилини"},
		{content.Ukrainian, now.Add(5 * min), "через 5 хвилин"},
		{content.Ukrainian, now.Add(11 * min), "через 11 хвилин"},
		{content.Ukrainian, now.Add(21 * min), "через 21 хвилину"},
		{content.Ukrainian, now.Add(22 * min), "через 22 хвилини"},
		{content.Ukrainian, now.Add(-1 * min), "1 хвилину тому"},
		{content.Ukrainian, now.Add(-22 * min), "22 хвилини тому"},
		{content.Ukrainian, sthlm(2024, time.May, 20, 9, 0), "через 5 днів"},
		{content.Ukrainian, sthlm(2003, time.May, 1, 9, 0), "21 рік тому"},
		{content.Ukrainian, sthlm(2046, time.June, 1, 9, 0), "через 22 роки"},
		{content.Ukrainian, now, "зараз"},

		// Arabic forms: one 1, two 2, few 3, many 11, other 100.
		{content.Arabic, now.Add(1 * min), "خلال دقيقة واحدة"},
		{content.Arabic, now.Add(2 * min), "خلال دقيقتين"},
		{content.Arabic, now.Add(3 * min), "خلال 3 دقائق"},
		{content.Arabic, now.Add(11 * min), "خلال 11 دقيقة"},
		{content.Arabic, now.Add(-2 * hour), "قبل ساعتين"},
		{content.Arabic, sthlm(2024, time.May, 20, 9, 0), "خلال 5 أيام"},
		{content.Arabic, sthlm(2035, time.May, 20, 9, 0), "خلال 11 سنة"},
		{content.Arabic, sthlm(1924, time.May, 1, 9, 0), "قبل 100 سنة"},
		{content.Arabic, sthlm(2024, time.May, 16, 9, 0), "غدًا"},
	}
	for _, tt := range tests {
		if got := c.For(tt.lang).Relative(now, tt.t); got != tt.want {
			t.Errorf("%s Relative(%v) = %q, want %q", tt.lang, tt.t.Sub(now), got, tt.want)
		}
	}
}

// Across the spring DST change, 30 March 12:00 to 31 March 12:00 is only
// 23 hours but one calendar day: still "tomorrow".
func TestRelativeAcrossDST(t *testing.T) {
	l := catalog(t).For(content.English)
	now := sthlm(2024, time.March, 30, 12, 0)
	for _, tt := range []struct {
		t    time.Time
		want string
	}{
		{sthlm(2024, time.March, 31, 12, 0), "tomorrow"},
		{sthlm(2024, time.April, 1, 0, 30), "in 2 days"},
		{sthlm(2024, time.March, 31, 4, 0), "tomorrow"}, // 16 wall hours, 15 real
		{sthlm(2024, time.March, 30, 17, 59), "in 5 hours"},
	} {
		if got := l.Relative(now, tt.t); got != tt.want {
			t.Errorf("Relative(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

// The zero form is never reached by Relative but must still read well.
func TestPluralZero(t *testing.T) {
	c := catalog(t)
	for lang, want := range map[content.Lang]string{
		content.Arabic:    "خلال 0 دقيقة",
		content.Ukrainian: "через 0 хвилин",
		content.Swedish:   "om 0 minuter",
		content.English:   "in 0 minutes",
	} {
		if got := c.For(lang).N("format.relative.minutes_future", 0, nil); got != want {
			t.Errorf("%s N(0) = %q, want %q", lang, got, want)
		}
	}
}

func TestNumber(t *testing.T) {
	c := catalog(t)
	const nbsp = "\u00a0"
	tests := []struct {
		lang content.Lang
		n    int
		want string
	}{
		{content.Swedish, 50000, "50" + nbsp + "000"},
		{content.Swedish, 1234567, "1" + nbsp + "234" + nbsp + "567"},
		{content.Swedish, 999, "999"},
		{content.Swedish, 0, "0"},
		{content.Swedish, -1500, "-1" + nbsp + "500"},
		{content.Ukrainian, 50000, "50" + nbsp + "000"},
		{content.English, 50000, "50,000"},
		{content.English, 1000, "1,000"},
		{content.English, 100000, "100,000"},
		{content.Arabic, 50000, "50,000"},
		{content.Arabic, 1234567, "1,234,567"},
	}
	for _, tt := range tests {
		if got := c.For(tt.lang).Number(tt.n); got != tt.want {
			t.Errorf("%s Number(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}
