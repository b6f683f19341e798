package app

import (
	"bytes"
	"fmt"
	"image"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/store"
)

// The list screens: topics, articles of a topic, services, events, projects.

type topicsPage struct{}

func (topicsPage) title(u *UI) content.Text { return u.ui(u.t("NavInformation")) }

func (topicsPage) build(u *UI) fyne.CanvasObject {
	var topics []content.Topic
	if err := u.lib.Store.View(func(tx *store.Tx) (err error) { topics, err = tx.Topics(); return err }); err != nil {
		return u.readError(err)
	}
	if len(topics) == 0 {
		return u.message(u.t("NothingHere"))
	}
	return touch.Scroll(container.NewVScroll(u.topicTiles(topics, topicColumns, largePictureTileIcon)))
}

// topicColumns is how many topic tiles stand side by side.
const topicColumns = 3

// topicTiles are the topics as large tiles, each its pictogram (and its
// picture, if it has one) over its title, in rows of columns laid out in
// reading order.
func (u *UI) topicTiles(topics []content.Topic, columns int, side float32) fyne.CanvasObject {
	tiles := make([]fyne.CanvasObject, len(topics))
	for i, t := range topics {
		id := t.ID
		var photo image.Image
		if t.Image != nil {
			photo = loadTilePicture(u.lib.Dir, t.Image.File)
		}
		tiles[i] = u.pictureTile(u.text(t.Title), pictogram(topicPictogram(t.Icon)), photo, side, func() { u.Open(articlesPage{topic: id}) })
	}
	return u.tileGrid(tiles, columns)
}

// tileGrid lays tiles out in rows of columns, each row in reading order;
// a short last row starts where reading starts.
func (u *UI) tileGrid(tiles []fyne.CanvasObject, columns int) fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for len(tiles) > 0 {
		n := min(columns, len(tiles))
		row := tiles[:n:n]
		for len(row) < columns {
			row = append(row, layout.NewSpacer())
		}
		cells = append(cells, u.inReadingOrder(row...)...)
		tiles = tiles[n:]
	}
	return container.NewGridWithColumns(columns, cells...)
}

type articlesPage struct{ topic string }

func (p articlesPage) title(u *UI) content.Text {
	var t content.Topic
	u.lib.Store.View(func(tx *store.Tx) (err error) { t, _, err = tx.Topic(p.topic); return err })
	return t.Title
}

func (p articlesPage) build(u *UI) fyne.CanvasObject {
	var articles []content.Article
	if err := u.lib.Store.View(func(tx *store.Tx) (err error) { articles, err = tx.Articles(p.topic); return err }); err != nil {
		return u.readError(err)
	}
	rows := make([]row, len(articles))
	for i, a := range articles {
		id := a.ID
		rows[i] = row{title: a.Title, detail: a.Summary, open: func() { u.Open(articlePage{id: id}) }}
	}
	return u.listOrMessage(rows)
}

// servicesPage lists services, narrowed by municipality (national
// services are always included), category and whether they are open now.
// The filters live in the page, so they survive Back and a language change.
type servicesPage struct {
	municipality string // a municipality id; "" is every municipality
	category     string // one of content.Categories; "" is every category
	openNow      bool
}

func (servicesPage) title(u *UI) content.Text { return u.ui(u.t("NavServices")) }

func (p servicesPage) build(u *UI) fyne.CanvasObject {
	type prepared struct {
		list  filterable             // the rows and their filter's texts
		munis []content.Municipality // the area's, in the reader's order
	}
	st, area, l := u.lib.Store, u.area(), u.listing()
	return readLater(u, func() (r prepared, err error) {
		var services []content.Service
		var munis []content.Municipality
		err = st.View(func(tx *store.Tx) (err error) {
			// The store's indexes do the narrowing, so 50,000 services
			// filtered to one municipality read only that municipality's.
			q := store.ServiceQuery{Municipality: p.municipality, Category: p.category, Among: area}
			if services, err = tx.Services(q); err != nil {
				return err
			}
			munis, err = tx.Municipalities()
			return err
		})
		if err != nil {
			return r, err
		}
		r.list = withHaystacks(l.serviceRows(services, municipalityNames(munis), p.openNow))
		r.munis = l.placeChoices(munis, area)
		return r, nil
	}, func(r prepared) fyne.CanvasObject {
		return container.NewBorder(u.serviceFilters(p, r.munis), nil, nil, nil, u.filterableOrMessage(r.list))
	})
}

