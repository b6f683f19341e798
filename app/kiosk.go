package app

import (
	"context"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/keyboard"
	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/kiosk"
)

// Kiosk mode: the window fills the screen and cannot be closed, no
// shortcut works, links become QR codes, and when nobody has touched the
// kiosk for the idle time it forgets the visitor. The rules themselves are
// in internal/kiosk; this file wires them to the window.

// session is the presenter of kiosk mode and of the visitor in front of
// it: whether the window is a kiosk, the idle timer and its reset, the
// admin PIN and the unlocked admin screen (pin.go), what a visitor sees
// of a session (the start screen, the countdown and the on-screen
// keyboard, visitor.go), the window keeping itself in front
// (kioskguard.go), and the desktop's shortcuts, which a kiosk has not.
// Every input a visitor makes reaches it through touch.
//
// Goroutines: the idle timer ticks on its own goroutine; its ticks and
// reset enter through post, the one place here that calls fyne.Do (the
// guard has its own); every other method runs on the UI goroutine.
type session struct {
	u *UI

	// kiosk is set in kiosk mode: links are shown as QR codes, never
	// opened, and the window cannot be left without the admin PIN.
	kiosk bool
	admin *kiosk.Admin // the PIN
	// defaultLang is the language a visitor's session returns to.
	defaultLang content.Lang
	unlocked    bool // the admin screen was opened with the right PIN
	pinDialog   interface{ Hide() }

	idle     *kiosk.Idle // nil outside kiosk mode
	stopIdle context.CancelFunc

	countdown *countdownOverlay  // the last seconds before the idle reset (visitor.go)
	start     *fyne.Container    // kiosk mode's "touch to start" screen (visitor.go)
	keys      *keyboard.Keyboard // the on-screen keyboard of kiosk mode (visitor.go)
	watcher   *inputWatcher
	shortcuts []fyne.Shortcut

	// guard takes the window back in kiosk mode (kioskguard.go).
	guard *guard
	// closeWindow closes the window once the close is allowed; tests
	// replace it to see that it was called.
	closeWindow func()
}

// newSession makes the session of a desktop window (enterKiosk makes it
// a kiosk's) with its overlays hidden, and hooks the keys typed on the
// canvas.
func newSession(u *UI, admin *kiosk.Admin, defaultLang content.Lang) *session {
	s := &session{u: u, admin: admin, defaultLang: defaultLang, closeWindow: u.win.Close, guard: &guard{u: u}}
	s.newIdleWatch()
	return s
}

// post runs f on the UI goroutine: the door for the idle timer's ticks
// and reset (and for openFirst's countdown), and the only fyne.Do of
// this presenter.
func (s *session) post(f func()) { fyne.Do(f) }

// allows applies kiosk mode's rules to a screen about to open, for every
// way in (header button, links, --open): the admin screen opens only
// after the PIN (asked here; the right one opens it), and My list, a
// desktop's, not at all in kiosk mode.
func (s *session) allows(p page) bool {
	switch p.(type) {
	case adminPage:
		switch kiosk.Decide(s.mode(), kiosk.OpenAdmin, s.unlocked) {
		case kiosk.Allow:
			return true
		case kiosk.AskPIN:
			s.askPIN(s.unlockAdmin)
		}
		return false
	case myListPage:
		return !s.kiosk
	}
	return true
}

// screenShown is told that show built p: leaving the admin screen locks
// it again, and the keyboard goes with the field it typed into.
func (s *session) screenShown(p page) {
	if _, admin := p.(adminPage); !admin {
		s.unlocked = false
	}
	s.showKeys(false)
}

// mode is the kiosk package's name for how the window runs.
func (s *session) mode() kiosk.Mode {
	if s.kiosk {
		return kiosk.Kiosk
	}
	return kiosk.Desktop
}

// enterKiosk switches to kiosk mode: full screen, the close button
// refused, desktop shortcuts gone and the idle timer running. It starts
// even when no PIN is set yet: the admin button then asks for one first.
func (s *session) enterKiosk() {
	u := s.u
	s.kiosk, s.unlocked = true, false
	// My list is a desktop's: a path through it is not kept for a kiosk.
	u.nav.stack = slices.DeleteFunc(slices.Clone(u.nav.stack), func(p page) bool { _, mine := p.(myListPage); return mine })
	u.win.SetFullScreen(true)
	s.removeShortcuts()
	s.watcher.Show()
	s.startIdle()
	u.nav.redraw()
	s.showStart()
}

