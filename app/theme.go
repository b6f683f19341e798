package app

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/assets"
)

// Fonts are resources made once; Fyne caches faces by resource name.
var (
	fontRegular = fyne.NewStaticResource("MotesplatsSans-Regular.ttf", assets.TextRegular)
	fontBold    = fyne.NewStaticResource("MotesplatsSans-Bold.ttf", assets.TextBold)
)

// Settings that keep the reader's text size and contrast across restarts.
const (
	settingTextScale    = "ui.text_scale"
	settingHighContrast = "ui.high_contrast"
)

// textScales are the steps of A− / A+: small enough steps to notice,
// few enough that the largest still fits the header on a 1024-wide kiosk.
var textScales = []float32{0.85, 1, 1.15, 1.3, 1.45, 1.6}

// Touch targets: Fyne's buttons are the inline icon (or a line of text)
// plus the inner padding twice; these sizes make every button at least
// 48 dp high, the size a finger hits reliably, whatever the text size.
const (
	touchInnerPadding = 14
	touchIconSize     = 24
)

// kioskTheme is Fyne's default look with the app's own fonts, larger text
// for reading at a kiosk, finger-sized targets, and a high-contrast palette.
//
// The text font is Motesplats Sans, Noto Sans and Noto Sans Arabic in one
// font (assets/fonts/merge.py), so the theme's font alone draws Latin,
// Cyrillic and Arabic and Fyne's glyph-by-glyph fallback never reaches its
// own bundled Noto Sans 2.000, whose Cyrillic 'ccmp' rule drew every
// Ukrainian «і» as a dotless «ı», nor system fonts a kiosk does not have.
// Italic uses it too (Fyne's italic fallback has the same flaw).
//
// A theme is never changed in place: A+ or the contrast toggle make a new
// one, so Fyne sees a new theme and redraws everything.
type kioskTheme struct {
	scale        float32
	highContrast bool
}

// High-contrast palette: white on black, yellow for what can be touched
// or has the focus, as in public-transport displays.
var (
	hcBlack  = color.NRGBA{0, 0, 0, 0xff}
	hcWhite  = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	hcYellow = color.NRGBA{0xff, 0xdd, 0x00, 0xff}
	hcGrey   = color.NRGBA{0x33, 0x33, 0x33, 0xff}
	hcRed    = color.NRGBA{0xff, 0x80, 0x80, 0xff}
	hcGreen  = color.NRGBA{0x80, 0xff, 0x80, 0xff}

	highContrastColors = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameBackground:          hcBlack,
		theme.ColorNameForeground:          hcWhite,
		theme.ColorNameButton:              hcGrey,
		theme.ColorNameDisabledButton:      hcBlack,
		theme.ColorNameDisabled:            color.NRGBA{0xaa, 0xaa, 0xaa, 0xff},
		theme.ColorNamePrimary:             hcYellow,
		theme.ColorNameForegroundOnPrimary: hcBlack,
		theme.ColorNameFocus:               hcYellow,
		theme.ColorNameHover:               color.NRGBA{0xff, 0xdd, 0x00, 0x55},
		theme.ColorNamePressed:             color.NRGBA{0xff, 0xdd, 0x00, 0x99},
		theme.ColorNameSelection:           color.NRGBA{0xff, 0xdd, 0x00, 0x66},
		theme.ColorNameHyperlink:           hcYellow,
		theme.ColorNameInputBackground:     hcBlack,
		theme.ColorNameInputBorder:         hcWhite,
		theme.ColorNamePlaceHolder:         color.NRGBA{0xcc, 0xcc, 0xcc, 0xff},
		theme.ColorNameSeparator:           hcWhite,
		theme.ColorNameScrollBar:           hcYellow,
		theme.ColorNameScrollBarBackground: hcGrey,
		theme.ColorNameShadow:              color.Transparent,
		theme.ColorNameHeaderBackground:    hcBlack,
		theme.ColorNameMenuBackground:      hcBlack,
		theme.ColorNameOverlayBackground:   hcBlack,
		theme.ColorNameError:               hcRed,
		theme.ColorNameForegroundOnError:   hcBlack,
		theme.ColorNameSuccess:             hcGreen,
		theme.ColorNameForegroundOnSuccess: hcBlack,
		theme.ColorNameWarning:             hcYellow,
		theme.ColorNameForegroundOnWarning: hcBlack,
	}
)

