package search

import (
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motesplats/motesplats/internal/content"
)

// Query is one search.
type Query struct {
	Text string
	// Lang is the reader's language. Words are analysed by their script,
	// so it only decides which of Swedish and English comes first for
	// Latin words; results come in any language.
	Lang content.Lang
	// Kinds limits the results to these kinds; empty means all four.
	Kinds []content.Kind
	// Municipality limits the results to the items of one municipality
	// and the national items; "" means everywhere.
	Municipality string
	// From and To keep only the events with an occurrence in [From, To);
	// a zero time is no bound. Other kinds are not affected.
	From, To time.Time
	// Limit is the number of results; 0 means 20.
	Limit int
}

// Result is one item found, best first.
type Result struct {
	Kind  content.Kind `json:"kind"`
	ID    string       `json:"id"`
	Score float64      `json:"score"`
}

// How much a match of each kind is worth, times the BM25F impact of the
// matched term: an exact spelling beats a folded one, which beats a stem,
// a completion of the word being typed and a typo.
const (
	weightExact  = 1.0
	weightFold   = 0.8
	weightStem   = 0.6
	weightOther  = 0.95 // the other Latin language's stem
	weightPrefix = 0.6  // times 0.5 + 0.5 × typed/whole length
	weightTypo   = 0.4
	// weightTranslit is a match through the phonetic key of a word that
	// found nothing in its own script, times 0.5 + 0.5 × the share of the
	// indexed word's key it covers.
	weightTranslit = 0.5
	// weightLoose is a Cyrillic word that found nothing matching one with
	// і, ї, є or ґ where it has и or е (a Russian keyboard).
	weightLoose = 0.7
)

// weightWholeConcept scales the completions of a word being typed that
// is already a concept's word as it stands.
const weightWholeConcept = 0.5

// levelConcept marks a clause that is a concept of the list (term is its
// number, weight the value of each target), not a term of a level.
const levelConcept = numLevels

// levelTopic marks a clause that is a topic of a concept's (term is its
// number in the index's topic table, weight the value of its documents).
const levelTopic = numLevels + 1

// prefixTerms is how many completions a word being typed expands to, by
// its length in letters: a letter or two would otherwise match half the
// index, and their completions say little.
func prefixTerms(letters int) int {
	switch letters {
	case 1:
		return 3
	case 2:
		return 6
	case 3:
		return 10
	}
	return 16
}

// A term in this many documents or more is common enough that a folded,
// stemmed or mistyped match of it adds little but time: such a clause
// reads only its best-scoring postings.
const commonWord = 4096

// clause is one term a query word matches, and what a match is worth.
type clause struct {
	level  level
	term   int32
	weight float32
	limit  int32 // postings to read at most
}

// Search returns the best matches for q, best first. A document's score is
// the sum over the query's words of the best way each word matches it,
// times the square root of the share of words it matches.
func (ix *Index) Search(q Query) []Result {
	if ix == nil { // not built yet: indexer.Live.Index before the first build
		return nil
	}
	defer runtime.KeepAlive(ix) // its postings may be views of a mapping (mapped.go)
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	sc := ix.scratch.Get().(*scratch)
	words := ix.plan(sc, q)
	if words == 0 {
		ix.scratch.Put(sc)
		return nil
	}
	f := ix.newFilter(q)
	allowed := ix.allowed(f)
	for w := 0; w < words; w++ {
		ix.accumulate(sc, sc.clauses[sc.wordEnd[w]:sc.wordEnd[w+1]], allowed)
	}
	res := ix.top(sc, f, words, limit)
	sc.touched = sc.touched[:0]
	ix.scratch.Put(sc) // not deferred: after a panic its arrays may not be zero
	return res
}

