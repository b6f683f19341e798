package folders

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestPlacesListsRemovableMediaThenHome(t *testing.T) {
	home := t.TempDir()
	mounts := strings.Join([]string{
		"/dev/sda1 / ext4 rw 0 0",
		"proc /proc proc rw 0 0",
		`/dev/sdb1 /media/kiosk/USB\040STICK vfat rw 0 0`,
		"/dev/sdc1 /run/media/staff/FEED vfat rw 0 0",
		"/dev/sdd1 /mnt/backup ext4 rw 0 0",
		"/dev/sdd1 /mnt/backup ext4 rw 0 0", // mounted twice
		"tmpfs /media tmpfs rw 0 0",         // the folder itself is no medium
		"short",
	}, "\n")
	got := Places(strings.NewReader(mounts), home)
	want := []Place{
		{"/media/kiosk/USB STICK", true},
		{"/mnt/backup", true},
		{"/run/media/staff/FEED", true},
		{home, false},
	}
	if len(got) != len(want) {
		t.Fatalf("places %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("place %d = %v, want %v", i, got[i], want[i])
		}
	}
	if p := Places(strings.NewReader(""), filepath.Join(home, "missing")); len(p) != 0 {
		t.Errorf("a missing home is listed: %v", p)
	}
}

func TestListShowsFoldersThenMatchingFiles(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"feed", "Archive", ".hidden"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"root.json", "Notes.txt", "B.JSON", ".secret.json"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "feed"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	names := func(es []Entry) string {
		var s []string
		for _, e := range es {
			n := e.Name
			if e.Dir {
				n += "/"
			}
			s = append(s, n)
		}
		return strings.Join(s, " ")
	}
	cases := []struct {
		exts     []string
		onlyDirs bool
		want     string
	}{
		{[]string{".json"}, false, "Archive/ feed/ link/ B.JSON root.json"},
		{nil, false, "Archive/ feed/ link/ B.JSON Notes.txt root.json"},
		{nil, true, "Archive/ feed/ link/"},
	}
	for _, c := range cases {
		got, err := List(dir, c.exts, c.onlyDirs)
		if err != nil {
			t.Fatal(err)
		}
		if names(got) != c.want {
			t.Errorf("List(%v, %v) = %q, want %q", c.exts, c.onlyDirs, names(got), c.want)
		}
	}
	if _, err := List(filepath.Join(dir, "nope"), nil, false); err == nil {
		t.Error("listing a missing folder gave no error")
	}
}

func TestValidName(t *testing.T) {
	for name, want := range map[string]bool{
		"events.ics": true, "händelser 2026.ics": true, "": false, "  ": false,
		".": false, "..": false, "a/b.ics": false, "nul\x00.ics": false,
	} {
		if got := ValidName(name); got != want {
			t.Errorf("ValidName(%q) = %v, want %v", name, got, want)
		}
	}
}
