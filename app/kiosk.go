package app

import (
	"context"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/internal/kiosk"
)

// Kiosk mode: the window fills the screen and cannot be closed, no
// shortcut works, links become QR codes, and when nobody has touched the
// kiosk for the idle time it forgets the visitor. The rules themselves are
// in internal/kiosk; this file wires them to the window.

// mode() (kiosk.Desktop or kiosk.Kiosk) is in takeaway.go.

// enterKiosk switches to kiosk mode: full screen, the close button
// refused, desktop shortcuts gone and the idle timer running. It starts
// even when no PIN is set yet: the admin button then asks for one first.
func (u *UI) enterKiosk() {
	u.kiosk, u.unlocked = true, false
	// My list is a desktop's: a path through it is not kept for a kiosk.
	u.stack = slices.DeleteFunc(slices.Clone(u.stack), func(p page) bool { _, mine := p.(myListPage); return mine })
	u.win.SetFullScreen(true)
	u.removeShortcuts()
	u.watcher.Show()
	u.startIdle()
	u.redraw()
	u.showStart()
}

// leaveKiosk returns to a desktop window for the rest of this session
// (the stored setting decides the next start). Only the admin, who gave
// the PIN, can do it.
func (u *UI) leaveKiosk() {
	if kiosk.Decide(u.mode(), kiosk.LeaveKiosk, u.unlocked) != kiosk.Allow {
		return
	}
	u.kiosk = false
	u.stopIdleTimer()
	u.showCountdown(0)
	u.watcher.Hide()
	u.start.Hide()
	u.showKeys(false)
	u.win.SetFullScreen(false)
	u.addShortcuts()
	u.redraw()
}

// redraw rebuilds the header and the screen, after something they show
// changed (mode, contrast).
func (u *UI) redraw() {
	u.rebuildHeader()
	u.show()
}

// requestClose is the window's close intercept: a desktop closes, a kiosk
// only while the admin screen is open with the PIN.
func (u *UI) requestClose() {
	if kiosk.Decide(u.mode(), kiosk.CloseWindow, u.unlocked) == kiosk.Allow {
		u.stopIdleTimer()
		u.closeWindow()
	}
}

// startIdle runs the idle timer with the stored times until kiosk mode
// ends. Its callbacks come from its own goroutine, so they go through
// fyne.Do.
func (u *UI) startIdle() {
	u.stopIdleTimer()
	c := u.cfg
	idle := kiosk.NewIdle(c.IdleTime(), c.Countdown(), nil)
	ctx, cancel := context.WithCancel(u.ctx)
	u.idle, u.stopIdle = idle, cancel
	go idle.Run(ctx,
		func(n int) { fyne.Do(func() { u.showCountdown(n) }) },
		func() { fyne.Do(u.idleReset) })
}

func (u *UI) stopIdleTimer() {
	if u.stopIdle != nil {
		u.stopIdle()
		u.stopIdle = nil
	}
	u.idle = nil
}

// touch tells the idle timer that a visitor did something. The UI's own
// changes (the reset itself) must not call it, or each reset would
// schedule the next.
func (u *UI) touch() {
	if u.idle == nil {
		return
	}
	u.idle.Touch()
	u.showCountdown(0) // at once, not at the timer's next tick
}

// idleReset hands the kiosk to the next visitor: every pop-up, drop-down,
// dialog, keyboard and PIN pad closed; the path (and with it search
// text, filters and scroll positions, which live in the screens built
// from it), text size, contrast and language forgotten; and the start
// screen up. The stack is replaced rather than cut, so no screen still
// holding the old one sees the next visitor's pages.
func (u *UI) idleReset() {
	if !u.kiosk {
		return // a reset queued just before leaving kiosk mode
	}
	u.unlocked = false
	u.closeOverlays()
	u.showKeys(false)
	u.win.Canvas().Unfocus()
	u.stack = []page{homePage{}}
	u.useTheme(u.loadTheme()) // the saved text size and contrast, not the last visitor's
	u.switchLanguage(u.defaultLang)
	u.showStart()
}

// newIdleWatch makes the countdown overlay, the input watcher, the
// start screen and the on-screen keyboard, all hidden until kiosk mode
// needs them, and hooks the keys typed on the canvas (those that reach no
// focused widget).
func (u *UI) newIdleWatch() {
	u.countdown = newCountdownOverlay(u.touch)
	u.countdown.Hide()
	u.watcher = newInputWatcher(u.touch)
	u.watcher.Hide()
	u.start = u.newStartScreen()
	u.newKeys()
	c := u.win.Canvas()
	c.SetOnTypedRune(func(rune) { u.touch() })
	c.SetOnTypedKey(u.typedKeyOnCanvas)
}

// typedKeyOnCanvas is a key no widget took: input for the idle timer,
// and on a desktop Backspace goes back, as in a browser.
func (u *UI) typedKeyOnCanvas(k *fyne.KeyEvent) {
	u.touch()
	if !u.kiosk && k.Name == fyne.KeyBackspace {
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
func (u *UI) desktopShortcuts() []desktopShortcut {
	ctrl, alt := fyne.KeyModifierShortcutDefault, fyne.KeyModifierAlt
	return []desktopShortcut{
		{fyne.KeyF, ctrl, u.findShortcut},
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
		{fyne.KeyF1, ctrl, u.showShortcuts},
		{fyne.KeyMinus, ctrl, func() { u.changeTextSize(-1) }},
		{fyne.KeyQ, ctrl, u.requestClose},
	}
}

// addShortcuts registers the desktop shortcuts on the window.
func (u *UI) addShortcuts() {
	u.removeShortcuts()
	for _, s := range u.desktopShortcuts() {
		sc := &desktop.CustomShortcut{KeyName: s.key, Modifier: s.mod}
		does := s.does
		u.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { does() })
		u.shortcuts = append(u.shortcuts, sc)
	}
}

// removeShortcuts takes them away again, for kiosk mode.
func (u *UI) removeShortcuts() {
	for _, sc := range u.shortcuts {
		u.win.Canvas().RemoveShortcut(sc)
	}
	u.shortcuts = nil
}
