package search

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/store"
)

// Live keeps an index of a store's current content version for the app:
// at start-up it loads the index saved beside the store when that index
// is of the same version, and otherwise builds one; after a sync applies a
// new version, Refresh builds the new index. All of it happens in the
// background: Index returns the index in use (nil until the first is
// ready) and never waits, so typing never waits for a build.
type Live struct {
	// CacheFile is where the index is saved for the next start ("": not
	// saved).
	CacheFile string
	// Ready, if set, is called (on the building goroutine) each time a new
	// index is in use.
	Ready func(*Index)

	cur   atomic.Pointer[liveIndex]
	mu    sync.Mutex
	busy  bool
	again bool
	err   error
	done  chan struct{} // closed when the running refresh ends
}

type liveIndex struct {
	ix     *Index
	digest string
}

// CacheFileName is the index file's name in a data folder.
const CacheFileName = "search.idx"

// Index returns the index in use, or nil before the first one is ready.
func (l *Live) Index() *Index {
	if c := l.cur.Load(); c != nil {
		return c.ix
	}
	return nil
}

// Refresh brings the index up to the store's current version in the
// background and returns at once. A Refresh while one runs makes that one
// run once more when it ends.
func (l *Live) Refresh(st *store.Store) {
	l.mu.Lock()
	defer l.mu.Unlock()
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
		err := l.refresh(st)
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

// refresh loads or builds the index of st's current version, if it is
// not the one in use.
func (l *Live) refresh(st *store.Store) error {
	v, ok, err := st.Version()
	if err != nil || !ok {
		return err
	}
	if c := l.cur.Load(); c != nil && c.digest == v.Digest {
		return nil
	}
	if ix, err := LoadFile(l.CacheFile, v.Digest); err == nil {
		l.use(ix, v.Digest)
		return nil
	}
	// Built from the items as they are read, never the whole version
	// decoded at once; all in one read transaction, so of one version.
	var ix *Index
	err = st.View(func(tx *store.Tx) error {
		v, _, err = tx.Version()
		if err == nil {
			ix, err = BuildFrom(tx, Options{})
		}
		return err
	})
	if err != nil {
		return err
	}
	l.use(ix, v.Digest)
	if l.CacheFile != "" {
		return SaveFile(l.CacheFile, v.Digest, ix)
	}
	return nil
}

func (l *Live) use(ix *Index, digest string) {
	l.cur.Store(&liveIndex{ix, digest})
	if l.Ready != nil {
		l.Ready(ix)
	}
}

// SaveFile saves ix as the index of the content version with this digest,
// through a temporary file and a rename, so a crash leaves the old file or
// the new one.
func SaveFile(path, digest string, ix *Index) error {
	return atomicfile.Write(path, 0o600, func(w io.Writer) error {
		if _, err := fmt.Fprintf(w, "%s\n", digest); err != nil {
			return err
		}
		_, err := ix.WriteTo(w)
		return err
	})
}

// errStale means a saved index is of another content version.
var errStale = errors.New("the saved search index is of another content version")

// LoadFile loads the index saved by SaveFile if it is of the content
// version with this digest.
func LoadFile(path, digest string) (*Index, error) {
	if path == "" {
		return nil, os.ErrNotExist
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	saved := make([]byte, len(digest)+1)
	if _, err := io.ReadFull(f, saved); err != nil || string(saved) != digest+"\n" {
		return nil, errStale
	}
	return readIndex(io.LimitReader(f, info.Size()), info.Size()-int64(len(saved)))
}
