package content

import (
	"fmt"
	"strings"
	"time"
)

// Validate checks the whole set: every item on its own, ids unique within
// their kind, and every reference pointing at an item that exists. It
// returns every problem found, not only the first, in item order.
func (s *Set) Validate() Problems {
	var out Problems
	refs := s.refs(&out)
	s.Each(func(item Item) { out = append(out, ValidateItem(item, refs)...) })
	return out
}

// Refs are the ids that items may refer to: municipalities, topics and
// projects. They are few, so a version too large to hold as one Set can
// still be checked item by item against them.
type Refs struct {
	municipalities, topics, projects map[string]bool
}

// NewRefs returns an empty set of referable ids.
func NewRefs() *Refs {
	return &Refs{map[string]bool{}, map[string]bool{}, map[string]bool{}}
}

func (r *Refs) of(kind Kind) map[string]bool {
	switch kind {
	case KindMunicipality:
		return r.municipalities
	case KindTopic:
		return r.topics
	case KindProject:
		return r.projects
	}
	return nil
}

// Referable reports whether items of kind can be referred to.
func Referable(kind Kind) bool {
	return kind == KindMunicipality || kind == KindTopic || kind == KindProject
}

// Add records that an item of a referable kind exists; other kinds are ignored.
func (r *Refs) Add(kind Kind, id string) {
	if m := r.of(kind); m != nil {
		m[id] = true
	}
}

// Remove records that an item no longer exists.
func (r *Refs) Remove(kind Kind, id string) { delete(r.of(kind), id) }

// Has reports whether a referable item exists.
func (r *Refs) Has(kind Kind, id string) bool { return r.of(kind)[id] }

// refs collects ids and reports duplicates.
func (s *Set) refs(out *Problems) *Refs {
	r := NewRefs()
	seen := map[Kind]map[string]bool{}
	s.Each(func(item Item) {
		k, id := item.Kind(), item.ItemID()
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		if seen[k][id] {
			*out = append(*out, NewProblem(k, id, "id", CodeIDDuplicate))
		}
		seen[k][id] = true
		r.Add(k, id)
	})
	return r
}

// ValidateItem checks one item on its own
// and its references against refs. Duplicate ids are the caller's to find.
func ValidateItem(item Item, refs *Refs) Problems {
	var out Problems
	item.validate(refs, &out)
	return append(out, policyProblems(item, out)...)
}

func (m *Municipality) validate(_ *Refs, out *Problems) {
	c := checker{KindMunicipality, m.ID, out}
	c.itemID(m.ID)
	c.text("name", m.Name, true)
	c.text("county", m.County, false)
}

func (t *Topic) validate(_ *Refs, out *Problems) {
	c := checker{KindTopic, t.ID, out}
	c.itemID(t.ID)
	c.image(t.Image)
	c.text("title", t.Title, true)
	c.text("summary", t.Summary, false)
}

func (p *Project) validate(r *Refs, out *Problems) { validateProject(p, r, out) }
func (a *Article) validate(r *Refs, out *Problems) { validateArticle(a, r, out) }
func (v *Service) validate(r *Refs, out *Problems) { validateService(v, r, out) }
func (e *Event) validate(r *Refs, out *Problems)   { validateEvent(e, r, out) }

// policyProblems checks the item's strings against the text policy, leaving
// out fields that already have a problem (one clear problem per field).
func policyProblems(item Item, found Problems) Problems {
	var ps Problems
	checker{item.Kind(), item.ItemID(), &ps}.stringsOf(item)
	if len(found) == 0 {
		return ps
	}
	seen := map[string]bool{}
	for _, p := range found {
		seen[p.Field] = true
	}
	out := ps[:0]
	for _, p := range ps {
		if !seen[p.Field] {
			out = append(out, p)
		}
	}
	return out
}

func validateProject(p *Project, r *Refs, out *Problems) {
	c := checker{KindProject, p.ID, out}
	c.itemID(p.ID)
	c.image(p.Image)
	c.text("name", p.Name, true)
	c.text("owner", p.Owner, false)
	c.text("summary", p.Summary, true)
	c.text("offers", p.Offers, false)
	c.text("contactRole", p.ContactRole, false)
	c.keywords(p.Keywords)
	for i, partner := range p.Partners {
		c.text(fmt.Sprintf("partners[%d]", i), partner, true)
	}
	c.projectDates(p.Start, p.End)
	c.date("updated", p.Updated)
	for i, m := range p.Municipalities {
		c.ref(fmt.Sprintf("municipalities[%d]", i), m, r.municipalities, "municipality")
	}
	c.email("email", p.Email)
	c.webURL("website", p.Website)
	c.categories("categories", p.Categories)
}

