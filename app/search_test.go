package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/keyboard"
	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
)

// openSearch opens the search screen and waits for the index, which is
// built in the background. (Fyne's test driver runs fyne.Do on the calling
// goroutine, so the test waits for the build and its callback before it
// builds the screen.)
func openSearch(t *testing.T, u *UI) {
	t.Helper()
	u.finder.indexContent()
	if err := u.finder.find.Wait(); err != nil || u.finder.searchIndex() == nil {
		t.Fatalf("the search index was not built: %v", err)
	}
	u.Open(searchPage{})
}

func searchField(t *testing.T, w fyne.Window) *textview.Entry {
	t.Helper()
	return findFirst[*textview.Entry](t, w, "search field")
}

func resultList(t *testing.T, w fyne.Window) *widget.List {
	t.Helper()
	return findFirst[*widget.List](t, w, "result list")
}

func TestSearchAsYouTypeOpensTheResult(t *testing.T) {
	cases := []struct {
		lang  content.Lang
		typed string
		want  page
	}{
		{content.Swedish, "vardcentral", articlePage{id: "health-care"}},
		{content.Arabic, "SFI", articlePage{id: "sfi"}},
		{content.Ukrainian, "Migrationsverket", servicePage{id: "migrationsverket"}},
		{content.English, "emergen", articlePage{id: "emergency-112"}},
	}
	for _, c := range cases {
		t.Run(string(c.lang)+" "+c.typed, func(t *testing.T) {
			u, w := newTestUI(t, c.lang)
			openSearch(t, u)
			field := searchField(t, w)
			for _, r := range c.typed {
				field.TypedRune(r) // as the visitor types, letter by letter
			}
			list := resultList(t, w)
			if list.Length() == 0 {
				t.Fatalf("%q found nothing", c.typed)
			}
			list.Select(0)
			if got := u.Current(); got != c.want {
				t.Fatalf("first result of %q opened %#v, want %#v", c.typed, got, c.want)
			}
		})
	}
}

func TestSearchTextSurvivesLanguageSwitchButNotHome(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	openSearch(t, u)
	searchField(t, w).Type("skola")
	u.SetLanguage(content.Arabic)
	if got := searchField(t, w).Text; got != "skola" {
		t.Fatalf("after switching language the search box holds %q, want skola", got)
	}
	u.Home()
	u.Open(searchPage{})
	if got := searchField(t, w).Text; got != "" {
		t.Fatalf("after going Home the search box still holds %q", got)
	}
}

func TestOnScreenKeyboardTypesIntoSearch(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.session.kiosk = true // the keyboard is shown in kiosk mode
	openSearch(t, u)
	var kb *keyboard.Keyboard
	walk(w.Content(), func(o fyne.CanvasObject) {
		if k, ok := o.(*keyboard.Keyboard); ok {
			kb = k
		}
	})
	if kb == nil || kb.Hidden {
		t.Fatal("no on-screen keyboard in kiosk mode")
	}
	for _, key := range []string{"s", "f", "i"} {
		tapKey(t, kb, key)
	}
	if got := searchField(t, w).Text; got != "sfi" {
		t.Fatalf("typed sfi on the keyboard, the search box holds %q", got)
	}
	if resultList(t, w).Length() == 0 {
		t.Fatal("typing on the keyboard found nothing")
	}
}

// tapKey taps the key with that caption: a button stacked under a label.
func tapKey(t *testing.T, kb *keyboard.Keyboard, caption string) {
	t.Helper()
	var key *widget.Button
	walk(kb, func(o fyne.CanvasObject) {
		stack, ok := o.(*fyne.Container)
		if !ok || len(stack.Objects) != 2 || key != nil {
			return
		}
		button, isButton := stack.Objects[0].(*widget.Button)
		walk(stack.Objects[1], func(o fyne.CanvasObject) {
			if l, ok := o.(*textview.Label); ok && isButton && l.Text == caption {
				key = button
			}
		})
	})
	if key == nil {
		t.Fatalf("no key %q", caption)
	}
	test.Tap(key)
}

// labelsIn returns the text of every label under o.
func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(x fyne.CanvasObject) {
		if l, ok := x.(*textview.Label); ok && !l.Hidden {
			out = append(out, l.Text)
		}
	})
	return out
}

