package textview

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/drawn"
	"github.com/motesplats/motesplats/internal/bidi"
)

func buttonIcon(b *Button) *canvas.Image {
	return test.WidgetRenderer(b).(*buttonRenderer).icon
}

// fynesDrawing is what Fyne's own canvas.Image of res, fitted in size,
// shows in box (on the test window's canvas, at its scale).
func fynesDrawing(t *testing.T, box *fyne.Container, res fyne.Resource, size fyne.Size) *image.NRGBA {
	t.Helper()
	fy := canvas.NewImageFromResource(res)
	fy.FillMode = canvas.ImageFillContain
	box.Objects = []fyne.CanvasObject{fy}
	fy.Resize(size)
	img, ok := fy.Image.(*image.NRGBA)
	if !ok {
		t.Fatalf("Fyne drew %s as %T", res.Name(), fy.Image)
	}
	return img
}

func samePixels(a image.Image, b *image.NRGBA) bool {
	n, ok := a.(*image.NRGBA)
	return ok && n.Bounds() == b.Bounds() && bytes.Equal(n.Pix, b.Pix)
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

// buttonLook is one of a button's looks, the resource Fyne drew its icon
// from in it, and the colour that is.
type buttonLook struct {
	name   string
	set    func(*Button)
	fynes  func(fyne.Resource) fyne.Resource
	colour fyne.ThemeColorName
}

var buttonLooks = []buttonLook{
	{"normal", func(*Button) {}, func(r fyne.Resource) fyne.Resource { return theme.NewThemedResource(r) }, theme.ColorNameForeground},
	{"high importance", func(b *Button) { b.Importance = widget.HighImportance },
		func(r fyne.Resource) fyne.Resource { return theme.NewInvertedThemedResource(r) }, theme.ColorNameBackground},
	{"disabled", func(b *Button) { b.Disable() }, func(r fyne.Resource) fyne.Resource { return theme.NewDisabledResource(r) }, theme.ColorNameDisabled},
}

// A button's icon is Fyne's own drawing of the themed resource it showed
// before, pixel for pixel, in each look, at scales 1 and 2, in both
// reading directions (never mirrored), at the theme's icon size, and in
// the look's colour.
func TestButtonIconIsFynesDrawing(t *testing.T) {
	test.NewTempApp(t)
	fg, bg, dis := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNameBackground), theme.Color(theme.ColorNameDisabled)
	if fg == bg || fg == dis || bg == dis {
		t.Fatal("the test theme's colours of the looks are not all different: the test shows nothing")
	}
	ref := container.NewWithoutLayout()
	row := container.NewVBox()
	w := test.NewTempWindow(t, container.NewVBox(row, ref))
	for _, scale := range []float32{1, 2} {
		w.Canvas().(test.WindowlessCanvas).SetScale(scale)
		for _, icon := range []fyne.Resource{theme.ConfirmIcon(), theme.SearchIcon(), theme.MenuDropDownIcon()} {
			for _, look := range buttonLooks {
				var shown []image.Image
				for _, dir := range []bidi.Direction{bidi.LeftToRight, bidi.RightToLeft} {
					what := fmt.Sprintf("%s, %s, scale %g, direction %v", icon.Name(), look.name, scale, dir)
					b := NewButton("Sök", icon, dir, nil)
					look.set(b)
					row.Objects = []fyne.CanvasObject{b}
					row.Refresh()
					img := buttonIcon(b)
					is := theme.Size(theme.SizeNameInlineIcon)
					if img.Size() != fyne.NewSquareSize(is) {
						t.Errorf("%s: the icon is %v, want %gx%g", what, img.Size(), is, is)
					}
					if img.Image == nil {
						t.Fatalf("%s: no icon", what)
					}
					want := fynesDrawing(t, ref, look.fynes(icon), img.Size())
					if !samePixels(img.Image, want) {
						t.Errorf("%s: the icon (%v) is not Fyne's drawing (%v)", what, img.Image.Bounds(), want.Bounds())
					}
					if px := int(is * scale); img.Image.Bounds() != image.Rect(0, 0, px, px) {
						t.Errorf("%s: the icon is drawn %v, want %d pixels square", what, img.Image.Bounds(), px)
					}
					if got := inkColour(img.Image); !sameRGB(got, theme.Color(look.colour)) {
						t.Errorf("%s: the icon is drawn in %v, want %s %v", what, got, look.colour, theme.Color(look.colour))
					}
					shown = append(shown, img.Image)
				}
				if shown[0] != shown[1] {
					t.Errorf("%s, %s: another icon in Arabic", icon.Name(), look.name)
				}
			}
		}
	}
}

