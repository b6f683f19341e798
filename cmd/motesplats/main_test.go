package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/library"
)

// buildBinary builds this command with Fyne's headless driver (-tags ci),
// so these tests run real processes without a display.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "motesplats")
	out, err := exec.Command("go", "build", "-tags", "ci", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func runBinary(bin string, env []string, args ...string) (stdout, stderr string, err error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var o, e strings.Builder
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

func TestProcesses(t *testing.T) {
	bin := buildBinary(t)

	t.Run("second instance is refused", func(t *testing.T) {
		dir := t.TempDir()
		lib, err := library.Open(dir) // this test process is the first instance
		if err != nil {
			t.Fatal(err)
		}
		defer lib.Close()
		_, stderr, err := runBinary(bin, []string{"LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "LANG=en_GB.UTF-8"}, "--data", dir, "--smoke")
		if err == nil {
			t.Fatal("second instance exited 0")
		}
		if want := "Mötesplats is already running (data folder " + dir + ")"; !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not say %q", stderr, want)
		}
		_, stderr, _ = runBinary(bin, []string{"LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "LANG=sv_SE.UTF-8"}, "--data", dir, "--smoke")
		if !strings.Contains(stderr, "Mötesplats är redan igång") {
			t.Errorf("in a Swedish session stderr is %q", stderr)
		}
	})

	t.Run("a store from a newer version is refused and kept", func(t *testing.T) {
		dir := t.TempDir()
		lib, err := library.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		lib.Close()
		db, err := bolt.Open(filepath.Join(dir, library.StoreFile), 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte("99")) })
		db.Close()
		_, stderr, err := runBinary(bin, []string{"LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "LANG=uk_UA.UTF-8"}, "--data", dir, "--smoke")
		if err == nil || !strings.Contains(stderr, "новіша версія Mötesplats") {
			t.Errorf("err %v, stderr %q", err, stderr)
		}
		if stores, _ := filepath.Glob(filepath.Join(dir, library.StoreFile+"*")); len(stores) != 1 {
			t.Errorf("the newer store was moved or copied: %v", stores)
		}
	})

	t.Run("status counts the built-in content", func(t *testing.T) {
		dir := t.TempDir()
		lib, err := library.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		lib.Close()
		stdout, stderr, err := runBinary(bin, nil, "status", "--data", dir, "--json")
		if err != nil {
			t.Fatalf("status: %v\n%s", err, stderr)
		}
		var r statusReport
		if err := json.Unmarshal([]byte(stdout), &r); err != nil {
			t.Fatalf("status --json is not JSON: %v\n%s", err, stdout)
		}
		if r.Version == nil || r.Version.Source != content.SourceBuiltin || r.Stats.Items[content.KindArticle] < 12 ||
			r.Stats.Languages[content.KindArticle][content.Arabic] != r.Stats.Items[content.KindArticle] {
			t.Errorf("status = %+v", r)
		}
		if out, stderr, err := runBinary(bin, nil, "check", "--data", dir); err != nil || !strings.Contains(out, "is sound") {
			t.Errorf("check: %v %s %s", err, out, stderr)
		}
		text, _, err := runBinary(bin, nil, "status", "--data", dir)
		if err != nil || !strings.Contains(text, "from builtin") || !strings.Contains(text, "articles") {
			t.Errorf("status text: %v\n%s", err, text)
		}
	})

	t.Run("status of a missing folder fails clearly", func(t *testing.T) {
		_, stderr, err := runBinary(bin, nil, "status", "--data", filepath.Join(t.TempDir(), "nothing"))
		if err == nil || !strings.Contains(stderr, "no Mötesplats data in") {
			t.Errorf("err %v, stderr %q", err, stderr)
		}
	})

	t.Run("load names the file and field that is wrong", func(t *testing.T) {
		src := t.TempDir()
		os.MkdirAll(filepath.Join(src, "topics"), 0o755)
		os.WriteFile(filepath.Join(src, "topics", "health.json"), []byte(`{"id": "health", "title": {"sv": "Hälsa"}, "colour": "red"}`), 0o644)
		_, stderr, err := runBinary(bin, nil, "load", "--data", t.TempDir(), "--content", src)
		if err == nil || !strings.Contains(stderr, "topics/health.json: colour: unknown field") {
			t.Errorf("err %v, stderr %q", err, stderr)
		}
	})

	t.Run("sync --json counts the requests of a failed sync", func(t *testing.T) {
		keys := filepath.Join(t.TempDir(), "keys")
		if err := feed.InitKeys(keys, 1, 1, feed.DefaultExpiries.Root, time.Now()); err != nil {
			t.Fatal(err)
		}
		var hits atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			http.NotFound(w, r)
		}))
		defer srv.Close()
		stdout, _, err := runBinary(bin, nil, "sync", "--data", t.TempDir(), "--feed", srv.URL, "--root", filepath.Join(keys, feed.RootFile), "--json")
		var r syncReport
		if jerr := json.Unmarshal([]byte(stdout), &r); err == nil || jerr != nil {
			t.Fatalf("sync against a server without a feed: %v; report %q (%v)", err, stdout, jerr)
		}
		if r.OK || r.Reason != "SyncOffline" || r.Requests == 0 || r.Requests != hits.Load() || r.WireBytes == 0 {
			t.Errorf("report %+v; the server had %d requests", r, hits.Load())
		}
	})

	// --smoke with the real driver runs in `make smoke`, under Xvfb.
}
