package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/motesplats/motesplats/app/textview"
)

// navigator is the presenter of the path of screens: the page stack, the
// body the top page is built into, and the navigation bar over it
// (navbar.go). UI's Open, Back, Home and Current are its doors for the
// screens and the tests. The rules of kiosk mode for what may open are
// the session's; the navigator asks it on every Open.
//
// Goroutines: none of its own. Every method runs on the UI goroutine,
// and nothing here calls fyne.Do; a background result that changes the
// screen comes through the presenter that started the work (its post).
type navigator struct {
	u *UI

	stack  []page
	body   *fyne.Container // the top page, built by show
	header *fyne.Container // the navigation bar (navbar.go)
	// backButton is the bar's Back, enabled only below Home.
	backButton *textview.Button

	pendingFocus *textview.Entry // a field to focus once its screen is shown
	building     bool            // show is building a screen (not yet on the canvas)
}

func newNavigator(u *UI) *navigator {
	return &navigator{u: u, stack: []page{homePage{}}, body: container.NewStack(), header: container.NewStack()}
}

// Open pushes a screen onto the path. It is where the rules of kiosk mode
// (session.allows) hold for every way in: header button, links, --open.
func (n *navigator) Open(p page) {
	n.u.session.touch()
	if !n.u.session.allows(p) {
		return
	}
	n.stack = append(n.stack, p)
	n.show()
}

// Back returns to the previous screen.
func (n *navigator) Back() {
	n.u.session.touch()
	if len(n.stack) > 1 {
		n.stack = n.stack[:len(n.stack)-1]
		n.show()
	}
}

// Home returns to the home screen and forgets the path.
func (n *navigator) Home() {
	n.u.session.touch()
	n.stack = n.stack[:1]
	n.show()
}

// Current returns the screen on top.
func (n *navigator) Current() page { return n.stack[len(n.stack)-1] }

// replaceTop shows p in place of the screen on top: the same screen with
// other filters, so Back still leaves it.
func (n *navigator) replaceTop(p page) {
	n.keepTop(p)
	n.show()
}

// keepTop puts p in place of the screen on top without building it
// again: the screen keeps what the visitor typed in its page, so a
// rebuild (a language switch) shows it again.
func (n *navigator) keepTop(p page) { n.stack[len(n.stack)-1] = p }

// reset forgets the path for a new one starting at Home. The stack is
// replaced rather than cut, so no screen still holding the old one sees
// the new pages.
func (n *navigator) reset() { n.stack = []page{homePage{}} }

// show builds the screen on top into the body.
func (n *navigator) show() {
	u := n.u
	u.voice.stopReading()
	p := n.Current()
	u.session.screenShown(p)
	n.updateBack()
	top := heading(u.contentText(p.title(u)))
	n.pendingFocus = nil
	n.building = true
	screen := p.build(u)
	n.building = false
	n.body.Objects = []fyne.CanvasObject{container.NewBorder(top, nil, nil, nil, screen)}
	n.body.Refresh()
	if e := n.pendingFocus; e != nil {
		n.pendingFocus = nil
		u.win.Canvas().Focus(e)
	}
}

// focusEntry puts the focus in e: at once when it is on the screen, else
// as soon as show has put the screen being built there.
func (n *navigator) focusEntry(e *textview.Entry) {
	if n.u.win == nil {
		return
	}
	if n.building {
		n.pendingFocus = e
		return
	}
	n.u.win.Canvas().Focus(e)
}

// rebuildHeader draws the header again, after something it shows changed
// (language, mode, contrast).
func (n *navigator) rebuildHeader() {
	n.header.Objects = []fyne.CanvasObject{n.buildHeader()}
	n.header.Refresh()
}

// redraw rebuilds the header and the screen, after something they show
// changed (mode, contrast).
func (n *navigator) redraw() {
	n.rebuildHeader()
	n.show()
}

// updateBack enables Back only where there is somewhere to go back to.
func (n *navigator) updateBack() {
	if n.backButton == nil {
		return
	}
	if len(n.stack) > 1 {
		n.backButton.Enable()
	} else {
		n.backButton.Disable()
	}
}