// plan analyses the query into clauses per word; it returns the number of
// words, their clauses in sc.clauses split by sc.wordEnd.
func (ix *Index) plan(sc *scratch, q Query) int {
	sc.clauses = sc.clauses[:0]
	sc.wordEnd = append(sc.wordEnd[:0], 0)
	words := ix.queryWords(sc, q)
	allStop := true
	for _, w := range words {
		allStop = allStop && w.stop
	}
	var concepts [][]int32
	var whole []bool
	if !ix.opts.NoConcepts && ix.concepts != nil {
		keys := make([][]string, len(words))
		partial := make([]bool, len(words))
		for i, w := range words {
			keys[i], partial[i] = w.keys, w.partial
		}
		concepts, whole = ix.concepts.match(keys, partial)
	}
	latin := latinAnalyzer(q.Lang)
	joins := ix.joins(sc, words, latin)
	count := 0
	for i, w := range words {
		if w.stop && !allStop && !w.partial {
			continue
		}
		sc.a.analyze(w.raw, latin)
		before := len(sc.clauses)
		sc.wordStart = before
		if !w.stop || allStop {
			ix.wordClauses(sc, latin)
		}
		if w.partial {
			scale := float32(1)
			if whole != nil && whole[i] {
				// The word as typed is a concept's word: it is more
				// likely whole than the start of a longer one (лікар,
				// doctor, is not yet лікарняний, sick pay).
				scale = weightWholeConcept
			}
			ix.prefixClauses(sc, scale)
		}
		if concepts != nil {
			for _, c := range concepts[i] {
				sc.push(clause{levelConcept, c, ix.concepts.value, 0})
				if ix.opts.NoTopics {
					continue
				}
				for m := ix.concepts.concepts[c].topicBits; m != 0; m &= m - 1 {
					t := bits.TrailingZeros64(m)
					sc.push(clause{levelTopic, int32(t), ix.concepts.topicValue[t], 0})
				}
			}
		}
		for _, j := range joins {
			if j.start <= i && i < j.start+j.n {
				for _, c := range j.clauses {
					sc.push(c)
				}
			}
		}
		if len(sc.clauses) > before {
			sc.wordEnd = append(sc.wordEnd, int32(len(sc.clauses)))
			count++
		}
	}
	return count
}

// A Swedish compound is often typed as two or three words: "person
// nummer", «скатте веркет», «فولك تاند فوردن». Adjacent query words are
// also looked up joined; what the joined word matches counts for each of
// its words.
const (
	maxJoin        = 3 // words joined at most
	joinMinLetters = 5 // letters a joined word needs
	maxJoinWords   = 8 // longer queries are questions: no joins
	// weightJoin is a joined word's exact match, as a share of a word's.
	weightJoin = 0.9
)

// join is what a run of adjacent query words matches written as one.
type join struct {
	start, n int
	clauses  []clause
}

// joins looks up the runs of two and three adjacent words of the query
// written together: as they are (exact, folded, or the start of a longer
// word for the last word being typed) and, when one of the words finds
// nothing in its own script, by phonetic key.
func (ix *Index) joins(sc *scratch, words []queryWord, latin analyzer) []join {
	if len(words) < 2 || len(words) > maxJoinWords {
		return nil
	}
	var out []join
	var buf []byte
	for i := range words {
		unmatched := false
		buf = buf[:0]
		for n := 1; n <= maxJoin && i+n <= len(words); n++ {
			w := &words[i+n-1]
			if n > 1 && scriptOfWord(w.raw) != scriptOfWord(words[i].raw) {
				break
			}
			buf = append(buf, w.raw...)
			unmatched = unmatched || !ix.knownWord(sc, w.raw, latin)
			if n == 1 || utf8.RuneCount(buf) < joinMinLetters {
				continue
			}
			start := len(sc.clauses)
			sc.wordStart = start
			sc.a.analyze(string(buf), latin)
			exact, fold := string(sc.a.exact), string(sc.a.fold)
			found := ix.add(sc, levelExact, exact, weightJoin)
			found = ix.add(sc, levelFold, fold, weightJoin*weightFold) || found
			if fold != exact {
				found = ix.add(sc, levelExact, fold, weightJoin*weightFold) || found
			}
			if w.partial {
				ix.prefixClauses(sc, 1)
			}
			if !found && unmatched && !ix.opts.NoTranslit {
				ix.translitClauses(sc, exact)
			}
			if len(sc.clauses) > start {
				out = append(out, join{i, n, slices.Clone(sc.clauses[start:])})
				sc.clauses = sc.clauses[:start]
			}
		}
	}
	return out
}

