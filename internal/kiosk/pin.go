package kiosk

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/argon2"
)

// PIN rules and lockout.
const (
	MinPINDigits = 4
	MaxPINDigits = 12
	// MaxTries wrong PINs in a row lock the PIN for Lockout.
	MaxTries = 5
	Lockout  = 5 * time.Minute
)

// ErrNoPIN: no admin PIN has been set, so kiosk mode cannot be entered
// (nobody could leave it) and there is nothing to check against.
var ErrNoPIN = errors.New("kiosk: no admin PIN has been set")

// ErrPINRule: a new PIN is not 4–12 digits.
var ErrPINRule = fmt.Errorf("kiosk: the PIN must be %d–%d digits", MinPINDigits, MaxPINDigits)

// WrongPINError: the PIN did not match; TriesLeft more wrong PINs are
// allowed before the lockout.
type WrongPINError struct{ TriesLeft int }

func (e *WrongPINError) Error() string {
	return fmt.Sprintf("kiosk: wrong PIN, %d tries left", e.TriesLeft)
}

// LockedError: too many wrong PINs; every PIN, even the right one, is
// refused until Until.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return "kiosk: the PIN is locked until " + e.Until.Format(time.RFC3339)
}

// KDF is the cost of argon2id. Each stored hash records its own cost, so
// changing the default later does not break PINs already set.
type KDF struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultKDF (RFC 9106's memory-hard shape, one pass over 64 MiB) takes
// about 0.1 s on two cores: costly for someone guessing a copied hash,
// unnoticed by a person. A PIN has few possible values, so the lockout,
// not the KDF, is what stops guessing at the kiosk.
var DefaultKDF = KDF{Time: 1, Memory: 64 * 1024, Threads: 2}

// Admin guards the admin screen with the PIN. It is safe for concurrent
// use; the tries are counted in the settings so restarting the app does
// not reset a lockout.
type Admin struct {
	Settings Settings
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// KDF is the cost for new PINs; zero means DefaultKDF. Tests lower it.
	KDF KDF

	mu sync.Mutex
}

// NewAdmin returns an Admin on s with the real clock and default cost.
func NewAdmin(s Settings) *Admin { return &Admin{Settings: s} }

func (a *Admin) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *Admin) kdf() KDF {
	if a.KDF == (KDF{}) {
		return DefaultKDF
	}
	return a.KDF
}

// HasPIN tells whether a PIN has been set.
func (a *Admin) HasPIN() (bool, error) {
	v, ok, err := a.Settings.Setting(KeyPIN)
	return ok && v != "", err
}

