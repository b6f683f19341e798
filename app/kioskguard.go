package app

import (
	"fmt"
	"image/color"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/bidi"
)

// What keeps a kiosk shut beyond the rules in kiosk.go: no kiosk without
// a PIN, a notice instead of the keypad when no PIN can unlock, and the
// window taking itself back when the window manager hides it or takes
// full screen away.

// startKiosk enters kiosk mode, or, with no admin PIN, refuses: a kiosk
// nobody could unlock must not start, and an ordinary window is no place
// to leave visitors either, so the window then shows only how staff set
// a PIN (and stderr says the same).
func (s *session) startKiosk() error {
	u := s.u
	if err := s.admin.CanStartKiosk(); err != nil {
		s.refuseKiosk()
		fmt.Fprintf(os.Stderr, "motesplats: %s\n%s\n  %s\n", u.t("PinKioskRefused"), u.t("PinHowToSet"), s.pinSetCommand())
		return err
	}
	s.enterKiosk()
	return nil
}

// refuseKiosk fills the window with the refusal: no header, no content,
// no gear. The window may be closed (a service restarts it).
func (s *session) refuseKiosk() {
	u := s.u
	u.win.SetFullScreen(true)
	// Spacers rather than a centring container: the texts wrap, so they
	// need the window's width.
	u.win.SetContent(container.NewPadded(container.NewVBox(layout.NewSpacer(),
		heading(u.uiText(u.t("PinKioskRefused"))),
		u.uiText(u.t("PinHowToSet")),
		s.commandText(), layout.NewSpacer())))
}

// pinSetCommand is the command that sets the PIN of this data folder.
func (s *session) pinSetCommand() string {
	u := s.u
	return "motesplats pin set --data " + u.lib.Dir
}

// commandText shows the command as typed: left to right in every
// language, in a fixed-width font.
func (s *session) commandText() *textview.Label {
	l := textview.NewLabel(s.pinSetCommand(), bidi.LeftToRight)
	l.TextStyle.Monospace = true
	return l
}

// showPINNotice is what the gear shows in kiosk mode when no PIN can
// unlock (none set, or a damaged one): why, and the command staff run
// outside the window. It never offers to choose a PIN: whoever stands
// at the kiosk would choose it.
func (s *session) showPINNotice(why string) {
	u := s.u
	s.closePad()
	box := container.NewVBox(bold(u.uiText(why)), s.commandText())
	s.pinDialog = u.showDialog("", box, u.iconButton(u.t("DismissDialog"), nil, s.closePad))
}

// guard is the part of the session that keeps a kiosk's window in
// front and full screen when the window manager hides it or takes full
// screen away. It reads whether the window is a kiosk from the session.
//
// Goroutines: its timers (the attempts after a loss, the return to full
// screen after a shrink) enter through post, the one place here that
// calls fyne.Do; every other method runs on the UI goroutine.
type guard struct {
	u *UI

	losses   int       // times the window lost the foreground in kiosk mode
	fullSize fyne.Size // the largest size in pixels since kiosk mode began
}

// post runs f on the UI goroutine: the door for the guard's timers, and
// the only fyne.Do of this presenter.
func (g *guard) post(f func()) { fyne.Do(f) }

// holdForeground keeps a kiosk in front. When the window loses the
// foreground in kiosk mode (iconified, another window raised, sent to
// another desktop) it shows itself again, full screen, and asks for the
// focus, a few times over the next seconds. Fyne 2.7 has no iconify
// event, but losing the focus comes with each of these (glfw ignores the
// focus a window manager's own menu grabs). The focus that comes back is
// no proof the window is visible: openbox gives an iconified window the
// focus again, so the attempts are made whatever follows; on a window
// in front they change nothing.
func (g *guard) holdForeground(lc fyne.Lifecycle) {
	lc.SetOnExitedForeground(g.foregroundLost)
}

// reclaimAfter are the delays of the attempts after a loss. The first
// waits a little: the window manager unmaps an iconified window after
// taking its focus, and showing it before that would be undone.
var reclaimAfter = []time.Duration{200 * time.Millisecond, 800 * time.Millisecond, time.Second, 2 * time.Second}

// foregroundLost runs on Fyne's goroutine; a new loss starts the
// attempts over.
func (g *guard) foregroundLost() {
	if !g.u.session.kiosk {
		return
	}
	g.losses++
	go g.reclaimSoon(g.losses)
}

func (g *guard) reclaimSoon(loss int) {
	u := g.u
	for _, wait := range reclaimAfter {
		select {
		case <-u.ctx.Done():
			return
		case <-time.After(wait):
		}
		stop := make(chan bool, 1)
		g.post(func() {
			if g.losses != loss || !u.session.kiosk {
				stop <- true
				return
			}
			g.reclaimWindow()
			stop <- false
		})
		if <-stop {
			return
		}
	}
}

// reclaimWindow maps the window again (which de-iconifies it), makes it
// full screen and raises it.
func (g *guard) reclaimWindow() {
	u := g.u
	u.win.Show()
	u.win.SetFullScreen(true)
	u.win.RequestFocus()
}

// windowResized sees every new size of the window. A kiosk's window only
// grows (to full screen); when it shrinks, the window manager took full
// screen away, and the kiosk takes it back.
func (g *guard) windowResized(size fyne.Size) {
	u := g.u
	scale := u.win.Canvas().Scale()
	px := fyne.NewSize(size.Width*scale, size.Height*scale)
	if !u.session.kiosk {
		g.fullSize = fyne.Size{}
		return
	}
	if px.Width >= g.fullSize.Width && px.Height >= g.fullSize.Height {
		g.fullSize = px
		return
	}
	g.fullSize = fyne.Size{} // the size it gets back is full screen again
	time.AfterFunc(300*time.Millisecond, func() {
		g.post(func() {
			if u.session.kiosk {
				// glfw still counts the window as full screen, so asking
				// for full screen alone would change nothing: out and in.
				u.win.SetFullScreen(false)
				u.win.SetFullScreen(true)
				u.win.RequestFocus()
			}
		})
	})
}

// sizeWatch lies in the window's content and tells windowResized each
// size the window gets.
type sizeWatch struct {
	widget.BaseWidget
	resized func(fyne.Size)
}

func newSizeWatch(resized func(fyne.Size)) *sizeWatch {
	w := &sizeWatch{resized: resized}
	w.ExtendBaseWidget(w)
	return w
}

func (w *sizeWatch) CreateRenderer() fyne.WidgetRenderer {
	return &sizeWatchRenderer{w: w, rect: canvas.NewRectangle(color.Transparent)}
}

type sizeWatchRenderer struct {
	w    *sizeWatch
	rect *canvas.Rectangle
}

func (r *sizeWatchRenderer) Layout(size fyne.Size) {
	r.rect.Resize(size)
	r.w.resized(size)
}

func (r *sizeWatchRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *sizeWatchRenderer) Refresh()                     {}
func (r *sizeWatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *sizeWatchRenderer) Destroy()                     {}
