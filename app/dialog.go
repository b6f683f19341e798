package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
)

// The app's dialogs: Fyne's are about 170 px wide, left-aligned in
// Arabic, with titles and buttons outside the bidi code. These are a card
// in a modal pop-up, as wide as the text needs between 60 % and 90 % of
// the window, with title, text and buttons laid out by textview and the
// buttons in reading order.

// dialogBox is an open dialog.
type dialogBox struct {
	popUp *widget.PopUp
	// onClose, if set, runs once when the dialog closes.
	onClose func()
}

// Hide closes the dialog.
func (d *dialogBox) Hide() {
	if d.popUp.Visible() {
		d.popUp.Hide()
		if d.onClose != nil {
			d.onClose()
		}
	}
}

// showDialog opens a dialog with a title (none if empty), a body and
// buttons; each button closes the dialog before it does its work.
func (u *UI) showDialog(title string, body fyne.CanvasObject, buttons ...*textview.Button) *dialogBox {
	d := &dialogBox{}
	var parts []fyne.CanvasObject
	if title != "" {
		parts = append(parts, heading(u.uiText(title)))
	}
	parts = append(parts, body)
	if len(buttons) > 0 {
		row := make([]fyne.CanvasObject, len(buttons))
		for i, b := range buttons {
			tapped := b.OnTapped
			b.OnTapped = func() {
				d.Hide()
				if tapped != nil {
					tapped()
				}
			}
			row[i] = b
		}
		parts = append(parts, container.NewGridWithColumns(len(row), u.inReadingOrder(row...)...))
	}
	card := container.NewPadded(container.NewVBox(parts...))
	c := u.win.Canvas()
	d.popUp = widget.NewModalPopUp(container.New(&dialogLayout{canvas: c}, card), c)
	d.popUp.Show()
	return d
}

// dialogLayout gives the card its width: 60 % of the window, more (up to
// 90 %) when its content asks, and the height its wrapped text needs.
type dialogLayout struct{ canvas fyne.Canvas }

func (l *dialogLayout) width() float32 {
	return l.canvas.Size().Width * 0.6
}

func (l *dialogLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *dialogLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	window := l.canvas.Size()
	w := min(max(l.width(), objs[0].MinSize().Width), window.Width*0.9)
	objs[0].Resize(fyne.NewSize(w, objs[0].MinSize().Height)) // wrap the text at this width
	return fyne.NewSize(w, min(objs[0].MinSize().Height, window.Height*0.9))
}

// notify shows a short message with one button to close it.
func (u *UI) notify(text string) {
	u.showDialog(u.t("AppName"), u.uiText(text), u.iconButton(u.t("DismissDialog"), theme.ConfirmIcon(), nil))
}
