package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

const importTestdata = "../../internal/importer/testdata"

// TestImportCommand imports all three formats into one folder, which
// source.ReadDir must then read cleanly, and imports one again to check
// that items are replaced rather than doubled.
func TestImportCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "content")

	// A hand-written municipality already there must survive the import.
	orebro := `{"id": "orebro", "name": {"sv": "Örebro", "uk": "Еребру", "ar": "أوريبرو", "en": "Örebro"}}`
	if err := os.MkdirAll(filepath.Join(out, "municipalities"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "municipalities", "orebro.json"), []byte(orebro), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"hsds", importTestdata + "/hsds.json", "--out", out},
			[]string{`skipped: records[4]`, `opens_at "25:30" is not a time of day; left out`, "4 records imported, 1 skipped", "(0 replaced"}},
		{[]string{"ical", "--lang", "sv", importTestdata + "/events.ics", "--out", out},
			[]string{`skipped: VEVENT 4 (UID "trasig@example.org", line 51): line 51: has no DTSTART`, "4 records imported, 1 skipped"}},
		{[]string{"integreat", importTestdata + "/integreat", "--out", out},
			[]string{"is only in de", "4 records imported, 3 skipped"}},
		// The same file again replaces its four events.
		{[]string{"ical", importTestdata + "/events.ics", "--lang", "sv", "--out", out},
			[]string{"4 records imported, 1 skipped", "(4 replaced items of the same id)"}},
	} {
		var stdout bytes.Buffer
		if err := importCommand(tc.args, &stdout); err != nil {
			t.Fatalf("import %v: %v", tc.args, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("import %v: output lacks %q:\n%s", tc.args, w, stdout.String())
			}
		}
		lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
		if len(lines) < 2 || !strings.Contains(lines[len(lines)-2], "records imported") {
			t.Errorf("the counts are not the line before the last:\n%s", stdout.String())
		}
	}

	set, err := source.ReadDir(out)
	if err != nil {
		t.Fatalf("the imported folder does not read: %v", err)
	}
	st := set.Stats()
	for kind, want := range map[content.Kind]int{
		content.KindService: 4 + 1, content.KindEvent: 4 + 2, content.KindArticle: 1,
		content.KindTopic: 1, content.KindMunicipality: 2,
	} {
		if st.Items[kind] != want {
			t.Errorf("%s: %d items, want %d", kind, st.Items[kind], want)
		}
	}
	for _, m := range set.Municipalities {
		if m.ID == "orebro" && m.Name["en"] != "Örebro" {
			t.Errorf("the hand-written municipality was replaced: %+v", m)
		}
	}
}

func TestImportCommandErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "a format is needed"},
		{[]string{"csv", "x", "--out", dir}, `unknown format "csv"`},
		{[]string{"hsds", importTestdata + "/hsds.json"}, "--out DIR is required"},
		{[]string{"hsds", "--out", dir}, "exactly one input"},
		{[]string{"ical", importTestdata + "/events.ics", "--out", dir}, "--lang must be one of"},
		{[]string{"ical", importTestdata + "/events.ics", "--lang", "de", "--out", dir}, "--lang must be one of"},
		{[]string{"hsds", filepath.Join(dir, "missing.json"), "--out", dir}, "missing.json"},
		{[]string{"hsds", importTestdata + "/events.ics", "--out", dir}, "not HSDS JSON"},
		{[]string{"hsds", importTestdata + "/hsds.json", "--lang", "de", "--out", dir}, "--lang must be one of"},
		{[]string{"hsds", importTestdata + "/hsds.json", "--municipality", "orebro", "--out", dir}, "--municipality is for integreat only"},
		{[]string{"integreat", importTestdata + "/integreat-region", "--municipality", "exempelstad", "--out", dir},
			"municipality exempelstad is not in"},
	} {
		err := importCommand(tc.args, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("import %v: err = %v, want %q", tc.args, err, tc.want)
		}
	}

	// An --out folder whose content does not read is not written to.
	bad := t.TempDir()
	os.MkdirAll(filepath.Join(bad, "services"), 0o755)
	os.WriteFile(filepath.Join(bad, "services", "x.json"), []byte(`{"id": "y"}`), 0o644)
	err := importCommand([]string{"hsds", importTestdata + "/hsds.json", "--out", bad}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "does not read cleanly") {
		t.Errorf("bad --out folder: err = %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(bad, "services")); len(entries) != 1 {
		t.Errorf("files were written into a bad folder: %d", len(entries))
	}
}

// TestImportIntegreatAgain: a region imported with English only, then
// with German and English, keeps its ids: the second import replaces
// every item and adds none.
func TestImportIntegreatAgain(t *testing.T) {
	out := filepath.Join(t.TempDir(), "content")
	muni := `{"id": "exempelstad", "name": {"sv": "Exempelstad", "uk": "Exempelstad", "ar": "Exempelstad", "en": "Exempelstad"}}`
	os.MkdirAll(filepath.Join(out, "municipalities"), 0o755)
	if err := os.WriteFile(filepath.Join(out, "municipalities", "exempelstad.json"), []byte(muni), 0o644); err != nil {
		t.Fatal(err)
	}
	countFiles := func() int {
		n := 0
		for _, k := range []string{"topics", "articles", "events", "services"} {
			entries, _ := os.ReadDir(filepath.Join(out, k))
			n += len(entries)
		}
		return n
	}
	dump := func(langs ...string) string {
		dir := t.TempDir()
		for _, l := range langs {
			os.MkdirAll(filepath.Join(dir, l), 0o755)
			files, _ := filepath.Glob(filepath.Join(importTestdata, "integreat-region", l, "*.json"))
			for _, f := range files {
				data, _ := os.ReadFile(f)
				os.WriteFile(filepath.Join(dir, l, filepath.Base(f)), data, 0o644)
			}
		}
		return dir
	}
	var stdout bytes.Buffer
	if err := importCommand([]string{"integreat", dump("en"), "--municipality", "exempelstad", "--out", out}, &stdout); err != nil {
		t.Fatal(err)
	}
	first := countFiles()
	if first < 12 {
		t.Fatalf("only %d files after the first import:\n%s", first, stdout.String())
	}
	stdout.Reset()
	if err := importCommand([]string{"integreat", dump("de", "en"), "--municipality", "exempelstad", "--out", out}, &stdout); err != nil {
		t.Fatal(err)
	}
	if n := countFiles(); n != first {
		t.Errorf("%d files after importing again with German, %d before: duplicates\n%s", n, first, stdout.String())
	}
	if !strings.Contains(stdout.String(), "10 replaced items of the same id") {
		t.Errorf("not every item replaced:\n%s", stdout.String())
	}
	set, err := source.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range set.Articles {
		if a.Municipality != "exempelstad" {
			t.Errorf("article %s in %q", a.ID, a.Municipality)
		}
	}
}
