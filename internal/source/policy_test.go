package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// writeFolder writes a content folder on disk from file name → JSON.
func writeFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A hostile content folder: each file hides a spoof in a plain field the
// old validation did not look at. Reading it must refuse every one,
// naming the file, the field, the character and where it is.
func TestReadRefusesSpoofedPlainFields(t *testing.T) {
	dir := writeFolder(t, map[string]string{
		"municipalities/orebro.json": `{"id": "orebro", "name": {"sv": "Örebro"}}`,
		"services/vard.json": `{"id": "vard", "name": {"sv": "Vård"}, "phone": "\u202e7711\u202c",
			"address": {"street": "Storgatan \u202e21\u202c", "city": "Örebro"}, "languages": ["sv", "\u200fa"]}`,
		"services/jobb.json": `{"id": "jobb", "name": {"sv": "Jobb"}, "phone": "070-123 \u200f45 67"}`,
	})
	set, err := ReadDir(dir)
	var errs Errors
	if set != nil || !errors.As(err, &errs) {
		t.Fatalf("ReadDir = %v, %v; want Errors", set, err)
	}
	for _, want := range []string{
		"services/vard.json: phone: contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 1",
		"services/vard.json: address.street: contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 11",
		"services/vard.json: languages[1]: contains U+200F (RIGHT-TO-LEFT MARK) at character 1",
		"services/jobb.json: phone: contains U+200F (RIGHT-TO-LEFT MARK) at character 9",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
	if len(errs) != 4 {
		t.Errorf("%d problems, want 4:\n%v", len(errs), err)
	}
}

// `build --content assets` instead of assets/content: the folder exists
// but holds no content folders. Reading it is an error, not 0 items.
func TestReadRefusesAFolderThatIsNotContent(t *testing.T) {
	dir := writeFolder(t, map[string]string{"content/topics/health.json": topicJSON, "icon.png": "png"})
	set, err := ReadDir(dir)
	if set != nil || err == nil || !strings.Contains(err.Error(), "holds none of the folders") {
		t.Fatalf("ReadDir of the folder above the content = %v, %v", set, err)
	}
	if set, err := ReadDir(filepath.Join(dir, "content")); err != nil || len(set.Topics) != 1 {
		t.Fatalf("ReadDir of the content folder = %v, %v", set, err)
	}
}

// FuzzReadItem feeds arbitrary bytes to the source reader as one item of
// each kind: it must return a set that validates or an error naming the
// file, and never panic.
func FuzzReadItem(f *testing.F) {
	for _, seed := range []string{topicJSON, articleJSON, `null`, `[]`, `{"id": "x", "phone": "\u202e1"}`,
		`{"id": "x", "title": {"sv": "a\u200db"}}`, `{"id":"x","title":{"sv":"` + strings.Repeat("w", 300) + `"}}`,
		`{"id": "x", "hours": {"weekly": {"mon": [{"opens": "08:00", "closes": "07:00"}]}}}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		for _, kind := range []string{"topics", "articles", "services", "events", "projects", "municipalities"} {
			set, err := Read(fstest.MapFS{kind + "/x.json": file(data)})
			if err != nil {
				var errs Errors
				if !errors.As(err, &errs) || len(errs) == 0 || !strings.HasPrefix(errs[0].File, kind+"/") {
					t.Fatalf("%s: error %v does not name the file", kind, err)
				}
				continue
			}
			if ps := set.Validate(); len(ps) != 0 {
				t.Fatalf("%s: Read returned a set with problems: %v", kind, ps)
			}
		}
	})
}
