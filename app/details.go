package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
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

// detail is a detail screen: its box (from filling) laid out as a column
// that scrolls.
func detail(box *fyne.Container) fyne.CanvasObject {
	return newDetailScreen(box, touch.Scroll(container.NewVScroll(column(box))))
}

// detailScreen holds a detail screen's scrolling column so that a Refresh
// of it does not refresh every part. The screen is laid out in full when
// navigator.show places it (the column lays each part out at its width
// before placing the next, so nothing moves after), and show then
// refreshes the body it placed it in: a Container's Refresh refreshes
// every part again, each label laying out its text anew and each
// pictogram parsing its SVG anew, to no change; that was a quarter of a
// project screen's time (BENCHMARKS.md, issue 16). Its Refresh lays the
// column out again instead. A part that changes refreshes itself, a new
// size comes through Resize, and a theme change refreshes every part
// (Fyne's ApplyThemeTo walks them through the renderers). Taps reach the
// parts as before: the touch surface inside finds them in its column.
type detailScreen struct {
	widget.BaseWidget
	column  *fyne.Container
	surface *touch.Surface
}

func newDetailScreen(column *fyne.Container, surface *touch.Surface) *detailScreen {
	d := &detailScreen{column: column, surface: surface}
	d.ExtendBaseWidget(d)
	return d
}

// CreateRenderer is part of fyne.Widget.
func (d *detailScreen) CreateRenderer() fyne.WidgetRenderer { return detailScreenRenderer{d} }

type detailScreenRenderer struct{ d *detailScreen }

func (r detailScreenRenderer) Layout(size fyne.Size) {
	r.d.surface.Move(fyne.Position{})
	r.d.surface.Resize(size)
}

func (r detailScreenRenderer) MinSize() fyne.Size { return r.d.surface.MinSize() }

func (r detailScreenRenderer) Refresh() {
	relayout(r.d.column)
	canvas.Refresh(r.d)
}

func (r detailScreenRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.d.surface}
}

func (r detailScreenRenderer) Destroy() {}

// relayout lays out o, if it is a container, and the containers in it,
// parents before children; a widget lays itself out.
func relayout(o fyne.CanvasObject) {
	c, ok := o.(*fyne.Container)
	if !ok {
		return
	}
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
	for _, child := range c.Objects {
		relayout(child)
	}
}

