package pull

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing/fstest"
	"time"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/importer"
	"github.com/motesplats/motesplats/internal/source"
)

// Options are the parts of a pull tests change.
type Options struct {
	// Client does the requests; nil is a client of its own.
	Client *http.Client
	// Now is the clock of fetched-at times; nil is time.Now.
	Now func() time.Time
	// Backoff is the wait before a second attempt (default 1s), doubling
	// up to MaxBackoff (default 30s).
	Backoff, MaxBackoff time.Duration
}

// The status of a source after a pull.
const (
	StatusUpdated     = "updated"      // answered; items were added, changed or removed
	StatusUnchanged   = "unchanged"    // answered; the items are as they were
	StatusNotModified = "not-modified" // every request answered 304
	StatusFailed      = "failed"       // no complete, good answer: the last good items stay
)

// Result is what a pull did with one source.
type Result struct {
	Source  string `json:"source"`
	Kind    string `json:"kind"`
	Status  string `json:"status"`
	New     int    `json:"new"`
	Changed int    `json:"changed"`
	Removed int    `json:"removed"`
	// Kept counts the source's items left as they were (for a failed
	// source: all of its last good items).
	Kept int `json:"kept"`
	// Skipped counts the records the importer left out.
	Skipped int    `json:"skipped"`
	Error   string `json:"error,omitempty"`
	// Conflicts are files the source has an item for but does not own
	// (hand-written, or another source's): left as they are.
	Conflicts []string `json:"conflicts,omitempty"`
	// Released are files the source owned that were edited by hand: they
	// are hand-written from now on.
	Released []string `json:"released,omitempty"`
	// Notes say what else was left out (items of unknown municipalities).
	Notes []string `json:"notes,omitempty"`
	// Problems are the importer's notes and skipped records.
	Problems []string `json:"problems,omitempty"`
}

// Summary is a pull of every source.
type Summary struct {
	Sources []Result `json:"sources"`
}

// Failed counts the sources that failed.
func (s *Summary) Failed() int {
	n := 0
	for _, r := range s.Sources {
		if r.Status == StatusFailed {
			n++
		}
	}
	return n
}

type puller struct {
	dir     string
	now     func() time.Time
	fetcher *fetcher
	// files is the content folder's item files ("events/x.json") as they
	// are on disk, kept current as sources are written.
	files map[string][]byte
}

// Run pulls every source of cfg into the content folder dir, one after
// the other. It returns an error only when the folder itself cannot be
// used (it must exist and read cleanly); a source that fails is a Result.
func Run(ctx context.Context, cfg *Config, dir string, opt Options) (*Summary, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("the content folder must exist before a pull: %w", err)
	}
	if !source.HoldsContent(dir) {
		return nil, fmt.Errorf("%s has none of the folders of a content folder (municipalities/, events/, …); nothing was fetched", dir)
	}
	files, err := readFiles(dir)
	if err != nil {
		return nil, err
	}
	if _, err := source.Read(mapFS(files)); err != nil {
		return nil, fmt.Errorf("the content folder %s must read cleanly before a pull; nothing was fetched:\n%w", dir, err)
	}
	if err := os.MkdirAll(filepath.Join(dir, StateDir), 0o755); err != nil {
		return nil, err
	}
	p := &puller{dir: dir, now: opt.Now, files: files, fetcher: &fetcher{
		client: opt.Client, timeout: cfg.Timeout, attempts: cfg.Attempts, maxBytes: cfg.MaxBytes,
		userAgent: cfg.UserAgent, backoff: opt.Backoff, maxBackoff: opt.MaxBackoff,
	}}
	if p.now == nil {
		p.now = time.Now
	}
	if p.fetcher.client == nil {
		p.fetcher.client = &http.Client{}
	}
	if p.fetcher.backoff <= 0 {
		p.fetcher.backoff = time.Second
	}
	if p.fetcher.maxBackoff <= 0 {
		p.fetcher.maxBackoff = 30 * time.Second
	}
	sum := &Summary{}
	for _, s := range cfg.Sources {
		sum.Sources = append(sum.Sources, p.pullOne(ctx, s))
	}
	return sum, nil
}

