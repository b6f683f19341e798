package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// ImportedTopic is the topic Integreat pages are filed under; Integreat
// imports create it.
var ImportedTopic = content.Topic{
	ID: "imported",
	Title: content.Text{
		content.Swedish:   "Importerad information",
		content.Ukrainian: "Імпортована інформація",
		content.Arabic:    "معلومات مستوردة",
		content.English:   "Imported information",
	},
}

var temporarilyClosed = content.Text{
	content.Swedish:   "Tillfälligt stängt",
	content.Ukrainian: "Тимчасово зачинено",
	content.Arabic:    "مغلق مؤقتًا",
	content.English:   "Temporarily closed",
}

// The shapes of the Integreat CMS API v3 (/api/v3/<region>/<lang>/pages/,
// /events/?combine_recurring=True, /locations/).

type igLink struct {
	ID   *int64 `json:"id"`
	Path string `json:"path"`
}

type igCommon struct {
	ID                 int64             `json:"id"`
	URL                string            `json:"url"`
	Path               string            `json:"path"`
	Title              string            `json:"title"`
	Content            string            `json:"content"`
	LastUpdated        string            `json:"last_updated"`
	AvailableLanguages map[string]igLink `json:"available_languages"`
}

// common gives the fields every Integreat record has; igPage, igEvent and
// igLocation embed igCommon and so share it.
func (c igCommon) common() igCommon { return c }

// translations collects the title and the text (HTML as Markdown or as
// plain text) of every translation of one item; text is nil when no
// translation has any.
func translations[T interface{ common() igCommon }](g []igRecord[T], markdown bool) (title, text content.Text) {
	title = content.Text{}
	for _, r := range g {
		c, lang := r.item.common(), content.Lang(r.lang)
		if t := cleanLine(c.Title); t != "" {
			title[lang] = t
		}
		if d := htmlToText(c.Content, c.URL, markdown); d != "" {
			if text == nil {
				text = content.Text{}
			}
			text[lang] = d
		}
	}
	return title, text
}

type igPage struct {
	igCommon
	Order int `json:"order"`
}

type igPOI struct {
	ID        *int64 `json:"id"`
	Name      string `json:"name"`
	Address   string `json:"address"`
	Town      string `json:"town"`
	Postcode  string `json:"postcode"`
	Latitude  number `json:"latitude"`
	Longitude number `json:"longitude"`
}

type igEvent struct {
	igCommon
	Location       *igPOI `json:"location"`
	MeetingURL     string `json:"meeting_url"`
	RecurrenceRule string `json:"recurrence_rule"`
	Event          struct {
		Start          string `json:"start"`
		End            string `json:"end"`
		AllDay         bool   `json:"all_day"`
		StartDate      string `json:"start_date"`
		EndDate        string `json:"end_date"`
		Timezone       string `json:"timezone"`
		RecurrenceRule string `json:"recurrence_rule"`
	} `json:"event"`
}

type igDay struct {
	AllDay    bool     `json:"allDay"`
	Closed    bool     `json:"closed"`
	TimeSlots []igSlot `json:"timeSlots"`
}

type igSlot struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type igLocation struct {
	igCommon
	Website           string  `json:"website"`
	Email             string  `json:"email"`
	PhoneNumber       string  `json:"phone_number"`
	TemporarilyClosed bool    `json:"temporarily_closed"`
	OpeningHours      []igDay `json:"opening_hours"`
	Location          igPOI   `json:"location"`
}

// igRecord is one record of one language file.
type igRecord[T any] struct {
	lang string
	name string // "sv/pages.json[3] (id 12)"
	id   int64
	path string
	item T
}

