package search

import (
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/motesplats/motesplats/internal/content"
)

// field is where a text sits in an item.
type field uint8

const (
	fieldTitle field = iota // title or name
	fieldShort              // summary, organisation, organiser, owner, place
	fieldBody               // body, description, offers, addresses, municipality
	numFields
)

// BM25 parameters per field. A title match is worth three times a body
// match; titles are short and alike in length, so their length matters
// less.
var (
	fieldWeight = [numFields]float32{3, 1.5, 1}
	fieldB      = [numFields]float32{0.3, 0.6, 0.75}
)

const bm25K1 = 1.2

// otherLangs is how much the other languages' weights add to the best
// language's: a term all translations have (a name, SFI) is a little
// surer than one only one has, but not four times.
const otherLangs = 0.25

// Every (field, language) pair is a BM25F field of its own, so a word of
// the Arabic body is weighed against the length of the Arabic body.
const (
	numLangSlots = 5 // sv, uk, ar, en, anything else
	numSlots     = int(numFields) * numLangSlots
)

func langSlot(l content.Lang) int {
	switch l {
	case content.Swedish:
		return 0
	case content.Ukrainian:
		return 1
	case content.Arabic:
		return 2
	case content.English:
		return 3
	}
	return 4
}

// level is one of the three term spaces.
type level uint8

const (
	levelExact level = iota
	levelFold
	levelStem
	numLevels
)

// postings is one term space: sorted terms, and for each term the
// documents that have it with the precomputed BM25F impact of the term
// in the document, in units of scale (16 bits are plenty for ranking and
// take half the memory of a float). An impact is never 0.
type postings struct {
	terms []string
	off   []uint32 // postings of terms[i] are docs[off[i]:off[i+1]]
	docs  []uint32
	imps  []uint16
	scale float32
}

func (p *postings) lookup(term string) (int, bool) {
	return slices.BinarySearch(p.terms, term)
}

func (p *postings) df(t int) int { return int(p.off[t+1] - p.off[t]) }

// Index is an immutable search index over one content version. It is safe
// for concurrent Search calls.
type Index struct {
	levels [numLevels]postings
	typo   typoIndex

	kinds []content.Kind
	ids   []string
	// munis is each document's municipality number (0: national);
	// projects with several have multiMuni and their numbers in
	// projectMunis.
	munis        []uint16
	projectMunis map[uint32][]uint16
	muniNumbers  map[string]uint16
	// events holds the times of the documents from eventBase on.
	eventBase int
	events    []eventTimes

	// phon is every Latin word by phonetic key, concepts the concept list
	// against these documents; both are worked out again when an index is
	// loaded.
	phon     phonTable
	concepts *conceptIndex
	opts     Options

	scratch     sync.Pool
	allowedSets allowedCache
}

// Options turn the engine's ranking rules off one by one, to measure what
// each adds (BENCHMARKS.md, the ablation table); the zero value is the
// engine as the app uses it.
type Options struct {
	NoStopWords bool // index and search stop words like any other word
	EqualFields bool // a title match worth as much as a body match
	NoStems     bool // no stemmed matches
	NoConcepts  bool // no concept list
	NoTranslit  bool // no phonetic (transliterated) matches
	// Concepts replaces the built-in concept list when not nil.
	Concepts []Concept
}

const multiMuni = math.MaxUint16

// Len returns the number of documents (items) indexed.
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	return len(ix.ids)
}

// Build indexes every article, service, event and project of set, in
// every language. It uses every core.
func Build(set *content.Set) *Index { return BuildWith(set, Options{}) }

// BuildWith is Build with some ranking rules turned off.
func BuildWith(set *content.Set, opts Options) *Index {
	ix := &Index{projectMunis: map[uint32][]uint16{}, muniNumbers: map[string]uint16{}, opts: opts}
	src := docSource{munis: map[string]content.Text{}, topics: map[string]content.Text{}}
	for _, m := range set.Municipalities {
		src.munis[m.ID] = m.Name
		ix.muniNumber(m.ID)
	}
	for _, t := range set.Topics {
		src.topics[t.ID] = t.Title
	}
	src.docs = ix.addDocs(set)

	b := newBuilder(&src, ix)
	b.analyzeAll()
	b.intern()
	b.weighAll()
	b.lay()
	ix.typo = buildTypo(b.spaces[levelFold].terms)
	ix.finish()
	return ix
}

