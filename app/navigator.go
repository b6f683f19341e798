package app

import (
	"sync"
	"time"

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
// Goroutines: a screen whose store read is slow (readLater) reads on a
// goroutine of its own and is filled through post, the one place here
// that calls fyne.Do; every other method runs on the UI goroutine. Other
// background results that change the screen come through the presenter
// that started the work (its post).
type navigator struct {
	u *UI

	stack  []page
	body   *fyne.Container // the top page, built by show
	header *fyne.Container // the navigation bar (navbar.go)
	// backButton is the bar's Back, enabled only below Home.
	backButton *textview.Button

	pendingFocus *textview.Entry // a field to focus once its screen is shown
	building     bool            // show is building a screen (not yet on the canvas)

	// builds counts the screens show has built, so a slow read that
	// ends after another screen was built is dropped (readLater).
	builds int
	// readAsync makes readLater read on a goroutine of its own. Run sets
	// it; a UI from New (tests) reads on the UI goroutine, so a test sees
	// a screen filled as soon as it is opened.
	readAsync bool
	// reads are the reads readLater asked for while show built the
	// screen; show starts them once the screen is on the canvas.
	reads []func()
	// reading counts the reads readLater runs, so Run (and tests) can
	// wait for them before the store closes.
	reading sync.WaitGroup
}

// post runs f on the UI goroutine: the door for a slow read that ended
// (readLater), and the only fyne.Do of this presenter.
func (n *navigator) post(f func()) { fyne.Do(f) }

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
	n.pendingFocus = nil
	n.builds++
	n.building = true
	title, screen := titleAndScreen(u, p)
	n.building = false
	top := heading(u.contentText(title))
	n.body.Objects = []fyne.CanvasObject{container.NewBorder(top, nil, nil, nil, screen)}
	n.body.Refresh()
	if e := n.pendingFocus; e != nil {
		n.pendingFocus = nil
		u.win.Canvas().Focus(e)
	}
	reads := n.reads
	n.reads = nil
	for _, r := range reads {
		r()
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

// readLater builds a screen whose store read is too slow for the UI
// goroutine (a whole country's services, projects or events, see
// BenchmarkBuildPages50k): a line saying the list is coming stands there
// at once, read runs on a goroutine of its own, and view builds the
// screen from what it read on the UI goroutine (through post), unless
// another screen was built since: the visitor went on, or the language,
// the filters or the content changed. read does everything that is not
// a widget (the store read, filtering, sorting, the rows' texts), so
// view only makes the widgets; it must not touch the UI: what it needs
// of it (filters, area, clock, language: a listing) is taken before.
func readLater[T any](u *UI, read func() (T, error), view func(T) fyne.CanvasObject) fyne.CanvasObject {
	n := u.nav
	if !n.readAsync {
		v, err := read()
		if err != nil {
			return u.readError(err)
		}
		return view(v)
	}
	box := container.NewStack(u.message(u.t("ListReading")))
	built := n.builds
	watch := readLaterWatch
	start := func() {
		n.reading.Add(1)
		go func() {
			defer n.reading.Done()
			if watch.reading != nil {
				watch.reading()
			}
			began := time.Now()
			v, err := read()
			reading := time.Since(began)
			n.post(func() {
				if n.builds != built {
					return
				}
				began := time.Now()
				var o fyne.CanvasObject
				if err != nil {
					o = u.readError(err)
				} else {
					o = view(v)
				}
				box.Objects = []fyne.CanvasObject{o}
				box.Refresh()
				if watch.filled != nil {
					watch.filled(reading, time.Since(began))
				}
			})
		}()
	}
	if n.building {
		n.reads = append(n.reads, start) // once the screen is on the canvas
	} else {
		start()
	}
	return box
}

// readLaterWatch, set only by tests and benchmarks, watches the reads
// readLater starts (it is taken when the screen is built): reading is
// called on a read's goroutine before it reads, so a test can hold the
// read there; filled is told, once a screen was filled, how long its read
// took off the UI goroutine and filling it took on it (not called for a
// read whose screen was left).
var readLaterWatch struct {
	reading func()
	filled  func(read, fill time.Duration)
}
