package importer

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/motesplats/motesplats/internal/content"
)

// ICalOptions say how to read an iCalendar file.
type ICalOptions struct {
	// Lang is the language of the texts (iCalendar has one SUMMARY per
	// event, so one file per language).
	Lang content.Lang
	// Zone is the IANA zone of floating times when the calendar names
	// none (X-WR-TIMEZONE); "" is DefaultZone.
	Zone string
	// Place names where events without LOCATION or URL happen; "" leaves
	// such events out.
	Place string
}

// ICal imports the VEVENTs of an iCalendar file as events whose texts are
// in lang, with floating times in DefaultZone (see ICalWith).
func ICal(r io.Reader, lang content.Lang) (*content.Set, Report, error) {
	return ICalWith(r, ICalOptions{Lang: lang})
}

// ICalWith imports an iCalendar file (RFC 5545): every VCALENDAR in it, or
// bare VEVENTs. A record with a bad line or value is left out with a note
// naming the line; the rest come through. Changed and cancelled
// occurrences (RECURRENCE-ID), EXDATE and RDATE are kept with their series.
func ICalWith(r io.Reader, opt ICalOptions) (*content.Set, Report, error) {
	var rep Report
	if !opt.Lang.Known() {
		return nil, rep, fmt.Errorf("language %q is not one of sv, uk, ar, en", opt.Lang)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, rep, err
	}
	text, converted := decodeICal(data)
	if converted {
		rep.note("file", "is not UTF-8; read as Windows-1252 (Latin-1)")
	}
	file := parseICal(text)
	if len(file.Roots) == 0 {
		return nil, rep, fmt.Errorf("not an iCalendar file: no BEGIN:VCALENDAR or BEGIN:VEVENT")
	}
	for _, n := range file.Notes {
		rep.note("file", "%s", n)
	}
	fallback := opt.Zone
	if fallback == "" {
		fallback = DefaultZone
	}
	if _, err := content.LoadZone(fallback); err != nil {
		return nil, rep, fmt.Errorf("--zone %q is not a known time zone", opt.Zone)
	}
	im := &icalImport{opt: opt, rep: &rep, set: &content.Set{}, recs: records{}, seen: ids{}}
	var bare []*icalComp
	for _, root := range file.Roots {
		switch root.Name {
		case "VCALENDAR":
			im.calendar(root, root.children("VEVENT"), fallback)
		case "VEVENT":
			bare = append(bare, root)
		default:
			rep.note(fmt.Sprintf("%s at line %d", root.Name, root.Line), "is not a calendar; ignored")
		}
	}
	if len(bare) > 0 {
		rep.note("file", "has %d VEVENTs outside any VCALENDAR; read as one calendar", len(bare))
		im.calendar(&icalComp{Name: "VCALENDAR"}, bare, fallback)
	}
	finish(im.set, &rep, im.recs)
	return im.set, rep, nil
}

// decodeICal returns the text as UTF-8, converting Windows-1252 (a
// superset of Latin-1's letters) when the bytes are not UTF-8.
func decodeICal(data []byte) (string, bool) {
	data = []byte(strings.TrimPrefix(string(data), "\uFEFF"))
	if utf8.Valid(data) {
		return string(data), false
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD"), false
	}
	return string(out), true
}

type icalImport struct {
	opt  ICalOptions
	rep  *Report
	set  *content.Set
	recs records
	seen ids
	n    int // VEVENTs seen, for record names
}

// icalCalendar is what the VEVENTs of one VCALENDAR share.
type icalCalendar struct {
	zones    *zoneResolver
	floating *time.Location
}

