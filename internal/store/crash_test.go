package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// crashItems is the size of each version in the crash test: 3 × crashItems
// items plus bodies, large enough that a commit takes a while to write.
const crashItems = 5000

func crashSet(version int64) *content.Set {
	set := testSet(crashItems, "v"+strconv.FormatInt(version, 10))
	for i := range set.Articles {
		set.Articles[i].Body = content.Text{"sv": fmt.Sprintf("Version %d. Vårdcentralen svarar på frågor om hälsa och vård, artikel %d.", version, i)}
	}
	return set
}

// TestCrashChild is not a test of its own: TestCrashDuringApply runs the
// test binary again with this test selected, to get a process it can kill.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("MOTESPLATS_CRASH_STORE")
	if path == "" {
		t.Skip("run by TestCrashDuringApply")
	}
	version, _ := strconv.ParseInt(os.Getenv("MOTESPLATS_CRASH_VERSION"), 10, 64)
	set := crashSet(version) // built before "ready", so the kill lands in Apply
	s, err := Open(path, &Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("ready")
	if err := s.Apply(set, content.Version{Number: version, Source: content.SourceFeed}); err != nil {
		t.Fatal(err)
	}
	fmt.Println("applied")
	s.Close()
}

// TestCrashDuringApply kills a process that is applying a large version at
// random moments and checks, every time, that the store reopens, passes
// bbolt's consistency check, and holds exactly the old or the new version.
func TestCrashDuringApply(t *testing.T) {
	const rounds = 50
	path := filepath.Join(t.TempDir(), "motesplats.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(crashSet(1), content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// One uninterrupted run tells how long an apply takes here, so the kill
	// moments can be spread over the whole of it.
	window, err := runChild(path, 2, -1)
	if err != nil {
		t.Fatalf("uninterrupted child: %v", err)
	}
	digests := map[int64]string{}
	digestOf := func(v int64) string {
		if digests[v] == "" {
			digests[v] = crashSet(v).Digest()
		}
		return digests[v]
	}

	current := int64(2)
	outcomes := map[string]int{}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for round := 0; round < rounds; round++ {
		next := current + 1
		// A little past the window too, so some kills land after the commit.
		delay := time.Duration(rng.Int64N(int64(window) * 13 / 10))
		if _, err := runChild(path, next, delay); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		got := checkReopened(t, path, digestOf, current, next)
		if got == next {
			outcomes["new"]++
		} else {
			outcomes["old"]++
		}
		current = got
	}
	t.Logf("%d kills over a %v apply window: %d left the old version, %d the new", rounds, window.Round(time.Millisecond), outcomes["old"], outcomes["new"])
}

// runChild starts a child applying version and kills it delay after it is
// ready (delay < 0: let it finish and return how long it took from ready).
func runChild(path string, version int64, delay time.Duration) (time.Duration, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "MOTESPLATS_CRASH_STORE="+path, "MOTESPLATS_CRASH_VERSION="+strconv.FormatInt(version, 10))
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	lines := bufio.NewScanner(out)
	for lines.Scan() && lines.Text() != "ready" {
	}
	ready := time.Now()
	if delay >= 0 {
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		go func() {
			for lines.Scan() {
			}
		}()
		cmd.Wait()
		return 0, nil
	}
	for lines.Scan() {
	}
	err = cmd.Wait()
	return time.Since(ready), err
}

func checkReopened(t *testing.T, path string, digestOf func(int64) string, old, new int64) int64 {
	t.Helper()
	s, err := Open(path, nil)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	if s.Recovered() != nil {
		t.Fatalf("store was moved aside after a kill: %+v", s.Recovered())
	}
	v, err := s.Verify()
	if err != nil {
		t.Fatalf("after kill: %v", err)
	}
	if v.Number != old && v.Number != new {
		t.Fatalf("version after kill = %d, want %d or %d", v.Number, old, new)
	}
	if v.Digest != digestOf(v.Number) {
		t.Fatalf("store says version %d but holds other content (a mix of versions?)", v.Number)
	}
	return v.Number
}
