package content

import (
	"errors"
	"fmt"
	"slices"
)

// Item is one content item of any kind: a *Municipality, *Topic,
// *Project, *Article, *Service or *Event, and nothing else (the interface
// has unexported methods, so the six kinds are all there are).
type Item interface {
	// Kind is the item's kind.
	Kind() Kind
	// ItemID is the item's id (unique within its kind).
	ItemID() string
	// Main is the item's title or name.
	Main() Text
	// SearchTexts calls fn with each text a visitor may find the item by.
	SearchTexts(fn func(SearchText))

	addTo(s *Set)
	validate(r *Refs, out *Problems)
}

// Role is what a text is to its item, for weighing a search match.
type Role uint8

// The roles, from the most telling.
const (
	RoleTitle Role = iota // title or name
	RoleShort             // summary, organisation, organiser, owner, place, keywords
	RoleBody              // body, description, offers, addresses, municipality
)

// SearchText is one text of an item: translated (Text), plain in no
// language (Plain: names, addresses), or the name of another item it
// refers to (Ref, a municipality or a topic: only the caller can look it
// up).
type SearchText struct {
	Role  Role
	Text  Text
	Plain string
	Ref   Ref
}

// kindTypes lists every kind once: its name, how to make an empty item of
// it, and its place in Kinds (the order they are loaded and validated,
// things that are referred to before the things that refer to them).
var kindTypes = []kindType{
	{KindMunicipality, func() Item { return new(Municipality) }},
	{KindTopic, func() Item { return new(Topic) }},
	{KindProject, func() Item { return new(Project) }},
	{KindArticle, func() Item { return new(Article) }},
	{KindService, func() Item { return new(Service) }},
	{KindEvent, func() Item { return new(Event) }},
}

type kindType struct {
	kind    Kind
	newItem func() Item
}

// Kinds lists every kind, in the order they are loaded and validated
// (things that are referred to come before the things that refer to them).
var Kinds = func() []Kind {
	out := make([]Kind, len(kindTypes))
	for i, t := range kindTypes {
		out[i] = t.kind
	}
	return out
}()

// Rank is the kind's place in Kinds, so that sorting by it puts the kinds
// that are referred to first; -1 for an unknown kind.
func (k Kind) Rank() int { return slices.Index(Kinds, k) }

func typeOf(kind Kind) (kindType, error) {
	if r := kind.Rank(); r >= 0 {
		return kindTypes[r], nil
	}
	return kindType{}, fmt.Errorf("unknown kind %q", kind)
}

// NewItem returns a new, empty item of a kind, to decode into.
func NewItem(kind Kind) (Item, error) {
	t, err := typeOf(kind)
	if err != nil {
		return nil, err
	}
	return t.newItem(), nil
}

// DecodeItems decodes a JSON array of items of a kind (a feed shard),
// item by item within the limits of decodeItems.
func DecodeItems(kind Kind, data []byte) ([]Item, error) {
	t, err := typeOf(kind)
	if err != nil {
		return nil, err
	}
	return decodeItems(t, data)
}

// Each calls fn with every item, kind by kind in the order of Kinds
// (referred-to kinds first).
func (s *Set) Each(fn func(item Item)) {
	for _, kind := range Kinds {
		s.EachOf(kind, fn)
	}
}

// EachOf calls fn with every item of one kind, in the set's order.
func (s *Set) EachOf(kind Kind, fn func(item Item)) {
	switch kind {
	case KindMunicipality:
		eachOf(s.Municipalities, fn)
	case KindTopic:
		eachOf(s.Topics, fn)
	case KindProject:
		eachOf(s.Projects, fn)
	case KindArticle:
		eachOf(s.Articles, fn)
	case KindService:
		eachOf(s.Services, fn)
	case KindEvent:
		eachOf(s.Events, fn)
	}
}

// eachOf calls fn with a pointer to each of items.
func eachOf[T any, P interface {
	*T
	Item
}](items []T, fn func(Item)) {
	for i := range items {
		fn(P(&items[i]))
	}
}

// Add appends a copy of an item to the set; a nil item is an error.
func (s *Set) Add(item Item) error {
	if item == nil || isNilPointer(item) {
		return errors.New("content: cannot add a nil item to a set")
	}
	item.addTo(s)
	return nil
}

func isNilPointer(item Item) bool {
	switch it := item.(type) {
	case *Municipality:
		return it == nil
	case *Topic:
		return it == nil
	case *Project:
		return it == nil
	case *Article:
		return it == nil
	case *Service:
		return it == nil
	case *Event:
		return it == nil
	}
	return false
}

