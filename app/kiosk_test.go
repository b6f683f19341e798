package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/kiosk"
)

// cheapKDF keeps PIN tests fast; each stored hash records its own cost.
var cheapKDF = kiosk.KDF{Time: 1, Memory: 64, Threads: 1}

// testClock is a clock the test moves by hand.
type testClock struct{ t time.Time }

func (c *testClock) Now() time.Time { return c.t }

// newKioskUI is a UI in kiosk mode whose default language is lang, with
// a cheap PIN hash and a clock for the lockout; its timers end with the
// test.
func newKioskUI(t *testing.T, lang content.Lang) (*UI, fyne.Window, *testClock) {
	t.Helper()
	u, w := newTestUI(t, lang)
	clk := &testClock{t: time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)}
	u.session.admin.KDF, u.session.admin.Now = cheapKDF, clk.Now
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	u.ctx = ctx
	u.session.enterKiosk()
	return u, w, clk
}

// findAll lists the buttons (Fyne's or the app's) with a text under o.
func findAll(o fyne.CanvasObject, text string) []tappableObject {
	var found []tappableObject
	walk(o, func(o fyne.CanvasObject) {
		switch b := o.(type) {
		case *widget.Button:
			if b.Text == text {
				found = append(found, b)
			}
		case *textview.Button:
			if b.Text == text {
				found = append(found, b)
			}
		}
	})
	return found
}

// tappableObject is a button of either kind on the screen.
type tappableObject interface {
	fyne.Tappable
	fyne.CanvasObject
}

// findIconButton finds the button showing icon: Fyne's or the app's own.
func findIconButton(t *testing.T, o fyne.CanvasObject, icon fyne.Resource) tappableObject {
	t.Helper()
	var found tappableObject
	walk(o, func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch b := o.(type) {
		case *widget.Button:
			if b.Icon != nil && b.Icon.Name() == icon.Name() {
				found = b
			}
		case *textview.Button:
			if b.Icon != nil && b.Icon.Name() == icon.Name() {
				found = b
			}
		}
	})
	if found == nil {
		t.Fatalf("no button with the icon %s", icon.Name())
	}
	return found
}

func TestIdleResetForgetsTheVisitor(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Swedish)
	u.Open(servicesPage{})
	u.Open(searchPage{query: "tandläkare"})
	test.Tap(findNav(t, w, "العربية"))
	if u.Lang() != content.Arabic || len(u.nav.stack) != 3 {
		t.Fatalf("before the reset: %s, %d screens", u.Lang(), len(u.nav.stack))
	}
	if v, _, _ := u.lib.Store.Setting(kiosk.KeyLanguage); v == "ar" {
		t.Error("a visitor's language choice was saved as the kiosk's default")
	}
	u.changeTextSize(+2) // A+ twice
	u.toggleContrast()
	u.session.showCountdown(3)
	u.session.idleReset()
	if u.theme.scale != 1 || u.theme.highContrast {
		t.Errorf("after the reset: text scale %v, high contrast %v; want the saved look (1, off)", u.theme.scale, u.theme.highContrast)
	}
	if _, home := u.Current().(homePage); !home || len(u.nav.stack) != 1 {
		t.Errorf("after the reset: %T with %d screens, want Home alone", u.Current(), len(u.nav.stack))
	}
	if u.Lang() != content.Swedish {
		t.Errorf("after the reset the language is %s, want the default sv", u.Lang())
	}
	findNav(t, w, "Hem") // the header is Swedish again
	if u.session.countdown.Visible() {
		t.Error("the countdown still shows after the reset")
	}
	for _, p := range u.nav.stack {
		if s, ok := p.(searchPage); ok && s.query != "" {
			t.Errorf("the search text %q survived the reset", s.query)
		}
	}
}

func TestCountdownShowsAndATouchHidesIt(t *testing.T) {
	u, _, _ := newKioskUI(t, content.Ukrainian)
	u.session.startVisit(content.Ukrainian)
	u.session.showCountdown(5)
	if !u.session.countdown.Visible() || u.session.countdown.text.Text != u.loc.N("KioskCountdown", 5, nil) {
		t.Fatalf("countdown visible %v, text %q", u.session.countdown.Visible(), u.session.countdown.text.Text)
	}
	if !strings.Contains(u.session.countdown.text.Text, "5 секунд") {
		t.Errorf("Ukrainian countdown for 5 = %q, want the many form", u.session.countdown.text.Text)
	}
	test.MoveMouse(u.win.Canvas(), fyne.NewPos(300, 300)) // a finger on the screen
	if u.session.countdown.Visible() {
		t.Error("touching the screen did not hide the countdown")
	}
	if p, _ := u.session.idle.State(time.Now()); p != kiosk.Active {
		t.Errorf("after a touch the idle timer is %v, want active", p)
	}
}

