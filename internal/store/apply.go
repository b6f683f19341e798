package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
)

// occurrenceHorizon is how far ahead recurring events are expanded into
// the start-time indexes when a version is applied.
const occurrenceHorizon = 2 * 365 * 24 * time.Hour

// indexedPast is how far back the occurrences of a rule too long to index
// whole are indexed, for the screens that show past events when none are
// coming; the rule is walked from there, not from its first start.
const indexedPast = 365 * 24 * time.Hour

// maxIndexedStarts bounds the index entries of one event: validation
// allows content.MaxRuleStarts in two years, plus its RDATEs and moves.
const maxIndexedStarts = 2*content.MaxRuleStarts + 2*content.MaxExceptions

// Apply validates set and replaces the whole content of the store with it
// in one write transaction, together with v. If anything fails the store
// keeps the version it had. Applied is set to now when it is zero; the
// digest is always that of what is written. The version records no parts
// (see Parts), so a later sync re-splits it.
func (s *Store) Apply(set *content.Set, v content.Version) error {
	if problems := set.Validate(); len(problems) > 0 {
		return fmt.Errorf("content version %d is not valid:\n%w", v.Number, problems)
	}
	appliedNow(&v)
	// Encoding and sorting happen before the write transaction, so the
	// file stays locked only for the writing itself.
	w := newWriter(v.Applied)
	set.Each(w.item)
	if w.err != nil {
		return w.err
	}
	w.sort()
	v.Digest = w.digest()
	return s.update(func(tx *bolt.Tx) error {
		if err := resetBuckets(rootOf(tx)); err != nil {
			return err
		}
		if err := w.flush(rootOf(tx)); err != nil {
			return err
		}
		return putVersion(tx, set.Stats(), v)
	})
}

func putVersion(tx *bolt.Tx, st content.Stats, v content.Version) error {
	meta := tx.Bucket(bucketMeta)
	if err := putJSON(meta, keyStats, st); err != nil {
		return err
	}
	return putJSON(meta, keyVersion, v)
}

// parent is where content buckets live: the file's root for the current
// version, or the bucket a new version is built in (bbolt's Tx and
// Bucket both have these methods).
type parent interface {
	Bucket(name []byte) *bolt.Bucket
	CreateBucket(name []byte) (*bolt.Bucket, error)
	DeleteBucket(name []byte) error
}

type txRoot struct{ *bolt.Tx }

func rootOf(tx *bolt.Tx) parent { return txRoot{tx} }

