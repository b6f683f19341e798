// Package update brings a kiosk's store up to date with the signed feed:
// go-tuf checks every file against the trusted root, only the shards whose
// hashes differ from what the store holds are downloaded, and the new
// version is applied in one transaction. A failed sync leaves the store
// exactly as it was.
package update

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
	"sync"
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
	// ImageDir keeps the feed's pictures, one file each (images.go).
	// Empty: the folder "images" beside StateDir; no StateDir: pictures
	// are not fetched.
	ImageDir string
	// MaxImageBytes caps one picture; a larger one is refused and its
	// item shows without it. Zero means DefaultMaxImageBytes.
	MaxImageBytes int64
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
	// Changes are the items a patch changed (nil when the version was
	// rebuilt or not changed): the search index follows them item by
	// item.
	Changes *store.Changes
	// Pictures says what the sync did with the feed's pictures (images.go).
	Pictures Pictures
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
	// ReasonEmpty is a signed version without items (a wrong --content
	// folder on the publisher's side); applying it would wipe the kiosk.
	ReasonEmpty Reason = "SyncEmptyVersion"
	// ReasonCoreMissing is a version without a core item (content.Core).
	ReasonCoreMissing Reason = "SyncCoreMissing"
	// ReasonNoFeed is a folder (a USB stick) that holds no feed.
	ReasonNoFeed Reason = "SyncNoFeed"
	// ReasonRedirected is a server that sent the kiosk to another host.
	ReasonRedirected Reason = "SyncRedirected"
)

// Reasons lists every failure reason, for the catalog check.
var Reasons = []Reason{ReasonOffline, ReasonRejected, ReasonExpired, ReasonTooLarge, ReasonContent,
	ReasonLocal, ReasonEmpty, ReasonCoreMissing, ReasonNoFeed, ReasonRedirected}

