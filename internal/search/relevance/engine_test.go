package relevance

import (
	"io/fs"
	"testing"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/source"
)

// floors are the lowest recall@5 of the project's engine on the built-in
// articles that this test accepts, per language. When they were set
// (2026-11-23, BENCHMARKS.md "Search (issue 6)") the engine measured sv
// 0.966, uk 0.954, ar 1.000, en 0.963, and the best of the bleve v2 setups
// measured on the same cases sv 0.924, uk 0.899, ar 0.954, en 0.935. Each
// floor is just above that bleve figure, two to four cases under the
// engine's, so a ranking regression, or one that would put the engine
// under bleve, fails CI.
var floors = map[content.Lang]float64{
	content.Swedish:   0.93,
	content.Ukrainian: 0.91,
	content.Arabic:    0.96,
	content.English:   0.94,
}

// tuningFloors are the floors on the tuning set (testdata/relevance-
// tuning, all kinds): one case under what the engine measured when the
// set was written (issue 17), so that losing the stop words or the field
// weights fails (TestGateCanFail). The uk and ar cases added for everyday
// words and Swedish terms by ear (issue 17, second round; the engine then
// measured uk 98/99, ar 102/103) have floors of their own, one to two
// cases under.
var tuningFloors = map[content.Lang]float64{
	content.Swedish:   0.94,
	content.Ukrainian: 0.97,
	content.Arabic:    0.97,
	content.English:   0.94,
}

// heldoutFloors are the floors on the held-out set (testdata/relevance-
// heldout, all kinds), set from the best of bleve's variants and a plain
// BM25 on the same cases, measured by .ci/searchbench in one run
// (BENCHMARKS.md, "Search (issue 17)"): best bleve sv 0.80, uk 0.41,
// ar 0.42, en 0.77; plain BM25 0.61, 0.33, 0.20, 0.51. Each floor is just
// above the better of the two. The test also runs the plain BM25 itself
// and requires the engine to be at least as good in every language. (The
// engine measured 0.94, 0.87, 0.77, 0.97 in that run; the target
// of 0.9 in every language is not met for uk and ar, and the set must not
// be used to tune towards it. After the second round, tuned on new
// tuning cases only and run on this set once at the end: 0.94, 0.89,
// 0.91, 0.97; uk still under 0.9.)
var heldoutFloors = map[content.Lang]float64{
	content.Swedish:   0.81,
	content.Ukrainian: 0.42,
	content.Arabic:    0.43,
	content.English:   0.78,
}

// minCases is how many cases of each type every language of the first
// set must have.
const minCases = 40

// engineSearcher searches with the project's engine, as the evaluation
// does: the query in the reader's language, of kinds (all when nil).
func engineSearcher(ix *search.Index, kinds []content.Kind) Searcher {
	return func(q string, lang content.Lang) []string {
		res := ix.Search(search.Query{Text: q, Lang: lang, Kinds: kinds, Limit: 5})
		ids := make([]string, 0, len(res))
		for _, r := range res {
			ids = append(ids, Answer(r.Kind, r.ID))
		}
		return ids
	}
}

var articlesOnly = []content.Kind{content.KindArticle}

