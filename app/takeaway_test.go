package app

import (
	"image"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	ics "github.com/arran4/golang-ical"
	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
)

// scanCodes decodes every QR code image on the screen with gozxing, the
// Go port of the decoder in many Android scanners, as the takeaway
// package's tests do: by the finder patterns first, else as the pure,
// upright code it is.
func scanCodes(t *testing.T, w fyne.Window) []string {
	t.Helper()
	var texts []string
	walk(w.Content(), func(o fyne.CanvasObject) {
		if c, ok := o.(*canvas.Image); ok && c.Image != nil && c.MinSize().Width >= qrMinSize {
			texts = append(texts, scanImage(t, c.Image))
		}
	})
	return texts
}

func scanImage(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		pure := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true}
		if res, err = zxqr.NewQRCodeReader().Decode(bmp, pure); err != nil {
			t.Fatalf("a code on the screen does not scan: %v", err)
		}
	}
	return res.GetText()
}

func hyperlinks(w fyne.Window) []string {
	var urls []string
	walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*textview.Link); ok {
			urls = append(urls, l.URL)
		}
	})
	return urls
}

func TestEventCodeIsTheEventAsICalendar(t *testing.T) {
	u, w := newTestUI(t, content.Ukrainian)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-14 09:00"), nil)
	const id = "kias-oppet-hus-2024-05-15"
	u.Open(eventPage{id: id})
	codes := scanCodes(t, w)
	if len(codes) != 1 {
		t.Fatalf("%d codes on the event's page, want 1", len(codes))
	}
	cal, err := ics.ParseCalendar(strings.NewReader(codes[0]))
	if err != nil {
		t.Fatalf("the code is not iCalendar: %v\n%s", err, codes[0])
	}
	events := cal.Events()
	if len(events) != 1 || events[0].Id() != id+"@motesplats" {
		t.Fatalf("the code holds %d events, want the one with UID %s@motesplats:\n%s", len(events), id, codes[0])
	}
	title := u.text(eventPage{id: id}.title(u))
	if got := events[0].GetProperty(ics.ComponentPropertySummary); got == nil || got.Value != title {
		t.Errorf("SUMMARY = %v, want the title in Ukrainian %q", got, title)
	}
	if !hasLabel(w, u.t("ScanToAddToCalendar")) {
		t.Error("the code has no caption saying what it does")
	}
}

func TestServiceCodesAreContactCardAndPlace(t *testing.T) {
	u, w := newTestUI(t, content.Arabic)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-14 09:00"), func(set *content.Set) {
		serviceOf(t, set, "migrationsverket").Geo = &content.Geo{Lat: 59.2753, Lon: 15.2134}
	})
	u.Open(servicePage{id: "migrationsverket"})
	codes := scanCodes(t, w)
	if len(codes) != 2 {
		t.Fatalf("%d codes on the service's page, want the card and the place", len(codes))
	}
	// In Arabic the card comes first from the right, so last in the walk.
	if strings.HasPrefix(codes[0], "geo:") {
		codes[0], codes[1] = codes[1], codes[0]
	}
	card := strings.ReplaceAll(codes[0], "\r\n ", "") // unfold
	name := u.text(servicePage{id: "migrationsverket"}.title(u))
	if !strings.HasPrefix(card, "BEGIN:VCARD\r\n") || !strings.Contains(card, "\r\nFN:"+name+"\r\n") || !strings.HasSuffix(card, "END:VCARD\r\n") {
		t.Errorf("the first code is not a contact card named %q:\n%s", name, card)
	}
	if codes[1] != "geo:59.2753,15.2134" {
		t.Errorf("the second code is %q, want the geo: position", codes[1])
	}
	for _, caption := range []string{"ScanToSaveContact", "ScanToOpenMap"} {
		if !hasLabel(w, u.t(caption)) {
			t.Errorf("no caption %s", caption)
		}
	}
}

func TestKioskShowsLinksAsCodesDesktopAsLinks(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	const site = "https://www.migrationsverket.se"
	u.Open(servicePage{id: "migrationsverket"})
	if links := hyperlinks(w); len(links) != 1 || !strings.HasPrefix(links[0], site) {
		t.Errorf("desktop mode links %q, want the website", links)
	}
	for _, c := range scanCodes(t, w) {
		if strings.HasPrefix(c, site) {
			t.Error("desktop mode shows the website as a code too")
		}
	}

	u.session.kiosk = true
	u.nav.show()
	if links := hyperlinks(w); len(links) != 0 {
		t.Errorf("kiosk mode shows links %q that would open a browser", links)
	}
	found := false
	for _, c := range scanCodes(t, w) {
		found = found || strings.HasPrefix(c, site)
	}
	if !found || !hasLabel(w, u.t("ScanToOpenLink")) {
		t.Error("kiosk mode does not show the website as a code to scan")
	}
}

func TestTooLongForACodeIsSaidNotCrashed(t *testing.T) {
	u, w := newTestUI(t, content.English)
	u.Open(articlePage{id: "sfi"})
	long := "https://example.se/" + strings.Repeat("a", 2000)
	u.session.kiosk = true
	u.nav.body.Objects = []fyne.CanvasObject{u.link(long)}
	u.nav.body.Refresh()
	if !hasLabel(w, u.t("QRTooLong")) {
		t.Error("a link too long for a code does not say so")
	}
}

// findLink is the one link on the screen.
func findLink(t *testing.T, w fyne.Window) *textview.Link {
	t.Helper()
	var found []*textview.Link
	walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*textview.Link); ok {
			found = append(found, l)
		}
	})
	if len(found) != 1 {
		t.Fatalf("%d links on the screen, want 1", len(found))
	}
	return found[0]
}

// On a desktop a link wraps across the column like text (a Hyperlink in
// the start slot drew it a letter a line), opens when tapped, and in
// Arabic stays left to right, placed at the right, where reading starts.
func TestDesktopLinkWrapsAndOpens(t *testing.T) {
	var opened []string
	defer func(o func(*url.URL) error) { openURL = o }(openURL)
	openURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }

	for _, lang := range []content.Lang{content.Swedish, content.Arabic} {
		u, w := newTestUI(t, lang)
		u.Open(servicePage{id: "migrationsverket"})
		link := findLink(t, w)
		if !strings.HasPrefix(link.URL, "https://www.migrationsverket.se") {
			t.Fatalf("%s: the link is %q", lang, link.URL)
		}
		lines := link.Lines()
		if len(lines) != 1 || lines[0] != link.URL {
			t.Errorf("%s: the link is drawn as %q, want one line reading %q", lang, lines, link.URL)
		}
		if link.Size().Width < 300 {
			t.Errorf("%s: the link is %v wide, squeezed instead of spanning the column", lang, link.Size().Width)
		}
		var left, right float32 = link.Size().Width, 0
		for _, o := range test.WidgetRenderer(link).Objects() {
			left, right = min(left, o.Position().X), max(right, o.Position().X+o.Size().Width)
		}
		pad := u.theme.Size(theme.SizeNameInnerPadding)
		if lang == content.Arabic {
			if link.Direction != bidi.RightToLeft || right < link.Size().Width-pad-1 {
				t.Errorf("ar: the link's text ends at %v of %v, want it at the right", right, link.Size().Width)
			}
		} else if left > pad+1 {
			t.Errorf("%s: the link's text starts at %v, want it at the left", lang, left)
		}
		test.Tap(link)
		if len(opened) == 0 || opened[len(opened)-1] != link.URL {
			t.Errorf("%s: tapping the link opened %q, want %q", lang, opened, link.URL)
		}
	}
}
