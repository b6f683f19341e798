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
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/keyboard"
	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/indexer"
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

// UI is the state of the window: the language and the path of screens.
type UI struct {
	lib     *library.Library
	catalog *i18n.Catalog
	loc     *i18n.Localizer
	now     func() time.Time

	// kiosk is set in kiosk mode: links are shown as QR codes, never
	// opened, and the window cannot be left without the admin PIN.
	kiosk bool

	// ctx ends with the window; the idle timer and syncs run under it.
	ctx context.Context

	win    fyne.Window
	stack  []page
	body   *fyne.Container
	header *fyne.Container // the navigation bar (navbar.go)
	// backButton is the bar's Back, enabled only below Home.
	backButton *textview.Button
	status     *textview.Label
	theme      *kioskTheme

	// cfg is the stored kiosk configuration, read once at start and
	// replaced when the admin screen saves (saveConfig).
	cfg kiosk.Config

	// myList is the guide's list (mylist.go), kept in the store's settings.
	myList *kiosk.MyList

	// Kiosk mode (kiosk.go): the PIN, the language a visitor's session
	// returns to, the idle timer and what shows its countdown.
	admin       *kiosk.Admin
	defaultLang content.Lang
	unlocked    bool // the admin screen was opened with the right PIN
	idle        *kiosk.Idle
	stopIdle    context.CancelFunc
	countdown   *countdownOverlay  // the last seconds before the idle reset (visitor.go)
	start       *fyne.Container    // kiosk mode's "touch to start" screen (visitor.go)
	keys        *keyboard.Keyboard // the on-screen keyboard of kiosk mode (visitor.go)
	screen      *fyne.Container    // bar, screen, keyboard and status lines (screenLayout)
	watcher     *inputWatcher
	shortcuts   []fyne.Shortcut
	pinDialog   interface{ Hide() }
	// The window taking itself back in kiosk mode (kioskguard.go).
	losses   int       // times the window lost the foreground in kiosk mode
	fullSize fyne.Size // the largest size in pixels since kiosk mode began
	// closeWindow closes the window once the close is allowed; tests
	// replace it to see that it was called.
	closeWindow func()

	// Syncing (status.go): the sync loop's "now", and the progress shown
	// while a sync runs.
	syncNow      func()
	stopSync     context.CancelFunc
	progress     *widget.ProgressBar
	progressLine *fyne.Container

	searchField  *textview.Entry // the search screen's field, for Ctrl+F
	pendingFocus *textview.Entry // a field to focus once its screen is shown
	building     bool            // show is building a screen (not yet on the canvas)
	find         *indexer.Live   // the search index, kept up to date in the background (search.go)
	indexReady   func()          // the search screen's re-run of its query, when a new index is in use
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
	u := &UI{lib: lib, catalog: catalog, win: win, now: time.Now, ctx: context.Background(), cfg: cfg,
		myList: kiosk.NewMyList(lib.Store), admin: admin, defaultLang: lang}
	u.useTheme(u.loadTheme())
	u.body = container.NewStack()
	u.header = container.NewStack()
	u.status = textview.NewLabel("", bidi.LeftToRight)
	u.status.MaxLines = 2
	u.newSyncProgress()
	u.newIdleWatch()
	u.stack = []page{homePage{}}
	u.switchLanguage(lang)
	u.closeWindow = win.Close
	win.SetCloseIntercept(u.requestClose)
	win.SetContent(u.windowContent())
	return u
}

// windowContent is the navigation bar, the screen, and the sync progress
// and status line (placed by screenLayout); in kiosk mode the input
// watcher lies over it all and the start screen over that.
func (u *UI) windowContent() fyne.CanvasObject {
	info := container.NewVBox(u.keys, u.progressLine, u.status)
	u.screen = container.New(&screenLayout{cells: 10}, u.header, info, u.body)
	return container.NewStack(newSizeWatch(u.windowResized), newTapCatcher(u.touch), u.screen, u.watcher, u.start)
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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	u.ctx = ctx
	var refused error
	if opt.Kiosk || cfg.Kiosk {
		refused = u.startKiosk()
	} else {
		u.addShortcuts()
	}
	u.holdForeground(a.Lifecycle()) // from when kiosk mode starts, also later from the admin screen
	// A refused kiosk shows only how to set a PIN.
	if refused == nil {
		u.openFirst(opt.Open, first)
	}
	// Damage found after open (the background check, a read that failed)
	// moves the file aside and brings back the built-in content: say so
	// and draw the screen again.
	lib.SetOnRecovered(func(r *store.Recovery, err error) {
		fyne.Do(func() { u.recovered(r, err) })
	})
	if r := lib.Recovered(); r != nil {
		u.showRecovered(r)
	}
	// Content arrives in the background when the data folder knows a
	// feed (set on the admin screen or with `motesplats sync --feed …
	// --root …`); the screen is redrawn when a new version lands.
	u.startSync()
	// The search index is built after the window is up, so start-up does
	// not wait for it; the search screen says so until it is ready.
	a.Lifecycle().SetOnStarted(func() {
		if opt.Smoke {
			fmt.Fprintf(os.Stderr, "smoke: home screen shown %d ms after start (%s)\n",
				time.Since(opt.Started).Milliseconds(), u.loc.Lang())
			a.Quit()
			return
		}
		u.indexContent()
		warmSpeech()
	})
	win.ShowAndRun()
	cancel()
	u.waitForIndex() // before main closes the store under it
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
		u.start.Hide()
		seconds, _ := strconv.Atoi(n)
		// After the window is up: the pointer entering the new window
		// counts as a touch and would take the countdown away at once.
		time.AfterFunc(time.Second, func() { fyne.Do(func() { u.showCountdown(max(seconds, 1)) }) })
		return
	}
	u.start.Hide()
	if _, home := first.(homePage); !home {
		u.Open(first)
	}
}

