package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

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
	tile := func(label string, icon fyne.Resource, p page) fyne.CanvasObject {
		return u.tile(label, icon, func() { u.Open(p) })
	}
	tiles := container.NewGridWithColumns(2, append(
		u.inReadingOrder(tile(u.t("NavInformation"), theme.InfoIcon(), topicsPage{}),
			tile(u.t("NavServices"), theme.AccountIcon(), servicesPage{})),
		u.inReadingOrder(tile(u.t("NavEvents"), theme.CalendarIcon(), eventsPage{}),
			tile(u.t("NavProjects"), theme.FolderIcon(), projectsPage{}))...)...)
	events := u.eventList(upcomingOnHome)
	return container.NewBorder(tiles, nil, nil, nil, events)
}

// eventList shows what is coming up; when nothing is, it says so and
// shows the latest past events instead, marked as past.
func (u *UI) eventList(limit int) fyne.CanvasObject {
	now := u.now()
	var upcoming, past []store.Occurrence
	err := u.lib.Store.View(func(tx *store.Tx) (err error) {
		if upcoming, err = tx.Events(store.EventQuery{From: now, Limit: limit}); err != nil || len(upcoming) > 0 {
			return err
		}
		past, err = tx.PastEvents(now, limit)
		return err
	})
	if err != nil {
		return u.readError(err)
	}
	title, list := u.t("UpcomingEvents"), upcoming
	if len(upcoming) == 0 {
		title, list = u.t("NoUpcomingEvents"), past
	}
	if len(list) == 0 {
		return u.message(u.t("NoEvents"))
	}
	rows := make([]row, len(list))
	for i, o := range list {
		o := o
		rows[i] = row{title: o.Event.Title, detail: u.ui(u.occurrenceLine(o)), open: func() {
			u.Open(eventPage{id: o.Event.ID})
		}}
	}
	return container.NewBorder(heading(u.uiText(title)), nil, nil, nil, u.rowList(rows))
}

func (u *UI) occurrenceLine(o store.Occurrence) string {
	when := u.loc.DateWithWeekday(o.Start)
	if !o.Event.AllDay {
		when += u.t("ListSeparator") + u.loc.Time(o.Start)
	}
	return when + " · " + u.attendance(o.Event) + " · " + u.loc.Relative(u.now(), o.Start)
}

// readError is what a screen shows when the store cannot be read: the
// reason, never a crash or an empty screen.
func (u *UI) readError(err error) fyne.CanvasObject {
	return u.message(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
}
