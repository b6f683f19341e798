package textview

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/assets"
)

// appFonts is the default theme with the app's fonts (Motesplats Sans),
// as the app's theme has them.
type appFonts struct{}

func (appFonts) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, v)
}
func (appFonts) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (appFonts) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }
func (appFonts) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace || s.Symbol || s.Italic:
		return theme.DefaultTheme().Font(s)
	case s.Bold:
		return fyne.NewStaticResource("MotesplatsSans-Bold.ttf", assets.TextBold)
	}
	return fyne.NewStaticResource("MotesplatsSans-Regular.ttf", assets.TextRegular)
}

// TestMeasureWidthIsFyne holds measureWidth to Fyne's measure, to the
// last bit, for words and lines in the app's languages and scripts
// (Arabic joining, Cyrillic, accents, digits, punctuation, emoji, a
// letter no font of the app has), in every style, with Fyne's bundled
// fonts and with the app's.
func TestMeasureWidthIsFyne(t *testing.T) {
	texts := []string{
		"", " ", "a", "Vårdcentral", "språkcafé för kvinnor", "Läxhjälp · Göteborg",
		"мовне кафе", "Юридична консультація", "ї і є ґ", "مقهى اللغة", "مركز صحي",
		"لا", "homework help", "Job coaching, Malmö (12:30–14:00)", "Tjänst · Malmö · Öppet nu",
		"fi ffl AV To", "😀 hej", "👩‍👩‍👧", "日本語", "ሰላም", "a\u200db", "0123456789", "«»—…",
		"mixed مقهى text", "x\ty", "a\rb",
	}
	styles := []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}, {Monospace: true}}
	for _, th := range []fyne.Theme{theme.DefaultTheme(), appFonts{}} {
		a := test.NewTempApp(t)
		a.Settings().SetTheme(th)
		for _, style := range styles {
			for _, size := range []float32{12, 14, 17.5, 24} {
				for _, s := range texts {
					want := fyne.MeasureText(s, size, style).Width
					for range 2 { // measured, then from the cache
						if got := measureWidth(s, size, style); got != want {
							t.Errorf("%T, %+v, size %v: %q measures %v, Fyne %v", th, style, size, s, got, want)
						}
					}
				}
			}
		}
	}
}
