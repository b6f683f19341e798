package update

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/store"
)

// TestDamagedFeedStateIsReportedAndRepairedWithRoot damages each file of
// the feed state after a good sync: syncs then fail naming the file and
// what to do (never a bare JSON error), nothing is taken from the feed in
// its place, and giving the root again moves the damaged file aside and
// syncs work again.
func TestDamagedFeedStateIsReportedAndRepairedWithRoot(t *testing.T) {
	damages := map[string]func([]byte) []byte{
		"empty":     func([]byte) []byte { return nil },
		"cut short": func(b []byte) []byte { return b[:len(b)/2] },
		"not JSON":  func(b []byte) []byte { return append([]byte("\x00\x00"), b[2:]...) },
	}
	p := newPublisher(t, 60)
	other := newPublisher(t, 10) // another fund's root
	for _, file := range []string{feed.RootFile, "timestamp.json", "snapshot.json", "targets.json"} {
		for name, damage := range damages {
			t.Run(file+" "+name, func(t *testing.T) {
				st, state := newKiosk(t)
				if err := TrustRoot(state, p.root); err != nil {
					t.Fatal(err)
				}
				if _, err := Run(context.Background(), st, p.options(state)); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(state, file)
				good, _ := os.ReadFile(path)
				bad := damage(good)
				os.WriteFile(path, bad, 0o644)

				_, err := TrustedRoot(state)
				var damaged *StateDamageError
				if !errors.As(err, &damaged) || damaged.Path != path || damaged.Root != (file == feed.RootFile) {
					t.Fatalf("TrustedRoot: %v, want a StateDamageError for %s", err, path)
				}
				if msg := err.Error(); !strings.Contains(msg, "is damaged") || !strings.Contains(msg, "--root") {
					t.Errorf("the message does not say what is wrong and what to do: %s", msg)
				}
				_, err = Run(context.Background(), st, p.options(state))
				var se *Error
				if !errors.As(err, &se) || se.Reason != ReasonLocal || !errors.As(err, &damaged) {
					t.Errorf("sync with damaged state: %v", err)
				}
				if now, _ := os.ReadFile(path); string(now) != string(bad) {
					t.Error("a failed sync replaced the damaged file (from the feed?)")
				}
				if err := TrustRoot(state, []byte(`{"signed": {}}`)); err == nil {
					t.Error("a root that is not a TUF root was trusted")
				}

				if err := TrustRoot(state, p.root); err != nil {
					t.Fatalf("giving the root again: %v", err)
				}
				kept, _ := filepath.Glob(path + ".broken-*")
				if len(kept) != 1 {
					t.Fatalf("the damaged file was not moved aside: %v", kept)
				}
				if moved, _ := os.ReadFile(kept[0]); string(moved) != string(bad) {
					t.Error("the damaged file was changed when it was moved aside")
				}
				if _, err := TrustedRoot(state); err != nil {
					t.Fatal(err)
				}
				if _, err := Run(context.Background(), st, p.options(state)); err != nil {
					t.Errorf("sync after repair: %v", err)
				}
				if err := TrustRoot(state, other.root); err == nil || !strings.Contains(err.Error(), "already trusts another root") {
					t.Errorf("an intact state took another root: %v", err)
				}
			})
		}
	}
}

// TestDamagedStateTakesAnotherRootFromStaff: with the state damaged, a
// root that staff give is trusted even when it differs from the kept one
// (which may have rotated); the rest of the state starts afresh.
func TestDamagedStateTakesAnotherRootFromStaff(t *testing.T) {
	p, other := newPublisher(t, 80), newPublisher(t, 10)
	st, state := newKiosk(t)
	TrustRoot(state, p.root)
	if _, err := Run(context.Background(), st, p.options(state)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(state, "timestamp.json"), nil, 0o644)
	if err := TrustRoot(state, other.root); err != nil {
		t.Fatal(err)
	}
	if root, err := TrustedRoot(state); err != nil || string(root) != string(other.root) {
		t.Fatalf("trusted root after repair: %v", err)
	}
	for _, name := range []string{"snapshot.json", "targets.json"} {
		if _, err := os.Stat(filepath.Join(state, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s of the old root was kept: %v", name, err)
		}
	}
}

// TestFirstRootIsWrittenWhole: the first root goes through a temporary
// file and a rename, leaving nothing else behind; an invalid one is not
// written at all.
func TestFirstRootIsWrittenWhole(t *testing.T) {
	p := newPublisher(t, 5)
	state := filepath.Join(t.TempDir(), "feed-state")
	if err := TrustRoot(state, []byte("{")); err == nil {
		t.Fatal("a broken root was trusted")
	}
	if _, err := os.Stat(RootPath(state)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a broken root was written: %v", err)
	}
	if err := TrustRoot(state, p.root); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(state)
	if len(entries) != 1 || entries[0].Name() != feed.RootFile {
		t.Errorf("state folder holds %v, want only %s", entries, feed.RootFile)
	}
	if got, _ := os.ReadFile(RootPath(state)); string(got) != string(p.root) {
		t.Error("the root was not written whole")
	}
}

// TestFailedFirstSyncOnAFullDiskIsInTheStatus acts out a full disk (the
// store may not grow): the first sync fails, and the status says so even
// when the failure itself cannot be written to the store.
func TestFailedFirstSyncOnAFullDiskIsInTheStatus(t *testing.T) {
	p := newPublisher(t, 300)
	path := filepath.Join(t.TempDir(), "motesplats.db")
	st, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// Smaller than the file already is: no page can be added at its end.
	st, err = store.Open(path, &store.Options{MaxSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	state := t.TempDir()
	_, err = Run(context.Background(), st, p.options(state))
	var se *Error
	if !errors.As(err, &se) || se.Reason != ReasonLocal {
		t.Fatalf("sync onto a full disk: %v", err)
	}
	recordErr := Record(st, p.server.URL, t0, err)
	if recordErr == nil {
		t.Log("the failure could be recorded in the store")
	}
	status, serr := CurrentStatus(st, t0, DefaultStaleAfter)
	if serr != nil || !strings.HasPrefix(status.LastError, string(ReasonLocal)+":") || status.LastAttempt.IsZero() {
		t.Errorf("status after the failed first sync (record: %v): %+v, %v", recordErr, status, serr)
	}
}

// TestLoopWithDamagedStateSaysSo: the app's background sync does not
// start on a damaged feed state, and the status says why.
func TestLoopWithDamagedStateSaysSo(t *testing.T) {
	p := newPublisher(t, 80)
	st, _ := newKiosk(t)
	data := t.TempDir()
	state := filepath.Join(data, StateDirName)
	if err := TrustRoot(state, p.root); err != nil {
		t.Fatal(err)
	}
	st.SetSetting(SettingFeed, p.server.URL)
	os.WriteFile(RootPath(state), []byte(`{"signed":`), 0o644)
	var told error
	_, ok := Start(context.Background(), st, data, nil, func(_ *Result, err error) { told = err })
	if ok {
		t.Fatal("the loop started on a damaged root")
	}
	status, _ := st.SyncStatus()
	var damaged *StateDamageError
	if !errors.As(told, &damaged) || !strings.Contains(status.LastError, "trusted root file") || !strings.HasPrefix(status.LastError, string(ReasonLocal)) {
		t.Errorf("told %v; status %+v", told, status)
	}
}
