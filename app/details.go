package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// The detail screens of one article, service, event and project.

// nextOccurrences is how many coming dates an event's screen lists.
const nextOccurrences = 5

func detail(objects ...fyne.CanvasObject) fyne.CanvasObject {
	return touch.Scroll(container.NewVScroll(container.NewVBox(objects...)))
}

// withCodes is a detail page with its take-away codes: on a landscape
// screen in a column of their own beside the text (on the trailing side),
// so a visitor sees them without scrolling; otherwise below the text.
func (u *UI) withCodes(box *fyne.Container, codes fyne.CanvasObject) fyne.CanvasObject {
	if codes == nil {
		return detail(box)
	}
	if !u.landscape() {
		box.Add(codes)
		return detail(box)
	}
	column := container.NewVScroll(container.NewVBox(codes))
	column.SetMinSize(fyne.NewSize(qrMinSize+4*theme.Padding(), 0))
	if u.rtl() {
		return container.NewBorder(nil, nil, touch.Scroll(column), nil, detail(box))
	}
	return container.NewBorder(nil, nil, nil, touch.Scroll(column), detail(box))
}

// landscape reports whether the window is wider than it is tall and wide
// enough for a column of codes beside the text.
func (u *UI) landscape() bool {
	if u.win == nil {
		return false
	}
	size := u.win.Canvas().Size()
	return size.Width > size.Height && size.Width >= 1200
}

// markdown lays out a Markdown content text in the direction of the
// language it is in.
func (u *UI) markdown(t content.Text) fyne.CanvasObject {
	s, lang := t.In(u.Lang())
	return textview.NewMarkdown(s, dirOf(lang))
}

type articlePage struct{ id string }

func (p articlePage) title(u *UI) content.Text {
	a, _ := loadItem(u, func(tx *store.Tx) (content.Article, bool, error) { return tx.Article(p.id) })
	return a.Title
}

func (p articlePage) build(u *UI) fyne.CanvasObject {
	_, screen := p.titled(u)
	return screen
}

// titled builds the screen and gives its title from the same read.
func (p articlePage) titled(u *UI) (content.Text, fyne.CanvasObject) {
	a, err := loadItem(u, func(tx *store.Tx) (content.Article, bool, error) { return tx.Article(p.id) })
	if err != nil {
		return nil, u.readError(err)
	}
	box := container.NewVBox()
	addIf(box, u.actionBar(u.voice.button(a.Title, a.Summary, u.pictureSpeech(a.Image), a.Body), u.mylist.button(content.KindArticle, a.ID)))
	addIf(box, u.picture(a.Image))
	if updated, ok := content.ParseUpdated(a.Updated); ok {
		box.Add(u.uiText(u.tf("CurrentUpdated", map[string]any{"Date": u.loc.Date(updated)})))
	}
	if !a.Summary.Empty() {
		box.Add(bold(u.contentText(a.Summary)))
	}
	box.Add(u.markdown(a.Body))
	if len(a.Sources) > 0 {
		box.Add(bold(u.uiText(u.t("Sources"))))
		for _, src := range a.Sources {
			box.Add(u.link(src))
		}
	}
	return a.Title, detail(box)
}

type servicePage struct{ id string }

func (p servicePage) title(u *UI) content.Text {
	s, _ := loadItem(u, func(tx *store.Tx) (content.Service, bool, error) { return tx.Service(p.id) })
	return s.Name
}

func (p servicePage) build(u *UI) fyne.CanvasObject {
	_, screen := p.titled(u)
	return screen
}

// titled builds the screen and gives its title from the same read.
func (p servicePage) titled(u *UI) (content.Text, fyne.CanvasObject) {
	s, err := loadItem(u, func(tx *store.Tx) (content.Service, bool, error) { return tx.Service(p.id) })
	if err != nil {
		return nil, u.readError(err)
	}
	box := container.NewVBox()
	addIf(box, u.actionBar(u.voice.button(s.Name, s.Organisation, s.Description), u.mylist.button(content.KindService, s.ID)))
	u.field(box, u.t("Organisation"), u.contentText(s.Organisation))
	if !s.Description.Empty() {
		box.Add(u.contentText(s.Description))
	}
	box.Add(container.NewVBox(bold(u.uiText(u.t("OpeningHours"))), u.week(s)))
	u.field(box, u.t("Address"), u.valueText(address(s.Address)))
	u.field(box, u.t("Municipality"), u.contentText(u.municipalityName(s.Municipality)))
	u.field(box, u.t("Phone"), u.valueText(s.Phone))
	u.field(box, u.t("Email"), u.valueText(s.Email))
	u.linkField(box, u.t("Website"), s.Website)
	u.field(box, u.t("LanguagesSpoken"), u.uiText(u.languageNames(s.Languages)))
	return s.Name, u.withCodes(box, u.serviceCodes(s))
}

