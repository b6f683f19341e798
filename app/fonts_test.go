package app

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/locales"
)

// uiRunes is every distinct character a reader can meet in the UI: the
// four catalogs and the built-in content, read as the files are (not
// re-encoded), sorted.
func uiRunes(t *testing.T) []rune {
	t.Helper()
	seen := map[rune]bool{}
	for _, fsys := range []fs.FS{locales.FS, assets.Content} {
		err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || browserOnly[strings.Split(path, ".")[0]] {
				return err
			}
			data, err := fs.ReadFile(fsys, path)
			for _, r := range string(data) {
				seen[r] = true
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var out []rune
	for r := range seen {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	if len(out) < 150 {
		t.Fatalf("only %d distinct characters; the texts were not read", len(out))
	}
	return out
}

// browserOnly are the catalog areas of the web editor (motesplats-feed
// edit): the browser draws them with its own fonts, the kiosk never does.
var browserOnly = map[string]bool{"editor": true, "editorflags": true, "problems": true}

// inkless characters draw nothing (spaces, controls, formatting marks).
func inkless(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// bundledFont is one font inside the binary, read with an independent
// parser and rasteriser (x/image's sfnt), not go-text which Fyne uses.
type bundledFont struct {
	name string
	font *sfnt.Font
}

func (f bundledFont) has(r rune) bool {
	var buf sfnt.Buffer
	g, err := f.font.GlyphIndex(&buf, r)
	return err == nil && g != 0
}

// fontChain is the fonts the app draws a style with, in the order Fyne
// tries them: the theme's font, then the font Fyne bundles for the style.
// Whatever is not in these comes from the machine, which a kiosk does
// not have.
func fontChain(t *testing.T, style fyne.TextStyle) []bundledFont {
	t.Helper()
	var chain []bundledFont
	for _, res := range []fyne.Resource{(&kioskTheme{scale: 1}).Font(style), theme.DefaultTheme().Font(style)} {
		if len(chain) > 0 && chain[len(chain)-1].name == res.Name() {
			continue
		}
		f, err := sfnt.Parse(res.Content())
		if err != nil {
			t.Fatalf("%s: %v", res.Name(), err)
		}
		chain = append(chain, bundledFont{name: res.Name(), font: f})
	}
	return chain
}

// referenceFonts are the upstream fonts that should hold the app's
// characters (assets/fonts, copied unchanged from Debian), in the order
// the app's font merges them: what the app draws must look like these.
func referenceFonts(t *testing.T, style fyne.TextStyle) []bundledFont {
	t.Helper()
	weight := "Regular"
	if style.Bold {
		weight = "Bold"
	}
	var fonts []bundledFont
	for _, name := range []string{"NotoSans-" + weight + ".ttf", "NotoSansArabic-" + weight + ".ttf"} {
		data, err := os.ReadFile(filepath.Join("..", "assets", "fonts", name))
		if err != nil {
			t.Fatal(err)
		}
		f, err := sfnt.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fonts = append(fonts, bundledFont{name: name, font: f})
	}
	return fonts
}

// holder is the first font of the chain with a glyph for r.
func holder(chain []bundledFont, r rune) (bundledFont, bool) {
	for _, f := range chain {
		if f.has(r) {
			return f, true
		}
	}
	return bundledFont{}, false
}

const glyphPx = 64 // large enough that a dot or an accent is many pixels

// drawDirect draws r's own glyph from f (its cmap entry, no shaping).
func drawDirect(t *testing.T, f bundledFont, r rune) *bitmap {
	t.Helper()
	face, err := opentype.NewFace(f.font, &opentype.FaceOptions{Size: glyphPx, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	img := image.NewGray(image.Rect(0, 0, 3*glyphPx, 3*glyphPx))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Src: image.Black, Face: face, Dot: fixed.P(glyphPx, 2*glyphPx)}
	d.DrawString(string(r))
	return inkOf(img)
}

// tatweel is the Arabic letter extension, the usual carrier of a mark
// shown alone.
const tatweel = 'ـ'

// drawApp draws s the way the app draws text: Fyne's software painter
// with the current theme's fonts, their fallbacks and the shaper.
func drawApp(c test.WindowlessCanvas, text *canvas.Text, s string) *bitmap {
	text.Text = s
	text.Refresh()
	return inkOf(c.Capture())
}

// bitmap is the ink of a drawing, cropped to its bounds.
type bitmap struct {
	x0, y0 int // where the box was in the drawing
	w, h   int
	ink    []bool
}

func inkOf(img image.Image) *bitmap {
	b := img.Bounds()
	dark := func(x, y int) bool {
		g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
		return g.Y < 128
	}
	box := image.Rectangle{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if dark(x, y) {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	bm := &bitmap{x0: box.Min.X, y0: box.Min.Y, w: box.Dx(), h: box.Dy()}
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			bm.ink = append(bm.ink, dark(x, y))
		}
	}
	return bm
}

// minus is the ink of b that other, drawn at the same place, does not
// have within a pixel (the two drawings antialias alike but not always
// to the same side of the threshold).
func (b *bitmap) minus(other *bitmap) *bitmap {
	img := image.NewGray(image.Rect(b.x0, b.y0, b.x0+b.w, b.y0+b.h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for y := 0; y < b.h; y++ {
		for x := 0; x < b.w; x++ {
			ox, oy := b.x0+x-other.x0, b.y0+y-other.y0
			covered := false
			for d := -1; d <= 1 && !covered; d++ {
				covered = other.at(ox+d, oy) || other.at(ox, oy+d)
			}
			if b.at(x, y) && !covered {
				img.SetGray(b.x0+x, b.y0+y, color.Gray{})
			}
		}
	}
	return inkOf(img)
}

func (b *bitmap) at(x, y int) bool {
	return x >= 0 && y >= 0 && x < b.w && y < b.h && b.ink[y*b.w+x]
}

// overlap is intersection over union of the ink of a and b, placed at
// the shift (within a pixel or two, rasterisers round differently) that
// overlaps them best.
func overlap(a, b *bitmap) float64 {
	best := 0.0
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			both, either := 0, 0
			for y := min(0, dy); y < max(a.h, b.h+dy); y++ {
				for x := min(0, dx); x < max(a.w, b.w+dx); x++ {
					ia, ib := a.at(x, y), b.at(x-dx, y-dy)
					if ia && ib {
						both++
					}
					if ia || ib {
						either++
					}
				}
			}
			if either > 0 {
				best = max(best, float64(both)/float64(either))
			}
		}
	}
	return best
}

// sameShape says how a drawn glyph differs from the font's own, or "".
// loose allows more difference, for marks: a font may place another
// variant of a mark over a letter (Noto Sans Arabic's ٌ and ُ over a
// tatweel); a mark must still be drawn, about its size.
func sameShape(drawn, want *bitmap, loose bool) string {
	tolerance := 15
	if loose {
		tolerance = 25
	}
	switch {
	case want.w == 0 && drawn.w == 0:
		return ""
	case drawn.w == 0:
		return "nothing drawn"
	case !near(drawn.w, want.w, tolerance) || !near(drawn.h, want.h, tolerance):
		return fmt.Sprintf("drawn %d×%d px, the font's glyph is %d×%d px", drawn.w, drawn.h, want.w, want.h)
	}
	if o := overlap(drawn, want); o < 0.6 && !loose { // a mark's variant may differ in shape too
		return fmt.Sprintf("a different shape (%.0f %% of the ink overlaps)", 100*o)
	}
	return ""
}

// near allows 2 px or tolerance % of difference in a glyph's width or
// height: rasterisers round differently, and a font may compose a letter
// from parts (Arabic آ is alef and madda) a little wider or narrower
// than its ready-made glyph. A lost dot or accent changes the height by
// far more (the dotless «і» is 28 % shorter).
func near(got, want, tolerance int) bool {
	d := got - want
	if d < 0 {
		d = -d
	}
	return d <= max(2, want*tolerance/100)
}

// TestGlyphsDrawnAsTheFontHasThem draws every character of the catalogs
// and the built-in content the way the app does (theme fonts, Fyne's
// fallback, the HarfBuzz shaper, Fyne's software painter) and compares
// each with the glyph the upstream Noto font holds for it, drawn by
// another rasteriser (x/image) without shaping. It catches a missing
// glyph, a box, and a shaper or font swapping in another glyph (Fyne's
// own Noto Sans drew the Ukrainian «і» without its dot).
func TestGlyphsDrawnAsTheFontHasThem(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(&kioskTheme{scale: 1})
	runes := uiRunes(t)
	text := canvas.NewText("", color.Black)
	text.TextSize = glyphPx
	c := software.NewCanvas()
	c.SetContent(text)
	c.Resize(fyne.NewSize(3*glyphPx, 2*glyphPx))
	// A space before each character leaves room for glyphs that reach
	// left of their origin (j, Arabic ع) and carries combining marks.
	const lead = " "
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		chain, refs := fontChain(t, style), referenceFonts(t, style)
		text.TextStyle = style
		// The check must see a wrong glyph: «ı» is not «і».
		if f, ok := holder(refs, 'і'); ok {
			if sameShape(drawApp(c, text, lead+"ı"), drawDirect(t, f, 'і'), false) == "" {
				t.Fatal("the check finds «ı» the same as «і»; it could not see a lost dot")
			}
		}
		var failed []string
		for _, r := range runes {
			if inkless(r) {
				continue
			}
			if _, ok := holder(chain, r); !ok {
				failed = append(failed, fmt.Sprintf("%q U+%04X: no font inside the binary has it", r, r))
				continue
			}
			f, ok := holder(refs, r)
			if !ok {
				failed = append(failed, fmt.Sprintf("%q U+%04X: not in Noto Sans nor Noto Sans Arabic", r, r))
				continue
			}
			drawn := drawApp(c, text, lead+string(r))
			mark := unicode.Is(unicode.Mn, r)
			if mark && f.has(tatweel) {
				// A mark alone may be placed outside the box; on a
				// tatweel it sits where Arabic puts it, and what the
				// tatweel alone does not cover is the mark.
				drawn = drawApp(c, text, string(tatweel)+string(r)).minus(drawApp(c, text, string(tatweel)))
			}
			if diff := sameShape(drawn, drawDirect(t, f, r), mark); diff != "" {
				failed = append(failed, fmt.Sprintf("%q U+%04X (%s): %s", r, r, f.name, diff))
			}
		}
		for _, f := range failed {
			t.Errorf("%s: %s", styleName(style), f)
		}
		t.Logf("%s: %d characters, %d drawn wrong", styleName(style), len(runes), len(failed))
	}
}

// TestFontCoverage reports, per script, how many characters the texts
// need and which bundled font draws them, and fails on any a kiosk
// without system fonts could not draw. go test -run Coverage -v shows it.
func TestFontCoverage(t *testing.T) {
	runes := uiRunes(t)
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		chain := fontChain(t, style)
		type tally struct {
			needed  int
			byFont  map[string]int
			missing []string
		}
		scripts := map[string]*tally{}
		for _, r := range runes {
			if inkless(r) {
				continue
			}
			name := scriptOf(r)
			s := scripts[name]
			if s == nil {
				s = &tally{byFont: map[string]int{}}
				scripts[name] = s
			}
			s.needed++
			if f, ok := holder(chain, r); ok {
				s.byFont[f.name]++
			} else {
				s.missing = append(s.missing, fmt.Sprintf("%q U+%04X", r, r))
			}
		}
		names := make([]string, 0, len(scripts))
		for n := range scripts {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			s := scripts[n]
			var fonts []string
			for f, k := range s.byFont {
				fonts = append(fonts, fmt.Sprintf("%s %d", f, k))
			}
			sort.Strings(fonts)
			t.Logf("%-7s %-9s needed %3d  covered by: %s  missing: %d %s",
				styleName(style), n, s.needed, strings.Join(fonts, ", "), len(s.missing), strings.Join(s.missing, " "))
			if len(s.missing) > 0 {
				t.Errorf("%s: %d characters no bundled font draws: %s", n, len(s.missing), strings.Join(s.missing, " "))
			}
		}
	}
}

func styleName(s fyne.TextStyle) string {
	if s.Bold {
		return "bold"
	}
	return "regular"
}

// scriptOf names r's Unicode script (Common for punctuation and digits).
func scriptOf(r rune) string {
	for name, table := range unicode.Scripts {
		if unicode.Is(table, r) {
			return name
		}
	}
	return "Unknown"
}

// fontParseBytes is how many bytes go-text has allocated parsing fonts
// (font.ParseTTF) since the memory profile started, over every caller:
// Fyne's font cache and the app's measure.
func fontParseBytes() int64 {
	runtime.GC() // the profile shows allocations as of the last cycles
	runtime.GC()
	var records []runtime.MemProfileRecord
	n, _ := runtime.MemProfile(nil, true)
	for {
		records = make([]runtime.MemProfileRecord, n+50)
		var ok bool
		if n, ok = runtime.MemProfile(records, true); ok {
			records = records[:n]
			break
		}
	}
	var total int64
	for _, r := range records {
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			if strings.HasSuffix(f.Function, "typesetting/font.ParseTTF") {
				total += r.AllocBytes
				break
			}
			if !more {
				break
			}
		}
	}
	return total
}

// TestLanguageSwitchParsesNoFonts draws Home, switches through the four
// languages, then again: once every text has been drawn in every
// language, a switch must parse no font again. Fyne parses the fonts
// once per text style and theme scope, and the navigation bar, built anew
// at each switch, was a theme override of its own: each switch parsed
// the bar's fonts again (about 8.5 MB, never let go).
func TestLanguageSwitchParsesNoFonts(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	runtime.MemProfileRate = 64 << 10 // a font parse (1.5 MB and more) is then sampled many times
	u, w := newTestUI(t, content.Swedish)
	w.Canvas().Capture()
	for _, l := range content.Languages {
		u.SetLanguage(l)
		w.Canvas().Capture()
	}
	start := fontParseBytes()
	if start == 0 {
		t.Fatal("no font parsing seen at all: the profile does not see go-text")
	}
	for range 2 {
		for _, l := range content.Languages {
			u.SetLanguage(l)
			w.Canvas().Capture()
		}
	}
	if more := fontParseBytes() - start; more > 0 {
		t.Errorf("8 language switches parsed fonts again (%.1f MB sampled; %.1f MB before them)", float64(more)/1e6, float64(start)/1e6)
	}
}

// TestBarTextKeepsItsSize taps A+ twice: the screens' text grows, the
// navigation bar's stays the default size, without a theme override of
// its own (which would make Fyne parse its fonts once more).
func TestBarTextKeepsItsSize(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	want := (&kioskTheme{scale: 1}).Size(theme.SizeNameText)
	sizes := func(o fyne.CanvasObject) map[float32]int {
		out := map[float32]int{}
		walk(o, func(o fyne.CanvasObject) {
			if txt, ok := o.(*canvas.Text); ok && txt.Text != "" {
				out[txt.TextSize]++
			}
		})
		return out
	}
	test.Tap(findNav(t, w, "A+"))
	test.Tap(findNav(t, w, "A+"))
	if u.theme.scale <= 1 {
		t.Fatal("A+ did not enlarge the text")
	}
	bar := sizes(u.nav.header)
	if len(bar) != 1 || bar[want] < 9 {
		t.Errorf("the bar's texts have sizes %v, want all %v", bar, want)
	}
	if screen := sizes(u.nav.body); screen[want] > 0 || len(screen) == 0 {
		t.Errorf("the screen's texts have sizes %v after A+, want none %v", screen, want)
	}
	walk(u.nav.header, func(o fyne.CanvasObject) {
		if _, ok := o.(*container.ThemeOverride); ok {
			t.Error("the bar is a theme override")
		}
	})
}
