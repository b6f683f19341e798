package search

import (
	"runtime"
	"sync/atomic"
)

// A loaded index's postings and typo deletions (nearly all of its memory:
// about 58 MB of the 61 MB of the national content's index) are views of
// its saved file mapped into memory read-only (LoadFile), not copies on
// the Go heap: the kernel keeps the file's pages in its page cache, only
// the pages searches touch are resident in the process, and the kernel may
// take them back under pressure, reading them again when needed.
//
// The mapping's lifetime. The mapping is unmapped by a cleanup
// (runtime.AddCleanup) once no Index holding it is reachable, never
// before. The contract that makes this safe:
//
//   - Only an Index's levels (terms' offsets, documents, impacts) and its
//     typo deletions are views of the mapping; its strings (terms, ids,
//     kinds, topic names), per-document arrays and event times are copied
//     to the Go heap when loaded. So nothing the package returns (Result
//     ids and kinds, Suggest's word, ConceptTopics) points into a mapping,
//     and an index made by Update from a mapped one copies the postings it
//     keeps and shares none of the mapped arrays.
//   - Every exported method that reads those arrays keeps its Index alive
//     until it returns (runtime.KeepAlive), so a search that runs while
//     indexer.Live swaps in a new index finishes on the old one's mapping;
//     the old mapping goes with the old Index once the last such search has
//     returned and the garbage collector has found it unreachable.
//   - The file is replaced by a rename (SaveFile), never rewritten in
//     place: the mapping keeps the old file's pages (the kernel keeps a
//     removed file whose pages are mapped). A file cut short in place
//     while mapped would make a search touching its lost pages fault.
//
// After the index is loaded (the whole file read once to check it), the
// process gives up the pages it touched (madvise MADV_DONTNEED; they stay
// in the page cache), so an idle kiosk's resident memory holds only what
// its searches have touched since.

// mapping is a saved index file in memory: data is the whole file.
type mapping struct {
	data    []byte
	release func() // unmaps data (nothing when data is on the Go heap)
	unused  func() // gives up the resident pages of data
}

// keep makes m the mapping ix's arrays are views of, to be released once
// ix (and any other index holding m) is unreachable, and gives up the
// pages loading touched.
func (ix *Index) keep(m *mapping) {
	ix.mapped = m
	// m.release does not refer to m, or m would never be unreachable.
	runtime.AddCleanup(m, func(release func()) {
		release()
		mappingsReleased.Add(1)
	}, m.release)
	m.unused()
}

// mappingsReleased counts the mappings released (for the tests).
var mappingsReleased atomic.Int64

// FromFile reports whether ix was loaded from a saved file (LoadFile), its
// postings served from the file mapped into memory (read whole where
// files are not mapped), rather than built or updated on the Go heap.
func (ix *Index) FromFile() bool { return ix != nil && ix.mapped != nil }
