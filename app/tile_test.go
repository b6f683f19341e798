package app

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/drawn"
	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/images"
	"github.com/motesplats/motesplats/internal/store"
)

// contentWithTopicPicture is the built-in content with a 900×600 picture
// on the topic health, as a publisher writes it.
func contentWithTopicPicture(t *testing.T) string {
	// Shapes of a few plain colours: the same JPEG every run, so the
	// golden image of the tile stays the same.
	img := image.NewRGBA(image.Rect(0, 0, 900, 600))
	for y := 0; y < 600; y++ {
		for x := 0; x < 900; x++ {
			c := color.RGBA{0x8f, 0xd3, 0xf4, 0xff} // sky
			switch {
			case y > 420:
				c = color.RGBA{0x7c, 0xb3, 0x42, 0xff} // grass
			case x > 300 && x < 600 && y > 200:
				c = color.RGBA{0xf5, 0xf5, 0xf5, 0xff} // a house
			case (x-760)*(x-760)+(y-120)*(y-120) < 60*60:
				c = color.RGBA{0xff, 0xd5, 0x4f, 0xff} // the sun
			}
			img.SetRGBA(x, y, c)
		}
	}
	return builtInWithPicture(t, "topics/health.json", "house.jpg", img, &jpeg.Options{Quality: 90}, map[string]any{
		"alt": map[string]string{"sv": "Ett ritat hus på en äng", "en": "A drawn house in a meadow"}})
}

// forgetTilePictures empties the tiles' picture cache, as a kiosk
// started again would have it.
func forgetTilePictures() {
	tilePictures.Lock()
	clear(tilePictures.byFile)
	tilePictures.Unlock()
}

// tilePhotos are the topic pictures on the screen (made 640 wide from
// the 900-pixel source).
func tilePhotos(w fyne.Window) []*canvas.Image {
	var out []*canvas.Image
	walk(w.Content(), func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Image != nil && img.Image.Bounds().Dx() == tilePictureWidth {
			out = append(out, img)
		}
	})
	return out
}

// tileOf is the tile (the stack of a button and its content) that holds
// the label with text.
func tileOf(t *testing.T, w fyne.Window, text string) *fyne.Container {
	t.Helper()
	var tile *fyne.Container
	walk(w.Content(), func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			return
		}
		if _, ok := c.Objects[0].(*widget.Button); !ok {
			return
		}
		walk(c.Objects[1], func(o fyne.CanvasObject) {
			if l, ok := o.(*textview.Label); ok && l.Text == text {
				tile = c
			}
		})
	})
	if tile == nil {
		t.Fatalf("no tile %q", text)
	}
	return tile
}

// within collects the objects of a kind under o.
func within[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	walk(o, func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok {
			out = append(out, x)
		}
	})
	return out
}

func absRect(o fyne.CanvasObject) (fyne.Position, fyne.Position) {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return p, p.Add(o.Size())
}