// finish works out what a built or a loaded index derives from its terms
// and documents.
func (ix *Index) finish() {
	ix.phon = buildPhon(&ix.levels[levelExact])
	list := ix.opts.Concepts
	if list == nil {
		list, _ = BuiltinConcepts() // its test keeps it valid; an error leaves it empty
	}
	ix.concepts = compileConcepts(list, ix)
	ix.scratch.New = func() any { return newScratch(len(ix.ids)) }
}

// muniNumber gives a municipality id its small number.
func (ix *Index) muniNumber(id string) uint16 {
	if id == "" {
		return 0
	}
	n, ok := ix.muniNumbers[id]
	if !ok && len(ix.muniNumbers) < multiMuni-1 {
		n = uint16(len(ix.muniNumbers) + 1)
		ix.muniNumbers[id] = n
	}
	return n
}

// addDocs lists the documents: kinds, ids, municipalities, in the order
// articles, services, events (from eventBase on), projects.
func (ix *Index) addDocs(set *content.Set) []content.Item {
	n := len(set.Articles) + len(set.Services) + len(set.Events) + len(set.Projects)
	ix.kinds = make([]content.Kind, 0, n)
	ix.ids = make([]string, 0, n)
	ix.munis = make([]uint16, 0, n)
	docs := make([]content.Item, 0, n)
	ix.events = make([]eventTimes, 0, len(set.Events))
	for _, kind := range docKinds {
		if kind == content.KindEvent {
			ix.eventBase = len(ix.ids)
		}
		set.EachOf(kind, func(item content.Item) {
			ix.addDoc(item)
			docs = append(docs, item)
		})
	}
	return docs
}

// docKinds are the kinds of item the index holds, in document order.
var docKinds = []content.Kind{content.KindArticle, content.KindService, content.KindEvent, content.KindProject}

// addDoc adds a document's kind, id, municipalities and, for an event,
// its times.
func (ix *Index) addDoc(item content.Item) {
	d := uint32(len(ix.ids))
	ix.kinds = append(ix.kinds, item.Kind())
	ix.ids = append(ix.ids, item.ItemID())
	ix.munis = append(ix.munis, 0)
	switch it := item.(type) {
	case *content.Article:
		ix.munis[d] = ix.muniNumber(it.Municipality)
	case *content.Service:
		ix.munis[d] = ix.muniNumber(it.Municipality)
	case *content.Event:
		ix.munis[d] = ix.muniNumber(it.Municipality)
		ix.events = append(ix.events, timesOf(it))
	case *content.Project:
		switch len(it.Municipalities) {
		case 0:
		case 1:
			ix.munis[d] = ix.muniNumber(it.Municipalities[0])
		default:
			ix.munis[d] = multiMuni
			for _, m := range it.Municipalities {
				ix.projectMunis[d] = append(ix.projectMunis[d], ix.muniNumber(m))
			}
		}
	}
}

// forms are one distinct word's forms, as strings.
type forms struct {
	exact, fold string
	stems       [maxStems]string
	nstems      uint8
}

// termRef is where one distinct word goes in the three term spaces.
// Every word has a fold and at least one stem-space term (its fold when
// it has no stem); the diff flags say whether they differ from the level
// below, which is when the word is posted at that level.
type termRef struct {
	exact, fold uint32
	stems       [maxStems]uint32
	nstems      uint8
	foldDiff    bool
	stemDiff    [maxStems]bool
}

// chunk is one worker's share of the documents and what it found in them.
type chunk struct {
	from, to int
	words    int // estimated
	// vocab maps a word as written to its number in forms, per Latin
	// analyzer (Swedish, English).
	vocab [2]map[string]uint32
	forms []forms
	refs  []termRef
	// ents are the words of the documents in order, as form number << 4 |
	// slot; docEnd[i] ends document from+i.
	ents   []uint32
	docEnd []uint32
	// out holds, per level, the (term, weighted tf) pairs of each
	// document, ended by outEnd.
	outTerms [numLevels][]uint32
	outTF    [numLevels][]float32
	outEnd   [numLevels][]uint32
	df       [numLevels][]uint32
}

// space interns the terms of one level.
type space struct {
	ids   map[string]uint32
	terms []string
}

