package store_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// TestSummaryIsTheItemsSummary reads the summary of every item of the
// built-in content and of generated content (every kind, services with
// hours and zones, events, projects whose start is a date string) and
// holds it equal to the summary of the whole item.
func TestSummaryIsTheItemsSummary(t *testing.T) {
	for name, set := range builtInAndGenerated(t, 3) {
		t.Run(name, func(t *testing.T) {
			s, err := store.Open(storeFileWith(t, set), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			read := map[content.Kind]int{}
			err = s.View(func(tx *store.Tx) error {
				for _, kind := range content.Kinds {
					err := tx.Each(kind, func(it content.Item) error {
						got, ok, err := tx.Summary(kind, it.ItemID())
						if err != nil || !ok {
							t.Fatalf("%s %s: summary %v, %v", kind, it.ItemID(), ok, err)
						}
						if want := content.SummaryOf(it); !reflect.DeepEqual(got, want) {
							t.Errorf("%s %s: summary\n%+v\nwant\n%+v", kind, it.ItemID(), got, want)
						}
						read[kind]++
						return nil
					})
					if err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, kind := range content.Kinds {
				if read[kind] == 0 {
					t.Errorf("no %s to read", kind)
				}
			}
		})
	}
}

// TestSummaryOfMissingOrDamagedItem: a missing item is not found, without
// an error; a damaged one is an error naming its kind and id.
func TestSummaryOfMissingOrDamagedItem(t *testing.T) {
	set := generated(2, 40, 1)
	id := set.Services[0].ID
	path := storeFileWith(t, set)
	putStored(t, path, content.KindService, id, `{"name": {"sv": 7}}`) // damaged behind the store's back
	s, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_ = s.View(func(tx *store.Tx) error {
		if _, ok, err := tx.Summary(content.KindService, "no-such-service"); ok || err != nil {
			t.Errorf("a missing service: found %v, error %v", ok, err)
		}
		_, ok, err := tx.Summary(content.KindService, id)
		if ok || err == nil || !strings.Contains(err.Error(), id) || !strings.Contains(err.Error(), string(content.KindService)) {
			t.Errorf("a damaged service: found %v, error %v; want an error naming %s %s", ok, err, content.KindService, id)
		}
		return nil
	})
}

// TestGenerationNeverRepeatsAcrossReplace: a damaged file put aside for a
// new one (Replace) counts its transactions from the start again; the
// generations that caches key on must still not repeat.
func TestGenerationNeverRepeatsAcrossReplace(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "motesplats.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	generation := func() (g uint64) {
		_ = s.View(func(tx *store.Tx) error { g = tx.Generation(); return nil })
		return g
	}
	seen := map[uint64]bool{generation(): true}
	write := func(v string) {
		if err := s.SetSetting("test", v); err != nil {
			t.Fatal(err)
		}
		g := generation()
		if seen[g] {
			t.Fatalf("generation %d seen before", g)
		}
		seen[g] = true
	}
	write("a")
	write("b")
	if _, err := s.Replace("test"); err != nil {
		t.Fatal(err)
	}
	if g := generation(); seen[g] {
		t.Fatalf("after Replace: generation %d seen before", g)
	}
	write("c")
	write("d")
}