// A topic with a picture shows it on its tile, above the title and not
// under it, with the pictogram on a badge of the tile's colour; a tile
// without one keeps its pictogram and its size; a picture whose file is
// gone leaves the tile as it is without one.
func TestTopicTileShowsItsPicture(t *testing.T) {
	for _, lang := range []content.Lang{content.Swedish, content.Arabic} {
		t.Run(string(lang), func(t *testing.T) {
			forgetTilePictures()
			u, w := newTestUI(t, lang)
			if _, err := u.lib.LoadLocal(contentWithTopicPicture(t)); err != nil {
				t.Fatal(err)
			}
			w.Resize(fyne.NewSize(1080, 1600))
			u.Open(topicsPage{})
			photos := tilePhotos(w)
			if len(photos) != 1 {
				t.Fatalf("the topics screen shows %d topic pictures, want 1", len(photos))
			}
			var health, work content.Topic
			u.lib.Store.View(func(tx *store.Tx) (err error) {
				if health, _, err = tx.Topic("health"); err != nil {
					return err
				}
				work, _, err = tx.Topic("work")
				return err
			})
			tile := tileOf(t, w, health.Title[lang])
			if got := within[*canvas.Image](tile); len(got) < 2 || got[0] != photos[0] {
				t.Fatalf("the picture is not on the health tile (images on the tile: %d)", len(got))
			}
			title := findTileLabel(t, w, health.Title[lang])
			if title.ColorName != theme.ColorNameForegroundOnPrimary {
				t.Errorf("the title is drawn in %q, want the colour of text on a tile", title.ColorName)
			}
			picTop, picBottom := absRect(photos[0])
			titleTop, _ := absRect(title)
			if picBottom.Y > titleTop.Y {
				t.Errorf("the picture (%v–%v) reaches under the title (top %v): text on a picture", picTop, picBottom, titleTop)
			}
			if photos[0].Size().Height < largePictureTileIcon-2*theme.Padding() {
				t.Errorf("the picture is %v, lower than the pictogram it stands for", photos[0].Size())
			}
			badges := within[*tileBadge](tile)
			if len(badges) != 1 {
				t.Fatalf("%d badges on the tile, want 1", len(badges))
			}
			badgeTop, badgeBottom := absRect(badges[0])
			if badgeTop.X < picTop.X || badgeTop.Y < picTop.Y || badgeBottom.X > picBottom.X || badgeBottom.Y > picBottom.Y {
				t.Errorf("the badge (%v–%v) is not on the picture (%v–%v)", badgeTop, badgeBottom, picTop, picBottom)
			}
			// The badge stands where reading starts: left, right in Arabic.
			left := badgeTop.X-picTop.X < picBottom.X-badgeBottom.X
			if left != (lang != content.Arabic) {
				t.Errorf("the badge is at the %s of the picture", map[bool]string{true: "left", false: "right"}[left])
			}
			r := test.WidgetRenderer(badges[0]).(*tileBadgeRenderer)
			if want := fyne.CurrentApp().Settings().Theme().Color(theme.ColorNamePrimary, theme.VariantLight); r.disc.FillColor != want {
				t.Errorf("the badge's disc is %v, want the tile's colour", r.disc.FillColor)
			}

			plain := tileOf(t, w, work.Title[lang])
			if len(within[*tileBadge](plain)) != 0 {
				t.Error("a tile without a picture has a badge")
			}
			if tile.MinSize() != plain.MinSize() {
				t.Errorf("the tile with a picture asks for %v, one without %v: the grid's rows would change", tile.MinSize(), plain.MinSize())
			}

			// The picture's file gone: the tile looks as one without.
			file, _ := images.FileIn(u.lib.Dir, health.Image.File)
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
			forgetTilePictures()
			u.Open(topicsPage{})
			if len(tilePhotos(w)) != 0 || len(within[*tileBadge](w.Content())) != 0 {
				t.Error("a missing picture left a picture or a badge on the tile")
			}
		})
	}
}

// BenchmarkTilePicture: a topic's published picture (1080×720 JPEG) read,
// checked, decoded and made 640 wide for its tile, as the first build of
// Home or the topics screen does for each topic with a picture (later
// builds take it from the cache).
func BenchmarkTilePicture(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1800, 1200))
	for y := 0; y < 1200; y++ {
		for x := 0; x < 1800; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 7), uint8(y * 3), uint8(x ^ y), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		b.Fatal(err)
	}
	pic, err := images.Make("images/topic.jpg", buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := images.Keep(dir, []images.Published{*pic}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		forgetTilePictures()
		if loadTilePicture(dir, pic.Name) == nil {
			b.Fatal("no picture")
		}
	}
}

// forgetTilePictograms empties the tiles' pictogram cache and its count.
func forgetTilePictograms() { drawn.Forget() }

func tilePictogramDraws() int {
	n := 0
	for name, draws := range drawn.Draws() {
		if strings.HasPrefix(name, "inverted_pictogram-") { // the tiles' colour (tilePictogramImage), not buttons' icons
			n += draws
		}
	}
	return n
}

// tileIconImages are the images of the tile pictograms under o.
func tileIconImages(o fyne.CanvasObject) []*canvas.Image {
	var out []*canvas.Image
	for _, p := range within[*tileIcon](o) {
		out = append(out, test.WidgetRenderer(p).(*tileIconRenderer).img)
	}
	return out
}

// checkTileIcons checks that every tile pictogram under o shows its
// pictogram drawn at its present size in the theme's present colour (the
// test window's scale is 1), and returns the images shown.
func checkTileIcons(t *testing.T, o fyne.CanvasObject, want color.Color) []image.Image {
	t.Helper()
	var shown []image.Image
	for i, p := range within[*tileIcon](o) {
		img := test.WidgetRenderer(p).(*tileIconRenderer).img
		size := img.Size()
		if img.Image == nil {
			t.Fatalf("tile pictogram %d (%s, %v) shows nothing", i, p.icon.Name(), size)
		}
		if now := tilePictogramImage(p.icon, int(size.Width), int(size.Height)); img.Image != now {
			t.Errorf("tile pictogram %d (%s, %v) is not the one drawn for its size and colour", i, p.icon.Name(), size)
		}
		if got := inkColour(img.Image); !sameRGB(got, want) {
			t.Errorf("tile pictogram %d (%s) is drawn in %v, want %v", i, p.icon.Name(), got, want)
		}
		shown = append(shown, img.Image)
	}
	return shown
}