// withCodes is a detail page with its take-away codes: on a landscape
// screen in a column of their own beside the text (on the trailing side),
// so a visitor sees them without scrolling; otherwise below the text.
func (u *UI) withCodes(box *fyne.Container, codes fyne.CanvasObject) fyne.CanvasObject {
	if codes == nil {
		return detail(box)
	}
	if !u.landscape() {
		box.Objects = append(box.Objects, codes)
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

// addMarkdown adds a Markdown content text, laid out in the direction of
// the language it is in, block by block to a detail screen's box (its
// blocks are spaced as the box's parts are, so they need no box of their
// own).
func (u *UI) addMarkdown(box *fyne.Container, t content.Text) {
	s, lang := t.In(u.Lang())
	box.Objects = append(box.Objects, textview.NewMarkdown(s, dirOf(lang)).Objects...)
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
	box := filling()
	addIf(box, u.actionBar(u.voice.button(a.Title, a.Summary, u.pictureSpeech(a.Image), a.Body), u.mylist.button(content.KindArticle, a.ID)))
	addIf(box, u.picture(a.Image))
	if updated, ok := content.ParseUpdated(a.Updated); ok {
		box.Add(u.uiText(u.tf("CurrentUpdated", map[string]any{"Date": u.loc.Date(updated)})))
	}
	if !a.Summary.Empty() {
		box.Add(bold(u.contentText(a.Summary)))
	}
	u.addMarkdown(box, a.Body)
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
	box := filling()
	addIf(box, u.actionBar(u.voice.button(s.Name, s.Organisation, s.Description), u.mylist.button(content.KindService, s.ID)))
	u.addField(box, u.t("Organisation"), u.contentText(s.Organisation))
	if !s.Description.Empty() {
		box.Add(u.contentText(s.Description))
	}
	box.Add(bold(u.uiText(u.t("OpeningHours"))))
	u.addWeek(box, s)
	u.addField(box, u.t("Address"), u.valueText(address(s.Address)))
	u.addField(box, u.t("Municipality"), u.contentText(u.municipalityName(s.Municipality)))
	u.addField(box, u.t("Phone"), u.valueText(s.Phone))
	u.addField(box, u.t("Email"), u.valueText(s.Email))
	u.addLinkField(box, u.t("Website"), s.Website)
	u.addField(box, u.t("LanguagesSpoken"), u.uiText(u.languageNames(s.Languages)))
	return s.Name, u.withCodes(box, u.serviceCodes(s))
}

// addIf adds o to box unless it is nil (a part the page does not have).
func addIf(box *fyne.Container, o fyne.CanvasObject) {
	if o != nil {
		box.Add(o)
	}
}

// addField adds a caption and its value to a detail screen's box, one
// under the other as its other parts; an empty value adds nothing. (As
// u.field, without a box of their own.)
func (u *UI) addField(box *fyne.Container, caption string, value *textview.Label) {
	if value == nil || value.Text == "" {
		return
	}
	box.Objects = append(box.Objects, bold(u.uiText(caption)), value)
}

// addLinkField adds a link under its caption (as u.linkField, without a
// box of their own).
func (u *UI) addLinkField(box *fyne.Container, caption, link string) {
	if link == "" {
		return
	}
	box.Objects = append(box.Objects, bold(u.uiText(caption)), u.link(link))
}

// addWeek adds a service's hours Monday to Sunday as in Sweden, with
// whether it is open now, today in bold, and the changed hours to come.
func (u *UI) addWeek(box *fyne.Container, s content.Service) {
	h := s.Hours
	switch {
	case h == nil:
		box.Add(u.uiText(u.t("HoursUnknown")))
		return
	case h.AlwaysOpen:
		box.Add(u.uiText(u.t("AlwaysOpen")))
		return
	}
	loc := serviceZone(s)
	now := u.now().In(loc)
	open, _ := h.OpenAt(now, loc)
	box.Add(bold(u.uiText(u.openMark(open))))
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
	u.addChangedHours(box, h, now)
	if note := u.text(h.Note); note != "" {
		box.Add(u.contentText(h.Note))
	}
}

// addChangedHours adds the exceptions from today on, in date order, under
// their heading; nothing when there are none.
func (u *UI) addChangedHours(box *fyne.Container, h *content.OpeningHours, now time.Time) {
	today := now.Format(time.DateOnly)
	var coming []content.HoursException
	for _, ex := range h.Exceptions {
		if ex.Date >= today {
			coming = append(coming, ex)
		}
	}
	if len(coming) == 0 {
		return
	}
	slices.SortFunc(coming, func(a, b content.HoursException) int { return strings.Compare(a.Date, b.Date) })
	box.Add(bold(u.uiText(u.t("ChangedHours"))))
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
	box := filling()
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
	u.addField(box, u.t("When"), u.uiText(u.eventTimes(e)))
	u.addField(box, u.t("Attendance"), u.uiText(u.attendance(e)))
	if e.Place != nil {
		u.addField(box, u.t("Place"), u.contentText(e.Place.Name))
		u.addField(box, u.t("Address"), u.valueText(address(e.Place.Address)))
	}
	u.addLinkField(box, u.t("Online"), e.OnlineURL)
	if !e.OnlineInfo.Empty() {
		box.Add(u.contentText(e.OnlineInfo))
	}
	u.addField(box, u.t("Organiser"), u.contentText(e.Organiser))
	u.addField(box, u.t("Municipality"), u.contentText(u.municipalityName(e.Municipality)))
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

// attendance is how to take part in an event: on site, online or both.
func (u *UI) attendance(e content.Event) string { return u.listing().attendance(e) }

type projectPage struct{ id string }

func (p projectPage) title(u *UI) content.Text {
	pr, _ := loadItem(u, func(tx *store.Tx) (content.Project, bool, error) { return tx.Project(p.id) })
	return pr.Name
}

// filling is a box to fill with Add and then give to column: Fyne's
// Container.Add lays a box out again at every Add, which made a screen's
// layout quadratic in its parts (a third of a project screen's time,
// BENCHMARKS.md, issue 16); a box without a layout is laid out once, when
// shown.
func filling(objects ...fyne.CanvasObject) *fyne.Container {
	return container.NewWithoutLayout(objects...)
}

// column gives a box filled by filling its vertical layout: its parts one
// under the other, the theme's padding between them, as Fyne's VBox
// (without its spacers, which the detail screens do not use).
func column(box *fyne.Container) *fyne.Container {
	box.Layout = &columnLayout{}
	return box
}

// columnLayout is Fyne's VBox layout for a detail screen's parts, which
// are labels and rows that measure their lines at every MinSize: it asks
// each part's MinSize once a layout rather than twice, and keeps the
// column's MinSize from one layout to the next (the scroll around it asks
// for it several times a layout). A layout may change the parts' sizes (a
// label laid out at its width wraps to more lines), so the MinSize is
// measured again after each. A part that gets a new width is laid out at
// it before its height is asked: in one layout the parts stand where a
// VBox puts them once laid out again (TestColumnIsVBox), which a screen
// shorter than its window was not always (its text overlapped when the
// scroll had no new size to give it, BENCHMARKS.md, issue 16).
type columnLayout struct {
	min   fyne.Size
	known bool // min is the MinSize since the last layout
}

func (c *columnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	c.known = false
	pad := theme.Padding()
	y := float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		o.Move(fyne.NewPos(0, y))
		if o.Size().Width != size.Width {
			// Laid out at the column's width first: a label asks for
			// the height of its lines unwrapped until it knows its
			// width, and the parts below would overlap it.
			o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		}
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + pad
	}
	c.known = false
}

func (c *columnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if c.known {
		return c.min
	}
	pad := theme.Padding()
	var min fyne.Size
	shown := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		min.Width = max(min.Width, m.Width)
		min.Height += m.Height
		shown++
	}
	if shown > 1 {
		min.Height += pad * float32(shown-1)
	}
	c.min, c.known = min, true
	return min
}

func (p projectPage) build(u *UI) fyne.CanvasObject {
	_, screen := p.titled(u)
	return screen
}

// projectRead is what a project's screen shows from the store, read in
// one transaction: the project, its events (coming ones, or when none
// are coming its latest past ones) and the first services in its
// municipalities, with how many there are and the municipalities' names.
// An error reading the events or the services is shown in their place.
type projectRead struct {
	project   content.Project
	events    []store.Occurrence
	earlier   bool // events are past ones
	eventsErr error

	services    []content.Summary
	total       int // services in the project's municipalities
	servicesErr error

	places map[string]content.Text // municipality names by id
}

// readProject reads a project's screen; a missing project is an error
// (as loadItem).
func (u *UI) readProject(id string) (projectRead, error) {
	now := u.now()
	var r projectRead
	var ok bool
	err := u.lib.Store.View(func(tx *store.Tx) (err error) {
		if r.project, ok, err = tx.Project(id); err != nil || !ok {
			return err
		}
		if r.places, err = tx.MunicipalityNames(); err != nil { // decoded once per version, not per screen
			return err
		}
		r.events, r.earlier, r.eventsErr = projectEvents(tx, id, now)
		if len(r.project.Municipalities) > 0 {
			r.services, r.total, r.servicesErr = servicesIn(tx, r.project.Municipalities, projectRowsShown)
		}
		return nil
	})
	if err == nil && !ok {
		err = fmt.Errorf("%s", u.t("ItemGone"))
	}
	return r, err
}

// titled builds the screen and gives its title from the same read.
func (p projectPage) titled(u *UI) (content.Text, fyne.CanvasObject) {
	r, err := u.readProject(p.id)
	if err != nil {
		return nil, u.readError(err)
	}
	pr := r.project
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
		u.addMarkdown(box, pr.Offers)
	}
	u.addField(box, u.t("Owner"), u.contentText(pr.Owner))
	if len(pr.Partners) > 0 {
		box.Add(bold(u.uiText(u.t("Partners"))))
		for _, t := range pr.Partners {
			box.Add(u.contentText(t))
		}
	}
	u.addField(box, u.t("Period"), u.uiText(u.period(pr.Start, pr.End)))
	places := make([]string, len(pr.Municipalities))
	for i, m := range pr.Municipalities {
		places[i] = u.text(r.places[m])
	}
	u.addField(box, u.t("Municipalities"), u.uiText(strings.Join(places, u.t("ListSeparator"))))
	if ended == "" {
		// An ended project's contacts no longer answer for it: they are
		// not offered to a visitor.
		u.addField(box, u.t("Contact"), u.contentText(pr.ContactRole))
		u.addField(box, u.t("Email"), u.valueText(pr.Email))
		u.addLinkField(box, u.t("Website"), pr.Website)
	}
	u.addProjectEvents(box, r)
	u.addProjectServices(box, r)
	return pr.Name, detail(box)
}

