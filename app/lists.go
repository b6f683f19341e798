package app

import (
	"fmt"
	"image"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

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
	type read struct {
		services []content.Service
		munis    []content.Municipality
	}
	st, area := u.lib.Store, u.area()
	return readLater(u, func() (r read, err error) {
		err = st.View(func(tx *store.Tx) (err error) {
			// The store's indexes do the narrowing, so 50,000 services
			// filtered to one municipality read only that municipality's.
			q := store.ServiceQuery{Municipality: p.municipality, Category: p.category, Among: area}
			if r.services, err = tx.Services(q); err != nil {
				return err
			}
			r.munis, err = tx.Municipalities()
			return err
		})
		return r, err
	}, func(r read) fyne.CanvasObject {
		rows := u.serviceRows(r.services, municipalityNames(r.munis), p.openNow)
		return container.NewBorder(u.serviceFilters(p, r.munis), nil, nil, nil, u.listOrMessage(rows))
	})
}

// serviceRows are the rows of the services list, each marked open or
// closed now when the hours are known; only the open ones with openNow.
func (u *UI) serviceRows(services []content.Service, places map[string]content.Text, openNow bool) []row {
	now := u.now()
	sortByText(u, services, func(s content.Service) content.Text { return s.Name })
	openMark, closedMark, national := u.openMark(true), u.openMark(false), u.t("National")
	rows := make([]row, 0, len(services))
	for _, s := range services {
		open, known := serviceOpen(s, now)
		if openNow && !open {
			continue
		}
		line := u.serviceLine(s, places, national)
		if known {
			mark := closedMark
			if open {
				mark = openMark
			}
			line = joinNonEmpty(" · ", mark, line)
		}
		id := s.ID
		rows = append(rows, row{title: s.Name, detail: u.ui(line), icon: categoriesPictogram(s.Categories, content.KindService), open: func() { u.Open(servicePage{id: id}) }})
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

func (u *UI) openMark(open bool) string {
	if open {
		return u.t("OpenNow")
	}
	return u.t("ClosedNow")
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

// inArea keeps the municipalities the kiosk shows.
func (u *UI) inArea(munis []content.Municipality) []content.Municipality {
	area := u.area()
	if len(area) == 0 {
		return munis
	}
	return slices.DeleteFunc(slices.Clone(munis), func(m content.Municipality) bool { return !slices.Contains(area, m.ID) })
}

// municipalitySelect chooses a municipality by its name in the reader's
// language, or all of them.
func (u *UI) municipalitySelect(munis []content.Municipality, selected string, changed func(id string)) *dropDown {
	munis = u.inArea(munis)
	sortByText(u, munis, func(m content.Municipality) content.Text { return m.Name })
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
func (u *UI) serviceLine(s content.Service, places map[string]content.Text, national string) string {
	place := u.text(places[s.Municipality])
	if place == "" {
		place = national
	}
	return joinNonEmpty(" · ", u.text(s.Organisation), place)
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
	type read struct {
		occ   []store.Occurrence
		munis []content.Municipality
	}
	now, st, area := u.now(), u.lib.Store, u.area()
	return readLater(u, func() (r read, err error) {
		err = st.View(func(tx *store.Tx) (err error) {
			if p.segment == segmentEarlier {
				r.occ, err = tx.PastEvents(store.EventQuery{From: dayStart(now), Municipality: p.municipality, Among: area, Category: p.category, Limit: maxListedOccurrences})
				r.occ = inPlace(r.occ, p.municipality, area)
			} else {
				q := store.EventQuery{From: dayStart(now), Municipality: p.municipality, Among: area, Category: p.category, Limit: maxListedOccurrences}
				r.occ, err = tx.Events(q)
			}
			if err != nil {
				return err
			}
			r.munis, err = tx.Municipalities()
			return err
		})
		return r, err
	}, func(r read) fyne.CanvasObject { return p.view(u, now, r.occ, r.munis) })
}

// view is the events screen from what build read.
func (p eventsPage) view(u *UI, now time.Time, occ []store.Occurrence, munis []content.Municipality) fyne.CanvasObject {
	noneAtAll := len(occ) == 0 && p.municipality == "" && p.category == ""
	var shown []store.Occurrence
	seg := p.segment
	if seg == segmentEarlier {
		shown = occ // newest first
	} else {
		bySegment := splitBySegment(occ, now)
		if seg == "" {
			seg = firstWithEvents(bySegment)
		}
		shown = bySegment[seg]
	}
	top := container.NewVBox(u.eventFilters(p, munis), u.segmentButtons(p, seg))
	if len(shown) > 0 {
		return container.NewBorder(top, nil, nil, nil, touch.List(u.rowList(u.occurrenceRows(shown))))
	}
	empty := u.t("NothingPlanned")
	switch {
	case seg == segmentEarlier:
		empty = u.t("CurrentNoEarlier")
	case noneAtAll:
		empty = u.t("CurrentNoEvents")
	}
	return container.NewBorder(top, nil, nil, nil, u.message(empty))
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
	st := u.lib.Store
	return readLater(u, func() (projects []content.Project, err error) {
		err = st.View(func(tx *store.Tx) (err error) { projects, err = tx.Projects(); return err })
		return projects, err
	}, func(projects []content.Project) fyne.CanvasObject {
		now := u.now()
		ongoing, ended := splitProjects(u, projects, now)
		rows := u.projectRows(ongoing, now)
		if len(ended) > 0 {
			rows = append(rows, u.sectionRow(u.t("CurrentEarlierProjects")))
			rows = append(rows, u.projectRows(ended, now)...)
		}
		return u.listOrMessage(rows)
	})
}

// splitProjects parts projects into those running at now (or with no
// known end), by name, and those that have ended, the latest first.
func splitProjects(u *UI, projects []content.Project, now time.Time) (ongoing, ended []content.Project) {
	sortByText(u, projects, func(p content.Project) content.Text { return p.Name })
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
func (u *UI) projectRows(projects []content.Project, now time.Time) []row {
	rows := make([]row, len(projects))
	for i, p := range projects {
		id := p.ID
		detail := p.Owner
		if ended := u.projectEnded(p, now); ended != "" {
			detail = u.ui(joinNonEmpty(" · ", ended, u.text(p.Owner)))
		}
		rows[i] = row{title: p.Name, detail: detail, icon: categoriesPictogram(p.Categories, content.KindProject), open: func() { u.Open(projectPage{id: id}) }}
	}
	return rows
}

// projectEnded is "Ended 30 June 2019" (or "Ended 2022" when only the
// year is known) for a project that has ended at now; "" otherwise.
func (u *UI) projectEnded(p content.Project, now time.Time) string {
	end, yearOnly, ended := p.Ended(now)
	if !ended {
		return ""
	}
	date := u.loc.Date(end)
	if yearOnly {
		date = fmt.Sprint(end.Year())
	}
	return u.tf("CurrentEnded", map[string]any{"Date": date})
}

func (u *UI) listOrMessage(rows []row) fyne.CanvasObject {
	if len(rows) == 0 {
		return u.message(u.t("NothingHere"))
	}
	return u.filteredList(rows)
}

// sortByText sorts items by a text in the reader's language, with the
// collation rules of that language (Swedish å, ä, ö after z).
func sortByText[T any](u *UI, items []T, text func(T) content.Text) {
	slices.SortStableFunc(items, func(a, b T) int { return u.loc.Compare(u.text(text(a)), u.text(text(b))) })
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
