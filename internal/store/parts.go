package store

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
)

// Part is a named group of items of one kind, one shard of the feed. A
// version applied part by part remembers its parts, so the next sync
// replaces only the parts whose hash changed.
type Part struct {
	Name string
	Hash string // hex SHA-256 of the part as published
	// Items are the part's items, decoded.
	Items []content.Item
	// Bytes is the part's published size (or a guess), which bounds how
	// much one transaction of a Rebuild holds.
	Bytes int
	// Reuse, for Rebuild, takes the items of the current version's part
	// of the same name and hash instead of Items.
	Reuse bool
}

type partRecord struct {
	Hash string       `json:"hash"`
	Kind content.Kind `json:"kind"`
	IDs  []string     `json:"ids"`
}

// Parts returns the parts the current version was applied from, name →
// hash; it is empty for a version applied whole (built-in or local).
func (s *Store) Parts() (map[string]string, error) {
	out := map[string]string{}
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketParts)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var rec partRecord
			if err := unmarshal(v, &rec); err != nil {
				return fmt.Errorf("part %s: %w", k, err)
			}
			out[string(k)] = rec.Hash
			return nil
		})
	})
	return out, err
}

// PartItems returns the encoded items of one part of the current version,
// in id order: what was published, item by item.
func (t *Tx) PartItems(name string) (hash string, items [][]byte, err error) {
	rec, ok, err := readPart(rootOf(t.tx), name)
	if err != nil || !ok {
		return "", nil, errors.Join(err, fmt.Errorf("the store has no part %s", name))
	}
	b := t.tx.Bucket([]byte(rec.Kind))
	for _, id := range rec.IDs {
		v := b.Get([]byte(id))
		if v == nil {
			return "", nil, fmt.Errorf("part %s: item %s is missing", name, id)
		}
		items = append(items, bytes.Clone(v))
	}
	return rec.Hash, items, nil
}

func readPart(p parent, name string) (partRecord, bool, error) {
	var rec partRecord
	b := p.Bucket(bucketParts)
	if b == nil {
		return rec, false, nil
	}
	ok, err := getJSON(b, []byte(name), &rec)
	if err != nil {
		err = fmt.Errorf("part %s: %w", name, err)
	}
	return rec, ok, err
}

// decodeItem decodes a stored item of a kind; an error names the item.
func decodeItem(kind content.Kind, id []byte, data []byte) (content.Item, error) {
	item, err := content.NewItem(kind)
	if err != nil {
		return nil, err
	}
	if err := unmarshal(data, item); err != nil {
		return nil, itemError(kind, string(id), err)
	}
	return item, nil
}

// digestOf is content.Set.Digest from the item hashes kept beside the
// items, so a version's digest costs a read of 32 bytes per item, not of
// the items.
func digestOf(p parent) string {
	d := content.NewDigester()
	_ = p.Bucket(bucketDigest).ForEach(func(k, v []byte) error {
		d.Add(string(k), [32]byte(v))
		return nil
	})
	return d.Sum()
}

// referable reads the ids that items may refer to.
func referable(p parent) *content.Refs {
	refs := content.NewRefs()
	for _, kind := range content.Kinds {
		if !content.Referable(kind) {
			continue
		}
		if b := p.Bucket([]byte(kind)); b != nil {
			_ = b.ForEach(func(k, _ []byte) error { refs.Add(kind, string(k)); return nil })
		}
	}
	return refs
}

// checker validates the items of parts as they are added: each on its
// own, against the referable ids, and for ids used twice.
type checker struct {
	refs     *content.Refs
	problems content.Problems
	seen     map[content.Kind]map[string]bool // ids added in this batch
}

func newChecker(refs *content.Refs) *checker {
	return &checker{refs: refs, seen: map[content.Kind]map[string]bool{}}
}

// check validates item; stored reports whether its id is already in the
// version being written.
func (c *checker) check(item content.Item, stored func(kind content.Kind, id string) bool) {
	kind, id := item.Kind(), item.ItemID()
	if c.seen[kind] == nil {
		c.seen[kind] = map[string]bool{}
	}
	if c.seen[kind][id] || stored(kind, id) {
		c.problems = append(c.problems, content.Problem{Kind: kind, ID: id, Field: "id", Message: "is used by more than one item"})
	}
	c.seen[kind][id] = true
	c.problems = append(c.problems, content.ValidateItem(item, c.refs)...)
}

func (c *checker) err(v content.Version) error {
	if len(c.problems) == 0 {
		return nil
	}
	return fmt.Errorf("content version %d is not valid:\n%w", v.Number, c.problems)
}

func idsOf(items []content.Item) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ItemID()
	}
	return ids
}

func appliedNow(v *content.Version) {
	if v.Applied.IsZero() {
		v.Applied = time.Now().UTC()
	}
}

// PartIDs returns the ids of the items of one part of the current version
// (none when there is no such part), without reading the items.
func (s *Store) PartIDs(name string) (kind content.Kind, ids []string, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		rec, _, err := readPart(rootOf(tx), name)
		kind, ids = rec.Kind, rec.IDs
		return err
	})
	return kind, ids, err
}
