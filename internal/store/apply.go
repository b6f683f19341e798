package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
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

// Apply validates set and replaces the whole content of the store with it
// in one write transaction, together with v. If anything fails the store
// keeps the version it had. Applied is set to now when it is zero.
func (s *Store) Apply(set *content.Set, v content.Version) error {
	if problems := set.Validate(); len(problems) > 0 {
		return fmt.Errorf("content version %d is not valid:\n%w", v.Number, problems)
	}
	if v.Applied.IsZero() {
		v.Applied = time.Now().UTC()
	}
	// Encoding and sorting happen before the write transaction, so the
	// file stays locked only for the writing itself.
	w := writer{now: v.Applied, pending: map[string][]entry{}}
	if err := w.set(set); err != nil {
		return err
	}
	w.sort()
	if v.Digest == "" {
		v.Digest = w.digest()
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := resetBuckets(tx); err != nil {
			return err
		}
		if err := w.flush(tx); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if err := putJSON(meta, keyStats, set.Stats()); err != nil {
			return err
		}
		return putJSON(meta, keyVersion, v)
	})
}

func resetBuckets(tx *bolt.Tx) error {
	for _, name := range contentBuckets() {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket(name); err != nil {
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
	err     error
}

type entry struct{ key, value []byte }

func (w *writer) put(bucket []byte, key []byte, v any) {
	if w.err != nil {
		return
	}
	value := []byte{}
	if v != nil {
		if value, w.err = json.Marshal(v); w.err != nil {
			return
		}
	}
	w.pending[string(bucket)] = append(w.pending[string(bucket)], entry{key, value})
}

func (w *writer) sort() {
	for _, entries := range w.pending {
		sort.Slice(entries, func(i, j int) bool { return bytes.Compare(entries[i].key, entries[j].key) < 0 })
	}
}

// digest is content.Set.Digest computed from the encoded items, which
// are the same bytes (JSON of each item, by kind, in id order), so the
// set is not encoded twice.
func (w *writer) digest() string {
	h := sha256.New()
	for _, kind := range content.Kinds {
		h.Write([]byte(kind))
		for _, e := range w.pending[string(kind)] {
			h.Write(e.value)
			h.Write([]byte{'\n'})
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (w *writer) flush(tx *bolt.Tx) error {
	for name, entries := range w.pending {
		b := tx.Bucket([]byte(name))
		b.FillPercent = 0.95 // written in order and replaced whole: pack pages full
		for _, e := range entries {
			if err := b.Put(e.key, e.value); err != nil {
				return fmt.Errorf("writing %s: %w", name, err)
			}
		}
	}
	return nil
}

func (w *writer) index(bucket []byte, key []byte) { w.put(bucket, key, nil) }

func (w *writer) byMuni(muni string, kind content.Kind, id string) {
	w.index(bucketByMuni, join([]byte(muni), []byte(kind), []byte(id)))
}

func (w *writer) set(set *content.Set) error {
	for _, m := range set.Municipalities {
		w.put([]byte(content.KindMunicipality), []byte(m.ID), m)
	}
	for _, t := range set.Topics {
		w.put([]byte(content.KindTopic), []byte(t.ID), t)
	}
	for _, p := range set.Projects {
		w.put([]byte(content.KindProject), []byte(p.ID), p)
		for _, m := range p.Municipalities {
			w.byMuni(m, content.KindProject, p.ID)
		}
	}
	for _, a := range set.Articles {
		w.put([]byte(content.KindArticle), []byte(a.ID), a)
		w.index(bucketArticlesTopic, join([]byte(a.Topic), append(orderKey(a.Order), a.ID...)))
		w.byMuni(a.Municipality, content.KindArticle, a.ID)
	}
	for _, sv := range set.Services {
		w.put([]byte(content.KindService), []byte(sv.ID), sv)
		for _, c := range sv.Categories {
			w.index(bucketServicesByCat, join([]byte(c), []byte(sv.ID)))
		}
		w.byMuni(sv.Municipality, content.KindService, sv.ID)
	}
	for i := range set.Events {
		w.event(&set.Events[i])
	}
	return w.err
}

// event stores an event and one index entry per occurrence, so "what is on
// next" is a cursor seek even for recurring events.
func (w *writer) event(e *content.Event) {
	w.put([]byte(content.KindEvent), []byte(e.ID), e)
	w.byMuni(e.Municipality, content.KindEvent, e.ID)
	horizon := w.now.Add(occurrenceHorizon)
	if e.Start.After(w.now) {
		horizon = e.Start.Add(occurrenceHorizon)
	}
	for _, start := range e.Occurrences(time.Time{}, horizon) {
		k := append(timeKey(start), e.ID...)
		w.index(bucketEventsByStart, k)
		w.index(bucketEventsByMuni, join([]byte(e.Municipality), k))
	}
}
