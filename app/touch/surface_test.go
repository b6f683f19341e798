package touch

import (
	"fmt"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// fakeTime is a clock the test moves, and the frames a fling asks for,
// run by the test one at a time.
type fakeTime struct {
	now  time.Time
	step func() bool
}

func (f *fakeTime) install(s *Surface) {
	s.now = func() time.Time { return f.now }
	s.frames = func(step func() bool) func() {
		f.step = step
		return func() { f.step = nil }
	}
}

// frame advances the clock by one frame and runs the fling's step; false
// when no fling runs or it ended.
func (f *fakeTime) frame() bool {
	f.now = f.now.Add(frameInterval)
	if f.step == nil {
		return false
	}
	if !f.step() {
		f.step = nil
		return false
	}
	return true
}

const (
	rowHeight = 40
	winW      = 300
	winH      = 400
)

// page is a tall scroll of buttons, each counting its taps.
func page(t *testing.T) (*Surface, []*widget.Button, map[int]int, fyne.Window) {
	taps := map[int]int{}
	box := container.NewVBox()
	var buttons []*widget.Button
	for i := range 60 {
		b := widget.NewButton(fmt.Sprintf("Button %d", i), func() { taps[i]++ })
		buttons = append(buttons, b)
		box.Add(b)
	}
	s := Scroll(container.NewVScroll(box))
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(winW, winH))
	return s, buttons, taps, w
}

// rows is a list of 500 rows, each a label and a button; it records the
// selected rows and the buttons pressed.
func rows(t *testing.T) (*Surface, *[]int, *[]int, fyne.Window) {
	var selected, pressed []int
	var list *widget.List
	list = widget.NewList(
		func() int { return 500 },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton("remove", nil), widget.NewLabel("row"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			for _, part := range c.Objects {
				switch v := part.(type) {
				case *widget.Label:
					v.SetText(fmt.Sprintf("row %d", id))
				case *widget.Button:
					v.OnTapped = func() { pressed = append(pressed, id) }
				}
			}
		})
	list.OnSelected = func(id widget.ListItemID) {
		selected = append(selected, id)
		list.UnselectAll()
	}
	s := List(list)
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(winW, winH))
	return s, &selected, &pressed, w
}

// centre is the middle of o on the canvas.
func centre(o fyne.CanvasObject) fyne.Position {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return p.Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
}

func TestDragScrollsByTheDragLessTheSlop(t *testing.T) {
	test.NewTempApp(t)
	pageS, _, _, pageW := page(t)
	listS, _, _, listW := rows(t)
	for _, c := range []struct {
		name string
		s    *Surface
		w    fyne.Window
	}{{"scroll", pageS, pageW}, {"list", listS, listW}} {
		t.Run(c.name, func(t *testing.T) {
			test.Drag(c.w.Canvas(), fyne.NewPos(100, 300), 0, -150)
			if got := c.s.Offset(); got != 150-TapSlop {
				t.Errorf("a 150 dp drag up scrolled %v, want %v", got, 150-TapSlop)
			}
			test.Drag(c.w.Canvas(), fyne.NewPos(100, 100), 0, 60)
			if got := c.s.Offset(); got != 150-TapSlop-(60-TapSlop) {
				t.Errorf("then a 60 dp drag down left the offset at %v, want %v", got, 150-TapSlop-(60-TapSlop))
			}
		})
	}
}

func TestDragAtTheEdgesClamps(t *testing.T) {
	test.NewTempApp(t)
	s, _, _, w := page(t)
	scroll := s.Scroller().(*container.Scroll)
	test.Drag(w.Canvas(), fyne.NewPos(100, 200), 0, 150)
	if got := s.Offset(); got != 0 {
		t.Errorf("dragging down at the top scrolled to %v, want 0", got)
	}
	bottom := scroll.Content.MinSize().Height - scroll.Size().Height
	test.Drag(w.Canvas(), fyne.NewPos(100, 390), 0, -100000)
	if got := s.Offset(); got != bottom {
		t.Errorf("dragging far up scrolled to %v, want the bottom %v", got, bottom)
	}
}

func TestSmallDragTapsAndLongDragDoesNot(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		name     string
		dy       float32
		wantTaps int
	}{
		{"3 dp taps", -3, 1},
		{"just under the slop taps", -(TapSlop - 0.5), 1},
		{"past the slop scrolls", -(TapSlop + 1), 0},
		{"a long drag scrolls", -120, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, buttons, taps, w := page(t)
			target := buttons[3]
			test.Drag(w.Canvas(), centre(target), 0, c.dy)
			if taps[3] != c.wantTaps {
				t.Errorf("button pressed %d times, want %d", taps[3], c.wantTaps)
			}
			for i, n := range taps {
				if i != 3 && n > 0 {
					t.Errorf("button %d pressed too", i)
				}
			}
			if scrolled := s.Offset() != 0; scrolled == (c.wantTaps > 0) {
				t.Errorf("offset %v after the drag", s.Offset())
			}
		})
	}
}