// addIf adds o to box unless it is nil (a part the page does not have).
func addIf(box *fyne.Container, o fyne.CanvasObject) {
	if o != nil {
		box.Add(o)
	}
}

// week lays out a service's hours Monday to Sunday as in Sweden, with
// whether it is open now, today in bold, and the changed hours to come.
func (u *UI) week(s content.Service) fyne.CanvasObject {
	h := s.Hours
	switch {
	case h == nil:
		return u.uiText(u.t("HoursUnknown"))
	case h.AlwaysOpen:
		return u.uiText(u.t("AlwaysOpen"))
	}
	loc := serviceZone(s)
	now := u.now().In(loc)
	open, _ := h.OpenAt(now, loc)
	box := container.NewVBox(bold(u.uiText(u.openMark(open))))
	for i := range 7 {
		day := time.Weekday((i + 1) % 7)
		line := u.loc.Weekday(day) + ": " + u.slotsText(h.Weekly[content.WeekdayKey(day)])
		l := u.uiText(line)
		if day == now.Weekday() {
			l.Text += " · " + u.t("Today")
			l.TextStyle.Bold = true
		}
		box.Add(l)
	}
	addIf(box, u.changedHours(h, now))
	if note := u.text(h.Note); note != "" {
		box.Add(u.contentText(h.Note))
	}
	return box
}

// changedHours lists the exceptions from today on, in date order; nil
// when there are none.
func (u *UI) changedHours(h *content.OpeningHours, now time.Time) fyne.CanvasObject {
	today := now.Format(time.DateOnly)
	var coming []content.HoursException
	for _, ex := range h.Exceptions {
		if ex.Date >= today {
			coming = append(coming, ex)
		}
	}
	if len(coming) == 0 {
		return nil
	}
	slices.SortFunc(coming, func(a, b content.HoursException) int { return strings.Compare(a.Date, b.Date) })
	box := container.NewVBox(bold(u.uiText(u.t("ChangedHours"))))
	for _, ex := range coming {
		date, err := time.ParseInLocation(time.DateOnly, ex.Date, now.Location())
		if err != nil {
			continue // the validator rejects bad dates
		}
		line := u.loc.DateWithWeekday(date) + ": " + u.slotsText(ex.Slots)
		if note := u.text(ex.Note); note != "" {
			line += " · " + note
		}
		box.Add(u.uiText(line))
	}
	return box
}

// slotsText is a day's opening times, or "closed".
func (u *UI) slotsText(slots []content.TimeSlot) string {
	if len(slots) == 0 {
		return u.t("Closed")
	}
	var times []string
	for _, sl := range slots {
		times = append(times, textview.Isolate(sl.Opens+"–"+sl.Closes))
	}
	return strings.Join(times, u.t("ListSeparator"))
}

func address(a *content.Address) string {
	if a.Empty() {
		return ""
	}
	return joinNonEmpty(", ", a.Street, joinNonEmpty(" ", a.PostalCode, a.City))
}

// languageNames names languages in the reader's language, from CLDR data.
func (u *UI) languageNames(codes []string) string {
	namer := display.Tags(language.Make(string(u.Lang())))
	var names []string
	for _, c := range codes {
		if n := namer.Name(language.Make(c)); n != "" {
			names = append(names, n)
		} else {
			names = append(names, c)
		}
	}
	return strings.Join(names, u.t("ListSeparator"))
}

type eventPage struct{ id string }

func (p eventPage) title(u *UI) content.Text {
	e, _ := loadItem(u, func(tx *store.Tx) (content.Event, bool, error) { return tx.Event(p.id) })
	return e.Title
}

func (p eventPage) build(u *UI) fyne.CanvasObject {
	_, screen := p.titled(u)
	return screen
}

