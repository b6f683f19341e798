package textview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/internal/bidi"
)

// A long address in a 300 px column wraps in a few lines of many
// characters (a Hyperlink that wraps by letter in a narrow column drew it
// one character a line), and a tap opens it.
func TestLinkWrapsLikeTextAndOpens(t *testing.T) {
	test.NewTempApp(t)
	const address = "https://www.migrationsverket.se/Privatpersoner/Skydd-och-asyl-i-Sverige.html"
	for _, dir := range []bidi.Direction{bidi.LeftToRight, bidi.RightToLeft} {
		opened := 0
		link := NewLink(address, dir, func() { opened++ })
		w := test.NewTempWindow(t, container.NewVBox(link))
		w.Resize(fyne.NewSize(300, 400))
		lines := link.Lines()
		t.Logf("dir %v: %q", dir, lines)
		if len(lines) < 2 || len(lines) > 3 {
			t.Errorf("dir %v: %d lines %q, want 2 or 3", dir, len(lines), lines)
		}
		joined := ""
		for _, l := range lines {
			if len([]rune(l)) <= 1 {
				t.Errorf("dir %v: a line of one character: %q", dir, lines)
			}
			joined += l
		}
		if joined != address {
			t.Errorf("dir %v: lines %q do not read as the address, left to right", dir, lines)
		}
		test.Tap(link)
		if opened != 1 {
			t.Errorf("dir %v: a tap opened the link %d times, want 1", dir, opened)
		}
	}
}
