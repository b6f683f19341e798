package indexer

import (
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/search/relevance"
	"github.com/motesplats/motesplats/internal/store"
)

// edited returns a copy of t with lang's text set to s.
func edited(t content.Text, lang content.Lang, s string) content.Text {
	t = maps.Clone(t)
	t[lang] = s
	return t
}

// patches are two versions after the built-in content, each a small sync:
// items changed, added and removed, of every kind and in every language.
func patches(v1 *content.Set) []*content.Set {
	v2 := *v1
	v2.Articles = slices.Clone(v1.Articles)
	v2.Services = slices.Clone(v1.Services)
	v2.Events = slices.Clone(v1.Events)
	v2.Projects = slices.Clone(v1.Projects)
	a := &v2.Articles[0]
	a.Body = edited(a.Body, content.Swedish, a.Body[content.Swedish]+"\n\nHär finns också en cykelverkstad: laga din cykel tillsammans med andra.")
	a.Title = edited(a.Title, content.Arabic, a.Title[content.Arabic]+" ودراجات")
	s := &v2.Services[1]
	s.Name = edited(s.Name, content.Ukrainian, "Велосипедна майстерня "+s.Name[content.Ukrainian])
	e := &v2.Events[0]
	e.Title = edited(e.Title, content.English, "Bicycle repair evening: "+e.Title[content.English])
	p := &v2.Projects[0]
	p.Summary = edited(p.Summary, content.Swedish, p.Summary[content.Swedish]+" Projektet lånar också ut cyklar.")
	newArticle := v1.Articles[3]
	newArticle.ID = "cykelverkstad"
	newArticle.Title = edited(newArticle.Title, content.Swedish, "Cykelverkstad för alla")
	newArticle.Title = edited(newArticle.Title, content.Ukrainian, "Велосипедна майстерня для всіх")
	newService := v1.Services[2]
	newService.ID = "cykelkok"
	newService.Name = edited(newService.Name, content.Arabic, "ورشة الدراجات")
	v2.Services = append(v2.Services, newService)
	v2.Articles = append(v2.Articles[:len(v2.Articles)-1], newArticle) // the last article goes
	v2.Events = v2.Events[:len(v2.Events)-1]

	v3 := v2
	v3.Articles = slices.Clone(v2.Articles)
	v3.Services = slices.DeleteFunc(slices.Clone(v2.Services), func(s content.Service) bool { return s.ID == "cykelkok" })
	v3.Events = slices.Clone(v2.Events)
	a = &v3.Articles[0]
	a.Body = edited(a.Body, content.Ukrainian, a.Body[content.Ukrainian]+"\n\nТут також є велосипедна майстерня.")
	newEvent := v1.Events[1]
	newEvent.ID = "cykelkvall"
	newEvent.Title = edited(newEvent.Title, content.Swedish, "Cykelkväll: vi lagar cyklar")
	v3.Events = append(v3.Events, newEvent)
	return []*content.Set{&v2, &v3}
}

// comparison is how an updated index's results differ from a build's.
type comparison struct {
	queries, differ int
	maxScore        float64 // largest relative score difference of an item both found
	maxSwap         float64 // largest relative difference of the build's scores of two items in another order
}

// compare runs every query on both indexes and fails the test where the
// updated index's results are not the build's: the same items in the same
// order, but for neighbours whose scores (in the build) are within tie of
// each other, which may swap; and scores within tie of the build's.
func compare(t *testing.T, queries []search.Query, updated, built *search.Index, tie float64) comparison {
	t.Helper()
	var c comparison
	for _, q := range queries {
		got, want := updated.Search(q), built.Search(q)
		c.queries++
		if !slices.Equal(ids(got), ids(want)) {
			c.differ++
		}
		score := map[string]float64{}
		for _, r := range want {
			score[string(r.Kind)+"/"+r.ID] = r.Score
		}
		if len(got) != len(want) {
			t.Errorf("%s %q: %d results updated, %d built", q.Lang, q.Text, len(got), len(want))
			continue
		}
		for i, r := range got {
			w, ok := score[string(r.Kind)+"/"+r.ID]
			switch {
			case !ok && i < len(got)-1:
				t.Errorf("%s %q: updated finds %s/%s, a build does not: %v, built %v", q.Lang, q.Text, r.Kind, r.ID, ids(got), ids(want))
				continue
			case !ok: // the last place: a near tie with what the build has there
				w = want[i].Score
			}
			rel := math.Abs(r.Score-w) / w
			c.maxScore = max(c.maxScore, rel)
			if rel > tie {
				t.Errorf("%s %q: %s scores %.4f updated, %.4f built", q.Lang, q.Text, r.ID, r.Score, w)
			}
			// In order: this result's build score is not below the next
			// one's by more than a tie.
			if want[i].ID != r.ID {
				c.maxSwap = max(c.maxSwap, math.Abs(want[i].Score-w)/w)
			}
			if want[i].ID != r.ID && math.Abs(want[i].Score-w)/w > tie {
				t.Errorf("%s %q: place %d is %s updated, %s built (scores %.4f, %.4f)", q.Lang, q.Text, i+1, r.ID, want[i].ID, w, want[i].Score)
			}
		}
	}
	return c
}

