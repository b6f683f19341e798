// Package library is the kiosk's local content: the store in its data
// folder, seeded with the built-in content so the app is useful from the
// first start with no network at all.
package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/images"
	"github.com/motesplats/motesplats/internal/source"
	"github.com/motesplats/motesplats/internal/store"
)

// StoreFile is the name of the store inside the data folder.
const StoreFile = "motesplats.db"

// AlreadyRunningError means another Mötesplats has the data folder open.
type AlreadyRunningError struct{ Dir string }

func (e *AlreadyRunningError) Error() string {
	return fmt.Sprintf("Mötesplats is already running (data folder %s)", e.Dir)
}

// Library is an open data folder.
type Library struct {
	Dir   string
	Store *store.Store
	// Seeded is true when this open applied the built-in content.
	Seeded bool

	mu          sync.Mutex
	onRecovered func(*store.Recovery, error)
	summaryMu   sync.Mutex
	summary     []byte // what the summary file holds
}

// Recovered reports the last damaged store file that was moved aside (at
// open, or later when damage was found) and replaced by the built-in
// content, or nil.
func (l *Library) Recovered() *store.Recovery { return l.Store.Recovered() }

// SetOnRecovered sets what is told, on a goroutine of the library's, when
// damage found after open has made the library move the store aside and
// fall back to the built-in content; err says when that failed.
func (l *Library) SetOnRecovered(fn func(r *store.Recovery, err error)) {
	l.mu.Lock()
	l.onRecovered = fn
	l.mu.Unlock()
}

// DefaultDir is where the data folder lives when none is given:
// $XDG_DATA_HOME/motesplats (~/.local/share/motesplats) on Linux, the
// user's configuration folder elsewhere.
func DefaultDir() string {
	if runtime.GOOS == "linux" {
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "motesplats")
		}
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share", "motesplats")
		}
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "Motesplats")
	}
	return "motesplats-data"
}

// Open opens the data folder dir, creating it if needed. When the store
// holds no content, or holds an older built-in version, the built-in
// content is applied. Content that came from the feed is never replaced by
// built-in content — unless the store turns out to be damaged: a file that
// is not a whole store is moved aside at once, and a full consistency
// check runs in the background; damage it or any later read finds moves
// the file aside too, and the built-in content takes over until the next
// sync (see SetOnRecovered).
func Open(dir string) (*Library, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the data folder: %w", err)
	}
	s, err := store.Open(filepath.Join(dir, StoreFile), nil)
	if errors.Is(err, store.ErrLocked) {
		return nil, &AlreadyRunningError{Dir: dir}
	}
	if err != nil {
		return nil, err
	}
	lib := &Library{Dir: dir, Store: s}
	if lib.Seeded, err = seed(s); err != nil {
		var damage *store.DamageError
		if !errors.As(err, &damage) {
			s.Close()
			return nil, err
		}
		if err = lib.replace(damage); err != nil {
			s.Close()
			return nil, err
		}
		lib.Seeded = true
	}
	s.SetOnDamage(lib.recoverFrom)
	s.SetOnWrite(lib.writeSummary)
	lib.writeSummary()
	go s.Check() // damage found goes to recoverFrom
	return lib, nil
}

// replace moves the damaged store aside and seeds a new one with the
// built-in content.
func (l *Library) replace(damage *store.DamageError) error {
	if _, err := l.Store.Replace(damage.Reason); err != nil {
		return err
	}
	_, err := seed(l.Store)
	return err
}

// recoverFrom is told of damage found in the open store.
func (l *Library) recoverFrom(damage *store.DamageError) {
	err := l.replace(damage)
	if errors.Is(err, store.ErrClosed) {
		return
	}
	l.mu.Lock()
	fn := l.onRecovered
	l.mu.Unlock()
	if fn != nil {
		fn(l.Store.Recovered(), err)
	}
}

// OpenReadOnly opens an existing data folder for reading, as status and
// export do; it fails rather than create or seed anything.
func OpenReadOnly(dir string) (*Library, error) {
	path := filepath.Join(dir, StoreFile)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no Mötesplats data in %s: %w", dir, err)
	}
	s, err := store.Open(path, &store.Options{ReadOnly: true})
	if errors.Is(err, store.ErrLocked) {
		return nil, &AlreadyRunningError{Dir: dir}
	}
	if err != nil {
		return nil, err
	}
	return &Library{Dir: dir, Store: s}, nil
}

// Close closes the store.
func (l *Library) Close() error { return l.Store.Close() }

func seed(s *store.Store) (bool, error) {
	current, ok, err := s.Version()
	if err != nil {
		return false, err
	}
	if ok && current.Source != content.SourceBuiltin {
		return false, nil
	}
	set, err := Builtin()
	if err != nil {
		return false, err
	}
	digest := set.Digest()
	if ok && current.Digest == digest {
		return false, nil
	}
	// Published is when the built-in content was written (its newest
	// updated date), not when it was seeded: a kiosk counts the content's
	// age from it.
	return true, s.Apply(set, content.Version{Source: content.SourceBuiltin, Published: set.Updated()})
}

// Builtin reads the content built into the binary.
func Builtin() (*content.Set, error) {
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		return nil, err
	}
	set, err := source.Read(sub)
	if err != nil {
		return nil, fmt.Errorf("the built-in content is broken (a bug in this build):\n%w", err)
	}
	return set, nil
}

// LoadLocal applies an unsigned content folder to the store, so a
// publisher can preview content in the app before building a feed. It
// replaces whatever content the store held.
func (l *Library) LoadLocal(dir string) (content.Version, error) {
	set, err := source.ReadDir(dir)
	if err != nil {
		return content.Version{}, err
	}
	// Its pictures, made as build makes them, kept where a sync keeps
	// the feed's (the next sync removes those the feed does not name).
	pics, errs := images.Prepare(set, os.DirFS(dir))
	if len(errs) > 0 {
		return content.Version{}, errs
	}
	if err := images.Keep(l.Dir, pics); err != nil {
		return content.Version{}, err
	}
	v := content.Version{Source: content.SourceLocal, Published: set.Updated()}
	if err := l.Store.Apply(set, v); err != nil {
		return content.Version{}, err
	}
	v, _, err = l.Store.Version()
	return v, err
}
