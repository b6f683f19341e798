// Package images turns the pictures of a content folder into the pictures
// a kiosk shows (docs/content-format.md, "Images"): each source picture
// (JPEG, PNG or WebP) is checked against byte and pixel limits before it
// is decoded, scaled down to the width a kiosk page needs and published as
// one JPEG named by its hash, so a kiosk downloads a picture once and
// again only when it changes. It is the engine's: no Fyne here.
package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png" // source pictures may be PNG
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // and WebP

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

// Limits on a source picture and on what build publishes.
const (
	// MaxSourceBytes is the largest picture file a content folder may hold.
	MaxSourceBytes = 20 << 20
	// MaxSourcePixels caps width×height before decoding, so a small file
	// that claims a huge size (a decompression bomb) is refused unread.
	MaxSourcePixels = 40_000_000
	// MinSourceSide is the smallest width or height accepted: smaller
	// pictures look blurred on a kiosk page.
	MinSourceSide = 200
	// Width is the width of a published picture: the text column of a
	// portrait kiosk. Narrower pictures keep their width (never enlarged).
	Width = 1080
	// MaxHeight caps a published picture's height (a very tall picture is
	// scaled to it), so one picture cannot fill more than a screen.
	MaxHeight = 1440
	// Quality is the JPEG quality of published pictures.
	Quality = 82
	// MaxPublishedBytes is the most one published picture may take; a
	// kiosk refuses larger picture targets (update.DefaultMaxImageBytes).
	MaxPublishedBytes = 1 << 20
)

// Dir is the folder of pictures in a content folder, in the feed's
// targets and in a kiosk's data folder.
const Dir = "images"

// Published is one picture as a kiosk gets it.
type Published struct {
	Name          string // the feed target, "images/<hash>.jpg"
	Data          []byte // JPEG
	Width, Height int
}

// sourceError is a problem with one picture file, said in words that
// name the file.
func sourceError(file, format string, args ...any) error {
	return fmt.Errorf("%s: %s", file, fmt.Sprintf(format, args...))
}

// Make checks one source picture (file is its path, for messages) and
// makes the picture a kiosk shows.
func Make(file string, data []byte) (*Published, error) {
	if len(data) > MaxSourceBytes {
		return nil, sourceError(file, "is %d bytes; a picture may be at most %d MB", len(data), MaxSourceBytes>>20)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, sourceError(file, "is not a JPEG, PNG or WebP picture (%v)", err)
	}
	if err := checkFormat(file, format); err != nil {
		return nil, err
	}
	if cfg.Width < MinSourceSide || cfg.Height < MinSourceSide {
		return nil, sourceError(file, "is %d×%d pixels; a picture must be at least %d pixels wide and high", cfg.Width, cfg.Height, MinSourceSide)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxSourcePixels {
		return nil, sourceError(file, "is %d×%d pixels (%.1f megapixels); at most %d megapixels: scale it down first",
			cfg.Width, cfg.Height, float64(cfg.Width)*float64(cfg.Height)/1e6, MaxSourcePixels/1_000_000)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, sourceError(file, "cannot be decoded as %s: %v", strings.ToUpper(format), err)
	}
	o := 1
	if format == "jpeg" {
		o = exifOrientation(data)
	}
	out := scale(img, o >= 5)
	if o > 1 {
		out = orient(out, o) // turned after scaling: fewer pixels to move
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, out, &jpeg.Options{Quality: Quality}); err != nil {
		return nil, sourceError(file, "cannot be written as JPEG: %v", err)
	}
	if buf.Len() > MaxPublishedBytes {
		return nil, sourceError(file, "makes a %d-byte JPEG, over the %d bytes a kiosk takes (a very detailed picture): crop or simplify it", buf.Len(), MaxPublishedBytes)
	}
	sum := sha256.Sum256(buf.Bytes())
	b := out.Bounds()
	return &Published{Name: Dir + "/" + hex.EncodeToString(sum[:16]) + ".jpg", Data: buf.Bytes(), Width: b.Dx(), Height: b.Dy()}, nil
}

// checkFormat accepts the decoders this package registers for pictures
// (image.Decode knows others that other packages register, such as BMP).
func checkFormat(file, format string) error {
	switch format {
	case "jpeg", "png", "webp":
		return nil
	}
	return sourceError(file, "is a %s picture; use JPEG, PNG or WebP", strings.ToUpper(format))
}

// scale fits img into Width×MaxHeight (never enlarging it) on white, so
// a transparent PNG shows as it would on a page. turned: img will be
// turned a quarter afterwards, so its height is fitted to Width.
func scale(img image.Image, turned bool) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if turned {
		w, h = h, w
	}
	if w > Width {
		h = max(1, h*Width/w)
		w = Width
	}
	if h > MaxHeight {
		w = max(1, w*MaxHeight/h)
		h = MaxHeight
	}
	if turned {
		w, h = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Over)
		return dst
	}
	op := draw.Over
	if o, ok := img.(interface{ Opaque() bool }); ok && o.Opaque() {
		op = draw.Src // the same on white, and x/image's fast path for JPEG
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, op, nil)
	return dst
}

// Problem is a picture that cannot be published, named by the item file
// that refers to it.
type Problem = source.FileError

// Prepare makes the published picture of every item of set that has one,
// reading the source pictures from fsys (the content folder), and points
// the items at them (file, width and height). A picture several items
// share is made once. Problems name the item file and the picture; on
// any problem the set is left as it was.
func Prepare(set *content.Set, fsys fs.FS) ([]Published, source.Errors) {
	return PrepareCached(set, fsys, "")
}

