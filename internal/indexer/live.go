// Package indexer keeps the search index (internal/search) of a store's
// current content version, for the app:
//
//	live := &indexer.Live{CacheFile: filepath.Join(dataDir, search.CacheFileName)}
//	live.Refresh(lib.Store)              // at start-up: load or build, in the background
//	…
//	results := live.Index().Search(q)    // nil until the first index is ready
//	…
//	live.Apply(lib.Store, res.Changes)   // after a sync: update item by item
//
// Neither call blocks; the index in use is swapped atomically when the new
// one is ready, and saved for the next start; the saved file then serves
// (its postings memory-mapped, see internal/search/mapped.go). It is a
// package of its own so that internal/search does not depend on the store.
package indexer

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/store"
)

// Live keeps an index of a store's current content version: at start-up
// it loads the index saved beside the store when that index is of the
// same version, and otherwise builds one; after a sync patched a few items
// it updates the index with those items alone (search.Index.Update), and
// after any other change builds it anew. All of it happens in the
// background: Index returns the index in use (nil until the first is
// ready) and never waits, so typing never waits for a build.
type Live struct {
	// CacheFile is where the index is saved for the next start ("": not
	// saved).
	CacheFile string
	// Ready, if set, is called (on the building goroutine) each time a new
	// index is in use: a built or updated one, and again when the file it
	// was saved to takes its place (the same content, served from the
	// memory-mapped file; the heap the first one holds can then be handed
	// back).
	Ready func(*search.Index)
	// RebuildShare is the share of the documents that updates may have
	// changed since the index was last built before it is built anew
	// (0: DefaultRebuildShare).
	RebuildShare float64

	cur     atomic.Pointer[liveIndex]
	mu      sync.Mutex
	busy    bool
	again   bool
	pending []*store.Changes
	err     error
	done    chan struct{} // closed when the running refresh ends
}

type liveIndex struct {
	ix     *search.Index
	digest string
}

// DefaultRebuildShare is the share of the documents that updates may
// have changed since the index was last built before it is built anew:
// an updated index keeps the field lengths of its build (search/update.go),
// so its difference from a build is bounded by this share.
const DefaultRebuildShare = 0.05

// mayUpdate reports whether ix may be updated still, or is to be built.
func (l *Live) mayUpdate(ix *search.Index) bool {
	share := l.RebuildShare
	if share == 0 {
		share = DefaultRebuildShare
	}
	return float64(ix.Updated()) <= share*float64(ix.Len())
}

// Index returns the index in use, or nil before the first one is ready.
func (l *Live) Index() *search.Index {
	ix, _ := l.Current()
	return ix
}

// Current returns the index in use and the content digest of the store
// version it is of (store.Tx.VersionDigest): while the store's is the
// same, every item the index finds is in the store. nil and "" before
// the first index is ready.
func (l *Live) Current() (*search.Index, string) {
	if c := l.cur.Load(); c != nil {
		return c.ix, c.digest
	}
	return nil, ""
}

// Refresh brings the index up to the store's current version in the
// background and returns at once. A Refresh while one runs makes that one
// run once more when it ends.
func (l *Live) Refresh(st *store.Store) { l.Apply(st, nil) }

// Apply is Refresh after a patch that made these changes (nil: not known):
// when the index in use is of the version the changes start from, only
// the changed items are read and indexed.
func (l *Live) Apply(st *store.Store, ch *store.Changes) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ch != nil {
		l.pending = append(l.pending, ch)
	}
	if l.busy {
		l.again = true
		return
	}
	l.busy = true
	l.done = make(chan struct{})
	go l.run(st, l.done)
}

