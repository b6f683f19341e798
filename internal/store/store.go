// Package store keeps the kiosk's content in one bbolt file: one bucket per
// kind of item, the indexes the screens read, the applied content version,
// sync status and settings.
//
// A whole content version is written in one transaction (Apply), so readers
// see the old version or the new one, never a mix; bbolt's two checksummed
// meta pages make that hold across power cuts and killed processes too.
package store

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/motesplats/motesplats/internal/content"
)

// SchemaVersion is the layout of buckets and keys this code writes and reads.
// Raise it when the layout changes, and teach Open to migrate older files.
//
//  1. the first layout
//  2. item hashes (index.digest), recorded parts and event occurrences;
//     the digest is over item hashes (Open migrates 1 to 2)
//  3. event occurrences by project (index.events.project), so a project
//     page reads only its own events (Open migrates 2 to 3)
//  4. event occurrences by category (index.events.category), so a
//     category's events are not picked out of every event (Open
//     migrates 3 to 4)
const SchemaVersion = 4

// ErrLocked means another process has the file open: another Mötesplats is
// running on the same data folder.
var ErrLocked = errors.New("the store is in use by another process")

// SchemaError means the file was written by a newer Mötesplats. It is never
// moved aside: the newer app may still want it.
type SchemaError struct {
	Path         string
	Found, Known int
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("%s was written by a newer version of Mötesplats (data schema %d; this version knows up to %d): update Mötesplats or choose another data folder",
		e.Path, e.Found, e.Known)
}

// Recovery tells that a file that was not a valid store was renamed and a
// new, empty store created in its place.
type Recovery struct {
	Reason    string // why the file was not accepted
	MovedTo   string // where the old file is now
	Timestamp time.Time
}

// Options tune Open. The zero value is ready to use.
type Options struct {
	// Timeout is how long to wait for another process to let go of the
	// file; zero means one second. bbolt would otherwise wait for ever.
	Timeout time.Duration
	// ReadOnly opens the file for reading only (status, export).
	ReadOnly bool
	// MaxSize caps the file's size in bytes; a write that would grow it
	// further fails (tests use it to act out a full disk). Zero: no cap.
	MaxSize int
}

// Store is an open content store. It is safe for concurrent use.
type Store struct {
	// mu is held for reading by every transaction and for writing while
	// a damaged file is swapped for a new one (Replace) or closed.
	mu       sync.RWMutex
	replaced uint64 // how often Replace opened a new file (under mu)
	db       *bolt.DB
	path     string
	timeout  time.Duration
	readOnly bool
	closed   bool
	recovery *Recovery
	// names are the municipalities' names of the last version asked
	// about (MunicipalityNames).
	names atomic.Pointer[versionNames]
	// digest is the content digest of the version of one generation
	// (VersionDigest).
	digest atomic.Pointer[generationDigest]

	// damageMu guards the fields below it.
	damageMu    sync.Mutex
	damaged     *DamageError
	onDamage    func(*DamageError)
	onWrite     func()
	unsavedSync *SyncStatus // a sync status that could not be written
}

// Open opens or creates the store at path. A file that is not a valid
// store is moved aside (renamed, never deleted) and a new store created;
// Recovered reports it. A store locked by another process gives ErrLocked,
// one from a newer version a *SchemaError.
func Open(path string, opt *Options) (*Store, error) {
	if opt == nil {
		opt = &Options{}
	}
	timeout := opt.Timeout
	if timeout == 0 {
		timeout = time.Second
	}
	reason, err := checkFileSize(path)
	if err != nil {
		return nil, err
	}
	var db *bolt.DB
	ownLock := false
	if reason == "" {
		if db, reason, err = openChecked(path, timeout, opt.ReadOnly, opt.MaxSize); err != nil {
			return nil, err
		}
		// bbolt panicking inside Open leaves the file locked by this
		// process: no one else can have it.
		ownLock = reason != "" && strings.HasPrefix(reason, panicReason)
	}
	s := &Store{db: db, path: path, timeout: timeout, readOnly: opt.ReadOnly}
	if reason == "" {
		return s, nil
	}
	if opt.ReadOnly {
		return nil, &DamageError{Path: path, Reason: reason}
	}
	// The file may be one another process has open (its check found it
	// cut short): it is moved only once no one holds it.
	unlock := func() {}
	if !ownLock {
		if unlock, err = lockFile(path, timeout); err != nil {
			return nil, err
		}
	}
	moved, err := moveAside(path)
	unlock()
	if err != nil {
		return nil, fmt.Errorf("%s is not a valid Mötesplats store (%s) and could not be moved aside: %w", path, reason, err)
	}
	if s.db, _, err = openChecked(path, timeout, false, opt.MaxSize); err != nil {
		return nil, err
	}
	s.recovery = &Recovery{Reason: reason, MovedTo: moved, Timestamp: time.Now()}
	return s, nil
}

