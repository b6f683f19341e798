package app

import (
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
)

func TestProjectListsItsEventsAndServices(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-01 09:00"), nil)
	tapTile(t, w, u.t("NavProjects"))
	u.Open(projectPage{id: "kias-2"})
	if !hasLabel(w, u.t("ProjectEvents")) {
		t.Fatal("the project's page does not list its coming events")
	}
	// The project works in Örebro, so Örebro's services are listed.
	service := u.text(servicePage{id: "kias-2-activa"}.title(u))
	if !hasLabel(w, u.t("ProjectServices")) || !hasLabel(w, service) {
		t.Errorf("the project's page does not list the service %q in its municipality", service)
	}
	event := u.text(eventPage{id: "kias-oppet-hus-2024-05-15"}.title(u))
	tapTile(t, w, event)
	if p, ok := u.Current().(eventPage); !ok || p.id != "kias-oppet-hus-2024-05-15" {
		t.Fatalf("tapping the project's event opened %#v", u.Current())
	}

	// Once its events are over, the project shows them as earlier ones.
	u.Home()
	u.now = func() time.Time { return stockholmTime(t, "2025-01-01 09:00") }
	u.Open(projectPage{id: "kias-2"})
	if !hasLabel(w, u.t("EarlierEvents")) || hasLabel(w, u.t("ProjectEvents")) {
		t.Error("a project whose events are over does not list them as earlier events")
	}
}

func TestDetailPagesHaveNoEnglishOnlyWords(t *testing.T) {
	// Every caption on the new parts of the detail pages comes from the
	// catalogs, so in Ukrainian none of them is the English text.
	u, w := newTestUI(t, content.Ukrainian)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-14 09:00"), nil)
	en := u.catalog.For(content.English)
	for _, p := range []page{eventPage{id: "kias-oppet-hus-2024-05-15"}, servicePage{id: "sos-112"}, projectPage{id: "kias-2"}} {
		u.Open(p)
		if !hasButton(w, u.t("AddToMyList")) {
			t.Errorf("%T has no Ukrainian add-to-list button", p)
		}
		for _, id := range []string{"ScanToAddToCalendar", "ScanToSaveContact", "AddToMyList", "ExportToCalendar", "ProjectEvents", "OpenNow"} {
			if english := en.T(id, nil); hasLabel(w, english) || hasButton(w, english) {
				t.Errorf("%T shows the English %q in Ukrainian", p, english)
			}
		}
	}
}

func hasButton(w fyne.Window, text string) bool {
	found := false
	walk(w.Content(), func(o fyne.CanvasObject) {
		switch b := o.(type) {
		case *widget.Button:
			found = found || b.Text == text
		case *textview.Button:
			found = found || b.Text == text
		}
	})
	return found
}

// The detail screens' own layouts place their parts where the Fyne boxes
// they stand for did: the column as a VBox (in one layout, where a VBox
// needs two for wrapping text), a link row's lines as a VBox without
// padding inside a padded box.
func TestColumnIsVBox(t *testing.T) {
	test.NewTempApp(t)
	parts := func() []fyne.CanvasObject {
		hidden := textview.NewLabel("hidden", bidi.LeftToRight)
		hidden.Hide()
		rect := canvas.NewRectangle(color.Black)
		rect.SetMinSize(fyne.NewSize(700, 33))
		return []fyne.CanvasObject{
			textview.NewLabel("Projektägare", bidi.LeftToRight),
			hidden,
			textview.NewLabel(strings.Repeat("Ett långt stycke som bryts på flera rader. ", 12), bidi.LeftToRight),
			rect,
			textview.NewLabel("مقهى اللغة", bidi.RightToLeft),
		}
	}
	for _, width := range []float32{320, 1080} {
		// A VBox places the labels right once laid out again: first at
		// their unwrapped heights, then at the heights they wrap to at
		// the width. The column does in its first layout.
		vbox := container.NewVBox(parts()...)
		for range 2 {
			vbox.Resize(fyne.NewSize(width, vbox.MinSize().Height))
			vbox.Refresh()
		}
		col := column(filling(parts()...))
		col.Resize(fyne.NewSize(width, col.MinSize().Height))
		if got, want := col.MinSize(), vbox.MinSize(); got != want {
			t.Errorf("width %v: the column's MinSize is %v, a VBox's %v", width, got, want)
		}
		for i := range vbox.Objects {
			v, c := vbox.Objects[i], col.Objects[i]
			if c.Position() != v.Position() || c.Size() != v.Size() {
				t.Errorf("width %v, part %d: the column places it at %v, %v; a VBox at %v, %v", width, i, c.Position(), c.Size(), v.Position(), v.Size())
			}
		}
	}

	lines := func() []fyne.CanvasObject {
		title := textview.NewLabel("Hjälp med blanketter för kvinnor", bidi.LeftToRight)
		title.TextStyle.Bold = true
		return []fyne.CanvasObject{title, textview.NewLabel("tisdag 1 december 2026, 10:00 · Digitalt · om 1 vecka", bidi.LeftToRight)}
	}
	padded := container.NewPadded(container.New(layout.NewCustomPaddedVBoxLayout(0), lines()...))
	inset := container.New(insetLines{}, lines()...)
	for _, c := range []*fyne.Container{padded, inset} {
		c.Resize(fyne.NewSize(600, c.MinSize().Height))
		c.Refresh()
	}
	if got, want := inset.MinSize(), padded.MinSize(); got != want {
		t.Errorf("a link row's lines ask for %v, the padded VBox for %v", got, want)
	}
	inner := padded.Objects[0].(*fyne.Container)
	for i := range inset.Objects {
		want := inner.Position().Add(inner.Objects[i].Position())
		if got := inset.Objects[i].Position(); got != want || inset.Objects[i].Size() != inner.Objects[i].Size() {
			t.Errorf("line %d is at %v, %v; in the padded VBox at %v, %v", i, got, inset.Objects[i].Size(), want, inner.Objects[i].Size())
		}
	}
}

