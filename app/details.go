package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// The detail screens of one article, service, event and project.

// nextOccurrences is how many coming dates an event's screen lists.
const nextOccurrences = 5

func detail(objects ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(container.NewVBox(objects...))
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
	a, err := loadItem(u, func(tx *store.Tx) (content.Article, bool, error) { return tx.Article(p.id) })
	if err != nil {
		return u.readError(err)
	}
	box := container.NewVBox()
	if !a.Summary.Empty() {
		box.Add(bold(u.contentText(a.Summary)))
	}
	box.Add(u.markdown(a.Body))
	u.field(box, u.t("Sources"), u.valueText(strings.Join(a.Sources, "\n")))
	return detail(box)
}

type servicePage struct{ id string }

func (p servicePage) title(u *UI) content.Text {
	s, _ := loadItem(u, func(tx *store.Tx) (content.Service, bool, error) { return tx.Service(p.id) })
	return s.Name
}

func (p servicePage) build(u *UI) fyne.CanvasObject {
	s, err := loadItem(u, func(tx *store.Tx) (content.Service, bool, error) { return tx.Service(p.id) })
	if err != nil {
		return u.readError(err)
	}
	box := container.NewVBox()
	u.field(box, u.t("Organisation"), u.contentText(s.Organisation))
	if !s.Description.Empty() {
		box.Add(u.contentText(s.Description))
	}
	u.field(box, u.t("OpeningHours"), u.uiText(u.hours(s)))
	u.field(box, u.t("Address"), u.valueText(address(s.Address)))
	u.field(box, u.t("Municipality"), u.contentText(u.municipalityName(s.Municipality)))
	u.field(box, u.t("Phone"), u.valueText(s.Phone))
	u.field(box, u.t("Email"), u.valueText(s.Email))
	u.field(box, u.t("Website"), u.valueText(s.Website))
	u.field(box, u.t("LanguagesSpoken"), u.uiText(u.languageNames(s.Languages)))
	return detail(box)
}

// hours lays out a service's week, Monday first as in Sweden.
func (u *UI) hours(s content.Service) string {
	h := s.Hours
	switch {
	case h == nil:
		return u.t("HoursUnknown")
	case h.AlwaysOpen:
		return u.t("AlwaysOpen")
	}
	var lines []string
	for i, key := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		day := u.loc.Weekday(time.Weekday((i + 1) % 7))
		slots := h.Weekly[key]
		if len(slots) == 0 {
			lines = append(lines, day+": "+u.t("Closed"))
			continue
		}
		var times []string
		for _, sl := range slots {
			times = append(times, textview.Isolate(sl.Opens+"–"+sl.Closes))
		}
		lines = append(lines, day+": "+strings.Join(times, ", "))
	}
	if note := u.text(h.Note); note != "" {
		lines = append(lines, note)
	}
	return strings.Join(lines, "\n")
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
	e, err := loadItem(u, func(tx *store.Tx) (content.Event, bool, error) { return tx.Event(p.id) })
	if err != nil {
		return u.readError(err)
	}
	box := container.NewVBox()
	u.field(box, u.t("When"), u.uiText(u.eventTimes(e)))
	u.field(box, u.t("Attendance"), u.uiText(u.attendance(e)))
	if e.Place != nil {
		u.field(box, u.t("Place"), u.contentText(e.Place.Name))
		u.field(box, u.t("Address"), u.valueText(address(e.Place.Address)))
	}
	u.field(box, u.t("Online"), u.valueText(e.OnlineURL))
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
		name, _ := proj.Name.In(u.Lang())
		box.Add(u.tile(u.t("Project")+": "+name, theme.FolderIcon(), func() { u.Open(projectPage{id: id}) }))
	}
	return detail(box)
}

// eventTimes lists the event's coming dates, or its one date.
func (u *UI) eventTimes(e content.Event) string {
	starts := e.Occurrences(u.now(), u.now().AddDate(2, 0, 0))
	if len(starts) == 0 {
		starts = []time.Time{e.Start}
	}
	if len(starts) > nextOccurrences {
		starts = starts[:nextOccurrences]
	}
	var lines []string
	for _, s := range starts {
		line := u.loc.DateWithWeekday(s)
		if !e.AllDay {
			line += u.t("ListSeparator") + u.loc.Time(s)
			if !e.End.IsZero() {
				line += "–" + u.loc.Time(s.Add(e.End.Sub(e.Start)))
			}
		} else if !e.End.IsZero() && e.End.Sub(e.Start) >= 24*time.Hour {
			line += " – " + u.loc.DateWithWeekday(e.End)
		}
		lines = append(lines, line)
	}
	if e.RRule != "" {
		lines = append([]string{u.t("Recurring")}, lines...)
	}
	return strings.Join(lines, "\n")
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

func (p projectPage) build(u *UI) fyne.CanvasObject {
	pr, err := loadItem(u, func(tx *store.Tx) (content.Project, bool, error) { return tx.Project(p.id) })
	if err != nil {
		return u.readError(err)
	}
	box := container.NewVBox(u.contentText(pr.Summary))
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
	u.field(box, u.t("Contact"), u.contentText(pr.ContactRole))
	u.field(box, u.t("Email"), u.valueText(pr.Email))
	u.field(box, u.t("Website"), u.valueText(pr.Website))
	return detail(box)
}

func (u *UI) period(start, end string) string {
	format := func(s string) string {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return ""
		}
		return u.loc.Date(t)
	}
	if start == "" && end == "" {
		return ""
	}
	return fmt.Sprintf("%s – %s", format(start), format(end))
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
