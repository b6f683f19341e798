package library

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

func TestBuiltinContentIsValidAndComplete(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	st := set.Stats()
	if st.Items[content.KindArticle] < 12 || st.Items[content.KindProject] == 0 || st.Items[content.KindEvent] == 0 {
		t.Errorf("built-in content is thin: %v", st.Items)
	}
	for kind, n := range st.Items {
		for _, l := range content.Languages {
			if st.Languages[kind][l] != n {
				t.Errorf("%s: %d of %d items in %s", kind, st.Languages[kind][l], n, l)
			}
		}
	}
}

func TestFirstOpenSeedsBuiltin(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	lib, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	v, ok, _ := lib.Store.Version()
	if !lib.Seeded || !ok || v.Source != content.SourceBuiltin {
		t.Fatalf("first open: seeded %v, version %+v", lib.Seeded, v)
	}
	// The content's date is when it was written, not when it was seeded.
	set, _ := Builtin()
	if want := set.Updated(); want.IsZero() || !v.Published.Equal(want) || !v.Published.Before(v.Applied) {
		t.Errorf("built-in published %s, want %s (the newest updated date), before applied %s", v.Published, want, v.Applied)
	}
	lib.Close()
	lib, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if lib.Seeded {
		t.Error("second open applied the same built-in content again")
	}
}

func TestFeedContentIsNotReplacedByBuiltin(t *testing.T) {
	dir := t.TempDir()
	lib, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	set, _ := Builtin()
	set.Topics[0].Title = content.Text{"sv": "Från flödet"}
	if err := lib.Store.Apply(set, content.Version{Number: 7, Source: content.SourceFeed}); err != nil {
		t.Fatal(err)
	}
	lib.Close()
	lib, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if v, _, _ := lib.Store.Version(); v.Source != content.SourceFeed || v.Number != 7 || lib.Seeded {
		t.Errorf("after reopen: version %+v, seeded %v", v, lib.Seeded)
	}
}

func TestSecondOpenSaysAlreadyRunning(t *testing.T) {
	dir := t.TempDir()
	lib, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	_, err = Open(dir)
	var running *AlreadyRunningError
	if !errors.As(err, &running) || running.Dir != dir {
		t.Fatalf("second open: %v", err)
	}
}

func TestDamagedStoreIsReplacedByBuiltin(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, StoreFile), []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	lib, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if lib.Recovered() == nil || !lib.Seeded {
		t.Fatalf("recovered %+v, seeded %v", lib.Recovered(), lib.Seeded)
	}
	if data, err := os.ReadFile(lib.Recovered().MovedTo); err != nil || string(data) != "not a database" {
		t.Errorf("damaged file not kept: %v", err)
	}
}

func TestLoadLocalRejectsBadFolderAndKeepsContent(t *testing.T) {
	lib, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	before, _, _ := lib.Store.Version()
	bad := t.TempDir()
	os.MkdirAll(filepath.Join(bad, "topics"), 0o755)
	os.WriteFile(filepath.Join(bad, "topics", "x.json"), []byte(`{"id": "y"}`), 0o644)
	if _, err := lib.LoadLocal(bad); err == nil {
		t.Fatal("a bad folder was loaded")
	}
	if after, _, _ := lib.Store.Version(); after.Digest != before.Digest {
		t.Error("a failed load changed the content")
	}
}