func (im *icalImport) calendar(cal *icalComp, vevents []*icalComp, fallback string) {
	if cal.Bad != "" {
		im.rep.note(fmt.Sprintf("VCALENDAR at line %d", cal.Line), "%s; its VEVENTs are read one by one", cal.Bad)
	}
	z := &zoneResolver{defs: map[string]*icalComp{}}
	for _, tz := range cal.children("VTIMEZONE") {
		if tz.Bad == "" {
			z.defs[tz.value("TZID")] = tz
		}
	}
	c := icalCalendar{zones: z}
	floating := fallback
	if wr := cal.value("X-WR-TIMEZONE"); wr != "" {
		if loc, err := z.resolve(wr, time.Now().Year()); err == nil {
			floating = loc.String()
		} else {
			im.rep.note(fmt.Sprintf("VCALENDAR at line %d", cal.Line), "X-WR-TIMEZONE: %v; floating times are taken as %s", err, fallback)
		}
	}
	c.floating, _ = content.LoadZone(floating)
	z.prefer = []string{floating, fallback, DefaultZone}

	// A series and its changed occurrences share a UID; the changes
	// (RECURRENCE-ID) are read after their series.
	var masters []*icalComp
	names := map[*icalComp]string{}
	changes := map[string][]*icalComp{}
	for _, ve := range vevents {
		im.n++
		names[ve] = im.recordName(ve)
		uid := ve.value("UID")
		if ve.prop("RECURRENCE-ID") != nil && uid != "" {
			changes[uid] = append(changes[uid], ve)
		} else {
			masters = append(masters, ve)
		}
	}
	taken := map[string]bool{}
	for _, ve := range masters {
		uid := ve.value("UID")
		e, err := im.event(c, ve, names[ve])
		if err != nil {
			im.rep.skip(names[ve], "%v", err)
			continue
		}
		if !taken[uid] {
			for _, ch := range changes[uid] {
				im.override(c, &e, ch, names[ch])
			}
			taken[uid] = true
		}
		im.add(e, uid, names[ve])
	}
	for uid, chs := range changes {
		if taken[uid] {
			continue
		}
		for _, ch := range chs {
			im.rep.skip(names[ch], "changes one occurrence (RECURRENCE-ID) of a series that is not in the file")
		}
	}
}

func (im *icalImport) recordName(ve *icalComp) string {
	name := fmt.Sprintf("VEVENT %d", im.n)
	if uid := ve.value("UID"); uid != "" {
		name += fmt.Sprintf(" (UID %q, line %d)", uid, ve.Line)
	} else {
		name += fmt.Sprintf(" (line %d)", ve.Line)
	}
	return name
}

func (im *icalImport) add(e content.Event, uid, name string) {
	lang := im.opt.Lang
	base, raw := slug(uid), uid
	if uid == "" {
		base = truncateID(slug(e.Title[lang]), 53)
		if base != "" {
			base += "-"
		}
		base += e.Start.Format(time.DateOnly)
		raw = name + e.Title[lang]
	}
	e.ID = im.seen.take(base, raw)
	im.recs.set(content.KindEvent, e.ID, name)
	im.set.Events = append(im.set.Events, e)
}

// icalValue is a DATE or DATE-TIME read from a property.
type icalValue struct {
	t      time.Time
	allDay bool
	utc    bool
	loc    *time.Location // the zone it was given in (floating: the calendar's)
}

// readTime reads one DATE or DATE-TIME value of p (RFC 5545 §3.3.4–5):
// a date, a UTC time, a time with TZID, or a floating time.
func (c icalCalendar) readTime(p *icalProp, v string) (icalValue, error) {
	v = strings.TrimSpace(v)
	loc := c.floating
	if tzid := p.param("TZID"); tzid != "" && !strings.HasSuffix(v, "Z") {
		year, _ := strconv.Atoi(v[:min(4, len(v))])
		var err error
		if loc, err = c.zones.resolve(tzid, year); err != nil {
			return icalValue{}, fmt.Errorf("line %d: %s: %v", p.Line, p.Name, err)
		}
	}
	if strings.EqualFold(p.param("VALUE"), "DATE") || len(v) == 8 {
		t, err := time.ParseInLocation("20060102", v, loc)
		if err != nil {
			return icalValue{}, fmt.Errorf("line %d: %s: %q is not a date (YYYYMMDD)", p.Line, p.Name, v)
		}
		return icalValue{t: t, allDay: true, loc: loc}, nil
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse("20060102T150405Z", v)
		if err != nil {
			return icalValue{}, fmt.Errorf("line %d: %s: %q is not a UTC time (YYYYMMDDTHHMMSSZ)", p.Line, p.Name, v)
		}
		return icalValue{t: t, utc: true, loc: time.UTC}, nil
	}
	t, err := time.ParseInLocation("20060102T150405", v, loc)
	if err != nil {
		return icalValue{}, fmt.Errorf("line %d: %s: %q is not a time (YYYYMMDDTHHMMSS)", p.Line, p.Name, v)
	}
	return icalValue{t: t, loc: loc}, nil
}