// titled builds the screen and gives its title from the same read.
func (p eventPage) titled(u *UI) (content.Text, fyne.CanvasObject) {
	e, err := loadItem(u, func(tx *store.Tx) (content.Event, bool, error) { return tx.Event(p.id) })
	if err != nil {
		return nil, u.readError(err)
	}
	box := container.NewVBox()
	// A past event is not offered for a calendar: no export, no code.
	ended := e.Ended(u.now())
	var export fyne.CanvasObject
	if !ended {
		export = u.exportButton(e.ID+".ics", func() []content.Event { return []content.Event{e} })
	}
	addIf(box, u.actionBar(u.voice.button(e.Title, e.Description), u.mylist.button(content.KindEvent, e.ID), export))
	if ended {
		box.Add(bold(u.uiText(u.eventEnded(e))))
	}
	u.field(box, u.t("When"), u.uiText(u.eventTimes(e)))
	u.field(box, u.t("Attendance"), u.uiText(u.attendance(e)))
	if e.Place != nil {
		u.field(box, u.t("Place"), u.contentText(e.Place.Name))
		u.field(box, u.t("Address"), u.valueText(address(e.Place.Address)))
	}
	u.linkField(box, u.t("Online"), e.OnlineURL)
	if !e.OnlineInfo.Empty() {
		box.Add(u.contentText(e.OnlineInfo))
	}
	u.field(box, u.t("Organiser"), u.contentText(e.Organiser))
	u.field(box, u.t("Municipality"), u.contentText(u.municipalityName(e.Municipality)))
	if !e.Description.Empty() {
		box.Add(u.contentText(e.Description))
	}
	if e.Project != "" {
		proj, _ := loadItem(u, func(tx *store.Tx) (content.Project, bool, error) { return tx.Project(e.Project) })
		id := e.Project
		label := u.tf("ProjectLink", map[string]any{"Name": u.text(proj.Name)})
		box.Add(u.tile(label, pictogram(pictProject), func() { u.Open(projectPage{id: id}) }))
	}
	if ended {
		return e.Title, detail(box)
	}
	return e.Title, u.withCodes(box, u.centred(u.eventCode(e)))
}

// eventEnded says that an event is over: a series that it has ended and
// its last date, one event that it has taken place.
func (u *UI) eventEnded(e content.Event) string {
	if e.RRule != "" || len(e.RDates) > 0 {
		return u.tf("CurrentSeriesEnded", map[string]any{"Date": u.loc.DateWithWeekday(e.LastStart())})
	}
	return u.t("CurrentEventPassed")
}

// eventTimes lists the event's coming dates, or its one date, after its
// exceptions: a moved or changed date says so, a cancelled event says only
// that. A series that has ended lists its dates as they were.
func (u *UI) eventTimes(e content.Event) string {
	if e.Cancelled {
		return u.t("EventCancelled")
	}
	now := u.now()
	ended := e.Ended(now)
	coming := e.Instances(now, now.AddDate(2, 0, 0), nextOccurrences)
	if ended {
		coming = e.Instances(e.Start, e.LastEnd(), nextOccurrences)
	}
	if len(coming) == 0 {
		coming = []content.Instance{e.InstanceAt(e.Start)}
	}
	var lines []string
	for _, in := range coming {
		s := in.Start
		line := u.loc.DateWithWeekday(s)
		if !e.AllDay {
			line += u.t("ListSeparator") + u.loc.Time(s)
			if !in.End.IsZero() {
				line += "–" + u.loc.Time(in.End)
			}
		} else if !in.End.IsZero() && in.End.Sub(s) >= 24*time.Hour {
			line += " – " + u.loc.DateWithWeekday(in.End)
		}
		if note := u.occurrenceNote(in); note != "" {
			line += " (" + note + ")"
		}
		lines = append(lines, line)
	}
	if (e.RRule != "" || len(e.RDates) > 0) && !ended {
		lines = append([]string{u.t("Recurring")}, lines...)
	}
	return strings.Join(lines, "\n")
}

// occurrenceNote says that one occurrence was moved or changed.
func (u *UI) occurrenceNote(in content.Instance) string {
	switch {
	case in.Override == nil:
		return ""
	case !in.RecurrenceID.Equal(in.Start):
		return u.t("EventOccurrenceMoved")
	}
	return u.t("EventOccurrenceChanged")
}

