// Package app is the Mötesplats window: screens built from Fyne widgets
// that read the engine (internal/…) and never hold content of their own.
package app

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/kiosk"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/store"
)

// ID is the application ID; Fyne keys preferences and storage by it.
const ID = "se.motesplats.kiosk"

// Options are what the command line can set.
type Options struct {
	Lang content.Lang // "" means the saved choice, else the system locale
	// Smoke renders the home screen once and quits: for CI and start-up timing.
	Smoke bool
	// Started is when the process started, for the smoke timing.
	Started time.Time
	// Open names a screen to show above Home (see pageFor).
	Open string
	// Kiosk starts in kiosk mode (full screen, locked, idle reset), as the
	// kiosk setting also does.
	Kiosk bool
	// Width and Height size the window (zero: 1024×720).
	Width, Height float32
}

// UI is the window. It holds what every screen shares (the library, the
// catalog and the reader's language, the clock, the theme and the stored
// configuration) and wires together the presenters that own the rest:
// nav (the path of screens), session (kiosk mode and its visitor),
// syncing (the sync loop and the status lines), finder (search), mylist
// (My list) and voice (reading aloud). Screens (page) are built from UI
// and reach a presenter through it. Every method runs on the UI
// goroutine; a background goroutine reaches a presenter only through the
// presenter's post (see TestGoroutineHopsOnlyThroughPost).
type UI struct {
	lib     *library.Library
	catalog *i18n.Catalog
	loc     *i18n.Localizer
	now     func() time.Time

	// ctx ends with the window; the idle timer and syncs run under it.
	ctx context.Context

	win    fyne.Window
	theme  *kioskTheme
	screen *fyne.Container // bar, screen, keyboard and status lines (screenLayout)

	// cfg is the stored kiosk configuration, read once at start and
	// replaced when the admin screen saves (saveConfig).
	cfg kiosk.Config

	// The presenters, each owning its part of the window's state; see
	// each type's comment for what it owns and where goroutines enter it.
	nav     *navigator  // the path of screens and the navigation bar (navigator.go)
	session *session    // kiosk mode and the visitor in front of it (kiosk.go)
	syncing *syncStatus // the sync loop, its progress line and the status line (status.go)
	finder  *finder     // the search index and the search screen's field (search.go)
	mylist  *myList     // the guide's list and the desk's handout of it (mylist.go)
	voice   *voice      // reading a page aloud (speak.go)
}

// New builds the UI for an open library in the given window. Tests call it
// with a test window; Run with a real one.
func New(lib *library.Library, catalog *i18n.Catalog, lang content.Lang, win fyne.Window) *UI {
	admin := kiosk.NewAdmin(lib.Dir, lib.Store)
	return newUI(lib, catalog, lang, win, loadConfig(lib, admin), admin)
}

// loadConfig reads the kiosk configuration; a damaged setting falls back
// to its default (the admin screen says which), a damaged kiosk file to
// kiosk mode.
func loadConfig(lib *library.Library, admin *kiosk.Admin) kiosk.Config {
	cfg, _ := kiosk.Load(lib.Store, admin)
	return cfg
}

// newUI is New with the configuration already read.
func newUI(lib *library.Library, catalog *i18n.Catalog, lang content.Lang, win fyne.Window, cfg kiosk.Config, admin *kiosk.Admin) *UI {
	if !lang.Known() {
		lang = content.Swedish
	}
	u := &UI{lib: lib, catalog: catalog, win: win, now: time.Now, ctx: context.Background(), cfg: cfg}
	u.useTheme(u.loadTheme())
	u.nav = newNavigator(u)
	u.syncing = newSyncStatus(u)
	u.finder = &finder{u: u}
	u.mylist = newMyList(u)
	u.voice = &voice{u: u}
	u.session = newSession(u, admin, lang)
	u.switchLanguage(lang)
	win.SetCloseIntercept(u.session.requestClose)
	win.SetContent(u.windowContent())
	return u
}

// windowContent is the navigation bar, the screen, and the sync progress
// and status line (placed by screenLayout); in kiosk mode the input
// watcher lies over it all and the start screen over that.
func (u *UI) windowContent() fyne.CanvasObject {
	info := container.NewVBox(u.session.keys, u.syncing.progressLine, u.syncing.status)
	u.screen = container.New(&screenLayout{cells: 10}, u.nav.header, info, u.nav.body)
	return container.NewStack(newSizeWatch(u.session.guard.windowResized), newTapCatcher(u.session.touch), u.screen, u.session.watcher, u.session.start)
}

