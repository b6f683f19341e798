package app

import (
	"time"

	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
)

// On a landscape kiosk the event's code stands beside the text, on the
// trailing side, where a visitor sees it without scrolling; on a portrait
// one it follows the text.
func TestCodesBesideTheTextOnALandscapeScreen(t *testing.T) {
	cases := []struct {
		lang          content.Lang
		size          fyne.Size
		beside        bool
		trailingRight bool
	}{
		{content.Swedish, fyne.NewSize(1920, 1080), true, true},
		{content.Arabic, fyne.NewSize(1920, 1080), true, false},
		{content.Swedish, fyne.NewSize(1080, 1920), false, false},
	}
	for _, c := range cases {
		u, w := newTestUI(t, c.lang)
		w.Resize(c.size)
		u.now = func() time.Time { return time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC) } // before the event
		u.Open(eventPage{id: "kias-oppet-hus-2024-05-15"})
		var code fyne.CanvasObject
		walk(w.Content(), func(o fyne.CanvasObject) {
			if c, ok := o.(*canvas.Image); ok && c.Image != nil && c.MinSize().Width >= qrMinSize {
				code = c
			}
		})
		if code == nil {
			t.Fatal("no QR code on the event's page")
		}
		textScroll := scrollHolding(w, u.t("When"))
		if textScroll == nil {
			t.Fatal("the event's text is not in a scroll")
		}
		inText := false
		walk(textScroll, func(o fyne.CanvasObject) { inText = inText || o == code })
		if inText == c.beside {
			t.Errorf("%s %v: code inside the text's scroll = %v, want %v", c.lang, c.size, inText, !c.beside)
			continue
		}
		if c.beside {
			codeX := fyne.CurrentApp().Driver().AbsolutePositionForObject(code).X
			textX := fyne.CurrentApp().Driver().AbsolutePositionForObject(textScroll).X
			if (codeX > textX) != c.trailingRight {
				t.Errorf("%s: code at x=%v, text at x=%v; want the code on the %s", c.lang, codeX, textX, map[bool]string{true: "right", false: "left"}[c.trailingRight])
			}
		}
	}
}

// scrollHolding is the innermost scroll that holds a label with text.
func scrollHolding(w fyne.Window, text string) *container.Scroll {
	var found *container.Scroll
	walk(w.Content(), func(o fyne.CanvasObject) {
		s, ok := o.(*container.Scroll)
		if !ok {
			return
		}
		holds := false
		walk(s.Content, func(o fyne.CanvasObject) {
			if l, ok := o.(*textview.Label); ok && l.Text == text {
				holds = true
			}
		})
		if holds {
			found = s // walk goes outside in, so the last is the innermost
		}
	})
	return found
}
