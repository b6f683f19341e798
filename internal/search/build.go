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
//
// A built or loaded level holds its postings in one array, term after
// term (off). A level made by Update (update.go) holds each term's
// postings apart (lists): those of the terms an update did not touch are
// the old index's own, shared, not copied; and ratio scales each term's
// impacts to the idf the documents now give it (nil: 1).
type postings struct {
	terms []string
	off   []uint32 // postings of terms[i] are docs[off[i]:off[i+1]]
	docs  []uint32
	imps  []uint16
	scale float32

	lists []postingList // when not nil, the postings of terms[i], in place of off
	ratio []float32
}

// postingList is one term's postings.
type postingList struct {
	docs []uint32
	imps []uint16
}

func (p *postings) lookup(term string) (int, bool) {
	return slices.BinarySearch(p.terms, term)
}

func (p *postings) df(t int) int {
	if p.lists != nil {
		return len(p.lists[t].docs)
	}
	return int(p.off[t+1] - p.off[t])
}

// list returns the postings of term t.
func (p *postings) list(t int) ([]uint32, []uint16) {
	if p.lists != nil {
		l := &p.lists[t]
		return l.docs, l.imps
	}
	from, to := p.off[t], p.off[t+1]
	return p.docs[from:to], p.imps[from:to]
}

// weight is what an impact of term t is worth, times w.
func (p *postings) weight(t int, w float32) float32 {
	if p.ratio != nil {
		return w * p.scale * p.ratio[t]
	}
	return w * p.scale
}

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
	// topicNames are the topics and categories an item may belong to
	// (topics.go); topicMasks[d] has bit i set when document d is in
	// topicNames[i], and topicDocs[i] lists those documents (worked out
	// again when an index is loaded or updated).
	topicNames []string
	topicMasks []uint64
	topicDocs  [][]uint32

	// phon is every Latin word by phonetic key, concepts the concept list
	// against these documents; both are worked out again when an index is
	// loaded.
	phon     phonTable
	concepts *conceptIndex
	opts     Options
	// avg is the average length of each slot the impacts were weighed
	// with; Update weighs new documents with it (update.go).
	avg [numSlots]float32
	// updated counts the documents Update added, changed or removed
	// since the index was built.
	updated int
	// dead are the documents Update removed, in order: no posting,
	// concept or topic has them any more; their numbers stay unused until
	// the index is built anew, so that the other documents keep theirs.
	dead []uint32

	scratch     sync.Pool
	allowedSets allowedCache

	// mapped is the saved file the postings and typo deletions are views
	// of, nil for an index built or updated (mapped.go).
	mapped *mapping
	// shared are the mappings of the indexes an updated index shares
	// postings with (mapped.go).
	shared []*mapping
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
	NoTopics    bool // a concept does not lift the other items of its topic
	// Concepts replaces the built-in concept list when not nil.
	Concepts []Concept
}

const multiMuni = math.MaxUint16

// Updated returns how many documents updates added, changed or removed
// since the index was built (0 for a built index).
func (ix *Index) Updated() int { return ix.updated }

// Len returns the number of documents (items) indexed.
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	return len(ix.ids) - len(ix.dead)
}

// isDead reports whether document d was removed by an update.
func (ix *Index) isDead(d uint32) bool {
	_, found := slices.BinarySearch(ix.dead, d)
	return found
}

// Build indexes every article, service, event and project of set, in
// every language. It uses every core.
func Build(set *content.Set) *Index { return BuildWith(set, Options{}) }

// BuildWith is Build with some ranking rules turned off.
func BuildWith(set *content.Set, opts Options) *Index {
	ix, _ := BuildFrom(setSource{set}, opts) // a set never fails to give its items
	return ix
}

// Source gives BuildFrom the items to index one kind at a time: Each
// calls fn with every item of kind, in a fixed order, and stops at fn's
// first error. fn keeps only the texts of an item, so a source that
// decodes items one by one (a store.Tx) never has the whole version in
// memory.
type Source interface {
	Each(kind content.Kind, fn func(content.Item) error) error
}

