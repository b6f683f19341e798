package search

import (
	"bytes"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/synth"
)

// within reports whether the n bytes at p are inside data.
func within(data []byte, p unsafe.Pointer, n int) bool {
	if len(data) == 0 {
		return false
	}
	lo, at := uintptr(unsafe.Pointer(&data[0])), uintptr(p)
	return at >= lo && at+uintptr(n) <= lo+uintptr(len(data))
}

// TestLoadFileViewsPostingsInPlace: a loaded index's postings and typo
// deletions are the saved file's bytes (mapped on Linux), its strings
// are not, and it searches and saves as the index it was saved from.
func TestLoadFileViewsPostingsInPlace(t *testing.T) {
	set, built := builtin()
	path := filepath.Join(t.TempDir(), CacheFileName)
	if err := SaveFile(path, "digest", built); err != nil {
		t.Fatal(err)
	}
	ix, err := LoadFile(path, "digest")
	if err != nil {
		t.Fatal(err)
	}
	data := ix.mapped.data
	for l := range ix.levels {
		p := &ix.levels[l]
		for name, ptr := range map[string]unsafe.Pointer{"offsets": unsafe.Pointer(&p.off[0]), "documents": unsafe.Pointer(&p.docs[0]), "impacts": unsafe.Pointer(&p.imps[0])} {
			if !within(data, ptr, 2) {
				t.Errorf("level %d: the %s are a copy, not the file's", l, name)
			}
		}
		if within(data, unsafe.Pointer(unsafe.StringData(p.terms[0])), 1) {
			t.Errorf("level %d: a term points into the file", l)
		}
	}
	if !within(data, unsafe.Pointer(&ix.typo.dels[0]), deletionSize) {
		t.Error("the typo deletions are a copy")
	}
	for name, s := range map[string]string{"id": ix.ids[0], "kind": string(ix.kinds[0]), "typo word": ix.typo.terms[0], "topic": ix.topicNames[0]} {
		if within(data, unsafe.Pointer(unsafe.StringData(s)), 1) {
			t.Errorf("a %s points into the file", name)
		}
	}
	if !bytes.Equal(saved(t, ix), saved(t, built)) {
		t.Error("the loaded index saves other bytes than the built one")
	}
	for _, q := range []Query{
		{Text: "vårdcentral", Lang: content.Swedish},
		{Text: "vårdcentarl", Lang: content.Swedish}, // a typo: the deletions
		{Text: "лікар", Lang: content.Ukrainian},
		{Text: "الأسرة", Lang: content.Arabic},
		{Text: "job", Lang: content.English, Municipality: "krokom"},
		{Text: "samverkan", Lang: content.Swedish, Kinds: []content.Kind{content.KindEvent}, From: set.Events[0].Start.AddDate(0, 0, -1)},
	} {
		if a, b := built.Search(q), ix.Search(q); !slices.Equal(a, b) || len(a) == 0 {
			t.Errorf("%q: built %v, loaded %v", q.Text, ids(a), ids(b))
		}
	}
	if a, b := built.Suggest("vårdcentarl"), ix.Suggest("vårdcentarl"); a != b || a == "" {
		t.Errorf("Suggest: built %q, loaded %q", a, b)
	}
}

// releaseMappings runs the garbage collector until the mappings released
// number more than before, or gives up after about two seconds.
func releaseMappings(before int64) bool {
	for range 200 {
		runtime.GC()
		if mappingsReleased.Load() > before {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// TestUpdatedIndexKeepsTheMapping: an index updated from a loaded one is
// the index updated from the built one, byte for byte; it shares the
// mapped postings of the terms the change did not touch, so the mapping
// stays while it lives, after the loaded index is gone (were it released,
// its searches would read unmapped memory and crash), and is released
// once the updated index is unreachable too.
func TestUpdatedIndexKeepsTheMapping(t *testing.T) {
	set := synth.Generate(synth.Options{Municipalities: 8, Items: 1500, Seed: 4, Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	built := Build(set)
	path := filepath.Join(t.TempDir(), CacheFileName)
	if err := SaveFile(path, "v1", built); err != nil {
		t.Fatal(err)
	}
	changed := set.Services[5]
	changed.Name = maps.Clone(changed.Name)
	changed.Name[content.Swedish] = "Hovslagarverkstad"
	remove := []content.Ref{{Kind: content.KindArticle, ID: set.Articles[0].ID}}
	want, err := built.Update(setSource{set}, remove, []content.Item{&changed})
	if err != nil {
		t.Fatal(err)
	}
	before := mappingsReleased.Load()
	var data []byte            // the mapping, to check the views (never read)
	updated := func() *Index { // the loaded index is unreachable once this returns
		loaded, err := LoadFile(path, "v1")
		if err != nil {
			t.Fatal(err)
		}
		data = loaded.mapped.data
		ix, err := loaded.Update(setSource{set}, remove, []content.Item{&changed})
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}()
	views := 0
	for l := range updated.levels {
		for _, list := range updated.levels[l].lists {
			if len(list.docs) > 0 && within(data, unsafe.Pointer(&list.docs[0]), 4) {
				views++
			}
		}
	}
	if views == 0 {
		t.Error("the updated index copies every term's postings")
	}
	for range 10 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	if mappingsReleased.Load() > before {
		t.Fatal("the mapping was released while an updated index shares its postings")
	}
	if !bytes.Equal(saved(t, updated), saved(t, want)) {
		t.Error("the index updated from the loaded one differs from the one updated from the built one")
	}
	q := Query{Text: "hovslagarverkstad", Lang: content.Swedish}
	if got := ids(updated.Search(q)); !slices.Equal(got, []string{changed.ID}) {
		t.Errorf("%q: %v, want %v", q.Text, got, []string{changed.ID})
	}
	q = Query{Text: set.Services[6].Name[content.Swedish], Lang: content.Swedish} // an untouched term's postings
	if got, want := updated.Search(q), want.Search(q); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("%q: %v, want %v", q.Text, ids(got), ids(want))
	}
	runtime.KeepAlive(updated)
	updated = nil
	if !releaseMappings(before) {
		t.Fatal("the mapping was never released once no index used it")
	}
}

// TestSearchesWhileIndexesAreSwapped: searches run on loaded indexes
// while another goroutine swaps a fresh load in, as indexer.Live does, and
// the collector releases the old mappings meanwhile: every search gives
// the same results (a mapping released under a running search would
// crash the test or change them).
func TestSearchesWhileIndexesAreSwapped(t *testing.T) {
	_, built := builtin()
	path := filepath.Join(t.TempDir(), CacheFileName)
	if err := SaveFile(path, "v", built); err != nil {
		t.Fatal(err)
	}
	q := Query{Text: "vårdcentral", Lang: content.Swedish, Limit: 30}
	want := built.Search(q)
	var cur atomic.Pointer[Index]
	load := func() {
		ix, err := LoadFile(path, "v")
		if err != nil {
			t.Error(err)
			return
		}
		cur.Store(ix)
	}
	load()
	before := mappingsReleased.Load()
	var stop atomic.Bool
	var wg sync.WaitGroup
	var searches atomic.Int64
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				if got := cur.Load().Search(q); !slices.Equal(got, want) {
					t.Errorf("a search gave %v, want %v", ids(got), ids(want))
					return
				}
				searches.Add(1)
			}
		}()
	}
	for range 20 {
		load()
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	stop.Store(true)
	wg.Wait()
	if !releaseMappings(before) {
		t.Error("no old mapping was released")
	}
	t.Logf("%d searches, %d mappings released", searches.Load(), mappingsReleased.Load()-before)
}
