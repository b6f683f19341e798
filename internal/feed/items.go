package feed

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/theupdateframework/go-tuf/v2/metadata"

	"github.com/motesplats/motesplats/internal/content"
)

// Change counts, per kind, what a set adds, changes and removes compared
// with the version published in a feed folder.
type Change struct {
	Added, Changed, Removed int
}

// Changes compares set with the version published in outDir item by item
// (kind/id, and the item's JSON). With no feed yet, everything is added.
func Changes(set *content.Set, outDir string) (map[content.Kind]Change, error) {
	before, err := publishedItems(outDir)
	if err != nil {
		return nil, err
	}
	out := map[content.Kind]Change{}
	seen := map[string]bool{}
	var encodeErr error
	set.Each(func(item content.Item) {
		kind, id := item.Kind(), item.ItemID()
		key := string(kind) + "/" + id
		seen[key] = true
		now, err := json.Marshal(item)
		if err != nil {
			encodeErr = err
			return
		}
		c := out[kind]
		if old, ok := before[key]; !ok {
			c.Added++
		} else if string(old) != string(now) {
			c.Changed++
		}
		out[kind] = c
	})
	if encodeErr != nil {
		return nil, encodeErr
	}
	for key := range before {
		if !seen[key] {
			k, _, _ := strings.Cut(key, "/")
			kind := content.Kind(k)
			c := out[kind]
			c.Removed++
			out[kind] = c
		}
	}
	return out, nil
}

// publishedItems reads the published version's items as JSON by
// "kind/id"; empty when outDir holds no feed.
func publishedItems(outDir string) (map[string][]byte, error) {
	prev, err := readPublished(outDir)
	if err != nil || prev.targets == nil {
		return nil, err
	}
	out := map[string][]byte{}
	for name, tf := range prev.targets.Signed.Targets {
		if IsImage(name) {
			continue
		}
		p := filepath.Join(outDir, filepath.FromSlash(TargetPath(name, hex.EncodeToString(tf.Hashes["sha256"]))))
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("reading the published version: %w", err)
		}
		kind, items, err := Decode(Shard{Name: name, Data: data})
		if err != nil {
			return nil, fmt.Errorf("reading the published version: %w", err)
		}
		for _, item := range items {
			_, id := item.Kind(), item.ItemID()
			js, err := json.Marshal(item)
			if err != nil {
				return nil, err
			}
			out[string(kind)+"/"+id] = js
		}
	}
	return out, nil
}

// WrittenBytes is the size of the shard and picture files a build wrote new: what a
// kiosk downloads for this version (besides the small metadata).
func (r *BuildResult) WrittenBytes() int64 {
	written := map[string]bool{}
	for _, name := range r.Written {
		written[name] = true
	}
	var n int64
	for _, s := range append(append([]Shard(nil), r.Shards...), r.Images...) {
		if written[s.Name] {
			n += int64(len(s.Data))
		}
	}
	return n
}

// VersionSet reads the items of an earlier published version from a feed
// folder: build keeps every version's targets metadata and shard files,
// so what kiosks were given then can be compared with what is written now.
func VersionSet(outDir string, version int64) (*content.Set, error) {
	p := filepath.Join(outDir, MetadataDir, fmt.Sprintf("%d.targets.json", version))
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("version %d of %s: %w", version, outDir, err)
	}
	targets, err := metadata.Targets().FromBytes(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	var shards []Shard
	for name, tf := range targets.Signed.Targets {
		if IsImage(name) {
			continue
		}
		sp := filepath.Join(outDir, filepath.FromSlash(TargetPath(name, hex.EncodeToString(tf.Hashes["sha256"]))))
		data, err := os.ReadFile(sp)
		if err != nil {
			return nil, fmt.Errorf("version %d of %s: %w", version, outDir, err)
		}
		shards = append(shards, Shard{Name: name, Data: data})
	}
	return Join(shards)
}
