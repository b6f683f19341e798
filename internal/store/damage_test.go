package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
)

const testPageSize = 4096

// storeWithContent writes a closed store holding a version large enough
// to have branch pages, and returns its path and bytes.
func storeWithContent(t testing.TB) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "motesplats.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(testSet(400, "v1"), content.Version{Number: 1, Source: content.SourceFeed}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

// pagesOfType lists the pages in use of a type ("leaf", "branch") in a
// bbolt file, as bbolt itself reports them.
func pagesOfType(t *testing.T, path, typ string) []int {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil) // read-only would not load the freelist Page needs
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []int
	db.View(func(tx *bolt.Tx) error {
		for id := 2; ; id++ {
			info, err := tx.Page(id)
			if err != nil || info == nil {
				return err
			}
			if info.Type == typ {
				ids = append(ids, id)
			}
			if info.Type != "free" {
				id += info.OverflowCount
			}
		}
	})
	if len(ids) == 0 {
		t.Fatalf("no %s page in the test store", typ)
	}
	return ids
}

// damage is one way a store file gets damaged, applied to a copy of a
// good file's bytes.
type damage struct {
	name string
	do   func(t *testing.T, path string, good []byte) []byte
	// atOpen is true when Open itself must see it (the file is moved
	// aside before anything reads it); otherwise Check finds it.
	atOpen bool
}

// truncatedTo cuts the file to a size worked out from the end of the
// pages in use (bbolt grows the file ahead, so its end is often unused).
func truncatedTo(size func(inUse int) int) func(*testing.T, string, []byte) []byte {
	return func(t *testing.T, _ string, good []byte) []byte {
		m0, _ := parseMeta(good)
		m1, _ := parseMeta(good[testPageSize:])
		inUse := int(max(m0.pgid, m1.pgid)) * testPageSize
		if inUse < 8*testPageSize || inUse > len(good) {
			t.Fatalf("the test store uses %d bytes of %d", inUse, len(good))
		}
		return good[:size(inUse)]
	}
}

// flipped changes one byte of the first page of a type, at an offset
// into the page: the page header's id (0), its flags (8), or an element.
func flipped(typ string, offset int, value byte) func(*testing.T, string, []byte) []byte {
	return func(t *testing.T, path string, good []byte) []byte {
		ids := pagesOfType(t, path, typ)
		bad := bytes.Clone(good)
		at := ids[len(ids)/2]*testPageSize + offset
		if bad[at] == value {
			value++
		}
		bad[at] = value
		return bad
	}
}

var damages = []damage{
	{"empty file", truncatedTo(func(int) int { return 0 }), true},
	{"100 bytes", truncatedTo(func(int) int { return 100 }), true},
	{"one page", truncatedTo(func(int) int { return testPageSize }), true},
	{"cut at half", truncatedTo(func(n int) int { return n / 2 / testPageSize * testPageSize }), true},
	{"last page cut short", truncatedTo(func(n int) int { return n - 100 }), true},
	{"last page missing", truncatedTo(func(n int) int { return n - testPageSize }), true},
	// bbolt falls back to the other meta page, but its check fails
	{"first meta page zeroed", func(_ *testing.T, _ string, good []byte) []byte {
		bad := bytes.Clone(good)
		clear(bad[:testPageSize])
		return bad
	}, false},
	{"both meta pages zeroed", func(_ *testing.T, _ string, good []byte) []byte {
		bad := bytes.Clone(good)
		clear(bad[:2*testPageSize])
		return bad
	}, true},
	{"freelist page type flipped", flipped("freelist", 8, 0x02), true},
	{"freelist entry flipped", flipped("freelist", 16+3, 0x7f), true},
	{"leaf page id flipped", flipped("leaf", 0, 0xff), false},
	{"branch page type flipped", flipped("branch", 8, 0x10), false},
	{"leaf page element flipped", flipped("leaf", 16+4, 0x7f), false},
}

func writeDamaged(t *testing.T, d damage) (path string, bad []byte) {
	t.Helper()
	path, good := storeWithContent(t)
	bad = d.do(t, path, good)
	if err := os.WriteFile(path, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, bad
}

// TestDamagedFilesAreFoundAndMovedAside opens damaged copies of a store:
// damage in the file's size or meta pages moves it aside at open; damage
// in a page is found by Check as a *DamageError. Nothing crashes.
func TestDamagedFilesAreFoundAndMovedAside(t *testing.T) {
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			path, bad := writeDamaged(t, d)
			ro, err := Open(path, &Options{ReadOnly: true})
			var damage *DamageError
			if d.atOpen && (!errors.As(err, &damage) || damage.Path != path) {
				t.Fatalf("read-only open: %v, want a DamageError", err)
			}
			if err == nil {
				if err := ro.Check(); !errors.As(err, &damage) {
					t.Errorf("read-only Check() = %v, want a DamageError", err)
				}
				ro.Close()
			}
			s, err := Open(path, nil)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer s.Close()
			if d.atOpen {
				r := s.Recovered()
				if r == nil || r.Reason == "" {
					t.Fatalf("Recovered() = %+v, want a report", r)
				}
				if moved, err := os.ReadFile(r.MovedTo); err != nil || !bytes.Equal(moved, bad) {
					t.Errorf("the damaged file was not kept unchanged at %s (%v)", r.MovedTo, err)
				}
				if _, ok, err := s.Version(); err != nil || ok {
					t.Errorf("the new store: version found %v, err %v", ok, err)
				}
				return
			}
			err = s.Check()
			if !errors.As(err, &damage) {
				t.Fatalf("Check() = %v, want a DamageError", err)
			}
			if s.Damaged() == nil {
				t.Error("Damaged() is nil after Check found damage")
			}
			r, err := s.Replace(damage.Reason)
			if err != nil {
				t.Fatal(err)
			}
			if moved, err := os.ReadFile(r.MovedTo); err != nil || !bytes.Equal(moved, bad) {
				t.Errorf("the damaged file was not kept unchanged at %s (%v)", r.MovedTo, err)
			}
			if err := s.Apply(testSet(3, "v2"), content.Version{Number: 2}); err != nil {
				t.Errorf("the replaced store does not work: %v", err)
			}
		})
	}
}

