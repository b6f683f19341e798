package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/app/keyboard"
	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
)

// absPos is where o is drawn in the window.
func absPos(o fyne.CanvasObject) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
}

func TestStartScreenGreetsEachVisitorInFourLanguages(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Swedish)
	if !u.AtStart() {
		t.Fatal("kiosk mode did not start on the start screen")
	}
	want := map[string]bool{}
	for _, l := range content.Languages {
		want[u.catalog.For(l).T("VisitorTouchToStart", nil)] = true
	}
	var starts []*textview.Button
	walk(u.session.start, func(o fyne.CanvasObject) {
		if b, ok := o.(*textview.Button); ok && want[b.Text] {
			starts = append(starts, b)
		}
	})
	if len(starts) != 4 {
		t.Fatalf("%d start buttons, want one per language", len(starts))
	}
	for _, b := range starts {
		if h := b.Size().Height; h < 48 {
			t.Errorf("start button %q is %v high", b.Text, h)
		}
	}
	// The Ukrainian one starts a Ukrainian visit.
	for _, b := range starts {
		if b.Text == "Торкніться, щоб почати" {
			test.Tap(b)
		}
	}
	if u.AtStart() || u.Lang() != content.Ukrainian {
		t.Fatalf("after the Ukrainian start: at start %v, language %s", u.AtStart(), u.Lang())
	}
	findNav(t, w, "Головна")
	u.session.idleReset()
	if !u.AtStart() || u.Lang() != content.Swedish {
		t.Errorf("after the reset: at start %v, language %s; want the start screen in the default language", u.AtStart(), u.Lang())
	}
}

// TestIdleResetLeavesNothingOfTheVisitor opens each kind of pop-up a
// visitor can leave behind, lets the reset happen, and looks for any of
// it.
func TestIdleResetLeavesNothingOfTheVisitor(t *testing.T) {
	popups := []struct {
		name string
		open func(u *UI, w fyne.Window)
	}{
		{"drop-down", func(u *UI, w fyne.Window) {
			u.Open(servicesPage{})
			test.Tap(findFirst[*dropDown](t, w, "municipality drop-down"))
		}},
		{"dialog", func(u *UI, w fyne.Window) {
			u.notify("a message for the last visitor")
		}},
		{"PIN pad", func(u *UI, w fyne.Window) {
			if err := u.session.admin.SetPIN("2468"); err != nil {
				t.Fatal(err)
			}
			u.session.openAdmin()
		}},
		{"keyboard", func(u *UI, w fyne.Window) {
			u.Open(projectsPage{})
			test.Tap(findFirst[*textview.Entry](t, w, "filter field"))
		}},
		{"countdown", func(u *UI, w fyne.Window) { u.session.showCountdown(4) }},
	}
	for _, p := range popups {
		t.Run(p.name, func(t *testing.T) {
			u, w, _ := newKioskUI(t, content.Swedish)
			u.session.startVisit(content.Arabic)
			u.changeTextSize(2)
			u.toggleContrast()
			p.open(u, w)
			if w.Canvas().Overlays().Top() == nil && !u.session.keys.Visible() {
				t.Fatalf("%s did not open", p.name)
			}
			u.session.idleReset()
			if top := w.Canvas().Overlays().Top(); top != nil {
				t.Errorf("a %T is still over the screen", top)
			}
			if u.session.keys.Visible() || w.Canvas().Focused() != nil {
				t.Error("the keyboard or a focused field is left")
			}
			if len(u.nav.stack) != 1 || u.Lang() != content.Swedish || u.theme.scale != 1 || u.theme.highContrast {
				t.Errorf("left: %d screens, %s, scale %v, contrast %v", len(u.nav.stack), u.Lang(), u.theme.scale, u.theme.highContrast)
			}
			if !u.AtStart() {
				t.Error("the next visitor does not meet the start screen")
			}
		})
	}
}

func TestCountdownLiesOverADropDown(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Swedish)
	u.session.startVisit(content.Swedish)
	u.Open(servicesPage{})
	test.Tap(findFirst[*dropDown](t, w, "municipality drop-down"))
	u.session.showCountdown(7)
	overlays := w.Canvas().Overlays()
	if overlays.Top() != u.session.countdown {
		t.Fatalf("the countdown is under a %T", overlays.Top())
	}
	if !strings.Contains(u.session.countdown.text.Text, "7") {
		t.Errorf("countdown says %q", u.session.countdown.text.Text)
	}
	test.TapCanvas(w.Canvas(), fyne.NewPos(10, 10)) // anywhere
	if u.session.countdown.Visible() || overlays.Top() == u.session.countdown {
		t.Error("a touch did not take the countdown away")
	}
}

