package kiosk

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

func TestLoadDefaults(t *testing.T) {
	c, err := Load(newStore(t), newAdmin(t, t.TempDir(), nil))
	if err != nil {
		t.Fatal(err)
	}
	if want := Defaults(); !reflect.DeepEqual(c, want) {
		t.Errorf("Load of an empty store = %+v, want %+v", c, want)
	}
	if c.IdleSeconds != 120 || c.CountdownSeconds != 10 || c.Kiosk {
		t.Errorf("defaults = %+v, want 120 s idle, 10 s countdown, desktop", c)
	}
}

func TestValidate(t *testing.T) {
	ok := Defaults()
	tests := []struct {
		name     string
		change   func(*Config)
		key      string // "" when valid
		value    string
		min, max int
	}{
		{"defaults", func(*Config) {}, "", "", 0, 0},
		{"shortest idle", func(c *Config) { c.IdleSeconds = 30 }, "", "", 0, 0},
		{"longest idle", func(c *Config) { c.IdleSeconds = 1800 }, "", "", 0, 0},
		{"idle too short", func(c *Config) { c.IdleSeconds = 29 }, KeyIdleSeconds, "29", 30, 1800},
		{"idle too long", func(c *Config) { c.IdleSeconds = 1801 }, KeyIdleSeconds, "1801", 30, 1800},
		{"idle zero", func(c *Config) { c.IdleSeconds = 0 }, KeyIdleSeconds, "0", 30, 1800},
		{"countdown too short", func(c *Config) { c.CountdownSeconds = 4 }, KeyCountdown, "4", 5, 30},
		{"countdown too long", func(c *Config) { c.CountdownSeconds = 31 }, KeyCountdown, "31", 5, 30},
		{"countdown over half the idle time", func(c *Config) { c.IdleSeconds, c.CountdownSeconds = 30, 16 },
			KeyCountdown, "16", 5, 15},
		{"countdown half the idle time", func(c *Config) { c.IdleSeconds, c.CountdownSeconds = 30, 15 }, "", "", 0, 0},
		{"every language", func(c *Config) { c.DefaultLang = content.Arabic }, "", "", 0, 0},
		{"unknown language", func(c *Config) { c.DefaultLang = "fi" }, KeyLanguage, "fi", 0, 0},
		{"municipalities", func(c *Config) { c.Municipalities = []string{"1480", "goteborg"} }, "", "", 0, 0},
		{"bad municipality id", func(c *Config) { c.Municipalities = []string{"1480", "Gö teborg"} },
			KeyMunicipalities, "Gö teborg", 0, 0},
		{"place name", func(c *Config) { c.PlaceName = "Mötesplats Biskopsgården مكان اللقاء" }, "", "", 0, 0},
		{"place name of 60 letters", func(c *Config) { c.PlaceName = strings.Repeat("ö", 60) }, "", "", 0, 0},
		{"place name too long", func(c *Config) { c.PlaceName = strings.Repeat("ö", 61) },
			KeyPlaceName, strings.Repeat("ö", 61), 0, 0},
		{"place name on two lines", func(c *Config) { c.PlaceName = "Mötesplats\nKista" },
			KeyPlaceName, "Mötesplats\nKista", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.change(&c)
			err := c.Validate()
			if tt.key == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var se *SettingError
			if !errors.As(err, &se) {
				t.Fatalf("Validate() = %v, want *SettingError", err)
			}
			want := SettingError{Key: tt.key, Value: tt.value, Min: tt.min, Max: tt.max}
			if *se != want {
				t.Errorf("error = %+v, want %+v", *se, want)
			}
		})
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	s := newStore(t)
	admin := newAdmin(t, t.TempDir(), s)
	if err := admin.SetPIN("2468"); err != nil {
		t.Fatal(err)
	}
	want := Config{Kiosk: true, DefaultLang: content.Ukrainian, IdleSeconds: 300, CountdownSeconds: 20,
		Municipalities: []string{"1480", "1280"}, PlaceName: "Mötesplats Kista"}
	if err := Save(s, admin, want); err != nil {
		t.Fatal(err)
	}
	got, err := Load(s, admin)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load after Save = %+v, want %+v", got, want)
	}
	// The language key is the one the app already used for its choice.
	if v, _, _ := s.Setting("language"); v != "uk" {
		t.Errorf(`setting "language" = %q, want "uk"`, v)
	}
	// Kiosk mode is in the kiosk file, not in the store.
	if _, ok, _ := s.Setting(KeyKiosk); ok {
		t.Errorf("kiosk mode was also stored in the store as %s", KeyKiosk)
	}
	if !strings.Contains(readKioskFile(t, admin), `"kiosk": true`) {
		t.Errorf("kiosk file = %s, want kiosk on", readKioskFile(t, admin))
	}
}

