package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// ImportedTopic is the topic Integreat pages whose parent page is not in
// the dump are filed under; Integreat imports create it when needed.
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
	URL  string `json:"url"`
	Path string `json:"path"`
}

type igCommon struct {
	// ID is the id of this translation; the events endpoint gives null
	// for combined recurring events.
	ID                 *int64            `json:"id"`
	URL                string            `json:"url"`
	Path               string            `json:"path"`
	Title              string            `json:"title"`
	Excerpt            string            `json:"excerpt"`
	Content            string            `json:"content"`
	LastUpdated        string            `json:"last_updated"`
	AvailableLanguages map[string]igLink `json:"available_languages"`
}

// common gives the fields every Integreat record has; igPage, igEvent and
// igLocation embed igCommon and so share it.
func (c igCommon) common() igCommon { return c }

// translations collects the title, the text (HTML as Markdown or as
// plain text) and the excerpt of every translation of one item; text and
// excerpt are nil when no translation has any.
func translations[T interface{ common() igCommon }](g []igRecord[T], markdown bool) (title, text, excerpt content.Text) {
	title = content.Text{}
	for _, r := range g {
		c, lang := r.item.common(), content.Lang(r.lang)
		if t := htmlLine(c.Title); t != "" {
			title[lang] = t
		}
		if d := htmlToText(c.Content, c.URL, markdown); d != "" {
			if text == nil {
				text = content.Text{}
			}
			text[lang] = d
		}
		if e := htmlLine(c.Excerpt); e != "" {
			if excerpt == nil {
				excerpt = content.Text{}
			}
			excerpt[lang] = e
		}
	}
	return title, text, excerpt
}

type igPage struct {
	igCommon
	Order  int     `json:"order"`
	Parent *igLink `json:"parent"`
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
	Website           string          `json:"website"`
	Email             string          `json:"email"`
	PhoneNumber       string          `json:"phone_number"`
	TemporarilyClosed bool            `json:"temporarily_closed"`
	OpeningHours      []igDay         `json:"opening_hours"`
	Location          igPOI           `json:"location"`
	Category          *igCategory     `json:"category"`
	Organization      *igOrganization `json:"organization"`
}

type igCategory struct {
	ID   *int64 `json:"id"`
	Name string `json:"name"`
	Icon string `json:"icon"`
}

type igOrganization struct {
	Name    string `json:"name"`
	Website string `json:"website"`
}

// igRecord is one record of one language file.
type igRecord[T any] struct {
	lang string
	name string // "sv/pages.json[3] (id 12)"
	// key identifies the record within its language: "id:12", or
	// "path:/region/sv/events/x" when the id is null.
	key  string
	path string
	item T
}

// IntegreatOptions are the choices of an Integreat import.
type IntegreatOptions struct {
	// Municipality, when not empty, is the municipality id every imported
	// article, event and service belongs to (the region the dump is of);
	// no municipality is then derived from towns. The municipality must
	// exist where the items are written.
	Municipality string
}

// Integreat imports a dump of the Integreat CMS API: a folder with one
// sub-folder per language code, each holding any of pages.json,
// events.json (fetched with ?combine_recurring=True) and locations.json,
// the JSON arrays the API returns. Translations linked through
// available_languages become one item with every language; only sv, uk,
// ar and en are kept. The page tree becomes topics (the top-level pages)
// with their sub-pages as articles in tree order; events become events
// and locations become services.
func Integreat(dir string, opt IntegreatOptions) (*content.Set, Report, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, Report{}, err
	}
	set, rep, err := IntegreatFS(os.DirFS(dir), opt)
	if err != nil {
		return nil, rep, fmt.Errorf("%s: %w", dir, err)
	}
	return set, rep, nil
}

// IntegreatFS is Integreat on a file system whose root is the dump.
func IntegreatFS(fsys fs.FS, opt IntegreatOptions) (*content.Set, Report, error) {
	var rep Report
	entries, err := fs.ReadDir(fsys, ".")
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
		return nil, rep, fmt.Errorf("no language folders (such as sv/ or en/)")
	}
	if opt.Municipality != "" && !content.ValidID(opt.Municipality) {
		return nil, rep, fmt.Errorf("municipality %q is not an id (lower-case letters, digits, -)", opt.Municipality)
	}
	pages, err := igRead[igPage](fsys, langs, "pages.json", &rep)
	if err != nil {
		return nil, rep, err
	}
	events, err := igRead[igEvent](fsys, langs, "events.json", &rep)
	if err != nil {
		return nil, rep, err
	}
	locations, err := igRead[igLocation](fsys, langs, "locations.json", &rep)
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
	igPages(igGroups(pages, &rep), set, recs, opt, &rep)
	for _, g := range igGroups(events, &rep) {
		if e, ok := igEventItem(g, &rep); ok {
			e.Municipality = opt.Municipality
			recs.set(content.KindEvent, e.ID, g.records[0].name)
			set.Events = append(set.Events, e)
		}
	}
	for _, g := range igGroups(locations, &rep) {
		if s, ok := igService(g, &rep, &munis); ok {
			if opt.Municipality != "" {
				s.Municipality = opt.Municipality
			}
			recs.set(content.KindService, s.ID, g.records[0].name)
			set.Services = append(set.Services, s)
		}
	}
	if opt.Municipality == "" {
		set.Municipalities = munis.list()
	} else {
		// The given municipality lives where the items are written; a
		// stand-in lets the items validate here and is taken out after.
		set.Municipalities = []content.Municipality{{ID: opt.Municipality, Name: content.Text{content.Swedish: opt.Municipality}}}
	}
	finish(set, &rep, recs)
	if opt.Municipality != "" {
		set.Municipalities = nil
	}
	igDropEmptyTopics(set)
	return set, rep, nil
}

