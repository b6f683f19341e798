package store_test

import (
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/synth"
)

// generated is synth's content of a few municipalities, from seed.
func generated(municipalities, items int, seed int64) *content.Set {
	return synth.Generate(synth.Options{Municipalities: municipalities, Items: items, Seed: seed, Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
}

// builtInAndGenerated are the built-in content and 400 generated items,
// by name, for tests that hold something true of real-shaped content.
func builtInAndGenerated(t *testing.T, seed int64) map[string]*content.Set {
	t.Helper()
	builtIn, err := library.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*content.Set{"built-in": builtIn, "generated": generated(5, 400, seed)}
}

// storeFileWith is the path of a closed store file holding set as
// version 1.
func storeFileWith(t *testing.T, set *content.Set) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "motesplats.db")
	s, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// putStored writes data as the stored item kind/id of the closed store
// file at path, behind the store's back.
func putStored(t *testing.T, path string, kind content.Kind, id, data string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(kind)).Put([]byte(id), []byte(data))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}