// Run opens the window on the library and blocks until it is closed.
func Run(lib *library.Library, catalog *i18n.Catalog, opt Options) error {
	a := fyneapp.NewWithID(ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	first, err := pageFor(opt.Open)
	if err != nil {
		return err
	}
	admin := kiosk.NewAdmin(lib.Dir, lib.Store)
	cfg := loadConfig(lib, admin)
	lang := opt.Lang
	if lang == "" {
		lang = cfg.DefaultLang // the saved choice (kiosk.KeyLanguage)
	}
	if lang == "" {
		lang = i18n.SystemLanguage()
	}
	win := a.NewWindow("Mötesplats")
	if opt.Width == 0 || opt.Height == 0 {
		opt.Width, opt.Height = 1024, 720
	}
	win.Resize(fyne.NewSize(opt.Width, opt.Height))
	u := newUI(lib, catalog, lang, win, cfg, admin)
	u.nav.readAsync = true // the slow lists are read off the UI goroutine (readLater)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	u.ctx = ctx
	var refused error
	if opt.Kiosk || cfg.Kiosk {
		refused = u.session.startKiosk()
	} else {
		u.session.addShortcuts()
	}
	u.session.guard.holdForeground(a.Lifecycle()) // from when kiosk mode starts, also later from the admin screen
	// A refused kiosk shows only how to set a PIN.
	if refused == nil {
		u.openFirst(opt.Open, first)
	}
	// Damage found after open (the background check, a read that failed)
	// moves the file aside and brings back the built-in content: say so
	// and draw the screen again.
	lib.SetOnRecovered(func(r *store.Recovery, err error) {
		u.syncing.post(func() { u.syncing.recovered(r, err) })
	})
	if r := lib.Recovered(); r != nil {
		u.syncing.showRecovered(r)
	}
	// Content arrives in the background when the data folder knows a
	// feed (set on the admin screen or with `motesplats sync --feed …
	// --root …`); the screen is redrawn when a new version lands.
	u.syncing.startSync()
	// The search index is built after the window is up, so start-up does
	// not wait for it; the search screen says so until it is ready.
	builtAt := win.Canvas().Scale()
	a.Lifecycle().SetOnStarted(func() {
		// Pictograms are drawn as images at the window's pixel size,
		// which is known once the window is on its screen: the screen
		// built before it (Home, or --open's) is drawn again if the
		// scale is not the one it was built at, or its pictograms would
		// be blurred.
		if win.Canvas().Scale() != builtAt {
			u.nav.redraw()
		}
		if opt.Smoke {
			fmt.Fprintf(os.Stderr, "smoke: home screen shown %d ms after start (%s)\n",
				time.Since(opt.Started).Milliseconds(), u.loc.Lang())
			a.Quit()
			return
		}
		u.finder.indexContent()
		warmSpeech()
	})
	win.ShowAndRun()
	cancel()
	u.finder.waitForIndex() // before main closes the store under it
	u.nav.reading.Wait()
	return refused
}

// openFirst shows the screen --open names. It runs after kiosk mode is
// entered, so Open applies its rules (the PIN, no My list). A kiosk
// starts on its start screen unless a screen was named; "start" names
// the start screen itself and "countdown:N" shows Home with the idle
// countdown at N seconds (both for screenshots).
func (u *UI) openFirst(name string, first page) {
	switch kind, n, _ := strings.Cut(name, ":"); {
	case name == "" || kind == "start":
		return
	case kind == "countdown":
		u.session.start.Hide()
		seconds, _ := strconv.Atoi(n)
		// After the window is up: the pointer entering the new window
		// counts as a touch and would take the countdown away at once.
		time.AfterFunc(time.Second, func() { u.session.post(func() { u.session.showCountdown(max(seconds, 1)) }) })
		return
	}
	u.session.start.Hide()
	if _, home := first.(homePage); !home {
		u.Open(first)
	}
}

// saveConfig stores the kiosk configuration and, once it is saved, makes
// it the one the screens use.
func (u *UI) saveConfig(c kiosk.Config) error {
	if err := kiosk.Save(u.lib.Store, u.session.admin, c); err != nil {
		return err
	}
	u.cfg = c
	return nil
}

// Kiosk reports whether the UI is in kiosk mode.
func (u *UI) Kiosk() bool { return u.session.kiosk }

// AtStart reports whether kiosk mode's start screen is showing.
func (u *UI) AtStart() bool { return u.session.atStart() }

// Lang returns the language the UI shows.
func (u *UI) Lang() content.Lang { return u.loc.Lang() }

// SetLanguage is the reader choosing a language: the whole window
// switches at once. A desktop remembers the choice; a kiosk does not, as
// its default language is the admin's to set and the next visitor's
// start (see kiosk.KeyLanguage).
func (u *UI) SetLanguage(lang content.Lang) {
	u.session.touch()
	u.switchLanguage(lang)
	if !u.session.kiosk {
		if err := u.lib.Store.SetSetting(kiosk.KeyLanguage, string(u.Lang())); err == nil { // losing the choice is harmless
			u.cfg.DefaultLang = u.Lang()
		}
	}
}

// switchLanguage redraws the window in lang.
func (u *UI) switchLanguage(lang content.Lang) {
	if !lang.Known() {
		lang = content.Swedish
	}
	u.loc = u.catalog.For(lang)
	u.win.SetTitle(u.t("AppName"))
	u.syncing.status.Direction = dirOf(lang)
	u.nav.rebuildHeader()
	u.syncing.refreshStatus()
	u.nav.show()
}

// Open pushes a screen onto the path (see navigator.Open).
func (u *UI) Open(p page) { u.nav.Open(p) }

// Back returns to the previous screen.
func (u *UI) Back() { u.nav.Back() }

// Home returns to the home screen and forgets the path.
func (u *UI) Home() { u.nav.Home() }

// Current returns the screen on top.
func (u *UI) Current() page { return u.nav.Current() }

// t translates a message id.
func (u *UI) t(id string) string { return u.loc.T(id, nil) }

// tf translates a message id with data for its placeholders.
func (u *UI) tf(id string, data map[string]any) string { return u.loc.T(id, data) }

// text picks a content text in the reader's language with the app's
// fallback rule.
func (u *UI) text(t content.Text) string { return t.String(u.Lang()) }
