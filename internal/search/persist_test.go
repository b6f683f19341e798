package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
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
// the first max sections of a saved index.
func sectionOffsets(data []byte, max int) []int {
	var at []int
	for o := 0; o+8 <= len(data) && len(at) < max; {
		at = append(at, o)
		o += 8 + int(binary.LittleEndian.Uint64(data[o:]))
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

// TestDamagedIndexFileIsRebuilt: Live loads the saved index file only
// when it is whole; a damaged one (cut short, a length made huge) costs
// little and is replaced by a fresh build.
func TestDamagedIndexFileIsRebuilt(t *testing.T) {
	set, _ := builtin()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	v, _, _ := st.Version()
	cache := filepath.Join(dir, CacheFileName)
	live := &Live{CacheFile: cache}
	if err := live.refresh(st); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(cache)
	head := len(v.Digest) + 1
	for name, damage := range map[string]func([]byte) []byte{
		"cut short":   func(b []byte) []byte { return b[:len(b)/3] },
		"header only": func(b []byte) []byte { return b[:head] },
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
			if n := allocatedBy(func() { _, loadErr = LoadFile(cache, v.Digest) }); n > 64<<20 {
				t.Errorf("loading the damaged file allocated %d MB", n>>20)
			}
			if !errors.Is(loadErr, ErrFormat) {
				t.Errorf("LoadFile: %v, want ErrFormat", loadErr)
			}
			fresh := &Live{CacheFile: cache}
			if err := fresh.refresh(st); err != nil {
				t.Fatal(err)
			}
			if ix := fresh.Index(); ix == nil || ix.Len() != len(set.Articles)+len(set.Services)+len(set.Events)+len(set.Projects) {
				t.Fatal("no whole index after a damaged file")
			}
			if now, _ := os.ReadFile(cache); !bytes.Equal(now, good) {
				t.Error("the damaged file was not replaced by the rebuilt index")
			}
		})
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
