package kiosk

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/motesplats/motesplats/internal/content"
)

// Provision is a provisioning file (TOML): the settings a fleet gives
// each kiosk, applied with `motesplats provision --file F`. Only the
// settings it names change; docs/kiosk.md describes the format.
type Provision struct {
	Kiosk            *bool     `toml:"kiosk"`
	IdleSeconds      *int      `toml:"idle_seconds"`
	CountdownSeconds *int      `toml:"countdown_seconds"`
	DefaultLanguage  *string   `toml:"default_language"`
	Municipalities   *[]string `toml:"municipalities"`
	PINHash          *string   `toml:"pin_hash"`
	FeedURL          *string   `toml:"feed_url"`
	PlaceName        *string   `toml:"place_name"`

	path string
	text string
}

// provisionFields are the file's settings, in the order of the docs.
var provisionFields = []string{"kiosk", "idle_seconds", "countdown_seconds", "default_language",
	"municipalities", "pin_hash", "feed_url", "place_name"}

// ProvisionError says what is wrong in a provisioning file, and where.
type ProvisionError struct {
	Path  string
	Line  int // 0 when the problem is the file as a whole
	Field string
	Msg   string
}

func (e *ProvisionError) Error() string {
	where := e.Path
	if e.Line > 0 {
		where += ":" + strconv.Itoa(e.Line)
	}
	if e.Field == "" {
		return where + ": " + e.Msg
	}
	return where + ": " + e.Field + ": " + e.Msg
}

// ReadProvision reads and checks a provisioning file: TOML syntax, known
// settings of the right types, and each value on its own. Checks that
// need the kiosk's current settings are Apply's.
func ReadProvision(path string) (*Provision, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p := &Provision{path: path, text: string(b)}
	md, err := toml.Decode(p.text, p)
	if err != nil {
		return nil, tomlError(path, err)
	}
	if unknown := md.Undecoded(); len(unknown) > 0 {
		key := unknown[0].String()
		return nil, p.fail(strings.SplitN(key, ".", 2)[0], "is not a setting (the settings are "+strings.Join(provisionFields, ", ")+")")
	}
	return p, p.checkValues()
}

// typeError is how the TOML decoder words a value of the wrong type.
var typeError = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]+)"\): (.*)$`)

// tomlError turns the decoder's error into one naming the line and field.
func tomlError(path string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &ProvisionError{Path: path, Line: pe.Position.Line, Field: pe.LastKey, Msg: pe.Message}
	}
	if m := typeError.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &ProvisionError{Path: path, Line: line, Field: m[2], Msg: m[3]}
	}
	return &ProvisionError{Path: path, Msg: err.Error()}
}

// checkValues checks what can be checked without the kiosk at hand.
func (p *Provision) checkValues() error {
	if l := p.DefaultLanguage; l != nil && !content.Lang(*l).Known() {
		return p.fail("default_language", fmt.Sprintf("%q is not one of sv, uk, ar, en", *l))
	}
	if p.Municipalities != nil {
		for _, id := range *p.Municipalities {
			if !content.ValidID(id) {
				return p.fail("municipalities", fmt.Sprintf("%q is not a municipality id (lower-case letters, digits and -)", id))
			}
		}
	}
	if h := p.PINHash; h != nil {
		if _, _, _, err := decodeHash(*h); err != nil {
			return p.fail("pin_hash", "is not an argon2id PIN hash: make one with `motesplats pin hash`")
		}
	}
	if f := p.FeedURL; f != nil {
		u, err := url.Parse(*f)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			if !filepath.IsAbs(*f) {
				return p.fail("feed_url", fmt.Sprintf("%q is neither an http(s) address nor an absolute folder path", *f))
			}
		}
	}
	return nil
}

