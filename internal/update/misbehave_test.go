package update

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/store"
)

// fault answers the requests it claims (returning true) the way a broken
// server, proxy or attacker would; the rest get the real feed.
type fault func(w http.ResponseWriter, r *http.Request) bool

// misbehavingServer is a real HTTP server on 127.0.0.1 that serves a feed
// folder through feed.Handler, except for the requests its current fault
// claims. The fault can be swapped at any time.
type misbehavingServer struct {
	*httptest.Server
	mu    gosync.Mutex
	fault fault
	// inflight counts the requests the fault is looking at or answering.
	inflight int
	hits     atomic.Int64  // requests the fault answered
	done     chan struct{} // closed when the test ends: stalled handlers return
}

func newMisbehavingServer(t testing.TB, dir string) *misbehavingServer {
	t.Helper()
	s := &misbehavingServer{done: make(chan struct{})}
	good := feed.Handler(dir)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		f := s.fault
		if f != nil {
			s.inflight++
		}
		s.mu.Unlock()
		if f != nil {
			claimed := f(w, r)
			s.mu.Lock()
			s.inflight--
			s.mu.Unlock()
			if claimed {
				s.hits.Add(1)
				return
			}
		}
		good.ServeHTTP(w, r)
	}))
	// Cleanups run last first: release stalled handlers, then close (which
	// waits for every handler to return).
	t.Cleanup(s.Close)
	t.Cleanup(func() { close(s.done) })
	return s
}

// quiesce waits until no request is in the fault's hands any more: a
// stalled or endless answer must end once the client has given up.
func (s *misbehavingServer) quiesce(t testing.TB) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		s.mu.Lock()
		n := s.inflight
		s.mu.Unlock()
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d faulty answers still running 5 s after the sync gave up", n)
		}
	}
}

func (s *misbehavingServer) set(f fault) {
	s.hits.Store(0)
	s.mu.Lock()
	s.fault = f
	s.mu.Unlock()
}

// Which requests a fault claims.
var (
	shardPath     = func(p string) bool { return strings.HasPrefix(p, "/"+feed.TargetsDir+"/") }
	timestampPath = func(p string) bool { return p == "/"+feed.MetadataDir+"/timestamp.json" }
)

func metadataPath(name string) func(string) bool {
	return func(p string) bool { return p == "/"+feed.MetadataDir+"/"+name }
}

// on claims the requests whose path match accepts and answers them with h.
// h returns false to pass a request on to the real feed after all.
func on(match func(string) bool, h func(w http.ResponseWriter, r *http.Request) bool) fault {
	return func(w http.ResponseWriter, r *http.Request) bool {
		return match(path.Clean(r.URL.Path)) && h(w, r)
	}
}

// fileOf reads the file a request asks for from a feed folder.
func fileOf(dir string, r *http.Request) ([]byte, bool) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path.Clean(r.URL.Path))))
	return data, err == nil
}

func serveBytes(w http.ResponseWriter, data []byte) {
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// status answers with an HTTP error.
func status(code int) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		http.Error(w, http.StatusText(code), code)
		return true
	}
}

// truncated promises the whole file in Content-Length, sends half of it and
// closes the connection.
func truncated(dir string) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		data, ok := fileOf(dir, r)
		if !ok {
			return false
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.WriteHeader(http.StatusOK)
		w.Write(data[:len(data)/2])
		w.(http.Flusher).Flush()
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
		return true
	}
}

// reset aborts the connection with a TCP RST (SO_LINGER 0), after sending
// half the body when midBody is set.
func reset(dir string, midBody bool) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		if midBody {
			data, ok := fileOf(dir, r)
			if !ok {
				return false
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(data)))
			w.WriteHeader(http.StatusOK)
			w.Write(data[:len(data)/2])
			w.(http.Flusher).Flush()
		}
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(err)
		}
		if tcp, ok := conn.(*net.TCPConn); ok {
			tcp.SetLinger(0)
		}
		conn.Close()
		return true
	}
}

