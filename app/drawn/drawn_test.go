package drawn

import (
	"bytes"
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// A pictogram is drawn once per resource, colour and pixel size, and is
// Fyne's own drawing of the resource; Show draws it at its image's
// pixel size on its canvas, and leaves the image as it is when nothing
// changed.
func TestPictogramDrawnOnceAsFyneDraws(t *testing.T) {
	test.NewTempApp(t)
	Forget()
	w := test.NewTempWindow(t, nil)
	w.Canvas().(test.WindowlessCanvas).SetScale(2)
	res := theme.NewThemedResource(theme.HomeIcon())
	first := Pictogram(res, 40, 40)
	if again := Pictogram(theme.NewThemedResource(theme.HomeIcon()), 40, 40); again != first {
		t.Error("the same pictogram drawn again")
	}
	if other := Pictogram(theme.NewDisabledResource(theme.HomeIcon()), 40, 40); other == first {
		t.Error("the disabled colour shares the normal one's image")
	}
	if other := Pictogram(res, 48, 48); other == first || other.Bounds().Dx() != 48 {
		t.Error("another size shares the image")
	}
	if d := Draws(); d[res.Name()] != 2 || len(d) != 2 {
		t.Errorf("drawn %v, want %s twice and its disabled look once", d, res.Name())
	}
	if name, ok := NameOf(first); !ok || name != res.Name() {
		t.Errorf("NameOf: %q, %v", name, ok)
	}

	fy := canvas.NewImageFromResource(res)
	fy.FillMode = canvas.ImageFillContain
	mine := canvas.NewImageFromImage(nil)
	mine.FillMode = canvas.ImageFillContain
	w.SetContent(fy)
	fy.Resize(fyne.NewSquareSize(20))
	mine.Resize(fyne.NewSquareSize(20))
	Show(mine, res, nil)
	if mine.Image != first {
		t.Fatalf("Show at 20×20 on a canvas of scale 2: %v, want the 40-pixel image", mine.Image.Bounds())
	}
	want := fy.Image.(*image.NRGBA)
	if got := mine.Image.(*image.NRGBA); got.Bounds() != want.Bounds() || !bytes.Equal(got.Pix, want.Pix) {
		t.Error("not Fyne's drawing")
	}
	if d := Draws(); d[res.Name()] != 2 {
		t.Errorf("Show drew again: %v", d)
	}
	Forget()
	if _, ok := NameOf(first); ok || len(Draws()) != 0 {
		t.Error("Forget kept something")
	}
}
