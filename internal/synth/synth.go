// Package synth generates SYNTHETIC content at national scale — up to all
// 290 Swedish municipalities and tens of thousands of services, events,
// projects and articles — for benchmarks and scale tests of the store, the
// search and the screens. Nothing it makes is real information and it must
// never be shipped or published as content.
//
// The texts are built from short phrase lists in real Swedish, Ukrainian,
// Arabic and English about newcomer life (health centre, language café,
// homework help, job coaching …), combined into titles and bodies of two to
// six sentences, so that sizes, scripts (Cyrillic, right-to-left Arabic)
// and word statistics look like real content; they are not lorem ipsum.
//
// What is real and what is invented:
//   - Municipality and county names are the real 290 kommuner and 21 län.
//     Their Ukrainian and Arabic names are the established ones for about
//     30 large towns and a rule-based transliteration for the rest
//     (plausible, not authoritative). English uses the Swedish name.
//     Asking for more than 290 adds numbered ones ("Kommun 291",
//     id "kommun-291").
//   - Street names follow common Swedish patterns (Storgatan 12); postal
//     codes and house numbers are random; positions are jittered around
//     the county centre.
//   - Phone numbers are only in the range 070-1740605 … 070-1740699 that
//     PTS reserves for fiction; e-mail addresses and web sites are on
//     example.org; organisations other than municipalities are invented.
//
// Every item passes content.(*Set).Validate: ids are well formed and
// unique, references point at generated municipalities, topics and
// projects, required fields are filled. About 3 % of the articles,
// services, events and projects lack one language (any of the four, the
// same one in all the item's texts) so that the fallback paths of
// content.Text are exercised; municipalities and topics are always
// complete.
package synth

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata"
	"unicode" // Europe/Stockholm on machines without zoneinfo

	"github.com/motesplats/motesplats/internal/content"
)

// Options say how much to generate.
type Options struct {
	// Municipalities is how many municipalities to make, e.g. 290.
	Municipalities int
	// Items is the total number of items of all kinds, municipalities and
	// the topics included: Generate(o).Len() == o.Items.
	Items int
	// Seed makes the output: the same Options give a deep-equal Set.
	Seed int64
	// Start is the day after which events happen: every event starts in
	// (Start, Start + 1 year]. The zero time means 2026-01-01 in Stockholm.
	Start time.Time
}

// Shares of the items left after municipalities and topics, in percent.
// Services take the remainder (about 45 %).
const (
	articlePercent = 8
	eventPercent   = 40
	projectPercent = 7
	// dropPercent of articles, services, events and projects lack one
	// language.
	dropPercent = 3
)

// Zone is the time zone of every generated event and service.
const Zone = "Europe/Stockholm"

var stockholm = mustZone(Zone)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // cannot happen: time/tzdata is linked in
	}
	return loc
}

// Counts is how many items of each kind Generate makes for o.
type Counts struct {
	Municipalities, Topics, Projects, Articles, Services, Events int
}

// Count works out the mix for o: min(o.Municipalities, o.Items)
// municipalities, then up to 12 topics, then of what is left 7 % projects,
// 8 % articles (none without topics), 40 % events and the rest (about
// 45 %) services. The counts add up to o.Items exactly.
func Count(o Options) Counts {
	n := max(o.Items, 0)
	var c Counts
	c.Municipalities = min(max(o.Municipalities, 0), n)
	c.Topics = min(len(topicDefs), n-c.Municipalities)
	rest := n - c.Municipalities - c.Topics
	c.Projects = rest * projectPercent / 100
	if c.Topics > 0 {
		c.Articles = rest * articlePercent / 100
	}
	c.Events = rest * eventPercent / 100
	c.Services = rest - c.Projects - c.Articles - c.Events
	return c
}

