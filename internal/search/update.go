package search

import (
	"cmp"
	"errors"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/motesplats/motesplats/internal/content"
)

// Updating an index item by item. A sync that patches a few items should
// not cost a build of the whole index (seconds, and the whole version
// read from the store), so Update makes the index of the new version from
// the old one and the changed items alone:
//
//   - the documents that are gone or changed are dropped, and the new
//     ones put where a build would put them (by kind, then by id), so
//     documents keep a build's order, which breaks ties between equal
//     scores;
//   - only the new and changed items are read and analysed; their terms
//     are weighed with the average field lengths the index was built with;
//   - every posting is copied once with its impact scaled to the idf a
//     build would give now (the documents' count and each term's document
//     count are known exactly); the postings of the terms whose postings
//     changed are merged in document order and tiered again;
//   - the documents keep their topics; the typo and phonetic tables, the
//     topics' documents and the concept list's targets follow.
//
// So an updated index ranks as a build of the same content would, but for
// three things, all small and bounded (internal/indexer's
// TestUpdateRanksAsABuild, and BENCHMARKS.md, issue 16):
//
//   - the average length of each field stays the one of the last build:
//     a build would move it by what the changed items' lengths move the
//     mean (under 0.1 % when fewer than one item in a thousand changed),
//     and BM25's length normalisation moves a term's weight by a fraction
//     of that;
//   - impacts are 16-bit: scaling an already rounded impact rounds once
//     more, half a unit in 65,535 of the level's largest impact each time;
//   - a level keeps its scale (the unit of its impacts) unless an added
//     posting needs a larger one, where a build would take its largest
//     impact: scores are the same up to that rounding.
//
// Updating an index with items it already has, unchanged, gives the index
// byte for byte (TestUpdateWithSameItemsIsTheIndex).
//
// The typo table keeps the words of removed items (a candidate that no
// document has adds no clause). The owner of the index (internal/indexer)
// builds it anew once the updates since the last build add up to a share
// of the documents, so the differences never accumulate.

// ErrRebuild means a change cannot be made item by item: a municipality
// or a topic changed, and other items' texts include their names.
var ErrRebuild = errors.New("search: this change needs the index built anew")

// Update returns the index of a new content version: ix without the
// documents remove names and with items added (an item ix already has is
// replaced). names gives the new version's municipalities and topics (only
// those two kinds are asked of it), whose names the items' texts include.
// ix itself does not change and may serve searches meanwhile.
func (ix *Index) Update(names Source, remove []content.Ref, items []content.Item) (*Index, error) {
	defer runtime.KeepAlive(ix) // its postings may be views of a mapping (mapped.go)
	for _, r := range remove {
		if !slices.Contains(docKinds, r.Kind) {
			return nil, ErrRebuild
		}
	}
	for _, item := range items {
		if !slices.Contains(docKinds, item.Kind()) {
			return nil, ErrRebuild
		}
	}
	u := &updater{old: ix}
	u.locate()
	items = u.order(items)
	for _, r := range remove {
		if d, ok := u.find(r.Kind, r.ID); ok {
			u.dead[d] = true
		}
	}
	changed := len(items) // documents added, changed or removed
	for _, item := range items {
		if d, ok := u.find(item.Kind(), item.ItemID()); ok {
			u.dead[d] = true
			changed-- // counted again below
		}
	}
	if err := u.analyze(names, items); err != nil {
		return nil, err
	}
	u.renumber()
	u.mergeLevels()
	u.tables()
	for _, dead := range u.dead {
		if dead {
			changed++
		}
	}
	u.ix.updated = ix.updated + changed
	return u.ix, nil
}

type updater struct {
	old *Index
	ix  *Index // the new index
	// seg is where each kind's documents are in old, and whether their
	// ids are in order (a build from a store gives them so).
	seg    map[content.Kind][2]int
	sorted map[content.Kind]bool
	dead   []bool
	// add holds the added documents, analysed: its documents are the
	// added items in order (by kind, then id).
	add *Index
	b   *builder
	// remap is each old document's number in the new index (-1: gone),
	// addAt each added document's.
	remap []int32
	addAt []uint32
	// gone are the old documents dropped, in order; shifts say how the
	// others move.
	gone   []uint32
	shifts []docShift
}