// leaveKiosk returns to a desktop window for the rest of this session
// (the stored setting decides the next start). Only the admin, who gave
// the PIN, can do it.
func (s *session) leaveKiosk() {
	u := s.u
	if kiosk.Decide(s.mode(), kiosk.LeaveKiosk, s.unlocked) != kiosk.Allow {
		return
	}
	s.kiosk = false
	s.stopIdleTimer()
	s.showCountdown(0)
	s.watcher.Hide()
	s.start.Hide()
	s.showKeys(false)
	u.win.SetFullScreen(false)
	s.addShortcuts()
	u.nav.redraw()
}

// requestClose is the window's close intercept: a desktop closes, a kiosk
// only while the admin screen is open with the PIN.
func (s *session) requestClose() {
	if kiosk.Decide(s.mode(), kiosk.CloseWindow, s.unlocked) == kiosk.Allow {
		s.stopIdleTimer()
		s.closeWindow()
	}
}

// startIdle runs the idle timer with the stored times until kiosk mode
// ends. Its callbacks come from its own goroutine, so they go through
// post.
func (s *session) startIdle() {
	u := s.u
	s.stopIdleTimer()
	c := u.cfg
	idle := kiosk.NewIdle(c.IdleTime(), c.Countdown(), nil)
	ctx, cancel := context.WithCancel(u.ctx)
	s.idle, s.stopIdle = idle, cancel
	go idle.Run(ctx,
		func(n int) { s.post(func() { s.showCountdown(n) }) },
		func() { s.post(s.idleReset) })
}

func (s *session) stopIdleTimer() {
	if s.stopIdle != nil {
		s.stopIdle()
		s.stopIdle = nil
	}
	s.idle = nil
}

// touch tells the idle timer that a visitor did something. The UI's own
// changes (the reset itself) must not call it, or each reset would
// schedule the next.
func (s *session) touch() {
	if s.idle == nil {
		return
	}
	s.idle.Touch()
	s.showCountdown(0) // at once, not at the timer's next tick
}

// idleReset hands the kiosk to the next visitor: every pop-up, drop-down,
// dialog, keyboard and PIN pad closed; the path (and with it search
// text, filters and scroll positions, which live in the screens built
// from it), text size, contrast and language forgotten; and the start
// screen up.
func (s *session) idleReset() {
	u := s.u
	if !s.kiosk {
		return // a reset queued just before leaving kiosk mode
	}
	s.unlocked = false
	s.closeOverlays()
	s.showKeys(false)
	u.win.Canvas().Unfocus()
	u.nav.reset()
	u.useTheme(u.loadTheme()) // the saved text size and contrast, not the last visitor's
	u.switchLanguage(s.defaultLang)
	s.showStart()
}

// newIdleWatch makes the countdown overlay, the input watcher, the
// start screen and the on-screen keyboard, all hidden until kiosk mode
// needs them, and hooks the keys typed on the canvas (those that reach no
// focused widget).
func (s *session) newIdleWatch() {
	u := s.u
	s.countdown = newCountdownOverlay(s.touch)
	s.countdown.Hide()
	s.watcher = newInputWatcher(s.touch)
	s.watcher.Hide()
	s.start = s.newStartScreen()
	s.newKeys()
	c := u.win.Canvas()
	c.SetOnTypedRune(func(rune) { s.touch() })
	c.SetOnTypedKey(s.typedKeyOnCanvas)
}

// typedKeyOnCanvas is a key no widget took: input for the idle timer,
// and on a desktop Backspace goes back, as in a browser.
func (s *session) typedKeyOnCanvas(k *fyne.KeyEvent) {
	u := s.u
	s.touch()
	if !s.kiosk && k.Name == fyne.KeyBackspace {
		u.Back()
	}
}

// inputWatcher lies over the whole window in kiosk mode and sees the
// pointer move: a finger on a touch screen moves it with every touch,
// drag and scroll. It takes only hover events, so taps, drags and
// scrolls still reach the widgets under it (Fyne gives those to the
// topmost object that handles them, and this one does not).
type inputWatcher struct {
	widget.BaseWidget
	moved func()
}

func newInputWatcher(moved func()) *inputWatcher {
	w := &inputWatcher{moved: moved}
	w.ExtendBaseWidget(w)
	return w
}

