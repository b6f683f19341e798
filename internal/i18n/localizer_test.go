package i18n

import (
	"slices"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/motesplats/motesplats/internal/content"
)

func TestSortStrings(t *testing.T) {
	c := catalog(t)
	tests := []struct {
		lang content.Lang
		in   []string
		want []string
	}{
		{content.Swedish, []string{"ö", "a", "z", "å", "ä"}, []string{"a", "z", "å", "ä", "ö"}},
		{content.Swedish, []string{"Östersund", "Ale", "Åre", "Älvdalen", "Zinkgruvan"},
			[]string{"Ale", "Zinkgruvan", "Åre", "Älvdalen", "Östersund"}},
		{content.English, []string{"ö", "a", "z", "å", "b"}, []string{"a", "å", "b", "ö", "z"}},
		{content.Ukrainian, []string{"ґ", "д", "г"}, []string{"г", "ґ", "д"}},
		{content.Ukrainian, []string{"ж", "є", "е"}, []string{"е", "є", "ж"}},
		{content.Ukrainian, []string{"й", "ї", "і"}, []string{"і", "ї", "й"}},
		{content.Arabic, []string{"ي", "ب", "ا"}, []string{"ا", "ب", "ي"}},
	}
	for _, tt := range tests {
		got := slices.Clone(tt.in)
		c.For(tt.lang).SortStrings(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s SortStrings(%q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	c := catalog(t)
	if got := c.For(content.Swedish).Compare("å", "z"); got != 1 {
		t.Errorf("sv Compare(å, z) = %d, want 1", got)
	}
	if got := c.For(content.English).Compare("å", "z"); got != -1 {
		t.Errorf("en Compare(å, z) = %d, want -1", got)
	}
	if got := c.For(content.Swedish).Compare("abc", "abc"); got != 0 {
		t.Errorf("sv Compare(abc, abc) = %d, want 0", got)
	}
}

// Run with -race: screens sort and format from several goroutines, and
// each must get the answer one goroutine alone gets.
func TestConcurrentUse(t *testing.T) {
	l := catalog(t).For(content.Swedish)
	want := make([]string, 50)
	for j := range want {
		want[j] = l.N("format.relative.days_future", j, nil)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				words := []string{"ö", "a", "å"}
				l.SortStrings(words)
				if !slices.Equal(words, []string{"a", "å", "ö"}) {
					t.Errorf("sorted %v, want a å ö", words)
					return
				}
				if got := l.Compare("ä", "a"); got != 1 {
					t.Errorf("Compare(ä, a) = %d, want 1", got)
					return
				}
				if got := l.N("format.relative.days_future", j, nil); got != want[j] {
					t.Errorf("N(days_future, %d) = %q, want %q", j, got, want[j])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestTAndN(t *testing.T) {
	fsys := fstest.MapFS{
		"t.sv.toml": {Data: []byte("Hello = \"Hej {{.Name}}\"\nOnlySv = \"bara svenska\"\n[Items]\none = \"{{.Count}} sak i {{.Place}}\"\nother = \"{{.Count}} saker i {{.Place}}\"\n")},
		"t.en.toml": {Data: []byte("Hello = \"Hi {{.Name}}\"\n[Items]\none = \"{{.Count}} item in {{.Place}}\"\nother = \"{{.Count}} items in {{.Place}}\"\n")},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	en := c.For(content.English)
	tests := []struct {
		name, got, want string
	}{
		{"T with data", en.T("Hello", map[string]any{"Name": "Olena"}), "Hi Olena"},
		{"T falls back to Swedish", en.T("OnlySv", nil), "bara svenska"},
		{"T unknown id shows id", en.T("NoSuchID", nil), "NoSuchID"},
		{"N one", en.N("Items", 1, map[string]any{"Place": "Malmö"}), "1 item in Malmö"},
		{"N other", en.N("Items", 3, map[string]any{"Place": "Malmö"}), "3 items in Malmö"},
		{"N nil data", c.For(content.Swedish).N("Items", 2, nil), "2 saker i <no value>"},
		{"unknown lang is Swedish", c.For("de").T("Hello", map[string]any{"Name": "A"}), "Hej A"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if got := c.For("de").Lang(); got != content.Swedish {
		t.Errorf("For(de).Lang() = %q", got)
	}
	if got := c.MessageIDs(); !slices.Equal(got, []string{"Hello", "Items", "OnlySv"}) {
		t.Errorf("MessageIDs() = %q", got)
	}
}

// N must not write Count into the caller's map.
func TestNKeepsCallerData(t *testing.T) {
	data := map[string]any{}
	catalog(t).For(content.English).N("format.relative.days_future", 3, data)
	if len(data) != 0 {
		t.Errorf("N changed data: %v", data)
	}
}

func TestEmbeddedIDs(t *testing.T) {
	ids := catalog(t).MessageIDs()
	for _, want := range []string{"format.date", "format.month.may", "format.month_in_date.may",
		"format.weekday.monday", "format.relative.years_past", "format.number.group_separator"} {
		if !slices.Contains(ids, want) {
			t.Errorf("MessageIDs lacks %q", want)
		}
	}
}

// TestPlainMessagesKeptAreTheCatalogs: T without data keeps what it gave;
// asked again, every message in every language is still the catalog's.
func TestPlainMessagesKeptAreTheCatalogs(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range content.Languages {
		l := c.For(lang)
		for _, id := range c.MessageIDs() {
			first := l.T(id, nil)
			want, _ := l.localize(id, nil, nil)
			if again := l.T(id, nil); again != first || again != orID(want, id) {
				t.Errorf("%s %s: %q then %q, catalog %q", lang, id, first, again, want)
			}
		}
	}
}