func validateArticle(a *Article, r *Refs, out *Problems) {
	c := checker{KindArticle, a.ID, out}
	c.itemID(a.ID)
	c.image(a.Image)
	if a.Topic == "" {
		c.add("topic", CodeRequired)
	}
	c.ref("topic", a.Topic, r.topics, "topic")
	c.text("title", a.Title, true)
	c.text("summary", a.Summary, false)
	c.text("body", a.Body, true)
	c.keywords(a.Keywords)
	c.ref("municipality", a.Municipality, r.municipalities, "municipality")
	c.date("updated", a.Updated)
	for i, src := range a.Sources {
		c.webURL(fmt.Sprintf("sources[%d]", i), src)
	}
}

func validateService(v *Service, r *Refs, out *Problems) {
	c := checker{KindService, v.ID, out}
	c.itemID(v.ID)
	c.image(v.Image)
	c.text("name", v.Name, true)
	c.text("organisation", v.Organisation, false)
	c.text("description", v.Description, false)
	c.keywords(v.Keywords)
	c.categories("categories", v.Categories)
	c.ref("municipality", v.Municipality, r.municipalities, "municipality")
	c.geo("geo", v.Geo)
	c.email("email", v.Email)
	c.webURL("website", v.Website)
	c.zone("timeZone", v.TimeZone, v.Hours != nil)
	c.date("updated", v.Updated)
	if v.Hours != nil {
		validateHours(c, v.Hours)
	}
}

func validateHours(c checker, h *OpeningHours) {
	c.text("hours.note", h.Note, false)
	for day, slots := range h.Weekly {
		if !contains(weekdayKeys, day) {
			c.add("hours.weekly."+day, CodeWeekdayUnknown, strings.Join(weekdayKeys, ", "))
			continue
		}
		validateSlots(c, "hours.weekly."+day, slots)
	}
	for i, ex := range h.Exceptions {
		field := fmt.Sprintf("hours.exceptions[%d]", i)
		if ex.Date == "" {
			c.add(field+".date", CodeRequired)
		}
		c.date(field+".date", ex.Date)
		c.text(field+".note", ex.Note, false)
		if ex.Closed && len(ex.Slots) > 0 {
			c.add(field, CodeClosedWithTimes)
		}
		validateSlots(c, field+".slots", ex.Slots)
	}
}

func validateSlots(c checker, field string, slots []TimeSlot) {
	for i, s := range slots {
		f := fmt.Sprintf("%s[%d]", field, i)
		okOpen, okClose := hhmmPattern.MatchString(s.Opens), hhmmPattern.MatchString(s.Closes)
		if !okOpen {
			c.add(f+".opens", CodeTimeInvalid, s.Opens)
		}
		if !okClose {
			c.add(f+".closes", CodeTimeInvalid, s.Closes)
		}
		if okOpen && okClose && s.Closes <= s.Opens {
			c.add(f, CodeClosesBeforeOpens, s.Closes, s.Opens)
		}
	}
}

func validateEvent(e *Event, r *Refs, out *Problems) {
	c := checker{KindEvent, e.ID, out}
	c.itemID(e.ID)
	c.image(e.Image)
	c.text("title", e.Title, true)
	c.text("description", e.Description, false)
	c.text("organiser", e.Organiser, false)
	c.text("onlineInfo", e.OnlineInfo, false)
	c.keywords(e.Keywords)
	if e.Start.IsZero() {
		c.add("start", CodeRequired)
	}
	if !e.End.IsZero() && e.End.Before(e.Start) {
		c.add("end", CodeEndBeforeStart, e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
	}
	c.zone("timeZone", e.TimeZone, true)
	c.date("updated", e.Updated)
	c.recurrence(e)
	switch e.Attendance {
	case Offline, Online, Mixed:
	default:
		c.add("attendance", CodeAttendanceInvalid, string(e.Attendance))
	}
	if (e.Attendance == Offline || e.Attendance == Mixed) && e.Place == nil {
		c.add("place", CodePlaceRequired)
	}
	if (e.Attendance == Online || e.Attendance == Mixed) && e.OnlineURL == "" && e.OnlineInfo.Empty() {
		c.add("onlineUrl", CodeOnlineRequired)
	}
	if e.Place != nil {
		c.text("place.name", e.Place.Name, false)
		c.geo("place.geo", e.Place.Geo)
	}
	c.webURL("onlineUrl", e.OnlineURL)
	c.ref("project", e.Project, r.projects, "project")
	c.ref("municipality", e.Municipality, r.municipalities, "municipality")
	c.categories("categories", e.Categories)
}
