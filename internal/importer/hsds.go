package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

type hsdsService struct {
	ID                     string             `json:"id"`
	Name                   string             `json:"name"`
	Description            string             `json:"description"`
	URL                    string             `json:"url"`
	Email                  string             `json:"email"`
	Status                 string             `json:"status"`
	Alert                  string             `json:"alert"`
	EligibilityDescription string             `json:"eligibility_description"`
	FeesDescription        string             `json:"fees_description"`
	Organization           *hsdsOrganization  `json:"organization"`
	Phones                 []hsdsPhone        `json:"phones"`
	Schedules              []hsdsSchedule     `json:"schedules"`
	ServiceAtLocations     []hsdsServiceAtLoc `json:"service_at_locations"`
	Languages              []hsdsLanguage     `json:"languages"`
}

type hsdsOrganization struct {
	Name    string      `json:"name"`
	Email   string      `json:"email"`
	Website string      `json:"website"`
	Phones  []hsdsPhone `json:"phones"`
}

type hsdsServiceAtLoc struct {
	ID        string         `json:"id"`
	Location  *hsdsLocation  `json:"location"`
	Phones    []hsdsPhone    `json:"phones"`
	Schedules []hsdsSchedule `json:"schedules"`
}

type hsdsLocation struct {
	Name         string         `json:"name"`
	LocationType string         `json:"location_type"`
	Latitude     number         `json:"latitude"`
	Longitude    number         `json:"longitude"`
	Addresses    []hsdsAddress  `json:"addresses"`
	Phones       []hsdsPhone    `json:"phones"`
	Schedules    []hsdsSchedule `json:"schedules"`
}

type hsdsAddress struct {
	Address1    string `json:"address_1"`
	Address2    string `json:"address_2"`
	City        string `json:"city"`
	PostalCode  string `json:"postal_code"`
	AddressType string `json:"address_type"`
}

type hsdsPhone struct {
	Number string `json:"number"`
	// Extension is a number in the HSDS 3.0 schema; some producers write
	// a string.
	Extension flexString `json:"extension"`
}

type hsdsLanguage struct {
	Code string `json:"code"`
}

type hsdsSchedule struct {
	ID          string `json:"id"`
	ValidFrom   string `json:"valid_from"`
	ValidTo     string `json:"valid_to"`
	Until       string `json:"until"`
	Freq        string `json:"freq"`
	Interval    number `json:"interval"`
	Byday       string `json:"byday"`
	OpensAt     string `json:"opens_at"`
	ClosesAt    string `json:"closes_at"`
	Description string `json:"description"`
	Notes       string `json:"notes"`
}

// flexString is a JSON string, number or boolean, as text.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*f = flexString(s)
		return nil
	}
	if t := strings.TrimSpace(string(b)); t != "null" && !strings.HasPrefix(t, "{") && !strings.HasPrefix(t, "[") {
		*f = flexString(t)
	}
	return nil
}

// The kinds of record an HSDS 3.0 file or API response holds.
const (
	hsdsKindService           = "service"
	hsdsKindOrganization      = "organization"
	hsdsKindServiceAtLocation = "service_at_location"
)

// hsdsNow is today for deciding which schedules are current; tests set it.
var hsdsNow = time.Now

// HSDS imports Open Referral HSDS 3.0 JSON, in any of the shapes the
// HSDS 3.0 API returns (docs/importers.md): one service (service_full),
// one organization with its services (organization_full), one
// service_at_location with its service and location, a list of any of
// these, or a page of such a list ({"total_items", "contents", …}). A
// service carries its organization, service_at_locations (with their
// location, addresses, phones, schedules), phones, schedules and
// languages nested. HSDS texts have no language tag; lang says which
// language they are in.
func HSDS(r io.Reader, lang content.Lang) (*content.Set, Report, error) {
	var rep Report
	if !lang.Known() {
		return nil, rep, fmt.Errorf("language %q is not one of sv, uk, ar, en", lang)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, rep, err
	}
	raws, err := hsdsRecords(data, &rep)
	if err != nil {
		return nil, rep, err
	}
	h := hsdsImport{lang: lang, rep: &rep, set: &content.Set{}, recs: records{}, seen: ids{}}
	for i, raw := range raws {
		h.record(raw, fmt.Sprintf("records[%d]", i))
	}
	h.set.Municipalities = h.munis.list()
	finish(h.set, &rep, h.recs)
	return h.set, rep, nil
}