// BuildFrom indexes every article, service, event and project src gives,
// in every language, analysing the documents in chunks on every core as
// they come.
func BuildFrom(src Source, opts Options) (*Index, error) {
	ix := &Index{projectMunis: map[uint32][]uint16{}, muniNumbers: map[string]uint16{}, opts: opts}
	names := refNames{munis: map[string]content.Text{}, topics: map[string]content.Text{}}
	err := src.Each(content.KindMunicipality, func(m content.Item) error {
		names.munis[m.ItemID()] = m.Main()
		ix.muniNumber(m.ItemID())
		return nil
	})
	if err == nil {
		err = src.Each(content.KindTopic, func(t content.Item) error {
			names.topics[t.ItemID()] = t.Main()
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	ix.topicNames = topicTable(names.topics)
	b := newBuilder(ix)
	if err := b.analyzeFrom(src, &names); err != nil {
		return nil, err
	}
	b.intern()
	b.weighAll()
	b.lay()
	ix.avg = b.avg
	ix.typo = buildTypo(b.spaces[levelFold].terms)
	ix.finish()
	return ix, nil
}

// setSource gives the items of a set.
type setSource struct{ set *content.Set }

func (s setSource) Each(kind content.Kind, fn func(content.Item) error) error {
	var err error
	s.set.EachOf(kind, func(item content.Item) {
		if err == nil {
			err = fn(item)
		}
	})
	return err
}

// finish works out what a built or a loaded index derives from its terms
// and documents.
func (ix *Index) finish() {
	ix.phon = buildPhon(&ix.levels[levelExact])
	list := ix.opts.Concepts
	if list == nil {
		list, _ = BuiltinConcepts() // its test keeps it valid; an error leaves it empty
	}
	ix.topicDocs = docsByTopic(ix.topicMasks, len(ix.topicNames))
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

// docKinds are the kinds of item the index holds, in document order:
// articles, services, events (from eventBase on), projects.
var docKinds = []content.Kind{content.KindArticle, content.KindService, content.KindEvent, content.KindProject}

// addDoc adds a document's kind, id, municipalities and, for an event,
// its times.
func (ix *Index) addDoc(item content.Item) {
	d := uint32(len(ix.ids))
	ix.kinds = append(ix.kinds, item.Kind())
	ix.ids = append(ix.ids, item.ItemID())
	ix.munis = append(ix.munis, 0)
	ix.topicMasks = append(ix.topicMasks, 0)
	switch it := item.(type) {
	case *content.Article:
		ix.munis[d] = ix.muniNumber(it.Municipality)
		ix.topicMasks[d] = topicMask(ix.topicNames, []string{it.Topic})
	case *content.Service:
		ix.munis[d] = ix.muniNumber(it.Municipality)
		ix.topicMasks[d] = topicMask(ix.topicNames, it.Categories)
	case *content.Event:
		ix.munis[d] = ix.muniNumber(it.Municipality)
		ix.events = append(ix.events, timesOf(it))
		ix.topicMasks[d] = topicMask(ix.topicNames, it.Categories)
	case *content.Project:
		ix.topicMasks[d] = topicMask(ix.topicNames, it.Categories)
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
	// texts are the documents' texts until they are analysed; textEnd[i]
	// ends document from+i.
	texts   []fieldText
	textEnd []uint32
	// lens[i*numSlots+slot] is the number of words of document from+i in
	// that slot.
	lens []uint16
	// ents are the words of the documents in order, as form number << 4 |
	// slot; docEnd[i] ends document from+i.
	ents   []uint32
	docEnd []uint32
	// out holds, per level, the (term, weighted tf) pairs of each
	// document, ended by outEnd.
	outTerms [numLevels][]uint32
	outTF    [numLevels][]float32
	outEnd   [numLevels][]uint32
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
	ix      *Index
	workers int
	chunks  []*chunk
	lens    []uint16 // lens[d*numSlots+slot]: words of that slot
	avg     [numSlots]float32
	spaces  [numLevels]space
	// df[w][l][t] counts the documents worker w posted under term t of
	// level l.
	df [][numLevels][]uint32
}

func newBuilder(ix *Index) *builder {
	b := &builder{ix: ix, workers: max(1, runtime.GOMAXPROCS(0))}
	for l := range b.spaces {
		b.spaces[l].ids = map[string]uint32{}
	}
	return b
}

// chunkWords is about how many words a chunk of documents holds: enough
// that a word common in it is analysed once for many documents, few
// enough that the texts waiting to be analysed stay small.
// (A variable so a test can cut it down and check that the chunks do not
// change the index.)
var chunkWords = 1 << 19

// analyzeFrom reads the documents from src and splits them into words,
// a chunk at a time on every core while the next chunk is read; each
// distinct word is analysed once per chunk. A chunk's texts are dropped
// once it is analysed.
func (b *builder) analyzeFrom(src Source, names *refNames) error {
	jobs := make(chan *chunk)
	var wg sync.WaitGroup
	for range b.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				b.analyze(c)
			}
		}()
	}
	ix := b.ix
	c := &chunk{}
	send := func() {
		if c.to > c.from {
			b.chunks = append(b.chunks, c)
			jobs <- c
		}
		c = &chunk{from: len(ix.ids), to: len(ix.ids)}
	}
	var err error
	for _, kind := range docKinds {
		if kind == content.KindEvent {
			ix.eventBase = len(ix.ids)
		}
		err = src.Each(kind, func(item content.Item) error {
			ix.addDoc(item)
			from := len(c.texts)
			c.texts = names.fieldTexts(item, c.texts)
			c.textEnd = append(c.textEnd, uint32(len(c.texts)))
			c.words += estimateWords(c.texts[from:])
			c.to++
			if c.words >= chunkWords {
				send()
			}
			return nil
		})
		if err != nil {
			break
		}
	}
	send()
	close(jobs)
	wg.Wait()
	if err != nil {
		return err
	}
	b.averageLengths()
	return nil
}

// estimateWords guesses the number of words of a document from the
// length of its texts, to size a chunk's buffers once.
func estimateWords(fts []fieldText) int {
	n := 0
	for _, ft := range fts {
		n += len(ft.plain)
		for _, v := range ft.text {
			n += len(v)
		}
	}
	return n/7 + 8
}

// analyze splits the documents of one chunk into words.
func (b *builder) analyze(c *chunk) {
	c.vocab = [2]map[string]uint32{{}, {}}
	c.ents = make([]uint32, 0, c.words)
	c.lens = make([]uint16, (c.to-c.from)*numSlots)
	var a wordAnalysis
	start := uint32(0)
	for i, end := range c.textEnd {
		eachText(c.texts[start:end], func(f field, l content.Lang, text string) {
			b.analyzeText(c, &a, i, int(f)*numLangSlots+langSlot(l), latinAnalyzer(l), text)
		})
		c.docEnd = append(c.docEnd, uint32(len(c.ents)))
		start = end
	}
	c.texts, c.textEnd, c.vocab = nil, nil, [2]map[string]uint32{}
}

// averageLengths gathers the chunks' lengths and works out the average
// length of each slot over the documents that have it.
func (b *builder) averageLengths() {
	b.lens = make([]uint16, 0, len(b.ix.ids)*numSlots)
	for _, c := range b.chunks {
		b.lens = append(b.lens, c.lens...)
		c.lens = nil
	}
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

// analyzeText adds the words of one text of document c.from+i.
func (b *builder) analyzeText(c *chunk, a *wordAnalysis, i, slot int, latin analyzer, text string) {
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
	at := i*numSlots + slot
	c.lens[at] = uint16(min(int(c.lens[at])+n, math.MaxUint16))
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
// under) and lays the postings out term by term with their impacts. The
// levels are laid one after the other, not side by side: each level's
// weighed terms are dropped once it is laid, so the next level's postings
// take their place instead of adding to them (the peak memory of a build
// is here; the build takes a little longer).
func (b *builder) lay() {
	for l := range numLevels {
		b.layLevel(l)
	}
}

func (b *builder) layLevel(l level) {
	sp := &b.spaces[l]
	df := make([]uint32, len(sp.terms))
	for w := range b.df {
		for t, n := range b.df[w][l] {
			df[t] += n
		}
		b.df[w][l] = nil
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
		c.outTerms[l], c.outTF[l], c.outEnd[l] = nil, nil, nil
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