// locate finds each kind's documents.
func (u *updater) locate() {
	ix := u.old
	u.seg, u.sorted = map[content.Kind][2]int{}, map[content.Kind]bool{}
	u.dead = make([]bool, len(ix.ids))
	for d := 0; d < len(ix.kinds); {
		k, from := ix.kinds[d], d
		for d < len(ix.kinds) && ix.kinds[d] == k {
			d++
		}
		u.seg[k] = [2]int{from, d}
		u.sorted[k] = slices.IsSorted(ix.ids[from:d])
	}
}

// find returns the old document of an item.
func (u *updater) find(kind content.Kind, id string) (int, bool) {
	s, ok := u.seg[kind]
	if !ok {
		return 0, false
	}
	ids := u.old.ids[s[0]:s[1]]
	if u.sorted[kind] {
		i, found := slices.BinarySearch(ids, id)
		return s[0] + i, found
	}
	i := slices.Index(ids, id)
	return s[0] + i, i >= 0
}

// order sorts the added items by kind (in document order) and id, the
// last of any given twice kept.
func (u *updater) order(items []content.Item) []content.Item {
	rank := func(k content.Kind) int { return slices.Index(docKinds, k) }
	out := slices.Clone(items)
	slices.Reverse(out)
	slices.SortStableFunc(out, func(a, b content.Item) int {
		return cmp.Or(cmp.Compare(rank(a.Kind()), rank(b.Kind())), strings.Compare(a.ItemID(), b.ItemID()))
	})
	return slices.CompactFunc(out, func(a, b content.Item) bool { return a.Kind() == b.Kind() && a.ItemID() == b.ItemID() })
}

// itemsSource gives items (in order) to the builder.
type itemsSource []content.Item

func (s itemsSource) Each(kind content.Kind, fn func(content.Item) error) error {
	for _, item := range s {
		if item.Kind() == kind {
			if err := fn(item); err != nil {
				return err
			}
		}
	}
	return nil
}

// analyze splits the added items into words and weighs them as a build
// does, with the old index's average lengths.
func (u *updater) analyze(src Source, items []content.Item) error {
	old := u.old
	add := &Index{projectMunis: map[uint32][]uint16{}, muniNumbers: make(map[string]uint16, len(old.muniNumbers)), opts: old.opts}
	for id, n := range old.muniNumbers {
		add.muniNumbers[id] = n
	}
	names := refNames{munis: map[string]content.Text{}, topics: map[string]content.Text{}}
	err := src.Each(content.KindMunicipality, func(m content.Item) error {
		names.munis[m.ItemID()] = m.Main()
		add.muniNumber(m.ItemID())
		return nil
	})
	if err == nil {
		err = src.Each(content.KindTopic, func(t content.Item) error {
			names.topics[t.ItemID()] = t.Main()
			return nil
		})
	}
	if err != nil {
		return err
	}
	// Documents are put in topics by the table of the index: a topic
	// added or removed (a build's work anyway: its name is in other
	// items' texts) moves the bits.
	if add.topicNames = topicTable(names.topics); !slices.Equal(add.topicNames, old.topicNames) {
		return ErrRebuild
	}
	b := newBuilder(add)
	if err := b.analyzeFrom(itemsSource(items), &names); err != nil {
		return err
	}
	b.avg = old.avg
	b.intern()
	b.weighAll()
	u.add, u.b = add, b
	return nil
}

