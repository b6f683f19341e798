package feed

import (
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/theupdateframework/go-tuf/v2/metadata"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/content"
)

// Folders of a published feed. A kiosk is given the feed's base URL and
// finds metadata/ and targets/ below it.
const (
	MetadataDir = "metadata"
	TargetsDir  = "targets"
)

// BuildResult tells what a build published.
type BuildResult struct {
	TargetsVersion, SnapshotVersion, TimestampVersion int64
	Shards                                            []Shard
	// Written lists the shard files that were new in this build.
	Written []string
	// Images are the picture targets published with the shards.
	Images []Shard
	// ContentChanged is false when the content was the same as the last
	// build, and only the timestamp was signed again.
	ContentChanged bool
}

// published is the latest metadata found in a feed folder.
type published struct {
	targets   *metadata.Metadata[metadata.TargetsType]
	snapshot  *metadata.Metadata[metadata.SnapshotType]
	timestamp *metadata.Metadata[metadata.TimestampType]
}

// Build signs set as the next version of the feed in outDir with the keys
// in keysDir. Versions only grow. Shard files are named by their hash and
// never rewritten; the timestamp, written last, is what makes a new version
// visible, so a kiosk reading the folder while Build runs sees the old
// version whole or the new one whole. An empty set is refused (ErrEmpty);
// how much a version may remove is CheckShrink's, which the caller runs.
func Build(set *content.Set, keysDir, outDir string, exp Expiries, now time.Time) (*BuildResult, error) {
	return BuildWith(set, nil, keysDir, outDir, exp, now)
}

// BuildWith is Build with the pictures the set's items refer to (made by
// images.Prepare), each published as a target of its own beside the
// shards: named by its hash, so a kiosk downloads a picture only when it
// is new. Every picture an item names must be given, and only those.
func BuildWith(set *content.Set, pictures []Shard, keysDir, outDir string, exp Expiries, now time.Time) (*BuildResult, error) {
	if set.Len() == 0 {
		return nil, ErrEmpty
	}
	if problems := set.Validate(); len(problems) > 0 {
		return nil, problems
	}
	if err := checkPictures(set, pictures); err != nil {
		return nil, err
	}
	keys, err := LoadKeys(keysDir)
	if err != nil {
		return nil, err
	}
	root, err := readRoot(filepath.Join(keysDir, RootFile))
	if err != nil {
		return nil, err
	}
	shards, err := Split(set)
	if err != nil {
		return nil, err
	}
	prev, err := readPublished(outDir)
	if err != nil {
		return nil, err
	}
	res := &BuildResult{Shards: shards, Images: pictures}
	targets := metadata.Targets(expiry(now, exp.Targets))
	for _, s := range append(append([]Shard(nil), shards...), pictures...) {
		tf, err := metadata.TargetFile().FromBytes(s.Name, s.Data, "sha256")
		if err != nil {
			return nil, err
		}
		targets.Signed.Targets[s.Name] = tf
	}
	snapshot := prev.snapshot
	res.ContentChanged = prev.targets == nil || !sameTargets(prev.targets, targets) ||
		prev.targets.Signed.Expires.Before(now.Add(exp.Targets/2)) ||
		prev.snapshot.Signed.Expires.Before(now.Add(exp.Snapshot/2))
	if res.ContentChanged {
		targets.Signed.Version = nextVersion(prev.targets)
		if _, err := targets.Sign(mustSigner(keys.Targets)); err != nil {
			return nil, err
		}
		snapshot = metadata.Snapshot(expiry(now, exp.Snapshot))
		snapshot.Signed.Version = nextSnapshotVersion(prev.snapshot)
		snapshot.Signed.Meta[RoleTargets+".json"] = metadata.MetaFile(targets.Signed.Version)
		if _, err := snapshot.Sign(mustSigner(keys.Snapshot)); err != nil {
			return nil, err
		}
	} else {
		targets = prev.targets
	}
	if err := writeShards(outDir, append(append([]Shard(nil), shards...), pictures...), res); err != nil {
		return nil, err
	}
	mdir := filepath.Join(outDir, MetadataDir)
	if err := writeMetadata(filepath.Join(mdir, fmt.Sprintf("%d.root.json", root.Signed.Version)), root); err != nil {
		return nil, err
	}
	if res.ContentChanged {
		if err := writeMetadata(filepath.Join(mdir, fmt.Sprintf("%d.targets.json", targets.Signed.Version)), targets); err != nil {
			return nil, err
		}
		if err := writeMetadata(filepath.Join(mdir, fmt.Sprintf("%d.snapshot.json", snapshot.Signed.Version)), snapshot); err != nil {
			return nil, err
		}
	}
	ts, err := signTimestamp(keys, prev.timestamp, snapshot.Signed.Version, now, exp.Timestamp)
	if err != nil {
		return nil, err
	}
	if err := writeMetadata(filepath.Join(mdir, "timestamp.json"), ts); err != nil {
		return nil, err
	}
	res.TargetsVersion, res.SnapshotVersion, res.TimestampVersion = targets.Signed.Version, snapshot.Signed.Version, ts.Signed.Version
	return res, nil
}

