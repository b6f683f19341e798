package source

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadImageField: an item's picture is read with its alt text and
// credit, the images/ folder is not taken for a kind, and a picture path
// that leaves images/ is refused naming the file and field.
func TestReadImageField(t *testing.T) {
	const topic = `{"id": "health", "title": {"sv": "Hälsa"},
		"image": {"file": "images/halsa.png", "alt": {"sv": "En väntsal", "uk": "Зала очікування"}}}`
	article := func(file string) string {
		return `{"id": "vard", "topic": "health", "title": {"sv": "Vård"}, "body": {"sv": "Text"},
			"image": {"file": "` + file + `", "alt": {"sv": "En bild", "ar": "صورة"}, "credit": {"sv": "Foto: projektet"}}}`
	}
	fsys := fstest.MapFS{
		"topics/health.json": {Data: []byte(topic)},
		"articles/vard.json": {Data: []byte(article("images/vard.jpg"))},
		"images/vard.jpg":    {Data: []byte("not read here")},
		"images/notes.txt":   {Data: []byte("ignored")},
	}
	set, err := Read(fsys)
	if err != nil {
		t.Fatal(err)
	}
	img := set.Articles[0].Image
	if img == nil || img.File != "images/vard.jpg" || img.Alt["ar"] != "صورة" || img.Credit["sv"] != "Foto: projektet" {
		t.Fatalf("image read as %+v", img)
	}
	if ti := set.Topics[0].Image; ti == nil || ti.File != "images/halsa.png" || ti.Alt["uk"] != "Зала очікування" {
		t.Fatalf("the topic's image read as %+v", ti)
	}
	fsys["articles/vard.json"] = &fstest.MapFile{Data: []byte(article("../keys/targets.key"))}
	_, err = Read(fsys)
	if err == nil || !strings.Contains(err.Error(), "articles/vard.json: image.file: ") {
		t.Fatalf("a picture outside images/: %v", err)
	}
}
