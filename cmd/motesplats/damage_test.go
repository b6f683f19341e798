package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/store"
)

// damagedFolder makes a data folder with the built-in content and
// damages its store file with damage.
func damagedFolder(t *testing.T, damage func(path string, good []byte) []byte) (dir string, bad []byte) {
	t.Helper()
	dir = t.TempDir()
	lib, err := library.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	lib.Close()
	path := filepath.Join(dir, library.StoreFile)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad = damage(path, good)
	if err := os.WriteFile(path, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, bad
}

func pagesInUse(path string) int {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int64
	db.View(func(tx *bolt.Tx) error { n = tx.Size() / 4096; return nil })
	return int(n)
}

// exitCode is a finished process's exit code (-1: killed by a signal).
func exitCode(err error) int {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		return -2
	}
	return 0
}

func noCrash(t *testing.T, what, stderr string, err error) {
	t.Helper()
	if code := exitCode(err); code != 0 && code != 1 {
		t.Errorf("%s: exit code %d, want 0 or 1\n%s", what, code, stderr)
	}
	for _, crash := range []string{"\npanic: ", "goroutine ", "SIGBUS", "SIGSEGV", "fatal error"} {
		if strings.Contains("\n"+stderr, crash) {
			t.Errorf("%s crashed (%q in stderr):\n%s", what, crash, stderr)
		}
	}
}

// TestDamagedStoreCommands runs the real binary's status and check on
// damaged store files: they say the file is damaged (exit code 1), never
// crash, and leave the file where it is; the app then moves it aside.
func TestDamagedStoreCommands(t *testing.T) {
	bin := buildBinary(t)
	cases := []struct {
		name string
		// statusSees is false when the damage lies in pages status does
		// not read (only check and the app's background check find it).
		statusSees bool
		damage     func(path string, good []byte) []byte
	}{
		{"empty file", true, func(string, []byte) []byte { return nil }},
		{"cut mid-page", true, func(_ string, good []byte) []byte { return good[:5*4096+123] }},
		{"cut to half its pages", true, func(path string, good []byte) []byte { return good[:pagesInUse(path)/2*4096] }},
		{"meta pages zeroed", true, func(_ string, good []byte) []byte {
			bad := bytes.Clone(good)
			clear(bad[:2*4096])
			return bad
		}},
		{"last page in use flipped", false, func(path string, good []byte) []byte {
			bad := bytes.Clone(good)
			last := (pagesInUse(path) - 1) * 4096
			for i := last; i < last+4096; i++ {
				bad[i] ^= 0xa5
			}
			return bad
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, bad := damagedFolder(t, c.damage)
			stdout, stderr, err := runBinary(bin, nil, "status", "--data", dir, "--json")
			noCrash(t, "status", stderr, err)
			var r statusReport
			if jerr := json.Unmarshal([]byte(stdout), &r); jerr != nil {
				t.Fatalf("status --json printed no JSON (%v):\n%s", jerr, stdout)
			}
			if c.statusSees && (exitCode(err) != 1 || r.Damaged == "" || !strings.Contains(stderr, "is damaged")) {
				t.Errorf("status: exit %d, damaged %q, stderr %q", exitCode(err), r.Damaged, stderr)
			}
			stdout, stderr, err = runBinary(bin, nil, "check", "--data", dir)
			noCrash(t, "check", stderr, err)
			if exitCode(err) != 1 || !strings.Contains(stderr, "is damaged") || !strings.Contains(stderr, "built-in content takes over") {
				t.Errorf("check: exit %d, stdout %q, stderr %q", exitCode(err), stdout, stderr)
			}
			if now, _ := os.ReadFile(filepath.Join(dir, library.StoreFile)); !bytes.Equal(now, bad) {
				t.Error("status or check changed the damaged file")
			}
			// load opens the folder for writing, as the app does.
			src := t.TempDir()
			_, stderr, err = runBinary(bin, nil, "load", "--data", dir, "--content", src)
			noCrash(t, "load", stderr, err)
			if out, stderr, err := runBinary(bin, nil, "check", "--data", dir); err != nil || !strings.Contains(out, "is sound") {
				t.Errorf("after the app opened the folder, check: %v %s %s", err, out, stderr)
			}
			if moved, _ := filepath.Glob(filepath.Join(dir, library.StoreFile+".broken-*")); len(moved) != 1 {
				t.Errorf("the damaged file was not moved aside once: %v", moved)
			}
		})
	}
}

// TestStatusWhileTheStoreIsInUse: bbolt lets one process open the store;
// while another has it (the app, a long sync), status reads the summary
// that process keeps beside the store, and says so.
func TestStatusWhileTheStoreIsInUse(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	lib, err := library.Open(dir) // this test process is the running app
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	failed := store.SyncStatus{Feed: "https://example.org/feed", LastAttempt: time.Now(), LastError: "SyncOffline: connection refused"}
	if err := lib.Store.SetSyncStatus(failed); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := runBinary(bin, nil, "status", "--data", dir, "--json")
	if err != nil {
		t.Fatalf("status while in use: %v\n%s", err, stderr)
	}
	var r statusReport
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if r.SavedAt == nil || r.Version == nil || r.Version.Source != content.SourceBuiltin || r.Sync.LastError != failed.LastError {
		t.Errorf("status while in use: %+v", r)
	}
	text, _, err := runBinary(bin, nil, "status", "--data", dir)
	if err != nil || !strings.Contains(text, "in use by a running Mötesplats") || !strings.Contains(text, "failed: SyncOffline") {
		t.Errorf("status text while in use: %v\n%s", err, text)
	}
}
