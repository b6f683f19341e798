package textview

import (
	"bytes"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// Fyne draws a text object from the top of its box down to the ascent of
// the font of its first letter. The app's theme font holds every script
// it shows, but a piece in a script it lacks falls back to Fyne's bundled
// font or a system font, whose ascent differs, so pieces side by side
// would not share a baseline. Fyne's own measure reports one font's
// ascent for all text, so the ascents are read here from the fonts
// themselves, in the order Fyne tries them: the theme's font, then Fyne's
// bundled font for the style.

type metricFace struct {
	face *font.Face
	// ascent per point of text size.
	ascent float32
}

var metricFaces sync.Map // fyne.Resource name → *metricFace (nil if unreadable)

func loadMetricFace(res fyne.Resource) *metricFace {
	if res == nil {
		return nil
	}
	if v, ok := metricFaces.Load(res.Name()); ok {
		return v.(*metricFace)
	}
	var mf *metricFace
	if face, err := font.ParseTTF(bytes.NewReader(res.Content())); err == nil {
		if ext, ok := face.FontHExtents(); ok && face.Upem() > 0 {
			mf = &metricFace{face: face, ascent: ext.Ascender / float32(face.Upem())}
		}
	}
	metricFaces.Store(res.Name(), mf)
	return mf
}

// fallbackFonts are the fonts Fyne tries for a style, in order.
func fallbackFonts(style fyne.TextStyle) []*metricFace {
	var out []*metricFace
	for _, res := range []fyne.Resource{fyne.CurrentApp().Settings().Theme().Font(style), theme.DefaultTheme().Font(style)} {
		if mf := loadMetricFace(res); mf != nil {
			out = append(out, mf)
		}
	}
	return out
}

// ascents returns the ascent of the font that will draw r, and the
// largest ascent of all the fonts, for text of the given size.
func ascents(r rune, size float32, style fyne.TextStyle) (own, tallest float32) {
	faces := fallbackFonts(style)
	for _, mf := range faces {
		tallest = max(tallest, mf.ascent*size)
	}
	for _, mf := range faces {
		if _, ok := mf.face.NominalGlyph(r); ok {
			return mf.ascent * size, tallest
		}
	}
	return tallest, tallest
}