// ImagesPrefix starts the name of every picture target.
const ImagesPrefix = "images/"

// IsImage reports whether a target is a picture rather than a shard.
func IsImage(name string) bool { return strings.HasPrefix(name, ImagesPrefix) }

// checkPictures refuses a build whose items name a picture not given,
// or that is given pictures no item names.
func checkPictures(set *content.Set, pictures []Shard) error {
	given := map[string]bool{}
	for _, p := range pictures {
		if !IsImage(p.Name) || !content.ValidImageFile(p.Name) {
			return fmt.Errorf("picture target %q is not named images/<name>.jpg", p.Name)
		}
		given[p.Name] = true
	}
	used := map[string]bool{}
	var problems content.Problems
	set.Each(func(item content.Item) {
		img := content.ImageOf(item)
		if img == nil {
			return
		}
		used[img.File] = true
		if !given[img.File] {
			problems = append(problems, content.Problem{Kind: item.Kind(), ID: item.ItemID(), Field: "image.file",
				Message: fmt.Sprintf("%s was not made into a published picture (build makes them from the content folder's images/)", img.File)})
		}
	})
	if len(problems) > 0 {
		return problems
	}
	for _, p := range pictures {
		if !used[p.Name] {
			return fmt.Errorf("picture %s is named by no item", p.Name)
		}
	}
	return nil
}

// Timestamp signs the timestamp again with a fresh expiry, for a daily
// job: kiosks see that the publisher is alive without anything changing.
func Timestamp(keysDir, outDir string, exp time.Duration, now time.Time) (*metadata.Metadata[metadata.TimestampType], error) {
	keys, err := LoadKeys(keysDir)
	if err != nil {
		return nil, err
	}
	prev, err := readPublished(outDir)
	if err != nil {
		return nil, err
	}
	if prev.snapshot == nil {
		return nil, fmt.Errorf("%s holds no feed yet: run build first", outDir)
	}
	ts, err := signTimestamp(keys, prev.timestamp, prev.snapshot.Signed.Version, now, exp)
	if err != nil {
		return nil, err
	}
	return ts, writeMetadata(filepath.Join(outDir, MetadataDir, "timestamp.json"), ts)
}

func signTimestamp(keys *Keys, prev *metadata.Metadata[metadata.TimestampType], snapshotVersion int64, now time.Time, exp time.Duration) (*metadata.Metadata[metadata.TimestampType], error) {
	ts := metadata.Timestamp(expiry(now, exp))
	if prev != nil {
		ts.Signed.Version = prev.Signed.Version + 1
	}
	ts.Signed.Meta["snapshot.json"] = metadata.MetaFile(snapshotVersion)
	_, err := ts.Sign(mustSigner(keys.Timestamp))
	return ts, err
}

func expiry(now time.Time, d time.Duration) time.Time { return now.Add(d).UTC().Truncate(time.Second) }

func nextVersion(prev *metadata.Metadata[metadata.TargetsType]) int64 {
	if prev == nil {
		return 1
	}
	return prev.Signed.Version + 1
}

func nextSnapshotVersion(prev *metadata.Metadata[metadata.SnapshotType]) int64 {
	if prev == nil {
		return 1
	}
	return prev.Signed.Version + 1
}