// stall sends the headers and, when midBody is set, half the body, then
// sends nothing more until the client gives up or the test ends.
func (s *misbehavingServer) stall(dir string, midBody bool) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		if midBody {
			data, ok := fileOf(dir, r)
			if !ok {
				return false
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(data)))
			w.WriteHeader(http.StatusOK)
			w.Write(data[:len(data)/2])
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-s.done:
		case <-time.After(time.Minute):
		}
		return true
	}
}

// endless streams bytes with no Content-Length until the client hangs up.
func (s *misbehavingServer) endless(w http.ResponseWriter, r *http.Request) bool {
	w.Header().Set("Content-Type", "application/octet-stream")
	chunk := bytes.Repeat([]byte("[{}]\n"), 8<<10)
	for {
		select {
		case <-r.Context().Done():
			return true
		case <-s.done:
			return true
		default:
		}
		if _, err := w.Write(chunk); err != nil {
			return true
		}
	}
}

// wrongBytes serves the file with one byte changed: the right length, the
// wrong hash.
func wrongBytes(dir string) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		data, ok := fileOf(dir, r)
		if !ok {
			return false
		}
		data[len(data)/2] ^= 0x01
		serveBytes(w, data)
		return true
	}
}

var sigHex = regexp.MustCompile(`"sig":"[0-9a-f]`)

// badSignature serves the metadata file with one hex digit of its
// signature changed (still valid hex, still valid JSON).
func badSignature(dir string) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		data, ok := fileOf(dir, r)
		if !ok {
			return false
		}
		loc := sigHex.FindIndex(data)
		if loc == nil {
			panic("no signature in " + r.URL.Path)
		}
		i := loc[1] - 1
		if data[i] == '0' {
			data[i] = '1'
		} else {
			data[i] = '0'
		}
		serveBytes(w, data)
		return true
	}
}

// serve answers with fixed bytes.
func serve(data []byte) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		serveBytes(w, data)
		return true
	}
}

// redirect sends the client to the same path on another server.
func redirect(to string) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		http.Redirect(w, r, to+r.URL.Path, http.StatusFound)
		return true
	}
}

// misbehaveEnv is a publisher that has published version 2 and a kiosk
// that holds version 1, syncing through a misbehaving server.
type misbehaveEnv struct {
	p       *publisher
	srv     *misbehavingServer
	st      *store.Store
	state   string
	opt     Options
	v1Dir   string           // the feed folder as it was at version 1
	digests map[int64]string // content digest of each published version
	latest  int64
}

func newMisbehaveEnv(t *testing.T) *misbehaveEnv {
	t.Helper()
	e := &misbehaveEnv{p: newPublisher(t, 300), digests: map[int64]string{}}
	e.digests[1] = e.p.set.Digest()
	e.v1Dir = filepath.Join(t.TempDir(), "feed-v1")
	copyDir(t, e.p.dir, e.v1Dir)
	e.srv = newMisbehavingServer(t, e.p.dir)
	e.st, e.state = newKiosk(t)
	e.opt = e.p.options(e.state)
	e.opt.Feed = e.srv.URL
	e.opt.FileTimeout = time.Second
	if res, err := Run(context.Background(), e.st, e.opt); err != nil || res.Version != 1 {
		t.Fatalf("first sync: %+v, %v", res, err)
	}
	e.publishChange(t, 0)
	return e
}

// publishChange renames a few services and publishes the next version.
func (e *misbehaveEnv) publishChange(t testing.TB, round int) {
	t.Helper()
	for i := 0; i < 10; i++ {
		s := e.p.set.Services[(round*10+i*7)%len(e.p.set.Services)]
		s.Name[content.Swedish] = "Ändrad tjänst " + strconv.Itoa(round) + "." + strconv.Itoa(i)
	}
	res, err := feed.Build(e.p.set, e.p.keys, e.p.dir, feed.DefaultExpiries, t0)
	if err != nil {
		t.Fatal(err)
	}
	e.latest = res.TargetsVersion
	e.digests[e.latest] = e.p.set.Digest()
}

// sync runs a good sync and checks that it lands on the latest version.
func (e *misbehaveEnv) sync(t testing.TB) *Result {
	t.Helper()
	res, err := Run(context.Background(), e.st, e.opt)
	if err != nil {
		t.Fatalf("sync through a well-behaved server: %v", err)
	}
	e.checkHolds(t, e.latest)
	return res
}