// normalColors are where the normal look departs from Fyne's light
// theme: its blue, red and placeholder grey fall short of
// WCAG AA (4.5:1) against the backgrounds they are drawn on (white text
// on its blue tiles is 4.47:1, its red on white 3.68:1). These darker
// shades pass; contrast_test.go measures every pair.
var normalColors = map[fyne.ThemeColorName]color.Color{
	theme.ColorNamePrimary:     color.NRGBA{0x1d, 0x4e, 0xd8, 0xff},
	theme.ColorNameHyperlink:   color.NRGBA{0x1d, 0x4e, 0xd8, 0xff},
	theme.ColorNameError:       color.NRGBA{0xc6, 0x28, 0x28, 0xff},
	theme.ColorNamePlaceHolder: color.NRGBA{0x66, 0x66, 0x66, 0xff},
}

func (t *kioskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.highContrast {
		if c, ok := highContrastColors[n]; ok {
			return c
		}
		return theme.DefaultTheme().Color(n, theme.VariantDark)
	}
	if c, ok := normalColors[n]; ok {
		return c
	}
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
	if n == sizeNameBarText {
		return theme.DefaultTheme().Size(theme.SizeNameText) * readingSize
	}
	size := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText:
		return size * readingSize * t.scale
	case theme.SizeNameInnerPadding:
		return touchInnerPadding
	case theme.SizeNameInlineIcon:
		return touchIconSize
	case theme.SizeNameInputBorder:
		if t.highContrast {
			return size * 2 // a focus ring that can be seen from a step away
		}
	}
	return size
}

// readingSize is how much larger than Fyne's the text is at the default
// scale, for reading at a kiosk from a step away.
const readingSize = 1.25

// sizeNameBarText is the text size of the navigation bar: the normal text
// size at the default scale, whatever A− / A+ chose for the screens, so
// the bar's cells never change (navbar.go).
const sizeNameBarText fyne.ThemeSizeName = "motesplats-bar-text"

// scaleStep is the index in textScales nearest to scale.
func scaleStep(scale float32) int {
	best := 0
	for i, s := range textScales {
		if abs32(s-scale) < abs32(textScales[best]-scale) {
			best = i
		}
	}
	return best
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// loadTheme reads the saved text size and contrast; anything unreadable
// means the default look.
func (u *UI) loadTheme() *kioskTheme {
	th := &kioskTheme{scale: 1}
	if v, ok, err := u.lib.Store.Setting(settingTextScale); err == nil && ok {
		if f, perr := strconv.ParseFloat(v, 32); perr == nil {
			th.scale = textScales[scaleStep(float32(f))]
		}
	}
	if v, ok, err := u.lib.Store.Setting(settingHighContrast); err == nil && ok {
		th.highContrast, _ = strconv.ParseBool(v)
	}
	return th
}

// useTheme makes th the app's theme.
func (u *UI) useTheme(th *kioskTheme) {
	u.theme = th
	if a := fyne.CurrentApp(); a != nil {
		a.Settings().SetTheme(th)
	}
}

// applyTheme uses th and remembers it; losing the setting is harmless
// (the next start uses the default look). In kiosk mode a visitor's
// choice lasts only until the idle reset, as their language does: the
// next visitor starts from the saved look.
func (u *UI) applyTheme(th *kioskTheme) {
	u.useTheme(th)
	if u.session.kiosk && !u.session.unlocked {
		return
	}
	_ = u.lib.Store.SetSetting(settingTextScale, strconv.FormatFloat(float64(th.scale), 'f', 2, 32))
	_ = u.lib.Store.SetSetting(settingHighContrast, strconv.FormatBool(th.highContrast))
}

// changeTextSize moves the text size by steps (A+ is 1, A− is −1),
// stopping at the smallest and largest.
func (u *UI) changeTextSize(steps int) {
	i := min(max(scaleStep(u.theme.scale)+steps, 0), len(textScales)-1)
	u.applyTheme(&kioskTheme{scale: textScales[i], highContrast: u.theme.highContrast})
}

// toggleContrast switches between the normal and the high-contrast look.
func (u *UI) toggleContrast() {
	u.applyTheme(&kioskTheme{scale: u.theme.scale, highContrast: !u.theme.highContrast})
	u.nav.rebuildHeader() // the toggle shows its state
}
