package synth

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/motesplats/motesplats/internal/content"
)

var testStart = time.Date(2026, 3, 10, 14, 30, 0, 0, stockholm)

func opts(items int) Options {
	return Options{Municipalities: 290, Items: items, Seed: 42, Start: testStart}
}

// national is shared by the tests that only read it.
var national = Generate(opts(50000))

func TestDeterministic(t *testing.T) {
	a, b := Generate(opts(5000)), Generate(opts(5000))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same options gave different sets")
	}
	o := opts(5000)
	o.Seed = 43
	if reflect.DeepEqual(a, Generate(o)) {
		t.Fatal("different seeds gave the same set")
	}
}

func TestExactItemCount(t *testing.T) {
	for _, munis := range []int{0, 10, 290, 400} {
		for _, items := range []int{0, 1, 5, 12, 100, 290, 301, 302, 303, 350, 1000, 12345} {
			o := Options{Municipalities: munis, Items: items, Seed: int64(items), Start: testStart}
			s := Generate(o)
			if s.Len() != items {
				t.Errorf("munis %d items %d: got %d items", munis, items, s.Len())
			}
			c := Count(o)
			got := Counts{len(s.Municipalities), len(s.Topics), len(s.Projects), len(s.Articles), len(s.Services), len(s.Events)}
			if got != c {
				t.Errorf("munis %d items %d: got %+v, Count says %+v", munis, items, got, c)
			}
			if ps := s.Validate(); len(ps) != 0 {
				t.Errorf("munis %d items %d: %d problems, first %v", munis, items, len(ps), ps[0])
			}
		}
	}
	if n := national.Len(); n != 50000 {
		t.Errorf("national set has %d items", n)
	}
	if n := Generate(Options{Items: -3}).Len(); n != 0 {
		t.Errorf("negative items gave %d", n)
	}
}

func TestMix(t *testing.T) {
	s := national
	if len(s.Municipalities) != 290 || len(s.Topics) != 12 {
		t.Fatalf("%d municipalities, %d topics", len(s.Municipalities), len(s.Topics))
	}
	rest := float64(s.Len() - 290 - 12)
	for _, c := range []struct {
		kind   string
		n      int
		lo, hi float64
	}{
		{"articles", len(s.Articles), 0.075, 0.085},
		{"services", len(s.Services), 0.44, 0.46},
		{"events", len(s.Events), 0.395, 0.405},
		{"projects", len(s.Projects), 0.065, 0.075},
	} {
		if f := float64(c.n) / rest; f < c.lo || f > c.hi {
			t.Errorf("%s: %d = %.3f of the rest, want %.3f–%.3f", c.kind, c.n, f, c.lo, c.hi)
		}
	}
}

func TestValidates(t *testing.T) {
	if ps := national.Validate(); len(ps) != 0 {
		t.Fatalf("%d problems, first: %v", len(ps), ps[:min(len(ps), 10)])
	}
}

