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
	for _, m := range s.Municipalities {
		c := checker{KindMunicipality, m.ID, &out}
		c.itemID(m.ID)
		c.text("name", m.Name, true)
		c.text("county", m.County, false)
	}
	for _, t := range s.Topics {
		c := checker{KindTopic, t.ID, &out}
		c.itemID(t.ID)
		c.text("title", t.Title, true)
		c.text("summary", t.Summary, false)
	}
	for i := range s.Projects {
		validateProject(&s.Projects[i], refs, &out)
	}
	for i := range s.Articles {
		validateArticle(&s.Articles[i], refs, &out)
	}
	for i := range s.Services {
		validateService(&s.Services[i], refs, &out)
	}
	for i := range s.Events {
		validateEvent(&s.Events[i], refs, &out)
	}
	return out
}

// refSets holds the ids of each kind that can be referred to.
type refSets struct {
	municipalities, topics, projects map[string]bool
}

// refs collects ids and reports duplicates.
func (s *Set) refs(out *Problems) refSets {
	r := refSets{map[string]bool{}, map[string]bool{}, map[string]bool{}}
	seen := map[Kind]map[string]bool{}
	note := func(k Kind, id string) {
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		if seen[k][id] {
			*out = append(*out, Problem{k, id, "id", "is used by more than one item"})
		}
		seen[k][id] = true
	}
	for _, m := range s.Municipalities {
		note(KindMunicipality, m.ID)
		r.municipalities[m.ID] = true
	}
	for _, t := range s.Topics {
		note(KindTopic, t.ID)
		r.topics[t.ID] = true
	}
	for _, p := range s.Projects {
		note(KindProject, p.ID)
		r.projects[p.ID] = true
	}
	for _, a := range s.Articles {
		note(KindArticle, a.ID)
	}
	for _, v := range s.Services {
		note(KindService, v.ID)
	}
	for _, e := range s.Events {
		note(KindEvent, e.ID)
	}
	return r
}

func validateProject(p *Project, r refSets, out *Problems) {
	c := checker{KindProject, p.ID, out}
	c.itemID(p.ID)
	c.text("name", p.Name, true)
	c.text("owner", p.Owner, false)
	c.text("summary", p.Summary, true)
	c.text("offers", p.Offers, false)
	c.text("contactRole", p.ContactRole, false)
	for i, partner := range p.Partners {
		c.text(fmt.Sprintf("partners[%d]", i), partner, true)
	}
	c.date("start", p.Start)
	c.date("end", p.End)
	if p.Start != "" && p.End != "" && p.End < p.Start {
		c.add("end", "%s is before start %s", p.End, p.Start)
	}
	for i, m := range p.Municipalities {
		c.ref(fmt.Sprintf("municipalities[%d]", i), m, r.municipalities, "municipality")
	}
	c.email("email", p.Email)
	c.webURL("website", p.Website)
	c.categories("categories", p.Categories)
}

func validateArticle(a *Article, r refSets, out *Problems) {
	c := checker{KindArticle, a.ID, out}
	c.itemID(a.ID)
	if a.Topic == "" {
		c.add("topic", "is required")
	}
	c.ref("topic", a.Topic, r.topics, "topic")
	c.text("title", a.Title, true)
	c.text("summary", a.Summary, false)
	c.text("body", a.Body, true)
	c.ref("municipality", a.Municipality, r.municipalities, "municipality")
	c.date("updated", a.Updated)
	for i, src := range a.Sources {
		c.webURL(fmt.Sprintf("sources[%d]", i), src)
	}
}

func validateService(v *Service, r refSets, out *Problems) {
	c := checker{KindService, v.ID, out}
	c.itemID(v.ID)
	c.text("name", v.Name, true)
	c.text("organisation", v.Organisation, false)
	c.text("description", v.Description, false)
	c.categories("categories", v.Categories)
	c.ref("municipality", v.Municipality, r.municipalities, "municipality")
	c.geo("geo", v.Geo)
	c.email("email", v.Email)
	c.webURL("website", v.Website)
	c.zone("timeZone", v.TimeZone, v.Hours != nil)
	if v.Hours != nil {
		validateHours(c, v.Hours)
	}
}

func validateHours(c checker, h *OpeningHours) {
	c.text("hours.note", h.Note, false)
	for day, slots := range h.Weekly {
		if !contains(weekdayKeys, day) {
			c.add("hours.weekly."+day, "unknown weekday (use %s)", strings.Join(weekdayKeys, ", "))
			continue
		}
		validateSlots(c, "hours.weekly."+day, slots)
	}
	for i, ex := range h.Exceptions {
		field := fmt.Sprintf("hours.exceptions[%d]", i)
		if ex.Date == "" {
			c.add(field+".date", "is required")
		}
		c.date(field+".date", ex.Date)
		c.text(field+".note", ex.Note, false)
		if ex.Closed && len(ex.Slots) > 0 {
			c.add(field, "is closed but also lists opening times")
		}
		validateSlots(c, field+".slots", ex.Slots)
	}
}

func validateSlots(c checker, field string, slots []TimeSlot) {
	for i, s := range slots {
		f := fmt.Sprintf("%s[%d]", field, i)
		okOpen, okClose := hhmmPattern.MatchString(s.Opens), hhmmPattern.MatchString(s.Closes)
		if !okOpen {
			c.add(f+".opens", "%q is not a time (HH:MM)", s.Opens)
		}
		if !okClose {
			c.add(f+".closes", "%q is not a time (HH:MM)", s.Closes)
		}
		if okOpen && okClose && s.Closes <= s.Opens {
			c.add(f, "closes at %s, not after it opens at %s", s.Closes, s.Opens)
		}
	}
}

func validateEvent(e *Event, r refSets, out *Problems) {
	c := checker{KindEvent, e.ID, out}
	c.itemID(e.ID)
	c.text("title", e.Title, true)
	c.text("description", e.Description, false)
	c.text("organiser", e.Organiser, false)
	c.text("onlineInfo", e.OnlineInfo, false)
	if e.Start.IsZero() {
		c.add("start", "is required")
	}
	if !e.End.IsZero() && e.End.Before(e.Start) {
		c.add("end", "%s is before start %s", e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
	}
	c.zone("timeZone", e.TimeZone, true)
	if e.RRule != "" {
		if _, err := ParseRRule(e.RRule); err != nil {
			c.add("rrule", "%v", err)
		}
	}
	switch e.Attendance {
	case Offline, Online, Mixed:
	default:
		c.add("attendance", "%q is not offline, online or mixed", e.Attendance)
	}
	if (e.Attendance == Offline || e.Attendance == Mixed) && e.Place == nil {
		c.add("place", "is required for an event people attend in person")
	}
	if (e.Attendance == Online || e.Attendance == Mixed) && e.OnlineURL == "" && e.OnlineInfo.Empty() {
		c.add("onlineUrl", "an online event needs onlineUrl or onlineInfo")
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
