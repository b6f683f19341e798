package textview

import (
	"image/color"
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/synth"
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

// forgetFonts drops every parsed font and measured width, as at start.
func forgetFonts() {
	metricFaces.Clear()
	fontAscents.Clear()
	shaped.Lock()
	shaped.faces, shaped.widths = nil, nil
	shaped.Unlock()
}

// TestFallbackFontsParsedOnlyWhenNeeded lays out the app's four languages
// with the app's fonts: only those are kept parsed, not Fyne's Noto Sans
// (1.5 MB of heap a style) nor its emoji font (4.8 MB), until a letter
// only they have is measured. Widths and ascents stay Fyne's and the
// fonts' own.
func TestFallbackFontsParsedOnlyWhenNeeded(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(appFonts{})
	forgetFonts()
	t.Cleanup(forgetFonts)
	parsed := func(name string) bool {
		v, ok := metricFaces.Load(name)
		return ok && v.(*metricFace) != nil
	}
	texts := map[bidi.Direction][]string{
		bidi.LeftToRight: {"Vårdcentral i Malmö", "Юридична консультація: ї і є ґ", "Homework help (12:30–14:00)"},
		bidi.RightToLeft: {"مقهى اللغة في مركز صحي"},
	}
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		for dir, list := range texts {
			for _, s := range list {
				if got, want := measureWidth(s, 17.5, style), fyne.MeasureText(s, 17.5, style).Width; got != want {
					t.Errorf("%q measures %v, Fyne %v", s, got, want)
				}
				l := NewLabel(s, dir)
				l.TextStyle = style
				test.NewTempWindow(t, l).Resize(fyne.NewSize(600, 200))
			}
		}
	}
	for _, name := range []string{"MotesplatsSans-Regular.ttf", "MotesplatsSans-Bold.ttf"} {
		if !parsed(name) {
			t.Errorf("%s was not parsed", name)
		}
	}
	emoji := theme.DefaultEmojiFont()
	for _, res := range []fyne.Resource{theme.DefaultTextFont(), theme.DefaultTextBoldFont(), emoji} {
		if res != nil && parsed(res.Name()) {
			t.Errorf("%s is kept parsed though no text needed it", res.Name())
		}
	}
	// The ascents still count Fyne's Noto Sans, read from the font.
	noto := parseMetricFace(theme.DefaultTextFont())
	app := parseMetricFace(appFonts{}.Font(fyne.TextStyle{}))
	if own, tallest := ascents('a', 20, fyne.TextStyle{}); own != app.ascent*20 || tallest != max(app.ascent, noto.ascent)*20 {
		t.Errorf("ascents of 'a': %v, %v; want %v, %v", own, tallest, app.ascent*20, max(app.ascent, noto.ascent)*20)
	}
	if emoji == nil {
		return // built with no_emoji
	}
	// A letter only the emoji font has brings it in, measured as Fyne does.
	if got, want := measureWidth("😀 hej", 17.5, fyne.TextStyle{}), fyne.MeasureText("😀 hej", 17.5, fyne.TextStyle{}).Width; got != want {
		t.Errorf("an emoji measures %v, Fyne %v", got, want)
	}
	if !parsed(emoji.Name()) {
		t.Error("measuring an emoji did not parse the emoji font")
	}
}

// TestContentWidthsAreFynes holds measureWidth, which adds up the widths
// of a text's words and spaces (wordsWidth), to Fyne's measure of the
// whole text for every title, name and organisation of the built-in
// content and of generated content, in the four languages, with the
// app's fonts and Fyne's, regular and bold.
func TestContentWidthsAreFynes(t *testing.T) {
	builtIn, err := library.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	generated := synth.Generate(synth.Options{Municipalities: 20, Items: 600, Seed: 5, Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	seen := map[string]bool{}
	var texts []string
	add := func(t content.Text) {
		for _, s := range t {
			if !seen[s] && len(s) < 200 {
				seen[s] = true
				texts = append(texts, s)
			}
		}
	}
	for _, set := range []*content.Set{builtIn, generated} {
		for _, s := range set.Services {
			add(s.Name)
			add(s.Organisation)
		}
		for _, e := range set.Events {
			add(e.Title)
		}
		for _, p := range set.Projects {
			add(p.Name)
			add(p.Owner)
		}
		for _, a := range set.Articles {
			add(a.Title)
		}
	}
	if len(texts) < 1000 {
		t.Fatalf("only %d texts", len(texts))
	}
	for _, th := range []fyne.Theme{theme.DefaultTheme(), appFonts{}} {
		a := test.NewTempApp(t)
		a.Settings().SetTheme(th)
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			for _, size := range []float32{14, 17.5, 24} {
				forgetFonts()
				for _, s := range texts {
					if got, want := measureWidth(s, size, style), fyne.MeasureText(s, size, style).Width; got != want {
						t.Errorf("%T, %+v, size %v: %q measures %v, Fyne %v", th, style, size, s, got, want)
					}
				}
			}
		}
	}
}

// TestLaidOutParagraphIsLayoutAtMost: a paragraph kept for the next
// label is the one LayoutAtMost lays out, for texts in the four
// languages at widths that wrap and cut them; a new theme font lays out
// anew.
func TestLaidOutParagraphIsLayoutAtMost(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(appFonts{})
	texts := []string{
		"Språkcafé för kvinnor i Göteborg", "Мовне кафе для жінок у Гетеборзі",
		"مقهى اللغة للنساء في غوتنبرغ", "Homework help (läxhjälp) · Malmö", "Barn (Діти в сім'ї)",
	}
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		measure := func(s string) float32 { return measureWidth(s, 17.5, style) }
		for _, dir := range []bidi.Direction{bidi.LeftToRight, bidi.RightToLeft} {
			for _, width := range []float32{0, 80, 150, 400} {
				for _, lines := range []int{0, 1, 2} {
					for _, s := range texts {
						want, _ := LayoutAtMost(s, width, lines, dir, measure)
						for range 2 { // laid out, then kept
							if got := laidOutParagraph(s, width, lines, dir, 17.5, style, measure); !reflect.DeepEqual(got, want) {
								t.Errorf("%q at %v, %d lines, %v: %+v, want %+v", s, width, lines, dir, got, want)
							}
						}
					}
				}
			}
		}
	}
	shaped.Lock()
	before := facesFor(fyne.TextStyle{})
	shaped.Unlock()
	a.Settings().SetTheme(theme.DefaultTheme())
	measure := func(s string) float32 { return measureWidth(s, 17.5, fyne.TextStyle{}) }
	want, _ := LayoutAtMost(texts[0], 150, 0, bidi.LeftToRight, measure)
	got := laidOutParagraph(texts[0], 150, 0, bidi.LeftToRight, 17.5, fyne.TextStyle{}, measure)
	shaped.Lock()
	after := facesFor(fyne.TextStyle{})
	shaped.Unlock()
	if before == after || !reflect.DeepEqual(got, want) {
		t.Errorf("after the theme's font changed: %+v, want %+v", got, want)
	}
}
