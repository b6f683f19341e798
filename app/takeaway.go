package app

import (
	"errors"
	"image"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/kiosk"
	"github.com/motesplats/motesplats/internal/takeaway"
)

// Take it with you: what a visitor can carry away without a network.
// Events become iCalendar text in a QR code, services a contact card,
// and links are shown as QR codes in kiosk mode instead of being opened.

// qrSizePx is the size the codes are drawn at. A code trimmed to
// takeaway.QRBudget is at most 101 modules a side with its border, so
// 600 pixels give five whole pixels a module, sharp when the image is scaled down
// to qrMinSize on a normal screen and on a high-density one.
const qrSizePx = 600

// qrMinSize is the smallest a code is shown, in device-independent
// units: large enough for a phone at arm's length.
const qrMinSize = 300

// qrImage is a drawn code on screen, scaled without distortion.
func qrImage(img image.Image) *canvas.Image {
	c := canvas.NewImageFromImage(img)
	c.FillMode = canvas.ImageFillContain
	c.ScaleMode = canvas.ImageScalePixels
	c.SetMinSize(fyne.NewSize(qrMinSize, qrMinSize))
	return c
}

// qrView is a code with a caption that says what scanning it does. When
// the code cannot be made (too long for a scannable code) it says so in
// words instead; a screen never fails because of its code.
func (u *UI) qrView(img image.Image, err error, icon, caption string) fyne.CanvasObject {
	var tooLong *takeaway.TooLongError
	switch {
	case errors.As(err, &tooLong):
		return u.uiText(u.t("QRTooLong"))
	case err != nil:
		return nil
	}
	// The pictogram says what the code does for a visitor who cannot
	// read the caption: call, find the place, add to the calendar.
	return container.NewVBox(qrImage(img), u.sides(widget.NewIcon(pictogram(icon)), u.uiText(caption), nil))
}

// payloadQR draws a payload, passing on the error of making it.
func payloadQR(payload []byte, err error) (image.Image, error) {
	if err != nil {
		return nil, err
	}
	return takeaway.QR(payload, qrSizePx)
}

// link is one link, shown as the mode allows.
func (u *UI) link(link string) fyne.CanvasObject {
	if kiosk.Decide(u.session.mode(), kiosk.OpenLink, false) == kiosk.ShowQR {
		img, err := takeaway.LinkQR(link, qrSizePx)
		view := u.qrView(img, err, pictTakeAway, u.t("ScanToOpenLink"))
		return container.NewVBox(u.valueText(link), u.centred(view))
	}
	target, err := url.Parse(link)
	if err != nil || target.Scheme == "" {
		return u.valueText(link) // not something a browser can open
	}
	// It wraps like text across the column, at the address's own
	// punctuation (a Hyperlink wrapping by letter in the narrow start
	// slot of sides drew it one character a line).
	return textview.NewLink(link, dirOf(u.Lang()), func() {
		if err := openURL(target); err != nil {
			u.notify(u.tf("GlyphOpenLinkFailed", map[string]any{"Error": err.Error()}))
		}
	})
}

// openURL opens a link in the desktop's browser. Tests replace it.
var openURL = func(target *url.URL) error { return fyne.CurrentApp().OpenURL(target) }

// centred puts a code at the start of the reading direction, not
// stretched across the screen (the caption stays under its code).
func (u *UI) centred(o fyne.CanvasObject) fyne.CanvasObject {
	if o == nil {
		return nil
	}
	return u.sides(o, nil, nil)
}

// codesRow lays take-away codes side by side in reading order, leaving
// out those that could not be made.
func (u *UI) codesRow(views ...fyne.CanvasObject) fyne.CanvasObject {
	var shown []fyne.CanvasObject
	for _, v := range views {
		if v != nil {
			shown = append(shown, v)
		}
	}
	if len(shown) == 0 {
		return nil
	}
	return u.sides(container.NewHBox(u.inReadingOrder(shown...)...), nil, nil)
}

// eventCode is the event itself as iCalendar text in a QR code, so a
// phone adds it to its calendar without a network.
func (u *UI) eventCode(e content.Event) fyne.CanvasObject {
	img, err := payloadQR(takeaway.EventICS(e, u.Lang(), u.now()))
	return u.qrView(img, err, pictCalendar, u.t("ScanToAddToCalendar"))
}

// serviceCodes are the service's contact card and, when its position is
// known, a geo: link that a phone opens in its map.
func (u *UI) serviceCodes(s content.Service) fyne.CanvasObject {
	img, err := payloadQR(takeaway.ServiceVCard(s, u.Lang()))
	card := u.qrView(img, err, pictCall, u.t("ScanToSaveContact"))
	var place fyne.CanvasObject
	if s.Geo != nil {
		img, err := takeaway.LinkQR(takeaway.GeoURI(*s.Geo), qrSizePx)
		place = u.qrView(img, err, pictMap, u.t("ScanToOpenMap"))
	}
	return u.codesRow(card, place)
}

// exportButton saves events as an .ics file; desktop mode only, since a
// kiosk visitor has no files to take away (they scan the code instead).
func (u *UI) exportButton(name string, events func() []content.Event) fyne.CanvasObject {
	if u.Kiosk() {
		return nil
	}
	return u.iconButton(u.t("ExportToCalendar"), pictogram(pictCalendar), func() {
		u.exportCalendar(name, events())
	})
}

// chooseSavePath asks where to save a file and calls done with the path,
// never when the choice is cancelled. Tests replace it to skip the dialog.
var chooseSavePath = func(u *UI, name string, done func(path string, err error)) {
	u.choosePath(u.t("ChooserSaveTitle"), chooseSave, []string{".ics"}, name, func(path string) { done(path, nil) })
}

// exportCalendar writes events to a file the user picks, and says where
// it went or why it did not.
func (u *UI) exportCalendar(name string, events []content.Event) {
	chooseSavePath(u, name, func(path string, err error) {
		if err == nil {
			err = u.writeCalendar(path, events)
		}
		if err != nil {
			u.notify(u.tf("SaveFailed", map[string]any{"Error": err.Error()}))
			return
		}
		u.notify(u.tf("SavedTo", map[string]any{"Path": textview.Isolate(path)}))
	})
}

// writeCalendar writes the events as one iCalendar file, whole or not
// at all.
func (u *UI) writeCalendar(path string, events []content.Event) error {
	data, err := takeaway.EventsICS(events, u.Lang(), u.now())
	if err != nil {
		return err
	}
	return takeaway.WriteFile(path, data)
}
