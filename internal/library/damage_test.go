package library

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// feedFolder makes a data folder whose store holds a version "from the
// feed" (the built-in content with another title) and returns the
// store file's path and bytes.
func feedFolder(t *testing.T) (dir, path string, good []byte) {
	t.Helper()
	dir = t.TempDir()
	lib, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	set, _ := Builtin()
	set.Topics[0].Title = content.Text{"sv": "Från flödet"}
	if err := lib.Store.Apply(set, content.Version{Number: 7, Source: content.SourceFeed}); err != nil {
		t.Fatal(err)
	}
	lib.Close()
	path = filepath.Join(dir, StoreFile)
	good, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return dir, path, good
}

// lastLeafPage is the id of the last leaf page in use (one of the content
// buckets', not read at open).
func lastLeafPage(t *testing.T, path string) int {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	last := 0
	db.View(func(tx *bolt.Tx) error {
		for id := 2; ; id++ {
			info, err := tx.Page(id)
			if err != nil || info == nil {
				return err
			}
			if info.Type == "leaf" {
				last = id
			}
			if info.Type != "free" {
				id += info.OverflowCount
			}
		}
	})
	if last == 0 {
		t.Fatal("no leaf page")
	}
	return last
}

// bytesInUse is how much of a store file its pages in use take (bbolt
// grows files ahead of use).
func bytesInUse(t *testing.T, path string) int {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	db.View(func(tx *bolt.Tx) error { n = tx.Size(); return nil })
	return int(n)
}

// TestDamagedStoreFallsBackToBuiltin opens data folders whose store is
// damaged in different ways: each time the file is moved aside, kept
// byte for byte, and the built-in content takes over — at open, or a
// moment later when the background check finds the damage.
func TestDamagedStoreFallsBackToBuiltin(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, path string, good []byte) []byte
	}{
		{"empty", func(*testing.T, string, []byte) []byte { return nil }},
		{"cut to half its pages", func(t *testing.T, path string, good []byte) []byte { return good[:bytesInUse(t, path)/2/4096*4096] }},
		{"cut mid-page", func(_ *testing.T, _ string, good []byte) []byte { return good[:3*4096+1000] }},
		{"a leaf page's id flipped", func(t *testing.T, path string, good []byte) []byte {
			bad := bytes.Clone(good)
			bad[lastLeafPage(t, path)*4096] ^= 0x40
			return bad
		}},
		{"a leaf page's element flipped", func(t *testing.T, path string, good []byte) []byte {
			bad := bytes.Clone(good)
			bad[lastLeafPage(t, path)*4096+16+6] ^= 0x7f
			return bad
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, path, good := feedFolder(t)
			bad := c.damage(t, path, good)
			if err := os.WriteFile(path, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			lib, err := Open(dir)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer lib.Close()
			told := make(chan error, 1)
			lib.SetOnRecovered(func(_ *store.Recovery, err error) { told <- err })
			r := lib.Recovered()
			if r == nil {
				select {
				case err := <-told:
					if err != nil {
						t.Fatalf("recovery failed: %v", err)
					}
				case <-time.After(20 * time.Second):
					t.Fatal("the damage was not found")
				}
				r = lib.Recovered()
			}
			if r == nil || r.Reason == "" {
				t.Fatalf("Recovered() = %+v", r)
			}
			if moved, err := os.ReadFile(r.MovedTo); err != nil || !bytes.Equal(moved, bad) {
				t.Errorf("the damaged file was not kept unchanged at %s (%v)", r.MovedTo, err)
			}
			v, err := lib.Store.Verify()
			if err != nil || v.Source != content.SourceBuiltin {
				t.Errorf("after recovery: version %+v, Verify %v", v, err)
			}
			builtin, _ := Builtin()
			var topic content.Topic
			lib.Store.View(func(tx *store.Tx) (err error) { topic, _, err = tx.Topic(builtin.Topics[0].ID); return err })
			if topic.Title["sv"] != builtin.Topics[0].Title["sv"] {
				t.Errorf("the content is not the built-in content: topic %+v", topic)
			}
		})
	}
}
