package app

import (
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

// whatIsOn is what the home screen lists: what happens today; when
// nothing does, what comes next; when nothing is coming, the latest past
// events, marked as past. One read serves all three.
func (u *UI) whatIsOn(limit int) fyne.CanvasObject {
	now := u.now()
	var coming, past []store.Occurrence
	err := u.lib.Store.View(func(tx *store.Tx) (err error) {
		coming, err = tx.Events(store.EventQuery{From: dayStart(now), Among: u.area(), Limit: limit})
		if err != nil || len(coming) > 0 {
			return err
		}
		past, err = tx.PastEvents(now, limit)
		return err
	})
	if err != nil {
		return u.readError(err)
	}
	if today := splitBySegment(coming, now)[segmentToday]; len(today) > 0 {
		return container.NewBorder(heading(u.uiText(u.t("TodayHeading"))), nil, nil, nil, touch.List(u.rowList(u.occurrenceRows(today))))
	}
	// Nothing today: coming then holds the first occurrences after today,
	// which are the next ones from now on.
	return u.eventList(coming, past)
}

// eventList shows what is coming up; when nothing is, it says so and
// shows the latest past events instead, marked as past.
func (u *UI) eventList(upcoming, past []store.Occurrence) fyne.CanvasObject {
	title, list := u.t("UpcomingEvents"), upcoming
	if len(upcoming) == 0 {
		title, list = u.t("NoUpcomingEvents"), past
	}
	if len(list) == 0 {
		return u.message(u.t("NoEvents"))
	}
	return container.NewBorder(heading(u.uiText(title)), nil, nil, nil, touch.List(u.rowList(u.occurrenceRows(list))))
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