// listing is what a list's rows are made with, on the UI goroutine or
// off it (readLater): the reader's language and its Localizer (safe for
// concurrent use), the clock read once, and the window only for the
// rows' open funcs, which run on the UI goroutine when a row is tapped.
// It is taken on the UI goroutine (UI.listing) before a read starts: a
// language switch meanwhile builds another screen, and the late rows in
// the old language are dropped.
type listing struct {
	u    *UI // only in the rows' open funcs
	loc  *i18n.Localizer
	lang content.Lang
	now  time.Time
}

// listing is the reader's language and the clock now, for making rows.
func (u *UI) listing() listing { return listing{u: u, loc: u.loc, lang: u.Lang(), now: u.now()} }

func (l listing) t(id string) string            { return l.loc.T(id, nil) }
func (l listing) text(t content.Text) string    { return t.String(l.lang) }
func (l listing) ui(s string) content.Text      { return content.Text{l.lang: s} }
func (l listing) sectionRow(message string) row { return row{title: l.ui(message), section: true} }

// opens is a row's open func: u.Open(p), on the UI goroutine.
func (l listing) opens(p page) func() {
	u := l.u
	return func() { u.Open(p) }
}

// serviceRows are the rows of the services list, each marked open or
// closed now when the hours are known; only the open ones with openNow.
func (l listing) serviceRows(services []content.Service, places map[string]content.Text, openNow bool) []row {
	sortByText(l.lang, services, func(s content.Service) content.Text { return s.Name })
	openMark, closedMark, national := l.openMark(true), l.openMark(false), l.t("National")
	rows := make([]row, 0, len(services))
	for _, s := range services {
		open, known := serviceOpen(s, l.now)
		if openNow && !open {
			continue
		}
		line := l.serviceLine(s.Organisation, s.Municipality, places, national)
		if known {
			mark := closedMark
			if open {
				mark = openMark
			}
			line = joinNonEmpty(" · ", mark, line)
		}
		rows = append(rows, row{title: s.Name, detail: l.ui(line), icon: categoriesPictogram(s.Categories, content.KindService), open: l.opens(servicePage{id: s.ID})})
	}
	return rows
}

// serviceOpen tells whether a service is open at now by the wall clock
// of its own zone (Sweden's when it names none).
func serviceOpen(s content.Service, now time.Time) (open, known bool) {
	return s.Hours.OpenAt(now, serviceZone(s))
}

// serviceZone is the zone a service's hours are in: its own, else
// Sweden's; the validator rejects unknown zones, and a failed load falls
// back to Sweden's too.
func serviceZone(s content.Service) *time.Location {
	if s.TimeZone != "" {
		if loc, err := content.LoadZone(s.TimeZone); err == nil {
			return loc
		}
	}
	return i18n.Stockholm
}

func (u *UI) openMark(open bool) string { return u.listing().openMark(open) }

func (l listing) openMark(open bool) string {
	if open {
		return l.t("OpenNow")
	}
	return l.t("ClosedNow")
}

// serviceFilters are the municipality and category choices and the
// "open now" toggle. Each change replaces the page with the narrowed one.
func (u *UI) serviceFilters(p servicesPage, munis []content.Municipality) fyne.CanvasObject {
	place := u.municipalitySelect(munis, p.municipality, func(id string) {
		p.municipality = id
		u.nav.replaceTop(p)
	})
	cat := u.categorySelect(p.category, func(c string) {
		p.category = c
		u.nav.replaceTop(p)
	})
	open := u.iconButton(u.t("OpenNow"), pictogram(pictOpenNow), func() {
		p.openNow = !p.openNow
		u.nav.replaceTop(p)
	})
	if p.openNow {
		open.Importance = widget.HighImportance
	}
	return container.NewGridWithColumns(3, u.inReadingOrder(place, cat, open)...)
}

// area is the municipalities this kiosk shows (the admin screen's
// choice); nil is all of them.
func (u *UI) area() []string { return u.cfg.Municipalities }

// inArea keeps the municipalities of area (nil: all of them).
func inArea(munis []content.Municipality, area []string) []content.Municipality {
	if len(area) == 0 {
		return munis
	}
	return slices.DeleteFunc(slices.Clone(munis), func(m content.Municipality) bool { return !slices.Contains(area, m.ID) })
}

// placeChoices are the municipalities of area a list offers to narrow it
// to, in the reader's order (for municipalitySelect).
func (l listing) placeChoices(munis []content.Municipality, area []string) []content.Municipality {
	munis = inArea(munis, area)
	sortByText(l.lang, munis, func(m content.Municipality) content.Text { return m.Name })
	return munis
}

