package app

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/store"
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

// sortByText, which makes its own collator and sorts by collation keys
// (it runs off the UI goroutine), puts texts in the order the reader's
// Localizer compares them, in every language, and keeps equal texts in
// the order they came.
func TestSortByTextIsTheLocalizersOrder(t *testing.T) {
	set, err := library.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	type named struct {
		name content.Text
		at   int
	}
	var items []named
	add := func(t content.Text) { items = append(items, named{t, len(items)}) }
	for _, s := range set.Services {
		add(s.Name)
	}
	for _, p := range set.Projects {
		add(p.Name)
	}
	for _, m := range set.Municipalities {
		add(m.Name)
	}
	for _, s := range []string{"Åre", "Ängelholm", "Öland", "Zinkgruvan", "alpha", "Alpha", "ALPHA", "été", "ete", "Ete",
		"ґанок", "гора", "Ярослав", "Їжак", "عمان", "أبها", "ابها", "", "10 kronor", "9 kronor", "Berg", "Berg"} {
		add(content.Text{content.Swedish: s})
		add(content.Text{content.English: s, content.Ukrainian: s, content.Arabic: s})
	}
	catalog, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range content.Languages {
		loc := catalog.For(lang)
		want := slices.Clone(items)
		slices.SortStableFunc(want, func(a, b named) int { return loc.Compare(a.name.String(lang), b.name.String(lang)) })
		got := slices.Clone(items)
		sortByText(lang, got, func(n named) content.Text { return n.name })
		if !slices.EqualFunc(got, want, func(a, b named) bool { return a.at == b.at }) {
			var g, w []string
			for i := range got {
				g = append(g, got[i].name.String(lang))
				w = append(w, want[i].name.String(lang))
			}
			t.Errorf("%s: sortByText gives\n%q\nthe Localizer\n%q", lang, g, w)
		}
	}
}

// asyncUI is a test UI that reads its slow lists off the UI goroutine,
// as Run's does, on the built-in content at now.
func asyncUI(t *testing.T, lang content.Lang, now time.Time, edit func(*content.Set)) (*UI, fyne.Window, *content.Set) {
	t.Helper()
	u, w := newTestUI(t, lang)
	set := applyBuiltin(t, u, now, edit)
	u.nav.reading.Wait()
	u.nav.readAsync = true
	return u, w, set
}

// openRead opens p and waits until its list is read and shown.
func openRead(u *UI, p page) {
	u.Open(p)
	u.nav.reading.Wait()
}

// inOrder says where titles break the reader's order, or "".
func inOrder(u *UI, titles []string) string {
	for i := 1; i < len(titles); i++ {
		if u.loc.Compare(titles[i-1], titles[i]) > 0 {
			return fmt.Sprintf("%q before %q", titles[i-1], titles[i])
		}
	}
	return ""
}

// With the lists made off the UI goroutine, every list screen still
// filters as chosen and sorts by the reader's collation, in every
// language: services by municipality, category and open now; events by
// segment and category; projects running first by name, then the ended
// ones; Home's what is current.
func TestListsFilterAndSortInEveryLanguage(t *testing.T) {
	for _, lang := range content.Languages {
		t.Run(string(lang), func(t *testing.T) {
			now := stockholmTime(t, "2024-05-13 10:00")
			u, w, set := asyncUI(t, lang, now, func(set *content.Set) {
				officeHours(serviceOf(t, set, "berg-integrationsenheten"))
			})
			for _, c := range []struct {
				p    servicesPage
				want int
			}{
				{servicesPage{}, countServices(set, "", "")},
				{servicesPage{municipality: "berg"}, countServices(set, "berg", "")},
				{servicesPage{municipality: "berg", category: "integration"}, countServices(set, "berg", "integration")},
			} {
				openRead(u, c.p)
				titles := listTitles(findList(t, w))
				if len(titles) != c.want || c.want == 0 {
					t.Errorf("%+v lists %d services, want %d", c.p, len(titles), c.want)
				}
				if bad := inOrder(u, titles); bad != "" {
					t.Errorf("%+v lists %s", c.p, bad)
				}
			}
			open := 0
			for _, s := range set.Services {
				if o, _ := serviceOpen(s, now); o {
					open++
				}
			}
			openRead(u, servicesPage{openNow: true})
			if n := findList(t, w).Length(); n != open || open == 0 {
				t.Errorf("open now: %d services, want %d", n, open)
			}
			if got := labelsStartingWith(w, u.t("ClosedNow")); len(got) != 0 {
				t.Errorf("open now lists closed services: %q", got)
			}

			u.now = func() time.Time { return stockholmTime(t, "2024-05-14 09:00") }
			openRead(u, eventsPage{})
			if n := findList(t, w).Length(); n != 1 {
				t.Errorf("events today: %d, want 1", n)
			}
			if _, detail, _ := listRow(findList(t, w), 0); !strings.Contains(detail, u.t("AttendanceOnline")) {
				t.Errorf("today's event reads %q, want it marked online", detail)
			}
			openRead(u, eventsPage{segment: segmentWeek})
			if n := findList(t, w).Length(); n != 3 {
				t.Errorf("events this week: %d, want 3", n)
			}
			openRead(u, eventsPage{segment: segmentWeek, category: "money"})
			if !hasLabel(w, u.t("NothingPlanned")) {
				t.Error("no money events this week, but the screen does not say so")
			}

			u.now = func() time.Time { return stockholmTime(t, issueDay) }
			openRead(u, projectsPage{})
			titles := listTitles(findList(t, w))
			split := slices.Index(titles, u.t("CurrentEarlierProjects"))
			if split <= 0 || split == len(titles)-1 {
				t.Fatalf("projects: no running ones, then the ended ones under their heading: %q", titles)
			}
			if bad := inOrder(u, titles[:split]); bad != "" {
				t.Errorf("running projects: %s", bad)
			}
			for i := split + 1; i < len(titles); i++ {
				if _, detail, _ := listRow(findList(t, w), i); !strings.Contains(detail, strings.Split(u.tf("CurrentEnded", map[string]any{"Date": "|"}), "|")[0]) {
					t.Errorf("ended project %q is not marked ended: %q", titles[i], detail)
				}
			}

			u.Home() // no event coming on this day: what is current
			u.nav.reading.Wait()
			rows := homeRows(t, w)
			projects := slices.Index(rows, u.t("CurrentOngoingProjects"))
			if len(rows) == 0 || rows[0] != u.t("NavServices") || projects < 0 {
				t.Fatalf("home lists %q, want the services, then the running projects", rows)
			}
			if n := projects - 1; n != countServices(set, "", "") {
				t.Errorf("home lists %d services, want %d", n, countServices(set, "", ""))
			}
			if bad := inOrder(u, rows[1:projects]); bad != "" {
				t.Errorf("home's services: %s", bad)
			}
			if bad := inOrder(u, rows[projects+1:]); bad != "" {
				t.Errorf("home's projects: %s", bad)
			}
			if !slices.Equal(rows[projects+1:], titles[:split]) {
				t.Errorf("home's running projects %q, the projects screen's %q", rows[projects+1:], titles[:split])
			}
		})
	}
}

