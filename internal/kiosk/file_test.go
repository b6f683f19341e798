package kiosk

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every way the kiosk file can be damaged reads as kiosk mode, locked:
// the window must never fall back to an open desktop.
func TestDamagedKioskFileMeansKioskOnAndLocked(t *testing.T) {
	good := `{"version": 1, "kiosk": false, "pin": "", "tries": {"wrong": 0, "lockouts": 0}}`
	tests := []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"cut short", good[:30]},
		{"not JSON", "\x00\x00\x00garbage"},
		{"another version", strings.Replace(good, `"version": 1`, `"version": 7`, 1)},
		{"no version", strings.Replace(good, `"version": 1, `, "", 1)},
		{"no kiosk flag", strings.Replace(good, `"kiosk": false, `, "", 1)},
		{"kiosk flag not a bool", strings.Replace(good, `false`, `"no"`, 1)},
		{"unknown field", strings.Replace(good, `"pin"`, `"pni"`, 1)},
		{"negative tries", strings.Replace(good, `"wrong": 0`, `"wrong": -3`, 1)},
		{"two objects", good + good},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAdmin(t, t.TempDir(), nil)
			writeKioskFile(t, a, tt.text)
			wantDamaged(t, a)
		})
	}
	t.Run("unreadable", func(t *testing.T) {
		a := newAdmin(t, t.TempDir(), nil)
		// A folder where the file should be: reading fails even as root.
		if err := os.Mkdir(a.Path(), 0o700); err != nil {
			t.Fatal(err)
		}
		wantDamaged(t, a)
	})
}

func wantDamaged(t *testing.T, a *Admin) {
	t.Helper()
	st := a.Status()
	var fd *FileDamagedError
	if !st.Kiosk || st.PIN != PINDamaged || !errors.As(st.Damaged, &fd) || fd.Path != a.Path() {
		t.Fatalf("Status() = %+v, want kiosk on, PIN damaged, FileDamagedError on %s", st, a.Path())
	}
	if on, err := a.KioskOn(); !on || err == nil {
		t.Errorf("KioskOn() = %v, %v; want on with the damage", on, err)
	}
	if ok, err := a.CheckPIN("1234"); ok || !errors.Is(err, ErrPINDamaged) {
		t.Errorf("CheckPIN = %v, %v; want ErrPINDamaged", ok, err)
	}
	if err := a.SetKiosk(false); err == nil {
		t.Error("kiosk mode could be switched off on a damaged kiosk file")
	}
	if err := a.CanStartKiosk(); err != nil {
		t.Errorf("CanStartKiosk() = %v: a damaged file must start kiosk mode, locked", err)
	}
}

// `motesplats pin set` over a damaged file writes a whole new one, with
// kiosk mode on (what the damage meant), and the new PIN works.
func TestSetPINRepairsDamagedFile(t *testing.T) {
	a := newAdmin(t, t.TempDir(), nil)
	writeKioskFile(t, a, "{broken")
	if err := a.SetPIN("8642"); err != nil {
		t.Fatal(err)
	}
	st := a.Status()
	if st.Damaged != nil || !st.Kiosk || st.PIN != PINSet {
		t.Fatalf("after SetPIN on a damaged file Status() = %+v, want kiosk on and a PIN", st)
	}
	wantRight(t, a, "8642")
	if err := a.SetKiosk(false); err != nil {
		t.Fatal(err)
	}
	if on, _ := a.KioskOn(); on {
		t.Error("SetKiosk(false) did not stick")
	}
}

func TestMissingFileIsAKioskNeverSetUp(t *testing.T) {
	a := newAdmin(t, t.TempDir(), newStore(t))
	st := a.Status()
	if st.Kiosk || st.PIN != NoPIN || st.Damaged != nil {
		t.Errorf("Status() = %+v, want desktop, no PIN", st)
	}
	if err := a.CanStartKiosk(); !errors.Is(err, ErrNoPIN) {
		t.Errorf("CanStartKiosk() = %v, want ErrNoPIN", err)
	}
	if err := a.SetKiosk(true); !errors.Is(err, ErrNoPIN) {
		t.Errorf("SetKiosk(true) = %v, want ErrNoPIN", err)
	}
	if _, err := os.Stat(a.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("reading wrote a kiosk file with nothing in it: %v", err)
	}
}

