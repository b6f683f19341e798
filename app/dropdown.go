package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/bidi"
)

// dropDown is the app's drop-down: a button showing the choice, and a
// pop-up list of the options, every text laid out by textview so a
// Swedish place name in an Arabic list reads right and the list is
// right-aligned in Arabic. Fyne's Select does neither.
type dropDown struct {
	widget.BaseWidget

	Options  []string
	Selected string
	// OnChanged hears a new choice (not the one it starts with).
	OnChanged func(string)

	dir    bidi.Direction
	button *textview.Button
	popUp  *widget.PopUp
}

func newDropDown(options []string, selected string, dir bidi.Direction, changed func(string)) *dropDown {
	d := &dropDown{Options: options, Selected: selected, dir: dir}
	d.button = textview.NewButton(selected, theme.MenuDropDownIcon(), dir, d.open)
	d.ExtendBaseWidget(d)
	d.OnChanged = changed
	return d
}

// SetSelected chooses an option, as a tap on it would.
func (d *dropDown) SetSelected(s string) {
	d.closeList()
	if s == d.Selected {
		return
	}
	d.Selected = s
	d.button.SetText(s)
	if d.OnChanged != nil {
		d.OnChanged(s)
	}
}

// Tapped is part of fyne.Tappable: it opens the list.
func (d *dropDown) Tapped(*fyne.PointEvent) { d.open() }

func (d *dropDown) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(d.button)
}

// open shows the options under the drop-down, as wide as it and at most
// half the window high (the list scrolls).
func (d *dropDown) open() {
	c := fyne.CurrentApp().Driver().CanvasForObject(d)
	if c == nil {
		return
	}
	rows := container.NewVBox()
	for _, o := range d.Options {
		b := textview.NewButton(o, nil, d.dir, func() { d.SetSelected(o) })
		b.Importance = widget.LowImportance
		if o == d.Selected {
			b.Importance = widget.HighImportance
		}
		rows.Add(b)
	}
	list := touch.Scroll(container.NewVScroll(rows)) // a finger scrolls the 290 municipalities
	d.popUp = widget.NewPopUp(list, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d)
	height := min(rows.MinSize().Height, c.Size().Height/2)
	below := pos.Y + d.Size().Height
	if below+height > c.Size().Height { // no room below: open upwards
		below = max(pos.Y-height, 0)
	}
	d.popUp.ShowAtPosition(fyne.NewPos(pos.X, below))
	d.popUp.Resize(fyne.NewSize(d.Size().Width, height))
}

func (d *dropDown) closeList() {
	if d.popUp != nil {
		d.popUp.Hide()
		d.popUp = nil
	}
}

// Open reports whether the list is showing.
func (d *dropDown) Open() bool { return d.popUp != nil && d.popUp.Visible() }
