package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/kiosk"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/store"
)

func newTestUI(t *testing.T, lang content.Lang) (*UI, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	lib, err := library.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	catalog, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1024, 720))
	u := New(lib, catalog, lang, w)
	// Runs before the store closes and the folder is removed: an index
	// build still saving its file would make the removal fail.
	t.Cleanup(u.finder.waitForIndex)
	return u, w
}

// walk visits every object under o.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, visit)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		for _, child := range r.Objects() {
			walk(child, visit)
		}
	}
}

// findButton finds a button by its text: the app's own (textview) or,
// for the few left, Fyne's.
func findButton(t *testing.T, w fyne.Window, text string) tappableObject {
	t.Helper()
	var found tappableObject
	walk(w.Content(), func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch b := o.(type) {
		case *widget.Button:
			if b.Text == text {
				found = b
			}
		case *textview.Button:
			if b.Text == text {
				found = b
			}
		}
	})
	if found == nil {
		t.Fatalf("no button %q on the screen", text)
	}
	return found
}

// findNav finds a button of the navigation bar (or any bidi button) by
// its text.
func findNav(t *testing.T, w fyne.Window, text string) *textview.Button {
	t.Helper()
	var found *textview.Button
	walk(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*textview.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no bar button %q on the screen", text)
	}
	return found
}

// tapTile taps a tile: a button under a textview label with that text.
func tapTile(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	var found *widget.Button
	walk(w.Content(), func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 || found != nil {
			return
		}
		b, ok := c.Objects[0].(*widget.Button)
		if !ok {
			return
		}
		walk(c.Objects[1], func(inner fyne.CanvasObject) {
			if l, ok := inner.(*textview.Label); ok && l.Text == text {
				found = b
			}
		})
	})
	if found == nil {
		t.Fatalf("no tile %q on the screen", text)
	}
	test.Tap(found)
}

func findList(t *testing.T, w fyne.Window) *widget.List {
	t.Helper()
	return findFirst[*widget.List](t, w, "list")
}

// findFirst returns the first object of type T on the screen; what names
// it in the failure.
func findFirst[T fyne.CanvasObject](t *testing.T, w fyne.Window, what string) T {
	t.Helper()
	var found T
	ok := false
	walk(w.Content(), func(o fyne.CanvasObject) {
		if x, is := o.(T); is && !ok {
			found, ok = x, true
		}
	})
	if !ok {
		t.Fatalf("no %s on the screen", what)
	}
	return found
}

func hasLabel(w fyne.Window, text string) bool {
	found := false
	walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*textview.Label); ok && l.Text == text {
			found = true
		}
	})
	return found
}

func TestNavigateTopicsToArticleAndBack(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	tapTile(t, w, "Samhällsinformation")
	if _, ok := u.Current().(topicsPage); !ok {
		t.Fatalf("after tapping the tile the screen is %T", u.Current())
	}
	tapTile(t, w, "Hälsa och vård") // a topic's tile, under its pictogram
	if _, ok := u.Current().(articlesPage); !ok {
		t.Fatalf("after choosing a topic the screen is %T", u.Current())
	}
	findList(t, w).Select(0)
	ap, ok := u.Current().(articlePage)
	if !ok {
		t.Fatalf("after choosing an article the screen is %T", u.Current())
	}
	if title := u.text(ap.title(u)); title == "" || !hasLabel(w, title) {
		t.Errorf("the article's title %q is not shown", title)
	}
	test.Tap(findNav(t, w, "Tillbaka"))
	if _, ok := u.Current().(articlesPage); !ok {
		t.Errorf("back went to %T", u.Current())
	}
	test.Tap(findNav(t, w, "Hem"))
	if len(u.nav.stack) != 1 {
		t.Errorf("home left a path of %d screens", len(u.nav.stack))
	}
}

func TestLanguageSwitchKeepsScreenAndIsSaved(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	tapTile(t, w, "AMIF-projekt")
	test.Tap(findNav(t, w, "العربية"))
	if u.Lang() != content.Arabic {
		t.Fatalf("language = %s", u.Lang())
	}
	if _, ok := u.Current().(projectsPage); !ok {
		t.Errorf("switching language left the projects screen for %T", u.Current())
	}
	findNav(t, w, "رجوع") // the back button is in Arabic now
	if v, _, _ := u.lib.Store.Setting(kiosk.KeyLanguage); v != "ar" {
		t.Errorf("saved language = %q, want ar", v)
	}
}

func TestEveryListScreenShowsRows(t *testing.T) {
	for _, p := range []page{servicesPage{}, eventsPage{}, projectsPage{}} { // topics are tiles (icons_test.go)
		for _, lang := range content.Languages {
			u, w := newTestUI(t, lang)
			// While the built-in events are coming.
			u.now = func() time.Time { return time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC) }
			u.Open(p)
			if n := findList(t, w).Length(); n == 0 {
				t.Errorf("%T in %s: empty list", p, lang)
			}
		}
	}
}

