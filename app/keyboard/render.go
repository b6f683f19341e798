package keyboard

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/bidi"
)

const (
	// minKeyWidth is the narrowest a key may be: the usual 48 dp touch target.
	minKeyWidth float32 = 48
	// keyHeight is a row's height when the keyboard gets only its minimum
	// size: more than 48 dp, since a finger on a standing kiosk screen
	// lands less precisely than on a phone held in the hand.
	keyHeight float32 = 60
	// iconSize is the size of the icons on backspace, return and shift.
	iconSize float32 = 36
)

type keyKind int

const (
	charKey keyKind = iota
	shiftKey
	backspaceKey
	enterKey
	spaceKey
	pageKey   // 123 and back to letters
	switchKey // to the next language
)

// key is one key: a button that takes the tap, and a caption or an icon
// drawn over it (captions by textview, so أبت reads right).
type key struct {
	kind keyKind
	char rune // of a charKey
	// units is the key's width, in widths of a letter key.
	units  float32
	button *widget.Button
	label  *textview.Label
	icon   *widget.Icon
	// shown is the icon drawn, before it is coloured.
	shown fyne.Resource
	view  fyne.CanvasObject
}

// renderer lays the keys out in rows, each row centred and every key
// scaled with the width the keyboard gets.
type renderer struct {
	kb    *Keyboard
	built page
	// rows hold the keys as seen, left to right, top to bottom.
	rows    [][]*key
	objects []fyne.CanvasObject
}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) Destroy() {}

// Refresh builds the keys again when the page changed (another language,
// or digits); otherwise, as after a key press, it only updates captions.
func (r *renderer) Refresh() {
	if r.kb.page() != r.built {
		r.build()
		r.Layout(r.kb.Size())
		canvas.Refresh(r.kb)
		return
	}
	r.update()
}

func (r *renderer) gap() float32 { return r.kb.Theme().Size(theme.SizeNamePadding) }

// units is the width of a row, in letter key widths.
func units(row []*key) float32 {
	var u float32
	for _, k := range row {
		u += k.units
	}
	return u
}

func (r *renderer) MinSize() fyne.Size {
	gap := r.gap()
	var width float32
	for _, row := range r.rows {
		width = max(width, units(row)*minKeyWidth+gap*float32(len(row)-1))
	}
	n := float32(len(r.rows))
	return fyne.NewSize(width, n*keyHeight+gap*(n-1))
}

// Layout gives every row the same height, and a letter key the widest
// width at which every row fits.
func (r *renderer) Layout(size fyne.Size) {
	gap := r.gap()
	n := float32(len(r.rows))
	height := (size.Height - gap*(n-1)) / n
	unit := size.Width
	for _, row := range r.rows {
		unit = min(unit, (size.Width-gap*float32(len(row)-1))/units(row))
	}
	y := float32(0)
	for _, row := range r.rows {
		width := units(row)*unit + gap*float32(len(row)-1)
		x := (size.Width - width) / 2
		for _, k := range row {
			k.view.Move(fyne.NewPos(x, y))
			k.view.Resize(fyne.NewSize(k.units*unit, height))
			x += k.units*unit + gap
		}
		y += height + gap
	}
}

// build makes the keys of the page the keyboard shows.
func (r *renderer) build() {
	kb := r.kb
	l := kb.layout()
	r.built = kb.page()
	chars, mirrorChars := l.rows, l.rtl
	if kb.digits {
		chars, mirrorChars = append(append([]string(nil), digitRows...), l.punct), false
	}
	r.rows = nil
	var widest float32
	for i, line := range chars {
		var lead, trail []*key
		if i == len(chars)-1 {
			if !kb.digits && l.cased() {
				lead = []*key{r.newKey(shiftKey, 1.5)}
			}
			trail = []*key{r.newKey(backspaceKey, 1.5)}
		}
		row := arrange(lead, r.charKeys(line), trail, l.rtl, mirrorChars)
		widest = max(widest, units(row))
		r.rows = append(r.rows, row)
	}
	r.rows = append(r.rows, r.bottomRow(widest, l.rtl))
	r.objects = nil
	for _, row := range r.rows {
		for _, k := range row {
			r.objects = append(r.objects, k.view)
		}
	}
	r.update()
}

// bottomRow is the page key, the language key, space filling the width
// of the rows above, and return.
func (r *renderer) bottomRow(widest float32, rtl bool) []*key {
	lead := []*key{r.newKey(pageKey, 1.5), r.newKey(switchKey, 1.5)}
	trail := []*key{r.newKey(enterKey, 2)}
	space := r.newKey(spaceKey, max(3, widest-units(lead)-units(trail)))
	return arrange(lead, []*key{space}, trail, rtl, true)
}

