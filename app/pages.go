package app

import (
	"slices"

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

// titledPage is a page whose title comes from what it shows (an item's
// name): it builds both from one read of the store.
type titledPage interface {
	titled(u *UI) (content.Text, fyne.CanvasObject)
}

// titleAndScreen builds p and gives its title, reading its item once.
func titleAndScreen(u *UI, p page) (content.Text, fyne.CanvasObject) {
	if tp, ok := p.(titledPage); ok {
		return tp.titled(u)
	}
	return p.title(u), p.build(u)
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

// whatIsOn is what the home screen lists: what happens today, then what
// comes next. When nothing is coming it shows what is current instead
// (services, ongoing projects, topics), never a list of past events:
// those live under Earlier on the events screen.
//
// The coming events are read on the UI goroutine: at most limit of them,
// through the start-time index (a few ms on the national cache); what
// is current is read off it (readLater).
func (u *UI) whatIsOn(limit int) fyne.CanvasObject {
	l := u.listing()
	var coming []store.Occurrence
	err := u.lib.Store.View(func(tx *store.Tx) (err error) {
		coming, err = tx.Events(store.EventQuery{From: dayStart(l.now), Among: u.area(), Limit: limit})
		return err
	})
	if err != nil {
		return u.readError(err)
	}
	if len(coming) == 0 {
		return u.whatIsCurrent()
	}
	bySegment := splitBySegment(coming, l.now)
	var rows []row
	if today := bySegment[segmentToday]; len(today) > 0 {
		rows = append(rows, l.sectionRow(l.t("TodayHeading")))
		rows = append(rows, l.occurrenceRows(today)...)
	}
	if next := append(bySegment[segmentWeek], bySegment[segmentLater]...); len(next) > 0 {
		rows = append(rows, l.sectionRow(l.t("UpcomingEvents")))
		rows = append(rows, l.occurrenceRows(next)...)
	}
	return touch.List(u.rowList(rows))
}

// whatIsCurrent is the home screen when no event is coming: it says so
// in one line, then lists what a visitor can use today: the services of
// the meeting place's area and the national ones, and the projects that
// are running; the topics of societal information are the tiles above.
// On a national cache that is every service and project: they are read
// and their rows made off the UI goroutine (readLater).
func (u *UI) whatIsCurrent() fyne.CanvasObject {
	st, area, l := u.lib.Store, u.area(), u.listing()
	return readLater(u, func() ([]row, error) {
		var services []content.Service
		var projects []content.Project
		var munis []content.Municipality
		err := st.View(func(tx *store.Tx) (err error) {
			if services, err = tx.Services(store.ServiceQuery{Among: area}); err != nil {
				return err
			}
			if projects, err = tx.Projects(); err != nil {
				return err
			}
			munis, err = tx.Municipalities()
			return err
		})
		if err != nil {
			return nil, err
		}
		return l.currentRows(services, projects, munis), nil
	}, func(rows []row) fyne.CanvasObject {
		// The topics stand above as tiles (homePage): not listed again.
		note := u.uiText(u.t("CurrentNoEvents"))
		if len(rows) == 0 {
			return u.message(note.Text)
		}
		return container.NewBorder(container.NewPadded(note), nil, nil, nil, touch.List(u.rowList(rows)))
	})
}

// currentRows are the rows of what is current: the services, then the
// projects running now, each by name.
func (l listing) currentRows(services []content.Service, projects []content.Project, munis []content.Municipality) []row {
	var rows []row
	if len(services) > 0 {
		// The area's own services before the national ones. (serviceRows
		// sorts them by name again, stably, so this holds only among
		// services of the same name, as before readLater.)
		slices.SortStableFunc(services, func(a, b content.Service) int {
			return boolOrder(a.Municipality == "", b.Municipality == "")
		})
		rows = append(rows, l.sectionRow(l.t("NavServices")))
		rows = append(rows, l.serviceRows(services, municipalityNames(munis), false)...)
	}
	if ongoing, _ := l.splitProjects(projects); len(ongoing) > 0 {
		rows = append(rows, l.sectionRow(l.t("CurrentOngoingProjects")))
		rows = append(rows, l.projectRows(ongoing)...)
	}
	return rows
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
func (l listing) occurrenceRows(list []store.Occurrence) []row {
	rows := make([]row, len(list))
	for i, o := range list {
		rows[i] = row{title: o.Event.Title, detail: l.ui(l.occurrenceLine(o)), icon: categoriesPictogram(o.Event.Categories, content.KindEvent), open: l.opens(eventPage{id: o.Event.ID})}
	}
	return rows
}

// occurrenceLine is the second line of an occurrence's row: when, how
// to take part, how far off, and whether it was moved or changed.
func (u *UI) occurrenceLine(o store.Occurrence) string { return u.listing().occurrenceLine(o) }

func (l listing) occurrenceLine(o store.Occurrence) string {
	when := l.loc.DateWithWeekday(o.Start)
	if !o.Event.AllDay {
		when += l.t("ListSeparator") + l.loc.Time(o.Start)
	}
	line := when + " · " + l.attendance(o.Event) + " · " + l.loc.Relative(l.now, o.Start)
	switch {
	case o.Moved:
		line += " · " + l.t("EventOccurrenceMoved")
	case o.Changed:
		line += " · " + l.t("EventOccurrenceChanged")
	}
	return line
}

// attendance is how to take part in an event, in the listing's language.
func (l listing) attendance(e content.Event) string {
	switch e.Attendance {
	case content.Online:
		return l.t("AttendanceOnline")
	case content.Mixed:
		return l.t("AttendanceMixed")
	}
	return l.t("AttendanceOffline")
}

// readError is what a screen shows when the store cannot be read: the
// reason, never a crash or an empty screen.
func (u *UI) readError(err error) fyne.CanvasObject {
	return u.message(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
}
