package kiosk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/motesplats/motesplats/internal/atomicfile"
)

// FileName is the kiosk file in the data folder. It holds what keeps a
// kiosk shut, kiosk mode and the admin PIN with its lockout, apart from
// the content store: a store that is damaged, moved aside and rebuilt
// must not turn a kiosk into an open desktop window.
const FileName = "kiosk.json"

// fileVersion is the kiosk file's format; a file of another version is
// treated as damaged (locked), never guessed at.
const fileVersion = 1

// kioskFile is kiosk.json as stored. Kiosk is a pointer so that a file
// without it reads as damaged rather than as "off".
type kioskFile struct {
	Version int    `json:"version"`
	Kiosk   *bool  `json:"kiosk"`
	PIN     string `json:"pin"` // an argon2id hash (see encodeHash); "" when none is set
	Tries   tries  `json:"tries"`
}

// security is what the kiosk file says, or, when it cannot be read, what
// a damaged file means: kiosk on and no PIN that unlocks.
type security struct {
	Kiosk bool
	PIN   string
	Tries tries
	// Damaged is why the file could not be read; nil when it could.
	Damaged error
}

// FileDamagedError: the kiosk file exists but cannot be read or parsed.
// Kiosk mode is then on and no PIN unlocks it until staff set a new one
// outside the window (motesplats pin set). It matches ErrPINDamaged.
type FileDamagedError struct {
	Path string
	Err  error
}

func (e *FileDamagedError) Error() string {
	return fmt.Sprintf("kiosk: %s is damaged (%v): kiosk mode stays on and locked until a new PIN is set", e.Path, e.Err)
}

func (e *FileDamagedError) Unwrap() []error { return []error{e.Err, ErrPINDamaged} }

// readFile reads the kiosk file. A missing file is a kiosk never set up,
// or one whose settings are still in the store (migrate). Anything else
// that goes wrong, a read error included, reads as damaged: locked.
func (a *Admin) readFile() security {
	b, err := os.ReadFile(a.path)
	if errors.Is(err, fs.ErrNotExist) {
		return a.migrate()
	}
	var s security
	if err == nil {
		err = parseFile(b, &s)
	}
	if err != nil {
		return security{Kiosk: true, Damaged: &FileDamagedError{Path: a.path, Err: err}}
	}
	return s
}

// parseFile reads the file's bytes strictly: unknown fields, a missing
// kiosk flag, another version or counts out of range are damage.
func parseFile(b []byte, into *security) error {
	var f kioskFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("more data after the settings")
	}
	switch {
	case f.Version != fileVersion:
		return fmt.Errorf("version %d, want %d", f.Version, fileVersion)
	case f.Kiosk == nil:
		return errors.New(`"kiosk" is missing`)
	case f.Tries.Wrong < 0 || f.Tries.Wrong >= MaxTries || f.Tries.Lockouts < 0:
		return errors.New(`"tries" is out of range`)
	}
	*into = security{Kiosk: *f.Kiosk, PIN: f.PIN, Tries: f.Tries}
	return nil
}

// writeFile replaces the kiosk file whole (a power cut leaves the old
// one or the new one), readable by its owner only.
func (a *Admin) writeFile(s security) error {
	kiosk := s.Kiosk
	b, err := json.MarshalIndent(kioskFile{Version: fileVersion, Kiosk: &kiosk, PIN: s.PIN, Tries: s.Tries}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(a.path), 0o700); err != nil {
		return err
	}
	return atomicfile.WriteBytes(a.path, 0o600, append(b, '\n'))
}

// settingDeleter is the part of *store.Store that forgets a setting.
type settingDeleter interface{ DeleteSetting(key string) error }

// migrate moves kiosk mode, the PIN and its tries from the store's
// settings (where versions before the kiosk file kept them) into the
// kiosk file. An unreadable value is read the safe way: kiosk on, a
// count of tries that leaves one try. With nothing to move there is no
// file to write: the kiosk was never set up.
func (a *Admin) migrate() security {
	if a.legacy == nil {
		return security{}
	}
	var s security
	found := false
	kioskValue, ok, err := a.legacy.Setting(KeyKiosk)
	if err != nil || ok {
		found = true
		on, perr := strconv.ParseBool(kioskValue)
		s.Kiosk = err != nil || perr != nil || on
	}
	if pin, ok, err := a.legacy.Setting(KeyPIN); err != nil || ok {
		found = true
		s.PIN = pin
		if err != nil {
			s.PIN = "damaged" // no hash: nothing unlocks
		}
	}
	if v, ok, err := a.legacy.Setting(KeyPINTries); err != nil || ok {
		found = true
		if err != nil || json.Unmarshal([]byte(v), &s.Tries) != nil || s.Tries.Wrong < 0 || s.Tries.Wrong >= MaxTries {
			s.Tries = tries{Wrong: MaxTries - 1}
		}
	}
	if !found {
		return security{}
	}
	if err := a.writeFile(s); err != nil {
		// Kept in memory and tried again at the next read; the store
		// still holds the old values, so nothing is lost.
		return s
	}
	if d, ok := a.legacy.(settingDeleter); ok {
		for _, k := range []string{KeyKiosk, KeyPIN, KeyPINTries} {
			_ = d.DeleteSetting(k) // the kiosk file now decides; a stale copy is ignored
		}
	}
	return s
}
