package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrClosed means the store was closed.
var ErrClosed = errors.New("the store is closed")

// DamageError means the store file is damaged: its pages do not fit its
// size, bbolt's consistency check failed, or reading it crashed.
type DamageError struct {
	Path   string
	Reason string
}

func (e *DamageError) Error() string {
	return fmt.Sprintf("the store file %s is damaged: %s", e.Path, e.Reason)
}

// The layout of a bbolt meta page (go.etcd.io/bbolt/internal/common):
// a 16-byte page header, then magic, version, page size, flags, the root
// bucket (root page id, sequence), the freelist page id, the high-water
// page id, the transaction id and an FNV-64a checksum of everything before
// it. bbolt writes it in the machine's byte order.
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	pageHeaderSize  = 16
	metaSize        = 64
	metaChecksumEnd = 56
)

type metaPage struct {
	pageSize uint32
	freelist uint64 // the freelist's page, or all ones when none is kept
	pgid     uint64 // the high-water mark: pages in use are below it
	txid     uint64
}

const (
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
)

// parseMeta reads a meta page from b (at least pageHeaderSize+metaSize
// bytes); ok is false when its magic, version or checksum is wrong.
func parseMeta(b []byte) (m metaPage, ok bool) {
	meta := b[pageHeaderSize : pageHeaderSize+metaSize]
	e := binary.NativeEndian
	if e.Uint32(meta[0:]) != boltMagic || e.Uint32(meta[4:]) != boltVersion {
		return m, false
	}
	h := fnv.New64a()
	h.Write(meta[:metaChecksumEnd])
	if h.Sum64() != e.Uint64(meta[metaChecksumEnd:]) {
		return m, false
	}
	m = metaPage{pageSize: e.Uint32(meta[8:]), freelist: e.Uint64(meta[32:]), pgid: e.Uint64(meta[40:]), txid: e.Uint64(meta[48:])}
	return m, m.pageSize >= 512 && m.pageSize&(m.pageSize-1) == 0
}

// checkFileSize looks at an existing store file before bbolt maps it into
// memory. bbolt trusts the meta page: a file cut short (a full disk, a
// copy that stopped) would make it read pages past the end of the file,
// which kills the process with SIGBUS, something no recover catches. The
// reason is empty when the file looks whole (or does not exist yet).
func checkFileSize(path string) (reason string, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return "", err
	case !info.Mode().IsRegular():
		return "", fmt.Errorf("%s is not a regular file", path)
	case info.Size() == 0:
		return "the file is empty (0 bytes)", nil
	}
	first := make([]byte, pageHeaderSize+metaSize)
	if _, err := io.ReadFull(f, first); err != nil {
		return fmt.Sprintf("the file is only %d bytes long", info.Size()), nil
	}
	meta, ok := newestMeta(f, first, info.Size())
	if !ok {
		return "", nil // not a bbolt file at all: bbolt says so without mapping it
	}
	// Another process may be writing the file; bbolt grows it before it
	// writes the meta page that counts the new pages, so the size taken
	// after reading the meta is never too small for it.
	if info, err = f.Stat(); err != nil {
		return "", err
	}
	size, pageSize := info.Size(), int64(meta.pageSize)
	if size%pageSize != 0 {
		return fmt.Sprintf("the file is %d bytes long, not a whole number of %d-byte pages (it was cut short)", size, pageSize), nil
	}
	if need := int64(meta.pgid) * pageSize; need > size {
		return fmt.Sprintf("the file is %d bytes long but its last transaction uses %d pages of %d bytes (it was cut short)", size, meta.pgid, pageSize), nil
	}
	return checkFreelist(f, meta), nil
}

