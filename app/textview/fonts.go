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
//
// A parsed font costs heap for the app's life (go-text copies and decodes
// its tables: about 2.2 MB for the theme's font, 1.5 MB for Fyne's Noto
// Sans, 4.8 MB for its emoji font), so a font is kept parsed only once a
// letter is measured or drawn from it: the fonts after the theme's are
// reached only by letters the theme's font lacks, which the app's own
// texts never have (TestFontCoverage). A font that only lends its ascent
// to a line is parsed once for it and let go.

type metricFace struct {
	face *font.Face
	// ascent per point of text size.
	ascent float32
}

var (
	metricFaces sync.Map // fyne.Resource name → *metricFace (nil if unreadable)
	fontAscents sync.Map // fyne.Resource name → float32 ascent per point (< 0 if unreadable), for fonts not in metricFaces
)

func parseMetricFace(res fyne.Resource) *metricFace {
	face, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		return nil
	}
	if ext, ok := face.FontHExtents(); ok && face.Upem() > 0 {
		return &metricFace{face: face, ascent: ext.Ascender / float32(face.Upem())}
	}
	return nil
}

// loadMetricFace returns res parsed, kept for the app's life.
func loadMetricFace(res fyne.Resource) *metricFace {
	if res == nil {
		return nil
	}
	if v, ok := metricFaces.Load(res.Name()); ok {
		return v.(*metricFace)
	}
	mf := parseMetricFace(res)
	metricFaces.Store(res.Name(), mf)
	return mf
}

// fontAscent is res's ascent per point of text size, without keeping res
// parsed if it was not already.
func fontAscent(res fyne.Resource) (float32, bool) {
	if v, ok := metricFaces.Load(res.Name()); ok {
		if mf := v.(*metricFace); mf != nil {
			return mf.ascent, true
		}
		return 0, false
	}
	if v, ok := fontAscents.Load(res.Name()); ok {
		a := v.(float32)
		return a, a >= 0
	}
	a := float32(-1)
	if mf := parseMetricFace(res); mf != nil {
		a = mf.ascent
	}
	fontAscents.Store(res.Name(), a)
	return a, a >= 0
}

// ascents returns the ascent of the font that will draw r, and the
// largest ascent of all the fonts Fyne tries for the style (the theme's,
// then its bundled one), for text of the given size.
func ascents(r rune, size float32, style fyne.TextStyle) (own, tallest float32) {
	found := false
	for _, res := range []fyne.Resource{fyne.CurrentApp().Settings().Theme().Font(style), theme.DefaultTheme().Font(style)} {
		if res == nil {
			continue
		}
		if !found {
			// Parsed for its glyphs: r may be drawn from it.
			if mf := loadMetricFace(res); mf != nil {
				tallest = max(tallest, mf.ascent*size)
				if _, ok := mf.face.NominalGlyph(r); ok {
					own, found = mf.ascent*size, true
				}
			}
			continue
		}
		if a, ok := fontAscent(res); ok {
			tallest = max(tallest, a*size)
		}
	}
	if !found {
		own = tallest
	}
	return own, tallest
}
