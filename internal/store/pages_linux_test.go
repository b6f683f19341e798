package store

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/synth"
)

// TestReadingEverythingLeavesLittleResident reads every item of a store of
// several megabytes, and checks the whole file, and then finds few of the
// file's pages still counted in the process's resident memory: Each and
// Check let them go as they read (dropPages).
func TestReadingEverythingLeavesLittleResident(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	set := synth.Generate(synth.Options{Municipalities: 20, Items: 4000, Seed: 1, Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err := s.Apply(set, content.Version{Number: 1, Source: content.SourceFeed}); err != nil {
		t.Fatal(err)
	}
	// Opened again, so no page Apply read is mapped.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(path, nil); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() < 8<<20 {
		t.Fatalf("the store is %d bytes: too small for this test", info.Size())
	}
	items := 0
	err = s.View(func(tx *Tx) error {
		for _, k := range content.Kinds {
			if err := tx.Each(k, func(content.Item) error { items++; return nil }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || items < 4000 {
		t.Fatalf("read %d items: %v", items, err)
	}
	// The items read since the last drop, less than dropEvery bytes,
	// keep their pages.
	if rss := mappedRss(t, path); rss > dropEvery+1<<20 {
		t.Errorf("after Each over every item, %d bytes of the %d-byte file are resident; want at most %d", rss, info.Size(), dropEvery+1<<20)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if rss := mappedRss(t, path); rss > 1<<20 {
		t.Errorf("after Check, %d bytes of the %d-byte file are resident; want at most 1 MiB", rss, info.Size())
	}
}

// mappedRss is the resident size of this process's maps of path.
func mappedRss(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps:", err)
	}
	defer f.Close()
	var total int64
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			in = len(fields) >= 6 && fields[5] == path
		case in && fields[0] == "Rss:":
			kb, _ := strconv.ParseInt(fields[1], 10, 64)
			total += kb << 10
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}
