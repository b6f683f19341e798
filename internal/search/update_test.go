package search

import (
	"bytes"
	"maps"
	"math"
	"path/filepath"
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

// TestUpdatedDocumentsAcrossSaveAndLoad: documents removed, changed and
// added by updates, one after another, each saved and loaded again as
// indexer.Live does: a removed item is never found, not by the words it
// had alone; a changed one is found by its new words and not its old
// ones; an added one by its words, with its kind, municipalities and
// dates; an item removed and then given again is found again. The loaded
// index is the updated one (same bytes, same results), and it finds what
// a build of the same content finds for those words.
func TestUpdatedDocumentsAcrossSaveAndLoad(t *testing.T) {
	set := synth.Generate(synth.Options{Municipalities: 8, Items: 1500, Seed: 4, Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	// Words only one item has.
	service := &set.Services[5]
	service.Name = maps.Clone(service.Name)
	service.Name[content.Swedish] = "Smedjeverkstad"
	article := &set.Articles[0]
	article.Title = maps.Clone(article.Title)
	article.Title[content.Swedish] = "Kvarnstensmuseet"
	path := filepath.Join(t.TempDir(), CacheFileName)
	ix := Build(set)
	n := ix.Len()
	roundTrip := func(ix *Index, digest string) *Index {
		t.Helper()
		if err := SaveFile(path, digest, ix); err != nil {
			t.Fatal(err)
		}
		loaded, err := LoadFile(path, digest)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(saved(t, loaded), saved(t, ix)) || loaded.Len() != ix.Len() || loaded.Updated() != ix.Updated() {
			t.Fatalf("%s: the loaded index is not the updated one (%d documents, %d)", digest, loaded.Len(), ix.Len())
		}
		return loaded
	}
	type want struct {
		q   Query
		ids []string // exactly these, in any order
	}
	sv := func(text string) Query { return Query{Text: text, Lang: content.Swedish, Limit: 50} }
	check := func(name string, indexes map[string]*Index, cases []want) {
		t.Helper()
		for which, ix := range indexes {
			for _, c := range cases {
				got := ids(ix.Search(c.q))
				slices.Sort(got)
				slices.Sort(c.ids)
				if !slices.Equal(got, c.ids) {
					t.Errorf("%s, %s index: %q %v: %v, want %v", name, which, c.q.Text, c.q.Kinds, got, c.ids)
				}
			}
		}
	}

	// First sync: the service changed, the article removed, an event and
	// a project of two municipalities added.
	changed := *service
	changed.Name = maps.Clone(changed.Name)
	changed.Name[content.Swedish] = "Hovslagarverkstad"
	event := set.Events[2]
	event.ID = "zz-smide"
	event.Title = maps.Clone(event.Title)
	event.Title[content.Arabic] = "ورشة الحدادة"
	event.RRule, event.RDates, event.ExDates, event.Overrides = "", nil, nil, nil
	project := set.Projects[1]
	project.ID = "aa-hovslageri"
	project.Name = maps.Clone(project.Name)
	project.Name[content.English] = "Farriery"
	project.Municipalities = []string{set.Municipalities[1].ID, set.Municipalities[2].ID}
	gone := []content.Ref{{Kind: content.KindArticle, ID: article.ID}}
	updated, err := ix.Update(setSource{set}, gone, []content.Item{&changed, &event, &project})
	if err != nil {
		t.Fatal(err)
	}
	if updated.Len() != n+1 || updated.Updated() != 4 {
		t.Fatalf("%d documents, %d updated; want %d, 4", updated.Len(), updated.Updated(), n+1)
	}
	loaded := roundTrip(updated, "v2")
	first := []want{
		{sv("smedjeverkstad"), nil},
		{sv("hovslagarverkstad"), []string{changed.ID}},
		{sv("kvarnstensmuseet"), nil},
		{Query{Text: "الحدادة", Lang: content.Arabic}, []string{event.ID}},
		{Query{Text: "الحدادة", Lang: content.Arabic, Kinds: []content.Kind{content.KindEvent}, Municipality: event.Municipality,
			From: event.Start.Add(-time.Hour), To: event.Start.Add(time.Hour)}, []string{event.ID}},
		{Query{Text: "الحدادة", Lang: content.Arabic, Kinds: []content.Kind{content.KindEvent}, From: event.Start.Add(time.Hour)}, nil},
		{Query{Text: "farriery", Lang: content.English, Municipality: set.Municipalities[2].ID}, []string{project.ID}},
		{Query{Text: "farriery", Lang: content.English, Municipality: set.Municipalities[3].ID}, nil},
	}
	check("first sync", map[string]*Index{"updated": updated, "loaded": loaded}, first)
	for _, r := range loaded.Search(Query{Text: article.Title[content.English], Lang: content.English, Limit: 100}) {
		if r.ID == article.ID {
			t.Error("the removed article is found by its other words")
		}
	}

	// Second sync, on the loaded index: the removed article given again,
	// the added event changed, the changed service removed.
	event2 := event
	event2.Title = maps.Clone(event.Title)
	event2.Title[content.Arabic] = "مساء المسبك"
	gone2 := []content.Ref{{Kind: content.KindService, ID: changed.ID}}
	updated2, err := loaded.Update(setSource{set}, gone2, []content.Item{article, &event2})
	if err != nil {
		t.Fatal(err)
	}
	if updated2.Len() != n+1 {
		t.Fatalf("%d documents, want %d", updated2.Len(), n+1)
	}
	loaded2 := roundTrip(updated2, "v3")
	second := []want{
		{sv("smedjeverkstad"), nil},
		{sv("hovslagarverkstad"), nil},
		{sv("kvarnstensmuseet"), []string{article.ID}},
		{Query{Text: "الحدادة", Lang: content.Arabic}, nil},
		{Query{Text: "المسبك", Lang: content.Arabic, Kinds: []content.Kind{content.KindEvent}}, []string{event.ID}},
		{Query{Text: "farriery", Lang: content.English}, []string{project.ID}},
	}
	check("second sync", map[string]*Index{"updated": updated2, "loaded": loaded2}, second)

	// A build of the same content finds the same for these words.
	final := *set
	final.Services = slices.DeleteFunc(slices.Clone(set.Services), func(s content.Service) bool { return s.ID == changed.ID })
	final.Events = append(slices.Clone(set.Events), event2)
	final.Projects = append(slices.Clone(set.Projects), project)
	check("a build", map[string]*Index{"built": Build(&final)}, second)
	if b := Build(&final); b.Len() != loaded2.Len() {
		t.Errorf("a build has %d documents, the updated index %d", b.Len(), loaded2.Len())
	}
}

// TestUpdateRaisesATermsUnit: an added posting whose impact is more than
// the term's old unit holds in 16 bits (a one-word title, in every
// language, of a word one body had) raises the term's unit and rounds its
// old impacts again, scoring as a build would.
func TestUpdateRaisesATermsUnit(t *testing.T) {
	set := synth.Generate(synth.Options{Municipalities: 8, Items: 1500, Seed: 4, Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	s := &set.Services[7]
	s.Description = maps.Clone(s.Description)
	s.Description[content.Swedish] += " Zyxelbrunn."
	ix := Build(set)
	added := set.Services[8]
	added.ID = "zz-zyxelbrunn"
	added.Name = content.Text{}
	for _, lang := range content.Languages {
		added.Name[lang] = "Zyxelbrunn"
	}
	added.Description, added.Organisation = nil, nil
	updated, err := ix.Update(setSource{set}, nil, []content.Item{&added})
	if err != nil {
		t.Fatal(err)
	}
	p := &updated.levels[levelExact]
	term, ok := p.lookup("zyxelbrunn")
	if !ok || p.ratio == nil {
		t.Fatal("the term is not in the updated index, or keeps the old impacts' unit")
	}
	old := &ix.levels[levelExact]
	oldTerm, _ := old.lookup("zyxelbrunn")
	idfRatio := idfOf(2, float64(updated.Len())) / idfOf(1, float64(ix.Len()))
	if r := float64(p.ratio[term]); r <= idfRatio*1.0001 {
		t.Fatalf("ratio %.4f, the idf's alone %.4f: the unit was not raised (the test needs an impact above it)", r, idfRatio)
	}
	_, imps := p.list(term)
	t.Logf("ratio %.4f (the idf's alone %.4f), impacts %v", p.ratio[term], idfRatio, imps)
	_, oldImps := old.list(oldTerm)
	if slices.Contains(imps, oldImps[0]) {
		t.Errorf("the old impact %d was not rounded again: %v", oldImps[0], imps)
	}
	final := *set
	final.Services = append(slices.Clone(set.Services), added)
	built := Build(&final)
	q := Query{Text: "zyxelbrunn", Lang: content.Swedish}
	got, want := updated.Search(q), built.Search(q)
	if !slices.Equal(ids(got), ids(want)) || len(got) != 2 {
		t.Fatalf("updated %v, built %v", ids(got), ids(want))
	}
	for i := range got {
		if rel := math.Abs(got[i].Score-want[i].Score) / want[i].Score; rel > 0.001 {
			t.Errorf("%s: score %.5f updated, %.5f built", got[i].ID, got[i].Score, want[i].Score)
		}
	}
}
