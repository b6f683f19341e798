package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// page is one screen. It keeps only what identifies it (ids), so it can be
// built again in another language or after new content arrives.
type page interface {
	title(u *UI) content.Text
	build(u *UI) fyne.CanvasObject
}

// upcomingOnHome is how many coming events the home screen lists.
const upcomingOnHome = 20

type homePage struct{}

func (homePage) title(u *UI) content.Text { return u.ui(u.t("HomeTitle")) }

func (homePage) build(u *UI) fyne.CanvasObject {
	return container.NewBorder(u.homeTiles(), nil, nil, nil, u.whatIsOn(upcomingOnHome))
}

// homeTiles are the large buttons to every part of the app; My list only
// on a desktop, where a guide keeps one.
func (u *UI) homeTiles() fyne.CanvasObject {
	tile := func(label string, icon fyne.Resource, p page) fyne.CanvasObject {
		return u.tile(label, icon, func() { u.Open(p) })
	}
	tiles := []fyne.CanvasObject{
		tile(u.t("NavInformation"), theme.InfoIcon(), topicsPage{}),
		tile(u.t("NavServices"), theme.AccountIcon(), servicesPage{}),
		tile(u.t("NavEvents"), theme.CalendarIcon(), eventsPage{}),
		tile(u.t("NavProjects"), theme.FolderIcon(), projectsPage{}),
		tile(u.t("NavSearch"), theme.SearchIcon(), searchPage{}),
	}
	if !u.Kiosk() {
		tiles = append(tiles, tile(u.t("NavMyList"), theme.ListIcon(), myListPage{}))
	}
	const columns = 3
	var rows []fyne.CanvasObject
	for len(tiles) > 0 {
		n := min(columns, len(tiles))
		row := tiles[:n:n]
		for len(row) < columns { // a short last row starts where reading starts
			row = append(row, layout.NewSpacer())
		}
		rows = append(rows, u.inReadingOrder(row...)...)
		tiles = tiles[n:]
	}
	return container.NewGridWithColumns(columns, rows...)
}

// whatIsOn is what the home screen lists: what happens today, then what
// comes next. When nothing is coming it shows what is current instead
// (services, ongoing projects, topics), never a list of past events:
// those live under Earlier on the events screen.
func (u *UI) whatIsOn(limit int) fyne.CanvasObject {
	now := u.now()
	var coming []store.Occurrence
	err := u.lib.Store.View(func(tx *store.Tx) (err error) {
		coming, err = tx.Events(store.EventQuery{From: dayStart(now), Among: u.area(), Limit: limit})
		return err
	})
	if err != nil {
		return u.readError(err)
	}
	if len(coming) == 0 {
		return u.whatIsCurrent()
	}
	bySegment := splitBySegment(coming, now)
	var rows []row
	if today := bySegment[segmentToday]; len(today) > 0 {
		rows = append(rows, u.sectionRow(u.t("TodayHeading")))
		rows = append(rows, u.occurrenceRows(today)...)
	}
	if next := append(bySegment[segmentWeek], bySegment[segmentLater]...); len(next) > 0 {
		rows = append(rows, u.sectionRow(u.t("UpcomingEvents")))
		rows = append(rows, u.occurrenceRows(next)...)
	}
	return touch.List(u.rowList(rows))
}

// whatIsCurrent is the home screen when no event is coming: it says so
// in one line, then lists what a visitor can use today: the services of
// the meeting place's area and the national ones, the projects that are
// running, and the topics of societal information.
func (u *UI) whatIsCurrent() fyne.CanvasObject {
	now := u.now()
	var services []content.Service
	var projects []content.Project
	var topics []content.Topic
	var munis []content.Municipality
	err := u.lib.Store.View(func(tx *store.Tx) (err error) {
		if services, err = tx.Services(store.ServiceQuery{Among: u.area()}); err != nil {
			return err
		}
		if projects, err = tx.Projects(); err != nil {
			return err
		}
		if topics, err = tx.Topics(); err != nil {
			return err
		}
		munis, err = tx.Municipalities()
		return err
	})
	if err != nil {
		return u.readError(err)
	}
	var rows []row
	if len(services) > 0 {
		// The area's own services before the national ones.
		slices.SortStableFunc(services, func(a, b content.Service) int {
			return boolOrder(a.Municipality == "", b.Municipality == "")
		})
		rows = append(rows, u.sectionRow(u.t("NavServices")))
		rows = append(rows, u.serviceRows(services, municipalityNames(munis), false)...)
	}
	if ongoing, _ := splitProjects(u, projects, now); len(ongoing) > 0 {
		rows = append(rows, u.sectionRow(u.t("CurrentOngoingProjects")))
		rows = append(rows, u.projectRows(ongoing, now)...)
	}
	if len(topics) > 0 {
		rows = append(rows, u.sectionRow(u.t("NavInformation")))
		for _, t := range topics {
			id := t.ID
			rows = append(rows, row{title: t.Title, detail: t.Summary, open: func() { u.Open(articlesPage{topic: id}) }})
		}
	}
	note := u.uiText(u.t("CurrentNoEvents"))
	if len(rows) == 0 {
		return u.message(note.Text)
	}
	return container.NewBorder(container.NewPadded(note), nil, nil, nil, touch.List(u.rowList(rows)))
}

// boolOrder sorts false before true, for slices.SortStableFunc.
func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// occurrenceRows are list rows for event occurrences, each opening its
// event.
func (u *UI) occurrenceRows(list []store.Occurrence) []row {
	rows := make([]row, len(list))
	for i, o := range list {
		id := o.Event.ID
		rows[i] = row{title: o.Event.Title, detail: u.ui(u.occurrenceLine(o)), open: func() {
			u.Open(eventPage{id: id})
		}}
	}
	return rows
}

func (u *UI) occurrenceLine(o store.Occurrence) string {
	when := u.loc.DateWithWeekday(o.Start)
	if !o.Event.AllDay {
		when += u.t("ListSeparator") + u.loc.Time(o.Start)
	}
	line := when + " · " + u.attendance(o.Event) + " · " + u.loc.Relative(u.now(), o.Start)
	switch {
	case o.Moved:
		line += " · " + u.t("EventOccurrenceMoved")
	case o.Changed:
		line += " · " + u.t("EventOccurrenceChanged")
	}
	return line
}

// readError is what a screen shows when the store cannot be read: the
// reason, never a crash or an empty screen.
func (u *UI) readError(err error) fyne.CanvasObject {
	return u.message(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
}
