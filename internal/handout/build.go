package handout

import (
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/takeaway"
)

// qrPixels is the size the codes are drawn at before the PDF scales them
// to qrSize points: at least four pixels a module for the largest code.
const qrPixels = 404

// shownOccurrences is how many coming dates of an event the handout lists.
const shownOccurrences = 4

// bodyLimit keeps an item's text short: the handout is a reminder, the
// whole text is on the screen and behind the code.
const bodyLimit = 320

// Build writes the handout of items (*content.Article, *content.Service,
// *content.Event or *content.Project, as the app reads them) in loc's
// language. heading is the meeting place's name.
func Build(items []any, loc *i18n.Localizer, now time.Time, heading string) Doc {
	b := builder{loc: loc, lang: loc.Lang(), now: now}
	doc := Doc{Heading: heading, Date: loc.DateWithWeekday(now), Dir: DirOf(loc.Lang())}
	for _, it := range items {
		if item, ok := b.item(it); ok {
			doc.Items = append(doc.Items, item)
		}
	}
	return doc
}

// DirOf is the direction of a language's script.
func DirOf(lang content.Lang) bidi.Direction {
	if lang == content.Arabic {
		return bidi.RightToLeft
	}
	return bidi.LeftToRight
}

type builder struct {
	loc  *i18n.Localizer
	lang content.Lang
	now  time.Time
}

func (b builder) t(id string) string { return b.loc.T(id, nil) }

// text is a content text in the family's language, or the fallback the
// screen shows, with the direction of the language it is in.
func (b builder) text(t content.Text) Text {
	s, lang := t.In(b.lang)
	return Text{Text: s, Dir: DirOf(lang)}
}

// ui is a line of the family's language.
func (b builder) ui(s string) Text { return Text{Text: s, Dir: DirOf(b.lang)} }

// fact is "Label: value" with the value kept left to right as a unit,
// as the screen shows phone numbers and addresses.
func (b builder) fact(label, value string) Text {
	return b.ui(label + ": " + Isolate(value))
}

// Isolate keeps s a left-to-right unit inside a line of any direction
// (as textview.Isolate does on screen).
func Isolate(s string) string { return "\u2066" + s + "\u2069" }

func (b builder) item(it any) (Item, bool) {
	switch v := it.(type) {
	case *content.Service:
		return b.service(*v), true
	case *content.Event:
		return b.event(*v), true
	case *content.Article:
		return Item{Title: b.text(v.Title), Body: b.short(v.Summary, v.Body)}, true
	case *content.Project:
		return Item{Title: b.text(v.Name), Body: b.short(v.Summary, v.Offers)}, true
	}
	return Item{}, false
}

// short is the summary, or the start of the body cut at a sentence.
func (b builder) short(summary, body content.Text) Text {
	if !summary.Empty() {
		return b.text(summary)
	}
	t := b.text(body)
	t.Text = shorten(plain(t.Text), bodyLimit)
	return t
}

func (b builder) service(s content.Service) Item {
	it := Item{Title: b.text(s.Name), Body: b.short(s.Description, nil)}
	if a := address(s.Address); a != "" {
		it.Facts = append(it.Facts, b.fact(b.t("Address"), a))
	}
	if s.Phone != "" {
		it.Facts = append(it.Facts, b.fact(b.t("Phone"), InternationalPhone(s.Phone)))
	}
	if s.Email != "" {
		it.Facts = append(it.Facts, b.fact(b.t("Email"), s.Email))
	}
	it.Facts = append(it.Facts, b.ui(b.t("OpeningHours")+":"))
	it.Facts = append(it.Facts, b.hours(s)...)
	if card, err := takeaway.ServiceVCard(s, b.lang); err == nil {
		if img, err := takeaway.QR(card, qrPixels); err == nil {
			it.QR, it.QRCaption = img, b.t("ScanToSaveContact")
		}
	}
	return it
}

