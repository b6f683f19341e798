package update

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/theupdateframework/go-tuf/v2/metadata"
	"github.com/theupdateframework/go-tuf/v2/metadata/trustedmetadata"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/store"
)

// StateDirName is the folder in the data folder that keeps the trusted
// root and the last trusted metadata.
const StateDirName = "feed-state"

// DefaultStaleAfter is how old verified content may get before the
// status says so: a kiosk must not silently show stale events.
const DefaultStaleAfter = 14 * 24 * time.Hour

// StateDamageError means a file of the feed state (the trusted root, or
// go-tuf's last trusted timestamp, snapshot or targets) cannot be read: a
// power cut while it was written, a failing disk. Syncs stop until staff
// give the root again (TrustRoot): the kiosk never takes a root from the
// feed it is checking.
type StateDamageError struct {
	Path string
	Root bool // the trusted root itself
	Err  error
}

func (e *StateDamageError) Error() string {
	what := "feed state file"
	if e.Root {
		what = "trusted root file"
	}
	return fmt.Sprintf("the %s %s is damaged: %v; give the root again with --root (or choose it on the admin screen)", what, e.Path, e.Err)
}

func (e *StateDamageError) Unwrap() error { return e.Err }

// stateFiles are the metadata go-tuf keeps in the state folder besides
// the root, with how each is read.
var stateFiles = []struct {
	name string
	read func([]byte) error
}{
	{"timestamp.json", func(b []byte) error { _, err := metadata.Timestamp().FromBytes(b); return err }},
	{"snapshot.json", func(b []byte) error { _, err := metadata.Snapshot().FromBytes(b); return err }},
	{"targets.json", func(b []byte) error { _, err := metadata.Targets().FromBytes(b); return err }},
}

// checkRoot checks that root is a TUF root signed by its own keys.
func checkRoot(root []byte) error {
	_, err := trustedmetadata.New(root)
	return err
}

// CheckState checks every file of the feed state that exists; the first
// damaged one is returned as a *StateDamageError. (Signatures of the
// timestamp, snapshot and targets are go-tuf's to check, against the
// root, at every sync.)
func CheckState(stateDir string) error {
	root, err := os.ReadFile(RootPath(stateDir))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err == nil {
		if err := checkRoot(root); err != nil {
			return &StateDamageError{Path: RootPath(stateDir), Root: true, Err: err}
		}
	}
	for _, f := range stateFiles {
		path := filepath.Join(stateDir, f.name)
		data, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err == nil {
			err = f.read(data)
		}
		if err != nil {
			return &StateDamageError{Path: path, Err: err}
		}
	}
	return nil
}

// TrustRoot makes root the data folder's trusted root on first use. Later
// calls with a different root are refused: the root may change only
// through the feed, signed by the old one. The one exception is a damaged
// feed state (StateDamageError), which only this repairs: the damaged
// files are moved aside (kept, renamed) and root trusted. A root given
// that differs from the one kept starts the feed state afresh, as on a
// new kiosk; the content in the store still refuses older versions.
func TrustRoot(stateDir string, root []byte) error {
	if err := checkRoot(root); err != nil {
		return fmt.Errorf("the root given is not a valid TUF root: %w", err)
	}
	path := RootPath(stateDir)
	have, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	var damage *StateDamageError
	damaged := errors.As(CheckState(stateDir), &damage)
	switch {
	case err == nil && string(have) == string(root):
		if damaged {
			return moveAsideDamaged(stateDir)
		}
		return nil
	case err == nil && !damaged:
		return errors.New("this data folder already trusts another root; a new root must come through the feed")
	case err == nil:
		err = moveAsideState(stateDir)
	case damaged: // no root yet, but damaged metadata
		err = moveAsideDamaged(stateDir)
	default:
		err = nil
	}
	if err != nil {
		return err
	}
	return writeFile(path, root)
}

// moveAsideDamaged renames the damaged files of the feed state.
func moveAsideDamaged(stateDir string) error {
	for {
		var damage *StateDamageError
		if err := CheckState(stateDir); !errors.As(err, &damage) {
			return err
		}
		if err := moveAside(damage.Path); err != nil {
			return err
		}
	}
}