// A link row is as large as its lines, and its button as large as the
// row (its own MinSize, an empty text's, is left out): the same size a
// Stack of the two gives it.
func TestLinkRowIsItsLines(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	_ = w
	row := u.linkRow(content.Text{content.Swedish: "Språkcafé"}, "tisdag 1 december 2026, 10:00", func() {}).(*fyne.Container)
	stack := container.NewStack(row.Objects...)
	if got, want := row.MinSize(), stack.MinSize(); got != want {
		t.Errorf("a link row asks for %v, a Stack of its button and lines for %v", got, want)
	}
	row.Resize(fyne.NewSize(500, 140))
	for _, o := range row.Objects {
		if o.Size() != row.Size() || o.Position() != (fyne.Position{}) {
			t.Errorf("%T in the row is at %v, %v", o, o.Position(), o.Size())
		}
	}
}

// A detail screen shorter than its window, whose texts wrap at its width,
// shows every part below the one before, each as tall as its lines,
// after the one layout it gets when shown; in Arabic too.
func TestDetailScreenPartsDoNotOverlap(t *testing.T) {
	for _, lang := range []content.Lang{content.Swedish, content.Arabic} {
		u, w := newTestUI(t, lang)
		applyBuiltin(t, u, stockholmTime(t, "2024-05-14 09:00"), nil)
		w.Resize(fyne.NewSize(420, 4000))
		for _, p := range []page{eventPage{id: "kias-oppet-hus-2024-05-15"}, projectPage{id: "kias-2"}, servicePage{id: "sos-112"}} {
			u.Open(p)
			col := findFirst[*detailScreen](t, w, "detail screen").column
			var prev fyne.CanvasObject
			oneLine := u.uiText("Mg").MinSize().Height
			wrapped := 0
			for _, o := range col.Objects {
				if !o.Visible() {
					continue
				}
				if got, min := o.Size().Height, o.MinSize().Height; got < min {
					t.Errorf("%s %T: a %T is %v high, its lines %v", lang, p, o, got, min)
				}
				if l, ok := o.(*textview.Label); ok && !strings.Contains(l.Text, "\n") && l.MinSize().Height > 1.5*oneLine {
					wrapped++
				}
				if prev != nil && prev.Position().Y+prev.Size().Height > o.Position().Y {
					t.Errorf("%s %T: a %T at %v overlaps the %T above it (%v, %v high)", lang, p, o, o.Position().Y, prev, prev.Position().Y, prev.Size().Height)
				}
				prev = o
			}
			if wrapped == 0 {
				t.Errorf("%s %T: no text wraps at this width, so it does not test wrapping", lang, p)
			}
			if col.Size().Height > w.Canvas().Size().Height {
				t.Errorf("%s %T: the screen is taller than the window, so it does not test a short one", lang, p)
			}
		}
	}
}