// municipalitySelect chooses a municipality by its name in the reader's
// language, or all of them; munis are the choices in order (placeChoices).
func (u *UI) municipalitySelect(munis []content.Municipality, selected string, changed func(id string)) *dropDown {
	all := u.t("AllMunicipalities")
	ids := map[string]string{all: ""}
	options := []string{all}
	current := all
	for _, m := range munis {
		name := u.text(m.Name)
		ids[name] = m.ID
		options = append(options, name)
		if m.ID == selected {
			current = name
		}
	}
	return u.choice(options, current, func(name string) { changed(ids[name]) })
}

// categorySelect chooses one of the content categories by its name in
// the catalogs, or all of them.
func (u *UI) categorySelect(selected string, changed func(category string)) *dropDown {
	all := u.t("AllCategories")
	ids := map[string]string{all: ""}
	var names []string
	current := all
	for _, c := range content.Categories {
		name := u.categoryName(c)
		ids[name] = c
		names = append(names, name)
		if c == selected {
			current = name
		}
	}
	u.loc.SortStrings(names)
	return u.choice(append([]string{all}, names...), current, func(name string) { changed(ids[name]) })
}

// categoryName is a category in the reader's language.
func (u *UI) categoryName(c string) string { return u.t("Category_" + c) }

// choice is a drop-down that calls changed only for a choice the user
// makes, not for the one it starts with.
func (u *UI) choice(options []string, current string, changed func(string)) *dropDown {
	return newDropDown(options, current, dirOf(u.Lang()), changed)
}

// serviceLine is the second line of a service's row: who runs it and
// where. places names the municipalities and national is the word for a
// service without one, both made once for the whole list.
func (u *UI) serviceLine(organisation content.Text, municipality string, places map[string]content.Text, national string) string {
	return u.listing().serviceLine(organisation, municipality, places, national)
}

func (l listing) serviceLine(organisation content.Text, municipality string, places map[string]content.Text, national string) string {
	place := l.text(places[municipality])
	if place == "" {
		place = national
	}
	return joinNonEmpty(" · ", l.text(organisation), place)
}

// eventSegment is a stretch of time the events list shows.
type eventSegment string

const (
	segmentToday eventSegment = "today" // from midnight to midnight
	segmentWeek  eventSegment = "week"  // the six days after today
	segmentLater eventSegment = "later" // everything after that
	// segmentEarlier is what happened before today, newest first.
	segmentEarlier eventSegment = "earlier"
)

var segments = []eventSegment{segmentToday, segmentWeek, segmentLater}

// maxListedOccurrences bounds how many coming occurrences one list reads:
// a national feed with weekly events for years would otherwise decode
// hundreds of thousands of rows nobody scrolls to.
const maxListedOccurrences = 5000

// eventsPage lists coming events by when they happen, narrowed by
// municipality (national events always included) and category. A
// recurring event has a row for each time it happens. Past events are
// only under Earlier, which is never chosen for the visitor.
type eventsPage struct {
	segment      eventSegment // "" is the first coming segment that has events
	municipality string
	category     string
}

func (eventsPage) title(u *UI) content.Text { return u.ui(u.t("NavEvents")) }

func (p eventsPage) build(u *UI) fyne.CanvasObject {
	st, area, l := u.lib.Store, u.area(), u.listing()
	return readLater(u, func() (eventsList, error) {
		var occ []store.Occurrence
		var munis []content.Municipality
		err := st.View(func(tx *store.Tx) (err error) {
			q := store.EventQuery{From: dayStart(l.now), Municipality: p.municipality, Among: area, Category: p.category, Limit: maxListedOccurrences}
			if p.segment == segmentEarlier {
				occ, err = tx.PastEvents(q)
				occ = inPlace(occ, p.municipality, area)
			} else {
				occ, err = tx.Events(q)
			}
			if err != nil {
				return err
			}
			munis, err = tx.Municipalities()
			return err
		})
		if err != nil {
			return eventsList{}, err
		}
		return p.list(l, occ, l.placeChoices(munis, area)), nil
	}, func(r eventsList) fyne.CanvasObject { return p.view(u, r) })
}

// eventsList is what the events screen shows, made from what build read.
type eventsList struct {
	segment eventSegment // the segment shown (the page's, or the first with events)
	rows    []row
	empty   string                 // what the screen says when there are no rows
	munis   []content.Municipality // the municipality choices, in order
}

