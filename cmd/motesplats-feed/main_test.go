package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runFeed(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out strings.Builder
	err := run(args, &out)
	return out.String(), err
}

func TestInitBuildVerifyBuiltinContent(t *testing.T) {
	dir := t.TempDir()
	keys, out := filepath.Join(dir, "keys"), filepath.Join(dir, "feed")
	if _, err := runFeed(t, "init", "--keys", keys, "--root-keys", "2", "--root-threshold", "2"); err != nil {
		t.Fatal(err)
	}
	text, err := runFeed(t, "build", "--content", "../../assets/content", "--keys", keys, "--out", out, "--timestamp-expiry", "1d")
	if err != nil || !strings.Contains(text, "built targets v1") {
		t.Fatalf("build: %v\n%s", err, text)
	}
	if text, err = runFeed(t, "verify", "--root", filepath.Join(keys, "root.json"), "--dir", out); err != nil || !strings.Contains(text, "verifies") {
		t.Fatalf("verify: %v\n%s", err, text)
	}
}

func TestBuildOfInvalidContentWritesNothing(t *testing.T) {
	dir := t.TempDir()
	keys, out, src := filepath.Join(dir, "keys"), filepath.Join(dir, "feed"), filepath.Join(dir, "content")
	if _, err := runFeed(t, "init", "--keys", keys); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(src, "events"), 0o755)
	os.WriteFile(filepath.Join(src, "events", "fika.json"), []byte(`{"id": "fika", "title": {"sv": "Fika"},
		"start": "2026-12-01T10:00:00+01:00", "timeZone": "Europe/Stockholm", "attendance": "offline"}`), 0o644)
	_, err := runFeed(t, "build", "--content", src, "--keys", keys, "--out", out)
	if err == nil || !strings.Contains(err.Error(), "events/fika.json: place:") || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("build of invalid content: %v", err)
	}
	if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
		t.Errorf("the feed folder was created: %v", statErr)
	}
}

func TestExpiryFlags(t *testing.T) {
	cases := []struct {
		value string
		ok    bool
	}{{"7d", true}, {"36h", true}, {"0d", false}, {"soon", false}, {"-3h", false}}
	for _, c := range cases {
		_, err := runFeed(t, "init", "--keys", filepath.Join(t.TempDir(), "k"), "--root-expiry", c.value)
		if (err == nil) != c.ok {
			t.Errorf("--root-expiry %s: %v", c.value, err)
		}
	}
}
