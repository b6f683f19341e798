package search

import (
	"cmp"
	"errors"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/motesplats/motesplats/internal/content"
)

// Updating an index item by item. A sync that patches a few items should
// not cost a build of the whole index (seconds, and the whole version
// read from the store), nor a copy of it (its postings are tens of
// megabytes, and those of a loaded index are views of the saved file), so
// Update makes the index of the new version from the old one and the
// changed items alone, in time that follows the change, not the index:
//
//   - documents keep their numbers: a changed item keeps its document, an
//     added one is put after the last, a removed one stays as a number
//     no posting, concept or topic has any more (Index.dead) until the
//     index is built anew;
//   - only the new and changed items are read and analysed; their terms
//     are weighed with the average field lengths the index was built
//     with;
//   - the postings of the removed and changed documents are found by
//     binary search in each term's (in document order within each tier);
//     only the terms whose postings change are laid out again (merged in
//     document order and tiered as a build does); every other term's
//     postings are the old index's own, shared, not copied (views of its
//     mapped file for a loaded index: the new index keeps that mapping,
//     see mapped.go);
//   - each term's impacts are scaled at search time to the idf a build
//     would give it now (postings.ratio: the documents' count and each
//     term's document count are known exactly), so no impact is rewritten
//     when the idf moves;
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
//   - impacts are 16-bit: a term whose postings are laid out again keeps
//     the unit of its old impacts, so its added impacts are rounded in
//     it, not in the one a build would work out;
//   - an added document comes after the others, where a build puts it in
//     order by kind and id: of two documents of equal score, the first
//     comes first (a tie only).
//
// Updating an index with items it already has, unchanged, gives the index
// byte for byte (TestUpdateWithSameItemsIsTheIndex).
//
// The typo table keeps the words of removed items (a candidate that no
// document has adds no clause). The owner of the index (internal/indexer)
// builds it anew once the updates since the last build add up to a share
// of the documents, so the differences never accumulate, and the removed
// documents' numbers are given up.

// ErrRebuild means a change cannot be made item by item: a municipality
// or a topic changed, and other items' texts include their names.
var ErrRebuild = errors.New("search: this change needs the index built anew")

// Update returns the index of a new content version: ix without the
// documents remove names and with items added (an item ix already has is
// replaced). names gives the new version's municipalities and topics (only
// those two kinds are asked of it), whose names the items' texts include.
// ix itself does not change and may serve searches meanwhile; the new
// index shares the postings of the terms the change does not touch with
// it.
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
	u.at = make([]int32, len(items))
	for i, item := range items {
		u.at[i] = -1
		if d, ok := u.find(item.Kind(), item.ItemID()); ok {
			u.at[i] = int32(d)
			u.replaced = append(u.replaced, d)
		}
	}
	for _, r := range remove {
		if d, ok := u.find(r.Kind, r.ID); ok && !slices.Contains(u.replaced, d) {
			u.removed = append(u.removed, d)
			u.replaced = append(u.replaced, d)
		}
	}
	slices.Sort(u.removed)
	slices.Sort(u.replaced)
	u.replacedSet = make([]uint64, (len(ix.ids)+63)/64)
	for _, d := range u.replaced {
		u.replacedSet[d/64] |= 1 << (d % 64)
	}
	if err := u.analyze(names, items); err != nil {
		return nil, err
	}
	u.place()
	u.findOld()
	u.mergeLevels()
	u.tables()
	u.ix.updated = ix.updated + len(items) + len(u.removed)
	return u.ix, nil
}

type updater struct {
	old *Index
	ix  *Index // the new index
	// seg is where each kind's documents are in old as a build laid them
	// (the documents from tail on were added by updates), and whether
	// their ids are in order (a build from a store gives them so).
	seg    map[content.Kind][2]int
	sorted map[content.Kind]bool
	tail   int
	// at is each item's document in old (-1: a new item).
	at []int32
	// removed are the documents removed, replaced those removed or
	// changed: their postings go.
	removed, replaced []uint32
	// add holds the added and changed documents, analysed: its documents
	// are the items in order (by kind, then id).
	add *Index
	b   *builder
	// addAt is each of add's documents' number in the new index.
	addAt []uint32
	// hits are, per level and old term, the postings of the replaced
	// documents in it.
	hits [numLevels]map[int32][]posting
	// replacedSet has bit d set for every replaced document d.
	replacedSet []uint64
}

// posting is one document's posting in a term.
type posting struct {
	doc uint32
	imp uint16
}

