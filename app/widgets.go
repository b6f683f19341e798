package app

import (
	"image"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/drawn"
	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
)

// Every text on screen goes through textview, so Arabic lines mixed with
// Swedish names and digits come out in the right order; layouts mirror
// for right-to-left languages through the helpers here.

// dirOf is the direction of a language's script.
func dirOf(lang content.Lang) bidi.Direction {
	if lang == content.Arabic {
		return bidi.RightToLeft
	}
	return bidi.LeftToRight
}

// rtl reports whether the UI reads right to left.
func (u *UI) rtl() bool { return dirOf(u.Lang()) == bidi.RightToLeft }

// uiText is a message from the catalogs, in the UI's direction.
func (u *UI) uiText(s string) *textview.Label { return textview.NewLabel(s, dirOf(u.Lang())) }

// contentText is a content text in the reader's language (with fallback),
// laid out in the direction of the language it is actually in.
func (u *UI) contentText(t content.Text) *textview.Label {
	s, lang := t.In(u.Lang())
	return textview.NewLabel(s, dirOf(lang))
}

// valueText is a phone number, address or link: kept left to right as a
// unit, placed at the start of the UI's reading direction.
func (u *UI) valueText(s string) *textview.Label {
	if s == "" {
		return textview.NewLabel("", dirOf(u.Lang())) // field leaves it out
	}
	return textview.NewLabel(textview.Isolate(s), dirOf(u.Lang()))
}

// sides places lead at the start of the reading direction and trail at
// its end: left and right, or right and left in Arabic.
func (u *UI) sides(lead, center, trail fyne.CanvasObject) *fyne.Container {
	if u.rtl() {
		lead, trail = trail, lead
	}
	return container.NewBorder(nil, nil, lead, trail, center)
}

// inReadingOrder lays objects out in a row in reading order.
func (u *UI) inReadingOrder(objs ...fyne.CanvasObject) []fyne.CanvasObject {
	if u.rtl() {
		for i, j := 0, len(objs)-1; i < j; i, j = i+1, j-1 {
			objs[i], objs[j] = objs[j], objs[i]
		}
	}
	return objs
}

// iconButton is the app's button: its text laid out by textview in the
// UI's direction, its icon leading in reading order.
func (u *UI) iconButton(label string, icon fyne.Resource, tap func()) *textview.Button {
	return textview.NewButton(label, icon, dirOf(u.Lang()), tap)
}

// heading makes a label a screen or section title.
func heading(l *textview.Label) *textview.Label {
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func bold(l *textview.Label) *textview.Label {
	l.TextStyle.Bold = true
	return l
}

// tile is a large button whose text is drawn by textview, so a mixed
// label such as "مشاريع AMIF" reads right; the button under it takes the tap.
func (u *UI) tile(label string, icon fyne.Resource, tap func()) fyne.CanvasObject {
	b := widget.NewButton("", tap)
	b.Importance = widget.HighImportance
	text := u.uiText(label)
	text.Wrapping = false
	text.TextStyle.Bold = true
	text.ColorName = theme.ColorNameForegroundOnPrimary
	content := container.NewHBox(u.inReadingOrder(newTileIcon(icon, 0, u.windowCanvas()), text)...)
	return container.NewStack(b, container.NewCenter(content))
}

// pictureTile is a large button with a pictogram over its title, for
// choices a visitor makes by the picture: the topics. With a photo (a
// topic's picture, or nil) the photo takes the pictogram's place and the
// pictogram sits on a badge over it (app/tile.go).
func (u *UI) pictureTile(label string, icon fyne.Resource, photo image.Image, side float32, tap func()) fyne.CanvasObject {
	b := widget.NewButton("", tap)
	b.Importance = widget.HighImportance
	text := u.uiText(label)
	text.MaxLines = 2
	text.Centered = true
	text.TextStyle.Bold = true
	text.ColorName = theme.ColorNameForegroundOnPrimary
	// The title wraps in the tile's whole width, so a long one takes two
	// lines rather than widening every column of the grid.
	if photo != nil {
		return container.NewStack(b, u.photoTileContent(photo, icon, side, text))
	}
	picture := newTileIcon(icon, side, u.windowCanvas())
	content := container.NewVBox(layout.NewSpacer(), container.NewCenter(picture), text, layout.NewSpacer())
	return container.NewStack(b, content)
}

// Pictogram sizes: on a topic tile, seen from a step away (larger on
// the topics screen, whose tiles fill it); in a list row, as tall as its
// two lines.
const (
	pictureTileIcon      = 64
	largePictureTileIcon = 112
	rowIcon              = 40
)

// row is one line of a list: what it is, a second line about it, and
// the pictogram of its category or kind ("" for none). A section row is a
// heading inside the list ("Earlier projects"), drawn in the theme's
// primary colour without a card; it opens nothing.
type row struct {
	title, detail content.Text
	icon          string
	open          func()
	section       bool
}

// sectionRow is a heading row with a catalog message.
func (u *UI) sectionRow(message string) row { return row{title: u.ui(message), section: true} }

// rowList is a virtualised list, so even tens of thousands of rows only
// make as many widgets as fit on the screen.
func (u *UI) rowList(rows []row) *widget.List {
	return u.rowListOf(func() []row { return rows })
}

// rowListOf is rowList over rows that may change (a filtered list).
func (u *UI) rowListOf(get func() []row) *widget.List {
	return u.rowListAt(func() int { return len(get()) }, func(i int) row { return get()[i] })
}

// rowListAt is rowListOf over rows made when they come into view: count
// says how many there are, at makes row i.
func (u *UI) rowListAt(count func() int, at func(int) row) *widget.List {
	list, _ := u.reusingRowList(count, at)
	return list
}

// reusingRowList is rowListAt with a reserve of row widgets that outlives
// the list's full refreshes: a list refreshed again and again (the search
// screen's, at every keystroke) refreshes it through the reserve.
func (u *UI) reusingRowList(count func() int, at func(int) row) (*widget.List, *rowReserve) {
	reserve := &rowReserve{}
	list := widget.NewList(count, func() fyne.CanvasObject { return reserve.take(u.newRow) }, nil)
	list.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		reserve.setUp(o)
		u.setRow(o.(*card), at(i))
	}
	reserve.list = list
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		if r := at(i); r.open != nil {
			r.open()
		}
	}
	return list, reserve
}

