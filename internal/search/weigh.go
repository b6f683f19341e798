package search

import (
	"slices"
	"sync"
)

// weighAll works out, per document and term, the term's weight at each
// level: per language, the sum over the fields of the field's weight
// times the term's BM25-saturated count in that field (so a title match
// is worth more than any number of mentions in a body); then the largest
// over the languages plus otherLangs times the others (so a name that
// every translation repeats, SFI or Migrationsverket, does not count four
// times).
//
// Every core weighs chunks in turn, each with its own weigher and
// document counts, so the memory does not grow with the number of
// chunks.
func (b *builder) weighAll() {
	jobs := make(chan *chunk)
	b.df = make([][numLevels][]uint32, b.workers)
	var wg sync.WaitGroup
	for i := range b.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := b.newWeigher(&b.df[i])
			for c := range jobs {
				b.weigh(c, w, &b.df[i])
			}
		}()
	}
	for _, c := range b.chunks {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
}

// newWeigher makes a weigher for the terms of the three spaces, and the
// document counts its worker keeps.
func (b *builder) newWeigher(df *[numLevels][]uint32) *weigher {
	w := &weigher{fieldWeight: fieldWeight}
	if b.ix.opts.EqualFields {
		w.fieldWeight = [numFields]float32{1, 1, 1}
	}
	for l := range w.doc {
		n := len(b.spaces[l].terms)
		for f := range w.count[l] {
			w.count[l][f] = make([]float32, n)
		}
		w.doc[l], w.seen[l] = make([]float32, n), make([]bool, n)
		w.sum[l] = make([]float32, n)
		w.diff[l] = make([]bool, n)
		df[l] = make([]uint32, n)
	}
	return w
}

// weigh weighs the terms of the documents of one chunk.
func (b *builder) weigh(c *chunk, w *weigher, df *[numLevels][]uint32) {
	start := uint32(0)
	for d := c.from; d < c.to; d++ {
		sat := b.saturation(d)
		end := c.docEnd[d-c.from]
		group := -1
		for _, e := range c.ents[start:end] {
			slot := int(e & 15)
			if g := slot % numLangSlots; g != group {
				w.endLanguage(sat, group)
				group = g
			}
			r := &c.refs[e>>4]
			f := slot / numLangSlots
			w.add(levelExact, f, r.exact, true)
			if r.fold != noTerm {
				w.add(levelFold, f, r.fold, r.foldDiff)
			}
			for j := uint8(0); j < r.nstems; j++ {
				w.add(levelStem, f, r.stems[j], r.stemDiff[j])
			}
		}
		w.endLanguage(sat, group)
		start = end
		w.endDocument(c, df)
	}
	c.ents, c.refs = nil, nil
	// Every chunk's weighed terms are kept until the postings are laid:
	// without the room append left for more (up to half again).
	for l := range c.outTerms {
		c.outTerms[l] = slices.Clip(slices.Clone(c.outTerms[l]))
		c.outTF[l] = slices.Clip(slices.Clone(c.outTF[l]))
	}
}

// saturation returns BM25's k1·(1 − b + b·length/average) for each of
// document d's slots: the count at which a term is worth half its most.
func (b *builder) saturation(d int) (k [numSlots]float32) {
	for s := range k {
		f := s / numLangSlots
		ratio := float32(b.lens[d*numSlots+s]) / max(b.avg[s], 1)
		k[s] = bm25K1 * (1 - fieldB[f] + fieldB[f]*ratio)
	}
	return k
}

// weigher accumulates one document's term counts, one language at a time.
type weigher struct {
	fieldWeight [numFields]float32
	count       [numLevels][numFields][]float32 // this language's counts per field
	doc         [numLevels][]float32            // the document's weight: the best language's
	sum         [numLevels][]float32
	seen        [numLevels][]bool
	diff        [numLevels][]bool
	// inLang and inDoc are the terms touched in this language and document.
	inLang, inDoc [numLevels][]uint32
}

func (w *weigher) add(l level, f int, t uint32, differs bool) {
	if !w.seen[l][t] {
		w.seen[l][t] = true
		w.inLang[l] = append(w.inLang[l], t)
	}
	w.count[l][f][t]++
	w.diff[l][t] = w.diff[l][t] || differs
}

// endLanguage turns the counts of language group into weights.
func (w *weigher) endLanguage(sat [numSlots]float32, group int) {
	for l := range w.count {
		for _, t := range w.inLang[l] {
			var v float32
			for f := range w.count[l] {
				if n := w.count[l][f][t]; n > 0 {
					v += w.fieldWeight[f] * n * (bm25K1 + 1) / (n + sat[f*numLangSlots+group])
					w.count[l][f][t] = 0
				}
			}
			if w.doc[l][t] == 0 {
				w.inDoc[l] = append(w.inDoc[l], t)
			}
			w.doc[l][t] = max(w.doc[l][t], v)
			w.sum[l][t] += v
			w.seen[l][t] = false
		}
		w.inLang[l] = w.inLang[l][:0]
	}
}

// endDocument writes the document's terms out to c, at each level only
// those that differ from the level below for one of its words.
func (w *weigher) endDocument(c *chunk, df *[numLevels][]uint32) {
	for l := range w.doc {
		for _, t := range w.inDoc[l] {
			if w.diff[l][t] {
				c.outTerms[l] = append(c.outTerms[l], t)
				c.outTF[l] = append(c.outTF[l], w.doc[l][t]+otherLangs*(w.sum[l][t]-w.doc[l][t]))
				df[l][t]++
			}
			w.doc[l][t], w.sum[l][t], w.diff[l][t] = 0, 0, false
		}
		w.inDoc[l] = w.inDoc[l][:0]
		c.outEnd[l] = append(c.outEnd[l], uint32(len(c.outTerms[l])))
	}
}