// igRead reads one kind of file from every language folder. A missing
// file is fine; a file that is not a JSON array is an error; a record
// that does not decode is reported and skipped.
func igRead[T interface{ common() igCommon }](fsys fs.FS, langs []string, file string, rep *Report) ([]igRecord[T], error) {
	var out []igRecord[T]
	for _, lang := range langs {
		p := lang + "/" + file
		data, err := fs.ReadFile(fsys, p)
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
		seen := map[string]bool{}
		for i, raw := range raws {
			name := fmt.Sprintf("%s/%s[%d]", lang, file, i)
			var item T
			if err := json.Unmarshal(raw, &item); err != nil {
				rep.skip(name, "%s", jsonErr(err))
				continue
			}
			c := item.common()
			key := igKey(c.ID, c.Path, c.URL)
			if key == "" {
				rep.skip(name, "has neither an id nor a path")
				continue
			}
			if c.ID != nil {
				name += fmt.Sprintf(" (id %d)", *c.ID)
			} else {
				name += fmt.Sprintf(" (path %s)", igPath(c.Path, c.URL))
			}
			if seen[key] {
				// The events endpoint repeats a recurring event once per
				// date unless asked with ?combine_recurring=True.
				rep.note(name, "repeats %s; only the first is kept", strings.Replace(key, ":", " ", 1))
				continue
			}
			seen[key] = true
			out = append(out, igRecord[T]{lang: lang, name: name, key: key, path: igPath(c.Path, c.URL), item: item})
		}
	}
	return out, nil
}

// igKey identifies a record or a link within a language: by id, else by
// path (or address); "" when it has neither.
func igKey(id *int64, path, url string) string {
	if id != nil {
		return fmt.Sprintf("id:%d", *id)
	}
	if p := igPath(path, url); p != "" {
		return "path:" + p
	}
	return ""
}

var recurrenceSuffix = regexp.MustCompile(`\$\d{4}-\d{2}-\d{2}`)

// igPath normalises a path (or the path of an address) so records and
// links can find each other: the date suffix of a recurring event's
// occurrence and the trailing slash are taken off.
func igPath(path, address string) string {
	if path == "" && address != "" {
		if u, err := url.Parse(address); err == nil {
			path = u.Path
		}
	}
	return strings.TrimSuffix(recurrenceSuffix.ReplaceAllString(strings.TrimSpace(path), ""), "/")
}

// igGroup is one item: the records of its translations in language order
// (sv, uk, ar, en), and the key that names it in every dump.
type igGroup[T any] struct {
	records []igRecord[T]
	// stable names the item whatever language folders the dump has: the
	// lowest id among all its translations (the record's own and those
	// available_languages lists, also in languages not dumped or not
	// kept), or, when no translation has an id, a hash of the
	// alphabetically first path among them.
	stable string
}