// relevanceQueries are the tuning set's queries, every one in its
// language, and a few that find the patched words.
func relevanceQueries(t *testing.T) []search.Query {
	sets, err := relevance.LoadDir("../search/testdata/relevance-tuning")
	if err != nil {
		t.Fatal(err)
	}
	var out []search.Query
	for _, lang := range relevance.Langs(sets) {
		for _, c := range sets[lang] {
			out = append(out, search.Query{Text: c.Query, Lang: lang, Limit: 20})
		}
	}
	for _, q := range []string{"cykelverkstad", "cykel", "велосипедна майстерня", "ورشة الدراجات", "bicycle repair", "cykelkväll", "laga cyklar"} {
		for _, lang := range content.Languages {
			out = append(out, search.Query{Text: q, Lang: lang, Limit: 20})
			out = append(out, search.Query{Text: q, Lang: lang, Limit: 20, Kinds: []content.Kind{content.KindArticle, content.KindEvent}})
		}
	}
	return out
}

func buildOf(t *testing.T, st *store.Store) *search.Index {
	t.Helper()
	var ix *search.Index
	err := st.View(func(tx *store.Tx) error {
		var err error
		ix, err = search.BuildFrom(tx, search.Options{})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// recall is recall@5 of an index on the tuning set, per language.
func recall(t *testing.T, ix *search.Index) map[content.Lang]string {
	sets, err := relevance.LoadDir("../search/testdata/relevance-tuning")
	if err != nil {
		t.Fatal(err)
	}
	out := map[content.Lang]string{}
	for lang, cases := range sets {
		r := relevance.Evaluate(lang, cases, 5, func(q string, lang content.Lang) []string {
			var got []string
			for _, r := range ix.Search(search.Query{Text: q, Lang: lang, Limit: 5}) {
				got = append(got, relevance.Answer(r.Kind, r.ID))
			}
			return got
		})
		out[lang] = r.All.String()
	}
	return out
}

// tie is how far apart (relatively) an updated index's scores may be from
// a build's. The built-in content is small (about 200 documents), so one
// changed item moves the field-length averages a build uses by up to a
// few tenths of a per cent, which an update keeps (search/update.go);
// on 50,000 items the same change moves them a few hundred times less.
const tie = 0.01

// TestUpdateRanksAsABuild applies patches (items added, changed and
// removed, of every kind and in every language) to a store, updates the
// index item by item as the app does after a sync, and compares its
// results for every query of the tuning set (and some of the patched
// words) with those of an index built from the patched store.
func TestUpdateRanksAsABuild(t *testing.T) {
	v1 := builtin(t)
	st, _ := openStore(t)
	rebuild(t, st, v1, 1)
	ix := buildOf(t, st)
	queries := relevanceQueries(t)
	for n, v := range patches(v1) {
		ch := patch(t, st, v, int64(n+2))
		if len(ch.Changed) == 0 || (n == 0 && len(ch.Removed) == 0) {
			t.Fatalf("patch %d: changed %v, removed %v: the test needs both", n+1, ch.Changed, ch.Removed)
		}
		updated, digest, err := update(st, &liveIndex{ix, ch.From}, []*store.Changes{ch})
		if err != nil {
			t.Fatal(err)
		}
		if digest != ch.To {
			t.Errorf("updated to %s, want %s", digest, ch.To)
		}
		built := buildOf(t, st)
		if updated.Len() != built.Len() {
			t.Fatalf("patch %d: %d documents updated, %d built", n+1, updated.Len(), built.Len())
		}
		c := compare(t, queries, updated, built, tie)
		t.Logf("patch %d (%d changed, %d removed): %d of %d queries give another order, of items whose build scores differ by %.5f at most; scores differ by %.5f at most",
			n+1, len(ch.Changed), len(ch.Removed), c.differ, c.queries, c.maxSwap, c.maxScore)
		if got, want := fmt.Sprint(recall(t, updated)), fmt.Sprint(recall(t, built)); got != want {
			t.Errorf("patch %d: recall@5 updated %s, built %s", n+1, got, want)
		}
		ix = updated // the next patch updates the updated index
	}
	if ix.Updated() == 0 {
		t.Error("the updated index does not count its updates")
	}
}

// TestApplyFollowsPatches: after a sync that patched a few items, Live
// updates its index with them alone and saves it as the new version's;
// when the changes do not lead from its index's version to the store's
// (a change it was not told of, a restart after a crash between the
// store's patch and the index's save), and once updates add up to
// RebuildShare of the documents, it builds anew.
func TestApplyFollowsPatches(t *testing.T) {
	v1 := builtin(t)
	st, dir := openStore(t)
	rebuild(t, st, v1, 1)
	cache := filepath.Join(dir, search.CacheFileName)
	// The built-in content has few items: a larger share than the
	// default, so that one patch is followed by an update.
	live := &Live{CacheFile: cache, RebuildShare: 0.5}
	live.Refresh(st)
	if err := live.Wait(); err != nil {
		t.Fatal(err)
	}
	built := live.Index()
	vs := patches(v1)

	ch := patch(t, st, vs[0], 2)
	live.Apply(st, ch)
	if err := live.Wait(); err != nil {
		t.Fatal(err)
	}
	ix := live.Index()
	if ix == built || ix.Updated() == 0 || !live.mayUpdate(ix) {
		t.Fatalf("after a small patch: updated %d of %d documents, want an update", ix.Updated(), ix.Len())
	}
	if !built.FromFile() || !ix.FromFile() {
		t.Error("the built or the updated index serves from the heap, not from the file saved")
	}
	if got := ids(ix.Search(search.Query{Text: "cykelverkstad", Lang: content.Swedish})); !slices.Contains(got, "cykelverkstad") {
		t.Errorf("the new article is not found: %v", got)
	}
	saved, err := search.LoadFile(cache, ch.To)
	if err != nil || saved.Updated() != ix.Updated() || saved.Len() != ix.Len() {
		t.Fatalf("the updated index is not saved as the new version's: %v", err)
	}

	// The store is patched but Live is not told (the app stopped between
	// the store's patch and the index's save): the saved index is of the
	// version before, so a new start does not take it, and builds.
	ch3 := patch(t, st, vs[1], 3)
	if _, err := search.LoadFile(cache, ch3.To); err == nil {
		t.Fatal("the saved index claims a version it does not reflect")
	}
	restarted := &Live{CacheFile: cache}
	restarted.Refresh(st)
	if err := restarted.Wait(); err != nil {
		t.Fatal(err)
	}
	if ix := restarted.Index(); ix.Updated() != 0 || !slices.Contains(ids(ix.Search(search.Query{Text: "cykelkväll", Lang: content.Swedish})), "cykelkvall") {
		t.Errorf("after a restart: updated %d, want a build of the new version", ix.Updated())
	}
	// The first Live is told of the patch: it leads from its version.
	live.Apply(st, ch3)
	if err := live.Wait(); err != nil {
		t.Fatal(err)
	}
	if live.Index().Updated() <= ix.Updated() {
		t.Error("not updated by the second patch")
	}
	// The restarted one is told of the second of two patches only: no
	// chain leads from its version, so it builds.
	patch(t, st, vs[0], 4)
	restarted.Apply(st, patch(t, st, v1, 5))
	if err := restarted.Wait(); err != nil {
		t.Fatal(err)
	}
	if ix := restarted.Index(); ix.Updated() != 0 || ix.Len() != buildOf(t, st).Len() {
		t.Errorf("updated (%d) by changes that do not lead from the index's version", ix.Updated())
	}

	// Patches that add up to more than RebuildShare: the last one is
	// followed by a build.
	live2 := &Live{RebuildShare: 0.2}
	rebuild(t, st, v1, 4)
	live2.Refresh(st)
	live2.Wait()
	n := 0
	for i := 0; live2.Index().Updated() != 0 || i == 0; i++ {
		v := *v1
		v.Articles = slices.Clone(v1.Articles)
		for j := range i + 1 {
			a := &v.Articles[j]
			a.Title = edited(a.Title, content.English, fmt.Sprintf("%s (%d)", a.Title[content.English], i))
		}
		live2.Apply(st, patch(t, st, &v, int64(5+i)))
		if err := live2.Wait(); err != nil {
			t.Fatal(err)
		}
		n += i + 1
		if live2.Index().Updated() == 0 {
			break
		}
	}
	if limit := int(live2.RebuildShare * float64(live2.Index().Len())); n <= limit {
		t.Errorf("built anew after %d changed documents, the limit is %d", n, limit)
	}
}
