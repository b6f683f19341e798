// Package takeaway makes what a visitor can take with them without a
// network: an event as iCalendar text, a service as a contact card, and
// either (or a plain link) as a QR code a phone can scan from the screen.
// It knows nothing of screens.
package takeaway

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// Time zones: how the times are written, and why.
//
// An event that happens once has its times in UTC ("20240515T110000Z").
// Every importer reads a UTC time the same way: iOS's camera, Google and
// Apple Calendar, and the ZXing-based scanners of many Android phones,
// which ignore the TZID parameter and every VTIMEZONE and would take a
// zoned time as the phone's own local time. UTC is also the shortest form,
// and a short payload makes a QR code that is easier to scan.
//
// A recurrence rule is expanded in the zone of DTSTART, so a weekly 10:00
// written in UTC would move to 11:00 (or 09:00) when daylight saving time
// starts or ends. A recurring timed event is therefore written in UTC only
// when its rule ends and gives exactly the same instants in UTC as in its
// own zone (see utcKeepsWallClock); otherwise it has
// DTSTART;TZID=Europe/Stockholm and a VTIMEZONE. Calendars that ignore the
// VTIMEZONE know the IANA name or fall back to local time, which is right
// on a phone in Sweden. All-day events use dates, which have no zone.

// ProdID names the program that made the calendar (RFC 5545 §3.7.3).
const ProdID = "-//Motesplats//Motesplats//EN"

// QRBudget is the size the compact forms (EventICS, ServiceVCard) are
// trimmed to, in bytes: their description is shortened until the whole
// text fits (but see minDescription). 600 bytes make at most a version
// 20 code, 97 modules a side: shown 300 pixels or more that is about 3
// pixels a module, which a phone reads from a kiosk screen at arm's
// length. (800 bytes made version 23, and codes too dense to read well
// at the size a detail page has room for.)
const QRBudget = 600

// Errors for content that cannot become a calendar.
var (
	ErrNoEvents   = errors.New("takeaway: no events to export")
	ErrIncomplete = errors.New("takeaway: the event has no id or no start")
)

// EventICS returns a whole iCalendar object holding one event, for a QR
// code: its texts are in lang (with the one fallback rule of
// content.Text) and its description is trimmed so that the object fits
// QRBudget. now is the DTSTAMP, the time the object was made.
// For a file, use EventsICS, which keeps descriptions whole.
func EventICS(e content.Event, lang content.Lang, now time.Time) ([]byte, error) {
	if err := complete(e); err != nil {
		return nil, err
	}
	return fitText(eventDescription(e, lang), func(desc string) []byte {
		cal := newCalendar(lang, now)
		cal.add(e, desc)
		return cal.bytes()
	}), nil
}

// minDescription is as far as EventICS and ServiceVCard trim a description
// (in bytes, about a sentence) even when the object stays over QRBudget:
// an event repeating for ever carries a VTIMEZONE of about 330 bytes, and
// a code that says nothing of what the event is helps no one.
const minDescription = 100

// fitText returns build(text) with text trimmed (by trimText) to the
// longest cut that keeps the result within QRBudget, but no shorter than
// minDescription.
func fitText(text string, build func(string) []byte) []byte {
	out := build(text)
	if len(out) <= QRBudget || len(text) <= minDescription {
		return out
	}
	// Escapes and folding make the written text longer than the text by
	// a ratio that stays about the same when the text is cut, so the
	// first cut lands close; each further round cuts what is still over.
	base := len(build(""))
	ratio := float64(len(out)-base) / float64(len(text))
	limit := int(float64(QRBudget-base) / ratio)
	for {
		limit = max(limit, minDescription)
		out = build(trimText(text, limit))
		over := len(out) - QRBudget
		if over <= 0 || limit == minDescription {
			return out
		}
		limit -= int(float64(over)/ratio) + 1
	}
}

// EventsICS returns one iCalendar object holding every event, for the
// desktop's "Export to calendar": texts in lang, descriptions whole, and
// one VTIMEZONE for each zone the recurring events use.
func EventsICS(events []content.Event, lang content.Lang, now time.Time) ([]byte, error) {
	if len(events) == 0 {
		return nil, ErrNoEvents // RFC 5545 wants at least one component
	}
	cal := newCalendar(lang, now)
	for _, e := range events {
		if err := complete(e); err != nil {
			return nil, err
		}
		cal.add(e, eventDescription(e, lang))
	}
	return cal.bytes(), nil
}

// complete checks what a VEVENT cannot be without: the UID comes from the
// id, and DTSTART from the start. Validated content always has both.
func complete(e content.Event) error {
	if e.ID == "" || e.Start.IsZero() {
		return fmt.Errorf("%w (%q)", ErrIncomplete, e.ID)
	}
	return nil
}