// rowsInView is how many list rows the window can show at once, at most.
func (u *UI) rowsInView() int {
	if u.win == nil {
		return 0
	}
	row := u.newRow().MinSize().Height
	if row <= 0 {
		return 0
	}
	return int(u.win.Canvas().Size().Height/row) + 1
}

// newRow makes a blank row widget: a card with the pictogram's place and
// a title and a detail line, each one line at most.
func (u *UI) newRow() *card {
	title := bold(u.uiText(""))
	title.MaxLines = 1
	detail := u.uiText("")
	detail.MaxLines = 1
	text := container.New(layout.NewCustomPaddedVBoxLayout(0), title, detail)
	icon := canvas.NewImageFromImage(nil)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(rowIcon))
	return newCard(u.sides(container.NewCenter(icon), text, nil))
}

// rowParts are the parts of a row widget that setRow changes.
func rowParts(c *card) (title, detail *textview.Label, iconBox *fyne.Container, icon *canvas.Image) {
	box := c.content.(*fyne.Container)
	text := box.Objects[0].(*fyne.Container)
	iconBox = box.Objects[1].(*fyne.Container)
	return text.Objects[0].(*textview.Label), text.Objects[1].(*textview.Label), iconBox, iconBox.Objects[0].(*canvas.Image)
}

// setRow shows r in a row widget, changing only what differs from what it
// shows (a list refreshed as the visitor types mostly shows the same rows
// again).
func (u *UI) setRow(c *card, r row) {
	if c.plain != r.section { // a reused item turned heading or back
		c.plain = r.section
		c.Refresh()
	}
	title, d, iconBox, icon := rowParts(c)
	colour := fyne.ThemeColorName("")
	if r.section {
		colour = theme.ColorNamePrimary
	}
	u.setRowText(title, r.title, colour)
	u.setRowText(d, r.detail, "")
	d.Hidden = d.Text == ""
	iconBox.Hidden = r.icon == ""
	if r.icon != "" {
		if img := u.rowPictogram(r.icon); icon.Image != img {
			icon.Image = img
			icon.Refresh()
		}
	}
}

// rowPictogram is pictogram name drawn for a list row, in the theme's
// primary colour, at the pixel size of the window's scale. Each is drawn
// once and shared by every row: an image made from the SVG instead
// colours, parses and draws it again at every Refresh and at its first
// MinSize, and Fyne's list makes its row widgets anew after every full
// refresh that left some unused (it drops them rather than keep them
// through a theme change), so pictograms were a quarter of a search
// keystroke's time and half its allocations (BENCHMARKS.md, issue 16).
// A new theme colour or scale draws them anew (and the list's refresh
// on a theme change sets every row again).
func (u *UI) rowPictogram(name string) image.Image {
	scale := float32(1)
	if u.win != nil {
		scale = u.win.Canvas().Scale()
	}
	// Fyne draws an SVG outside a window at twice its size: an even
	// number of pixels.
	side := 2 * int(math.Ceil(float64(rowIcon*scale/2)))
	return drawn.Pictogram(pictogramIn(name, theme.ColorNamePrimary), side, side)
}

// setRowText puts a content text into a reused row's label, in colour;
// a label that shows it already is left alone (a list refreshed as the
// visitor types mostly shows the same rows again, and laying a label out
// is most of a row's time).
func (u *UI) setRowText(l *textview.Label, t content.Text, colour fyne.ThemeColorName) {
	s, lang := t.In(u.Lang())
	if l.Text == s && l.Direction == dirOf(lang) && l.ColorName == colour {
		return
	}
	l.ColorName = colour
	u.setText(l, t)
}