// Generate makes a synthetic content set of exactly o.Items items. It is
// deterministic: it depends only on o (no clock, no map order).
func Generate(o Options) *content.Set {
	c := Count(o)
	start := o.Start
	if start.IsZero() {
		start = time.Date(2026, 1, 1, 0, 0, 0, 0, stockholm)
	}
	start = start.In(stockholm)
	g := &gen{
		r:     rand.New(rand.NewPCG(uint64(o.Seed), 0x6d6f746573706c61)),
		drop:  -1,
		start: start,
		day0:  time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, stockholm),
		munis: municipalities(c.Municipalities),
	}
	s := &content.Set{
		Municipalities: make([]content.Municipality, 0, c.Municipalities),
		Topics:         make([]content.Topic, 0, c.Topics),
		Projects:       make([]content.Project, 0, c.Projects),
		Articles:       make([]content.Article, 0, c.Articles),
		Services:       make([]content.Service, 0, c.Services),
		Events:         make([]content.Event, 0, c.Events),
	}
	for i := range g.munis {
		m := &g.munis[i]
		s.Municipalities = append(s.Municipalities, content.Municipality{
			ID: m.id, Name: g.tr(m.name), County: g.tr(m.county),
		})
	}
	for i := 0; i < c.Topics; i++ {
		d := topicDefs[i]
		s.Topics = append(s.Topics, content.Topic{
			ID: d.id, Order: i + 1, Icon: d.icon, Title: g.tr(d.title),
			Summary: g.text(func(b *strings.Builder, li int) {
				b.WriteString(d.title[li])
				b.WriteString(": ")
				b.WriteString(lowerFirst(topicSummary[li], li))
			}),
		})
	}
	for i := 0; i < c.Projects; i++ {
		s.Projects = append(s.Projects, g.project(i))
	}
	g.projects = s.Projects
	for i := 0; i < c.Articles; i++ {
		s.Articles = append(s.Articles, g.article(i, c.Topics))
	}
	for i := 0; i < c.Services; i++ {
		s.Services = append(s.Services, g.service(i))
	}
	for i := 0; i < c.Events; i++ {
		s.Events = append(s.Events, g.event(i))
	}
	return s
}

// gen holds the state of one Generate call.
type gen struct {
	r         *rand.Rand
	drop      int // index into content.Languages left out of this item, or -1
	b         strings.Builder
	start     time.Time // o.Start in Stockholm
	day0      time.Time // midnight of Start's day in Stockholm
	munis     []muni
	muniIndex map[string]int // lookup only, never iterated
	projects  []content.Project
	sl        slots
}

// slots are the values that fill {c}, {m}, {d}, {t} and {a} in templates.
type slots struct {
	c, m, d, a tr
	t          string
}

func (g *gen) pick(n int) int { return g.r.IntN(n) }

func (g *gen) chance(percent int) bool { return g.r.IntN(100) < percent }

// beginItem decides whether the next item lacks a language.
func (g *gen) beginItem() {
	g.drop = -1
	if g.chance(dropPercent) {
		g.drop = g.pick(len(content.Languages))
	}
}

// text builds a Text language by language, leaving out g.drop.
func (g *gen) text(build func(b *strings.Builder, li int)) content.Text {
	t := make(content.Text, len(content.Languages))
	for li, l := range content.Languages {
		if li == g.drop {
			continue
		}
		g.b.Reset()
		build(&g.b, li)
		t[l] = g.b.String()
	}
	return t
}

// tr makes a Text of a fixed phrase.
func (g *gen) tr(p tr) content.Text {
	t := make(content.Text, len(content.Languages))
	for li, l := range content.Languages {
		if li != g.drop {
			t[l] = p[li]
		}
	}
	return t
}

// fill makes a Text of a template with the current slots.
func (g *gen) fill(p tr) content.Text {
	return g.text(func(b *strings.Builder, li int) { g.render(b, p[li], li) })
}

// render writes template tpl in language li, filling the slots.
func (g *gen) render(b *strings.Builder, tpl string, li int) {
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 || i+2 >= len(tpl) || tpl[i+2] != '}' {
			b.WriteString(tpl)
			return
		}
		b.WriteString(tpl[:i])
		switch tpl[i+1] {
		case 'c':
			b.WriteString(g.sl.c[li])
		case 'm':
			b.WriteString(g.sl.m[li])
		case 'd':
			b.WriteString(g.sl.d[li])
		case 'a':
			b.WriteString(g.sl.a[li])
		case 't':
			b.WriteString(g.sl.t)
		default:
			b.WriteString(tpl[i : i+3])
		}
		tpl = tpl[i+3:]
	}
}