// hours is this week's opening hours, Monday to Sunday, with the
// exceptions that fall in it.
func (b builder) hours(s content.Service) []Text {
	h := s.Hours
	switch {
	case h == nil:
		return []Text{b.ui(b.t("HoursUnknown"))}
	case h.AlwaysOpen:
		return []Text{b.ui(b.t("AlwaysOpen"))}
	}
	zone := i18n.Stockholm
	if z, err := content.LoadZone(s.TimeZone); s.TimeZone != "" && err == nil {
		zone = z
	}
	now := b.now.In(zone)
	monday := now.AddDate(0, 0, -((int(now.Weekday()) + 6) % 7))
	var out []Text
	for i := range 7 {
		day := monday.AddDate(0, 0, i)
		slots := h.Weekly[content.WeekdayKey(day.Weekday())]
		if ex, ok := exceptionOn(h, day); ok {
			slots = ex.Slots
		}
		out = append(out, b.ui(b.loc.Weekday(day.Weekday())+" "+b.loc.Date(day)+": "+b.slots(slots)))
	}
	return out
}

func exceptionOn(h *content.OpeningHours, day time.Time) (content.HoursException, bool) {
	date := day.Format(time.DateOnly)
	for _, ex := range h.Exceptions {
		if ex.Date == date {
			return ex, true
		}
	}
	return content.HoursException{}, false
}

func (b builder) slots(slots []content.TimeSlot) string {
	if len(slots) == 0 {
		return b.t("Closed")
	}
	var times []string
	for _, sl := range slots {
		times = append(times, Isolate(sl.Opens+"–"+sl.Closes))
	}
	return strings.Join(times, b.t("ListSeparator"))
}

func (b builder) event(e content.Event) Item {
	it := Item{Title: b.text(e.Title), Body: b.short(e.Description, nil)}
	it.Facts = append(it.Facts, b.ui(b.t("When")+":"))
	it.Facts = append(it.Facts, b.times(e)...)
	if e.Place != nil {
		if name := b.text(e.Place.Name); name.Text != "" {
			it.Facts = append(it.Facts, b.ui(b.t("Place")+": "+name.Text))
		}
		if a := address(e.Place.Address); a != "" {
			it.Facts = append(it.Facts, b.fact(b.t("Address"), a))
		}
	}
	if ics, err := takeaway.EventICS(e, b.lang, b.now); err == nil {
		if img, err := takeaway.QR(ics, qrPixels); err == nil {
			it.QR, it.QRCaption = img, b.t("ScanToAddToCalendar")
		}
	}
	return it
}

// times are the event's coming dates, as on its screen.
func (b builder) times(e content.Event) []Text {
	if e.Cancelled {
		return []Text{b.ui(b.t("EventCancelled"))}
	}
	coming := e.Instances(b.now, b.now.AddDate(2, 0, 0), shownOccurrences)
	if len(coming) == 0 {
		coming = []content.Instance{e.InstanceAt(e.Start)}
	}
	var out []Text
	if e.RRule != "" || len(e.RDates) > 0 {
		out = append(out, b.ui(b.t("Recurring")))
	}
	for _, in := range coming {
		line := b.loc.DateWithWeekday(in.Start)
		if !e.AllDay {
			line += b.t("ListSeparator") + Isolate(b.loc.Time(in.Start))
			if !in.End.IsZero() {
				line = strings.TrimSuffix(line, "\u2069") + "–" + b.loc.Time(in.End) + "\u2069"
			}
		}
		out = append(out, b.ui(line))
	}
	return out
}

func address(a *content.Address) string {
	if a.Empty() {
		return ""
	}
	city := strings.TrimSpace(a.PostalCode + " " + a.City)
	if a.Street == "" {
		return city
	}
	if city == "" {
		return a.Street
	}
	return a.Street + ", " + city
}

// plain takes the Markdown marks off a body for a short text.
func plain(s string) string {
	r := strings.NewReplacer("**", "", "__", "", "#", "", "`", "", "\n", " ")
	return strings.Join(strings.Fields(r.Replace(s)), " ")
}

// shorten cuts s at the last sentence end before limit runes, or at a
// word with an ellipsis.
func shorten(s string, limit int) string {
	runes := []rune(s)
	if len(runes) <= limit {
		return s
	}
	cut := string(runes[:limit])
	if i := strings.LastIndexAny(cut, ".!?؟"); i > limit/2 {
		return cut[:i+1]
	}
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return cut + "…"
}
