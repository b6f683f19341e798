// Package touch makes every scrolling surface follow a finger: on a
// Linux touch kiosk a finger arrives as a mouse press, moves and release,
// and Fyne's desktop scroller ignores drags (it scrolls only by wheel and
// scroll bar). A Surface lays a transparent drag layer over a scroller:
// the layer turns drags into scrolling with a kinetic fling at the end,
// while presses, taps, hover and the wheel still reach the widgets under
// it (Fyne gives a press to the topmost Tappable, never to an object that
// is only Draggable). A press that moves less than TapSlop is still a tap:
// Fyne has cancelled it at 2 px, so the Surface delivers it itself.
package touch

import (
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TapSlop is how far (in dp) a press may wander and still be a tap: a
// finger on glass jitters by a few points. Only past it does the content
// scroll, and then without a jump (the slop is not made up for).
const TapSlop float32 = 10

// mover is what a Surface scrolls: Fyne's vertical scroller or a list.
type mover interface {
	offset() float32
	// scrollTo moves the content to offset y, clamped to the content as
	// the scroller itself clamps, and returns where it ended up.
	scrollTo(y float32) float32
	// contentKey changes when the content is replaced, which ends a fling.
	contentKey() any
}

// scrollMover moves a container.Scroll the way Fyne's own scroller does,
// through its offset (ScrollToOffset clamps to the content).
type scrollMover struct{ s *container.Scroll }

func (m scrollMover) offset() float32 { return m.s.Offset.Y }

func (m scrollMover) scrollTo(y float32) float32 {
	m.s.ScrollToOffset(fyne.NewPos(m.s.Offset.X, y))
	return m.s.Offset.Y
}

// contentKey is the content and its height: a container refilled in
// place (a folder's files for another's) is new content too.
func (m scrollMover) contentKey() any {
	type key struct {
		content fyne.CanvasObject
		height  float32
	}
	if m.s.Content == nil {
		return key{}
	}
	return key{m.s.Content, m.s.Content.MinSize().Height}
}

// listMover moves a widget.List, which places only the rows in view.
type listMover struct{ l *widget.List }

func (m listMover) offset() float32 { return m.l.GetScrollOffset() }

func (m listMover) scrollTo(y float32) float32 {
	m.l.ScrollToOffset(y)
	return m.l.GetScrollOffset()
}

func (m listMover) contentKey() any {
	if m.l.Length == nil {
		return 0
	}
	return m.l.Length()
}

// Surface is a scroller that a finger can drag and fling. Put it where
// the scroller would go; the scroller itself stays reachable for code
// that moves it (ScrollToTop, SetMinSize).
type Surface struct {
	widget.BaseWidget

	scroller fyne.CanvasObject
	move     mover
	scroll   *container.Scroll // set for Scroll surfaces
	list     *widget.List      // set for List surfaces
	rows     rowIndex          // the list's rows on screen, for taps
	layer    *dragLayer

	// now and frames are the clock and the animation ticker; tests
	// replace them to run a fling on made-up time.
	now    func() time.Time
	frames func(step func() bool) (stop func())

	drag  dragState
	fling *flingState
}

// dragState is one press from its first movement to its release.
type dragState struct {
	active    bool
	start     fyne.Position // where the press was, on the layer
	moved     fyne.Delta    // since the press
	scrolling bool          // moved past TapSlop
	from      float32       // the offset when scrolling began
	slack     float32       // the part of moved.DY the slop took
	tracker   Tracker
}

// flingState is a running fling.
type flingState struct {
	motion Fling
	from   float32 // the offset at release
	last   float32 // the offset the fling last set
	key    any     // the content it scrolls
	stop   func()
}

// Scroll makes a vertical container.Scroll touch-scrollable.
func Scroll(s *container.Scroll) *Surface {
	return newSurface(s, scrollMover{s}, func(t *Surface) { t.scroll = s })
}

// List makes a widget.List touch-scrollable. It wraps the list's
// CreateItem and UpdateItem to know which row is where, so call it after
// they are set and before the list is shown.
func List(l *widget.List) *Surface {
	return newSurface(l, listMover{l}, func(t *Surface) {
		t.list = l
		t.rows.watch(l)
	})
}

func newSurface(scroller fyne.CanvasObject, m mover, setup func(*Surface)) *Surface {
	s := &Surface{scroller: scroller, move: m, now: time.Now, frames: tickFrames}
	s.layer = newDragLayer(s)
	setup(s)
	s.ExtendBaseWidget(s)
	return s
}

// Scroller is the scroller under the drag layer.
func (s *Surface) Scroller() fyne.CanvasObject { return s.scroller }

// Offset is how far the content is scrolled down, in dp.
func (s *Surface) Offset() float32 { return s.move.offset() }

// Flinging reports whether a fling is moving the content.
func (s *Surface) Flinging() bool { return s.fling != nil }

// StopFling stops the content where it is.
func (s *Surface) StopFling() {
	if f := s.fling; f != nil {
		s.fling = nil
		f.stop()
	}
}

// CreateRenderer is part of fyne.Widget.
func (s *Surface) CreateRenderer() fyne.WidgetRenderer {
	return &surfaceRenderer{s: s}
}

// surfaceRenderer lays the drag layer over the scroller, leaving the
// scroll bar's strip at the trailing edge (Fyne draws the bar on the
// right in every language) free for a mouse to drag the bar.
type surfaceRenderer struct{ s *Surface }

func (r *surfaceRenderer) Layout(size fyne.Size) {
	r.s.scroller.Move(fyne.Position{})
	r.s.scroller.Resize(size)
	bar := r.s.Theme().Size(theme.SizeNameScrollBar)
	r.s.layer.Move(fyne.Position{})
	r.s.layer.Resize(fyne.NewSize(max(size.Width-bar, 0), size.Height))
}

func (r *surfaceRenderer) MinSize() fyne.Size { return r.s.scroller.MinSize() }

// Refresh lays the parts out again only if their size is not right: a
// widget.List lays its rows out at every Resize, even to the size it has,
// so a search keystroke's refresh set up the rows in view twice.
func (r *surfaceRenderer) Refresh() {
	size := r.s.Size()
	bar := r.s.Theme().Size(theme.SizeNameScrollBar)
	if r.s.scroller.Size() != size || r.s.layer.Size() != fyne.NewSize(max(size.Width-bar, 0), size.Height) {
		r.Layout(size)
	}
	r.s.scroller.Refresh()
}

func (r *surfaceRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.s.scroller, r.s.layer}
}

