package app

import (
	"errors"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/kiosk"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/update"
)

func TestAdminScreenSavesSettings(t *testing.T) {
	u, w := newTestUI(t, content.English)
	test.Tap(findIconButton(t, w.Content(), theme.SettingsIcon())) // a desktop needs no PIN
	if _, ok := u.Current().(adminPage); !ok {
		t.Fatalf("the admin button opened %T", u.Current())
	}
	test.Tap(findIconButton(t, u.nav.body, theme.ContentAddIcon())) // 120 s → 180 s
	ukrainian := findAll(u.nav.body, "Українська")
	if len(ukrainian) != 1 {
		t.Fatalf("%d Ukrainian buttons on the admin screen", len(ukrainian))
	}
	test.Tap(ukrainian[0])
	test.Tap(findButton(t, w, "Save"))
	c, err := kiosk.Load(u.lib.Store, u.session.admin)
	if err != nil {
		t.Fatal(err)
	}
	if c.IdleSeconds != 180 || c.DefaultLang != content.Ukrainian || c.Kiosk {
		t.Errorf("saved %+v, want 180 s, uk, no kiosk", c)
	}
	if !hasLabel(w, "The settings are saved.") {
		t.Error("saving does not say so")
	}
	if u.session.defaultLang != content.Ukrainian {
		t.Errorf("the next visitor's language is %s", u.session.defaultLang)
	}
}

func TestAdminRefusesKioskModeWithoutPIN(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.Open(adminPage{})
	var start *widget.Check
	walk(u.nav.body, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok {
			start = c // the last check is "start in kiosk mode"
		}
	})
	start.SetChecked(true)
	test.Tap(findButton(t, w, "Spara"))
	if !hasLabel(w, "Välj en admin-PIN-kod innan du slår på kioskläget.") {
		t.Error("kiosk mode without a PIN was not refused in words")
	}
	if u.Kiosk() {
		t.Error("kiosk mode started without a PIN")
	}
}

func TestAdminSyncNowWithoutFeedSaysWhatToDo(t *testing.T) {
	u, w := newTestUI(t, content.Ukrainian)
	u.Open(adminPage{})
	test.Tap(findButton(t, w, u.t("AdminSyncNow")))
	if !hasLabel(w, u.t("AdminNeedFeed")) {
		t.Error("sync now with no feed does not say what is missing")
	}
	if !hasLabel(w, u.syncing.contentVersionLine()+"\n"+u.t("LogNoFeed")+"\n"+u.t("LogNever")) {
		t.Error("the sync log does not say that no feed is set")
	}
}

func TestSettingErrorsInWords(t *testing.T) {
	u, _ := newTestUI(t, content.English)
	c := kiosk.Defaults()
	c.IdleSeconds = 5
	got := u.settingError(kiosk.Save(u.lib.Store, u.session.admin, c))
	if got != "Idle time must be between 30 and 1,800 seconds." {
		t.Errorf("idle out of range: %q", got)
	}
	if got := u.settingError(errors.New("disk full")); !strings.Contains(got, "disk full") {
		t.Errorf("other error: %q", got)
	}
}

func TestStatusShowsSyncProgress(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.syncing.showProgress(update.Progress{Phase: update.PhaseShards, ShardsDone: 2, ShardsTotal: 4})
	if !u.syncing.progressLine.Visible() || u.syncing.progress.Value < 0.4 || u.syncing.progress.Value > 0.6 {
		t.Fatalf("halfway through the shards: visible %v, value %v", u.syncing.progressLine.Visible(), u.syncing.progress.Value)
	}
	if !hasLabel(w, "Uppdaterar innehållet …") {
		t.Error("the progress has no caption")
	}
	u.syncing.syncFinished(nil, &update.Error{Reason: update.ReasonOffline})
	if u.syncing.progressLine.Visible() {
		t.Error("the progress still shows after the sync")
	}
	if u.syncing.status.Text == "" {
		t.Error("the status line is empty")
	}
}

