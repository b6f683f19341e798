// Package kiosk holds the rules of kiosk and desktop mode that the screens
// call: the admin settings, the admin PIN and its lockout, the idle timer
// that hands the kiosk back to the next visitor, the visitor's session,
// the guide's "My list" and what may close the window or open a link.
//
// It never imports Fyne, so every rule is tested without a window. Kiosk
// mode and the admin PIN live in a small file of their own in the data
// folder (kiosk.json, see Admin), where damage to the content store
// cannot reach them; the other settings live in the store's settings,
// behind the two-method Settings interface that *store.Store satisfies.
package kiosk

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/motesplats/motesplats/internal/content"
)

// Settings is the part of *store.Store the kiosk rules use.
type Settings interface {
	Setting(key string) (value string, ok bool, err error)
	SetSetting(key, value string) error
}

// Setting keys. KeyLanguage is the key the app already used for the chosen
// language; it now also is the language a kiosk returns to after a visitor.
// The feed address stays under sync.SettingFeed ("feed.url").
const (
	KeyLanguage       = "language"
	KeyIdleSeconds    = "kiosk.idle_seconds"
	KeyCountdown      = "kiosk.countdown_seconds"
	KeyMunicipalities = "kiosk.municipalities"
	KeyMyList         = "mylist"
	KeyPlaceName      = "kiosk.place_name"
)

// The store keys that held kiosk mode, the PIN and its tries before the
// kiosk file; read only to move them into it (see Admin.migrate).
const (
	KeyKiosk    = "kiosk.enabled"
	KeyPIN      = "kiosk.pin"
	KeyPINTries = "kiosk.pin_tries"
)

// Limits of the timing settings, in seconds. The countdown may take at most
// half the idle time, so a visitor always gets the first half undisturbed.
const (
	DefaultIdleSeconds = 120
	MinIdleSeconds     = 30
	MaxIdleSeconds     = 1800

	DefaultCountdownSeconds = 10
	MinCountdownSeconds     = 5
	MaxCountdownSeconds     = 30
)

// Config is what the admin screen edits.
type Config struct {
	// Kiosk is true when the app starts full screen behind the admin PIN.
	Kiosk bool
	// DefaultLang is the language a kiosk starts in and returns to. It is
	// empty when never chosen; the UI then uses the system's language.
	DefaultLang content.Lang
	// IdleSeconds without a touch or key send the kiosk back to Home.
	IdleSeconds int
	// CountdownSeconds are the last seconds of IdleSeconds during which
	// the visitor sees the countdown.
	CountdownSeconds int
	// Municipalities lists the ids of the municipalities shown; empty
	// means all of them.
	Municipalities []string
	// PlaceName is the meeting place's name, shown at the top of Home as
	// typed (names are not translated); empty shows none.
	PlaceName string
}

// MaxPlaceNameRunes bounds a meeting place's name: one line on Home.
const MaxPlaceNameRunes = 60

// Defaults returns the configuration of a kiosk nobody has set up.
func Defaults() Config {
	return Config{IdleSeconds: DefaultIdleSeconds, CountdownSeconds: DefaultCountdownSeconds}
}

// IdleTime is IdleSeconds as a duration.
func (c Config) IdleTime() time.Duration { return time.Duration(c.IdleSeconds) * time.Second }

// Countdown is CountdownSeconds as a duration.
func (c Config) Countdown() time.Duration { return time.Duration(c.CountdownSeconds) * time.Second }

// SettingError says which setting has which bad value. Min and Max are set
// for the number settings, so the UI can say the allowed range.
type SettingError struct {
	Key      string
	Value    string
	Min, Max int
}

func (e *SettingError) Error() string {
	if e.Min != 0 || e.Max != 0 {
		return fmt.Sprintf("kiosk: setting %s = %q: must be a whole number between %d and %d",
			e.Key, e.Value, e.Min, e.Max)
	}
	if e.Key == KeyPlaceName {
		return fmt.Sprintf("kiosk: setting %s = %q: must be one line of at most %d characters", e.Key, e.Value, MaxPlaceNameRunes)
	}
	return fmt.Sprintf("kiosk: setting %s = %q is not valid", e.Key, e.Value)
}

// Validate returns a *SettingError for the first bad value, or nil.
func (c Config) Validate() error {
	if c.DefaultLang != "" && !c.DefaultLang.Known() {
		return &SettingError{Key: KeyLanguage, Value: string(c.DefaultLang)}
	}
	if err := checkRange(KeyIdleSeconds, c.IdleSeconds, MinIdleSeconds, MaxIdleSeconds); err != nil {
		return err
	}
	if err := checkRange(KeyCountdown, c.CountdownSeconds, MinCountdownSeconds, maxCountdown(c.IdleSeconds)); err != nil {
		return err
	}
	for _, id := range c.Municipalities {
		if !content.ValidID(id) {
			return &SettingError{Key: KeyMunicipalities, Value: id}
		}
	}
	return checkPlaceName(c.PlaceName)
}

