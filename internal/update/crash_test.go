package update

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/store"
)

// syncCrashItems is the size of the content in the crash test: large
// enough that a sync (split, download, apply) takes a few hundred ms.
const syncCrashItems = 8000

// Environment of TestSyncCrashChild.
const (
	envCrashStore = "MOTESPLATS_SYNC_CRASH_STORE"
	envCrashFeed  = "MOTESPLATS_SYNC_CRASH_FEED"
	envCrashState = "MOTESPLATS_SYNC_CRASH_STATE"
	envCrashRoot  = "MOTESPLATS_SYNC_CRASH_ROOT"
)

// TestSyncCrashChild is not a test of its own: TestSyncCrashDuringSync
// runs the test binary again with this test selected, to get a process it
// can kill while it syncs from a feed folder.
func TestSyncCrashChild(t *testing.T) {
	path := os.Getenv(envCrashStore)
	if path == "" {
		t.Skip("run by TestSyncCrashDuringSync")
	}
	root, err := os.ReadFile(os.Getenv(envCrashRoot))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, &store.Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fmt.Println("ready")
	res, err := Run(context.Background(), st, crashOptions(os.Getenv(envCrashFeed), root, os.Getenv(envCrashState)))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("synced", res.Version)
}

func crashOptions(feedDir string, root []byte, state string) Options {
	return Options{Feed: feedDir, Root: root, StateDir: state, Now: t0.Add(time.Hour)}
}

// crashKiosk is a kiosk's data that child processes sync and get killed.
type crashKiosk struct {
	db, state, root, feed string
}

// runChild starts a child syncing and kills it delay after it is ready
// (delay < 0: lets it finish and returns how long it took from ready).
func (k crashKiosk) runChild(delay time.Duration) (time.Duration, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestSyncCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envCrashStore+"="+k.db, envCrashFeed+"="+k.feed, envCrashState+"="+k.state, envCrashRoot+"="+k.root)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	lines := bufio.NewScanner(out)
	var seen []string
	for lines.Scan() && lines.Text() != "ready" {
		seen = append(seen, lines.Text())
	}
	ready := time.Now()
	if delay >= 0 {
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		for lines.Scan() {
		}
		cmd.Wait()
		return 0, nil
	}
	synced := false
	for lines.Scan() {
		seen = append(seen, lines.Text())
		synced = synced || strings.HasPrefix(lines.Text(), "synced ")
	}
	err = cmd.Wait()
	took := time.Since(ready)
	if err != nil || !synced {
		return 0, fmt.Errorf("child sync: %v\n%s\n%s", err, strings.Join(seen, "\n"), stderr.String())
	}
	return took, nil
}

// check reopens the store after a kill and checks that it passes bbolt's
// consistency check and holds exactly version old or new, with the content
// of that version (digests maps each to its content digest). It returns the
// version held.
func (k crashKiosk) check(digests map[int64]string, old, new int64) (int64, error) {
	st, err := store.Open(k.db, nil)
	if err != nil {
		return 0, fmt.Errorf("reopen after kill: %v", err)
	}
	defer st.Close()
	if st.Recovered() != nil {
		return 0, fmt.Errorf("store was moved aside after a kill: %+v", st.Recovered())
	}
	v, err := st.Verify()
	if err != nil {
		return 0, fmt.Errorf("after kill: %v", err)
	}
	if v.Number != old && v.Number != new {
		return 0, fmt.Errorf("version after kill = %d, want %d or %d", v.Number, old, new)
	}
	if v.Source != content.SourceFeed || v.Digest != digests[v.Number] {
		return 0, fmt.Errorf("store says version %d but holds other content (a mix of versions?)", v.Number)
	}
	return v.Number, nil
}

// raceEnabled reports whether this binary was built with -race.
func raceEnabled() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" {
				return s.Value == "true"
			}
		}
	}
	return false
}

// changeItems renames n services, starting at a place that moves with
// round, so each version has shards of its own.
func changeItems(set *content.Set, round, n int) {
	for i := 0; i < n; i++ {
		s := set.Services[(round*n+i*13)%len(set.Services)]
		if s.Name == nil {
			continue
		}
		s.Name[content.Swedish] = fmt.Sprintf("Ändrad tjänst %d.%d", round, i)
	}
}