// inkColour is the colour of an image's most opaque pixel.
func inkColour(img image.Image) color.NRGBA {
	var best color.NRGBA
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA); c.A > best.A {
				best = c
			}
		}
	}
	return best
}

func sameRGB(a color.NRGBA, b color.Color) bool {
	n := color.NRGBAModel.Convert(b).(color.NRGBA)
	return a.R == n.R && a.G == n.G && a.B == n.B
}

// Home's tiles draw each pictogram once: Home built again shows the same
// images and draws none; the high-contrast look draws them anew in its
// colours, and a larger text size at the tiles' new sizes.
func TestTilePictogramsDrawnOncePerTheme(t *testing.T) {
	forgetTilePictograms()
	u, w := newTestUI(t, content.Swedish)
	u.Open(homePage{})
	normal := theme.Color(theme.ColorNameBackground)
	first := checkTileIcons(t, w.Content(), normal)
	if len(first) < 15 { // 5 or 6 tiles and the built-in topics
		t.Fatalf("%d tile pictograms on Home", len(first))
	}
	drawn := tilePictogramDraws()
	if drawn == 0 || drawn > len(first) {
		t.Fatalf("%d pictograms drawn for %d tiles", drawn, len(first))
	}

	u.nav.show() // Home built again, as a return to it does
	again := checkTileIcons(t, w.Content(), normal)
	if n := tilePictogramDraws(); n != drawn {
		t.Errorf("Home built again drew %d pictograms, want none", n-drawn)
	}
	if len(again) != len(first) {
		t.Fatalf("%d tile pictograms, then %d", len(first), len(again))
	}
	for i := range first {
		if again[i] != first[i] {
			t.Errorf("tile pictogram %d: a new image at the second build", i)
		}
	}

	u.toggleContrast()
	contrast := theme.Color(theme.ColorNameBackground)
	if sameRGB(color.NRGBAModel.Convert(normal).(color.NRGBA), contrast) {
		t.Fatal("the high-contrast look has the same tile pictogram colour: the test shows nothing")
	}
	high := checkTileIcons(t, w.Content(), contrast)
	if n := tilePictogramDraws(); n < drawn+len(first)/3 {
		t.Errorf("high contrast drew %d pictograms anew, want about as many as before (%d)", n-drawn, drawn)
	}
	for i := range high {
		if high[i] == first[i] {
			t.Errorf("tile pictogram %d kept its image in high contrast", i)
		}
	}

	sizes := func() (out []fyne.Size) {
		for _, img := range tileIconImages(w.Content()) {
			out = append(out, img.Size())
		}
		return out
	}
	before := sizes()
	u.changeTextSize(2)
	after := sizes()
	grown := 0
	for i := range before {
		if i < len(after) && after[i] != before[i] {
			grown++
		}
	}
	if grown == 0 {
		t.Fatal("no tile pictogram changed size with the text: the test shows nothing")
	}
	checkTileIcons(t, w.Content(), contrast)
}

// A tile's pictogram is Fyne's own drawing of the inverted themed
// resource, pixel for pixel, at square and tall sizes (a Home tile's
// pictogram is as tall as its title) and odd ones (the badge's).
func TestTilePictogramIsFynesDrawing(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil) // Fyne draws at this canvas's scale, 1
	for name := range pictogramFiles {
		for _, size := range []fyne.Size{{Width: 64, Height: 64}, {Width: 24, Height: 66}, {Width: 19, Height: 19}, {Width: 112, Height: 112}} {
			fy := canvas.NewImageFromResource(theme.NewInvertedThemedResource(pictogram(name)))
			fy.FillMode = canvas.ImageFillContain
			w.SetContent(fy)
			fy.Resize(size)
			want, ok := fy.Image.(*image.NRGBA)
			if !ok {
				t.Fatalf("%s: Fyne drew %T", name, fy.Image)
			}
			got, ok := tilePictogramImage(pictogram(name), int(size.Width), int(size.Height)).(*image.NRGBA)
			if !ok || got.Bounds() != want.Bounds() || !bytes.Equal(got.Pix, want.Pix) {
				t.Errorf("%s at %v: not Fyne's drawing", name, size)
			}
		}
	}
}
