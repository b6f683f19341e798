package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/motesplats/motesplats/internal/content"
)

// HSDS texts have no language; Swedish publishers write them in Swedish.
const hsdsLang = content.Swedish

type hsdsService struct {
	ID                 string             `json:"id"`
	Name               string             `json:"name"`
	Description        string             `json:"description"`
	URL                string             `json:"url"`
	Email              string             `json:"email"`
	Status             string             `json:"status"`
	Organization       *hsdsOrganization  `json:"organization"`
	Phones             []hsdsPhone        `json:"phones"`
	Schedules          []hsdsSchedule     `json:"schedules"`
	ServiceAtLocations []hsdsServiceAtLoc `json:"service_at_locations"`
	Languages          []hsdsLanguage     `json:"languages"`
}

type hsdsOrganization struct {
	Name    string      `json:"name"`
	Email   string      `json:"email"`
	Website string      `json:"website"`
	Phones  []hsdsPhone `json:"phones"`
}

type hsdsServiceAtLoc struct {
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
}

type hsdsLanguage struct {
	Code string `json:"code"`
}

type hsdsSchedule struct {
	ID          string `json:"id"`
	Freq        string `json:"freq"`
	Interval    number `json:"interval"`
	Byday       string `json:"byday"`
	OpensAt     string `json:"opens_at"`
	ClosesAt    string `json:"closes_at"`
	Description string `json:"description"`
}

// HSDS imports Open Referral HSDS 3.0 services: a JSON array of services,
// or an object holding them in "contents" (an API page) or "services". A
// service carries its organization, service_at_locations (with their
// location, addresses, phones, schedules), phones, schedules and languages
// nested, as the HSDS 3.0 API returns them. Texts are taken as Swedish.
func HSDS(r io.Reader) (*content.Set, Report, error) {
	var rep Report
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, rep, err
	}
	raws, err := hsdsRecords(data)
	if err != nil {
		return nil, rep, err
	}
	set := &content.Set{}
	recs := records{}
	seen := ids{}
	var munis municipalities
	for i, raw := range raws {
		var s hsdsService
		name := fmt.Sprintf("services[%d]", i)
		if err := json.Unmarshal(raw, &s); err != nil {
			rep.skip(name, "%s", jsonErr(err))
			continue
		}
		if s.ID != "" {
			name += fmt.Sprintf(" (id %q)", s.ID)
		}
		v, ok := hsdsToService(&s, name, &rep, &munis)
		if !ok {
			continue
		}
		base, rawID := slug(s.ID), s.ID
		if base == "" {
			base, rawID = slug(v.Name[hsdsLang]), name+v.Name[hsdsLang]
		}
		v.ID = seen.take(base, rawID)
		recs.set(content.KindService, v.ID, name)
		set.Services = append(set.Services, v)
	}
	set.Municipalities = munis.list()
	finish(set, &rep, recs)
	return set, rep, nil
}

// hsdsRecords finds the list of services in the file.
func hsdsRecords(data []byte) ([]json.RawMessage, error) {
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
	for _, key := range []string{"contents", "services"} {
		if raw, ok := obj[key]; ok {
			if err := json.Unmarshal(raw, &list); err != nil {
				return nil, fmt.Errorf("not HSDS JSON: %q is not a list: %v", key, err)
			}
			return list, nil
		}
	}
	return nil, fmt.Errorf(`not HSDS JSON: expected a list of services, or an object with "contents" or "services"`)
}