func TestNavigationBarSitsWithinReach(t *testing.T) {
	for _, c := range []struct {
		name   string
		size   fyne.Size
		bottom bool
	}{
		{"portrait", fyne.NewSize(1080, 1920), true},
		{"landscape", fyne.NewSize(1920, 1080), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			u, w := newTestUI(t, content.Swedish)
			w.Resize(c.size)
			u.Open(topicsPage{})
			home := findNav(t, w, "Hem")
			y := absPos(home).Y
			if c.bottom && y < c.size.Height*0.8 || !c.bottom && y > c.size.Height*0.2 {
				t.Errorf("Home at y=%v of %v", y, c.size.Height)
			}
			// Cells: at least 48 dp, 8 dp apart.
			var cells []*textview.Button
			walk(u.nav.header, func(o fyne.CanvasObject) {
				if b, ok := o.(*textview.Button); ok {
					cells = append(cells, b)
				}
			})
			if len(cells) != 10 {
				t.Fatalf("%d controls in the bar, want 10", len(cells))
			}
			for i, a := range cells {
				if a.Size().Height < 48 || a.Size().Width < 48 {
					t.Errorf("%q is %v", a.Text, a.Size())
				}
				for _, b := range cells[i+1:] {
					if gap := gapBetween(a, b); gap < navGap-0.01 {
						t.Errorf("%q and %q are %v apart", a.Text, b.Text, gap)
					}
				}
			}
		})
	}
}

// gapBetween is the distance between two objects' boxes (0 if they
// overlap).
func gapBetween(a, b fyne.CanvasObject) float32 {
	pa, pb := absPos(a), absPos(b)
	dx := max(pb.X-(pa.X+a.Size().Width), pa.X-(pb.X+b.Size().Width), 0)
	dy := max(pb.Y-(pa.Y+a.Size().Height), pa.Y-(pb.Y+b.Size().Height), 0)
	return max(dx, dy)
}

// TestTextSizeAndLanguageNeverMoveAControl taps A+ and every language in
// turn: each control of the bar must stay where the finger is.
func TestTextSizeAndLanguageNeverMoveAControl(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	w.Resize(fyne.NewSize(1080, 1920))
	boxes := func() []fyne.Position {
		var out []fyne.Position
		walk(u.nav.header, func(o fyne.CanvasObject) {
			if b, ok := o.(*textview.Button); ok {
				p := absPos(b)
				out = append(out, p.Add(fyne.NewPos(b.Size().Width, b.Size().Height)), p)
			}
		})
		return out
	}
	before := boxes()
	larger := findNav(t, w, "A+")
	at := absPos(larger)
	for range 3 {
		test.Tap(larger)
		larger = findNav(t, w, "A+")
		if absPos(larger) != at {
			t.Fatalf("A+ moved from %v to %v", at, absPos(larger))
		}
	}
	if u.theme.scale <= 1 {
		t.Fatal("A+ did not enlarge the text")
	}
	if after := boxes(); !samePositions(before, after) {
		t.Errorf("A+ moved the bar: %v → %v", before, after)
	}
	u.SetLanguage(content.Ukrainian)
	if after := boxes(); !samePositions(before, after) {
		t.Errorf("switching to Ukrainian moved the bar: %v → %v", before, after)
	}
}

func samePositions(a, b []fyne.Position) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFilterFieldBringsTheKeyboardInKiosk(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Ukrainian)
	u.session.startVisit(content.Ukrainian)
	u.Open(projectsPage{})
	field := findFirst[*textview.Entry](t, w, "filter field")
	test.Tap(field)
	if !u.session.keys.Visible() || u.session.keys.Lang() != content.Ukrainian {
		t.Fatalf("keyboard visible %v in %s; want the Ukrainian keyboard", u.session.keys.Visible(), u.session.keys.Lang())
	}
	tapKey(t, u.session.keys, "с")
	if field.Text != "с" {
		t.Errorf("the keyboard typed %q into the filter", field.Text)
	}
	w.Canvas().Unfocus()
	if u.session.keys.Visible() {
		t.Error("the keyboard stayed after the field lost the focus")
	}
	u.Home() // a new screen takes the keyboard away too
	test.Tap(findNav(t, w, "Назад"))
	if u.session.keys.Visible() {
		t.Error("the keyboard shows on a screen with no focused field")
	}
}