// PrepareCached is Prepare remembering the pictures it makes in cacheDir
// (none when empty), by the SHA-256 of the source file and the settings
// they were made with: a build then makes only the pictures that are new
// or changed, not every picture of the folder each time.
func PrepareCached(set *content.Set, fsys fs.FS, cacheDir string) ([]Published, source.Errors) {
	made := map[string]*Published{}
	failed := map[string]error{}
	var errs source.Errors
	var pending []func()
	set.Each(func(item content.Item) {
		img := content.ImageOf(item)
		if img == nil {
			return
		}
		p, err := made[img.File], failed[img.File]
		if p == nil && err == nil {
			p, err = makeFile(fsys, img.File, cacheDir)
			if err != nil {
				failed[img.File] = err
			} else {
				made[img.File] = p
			}
		}
		if err != nil {
			errs = append(errs, Problem{File: source.File(item.Kind(), item.ItemID()), Field: "image.file", Err: err.Error()})
			return
		}
		field := content.ImageField(item) // Each hands out the set's own items
		pending = append(pending, func() { repoint(field, p) })
	})
	if len(errs) > 0 {
		return nil, errs
	}
	for _, fn := range pending {
		fn()
	}
	byName := map[string]Published{}
	for _, p := range made {
		byName[p.Name] = *p
	}
	out := make([]Published, 0, len(byName))
	for _, p := range byName {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func makeFile(fsys fs.FS, name, cacheDir string) (*Published, error) {
	if !content.ValidImageFile(name) {
		return nil, fmt.Errorf("%q is not a picture in images/", name)
	}
	st, err := fs.Stat(fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, sourceError(name, "does not exist in the content folder")
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular():
		return nil, sourceError(name, "is not a file")
	case st.Size() > MaxSourceBytes:
		return nil, sourceError(name, "is %d bytes; a picture may be at most %d MB", st.Size(), MaxSourceBytes>>20)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	if cacheDir == "" {
		return Make(name, data)
	}
	key := cacheKey(data)
	if p := fromCache(cacheDir, key); p != nil {
		return p, nil
	}
	p, err := Make(name, data)
	if err == nil {
		_ = atomicfile.WriteBytesMkdir(filepath.Join(cacheDir, key+".jpg"), 0o644, p.Data) // a cache: a failure only costs time
	}
	return p, err
}

// makeSettings changes whenever Make would make another picture of the
// same source, so the cache never gives an old one.
var makeSettings = fmt.Sprintf("v1 %d %d %d", Width, MaxHeight, Quality)

func cacheKey(source []byte) string {
	h := sha256.New()
	h.Write([]byte(makeSettings + "\n"))
	h.Write(source)
	return hex.EncodeToString(h.Sum(nil))
}

// fromCache returns the picture made before from the same source, or
// nil; a cached file that is not a picture within the limits is ignored.
func fromCache(dir, key string) *Published {
	data, err := os.ReadFile(filepath.Join(dir, key+".jpg"))
	if err != nil || Check(data) != nil {
		return nil
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	sum := sha256.Sum256(data)
	return &Published{Name: Dir + "/" + hex.EncodeToString(sum[:16]) + ".jpg", Data: data, Width: cfg.Width, Height: cfg.Height}
}

// CacheDir is the folder build and the editor keep made pictures in: the
// user's cache folder, or "" (no cache) when there is none.
func CacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "motesplats", "pictures")
}

// repoint gives an item a copy of its image that names the published
// picture (a copy: the set's items may share the pointer with others).
func repoint(img **content.Image, p *Published) {
	c := **img
	c.File, c.Width, c.Height = p.Name, p.Width, p.Height
	*img = &c
}

// IsPublishedName reports whether name is a picture target as Make names
// them: "images/" and 32 hex digits and ".jpg".
func IsPublishedName(name string) bool {
	base, ok := strings.CutPrefix(name, Dir+"/")
	if !ok || path.Base(name) != base {
		return false
	}
	hexPart, ok := strings.CutSuffix(base, ".jpg")
	if !ok || len(hexPart) != 32 {
		return false
	}
	_, err := hex.DecodeString(hexPart)
	return err == nil && strings.ToLower(hexPart) == hexPart
}

// Check tells whether data is a picture a kiosk may show: a JPEG within
// the published limits. A kiosk checks each picture it downloads before
// keeping it (the feed's signature says who made it, not that it decodes).
func Check(data []byte) error {
	if len(data) > MaxPublishedBytes {
		return fmt.Errorf("is %d bytes; at most %d", len(data), MaxPublishedBytes)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("is not a picture: %v", err)
	}
	if format != "jpeg" {
		return fmt.Errorf("is %s, not JPEG", format)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > Width || cfg.Height > MaxHeight {
		return fmt.Errorf("is %d×%d pixels; at most %d×%d", cfg.Width, cfg.Height, Width, MaxHeight)
	}
	return nil
}

// FileIn is where the data folder dataDir keeps the published picture
// name (an item's image.file on a kiosk); ok is false for a name that is
// not a published picture's, which is never read from disk.
func FileIn(dataDir, name string) (file string, ok bool) {
	if !IsPublishedName(name) {
		return "", false
	}
	return filepath.Join(dataDir, Dir, path.Base(name)), true
}

// Keep writes pictures into dataDir's picture folder, each atomically
// (a reader sees the whole file or none), skipping those already there.
func Keep(dataDir string, pics []Published) error {
	for _, p := range pics {
		file, ok := FileIn(dataDir, p.Name)
		if !ok {
			return fmt.Errorf("%q is not a published picture's name", p.Name)
		}
		if st, err := os.Stat(file); err == nil && st.Size() == int64(len(p.Data)) {
			continue
		}
		if err := atomicfile.WriteBytesMkdir(file, 0o644, p.Data); err != nil {
			return err
		}
	}
	return nil
}