// knownWord reports whether the index has word, exact or folded (a stop
// word counts as known).
func (ix *Index) knownWord(sc *scratch, word string, latin analyzer) bool {
	sc.a.analyze(word, latin)
	return sc.a.stop || ix.knows(string(sc.a.exact), string(sc.a.fold))
}

// queryWord is one word of a query.
type queryWord struct {
	raw           string
	partial, stop bool
	keys          []string // fold and stems, for the concept list
}

// maxQueryWords is how many words of a query count.
const maxQueryWords = 16

// queryWords splits a query into words and marks the stop words.
func (ix *Index) queryWords(sc *scratch, q Query) []queryWord {
	var words []queryWord
	t := tokenizer{s: q.Text}
	latin := latinAnalyzer(q.Lang)
	for len(words) < maxQueryWords {
		w, ok := t.next()
		if !ok {
			break
		}
		sc.a.analyze(w.text, latin)
		stop := !ix.opts.NoStopWords && (sc.a.stop || (sc.a.script == scriptLatin && isLatinStop(sc.a.exact)))
		keys := keysOf(&sc.a)
		if sc.a.script != scriptLatin && !stop && !ix.opts.NoTranslit && !ix.knows(string(sc.a.exact), string(sc.a.fold)) {
			// A word the index does not have in its own script may be a
			// Swedish concept word heard and written in it:
			// «бустадсфермедлінген» is bostadsförmedlingen.
			if k := phoneticKey(sc.key[:0], Translit(string(sc.a.fold))); len(k) >= minConceptKey {
				keys = append(keys, conceptKeyMark+k)
			}
		}
		words = append(words, queryWord{w.text, w.partial, stop, keys})
	}
	return words
}

// wordClauses adds the exact, folded, stemmed and typo clauses of the
// word analysed in sc.a.
func (ix *Index) wordClauses(sc *scratch, latin analyzer) {
	a := &sc.a
	exact, fold := string(a.exact), string(a.fold)
	found := ix.add(sc, levelExact, exact, weightExact)
	found = ix.add(sc, levelFold, fold, weightFold) || found
	if fold != exact {
		found = ix.add(sc, levelExact, fold, weightFold) || found
	}
	stems := func(w float32) {
		if ix.opts.NoStems {
			return
		}
		for _, s := range a.stems[:a.nstems] {
			ix.add(sc, levelStem, s, w)
			ix.add(sc, levelFold, s, w)
			ix.add(sc, levelExact, s, w)
		}
	}
	if !ix.opts.NoStems {
		ix.add(sc, levelStem, fold, weightStem)
	}
	stems(weightStem)
	if a.script == scriptLatin {
		other := analyzeEnglish
		if latin == analyzeEnglish {
			other = analyzeSwedish
		}
		a.stemWith(other)
		stems(weightStem * weightOther)
	}
	if !found {
		sc.cands = ix.typo.candidates(fold, sc.cands[:0])
		for _, c := range sc.cands {
			ix.add(sc, levelFold, c, weightTypo)
			ix.add(sc, levelExact, c, weightTypo)
		}
		if a.script == scriptCyrillic {
			loose, _ := cyrillicLoose(fold)
			sc.key = append(append(sc.key[:0], looseMark...), loose...)
			ix.phon.lookup(string(sc.key), false, func(term int32, _ float32) {
				sc.push(clause{levelExact, term, weightLoose, capWord})
			})
		}
		if !ix.opts.NoTranslit {
			ix.translitClauses(sc, exact)
		}
	}
}

