package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/kiosk"
)

// Touch scrolling on the app's own screens: a finger drags lists, detail
// pages and the admin screen, and a press that barely moves still taps.

// longArticle is the longest built-in article: it scrolls on any screen.
const longArticle = "temporary-protection"

// centreOf is the middle of o on the canvas.
func centreOf(o fyne.CanvasObject) fyne.Position {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return p.Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
}

// surfaceCentre is a point in the middle of the screen's touch surface.
func surfaceCentre(t *testing.T, w fyne.Window) (*touch.Surface, fyne.Position) {
	t.Helper()
	s := findFirst[*touch.Surface](t, w, "touch surface")
	return s, centreOf(s)
}

func TestDragScrollsEveryKindOfScreen(t *testing.T) {
	// The events screen under Earlier: every built-in event is past by now.
	for _, p := range []page{articlePage{id: longArticle}, servicesPage{}, projectsPage{}, eventsPage{segment: segmentEarlier}, adminPage{}, searchPage{query: "och"}} {
		u, w := newTestUI(t, content.Swedish)
		if _, search := p.(searchPage); search {
			u.finder.indexContent()
			if err := u.finder.find.Wait(); err != nil {
				t.Fatal(err)
			}
		}
		u.Open(p)
		s, at := surfaceCentre(t, w)
		test.Drag(w.Canvas(), at, 0, -200)
		if got, want := s.Offset(), 200-touch.TapSlop; got != want {
			t.Errorf("%T: a 200 dp drag up scrolled %v, want %v", p, got, want)
		}
		test.Drag(w.Canvas(), at, 0, 100)
		if got, want := s.Offset(), 200-touch.TapSlop-(100-touch.TapSlop); got != want {
			t.Errorf("%T: a 100 dp drag back down left it at %v, want %v", p, got, want)
		}
	}
}

func TestSmallDragOnAListRowOpensItAndALongOneScrolls(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.Open(servicesPage{})
	s, at := surfaceCentre(t, w)
	test.Drag(w.Canvas(), at, 0, -400) // the rows in view now are reused ones
	row := rowTitle(t, w)
	test.Drag(w.Canvas(), centreOf(row), 0, -40)
	if _, ok := u.Current().(servicesPage); !ok {
		t.Fatalf("a 40 dp drag starting on %q opened %T", row.Text, u.Current())
	}
	if s.Offset() != 400-touch.TapSlop+40-touch.TapSlop {
		t.Errorf("the drag on the row scrolled to %v", s.Offset())
	}
	row = rowTitle(t, w)
	test.Drag(w.Canvas(), centreOf(row), 2, -3)
	sp, ok := u.Current().(servicePage)
	if !ok {
		t.Fatalf("a 3 dp drag on %q left the screen at %T", row.Text, u.Current())
	}
	if title := u.text(sp.title(u)); title != row.Text {
		t.Errorf("a 3 dp drag on %q opened %q", row.Text, title)
	}
}

func TestSmallDragOnAButtonPressesItAndALongOneDoesNot(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.Open(articlePage{id: longArticle})
	add := findButton(t, w, u.t("AddToMyList"))
	item := kiosk.Item{Kind: content.KindArticle, ID: longArticle}
	test.Drag(w.Canvas(), centreOf(add), 0, -3)
	if on, _ := u.mylist.items.Contains(item); !on {
		t.Fatal("a 3 dp drag on the add-to-list button did not press it")
	}
	test.Drag(w.Canvas(), centreOf(add), 0, -60)
	if on, _ := u.mylist.items.Contains(item); !on {
		t.Error("a 60 dp drag starting on the button pressed it: the article is off the list again")
	}
	if s := findFirst[*touch.Surface](t, w, "touch surface"); s.Offset() != 60-touch.TapSlop {
		t.Errorf("the drag starting on the button scrolled %v, want %v", s.Offset(), 60-touch.TapSlop)
	}
}

// rowTitle is a list row's title in the middle of the screen.
func rowTitle(t *testing.T, w fyne.Window) *textview.Label {
	t.Helper()
	mid := w.Canvas().Size().Height / 2
	var found *textview.Label
	walk(w.Content(), func(o fyne.CanvasObject) {
		l, ok := o.(*textview.Label)
		if !ok || found != nil || !l.TextStyle.Bold || l.MaxLines != 1 || !l.Visible() || l.Text == "" {
			return
		}
		p := fyne.CurrentApp().Driver().AbsolutePositionForObject(l)
		if p.Y > mid && p.Y < mid+200 {
			found = l
		}
	})
	if found == nil {
		t.Fatal("no list row in the middle of the screen")
	}
	return found
}

// The drop-down's pop-up list of 290 municipalities scrolls under a
// finger, and a press that slides 3 dp on an option chooses it.
func TestDropDownListScrollsAndChoosesByTouch(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.Open(servicesPage{})
	d := findFirst[*dropDown](t, w, "municipality drop-down")
	test.Tap(d)
	popUp := w.Canvas().Overlays().Top()
	if popUp == nil {
		t.Fatal("the drop-down did not open")
	}
	var s *touch.Surface
	walk(popUp, func(o fyne.CanvasObject) {
		if found, ok := o.(*touch.Surface); ok {
			s = found
		}
	})
	if s == nil {
		t.Fatal("the drop-down's list has no touch surface")
	}
	test.Drag(w.Canvas(), centreOf(s), 0, -150)
	if got, want := s.Offset(), 150-touch.TapSlop; got != want {
		t.Errorf("a 150 dp drag scrolled the list %v, want %v", got, want)
	}
	var option *textview.Button
	walk(popUp, func(o fyne.CanvasObject) {
		b, ok := o.(*textview.Button)
		if !ok || option != nil {
			return
		}
		if y := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Y; y > centreOf(s).Y {
			option = b
		}
	})
	if option == nil {
		t.Fatal("no option in the middle of the list")
	}
	test.Drag(w.Canvas(), centreOf(option), 3, 0)
	if d.Selected != option.Text || d.Open() {
		t.Errorf("a 3 dp drag on %q left %q chosen (list open: %v)", option.Text, d.Selected, d.Open())
	}
}
