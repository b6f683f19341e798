package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// rowReserve keeps the row widgets a list lets go, for the list to use
// again. Fyne's list drops every row it keeps in reserve at each full
// refresh (a refresh may bring a new theme, widget/list.go), so when a
// search's results shrank or the field was cleared, the next keystroke
// made a screenful of rows anew, each with its renderers: the slowest
// keystrokes typed (BENCHMARKS.md, issue 16).
//
// A row is spare when Fyne's list no longer holds it. That is known only
// just after a full refresh (the list then holds only the rows it set up
// in it), so a list whose rows should be kept is refreshed through
// refresh. A spare row is made blank again before it is handed out, as
// Fyne measures a new item to size every row; spare rows made in another
// theme are not used again.
type rowReserve struct {
	list       *widget.List
	made       []fyne.CanvasObject // every row made, held by the list or spare
	spare      []*card
	theme      fyne.Theme // the theme the spare rows were set up in
	refreshing bool
	setUpNow   map[fyne.CanvasObject]bool // the rows set up by the refresh under way
}

// take is the list's CreateItem: a spare row made blank, else a new one.
func (r *rowReserve) take(newRow func() *card) fyne.CanvasObject {
	if len(r.spare) > 0 && r.theme != currentTheme() {
		r.forgetSpare()
	}
	if n := len(r.spare); n > 0 {
		c := r.spare[n-1]
		r.spare = r.spare[:n-1]
		blankRow(c)
		return c
	}
	c := newRow()
	r.made = append(r.made, c)
	return c
}

// setUp notes that the list set up row o.
func (r *rowReserve) setUp(o fyne.CanvasObject) {
	if r.refreshing {
		r.setUpNow[o] = true
	}
}

// refresh refreshes the list, or the widget over it, in full, and keeps
// the rows the list let go. A list not laid out yet may keep rows through
// a refresh, so nothing is taken back from it then.
func (r *rowReserve) refresh(o fyne.CanvasObject) {
	r.refreshing, r.setUpNow = true, map[fyne.CanvasObject]bool{}
	o.Refresh()
	r.refreshing = false
	if r.list.Size().Height <= 0 {
		return
	}
	r.spare = r.spare[:0]
	for _, row := range r.made {
		if !r.setUpNow[row] {
			r.spare = append(r.spare, row.(*card))
		}
	}
	r.setUpNow = nil
	r.theme = currentTheme()
}

// prewarm makes spare rows, with their renderers, until n are spare: a
// screen whose list will be filled at the first keystroke makes its rows
// while it opens, not while the visitor types.
func (r *rowReserve) prewarm(newRow func() *card, n int) {
	if len(r.spare) > 0 && r.theme != currentTheme() {
		r.forgetSpare()
	}
	for len(r.spare) < n {
		c := newRow()
		c.MinSize() // makes the renderers
		r.made = append(r.made, c)
		r.spare = append(r.spare, c)
	}
	r.theme = currentTheme()
}

// forgetSpare lets the spare rows go for good.
func (r *rowReserve) forgetSpare() {
	kept := r.made[:0]
	for _, row := range r.made {
		spare := false
		for _, s := range r.spare {
			spare = spare || row == fyne.CanvasObject(s)
		}
		if !spare {
			kept = append(kept, row)
		}
	}
	clear(r.made[len(kept):])
	r.made, r.spare = kept, nil
}

// blankRow makes a row as newRow made it, so it measures the same.
func blankRow(c *card) {
	if c.plain {
		c.plain = false
		c.Refresh()
	}
	title, detail, iconBox, icon := rowParts(c)
	if title.Text != "" || title.ColorName != "" {
		title.ColorName = ""
		title.SetText("")
	}
	if detail.Text != "" {
		detail.SetText("")
	}
	detail.Hidden = false
	iconBox.Hidden = false
	if icon.Image != nil {
		icon.Image = nil
		icon.Refresh()
	}
}

func currentTheme() fyne.Theme {
	if a := fyne.CurrentApp(); a != nil {
		return a.Settings().Theme()
	}
	return nil
}
