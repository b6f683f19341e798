package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/assets"
)

// Fonts are resources made once; Fyne caches faces by resource name.
var (
	fontRegular = fyne.NewStaticResource("NotoSansArabic-Regular.ttf", assets.NotoSansArabicRegular)
	fontBold    = fyne.NewStaticResource("NotoSansArabic-Bold.ttf", assets.NotoSansArabicBold)
)

// kioskTheme is Fyne's default look with the app's own fonts and larger
// text for reading at a kiosk.
//
// The text font is Noto Sans Arabic: Fyne falls back glyph by glyph to its
// bundled Noto Sans for Latin and Cyrillic, so every script shows even on a
// machine with no system fonts. The reverse (Noto Sans first) would fall
// back to system fonts for Arabic, which a bare kiosk does not have.
type kioskTheme struct {
	scale float32
}

func (t *kioskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (t *kioskTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	if s.Bold {
		return fontBold
	}
	return fontRegular
}

func (t *kioskTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (t *kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	size := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText:
		return size * 1.25 * t.scale
	}
	return size
}
