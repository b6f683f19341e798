package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/internal/content"
)

// buildHeader is the bar on top of every screen: home, and the four
// languages, each by its own name, always one touch away.
func (u *UI) buildHeader() fyne.CanvasObject {
	home := widget.NewButtonWithIcon(u.t("Home"), theme.HomeIcon(), u.Home)
	langs := container.NewHBox()
	for _, l := range content.Languages {
		l := l
		b := widget.NewButton(u.catalog.For(l).T("LanguageName", nil), func() { u.SetLanguage(l) })
		if l == u.Lang() {
			b.Importance = widget.HighImportance
		}
		langs.Add(b)
	}
	return container.NewBorder(nil, nil, home, langs)
}

// navBar is the top of a screen below home: back, and the screen's title.
func (u *UI) navBar(title string) fyne.CanvasObject {
	back := widget.NewButtonWithIcon(u.t("Back"), theme.NavigateBackIcon(), u.Back)
	return container.NewBorder(nil, nil, back, nil, heading(title))
}

func heading(s string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func paragraph(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// field is a label and its value on one detail screen, skipped when the
// value is empty.
func field(box *fyne.Container, label, value string) {
	if value == "" {
		return
	}
	l := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	box.Add(container.NewVBox(l, paragraph(value)))
}

// row is one line of a list: what it is, and a second line about it.
type row struct {
	title, detail string
	open          func()
}

// rowList is a virtualised list, so even tens of thousands of rows only
// make as many widgets as fit on the screen.
func rowList(rows []row) *widget.List {
	list := widget.NewList(
		func() int { return len(rows) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("")
			detail.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(title, detail)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(rows[i].title)
			d := box.Objects[1].(*widget.Label)
			d.SetText(rows[i].detail)
			if rows[i].detail == "" {
				d.Hide()
			} else {
				d.Show()
			}
		})
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		if rows[i].open != nil {
			rows[i].open()
		}
	}
	return list
}

// message fills a screen that has nothing else to show, so no screen is
// ever empty.
func message(s string) fyne.CanvasObject {
	l := paragraph(s)
	l.Alignment = fyne.TextAlignCenter
	return container.NewCenter(l)
}