// locate finds each kind's documents.
func (u *updater) locate() {
	ix := u.old
	u.seg, u.sorted = map[content.Kind][2]int{}, map[content.Kind]bool{}
	rank := -1
	d := 0
	for d < len(ix.kinds) {
		k, from := ix.kinds[d], d
		r := slices.Index(docKinds, k)
		if r <= rank {
			break // an update added the documents from here on
		}
		rank = r
		for d < len(ix.kinds) && ix.kinds[d] == k {
			d++
		}
		u.seg[k] = [2]int{from, d}
		u.sorted[k] = slices.IsSorted(ix.ids[from:d])
	}
	u.tail = d
}

// find returns the old document of an item.
func (u *updater) find(kind content.Kind, id string) (uint32, bool) {
	old := u.old
	if s, ok := u.seg[kind]; ok {
		ids := old.ids[s[0]:s[1]]
		i, found := 0, false
		if u.sorted[kind] {
			i, found = slices.BinarySearch(ids, id)
		} else {
			i = slices.Index(ids, id)
			found = i >= 0
		}
		if d := uint32(s[0] + i); found && !old.isDead(d) {
			return d, true
		}
	}
	for d := u.tail; d < len(old.ids); d++ {
		if old.kinds[d] == kind && old.ids[d] == id && !old.isDead(uint32(d)) {
			return uint32(d), true
		}
	}
	return 0, false
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

// place gives the new index its documents: the old ones, the changed
// ones with their new places, topics and times, the new ones after them.
func (u *updater) place() {
	old, add := u.old, u.add
	n := len(old.ids)
	for _, d := range u.at {
		if d < 0 {
			n++
		}
	}
	ix := &Index{muniNumbers: add.muniNumbers, opts: old.opts, avg: old.avg, topicNames: old.topicNames,
		kinds: old.kinds, ids: old.ids, eventBase: old.eventBase, events: old.events,
		munis:        slices.Grow(slices.Clone(old.munis), n-len(old.ids)),
		topicMasks:   slices.Grow(slices.Clone(old.topicMasks), n-len(old.ids)),
		projectMunis: make(map[uint32][]uint16, len(old.projectMunis))}
	for d, m := range old.projectMunis {
		ix.projectMunis[d] = m
	}
	if n > len(old.ids) {
		ix.kinds = slices.Grow(slices.Clip(old.kinds), n-len(old.ids))
		ix.ids = slices.Grow(slices.Clip(old.ids), n-len(old.ids))
	}
	eventsCopied := false
	u.addAt = make([]uint32, len(add.ids))
	for a := range add.ids {
		d := uint32(len(ix.ids))
		if u.at[a] >= 0 {
			d = uint32(u.at[a])
		} else {
			ix.kinds = append(ix.kinds, add.kinds[a])
			ix.ids = append(ix.ids, add.ids[a])
			ix.munis = append(ix.munis, 0)
			ix.topicMasks = append(ix.topicMasks, 0)
		}
		u.addAt[a] = d
		ix.munis[d], ix.topicMasks[d] = add.munis[a], add.topicMasks[a]
		delete(ix.projectMunis, d)
		if m, ok := add.projectMunis[uint32(a)]; ok {
			ix.projectMunis[d] = m
		}
		if add.kinds[a] == content.KindEvent {
			if !eventsCopied {
				ix.events, eventsCopied = slices.Clone(ix.events), true
			}
			at := int(d) - ix.eventBase
			for len(ix.events) <= at { // after the last event: the documents between have no times
				ix.events = append(ix.events, eventTimes{})
			}
			ix.events[at] = add.events[a-add.eventBase]
		}
	}
	for _, d := range u.removed {
		ix.munis[d], ix.topicMasks[d] = 0, 0
		delete(ix.projectMunis, d)
	}
	ix.dead = slices.Concat(old.dead, u.removed)
	slices.Sort(ix.dead)
	if old.mapped != nil {
		ix.shared = append(ix.shared, old.mapped)
	}
	ix.shared = append(ix.shared, old.shared...)
	u.ix = ix
}

// findOld finds the postings of the replaced documents in every term of
// every level, by binary search in each tier (or a walk through the
// tier, when that is shorter).
func (u *updater) findOld() {
	if len(u.replaced) == 0 {
		return
	}
	k := len(u.replaced)
	var wg sync.WaitGroup
	for l := range numLevels {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &u.old.levels[l]
			hits := map[int32][]posting{}
			for t := range p.terms {
				docs, imps := p.list(t)
				for _, run := range tierRuns(len(docs)) {
					rd := docs[run[0]:run[1]]
					if k*bitsLen(len(rd)) < len(rd) {
						for _, d := range u.replaced {
							if i, ok := slices.BinarySearch(rd, d); ok {
								hits[int32(t)] = append(hits[int32(t)], posting{d, imps[run[0]+i]})
							}
						}
						continue
					}
					for i, d := range rd {
						if u.isReplaced(d) {
							hits[int32(t)] = append(hits[int32(t)], posting{d, imps[run[0]+i]})
						}
					}
				}
			}
			for _, h := range hits {
				slices.SortFunc(h, func(x, y posting) int { return cmp.Compare(x.doc, y.doc) })
			}
			u.hits[l] = hits
		}()
	}
	wg.Wait()
}