func (s *space) intern(t string) uint32 {
	if id, ok := s.ids[t]; ok {
		return id
	}
	id := uint32(len(s.terms))
	s.ids[t] = id
	s.terms = append(s.terms, t)
	return id
}

type builder struct {
	src    *docSource
	ix     *Index
	chunks []*chunk
	lens   []uint16 // lens[d*numSlots+slot]: words of that slot
	avg    [numSlots]float32
	spaces [numLevels]space
}

func newBuilder(src *docSource, ix *Index) *builder {
	n := len(ix.ids)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/256+1))
	b := &builder{src: src, ix: ix, lens: make([]uint16, n*numSlots)}
	sizes := make([]int, n)
	total := 0
	for d := range sizes {
		sizes[d] = src.size(d)
		total += sizes[d]
	}
	// Chunks of about equal words, not documents: articles are long.
	from, sum := 0, 0
	for d := 0; d < n; d++ {
		sum += sizes[d]
		if len(b.chunks) < workers-1 && sum*workers >= total*(len(b.chunks)+1) {
			b.chunks = append(b.chunks, &chunk{from: from, to: d + 1, words: sum})
			from, sum = d+1, 0
		}
	}
	b.chunks = append(b.chunks, &chunk{from: from, to: n, words: sum})
	for l := range b.spaces {
		b.spaces[l].ids = map[string]uint32{}
	}
	return b
}

// parallel runs f on every chunk at once.
func (b *builder) parallel(f func(c *chunk)) {
	var wg sync.WaitGroup
	for _, c := range b.chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(c)
		}()
	}
	wg.Wait()
}

// analyzeAll splits every document into words and analyses each distinct
// word once per chunk.
func (b *builder) analyzeAll() {
	b.parallel(func(c *chunk) {
		c.vocab = [2]map[string]uint32{{}, {}}
		c.ents = make([]uint32, 0, c.words)
		var a wordAnalysis
		var fts []fieldText
		for d := c.from; d < c.to; d++ {
			fts = b.src.fieldTexts(d, fts[:0])
			eachText(fts, func(f field, l content.Lang, text string) {
				b.analyzeText(c, &a, d, int(f)*numLangSlots+langSlot(l), latinAnalyzer(l), text)
			})
			c.docEnd = append(c.docEnd, uint32(len(c.ents)))
		}
	})
	var count [numSlots]float64
	var sum [numSlots]float64
	for d := 0; d < len(b.ix.ids); d++ {
		for s, n := range b.lens[d*numSlots : (d+1)*numSlots] {
			if n > 0 {
				count[s]++
				sum[s] += float64(n)
			}
		}
	}
	for s := range b.avg {
		b.avg[s] = float32(sum[s] / max(count[s], 1))
	}
}

func (b *builder) analyzeText(c *chunk, a *wordAnalysis, d, slot int, latin analyzer, text string) {
	vocab := c.vocab[latin]
	t := tokenizer{s: text}
	prev := ""
	n := 0
	add := func(raw string) {
		id, ok := vocab[raw]
		if !ok {
			a.analyze(raw, latin)
			id = uint32(len(c.forms))
			if a.stop && !b.ix.opts.NoStopWords {
				id = stopForm
			} else {
				f := forms{exact: string(a.exact), fold: string(a.fold), nstems: uint8(a.nstems)}
				copy(f.stems[:], a.stems[:a.nstems])
				c.forms = append(c.forms, f)
			}
			vocab[raw] = id
		}
		if id != stopForm {
			c.ents = append(c.ents, id<<4|uint32(slot))
			n++
		}
	}
	for {
		w, ok := t.next()
		if !ok {
			break
		}
		add(w.text)
		if w.hyphened && prev != "" {
			add(prev + w.text) // bank-id is also bankid
		}
		prev = w.text
	}
	i := d*numSlots + slot
	b.lens[i] = uint16(min(int(b.lens[i])+n, math.MaxUint16))
}

// stopForm marks a stop word in a chunk's vocabulary.
const stopForm = math.MaxUint32 >> 4