func TestStatusSaysOnlineOrOffline(t *testing.T) {
	u, _ := newTestUI(t, content.English)
	u.syncing.refreshStatus()
	if !strings.HasSuffix(u.syncing.status.Text, "Works offline on the built-in content.") {
		t.Errorf("with no feed the status says %q", u.syncing.status.Text)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	u.now = func() time.Time { return now }
	set, err := library.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if err := u.lib.Store.Apply(set, content.Version{Number: 7, Source: content.SourceFeed, Applied: now.Add(-3 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	u.lib.Store.SetSetting(update.SettingFeed, "https://feed.example/")
	u.lib.Store.SetSyncStatus(store.SyncStatus{LastAttempt: now, LastSuccess: now.Add(-3 * time.Hour)})
	u.syncing.refreshStatus()
	// Plain words for visitors: the date of the information, no version
	// number and no feed (those are on the admin screen).
	if want := "Information from 23 November 2026. Online: new content comes in by itself."; u.syncing.status.Text != want {
		t.Errorf("online status = %q, want %q", u.syncing.status.Text, want)
	}
	if log := u.syncing.syncLog(); !strings.Contains(log, "Content version 7 from the feed") {
		t.Errorf("the admin screen's log does not name the content version: %q", log)
	}
	u.lib.Store.SetSyncStatus(store.SyncStatus{LastAttempt: now, LastSuccess: now.Add(-3 * time.Hour), LastError: "SyncOffline: dial tcp"})
	u.syncing.refreshStatus()
	if strings.Contains(u.syncing.status.Text, "Online") || !strings.HasPrefix(u.syncing.status.Text, u.t("CurrentUpdateFailed")) {
		t.Errorf("offline status = %q", u.syncing.status.Text)
	}
}

func TestTextSizeButtons(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	before := u.theme.Size(theme.SizeNameText)
	test.Tap(findNav(t, w, "A+"))
	if u.theme.scale <= 1 || u.theme.Size(theme.SizeNameText) <= before {
		t.Fatalf("A+ left the scale at %v", u.theme.scale)
	}
	if fyne.CurrentApp().Settings().Theme() != u.theme {
		t.Error("A+ did not apply the theme to the app")
	}
	for range 10 {
		test.Tap(findNav(t, w, "A+"))
	}
	if u.theme.scale != textScales[len(textScales)-1] {
		t.Errorf("many A+ give %v, want the largest step", u.theme.scale)
	}
	for range 10 {
		test.Tap(findNav(t, w, "A-"))
	}
	if u.theme.scale != textScales[0] {
		t.Errorf("many A- give %v, want the smallest step", u.theme.scale)
	}
	if got := u.loadTheme().scale; got != textScales[0] {
		t.Errorf("the text size is saved as %v", got)
	}
}

func TestHighContrastSwitchesColours(t *testing.T) {
	u, w := newTestUI(t, content.English)
	normal := u.theme.Color(theme.ColorNameBackground, theme.VariantLight)
	test.Tap(findNav(t, w, "Contrast"))
	if !u.theme.highContrast {
		t.Fatal("the contrast button did not switch")
	}
	if bg := u.theme.Color(theme.ColorNameBackground, theme.VariantLight); bg == normal || !sameColour(bg, color.Black) {
		t.Errorf("high-contrast background %v, want black", bg)
	}
	if fg := u.theme.Color(theme.ColorNameForeground, theme.VariantLight); !sameColour(fg, color.White) {
		t.Errorf("high-contrast text %v, want white", fg)
	}
	if b := findNav(t, w, "Contrast"); b.Importance != widget.HighImportance {
		t.Error("the contrast button does not show that it is on")
	}
	if !u.loadTheme().highContrast {
		t.Error("high contrast is not saved")
	}
}

func sameColour(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// TestTouchTargets checks every button on Home, the admin screen and the
// keypad at the smallest text size: none under 48 dp high.
func TestTouchTargets(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Arabic)
	u.useTheme(&kioskTheme{scale: textScales[0]})
	check := func(where string, o fyne.CanvasObject) {
		n := 0
		walk(o, func(o fyne.CanvasObject) {
			var text string
			switch b := o.(type) {
			case *widget.Button:
				text = b.Text
			case *textview.Button:
				text = b.Text
			default:
				return
			}
			if o.Visible() {
				n++
				if h := o.MinSize().Height; h < 48 {
					t.Errorf("%s: button %q is %v high, under 48", where, text, h)
				}
			}
		})
		if n == 0 {
			t.Errorf("%s: no buttons", where)
		}
	}
	check("home", w.Content())
	test.Tap(findIconButton(t, w.Content(), theme.SettingsIcon()))
	check("keypad", keypad(t, w))
	u.session.unlocked = true
	u.session.closePad()
	u.Open(adminPage{})
	check("admin", w.Content())
}
