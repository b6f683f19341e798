package kiosk

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNormalizePIN(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when refused
	}{
		{"1234", "1234"},
		{"123456789012", "123456789012"},
		{"123", ""},
		{"1234567890123", ""},
		{"", ""},
		{"12a4", ""},
		{"12 34", ""},
		{" 1234", ""},
		{"-123", ""},
		{"١٢٣٤", "1234"},   // Arabic-Indic
		{"۱۲۳۴۵", "12345"}, // Extended Arabic-Indic
		{"１２３４", "1234"},   // full-width
		{"12٣٤", "1234"},
		{"½234", ""},
		{"²234", ""}, // superscripts are not decimal digits
	}
	for _, tt := range tests {
		got, ok := NormalizePIN(tt.in)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("NormalizePIN(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestSetPINRule(t *testing.T) {
	a := &Admin{Settings: newStore(t), KDF: cheapKDF}
	for _, pin := range []string{"", "123", "abcd", "1234567890123"} {
		if err := a.SetPIN(pin); !errors.Is(err, ErrPINRule) {
			t.Errorf("SetPIN(%q) = %v, want ErrPINRule", pin, err)
		}
	}
	if has, _ := a.HasPIN(); has {
		t.Error("a refused PIN was stored")
	}
}

func TestPINStoredHashedWithSalt(t *testing.T) {
	s := newStore(t)
	a := &Admin{Settings: s, KDF: cheapKDF}
	if err := a.SetPIN("97531"); err != nil {
		t.Fatal(err)
	}
	first, _, _ := s.Setting(KeyPIN)
	if strings.Contains(first, "97531") || !strings.HasPrefix(first, "argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("stored PIN = %q, want an argon2id hash without the PIN", first)
	}
	if err := a.SetPIN("97531"); err != nil {
		t.Fatal(err)
	}
	if second, _, _ := s.Setting(KeyPIN); second == first {
		t.Error("the same PIN set twice gave the same hash: the salt is not random")
	}
	if ok, err := a.CheckPIN("97531"); !ok || err != nil {
		t.Errorf("CheckPIN(right) = %v, %v", ok, err)
	}
	if ok, err := a.CheckPIN("٩٧٥٣١"); !ok || err != nil {
		t.Errorf("CheckPIN(right, Arabic-Indic digits) = %v, %v", ok, err)
	}
}

func TestCheckPINWithoutPIN(t *testing.T) {
	a := &Admin{Settings: newStore(t), KDF: cheapKDF}
	if ok, err := a.CheckPIN("1234"); ok || !errors.Is(err, ErrNoPIN) {
		t.Errorf("CheckPIN with no PIN set = %v, %v; want ErrNoPIN", ok, err)
	}
}

// wantWrong checks that pin is refused with left tries left.
func wantWrong(t *testing.T, a *Admin, pin string, left int) {
	t.Helper()
	ok, err := a.CheckPIN(pin)
	var we *WrongPINError
	if ok || !errors.As(err, &we) || we.TriesLeft != left {
		t.Fatalf("CheckPIN(%q) = %v, %v; want WrongPINError with %d tries left", pin, ok, err, left)
	}
}

// wantLocked checks that pin is refused because of a lockout until until.
func wantLocked(t *testing.T, a *Admin, pin string, until time.Time) {
	t.Helper()
	ok, err := a.CheckPIN(pin)
	var le *LockedError
	if ok || !errors.As(err, &le) || !le.Until.Equal(until) {
		t.Fatalf("CheckPIN(%q) = %v, %v; want LockedError until %v", pin, ok, err, until)
	}
}

func wantRight(t *testing.T, a *Admin, pin string) {
	t.Helper()
	if ok, err := a.CheckPIN(pin); !ok || err != nil {
		t.Fatalf("CheckPIN(%q) = %v, %v; want ok", pin, ok, err)
	}
}

func TestLockoutSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "motesplats.db")
	clk := newClock()
	open := func() (*Admin, func()) {
		s := openStore(t, path)
		return &Admin{Settings: s, Now: clk.Now, KDF: cheapKDF}, func() { s.Close() }
	}

	a, closeStore := open()
	if err := a.SetPIN("4321"); err != nil {
		t.Fatal(err)
	}
	wantWrong(t, a, "0000", 4)
	wantWrong(t, a, "1111", 3)
	wantWrong(t, a, "12", 2) // a malformed PIN is a guess too
	closeStore()

	// Restarting the app does not give the guesser fresh tries.
	a, closeStore = open()
	wantWrong(t, a, "2222", 1)
	clk.Add(time.Minute)
	until := clk.Now().Add(5 * time.Minute)
	wantLocked(t, a, "3333", until)
	closeStore()

	a, closeStore = open()
	defer closeStore()
	wantLocked(t, a, "4321", until) // even the right PIN
	if got, locked, err := a.Locked(); !locked || !got.Equal(until) || err != nil {
		t.Errorf("Locked() = %v, %v, %v; want until %v", got, locked, err, until)
	}
}