// openChecked opens the bbolt file and checks it is ours. A non-empty reason
// with a nil error means the file is not a valid store (and is closed).
func openChecked(path string, timeout time.Duration, readOnly bool, maxSize int) (*bolt.DB, string, error) {
	var db *bolt.DB
	guarded := &Store{path: path}
	err := guarded.guard(func() (err error) {
		// A large initial map saves remapping (and copying every page in
		// use) each time a big version grows the file; it is address
		// space, not memory. Opening for writing reads the freelist page,
		// which a damaged file can make bbolt trip over: hence guard.
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, ReadOnly: readOnly, InitialMmapSize: 256 << 20, MaxSize: maxSize})
		return err
	})
	var damage *DamageError
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, "", ErrLocked
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping):
		return nil, err.Error(), nil
	case errors.As(err, &damage):
		return nil, damage.Reason, nil
	case err != nil:
		return nil, "", err
	}
	var reason string
	err = guarded.guard(func() (err error) {
		reason, err = checkSchema(db, path, readOnly)
		return err
	})
	if errors.As(err, &damage) {
		reason, err = damage.Reason, nil
	}
	if err != nil || reason != "" {
		db.Close()
		return nil, reason, err
	}
	return db, "", nil
}

// checkSchema creates the meta bucket in a new file, and otherwise checks
// the recorded schema version.
func checkSchema(db *bolt.DB, path string, readOnly bool) (reason string, err error) {
	var found int
	err = db.View(func(tx *bolt.Tx) error {
		// The root and meta pages are checked before bbolt reads them; the
		// rest of the file is left to Check (it takes longer).
		if err := checkTree(tx, map[string]bool{string(bucketMeta): true}); err != nil {
			reason = err.Error()
			return nil
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			if bucketCount(tx) > 0 {
				reason = "it holds no Mötesplats schema version"
			}
			return nil
		}
		found, err = strconv.Atoi(string(meta.Get(keySchema)))
		if err != nil {
			reason = "its schema version is unreadable"
		}
		return nil
	})
	switch {
	case err != nil || reason != "":
		return reason, err
	case found > SchemaVersion:
		return "", &SchemaError{Path: path, Found: found, Known: SchemaVersion}
	case found < SchemaVersion && found > 0 && !readOnly:
		return "", db.Update(func(tx *bolt.Tx) error {
			for _, migrate := range migrations[found-1:] {
				if err := migrate(tx); err != nil {
					return err
				}
			}
			return nil
		})
	case found == 0 && !readOnly:
		return "", db.Update(func(tx *bolt.Tx) error {
			meta, err := tx.CreateBucketIfNotExists(bucketMeta)
			if err != nil {
				return err
			}
			return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
		})
	}
	return "", nil
}

func bucketCount(tx *bolt.Tx) int {
	n := 0
	_ = tx.ForEach(func([]byte, *bolt.Bucket) error { n++; return nil })
	return n
}

// moveAside renames a bad file to <path>.broken-<time>, keeping it for
// whoever wants to look at it.
func moveAside(path string) (string, error) {
	to := path + ".broken-" + time.Now().UTC().Format("20060102T150405Z")
	for i := 1; ; i++ {
		if _, err := os.Lstat(to); errors.Is(err, os.ErrNotExist) {
			break
		}
		to = fmt.Sprintf("%s.broken-%s-%d", path, time.Now().UTC().Format("20060102T150405Z"), i)
	}
	return to, os.Rename(path, to)
}

// Path returns the file the store lives in.
func (s *Store) Path() string { return s.path }

// Recovered reports the last file that Open or Replace moved aside, or nil.
func (s *Store) Recovered() *Recovery {
	s.damageMu.Lock()
	defer s.damageMu.Unlock()
	return s.recovery
}

// Close closes the file.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return s.db.Close()
}

// errCheckDone rolls back the writable transaction Check runs in.
var errCheckDone = errors.New("check done")

// Check reads every page in use and runs bbolt's consistency check over
// the whole file. Damage found is a *DamageError (and goes to the
// OnDamage function). In a writable store the check runs in a writable
// transaction that is rolled back: bbolt's check reads the freelist,
// which a concurrent writer would change under it.
func (s *Store) Check() error {
	check := func(tx *bolt.Tx) error {
		// The check reads every page of the file: let them go as it
		// goes (see dropPages), so they do not stay resident.
		stop := dropPagesEvery(tx, 10*time.Millisecond)
		defer stop()
		if err := checkTree(tx, nil); err != nil {
			return &DamageError{Path: s.path, Reason: err.Error()}
		}
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return &DamageError{Path: s.path, Reason: "bbolt's consistency check failed: " + errors.Join(errs...).Error()}
		}
		return nil
	}
	if s.readOnly {
		return s.view(check)
	}
	err := s.update(func(tx *bolt.Tx) error {
		if err := check(tx); err != nil {
			return err
		}
		return errCheckDone
	})
	if errors.Is(err, errCheckDone) {
		return nil
	}
	return err
}

// View runs fn with a read-only snapshot of the store. Everything fn reads
// comes from one content version.
func (s *Store) View(fn func(*Tx) error) error {
	return s.view(func(tx *bolt.Tx) error { return fn(&Tx{tx: tx, s: s}) })
}