// Integreat imports a dump of the Integreat CMS API: a folder with one
// sub-folder per language code, each holding any of pages.json,
// events.json (fetched with ?combine_recurring=True) and locations.json,
// the JSON arrays the API returns. Translations linked through
// available_languages become one item with every language; only sv, uk,
// ar and en are kept. Pages become articles in the topic "imported",
// events become events and locations become services.
func Integreat(dir string) (*content.Set, Report, error) {
	var rep Report
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, rep, err
	}
	var langs []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			langs = append(langs, e.Name())
		}
	}
	if len(langs) == 0 {
		return nil, rep, fmt.Errorf("%s has no language folders (such as sv/ or en/)", dir)
	}
	pages, err := igRead[igPage](dir, langs, "pages.json", func(p igPage) igCommon { return p.igCommon }, &rep)
	if err != nil {
		return nil, rep, err
	}
	events, err := igRead[igEvent](dir, langs, "events.json", func(e igEvent) igCommon { return e.igCommon }, &rep)
	if err != nil {
		return nil, rep, err
	}
	locations, err := igRead[igLocation](dir, langs, "locations.json", func(l igLocation) igCommon { return l.igCommon }, &rep)
	if err != nil {
		return nil, rep, err
	}
	for _, l := range langs {
		if !content.Lang(l).Known() {
			rep.note(l+"/", "language %q is not kept (only sv, uk, ar, en); its texts are left out", l)
		}
	}

	set := &content.Set{}
	recs := records{}
	var munis municipalities
	for _, g := range igGroups(pages, func(p igPage) igCommon { return p.igCommon }, &rep) {
		if a, ok := igArticle(g, &rep); ok {
			recs.set(content.KindArticle, a.ID, g[0].name)
			set.Articles = append(set.Articles, a)
		}
	}
	for _, g := range igGroups(events, func(e igEvent) igCommon { return e.igCommon }, &rep) {
		if e, ok := igEventItem(g, &rep); ok {
			recs.set(content.KindEvent, e.ID, g[0].name)
			set.Events = append(set.Events, e)
		}
	}
	for _, g := range igGroups(locations, func(l igLocation) igCommon { return l.igCommon }, &rep) {
		if s, ok := igService(g, &rep, &munis); ok {
			recs.set(content.KindService, s.ID, g[0].name)
			set.Services = append(set.Services, s)
		}
	}
	if len(set.Articles) > 0 {
		set.Topics = []content.Topic{ImportedTopic}
	}
	set.Municipalities = munis.list()
	finish(set, &rep, recs)
	if len(set.Articles) == 0 {
		set.Topics = nil
	}
	return set, rep, nil
}

// igRead reads one kind of file from every language folder. A missing
// file is fine; a file that is not a JSON array is an error; a record
// that does not decode is reported and skipped.
func igRead[T any](dir string, langs []string, file string, common func(T) igCommon, rep *Report) ([]igRecord[T], error) {
	var out []igRecord[T]
	for _, lang := range langs {
		p := filepath.Join(dir, lang, file)
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var raws []json.RawMessage
		if err := json.Unmarshal(data, &raws); err != nil {
			return nil, fmt.Errorf("%s: not an Integreat API list: %v", p, err)
		}
		seen := map[int64]bool{}
		for i, raw := range raws {
			name := fmt.Sprintf("%s/%s[%d]", lang, file, i)
			var item T
			if err := json.Unmarshal(raw, &item); err != nil {
				rep.skip(name, "%s", jsonErr(err))
				continue
			}
			c := common(item)
			name += fmt.Sprintf(" (id %d)", c.ID)
			if seen[c.ID] {
				// The events endpoint repeats a recurring event once per
				// date unless asked with ?combine_recurring=True.
				rep.note(name, "repeats id %d; only the first is kept", c.ID)
				continue
			}
			seen[c.ID] = true
			out = append(out, igRecord[T]{lang: lang, name: name, id: c.ID, path: igPath(c.Path), item: item})
		}
	}
	return out, nil
}

var recurrenceSuffix = regexp.MustCompile(`\$\d{4}-\d{2}-\d{2}`)

// igPath normalises a path so a link without an id can find its record.
func igPath(p string) string {
	return strings.TrimSuffix(recurrenceSuffix.ReplaceAllString(p, ""), "/")
}

