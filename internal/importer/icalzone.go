package importer

import (
	_ "embed"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// windowsZonesXML is CLDR's table of Windows zone names (what Outlook and
// Exchange write as TZID, "W. Europe Standard Time") to IANA zones; see
// cldr/LICENSE.
//
//go:embed cldr/windowsZones.xml
var windowsZonesXML []byte

var windowsZones = sync.OnceValue(func() map[string]string {
	var doc struct {
		Zones []struct {
			Other     string `xml:"other,attr"`
			Territory string `xml:"territory,attr"`
			Type      string `xml:"type,attr"`
		} `xml:"windowsZones>mapTimezones>mapZone"`
	}
	if err := xml.Unmarshal(windowsZonesXML, &doc); err != nil {
		panic("importer: embedded windowsZones.xml: " + err.Error())
	}
	out := map[string]string{}
	for _, z := range doc.Zones {
		// The zone for Sweden when the Windows zone covers it (so
		// "W. Europe Standard Time" is Europe/Stockholm, with the same
		// rules as CLDR's Europe/Berlin), else the territory "001" one.
		first, _, _ := strings.Cut(z.Type, " ")
		if z.Territory == "SE" || z.Territory == "001" && out[z.Other] == "" {
			out[z.Other] = first
		}
	}
	return out
})

// zoneResolver turns the TZIDs of one calendar into IANA zones.
type zoneResolver struct {
	defs map[string]*icalComp // the calendar's VTIMEZONEs by TZID
	// prefer are tried first when a VTIMEZONE is matched by its rules:
	// the calendar's own zone, the --zone flag, DefaultZone.
	prefer []string
}

// resolve finds the IANA zone a TZID stands for: an IANA name, a Windows
// name, a name that ends in an IANA name ("/mozilla.org/20070129_1/Europe/Berlin",
// "custom_America/New_York"), or the calendar's VTIMEZONE of that name
// (its X-LIC-LOCATION, or an IANA zone with the same offsets all year).
func (z *zoneResolver) resolve(tzid string, year int) (*time.Location, error) {
	name := strings.Trim(strings.TrimSpace(tzid), `"`)
	if loc, ok := ianaZone(strings.TrimPrefix(name, "/")); ok {
		return loc, nil
	}
	if iana, ok := windowsZones()[name]; ok {
		return content.LoadZone(iana)
	}
	if loc, ok := ianaSuffix(name); ok {
		return loc, nil
	}
	if def := z.defs[name]; def != nil {
		if loc, ok := ianaZone(def.value("X-LIC-LOCATION")); ok {
			return loc, nil
		}
		if loc, ok := z.matchRules(def, year); ok {
			return loc, nil
		}
		return nil, fmt.Errorf("TZID=%s: its VTIMEZONE (line %d) matches no known zone", tzid, def.Line)
	}
	return nil, fmt.Errorf("unknown time zone TZID=%s (no VTIMEZONE defines it)", tzid)
}

// ianaZone loads an IANA name; "Local" and empty names are not zones.
func ianaZone(name string) (*time.Location, bool) {
	if name == "" || name == "Local" || strings.ContainsAny(name, " \\") {
		return nil, false
	}
	loc, err := content.LoadZone(name)
	return loc, err == nil
}

// ianaSuffix finds the longest IANA "Area/City" name that a TZID ends in.
func ianaSuffix(tzid string) (*time.Location, bool) {
	for i := 0; i < len(tzid); i++ {
		if i > 0 && strings.IndexByte("/_- .", tzid[i-1]) < 0 {
			continue
		}
		rest := tzid[i:]
		if !strings.Contains(rest, "/") {
			break
		}
		if loc, ok := ianaZone(rest); ok {
			return loc, true
		}
	}
	return nil, false
}

// matchRules finds an IANA zone whose offset equals the VTIMEZONE's at
// noon UTC of every day of year and the next: preferred zones first, then
// those of CLDR's Windows table, in name order.
func (z *zoneResolver) matchRules(def *icalComp, year int) (*time.Location, bool) {
	offsetAt, err := vtimezoneOffsets(def, year)
	if err != nil {
		return nil, false
	}
	candidates := append([]string(nil), z.prefer...)
	var rest []string
	for _, iana := range windowsZones() {
		rest = append(rest, iana)
	}
	sort.Strings(rest)
	candidates = append(candidates, rest...)
	seen := map[string]bool{}
	for _, name := range candidates {
		if seen[name] {
			continue
		}
		seen[name] = true
		loc, ok := ianaZone(name)
		if !ok {
			continue
		}
		same := true
		for d := time.Date(year, 1, 1, 12, 0, 0, 0, time.UTC); d.Year() <= year+1 && same; d = d.AddDate(0, 0, 1) {
			_, off := d.In(loc).Zone()
			same = off == offsetAt(d)
		}
		if same {
			return loc, true
		}
	}
	return nil, false
}

// vtimezoneOffsets reads a VTIMEZONE's STANDARD and DAYLIGHT parts and
// returns the UTC offset (seconds) it gives at an instant in year or year+1.
func vtimezoneOffsets(def *icalComp, year int) (func(time.Time) int, error) {
	type onset struct {
		at       time.Time
		from, to int
	}
	var onsets []onset
	for _, part := range def.Comps {
		if part.Name != "STANDARD" && part.Name != "DAYLIGHT" {
			continue
		}
		from, err1 := utcOffset(part.value("TZOFFSETFROM"))
		to, err2 := utcOffset(part.value("TZOFFSETTO"))
		start, err3 := time.Parse("20060102T150405", part.value("DTSTART"))
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("line %d: %s has no readable DTSTART, TZOFFSETFROM and TZOFFSETTO", part.Line, part.Name)
		}
		// Wall-clock starts (in the offset before the change) from a year
		// before to two after the year asked: a yearly rule gives one each.
		walls := []time.Time{start}
		if rule := part.value("RRULE"); rule != "" {
			starts, err := content.RuleStarts(rule, start, time.Date(year-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year+3, 1, 1, 0, 0, 0, 0, time.UTC), 100)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", part.Line, err)
			}
			walls = append(walls, starts...)
		}
		for _, rd := range part.props("RDATE") {
			for _, v := range strings.Split(rd.Value, ",") {
				if t, err := time.Parse("20060102T150405", strings.TrimSpace(v)); err == nil {
					walls = append(walls, t)
				}
			}
		}
		for _, w := range walls {
			onsets = append(onsets, onset{w.Add(-time.Duration(from) * time.Second), from, to})
		}
	}
	if len(onsets) == 0 {
		return nil, fmt.Errorf("line %d: VTIMEZONE has no STANDARD or DAYLIGHT", def.Line)
	}
	sort.Slice(onsets, func(i, j int) bool { return onsets[i].at.Before(onsets[j].at) })
	return func(t time.Time) int {
		off := onsets[0].from
		for _, o := range onsets {
			if o.at.After(t) {
				break
			}
			off = o.to
		}
		return off
	}, nil
}

// utcOffset reads "+0100", "-0500" or "+053000" as seconds east of UTC.
func utcOffset(s string) (int, error) {
	if len(s) != 5 && len(s) != 7 || s[0] != '+' && s[0] != '-' {
		return 0, fmt.Errorf("%q is not a UTC offset", s)
	}
	var h, m, sec int
	if _, err := fmt.Sscanf(s[1:5], "%02d%02d", &h, &m); err != nil {
		return 0, fmt.Errorf("%q is not a UTC offset", s)
	}
	if len(s) == 7 {
		if _, err := fmt.Sscanf(s[5:], "%02d", &sec); err != nil {
			return 0, fmt.Errorf("%q is not a UTC offset", s)
		}
	}
	off := h*3600 + m*60 + sec
	if s[0] == '-' {
		off = -off
	}
	return off, nil
}
