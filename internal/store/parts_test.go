package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
)

// partsOf splits a set the way the feed does, into parts in the order a
// sync applies them.
func partsOf(t *testing.T, set *content.Set) []Part {
	t.Helper()
	shards, err := feed.Split(set)
	if err != nil {
		t.Fatal(err)
	}
	byKind := map[content.Kind][]Part{}
	for _, s := range shards {
		kind, items, err := feed.Decode(s)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(s.Data)
		byKind[kind] = append(byKind[kind], Part{Name: s.Name, Hash: hex.EncodeToString(sum[:]), Items: items, Bytes: len(s.Data)})
	}
	var out []Part
	for _, k := range content.Kinds {
		out = append(out, byKind[k]...)
	}
	return out
}

func iterate(parts []Part) func() (*Part, error) {
	i := 0
	return func() (*Part, error) {
		if i == len(parts) {
			return nil, nil
		}
		i++
		return &parts[i-1], nil
	}
}

// sameContent compares every content bucket of two stores but the record
// of parts, which only a store applied in parts has.
func sameContent(t *testing.T, want, got *Store) {
	t.Helper()
	err := want.db.View(func(wtx *bolt.Tx) error {
		return got.db.View(func(gtx *bolt.Tx) error {
			for _, name := range contentBuckets() {
				if bytes.Equal(name, bucketParts) {
					continue
				}
				if diff := bucketDiff(wtx.Bucket(name), gtx.Bucket(name)); diff != "" {
					t.Errorf("bucket %s: %s", name, diff)
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func bucketDiff(want, got *bolt.Bucket) string {
	wc, gc := want.Cursor(), got.Cursor()
	wk, wv := wc.First()
	gk, gv := gc.First()
	for ; wk != nil || gk != nil; wk, wv, gk, gv = next2(wc, gc) {
		if !bytes.Equal(wk, gk) || !bytes.Equal(wv, gv) {
			return "differs at key " + string(wk) + " / " + string(gk)
		}
	}
	return ""
}

func next2(a, b *bolt.Cursor) ([]byte, []byte, []byte, []byte) {
	ak, av := a.Next()
	bk, bv := b.Next()
	return ak, av, bk, bv
}

var applied = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func TestRebuildEqualsApply(t *testing.T) {
	batchBytes = 4 << 10 // many transactions
	t.Cleanup(func() { batchBytes = 8 << 20 })
	set := testSet(300, "v1")
	whole, _ := openTemp(t)
	inParts, _ := openTemp(t)
	v := content.Version{Number: 1, Source: content.SourceFeed, Applied: applied}
	if err := whole.Apply(set, v); err != nil {
		t.Fatal(err)
	}
	if err := inParts.Apply(testSet(5, "old"), content.Version{Number: 0, Source: content.SourceBuiltin}); err != nil {
		t.Fatal(err)
	}
	if err := inParts.Rebuild(v, iterate(partsOf(t, set))); err != nil {
		t.Fatal(err)
	}
	sameContent(t, whole, inParts)
	got, err := inParts.Verify()
	if err != nil {
		t.Fatal(err)
	}
	if got.Digest != set.Digest() {
		t.Errorf("digest %s, want the set's %s", got.Digest, set.Digest())
	}
	parts, _ := inParts.Parts()
	if len(parts) != len(partsOf(t, set)) {
		t.Errorf("%d parts recorded, want %d", len(parts), len(partsOf(t, set)))
	}
	noNext(t, inParts)
}

func TestRebuildReusesParts(t *testing.T) {
	s, _ := openTemp(t)
	v1, v2 := testSet(40, "v1"), testSet(40, "v1")
	v2.Services[7].Name["sv"] = "ändrad"
	if err := s.Rebuild(content.Version{Number: 1, Applied: applied}, iterate(partsOf(t, v1))); err != nil {
		t.Fatal(err)
	}
	old, _ := s.Parts()
	parts := partsOf(t, v2)
	reused := 0
	for i, p := range parts {
		if old[p.Name] == p.Hash {
			parts[i] = Part{Name: p.Name, Hash: p.Hash, Reuse: true}
			reused++
		}
	}
	if reused == 0 || reused == len(parts) {
		t.Fatalf("%d of %d parts reusable; the test needs some of both", reused, len(parts))
	}
	if err := s.Rebuild(content.Version{Number: 2, Applied: applied}, iterate(parts)); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Verify(); err != nil || v.Digest != v2.Digest() {
		t.Fatalf("after reuse: %v, digest %s want %s", err, v.Digest, v2.Digest())
	}
}

// changedParts is what a sync sends to Patch: the parts whose hash
// changed and the names that are gone.
func changedParts(t *testing.T, s *Store, set *content.Set) (remove []string, add []Part) {
	t.Helper()
	old, err := s.Parts()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range partsOf(t, set) {
		seen[p.Name] = true
		if old[p.Name] != p.Hash {
			add = append(add, p)
		}
	}
	for name := range old {
		if !seen[name] {
			remove = append(remove, name)
		}
	}
	return remove, add
}

func TestPatchEqualsApply(t *testing.T) {
	v1 := testSet(60, "v1")
	v2 := testSet(60, "v1")
	v2.Services[3].Name["sv"] = "ändrad tjänst"
	v2.Events[4].Start = v2.Events[4].Start.Add(48 * time.Hour)
	v2.Events[5].RRule = "FREQ=WEEKLY;COUNT=4"
	// Everything in Åre goes, so its parts are removed.
	keep := func(muni string) bool { return muni != "are" }
	v2.Services = filter(v2.Services, func(s content.Service) bool { return keep(s.Municipality) })
	v2.Events = filter(v2.Events, func(e content.Event) bool { return keep(e.Municipality) })
	v2.Services = append(v2.Services, content.Service{ID: "new", Name: content.Text{"sv": "Ny"}, Municipality: "orebro"})

	patched, _ := openTemp(t)
	whole, _ := openTemp(t)
	if err := patched.Rebuild(content.Version{Number: 1, Applied: applied}, iterate(partsOf(t, v1))); err != nil {
		t.Fatal(err)
	}
	remove, add := changedParts(t, patched, v2)
	if len(remove) == 0 || len(add) == 0 {
		t.Fatalf("remove %v, add %d parts: the test needs both", remove, len(add))
	}
	v := content.Version{Number: 2, Source: content.SourceFeed, Applied: applied}
	before, _, err := patched.Version()
	if err != nil {
		t.Fatal(err)
	}
	ch, err := patched.PatchChanges(v, remove, add)
	if err != nil {
		t.Fatal(err)
	}
	wantChanged, wantRemoved := itemChanges(t, v1, v2)
	if !slices.Equal(ch.Changed, wantChanged) || !slices.Equal(ch.Removed, wantRemoved) {
		t.Errorf("changes: changed %v removed %v, want %v and %v", ch.Changed, ch.Removed, wantChanged, wantRemoved)
	}
	if len(wantChanged) < 3 || len(wantRemoved) == 0 {
		t.Errorf("the test needs items changed, added and removed: %v, %v", wantChanged, wantRemoved)
	}
	if ch.From != before.Digest || ch.To != v2.Digest() {
		t.Errorf("changes from %s to %s, want %s to %s", ch.From, ch.To, before.Digest, v2.Digest())
	}
	if err := whole.Apply(v2, v); err != nil {
		t.Fatal(err)
	}
	sameContent(t, whole, patched)
	got, err := patched.Verify()
	if err != nil {
		t.Fatal(err)
	}
	if got.Digest != v2.Digest() || got.Number != 2 {
		t.Errorf("version %d digest %s, want 2 and %s", got.Number, got.Digest, v2.Digest())
	}
	var stats content.Stats
	patched.View(func(tx *Tx) error { stats, err = tx.Stats(); return err })
	if want := v2.Stats(); stats.Items[content.KindService] != want.Items[content.KindService] || stats.Languages[content.KindService]["sv"] != want.Languages[content.KindService]["sv"] {
		t.Errorf("stats %v, want %v", stats.Items, want.Items)
	}
}

// itemChanges compares two sets item by item, as encoded, in digest key
// order.
func itemChanges(t *testing.T, v1, v2 *content.Set) (changed, removed []content.Ref) {
	t.Helper()
	encoded := func(set *content.Set) map[string][]byte {
		out := map[string][]byte{}
		for _, kind := range content.Kinds {
			set.EachOf(kind, func(item content.Item) {
				data, err := json.Marshal(item)
				if err != nil {
					t.Fatal(err)
				}
				out[content.DigestKey(kind, item.ItemID())] = data
			})
		}
		return out
	}
	a, b := encoded(v1), encoded(v2)
	keys := slices.Sorted(maps.Keys(a))
	keys = append(keys, slices.Sorted(maps.Keys(b))...)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for _, key := range keys {
		kind, id, _ := strings.Cut(key, "\x00")
		ref := content.Ref{Kind: content.Kind(kind), ID: id}
		old, had := a[key]
		now, has := b[key]
		switch {
		case !has:
			removed = append(removed, ref)
		case !had || !bytes.Equal(old, now):
			changed = append(changed, ref)
		}
	}
	return changed, removed
}

func filter[T any](list []T, keep func(T) bool) []T {
	var out []T
	for _, x := range list {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func TestBadUpdatesKeepTheVersion(t *testing.T) {
	v1 := testSet(30, "v1")
	noTopic := testSet(30, "v1")
	noTopic.Topics = []content.Topic{{ID: "other", Title: content.Text{"sv": "Annat"}}}
	badItem := testSet(30, "v1")
	badItem.Services[2].Email = "not an address"
	outOfOrder := partsOf(t, v1)
	outOfOrder[0], outOfOrder[len(outOfOrder)-1] = outOfOrder[len(outOfOrder)-1], outOfOrder[0]
	dup := partsOf(t, v1)
	dup = append(dup, dup[len(dup)-1])

	cases := []struct {
		name   string
		update func(s *Store) error
		want   string
	}{
		{"patch removes a topic still referred to", func(s *Store) error {
			remove, add := changedParts(t, s, noTopic)
			return s.Patch(content.Version{Number: 2}, remove, add)
		}, "refers to topic"},
		{"patch with an invalid item", func(s *Store) error {
			remove, add := changedParts(t, s, badItem)
			return s.Patch(content.Version{Number: 2}, remove, add)
		}, "email"},
		{"rebuild with an invalid item", func(s *Store) error {
			return s.Rebuild(content.Version{Number: 2}, iterate(partsOf(t, badItem)))
		}, "email"},
		{"rebuild out of kind order", func(s *Store) error {
			return s.Rebuild(content.Version{Number: 2}, iterate(outOfOrder))
		}, "comes after"},
		{"rebuild with an id twice", func(s *Store) error {
			return s.Rebuild(content.Version{Number: 2}, iterate(dup))
		}, "more than one item"},
		{"rebuild whose source fails", func(s *Store) error {
			parts, n := partsOf(t, v1), 0
			return s.Rebuild(content.Version{Number: 2}, func() (*Part, error) {
				if n++; n == 4 {
					return nil, errors.New("connection lost")
				}
				return &parts[n-1], nil
			})
		}, "connection lost"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := openTemp(t)
			if err := s.Rebuild(content.Version{Number: 1, Applied: applied}, iterate(partsOf(t, v1))); err != nil {
				t.Fatal(err)
			}
			err := c.update(s)
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(c.want)) {
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
			v, err := s.Verify()
			if err != nil || v.Number != 1 || v.Digest != v1.Digest() {
				t.Fatalf("after the failed update: version %d digest %.12s err %v; want version 1 intact", v.Number, v.Digest, err)
			}
			noNext(t, s)
		})
	}
}

func noNext(t *testing.T, s *Store) {
	t.Helper()
	s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketNext) != nil {
			t.Error("an unfinished version was left behind")
		}
		return nil
	})
}

func TestSchema1StoreIsMigrated(t *testing.T) {
	s, path := openTemp(t)
	set := testSet(20, "v1")
	if err := s.Apply(set, content.Version{Number: 3, Source: content.SourceFeed}); err != nil {
		t.Fatal(err)
	}
	// Make it look like a schema 1 file: no item hashes, an old digest.
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketDigest, bucketEventStarts, bucketParts} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := putJSON(meta, keyVersion, content.Version{Number: 3, Source: content.SourceFeed, Digest: "old-style"}); err != nil {
			return err
		}
		return meta.Put(keySchema, []byte("1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.Verify()
	if err != nil || v.Number != 3 || v.Digest != set.Digest() {
		t.Fatalf("migrated store: version %d digest %.12s err %v; want 3, %.12s", v.Number, v.Digest, err, set.Digest())
	}
}
