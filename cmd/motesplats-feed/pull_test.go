package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/pull"
)

// TestMain lets a test run this binary's main as a real process, to see
// the exit status a cron job or systemd timer sees.
func TestMain(m *testing.M) {
	if args := os.Getenv("MOTESPLATS_FEED_ARGS"); args != "" {
		os.Args = append([]string{"motesplats-feed"}, strings.Split(args, "\x1f")...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runProcess runs motesplats-feed with args as a child process and
// returns its output and exit status.
func runProcess(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "MOTESPLATS_FEED_ARGS="+strings.Join(args, "\x1f"))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return string(out), exit.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(out), 0
}

// copyContent copies the pull package's hand-written test content.
func copyContent(t *testing.T, dst string) {
	t.Helper()
	src := "../../internal/pull/testdata/content"
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755)
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPullBuildVerify is the cron job: pull a calendar from a server on
// 127.0.0.1, build and sign the feed, and check it as a kiosk would; the
// pulled events are in it. Then a source that fails exits 1 and a bad
// sources file exits 2, and the feed built from the last good items
// still verifies.
func TestPullBuildVerify(t *testing.T) {
	calendar, err := os.ReadFile("../../internal/pull/testdata/calendar-1.ics")
	if err != nil {
		t.Fatal(err)
	}
	var failing atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() {
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/calendar")
		w.Write(calendar)
	}))
	defer srv.Close()

	dir := t.TempDir()
	contentDir, keys, out := filepath.Join(dir, "content"), filepath.Join(dir, "keys"), filepath.Join(dir, "feed")
	copyContent(t, contentDir)
	sources := filepath.Join(dir, "sources.toml")
	os.WriteFile(sources, []byte(`timeout = "2s"
attempts = 1
[[source]]
id = "kalender"
kind = "ical"
url = "`+srv.URL+`/kalender.ics"
municipality = "orebro"
`), 0o644)

	text, code := runProcess(t, "pull", "--sources", sources, "--content", contentDir)
	if code != 0 || !strings.Contains(text, "kalender") || !strings.Contains(text, "1 source(s): 1 updated, 0 unchanged, 0 failed") {
		t.Fatalf("pull exited %d:\n%s", code, text)
	}
	if !strings.Contains(text, "events/konflikt-example-org.json is not the source's") {
		t.Errorf("the conflict with a hand-written event is not reported:\n%s", text)
	}
	if _, err := runFeed(t, "init", "--keys", keys); err != nil {
		t.Fatal(err)
	}
	if text, err := runFeed(t, "build", "--content", contentDir, "--keys", keys, "--out", out); err != nil {
		t.Fatalf("build: %v\n%s", err, text)
	}
	set, err := feed.Verify(filepath.Join(keys, "root.json"), out, time.Now())
	if err != nil {
		t.Fatalf("the feed does not verify: %v", err)
	}
	ids := map[string]bool{}
	for _, e := range set.Events {
		ids[e.ID] = true
	}
	for _, id := range []string{"sprakcafe-example-org", "laxhjalp-example-org", "handskrivet-mote", "konflikt-example-org"} {
		if !ids[id] {
			t.Errorf("event %s is not in the verified feed (it has %v)", id, ids)
		}
	}

	// The server is down: exit 1, a JSON summary, the items kept.
	failing.Store(true)
	text, code = runProcess(t, "pull", "--sources", sources, "--content", contentDir, "--json")
	if code != 1 {
		t.Errorf("a failing source exited %d, want 1:\n%s", code, text)
	}
	var sum pull.Summary
	if err := json.Unmarshal([]byte(text[:strings.LastIndex(text, "}")+1]), &sum); err != nil {
		t.Fatalf("--json: %v\n%s", err, text)
	}
	if r := sum.Sources[0]; r.Status != pull.StatusFailed || r.Kept != 2 || !strings.Contains(r.Error, "503") {
		t.Errorf("summary: %+v", r)
	}
	if text, err := runFeed(t, "build", "--content", contentDir, "--keys", keys, "--out", out); err != nil || !strings.Contains(text, "content unchanged") {
		t.Errorf("build after a failed pull: %v\n%s", err, text)
	}

	// Usage and configuration errors exit 2.
	os.WriteFile(sources, []byte("[[source]]\nid = \"x\"\nkind = \"rss\"\n"), 0o644)
	for _, args := range [][]string{
		{"pull", "--sources", sources, "--content", contentDir},
		{"pull", "--content", contentDir},
		{"pull", "--sources", sources, "--content", contentDir, "--bogus"},
	} {
		if text, code := runProcess(t, args...); code != 2 {
			t.Errorf("%v exited %d, want 2:\n%s", args, code, text)
		}
	}
	if text, code := runProcess(t, "pull", "--help"); code != 0 || !strings.Contains(text, "[[source]]") {
		t.Errorf("pull --help exited %d:\n%s", code, text)
	}
}
