package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
)

// Patch turns the current version into v in one transaction by removing
// the named parts and adding (or replacing) parts. The result is checked
// as a whole — every new item on its own, ids unique, references resolved,
// also those to items that were removed — and nothing changes if it fails.
// It suits small updates; Rebuild suits large ones.
func (s *Store) Patch(v content.Version, remove []string, add []Part) error {
	_, err := s.PatchChanges(v, remove, add)
	return err
}

// Changes are what a patch changed, item by item, so that what is built
// from the content (the search index) can follow without reading it all:
// From and To are the digests of the versions before and after, Changed
// the items added or changed, Removed those that are gone. An item of a
// replaced part that is byte for byte the same is in neither.
type Changes struct {
	From, To string
	Changed  []content.Ref
	Removed  []content.Ref
}

// PatchChanges is Patch, returning what changed (nil with an error).
func (s *Store) PatchChanges(v content.Version, remove []string, add []Part) (*Changes, error) {
	appliedNow(&v)
	var ch *Changes
	err := s.update(func(tx *bolt.Tx) error {
		ch = nil
		root := rootOf(tx)
		if tx.Bucket(bucketParts) == nil {
			return fmt.Errorf("the current version was not applied in parts; it cannot be patched")
		}
		from := digestOf(root)
		old := map[string][]byte{} // digest key → the removed item's hash
		for _, name := range replacedParts(root, remove, add) {
			if err := recordHashes(root, name, old); err != nil {
				return err
			}
		}
		stats := content.NewStats()
		if _, err := getJSON(tx.Bucket(bucketMeta), keyStats, &stats); err != nil {
			return err
		}
		refs := referable(root)
		gone := map[content.Kind][]string{}
		for _, name := range replacedParts(root, remove, add) {
			if err := removePart(root, name, stats, refs, gone); err != nil {
				return err
			}
		}
		c := newChecker(refs)
		w := newWriter(v.Applied)
		if err := addParts(root, add, c, w, stats); err != nil {
			return err
		}
		c.problems = append(c.problems, dangling(root, refs, gone)...)
		if err := c.err(v); err != nil {
			return err
		}
		w.sort()
		if err := w.flush(root); err != nil {
			return err
		}
		v.Digest = digestOf(root)
		ch = changesOf(old, w)
		ch.From, ch.To = from, v.Digest
		return putVersion(tx, stats, v)
	})
	if err != nil {
		return nil, err
	}
	return ch, nil
}

// recordHashes notes the hash of every item of a part about to be
// removed, by digest key.
func recordHashes(p parent, name string, old map[string][]byte) error {
	rec, ok, err := readPart(p, name)
	if err != nil || !ok {
		return err
	}
	digests := p.Bucket(bucketDigest)
	for _, id := range rec.IDs {
		key := content.DigestKey(rec.Kind, id)
		old[key] = slices.Clone(digests.Get([]byte(key)))
	}
	return nil
}

// changesOf compares the removed items' hashes with those written.
func changesOf(old map[string][]byte, w *writer) *Changes {
	ch := &Changes{}
	for _, e := range w.pending[string(bucketDigest)] {
		key := string(e.key)
		prev, had := old[key]
		delete(old, key)
		if had && bytes.Equal(prev, e.value) {
			continue
		}
		if ref, ok := refOfDigestKey(key); ok {
			ch.Changed = append(ch.Changed, ref)
		}
	}
	for key := range old {
		if ref, ok := refOfDigestKey(key); ok {
			ch.Removed = append(ch.Removed, ref)
		}
	}
	slices.SortFunc(ch.Removed, func(a, b content.Ref) int {
		return strings.Compare(content.DigestKey(a.Kind, a.ID), content.DigestKey(b.Kind, b.ID))
	})
	return ch
}

// replacedParts are the parts to take out: those named, and the current
// parts of the same names as the added ones.
func replacedParts(p parent, remove []string, add []Part) []string {
	out := append([]string(nil), remove...)
	for _, part := range add {
		if rec, _, _ := readPart(p, part.Name); rec.Kind != "" {
			out = append(out, part.Name)
		}
	}
	return out
}

