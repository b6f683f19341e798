package search

import (
	"os"
	"runtime"
	"sync/atomic"
	"unsafe"
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
//     ids and kinds, Suggest's word, ConceptTopics) points into a mapping.
//   - An index made by Update from a mapped one shares the postings of
//     every term the change did not touch (and the typo deletions, unless
//     the change brought new words): views of the same mapping. It holds
//     the mapping (Index.shared, with those of the indexes it was updated
//     from), so the mapping stays as long as any index using it is
//     reachable, whichever of them goes first.
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
	data []byte
}

// keep makes m the mapping ix's arrays are views of, to be released once
// ix (and any other index holding m) is unreachable, and gives up the
// pages loading touched.
func (ix *Index) keep(m *mapping) {
	ix.mapped = m
	// The cleanup's argument is the data, not m, or m would never be
	// unreachable.
	runtime.AddCleanup(m, func(data []byte) {
		unmap(data)
		mappingsReleased.Add(1)
	}, m.data)
	m.unused()
}

// release unmaps m at once (an index that failed to load).
func (m *mapping) release() { unmap(m.data) }

// unused gives up the resident pages of the whole mapping.
func (m *mapping) unused() {
	if len(m.data) > 0 {
		m.unusedPart(unsafe.Pointer(&m.data[0]), len(m.data))
	}
}

// unusedPart gives up the resident pages of the n bytes at p, a part of
// m's data (and of the rest of the pages they share).
func (m *mapping) unusedPart(p unsafe.Pointer, n int) {
	if len(m.data) == 0 || n <= 0 {
		return
	}
	base := uintptr(unsafe.Pointer(&m.data[0]))
	page := uintptr(pageSize)
	from := (uintptr(p) - base) &^ (page - 1)
	to := min(uintptr(len(m.data)), (uintptr(p)-base+uintptr(n)+page-1)&^(page-1))
	if from < to {
		dropPages(m.data[from:to])
	}
}

var pageSize = os.Getpagesize()

// mappingsReleased counts the mappings released (for the tests).
var mappingsReleased atomic.Int64

// FromFile reports whether ix was loaded from a saved file (LoadFile), its
// postings served from the file mapped into memory (read whole where
// files are not mapped), rather than built or updated (an updated index
// holds its new postings on the Go heap and shares the others).
func (ix *Index) FromFile() bool { return ix != nil && ix.mapped != nil }