// translitClauses adds the Latin words whose phonetic key is the word's
// (or starts with it): «вардсентрал», «فوردسنترال» and "vardsentral"
// find vårdcentral.
func (ix *Index) translitClauses(sc *scratch, exact string) {
	if sc.a.script == scriptLatin {
		// A Latin word's completions come from prefixClauses.
		key := phoneticKey(sc.key[:0], exact)
		sc.key = []byte(key)
		ix.translitLookup(sc, key, []rune(string(sc.a.fold)), false)
		return
	}
	// A word in another script may be the first part of a Swedish
	// compound («المايغريشن», Migrations-verket).
	latin := Translit(exact)
	key := phoneticKey(sc.key[:0], latin)
	sc.key = []byte(key)
	ix.translitLookup(sc, key, []rune(latin), true)
	if sc.a.script == scriptArabic {
		// The article: «الفوردسنترال» is the vårdcentral.
		if fold := string(sc.a.fold); fold != exact {
			latin := Translit(fold)
			if k := phoneticKey(nil, latin); k != key {
				ix.translitLookup(sc, k, []rune(latin), true)
			}
		}
	}
}

// shortKey is the longest phonetic key that says too little on its own:
// a word in another script with a key this short must also be near the
// Swedish word in letters («свое» is not SFI, «сфі» is).
const shortKey = 2

// translitLookup adds the Latin words with phonetic key key, and with
// prefixes those whose key starts with it. typed is the word in Latin
// letters (folded for a Latin word).
func (ix *Index) translitLookup(sc *scratch, key string, typed []rune, prefixes bool) {
	latin := !prefixes
	found := false
	add := func(term int32, share float32) {
		p := &ix.levels[levelExact]
		// A Latin word is misspelt Swedish only if it is still near the
		// word in letters: nonsense ("qqxqz") shares keys with words too.
		if (latin || len(key) <= shortKey) && !nearInLetters(typed, p.terms[term]) &&
			(latin || !nearInLetters(typed, spellAcronym(p.terms[term]))) {
			return
		}
		limit := int32(capWord)
		if p.df(int(term)) >= commonWord {
			limit = capPrefix
		}
		sc.push(clause{levelExact, term, weightTranslit * (0.5 + 0.5*share), limit})
		found = true
	}
	ix.phon.lookup(key, prefixes, add)
	if !found && !latin {
		ix.phon.fuzzy(key, add)
	}
}

// add adds a clause for term at level if the index has it.
func (ix *Index) add(sc *scratch, l level, term string, weight float32) bool {
	p := &ix.levels[l]
	t, ok := p.lookup(term)
	if ok {
		limit := int32(capWord)
		if weight < weightExact && p.df(t) >= commonWord {
			limit = capPrefix
		}
		sc.push(clause{l, int32(t), weight, limit})
	}
	return ok
}

// push adds a clause to the current word's, or raises the one for the
// same term: a term read twice would only cost time.
func (sc *scratch) push(c clause) {
	for i := sc.wordStart; i < len(sc.clauses); i++ {
		if o := &sc.clauses[i]; o.level == c.level && o.term == c.term {
			o.weight, o.limit = max(o.weight, c.weight), max(o.limit, c.limit)
			return
		}
	}
	sc.clauses = append(sc.clauses, c)
}

// completion is a term the word being typed may become.
type completion struct {
	level  level
	term   int32
	df     int32
	weight float32
}

// prefixClauses adds the completions of the word being typed, analysed in
// sc.a: the most frequent terms that start with it, exact or folded.
func (ix *Index) prefixClauses(sc *scratch, scale float32) {
	a := &sc.a
	exact, fold := strings.TrimSuffix(string(a.exact), "'"), string(a.fold)
	limit := prefixTerms(utf8.RuneCountInString(fold))
	sc.comps = sc.comps[:0]
	ix.completions(sc, levelExact, exact, scale*weightPrefix, limit)
	ix.completions(sc, levelFold, fold, scale*weightPrefix*weightFold, limit)
	if fold != exact {
		ix.completions(sc, levelExact, fold, scale*weightPrefix*weightFold, limit)
	}
	comps := ix.dropRepeats(sc.comps, a.script)
	slices.SortStableFunc(comps, func(x, y completion) int { return int(y.df - x.df) })
	for _, c := range comps[:min(len(comps), limit)] {
		sc.push(clause{c.level, c.term, c.weight, capPrefix})
	}
}

