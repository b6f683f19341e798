package importer

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/motesplats/motesplats/internal/content"
)

// windowsZones maps the Windows zone names Outlook writes as TZID to IANA
// zones with the same rules.
var windowsZones = map[string]string{
	"W. Europe Standard Time":        "Europe/Stockholm",
	"Central Europe Standard Time":   "Europe/Stockholm",
	"Central European Standard Time": "Europe/Stockholm",
	"Romance Standard Time":          "Europe/Stockholm",
	"FLE Standard Time":              "Europe/Kyiv",
	"GMT Standard Time":              "Europe/London",
	"UTC":                            "UTC",
}

// ICal imports the VEVENTs of an iCalendar file as events whose texts are
// in lang (iCalendar has one SUMMARY per event, so one file per language).
func ICal(r io.Reader, lang content.Lang) (*content.Set, Report, error) {
	var rep Report
	if !lang.Known() {
		return nil, rep, fmt.Errorf("language %q is not one of sv, uk, ar, en", lang)
	}
	cal, err := ics.ParseCalendar(r)
	if err != nil {
		return nil, rep, fmt.Errorf("not an iCalendar file: %v", err)
	}
	set := &content.Set{}
	recs := records{}
	seen := ids{}
	for i, ve := range cal.Events() {
		uid := propValue(ve.GetProperty(ics.ComponentPropertyUniqueId))
		name := fmt.Sprintf("VEVENT %d", i+1)
		if uid != "" {
			name += fmt.Sprintf(" (UID %q)", uid)
		}
		e, err := icalEvent(ve, lang, name, &rep)
		if err != nil {
			rep.skip(name, "%v", err)
			continue
		}
		base, raw := slug(uid), uid
		if uid == "" {
			base = truncateID(slug(e.Title[lang]), 53)
			if base != "" {
				base += "-"
			}
			base += e.Start.Format(time.DateOnly)
			raw = name + e.Title[lang]
		}
		e.ID = seen.take(base, raw)
		recs.set(content.KindEvent, e.ID, name)
		set.Events = append(set.Events, e)
	}
	finish(set, &rep, recs)
	return set, rep, nil
}

func propValue(p *ics.IANAProperty) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(p.Value)
}

func param(p *ics.IANAProperty, name string) string {
	if p == nil {
		return ""
	}
	if v := p.ICalParameters[name]; len(v) > 0 {
		return strings.Trim(v[0], `"`)
	}
	return ""
}

func icalEvent(ve *ics.VEvent, lang content.Lang, name string, rep *Report) (content.Event, error) {
	var e content.Event
	if strings.EqualFold(propValue(ve.GetProperty(ics.ComponentPropertyStatus)), "CANCELLED") {
		return e, fmt.Errorf("is cancelled")
	}
	if ve.GetProperty(ics.ComponentPropertyRecurrenceId) != nil {
		return e, fmt.Errorf("changes one occurrence of a recurring event (RECURRENCE-ID), which cannot be imported")
	}
	e.Title = text(lang, cleanLine(propValue(ve.GetProperty(ics.ComponentPropertySummary))))
	if e.Title.Empty() {
		return e, fmt.Errorf("has no SUMMARY")
	}
	startProp := ve.GetProperty(ics.ComponentPropertyDtStart)
	if startProp == nil {
		return e, fmt.Errorf("has no DTSTART")
	}
	start, allDay, loc, err := icalTime(startProp)
	if err != nil {
		return e, fmt.Errorf("DTSTART: %v", err)
	}
	e.Start, e.AllDay, e.TimeZone = start, allDay, loc.String()
	if endProp := ve.GetProperty(ics.ComponentPropertyDtEnd); endProp != nil {
		end, _, _, err := icalTime(endProp)
		if err != nil {
			return e, fmt.Errorf("DTEND: %v", err)
		}
		e.End = end.In(loc)
	} else if d := propValue(ve.GetProperty(ics.ComponentPropertyDuration)); d != "" {
		dur, err := isoDuration(d)
		if err != nil {
			return e, fmt.Errorf("DURATION: %v", err)
		}
		e.End = e.Start.Add(dur)
		if allDay {
			e.End = e.Start.AddDate(0, 0, int(dur/(24*time.Hour)))
		}
	} else if allDay {
		e.End = e.Start.AddDate(0, 0, 1) // RFC 5545: a date without an end lasts the day
	}
	if !e.End.IsZero() && e.End.Before(e.Start) {
		return e, fmt.Errorf("DTEND %s is before DTSTART %s", e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
	}

	rules := ve.GetProperties(ics.ComponentPropertyRrule)
	if len(rules) > 0 {
		rule, err := normaliseRRule(rules[0].Value, loc)
		if err != nil {
			return e, err
		}
		e.RRule = rule
		if len(rules) > 1 {
			rep.note(name, "has %d RRULEs; only the first is kept", len(rules))
		}
	}
	for _, p := range []ics.ComponentProperty{ics.ComponentPropertyExdate, ics.ComponentPropertyRdate} {
		if len(ve.GetProperties(p)) > 0 {
			rep.note(name, "%s is not kept: every occurrence of the RRULE is shown", p)
		}
	}

	e.Description = text(lang, cleanText(propValue(ve.GetProperty(ics.ComponentPropertyDescription))))
	if org := ve.GetProperty(ics.ComponentPropertyOrganizer); org != nil {
		e.Organiser = text(lang, cleanLine(param(org, "CN")))
	}
	for _, p := range ve.GetProperties(ics.ComponentPropertyCategories) {
		for _, c := range strings.Split(p.Value, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); knownCategory(c) && !contains(e.Categories, c) {
				e.Categories = append(e.Categories, c)
			}
		}
	}

	location := cleanLine(propValue(ve.GetProperty(ics.ComponentPropertyLocation)))
	page := propValue(ve.GetProperty(ics.ComponentPropertyUrl))
	conference := propValue(ve.GetProperty(ics.ComponentProperty("CONFERENCE")))
	if u := webURL(location); u != "" && !strings.ContainsAny(location, " ,") {
		e.OnlineURL = u
	} else if location != "" {
		e.Place = &content.Place{Name: text(lang, location)}
		if g := propValue(ve.GetProperty(ics.ComponentPropertyGeo)); g != "" {
			e.Place.Geo = icalGeo(g)
		}
	}
	if e.OnlineURL == "" {
		e.OnlineURL = webURL(conference)
	}
	if u := webURL(page); u != "" {
		if e.Place == nil && e.OnlineURL == "" {
			e.OnlineURL = u
			rep.note(name, "has no LOCATION; its URL is taken as the link to follow it online")
		} else if u != e.OnlineURL {
			e.Description = appendLine(e.Description, lang, u)
		}
	}
	attendance, ok := content.AttendanceFor(e.Place != nil, e.OnlineURL != "")
	if !ok {
		return e, fmt.Errorf("has neither LOCATION nor URL: a reader would not know where it happens")
	}
	e.Attendance = attendance
	return e, nil
}

