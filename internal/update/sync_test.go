package update

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/synth"
)

var t0 = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// publisher is a feed folder with its keys, served on 127.0.0.1.
type publisher struct {
	keys, dir string
	root      []byte
	server    *httptest.Server
	set       *content.Set
}

func newPublisher(t testing.TB, items int) *publisher {
	t.Helper()
	p := &publisher{keys: filepath.Join(t.TempDir(), "keys"), dir: filepath.Join(t.TempDir(), "feed")}
	if err := feed.InitKeys(p.keys, 1, 1, feed.DefaultExpiries.Root, t0); err != nil {
		t.Fatal(err)
	}
	p.root, _ = os.ReadFile(filepath.Join(p.keys, feed.RootFile))
	p.set = synth.Generate(synth.Options{Municipalities: 20, Items: items, Seed: 5, Start: t0})
	p.publish(t)
	p.server = httptest.NewServer(feed.Handler(p.dir))
	t.Cleanup(p.server.Close)
	return p
}

func (p *publisher) publish(t testing.TB) {
	t.Helper()
	if _, err := feed.Build(p.set, p.keys, p.dir, feed.DefaultExpiries, t0); err != nil {
		t.Fatal(err)
	}
}

// kiosk is a store and sync state in temporary folders.
func newKiosk(t testing.TB) (*store.Store, string) {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "motesplats.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, t.TempDir()
}

func (p *publisher) options(state string) Options {
	return Options{Feed: p.server.URL, Root: p.root, StateDir: state, Now: t0.Add(time.Hour)}
}

func TestFirstSyncThenOnlyChangedShards(t *testing.T) {
	p := newPublisher(t, 1500)
	st, state := newKiosk(t)
	res, err := Run(context.Background(), st, p.options(state))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed || res.Reused != 0 || res.Downloaded == 0 || res.Changes != nil {
		t.Errorf("first sync: %+v", res)
	}
	if v, _, _ := st.Version(); v.Number != 1 || v.Source != content.SourceFeed || v.Digest != p.set.Digest() {
		t.Errorf("store after first sync: %+v", v)
	}
	// Nothing new: nothing downloaded.
	if res, err = Run(context.Background(), st, p.options(state)); err != nil || res.Changed || res.Downloaded != 0 {
		t.Errorf("second sync: %+v, %v", res, err)
	}
	// One service changes: one shard comes down.
	p.set.Services[7].Name[content.Swedish] = "Ändrad tjänst"
	p.publish(t)
	res, err = Run(context.Background(), st, p.options(state))
	if err != nil {
		t.Fatal(err)
	}
	if res.Downloaded != 1 || res.Reused == 0 || res.Version != 2 {
		t.Errorf("sync after one change: %+v", res)
	}
	v, _, _ := st.Version()
	if v.Digest != p.set.Digest() {
		t.Error("the store does not hold the new version")
	}
	// The patch says which item changed, and between which versions.
	want := content.Ref{Kind: content.KindService, ID: p.set.Services[7].ID}
	if ch := res.Changes; ch == nil || len(ch.Changed) != 1 || ch.Changed[0] != want || len(ch.Removed) != 0 || ch.To != v.Digest || ch.From == ch.To {
		t.Errorf("changes after one change: %+v, want %v", res.Changes, want)
	}
}

func TestSyncFromFolder(t *testing.T) {
	p := newPublisher(t, 300)
	st, state := newKiosk(t)
	opt := p.options(state)
	opt.Feed = p.dir // a copied feed on a USB stick
	if _, err := Run(context.Background(), st, opt); err != nil {
		t.Fatal(err)
	}
	if v, _, _ := st.Version(); v.Digest != p.set.Digest() {
		t.Error("import from a folder did not apply the feed")
	}
}