// completions adds to sc.comps the limit most frequent terms of level
// that start with prefix, other than prefix itself (the word's own
// clauses cover it).
func (ix *Index) completions(sc *scratch, l level, prefix string, weight float32, limit int) {
	if prefix == "" {
		return
	}
	p := &ix.levels[l]
	lo, _ := slices.BinarySearch(p.terms, prefix)
	hi, _ := slices.BinarySearchFunc(p.terms[lo:], prefix, func(t, prefix string) int {
		if strings.HasPrefix(t, prefix) {
			return -1
		}
		return 1
	})
	hi += lo
	if lo < hi && p.terms[lo] == prefix {
		lo++
	}
	first := len(sc.comps)
	for t := lo; t < hi; t++ {
		best := sc.comps[first:]
		df := int32(p.df(t))
		if len(best) == limit && df <= best[len(best)-1].df {
			continue
		}
		i, _ := slices.BinarySearchFunc(best, df, func(c completion, df int32) int {
			if c.df >= df {
				return -1
			}
			return 1
		})
		if len(best) == limit {
			sc.comps = sc.comps[:len(sc.comps)-1]
		}
		share := float32(len(prefix)) / float32(len(p.terms[t]))
		sc.comps = slices.Insert(sc.comps, first+i, completion{l, int32(t), df, weight * (0.5 + 0.5*share)})
	}
}

// dropRepeats removes the completions that another one already covers:
// the same term twice, or a folded term that is only the fold of an exact
// one (القهوه of القهوة: the same documents, at a lower weight).
func (ix *Index) dropRepeats(comps []completion, sc script) []completion {
	var buf []byte
	repeats := make([]bool, len(comps))
	for i, c := range comps {
		for j, o := range comps {
			if j == i || o.df != c.df {
				continue
			}
			if o.level == c.level && o.term == c.term && (o.weight > c.weight || (o.weight == c.weight && j < i)) {
				repeats[i] = true
				break
			}
			if c.level == levelFold && o.level == levelExact {
				buf = foldForm(buf[:0], []byte(ix.levels[levelExact].terms[o.term]), sc)
				if string(buf) == ix.levels[levelFold].terms[c.term] {
					repeats[i] = true
					break
				}
			}
		}
	}
	out := comps[:0]
	for i, c := range comps {
		if !repeats[i] {
			out = append(out, c)
		}
	}
	return out
}

// nearInLetters reports whether typed (folded) is within a third of its
// letters (two at least) of term, compared folded.
func nearInLetters(typed []rune, term string) bool {
	maxEdits := max(2, len(typed)/3)
	var buf []byte
	buf = foldForm(buf, []byte(term), scriptLatin)
	return editDistance(typed, []rune(string(buf)), maxEdits) <= maxEdits
}

// accumulate adds one word's best match per document to the scores. The
// per-document arrays are zero between uses: what a word or a query
// touched is cleared after it, which costs no more than reading it.
//
// allowed, when not nil, is the query's kind and municipality filter: the
// other documents are skipped, and a clause's limit counts only allowed
// ones, so a kiosk that searches its own municipality still gets that
// many of a common term's best postings.
func (ix *Index) accumulate(sc *scratch, clauses []clause, allowed []bool) {
	best := sc.best
	touched := sc.wordTouched[:0]
	for _, c := range clauses {
		switch c.level {
		case levelConcept:
			touched = accumulateConcept(best, touched, ix.concepts.concepts[c.term].docs, c.weight, allowed)
			continue
		case levelTopic:
			touched = accumulateConcept(best, touched, ix.topicDocs[c.term], c.weight, allowed)
			continue
		}
		p := &ix.levels[c.level]
		docs, imps := p.list(int(c.term))
		weight := p.weight(int(c.term), c.weight)
		if allowed != nil {
			touched = accumulateAllowed(best, touched, docs, imps, weight, int(c.limit), allowed)
			continue
		}
		docs = docs[:min(len(docs), int(c.limit))]
		imps = imps[:len(docs)]
		for i, d := range docs {
			v := float32(imps[i]) * weight
			if b := best[d]; b == 0 {
				best[d] = v
				touched = append(touched, d)
			} else if v > b {
				best[d] = v
			}
		}
	}
	score, matched := sc.score, sc.matched
	for _, d := range touched {
		if matched[d] == 0 {
			sc.touched = append(sc.touched, d)
		}
		score[d] += best[d]
		matched[d]++
		best[d] = 0
	}
	sc.wordTouched = touched
}

