// Package keyboard is an on-screen keyboard for a kiosk that has no real
// one: Swedish, Ukrainian, Arabic and English letters and a digits page,
// typing into a search box.
package keyboard

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/internal/content"
)

// Target is what the keys type into. fyne.Focusable has both methods, so
// widget.Entry and textview.Entry are Targets.
type Target interface {
	TypedRune(rune)
	TypedKey(*fyne.KeyEvent)
}

// Keyboard is the on-screen keyboard widget. Its keys are Fyne buttons,
// which on the desktop driver leave the focus where it was, so the search
// box stays focused while typing.
type Keyboard struct {
	widget.BaseWidget

	// OnKey, if set, is called after every key press, for example to keep
	// the kiosk from going idle while someone types.
	OnKey func()

	target Target
	lang   content.Lang
	digits bool
	shift  bool
}

// New returns a keyboard typing into target (which may be nil until
// SetTarget), showing Swedish letters.
func New(target Target) *Keyboard {
	k := &Keyboard{target: target, lang: content.Swedish}
	k.ExtendBaseWidget(k)
	return k
}

// SetTarget changes what the keys type into.
func (k *Keyboard) SetTarget(t Target) { k.target = t }

// SetLayout shows the letters for a language (Swedish for one without a
// keyboard of its own), as when the visitor chooses a UI language.
func (k *Keyboard) SetLayout(lang content.Lang) {
	k.lang, _ = layoutFor(lang)
	k.digits, k.shift = false, false
	k.Refresh()
}

// Lang is the language of the letters shown.
func (k *Keyboard) Lang() content.Lang { return k.lang }

// CreateRenderer is part of fyne.Widget.
func (k *Keyboard) CreateRenderer() fyne.WidgetRenderer {
	k.ExtendBaseWidget(k)
	r := &renderer{kb: k}
	r.build()
	return r
}

// layout is the layout of the letters shown.
func (k *Keyboard) layout() layout {
	_, l := layoutFor(k.lang)
	return l
}

// page names the set of keys shown; the keys are built again only when
// it changes.
type page struct {
	lang   content.Lang
	digits bool
}

func (k *Keyboard) page() page { return page{k.lang, k.digits} }

// press does what a key does.
func (k *Keyboard) press(key *key) {
	switch key.kind {
	case charKey:
		k.typeRune(key.char)
	case spaceKey:
		k.typeRune(' ')
	case backspaceKey:
		k.typeKey(fyne.KeyBackspace)
	case enterKey:
		k.typeKey(fyne.KeyReturn)
	case shiftKey:
		k.shift = !k.shift
		k.Refresh()
	case pageKey:
		k.digits, k.shift = !k.digits, false
		k.Refresh()
	case switchKey:
		k.SetLayout(next(k.lang))
	}
	if k.OnKey != nil {
		k.OnKey()
	}
}

// typeRune types a character; shift capitalises one letter, as on a
// phone, and goes off again.
func (k *Keyboard) typeRune(r rune) {
	if k.shift && unicode.IsLetter(r) {
		r = unicode.ToUpper(r)
		k.shift = false
		k.Refresh()
	}
	if k.target != nil {
		k.target.TypedRune(r)
	}
}

func (k *Keyboard) typeKey(name fyne.KeyName) {
	if k.target != nil {
		k.target.TypedKey(&fyne.KeyEvent{Name: name})
	}
}