// SetPIN stores pin hashed with a fresh random salt and clears any count
// of wrong tries. Callers check the old PIN first when one exists.
func (a *Admin) SetPIN(pin string) error {
	digits, ok := NormalizePIN(pin)
	if !ok {
		return ErrPINRule
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.Settings.SetSetting(KeyPIN, encodeHash(a.kdf(), salt, digits)); err != nil {
		return err
	}
	return a.saveTries(tries{})
}

// CheckPIN compares pin with the stored one. ok is true only when err is
// nil. A wrong PIN gives *WrongPINError, the wrong PIN that uses up the
// last try and every PIN during the lockout give *LockedError, and no PIN
// set gives ErrNoPIN. The right PIN resets the count of wrong tries.
func (a *Admin) CheckPIN(pin string) (ok bool, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	stored, found, err := a.Settings.Setting(KeyPIN)
	if err != nil {
		return false, err
	}
	if !found || stored == "" {
		return false, ErrNoPIN
	}
	t, err := a.currentTries()
	if err != nil {
		return false, err
	}
	if !t.LockedUntil.IsZero() {
		return false, &LockedError{Until: t.LockedUntil}
	}
	match, err := matchHash(stored, pin)
	if err != nil {
		return false, err
	}
	if match {
		return true, a.saveTries(tries{})
	}
	return false, a.countWrong(t)
}

// Locked tells whether the PIN is locked now, and until when.
func (a *Admin) Locked() (until time.Time, locked bool, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	t, err := a.currentTries()
	return t.LockedUntil, !t.LockedUntil.IsZero(), err
}

// countWrong records one more wrong PIN and returns the error to show.
func (a *Admin) countWrong(t tries) error {
	t.Wrong++
	if t.Wrong >= MaxTries {
		t = tries{LockedUntil: a.now().Add(Lockout)}
	}
	if err := a.saveTries(t); err != nil {
		return err
	}
	if !t.LockedUntil.IsZero() {
		return &LockedError{Until: t.LockedUntil}
	}
	return &WrongPINError{TriesLeft: MaxTries - t.Wrong}
}

// tries is the stored count of wrong PINs in a row, or the end of the
// lockout they caused.
type tries struct {
	Wrong       int       `json:"wrong,omitempty"`
	LockedUntil time.Time `json:"lockedUntil,omitzero"`
}

// currentTries reads the count and ends a lockout whose time is over. A
// lockout further away than Lockout means the clock was set back; it is
// shortened to Lockout from now, or the kiosk could stay locked for as long
// as the clock was wrong.
func (a *Admin) currentTries() (tries, error) {
	var t tries
	v, ok, err := a.Settings.Setting(KeyPINTries)
	if err != nil {
		return t, err
	}
	if ok && json.Unmarshal([]byte(v), &t) != nil {
		// A damaged count must not open the way to unlimited guesses.
		t = tries{Wrong: MaxTries - 1}
	}
	now := a.now()
	switch {
	case t.LockedUntil.IsZero():
		return t, nil
	case !now.Before(t.LockedUntil):
		t = tries{}
	case t.LockedUntil.Sub(now) > Lockout:
		t.LockedUntil = now.Add(Lockout)
	default:
		return t, nil
	}
	return t, a.saveTries(t)
}

func (a *Admin) saveTries(t tries) error {
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return a.Settings.SetSetting(KeyPINTries, string(b))
}

// NormalizePIN returns pin in ASCII digits and whether it follows the PIN
// rules. Arabic-Indic and other decimal digits count as their ASCII value,
// because the on-screen keyboard in Arabic may type them.
func NormalizePIN(pin string) (string, bool) {
	var b strings.Builder
	n := 0
	for _, r := range pin {
		d, ok := digitValue(r)
		if !ok {
			return "", false
		}
		b.WriteByte('0' + d)
		n++
	}
	if n < MinPINDigits || n > MaxPINDigits {
		return "", false
	}
	return b.String(), true
}

// zeros are the zero digits of the decimal digit runs a kiosk keyboard can
// type: ASCII, Arabic-Indic, Extended Arabic-Indic (Persian, Urdu) and
// full-width.
var zeros = []rune{'0', '\u0660', '\u06F0', '\uFF10'}

func digitValue(r rune) (byte, bool) {
	for _, z := range zeros {
		if r >= z && r <= z+9 {
			return byte(r - z), true
		}
	}
	return 0, false
}

// The stored form is PHC-like: argon2id$v=19$m=65536,t=2,p=2$salt$hash.
const hashScheme = "argon2id"

var b64 = base64.RawStdEncoding

func encodeHash(k KDF, salt []byte, digits string) string {
	key := argon2.IDKey([]byte(digits), salt, k.Time, k.Memory, k.Threads, 32)
	return fmt.Sprintf("%s$v=%d$m=%d,t=%d,p=%d$%s$%s", hashScheme, argon2.Version,
		k.Memory, k.Time, k.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// matchHash hashes pin with the stored salt and cost and compares in
// constant time. A PIN that breaks the rules cannot match but still counts
// as a wrong try, so it is not an error.
func matchHash(stored, pin string) (bool, error) {
	k, salt, want, err := decodeHash(stored)
	if err != nil {
		return false, err
	}
	digits, ok := NormalizePIN(pin)
	if !ok {
		return false, nil
	}
	got := argon2.IDKey([]byte(digits), salt, k.Time, k.Memory, k.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// ErrPINDamaged: the stored PIN hash cannot be read, so no PIN matches.
// Only SetPIN replaces it, which needs a way in that does not ask for the
// PIN (e.g. the command line on the machine).
var ErrPINDamaged = errors.New("kiosk: the stored PIN hash is damaged")

func decodeHash(s string) (k KDF, salt, key []byte, err error) {
	parts := strings.Split(s, "$")
	if len(parts) != 5 || parts[0] != hashScheme {
		return k, nil, nil, ErrPINDamaged
	}
	var v int
	if _, err := fmt.Sscanf(parts[1], "v=%d", &v); err != nil || v != argon2.Version {
		return k, nil, nil, ErrPINDamaged
	}
	if _, err := fmt.Sscanf(parts[2], "m=%d,t=%d,p=%d", &k.Memory, &k.Time, &k.Threads); err != nil {
		return k, nil, nil, ErrPINDamaged
	}
	// Refuse costs no kiosk could afford rather than hang the admin screen.
	if k.Time == 0 || k.Time > 16 || k.Threads == 0 || k.Memory < 8 || k.Memory > 1<<20 {
		return k, nil, nil, ErrPINDamaged
	}
	salt, err1 := b64.DecodeString(parts[3])
	key, err2 := b64.DecodeString(parts[4])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 {
		return k, nil, nil, ErrPINDamaged
	}
	return k, salt, key, nil
}