// calendar builds a VCALENDAR: the zones are written before the events,
// as RFC 5545 asks, so the events are kept apart until the end.
type calendar struct {
	lang   content.Lang
	stamp  string
	zones  map[string][]string // TZID → VTIMEZONE lines
	order  []string            // TZIDs in the order first used
	events lines
}

func newCalendar(lang content.Lang, now time.Time) *calendar {
	return &calendar{lang: lang, stamp: utcStamp(now), zones: map[string][]string{}}
}

// add appends one VEVENT with the description desc.
func (c *calendar) add(e content.Event, desc string) {
	l := &c.events
	l.add("BEGIN:VEVENT")
	l.add("UID:" + e.ID + "@motesplats")
	l.add("DTSTAMP:" + c.stamp)
	c.times(e)
	c.localText("SUMMARY", e.Title)
	l.text(c.langParam("DESCRIPTION", e.Description), desc)
	if loc, lang := eventLocation(e, c.lang); loc != "" {
		l.text(withLang("LOCATION", lang), loc)
	}
	if e.Place != nil && e.Place.Geo != nil {
		l.add("GEO:" + coordinate(e.Place.Geo.Lat) + ";" + coordinate(e.Place.Geo.Lon))
	}
	if e.OnlineURL != "" {
		l.add("URL:" + e.OnlineURL)
	}
	l.add("END:VEVENT")
	c.overrides(e)
}

// overrides appends one VEVENT per changed occurrence, with the series'
// UID and the RECURRENCE-ID of the start it replaces (RFC 5545 §3.8.4.4).
func (c *calendar) overrides(e content.Event) {
	loc, err := content.LoadZone(e.TimeZone)
	if err != nil || e.TimeZone == "" {
		loc = time.UTC
	}
	f := c.timeForm(e, loc)
	for i := range e.Overrides {
		o := &e.Overrides[i]
		if o.Cancelled {
			continue // an EXDATE of the series
		}
		in := e.InstanceOf(o)
		at := in.Apply(e)
		l := &c.events
		l.add("BEGIN:VEVENT")
		l.add("UID:" + e.ID + "@motesplats")
		l.add("DTSTAMP:" + c.stamp)
		l.add(f.value("RECURRENCE-ID", o.RecurrenceID))
		l.add(f.value("DTSTART", in.Start))
		if !in.End.IsZero() && !f.allDay {
			l.add(f.value("DTEND", in.End))
		}
		c.localText("SUMMARY", at.Title)
		if place, lang := eventLocation(at, c.lang); place != "" {
			l.text(withLang("LOCATION", lang), place)
		}
		if at.OnlineURL != "" {
			l.add("URL:" + at.OnlineURL)
		}
		l.add("END:VEVENT")
	}
}

// localText appends a text property in the reader's language, naming the
// language it is actually in.
func (c *calendar) localText(name string, t content.Text) {
	s, lang := t.In(c.lang)
	c.events.text(withLang(name, lang), s)
}

// langParam is name with the LANGUAGE parameter of the language t is
// shown in.
func (c *calendar) langParam(name string, t content.Text) string {
	_, lang := t.In(c.lang)
	return withLang(name, lang)
}

func withLang(name string, lang content.Lang) string {
	if lang == "" {
		return name
	}
	return name + ";LANGUAGE=" + paramValue(string(lang))
}

// bytes closes the calendar and returns it.
func (c *calendar) bytes() []byte {
	var l lines
	l.add("BEGIN:VCALENDAR")
	l.add("VERSION:2.0")
	l.add("PRODID:" + ProdID)
	for _, id := range c.order {
		for _, line := range c.zones[id] {
			l.add(line)
		}
	}
	l.buf.Write(c.events.bytes())
	l.add("END:VCALENDAR")
	return l.bytes()
}

// eventDescription is the description in lang, followed by where to follow
// the event online when that is only told in words.
func eventDescription(e content.Event, lang content.Lang) string {
	desc := e.Description.String(lang)
	info := e.OnlineInfo.String(lang)
	if info == "" || e.Place == nil {
		// Without a place the online info is the LOCATION.
		return desc
	}
	if desc == "" {
		return info
	}
	return desc + "\n\n" + info
}

// eventLocation is where the event happens: the place's name and address,
// else the online link, else the words that say where to follow it. It
// also returns the language of the text, or "" when it is not text in a
// language (a link, an address).
func eventLocation(e content.Event, lang content.Lang) (string, content.Lang) {
	if e.Place != nil {
		name, l := e.Place.Name.In(lang)
		parts := []string{name}
		if a := e.Place.Address; !a.Empty() {
			parts = append(parts, a.Street, strings.TrimSpace(a.PostalCode+" "+a.City))
		}
		if s := joinNonEmpty(parts, ", "); s != "" {
			if name == "" {
				l = ""
			}
			return s, l
		}
	}
	if e.OnlineURL != "" {
		return e.OnlineURL, ""
	}
	return e.OnlineInfo.In(lang)
}

func joinNonEmpty(parts []string, sep string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