// Versions before the kiosk file kept kiosk mode and the PIN in the
// store. They move into the file once; the store then no longer decides.
func TestMigrationFromStoreSettings(t *testing.T) {
	hash, err := HashPIN("1357", cheapKDF)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		settings  map[string]string
		wantKiosk bool
		wantPIN   PINState
		wantLeft  int // tries left after one wrong PIN
	}{
		{"kiosk with a PIN", map[string]string{KeyKiosk: "true", KeyPIN: hash}, true, PINSet, 4},
		{"desktop with a PIN", map[string]string{KeyKiosk: "false", KeyPIN: hash}, false, PINSet, 4},
		{"tries kept", map[string]string{KeyKiosk: "true", KeyPIN: hash, KeyPINTries: `{"wrong":2}`}, true, PINSet, 2},
		{"damaged tries leave one", map[string]string{KeyKiosk: "true", KeyPIN: hash, KeyPINTries: "{"}, true, PINSet, 0},
		{"unreadable kiosk flag is on", map[string]string{KeyKiosk: "maybe", KeyPIN: hash}, true, PINSet, 4},
		{"damaged hash", map[string]string{KeyKiosk: "true", KeyPIN: "argon2id$v=19"}, true, PINDamaged, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openStore(t, filepath.Join(dir, "motesplats.db"))
			for k, v := range tt.settings {
				if err := s.SetSetting(k, v); err != nil {
					t.Fatal(err)
				}
			}
			st := newAdmin(t, dir, s).Status()
			if st.Kiosk != tt.wantKiosk || st.PIN != tt.wantPIN || st.Damaged != nil {
				t.Fatalf("after migration Status() = %+v, want kiosk %v, PIN state %v", st, tt.wantKiosk, tt.wantPIN)
			}
			for _, k := range []string{KeyKiosk, KeyPIN, KeyPINTries} {
				if v, ok, _ := s.Setting(k); ok {
					t.Errorf("store still holds %s = %q after the migration", k, v)
				}
			}
			// A fresh Admin with no store finds everything in the file.
			a := newAdmin(t, dir, nil)
			if st2 := a.Status(); st2.Kiosk != tt.wantKiosk || st2.PIN != tt.wantPIN {
				t.Fatalf("kiosk file alone says %+v", st2)
			}
			switch {
			case tt.wantLeft > 0:
				wantWrong(t, a, "0000", tt.wantLeft)
			case tt.wantLeft == 0:
				if _, err := a.CheckPIN("0000"); !errors.As(err, new(*LockedError)) {
					t.Errorf("with a damaged count one wrong PIN gave %v, want a lockout", err)
				}
			}
			if tt.wantPIN == PINSet && tt.wantLeft != 0 {
				wantRight(t, a, "1357")
			}
		})
	}
}

// A store that is damaged and rebuilt (new and empty) no longer changes
// anything: kiosk mode and the PIN are in the kiosk file.
func TestNewStoreDoesNotOpenTheKiosk(t *testing.T) {
	dir := t.TempDir()
	a := newAdmin(t, dir, openStore(t, filepath.Join(dir, "old.db")))
	if err := a.SetPIN("1357"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetKiosk(true); err != nil {
		t.Fatal(err)
	}
	fresh := newAdmin(t, dir, openStore(t, filepath.Join(dir, "motesplats.db")))
	if on, err := fresh.KioskOn(); !on || err != nil {
		t.Errorf("with a new, empty store KioskOn() = %v, %v; want on", on, err)
	}
	wantRight(t, fresh, "1357")
}