// TestUnusedTailMayBeCut: bbolt grows its file ahead of use; a file cut
// after its last page in use is whole.
func TestUnusedTailMayBeCut(t *testing.T) {
	path, good := storeWithContent(t)
	cut := truncatedTo(func(n int) int { return n })(t, path, good)
	if len(cut) == len(good) {
		t.Skip("the test store has no unused tail")
	}
	os.WriteFile(path, cut, 0o600)
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r := s.Recovered(); r != nil {
		t.Fatalf("moved aside: %+v", r)
	}
	if v, err := s.Verify(); err != nil || v.Number != 1 {
		t.Errorf("Verify: %v, %v", v, err)
	}
}

// TestReadsOfAFileCutWhileOpenFail: a file cut short under an open store
// (another program, a failing disk) makes reads fault on the mapped
// pages; they fail with a DamageError instead of killing the process.
func TestReadsOfAFileCutWhileOpenFail(t *testing.T) {
	path, _ := storeWithContent(t)
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	reported := make(chan *DamageError, 1)
	s.SetOnDamage(func(d *DamageError) { reported <- d })
	if err := os.Truncate(path, 4*testPageSize); err != nil {
		t.Fatal(err)
	}
	err = s.View(func(tx *Tx) error { _, err := tx.Set(); return err })
	var damage *DamageError
	if !errors.As(err, &damage) || !strings.Contains(damage.Reason, "reading it failed") {
		t.Fatalf("read of a cut file: %v, want a DamageError", err)
	}
	if d := <-reported; d != damage {
		t.Errorf("OnDamage was told %v, not %v", d, damage)
	}
}

// TestMetaPageParsing compares parseMeta with bbolt's own reading of a
// real file, so the size check sees the file as bbolt does.
func TestMetaPageParsing(t *testing.T) {
	path, good := storeWithContent(t)
	m0, ok0 := parseMeta(good)
	m1, ok1 := parseMeta(good[testPageSize:])
	if !ok0 || !ok1 || m0.pageSize != testPageSize {
		t.Fatalf("meta pages not read: %+v %v %+v %v", m0, ok0, m1, ok1)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	newest := m0
	if m1.txid > m0.txid {
		newest = m1
	}
	db.View(func(tx *bolt.Tx) error {
		if uint64(tx.ID()) != newest.txid || int64(newest.pgid)*testPageSize > int64(len(good)) {
			t.Errorf("newest meta %+v; bbolt's transaction %d, file %d bytes", newest, tx.ID(), len(good))
		}
		return nil
	})
	bad := bytes.Clone(good[:testPageSize])
	binary.NativeEndian.PutUint64(bad[pageHeaderSize+40:], newest.pgid+1) // the checksum no longer fits
	if _, ok := parseMeta(bad); ok {
		t.Error("a meta page with a wrong checksum was accepted")
	}
}

// FuzzOpenDamaged opens a good store with bytes overwritten at a place
// the fuzzer picks: Open, Check and reading everything must return (an
// error is fine) rather than crash.
func FuzzOpenDamaged(f *testing.F) {
	_, good := storeWithContent(f)
	f.Add(uint32(0), []byte{0})
	f.Add(uint32(testPageSize*2+8), []byte{0x10})
	f.Add(uint32(testPageSize*3+16), []byte{0xff, 0xff, 0xff})
	f.Add(uint32(len(good)/2), []byte("truncate"))
	f.Fuzz(func(t *testing.T, at uint32, patch []byte) {
		bad := bytes.Clone(good)
		if string(patch) == "truncate" {
			bad = bad[:int(at)%len(bad)]
		} else {
			copy(bad[int(at)%len(bad):], patch)
		}
		path := filepath.Join(t.TempDir(), "motesplats.db")
		os.WriteFile(path, bad, 0o600)
		s, err := Open(path, nil)
		if err != nil {
			return
		}
		defer s.Close()
		if s.Check() == nil {
			s.View(func(tx *Tx) error { _, err := tx.Set(); return err })
		}
	})
}

// TestSyncStatusThatCannotBeWrittenIsKept: a sync status the store
// cannot write (a full disk; here a store opened read-only) is still what
// SyncStatus returns while the store is open.
func TestSyncStatusThatCannotBeWrittenIsKept(t *testing.T) {
	path, _ := storeWithContent(t)
	s, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	failed := SyncStatus{Feed: "https://example.org/feed", LastError: "SyncLocal: no space left on device"}
	if err := s.SetSyncStatus(failed); err == nil {
		t.Fatal("a read-only store saved the status")
	}
	if got, err := s.SyncStatus(); err != nil || got != failed {
		t.Errorf("SyncStatus() = %+v, %v; want the unsaved %+v", got, err, failed)
	}
}
