package store

import (
	"encoding/json"
	"fmt"
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
	if v.Digest == "" {
		v.Digest = set.Digest()
	}
	if v.Applied.IsZero() {
		v.Applied = time.Now().UTC()
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := resetBuckets(tx); err != nil {
			return err
		}
		w := writer{tx: tx, now: v.Applied}
		if err := w.set(set); err != nil {
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

// writer puts items and their index entries into a write transaction.
type writer struct {
	tx  *bolt.Tx
	now time.Time
	err error
}

func (w *writer) put(bucket []byte, key []byte, v any) {
	if w.err != nil {
		return
	}
	if v == nil {
		w.err = w.tx.Bucket(bucket).Put(key, []byte{})
		return
	}
	w.err = putJSON(w.tx.Bucket(bucket), key, v)
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