// A background sync and an import from a USB stick at the same moment
// take turns: both succeed, and the store holds exactly the feed.
func TestSyncAndImportAtOnceTakeTurns(t *testing.T) {
	p := newPublisher(t, 1500)
	st, state := newKiosk(t)
	fromFolder := p.options(state)
	fromFolder.Feed = p.dir
	errs := make(chan error, 2)
	for _, opt := range []Options{p.options(state), fromFolder} {
		go func() {
			_, err := Run(context.Background(), st, opt)
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("one of two syncs at once failed: %v", err)
		}
	}
	v, err := st.Verify()
	if err != nil || v.Digest != p.set.Digest() {
		t.Fatalf("after two syncs at once: %v, digest %.12s, want %.12s", err, v.Digest, p.set.Digest())
	}
}

// Every failure reason is a message in all four catalogs, so a screen can
// say it in the reader's language.
func TestReasonsAreCatalogMessages(t *testing.T) {
	catalog, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, id := range catalog.MessageIDs() {
		ids[id] = true
	}
	for _, r := range Reasons {
		if !ids[string(r)] {
			t.Errorf("reason %s has no message in the catalogs", r)
		}
	}
}

func TestStartSyncsInTheBackground(t *testing.T) {
	// Start uses the real clock, so this feed is signed now, not at t0.
	p := newPublisher(t, 200)
	os.RemoveAll(p.keys)
	os.RemoveAll(p.dir)
	if err := feed.InitKeys(p.keys, 1, 1, feed.DefaultExpiries.Root, time.Now()); err != nil {
		t.Fatal(err)
	}
	p.root, _ = os.ReadFile(filepath.Join(p.keys, feed.RootFile))
	if _, err := feed.Build(p.set, p.keys, p.dir, feed.DefaultExpiries, time.Now()); err != nil {
		t.Fatal(err)
	}
	st, dataDir := newKiosk(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, ok := Start(ctx, st, dataDir, nil, nil); ok {
		t.Fatal("started without a feed or a root")
	}
	st.SetSetting(SettingFeed, p.server.URL)
	if err := TrustRoot(filepath.Join(dataDir, StateDirName), p.root); err != nil {
		t.Fatal(err)
	}
	results := make(chan error, 4)
	now, ok := Start(ctx, st, dataDir, nil, func(_ *Result, err error) { results <- err })
	if !ok {
		t.Fatal("did not start with a feed and a root")
	}
	for i := 0; i < 2; i++ { // the sync at start, then one on demand
		select {
		case err := <-results:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("sync %d did not happen", i+1)
		}
		now()
	}
	if v, _, _ := st.Version(); v.Digest != p.set.Digest() {
		t.Error("background sync did not apply the feed")
	}
	if s, _ := st.SyncStatus(); s.LastSuccess.IsZero() || s.Feed != p.server.URL {
		t.Errorf("status not recorded: %+v", s)
	}
}

// TestOnceRecords: one sync through Once is recorded in the status, the
// reason of a failure included, at the time the caller's clock gives.
func TestOnceRecords(t *testing.T) {
	p := newPublisher(t, 60)
	st, state := newKiosk(t)
	at := time.Date(2026, 11, 23, 13, 0, 0, 0, time.UTC)
	clock := func() time.Time { return at }
	res, err := Once(context.Background(), st, p.server.URL, Options{Root: p.root, StateDir: state, Now: t0}, clock)
	if err != nil || res == nil || !res.Changed {
		t.Fatalf("first sync: %+v, %v", res, err)
	}
	if s, _ := st.SyncStatus(); !s.LastSuccess.Equal(at) || s.Feed != p.server.URL || s.LastError != "" {
		t.Errorf("success not recorded: %+v", s)
	}
	bad := "http://127.0.0.1:1/feed"
	if _, err := Once(context.Background(), st, bad, Options{Root: p.root, StateDir: state, Now: t0}, clock); err == nil {
		t.Fatal("a sync from a closed port worked")
	}
	s, _ := st.SyncStatus()
	if s.Feed != bad || s.LastError == "" || !s.LastSuccess.Equal(at) {
		t.Errorf("failure not recorded: %+v", s)
	}
}
