package indexer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/source"
	"github.com/motesplats/motesplats/internal/store"
)

// builtin is the app's built-in content, which the relevance sets ask
// about.
func builtin(t testing.TB) *content.Set {
	t.Helper()
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		t.Fatal(err)
	}
	set, err := source.Read(sub)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func ids(rs []search.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// partsOf splits a set into the feed's shards, as a sync applies them.
func partsOf(t testing.TB, set *content.Set) []store.Part {
	t.Helper()
	shards, err := feed.Split(set)
	if err != nil {
		t.Fatal(err)
	}
	byKind := map[content.Kind][]store.Part{}
	for _, s := range shards {
		kind, items, err := feed.Decode(s)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(s.Data)
		byKind[kind] = append(byKind[kind], store.Part{Name: s.Name, Hash: hex.EncodeToString(sum[:]), Items: items, Bytes: len(s.Data)})
	}
	var out []store.Part
	for _, k := range content.Kinds {
		out = append(out, byKind[k]...)
	}
	return out
}

// rebuild applies a whole set to st in parts, as a first sync does.
func rebuild(t testing.TB, st *store.Store, set *content.Set, number int64) {
	t.Helper()
	parts := partsOf(t, set)
	i := 0
	next := func() (*store.Part, error) {
		if i == len(parts) {
			return nil, nil
		}
		i++
		return &parts[i-1], nil
	}
	if err := st.Rebuild(content.Version{Number: number, Source: content.SourceFeed}, next); err != nil {
		t.Fatal(err)
	}
}

// patch brings st to set by the parts whose hash changed, as a small
// sync does, and returns what changed.
func patch(t testing.TB, st *store.Store, set *content.Set, number int64) *store.Changes {
	t.Helper()
	old, err := st.Parts()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var remove []string
	var add []store.Part
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
	ch, err := st.PatchChanges(content.Version{Number: number, Source: content.SourceFeed}, remove, add)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

func openStore(t testing.TB) (*store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, dir
}

func TestLive(t *testing.T) {
	set := builtin(t)
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, search.CacheFileName)
	ready := 0
	live := &Live{CacheFile: cache, Ready: func(*search.Index) { ready++ }}
	if live.Index() != nil {
		t.Fatal("an index before the first refresh")
	}
	live.Refresh(st)
	if err := live.Wait(); err != nil {
		t.Fatal(err)
	}
	first := live.Index()
	// Ready twice: the built index, then the saved file in its place.
	if first == nil || first.Len() == 0 || ready != 2 {
		t.Fatalf("after a refresh: %d documents, ready called %d times", first.Len(), ready)
	}
	if !first.FromFile() {
		t.Error("the built index serves from the heap, not from the file saved")
	}
	if _, err := os.Stat(cache); err != nil {
		t.Fatalf("not saved: %v", err)
	}

	live.Refresh(st) // same version: nothing to do
	live.Wait()
	if live.Index() != first || ready != 2 {
		t.Error("a refresh of the same version replaced the index")
	}

	// A new start loads the saved index instead of building.
	again := &Live{CacheFile: cache}
	again.Refresh(st)
	if err := again.Wait(); err != nil || again.Index() == nil {
		t.Fatalf("second start: %v", err)
	}

	// A sync applies a version without the SFI article: the index follows.
	smaller := *set
	smaller.Articles = slices.DeleteFunc(slices.Clone(set.Articles), func(a content.Article) bool { return a.ID == "sfi" })
	if err := st.Apply(&smaller, content.Version{Number: 2}); err != nil {
		t.Fatal(err)
	}
	live.Refresh(st)
	live.Refresh(st) // coalesced with the one running
	if err := live.Wait(); err != nil {
		t.Fatal(err)
	}
	if !live.Index().FromFile() {
		t.Error("the new version's index serves from the heap, not from the file saved")
	}
	if got := live.Index().Search(search.Query{Text: "SFI", Lang: content.Swedish}); slices.Contains(ids(got), "sfi") {
		t.Errorf("the new version's index still finds the sfi article: %v", ids(got))
	}
	if stale, err := search.LoadFile(cache, "another digest"); stale != nil || err == nil {
		t.Error("a saved index loaded for another version")
	}
}

// TestDamagedIndexFileIsRebuilt: a saved index file of the right version
// that is damaged (search.LoadFile refuses it) is replaced by a fresh
// build.
func TestDamagedIndexFileIsRebuilt(t *testing.T) {
	set := builtin(t)
	st, dir := openStore(t)
	if err := st.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	v, _, _ := st.Version()
	cache := filepath.Join(dir, search.CacheFileName)
	first := &Live{CacheFile: cache}
	first.Refresh(st)
	if err := first.Wait(); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(cache)
	for name, damage := range map[string][]byte{
		"cut short":   good[:len(good)/3],
		"header only": good[:len(v.Digest)+1],
	} {
		t.Run(name, func(t *testing.T) {
			os.WriteFile(cache, damage, 0o600)
			fresh := &Live{CacheFile: cache}
			fresh.Refresh(st)
			if err := fresh.Wait(); err != nil {
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
