package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/kiosk"
	"github.com/motesplats/motesplats/internal/library"
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
	if err := u.session.admin.SetPIN("2468"); err != nil {
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
	typePIN(t, w, "1111")
	if padSays(w, locked) || !padSays(w, "Wrong PIN. 4 tries left.") {
		t.Fatal("after the lockout a wrong PIN is not counted afresh")
	}
	typePIN(t, w, "2468")
	if _, open := u.Current().(adminPage); !open {
		t.Errorf("after the lockout the right PIN shows %T", u.Current())
	}
}

// The gear in kiosk mode only ever asks for the PIN that is set: with
// none, or a damaged one, it says how staff set one outside the window,
// and no keypad lets the visitor in front of it choose a PIN.
func TestKioskGearNeverOffersToChooseAPIN(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, u *UI)
		want   string
	}{
		{"no PIN", func(*testing.T, *UI) {}, "No admin PIN has been set, so the settings cannot be opened here. " +
			"Staff set one on this computer with \u2066motesplats pin set\u2069:"},
		{"damaged hash", func(t *testing.T, u *UI) {
			writeFile(t, u.session.admin.Path(), `{"version": 1, "kiosk": true, "pin": "argon2id$v=19$garbage", "tries": {"wrong": 0, "lockouts": 0}}`)
		}, "The saved admin PIN is damaged, so no PIN can open the settings. Staff must set a new PIN outside this window, " +
			"on this computer, with \u2066motesplats pin set\u2069."},
		{"damaged kiosk file", func(t *testing.T, u *UI) { writeFile(t, u.session.admin.Path(), "{\"version\": 1, \"kio") },
			"The saved admin PIN is damaged, so no PIN can open the settings. Staff must set a new PIN outside this window, " +
				"on this computer, with \u2066motesplats pin set\u2069."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, w, _ := newKioskUI(t, content.English)
			tt.damage(t, u)
			test.Tap(findIconButton(t, w.Content(), theme.SettingsIcon()))
			notice := keypad(t, w)
			if !padSays(w, tt.want) {
				t.Errorf("the gear does not say %q", tt.want)
			}
			if !padSays(w, "motesplats pin set --data "+u.lib.Dir) {
				t.Error("the notice does not show the command with this data folder")
			}
			if len(findAll(notice, "1")) > 0 || len(findAll(notice, "OK")) != 1 {
				t.Fatal("the notice has a keypad: a visitor could type a PIN")
			}
			test.Tap(findAll(notice, "OK")[0])
			if w.Canvas().Overlays().Top() != nil {
				t.Error("OK does not close the notice")
			}
			if _, open := u.Current().(adminPage); open || u.session.unlocked {
				t.Error("the admin screen opened without a PIN")
			}
			if st := u.session.admin.Status(); st.PIN == kiosk.PINSet {
				t.Error("a PIN was set from the kiosk")
			}
		})
	}
}

// Kiosk mode on a folder with no PIN does not start: the window shows
// only the refusal and the command, with no gear and no content.
func TestKioskRefusedWithoutPIN(t *testing.T) {
	for _, lang := range []content.Lang{content.Swedish, content.Arabic} {
		u, w := newTestUI(t, lang)
		err := u.session.startKiosk()
		if !errors.Is(err, kiosk.ErrNoPIN) {
			t.Fatalf("startKiosk with no PIN = %v, want ErrNoPIN", err)
		}
		if u.Kiosk() || !w.FullScreen() {
			t.Errorf("%s: kiosk %v, full screen %v; want a full-screen refusal outside kiosk mode", lang, u.Kiosk(), w.FullScreen())
		}
		for _, want := range []string{u.t("PinKioskRefused"), u.t("PinHowToSet"), "motesplats pin set --data " + u.lib.Dir} {
			if !hasLabel(w, want) {
				t.Errorf("%s: the window does not say %q", lang, want)
			}
		}
		var buttons int
		walk(w.Content(), func(o fyne.CanvasObject) {
			if _, ok := o.(*widget.Button); ok {
				buttons++
			}
		})
		if buttons != 0 {
			t.Errorf("%s: the refusal shows %d buttons (gear, tiles): it must show nothing to touch", lang, buttons)
		}
	}
}

func TestKioskStartsWithAPIN(t *testing.T) {
	u, w := newTestUI(t, content.English)
	u.session.admin.KDF = cheapKDF
	if err := u.session.admin.SetPIN("2468"); err != nil {
		t.Fatal(err)
	}
	if err := u.session.startKiosk(); err != nil || !u.Kiosk() {
		t.Fatalf("startKiosk with a PIN = %v, kiosk %v", err, u.Kiosk())
	}
	findIconButton(t, w.Content(), theme.SettingsIcon()) // the usual screen, gear included
}

// A damaged kiosk file means kiosk mode, whatever the command line said.
func TestDamagedKioskFileStartsKioskLocked(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, kiosk.FileName), "\x00\x00")
	lib, err := library.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	catalog, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	u := New(lib, catalog, content.Ukrainian, w)
	t.Cleanup(u.finder.waitForIndex)
	if !u.cfg.Kiosk {
		t.Fatal("a damaged kiosk file read as desktop mode")
	}
	if err := u.session.startKiosk(); err != nil || !u.Kiosk() {
		t.Fatalf("startKiosk = %v, kiosk %v; want kiosk mode, locked", err, u.Kiosk())
	}
	test.Tap(findIconButton(t, w.Content(), theme.SettingsIcon()))
	if !padSays(w, u.tf("PinDamagedLocked", pinCommandName())) {
		t.Error("the gear does not say the PIN must be reset outside the window")
	}
}

// A lockout that ends on another day says the date too.
func TestLongLockoutShowsTheDate(t *testing.T) {
	u, w, clk := newKioskUI(t, content.Swedish)
	clk.t = time.Date(2026, 3, 14, 22, 50, 0, 0, time.UTC) // 23:50 in Stockholm
	if err := u.session.admin.SetPIN("2468"); err != nil {
		t.Fatal(err)
	}
	test.Tap(findIconButton(t, w.Content(), theme.SettingsIcon()))
	for range kiosk.MaxTries {
		typePIN(t, w, "1111")
	}
	clk.t = clk.t.Add(kiosk.LockoutFor(1))
	for range kiosk.MaxTries { // the second lockout, 15 minutes: past midnight
		typePIN(t, w, "1111")
	}
	want := "För många fel PIN-koder. Försök igen den 15 mars 2026 klockan 00:10."
	if !padSays(w, want) {
		t.Errorf("the keypad does not say %q", want)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestIdleResetClosesTheKeypadAndLocksAdmin(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Arabic)
	if err := u.session.admin.SetPIN("2468"); err != nil {
		t.Fatal(err)
	}
	test.Tap(findIconButton(t, w.Content(), theme.SettingsIcon()))
	typePIN(t, w, "2468")
	if !u.session.unlocked {
		t.Fatal("the right PIN did not unlock")
	}
	test.Tap(findButton(t, w, u.t("AdminChangePIN")))
	u.session.idleReset()
	if u.session.unlocked || w.Canvas().Overlays().Top() != nil {
		t.Errorf("after the reset: unlocked %v, dialog open %v", u.session.unlocked, w.Canvas().Overlays().Top() != nil)
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
	if err := u.session.admin.SetPIN("2468"); err != nil {
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