// moveAsideState renames every file of the feed state, the root too.
func moveAsideState(stateDir string) error {
	for _, name := range []string{feed.RootFile, "timestamp.json", "snapshot.json", "targets.json"} {
		err := moveAside(filepath.Join(stateDir, name))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// moveAside renames path to path.broken-<time>, keeping it for whoever
// wants to look at it.
func moveAside(path string) error {
	to := path + ".broken-" + time.Now().UTC().Format("20060102T150405.000000000Z")
	return os.Rename(path, to)
}

// TrustedRoot returns the data folder's trusted root (go-tuf keeps it up
// to date as roots rotate). A damaged feed state is a *StateDamageError.
func TrustedRoot(stateDir string) ([]byte, error) {
	root, err := os.ReadFile(RootPath(stateDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, errors.New("no trusted root yet: give --root root.json the first time")
	}
	if err != nil {
		return nil, err
	}
	if err := CheckState(stateDir); err != nil {
		return nil, err
	}
	return root, nil
}

// syncState flushes the feed state go-tuf has just written to disk:
// go-tuf writes each file through a rename, but does not flush it, so a
// power cut soon after could leave an empty file behind.
func syncState(stateDir string) error {
	entries, err := os.ReadDir(stateDir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Type().IsRegular() && filepath.Ext(e.Name()) == ".json" {
			if err := syncPath(filepath.Join(stateDir, e.Name())); err != nil {
				return err
			}
		}
	}
	return syncPath(stateDir)
}

func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// Status is what screens and `motesplats status` show about syncing.
type Status struct {
	store.SyncStatus
	// Since is the date the content's age counts from: when it was
	// published (for built-in or local content, its newest updated date);
	// for content from the feed without that date, the last successful
	// sync; else when it was applied.
	Since time.Time     `json:"since"`
	Age   time.Duration `json:"age"`
	Stale bool          `json:"stale"`
}

// CurrentStatus reads the sync status and works out the content's age.
func CurrentStatus(st *store.Store, now time.Time, staleAfter time.Duration) (Status, error) {
	s, err := st.SyncStatus()
	if err != nil {
		return Status{}, err
	}
	v, ok, err := st.Version()
	if err != nil {
		ok = false
	}
	var have *content.Version
	if ok {
		have = &v
	}
	return StatusOf(s, have, now, staleAfter), nil
}

// StatusOf works out the status from a recorded sync status and the
// content version the store holds (nil: none).
func StatusOf(s store.SyncStatus, v *content.Version, now time.Time, staleAfter time.Duration) Status {
	out := Status{SyncStatus: s}
	if v != nil {
		out.Since = contentDate(*v, s.LastSuccess)
	}
	if !out.Since.IsZero() {
		out.Age = now.Sub(out.Since)
		out.Stale = out.Age > staleAfter
	}
	return out
}

// contentDate is when the content v was written, as well as the kiosk
// knows: its published date; for feed content without one, the last
// successful sync (the feed was current then); else when it was applied.
func contentDate(v content.Version, lastSuccess time.Time) time.Time {
	switch {
	case !v.Published.IsZero():
		return v.Published
	case v.Source == content.SourceFeed && !lastSuccess.IsZero():
		return lastSuccess
	}
	return v.Applied
}

// Record notes the outcome of a sync in the store's sync status.
func Record(st *store.Store, feedURL string, now time.Time, err error) error {
	s, rerr := st.SyncStatus()
	if rerr != nil {
		return rerr
	}
	s.Feed, s.LastAttempt = feedURL, now
	s.LastError = ""
	if err == nil {
		s.LastSuccess = now
	} else {
		var se *Error
		if errors.As(err, &se) {
			s.LastError = string(se.Reason) + ": " + se.Err.Error()
		} else {
			s.LastError = err.Error()
		}
	}
	return st.SetSyncStatus(s)
}

// Export writes the store's content as a signed feed folder that another
// kiosk can import: the last trusted metadata as it was signed, and the
// shards rebuilt from the store (named by the hashes the metadata signs).
// The folder is verified before Export returns.
func Export(st *store.Store, stateDir, to string, now time.Time) error {
	v, ok, err := st.Version()
	if err != nil {
		return err
	}
	if !ok || v.Source != content.SourceFeed {
		return errors.New("this kiosk has no content from the feed to export (only built-in or local content)")
	}
	md := filepath.Join(to, feed.MetadataDir)
	if err := copyFile(filepath.Join(stateDir, "timestamp.json"), filepath.Join(md, "timestamp.json")); err != nil {
		return err
	}
	if err := exportVersioned(stateDir, md); err != nil {
		return err
	}
	local, err := storedShards(st)
	if err != nil {
		return err
	}
	for name, s := range local {
		if err := writeFile(filepath.Join(to, filepath.FromSlash(feed.TargetPath(name, s.hash))), s.bytes); err != nil {
			return err
		}
	}
	if err := exportPictures(stateDir, to); err != nil {
		return err
	}
	if _, err := feed.Verify(RootPath(stateDir), to, now); err != nil {
		return fmt.Errorf("the exported copy does not verify (%v); is the content older than the feed state?", err)
	}
	return nil
}

// exportPictures copies the version's pictures from the data folder
// beside stateDir into the feed copy, under their signed hashes.
func exportPictures(stateDir, to string) error {
	data, err := os.ReadFile(filepath.Join(stateDir, "targets.json"))
	if err != nil {
		return err
	}
	targets, err := metadata.Targets().FromBytes(data)
	if err != nil {
		return err
	}
	for name, tf := range targets.Signed.Targets {
		if !feed.IsImage(name) {
			continue
		}
		file, ok := ImageFile(filepath.Dir(stateDir), name)
		if !ok {
			return fmt.Errorf("the feed names a picture %s this kiosk cannot keep", name)
		}
		pic, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("picture %s is not on this kiosk (refused or not fetched yet), so the copy would not verify: sync again first (%v)", name, err)
		}
		if err := writeFile(filepath.Join(to, filepath.FromSlash(feed.TargetPath(name, hex.EncodeToString(tf.Hashes["sha256"])))), pic); err != nil {
			return err
		}
	}
	return nil
}

// exportVersioned copies root, snapshot and targets under the versioned
// names a consistent-snapshot feed uses.
func exportVersioned(stateDir, md string) error {
	root, err := feed.ReadRootVersion(RootPath(stateDir))
	if err != nil {
		return err
	}
	snap, targets, err := feed.ReadVersions(stateDir)
	if err != nil {
		return err
	}
	for src, dst := range map[string]string{
		"root.json":     fmt.Sprintf("%d.root.json", root),
		"snapshot.json": fmt.Sprintf("%d.snapshot.json", snap),
		"targets.json":  fmt.Sprintf("%d.targets.json", targets),
	} {
		if err := copyFile(filepath.Join(stateDir, src), filepath.Join(md, dst)); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return writeFile(to, data)
}

func writeFile(path string, data []byte) error {
	return atomicfile.WriteBytesMkdir(path, 0o644, data)
}

// storedShards rebuilds the published shards from the store: from the
// parts a version was applied in, checked against their recorded hashes,
// or else by splitting the whole version as the feed does.
func storedShards(st *store.Store) (map[string]localShard, error) {
	parts, err := st.Parts()
	if err != nil || len(parts) == 0 {
		return localShards(st)
	}
	out := make(map[string]localShard, len(parts))
	err = st.View(func(tx *store.Tx) error {
		for name := range parts {
			hash, items, err := tx.PartItems(name)
			if err != nil {
				return err
			}
			data := feed.Encode(items)
			sum := sha256.Sum256(data)
			if hex.EncodeToString(sum[:]) != hash {
				return fmt.Errorf("shard %s rebuilt from the store does not match its recorded hash", name)
			}
			out[name] = localShard{hash: hash, bytes: data}
		}
		return nil
	})
	return out, err
}
