package kiosk

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

var (
	dentist = Item{content.KindService, "tandvard-malmo"}
	sfi     = Item{content.KindService, "sfi-lund"}
	cafe    = Item{content.KindEvent, "sprakcafe"}
	housing = Item{content.KindArticle, "housing"}
)

func all(content.Kind, string) bool { return true }

func wantItems(t *testing.T, l *MyList, want ...Item) {
	t.Helper()
	got, err := l.Items(all)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Items() = %v, want %v", got, want)
	}
}

func TestMyListEdits(t *testing.T) {
	l := NewMyList(newStore(t))
	wantItems(t, l)
	for _, it := range []Item{dentist, sfi, cafe} {
		if added, err := l.Add(it); !added || err != nil {
			t.Fatalf("Add(%v) = %v, %v", it, added, err)
		}
	}
	if added, err := l.Add(sfi); added || err != nil {
		t.Errorf("Add(duplicate) = %v, %v; want not added, no error", added, err)
	}
	wantItems(t, l, dentist, sfi, cafe)
	if in, _ := l.Contains(cafe); !in {
		t.Error("Contains(cafe) = false")
	}

	moves := []struct {
		from, to int
		want     []Item
	}{
		{2, 0, []Item{cafe, dentist, sfi}},
		{0, 2, []Item{dentist, sfi, cafe}},
		{1, 1, []Item{dentist, sfi, cafe}},
		{1, 2, []Item{dentist, cafe, sfi}},
	}
	for _, m := range moves {
		if err := l.Move(m.from, m.to); err != nil {
			t.Fatalf("Move(%d, %d) = %v", m.from, m.to, err)
		}
		wantItems(t, l, m.want...)
	}
	for _, bad := range [][2]int{{-1, 0}, {0, 3}, {3, 0}} {
		if err := l.Move(bad[0], bad[1]); err == nil {
			t.Errorf("Move(%d, %d) out of range: no error", bad[0], bad[1])
		}
	}

	if err := l.Remove(dentist); err != nil {
		t.Fatal(err)
	}
	if err := l.Remove(housing); err != nil {
		t.Errorf("Remove(not on the list) = %v", err)
	}
	wantItems(t, l, cafe, sfi)
	if err := l.Clear(); err != nil {
		t.Fatal(err)
	}
	wantItems(t, l)
}

func TestMyListRefusesBadItems(t *testing.T) {
	l := NewMyList(newStore(t))
	for _, it := range []Item{{"people", "x"}, {content.KindService, ""}, {content.KindService, "Not An Id"}} {
		if added, err := l.Add(it); added || err == nil {
			t.Errorf("Add(%v) = %v, %v; want an error", it, added, err)
		}
	}
}

func TestMyListPersistsAndDropsStale(t *testing.T) {
	path := filepath.Join(t.TempDir(), "motesplats.db")
	s := openStore(t, path)
	l := NewMyList(s)
	for _, it := range []Item{dentist, cafe, sfi, housing} {
		if _, err := l.Add(it); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	s = openStore(t, path)
	l = NewMyList(s)
	// A content update removed the event and the article.
	exists := func(k content.Kind, id string) bool { return k == content.KindService }
	got, err := l.Items(exists)
	if want := []Item{dentist, sfi}; err != nil || !slices.Equal(got, want) {
		t.Fatalf("Items() = %v, %v; want %v", got, err, want)
	}
	// Dropped for good, so Move's indexes are those Items returned.
	if err := l.Move(1, 0); err != nil {
		t.Fatal(err)
	}
	wantItems(t, l, sfi, dentist)
}

func TestMyListDamaged(t *testing.T) {
	s := newStore(t)
	s.SetSetting(KeyMyList, "[{")
	l := NewMyList(s)
	if _, err := l.Items(all); !errors.Is(err, ErrListDamaged) {
		t.Fatalf("Items() of a damaged list = %v, want ErrListDamaged", err)
	}
	if added, err := l.Add(cafe); !added || err != nil {
		t.Fatalf("Add after the damage was reported = %v, %v", added, err)
	}
	wantItems(t, l, cafe)
}

func TestMyListFull(t *testing.T) {
	l := NewMyList(newStore(t))
	items := make([]Item, MaxListItems)
	for i := range items {
		items[i] = Item{content.KindEvent, "e" + string(rune('a'+i/26)) + string(rune('a'+i%26))}
	}
	b := mustJSON(t, items)
	if err := l.settings.SetSetting(KeyMyList, b); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Add(cafe); !errors.Is(err, ErrListFull) {
		t.Errorf("Add to a full list = %v, want ErrListFull", err)
	}
	if _, err := l.Add(items[3]); err != nil {
		t.Errorf("Add of an item already on a full list = %v, want no error", err)
	}
}