// intern gives every distinct word of every chunk its terms in the three
// spaces.
func (b *builder) intern() {
	ex, fo, st := &b.spaces[levelExact], &b.spaces[levelFold], &b.spaces[levelStem]
	for _, c := range b.chunks {
		c.refs = make([]termRef, len(c.forms))
		for i, f := range c.forms {
			r := &c.refs[i]
			r.exact = ex.intern(f.exact)
			r.fold = fo.intern(f.fold)
			r.foldDiff = f.fold != f.exact
			if f.nstems == 0 {
				r.stems[0], r.nstems = st.intern(f.fold), 1
				continue
			}
			r.nstems = f.nstems
			for j, s := range f.stems[:f.nstems] {
				r.stems[j], r.stemDiff[j] = st.intern(s), true
			}
		}
		c.forms = nil
	}
	b.dropUnposted()
}

// noTerm stands for a fold or stem no document can be posted under.
const noTerm = math.MaxUint32

// dropUnposted forgets, for every word, the fold and stem terms that no
// word differs from the level below in (the fold of "school", the stem
// of "sfi"): no document is posted under them, so weighing them is wasted
// work.
func (b *builder) dropUnposted() {
	var posted [numLevels][]bool
	for l := levelFold; l < numLevels; l++ {
		posted[l] = make([]bool, len(b.spaces[l].terms))
	}
	for _, c := range b.chunks {
		for _, r := range c.refs {
			posted[levelFold][r.fold] = posted[levelFold][r.fold] || r.foldDiff
			for j := range r.nstems {
				posted[levelStem][r.stems[j]] = posted[levelStem][r.stems[j]] || r.stemDiff[j]
			}
		}
	}
	for _, c := range b.chunks {
		for i := range c.refs {
			r := &c.refs[i]
			if !posted[levelFold][r.fold] {
				r.fold = noTerm
			}
			n := uint8(0)
			for j := range r.nstems {
				if posted[levelStem][r.stems[j]] {
					r.stems[n], r.stemDiff[n] = r.stems[j], r.stemDiff[j]
					n++
				}
			}
			r.nstems = n
		}
	}
}

// lay sorts each level's terms (dropping those no document is posted
// under) and lays the postings out term by term with their impacts.
func (b *builder) lay() {
	var wg sync.WaitGroup
	for l := range numLevels {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.layLevel(l)
		}()
	}
	wg.Wait()
}

func (b *builder) layLevel(l level) {
	sp := &b.spaces[l]
	df := make([]uint32, len(sp.terms))
	for _, c := range b.chunks {
		for t, n := range c.df[l] {
			df[t] += n
		}
	}
	order := make([]uint32, 0, len(sp.terms))
	for t, n := range df {
		if n > 0 {
			order = append(order, uint32(t))
		}
	}
	slices.SortFunc(order, func(x, y uint32) int {
		return compareStrings(sp.terms[x], sp.terms[y])
	})
	rank := make([]uint32, len(sp.terms))
	p := &b.ix.levels[l]
	p.terms = make([]string, len(order))
	p.off = make([]uint32, len(order)+1)
	idf := make([]float32, len(order))
	n := float64(len(b.ix.ids))
	for i, t := range order {
		rank[t] = uint32(i)
		p.terms[i] = sp.terms[t]
		p.off[i+1] = p.off[i] + df[t]
		x := float64(df[t])
		idf[i] = float32(math.Log(1 + (n-x+0.5)/(x+0.5)))
	}
	var top float32
	for _, c := range b.chunks {
		for i, t := range c.outTerms[l] {
			top = max(top, idf[rank[t]]*c.outTF[l][i])
		}
	}
	p.scale = max(top, 1e-6) / math.MaxUint16
	total := p.off[len(order)]
	p.docs = make([]uint32, total)
	p.imps = make([]uint16, total)
	cur := slices.Clone(p.off[:len(order)])
	for _, c := range b.chunks {
		start := uint32(0)
		for d := c.from; d < c.to; d++ {
			end := c.outEnd[l][d-c.from]
			for i := start; i < end; i++ {
				t := rank[c.outTerms[l][i]]
				tf := c.outTF[l][i]
				pos := cur[t]
				cur[t]++
				p.docs[pos] = uint32(d)
				p.imps[pos] = uint16(max(1, min(math.MaxUint16, idf[t]*tf/p.scale+0.5)))
			}
			start = end
		}
		c.outTerms[l], c.outTF[l], c.outEnd[l], c.df[l] = nil, nil, nil, nil
	}
	var buf tierBuf
	for t := range p.terms {
		from, to := p.off[t], p.off[t+1]
		if int(to-from) > tiers[len(tiers)-1] {
			tier(p.docs[from:to], p.imps[from:to], &buf)
		}
	}
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