// TestReferences checks what Validate checks, independently, plus what it
// does not: that referring items actually use the references.
func TestReferences(t *testing.T) {
	s := national
	munis, topics, projects := map[string]bool{}, map[string]bool{}, map[string]bool{}
	ids := map[string]bool{}
	unique := func(kind, id string) {
		if !content.ValidID(id) {
			t.Errorf("%s %q: bad id", kind, id)
		}
		if ids[kind+"/"+id] {
			t.Errorf("%s %q: duplicate id", kind, id)
		}
		ids[kind+"/"+id] = true
	}
	for _, m := range s.Municipalities {
		unique("municipality", m.ID)
		munis[m.ID] = true
	}
	for _, x := range s.Topics {
		unique("topic", x.ID)
		topics[x.ID] = true
	}
	for _, p := range s.Projects {
		unique("project", p.ID)
		projects[p.ID] = true
		if p.Name.Empty() || p.Owner.Empty() || p.Summary.Empty() {
			t.Errorf("project %s: missing required text", p.ID)
		}
		for _, m := range p.Municipalities {
			if !munis[m] {
				t.Errorf("project %s: unknown municipality %q", p.ID, m)
			}
		}
	}
	usedTopics := map[string]bool{}
	for _, a := range s.Articles {
		unique("article", a.ID)
		if !topics[a.Topic] {
			t.Errorf("article %s: unknown topic %q", a.ID, a.Topic)
		}
		usedTopics[a.Topic] = true
		if a.Title.Empty() || a.Body.Empty() {
			t.Errorf("article %s: missing required text", a.ID)
		}
		if a.Municipality != "" && !munis[a.Municipality] {
			t.Errorf("article %s: unknown municipality %q", a.ID, a.Municipality)
		}
	}
	if len(usedTopics) != len(topics) {
		t.Errorf("articles use %d of %d topics", len(usedTopics), len(topics))
	}
	local := 0
	for _, v := range s.Services {
		unique("service", v.ID)
		if v.Name.Empty() {
			t.Errorf("service %s: no name", v.ID)
		}
		if v.Municipality != "" {
			local++
			if !munis[v.Municipality] {
				t.Errorf("service %s: unknown municipality %q", v.ID, v.Municipality)
			}
			if v.Address.Empty() || v.Geo == nil {
				t.Errorf("service %s: local service without address or position", v.ID)
			}
		}
	}
	if local < len(s.Services)*9/10 {
		t.Errorf("only %d of %d services are local", local, len(s.Services))
	}
	withProject := 0
	for _, e := range s.Events {
		unique("event", e.ID)
		if e.Project != "" {
			withProject++
			if !projects[e.Project] {
				t.Errorf("event %s: unknown project %q", e.ID, e.Project)
			}
		}
		if e.Municipality != "" && !munis[e.Municipality] {
			t.Errorf("event %s: unknown municipality %q", e.ID, e.Municipality)
		}
		switch e.Attendance {
		case content.Offline, content.Mixed:
			if e.Place == nil || e.Place.Address.Empty() {
				t.Errorf("event %s: %s without place", e.ID, e.Attendance)
			}
		}
		if e.Attendance != content.Offline && e.OnlineURL == "" && e.OnlineInfo.Empty() {
			t.Errorf("event %s: %s without link", e.ID, e.Attendance)
		}
	}
	if withProject < len(s.Events)/5 {
		t.Errorf("only %d events belong to a project", withProject)
	}
}

// texts lists every Text of every item with the item's kind.
func texts(s *content.Set, visit func(kind content.Kind, id string, ts ...content.Text)) {
	for _, m := range s.Municipalities {
		visit(content.KindMunicipality, m.ID, m.Name, m.County)
	}
	for _, x := range s.Topics {
		visit(content.KindTopic, x.ID, x.Title, x.Summary)
	}
	for _, p := range s.Projects {
		ts := []content.Text{p.Name, p.Owner, p.Summary, p.Offers, p.ContactRole}
		visit(content.KindProject, p.ID, append(ts, p.Partners...)...)
	}
	for _, a := range s.Articles {
		visit(content.KindArticle, a.ID, a.Title, a.Summary, a.Body)
	}
	for _, v := range s.Services {
		ts := []content.Text{v.Name, v.Organisation, v.Description}
		if v.Hours != nil {
			ts = append(ts, v.Hours.Note)
			for _, ex := range v.Hours.Exceptions {
				ts = append(ts, ex.Note)
			}
		}
		visit(content.KindService, v.ID, ts...)
	}
	for _, e := range s.Events {
		ts := []content.Text{e.Title, e.Description, e.Organiser, e.OnlineInfo}
		if e.Place != nil {
			ts = append(ts, e.Place.Name)
		}
		visit(content.KindEvent, e.ID, ts...)
	}
}

func TestLanguages(t *testing.T) {
	items, complete := 0, 0
	missing := map[content.Lang]int{}
	texts(national, func(kind content.Kind, id string, ts ...content.Text) {
		items++
		full := true
		for _, tx := range ts {
			if tx == nil {
				continue
			}
			if len(tx) < 3 {
				t.Errorf("%s/%s: text in only %d languages: %v", kind, id, len(tx), tx)
			}
			for _, l := range content.Languages {
				if !tx.Has(l) {
					full = false
					missing[l]++
				}
			}
			for l, str := range tx {
				if strings.Contains(strings.ToLower(str), "lorem") || strings.Contains(str, "{") {
					t.Errorf("%s/%s: placeholder text in %s: %q", kind, id, l, str)
				}
			}
		}
		if full {
			complete++
		} else if kind == content.KindMunicipality || kind == content.KindTopic {
			t.Errorf("%s/%s lacks a language", kind, id)
		}
	})
	f := float64(complete) / float64(items)
	if f < 0.95 || f > 0.99 {
		t.Errorf("%.3f of items have every text in all four languages, want about 0.97", f)
	}
	for _, l := range content.Languages {
		if missing[l] == 0 {
			t.Errorf("no text lacks %s, so its fallback is not exercised", l)
		}
	}
}