func TestSaveRefusesBadConfigAndKeepsOld(t *testing.T) {
	s := newStore(t)
	a := newAdmin(t, t.TempDir(), s)
	if err := Save(s, a, Config{IdleSeconds: 60, CountdownSeconds: 10}); err != nil {
		t.Fatal(err)
	}
	err := Save(s, a, Config{IdleSeconds: 10, CountdownSeconds: 10})
	var se *SettingError
	if !errors.As(err, &se) || se.Key != KeyIdleSeconds {
		t.Fatalf("Save(idle 10) = %v, want a SettingError on %s", err, KeyIdleSeconds)
	}
	if c, _ := Load(s, a); c.IdleSeconds != 60 {
		t.Errorf("idle after refused save = %d, want 60 kept", c.IdleSeconds)
	}
}

func TestSaveKioskNeedsPIN(t *testing.T) {
	s := newStore(t)
	a := newAdmin(t, t.TempDir(), s)
	c := Defaults()
	c.Kiosk = true
	if err := Save(s, a, c); !errors.Is(err, ErrNoPIN) {
		t.Fatalf("Save(kiosk) without a PIN = %v, want ErrNoPIN", err)
	}
	if got, _ := Load(s, a); got.Kiosk {
		t.Error("kiosk mode was stored although no PIN exists")
	}
	if err := a.SetPIN("1357"); err != nil {
		t.Fatal(err)
	}
	if err := Save(s, a, c); err != nil {
		t.Fatalf("Save(kiosk) with a PIN = %v", err)
	}
}

func TestLoadDamagedValuesFallBack(t *testing.T) {
	s := newStore(t)
	for k, v := range map[string]string{
		KeyLanguage:       "xx",
		KeyIdleSeconds:    "5",
		KeyCountdown:      "ten",
		KeyMunicipalities: "[1480",
		KeyPlaceName:      "Två\nrader",
	} {
		if err := s.SetSetting(k, v); err != nil {
			t.Fatal(err)
		}
	}
	c, err := Load(s, newAdmin(t, t.TempDir(), s))
	if !reflect.DeepEqual(c, Defaults()) {
		t.Errorf("Load of damaged settings = %+v, want the defaults", c)
	}
	bad := map[string]string{}
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var se *SettingError
		if !errors.As(e, &se) {
			t.Fatalf("error %v is not a *SettingError", e)
		}
		bad[se.Key] = se.Value
	}
	want := map[string]string{KeyLanguage: "xx", KeyIdleSeconds: "5",
		KeyCountdown: "ten", KeyMunicipalities: "[1480", KeyPlaceName: "Två\nrader"}
	if !reflect.DeepEqual(bad, want) {
		t.Errorf("reported bad settings = %v, want %v", bad, want)
	}
}

func TestSettingErrorMessageNamesKeyAndValue(t *testing.T) {
	err := (&SettingError{Key: KeyIdleSeconds, Value: "5", Min: 30, Max: 1800}).Error()
	want := `kiosk: setting kiosk.idle_seconds = "5": must be a whole number between 30 and 1800`
	if err != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
}
