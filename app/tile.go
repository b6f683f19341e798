package app

import (
	"image"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/draw"

	"github.com/motesplats/motesplats/app/drawn"
	"github.com/motesplats/motesplats/internal/images"
)

// A topic's picture on its tile (docs/content-format.md, "Images"). The
// picture fills the tile's upper part, where the pictogram stands on a
// tile without one; the pictogram moves onto a round badge of the tile's
// own colour in the picture's leading corner, and the title stays below
// on the tile's solid colour. No text or pictogram is ever drawn on the
// picture itself, so their contrast is the theme's "text on a tile"
// pair, whatever the picture shows (app/contrast_test.go). The tile asks
// for the same size as one without a picture, so a grid mixing the two
// keeps its rows as they were.

// photoTileContent is a picture tile's upper part and title: the
// picture with the pictogram's badge over it, the title below.
func (u *UI) photoTileContent(photo image.Image, icon fyne.Resource, side float32, title fyne.CanvasObject) fyne.CanvasObject {
	pic := canvas.NewImageFromImage(photo)
	pic.FillMode = canvas.ImageFillCover
	pic.ScaleMode = canvas.ImageScaleSmooth
	pic.CornerRadius = theme.InputRadiusSize()
	badge := newTileBadge(icon, side*tileBadgeShare, u.windowCanvas())
	upper := container.New(&badgeLayout{leading: !u.rtl()}, pic, badge)
	return container.New(&photoTileLayout{side: side}, upper, title)
}

// photoTileLayout puts the title where a tile without a picture has it
// (so the titles of a row stay on one line) and gives the picture all
// the space above it, a padding in from the tile's edges. It asks for
// the size a tile without a picture asks for (a pictogram of side over
// the title), so a grid mixing the two keeps its rows as they were.
type photoTileLayout struct{ side float32 }

func (l *photoTileLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	title := objs[1].MinSize().Height
	// As a tile without a picture: its pictogram and title centred, a
	// padding between them.
	top := max(0, (size.Height-l.side-pad-title)/2)
	objs[0].Move(fyne.NewPos(pad, pad))
	objs[0].Resize(fyne.NewSize(size.Width-2*pad, top+l.side-2*pad))
	objs[1].Move(fyne.NewPos(0, top+l.side+pad))
	objs[1].Resize(fyne.NewSize(size.Width, title))
}

func (l *photoTileLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	t := objs[1].MinSize()
	return fyne.NewSize(max(l.side, t.Width), l.side+theme.Padding()+t.Height)
}

// tileBadgeShare is the badge's side as a share of the pictogram's on a
// tile without a picture: large enough to know the topic by, small
// enough to leave most of the picture seen.
const tileBadgeShare = 0.5

// badgeLayout lays the picture out over its whole space and the badge
// at its minimum size in the top corner where reading starts (top left;
// top right in Arabic), a padding in from the picture's edges.
type badgeLayout struct{ leading bool }

func (l *badgeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) < 2 {
		return
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
	gap := theme.Padding()
	b := objs[1].MinSize()
	objs[1].Resize(b)
	x := gap
	if !l.leading {
		x = size.Width - gap - b.Width
	}
	objs[1].Move(fyne.NewPos(x, gap))
}

func (l *badgeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// tileBadge is a topic's pictogram on a disc of the tile's colour, with
// a thin ring of the title's colour that keeps it apart from any picture
// under it. Its colours follow the theme (high contrast included).
type tileBadge struct {
	widget.BaseWidget
	icon fyne.Resource
	side float32
	win  fyne.Canvas // the window's, or nil
}

func newTileBadge(icon fyne.Resource, side float32, win fyne.Canvas) *tileBadge {
	b := &tileBadge{icon: icon, side: side, win: win}
	b.ExtendBaseWidget(b)
	return b
}

func (b *tileBadge) CreateRenderer() fyne.WidgetRenderer {
	disc := canvas.NewCircle(color.Transparent)
	pic := canvas.NewImageFromImage(nil) // setTilePictogram draws it
	pic.FillMode = canvas.ImageFillContain
	r := &tileBadgeRenderer{badge: b, disc: disc, pic: pic}
	r.Refresh()
	return r
}

type tileBadgeRenderer struct {
	badge *tileBadge
	disc  *canvas.Circle
	pic   *canvas.Image
}

func (r *tileBadgeRenderer) Layout(size fyne.Size) {
	r.disc.Move(fyne.NewPos(0, 0))
	r.disc.Resize(size)
	// The pictogram inside the disc's inscribed square, a little in.
	inset := size.Width * 0.2
	r.pic.Move(fyne.NewPos(inset, inset))
	pic := fyne.NewSize(size.Width-2*inset, size.Height-2*inset)
	if r.pic.Size() == pic && r.pic.Image != nil {
		return // as a canvas.Image of the SVG: drawn again only at a new size
	}
	r.pic.Resize(pic)
	setTilePictogram(r.pic, r.badge.icon, r.badge.win)
}

func (r *tileBadgeRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(r.badge.side) }

func (r *tileBadgeRenderer) Refresh() {
	th, v := r.badge.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.disc.FillColor = th.Color(theme.ColorNamePrimary, v)
	r.disc.StrokeColor = th.Color(theme.ColorNameForegroundOnPrimary, v)
	r.disc.StrokeWidth = 2
	r.disc.Refresh()
	setTilePictogram(r.pic, r.badge.icon, r.badge.win)
}

func (r *tileBadgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.disc, r.pic} }