// checkFreelist checks the freelist page bbolt reads when it opens a file
// for writing (a damaged one makes bbolt panic while it holds the file's
// lock): its header, and that every page it lists is one in use.
func checkFreelist(f *os.File, meta metaPage) string {
	if meta.freelist == noFreelist {
		return ""
	}
	if meta.freelist < 2 || meta.freelist >= meta.pgid {
		return fmt.Sprintf("its freelist page %d is outside the %d pages in use", meta.freelist, meta.pgid)
	}
	at := int64(meta.freelist) * int64(meta.pageSize)
	head := make([]byte, pageHeaderSize+8)
	if _, err := f.ReadAt(head, at); err != nil {
		return fmt.Sprintf("its freelist page cannot be read: %v", err)
	}
	e := binary.NativeEndian
	id, flags, count, overflow := e.Uint64(head), e.Uint16(head[8:]), uint64(e.Uint16(head[10:])), uint64(e.Uint32(head[12:]))
	first := int64(0)
	if count == 0xFFFF {
		count, first = e.Uint64(head[pageHeaderSize:]), 1
	}
	switch {
	case id != meta.freelist || flags != freelistPageFlag:
		return fmt.Sprintf("its freelist page %d is damaged (it calls itself page %d, flags %#x)", meta.freelist, id, flags)
	case overflow >= meta.pgid || meta.freelist+overflow >= meta.pgid,
		count > ((overflow+1)*uint64(meta.pageSize)-pageHeaderSize)/8-uint64(first):
		return fmt.Sprintf("its freelist page %d is damaged (%d free pages in %d pages)", meta.freelist, count, overflow+1)
	}
	ids := make([]byte, count*8)
	if _, err := f.ReadAt(ids, at+pageHeaderSize+first*8); err != nil {
		return fmt.Sprintf("its freelist page cannot be read: %v", err)
	}
	for i := 0; i < len(ids); i += 8 {
		if free := e.Uint64(ids[i:]); free < 2 || free >= meta.pgid {
			return fmt.Sprintf("its freelist lists page %d, outside the %d pages in use", free, meta.pgid)
		}
	}
	return ""
}

// newestMeta finds the meta page bbolt will use: the valid one of the two
// with the higher transaction id. The second page's offset depends on the
// page size, which the first page tells when it is valid; otherwise each
// size bbolt could have used is tried, as bbolt does.
func newestMeta(f *os.File, first []byte, size int64) (metaPage, bool) {
	m0, ok0 := parseMeta(first)
	buf := make([]byte, pageHeaderSize+metaSize)
	var m1 metaPage
	ok1 := false
	for shift := 10; shift <= 24 && !ok1; shift++ {
		at := int64(1) << shift
		if ok0 {
			at = int64(m0.pageSize)
		}
		if at+int64(len(buf)) > size {
			break
		}
		if _, err := f.ReadAt(buf, at); err == nil {
			m1, ok1 = parseMeta(buf)
			ok1 = ok1 && int64(m1.pageSize) == at
		}
		if ok0 {
			break
		}
	}
	switch {
	case ok0 && ok1 && m1.txid > m0.txid, !ok0 && ok1:
		return m1, true
	case ok0:
		return m0, true
	}
	return metaPage{}, false
}

// panicReason begins the reason of damage that made a read crash.
const panicReason = "reading it failed: "

// guard runs fn, turning a panic inside bbolt (a damaged page trips its
// assertions: "page 12 has unexpected type") and a memory fault in the
// mapped file into a *DamageError. SetPanicOnFault is per goroutine, so
// it covers the reads fn does here, not goroutines it starts.
func (s *Store) guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = &DamageError{Path: s.path, Reason: fmt.Sprintf("%s%v", panicReason, r)}
		}
	}()
	return fn()
}

// view and update are bbolt's View and Update through guard, holding the
// store's lock for reading so a damaged file is not swapped under them.
// Damage found is reported to the OnDamage function.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	return s.transact(func(db *bolt.DB) error { return db.View(fn) })
}

func (s *Store) update(fn func(*bolt.Tx) error) error {
	err := s.transact(func(db *bolt.DB) error { return db.Update(fn) })
	if err == nil {
		s.damageMu.Lock()
		written := s.onWrite
		s.damageMu.Unlock()
		if written != nil {
			written()
		}
	}
	return err
}

// SetOnWrite sets what is told after every write that committed (the
// library keeps a small status file beside the store with it, for
// `motesplats status` while another process has the store open).
func (s *Store) SetOnWrite(fn func()) {
	s.damageMu.Lock()
	s.onWrite = fn
	s.damageMu.Unlock()
}