func resetBuckets(p parent) error {
	for _, name := range contentBuckets() {
		if p.Bucket(name) != nil {
			if err := p.DeleteBucket(name); err != nil {
				return err
			}
		}
		if _, err := p.CreateBucket(name); err != nil {
			return err
		}
	}
	return nil
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// writer collects items and their index entries, then writes each bucket
// in key order. bbolt keeps a bucket's page in memory as one sorted slice
// until commit, so keys put in random order cost a copy of the slice each
// (quadratic: 6.5 s for 50,000 items); in order they append.
type writer struct {
	now     time.Time
	pending map[string][]entry
	bytes   int // encoded size so far, for batching
	err     error
}

type entry struct{ key, value []byte }

func newWriter(now time.Time) *writer {
	return &writer{now: now, pending: map[string][]entry{}}
}

// item encodes one item and its index entries.
func (w *writer) item(item content.Item) {
	if w.err != nil {
		return
	}
	kind, id := item.Kind(), item.ItemID()
	value, err := json.Marshal(item)
	if err != nil {
		w.err = err
		return
	}
	w.add([]byte(kind), []byte(id), value)
	sum := sha256.Sum256(value)
	w.add(bucketDigest, []byte(content.DigestKey(kind, id)), sum[:])
	forEachIndexKey(item, expandedStarts(w.now), func(bucket, key, value []byte) {
		if value == nil {
			value = []byte{}
		}
		w.add(bucket, key, value)
	})
}

func (w *writer) add(bucket, key, value []byte) {
	w.pending[string(bucket)] = append(w.pending[string(bucket)], entry{key, value})
	w.bytes += len(key) + len(value)
}

func (w *writer) sort() {
	for _, entries := range w.pending {
		sort.Slice(entries, func(i, j int) bool { return bytes.Compare(entries[i].key, entries[j].key) < 0 })
	}
}

// digest is content.Set.Digest from the items' hashes (after sort).
func (w *writer) digest() string {
	d := content.NewDigester()
	for _, e := range w.pending[string(bucketDigest)] {
		d.Add(string(e.key), [32]byte(e.value))
	}
	return d.Sum()
}

func (w *writer) flush(p parent) error {
	for name, entries := range w.pending {
		b := p.Bucket([]byte(name))
		b.FillPercent = 0.95 // written in order and rarely changed: pack pages full
		for _, e := range entries {
			if err := b.Put(e.key, e.value); err != nil {
				return fmt.Errorf("writing %s: %w", name, err)
			}
		}
	}
	return nil
}

// forEachIndexKey calls fn with every index entry of an item, so writing
// and deleting an item touch exactly the same keys. starts gives an
// event's indexed start times (8-byte time keys, one after another).
func forEachIndexKey(item content.Item, starts eventStarts, fn func(bucket, key, value []byte)) {
	byMuni := func(muni string, kind content.Kind, id string) {
		fn(bucketByMuni, join([]byte(muni), []byte(kind), []byte(id)), nil)
	}
	switch it := item.(type) {
	case *content.Project:
		for _, m := range it.Municipalities {
			byMuni(m, content.KindProject, it.ID)
		}
	case *content.Article:
		fn(bucketArticlesTopic, join([]byte(it.Topic), append(orderKey(it.Order), it.ID...)), nil)
		byMuni(it.Municipality, content.KindArticle, it.ID)
	case *content.Service:
		for _, c := range it.Categories {
			fn(bucketServicesByCat, join([]byte(c), []byte(it.ID)), nil)
		}
		byMuni(it.Municipality, content.KindService, it.ID)
	case *content.Event:
		byMuni(it.Municipality, content.KindEvent, it.ID)
		// One entry per occurrence, so "what is on next" is a cursor seek
		// even for recurring events.
		keys := starts(it)
		for i := 0; i+8 <= len(keys); i += 8 {
			k := append(append([]byte(nil), keys[i:i+8]...), it.ID...)
			fn(bucketEventsByStart, k, nil)
			fn(bucketEventsByMuni, join([]byte(it.Municipality), k), nil)
			if it.Project != "" {
				fn(bucketEventsByProj, join([]byte(it.Project), k), nil)
			}
			for _, c := range it.Categories {
				fn(bucketEventsByCat, join([]byte(c), k), nil)
			}
		}
		// The occurrences depend on when the event was written (the
		// horizon moves), so they are kept to delete exactly these later.
		fn(bucketEventStarts, []byte(it.ID), keys)
	}
}

// eventStarts gives an event's indexed start times as 8-byte time keys.
type eventStarts func(e *content.Event) []byte

// expandedStarts are the occurrences of an event written at now: up to
// occurrenceHorizon ahead of now, or of the start for a future event.
func expandedStarts(now time.Time) eventStarts {
	return func(e *content.Event) []byte {
		horizon := now.Add(occurrenceHorizon)
		if e.Start.After(now) {
			horizon = e.Start.Add(occurrenceHorizon)
		}
		// Every occurrence from the first when they fit (a past event
		// stays findable); otherwise, for a long or endless rule, from a
		// year back: the walk starts there, never at a 1900 DTSTART.
		ins := e.Instances(time.Time{}, horizon, maxIndexedStarts)
		if len(ins) == maxIndexedStarts {
			ins = e.Instances(now.Add(-indexedPast), horizon, maxIndexedStarts)
		}
		var keys []byte
		for _, in := range ins {
			keys = append(keys, timeKey(in.Start)...)
		}
		return keys
	}
}
