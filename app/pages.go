package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	return container.New(homeLayout{rtl: u.rtl()}, u.homeChoices(), u.whatIsOn(upcomingOnHome))
}

// homeChoices are the meeting place's name, the tiles to every part of
// the app and the topics, each by its pictogram.
func (u *UI) homeChoices() fyne.CanvasObject {
	box := container.NewVBox()
	if name := u.placeName(); name != "" {
		box.Add(heading(u.valueText(name)))
	}
	box.Add(u.homeTiles())
	var topics []content.Topic
	// Without topics Home still has its tiles; the list below says why.
	_ = u.lib.Store.View(func(tx *store.Tx) (err error) { topics, err = tx.Topics(); return err })
	if len(topics) > 0 {
		box.Add(u.topicTiles(topics, homeTopicColumns, pictureTileIcon))
	}
	return box
}

// placeName is the meeting place's name the admin gave, or "".
func (u *UI) placeName() string { return u.cfg.PlaceName }

// homeTopicColumns is how many topic tiles stand side by side on Home,
// where each is smaller than on the topics screen.
const homeTopicColumns = 4

// homeTiles are the large buttons to every part of the app; My list only
// on a desktop, where a guide keeps one.
func (u *UI) homeTiles() fyne.CanvasObject {
	tile := func(label string, icon string, p page) fyne.CanvasObject {
		return u.tile(label, pictogram(icon), func() { u.Open(p) })
	}
	tiles := []fyne.CanvasObject{
		tile(u.t("NavInformation"), pictInfo, topicsPage{}),
		tile(u.t("NavServices"), pictService, servicesPage{}),
		tile(u.t("NavEvents"), pictEvent, eventsPage{}),
		tile(u.t("NavProjects"), pictProject, projectsPage{}),
		tile(u.t("NavSearch"), pictSearch, searchPage{}),
	}
	if !u.Kiosk() {
		tiles = append(tiles, tile(u.t("NavMyList"), pictMyList, myListPage{}))
	}
	return u.tileGrid(tiles, 3)
}

// homeLayout puts Home's choices and what is on side by side on a wide
// screen (the choices on the side reading starts), one above the other
// on a tall one, so on a 1920×1080 and a 1080×1920 kiosk alike the
// topics and today's events are seen without scrolling.
type homeLayout struct{ rtl bool }

// homeChoicesShare is the part of a wide screen the choices take.
const homeChoicesShare = 0.6

func (l homeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	choices, events := objs[0], objs[1]
	pad := theme.Padding()
	if size.Width > size.Height {
		w := (size.Width - pad) * homeChoicesShare
		cx, ex := float32(0), w+pad
		if l.rtl {
			cx, ex = size.Width-w, 0
		}
		choices.Move(fyne.NewPos(cx, 0))
		choices.Resize(fyne.NewSize(w, size.Height))
		events.Move(fyne.NewPos(ex, 0))
		events.Resize(fyne.NewSize(size.Width-w-pad, size.Height))
		return
	}
	h := choices.MinSize().Height
	choices.Move(fyne.NewPos(0, 0))
	choices.Resize(fyne.NewSize(size.Width, h))
	events.Move(fyne.NewPos(0, h+pad))
	events.Resize(fyne.NewSize(size.Width, max(size.Height-h-pad, 0)))
}

func (l homeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	c, e := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(c.Width, e.Width), c.Height+theme.Padding()+e.Height)
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
		rows[i] = row{title: o.Event.Title, detail: u.ui(u.occurrenceLine(o)), icon: categoriesPictogram(o.Event.Categories, content.KindEvent), open: func() {
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
