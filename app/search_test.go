package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
	u.indexContent()
	if err := u.find.Wait(); err != nil || u.searchIndex() == nil {
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
	u.kiosk = true // the keyboard is shown in kiosk mode
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
