// Command bleveref measures the project's search (internal/search) against
// bleve v2, the usual full-text engine for Go, on the same data in the same
// run, and prints Markdown tables for BENCHMARKS.md:
//
//   - ranking: recall@5 on the relevance set (internal/search/testdata/
//     relevance) over the built-in content, articles only, per language and
//     type of query;
//   - speed: on the generated national set (internal/synth, 50,000 items),
//     index build time, memory, and p50/p99 latency of keystroke queries.
//
// It is its own Go module so that bleve never enters the app's go.mod.
// Run it with .ci/searchbench, or here with `go run . -h`.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/search/relevance"
	"github.com/motesplats/motesplats/internal/source"
	"github.com/motesplats/motesplats/internal/synth"
)

func main() {
	relDir := flag.String("relevance", "../testdata/relevance", "folder of the first relevance set (sv.tsv, uk.tsv, ar.tsv, en.tsv; articles only)")
	tuningDir := flag.String("tuning", "../testdata/relevance-tuning", "folder of the tuning set (all kinds)")
	heldoutDir := flag.String("heldout", "../testdata/relevance-heldout", "folder of the held-out set (all kinds; only its figures are printed unless -misses)")
	contentDir := flag.String("content", "", "content folder to rank over (default: the built-in content)")
	items := flag.Int("items", 50000, "items of the generated national set (0: skip the speed part)")
	munis := flag.Int("municipalities", 290, "municipalities of the generated national set")
	seed := flag.Int64("seed", 1, "seed of the generated set and of the word queries")
	runs := flag.Int("runs", 3, "timed passes over the query list (after one untimed warm-up pass)")
	limit := flag.Int("limit", 20, "results asked for per keystroke query")
	words := flag.Int("words", 300, "1–3 word queries per language in the keystroke list")
	uk := flag.String("uk", ukRu, "bleve analyzer for Ukrainian where one is chosen (ranking variants, speed): "+ukPlain+" or "+ukRu)
	misses := flag.Bool("misses", false, "list the relevance cases each engine misses")
	flag.Parse()
	if *uk != ukPlain && *uk != ukRu {
		fail(fmt.Errorf("-uk must be %s or %s", ukPlain, ukRu))
	}

	rel, err := relevance.LoadDir(*relDir)
	if err != nil {
		fail(err)
	}
	fmt.Printf("Go %s, %s/%s, %d CPUs, GOMAXPROCS %d, bleve v2 (scorch)\n\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	tuning, err := relevance.LoadDir(*tuningDir)
	if err != nil {
		fail(err)
	}
	heldout, err := relevance.LoadDir(*heldoutDir)
	if err != nil {
		fail(err)
	}
	sets := []evalSet{
		{"first set (internal/search/testdata/relevance), articles only", rel, []content.Kind{content.KindArticle}, []string{relevance.Question, relevance.Keywords}},
		{"tuning set (testdata/relevance-tuning), all kinds", tuning, nil, relevance.Types},
		{"held-out set (testdata/relevance-heldout), all kinds", heldout, nil, []string{relevance.Everyday, relevance.Translit}},
	}
	if err := ranking(sets, *contentDir, *uk, *misses); err != nil {
		fail(err)
	}
	if *items > 0 {
		o := synth.Options{Municipalities: *munis, Items: *items, Seed: *seed, Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
		if err := speed(rel, o, *uk, *runs, *limit, *words); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bleveref:", err)
	os.Exit(1)
}

// loadContent reads dir, or the built-in content when dir is "".
func loadContent(dir string) (*content.Set, error) {
	if dir != "" {
		return source.ReadDir(dir)
	}
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		return nil, err
	}
	return source.Read(sub)
}

// evalSet is one relevance set to rank: its cases, and the kinds searched
// (nil: all).
type evalSet struct {
	name  string
	rel   map[content.Lang][]relevance.Case
	kinds []content.Kind
	// types are the case types reported per language.
	types []string
}

type namedSearcher struct {
	name string
	// s searches kinds (all when nil) and returns "kind:id".
	s func(q string, lang content.Lang, kinds []content.Kind) []string
}

// ranking prints recall@5 of the project, of bleve (several setups) and of
// a plain BM25 on every set, then the ablation table: the project with one
// ranking rule off at a time.
func ranking(sets []evalSet, dir, uk string, showMisses bool) error {
	set, err := loadContent(dir)
	if err != nil {
		return err
	}
	known := relevance.KnownAnswers(set)
	for _, es := range sets {
		for _, lang := range relevance.Langs(es.rel) {
			if err := relevance.CheckAnswers(es.name+"/"+string(lang)+".tsv", es.rel[lang], known); err != nil {
				return err
			}
		}
	}
	const k = 5
	p := buildProject(set)
	searchers := []namedSearcher{{"project", p.answers(k)}}
	tmp, err := os.MkdirTemp("", "bleveref-rank-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// bleve with each Ukrainian analyzer, over the fields of all languages;
	// then, with the chosen one (-uk), only over the fields of the query's
	// language, over all languages with fuzzy matching (edit distance 1),
	// and over all languages scored with BM25 instead of bleve's default
	// tf-idf.
	variants := []struct {
		uk        string
		own       bool
		fuzziness int
		scoring   string
	}{{ukPlain, false, 0, ""}, {ukRu, false, 0, ""}, {uk, true, 0, ""}, {uk, false, 1, ""}, {uk, false, 0, "bm25"}}
	indexes := map[string]bleve.Index{}
	for _, v := range variants {
		key := v.uk + "-" + v.scoring
		idx := indexes[key]
		if idx == nil {
			idx, err = buildBleve(filepath.Join(tmp, key), set, v.uk, v.scoring)
			if err != nil {
				return err
			}
			defer idx.Close()
			indexes[key] = idx
		}
		bs, err := newBleveSearcher(idx)
		if err != nil {
			return err
		}
		bs.fuzziness = v.fuzziness
		name := "bleve, all languages"
		if v.own {
			name = "bleve, query language only"
		}
		if v.fuzziness > 0 {
			name += fmt.Sprintf(", fuzziness %d", v.fuzziness)
		}
		if v.scoring != "" {
			name += ", " + v.scoring
		}
		name += ", uk: " + v.uk
		own := v.own
		searchers = append(searchers, namedSearcher{name, func(q string, lang content.Lang, kinds []content.Kind) []string {
			var kind content.Kind
			if len(kinds) == 1 {
				kind = kinds[0]
			}
			ids, err := bs.search(bs.textQuery(q, lang, own), kind, k)
			if err != nil {
				fail(err)
			}
			return toAnswers(ids)
		}})
	}
	bm := relevance.NewPlainBM25(set)
	searchers = append(searchers, namedSearcher{"plain BM25", func(q string, _ content.Lang, kinds []content.Kind) []string {
		return bm.Search(q, kinds, k)
	}})
	for _, es := range sets {
		printRanking(es, searchers, k, showMisses)
	}

	// Ablation: the project with one rule off at a time.
	ablations := []struct {
		name string
		opts search.Options
	}{
		{"engine", search.Options{}},
		{"no stop words", search.Options{NoStopWords: true}},
		{"equal field weights", search.Options{EqualFields: true}},
		{"no stems", search.Options{NoStems: true}},
		{"no concepts", search.Options{NoConcepts: true}},
		{"no topic lift", search.Options{NoTopics: true}},
		{"no transliteration", search.Options{NoTranslit: true}},
		{"none of these", search.Options{NoStopWords: true, EqualFields: true, NoStems: true, NoConcepts: true, NoTranslit: true}},
	}
	fmt.Printf("## Ablation: recall@%d with one ranking rule off\n\n| set | language |", k)
	for _, a := range ablations {
		fmt.Printf(" %s |", a.name)
	}
	fmt.Printf("\n|---|---|%s\n", strings.Repeat("---|", len(ablations)))
	reports := make([][][]relevance.Report, len(ablations))
	for i, a := range ablations {
		ab := &project{search.BuildWith(set, a.opts)}
		for _, es := range sets {
			var rs []relevance.Report
			for _, lang := range relevance.Langs(es.rel) {
				kinds := es.kinds
				rs = append(rs, relevance.Evaluate(lang, es.rel[lang], k, func(q string, lang content.Lang) []string {
					return ab.answers(k)(q, lang, kinds)
				}))
			}
			reports[i] = append(reports[i], rs)
		}
	}
	for si, es := range sets {
		for li, lang := range relevance.Langs(es.rel) {
			fmt.Printf("| %s | %s |", es.name, lang)
			for i := range ablations {
				fmt.Printf(" %.2f |", reports[i][si][li].All.Recall())
			}
			fmt.Println()
		}
	}
	fmt.Println()
	return nil
}

// printRanking prints one set's table: recall@k per language and type.
func printRanking(es evalSet, searchers []namedSearcher, k int, showMisses bool) {
	fmt.Printf("## Ranking: recall@%d, %s\n\n", k, es.name)
	fmt.Printf("| language | queries | cases |")
	for _, s := range searchers {
		fmt.Printf(" %s |", s.name)
	}
	fmt.Printf(" best bleve |\n|---|---|---|%s\n", strings.Repeat("---|", len(searchers)+1))
	reports := make([][]relevance.Report, len(searchers))
	for i, s := range searchers {
		for _, lang := range relevance.Langs(es.rel) {
			reports[i] = append(reports[i], relevance.Evaluate(lang, es.rel[lang], k, func(q string, lang content.Lang) []string {
				return s.s(q, lang, es.kinds)
			}))
		}
	}
	isBleve := func(i int) bool { return strings.HasPrefix(searchers[i].name, "bleve") }
	total := make([]relevance.Score, len(searchers))
	for li, lang := range relevance.Langs(es.rel) {
		for _, typ := range append(append([]string{}, es.types...), "") {
			name := typ
			if typ == "" {
				name = "**all**"
			}
			fmt.Printf("| %s | %s | %d |", lang, name, score(reports[0][li], typ).Total)
			best := 0.0
			for i := range searchers {
				sc := score(reports[i][li], typ)
				fmt.Printf(" %.2f |", sc.Recall())
				if isBleve(i) {
					best = max(best, sc.Recall())
				}
				if typ == "" {
					total[i].Hits += sc.Hits
					total[i].Total += sc.Total
				}
			}
			fmt.Printf(" %.2f |\n", best)
		}
	}
	fmt.Printf("| all | all | %d |", total[0].Total)
	best := 0.0
	for i, t := range total {
		fmt.Printf(" %.2f |", t.Recall())
		if isBleve(i) {
			best = max(best, t.Recall())
		}
	}
	fmt.Printf(" %.2f |\n\n", best)
	if showMisses {
		for i, s := range searchers {
			for _, r := range reports[i] {
				for _, m := range r.Misses {
					fmt.Printf("miss %s %s %s:%d %s %q want %v got %v\n", es.name, s.name, r.Lang, m.Case.Line, m.Case.Type, m.Case.Query, m.Case.Answers, m.Got)
				}
			}
		}
		fmt.Println()
	}
}

func score(r relevance.Report, typ string) relevance.Score {
	if typ == "" {
		return r.All
	}
	return r.ByType[typ]
}

// toAnswers turns bleve's "articles/sfi" into "article:sfi".
func toAnswers(ids []string) []string {
	for i, id := range ids {
		kind, rest, _ := strings.Cut(id, "/")
		ids[i] = relevance.Answer(content.Kind(kind), rest)
	}
	return ids
}

// heap is the live heap after a full collection.
func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// speed builds both engines over the generated set and times the keystroke
// queries on both.
func speed(rel map[content.Lang][]relevance.Case, o synth.Options, uk string, runs, limit, perLang int) error {
	set := synth.Generate(o)
	st := set.Stats()
	fmt.Printf("## Speed: generated national set, %d items (%d services, %d events, %d articles, %d projects, %d topics, %d municipalities)\n\n",
		set.Len(), st.Items[content.KindService], st.Items[content.KindEvent], st.Items[content.KindArticle], st.Items[content.KindProject], st.Items[content.KindTopic], st.Items[content.KindMunicipality])

	// The project: Build, timed, and its live heap.
	h0 := heap()
	t0 := time.Now()
	p := buildProject(set)
	build := time.Since(t0)
	projHeap := heap() - h0
	tmp, err := os.MkdirTemp("", "bleveref-speed-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// Save and load it as the app's cache file; the loaded index is the one
	// timed below.
	cache := filepath.Join(tmp, "search.idx")
	save, load, err := p.saveLoad(cache)
	if err != nil {
		return err
	}
	var cacheSize int64
	if fi, err := os.Stat(cache); err == nil {
		cacheSize = fi.Size()
	}
	loadedHeap := heap() - h0

	// bleve: index into a new on-disk scorch index, close, open again.
	path := filepath.Join(tmp, "index.bleve")
	t0 = time.Now()
	idx, err := buildBleve(path, set, uk, "")
	if err != nil {
		return err
	}
	if err := idx.Close(); err != nil {
		return err
	}
	bleveBuild := time.Since(t0)
	size := dirSize(path)
	h1 := heap()
	t0 = time.Now()
	idx, err = bleve.Open(path)
	if err != nil {
		return err
	}
	defer idx.Close()
	n, err := idx.DocCount()
	if err != nil {
		return err
	}
	bleveOpen := time.Since(t0)
	bleveHeap := int64(heap()) - int64(h1)
	if int(n) != set.Len() {
		return fmt.Errorf("bleve holds %d documents, want %d", n, set.Len())
	}
	bs, err := newBleveSearcher(idx)
	if err != nil {
		return err
	}

	qs := keystrokeQueries(rel, set, perLang, o.Seed)
	engines := []struct {
		name string
		run  func(q typed) (int, error)
		lat  latencies
	}{
		{name: "project", run: func(q typed) (int, error) { return len(p.search(q.text, q.lang, nil, limit)), nil }},
		{name: "bleve, all languages", run: func(q typed) (int, error) {
			r, err := bs.search(bs.typingQuery(q.text, q.lang, false), "", limit)
			return len(r), err
		}},
		{name: "bleve, query language only", run: func(q typed) (int, error) {
			r, err := bs.search(bs.typingQuery(q.text, q.lang, true), "", limit)
			return len(r), err
		}},
	}
	for pass := 0; pass <= runs; pass++ {
		for i := range engines {
			e := &engines[i]
			nonEmpty := 0
			for _, q := range qs {
				t := time.Now()
				n, err := e.run(q)
				d := time.Since(t)
				if err != nil {
					return err
				}
				if pass > 0 {
					e.lat.add(bucket(q), d)
				}
				if n > 0 {
					nonEmpty++
				}
			}
			e.lat.nonEmp = nonEmpty
		}
	}
	for i := range engines {
		engines[i].lat.sort()
	}
	bleveHeapAfter := int64(heap()) - int64(h1)
	runtime.KeepAlive(set) // so that the heap differences are the indexes only
	runtime.KeepAlive(p)
	pl := &engines[0].lat

	langs := map[content.Lang]int{}
	src := map[string]int{}
	for _, q := range qs {
		langs[q.lang]++
		src[q.source]++
	}
	fmt.Printf("| | project (internal/search) | bleve v2.6.3, scorch on disk |\n|---|---|---|\n")
	fmt.Printf("| index build | %s (Build, in memory) | %s (batches of 1,000, until Close) |\n", ms(build), ms(bleveBuild))
	fmt.Printf("| save the built index | %s (SaveFile) | — (written while indexing) |\n", ms(save))
	fmt.Printf("| open the saved index | %s (LoadFile) | %s (Open) |\n", ms(load), ms(bleveOpen))
	fmt.Printf("| live heap of the index (after GC) | %.1f MB built, %.1f MB loaded | %.1f MB after Open, %.1f MB after the queries (segments are mmapped, not counted) |\n", mb(int64(projHeap)), mb(int64(loadedHeap)), mb(bleveHeap), mb(bleveHeapAfter))
	fmt.Printf("| on disk | %.1f MB | %.1f MB |\n", mb(cacheSize), mb(size))
	fmt.Println()
	fmt.Printf("Query list: %d queries (%d prefixes of relevance keywords queries, %d of 1–3 words from titles; sv %d, uk %d, ar %d, en %d), %d timed passes after one warm-up, %d results asked for, all kinds; bleve's Ukrainian analyzer: %s.\n\n",
		len(qs), src[fromPrefix], src[fromWords], langs[content.Swedish], langs[content.Ukrainian], langs[content.Arabic], langs[content.English], runs, limit, uk)
	fmt.Printf("| engine | queries with ≥ 1 result | p50 | p99 | max | p99 ÷ project's p99 |\n|---|---|---|---|---|---|\n")
	for _, e := range engines {
		l := e.lat
		fmt.Printf("| %s | %d of %d | %s | %s | %s | %.1f× |\n", e.name, l.nonEmp, len(qs),
			us(percentile(l.all, 0.5)), us(percentile(l.all, 0.99)), us(l.all[len(l.all)-1]),
			float64(percentile(l.all, 0.99))/float64(percentile(pl.all, 0.99)))
	}
	fmt.Println()
	fmt.Printf("| query group | queries × passes |")
	for _, e := range engines {
		fmt.Printf(" %s p50 / p99 |", e.name)
	}
	fmt.Printf("\n|---|---|%s\n", strings.Repeat("---|", len(engines)))
	for _, b := range buckets {
		if len(pl.by[b]) == 0 {
			continue
		}
		fmt.Printf("| %s | %d |", b, len(pl.by[b]))
		for _, e := range engines {
			x := e.lat.by[b]
			fmt.Printf(" %s / %s |", us(percentile(x, 0.5)), us(percentile(x, 0.99)))
		}
		fmt.Println()
	}
	fmt.Println()
	fmt.Printf("Ratio p99(bleve, all languages) / p99(project): **%.1f×** (p50: %.1f×).\n\n",
		float64(percentile(engines[1].lat.all, 0.99))/float64(percentile(pl.all, 0.99)),
		float64(percentile(engines[1].lat.all, 0.5))/float64(percentile(pl.all, 0.5)))
	return nil
}

func ms(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func us(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	}
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

func mb(b int64) float64 { return float64(b) / 1e6 }
