package relevance

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/motesplats/motesplats/internal/content"
)

// PlainBM25 is the baseline every ranking rule is measured against: one
// bag of words per item (every text of every language), words split at
// anything not a letter or digit and lower-cased, nothing else (no stop
// words, stems, fields, folding or typos), scored with Okapi BM25 (k1 1.2,
// b 0.75). It is small enough to run in the same test as the engine, so
// the gate compares them in one run.
type PlainBM25 struct {
	docs     []string // "kind:id"
	kinds    []content.Kind
	lens     []float64
	avg      float64
	postings map[string][]bm25Posting
}

type bm25Posting struct {
	doc int
	tf  float64
}

// NewPlainBM25 indexes every article, service, event and project of set.
func NewPlainBM25(set *content.Set) *PlainBM25 {
	b := &PlainBM25{postings: map[string][]bm25Posting{}}
	add := func(kind content.Kind, id string, texts ...content.Text) {
		d := len(b.docs)
		b.docs = append(b.docs, Answer(kind, id))
		b.kinds = append(b.kinds, kind)
		counts := map[string]float64{}
		n := 0
		for _, t := range texts {
			for _, v := range t {
				for _, w := range plainWords(v) {
					counts[w]++
					n++
				}
			}
		}
		for w, c := range counts {
			b.postings[w] = append(b.postings[w], bm25Posting{d, c})
		}
		b.lens = append(b.lens, float64(n))
		b.avg += float64(n)
	}
	for _, x := range set.Articles {
		add(content.KindArticle, x.ID, x.Title, x.Summary, x.Body)
	}
	for _, x := range set.Services {
		add(content.KindService, x.ID, x.Name, x.Organisation, x.Description)
	}
	for _, x := range set.Events {
		add(content.KindEvent, x.ID, x.Title, x.Organiser, x.Description)
	}
	for _, x := range set.Projects {
		add(content.KindProject, x.ID, append([]content.Text{x.Name, x.Summary, x.Owner, x.Offers}, x.Partners...)...)
	}
	b.avg /= math.Max(1, float64(len(b.docs)))
	return b
}

func plainWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// Search returns the best limit items for query ("kind:id"), of kinds
// (all when empty).
func (b *PlainBM25) Search(query string, kinds []content.Kind, limit int) []string {
	const k1, bb = 1.2, 0.75
	scores := map[int]float64{}
	n := float64(len(b.docs))
	for _, w := range plainWords(query) {
		ps := b.postings[w]
		idf := math.Log(1 + (n-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
		for _, p := range ps {
			scores[p.doc] += idf * p.tf * (k1 + 1) / (p.tf + k1*(1-bb+bb*b.lens[p.doc]/b.avg))
		}
	}
	type hit struct {
		doc   int
		score float64
	}
	var hits []hit
	for d, s := range scores {
		if len(kinds) > 0 && !containsKind(kinds, b.kinds[d]) {
			continue
		}
		hits = append(hits, hit{d, s})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].doc < hits[j].doc
	})
	out := make([]string, 0, limit)
	for _, h := range hits[:min(limit, len(hits))] {
		out = append(out, b.docs[h.doc])
	}
	return out
}

func containsKind(kinds []content.Kind, k content.Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}
