package store

import (
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
)

// batchBytes is how much encoded content one transaction of a Rebuild
// writes. bbolt holds a transaction's pages in memory until it commits,
// so this, not the size of the version, bounds a rebuild's memory.
var batchBytes = 4 << 20

// Rebuild writes a whole new version, v, from the parts that next returns
// until it returns nil, in referable-kind-first order (content.Kinds).
// The parts are written beside the current version over several
// transactions and then made current in one last small one, so readers
// see the old version until the new one is complete and checked; a crash
// or an error at any point leaves the old version, and the unfinished one
// is cleared by the next Rebuild. A Part with Reuse copies the current
// version's part of that name.
func (s *Store) Rebuild(v content.Version, next func() (*Part, error)) error {
	appliedNow(&v)
	if err := s.update(startNext); err != nil {
		return err
	}
	b := &rebuild{s: s, now: v.Applied, stats: content.NewStats(), c: newChecker(content.NewRefs())}
	err := b.run(next)
	if err == nil {
		err = b.c.err(v)
	}
	if err == nil {
		err = s.update(func(tx *bolt.Tx) error { return switchToNext(tx, b.stats, v) })
	}
	if err != nil {
		return errors.Join(err, s.update(dropNext))
	}
	return nil
}

func startNext(tx *bolt.Tx) error {
	if err := dropNext(tx); err != nil {
		return err
	}
	next, err := tx.CreateBucket(bucketNext)
	if err != nil {
		return err
	}
	return resetBuckets(next)
}

func dropNext(tx *bolt.Tx) error {
	if tx.Bucket(bucketNext) == nil {
		return nil
	}
	return tx.DeleteBucket(bucketNext)
}

// switchToNext replaces the current content buckets by the finished ones.
// Only bucket headers move; the content is not copied.
func switchToNext(tx *bolt.Tx, stats content.Stats, v content.Version) error {
	next := tx.Bucket(bucketNext)
	v.Digest = digestOf(next)
	for _, name := range contentBuckets() {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		if err := tx.MoveBucket(name, next, nil); err != nil {
			return fmt.Errorf("moving %s into place: %w", name, err)
		}
	}
	if err := tx.DeleteBucket(bucketNext); err != nil {
		return err
	}
	return putVersion(tx, stats, v)
}

type rebuild struct {
	s     *Store
	now   time.Time
	stats content.Stats
	c     *checker
	kind  int // rank of the last part's kind, to insist on the order
	batch []Part
	size  int
}

func (b *rebuild) run(next func() (*Part, error)) error {
	for {
		part, err := next()
		if err != nil {
			return err
		}
		if part == nil {
			return b.flush()
		}
		if err := b.add(*part); err != nil {
			return err
		}
	}
}

func (b *rebuild) add(part Part) error {
	if !part.Reuse {
		if err := b.order(part); err != nil {
			return err
		}
		for _, item := range part.Items {
			kind, id := item.Kind(), item.ItemID()
			b.c.refs.Add(kind, id)
		}
	}
	b.batch = append(b.batch, part)
	b.size += max(part.Bytes, 1024*len(part.Items))
	if b.size >= batchBytes {
		return b.flush()
	}
	return nil
}

// order insists that parts come kind by kind in content.Kinds order, so
// every reference can be checked when its item arrives.
func (b *rebuild) order(part Part) error {
	if len(part.Items) == 0 {
		return fmt.Errorf("part %s has no items", part.Name)
	}
	kind, _ := part.Items[0].Kind(), part.Items[0].ItemID()
	rank := kind.Rank()
	switch {
	case rank < 0:
		return fmt.Errorf("part %s: unknown kind %q", part.Name, kind)
	case rank < b.kind:
		return fmt.Errorf("part %s (%s) comes after parts of a later kind", part.Name, kind)
	}
	b.kind = rank
	return nil
}

// flush writes the batch in one transaction.
func (b *rebuild) flush() error {
	if len(b.batch) == 0 {
		return nil
	}
	err := b.s.update(func(tx *bolt.Tx) error {
		next := tx.Bucket(bucketNext)
		if next == nil {
			return errors.New("the version being built has gone (another rebuild started?)")
		}
		w := newWriter(b.now)
		stored := func(kind content.Kind, id string) bool { return next.Bucket([]byte(kind)).Get([]byte(id)) != nil }
		for _, part := range b.batch {
			if part.Reuse {
				var err error
				if part, err = b.reused(rootOf(tx), part); err != nil {
					return err
				}
			}
			if err := addPart(next, part, b.c, w, b.stats, stored); err != nil {
				return err
			}
		}
		w.sort()
		if err := w.flush(next); err != nil {
			return err
		}
		// The pages of the file this batch read need not stay resident
		// for the next (see dropPages): a full sync would otherwise
		// leave most of the file in the process's memory.
		dropPages(tx)
		return nil
	})
	b.batch, b.size = nil, 0
	b.c.seen = map[content.Kind]map[string]bool{}
	return err
}

// reused reads a part of the current version back as items.
func (b *rebuild) reused(cur parent, part Part) (Part, error) {
	rec, ok, err := readPart(cur, part.Name)
	switch {
	case err != nil:
		return part, err
	case !ok || rec.Hash != part.Hash:
		return part, fmt.Errorf("part %s with hash %.12s is not in the store to reuse", part.Name, part.Hash)
	}
	items := cur.Bucket([]byte(rec.Kind))
	part.Items = make([]content.Item, 0, len(rec.IDs))
	for _, id := range rec.IDs {
		item, err := decodeItem(rec.Kind, []byte(id), items.Get([]byte(id)))
		if err != nil {
			return part, fmt.Errorf("part %s: %w", part.Name, err)
		}
		b.c.refs.Add(rec.Kind, id)
		part.Items = append(part.Items, item)
	}
	return part, nil
}