func TestSmallDragOnAListRowOpensIt(t *testing.T) {
	test.NewTempApp(t)
	s, selected, pressed, w := rows(t)
	test.Drag(w.Canvas(), fyne.NewPos(100, 200), 0, -300) // scroll first: the rows in view are reused ones
	label := findLabel(t, s, "row 9")
	test.Drag(w.Canvas(), centre(label), 3, 2)
	if len(*selected) != 1 || (*selected)[0] != 9 {
		t.Errorf("a 3 dp drag on row 9 selected %v, want [9]", *selected)
	}
	if len(*pressed) != 0 {
		t.Errorf("it pressed the row's button %v", *pressed)
	}
	button := findButtonBeside(t, s, "row 9")
	test.Drag(w.Canvas(), centre(button), 0, 3)
	if len(*pressed) != 1 || (*pressed)[0] != 9 || len(*selected) != 1 {
		t.Errorf("a 3 dp drag on row 9's button pressed %v and selected %v, want [9] and [9]", *pressed, *selected)
	}
	before := s.Offset()
	test.Drag(w.Canvas(), centre(label), 0, -80)
	if len(*selected) != 1 {
		t.Errorf("a long drag starting on a row selected %v", *selected)
	}
	if s.Offset() != before+80-TapSlop {
		t.Errorf("a long drag starting on a row scrolled %v, want %v", s.Offset()-before, 80-TapSlop)
	}
}

// A drag over a text field scrolls and selects no text.
func TestDragOverAnEntryScrolls(t *testing.T) {
	test.NewTempApp(t)
	entry := widget.NewMultiLineEntry()
	entry.SetText("one two three four five six seven eight nine ten")
	box := container.NewVBox(entry)
	for range 40 {
		box.Add(widget.NewLabel("filler"))
	}
	s := Scroll(container.NewVScroll(box))
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(winW, winH))
	test.Drag(w.Canvas(), centre(entry), -60, -100)
	if s.Offset() == 0 {
		t.Error("the drag did not scroll")
	}
	if got := entry.SelectedText(); got != "" {
		t.Errorf("the drag selected %q", got)
	}
}

// The wheel still reaches the scroller under the drag layer, and the
// scroll bar's strip is left free of the layer.
func TestWheelAndScrollBarStillWork(t *testing.T) {
	test.NewTempApp(t)
	s, _, _, w := page(t)
	test.Scroll(w.Canvas(), fyne.NewPos(100, 200), 0, -50)
	if got := s.Offset(); got != 50 {
		t.Errorf("the wheel scrolled to %v, want 50", got)
	}
	if got := s.layer.Size().Width; got >= s.Size().Width {
		t.Errorf("the drag layer is %v wide over a %v wide scroller: it covers the scroll bar", got, s.Size().Width)
	}
}

// swipe drags the surface by dy in steps of one frame, as the real driver
// reports a moving finger, without releasing.
func swipe(clock *fakeTime, s *Surface, at fyne.Position, dy float32, steps int) {
	for range steps {
		clock.now = clock.now.Add(frameInterval)
		at = at.Add(fyne.NewPos(0, dy/float32(steps)))
		s.layer.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(0, dy/float32(steps))})
	}
}

func TestFlingCarriesOnAndDecelerates(t *testing.T) {
	test.NewTempApp(t)
	s, _, _ := longList(t)
	clock := &fakeTime{now: t0}
	clock.install(s)
	swipe(clock, s, fyne.NewPos(100, 350), -200, 10) // 200 dp in 10 frames: 1200 dp/s
	s.layer.DragEnd()
	released := s.Offset()
	if want := 200 - TapSlop; released != want {
		t.Fatalf("offset %v at release, want %v", released, want)
	}
	if !s.Flinging() {
		t.Fatal("no fling after a fast release")
	}
	last, lastStep := released, float32(math.Inf(1))
	frames := 0
	for clock.frame() {
		frames++
		step := s.Offset() - last
		if step <= 0 || step > lastStep+1e-3 {
			t.Fatalf("frame %d: moved %v after %v; want a smaller step forward", frames, step, lastStep)
		}
		last, lastStep = s.Offset(), step
	}
	if s.Flinging() {
		t.Error("the fling did not end")
	}
	f, _ := NewFling(t0, 1200)
	if travelled := s.Offset() - released; math.Abs(float64(travelled-f.Distance())) > 1 {
		t.Errorf("the fling travelled %v dp, want %v", travelled, f.Distance())
	}
	t.Logf("release at 1200 dp/s: flung %.0f dp in %d frames", s.Offset()-released, frames)
}

