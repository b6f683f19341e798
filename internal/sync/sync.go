// Package sync brings a kiosk's store up to date with the signed feed:
// go-tuf checks every file against the trusted root, only the shards whose
// hashes differ from what the store holds are downloaded, and the new
// version is applied in one transaction. A failed sync leaves the store
// exactly as it was.
package sync

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/theupdateframework/go-tuf/v2/metadata"
	"github.com/theupdateframework/go-tuf/v2/metadata/fetcher"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/store"
)

// Defaults for Options.
const (
	DefaultMaxFileBytes = 8 << 20   // one shard or metadata file
	DefaultMaxSyncBytes = 512 << 20 // all shards of one sync
	DefaultFileTimeout  = 60 * time.Second
)

// Options say where the feed is and how much a sync may take.
type Options struct {
	// Feed is the feed's base URL (http, https) or a folder (a USB stick).
	Feed string
	// Root is the trusted root.json.
	Root []byte
	// StateDir keeps go-tuf's last trusted metadata (rollback protection).
	StateDir string
	// MaxFileBytes and MaxSyncBytes cap downloads: go-tuf holds each file
	// in memory. Zero means the defaults.
	MaxFileBytes, MaxSyncBytes int64
	// FileTimeout is the deadline for one request, body included, so a
	// server that drips bytes cannot hang a sync. Zero: the default.
	FileTimeout time.Duration
	// Now replaces the clock for expiry checks (tests, clock trouble).
	Now time.Time
	// Progress, if set, is told how the sync goes.
	Progress func(Progress)
}

// Phase is a step of a sync.
type Phase string

// Phases, in order.
const (
	PhaseMetadata Phase = "metadata"
	PhaseShards   Phase = "shards"
	PhaseApply    Phase = "apply"
	PhaseDone     Phase = "done"
)

// Progress is what a screen shows while a sync runs.
type Progress struct {
	Phase                   Phase
	ShardsDone, ShardsTotal int
	BytesDone, BytesTotal   int64
}

// Result says what a successful sync did.
type Result struct {
	Version    int64 // the feed's targets version now in the store
	Changed    bool  // false: the store already had this version
	Downloaded int   // shards downloaded
	Reused     int   // shards the store already had
	Bytes      int64 // shard bytes downloaded
	// Requests and WireBytes count what went over the network (HTTP only):
	// requests made and bytes read from the connections, headers included.
	Requests  int64
	WireBytes int64
}

// Reason names why a sync failed, in words a screen can translate.
type Reason string

// Failure reasons; each is a message id in the catalogs.
const (
	ReasonOffline  Reason = "SyncOffline"  // no connection, timeouts, server errors
	ReasonRejected Reason = "SyncRejected" // a file failed its signature, hash or version check
	ReasonExpired  Reason = "SyncExpired"  // the feed's signatures have expired (or the clock is wrong)
	ReasonTooLarge Reason = "SyncTooLarge" // over a size cap
	ReasonContent  Reason = "SyncContent"  // the content inside is not valid
	ReasonLocal    Reason = "SyncLocal"    // the kiosk's own files
)