func TestEveryDetailScreenBuilds(t *testing.T) {
	u, w := newTestUI(t, content.Ukrainian)
	set, err := library.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var pages []page
	for _, a := range set.Articles {
		pages = append(pages, articlePage{id: a.ID})
	}
	for _, s := range set.Services {
		pages = append(pages, servicePage{id: s.ID})
	}
	for _, e := range set.Events {
		pages = append(pages, eventPage{id: e.ID})
	}
	for _, p := range set.Projects {
		pages = append(pages, projectPage{id: p.ID})
	}
	for _, p := range pages {
		u.Open(p)
		if title := u.text(p.title(u)); title == "" || !hasLabel(w, title) {
			t.Errorf("%+v: title %q not shown", p, title)
		}
		u.Back()
	}
}

func TestArabicMirrorsLayout(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.Open(projectsPage{})
	x := func(o fyne.CanvasObject) float32 {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X
	}
	width := w.Canvas().Size().Width
	if x(findNav(t, w, "Tillbaka")) > width/2 || x(findNav(t, w, "Hem")) > width/2 {
		t.Fatal("in Swedish, back and home should be on the left")
	}
	u.SetLanguage(content.Arabic)
	back, home := findNav(t, w, "رجوع"), findNav(t, w, "الرئيسية")
	if x(back) < width/2 || x(home) < width/2 {
		t.Errorf("in Arabic, back (x=%v) and home (x=%v) should be on the right of %v", x(back), x(home), width)
	}
	if back.Direction != bidi.RightToLeft || back.Icon.Name() != theme.NavigateNextIcon().Name() {
		t.Error("in Arabic the back button should read right to left with its arrow pointing right")
	}
	// Language buttons read from the right: Svenska rightmost.
	if sv, en := findNav(t, w, "Svenska"), findNav(t, w, "English"); x(sv) < x(en) {
		t.Errorf("in Arabic, Svenska (x=%v) should be right of English (x=%v)", x(sv), x(en))
	}
	// An Arabic list row's text ends at the right edge.
	var row *textview.Label
	walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*textview.Label); ok && row == nil && l.TextStyle.Bold && l.MaxLines == 1 && l.Visible() && l.Text != "" {
			row = l
		}
	})
	if row == nil {
		t.Fatal("no list row")
	}
	objs := test.WidgetRenderer(row).Objects()
	if len(objs) == 0 {
		t.Fatal("the row draws nothing")
	}
	last := objs[0]
	for _, o := range objs {
		if o.Position().X > last.Position().X {
			last = o
		}
	}
	if right := last.Position().X + last.Size().Width; row.Size().Width-right > 20 {
		t.Errorf("Arabic row %q ends %v short of the right edge", row.Text, row.Size().Width-right)
	}
}

func TestFilterFindsSwedishNameInArabicUI(t *testing.T) {
	u, w := newTestUI(t, content.Arabic)
	u.Open(servicesPage{})
	all := findList(t, w).Length()
	var field *textview.Entry
	walk(w.Content(), func(o fyne.CanvasObject) {
		if e, ok := o.(*textview.Entry); ok {
			field = e
		}
	})
	if field == nil {
		t.Fatal("no filter field on the services screen")
	}
	w.Canvas().Focus(field)
	test.Type(field, "Migrationsverket")
	n := findList(t, w).Length()
	if n == 0 || n >= all {
		t.Errorf("filtering for Migrationsverket left %d of %d services", n, all)
	}
}

func TestStatusLineSaysWhenSyncFailedOrContentIsOld(t *testing.T) {
	u, _ := newTestUI(t, content.Ukrainian)
	set, _ := library.Builtin()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	u.now = func() time.Time { return now }
	if err := u.lib.Store.Apply(set, content.Version{Number: 4, Source: content.SourceFeed, Applied: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	u.lib.Store.SetSyncStatus(store.SyncStatus{LastAttempt: now, LastSuccess: now.Add(-time.Hour), LastError: "SyncOffline: dial tcp: connection refused"})
	u.syncing.refreshStatus()
	if want := u.t("CurrentUpdateFailed"); !strings.HasPrefix(u.syncing.status.Text, want) {
		t.Errorf("after a failed sync the status says %q", u.syncing.status.Text)
	}
	u.lib.Store.SetSyncStatus(store.SyncStatus{LastAttempt: now, LastSuccess: now.Add(-20 * 24 * time.Hour)})
	u.syncing.refreshStatus()
	if !strings.HasPrefix(u.syncing.status.Text, "Інформація станом на 3 листопада 2026 і може бути застарілою") {
		t.Errorf("with 20-day-old content the status says %q", u.syncing.status.Text)
	}
}
