package takeaway

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "events.ics")
	for _, data := range []string{"first version, longer than the second", "second"} {
		if err := WriteFile(path, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != data {
			t.Errorf("file holds %q, want %q", got, data)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want only the file (no temporary left)", len(entries))
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o044 == 0 {
		t.Errorf("mode %v: others cannot read the exported file", info.Mode())
	}
}

func TestWriteFileMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-folder", "events.ics")
	if err := WriteFile(path, []byte("x")); err == nil {
		t.Error("no error for a folder that does not exist")
	}
}