// removePart deletes a part's items with their index entries.
func removePart(p parent, name string, stats content.Stats, refs *content.Refs, gone map[content.Kind][]string) error {
	rec, ok, err := readPart(p, name)
	if err != nil || !ok {
		return err
	}
	for _, id := range rec.IDs {
		if err := removeItem(p, rec.Kind, id, stats); err != nil {
			return fmt.Errorf("part %s: %w", name, err)
		}
		if content.Referable(rec.Kind) {
			refs.Remove(rec.Kind, id)
			gone[rec.Kind] = append(gone[rec.Kind], id)
		}
	}
	return p.Bucket(bucketParts).Delete([]byte(name))
}

func removeItem(p parent, kind content.Kind, id string, stats content.Stats) error {
	items := p.Bucket([]byte(kind))
	data := items.Get([]byte(id))
	if data == nil {
		return fmt.Errorf("item %s/%s is missing", kind, id)
	}
	item, err := decodeItem(kind, []byte(id), data)
	if err != nil {
		return err
	}
	stats.Count(item, -1)
	if err := deleteIndexKeys(p, item); err != nil {
		return err
	}
	if err := p.Bucket(bucketDigest).Delete([]byte(content.DigestKey(kind, id))); err != nil {
		return err
	}
	return items.Delete([]byte(id))
}

// deleteIndexKeys deletes exactly the index entries written for an item;
// an event's occurrences are read back from where they were recorded.
func deleteIndexKeys(p parent, item content.Item) error {
	var err error
	recorded := func(e *content.Event) []byte { return p.Bucket(bucketEventStarts).Get([]byte(e.ID)) }
	forEachIndexKey(item, recorded, func(bucket, key, _ []byte) {
		if err == nil {
			err = p.Bucket(bucket).Delete(key)
		}
	})
	return err
}

// addParts checks and encodes the items of parts and records the parts.
// Every referable id they add is known before any item is checked, so the
// parts may come in any order.
func addParts(p parent, add []Part, c *checker, w *writer, stats content.Stats) error {
	stored := func(kind content.Kind, id string) bool { return p.Bucket([]byte(kind)).Get([]byte(id)) != nil }
	for _, part := range add {
		for _, item := range part.Items {
			kind, id := item.Kind(), item.ItemID()
			c.refs.Add(kind, id)
		}
	}
	for _, part := range add {
		if err := addPart(p, part, c, w, stats, stored); err != nil {
			return err
		}
	}
	return w.err
}

func addPart(p parent, part Part, c *checker, w *writer, stats content.Stats, stored func(content.Kind, string) bool) error {
	if len(part.Items) == 0 {
		return fmt.Errorf("part %s has no items", part.Name)
	}
	kind, _ := part.Items[0].Kind(), part.Items[0].ItemID()
	for _, item := range part.Items {
		if k, id := item.Kind(), item.ItemID(); k != kind {
			return fmt.Errorf("part %s mixes kinds (%s and %s/%s)", part.Name, kind, k, id)
		}
		c.check(item, stored)
		stats.Count(item, 1)
		w.item(item)
	}
	rec, err := json.Marshal(partRecord{Hash: part.Hash, Kind: kind, IDs: idsOf(part.Items)})
	if err != nil {
		return err
	}
	return p.Bucket(bucketParts).Put([]byte(part.Name), rec)
}

// dangling finds references to removed municipalities, topics and
// projects that are still made. It reads every referring item, but only
// when such an item was removed for good, which is rare.
func dangling(p parent, refs *content.Refs, gone map[content.Kind][]string) content.Problems {
	removed := false
	for kind, ids := range gone {
		for _, id := range ids {
			removed = removed || !refs.Has(kind, id)
		}
	}
	if !removed {
		return nil
	}
	var out content.Problems
	for _, kind := range []content.Kind{content.KindProject, content.KindArticle, content.KindService, content.KindEvent} {
		_ = p.Bucket([]byte(kind)).ForEach(func(id, v []byte) error {
			item, err := decodeItem(kind, id, v)
			if err != nil {
				return err
			}
			out = append(out, content.ValidateItem(item, refs)...)
			return nil
		})
	}
	return out
}

// refOfDigestKey splits a digest key (content.DigestKey) into kind and id.
func refOfDigestKey(key string) (content.Ref, bool) {
	kind, id, ok := strings.Cut(key, "\x00")
	return content.Ref{Kind: content.Kind(kind), ID: id}, ok
}