// accumulateAllowed is accumulate's inner loop for the allowed documents
// only, reading on until limit of them are read.
func accumulateAllowed(best []float32, touched, docs []uint32, imps []uint16, weight float32, limit int, allowed []bool) []uint32 {
	imps = imps[:len(docs)]
	for i, d := range docs {
		if !allowed[d] {
			continue
		}
		v := float32(imps[i]) * weight
		if b := best[d]; b == 0 {
			best[d] = v
			touched = append(touched, d)
		} else if v > b {
			best[d] = v
		}
		if limit--; limit == 0 {
			break
		}
	}
	return touched
}

// accumulateConcept adds a concept's targets, each worth value.
func accumulateConcept(best []float32, touched, docs []uint32, value float32, allowed []bool) []uint32 {
	for _, d := range docs {
		if allowed != nil && !allowed[d] {
			continue
		}
		if b := best[d]; b == 0 {
			best[d] = value
			touched = append(touched, d)
		} else if value > b {
			best[d] = value
		}
	}
	return touched
}

// hit is a scored document.
type hit struct {
	score float32
	doc   uint32
}

// better orders hits: higher score first, then document order.
func better(a, b hit) bool {
	return a.score > b.score || (a.score == b.score && a.doc < b.doc)
}

// top returns the best limit documents that pass f.
func (ix *Index) top(sc *scratch, f *filter, words, limit int) []Result {
	var coord [17]float32
	for m := 1; m <= words; m++ {
		coord[m] = float32(math.Sqrt(float64(m) / float64(words)))
	}
	h := sc.heap[:0]
	for _, d := range sc.touched {
		x := hit{sc.score[d] * coord[sc.matched[d]], d}
		sc.score[d], sc.matched[d] = 0, 0 // read once: clear for the next query
		if len(h) == limit && !better(x, h[0]) {
			continue
		}
		if !f.pass(ix, d) {
			continue
		}
		if len(h) < limit {
			h = append(h, x)
			siftUp(h, len(h)-1)
		} else {
			h[0] = x
			siftDown(h, 0)
		}
	}
	sc.heap = h
	out := make([]Result, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		x := h[0]
		out[i] = Result{Kind: ix.kinds[x.doc], ID: ix.ids[x.doc], Score: float64(x.score)}
		h[0] = h[len(h)-1]
		h = h[:len(h)-1]
		siftDown(h, 0)
	}
	return out
}

// The heap keeps the worst of the best hits at the root.
func siftUp(h []hit, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !better(h[p], h[i]) {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func siftDown(h []hit, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		w := l
		if r := l + 1; r < len(h) && better(h[l], h[r]) {
			w = r
		}
		if !better(h[i], h[w]) {
			return
		}
		h[i], h[w] = h[w], h[i]
		i = w
	}
}

// scratch is one search's working memory, pooled. Its per-document
// arrays are all zero when it is in the pool.
type scratch struct {
	a           wordAnalysis
	clauses     []clause
	wordStart   int // the current word's first clause
	wordEnd     []int32
	cands       []string
	key         []byte
	comps       []completion
	best        []float32 // the current word's best match per document
	score       []float32 // the query's score so far
	matched     []uint8   // words matched
	touched     []uint32  // documents with a score
	wordTouched []uint32
	heap        []hit
}

func newScratch(n int) *scratch {
	return &scratch{best: make([]float32, n), score: make([]float32, n), matched: make([]uint8, n)}
}
