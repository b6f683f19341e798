package app

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/images"
	"github.com/motesplats/motesplats/internal/store"
)

// contentWithPicture is the built-in content with a 900×600 picture on
// the article amif-motesplatser, as a publisher writes it.
func contentWithPicture(t *testing.T) string {
	img := image.NewRGBA(image.Rect(0, 0, 900, 600))
	for y := 0; y < 600; y++ {
		for x := 0; x < 900; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(x / 4), 90, uint8(y / 3), 255})
		}
	}
	return builtInWithPicture(t, "articles/amif-motesplatser.json", "meeting.jpg", img, nil, map[string]any{
		"alt":    map[string]string{"sv": "Människor runt ett bord", "en": "People around a table"},
		"credit": map[string]string{"sv": "Foto: projektet"}})
}

// builtInWithPicture is a copy of the built-in content with img saved as
// images/name (a JPEG made with opt) and set as the picture of the item
// in itemFile, with the rest of its image field from field.
func builtInWithPicture(t *testing.T, itemFile, name string, img image.Image, opt *jpeg.Options, field map[string]any) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(src, os.DirFS("../assets/content")); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, opt); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(src, "images"), 0o755)
	if err := os.WriteFile(filepath.Join(src, "images", name), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(src, filepath.FromSlash(itemFile))
	raw, _ := os.ReadFile(file)
	var item map[string]any
	if err := json.Unmarshal(raw, &item); err != nil {
		t.Fatal(err)
	}
	field["file"] = "images/" + name
	item["image"] = field
	raw, _ = json.Marshal(item)
	os.WriteFile(file, raw, 0o644)
	return src
}

// pagePictures are the pictures on the screen.
func pagePictures(w fyne.Window) []*canvas.Image {
	var out []*canvas.Image
	walk(w.Content(), func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Image != nil && img.Image.Bounds().Dx() == 900 {
			out = append(out, img)
		}
	})
	return out
}

func TestArticleShowsItsPicture(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	if _, err := u.lib.LoadLocal(contentWithPicture(t)); err != nil {
		t.Fatal(err)
	}
	u.Open(articlePage{id: "amif-motesplatser"})
	pics := pagePictures(w)
	if len(pics) != 1 {
		t.Fatalf("the article shows %d pictures, want 1", len(pics))
	}
	if got := pics[0].MinSize(); got.Width != 560 || got.Height < 370 || got.Height > 380 {
		t.Errorf("the picture asks for %v, want 560 wide at its 3:2 shape", got)
	}
	if !hasLabel(w, "Foto: projektet") {
		t.Error("the credit is not shown")
	}
	var a content.Article
	u.lib.Store.View(func(tx *store.Tx) (err error) { a, _, err = tx.Article("amif-motesplatser"); return err })
	text, _ := u.voice.speechText(a.Title, []content.Text{a.Summary, u.pictureSpeech(a.Image), a.Body})
	if !strings.Contains(text, "Bild: Människor runt ett bord") {
		t.Errorf("read-aloud does not say what the picture shows: %q", text)
	}

	// The picture's file gone (refused by a sync, a damaged disk): the
	// page shows without it, its text whole.
	file, _ := images.FileIn(u.lib.Dir, a.Image.File)
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	pictureCache.Lock()
	clear(pictureCache.byKey)
	pictureCache.order = nil
	pictureCache.Unlock()
	u.Open(articlePage{id: "amif-motesplatser"})
	if len(pagePictures(w)) != 0 || hasLabel(w, "Foto: projektet") {
		t.Error("a missing picture left a picture or its credit on the page")
	}
	if !hasLabel(w, a.Summary["sv"]) {
		t.Error("the article without its picture lost its text")
	}
}