// renumber puts the surviving and the added documents in a build's order
// and gives the new index their kinds, ids, places and times.
func (u *updater) renumber() {
	old, add := u.old, u.add
	n := len(old.ids) + len(add.ids)
	ix := &Index{projectMunis: map[uint32][]uint16{}, muniNumbers: add.muniNumbers, opts: old.opts, avg: old.avg,
		kinds: make([]content.Kind, 0, n), ids: make([]string, 0, n), munis: make([]uint16, 0, n),
		topicNames: old.topicNames, topicMasks: make([]uint64, 0, n)}
	u.remap = make([]int32, len(old.ids))
	for d := range u.remap {
		u.remap[d] = -1
	}
	u.addAt = make([]uint32, len(add.ids))
	put := func(from *Index, d int) uint32 {
		nd := uint32(len(ix.ids))
		ix.kinds = append(ix.kinds, from.kinds[d])
		ix.ids = append(ix.ids, from.ids[d])
		ix.munis = append(ix.munis, from.munis[d])
		ix.topicMasks = append(ix.topicMasks, from.topicMasks[d])
		if m, ok := from.projectMunis[uint32(d)]; ok {
			ix.projectMunis[nd] = m
		}
		if from.kinds[d] == content.KindEvent {
			ix.events = append(ix.events, from.events[d-from.eventBase])
		}
		return nd
	}
	a := 0
	for _, kind := range docKinds {
		if kind == content.KindEvent {
			ix.eventBase = len(ix.ids)
		}
		s := u.seg[kind]
		for d := s[0]; d < s[1]; d++ {
			if u.dead[d] {
				continue
			}
			// An added item goes before the first document whose id is
			// greater, where a build from a store would put it.
			for u.sorted[kind] && a < len(add.ids) && add.kinds[a] == kind && add.ids[a] < old.ids[d] {
				u.addAt[a] = put(add, a)
				a++
			}
			u.remap[d] = int32(put(old, d))
		}
		for a < len(add.ids) && add.kinds[a] == kind {
			u.addAt[a] = put(add, a)
			a++
		}
	}
	u.ix = ix
	for d, nd := range u.remap {
		if nd < 0 {
			u.gone = append(u.gone, uint32(d))
			continue
		}
		if shift := nd - int32(d); len(u.shifts) == 0 || u.shifts[len(u.shifts)-1].shift != shift {
			u.shifts = append(u.shifts, docShift{uint32(d), shift})
		}
	}
}

// docShift says that the surviving old documents from doc on (up to the
// next docShift) move by shift.
type docShift struct {
	doc   uint32
	shift int32
}

// renumberRun renumbers a run of old postings in document order, none of
// a document that is gone: the documents between two shifts all move by
// the same number.
func (u *updater) renumberRun(dst, src []uint32) {
	for i, s := range u.shifts {
		lo, hi := 0, len(src)
		if i > 0 {
			lo, _ = slices.BinarySearch(src, s.doc)
		}
		if i+1 < len(u.shifts) {
			hi, _ = slices.BinarySearch(src, u.shifts[i+1].doc)
		}
		if s.shift == 0 {
			copy(dst[lo:hi], src[lo:hi])
			continue
		}
		for x := lo; x < hi; x++ {
			dst[x] = uint32(int32(src[x]) + s.shift)
		}
	}
}

// mergedTerm is a term of the new index: its old and added postings.
type mergedTerm struct {
	old, add int32   // the old term, the added one; -1: none
	df, gone uint32  // documents now, old ones gone
	ratio    float32 // today's idf over the one the old impacts have
	idf      float32
}

// addPosting is one posting of an added document: its new number and
// weighted term frequency.
type addPosting struct {
	doc uint32
	tf  float32
}

// mergeLevels lays out the three levels of the new index, each on its
// own core.
func (u *updater) mergeLevels() {
	var wg sync.WaitGroup
	for l := range numLevels {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u.mergeLevel(l)
		}()
	}
	wg.Wait()
}

func idfOf(df, n float64) float64 { return math.Log(1 + (n-df+0.5)/(df+0.5)) }

func quantize(v float32) uint16 { return uint16(max(1, min(math.MaxUint16, v+0.5))) }

