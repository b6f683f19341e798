package update

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/feed"
)

// copyFeed copies a published feed folder, as onto a USB stick.
func copyFeed(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "usb")
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	return to
}

// aShard is the path of one shard file in a feed folder.
func aShard(t *testing.T, dir string) string {
	t.Helper()
	var shard string
	filepath.Walk(filepath.Join(dir, feed.TargetsDir), func(path string, info os.FileInfo, _ error) error {
		if shard == "" && info != nil && info.Mode().IsRegular() {
			shard = path
		}
		return nil
	})
	if shard == "" {
		t.Fatal("no shard in the feed")
	}
	return shard
}

// TestImportReadsOnlyRegularFilesInTheFolder imports from copied feed
// folders where a file is a FIFO (which would block a read for ever), a
// link out of the folder, or a link inside it: the first two fail at
// once naming the file, the last works.
func TestImportReadsOnlyRegularFilesInTheFolder(t *testing.T) {
	p := newPublisher(t, 80)
	cases := []struct {
		name    string
		file    func(t *testing.T, dir string) string // which file to replace
		replace func(t *testing.T, path string)
		want    string // in the error; "" means the import works
	}{
		{"timestamp is a FIFO", metadataFile("timestamp.json"), func(t *testing.T, path string) {
			mkfifo(t, path)
		}, "not a regular file"},
		{"a shard is a FIFO", aShard, func(t *testing.T, path string) {
			mkfifo(t, path)
		}, "not a regular file"},
		{"a shard links out of the folder", aShard, func(t *testing.T, path string) {
			outside := filepath.Join(t.TempDir(), "shard")
			data, _ := os.ReadFile(path)
			os.WriteFile(outside, data, 0o644)
			os.Remove(path)
			os.Symlink(outside, path)
		}, "outside the feed folder"},
		{"a shard links inside the folder", aShard, func(t *testing.T, path string) {
			inside := filepath.Join(filepath.Dir(path), "copy-of-shard")
			os.Rename(path, inside)
			os.Symlink(inside, path)
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			usb := copyFeed(t, p.dir)
			c.replace(t, c.file(t, usb))
			st, state := newKiosk(t)
			opt := Options{Feed: usb, Root: p.root, StateDir: state, Now: t0.Add(time.Hour), FileTimeout: 20 * time.Second}
			start := time.Now()
			_, err := Run(context.Background(), st, opt)
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("the import took %v", took)
			}
			switch {
			case c.want == "" && err != nil:
				t.Errorf("import: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("import: %v, want an error saying %q", err, c.want)
			}
		})
	}
}

func metadataFile(name string) func(*testing.T, string) string {
	return func(_ *testing.T, dir string) string { return filepath.Join(dir, feed.MetadataDir, name) }
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	os.Remove(path)
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
}
