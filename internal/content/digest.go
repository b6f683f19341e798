package content

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"sort"
)

// Digest returns the SHA-256 of the set in a canonical form: for every
// item, in the byte order of "kind 0 id", that key and the SHA-256 of the
// item's JSON (Go sorts map keys). The same content gives the same digest
// whatever order it was read in, and a store can keep each item's hash
// beside it, so a version's digest is found without reading every item.
func (s *Set) Digest() string {
	var entries []DigestEntry
	s.Each(func(item Item) {
		kind, id := item.Kind(), item.ItemID()
		data, _ := json.Marshal(item) // content types always encode
		entries = append(entries, DigestEntry{Key: DigestKey(kind, id), Sum: sha256.Sum256(data)})
	})
	sort.Slice(entries, func(i, j int) bool { return entries[i].Key < entries[j].Key })
	d := NewDigester()
	for _, e := range entries {
		d.Add(e.Key, e.Sum)
	}
	return d.Sum()
}

// DigestEntry is one item's part of a digest.
type DigestEntry struct {
	Key string   // DigestKey(kind, id)
	Sum [32]byte // SHA-256 of the item's JSON
}

// DigestKey is the key items are ordered by in a digest.
func DigestKey(kind Kind, id string) string { return string(kind) + "\x00" + id }

// Digester computes a digest from entries given in key order.
type Digester struct{ h hash.Hash }

// NewDigester starts a digest.
func NewDigester() *Digester { return &Digester{sha256.New()} }

// Add adds one item's entry; entries must come in key order.
func (d *Digester) Add(key string, sum [32]byte) {
	d.h.Write([]byte(key))
	d.h.Write([]byte{0})
	d.h.Write(sum[:])
}

// Sum returns the digest in hex.
func (d *Digester) Sum() string { return hex.EncodeToString(d.h.Sum(nil)) }

func idsOf[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}