func (im *icalImport) event(c icalCalendar, ve *icalComp, name string) (content.Event, error) {
	var e content.Event
	if ve.Bad != "" {
		return e, fmt.Errorf("%s", ve.Bad)
	}
	lang := im.opt.Lang
	if strings.EqualFold(ve.value("STATUS"), "CANCELLED") {
		e.Cancelled = true
		im.rep.note(name, "is cancelled (STATUS:CANCELLED): kept, shown as cancelled, with no dates")
	}
	e.Title = text(lang, cleanLine(unescapeText(ve.value("SUMMARY"))))
	if e.Title.Empty() {
		return e, fmt.Errorf("line %d: has no SUMMARY", ve.Line)
	}
	startProp := ve.prop("DTSTART")
	if startProp == nil {
		return e, fmt.Errorf("line %d: has no DTSTART", ve.Line)
	}
	start, err := c.readTime(startProp, startProp.Value)
	if err != nil {
		return e, err
	}
	rules := ve.props("RRULE")
	zone := start.loc
	if start.utc && len(rules) == 0 {
		zone = c.floating // shown in the calendar's zone; a UTC instant is the same anywhere
	}
	e.Start, e.AllDay, e.TimeZone = start.t.In(zone), start.allDay, zone.String()
	if err := im.end(c, ve, &e, start); err != nil {
		return e, err
	}
	if len(rules) > 0 {
		rule, err := normaliseRRule(rules[0].Value, zone)
		if err != nil {
			return e, fmt.Errorf("line %d: %v", rules[0].Line, err)
		}
		e.RRule = rule
		if len(rules) > 1 {
			im.rep.note(name, "has %d RRULEs; only the first (line %d) is kept", len(rules), rules[0].Line)
		}
	}
	if err := im.exceptions(c, ve, &e); err != nil {
		return e, err
	}

	e.Description = text(lang, cleanText(unescapeText(ve.value("DESCRIPTION"))))
	if org := ve.prop("ORGANIZER"); org != nil {
		e.Organiser = text(lang, cleanLine(org.param("CN")))
	}
	for _, p := range ve.props("CATEGORIES") {
		for _, cat := range strings.Split(p.Value, ",") {
			if cat = strings.ToLower(strings.TrimSpace(cat)); knownCategory(cat) && !contains(e.Categories, cat) {
				e.Categories = append(e.Categories, cat)
			}
		}
	}
	return e, im.where(ve, &e, name)
}

// end reads DTEND or DURATION; a date without either lasts its day.
func (im *icalImport) end(c icalCalendar, ve *icalComp, e *content.Event, start icalValue) error {
	loc := e.Start.Location()
	if p := ve.prop("DTEND"); p != nil {
		end, err := c.readTime(p, p.Value)
		if err != nil {
			return err
		}
		e.End = end.t.In(loc)
	} else if p := ve.prop("DURATION"); p != nil {
		dur, err := isoDuration(strings.TrimSpace(p.Value))
		if err != nil {
			return fmt.Errorf("line %d: DURATION: %v", p.Line, err)
		}
		e.End = e.Start.Add(dur)
		if start.allDay {
			e.End = e.Start.AddDate(0, 0, int(dur/(24*time.Hour)))
		}
	} else if start.allDay {
		e.End = e.Start.AddDate(0, 0, 1) // RFC 5545: a date without an end lasts the day
	}
	if !e.End.IsZero() && e.End.Before(e.Start) {
		return fmt.Errorf("DTEND %s is before DTSTART %s", e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
	}
	return nil
}

// exceptions reads EXDATE and RDATE: several lines, each a list, each
// with its own TZID and VALUE (DATE, DATE-TIME, or PERIOD for RDATE).
func (im *icalImport) exceptions(c icalCalendar, ve *icalComp, e *content.Event) error {
	for _, p := range ve.props("EXDATE") {
		for _, v := range strings.Split(p.Value, ",") {
			t, err := c.readTime(p, v)
			if err != nil {
				return err
			}
			e.ExDates = append(e.ExDates, t.t.In(e.Start.Location()))
		}
	}
	for _, p := range ve.props("RDATE") {
		for _, v := range strings.Split(p.Value, ",") {
			first, second, period := strings.Cut(v, "/")
			t, err := c.readTime(p, first)
			if err != nil {
				return err
			}
			rd := content.ExtraDate{Start: t.t.In(e.Start.Location())}
			if period {
				if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(second)), "P") {
					dur, err := isoDuration(strings.TrimSpace(second))
					if err != nil {
						return fmt.Errorf("line %d: RDATE period: %v", p.Line, err)
					}
					rd.End = rd.Start.Add(dur)
				} else {
					end, err := c.readTime(p, second)
					if err != nil {
						return err
					}
					rd.End = end.t.In(e.Start.Location())
				}
			}
			e.RDates = append(e.RDates, rd)
		}
	}
	return nil
}

