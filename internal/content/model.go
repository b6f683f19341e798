package content

import (
	"strings"
	"time"
)

// Kind names a kind of item. It is also the folder name in the source format
// and the bucket name in the store.
type Kind string

// The kinds of item.
const (
	KindTopic        Kind = "topics"
	KindArticle      Kind = "articles"
	KindService      Kind = "services"
	KindEvent        Kind = "events"
	KindProject      Kind = "projects"
	KindMunicipality Kind = "municipalities"
)

// Topic groups articles of societal information (samhällsinformation).
type Topic struct {
	ID      string `json:"id"`
	Order   int    `json:"order,omitempty"`
	Icon    string `json:"icon,omitempty"`
	Title   Text   `json:"title"`
	Summary Text   `json:"summary,omitempty"`
	// Image is the topic's picture, shown on its tile, if it has one.
	Image *Image `json:"image,omitempty"`
}

// Article is one page of societal information. Body is Markdown.
type Article struct {
	ID    string `json:"id"`
	Topic string `json:"topic"`
	// Order sorts articles within a topic; lower first.
	Order   int  `json:"order,omitempty"`
	Title   Text `json:"title"`
	Summary Text `json:"summary,omitempty"`
	Body    Text `json:"body"`
	// Municipality is empty for national information.
	Municipality string `json:"municipality,omitempty"`
	// Sources are the public pages the text was written from.
	Sources []string `json:"sources,omitempty"`
	Updated string   `json:"updated,omitempty"` // YYYY-MM-DD
	// Keywords are words a visitor may search for that the texts do not
	// use, per language, for the search only (docs/content-format.md).
	// Image is the item's picture, if it has one.
	Image    *Image   `json:"image,omitempty"`
	Keywords Keywords `json:"keywords,omitempty"`
}

// Address is a street address in Sweden.
type Address struct {
	Street     string `json:"street,omitempty"`
	PostalCode string `json:"postalCode,omitempty"`
	City       string `json:"city,omitempty"`
}

// Empty reports whether no part of the address is known.
func (a *Address) Empty() bool {
	return a == nil || (a.Street == "" && a.PostalCode == "" && a.City == "")
}

// Geo is a WGS 84 position.
type Geo struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Service is a place or organisation a newcomer can turn to.
type Service struct {
	ID           string   `json:"id"`
	Name         Text     `json:"name"`
	Organisation Text     `json:"organisation,omitempty"`
	Description  Text     `json:"description,omitempty"`
	Categories   []string `json:"categories,omitempty"`
	Municipality string   `json:"municipality,omitempty"` // empty: national
	Address      *Address `json:"address,omitempty"`
	Geo          *Geo     `json:"geo,omitempty"`
	Phone        string   `json:"phone,omitempty"`
	Email        string   `json:"email,omitempty"`
	Website      string   `json:"website,omitempty"`
	// TimeZone is an IANA zone such as Europe/Stockholm; opening hours are
	// wall-clock times in it, so they follow daylight saving time.
	TimeZone string        `json:"timeZone,omitempty"`
	Hours    *OpeningHours `json:"hours,omitempty"`
	// Languages spoken by the staff, as language codes (not only the four).
	Languages []string `json:"languages,omitempty"`
	Updated   string   `json:"updated,omitempty"` // YYYY-MM-DD: when the facts were last checked
	// Keywords are words a visitor may search for that the texts do not
	// use, per language, for the search only (docs/content-format.md).
	// Image is the item's picture, if it has one.
	Image    *Image   `json:"image,omitempty"`
	Keywords Keywords `json:"keywords,omitempty"`
}

// OpeningHours are weekly hours with dated exceptions. Nil hours mean the
// hours are not known (the screen says so and points to the contact).
type OpeningHours struct {
	AlwaysOpen bool `json:"alwaysOpen,omitempty"`
	// Weekly maps a weekday ("mon" … "sun") to its opening times. A missing
	// day is closed.
	Weekly     map[string][]TimeSlot `json:"weekly,omitempty"`
	Exceptions []HoursException      `json:"exceptions,omitempty"`
	Note       Text                  `json:"note,omitempty"`
}

// TimeSlot is one opening interval on a day, in "HH:MM" 24-hour time.
type TimeSlot struct {
	Opens  string `json:"opens"`
	Closes string `json:"closes"`
}

// HoursException replaces the weekly hours on one date.
type HoursException struct {
	Date   string     `json:"date"` // YYYY-MM-DD
	Closed bool       `json:"closed,omitempty"`
	Slots  []TimeSlot `json:"slots,omitempty"`
	Note   Text       `json:"note,omitempty"`
}

// Attendance says whether an event happens at a place, online, or both.
type Attendance string