// igGroups links translations: records connected through
// available_languages (by id, or by path when the id is null) form one
// group. Each group is returned with its records in language order (sv,
// uk, ar, en, then others), without languages that are not kept; a group
// with none of them is reported and skipped.
func igGroups[T any](recs []igRecord[T], common func(T) igCommon, rep *Report) [][]igRecord[T] {
	key := func(lang string, id int64) string { return fmt.Sprintf("%s|%d", lang, id) }
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		if p, ok := parent[k]; ok && p != k {
			r := find(p)
			parent[k] = r
			return r
		}
		parent[k] = k
		return k
	}
	union := func(a, b string) { parent[find(a)] = find(b) }
	byPath := map[string]string{}
	for _, r := range recs {
		find(key(r.lang, r.id))
		if r.path != "" {
			byPath[r.path] = key(r.lang, r.id)
		}
	}
	for _, r := range recs {
		for lang, link := range common(r.item).AvailableLanguages {
			switch {
			case link.ID != nil:
				union(key(r.lang, r.id), key(lang, *link.ID))
			case byPath[igPath(link.Path)] != "":
				union(key(r.lang, r.id), byPath[igPath(link.Path)])
			}
		}
	}
	groups := map[string][]igRecord[T]{}
	for _, r := range recs {
		root := find(key(r.lang, r.id))
		groups[root] = append(groups[root], r)
	}
	minID := func(g []igRecord[T]) int64 {
		m := g[0].id
		for _, r := range g {
			m = min(m, r.id)
		}
		return m
	}
	var out [][]igRecord[T]
	for _, g := range groups {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return minID(out[i]) < minID(out[j]) })
	var kept [][]igRecord[T]
	for _, g := range out {
		first := minID(g)
		var k []igRecord[T]
		var other []string
		have := map[string]bool{}
		for _, lang := range content.Languages {
			for _, r := range g {
				if r.lang == string(lang) && !have[r.lang] {
					have[r.lang] = true
					k = append(k, r)
				}
			}
		}
		for _, r := range g {
			if !content.Lang(r.lang).Known() {
				other = append(other, r.lang)
			}
		}
		if len(k) == 0 {
			sort.Strings(other)
			rep.skip(g[0].name, "is only in %s; none of sv, uk, ar, en", strings.Join(other, ", "))
			continue
		}
		// The group is named after its lowest id, which stays when
		// translations are added.
		k[0].id = first
		kept = append(kept, k)
	}
	return kept
}

func igArticle(g []igRecord[igPage], rep *Report) (content.Article, bool) {
	a := content.Article{
		ID:    fmt.Sprintf("integreat-page-%d", g[0].id),
		Topic: ImportedTopic.ID,
		Order: g[0].item.Order,
	}
	a.Title, a.Body = translations(g, true)
	for _, r := range g {
		if u := webURL(r.item.URL); u != "" && !contains(a.Sources, u) {
			a.Sources = append(a.Sources, u)
		}
		if d := igDate(r.item.LastUpdated); d > a.Updated {
			a.Updated = d
		}
	}
	if a.Body.Empty() {
		rep.skip(g[0].name, "has no content (a page that only groups other pages?)")
		return a, false
	}
	return a, true
}

// igDate takes the date of an RFC 3339 time.
func igDate(s string) string {
	if len(s) >= 10 {
		if _, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return s[:10]
		}
	}
	return ""
}