// igGroups links translations: records connected through
// available_languages (by id, or by path when the id is null) form one
// group. Languages that are not kept are left out of the group (after
// linking, so they can still connect it); a group with none of sv, uk,
// ar, en is reported and skipped. Groups come sorted by their stable key.
func igGroups[T interface{ common() igCommon }](recs []igRecord[T], rep *Report) []igGroup[T] {
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		for {
			p, ok := parent[k]
			if !ok {
				parent[k] = k
				return k
			}
			if p == k {
				return k
			}
			if gp := parent[p]; gp != p {
				parent[k] = gp
			}
			k = p
		}
	}
	union := func(a, b string) { parent[find(a)] = find(b) }
	node := func(lang, key string) string { return lang + "|" + key }
	byPath := map[string]string{}
	for _, r := range recs {
		find(node(r.lang, r.key))
		if r.path != "" {
			byPath[r.path] = node(r.lang, r.key)
		}
	}
	for _, r := range recs {
		for lang, link := range r.item.common().AvailableLanguages {
			switch p := igPath(link.Path, link.URL); {
			case link.ID != nil:
				union(node(r.lang, r.key), node(lang, igKey(link.ID, "", "")))
			case p != "" && byPath[p] != "":
				union(node(r.lang, r.key), byPath[p])
			}
		}
	}
	byRoot := map[string][]igRecord[T]{}
	var roots []string
	for _, r := range recs {
		root := find(node(r.lang, r.key))
		if _, ok := byRoot[root]; !ok {
			roots = append(roots, root)
		}
		byRoot[root] = append(byRoot[root], r)
	}
	var out []igGroup[T]
	for _, root := range roots {
		g := byRoot[root]
		var kept []igRecord[T]
		var other []string
		for _, lang := range content.Languages {
			for _, r := range g {
				if r.lang == string(lang) {
					kept = append(kept, r)
					break
				}
			}
		}
		for _, r := range g {
			if !content.Lang(r.lang).Known() {
				other = append(other, r.lang)
			}
		}
		if len(kept) == 0 {
			sort.Strings(other)
			rep.skip(g[0].name, "is only in %s; none of sv, uk, ar, en", strings.Join(other, ", "))
			continue
		}
		out = append(out, igGroup[T]{records: kept, stable: igStable(g)})
	}
	sort.Slice(out, func(i, j int) bool { return igLess(out[i].stable, out[j].stable) })
	return out
}

// igStable computes a group's stable key (see igGroup.stable).
func igStable[T interface{ common() igCommon }](g []igRecord[T]) string {
	var lowest *int64
	var paths []string
	consider := func(id *int64, path string) {
		if id != nil && (lowest == nil || *id < *lowest) {
			v := *id
			lowest = &v
		}
		if path != "" {
			paths = append(paths, path)
		}
	}
	for _, r := range g {
		c := r.item.common()
		consider(c.ID, r.path)
		for _, l := range c.AvailableLanguages {
			consider(l.ID, igPath(l.Path, l.URL))
		}
	}
	if lowest != nil {
		return fmt.Sprint(*lowest)
	}
	sort.Strings(paths)
	first := paths[0]
	if s := truncateID(slug(first[strings.LastIndex(first, "/")+1:]), 40); s != "" {
		return s + "-" + shortHash(first)
	}
	return shortHash(first)
}

// igLess sorts stable keys: ids by number, then path keys.
func igLess(a, b string) bool {
	na, ea := strconv.ParseInt(a, 10, 64)
	nb, eb := strconv.ParseInt(b, 10, 64)
	switch {
	case ea == nil && eb == nil:
		return na < nb
	case ea == nil:
		return true
	case eb == nil:
		return false
	}
	return a < b
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

func igEventItem(grp igGroup[igEvent], rep *Report) (content.Event, bool) {
	g := grp.records
	first := g[0].item
	e := content.Event{ID: "integreat-event-" + grp.stable, Title: content.Text{}}
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
	e.Title, e.Description, _ = translations(g, false)
	for _, r := range g {
		lang := content.Lang(r.lang)
		if l := r.item.Location; l != nil && (l.ID != nil || l.Name != "" || l.Address != "") {
			if e.Place == nil {
				e.Place = &content.Place{Address: &content.Address{
					Street: cleanLine(l.Address), PostalCode: cleanLine(l.Postcode), City: cleanLine(l.Town),
				}, Geo: checkedGeo(rep, g[0].name, "location", l.Latitude, l.Longitude)}
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

func igService(grp igGroup[igLocation], rep *Report, munis *municipalities) (content.Service, bool) {
	g := grp.records
	first := g[0].item
	s := content.Service{ID: "integreat-location-" + grp.stable, TimeZone: DefaultZone}
	s.Name, s.Description, _ = translations(g, false)
	if o := first.Organization; o != nil && htmlLine(o.Name) != "" {
		// An organisation's name is the same in every language.
		s.Organisation = content.Text{}
		for _, r := range g {
			s.Organisation[content.Lang(r.lang)] = htmlLine(o.Name)
		}
	}
	for _, r := range g {
		if c := r.item.Category; c != nil && len(s.Categories) == 0 {
			if cat := igCategoryOf(c); cat != "" {
				s.Categories = []string{cat}
			} else if r.lang == g[len(g)-1].lang {
				rep.note(g[0].name, "category %q matches none of the categories; left out", htmlLine(c.Name))
			}
		}
	}
	l := first.Location
	s.Address = &content.Address{Street: cleanLine(l.Address), PostalCode: cleanLine(l.Postcode), City: cleanLine(l.Town)}
	if s.Address.Empty() {
		s.Address = nil
	}
	s.Municipality = munis.of(l.Town)
	s.Geo = checkedGeo(rep, g[0].name, "location", l.Latitude, l.Longitude)
	orgSite := ""
	if first.Organization != nil {
		orgSite = first.Organization.Website
	}
	s.Website = pickURL(rep, g[0].name, "website", first.Website, orgSite)
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