// mergeLevel lays out one level: the old postings of the surviving
// documents, renumbered and scaled to today's idf, and the added
// documents' postings.
//
// It costs a copy of the level, not a pass that weighs every posting: a
// term's removed postings are found by binary search (its postings are in
// document order within each tier), a posting whose impact the new idf
// cannot change by half a unit is copied as it is, and the level keeps
// its scale unless an added posting needs more (a build would work it out
// from the largest impact again: the impacts would differ by a rounding).
func (u *updater) mergeLevel(l level) {
	p := &u.old.levels[l]
	sp := &u.b.spaces[l]
	// The added documents' postings, by term.
	byTerm := map[uint32][]addPosting{}
	for _, c := range u.b.chunks {
		start := uint32(0)
		for d := c.from; d < c.to; d++ {
			end := c.outEnd[l][d-c.from]
			for i := start; i < end; i++ {
				t := c.outTerms[l][i]
				byTerm[t] = append(byTerm[t], addPosting{u.addAt[d], c.outTF[l][i]})
			}
			start = end
		}
	}
	addTerms := make([]uint32, 0, len(byTerm))
	for t := range byTerm {
		addTerms = append(addTerms, t)
	}
	slices.SortFunc(addTerms, func(x, y uint32) int { return strings.Compare(sp.terms[x], sp.terms[y]) })

	var terms []mergedTerm
	nOld, nNew := float64(len(u.old.ids)), float64(len(u.ix.ids))
	var biggest float32
	i, j := 0, 0
	for i < len(p.terms) || j < len(addTerms) {
		m := mergedTerm{old: -1, add: -1}
		switch {
		case j == len(addTerms) || (i < len(p.terms) && p.terms[i] < sp.terms[addTerms[j]]):
			m.old = int32(i)
			i++
		case i == len(p.terms) || sp.terms[addTerms[j]] < p.terms[i]:
			m.add = int32(j)
			j++
		default:
			m.old, m.add = int32(i), int32(j)
			i++
			j++
		}
		if m.old >= 0 {
			m.gone = u.goneIn(p, int(m.old))
			m.df += uint32(p.df(int(m.old))) - m.gone
		}
		if m.add >= 0 {
			m.df += uint32(len(byTerm[addTerms[m.add]]))
		}
		if m.df == 0 {
			continue
		}
		idf := idfOf(float64(m.df), nNew)
		m.idf = float32(idf)
		if m.old >= 0 {
			m.ratio = float32(idf / idfOf(float64(p.df(int(m.old))), nOld))
		}
		if m.add >= 0 {
			for _, a := range byTerm[addTerms[m.add]] {
				biggest = max(biggest, m.idf*a.tf)
			}
		}
		terms = append(terms, m)
	}

	np := &u.ix.levels[l]
	np.scale = max(p.scale, biggest/math.MaxUint16)
	np.terms = make([]string, len(terms))
	np.off = make([]uint32, len(terms)+1)
	for k, m := range terms {
		if m.old >= 0 {
			np.terms[k] = p.terms[m.old]
		} else {
			np.terms[k] = sp.terms[addTerms[m.add]]
		}
		np.off[k+1] = np.off[k] + m.df
	}
	total := np.off[len(terms)]
	np.docs = make([]uint32, total)
	np.imps = make([]uint16, total)
	var buf tierBuf
	for k, m := range terms {
		at := np.off[k]
		docs, imps := np.docs[at:np.off[k+1]], np.imps[at:np.off[k+1]]
		factor := m.ratio * p.scale / np.scale
		if (m.add < 0 && m.gone == 0) || (m.add >= 0 && u.samePostings(p, int(m.old), byTerm[addTerms[m.add]], m, np.scale)) {
			// Only renumbered and scaled: the order of the postings, in
			// tiers or not, is the one a build gives.
			from, to := p.off[m.old], p.off[m.old+1]
			for _, run := range tierRuns(p, int(m.old)) {
				u.renumberRun(docs[run[0]-from:run[1]-from], p.docs[run[0]:run[1]])
			}
			if math.Abs(float64(factor)-1) < 0.5/math.MaxUint16 {
				copy(imps, p.imps[from:to]) // no impact moves by half a unit
			} else {
				for x, v := range p.imps[from:to] {
					imps[x] = quantize(float32(v) * factor)
				}
			}
			continue
		}
		// The old postings are in document order within each tier (see
		// tiers.go), the added ones in document order: merging the runs
		// gives the term's postings in document order, to tier again.
		var heads [len(tiers) + 1][2]uint32 // the old runs not yet merged
		nh := 0
		if m.old >= 0 {
			for _, run := range tierRuns(p, int(m.old)) {
				heads[nh] = run
				nh++
			}
		}
		var added []addPosting
		if m.add >= 0 {
			added = byTerm[addTerms[m.add]]
		}
		same := math.Abs(float64(factor)-1) < 0.5/math.MaxUint16
		remap := u.remap
		out := 0
		for {
			best, bestDoc := -1, uint32(math.MaxUint32)
			for h := 0; h < nh; h++ {
				r := &heads[h]
				for r[0] < r[1] {
					if d := remap[p.docs[r[0]]]; d >= 0 {
						if uint32(d) < bestDoc {
							best, bestDoc = h, uint32(d)
						}
						break
					}
					r[0]++ // gone
				}
			}
			if len(added) > 0 && added[0].doc < bestDoc {
				docs[out], imps[out] = added[0].doc, quantize(m.idf*added[0].tf/np.scale)
				added = added[1:]
			} else if best < 0 {
				break
			} else if same {
				docs[out], imps[out] = bestDoc, p.imps[heads[best][0]]
				heads[best][0]++
			} else {
				docs[out], imps[out] = bestDoc, quantize(float32(p.imps[heads[best][0]])*factor)
				heads[best][0]++
			}
			out++
		}
		if len(docs) > tiers[len(tiers)-1] {
			tier(docs, imps, &buf)
		}
	}
}