// TestSyncCrashDuringSync kills a process that syncs a large feed at random
// moments and checks, every time, that the store reopens, passes bbolt's
// consistency check and holds exactly the old or the new version, and that
// whatever a kill left in the feed state (go-tuf's last trusted metadata,
// possibly newer than the store, possibly half of one refresh) does not
// stop the next sync.
func TestSyncCrashDuringSync(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: kills 50 sync processes")
	}
	rounds := 50
	if raceEnabled() {
		// Race-instrumented children sync ~8× slower: 50 rounds would take
		// six minutes. The kills test crash safety, not data races.
		rounds = 10
	}
	start := time.Now()
	p := newPublisher(t, syncCrashItems)
	digests := map[int64]string{1: p.set.Digest()}
	k := crashKiosk{
		db:    filepath.Join(t.TempDir(), "motesplats.db"),
		state: filepath.Join(t.TempDir(), StateDirName),
		root:  filepath.Join(p.keys, feed.RootFile),
		feed:  p.dir,
	}
	// publish builds the next version; it returns the version and the
	// digest of its content.
	publish := func() (int64, string) {
		res, err := feed.Build(p.set, p.keys, p.dir, feed.DefaultExpiries, t0)
		if err != nil {
			panic(err) // also called off the test goroutine
		}
		return res.TargetsVersion, p.set.Digest()
	}
	check := func(old, new int64) int64 {
		t.Helper()
		got, err := k.check(digests, old, new)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	// The kiosk holds version 1.
	st, err := store.Open(k.db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), st, crashOptions(k.feed, p.root, k.state)); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// Version 2 changes many services. One uninterrupted child sync tells
	// how long a sync takes here, so the kills can be spread over it.
	changeItems(p.set, 0, len(p.set.Services)/5)
	current, digest := publish()
	digests[current] = digest
	window, err := k.runChild(-1)
	if err != nil {
		t.Fatalf("uninterrupted child: %v", err)
	}
	if got := check(current, current); got != current {
		t.Fatalf("uninterrupted child left version %d", got)
	}

	outcomes := map[string]int{}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	changeItems(p.set, 1, 20)
	next, digest := publish()
	digests[next] = digest
	for round := 1; round <= rounds; round++ {
		// A little past the window too, so some kills land after the commit.
		delay := time.Duration(rng.Int64N(int64(window) * 13 / 10))
		if _, err := k.runChild(delay); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		// Check the store while the publisher builds the next version (the
		// last round's next is the one the final sync must reach).
		type checked struct {
			version int64
			err     error
		}
		done := make(chan checked)
		go func(old, new int64, digests map[int64]string) {
			v, err := k.check(digests, old, new)
			done <- checked{v, err}
		}(current, next, map[int64]string{current: digests[current], next: digests[next]})
		changeItems(p.set, round+1, 20)
		after, digest := publish()
		c := <-done
		if c.err != nil {
			t.Fatalf("round %d (kill %v after ready): %v", round, delay.Round(time.Millisecond), c.err)
		}
		if c.version == next {
			outcomes["new"]++
		} else {
			outcomes["old"]++
		}
		// go-tuf persists each metadata file as it is checked, before the
		// store applies: a kill in between leaves the feed state ahead.
		if _, targets, err := feed.ReadVersions(k.state); err == nil && targets > c.version {
			outcomes["state ahead"]++
		}
		current, next = c.version, after
		digests[next] = digest
	}

	// Whatever the last kill left behind, a sync that runs to the end lands
	// on the newest version.
	if _, err := k.runChild(-1); err != nil {
		t.Fatalf("sync after the kills: %v", err)
	}
	if got := check(next, next); got != next {
		t.Fatalf("sync after the kills left version %d, want %d", got, next)
	}
	leftovers, _ := filepath.Glob(filepath.Join(k.state, "tuf_tmp*"))
	t.Logf("%d kills over a %v sync window: %d left the old version, %d the new (%d with the feed state ahead of the store); %d go-tuf temporary files left in the feed state; %v in all",
		rounds, window.Round(time.Millisecond), outcomes["old"], outcomes["new"], outcomes["state ahead"], len(leftovers), time.Since(start).Round(time.Second))
}
