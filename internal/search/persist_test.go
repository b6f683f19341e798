package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/synth"
)

func savedIndex(t testing.TB) []byte {
	t.Helper()
	_, ix := builtin()
	var buf bytes.Buffer
	if _, err := ix.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sectionOffsets lists where the length field of each section is, for
// the first max sections of a saved index (each section padded to a
// multiple of 8 bytes).
func sectionOffsets(data []byte, max int) []int {
	var at []int
	for o := 0; o+8 <= len(data) && len(at) < max; {
		at = append(at, o)
		size := int(binary.LittleEndian.Uint64(data[o:]))
		o += 8 + size + padding(size)
	}
	return at
}

// allocatedBy is how many bytes fn allocates.
func allocatedBy(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// onlyReader hides a reader's length, as a file or pipe would.
type onlyReader struct{ io.Reader }

// TestDamagedIndexLengthsCostLittle sets the length field of each section
// of a saved index to huge values: reading fails with ErrFormat and
// allocates about the file's size, not the lengths' (2 GiB before).
func TestDamagedIndexLengthsCostLittle(t *testing.T) {
	good := savedIndex(t)
	const limit = 64 << 20
	offsets := sectionOffsets(good, 40)
	if len(offsets) < 20 {
		t.Fatalf("only %d sections found", len(offsets))
	}
	for _, at := range offsets {
		for _, huge := range []uint64{1<<31 - 1, 1 << 31, 1 << 40, uint64(len(good))} {
			bad := bytes.Clone(good)
			binary.LittleEndian.PutUint64(bad[at:], huge)
			for name, r := range map[string]func() io.Reader{
				"length known":   func() io.Reader { return bytes.NewReader(bad) },
				"length unknown": func() io.Reader { return onlyReader{bytes.NewReader(bad)} },
			} {
				var err error
				n := allocatedBy(func() { _, err = ReadIndex(r()) })
				if !errors.Is(err, ErrFormat) {
					t.Errorf("section at %d, length %d, %s: %v, want ErrFormat", at, huge, name, err)
				}
				if n > limit {
					t.Errorf("section at %d, length %d, %s: %d MB allocated", at, huge, name, n>>20)
				}
			}
		}
	}
}

// TestDamagedIndexFileIsNotLoaded: LoadFile loads a saved index file only
// when it is whole; a damaged one (cut short, a length made huge) costs
// little to refuse (internal/indexer then builds a fresh index).
func TestDamagedIndexFileIsNotLoaded(t *testing.T) {
	_, ix := builtin()
	cache := filepath.Join(t.TempDir(), CacheFileName)
	const digest = "0123456789abcdef"
	if err := SaveFile(cache, digest, ix); err != nil {
		t.Fatal(err)
	}
	if loaded, err := LoadFile(cache, digest); err != nil || loaded.Len() != ix.Len() {
		t.Fatalf("the whole file: %v", err)
	}
	good, _ := os.ReadFile(cache)
	head := headerSize(digest)
	for name, damage := range map[string]func([]byte) []byte{
		"cut short":                         func(b []byte) []byte { return b[:len(b)/3] },
		"header only":                       func(b []byte) []byte { return b[:head] },
		"digest only":                       func(b []byte) []byte { return b[:len(digest)+1] },
		"cut in the last section's padding": func(b []byte) []byte { return b[:len(b)-1] },
		"huge length": func(b []byte) []byte {
			b = bytes.Clone(b)
			at := sectionOffsets(b[head:], 5)[4]
			binary.LittleEndian.PutUint64(b[head+at:], 1<<31-1)
			return b
		},
	} {
		t.Run(name, func(t *testing.T) {
			os.WriteFile(cache, damage(good), 0o600)
			var loadErr error
			if n := allocatedBy(func() { _, loadErr = LoadFile(cache, digest) }); n > 64<<20 {
				t.Errorf("loading the damaged file allocated %d MB", n>>20)
			}
			if !errors.Is(loadErr, ErrFormat) {
				t.Errorf("LoadFile: %v, want ErrFormat", loadErr)
			}
		})
	}
	if stale, err := LoadFile(cache, "another digest"); stale != nil || err == nil {
		t.Error("a saved index loaded for another version")
	}
}

// FuzzReadIndex reads damaged saved indexes: ReadIndex must return an
// error or an index that searches without going out of range.
func FuzzReadIndex(f *testing.F) {
	// A small index: the fuzzer mutates inputs of a few kilobytes far
	// faster than the built-in content's.
	var buf bytes.Buffer
	small := synth.Generate(synth.Options{Municipalities: 3, Items: 12, Seed: 2, Start: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if _, err := Build(small).WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	good := buf.Bytes()
	f.Add(good)
	f.Add(good[:len(good)/2])
	for _, at := range sectionOffsets(good, 8) {
		bad := bytes.Clone(good)
		binary.LittleEndian.PutUint64(bad[at:], 1<<31-1)
		f.Add(bad)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := ReadIndex(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error not wrapping ErrFormat: %v", err)
			}
			return
		}
		for _, q := range []Query{{Text: "vård", Lang: content.Swedish}, {Text: "робота", Lang: content.Ukrainian}, {Text: "a", Lang: content.English}} {
			ix.Search(q)
		}
	})
}

func TestSaveAndLoad(t *testing.T) {
	set, ix := builtin()
	var buf bytes.Buffer
	if _, err := ix.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	loaded, err := ReadIndex(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Len() != ix.Len() || loaded.Len() != len(set.Articles)+len(set.Services)+len(set.Events)+len(set.Projects) {
		t.Fatalf("loaded %d documents, built %d", loaded.Len(), ix.Len())
	}
	for _, q := range []Query{
		{Text: "vårdc", Lang: content.Swedish},
		{Text: "Migrationsverkt ", Lang: content.Ukrainian},
		{Text: "الأسرة", Lang: content.Arabic},
		{Text: "лікар для дитини", Lang: content.Ukrainian, Limit: 30}, // a concept and its topic's items
		{Text: "job", Lang: content.English, Municipality: "krokom"},
		{Text: "samverkan", Lang: content.Swedish, Kinds: []content.Kind{content.KindEvent}, From: set.Events[0].Start.AddDate(0, 0, -1)},
	} {
		if a, b := ix.Search(q), loaded.Search(q); !slices.Equal(a, b) || len(a) == 0 {
			t.Errorf("%q: built %v, loaded %v", q.Text, ids(a), ids(b))
		}
	}
	for _, cut := range []int{0, 10, buf.Len() / 2, buf.Len() - 1} {
		if _, err := ReadIndex(bytes.NewReader(buf.Bytes()[:cut])); !errors.Is(err, ErrFormat) {
			t.Errorf("a file cut at %d gives %v, want ErrFormat", cut, err)
		}
	}
}