// sameTargets reports whether two targets lists name the same files with
// the same hashes.
func sameTargets(a, b *metadata.Metadata[metadata.TargetsType]) bool {
	if len(a.Signed.Targets) != len(b.Signed.Targets) {
		return false
	}
	for name, ta := range a.Signed.Targets {
		tb, ok := b.Signed.Targets[name]
		if !ok || ta.Length != tb.Length || hex.EncodeToString(ta.Hashes["sha256"]) != hex.EncodeToString(tb.Hashes["sha256"]) {
			return false
		}
	}
	return true
}

// TargetPath is where a shard is stored in the feed: its hash before its
// name, as TUF's consistent snapshots and go-tuf's PrefixTargetsWithHash
// expect ("services/<sha256>.orebro.json").
func TargetPath(name string, sha256hex string) string {
	dir, base := path.Split(name)
	return path.Join(TargetsDir, dir, sha256hex+"."+base)
}

func writeShards(outDir string, shards []Shard, res *BuildResult) error {
	for _, s := range shards {
		tf, err := metadata.TargetFile().FromBytes(s.Name, s.Data, "sha256")
		if err != nil {
			return err
		}
		p := filepath.Join(outDir, filepath.FromSlash(TargetPath(s.Name, hex.EncodeToString(tf.Hashes["sha256"]))))
		if _, err := os.Stat(p); err == nil {
			continue // named by its hash: the same name is the same bytes
		}
		if err := atomicfile.WriteBytesMkdir(p, 0o644, s.Data); err != nil {
			return err
		}
		res.Written = append(res.Written, s.Name)
	}
	return nil
}

type signable interface {
	ToBytes(pretty bool) ([]byte, error)
}

func writeMetadata(p string, md signable) error {
	data, err := md.ToBytes(false)
	if err != nil {
		return err
	}
	return atomicfile.WriteBytesMkdir(p, 0o644, data) // a reader (or a web server) never sees half a file
}

func readRoot(p string) (*metadata.Metadata[metadata.RootType], error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	root, err := metadata.Root().FromBytes(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return root, nil
}

// readPublished reads the latest metadata of a feed folder as its
// publisher: no signature checks (that is Verify's job), just versions.
func readPublished(outDir string) (*published, error) {
	var p published
	mdir := filepath.Join(outDir, MetadataDir)
	data, err := os.ReadFile(filepath.Join(mdir, "timestamp.json"))
	if errors.Is(err, os.ErrNotExist) {
		return &p, nil
	}
	if err != nil {
		return nil, err
	}
	if p.timestamp, err = metadata.Timestamp().FromBytes(data); err != nil {
		return nil, fmt.Errorf("timestamp.json: %w", err)
	}
	sv := p.timestamp.Signed.Meta["snapshot.json"].Version
	if data, err = os.ReadFile(filepath.Join(mdir, fmt.Sprintf("%d.snapshot.json", sv))); err != nil {
		return nil, err
	}
	if p.snapshot, err = metadata.Snapshot().FromBytes(data); err != nil {
		return nil, fmt.Errorf("%d.snapshot.json: %w", sv, err)
	}
	tv := p.snapshot.Signed.Meta["targets.json"].Version
	if data, err = os.ReadFile(filepath.Join(mdir, fmt.Sprintf("%d.targets.json", tv))); err != nil {
		return nil, err
	}
	if p.targets, err = metadata.Targets().FromBytes(data); err != nil {
		return nil, fmt.Errorf("%d.targets.json: %w", tv, err)
	}
	return &p, nil
}

// ReadRootVersion returns the version of a root metadata file.
func ReadRootVersion(path string) (int64, error) {
	root, err := readRoot(path)
	if err != nil {
		return 0, err
	}
	return root.Signed.Version, nil
}

// ReadVersions returns the versions of snapshot.json and targets.json in a
// folder of unversioned metadata (a kiosk's feed state).
func ReadVersions(dir string) (snapshot, targets int64, err error) {
	data, err := os.ReadFile(filepath.Join(dir, "snapshot.json"))
	if err != nil {
		return 0, 0, err
	}
	s, err := metadata.Snapshot().FromBytes(data)
	if err != nil {
		return 0, 0, err
	}
	if data, err = os.ReadFile(filepath.Join(dir, "targets.json")); err != nil {
		return 0, 0, err
	}
	t, err := metadata.Targets().FromBytes(data)
	if err != nil {
		return 0, 0, err
	}
	return s.Signed.Version, t.Signed.Version, nil
}