func (u *UI) attendance(e content.Event) string {
	switch e.Attendance {
	case content.Online:
		return u.t("AttendanceOnline")
	case content.Mixed:
		return u.t("AttendanceMixed")
	}
	return u.t("AttendanceOffline")
}

type projectPage struct{ id string }

func (p projectPage) title(u *UI) content.Text {
	pr, _ := loadItem(u, func(tx *store.Tx) (content.Project, bool, error) { return tx.Project(p.id) })
	return pr.Name
}

// filling is a box to fill with Add and then give to vbox: Fyne's
// Container.Add lays a box out again at every Add, which made a screen's
// layout quadratic in its parts (a third of a project screen's time,
// BENCHMARKS.md, issue 16); a box without a layout is laid out once, when
// shown.
func filling(objects ...fyne.CanvasObject) *fyne.Container {
	return container.NewWithoutLayout(objects...)
}

// vbox gives a box filled by filling its vertical layout.
func vbox(box *fyne.Container) *fyne.Container {
	box.Layout = layout.NewVBoxLayout()
	return box
}

func (p projectPage) build(u *UI) fyne.CanvasObject {
	_, screen := p.titled(u)
	return screen
}

// titled builds the screen and gives its title from the same read.
func (p projectPage) titled(u *UI) (content.Text, fyne.CanvasObject) {
	pr, err := loadItem(u, func(tx *store.Tx) (content.Project, bool, error) { return tx.Project(p.id) })
	if err != nil {
		return nil, u.readError(err)
	}
	box := filling()
	addIf(box, u.actionBar(u.voice.button(pr.Name, pr.Summary, u.pictureSpeech(pr.Image), pr.Offers), u.mylist.button(content.KindProject, pr.ID)))
	addIf(box, u.picture(pr.Image))
	ended := u.projectEnded(pr, u.now())
	if ended != "" {
		box.Add(bold(u.uiText(ended)))
	}
	box.Add(u.contentText(pr.Summary))
	if !pr.Offers.Empty() {
		box.Add(bold(u.uiText(u.t("Offers"))))
		box.Add(u.markdown(pr.Offers))
	}
	u.field(box, u.t("Owner"), u.contentText(pr.Owner))
	if len(pr.Partners) > 0 {
		partners := container.NewVBox()
		for _, t := range pr.Partners {
			partners.Add(u.contentText(t))
		}
		box.Add(container.NewVBox(bold(u.uiText(u.t("Partners"))), partners))
	}
	u.field(box, u.t("Period"), u.uiText(u.period(pr.Start, pr.End)))
	var places []string
	for _, m := range pr.Municipalities {
		places = append(places, u.text(u.municipalityName(m)))
	}
	u.field(box, u.t("Municipalities"), u.uiText(strings.Join(places, u.t("ListSeparator"))))
	if ended == "" {
		// An ended project's contacts no longer answer for it: they are
		// not offered to a visitor.
		u.field(box, u.t("Contact"), u.contentText(pr.ContactRole))
		u.field(box, u.t("Email"), u.valueText(pr.Email))
		u.linkField(box, u.t("Website"), pr.Website)
	}
	addIf(box, u.projectEvents(pr.ID))
	addIf(box, u.projectServices(pr))
	return pr.Name, detail(vbox(box))
}

// projectRowsShown is how many events and services a project's screen
// lists; the full lists are a tap away.
const projectRowsShown = 10

// projectEvents lists the project's coming events, one row a time it
// happens; when none are coming, its latest past ones. Nil when it has
// none at all.
func (u *UI) projectEvents(id string) fyne.CanvasObject {
	now := u.now()
	var occ []store.Occurrence
	title := u.t("ProjectEvents")
	err := u.lib.Store.View(func(tx *store.Tx) error {
		all, err := tx.Events(store.EventQuery{From: now, Project: id, Limit: projectRowsShown})
		if occ = ofProject(all, id); len(occ) > 0 || err != nil {
			return err
		}
		title = u.t("EarlierEvents")
		all, err = tx.PastEvents(store.EventQuery{From: now, Project: id, Limit: projectRowsShown})
		occ = ofProject(all, id)
		return err
	})
	if err != nil {
		return u.readError(err)
	}
	if len(occ) == 0 {
		return nil
	}
	box := filling(bold(u.uiText(title)))
	for _, o := range occ {
		eventID := o.Event.ID
		box.Add(u.linkRow(o.Event.Title, u.occurrenceLine(o), func() { u.Open(eventPage{id: eventID}) }))
	}
	return vbox(box)
}

