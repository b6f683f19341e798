package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
)

func TestDialogIsWideAndReadsInArabic(t *testing.T) {
	u, w := newTestUI(t, content.Arabic)
	w.Resize(fyne.NewSize(1080, 1920))
	path := "/media/usb/feed/metadata/root.json"
	u.notify(u.tf("SavedTo", map[string]any{"Path": textview.Isolate(path)}))
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	var card fyne.CanvasObject
	var title, message *textview.Label
	walk(top, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && card == nil {
			if _, ok := c.Layout.(*dialogLayout); ok {
				card = c
			}
		}
		if l, ok := o.(*textview.Label); ok {
			switch {
			case l.Text == u.t("AppName"):
				title = l
			case strings.Contains(l.Text, path):
				message = l
			}
		}
	})
	if card == nil || title == nil || message == nil {
		t.Fatalf("dialog parts: card %v, title %v, message %v", card != nil, title != nil, message != nil)
	}
	if got := card.Size().Width; got < 0.6*1080-1 {
		t.Errorf("dialog %v wide on a 1080 screen, want at least 60 %%", got)
	}
	if title.Direction != bidi.RightToLeft || message.Direction != bidi.RightToLeft {
		t.Error("the Arabic dialog is not laid out right to left")
	}
	// The title ends at the card's right edge.
	r := test.WidgetRenderer(title)
	var right float32
	for _, o := range r.Objects() {
		right = max(right, o.Position().X+o.Size().Width)
	}
	if title.Size().Width-right > 40 {
		t.Errorf("the Arabic title ends %v from the right edge", title.Size().Width-right)
	}
	var dismiss *textview.Button
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*textview.Button); ok && b.Text == u.t("DismissDialog") {
			dismiss = b
		}
	})
	if dismiss == nil {
		t.Fatal("no dismiss button")
	}
	test.Tap(dismiss)
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the dismiss button did not close the dialog")
	}
}

func TestDropDownListsOptionsRightAlignedInArabic(t *testing.T) {
	u, w := newTestUI(t, content.Arabic)
	u.Open(servicesPage{})
	d := findSelect(t, w, u.t("AllMunicipalities"))
	test.Tap(d)
	if !d.Open() {
		t.Fatal("tapping the drop-down did not open its list")
	}
	var options []*textview.Button
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*textview.Button); ok {
			options = append(options, b)
		}
	})
	if len(options) != len(d.Options) {
		t.Fatalf("%d options shown, want %d", len(options), len(d.Options))
	}
	for _, b := range options {
		if b.Direction != bidi.RightToLeft {
			t.Errorf("option %q not laid out right to left", b.Text)
		}
	}
	chosen := options[1]
	test.Tap(chosen)
	if d.Selected != chosen.Text || d.Open() {
		t.Errorf("after choosing %q: selected %q, open %v", chosen.Text, d.Selected, d.Open())
	}
}