func (m *Municipality) Kind() Kind     { return KindMunicipality }
func (t *Topic) Kind() Kind            { return KindTopic }
func (p *Project) Kind() Kind          { return KindProject }
func (a *Article) Kind() Kind          { return KindArticle }
func (v *Service) Kind() Kind          { return KindService }
func (e *Event) Kind() Kind            { return KindEvent }
func (m *Municipality) ItemID() string { return m.ID }
func (t *Topic) ItemID() string        { return t.ID }
func (p *Project) ItemID() string      { return p.ID }
func (a *Article) ItemID() string      { return a.ID }
func (v *Service) ItemID() string      { return v.ID }
func (e *Event) ItemID() string        { return e.ID }
func (m *Municipality) Main() Text     { return m.Name }
func (t *Topic) Main() Text            { return t.Title }
func (p *Project) Main() Text          { return p.Name }
func (a *Article) Main() Text          { return a.Title }
func (v *Service) Main() Text          { return v.Name }
func (e *Event) Main() Text            { return e.Title }

func (m *Municipality) addTo(s *Set) { s.Municipalities = append(s.Municipalities, *m) }
func (t *Topic) addTo(s *Set)        { s.Topics = append(s.Topics, *t) }
func (p *Project) addTo(s *Set)      { s.Projects = append(s.Projects, *p) }
func (a *Article) addTo(s *Set)      { s.Articles = append(s.Articles, *a) }
func (v *Service) addTo(s *Set)      { s.Services = append(s.Services, *v) }
func (e *Event) addTo(s *Set)        { s.Events = append(s.Events, *e) }

// texts collects SearchTexts, leaving out empty ones.
type texts func(SearchText)

func (fn texts) text(r Role, t Text) {
	if len(t) > 0 {
		fn(SearchText{Role: r, Text: t})
	}
}

func (fn texts) plain(r Role, v string) {
	if v != "" {
		fn(SearchText{Role: r, Plain: v})
	}
}

func (fn texts) ref(r Role, kind Kind, id string) {
	if id != "" {
		fn(SearchText{Role: r, Ref: Ref{kind, id}})
	}
}

// image indexes a picture's alt text like a body text: a visitor may
// look for what a picture shows.
func (fn texts) image(img *Image) {
	if img != nil {
		fn.text(RoleBody, img.Alt)
	}
}

func (fn texts) address(a *Address) {
	if a != nil {
		fn.plain(RoleBody, a.Street)
		fn.plain(RoleBody, a.City)
	}
}

// SearchTexts: a municipality is found by name (it is not a search
// result of its own; its name is searched in the items that refer to it).
func (m *Municipality) SearchTexts(fn func(SearchText)) { texts(fn).text(RoleTitle, m.Name) }

// SearchTexts: a topic's title and summary, and its picture's alt text.
func (t *Topic) SearchTexts(fn func(SearchText)) {
	texts(fn).text(RoleTitle, t.Title)
	texts(fn).text(RoleShort, t.Summary)
	texts(fn).image(t.Image)
}

// SearchTexts: the title, summary, keywords, body, topic and municipality.
func (a *Article) SearchTexts(fn func(SearchText)) {
	f := texts(fn)
	f.text(RoleTitle, a.Title)
	f.text(RoleShort, a.Summary)
	f.text(RoleShort, a.Keywords.Text())
	f.text(RoleBody, a.Body)
	f.ref(RoleBody, KindTopic, a.Topic)
	f.ref(RoleBody, KindMunicipality, a.Municipality)
	f.image(a.Image)
}

// SearchTexts: the name, organisation, keywords, description, address,
// municipality and the note on the opening hours.
func (v *Service) SearchTexts(fn func(SearchText)) {
	f := texts(fn)
	f.text(RoleTitle, v.Name)
	f.text(RoleShort, v.Organisation)
	f.text(RoleShort, v.Keywords.Text())
	f.text(RoleBody, v.Description)
	f.address(v.Address)
	f.ref(RoleBody, KindMunicipality, v.Municipality)
	if v.Hours != nil {
		f.text(RoleBody, v.Hours.Note)
	}
	f.image(v.Image)
}

// SearchTexts: the title, organiser, keywords, description, online
// information, place and municipality.
func (e *Event) SearchTexts(fn func(SearchText)) {
	f := texts(fn)
	f.text(RoleTitle, e.Title)
	f.text(RoleShort, e.Organiser)
	f.text(RoleShort, e.Keywords.Text())
	f.text(RoleBody, e.Description)
	f.text(RoleBody, e.OnlineInfo)
	if e.Place != nil {
		f.text(RoleShort, e.Place.Name)
		f.address(e.Place.Address)
	}
	f.ref(RoleBody, KindMunicipality, e.Municipality)
	f.image(e.Image)
}

// SearchTexts: the name, summary, owner, keywords, offers, contact role,
// partners and municipalities.
func (p *Project) SearchTexts(fn func(SearchText)) {
	f := texts(fn)
	f.text(RoleTitle, p.Name)
	f.text(RoleShort, p.Summary)
	f.text(RoleShort, p.Owner)
	f.text(RoleShort, p.Keywords.Text())
	f.text(RoleBody, p.Offers)
	f.text(RoleBody, p.ContactRole)
	for _, t := range p.Partners {
		f.text(RoleBody, t)
	}
	for _, m := range p.Municipalities {
		f.ref(RoleBody, KindMunicipality, m)
	}
	f.image(p.Image)
}
