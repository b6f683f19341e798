package app

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/kiosk"
)

// The admin PIN is typed on an on-screen keypad: a kiosk has no keyboard.

// pinPad is a numeric keypad with the digits typed shown as dots, a
// prompt above and a line for what went wrong.
type pinPad struct {
	digits string
	prompt *textview.Label
	dots   *textview.Label
	note   *textview.Label
	// submit gets the digits when OK is pressed.
	submit func(pin string)
	ui     *UI
}

// newPinPad makes a keypad asking for prompt; the caller sets submit.
func (s *session) newPinPad(prompt string) *pinPad {
	u := s.u
	p := &pinPad{ui: u}
	p.prompt = heading(u.uiText(prompt))
	p.dots = textview.NewLabel("", bidi.LeftToRight)
	p.dots.SizeName = theme.SizeNameHeadingText
	p.note = u.uiText("")
	p.note.ColorName = theme.ColorNameError
	return p
}

// view lays the keypad out: digits as on a phone, in the same order in
// every language (keypads are not mirrored in Arabic), erase and OK on
// the last row.
func (p *pinPad) view(cancel func()) fyne.CanvasObject {
	u := p.ui
	keys := container.NewGridWithColumns(3)
	for _, d := range "123456789" {
		keys.Add(p.digitKey(d))
	}
	erase := u.iconButton(u.t("PINErase"), nil, p.erase)
	ok := u.iconButton(u.t("PINEnter"), nil, p.enter)
	ok.Importance = widget.HighImportance
	keys.Add(erase)
	keys.Add(p.digitKey('0'))
	keys.Add(ok)
	cancelButton := u.iconButton(u.t("Cancel"), nil, cancel)
	return container.NewVBox(p.prompt, p.dots, p.note, keys, cancelButton)
}

func (p *pinPad) digitKey(d rune) *widget.Button {
	return widget.NewButton(string(d), func() { p.typeDigit(d) })
}

// typeDigit adds a digit; more than a PIN can have are ignored.
func (p *pinPad) typeDigit(d rune) {
	p.ui.session.touch()
	if len(p.digits) < kiosk.MaxPINDigits {
		p.digits += string(d)
	}
	p.showDots()
}

func (p *pinPad) erase() {
	p.ui.session.touch()
	if p.digits != "" {
		p.digits = p.digits[:len(p.digits)-1]
	}
	p.showDots()
}

func (p *pinPad) enter() {
	p.ui.session.touch()
	pin := p.digits
	p.clear()
	p.submit(pin)
}

func (p *pinPad) clear() {
	p.digits = ""
	p.showDots()
}

func (p *pinPad) showDots() { p.dots.SetText(strings.Repeat("• ", len(p.digits))) }

// say shows a message under the dots (what went wrong, or what to do).
func (p *pinPad) say(s string) { p.note.SetText(s) }

// ask asks for a new prompt, as the second step of choosing a PIN.
func (p *pinPad) ask(prompt string) {
	p.prompt.SetText(prompt)
	p.say("")
}

// showPad opens the keypad in a dialog; only one is open at a time, and
// the idle reset closes it.
func (s *session) showPad(p *pinPad) {
	u := s.u
	s.closePad()
	d := u.showDialog("", p.view(func() { s.closePad() }))
	s.pinDialog = d
}

func (s *session) closePad() {
	if s.pinDialog != nil {
		s.pinDialog.Hide()
		s.pinDialog = nil
	}
}

// openAdmin is the admin button: at once on a desktop, after the PIN in
// kiosk mode (Open applies the rule, so every way to the admin screen
// goes through it).
func (s *session) openAdmin() { s.u.Open(adminPage{}) }

// unlockAdmin opens the admin screen after the right PIN.
func (s *session) unlockAdmin() {
	u := s.u
	s.unlocked = true
	u.Open(adminPage{})
}