func TestDeskHasNoOnScreenKeyboard(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.Open(projectsPage{})
	test.Tap(findFirst[*textview.Entry](t, w, "filter field"))
	if u.session.keys.Visible() {
		t.Error("a desk with a real keyboard got the on-screen one")
	}
}

func TestCtrlFFocusesTheSearchField(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.session.addShortcuts()
	ctrlF := &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(ctrlF)
	if _, ok := u.Current().(searchPage); !ok {
		t.Fatalf("Ctrl+F opened %T", u.Current())
	}
	field := searchField(t, w)
	if w.Canvas().Focused() != field {
		t.Fatal("the search field does not have the focus")
	}
	w.Canvas().Unfocus()
	w.Canvas().(fyne.Shortcutable).TypedShortcut(ctrlF)
	if len(u.nav.stack) != 2 || w.Canvas().Focused() != field {
		t.Errorf("Ctrl+F on the search screen: %d screens, focus %v", len(u.nav.stack), w.Canvas().Focused())
	}
}

func TestTypingNeverWidensTheScreen(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Swedish)
	u.session.startVisit(content.Swedish)
	u.Open(searchPage{})
	width := w.Canvas().Size().Width
	gear := findIconButton(t, w.Content(), theme.SettingsIcon())
	at := absPos(gear)
	for range 150 {
		tapKey(t, u.session.keys, "a")
	}
	field := searchField(t, w)
	if n := len([]rune(field.Text)); n != searchMaxLength {
		t.Errorf("the field holds %d characters, want the cap %d", n, searchMaxLength)
	}
	if absPos(gear) != at || w.Content().MinSize().Width > width {
		t.Errorf("the gear moved from %v to %v; window needs %v of %v", at, absPos(gear), w.Content().MinSize().Width, width)
	}
	var _ *keyboard.Keyboard = u.session.keys
}

func TestHomeTilesLeaveTheEmptyCellAtTheEnd(t *testing.T) {
	u, w := newTestUI(t, content.Arabic)
	u.session.kiosk = true // five tiles: two rows, one cell empty
	u.Home()
	search := findTileLabel(t, w, u.t("NavSearch"))
	projects := findTileLabel(t, w, u.t("NavProjects"))
	// In Arabic the last row fills from the right: Projects rightmost,
	// Search left of it, the empty cell on the left.
	if absPos(search).X >= absPos(projects).X || absPos(projects).X < w.Canvas().Size().Width/2 {
		t.Errorf("Arabic last row: projects at %v, search at %v", absPos(projects).X, absPos(search).X)
	}
}

// findTileLabel finds the label of a Home tile.
func findTileLabel(t *testing.T, w fyne.Window, text string) *textview.Label {
	t.Helper()
	var found *textview.Label
	walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*textview.Label); ok && l.Text == text && found == nil {
			found = l
		}
	})
	if found == nil {
		t.Fatalf("no tile %q", text)
	}
	return found
}

func TestLongListTitleEndsWithEllipsis(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	long := strings.Repeat("Information om boende och skola ", 12)
	list := u.rowList([]row{{title: u.ui(long), detail: u.ui("x")}})
	w.SetContent(list)
	w.Resize(fyne.NewSize(600, 400))
	var title *textview.Label
	walk(list, func(o fyne.CanvasObject) {
		if l, ok := o.(*textview.Label); ok && l.Text == long {
			title = l
		}
	})
	if title == nil {
		t.Fatal("no title label")
	}
	r := test.WidgetRenderer(title)
	var shown strings.Builder
	for _, o := range r.Objects() {
		if c, ok := o.(*canvas.Text); ok {
			shown.WriteString(c.Text)
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(shown.String()), textview.Ellipsis) {
		t.Errorf("a long title shows %q, without an ellipsis", shown.String())
	}
}

func TestNoCountdownOnTheStartScreen(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Swedish)
	u.session.showCountdown(5)
	if u.session.countdown.Visible() || w.Canvas().Overlays().Top() != nil {
		t.Error("a countdown shows over the start screen, where there is no visitor to warn")
	}
}