// Wait blocks until no refresh is running and returns the error of the
// last one.
func (l *Live) Wait() error {
	l.mu.Lock()
	done := l.done
	l.mu.Unlock()
	if done != nil {
		<-done
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

func (l *Live) run(st *store.Store, done chan struct{}) {
	defer close(done)
	for {
		l.mu.Lock()
		chain := l.pending
		l.pending = nil
		l.mu.Unlock()
		err := l.refresh(st, chain)
		l.mu.Lock()
		l.err = err
		if !l.again {
			l.busy = false
			l.mu.Unlock()
			return
		}
		l.again = false
		l.mu.Unlock()
	}
}

// refresh brings the index to st's current version, if it is not the one
// in use: by the chain of changes when it leads there from the version in
// use, else by loading the saved index or building one.
func (l *Live) refresh(st *store.Store, chain []*store.Changes) error {
	v, ok, err := st.Version()
	if err != nil || !ok {
		return err
	}
	c := l.cur.Load()
	if c != nil && c.digest == v.Digest {
		return nil
	}
	if c != nil {
		ix, digest, err := update(st, c, chain)
		switch {
		case err == nil:
			if l.mayUpdate(ix) {
				return l.serve(ix, digest)
			}
			// Enough has changed since the last build: build anew, while
			// the updated index serves.
			l.use(ix, digest)
			return l.build(st)
		case !errors.Is(err, errNoChain) && !errors.Is(err, search.ErrRebuild):
			return err
		}
	}
	if ix, err := search.LoadFile(l.CacheFile, v.Digest); err == nil {
		l.use(ix, v.Digest)
		return nil
	}
	return l.build(st)
}

// build builds the index of st's current version from its items, read
// one by one in one read transaction (so of one version), never the whole
// version decoded at once.
func (l *Live) build(st *store.Store) error {
	var ix *search.Index
	var v content.Version
	err := st.View(func(tx *store.Tx) error {
		var err error
		v, _, err = tx.Version()
		if err == nil {
			ix, err = search.BuildFrom(tx, search.Options{})
		}
		return err
	})
	if err != nil {
		return err
	}
	return l.serve(ix, v.Digest)
}

// serve puts ix in use at once, saves it for the next start and then
// puts the saved file in its place: a loaded index's postings are views
// of the file mapped into memory, not Go heap (search.LoadFile), so ix,
// tens of megabytes of heap, is garbage once the searches still using it
// return. Ready is called for both (the second has the same content). ix
// goes on serving if it cannot be saved or loaded.
func (l *Live) serve(ix *search.Index, digest string) error {
	l.use(ix, digest)
	if l.CacheFile == "" {
		return nil
	}
	if err := search.SaveFile(l.CacheFile, digest, ix); err != nil {
		return err
	}
	if loaded, err := search.LoadFile(l.CacheFile, digest); err == nil && loaded.Len() == ix.Len() {
		l.use(loaded, digest)
	}
	return nil
}

func (l *Live) use(ix *search.Index, digest string) {
	l.cur.Store(&liveIndex{ix, digest})
	if l.Ready != nil {
		l.Ready(ix)
	}
}

// errNoChain means the changes known do not lead from the version of the
// index in use to the store's.
var errNoChain = errors.New("the changes do not lead to the store's version")

// update makes the index of st's current version from the one in use and
// the changes that lead there: the changed items are read from the store
// (an item it no longer has was removed) and nothing else is.
func update(st *store.Store, c *liveIndex, chain []*store.Changes) (*search.Index, string, error) {
	at := c.digest
	refs := map[content.Ref]bool{}
	for _, ch := range chain {
		switch {
		case ch.From == at:
			at = ch.To
			for _, r := range ch.Changed {
				refs[r] = true
			}
			for _, r := range ch.Removed {
				refs[r] = true
			}
		case len(refs) > 0:
			return nil, "", errNoChain // a link is missing
		}
		// Changes before the version in use are already in it.
	}
	if len(refs) == 0 {
		return nil, "", errNoChain
	}
	var ix *search.Index
	err := st.View(func(tx *store.Tx) error {
		v, _, err := tx.Version()
		if err != nil {
			return err
		}
		if v.Digest != at {
			return errNoChain // another change since
		}
		var remove []content.Ref
		var items []content.Item
		for r := range refs {
			item, ok, err := tx.Item(r.Kind, r.ID)
			switch {
			case err != nil:
				return err
			case ok:
				items = append(items, item)
			default:
				remove = append(remove, r)
			}
		}
		ix, err = c.ix.Update(tx, remove, items)
		return err
	})
	return ix, at, err
}
