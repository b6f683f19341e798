package kiosk

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/argon2"
)

// PIN rules.
const (
	MinPINDigits = 4
	MaxPINDigits = 12
	// MaxTries wrong PINs in a row lock the PIN for the next lockout.
	MaxTries = 5
)

// lockouts are the lockouts that follow one another until the right PIN:
// each run of MaxTries wrong PINs locks longer, up to a day, so a guesser
// gets about five tries a day after the first day rather than 1,440.
var lockouts = []time.Duration{5 * time.Minute, 15 * time.Minute, time.Hour, 4 * time.Hour, 16 * time.Hour, 24 * time.Hour}

// LockoutFor is the length of the n-th lockout in a row (n from 1).
func LockoutFor(n int) time.Duration {
	return lockouts[min(max(n, 1), len(lockouts))-1]
}

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
// refused until Until. At is when that was found, on the Admin's clock,
// so the UI can tell a lockout that ends today from a longer one.
type LockedError struct{ Until, At time.Time }

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

// Admin keeps kiosk mode and the admin PIN in the kiosk file (FileName)
// and guards the admin screen with the PIN. Every question reads the
// file again, so `motesplats pin set` takes effect in a running app. It
// is safe for concurrent use; the tries are in the file, so restarting
// the app does not reset a lockout.
type Admin struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// KDF is the cost for new PINs; zero means DefaultKDF. Tests lower it.
	KDF KDF

	path   string
	legacy Settings // the store, read once to move old settings into the file
	mu     sync.Mutex
}

// NewAdmin returns the Admin of the data folder dir. legacy, when not
// nil, is the store whose settings held kiosk mode and the PIN before
// the kiosk file existed; they are moved into the file at the first read.
func NewAdmin(dir string, legacy Settings) *Admin {
	return &Admin{path: filepath.Join(dir, FileName), legacy: legacy}
}

// Path is the kiosk file's path.
func (a *Admin) Path() string { return a.path }

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

// PINState says whether a PIN can unlock the kiosk.
type PINState int

const (
	// NoPIN: none was ever set.
	NoPIN PINState = iota
	// PINSet: a PIN is set and readable.
	PINSet
	// PINDamaged: the stored hash or the kiosk file is damaged, so no
	// PIN unlocks until staff set a new one outside the window.
	PINDamaged
)

// Status is what the kiosk file says, for `motesplats pin status` and
// the screens.
type Status struct {
	Kiosk bool
	PIN   PINState
	// LockedUntil is the end of the lockout now running; zero when none.
	LockedUntil time.Time
	// Lockouts counts the lockouts since the last right PIN.
	Lockouts int
	// Damaged says why the kiosk file could not be read; nil when it
	// could. Kiosk is then true and PIN is PINDamaged.
	Damaged error
}

// Status reads the kiosk file.
func (a *Admin) Status() Status {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.readFile()
	st := Status{Kiosk: s.Kiosk, PIN: pinState(s), Lockouts: s.Tries.Lockouts, Damaged: s.Damaged}
	if s.Damaged == nil {
		t := a.currentTries(&s)
		st.LockedUntil = t.LockedUntil
	}
	return st
}

func pinState(s security) PINState {
	switch {
	case s.Damaged != nil:
		return PINDamaged
	case s.PIN == "":
		return NoPIN
	}
	if _, _, _, err := decodeHash(s.PIN); err != nil {
		return PINDamaged
	}
	return PINSet
}

// KioskOn tells whether the app starts in kiosk mode. A damaged kiosk
// file says yes: the error is why.
func (a *Admin) KioskOn() (bool, error) {
	s := a.Status()
	return s.Kiosk, s.Damaged
}

// CanStartKiosk says whether kiosk mode may start: not without a PIN,
// as nobody could leave it again (ErrNoPIN). A damaged PIN does not
// stop it: that kiosk starts locked, which is the safe side.
func (a *Admin) CanStartKiosk() error {
	if a.Status().PIN == NoPIN {
		return ErrNoPIN
	}
	return nil
}

// SetKiosk stores whether the app starts in kiosk mode. Turning it on
// needs a readable PIN; a damaged kiosk file is left for `pin set`.
func (a *Admin) SetKiosk(on bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.readFile()
	if s.Damaged != nil {
		return s.Damaged
	}
	if on {
		switch pinState(s) {
		case NoPIN:
			return ErrNoPIN
		case PINDamaged:
			return ErrPINDamaged
		}
	}
	if s.Kiosk == on {
		return nil
	}
	s.Kiosk = on
	return a.writeFile(s)
}