func (r *surfaceRenderer) Destroy() { r.s.StopFling() }

// dragLayer is the transparent object that takes the drags. It is only
// Draggable: Fyne matches presses, taps, hover and the wheel to the
// widgets under it.
type dragLayer struct {
	widget.BaseWidget
	s *Surface
}

func newDragLayer(s *Surface) *dragLayer {
	l := &dragLayer{s: s}
	l.ExtendBaseWidget(l)
	return l
}

func (l *dragLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// Dragged is part of fyne.Draggable.
func (l *dragLayer) Dragged(e *fyne.DragEvent) { l.s.dragged(e) }

// DragEnd is part of fyne.Draggable.
func (l *dragLayer) DragEnd() { l.s.dragEnd() }

// dragged follows the finger. The first event of a drag carries the
// whole movement since the press and the position now, so the press was
// at Position − Dragged.
func (s *Surface) dragged(e *fyne.DragEvent) {
	d := &s.drag
	if !d.active {
		s.StopFling()
		tracker := d.tracker
		tracker.Reset()
		*d = dragState{active: true, start: e.Position.Subtract(e.Dragged), tracker: tracker}
	}
	d.moved.DX += e.Dragged.DX
	d.moved.DY += e.Dragged.DY
	d.tracker.Add(s.now(), d.moved.DY)
	if !d.scrolling {
		if math.Hypot(float64(d.moved.DX), float64(d.moved.DY)) < float64(TapSlop) {
			return
		}
		d.scrolling = true
		d.from = s.move.offset()
		d.slack = float32(math.Copysign(math.Min(math.Abs(float64(d.moved.DY)), float64(TapSlop)), float64(d.moved.DY)))
	}
	s.move.scrollTo(d.from - (d.moved.DY - d.slack))
}

// dragEnd is the release: a tap when the finger stayed within the slop,
// else a fling at the speed the finger left the glass.
func (s *Surface) dragEnd() {
	d := &s.drag
	if !d.active {
		return
	}
	d.active = false
	if !d.scrolling {
		s.tapAt(d.start)
		return
	}
	// The finger moving up (negative) moves the content's offset down.
	s.startFling(-d.tracker.Velocity(s.now()))
}

func (s *Surface) startFling(velocity float32) {
	motion, ok := NewFling(s.now(), velocity)
	if !ok {
		return
	}
	from := s.move.offset()
	f := &flingState{motion: motion, from: from, last: from, key: s.move.contentKey()}
	s.fling = f
	f.stop = s.frames(func() bool { return s.step(f) })
}

// step moves a fling on by one frame; false once it is over: it came to
// rest, hit an edge, or something else moved or replaced the content
// (the wheel, the scroll bar, a new list) or took the surface away.
func (s *Surface) step(f *flingState) bool {
	if s.fling != f {
		return false
	}
	if s.move.offset() != f.last || s.move.contentKey() != f.key || !s.onScreen() {
		s.fling = nil
		return false
	}
	distance, done := f.motion.At(s.now())
	want := f.from + distance
	got := s.move.scrollTo(want)
	f.last = got
	if done || math.Abs(float64(got-want)) > 0.01 {
		s.fling = nil
		return false
	}
	return true
}

func (s *Surface) onScreen() bool {
	return s.Visible() && fyne.CurrentApp().Driver().CanvasForObject(s) != nil
}
