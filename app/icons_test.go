package app

import (
	"image"
	"image/color"
	"maps"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/drawn"
	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// pictogramsIn are the names of the pictures shown under o (hidden ones
// left out), in the order they are drawn.
func pictogramsIn(o fyne.CanvasObject) []string {
	var names []string
	var visit func(fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch c := o.(type) {
		case *canvas.Image:
			if c.Resource != nil {
				names = append(names, c.Resource.Name())
			} else {
				if name, ok := drawn.NameOf(c.Image); ok {
					names = append(names, name)
				}
			}
		case *fyne.Container:
			for _, child := range c.Objects {
				visit(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				visit(child)
			}
		}
	}
	visit(o)
	return names
}

// Every pictogram the app names is in assets/icons, and every category
// and topic has its own.
func TestEveryPictogramNamedExists(t *testing.T) {
	named := []string{pictArticle, pictService, pictEvent, pictProject, pictInfo, pictSearch, pictMyList,
		pictCall, pictMap, pictCalendar, pictReadAloud, pictStop, pictTakeAway, pictOpenNow}
	for _, f := range topicPictograms {
		named = append(named, f)
	}
	for _, n := range named {
		if _, ok := pictogramFiles[n]; !ok {
			t.Errorf("pictogram %q is not in assets/icons", n)
		}
	}
	for _, c := range content.Categories {
		if _, ok := topicPictograms[c]; !ok {
			t.Errorf("category %q has no pictogram", c)
		}
	}
}

// Fyne's SVG renderer draws each pictogram, recoloured to the theme's
// colour: a good part of the square is inked, in that colour, and not
// all of it (an SVG it cannot read draws nothing or a filled box).
func TestPictogramsRenderInTheThemeColour(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	w.SetPadded(false)
	want := u.theme.Color(theme.ColorNamePrimary, theme.VariantLight)
	for name := range pictogramFiles {
		img := canvas.NewImageFromResource(pictogramIn(name, theme.ColorNamePrimary))
		img.FillMode = canvas.ImageFillContain
		w.SetContent(img)
		w.Resize(fyne.NewSquareSize(192))
		inked, inColour := inkCoverage(w.Canvas().Capture(), want)
		if inked < 0.08 || inked > 0.75 {
			t.Errorf("%s: %.0f%% of the square inked, want a pictogram (8%%–75%%)", name, inked*100)
		}
		if inColour < 0.8 {
			t.Errorf("%s: only %.0f%% of the ink is in the theme's colour", name, inColour*100)
		}
	}
}

// inkCoverage is the share of pixels that differ from the background,
// and the share of those that are close to want.
func inkCoverage(img image.Image, want color.Color) (inked, inColour float64) {
	bg := img.At(0, 0)
	wr, wg, wb, _ := want.RGBA()
	b := img.Bounds()
	var ink, close int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.At(x, y)
			if c == bg {
				continue
			}
			ink++
			r, g, bl, _ := c.RGBA()
			if near16(r, wr) && near16(g, wg) && near16(bl, wb) {
				close++
			}
		}
	}
	total := b.Dx() * b.Dy()
	if ink == 0 {
		return 0, 0
	}
	return float64(ink) / float64(total), float64(close) / float64(ink)
}

// near16 compares 16-bit colour channels, allowing the blend of
// anti-aliased edges with the background.
func near16(a, b uint32) bool {
	d := int(a) - int(b)
	return d > -0x6000 && d < 0x6000
}

// Every topic tile, on Home and on the topics screen, shows its topic's
// pictogram, the same in Arabic (pictograms never mirror).
func TestEveryTopicTileShowsItsPictogram(t *testing.T) {
	for _, lang := range []content.Lang{content.Swedish, content.Arabic} {
		u, w := newTestUI(t, lang)
		var topics []content.Topic
		if err := u.lib.Store.View(func(tx *store.Tx) (err error) { topics, err = tx.Topics(); return err }); err != nil {
			t.Fatal(err)
		}
		if len(topics) < 10 {
			t.Fatalf("built-in content has %d topics", len(topics))
		}
		for _, p := range []page{homePage{}, topicsPage{}} {
			u.Open(p)
			for _, tp := range topics {
				want := theme.NewInvertedThemedResource(pictogram(topicPictogram(tp.Icon))).Name()
				if got := tilePictogram(t, w, u.text(tp.Title)); got != want {
					t.Errorf("%s %T: tile %q shows %q, want %q", lang, p, u.text(tp.Title), got, want)
				}
				if topicPictogram(tp.Icon) == pictInfo {
					t.Errorf("topic %s: icon %q has no pictogram of its own", tp.ID, tp.Icon)
				}
			}
		}
	}
}

// tilePictogram is the pictogram on the tile titled title.
func tilePictogram(t *testing.T, w fyne.Window, title string) string {
	t.Helper()
	var got []string
	walk(w.Content(), func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 || got != nil {
			return
		}
		if _, ok := c.Objects[0].(*widget.Button); !ok {
			return
		}
		found := false
		walk(c.Objects[1], func(inner fyne.CanvasObject) {
			if l, ok := inner.(*textview.Label); ok && l.Text == title {
				found = true
			}
		})
		if found {
			got = pictogramsIn(c.Objects[1])
		}
	})
	if len(got) != 1 {
		t.Fatalf("tile %q shows pictograms %v, want one", title, got)
	}
	return got[0]
}

// Service, event and project rows show the pictogram of their first
// category.
func TestListRowsShowTheirCategoryPictogram(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	// Every built-in event is past by now: the events screen under Earlier.
	for _, p := range []page{servicesPage{}, eventsPage{segment: segmentEarlier}, projectsPage{}} {
		u.Open(p)
		list := findList(t, w)
		if list.Length() == 0 {
			t.Fatalf("%T lists nothing", p)
		}
		item := list.CreateItem()
		list.UpdateItem(0, item)
		got := pictogramsIn(item)
		if len(got) != 1 || !slices.ContainsFunc(allRowPictograms(), func(n string) bool { return n == got[0] }) {
			t.Errorf("%T: first row shows %v, want one category or kind pictogram", p, got)
		}
	}
}

func allRowPictograms() []string {
	var out []string
	for _, f := range append(slices.Collect(maps.Values(topicPictograms)), pictService, pictEvent, pictProject) {
		out = append(out, pictogramIn(f, theme.ColorNamePrimary).Name())
	}
	return out
}

func TestCategoriesPictogramIsTheFirstCategorys(t *testing.T) {
	cases := []struct {
		categories []string
		kind       content.Kind
		want       string
	}{
		{[]string{"health", "work"}, content.KindService, "medical_services-fill"},
		{[]string{"leisure"}, content.KindEvent, "sports_soccer-fill"},
		{nil, content.KindService, pictService},
		{nil, content.KindEvent, pictEvent},
		{nil, content.KindProject, pictProject},
	}
	for _, c := range cases {
		if got := categoriesPictogram(c.categories, c.kind); got != c.want {
			t.Errorf("categoriesPictogram(%v, %s) = %q, want %q", c.categories, c.kind, got, c.want)
		}
	}
}