func (r *tileBadgeRenderer) Destroy() {}

// tilePictureWidth is the widest a tile's picture is kept, in pixels:
// a topic tile is at most about 620 pixels wide (three to a landscape
// kiosk's 1920), so a published picture (up to 1080 wide) is made
// smaller once rather than scaled down at every paint.
const tilePictureWidth = 640

// tilePictures keeps the tiles' pictures, made smaller, by file: the
// tiles are built again on every language or text size change and on
// every return to Home, and there are only as many as topics.
var tilePictures = struct {
	sync.Mutex
	byFile map[string]image.Image
}{byFile: map[string]image.Image{}}

// tilePictureCacheSize caps the pictures kept (at most about 1 MB each).
const tilePictureCacheSize = 32

// loadTilePicture is a topic picture for its tile, or nil when its file
// is not a published picture the kiosk holds (the tile then looks as it
// does without one).
func loadTilePicture(dataDir, name string) image.Image {
	file, ok := images.FileIn(dataDir, name)
	if !ok {
		return nil
	}
	tilePictures.Lock()
	img, held := tilePictures.byFile[file]
	tilePictures.Unlock()
	if held {
		return img
	}
	img = decodePicture(file)
	if img != nil && img.Bounds().Dx() > tilePictureWidth {
		b := img.Bounds()
		h := max(1, b.Dy()*tilePictureWidth/b.Dx())
		small := image.NewRGBA(image.Rect(0, 0, tilePictureWidth, h))
		draw.ApproxBiLinear.Scale(small, small.Bounds(), img, b, draw.Src, nil)
		img = small
	}
	if img == nil {
		return nil // not kept: a later sync may bring the file
	}
	tilePictures.Lock()
	if len(tilePictures.byFile) >= tilePictureCacheSize {
		clear(tilePictures.byFile)
	}
	tilePictures.byFile[file] = img
	tilePictures.Unlock()
	return img
}

// A tile's pictogram, drawn in the colour Fyne gives an inverted themed
// resource (the theme's background colour, on the tile's primary), once
// per pictogram, colour and pixel size and shared by every tile that
// shows it (package drawn). Fyne's image of an SVG resource colours
// it (an XML rewrite), parses it and draws it again at every build,
// Refresh and first MinSize: most of Home's build on the UI goroutine
// (BENCHMARKS.md, issue 16, "UI-goroutine share"). It is drawn at the
// same moments as Fyne would (when the image is resized, and again at a
// Refresh, which a theme change makes), so a tile looks as it did.

// windowCanvas is the UI's window's canvas, or nil without a window.
func (u *UI) windowCanvas() fyne.Canvas {
	if u.win == nil {
		return nil
	}
	return u.win.Canvas()
}

// tileIcon is a pictogram over a tile: side is its minimum size (0
// for the theme's inline icon size, as Fyne's widget.Icon asks).
type tileIcon struct {
	widget.BaseWidget
	icon fyne.Resource
	side float32
	win  fyne.Canvas // the window's, or nil
}

func newTileIcon(icon fyne.Resource, side float32, win fyne.Canvas) *tileIcon {
	p := &tileIcon{icon: icon, side: side, win: win}
	p.ExtendBaseWidget(p)
	return p
}

func (p *tileIcon) CreateRenderer() fyne.WidgetRenderer {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	return &tileIconRenderer{p: p, img: img}
}

type tileIconRenderer struct {
	p   *tileIcon
	img *canvas.Image
}

func (r *tileIconRenderer) Layout(size fyne.Size) {
	if r.img.Size() == size && r.img.Image != nil {
		return // as a canvas.Image of the SVG: drawn again only at a new size
	}
	r.img.Resize(size)
	setTilePictogram(r.img, r.p.icon, r.p.win)
}

func (r *tileIconRenderer) MinSize() fyne.Size {
	if r.p.side > 0 {
		return fyne.NewSquareSize(r.p.side)
	}
	return fyne.NewSquareSize(r.p.Theme().Size(theme.SizeNameInlineIcon))
}

func (r *tileIconRenderer) Refresh() { setTilePictogram(r.img, r.p.icon, r.p.win) }

func (r *tileIconRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.img} }

func (r *tileIconRenderer) Destroy() {}

// setTilePictogram shows icon in img at img's size, drawn as Fyne draws
// theme.NewInvertedThemedResource(icon) in a canvas.Image of that size;
// win is the window's canvas (nil outside one).
func setTilePictogram(img *canvas.Image, icon fyne.Resource, win fyne.Canvas) {
	drawn.Show(img, theme.NewInvertedThemedResource(icon), win)
}

// tilePictogramImage is icon drawn w×h pixels in the inverted themed
// colour of the tiles (see drawn.Pictogram).
func tilePictogramImage(icon fyne.Resource, w, h int) image.Image {
	return drawn.Pictogram(theme.NewInvertedThemedResource(icon), w, h)
}