// Attendance modes, after schema.org's eventAttendanceMode.
const (
	Offline Attendance = "offline"
	Online  Attendance = "online"
	Mixed   Attendance = "mixed"
)

// Place is where an event happens.
type Place struct {
	Name    Text     `json:"name,omitempty"`
	Address *Address `json:"address,omitempty"`
	Geo     *Geo     `json:"geo,omitempty"`
}

// Event is something that happens at a time: a meeting, a course, an open house.
type Event struct {
	ID          string    `json:"id"`
	Title       Text      `json:"title"`
	Description Text      `json:"description,omitempty"`
	Start       time.Time `json:"start"`
	// End is the zero time when the end is not known.
	End      time.Time `json:"end,omitempty"`
	TimeZone string    `json:"timeZone"`
	AllDay   bool      `json:"allDay,omitempty"`
	// RRule is an RFC 5545 recurrence rule without the "RRULE:" prefix.
	// Validation bounds it (recur.go): no finer than HOURLY, COUNT at most
	// maxRuleCount, at most maxRuleStarts starts in its first two years.
	RRule string `json:"rrule,omitempty"`
	// ExDates are starts the rule gives that do not happen (EXDATE);
	// for an all-day event only their date counts.
	ExDates []time.Time `json:"exdates,omitempty"`
	// RDates are starts added to the rule (RDATE), each with its own end
	// when it was given as a period.
	RDates []ExtraDate `json:"rdates,omitempty"`
	// Overrides change single occurrences (RECURRENCE-ID): moved,
	// retitled, relocated or cancelled.
	Overrides []Override `json:"overrides,omitempty"`
	// Cancelled is true when the whole event or series is cancelled
	// (STATUS:CANCELLED): it keeps its page but has no occurrences.
	Cancelled  bool       `json:"cancelled,omitempty"`
	Attendance Attendance `json:"attendance"`
	Place      *Place     `json:"place,omitempty"`
	OnlineURL  string     `json:"onlineUrl,omitempty"`
	// OnlineInfo says where to follow an online event when there is no
	// single link (for example "the organiser's Facebook and Instagram").
	OnlineInfo   Text     `json:"onlineInfo,omitempty"`
	Organiser    Text     `json:"organiser,omitempty"`
	Project      string   `json:"project,omitempty"` // Project ID
	Municipality string   `json:"municipality,omitempty"`
	Categories   []string `json:"categories,omitempty"`
	Updated      string   `json:"updated,omitempty"` // YYYY-MM-DD
	// Keywords are words a visitor may search for that the texts do not
	// use, per language, for the search only (docs/content-format.md).
	// Image is the item's picture, if it has one.
	Image    *Image   `json:"image,omitempty"`
	Keywords Keywords `json:"keywords,omitempty"`
}

// Image is an item's picture (docs/content-format.md, "Images").
type Image struct {
	// File is the picture's path. In a content folder it is
	// "images/<name>" (JPEG, PNG or WebP); in the feed and on a kiosk it
	// is the picture build made of it, "images/<hash>.jpg", which is also
	// its target in the feed.
	File string `json:"file"`
	// Width and Height are the published picture's size in pixels, set
	// by build (0 in a content folder).
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// Alt says what the picture shows, for a visitor who cannot see it:
	// the app reads it aloud and the search finds it.
	Alt Text `json:"alt"`
	// Credit names who took or owns the picture ("Foto: projektet").
	Credit Text `json:"credit,omitempty"`
}

// Limits on images in items.
const (
	MaxAltBytes    = 1000  // one language of an image's alt text
	MaxCreditBytes = 200   // one language of an image's credit
	MaxImageSide   = 10000 // width or height of a published picture
)

// ImageOf returns an item's image, or nil when it has none.
func ImageOf(item Item) *Image {
	if field := ImageField(item); field != nil {
		return *field
	}
	return nil
}

// ImageField is where an item keeps its image, so it can be replaced in
// place; nil for the kinds that have none (municipalities).
func ImageField(item Item) **Image {
	switch it := item.(type) {
	case *Topic:
		return &it.Image
	case *Article:
		return &it.Image
	case *Service:
		return &it.Image
	case *Event:
		return &it.Image
	case *Project:
		return &it.Image
	}
	return nil
}

// Keywords are an item's search words per language: everyday or
// colloquial words ("dagis", "лікар") its texts do not use.
type Keywords map[Lang][]string

// Limits on keywords: enough for the words a visitor uses, not a second
// text.
const (
	MaxKeywords      = 30 // per language
	MaxKeywordLength = 60 // bytes
)