type hsdsImport struct {
	lang  content.Lang
	rep   *Report
	set   *content.Set
	recs  records
	seen  ids
	munis municipalities
}

// hsdsRecords finds the records in the file: the file itself when it is
// one record, the elements of a list, or the "contents" of an API page
// (or "services", an older wrapper).
func hsdsRecords(data []byte, rep *Report) ([]json.RawMessage, error) {
	data = bytes.TrimSpace(data)
	var list []json.RawMessage
	if len(data) > 0 && data[0] == '[' {
		if err := json.Unmarshal(data, &list); err != nil {
			return nil, fmt.Errorf("not HSDS JSON: %v", err)
		}
		return list, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, fmt.Errorf("not HSDS JSON: %v", err)
	}
	if raw, ok := obj["contents"]; ok {
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("not HSDS JSON: %q is not a list: %v", "contents", err)
		}
		var page struct {
			PageNumber number `json:"page_number"`
			TotalPages number `json:"total_pages"`
			LastPage   *bool  `json:"last_page"`
		}
		_ = json.Unmarshal(data, &page)
		if (page.LastPage != nil && !*page.LastPage) || (page.TotalPages.OK && page.TotalPages.V > 1) {
			rep.note("page", "this is page %v of %v of the list; only its %d records are imported (fetch and import the other pages too)",
				page.PageNumber.V, page.TotalPages.V, len(list))
		}
		return list, nil
	}
	if hsdsKind(obj) != "" {
		return []json.RawMessage{data}, nil
	}
	if raw, ok := obj["services"]; ok {
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("not HSDS JSON: %q is not a list: %v", "services", err)
		}
		return list, nil
	}
	return nil, errors.New(`not HSDS JSON: expected a service, an organization, a service_at_location, a list of them, or an API page with "contents"`)
}

// hsdsKind tells a record's kind by its fields: a service_at_location
// nests its "service"; an organization has "services" or fields only
// organizations have; a service has a "status" (required in HSDS 3.0) or
// fields only services have. "" when it is none of these.
func hsdsKind(obj map[string]json.RawMessage) string {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := obj[k]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case has("service") && !has("services"), has("service_id") && has("location_id"):
		return hsdsKindServiceAtLocation
	case has("services", "legal_status", "tax_status", "year_incorporated", "logo", "parent_organization_id", "organization_identifiers", "funding", "website") &&
		!has("status", "service_at_locations", "schedules", "organization", "organization_id"):
		return hsdsKindOrganization
	case has("status", "service_at_locations", "schedules", "organization", "organization_id", "eligibility_description", "alert", "program"):
		return hsdsKindService
	case has("name") && !has("taxonomy", "term", "code", "parent_id", "location_type"):
		return hsdsKindService
	}
	return ""
}

func (h *hsdsImport) record(raw json.RawMessage, name string) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		h.rep.skip(name, "is not a JSON object")
		return
	}
	switch hsdsKind(obj) {
	case hsdsKindService:
		var s hsdsService
		h.decode(raw, &s, &name, obj)
		h.service(&s, nil, name)
	case hsdsKindOrganization:
		var org struct {
			hsdsOrganization
			ID       string            `json:"id"`
			Services []json.RawMessage `json:"services"`
		}
		h.decode(raw, &org, &name, obj)
		if len(org.Services) == 0 {
			h.rep.skip(name, "is an organization without nested services; an organization alone is not imported (fetch it as organization_full, or its services)")
			return
		}
		for i, sraw := range org.Services {
			var s hsdsService
			sname := fmt.Sprintf("%s.services[%d]", name, i)
			var sobj map[string]json.RawMessage
			_ = json.Unmarshal(sraw, &sobj)
			h.decode(sraw, &s, &sname, sobj)
			h.service(&s, &org.hsdsOrganization, sname)
		}
	case hsdsKindServiceAtLocation:
		var sal struct {
			hsdsServiceAtLoc
			Service *hsdsService `json:"service"`
		}
		h.decode(raw, &sal, &name, obj)
		if sal.Service == nil {
			h.rep.skip(name, "is a service_at_location without its service nested; fetch it from /service_at_locations/{id}")
			return
		}
		s := sal.Service
		// The record is this service at this one location.
		s.ServiceAtLocations = []hsdsServiceAtLoc{sal.hsdsServiceAtLoc}
		h.service(s, nil, name)
	default:
		h.rep.skip(name, "is not a service, organization or service_at_location")
	}
}

