package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/kiosk"
	"github.com/motesplats/motesplats/internal/store"
)

// My list: the items a guide at a desk picks to show a family, or to hand
// over as a calendar file. Desktop mode only: a kiosk keeps nothing of
// one visitor for the next.

// myList is the list kept in the store's settings.
func (u *UI) myList() *kiosk.MyList { return kiosk.NewMyList(u.lib.Store) }

// myListButton adds the item to My list or takes it off; nil in kiosk
// mode.
func (u *UI) myListButton(kind content.Kind, id string) fyne.CanvasObject {
	if u.Kiosk() {
		return nil
	}
	it := kiosk.Item{Kind: kind, ID: id}
	b := u.iconButton("", nil, nil)
	var on bool
	show := func() {
		if on {
			b.SetText(u.t("RemoveFromMyList"))
			b.SetIcon(theme.ContentRemoveIcon())
		} else {
			b.SetText(u.t("AddToMyList"))
			b.SetIcon(theme.ContentAddIcon())
		}
	}
	on, _ = u.myList().Contains(it) // an unreadable list reads as empty
	show()
	b.OnTapped = func() {
		var err error
		if on {
			err = u.myList().Remove(it)
		} else {
			_, err = u.myList().Add(it)
		}
		switch {
		case errors.Is(err, kiosk.ErrListFull):
			u.notify(u.t("MyListFull"))
		case err != nil:
			u.notify(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
		default:
			on = !on
			show()
		}
	}
	return b
}

type myListPage struct{}

func (myListPage) title(u *UI) content.Text { return u.ui(u.t("NavMyList")) }

// listed is one item of My list with what the screen shows of it.
type listed struct {
	item  kiosk.Item
	title content.Text
	event *content.Event // set for events, for the calendar export
}

func (myListPage) build(u *UI) fyne.CanvasObject {
	items, err := u.listedItems()
	if err != nil {
		return u.readError(err)
	}
	if len(items) == 0 {
		return u.message(u.t("MyListEmpty"))
	}
	count := u.uiText(u.loc.N("MyListCount", len(items), nil))
	clear := u.iconButton(u.t("ClearMyList"), theme.DeleteIcon(), func() {
		if err := u.myList().Clear(); err != nil {
			u.notify(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
		}
		u.show()
	})
	bar := u.actionBar(u.exportListButton(items), clear)
	return container.NewBorder(container.NewVBox(count, bar), nil, nil, nil, u.myListRows(items))
}

// exportListButton saves the events on the list as one calendar; nil
// when there are none.
func (u *UI) exportListButton(items []listed) fyne.CanvasObject {
	var events []content.Event
	for _, it := range items {
		if it.event != nil {
			events = append(events, *it.event)
		}
	}
	if len(events) == 0 {
		return nil
	}
	return u.exportButton("motesplats.ics", func() []content.Event { return events })
}

// myListRows is the list itself: each row opens its item and has a
// button to take it off.
func (u *UI) myListRows(items []listed) fyne.CanvasObject {
	list := widget.NewList(
		func() int { return len(items) },
		func() fyne.CanvasObject {
			title := bold(u.uiText(""))
			title.MaxLines = 1
			kind := u.uiText("")
			kind.MaxLines = 1
			remove := u.iconButton(u.t("RemoveItem"), theme.ContentRemoveIcon(), nil)
			text := container.New(layout.NewCustomPaddedVBoxLayout(0), title, kind)
			return u.sides(nil, text, remove)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			it := items[i]
			title, kind, remove := u.myListRowParts(o.(*fyne.Container))
			u.setText(title, it.title)
			kind.SetText(u.kindName(it.item.Kind))
			remove.OnTapped = func() {
				if err := u.myList().Remove(it.item); err != nil {
					u.notify(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
				}
				u.show()
			}
		})
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		u.Open(pageOf(items[i].item))
	}
	return list
}

// myListRowParts finds the labels and button of a row made by
// myListRows (the Border layout keeps the centre first).
func (u *UI) myListRowParts(row *fyne.Container) (title, kind *textview.Label, remove *widget.Button) {
	for _, o := range row.Objects {
		switch v := o.(type) {
		case *widget.Button:
			remove = v
		case *fyne.Container:
			title, kind = v.Objects[0].(*textview.Label), v.Objects[1].(*textview.Label)
		}
	}
	return title, kind, remove
}

// kindName is what an item is, in the catalogs' words.
func (u *UI) kindName(k content.Kind) string {
	switch k {
	case content.KindArticle:
		return u.t("KindArticle")
	case content.KindService:
		return u.t("KindService")
	case content.KindEvent:
		return u.t("KindEvent")
	}
	return u.t("KindProject")
}

// pageOf is the screen that shows an item of My list.
func pageOf(it kiosk.Item) page {
	switch it.Kind {
	case content.KindArticle:
		return articlePage{id: it.ID}
	case content.KindService:
		return servicePage{id: it.ID}
	case content.KindEvent:
		return eventPage{id: it.ID}
	}
	return projectPage{id: it.ID}
}

// listedItems reads My list and the items on it. Items a content update
// removed are dropped from the stored list as it is read. The existence
// check reads on its own, outside the snapshot below: Items may write the
// settings, and a write must not wait on a read the same goroutine holds.
func (u *UI) listedItems() ([]listed, error) {
	exists := func(kind content.Kind, id string) bool {
		var ok bool
		u.lib.Store.View(func(tx *store.Tx) error { _, ok = lookUp(tx, kiosk.Item{Kind: kind, ID: id}); return nil })
		return ok
	}
	items, err := u.myList().Items(exists)
	if err != nil && !errors.Is(err, kiosk.ErrListDamaged) {
		return nil, err
	}
	out := make([]listed, 0, len(items))
	err = u.lib.Store.View(func(tx *store.Tx) error {
		for _, it := range items {
			if l, ok := lookUp(tx, it); ok {
				out = append(out, l)
			}
		}
		return nil
	})
	return out, err
}

// lookUp reads one item of My list; ok is false when it no longer exists.
func lookUp(tx *store.Tx, it kiosk.Item) (l listed, ok bool) {
	l.item = it
	switch it.Kind {
	case content.KindArticle:
		var a content.Article
		a, ok, _ = tx.Article(it.ID)
		l.title = a.Title
	case content.KindService:
		var s content.Service
		s, ok, _ = tx.Service(it.ID)
		l.title = s.Name
	case content.KindEvent:
		var e content.Event
		e, ok, _ = tx.Event(it.ID)
		l.title, l.event = e.Title, &e
	case content.KindProject:
		var p content.Project
		p, ok, _ = tx.Project(it.ID)
		l.title = p.Name
	}
	return l, ok
}
