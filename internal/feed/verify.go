package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/theupdateframework/go-tuf/v2/metadata"

	"github.com/motesplats/motesplats/internal/content"
)

// Verify checks the feed in dir exactly as a kiosk would, trusting the
// root in rootPath, and then every other file in the folder too: older
// metadata must carry valid signatures, and every shard file must hash to
// the name it has. It returns every problem it finds, or nil.
func Verify(rootPath, dir string, now time.Time) (*content.Set, error) {
	root, err := os.ReadFile(rootPath)
	if err != nil {
		return nil, err
	}
	var problems []error
	set, err := verifyAsKiosk(root, dir, now)
	if err != nil {
		problems = append(problems, err)
	}
	problems = append(problems, verifyFiles(root, dir)...)
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return set, nil
}

func verifyAsKiosk(root []byte, dir string, now time.Time) (*content.Set, error) {
	c, err := NewClient(root, dir, ClientOptions{Now: now})
	if err != nil {
		return nil, err
	}
	if err := c.Refresh(); err != nil {
		return nil, fmt.Errorf("metadata: %w", err)
	}
	var shards []Shard
	var problems []error
	pictures := map[string]bool{}
	for name, tf := range c.Targets() {
		data, err := c.Download(tf)
		if err != nil {
			problems = append(problems, fmt.Errorf("target %s: %w", name, err))
			continue
		}
		if IsImage(name) {
			pictures[name] = true
			continue
		}
		shards = append(shards, Shard{Name: name, Data: data})
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	sort.Slice(shards, func(i, j int) bool { return shards[i].Name < shards[j].Name })
	set, err := Join(shards)
	if err != nil {
		return nil, err
	}
	if ps := set.Validate(); len(ps) > 0 {
		return nil, fmt.Errorf("content: %w", ps)
	}
	set.Each(func(item content.Item) {
		if img := content.ImageOf(item); img != nil && !pictures[img.File] {
			problems = append(problems, fmt.Errorf("%s/%s: its picture %s is not a target of the feed", item.Kind(), item.ItemID(), img.File))
		}
	})
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return set, nil
}

var hashedName = regexp.MustCompile(`^([0-9a-f]{64})\.`)

// verifyFiles checks the files a kiosk did not need for the newest
// version: older metadata and older shards.
func verifyFiles(rootBytes []byte, dir string) []error {
	trusted, err := metadata.Root().FromBytes(rootBytes)
	if err != nil {
		return []error{err}
	}
	var problems []error
	mdir := filepath.Join(dir, MetadataDir)
	entries, err := os.ReadDir(mdir)
	if err != nil {
		return []error{err}
	}
	for _, e := range entries {
		if err := verifyMetadataFile(trusted, filepath.Join(mdir, e.Name()), e.Name()); err != nil {
			problems = append(problems, fmt.Errorf("%s/%s: %w", MetadataDir, e.Name(), err))
		}
	}
	err = filepath.WalkDir(filepath.Join(dir, TargetsDir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m := hashedName.FindStringSubmatch(d.Name())
		if m == nil {
			problems = append(problems, fmt.Errorf("%s: not named by its hash", rel))
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != m[1] {
			problems = append(problems, fmt.Errorf("%s: content does not match the hash in its name", rel))
		}
		return nil
	})
	if err != nil {
		problems = append(problems, err)
	}
	return problems
}

// verifyMetadataFile checks a metadata file's signatures with the keys the
// trusted root gives its role.
func verifyMetadataFile(trusted *metadata.Metadata[metadata.RootType], path, name string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	switch {
	case strings.HasSuffix(name, ".root.json"):
		md, err := metadata.Root().FromBytes(data)
		if err != nil {
			return err
		}
		if md.Signed.Version == trusted.Signed.Version {
			return trusted.VerifyDelegate(RoleRoot, md)
		}
		return nil // a newer root is checked by the kiosk path, against its predecessor
	case strings.HasSuffix(name, ".targets.json"):
		md, err := metadata.Targets().FromBytes(data)
		if err != nil {
			return err
		}
		return trusted.VerifyDelegate(RoleTargets, md)
	case strings.HasSuffix(name, ".snapshot.json"):
		md, err := metadata.Snapshot().FromBytes(data)
		if err != nil {
			return err
		}
		return trusted.VerifyDelegate(RoleSnapshot, md)
	case name == "timestamp.json":
		md, err := metadata.Timestamp().FromBytes(data)
		if err != nil {
			return err
		}
		return trusted.VerifyDelegate(RoleTimestamp, md)
	}
	return fmt.Errorf("not a file of a feed")
}
