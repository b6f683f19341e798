package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/keyboard"
	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
)

// A kiosk serves one visitor after another. This file is what a visitor
// sees of that: the start screen that greets each one in four languages,
// the countdown before the kiosk forgets them, and the on-screen keyboard
// that comes up for whichever text field they touch.

// newStartScreen makes the "touch to start" screen: the same words in
// Svenska, Українська, العربية and English, each in its own script; the
// first touch on one picks that language.
func (s *session) newStartScreen() *fyne.Container {
	u := s.u
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	var rows []fyne.CanvasObject
	for _, l := range content.Languages {
		loc := u.catalog.For(l)
		b := textview.NewButton(loc.T("VisitorTouchToStart", nil), nil, dirOf(l), func() { s.startVisit(l) })
		b.Importance = widget.HighImportance
		name := textview.NewLabel(loc.T("LanguageName", nil), dirOf(l))
		name.TextStyle.Bold = true
		rows = append(rows, container.NewVBox(name, container.New(&startButtonLayout{}, b)))
	}
	column := container.NewVBox(append([]fyne.CanvasObject{layout.NewSpacer()}, append(rows, layout.NewSpacer())...)...)
	start := container.NewStack(bg, container.NewPadded(container.NewCenter(column)))
	start.Hide()
	return start
}

// startButtonLayout makes a start button large: a whole arm's width on a
// kiosk, and tall enough for any finger.
type startButtonLayout struct{}

func (startButtonLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (startButtonLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(480, 96)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// showStart covers the window with the start screen.
func (s *session) showStart() {
	s.start.Objects[0].(*canvas.Rectangle).FillColor = theme.Color(theme.ColorNameBackground)
	s.start.Show()
	s.start.Refresh()
}

// startVisit is a visitor's first touch: the start screen goes and the
// kiosk speaks their language.
func (s *session) startVisit(lang content.Lang) {
	u := s.u
	s.start.Hide()
	u.SetLanguage(lang)
}

// atStart reports whether the start screen is showing.
func (s *session) atStart() bool { return s.start.Visible() }

// countdownOverlay covers the whole window for the last seconds before
// the idle reset, above any drop-down or dialog, so the visitor cannot
// miss it; any touch on it keeps the visit going.
type countdownOverlay struct {
	widget.BaseWidget
	text    *textview.Label
	touched func()
}

func newCountdownOverlay(touched func()) *countdownOverlay {
	o := &countdownOverlay{touched: touched, text: textview.NewLabel("", 0)}
	o.text.TextStyle.Bold = true
	o.text.SizeName = theme.SizeNameHeadingText
	o.ExtendBaseWidget(o)
	return o
}

// Tapped is part of fyne.Tappable.
func (o *countdownOverlay) Tapped(*fyne.PointEvent) { o.touched() }

// Dragged is part of fyne.Draggable: a finger sliding is a touch too.
func (o *countdownOverlay) Dragged(*fyne.DragEvent) { o.touched() }

// DragEnd is part of fyne.Draggable.
func (o *countdownOverlay) DragEnd() {}

// MouseIn is part of desktop.Hoverable: on a touch screen the pointer
// moves only under a finger.
func (o *countdownOverlay) MouseIn(*desktop.MouseEvent) { o.touched() }

// MouseMoved is part of desktop.Hoverable.
func (o *countdownOverlay) MouseMoved(*desktop.MouseEvent) { o.touched() }

// MouseOut is part of desktop.Hoverable.
func (o *countdownOverlay) MouseOut() {}

func (o *countdownOverlay) CreateRenderer() fyne.WidgetRenderer {
	shade := canvas.NewRectangle(color.NRGBA{0, 0, 0, 0x99})
	card := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	card.StrokeColor = theme.Color(theme.ColorNamePrimary)
	card.StrokeWidth = 4
	card.CornerRadius = 12
	box := container.NewStack(card, container.NewPadded(container.NewPadded(o.text)))
	return widget.NewSimpleRenderer(container.NewStack(shade, container.New(&cardLayout{}, box)))
}

// cardLayout centres its object at most 80 % of the width wide.
type cardLayout struct{}

func (cardLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := min(size.Width*0.8, max(o.MinSize().Width, size.Width*0.6))
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h := o.MinSize().Height // the wrapped text's height at this width
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, (size.Height-h)/2))
	}
}

func (cardLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

// showCountdown shows the seconds left before the reset over everything,
// or takes the overlay away for 0.
func (s *session) showCountdown(secondsLeft int) {
	u := s.u
	overlays := u.win.Canvas().Overlays()
	if s.atStart() {
		secondsLeft = 0 // nobody to warn: the start screen is already up
	}
	if secondsLeft <= 0 {
		if s.countdown.Visible() {
			s.countdown.Hide()
			overlays.Remove(s.countdown)
		}
		return
	}
	s.countdown.text.Direction = dirOf(u.Lang())
	s.countdown.text.SetText(u.loc.N("KioskCountdown", secondsLeft, nil))
	if !s.countdown.Visible() || overlays.Top() != s.countdown {
		overlays.Remove(s.countdown)
		s.countdown.Show()
		overlays.Add(s.countdown)
		s.countdown.Resize(u.win.Canvas().Size()) // not every driver sizes an overlay
	}
}

// closeOverlays takes away every drop-down, dialog and pop-up, the PIN
// pad and the countdown among them: nothing of one visitor may wait for
// the next.
func (s *session) closeOverlays() {
	u := s.u
	overlays := u.win.Canvas().Overlays()
	for top := overlays.Top(); top != nil; top = overlays.Top() {
		overlays.Remove(top)
		top.Hide()
	}
	s.pinDialog = nil
	s.countdown.Hide()
}

// newKeys makes the window's on-screen keyboard, hidden until a text
// field is focused in kiosk mode.
func (s *session) newKeys() {
	s.keys = keyboard.New(nil)
	s.keys.OnKey = s.touch
	s.keys.Hide()
}

// newEntry is the app's text field: in kiosk mode touching it brings up
// the on-screen keyboard in the reader's language (layout, when given,
// overrides it: an address is typed in Latin letters), and leaving it
// takes the keyboard away.
func (s *session) newEntry(placeholder string, layout content.Lang) *textview.Entry {
	u := s.u
	e := textview.NewEntry(dirOf(u.Lang()))
	e.PlaceHolder = placeholder
	e.OnFocusChanged = func(focused bool) {
		s.touch()
		if !s.kiosk {
			return
		}
		if focused {
			s.keys.SetTarget(e)
			lang := layout
			if lang == "" {
				lang = u.Lang()
			}
			s.keys.SetLayout(lang)
			s.showKeys(true)
			return
		}
		s.showKeys(false)
	}
	return e
}

// showKeys shows or hides the on-screen keyboard and makes room for it.
func (s *session) showKeys(show bool) {
	u := s.u
	if show == s.keys.Visible() {
		return
	}
	if show {
		s.keys.Show()
	} else {
		s.keys.Hide()
	}
	if u.screen != nil {
		u.screen.Objects[1].Refresh() // the keyboard and status lines
		u.screen.Refresh()
	}
}