func bitsLen(n int) int {
	b := 1
	for n > 1 {
		n >>= 1
		b++
	}
	return b
}

// isReplaced reports whether old document d is removed or changed.
func (u *updater) isReplaced(d uint32) bool {
	return u.replacedSet[d/64]&(1<<(d%64)) != 0
}

// addPosting is one posting of an added or changed document: its number
// in the new index and weighted term frequency.
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

// mergeLevel lays out one level: the old terms, those the change does
// not touch shared, and the added documents' terms. A term's ratio is
// its idf now over the one its impacts were weighed with.
func (u *updater) mergeLevel(l level) {
	p := &u.old.levels[l]
	sp := &u.b.spaces[l]
	// The added documents' postings, by term, in document order.
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
	for t, list := range byTerm {
		addTerms = append(addTerms, t)
		slices.SortFunc(list, func(x, y addPosting) int { return cmp.Compare(x.doc, y.doc) })
	}
	slices.SortFunc(addTerms, func(x, y uint32) int { return strings.Compare(sp.terms[x], sp.terms[y]) })

	np := &u.ix.levels[l]
	np.scale = p.scale
	nOld, nNew := float64(u.old.Len()), float64(u.ix.Len())
	np.terms = make([]string, 0, len(p.terms)+len(addTerms))
	np.lists = make([]postingList, 0, len(p.terms)+len(addTerms))
	np.ratio = make([]float32, 0, len(p.terms)+len(addTerms))
	ones := true
	var buf tierBuf
	i, j := 0, 0
	for i < len(p.terms) || j < len(addTerms) {
		old, add := -1, -1
		switch {
		case j == len(addTerms) || (i < len(p.terms) && p.terms[i] < sp.terms[addTerms[j]]):
			old = i
			i++
		case i == len(p.terms) || sp.terms[addTerms[j]] < p.terms[i]:
			add = j
			j++
		default:
			old, add = i, j
			i++
			j++
		}
		var hits []posting
		var added []addPosting
		df, dfOld := 0, 0
		if old >= 0 {
			hits = u.hits[l][int32(old)]
			dfOld = p.df(old)
			df = dfOld - len(hits)
		}
		if add >= 0 {
			added = byTerm[addTerms[add]]
			df += len(added)
		}
		if df == 0 {
			continue // only removed documents had it
		}
		// ratio: what an impact of the term is worth now, in units of
		// the level's scale.
		ratio := float32(1)
		idf := float32(idfOf(float64(df), nNew))
		if old >= 0 {
			ratio = 1
			if p.ratio != nil {
				ratio = p.ratio[old]
			}
			if df != dfOld || nNew != nOld {
				ratio = float32(float64(ratio) * idfOf(float64(df), nNew) / idfOf(float64(dfOld), nOld))
			}
		}
		term := ""
		if old >= 0 {
			term = p.terms[old]
		} else {
			term = sp.terms[addTerms[add]]
		}
		list := u.mergeTerm(p, old, hits, added, idf, &ratio, &buf)
		np.terms = append(np.terms, term)
		np.lists = append(np.lists, list)
		np.ratio = append(np.ratio, ratio)
		ones = ones && ratio == 1
	}
	if ones {
		np.ratio = nil
	}
}