// Version returns the applied content version; ok is false when no content
// has been applied yet.
func (s *Store) Version() (v content.Version, ok bool, err error) {
	err = s.View(func(tx *Tx) error {
		v, ok, err = tx.Version()
		return err
	})
	return v, ok, err
}

// SetPublished records when the content held was written (see
// content.Version.Published), for a version whose date is known only
// once its items have arrived: a feed's. The content is not touched.
func (s *Store) SetPublished(t time.Time) error {
	return s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		var v content.Version
		found, err := getJSON(meta, keyVersion, &v)
		if err != nil || !found {
			return err
		}
		v.Published = t
		return putJSON(meta, keyVersion, v)
	})
}

// getJSON and putJSON keep small records in the meta bucket.
func (s *Store) getJSON(key []byte, v any) (found bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		found, err = getJSON(tx.Bucket(bucketMeta), key, v)
		return err
	})
	return found, err
}

func (s *Store) putJSON(key []byte, v any) error {
	return s.update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketMeta), key, v) })
}

// Verify runs bbolt's consistency check and then checks that the content
// in the store is exactly the version it records: the digest of what is
// stored must equal the digest written with the version. It returns that
// version. Crash tests use it, and so can a kiosk that doubts its disk.
func (s *Store) Verify() (content.Version, error) {
	if err := s.Check(); err != nil {
		return content.Version{}, fmt.Errorf("consistency check: %w", err)
	}
	var v content.Version
	err := s.View(func(tx *Tx) error {
		var err error
		var ok bool
		if v, ok, err = tx.Version(); err != nil || !ok {
			return err
		}
		set, err := tx.Set()
		if err != nil {
			return err
		}
		if got := set.Digest(); got != v.Digest {
			return fmt.Errorf("the store records version %d (digest %.12s) but holds content with digest %.12s", v.Number, v.Digest, got)
		}
		if got := digestOf(rootOf(tx.tx)); got != v.Digest {
			return fmt.Errorf("the item hashes kept for version %d give digest %.12s, not %.12s", v.Number, got, v.Digest)
		}
		return nil
	})
	return v, err
}

// migrate1 brings a schema 1 store to schema 2: the item hashes are
// written beside the items and the version's digest recomputed the new
// way. Parts stay unrecorded, so the next sync rebuilds in full.
func migrate1(tx *bolt.Tx) error {
	root := rootOf(tx)
	for _, name := range [][]byte{bucketDigest, bucketEventStarts, bucketParts} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	for _, kind := range content.Kinds {
		b := tx.Bucket([]byte(kind))
		if b == nil {
			continue
		}
		err := b.ForEach(func(k, v []byte) error {
			sum := sha256.Sum256(v)
			return tx.Bucket(bucketDigest).Put([]byte(content.DigestKey(kind, string(k))), sum[:])
		})
		if err != nil {
			return err
		}
	}
	var v content.Version
	if ok, err := getJSON(meta, keyVersion, &v); err != nil || !ok {
		return errors.Join(err, meta.Put(keySchema, []byte("2")))
	}
	v.Digest = digestOf(root)
	if err := putJSON(meta, keyVersion, v); err != nil {
		return err
	}
	return meta.Put(keySchema, []byte("2"))
}

// migrations[n-1] brings a schema n store to schema n+1; Open runs them
// in order in one transaction, so a store is migrated whole or not at all.
var migrations = []func(*bolt.Tx) error{migrate1, migrate2, migrate3}

// migrate2 brings a schema 2 store to schema 3: the occurrences of each
// event of a project, as they were indexed (index.events.starts), are
// indexed by project too.
func migrate2(tx *bolt.Tx) error {
	err := indexOccurrences(tx, bucketEventsByProj, func(e *content.Event) []string {
		if e.Project == "" {
			return nil
		}
		return []string{e.Project}
	})
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keySchema, []byte("3"))
}

// migrate3 brings a schema 3 store to schema 4: the occurrences of each
// event are indexed by each of its categories too.
func migrate3(tx *bolt.Tx) error {
	err := indexOccurrences(tx, bucketEventsByCat, func(e *content.Event) []string { return e.Categories })
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keySchema, []byte("4"))
}

// indexOccurrences fills a new "name 0 start | id" index with the
// occurrences of every event as they were indexed (index.events.starts),
// under each of the names namesOf gives the event.
func indexOccurrences(tx *bolt.Tx, bucket []byte, namesOf func(*content.Event) []string) error {
	index, err := tx.CreateBucketIfNotExists(bucket)
	if err != nil {
		return err
	}
	events, starts := tx.Bucket([]byte(content.KindEvent)), tx.Bucket(bucketEventStarts)
	if events == nil || starts == nil {
		return nil
	}
	return events.ForEach(func(id, v []byte) error {
		var e content.Event
		if err := unmarshal(v, &e); err != nil {
			return fmt.Errorf("event %s: %w", id, err)
		}
		keys := starts.Get(id)
		for _, name := range namesOf(&e) {
			for i := 0; i+8 <= len(keys); i += 8 {
				k := append(append([]byte(nil), keys[i:i+8]...), id...)
				if err := index.Put(join([]byte(name), k), []byte{}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
