package app

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// colourPair is a text (or pictogram) colour and what it is drawn on.
type colourPair struct {
	what       string
	text, back fyne.ThemeColorName
	// inactive is a control that cannot be used now (the Back button on
	// Home): WCAG exempts it, and it must look unlike a live one, so only
	// high contrast, whose palette reads it at 7:1, is held to a ratio.
	inactive bool
}

// contrastPairs are the theme's colours that carry information, each on
// what the app draws it on.
var contrastPairs = []colourPair{
	{"text", theme.ColorNameForeground, theme.ColorNameBackground, false},
	{"text on a button or card", theme.ColorNameForeground, theme.ColorNameButton, false},
	{"text in a field", theme.ColorNameForeground, theme.ColorNameInputBackground, false},
	{"text on the header", theme.ColorNameForeground, theme.ColorNameHeaderBackground, false},
	{"text on a tile", theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary, false},
	// A topic tile with a picture draws nothing on the picture: its title
	// stays on the tile's colour and its pictogram on a badge of that
	// colour (app/tile.go, TestTopicTileShowsItsPicture).
	{"pictogram on a tile's badge over its picture", theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary, false},
	{"pictogram on a card", theme.ColorNamePrimary, theme.ColorNameButton, false},
	{"placeholder", theme.ColorNamePlaceHolder, theme.ColorNameInputBackground, false},
	{"disabled text", theme.ColorNameDisabled, theme.ColorNameBackground, true},
	{"disabled button", theme.ColorNameDisabled, theme.ColorNameDisabledButton, true},
	{"error", theme.ColorNameError, theme.ColorNameBackground, false},
	{"link", theme.ColorNameHyperlink, theme.ColorNameBackground, false},
	{"text on an error", theme.ColorNameForegroundOnError, theme.ColorNameError, false},
}

// relativeLuminance is WCAG 2's relative luminance of an opaque colour.
func relativeLuminance(c color.Color) float64 {
	r, g, b, _ := color.NRGBAModel.Convert(c).(color.NRGBA).RGBA()
	channel := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(r) + 0.7152*channel(g) + 0.0722*channel(b)
}

// contrastRatio is WCAG 2's contrast ratio, from 1 to 21.
func contrastRatio(a, b color.Color) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrastRatioFormula(t *testing.T) {
	black, white := color.NRGBA{0, 0, 0, 0xff}, color.NRGBA{0xff, 0xff, 0xff, 0xff}
	for _, c := range []struct {
		a, b color.Color
		want float64
	}{
		{black, white, 21},
		{white, white, 1},
		{color.NRGBA{0x76, 0x76, 0x76, 0xff}, white, 4.54}, // the lightest grey that passes AA on white
		{color.NRGBA{0xff, 0, 0, 0xff}, white, 4.0},
	} {
		if got := contrastRatio(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.2f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// Every pair passes WCAG AA (4.5:1) in the normal look and AAA (7:1) in
// high contrast.
func TestThemeContrast(t *testing.T) {
	for _, c := range []struct {
		name string
		th   *kioskTheme
		min  float64
	}{
		{"normal", &kioskTheme{scale: 1}, 4.5},
		{"high contrast", &kioskTheme{scale: 1, highContrast: true}, 7},
	} {
		for _, p := range contrastPairs {
			if p.inactive && !c.th.highContrast {
				continue
			}
			text, back := c.th.Color(p.text, theme.VariantLight), c.th.Color(p.back, theme.VariantLight)
			if _, _, _, a := back.RGBA(); a != 0xffff {
				t.Errorf("%s %s: background %s %v is not opaque; the ratio would depend on what is under it", c.name, p.what, p.back, back)
				continue
			}
			if got := contrastRatio(text, back); got < c.min {
				t.Errorf("%s %s: %s %v on %s %v is %.2f:1, want at least %.1f:1", c.name, p.what, p.text, text, p.back, back, got, c.min)
			} else {
				t.Logf("%s %s: %.2f:1", c.name, p.what, got)
			}
		}
	}
}