// override reads a VEVENT with RECURRENCE-ID into a change of one
// occurrence of e: moved, retitled, relocated or cancelled. A bad one is
// left out with a note; the series stays.
func (im *icalImport) override(c icalCalendar, e *content.Event, ve *icalComp, name string) {
	if ve.Bad != "" {
		im.rep.skip(name, "%s", ve.Bad)
		return
	}
	p := ve.prop("RECURRENCE-ID")
	id, err := c.readTime(p, p.Value)
	if err != nil {
		im.rep.skip(name, "%v", err)
		return
	}
	o := content.Override{RecurrenceID: id.t.In(e.Start.Location())}
	if strings.EqualFold(ve.value("STATUS"), "CANCELLED") {
		o.Cancelled = true
	}
	if sp := ve.prop("DTSTART"); sp != nil {
		start, err := c.readTime(sp, sp.Value)
		if err != nil {
			im.rep.skip(name, "%v", err)
			return
		}
		if !start.t.Equal(o.RecurrenceID) {
			o.Start = start.t.In(e.Start.Location())
		}
		if ep := ve.prop("DTEND"); ep != nil {
			if end, err := c.readTime(ep, ep.Value); err == nil && !end.t.Before(start.t) {
				o.End = end.t.In(e.Start.Location())
			}
		}
	}
	lang := im.opt.Lang
	if title := cleanLine(unescapeText(ve.value("SUMMARY"))); title != "" && title != e.Title[lang] {
		o.Title = text(lang, title)
	}
	if loc := cleanLine(unescapeText(ve.value("LOCATION"))); loc != "" && (e.Place == nil || loc != e.Place.Name[lang]) {
		if u := webURL(loc); u != "" && !strings.ContainsAny(loc, " ,") {
			o.OnlineURL = u
		} else {
			o.Place = &content.Place{Name: text(lang, loc)}
		}
	}
	e.Overrides = append(e.Overrides, o)
}

// where reads LOCATION, URL and CONFERENCE into the place and link.
func (im *icalImport) where(ve *icalComp, e *content.Event, name string) error {
	lang := im.opt.Lang
	location := cleanLine(unescapeText(ve.value("LOCATION")))
	page := ve.value("URL")
	conference := ve.value("CONFERENCE")
	if u := webURL(location); u != "" && !strings.ContainsAny(location, " ,") {
		e.OnlineURL = u
	} else if location != "" {
		e.Place = &content.Place{Name: text(lang, location)}
		if g := ve.value("GEO"); g != "" {
			e.Place.Geo = icalGeo(g)
		} else if g, ok := strings.CutPrefix(ve.value("X-APPLE-STRUCTURED-LOCATION"), "geo:"); ok {
			e.Place.Geo = icalGeo(strings.Replace(g, ",", ";", 1)) // Apple writes a geo: URI
		}
	}
	if e.OnlineURL == "" {
		e.OnlineURL = webURL(conference)
	}
	if u := webURL(page); u != "" {
		if e.Place == nil && e.OnlineURL == "" {
			e.OnlineURL = u
			im.rep.note(name, "has no LOCATION; its URL is taken as the link to follow it online")
		} else if u != e.OnlineURL {
			e.Description = appendLine(e.Description, lang, u)
		}
	}
	if e.Place == nil && e.OnlineURL == "" && im.opt.Place != "" {
		e.Place = &content.Place{Name: text(lang, im.opt.Place)}
		im.rep.note(name, "has neither LOCATION nor URL; the place given with --place is used")
	}
	attendance, ok := content.AttendanceFor(e.Place != nil, e.OnlineURL != "")
	if !ok {
		return fmt.Errorf("has neither LOCATION nor URL: a reader would not know where it happens (give a place with --place)")
	}
	e.Attendance = attendance
	return nil
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