// decode reads a record into v. A field of the wrong JSON type is left
// out with a note; the rest of the record is kept (encoding/json goes on
// past such a field).
func (h *hsdsImport) decode(raw json.RawMessage, v any, name *string, obj map[string]json.RawMessage) {
	var id string
	if obj != nil {
		_ = json.Unmarshal(obj["id"], &id)
	}
	if id != "" {
		*name += fmt.Sprintf(" (id %q)", id)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		h.rep.note(*name, "%s; left out", jsonErr(err))
	}
}

func (h *hsdsImport) service(s *hsdsService, parentOrg *hsdsOrganization, name string) {
	v, ok := h.toService(s, parentOrg, name)
	if !ok {
		return
	}
	base, rawID := slug(s.ID), s.ID
	if base == "" {
		base, rawID = slug(v.Name[h.lang]), name+v.Name[h.lang]
	}
	if len(s.ServiceAtLocations) == 1 && s.ServiceAtLocations[0].ID != "" {
		// The same service at another location gets an id of its own.
		rawID += "@" + s.ServiceAtLocations[0].ID
	}
	v.ID = h.seen.take(base, rawID)
	h.recs.set(content.KindService, v.ID, name)
	h.set.Services = append(h.set.Services, v)
}

// hsdsLabels introduce the parts of a service's description taken from
// other HSDS fields, in the language of the texts.
var hsdsLabels = map[string]content.Text{
	"alert": {
		content.Swedish: "Viktigt:", content.Ukrainian: "Важливо:", content.Arabic: "تنبيه:", content.English: "Important:",
	},
	"eligibility": {
		content.Swedish: "Vem kan få hjälp:", content.Ukrainian: "Хто може звернутися:", content.Arabic: "من يمكنه الاستفادة:", content.English: "Who can use it:",
	},
	"fees": {
		content.Swedish: "Kostnad:", content.Ukrainian: "Вартість:", content.Arabic: "التكلفة:", content.English: "Cost:",
	},
}

func (h *hsdsImport) toService(s *hsdsService, parentOrg *hsdsOrganization, name string) (content.Service, bool) {
	var v content.Service
	rep, lang := h.rep, h.lang
	switch strings.ToLower(strings.TrimSpace(s.Status)) {
	case "inactive", "defunct":
		rep.skip(name, "status is %q", s.Status)
		return v, false
	case "temporarily closed":
		rep.note(name, "status is \"temporarily closed\"; imported anyway")
	}
	v.Name = text(lang, cleanLine(s.Name))
	if v.Name.Empty() {
		rep.skip(name, "has no name")
		return v, false
	}
	v.Description = text(lang, hsdsDescription(s, lang))
	org := s.Organization
	if org == nil {
		org = parentOrg
	}
	if org == nil {
		org = &hsdsOrganization{}
	}
	v.Organisation = text(lang, cleanLine(org.Name))
	v.Website = pickURL(rep, name, "url", s.URL, org.Website)
	v.Email = pickEmail(rep, name, s.Email, org.Email)
	for _, l := range s.Languages {
		if c := strings.ToLower(cleanLine(l.Code)); c != "" && !contains(v.Languages, c) {
			v.Languages = append(v.Languages, c)
		}
	}

	sal, loc := hsdsPickLocation(s.ServiceAtLocations)
	if len(s.ServiceAtLocations) > 1 {
		rep.note(name, "has %d locations; only the first with an address is kept", len(s.ServiceAtLocations))
	}
	phoneLists := [][]hsdsPhone{sal.Phones, s.Phones}
	if loc != nil {
		phoneLists = append(phoneLists, loc.Phones)
		v.Geo = checkedGeo(rep, name, "location", loc.Latitude, loc.Longitude)
		if a, postal := hsdsPickAddress(loc.Addresses); a != nil {
			street := cleanLine(strings.TrimSpace(a.Address1 + " " + a.Address2))
			v.Address = &content.Address{Street: street, PostalCode: cleanLine(a.PostalCode), City: cleanLine(a.City)}
			if v.Address.Empty() {
				v.Address = nil
			} else if postal {
				rep.note(name, "has only a postal address; it is shown as the address")
			}
			v.Municipality = h.munis.of(a.City)
		}
	}
	phoneLists = append(phoneLists, org.Phones)
	for _, list := range phoneLists {
		if v.Phone = hsdsPhoneOf(list); v.Phone != "" {
			break
		}
	}
	if bad, wrong := content.CheckString(content.ClassPhone, v.Phone); wrong {
		rep.note(name, "phone %q left out: %s", v.Phone, bad)
		v.Phone = ""
	}

	// The schedules nearest the place come first: those of the service
	// at this location, else the service's, else the location's.
	schedules := sal.Schedules
	if len(schedules) == 0 {
		schedules = s.Schedules
	}
	if len(schedules) == 0 && loc != nil {
		schedules = loc.Schedules
	}
	v.TimeZone = DefaultZone
	v.Hours = hsdsHours(schedules, name, lang, rep)
	return v, true
}