// ofProject keeps the first projectRowsShown occurrences of a project's
// events.
func ofProject(occ []store.Occurrence, project string) []store.Occurrence {
	var out []store.Occurrence
	for _, o := range occ {
		if o.Event.Project == project && len(out) < projectRowsShown {
			out = append(out, o)
		}
	}
	return out
}

// projectServices lists services in the project's municipalities, and
// when there are more than fit, a way to each municipality's full list.
func (u *UI) projectServices(pr content.Project) fyne.CanvasObject {
	if len(pr.Municipalities) == 0 {
		return nil
	}
	var services []content.Service
	var places map[string]content.Text
	total := 0
	err := u.lib.Store.View(func(tx *store.Tx) (err error) {
		services, total, err = servicesIn(tx, pr.Municipalities, projectRowsShown)
		if err == nil {
			places, err = tx.MunicipalityNames() // decoded once per version, not per screen
		}
		return err
	})
	if err != nil {
		return u.readError(err)
	}
	if total == 0 {
		return nil
	}
	national := u.t("National")
	box := filling(bold(u.uiText(u.t("ProjectServices"))))
	for _, s := range services {
		id := s.ID
		box.Add(u.linkRow(s.Name, u.serviceLine(s, places, national), func() { u.Open(servicePage{id: id}) }))
	}
	if total > len(services) {
		for _, m := range pr.Municipalities {
			p := servicesPage{municipality: m}
			label := u.tf("ServicesIn", map[string]any{"Place": u.text(places[m])})
			box.Add(u.tile(label, pictogram(pictService), func() { u.Open(p) }))
		}
	}
	return vbox(box)
}

// servicesIn reads the first limit services in the municipalities, and
// how many there are in all.
func servicesIn(tx *store.Tx, munis []string, limit int) ([]content.Service, int, error) {
	var ids []string
	for _, m := range munis {
		in, err := tx.InMunicipality(content.KindService, m, false)
		if err != nil {
			return nil, 0, err
		}
		ids = append(ids, in...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var out []content.Service
	for _, id := range ids[:min(limit, len(ids))] {
		s, ok, err := tx.Service(id)
		if err != nil {
			return nil, 0, err
		}
		if ok {
			out = append(out, s)
		}
	}
	return out, len(ids), nil
}

// linkRow is a row inside a detail screen that opens another screen: a
// title and a line about it, over a button that takes the tap.
func (u *UI) linkRow(title content.Text, detail string, open func()) fyne.CanvasObject {
	b := widget.NewButton("", open)
	b.Importance = widget.LowImportance
	text := container.New(layout.NewCustomPaddedVBoxLayout(0), bold(u.contentText(title)), u.uiText(detail))
	return container.NewStack(b, container.NewPadded(text))
}

func (u *UI) period(start, end string) string {
	format := func(s string) string {
		t, _, yearOnly, err := content.ParseProjectDate(s)
		switch {
		case err != nil:
			return ""
		case yearOnly:
			return fmt.Sprint(t.Year())
		}
		return u.loc.Date(t)
	}
	from, until := format(start), format(end)
	switch {
	case from != "" && until != "":
		return u.tf("PeriodRange", map[string]any{"Start": from, "End": until})
	case from != "":
		return u.tf("PeriodFrom", map[string]any{"Date": from})
	case until != "":
		return u.tf("PeriodUntil", map[string]any{"Date": until})
	}
	return ""
}

// loadItem reads one item; a missing item is an error, so a screen for an
// item that a new version removed says so instead of showing nothing.
func loadItem[T any](u *UI, get func(*store.Tx) (T, bool, error)) (T, error) {
	var item T
	var ok bool
	err := u.lib.Store.View(func(tx *store.Tx) (err error) { item, ok, err = get(tx); return err })
	if err == nil && !ok {
		err = fmt.Errorf("%s", u.t("ItemGone"))
	}
	return item, err
}
