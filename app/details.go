package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// The detail screens of one article, service, event and project.

// nextOccurrences is how many coming dates an event's screen lists.
const nextOccurrences = 5

func detail(objects ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(container.NewVBox(objects...))
}

// markdown renders a Markdown body with word wrapping.
func markdown(s string) fyne.CanvasObject {
	rt := widget.NewRichTextFromMarkdown(s)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

type articlePage struct{ id string }

func (p articlePage) title(u *UI) string {
	a, _ := loadItem(u, func(tx *store.Tx) (content.Article, bool, error) { return tx.Article(p.id) })
	return u.text(a.Title)
}

func (p articlePage) build(u *UI) fyne.CanvasObject {
	a, err := loadItem(u, func(tx *store.Tx) (content.Article, bool, error) { return tx.Article(p.id) })
	if err != nil {
		return u.readError(err)
	}
	box := container.NewVBox()
	if s := u.text(a.Summary); s != "" {
		box.Add(widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		box.Objects[0].(*widget.Label).Wrapping = fyne.TextWrapWord
	}
	box.Add(markdown(u.text(a.Body)))
	field(box, u.t("Sources"), strings.Join(a.Sources, "\n"))
	return detail(box)
}

type servicePage struct{ id string }

func (p servicePage) title(u *UI) string {
	s, _ := loadItem(u, func(tx *store.Tx) (content.Service, bool, error) { return tx.Service(p.id) })
	return u.text(s.Name)
}

func (p servicePage) build(u *UI) fyne.CanvasObject {
	s, err := loadItem(u, func(tx *store.Tx) (content.Service, bool, error) { return tx.Service(p.id) })
	if err != nil {
		return u.readError(err)
	}
	box := container.NewVBox()
	field(box, u.t("Organisation"), u.text(s.Organisation))
	if d := u.text(s.Description); d != "" {
		box.Add(paragraph(d))
	}
	field(box, u.t("OpeningHours"), u.hours(s))
	field(box, u.t("Address"), address(s.Address))
	field(box, u.t("Municipality"), u.municipalityName(s.Municipality))
	field(box, u.t("Phone"), s.Phone)
	field(box, u.t("Email"), s.Email)
	field(box, u.t("Website"), s.Website)
	field(box, u.t("LanguagesSpoken"), u.languageNames(s.Languages))
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
			times = append(times, sl.Opens+"–"+sl.Closes)
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
	return strings.Join(names, ", ")
}

type eventPage struct{ id string }

func (p eventPage) title(u *UI) string {
	e, _ := loadItem(u, func(tx *store.Tx) (content.Event, bool, error) { return tx.Event(p.id) })
	return u.text(e.Title)
}

func (p eventPage) build(u *UI) fyne.CanvasObject {
	e, err := loadItem(u, func(tx *store.Tx) (content.Event, bool, error) { return tx.Event(p.id) })
	if err != nil {
		return u.readError(err)
	}
	box := container.NewVBox()
	field(box, u.t("When"), u.eventTimes(e))
	field(box, u.t("Attendance"), u.attendance(e))
	if e.Place != nil {
		field(box, u.t("Place"), joinNonEmpty("\n", u.text(e.Place.Name), address(e.Place.Address)))
	}
	field(box, u.t("Online"), joinNonEmpty("\n", e.OnlineURL, u.text(e.OnlineInfo)))
	field(box, u.t("Organiser"), u.text(e.Organiser))
	field(box, u.t("Municipality"), u.municipalityName(e.Municipality))
	if d := u.text(e.Description); d != "" {
		box.Add(paragraph(d))
	}
	if e.Project != "" {
		proj, _ := loadItem(u, func(tx *store.Tx) (content.Project, bool, error) { return tx.Project(e.Project) })
		id := e.Project
		box.Add(widget.NewButton(u.t("Project")+": "+u.text(proj.Name), func() { u.Open(projectPage{id: id}) }))
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
			line += ", " + u.loc.Time(s)
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

func (p projectPage) title(u *UI) string {
	pr, _ := loadItem(u, func(tx *store.Tx) (content.Project, bool, error) { return tx.Project(p.id) })
	return u.text(pr.Name)
}

func (p projectPage) build(u *UI) fyne.CanvasObject {
	pr, err := loadItem(u, func(tx *store.Tx) (content.Project, bool, error) { return tx.Project(p.id) })
	if err != nil {
		return u.readError(err)
	}
	box := container.NewVBox(paragraph(u.text(pr.Summary)))
	if offers := u.text(pr.Offers); offers != "" {
		box.Add(widget.NewLabelWithStyle(u.t("Offers"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		box.Add(markdown(offers))
	}
	field(box, u.t("Owner"), u.text(pr.Owner))
	var partners []string
	for _, t := range pr.Partners {
		partners = append(partners, u.text(t))
	}
	field(box, u.t("Partners"), strings.Join(partners, "\n"))
	field(box, u.t("Period"), u.period(pr.Start, pr.End))
	var places []string
	for _, m := range pr.Municipalities {
		places = append(places, u.municipalityName(m))
	}
	field(box, u.t("Municipalities"), strings.Join(places, ", "))
	field(box, u.t("Contact"), joinNonEmpty("\n", u.text(pr.ContactRole), pr.Email, pr.Website))
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

// showRecovered tells that a damaged content file was replaced.
func (u *UI) showRecovered() {
	r := u.lib.Recovered
	u.status.SetText(u.tf("RecoveredNotice", map[string]any{"Path": r.MovedTo}))
}

// refreshStatus shows which content the kiosk has and how old it is.
func (u *UI) refreshStatus() {
	v, ok, err := u.lib.Store.Version()
	switch {
	case err != nil:
		u.status.SetText(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
	case !ok:
		u.status.SetText(u.t("NoContent"))
	case v.Source == content.SourceFeed:
		u.status.SetText(u.tf("StatusFeed", map[string]any{"Number": v.Number, "Age": u.loc.Relative(u.now(), v.Applied)}))
	case v.Source == content.SourceLocal:
		u.status.SetText(u.tf("StatusLocal", map[string]any{"Age": u.loc.Relative(u.now(), v.Applied)}))
	default:
		u.status.SetText(u.t("StatusBuiltin"))
	}
}
