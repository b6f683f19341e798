package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// contentWithPicture copies the built-in content and gives the article
// amif-motesplatser the picture file images/<name> holding data.
func contentWithPicture(t *testing.T, name string, data []byte) string {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // build's picture cache
	src := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(src, os.DirFS("../../assets/content")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(src, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "images", name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(src, "articles", "amif-motesplatser.json")
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var item map[string]any
	if err := json.Unmarshal(raw, &item); err != nil {
		t.Fatal(err)
	}
	item["image"] = map[string]any{"file": "images/" + name,
		"alt":    map[string]string{"sv": "Människor runt ett bord", "uk": "Люди за столом", "ar": "أشخاص حول طاولة", "en": "People around a table"},
		"credit": map[string]string{"sv": "Foto: projektet"}}
	raw, _ = json.MarshalIndent(item, "", "  ")
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return src
}

func TestBuildPublishesPictures(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1000))
	for y := 0; y < 1000; y++ {
		for x := 0; x < 1600; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(x / 7), uint8(y / 4), 120, 255})
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, nil)
	src := contentWithPicture(t, "motesplats.jpg", b.Bytes())
	dir := t.TempDir()
	keys, out := filepath.Join(dir, "keys"), filepath.Join(dir, "feed")
	if _, err := runFeed(t, "init", "--keys", keys); err != nil {
		t.Fatal(err)
	}
	text, err := runFeed(t, "build", "--content", src, "--keys", keys, "--out", out)
	if err != nil || !strings.Contains(text, "1 picture(s)") {
		t.Fatalf("build: %v\n%s", err, text)
	}
	pics, _ := filepath.Glob(filepath.Join(out, "targets", "images", "*.jpg"))
	if len(pics) != 1 {
		t.Fatalf("the feed holds pictures %v, want one", pics)
	}
	if text, err = runFeed(t, "verify", "--root", filepath.Join(keys, "root.json"), "--dir", out); err != nil {
		t.Fatalf("verify: %v\n%s", err, text)
	}
	// The same content again: the picture is not written again.
	text, err = runFeed(t, "build", "--content", src, "--keys", keys, "--out", out)
	if err != nil || !strings.Contains(text, "content unchanged") {
		t.Fatalf("second build: %v\n%s", err, text)
	}
	// The picture's file is removed from the feed: verify says so.
	os.Remove(pics[0])
	if _, err = runFeed(t, "verify", "--root", filepath.Join(keys, "root.json"), "--dir", out); err == nil || !strings.Contains(err.Error(), "images/") {
		t.Errorf("verify of a feed without its picture: %v", err)
	}
}

func TestBuildRefusesBadPicture(t *testing.T) {
	var gifData bytes.Buffer
	gif.Encode(&gifData, image.NewPaletted(image.Rect(0, 0, 300, 300), []color.Color{color.White}), nil)
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"not a picture", "broken.png", []byte("this is not a picture"), "images/broken.png: is not a JPEG, PNG or WebP picture"},
		{"GIF", "anim.gif.jpg", gifData.Bytes(), "images/anim.gif.jpg: is a GIF picture; use JPEG, PNG or WebP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := contentWithPicture(t, tc.file, tc.data)
			dir := t.TempDir()
			keys, out := filepath.Join(dir, "keys"), filepath.Join(dir, "feed")
			if _, err := runFeed(t, "init", "--keys", keys); err != nil {
				t.Fatal(err)
			}
			_, err := runFeed(t, "build", "--content", src, "--keys", keys, "--out", out)
			if err == nil || !strings.Contains(err.Error(), "articles/amif-motesplatser.json: image.file: "+tc.want) || !strings.Contains(err.Error(), "nothing was written") {
				t.Fatalf("build with a bad picture: %v", err)
			}
			if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
				t.Errorf("the feed folder was created: %v", statErr)
			}
			if _, err := runFeed(t, "validate", "--content", src); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("validate: %v", err)
			}
		})
	}
}