// projectRowsShown is how many events and services a project's screen
// lists; the full lists are a tap away.
const projectRowsShown = 10

// projectEvents reads the project's coming events, one occurrence a time
// it happens; when none are coming, its latest past ones (earlier).
func projectEvents(tx *store.Tx, id string, now time.Time) (occ []store.Occurrence, earlier bool, err error) {
	all, err := tx.Events(store.EventQuery{From: now, Project: id, Limit: projectRowsShown})
	if occ = ofProject(all, id); len(occ) > 0 || err != nil {
		return occ, false, err
	}
	all, err = tx.PastEvents(store.EventQuery{From: now, Project: id, Limit: projectRowsShown})
	return ofProject(all, id), true, err
}

// addProjectEvents adds the project's events under their heading, a row
// each; nothing when it has none at all.
func (u *UI) addProjectEvents(box *fyne.Container, r projectRead) {
	if r.eventsErr != nil {
		box.Add(u.readError(r.eventsErr))
		return
	}
	if len(r.events) == 0 {
		return
	}
	title := u.t("ProjectEvents")
	if r.earlier {
		title = u.t("EarlierEvents")
	}
	box.Add(bold(u.uiText(title)))
	for _, o := range r.events {
		eventID := o.Event.ID
		box.Add(u.linkRow(o.Event.Title, u.occurrenceLine(o), func() { u.Open(eventPage{id: eventID}) }))
	}
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

// addProjectServices adds the services in the project's municipalities
// under their heading, and when there are more than fit, a way to each
// municipality's full list.
func (u *UI) addProjectServices(box *fyne.Container, r projectRead) {
	if r.servicesErr != nil {
		box.Add(u.readError(r.servicesErr))
		return
	}
	if r.total == 0 {
		return
	}
	national := u.t("National")
	box.Add(bold(u.uiText(u.t("ProjectServices"))))
	for _, s := range r.services {
		id := s.ID
		box.Add(u.linkRow(s.Title, u.serviceLine(s.Organisation, s.Municipality, r.places, national), func() { u.Open(servicePage{id: id}) }))
	}
	if r.total > len(r.services) {
		for _, m := range r.project.Municipalities {
			p := servicesPage{municipality: m}
			label := u.tf("ServicesIn", map[string]any{"Place": u.text(r.places[m])})
			box.Add(u.tile(label, pictogram(pictService), func() { u.Open(p) }))
		}
	}
}

// servicesIn reads the summaries of the first limit services in the
// municipalities (a row needs no more), and how many there are in all.
func servicesIn(tx *store.Tx, munis []string, limit int) ([]content.Summary, int, error) {
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
	var out []content.Summary
	for _, id := range ids[:min(limit, len(ids))] {
		s, ok, err := tx.Summary(content.KindService, id)
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
	text := container.New(insetLines{}, bold(u.contentText(title)), u.uiText(detail))
	return container.New(under{}, b, text)
}

// under lays a link row's button under its text, both the row's size, as
// container.NewStack does; the row is as large as its text: the button's
// own MinSize (an empty text's line, padded) is never larger than two
// lines of text, so it is not asked for (it was a tenth of a project
// screen's time). Objects: button, text.
type under struct{}

func (under) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (under) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[1].MinSize() }

// insetLines lays a link row's lines one under the other with no space
// between, the theme's padding in from every side: a padded box
// (container.NewPadded) around a VBox without padding, in one container.
type insetLines struct{}

func (insetLines) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	y := pad
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(pad, y))
		o.Resize(fyne.NewSize(size.Width-2*pad, h))
		y += h
	}
}

func (insetLines) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var min fyne.Size
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		min.Width = max(min.Width, m.Width)
		min.Height += m.Height
	}
	pad := theme.Padding()
	return min.Add(fyne.NewSquareSize(2 * pad))
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