// checkPlaceName refuses a name Home cannot show on one line: too long,
// not UTF-8, or holding line breaks or other control characters.
func checkPlaceName(name string) error {
	if utf8.RuneCountInString(name) > MaxPlaceNameRunes || !utf8.ValidString(name) ||
		strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return &SettingError{Key: KeyPlaceName, Value: name}
	}
	return nil
}

func checkRange(key string, v, lo, hi int) error {
	if v < lo || v > hi {
		return &SettingError{Key: key, Value: strconv.Itoa(v), Min: lo, Max: hi}
	}
	return nil
}

// Load reads the configuration: kiosk mode from a's kiosk file, the rest
// from s. Settings never saved take their defaults. A stored value that is
// unreadable or out of range also falls back to its default and is
// reported in the error (one *SettingError per bad value, joined), so the
// returned Config is always usable: a kiosk must start even when a
// setting is damaged. A damaged kiosk file means kiosk mode (fail closed).
func Load(s Settings, a *Admin) (Config, error) {
	c := Defaults()
	var errs []error
	note := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	var err error
	c.Kiosk, err = a.KioskOn()
	note(err)
	note(loadLang(s, &c.DefaultLang))
	note(loadInt(s, KeyIdleSeconds, &c.IdleSeconds, MinIdleSeconds, MaxIdleSeconds, DefaultIdleSeconds))
	note(loadInt(s, KeyCountdown, &c.CountdownSeconds, MinCountdownSeconds,
		maxCountdown(c.IdleSeconds), DefaultCountdownSeconds))
	note(loadMunicipalities(s, &c.Municipalities))
	note(loadPlaceName(s, &c.PlaceName))
	return c, errors.Join(errs...)
}

// Save validates c and stores it: kiosk mode in a's kiosk file, the rest
// in s. Kiosk mode cannot be switched on before an admin PIN exists
// (ErrNoPIN): nobody could leave it again.
func Save(s Settings, a *Admin, c Config) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.Kiosk && a.CanStartKiosk() != nil {
		return ErrNoPIN
	}
	ids, err := json.Marshal(nonNil(c.Municipalities))
	if err != nil {
		return err
	}
	values := [][2]string{
		{KeyIdleSeconds, strconv.Itoa(c.IdleSeconds)},
		{KeyCountdown, strconv.Itoa(c.CountdownSeconds)},
		{KeyMunicipalities, string(ids)},
		{KeyPlaceName, strings.TrimSpace(c.PlaceName)},
	}
	if c.DefaultLang != "" {
		values = append(values, [2]string{KeyLanguage, string(c.DefaultLang)})
	}
	for _, kv := range values {
		if err := s.SetSetting(kv[0], kv[1]); err != nil {
			return fmt.Errorf("kiosk: saving %s: %w", kv[0], err)
		}
	}
	return a.SetKiosk(c.Kiosk)
}

// maxCountdown is the longest countdown an idle time allows: at most
// half of it, so a visitor has time before the countdown shows.
func maxCountdown(idleSeconds int) int { return min(MaxCountdownSeconds, idleSeconds/2) }

// nonNil makes a nil list an empty one, which JSON writes as [] (null
// would read back as "never set").
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

func loadLang(s Settings, dst *content.Lang) error {
	v, ok, err := s.Setting(KeyLanguage)
	if err != nil || !ok {
		return err
	}
	if !content.Lang(v).Known() {
		return &SettingError{Key: KeyLanguage, Value: v}
	}
	*dst = content.Lang(v)
	return nil
}

func loadInt(s Settings, key string, dst *int, lo, hi, def int) error {
	v, ok, err := s.Setting(key)
	if err != nil || !ok {
		*dst = def
		return err
	}
	n, perr := strconv.Atoi(v)
	if perr != nil || n < lo || n > hi {
		*dst = def
		return &SettingError{Key: key, Value: v, Min: lo, Max: hi}
	}
	*dst = n
	return nil
}

func loadMunicipalities(s Settings, dst *[]string) error {
	v, ok, err := s.Setting(KeyMunicipalities)
	if err != nil || !ok {
		return err
	}
	var ids []string
	if json.Unmarshal([]byte(v), &ids) != nil {
		return &SettingError{Key: KeyMunicipalities, Value: v}
	}
	for _, id := range ids {
		if !content.ValidID(id) {
			return &SettingError{Key: KeyMunicipalities, Value: id}
		}
	}
	*dst = ids
	return nil
}

func loadPlaceName(s Settings, dst *string) error {
	v, ok, err := s.Setting(KeyPlaceName)
	if err != nil || !ok {
		return err
	}
	if err := checkPlaceName(v); err != nil {
		return err
	}
	*dst = v
	return nil
}