// TestScripts checks that each language is written in its own script.
func TestScripts(t *testing.T) {
	is := map[content.Lang]*unicode.RangeTable{
		content.Ukrainian: unicode.Cyrillic, content.Arabic: unicode.Arabic,
		content.Swedish: unicode.Latin, content.English: unicode.Latin,
	}
	for _, e := range national.Events[:2000] {
		for l, s := range e.Title {
			letters, in := 0, 0
			for _, r := range s {
				if unicode.IsLetter(r) {
					letters++
					if unicode.Is(is[l], r) {
						in++
					}
				}
			}
			if in*2 <= letters { // brand names (BankID, SFI) stay Latin
				t.Errorf("event %s title in %s is not mostly in its script: %q", e.ID, l, s)
			}
		}
	}
}

func TestTextsDiffer(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range national.Services {
		seen[v.Description[content.Swedish]+v.Name[content.Swedish]] = true
	}
	if len(seen) < len(national.Services)*9/10 {
		t.Errorf("only %d distinct service texts of %d", len(seen), len(national.Services))
	}
	n := 0
	for _, v := range national.Services {
		k := strings.Count(v.Description[content.English], ". ") + 1
		if v.Description.Has(content.English) && (k < 2 || k > 6) {
			t.Errorf("service %s: %d sentences: %q", v.ID, k, v.Description[content.English])
		}
		n++
	}
}

// stockholmOffset is the UTC offset of Sweden at t by the EU rule:
// summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on
// the last Sunday of October. It does not use the tz database.
func stockholmOffset(t time.Time) int {
	lastSunday := func(y int, m time.Month) time.Time {
		d := time.Date(y, m+1, 0, 1, 0, 0, 0, time.UTC) // last day of month, 01:00 UTC
		return d.AddDate(0, 0, -int(d.Weekday()))
	}
	u := t.UTC()
	if !u.Before(lastSunday(u.Year(), time.March)) && u.Before(lastSunday(u.Year(), time.October)) {
		return 2 * 3600
	}
	return 3600
}

func TestEventTimes(t *testing.T) {
	for _, start := range []time.Time{testStart, time.Date(2027, 7, 1, 22, 0, 0, 0, time.UTC)} {
		o := opts(20000)
		o.Start = start
		s := Generate(o)
		end := start.AddDate(1, 0, 0)
		recurring, summer, winter := 0, 0, 0
		for _, e := range s.Events {
			if e.TimeZone != "Europe/Stockholm" || e.Start.Location().String() != "Europe/Stockholm" {
				t.Fatalf("event %s: zone %q / %v", e.ID, e.TimeZone, e.Start.Location())
			}
			if !e.Start.After(start) || e.Start.After(end) {
				t.Errorf("event %s starts %v, outside (%v, %v]", e.ID, e.Start, start, end)
			}
			if !e.End.IsZero() && !e.End.After(e.Start) {
				t.Errorf("event %s ends %v before it starts %v", e.ID, e.End, e.Start)
			}
			_, off := e.Start.Zone()
			if want := stockholmOffset(e.Start); off != want {
				t.Errorf("event %s: offset %d at %v, want %d", e.ID, off, e.Start, want)
			}
			if off == 7200 {
				summer++
			} else {
				winter++
			}
			str := e.Start.Format(time.RFC3339)
			if !strings.HasSuffix(str, "+01:00") && !strings.HasSuffix(str, "+02:00") {
				t.Errorf("event %s: %s", e.ID, str)
			}
			if e.RRule != "" {
				recurring++
				day := rruleDays[e.Start.Weekday()]
				if !strings.Contains(e.RRule, "BYDAY="+day+";") || !strings.HasPrefix(e.RRule, "FREQ=WEEKLY;") {
					t.Errorf("event %s on %s: rule %q", e.ID, e.Start.Weekday(), e.RRule)
				}
				if occ := e.Occurrences(start, end.AddDate(1, 0, 0)); len(occ) < 3 || !occ[0].Equal(e.Start) {
					t.Errorf("event %s: rule %q gives %v", e.ID, e.RRule, occ)
				}
			}
		}
		if f := float64(recurring) / float64(len(s.Events)); f < 0.18 || f > 0.22 {
			t.Errorf("%.3f of events recur, want 0.20", f)
		}
		if summer < len(s.Events)/3 || winter < len(s.Events)/3 {
			t.Errorf("events not spread over the year: %d in summer time, %d in winter time", summer, winter)
		}
	}
}