// choose picks k distinct indices below n (k ≤ 8) into buf.
func (g *gen) choose(buf *[8]int, k, n int) []int {
	k = min(k, n, len(buf))
	out := buf[:0]
	for len(out) < k {
		x := g.pick(n)
		dup := false
		for _, y := range out {
			dup = dup || x == y
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// sentences writes the chosen templates as one paragraph.
func (g *gen) sentences(b *strings.Builder, li int, from []tr, idx []int) {
	for i, k := range idx {
		if i > 0 {
			b.WriteByte(' ')
		}
		g.render(b, from[k][li], li)
	}
}

// paragraph is a Text of k distinct sentences from the general list.
func (g *gen) paragraph(k int) content.Text {
	var buf [8]int
	idx := g.choose(&buf, k, len(sentences))
	return g.text(func(b *strings.Builder, li int) { g.sentences(b, li, sentences, idx) })
}

// setSlots fills the slots for an item about concept c in municipality m
// (nil: national).
func (g *gen) setSlots(c *concept, m *muni, day time.Weekday, clock string) {
	g.sl.c = c.name
	if m != nil {
		g.sl.m = m.name
	} else {
		g.sl.m = tr{"Sverige", "Швеція", "السويد", "Sweden"}
	}
	g.sl.d = weekdays[day]
	g.sl.t = clock
	g.sl.a = audiences[g.pick(len(audiences))]
}

// muni picks a municipality, or nil when there are none or, with the
// given chance, for national items.
func (g *gen) muni(nationalPercent int) *muni {
	if len(g.munis) == 0 || g.chance(nationalPercent) {
		return nil
	}
	return &g.munis[g.pick(len(g.munis))]
}

func muniID(m *muni) string {
	if m == nil {
		return ""
	}
	return m.id
}

// title writes a capitalised concept and a modifier.
func (g *gen) title(c *concept, mod tr) content.Text {
	return g.text(func(b *strings.Builder, li int) {
		b.WriteString(upperFirst(c.name[li], li))
		b.WriteString(mod[li])
	})
}

func (g *gen) concept() *concept { return &concepts[g.pick(len(concepts))] }

// categories returns the concept's category and sometimes a second one.
func (g *gen) categories(c *concept) []string {
	if g.chance(30) {
		other := content.Categories[g.pick(len(content.Categories))]
		if other != c.category {
			return []string{c.category, other}
		}
	}
	return []string{c.category}
}

func (g *gen) organisation(m *muni) content.Text {
	o := organisations[g.pick(len(organisations))]
	if m == nil && strings.Contains(o[0], "{m}") {
		o = organisations[2]
	}
	return g.fill(o)
}

// address is a plausible street address in m.
func (g *gen) address(m *muni) *content.Address {
	num := strconv.Itoa(1 + g.pick(120))
	if g.chance(15) {
		num += string(rune('A' + g.pick(3)))
	}
	pc := 10000 + g.pick(88500)
	return &content.Address{
		Street:     streets[g.pick(len(streets))] + " " + num,
		PostalCode: strconv.Itoa(pc/100) + " " + pad2(pc%100),
		City:       m.city,
	}
}

func (g *gen) geo(m *muni) *content.Geo {
	round := func(x float64) float64 { return math.Round(x*1e5) / 1e5 }
	return &content.Geo{
		Lat: round(m.lat + (g.r.Float64()-0.5)*0.5),
		Lon: round(m.lon + (g.r.Float64()-0.5)*0.8),
	}
}

// phone is empty or a number in the range reserved for fiction.
func (g *gen) phone() string {
	if g.chance(40) {
		return ""
	}
	return "070-" + strconv.Itoa(1740605+g.pick(95))
}

// date returns the day d days after Start's day.
func (g *gen) date(d int) time.Time { return g.day0.AddDate(0, 0, d) }

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func clock(h, m int) string { return pad2(h) + ":" + pad2(m) }

func (g *gen) project(i int) content.Project {
	g.beginItem()
	c := g.concept()
	name := projectNames[g.pick(len(projectNames))]
	id := asciiID(name[0]) + "-" + c.slug + "-" + strconv.Itoa(i+1)
	p := content.Project{ID: id}
	var home *muni
	if len(g.munis) > 0 {
		k := 1 + g.pick(4)
		for j := 0; j < k; j++ {
			m := &g.munis[g.pick(len(g.munis))]
			if home == nil {
				home = m
			}
			dup := false
			for _, id := range p.Municipalities {
				dup = dup || id == m.id
			}
			if !dup {
				p.Municipalities = append(p.Municipalities, m.id)
			}
		}
	}
	g.setSlots(c, home, time.Monday, "")
	mod := modifiers[g.pick(len(modifiers))]
	p.Name = g.text(func(b *strings.Builder, li int) {
		b.WriteString(name[li])
		b.WriteString(" – ")
		b.WriteString(upperFirst(c.name[li], li))
		b.WriteString(mod[li])
	})
	p.Owner = g.organisation(home)
	for j, k := 0, g.pick(4); j < k; j++ {
		p.Partners = append(p.Partners, g.organisation(home))
	}
	if !g.chance(10) {
		from := g.date(-g.pick(3 * 365))
		p.Start = from.Format(time.DateOnly)
		if !g.chance(10) {
			p.End = from.AddDate(1+g.pick(3), 0, -1).Format(time.DateOnly)
		}
	}
	var buf [8]int
	idx := g.choose(&buf, 2+g.pick(3), len(projectSentences))
	p.Summary = g.text(func(b *strings.Builder, li int) { g.sentences(b, li, projectSentences, idx) })
	oi := g.choose(&buf, 3+g.pick(3), len(offers))
	p.Offers = g.text(func(b *strings.Builder, li int) {
		for j, k := range oi {
			if j > 0 {
				b.WriteByte('\n')
			}
			b.WriteString("- ")
			b.WriteString(offers[k][li])
		}
	})
	p.ContactRole = g.tr(contactRoles[g.pick(len(contactRoles))])
	p.Email = id + "@example.org"
	p.Website = "https://example.org/projekt/" + id
	p.Categories = g.categories(c)
	return p
}

func (g *gen) article(i, topics int) content.Article {
	g.beginItem()
	c := g.concept()
	asp := aspects[g.pick(len(aspects))]
	m := g.muni(50)
	g.setSlots(c, m, time.Weekday(g.pick(7)), clock(9+g.pick(9), 0))
	a := content.Article{
		ID:           c.slug + "-" + asp.slug + "-" + strconv.Itoa(i+1),
		Topic:        topicDefs[categoryTopic[c.category]%topics].id,
		Order:        1 + g.pick(20),
		Municipality: muniID(m),
		Sources:      []string{"https://example.org/kallor/" + c.slug},
		Updated:      g.date(-1 - g.pick(365)).Format(time.DateOnly),
	}
	a.Title = g.text(func(b *strings.Builder, li int) {
		b.WriteString(upperFirst(c.name[li], li))
		b.WriteString(": ")
		b.WriteString(asp.name[li])
	})
	if i == 0 {
		// The core article every version must hold (content.Core).
		a.ID, a.Topic, a.Municipality = "emergency-112", topicDefs[0].id, ""
		a.Title = g.tr(emergencyTitle)
	}
	a.Summary = g.paragraph(1)
	var b1, b2, b3 [8]int
	p1 := g.choose(&b1, 1+g.pick(3), len(sentences))
	p2 := g.choose(&b2, 1+g.pick(3), len(sentences))
	bl := g.choose(&b3, 2+g.pick(3), len(bullets))
	a.Body = g.text(func(b *strings.Builder, li int) {
		g.sentences(b, li, sentences, p1)
		b.WriteString("\n\n## ")
		b.WriteString(articleHeading[li])
		b.WriteString("\n\n")
		for _, k := range bl {
			b.WriteString("- ")
			b.WriteString(bullets[k][li])
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
		g.sentences(b, li, sentences, p2)
	})
	return a
}

// weeklyPatterns are typical opening hours; 0 means random hours.
func (g *gen) hours() *content.OpeningHours {
	switch x := g.pick(100); {
	case x < 8:
		return nil // unknown
	case x < 11:
		return &content.OpeningHours{AlwaysOpen: true}
	}
	h := &content.OpeningHours{Weekly: map[string][]content.TimeSlot{}}
	days := []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	set := func(day string, slots ...content.TimeSlot) { h.Weekly[day] = slots }
	slot := func(a, b string) content.TimeSlot { return content.TimeSlot{Opens: a, Closes: b} }
	switch g.pick(5) {
	case 0: // office hours
		for _, d := range days[:4] {
			set(d, slot("08:00", "16:00"))
		}
		set("fri", slot("08:00", "15:00"))
	case 1: // split with lunch
		for _, d := range []string{"mon", "tue", "thu"} {
			set(d, slot("09:00", "12:00"), slot("13:00", "16:00"))
		}
	case 2: // evenings
		set("tue", slot("17:00", "20:00"))
		set("thu", slot("17:00", "20:00"))
	case 3: // afternoon and weekend
		set("wed", slot("13:00", "18:00"))
		set("sat", slot("10:00", "14:00"))
	default: // random
		for _, d := range days {
			if g.chance(50) {
				open := 8 + g.pick(5)
				set(d, slot(clock(open, 0), clock(open+2+g.pick(7), 30*g.pick(2))))
			}
		}
		if len(h.Weekly) == 0 {
			set("mon", slot("10:00", "15:00"))
		}
	}
	for _, k := range g.r.Perm(len(holidays))[:g.pick(4)] {
		hd := holidays[k]
		ex := content.HoursException{Date: g.nextDate(hd.month, hd.day), Note: g.tr(hd.name)}
		if g.chance(75) {
			ex.Closed = true
		} else {
			ex.Slots = []content.TimeSlot{slot("10:00", "13:00")}
		}
		h.Exceptions = append(h.Exceptions, ex)
	}
	// Sorted by date so the list reads like a calendar.
	for i := 1; i < len(h.Exceptions); i++ {
		for j := i; j > 0 && h.Exceptions[j].Date < h.Exceptions[j-1].Date; j-- {
			h.Exceptions[j], h.Exceptions[j-1] = h.Exceptions[j-1], h.Exceptions[j]
		}
	}
	if g.chance(10) {
		h.Note = g.tr(hoursNote)
	}
	return h
}

// nextDate is the first date with this month and day after Start (day 0:
// midsummer eve, the Friday from 19 to 25 June).
func (g *gen) nextDate(month, day int) string {
	for y := g.day0.Year(); ; y++ {
		d := day
		if d == 0 {
			t := time.Date(y, time.June, 19, 12, 0, 0, 0, stockholm)
			d = 19 + (int(time.Friday)-int(t.Weekday())+7)%7
		}
		t := time.Date(y, time.Month(month), d, 0, 0, 0, 0, stockholm)
		if t.After(g.day0) {
			return t.Format(time.DateOnly)
		}
	}
}

func (g *gen) service(i int) content.Service {
	g.beginItem()
	c := g.concept()
	m := g.muni(5)
	g.setSlots(c, m, time.Weekday(g.pick(7)), clock(9+g.pick(9), 0))
	where := "sverige"
	if m != nil {
		where = m.id
	}
	v := content.Service{
		ID:           c.slug + "-" + where + "-" + strconv.Itoa(i+1),
		Categories:   g.categories(c),
		Municipality: muniID(m),
		TimeZone:     Zone,
	}
	dist := districts[g.pick(len(districts))]
	v.Name = g.text(func(b *strings.Builder, li int) {
		b.WriteString(upperFirst(c.name[li], li))
		if m != nil {
			b.WriteByte(' ')
			b.WriteString(g.sl.m[li])
		}
		b.WriteString(" – ")
		if m != nil {
			b.WriteString(dist[li])
		} else {
			b.WriteString(g.sl.m[li])
		}
	})
	v.Organisation = g.organisation(m)
	v.Description = g.paragraph(2 + g.pick(5))
	if m != nil {
		v.Address = g.address(m)
		v.Geo = g.geo(m)
	}
	v.Phone = g.phone()
	if g.chance(70) {
		v.Email = v.ID + "@example.org"
	}
	v.Website = "https://example.org/" + where + "/" + v.ID
	v.Hours = g.hours()
	v.Languages = []string{"sv"}
	for j, k := 0, g.pick(4); j < k; j++ {
		l := spoken[g.pick(len(spoken))]
		dup := false
		for _, x := range v.Languages {
			dup = dup || x == l
		}
		if !dup {
			v.Languages = append(v.Languages, l)
		}
	}
	return v
}

func (g *gen) event(i int) content.Event {
	g.beginItem()
	c := g.concept()
	e := content.Event{TimeZone: Zone, Categories: g.categories(c)}
	var m *muni
	if len(g.projects) > 0 && g.chance(30) {
		p := &g.projects[g.pick(len(g.projects))]
		e.Project = p.ID
		if len(p.Municipalities) > 0 {
			m = g.muniByID(p.Municipalities[g.pick(len(p.Municipalities))])
		}
	} else {
		m = g.muni(3)
	}
	e.Municipality = muniID(m)

	// A day in (Start, Start+1 year]; daytime hours never meet the DST
	// change at 02:00–03:00.
	day := g.date(1 + g.pick(364))
	if g.chance(5) {
		e.AllDay = true
		e.Start = day
		e.End = day.AddDate(0, 0, 1)
	} else {
		h, mi := 9+g.pick(11), 15*g.pick(4)
		e.Start = time.Date(day.Year(), day.Month(), day.Day(), h, mi, 0, 0, stockholm)
		e.End = e.Start.Add(time.Duration(60+30*g.pick(5)) * time.Minute)
	}
	e.ID = c.slug + "-" + e.Start.Format(time.DateOnly) + "-" + strconv.Itoa(i+1)
	if g.chance(20) {
		e.RRule = "FREQ=WEEKLY;BYDAY=" + rruleDays[e.Start.Weekday()] + ";COUNT=" + strconv.Itoa(4+g.pick(9))
		if g.chance(25) {
			e.RRule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=" + rruleDays[e.Start.Weekday()] + ";COUNT=" + strconv.Itoa(3+g.pick(6))
		}
	}

	g.setSlots(c, m, e.Start.Weekday(), e.Start.Format("15:04"))
	e.Title = g.title(c, modifiers[g.pick(len(modifiers))])
	e.Description = g.paragraph(2 + g.pick(5))
	e.Organiser = g.organisation(m)

	switch x := g.pick(100); {
	case x < 70 && m != nil:
		e.Attendance = content.Offline
	case x < 85:
		e.Attendance = content.Online
	default:
		e.Attendance = content.Mixed
	}
	if m == nil && e.Attendance != content.Online {
		e.Attendance = content.Online // no municipality, no place
	}
	if e.Attendance != content.Online {
		e.Place = &content.Place{Name: g.tr(venues[g.pick(len(venues))]), Address: g.address(m), Geo: g.geo(m)}
	}
	if e.Attendance != content.Offline {
		if g.chance(80) {
			e.OnlineURL = "https://example.org/mote/" + e.ID
		} else {
			e.OnlineInfo = g.tr(onlineInfo)
		}
	}
	return e
}

func (g *gen) muniByID(id string) *muni {
	if g.muniIndex == nil {
		g.muniIndex = make(map[string]int, len(g.munis))
		for i := range g.munis {
			g.muniIndex[g.munis[i].id] = i
		}
	}
	if i, ok := g.muniIndex[id]; ok {
		return &g.munis[i]
	}
	return nil
}

// upperFirst capitalises the first letter (Arabic has no case).
func upperFirst(s string, li int) string {
	if s == "" || li == 2 {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func lowerFirst(s string, li int) string {
	if s == "" || li == 2 {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