// Error is a failed sync: the reason for people and the cause for logs.
type Error struct {
	Reason Reason
	Err    error
	// Requests and WireBytes count what went over the network before the
	// sync failed, as Result does for a sync that succeeds.
	Requests  int64
	WireBytes int64
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %v", e.Reason, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

func fail(r Reason, err error) error { return &Error{Reason: r, Err: err} }

// Run syncs st from the feed once. Syncs of one store run one at a time
// (a background sync and an import from a USB stick would otherwise
// write the same feed state and build the same next version).
func Run(ctx context.Context, st *store.Store, opt Options) (*Result, error) {
	unlock := lockStore(st)
	defer unlock()
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
	var syncErr *Error
	if errors.As(err, &syncErr) {
		syncErr.Requests, syncErr.WireBytes = wire.requests.Load(), wire.bytes.Load()
	}
	return res, err
}

func run(ctx context.Context, st *store.Store, opt Options, wire *wireCounter, report func(Progress)) (*Result, error) {
	if err := checkFolder(opt.Feed); err != nil {
		return nil, err
	}
	if opt.StateDir != "" {
		// go-tuf would stop at a damaged file with a bare JSON error.
		if err := CheckState(opt.StateDir); err != nil {
			return nil, fail(ReasonLocal, err)
		}
	}
	client, err := feed.NewClient(opt.Root, opt.Feed, feed.ClientOptions{
		Fetcher: newFetcher(ctx, opt, wire), StateDir: opt.StateDir, Now: opt.Now})
	if err != nil {
		return nil, fail(ReasonLocal, err)
	}
	if err := client.Refresh(); err != nil {
		return nil, classify(err)
	}
	if opt.StateDir != "" {
		if err := syncState(opt.StateDir); err != nil { // what go-tuf wrote, kept across a power cut
			return nil, fail(ReasonLocal, err)
		}
	}
	version := client.TargetsVersion()
	current, ok, err := st.Version()
	if err != nil {
		return nil, fail(ReasonLocal, err)
	}
	if ok && current.Source == content.SourceFeed {
		if version == current.Number {
			// Pictures refused or cut short last time are tried again.
			res := &Result{Version: version}
			res.Pictures = syncPictures(ctx, client, opt, 0)
			report(Progress{Phase: PhaseDone})
			return res, nil
		}
		if version < current.Number {
			return nil, fail(ReasonRejected, fmt.Errorf("the feed offers version %d, older than the %d this kiosk has", version, current.Number))
		}
	}
	var prev *content.Version
	if ok && current.Source == content.SourceFeed {
		prev = &current
	}
	res, err := update(ctx, client, st, opt, report, version, prev)
	if err != nil {
		return nil, err
	}
	res.Version, res.Changed = version, true
	res.Pictures = syncPictures(ctx, client, opt, res.Bytes)
	report(Progress{Phase: PhaseDone, ShardsDone: res.Downloaded, ShardsTotal: res.Downloaded, BytesDone: res.Bytes, BytesTotal: res.Bytes})
	return res, nil
}

// checkFolder refuses a folder that holds no feed, which go-tuf would
// report as a missing file, like a server that is down.
func checkFolder(source string) error {
	if st, err := os.Stat(source); err != nil || !st.IsDir() {
		return nil // an address, or no such folder (NewClient says so)
	}
	if _, err := os.Stat(filepath.Join(source, feed.MetadataDir, "timestamp.json")); err != nil {
		return fail(ReasonNoFeed, fmt.Errorf("%s holds no feed (no %s/timestamp.json): copy the whole feed folder, with %s/ and %s/",
			source, feed.MetadataDir, feed.MetadataDir, feed.TargetsDir))
	}
	return nil
}

var (
	runningMu sync.Mutex
	running   = map[string]*sync.Mutex{} // by store file
)

// lockStore waits for any other sync of st in this process to end. Other
// processes cannot get at st: bbolt locks the file.
func lockStore(st *store.Store) (unlock func()) {
	runningMu.Lock()
	mu := running[st.Path()]
	if mu == nil {
		mu = &sync.Mutex{}
		running[st.Path()] = mu
	}
	runningMu.Unlock()
	mu.Lock()
	return mu.Unlock
}

func withDefaults(o Options) Options {
	if o.MaxFileBytes == 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	if o.MaxSyncBytes == 0 {
		o.MaxSyncBytes = DefaultMaxSyncBytes
	}
	if o.MaxImageBytes == 0 {
		o.MaxImageBytes = DefaultMaxImageBytes
	}
	if o.ImageDir == "" && o.StateDir != "" {
		o.ImageDir = filepath.Join(filepath.Dir(o.StateDir), ImagesDirName)
	}
	if o.FileTimeout == 0 {
		o.FileTimeout = DefaultFileTimeout
	}
	return o
}

// patchBytes is the most a sync downloads to patch the current version in
// one transaction; larger updates rebuild the version part by part, which
// keeps memory bounded whatever the size of the feed.
const patchBytes = 16 << 20

// plan is what a sync has to do: the new version's shards in the order
// they are applied, which of them the store already holds, and which of
// the store's parts are gone from the feed.
type plan struct {
	names    []string
	targets  map[string]*metadata.TargetFiles
	held     map[string]bool
	removed  []string
	missing  int
	download int64
	legacy   map[string]localShard // a store without parts, split as the feed splits
}

func newPlan(client *feed.Client, st *store.Store, opt Options) (*plan, error) {
	p := &plan{targets: shardTargets(client.Targets()), held: map[string]bool{}}
	if len(p.targets) == 0 {
		return nil, fail(ReasonEmpty, fmt.Errorf("the feed's version %d holds no items; applying it would remove all content", client.TargetsVersion()))
	}
	parts, err := st.Parts()
	if err != nil {
		return nil, fail(ReasonLocal, err)
	}
	if len(parts) == 0 {
		if p.legacy, err = localShards(st); err != nil {
			return nil, fail(ReasonLocal, err)
		}
		for name, l := range p.legacy {
			parts[name] = l.hash
		}
	}
	for name, tf := range p.targets {
		p.names = append(p.names, name)
		if parts[name] == hex.EncodeToString(tf.Hashes["sha256"]) {
			p.held[name] = true
			continue
		}
		if tf.Length > opt.MaxFileBytes {
			return nil, fail(ReasonTooLarge, fmt.Errorf("shard %s is %d bytes, over the %d-byte cap", name, tf.Length, opt.MaxFileBytes))
		}
		p.missing++
		p.download += tf.Length
	}
	if p.download > opt.MaxSyncBytes {
		return nil, fail(ReasonTooLarge, fmt.Errorf("this update is %d bytes, over the %d-byte cap", p.download, opt.MaxSyncBytes))
	}
	for name := range parts {
		if p.targets[name] == nil {
			p.removed = append(p.removed, name)
		}
	}
	sortShards(p.names)
	return p, nil
}

// sortShards orders shard names kind by kind as content.Kinds lists them
// (referred-to kinds first), then by name.
func sortShards(names []string) {
	sort.Slice(names, func(i, j int) bool {
		ri, rj := feed.KindOf(names[i]).Rank(), feed.KindOf(names[j]).Rank()
		if ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
}

// update brings the store to the new version: a small change is patched
// in one transaction, anything else rebuilt part by part.
func update(ctx context.Context, client *feed.Client, st *store.Store, opt Options, report func(Progress), version int64, prev *content.Version) (*Result, error) {
	p, err := newPlan(client, st, opt)
	if err != nil {
		return nil, err
	}
	d := &downloader{ctx: ctx, client: client, report: report, total: p.download, count: p.missing, res: &Result{Reused: len(p.held)},
		core: content.NewCoreCheck()}
	if err := p.sawHeld(st, d.core); err != nil {
		return nil, err
	}
	v := content.Version{Number: version, Source: content.SourceFeed}
	patching := p.legacy == nil && p.download <= patchBytes
	if patching {
		err = patch(st, p, d, v)
	} else {
		err = st.Rebuild(v, p.parts(d))
	}
	if err == nil {
		err = st.SetPublished(published(d.newest, prev, patching || len(p.held) > 0))
	}
	var syncErr *Error
	var problems content.Problems
	switch {
	case err == nil:
		return d.res, nil
	case errors.As(err, &syncErr):
		return nil, syncErr
	case errors.As(err, &problems):
		return nil, fail(ReasonContent, err)
	}
	return nil, fail(ReasonLocal, err)
}

// published is when a feed version's content was written: the newest
// updated date among the items that arrived, or the previous version's
// date when items of it were kept (a patch, or parts reused) and it is
// newer. Items that were not downloaded are not decoded to find it.
func published(newest time.Time, prev *content.Version, keptOld bool) time.Time {
	if keptOld && prev != nil && prev.Published.After(newest) {
		return prev.Published
	}
	return newest
}

// patch downloads the changed shards (at most patchBytes) and applies
// them in one transaction.
func patch(st *store.Store, p *plan, d *downloader, v content.Version) error {
	var add []store.Part
	for _, name := range p.names {
		if p.held[name] {
			continue
		}
		part, err := d.part(p.targets[name])
		if err != nil {
			return err
		}
		add = append(add, *part)
	}
	if err := d.coreHeld(); err != nil {
		return err
	}
	d.report(Progress{Phase: PhaseApply, ShardsDone: d.count, ShardsTotal: d.count, BytesDone: d.res.Bytes, BytesTotal: d.total})
	ch, err := st.PatchChanges(v, p.removed, add)
	d.res.Changes = ch
	return err
}

// parts returns the iterator Rebuild takes: held shards are reused, the
// others downloaded one at a time as the rebuild asks for them.
func (p *plan) parts(d *downloader) func() (*store.Part, error) {
	i := 0
	return func() (*store.Part, error) {
		if i == len(p.names) {
			if err := d.coreHeld(); err != nil {
				return nil, err
			}
			d.report(Progress{Phase: PhaseApply, ShardsDone: d.count, ShardsTotal: d.count, BytesDone: d.res.Bytes, BytesTotal: d.total})
			return nil, nil
		}
		name := p.names[i]
		i++
		tf := p.targets[name]
		hash := hex.EncodeToString(tf.Hashes["sha256"])
		switch {
		case p.held[name] && p.legacy != nil:
			return d.decode(feed.Shard{Name: name, Data: p.legacy[name].bytes}, hash)
		case p.held[name]:
			return &store.Part{Name: name, Hash: hash, Reuse: true, Bytes: int(tf.Length)}, nil
		}
		return d.part(tf)
	}
}

// downloader fetches and decodes shards, counting and reporting them.
type downloader struct {
	ctx    context.Context
	client *feed.Client
	report func(Progress)
	total  int64
	count  int
	res    *Result
	core   *content.CoreCheck // the core items the new version holds
	newest time.Time          // the newest updated date of the items that arrived
}

func (d *downloader) part(tf *metadata.TargetFiles) (*store.Part, error) {
	if err := d.ctx.Err(); err != nil {
		return nil, fail(ReasonOffline, err)
	}
	d.report(Progress{Phase: PhaseShards, ShardsDone: d.res.Downloaded, ShardsTotal: d.count, BytesDone: d.res.Bytes, BytesTotal: d.total})
	data, err := d.client.Download(tf)
	if err != nil {
		return nil, classify(fmt.Errorf("shard %s: %w", tf.Path, err))
	}
	d.res.Downloaded++
	d.res.Bytes += int64(len(data))
	return d.decode(feed.Shard{Name: tf.Path, Data: data}, hex.EncodeToString(tf.Hashes["sha256"]))
}

// decode decodes a shard within the limits of the source format (an item
// over content.MaxItemBytes refuses the whole version, so the kiosk keeps
// its content whole) and notes the core items it holds.
func (d *downloader) decode(s feed.Shard, hash string) (*store.Part, error) {
	_, items, err := feed.Decode(s)
	var tooLarge *content.ItemTooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return nil, fail(ReasonTooLarge, err)
	case err != nil:
		return nil, fail(ReasonContent, err)
	case len(items) == 0:
		return nil, fail(ReasonContent, fmt.Errorf("shard %s holds no items", s.Name))
	}
	for _, item := range items {
		kind, id := item.Kind(), item.ItemID()
		d.core.Saw(kind, id)
		if t := content.UpdatedOf(item); t.After(d.newest) {
			d.newest = t
		}
	}
	return &store.Part{Name: s.Name, Hash: hash, Items: items, Bytes: len(s.Data)}, nil
}

// coreHeld refuses a version without every core item.
func (d *downloader) coreHeld() error {
	if missing := d.core.MissingText(); missing != "" {
		return fail(ReasonCoreMissing, fmt.Errorf("the new version lacks %s, which every version must hold; the kiosk keeps its content", missing))
	}
	return nil
}

// sawHeld notes the core items in the parts the store holds already.
func (p *plan) sawHeld(st *store.Store, core *content.CoreCheck) error {
	if p.legacy != nil {
		return nil // decoded as they are reused
	}
	kinds := map[content.Kind]bool{}
	for _, r := range content.Core {
		kinds[r.Kind] = true
	}
	for name := range p.held {
		if !kinds[feed.KindOf(name)] {
			continue
		}
		kind, ids, err := st.PartIDs(name)
		if err != nil {
			return fail(ReasonLocal, err)
		}
		for _, id := range ids {
			core.Saw(kind, id)
		}
	}
	return nil
}

type localShard struct {
	hash  string
	bytes []byte
}

// localShards splits what the store holds into the feed's shards, for a
// store whose version was not applied in parts (built-in content, or a
// store from before parts were recorded).
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
	var redirect *redirectError
	switch {
	case errors.As(err, &redirect):
		return fail(ReasonRedirected, err)
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
		return feed.DirFetcher{Root: opt.Feed, Timeout: opt.FileTimeout}
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
				return &redirectError{from: via[0].URL.Host, to: req.URL.Host}
			}
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}
	return &httpFetcher{ctx: ctx, client: client}
}

// redirectError is a redirect to another host, which a kiosk does not
// follow: the feed's address is the one it was given.
type redirectError struct{ from, to string }

func (e *redirectError) Error() string {
	return fmt.Sprintf("%s redirected the kiosk to another host (%s); it does not follow: give the kiosk the feed's own address", e.from, e.to)
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
func RootPath(stateDir string) string { return filepath.Join(stateDir, feed.RootFile) }

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