// A button's icon follows its look: enabled again, or made of normal
// importance, it is drawn in the colour of that look; a new icon is
// shown, and none when the icon is taken away.
func TestButtonIconFollowsLook(t *testing.T) {
	test.NewTempApp(t)
	b := NewButton("Spara", theme.DocumentSaveIcon(), bidi.LeftToRight, nil)
	test.NewTempWindow(t, b)
	ink := func() color.NRGBA { return inkColour(buttonIcon(b).Image) }
	b.Disable()
	if !sameRGB(ink(), theme.Color(theme.ColorNameDisabled)) {
		t.Fatalf("disabled: icon in %v", ink())
	}
	b.Enable()
	if !sameRGB(ink(), theme.Color(theme.ColorNameForeground)) {
		t.Errorf("enabled again: icon in %v", ink())
	}
	b.Importance = widget.HighImportance
	b.Refresh()
	if !sameRGB(ink(), theme.Color(theme.ColorNameBackground)) {
		t.Errorf("high importance: icon in %v", ink())
	}
	before := buttonIcon(b).Image
	b.SetIcon(theme.DeleteIcon())
	if buttonIcon(b).Image == before {
		t.Error("a new icon: the old one still shown")
	}
	if name, _ := drawn.NameOf(buttonIcon(b).Image); name != theme.NewInvertedThemedResource(theme.DeleteIcon()).Name() {
		t.Errorf("a new icon: shown %q", name)
	}
	b.SetIcon(nil)
	if img := buttonIcon(b); img.Image != nil || img.Size().Width != 0 {
		t.Errorf("no icon: shown %v at %v", img.Image != nil, img.Size())
	}
}

// A button's icon is drawn again at the pixel size of its canvas's new
// scale when the canvas next asks its size (as it asks every object at
// the frame after a change of scale), or at a Refresh, and not larger
// than it is shown.
func TestButtonIconRedrawnAtNewScale(t *testing.T) {
	test.NewTempApp(t)
	b := NewButton("Sök", theme.SearchIcon(), bidi.LeftToRight, nil)
	w := test.NewTempWindow(t, b)
	c := w.Canvas().(test.WindowlessCanvas)
	is := int(theme.Size(theme.SizeNameInlineIcon))
	side := func() int { return buttonIcon(b).Image.Bounds().Dx() }
	if side() != is {
		t.Fatalf("at scale 1 the icon is drawn %d pixels wide, want %d", side(), is)
	}
	one := buttonIcon(b).Image
	c.SetScale(2)
	b.MinSize()
	if side() != 2*is {
		t.Errorf("at scale 2 the icon is drawn %d pixels wide, want %d", side(), 2*is)
	}
	c.SetScale(1.5)
	b.Refresh()
	if want := int(float32(is) * 1.5); side() != want {
		t.Errorf("at scale 1.5 the icon is drawn %d pixels wide, want %d", side(), want)
	}
	c.SetScale(1)
	b.MinSize()
	if buttonIcon(b).Image != one {
		t.Error("back at scale 1: not the image drawn at scale 1 before")
	}
}

// Many buttons with one icon draw its SVG once, and share the image;
// refreshing them, resizing them and hovering over them draws nothing.
func TestButtonIconsDrawnOnce(t *testing.T) {
	test.NewTempApp(t)
	drawn.Forget()
	icon := theme.ConfirmIcon()
	name := theme.NewThemedResource(icon).Name()
	box := container.NewVBox()
	var buttons []*Button
	for i := range 40 {
		b := NewButton(fmt.Sprint("OK ", i), icon, bidi.LeftToRight, nil)
		buttons = append(buttons, b)
		box.Add(b)
	}
	w := test.NewTempWindow(t, box)
	w.Resize(fyne.NewSize(300, 2400))
	for _, b := range buttons {
		b.Refresh()
		b.Resize(b.Size().AddWidthHeight(17, 5))
		b.MouseIn(nil)
		b.MouseOut()
	}
	first := buttonIcon(buttons[0]).Image
	for i, b := range buttons {
		if buttonIcon(b).Image != first {
			t.Fatalf("button %d: an icon of its own", i)
		}
	}
	if draws := drawn.Draws(); draws[name] != 1 || len(draws) != 1 {
		t.Errorf("40 buttons drew %v, want %s once", draws, name)
	}
}