// tierRuns returns the runs of term t's postings that are each in
// document order: its tiers.
func tierRuns(p *postings, t int) [][2]uint32 {
	from, to := p.off[t], p.off[t+1]
	cuts := []uint32{from}
	for _, k := range slices.Backward(tiers[:]) {
		if to-from > uint32(k) {
			cuts = append(cuts, from+uint32(k))
		}
	}
	cuts = append(cuts, to)
	runs := make([][2]uint32, len(cuts)-1)
	for c := range runs {
		runs[c] = [2]uint32{cuts[c], cuts[c+1]}
	}
	return runs
}

// samePostings reports whether the postings of term t (old, -1: none)
// are what they were: the documents keep their numbers, the idf and scale
// do not move an impact, and the added postings are those of the
// documents that went, with the same impacts (an item changed elsewhere
// than in this term's words). The term's postings are then copied.
func (u *updater) samePostings(p *postings, t int, added []addPosting, m mergedTerm, scale float32) bool {
	if t < 0 || int(m.gone) != len(added) || len(u.shifts) != 1 || u.shifts[0].shift != 0 ||
		math.Abs(float64(m.ratio*p.scale/scale)-1) >= 0.5/math.MaxUint16 {
		return false
	}
	for _, a := range added {
		imp, ok := u.impactOf(p, t, a.doc)
		if !ok || imp != quantize(m.idf*a.tf/scale) {
			return false
		}
	}
	return true
}

// impactOf finds document d's posting in term t's, by binary search in
// each of its tiers.
func (u *updater) impactOf(p *postings, t int, d uint32) (uint16, bool) {
	for _, run := range tierRuns(p, t) {
		docs := p.docs[run[0]:run[1]]
		if i, ok := slices.BinarySearch(docs, d); ok {
			return p.imps[run[0]+uint32(i)], true
		}
	}
	return 0, false
}

// goneIn counts term t's postings of documents that are gone, by binary
// search in each of its tiers.
func (u *updater) goneIn(p *postings, t int) uint32 {
	if len(u.gone) == 0 {
		return 0
	}
	n := uint32(0)
	for _, run := range tierRuns(p, t) {
		docs := p.docs[run[0]:run[1]]
		for _, d := range u.gone {
			if _, ok := slices.BinarySearch(docs, d); ok {
				n++
			}
		}
	}
	return n
}

// tables works out the typo and phonetic tables and the concept list's
// documents of the new index.
func (u *updater) tables() {
	ix, old := u.ix, u.old
	folds := slices.Concat(old.typo.terms, u.b.spaces[levelFold].terms)
	slices.Sort(folds)
	ix.typo = buildTypo(slices.Compact(folds))
	ix.phon = buildPhon(&ix.levels[levelExact])
	ix.topicDocs = docsByTopic(ix.topicMasks, len(ix.topicNames))
	ix.concepts = old.concepts.update(u, ix)
	ix.scratch.New = func() any { return newScratch(len(ix.ids)) }
}
