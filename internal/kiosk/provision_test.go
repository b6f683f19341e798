package kiosk

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

const testFeedKey = "feed.url"

func TestProvisionApplied(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, filepath.Join(dir, "motesplats.db"))
	a := newAdmin(t, dir, s)
	p, err := ReadProvision(filepath.Join("testdata", "provision", "fleet.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(s, a, testFeedKey); err != nil {
		t.Fatal(err)
	}
	c, err := Load(s, a)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Kiosk: true, DefaultLang: content.Swedish, IdleSeconds: 180, CountdownSeconds: 15,
		Municipalities: []string{"krokom", "ostersund", "are"}, PlaceName: "Mötesplats Östersund"}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("after provisioning Load() = %+v, want %+v", c, want)
	}
	if v, _, _ := s.Setting(testFeedKey); v != "https://feed.example.org/motesplats/" {
		t.Errorf("feed = %q", v)
	}
	wantRight(t, a, "2468") // the PIN whose hash the file holds
}

// Only what the file names changes.
func TestProvisionChangesOnlyItsSettings(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, filepath.Join(dir, "motesplats.db"))
	a := newAdmin(t, dir, s)
	if err := a.SetPIN("1357"); err != nil {
		t.Fatal(err)
	}
	if err := Save(s, a, Config{Kiosk: true, DefaultLang: content.Arabic, IdleSeconds: 600, CountdownSeconds: 30}); err != nil {
		t.Fatal(err)
	}
	p := writeProvision(t, "idle_seconds = 60\n")
	if err := p.Apply(s, a, testFeedKey); err != nil {
		t.Fatal(err)
	}
	c, _ := Load(s, a)
	// The countdown follows the shorter idle time: at most half of it.
	want := Config{Kiosk: true, DefaultLang: content.Arabic, IdleSeconds: 60, CountdownSeconds: 30, Municipalities: []string{}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load() = %+v, want %+v", c, want)
	}
	wantRight(t, a, "1357")
}

// A malformed file is refused with its name, the line and the field,
// and changes nothing.
func TestProvisionRefusesMalformed(t *testing.T) {
	tests := []struct {
		file string
		want string // the error, after the file's path
	}{
		{"unknown-field.toml", ":3: kiosk_mode: is not a setting (the settings are kiosk, idle_seconds, countdown_seconds, default_language, municipalities, pin_hash, feed_url, place_name)"},
		{"wrong-type.toml", ":2: idle_seconds: incompatible types: TOML value has type string; destination has type integer"},
		{"syntax.toml", ":3: "},
		{"idle-out-of-range.toml", `:4: idle_seconds: setting kiosk.idle_seconds = "5": must be a whole number between 30 and 1800`},
		{"countdown-too-long.toml", `:2: countdown_seconds: setting kiosk.countdown_seconds = "20": must be a whole number between 5 and 15`},
		{"unknown-language.toml", `:1: default_language: "fi" is not one of sv, uk, ar, en`},
		{"clear-pin.toml", ":2: pin_hash: is not an argon2id PIN hash: make one with `motesplats pin hash`"},
		{"bad-municipality.toml", `:1: municipalities: "Östersund" is not a municipality id`},
		{"bad-feed.toml", `:1: feed_url: "feed.example.org" is neither an http(s) address nor an absolute folder path`},
		{"kiosk-without-pin.toml", ":1: kiosk: kiosk = true needs a PIN"},
		{"place-name-two-lines.toml", `:2: place_name: setting kiosk.place_name = "Mötesplats\nÖstersund": must be one line of at most 60 characters`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			s := openStore(t, filepath.Join(dir, "motesplats.db"))
			a := newAdmin(t, dir, s)
			path := filepath.Join("testdata", "provision", tt.file)
			p, err := ReadProvision(path)
			if err == nil {
				err = p.Apply(s, a, testFeedKey)
			}
			var pe *ProvisionError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), path+tt.want) {
				t.Fatalf("error = %v, want a ProvisionError starting %q", err, path+tt.want)
			}
			if st := a.Status(); st.Kiosk || st.PIN != NoPIN {
				t.Errorf("a refused file changed the kiosk file: %+v", st)
			}
			if c, _ := Load(s, a); !reflect.DeepEqual(c, Defaults()) {
				t.Errorf("a refused file changed the settings: %+v", c)
			}
		})
	}
}

func writeProvision(t *testing.T, text string) *Provision {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kiosk.toml")
	a := &Admin{path: path}
	writeKioskFile(t, a, text)
	p, err := ReadProvision(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
