package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/library"
)

// stockholmTime is a wall-clock time in Sweden.
func stockholmTime(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := content.LoadZone("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// applyBuiltin applies the built-in content changed by edit, and sets the
// UI's clock to now.
func applyBuiltin(t *testing.T, u *UI, now time.Time, edit func(*content.Set)) *content.Set {
	t.Helper()
	set, err := library.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(set)
	}
	if err := u.lib.Store.Apply(set, content.Version{Number: 2, Source: content.SourceLocal}); err != nil {
		t.Fatal(err)
	}
	u.now = func() time.Time { return now }
	u.nav.show()
	return set
}

// serviceOf finds a service of a set by id.
func serviceOf(t *testing.T, set *content.Set, id string) *content.Service {
	t.Helper()
	for i := range set.Services {
		if set.Services[i].ID == id {
			return &set.Services[i]
		}
	}
	t.Fatalf("no service %q in the built-in content", id)
	return nil
}

// officeHours gives a service weekday hours 08:00–16:00.
func officeHours(s *content.Service) {
	s.TimeZone = "Europe/Stockholm"
	slot := []content.TimeSlot{{Opens: "08:00", Closes: "16:00"}}
	s.Hours = &content.OpeningHours{Weekly: map[string][]content.TimeSlot{
		"mon": slot, "tue": slot, "wed": slot, "thu": slot, "fri": slot,
	}}
}

// findSelect finds the drop-down that offers option.
func findSelect(t *testing.T, w fyne.Window, option string) *dropDown {
	t.Helper()
	var found *dropDown
	walk(w.Content(), func(o fyne.CanvasObject) {
		if s, ok := o.(*dropDown); ok && found == nil && slices.Contains(s.Options, option) {
			found = s
		}
	})
	if found == nil {
		t.Fatalf("no drop-down offers %q", option)
	}
	return found
}

// labelsStartingWith are the texts of the labels on screen that start
// with prefix.
func labelsStartingWith(w fyne.Window, prefix string) []string {
	var out []string
	walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*textview.Label); ok && l.Visible() && strings.HasPrefix(l.Text, prefix) {
			out = append(out, l.Text)
		}
	})
	return out
}

// typeFilter types into the field above a list.
func typeFilter(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	field := findFirst[*textview.Entry](t, w, "filter field")
	w.Canvas().Focus(field)
	test.Type(field, text)
}

// countServices counts the services of a set in a municipality (national
// ones included) and a category; "" matches all.
func countServices(set *content.Set, muni, category string) int {
	n := 0
	for _, s := range set.Services {
		if (muni == "" || s.Municipality == muni || s.Municipality == "") &&
			(category == "" || slices.Contains(s.Categories, category)) {
			n++
		}
	}
	return n
}

func TestServicesFilterByMunicipalityAndCategoryThenDetail(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	set := applyBuiltin(t, u, stockholmTime(t, "2024-05-13 10:00"), nil)
	tapTile(t, w, u.t("NavServices"))
	if n, want := findList(t, w).Length(), countServices(set, "", ""); n != want {
		t.Fatalf("unfiltered: %d services listed, want %d", n, want)
	}

	findSelect(t, w, "Alla kommuner").SetSelected("Berg")
	if p, ok := u.Current().(servicesPage); !ok || p.municipality != "berg" {
		t.Fatalf("after choosing Berg the screen is %#v", u.Current())
	}
	if n, want := findList(t, w).Length(), countServices(set, "berg", ""); n != want || n == countServices(set, "", "") {
		t.Errorf("in Berg: %d services listed, want %d (Berg's and the national ones)", n, want)
	}

	findSelect(t, w, "Alla kategorier").SetSelected("Integration")
	want := countServices(set, "berg", "integration")
	if n := findList(t, w).Length(); n != want || want == 0 {
		t.Fatalf("in Berg, integration: %d services listed, want %d", n, want)
	}
	if sel := findSelect(t, w, "Alla kommuner"); sel.Selected != "Berg" {
		t.Errorf("choosing a category reset the municipality to %q", sel.Selected)
	}

	findList(t, w).Select(0)
	sp, ok := u.Current().(servicePage)
	if !ok {
		t.Fatalf("choosing a service opened %T", u.Current())
	}
	s := serviceOf(t, set, sp.id)
	if s.Municipality != "berg" && s.Municipality != "" || !slices.Contains(s.Categories, "integration") {
		t.Errorf("opened %s, which is not an integration service in Berg", s.ID)
	}
	if !hasLabel(w, u.t("OpeningHours")) || !hasLabel(w, u.t("LanguagesSpoken")) && len(s.Languages) > 0 {
		t.Error("the service's page lacks its hours or languages")
	}
	test.Tap(findNav(t, w, "Tillbaka"))
	if p, _ := u.Current().(servicesPage); p.category != "integration" {
		t.Errorf("back lost the filters: %#v", u.Current())
	}
}

