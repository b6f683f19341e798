package search

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

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

func TestLive(t *testing.T) {
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
	cache := filepath.Join(dir, CacheFileName)
	ready := 0
	live := &Live{CacheFile: cache, Ready: func(*Index) { ready++ }}
	if live.Index() != nil {
		t.Fatal("an index before the first refresh")
	}
	live.Refresh(st)
	if err := live.Wait(); err != nil {
		t.Fatal(err)
	}
	first := live.Index()
	if first == nil || first.Len() == 0 || ready != 1 {
		t.Fatalf("after a refresh: %v, ready called %d times", first, ready)
	}
	if _, err := os.Stat(cache); err != nil {
		t.Fatalf("not saved: %v", err)
	}

	live.Refresh(st) // same version: nothing to do
	live.Wait()
	if live.Index() != first || ready != 1 {
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
	if got := live.Index().Search(Query{Text: "SFI", Lang: content.Swedish}); slices.Contains(ids(got), "sfi") {
		t.Errorf("the new version's index still finds the sfi article: %v", ids(got))
	}
	if stale, err := LoadFile(cache, "another digest"); stale != nil || err == nil {
		t.Error("a saved index loaded for another version")
	}
}