// checkHolds checks that the store holds version v: its version record and
// the content itself.
func (e *misbehaveEnv) checkHolds(t testing.TB, v int64) {
	t.Helper()
	got := stateOf(t, e.st)
	if got.version.Number != v || got.version.Source != content.SourceFeed || got.version.Digest != e.digests[v] || got.digest != e.digests[v] {
		t.Fatalf("store holds version %d (record digest %.12s, content digest %.12s), want version %d (digest %.12s)",
			got.version.Number, got.version.Digest, got.digest, v, e.digests[v])
	}
}

// storeState is what a store holds: its version record and the digest of
// the content actually in it.
type storeState struct {
	version content.Version
	digest  string
}

func stateOf(t testing.TB, st *store.Store) storeState {
	t.Helper()
	var s storeState
	err := st.View(func(tx *store.Tx) error {
		var err error
		if s.version, _, err = tx.Version(); err != nil {
			return err
		}
		set, err := tx.Set()
		if err != nil {
			return err
		}
		s.digest = set.Digest()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (a storeState) equal(b storeState) bool {
	return a.version.Number == b.version.Number && a.version.Source == b.version.Source &&
		a.version.Digest == b.version.Digest && a.version.Applied.Equal(b.version.Applied) && a.digest == b.digest
}

// copyDir copies the folder from into to, which must not hold its files.
func copyDir(t testing.TB, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

// expectFailure checks a failed sync: an *Error with the reason and a
// message that names the problem (msg is a regular expression).
func expectFailure(t testing.TB, err error, want Reason, msg string) *Error {
	t.Helper()
	var se *Error
	if !errors.As(err, &se) {
		t.Fatalf("sync error = %v (%T), want a *sync.Error with reason %s", err, err, want)
	}
	if se.Reason != want {
		t.Fatalf("reason = %s, want %s; error: %v", se.Reason, want, err)
	}
	if !strings.HasPrefix(err.Error(), string(want)+": ") || !regexp.MustCompile(msg).MatchString(err.Error()) {
		t.Errorf("message %q does not say %q", err.Error(), msg)
	}
	return se
}

type misbehaveCase struct {
	name string
	// arrange returns the fault to install for the bad sync. It may also
	// change the world first (sync, publish, change e.opt).
	arrange func(t *testing.T, e *misbehaveEnv) fault
	// badOpt changes the options of the bad sync only.
	badOpt func(*Options)
	reason Reason
	msg    string // the message must match this regular expression
	// noHits: the fault need not be hit (option-only cases).
	noHits bool
}

func misbehaveCases() []misbehaveCase {
	statusCase := func(code int, where string, match func(string) bool) misbehaveCase {
		return misbehaveCase{
			name:    "HTTP " + strconv.Itoa(code) + " for " + where,
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(match, status(code)) },
			reason:  ReasonOffline, msg: "http status code: " + strconv.Itoa(code),
		}
	}
	return []misbehaveCase{
		statusCase(500, "the timestamp", timestampPath),
		statusCase(503, "the timestamp", timestampPath),
		statusCase(500, "the next root probe", metadataPath("2.root.json")),
		statusCase(503, "the snapshot", metadataPath("2.snapshot.json")),
		statusCase(500, "the targets", metadataPath("2.targets.json")),
		statusCase(500, "a shard", shardPath),
		statusCase(503, "a shard", shardPath),
		statusCase(404, "a shard", shardPath),
		{
			name:    "truncated shard",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(shardPath, truncated(e.p.dir)) },
			reason:  ReasonOffline, msg: "unexpected EOF",
		},
		{
			name: "truncated snapshot",
			arrange: func(t *testing.T, e *misbehaveEnv) fault {
				return on(metadataPath("2.snapshot.json"), truncated(e.p.dir))
			},
			// The message is only "SyncOffline: unexpected EOF": nothing
			// says which file (metadata errors are not wrapped with the URL).
			reason: ReasonOffline, msg: "unexpected EOF",
		},
		{
			name:    "connection reset before the response",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(timestampPath, reset(e.p.dir, false)) },
			reason:  ReasonOffline, msg: "timestamp.json",
		},
		{
			name:    "connection reset mid-body of a shard",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(shardPath, reset(e.p.dir, true)) },
			reason:  ReasonOffline, msg: "shard ",
		},
		{
			name:    "stall mid-body of a shard",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(shardPath, e.srv.stall(e.p.dir, true)) },
			// net/http says either, depending on which timer fires first.
			reason: ReasonOffline, msg: `shard .*(Client\.Timeout|context deadline exceeded)`,
		},
		{
			name:    "stall before the timestamp's headers",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(timestampPath, e.srv.stall(e.p.dir, false)) },
			reason:  ReasonOffline, msg: `timestamp\.json.*(Client\.Timeout|context deadline exceeded)`,
		},
		{
			name:    "wrong hash of a shard",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(shardPath, wrongBytes(e.p.dir)) },
			reason:  ReasonRejected, msg: "shard .*hash verification failed",
		},
		{
			name:    "bad signature on the timestamp",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(timestampPath, badSignature(e.p.dir)) },
			reason:  ReasonRejected, msg: "timestamp",
		},
		{
			name: "bad signature on the snapshot",
			arrange: func(t *testing.T, e *misbehaveEnv) fault {
				return on(metadataPath("2.snapshot.json"), badSignature(e.p.dir))
			},
			reason: ReasonRejected, msg: "snapshot",
		},
		{
			name: "bad signature on the targets",
			arrange: func(t *testing.T, e *misbehaveEnv) fault {
				return on(metadataPath("2.targets.json"), badSignature(e.p.dir))
			},
			reason: ReasonRejected, msg: "targets",
		},
		{
			// A timestamp signed an hour before the kiosk's clock, valid
			// for one second: what a frozen or stale mirror serves.
			name: "expired timestamp",
			arrange: func(t *testing.T, e *misbehaveEnv) fault {
				dir := filepath.Join(t.TempDir(), "feed-expired")
				copyDir(t, e.p.dir, dir)
				exp := feed.DefaultExpiries
				exp.Timestamp = time.Second
				if _, err := feed.Build(e.p.set, e.p.keys, dir, exp, t0.Add(-time.Hour)); err != nil {
					t.Fatal(err)
				}
				data, err := os.ReadFile(filepath.Join(dir, feed.MetadataDir, "timestamp.json"))
				if err != nil {
					t.Fatal(err)
				}
				return on(timestampPath, serve(data))
			},
			reason: ReasonExpired, msg: "expired",
		},
		{
			// The kiosk has version 2; the server answers with the whole
			// feed as it was at version 1, validly signed back then.
			name: "rollback to version 1",
			arrange: func(t *testing.T, e *misbehaveEnv) fault {
				e.sync(t)
				old := feed.Handler(e.v1Dir)
				return func(w http.ResponseWriter, r *http.Request) bool { old.ServeHTTP(w, r); return true }
			},
			reason: ReasonRejected, msg: "timestamp",
		},
		{
			// The same with the feed state lost: go-tuf has nothing to
			// compare with, the store's version check must catch it.
			name: "rollback to version 1 with the feed state lost",
			arrange: func(t *testing.T, e *misbehaveEnv) fault {
				e.sync(t)
				e.opt.StateDir = t.TempDir()
				old := feed.Handler(e.v1Dir)
				return func(w http.ResponseWriter, r *http.Request) bool { old.ServeHTTP(w, r); return true }
			},
			reason: ReasonRejected, msg: "older than the 2 this kiosk has",
		},
		{
			name: "mix: version-2 timestamp with the version-1 snapshot",
			arrange: func(t *testing.T, e *misbehaveEnv) fault {
				data := readFile(t, filepath.Join(e.v1Dir, feed.MetadataDir, "1.snapshot.json"))
				return on(metadataPath("2.snapshot.json"), serve(data))
			},
			// go-tuf's message does not name the file: "bad version
			// number error: expected 2, got 1".
			reason: ReasonRejected, msg: "bad version number",
		},
		{
			name: "mix: version-2 snapshot with the version-1 targets",
			arrange: func(t *testing.T, e *misbehaveEnv) fault {
				data := readFile(t, filepath.Join(e.v1Dir, feed.MetadataDir, "1.targets.json"))
				return on(metadataPath("2.targets.json"), serve(data))
			},
			reason: ReasonRejected, msg: "targets",
		},
		{
			name: "mix: version-1 shard under its version-2 name",
			arrange: func(t *testing.T, e *misbehaveEnv) fault {
				return on(shardPath, func(w http.ResponseWriter, r *http.Request) bool {
					data, ok := oldShard(e.v1Dir, r.URL.Path)
					if !ok {
						return false
					}
					serveBytes(w, data)
					return true
				})
			},
			reason: ReasonRejected, msg: "shard ",
		},
		{
			name:    "endless body of a shard",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(shardPath, e.srv.endless) },
			reason:  ReasonRejected, msg: "larger than expected",
		},
		{
			name:    "endless body of the timestamp",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(timestampPath, e.srv.endless) },
			reason:  ReasonRejected, msg: "larger than expected",
		},
		{
			name:    "redirect of the timestamp to another host",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(timestampPath, redirect(mirror(t, e).URL)) },
			reason:  ReasonRedirected, msg: "redirected the kiosk to another host",
		},
		{
			name:    "redirect of a shard to another host",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return on(shardPath, redirect(mirror(t, e).URL)) },
			reason:  ReasonRedirected, msg: "redirected the kiosk to another host",
		},
		{
			name:    "update larger than MaxSyncBytes",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return nil },
			badOpt:  func(o *Options) { o.MaxSyncBytes = 1000 },
			reason:  ReasonTooLarge, msg: "over the 1000-byte cap", noHits: true,
		},
		{
			name:    "shard larger than MaxFileBytes",
			arrange: func(t *testing.T, e *misbehaveEnv) fault { return nil },
			badOpt:  func(o *Options) { o.MaxFileBytes = 100 },
			reason:  ReasonTooLarge, msg: "over the 100-byte cap", noHits: true,
		},
	}
}