// saveConfig stores the kiosk configuration and, once it is saved, makes
// it the one the screens use.
func (u *UI) saveConfig(c kiosk.Config) error {
	if err := kiosk.Save(u.lib.Store, u.admin, c); err != nil {
		return err
	}
	u.cfg = c
	return nil
}

// Kiosk reports whether the UI is in kiosk mode.
func (u *UI) Kiosk() bool { return u.kiosk }

// Lang returns the language the UI shows.
func (u *UI) Lang() content.Lang { return u.loc.Lang() }

// SetLanguage is the reader choosing a language: the whole window
// switches at once. A desktop remembers the choice; a kiosk does not, as
// its default language is the admin's to set and the next visitor's
// start (see kiosk.KeyLanguage).
func (u *UI) SetLanguage(lang content.Lang) {
	u.touch()
	u.switchLanguage(lang)
	if !u.kiosk {
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
	u.status.Direction = dirOf(lang)
	u.rebuildHeader()
	u.refreshStatus()
	u.show()
}

// Open pushes a screen onto the path. It is where the rules of kiosk mode
// hold for every way in (header button, links, --open): the admin screen
// opens only after the PIN, and My list, a desktop's, not at all.
func (u *UI) Open(p page) {
	u.touch()
	switch p.(type) {
	case adminPage:
		switch kiosk.Decide(u.mode(), kiosk.OpenAdmin, u.unlocked) {
		case kiosk.Allow:
		case kiosk.AskPIN:
			u.askPIN(u.unlockAdmin)
			return
		default:
			return
		}
	case myListPage:
		if u.kiosk {
			return
		}
	}
	u.stack = append(u.stack, p)
	u.show()
}

// rebuildHeader draws the header again, after something it shows changed
// (language, mode, contrast).
func (u *UI) rebuildHeader() {
	u.header.Objects = []fyne.CanvasObject{u.buildHeader()}
	u.header.Refresh()
}

// Back returns to the previous screen.
func (u *UI) Back() {
	u.touch()
	if len(u.stack) > 1 {
		u.stack = u.stack[:len(u.stack)-1]
		u.show()
	}
}

// Home returns to the home screen and forgets the path.
func (u *UI) Home() {
	u.touch()
	u.stack = u.stack[:1]
	u.show()
}

// Current returns the screen on top.
func (u *UI) Current() page { return u.stack[len(u.stack)-1] }

func (u *UI) show() {
	u.stopReading()
	p := u.Current()
	if _, admin := p.(adminPage); !admin {
		u.unlocked = false // leaving the admin screen locks it again
	}
	u.updateBack()
	top := heading(u.contentText(p.title(u)))
	u.pendingFocus = nil
	u.showKeys(false) // the field it typed into is gone with the screen
	u.building = true
	screen := p.build(u)
	u.building = false
	u.body.Objects = []fyne.CanvasObject{container.NewBorder(top, nil, nil, nil, screen)}
	u.body.Refresh()
	if e := u.pendingFocus; e != nil {
		u.pendingFocus = nil
		u.win.Canvas().Focus(e)
	}
}

// t translates a message id.
func (u *UI) t(id string) string { return u.loc.T(id, nil) }

// tf translates a message id with data for its placeholders.
func (u *UI) tf(id string, data map[string]any) string { return u.loc.T(id, data) }

// text picks a content text in the reader's language with the app's
// fallback rule.
func (u *UI) text(t content.Text) string { return t.String(u.Lang()) }
