package editor

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
	"github.com/motesplats/motesplats/internal/xliff"
)

// flagged lists the translations the edit page flags (data-stale).
func flagged(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`data-stale="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestChangedInSwedishFlags follows one article's title: the Swedish is
// edited, each translation is flagged on its field and counted on the
// item and the folder; saving a translation clears its flag, "still
// correct" clears another without editing it, and an XLIFF import of the
// last clears that one.
func TestChangedInSwedishFlags(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	const edit = "/edit/articles/health-care"
	if got := flagged(c.get(edit).body); len(got) != 0 {
		t.Fatalf("flags before any change: %v", got)
	}

	// The Swedish title changes: its three translations were written
	// from the old one.
	f := formOf(t, c.get(edit).body, "item")
	f.values.Set("title.sv", "Vården i Sverige – så fungerar den")
	if r := c.post(f.action, f.values); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.2000s", r.status, r.body)
	}
	page := c.get(edit).body
	if got, want := flagged(page), []string{"title.ar", "title.en", "title.uk"}; !slices.Equal(got, want) {
		t.Fatalf("flags %v, want %v", got, want)
	}
	if box := inputBox(t, page, "title.uk"); !strings.Contains(box, "Svenskan har ändrats sedan översättningen skrevs.") {
		t.Errorf("the uk title does not say so:\n%s", box)
	}
	if !strings.Contains(page, "uk 1 ar 1 en 1") {
		t.Error("the item's count of flags is missing")
	}
	list := c.get("/?ui=en").body
	for _, want := range []string{`data-stale-item="articles/health-care-uk">⚑ 1<`, `data-stale-kind="articles-ar">⚑ 1<`, "Changed in Swedish since the translation"} {
		if !strings.Contains(list, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	if _, err := source.ReadDir(dir); err != nil {
		t.Errorf("with the records beside it the folder no longer builds: %v", err)
	}

	// Saving the Ukrainian title clears its flag only.
	f = formOf(t, c.get(edit+"?ui=sv").body, "item")
	f.values.Set("title.uk", "Медична допомога у Швеції – як вона працює")
	c.post(f.action, f.values)
	if got, want := flagged(c.get(edit).body), []string{"title.ar", "title.en"}; !slices.Equal(got, want) {
		t.Errorf("after saving uk: %v, want %v", got, want)
	}

	// "Still correct" for Arabic, without a change to it.
	f = formOf(t, c.get(edit).body, "item")
	before := f.values.Get("title.ar")
	f.values.Add("confirm", "title.ar")
	if r := c.post(f.action, f.values); r.status != http.StatusSeeOther {
		t.Fatalf("confirm: %d", r.status)
	}
	if got, want := flagged(c.get(edit).body), []string{"title.en"}; !slices.Equal(got, want) {
		t.Errorf("after still correct: %v, want %v", got, want)
	}
	if getString(readItem(t, dir, content.KindArticle, "health-care"), "title.ar") != before {
		t.Error("still correct changed the translation")
	}

	// The export sends the flagged English to revise; importing it back
	// as it was (the translator found it right) clears the flag.
	doc, err := ExportXLIFF(dir, content.English, Since{})
	if err != nil {
		t.Fatal(err)
	}
	var unit *xliff.Unit
	for _, file := range doc.Files {
		for i, u := range file.Units {
			if u.ID == "articles/health-care/title" {
				unit = &file.Units[i]
			}
		}
	}
	if unit == nil || unit.State != "needs-review-translation" || xliff.Join(unit.Target) != "Health care in Sweden" {
		t.Fatalf("the export's unit %+v", unit)
	}
	doc.Files = []xliff.File{{Original: "articles/health-care.json", Units: []xliff.Unit{*unit}}}
	var b strings.Builder
	doc.Write(&b)
	if _, err := ImportXLIFF(dir, strings.NewReader(b.String())); err != nil {
		t.Fatal(err)
	}
	if got := flagged(c.get(edit).body); len(got) != 0 {
		t.Errorf("after the import: %v", got)
	}
	if list := c.get("/").body; strings.Contains(list, "data-stale-item") || strings.Contains(list, "data-stale-kind") {
		t.Error("the list still counts flags")
	}

	// Deleting the item takes its records.
	records := filepath.Join(dir, TranslatedDir, "articles", "health-care.json")
	if _, err := os.Stat(records); err != nil {
		t.Fatal(err)
	}
	del := formOf(t, strings.Replace(c.get("/delete/articles/health-care").body, `class="confirm"`, `id="confirm"`, 1), "confirm")
	if r := c.post(del.action, del.values); r.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", r.status)
	}
	if _, err := os.Stat(records); !os.IsNotExist(err) {
		t.Errorf("the records outlive the item: %v", err)
	}
}

// TestUpdateSources: what a save records for each translation.
func TestUpdateSources(t *testing.T) {
	text := func(sv, uk string) map[string]any {
		m := map[string]any{"sv": sv}
		if uk != "" {
			m["uk"] = uk
		}
		return map[string]any{"title": m}
	}
	cases := []struct {
		name          string
		before, after map[string]any
		had           sources
		confirm       map[string]bool
		want          string // the uk record: the Swedish it was made from, "" none
	}{
		{"new item", nil, text("Ny", "Новий"), nil, nil, "Ny"},
		{"untracked, Swedish changed", text("Gammal", "Старий"), text("Ny", "Старий"), nil, nil, "Gammal"},
		{"untracked, nothing changed", text("Gammal", "Старий"), text("Gammal", "Старий"), nil, nil, "Gammal"},
		{"tracked, Swedish changed", text("Gammal", "Старий"), text("Ny", "Старий"), sources{"title": {"uk": svHash("Äldst")}}, nil, "Äldst"},
		{"translation changed too", text("Gammal", "Старий"), text("Ny", "Новий"), sources{"title": {"uk": svHash("Gammal")}}, nil, "Ny"},
		{"still correct", text("Gammal", "Старий"), text("Ny", "Старий"), sources{"title": {"uk": svHash("Gammal")}}, map[string]bool{"title.uk": true}, "Ny"},
		{"translation removed", text("Gammal", "Старий"), text("Gammal", ""), sources{"title": {"uk": svHash("Gammal")}}, nil, ""},
	}
	for _, tc := range cases {
		got := updateSources(tc.before, tc.after, tc.had, tc.confirm)["title"]["uk"]
		want := ""
		if tc.want != "" {
			want = svHash(tc.want)
		}
		if got != want {
			t.Errorf("%s: record %q, want the hash of %q", tc.name, got, tc.want)
		}
	}
}