// mergeTerm returns the postings of a term: the old ones (term old of p,
// -1: none) without hits, the replaced documents', and added. Their
// impacts are in units of the level's scale times ratio, the term's; an
// added posting whose impact does not fit 16 bits in them raises ratio
// (and the old impacts are rounded again). When nothing changes, the old
// postings are returned: shared, not copied.
func (u *updater) mergeTerm(p *postings, old int, hits []posting, added []addPosting, idf float32, ratio *float32, buf *tierBuf) postingList {
	unit := p.scale * *ratio
	var top float32
	for _, a := range added {
		top = max(top, idf*a.tf/unit)
	}
	rescale := float32(1)
	if top > math.MaxUint16 {
		rescale = top / math.MaxUint16
		*ratio *= rescale
		unit = p.scale * *ratio
	}
	var oldDocs []uint32
	var oldImps []uint16
	if old >= 0 {
		oldDocs, oldImps = p.list(old)
		if rescale == 1 && len(hits) == len(added) {
			same := true
			for x, a := range added {
				// hits and added are in document order.
				same = same && hits[x].doc == a.doc && hits[x].imp == quantize(idf*a.tf/unit)
			}
			if same {
				return postingList{oldDocs, oldImps}
			}
		}
	}
	// The old postings are in document order within each tier (see
	// tiers.go), the added ones in document order: merging the runs
	// gives the term's postings in document order, to tier again.
	n := len(oldDocs) - len(hits) + len(added)
	docs, imps := make([]uint32, 0, n), make([]uint16, 0, n)
	var heads [len(tiers) + 1][2]int // the old runs not yet merged
	nh := 0
	for _, run := range tierRuns(len(oldDocs)) {
		heads[nh] = run
		nh++
	}
	for {
		best, bestDoc := -1, uint32(math.MaxUint32)
		for h := 0; h < nh; h++ {
			r := &heads[h]
			for r[0] < r[1] {
				if d := oldDocs[r[0]]; len(hits) == 0 || !u.isReplaced(d) {
					if d < bestDoc {
						best, bestDoc = h, d
					}
					break
				}
				r[0]++ // gone
			}
		}
		switch {
		case len(added) > 0 && added[0].doc < bestDoc:
			docs, imps = append(docs, added[0].doc), append(imps, quantize(idf*added[0].tf/unit))
			added = added[1:]
		case best < 0:
			if len(docs) > tiers[len(tiers)-1] {
				tier(docs, imps, buf)
			}
			return postingList{docs, imps}
		case rescale == 1:
			docs, imps = append(docs, bestDoc), append(imps, oldImps[heads[best][0]])
			heads[best][0]++
		default:
			docs, imps = append(docs, bestDoc), append(imps, quantize(float32(oldImps[heads[best][0]])/rescale))
			heads[best][0]++
		}
	}
}

// tierRuns returns the runs of a term's n postings that are each in
// document order: its tiers.
func tierRuns(n int) [][2]int {
	cuts := []int{0}
	for _, k := range slices.Backward(tiers[:]) {
		if n > k {
			cuts = append(cuts, k)
		}
	}
	cuts = append(cuts, n)
	runs := make([][2]int, len(cuts)-1)
	for c := range runs {
		runs[c] = [2]int{cuts[c], cuts[c+1]}
	}
	return runs
}

// tables works out the typo and phonetic tables and the concept list's
// documents of the new index; the typo table is the old one's unless
// the change brought words it lacks.
func (u *updater) tables() {
	ix, old := u.ix, u.old
	ix.typo = old.typo
	for _, f := range u.b.spaces[levelFold].terms {
		if _, ok := slices.BinarySearch(old.typo.terms, f); !ok && utf8.RuneCountInString(f) >= typoMinLen-1 {
			folds := slices.Concat(old.typo.terms, u.b.spaces[levelFold].terms)
			slices.Sort(folds)
			ix.typo = buildTypo(slices.Compact(folds))
			break
		}
	}
	if samePostingCounts(&old.levels[levelExact], &ix.levels[levelExact]) {
		ix.phon = old.phon
	} else {
		ix.phon = buildPhon(&ix.levels[levelExact])
	}
	ix.topicDocs = docsByTopic(ix.topicMasks, len(ix.topicNames))
	ix.concepts = old.concepts.update(u, ix)
	ix.scratch.New = func() any { return newScratch(len(ix.ids)) }
}

// samePostingCounts reports whether two levels have the same terms with
// the same number of postings each (the phonetic table is made of them).
func samePostingCounts(a, b *postings) bool {
	if len(a.terms) != len(b.terms) {
		return false
	}
	for t := range a.terms {
		if a.terms[t] != b.terms[t] || a.df(t) != b.df(t) {
			return false
		}
	}
	return true
}
