package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

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

// TrustRoot makes root the data folder's trusted root on first use. Later
// calls with a different root are refused: the root may change only
// through the feed, signed by the old one.
func TrustRoot(stateDir string, root []byte) error {
	path := RootPath(stateDir)
	have, err := os.ReadFile(path)
	switch {
	case err == nil && string(have) == string(root):
		return nil
	case err == nil:
		return errors.New("this data folder already trusts another root; a new root must come through the feed")
	case !errors.Is(err, os.ErrNotExist):
		return err
	}
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, root, 0o644)
}

// TrustedRoot returns the data folder's trusted root (go-tuf keeps it up
// to date as roots rotate).
func TrustedRoot(stateDir string) ([]byte, error) {
	root, err := os.ReadFile(RootPath(stateDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, errors.New("no trusted root yet: give --root root.json the first time")
	}
	return root, err
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
	out := Status{SyncStatus: s}
	if v, ok, err := st.Version(); err == nil && ok {
		out.Since = contentDate(v, s.LastSuccess)
	}
	if !out.Since.IsZero() {
		out.Age = now.Sub(out.Since)
		out.Stale = out.Age > staleAfter
	}
	return out, nil
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
	if _, err := feed.Verify(RootPath(stateDir), to, now); err != nil {
		return fmt.Errorf("the exported copy does not verify (%v); is the content older than the feed state?", err)
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
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, 0o644, data)
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
