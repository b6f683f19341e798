package images

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/motesplats/motesplats/internal/content"
)

// photo is a w×h picture with some detail (a JPEG of one colour is tiny).
func photo(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x ^ y) & 0xff), 255})
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestMake(t *testing.T) {
	webp, err := os.ReadFile("testdata/large.webp")
	if err != nil {
		t.Fatal(err)
	}
	var gifData bytes.Buffer
	if err := gif.Encode(&gifData, photo(300, 300), nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		data       []byte
		w, h       int    // the published size
		refusedFor string // a part of the error; "" when it is made
	}{
		{"big JPEG is scaled to the width", encodeJPEG(t, photo(1620, 1080)), 1080, 720, ""},
		{"small JPEG keeps its size", encodeJPEG(t, photo(400, 300)), 400, 300, ""},
		{"tall PNG is scaled to the height", encodePNG(t, photo(600, 1800)), 480, 1440, ""},
		{"WebP", webp, 600, 400, ""},
		{"GIF is refused", gifData.Bytes(), 0, 0, "use JPEG, PNG or WebP"},
		{"text is refused", []byte("not a picture at all"), 0, 0, "is not a JPEG, PNG or WebP picture"},
		{"a thumbnail is refused", encodePNG(t, photo(120, 90)), 0, 0, "at least 200 pixels"},
		{"a truncated JPEG is refused", encodeJPEG(t, photo(400, 300))[:600], 0, 0, "cannot be decoded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Make("images/x.jpg", tc.data)
			if tc.refusedFor != "" {
				if err == nil || !strings.Contains(err.Error(), tc.refusedFor) || !strings.HasPrefix(err.Error(), "images/x.jpg: ") {
					t.Fatalf("error %v, want one naming images/x.jpg and saying %q", err, tc.refusedFor)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Width != tc.w || p.Height != tc.h {
				t.Errorf("published %d×%d, want %d×%d", p.Width, p.Height, tc.w, tc.h)
			}
			if err := Check(p.Data); err != nil {
				t.Errorf("the published picture fails the kiosk's check: %v", err)
			}
			if !IsPublishedName(p.Name) {
				t.Errorf("name %q is not a published picture's", p.Name)
			}
			again, _ := Make("images/y.jpg", tc.data)
			if again.Name != p.Name {
				t.Errorf("the same picture was named %s, then %s", p.Name, again.Name)
			}
		})
	}
}

// TestMakeRefusesHugeBeforeDecoding: a PNG header claiming 100 000 ×
// 100 000 pixels is refused from its header, before any decoding.
func TestMakeRefusesHugeBeforeDecoding(t *testing.T) {
	data := encodePNG(t, photo(300, 300))
	binary.BigEndian.PutUint32(data[16:], 100000) // IHDR width
	binary.BigEndian.PutUint32(data[20:], 100000) // IHDR height
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	_, err := Make("images/huge.png", data)
	if err == nil || !strings.Contains(err.Error(), "megapixels") {
		t.Fatalf("error %v, want the pixel limit", err)
	}
	big := make([]byte, MaxSourceBytes+1)
	if _, err := Make("images/big.jpg", big); err == nil || !strings.Contains(err.Error(), "at most 20 MB") {
		t.Fatalf("error %v, want the byte limit", err)
	}
}

// TestOrientation: a phone picture taken upright (stored sideways, EXIF
// orientation 6) is published upright.
func TestOrientation(t *testing.T) {
	jpg := encodeJPEG(t, photo(600, 300))
	// EXIF APP1 after SOI: big-endian TIFF, one IFD entry 0x0112 = 6.
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	withExif := append(append(append([]byte{}, jpg[:2]...), append(app1, seg...)...), jpg[2:]...)
	if o := exifOrientation(withExif); o != 6 {
		t.Fatalf("orientation %d, want 6", o)
	}
	p, err := Make("images/phone.jpg", withExif)
	if err != nil {
		t.Fatal(err)
	}
	if p.Width != 300 || p.Height != 600 {
		t.Errorf("published %d×%d, want 300×600 (turned upright)", p.Width, p.Height)
	}
}

func TestPrepare(t *testing.T) {
	jpg := encodeJPEG(t, photo(1200, 800))
	fsys := fstest.MapFS{
		"images/a.jpg":   {Data: jpg},
		"images/bad.png": {Data: []byte("garbage")},
	}
	img := func(file string) *content.Image {
		return &content.Image{File: file, Alt: content.Text{"sv": "En bild"}}
	}
	set := &content.Set{
		Articles: []content.Article{{ID: "one", Image: img("images/a.jpg")}, {ID: "two", Image: img("images/a.jpg")}, {ID: "none"}},
		Projects: []content.Project{{ID: "p", Image: img("images/a.jpg")}},
		Topics:   []content.Topic{{ID: "t", Image: img("images/a.jpg")}, {ID: "plain"}},
	}
	pics, errs := Prepare(set, fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(pics) != 1 {
		t.Fatalf("%d pictures, want 1 (the same file, made once)", len(pics))
	}
	if set.Topics[1].Image != nil {
		t.Error("a topic without a picture was given one")
	}
	for _, a := range []*content.Image{set.Articles[0].Image, set.Articles[1].Image, set.Projects[0].Image, set.Topics[0].Image} {
		if a.File != pics[0].Name || a.Width != 1080 || a.Height != 720 {
			t.Errorf("item points at %s %d×%d, want %s 1080×720", a.File, a.Width, a.Height, pics[0].Name)
		}
	}

	bad := &content.Set{Articles: []content.Article{{ID: "ok", Image: img("images/a.jpg")}, {ID: "x", Image: img("images/bad.png")}, {ID: "y", Image: img("images/gone.jpg")}},
		Topics: []content.Topic{{ID: "z", Image: img("images/gone.jpg")}}}
	_, errs = Prepare(bad, fsys)
	text := errs.Error()
	for _, want := range []string{"articles/x.json: image.file: images/bad.png: is not a JPEG, PNG or WebP picture",
		"articles/y.json: image.file: images/gone.jpg: does not exist in the content folder",
		"topics/z.json: image.file: images/gone.jpg: does not exist in the content folder"} {
		if !strings.Contains(text, want) {
			t.Errorf("problems\n%s\nlack %q", text, want)
		}
	}
	if bad.Articles[0].Image.File != "images/a.jpg" {
		t.Errorf("a set with problems was changed: %s", bad.Articles[0].Image.File)
	}
}

func TestIsPublishedName(t *testing.T) {
	for name, want := range map[string]bool{
		"images/0123456789abcdef0123456789abcdef.jpg":    true,
		"images/0123456789ABCDEF0123456789abcdef.jpg":    false,
		"images/../0123456789abcdef0123456789abcdef.jpg": false,
		"images/sub/0123456789abcdef0123456789abcde.jpg": false,
		"images/photo.jpg":                     false,
		"0123456789abcdef0123456789abcdef.jpg": false,
	} {
		if got := IsPublishedName(name); got != want {
			t.Errorf("IsPublishedName(%q) = %v", name, got)
		}
	}
}

// BenchmarkMake: a 12-megapixel phone photo (4000×3000 JPEG) made into
// the published 1080-pixel JPEG, as build does for each new picture.
func BenchmarkMake(b *testing.B) {
	data := encodeJPEG(b, photo(4000, 3000))
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Make("images/photo.jpg", data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPrepareCached: a picture made once is taken from the cache the
// next time (a build does not make every picture again); a damaged
// cache file is ignored and the picture made again.
func TestPrepareCached(t *testing.T) {
	cache := t.TempDir()
	fsys := fstest.MapFS{"images/a.jpg": {Data: encodeJPEG(t, photo(400, 300))}}
	set := func() *content.Set {
		return &content.Set{Articles: []content.Article{{ID: "a", Image: &content.Image{File: "images/a.jpg", Alt: content.Text{"sv": "A"}}}}}
	}
	first, errs := PrepareCached(set(), fsys, cache)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	cached, _ := os.ReadDir(cache)
	if len(cached) != 1 {
		t.Fatalf("cache holds %d files, want 1", len(cached))
	}
	// Put another picture in the cache entry: taken as it is, it shows
	// that the cache was read rather than the source made again.
	other, _ := Make("images/b.jpg", encodeJPEG(t, photo(300, 300)))
	file := cache + "/" + cached[0].Name()
	os.WriteFile(file, other.Data, 0o644)
	second, _ := PrepareCached(set(), fsys, cache)
	if second[0].Name != other.Name || second[0].Width != 300 {
		t.Fatalf("second run made %s %d×%d, want the cached %s", second[0].Name, second[0].Width, second[0].Height, other.Name)
	}
	os.WriteFile(file, []byte("damaged"), 0o644)
	third, _ := PrepareCached(set(), fsys, cache)
	if third[0].Name != first[0].Name {
		t.Errorf("with a damaged cache entry: %s, want %s made again", third[0].Name, first[0].Name)
	}
}