// mirror is a second server, on another port, with the same files; a
// redirect there must be refused, so it must never be asked.
func mirror(t *testing.T, e *misbehaveEnv) *httptest.Server {
	var hits atomic.Int64
	h := feed.Handler(e.p.dir)
	m := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		m.Close()
		if n := hits.Load(); n > 0 {
			t.Errorf("the other host got %d requests: the redirect was followed", n)
		}
	})
	return m
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// oldShard finds, in a feed folder of an older version, the shard of the
// same name as the hashed path asked for ("/targets/services/<sha>.x.json").
func oldShard(oldDir, reqPath string) ([]byte, bool) {
	dir, file := path.Split(strings.TrimPrefix(path.Clean(reqPath), "/"))
	_, base, _ := strings.Cut(file, ".")
	matches, _ := filepath.Glob(filepath.Join(oldDir, filepath.FromSlash(dir), "*."+base))
	for _, m := range matches {
		if hash, rest, _ := strings.Cut(filepath.Base(m), "."); rest == base && len(hash) == 64 && hash+"."+base != file {
			data, err := os.ReadFile(m)
			return data, err == nil
		}
	}
	return nil, false
}

// TestSyncAgainstMisbehavingServers syncs through a server that breaks in
// one way at a time. Every bad sync must fail with the right reason and a
// message naming the problem, leave the store exactly as it was, and the
// next sync through a well-behaved server must apply the new version.
func TestSyncAgainstMisbehavingServers(t *testing.T) {
	for _, c := range misbehaveCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newMisbehaveEnv(t)
			f := c.arrange(t, e)
			before := stateOf(t, e.st)
			bad := e.opt
			if c.badOpt != nil {
				c.badOpt(&bad)
			}
			e.srv.set(f)
			start := time.Now()
			_, err := Run(context.Background(), e.st, bad)
			took := time.Since(start)
			e.srv.quiesce(t)
			hits := e.srv.hits.Load()
			e.srv.set(nil)
			expectFailure(t, err, c.reason, c.msg)
			t.Logf("%v after %v: %v", c.reason, took.Round(time.Millisecond), err)
			if !c.noHits && hits == 0 {
				t.Error("the fault was never hit: the case tests nothing")
			}
			if took > 3*e.opt.FileTimeout+2*time.Second {
				t.Errorf("the bad sync took %v", took)
			}
			if after := stateOf(t, e.st); !after.equal(before) {
				t.Fatalf("a failed sync changed the store: %+v → %+v", before.version, after.version)
			}
			res := e.sync(t)
			if before.version.Number != e.latest && !res.Changed {
				t.Errorf("good sync after the fault: %+v", res)
			}
		})
	}
}