// Text joins the keywords of each language, for indexing.
func (k Keywords) Text() Text {
	if len(k) == 0 {
		return nil
	}
	t := Text{}
	for l, words := range k {
		t[l] = strings.Join(words, "\n")
	}
	return t
}

// ExtraDate is a start added to a rule; End is zero when the occurrence
// lasts as long as the event.
type ExtraDate struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitempty"`
}

// Override changes one occurrence of a recurring event: the one whose
// start the rule gives as RecurrenceID. Empty fields keep the event's.
type Override struct {
	RecurrenceID time.Time `json:"recurrenceId"`
	// Start and End move the occurrence; zero keeps its time.
	Start       time.Time `json:"start,omitempty"`
	End         time.Time `json:"end,omitempty"`
	Title       Text      `json:"title,omitempty"`
	Description Text      `json:"description,omitempty"`
	Place       *Place    `json:"place,omitempty"`
	OnlineURL   string    `json:"onlineUrl,omitempty"`
	// Cancelled removes the occurrence (STATUS:CANCELLED on it).
	Cancelled bool `json:"cancelled,omitempty"`
}

// Project is a project funded by the Asylum, Migration and Integration Fund.
type Project struct {
	ID       string `json:"id"`
	Name     Text   `json:"name"`
	Owner    Text   `json:"owner,omitempty"`
	Partners []Text `json:"partners,omitempty"`
	// Start and End are dates (YYYY-MM-DD), or years (YYYY) when the
	// source gives only the year; either may be empty when unknown.
	Start          string   `json:"start,omitempty"`
	End            string   `json:"end,omitempty"`
	Municipalities []string `json:"municipalities,omitempty"`
	Summary        Text     `json:"summary"`
	// Offers is Markdown: what the project offers newcomers.
	Offers      Text     `json:"offers,omitempty"`
	ContactRole Text     `json:"contactRole,omitempty"`
	Email       string   `json:"email,omitempty"`
	Website     string   `json:"website,omitempty"`
	Categories  []string `json:"categories,omitempty"`
	Updated     string   `json:"updated,omitempty"` // YYYY-MM-DD
	// Keywords are words a visitor may search for that the texts do not
	// use, per language, for the search only (docs/content-format.md).
	// Image is the item's picture, if it has one.
	Image    *Image   `json:"image,omitempty"`
	Keywords Keywords `json:"keywords,omitempty"`
}

// Municipality is a Swedish kommun.
type Municipality struct {
	ID     string `json:"id"`
	Name   Text   `json:"name"`
	County Text   `json:"county,omitempty"`
}

// Set is one whole version of the content: everything a kiosk shows.
type Set struct {
	Topics         []Topic
	Articles       []Article
	Services       []Service
	Events         []Event
	Projects       []Project
	Municipalities []Municipality
}

// Len returns the number of items of every kind together.
func (s *Set) Len() int {
	return len(s.Topics) + len(s.Articles) + len(s.Services) + len(s.Events) +
		len(s.Projects) + len(s.Municipalities)
}

// Source says where a content version came from.
type Source string

// Content sources.
const (
	SourceBuiltin Source = "builtin"
	SourceFeed    Source = "feed"
	SourceLocal   Source = "local" // a source folder loaded by hand, for preview
)

// Version identifies one applied content version.
type Version struct {
	// Number only grows within one source; the feed's targets version.
	Number int64  `json:"number"`
	Source Source `json:"source"`
	// Digest is the SHA-256 of the content in canonical form, so the same
	// content always has the same digest wherever it came from.
	Digest    string    `json:"digest"`
	Published time.Time `json:"published,omitempty"`
	Applied   time.Time `json:"applied"`
}

// IDs returns the ids of the set's items of one kind, in set order.
func (s *Set) IDs(kind Kind) []string {
	switch kind {
	case KindMunicipality:
		return idsOf(s.Municipalities, func(m Municipality) string { return m.ID })
	case KindTopic:
		return idsOf(s.Topics, func(t Topic) string { return t.ID })
	case KindProject:
		return idsOf(s.Projects, func(p Project) string { return p.ID })
	case KindArticle:
		return idsOf(s.Articles, func(a Article) string { return a.ID })
	case KindService:
		return idsOf(s.Services, func(v Service) string { return v.ID })
	case KindEvent:
		return idsOf(s.Events, func(e Event) string { return e.ID })
	}
	return nil
}

// AttendanceFor is how people take part in an event that has a place,
// an online link, or both; ok is false when it has neither.
func AttendanceFor(hasPlace, hasLink bool) (a Attendance, ok bool) {
	switch {
	case hasPlace && hasLink:
		return Mixed, true
	case hasPlace:
		return Offline, true
	case hasLink:
		return Online, true
	}
	return "", false
}