// arrange puts a row's keys in the order they are seen: as listed, or for
// a right-to-left layout with lead and trail swapped (backspace on the
// left) and the middle read from the right when mirrorMid is set.
func arrange(lead, mid, trail []*key, rtl, mirrorMid bool) []*key {
	if !rtl {
		return append(append(append([]*key(nil), lead...), mid...), trail...)
	}
	row := reversed(trail)
	if mirrorMid {
		row = append(row, reversed(mid)...)
	} else {
		row = append(row, mid...)
	}
	return append(row, reversed(lead)...)
}

func reversed(keys []*key) []*key {
	out := make([]*key, len(keys))
	for i, k := range keys {
		out[len(keys)-1-i] = k
	}
	return out
}

func (r *renderer) charKeys(line string) []*key {
	var keys []*key
	for _, c := range line {
		k := r.newKey(charKey, 1)
		k.char = c
		keys = append(keys, k)
	}
	return keys
}

// newKey makes a key with the look its kind has: a caption, an icon, or
// (the space bar) nothing.
func (r *renderer) newKey(kind keyKind, units float32) *key {
	k := &key{kind: kind, units: units}
	k.button = widget.NewButton("", func() { r.kb.press(k) })
	var face fyne.CanvasObject
	switch kind {
	case charKey, pageKey, switchKey:
		k.label = textview.NewLabel("", bidi.LeftToRight)
		k.label.Wrapping = false
		k.label.SizeName = theme.SizeNameSubHeadingText
		face = k.label
	case shiftKey, backspaceKey, enterKey:
		k.icon = widget.NewIcon(nil)
		face = container.NewGridWrap(fyne.NewSize(iconSize, iconSize), k.icon)
	}
	if kind == enterKey {
		k.button.Importance = widget.HighImportance
	}
	k.view = k.button
	if face != nil {
		k.view = container.NewStack(k.button, container.NewCenter(face))
	}
	return k
}

// update sets every caption and icon for the keyboard's state, touching
// only those that change, so a key press redraws few objects.
func (r *renderer) update() {
	for _, row := range r.rows {
		for _, k := range row {
			r.updateKey(k)
		}
	}
}

func (r *renderer) updateKey(k *key) {
	kb, l := r.kb, r.kb.layout()
	switch k.kind {
	case charKey:
		text := string(k.char)
		if kb.shift {
			text = strings.ToUpper(text)
		}
		// Symbols are drawn left to right even in Arabic: drawn right to
		// left, ( would show as ), beside the ( of its neighbour.
		setCaption(k.label, text, l.rtl && !kb.digits)
	case pageKey:
		if kb.digits {
			setCaption(k.label, l.letters, l.rtl)
		} else {
			setCaption(k.label, "123", false)
		}
	case switchKey:
		_, to := layoutFor(next(kb.lang))
		setCaption(k.label, to.name, to.rtl)
	case shiftKey:
		r.updateShift(k)
	case backspaceKey:
		setIcon(k, pick(l.rtl, backspaceIconRTL, backspaceIcon), theme.ColorNameForeground)
	case enterKey:
		setIcon(k, pick(l.rtl, enterIconRTL, enterIcon), theme.ColorNameForegroundOnPrimary)
	}
}

// updateShift shows shift filled and highlighted while it is on.
func (r *renderer) updateShift(k *key) {
	importance, icon, color := widget.MediumImportance, shiftOffIcon, theme.ColorNameForeground
	if r.kb.shift {
		importance, icon, color = widget.HighImportance, shiftOnIcon, theme.ColorNameForegroundOnPrimary
	}
	if k.button.Importance != importance {
		k.button.Importance = importance
		k.button.Refresh()
	}
	setIcon(k, icon, color)
}

func setCaption(l *textview.Label, text string, rtl bool) {
	dir := bidi.LeftToRight
	if rtl {
		dir = bidi.RightToLeft
	}
	if l.Text == text && l.Direction == dir {
		return
	}
	l.Direction = dir
	l.SetText(text)
}

// setIcon shows res on the key in the theme colour named color; each
// icon has one colour, so a key showing res already needs nothing.
func setIcon(k *key, res fyne.Resource, color fyne.ThemeColorName) {
	if k.shown == res {
		return
	}
	k.shown = res
	k.icon.SetResource(theme.NewColoredResource(res, color))
}

func pick(cond bool, yes, no fyne.Resource) fyne.Resource {
	if cond {
		return yes
	}
	return no
}
