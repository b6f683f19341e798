package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
)

// keypad is the open PIN dialog.
func keypad(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no PIN dialog is open")
	}
	return top
}

// typePIN taps the digits and OK on the keypad.
func typePIN(t *testing.T, w fyne.Window, pin string) {
	t.Helper()
	pad := keypad(t, w)
	for _, d := range pin + "✓" {
		text := string(d)
		if d == '✓' {
			text = findOK(t, pad)
		}
		buttons := findAll(pad, text)
		if len(buttons) == 0 {
			t.Fatalf("no key %q on the keypad", text)
		}
		test.Tap(buttons[0])
	}
}

func findOK(t *testing.T, pad fyne.CanvasObject) string {
	for _, ok := range []string{"OK", "موافق"} {
		if len(findAll(pad, ok)) > 0 {
			return ok
		}
	}
	t.Fatal("no OK key on the keypad")
	return ""
}

// padSays reports whether the keypad shows a label with text.
func padSays(w fyne.Window, text string) bool {
	found := false
	if top := w.Canvas().Overlays().Top(); top != nil {
		walk(top, func(o fyne.CanvasObject) {
			if l, ok := o.(*textview.Label); ok && l.Text == text {
				found = true
			}
		})
	}
	return found
}

func TestPINLockoutOnTheKeypad(t *testing.T) {
	u, w, clk := newKioskUI(t, content.English)
	if err := u.admin.SetPIN("2468"); err != nil {
		t.Fatal(err)
	}
	test.Tap(findIconButton(t, w.Content(), theme.SettingsIcon()))
	for i := 1; i <= 4; i++ {
		typePIN(t, w, "1111")
		want := u.loc.N("KioskWrongPIN", 5-i, nil)
		if !padSays(w, want) {
			t.Fatalf("after %d wrong PINs the keypad does not say %q", i, want)
		}
	}
	if !padSays(w, "Wrong PIN. 1 try left.") {
		t.Error("the last try is not announced in words")
	}
	typePIN(t, w, "1111")
	locked := "Too many wrong PINs. Try again at " + u.loc.Time(clk.t.Add(5*time.Minute)) + "."
	if !padSays(w, locked) {
		t.Fatalf("after five wrong PINs the keypad does not say %q", locked)
	}
	typePIN(t, w, "2468")
	if _, open := u.Current().(adminPage); open || !padSays(w, locked) {
		t.Fatal("the right PIN opened the admin screen during the lockout")
	}
	clk.t = clk.t.Add(5*time.Minute + time.Second)
	typePIN(t, w, "2468")
	if _, open := u.Current().(adminPage); !open {
		t.Errorf("after the lockout the right PIN shows %T", u.Current())
	}
}

func TestKioskWithoutPINAsksForOne(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Swedish)
	test.Tap(findIconButton(t, w.Content(), theme.SettingsIcon()))
	if !padSays(w, u.t("KioskNoPINYet")) {
		t.Fatal("with no PIN set, the admin button does not say to choose one")
	}
	typePIN(t, w, "12") // too short
	if !padSays(w, "PIN-koden ska ha 4–12 siffror.") {
		t.Error("a two-digit PIN was not refused with the rule")
	}
	typePIN(t, w, "1357")
	typePIN(t, w, "1358")
	if !padSays(w, u.t("PINMismatch")) {
		t.Error("two different PINs were not refused")
	}
	typePIN(t, w, "1357")
	typePIN(t, w, "1357")
	if _, open := u.Current().(adminPage); !open {
		t.Fatalf("after choosing a PIN the screen is %T", u.Current())
	}
	if ok, err := u.admin.CheckPIN("1357"); !ok {
		t.Errorf("the chosen PIN does not work: %v", err)
	}
}

func TestIdleResetClosesTheKeypadAndLocksAdmin(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Arabic)
	if err := u.admin.SetPIN("2468"); err != nil {
		t.Fatal(err)
	}
	test.Tap(findIconButton(t, w.Content(), theme.SettingsIcon()))
	typePIN(t, w, "2468")
	if !u.unlocked {
		t.Fatal("the right PIN did not unlock")
	}
	test.Tap(findButton(t, w, u.t("AdminChangePIN")))
	u.idleReset()
	if u.unlocked || w.Canvas().Overlays().Top() != nil {
		t.Errorf("after the reset: unlocked %v, dialog open %v", u.unlocked, w.Canvas().Overlays().Top() != nil)
	}
	if !strings.HasPrefix(u.win.Title(), "Mötesplats") {
		t.Errorf("title %q", u.win.Title())
	}
}

// Every way to the admin screen goes through the PIN in kiosk mode, not
// only the header button: `--open admin` calls Open after entering kiosk
// mode. My list, a desktop's, does not open in kiosk mode at all.
func TestKioskOpenGuardsAdminAndMyList(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Swedish)
	if err := u.admin.SetPIN("2468"); err != nil {
		t.Fatal(err)
	}
	u.Open(adminPage{})
	if _, open := u.Current().(adminPage); open {
		t.Fatal("kiosk mode opened the admin screen without the PIN")
	}
	if !padSays(w, u.t("PINPrompt")) {
		t.Error("opening the admin screen in kiosk mode does not ask for the PIN")
	}
	typePIN(t, w, "2468")
	if _, open := u.Current().(adminPage); !open {
		t.Fatalf("after the right PIN the screen is %T", u.Current())
	}
	u.Home()
	u.Open(myListPage{})
	if _, open := u.Current().(myListPage); open {
		t.Error("kiosk mode opened My list")
	}
}