// readFiles reads the item files of a content folder as source.Read sees
// them.
func readFiles(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, kind := range content.Kinds {
		entries, err := os.ReadDir(filepath.Join(dir, string(kind)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, string(kind), e.Name()))
			if err != nil {
				return nil, err
			}
			files[string(kind)+"/"+e.Name()] = data
		}
	}
	return files, nil
}

// mapFS is a content folder in memory, for source.Read. It has every
// kind's folder, so it is a content folder even when a pull empties it.
func mapFS(files map[string][]byte) fstest.MapFS {
	fsys := make(fstest.MapFS, len(files)+len(content.Kinds))
	for _, kind := range content.Kinds {
		fsys[string(kind)] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
	}
	for f, data := range files {
		fsys[f] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// pulledItem is one item of a source's answer, encoded as its file.
type pulledItem struct {
	file   string
	data   []byte
	record string
}

func (p *puller) pullOne(ctx context.Context, s Source) Result {
	res := Result{Source: s.ID, Kind: s.Kind}
	m, err := loadManifest(p.dir, s.ID)
	if err != nil {
		res.Status, res.Error = StatusFailed, err.Error()
		return res
	}
	now := p.now().UTC().Truncate(time.Second)
	m.Kind, m.Checked = s.Kind, now
	m.Origin = s.URL
	if s.Kind == KindIntegreat {
		m.Origin = s.BaseURL + "/api/v3/" + s.Region + "/"
	}
	owned, missing := p.ownership(m, &res)
	fail := func(err error) Result {
		res.Status, res.Error, res.Kept = StatusFailed, err.Error(), len(owned)
		m.Error = res.Error
		if !m.Pending { // a claim made before writing stays until a pull completes
			m.Items = sortedOwned(owned)
		}
		if err := saveManifest(p.dir, m); err != nil {
			res.Error += "; and the manifest could not be written: " + err.Error()
		}
		return res
	}
	if err := p.checkReferences(s); err != nil {
		return fail(err)
	}

	answers, err := p.fetchAll(ctx, s, m)
	if err != nil {
		return fail(err)
	}
	config := configDigest(s)
	if allNotModified(answers) && !m.Fetched.IsZero() && !m.Pending && m.Config == config && !missing {
		res.Status, res.Kept = StatusNotModified, len(owned)
		m.Error, m.Items = "", sortedOwned(owned)
		if err := saveManifest(p.dir, m); err != nil {
			return fail(err)
		}
		return res
	}
	set, rep, err := importAnswers(s, answers)
	if err != nil {
		return fail(fmt.Errorf("the answer does not import: %w", err))
	}
	res.Skipped = rep.Skipped
	for _, pr := range rep.Problems {
		res.Problems = append(res.Problems, pr.String())
	}
	res.Notes = p.localise(set, s)
	items, err := encodeItems(set, rep)
	if err != nil {
		return fail(err)
	}
	if len(items) == 0 && len(owned) > 0 && !s.AllowEmpty {
		return fail(fmt.Errorf("the answer holds no items, but the source had %d; taken as a fault, the items stay (set allow_empty = true if the source is really empty)", len(owned)))
	}

	plan := p.plan(items, owned, &res)
	if err := p.validate(plan); err != nil {
		return fail(err)
	}
	if err := p.commit(s, m, plan, owned, answers, now); err != nil {
		return fail(fmt.Errorf("writing the items: %w", err))
	}
	m.Config, m.Error, m.Pending, m.Fetched = config, "", false, now
	if err := saveManifest(p.dir, m); err != nil {
		return fail(err)
	}
	res.Status = StatusUnchanged
	if res.New+res.Changed+res.Removed > 0 {
		res.Status = StatusUpdated
	}
	return res
}

// ownership is the files the manifest lists that the source still owns:
// a file edited by hand since pull wrote it is released (never written
// again), a file deleted by hand is forgotten. missing is true when any
// owned file is gone, so the items are written again.
func (p *puller) ownership(m *Manifest, res *Result) (owned map[string]Owned, missing bool) {
	owned = map[string]Owned{}
	for _, o := range m.Items {
		data, ok := p.files[o.File]
		switch {
		case !ok:
			missing = true
		case m.Pending || sha(data) == o.SHA256:
			// A pull cut off while writing owns all it may have touched.
			owned[o.File] = o
		default:
			res.Released = append(res.Released, o.File)
		}
	}
	return owned, missing
}

// checkReferences makes sure what the source's settings name is in the
// content folder.
func (p *puller) checkReferences(s Source) error {
	if s.Municipality != "" && p.files[source.File(content.KindMunicipality, s.Municipality)] == nil {
		return fmt.Errorf("municipality %q is not in the content folder; add %s (its name in the four languages)", s.Municipality, source.File(content.KindMunicipality, s.Municipality))
	}
	if s.Project != "" && p.files[source.File(content.KindProject, s.Project)] == nil {
		return fmt.Errorf("project %q is not in the content folder; add %s", s.Project, source.File(content.KindProject, s.Project))
	}
	return nil
}

// localise puts the items in the source's municipality and project. A
// source never writes municipalities (it cannot name them in four
// languages): an item whose municipality is not in the content folder,
// after the source's municipalities mapping, is left out and noted.
func (p *puller) localise(set *content.Set, s Source) []string {
	towns := map[string]string{}
	for _, m := range set.Municipalities {
		towns[m.ID] = m.Name[content.Swedish]
	}
	set.Municipalities = nil
	lost := map[string]int{}
	where := func(m string) (string, bool) {
		switch {
		case s.Municipality != "":
			return s.Municipality, true
		case m == "":
			return "", true
		}
		if id, ok := s.Municipalities[towns[m]]; ok && towns[m] != "" {
			m = id
		} else if id, ok := s.Municipalities[m]; ok {
			m = id
		}
		if p.files[source.File(content.KindMunicipality, m)] == nil {
			lost[m]++
			return m, false
		}
		return m, true
	}
	set.Articles = keep(set.Articles, func(a *content.Article) bool { var ok bool; a.Municipality, ok = where(a.Municipality); return ok })
	set.Services = keep(set.Services, func(v *content.Service) bool { var ok bool; v.Municipality, ok = where(v.Municipality); return ok })
	set.Events = keep(set.Events, func(e *content.Event) bool {
		var ok bool
		e.Municipality, ok = where(e.Municipality)
		if s.Project != "" {
			e.Project = s.Project
		}
		return ok
	})
	var notes []string
	for m, n := range lost {
		notes = append(notes, fmt.Sprintf("%d item(s) left out: municipality %q is not in the content folder (add %s, or map the town under municipalities)",
			n, m, source.File(content.KindMunicipality, m)))
	}
	sort.Strings(notes)
	return notes
}

func keep[T any](items []T, fn func(*T) bool) []T {
	out := items[:0]
	for i := range items {
		if fn(&items[i]) {
			out = append(out, items[i])
		}
	}
	return out
}

// encodeItems gives each item of the set its file and bytes, as
// source.WriteDir would write them.
func encodeItems(set *content.Set, rep importer.Report) ([]pulledItem, error) {
	var out []pulledItem
	var err error
	set.Each(func(item content.Item) {
		if item.Kind() == content.KindMunicipality {
			return // a source never writes municipalities (localise)
		}
		kind, id := item.Kind(), item.ItemID()
		data, e := source.Encode(item)
		if e != nil && err == nil {
			err = e
		}
		out = append(out, pulledItem{file: source.File(kind, id), data: data, record: rep.Records[string(kind)+"/"+id]})
	})
	return out, err
}

// plan is what writing a source's answer changes.
type plan struct {
	write  []pulledItem // new and changed, in kind order
	keep   []pulledItem // owned and the same
	remove []string     // owned and no longer in the answer
}

func (p *puller) plan(items []pulledItem, owned map[string]Owned, res *Result) plan {
	var pl plan
	answered := map[string]bool{}
	for _, it := range items {
		_, mine := owned[it.file]
		old, exists := p.files[it.file]
		switch {
		case exists && !mine:
			// Hand-written or another source's: never written over.
			res.Conflicts = append(res.Conflicts, it.file)
			continue
		case mine && string(old) == string(it.data):
			pl.keep = append(pl.keep, it)
			res.Kept++
		case mine:
			pl.write = append(pl.write, it)
			res.Changed++
		default:
			pl.write = append(pl.write, it)
			res.New++
		}
		answered[it.file] = true
	}
	for f := range owned {
		if !answered[f] {
			pl.remove = append(pl.remove, f)
		}
	}
	// Items that others point to (topics) are removed last.
	sort.Slice(pl.remove, func(i, j int) bool { return kindRank(pl.remove[i]) > kindRank(pl.remove[j]) })
	res.Removed = len(pl.remove)
	return pl
}

func kindRank(file string) int {
	kind, _, _ := strings.Cut(file, "/")
	return content.Kind(kind).Rank()
}

// validate reads the content folder as it would be after the plan, as
// build will read it: a source whose items would make it invalid is not
// written.
func (p *puller) validate(pl plan) error {
	next := mapFS(p.files)
	for _, it := range pl.write {
		next[it.file] = &fstest.MapFile{Data: it.data}
	}
	for _, f := range pl.remove {
		delete(next, f)
	}
	if _, err := source.Read(next); err != nil {
		lines := strings.Split(err.Error(), "\n")
		if len(lines) > 10 {
			lines = append(lines[:10], fmt.Sprintf("… and %d more", len(lines)-10))
		}
		return fmt.Errorf("the items would leave the content folder invalid, so none were written:\n%s", strings.Join(lines, "\n"))
	}
	return nil
}

// commit writes a plan. The manifest first claims every file the plan
// touches (pending), so a pull cut off half-way still owns them; then new
// and changed files are written, each atomically, in kind order (what is
// pointed to before what points to it); then removed files go; then the
// answers' bodies are kept for conditional requests.
func (p *puller) commit(s Source, m *Manifest, pl plan, owned map[string]Owned, answers []answer, now time.Time) error {
	final := make([]Owned, 0, len(pl.write)+len(pl.keep))
	for _, it := range pl.keep {
		o := owned[it.file]
		o.Record = it.record
		final = append(final, o)
	}
	for _, it := range pl.write {
		final = append(final, Owned{File: it.file, Record: it.record, SHA256: sha(it.data), Fetched: now})
	}
	if len(pl.write)+len(pl.remove) > 0 {
		claim := map[string]Owned{}
		for f, o := range owned {
			claim[f] = o
		}
		for _, o := range final {
			claim[o.File] = o
		}
		m.Pending, m.Items = true, sortedOwned(claim)
		if err := saveManifest(p.dir, m); err != nil {
			return err
		}
	}
	for _, it := range pl.write {
		path := filepath.Join(p.dir, filepath.FromSlash(it.file))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := atomicfile.WriteBytes(path, 0o644, it.data); err != nil {
			return err
		}
		p.files[it.file] = it.data
	}
	for _, f := range pl.remove {
		if err := os.Remove(filepath.Join(p.dir, filepath.FromSlash(f))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		delete(p.files, f)
	}
	m.Items = final
	sort.Slice(m.Items, func(i, j int) bool { return m.Items[i].File < m.Items[j].File })
	return p.keepBodies(s, m, answers)
}

// keepBodies stores the bodies of answers that came with validators, so
// the next pull can ask conditionally and use the body on a 304.
func (p *puller) keepBodies(s Source, m *Manifest, answers []answer) error {
	dir := cacheDir(p.dir, s.ID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	next := map[string]validators{}
	for _, a := range answers {
		if a.ETag == "" && a.LastModified == "" {
			continue
		}
		v := validators{ETag: a.ETag, LastModified: a.LastModified, Body: cacheName(a.URL)}
		if !a.NotModified {
			if err := atomicfile.WriteBytes(filepath.Join(dir, v.Body), 0o644, a.Body); err != nil {
				return err
			}
		}
		next[a.URL] = v
	}
	m.HTTP = next
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for _, v := range next {
		used[v.Body] = true
	}
	for _, e := range entries {
		if !used[e.Name()] {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

func allNotModified(answers []answer) bool {
	for _, a := range answers {
		if !a.NotModified {
			return false
		}
	}
	return len(answers) > 0
}

func sortedOwned(owned map[string]Owned) []Owned {
	out := make([]Owned, 0, len(owned))
	for _, o := range owned {
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b Owned) int { return strings.Compare(a.File, b.File) })
	return out
}

// configDigest changes when a source's settings do.
func configDigest(s Source) string {
	data, _ := json.Marshal(s)
	return sha(data)[:16]
}
