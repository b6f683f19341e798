package app

import (
	"bytes"
	"image"
	_ "image/jpeg" // the kiosk's pictures are JPEG (internal/images)
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/images"
)

// Pictures on article and project pages (docs/content-format.md,
// "Images"). A picture that is missing, refused by the sync or damaged
// on disk is simply left out: the page is whole without it.

// pictureWidth is the widest a picture is shown, in Fyne units: about
// half a portrait kiosk's width, so the text still starts on the first
// screen.
const pictureWidth = 560

// pictureMaxHeight caps a tall picture's height on the page.
const pictureMaxHeight = 420

// picture is an item's picture for its page, with its credit below it,
// or nil when the item has none or its file cannot be shown.
func (u *UI) picture(img *content.Image) fyne.CanvasObject {
	if img == nil {
		return nil
	}
	decoded := loadPicture(u.lib.Dir, img.File)
	if decoded == nil {
		return nil
	}
	c := canvas.NewImageFromImage(decoded)
	c.FillMode = canvas.ImageFillContain
	c.ScaleMode = canvas.ImageScaleSmooth
	b := decoded.Bounds()
	w := float32(min(pictureWidth, b.Dx()))
	h := w * float32(b.Dy()) / float32(b.Dx())
	if h > pictureMaxHeight {
		w, h = w*pictureMaxHeight/h, pictureMaxHeight
	}
	c.SetMinSize(fyne.NewSize(w, h))
	box := container.NewVBox(c)
	if !img.Credit.Empty() {
		credit := u.contentText(img.Credit)
		credit.SizeName = theme.SizeNameCaptionText
		credit.ColorName = theme.ColorNamePlaceHolder
		box.Add(credit)
	}
	return box
}

// pictureSpeech is what read-aloud says for a picture: its alt text
// after a word that says it is a picture ("Bild: …"); empty without one.
func (u *UI) pictureSpeech(img *content.Image) content.Text {
	if img == nil || img.Alt.Empty() {
		return nil
	}
	s, _ := img.Alt.In(u.Lang())
	return content.Text{u.Lang(): u.tf("ImagesSpoken", map[string]any{"Alt": s})}
}

// pictureCache keeps the last pictures decoded: a page is built again on
// every language or text size change.
var pictureCache = struct {
	sync.Mutex
	order []string
	byKey map[string]image.Image
}{byKey: map[string]image.Image{}}

const pictureCacheSize = 8

// loadPicture reads and decodes a picture of the data folder; nil when
// the name is not a published picture's, the file is missing, or it is
// not a JPEG within the published limits.
func loadPicture(dataDir, name string) image.Image {
	file, ok := images.FileIn(dataDir, name)
	if !ok {
		return nil
	}
	pictureCache.Lock()
	defer pictureCache.Unlock()
	if img := pictureCache.byKey[file]; img != nil {
		return img
	}
	img := decodePicture(file)
	if img == nil {
		return nil
	}
	if len(pictureCache.order) == pictureCacheSize {
		delete(pictureCache.byKey, pictureCache.order[0])
		pictureCache.order = pictureCache.order[1:]
	}
	pictureCache.order = append(pictureCache.order, file)
	pictureCache.byKey[file] = img
	return img
}

// decodePicture reads and decodes a picture file; nil when it is missing
// or not a JPEG within the published limits.
func decodePicture(file string) image.Image {
	data, err := os.ReadFile(file)
	if err != nil || images.Check(data) != nil {
		return nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	return img
}
