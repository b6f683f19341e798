package feed

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/theupdateframework/go-tuf/v2/metadata"
	"github.com/theupdateframework/go-tuf/v2/metadata/config"
	"github.com/theupdateframework/go-tuf/v2/metadata/fetcher"
	"github.com/theupdateframework/go-tuf/v2/metadata/updater"
)

// Client reads a feed the way a kiosk does: every file checked by go-tuf
// against the trusted root (signatures, thresholds, expiry, versions that
// only grow, lengths and hashes). It is not safe for concurrent use.
type Client struct {
	up *updater.Updater
}

// ClientOptions tune a Client. The zero value reads a folder or URL with
// no local state.
type ClientOptions struct {
	// Fetcher gets files by URL; nil picks one for the source (a folder or
	// go-tuf's HTTP fetcher).
	Fetcher fetcher.Fetcher
	// StateDir keeps the last trusted metadata between runs, which is what
	// stops rollback to older versions. Empty: nothing is kept.
	StateDir string
	// Now replaces the clock for expiry checks (zero: the real clock).
	Now time.Time
}

// NewClient opens the feed at source, a base URL (http, https) or a
// folder, trusting root (the contents of root.json).
func NewClient(root []byte, source string, opt ClientOptions) (*Client, error) {
	base, fetch, err := sourceURL(source)
	if err != nil {
		return nil, err
	}
	if opt.Fetcher != nil {
		fetch = opt.Fetcher
	}
	cfg, err := config.New(base+"/"+MetadataDir, root)
	if err != nil {
		return nil, fmt.Errorf("the trusted root is not valid: %w", err)
	}
	cfg.RemoteTargetsURL = base + "/" + TargetsDir
	cfg.PrefixTargetsWithHash = true
	cfg.Fetcher = fetch
	cfg.LocalMetadataDir = opt.StateDir
	cfg.LocalTargetsDir = opt.StateDir // unused: shards go to the store, not to files
	cfg.DisableLocalCache = opt.StateDir == ""
	up, err := updater.New(cfg)
	if err != nil {
		return nil, err
	}
	if !opt.Now.IsZero() {
		up.UnsafeSetRefTime(opt.Now)
	}
	return &Client{up: up}, nil
}

// Refresh fetches and checks the newest metadata.
func (c *Client) Refresh() error { return c.up.Refresh() }

// Targets lists the shards of the refreshed version.
func (c *Client) Targets() map[string]*metadata.TargetFiles { return c.up.GetTopLevelTargets() }

// TargetsVersion is the version of the refreshed targets metadata.
func (c *Client) TargetsVersion() int64 {
	return c.up.GetTrustedMetadataSet().Targets[RoleTargets].Signed.Version
}

// Download fetches one shard and checks its length and hash.
func (c *Client) Download(tf *metadata.TargetFiles) ([]byte, error) {
	_, data, err := c.up.DownloadTarget(tf, os.DevNull, "")
	return data, err
}

// sourceURL turns a folder into a file:// URL with a fetcher for it.
func sourceURL(source string) (string, fetcher.Fetcher, error) {
	if strings.HasPrefix(source, "http://") || strings.HasPrefix(source, "https://") {
		return strings.TrimSuffix(source, "/"), fetcher.NewDefaultFetcher(), nil
	}
	abs, err := filepath.Abs(source)
	if err != nil {
		return "", nil, err
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return "", nil, fmt.Errorf("%s is not a feed folder or an http(s) address", source)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), DirFetcher{Root: abs}, nil
}

// DirFetcher reads feed files from a folder (a copied feed, a USB stick)
// through file:// URLs, with the same size limits as a download. Only
// regular files are read: a FIFO or a device would block the read (and
// the sync lock with it) for ever, and a link may not lead out of the
// folder. Each file has a deadline, for a stick that stops answering.
type DirFetcher struct {
	// Root is the feed folder; empty: links are not followed at all.
	Root string
	// Timeout is the deadline for one file; zero means DefaultDirTimeout.
	Timeout time.Duration
}

// DefaultDirTimeout is how long reading one feed file from a folder may take.
const DefaultDirTimeout = 60 * time.Second

// DownloadFile is part of go-tuf's fetcher.Fetcher.
func (d DirFetcher) DownloadFile(u string, maxLength int64, _ time.Duration) ([]byte, error) {
	parsed, err := url.Parse(u)
	if err != nil || parsed.Scheme != "file" {
		return nil, fmt.Errorf("not a file URL: %s", u)
	}
	path := filepath.FromSlash(parsed.Path)
	timeout := d.Timeout
	if timeout <= 0 {
		timeout = DefaultDirTimeout
	}
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := d.read(path, maxLength)
		done <- result{data, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		if errors.Is(r.err, os.ErrNotExist) {
			// go-tuf takes a 404 as "no newer root"; a missing file is the same.
			return nil, &metadata.ErrDownloadHTTP{StatusCode: 404, URL: u}
		}
		return r.data, r.err
	case <-timer.C:
		// The read goes on blocked, but the sync does not wait for it.
		return nil, fmt.Errorf("reading %s took longer than %v: is the drive still there?", path, timeout)
	}
}

// read reads a regular file of at most maxLength bytes inside the root.
func (d DirFetcher) read(path string, maxLength int64) ([]byte, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if info.Mode()&os.ModeSymlink != 0 {
		if info, err = d.followLink(path); err != nil {
			return nil, err
		}
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%v): a feed folder holds only files", path, info.Mode().Type())
	}
	if info.Size() > maxLength {
		return nil, &metadata.ErrDownloadLengthMismatch{Msg: fmt.Sprintf("%s is %d bytes, longer than the %d bytes expected", path, info.Size(), maxLength)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Checked again on what was opened: the file may have been swapped.
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxLength+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxLength {
		return nil, &metadata.ErrDownloadLengthMismatch{Msg: fmt.Sprintf("%s is longer than the %d bytes expected", path, maxLength)}
	}
	return data, nil
}

// followLink resolves a link, which must stay inside the root folder.
func (d DirFetcher) followLink(path string) (os.FileInfo, error) {
	if d.Root == "" {
		return nil, fmt.Errorf("%s is a link; a feed folder holds only files", path)
	}
	root, err := filepath.EvalSymlinks(d.Root)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return nil, fmt.Errorf("%s is a link to %s, outside the feed folder", path, real)
	}
	return os.Stat(real)
}

// CountingFetcher is go-tuf's HTTP fetcher counting requests and the
// bytes of the bodies it received, for load tests.
type CountingFetcher struct {
	Requests, Bytes atomic.Int64
	once            sync.Once
	inner           fetcher.Fetcher
}

// DownloadFile is part of go-tuf's fetcher.Fetcher.
func (f *CountingFetcher) DownloadFile(u string, maxLength int64, timeout time.Duration) ([]byte, error) {
	f.once.Do(func() { f.inner = fetcher.NewDefaultFetcher() })
	f.Requests.Add(1)
	data, err := f.inner.DownloadFile(u, maxLength, timeout)
	f.Bytes.Add(int64(len(data)))
	return data, err
}