// TestSyncWithAWrongClock pins down the decided behaviour for a kiosk whose
// clock is wrong: a wrong clock never deletes content. A clock far ahead
// makes every signature look expired, so updates stop with ReasonExpired
// ("expired — check the clock") and the store keeps what it has until the
// clock is fixed. A clock behind is harmless: TUF checks only that
// signatures have not expired, never that they are from the past, and
// versions must still only grow, so an old feed is still refused.
func TestSyncWithAWrongClock(t *testing.T) {
	t.Run("a year ahead", func(t *testing.T) {
		t.Parallel()
		e := newMisbehaveEnv(t)
		before := stateOf(t, e.st)
		ahead := e.opt
		ahead.Now = t0.Add(feed.DefaultExpiries.Timestamp + 365*24*time.Hour)
		_, err := Run(context.Background(), e.st, ahead)
		expectFailure(t, err, ReasonExpired, "expired")
		t.Logf("clock ahead: %v", err)
		if after := stateOf(t, e.st); !after.equal(before) {
			t.Fatalf("a sync with the clock ahead changed the store: %+v → %+v", before.version, after.version)
		}
		// A second try with the clock still wrong: the same, nothing lost.
		_, err = Run(context.Background(), e.st, ahead)
		expectFailure(t, err, ReasonExpired, "expired")
		e.checkHolds(t, 1)
		// The clock is fixed: the update comes.
		e.sync(t)
	})
	t.Run("a year behind", func(t *testing.T) {
		t.Parallel()
		e := newMisbehaveEnv(t)
		e.opt.Now = t0.Add(-365 * 24 * time.Hour)
		if res := e.sync(t); !res.Changed || res.Version != 2 {
			t.Errorf("sync with the clock behind: %+v", res)
		}
		// Versions still only grow: the old feed is refused.
		old := feed.Handler(e.v1Dir)
		e.srv.set(func(w http.ResponseWriter, r *http.Request) bool { old.ServeHTTP(w, r); return true })
		_, err := Run(context.Background(), e.st, e.opt)
		e.srv.set(nil)
		expectFailure(t, err, ReasonRejected, "timestamp")
		e.checkHolds(t, 2)
		// The clock is fixed: nothing changes, the next version comes.
		e.opt.Now = t0.Add(time.Hour)
		e.publishChange(t, 1)
		if res := e.sync(t); !res.Changed || res.Version != 3 {
			t.Errorf("sync after the clock was fixed: %+v", res)
		}
	})
}