// setText puts a content text into a reused label.
func (u *UI) setText(l *textview.Label, t content.Text) {
	s, lang := t.In(u.Lang())
	l.Direction = dirOf(lang)
	l.SetText(s)
}

// ui turns a catalog message into a Text, for lists that mix messages
// with content.
func (u *UI) ui(s string) content.Text { return content.Text{u.Lang(): s} }

// message fills a screen that has nothing else to show, so no screen is
// ever empty.
func (u *UI) message(s string) fyne.CanvasObject {
	return container.NewPadded(container.NewVBox(layout.NewSpacer(), u.uiText(s), layout.NewSpacer()))
}

// filteredList is a list with a field above it that narrows the rows to
// those whose text, in any language, contains what is typed; so a Swedish
// name typed in the Arabic UI still finds its row. Its haystacks (see
// haystacks) come with the rows when they were made off the UI goroutine
// (readLater: a whole country's services fold their texts there, not at
// the first keystroke); without them they are made at the first
// keystroke, then kept for the list.
func (u *UI) filteredList(f filterable) fyne.CanvasObject {
	rows, hay := f.rows, f.hay
	shown := rows
	list := u.rowListOf(func() []row { return shown })
	field := u.session.newEntry(u.t("FilterPlaceholder"), "")
	field.OnChanged = func(q string) {
		if hay == nil {
			hay = haystacks(rows)
		}
		shown = filterRows(rows, hay, q)
		list.ScrollToTop()
		list.Refresh()
	}
	return container.NewBorder(field, nil, nil, nil, touch.List(list))
}

// filterable are a filtered list's rows and their haystacks (nil: made
// at the first keystroke).
type filterable struct {
	rows []row
	hay  []string
}

// withHaystacks are rows with their haystacks, made now: off the UI
// goroutine, in a list's read (readLater).
func withHaystacks(rows []row) filterable { return filterable{rows: rows, hay: haystacks(rows)} }

// haystacksWatch, set only by tests, is called when haystacks are made.
var haystacksWatch func(n int)

// haystacks are the rows' texts in every language, lower-cased once: a
// row's title and detail texts joined by a line break, which no query
// typed in the one-line field holds.
func haystacks(rows []row) []string {
	if haystacksWatch != nil {
		haystacksWatch(len(rows))
	}
	out := make([]string, len(rows))
	var b strings.Builder
	for i, r := range rows {
		b.Reset()
		for _, t := range [2]content.Text{r.title, r.detail} {
			for _, s := range t {
				b.WriteString(strings.ToLower(s))
				b.WriteByte('\n')
			}
		}
		out[i] = b.String()
	}
	return out
}

// filterRows keeps the rows whose haystack (see haystacks) holds the query.
func filterRows(rows []row, hay []string, query string) []row {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return rows
	}
	var out []row
	for i, r := range rows {
		if strings.Contains(hay[i], q) {
			out = append(out, r)
		}
	}
	return out
}

// card is a list row drawn as a card: a rounded panel in the buttons'
// colour with a hairline edge, a small gap to the next, so each item
// stands apart. Its colours come from the theme at every refresh, so the
// contrast toggle recolours it.
type card struct {
	widget.BaseWidget
	content fyne.CanvasObject
	plain   bool // no panel: a heading among the cards
}

func newCard(content fyne.CanvasObject) *card {
	c := &card{content: content}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is part of fyne.Widget.
func (c *card) CreateRenderer() fyne.WidgetRenderer {
	r := &cardRenderer{card: c, panel: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type cardRenderer struct {
	card  *card
	panel *canvas.Rectangle
}

// gap is the space around the panel; the content sits a padding inside it.
func (r *cardRenderer) gap() float32 { return r.card.Theme().Size(theme.SizeNamePadding) }

func (r *cardRenderer) Layout(size fyne.Size) {
	g := r.gap()
	r.panel.Move(fyne.NewPos(0, g/2))
	r.panel.Resize(fyne.NewSize(size.Width, size.Height-g))
	r.card.content.Move(fyne.NewPos(2*g, g))
	r.card.content.Resize(fyne.NewSize(size.Width-4*g, size.Height-2*g))
}

func (r *cardRenderer) MinSize() fyne.Size {
	g := r.gap()
	return r.card.content.MinSize().Add(fyne.NewSize(4*g, 2*g))
}

func (r *cardRenderer) Refresh() {
	th, v := r.card.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.panel.FillColor = th.Color(theme.ColorNameButton, v)
	r.panel.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.panel.StrokeWidth = 1
	r.panel.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
	r.panel.Hidden = r.card.plain
	r.panel.Refresh()
	r.card.content.Refresh()
}

func (r *cardRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.panel, r.card.content}
}

func (r *cardRenderer) Destroy() {}
