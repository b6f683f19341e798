package source

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/motesplats/motesplats/internal/content"
)

const (
	topicJSON   = `{"id": "health", "title": {"sv": "Hälsa", "ar": "الصحة"}}`
	articleJSON = `{"id": "health-care", "topic": "health", "title": {"sv": "Vård"}, "body": {"sv": "Ring 1177."}}`
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestReadValidFolder(t *testing.T) {
	set, err := Read(fstest.MapFS{
		"topics/health.json":        file(topicJSON),
		"articles/health-care.json": file(articleJSON),
		"articles/.DS_Store":        file("ignored"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Topics) != 1 || set.Topics[0].Title.String(content.Arabic) != "الصحة" || len(set.Articles) != 1 {
		t.Errorf("read %+v", set)
	}
}

func TestReadErrorsNameFileAndField(t *testing.T) {
	cases := []struct {
		name       string
		files      fstest.MapFS
		file, want string
	}{
		{"syntax error gives line", fstest.MapFS{"topics/health.json": file("{\"id\": \"health\",\n \"title\": {\"sv\": \"Hälsa\"\n}")},
			"topics/health.json", "line 3"},
		{"unknown field", fstest.MapFS{"topics/health.json": file(`{"id": "health", "titel": {"sv": "Hälsa"}}`)},
			"topics/health.json: titel", "unknown field"},
		{"wrong type", fstest.MapFS{"topics/health.json": file(`{"id": "health", "order": "first", "title": {"sv": "x"}}`)},
			"topics/health.json: order", "expected int"},
		{"id differs from file name", fstest.MapFS{"topics/halsa.json": file(topicJSON)},
			"topics/halsa.json: id", "does not match"},
		{"not json", fstest.MapFS{"topics/health.txt": file("x")}, "topics/health.txt", "not a .json file"},
		{"validation problem", fstest.MapFS{"topics/health.json": file(topicJSON),
			"articles/health-care.json": file(strings.Replace(articleJSON, `"health"`, `"helth"`, 1))},
			"articles/health-care.json: topic", "does not exist"},
		{"too large", fstest.MapFS{"topics/health.json": file(`{"id": "health", "title": {"sv": "` + strings.Repeat("a", MaxItemBytes) + `"}}`)},
			"topics/health.json", "at most"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set, err := Read(c.files)
			var errs Errors
			if set != nil || !errors.As(err, &errs) {
				t.Fatalf("Read = %v, %v; want Errors", set, err)
			}
			if !strings.Contains(err.Error(), c.file) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not name %q with %q", err, c.file, c.want)
			}
		})
	}
}

func TestWriteThenRead(t *testing.T) {
	set, err := Read(fstest.MapFS{"topics/health.json": file(topicJSON), "articles/health-care.json": file(articleJSON)})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "content")
	if err := WriteDir(dir, set); err != nil {
		t.Fatal(err)
	}
	back, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if back.Digest() != set.Digest() {
		t.Error("content changed in a write/read round trip")
	}
}