func builtinSet(t *testing.T) *content.Set {
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

// evaluate runs one set through find; it fails the test for a missing
// language or an answer that is not an item.
func evaluate(t *testing.T, set *content.Set, dir string, find Searcher) map[content.Lang]Report {
	t.Helper()
	sets, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	known := KnownAnswers(set)
	out := map[content.Lang]Report{}
	for _, lang := range content.Languages {
		cases, ok := sets[lang]
		if !ok {
			t.Errorf("%s: no %s file", dir, lang)
			continue
		}
		if err := CheckAnswers(dir+"/"+string(lang)+".tsv", cases, known); err != nil {
			t.Error(err)
		}
		out[lang] = Evaluate(lang, cases, 5, find)
	}
	return out
}

// TestEngineRecall runs the project's engine over the built-in content and
// the first relevance set (articles only) and the tuning set (all kinds).
func TestEngineRecall(t *testing.T) {
	set := builtinSet(t)
	ix := search.Build(set)
	first := evaluate(t, set, "../testdata/relevance", engineSearcher(ix, articlesOnly))
	tuning := evaluate(t, set, "../testdata/relevance-tuning", engineSearcher(ix, nil))
	for _, lang := range content.Languages {
		r := first[lang]
		for _, typ := range []string{Question, Keywords} {
			if n := r.ByType[typ].Total; n < minCases {
				t.Errorf("%s: %d %s cases, want at least %d", lang, n, typ, minCases)
			}
		}
		t.Logf("%s first set recall@5: all %v, questions %v, keywords %v", lang, r.All, r.ByType[Question], r.ByType[Keywords])
		for _, m := range r.Misses {
			t.Logf("  %s miss %s:%d %q want %v got %v", lang, lang, m.Case.Line, m.Case.Query, m.Case.Answers, m.Got)
		}
		if got := r.All.Recall(); got < floors[lang] {
			t.Errorf("%s: first set recall@5 %.3f is under the floor %.2f", lang, got, floors[lang])
		}
		tr := tuning[lang]
		t.Logf("%s tuning set recall@5: %v", lang, tr.All)
		for _, m := range tr.Misses {
			t.Logf("  %s tuning miss %s:%d %q want %v got %v", lang, lang, m.Case.Line, m.Case.Query, m.Case.Answers, m.Got)
		}
		if got := tr.All.Recall(); got < tuningFloors[lang] {
			t.Errorf("%s: tuning set recall@5 %.3f is under the floor %.2f", lang, got, tuningFloors[lang])
		}
	}
}

// TestGateCanFail shows that the first gate measures the ranking rules:
// with stop words indexed, or all fields weighed alike, some language of
// the first or the tuning set falls under its floor.
func TestGateCanFail(t *testing.T) {
	set := builtinSet(t)
	for _, c := range []struct {
		name string
		opts search.Options
	}{
		{"stop words indexed", search.Options{NoStopWords: true}},
		{"equal field weights", search.Options{EqualFields: true}},
	} {
		ix := search.BuildWith(set, c.opts)
		first := evaluate(t, set, "../testdata/relevance", engineSearcher(ix, articlesOnly))
		tuning := evaluate(t, set, "../testdata/relevance-tuning", engineSearcher(ix, nil))
		under := 0
		for _, lang := range content.Languages {
			f, tu := first[lang].All.Recall(), tuning[lang].All.Recall()
			t.Logf("%s, %s: first set %.3f (floor %.2f), tuning set %.3f (floor %.2f)", c.name, lang, f, floors[lang], tu, tuningFloors[lang])
			if f < floors[lang] {
				under++
			}
			if tu < tuningFloors[lang] {
				under++
			}
		}
		if under == 0 {
			t.Errorf("with %s the gate still passes: it does not measure that rule", c.name)
		}
	}
}

// TestHeldoutRecall evaluates the held-out set (all kinds). It reports
// only the figures, never the cases: the set is for measuring, not for
// tuning (see its README).
func TestHeldoutRecall(t *testing.T) {
	set := builtinSet(t)
	ix := search.Build(set)
	bm := NewPlainBM25(set)
	engine := evaluate(t, set, heldoutDir, engineSearcher(ix, nil))
	plain := evaluate(t, set, heldoutDir, func(q string, _ content.Lang) []string { return bm.Search(q, nil, 5) })
	for _, lang := range content.Languages {
		e, p := engine[lang], plain[lang]
		t.Logf("%s held-out recall@5: engine %v (everyday %v, translit %v); plain BM25 %v", lang, e.All, e.ByType[Everyday], e.ByType[Translit], p.All)
		if e.All.Recall() < p.All.Recall() {
			t.Errorf("%s: held-out recall@5 %.3f is under the plain BM25's %.3f", lang, e.All.Recall(), p.All.Recall())
		}
		if e.All.Recall() < heldoutFloors[lang] {
			t.Errorf("%s: held-out recall@5 %.3f is under the floor %.2f", lang, e.All.Recall(), heldoutFloors[lang])
		}
	}
}
