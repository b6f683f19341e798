package feed

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/synth"
)

var t0 = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func testContent(items int) *content.Set {
	return synth.Generate(synth.Options{Municipalities: 12, Items: items, Seed: 3, Start: t0})
}

// newFeed makes keys and a first build in temporary folders.
func newFeed(t *testing.T, set *content.Set) (keys, out string) {
	t.Helper()
	keys, out = filepath.Join(t.TempDir(), "keys"), filepath.Join(t.TempDir(), "feed")
	if err := InitKeys(keys, 1, 1, DefaultExpiries.Root, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(set, keys, out, DefaultExpiries, t0); err != nil {
		t.Fatal(err)
	}
	return keys, out
}

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out[rel], _ = os.ReadFile(p)
		}
		return err
	})
	return out
}

func TestBuildVerifyRoundTrip(t *testing.T) {
	set := testContent(600)
	keys, out := newFeed(t, set)
	back, err := Verify(filepath.Join(keys, RootFile), out, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if back.Digest() != set.Digest() {
		t.Error("the verified feed holds other content than was built")
	}
	for _, name := range []string{"root-1.key", "targets.key", "snapshot.key", "timestamp.key"} {
		if st, err := os.Stat(filepath.Join(keys, name)); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v mode %v, want 0600", name, err, st.Mode().Perm())
		}
	}
}

func TestTamperingAnyByteFailsVerify(t *testing.T) {
	keys, out := newFeed(t, testContent(200))
	root := filepath.Join(keys, RootFile)
	all := files(t, out)
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	checked := 0
	for _, name := range names {
		data := all[name]
		for _, at := range []int{0, len(data) / 3, len(data) / 2, len(data) - 2} {
			tampered := bytes.Clone(data)
			tampered[at] ^= 0x01
			p := filepath.Join(out, name)
			os.WriteFile(p, tampered, 0o644)
			if _, err := Verify(root, out, t0.Add(time.Hour)); err == nil {
				t.Errorf("%s: flipping byte %d of %d went unnoticed", name, at, len(data))
			}
			os.WriteFile(p, data, 0o644)
			checked++
		}
	}
	if _, err := Verify(root, out, t0.Add(time.Hour)); err != nil {
		t.Fatalf("restored feed does not verify: %v", err)
	}
	t.Logf("%d files, %d tampered copies, all refused", len(names), checked)
}

func TestUnchangedRebuildOnlyResignsTimestamp(t *testing.T) {
	set := testContent(300)
	keys, out := newFeed(t, set)
	before := files(t, out)
	res, err := Build(set, keys, out, DefaultExpiries, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	after := files(t, out)
	var changed []string
	for name, data := range after {
		if !bytes.Equal(before[name], data) {
			changed = append(changed, name)
		}
	}
	if res.ContentChanged || len(changed) != 1 || changed[0] != filepath.Join(MetadataDir, "timestamp.json") {
		t.Errorf("unchanged rebuild changed %v (content changed: %v)", changed, res.ContentChanged)
	}
	if res.TimestampVersion != 2 || res.TargetsVersion != 1 {
		t.Errorf("versions after rebuild: %+v", res)
	}
}

func TestOneServiceChangesOneShard(t *testing.T) {
	set := testContent(2000)
	keys, out := newFeed(t, set)
	before := files(t, out)
	var muni string
	for i := range set.Services {
		if set.Services[i].Municipality != "" {
			set.Services[i].Name[content.Swedish] += " (ny adress)"
			muni = set.Services[i].Municipality
			break
		}
	}
	res, err := Build(set, keys, out, DefaultExpiries, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var added []string
	for name := range files(t, out) {
		if _, ok := before[name]; !ok {
			added = append(added, filepath.ToSlash(name))
		}
	}
	sort.Strings(added)
	// one new shard, new targets and snapshot; the timestamp is rewritten in place
	if len(added) != 3 || !strings.HasPrefix(added[2], "targets/services/") || !strings.Contains(added[2], muni) ||
		added[0] != "metadata/2.snapshot.json" || added[1] != "metadata/2.targets.json" {
		t.Errorf("new files after changing one service in %s: %v", muni, added)
	}
	if len(res.Written) != 1 || res.TargetsVersion != 2 {
		t.Errorf("build wrote %v, targets version %d", res.Written, res.TargetsVersion)
	}
	if _, err := Verify(filepath.Join(keys, RootFile), out, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
}

func TestSplitAndJoin(t *testing.T) {
	set := testContent(3000)
	shards, err := Split(set)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range shards {
		if len(s.Data) > 2*maxShardBytes {
			t.Errorf("%s is %d bytes", s.Name, len(s.Data))
		}
	}
	back, err := Join(shards)
	if err != nil {
		t.Fatal(err)
	}
	if back.Digest() != set.Digest() {
		t.Error("split and join changed the content")
	}
	again, _ := Split(set)
	for i := range shards {
		if shards[i].Name != again[i].Name || !bytes.Equal(shards[i].Data, again[i].Data) {
			t.Fatalf("splitting twice gave different shards at %s", shards[i].Name)
		}
	}
}

func TestExpiredTimestampFailsAndTimestampCommandRenews(t *testing.T) {
	keys, out := newFeed(t, testContent(100))
	root := filepath.Join(keys, RootFile)
	later := t0.Add(8 * 24 * time.Hour) // past the 7-day timestamp
	if _, err := Verify(root, out, later); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("verify of an expired timestamp: %v", err)
	}
	if _, err := Timestamp(keys, out, DefaultExpiries.Timestamp, later); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(root, out, later); err != nil {
		t.Errorf("after timestamp: %v", err)
	}
}

func TestInitRefusesToOverwriteKeys(t *testing.T) {
	dir := t.TempDir()
	if err := InitKeys(dir, 3, 2, DefaultExpiries.Root, t0); err != nil {
		t.Fatal(err)
	}
	keys, err := LoadKeys(dir)
	if err != nil || len(keys.Root) != 3 {
		t.Fatalf("load: %v, %d root keys", err, len(keys.Root))
	}
	if err := InitKeys(dir, 1, 1, DefaultExpiries.Root, t0); err == nil {
		t.Error("init overwrote existing keys")
	}
}

func TestServeCachingHeaders(t *testing.T) {
	_, out := newFeed(t, testContent(100))
	srv := httptest.NewServer(Handler(out))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/metadata/timestamp.json")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	tag := res.Header.Get("ETag")
	if res.StatusCode != 200 || tag == "" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("timestamp: %d, ETag %q, Cache-Control %q", res.StatusCode, tag, res.Header.Get("Cache-Control"))
	}
	req, _ := http.NewRequest("GET", srv.URL+"/metadata/timestamp.json", nil)
	req.Header.Set("If-None-Match", tag)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET of an unchanged timestamp: %d, want 304", res.StatusCode)
	}
	res, err = http.Get(srv.URL + "/metadata/1.targets.json")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("versioned metadata Cache-Control %q", res.Header.Get("Cache-Control"))
	}
}