// Apply checks the file against the kiosk's current settings and then
// applies it: the PIN hash and kiosk mode to a's kiosk file, the rest to
// s (the feed address under feedKey). Nothing is changed when a check
// fails. Kiosk mode on needs a PIN, from the file or already set.
func (p *Provision) Apply(s Settings, a *Admin, feedKey string) error {
	c, _ := Load(s, a) // a damaged value is replaced by the file's or its default
	if p.IdleSeconds != nil {
		c.IdleSeconds = *p.IdleSeconds
		if p.CountdownSeconds == nil {
			c.CountdownSeconds = min(c.CountdownSeconds, maxCountdown(c.IdleSeconds))
		}
	}
	if p.CountdownSeconds != nil {
		c.CountdownSeconds = *p.CountdownSeconds
	}
	if p.DefaultLanguage != nil {
		c.DefaultLang = content.Lang(*p.DefaultLanguage)
	}
	if p.Municipalities != nil {
		c.Municipalities = *p.Municipalities
	}
	if p.PlaceName != nil {
		c.PlaceName = *p.PlaceName
	}
	if err := c.Validate(); err != nil {
		var se *SettingError
		if errors.As(err, &se) {
			return p.fail(fieldOfKey[se.Key], strings.TrimPrefix(se.Error(), "kiosk: "))
		}
		return err
	}
	if p.Kiosk != nil && *p.Kiosk && p.PINHash == nil && a.Status().PIN != PINSet {
		return p.fail("kiosk", "kiosk = true needs a PIN: add pin_hash (from `motesplats pin hash`) or run `motesplats pin set` first")
	}
	if p.PINHash != nil {
		if err := a.SetPINHash(*p.PINHash); err != nil {
			return err
		}
	}
	if err := p.saveSettings(s, c, feedKey); err != nil {
		return err
	}
	if p.Kiosk != nil {
		return a.SetKiosk(*p.Kiosk)
	}
	return nil
}

// saveSettings stores the store settings the file names.
func (p *Provision) saveSettings(s Settings, c Config, feedKey string) error {
	var values [][2]string
	if p.IdleSeconds != nil || p.CountdownSeconds != nil {
		values = append(values, [2]string{KeyIdleSeconds, strconv.Itoa(c.IdleSeconds)},
			[2]string{KeyCountdown, strconv.Itoa(c.CountdownSeconds)})
	}
	if p.DefaultLanguage != nil {
		values = append(values, [2]string{KeyLanguage, *p.DefaultLanguage})
	}
	if p.Municipalities != nil {
		values = append(values, [2]string{KeyMunicipalities, mustJSONList(c.Municipalities)})
	}
	if p.FeedURL != nil {
		values = append(values, [2]string{feedKey, *p.FeedURL})
	}
	if p.PlaceName != nil {
		values = append(values, [2]string{KeyPlaceName, strings.TrimSpace(c.PlaceName)})
	}
	for _, kv := range values {
		if err := s.SetSetting(kv[0], kv[1]); err != nil {
			return fmt.Errorf("kiosk: saving %s: %w", kv[0], err)
		}
	}
	return nil
}

// fieldOfKey maps a store key back to the provisioning field.
var fieldOfKey = map[string]string{
	KeyIdleSeconds: "idle_seconds", KeyCountdown: "countdown_seconds",
	KeyLanguage: "default_language", KeyMunicipalities: "municipalities",
	KeyPlaceName: "place_name",
}

// fail makes an error about field, on the line that sets it.
func (p *Provision) fail(field, msg string) error {
	return &ProvisionError{Path: p.path, Line: lineOf(p.text, field), Field: field, Msg: msg}
}

// lineOf finds the line that sets key at the top level (the file has no
// tables); 0 when none does.
func lineOf(text, key string) int {
	re := regexp.MustCompile(`^\s*("?)` + regexp.QuoteMeta(key) + `("?)\s*=`)
	for i, line := range strings.Split(text, "\n") {
		if re.MatchString(line) {
			return i + 1
		}
	}
	return 0
}

// mustJSONList writes a list of ids as JSON, [] for none (all shown).
func mustJSONList(ids []string) string {
	b, _ := json.Marshal(nonNil(ids)) // a list of strings always marshals
	return string(b)
}