// A result row says what kind of thing it is; an article and a project
// of the same title are told apart, and no item is listed twice.
func TestSearchResultRowsShowTheirKind(t *testing.T) {
	u, w := newTestUI(t, content.English)
	openSearch(t, u)
	searchField(t, w).Type("AMIF Mötesplatser")
	rows := u.finder.searchRows("AMIF Mötesplatser")
	seen := map[string]bool{}
	kinds := map[content.Kind]bool{}
	for _, r := range rows {
		key := string(r.kind) + r.title.String(content.English)
		if seen[key] {
			t.Errorf("%s %q is listed twice", r.kind, r.title.String(content.English))
		}
		seen[key] = true
		if !strings.HasPrefix(r.detail.String(content.English), u.kindName(r.kind)) {
			t.Errorf("row %q says %q, not its kind %q", r.title.String(content.English), r.detail.String(content.English), u.kindName(r.kind))
		}
		kinds[r.kind] = true
	}
	if !kinds[content.KindArticle] || !kinds[content.KindProject] {
		t.Fatalf("AMIF Mötesplatser found kinds %v, want the article and the project", kinds)
	}
	// The drawn row has the kind's icon and word.
	list := resultList(t, w)
	item := list.CreateItem()
	list.UpdateItem(0, item)
	want := pictogramIn(kindPictogram(rows[0].kind), theme.ColorNamePrimary).Name()
	if got := pictogramsIn(item); len(got) != 1 || got[0] != want {
		t.Errorf("first row's pictograms %v, want the %s one %s", got, rows[0].kind, want)
	}
	if got := strings.Join(labelsIn(item), " | "); !strings.Contains(got, u.kindName(rows[0].kind)) {
		t.Errorf("first row reads %q, without its kind", got)
	}
}

// A service's row says where it is and whether it is open now.
func TestSearchServiceRowSaysPlaceAndOpenNow(t *testing.T) {
	u, _ := newTestUI(t, content.English)
	openSearch(t, u)
	for _, r := range u.finder.searchRows("1177") {
		if r.kind != content.KindService {
			continue
		}
		d := r.detail.String(content.English)
		if !strings.Contains(d, u.t("National")) || !strings.Contains(d, u.t("OpenNow")) {
			t.Errorf("1177's row says %q: want the kind, National and open now (it is always open)", d)
		}
		return
	}
	t.Fatal("1177 found no service")
}

// A search that finds nothing offers the closest spelling (tapping it
// searches it), and the topics.
func TestSearchWithNoResultIsNoDeadEnd(t *testing.T) {
	u, w := newTestUI(t, content.Arabic)
	openSearch(t, u)
	field := searchField(t, w)
	field.SetText("skatteverkxx")
	if n := resultList(t, w).Length(); n != 0 {
		t.Fatalf("skatteverkxx found %d results; the test needs a word that finds none", n)
	}
	texts := strings.Join(labelsIn(w.Content()), " | ")
	if !strings.Contains(texts, u.t("SearchBrowseTopics")) {
		t.Errorf("no topics offered: %q", texts)
	}
	var suggestion *textview.Button
	walk(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*textview.Button); ok && strings.Contains(b.Text, "skatteverket") {
			suggestion = b
		}
	})
	if suggestion == nil {
		t.Fatalf("no did-you-mean button: %q", texts)
	}
	test.Tap(suggestion)
	if field.Text != "skatteverket" || resultList(t, w).Length() == 0 {
		t.Errorf("after tapping the suggestion the box holds %q with %d results", field.Text, resultList(t, w).Length())
	}
}

// A row shows the item as the store has it now: the items the search
// screen keeps from one keystroke to the next are dropped when the store
// changes, even before the index is built again.
func TestSearchRowsFollowTheStore(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	openSearch(t, u)
	field := searchField(t, w)
	const query = "Migrationsverket"
	field.SetText(query)
	list := resultList(t, w)
	firstRow := func() string {
		item := list.CreateItem()
		list.UpdateItem(0, item)
		return strings.Join(labelsIn(item), " | ")
	}
	if list.Length() == 0 || !strings.Contains(firstRow(), "Migrationsverket") {
		t.Fatalf("%q: %d found, first row %q", query, list.Length(), firstRow())
	}
	applyBuiltin(t, u, u.now(), func(set *content.Set) {
		serviceOf(t, set, "migrationsverket").Name["sv"] = "Migrationsverket ändrat namn"
	})
	if _, ok := u.Current().(searchPage); !ok {
		u.Open(searchPage{})
	}
	field = searchField(t, w)
	field.SetText("")
	field.SetText(query) // the same query: its items were kept
	list = resultList(t, w)
	if got := firstRow(); !strings.Contains(got, "ändrat namn") {
		t.Errorf("after the store changed the first row reads %q, want the new name", got)
	}
}

// TestSearchLeavesOutItemsGoneFromTheStore: while the index is of the
// store's content, what it finds is in the store; once a sync has
// changed the store and the index is not yet of the new content, an item
// the index still finds but the store no longer has is left out.
func TestSearchLeavesOutItemsGoneFromTheStore(t *testing.T) {
	u, _ := newTestUI(t, content.Swedish)
	openSearch(t, u)
	const query = "Migrationsverket"
	services := func() int {
		n := 0
		found := u.finder.findItems(query)
		for i := range found.len() {
			if hit := found.hits[i]; hit.Kind == content.KindService && hit.ID == "migrationsverket" {
				n++
			}
		}
		return n
	}
	if services() == 0 {
		t.Fatalf("%q finds no service before the change", query)
	}
	// The store changes behind the index's back (the finder is not told,
	// as between a sync's commit and the index's update).
	applyBuiltin(t, u, u.now(), func(set *content.Set) {
		set.Services = slices.DeleteFunc(set.Services, func(s content.Service) bool { return s.ID == "migrationsverket" })
	})
	if n := services(); n != 0 {
		t.Errorf("%q finds %d services the store no longer has", query, n)
	}
}