// Error is a failed sync: the reason for people and the cause for logs.
type Error struct {
	Reason Reason
	Err    error
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %v", e.Reason, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

func fail(r Reason, err error) error { return &Error{Reason: r, Err: err} }

// Run syncs st from the feed once.
func Run(ctx context.Context, st *store.Store, opt Options) (*Result, error) {
	opt = withDefaults(opt)
	report := func(p Progress) {
		if opt.Progress != nil {
			opt.Progress(p)
		}
	}
	report(Progress{Phase: PhaseMetadata})
	wire := &wireCounter{}
	res, err := run(ctx, st, opt, wire, report)
	if res != nil {
		res.Requests, res.WireBytes = wire.requests.Load(), wire.bytes.Load()
	}
	return res, err
}

func run(ctx context.Context, st *store.Store, opt Options, wire *wireCounter, report func(Progress)) (*Result, error) {
	client, err := feed.NewClient(opt.Root, opt.Feed, feed.ClientOptions{
		Fetcher: newFetcher(ctx, opt, wire), StateDir: opt.StateDir, Now: opt.Now})
	if err != nil {
		return nil, fail(ReasonLocal, err)
	}
	if err := client.Refresh(); err != nil {
		return nil, classify(err)
	}
	version := client.TargetsVersion()
	current, ok, err := st.Version()
	if err != nil {
		return nil, fail(ReasonLocal, err)
	}
	if ok && current.Source == content.SourceFeed {
		if version == current.Number {
			report(Progress{Phase: PhaseDone})
			return &Result{Version: version}, nil
		}
		if version < current.Number {
			return nil, fail(ReasonRejected, fmt.Errorf("the feed offers version %d, older than the %d this kiosk has", version, current.Number))
		}
	}
	shards, res, err := fetchShards(ctx, client, st, opt, report)
	if err != nil {
		return nil, err
	}
	total := len(shards)
	report(Progress{Phase: PhaseApply, ShardsDone: total, ShardsTotal: total})
	set, err := feed.Join(shards)
	if err != nil {
		return nil, fail(ReasonContent, err)
	}
	shards = nil // the raw bytes are decoded now: let the collector have them before Apply
	if err := st.Apply(set, content.Version{Number: version, Source: content.SourceFeed}); err != nil {
		var problems content.Problems
		if errors.As(err, &problems) {
			return nil, fail(ReasonContent, err)
		}
		return nil, fail(ReasonLocal, err)
	}
	res.Version, res.Changed = version, true
	report(Progress{Phase: PhaseDone, ShardsDone: total, ShardsTotal: total, BytesDone: res.Bytes, BytesTotal: res.Bytes})
	return res, nil
}

func withDefaults(o Options) Options {
	if o.MaxFileBytes == 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	if o.MaxSyncBytes == 0 {
		o.MaxSyncBytes = DefaultMaxSyncBytes
	}
	if o.FileTimeout == 0 {
		o.FileTimeout = DefaultFileTimeout
	}
	return o
}

// fetchShards returns every shard of the new version: those the store
// already holds (the store's items split the way the feed splits them,
// byte for byte, checked against the signed hash) and the rest downloaded.
func fetchShards(ctx context.Context, client *feed.Client, st *store.Store, opt Options, report func(Progress)) ([]feed.Shard, *Result, error) {
	local, err := localShards(st)
	if err != nil {
		return nil, nil, fail(ReasonLocal, err)
	}
	targets := client.Targets()
	names := make([]string, 0, len(targets))
	for name := range targets {
		names = append(names, name)
	}
	sort.Strings(names)
	res := &Result{}
	var shards []feed.Shard
	var missing []*metadata.TargetFiles
	var total int64
	for _, name := range names {
		tf := targets[name]
		if data, ok := local[name]; ok && hex.EncodeToString(tf.Hashes["sha256"]) == data.hash {
			shards = append(shards, feed.Shard{Name: name, Data: data.bytes})
			res.Reused++
			continue
		}
		if tf.Length > opt.MaxFileBytes {
			return nil, nil, fail(ReasonTooLarge, fmt.Errorf("shard %s is %d bytes, over the %d-byte cap", name, tf.Length, opt.MaxFileBytes))
		}
		missing = append(missing, tf)
		total += tf.Length
	}
	if total > opt.MaxSyncBytes {
		return nil, nil, fail(ReasonTooLarge, fmt.Errorf("this update is %d bytes, over the %d-byte cap", total, opt.MaxSyncBytes))
	}
	for i, tf := range missing {
		if err := ctx.Err(); err != nil {
			return nil, nil, fail(ReasonOffline, err)
		}
		report(Progress{Phase: PhaseShards, ShardsDone: i, ShardsTotal: len(missing), BytesDone: res.Bytes, BytesTotal: total})
		data, err := client.Download(tf)
		if err != nil {
			return nil, nil, classify(fmt.Errorf("shard %s: %w", tf.Path, err))
		}
		shards = append(shards, feed.Shard{Name: tf.Path, Data: data})
		res.Downloaded++
		res.Bytes += int64(len(data))
	}
	return shards, res, nil
}

type localShard struct {
	hash  string
	bytes []byte
}

// localShards splits what the store holds into the feed's shards.
func localShards(st *store.Store) (map[string]localShard, error) {
	var set *content.Set
	err := st.View(func(tx *store.Tx) (err error) { set, err = tx.Set(); return err })
	if err != nil {
		return nil, err
	}
	shards, err := feed.Split(set)
	if err != nil {
		return nil, err
	}
	out := make(map[string]localShard, len(shards))
	for _, s := range shards {
		tf, err := metadata.TargetFile().FromBytes(s.Name, s.Data, "sha256")
		if err != nil {
			return nil, err
		}
		out[s.Name] = localShard{hash: hex.EncodeToString(tf.Hashes["sha256"]), bytes: s.Data}
	}
	return out, nil
}

// classify turns go-tuf's and the network's errors into a Reason.
func classify(err error) error {
	var expired *metadata.ErrExpiredMetadata
	var badSig *metadata.ErrUnsignedMetadata
	var badRepo *metadata.ErrRepository
	var length *metadata.ErrDownloadLengthMismatch
	var lengthOrHash *metadata.ErrLengthOrHashMismatch
	var badVersion *metadata.ErrBadVersionNumber
	var equalVersion *metadata.ErrEqualVersionNumber
	var httpErr *metadata.ErrDownloadHTTP
	var netErr net.Error
	switch {
	case errors.As(err, &expired):
		return fail(ReasonExpired, err)
	case errors.As(err, &length):
		return fail(ReasonRejected, err)
	case errors.As(err, &badSig), errors.As(err, &lengthOrHash), errors.As(err, &badVersion), errors.As(err, &equalVersion), errors.As(err, &badRepo):
		return fail(ReasonRejected, err)
	case errors.As(err, &httpErr), errors.As(err, &netErr), errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return fail(ReasonOffline, err)
	}
	var vErr *metadata.ErrValue
	var tErr *metadata.ErrType
	if errors.As(err, &vErr) || errors.As(err, &tErr) {
		return fail(ReasonRejected, err)
	}
	return fail(ReasonOffline, err)
}

// newFetcher returns go-tuf's HTTP fetcher with deadlines and a refusal of
// redirects to other hosts, or the folder fetcher for a folder.
func newFetcher(ctx context.Context, opt Options, wire *wireCounter) fetcher.Fetcher {
	if st, err := os.Stat(opt.Feed); err == nil && st.IsDir() {
		return feed.DirFetcher{}
	}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           wire.dial(&net.Dialer{Timeout: 15 * time.Second}),
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		IdleConnTimeout:       90 * time.Second,
	}
	client := &http.Client{
		Transport: wire.roundTripper(transport),
		Timeout:   opt.FileTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if req.URL.Host != via[0].URL.Host {
				return fmt.Errorf("redirect to another host (%s) refused", req.URL.Host)
			}
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}
	return &httpFetcher{ctx: ctx, client: client}
}

