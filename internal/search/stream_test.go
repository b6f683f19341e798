package search

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/synth"
)

func saved(t *testing.T, ix *Index) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := ix.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBuildFromStoreIsBuildOfSet: the index built item by item from a
// store, in many small chunks, is byte for byte the one built from the
// whole set read back from that store in one chunk.
func TestBuildFromStoreIsBuildOfSet(t *testing.T) {
	set := synth.Generate(synth.Options{Municipalities: 12, Items: 1500, Seed: 3,
		Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	st, err := store.Open(filepath.Join(t.TempDir(), "motesplats.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Apply(set, content.Version{Number: 1, Source: content.SourceFeed}); err != nil {
		t.Fatal(err)
	}
	var whole []byte
	var streamed *Index
	err = st.View(func(tx *store.Tx) error {
		back, err := tx.Set()
		if err != nil {
			return err
		}
		whole = saved(t, Build(back))
		defer func(n int) { chunkWords = n }(chunkWords)
		chunkWords = 2000 // dozens of chunks
		streamed, err = BuildFrom(tx, Options{})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if streamed.Len() != len(set.Articles)+len(set.Services)+len(set.Events)+len(set.Projects) {
		t.Errorf("%d documents indexed", streamed.Len())
	}
	if !bytes.Equal(saved(t, streamed), whole) {
		t.Error("the index built from the store in chunks differs from the one built from the whole set")
	}
	if len(streamed.Search(Query{Text: set.Services[0].Name[content.Swedish], Lang: content.Swedish, Limit: 5})) == 0 {
		t.Error("a service's own name finds nothing")
	}
}

// failingSource fails after giving a few items of a kind.
type failingSource struct {
	setSource
	kind  content.Kind
	after int
}

var errSource = errors.New("disk read error")

func (f failingSource) Each(kind content.Kind, fn func(content.Item) error) error {
	n := 0
	return f.setSource.Each(kind, func(item content.Item) error {
		if kind == f.kind && n == f.after {
			return errSource
		}
		n++
		return fn(item)
	})
}

// TestBuildFromStopsAtSourceError: a source that fails mid-way gives no
// index and its error, wherever it fails.
func TestBuildFromStopsAtSourceError(t *testing.T) {
	set, _ := builtin()
	for _, kind := range []content.Kind{content.KindMunicipality, content.KindTopic, content.KindArticle, content.KindEvent} {
		ix, err := BuildFrom(failingSource{setSource{set}, kind, 1}, Options{})
		if !errors.Is(err, errSource) || ix != nil {
			t.Errorf("failing in %s: index %v, error %v", kind, ix != nil, err)
		}
	}
}
