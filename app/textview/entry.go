package textview

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/internal/bidi"
)

// Entry is a one-line text field that shows what is typed with the same
// bidi layout as Label, so Arabic typed into a search box reads right.
// Typing appends at the end (a kiosk's on-screen keyboard does the same);
// Backspace removes the last character.
type Entry struct {
	widget.BaseWidget

	Text        string
	PlaceHolder string
	// Direction of the text; bidi.Auto follows the first letter typed, and
	// an empty field takes Fallback (the direction of the UI).
	Direction bidi.Direction
	Fallback  bidi.Direction

	OnChanged   func(string)
	OnSubmitted func(string)
	// OnFocusChanged, if set, hears the field gain (true) and lose focus:
	// a kiosk shows its on-screen keyboard for the focused field.
	OnFocusChanged func(focused bool)
	// MaxLength caps the text in characters (0: DefaultMaxLength), so a
	// visitor tapping a key a hundred times cannot grow the field.
	MaxLength int

	focused bool
}

// NewEntry returns an empty entry for a UI read in direction ui.
func NewEntry(ui bidi.Direction) *Entry {
	e := &Entry{Direction: bidi.Auto, Fallback: ui}
	e.ExtendBaseWidget(e)
	return e
}

// DefaultMaxLength is the longest text an entry takes unless told.
const DefaultMaxLength = 200

// SetText replaces the text, as if typed.
func (e *Entry) SetText(s string) {
	e.Text = e.capped(s)
	e.changed()
}

// Type appends s, as typing it would; the on-screen keyboard calls it.
// What goes past MaxLength is dropped.
func (e *Entry) Type(s string) {
	e.Text = e.capped(e.Text + s)
	e.changed()
}

func (e *Entry) capped(s string) string {
	limit := e.MaxLength
	if limit <= 0 {
		limit = DefaultMaxLength
	}
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit])
}

func (e *Entry) changed() {
	e.Refresh()
	if e.OnChanged != nil {
		e.OnChanged(e.Text)
	}
}

// TypedRune is part of fyne.Focusable.
func (e *Entry) TypedRune(r rune) { e.Type(string(r)) }

// TypedKey is part of fyne.Focusable.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyBackspace:
		if e.Text != "" {
			_, size := utf8.DecodeLastRuneInString(e.Text)
			e.Text = e.Text[:len(e.Text)-size]
			e.changed()
		}
	case fyne.KeyEscape:
		if e.Text != "" {
			e.SetText("")
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.OnSubmitted != nil {
			e.OnSubmitted(e.Text)
		}
	}
}

// FocusGained is part of fyne.Focusable.
func (e *Entry) FocusGained() { e.setFocused(true) }

// FocusLost is part of fyne.Focusable.
func (e *Entry) FocusLost() { e.setFocused(false) }

func (e *Entry) setFocused(f bool) {
	e.focused = f
	e.Refresh()
	if e.OnFocusChanged != nil {
		e.OnFocusChanged(f)
	}
}

// Focused reports whether the entry has the keyboard focus.
func (e *Entry) Focused() bool { return e.focused }

// Tapped focuses the entry.
func (e *Entry) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

// direction is the paragraph direction the text is shown in.
func (e *Entry) direction() bidi.Direction {
	if e.Text == "" {
		return e.Fallback
	}
	if e.Direction == bidi.Auto {
		return bidi.ParagraphDirection(e.Text)
	}
	return e.Direction
}

// CreateRenderer is part of fyne.Widget.
func (e *Entry) CreateRenderer() fyne.WidgetRenderer {
	e.ExtendBaseWidget(e)
	r := &entryRenderer{entry: e, box: canvas.NewRectangle(nil), cursor: canvas.NewRectangle(nil)}
	r.label = &Label{}
	r.label.ExtendBaseWidget(r.label)
	r.Refresh()
	return r
}

type entryRenderer struct {
	entry  *Entry
	box    *canvas.Rectangle
	label  *Label
	cursor *canvas.Rectangle
}

func (r *entryRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.box, r.label, r.cursor}
}

// MinSize does not grow with the text: a long text shows its end (see
// Refresh), so typing never widens the screen.
func (r *entryRenderer) MinSize() fyne.Size {
	th := r.entry.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	text := r.label.MinSize()
	return fyne.NewSize(min(text.Width, 8*th.Size(theme.SizeNameText))+2*pad, text.Height)
}

func (r *entryRenderer) Layout(size fyne.Size) {
	r.box.Resize(size)
	r.label.Resize(size)
	r.label.Move(fyne.NewPos(0, 0))
	r.placeCursor(size)
}

// placeCursor puts the cursor at the visual end of the text: on the left
// of a right-to-left line, on the right of a left-to-right one.
func (r *entryRenderer) placeCursor(size fyne.Size) {
	th := r.entry.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	var width float32
	if r.entry.Text != "" {
		for _, p := range r.label.paragraphs {
			for _, l := range p.Lines {
				width = max(width, l.Width)
			}
		}
	}
	x := pad + width
	if r.entry.direction() == bidi.RightToLeft {
		x = size.Width - pad - width - 2
	}
	h := size.Height - 2*pad
	r.cursor.Resize(fyne.NewSize(2, h))
	r.cursor.Move(fyne.NewPos(x, pad))
}

func (r *entryRenderer) Refresh() {
	e, th := r.entry, r.entry.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.box.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.box.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	if e.focused {
		r.box.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	}
	r.box.StrokeWidth = th.Size(theme.SizeNameInputBorder)
	r.box.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.label.Wrapping, r.label.MaxLines = false, 1
	r.label.Direction = e.direction()
	r.label.Text, r.label.ColorName = r.visibleTail(), theme.ColorNameForeground
	if e.Text == "" {
		r.label.Text, r.label.ColorName = e.PlaceHolder, theme.ColorNamePlaceHolder
	}
	r.label.Refresh()
	r.cursor.FillColor = th.Color(theme.ColorNamePrimary, v)
	r.cursor.Hidden = !e.focused
	r.Layout(e.Size())
	canvas.Refresh(e)
}

func (r *entryRenderer) Destroy() {}

// visibleTail is as much of the end of the text as fits the field, after
// an ellipsis: typing appends at the end, so the end is what matters.
func (r *entryRenderer) visibleTail() string {
	e := r.entry
	room := e.Size().Width - 4*e.Theme().Size(theme.SizeNameInnerPadding)
	if room <= 0 {
		return e.Text
	}
	size, style := r.label.textSize(), r.label.TextStyle
	if measureWidth(e.Text, size, style) <= room {
		return e.Text
	}
	runes := []rune(e.Text)
	lo, hi := 0, len(runes) // the fewest leading runes to drop
	for lo < hi {
		mid := (lo + hi) / 2
		if measureWidth(Ellipsis+string(runes[mid:]), size, style) <= room {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return Ellipsis + string(runes[lo:])
}