func TestServicesOpenNowFollowsTheClock(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	set := applyBuiltin(t, u, stockholmTime(t, "2024-05-13 10:00"), func(set *content.Set) {
		officeHours(serviceOf(t, set, "berg-integrationsenheten"))
	})
	alwaysOpen := 0
	for _, s := range set.Services {
		if s.Hours != nil && s.Hours.AlwaysOpen {
			alwaysOpen++
		}
	}
	u.Open(servicesPage{})
	if got := labelsStartingWith(w, "Stängt nu"); len(got) != 0 {
		t.Errorf("on a Monday at 10 rows say closed: %q", got)
	}
	test.Tap(findButton(t, w, "Öppet nu"))
	if n := findList(t, w).Length(); n != alwaysOpen+1 {
		t.Errorf("open now on Monday 10:00: %d services, want %d", n, alwaysOpen+1)
	}

	u.now = func() time.Time { return stockholmTime(t, "2024-05-13 16:00") } // closing time
	u.nav.show()
	if n := findList(t, w).Length(); n != alwaysOpen {
		t.Errorf("open now on Monday 16:00: %d services, want %d", n, alwaysOpen)
	}
	test.Tap(findButton(t, w, "Öppet nu")) // off again
	typeFilter(t, w, "Bergs kommun")
	if got := labelsStartingWith(w, "Stängt nu"); len(got) != 1 {
		t.Errorf("at closing time one row should say closed, got %q", got)
	}
}

func TestServicePageShowsTheWeekWithToday(t *testing.T) {
	u, w := newTestUI(t, content.English)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-15 09:00"), func(set *content.Set) { // a Wednesday
		s := serviceOf(t, set, "berg-integrationsenheten")
		officeHours(s)
		s.Hours.Exceptions = []content.HoursException{{Date: "2024-05-17", Closed: true}}
	})
	u.Open(servicePage{id: "berg-integrationsenheten"})
	today := labelsStartingWith(w, u.loc.Weekday(time.Wednesday)+":")
	if len(today) != 1 || !strings.HasSuffix(today[0], u.t("Today")) {
		t.Errorf("Wednesday's line is %q, want it marked as today", today)
	}
	if !hasLabel(w, u.t("OpenNow")) || !hasLabel(w, u.t("ChangedHours")) {
		t.Error("the page does not say it is open now, or lacks the changed hours")
	}
	if got := labelsStartingWith(w, u.loc.Weekday(time.Sunday)+":"); len(got) != 1 || !strings.Contains(got[0], u.t("Closed")) {
		t.Errorf("Sunday reads %q, want closed", got)
	}
}

func TestEventSegments(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-14 09:00"), nil)
	tapTile(t, w, u.t("NavEvents"))
	// Today: the first of three daily online sessions, at 11:30.
	if n := findList(t, w).Length(); n != 1 {
		t.Fatalf("today: %d events, want 1", n)
	}
	if got := labelsStartingWith(w, "tisdag 14 maj"); len(got) != 1 || !strings.Contains(got[0], u.t("AttendanceOnline")) {
		t.Errorf("today's row reads %q, want it marked online", got)
	}
	test.Tap(findButton(t, w, "Den här veckan"))
	// The week: the same event's next two days (a recurring event has a
	// row for each) and an open house in Örebro.
	if n := findList(t, w).Length(); n != 3 {
		t.Errorf("this week: %d events, want 3", n)
	}
	findSelect(t, w, "Alla kategorier").SetSelected(u.categoryName("money"))
	if !hasLabel(w, u.t("NothingPlanned")) {
		t.Error("no money events this week, but the screen does not say so")
	}
	if p := u.Current().(eventsPage); p.segment != segmentWeek {
		t.Errorf("choosing a category left the week for %q", p.segment)
	}
	test.Tap(findButton(t, w, "Senare"))
	if !hasLabel(w, u.t("NothingPlanned")) {
		t.Error("nothing is planned later, but the screen does not say so")
	}
}

func TestHomeShowsWhatIsOnToday(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-14 09:00"), nil)
	// Today's one event under its heading, then what comes next.
	rows := homeRows(t, w)
	if len(rows) < 4 || rows[0] != u.t("TodayHeading") || !strings.HasPrefix(rows[1], "Jobbsteget") || rows[2] != u.t("UpcomingEvents") {
		t.Errorf("home lists %q, want today's one event under its heading, then what is coming", rows)
	}
	u.now = func() time.Time { return stockholmTime(t, "2024-05-12 09:00") } // a quiet Sunday
	u.nav.show()
	if !hasLabel(w, u.t("UpcomingEvents")) {
		t.Error("with nothing today home does not list what comes next")
	}
	tapTile(t, w, u.t("NavSearch"))
	if _, ok := u.Current().(searchPage); !ok {
		t.Errorf("the search tile opened %T", u.Current())
	}
}

// homeRows are the titles of every row of the first list on the screen,
// section headings included, in order (not only the rows drawn).
func homeRows(t *testing.T, w fyne.Window) []string {
	t.Helper()
	return listTitles(findList(t, w))
}

// listTitles fills one item of the list for each row and reads its title.
func listTitles(l *widget.List) []string {
	var out []string
	item := l.CreateItem()
	for i := range l.Length() {
		l.UpdateItem(i, item)
		title, _ := rowLabels(item)
		out = append(out, title.Text)
	}
	return out
}

// listRow is the title and detail line of row i of a list.
func listRow(l *widget.List, i int) (title, detail string, section bool) {
	item := l.CreateItem()
	l.UpdateItem(i, item)
	t, d := rowLabels(item)
	return t.Text, d.Text, t.ColorName == theme.ColorNamePrimary
}

// rowLabels are the title and detail labels of a drawn list row (a card).
func rowLabels(item fyne.CanvasObject) (title, detail *textview.Label) {
	box := item.(*card).content.(*fyne.Container)
	text := box.Objects[0].(*fyne.Container)
	return text.Objects[0].(*textview.Label), text.Objects[1].(*textview.Label)
}