// SetPIN stores pin hashed with a fresh random salt and clears any count
// of wrong tries and lockouts. Callers check the old PIN first when one
// exists (the admin screen is shown only after it; `motesplats pin set`
// runs on the machine, outside the kiosk).
func (a *Admin) SetPIN(pin string) error {
	hash, err := HashPIN(pin, a.kdf())
	if err != nil {
		return err
	}
	return a.setHash(hash)
}

// SetPINHash stores a hash made by HashPIN (`motesplats pin hash`), as
// a provisioning file gives it; a hash that cannot be read is refused.
func (a *Admin) SetPINHash(hash string) error {
	if _, _, _, err := decodeHash(hash); err != nil {
		return fmt.Errorf("kiosk: %q is not an argon2id PIN hash from `motesplats pin hash`", hash)
	}
	return a.setHash(hash)
}

// setHash replaces the PIN. On a damaged kiosk file kiosk mode is on:
// that is what the damage meant until now, and the admin can leave it
// with the new PIN.
func (a *Admin) setHash(hash string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.readFile()
	if s.Damaged != nil {
		s = security{Kiosk: true}
	}
	s.PIN, s.Tries = hash, tries{}
	return a.writeFile(s)
}

// CheckPIN compares pin with the stored one. ok is true only when err is
// nil. A wrong PIN gives *WrongPINError, the wrong PIN that uses up the
// last try and every PIN during the lockout give *LockedError, no PIN set
// gives ErrNoPIN and a damaged PIN or kiosk file an error matching
// ErrPINDamaged. The right PIN resets the count of wrong tries and
// lockouts.
func (a *Admin) CheckPIN(pin string) (ok bool, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.readFile()
	if s.Damaged != nil {
		return false, s.Damaged
	}
	if s.PIN == "" {
		return false, ErrNoPIN
	}
	if t := a.currentTries(&s); !t.LockedUntil.IsZero() {
		return false, &LockedError{Until: t.LockedUntil, At: a.now()}
	}
	match, err := matchHash(s.PIN, pin)
	if err != nil {
		return false, err
	}
	if match {
		if s.Tries == (tries{}) {
			return true, nil
		}
		s.Tries = tries{}
		return true, a.writeFile(s)
	}
	return false, a.countWrong(s)
}

// Locked tells whether the PIN is locked now, and until when.
func (a *Admin) Locked() (until time.Time, locked bool, err error) {
	st := a.Status()
	return st.LockedUntil, !st.LockedUntil.IsZero(), st.Damaged
}

// Lockout is the lockout running now, nil when none.
func (a *Admin) Lockout() *LockedError {
	if until, locked, _ := a.Locked(); locked {
		return &LockedError{Until: until, At: a.now()}
	}
	return nil
}

// countWrong records one more wrong PIN and returns the error to show.
func (a *Admin) countWrong(s security) error {
	t := &s.Tries
	t.Wrong++
	if t.Wrong >= MaxTries {
		t.Lockouts++
		t.Wrong, t.LockedUntil = 0, a.now().Add(LockoutFor(t.Lockouts))
	}
	if err := a.writeFile(s); err != nil {
		return err
	}
	if !t.LockedUntil.IsZero() {
		return &LockedError{Until: t.LockedUntil, At: a.now()}
	}
	return &WrongPINError{TriesLeft: MaxTries - t.Wrong}
}

// tries is the stored count of wrong PINs in a row, the end of the
// lockout they caused, and how many lockouts came since the right PIN.
type tries struct {
	Wrong       int       `json:"wrong"`
	LockedUntil time.Time `json:"lockedUntil,omitzero"`
	Lockouts    int       `json:"lockouts"`
}

// currentTries ends a lockout whose time is over (the next wrong run
// locks longer: Lockouts stays) and saves that. A lockout further away
// than its own length means the clock was set back; it is shortened to
// its length from now, or the kiosk could stay locked for as long as the
// clock was wrong.
func (a *Admin) currentTries(s *security) tries {
	t := &s.Tries
	now := a.now()
	switch {
	case t.LockedUntil.IsZero():
		return *t
	case !now.Before(t.LockedUntil):
		t.LockedUntil = time.Time{}
	case t.LockedUntil.Sub(now) > LockoutFor(t.Lockouts):
		t.LockedUntil = now.Add(LockoutFor(t.Lockouts))
	default:
		return *t
	}
	// Failing to save only means the same change is made at the next read.
	_ = a.writeFile(*s)
	return *t
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

// HashPIN checks pin against the PIN rules and hashes it with a fresh
// random salt at cost k, in the form the kiosk file stores.
func HashPIN(pin string, k KDF) (string, error) {
	digits, ok := NormalizePIN(pin)
	if !ok {
		return "", ErrPINRule
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	return encodeHash(k, salt, digits), nil
}

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
