package textview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/drawn"
	"github.com/motesplats/motesplats/internal/bidi"
)

// Button is a button whose text goes through the same bidi layout as
// Label: Fyne's own button draws "USB الاستيراد" in logical order and
// never mirrors its icon. Its text is one line; in a cell narrower than
// the text it ends with an ellipsis instead of spilling out, so a row of
// buttons can have fixed cells that never move when the text changes.
type Button struct {
	widget.DisableableWidget

	Text       string
	Icon       fyne.Resource
	Direction  bidi.Direction
	Importance widget.Importance
	// SizeName is the theme size of the text; theme.SizeNameText if empty.
	SizeName fyne.ThemeSizeName
	OnTapped func()

	hovered bool
}

// NewButton returns a button reading in direction dir.
func NewButton(text string, icon fyne.Resource, dir bidi.Direction, tapped func()) *Button {
	b := &Button{Text: text, Icon: icon, Direction: dir, OnTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

// SetText changes the text and redraws.
func (b *Button) SetText(s string) {
	b.Text = s
	b.Refresh()
}

// SetIcon changes the icon and redraws.
func (b *Button) SetIcon(r fyne.Resource) {
	b.Icon = r
	b.Refresh()
}

// Tapped is part of fyne.Tappable.
func (b *Button) Tapped(*fyne.PointEvent) {
	if b.Disabled() || b.OnTapped == nil {
		return
	}
	b.OnTapped()
}

// MouseIn is part of desktop.Hoverable.
func (b *Button) MouseIn(*desktop.MouseEvent) { b.hovered = true; b.Refresh() }

// MouseMoved is part of desktop.Hoverable.
func (b *Button) MouseMoved(*desktop.MouseEvent) {}

// MouseOut is part of desktop.Hoverable.
func (b *Button) MouseOut() { b.hovered = false; b.Refresh() }

// Cursor is part of desktop.Cursorable.
func (b *Button) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer is part of fyne.Widget.
func (b *Button) CreateRenderer() fyne.WidgetRenderer {
	b.ExtendBaseWidget(b)
	r := &buttonRenderer{b: b, bg: canvas.NewRectangle(nil), icon: canvas.NewImageFromImage(nil)}
	r.icon.FillMode = canvas.ImageFillContain
	r.label = NewLabel("", b.Direction)
	r.label.MaxLines = 1
	r.label.TextStyle.Bold = true
	r.Refresh()
	return r
}

type buttonRenderer struct {
	b     *Button
	bg    *canvas.Rectangle
	icon  *canvas.Image
	label *Label

	// iconRes is the icon in the colour of the button's look; icon shows
	// it drawn at pixelW×pixelH (see showIcon).
	iconRes        fyne.ThemedResource
	pixelW, pixelH int
}

func (r *buttonRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.icon, r.label}
}

func (r *buttonRenderer) Destroy() {}

func (r *buttonRenderer) iconSize() float32 {
	if r.b.Icon == nil {
		return 0
	}
	return r.b.Theme().Size(theme.SizeNameInlineIcon)
}

// MinSize is the icon and the whole text on one line with padding: what
// the button asks for; a layout may give it less, and the text then ends
// with an ellipsis.
func (r *buttonRenderer) MinSize() fyne.Size {
	// The canvas asks every object for its size when it first shows it
	// and at every frame after a change, a new scale included: the icon,
	// drawn before the button was on a canvas, is drawn again if its
	// canvas's pixel size is another (as Fyne draws an image of an SVG
	// again when it is first shown).
	r.showIcon()
	th := r.b.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	// Fyne's height of a line does not depend on its text.
	w := measureWidth(r.b.Text, r.label.textSize(), r.label.TextStyle)
	h := fyne.MeasureText(" ", r.label.textSize(), r.label.TextStyle).Height
	if is := r.iconSize(); is > 0 {
		w += is + th.Size(theme.SizeNamePadding)
		h = max(h, is)
	}
	return fyne.NewSize(w+2*pad, max(h+2*pad, MinTouchSize))
}

// MinTouchSize is the least height of a button: what a finger hits
// reliably, whatever the text size.
const MinTouchSize = 48

// Layout centres icon and text; the icon leads in the reading direction
// (on the right in Arabic).
func (r *buttonRenderer) Layout(size fyne.Size) {
	th := r.b.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	r.bg.Resize(size)
	is := r.iconSize()
	gap := float32(0)
	if is > 0 {
		gap = th.Size(theme.SizeNamePadding)
	}
	room := max(size.Width-2*pad-is-gap, 0)
	textW := min(measureWidth(r.b.Text, r.label.textSize(), r.label.TextStyle)+2*r.label.padding(), room+2*r.label.padding())
	labelH := r.label.MinSize().Height
	total := is + gap + textW - 2*r.label.padding()
	x := (size.Width-total)/2 - r.label.padding()
	iconX, labelX := x+r.label.padding(), x+is+gap
	if r.b.Direction == bidi.RightToLeft {
		labelX, iconX = x, x+textW-r.label.padding()+gap
	}
	r.icon.Move(fyne.NewPos(iconX, (size.Height-is)/2))
	r.icon.Resize(fyne.NewSquareSize(is))
	r.showIcon()
	r.label.Move(fyne.NewPos(labelX, (size.Height-labelH)/2))
	r.label.Resize(fyne.NewSize(textW, labelH))
}

func (r *buttonRenderer) Refresh() {
	b, th := r.b, r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bgName, fgName := theme.ColorNameButton, theme.ColorNameForeground
	switch {
	case b.Disabled():
		bgName, fgName = theme.ColorNameDisabledButton, theme.ColorNameDisabled
	case b.Importance == widget.HighImportance:
		bgName, fgName = theme.ColorNamePrimary, theme.ColorNameForegroundOnPrimary
	case b.Importance == widget.LowImportance:
		bgName = ""
	}
	r.bg.FillColor = nil
	if bgName != "" {
		r.bg.FillColor = th.Color(bgName, v)
	}
	if b.hovered && !b.Disabled() {
		r.bg.StrokeColor, r.bg.StrokeWidth = th.Color(theme.ColorNameHover, v), 3
	} else {
		r.bg.StrokeWidth = 0
	}
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.iconRes = nil
	if b.Icon != nil {
		r.iconRes = theme.NewThemedResource(b.Icon)
		if fgName == theme.ColorNameForegroundOnPrimary {
			r.iconRes = theme.NewInvertedThemedResource(b.Icon)
		} else if fgName == theme.ColorNameDisabled {
			r.iconRes = theme.NewDisabledResource(b.Icon)
		}
	}
	r.label.Direction, r.label.ColorName, r.label.SizeName = b.Direction, fgName, b.SizeName
	r.label.Text = b.Text
	r.pixelW, r.pixelH = 0, 0 // a new look, icon or theme colour: Layout shows it
	r.Layout(b.Size())
	r.label.Refresh()
	r.bg.Refresh()
}

// showIcon shows iconRes in icon, drawn at the icon's pixel size on the
// button's canvas, as Fyne draws a canvas.Image of that resource: drawn
// once per resource, colour and pixel size and shared by every button
// (package drawn), where Fyne's image parses the SVG again at every
// Refresh and Resize (BENCHMARKS.md, issue 16). It is left as it is
// while its pixel size has not changed since Refresh.
func (r *buttonRenderer) showIcon() {
	if r.iconRes == nil {
		if r.icon.Image != nil {
			r.icon.Image, r.pixelW, r.pixelH = nil, 0, 0
			r.icon.Refresh()
		}
		return
	}
	w, h := drawn.PixelSize(r.icon, r.icon.Size(), nil)
	if w <= 0 || h <= 0 || w == r.pixelW && h == r.pixelH {
		return // Fyne draws nothing either until the icon has a size
	}
	r.pixelW, r.pixelH = w, h
	if pic := drawn.Pictogram(r.iconRes, w, h); pic != r.icon.Image {
		r.icon.Image = pic
		r.icon.Refresh()
	}
}
