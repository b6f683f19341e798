// Package drawn draws the app's SVG pictograms and icons as images,
// once per resource, colour and pixel size, shared by every widget that
// shows them.
//
// Fyne's canvas.Image of an SVG resource colours it (an XML rewrite) and
// parses it again at every Refresh and every Resize, and draws it again
// at every new object (its raster cache is per image): most of Home's
// build on the UI goroutine, a quarter of a search keystroke's time and
// a tenth of opening a project screen (BENCHMARKS.md, issue 16). An
// image shown from Pictogram is only scaled by the GPU when its canvas.Image
// is resized. The pixels are Fyne's own: the same colouring (the
// resource's Content), the same rasteriser and the same pixel size
// (PixelSize, as Fyne works it out), so a pictogram looks as it did.
package drawn

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

type key struct {
	name   string // the resource's
	colour color.NRGBA
	w, h   int
}

// cache holds the pictograms drawn so far (a few dozen: pictograms × the
// sizes they are shown at × the looks), emptied if window sizes or
// themes ever make them many; names are the names of the resources they
// were drawn from, for tests.
var cache = struct {
	sync.Mutex
	drawn map[key]image.Image
	names map[image.Image]string
	draws map[string]int // how many were drawn, by resource name, for tests
}{drawn: map[key]image.Image{}, names: map[image.Image]string{}, draws: map[string]int{}}

const cacheSize = 256

// Pictogram is res drawn w×h pixels (at most: Fyne keeps the SVG's aspect)
// in its theme colour, drawn once per colour and size and shared. nil if
// it cannot be drawn (as Fyne shows nothing then).
func Pictogram(res fyne.ThemedResource, w, h int) image.Image {
	if w <= 0 || h <= 0 || res == nil {
		return nil
	}
	k := key{
		name:   res.Name(),
		colour: color.NRGBAModel.Convert(theme.Color(res.ThemeColorName())).(color.NRGBA),
		w:      w, h: h,
	}
	cache.Lock()
	defer cache.Unlock()
	if img, ok := cache.drawn[k]; ok {
		return img
	}
	img, err := drawSVG(res.Content(), w, h)
	if err != nil {
		fyne.LogError("Failed to render SVG", err)
		return nil
	}
	if len(cache.drawn) >= cacheSize {
		clear(cache.drawn)
		clear(cache.names)
	}
	cache.drawn[k] = img
	cache.names[img] = res.Name()
	cache.draws[res.Name()]++
	return img
}

// PixelSize is the pixel size Fyne draws an SVG of size at in obj:
// obj's canvas's, else fallback's (the window's: the canvas obj will be
// on, which Fyne knows only once it paints it), else that of the app's
// first window, else twice size, as Fyne does outside a canvas
// (canvas.Image.renderSVG).
func PixelSize(obj fyne.CanvasObject, size fyne.Size, fallback fyne.Canvas) (w, h int) {
	if size.Width <= 0 || size.Height <= 0 {
		return 0, 0
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(obj)
	if c == nil {
		c = fallback
	}
	if c == nil {
		if wins := fyne.CurrentApp().Driver().AllWindows(); len(wins) > 0 {
			c = wins[0].Canvas()
		}
	}
	if c == nil {
		return int(size.Width) * 2, int(size.Height) * 2
	}
	return c.PixelCoordinateForPosition(fyne.NewPos(size.Width, size.Height))
}

// Show shows res in img, drawn at img's present pixel size (PixelSize),
// and refreshes img if that is a new image. Nothing is drawn until img
// has a size (Fyne draws nothing either).
func Show(img *canvas.Image, res fyne.ThemedResource, fallback fyne.Canvas) {
	w, h := PixelSize(img, img.Size(), fallback)
	if w <= 0 || h <= 0 {
		return
	}
	if pic := Pictogram(res, w, h); pic != img.Image {
		img.Image = pic
		img.Refresh()
	}
}

// NameOf is the name of the resource img was drawn from by Pictogram, if it
// is one of the pictograms kept (for tests).
func NameOf(img image.Image) (string, bool) {
	cache.Lock()
	defer cache.Unlock()
	name, ok := cache.names[img]
	return name, ok
}

// Draws is how many pictograms were drawn since Forget, by resource name
// (for tests).
func Draws() map[string]int {
	cache.Lock()
	defer cache.Unlock()
	out := make(map[string]int, len(cache.draws))
	for n, d := range cache.draws {
		out[n] = d
	}
	return out
}

// Forget empties the cache and its counts (for tests).
func Forget() {
	cache.Lock()
	clear(cache.drawn)
	clear(cache.names)
	clear(cache.draws)
	cache.Unlock()
}

// drawSVG draws an SVG as Fyne 2.7's canvas.Image does (internal/svg,
// Decoder.Draw; BSD-3-Clause, Fyne.io developers): the SVG's aspect kept
// inside w×h, offset when its view box starts above zero.
func drawSVG(data []byte, w, h int) (img *image.NRGBA, err error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	aspect := float32(icon.ViewBox.W / icon.ViewBox.H)
	imgW, imgH := w, h
	if view := float32(w) / float32(h); view > aspect {
		imgW = int(float32(h) * aspect)
	} else if view < aspect {
		imgH = int(float32(w) / aspect)
	}
	var y float64
	if icon.ViewBox.Y < 0 {
		y = icon.ViewBox.Y + (-icon.ViewBox.Y/icon.ViewBox.H)*float64(imgH)
	}
	icon.SetTarget(0, y, float64(imgW), float64(imgH))
	img = image.NewNRGBA(image.Rect(0, 0, imgW, imgH))
	scanner := rasterx.NewScannerGV(int(icon.ViewBox.W), int(icon.ViewBox.H), img, img.Bounds())
	raster := rasterx.NewDasher(w, h, scanner)
	defer func() {
		if recover() != nil {
			img, err = nil, errors.New("crash when rendering svg")
		}
	}()
	icon.Draw(raster, 1)
	return img, nil
}
