package kiosk

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/store"
)

// openStore opens a real store file at path and closes it with the test.
func openStore(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newStore(t *testing.T) *store.Store {
	return openStore(t, filepath.Join(t.TempDir(), "motesplats.db"))
}

// clock is a fake clock that tests move by hand; safe for Run's goroutine.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// cheapKDF keeps tests fast; the cost is recorded in each hash.
var cheapKDF = KDF{Time: 1, Memory: 64, Threads: 1}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newAdmin is an Admin on the data folder dir with the cheap cost.
func newAdmin(t *testing.T, dir string, legacy Settings) *Admin {
	t.Helper()
	a := NewAdmin(dir, legacy)
	a.KDF = cheapKDF
	return a
}

func readKioskFile(t *testing.T, a *Admin) string {
	t.Helper()
	b, err := os.ReadFile(a.Path())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeKioskFile(t *testing.T, a *Admin, text string) {
	t.Helper()
	if err := os.WriteFile(a.Path(), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