func TestIdleTimerUsesTheSavedTimes(t *testing.T) {
	u, _, _ := newKioskUI(t, content.Swedish)
	if err := u.session.admin.SetPIN("2468"); err != nil {
		t.Fatal(err)
	}
	c := kiosk.Defaults()
	c.IdleSeconds, c.CountdownSeconds = 60, 10
	if err := u.saveConfig(c); err != nil {
		t.Fatal(err)
	}
	u.session.startIdle()
	u.session.touch()
	start := time.Now()
	if p, left := u.session.idle.State(start.Add(51 * time.Second)); p != kiosk.CountingDown || kiosk.SecondsLeft(left) > 10 {
		t.Errorf("51 s after a touch: %v, %v left; want the countdown", p, left)
	}
	if p, _ := u.session.idle.State(start.Add(61 * time.Second)); p != kiosk.Expired {
		t.Errorf("61 s after a touch: %v, want expired", p)
	}
}

func TestKioskRefusesCloseUntilThePIN(t *testing.T) {
	u, w, _ := newKioskUI(t, content.English)
	if err := u.session.admin.SetPIN("2468"); err != nil {
		t.Fatal(err)
	}
	closed := false
	u.session.closeWindow = func() { closed = true }
	if !w.FullScreen() {
		t.Error("kiosk mode is not full screen")
	}
	u.session.requestClose()
	if closed {
		t.Fatal("the kiosk window closed without the PIN")
	}
	test.Tap(findIconButton(t, w.Content(), theme.SettingsIcon()))
	typePIN(t, w, "2468")
	if _, ok := u.Current().(adminPage); !ok {
		t.Fatalf("after the right PIN the screen is %T", u.Current())
	}
	u.session.requestClose()
	if !closed {
		t.Error("the window did not close from the unlocked admin screen")
	}
}

func TestDesktopClosesAndHasShortcuts(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.session.addShortcuts()
	sc := w.Canvas().(fyne.Shortcutable)
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	if _, ok := u.Current().(searchPage); !ok {
		t.Fatalf("Ctrl+F opened %T", u.Current())
	}
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt})
	if len(u.nav.stack) != 1 {
		t.Errorf("Alt+Left left %d screens", len(u.nav.stack))
	}
	u.session.enterKiosk()
	t.Cleanup(u.session.stopIdleTimer)
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	if len(u.nav.stack) != 1 {
		t.Error("a desktop shortcut worked in kiosk mode")
	}
	u.session.unlocked = true
	u.session.leaveKiosk()
	closed := false
	u.session.closeWindow = func() { closed = true }
	u.session.requestClose()
	if !closed || w.FullScreen() {
		t.Errorf("after leaving kiosk mode: closed %v, full screen %v", closed, w.FullScreen())
	}
}

func TestKioskHeaderMirrorsInArabic(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Swedish)
	x := func(o fyne.CanvasObject) float32 {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X
	}
	width := w.Canvas().Size().Width
	if x(findNav(t, w, "Hem")) > width/2 {
		t.Fatal("in Swedish, home should be on the left")
	}
	test.Tap(findNav(t, w, "العربية"))
	home := findNav(t, w, "الرئيسية")
	admin := findIconButton(t, w.Content(), theme.SettingsIcon())
	if x(home) < width/2 || x(admin) > width/2 {
		t.Errorf("in Arabic, home (x=%v) should be right and admin (x=%v) left of %v", x(home), x(admin), width/2)
	}
	if smaller, larger := findNav(t, w, "أ-"), findNav(t, w, "أ+"); x(smaller) < x(larger) {
		t.Errorf("in Arabic, A- (x=%v) should come first from the right, before A+ (x=%v)", x(smaller), x(larger))
	}
	if !u.Kiosk() {
		t.Error("switching language left kiosk mode")
	}
}