func appendLine(t content.Text, lang content.Lang, line string) content.Text {
	if t == nil {
		t = content.Text{}
	}
	if t[lang] == "" {
		t[lang] = line
	} else {
		t[lang] += "\n\n" + line
	}
	return t
}

func knownCategory(c string) bool { return contains(content.Categories, c) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// icalTime reads a DTSTART or DTEND: a DATE (all day), a UTC time, a time
// with TZID, or a floating time (taken as Europe/Stockholm). It returns the
// time in its zone, whether it is a date, and the zone of the event.
func icalTime(p *ics.IANAProperty) (time.Time, bool, *time.Location, error) {
	v := strings.TrimSpace(p.Value)
	loc, err := content.LoadZone(DefaultZone)
	if err != nil {
		return time.Time{}, false, nil, err
	}
	if tzid := param(p, "TZID"); tzid != "" {
		name := strings.TrimPrefix(tzid, "/")
		if w, ok := windowsZones[name]; ok {
			name = w
		}
		if loc, err = content.LoadZone(name); err != nil {
			return time.Time{}, false, nil, fmt.Errorf("unknown time zone TZID=%s", tzid)
		}
	}
	if strings.EqualFold(param(p, "VALUE"), "DATE") || len(v) == 8 {
		t, err := time.ParseInLocation("20060102", v, loc)
		if err != nil {
			return t, false, nil, fmt.Errorf("%q is not a date (YYYYMMDD)", v)
		}
		return t, true, loc, nil
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse("20060102T150405Z", v)
		if err != nil {
			return t, false, nil, fmt.Errorf("%q is not a UTC time (YYYYMMDDTHHMMSSZ)", v)
		}
		// A UTC time is shown in the kiosk's zone, and a weekly UTC event
		// recurs at the same Stockholm wall-clock time.
		return t.In(loc), false, loc, nil
	}
	t, err := time.ParseInLocation("20060102T150405", v, loc)
	if err != nil {
		return t, false, nil, fmt.Errorf("%q is not a time (YYYYMMDDTHHMMSS)", v)
	}
	return t, false, loc, nil
}

var untilPattern = regexp.MustCompile(`(?i)UNTIL=(\d{8}(T\d{6})?Z?)`)

// normaliseRRule drops an "RRULE:" prefix (and any DTSTART line), writes
// a local UNTIL in UTC as RFC 5545 asks, and checks the rule.
func normaliseRRule(s string, loc *time.Location) (string, error) {
	rule := ""
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r", ""), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(strings.ToUpper(line), "DTSTART") {
			continue
		}
		rule = line
	}
	if len(rule) >= 6 && strings.EqualFold(rule[:6], "RRULE:") {
		rule = rule[6:]
	}
	rule = untilPattern.ReplaceAllStringFunc(rule, func(m string) string {
		v := m[len("UNTIL="):]
		if len(v) == 15 {
			if t, err := time.ParseInLocation("20060102T150405", v, loc); err == nil {
				return "UNTIL=" + t.UTC().Format("20060102T150405Z")
			}
		}
		return m
	})
	if rule == "" {
		return "", fmt.Errorf("RRULE is empty")
	}
	if _, err := content.ParseRRule(rule); err != nil {
		return "", fmt.Errorf("RRULE: %v", err)
	}
	return rule, nil
}

var durationPattern = regexp.MustCompile(`^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)

// isoDuration reads an RFC 5545 DURATION such as PT1H30M or P1D.
func isoDuration(s string) (time.Duration, error) {
	m := durationPattern.FindStringSubmatch(strings.ToUpper(s))
	if m == nil || s == "P" || s == "PT" {
		return 0, fmt.Errorf("%q is not a duration", s)
	}
	units := []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute, time.Second}
	var d time.Duration
	for i, u := range units {
		if m[i+2] != "" {
			n, _ := strconv.Atoi(m[i+2])
			d += time.Duration(n) * u
		}
	}
	if m[1] == "-" {
		d = -d
	}
	return d, nil
}

func icalGeo(s string) *content.Geo {
	lat, lon, ok := strings.Cut(s, ";")
	if !ok {
		return nil
	}
	var la, lo number
	if la.UnmarshalJSON([]byte(strings.TrimSpace(lat))) != nil || lo.UnmarshalJSON([]byte(strings.TrimSpace(lon))) != nil {
		return nil
	}
	return geo(la, lo)
}