// hsdsDescription is the description followed by the alert, who the
// service is for and what it costs, each introduced in the language of
// the texts.
func hsdsDescription(s *hsdsService, lang content.Lang) string {
	parts := []string{cleanText(s.Description)}
	for _, p := range []struct{ label, text string }{
		{"alert", s.Alert}, {"eligibility", s.EligibilityDescription}, {"fees", s.FeesDescription},
	} {
		if t := cleanText(p.text); t != "" {
			parts = append(parts, hsdsLabels[p.label][lang]+" "+t)
		}
	}
	return strings.TrimSpace(strings.Join(filter(parts, func(s string) bool { return s != "" }), "\n\n"))
}

// hsdsPhoneOf is the first number of a list, with stray quotes taken off
// and its extension after it ("+44 1234 234567 ext. 100").
func hsdsPhoneOf(list []hsdsPhone) string {
	for _, p := range list {
		n := cleanLine(strings.Trim(strings.TrimSpace(p.Number), "\"'“”„«»"))
		if n == "" {
			continue
		}
		if ext := cleanLine(strings.Trim(string(p.Extension), "\"' ")); ext != "" && ext != "0" {
			n += " ext. " + ext
		}
		return n
	}
	return ""
}

// checkedGeo is geo, with a position outside the earth's ranges left out
// with a note (the rest of the record is kept).
func checkedGeo(rep *Report, name, field string, lat, lon number) *content.Geo {
	if lat.Bad != "" || lon.Bad != "" {
		rep.note(name, "%s latitude/longitude %s/%s is not a number; position left out", field, lat.String(), lon.String())
		return nil
	}
	g := geo(lat, lon)
	if g != nil && (g.Lat < -90 || g.Lat > 90 || g.Lon < -180 || g.Lon > 180) {
		rep.note(name, "%s latitude %v, longitude %v is not a position on earth; left out", field, g.Lat, g.Lon)
		return nil
	}
	return g
}

func pickURL(rep *Report, name, field string, candidates ...string) string {
	for _, c := range candidates {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if u := webURL(c); u != "" {
			return u
		}
		rep.note(name, "%s %q is not an http(s) address; left out", field, c)
	}
	return ""
}

func pickEmail(rep *Report, name string, candidates ...string) string {
	for _, c := range candidates {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if e := email(c); e != "" {
			return e
		}
		rep.note(name, "email %q is not an e-mail address; left out", c)
	}
	return ""
}

// hsdsPickLocation picks the first location with a physical address, else
// the first with a postal one, else the first location.
func hsdsPickLocation(sals []hsdsServiceAtLoc) (hsdsServiceAtLoc, *hsdsLocation) {
	for _, wantPostal := range []bool{false, true} {
		for _, sal := range sals {
			l := sal.Location
			if l == nil || strings.EqualFold(l.LocationType, "virtual") {
				continue
			}
			if a, postal := hsdsPickAddress(l.Addresses); a != nil && postal == wantPostal {
				return sal, l
			}
		}
	}
	if len(sals) > 0 {
		return sals[0], sals[0].Location
	}
	return hsdsServiceAtLoc{}, nil
}

// hsdsPickAddress picks the physical address (or one without a type),
// else the postal one; postal says which.
func hsdsPickAddress(as []hsdsAddress) (a *hsdsAddress, postal bool) {
	for i := range as {
		if t := strings.ToLower(as[i].AddressType); t == "" || t == "physical" {
			return &as[i], false
		}
	}
	for i := range as {
		if strings.EqualFold(as[i].AddressType, "postal") {
			return &as[i], true
		}
	}
	return nil, false
}

var hsdsDays = map[string]string{"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri", "SA": "sat", "SU": "sun"}

var nextDay = map[string]string{"mon": "tue", "tue": "wed", "wed": "thu", "thu": "fri", "fri": "sat", "sat": "sun", "sun": "mon"}