func (s *Store) transact(run func(*bolt.DB) error) error {
	s.mu.RLock()
	err := s.guard(func() error { return run(s.db) })
	s.mu.RUnlock()
	var damage *DamageError
	if errors.As(err, &damage) {
		s.reportDamage(damage)
	}
	return err
}

// SetOnDamage sets what happens when damage is found in an open store:
// fn runs once, on a goroutine of its own, after the transaction that
// found it has ended (so fn may call Replace).
func (s *Store) SetOnDamage(fn func(*DamageError)) {
	s.damageMu.Lock()
	s.onDamage = fn
	s.damageMu.Unlock()
}

func (s *Store) reportDamage(d *DamageError) {
	s.damageMu.Lock()
	defer s.damageMu.Unlock()
	if s.damaged != nil {
		return
	}
	s.damaged = d
	if s.onDamage != nil {
		go s.onDamage(d)
	}
}

// Damaged returns the damage found since the file was opened, or nil.
func (s *Store) Damaged() *DamageError {
	s.damageMu.Lock()
	defer s.damageMu.Unlock()
	return s.damaged
}

// Replace moves the open, damaged file aside and opens a new, empty store
// in its place; transactions running now finish first, and later ones use
// the new file. It reports what it did as Recovered does.
func (s *Store) Replace(reason string) (*Recovery, error) {
	if s.readOnly {
		return nil, errors.New("a store opened read-only cannot be replaced")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	s.db.Close()
	moved, err := moveAside(s.path)
	if err != nil {
		return nil, fmt.Errorf("%s is damaged (%s) and could not be moved aside: %w", s.path, reason, err)
	}
	db, _, err := openChecked(s.path, s.timeout, false, 0)
	if err != nil {
		return nil, err
	}
	s.db = db
	s.replaced++ // the new file counts its transactions from the start again
	r := &Recovery{Reason: reason, MovedTo: moved, Timestamp: time.Now()}
	s.damageMu.Lock()
	s.recovery, s.damaged = r, nil
	s.damageMu.Unlock()
	return r, nil
}

// Page layout (go.etcd.io/bbolt/internal/common/page.go): a header of id,
// flags, element count and overflow count, then 16-byte elements. A
// branch element is (pos, ksize, child page id); a leaf element is
// (flags, pos, ksize, vsize); pos counts from the element itself. A leaf
// element with the bucket flag holds a bucket header (root page id,
// sequence), followed by the bucket's page when it is inline (root 0).
const (
	branchPageFlag  = 0x01
	leafPageFlag    = 0x02
	bucketLeafFlag  = 0x01
	elementSize     = 16
	bucketHeaderLen = 16
	maxTreeDepth    = 64
)

// treeChecker walks the page tree of a bbolt file from its root bucket
// reading the file itself (not bbolt's memory map), checking each page
// before it follows anything in it: ids within the pages in use, every
// page used once, elements inside their page. bbolt's own reads and its
// consistency check trust these, so on a damaged file they may read
// outside the file (a fault on another goroutine kills the process), or
// loop for ever on a page that points back to its parent.
type treeChecker struct {
	file     io.ReaderAt
	pageSize int
	hwm      uint64 // pages in use are below it
	seen     map[uint64]bool
	// only, when set, limits the walk to the root bucket and the buckets
	// it names: enough to open the store safely.
	only map[string]bool
}

func (c *treeChecker) page(id uint64) ([]byte, error) {
	if id < 2 || id >= c.hwm {
		return nil, fmt.Errorf("page %d is outside the %d pages in use", id, c.hwm)
	}
	head := make([]byte, pageHeaderSize)
	if _, err := c.file.ReadAt(head, int64(id)*int64(c.pageSize)); err != nil {
		return nil, fmt.Errorf("page %d: %w", id, err)
	}
	e := binary.NativeEndian
	overflow := uint64(e.Uint32(head[12:]))
	if got := e.Uint64(head); got != id {
		return nil, fmt.Errorf("page %d calls itself page %d", id, got)
	}
	if id+overflow >= c.hwm {
		return nil, fmt.Errorf("page %d runs %d pages on, past the %d pages in use", id, overflow, c.hwm)
	}
	for i := id; i <= id+overflow; i++ {
		if c.seen[i] {
			return nil, fmt.Errorf("page %d is used twice", i)
		}
		c.seen[i] = true
	}
	p := make([]byte, (overflow+1)*uint64(c.pageSize))
	if _, err := c.file.ReadAt(p, int64(id)*int64(c.pageSize)); err != nil {
		return nil, fmt.Errorf("page %d: %w", id, err)
	}
	return p, nil
}

// tree checks the pages of one bucket, from its root page.
func (c *treeChecker) tree(id uint64, depth int) error {
	if depth > maxTreeDepth {
		return fmt.Errorf("page %d lies deeper than any real tree", id)
	}
	p, err := c.page(id)
	if err != nil {
		return err
	}
	return c.elements(id, p, depth, c.only != nil && depth > 0)
}

// elements checks a page's elements and follows them. p is a whole page
// (or an inline bucket's page inside a value).
func (c *treeChecker) elements(id uint64, p []byte, depth int, skipBuckets bool) error {
	e := binary.NativeEndian
	flags, count := e.Uint16(p[8:]), int(e.Uint16(p[10:]))
	if flags != branchPageFlag && flags != leafPageFlag {
		return fmt.Errorf("page %d is neither a branch nor a leaf (flags %#x)", id, flags)
	}
	if pageHeaderSize+count*elementSize > len(p) {
		return fmt.Errorf("page %d has more elements (%d) than fit in it", id, count)
	}
	for i := range count {
		at := pageHeaderSize + i*elementSize
		el := p[at : at+elementSize]
		if flags == branchPageFlag {
			pos, ksize := uint64(e.Uint32(el[0:])), uint64(e.Uint32(el[4:]))
			if uint64(at)+pos+ksize > uint64(len(p)) {
				return fmt.Errorf("page %d: key %d lies outside the page", id, i)
			}
			if err := c.tree(e.Uint64(el[8:]), depth+1); err != nil {
				return err
			}
			continue
		}
		kind, pos, ksize, vsize := e.Uint32(el[0:]), uint64(e.Uint32(el[4:])), uint64(e.Uint32(el[8:])), uint64(e.Uint32(el[12:]))
		start := uint64(at) + pos
		if start+ksize+vsize > uint64(len(p)) {
			return fmt.Errorf("page %d: entry %d lies outside the page", id, i)
		}
		if kind&bucketLeafFlag == 0 {
			continue
		}
		key, value := p[start:start+ksize], p[start+ksize:start+ksize+vsize]
		if vsize < bucketHeaderLen {
			return fmt.Errorf("page %d: bucket %q has a short header", id, key)
		}
		if skipBuckets || (c.only != nil && depth == 0 && !c.only[string(key)]) {
			continue
		}
		root := e.Uint64(value)
		if root != 0 {
			if err := c.tree(root, 0); err != nil {
				return fmt.Errorf("bucket %q: %w", key, err)
			}
			continue
		}
		inline := value[bucketHeaderLen:]
		if len(inline) < pageHeaderSize || e.Uint16(inline[8:]) != leafPageFlag {
			return fmt.Errorf("page %d: bucket %q is inline but holds no leaf", id, key)
		}
		if err := c.elements(id, inline, depth+1, true); err != nil {
			return fmt.Errorf("bucket %q: %w", key, err)
		}
	}
	return nil
}

// checkTree checks the page tree a transaction sees, reading the file.
// only, if not nil, limits it to the buckets named in it.
func checkTree(tx *bolt.Tx, only map[string]bool) error {
	f, err := os.Open(tx.DB().Path())
	if err != nil {
		return err
	}
	defer f.Close()
	pageSize := tx.DB().Info().PageSize
	c := &treeChecker{file: f, pageSize: pageSize, hwm: uint64(tx.Size()) / uint64(pageSize), seen: map[uint64]bool{}, only: only}
	return c.tree(uint64(tx.Cursor().Bucket().Root()), 0)
}
