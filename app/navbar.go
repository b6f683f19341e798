package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
)

// The navigation bar holds what every screen shares: Home, Back, text
// size, contrast, the four languages and the staff's gear. On a portrait
// kiosk it sits at the bottom, where a child or a visitor in a wheelchair
// reaches it; on a landscape screen at the top.
//
// Its cells have fixed sizes that depend only on the window's width: a
// text that changes with the language or the text size ends with an
// ellipsis rather than widen its cell, so no control ever moves under a
// finger. The bar is drawn with the default text size for that reason:
// its buttons name their own text size (sizeNameBarText), which A− / A+
// leave alone. It is not a theme override: Fyne parses the fonts again
// for every theme scope (about 8 MB for the bar's bold text) and every
// new override is a new scope, so each language switch, which builds the
// bar anew, parsed them once more (app/fonts_test.go).

const (
	navCellHeight = 56 // dp: above the 48 dp a finger hits reliably
	navGap        = 8  // dp between cells
	// navMinCell is the narrowest a cell may be before the bar takes two
	// rows (controls, then languages), as on a 1080-wide portrait screen.
	navMinCell = 150
)

// navHeight is the bar's height with the given number of rows.
func navHeight(rows int) float32 {
	return float32(rows)*navCellHeight + float32(rows+1)*navGap
}

// buildHeader makes the navigation bar for the current language, mode
// and contrast.
func (n *navigator) buildHeader() fyne.CanvasObject {
	u := n.u
	dir := dirOf(u.Lang())
	button := func(text string, icon fyne.Resource, tap func()) *textview.Button {
		b := textview.NewButton(text, icon, dir, tap)
		b.SizeName = sizeNameBarText
		return b
	}
	back := theme.NavigateBackIcon()
	if u.rtl() {
		back = theme.NavigateNextIcon()
	}
	n.backButton = button(u.t("Back"), back, n.Back)
	contrast := button(u.t("Contrast"), theme.VisibilityIcon(), func() { u.session.touch(); u.toggleContrast() })
	if u.theme != nil && u.theme.highContrast {
		contrast.Importance = widget.HighImportance
	}
	admin := button("", theme.SettingsIcon(), u.session.openAdmin)
	admin.Importance = widget.LowImportance
	controls := []fyne.CanvasObject{
		button(u.t("Home"), theme.HomeIcon(), n.Home),
		n.backButton,
		button(u.t("TextSmaller"), nil, func() { u.session.touch(); u.changeTextSize(-1) }),
		button(u.t("TextLarger"), nil, func() { u.session.touch(); u.changeTextSize(1) }),
		contrast,
		admin,
	}
	var languages []fyne.CanvasObject
	for _, l := range content.Languages {
		b := button(u.catalog.For(l).T("LanguageName", nil), nil, func() { u.SetLanguage(l) })
		b.Direction = dirOf(l) // each name in its own script and direction
		if l == u.Lang() {
			b.Importance = widget.HighImportance
		}
		languages = append(languages, b)
	}
	n.updateBack()
	return container.New(&navLayout{controls: len(controls)}, append(u.inReadingOrder(controls...), u.inReadingOrder(languages...)...)...)
}

// navLayout places the bar's cells: one row of equal cells when they are
// at least navMinCell wide, else the controls in one row and the
// languages in a second. The row count follows from the height the
// screen layout gives (see screenLayout), so both agree.
type navLayout struct{ controls int }

func (l *navLayout) rows(size fyne.Size) int {
	if size.Height >= navHeight(2) {
		return 2
	}
	return 1
}

func (l *navLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	groups := [][]fyne.CanvasObject{objs}
	if l.rows(size) == 2 {
		groups = [][]fyne.CanvasObject{objs[:l.controls], objs[l.controls:]}
	}
	y := float32(navGap)
	for _, g := range groups {
		n := float32(len(g))
		w := (size.Width - (n+1)*navGap) / n
		for i, o := range g {
			o.Move(fyne.NewPos(navGap+float32(i)*(w+navGap), y))
			o.Resize(fyne.NewSize(w, navCellHeight))
		}
		y += navCellHeight + navGap
	}
}

func (l *navLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(l.controls)*(48+navGap)+navGap, navHeight(1))
}

// screenLayout lays the window out: the navigation bar at the bottom of a
// portrait window and at the top of a landscape one, the screen itself,
// and the status lines. Objects: bar, status, screen.
type screenLayout struct{ cells int }

// barRows is how many rows the bar takes in a window of this size.
func (l *screenLayout) barRows(size fyne.Size) int {
	if (size.Width-float32(l.cells+1)*navGap)/float32(l.cells) < navMinCell {
		return 2
	}
	return 1
}

// portrait reports whether the bar goes to the bottom.
func portrait(size fyne.Size) bool { return size.Height > size.Width }

func (l *screenLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	bar, status, screen := objs[0], objs[1], objs[2]
	barH := navHeight(l.barRows(size))
	statusH := status.MinSize().Height
	bar.Resize(fyne.NewSize(size.Width, barH))
	status.Resize(fyne.NewSize(size.Width, statusH))
	screenH := max(size.Height-barH-statusH, 0)
	screen.Resize(fyne.NewSize(size.Width, screenH))
	if portrait(size) {
		screen.Move(fyne.NewPos(0, 0))
		status.Move(fyne.NewPos(0, screenH))
		bar.Move(fyne.NewPos(0, screenH+statusH))
		return
	}
	bar.Move(fyne.NewPos(0, 0))
	screen.Move(fyne.NewPos(0, barH))
	status.Move(fyne.NewPos(0, barH+screenH))
}

func (l *screenLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := max(objs[0].MinSize().Width, objs[2].MinSize().Width)
	return fyne.NewSize(w, navHeight(1)+objs[1].MinSize().Height+objs[2].MinSize().Height)
}