func igEventItem(g []igRecord[igEvent], rep *Report) (content.Event, bool) {
	first := g[0].item
	e := content.Event{ID: fmt.Sprintf("integreat-event-%d", g[0].id), Title: content.Text{}}
	fail := func(format string, args ...any) (content.Event, bool) {
		rep.skip(g[0].name, format, args...)
		return e, false
	}
	zone := first.Event.Timezone
	if zone == "" {
		zone = DefaultZone
	}
	loc, err := content.LoadZone(zone)
	if err != nil {
		return fail("event.timezone %q is not a known time zone", zone)
	}
	e.TimeZone = zone
	e.AllDay = first.Event.AllDay
	e.Start, err = igTime(first.Event.Start, first.Event.StartDate, loc, e.AllDay)
	if err != nil {
		return fail("event.start: %v", err)
	}
	if first.Event.End != "" || first.Event.EndDate != "" {
		if e.End, err = igTime(first.Event.End, first.Event.EndDate, loc, e.AllDay); err != nil {
			return fail("event.end: %v", err)
		}
		if e.AllDay {
			e.End = e.End.AddDate(0, 0, 1) // the end date is the last day
		}
	}
	if !e.End.IsZero() && e.End.Before(e.Start) {
		return fail("event.end %s is before event.start %s", e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
	}
	rule := first.RecurrenceRule
	if rule == "" {
		rule = first.Event.RecurrenceRule
	}
	if rule != "" {
		if e.RRule, err = normaliseRRule(rule, loc); err != nil {
			return fail("recurrence_rule: %v", err)
		}
	}
	e.Title, e.Description = translations(g, false)
	for _, r := range g {
		lang := content.Lang(r.lang)
		if l := r.item.Location; l != nil && (l.ID != nil || l.Name != "" || l.Address != "") {
			if e.Place == nil {
				e.Place = &content.Place{Address: &content.Address{
					Street: cleanLine(l.Address), PostalCode: cleanLine(l.Postcode), City: cleanLine(l.Town),
				}, Geo: geo(l.Latitude, l.Longitude)}
				if e.Place.Address.Empty() {
					e.Place.Address = nil
				}
			}
			if n := cleanLine(l.Name); n != "" {
				if e.Place.Name == nil {
					e.Place.Name = content.Text{}
				}
				e.Place.Name[lang] = n
			}
		}
	}
	e.OnlineURL = pickURL(rep, g[0].name, "meeting_url", first.MeetingURL)
	attendance, ok := content.AttendanceFor(e.Place != nil, e.OnlineURL != "")
	if !ok {
		return fail("has neither a location nor a meeting_url")
	}
	e.Attendance = attendance
	return e, true
}

// igTime reads an Integreat time: RFC 3339, or a local time or a date in
// the event's zone. An all-day event starts at midnight of its date.
func igTime(s, date string, loc *time.Location, allDay bool) (time.Time, error) {
	var t time.Time
	var err error
	switch {
	case s != "":
		t, err = time.Parse(time.RFC3339, s)
		if err != nil {
			t, err = time.ParseInLocation("2006-01-02T15:04:05", s, loc)
		}
		if err != nil {
			return t, fmt.Errorf("%q is not a time", s)
		}
		t = t.In(loc)
	case date != "":
		t, err = time.ParseInLocation(time.DateOnly, date, loc)
		if err != nil {
			return t, fmt.Errorf("%q is not a date", date)
		}
	default:
		return t, fmt.Errorf("is missing")
	}
	if allDay {
		t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	}
	return t, nil
}

var igWeekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

func igService(g []igRecord[igLocation], rep *Report, munis *municipalities) (content.Service, bool) {
	first := g[0].item
	s := content.Service{ID: fmt.Sprintf("integreat-location-%d", g[0].id), TimeZone: DefaultZone}
	s.Name, s.Description = translations(g, false)
	l := first.Location
	s.Address = &content.Address{Street: cleanLine(l.Address), PostalCode: cleanLine(l.Postcode), City: cleanLine(l.Town)}
	if s.Address.Empty() {
		s.Address = nil
	}
	s.Municipality = munis.of(l.Town)
	s.Geo = geo(l.Latitude, l.Longitude)
	s.Website = pickURL(rep, g[0].name, "website", first.Website)
	s.Email = pickEmail(rep, g[0].name, first.Email)
	s.Phone = cleanLine(first.PhoneNumber)
	switch {
	case first.TemporarilyClosed:
		s.Hours = &content.OpeningHours{Note: temporarilyClosed}
	case len(first.OpeningHours) == 0:
	case len(first.OpeningHours) != 7:
		rep.note(g[0].name, "opening_hours has %d days, not 7; hours left out", len(first.OpeningHours))
	default:
		h, err := igHours(first.OpeningHours)
		if err != nil {
			rep.skip(g[0].name, "opening_hours: %v", err)
			return s, false
		}
		s.Hours = h
	}
	return s, true
}

func igHours(days []igDay) (*content.OpeningHours, error) {
	h := &content.OpeningHours{Weekly: map[string][]content.TimeSlot{}}
	allDay := 0
	for i, d := range days {
		day := igWeekdays[i]
		switch {
		case d.Closed:
		case d.AllDay:
			allDay++
			h.Weekly[day] = []content.TimeSlot{{Opens: "00:00", Closes: "24:00"}}
		default:
			for j, ts := range d.TimeSlots {
				opens, ok1 := hhmm(ts.Start)
				closes, ok2 := hhmm(ts.End)
				switch {
				case !ok1:
					return nil, fmt.Errorf("%s timeSlots[%d]: start %q is not a time of day", day, j, ts.Start)
				case !ok2:
					return nil, fmt.Errorf("%s timeSlots[%d]: end %q is not a time of day", day, j, ts.End)
				case closes <= opens:
					return nil, fmt.Errorf("%s timeSlots[%d]: end %s is not after start %s", day, j, closes, opens)
				}
				h.Weekly[day] = append(h.Weekly[day], content.TimeSlot{Opens: opens, Closes: closes})
			}
		}
	}
	if allDay == 7 {
		return &content.OpeningHours{AlwaysOpen: true}, nil
	}
	return h, nil
}
