package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/motesplats/motesplats/internal/content"
)

// eventually waits up to two seconds for cond, letting Fyne run the
// callbacks queued with fyne.Do.
func eventually(t *testing.T, cond func() bool) bool {
	t.Helper()
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		ok := false
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return true
		}
	}
	return false
}

// lifecycleCallbacks gives the foreground callback the UI set, as the
// GLFW driver calls it when the window loses the focus.
type lifecycleCallbacks interface {
	OnExitedForeground() func()
}

// In kiosk mode a window that loses the foreground (iconified by the
// window manager) takes itself back, full screen, until it has it; a
// desktop window stays where the user put it.
func TestKioskTakesTheForegroundBack(t *testing.T) {
	u, w, _ := newKioskUI(t, content.English)
	lc := fyne.CurrentApp().Lifecycle()
	u.session.guard.holdForeground(lc)
	cb := lc.(lifecycleCallbacks)

	w.SetFullScreen(false) // what iconifying did to the window
	cb.OnExitedForeground()()
	if !eventually(t, w.FullScreen) {
		t.Fatal("the kiosk window did not take full screen back after losing the foreground")
	}

	u.session.unlocked = true // the admin, with the PIN
	u.session.leaveKiosk()
	w.SetFullScreen(false)
	cb.OnExitedForeground()()
	time.Sleep(400 * time.Millisecond)
	var full bool
	fyne.DoAndWait(func() { full = w.FullScreen() })
	if full {
		t.Error("a desktop window was brought back full screen")
	}
}

// When the window manager takes full screen away, the window shrinks:
// the kiosk makes itself full screen again.
func TestKioskTakesFullScreenBack(t *testing.T) {
	u, w, _ := newKioskUI(t, content.Swedish)
	w.Resize(fyne.NewSize(1280, 800))
	w.SetFullScreen(false)
	w.Resize(fyne.NewSize(640, 480))
	if !eventually(t, w.FullScreen) {
		t.Fatal("the kiosk did not take full screen back after shrinking")
	}

	u.session.unlocked = true
	u.session.leaveKiosk()
	if u.Kiosk() {
		t.Fatal("leaving kiosk mode did not work")
	}
	w.SetFullScreen(false)
	w.Resize(fyne.NewSize(1280, 800))
	w.Resize(fyne.NewSize(640, 480))
	time.Sleep(500 * time.Millisecond)
	var full bool
	fyne.DoAndWait(func() { full = w.FullScreen() })
	if full {
		t.Error("a desktop window that shrank was made full screen")
	}
}