// list makes the events screen's rows from the occurrences read.
func (p eventsPage) list(l listing, occ []store.Occurrence, munis []content.Municipality) eventsList {
	noneAtAll := len(occ) == 0 && p.municipality == "" && p.category == ""
	var shown []store.Occurrence
	seg := p.segment
	if seg == segmentEarlier {
		shown = occ // newest first
	} else {
		bySegment := splitBySegment(occ, l.now)
		if seg == "" {
			seg = firstWithEvents(bySegment)
		}
		shown = bySegment[seg]
	}
	r := eventsList{segment: seg, rows: l.occurrenceRows(shown), munis: munis}
	switch {
	case len(shown) > 0:
	case seg == segmentEarlier:
		r.empty = l.t("CurrentNoEarlier")
	case noneAtAll:
		r.empty = l.t("CurrentNoEvents")
	default:
		r.empty = l.t("NothingPlanned")
	}
	return r
}

// view is the events screen: its filters and segments over the rows.
func (p eventsPage) view(u *UI, r eventsList) fyne.CanvasObject {
	top := container.NewVBox(u.eventFilters(p, r.munis), u.segmentButtons(p, r.segment))
	if len(r.rows) > 0 {
		return container.NewBorder(top, nil, nil, nil, touch.List(u.rowList(r.rows)))
	}
	return container.NewBorder(top, nil, nil, nil, u.message(r.empty))
}

// inPlace keeps the occurrences of national events and of events in the
// municipality, or when it is "", in the area (nil: everywhere).
func inPlace(occ []store.Occurrence, municipality string, area []string) []store.Occurrence {
	if municipality != "" {
		area = []string{municipality}
	}
	if len(area) == 0 {
		return occ
	}
	return slices.DeleteFunc(occ, func(o store.Occurrence) bool {
		return o.Event.Municipality != "" && !slices.Contains(area, o.Event.Municipality)
	})
}