// TestSyncCancelledDuringAStall cancels a sync whose download has stalled:
// Run must return promptly with the store unchanged, not wait for
// FileTimeout (the scheduler's Loop cancels on shut-down).
func TestSyncCancelledDuringAStall(t *testing.T) {
	for _, c := range []struct {
		name  string
		match func(string) bool
	}{{"shard", shardPath}, {"timestamp", timestampPath}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newMisbehaveEnv(t)
			e.opt.FileTimeout = 5 * time.Second
			before := stateOf(t, e.st)
			e.srv.set(on(c.match, e.srv.stall(e.p.dir, true)))
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(200*time.Millisecond, cancel)
			start := time.Now()
			_, err := Run(ctx, e.st, e.opt)
			took := time.Since(start)
			e.srv.quiesce(t)
			e.srv.set(nil)
			t.Logf("cancelled after 200ms, Run returned after %v: %v", took.Round(time.Millisecond), err)
			expectFailure(t, err, ReasonOffline, "")
			if after := stateOf(t, e.st); !after.equal(before) {
				t.Fatal("a cancelled sync changed the store")
			}
			if took > 2*time.Second {
				t.Errorf("Run returned %v after it was cancelled at 200ms: the download ignores ctx", took)
			}
			e.sync(t)
		})
	}
}