// askPIN asks for the admin PIN and calls then when it is right. It only
// ever asks for the PIN that is set: with none, or a damaged one, no PIN
// typed here can unlock, and the notice says how staff set a new one
// outside the window.
func (s *session) askPIN(then func()) {
	u := s.u
	switch s.admin.Status().PIN {
	case kiosk.NoPIN:
		s.showPINNotice(u.tf("PinNoneSet", pinCommandName()))
		return
	case kiosk.PINDamaged:
		s.showPINNotice(u.tf("PinDamagedLocked", pinCommandName()))
		return
	}
	pad := s.newPinPad(u.t("PINPrompt"))
	pad.submit = func(pin string) {
		ok, err := s.admin.CheckPIN(pin)
		switch {
		case ok:
			s.closePad()
			then()
		case errors.Is(err, kiosk.ErrPINDamaged), errors.Is(err, kiosk.ErrNoPIN):
			s.askPIN(then) // changed under the running app: the notice
		default:
			pad.say(s.pinError(err))
		}
	}
	if locked := s.admin.Lockout(); locked != nil {
		pad.say(s.pinError(locked))
	}
	s.showPad(pad)
}

// choosePIN asks for a new PIN twice and saves it; why says why (shown
// under the prompt), then runs after the PIN is saved. Only the admin
// screen calls it, which in kiosk mode shows only after the PIN.
func (s *session) choosePIN(why string, then func()) {
	u := s.u
	rule := u.tf("PINNew", s.pinLimits())
	pad := s.newPinPad(rule)
	first := ""
	pad.submit = func(pin string) {
		switch {
		case first == "":
			if _, ok := kiosk.NormalizePIN(pin); !ok {
				pad.say(s.pinError(kiosk.ErrPINRule))
				return
			}
			first = pin
			pad.ask(u.t("PINRepeat"))
		case pin != first:
			first = ""
			pad.ask(rule)
			pad.say(u.t("PINMismatch"))
		default:
			if err := s.admin.SetPIN(pin); err != nil {
				pad.say(s.pinError(err))
				return
			}
			s.closePad()
			then()
		}
	}
	pad.say(why)
	s.showPad(pad)
}

// changePIN is the admin screen's "Set a new PIN". In kiosk mode that
// screen shows only after the PIN (see Open), so the old one is not asked
// again.
func (s *session) changePIN(done func()) { s.choosePIN("", done) }

func (s *session) pinLimits() map[string]any {
	u := s.u
	return map[string]any{"Min": u.loc.Number(kiosk.MinPINDigits), "Max": u.loc.Number(kiosk.MaxPINDigits)}
}

// pinError says what went wrong with a PIN in the reader's language.
func (s *session) pinError(err error) string {
	u := s.u
	var wrong *kiosk.WrongPINError
	var locked *kiosk.LockedError
	switch {
	case errors.As(err, &wrong):
		return u.loc.N("KioskWrongPIN", wrong.TriesLeft, nil)
	case errors.As(err, &locked):
		return s.lockedText(locked)
	case errors.Is(err, kiosk.ErrPINRule):
		return u.tf("KioskPINRule", s.pinLimits())
	case errors.Is(err, kiosk.ErrNoPIN):
		return u.t("KioskNoPIN")
	case errors.Is(err, kiosk.ErrPINDamaged):
		return u.tf("PinDamagedLocked", pinCommandName())
	case err == nil:
		return ""
	}
	return u.tf("KioskError", map[string]any{"Error": err.Error()})
}

// lockedText says until when the PIN is locked: the time when that is
// today, else the date too (the longer lockouts run into another day).
func (s *session) lockedText(e *kiosk.LockedError) string {
	u := s.u
	if sameDay(e.Until, e.At) {
		return u.tf("KioskLocked", map[string]any{"Time": u.loc.Time(e.Until)})
	}
	return u.tf("PinLockedLong", map[string]any{"Date": u.loc.Date(e.Until), "Time": u.loc.Time(e.Until)})
}

// pinCommandName is the command that sets a PIN, kept left to right
// inside a sentence in any language.
func pinCommandName() map[string]any {
	return map[string]any{"Command": textview.Isolate("motesplats pin set")}
}

// sameDay compares days in Stockholm, where the kiosk shows its times.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.In(i18n.Stockholm).Date()
	by, bm, bd := b.In(i18n.Stockholm).Date()
	return ay == by && am == bm && ad == bd
}