// dayStart is midnight at the start of t's day, in t's location.
func dayStart(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// splitBySegment sorts occurrences (in start order) into today, the rest
// of the week and later.
func splitBySegment(occ []store.Occurrence, now time.Time) map[eventSegment][]store.Occurrence {
	today := dayStart(now)
	tomorrow, nextWeek := today.AddDate(0, 0, 1), today.AddDate(0, 0, 7)
	out := map[eventSegment][]store.Occurrence{}
	for _, o := range occ {
		switch {
		case o.Start.Before(tomorrow):
			out[segmentToday] = append(out[segmentToday], o)
		case o.Start.Before(nextWeek):
			out[segmentWeek] = append(out[segmentWeek], o)
		default:
			out[segmentLater] = append(out[segmentLater], o)
		}
	}
	return out
}

func firstWithEvents(bySegment map[eventSegment][]store.Occurrence) eventSegment {
	for _, s := range segments {
		if len(bySegment[s]) > 0 {
			return s
		}
	}
	return segmentToday
}

// segmentButtons choose today, this week, later or earlier; the shown
// one stands out.
func (u *UI) segmentButtons(p eventsPage, shown eventSegment) fyne.CanvasObject {
	names := map[eventSegment]string{
		segmentToday: u.t("SegmentToday"), segmentWeek: u.t("SegmentWeek"), segmentLater: u.t("SegmentLater"),
		segmentEarlier: u.t("CurrentEarlier"),
	}
	var buttons []fyne.CanvasObject
	for _, s := range append(slices.Clone(segments), segmentEarlier) {
		next := p
		next.segment = s
		b := u.iconButton(names[s], nil, func() { u.nav.replaceTop(next) })
		if s == shown {
			b.Importance = widget.HighImportance
		}
		buttons = append(buttons, b)
	}
	return container.NewGridWithColumns(len(buttons), u.inReadingOrder(buttons...)...)
}

// eventFilters are the municipality and category choices of the events list.
func (u *UI) eventFilters(p eventsPage, munis []content.Municipality) fyne.CanvasObject {
	place := u.municipalitySelect(munis, p.municipality, func(id string) {
		p.municipality = id
		u.nav.replaceTop(p)
	})
	cat := u.categorySelect(p.category, func(c string) {
		p.category = c
		u.nav.replaceTop(p)
	})
	return container.NewGridWithColumns(2, u.inReadingOrder(place, cat)...)
}

type projectsPage struct{}

func (projectsPage) title(u *UI) content.Text { return u.ui(u.t("NavProjects")) }

// build lists the running projects first; the ended ones come after them
// under "Earlier projects", each marked with when it ended.
func (projectsPage) build(u *UI) fyne.CanvasObject {
	st, l := u.lib.Store, u.listing()
	return readLater(u, func() (filterable, error) {
		var projects []content.Project
		if err := st.View(func(tx *store.Tx) (err error) { projects, err = tx.Projects(); return err }); err != nil {
			return filterable{}, err
		}
		ongoing, ended := l.splitProjects(projects)
		rows := l.projectRows(ongoing)
		if len(ended) > 0 {
			rows = append(rows, l.sectionRow(l.t("CurrentEarlierProjects")))
			rows = append(rows, l.projectRows(ended)...)
		}
		return withHaystacks(rows), nil
	}, u.filterableOrMessage)
}

// splitProjects parts projects into those running now (or with no
// known end), by name, and those that have ended, the latest first.
func (l listing) splitProjects(projects []content.Project) (ongoing, ended []content.Project) {
	now := l.now
	sortByText(l.lang, projects, func(p content.Project) content.Text { return p.Name })
	for _, p := range projects {
		if _, _, over := p.Ended(now); over {
			ended = append(ended, p)
		} else {
			ongoing = append(ongoing, p)
		}
	}
	slices.SortStableFunc(ended, func(a, b content.Project) int {
		ea, _, _ := a.Ended(now)
		eb, _, _ := b.Ended(now)
		return eb.Compare(ea)
	})
	return ongoing, ended
}

// projectRows are list rows for projects: the owner, and for an ended
// project when it ended.
func (l listing) projectRows(projects []content.Project) []row {
	rows := make([]row, len(projects))
	for i, p := range projects {
		detail := p.Owner
		if ended := l.projectEnded(p); ended != "" {
			detail = l.ui(joinNonEmpty(" · ", ended, l.text(p.Owner)))
		}
		rows[i] = row{title: p.Name, detail: detail, icon: categoriesPictogram(p.Categories, content.KindProject), open: l.opens(projectPage{id: p.ID})}
	}
	return rows
}

// projectEnded is "Ended 30 June 2019" (or "Ended 2022" when only the
// year is known) for a project that has ended at now; "" otherwise.
func (u *UI) projectEnded(p content.Project, now time.Time) string {
	l := u.listing()
	l.now = now
	return l.projectEnded(p)
}

func (l listing) projectEnded(p content.Project) string {
	end, yearOnly, ended := p.Ended(l.now)
	if !ended {
		return ""
	}
	date := l.loc.Date(end)
	if yearOnly {
		date = fmt.Sprint(end.Year())
	}
	return l.loc.T("CurrentEnded", map[string]any{"Date": date})
}

func (u *UI) listOrMessage(rows []row) fyne.CanvasObject {
	return u.filterableOrMessage(filterable{rows: rows})
}

// filterableOrMessage is listOrMessage with the filter's texts made with
// the rows (withHaystacks).
func (u *UI) filterableOrMessage(f filterable) fyne.CanvasObject {
	if len(f.rows) == 0 {
		return u.message(u.t("NothingHere"))
	}
	return u.filteredList(f)
}

// sortByText sorts items stably by a text in lang, with the collation
// rules of that language (Swedish å, ä, ö after z), as the reader's
// Localizer compares. It makes a collator of its own, as a
// collate.Collator is not safe for concurrent use and this runs off the
// UI goroutine (readLater) and on it alike; it makes each text's
// collation key once rather than collating two texts at every comparison
// (22,366 services: about n log n = 320,000 comparisons), and sorts the
// keys with the items' places, not the items, which are large.
func sortByText[T any](lang content.Lang, items []T, text func(T) content.Text) {
	if len(items) < 2 {
		return
	}
	col := collate.New(language.Make(string(lang)))
	type keyed struct {
		key []byte
		at  int
	}
	var buf collate.Buffer
	keys := make([]keyed, len(items))
	for i, it := range items {
		keys[i] = keyed{col.KeyFromString(&buf, text(it).String(lang)), i}
	}
	slices.SortStableFunc(keys, func(a, b keyed) int { return bytes.Compare(a.key, b.key) })
	sorted := make([]T, len(items))
	for i, k := range keys {
		sorted[i] = items[k.at]
	}
	copy(items, sorted)
}

func (u *UI) municipalityName(id string) content.Text {
	if id == "" {
		return nil
	}
	var m content.Municipality
	u.lib.Store.View(func(tx *store.Tx) (err error) { m, _, err = tx.Municipality(id); return err })
	return m.Name
}

// municipalityNames maps municipality ids to their names.
func municipalityNames(munis []content.Municipality) map[string]content.Text {
	names := make(map[string]content.Text, len(munis))
	for _, m := range munis {
		names[m.ID] = m.Name
	}
	return names
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}