func TestFlingStops(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		name string
		stop func(s *Surface, list *widget.List, w fyne.Window, clock *fakeTime)
	}{
		{"when a new drag starts", func(s *Surface, _ *widget.List, _ fyne.Window, clock *fakeTime) {
			s.layer.DragEnd() // the new press is still within the slop
			swipe(clock, s, fyne.NewPos(100, 100), 2, 1)
		}},
		{"when the wheel moves the content", func(_ *Surface, _ *widget.List, w fyne.Window, _ *fakeTime) {
			test.Scroll(w.Canvas(), fyne.NewPos(100, 100), 0, -30)
		}},
		{"when the content is replaced", func(_ *Surface, list *widget.List, _ fyne.Window, _ *fakeTime) {
			list.Length = func() int { return 1500 }
			list.Refresh()
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, list, w := longList(t)
			clock := &fakeTime{now: t0}
			clock.install(s)
			swipe(clock, s, fyne.NewPos(100, 350), -200, 10)
			s.layer.DragEnd()
			clock.frame()
			clock.frame()
			c.stop(s, list, w, clock)
			stoppedAt := s.Offset()
			for clock.frame() {
			}
			if s.Flinging() || s.Offset() != stoppedAt {
				t.Errorf("the fling went on from %v to %v", stoppedAt, s.Offset())
			}
		})
	}
}

func TestFlingStopsAtTheEnd(t *testing.T) {
	test.NewTempApp(t)
	s, list, _ := longList(t)
	clock := &fakeTime{now: t0}
	clock.install(s)
	list.ScrollToOffset(1e9)
	bottom := s.Offset()
	list.ScrollToOffset(bottom - 100)
	swipe(clock, s, fyne.NewPos(100, 350), -60, 5) // 60 dp in 5 frames: 720 dp/s, a fling of over 200 dp
	s.layer.DragEnd()
	frames := 0
	for clock.frame() {
		frames++
	}
	if got := s.Offset(); got != bottom {
		t.Errorf("the fling ended at %v, want the bottom %v", got, bottom)
	}
	if f, _ := NewFling(t0, 720); frames >= int(f.Duration()/frameInterval) {
		t.Errorf("it ran %d frames, as long as a free fling: it did not stop at the edge", frames)
	}
}

// longList is a list of 2000 labelled rows.
func longList(t *testing.T) (*Surface, *widget.List, fyne.Window) {
	list := widget.NewList(func() int { return 2000 },
		func() fyne.CanvasObject { return widget.NewLabel("row") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(fmt.Sprint("row ", id)) })
	s := List(list)
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(winW, winH))
	return s, list, w
}

func findLabel(t *testing.T, s *Surface, text string) *widget.Label {
	t.Helper()
	for o := range s.rows.ids {
		if l := labelIn(o, text); l != nil && onScreen(fyne.CurrentApp().Driver().AbsolutePositionForObject(o), fyne.NewPos(1, 1)) {
			return l
		}
	}
	t.Fatalf("no row %q on screen", text)
	return nil
}

func labelIn(o fyne.CanvasObject, text string) *widget.Label {
	switch v := o.(type) {
	case *widget.Label:
		if v.Text == text {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if l := labelIn(c, text); l != nil {
				return l
			}
		}
	}
	return nil
}

func findButtonBeside(t *testing.T, s *Surface, text string) *widget.Button {
	t.Helper()
	for o := range s.rows.ids {
		c, ok := o.(*fyne.Container)
		if !ok || labelIn(c, text) == nil {
			continue
		}
		for _, part := range c.Objects {
			if b, ok := part.(*widget.Button); ok {
				return b
			}
		}
	}
	t.Fatalf("no button beside %q", text)
	return nil
}

// A scroll whose container is refilled in place (the chooser shows
// another folder) has new content: the fling stops.
func TestFlingStopsWhenAScrollIsRefilled(t *testing.T) {
	test.NewTempApp(t)
	s, _, _, _ := page(t)
	clock := &fakeTime{now: t0}
	clock.install(s)
	swipe(clock, s, fyne.NewPos(100, 350), -200, 10)
	s.layer.DragEnd()
	clock.frame()
	if !s.Flinging() {
		t.Fatal("no fling")
	}
	box := s.Scroller().(*container.Scroll).Content.(*fyne.Container)
	box.RemoveAll()
	for i := range 40 {
		box.Add(widget.NewButton(fmt.Sprint("other ", i), nil))
	}
	stoppedAt := s.Offset()
	for clock.frame() {
	}
	if s.Flinging() || s.Offset() != stoppedAt {
		t.Errorf("the fling went on in the new content from %v to %v", stoppedAt, s.Offset())
	}
}