// hsdsHours turns weekly schedules into opening hours. A schedule that
// cannot be said as weekly hours, has an impossible time, or is not in
// force today (valid_to or until past, valid_from to come) is left out
// with a note; the others are kept. Opening hours that run past midnight
// (22:00–02:00, or closing at 00:00) are split at midnight. No usable
// schedule gives nil (hours unknown).
func hsdsHours(schedules []hsdsSchedule, name string, lang content.Lang, rep *Report) *content.OpeningHours {
	weekly := map[string][]content.TimeSlot{}
	var notes []string
	today := hsdsNow().In(mustZone(DefaultZone)).Format(time.DateOnly)
	for i, sc := range schedules {
		what := fmt.Sprintf("schedules[%d]", i)
		if sc.ID != "" {
			what += fmt.Sprintf(" (id %q)", sc.ID)
		}
		leave := func(format string, args ...any) {
			rep.note(name, "%s: %s; left out", what, fmt.Sprintf(format, args...))
		}
		if end := firstDate(sc.ValidTo, sc.Until); end != "" && end < today {
			leave("ended on %s", end)
			continue
		}
		if from := firstDate(sc.ValidFrom); from != "" && from > today {
			leave("starts on %s, not in force yet", from)
			continue
		}
		for _, d := range []string{sc.Description, sc.Notes} {
			if d = cleanLine(d); d != "" && !contains(notes, d) {
				notes = append(notes, d)
			}
		}
		if f := strings.ToUpper(sc.Freq); f != "" && f != "WEEKLY" {
			leave("freq %s cannot be shown as weekly hours", sc.Freq)
			continue
		}
		if sc.Interval.OK && sc.Interval.V > 1 {
			leave("interval %v cannot be shown as weekly hours", sc.Interval.V)
			continue
		}
		if sc.Byday == "" || sc.OpensAt == "" || sc.ClosesAt == "" {
			leave("needs byday, opens_at and closes_at to give weekly hours")
			continue
		}
		opens, ok := hhmm(sc.OpensAt)
		if !ok {
			leave("opens_at %q is not a time of day", sc.OpensAt)
			continue
		}
		closes, ok := hhmm(sc.ClosesAt)
		if !ok {
			leave("closes_at %q is not a time of day", sc.ClosesAt)
			continue
		}
		if closes == opens || opens == "24:00" {
			leave("opens_at %s and closes_at %s give no opening time", opens, closes)
			continue
		}
		var days []string
		for _, d := range strings.Split(strings.ToUpper(sc.Byday), ",") {
			day, ok := hsdsDays[strings.TrimSpace(d)]
			if !ok {
				days = nil
				leave("byday %q cannot be shown as weekly hours", sc.Byday)
				break
			}
			days = append(days, day)
		}
		for _, day := range days {
			if closes > opens {
				weekly[day] = append(weekly[day], content.TimeSlot{Opens: opens, Closes: closes})
				continue
			}
			// Open past midnight: until the end of this day, and from the
			// start of the next.
			weekly[day] = append(weekly[day], content.TimeSlot{Opens: opens, Closes: "24:00"})
			if closes != "00:00" {
				next := nextDay[day]
				weekly[next] = append(weekly[next], content.TimeSlot{Opens: "00:00", Closes: closes})
			}
		}
	}
	if len(weekly) == 0 {
		return nil
	}
	for _, slots := range weekly {
		sort.Slice(slots, func(i, j int) bool { return slots[i].Opens < slots[j].Opens })
	}
	h := &content.OpeningHours{Weekly: weekly}
	if len(notes) > 0 {
		h.Note = text(lang, strings.Join(notes, " "))
	}
	return h
}

// firstDate is the date (YYYY-MM-DD) at the start of the first of dates
// that has one.
func firstDate(dates ...string) string {
	for _, d := range dates {
		if d = strings.TrimSpace(d); len(d) >= 10 {
			if _, err := time.Parse(time.DateOnly, d[:10]); err == nil {
				return d[:10]
			}
		}
	}
	return ""
}

func mustZone(name string) *time.Location {
	loc, err := content.LoadZone(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// hhmm reads a time of day as "HH:MM" or "HH:MM:SS", with or without a
// UTC offset or "Z" (the offset is dropped: hours are wall-clock times in
// the service's IANA zone, which follows daylight saving time).
func hhmm(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "Z+-"); i > 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return "", false
	}
	h, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || len(parts[1]) != 2 || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return "", false
	}
	if len(parts) == 3 {
		if sec, err := strconv.Atoi(parts[2]); err != nil || sec < 0 || sec > 59 {
			return "", false
		}
	}
	return fmt.Sprintf("%02d:%02d", h, m), true
}