// httpFetcher does what go-tuf's DefaultFetcher does (one try per file:
// retrying is the scheduler's job) with the sync's context on every
// request, so cancelling a sync stops a stalled download at once, and
// with the file's address in every error.
type httpFetcher struct {
	ctx    context.Context
	client *http.Client
}

// DownloadFile is part of go-tuf's fetcher.Fetcher.
func (f *httpFetcher) DownloadFile(u string, maxLength int64, _ time.Duration) ([]byte, error) {
	req, err := http.NewRequestWithContext(f.ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	res, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	switch {
	case res.StatusCode == http.StatusForbidden && strings.HasSuffix(u, ".root.json"):
		// go-tuf probes for N+1.root.json on every refresh and takes only
		// 404 as "none"; object stores such as S3 answer 403 for a missing
		// key when listing is not public, which would fail every poll.
		return nil, &metadata.ErrDownloadHTTP{StatusCode: http.StatusNotFound, URL: u}
	case res.StatusCode != http.StatusOK:
		return nil, &metadata.ErrDownloadHTTP{StatusCode: res.StatusCode, URL: u}
	case res.ContentLength > maxLength:
		return nil, &metadata.ErrDownloadLengthMismatch{Msg: fmt.Sprintf("%s is larger than expected: %d bytes, at most %d", u, res.ContentLength, maxLength)}
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, maxLength+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", u, err)
	}
	if int64(len(data)) > maxLength {
		return nil, &metadata.ErrDownloadLengthMismatch{Msg: fmt.Sprintf("%s is larger than expected: more than %d bytes", u, maxLength)}
	}
	return data, nil
}

// RootPath is where a data folder remembers the trusted root.
func RootPath(stateDir string) string { return filepath.Join(stateDir, "root.json") }

// wireCounter counts requests and the bytes read from connections.
type wireCounter struct {
	requests, bytes atomic.Int64
}

func (w *wireCounter) dial(d *net.Dialer) func(context.Context, string, string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &countingConn{Conn: c, n: &w.bytes}, nil
	}
}

func (w *wireCounter) roundTripper(rt http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		w.requests.Add(1)
		return rt.RoundTrip(r)
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}