func TestServiceDetails(t *testing.T) {
	withHours, exceptions, phones := 0, 0, 0
	for _, v := range national.Services {
		if v.Phone != "" {
			phones++
			n, err := strconv.Atoi(strings.TrimPrefix(v.Phone, "070-"))
			if err != nil || !strings.HasPrefix(v.Phone, "070-") || n < 1740605 || n > 1740699 {
				t.Errorf("service %s: phone %q outside the fictional range", v.ID, v.Phone)
			}
		}
		if v.Email != "" && !strings.HasSuffix(v.Email, "@example.org") {
			t.Errorf("service %s: email %q", v.ID, v.Email)
		}
		if !strings.HasPrefix(v.Website, "https://example.org/") {
			t.Errorf("service %s: website %q", v.ID, v.Website)
		}
		if v.Hours != nil && len(v.Hours.Weekly) > 0 {
			withHours++
			for _, ex := range v.Hours.Exceptions {
				exceptions++
				if d, _ := time.ParseInLocation(time.DateOnly, ex.Date, stockholm); !d.After(testStart.AddDate(0, 0, -1)) || d.After(testStart.AddDate(1, 0, 0)) {
					t.Errorf("service %s: exception %s outside the year", v.ID, ex.Date)
				}
			}
		}
		if len(v.Languages) == 0 || v.Languages[0] != "sv" {
			t.Errorf("service %s: languages %v", v.ID, v.Languages)
		}
	}
	if withHours < len(national.Services)*8/10 || exceptions == 0 || phones == 0 {
		t.Errorf("%d services with weekly hours, %d exceptions, %d phones", withHours, exceptions, phones)
	}
	for _, p := range national.Projects {
		if p.Email != "" && !strings.HasSuffix(p.Email, "@example.org") {
			t.Errorf("project %s: email %q", p.ID, p.Email)
		}
	}
}

func TestMunicipalities(t *testing.T) {
	if len(realMunicipalities) != 290 {
		t.Fatalf("%d real municipalities, want 290", len(realMunicipalities))
	}
	ids, counties := map[string]bool{}, map[string]bool{}
	for _, m := range realMunicipalities {
		if ids[m.id] || !content.ValidID(m.id) {
			t.Errorf("municipality id %q: duplicate or invalid", m.id)
		}
		ids[m.id] = true
		counties[m.county[0]] = true
	}
	if len(counties) != 21 {
		t.Errorf("%d counties, want 21", len(counties))
	}
	for id, want := range map[string]string{"orebro": "Örebro", "upplands-vasby": "Upplands Väsby", "malung-salen": "Malung-Sälen", "habo": "Håbo"} {
		if !ids[id] {
			t.Errorf("no municipality %q (%s)", id, want)
		}
	}
	s := Generate(Options{Municipalities: 300, Items: 400, Seed: 1, Start: testStart})
	m := s.Municipalities[290]
	if m.ID != "kommun-291" || m.Name[content.Swedish] != "Kommun 291" || m.County.Empty() {
		t.Errorf("municipality 291 = %+v", m)
	}
}

func BenchmarkGenerate50k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Generate(opts(50000))
	}
}

func BenchmarkValidate50k(b *testing.B) {
	s := Generate(opts(50000))
	b.ResetTimer()
	for b.Loop() {
		s.Validate()
	}
}
