package textview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/internal/bidi"
)

func pieces(l *Label) string {
	var lines []Line
	for _, p := range l.paragraphs {
		lines = append(lines, p.Lines...)
	}
	if len(lines) == 0 {
		return ""
	}
	return visual(lines[0])
}

func TestEntryShowsTypedArabicInOrder(t *testing.T) {
	test.NewTempApp(t)
	e := NewEntry(bidi.LeftToRight)
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(400, 60))
	var changes []string
	e.OnChanged = func(s string) { changes = append(changes, s) }
	w.Canvas().Focus(e)
	test.Type(e, "مركز 1177")
	r := test.WidgetRenderer(e).(*entryRenderer)
	if got := pieces(r.label); got != "1177|مركز" {
		t.Errorf("typed Arabic with digits shows as %s", got)
	}
	if r.label.Direction != bidi.RightToLeft {
		t.Error("Arabic text in an entry is not laid out right to left")
	}
	// The text sits at the right; its end, where the cursor goes, is the
	// left edge of the text.
	left := e.Size().Width
	for _, o := range test.WidgetRenderer(r.label).Objects() {
		left = min(left, o.Position().X)
	}
	if x := r.cursor.Position().X; x > left || x < left-6 || left < e.Size().Width/2 {
		t.Errorf("cursor at x=%v, text starts at x=%v: the cursor belongs just left of right-aligned Arabic", x, left)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.Text != "مركز 117" || changes[len(changes)-1] != "مركز 117" {
		t.Errorf("after backspace %q (changes %v)", e.Text, changes)
	}
	e.SetText("")
	test.Type(e, "vårdcentral")
	if got := pieces(r.label); got != "vårdcentral" || r.label.Direction != bidi.LeftToRight {
		t.Errorf("Swedish text shows as %s", got)
	}
	if x := r.cursor.Position().X; x < 20 {
		t.Errorf("cursor at x=%v; after Swedish it belongs on the right of the text", x)
	}
}

func TestEmptyEntryFollowsUI(t *testing.T) {
	test.NewTempApp(t)
	e := NewEntry(bidi.RightToLeft)
	e.PlaceHolder = "ابحث"
	test.NewTempWindow(t, e).Resize(fyne.NewSize(400, 60))
	r := test.WidgetRenderer(e).(*entryRenderer)
	if r.label.Direction != bidi.RightToLeft || r.label.Text != "ابحث" {
		t.Errorf("empty entry: direction %v, shows %q", r.label.Direction, r.label.Text)
	}
}