func TestLockoutExpiresAfterFiveMinutes(t *testing.T) {
	clk := newClock()
	a := &Admin{Settings: newStore(t), Now: clk.Now, KDF: cheapKDF}
	if err := a.SetPIN("4321"); err != nil {
		t.Fatal(err)
	}
	for left := 4; left > 0; left-- {
		wantWrong(t, a, "9999", left)
	}
	until := clk.Now().Add(5 * time.Minute)
	wantLocked(t, a, "9999", until)

	clk.Add(5*time.Minute - time.Second)
	wantLocked(t, a, "4321", until)

	clk.Add(time.Second)
	if _, locked, _ := a.Locked(); locked {
		t.Error("still locked after five minutes")
	}
	// A new lockout needs five new wrong tries.
	wantWrong(t, a, "9999", 4)
	wantRight(t, a, "4321")
}

func TestRightPINResetsCount(t *testing.T) {
	a := &Admin{Settings: newStore(t), Now: newClock().Now, KDF: cheapKDF}
	if err := a.SetPIN("24680"); err != nil {
		t.Fatal(err)
	}
	for left := 4; left > 0; left-- {
		wantWrong(t, a, "13579", left)
	}
	wantRight(t, a, "24680")
	wantWrong(t, a, "13579", 4)
}

func TestSetPINClearsCount(t *testing.T) {
	a := &Admin{Settings: newStore(t), Now: newClock().Now, KDF: cheapKDF}
	if err := a.SetPIN("1234"); err != nil {
		t.Fatal(err)
	}
	wantWrong(t, a, "0000", 4)
	wantWrong(t, a, "0000", 3)
	if err := a.SetPIN("5678"); err != nil {
		t.Fatal(err)
	}
	wantWrong(t, a, "1234", 4)
	wantRight(t, a, "5678")
}

func TestClockSetBackShortensLockout(t *testing.T) {
	clk := newClock()
	a := &Admin{Settings: newStore(t), Now: clk.Now, KDF: cheapKDF}
	if err := a.SetPIN("1234"); err != nil {
		t.Fatal(err)
	}
	for range MaxTries {
		a.CheckPIN("0000")
	}
	clk.Add(-24 * time.Hour) // e.g. a kiosk PC without a clock battery
	until := clk.Now().Add(Lockout)
	wantLocked(t, a, "1234", until)
	clk.Add(Lockout)
	wantRight(t, a, "1234")
}

func TestDamagedStateRefuses(t *testing.T) {
	s := newStore(t)
	a := &Admin{Settings: s, Now: newClock().Now, KDF: cheapKDF}
	if err := a.SetPIN("1234"); err != nil {
		t.Fatal(err)
	}
	// A damaged count leaves one try, not unlimited ones.
	s.SetSetting(KeyPINTries, "{")
	wantLocked(t, a, "0000", newClock().Now().Add(Lockout))

	for _, bad := range []string{"1234", "argon2id$v=19$m=64,t=1,p=1$AAAA", "argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5"} {
		s.SetSetting(KeyPIN, bad)
		s.SetSetting(KeyPINTries, "{}")
		if ok, err := a.CheckPIN("1234"); ok || !errors.Is(err, ErrPINDamaged) {
			t.Errorf("CheckPIN against stored %q = %v, %v; want ErrPINDamaged", bad, ok, err)
		}
	}
}

func TestDefaultKDFIsQuickEnough(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the real KDF cost")
	}
	a := NewAdmin(newStore(t))
	if err := a.SetPIN("1234"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	wantRight(t, a, "1234")
	if d := time.Since(start); d > time.Second {
		t.Errorf("checking a PIN with the default cost took %v, want well under a second", d)
	}
}
