package search

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/synth"
)

// TestUpdateWithSameItemsIsTheIndex: updating an index with items it
// already has, unchanged, gives the same index byte for byte: the items
// are analysed, weighed, put back in place and their terms' postings
// merged and tiered exactly as the build did. (Enough items that common
// words' postings are tiered.)
func TestUpdateWithSameItemsIsTheIndex(t *testing.T) {
	set := synth.Generate(synth.Options{Municipalities: 8, Items: 5000, Seed: 4, Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	// In id order, as a store gives them: an update puts an item where a
	// build from a store would.
	slices.SortFunc(set.Articles, func(a, b content.Article) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(set.Services, func(a, b content.Service) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(set.Events, func(a, b content.Event) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(set.Projects, func(a, b content.Project) int { return strings.Compare(a.ID, b.ID) })
	ix := Build(set)
	tiered := false
	for _, p := range ix.levels {
		for t := range p.terms {
			tiered = tiered || p.df(t) > capPrefix
		}
	}
	if !tiered {
		t.Fatal("no term is tiered: the test needs more items")
	}
	items := []content.Item{&set.Articles[3], &set.Services[10], &set.Events[7], &set.Projects[2], &set.Services[len(set.Services)-1]}
	updated, err := ix.Update(setSource{set}, nil, items)
	if err != nil {
		t.Fatal(err)
	}
	if updated.Updated() != len(items) {
		t.Errorf("Updated() = %d, want %d", updated.Updated(), len(items))
	}
	updated.updated = 0
	if !bytes.Equal(saved(t, updated), saved(t, ix)) {
		t.Error("the index updated with the same items is not the index")
	}
}

// TestUpdateFollowsTheItems: an updated index finds what the new items
// say and not what the removed and old ones said, with the filters.
func TestUpdateFollowsTheItems(t *testing.T) {
	set := synth.Generate(synth.Options{Municipalities: 8, Items: 1500, Seed: 4, Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	ix := Build(set)
	changed := set.Services[5]
	changed.Name = maps.Clone(changed.Name)
	changed.Name[content.Swedish] = "Hovslagarverkstad"
	changed.Name[content.Ukrainian] = "Ковальська майстерня"
	added := set.Events[2]
	added.ID = "zz-cykelkvall"
	added.Title = maps.Clone(added.Title)
	added.Title[content.Arabic] = "ورشة الحدادة"
	gone := set.Articles[0]
	was := ix.Search(Query{Text: gone.Title[content.Swedish], Lang: content.Swedish, Limit: 3})
	if len(was) == 0 || was[0].ID != gone.ID {
		t.Fatalf("before: %v", ids(was))
	}
	updated, err := ix.Update(setSource{set}, []content.Ref{{Kind: content.KindArticle, ID: gone.ID}}, []content.Item{&changed, &added})
	if err != nil {
		t.Fatal(err)
	}
	if updated.Len() != ix.Len()+1-1 {
		t.Errorf("%d documents, want %d", updated.Len(), ix.Len())
	}
	for _, c := range []struct {
		q    Query
		want []string
	}{
		{Query{Text: "hovslagarverkstad", Lang: content.Swedish}, []string{changed.ID}},
		{Query{Text: "ковальська", Lang: content.Ukrainian}, []string{changed.ID}},
		{Query{Text: "الحدادة", Lang: content.Arabic}, []string{added.ID}},
		{Query{Text: "الحدادة", Lang: content.Arabic, Kinds: []content.Kind{content.KindEvent}, Municipality: added.Municipality}, []string{added.ID}},
		{Query{Text: "الحدادة", Lang: content.Arabic, Kinds: []content.Kind{content.KindService}}, nil},
		{Query{Text: "hovslagarverksta", Lang: content.Swedish}, []string{changed.ID}},  // typed so far
		{Query{Text: "hovslagarverkstda", Lang: content.Swedish}, []string{changed.ID}}, // a typo
	} {
		if got := ids(updated.Search(c.q)); !slices.Equal(got, c.want) {
			t.Errorf("%s %q: %v, want %v", c.q.Lang, c.q.Text, got, c.want)
		}
	}
	for _, r := range updated.Search(Query{Text: gone.Title[content.Swedish], Lang: content.Swedish, Limit: 50}) {
		if r.ID == gone.ID {
			t.Error("the removed article is still found")
		}
	}
	// The old index is untouched.
	if got := ids(ix.Search(Query{Text: "hovslagarverkstad", Lang: content.Swedish})); len(got) != 0 {
		t.Errorf("the old index changed: %v", got)
	}
	// A municipality or a topic cannot be updated item by item.
	if _, err := ix.Update(setSource{set}, []content.Ref{{Kind: content.KindMunicipality, ID: set.Municipalities[0].ID}}, nil); err != ErrRebuild {
		t.Errorf("removing a municipality: %v, want ErrRebuild", err)
	}
}