func (w *inputWatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// MouseIn is part of desktop.Hoverable.
func (w *inputWatcher) MouseIn(*desktop.MouseEvent) { w.moved() }

// MouseMoved is part of desktop.Hoverable.
func (w *inputWatcher) MouseMoved(*desktop.MouseEvent) { w.moved() }

// MouseOut is part of desktop.Hoverable.
func (w *inputWatcher) MouseOut() {}

// tapCatcher lies under the whole window and takes the taps that hit no
// widget, such as a finger on a paragraph of text: "touch the screen to
// stay" must work anywhere.
type tapCatcher struct {
	widget.BaseWidget
	tapped func()
}

func newTapCatcher(tapped func()) *tapCatcher {
	t := &tapCatcher{tapped: tapped}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// Tapped is part of fyne.Tappable.
func (t *tapCatcher) Tapped(*fyne.PointEvent) { t.tapped() }

// desktopShortcut is a key combination of desktop mode and what it does.
type desktopShortcut struct {
	key  fyne.KeyName
	mod  fyne.KeyModifier
	does func()
}

// desktopShortcuts are the keys a guide at a desk uses; a kiosk has none.
func (s *session) desktopShortcuts() []desktopShortcut {
	u := s.u
	ctrl, alt := fyne.KeyModifierShortcutDefault, fyne.KeyModifierAlt
	return []desktopShortcut{
		{fyne.KeyF, ctrl, u.finder.findShortcut},
		{fyne.KeyLeft, alt, u.Back},
		{fyne.KeyH, ctrl, u.Home},
		{fyne.KeyHome, alt, u.Home},
		{fyne.KeyPlus, ctrl, func() { u.changeTextSize(1) }},
		{fyne.KeyEqual, ctrl, func() { u.changeTextSize(1) }}, // Ctrl and the +/= key, unshifted
		// Ctrl and "+" on a US layout is Shift and the =/+ key: the GLFW
		// driver names a key by its unshifted character, so it comes as
		// "=" with Shift. A Swedish layout's "+" key (and the keypad's)
		// comes as "+" (the first entry), with Shift too when pressed so.
		{fyne.KeyEqual, ctrl | fyne.KeyModifierShift, func() { u.changeTextSize(1) }},
		{fyne.KeyPlus, ctrl | fyne.KeyModifierShift, func() { u.changeTextSize(1) }},
		{fyne.KeyF1, ctrl, s.showShortcuts},
		{fyne.KeyMinus, ctrl, func() { u.changeTextSize(-1) }},
		{fyne.KeyQ, ctrl, s.requestClose},
	}
}

// addShortcuts registers the desktop shortcuts on the window.
func (s *session) addShortcuts() {
	u := s.u
	s.removeShortcuts()
	for _, d := range s.desktopShortcuts() {
		sc := &desktop.CustomShortcut{KeyName: d.key, Modifier: d.mod}
		does := d.does
		u.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { does() })
		s.shortcuts = append(s.shortcuts, sc)
	}
}

// removeShortcuts takes them away again, for kiosk mode.
func (s *session) removeShortcuts() {
	u := s.u
	for _, sc := range s.shortcuts {
		u.win.Canvas().RemoveShortcut(sc)
	}
	s.shortcuts = nil
}

// shortcutsButton opens the list of keyboard shortcuts.
func (s *session) shortcutsButton() fyne.CanvasObject {
	u := s.u
	return u.iconButton(u.t("ShortcutsButton"), theme.InfoIcon(), s.showShortcuts)
}

// shortcutKeys are the shortcuts as the help lists them: the keys (as
// printed on the keys, the same in every language) and what they do.
func (s *session) shortcutKeys() [][2]string {
	u := s.u
	or := " " + u.t("ShortcutOr") + " "
	return [][2]string{
		{"Ctrl+F", u.t("ShortcutSearch")},
		{"Alt+←", u.t("ShortcutBack")},
		{"Ctrl+H" + or + "Alt+Home", u.t("ShortcutHome")},
		{"Ctrl++" + or + "Ctrl+=", u.t("ShortcutLarger")},
		{"Ctrl+-", u.t("ShortcutSmaller")},
		{"Ctrl+F1", u.t("ShortcutHelp")},
		{"Ctrl+Q", u.t("ShortcutQuit")},
	}
}

// showShortcuts is the help screen: one line a shortcut, the keys kept
// left to right inside an Arabic line.
func (s *session) showShortcuts() {
	u := s.u
	box := container.NewVBox()
	for _, k := range s.shortcutKeys() {
		box.Add(u.uiText(textview.Isolate(k[0]) + "  " + k[1]))
	}
	u.showDialog(u.t("ShortcutsButton"), box, u.iconButton(u.t("DismissDialog"), theme.ConfirmIcon(), nil))
}