// The services filter gives the rows it gave when it folded the rows'
// texts at the first keystroke, now that the read folds them off the UI
// goroutine (withHaystacks): for strings typed in each of the four
// languages, in other cases than the content's, with spaces around, with
// and without diacritics, the list holds exactly the rows one of whose
// texts, in any language, holds the typed string lower-cased, in the
// same order; and typing folds nothing more.
func TestServicesFilterGivesTheSameRowsInEveryLanguage(t *testing.T) {
	for _, lang := range content.Languages {
		t.Run(string(lang), func(t *testing.T) {
			now := stockholmTime(t, "2024-05-13 10:00")
			u, w, set := asyncUI(t, lang, now, nil)
			var folded atomic.Int64 // rows folded
			haystacksWatch = func(n int) { folded.Add(int64(n)) }
			defer func() { haystacksWatch = nil }()

			// The rows as the screen makes them, filtered here as the
			// filter did.
			var services []content.Service
			var munis []content.Municipality
			if err := u.lib.Store.View(func(tx *store.Tx) (err error) {
				if services, err = tx.Services(store.ServiceQuery{Among: u.area()}); err != nil {
					return err
				}
				munis, err = tx.Municipalities()
				return err
			}); err != nil {
				t.Fatal(err)
			}
			rows := u.listing().serviceRows(services, municipalityNames(munis), false)
			want := func(q string) (out []string) {
				q = strings.ToLower(strings.TrimSpace(q))
				for _, r := range rows {
					hit := q == ""
					for _, text := range []content.Text{r.title, r.detail} {
						for _, s := range text {
							hit = hit || strings.Contains(strings.ToLower(s), q)
						}
					}
					if hit {
						out = append(out, u.text(r.title)+"\n"+u.text(r.detail))
					}
				}
				return out
			}

			openRead(u, servicesPage{})
			if n := folded.Load(); n != int64(len(rows)) {
				t.Fatalf("the read folded %d rows, want its %d", n, len(rows))
			}
			typed := []string{"", "a", "Å", "ö", "o", "KOMMUN", " berg ", "xyzzy-nothing"}
			for _, s := range set.Services[:min(len(set.Services), 12)] {
				for _, l := range content.Languages { // a part of a name in each language, in capitals
					if name := []rune(s.Name[l]); len(name) > 6 {
						typed = append(typed, strings.ToUpper(string(name[2:6])))
					}
				}
			}
			field := findFirst[*textview.Entry](t, w, "filter field")
			list := findList(t, w)
			some := 0
			for _, q := range typed {
				field.SetText(q)
				var got []string
				for i := range list.Length() {
					title, detail, _ := listRow(list, i)
					got = append(got, title+"\n"+detail)
				}
				exp := want(q)
				if !slices.Equal(got, exp) {
					t.Errorf("%q lists %d rows, want %d", q, len(got), len(exp))
				}
				if len(exp) > 0 && len(exp) < len(rows) {
					some++
				}
			}
			if some < len(typed)/2 {
				t.Errorf("only %d of %d strings narrowed the list: the test shows little", some, len(typed))
			}
			if n := folded.Load(); n != int64(len(rows)) {
				t.Errorf("typing folded %d rows more, want none", n-int64(len(rows)))
			}
		})
	}
}