func hsdsToService(s *hsdsService, name string, rep *Report, munis *municipalities) (content.Service, bool) {
	var v content.Service
	switch strings.ToLower(strings.TrimSpace(s.Status)) {
	case "inactive", "defunct":
		rep.skip(name, "status is %q", s.Status)
		return v, false
	case "temporarily closed":
		rep.note(name, "status is \"temporarily closed\"; imported anyway")
	}
	v.Name = text(hsdsLang, cleanLine(s.Name))
	if v.Name.Empty() {
		rep.skip(name, "has no name")
		return v, false
	}
	v.Description = text(hsdsLang, cleanText(s.Description))
	org := s.Organization
	if org == nil {
		org = &hsdsOrganization{}
	}
	v.Organisation = text(hsdsLang, cleanLine(org.Name))
	v.Website = pickURL(rep, name, "url", s.URL, org.Website)
	v.Email = pickEmail(rep, name, s.Email, org.Email)
	for _, l := range s.Languages {
		if c := strings.ToLower(cleanLine(l.Code)); c != "" {
			v.Languages = append(v.Languages, c)
		}
	}

	sal, loc := hsdsPickLocation(s.ServiceAtLocations)
	if len(s.ServiceAtLocations) > 1 {
		rep.note(name, "has %d locations; only the first with a street address is kept", len(s.ServiceAtLocations))
	}
	var phoneLists [][]hsdsPhone
	phoneLists = append(phoneLists, s.Phones, sal.Phones)
	if loc != nil {
		phoneLists = append(phoneLists, loc.Phones)
		v.Geo = geo(loc.Latitude, loc.Longitude)
		if a := hsdsPickAddress(loc.Addresses); a != nil {
			street := cleanLine(strings.TrimSpace(a.Address1 + " " + a.Address2))
			v.Address = &content.Address{Street: street, PostalCode: cleanLine(a.PostalCode), City: cleanLine(a.City)}
			if v.Address.Empty() {
				v.Address = nil
			}
			v.Municipality = munis.of(a.City)
		}
	}
	phoneLists = append(phoneLists, org.Phones)
	for _, list := range phoneLists {
		if v.Phone == "" {
			for _, p := range list {
				n := cleanLine(p.Number)
				if bad, wrong := content.CheckString(content.ClassPhone, n); wrong {
					rep.note(name, "phone %q left out: %s", n, bad)
					continue
				}
				if n != "" {
					v.Phone = n
					break
				}
			}
		}
	}

	schedules := s.Schedules
	if len(schedules) == 0 {
		schedules = sal.Schedules
	}
	if len(schedules) == 0 && loc != nil {
		schedules = loc.Schedules
	}
	v.TimeZone = DefaultZone
	hours, err := hsdsHours(schedules, name, rep)
	if err != nil {
		rep.skip(name, "%v", err)
		return v, false
	}
	v.Hours = hours
	return v, true
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
// the first location.
func hsdsPickLocation(sals []hsdsServiceAtLoc) (hsdsServiceAtLoc, *hsdsLocation) {
	for _, sal := range sals {
		if l := sal.Location; l != nil && !strings.EqualFold(l.LocationType, "virtual") && hsdsPickAddress(l.Addresses) != nil {
			return sal, l
		}
	}
	if len(sals) > 0 {
		return sals[0], sals[0].Location
	}
	return hsdsServiceAtLoc{}, nil
}

func hsdsPickAddress(as []hsdsAddress) *hsdsAddress {
	for i := range as {
		if t := strings.ToLower(as[i].AddressType); t == "" || t == "physical" {
			return &as[i]
		}
	}
	return nil
}

var hsdsDays = map[string]string{"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri", "SA": "sat", "SU": "sun"}

// hsdsHours turns weekly schedules into opening hours. Schedules that
// cannot be said as weekly hours are left out with a note; a schedule
// with an impossible time is an error (the service is skipped: wrong hours
// are worse than none). No usable schedule gives nil (hours unknown).
func hsdsHours(schedules []hsdsSchedule, name string, rep *Report) (*content.OpeningHours, error) {
	weekly := map[string][]content.TimeSlot{}
	var notes []string
	for i, sc := range schedules {
		what := fmt.Sprintf("schedules[%d]", i)
		if sc.ID != "" {
			what += fmt.Sprintf(" (id %q)", sc.ID)
		}
		if d := cleanLine(sc.Description); d != "" {
			notes = append(notes, d)
		}
		if f := strings.ToUpper(sc.Freq); f != "" && f != "WEEKLY" {
			rep.note(name, "%s: freq %s cannot be shown as weekly hours; left out", what, sc.Freq)
			continue
		}
		if sc.Interval.OK && sc.Interval.V > 1 {
			rep.note(name, "%s: interval %v cannot be shown as weekly hours; left out", what, sc.Interval.V)
			continue
		}
		if sc.Byday == "" || sc.OpensAt == "" || sc.ClosesAt == "" {
			rep.note(name, "%s: needs byday, opens_at and closes_at to give weekly hours; left out", what)
			continue
		}
		opens, ok := hhmm(sc.OpensAt)
		if !ok {
			return nil, fmt.Errorf("%s: opens_at %q is not a time of day", what, sc.OpensAt)
		}
		closes, ok := hhmm(sc.ClosesAt)
		if !ok {
			return nil, fmt.Errorf("%s: closes_at %q is not a time of day", what, sc.ClosesAt)
		}
		if closes <= opens {
			return nil, fmt.Errorf("%s: closes_at %s is not after opens_at %s", what, closes, opens)
		}
		var days []string
		for _, d := range strings.Split(strings.ToUpper(sc.Byday), ",") {
			day, ok := hsdsDays[strings.TrimSpace(d)]
			if !ok {
				days = nil
				rep.note(name, "%s: byday %q cannot be shown as weekly hours; left out", what, sc.Byday)
				break
			}
			days = append(days, day)
		}
		for _, day := range days {
			weekly[day] = append(weekly[day], content.TimeSlot{Opens: opens, Closes: closes})
		}
	}
	if len(weekly) == 0 {
		return nil, nil
	}
	for _, slots := range weekly {
		sort.Slice(slots, func(i, j int) bool { return slots[i].Opens < slots[j].Opens })
	}
	h := &content.OpeningHours{Weekly: weekly}
	if len(notes) > 0 {
		h.Note = text(hsdsLang, strings.Join(notes, " "))
	}
	return h, nil
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
